"""Tableaux des délais de paiement du rapport de gestion (C. com. art. L441-14 et D441-6).

D441-6 (version du 27/02/2021), pour les factures émises (clients) et reçues (fournisseurs) :

- I : nombre et montant total des factures non réglées à la date de clôture dont le terme est
  échu, ventilés par tranche de retard (1 à 30, 31 à 60, 61 à 90, 91 jours et plus ; le
  modèle de l'annexe 4-1 ajoute « 0 jour » à titre indicatif), et leur pourcentage du
  chiffre d'affaires (clients) ou des achats (fournisseurs) de l'exercice ;
- II (au choix, à la place du I) : nombre et montant des factures réglées en retard pendant
  l'exercice, par tranche, rapportés au nombre et au montant des factures de l'exercice ;
- III : montants HT ou TTC, à indiquer ; IV : retards comptés des délais contractuels, à
  défaut légaux ; factures litigieuses exclues, à indiquer avec leur nombre et leur montant.

Montant d'une facture non réglée : ce qui en reste dû à la clôture (avoirs et acomptes
déduits) ; en HT, ce reste × HT / TTC de la facture. Seules les factures comptent : ni le solde
d'ouverture sans détail, ni les débits divers, ni les crédits non affectés.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from ..commun.argent import au_centime
from .balance_agee import Cumul, en_litige, retard, tranche
from .modele import FACTURE, ZERO

BANDES = ("0", "1_30", "31_60", "61_90", "91_plus")  # « 0 jour » : indicatif (annexe 4-1)
CENTIEME = Decimal("0.01")


def bande(jours_de_retard: int) -> str:
    """Tranche D441-6 : « 0 » pour une facture non échue (ou payée à temps), sinon celle du retard.

    >>> bande(0), bande(31), bande(120)
    ('0', '31_60', '91_plus')
    """
    t = tranche(jours_de_retard)
    return "0" if t == "non_echu" else t


def pourcentage(partie: Decimal, base: Decimal) -> Decimal | None:
    """Partie ÷ base × 100, au centième ; None si la base est nulle ou négative (des avoirs sans
    factures dans l'exercice : une part d'un chiffre d'affaires négatif ne veut rien dire, et
    s'écrivait « -0,00 % »).

    >>> pourcentage(Decimal("12500"), Decimal("1000000"))
    Decimal('1.25')
    >>> pourcentage(Decimal("0"), Decimal("-100")) is None
    True
    """
    if base <= 0:
        return None
    return (partie * 100 / base).quantize(CENTIEME, rounding=ROUND_HALF_UP)


def part_ht(poste_montant: Decimal, ht: Decimal | None, reste: Decimal) -> Decimal | None:
    """Part HT d'un reste dû : reste × HT / TTC de la facture, au centime (None si HT inconnu).

    >>> part_ht(Decimal("1200.00"), Decimal("1000.00"), Decimal("600.00"))
    Decimal('500.00')
    """
    if ht is None:
        return None
    return au_centime(reste * ht / poste_montant)


def _bandes() -> dict:
    return {cle: Cumul() for cle in BANDES}


@dataclass
class TableauD441:
    """Un tableau (I ou II) pour un côté (clients ou fournisseurs)."""

    cote: str
    variante: str                     # "I" ou "II"
    ht: bool
    bandes: dict = field(default_factory=_bandes)
    base: Decimal = ZERO              # I : CA ou achats de l'exercice ; II : montant des factures de l'exercice
    base_nombre: int = 0              # II : nombre de factures de l'exercice
    exclues: Cumul = field(default_factory=Cumul)  # litigieuses (IV)
    ht_inconnu: int = 0               # factures dont le HT est inconnu : comptées TTC

    @property
    def total(self) -> Cumul:
        """Total « 1 jour et plus » (sans la colonne indicative « 0 jour »)."""
        t = Cumul()
        for cle in BANDES[1:]:
            t.ajouter(self.bandes[cle].montant, self.bandes[cle].nombre)
        return t

    def pourcentage_montant(self, cle: str | None = None) -> Decimal | None:
        montant = self.total.montant if cle is None else self.bandes[cle].montant
        return pourcentage(montant, self.base)

    def pourcentage_nombre(self, cle: str | None = None) -> Decimal | None:
        nombre = self.total.nombre if cle is None else self.bandes[cle].nombre
        return pourcentage(Decimal(nombre), Decimal(self.base_nombre))


def _montant(tableau: TableauD441, poste, reste: Decimal, compter: bool = True) -> Decimal:
    """`reste` en HT si le tableau est en HT ; sans HT lisible, TTC, et compté (`compter`) pour
    l'avertissement qui le dit."""
    if not tableau.ht:
        return reste
    valeur = part_ht(poste.montant, poste.mouvement.ht, reste)
    if valeur is None:
        tableau.ht_inconnu += compter
        return reste
    return valeur


def ajouter_i(tableau: TableauD441, compte, au: dt.date, litiges: frozenset) -> None:
    """D441-6 I : les factures d'un compte non réglées à la clôture `au`, par retard à cette date. Une
    facture en plusieurs échéances compte une fois (`_premiere_fois`), dans la tranche de la première
    lue ; chaque échéance, son reste dans la sienne."""
    vues: set = set()
    for poste in compte.postes:
        if not poste.reste or not poste.est_facture:
            continue
        montant = _montant(tableau, poste, poste.reste)
        tranche = bande(retard(poste.echeance, au))
        # (B) : les factures litigieuses que le (A) aurait comptées en retard ; pas encore échue, une
        # facture en litige n'en est pas « exclue » : elle reste dans la colonne indicative des non échues.
        if tranche != "0" and en_litige(poste, litiges):
            tableau.exclues.ajouter(montant, _premiere_fois(poste, vues))
            continue
        tableau.bandes[tranche].ajouter(montant, _premiere_fois(poste, vues))


def _premiere_fois(poste, vues: set) -> int:
    """1 la première fois qu'une facture est vue, 0 pour ses autres échéances (`cle_facture`) : le
    tableau compte des factures (D441-6, annexe 4-1)."""
    cle = poste.mouvement.cle_facture()
    if cle is None:
        return 1
    if cle in vues:
        return 0
    vues.add(cle)
    return 1


def ajouter_ii(tableau: TableauD441, compte, debut: dt.date, au: dt.date, litiges: frozenset) -> None:
    """D441-6 II : les factures d'un compte réglées pendant l'exercice [debut, au], par retard au
    jour du règlement ; la base est le nombre et le montant des factures émises (reçues) dans
    l'exercice."""
    emises, reglees = set(), set()
    for poste in compte.postes:  # toutes les factures du grand livre : la boucle lit le moins possible
        m = poste.mouvement
        if m.nature != FACTURE:
            continue
        litigieuse = (litiges or m.litige) and en_litige(poste, litiges)  # sans appel dans le cas courant
        de_l_exercice = debut <= m.date_piece <= au and not litigieuse
        solde_le = poste.solde_le
        # Une perte n'est pas payée ; payée à une date que le fichier ne donne pas, son retard n'est pas connu.
        reglee = solde_le is not None and debut <= solde_le <= au and not poste.perte and not poste.sans_date
        if not de_l_exercice and not reglee:
            continue
        # Une facture encore ouverte a déjà été comptée sans HT par le I : une fois suffit.
        montant = _montant(tableau, poste, poste.montant, compter=not poste.reste)
        if de_l_exercice:
            tableau.base += montant
            tableau.base_nombre += _premiere_fois(poste, emises)
        if not reglee:
            continue
        tranche = bande(retard(poste.echeance, solde_le))
        if litigieuse and tranche != "0":  # payée à temps, elle n'est pas exclue des retards (voir `ajouter_i`)
            tableau.exclues.ajouter(montant, _premiere_fois(poste, reglees))
        else:
            tableau.bandes[tranche].ajouter(montant, _premiere_fois(poste, reglees))


def tableau_i(comptes: list, au: dt.date, base: Decimal, ht: bool, litiges: frozenset) -> TableauD441:
    """D441-6 I de plusieurs comptes, rapporté à `base` (chiffre d'affaires ou achats de l'exercice).

    >>> from calculators.portefeuille.lettrage import lettrer
    >>> from calculators.portefeuille.modele import Mouvement
    >>> j = dt.date
    >>> m = [Mouvement("clients", "C1", j(2025, 1, 10), j(2025, 1, 10), Decimal("1200.00"), "facture", "", "F1",
    ...                Decimal("1000.00"))]
    >>> c = lettrer(m, j(2025, 3, 31), lambda m: m.date_piece + dt.timedelta(days=30))
    >>> t = tableau_i([c], j(2025, 3, 31), Decimal("100000"), True, frozenset())
    >>> t.bandes["31_60"].montant, t.pourcentage_montant()
    (Decimal('1000.00'), Decimal('1.00'))
    """
    tableau = TableauD441(comptes[0].cote if comptes else "", "I", ht, base=base)
    for compte in comptes:
        ajouter_i(tableau, compte, au, litiges)
    return tableau


def tableau_ii(comptes: list, debut: dt.date, au: dt.date, ht: bool, litiges: frozenset) -> TableauD441:
    """D441-6 II de plusieurs comptes (voir `ajouter_ii`)."""
    tableau = TableauD441(comptes[0].cote if comptes else "", "II", ht)
    for compte in comptes:
        ajouter_ii(tableau, compte, debut, au, litiges)
    return tableau
