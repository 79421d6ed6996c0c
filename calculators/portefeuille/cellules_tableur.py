"""Les cellules d'une ligne de tableau de factures (voir `lecture_csv`) : leur valeur, et ce qu'il
advient d'une valeur illisible.

Dans une colonne obligatoire (client, date, montant TTC), la ligne est rejetée (`Refus`). Dans une
colonne facultative (échéance, paiement, montant HT, reste à payer), une cellule vide, un tiret ou
un mot qui dit « rien » (« N/A », « néant », « non payée »…, voir `valeurs_tableur.MOTS_VIDES`)
valent une cellule vide ; une autre valeur illisible est ignorée, la facture gardée, et la ligne
porte une remarque qui dit ce qui a été fait (comme le FEC, voir `lecture_fec._date_facultative`).
Ces remarques n'apparaissent que si la ligne est finalement gardée (`_publier`).
"""

from __future__ import annotations

import csv
from decimal import Decimal

from ..commun.argent import au_centime
from ..commun.erreurs import SaisieInvalide
from ..commun.saisie import DATE_FR
from .modele import FichierIllisible
from .valeurs_fec import DEMESURE, MontantDemesure
from .valeurs_tableur import (MOTS_VIDES, MontantAmbigu, est_vide, lire_date_tableur, lire_montant_tableur, normaliser,
                              sans_heure)

GARDEE = " (ligne gardée)."
EXEMPLE_MAX = 30  # caractères d'une valeur d'exemple dans les listes de la correspondance


def exemples(entetes: list, separateur: str, ligne: str) -> dict:
    """Colonne → sa valeur sur la première ligne de données : l'étape de correspondance la montre à
    côté du nom (« Colonne 3 (ex. : 12/01/2026) »), pour choisir sans rouvrir le fichier.

    >>> exemples(["Société", "Le", "Total"], ";", 'Dupont SA;12/01/2026;"1 200,00"')
    {'Société': 'Dupont SA', 'Le': '12/01/2026', 'Total': '1 200,00'}
    >>> exemples(["A", "B"], ",", "x" * 40)
    {'A': 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…'}
    """
    cellules = next(csv.reader([ligne.replace("\r", " ")], delimiter=separateur), [])
    return {nom: (valeur[:EXEMPLE_MAX] + "…" if len(valeur) > EXEMPLE_MAX else valeur)
            for nom, valeur in zip(entetes, (c.strip() for c in cellules)) if valeur}


def lire_entetes(ligne: str, separateur: str) -> list:
    """Les noms des colonnes. Une cellule entre guillemets de plus de 128 Kio (sur plusieurs lignes,
    voir `analyse`) dépasse la limite du module `csv` : le fichier est refusé, en français.

    >>> lire_entetes('Client;"N° facture";Date', ";")
    ['Client', 'N° facture', 'Date']
    """
    try:
        return next(csv.reader([ligne], delimiter=separateur))
    except csv.Error:
        raise FichierIllisible("La première ligne (les noms des colonnes) est illisible : une cellule entre "
                               "guillemets y dépasse 128 000 caractères. Vérifiez l'export.", 1) from None


class Refus(Exception):
    """La ligne est rejetée : la colonne fautive et le message."""

    def __init__(self, colonne: str, message: str):
        super().__init__(message)
        self.colonne, self.message = colonne, message


