"""Rendu du calculateur d'intérêts moratoires : décompte → JSON (valeurs exactes), CSV et affichage en français.

Le résultat contient `csv`, le décompte prêt à télécharger (produit ici, jamais en JavaScript),
repris dans `affichage.fichiers`. Le seul module du calculateur qui écrit des phrases.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ..commun import format_fr as fr
from ..commun import tableur
from ..commun.affichage import projection, texte_brut
from ..commun.sources import source
from ..taux import NON_CONFIRME
from .regles import DEPART_DEMANDE, DEPART_EXECUTION, DEPART_MARCHE, DEPART_RECEPTION, Decompte, Echeance

DEPARTS = {
    DEPART_RECEPTION: "réception de la demande de paiement (R2192-12)",
    DEPART_EXECUTION: "exécution des prestations, postérieure à la demande (R2192-13)",
    DEPART_DEMANDE: "date de la demande de paiement + 2 jours, faute de date de réception certaine (R2192-14)",
}
ACHETEURS = {"etat": "l'État", "collectivite": "la collectivité territoriale", "sante": "l'établissement public de santé",
             "entreprise-publique": "l'entreprise publique"}


def _echeance_json(d: Decompte) -> dict:
    e = d.echeance
    return {"date": e.date.isoformat(), "depart": e.depart.isoformat() if e.depart else None,
            "regle_depart": e.regle_depart, "article_depart": e.article_depart, "delai_jours": e.jours or None,
            "article": e.article}


def _echeance_ecartee(e: Echeance) -> str:
    """Pourquoi l'échéance du marché est écartée (`regles.echeance_applicable`)."""
    if not e.ecartee_avant_depart:
        return (f"L'échéance prévue au marché ({fr.date_courte(e.ecartee)}) est plus tardive que le délai "
                f"réglementaire ({fr.date_courte(e.date)}) : un marché ne peut pas prévoir un délai plus long "
                f"(C. commande publique, art. L2192-10). Le délai réglementaire est appliqué.")
    depart = fr.date_courte(e.depart)
    return (f"L'échéance prévue au marché ({fr.date_courte(e.ecartee)}) précède le point de départ du délai de "
            f"paiement, le {depart}\u00a0: {DEPARTS[e.regle_depart]}. Le délai plus court d'un marché court du "
            f"même point de départ, et les intérêts moratoires ne peuvent pas courir avant lui (C. commande "
            f"publique, art. L2192-10 et {e.article_depart}). Le délai réglementaire de {e.jours} jours "
            f"({e.article}) est appliqué\u00a0; si le marché prévoit un délai plus court, saisissez l'échéance "
            f"qui en résulte, comptée à partir du {depart}.")


def _avertissements(d: Decompte, paiement_est_aujourdhui: bool, aujourdhui: dt.date | None) -> list[str]:
    messages = []
    if d.taux and not d.taux.confirme:
        messages.append(f"Ce résultat dépend d'un taux {NON_CONFIRME} "
                        f"({fr.taux_explique(d.taux)}). Référence : {d.taux.citation}.")
    if d.echeance.ecartee:
        messages.append(_echeance_ecartee(d.echeance))
    if paiement_est_aujourdhui and d.jours:
        messages.append(f"Aucune date de paiement saisie : le calcul est arrêté à aujourd'hui "
                        f"({fr.date_longue(d.paiement)}). Les intérêts moratoires courent jusqu'au paiement.")
    return messages + projection(d.paiement, aujourdhui, "Les intérêts moratoires",
                                 "C. commande publique, art. L2192-13", du_principal=True)


def _sources(d: Decompte) -> list[dict]:
    e = d.echeance
    liste = [source("L2192-10")] if e.regle_depart == DEPART_MARCHE else [source(e.article)]
    if e.regle_depart in (DEPART_RECEPTION, DEPART_EXECUTION):
        liste.append(source("R2192-12"))
    elif e.regle_depart == DEPART_DEMANDE:
        liste.append(source("R2192-14"))
    if e.ecartee:
        liste.append(source("L2192-10"))
    return liste + [source(c) for c in ("L2192-13", "R2192-31", "D2192-35", "R2192-36")]


