"""Recherche de Material, en français, dans le site construit et servi.

La recherche de Material écoute les événements clavier : `fill()` ne la déclenche pas. On
donne le focus au champ puis on tape la requête touche par touche (`press_sequentially`).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urljoin, urlsplit

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


# --------------------------------------------------------------------------------------------
# Classement et extraits (réglages : overrides/hooks/recherche.py ; requêtes plus nombreuses,
# sans navigateur : tests/site/test_recherche_index.py)
# --------------------------------------------------------------------------------------------


def resultats_de(page, url_site: str, requete: str, dernier_mot: str):
    """Résultats de la requête entière : Material cherche à chaque touche, et le lien du premier
    résultat porte les mots trouvés (`?h=`) ; on attend qu'il contienne le dernier mot tapé."""
    resultats = rechercher(page, url_site, requete)
    expect(resultats.first.locator("a.md-search-result__link").first).to_have_attribute(
        "href", re.compile(rf"[?&]h=[^#]*\b{dernier_mot}\b"))
    return resultats


@pytest.mark.parametrize(
    ("requete", "dernier_mot", "attendue", "rang_max"),
    [
        ("penalites", "penalites", "calculateurs/penalites-de-retard/", 3),
        # La page du DSO, et non une section de « taux de retard » qui le cite.
        ("DSO", "dso", "piloter/dso/", 1),
        ("mise en demeure", "demeure", "relancer/mise-en-demeure/", 3),
    ],
)
def test_la_bonne_page_est_en_tete(page, url_site, requete, dernier_mot, attendue, rang_max):
    resultats = resultats_de(page, url_site, requete, dernier_mot)
    premiers = [
        urljoin(page.url, item.locator("a.md-search-result__link").first.get_attribute("href")).split("?")[0]
        for item in resultats.all()[:rang_max]
    ]
    assert url_site + attendue in premiers, premiers


def test_mise_en_demeure_ne_trouve_que_des_pages_qui_en_parlent(page, url_site):
    """« en » n'est plus cherché comme préfixe (« entreprise », « encours ») : chaque résultat
    contient « mise » ou « demeure »."""
    resultats = resultats_de(page, url_site, "mise en demeure", "demeure")
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(r"^\d+ documents trouvés$"))
    for item in resultats.all():
        # `?h=` de chaque lien (page, sections) : les mots de la requête trouvés à cet endroit.
        trouves = " ".join(
            " ".join(parse_qs(urlsplit(lien.get_attribute("href")).query).get("h", []))
            for lien in item.locator("a.md-search-result__link").all()
        )
        assert re.search(r"\b(mise|demeure)\b", trouves), item.inner_text()


def test_les_extraits_tiennent_en_deux_blocs_de_trois_lignes(page, url_site):
    resultats_de(page, url_site, "mise en demeure", "demeure")
    blocs = page.evaluate(
        """() => [...document.querySelectorAll('.md-search-result__item')].slice(0, 5).flatMap(item =>
            [...item.querySelectorAll('.md-search-result__article')].map(article => {
                const texte = [...article.children].filter(el =>
                    !el.matches('h1, h2, nav, .md-search-result__icon, .md-search-result__terms')
                    && el.getClientRects().length);
                const ligne = parseFloat(getComputedStyle(article).lineHeight);
                return {nombre: texte.length, hauteur: Math.max(0, ...texte.map(el => el.offsetHeight / ligne))};
            }))"""
    )
    assert blocs, "aucun extrait"
    for bloc in blocs:
        assert bloc["nombre"] <= 2 and bloc["hauteur"] <= 3.1, blocs
