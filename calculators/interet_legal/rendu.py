"""Rendu du calculateur d'intérêt légal : décompte → JSON (valeurs exactes) et affichage en français.

Le seul module du calculateur qui écrit des phrases et met en forme.
"""

from __future__ import annotations

import datetime as dt

from ..commun import format_fr as fr
from ..commun.affichage import texte_brut
from ..commun.sources import source
from ..taux import couvert_jusqu_au
from .regles import MAJORATION_L313_3, Decompte, Periode

CREANCIERS = {"particulier": "créancier particulier", "autre": "tous les autres cas"}
FONDEMENTS = {"mise-en-demeure": ("la mise en demeure", "1231-6"), "jugement": ("le jugement", "1231-7")}
# Textes cités qui ne sont pas (encore) dans calculators/commun/sources.py.
_TEXTES = {
    "1231-7": "Code civil, art. 1231-7 (une condamnation porte intérêt au taux légal)",
    "L313-3": "Code monétaire et financier, art. L313-3 (majoration de 5 points deux mois après la décision exécutoire)",
    "1343-2": "Code civil, art. 1343-2 (capitalisation des intérêts dus pour une année entière)",
}


def _source(cle: str) -> dict:
    return {"libelle": _TEXTES[cle], "url": None} if cle in _TEXTES else source(cle)


def _fondement(p: Periode) -> str:
    texte = f"L313-2 : taux légal ({'particuliers' if p.taux_legal.categorie == 'particuliers' else 'autres cas'}), " \
            f"{fr.semestre(p.taux_legal.semestre)}"
    if p.majore:
        texte += f" + {MAJORATION_L313_3} points (L313-3)"
    if p.hypothese:
        texte += " (hypothèse : dernier taux connu prolongé)"
    return texte


def _periode_json(p: Periode) -> dict:
    return {
        "debut": p.debut.isoformat(), "fin": p.fin.isoformat(), "jours": p.jours, "capital": str(p.capital),
        "taux": str(p.taux), "taux_legal": str(p.taux_legal.valeur), "majore": p.majore, "montant": str(p.montant),
        "formule": f"{fr.euros(p.capital)} × {fr.pourcent(p.taux)} × {p.jours} / 365",
        "fondement": _fondement(p), "confirme": p.taux_legal.confirme, "hypothese": p.hypothese,
    }


def _avertissements(d: Decompte, paiement_est_aujourdhui: bool) -> list[str]:
    messages = [
        f"Ce résultat dépend d'un taux de l'intérêt légal non confirmé par une source officielle "
        f"({fr.taux_explique(t)}). "
        + (f"Référence : {t.citation}." if t.citation else "Vérifiez-le au Journal officiel avant de l'utiliser.")
        for t in d.taux_non_confirmes
    ]
    if any(p.hypothese for p in d.periodes):
        messages.append(f"Hypothèse retenue à votre demande : au-delà du {fr.date_longue(couvert_jusqu_au())}, le "
                        f"dernier taux connu est prolongé. Refaites le calcul quand le taux sera publié.")
    trop = sum((i.trop_percu for i in d.imputations), 0)
    if trop:
        messages.append(f"Les paiements dépassent la somme due de {fr.euros(trop)} (trop-perçu).")
    if paiement_est_aujourdhui:
        messages.append(f"Aucune date de paiement saisie : le calcul est arrêté à aujourd'hui "
                        f"({fr.date_longue(d.fin)}). Les intérêts continuent de courir jusqu'au paiement.")
    return messages


def _sources(d: Decompte, fondement: str) -> list[dict]:
    cles = [FONDEMENTS[fondement][1], "L313-2"]
    if d.majoration_des:
        cles.append("L313-3")
    if d.imputations:
        cles.append("1343-1")
    if d.capitalisations:
        cles.append("1343-2")
    return [_source(c) for c in cles + ["SP-F783"]]


