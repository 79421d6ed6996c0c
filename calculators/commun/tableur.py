"""Décomptes à télécharger en CSV « à la française » : point-virgule, virgule décimale, BOM UTF-8, CRLF.

C'est ce qu'Excel et LibreOffice en français ouvrent d'un double clic, accents et nombres compris.
Un seul écrivain pour les décomptes des calculateurs (le poste clients écrit les siens en flux, avec
le module `csv` : voir `portefeuille/exports.py`).
"""

from __future__ import annotations

from decimal import Decimal


def nombre(valeur: Decimal | int) -> str:
    """Montant ou taux sans séparateur de milliers ni symbole, pour qu'un tableur le lise comme un nombre.

    >>> nombre(Decimal("10000.50")), nombre(Decimal("14.50"))
    ('10000,50', '14,50')
    """
    return str(valeur).replace(".", ",")


def cellule(texte: str) -> str:
    """Entre guillemets si le texte contient le séparateur, un guillemet ou un retour à la ligne.

    >>> cellule("L441-10 II"), cellule('dit "solde"; versé')
    ('L441-10 II', '"dit ""solde""; versé"')
    """
    if any(signe in texte for signe in ';"\r\n'):
        return '"' + texte.replace('"', '""') + '"'
    return texte


def ecrire(lignes: list[list[str]]) -> str:
    """Le fichier entier : BOM (sans lui, Excel lit l'UTF-8 comme du Windows-1252), une ligne par liste.

    >>> ecrire([["Jours", "Montant"], ["31", nombre(Decimal("118.90"))]])
    '\\ufeffJours;Montant\\r\\n31;118,90\\r\\n'
    """
    return "\ufeff" + "".join(";".join(map(cellule, ligne)) + "\r\n" for ligne in lignes)
