"""Rendu du calculateur d'intérêts moratoires : décompte → JSON (valeurs exactes) et affichage en français.

Le seul module du calculateur qui écrit des phrases et met en forme.
"""

from __future__ import annotations

from ..commun import format_fr as fr
from ..commun.affichage import texte_brut
from ..commun.sources import source
from .regles import DEPART_DEMANDE, DEPART_EXECUTION, DEPART_MARCHE, DEPART_RECEPTION, Decompte

DEPARTS = {
    DEPART_RECEPTION: "réception de la demande de paiement (R2192-12)",
    DEPART_EXECUTION: "exécution des prestations, postérieure à la demande (R2192-13)",
    DEPART_DEMANDE: "date de la demande de paiement + 2 jours, faute de date de réception certaine (R2192-14)",
}
ACHETEURS = {"etat": "l'État", "collectivite": "la collectivité territoriale", "sante": "l'établissement public de santé",
             "entreprise-publique": "l'entreprise publique"}
_R2192_14 = {"libelle": "Code de la commande publique, art. R2192-14 (à défaut de date de réception certaine : "
                        "date de la demande + 2 jours, non modifiable par le contrat)", "url": None}


def _echeance_json(d: Decompte) -> dict:
    e = d.echeance
    return {"date": e.date.isoformat(), "depart": e.depart.isoformat() if e.depart else None,
            "regle_depart": e.regle_depart, "article_depart": e.article_depart, "delai_jours": e.jours or None,
            "article": e.article}


def _avertissements(d: Decompte, paiement_est_aujourdhui: bool) -> list[str]:
    messages = []
    if d.taux and not d.taux.confirme:
        messages.append(f"Ce résultat dépend d'un taux non confirmé par une source officielle "
                        f"({fr.taux_explique(d.taux)}). Référence : {d.taux.citation}.")
    if paiement_est_aujourdhui and d.jours:
        messages.append(f"Aucune date de paiement saisie : le calcul est arrêté à aujourd'hui "
                        f"({fr.date_longue(d.paiement)}). Les intérêts moratoires courent jusqu'au paiement.")
    return messages


def _sources(d: Decompte) -> list[dict]:
    e = d.echeance
    liste = [source("L2192-10")] if e.regle_depart == DEPART_MARCHE else [source(e.article)]
    if e.regle_depart in (DEPART_RECEPTION, DEPART_EXECUTION):
        liste.append(source("R2192-12"))
    elif e.regle_depart == DEPART_DEMANDE:
        liste.append(_R2192_14)
    return liste + [source(c) for c in ("L2192-13", "R2192-31", "D2192-35", "R2192-36")]


def resultat(d: Decompte, acheteur: str, paiement_est_aujourdhui: bool = False, lien: str = "") -> dict:
    """Décompte → objet JSON (valeurs exactes en chaînes) + affichage en français."""
    donnees = {
        "ok": True, "calculateur": "interets-moratoires",
        "montant": str(d.montant), "acheteur": acheteur, "echeance": _echeance_json(d),
        "paiement": d.paiement.isoformat(), "paiement_est_aujourdhui": paiement_est_aujourdhui,
        "debut_interets": d.debut_interets.isoformat() if d.jours else None,
        "jours": d.jours,
        "taux": str(d.taux.valeur) if d.taux else None,
        "taux_bce": str(d.taux.bce) if d.taux else None,
        "taux_confirme": d.taux.confirme if d.taux else None,
        "interets": str(d.interets),
        "indemnite_forfaitaire": str(d.indemnite),
        "total": str(d.interets + d.indemnite),
        "limite_paiement_interets": d.limite_paiement_interets.isoformat() if d.limite_paiement_interets else None,
        "avertissements": _avertissements(d, paiement_est_aujourdhui),
        "sources": _sources(d),
        "lien": lien,
    }
    donnees["affichage"] = affichage(d, acheteur, donnees)
    return donnees


