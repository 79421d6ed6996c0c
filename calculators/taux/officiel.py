"""Lecture et contrôle des fichiers officiels de taux que télécharge un mainteneur.

Deux sources, chacune dans le format où l'organisme la publie :

- **BCE, portail de données** (data.ecb.europa.eu), série `FM.B.U2.EUR.4F.KR.MRR_FR.LEV`
  (taux fixe des opérations principales de refinancement, « date of changes ») : une ligne par
  changement, à sa date d'effet. Deux exports sont lus :
  l'export CSV de la page de la série (`"DATE","TIME PERIOD","… (FM.B.U2.EUR.4F.KR.MRR_FR.LEV)"`,
  valeurs entre guillemets, date ISO puis « 15 Oct 2008 ») et le SDMX-CSV de l'API
  (`format=csvdata` : colonnes `KEY`, …, `TIME_PERIOD`, `OBS_VALUE`, …). Cette série n'a pas de
  valeur pendant les appels d'offres à taux variable (28/06/2000 - 14/10/2008) : seules les
  dates à partir du retour au taux fixe (15/10/2008) sont prises en compte.
- **Banque de France, Webstat** : export CSV du jeu « observations » (séparateur « ; »,
  colonnes `series_key`, `time_period`, `obs_value`, d'autres colonnes ignorées), une série par
  catégorie de créancier (CMF art. L313-2) ; périodes semestrielles `2026-S1` (ou `2026S1`),
  annuelles (`2014`) avant 2015. Les clés des deux séries sont données par le mainteneur
  (`series_webstat` de `taux_legal.json` ou options de `maj`) : elles n'ont pas pu être relevées
  sur une page officielle au moment d'écrire ce module.

Contrôles : série attendue présente, dates croissantes sans doublon, valeurs plausibles et au
centième de point, semestres consécutifs sans trou et couverts pour les deux catégories. Un
fichier refusé lève `FichierInvalide`, avec un message en français qui dit quoi corriger.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

SERIE_BCE = "FM.B.U2.EUR.4F.KR.MRR_FR.LEV"
RETOUR_TAUX_FIXE = dt.date(2008, 10, 15)  # décision du 08/10/2008 : appels d'offres à taux fixe
DEBUT_SEMESTRES = dt.date(2015, 1, 1)  # ordonnance n° 2014-947 : taux légal semestriel
BORNES_BCE = (Decimal("-1.00"), Decimal("20.00"))  # % ; hors de là, le fichier est suspect
BORNES_LEGAL = (Decimal("0.00"), Decimal("25.00"))
CATEGORIES = ("particuliers", "professionnels")


class FichierInvalide(ValueError):
    """Un fichier officiel refusé : le message dit en français ce qui ne va pas."""


@dataclass(frozen=True)
class Observation:
    depuis: dt.date
    taux: Decimal


@dataclass(frozen=True)
class Periode:
    du: dt.date
    au: dt.date
    particuliers: Decimal
    professionnels: Decimal


def _texte(contenu: str | bytes) -> str:
    if isinstance(contenu, bytes):
        try:
            contenu = contenu.decode("utf-8")
        except UnicodeDecodeError:
            raise FichierInvalide("Le fichier n'est pas en UTF-8 : téléchargez l'export CSV tel quel.") from None
    return contenu.removeprefix("\ufeff")


def _valeur(texte: str, ligne: int, bornes: tuple[Decimal, Decimal]) -> Decimal:
    """Valeur en %, au centième de point ; « 2.4 » et « 2.400000 » donnent 2.40.

    >>> _valeur("2.400000", 3, BORNES_BCE)
    Decimal('2.40')
    """
    try:
        valeur = Decimal(texte.strip().replace(",", "."))
    except InvalidOperation:
        raise FichierInvalide(f"Ligne {ligne} : « {texte} » n'est pas un taux.") from None
    if not valeur.is_finite():  # « Infinity », « sNaN » : comparer un sNaN lèverait InvalidOperation
        raise FichierInvalide(f"Ligne {ligne} : « {texte} » n'est pas un taux.")
    # Les bornes avant l'arrondi : arrondir au centième « 1e400 » ou un nombre de 29 chiffres
    # dépasse la précision de Decimal (28 chiffres) et lèverait InvalidOperation.
    if not bornes[0] <= valeur <= bornes[1]:
        raise FichierInvalide(f"Ligne {ligne} : le taux {texte} % est hors des valeurs plausibles "
                              f"({bornes[0]} à {bornes[1]} %).")
    if valeur != valeur.quantize(Decimal("0.01")):
        raise FichierInvalide(f"Ligne {ligne} : le taux {texte} n'est pas au centième de point.")
    return valeur.quantize(Decimal("0.01"))


_AAAA_MM_JJ = re.compile(r"\d{4}-\d{2}-\d{2}")


def date_aaaa_mm_jj(texte: str) -> dt.date:
    """Date écrite AAAA-MM-JJ, seule forme des exports officiels et des messages ; ValueError sinon.

    `date.fromisoformat` accepte aussi « 20240612 » ou « 2024-W24-3 » : refusés ici, pour que ce
    qui est accepté soit ce que les messages annoncent.

    >>> date_aaaa_mm_jj("2024-06-12")
    datetime.date(2024, 6, 12)
    """
    if not _AAAA_MM_JJ.fullmatch(texte):  # fullmatch : « $ » laisserait passer un saut de ligne final
        raise ValueError(texte)
    return dt.date.fromisoformat(texte)


def _date(texte: str, ligne: int) -> dt.date:
    """Date d'une ligne du fichier ; « 2024-06-12T00:00 » est lu comme le 12/06/2024."""
    try:
        return date_aaaa_mm_jj(texte.strip()[:10])
    except ValueError:
        raise FichierInvalide(f"Ligne {ligne} : « {texte} » n'est pas une date AAAA-MM-JJ.") from None


