"""Échéancier de paiement : étaler une dette en échéances, avec ou sans intérêts.

Règles appliquées (chacune reprise dans le résultat affiché) :

- Montants en Decimal, arrondis au centime (demi-centime vers le haut, `argent.au_centime`).
  Les échéances s'additionnent exactement au montant étalé plus les intérêts : l'écart
  d'arrondi va toujours sur la **dernière** échéance.
- Sans intérêts (taux nul ou absent) : montant ÷ nombre, arrondi au centime ; la dernière
  échéance reçoit l'écart (10 000 € en 6 : 5 × 1 666,67 € puis 1 666,65 €). Si cet arrondi
  rendait la dernière échéance nulle ou négative (très petites échéances), l'échéance
  courante est ramenée au plus grand montant au centime qui la laisse positive.
- Avec intérêts, au choix :
  - échéances constantes (amortissement « à la française ») : a = C × i / (1 − (1 + i)^−n),
    arrondie au centime ; chaque échéance paie d'abord les intérêts de la période (C. civ.
    art. 1343-1), le reste amortit le capital ; la dernière solde le capital restant ;
  - capital constant : le capital est réparti comme sans intérêts, chaque échéance y ajoute
    les intérêts de la période sur le capital restant (échéances décroissantes).
- Taux périodique proportionnel : taux annuel ÷ nombre de périodes par an (12, 4, 26, 52).
  Intérêts d'une période = capital restant × taux périodique, arrondis au centime.
- Dates : à partir de la première échéance, tous les N mois (mensuelle, trimestrielle) ou
  tous les 7 / 14 jours. Une échéance mensuelle calée sur le 31 tombe le dernier jour des mois
  plus courts et revient au 31 ensuite : chaque date est calculée depuis la première, pas
  depuis la précédente. Les dates ne sont pas décalées pour les week-ends et jours fériés.
- Au plus 360 échéances.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal, localcontext

from ..commun.argent import CENTIME, au_centime

NOMBRE_MAX = 360
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Periodicite:
    cle: str
    mois: int  # pas en mois (0 si le pas est en jours)
    jours: int  # pas en jours (0 si le pas est en mois)
    par_an: int  # périodes par an, pour le taux périodique proportionnel


PERIODICITES = {
    p.cle: p for p in (
        Periodicite("hebdomadaire", 0, 7, 52),
        Periodicite("quinzaine", 0, 14, 26),
        Periodicite("mensuelle", 1, 0, 12),
        Periodicite("trimestrielle", 3, 0, 4),
    )
}

CONSTANTES = "constantes"
CAPITAL_CONSTANT = "capital-constant"
METHODES = (CONSTANTES, CAPITAL_CONSTANT)


class PlanImpossible(ValueError):
    """Les valeurs ne permettent pas de bâtir un échéancier : `motif` et les montants en cause.

    Ni nom de champ ni phrase ici : `echeancier.champs` traduit le motif en message au champ.
    """

    def __init__(self, motif: str, **details):
        super().__init__(motif)
        self.motif = motif
        self.details = details


@dataclass(frozen=True)
class Echeance:
    rang: int
    date: dt.date
    montant: Decimal
    interets: Decimal
    capital: Decimal
    restant: Decimal  # capital restant dû après cette échéance


@dataclass(frozen=True)
class Plan:
    montant: Decimal  # somme due au départ
    acompte: Decimal  # versé à la signature, avant la première échéance
    taux: Decimal  # taux annuel en %, 0 sans intérêts
    methode: str
    periodicite: Periodicite
    echeances: tuple[Echeance, ...]

    @property
    def etale(self) -> Decimal:
        return self.montant - self.acompte

    @property
    def total_echeances(self) -> Decimal:
        return sum((e.montant for e in self.echeances), ZERO)

    @property
    def total_interets(self) -> Decimal:
        return sum((e.interets for e in self.echeances), ZERO)

    @property
    def total_capital(self) -> Decimal:
        return sum((e.capital for e in self.echeances), ZERO)

    @property
    def total_paye(self) -> Decimal:
        return self.acompte + self.total_echeances

    @property
    def premiere(self) -> dt.date:
        return self.echeances[0].date

    @property
    def derniere(self) -> dt.date:
        return self.echeances[-1].date

    @property
    def reguliere(self) -> Decimal:
        """Montant courant (échéances constantes) : celui de la première échéance."""
        return self.echeances[0].montant


# --- Dates ------------------------------------------------------------------------------------


def ajouter_mois(jour: dt.date, mois: int) -> dt.date:
    """Même quantième `mois` mois plus tard (ou plus tôt), ramené au dernier jour d'un mois plus court.

    >>> ajouter_mois(dt.date(2025, 1, 31), 1), ajouter_mois(dt.date(2025, 1, 31), 2)
    (datetime.date(2025, 2, 28), datetime.date(2025, 3, 31))
    >>> ajouter_mois(dt.date(2024, 11, 30), 3)
    datetime.date(2025, 2, 28)
    """
    annee, rang_mois = divmod(jour.month - 1 + mois, 12)
    annee += jour.year
    dernier = calendar.monthrange(annee, rang_mois + 1)[1]
    return dt.date(annee, rang_mois + 1, min(jour.day, dernier))


def date_echeance(premiere: dt.date, periodicite: Periodicite, index: int) -> dt.date:
    """Date de l'échéance d'index `index` (0 pour la première), toujours calculée depuis la première.

    >>> p = PERIODICITES["mensuelle"]
    >>> [date_echeance(dt.date(2025, 1, 31), p, k).isoformat() for k in range(4)]
    ['2025-01-31', '2025-02-28', '2025-03-31', '2025-04-30']
    >>> date_echeance(dt.date(2025, 1, 31), PERIODICITES["quinzaine"], 1)
    datetime.date(2025, 2, 14)
    """
    if periodicite.mois:
        return ajouter_mois(premiere, periodicite.mois * index)
    return premiere + dt.timedelta(days=periodicite.jours * index)


def depasse_deux_ans(premiere: dt.date, derniere: dt.date, periodicite: Periodicite) -> bool:
    """Le plan court-il plus de 24 mois ? Il commence une période avant la première échéance.

    24 mensualités tiennent en deux ans, 25 non (C. civ. art. 1343-5 : deux années au plus).

    >>> p = PERIODICITES["mensuelle"]
    >>> depasse_deux_ans(dt.date(2025, 1, 31), date_echeance(dt.date(2025, 1, 31), p, 23), p)
    False
    >>> depasse_deux_ans(dt.date(2025, 1, 31), date_echeance(dt.date(2025, 1, 31), p, 24), p)
    True
    """
    debut = date_echeance(premiere, periodicite, -1)
    return derniere > ajouter_mois(debut, 24)


# --- Montants ---------------------------------------------------------------------------------


def interets_periode(restant: Decimal, taux: Decimal, par_an: int) -> Decimal:
    """Intérêts d'une période : restant × taux annuel / (100 × périodes par an), au centime.

    >>> interets_periode(Decimal("10000.00"), Decimal("6"), 12)
    Decimal('50.00')
    >>> interets_periode(Decimal("1000.00"), Decimal("5"), 12)   # 4,1666…
    Decimal('4.17')
    """
    if not taux:
        return ZERO
    return au_centime(restant * taux / (100 * par_an))


def echeance_exacte(capital: Decimal, taux: Decimal, par_an: int, nombre: int) -> Decimal:
    """Échéance constante non arrondie (formule de l'amortissement à la française).

    Taux nul : capital / nombre, cas traité à part (la formule divise par zéro).

    >>> round(echeance_exacte(Decimal(10000), Decimal(6), 12, 6), 6)
    Decimal('1695.954556')
    >>> echeance_exacte(Decimal(100), Decimal(0), 12, 4)
    Decimal('25')
    """
    if not taux:
        return capital / nombre
    with localcontext() as ctx:
        ctx.prec = 50
        i = taux / (100 * par_an)
        resultat = capital * i / (1 - (1 + i) ** -nombre)
    return +resultat


def repartir(total: Decimal, nombre: int) -> list[Decimal]:
    """Découpe `total` en `nombre` parts au centime : parts égales, écart d'arrondi sur la dernière.

    La part courante est total / nombre arrondi au centime le plus proche ; si la dernière part
    devenait nulle ou négative, la part courante est abaissée au plus grand montant qui la
    laisse positive. Suppose au moins un centime par part.

    >>> repartir(Decimal("10000.00"), 6)
    [Decimal('1666.67'), Decimal('1666.67'), Decimal('1666.67'), Decimal('1666.67'), Decimal('1666.67'), Decimal('1666.65')]
    >>> repartir(Decimal("1.00"), 40)[-2:]  # 0,025 → 0,03 laisserait −0,17 : 0,02 et 0,22
    [Decimal('0.02'), Decimal('0.22')]
    """
    if nombre == 1:
        return [total]
    part = au_centime(total / nombre)
    plafond = ((total - CENTIME) / (nombre - 1)).quantize(CENTIME, rounding=ROUND_FLOOR)
    part = min(part, plafond)
    return [part] * (nombre - 1) + [total - part * (nombre - 1)]


def _echeances_constantes(etale, taux, periodicite, nombre, premiere, echeance):
    """Tableau à échéance `echeance` constante ; None si le capital s'éteint avant la dernière."""
    restant = etale
    lignes = []
    for index in range(nombre):
        interets = interets_periode(restant, taux, periodicite.par_an)
        date = date_echeance(premiere, periodicite, index)
        if index == nombre - 1:
            lignes.append(Echeance(index + 1, date, restant + interets, interets, restant, ZERO))
            break
        capital = echeance - interets
        if restant - capital <= 0:
            return None
        restant -= capital
        lignes.append(Echeance(index + 1, date, echeance, interets, capital, restant))
    return lignes


def plan_par_nombre(montant: Decimal, nombre: int, premiere: dt.date, periodicite: Periodicite,
                    acompte: Decimal = ZERO, taux: Decimal = ZERO, methode: str = CONSTANTES) -> Plan:
    """Échéancier en `nombre` échéances.

    >>> p = plan_par_nombre(Decimal("10000.00"), 6, dt.date(2025, 1, 31), PERIODICITES["mensuelle"])
    >>> [(e.date.isoformat(), str(e.montant)) for e in p.echeances][-2:]
    [('2025-05-31', '1666.67'), ('2025-06-30', '1666.65')]
    """
    _verifier(montant, acompte, taux, methode)
    etale = montant - acompte
    if not 1 <= nombre <= NOMBRE_MAX:
        raise PlanImpossible("nombre-hors-bornes")
    centimes = int(etale / CENTIME)
    if nombre > centimes:
        raise PlanImpossible("moins-d-un-centime", nombre=nombre, etale=etale, centimes=centimes)
    if not taux or methode == CAPITAL_CONSTANT:
        lignes, restant = [], etale
        for index, capital in enumerate(repartir(etale, nombre)):
            interets = interets_periode(restant, taux, periodicite.par_an)
            restant -= capital
            lignes.append(Echeance(index + 1, date_echeance(premiere, periodicite, index),
                                   capital + interets, interets, capital, restant))
        return Plan(montant, acompte, taux, methode, periodicite, tuple(lignes))

    lignes = _lignes_constantes(etale, taux, periodicite, nombre, premiere)
    if not _amortit(lignes):
        # 1 € en 100 mensualités à 12 % : chaque échéance, au centime, ne paie que les intérêts, et tout
        # le capital attend la dernière. Ce n'est plus un plan qui rembourse la dette au fil des échéances,
        # c'est un report : refusé, avec un nombre d'échéances qui rembourse du capital à chacune.
        raise PlanImpossible("capital-nul", nombre=nombre, etale=etale,
                             maximum=_nombre_amortissable(etale, taux, periodicite, nombre, premiere))
    return Plan(montant, acompte, taux, methode, periodicite, tuple(lignes))


def _lignes_constantes(etale, taux, periodicite, nombre, premiere) -> list[Echeance]:
    """Échéances constantes avec intérêts : l'échéance arrondie au centime le plus proche, sauf si
    l'accumulation des arrondis éteignait le capital avant la dernière échéance ; on cherche alors la
    plus grande échéance au centime qui laisse un capital positif jusqu'à la dernière."""
    haut = int(au_centime(echeance_exacte(etale, taux, periodicite.par_an, nombre)) / CENTIME)
    lignes = _echeances_constantes(etale, taux, periodicite, nombre, premiere, haut * CENTIME)
    if lignes is None:
        bas = 1  # un centime par échéance laisse toujours du capital (nombre <= centimes)
        while haut - bas > 1:
            milieu = (bas + haut) // 2
            if _echeances_constantes(etale, taux, periodicite, nombre, premiere, milieu * CENTIME) is None:
                haut = milieu
            else:
                bas = milieu
        lignes = _echeances_constantes(etale, taux, periodicite, nombre, premiere, bas * CENTIME)
    return lignes


def _amortit(lignes: list[Echeance]) -> bool:
    """Chaque échéance avant la dernière rembourse du capital (pas seulement des intérêts)."""
    return all(e.capital > 0 for e in lignes[:-1])


def _nombre_amortissable(etale, taux, periodicite, nombre, premiere) -> int:
    """Un nombre d'échéances, sous `nombre`, dont chacune rembourse du capital, cherché par dichotomie :
    le plus grand, puisque moins d'échéances font des échéances plus fortes ; `bas` convient toujours
    (une échéance unique rembourse tout)."""
    bas, haut = 1, nombre
    while haut - bas > 1:
        milieu = (bas + haut) // 2
        if _amortit(_lignes_constantes(etale, taux, periodicite, milieu, premiere)):
            bas = milieu
        else:
            haut = milieu
    return bas


def _nombre_pour(etale, taux, par_an, echeance, limite) -> int | None:
    """Nombre d'échéances de `echeance` pour éteindre `etale` ; None au-delà de `limite`."""
    restant = etale
    for rang in range(1, limite + 1):
        interets = interets_periode(restant, taux, par_an)
        if restant + interets <= echeance:
            return rang
        restant -= echeance - interets
    return None


def echeance_minimale(etale: Decimal, taux: Decimal, periodicite: Periodicite, limite: int = NOMBRE_MAX) -> Decimal:
    """Plus petite échéance au centime qui solde la dette en `limite` échéances au plus.

    >>> echeance_minimale(Decimal("1000.00"), Decimal(0), PERIODICITES["mensuelle"])  # 2,777… → 2,78
    Decimal('2.78')
    """
    if not taux:
        return (etale / limite).quantize(CENTIME, rounding=ROUND_CEILING)
    bas = int(interets_periode(etale, taux, periodicite.par_an) / CENTIME)  # ne rembourse jamais
    haut = int((etale + interets_periode(etale, taux, periodicite.par_an)) / CENTIME)  # une seule échéance
    while haut - bas > 1:
        milieu = (bas + haut) // 2
        if _nombre_pour(etale, taux, periodicite.par_an, milieu * CENTIME, limite) is None:
            bas = milieu
        else:
            haut = milieu
    return haut * CENTIME


def plan_par_echeance(montant: Decimal, echeance: Decimal, premiere: dt.date, periodicite: Periodicite,
                      acompte: Decimal = ZERO, taux: Decimal = ZERO, methode: str = CONSTANTES) -> Plan:
    """Échéancier à échéance fixée : autant d'échéances qu'il faut, la dernière plus petite.

    >>> p = plan_par_echeance(Decimal("1000.00"), Decimal("300.00"), dt.date(2025, 1, 31), PERIODICITES["mensuelle"])
    >>> [str(e.montant) for e in p.echeances]
    ['300.00', '300.00', '300.00', '100.00']
    """
    _verifier(montant, acompte, taux, methode)
    etale = montant - acompte
    par_an = periodicite.par_an
    if taux and methode == CAPITAL_CONSTANT:
        raise PlanImpossible("capital-constant-par-echeance")
    premiers_interets = interets_periode(etale, taux, par_an)
    if echeance <= premiers_interets:
        raise PlanImpossible("interets-non-couverts", echeance=echeance, interets=premiers_interets,
                             minimum=echeance_minimale(etale, taux, periodicite))
    nombre = _nombre_pour(etale, taux, par_an, echeance, NOMBRE_MAX)
    if nombre is None:
        raise PlanImpossible("trop-d-echeances", echeance=echeance, minimum=echeance_minimale(etale, taux, periodicite))
    restant, lignes = etale, []
    for index in range(nombre):
        interets = interets_periode(restant, taux, par_an)
        capital = restant if index == nombre - 1 else echeance - interets
        restant -= capital
        lignes.append(Echeance(index + 1, date_echeance(premiere, periodicite, index),
                               capital + interets, interets, capital, restant))
    return Plan(montant, acompte, taux, methode, periodicite, tuple(lignes))


def _verifier(montant: Decimal, acompte: Decimal, taux: Decimal, methode: str) -> None:
    if montant <= 0:
        raise PlanImpossible("montant-nul")
    if acompte < 0:
        raise PlanImpossible("acompte-negatif")
    if acompte >= montant:
        raise PlanImpossible("acompte-solde", acompte=acompte, montant=montant)
    if taux < 0:
        raise PlanImpossible("taux-negatif")
    if methode not in METHODES:
        raise PlanImpossible("methode-inconnue")
