"""Retard moyen pondéré au paiement : de combien de jours, en moyenne, les clients ont payé
après l'échéance les factures qu'ils ont soldées pendant l'exercice.

Retard moyen au paiement = Σ (montant dû × jours de retard au règlement) ÷ Σ montants dus, sur
les factures soldées par un règlement entre le début de l'exercice et la date d'analyse ; une
facture payée à l'échéance ou avant compte pour 0 jour, le montant dû est celui de la facture
avoirs déduits (page « Taux de retard et retard moyen »). Aucun texte ne le définit : la formule
et ses chiffres sont dits avec le résultat. Le retard moyen des factures encore dues, l'autre
mesure de la page, est dans la balance âgée (`LigneBalance.retard_moyen`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from .balance_agee import retard
from .dso import moyenne_ponderee
from .modele import FACTURE, ZERO


@dataclass
class RetardAuPaiement:
    factures: int = 0
    en_retard: int = 0             # payées après l'échéance
    montant: Decimal = ZERO        # Σ montants dus
    jours_montant: Decimal = ZERO  # Σ (montant dû × jours de retard)

    @property
    def jours(self) -> Decimal | None:
        """En jours au dixième (None : aucune facture soldée dans l'exercice)."""
        return moyenne_ponderee(self.jours_montant, self.montant)

    def ajouter(self, autre: RetardAuPaiement) -> None:
        self.factures += autre.factures
        self.en_retard += autre.en_retard
        self.montant += autre.montant
        self.jours_montant += autre.jours_montant


def retard_au_paiement(compte, debut: dt.date, au: dt.date) -> RetardAuPaiement:
    """Les factures d'un compte lettré soldées par un règlement pendant [debut, au].

    >>> from calculators.portefeuille.lettrage import lettrer
    >>> from calculators.portefeuille.modele import Mouvement
    >>> j, D = dt.date, Decimal
    >>> m = [Mouvement("clients", "C1", j(2025, 1, 1), j(2025, 1, 1), D("1000.00"), "facture"),
    ...      Mouvement("clients", "C1", j(2025, 2, 1), j(2025, 2, 1), D("3000.00"), "facture"),
    ...      Mouvement("clients", "C1", j(2025, 1, 31), j(2025, 1, 31), D("-1000.00"), "reglement"),
    ...      Mouvement("clients", "C1", j(2025, 3, 13), j(2025, 3, 13), D("-3000.00"), "reglement")]
    >>> c = lettrer(m, j(2025, 3, 31), lambda m: m.date_piece + dt.timedelta(days=30))
    >>> r = retard_au_paiement(c, j(2025, 1, 1), j(2025, 3, 31))
    >>> r.factures, r.en_retard, r.jours  # (1 000 × 0 + 3 000 × 10) ÷ 4 000
    (2, 1, Decimal('7.5'))
    """
    factures = en_retard = 0
    montant = jours_montant = ZERO
    for poste in compte.postes:  # cumuls en variables locales : toutes les factures du grand livre passent ici
        # Encore dû, ou soldé sans règlement (par avoir) : pas soldé par un paiement (`Poste.solde_le`).
        if (poste.reste or not poste.reglements or poste.echeance is None or poste.perte or poste.sans_date
                or poste.mouvement.nature != FACTURE):
            continue
        solde_le = poste.solde_le
        if not debut <= solde_le <= au:
            continue
        du = poste.du
        if du <= 0:
            continue
        jours = max(0, retard(poste.echeance, solde_le))  # payée à l'échéance ou avant : 0 jour
        factures += 1
        en_retard += jours > 0
        montant += du
        jours_montant += du * jours
    return RetardAuPaiement(factures, en_retard, montant, jours_montant)


@dataclass
class RetardsAuPaiement:
    """Le retard moyen au paiement de tous les clients, et de chacun (ceux qui ont soldé une facture)."""

    total: RetardAuPaiement = field(default_factory=RetardAuPaiement)
    par_client: dict = field(default_factory=dict)  # compte → RetardAuPaiement

    def ajouter_compte(self, compte, debut: dt.date, au: dt.date) -> None:
        paiements = retard_au_paiement(compte, debut, au)
        if paiements.factures:
            self.total.ajouter(paiements)
            self.par_client[compte.tiers] = paiements
