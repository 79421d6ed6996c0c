"""Les mots de l'écran et des exports CSV pour les codes des règles (tranches de la balance âgée,
pénalités non chiffrées, lignes du tableau D441-6) : un export ne montre jamais un code interne
(« 91_plus », « avant_2013 »), et dit les choses comme l'écran."""

from __future__ import annotations

from ..commun import format_fr as fr
from .d441_6 import BANDES
from .modele import CLIENTS
from .penalites import AVANT_2013, TAUX_INCONNU, acomptes_avant

LIBELLES_TRANCHES = {"non_echu": "Non échu", "1_30": "1 à 30 jours", "31_60": "31 à 60 jours",
                     "61_90": "61 à 90 jours", "91_plus": "Plus de 90 jours"}
# Colonnes du tableau D441-6 : les mots du modèle de l'annexe 4-1 (« 0 jour » y est indicatif).
LIBELLES_BANDES = {"0": "0 jour (indicatif)", "1_30": "1 à 30 jours", "31_60": "31 à 60 jours",
                   "61_90": "61 à 90 jours", "91_plus": "91 jours et plus"}


def remarque(p) -> str:
    """Pourquoi les pénalités d'une facture ne sont pas chiffrées, ou comment elles l'ont été (écran et CSV)."""
    if p.raison == AVANT_2013:
        return "échéance avant le 01/01/2013 : règles antérieures, non chiffrées"
    if p.raison == TAUX_INCONNU:
        return f"aucun taux connu pour le {fr.date_courte(p.jour_sans_taux)}"
    notes = (["par antériorité"] if p.poste.par_anteriorite else []) + (["taux non confirmé"] if p.non_confirme else [])
    # Les règlements partiels réduisent la base des pénalités à leur date : sans eux, « Dû » et les
    # pénalités ne se recoupaient pas (1 800 € dus, pénalités d'un reste de 1 000 €).
    acomptes = acomptes_avant(p.poste, p.fin)
    if len(acomptes) == 1:
        notes.append(f"{fr.euros(acomptes[0].montant)} réglés le {fr.date_courte(acomptes[0].date)}, déduits à cette date")
    elif acomptes:
        notes.append(f"{len(acomptes)} règlements partiels ({fr.euros(sum(a.montant for a in acomptes))}), déduits "
                     f"chacun à sa date")
    return ", ".join(notes)


def lignes_d441(t, cote: str) -> list:
    """Les lignes d'un tableau D441-6 (`TableauD441`) nommées comme dans le modèle de l'annexe 4-1,
    pour l'écran et le CSV : (libellé, nature, valeurs), les valeurs par tranche puis le total
    « 1 jour et plus » ; nature : "nombre", "montant" ou "pourcentage" (None : base nulle). Le (B)
    du modèle est un nombre et un montant pour tout le tableau : dans la colonne du total, les
    autres à None, pour qu'aucun ne se lise sous une tranche."""
    emises = "émises" if cote == CLIENTS else "reçues"
    taxes = "HT" if t.ht else "TTC"
    cles = list(BANDES) + [None]
    cumuls = [t.total if c is None else t.bandes[c] for c in cles]
    nombres = ("Nombre de factures concernées", "nombre", [c.nombre for c in cumuls])
    montants = (f"Montant total des factures concernées ({taxes})", "montant", [c.montant for c in cumuls])
    if t.variante == "I":
        base = "chiffre d'affaires" if cote == CLIENTS else "montant des achats"
        lignes = [nombres, montants, (f"Pourcentage du {base} {taxes} de l'exercice", "pourcentage",
                                      [t.pourcentage_montant(c) for c in cles])]
    else:
        lignes = [nombres, (f"Pourcentage du nombre de factures {emises} dans l'exercice", "pourcentage",
                            [t.pourcentage_nombre(c) for c in cles]),
                  montants, (f"Pourcentage du montant des factures {emises} dans l'exercice", "pourcentage",
                             [t.pourcentage_montant(c) for c in cles])]
    vides = [None] * len(BANDES)
    return lignes + [("(B) Nombre des factures exclues (litigieuses)", "nombre", vides + [t.exclues.nombre]),
                     ("(B) Montant total des factures exclues", "montant", vides + [t.exclues.montant])]
