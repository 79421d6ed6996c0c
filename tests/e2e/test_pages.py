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