def _phrase(d: Decompte, acheteur: str) -> str:
    e = d.echeance
    if e.regle_depart == DEPART_MARCHE:
        delai = f"L'échéance prévue au marché est le {fr.date_longue(e.date)}."
    else:
        delai = (f"Délai de {e.jours} jours pour {ACHETEURS[acheteur]} ({e.article}), compté de la "
                 f"{DEPARTS[e.regle_depart]} : {fr.date_courte(e.depart)} + {e.jours} jours = "
                 f"{fr.date_longue(e.date)}.")
    if not d.jours:
        return f"{delai} Payée au plus tard ce jour-là, la demande de {fr.euros(d.montant)} ne porte pas d'intérêts."
    return (f"{delai} Payée le {fr.date_longue(d.paiement)}, la demande de {fr.euros(d.montant)} porte "
            f"{d.jours} jour{'s' if d.jours > 1 else ''} d'intérêts moratoires, du {fr.date_courte(d.debut_interets)} "
            f"au {fr.date_courte(d.paiement)} inclus, à {fr.pourcent(d.taux.valeur)} : {fr.euros(d.interets)}, plus "
            f"l'indemnité forfaitaire de {fr.euros(d.indemnite)}.")


def affichage(d: Decompte, acheteur: str, donnees: dict) -> dict:
    """Ce que la page montre, déjà mis en forme : JavaScript n'a qu'à l'insérer."""
    resume = [
        {"libelle": "Intérêts moratoires", "valeur": fr.euros(d.interets), "cle": "interets"},
        {"libelle": "Indemnité forfaitaire (D2192-35)", "valeur": fr.euros(d.indemnite), "cle": "indemnite"},
        {"libelle": "Total dû par l'acheteur", "valeur": fr.euros(d.interets + d.indemnite), "cle": "total"},
        {"libelle": "Jours de retard", "valeur": str(d.jours), "cle": "jours"},
    ]
    tableaux = []
    if d.jours:
        calcul = f"{fr.euros(d.montant)} × {fr.pourcent(d.taux.valeur)} × {d.jours} / 365"
        taux = fr.pourcent(d.taux.valeur) + ("" if d.taux.confirme else " (non confirmé)")
        tableaux.append({
            "titre": "Décompte",
            "colonnes": ["Période", "Jours", "Taux annuel", "Calcul", "Intérêts", "Fondement"],
            "lignes": [[f"du {fr.date_courte(d.debut_interets)} au {fr.date_courte(d.paiement)}", str(d.jours), taux,
                        calcul, fr.euros(d.interets), f"R2192-31 : {fr.taux_explique(d.taux)}"]],
            "pied": ["Total", str(d.jours), "", "", fr.euros(d.interets), ""],
        })
        resume.append({"libelle": "À payer sans demande au plus tard le",
                       "valeur": fr.date_longue(d.limite_paiement_interets), "cle": "limite"})
    notes = [
        "Les intérêts courent de plein droit dès le lendemain de l'échéance (L2192-13), jusqu'au jour du paiement "
        "inclus ; montant TTC × taux × jours / 365 (365 même les années bissextiles), arrondi au centime.",
        "Un seul taux pour tout le retard : taux BCE en vigueur au premier jour du semestre où les intérêts "
        "commencent à courir, + 8 points (R2192-31), même si le retard se prolonge sur le semestre suivant.",
        "Intérêts et indemnité sont dus sans demande, dans les 45 jours du paiement du principal (R2192-36). "
        "Les « intérêts moratoires complémentaires » de l'ancien décret n° 2002-232 ne sont plus prévus : s'ils "
        "restent impayés, une mise en demeure fait courir l'intérêt légal (C. civ. art. 1231-6).",
    ]
    rendu = {
        "titre": "Intérêts moratoires d'un acheteur public",
        "phrase": _phrase(d, acheteur),
        "resume": resume,
        "tableaux": tableaux,
        "avertissements": donnees["avertissements"],
        "notes": notes,
        "sources": donnees["sources"],
    }
    rendu["texte"] = texte_brut(rendu)
    return rendu
