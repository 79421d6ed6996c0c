"""Les valeurs d'une cellule de tableur exportée en CSV : montants et dates, tels qu'Excel,
LibreOffice ou un logiciel de facturation les écrivent (virgule ou point décimal, espaces de
milliers, symbole €, négatifs entre parenthèses ou au signe final, heure accolée à la date)."""

from __future__ import annotations

import re
from decimal import Decimal

from ..commun.saisie import lire_date
from .valeurs_fec import borne

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
    >>> lire_montant_tableur("-   €"), lire_montant_tableur("1.234.567"), lire_montant_tableur("1,234,567.5")
    (Decimal('0'), Decimal('1234567'), Decimal('1234567.5'))
    >>> [_refuse(x) for x in ("1.234.56", "(-120,00)", "1,5,0", "--5", "(")]
    [True, True, True, True, True]
    """
    brut = re.sub(r"[\s\u00a0\u202f'€]|EUR", "", texte.strip())
    if brut == "-":  # format « Comptabilité » d'Excel : « -   € » pour zéro
        return Decimal(0)
    # Négatif entre parenthèses (comptable) ou signe à la fin (« 100,00- », exports SAP et AS/400).
    negatif = (brut.startswith("(") and brut.endswith(")")) or (brut.endswith("-") and brut[:1].isdigit())
    brut = brut.strip("()").rstrip("-") if negatif else brut
    if _AMBIGU.fullmatch(brut):
        raise MontantAmbigu(brut)
    if "," in brut and "." in brut:
        milliers, decimal = (".", ",") if brut.rfind(",") > brut.rfind(".") else (",", ".")
        entier, _, decimales = brut.rpartition(decimal)
        if len(decimales) > 2:  # « 1.234,567 » : des milliers et trois décimales, ou une faute
            raise MontantAmbigu(brut)
        brut = entier.replace(milliers, "") + "." + decimales
        groupes = entier.split(milliers)
    elif brut.count(",") == 1:
        brut, groupes = brut.replace(",", "."), ["", "000"]
    else:
        groupes = brut.replace(",", ".").lstrip("-").split(".")
        brut = brut.replace(",", "").replace(".", "") if len(groupes) > 2 else brut
    # Des milliers écrits « 1.234.567 » vont par trois chiffres : « 1.234.56 » n'est pas un montant.
    if len(groupes) > 2 and not all(len(g) == 3 for g in groupes[1:]):
        raise ValueError(texte)
    if not _MONTANT.fullmatch(brut) or (negatif and brut.startswith("-")):
        raise ValueError(texte)
    valeur = borne(Decimal(brut), texte)
    return -valeur if negatif else valeur


def _refuse(texte: str) -> bool:
    try:
        lire_montant_tableur(texte)
    except ValueError:
        return True
    return False


def lire_date_tableur(texte: str, champ: str, nom: str):
    """Date jj/mm/aaaa, jj/mm/aa ou ISO ; une heure accolée (« 2025-01-15 00:00:00 ») est ignorée.

    >>> lire_date_tableur("15/01/2025", "date", "la date"), lire_date_tableur("2025-01-15T00:00:00", "date", "la date")
    (datetime.date(2025, 1, 15), datetime.date(2025, 1, 15))
    """
    return lire_date(re.split(r"[ T]", texte.strip(), maxsplit=1)[0], champ, nom)
