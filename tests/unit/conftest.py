"""Avis en fin de tests : les tables de taux arrivent-elles à leur fin ?

Jamais bloquant (la CI ne doit pas échouer à cause de la date) : quand les tables s'arrêtent
dans moins de `PREAVIS_JOURS` jours, ou sont déjà dépassées, un avis visible est affiché en
fin de rapport, avec la marche à suivre (README, « Mettre à jour les taux »).
"""

from __future__ import annotations

import datetime as dt

from calculators.commun import format_fr as fr
from calculators.taux import couvert_jusqu_au, jours_restants

PREAVIS_JOURS = 45


def avis_fin_des_tables(aujourdhui: dt.date) -> str | None:
    """Le texte de l'avis, ou None si les tables vont au-delà du préavis."""
    reste = jours_restants(aujourdhui)
    if reste > PREAVIS_JOURS:
        return None
    fin = fr.date_longue(couvert_jusqu_au())
    if reste < 0:
        etat = f"Les tables de taux se sont arrêtées le {fin} : les calculs qui vont au-delà sont refusés"
    else:
        etat = f"Les tables de taux s'arrêtent le {fin}, dans {reste} jour{'s' if reste > 1 else ''}"
    return (f"{etat}. Téléchargez les exports officiels (BCE, Banque de France) et lancez "
            "`make taux BCE=… LEGAL=…` (README, « Mettre à jour les taux »).")


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    avis = avis_fin_des_tables(dt.date.today())
    if avis:
        terminalreporter.write_sep("!", "AVIS : tables de taux", yellow=True, bold=True)
        terminalreporter.write_line(avis, yellow=True, bold=True)
