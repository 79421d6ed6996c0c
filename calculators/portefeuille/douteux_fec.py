"""Créances virées en clients douteux ou litigieux (PCG, compte 416) : suivies avec leur client.

Quand un client ne paie pas, le comptable vire sa créance du compte 411 au compte 416 (écriture
« 416 au débit, 411 au crédit », souvent en fin d'exercice, avec une provision au 491). La créance
n'est ni payée ni éteinte : c'est toujours la facture d'origine, avec sa date et son échéance,
qu'on réclame, dont les pénalités courent (C. com. art. L441-10) et qui reste « non réglée à la
date de clôture » dans le tableau D441-6 I. Lu comme un règlement, ce virement la faisait sortir
de la balance âgée et des relances, arrêtait ses pénalités au jour du virement et la comptait
« réglée en retard » au D441-6 II.

D'où : les lignes 416 sont lues avec celles du client (`LecteurFec`), et un virement entre ses
comptes 411 et 416 — lignes d'un même tiers qui s'annulent dans une écriture — n'est ni un
règlement ni un débit : il est écarté. Les règlements ou pertes passés ensuite au 416 soldent la
facture restée ouverte. Sans compte auxiliaire commun (411DUPONT puis 416DUPONT), un virement
d'un seul client vers un seul compte 416 encore inconnu rattache ce compte au client ; un compte
416 qui recevrait plusieurs clients reste à part, et son virement est lu comme avant (signalé).

Codes de lettrage : chaque compte a les siens (« A » au 411 et « A » au 416 ne se répondent pas).
Ceux du 416 sont donc distingués ; celui que porte la ligne 416 du virement est rattaché au code
de la ligne 411 qu'il remplace, pour que le règlement lettré au 416 solde la bonne facture.
"""

from __future__ import annotations

from sys import intern

from .ecritures import tiers_de
from .modele import ZERO

DOUTEUX = "416"  # PCG : clients douteux ou litigieux
_SUFFIXE = "\u00b7416"  # code de lettrage d'un compte 416, distinct de ceux du 411


def suit_le_416(clients: tuple) -> bool:
    """Des préfixes clients qui prennent des comptes 416 (« 416 », « 41 », « 4161 »)."""
    return any(DOUTEUX.startswith(p) or p.startswith(DOUTEUX) for p in clients)


def prefixes_clients(clients: tuple) -> tuple:
    """Les préfixes lus du côté clients : ceux saisis, plus 416 quand ils désignent des comptes 411
    (le cas par défaut) ; des préfixes qui couvrent déjà le 416 (« 41 ») ou qui ne sont pas des
    comptes clients du plan comptable (« 418 », clients, produits non encore facturés) sont
    laissés tels quels.

    >>> prefixes_clients(("411",)), prefixes_clients(("411", "416")), prefixes_clients(("41",))
    (('411', '416'), ('411', '416'), ('41',))
    >>> prefixes_clients(("411000", "4191")), prefixes_clients(("418",))
    (('411000', '4191', '416'), ('418',))
    """
    if suit_le_416(clients):
        return tuple(clients)
    if any(p.startswith("411") or "411".startswith(p) for p in clients):
        return tuple(clients) + (DOUTEUX,)
    return tuple(clients)


class Reclassements:
    """Les virements 411 ↔ 416 d'un FEC, lus écriture après écriture."""

    def __init__(self, clients: tuple, i_aux: int, i_lettre: int):
        self.clients, self.i_aux, self.i_lettre = clients, i_aux, i_lettre
        self.suivis = suit_le_416(clients)
        self.comptes: dict[str, str] = {}  # tiers d'un compte 416 → tiers du client (sans auxiliaire commun)
        self.lettres: dict[tuple, str] = {}  # (tiers, code du 416) → code du 411 remplacé
        self.virements = 0
        self.ambigus = 0

    def tiers(self, champs: list, compte: str) -> str:
        """Le tiers d'une ligne : CompAuxNum, à défaut le compte ; un compte 416 rattaché, son client."""
        tiers = tiers_de(champs, compte, self.i_aux)
        return self.comptes.get(tiers, tiers)

    def lettre(self, tiers: str, compte: str, lettre: str) -> str:
        """Le code de lettrage d'une ligne client, distingué s'il est celui d'un compte 416."""
        if not lettre or not compte.startswith(DOUTEUX):
            return lettre
        return self.lettres.get((tiers, lettre)) or intern(lettre + _SUFFIXE)

    def ecarter(self, lignes: list, deja_vus) -> list:
        """Les lignes de tiers d'une écriture (voir `ecritures.Ecriture.tiers`), sans ses virements
        entre comptes 411 et 416 d'un même client ; `deja_vus(tiers)` : ce tiers a-t-il déjà des
        mouvements (un compte 416 déjà utilisé n'est pas rattaché à un client)."""
        groupes: dict[str, list] = {}
        for ligne in lignes:
            if ligne[1].startswith(self.clients):
                groupes.setdefault(self.tiers(ligne[0], ligne[1]), []).append(ligne)
        ecartees = [g for g in groupes.values() if _virement(g)]
        restants = {t: g for t, g in groupes.items() if not any(g is e for e in ecartees)}
        if len(restants) == 2:
            (t1, g1), (t2, g2) = restants.items()
            if _tout_au_416(g1):
                (t1, g1), (t2, g2) = (t2, g2), (t1, g1)
            if _tout_au_416(g2) and not any(_au_416(ligne) for ligne in g1) and _virement(g1 + g2):
                if t2 in self.comptes or deja_vus(t2):
                    self.ambigus += 1  # un compte 416 déjà utilisé (autre client, à-nouveau) : lu comme avant
                else:
                    self.comptes[t2] = t1
                    ecartees.append(g1 + g2)
        if not ecartees:
            return lignes
        for groupe in ecartees:
            self._noter(groupe)
        retirees = {id(ligne) for g in ecartees for ligne in g}
        return [ligne for ligne in lignes if id(ligne) not in retirees]

    def _noter(self, groupe: list) -> None:
        """Compte le virement et rattache le code de lettrage de sa ligne 416 à celui de sa ligne 411."""
        self.virements += 1
        codes = {False: set(), True: set()}
        for champs, compte, *_ in groupe:
            code = champs[self.i_lettre].strip() if self.i_lettre < len(champs) else ""
            if code and code != "-":
                codes[compte.startswith(DOUTEUX)].add(code)
        if len(codes[False]) == 1 and len(codes[True]) == 1:
            tiers = self.tiers(groupe[0][0], groupe[0][1])
            self.lettres[(tiers, codes[True].pop())] = codes[False].pop()


def _au_416(ligne: tuple) -> bool:
    return ligne[1].startswith(DOUTEUX)


def _tout_au_416(groupe: list) -> bool:
    return all(_au_416(ligne) for ligne in groupe)


def _virement(groupe: list) -> bool:
    """Des lignes 411 et 416 qui s'annulent : un virement, ni règlement ni débit."""
    au_416 = sum(_au_416(ligne) for ligne in groupe)
    return 0 < au_416 < len(groupe) and not sum((ligne[3] for ligne in groupe), ZERO)
