"""Échéancier de paiement : étaler une dette en échéances, avec ou sans intérêts (C. civ. 1343-1, 1343-5).

`regles` calcule, `champs` lit les saisies, `rendu` écrit le résultat et le CSV.
"""

from __future__ import annotations

from . import regles, rendu
from .champs import FORMULAIRE, erreur_plan, lire
from .regles import PERIODICITES, PlanImpossible

NOM = "echeancier"
AIDE = "échéancier de paiement : échéances, intérêts, dates (C. civ. 1343-1, 1343-5, 2240)"


def executer(saisies: dict) -> dict:
    """Point d'entrée du calculateur (voir `calculators.api.run`)."""
    entrees = lire(saisies)
    v = entrees["valeurs"]
    commun = dict(premiere=v["premiere"], periodicite=PERIODICITES[v["periodicite"]], acompte=v["acompte"] or regles.ZERO,
                  taux=v["taux"] or 0, methode=v["methode"])
    try:
        if v["nombre"] is not None:
            plan = regles.plan_par_nombre(v["montant"], v["nombre"], **commun)
        else:
            plan = regles.plan_par_echeance(v["montant"], v["mensualite"], **commun)
    except PlanImpossible as exc:
        raise erreur_plan(exc) from None
    return rendu.resultat(plan, par_echeance=v["mensualite"] is not None, aujourdhui=entrees["aujourdhui"],
                          lien=FORMULAIRE.lien(v))
