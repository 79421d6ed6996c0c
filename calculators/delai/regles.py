"""Délais de paiement maximaux entre professionnels et avec les acheteurs publics.

Fonctions pures sur des dates : une date de départ entre, une date limite sort, avec l'article
qui la fixe et les étapes du calcul. Aucune phrase ni mise en forme (voir `rendu`). Textes lus
(voir `calculators.commun.sources`) :

- Code de commerce, art. L441-10 I (version du 26/04/2019), L441-11 II (version du 01/01/2024 ;
  le 1° a/b date de l'ordonnance n° 2021-859, en vigueur le 01/11/2021), L441-12, L441-13 ;
- Code de la commande publique, art. R2192-10 à R2192-14 (décret n° 2018-1075) ;
- fiche DGCCRF « Délais de paiement : les règles à connaître » pour les deux lectures du
  « 45 jours fin de mois ».

Convention de décompte : « N jours après la date D » est D + N jours (le jour D ne compte pas) ;
la date obtenue est le dernier jour pour payer ; les pénalités courent dès le lendemain
(L441-10 II : « le jour suivant la date de règlement »). Aucune date n'est reportée au jour ouvré
suivant : aucun texte ne le prévoit pour une date de paiement contractuelle.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .calendrier import UN_JOUR, fin_de_decade, fin_de_mois, jours_apres

if TYPE_CHECKING:  # les régimes sont des données que les règles lisent, sans les importer
    from .regimes import Regime

# Noms stables des méthodes (JSON, résumé de la page) quand un régime en admet plusieurs.
METHODE_45J_PUIS_FDM = "45j-puis-fin-de-mois"
METHODE_FDM_PUIS_45J = "fin-de-mois-puis-45j"
METHODE_60J = "60j"

# Loi LME (n° 2008-776), art. 21 : plafonds de délai en vigueur le 01/01/2009.
PLAFONDS_LME = dt.date(2009, 1, 1)
# Ordonnance n° 2021-859 du 30/06/2021 : le délai « 30 jours après livraison » des périssables
# (L441-11 II 1° a) remplace « 30 jours après la fin de la décade de livraison » au 01/11/2021.
PERISSABLES_NOUVELLE_REGLE = dt.date(2021, 11, 1)

# Point de départ du délai d'un acheteur public (`depart_public`), et l'article de chacun.
DEPART_RECEPTION = "reception"                   # R2192-12
DEPART_EXECUTION = "execution"                   # R2192-13
DEPART_DEMANDE_PLUS_DEUX = "demande-plus-deux"   # R2192-14
# Point de départ du délai outre-mer (`depart_outre_mer`) : le dédouanement, sauf s'il précède la facture.
DEPART_DEDOUANEMENT = "dedouanement"                      # L441-13
DEPART_FACTURE_APRES_DEDOUANEMENT = "facture-apres-dedouanement"  # L441-10 I al. 2 : rien à retarder


@dataclass(frozen=True)
class Limite:
    """Une date limite de paiement, avec les étapes qui y mènent.

    `etape` est la date à laquelle s'ajoutent les `jours` (départ, fin de mois, fin de décade),
    sauf pour « 45 jours, puis fin de mois » où c'est départ + 45 jours, avant la fin de mois.
    """

    methode: str      # nom stable (« 60j », « 45j-puis-fin-de-mois »…)
    depart: dt.date   # point de départ du délai
    etape: dt.date
    jours: int
    date: dt.date     # dernier jour pour payer
    article: str      # clé dans calculators.commun.sources

    @property
    def debut_penalites(self) -> dt.date:
        """Les pénalités sont exigibles le jour suivant la date de règlement (C. com. art. L441-10 II)."""
        return self.date + UN_JOUR


def _apres(depart: dt.date, jours: int, methode: str, article: str, base: dt.date | None = None) -> Limite:
    """Limite « N jours après » `base` (par défaut le départ lui-même)."""
    base = depart if base is None else base
    return Limite(methode, depart, base, jours, jours_apres(base, jours), article)


def soixante_jours(facture: dt.date, article: str = "L441-10") -> Limite:
    """Délai convenu : au plus 60 jours après la date d'émission de la facture
    (C. com. art. L441-10 I al. 2 ; même plafond au L441-11 II 4°).

    >>> soixante_jours(dt.date(2024, 1, 15)).date  # 2024 bissextile : 29 février compté
    datetime.date(2024, 3, 15)
    """
    return _apres(facture, 60, METHODE_60J, article)


def quarante_cinq_jours_puis_fin_de_mois(facture: dt.date, article: str = "L441-10") -> Limite:
    """« 45 jours fin de mois », première lecture : facture + 45 jours, puis fin de ce mois-là
    (C. com. art. L441-10 I al. 3 ; fiche DGCCRF « date de facture + 45 jours + fin du mois »).

    >>> quarante_cinq_jours_puis_fin_de_mois(dt.date(2025, 1, 15)).date  # 01/03 → fin mars
    datetime.date(2025, 3, 31)
    >>> quarante_cinq_jours_puis_fin_de_mois(dt.date(2024, 1, 15)).date  # 29/02/2024
    datetime.date(2024, 2, 29)
    """
    plus_45 = jours_apres(facture, 45)
    return Limite(METHODE_45J_PUIS_FDM, facture, plus_45, 45, fin_de_mois(plus_45), article)


def fin_de_mois_puis_quarante_cinq_jours(facture: dt.date, article: str = "L441-10") -> Limite:
    """« 45 jours fin de mois », seconde lecture : fin du mois de la facture, puis + 45 jours
    (C. com. art. L441-10 I al. 3 ; fiche DGCCRF « date de facture + fin du mois + 45 jours »).

    >>> fin_de_mois_puis_quarante_cinq_jours(dt.date(2025, 1, 15)).date  # 31/01 + 45
    datetime.date(2025, 3, 17)
    >>> fin_de_mois_puis_quarante_cinq_jours(dt.date(2025, 3, 10)).date  # 31/03 + 45
    datetime.date(2025, 5, 15)
    """
    return _apres(facture, 45, METHODE_FDM_PUIS_45J, article, base=fin_de_mois(facture))


def quarante_cinq_jours_fin_de_mois(facture: dt.date, article: str = "L441-10") -> tuple[Limite, Limite]:
    """Les deux lectures admises du « 45 jours fin de mois » (C. com. art. L441-10 I al. 3), côte à côte.

    La loi n'impose aucune des deux : les parties doivent avoir convenu laquelle (CEDEF, DGCCRF).

    >>> [l.date.isoformat() for l in quarante_cinq_jours_fin_de_mois(dt.date(2025, 2, 15))]
    ['2025-04-30', '2025-04-14']
    """
    return (quarante_cinq_jours_puis_fin_de_mois(facture, article),
            fin_de_mois_puis_quarante_cinq_jours(facture, article))


def plafond_general(facture: dt.date) -> dt.date:
    """Le dernier jour qu'un délai convenu entre professionnels peut atteindre pour une facture : 60 jours
    après elle, ou 45 jours fin de mois dans l'une ou l'autre lecture (C. com. art. L441-10 I), le plus
    tardif des trois ; hors délais propres à un secteur (L441-11 à L441-13). Croît avec la date de la
    facture : pour des factures antérieures à un jour, c'est celui de la veille.

    >>> plafond_general(dt.date(2024, 12, 31)), plafond_general(dt.date(2025, 1, 15))
    (datetime.date(2025, 3, 1), datetime.date(2025, 3, 31))
    """
    return max(limite.date for limite in (soixante_jours(facture), *quarante_cinq_jours_fin_de_mois(facture)))


def facture_periodique(facture: dt.date) -> Limite:
    """Facture périodique (CGI art. 289, I-3) : au plus 45 jours après sa date d'émission,
    sans « fin de mois » (C. com. art. L441-10 I al. 4).

    >>> facture_periodique(dt.date(2025, 1, 31)).date
    datetime.date(2025, 3, 17)
    """
    return _apres(facture, 45, "45j", "L441-10")


def defaut_trente_jours(livraison: dt.date) -> Limite:
    """Sans délai convenu : 30 jours après la réception des marchandises ou l'exécution de la
    prestation (C. com. art. L441-10 I al. 1) ; le point de départ n'est pas la facture.

    >>> defaut_trente_jours(dt.date(2025, 1, 31)).date
    datetime.date(2025, 3, 2)
    """
    return _apres(livraison, 30, "30j", "L441-10")


def perissables(livraison: dt.date) -> Limite:
    """Produits agricoles et alimentaires périssables, viandes et poissons surgelés, plats
    cuisinés et conserves de produits périssables : 30 jours après la livraison
    (C. com. art. L441-11 II 1° a, depuis le 01/11/2021).

    >>> perissables(dt.date(2024, 2, 10)).date
    datetime.date(2024, 3, 11)
    """
    return _apres(livraison, 30, "30j-livraison", "L441-11")


def perissables_periodique(livraison: dt.date) -> Limite:
    """Mêmes produits, facture périodique : 30 jours après la fin de la décade de livraison
    (C. com. art. L441-11 II 1° b). Décades : du 1er au 10, du 11 au 20, du 21 à la fin du mois.

    >>> perissables_periodique(dt.date(2025, 2, 25)).date  # décade finie le 28/02
    datetime.date(2025, 3, 30)
    >>> perissables_periodique(dt.date(2025, 12, 21)).date  # décade finie le 31/12
    datetime.date(2026, 1, 30)
    """
    return _apres(livraison, 30, "30j-fin-de-decade", "L441-11", base=fin_de_decade(livraison))


def perissables_avant_novembre_2021(livraison: dt.date) -> Limite | None:
    """Périssables livrés avant le 01/11/2021 : l'ancien L441-11 II 1° (avant l'ordonnance
    n° 2021-859) donnait 30 jours après la fin de la décade de livraison. None après cette date.

    >>> perissables_avant_novembre_2021(dt.date(2021, 10, 5)).date  # décade finie le 10/10
    datetime.date(2021, 11, 9)
    >>> perissables_avant_novembre_2021(dt.date(2021, 11, 1)) is None
    True
    """
    if livraison >= PERISSABLES_NOUVELLE_REGLE:
        return None
    return _apres(livraison, 30, "30j-fin-de-decade", "L441-11", base=fin_de_decade(livraison))


def betail(livraison: dt.date) -> Limite:
    """Bétail sur pied destiné à la consommation et viandes fraîches dérivées : 20 jours après
    le jour de livraison (C. com. art. L441-11 II 2°).

    >>> betail(dt.date(2025, 2, 20)).date
    datetime.date(2025, 3, 12)
    """
    return _apres(livraison, 20, "20j-livraison", "L441-11")


def alcools(livraison: dt.date) -> Limite:
    """Boissons alcooliques passibles des droits de consommation : 30 jours après la fin du mois
    de livraison (C. com. art. L441-11 II 3°).

    >>> alcools(dt.date(2025, 1, 5)).date  # 31/01 + 30 jours
    datetime.date(2025, 3, 2)
    """
    return _apres(livraison, 30, "30j-fin-de-mois-livraison", "L441-11", base=fin_de_mois(livraison))


def vins_alcools_circulation(facture: dt.date) -> tuple[Limite, Limite, Limite]:
    """Raisins et moûts destinés aux vins, boissons alcooliques passibles des droits de
    circulation : 45 jours fin de mois ou 60 jours après la facture (C. com. art. L441-11 II 4°),
    sauf accords interprofessionnels dérogatoires (Champagne, accords étendus).

    >>> [l.date.isoformat() for l in vins_alcools_circulation(dt.date(2025, 1, 15))]
    ['2025-03-16', '2025-03-31', '2025-03-17']
    """
    return (soixante_jours(facture, "L441-11"), *quarante_cinq_jours_fin_de_mois(facture, "L441-11"))


def transport(facture: dt.date) -> Limite:
    """Transport routier de marchandises, location de véhicules, commission de transport,
    transitaires, agents maritimes et de fret aérien, courtiers de fret, commissionnaires en
    douane : 30 jours après l'émission de la facture, « en aucun cas » plus (C. com. art. L441-11 II).

    >>> transport(dt.date(2025, 1, 31)).date
    datetime.date(2025, 3, 2)
    """
    return _apres(facture, 30, "30j-facture", "L441-11")


def grand_export(facture: dt.date) -> Limite:
    """Achats en franchise de TVA (CGI art. 275) de biens livrés en l'état hors de l'Union
    européenne : au plus 90 jours après la facture, si c'est expressément stipulé
    (C. com. art. L441-12 ; pas pour les achats des grandes entreprises).

    >>> grand_export(dt.date(2024, 12, 1)).date
    datetime.date(2025, 3, 1)
    """
    return _apres(facture, 90, "90j", "L441-12")


def outre_mer(dedouanement: dt.date) -> Limite:
    """Marchandises importées dans un département ou une collectivité d'outre-mer cités au
    L441-13 : les délais du L441-10 I (et du L441-11 II 1° à 4°) ne courent qu'à partir du
    dédouanement au port de destination finale. Ici, le plafond de 60 jours (L441-10 I al. 2)
    compté depuis le dédouanement (C. com. art. L441-13).

    >>> outre_mer(dt.date(2025, 3, 3)).date
    datetime.date(2025, 5, 2)
    """
    return _apres(dedouanement, 60, "60j-dedouanement", "L441-13")


def depart_outre_mer(facture: dt.date, dedouanement: dt.date) -> tuple[dt.date, str]:
    """Point de départ du délai outre-mer : les délais du L441-10 I « ne courent qu'à compter de » la
    date de dédouanement (C. com. art. L441-13). Le texte retarde le départ, il ne l'avance pas : une
    marchandise dédouanée avant l'émission de la facture suit le délai ordinaire, compté de la
    facture (L441-10 I al. 2). Rend la date et le motif (`DEPART_DEDOUANEMENT` ou
    `DEPART_FACTURE_APRES_DEDOUANEMENT`).

    >>> depart_outre_mer(dt.date(2025, 1, 15), dt.date(2025, 3, 3))
    (datetime.date(2025, 3, 3), 'dedouanement')
    >>> depart_outre_mer(dt.date(2025, 1, 15), dt.date(2024, 12, 1))
    (datetime.date(2025, 1, 15), 'facture-apres-dedouanement')
    """
    if dedouanement < facture:
        return facture, DEPART_FACTURE_APRES_DEDOUANEMENT
    return dedouanement, DEPART_DEDOUANEMENT


def depart_public(facture: dt.date, reception: dt.date | None, execution: dt.date | None) -> tuple[dt.date, str]:
    """Point de départ du délai de paiement d'un acheteur public (C. commande publique) :

    - la réception de la demande de paiement (R2192-12) ;
    - mais l'exécution des prestations si la demande a été reçue avant (R2192-13) ;
    - à défaut de date de réception constatée, la date de la demande augmentée de deux jours
      (R2192-14) : ici, la date de la facture + 2 jours.

    Rend la date et le motif (`DEPART_RECEPTION`, `DEPART_EXECUTION` ou `DEPART_DEMANDE_PLUS_DEUX`).

    >>> depart_public(dt.date(2025, 3, 3), None, None)
    (datetime.date(2025, 3, 5), 'demande-plus-deux')
    >>> depart_public(dt.date(2025, 3, 3), dt.date(2025, 3, 4), dt.date(2025, 3, 10))
    (datetime.date(2025, 3, 10), 'execution')
    """
    if reception is None:
        depart, motif = jours_apres(facture, 2), DEPART_DEMANDE_PLUS_DEUX
    else:
        depart, motif = reception, DEPART_RECEPTION
    if execution is not None and execution > depart:
        depart, motif = execution, DEPART_EXECUTION
    return depart, motif


def public(depart: dt.date, jours: int, article: str) -> Limite:
    """Acheteur public : 30 jours (État, collectivités territoriales et leurs établissements,
    C. commande publique art. R2192-10), 50 jours (établissements publics de santé, R2192-11 1°),
    60 jours (entreprises publiques, R2192-11 2°), comptés du point de départ de `depart_public`.

    >>> public(dt.date(2025, 12, 5), 30, "R2192-10").date
    datetime.date(2026, 1, 4)
    """
    return _apres(depart, jours, f"{jours}j-reception", article)


def depassement(echeance: dt.date, limite: dt.date) -> int:
    """Jours de dépassement d'une échéance sur la date limite (0 si elle la respecte).

    >>> depassement(dt.date(2025, 3, 31), dt.date(2025, 3, 16)), depassement(dt.date(2025, 3, 1), dt.date(2025, 3, 16))
    (15, 0)
    """
    return max(0, (echeance - limite).days)


# --- Un régime appliqué à une facture -----------------------------------------------------------

@dataclass(frozen=True)
class Calcul:
    """Résultat d'un régime : les dates saisies, le point de départ retenu, les dates limites."""

    regime: Regime
    facture: dt.date
    livraison: dt.date | None
    reception: dt.date | None
    dedouanement: dt.date | None
    depart: dt.date
    motif: str                          # le départ du régime, ou celui de `depart_public`
    limites: tuple[Limite, ...]
    ancienne_regle: Limite | None = None  # date du texte antérieur, quand il peut encore s'appliquer