def resultat(d: Decompte, acheteur: str, paiement_est_aujourdhui: bool = False, lien: str = "",
             aujourdhui: dt.date | None = None) -> dict:
    """Décompte → objet JSON (valeurs exactes en chaînes) + affichage en français.

    `aujourdhui` : le jour du calcul ; un paiement postérieur est signalé comme une projection.
    """
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
        # Le chiffre que la page, le texte et le CSV donnent en tête : principal compris s'il n'est pas payé.
        "total_a_retenir": str(_total(d, paiement_est_aujourdhui and bool(d.jours))[1]),
        "limite_paiement_interets": d.limite_paiement_interets.isoformat() if d.limite_paiement_interets else None,
        "avertissements": _avertissements(d, paiement_est_aujourdhui, aujourdhui),
        "sources": _sources(d),
        "lien": lien,
    }
    donnees["csv"] = vers_csv(d, _etapes(d, acheteur, paiement_est_aujourdhui), paiement_est_aujourdhui) if d.jours else None
    donnees["affichage"] = affichage(d, acheteur, donnees)
    return donnees


def _phrase(d: Decompte, acheteur: str, non_payee: bool) -> str:
    e = d.echeance
    if e.regle_depart == DEPART_MARCHE:
        delai = f"L'échéance prévue au marché est le {fr.date_longue(e.date)}."
    else:
        depart = DEPARTS[e.regle_depart]
        de = "de l'" if depart[0] in "aeéiou" else "de la "  # « de l'exécution », « de la réception »
        delai = (f"Délai de {e.jours} jours pour {ACHETEURS[acheteur]} ({e.article}), compté {de}"
                 f"{depart} : {fr.date_courte(e.depart)} + "
                 f"{e.jours} jours = {fr.date_longue(e.date)}.")
    if not d.jours:
        return f"{delai} Payée au plus tard ce jour-là, la demande de {fr.euros(d.montant)} ne porte pas d'intérêts."
    # Sans date de paiement, le calcul s'arrête à aujourd'hui : la demande n'est pas « payée » ce jour-là.
    etat = (f"Non payée à ce jour ({fr.date_longue(d.paiement)}), la demande de {fr.euros(d.montant)} porte déjà"
            if non_payee else f"Payée le {fr.date_longue(d.paiement)}, la demande de {fr.euros(d.montant)} porte")
    return (f"{delai} {etat} {d.jours} jour{'s' if d.jours > 1 else ''} d'intérêts moratoires, du "
            f"{fr.date_courte(d.debut_interets)} au {fr.date_courte(d.paiement)} inclus, à "
            f"{fr.pourcent(d.taux.valeur)} : {fr.euros(d.interets)}, plus l'indemnité forfaitaire de "
            f"{fr.euros(d.indemnite)}." + (" Les intérêts courent jusqu'au paiement." if non_payee else ""))


