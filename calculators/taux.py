"""Taux applicables par semestre : taux BCE figé, taux de pénalité par défaut, taux légal.

Règle (C. com. art. L441-10 II, rédaction issue de la loi n° 2012-387 du 22 mars 2012, en
vigueur le 1er janvier 2013) : le taux des pénalités de retard est, sauf disposition contraire,
le taux de la dernière opération principale de refinancement de la BCE « en vigueur au
1er janvier » pour le premier semestre et « au 1er juillet » pour le second, majoré de 10 points.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from .data import charger
from .format_fr import pourcent

MAJORATION_L441_10 = Decimal("10")  # points, C. com. art. L441-10 II
PLANCHER_MULTIPLE = Decimal(3)  # C. com. art. L441-10 II : un taux contractuel ≥ 3 × taux légal
DEBUT_REGLES_2013 = dt.date(2013, 1, 1)  # loi n° 2012-387, art. 121 V


class TauxInconnu(LookupError):
    """La table ne couvre pas la date demandée : on refuse plutôt que d'extrapoler."""

    def __init__(self, jour: dt.date, couvert_jusqu_au: dt.date):
        super().__init__(f"aucun taux connu pour le {jour.isoformat()}")
        self.jour = jour
        self.couvert_jusqu_au = couvert_jusqu_au


@dataclass(frozen=True)
class Semestre:
    annee: int
    numero: int  # 1 ou 2

    @classmethod
    def de(cls, jour: dt.date) -> "Semestre":
        """Semestre civil contenant `jour`.

        >>> Semestre.de(dt.date(2024, 7, 1))
        Semestre(annee=2024, numero=2)
        """
        return cls(jour.year, 1 if jour.month <= 6 else 2)

    @property
    def debut(self) -> dt.date:
        return dt.date(self.annee, 1 if self.numero == 1 else 7, 1)

    @property
    def fin(self) -> dt.date:
        return dt.date(self.annee, 6, 30) if self.numero == 1 else dt.date(self.annee, 12, 31)

    @property
    def libelle(self) -> str:
        """Libellé français.

        >>> Semestre(2023, 2).libelle
        '2e semestre 2023'
        """
        return f"{'1er' if self.numero == 1 else '2e'} semestre {self.annee}"

    def precedent(self) -> "Semestre":
        """Semestre d'avant.

        >>> Semestre(2026, 1).precedent(), Semestre(2026, 2).precedent()
        (Semestre(annee=2025, numero=2), Semestre(annee=2026, numero=1))
        """
        return Semestre(self.annee - 1, 2) if self.numero == 1 else Semestre(self.annee, 1)


@dataclass(frozen=True)
class Taux:
    """Un taux et ce qu'il faut en dire à l'utilisateur : sa source et s'il est confirmé."""

    valeur: Decimal
    confirme: bool
    source: str
    explication: str


def _date(texte: str) -> dt.date:
    return dt.date.fromisoformat(texte)


def couvert_jusqu_au() -> dt.date:
    """Dernier jour pour lequel le taux de pénalité par défaut est connu."""
    return min(_date(charger("taux_bce")["couvre_jusqu_au"]), _date(charger("taux_legal")["couvre_jusqu_au"]))


def taux_bce_au(jour: dt.date) -> Taux:
    """Taux de l'opération principale de refinancement en vigueur le jour donné.

    >>> taux_bce_au(dt.date(2022, 7, 1)).valeur   # la hausse du 27/07/2022 ne compte pas encore
    Decimal('0.00')
    """
    table = charger("taux_bce")
    limite = _date(table["couvre_jusqu_au"])
    if jour > limite:
        raise TauxInconnu(jour, limite)
    en_vigueur = None
    for ligne in table["taux"]:  # triée par date d'effet (vérifié par les tests)
        if _date(ligne["depuis"]) <= jour:
            en_vigueur = ligne
        else:
            break
    if en_vigueur is None:
        raise TauxInconnu(jour, limite)
    return Taux(
        valeur=Decimal(en_vigueur["taux"]),
        confirme=en_vigueur["confirme"],
        source=en_vigueur["source"],
        explication=f"taux BCE en vigueur depuis le {_date(en_vigueur['depuis']).strftime('%d/%m/%Y')}",
    )


def taux_penalite_defaut(semestre: Semestre) -> Taux:
    """Taux L441-10 II par défaut d'un semestre : BCE au 1er jour du semestre + 10 points.

    >>> taux_penalite_defaut(Semestre(2023, 2)).valeur
    Decimal('14.00')
    >>> taux_penalite_defaut(Semestre(2024, 1)).valeur
    Decimal('14.50')
    """
    if semestre.debut < DEBUT_REGLES_2013:
        raise ValueError("règles de calcul antérieures au 1er janvier 2013 non prises en charge")
    bce = taux_bce_au(semestre.debut)
    jour = "1er janvier" if semestre.numero == 1 else "1er juillet"
    return Taux(
        valeur=bce.valeur + MAJORATION_L441_10,
        confirme=bce.confirme,
        source=bce.source,
        explication=f"taux BCE au {jour} {semestre.annee} ({pourcent(bce.valeur)}) + 10 points",
    )


def taux_legal(semestre: Semestre, categorie: str = "professionnels") -> Taux:
    """Taux de l'intérêt légal (CMF art. L313-2) applicable au semestre.

    `categorie` : « professionnels » (tous les autres cas) ou « particuliers » (créancier
    personne physique n'agissant pas pour des besoins professionnels).

    >>> taux_legal(Semestre(2024, 1)).valeur
    Decimal('5.07')
    """
    table = charger("taux_legal")
    for ligne in table["periodes"]:
        if _date(ligne["du"]) <= semestre.debut <= _date(ligne["au"]):
            if ligne[categorie] is None:
                break
            return Taux(
                valeur=Decimal(ligne[categorie]),
                confirme=ligne["confirme"],
                source=f"{ligne['texte']} ; {ligne['source']}",
                explication=f"taux de l'intérêt légal ({categorie}), {semestre.libelle}",
            )
    raise TauxInconnu(semestre.debut, _date(table["couvre_jusqu_au"]))
