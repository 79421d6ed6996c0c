"""Mise en forme française des montants, taux et dates (présentation seulement, aucun calcul).

Un seul endroit pour ces conventions, utilisé par les calculateurs, le site et les lettres :
espace fine insécable (U+202F) entre les milliers, virgule décimale, « € » précédé d'une
espace insécable, dates en toutes lettres (« 15 mars 2025 ») ou numériques (« 15/03/2025 »).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

ESPACE_FINE = "\u202f"
ESPACE_INSECABLE = "\u00a0"

MOIS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)
JOURS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def nombre(valeur: Decimal, decimales: int = 2) -> str:
    """Écrit un nombre à la française.

    >>> nombre(Decimal("1234567.891"))
    '1\u202f234\u202f567,89'
    >>> nombre(Decimal("-0.5"), 1)
    '-0,5'
    """
    texte = f"{valeur:,.{decimales}f}"
    return texte.replace(",", ESPACE_FINE).replace(".", ",")


def euros(valeur: Decimal) -> str:
    """Montant en euros, au centime.

    >>> euros(Decimal("242.05"))
    '242,05\xa0€'
    """
    return f"{nombre(valeur)}{ESPACE_INSECABLE}€"


def pourcent(valeur: Decimal) -> str:
    """Taux annuel en pour cent, deux décimales.

    >>> pourcent(Decimal("12.15"))
    '12,15\xa0%'
    """
    return f"{nombre(valeur)}{ESPACE_INSECABLE}%"


def date_longue(jour: dt.date) -> str:
    """Date en toutes lettres, avec « 1er » pour le premier du mois.

    >>> date_longue(dt.date(2025, 3, 15))
    '15 mars 2025'
    >>> date_longue(dt.date(2026, 7, 1))
    '1er juillet 2026'
    """
    quantieme = "1er" if jour.day == 1 else str(jour.day)
    return f"{quantieme} {MOIS[jour.month - 1]} {jour.year}"


def date_courte(jour: dt.date) -> str:
    """Date numérique jj/mm/aaaa.

    >>> date_courte(dt.date(2024, 1, 5))
    '05/01/2024'
    """
    return jour.strftime("%d/%m/%Y")


def jour_semaine(jour: dt.date) -> str:
    """Nom du jour de la semaine.

    >>> jour_semaine(dt.date(2025, 3, 15))
    'samedi'
    """
    return JOURS[jour.weekday()]