def _etapes(d: Decompte, acheteur: str, non_payee: bool = False) -> list[list[str]]:
    """Lignes du tableau « Délai de paiement » : étape, date, règle et article."""
    e = d.echeance
    if e.regle_depart == DEPART_MARCHE:
        lignes = [["Échéance prévue au marché", fr.date_courte(e.date), "plus courte que le délai réglementaire",
                   "L2192-10"]]
    else:
        lignes = [["Point de départ du délai", fr.date_courte(e.depart), DEPARTS[e.regle_depart].split(" (")[0],
                   e.article_depart],
                  [f"Fin du délai de {e.jours} jours", fr.date_courte(e.date), f"délai de {ACHETEURS[acheteur]}",
                   e.article]]
        if e.ecartee_avant_depart:
            lignes.append(["Échéance prévue au marché, écartée", fr.date_courte(e.ecartee),
                           "antérieure au point de départ du délai", e.article_depart])
        elif e.ecartee:
            lignes.append(["Échéance prévue au marché, écartée", fr.date_courte(e.ecartee),
                           "plus tardive que le délai réglementaire", "L2192-10"])
    if non_payee:
        lignes.append(["Calcul arrêté à aujourd'hui, principal non payé", fr.date_courte(d.paiement),
                       "les intérêts courent jusqu'au paiement", ""])
    else:
        lignes.append(["Paiement du principal", fr.date_courte(d.paiement), "jour où les fonds sont versés", ""])
    if d.jours:
        lignes.insert(-1, ["Intérêts dus dès le", fr.date_courte(d.debut_interets),
                           "lendemain de l'échéance, de plein droit", "L2192-13"])
        if not non_payee:  # le délai de 45 jours part du paiement du principal, pas encore fait
            lignes.append(["Intérêts et indemnité à payer au plus tard le", fr.date_courte(d.limite_paiement_interets),
                           "45 jours après le paiement du principal, sans demande", "R2192-36"])
    return lignes


def vers_csv(d: Decompte, lignes_delai: list[list[str]], non_payee: bool = False) -> str:
    """Décompte au format CSV « à la française » : point-virgule, virgule décimale, BOM UTF-8, CRLF.

    Les étapes du délai, puis les intérêts et l'indemnité ; montants sans séparateur de milliers.
    """
    lignes = [["Ligne", "Date", "Du", "Au", "Jours", "Montant TTC", "Taux annuel (%)", "Montant dû", "Fondement"]]
    lignes += [[etape, date, "", "", "", "", "", "", f"{regle} ({article})" if article else regle]
               for etape, date, regle, article in lignes_delai]
    lignes.append(["Intérêts moratoires", "", fr.date_courte(d.debut_interets), fr.date_courte(d.paiement),
                   str(d.jours), tableur.nombre(d.montant), tableur.nombre(d.taux.valeur), tableur.nombre(d.interets),
                   f"R2192-31 : {fr.taux_explique(d.taux)}"])
    lignes.append(["Indemnité forfaitaire", "", "", "", "", "", "", tableur.nombre(d.indemnite), "L2192-13, D2192-35"])
    if non_payee:
        lignes.append(["Principal non payé", "", "", "", "", "", "", tableur.nombre(d.montant), ""])
    libelle, total = _total(d, non_payee)
    lignes.append([libelle, "", "", "", "", "", "", tableur.nombre(total), ""])
    return tableur.ecrire(lignes)


def _total(d: Decompte, non_payee: bool) -> tuple[str, Decimal]:
    """Le chiffre à retenir, et ce qu'il couvre : le résumé, le CSV et le JSON disent le même. Non payée,
    tout ce que l'acheteur doit aujourd'hui, principal compris."""
    if non_payee:
        return "Total dû à ce jour, principal compris", d.montant + d.interets + d.indemnite
    return "Total dû par l'acheteur", d.interets + d.indemnite


def _resume(d: Decompte, non_payee: bool) -> list[dict]:
    libelle, total = _total(d, non_payee)
    return [
        {"libelle": "Intérêts moratoires", "valeur": fr.euros(d.interets), "cle": "interets"},
        {"libelle": "Indemnité forfaitaire (D2192-35)", "valeur": fr.euros(d.indemnite), "cle": "indemnite"},
        {"libelle": libelle, "valeur": fr.euros(total), "cle": "total"},
        *([{"libelle": "Principal non payé", "valeur": fr.euros(d.montant), "cle": "principal"}] if non_payee else []),
        {"libelle": "Jours de retard", "valeur": str(d.jours), "cle": "jours"},
    ]