def resultat(d: Decompte, fondement: str, paiement_est_aujourdhui: bool = False, lien: str = "") -> dict:
    """Décompte → objet JSON (valeurs exactes en chaînes) + affichage en français."""
    donnees = {
        "ok": True, "calculateur": "interet-legal",
        "montant": str(d.principal), "debut": d.debut.isoformat(), "fondement": fondement,
        "fin": d.fin.isoformat(), "fin_est_aujourdhui": paiement_est_aujourdhui,
        "creancier": d.categorie,
        "majoration_des": d.majoration_des.isoformat() if d.majoration_des else None,
        "periodes": [_periode_json(p) for p in d.periodes],
        "paiements_partiels": [{"date": i.paiement.date.isoformat(), "montant": str(i.paiement.montant),
                                "sur_interets": str(i.sur_interets), "sur_capital": str(i.sur_capital),
                                "trop_percu": str(i.trop_percu)} for i in d.imputations],
        "capitalisations": [{"date": j.isoformat(), "montant": str(m)} for j, m in d.capitalisations],
        "interets": str(d.interets),
        "interets_restants": str(d.interets_echus),
        "capital_restant": str(d.capital),
        "total_du": str(d.total_du),
        "avertissements": _avertissements(d, paiement_est_aujourdhui),
        "sources": _sources(d, fondement),
        "lien": lien,
    }
    donnees["affichage"] = affichage(d, donnees)
    return donnees


def _phrase(d: Decompte, donnees: dict) -> str:
    evenement = FONDEMENTS[donnees["fondement"]][0]
    jours = (d.fin - d.debut).days
    verbe = "reste due au" if donnees["fin_est_aujourdhui"] else "a été payée le"
    phrase = (f"Depuis {evenement} du {fr.date_longue(d.debut)}, la somme de {fr.euros(d.principal)} {verbe} "
              f"{fr.date_longue(d.fin)} : {jours} jour{'s' if jours > 1 else ''} d'intérêts au taux légal "
              f"({CREANCIERS[d.categorie]}), du {fr.date_courte(d.debut + dt.timedelta(days=1))} au "
              f"{fr.date_courte(d.fin)} inclus, soit {fr.euros(d.interets)}.")
    if d.majoration_des:
        phrase += f" Le taux est majoré de 5 points à partir du {fr.date_longue(d.majoration_des)}."
    return phrase


def _notes(d: Decompte) -> list[str]:
    notes = [
        "Jours comptés du lendemain du point de départ au jour du paiement inclus ; chaque jour porte le taux "
        "du semestre où il tombe (CMF art. L313-2).",
        "Formule de chaque ligne : capital × taux annuel × jours / 365, 365 même les années bissextiles "
        "(service-public.fr, fiches F20688 et F783) ; chaque ligne est arrondie au centime, le total est la "
        "somme des lignes.",
    ]
    if d.majoration_des:
        notes.append("Majoration de 5 points à l'expiration d'un délai de deux mois à compter du jour où la "
                     "décision est devenue exécutoire (CMF art. L313-3), comptés de quantième à quantième.")
    if d.imputations:
        notes.append("Un paiement partiel règle d'abord les intérêts échus, puis le principal (C. civ. art. "
                     "1343-1) ; il porte encore intérêt le jour de son versement.")
    if d.capitalisations:
        notes.append("À chaque anniversaire du point de départ, les intérêts échus et impayés, dus pour une "
                     "année entière, s'ajoutent au capital (C. civ. art. 1343-2).")
    return notes


def affichage(d: Decompte, donnees: dict) -> dict:
    """Ce que la page montre, déjà mis en forme : JavaScript n'a qu'à l'insérer."""
    lignes = [[f"du {fr.date_courte(p.debut)} au {fr.date_courte(p.fin)}", str(p.jours), fr.euros(p.capital),
               fr.pourcent(p.taux) + ("" if p.taux_legal.confirme else " (non confirmé)"),
               brut["formule"], fr.euros(p.montant), brut["fondement"]]
              for p, brut in zip(d.periodes, donnees["periodes"])]
    resume = [
        {"libelle": "Intérêts au taux légal", "valeur": fr.euros(d.interets), "cle": "interets"},
        {"libelle": "Encore dû (principal et intérêts)", "valeur": fr.euros(d.total_du), "cle": "total"},
    ]
    if d.imputations:
        resume.append({"libelle": "Dont intérêts encore dus", "valeur": fr.euros(d.interets_echus), "cle": "restants"})
    rendu = {
        "titre": "Intérêts au taux légal",
        "phrase": _phrase(d, donnees),
        "resume": resume,
        "tableaux": [{
            "titre": "Décompte par période",
            "colonnes": ["Période", "Jours", "Capital", "Taux annuel", "Calcul", "Intérêts", "Fondement"],
            "lignes": lignes,
            "pied": ["Total", str(sum(p.jours for p in d.periodes)), "", "", "somme des lignes arrondies",
                     fr.euros(d.interets), ""],
        }] if lignes else [],
        "avertissements": donnees["avertissements"],
        "notes": _notes(d),
        "sources": donnees["sources"],
    }
    rendu["texte"] = texte_brut(rendu)
    return rendu
