"""Ce que dit une écriture comptable des lignes de tiers qu'elle porte (nature, part HT).

Règles de lecture (le plan comptable général, règlement ANC n° 2014-03, range les comptes par
classe : 2 immobilisations, 4 tiers, 6 charges, 7 produits, 8 comptes spéciaux dont 890 bilan
d'ouverture) :

- une écriture du journal d'à-nouveaux, ou soldée par le compte 890, est une écriture
  d'ouverture ; sa ligne de tiers qui porte la référence et la date (antérieure) d'une pièce
  reprend cette facture ou ce règlement ; sinon c'est un solde d'ouverture sans détail ;
- sinon, une ligne de client est une facture si l'écriture porte un produit (classe 7) dans
  le même sens, un avoir si le produit est en sens inverse, un règlement ou un débit divers
  sinon ; pour un fournisseur, les charges (classe 6) et immobilisations (classe 2) tiennent
  ce rôle ; une écriture qui mêle les factures et avoirs de plusieurs tiers est lue ligne à
  ligne (`natures_des_tiers`) ;
- part HT d'une facture : (TTC − TVA) / TTC de l'écriture, la TVA lue sur 4457 (collectée,
  clients) ou 4456 (déductible, fournisseurs).
"""

from __future__ import annotations

import re
import unicodedata
import datetime as dt
from decimal import Decimal

from .modele import A_NOUVEAU, AVOIR, CLIENTS, DEBIT_DIVERS, FACTURE, FOURNISSEURS, PERTE, REGLEMENT, ZERO

CENTIME = Decimal("0.01")

class Ecriture:
    """Ce qu'on accumule d'une écriture le temps de la lire (`lecture_fec`) ; ses lignes se suivent, ou ses
    morceaux sont rassemblés (`absorber`)."""

    __slots__ = ("journal", "libelle_journal", "numero", "ligne", "date", "solde", "produits", "charges", "tva_collectee",
                 "tva_deductible", "ventes", "achats", "ouverture", "tiers", "retours_produits", "retours_charges",
                 "douteux", "pertes")

    def __init__(self, journal: str, numero: str, ligne: int, date: dt.date, libelle_journal: str):
        self.journal, self.numero, self.ligne, self.date = journal, numero, ligne, date
        self.libelle_journal = libelle_journal
        self.solde = self.produits = self.charges = ZERO
        self.tva_collectee = self.tva_deductible = self.ventes = self.achats = self.douteux = self.pertes = ZERO
        # Produits au débit, charges au crédit (avoirs, rabais) : ce qu'une écriture nette de sens
        # contraire cache quand elle mêle les factures et avoirs de plusieurs tiers (voir `ecritures.natures_des_tiers`).
        self.retours_produits = self.retours_charges = ZERO
        self.ouverture = False
        self.tiers = []  # (champs, compte, date, montant, numéro, texte) des lignes de tiers

    def absorber(self, suite: "Ecriture") -> None:
        """Ajoute un autre morceau de la même écriture (FEC trié par compte : ses lignes dispersées)."""
        for nom in _CUMULS:
            setattr(self, nom, getattr(self, nom) + getattr(suite, nom))
        self.ouverture = self.ouverture or suite.ouverture
        self.tiers += suite.tiers

    def alleger(self, utiles: frozenset) -> None:
        """Un morceau qui attend la suite de son écriture (tout un FEC trié par compte peut attendre
        sa fin) : de ses lignes de tiers, seuls restent les champs `utiles` ; le texte brut, qui ne
        sert qu'aux doublons (déjà vus), est lâché. Mesuré, un million de lignes triées par compte :
        0,89 Go de mémoire au plus au lieu de 1,07 (0,24 dans l'ordre des écritures)."""
        self.tiers = [ligne if ligne[5] == "" else
                      ([c if i in utiles else "" for i, c in enumerate(ligne[0])], *ligne[1:5], "")
                      for ligne in self.tiers]

_CUMULS = ("solde", "produits", "charges", "tva_collectee", "tva_deductible", "ventes", "achats", "retours_produits",
           "retours_charges", "douteux", "pertes")


JOURNAUX_A_NOUVEAUX = frozenset({"AN", "RAN", "ANO", "AN0", "OUV", "ANX"})
_LIBELLE_A_NOUVEAUX = re.compile(r"\ba[\s'-]*nouveaux?\b|\bouverture\b")


