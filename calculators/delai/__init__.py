"""Date limite de paiement d'une facture et conformité d'une échéance convenue.

Entre professionnels : C. com. art. L441-10 I à L441-13 ; avec un acheteur public : C. commande
publique, art. R2192-10 à R2192-14. `regimes` décrit chaque régime, `regles` calcule (`calendrier`
pour les jours), `champs` lit les saisies, `rendu` écrit le résultat en français (`textes`).
"""

from __future__ import annotations

from . import regles, rendu
from .champs import FORMULAIRE, lire

NOM = "delai"
AIDE = ("date limite de paiement d'une facture et conformité d'une échéance (L441-10 à L441-13, "
        "R2192-10 à R2192-14)")


def executer(saisies: dict) -> dict:
    """Point d'entrée du calculateur (voir `calculators.api.run`)."""
    entrees = lire(saisies)
    calcul = regles.calculer(**entrees["regles"])
    echeance = entrees["echeance"]
    controle = None if echeance is None else regles.controler_echeance(echeance, calcul.limites)
    return rendu.resultat(calcul, controle, FORMULAIRE.lien(entrees["valeurs"]))