def affichage(d: Decompte, acheteur: str, donnees: dict) -> dict:
    """Ce que la page montre, déjà mis en forme : JavaScript n'a qu'à l'insérer."""
    non_payee = donnees["paiement_est_aujourdhui"] and bool(d.jours)
    resume = _resume(d, non_payee)
    etapes = _etapes(d, acheteur, non_payee)
    tableaux = [{"titre": "Délai de paiement", "colonnes": ["Étape", "Date", "Règle", "Article"],
                 # Le nombre de jours dans la cellule du libellé : pas sous « Date », qui le lirait
                 # « Date : 194 » sur un téléphone (une ligne par bloc, chaque valeur avec son en-tête).
                 "lignes": etapes, "pied": [f"Jours de retard\u00a0: {d.jours}", "", "", ""],
                 "details": [2]}]  # la règle, dans un détail à ouvrir
    fichiers = []
    if d.jours:
        calcul = (f"{fr.euros(d.montant)} × {fr.pourcent(d.taux.valeur)} × {d.jours} / 365 = "
                  f"{fr.nombre(d.exact, 4)}")
        taux = fr.pourcent(d.taux.valeur) + ("" if d.taux.confirme else " (non confirmé)")
        tableaux.append({
            "titre": "Décompte",
            "colonnes": ["Ligne", "Période", "Jours", "Taux annuel", "Calcul", "Montant", "Fondement"],
            "lignes": [["Intérêts moratoires", f"du {fr.date_courte(d.debut_interets)} au {fr.date_courte(d.paiement)}",
                        str(d.jours), taux, calcul, fr.euros(d.interets), f"R2192-31 : {fr.taux_explique(d.taux)}"],
                       ["Indemnité forfaitaire", "", "", "", "montant fixe, dès le premier jour de retard",
                        fr.euros(d.indemnite), "L2192-13, D2192-35"]],
            "pied": ["Total", "", "", "", "", fr.euros(d.interets + d.indemnite), ""],
            "numeriques": [2, 3, 5],
            "details": [4, 6],  # le calcul et l'article, dans un détail à ouvrir
        })
        if not non_payee:
            resume.append({"libelle": "À payer sans demande au plus tard le",
                           "valeur": fr.date_longue(d.limite_paiement_interets), "cle": "limite"})
        fichiers.append({"nom": f"interets-moratoires-{d.paiement.isoformat()}.csv", "type": "text/csv;charset=utf-8",
                         "libelle": "Télécharger le décompte (CSV)", "contenu": donnees["csv"]})
    notes = [
        "Les intérêts courent de plein droit dès le lendemain de l'échéance (L2192-13), jusqu'au jour du paiement "
        "inclus ; montant TTC × taux × jours / 365 (365 même les années bissextiles), arrondi au centime.",
        "Un seul taux pour tout le retard : taux BCE en vigueur au premier jour du semestre où les intérêts "
        "commencent à courir, + 8 points (R2192-31), même si le retard se prolonge sur le semestre suivant.",
        "Intérêts et indemnité sont dus sans demande, dans les 45 jours du paiement du principal (R2192-36). "
        "Les « intérêts moratoires complémentaires » de l'ancien décret n° 2002-232 ne sont plus prévus, et aucun "
        "texte de la commande publique ne dit ce qui est dû en plus si les intérêts restent impayés ; des intérêts "
        "échus ne produisent intérêt que s'ils sont dus pour une année entière et qu'un contrat ou une décision "
        "de justice le prévoit (C. civ. art. 1343-2).",
    ]
    rendu = {
        "titre": "Intérêts moratoires d'un acheteur public",
        "phrase": _phrase(d, acheteur, non_payee),
        "resume": resume,
        "tableaux": tableaux,
        "avertissements": donnees["avertissements"],
        "notes": notes,
        "sources": donnees["sources"],
        "fichiers": fichiers,
    }
    rendu["texte"] = texte_brut(rendu)
    return rendu