# --- BCE -----------------------------------------------------------------------------------------

def _lignes_bce(texte: str) -> list[tuple[int, str, str]]:
    """(numéro de ligne, date, valeur) de la série, quel que soit l'export."""
    lignes = list(csv.reader(io.StringIO(texte)))
    if lignes and len(lignes[0]) == 1 and "," in lignes[0][0]:
        lignes = [next(csv.reader([l[0]])) if l else l for l in lignes]  # export dont chaque ligne est citée
    if not lignes:
        raise FichierInvalide("Le fichier de la BCE est vide.")
    entete = [c.strip() for c in lignes[0]]
    if "TIME_PERIOD" in entete and "OBS_VALUE" in entete and "KEY" in entete:  # SDMX-CSV de l'API
        cle, date, valeur = (entete.index(c) for c in ("KEY", "TIME_PERIOD", "OBS_VALUE"))
        retenues = [(n, l[date], l[valeur]) for n, l in enumerate(lignes[1:], 2)
                    if len(l) > max(cle, date, valeur) and l[cle].strip() == SERIE_BCE]
    elif entete and entete[0] == "DATE":  # export CSV de la page de la série
        colonnes = [i for i, c in enumerate(entete) if f"({SERIE_BCE})" in c]
        if not colonnes:
            raise FichierInvalide(f"Aucune colonne de la série {SERIE_BCE} dans ce fichier : exportez cette série.")
        retenues = [(n, l[0], l[colonnes[0]]) for n, l in enumerate(lignes[1:], 2) if len(l) > colonnes[0]]
    else:
        raise FichierInvalide("Format non reconnu : attendu l'export CSV du portail de données de la BCE "
                              f"(série {SERIE_BCE}) ou son SDMX-CSV (format=csvdata).")
    if not retenues:
        raise FichierInvalide(f"Le fichier ne contient aucune observation de la série {SERIE_BCE}.")
    return retenues


def lire_bce(contenu: str | bytes) -> list[Observation]:
    """Changements du taux des opérations principales de refinancement, à partir du 15/10/2008.

    >>> lire_bce('"DATE","TIME PERIOD","MRO (FM.B.U2.EUR.4F.KR.MRR_FR.LEV)"\\n"2024-06-12","12 Jun 2024","4.25"\\n')
    [Observation(depuis=datetime.date(2024, 6, 12), taux=Decimal('4.25'))]
    """
    observations: list[Observation] = []
    for numero, date, valeur in _lignes_bce(_texte(contenu)):
        if valeur.strip() in ("", "NaN"):  # pas de taux fixe ce jour-là (appels d'offres à taux variable)
            continue
        jour = _date(date, numero)
        if observations and jour <= observations[-1].depuis:
            raise FichierInvalide(f"Ligne {numero} : le {jour.isoformat()} ne suit pas le "
                                  f"{observations[-1].depuis.isoformat()} (dates non croissantes ou en double).")
        observations.append(Observation(jour, _valeur(valeur, numero, BORNES_BCE)))
    retenues: list[Observation] = []
    for observation in observations:
        if observation.depuis >= RETOUR_TAUX_FIXE and (not retenues or retenues[-1].taux != observation.taux):
            retenues.append(observation)  # une valeur répétée n'est pas un changement
    if not retenues:
        raise FichierInvalide("Le fichier ne contient aucun changement depuis le 15/10/2008 (retour au taux fixe).")
    return retenues


# --- Banque de France : taux de l'intérêt légal -------------------------------------------------

_SEMESTRE = re.compile(r"^(\d{4})-?S([12])$")
_ANNEE = re.compile(r"^(\d{4})$")


