"""Les listes facture par facture du JSON de la ligne de commande sont écrites en texte directement
(`sortie.penalite_texte`, `sortie.poste_texte`) : le texte doit être, octet pour octet, ce que
`json.dumps(..., ensure_ascii=False)` écrit du dictionnaire attendu, même pour un nom de client ou
un numéro de facture plein de caractères à échapper."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from calculators.portefeuille.lettrage import Poste
from calculators.portefeuille.modele import Mouvement
from calculators.portefeuille.penalites import PenaliteFacture
from calculators.portefeuille.sortie import penalite_json, penalite_texte, poste_json, poste_texte

NOMS_DIFFICILES = ['Dupont "père" & fils', "C:\\compta\\411", "ligne\nsuivante\ttab", "nul\x00 et \x1f",
                   "Société générale — café", "séparateur\u2028de ligne", "émoji 😀", ""]


def _facture(nom_piece: str, litige: bool = False) -> Mouvement:
    return Mouvement("clients", nom_piece or "C1", dt.date(2025, 1, 10), dt.date(2025, 1, 12),
                     Decimal("1200.50"), "facture", "A", nom_piece, litige=litige, ligne=42)


@pytest.mark.parametrize("nom", NOMS_DIFFICILES)
@pytest.mark.parametrize("chiffree", [True, False])
def test_penalite_texte_comme_json_dumps(nom, chiffree):
    m = _facture(nom)
    poste = Poste(m, dt.date(2025, 2, 9), Decimal("0.00"), avoirs=[(dt.date(2025, 1, 20), Decimal("200.00"))],
                  reglements=[(dt.date(2025, 4, 1), Decimal("1000.50"))], par_anteriorite=True)
    p = PenaliteFacture(m.tiers, poste, poste.echeance, dt.date(2025, 4, 1), True, poste.du, 51,
                        Decimal("17.25") if chiffree else None, Decimal("40.00"),
                        raison="" if chiffree else "taux_inconnu",
                        jour_sans_taux=None if chiffree else dt.date(2027, 1, 1), non_confirme=chiffree,
                        litige=not chiffree)
    noms = {("clients", m.tiers): nom}
    attendu = {
        "compte": m.tiers, "nom": nom, "facture": nom, "date": "2025-01-12", "echeance": "2025-02-09",
        "montant": "1200.50", "du": "1000.50", "fin": "2025-04-01", "soldee": True, "jours": 51,
        "penalites": "17.25" if chiffree else None, "indemnite": "40.00",
        "total": "57.25" if chiffree else "40.00", "raison": None if chiffree else "taux_inconnu",
        "jour_sans_taux": None if chiffree else "2027-01-01", "non_confirme": chiffree, "hypothese": False,
        "par_anteriorite": True, "litige": not chiffree, "ligne": 42,
    }
    assert penalite_texte(p, noms) == json.dumps(attendu, ensure_ascii=False)
    assert penalite_json(p, noms) == attendu


@pytest.mark.parametrize("nom", NOMS_DIFFICILES)
@pytest.mark.parametrize("echeance", [dt.date(2025, 2, 9), None])
def test_poste_texte_comme_json_dumps(nom, echeance):
    m = _facture(nom, litige=echeance is None)
    poste = Poste(m, echeance, Decimal("700.50"), reglements=[(dt.date(2025, 3, 1), Decimal("500.00"))])
    au = dt.date(2025, 3, 31)
    attendu = {
        "compte": m.tiers, "nom": m.tiers, "facture": nom, "nature": "facture", "date": "2025-01-12",
        "echeance": "2025-02-09" if echeance else None, "montant": "1200.50", "du": "1200.50",
        "reste": "700.50", "retard": 50 if echeance else None, "tranche": "31_60" if echeance else "a_nouveau",
        "litige": echeance is None, "par_anteriorite": False, "ligne": 42,
    }
    assert poste_texte(poste, au, {}, frozenset()) == json.dumps(attendu, ensure_ascii=False)
    assert poste_json(poste, au, {}, frozenset()) == attendu
