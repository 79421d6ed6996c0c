"""Lettres types remplies : relances, mise en demeure, note de débit, échéancier, injonction de payer…

`catalogue` : les lettres et ce que chacune exige ; `champs` : le registre des saisies, leur
lecture et leurs contrôles ; `cli` : la ligne de commande ; `regles` : quelles factures chiffrer,
leurs totaux, les dates et le tribunal cités ; `calculs` : les chiffres, demandés aux calculateurs de
pénalités, d'intérêts moratoires et d'échéancier ; `contexte` : ce que reçoit le gabarit, déjà écrit
en français ; `rendu` : la lettre en HTML, texte et .odt, avec les avertissements des calculateurs
(`analyse_html` lit le HTML une fois pour `texte` et `odt`). Les gabarits Jinja2, des données sans
calcul, sont dans `modeles/`.
"""

from __future__ import annotations

from .champs import FORMULAIRE, lire
from .cli import depuis_cli, options_cli

NOM = "lettre"
AIDE = "lettres types remplies (relances, mise en demeure, note de débit, échéancier, injonction de payer…)"

__all__ = ["AIDE", "FORMULAIRE", "NOM", "depuis_cli", "executer", "options_cli"]


def executer(saisies: dict) -> dict:
    """Point d'entrée du calculateur (voir `calculators.api.run`)."""
    # Import à la demande : le calculateur de pénalités importe ce paquet pour son lien vers les
    # lettres (le registre seul) ; il ne charge ainsi ni le rendu, ni l'écriture du .odt.
    from . import calculs, rendu

    entrees = lire(saisies)
    return rendu.resultat(entrees, calculs.chiffrer(entrees), html=getattr(saisies, "html", False))  # `cli.SaisiesCli` seulement
