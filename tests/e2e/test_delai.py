"""Calculateur de délai de paiement dans Chromium : formulaire, lien partageable, erreurs, parité.

Une seule page pour le module (`page_calcul`) : Pyodide y démarre une fois.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from calculators.api import run

pytestmark = pytest.mark.e2e

CHEMIN = "calculateurs/delai-de-paiement/"
CAS = json.loads((Path(__file__).parent.parent / "cas" / "delai.json").read_text(encoding="utf-8"))["cas"]


def _resume(page, cle):
    return page.locator(f'#resultat-delai .calc-resume [data-cle="{cle}"] dd')


def test_remplir_le_formulaire_45_jours_fin_de_mois(page_calcul):
    page_calcul.goto(CHEMIN)
    expect(page_calcul.locator("form.calc")).to_have_attribute("data-calc-state", "ready")
    page_calcul.get_by_label("Type de délai").select_option("45jfdm")
    page_calcul.get_by_label("Date de la facture").fill("15/01/2025")
    page_calcul.get_by_label("Échéance convenue (facultatif)").fill("25/03/2025")
    page_calcul.get_by_role("button", name="Calculer").click()
    expect(_resume(page_calcul, "date-limite-45j-puis-fin-de-mois")).to_have_text("lundi 31 mars 2025")
    expect(_resume(page_calcul, "date-limite-fin-de-mois-puis-45j")).to_have_text("lundi 17 mars 2025")
    expect(_resume(page_calcul, "conforme")).to_have_text("selon la méthode convenue")
    expect(page_calcul.locator("#resultat-delai tbody tr")).to_have_count(2)
    expect(page_calcul.locator("#resultat-delai .admonition.warning")).to_contain_text("8 jours de trop")
    # L'adresse porte les saisies, avec les noms des options de la ligne de commande : dans le
    # fragment (#…), dates ISO, écrit par Python (issue 9).
    assert "#regime=45jfdm" in page_calcul.url
    assert "facture=2025-01-15" in page_calcul.url
    assert "echeance-convenue=2025-03-25" in page_calcul.url


def test_lien_partageable_affiche_le_resultat_sans_clic(page_calcul):
    page_calcul.goto(CHEMIN + "?regime=60j&facture=15%2F01%2F2025&echeance-convenue=31%2F03%2F2025")
    expect(_resume(page_calcul, "date-limite")).to_have_text("dimanche 16 mars 2025")
    expect(_resume(page_calcul, "debut-penalites")).to_have_text("lundi 17 mars 2025")
    expect(_resume(page_calcul, "conforme")).to_have_text("non")
    expect(_resume(page_calcul, "depassement")).to_have_text("15 jours")
    expect(page_calcul.locator("#resultat-delai .calc-phrase")).to_contain_text("elle n'est pas conforme")
    avertissements = page_calcul.locator("#resultat-delai .admonition.warning")
    expect(avertissements).to_contain_text("tombe un dimanche")
    expect(avertissements).to_contain_text("L441-16")
    expect(page_calcul.get_by_label("Type de délai")).to_have_value("60j")
    expect(page_calcul.get_by_label("Date de la facture")).to_have_value("15/01/2025")


def test_lien_vers_les_penalites_prerempli(page_calcul):
    page_calcul.goto(CHEMIN + "?regime=transport&facture=31%2F01%2F2025")
    lien = page_calcul.locator("#resultat-delai .calc-liens a")
    expect(lien).to_have_count(1)
    expect(lien).to_have_text("Calculer les pénalités d'un retard après le 02/03/2025")
    lien.click()
    expect(page_calcul.locator("h1")).to_contain_text("Combien réclamer")
    expect(page_calcul.get_by_label("Date d'échéance")).to_have_value("02/03/2025")
    assert "calculateurs/penalites-de-retard/#echeance=2025-03-02" in page_calcul.url


def test_acheteur_public_lien_vers_les_interets_moratoires(page_calcul):
    page_calcul.goto(CHEMIN + "?regime=public-hopital&facture=15%2F01%2F2025&reception=20%2F01%2F2025")
    expect(_resume(page_calcul, "date-limite")).to_have_text("mardi 11 mars 2025")
    expect(_resume(page_calcul, "debut-penalites")).to_have_text("mercredi 12 mars 2025")
    expect(page_calcul.locator("#resultat-delai .admonition.note")).to_contain_text("BCE majoré de 8 points")
    lien = page_calcul.locator("#resultat-delai .calc-liens a")
    expect(lien).to_have_text("Calculer les intérêts moratoires d'un paiement après le 11/03/2025")
    lien.click()  # pas de pénalités entre entreprises : les intérêts moratoires, préremplis
    assert "calculateurs/interets-moratoires/#acheteur=sante&reception=2025-01-20" in page_calcul.url
    expect(page_calcul.get_by_label("Date de réception de la demande de paiement")).to_have_value("20/01/2025")


def test_saisies_fausses_signalees_et_conservees(page_calcul, attendre_focus):
    page_calcul.goto(CHEMIN)
    expect(page_calcul.locator("form.calc")).to_have_attribute("data-calc-state", "ready")
    page_calcul.get_by_label("Type de délai").select_option("betail")
    page_calcul.get_by_label("Date de la facture").fill("31/02/2025")
    page_calcul.get_by_label("Échéance convenue (facultatif)").fill("demain")
    page_calcul.get_by_role("button", name="Calculer").click()
    resume = page_calcul.locator(".calc-erreurs")
    expect(resume).to_be_visible()
    attendre_focus(resume)
    expect(resume.locator("li")).to_have_count(3)
    expect(resume).to_contain_text("Le 31/02/2025 n'existe pas")
    expect(resume).to_contain_text("Saisissez la date de livraison ou d'exécution")
    expect(resume).to_contain_text("jj/mm/aaaa")
    facture = page_calcul.get_by_label("Date de la facture")
    expect(facture).to_have_value("31/02/2025")
    expect(facture).to_have_attribute("aria-invalid", "true")
    # Bordure rouge pleine (la règle générale des champs l'emportait : aucune bordure d'erreur).
    bordure = facture.evaluate("(el) => [getComputedStyle(el).borderTopWidth, getComputedStyle(el).borderTopColor]")
    assert bordure == ["2px", "rgb(198, 40, 40)"], bordure
    expect(page_calcul.locator("#erreur-livraison")).to_contain_text("Saisissez la date de livraison")
    expect(page_calcul.locator("#erreur-echeance-convenue")).to_contain_text("jj/mm/aaaa")
    expect(page_calcul.locator("#resultat-delai")).to_be_hidden()
    resume.get_by_role("link", name="Saisissez la date de livraison", exact=False).click()
    attendre_focus(page_calcul.get_by_label("Date de livraison ou d'exécution"))


def test_lien_partageable_avec_une_echeance_avant_la_facture(page_calcul):
    page_calcul.goto(CHEMIN + "?regime=60j&facture=15%2F01%2F2025&echeance-convenue=01%2F01%2F2025")
    expect(page_calcul.locator("#erreur-echeance-convenue")).to_contain_text("précède la date de la facture")
    expect(page_calcul.locator("#resultat-delai")).to_be_hidden()


@pytest.mark.parametrize("cas", CAS, ids=[c["libelle"] for c in CAS])
def test_parite_pyodide_cpython(page_calcul, cas):
    if not page_calcul.url.endswith(CHEMIN):
        page_calcul.goto(CHEMIN)
    navigateur = page_calcul.evaluate("(saisies) => window.calculateurs.appeler('delai', saisies)", cas["saisies"])
    assert navigateur == json.loads(json.dumps(run("delai", cas["saisies"])))
    assert navigateur["date_limite"] == cas["date_limite"]
