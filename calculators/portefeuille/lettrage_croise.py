"""Codes de lettrage qui citent la pièce d'en face, au lieu d'un code commun à la facture et à son
règlement.

Le FEC (LPF art. A47 A-1) ne dit que « EcritureLet : lettrage ». Deux logiciels de Microsoft y écrivent
autre chose qu'un code partagé :

- Business Central (extension « FEC Audit File », et le rapport 10885 de NAV) : sur chaque ligne, les
  numéros de document des écritures qui lui sont appliquées, séparés par « ; » ; la facture porte le
  numéro du règlement, le règlement celui de la facture (« INV1;INV2 » pour un règlement de deux
  factures). Aucun code n'est commun aux deux lignes.
- Dynamics 365 Finance : le règlement porte son propre numéro de pièce, la facture ceux des règlements
  qui la soldent, séparés par « , ».

Lus comme des codes ordinaires, chaque facture y paraissait sans règlement, et chaque règlement allait
par antériorité à la plus ancienne facture ouverte, pas à celle qu'il a payée. Les codes sont donc
réunis, compte par compte : les numéros d'une liste ensemble ; un code qui n'apparaît que d'un côté
(débits ou crédits) avec celui de la ligne d'en face dont il est le numéro de pièce, si ce code-là
n'apparaît lui aussi que de son côté. Cette dernière condition garde un FEC ordinaire aux codes
numériques (« 12 ») d'une réunion de hasard avec une pièce « 12 » : dans un lettrage ordinaire, le code
d'une ligne lettrée se retrouve des deux côtés.
"""

from __future__ import annotations

import re

_LISTE = re.compile(r"[;,]")


def _numeros(code: str) -> list:
    """Les numéros d'un code : lui-même, ou ceux de sa liste (« P1;P2 », « P1,P2 »)."""
    return [n.strip() for n in _LISTE.split(code) if n.strip()] or [code]


def _citations_mutuelles(mouvements: list, numeros: dict) -> list:
    """Business Central : les paires de codes de lignes lettrées d'un seul côté (`numeros` : numéro →
    1 débit, 2 crédit, 3 les deux) qui se citent l'une l'autre, la facture par la pièce du règlement, le
    règlement par celle de la facture. Toutes les lignes d'une pièce comptent (le résultat ne dépend pas
    de leur ordre), et une citation dans un seul sens ne réunit rien."""
    pieces: dict[tuple, set] = {}        # (pièce, côté) → codes des lignes de cette pièce
    pieces_du_code: dict[str, set] = {}  # code → pièces des lignes qui le portent
    for m in mouvements:
        if m.lettre and m.piece and numeros.get(m.lettre) in (1, 2):
            pieces.setdefault((m.piece, numeros[m.lettre]), set()).add(m.lettre)
            pieces_du_code.setdefault(m.lettre, set()).add(m.piece)
    return [(code, en_face) for code, cites in pieces_du_code.items()
            for numero in _numeros(code) for en_face in pieces.get((numero, 3 - numeros[code]), ())
            if cites & set(_numeros(en_face))]


def codes_reunis(mouvements: list) -> tuple[dict[str, str], int]:
    """Code de lettrage → code de son groupe, pour les seuls codes à réunir (vide dans le cas courant,
    sans coût notable), et le nombre de groupes formés de plusieurs codes.

    >>> from calculators.portefeuille.modele import Mouvement
    >>> from decimal import Decimal as D
    >>> import datetime as dt
    >>> j = dt.date(2025, 10, 1)
    >>> bc = [Mouvement("clients", "C1", j, j, D("600.00"), "facture", "ENC0001", "103002"),
    ...       Mouvement("clients", "C1", j, j, D("-600.00"), "reglement", "103002", "ENC0001")]
    >>> codes_reunis(bc)
    ({'ENC0001': '103002', '103002': '103002'}, 1)
    >>> ordinaire = [Mouvement("clients", "C1", j, j, D("600.00"), "facture", "12", "15"),
    ...              Mouvement("clients", "C1", j, j, D("-600.00"), "reglement", "12", "P1")]
    >>> codes_reunis(ordinaire)
    ({}, 0)
    """
    cotes: dict[str, int] = {}  # code → 1 débit, 2 crédit, 3 les deux
    for m in mouvements:
        if m.lettre:
            cotes[m.lettre] = cotes.get(m.lettre, 0) | (1 if m.montant > 0 else 2)
    listes = [code for code in cotes if ";" in code or "," in code]
    if not listes and all(cote == 3 for cote in cotes.values()):
        return {}, 0  # le cas courant : chaque code lettre une facture et son règlement
    parent: dict[str, str] = {}

    def racine(code: str) -> str:
        while parent.get(code, code) != code:
            code = parent[code]
        return code

    def unir(a: str, b: str) -> None:
        ra, rb = racine(a), racine(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    # Côté de chaque numéro, une fois les listes découpées (D365 : la facture « P1,P2 », les règlements « P1 », « P2 »).
    numeros: dict[str, int] = dict(cotes)
    for code in listes:
        for numero in _numeros(code):
            numeros[numero] = numeros.get(numero, 0) | cotes[code]
            unir(code, numero)
    for code, en_face in _citations_mutuelles(mouvements, numeros):
        unir(code, en_face)
    groupes: dict[str, str] = {}
    parents = set(parent.values())  # une fois : des milliers de codes dans un compte
    for code in cotes:
        if parent.get(code, code) != code or code in parents:
            groupes[code] = racine(code)
    return groupes, len(set(groupes.values()))
