"""Ce que les lecteurs (FEC, tableur) produisent et que les règles consomment.

Un `Mouvement` est une ligne du compte d'un tiers (client 411…, fournisseur 401…), montant
orienté « dû » : positif quand il augmente ce que le tiers nous doit (client) ou ce que nous
lui devons (fournisseur), négatif quand il le diminue (règlement, avoir). Les autres lignes
du FEC ne sont pas gardées : seuls leurs totaux (chiffre d'affaires, achats) le sont.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

CLIENTS = "clients"
FOURNISSEURS = "fournisseurs"

# Nature d'un mouvement, tirée de l'écriture qui le porte.
FACTURE = "facture"          # écriture avec un produit (classe 7) ou une charge / immobilisation (classe 6, 2)
AVOIR = "avoir"              # la même, en sens inverse
REGLEMENT = "reglement"      # tout autre crédit du compte client (banque, effets, compensation…)
DEBIT_DIVERS = "debit_divers"  # débit sans produit : impayé d'effet, remboursement, reprise…
A_NOUVEAU = "a_nouveau"      # solde d'ouverture sans détail de facture (LPF A47 A-1 : écritures d'à-nouveaux)
# Payé à une date que le tableau de factures ne donne pas (colonne du reste à payer, statut « payée ») :
# compté réglé à la date de la facture pour le solde, mais ni un règlement daté du tableau D441-6 II ni du
# retard moyen au paiement (un « 0 jour » inventé y entrait).
REGLEMENT_SANS_DATE = "reglement_sans_date"
PERTE = "perte"              # crédit d'un client contre une perte sur créance irrécouvrable (PCG 654, 6714)

ZERO = Decimal("0.00")


@dataclass(slots=True)
class Mouvement:
    """Une ligne du compte d'un tiers, lue dans le fichier."""

    cote: str                 # CLIENTS ou FOURNISSEURS
    tiers: str                # CompAuxNum, à défaut CompteNum ; dans un tableur, le client
    date: dt.date             # EcritureDate : date comptable (règlement : jour de l'encaissement)
    date_piece: dt.date       # PieceDate, à défaut EcritureDate : date de la facture
    montant: Decimal          # orienté « dû » (voir le module)
    nature: str
    lettre: str = ""          # EcritureLet (vide : non lettré)
    piece: str = ""           # PieceRef : numéro de facture
    ht: Decimal | None = None  # part hors taxes (factures et avoirs), si l'écriture permet de la connaître
    echeance: dt.date | None = None  # donnée par le fichier (tableur) ; sinon calculée du délai
    litige: bool = False      # marquée « en litige » dans le fichier
    detaille: bool = False    # à-nouveau qui porte le détail d'une facture (PieceRef, PieceDate antérieure)
    ligne: int = 0            # numéro de ligne dans le fichier (messages seulement, jamais un ordre)

    def cle_facture(self) -> tuple | None:
        """Une facture payable en plusieurs fois s'écrit une ligne par échéance, même pièce et même
        date (Sage, EBP, Cegid) : cette clé les réunit en une facture (40 € et D441-6 comptent des
        factures) ; None sans numéro de pièce."""
        return (self.piece, self.date_piece) if self.piece else None

    def cle_tri(self) -> tuple:
        """Ordre total sur le contenu (jamais la place dans le fichier) : le lettrage ne dépend pas
        de l'ordre des lignes ; deux mouvements de même clé sont interchangeables."""
        return (self.date_piece, self.date, self.piece, self.montant, self.nature, self.lettre,
                self.echeance or self.date, self.litige, self.detaille, self.ht if self.ht is not None else ZERO,
                self.tiers)


@dataclass(frozen=True)
class Rejet:
    """Une ligne écartée : où, et pourquoi (message en français, prêt à afficher)."""

    ligne: int
    colonne: str
    message: str

    def en_dict(self) -> dict:
        return {"ligne": self.ligne, "colonne": self.colonne, "message": self.message}


class FichierIllisible(Exception):
    """Le fichier entier est refusé (vide, binaire, en-tête inconnu…) : rien n'est analysé."""

    def __init__(self, message: str, ligne: int = 0, colonne: str = "", entetes: list[str] | None = None,
                 colonnes: dict | None = None):
        super().__init__(message)
        self.message = message
        self.ligne = ligne
        self.colonne = colonne
        self.entetes = entetes or []
        self.colonnes = colonnes  # tableau : {"reconnues": {champ: colonne}, "manquantes": [champ], "exemples"}


