"""Les règles propres aux lettres : quelles factures chiffrer, leurs totaux, les dates et le tribunal qu'elles citent.

Les montants eux-mêmes (pénalités, intérêts moratoires, indemnité, reste dû après acomptes,
échéances) viennent des calculateurs de pénalités, d'intérêts moratoires et d'échéancier (voir
`calculs`) : ici, on ne fait que les répartir et les additionner. Rien n'est mis en forme.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from ..commun.argent import CENTIME

ZERO = Decimal("0.00")

# Qualité d'une partie, pour le tribunal de l'injonction de payer (C. com. L721-3, CPC 1406).
COMMERCANT, ARTISAN, AUTRE = "commercant", "artisan", "autre"
TRIBUNAL_COMMERCE, TRIBUNAL_JUDICIAIRE, TRIBUNAL_A_VERIFIER = "commerce", "judiciaire", "a-verifier"


@dataclass(frozen=True)
class Facture:
    rang: int
    numero: str
    date: dt.date | None
    montant: Decimal
    echeance: dt.date | None
    paiement: dt.date | None
    acomptes: tuple[dict, ...]  # ({date, montant}, …), repassés au calculateur

    @property
    def nom(self) -> str:
        """Ce qui la désigne dans un message : son numéro, à défaut son rang dans la lettre."""
        return self.numero or f"n° {self.rang}"


@dataclass(frozen=True)
class Calcul:
    """Ce que la lettre reprend, pour une facture, du calculateur de pénalités (C. com. L441-10 II)
    ou d'intérêts moratoires (C. commande publique R2192-31) : des montants déjà calculés."""

    jours: int
    taux: tuple[Decimal, ...]  # taux annuels appliqués, dans l'ordre
    interets: Decimal  # pénalités ou intérêts moratoires courus
    interets_restants: Decimal  # ce que les acomptes n'en ont pas déjà réglé (C. civ. 1343-1)
    indemnite: Decimal  # 40 € (D441-5 ou D2192-35), 0 sans retard
    principal_restant: Decimal  # après les acomptes
    acomptes: tuple[dict, ...]  # tels que rendus par le calculateur (chaînes)
    avertissements: tuple[str, ...]  # ceux du calculateur, repris par la lettre


@dataclass(frozen=True)
class FactureChiffree:
    facture: Facture
    calcul: Calcul | None  # ce qu'a rendu le calculateur, s'il a été appelé
    chiffree: bool  # la lettre réclame ses pénalités (ou intérêts moratoires) et son indemnité

    @property
    def penalites(self) -> Calcul | None:
        return self.calcul if self.chiffree else None

    @property
    def penalites_dues(self) -> Decimal:
        """Pénalités que la lettre réclame : celles que les acomptes n'ont pas déjà payées (C. civ. 1343-1,
        imputation faite par le calculateur de pénalités)."""
        return self.penalites.interets_restants if self.penalites else ZERO

    @property
    def restant(self) -> Decimal:
        """Principal encore dû avant le paiement : celui du calculateur s'il y a des acomptes."""
        if self.calcul and self.facture.acomptes:
            return self.calcul.principal_restant
        return self.facture.montant

    @property
    def du(self) -> Decimal:
        """Principal encore dû à la date de la lettre : rien si la facture est payée."""
        return ZERO if self.facture.paiement else self.restant


@dataclass(frozen=True)
class Chiffres:
    factures: tuple[FactureChiffree, ...]
    principal: Decimal  # somme des factures TTC
    principal_du: Decimal  # ce qui en reste dû, acomptes déduits
    penalites: Decimal
    indemnites: Decimal
    plan: dict | None = None  # résultat du calculateur d'échéancier, pour la proposition d'échéancier

    @property
    def accessoires(self) -> Decimal:
        return self.penalites + self.indemnites

    @property
    def total(self) -> Decimal:
        return self.principal_du + self.accessoires

    def a_etaler(self, avec_penalites: bool) -> Decimal:
        """Somme étalée par l'échéancier : le principal dû, et les accessoires s'ils sont réclamés."""
        return self.total if avec_penalites else self.principal_du


