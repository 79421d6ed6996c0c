"""Facture déjà payée dans une lettre : celle qui la dit payée l'accepte, celle qui est écrite pour des
factures à payer (rappel avant l'échéance, première relance, échéancier du seul principal) la refuse au
champ de sa date de paiement, et dit quelle lettre choisir."""

from __future__ import annotations

import pytest

from calculators.api import run
from calculators.lettres.catalogue import MODELES
from tests.unit.test_lettres import A_ECHOIR, COMPLET, _complet

IMPAYEE, PAYEE_EN_RETARD = COMPLET["factures"][0], {**COMPLET["factures"][1], "paiement": "20/01/2024"}


def _lettre(modele, factures, inclure_penalites="oui"):
    return run("lettre", {**_complet(modele), "factures": factures, "inclure_penalites": inclure_penalites})


@pytest.mark.parametrize("inclure_penalites", ["", "oui"])
@pytest.mark.parametrize("factures", [[PAYEE_EN_RETARD], [IMPAYEE, PAYEE_EN_RETARD]], ids=["seule", "avec-une-impayee"])
def test_premiere_relance_refuse_une_facture_payee(factures, inclure_penalites):
    """Elle la disait « pas encore réglée », réclamait « soit 0,00 € » et comptait le retard jusqu'à la lettre."""
    r = _lettre("relance-1", factures, inclure_penalites)
    assert not r["ok"]
    [erreur] = r["erreurs"]
    assert erreur["field"] == f"facture-{len(factures)}-paiement"
    assert f"La facture n°\u00a0{len(factures)} est marquée payée le 20/01/2024\u00a0: une première relance" in erreur["message"]
    assert "choisissez la note de débit" in erreur["message"]


def test_rappel_avant_l_echeance_refuse_une_facture_payee():
    r = _lettre("rappel-avant-echeance", [{**A_ECHOIR[0], "paiement": "20/01/2024"}])
    assert [e["field"] for e in r["erreurs"]] == ["facture-1-paiement"]
    assert "choisissez le remerciement après paiement" in r["erreurs"][0]["message"]


def test_echeancier_du_seul_principal_refuse_une_facture_payee():
    """Sans les pénalités, il n'y a rien à étaler pour elle : la liste des factures « concernées » par la
    reconnaissance de dette la montrait quand même, ou le calcul refusait « le montant dû » sans dire pourquoi."""
    for factures in ([PAYEE_EN_RETARD], [IMPAYEE, PAYEE_EN_RETARD]):
        r = _lettre("echeancier", factures, inclure_penalites="")
        assert [e["field"] for e in r["erreurs"]] == [f"facture-{len(factures)}-paiement"]
        assert "Cochez «\u00a0Chiffrer les pénalités" in r["erreurs"][0]["message"]


def test_echeancier_des_penalites_d_une_facture_payee_la_dit_payee():
    r = _lettre("echeancier", [PAYEE_EN_RETARD])
    assert r["ok"], r.get("erreurs")
    assert "Payée le" in r["texte"] and "20/01/2024" in r["texte"]
    assert "principal" not in r["texte"].split("La somme à régler")[1].split(".")[0]  # rien n'en reste dû


@pytest.mark.parametrize("inclure_penalites", ["", "oui"])
@pytest.mark.parametrize("modele", list(MODELES))
def test_chaque_lettre_refuse_une_facture_payee_ou_dit_qu_elle_l_est(modele, inclure_penalites):
    """Aucune lettre ne décrit comme à payer une facture payée : elle la refuse, ou montre sa date de paiement."""
    facture = {**A_ECHOIR[0], "paiement": "20/01/2024"} if modele == "rappel-avant-echeance" else PAYEE_EN_RETARD
    r = _lettre(modele, [IMPAYEE, facture] if MODELES[modele].echue else [facture], inclure_penalites)
    if MODELES[modele].refus_payee(bool(inclure_penalites)):
        assert [e["field"] for e in r["erreurs"]] == [f"facture-{1 + MODELES[modele].echue}-paiement"]
    else:
        assert r["ok"], r.get("erreurs")
        assert "20/01/2024" in r["texte"] and "pas encore" not in r["texte"]
