"""Qui relancer d'abord : les clients qui ont des factures échues, les plus anciens retards en tête.

Ordre (celui de la page « Balance âgée » : « les plus menacés passent avant les autres, même
si leur montant est le plus faible ») :

1. la tranche du plus ancien retard du client (plus de 90 jours, puis 61 à 90, 31 à 60, 1 à 30) ;
2. dans une même tranche, le montant échu, du plus grand au plus petit ;
3. à égalité, le plus grand nombre de jours de retard, puis le numéro de compte.

Les factures en litige (marquées comme telles) ne sont pas relancées : elles relèvent du
traitement du litige, pas de la relance (voir « Refus de payer et litiges »).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from .balance_agee import ECHUES, en_litige, retard, tranche
from .modele import ZERO


@dataclass
class Relance:
    tiers: str
    nom: str
    echu: Decimal = ZERO
    plus_ancien_retard: int = 0
    postes: list = field(default_factory=list)  # postes échus, du plus ancien au plus récent
    penalites: Decimal = ZERO                   # pénalités + indemnités chiffrées du client
    credits_posterieurs: bool = False           # le fichier a des règlements ou avoirs datés après l'analyse

    @property
    def tranche(self) -> str:
        return tranche(self.plus_ancien_retard)

    def cle(self) -> tuple:
        return (-ECHUES.index(self.tranche), -self.echu, -self.plus_ancien_retard, self.tiers)


def a_relancer(compte, au: dt.date, nom: str, litiges: frozenset, penalites=None) -> Relance | None:
    """Les postes échus et non litigieux d'un compte client (None s'il n'y en a pas) ;
    `penalites` : le total des pénalités et indemnités du client (`PenalitesTiers`)."""
    relance = Relance(compte.tiers, nom, penalites=penalites.total if penalites else ZERO,
                      credits_posterieurs=compte.credits_posterieurs)
    for poste in compte.postes:
        if not poste.reste or poste.echeance is None or en_litige(poste, litiges):
            continue
        jours = retard(poste.echeance, au)
        if jours <= 0:
            continue
        relance.postes.append(poste)
        relance.echu += poste.reste
        relance.plus_ancien_retard = max(relance.plus_ancien_retard, jours)
    if not relance.postes:
        return None
    relance.postes.sort(key=lambda p: (p.echeance, p.mouvement.cle_tri()))
    return relance


def classer(comptes: list, au: dt.date, noms: dict, litiges: frozenset, penalites_par_tiers: dict) -> list:
    """Les clients à relancer, dans l'ordre du module.

    >>> from calculators.portefeuille.lettrage import lettrer
    >>> from calculators.portefeuille.modele import Mouvement
    >>> j, D = dt.date, Decimal
    >>> def compte(tiers, montant, jour):
    ...     m = [Mouvement("clients", tiers, jour, jour, D(montant), "facture")]
    ...     return lettrer(m, j(2026, 4, 30), lambda m: m.date_piece)
    >>> comptes = [compte("B", "8000.00", j(2026, 4, 18)), compte("E", "2000.00", j(2025, 12, 21)),
    ...            compte("C", "5000.00", j(2026, 3, 16))]
    >>> [r.tiers for r in classer(comptes, j(2026, 4, 30), {}, frozenset(), {})]
    ['E', 'C', 'B']
    """
    relances = []
    for compte in comptes:
        relance = a_relancer(compte, au, noms.get((compte.cote, compte.tiers), compte.tiers), litiges,
                             penalites_par_tiers.get(compte.tiers))
        if relance is not None:
            relances.append(relance)
    return sorted(relances, key=Relance.cle)