def meme_numero(numero: str) -> str:
    """La forme d'un numéro de facture qui sert à reconnaître la même facture : « F 2025-01 » et
    « f2025-01 » sont la même (espaces et casse ignorés, comme on les retape)."""
    return "".join(numero.split()).casefold()


def a_chiffrer(f: Facture, avec_calcul: bool) -> bool:
    """Le calculateur est appelé pour une facture échue si la lettre chiffre les pénalités, et
    toujours si elle a des acomptes : le reste dû est alors le sien."""
    return f.echeance is not None and (avec_calcul or bool(f.acomptes))


def totaliser(factures: tuple[FactureChiffree, ...]) -> Chiffres:
    return Chiffres(
        factures=factures,
        principal=sum((f.facture.montant for f in factures), ZERO),
        principal_du=sum((f.du for f in factures), ZERO),
        penalites=sum((f.penalites_dues for f in factures), ZERO),
        indemnites=sum((f.penalites.indemnite for f in factures if f.penalites), ZERO),
    )


def tranches_moratoires(f: Facture, fin: dt.date) -> tuple[tuple[Decimal, dt.date], ...]:
    """Sommes d'une demande de paiement et jour où chacune est payée : les intérêts moratoires courent
    sur chaque somme jusqu'à son paiement (C. commande publique L2192-13). Chaque acompte est une
    tranche ; le reste est payé le `fin` (paiement du solde, ou date de la lettre). Les acomptes
    doivent laisser un reste (sinon le dernier versement est le paiement) : ValueError.

    >>> f = Facture(1, "F1", None, Decimal("10000.00"), dt.date(2023, 11, 30), None,
    ...             ({"date": dt.date(2023, 12, 15), "montant": Decimal("4000.00")},))
    >>> [(str(m), j.isoformat()) for m, j in tranches_moratoires(f, dt.date(2024, 1, 31))]
    [('4000.00', '2023-12-15'), ('6000.00', '2024-01-31')]
    """
    reste = f.montant - sum((a["montant"] for a in f.acomptes), ZERO)
    if reste <= 0:
        raise ValueError("les acomptes soldent la facture : le dernier est le paiement")
    return tuple((a["montant"], a["date"]) for a in f.acomptes) + ((reste, fin),)


def bases_echeancier(principal_et_indemnites: Decimal, penalites: Decimal,
                     acompte: Decimal) -> tuple[tuple[Decimal, Decimal, bool], ...]:
    """Ce qui porte intérêt dans un échéancier à taux, et ce qui n'en porte pas : (montant, acompte,
    avec intérêts), dans cet ordre.

    Les pénalités de retard sont des intérêts moratoires : échues, elles ne produisent intérêt que si
    elles sont dues pour une année entière et si le contrat le prévoit (C. civ. art. 1343-2). La
    lettre ne les capitalise jamais : elles sont étalées sans intérêts. L'indemnité forfaitaire de
    40 € n'est pas un intérêt mais un forfait de frais de recouvrement (C. com. L441-10 II, D441-5) :
    elle porte intérêt avec le principal. L'acompte à la signature règle d'abord les pénalités, comme
    tout paiement partiel (C. civ. art. 1343-1) ; une part entièrement réglée disparaît.

    >>> bases_echeancier(Decimal("1040.00"), Decimal("24.21"), Decimal("0.00"))
    ((Decimal('1040.00'), Decimal('0.00'), True), (Decimal('24.21'), Decimal('0.00'), False))
    >>> bases_echeancier(Decimal("1040.00"), Decimal("24.21"), Decimal("100.00"))
    ((Decimal('1040.00'), Decimal('75.79'), True),)
    """
    sur_penalites = min(acompte, penalites)
    parts = ((principal_et_indemnites, acompte - sur_penalites, True), (penalites, sur_penalites, False))
    return tuple(p for p in parts if p[0] > p[1])


