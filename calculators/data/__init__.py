"""Tables de taux : données pures (JSON), chacune avec sa source et sa date de vérification.

Les mêmes fichiers servent au calcul, au site (tableaux générés par un hook MkDocs) et à la
ligne de commande : un taux n'est jamais écrit deux fois.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

_DOSSIER = Path(__file__).resolve().parent


@cache
def charger(nom: str) -> dict:
    """Lit `calculators/data/<nom>.json` (une fois par processus)."""
    with open(_DOSSIER / f"{nom}.json", encoding="utf-8") as fichier:
        return json.load(fichier)
