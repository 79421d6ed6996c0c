"""Pénalités de retard entre professionnels et indemnité forfaitaire (C. com. L441-10 II, D441-5).

`regles` calcule, `champs` lit les saisies, `rendu` écrit le résultat en français.
"""

from __future__ import annotations

from dataclasses import replace

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
    comparaisons = _comparaisons(entrees["regles"]) if decompte.planchers else {}
    return rendu.resultat(decompte, entrees["paiement_est_aujourdhui"], FORMULAIRE.lien(entrees["valeurs"]),
                          comparaisons, entrees["aujourdhui"])


def _comparaisons(arguments: dict) -> dict:
    """Taux contractuel sous le plancher (L441-10 II) : la loi interdit la clause sans dire ce qui la
    remplace ; on chiffre les deux lectures possibles plutôt que d'en choisir une."""
    resultats = {}
    contrat = arguments["taux_contractuel"]

    def releve_au_plancher(semestre):
        # Le taux du contrat relevé au plancher là où il est en dessous, gardé ailleurs : appliquer le
        # plancher à tous les semestres donnait, ceux où le contrat le dépasse, moins que le contrat.
        plancher = regles.taux_plancher(semestre)
        return plancher if plancher.valeur > contrat else replace(plancher, valeur=contrat)

    for cle, modif in (("plancher", {"bareme": releve_au_plancher}), ("defaut", {})):
        try:
            resultats[cle] = regles.calculer(**{**arguments, "taux_contractuel": None, **modif}).penalites
        except (TauxInconnu, regles.AcompteQuiSolde):
            continue  # au-delà des tables, ou un acompte qui solde tout à ce taux : lecture non chiffrée
    return resultats
