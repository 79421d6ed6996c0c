"""Ce qu'on voit d'un résultat (issue 13) : sur un téléphone, à l'impression, après « Calculer ».

- À 390 px, aucune cellule du décompte n'est rognée et les montants de pénalités se voient.
- Un résultat imprimé tient sur une page A4 et ne garde que lui (saisies, total, décompte, articles).
- Après « Calculer », le focus et la vue vont au titre du résultat.
- Le total à réclamer vient en premier.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

LIEN = ("calculateurs/penalites-de-retard/#montant=10000&echeance=2023-11-30&paiement=2024-01-31"
        "&acompte=2023-12-15:4000")
RESULTAT = "#resultat-penalites"


def _pages_pdf(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


@pytest.fixture
def telephone(browser, url_site):
    contexte = browser.new_context(base_url=url_site, locale="fr-FR", viewport={"width": 390, "height": 844})
    page = contexte.new_page()
    yield page
    contexte.close()


def test_sur_un_telephone_rien_n_est_rogne(telephone):
    telephone.goto(LIEN)
    lignes = telephone.locator(f"{RESULTAT} .calc-tableau").first.locator("tbody tr")
    expect(lignes).to_have_count(3, timeout=60_000)
    largeur = telephone.evaluate("document.documentElement.clientWidth")
    cellules = telephone.locator(f"{RESULTAT} .calc-tableau td")
    for i in range(cellules.count()):
        boite = cellules.nth(i).bounding_box()
        if boite:  # une cellule vide est masquée
            assert boite["x"] >= 0 and boite["x"] + boite["width"] <= largeur + 1, cellules.nth(i).inner_text()
    # Chaque montant de pénalités se voit, avec son libellé de colonne.
    for montant in ("57,53\u00a0€", "37,17\u00a0€", "74,60\u00a0€"):
        expect(telephone.locator(f"{RESULTAT} td[data-label='Pénalités']", has_text=montant)).to_be_visible()
    # Et le résumé ne coupe pas ses valeurs.
    for valeur in telephone.locator(f"{RESULTAT} .calc-resume dd").all():
        assert valeur.evaluate("el => el.scrollWidth <= el.clientWidth + 1")


def test_le_total_a_reclamer_vient_en_premier(page_calcul):
    page_calcul.goto(LIEN)
    resume = page_calcul.locator(f"{RESULTAT} .calc-resume > div")
    expect(resume.first).to_be_visible()
    premier = page_calcul.evaluate("""() => [...document.querySelectorAll('#resultat-penalites .calc-resume > div')]
        .map(d => [d.dataset.cle, d.getBoundingClientRect().top, d.getBoundingClientRect().left])
        .sort((a, b) => a[1] - b[1] || a[2] - b[2])[0][0]""")
    assert premier == "total"
    expect(page_calcul.locator(f"{RESULTAT} .calc-resume [data-cle='total'] dd")).to_have_text("151,77\u00a0€")


def test_un_resultat_imprime_tient_sur_une_page(page_calcul):
    page_calcul.goto(LIEN)
    expect(page_calcul.locator(f"{RESULTAT} .calc-resume")).to_be_visible()
    page_calcul.emulate_media(media="print")
    try:
        # Ce que garde l'impression : les saisies, le total, le décompte, les articles, la date et le lien.
        expect(page_calcul.locator(f"{RESULTAT} .calc-saisies")).to_be_visible()
        expect(page_calcul.locator(f"{RESULTAT} .calc-imprime")).to_contain_text("Calcul du ")
        expect(page_calcul.locator(f"{RESULTAT} .calc-imprime")).to_contain_text("#montant=10000.00")
        expect(page_calcul.locator(f"{RESULTAT} .calc-sources")).to_be_visible()
        expect(page_calcul.locator("article h2", has_text="Comment le calcul est fait")).to_be_hidden()
        assert _pages_pdf(page_calcul.pdf(format="A4")) == 1
    finally:
        page_calcul.emulate_media(media="screen")


def test_calculer_mene_au_resultat(page_calcul, attendre_focus):
    page_calcul.goto("calculateurs/penalites-de-retard/")
    expect(page_calcul.locator("form.calc")).to_have_attribute("data-calc-state", "ready")
    page_calcul.get_by_label("Montant de la facture, TTC (€)").fill("5000")
    page_calcul.get_by_label("Date d'échéance").fill("31/05/2024")
    page_calcul.get_by_label("Date du paiement").fill("31/07/2024")
    page_calcul.get_by_label("Date du paiement").press("Enter")
    titre = page_calcul.locator(f"{RESULTAT} h2")
    expect(titre).to_have_text("Résultat : pénalités de retard")
    attendre_focus(titre)
    assert page_calcul.evaluate("el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }",
                                titre.element_handle())
