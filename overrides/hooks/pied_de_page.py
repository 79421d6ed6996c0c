"""Pied de page : la date des tables de taux, lue dans les données des calculateurs.

Le pied de page (overrides/partials/copyright.html) dit jusqu'à quelle date les calculateurs
connaissent les taux (BCE et intérêt légal) et quand ces tables ont été vérifiées. Les dates
viennent de `couvre_jusqu_au` et `derniere_verification` dans `calculators/data/*.json`, à
chaque construction : jamais saisies à la main, elles suivent chaque mise à jour des taux.
"""

from __future__ import annotations

import datetime as dt

from calculators.commun.format_fr import date_longue
from calculators.data import charger
from calculators.taux import couvert_jusqu_au

TABLES = ("taux_bce", "taux_legal")


def dates_des_taux() -> dict[str, str]:
    """Dates montrées dans le pied de page, en toutes lettres et au format ISO (`<time>`).

    `couvre_jusqu_au` : le plus tôt des deux tables, comme le calculateur (au-delà, il refuse
    de calculer) ; `verifie_le` : la plus ancienne vérification des deux.

    >>> sorted(dates_des_taux())
    ['couvre_jusqu_au', 'couvre_jusqu_au_iso', 'verifie_le', 'verifie_le_iso']
    """
    couverture = couvert_jusqu_au()
    verification = min(dt.date.fromisoformat(charger(nom)["derniere_verification"]) for nom in TABLES)
    return {
        "couvre_jusqu_au": date_longue(couverture),
        "couvre_jusqu_au_iso": couverture.isoformat(),
        "verifie_le": date_longue(verification),
        "verifie_le_iso": verification.isoformat(),
    }


def on_config(config):
    config.extra["taux_du_site"] = dates_des_taux()
    return config
