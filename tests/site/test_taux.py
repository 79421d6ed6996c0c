"""La page des taux est générée depuis les données : chaque semestre y porte le taux que le
calculateur utilise, et les taux non confirmés y sont marqués."""

from __future__ import annotations

import re

from calculators.commun import format_fr as fr
from calculators.taux import Semestre, couvert_jusqu_au, taux_penalite_defaut


def _texte(site_construit):
    html = (site_construit / "cadre-legal" / "taux" / "index.html").read_text(encoding="utf-8")
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", html))


def test_chaque_semestre_porte_le_taux_du_calculateur(site_construit):
    texte = _texte(site_construit)
    semestre = Semestre(2013, 1)
    dernier = Semestre.de(couvert_jusqu_au())
    while True:
        taux = taux_penalite_defaut(semestre)
        attendu = f"{fr.semestre(semestre)} {fr.pourcent(taux.valeur - 10)}"
        assert attendu in texte, attendu
        assert fr.pourcent(taux.valeur) in texte
        if semestre == dernier:
            break
        semestre = Semestre(semestre.annee + semestre.numero - 1, 3 - semestre.numero)
    assert "2e semestre 2026 2,40\u00a0% (non confirmé)" in texte


def test_la_page_dit_jusqu_ou_les_taux_sont_connus(site_construit):
    texte = _texte(site_construit)
    attendu = f"Taux connus jusqu'au {fr.date_longue(couvert_jusqu_au())}."
    assert texte.count(attendu) >= 4, attendu  # en tête de page et sous chacun des trois tableaux
    assert "Décision de la BCE du 11 juin 2026, en vigueur le 17 juin 2026\u00a0— à confirmer sur le site de la BCE" in texte
    assert "rbtfl" not in texte and "TypeScript" not in texte and "| None |" not in texte


def test_aucun_repere_de_tableau_oublie(site_construit):
    for page in site_construit.rglob("*.html"):
        assert "<!-- table:" not in page.read_text(encoding="utf-8"), page


def test_le_bandeau_des_calculateurs_dit_les_valeurs_non_confirmees(site_construit):
    """Le bandeau « Taux connus jusqu'au… » des calculateurs nomme les valeurs que nulle source officielle
    lue ne confirme ; celui des intérêts moratoires ne promet pas une prolongation que ce calculateur
    n'offre pas (un seul taux, celui du semestre où le retard commence : R2192-31)."""
    def page(chemin):
        html = (site_construit / "calculateurs" / chemin / "index.html").read_text(encoding="utf-8")
        return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", html))
    non_confirmes = ("Ne sont pas encore confirmés, relevés seulement dans des sources secondaires\u202f: "
                     "le taux de la BCE depuis le 17/06/2026 et le taux légal du 01/07/2026 au 31/12/2026")
    penalites, moratoires = page("penalites-de-retard"), page("interets-moratoires")
    assert non_confirmes in penalites and "le dernier taux connu, prolongé" in penalites
    assert non_confirmes in moratoires and "ce calculateur ne propose pas de prolonger le dernier taux connu" in moratoires
    assert "le dernier taux connu, prolongé" not in moratoires
