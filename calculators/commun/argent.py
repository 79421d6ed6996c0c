"""Arrondi monétaire : au centime, demi-centime arrondi au centime supérieur (ROUND_HALF_UP),
la règle commerciale usuelle ; aucun texte ne fixe l'arrondi des pénalités (voir la page du
calculateur). Les montants ne passent jamais par un float.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENTIME = Decimal("0.01")


def au_centime(valeur: Decimal) -> Decimal:
    """Arrondit au centime, demi-centime vers le haut (en valeur absolue).

    >>> au_centime(Decimal("118.905"))
    Decimal('118.91')
    >>> au_centime(Decimal("118.9041"))
    Decimal('118.90')
    """
    return valeur.quantize(CENTIME, rounding=ROUND_HALF_UP)
