"""Lignes répétables (calculateurs.js) : ajoutées, retirées, renumérotées.

Retirer une ligne renumérotait chaque ligne restante « longueur + 1 » : toutes portaient le même
numéro et les mêmes ids (`champ-delai-client-2-compte` deux fois), et une erreur rendue par
Python pour la ligne 2 s'affichait sur la première ligne trouvée. Les lignes sont désormais
numérotées 1 à n sur place : ids uniques, étiquettes, boutons « Retirer » et messages d'erreur
suivent leur ligne.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

CAS = Path(__file__).resolve().parents[1] / "cas" / "portefeuille"
GROUPE = "[data-repetable=delais_clients]"


def _lignes(page, groupe: str) -> dict:
    """Ids, étiquettes (texte → champ visé) et boutons « Retirer » des lignes d'un groupe."""
    return page.evaluate("""(groupe) => {
        const g = document.querySelector(groupe);
        return {
            ids: Array.from(g.querySelectorAll('[data-cle]'), (c) => c.id),
            etiquettes: Array.from(g.querySelectorAll('label[data-pour]'), (l) => [l.textContent, l.htmlFor]),
            retirer: Array.from(g.querySelectorAll('[data-retirer]'), (b) => b.textContent),
            valeurs: Array.from(g.querySelectorAll('[data-cle]'), (c) => c.value),
        };
    }""", groupe)


def _ids_du_document(page) -> list[str]:
    return page.evaluate("Array.from(document.querySelectorAll('[id]'), (e) => e.id)")


def test_retirer_la_premiere_ligne_renumerote_et_l_erreur_reste_a_sa_ligne(page_calcul, attendre_focus):
    page = page_calcul
    page.goto("calculateurs/poste-clients/")
    expect(page.locator("form.calc")).to_have_attribute("data-calc-state", "ready")
    ajouter = page.get_by_role("button", name="Ajouter un client")
    for compte, delai in [("C001", "60j"), ("C002", "45jfdm"), ("C003", "deux mois")]:
        ajouter.click()
        page.keyboard.type(compte)
        page.keyboard.press("Tab")
        page.keyboard.type(delai)
    page.get_by_role("button", name="Retirer la ligne n° 1", exact=True).click()
    # Le bouton cliqué a disparu : le focus revient à « Ajouter un client ».
    attendre_focus(ajouter)
    lignes = _lignes(page, GROUPE)
    assert lignes["ids"] == ["champ-delai-client-1-compte", "champ-delai-client-1-delai",
                             "champ-delai-client-2-compte", "champ-delai-client-2-delai"]
    assert lignes["valeurs"] == ["C002", "45jfdm", "C003", "deux mois"]
    assert lignes["retirer"] == ["Retirer la ligne n°\u00a01", "Retirer la ligne n°\u00a02"]
    assert [texte for texte, _ in lignes["etiquettes"]] == [
        "Compte client de la ligne n°\u00a01", "Délai de la ligne n°\u00a01",
        "Compte client de la ligne n°\u00a02", "Délai de la ligne n°\u00a02"]
    assert [cible for _, cible in lignes["etiquettes"]] == lignes["ids"]
    ids = _ids_du_document(page)
    assert len(ids) == len(set(ids)), "ids en double"

    # La valeur fautive de la ligne 2 est signalée sur la ligne 2, et le résumé y mène.
    page.get_by_label("Fichier à analyser").set_input_files(str(CAS / "factures.csv"))
    resume = page.locator(".calc-erreurs")
    expect(resume).to_be_visible(timeout=120_000)
    delai_2 = page.get_by_label("Délai de la ligne n° 2", exact=True)
    expect(delai_2).to_have_attribute("aria-invalid", "true")
    expect(delai_2).to_have_attribute("aria-describedby", "erreur-delai-client-2-delai")
    expect(page.locator("#erreur-delai-client-2-delai")).to_be_visible()
    expect(page.get_by_label("Délai de la ligne n° 1", exact=True)).not_to_have_attribute("aria-invalid", "true")
    resume.get_by_role("link").first.click()
    attendre_focus(delai_2)

    # Retirer la ligne 1 : la ligne fautive devient la 1, son message et le lien du résumé la suivent.
    page.get_by_role("button", name="Retirer la ligne n° 1", exact=True).click()
    delai_1 = page.get_by_label("Délai de la ligne n° 1", exact=True)
    expect(delai_1).to_have_value("deux mois")
    expect(delai_1).to_have_attribute("aria-invalid", "true")
    expect(delai_1).to_have_attribute("aria-describedby", "erreur-delai-client-1-delai")
    expect(page.locator("#erreur-delai-client-1-delai")).to_be_visible()
    expect(resume.get_by_role("link")).to_have_attribute("href", "#champ-delai-client-1-delai")
    resume.get_by_role("link").first.click()
    attendre_focus(delai_1)

    # Retirer la ligne fautive : son erreur part avec elle, le résumé vide se cache.
    page.get_by_role("button", name="Retirer la ligne n° 1", exact=True).click()
    expect(resume).to_be_hidden()
    assert _lignes(page, GROUPE)["ids"] == []


def test_lignes_imbriquees_renumerotees_avec_leur_ligne(page):
    """Lettres : les acomptes d'une facture suivent le numéro de leur facture."""
    page.goto("lettres/remplir/")
    factures = "[data-repetable=factures]"
    expect(page.locator(f"{factures} > .calc-lignes > .calc-ligne")).to_have_count(1)
    page.locator(f"{factures} > [data-ajouter]").click()
    page.locator(f"{factures} > [data-ajouter]").click()
    for rang in (1, 2, 3):
        page.get_by_label(f"Numéro de la facture n° {rang}", exact=True).fill(f"F{rang}")
        for _ in range(2):
            page.get_by_role("button", name=f"Ajouter un acompte à la facture n° {rang}").click()
        page.get_by_label(f"Montant de l'acompte n° 2 de la facture n° {rang} (€)", exact=True).fill(f"{rang}00")
    page.get_by_role("button", name="Retirer l'acompte n° 1 de la facture n° 3", exact=True).click()
    page.get_by_role("button", name="Retirer la facture n° 1", exact=True).click()

    expect(page.get_by_label("Numéro de la facture n° 1", exact=True)).to_have_value("F2")
    expect(page.get_by_label("Numéro de la facture n° 2", exact=True)).to_have_value("F3")
    expect(page.get_by_label("Montant de l'acompte n° 2 de la facture n° 1 (€)", exact=True)).to_have_value("200")
    # L'acompte n° 2 de la facture F3, seul restant, est devenu le n° 1 de la facture n° 2.
    expect(page.get_by_label("Montant de l'acompte n° 1 de la facture n° 2 (€)", exact=True)).to_have_value("300")
    expect(page.get_by_label("Montant de l'acompte n° 1 de la facture n° 2 (€)", exact=True)).to_have_id(
        "champ-facture-2-acompte-1-montant")
    expect(page.get_by_role("button", name="Retirer l'acompte n° 1 de la facture n° 2", exact=True)).to_be_visible()
    expect(page.locator(f"{factures} legend").filter(has_text="Acomptes reçus")).to_have_text([
        "Acomptes reçus (facultatif), facture n° 1", "Acomptes reçus (facultatif), facture n° 2"])
    ids = _ids_du_document(page)
    assert len(ids) == len(set(ids)), "ids en double"
