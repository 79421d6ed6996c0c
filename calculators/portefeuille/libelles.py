"""Les mots de l'écran et des exports CSV pour les codes des règles (tranches de la balance âgée,
pénalités non chiffrées) : un export ne montre jamais un code interne (« 91_plus », « avant_2013 »)."""

from __future__ import annotations

from ..commun import format_fr as fr
from .penalites import AVANT_2013, TAUX_INCONNU

LIBELLES_TRANCHES = {"non_echu": "Non échu", "1_30": "1 à 30 jours", "31_60": "31 à 60 jours",
                     "61_90": "61 à 90 jours", "91_plus": "Plus de 90 jours"}


def remarque(p) -> str:
    """Pourquoi les pénalités d'une facture ne sont pas chiffrées, ou comment elles l'ont été (écran et CSV)."""
    if p.raison == AVANT_2013:
        return "échéance avant le 01/01/2013 : règles antérieures, non chiffrées"
    if p.raison == TAUX_INCONNU:
        return f"aucun taux connu pour le {fr.date_courte(p.jour_sans_taux)}"
    notes = (["par antériorité"] if p.poste.par_anteriorite else []) + (["taux non confirmé"] if p.non_confirme else [])
    return ", ".join(notes)
