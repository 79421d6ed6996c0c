"""Intérêts moratoires des acheteurs publics (C. commande publique L2192-13, R2192-10 à R2192-14,
R2192-31, D2192-35, R2192-36).

`regles` calcule, `champs` lit les saisies, `rendu` écrit le résultat en français.
"""

from __future__ import annotations

from ..taux import TauxInconnu
from . import regles, rendu
from .champs import FORMULAIRE, erreur_taux_inconnu, lire

NOM = "interets-moratoires"
AIDE = "intérêts moratoires et indemnité de 40 € dus par un acheteur public (R2192-10 à R2192-36)"


def executer(saisies: dict) -> dict:
    """Point d'entrée du calculateur (voir `calculators.api.run`).

    >>> r = executer({"montant": "10000", "acheteur": "etat", "reception": "03/03/2025", "paiement": "15/05/2025"})
    >>> r["jours"], r["taux"], r["interets"], r["indemnite_forfaitaire"]
    (43, '11.15', '131.36', '40.00')
    """
    entrees = lire(saisies)
    try:
        decompte = regles.calculer(entrees["montant"], entrees["echeance"], entrees["paiement"])
    except TauxInconnu as exc:
        raise erreur_taux_inconnu(exc.jour) from None
    return rendu.resultat(decompte, entrees["valeurs"]["acheteur"], entrees["paiement_est_aujourdhui"],
                          FORMULAIRE.lien(entrees["valeurs"]), entrees["aujourdhui"])
