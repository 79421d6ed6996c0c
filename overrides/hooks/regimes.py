"""Tableau des types de délai de paiement, écrit à la construction depuis les données des régimes.

Dans une page, la ligne `<!-- tableau regimes -->` devient le tableau Markdown tiré de
`calculators.delai.regimes.REGIMES` : les mêmes données que la liste du formulaire et que le
calcul. Un régime ajouté aux données apparaît donc partout à la fois.
"""

from __future__ import annotations

import re

from calculators.delai.regimes import REGIMES

MARQUE = re.compile(r"^<!-- tableau regimes -->$", re.MULTILINE)


def tableau_regimes() -> str:
    """Une ligne par régime, dans l'ordre de la liste du formulaire.

    >>> tableau_regimes().splitlines()[2]
    '| Délai convenu en jours (au plus 60 jours après la facture) (`60j`) | 60 jours | Émission de la facture | C. com. art. L441-10 I al. 2 |'
    """
    lignes = ["| Type de délai (`regime`) | Délai maximal | Compté à partir de | Texte |", "|---|---|---|---|"]
    lignes += [f"| {r.libelle} (`{r.code}`) | {r.delai} | {r.point_de_depart} | {r.texte} |" for r in REGIMES.values()]
    return "\n".join(lignes)


def on_page_markdown(markdown, page, config, files):
    return MARQUE.sub(lambda _: tableau_regimes(), markdown)
