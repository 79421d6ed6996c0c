"""Délai moyen de paiement des clients (DSO), en jours de chiffre d'affaires TTC.

Deux méthodes, celles de la page « DSO » du site ; aucun texte ne fixe la méthode :

- par épuisement (« countback ») : l'encours est épuisé par le chiffre d'affaires TTC des mois
  les plus récents, en remontant ; chaque mois entièrement épuisé compte ses jours, le dernier
  mois entamé compte encours restant ÷ ventes du mois × jours du mois ;
- simple : encours ÷ chiffre d'affaires TTC de la période × jours de la période (les douze
  derniers mois, ou depuis le début des données s'il y en a moins).

L'encours est le solde des comptes clients à la date (à-nouveaux et crédits compris), TTC ;
le chiffre d'affaires TTC est celui des factures et avoirs clients, par mois de leur date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from .modele import ZERO

DIXIEME = Decimal("0.1")


def arrondi_jours(jours: Decimal) -> Decimal:
    """Au dixième de jour, demi vers le haut.

    >>> arrondi_jours(Decimal("45.9333"))
    Decimal('45.9')
    """
    return jours.quantize(DIXIEME, rounding=ROUND_HALF_UP)


def moyenne_ponderee(jours_montant: Decimal, montant: Decimal) -> Decimal | None:
    """Retard moyen pondéré : Σ (montant × jours) ÷ Σ montants, au dixième de jour (None sans montant).

    >>> moyenne_ponderee(Decimal("67680.00"), Decimal("1680.00"))  # (1 200 × 24 + 480 × 81) ÷ 1 680
    Decimal('40.3')
    """
    return arrondi_jours(jours_montant / montant) if montant > 0 else None


def mois_precedent(annee: int, mois: int) -> tuple[int, int]:
    return (annee - 1, 12) if mois == 1 else (annee, mois - 1)


def premier_des_douze_mois(au: dt.date) -> dt.date:
    """Premier jour de la période du DSO simple : le mois de `au` et les onze mois d'avant.

    >>> premier_des_douze_mois(dt.date(2025, 12, 31)), premier_des_douze_mois(dt.date(2026, 3, 15))
    (datetime.date(2025, 1, 1), datetime.date(2025, 4, 1))
    """
    annee, mois = au.year, au.month
    for _ in range(11):
        annee, mois = mois_precedent(annee, mois)
    return dt.date(annee, mois, 1)


def jours_du_mois(annee: int, mois: int, debut: dt.date, au: dt.date) -> int:
    """Jours du mois compris entre `debut` et `au` inclus.

    >>> jours_du_mois(2026, 2, dt.date(2026, 1, 1), dt.date(2026, 3, 31)), jours_du_mois(2026, 3, dt.date(2026, 1, 1), dt.date(2026, 3, 15))
    (28, 15)
    """
    premier = dt.date(annee, mois, 1)
    suivant = dt.date(annee + (mois == 12), mois % 12 + 1, 1)
    return max(0, (min(suivant - dt.timedelta(days=1), au) - max(premier, debut)).days + 1)


@dataclass(frozen=True)
class MoisEpuise:
    annee: int
    mois: int
    jours: int           # jours du mois dans la période
    ventes: Decimal      # chiffre d'affaires TTC du mois
    encours_avant: Decimal
    jours_comptes: Decimal


@dataclass
class Dso:
    methode: str                 # "epuisement" ou "simple"
    encours: Decimal
    jours: Decimal | None        # None : pas de chiffre d'affaires
    complet: bool = True         # épuisement : l'encours a été épuisé dans les données
    ventes: Decimal = ZERO       # simple : chiffre d'affaires TTC de la période
    periode_jours: int = 0       # simple : jours de la période
    debut: dt.date | None = None
    mois: list = field(default_factory=list)


def dso_par_epuisement(encours: Decimal, ventes_par_mois: dict, au: dt.date, debut: dt.date) -> Dso:
    """DSO par épuisement : l'exemple de la page « DSO » (480 000 € au 31 mars 2026).

    >>> v = {(2026, 1): Decimal(150000), (2026, 2): Decimal(150000), (2026, 3): Decimal(400000)}
    >>> d = dso_par_epuisement(Decimal(480000), v, dt.date(2026, 3, 31), dt.date(2026, 1, 1))
    >>> arrondi_jours(d.jours), [(m.mois, arrondi_jours(m.jours_comptes)) for m in d.mois]
    (Decimal('45.9'), [(3, Decimal('31.0')), (2, Decimal('14.9'))])
    """
    resultat = Dso("epuisement", encours, ZERO)
    restant = encours
    annee, mois = au.year, au.month
    while restant > 0:
        if dt.date(annee, mois, 1) < dt.date(debut.year, debut.month, 1):
            resultat.complet = False
            break
        jours = jours_du_mois(annee, mois, debut, au)
        ventes = ventes_par_mois.get((annee, mois), ZERO)
        if ventes > 0 and restant <= ventes:
            comptes = restant * jours / ventes  # multiplier d'abord : 100 × 30 / 480 = 6,25 exactement
        else:
            comptes = Decimal(jours)
        resultat.mois.append(MoisEpuise(annee, mois, jours, ventes, restant, comptes))
        resultat.jours += comptes
        restant -= max(ventes, ZERO)
        annee, mois = mois_precedent(annee, mois)
    return resultat


def dso_simple(encours: Decimal, ventes_par_mois: dict, au: dt.date, debut: dt.date) -> Dso:
    """DSO simple sur les douze derniers mois (mois entiers, le dernier jusqu'à `au`).

    >>> v = {(2026, 1): Decimal(150000), (2026, 2): Decimal(150000), (2026, 3): Decimal(400000)}
    >>> d = dso_simple(Decimal(480000), v, dt.date(2026, 3, 31), dt.date(2026, 1, 1))
    >>> d.periode_jours, d.ventes, arrondi_jours(d.jours)
    (90, Decimal('700000.00'), Decimal('61.7'))
    >>> dso_simple(Decimal(-5000), v, dt.date(2026, 3, 31), dt.date(2026, 1, 1)).jours
    Decimal('0')
    """
    depart = max(debut, premier_des_douze_mois(au))
    ventes = sum((v for (a, m), v in ventes_par_mois.items() if (depart.year, depart.month) <= (a, m) <= (au.year, au.month)),
                 ZERO)
    jours = (au - depart).days + 1
    # Un encours créditeur (avances des clients) ne fait pas un délai négatif : 0 jour, comme l'épuisement.
    valeur = max(encours, ZERO) * jours / ventes if ventes > 0 else None
    return Dso("simple", encours, valeur, ventes=ventes, periode_jours=jours, debut=depart)


def dso_du_client(encours: Decimal, ventes_par_mois: dict, au: dt.date, debut: dt.date) -> tuple:
    """Les deux DSO d'un client, par ses propres ventes : (épuisement en jours au dixième, épuisé dans
    les données ou non, simple en jours au dixième ou None sans ventes). Un client créditeur ne doit
    rien : 0 jour par les deux méthodes (la méthode simple donnait un délai négatif).

    >>> v = {(2025, 11): Decimal(1800), (2025, 12): Decimal(3600)}
    >>> dso_du_client(Decimal(4600), v, dt.date(2025, 12, 31), dt.date(2025, 1, 1))  # 31 + 1 000 × 30 ÷ 1 800 ; 4 600 × 365 ÷ 5 400
    (Decimal('47.7'), True, Decimal('310.9'))
    >>> dso_du_client(Decimal(-500), v, dt.date(2025, 12, 31), dt.date(2025, 1, 1))
    (Decimal('0.0'), True, Decimal('0.0'))
    """
    encours = max(encours, ZERO)
    return en_jours(dso_par_epuisement(encours, ventes_par_mois, au, debut), dso_simple(encours, ventes_par_mois, au, debut))


def en_jours(epuisement: Dso, simple: Dso) -> tuple:
    """(épuisement au dixième de jour, épuisé dans les données, simple au dixième ou None) : ce que
    la balance d'un client, ou son total, donne de ses deux DSO."""
    return (arrondi_jours(epuisement.jours), epuisement.complet,
            None if simple.jours is None else arrondi_jours(simple.jours))
