"""Intérêts moratoires dus par un acheteur public : règles pures (dates, Decimal), sans mise en forme.

Textes appliqués (Code de la commande publique) :

- Délai de paiement : 30 jours pour l'État, les collectivités territoriales et leurs
  établissements publics (R2192-10) ; 50 jours pour les établissements publics de santé
  (R2192-11 1°) ; 60 jours pour les entreprises publiques (R2192-11 2°). Un marché peut prévoir
  un délai plus court, jamais plus long (L2192-10) : l'échéance du marché peut alors être donnée
  directement.
- Point de départ : la réception de la demande de paiement (R2192-12) ; l'exécution des
  prestations si elle est postérieure (R2192-13) ; à défaut de date de réception certaine, la
  date de la demande augmentée de deux jours, date qui ne peut être fixée par le contrat
  (R2192-14). Les dates sont calculées par le calculateur de délais (`public`, `depart_public`).
  Le délai plus court d'un marché court du même point de départ : une échéance du marché qui le
  précède ne peut pas faire courir les intérêts plus tôt, elle est écartée (`echeance_applicable`).
- L2192-13 : dès le lendemain de l'expiration du délai, intérêts moratoires de plein droit et
  indemnité forfaitaire ; R2192-31 : taux = taux BCE en vigueur au premier jour du semestre où
  les intérêts commencent à courir + 8 points, **un seul taux pour tout le retard**
  (`calculators.taux.taux_interets_moratoires`) ; + 8 points pour les marchés conclus depuis le
  16/03/2013 (décret n° 2013-269), seuls pris en charge.
- D2192-35 : indemnité forfaitaire pour frais de recouvrement de 40 €.
- R2192-36 : intérêts moratoires et indemnité sont payés, sans demande du titulaire, dans les
  45 jours suivant la mise en paiement du principal (`limite_paiement_interets`).

Intérêts moratoires « complémentaires » : le texte qui les prévoyait (décret n° 2002-232,
art. 5-III : intérêts moratoires d'origine + 2 points si les intérêts n'étaient pas mandatés
avec le principal) n'est plus en vigueur, et R2192-36 ne fixe que le délai de 45 jours : ils
ne sont pas calculés ici. Restés impayés, des intérêts moratoires ne produisent eux-mêmes intérêt
que dus pour une année entière, et si un contrat ou une décision le prévoit (C. civ. 1343-2).

Décompte : du lendemain de l'échéance au jour du paiement inclus, soit `paiement - échéance`
jours ; intérêts = montant TTC × taux × jours / 365 (base 365, même les années bissextiles),
arrondis au centime (ROUND_HALF_UP).

>>> e = echeance_reglementaire("etat", reception=dt.date(2025, 3, 3))
>>> e.date, calculer(Decimal("10000"), e, dt.date(2025, 5, 15)).interets
(datetime.date(2025, 4, 2), Decimal('131.36'))
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal

from ..commun.argent import au_centime
from ..taux import Taux, taux_interets_moratoires

from ..delai.regles import DEPART_DEMANDE_PLUS_DEUX as DEPART_DEMANDE
from ..delai.regles import DEPART_EXECUTION, DEPART_RECEPTION, depart_public, public

BASE_JOURS = Decimal(365)
INDEMNITE_FORFAITAIRE = Decimal("40.00")  # C. commande publique, art. D2192-35
DELAI_PAIEMENT_INTERETS = dt.timedelta(days=45)  # art. R2192-36
DEBUT_HUIT_POINTS = dt.date(2013, 3, 16)  # décret n° 2013-269 : BCE + 8 points
UN_JOUR = dt.timedelta(days=1)
ZERO = Decimal("0.00")

# Type d'acheteur → (délai en jours, article)
ACHETEURS = {
    "etat": (30, "R2192-10"),
    "collectivite": (30, "R2192-10"),
    "sante": (50, "R2192-11"),
    "entreprise-publique": (60, "R2192-11"),
}

# Règles du point de départ (celles du calculateur de délais, plus l'échéance du marché) → article
DEPART_MARCHE = "echeance-du-marche"
ARTICLES_DEPART = {DEPART_RECEPTION: "R2192-12", DEPART_EXECUTION: "R2192-13", DEPART_DEMANDE: "R2192-14",
                   DEPART_MARCHE: "L2192-10"}


@dataclass(frozen=True)
class Echeance:
    """Dernier jour pour payer, et comment il est obtenu."""

    date: dt.date
    regle_depart: str  # une des constantes DEPART_*
    depart: dt.date | None = None  # point de départ du délai (None : échéance donnée)
    jours: int = 0  # délai réglementaire appliqué (0 : échéance donnée)
    article: str = "L2192-10"  # article du délai
    ecartee: dt.date | None = None  # échéance du marché écartée (voir `echeance_applicable`)

    @property
    def article_depart(self) -> str:
        return ARTICLES_DEPART[self.regle_depart]

    @property
    def ecartee_avant_depart(self) -> bool:
        """L'échéance du marché écartée précédait le point de départ du délai (sinon : plus tardive que lui)."""
        return self.ecartee is not None and self.depart is not None and self.ecartee < self.depart


