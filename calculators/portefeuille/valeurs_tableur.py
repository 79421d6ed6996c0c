"""Les valeurs d'une cellule de tableur exportée en CSV : montants et dates, tels qu'Excel,
LibreOffice ou un logiciel de facturation les écrivent (virgule ou point décimal, espaces de
milliers, symbole €, négatifs entre parenthèses ou au signe final, dates en lettres, heure accolée à la date)."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from ..commun.saisie import DATE_EN_LETTRES, lire_date
from .valeurs_fec import MontantAmbigu, borne, milliers_par_trois

_MONTANT = re.compile(r"-?\d+(?:\.\d+)?")
# « 12,500 » ou « 1.500 » : trois chiffres après un seul séparateur. Virgule ou point de milliers
# (12 500 €), ou décimale en trop (12,50 €) ? Un tableur anglais écrit l'un, un français l'autre :
# deviner ferait un montant mille fois trop petit ou trop grand, sans que rien ne le montre.
_AMBIGU = re.compile(r"-?\d{1,3}[.,]\d{3}")
# Un tiret seul : le zéro du format « Comptabilité » d'Excel (« -   € »), ou une cellule laissée
# « vide » à la main, tiret que la correction automatique change parfois en demi-cadratin.
_TIRETS = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
TIRETS = re.compile(f"[{_TIRETS}][{_TIRETS}\\s]*")
_EN_TIRET = str.maketrans({c: "-" for c in _TIRETS[1:]})
# Ce que l'on écrit dans une cellule pour dire « rien » : non applicable ou non disponible (« N/A »,
# « n.d. »), « néant », et, dans une colonne de paiement, ce qui dit que la facture n'est pas payée.
# Comparés sans accents, majuscules ni ponctuation (voir `normaliser`). Une liste courte, à dessein : un
# autre mot est une valeur illisible, signalée, jamais devinée.
MOTS_VIDES = frozenset({"n a", "na", "n d", "nd", "neant", "aucun", "aucune", "non paye", "non payee", "impaye",
                        "impayee", "non regle", "non reglee", "en attente", "non", "faux", "false", "no"})
# « Total », « Sous-total : », « Total général », « Total client » : une ligne de total du tableur,
# pas un client (« TotalEnergies » ou « Total SA » restent des clients).
_TOTAL = re.compile(r"(sous )?total( general| client| clients| des factures| factures?)?( ttc| ht)?|totaux( generaux)?")
# Un montant « 1234,56 » sans guillemets dans un fichier séparé par des virgules : « 1234 » (ou
# « 1.234 », « 1 234 ») suivi d'une cellule d'un ou deux chiffres, les décimales.
_PARTIE_ENTIERE = re.compile(r"-?\d{1,3}(?:[ .\u00a0\u202f]\d{3})+|-?\d+")
_DECIMALES = re.compile(r"\d{1,2}")


def normaliser(nom: str) -> str:
    """Nom de colonne ou cellule comparable : minuscules, sans accents ni ponctuation. L'apostrophe
    typographique (« ’ », que les traitements de texte et bien des logiciels écrivent) sépare
    les mots comme l'apostrophe droite.

    >>> normaliser(" N° de Facture "), normaliser("Date d’échéance"), normaliser("Montant payé (2)")
    ('n de facture', 'date d echeance', 'montant paye 2')
    """
    decompose = unicodedata.normalize("NFKD", nom.lstrip("\ufeff").replace("°", ""))
    sans_accents = "".join(c if c.isascii() else " " for c in decompose if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", sans_accents.lower()).split())


def est_vide(texte: str) -> bool:
    """Cellule vide, tiret seul ou mot qui dit « rien » (voir `MOTS_VIDES`).

    >>> [est_vide(x) for x in ("", " - ", "—", "N/A", "Néant", "IMPAYÉE", "en attente", "?", "30 jours")]
    [True, True, True, True, True, True, True, False, False]
    """
    texte = texte.strip()
    return not texte or bool(TIRETS.fullmatch(texte)) or normaliser(texte) in MOTS_VIDES


def est_total(texte: str) -> bool:
    """Une ligne de total (voir `_TOTAL`).

    >>> [est_total(x) for x in ("TOTAL", "Total général :", "Sous-total", "Total client", "Total SA", "TotalEnergies")]
    [True, True, True, True, False, False]
    """
    return "tot" in texte.lower() and bool(_TOTAL.fullmatch(normaliser(texte)))


def est_sous_total(texte: str) -> bool:
    """« Total Dupont SA » : le sous-total par client qu'écrit Excel (Données > Sous-total ; « Dupont SA
    Total » en anglais). À ne croire que sur une ligne sans date ni numéro de facture : « Total SA »
    peut être un client.

    >>> [est_sous_total(x) for x in ("Total Dupont SA", "Dupont SA Total", "TotalEnergies", "Total")]
    [True, True, False, False]
    """
    nom = normaliser(texte)
    return nom.startswith("total ") or nom.endswith(" total")


def montant_coupe(montant: str, suite: str) -> bool:
    """Une cellule de montant entier suivie d'une cellule d'un ou deux chiffres : le montant d'un
    fichier séparé par des virgules coupé par sa virgule décimale (« 1234,56 » sans guillemets) ?

    >>> montant_coupe("1234", "56"), montant_coupe("1.234", "5"), montant_coupe("1234.56", "12")
    (True, True, False)
    >>> montant_coupe("12", ""), montant_coupe("12", "123")
    (False, False)
    """
    return bool(_PARTIE_ENTIERE.fullmatch(montant.strip()) and _DECIMALES.fullmatch(suite.strip()))


def montant_coupe_dans(champs: list, entetes: list, col: dict) -> tuple[str, int, bool] | None:
    """(champ, rang, certain) d'un montant coupé par sa virgule décimale (voir `montant_coupe`) dans
    une ligne d'un fichier séparé par des virgules, quand ses décimales tombent là où elles ne
    peuvent être lues sans fausser le montant. Certain : une colonne en trop ou sans nom (la ligne a
    plus de cellules que l'en-tête n'a de noms), ou une colonne de date (un ou deux chiffres n'y sont
    jamais une date) : la ligne est à écarter. Douteux : une colonne nommée que l'analyse ne lit pas
    (« Observations », mais aussi « Taux TVA » : « 1200,20 » ou 1 200 € à 20 % ?) : la ligne est
    gardée, avec une remarque. Suivies d'une colonne de montant lue, les mêmes cellules sont deux
    montants possibles : rien n'est signalé.

    >>> entetes = ["Client", "Date", "Montant TTC", "Observations"]
    >>> col = {"client": 0, "date": 1, "montant": 2}
    >>> montant_coupe_dans(["C1", "01/01/2025", "1234", "56"], entetes, col)
    ('montant', 2, False)
    >>> montant_coupe_dans(["C1", "01/01/2025", "1234", "56", ""], entetes, col)
    ('montant', 2, True)
    >>> montant_coupe_dans(["C1", "01/01/2025", "1234", "vu"], entetes, col) is None
    True
    """
    nommees = sum(1 for e in entetes if e.strip())
    lues = set(col.values())
    dates = {rang for champ, rang in col.items() if champ in ("date", "echeance") or champ.startswith("paiement")}
    for champ, rang in col.items():
        if not (champ in ("montant", "montant_ht", "reste") or champ.startswith("montant_paye")):
            continue
        suite = rang + 1
        if suite >= len(champs) or not montant_coupe(champs[rang], champs[suite]):
            continue
        if len(champs) > nommees or suite >= len(entetes) or not entetes[suite].strip() or suite in dates:
            return champ, rang, True
        if suite not in lues:
            return champ, rang, False
    return None


def lire_montant_tableur(texte: str) -> Decimal:
    """Montant tel qu'un tableur l'exporte : « 1 234,56 € », « 1234.56 », « 1.234,56 », « (120,00) ».

    >>> lire_montant_tableur("1 234,56 €"), lire_montant_tableur("1.234,56"), lire_montant_tableur("(120,00)")
    (Decimal('1234.56'), Decimal('1234.56'), Decimal('-120.00'))
    >>> lire_montant_tableur("1 234,56 ¤")  # l'euro d'un fichier ISO-8859-15 lu en Windows-1252
    Decimal('1234.56')
    >>> lire_montant_tableur("1,234.5")
    Decimal('1234.5')
    >>> lire_montant_tableur("100,00-"), lire_montant_tableur("+1 234,56"), lire_montant_tableur("\u22121 234,56")
    (Decimal('-100.00'), Decimal('1234.56'), Decimal('-1234.56'))
    >>> lire_montant_tableur("12,500")
    Traceback (most recent call last):
    ...
    calculators.portefeuille.valeurs_fec.MontantAmbigu: 12,500
    >>> lire_montant_tableur("-   €"), lire_montant_tableur("1.234.567"), lire_montant_tableur("1,234,567.5")
    (Decimal('0'), Decimal('1234567'), Decimal('1234567.5'))
    >>> from calculators.portefeuille.valeurs_fec import refuse
    >>> [refuse(lire_montant_tableur, x) for x in ("1.234.56", "(-120,00)", "1,5,0", "--5", "(", "10 00", "12EUR50", "1 234,56 EUR")]
    [True, True, True, True, True, True, True, False]
    >>> [refuse(lire_montant_tableur, x) for x in ("+-5", "++5", "-+5", "+5-", "(+5)", "+ 5", "5+", "1\u20132", "\u2013\u22125")]
    [True, True, True, True, True, False, True, True, True]
    """
    # « ¤ » : l'euro d'un fichier en ISO-8859-15 (octet A4) lu en Windows-1252, où cet octet est « ¤ ».
    if not milliers_par_trois(re.sub("[€\u00a4]|EUR", " ", texte)):  # « 10 00 » valait 1 000 €, « 12EUR50 » 1 250 €
        raise ValueError(texte)
    brut = re.sub(r"[\s\u00a0\u202f'€\u00a4]|EUR", "", texte.strip())
    if brut and not brut.strip(_TIRETS):  # format « Comptabilité » d'Excel : « -   € » pour zéro
        return Decimal(0)
    # « −1 234,56 », « –1 234,56 » : le signe moins typographique (U+2212) ou le demi-cadratin que la
    # correction automatique met à la place du tiret ; ailleurs qu'en signe, il fait refuser le montant plus bas.
    brut = brut.translate(_EN_TIRET)
    # « +1 234,56 » : le signe qu'affiche un format de nombre « +0,00;-0,00 », exporté tel qu'il se voit.
    if brut[:1] == "+" and brut[1:2].isdigit() and "-" not in brut:  # « +5- » : deux signes, refusé plus bas
        brut = brut[1:]
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


def lire_date_tableur(texte: str, champ: str, nom: str):
    """Date jj/mm/aaaa, jj/mm/aa, ISO ou en lettres ; une heure accolée (« 2025-01-15 00:00:00 ») est ignorée.

    >>> lire_date_tableur("15/01/2025", "date", "la date"), lire_date_tableur("2025-01-15T00:00:00", "date", "la date")
    (datetime.date(2025, 1, 15), datetime.date(2025, 1, 15))
    >>> lire_date_tableur("mercredi 15 janvier 2025", "date", "la date")
    datetime.date(2025, 1, 15)
    """
    return lire_date(sans_heure(texte), champ, nom)


def sans_heure(texte: str) -> str:
    """La date d'une cellule, sans l'heure que certains logiciels y accolent ; une date en lettres
    (« 15 janvier 2025 », voir `saisie.DATE_EN_LETTRES`) garde ses espaces.

    >>> sans_heure("2025-01-15T10:00:00Z"), sans_heure(" 15 janvier 2025 "), sans_heure("15/01/2025 08:30")
    ('2025-01-15', '15 janvier 2025', '15/01/2025')
    """
    brut = texte.strip()
    return brut if DATE_EN_LETTRES.match(brut) else re.split(r"[ T]", brut, maxsplit=1)[0]
