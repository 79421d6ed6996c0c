"""Le symbole tapé après un nombre doit être celui du champ, et une espace entre chiffres fait des
milliers : « 30 % » d'acompte valait 30 €, « 10000 % » de montant 10 000 €, « 1 5 » jours de délai
15 jours. Chaque cas passe par `calculators.api.run`, comme une saisie du formulaire.
"""

from __future__ import annotations

import pytest

from calculators.api import run

PENALITES = {"montant": "10000", "echeance": "30/11/2023", "paiement": "31/01/2024"}
ECHEANCIER = {"montant": "10000", "nombre": "4", "premiere": "15/01/2027", "aujourdhui": "2026-12-01"}


def _erreurs(calculateur: str, saisies: dict) -> dict[str, str]:
    resultat = run(calculateur, saisies)
    return {e["field"]: e["message"] for e in resultat.get("erreurs", [])}


@pytest.mark.parametrize("calculateur, base, champ, saisie, extrait", [
    ("penalites", PENALITES, "montant", "10000 %", "le montant de la facture est un montant en euros, pas un pourcentage"),
    ("penalites", PENALITES, "taux", "12 €", "le taux contractuel est un pourcentage, pas un montant en euros"),
    ("echeancier", ECHEANCIER, "acompte", "30 %", "l'acompte est un montant en euros, pas un pourcentage"),
    ("echeancier", ECHEANCIER, "taux", "4 €", "pas un montant en euros"),
    ("echeancier", ECHEANCIER, "nombre", "1 2", "Saisissez le nombre d'échéances en chiffres"),
])
def test_le_symbole_ou_les_espaces_d_un_autre_champ_sont_refuses(calculateur, base, champ, saisie, extrait):
    erreurs = _erreurs(calculateur, {**base, champ: saisie})
    assert extrait in erreurs.get(champ, ""), erreurs


@pytest.mark.parametrize("calculateur, base, champ, saisie", [
    ("penalites", PENALITES, "montant", "10 000 €"),
    ("penalites", PENALITES, "taux", "12,5 %"),
    ("echeancier", ECHEANCIER, "acompte", "1 000 €"),
    ("echeancier", ECHEANCIER, "taux", "4,5 %"),
])
def test_le_symbole_du_champ_reste_admis(calculateur, base, champ, saisie):
    assert run(calculateur, {**base, champ: saisie})["ok"], saisie


def test_le_delai_d_une_mise_en_demeure_ne_colle_pas_deux_nombres():
    from calculators.commun.erreurs import SaisieInvalide
    from calculators.lettres.champs import FORMULAIRE
    champ = next(c for c in FORMULAIRE.champs if c.nom == "delai")
    with pytest.raises(SaisieInvalide, match="« 1 5 » : une espace sépare les milliers"):
        champ.lire("1 5")
    assert champ.lire(" 15 ") == 15