def echeance_reglementaire(acheteur: str, reception: dt.date | None = None, demande: dt.date | None = None,
                           execution: dt.date | None = None) -> Echeance:
    """Échéance du délai réglementaire (R2192-10 à R2192-14).

    Sans date de réception, la date de la demande de paiement doit être donnée (+ 2 jours).

    >>> echeance_reglementaire("entreprise-publique", demande=dt.date(2025, 1, 15))
    Echeance(date=datetime.date(2025, 3, 18), regle_depart='demande-plus-deux', depart=datetime.date(2025, 1, 17), jours=60, article='R2192-11', ecartee=None)
    """
    jours, article = ACHETEURS[acheteur]
    if reception is None and demande is None:
        raise ValueError("sans date de réception, la date de la demande de paiement est nécessaire (R2192-14)")
    depart, regle = depart_public(demande or reception, reception, execution)
    return Echeance(public(depart, jours, article).date, regle, depart, jours, article)


def echeance_du_marche(jour: dt.date) -> Echeance:
    """Échéance prévue au marché, plus courte que le délai réglementaire (L2192-10)."""
    return Echeance(jour, DEPART_MARCHE)


def echeance_applicable(marche: Echeance | None, reglementaire: Echeance | None) -> Echeance:
    """L2192-10 : l'échéance du marché s'applique, mais le délai du marché ne peut pas dépasser le
    délai réglementaire ; plus tardive, elle est écartée (`ecartee`) au profit de celui-ci.

    Le délai plus court du marché court lui aussi de la réception de la demande de paiement (ou de
    l'exécution, ou de la demande + 2 jours : R2192-12 à R2192-14) : une échéance antérieure à ce
    point de départ ne correspond à aucun délai, et les intérêts ne peuvent pas courir avant lui.
    Elle est écartée de même : le délai réglementaire, que le marché ne peut qu'abréger, est le
    seul que l'on sache compter depuis ce départ (le résultat invite à saisir l'échéance du marché
    comptée depuis lui).

    >>> r = echeance_reglementaire("etat", reception=dt.date(2025, 3, 3))
    >>> e = echeance_applicable(echeance_du_marche(dt.date(2025, 5, 2)), r)
    >>> e.date, e.ecartee
    (datetime.date(2025, 4, 2), datetime.date(2025, 5, 2))
    >>> e = echeance_applicable(echeance_du_marche(dt.date(2025, 3, 1)), r)
    >>> e.date, e.ecartee, e.ecartee_avant_depart
    (datetime.date(2025, 4, 2), datetime.date(2025, 3, 1), True)
    """
    if marche is None or reglementaire is None:
        return marche or reglementaire
    if reglementaire.depart <= marche.date <= reglementaire.date:
        return marche
    return replace(reglementaire, ecartee=marche.date)


@dataclass(frozen=True)
class Decompte:
    montant: Decimal
    echeance: Echeance
    paiement: dt.date
    taux: Taux | None  # None : pas de retard

    @property
    def jours(self) -> int:
        """Jours de retard : du lendemain de l'échéance au paiement inclus."""
        return max((self.paiement - self.echeance.date).days, 0)

    @property
    def debut_interets(self) -> dt.date:
        return self.echeance.date + UN_JOUR

    @property
    def exact(self) -> Decimal:
        """Montant TTC × taux × jours / 36 500, avant arrondi."""
        return self.montant * self.taux.valeur * self.jours / (100 * BASE_JOURS) if self.jours else ZERO

    @property
    def interets(self) -> Decimal:
        return au_centime(self.exact) if self.jours else ZERO

    @property
    def indemnite(self) -> Decimal:
        """40 € dès le premier jour de retard (L2192-13, D2192-35)."""
        return INDEMNITE_FORFAITAIRE if self.jours else ZERO

    @property
    def limite_paiement_interets(self) -> dt.date | None:
        """Les intérêts et l'indemnité sont dus sans demande dans les 45 jours du paiement (R2192-36)."""
        return self.paiement + DELAI_PAIEMENT_INTERETS if self.jours else None


def calculer(montant: Decimal, echeance: Echeance, paiement: dt.date) -> Decompte:
    """Intérêts moratoires et indemnité d'une demande de paiement réglée le `paiement`.

    Un seul taux pour tout le retard (R2192-31) : celui du semestre où tombe le lendemain de
    l'échéance. Lève `TauxInconnu` si ce semestre dépasse les tables.

    >>> d = calculer(Decimal("8000"), echeance_reglementaire("etat", dt.date(2025, 5, 20)), dt.date(2025, 8, 29))
    >>> d.echeance.date, d.jours, d.taux.valeur, d.interets, d.indemnite
    (datetime.date(2025, 6, 19), 71, Decimal('11.15'), Decimal('173.51'), Decimal('40.00'))
    """
    if paiement <= echeance.date:
        return Decompte(montant, echeance, paiement, None)
    debut = echeance.date + UN_JOUR
    if debut < DEBUT_HUIT_POINTS:
        raise ValueError("retard commencé avant le 16/03/2013 : règles antérieures (BCE + 7 points) non prises en charge")
    return Decompte(montant, echeance, paiement, taux_interets_moratoires(debut))
