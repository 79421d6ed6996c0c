"""Pénalités de retard et indemnités forfaitaires dues sur chaque facture client en retard.

Le calcul est celui du calculateur de pénalités, appelé facture par facture (ses règles :
C. com. art. L441-10 II, taux BCE + 10 points par semestre ou taux du contrat ; D441-5,
40 € par facture en retard, payée ou non). Pour chaque facture :

- montant : la facture diminuée des avoirs qui lui sont imputés (un avoir corrige la facture) ;
- échéance : celle du fichier ou du délai retenu ;
- fin du retard : le jour du règlement qui la solde, ou la date d'analyse si elle reste due ;
- acomptes : les règlements partiels imputés avant, chacun à sa date.

Une facture datée d'avant le 1er janvier 2013 (loi n° 2012-387 : règles et
indemnité applicables aux créances dont le délai court après cette date) ou dont le retard
dépasse les tables de taux n'est pas chiffrée : la raison est rendue, facture par facture.

Une facture en litige (colonne du fichier, ou numéro saisi) garde son décompte, marqué, mais reste
hors des totaux de ce qui est exigible : le litige se règle avant de réclamer (le tableau D441-6
l'exclut de même, et ni relance ni mise en demeure ne la portent).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from ..penalites.regles import Acompte, calculer, comparaisons_plancher, prescription_acquise
from ..taux import DEBUT_REGLES_2013, TauxInconnu
from .balance_agee import en_litige
from .lettrage import Poste
from .modele import FACTURE, ZERO

INDEMNITE = Decimal("40.00")  # C. com. art. D441-5

# Raisons de ne pas chiffrer (codes stables ; phrases dans le rendu).
AVANT_2013 = "avant_2013"
TAUX_INCONNU = "taux_inconnu"


@dataclass(slots=True)
class PenaliteFacture:
    tiers: str
    poste: Poste
    echeance: dt.date
    fin: dt.date                 # jour du paiement qui solde, ou date d'analyse
    soldee: bool
    du: Decimal                  # montant de la facture, avoirs déduits
    jours: int
    penalites: Decimal | None    # None : non chiffrée (voir `raison`)
    indemnite: Decimal
    raison: str = ""
    jour_sans_taux: dt.date | None = None
    non_confirme: bool = False   # un taux du décompte n'est pas confirmé (sources secondaires seules)
    hypothese: bool = False      # dernier taux connu prolongé (à la demande)
    sous_plancher: bool = False  # taux du contrat (ou par défaut, 2024) sous 3 fois le taux légal (L441-10 II)
    litige: bool = False         # en litige : décomptée, hors des totaux exigibles
    echeance_suivante: bool = False  # une autre échéance de la même facture porte ses 40 €
    prescrite: bool = False      # plus de cinq ans (L110-4) depuis l'échéance (impayée) ou le paiement
    lectures: dict | None = None  # sous le plancher : pénalités relevées au plancher (et au taux par défaut)

    @property
    def total(self) -> Decimal:
        return (self.penalites or ZERO) + self.indemnite


def acomptes_avant(poste: Poste, fin: dt.date) -> tuple:
    """Règlements partiels imputés avant le jour où le retard s'arrête, regroupés par jour."""
    if len(poste.reglements) < 2:  # le cas courant : un seul règlement, celui qui solde (sans générateur)
        if not poste.reglements or poste.reglements[0][0] >= fin:
            return ()
        return (Acompte(*poste.reglements[0]),)
    par_jour: dict = {}
    for jour, montant in poste.reglements:
        if jour < fin:
            par_jour[jour] = par_jour.get(jour, ZERO) + montant
    return tuple(Acompte(jour, montant) for jour, montant in sorted(par_jour.items()))


