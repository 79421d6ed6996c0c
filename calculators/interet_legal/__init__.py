"""Intérêts au taux légal d'une somme d'argent (C. civ. 1231-6, 1231-7, 1343-1, 1343-2 ; CMF L313-2, L313-3).

`regles` calcule, `champs` lit les saisies, `rendu` écrit le résultat en français.
"""

from __future__ import annotations

from ..taux import TauxInconnu
from . import regles, rendu
from .champs import FORMULAIRE, erreur_taux_inconnu, lire

NOM = "interet-legal"
AIDE = "intérêts au taux légal, majoration de 5 points, capitalisation (C. civ. 1231-6, CMF L313-2, L313-3)"


def executer(saisies: dict) -> dict:
    """Point d'entrée du calculateur (voir `calculators.api.run`).

    >>> r = executer({"montant": "2000", "debut": "31/08/2020", "fin": "30/09/2020", "creancier": "particulier"})
    >>> r["interets"], [(p["jours"], p["taux"], p["majore"], p["montant"]) for p in r["periodes"]]
    ('5.11', [(30, '3.11', False, '5.11')])
    """
    entrees = lire(saisies)
    try:
        decompte = regles.calculer(**entrees["regles"])
    except TauxInconnu as exc:
        raise erreur_taux_inconnu(exc.jour) from None
    return rendu.resultat(decompte, entrees["fondement"], entrees["fin_est_aujourdhui"],
                          FORMULAIRE.lien(entrees["valeurs"]), entrees["aujourdhui"])