def centimes_sur_les_premieres(montant: Decimal, dates: list[str]) -> dict:
    """Des pénalités de quelques centimes à étaler sans intérêts sur plus d'échéances qu'elles n'ont
    de centimes (le calculateur d'échéancier refuse une échéance de moins d'un centime) : un centime
    sur chacune des premières échéances, rien sur les suivantes ; aux dates du plan à taux.

    >>> p = centimes_sur_les_premieres(Decimal("0.03"), ["2024-02-29", "2024-03-29", "2024-04-29", "2024-05-29"])
    >>> [e["montant"] for e in p["echeances"]], p["taux"]
    (['0.01', '0.01', '0.01', '0.00'], '0')
    """
    centimes = int(montant * 100)
    return {"montant": str(montant), "taux": "0", "nombre": len(dates),
            "echeances": [{"rang": rang, "date": date, "montant": str(CENTIME if rang <= centimes else ZERO)}
                          for rang, date in enumerate(dates, start=1)]}


def fusionner_plans(plans: list[dict], montant: Decimal, acompte: Decimal) -> dict:
    """Un seul échéancier à partir de plans de mêmes dates (même nombre, même première échéance, même
    rythme) : chaque échéance est la somme des échéances de même rang ; le total payé, l'acompte
    plus toutes les échéances. Les plans sont ceux du calculateur d'échéancier, tels quels.

    >>> a = {"taux": "12", "echeances": [{"rang": 1, "date": "2024-02-29", "montant": "527.81"}]}
    >>> b = {"taux": "0", "echeances": [{"rang": 1, "date": "2024-02-29", "montant": "12.11"}]}
    >>> fusionner_plans([a, b], Decimal("1064.21"), ZERO)["echeances"]
    [{'rang': 1, 'date': '2024-02-29', 'montant': '539.92'}]
    """
    dates = [[e["date"] for e in p["echeances"]] for p in plans]
    if any(d != dates[0] for d in dates):
        raise ValueError("plans de dates différentes : ils ne s'additionnent pas")
    echeances = [{"rang": rang, "date": date,
                  "montant": str(sum((Decimal(p["echeances"][rang - 1]["montant"]) for p in plans), ZERO))}
                 for rang, date in enumerate(dates[0], start=1)]
    total = acompte + sum((Decimal(e["montant"]) for e in echeances), ZERO)
    return {"montant": str(montant), "acompte": str(acompte), "nombre": len(echeances),
            "taux": max((p["taux"] for p in plans), key=Decimal), "premiere": dates[0][0], "derniere": dates[0][-1],
            "echeances": echeances, "total_paye": str(total)}


def tribunal_competent(creancier: str, debiteur: str) -> str:
    """Juge de l'injonction de payer (CPC art. 1406 : dans la limite de sa compétence d'attribution).

    Le tribunal de commerce connaît des engagements entre commerçants, entre artisans, et entre
    commerçants et artisans (C. com. art. L721-3, 1°, artisans compris depuis le 01/01/2022) ; un
    client qui n'est ni l'un ni l'autre relève du tribunal judiciaire. Un créancier qui n'est ni
    commerçant ni artisan face à un client qui l'est : la loi ne tranche pas clairement, à vérifier.

    >>> tribunal_competent(ARTISAN, ARTISAN), tribunal_competent(COMMERCANT, AUTRE)
    ('commerce', 'judiciaire')
    >>> tribunal_competent(AUTRE, COMMERCANT)
    'a-verifier'
    """
    if debiteur == AUTRE:
        return TRIBUNAL_JUDICIAIRE
    return TRIBUNAL_COMMERCE if creancier in (COMMERCANT, ARTISAN) else TRIBUNAL_A_VERIFIER


def date_limite(date_lettre: dt.date, delai: int) -> dt.date:
    """Date limite de paiement laissée par une mise en demeure : `delai` jours après la lettre (C. civ. 1344)."""
    return date_lettre + dt.timedelta(days=delai)