def penalites_facture(poste: Poste, au: dt.date, taux_contractuel: Decimal | None = None,
                      prolonger: bool = False) -> PenaliteFacture | None:
    """Pénalités et indemnité d'une facture client (None si elle n'a pas été en retard).

    L'exemple du calculateur de pénalités : 10 000 € échus le 30/11/2023, payés le 31/01/2024.

    >>> from calculators.portefeuille.modele import Mouvement
    >>> f = Mouvement("clients", "C1", dt.date(2023, 10, 31), dt.date(2023, 10, 31), Decimal("10000.00"), "facture")
    >>> p = Poste(f, dt.date(2023, 11, 30), Decimal("0.00"), reglements=[(dt.date(2024, 1, 31), Decimal("10000.00"))])
    >>> r = penalites_facture(p, dt.date(2024, 12, 31))
    >>> r.jours, r.penalites, r.indemnite, r.soldee
    (62, Decimal('242.05'), Decimal('40.00'), True)
    """
    echeance = poste.echeance
    if echeance is None or poste.mouvement.nature != FACTURE:
        return None
    fin = poste.solde_le if not poste.reste else au
    if fin is None or fin <= echeance:  # payée à temps (le cas courant) : rien d'autre à lire
        return None
    du = poste.du
    if du <= 0:
        return None
    resultat = PenaliteFacture(poste.mouvement.tiers, poste, echeance, fin, not poste.reste, du,
                               (fin - echeance).days, None, INDEMNITE)
    # C. com. L110-4 : cinq ans entre commerçants, depuis l'échéance d'une facture impayée, depuis le
    # paiement pour les pénalités d'une facture payée en retard (exigibles au plus tard ce jour-là).
    resultat.prescrite = prescription_acquise(fin if not poste.reste else echeance, au)
    # Loi n° 2012-387, art. 121 V : les règles de 2013 (taux figé par semestre, 40 €) valent pour les
    # créances « dont le délai de paiement commence à courir après » le 1er janvier 2013. Le délai court
    # de la facture (C. com. art. L441-10 I), pas de l'échéance : une facture de décembre 2012 échue en
    # janvier 2013 suit les règles d'avant.
    if poste.mouvement.date_piece < DEBUT_REGLES_2013:
        resultat.raison, resultat.indemnite = AVANT_2013, ZERO
        return resultat
    try:
        decompte = calculer(du, echeance, fin, acomptes_avant(poste, fin), taux_contractuel, prolonger)
    except TauxInconnu as exc:
        resultat.raison, resultat.jour_sans_taux = TAUX_INCONNU, exc.jour
        return resultat
    resultat.penalites = decompte.penalites
    resultat.indemnite = decompte.indemnite
    for ligne in decompte.lignes:  # une ou deux lignes : une boucle, pas trois générateurs
        resultat.non_confirme |= not ligne.taux.confirme
        resultat.hypothese |= ligne.hypothese
    if decompte.planchers or decompte.defaut_sous_plancher:
        resultat.sous_plancher = True
        resultat.non_confirme |= bool(decompte.taux_non_confirmes)  # ceux des autres lectures compris
        # La loi interdit la clause sans dire ce qui la remplace (et n'y soumet pas le taux par défaut) :
        # les autres lectures, chiffrées comme le fait le calculateur de pénalités, pour l'avertissement.
        resultat.lectures = comparaisons_plancher({"montant": du, "echeance": echeance, "paiement": fin,
                                                   "acomptes": acomptes_avant(poste, fin), "prolonger": prolonger,
                                                   "taux_contractuel": taux_contractuel})
    return resultat


@dataclass
class PenalitesTiers:
    """Ce qu'un client doit de pénalités et d'indemnités, sur ses factures en retard hors litige."""
    tiers: str
    factures: int = 0
    penalites: Decimal = ZERO
    indemnites: Decimal = ZERO
    non_chiffrees: int = 0
    en_litige: int = 0           # factures en retard en litige, hors des trois totaux

    @property
    def total(self) -> Decimal:
        return self.penalites + self.indemnites


def penalites_du_compte(compte, au: dt.date, taux_contractuel: Decimal | None = None,
                        prolonger: bool = False, litiges: frozenset = frozenset()) -> tuple[list, PenalitesTiers | None]:
    """Les factures en retard d'un compte client (ordre des postes) et leur total hors litige (None :
    aucune hors litige) ; `litiges` : numéros marqués en litige dans les réglages (en plus de la colonne du fichier)."""
    factures, indemnisees = [], set()
    for poste in compte.postes:
        resultat = penalites_facture(poste, au, taux_contractuel, prolonger)
        if resultat is not None:
            if litiges or poste.mouvement.litige:  # sans appel dans le cas courant
                resultat.litige = en_litige(poste, litiges)
            factures.append(resultat)
            cle = poste.mouvement.cle_facture()
            if cle and resultat.indemnite:
                # 40 € par facture (D441-5), sur sa première échéance en retard, pas un par échéance.
                if cle in indemnisees:
                    resultat.indemnite, resultat.echeance_suivante = ZERO, True
                indemnisees.add(cle)
    if not factures:
        return factures, None
    cumul = PenalitesTiers(compte.tiers)
    for resultat in factures:
        if resultat.litige:
            cumul.en_litige += 1
            continue
        cumul.factures += 1
        cumul.penalites += resultat.penalites or ZERO
        cumul.indemnites += resultat.indemnite
        cumul.non_chiffrees += resultat.penalites is None
    return factures, (cumul if cumul.factures else None)