def _periode(texte: str, ligne: int) -> tuple[dt.date, dt.date]:
    """« 2026-S2 » → (01/07/2026, 31/12/2026) ; « 2014 » → l'année (avant 2015 seulement).

    >>> _periode("2026-S2", 2)
    (datetime.date(2026, 7, 1), datetime.date(2026, 12, 31))
    """
    brut = texte.strip().upper()
    if m := _SEMESTRE.match(brut):
        annee, numero = int(m.group(1)), int(m.group(2))
        if annee < DEBUT_SEMESTRES.year:
            raise FichierInvalide(f"Ligne {ligne} : pas de taux semestriel avant 2015 ({texte}).")
        return (dt.date(annee, 1, 1), dt.date(annee, 6, 30)) if numero == 1 else (dt.date(annee, 7, 1), dt.date(annee, 12, 31))
    if m := _ANNEE.match(brut):
        annee = int(m.group(1))
        if annee < dt.MINYEAR:  # « 0000 » : une date de l'an 0 n'existe pas (ValueError de datetime)
            raise FichierInvalide(f"Ligne {ligne} : période « {texte} » : l'année 0 n'existe pas.")
        if annee >= DEBUT_SEMESTRES.year:
            raise FichierInvalide(f"Ligne {ligne} : depuis 2015 le taux est semestriel, pas annuel ({texte}).")
        return dt.date(annee, 1, 1), dt.date(annee, 12, 31)
    raise FichierInvalide(f"Ligne {ligne} : période « {texte} » non reconnue (attendu 2026-S1 ou 2026-S2).")


def _series_legal(texte: str, series: dict[str, str]) -> dict[str, dict[tuple, Decimal]]:
    lignes = list(csv.reader(io.StringIO(texte), delimiter=";" if ";" in texte.partition("\n")[0] else ","))
    if not lignes:
        raise FichierInvalide("Le fichier de la Banque de France est vide.")
    entete = [c.strip().lower() for c in lignes[0]]
    manquantes = [c for c in ("series_key", "time_period", "obs_value") if c not in entete]
    if manquantes:
        raise FichierInvalide("Format non reconnu : attendu l'export CSV Webstat (colonnes series_key, time_period, "
                              f"obs_value) ; il manque {', '.join(manquantes)}.")
    cle, periode, valeur = (entete.index(c) for c in ("series_key", "time_period", "obs_value"))
    par_cle = {v: k for k, v in series.items()}
    lues: dict[str, dict[tuple, Decimal]] = {c: {} for c in CATEGORIES}
    for numero, ligne in enumerate(lignes[1:], 2):
        if len(ligne) <= max(cle, periode, valeur) or ligne[cle].strip() not in par_cle or not ligne[valeur].strip():
            continue
        categorie = par_cle[ligne[cle].strip()]
        bornes = _periode(ligne[periode], numero)
        if bornes in lues[categorie]:
            raise FichierInvalide(f"Ligne {numero} : période {ligne[periode]} en double pour la série {ligne[cle]}.")
        lues[categorie][bornes] = _valeur(ligne[valeur], numero, BORNES_LEGAL)
    for categorie in CATEGORIES:
        if not lues[categorie]:
            raise FichierInvalide(f"Aucune observation de la série « {series[categorie]} » ({categorie}) dans le fichier.")
    return lues


def lire_legal(contenu: str | bytes, series: dict[str, str]) -> list[Periode]:
    """Taux de l'intérêt légal par période, les deux catégories sur les mêmes périodes, sans trou.

    `series` : clé Webstat de chaque catégorie, `{"particuliers": …, "professionnels": …}`.
    """
    if not all(series.get(c) for c in CATEGORIES):
        raise FichierInvalide("Indiquez les clés Webstat des deux séries (--serie-particuliers et --serie-autres), "
                              "relevées sur webstat.banque-france.fr.")
    lues = _series_legal(_texte(contenu), series)
    if set(lues["particuliers"]) != set(lues["professionnels"]):
        ecart = sorted(set(lues["particuliers"]) ^ set(lues["professionnels"]))
        raise FichierInvalide(f"Les deux catégories ne couvrent pas les mêmes périodes (écart au {ecart[0][0].isoformat()}).")
    bornes = sorted(lues["particuliers"])
    for avant, apres in zip(bornes, bornes[1:]):
        if apres[0] != avant[1] + dt.timedelta(days=1):
            raise FichierInvalide(f"Trou dans le fichier : rien entre le {avant[1].isoformat()} et le {apres[0].isoformat()}.")
    return [Periode(du, au, lues["particuliers"][(du, au)], lues["professionnels"][(du, au)]) for du, au in bornes]
