"""Toutes les règles de taux, une fonction par article ; les valeurs viennent de `calculators/data/`.

- C. com. art. L441-10 II (loi n° 2012-387 du 22 mars 2012, en vigueur le 1er janvier 2013) :
  pénalités entre professionnels = taux de la dernière opération principale de refinancement
  de la BCE « en vigueur au 1er janvier » (1er semestre) ou « au 1er juillet » (2e semestre),
  majoré de 10 points ; un taux contractuel ne peut être inférieur à 3 fois le taux légal.
- C. commande publique art. R2192-31 : intérêts moratoires des acheteurs publics = taux BCE en
  vigueur au premier jour du semestre civil où les intérêts commencent à courir, + 8 points.
- CMF art. L313-2 : taux de l'intérêt légal, fixé par semestre pour deux catégories de créanciers.

Ce module ne formate rien : `Taux` porte des valeurs et leurs références ; les phrases sont
écrites par le rendu de chaque calculateur. Les tables se mettent à jour depuis les fichiers
officiels avec `python -m calculators.taux.maj` (`make taux`) ; les formats lus et leurs
contrôles sont dans `calculators.taux.officiel`.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from dataclasses import dataclass
from decimal import Decimal

from ..data import charger

MAJORATION_L441_10 = Decimal("10")  # points, C. com. art. L441-10 II
MAJORATION_R2192_31 = Decimal("8")  # points, C. commande publique art. R2192-31
PLANCHER_MULTIPLE = Decimal(3)  # C. com. art. L441-10 II : un taux contractuel ≥ 3 × taux légal
DEBUT_REGLES_2013 = dt.date(2013, 1, 1)  # loi n° 2012-387, art. 121 V
# Ce qu'un résultat dit d'un taux `confirme` faux : vrai, lui, vient d'une source officielle ou de
# reproductions concordantes du texte officiel (README, « Mettre à jour les taux »).
NON_CONFIRME = "non confirmé, relevé seulement dans des sources secondaires"


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

    def precedent(self) -> "Semestre":
        """Semestre d'avant.

        >>> Semestre(2026, 1).precedent(), Semestre(2026, 2).precedent()
        (Semestre(annee=2025, numero=2), Semestre(annee=2026, numero=1))
        """
        return Semestre(self.annee - 1, 2) if self.numero == 1 else Semestre(self.annee, 1)


@dataclass(frozen=True)
class Taux:
    """Un taux, d'où il vient et s'il est confirmé (lu sur une source officielle, ou recoupé).

    `source` : note de recherche pour les mainteneurs ; `citation` : référence courte montrée à
    l'utilisateur. Pour un taux construit (BCE + points) : `bce`, `au` (jour où le taux BCE
    est pris) et `majoration` ; pour le taux légal : `semestre` et `categorie`.
    """

    valeur: Decimal
    confirme: bool
    source: str
    citation: str
    article: str
    bce: Decimal | None = None
    au: dt.date | None = None
    depuis: dt.date | None = None  # date d'effet du taux BCE retenu
    majoration: Decimal = Decimal(0)
    semestre: "Semestre | None" = None
    categorie: str | None = None


def _date(texte: str) -> dt.date:
    return dt.date.fromisoformat(texte)


def couvert_jusqu_au() -> dt.date:
    """Dernier jour pour lequel les deux tables (BCE et taux légal) sont connues."""
    return min(couvertures().values())


def couvertures() -> dict[str, dt.date]:
    """Dernier jour connu de chaque table (`taux_bce`, `taux_legal`) ; `couvert_jusqu_au` est le plus tôt."""
    return {nom: _date(charger(nom)["couvre_jusqu_au"]) for nom in ("taux_bce", "taux_legal")}


def jours_restants(aujourdhui: dt.date) -> int:
    """Jours entre `aujourdhui` et la fin des tables (négatif quand elles sont dépassées).

    >>> jours_restants(couvert_jusqu_au()), jours_restants(couvert_jusqu_au() + dt.timedelta(days=3))
    (0, -3)
    """
    return (couvert_jusqu_au() - aujourdhui).days


@cache  # les tables ne changent pas pendant un calcul ; une analyse de grand livre en demande des milliers
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
        citation=en_vigueur.get("citation") or "",
        article="",
        bce=Decimal(en_vigueur["taux"]),
        au=jour,
        depuis=_date(en_vigueur["depuis"]),
    )


@cache  # les tables ne changent pas pendant un calcul ; une analyse de grand livre en demande des milliers
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
    return Taux(
        valeur=bce.valeur + MAJORATION_L441_10, confirme=bce.confirme, source=bce.source, citation=bce.citation,
        article="L441-10", bce=bce.valeur, au=semestre.debut, depuis=bce.depuis, majoration=MAJORATION_L441_10,
        semestre=semestre,
    )


def taux_penalite_estime(semestre: Semestre) -> Taux:
    """Estimation, à la demande, du taux L441-10 II d'un semestre au-delà des tables : le dernier taux
    BCE connu + 10 points. Le taux du 1er janvier ou du 1er juillet à venir sera celui en vigueur ce
    jour-là : une décision prise en cours de semestre (16/09/2026 : 2,65 %) en est la meilleure
    estimation, mieux que le taux figé du dernier semestre connu (2,40 % au 01/07/2026).

    >>> t = taux_penalite_estime(Semestre(2027, 1))
    >>> t.bce == taux_bce_au(couvert_jusqu_au()).valeur, t.valeur == t.bce + 10, t.semestre
    (True, True, Semestre(annee=2027, numero=1))
    """
    bce = taux_bce_au(couvert_jusqu_au())
    return Taux(
        valeur=bce.valeur + MAJORATION_L441_10, confirme=bce.confirme, source=bce.source, citation=bce.citation,
        article="L441-10", bce=bce.valeur, au=bce.au, depuis=bce.depuis, majoration=MAJORATION_L441_10,
        semestre=semestre,
    )


def taux_interets_moratoires(debut: dt.date) -> Taux:
    """Taux R2192-31 des intérêts moratoires d'un acheteur public, un seul pour tout le retard.

    BCE en vigueur au premier jour du semestre civil où les intérêts commencent à courir
    (`debut`, le lendemain de l'expiration du délai de paiement), majoré de 8 points.

    >>> taux_interets_moratoires(dt.date(2025, 3, 25)).valeur   # BCE au 01/01/2025 : 3,15 %
    Decimal('11.15')
    """
    semestre = Semestre.de(debut)
    bce = taux_bce_au(semestre.debut)
    return Taux(
        valeur=bce.valeur + MAJORATION_R2192_31, confirme=bce.confirme, source=bce.source, citation=bce.citation,
        article="R2192-31", bce=bce.valeur, au=semestre.debut, depuis=bce.depuis, majoration=MAJORATION_R2192_31,
        semestre=semestre,
    )


@cache  # les tables ne changent pas pendant un calcul ; une analyse de grand livre en demande des milliers
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
                valeur=Decimal(ligne[categorie]), confirme=ligne["confirme"], source=ligne["source"],
                citation=ligne.get("citation") or ligne["texte"], article="L313-2", semestre=semestre,
                categorie=categorie,
            )
    raise TauxInconnu(semestre.debut, _date(table["couvre_jusqu_au"]))
