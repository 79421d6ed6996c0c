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
        for numero in filter(None, (n.strip() for n in _LISTE.split(code))):
            numeros[numero] = numeros.get(numero, 0) | cotes[code]
            unir(code, numero)
    # Business Central : la pièce de chaque ligne lettrée d'un seul côté, citée de l'autre côté.
    pieces = {(m.piece, 1 if m.montant > 0 else 2): m.lettre for m in mouvements
              if m.lettre and m.piece and numeros.get(m.lettre) in (1, 2)}
    for numero, cote in numeros.items():
        if cote in (1, 2):
            en_face = pieces.get((numero, 3 - cote))
            if en_face is not None:
                unir(numero, en_face)
    groupes: dict[str, str] = {}
    for code in cotes:
        if parent.get(code, code) != code or code in parent.values():
            groupes[code] = racine(code)
    return groupes, len(set(groupes.values()))
