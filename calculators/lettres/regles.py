"""Les règles propres aux lettres : quelles factures chiffrer, leurs totaux, les dates qu'elles citent.

Les montants eux-mêmes (pénalités, indemnité, reste dû après acomptes, échéances) viennent des
calculateurs de pénalités et d'échéancier (voir `calculs`) : ici, on ne fait que les additionner.
Rien n'est mis en forme.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from ..taux import Taux, taux_interets_moratoires

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Facture:
    rang: int
    numero: str
    date: dt.date | None
    montant: Decimal
    echeance: dt.date | None
    paiement: dt.date | None
    acomptes: tuple[dict, ...]  # ({date, montant}, …), repassés au calculateur de pénalités


@dataclass(frozen=True)
class FactureChiffree:
    facture: Facture
    calcul: dict | None  # résultat du calculateur de pénalités, s'il a été appelé
    chiffree: bool  # la lettre réclame ses pénalités et son indemnité

    @property
    def penalites(self) -> dict | None:
        return self.calcul if self.chiffree else None

    @property
    def penalites_dues(self) -> Decimal:
        """Pénalités que la lettre réclame : celles que les acomptes n'ont pas déjà payées (C. civ. 1343-1,
        imputation faite par le calculateur de pénalités)."""
        return Decimal(self.penalites["penalites_restantes"]) if self.penalites else ZERO

    @property
    def restant(self) -> Decimal:
        """Principal encore dû avant le paiement : celui du calculateur s'il y a des acomptes."""
        if self.calcul and self.facture.acomptes:
            return Decimal(self.calcul["principal_restant"])
        return self.facture.montant

    @property
    def du(self) -> Decimal:
        """Principal encore dû à la date de la lettre : rien si la facture est payée."""
        return ZERO if self.facture.paiement else self.restant


@dataclass(frozen=True)
class Chiffres:
    factures: tuple[FactureChiffree, ...]
    principal: Decimal  # somme des factures TTC
    principal_du: Decimal  # ce qui en reste dû, acomptes déduits
    penalites: Decimal
    indemnites: Decimal
    plan: dict | None = None  # résultat du calculateur d'échéancier, pour la proposition d'échéancier

    @property
    def accessoires(self) -> Decimal:
        return self.penalites + self.indemnites

    @property
    def total(self) -> Decimal:
        return self.principal_du + self.accessoires

    def a_etaler(self, avec_penalites: bool) -> Decimal:
        """Somme étalée par l'échéancier : le principal dû, et les accessoires s'ils sont réclamés."""
        return self.total if avec_penalites else self.principal_du


def a_chiffrer(f: Facture, avec_calcul: bool) -> bool:
    """Le calculateur de pénalités est appelé pour une facture échue si la lettre chiffre les pénalités,
    et toujours si elle a des acomptes : le reste dû est alors le sien."""
    return f.echeance is not None and (avec_calcul or bool(f.acomptes))


def totaliser(factures: tuple[FactureChiffree, ...]) -> Chiffres:
    return Chiffres(
        factures=factures,
        principal=sum((f.facture.montant for f in factures), ZERO),
        principal_du=sum((f.du for f in factures), ZERO),
        penalites=sum((f.penalites_dues for f in factures), ZERO),
        indemnites=sum((Decimal(f.penalites["indemnite_forfaitaire"]) for f in factures if f.penalites), ZERO),
    )


def taux_moratoires(echeance: dt.date) -> Taux:
    """Un seul taux pour tout le retard (C. commande publique R2192-31) : celui du semestre où les
    intérêts moratoires commencent à courir, le lendemain de l'expiration du délai de paiement (L2192-13).

    Lève `TauxInconnu` si le taux BCE de ce semestre n'est pas encore dans les tables.
    """
    return taux_interets_moratoires(echeance + dt.timedelta(days=1))


def date_limite(date_lettre: dt.date, delai: int) -> dt.date:
    """Date limite de paiement laissée par une mise en demeure : `delai` jours après la lettre (C. civ. 1344)."""
    return date_lettre + dt.timedelta(days=delai)