def est_journal_a_nouveaux(code: str, libelle: str = "") -> bool:
    """Journal d'ouverture : un code usuel des logiciels, ou un libellé qui le dit (« A nouveaux »,
    « Reports à nouveau », « Journal d'ouverture ») quand le code est propre au logiciel (« ANC »).

    >>> est_journal_a_nouveaux(" an "), est_journal_a_nouveaux("VE"), est_journal_a_nouveaux("ANC", "À-nouveaux")
    (True, False, True)
    >>> est_journal_a_nouveaux("VE", "Ventes nouveaux clients")
    False
    """
    return code.strip().upper() in JOURNAUX_A_NOUVEAUX or bool(_LIBELLE_A_NOUVEAUX.search(_sans_accents(libelle)))


def _sans_accents(texte: str) -> str:
    return unicodedata.normalize("NFKD", texte).encode("ascii", "ignore").decode().lower()


def nature(montant: Decimal, flux: Decimal, ouverture: bool, detaille: bool, pertes: Decimal = ZERO) -> str:
    """Nature d'une ligne de tiers (montant orienté « dû ») ; `flux` : produits nets de
    l'écriture pour un client, charges nettes pour un fournisseur ; `pertes` : pertes sur créances
    irrécouvrables de l'écriture (PCG 654, 6714), qui font d'un crédit du client une perte, pas un
    règlement.

    >>> D = Decimal
    >>> nature(D(1200), D(1000), False, False), nature(D(-120), D(-100), False, False)
    ('facture', 'avoir')
    >>> nature(D(-1200), D(0), False, False), nature(D(900), D(0), True, True), nature(D(900), D(0), True, False)
    ('reglement', 'facture', 'a_nouveau')
    >>> nature(D(-800), D(0), False, False, D("666.67"))
    'perte'
    """
    if ouverture:
        if not detaille:
            return A_NOUVEAU
        return FACTURE if montant > 0 else REGLEMENT
    if montant > 0:
        return FACTURE if flux > 0 else DEBIT_DIVERS
    return AVOIR if flux < 0 else PERTE if pertes > 0 else REGLEMENT


def ratio_ht(ttc: Decimal, tva: Decimal) -> Decimal | None:
    """HT / TTC d'une écriture de facture ou d'avoir ; None si le rapport sort de [0, 1].

    >>> ratio_ht(Decimal("1200.00"), Decimal("200.00"))
    Decimal('0.8333333333333333333333333333')
    >>> ratio_ht(Decimal("-120.00"), Decimal("-20.00")) == ratio_ht(Decimal("1200.00"), Decimal("200.00"))
    True
    """
    if not ttc:
        return None
    ratio = (ttc - tva) / ttc
    return ratio if ZERO <= ratio <= 1 else None


def tva_afferente(part: Decimal, flux: Decimal, tva: Decimal) -> Decimal:
    """TVA d'une écriture qui revient à `part` de ses produits (charges) nets `flux` : au prorata,
    au centime. Sert au chiffre d'affaires (comptes 70) et aux achats (60 sauf 603, 61, 62) TTC
    du tableau D441-6 : les mêmes comptes que leur montant HT, leur TVA en plus (D441-6 III).

    >>> tva_afferente(Decimal("1000.00"), Decimal("1000.00"), Decimal("200.00"))
    Decimal('200.00')
    >>> tva_afferente(Decimal("1000.00"), Decimal("11000.00"), Decimal("2200.00"))  # avec une immobilisation
    Decimal('200.00')
    >>> tva_afferente(Decimal("500.00"), Decimal("0.00"), Decimal("100.00"))
    Decimal('0.00')
    """
    if part == flux:  # le cas courant : tous les produits (charges) de l'écriture sont sur ces comptes
        return tva
    if not flux:
        return ZERO
    return (tva * part / flux).quantize(CENTIME)


def part_ht_seule(ttc: Decimal, tva: Decimal) -> Decimal | None:
    """HT d'une écriture à une seule ligne de tiers : TTC − TVA (None si incohérent).

    >>> part_ht_seule(Decimal("1200.00"), Decimal("200.00")), part_ht_seule(Decimal("-120.00"), Decimal("-20.00"))
    (Decimal('1000.00'), Decimal('-100.00'))
    >>> part_ht_seule(Decimal("100.00"), Decimal("150.00")) is None
    True
    """
    ht = ttc - tva
    if ttc > 0:
        return ht if ZERO <= ht <= ttc else None
    return ht if ttc <= ht <= ZERO else None


def tiers_de(champs: list, compte: str, i_aux: int) -> str:
    """Le tiers d'une ligne : son compte auxiliaire (CompAuxNum), à défaut (vide ou « - ») son compte.

    >>> tiers_de(["411000", "C001"], "411000", 1), tiers_de(["411DUPONT", "-"], "411DUPONT", 1)
    ('C001', '411DUPONT')
    """
    aux = champs[i_aux].strip() if i_aux < len(champs) else ""
    return compte if aux == "" or aux == "-" else aux


