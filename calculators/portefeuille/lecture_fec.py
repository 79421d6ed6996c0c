"""Lecture en flux d'un fichier des écritures comptables (FEC, LPF art. A47 A-1).

Le texte fixe 18 champs dans cet ordre : JournalCode, JournalLib, EcritureNum, EcritureDate,
CompteNum, CompteLib, CompAuxNum, CompAuxLib, PieceRef, PieceDate, EcritureLib, Debit, Credit,
EcritureLet, DateLet, ValidDate, Montantdevise, Idevise ; la paire Montant + Sens peut
remplacer Debit + Credit. Première ligne : les noms des champs ; un séparateur unique,
tabulation ou « | » ; dates AAAAMMJJ ; virgule décimale. Ce qu'écrivent les logiciels en
pratique est toléré : montants complétés d'espaces et de zéros, « - » dans une référence vide,
19e colonne (CodeEtablissement), colonnes dans un autre ordre (lues par leur nom).

Seules les lignes des comptes de tiers (clients 411, fournisseurs 401 par défaut) sont gardées
(`Mouvement`) ; des autres, la lecture retient le chiffre d'affaires (comptes 70) et les achats
(60 sauf 603, 61, 62) de chaque mois, et l'équilibre de chaque écriture (JournalCode + EcritureNum).
Une ligne fautive est écartée avec son numéro, sa colonne et la raison ; le reste est lu.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ..commun.argent import au_centime
from .modele import (
    A_NOUVEAU, AVOIR, CLIENTS, DEBIT_DIVERS, FACTURE, FOURNISSEURS, REGLEMENT, REJETS_GARDES, ZERO,
    Donnees, FichierIllisible, Mouvement, Rejet,
)

CHAMPS_FEC = ("JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum", "CompteLib",
              "CompAuxNum", "CompAuxLib", "PieceRef", "PieceDate", "EcritureLib", "Debit", "Credit",
              "EcritureLet", "DateLet", "ValidDate", "Montantdevise", "Idevise")
INDISPENSABLES = ("JournalCode", "EcritureNum", "EcritureDate", "CompteNum")
JOURNAUX_A_NOUVEAUX = {"AN", "RAN", "ANO", "AN0", "OUV", "ANX"}
_NOMS = {nom.lower(): nom for nom in CHAMPS_FEC + ("Montant", "Sens")}
_MONTANT = re.compile(r"[+-]?\d+(?:[.,]\d+)?")
_SENS_DEBIT = {"D", "+1", "1", "+", "DEBIT", "DÉBIT"}
_SENS_CREDIT = {"C", "-1", "-", "CREDIT", "CRÉDIT"}


@dataclass(frozen=True)
class EnteteFec:
    separateur: str
    positions: dict          # nom du champ (graphie de l'arrêté) → rang
    mode: str                # "debit-credit" ou "montant-sens"
    nb_colonnes: int
    absents: tuple           # champs de l'arrêté absents (signalés, non bloquants)


def _noms(champs: list[str]) -> dict:
    positions = {}
    for rang, brut in enumerate(champs):
        nom = _NOMS.get(brut.strip().strip('"').lower())
        if nom and nom not in positions:
            positions[nom] = rang
    return positions


def reconnaitre_entete(ligne: str) -> EnteteFec | None:
    """En-tête de FEC (None si la ligne n'en est pas un) ; FichierIllisible s'il est fautif.

    >>> e = reconnaitre_entete("JournalCode|JournalLib|EcritureNum|EcritureDate|CompteNum|CompteLib|"
    ...     "CompAuxNum|CompAuxLib|PieceRef|PieceDate|EcritureLib|Montant|Sens|EcritureLet|DateLet|"
    ...     "ValidDate|Montantdevise|Idevise")
    >>> e.separateur, e.mode, e.nb_colonnes, e.positions["Sens"]
    ('|', 'montant-sens', 18, 12)
    """
    ligne = ligne.lstrip("\ufeff")
    essais = {sep: _noms(ligne.split(sep)) for sep in ("\t", "|", ";", ",")}
    sep, positions = max(essais.items(), key=lambda e: len(e[1]))
    if len(positions) < 5:
        return None
    if sep in ";,":
        raise FichierIllisible(
            f"Ce fichier ressemble à un FEC mais ses champs sont séparés par « {sep} » : l'arrêté "
            f"(LPF art. A47 A-1) impose la tabulation ou la barre verticale « | ». Réexportez le FEC "
            f"depuis votre logiciel comptable sans le modifier dans un tableur.", 1, "")
    manquants = [nom for nom in INDISPENSABLES if nom not in positions]
    if "Debit" in positions and "Credit" in positions:
        mode = "debit-credit"
    elif "Montant" in positions and "Sens" in positions:
        mode = "montant-sens"
    else:
        mode = ""
        manquants.append("Debit et Credit (ou Montant et Sens)")
    if manquants:
        raise FichierIllisible(
            "L'en-tête du FEC (ligne 1) ne contient pas " + ", ".join(f"« {m} »" for m in manquants)
            + " : l'arrêté (LPF art. A47 A-1) impose ces noms de champs sur la première ligne.", 1,
            manquants[0])
    attendus = CHAMPS_FEC if mode == "debit-credit" else CHAMPS_FEC[:11] + ("Montant", "Sens") + CHAMPS_FEC[13:]
    absents = tuple(nom for nom in attendus if nom not in positions)
    return EnteteFec(sep, positions, mode, len(ligne.split(sep)), absents)


def lire_montant_fec(texte: str) -> Decimal:
    """Montant d'un FEC : virgule ou point décimal, espaces et zéros de remplissage tolérés.

    >>> lire_montant_fec(" 000000000001437,12"), lire_montant_fec(""), lire_montant_fec("1 437,12")
    (Decimal('1437.12'), Decimal('0.00'), Decimal('1437.12'))
    >>> lire_montant_fec("12,5€")
    Traceback (most recent call last):
    ...
    ValueError: 12,5€
    """
    brut = texte.strip()
    if not brut:
        return ZERO
    if not _MONTANT.fullmatch(brut):
        brut = brut.replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
        if not _MONTANT.fullmatch(brut):
            raise ValueError(texte.strip())
    return Decimal(brut.replace(",", "."))


def lire_date_fec(texte: str) -> dt.date:
    """Date AAAAMMJJ (l'arrêté) ; AAAA-MM-JJ et JJ/MM/AAAA tolérées.

    >>> lire_date_fec("20250115"), lire_date_fec("15/01/2025")
    (datetime.date(2025, 1, 15), datetime.date(2025, 1, 15))
    """
    brut = texte.strip()[:10]
    if len(brut) == 8 and brut.isdigit():
        return dt.date(int(brut[:4]), int(brut[4:6]), int(brut[6:]))
    if len(brut) == 10 and brut[4] == "-":
        return dt.date.fromisoformat(brut)
    if len(brut) == 10 and brut[2] == "/" and brut[5] == "/":
        return dt.date(int(brut[6:]), int(brut[3:5]), int(brut[:2]))
    raise ValueError(texte)


def _mois(jour: dt.date) -> tuple[int, int]:
    return (jour.year, jour.month)


class _Ecriture:
    """Ce qu'on accumule d'une écriture le temps de la lire (ses lignes se suivent)."""

    __slots__ = ("cle", "ligne", "date", "journal_an", "solde", "produits", "charges", "tva_collectee",
                 "tva_deductible", "ventes", "achats", "ouverture", "tiers")

    def __init__(self, cle, ligne, date, journal_an):
        self.cle, self.ligne, self.date, self.journal_an = cle, ligne, date, journal_an
        self.solde = self.produits = self.charges = ZERO
        self.tva_collectee = self.tva_deductible = self.ventes = self.achats = ZERO
        self.ouverture = False
        self.tiers = []  # (cote, tiers, date, date_piece, montant, lettre, piece, ligne)


class LecteurFec:
    """Lit les lignes d'un FEC, morceau après morceau, dans `donnees`."""

    def __init__(self, entete: EnteteFec, donnees: Donnees, clients: tuple, fournisseurs: tuple):
        self.entete = entete
        self.d = donnees
        self.clients, self.fournisseurs = tuple(clients), tuple(fournisseurs)
        self.prefixes = self.clients + self.fournisseurs
        self._dates: dict[str, dt.date] = {}
        self._ecriture: _Ecriture | None = None
        self._ouvertes: dict = {}  # écritures déséquilibrées dont une suite peut venir plus loin
        p = entete.positions
        self._cles = (p["JournalCode"], p["EcritureNum"], p["EcritureDate"], p["CompteNum"])
        self._opt = {nom: p.get(nom) for nom in ("CompAuxNum", "CompAuxLib", "CompteLib", "PieceRef",
                                                  "PieceDate", "EcritureLet")}
        if entete.mode == "debit-credit":
            self._i_montant = (p["Debit"], p["Credit"])
            self._montant_de = self._debit_credit
        else:
            self._i_montant = (p["Montant"], p["Sens"])
            self._montant_de = self._montant_sens
        donnees.format = "fec-" + entete.mode
        donnees.separateur = entete.separateur

    # --- Lignes -------------------------------------------------------------------------------

    def lire(self, lignes: list, premier: int) -> None:
        """Lit des lignes complètes ; `premier` est le numéro de la première dans le fichier."""
        sep, n = self.entete.separateur, self.entete.nb_colonnes
        ij, inum, idate, icpt = self._cles
        dates, prefixes, montant_de = self._dates, self.prefixes, self._montant_de
        numero = premier - 1
        for ligne in lignes:
            numero += 1
            if ligne is None:
                self._rejeter(numero, "", "la ligne dépasse 100 000 caractères (fin de ligne manquante ?) : "
                                          "elle est ignorée.")
                continue
            champs = ligne.split(sep)
            if len(champs) != n:
                champs = self._ajuster(champs, ligne, numero)
                if champs is None:
                    continue
            try:
                montant = montant_de(champs)
            except _ErreurColonne as exc:
                self._rejeter(numero, exc.colonne, exc.message)
                continue
            brut = champs[idate]
            date = dates.get(brut)
            if date is None:
                try:
                    date = dates[brut] = lire_date_fec(brut)
                except ValueError:
                    self._rejeter(numero, "EcritureDate", f"« {brut.strip()} » n'est pas une date AAAAMMJJ "
                                                          f"(par exemple 20250131).")
                    continue
            self.d.lignes += 1
            cle = (champs[ij], champs[inum])
            e = self._ecriture
            if e is None or cle != e.cle:
                self._clore()
                e = self._ecriture = _Ecriture(cle, numero, date, champs[ij].strip().upper() in JOURNAUX_A_NOUVEAUX)
            e.solde += montant
            compte = champs[icpt].strip()
            if compte.startswith(prefixes):
                self._ligne_tiers(e, champs, compte, date, montant, numero)
            else:
                _ventiler(e, compte, montant)

    def _ajuster(self, champs: list, ligne: str, numero: int) -> list | None:
        """Ligne vide : ignorée ; séparateur final en trop : toléré ; sinon la ligne est écartée."""
        n = self.entete.nb_colonnes
        if not ligne.strip():
            return None
        if len(champs) > n and not "".join(champs[n:]).strip():
            return champs[:n]
        if len(champs) == 1:
            message = (f"aucun séparateur « {_nom_sep(self.entete.separateur)} » : la ligne n'a qu'une "
                       f"colonne au lieu de {n}.")
        else:
            message = (f"{len(champs)} colonnes au lieu de {n} (séparateur "
                       f"« {_nom_sep(self.entete.separateur)} » dans un libellé ?) : ligne écartée.")
        self._rejeter(numero, "", message)
        return None

    def _debit_credit(self, champs: list) -> Decimal:
        i_debit, i_credit = self._i_montant
        try:
            debit = lire_montant_fec(champs[i_debit])
        except ValueError as exc:
            raise _ErreurColonne("Debit", f"« {exc} » n'est pas un montant (exemple : 1437,12).")
        try:
            return debit - lire_montant_fec(champs[i_credit])
        except ValueError as exc:
            raise _ErreurColonne("Credit", f"« {exc} » n'est pas un montant (exemple : 1437,12).")

    def _montant_sens(self, champs: list) -> Decimal:
        i_montant, i_sens = self._i_montant
        try:
            montant = lire_montant_fec(champs[i_montant])
        except ValueError as exc:
            raise _ErreurColonne("Montant", f"« {exc} » n'est pas un montant (exemple : 1437,12).")
        sens = champs[i_sens].strip().upper()
        if sens in _SENS_DEBIT:
            return montant
        if sens in _SENS_CREDIT:
            return -montant
        raise _ErreurColonne("Sens", f"« {champs[i_sens].strip()} » n'est pas un sens : D (débit) ou C (crédit).")

    def _champ(self, champs: list, nom: str) -> str:
        rang = self._opt[nom]
        valeur = champs[rang].strip() if rang is not None else ""
        return "" if valeur == "-" else valeur

    def _ligne_tiers(self, e: _Ecriture, champs, compte: str, date: dt.date, montant: Decimal, numero: int):
        if not montant:
            return
        cote = CLIENTS if compte.startswith(self.clients) else FOURNISSEURS
        if cote == FOURNISSEURS:
            montant = -montant  # ce que nous devons au fournisseur : son crédit
        tiers = self._champ(champs, "CompAuxNum") or compte
        brut = self._champ(champs, "PieceDate")
        date_piece = self._dates.get(brut) if brut else date
        if date_piece is None:
            try:
                date_piece = self._dates[brut] = lire_date_fec(brut)
            except ValueError:
                self.d.compter("piecedate_illisible")
                self._rejeter(numero, "PieceDate", f"« {brut} » n'est pas une date AAAAMMJJ : la date "
                                                   f"d'écriture la remplace (ligne gardée).", garde=True)
                date_piece = date
        if (cote, tiers) not in self.d.noms:
            self.d.noms[(cote, tiers)] = (self._champ(champs, "CompAuxLib") or self._champ(champs, "CompteLib")
                                          or tiers)
        e.tiers.append((cote, tiers, date, date_piece, montant, self._champ(champs, "EcritureLet"),
                        self._champ(champs, "PieceRef"), numero))

    def _rejeter(self, numero: int, colonne: str, message: str, garde: bool = False) -> None:
        lieu = f"Ligne {numero}" + (f", colonne « {colonne} »" if colonne else "")
        rejet = Rejet(numero, colonne, f"{lieu} : {message}")
        if garde:
            self.d.compter("remarques")
            if len(self.d.remarques) < REJETS_GARDES:
                self.d.remarques.append(rejet)
            return
        self.d.nb_rejets += 1
        if len(self.d.rejets) < REJETS_GARDES:
            self.d.rejets.append(rejet)

    # --- Écritures ----------------------------------------------------------------------------

    def _clore(self) -> None:
        e, self._ecriture = self._ecriture, None
        if e is None:
            return
        d = self.d
        d.ecritures += 1
        if e.solde or e.cle in self._ouvertes:
            self._equilibre(e)
        ouverture = e.journal_an or e.ouverture
        if d.premiere_date is None or e.date < d.premiere_date:
            d.premiere_date = e.date
        if d.derniere_date is None or e.date > d.derniere_date:
            d.derniere_date = e.date
        if ouverture:
            if d.date_ouverture is None or e.date < d.date_ouverture:
                d.date_ouverture = e.date
        else:
            mois = _mois(e.date)
            if e.ventes:
                d.ventes_ht[mois] = d.ventes_ht.get(mois, ZERO) + e.ventes
            if e.achats:
                d.achats_ht[mois] = d.achats_ht.get(mois, ZERO) + e.achats
        if e.tiers:
            self._mouvements(e, ouverture)

    def _equilibre(self, e: _Ecriture) -> None:
        """Débit = crédit par écriture (PCG art. 420-1) ; une suite plus loin peut rétablir l'équilibre."""
        solde, ligne = self._ouvertes.pop(e.cle, (ZERO, e.ligne))
        solde += e.solde
        if solde:
            self._ouvertes[e.cle] = (solde, ligne)
        else:
            self.d.compter("ecritures_disjointes")

    def _mouvements(self, e: _Ecriture, ouverture: bool) -> None:
        ratios = {cote: _ratio_ht(e, cote) for cote in {t[0] for t in e.tiers}}
        par_tiers = self.d.par_tiers
        for cote, tiers, date, date_piece, montant, lettre, piece, numero in e.tiers:
            detaille = ouverture and bool(piece) and date_piece < e.date
            nature = _nature(cote, montant, e, ouverture, detaille)
            ratio = ratios[cote] if nature in (FACTURE, AVOIR) and not ouverture else None
            ht = au_centime(montant * ratio) if ratio is not None else None
            m = Mouvement(cote, tiers, date, date_piece, montant, nature, lettre, piece, ht,
                          detaille=detaille, ligne=numero)
            liste = par_tiers.get((cote, tiers))
            if liste is None:
                par_tiers[(cote, tiers)] = [m]
            else:
                liste.append(m)

    def terminer(self) -> None:
        self._clore()
        for (journal, numero), (solde, ligne) in self._ouvertes.items():
            self.d.compter("desequilibres")
            self.d.remarques.append(Rejet(
                ligne, "Debit" if self.entete.mode == "debit-credit" else "Montant",
                f"Ligne {ligne}, colonnes « Debit » et « Credit » : l'écriture {journal.strip()} "
                f"n° {numero.strip()} n'est pas équilibrée (débit − crédit = {solde} €) ; ses lignes sont "
                f"gardées."))
        self._ouvertes.clear()


class _ErreurColonne(Exception):
    def __init__(self, colonne: str, message: str):
        super().__init__(message)
        self.colonne, self.message = colonne, message


def _nom_sep(sep: str) -> str:
    return "tabulation" if sep == "\t" else sep


def _ventiler(e: _Ecriture, compte: str, montant: Decimal) -> None:
    """Ligne hors tiers : produits (classe 7, dont CA 70), charges (6, 2), TVA (4457, 4456), 89."""
    classe = compte[:1]
    if classe == "7":
        e.produits -= montant
        if compte.startswith("70"):
            e.ventes -= montant
    elif classe == "6" or classe == "2":
        e.charges += montant
        if compte.startswith(("60", "61", "62")) and not compte.startswith("603"):
            e.achats += montant
    elif classe == "4":
        if compte.startswith("4457"):
            e.tva_collectee -= montant
        elif compte.startswith("4456"):
            e.tva_deductible += montant
    elif compte.startswith("89"):
        e.ouverture = True  # 890 : bilan d'ouverture, contrepartie des à-nouveaux


def _nature(cote: str, montant: Decimal, e: _Ecriture, ouverture: bool, detaille: bool) -> str:
    """Facture si l'écriture porte un produit (client) ou une charge (fournisseur) dans le même
    sens, avoir dans le sens inverse ; sinon règlement (crédit) ou débit divers."""
    if ouverture:
        if not detaille:
            return A_NOUVEAU
        return FACTURE if montant > 0 else REGLEMENT
    flux = e.produits if cote == CLIENTS else e.charges
    if montant > 0:
        return FACTURE if flux > 0 else DEBIT_DIVERS
    return AVOIR if flux < 0 else REGLEMENT


def _ratio_ht(e: _Ecriture, cote: str) -> Decimal | None:
    """HT / TTC de l'écriture : (TTC − TVA) / TTC, la TVA lue sur 4457 (clients) ou 4456
    (fournisseurs) ; None si le rapport sort de [0, 1] (écriture atypique)."""
    flux = e.produits if cote == CLIENTS else e.charges
    ttc = sum((t[4] for t in e.tiers if t[0] == cote and (t[4] > 0) == (flux > 0)), ZERO)
    if not ttc or not flux:
        return None
    tva = e.tva_collectee if cote == CLIENTS else e.tva_deductible
    ratio = (ttc - tva) / ttc
    return ratio if ZERO <= ratio <= 1 else None


