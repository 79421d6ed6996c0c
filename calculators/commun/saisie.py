"""Lecture des saisies telles qu'un utilisateur français les tape.

Montants : « 10000 », « 10 000,50 », « 10000.50 », « 1 250,00 € ». Jamais de float : le texte
devient directement un Decimal. Dates : « 31/01/2025 », « 31-01-2025 », « 31.01.2025 »,
« 31/01/25 » ou ISO « 2025-01-31 ».
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from decimal import Decimal, InvalidOperation

from . import format_fr as fr
from .argent import CENTIME
from .erreurs import ErreurChamp, SaisieInvalide

MONTANT_MAX = Decimal("1000000000")  # au-delà, c'est presque sûrement une faute de frappe
TEXTE_MAX = 2000  # caractères par saisie : au-delà, un copier-coller égaré, pas une saisie
NOMBRE_MAX_CHIFFRES = 30  # « 10 000 000,00 € » en compte 13 ; un nombre plus long n'est pas un montant
# Garde commune : une année à quatre chiffres plausible (l'an 1 ou 9999 sont des fautes de frappe,
# et 9999 ferait déborder les calculs de dates). Chaque calculateur resserre ensuite ses bornes.
ANNEE_MIN, ANNEE_MAX = 1900, 2999
PIVOT_DEUX_CHIFFRES = 30  # année sur deux chiffres : en deçà, 20xx ; à partir de lui, 19xx (voir `lire_date`)
# Borne des calculateurs qui suivent des taux ou des jours : au-delà, une faute de frappe sur
# l'année (les tables de taux s'arrêtent bien avant, et « prolonger » jusqu'en 2999 ferait des
# siècles de périodes). Le calculateur de délai s'arrête un an plus tôt (ses propres règles).
DERNIER_JOUR = dt.date(2100, 12, 31)


def apres_le_dernier_jour(dates, sujet: str = "Ce calculateur s'arrête") -> list[ErreurChamp]:
    """Erreurs des dates lues (`(champ, date ou None)`) postérieures à `DERNIER_JOUR`.

    >>> [e.message for e in apres_le_dernier_jour([("fin", dt.date(2999, 1, 1)), ("debut", None)])]
    ["Ce calculateur s'arrête au 31/12/2100 : vérifiez l'année."]
    """
    return [ErreurChamp(champ, f"{sujet} au {fr.date_courte(DERNIER_JOUR)} : vérifiez l'année.")
            for champ, jour in dates if isinstance(jour, dt.date) and jour > DERNIER_JOUR]


def apres_les_tables(quels_taux: str, fin_des_tables: dt.date, paiement: dt.date, paiement_est_aujourdhui: bool,
                     case: str) -> str:
    """Un calcul qui va au-delà des tables de taux (`quels_taux` : « BCE », « de l'intérêt légal »),
    jusqu'à une date saisie ou, faute de date de paiement, jusqu'à aujourd'hui : que faire, et où.

    >>> apres_les_tables("BCE", dt.date(2026, 12, 31), dt.date(2027, 1, 10), True, "Prolonger")[:92]
    "Sans date de paiement, le calcul va jusqu'à aujourd'hui (10 janvier 2027), après la fin des "
    """
    if paiement_est_aujourdhui:  # aucune date saisie : « choisissez une date antérieure » n'aurait pas de sens
        return (f"Sans date de paiement, le calcul va jusqu'à aujourd'hui ({fr.date_longue(paiement)}), après la "
                f"fin des tables de taux {quels_taux} ({fr.date_longue(fin_des_tables)})\u00a0: saisissez une date "
                f"de paiement au plus tard le {fr.date_courte(fin_des_tables)}, ou cochez « {case} » pour une "
                f"estimation.")
    return (f"Les taux {quels_taux} ne sont connus que jusqu'au {fr.date_longue(fin_des_tables)}\u00a0: le taux d'un "
            f"semestre postérieur n'est pas encore dans les tables de ce site. Choisissez une date de paiement au plus tard le "
            f"{fr.date_courte(fin_des_tables)}, ou cochez « {case} » pour une estimation.")


_ESPACES = re.compile(r"[\s\u00a0\u202f']")
# Séparateurs de milliers admis (espace, insécables d'Excel et de Word, apostrophe suisse) : entre deux
# chiffres, ils doivent faire des groupes de trois (« 1 250,50 », « 12 345 678 »).
_NI_CHIFFRE_NI_SEPARATEUR = re.compile(r"[^0-9\s',.\-]")
_ENTRE_CHIFFRES = re.compile(r"(?<=\d)[\s\u00a0\u202f']+(?=\d)")
_GROUPES_DE_MILLIERS = re.compile(r"^-?\d{1,3}(?:[ \u00a0\u202f']\d{3})+(?:[.,]\d+)?$", re.ASCII)
# re.ASCII : « ² » ou « ٣ » ne sont pas des chiffres pour un formulaire français.
_NOMBRE = re.compile(r"^-?\d+(?:[.,]\d+)?$", re.ASCII)
_ENTIER = re.compile(r"^\d+$", re.ASCII)
# « 1.000 » ou « 2,500 » : trois décimales, un séparateur de milliers presque toujours (dit tel).
_MILLIERS_SEULS = re.compile(r"^[1-9]\d{0,2}[.,]\d{3}$", re.ASCII)  # « 0,004 » n'est pas 0 004 €
# « 12,480.00 » (anglais) ou « 12.480,00 » (allemand) : deux séparateurs, on ne devine pas lequel.
_MILLIERS_AMBIGUS = re.compile(r"^-?\d{1,3}([.,])\d{3}(?:\1\d{3})*(?!\1)[.,]\d+$", re.ASCII)
# « 15 01 2025 » aussi : des espaces entre les nombres, comme on les dicte ou les lit sur un relevé.
DATE_FR = re.compile(r"^(\d{1,2})(?:[/.\-]| +)(\d{1,2})(?:[/.\-]| +)(\d{2}|\d{4})$", re.ASCII)
# L'année d'abord : ISO, ou « 2025/01/15 » (logiciels réglés à l'asiatique), « 2025.01.15 » ; jamais ambigu.
_DATE_ISO = re.compile(r"^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$", re.ASCII)
# Chiffres seuls : le pavé numérique d'un iPhone (inputmode="numeric") n'a pas de « / ».
_DATE_COMPACTE = re.compile(r"^(\d{2})(\d{2})(\d{2}|\d{4})$", re.ASCII)
# « 15 janvier 2025 », « 1er mars 2025 », « 15-janv.-25 », « mercredi 15 janvier 2025 » : les dates comme
# le site les écrit, et comme les formats de date français d'Excel et de LibreOffice les affichent (un
# CSV porte le texte affiché). Le mois s'écrit en entier ou abrégé, avec ou sans accents.
DATE_EN_LETTRES = re.compile(r"^(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche),? +)?(\d{1,2})(?:er)?"
                             r"[ \-]+([a-zéèûô]+)\.?[ \-]+(\d{2}|\d{4})$", re.IGNORECASE)
# Les noms du site (`format_fr.MOIS`), leurs abréviations usuelles (celles des formats « mmm » d'Excel et
# de LibreOffice en français, et « fév. »), chacun aussi sans accents.
_MOIS_ABREGES = ("janv", "févr", "mars", "avr", "mai", "juin", "juil", "août", "sept", "oct", "nov", "déc")
_MOIS_EN_LETTRES = {forme: rang for rang, noms in enumerate(zip(fr.MOIS, _MOIS_ABREGES), start=1)
                    for nom in noms + (("fév",) if rang == 2 else ())
                    for forme in (nom, nom.translate(str.maketrans("éû", "eu")))}


def _refus(champ: str, message: str) -> SaisieInvalide:
    return SaisieInvalide([ErreurChamp(champ, message)])


def _extrait(texte: str) -> str:
    """Une saisie citée dans un message : tronquée, jamais recopiée en entier."""
    return texte if len(texte) <= 40 else texte[:40] + "…"


def vide(texte) -> bool:
    # Sans str() sur une valeur venue du JSON : un entier de milliers de chiffres y lèverait ValueError.
    # `false` (JSON) est un champ vide, comme pour la lecture des champs (`Champ.lire`).
    return texte is None or texte is False or (isinstance(texte, str) and texte.strip() == "")


# Le symbole qu'un champ admet après le nombre, et ce qu'il dit du champ quand c'est l'autre qui est tapé.
_UNITES = {"€": "un montant en euros", "%": "un pourcentage"}


def _sans_unite(texte: str, unite: str, champ: str, nom: str, exemple: str) -> str:
    """Le nombre sans le symbole de son unité ; refusé s'il porte celui de l'autre (« 30 % » d'acompte
    valait 30 €, « 10000 % » de montant 10 000 €).

    >>> _sans_unite("1 250 € ", "€", "montant", "le montant", "1 250,50")
    '1 250'
    >>> _sans_unite("30 %", "€", "acompte", "l'acompte", "1 250,50")
    Traceback (most recent call last):
    ...
    calculators.commun.erreurs.SaisieInvalide: acompte : « 30 % » : l'acompte est un montant en euros, pas un pourcentage. Écrivez-le en chiffres, par exemple 1 250,50.
    """
    net = texte.strip()
    for symbole, sens in _UNITES.items():
        if net.endswith(symbole):
            if symbole != unite:
                raise _refus(champ, f"« {_extrait(net)} » : {nom} est {_UNITES[unite]}, pas {sens}. "
                                    f"Écrivez-le en chiffres, par exemple {exemple}.")
            return net.removesuffix(symbole).strip()
    return net


def lire_nombre(texte, champ: str, nom: str, exemple: str, unite: str = "€") -> Decimal:
    """Texte → Decimal exact, virgule ou point décimal, espaces de milliers tolérées ; `unite` (« € »
    ou « % ») est le seul symbole admis après le nombre.

    >>> lire_nombre("10 000,50", "montant", "le montant", "1 250,50")
    Decimal('10000.50')
    >>> lire_nombre("12,480.00", "montant", "le montant", "1 250,50")
    Traceback (most recent call last):
    ...
    calculators.commun.erreurs.SaisieInvalide: montant : « 12,480.00 » est ambigu : il contient une virgule et un point, et l'un des deux sépare les milliers. Écrivez le montant sans séparateur de milliers, avec une virgule pour les décimales, par exemple 1 250,50.
    >>> lire_nombre("12 48O", "montant", "le montant", "1 250,50")
    Traceback (most recent call last):
    ...
    calculators.commun.erreurs.SaisieInvalide: montant : Saisissez le montant en chiffres, par exemple 1 250,50.
    >>> lire_nombre("10 00", "montant", "le montant", "1 250,50")
    Traceback (most recent call last):
    ...
    calculators.commun.erreurs.SaisieInvalide: montant : « 10 00 » : une espace sépare les milliers, par groupes de trois chiffres. Écrivez le montant sans espace, ou avec une virgule pour les centimes, par exemple 1 250,50.
    """
    net = _sans_unite(str(texte), unite, champ, nom, exemple)
    if _NI_CHIFFRE_NI_SEPARATEUR.search(net):
        # « 12 48O » (la lettre O) : le dire d'abord ; le message des groupes de milliers égarait.
        raise _refus(champ, f"Saisissez {nom} en chiffres, par exemple {exemple}.")
    if _ENTRE_CHIFFRES.search(net) and not _GROUPES_DE_MILLIERS.match(net):
        # « 10 00 » valait 1 000 € : l'utilisateur avait peut-être voulu 10,00 (une virgule oubliée).
        raise _refus(champ, f"« {_extrait(net)} » : une espace sépare les milliers, par groupes de trois chiffres. "
                            f"Écrivez {nom} sans espace, ou avec une virgule pour "
                            f"{'les décimales' if unite == '%' else 'les centimes'}, par exemple {exemple}.")
    brut = _ESPACES.sub("", net)
    if _MILLIERS_AMBIGUS.match(brut):
        raise _refus(champ, f"« {_extrait(brut)} » est ambigu : il contient une virgule et un point, et l'un des deux "
                            f"sépare les milliers. Écrivez {nom} sans séparateur de milliers, avec une virgule "
                            f"pour les décimales, par exemple {exemple}.")
    if len(brut) > NOMBRE_MAX_CHIFFRES or not _NOMBRE.match(brut):
        raise _refus(champ, f"Saisissez {nom} en chiffres, par exemple {exemple}.")
    try:
        return Decimal(brut.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - l'expression régulière l'exclut déjà
        raise _refus(champ, f"Saisissez {nom} en chiffres, par exemple {exemple}.")


def lire_montant(texte, champ: str, nom: str = "le montant") -> Decimal:
    """Montant en euros, strictement positif, au centime près.

    >>> lire_montant("1 250,5 €", "montant")
    Decimal('1250.50')
    >>> lire_montant("12,3456", "montant")
    Traceback (most recent call last):
    ...
    calculators.commun.erreurs.SaisieInvalide: montant : Le montant ne peut pas avoir plus de deux décimales (les centimes).
    >>> lire_montant("1.000", "montant")
    Traceback (most recent call last):
    ...
    calculators.commun.erreurs.SaisieInvalide: montant : « 1.000 » a trois chiffres après le point : pour 1 000 €, écrivez 1000 ou 1 000 ; un montant n'a que deux décimales (les centimes).
    >>> lire_montant("0", "montant", "la somme due")
    Traceback (most recent call last):
    ...
    calculators.commun.erreurs.SaisieInvalide: montant : La somme due doit être supérieure à zéro.
    """
    if vide(texte):
        raise _refus(champ, f"Saisissez {nom}.")
    valeur = lire_nombre(texte, champ, nom, "1 250,50")
    majuscule = nom[0].upper() + nom[1:]
    e = "e" if nom.startswith("la ") else ""  # « la somme due doit être supérieure… »
    if valeur <= 0:
        raise _refus(champ, f"{majuscule} doit être supérieur{e} à zéro.")
    if valeur.as_tuple().exponent < -2:
        brut = _ESPACES.sub("", str(texte)).removesuffix("€")
        if _MILLIERS_SEULS.match(brut):  # « 1.000 », « 2,500 » : un séparateur de milliers, le plus souvent
            entier, milliers = brut[:-4], brut[-3:]
            raise _refus(champ, f"« {brut} » a trois chiffres après {'le point' if brut[-4] == '.' else 'la virgule'} : "
                                f"pour {entier} {milliers} €, écrivez {entier}{milliers} ou {entier} {milliers} ; "
                                f"un montant n'a que deux décimales (les centimes).")
        raise _refus(champ, f"{majuscule} ne peut pas avoir plus de deux décimales (les centimes).")
    if valeur > MONTANT_MAX:
        raise _refus(champ, f"{majuscule} semble trop élevé{e} : au plus 1 000 000 000 €.")
    return valeur.quantize(CENTIME)


def lire_taux(texte, champ: str, nom: str = "le taux") -> Decimal:
    """Taux annuel en %, entre 0 (exclu) et 100, trois décimales au plus.

    >>> lire_taux("12,5 %", "taux")
    Decimal('12.5')
    """
    valeur = lire_nombre(texte, champ, nom, "12,15", unite="%")
    majuscule = nom[0].upper() + nom[1:]
    if not Decimal(0) < valeur <= Decimal(100):
        raise _refus(champ, f"{majuscule} doit être supérieur à 0 % et au plus 100 % (taux annuel).")
    if valeur.as_tuple().exponent < -3:
        raise _refus(champ, f"{majuscule} ne peut pas avoir plus de trois décimales.")
    return valeur


def lire_entier(texte, champ: str, nom: str, minimum: int, maximum: int) -> int:
    """Nombre entier borné, espaces de milliers tolérées par groupes de trois.

    >>> lire_entier(" 1 200 ", "nombre", "le nombre d'échéances", 1, 2000)
    1200
    >>> lire_entier("1 5", "delai", "le délai", 1, 365)
    Traceback (most recent call last):
    ...
    calculators.commun.erreurs.SaisieInvalide: delai : « 1 5 » : une espace sépare les milliers, par groupes de trois chiffres. Écrivez le délai sans espace, par exemple 15.
    """
    net = str(texte).strip()
    if _ENTRE_CHIFFRES.search(net) and not _GROUPES_DE_MILLIERS.match(net) and _ENTIER.match(_ESPACES.sub("", net)):
        # « 1 5 » valait 15 : une faute de frappe, ou deux nombres ; ni l'un ni l'autre ne se devine.
        raise _refus(champ, f"« {_extrait(net)} » : une espace sépare les milliers, par groupes de trois chiffres. "
                            f"Écrivez {nom} sans espace, par exemple {_ESPACES.sub('', net)}.")
    brut = _ESPACES.sub("", net)
    if len(brut) > NOMBRE_MAX_CHIFFRES or not _ENTIER.match(brut) or not minimum <= int(brut) <= maximum:
        raise _refus(champ, f"Saisissez {nom} en chiffres, de {minimum} à {maximum}.")
    return int(brut)


def est_jjmmaaaa(brut: str) -> bool:
    """Huit chiffres dont les quatre derniers sont une année 19xx ou 20xx : JJMMAAAA. Jamais ambigu :
    lus AAAAMMJJ, ils feraient un mois 19 ou 20 (saisies du site, FEC d'anciens Dolibarr).

    >>> est_jjmmaaaa("20062025"), est_jjmmaaaa("20250620"), est_jjmmaaaa("20120315")
    (True, False, False)
    """
    return len(brut) == 8 and brut[4:6] in ("19", "20")


def _sur_quatre_chiffres(annee: int) -> int:
    """La règle des tableurs (Excel, LibreOffice) qui ont souvent produit la date : 00 à 29 → 2000 à
    2029, 30 à 99 → 1930 à 1999 ; « 15/01/99 » n'est pas 2099."""
    return annee + (2000 if annee < PIVOT_DEUX_CHIFFRES else 1900)


def lire_date(texte, champ: str, nom: str) -> dt.date:
    """Date tapée à la française (jj/mm/aaaa), l'année d'abord (ISO) ou en lettres (« 15 janvier 2025 »).

    >>> lire_date("5/3/2025", "echeance", "la date d'échéance"), lire_date("15 01 2025", "echeance", "la date")
    (datetime.date(2025, 3, 5), datetime.date(2025, 1, 15))
    >>> lire_date("2025/01/15", "echeance", "la date"), lire_date("2025.1.5", "echeance", "la date")
    (datetime.date(2025, 1, 15), datetime.date(2025, 1, 5))
    >>> lire_date("15/01/29", "echeance", "la date"), lire_date("15/01/99", "echeance", "la date")
    (datetime.date(2029, 1, 15), datetime.date(1999, 1, 15))
    >>> [lire_date(x, "echeance", "la date") for x in ("30112025", "301125", "20251130", "20120315")]
    [datetime.date(2025, 11, 30), datetime.date(2025, 11, 30), datetime.date(2025, 11, 30), datetime.date(2012, 3, 15)]
    >>> [lire_date(x, "echeance", "la date").isoformat() for x in ("15 janvier 2025", "1er mars 2025", "15-janv.-25",
    ...                                                             "Mercredi 15 Janvier 2025", "29 févr. 2024", "2 aout 2025")]
    ['2025-01-15', '2025-03-01', '2025-01-15', '2025-01-15', '2024-02-29', '2025-08-02']
    >>> lire_date("15 janvir 2025", "echeance", "la date")
    Traceback (most recent call last):
    ...
    calculators.commun.erreurs.SaisieInvalide: echeance : « janvir » n'est pas un mois : écrivez la date sous la forme jj/mm/aaaa, par exemple 31/01/2025.
    >>> lire_date("31/02/2024", "echeance", "la date d'échéance")
    Traceback (most recent call last):
    ...
    calculators.commun.erreurs.SaisieInvalide: echeance : Le 31/02/2024 n'existe pas : vérifiez le jour et le mois de la date d'échéance.
    """
    if vide(texte):
        raise _refus(champ, f"Saisissez {nom}, par exemple 31/01/2025.")
    brut = str(texte).strip()
    if m := _DATE_ISO.match(brut):
        annee, mois, jour = int(m[1]), int(m[3]), int(m[4])
    elif m := DATE_FR.match(brut) or _DATE_COMPACTE.match(brut):
        jour, mois, annee = (int(g) for g in m.groups())
        if m.re is _DATE_COMPACTE and len(brut) == 8 and not est_jjmmaaaa(brut):
            annee, mois, jour = int(brut[:4]), int(brut[4:6]), int(brut[6:])  # « 20250131 », « 20120315 »
        elif len(m.group(3)) == 2:
            annee = _sur_quatre_chiffres(annee)
    elif m := DATE_EN_LETTRES.match(brut):
        jour, mois, annee = int(m[1]), _MOIS_EN_LETTRES.get(m[2].lower()), int(m[3])
        if mois is None:
            raise _refus(champ, f"« {m[2]} » n'est pas un mois : écrivez {nom} sous la forme jj/mm/aaaa, "
                                f"par exemple 31/01/2025.")
        annee = _sur_quatre_chiffres(annee) if len(m[3]) == 2 else annee
    else:
        raise _refus(champ, f"Écrivez {nom} sous la forme jj/mm/aaaa, par exemple 31/01/2025.")
    if not ANNEE_MIN <= annee <= ANNEE_MAX:
        raise _refus(champ, f"L'année {annee} est hors de portée pour {nom} : saisissez une date "
                            f"entre {ANNEE_MIN} et {ANNEE_MAX}.")
    try:
        return dt.date(annee, mois, jour)
    except ValueError:
        raise _refus(
            champ,
            f"Le {jour:02d}/{mois:02d}/{annee} n'existe pas : vérifiez le jour et le mois de {nom}.",
        ) from None


def colonnes_connues(ligne: dict, colonnes: list[str], champ: str, designation: str) -> bool:
    """Une ligne donnée en objet (JSON de l'API, fichier `--donnees`) dont une clé n'est pas une colonne
    (« Paiement », « acompte ») : sa valeur serait ignorée sans rien dire, et une facture payée réclamée
    en entier. Refusée, la colonne la plus proche proposée ; vrai si toutes les clés sont connues.

    >>> colonnes_connues({"date": "2024-01-15", "Montant": "40"}, ["date", "montant"], "acomptes-1-date",
    ...                  "l'acompte n° 1")
    Traceback (most recent call last):
    ...
    calculators.commun.erreurs.SaisieInvalide: acomptes-1-date : L'acompte n° 1 a une donnée inconnue : « Montant ». Vouliez-vous dire « montant » ? Données lues : date, montant.
    """
    for cle in ligne:
        if cle not in colonnes:
            texte = str(cle)[:40]
            proche = difflib.get_close_matches(texte.lower(), colonnes, n=1, cutoff=0.6)
            conseil = f" Vouliez-vous dire « {proche[0]} » ?" if proche else ""
            raise _refus(champ, f"{designation[:1].upper()}{designation[1:]} a une donnée inconnue : « {texte} »."
                                f"{conseil} Données lues : {', '.join(colonnes)}.")
    return True


def aujourdhui(saisies: dict) -> dt.date:
    """Date du jour, ou celle que fixent les saisies (`aujourdhui`, ISO) pour des tests reproductibles.

    >>> aujourdhui({"aujourdhui": "2025-02-10"})
    datetime.date(2025, 2, 10)
    """
    valeur = saisies.get("aujourdhui")
    try:  # un texte seulement : str() d'une liste très imbriquée ou d'un entier immense lèverait
        jour = dt.date.fromisoformat(valeur[:40]) if isinstance(valeur, str) else None
    except ValueError:
        jour = None
    if jour is None:  # absente ou illisible : la vraie date du jour
        return dt.date.today()
    # Hors de la garde commune (an 1, 9999), les calculs de dates déborderaient : la vraie date.
    return jour if ANNEE_MIN <= jour.year <= ANNEE_MAX else dt.date.today()