def natures_des_tiers(e, clients: tuple, i_aux: int) -> tuple[list, dict]:
    """Natures des lignes de tiers d'une écriture qui en porte plusieurs, et, par côté, si elle
    mêle factures et avoirs.

    Une écriture peut porter les factures et avoirs de plusieurs clients (numérotée par jour
    ou par lot par certains logiciels) : ses produits nets ont alors le sens des factures, et
    l'avoir d'un autre client, au crédit, était lu comme un règlement. Une ligne au crédit
    d'un client est un avoir si l'écriture porte des produits au débit et que ce client n'y a
    pas de facture (un acompte imputé dans l'écriture de sa facture reste un règlement) ; de
    même, en sens inverse, pour une facture dans une écriture surtout d'avoirs, et pour les
    fournisseurs avec les charges."""
    lignes = []
    for champs, compte, _, montant, *_ in e.tiers:
        client = compte.startswith(clients)
        lignes.append((client, tiers_de(champs, compte, i_aux), montant if client else -montant))
    sens = {(client, tiers, oriente > 0) for client, tiers, oriente in lignes}
    sortes, mixtes = [], {CLIENTS: set(), FOURNISSEURS: set()}
    for client, tiers, oriente in lignes:
        flux, retours = (e.produits, e.retours_produits) if client else (e.charges, e.retours_charges)
        sorte = nature(oriente, flux, False, False, e.pertes if client else ZERO)
        if sorte == REGLEMENT and retours > 0 and (client, tiers, True) not in sens:
            sorte = AVOIR
        elif sorte == DEBIT_DIVERS and flux + retours > 0 and (client, tiers, False) not in sens:
            sorte = FACTURE
        sortes.append(sorte)
        mixtes[CLIENTS if client else FOURNISSEURS].add(sorte)
    return sortes, {cote: FACTURE in vues and AVOIR in vues for cote, vues in mixtes.items()}


def ttc_du_cote(e, cote: str, factures: bool, clients: tuple) -> Decimal:
    """TTC des lignes de tiers du côté `cote` et du sens des factures (ou des avoirs) de l'écriture."""
    total = ZERO
    for _, compte, _, montant, *_ in e.tiers:
        if compte.startswith(clients) == (cote == CLIENTS):
            oriente = montant if cote == CLIENTS else -montant
            if (oriente > 0) == factures:
                total += oriente
    return total


def reunir_echeances(tiers: list, rangs: tuple, clients: tuple) -> tuple[list, int]:
    """Une facture en plusieurs échéances : Sage, Cegid écrivent une ligne du compte client par
    échéance, même pièce. Comptées à part, elles faisaient plusieurs factures : autant d'indemnités
    de 40 € (D441-5 : une par facture) et de lignes du tableau D441-6. Les lignes de tiers d'une
    écriture du même compte, du même sens et de mêmes valeurs aux `rangs` (CompAuxNum, PieceRef non
    vide, PieceDate, EcritureLet, échéance s'il y en a une) sont réunies, montants additionnés ; des
    échéances lettrées chacune à part restent à part (leurs règlements diffèrent). Seules les lignes du
    sens des factures (débit d'un client, crédit d'un fournisseur, `clients` : préfixes des comptes
    clients) : deux règlements d'une même pièce restent deux règlements. Rend les lignes et le nombre
    de lignes réunies à une autre.

    >>> l = [(["C1", "F1", "", ""], "411", None, Decimal(1500), n, "") for n in (2, 3)]
    >>> reunies, n = reunir_echeances(l, (0, 1, 2, 3), ("411",)); [x[3] for x in reunies], n
    ([Decimal('3000')], 1)
    >>> reunir_echeances([(["C1", "", "", ""], *x[1:]) for x in l], (0, 1, 2, 3), ("411",))[1]  # sans pièce : à part
    0
    >>> reunir_echeances([(x[0], x[1], x[2], -x[3], *x[4:]) for x in l], (0, 1, 2, 3), ("411",))[1]  # règlements
    0
    """
    sortie, vues, reunies = [], {}, 0
    for ligne in tiers:
        champs, compte, _, montant, *_ = ligne
        valeurs = tuple(champs[i].strip() if i < len(champs) else "" for i in rangs)
        if valeurs[1] in ("", "-") or compte.startswith(clients) != (montant > 0):
            sortie.append(ligne)
            continue
        cle = (compte, montant > 0, valeurs)
        rang = vues.get(cle)
        if rang is None:
            vues[cle] = len(sortie)
            sortie.append(ligne)
        else:
            premiere = sortie[rang]
            sortie[rang] = (premiere[0], compte, premiere[2], premiere[3] + montant, *premiere[4:])
            reunies += 1
    return sortie, reunies
