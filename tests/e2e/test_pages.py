"""Chaque page du site, chargée dans Chromium : aucune erreur de console, aucune requête vers
un autre hôte (vérifié par la fixture `page`), et Pyodide téléchargé seulement là où il y a
un calculateur."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def _chemins(site_construit):
    plan = (site_construit / "sitemap.xml").read_text(encoding="utf-8")
    return [urlsplit(url).path.lstrip("/") for url in re.findall(r"<loc>([^<]+)</loc>", plan)]


def test_toutes_les_pages_sans_erreur_ni_pyodide_inutile(page, site_construit):
    chemins = _chemins(site_construit)
    assert len(chemins) > 20
    demandes = []
    page.on("request", lambda r: demandes.append(r.url))
    calculateurs = 0
    for chemin in chemins:
        demandes.clear()
        page.goto(chemin)
        expect(page.locator("h1").first).to_be_visible()
        formulaires = page.locator("form[data-calc]")
        if formulaires.count():
            calculateurs += 1
            expect(formulaires.first).to_have_attribute("data-calc-state", "ready")
            assert any("/pyodide/pyodide.asm.wasm" in url for url in demandes), chemin
        else:
            charges = [url for url in demandes if "/pyodide/" in url or "moteur.worker" in url or "calculators.zip" in url]
            assert not charges, f"{chemin} télécharge le moteur sans calculateur : {charges}"
    assert calculateurs >= 1


def test_passage_au_theme_sombre_sans_transition(page):
    """Changer de palette (clair ↔ sombre) : les couleurs changent d'un coup, transitions coupées
    le temps de la bascule (palette.js), puis rétablies ; rien de cela au chargement."""
    page.add_init_script("""window.__bascules = 0;
        new MutationObserver((changements) => changements.forEach((c) => {
            if (c.target === document.documentElement && !/palette-bascule/.test(c.oldValue || '')
                && c.target.classList.contains('palette-bascule')) window.__bascules++;
        })).observe(document, { subtree: true, attributes: true, attributeOldValue: true, attributeFilter: ['class'] });""")
    page.goto("glossaire/")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
    assert page.evaluate("window.__bascules") == 0
    page.locator("label[title='Passer au thème sombre']").click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    assert page.evaluate("window.__bascules") == 1
    expect(page.locator("html")).not_to_have_class(re.compile("palette-bascule"))
    lien = page.locator("article a").first
    assert page.evaluate("(a) => getComputedStyle(a).transitionDuration", lien.element_handle()) != "0s"