def calculer(regime: Regime, facture: dt.date, livraison: dt.date | None = None, reception: dt.date | None = None,
             dedouanement: dt.date | None = None) -> Calcul:
    """Dates limites du `regime` (voir `regimes.REGIMES`) : sa règle, appliquée à sa date de départ.

    Les dates dont le régime a besoin doivent être données (la saisie le contrôle avant :
    `ValueError` sinon).

    >>> from .regimes import REGIMES
    >>> c = calculer(REGIMES["45jfdm"], dt.date(2025, 1, 15))
    >>> [(l.methode, l.date.isoformat()) for l in c.limites]
    [('45j-puis-fin-de-mois', '2025-03-31'), ('fin-de-mois-puis-45j', '2025-03-17')]
    >>> calculer(REGIMES["public-hopital"], dt.date(2025, 1, 15), reception=dt.date(2025, 1, 20)).limites[0].date
    datetime.date(2025, 3, 11)
    >>> calculer(REGIMES["outre-mer"], dt.date(2025, 1, 15), dedouanement=dt.date(2024, 12, 1)).limites[0].date
    datetime.date(2025, 3, 16)
    """
    if regime.depart == "public":
        depart, motif = depart_public(facture, reception, livraison)
    elif regime.depart == "dedouanement" and dedouanement is not None:
        depart, motif = depart_outre_mer(facture, dedouanement)
    else:
        depart = {"facture": facture, "livraison": livraison, "dedouanement": dedouanement}[regime.depart]
        motif = regime.depart
        if depart is None:
            raise ValueError(f"le régime {regime.code} demande la date de {regime.depart}")
    # Dédouanée avant la facture, la marchandise n'a pas de délai décalé : le plafond de 60 jours
    # après la facture, sous son propre nom (pas « 60 jours après le dédouanement »).
    limites = soixante_jours(depart) if motif == DEPART_FACTURE_APRES_DEDOUANEMENT else regime.regle(depart)
    ancienne = regime.ancienne_regle(depart) if regime.ancienne_regle else None
    return Calcul(regime, facture, livraison, reception, dedouanement, depart, motif,
                  limites if isinstance(limites, tuple) else (limites,), ancienne)


@dataclass(frozen=True)
class Controle:
    """Une échéance convenue confrontée aux dates limites (une par méthode)."""

    echeance: dt.date
    depassements: tuple[int, ...]  # jours de trop sur chaque limite, dans l'ordre des limites

    @property
    def conforme(self) -> bool:
        """Permise par au moins une méthode admise : elle ne dépasse pas la plus tardive."""
        return min(self.depassements) == 0

    @property
    def depassement(self) -> int:
        """Jours de trop sur la plus tardive des dates limites."""
        return min(self.depassements)


def controler_echeance(echeance: dt.date, limites: tuple[Limite, ...]) -> Controle:
    """Une échéance convenue respecte-t-elle le plafond ? Le plafond s'impose aux deux parties
    (C. com. art. L441-10 I ; C. commande publique art. L2192-10 pour un marché public).

    >>> c = controler_echeance(dt.date(2025, 3, 25), quarante_cinq_jours_fin_de_mois(dt.date(2025, 1, 15)))
    >>> c.depassements, c.conforme, c.depassement
    ((0, 8), True, 0)
    """
    return Controle(echeance, tuple(depassement(echeance, limite.date) for limite in limites))