# Une valeur du fichier citée entre guillemets (« 99 000 caractères » d'un montant démesuré) : ses
# 60 premiers caractères, pas un message de 100 000 caractères répété dans le résultat et ses exports.
_CITATION_LONGUE = re.compile(r"« ([^«»]{60})[^«»]{2,}»")


def _abreger(m: re.Match) -> str:
    """La citation ramenée à ses 60 premiers caractères, suivis de « … »."""
    return f"« {m.group(1)}… »"


@dataclass
class Donnees:
    """Tout ce que la lecture retient d'un fichier, quel que soit son format."""

    format: str = ""                      # "fec-debit-credit", "fec-montant-sens" ou "tableur"
    encodage: str = ""
    separateur: str = ""
    par_tiers: dict = field(default_factory=dict)   # (cote, tiers) → [Mouvement]
    noms: dict = field(default_factory=dict)        # (cote, tiers) → libellé
    ventes_ht: dict = field(default_factory=dict)   # jour → comptes 70, crédit − débit (FEC)
    achats_ht: dict = field(default_factory=dict)   # jour → comptes 60 (sauf 603), 61, 62, débit − crédit (FEC)
    ventes_tva: dict = field(default_factory=dict)  # jour → TVA collectée afférente aux comptes 70 (FEC)
    achats_tva: dict = field(default_factory=dict)  # jour → TVA déductible afférente aux achats ci-dessus (FEC)
    douteux: dict = field(default_factory=dict)     # jour → comptes 416 hors comptes clients, débit − crédit (FEC)
    lignes: int = 0                       # lignes de données lues (en-tête exclu)
    ecritures: int = 0
    rejets: list = field(default_factory=list)      # les premiers Rejet (au plus REJETS_GARDES)
    nb_rejets: int = 0
    remarques: list = field(default_factory=list)   # lignes gardées malgré une anomalie (écriture
                                                    # déséquilibrée, date de pièce illisible…)
    premiere_date: dt.date | None = None
    derniere_date: dt.date | None = None
    date_ouverture: dt.date | None = None  # date des à-nouveaux
    compteurs: dict = field(default_factory=dict)   # hypothèses de lecture → nombre de cas
    illisibles: int = 0                   # caractères remplacés (encodage mêlé)
    colonnes_absentes: tuple = ()         # champs de l'arrêté absents de l'en-tête du FEC
    colonnes_non_lues: tuple | None = None  # tableau sans colonne de règlement : ses colonnes laissées de côté
    colonnes_lues: tuple = ()             # tableau de factures : (champ, nom de la colonne lue pour lui)
    colonnes_ignorees: tuple = ()         # tableau de factures : les colonnes nommées qu'aucun champ ne lit
    correspondance_sans_effet: tuple = ()  # FEC : (champ, colonne) choisis, qu'un FEC ne lit pas
    prefixes_sans_effet: tuple = ()       # tableau : (côté, préfixes) choisis, qu'un tableau sans comptes ne lit pas

    def compter(self, cle: str, n: int = 1) -> None:
        self.compteurs[cle] = self.compteurs.get(cle, 0) + n

    def rejeter(self, numero: int, colonne: str, message: str, garde: bool = False) -> None:
        """Une ligne écartée, ou gardée avec une remarque (`garde`) : « Ligne N, colonne « C » :
        message » ; au-delà de REJETS_GARDES, seulement comptée. Pour tous les lecteurs."""
        lieu = f"Ligne {numero}" + (f", colonne « {colonne} »" if colonne else "")
        rejet = Rejet(numero, colonne, f"{lieu} : {_CITATION_LONGUE.sub(_abreger, message)}")
        if garde:
            self.compter("remarques")
            if len(self.remarques) < REJETS_GARDES:
                self.remarques.append(rejet)
            return
        self.nb_rejets += 1
        if len(self.rejets) < REJETS_GARDES:
            self.rejets.append(rejet)

    def mouvements(self, cote: str | None = None):
        for (c, _), liste in self.par_tiers.items():
            if cote is None or c == cote:
                yield from liste


REJETS_GARDES = 200  # au-delà, les lignes rejetées sont seulement comptées
