"""Intérêts au taux légal d'une somme d'argent : règles pures (dates, Decimal), sans mise en forme.

Textes appliqués :

- C. civ. art. 1231-6 : le retard dans le paiement d'une somme d'argent est réparé par l'intérêt
  au taux légal « à compter de la mise en demeure » ; art. 1231-7 : une condamnation porte
  intérêt au taux légal, en principe à compter du jugement. Le point de départ est donc la
  mise en demeure ou le jugement : c'est `debut`.
- CMF art. L313-2 : taux fixé par semestre (depuis 2015 ; par an auparavant), l'un pour le
  créancier personne physique n'agissant pas pour des besoins professionnels (« particulier »),
  l'autre pour tous les autres cas (« autre ») ; chaque jour porte le taux du semestre où il
  tombe (`calculators.taux.taux_legal`).
- CMF art. L313-3 : en cas de condamnation, le taux est majoré de 5 points « à l'expiration
  d'un délai de deux mois à compter du jour où la décision de justice est devenue exécutoire ».
  Les deux mois se comptent de quantième à quantième, et à défaut de quantième identique
  jusqu'au dernier jour du mois (règle de l'art. 641 CPC, retenue ici par analogie) ; la
  majoration court dès le lendemain de leur expiration.
- C. civ. art. 1343-1 : un paiement partiel s'impute d'abord sur les intérêts échus, puis sur
  le capital.
- C. civ. art. 1343-2 : les intérêts échus, dus au moins pour une année entière, produisent
  intérêt si le contrat ou la décision le prévoit (`capitalisation`) : à chaque anniversaire du
  point de départ, les intérêts échus et impayés s'ajoutent au capital.

Décompte des jours : du lendemain du point de départ au jour de fin inclus (le jour de la mise
en demeure ou du jugement ne compte pas, le jour du paiement compte), soit `fin - debut` jours ;
un paiement partiel porte encore intérêt le jour où il est versé. Intérêts d'une ligne =
capital × taux × jours / 365, base 365 même les années bissextiles (service-public.fr, fiches
F20688 et F783 : « diviser par 36 500 même si l'année est bissextile »), arrondis au centime
(ROUND_HALF_UP) ligne par ligne ; le total est la somme des lignes.

Exemple (fiche F20688/F783, qui compte 30 jours du 01/09 au 30/09 bornes comprises sans dire
d'où part l'intérêt) : 2 000 € du 31/08/2020 au 30/09/2020, créancier particulier (3,11 %) :
30 jours, 2 000 × 3,11 × 30 / 36 500 = 5,11 € ; parti du 01/09, 29 jours et 4,94 €.

>>> calculer(Decimal("2000"), dt.date(2020, 8, 31), dt.date(2020, 9, 30), "particulier").interets
Decimal('5.11')
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from ..commun.argent import au_centime
from ..taux import Semestre, Taux, TauxInconnu, couvert_jusqu_au, taux_legal

BASE_JOURS = Decimal(365)
MAJORATION_L313_3 = Decimal(5)  # points, CMF art. L313-3
CATEGORIES = {"particulier": "particuliers", "autre": "professionnels"}  # CMF art. L313-2
PREMIER_JOUR = dt.date(2008, 1, 1)  # début des tables de taux légal
UN_JOUR = dt.timedelta(days=1)
ZERO = Decimal("0.00")


def ajouter_mois(jour: dt.date, mois: int) -> dt.date:
    """Même quantième `mois` mois plus tard, ou dernier jour du mois s'il n'existe pas (CPC 641).

    >>> ajouter_mois(dt.date(2015, 9, 17), 2), ajouter_mois(dt.date(2023, 12, 31), 2)
    (datetime.date(2015, 11, 17), datetime.date(2024, 2, 29))
    """
    annee, rang = divmod(jour.month - 1 + mois, 12)
    annee += jour.year
    return dt.date(annee, rang + 1, min(jour.day, calendar.monthrange(annee, rang + 1)[1]))


def debut_majoration(executoire: dt.date) -> dt.date:
    """Premier jour majoré de 5 points (CMF L313-3) : lendemain des deux mois suivant le jour où
    la décision est devenue exécutoire.

    >>> debut_majoration(dt.date(2015, 9, 17))   # exemple de la fiche F20688
    datetime.date(2015, 11, 18)
    """
    return ajouter_mois(executoire, 2) + UN_JOUR


@dataclass(frozen=True)
class Paiement:
    date: dt.date
    montant: Decimal


@dataclass(frozen=True)
class Periode:
    """Une ligne du décompte : même capital, même taux, jours consécutifs (bornes incluses)."""

    debut: dt.date
    fin: dt.date
    capital: Decimal
    taux_legal: Taux
    majore: bool
    hypothese: bool = False  # taux du dernier semestre connu, prolongé à la demande de l'utilisateur

    @property
    def jours(self) -> int:
        return (self.fin - self.debut).days + 1

    @property
    def taux(self) -> Decimal:
        """Taux appliqué : taux légal du semestre, + 5 points si majoré (L313-3)."""
        return self.taux_legal.valeur + (MAJORATION_L313_3 if self.majore else 0)

    @property
    def exact(self) -> Decimal:
        """Capital × taux × jours / 36 500, avant arrondi."""
        return self.capital * self.taux * self.jours / (100 * BASE_JOURS)

    @property
    def montant(self) -> Decimal:
        return au_centime(self.exact)


@dataclass(frozen=True)
class Imputation:
    """Un paiement partiel réparti selon C. civ. 1343-1 : intérêts échus d'abord, puis capital."""

    paiement: Paiement
    sur_interets: Decimal
    sur_capital: Decimal
    trop_percu: Decimal


