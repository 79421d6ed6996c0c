"""Balance âgée : ce que chaque tiers doit à la date d'analyse, rangé par retard.

Retard d'un poste = date d'analyse − échéance, en jours. Tranches (celles de la page
« Balance âgée » et des logiciels comptables) : non échu (0 jour ou moins), 1 à 30, 31 à 60,
61 à 90, plus de 90 jours. À part : le solde d'ouverture sans détail de facture (pas
d'échéance connue) et le crédit non affecté (règlements sans facture, trop-payés). Le total
d'un tiers est ainsi le solde de son compte à la date : rien n'est inventé ni omis. Aucun
texte n'impose ces tranches pour la balance âgée ; ce sont celles du tableau de l'art. D441-6.

Retard moyen pondéré des factures échues = Σ (reste dû × jours de retard) ÷ Σ restes dus échus :
l'âge moyen du retard en cours, une facture de 10 000 € comptant cent fois plus qu'une de 100 €
(page « Taux de retard et retard moyen »). Aucun texte ne le définit ; la formule est dite avec
le résultat.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from .dso import moyenne_ponderee
from .lettrage import Compte
from .modele import ZERO

TRANCHES = ("non_echu", "1_30", "31_60", "61_90", "91_plus")
ECHUES = TRANCHES[1:]


def tranche(jours_de_retard: int) -> str:
    """Tranche d'un retard en jours.

    >>> [tranche(j) for j in (-5, 0, 1, 30, 31, 60, 61, 90, 91)]
    ['non_echu', 'non_echu', '1_30', '1_30', '31_60', '31_60', '61_90', '61_90', '91_plus']
    """
    if jours_de_retard <= 0:
        return "non_echu"
    if jours_de_retard <= 30:
        return "1_30"
    if jours_de_retard <= 60:
        return "31_60"
    if jours_de_retard <= 90:
        return "61_90"
    return "91_plus"


def retard(echeance: dt.date, au: dt.date) -> int:
    """Jours de retard à la date `au` (négatif : pas encore échu).

    >>> retard(dt.date(2025, 3, 31), dt.date(2025, 4, 30))
    30
    """
    return (au - echeance).days


@dataclass
class Cumul:
    nombre: int = 0
    montant: Decimal = ZERO

    def ajouter(self, montant: Decimal, nombre: int = 1) -> None:
        self.nombre += nombre
        self.montant += montant


def _tranches() -> dict:
    return {cle: Cumul() for cle in TRANCHES}


@dataclass
class LigneBalance:
    """La balance âgée d'un tiers (ou le total de tous)."""

    cote: str
    tiers: str
    nom: str
    tranches: dict = field(default_factory=_tranches)
    a_nouveau: Decimal = ZERO       # solde d'ouverture sans détail, encore dû
    non_affecte: Decimal = ZERO     # crédit sans poste (≤ 0)
    plus_ancien_retard: int = 0     # jours, du poste ouvert le plus en retard
    litiges: Decimal = ZERO         # part des tranches en litige (information)
    jours_montant: Decimal = ZERO   # Σ (reste dû × jours de retard) des postes échus
    dso: tuple | None = None        # client : `dso.dso_du_client` (épuisement, épuisé, simple)

    @property
    def retard_moyen(self) -> Decimal | None:
        """Retard moyen pondéré des postes échus, en jours au dixième (None : rien d'échu)."""
        return moyenne_ponderee(self.jours_montant, self.echu)

    @property
    def echu(self) -> Decimal:
        return sum((self.tranches[c].montant for c in ECHUES), ZERO)

    @property
    def total(self) -> Decimal:
        return self.du + self.non_affecte

    @property
    def du(self) -> Decimal:
        """Les postes encore dus, avant le crédit non affecté : la base des parts de l'encours (un
        client créditeur ne réduit pas ce que les autres doivent, et l'échu n'en dépasse jamais 100 %)."""
        return sum((c.montant for c in self.tranches.values()), ZERO) + self.a_nouveau


def en_litige(poste, litiges: frozenset) -> bool:
    """Facture en litige : par la colonne du fichier, ou par son numéro saisi dans les réglages
    (`litiges` : `Reglages.cles_litiges`, sans la casse)."""
    return poste.mouvement.litige or (bool(litiges) and poste.mouvement.piece.casefold() in litiges)


def ligne_balance(compte: Compte, au: dt.date, nom: str, litiges: frozenset = frozenset()) -> LigneBalance:
    """Range les postes ouverts d'un compte lettré à la date `au` ; `litiges` : numéros de
    factures marquées en litige dans les réglages (en plus de la colonne du fichier).

    >>> from calculators.portefeuille.lettrage import lettrer
    >>> from calculators.portefeuille.modele import Mouvement
    >>> j = dt.date
    >>> m = [Mouvement("clients", "C1", j(2025, 1, 1), j(2025, 1, 1), Decimal("500.00"), "facture"),
    ...      Mouvement("clients", "C1", j(2025, 3, 1), j(2025, 3, 1), Decimal("300.00"), "facture")]
    >>> c = lettrer(m, j(2025, 3, 31), lambda m: m.date_piece + dt.timedelta(days=30))
    >>> b = ligne_balance(c, j(2025, 3, 31), "Dupont")
    >>> b.tranches["non_echu"].montant, b.tranches["31_60"].montant, b.total, b.plus_ancien_retard
    (Decimal('300.00'), Decimal('500.00'), Decimal('800.00'), 59)
    >>> b.retard_moyen  # 500 × 59 ÷ 500
    Decimal('59.0')
    """
    ligne = LigneBalance(compte.cote, compte.tiers, nom, non_affecte=compte.non_affecte)
    for poste in compte.postes:
        if not poste.reste:
            continue
        if poste.echeance is None:
            ligne.a_nouveau += poste.reste
            continue
        jours = retard(poste.echeance, au)
        ligne.tranches[tranche(jours)].ajouter(poste.reste)
        ligne.plus_ancien_retard = max(ligne.plus_ancien_retard, jours)
        if jours > 0:
            ligne.jours_montant += poste.reste * jours
        if (litiges or poste.mouvement.litige) and en_litige(poste, litiges):  # sans appel dans le cas courant
            ligne.litiges += poste.reste
    return ligne


def totaliser(lignes: list, cote: str) -> LigneBalance:
    """Total de toutes les lignes (nombre de postes et montants, tranche par tranche)."""
    total = LigneBalance(cote, "", "Total")
    for ligne in lignes:
        for cle in TRANCHES:
            total.tranches[cle].ajouter(ligne.tranches[cle].montant, ligne.tranches[cle].nombre)
        total.a_nouveau += ligne.a_nouveau
        total.non_affecte += ligne.non_affecte
        total.litiges += ligne.litiges
        total.jours_montant += ligne.jours_montant
        total.plus_ancien_retard = max(total.plus_ancien_retard, ligne.plus_ancien_retard)
    return total


def par_encours(lignes: list) -> list:
    """Les lignes de la balance, les plus gros encours d'abord (à égalité, par compte) : l'ordre de
    l'écran et de l'export CSV, celui d'un gestionnaire qui cherche où est l'argent."""
    return sorted(lignes, key=lambda x: (-x.total, x.tiers))

