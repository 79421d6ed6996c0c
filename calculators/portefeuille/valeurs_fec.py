"""Les valeurs d'un champ de FEC (LPF art. A47 A-1) : montants et dates, tels que l'arrêté les
fixe (virgule décimale, dates AAAAMMJJ) et tels que les logiciels les écrivent en pratique."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, DecimalException

from ..commun.saisie import ANNEE_MAX, ANNEE_MIN, est_jjmmaaaa
from .modele import ZERO

_MONTANT = re.compile(r"[+-]?\d+(?:[.,]\d+)?")
_AMBIGU_POINT = re.compile(r"[+-]?\d{1,3}\.\d{3}")  # « 12.500 » : voir `MontantAmbigu`
# Des chiffres séparés d'espaces (ordinaires, insécables d'Excel, fines de Word) ou d'apostrophes.
_CHIFFRES_ESPACES = re.compile(r"\d+(?:[\s\u00a0\u202f']+\d+)+")
_SEPARATEURS = re.compile(r"[\s\u00a0\u202f']+")
# « 12.345,67 » : points de milliers devant une virgule décimale, sans ambiguïté (un tableur français
# l'écrit ainsi) ; écartée, la ligne de la facture emportait toute la facture.
_MILLIERS_POINTS = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+,\d+")
# Une ligne d'un million de milliards d'euros ou plus n'est pas une écriture mais une faute (colonnes
# décalées, numéro pris pour un montant) ; bornée, elle ne peut faire déborder les 28 chiffres des
# calculs (Decimal), où l'arrondi au centime lèverait une erreur au lieu d'un message.
MONTANT_DEMESURE = Decimal(10) ** 15
_RANG_DEMESURE = MONTANT_DEMESURE.adjusted()  # 15 : rang du premier chiffre d'un montant démesuré
ZEROS_FEC = frozenset({"", "0", "0,00", "0.00", "0,0", "0.0", "-0,00", " 000000000000000,00", "000000000000000,00"})
# Valeurs du champ Sens (paire Montant + Sens) : débit, crédit.
SENS_DEBIT = frozenset({"D", "+1", "1", "+", "DEBIT", "DÉBIT"})
SENS_CREDIT = frozenset({"C", "-1", "-", "CREDIT", "CRÉDIT"})


def lire_montant_fec(texte: str) -> Decimal:
    """Montant d'un FEC : virgule ou point décimal, espaces et zéros de remplissage tolérés.

    >>> lire_montant_fec(" 000000000001437,12"), lire_montant_fec(""), lire_montant_fec("1 437,12")
    (Decimal('1437.12'), Decimal('0.00'), Decimal('1437.12'))
    >>> lire_montant_fec("12,5€")
    Traceback (most recent call last):
    ...
    ValueError: 12,5€
    >>> lire_montant_fec("1000000000000000,00")
    Traceback (most recent call last):
    ...
    calculators.portefeuille.valeurs_fec.MontantDemesure: 1000000000000000,00
    >>> [refuse(lire_montant_fec, x) for x in ("12e2", "1_200", "NaN", "10 00", "12.500", "1437.120", "1437.12")]
    [True, True, True, True, True, False, False]
    """
    if texte in ZEROS_FEC:
        return ZERO
    brut = texte.strip()
    if _AMBIGU_POINT.fullmatch(brut):
        raise MontantAmbigu(brut)
    if not _MONTANT.fullmatch(brut):  # « 12e2 », « 1_200 », « NaN » : Decimal les lirait
        return _montant_espace(texte)
    return borne(Decimal(brut.replace(",", ".")), texte)


def refuse(lire, texte: str) -> bool:
    """`lire(texte)` lève-t-il ValueError ? (les exemples des lecteurs de montants)"""
    try:
        lire(texte)
    except ValueError:
        return True
    return False


class MontantAmbigu(ValueError):
    """Un montant qui peut se lire de deux façons : « 12.500 », séparateur de milliers (12 500 €) ou
    décimales en trop (12,50 €) ? Un logiciel anglais écrit l'un, un autre l'autre : deviner ferait
    un montant mille fois trop petit ou trop grand, sans que rien ne le montre."""


def milliers_par_trois(texte: str) -> bool:
    """Les espaces entre deux chiffres y séparent-elles des milliers, par groupes de trois ? « 10 00 »
    valait 1 000 € (une virgule oubliée ?), « 12EUR50 » 1 250 €.

    >>> [milliers_par_trois(x) for x in ("1 234,56", "12 345 678", "-1 000", "10 00", "1 2345", "1234")]
    [True, True, True, False, False, True]
    """
    return all(len(groupe[0]) <= 3 and all(len(g) == 3 for g in groupe[1:])
               for groupe in (_SEPARATEURS.split(suite) for suite in _CHIFFRES_ESPACES.findall(texte)))


class MontantDemesure(ValueError):
    """Un montant d'un million de milliards d'euros ou plus (voir `MONTANT_DEMESURE`)."""


def borne(valeur: Decimal, texte: str) -> Decimal:
    if not -MONTANT_DEMESURE < valeur < MONTANT_DEMESURE:
        raise MontantDemesure(texte.strip())
    return valeur


DEMESURE = "dépasse un million de milliards d'euros : ce n'est pas un montant plausible"


def _montant_espace(texte: str) -> Decimal:
    """Chemin lent : vide, ou espaces de milliers (« 1 437,12 ») ou points de milliers devant une
    virgule (« 12.345,67 ») ; sinon ValueError.

    >>> _montant_espace("12.345,67"), _montant_espace("-1.000.000,5"), _montant_espace("1\u202f437,12")
    (Decimal('12345.67'), Decimal('-1000000.5'), Decimal('1437.12'))
    >>> _montant_espace("12.34,56")
    Traceback (most recent call last):
    ...
    ValueError: 12.34,56
    """
    if not milliers_par_trois(texte):
        raise ValueError(texte.strip())
    brut = texte.strip().replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
    if not brut:
        return ZERO
    if _MILLIERS_POINTS.fullmatch(brut):
        brut = brut.replace(".", "")
    if not _MONTANT.fullmatch(brut):
        raise ValueError(texte.strip())
    return borne(Decimal(brut.replace(",", ".")), texte)


def lire_date_fec(texte: str) -> dt.date:
    """Date AAAAMMJJ (l'arrêté) ; AAAA-MM-JJ et JJ/MM/AAAA tolérées, et une heure accolée
    (« 20250115 00:00:00 », écrite par certains logiciels) ignorée.

    Huit chiffres JJMMAAAA (d'anciens exports de Dolibarr) sont lus aussi : jamais ambigus, car
    une année 19xx ou 20xx en 5e position ferait un mois 19 ou 20 en AAAAMMJJ.

    >>> lire_date_fec("20250115"), lire_date_fec("15/01/2025"), lire_date_fec("20250115 00:00:00")
    (datetime.date(2025, 1, 15), datetime.date(2025, 1, 15), datetime.date(2025, 1, 15))
    >>> lire_date_fec("15012025"), est_jjmmaaaa("15012025"), est_jjmmaaaa("20250115")
    (datetime.date(2025, 1, 15), True, False)
    """
    brut = texte.strip().partition(" ")[0][:10]
    jour = None
    if len(brut) == 8 and brut.isdigit():
        if est_jjmmaaaa(brut):
            jour = dt.date(int(brut[4:]), int(brut[2:4]), int(brut[:2]))
        else:
            jour = dt.date(int(brut[:4]), int(brut[4:6]), int(brut[6:]))
    elif len(brut) == 10 and brut[4] == "-":
        jour = dt.date.fromisoformat(brut)
    elif len(brut) == 10 and brut[2] == "/" and brut[5] == "/":
        jour = dt.date(int(brut[6:]), int(brut[3:5]), int(brut[:2]))
    # Les années des saisies du site (1900 à 2999) : 99991231 n'est pas une date d'écriture, et une
    # échéance calculée à partir d'elle sortirait du calendrier.
    if jour is None or not ANNEE_MIN <= jour.year <= ANNEE_MAX:
        raise ValueError(texte)
    return jour


# --- Le montant d'une ligne (boucle chaude de `lecture_fec`) ---------------------------------

def debit_credit(lecteur, champs: list) -> Decimal:
    """Débit − crédit. Chemin rapide (un million de lignes) : « 1437,12 » et un zéro, lus
    d'un seul `Decimal` chacun ; tout le reste (espaces de milliers, « NaN », texte) repasse
    par `_debit_credit_strict`, qui rend le même montant ou la même erreur (`ErreurColonne`).
    `lecteur.i_montant` : les rangs des colonnes Debit et Credit (Montant et Sens pour `montant_sens`)."""
    i_debit, i_credit = lecteur.i_montant
    debit, credit = champs[i_debit], champs[i_credit]
    # Decimal lirait aussi « 12.500 » (12,5 : ou 12 500 ?), « 12e2 » et « 1_200 » : au chemin strict.
    if "." in debit or "e" in debit or "E" in debit or "_" in debit or \
            "." in credit or "e" in credit or "E" in credit or "_" in credit:
        return _debit_credit_strict(lecteur, champs)
    try:
        debit = ZERO if debit in ZEROS_FEC else Decimal(debit.replace(",", "."))
        montant = debit if credit in ZEROS_FEC else debit - Decimal(credit.replace(",", "."))
    except DecimalException:  # InvalidOperation (« 12,5€ »), ou Overflow (« 1e999999999 » soustrait)
        return _debit_credit_strict(lecteur, champs)
    # Moins de 16 chiffres avant la virgule (`adjusted` : rang du premier chiffre), c'est être sous
    # MONTANT_DEMESURE, sans construire −10¹⁵ ni comparer deux Decimal : mesuré, 0,1 à 0,15 s de moins pour
    # un million de lignes. Seul un zéro d'exposant démesuré (« 0E+20 ») demande les comparaisons.
    if montant.is_finite() and (montant.adjusted() < _RANG_DEMESURE or -MONTANT_DEMESURE < montant < MONTANT_DEMESURE):
        return montant
    return _debit_credit_strict(lecteur, champs)


def _debit_credit_strict(lecteur, champs: list) -> Decimal:
    i_debit, i_credit = lecteur.i_montant
    debit, credit = champs[i_debit], champs[i_credit]
    try:
        debit = ZERO if debit in ZEROS_FEC else lire_montant_fec(debit)
    except ValueError as exc:
        raise pas_un_montant("Debit", exc)
    if credit in ZEROS_FEC:
        return debit
    try:
        return debit - lire_montant_fec(credit)
    except ValueError as exc:
        raise pas_un_montant("Credit", exc)


def montant_sens(lecteur, champs: list) -> Decimal:
    i_montant, i_sens = lecteur.i_montant
    try:
        montant = lire_montant_fec(champs[i_montant])
    except ValueError as exc:
        raise pas_un_montant("Montant", exc)
    sens = champs[i_sens].strip().upper()
    if sens in SENS_DEBIT:
        return montant
    if sens in SENS_CREDIT:
        return -montant
    raise ErreurColonne("Sens", f"« {champs[i_sens].strip()} » n'est pas un sens : D (débit) ou C (crédit).")


class ErreurColonne(Exception):
    """Une ligne dont une colonne est illisible : laquelle, et pourquoi (en français)."""

    def __init__(self, colonne: str, message: str):
        super().__init__(message)
        self.colonne, self.message = colonne, message


def pas_un_montant(colonne: str, exc: ValueError) -> ErreurColonne:
    if isinstance(exc, MontantDemesure):
        return ErreurColonne(colonne, f"« {exc} » {DEMESURE}.")
    if isinstance(exc, MontantAmbigu):
        return ErreurColonne(colonne, f"« {exc} » : trois chiffres après le point, séparateur de milliers ou "
                                      f"décimales en trop ? Le FEC écrit les montants sans séparateur de milliers, "
                                      f"avec une virgule décimale (exemple : 12500,00).")
    return ErreurColonne(colonne, f"« {exc} » n'est pas un montant (exemple : 1437,12).")