@dataclass
class Decompte:
    principal: Decimal
    debut: dt.date
    fin: dt.date
    categorie: str
    majoration_des: dt.date | None
    periodes: list[Periode] = field(default_factory=list)
    imputations: list[Imputation] = field(default_factory=list)
    capitalisations: list[tuple[dt.date, Decimal]] = field(default_factory=list)  # 1343-2
    capital: Decimal = ZERO  # capital restant dû à la fin (principal, plus intérêts capitalisés)
    interets_echus: Decimal = ZERO  # intérêts échus, ni payés ni capitalisés, à la fin

    @property
    def interets(self) -> Decimal:
        """Total des intérêts courus sur toute la période (somme des lignes arrondies)."""
        return sum((p.montant for p in self.periodes), ZERO)

    @property
    def total_du(self) -> Decimal:
        return self.capital + self.interets_echus

    @property
    def acomptes_verses(self) -> Decimal:
        """Total des acomptes imputés (intérêts, capital et trop-perçu compris)."""
        return sum((i.paiement.montant for i in self.imputations), ZERO)

    @property
    def taux_non_confirmes(self) -> list[Taux]:
        return list(dict.fromkeys(p.taux_legal for p in self.periodes if not p.taux_legal.confirme))


def _taux(jour: dt.date, categorie: str, prolonger: bool) -> tuple[Taux, bool]:
    try:
        return taux_legal(Semestre.de(jour), CATEGORIES[categorie]), False
    except TauxInconnu:
        if not prolonger or jour <= couvert_jusqu_au():
            raise
    return taux_legal(Semestre.de(couvert_jusqu_au()), CATEGORIES[categorie]), True


def _fin_de_ligne(jour: dt.date, fin: dt.date, coupures: list[dt.date]) -> dt.date:
    """Dernier jour de la ligne commencée `jour` : fin de semestre, de période, ou coupure."""
    return min([Semestre.de(jour).fin, fin] + [c for c in coupures if c >= jour])


def _imputer(decompte: Decompte, paiement: Paiement) -> None:
    """C. civ. 1343-1 : le paiement partiel s'impute d'abord sur les intérêts échus."""
    sur_interets = min(paiement.montant, decompte.interets_echus)
    sur_capital = min(paiement.montant - sur_interets, decompte.capital)
    trop_percu = paiement.montant - sur_interets - sur_capital
    decompte.interets_echus -= sur_interets
    decompte.capital -= sur_capital
    decompte.imputations.append(Imputation(paiement, sur_interets, sur_capital, trop_percu))


