"""Pénalités de retard entre professionnels et indemnité forfaitaire pour frais de recouvrement.

Règles appliquées (chacune reprise dans le décompte affiché) :

- C. com. art. L441-10 II : les pénalités sont exigibles le jour suivant la date de règlement
  figurant sur la facture ; taux par défaut = taux BCE figé au 1er janvier / 1er juillet
  + 10 points ; une clause peut fixer un autre taux, jamais inférieur à 3 fois le taux
  d'intérêt légal.
- Un retard à cheval sur deux semestres est découpé par semestre, chaque jour portant le taux
  du semestre où il tombe (lecture la plus répandue ; l'autre lecture, un taux figé au
  semestre de l'échéance, est exposée sur la page du calculateur).
- Jours de retard : du lendemain de l'échéance au jour du paiement inclus ; intérêts =
  assiette × taux × jours / 365, base 365 même les années bissextiles : aucun texte ne la
  fixe pour L441-10 ; c'est la pratique (Bpifrance Création pour les pénalités ; service-public.fr,
  fiches F20688 et F783, pour l'intérêt légal, « même si l'année est bissextile »).
- Chaque ligne du décompte est arrondie au centime ; le total est la somme des lignes.
- Acomptes : la somme versée un jour porte encore intérêt ce jour-là, comme un paiement
  complet ; le reste dû porte intérêt à partir du lendemain.
- C. civ. art. 1343-1 : « Lorsque l'obligation de somme d'argent porte intérêt, le paiement
  partiel s'impute d'abord sur les intérêts » : par défaut, un acompte règle d'abord les
  pénalités échues et non payées, puis le principal (`IMPUTATION_INTERETS`). Les parties
  peuvent convenir d'une imputation sur le principal (`IMPUTATION_PRINCIPAL`).
- C. com. art. D441-5 : indemnité forfaitaire de 40 €, due une fois par facture payée en
  retard, en entier même après un paiement partiel ; hors champ de la TVA.
- C. com. art. L110-4 et C. civ. art. 2229 : l'action en paiement entre commerçants se
  prescrit par cinq ans ; la prescription n'est acquise qu'une fois le dernier jour passé.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from decimal import Decimal

from ..commun.argent import au_centime
from ..taux import (
    PLANCHER_MULTIPLE, Semestre, Taux, TauxInconnu, taux_legal, taux_penalite_defaut, taux_penalite_estime,
)

BASE_JOURS = Decimal(365)
_DIVISEUR = 100 * BASE_JOURS  # taux en pour cent, base 365 : calculé une fois, pas à chaque ligne
INDEMNITE_FORFAITAIRE = Decimal("40.00")  # C. com. art. D441-5
PRESCRIPTION_ANS = 5  # C. com. art. L110-4
IMPUTATION_INTERETS = "interets"  # C. civ. art. 1343-1, règle par défaut
IMPUTATION_PRINCIPAL = "principal"  # convention contraire des parties
ZERO = Decimal("0.00")
UN_JOUR = dt.timedelta(days=1)


@dataclass(frozen=True)
class Acompte:
    date: dt.date
    montant: Decimal


class AcompteQuiSolde(Exception):
    """Un « acompte » qui paie tout ce qui est dû à sa date : c'est le paiement, dont la date arrête
    le décompte (L441-10 II : les pénalités courent jusqu'au paiement). Ce qui était dû ce jour-là :
    `principal`, et `penalites` échues qu'il payait d'abord (imputation C. civ. 1343-1)."""

    def __init__(self, acompte: Acompte, principal: Decimal, penalites: Decimal):
        super().__init__(acompte, principal, penalites)
        self.acompte, self.principal, self.penalites = acompte, principal, penalites


@dataclass(frozen=True, slots=True)
class Ligne:
    """Une ligne du décompte : une assiette et un taux constants sur une suite de jours."""

    debut: dt.date
    fin: dt.date
    assiette: Decimal
    taux: Taux
    semestre: Semestre
    contractuel: bool
    hypothese: bool  # taux prolongé au-delà des données, à la demande de l'utilisateur
    # Arrondi une fois, à la création : lu par le décompte puis par chaque total (des centaines de
    # milliers de lignes d'un grand livre) ; un `cached_property` prenait un verrou à chaque lecture.
    montant: Decimal = field(init=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "montant", au_centime(self.exact))

    @property
    def jours(self) -> int:
        return (self.fin - self.debut).days + 1

    @property
    def exact(self) -> Decimal:
        return self.assiette * self.taux.valeur * self.jours / _DIVISEUR


@dataclass(frozen=True)
class Imputation:
    """Ce qu'un acompte a payé (C. civ. art. 1343-1) et le principal qui reste après lui."""

    acompte: Acompte
    sur_penalites: Decimal
    sur_principal: Decimal
    principal_apres: Decimal


@dataclass(frozen=True)
class Plancher:
    """Semestre où le taux appliqué (contractuel, ou par défaut en 2024) est sous 3 × le taux légal
    (créancier professionnel)."""

    semestre: Semestre
    taux_legal: Taux

    @property
    def valeur(self) -> Decimal:
        return PLANCHER_MULTIPLE * self.taux_legal.valeur


@dataclass
class Decompte:
    montant: Decimal
    echeance: dt.date
    paiement: dt.date
    acomptes: tuple[Acompte, ...]
    taux_contractuel: Decimal | None
    imputation: str = IMPUTATION_INTERETS
    bareme: object = None  # semestre → Taux, à la place du taux par défaut (comparaisons)
    lignes: list[Ligne] = field(default_factory=list)
    imputations: list[Imputation] = field(default_factory=list)
    planchers: list[Plancher] = field(default_factory=list)
    planchers_inconnus: list[Semestre] = field(default_factory=list)  # taux légal pas encore dans les tables
    # Sans clause, semestres où le taux par défaut est sous le plancher (2024) : question ouverte.
    defaut_sous_plancher: list[Plancher] = field(default_factory=list)

    @property
    def jours_retard(self) -> int:
        return max((self.paiement - self.echeance).days, 0)

    @property
    def penalites(self) -> Decimal:
        return sum([ligne.montant for ligne in self.lignes], ZERO)

    @property
    def estimation(self) -> bool:
        """Une période au moins au dernier taux connu, prolongé à la demande (`prolonger`)."""
        return any(ligne.hypothese for ligne in self.lignes)

    @property
    def penalites_payees(self) -> Decimal:
        """Part des pénalités déjà réglée par les acomptes (imputation 1343-1)."""
        return sum((i.sur_penalites for i in self.imputations), ZERO)

    @property
    def penalites_restantes(self) -> Decimal:
        return self.penalites - self.penalites_payees

    @property
    def principal_restant(self) -> Decimal:
        """Principal encore dû après les acomptes (avant le paiement du solde)."""
        return self.imputations[-1].principal_apres if self.imputations else self.montant

    @property
    def indemnite(self) -> Decimal:
        """40 € dès le premier jour de retard, une fois par facture (D441-5)."""
        return INDEMNITE_FORFAITAIRE if self.jours_retard > 0 else Decimal("0.00")

    @property
    def taux_non_confirmes(self) -> list[Taux]:
        """Les taux de ce décompte non confirmés, et ceux des lectures qu'il chiffre à côté : le
        plancher, et le taux par défaut quand le taux contractuel est sous le plancher."""
        planchers = self.planchers + self.defaut_sous_plancher
        autres = [p.taux_legal for p in planchers]
        if self.planchers:
            for semestre in dict.fromkeys(ligne.semestre for ligne in self.lignes):
                try:
                    autres.append(taux_penalite_defaut(semestre))
                except TauxInconnu:  # au-delà des tables : cette lecture n'est pas chiffrée
                    pass
        vus: dict[str, Taux] = {}
        for taux in [ligne.taux for ligne in self.lignes] + autres:
            if not taux.confirme:
                vus.setdefault(taux, taux)
        return list(vus.values())


def _bornes(echeance: dt.date, paiement: dt.date, acomptes: tuple[Acompte, ...]) -> list:
    """Coupe [lendemain de l'échéance, paiement] aux fins de semestre et aux jours d'acompte :
    (début, fin, semestre) de chaque ligne."""
    coupures = sorted({a.date for a in acomptes if echeance < a.date < paiement}) if acomptes else ()
    if not coupures:  # le cas courant
        return _semestres(echeance, paiement)
    bornes = []
    for debut, fin, semestre in _semestres(echeance, paiement):
        for coupure in coupures:
            if debut <= coupure < fin:
                bornes.append((debut, coupure, semestre))
                debut = coupure + UN_JOUR
        bornes.append((debut, fin, semestre))
    return bornes


def _semestres(echeance: dt.date, paiement: dt.date) -> list:
    """Coupe [lendemain de l'échéance, paiement] aux fins de semestre : (début, fin, semestre)."""
    bornes = []
    debut = echeance + UN_JOUR
    while debut <= paiement:
        semestre, fin = _semestre_et_fin(debut)
        if paiement < fin:
            fin = paiement
        bornes.append((debut, fin, semestre))
        debut = fin + UN_JOUR
    return bornes


# `Semestre.de` puis `.fin` créent deux objets à chaque ligne (mesuré : 1,6 µs) ; un grand livre n'a
# que quelques milliers de jours distincts pour des dizaines de milliers de factures en retard. Garder
# les couples (échéance, paiement) n'allait pas plus vite et en gardait 22 340 (un million de lignes).
@lru_cache(maxsize=1 << 12)
def _semestre_et_fin(jour: dt.date) -> tuple[Semestre, dt.date]:
    semestre = Semestre.de(jour)
    return semestre, semestre.fin


def _taux_du_semestre(semestre: Semestre, prolonger: bool) -> tuple[Taux, bool]:
    try:
        return taux_penalite_defaut(semestre), False
    except TauxInconnu:
        if not prolonger:
            raise
    return taux_penalite_estime(semestre), True


def calculer(
    montant: Decimal,
    echeance: dt.date,
    paiement: dt.date,
    acomptes: tuple[Acompte, ...] = (),
    taux_contractuel: Decimal | None = None,
    prolonger: bool = False,
    imputation: str = IMPUTATION_INTERETS,
    bareme=None,
) -> Decompte:
    """Décompte des pénalités de retard d'une facture.

    Les saisies sont supposées valides (voir `calculators.penalites.champs`). Lève `TauxInconnu`
    si un jour de retard tombe après la fin des tables et que `prolonger` est faux. `bareme`
    (semestre → Taux) remplace le taux par défaut, pour comparer (voir `taux_plancher`).

    >>> d = calculer(Decimal("10000"), dt.date(2023, 11, 30), dt.date(2024, 1, 31))
    >>> [(l.jours, l.taux.valeur, l.montant) for l in d.lignes]
    [(31, Decimal('14.00'), Decimal('118.90')), (31, Decimal('14.50'), Decimal('123.15'))]
    >>> d.penalites, d.indemnite
    (Decimal('242.05'), Decimal('40.00'))

    C. civ. 1343-1 : 4 000 € versés le 15/12/2023 paient d'abord les 57,53 € échus (15 jours à
    14 % sur 10 000 €) ; le principal tombe à 6 057,53 € :

    >>> d = calculer(Decimal("10000"), dt.date(2023, 11, 30), dt.date(2024, 1, 31),
    ...              (Acompte(dt.date(2023, 12, 15), Decimal("4000")),))
    >>> d.imputations[0].sur_penalites, d.principal_restant, d.penalites
    (Decimal('57.53'), Decimal('6057.53'), Decimal('169.30'))

    La valeur faciale, 10 000 €, versée le 15/12/2023 laisse donc 57,53 € de principal ; 10 057,53 € soldent
    tout : c'est le paiement, pas un acompte.

    >>> calculer(Decimal("10000"), dt.date(2023, 11, 30), dt.date(2024, 1, 31),
    ...          (Acompte(dt.date(2023, 12, 15), Decimal("10000")),)).imputations[0].principal_apres
    Decimal('57.53')
    >>> calculer(Decimal("10000"), dt.date(2023, 11, 30), dt.date(2024, 1, 31),
    ...          (Acompte(dt.date(2023, 12, 15), Decimal("10057.53")),))
    Traceback (most recent call last):
    ...
    calculators.penalites.regles.AcompteQuiSolde: (Acompte(date=datetime.date(2023, 12, 15), montant=Decimal('10057.53')), Decimal('10000'), Decimal('57.53'))
    """
    acomptes = tuple(sorted(acomptes, key=lambda a: a.date)) if len(acomptes) > 1 else tuple(acomptes)
    decompte = Decompte(montant, echeance, paiement, acomptes, taux_contractuel, imputation, bareme=bareme)
    reste, echues = montant, ZERO  # principal dû, pénalités échues non payées
    for acompte in acomptes:
        if acompte.date <= echeance:  # avant tout retard : tout sur le principal
            reste = _imputer(decompte, acompte, reste, ZERO)[0]
    for debut, fin, semestre in _bornes(echeance, paiement, acomptes):
        ligne = _ligne(decompte, debut, fin, semestre, reste, prolonger)
        decompte.lignes.append(ligne)
        echues += ligne.montant
        # Un acompte du jour du paiement (ou d'aujourd'hui, sans paiement saisi) compte aussi :
        # ce jour-là a porté intérêt, puis l'acompte s'impute, sur les pénalités d'abord.
        for acompte in acomptes:
            if acompte.date == fin:
                reste, echues = _imputer(decompte, acompte, reste, echues)
    return decompte


def _ligne(decompte: Decompte, debut: dt.date, fin: dt.date, semestre: Semestre, assiette: Decimal,
           prolonger: bool) -> Ligne:
    """Ligne de `debut` à `fin` (dans `semestre`) : taux contractuel (plancher contrôlé) ou taux
    L441-10 II du semestre."""
    if decompte.bareme is not None:
        return Ligne(debut, fin, assiette, decompte.bareme(semestre), semestre, False, False)
    if decompte.taux_contractuel is None:
        taux, hypothese = _taux_du_semestre(semestre, prolonger)
        # Une fois par semestre : les lignes vont dans l'ordre du temps, un semestre déjà vu est le dernier.
        if not hypothese and (not decompte.lignes or decompte.lignes[-1].semestre != semestre):
            plancher = plancher_au_dessus_du_defaut(semestre)
            if plancher is not None:
                decompte.defaut_sous_plancher.append(plancher)
        return Ligne(debut, fin, assiette, taux, semestre, False, hypothese)
    taux = Taux(valeur=decompte.taux_contractuel, confirme=True, source="clause contractuelle", citation="",
                article="L441-10")
    if semestre not in {ligne.semestre for ligne in decompte.lignes if ligne.contractuel}:
        _controler_plancher(decompte, semestre)
    return Ligne(debut, fin, assiette, taux, semestre, True, False)


def _imputer(decompte: Decompte, acompte: Acompte, reste: Decimal, echues: Decimal) -> tuple[Decimal, Decimal]:
    """C. civ. art. 1343-1 : l'acompte paie d'abord les pénalités échues (sauf convention), puis le
    principal ; s'il n'en laisse rien, c'est le paiement (`AcompteQuiSolde`). La valeur faciale payée en
    retard n'en est pas un : les pénalités échues prises d'abord, une part du principal reste due."""
    sur_penalites = min(acompte.montant, echues) if decompte.imputation == IMPUTATION_INTERETS else ZERO
    sur_principal = acompte.montant - sur_penalites
    if sur_principal >= reste:
        raise AcompteQuiSolde(acompte, reste, sur_penalites)
    decompte.imputations.append(Imputation(acompte, sur_penalites, sur_principal, reste - sur_principal))
    return reste - sur_principal, echues - sur_penalites


def taux_plancher(semestre: Semestre) -> Taux:
    """L441-10 II : le plancher d'un taux contractuel, 3 fois le taux légal (professionnels) du semestre.

    >>> taux_plancher(Semestre(2024, 1)).valeur   # 3 × 5,07 %
    Decimal('15.21')
    """
    legal = taux_legal(semestre, "professionnels")
    return Taux(valeur=PLANCHER_MULTIPLE * legal.valeur, confirme=legal.confirme, source=legal.source,
                citation=legal.citation, article="L441-10", semestre=semestre)


@cache  # les tables ne changent pas pendant un calcul ; une analyse de grand livre en demande des milliers
def plancher_au_dessus_du_defaut(semestre: Semestre) -> Plancher | None:
    """L441-10 II soumet au plancher de 3 × le taux légal la seule « disposition contraire » (une clause) ;
    aux deux semestres de 2024, ce plancher dépassait le taux par défaut, BCE + 10 points : question
    ouverte, que le calcul signale (legal.md §8, question 4). None si le plancher est en dessous, ou
    le taux légal pas encore dans les tables.

    >>> plancher_au_dessus_du_defaut(Semestre(2024, 1)).valeur   # 3 × 5,07 % > 14,50 %
    Decimal('15.21')
    >>> plancher_au_dessus_du_defaut(Semestre(2023, 2)) is None  # 3 × 2,06 % < 14,00 %
    True
    """
    try:
        plancher = Plancher(semestre, taux_legal(semestre, "professionnels"))
    except TauxInconnu:
        return None
    return plancher if plancher.valeur > taux_penalite_defaut(semestre).valeur else None


def _controler_plancher(decompte: Decompte, semestre: Semestre) -> None:
    """L441-10 II : une clause ne peut fixer un taux inférieur à 3 fois le taux légal."""
    try:
        legal = taux_legal(semestre, "professionnels")
    except TauxInconnu:
        decompte.planchers_inconnus.append(semestre)
        return
    if decompte.taux_contractuel < PLANCHER_MULTIPLE * legal.valeur:
        decompte.planchers.append(Plancher(semestre, legal))


def ajouter_ans(jour: dt.date, ans: int) -> dt.date:
    """Même quantième `ans` années plus tard ; un 29 février devient le 28.

    >>> ajouter_ans(dt.date(2024, 2, 29), 5)
    datetime.date(2029, 2, 28)
    """
    try:
        return jour.replace(year=jour.year + ans)
    except ValueError:
        return jour.replace(year=jour.year + ans, day=28)


def prescription_acquise(echeance: dt.date, jour: dt.date) -> bool:
    """L110-4 (cinq ans entre commerçants) et C. civ. art. 2229 : acquise le lendemain du dernier jour.

    Le délai court de l'exigibilité (l'échéance) et son dernier jour est le même quantième cinq
    ans plus tard : une créance échue le 30/11/2023 peut encore être réclamée le 30/11/2028.

    >>> prescription_acquise(dt.date(2023, 11, 30), dt.date(2028, 11, 30))
    False
    >>> prescription_acquise(dt.date(2023, 11, 30), dt.date(2028, 12, 1))
    True
    """
    return jour > ajouter_ans(echeance, PRESCRIPTION_ANS)


def comparaisons_plancher(arguments: dict) -> dict:
    """Taux sous le plancher (L441-10 II) : la loi interdit la clause sans dire ce qui la remplace ; on
    chiffre les deux lectures possibles plutôt que d'en choisir une (« plancher », « defaut » :
    pénalités ; `arguments` : ceux de `calculer`). Sans clause, le taux par défaut sous le plancher
    (2024) : la lecture « plancher » seule. Calculateur de pénalités et poste clients."""
    resultats = {}
    contrat = arguments["taux_contractuel"]

    def releve_au_plancher(semestre):
        # Le taux du contrat (ou par défaut) relevé au plancher là où il est en dessous, gardé ailleurs :
        # appliquer le plancher à tous les semestres donnait, ceux où il est plus bas, moins que le taux.
        if contrat is None:
            defaut, _ = _taux_du_semestre(semestre, arguments.get("prolonger", False))
            return defaut if plancher_au_dessus_du_defaut(semestre) is None else taux_plancher(semestre)
        plancher = taux_plancher(semestre)
        return plancher if plancher.valeur > contrat else replace(plancher, valeur=contrat)

    lectures = (("plancher", {"bareme": releve_au_plancher}), ("defaut", {}))
    for cle, modif in lectures if contrat is not None else lectures[:1]:
        try:
            resultats[cle] = calculer(**{**arguments, "taux_contractuel": None, **modif}).penalites
        except (TauxInconnu, AcompteQuiSolde):
            continue  # au-delà des tables, ou un acompte qui solde tout à ce taux : lecture non chiffrée
    return resultats
