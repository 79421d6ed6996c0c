"""Lecture en flux d'un tableau de factures exporté d'un tableur (CSV), une ligne par facture.

Colonnes reconnues par leurs noms français usuels (sans accents ni majuscules) :

- `client` (code ou nom du client) et, à part, `nom` ; `numero` ; `date` (de la facture) ;
  `montant` (TTC ; négatif pour un avoir) ; facultatives : `montant_ht`, `echeance`, `litige`,
  et les règlements `paiement` (date) et `montant_paye`, numérotés s'il y en a plusieurs
  (« Date paiement 2 », « Montant payé 2 »…). Une date de paiement sans montant vaut
  règlement du reste de la facture ; `reste` (à payer) ; `statut` (« Payée » : plus rien de dû ;
  brouillon ou « Void » : ligne écartée) ; `type` (« Avoir » : montant compté en déduction).
- Quand les noms ne sont pas reconnus, `colonnes` dit quelle colonne porte quoi :
  `{"client": "Raison sociale", "montant": "Total"}` (nom de la colonne tel qu'écrit).

Séparateur « ; », « , » ou tabulation (deviné sur l'en-tête), guillemets du tableur, virgule
ou point décimal, espaces de milliers, dates jj/mm/aaaa, jj/mm/aa ou ISO (heure ignorée).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from decimal import Decimal

from ..commun.argent import au_centime
from ..commun.erreurs import SaisieInvalide
from ..commun.format_fr import enumeration, euros
from .modele import (
    AVOIR, CLIENTS, DEBIT_DIVERS, FACTURE, REGLEMENT, REJETS_GARDES, ZERO, Donnees, FichierIllisible, Mouvement,
    Rejet,
)
from .decodage import FERMEE, OUVERTE, cellule_ouverte
from .factures_repetees import FactureVue, part_sans_date
from .colonnes_tableur import (
    LIBELLES, OBLIGATOIRES, REGLEMENTS, STATUTS_ECARTES, STATUTS_PAYES, SYNONYMES, TYPES_AVOIRS,
)
from .valeurs_fec import DEMESURE, MontantDemesure
from .valeurs_tableur import MontantAmbigu, lire_date_tableur, lire_montant_tableur

_VRAI = {"oui", "o", "x", "1", "vrai", "true", "yes", "litige", "en litige"}
LIGNES_PAR_CELLULE = 20  # une cellule de tableur sur plus de lignes : un guillemet isolé, plutôt
_NUMEROTE = re.compile(r"^(.*?)\s*(\d+)$")


def normaliser(nom: str) -> str:
    """Nom de colonne comparable : minuscules, sans accents ni ponctuation. L'apostrophe
    typographique (« ’ », que les traitements de texte et bien des logiciels écrivent) sépare
    les mots comme l'apostrophe droite.

    >>> normaliser(" N° de Facture "), normaliser("Date d’échéance"), normaliser("Montant payé (2)")
    ('n de facture', 'date d echeance', 'montant paye 2')
    """
    decompose = unicodedata.normalize("NFKD", nom.lstrip("\ufeff").replace("°", ""))
    sans_accents = "".join(c if c.isascii() else " " for c in decompose if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", sans_accents.lower()).split())


INDEX_SYNONYMES = {synonyme: champ for champ, noms in SYNONYMES.items() for synonyme in noms}
# Rang d'un nom parmi ceux de son champ : le plus précis (« Montant TTC ») passe devant le plus
# vague (« Montant », qui peut être le HT), quel que soit l'ordre des colonnes.
_RANG = {synonyme: rang for noms in SYNONYMES.values() for rang, synonyme in enumerate(noms)}


def deviner_separateur(ligne: str) -> str:
    """Le séparateur le plus fréquent de l'en-tête, hors guillemets (« ; » à égalité).

    >>> deviner_separateur('Client;N° facture;Date;"Montant, TTC"'), deviner_separateur("a,b,c")
    (';', ',')
    """
    hors_guillemets = re.sub(r'"[^"]*"', "", ligne)
    return max((";", "\t", ","), key=lambda s: (hors_guillemets.count(s), s == ";"))


def reconnaitre_colonnes(entetes: list[str], correspondance: dict | None = None) -> dict:
    """Champ → rang de colonne ; les règlements numérotés deviennent `paiement_2`, `montant_paye_2`…

    >>> reconnaitre_colonnes(["Client", "N° facture", "Date", "Montant TTC", "Date paiement 2"])
    {'client': 0, 'numero': 1, 'date': 2, 'montant': 3, 'paiement_2': 4}
    >>> reconnaitre_colonnes(["Société", "Total"], {"client": "Société"})["client"]
    0
    >>> reconnaitre_colonnes(["Client", "Date", "Montant", "TVA", "Montant TTC"])["montant"]
    4
    """
    colonnes: dict = {}
    precision: dict = {}  # champ → rang du nom retenu dans SYNONYMES (0 : le plus précis)
    for rang, brut in enumerate(entetes):
        nom = normaliser(brut)
        champ = INDEX_SYNONYMES.get(nom)
        if champ is None and (m := _NUMEROTE.match(nom)) and INDEX_SYNONYMES.get(m.group(1)) in ("paiement", "montant_paye"):
            rang_paiement = int(m.group(2))  # « Date paiement 02 » : le deuxième
            champ = INDEX_SYNONYMES[m.group(1)] + ("" if rang_paiement == 1 else f"_{rang_paiement}")
            nom = m.group(1)
        if champ and _RANG[nom] < precision.get(champ, len(_RANG)):
            colonnes[champ], precision[champ] = rang, _RANG[nom]
    normalises = [normaliser(e) for e in entetes]
    for champ, entete in (correspondance or {}).items():
        if entete in ("", None):
            continue
        if normaliser(str(entete)) in normalises:
            colonnes[champ] = normalises.index(normaliser(str(entete)))
    if "client" not in colonnes and "nom" in colonnes:
        colonnes["client"] = colonnes["nom"]
    if "nom" not in colonnes and "client" in colonnes:  # « Code client » et « Client » : le second est le nom
        autres = [r for r, e in enumerate(entetes) if normaliser(e) == "client" and r != colonnes["client"]]
        if autres:
            colonnes["nom"] = autres[0]
    return colonnes


def _citer(entetes: list, maximum: int = 8) -> str:
    """Colonnes citées dans un message : les premières, chacune tronquée (un en-tête de milliers de
    colonnes ne doit pas donner un message de milliers de mots).

    >>> _citer(["Client", " ", "x" * 50]), _citer([f"c{i}" for i in range(20)], 2)
    ('« Client », « xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx… »', '« c0 », « c1 » et 18 autres')
    """
    noms = [e.strip() for e in entetes if e.strip()]
    cites = ", ".join(f"« {n[:40] + '…' if len(n) > 40 else n} »" for n in noms[:maximum])
    return (cites + (f" et {len(noms) - maximum} autres" if len(noms) > maximum else "")) or "aucune"


class LecteurTableur:
    """Lit un tableau de factures, ligne après ligne, dans `donnees`."""

    def __init__(self, entete: str, donnees: Donnees, correspondance: dict | None = None):
        self.sep = deviner_separateur(entete)
        propre = entete.lstrip("\ufeff").replace("\r", " ").replace("\x00", "")
        self.entetes = next(csv.reader([propre], delimiter=self.sep))
        self.col = reconnaitre_colonnes(self.entetes, correspondance)
        self._verifier(correspondance or {})
        self.d = donnees
        self._vues: dict = {}  # (client, numéro, date, montant) → FactureVue
        self._sans_numero: set = set()  # empreintes des lignes sans numéro de facture
        self._suite: tuple | None = None  # (numéro de ligne, lignes) d'une cellule entre guillemets pas finie
        donnees.format, donnees.separateur = "tableur", self.sep
        paires = sorted(int(c.rpartition("_")[2]) if c[-1].isdigit() else 1
                        for c in self.col if c.startswith(("paiement", "montant_paye")))
        self.reglements = sorted(set(paires))
        if not any(c.startswith(REGLEMENTS) for c in self.col):
            # Rien ne dit qu'une facture a été payée : toutes sont comptées dues, et c'est dit,
            # avec les colonnes laissées de côté (une colonne « Statut » que l'analyse ne lit pas…).
            lues = set(self.col.values())
            donnees.colonnes_non_lues = tuple(e.strip() for rang, e in enumerate(self.entetes)
                                              if rang not in lues and e.strip())

    def _verifier(self, correspondance: dict) -> None:
        inconnues = [e for e in correspondance.values()
                     if e not in ("", None) and normaliser(str(e)) not in {normaliser(x) for x in self.entetes}]
        manquants = [c for c in OBLIGATOIRES if c not in self.col]
        if not inconnues and not manquants:
            return
        trouvees = _citer(self.entetes)
        if inconnues:
            message = ("La correspondance cite des colonnes absentes de la ligne 1 : "
                       + ", ".join(f"« {e} »" for e in inconnues) + f". Colonnes du fichier : {trouvees}.")
        elif len(self.col) < 2 and not any(correspondance.values()):  # une correspondance commencée : ce qui manque
            message = ("Ce fichier n'est ni un FEC (LPF art. A47 A-1 : première ligne JournalCode, JournalLib…) "
                       "ni un tableau de factures reconnu : la ligne 1 doit nommer les colonnes (client, date, "
                       f"montant TTC…). Colonnes lues : {trouvees}. Indiquez quelle colonne porte quoi.")
        else:
            message = ("Colonnes non reconnues : il manque " + enumeration(LIBELLES[c] for c in manquants)
                       + f". Colonnes du fichier : {trouvees}. Indiquez quelle colonne porte chaque information.")
        # Pour la page : les listes des colonnes reconnues déjà choisies, celles qui manquent signalées.
        colonnes = {"reconnues": {c: self.entetes[i] for c, i in self.col.items()}, "manquantes": manquants}
        raise FichierIllisible(message, 1, manquants[0] if manquants else "", list(self.entetes), colonnes)

    def lire(self, lignes: list, premier: int) -> None:
        numero = premier - 1
        for ligne in lignes:
            numero += 1
            if ligne is None:
                self._rejeter(numero, "", "la ligne dépasse 100 000 caractères : elle est ignorée.")
                continue
            if self._suite is not None or ('"' in ligne and cellule_ouverte(ligne, self.sep) == OUVERTE):
                ligne, numero_lu = self._cellule_sur_plusieurs_lignes(ligne, numero)
                if ligne is None:
                    continue
            else:
                numero_lu = numero
            self._lire_ligne(ligne, numero_lu)

    def _cellule_sur_plusieurs_lignes(self, ligne: str, numero: int) -> tuple:
        """Un guillemet ouvert et pas fermé : une cellule sur plusieurs lignes (Alt+Entrée dans
        Excel), que le tableur exporte telle quelle. Les lignes sont réunies (retour à la ligne
        lu comme une espace) jusqu'au guillemet fermant ; au-delà de LIGNES_PAR_CELLULE, ce
        n'était qu'un guillemet isolé : la première ligne est écartée, les suivantes relues."""
        if self._suite is None:
            self._suite = (numero, [ligne])
            return None, numero
        debut, morceaux = self._suite
        morceaux.append(ligne)
        etat = cellule_ouverte("\n".join(morceaux), self.sep)
        if etat == OUVERTE and len(morceaux) < LIGNES_PAR_CELLULE:
            return None, numero
        self._suite = None
        if etat == FERMEE:
            return " ".join(morceaux), debut  # guillemet fermé : la ligne du tableur, entière
        self._rejeter(debut, "", "guillemet ouvert jamais fermé : ligne écartée.")
        self.lire(morceaux[1:], debut + 1)
        return None, numero

    def _lire_ligne(self, ligne: str, numero: int) -> None:
        if not ligne.strip(" \t;,\""):
            return
        try:
            champs = next(csv.reader([ligne.replace("\r", " ").replace("\x00", "")], delimiter=self.sep))
        except csv.Error:  # pragma: no cover - guillemets que le module csv refuse
            self._rejeter(numero, "", "ligne illisible (guillemets mal fermés ?) : elle est ignorée.")
            return
        if len(champs) < len(self.entetes) and len(champs) <= max(self.col.values()):
            self._rejeter(numero, "", f"{len(champs)} colonnes au lieu de {len(self.entetes)} : ligne écartée.")
            return
        if len(champs) > len(self.entetes) and any(x.strip() for x in champs[len(self.entetes):]):
            self._rejeter(numero, "", f"{len(champs)} colonnes au lieu de {len(self.entetes)} (séparateur "
                                      f"« {self.sep} » dans un montant ou un libellé sans guillemets ?) : ligne écartée.")
            return
        try:
            mouvements = self._facture(champs, numero)
        except _Refus as exc:
            self._rejeter(numero, exc.colonne, exc.message)
            return
        self.d.lignes += 1
        for m in mouvements:
            self.d.par_tiers.setdefault((m.cote, m.tiers), []).append(m)

    def _valeur(self, champs: list, champ: str) -> str:
        rang = self.col.get(champ)
        return champs[rang].strip() if rang is not None and rang < len(champs) else ""

    def _facture(self, champs: list, numero: int) -> list:
        client = self._valeur(champs, "client")
        if not client:
            raise _Refus(self._entete("client"), "le client est vide.")
        statut = normaliser(self._valeur(champs, "statut"))
        if statut in STATUTS_ECARTES:  # pas une facture émise, ou annulée sans avoir : ni dû, ni chiffre d'affaires
            self.d.compter("statuts_ecartes")
            return []
        date = self._date(champs, "date", "la date de facture", obligatoire=True)
        montant = self._montant(champs, "montant", obligatoire=True)
        if not montant:
            raise _Refus(self._entete("montant"), "le montant est nul.")
        ht = self._montant(champs, "montant_ht")
        if montant > 0 and normaliser(self._valeur(champs, "type")) in TYPES_AVOIRS:
            montant, ht = -montant, None if ht is None else -abs(ht)
            self.d.compter("avoirs_en_positif")
        piece = self._valeur(champs, "numero")
        cle = (client, piece, date, montant) if piece else None
        if cle in self._vues:
            return self._repetee(champs, self._vues[cle])
        if not piece:  # sans numéro, deux lignes identiques peuvent être deux factures : comptées, et dit
            empreinte = hash(tuple(x.strip() for x in champs))
            if empreinte in self._sans_numero:
                self.d.compter("identiques_sans_numero")
            self._sans_numero.add(empreinte)
        echeance = self._date(champs, "echeance", "l'échéance")
        litige = self._valeur(champs, "litige").lower() in _VRAI
        lettre = f"#{piece}|{date.isoformat()}|{montant}"
        facture = Mouvement(CLIENTS, client, date, date, montant, FACTURE if montant > 0 else AVOIR, lettre, piece,
                            ht, echeance, litige, ligne=numero)
        implicites: list = []
        reglements = self._reglements(champs, facture, implicites=implicites)
        reste = self._montant(champs, "reste")
        if reste is None and statut in STATUTS_PAYES:
            reste = ZERO
        sans_date = self._reste(champs, facture, reglements, reste)  # avant de retenir la facture : peut la refuser
        self._nom(client, champs)
        for jour in (date, *(m.date for m in reglements)):  # une ligne refusée ne fait pas la date d'analyse
            self._dates(jour)
        if cle:
            self._vues[cle] = FactureVue(facture, reglements, sans_date[0] if sans_date else None, reste,
                                         implicites[0] if implicites else None)
        return [facture] + reglements + sans_date

    def _repetee(self, champs: list, vue: FactureVue) -> list:
        """La même facture (client, numéro, date, montant) sur une autre ligne : un export « une
        ligne par règlement » ; elle est comptée une fois, avec les règlements de chaque ligne (voir
        `factures_repetees`). Une ligne qui n'apporte aucun règlement nouveau est un doublon :
        ignorée, et comptée."""
        connus = {(m.date, m.montant) for m in vue.reglements}
        implicites: list = []
        lus = self._reglements(champs, vue.facture, vue.reglements, implicites)
        nouveaux = [m for m in lus if (m.date, m.montant) not in connus]
        self.d.compter("factures_repetees" if nouveaux else "lignes_en_double")
        vue.reglements.extend(nouveaux)
        if vue.implicite is None and implicites and any(m is implicites[0] for m in nouveaux):
            vue.implicite = implicites[0]
        for m in nouveaux:
            self._dates(m.date)
        if nouveaux:
            sans_date = vue.sans_date
            for nul in vue.reequilibrer():  # par identité : deux règlements peuvent être égaux
                if any(m is nul for m in nouveaux):
                    nouveaux = [m for m in nouveaux if m is not nul]
                else:
                    compte = self.d.par_tiers[(nul.cote, nul.tiers)]
                    del compte[next(i for i, m in enumerate(compte) if m is nul)]
            if sans_date is not None and vue.sans_date is None:
                self.d.compter("reste_sans_date", -1)
        return nouveaux

    def _reste(self, champs: list, facture: Mouvement, reglements: list, reste: Decimal | None) -> list:
        """Colonne « Reste à payer » : ce que les règlements datés n'expliquent pas a été payé à une
        date que le fichier ne donne pas. Compté réglé à la date de la facture (sans pénalités),
        et signalé ; un reste plus grand que la facture est refusé."""
        if reste is None:
            return []
        paye, du = part_sans_date(facture, reglements, reste)
        if not paye:
            return []
        if (paye > 0) != (du > 0) or abs(paye) > abs(du):
            raise _Refus(self._entete("reste"), f"le reste à payer ({self._valeur(champs, 'reste')}) dépasse ce qui "
                                                f"reste dû sur la facture ({euros(abs(du))}).")
        self.d.compter("reste_sans_date")
        return [Mouvement(CLIENTS, facture.tiers, facture.date, facture.date, -paye,
                          REGLEMENT if paye > 0 else DEBIT_DIVERS, facture.lettre, facture.piece, ligne=facture.ligne)]

    def _reglements(self, champs: list, facture: Mouvement, deja: tuple | list = (), implicites: list | None = None
                    ) -> list:
        """Les règlements datés de la ligne ; `deja` : ceux des lignes précédentes de la même facture ;
        `implicites` reçoit celui d'une « payée le » sans montant (le reste dû)."""
        reste, sortie = facture.montant + sum((m.montant for m in deja), ZERO), []
        for rang in self.reglements:
            suffixe = "" if rang == 1 else f"_{rang}"
            date = self._date(champs, "paiement" + suffixe, "la date de paiement")
            montant = self._montant(champs, "montant_paye" + suffixe)
            if date is None:
                if montant:
                    raise _Refus(self._entete("montant_paye" + suffixe), "un montant payé sans date de paiement.")
                continue
            paye = reste if montant is None else (montant if facture.montant > 0 else -abs(montant))
            if not paye:  # « 0,00 », ou « payée le » d'une facture déjà soldée : rien de payé
                continue
            reste -= paye
            nature = REGLEMENT if paye > 0 else DEBIT_DIVERS  # règlement d'un avoir : remboursement
            sortie.append(Mouvement(CLIENTS, facture.tiers, date, date, -paye, nature, facture.lettre,
                                    facture.piece, ligne=facture.ligne))
            if montant is None and implicites is not None:
                implicites.append(sortie[-1])
        return sortie

    def _entete(self, champ: str) -> str:
        return self.entetes[self.col[champ]].strip() if champ in self.col else champ

    def _date(self, champs, champ: str, nom: str, obligatoire: bool = False):
        texte = self._valeur(champs, champ)
        if not texte:
            if obligatoire:
                raise _Refus(self._entete(champ), f"{nom} est vide.")
            return None
        try:
            return lire_date_tableur(texte, champ, nom)
        except SaisieInvalide as exc:
            raise _Refus(self._entete(champ), f"« {texte} » : {exc.erreurs[0].message}")

    def _montant(self, champs, champ: str, obligatoire: bool = False) -> Decimal | None:
        texte = self._valeur(champs, champ)
        if not texte:
            if obligatoire:
                raise _Refus(self._entete(champ), "le montant est vide.")
            return None
        try:
            valeur = lire_montant_tableur(texte)
        except MontantDemesure:
            raise _Refus(self._entete(champ), f"« {texte} » {DEMESURE}.")
        except MontantAmbigu:
            raise _Refus(self._entete(champ), f"« {texte} » : trois chiffres après le séparateur, séparateur de "
                                              f"milliers ou décimales en trop ? Écrivez le montant sans séparateur "
                                              f"de milliers, avec deux décimales au plus (exemple : 12500,00).")
        except ValueError:
            raise _Refus(self._entete(champ), f"« {texte} » n'est pas un montant (exemple : 1 234,56).")
        centimes = au_centime(valeur)  # « 1200.00000000 » (Dolibarr), « 600.0 » : des euros et centimes
        if centimes != valeur:
            self.d.compter("montants_arrondis")
        return centimes

    def _nom(self, client: str, champs: list) -> None:
        if (CLIENTS, client) not in self.d.noms:
            self.d.noms[(CLIENTS, client)] = self._valeur(champs, "nom") or client

    def _dates(self, jour) -> None:
        d = self.d
        if d.premiere_date is None or jour < d.premiere_date:
            d.premiere_date = jour
        if d.derniere_date is None or jour > d.derniere_date:
            d.derniere_date = jour

    def _rejeter(self, numero: int, colonne: str, message: str) -> None:
        lieu = f"Ligne {numero}" + (f", colonne « {colonne} »" if colonne else "")
        self.d.nb_rejets += 1
        if len(self.d.rejets) < REJETS_GARDES:
            self.d.rejets.append(Rejet(numero, colonne, f"{lieu} : {message}"))

    def terminer(self) -> None:
        """Fin du fichier : une cellule restée ouverte était un guillemet isolé (voir plus haut)."""
        if self._suite is not None:
            debut, morceaux = self._suite
            self._suite = None
            self._rejeter(debut, "", "guillemet ouvert jamais fermé : ligne écartée.")
            self.lire(morceaux[1:], debut + 1)


class _Refus(Exception):
    def __init__(self, colonne: str, message: str):
        super().__init__(message)
        self.colonne, self.message = colonne, message
