"""Recherche de Material, en français, dans le site construit et servi.

La recherche de Material écoute les événements clavier : `fill()` ne la déclenche pas. On
donne le focus au champ puis on tape la requête touche par touche (`press_sequentially`).
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def rechercher(page, url_site: str, requete: str):
    page.goto(url_site)
    champ = page.locator("input.md-search__input")
    champ.click()
    expect(champ).to_be_focused()
    champ.press_sequentially(requete, delay=40)
    resultats = page.locator("li.md-search-result__item")
    expect(resultats.first).to_be_visible()
    return resultats


@pytest.mark.parametrize(
    ("requete", "attendu"),
    [
        ("mise en demeure", re.compile(r"mise en demeure", re.IGNORECASE)),
        ("pénalités", re.compile(r"pénalités?", re.IGNORECASE)),
        # Tapés sans accents, comme souvent : l'index porte aussi les formes repliées.
        ("penalites", re.compile(r"pénalités?", re.IGNORECASE)),
        ("impaye", re.compile(r"impayée?s?", re.IGNORECASE)),
    ],
)
def test_la_recherche_trouve_le_terme_et_propose_un_lien(page, url_site, requete, attendu):
    resultats = rechercher(page, url_site, requete)
    pertinent = resultats.filter(has_text=attendu).first
    expect(pertinent).to_be_visible()

    lien = pertinent.locator("a.md-search-result__link").first
    href = lien.get_attribute("href")
    assert href, "le résultat n'a pas de lien"
    cible = urljoin(page.url, href)
    assert cible.startswith(url_site), f"le résultat pointe hors du site : {cible}"

    lien.click()
    expect(page).to_have_url(re.compile(re.escape(cible.split("?")[0].split("#")[0])))
    contenu = page.locator("article.md-content__inner")
    expect(contenu.locator("h1")).to_have_count(1)
    expect(contenu).to_contain_text(attendu)


def test_une_recherche_sans_reponse_ne_montre_aucun_resultat(page, url_site):
    page.goto(url_site)
    champ = page.locator("input.md-search__input")
    champ.click()
    champ.press_sequentially("zzzqxwv", delay=40)
    expect(page.locator(".md-search-result__meta")).to_be_visible()
    expect(page.locator("li.md-search-result__item")).to_have_count(0)


def test_la_recherche_marche_aussi_sur_une_page_de_calculateur(page, url_site):
    # Sur une page de calculateur, le worker de recherche de Material attend que Python soit
    # prêt (moteur.js) ; aller dans le champ le lance aussitôt.
    page.goto(url_site + "calculateurs/penalites-de-retard/")
    champ = page.locator("input.md-search__input")
    champ.click()
    champ.press_sequentially("injonction de payer", delay=40)
    expect(page.locator("li.md-search-result__item").first).to_be_visible()
    expect(page.locator("form.calc")).to_have_attribute("data-calc-state", "ready")