class CellulesTableur:
    """Lecture des cellules, pour `lecture_csv.LecteurTableur` (qui fixe `entetes`, `col` et `d`)."""

    entetes: list
    col: dict
    _notes: list  # remarques de la ligne en cours : (colonne, message, compteur)
    _ligne: int = 0  # numéro de la ligne en cours
    _mois_d_abord: tuple | None = None  # (ligne, colonne, date) : la première date « 1/20/2025 » (`_ordre_des_dates`)
    _jour_d_abord: bool = False  # une date « 20/1/2025 » lue

    def _valeur(self, champs: list, champ: str) -> str:
        rang = self.col.get(champ)
        return champs[rang].strip() if rang is not None and rang < len(champs) else ""

    def _entete(self, champ: str) -> str:
        return self.entetes[self.col[champ]].strip() if champ in self.col else champ

    # --- Colonnes obligatoires : la ligne est rejetée -------------------------------------------

    def _date(self, champs, champ: str, nom: str):
        texte = self._valeur(champs, champ)
        if not texte:
            raise Refus(self._entete(champ), f"{nom} est vide.")
        self._ordre_des_dates(texte, champ)
        try:
            return lire_date_tableur(texte, champ, nom)
        except SaisieInvalide as exc:
            message = exc.erreurs[0].message  # « Le 31/02/2025 n'existe pas… » cite déjà la valeur
            raise Refus(self._entete(champ), message if texte in message else f"« {texte} » : {message}")

    def _montant(self, champs, champ: str) -> Decimal:
        texte = self._valeur(champs, champ)
        if not texte:
            raise Refus(self._entete(champ), "le montant est vide.")
        try:
            valeur = lire_montant_tableur(texte)
        except MontantDemesure:
            raise Refus(self._entete(champ), f"« {texte} » {DEMESURE}.")
        except MontantAmbigu:
            raise Refus(self._entete(champ), f"« {texte} » : trois chiffres après le séparateur, séparateur de "
                                             f"milliers ou décimales en trop ? Écrivez le montant sans séparateur "
                                             f"de milliers, avec deux décimales au plus (exemple : 12500,00).")
        except ValueError:
            raise Refus(self._entete(champ), f"« {texte} » n'est pas un montant (exemple : 1 234,56).")
        return self._au_centime(valeur)

    def _au_centime(self, valeur: Decimal) -> Decimal:
        centimes = au_centime(valeur)  # « 1200.00000000 » (Dolibarr), « 600.0 » : des euros et centimes
        if centimes != valeur:
            self.d.compter("montants_arrondis")
        return centimes

    # --- Colonnes facultatives : (valeur, raison) ; raison non vide : la valeur est illisible ----

    def _date_lue(self, champs, champ: str) -> tuple:
        """(date, "") ; vide ou marque de vide : (None, "") ; illisible : (None, pourquoi)."""
        texte = self._valeur(champs, champ)
        if not texte:
            return None, ""
        self._ordre_des_dates(texte, champ)
        try:
            return lire_date_tableur(texte, champ, "la date"), ""
        except SaisieInvalide:  # les marques de vide ne sont cherchées qu'ici : jamais des dates
            return None, "" if est_vide(texte) else f"« {texte} » n'est pas une date (jj/mm/aaaa)"

    # --- L'ordre des dates a/b/aaaa : jour d'abord, sauf preuve du contraire -------------------------

    def _ordre_des_dates(self, texte: str, champ: str) -> None:
        """Une date a/b/aaaa est lue jour d'abord. « 20/1/2025 » (a > 12) confirme cet ordre ; « 1/20/2025 »
        (b > 12) trahit l'ordre mois/jour/année d'un tableur réglé à l'américaine (Excel, Google Sheets), où
        « 1/5/2025 » est le 5 janvier et non le 1er mai : retenu pour `_verifier_ordre_des_dates`."""
        m = DATE_FR.match(sans_heure(texte))  # la forme que lit `lire_date_tableur`
        if m:
            a, b = int(m[1]), int(m[2])
            if a > 12 >= b:
                self._jour_d_abord = True
            elif b > 12 >= a and self._mois_d_abord is None:
                self._mois_d_abord = (self._ligne, self._entete(champ), texte.strip())

    def _verifier_ordre_des_dates(self) -> None:
        """Fin du fichier : des dates mois/jour et aucune jour/mois, c'est tout le fichier qui est à
        l'américaine ; lu jour d'abord, chaque date au jour ≤ 12 serait fausse sans que rien ne le montre
        (une échéance, un retard, des pénalités faux) : le fichier est refusé, avec ce qu'il faut faire."""
        if self._mois_d_abord is not None and not self._jour_d_abord:
            ligne, colonne, date = self._mois_d_abord
            raise FichierIllisible(
                f"Les dates de ce tableau sont écrites mois/jour/année, à l'américaine (« {date} », ligne {ligne}, "
                f"colonne « {colonne} ») : lues jour/mois, comme en France, le 1/5/2025 deviendrait le 1er mai au "
                f"lieu du 5 janvier, et les retards seraient faux. Enregistrez le tableau avec des dates jj/mm/aaaa "
                f"(tableur réglé en français) ou AAAA-MM-JJ, puis analysez-le de nouveau ; si cette date est une faute de "
                f"frappe, corrigez-la.", ligne, colonne)

    def _montant_lu(self, champs, champ: str, mots_vides: bool = True) -> tuple:
        """(montant, "") ; vide : (None, "") ; illisible : (None, pourquoi). Un tiret est le zéro
        d'Excel (`lire_montant_tableur`) ; un mot de MOTS_VIDES vaut une cellule vide si
        `mots_vides`, sinon il est illisible (là où une cellule vide dirait autre chose que lui)."""
        texte = self._valeur(champs, champ)
        if not texte:
            return None, ""
        try:
            return self._au_centime(lire_montant_tableur(texte)), ""
        except MontantDemesure:
            return None, f"« {texte} » {DEMESURE}"
        except MontantAmbigu:
            return None, f"« {texte} » est ambigu (séparateur de milliers, ou plus de deux décimales ?)"
        except ValueError:
            return None, "" if mots_vides and normaliser(texte) in MOTS_VIDES else f"« {texte} » n'est pas un montant"

    # --- Rejets et remarques --------------------------------------------------------------------

    def _noter(self, champ: str, message: str, compteur: str = "") -> None:
        """Une remarque sur la ligne en cours, publiée (et `compteur` compté) si la ligne est gardée."""
        self._notes.append((self._entete(champ), message, compteur))

    def _ignorer(self, champ: str, faute: str, repli: str) -> None:
        """Une valeur illisible d'une colonne facultative : ignorée, la ligne gardée, et dit."""
        self._noter(champ, f"{faute} : {repli}{GARDEE}", "valeurs_ignorees")

    def _publier(self, numero: int) -> None:
        notes, self._notes = self._notes, []
        for colonne, message, compteur in notes:
            if compteur:
                self.d.compter(compteur)
            self.d.rejeter(numero, colonne, message, garde=True)

