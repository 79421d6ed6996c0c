"""Les valeurs d'une cellule de tableur exportée en CSV : montants et dates, tels qu'Excel,
LibreOffice ou un logiciel de facturation les écrivent (virgule ou point décimal, espaces de
milliers, symbole €, négatifs entre parenthèses ou au signe final, heure accolée à la date)."""

from __future__ import annotations

import re
from decimal import Decimal

from ..commun.saisie import lire_date

_MONTANT = re.compile(r"-?\d+(?:\.\d+)?")
# « 12,500 » ou « 1.500 » : trois chiffres après un seul séparateur. Virgule ou point de milliers
# (12 500 €), ou décimale en trop (12,50 €) ? Un tableur anglais écrit l'un, un français l'autre :
# deviner ferait un montant mille fois trop petit ou trop grand, sans que rien ne le montre.
_AMBIGU = re.compile(r"-?\d{1,3}[.,]\d{3}")


class MontantAmbigu(ValueError):
    """Un montant qui peut se lire de deux façons (voir `_AMBIGU`)."""


def lire_montant_tableur(texte: str) -> Decimal:
    """Montant tel qu'un tableur l'exporte : « 1 234,56 € », « 1234.56 », « 1.234,56 », « (120,00) ».

    >>> lire_montant_tableur("1 234,56 €"), lire_montant_tableur("1.234,56"), lire_montant_tableur("(120,00)")
    (Decimal('1234.56'), Decimal('1234.56'), Decimal('-120.00'))
    >>> lire_montant_tableur("1,234.5")
    Decimal('1234.5')
    >>> lire_montant_tableur("100,00-")
    Decimal('-100.00')
    >>> lire_montant_tableur("12,500")
    Traceback (most recent call last):
    ...
    calculators.portefeuille.valeurs_tableur.MontantAmbigu: 12,500
    """
    brut = re.sub(r"[\s\u00a0\u202f'€]|EUR", "", texte.strip())
    # Négatif entre parenthèses (comptable) ou signe à la fin (« 100,00- », exports SAP et AS/400).
    negatif = (brut.startswith("(") and brut.endswith(")")) or (brut.endswith("-") and brut[:1].isdigit())
    brut = brut.strip("()").rstrip("-") if negatif else brut
    if _AMBIGU.fullmatch(brut):
        raise MontantAmbigu(texte.strip())
    if "," in brut and "." in brut:
        milliers, decimal = (".", ",") if brut.rfind(",") > brut.rfind(".") else (",", ".")
        brut = brut.replace(milliers, "").replace(decimal, ".")
    elif brut.count(",") == 1:
        brut = brut.replace(",", ".")
    elif brut.count(",") > 1 or brut.count(".") > 1:
        brut = brut.replace(",", "").replace(".", "")
    if not _MONTANT.fullmatch(brut):
        raise ValueError(texte)
    valeur = Decimal(brut)
    return -valeur if negatif else valeur


def lire_date_tableur(texte: str, champ: str, nom: str):
    """Date jj/mm/aaaa, jj/mm/aa ou ISO ; une heure accolée (« 2025-01-15 00:00:00 ») est ignorée.

    >>> lire_date_tableur("15/01/2025", "date", "la date"), lire_date_tableur("2025-01-15T00:00:00", "date", "la date")
    (datetime.date(2025, 1, 15), datetime.date(2025, 1, 15))
    """
    return lire_date(re.split(r"[ T]", texte.strip(), maxsplit=1)[0], champ, nom)