def _anniversaires(debut: dt.date, fin: dt.date) -> list[dt.date]:
    """Jours où les intérêts sont dus pour une année entière (C. civ. 1343-2)."""
    dates, annees = [], 1
    while (jour := ajouter_mois(debut, 12 * annees)) <= fin:
        dates.append(jour)
        annees += 1
    return dates


def calculer(
    principal: Decimal,
    debut: dt.date,
    fin: dt.date,
    categorie: str,
    executoire: dt.date | None = None,
    capitalisation: bool = False,
    paiements: tuple[Paiement, ...] = (),
    prolonger: bool = False,
) -> Decompte:
    """Décompte des intérêts au taux légal de `principal`, du lendemain de `debut` à `fin` inclus.

    `categorie` : « particulier » ou « autre » (CMF L313-2) ; `executoire` : jour où la décision
    de condamnation est devenue exécutoire (majoration L313-3) ; `capitalisation` : anatocisme
    annuel (1343-2) ; `paiements` : paiements partiels, datés après `debut` et au plus tard
    `fin`. Lève `TauxInconnu` au-delà des tables, sauf `prolonger` (dernier taux connu, signalé).

    Exemple de la fiche F20688 (jugement exécutoire le 17/09/2015, paiement le 10/04/2016,
    créancier particulier) : 61 jours à 4,29 % puis 44 jours à 9,29 % (4,29 + 5) comme la fiche ;
    101 jours à 9,54 % là où la fiche n'en compte que 100 (voir tests/unit/test_interet_legal.py).

    >>> d = calculer(Decimal("2000"), dt.date(2015, 9, 17), dt.date(2016, 4, 10), "particulier",
    ...              executoire=dt.date(2015, 9, 17))
    >>> [(p.jours, p.taux, p.montant) for p in d.periodes]
    [(61, Decimal('4.29'), Decimal('14.34')), (44, Decimal('9.29'), Decimal('22.40')), (101, Decimal('9.54'), Decimal('52.80'))]
    """
    if categorie not in CATEGORIES:
        raise ValueError(f"catégorie de créancier inconnue : {categorie}")
    if fin < debut or debut < PREMIER_JOUR - UN_JOUR:
        raise ValueError("période hors des tables ou fin avant le début")
    if any(not debut < p.date <= fin for p in paiements):
        raise ValueError("un paiement partiel doit être daté après le point de départ et au plus tard à la fin")
    majoration_des = debut_majoration(executoire) if executoire else None
    decompte = Decompte(principal, debut, fin, categorie, majoration_des, capital=principal)
    par_date: dict[dt.date, Decimal] = {}
    for paiement in paiements:
        par_date[paiement.date] = par_date.get(paiement.date, Decimal(0)) + paiement.montant
    anniversaires = _anniversaires(debut, fin) if capitalisation else []
    coupures = sorted({*par_date, *anniversaires, *([majoration_des - UN_JOUR] if majoration_des else [])})
    jour = debut + UN_JOUR
    while jour <= fin and decompte.capital > 0:
        dernier = _fin_de_ligne(jour, fin, coupures)
        taux, hypothese = _taux(jour, categorie, prolonger)
        majore = majoration_des is not None and jour >= majoration_des
        periode = Periode(jour, dernier, decompte.capital, taux, majore, hypothese)
        decompte.periodes.append(periode)
        decompte.interets_echus += periode.montant
        if dernier in par_date:
            _imputer(decompte, Paiement(dernier, par_date.pop(dernier)))
        if dernier in anniversaires and decompte.interets_echus > 0:
            decompte.capitalisations.append((dernier, decompte.interets_echus))
            decompte.capital += decompte.interets_echus
            decompte.interets_echus = ZERO
        jour = dernier + UN_JOUR
    for date in sorted(par_date):  # capital soldé avant : ces paiements ne règlent plus que des intérêts
        _imputer(decompte, Paiement(date, par_date[date]))
    return decompte
