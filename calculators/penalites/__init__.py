"""Pénalités de retard entre professionnels et indemnité forfaitaire (C. com. L441-10 II, D441-5).

`regles` calcule, `champs` lit les saisies, `rendu` écrit le résultat en français.
"""

from __future__ import annotations

from ..taux import TauxInconnu
from . import regles, rendu
from .champs import FORMULAIRE, erreur_acompte_qui_solde, erreur_taux_inconnu, lire

NOM = "penalites"
AIDE = "pénalités de retard et indemnité forfaitaire (L441-10, D441-5)"


def executer(saisies: dict) -> dict:
    """Point d'entrée du calculateur (voir `calculators.api.run`)."""
    entrees = lire(saisies)
    try:
        decompte = regles.calculer(**entrees["regles"])
    except TauxInconnu as exc:
        raise erreur_taux_inconnu(exc.jour) from None
    except regles.AcompteQuiSolde as exc:
        raise erreur_acompte_qui_solde(exc, entrees["valeurs"], entrees["paiement_est_aujourdhui"]) from None
    sous_plancher = decompte.planchers or decompte.defaut_sous_plancher
    comparaisons = regles.comparaisons_plancher(entrees["regles"]) if sous_plancher else {}
    return rendu.resultat(decompte, entrees["paiement_est_aujourdhui"], FORMULAIRE.lien(entrees["valeurs"]),
                          comparaisons, entrees["aujourdhui"])
