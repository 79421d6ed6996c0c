"""Rendu du calculateur de pénalités : décompte → JSON (valeurs exactes) et affichage en français.

Le seul module du calculateur qui écrit des phrases et met en forme.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ..commun import format_fr as fr
from ..commun import tableur
from ..commun.affichage import projection, texte_brut
from ..commun.sources import source
from ..taux import NON_CONFIRME, couvert_jusqu_au, taux_bce_au, taux_penalite_defaut
from .regles import IMPUTATION_PRINCIPAL, ZERO, Decompte, prescription_acquise


def _ligne_json(ligne) -> dict:
    if ligne.contractuel:
        fondement = "L441-10 II : taux prévu au contrat"
    else:
        fondement = f"L441-10 II : {fr.taux_explique(ligne.taux)}"
        if ligne.hypothese:
            fondement += f" (hypothèse : dernier taux BCE connu prolongé au {fr.semestre(ligne.semestre)})"
    return {
        "debut": ligne.debut.isoformat(),
        "fin": ligne.fin.isoformat(),
        "jours": ligne.jours,
        "assiette": str(ligne.assiette),
        "taux": str(ligne.taux.valeur),
        "semestre": fr.semestre(ligne.semestre),
        "exact": str(ligne.exact.quantize(Decimal("0.000001"))),
        "montant": str(ligne.montant),
        "formule": f"{fr.euros(ligne.assiette)} × {fr.pourcent(ligne.taux.valeur)} × {ligne.jours} / 365",
        "fondement": fondement,
        "confirme": ligne.taux.confirme,
        "hypothese": ligne.hypothese,
    }


def _avertissements(d: Decompte, paiement_est_aujourdhui: bool, comparaisons: dict,
                    aujourdhui: dt.date | None = None) -> list[str]:
    messages = []
    for taux in d.taux_non_confirmes:
        message = (
            f"Ce résultat dépend d'un taux {NON_CONFIRME} "
            f"({fr.taux_explique(taux)}). "
            f"Vérifiez-le auprès de la BCE ou au Journal officiel avant de l'utiliser."
            + (f" Référence : {taux.citation}." if taux.citation else "")
        )
        if message not in messages:  # le dernier taux prolongé sur plusieurs semestres : un taux, un message
            messages.append(message)
    if d.estimation:
        messages.append(
            f"Hypothèse retenue à votre demande : au-delà du {fr.date_longue(couvert_jusqu_au())}, le dernier "
            f"taux BCE connu ({fr.pourcent(taux_bce_au(couvert_jusqu_au()).valeur)}) est prolongé, majoré de 10 "
            f"points. Le taux réel de ces semestres n'est pas encore dans "
            f"les tables de ce site : refaites le calcul quand il y sera."
        )
    for p in d.planchers:
        messages.append(
            f"Le taux contractuel ({fr.pourcent(d.taux_contractuel)}) est inférieur à 3 fois le taux de "
            f"l'intérêt légal du {fr.semestre(p.semestre)} ({fr.pourcent(p.valeur)}) : l'article L441-10 II du "
            f"Code de commerce interdit une telle clause, mais ne dit pas quel taux la remplace."
        )
    if d.planchers and comparaisons:
        lectures = [f"au taux contractuel, {fr.euros(d.penalites)}"]
        if "plancher" in comparaisons:
            lectures.append(f"relevé au plancher (le triple du taux légal) là où il est en dessous, "
                            f"{fr.euros(comparaisons['plancher'])}")
        if "defaut" in comparaisons:
            lectures.append(f"au taux par défaut (BCE + 10 points), {fr.euros(comparaisons['defaut'])}")
        messages.append("La question est ouverte, aucun texte ni aucune décision trouvée ne la tranche. Pénalités "
                        "selon la lecture retenue : " + " ; ".join(lectures) + ".")
    if d.defaut_sous_plancher:
        messages.append(_defaut_sous_plancher(d, comparaisons))
    if d.planchers_inconnus:  # un message, pas un par semestre (un retard prolongé sur des années)
        inconnus = d.planchers_inconnus
        periode = (f"du {fr.semestre(inconnus[0])}" if len(inconnus) == 1
                   else f"du {fr.semestre(inconnus[0])} au {fr.semestre(inconnus[-1])}")
        messages.append(
            f"Le taux de l'intérêt légal {periode} n'est pas encore connu : impossible de vérifier "
            f"que le taux contractuel respecte le plancher de 3 fois ce taux (C. com. art. L441-10 II)."
        )
    messages += prescription(d.echeance, None if paiement_est_aujourdhui else d.paiement, aujourdhui or d.paiement)

    if paiement_est_aujourdhui:
        messages.append(
            f"Aucune date de paiement saisie : le calcul est arrêté à aujourd'hui ({fr.date_longue(d.paiement)}). "
            f"Les pénalités continuent de courir chaque jour jusqu'au paiement."
        )
    return messages


def _defaut_sous_plancher(d: Decompte, comparaisons: dict) -> str:
    """legal.md §8, question 4 : en 2024, BCE + 10 sous 3 fois le taux légal ; le texte ne soumet au
    plancher qu'une clause. Le calcul garde le taux par défaut, et chiffre l'autre lecture."""
    semestres = [f"au {fr.semestre(p.semestre)} ({fr.pourcent(taux_penalite_defaut(p.semestre).valeur)} "
                 f"contre {fr.pourcent(p.valeur)})" for p in d.defaut_sous_plancher]
    # Court : ce message s'ajoute à chaque calcul qui touche 2024, et le résultat doit s'imprimer sur une page.
    return (
        f"Le taux par défaut (BCE + 10 points) était inférieur à 3 fois le taux de l'intérêt légal "
        f"{fr.enumeration(semestres)}. L'article L441-10 II du Code de commerce n'impose ce plancher qu'à un taux "
        f"fixé par contrat : le calcul garde le taux par défaut. Question ouverte, qu'aucun texte ni aucune décision "
        f"trouvée ne tranche" + (f" : au plancher, les pénalités seraient de {fr.euros(comparaisons['plancher'])}."
                                 if "plancher" in comparaisons else ".")
    )


def prescription(echeance: dt.date, paiement: dt.date | None, jour: dt.date) -> list[str]:
    """C. com. L110-4 (cinq ans entre commerçants), compté au jour où l'on réclame (`jour`) : depuis
    l'échéance pour une facture impayée (`paiement` None) ; depuis le paiement pour les pénalités d'une
    facture payée en retard, exigibles au plus tard ce jour-là (payée en 2019, elles ne se réclament plus
    en 2026). Aussi pour les lettres qui ne chiffrent pas les pénalités.

    >>> prescription(dt.date(2021, 1, 15), None, dt.date(2026, 11, 30))[0][:45]
    "Plus de cinq ans depuis l'échéance du 15/01/2"
    >>> prescription(dt.date(2019, 1, 15), dt.date(2019, 1, 10), dt.date(2026, 11, 30))  # payée à temps
    []
    """
    sauf = "sauf interruption (reconnaissance de dette, action en justice)"
    if paiement is None:
        if prescription_acquise(echeance, jour):
            return [f"Plus de cinq ans depuis l'échéance du {fr.date_courte(echeance)} : entre commerçants, l'action en "
                    f"paiement se prescrit par cinq ans (C. com. art. L110-4), {sauf}."]
        return []
    if paiement <= echeance:  # payée à temps : pas de pénalités à réclamer
        return []
    if prescription_acquise(paiement, jour):
        return [f"Le paiement du {fr.date_courte(paiement)} date de plus de cinq ans : les pénalités, exigibles au "
                f"plus tard ce jour-là, se prescrivent par cinq ans entre commerçants (C. com. art. L110-4), {sauf}."]
    if prescription_acquise(echeance, paiement):
        return [f"Plus de cinq ans séparent l'échéance du paiement : entre commerçants, l'action en paiement se "
                f"prescrit par cinq ans (C. com. art. L110-4), {sauf}."]
    return []


def resultat(d: Decompte, paiement_est_aujourdhui: bool = False, lien: str = "", comparaisons: dict | None = None,
             aujourdhui: dt.date | None = None) -> dict:
    """Décompte → objet JSON (valeurs exactes en chaînes) + affichage en français ; `aujourdhui` : le jour
    du calcul, un paiement postérieur est signalé comme une projection."""
    total = d.penalites_restantes + d.indemnite
    sources = [source("L441-10"), source("D441-5"), source("BPI-penalites"), source("SP-F783")]
    if d.taux_contractuel is not None:
        sources.append(source("L313-2"))
    if d.acomptes:
        sources.append(source("1343-1"))
    donnees = {
        "ok": True,
        "calculateur": "penalites",
        "montant": str(d.montant),
        "echeance": d.echeance.isoformat(),
        "paiement": d.paiement.isoformat(),
        "paiement_est_aujourdhui": paiement_est_aujourdhui,
        "jours_retard": d.jours_retard,
        "taux_contractuel": None if d.taux_contractuel is None else str(d.taux_contractuel),
        "imputation": d.imputation,
        "acomptes": [{"date": i.acompte.date.isoformat(), "montant": str(i.acompte.montant),
                      "sur_penalites": str(i.sur_penalites), "sur_principal": str(i.sur_principal),
                      "principal_apres": str(i.principal_apres)} for i in d.imputations],
        "periodes": [_ligne_json(ligne) for ligne in d.lignes],
        "penalites": str(d.penalites),
        "penalites_payees": str(d.penalites_payees),
        "penalites_restantes": str(d.penalites_restantes),
        "indemnite_forfaitaire": str(d.indemnite),
        "total_reclamable": str(total),
        # Le chiffre que la page, le texte et le CSV donnent en tête : principal compris si la facture est impayée.
        "total_a_retenir": str(_total(d, paiement_est_aujourdhui)[1]),
        "principal_restant": str(d.principal_restant),
        "avertissements": _avertissements(d, paiement_est_aujourdhui, comparaisons or {}, aujourdhui)
        + projection(d.paiement, aujourdhui, "Les pénalités", "C. com. art. L441-10 II"),
        "comparaisons": {cle: str(v) for cle, v in (comparaisons or {}).items()},
        "sources": sources,
        "lien": lien,
    }
    donnees["csv"] = vers_csv(d, donnees)
    donnees["affichage"] = affichage(d, donnees)
    return donnees


def _phrase(d: Decompte, donnees: dict) -> str:
    if d.jours_retard == 0:
        return (f"La facture de {fr.euros(d.montant)} est réglée à son échéance du "
                f"{fr.date_longue(d.echeance)} : aucun jour de retard, ni pénalité ni indemnité.")
    verbe = "reste impayée au" if donnees["paiement_est_aujourdhui"] else "a été soldée le"
    return (
        f"Échue le {fr.date_longue(d.echeance)}, la facture de {fr.euros(d.montant)} {verbe} "
        f"{fr.date_longue(d.paiement)} : {d.jours_retard} jour{'s' if d.jours_retard > 1 else ''} de retard, "
        f"du {fr.date_courte(d.echeance + dt.timedelta(days=1))} au {fr.date_courte(d.paiement)} inclus. "
        f"Les pénalités s'élèvent à {fr.euros(d.penalites)}{_selon(d)}, plus l'indemnité forfaitaire de "
        f"{fr.euros(d.indemnite)} (non soumise à la TVA)."
        + _acomptes_phrase(d, solde=not donnees["paiement_est_aujourdhui"])
    )


def _selon(d: Decompte) -> str:
    if d.taux_contractuel is not None:
        return f" au taux contractuel de {fr.pourcent(d.taux_contractuel)}"
    return " au taux par défaut de l'article L441-10 (BCE + 10 points)"


def _acomptes_phrase(d: Decompte, solde: bool = False) -> str:
    """`solde` : le principal a été soldé à la date de paiement saisie."""
    if not d.imputations:
        return ""
    n = len(d.imputations)
    somme = fr.euros(sum((a.montant for a in d.acomptes), ZERO))
    sujet, verbe = (f"L'acompte de {somme}", "a") if n == 1 else (f"Les {n} acomptes ({somme} au total)", "ont")
    if d.imputation == IMPUTATION_PRINCIPAL:
        return f" {sujet} {verbe} réduit d'abord le principal, comme convenu avec le client."
    texte = (f" {sujet} {verbe} d'abord réglé {fr.euros(d.penalites_payees)} de pénalités échues (C. civ. "
             f"art. 1343-1) : il reste {fr.euros(d.penalites_restantes)} de pénalités à réclamer.")
    if solde and d.penalites_payees:
        # Le client verse souvent « le solde de la facture » (montant moins acomptes) : imputés d'abord
        # sur les pénalités, les acomptes laissent alors du principal impayé, à réclamer aussi.
        verse = d.montant - sum((a.montant for a in d.acomptes), ZERO)
        texte += (f" Le solde versé le {fr.date_courte(d.paiement)} devait donc être de "
                  f"{fr.euros(d.principal_restant)} ; ")
        if verse > 0:
            texte += (f"si le client n'a versé que {fr.euros(verse)} (la facture moins les acomptes), il reste aussi "
                      f"{fr.euros(d.principal_restant - verse)} de principal à réclamer.")
        else:  # la valeur faciale payée en acomptes, en retard : une part du principal reste due
            texte += (f"comme les acomptes {'couvrent' if not verse else 'dépassent'} le montant de la facture, il "
                      f"reste aussi {fr.euros(d.principal_restant)} de principal à réclamer si le client n'a rien versé "
                      f"d'autre.")
    return texte


def _tableau(d: Decompte, donnees: dict) -> dict:
    lignes = []
    for ligne, brut in zip(d.lignes, donnees["periodes"]):
        taux = fr.pourcent(ligne.taux.valeur) + ("" if ligne.taux.confirme else " (non confirmé)")
        lignes.append([
            f"du {fr.date_courte(ligne.debut)} au {fr.date_courte(ligne.fin)}",
            str(ligne.jours),
            fr.euros(ligne.assiette),
            taux,
            f"{brut['formule']} = {fr.nombre(ligne.exact, 4)}",
            fr.euros(ligne.montant),
            brut["fondement"],
        ])
    return {
        "titre": "Décompte par période",
        "colonnes": ["Période", "Jours", "Reste dû", "Taux annuel", "Calcul", "Pénalités", "Fondement"],
        "lignes": lignes,
        "pied": ["Total", str(d.jours_retard), "", "", "somme des lignes arrondies", fr.euros(d.penalites), ""],
        "numeriques": [1, 2, 3, 5],
        "details": [4, 6],  # le calcul et l'article, dans un détail à ouvrir
    }


def _tableau_acomptes(d: Decompte) -> dict:
    """Pour chaque acompte : ce qu'il a payé de pénalités, de principal, et le principal restant."""
    return {
        "titre": "Imputation des acomptes (C. civ. art. 1343-1)",
        "colonnes": ["Date", "Acompte", "Sur les pénalités", "Sur le principal", "Principal restant"],
        "lignes": [[fr.date_courte(i.acompte.date), fr.euros(i.acompte.montant), fr.euros(i.sur_penalites),
                    fr.euros(i.sur_principal), fr.euros(i.principal_apres)] for i in d.imputations],
        "pied": ["Total", fr.euros(sum((i.acompte.montant for i in d.imputations), ZERO)),
                 fr.euros(d.penalites_payees), fr.euros(sum((i.sur_principal for i in d.imputations), ZERO)), ""],
        "numeriques": [1, 2, 3, 4],
    }


def _total(d: Decompte, paiement_est_aujourdhui: bool) -> tuple[str, Decimal]:
    """Le chiffre à retenir, et ce qu'il couvre : le résumé et le CSV disent le même."""
    if paiement_est_aujourdhui and d.jours_retard:
        # Facture impayée : ce qu'il faut réclamer aujourd'hui comprend le principal (celui de l'échéancier
        # et de la mise en demeure proposés plus bas), pas seulement les pénalités et l'indemnité.
        return "Total dû à ce jour, principal compris", d.principal_restant + d.penalites_restantes + d.indemnite
    if d.penalites_payees:
        # Les acomptes ont d'abord payé des pénalités : le « solde » versé a laissé du principal impayé
        # (la phrase le chiffre), que « Total à réclamer » faisait oublier à qui recopie ce seul chiffre.
        return "Pénalités et indemnité à réclamer, hors principal", d.penalites_restantes + d.indemnite
    return "Total à réclamer", d.penalites_restantes + d.indemnite


def _resume(d: Decompte, donnees: dict) -> list[dict]:
    libelle, total = _total(d, donnees["paiement_est_aujourdhui"])
    resume = [
        {"libelle": "Pénalités de retard", "valeur": fr.euros(d.penalites), "cle": "penalites"},
        {"libelle": "Indemnité forfaitaire (D441-5, hors TVA)", "valeur": fr.euros(d.indemnite), "cle": "indemnite"},
        {"libelle": libelle, "valeur": fr.euros(total), "cle": "total"},
        {"libelle": "Jours de retard", "valeur": str(d.jours_retard), "cle": "jours"},
    ]
    if d.penalites_payees:
        resume.insert(1, {"libelle": "Dont déjà réglées par les acomptes (C. civ. 1343-1)",
                          "valeur": fr.euros(d.penalites_payees), "cle": "payees"})
    if donnees["paiement_est_aujourdhui"] and d.jours_retard:
        resume.append({"libelle": "Principal encore dû", "valeur": fr.euros(d.principal_restant), "cle": "principal"})
    return resume


def vers_csv(d: Decompte, donnees: dict) -> str:
    """Décompte au format CSV « à la française » (voir `commun.tableur`) : une ligne par période et par
    acompte, dans l'ordre du temps, puis le total, l'indemnité et le chiffre à retenir du résumé."""
    lignes = [["Ligne", "Du", "Au", "Jours", "Reste dû", "Taux annuel (%)", "Montant dû", "Acompte",
               "Sur les pénalités", "Sur le principal", "Fondement"]]
    imputations = list(d.imputations)
    regle = ("sur le principal, comme convenu avec le client" if d.imputation == IMPUTATION_PRINCIPAL
             else "C. civ. art. 1343-1 : d'abord les pénalités échues")
    for ligne, brut in zip(d.lignes, donnees["periodes"]):
        # Le taux reste un nombre pour le tableur : ce qui le nuance va dans le fondement.
        reserve = ", estimation : dernier taux connu prolongé" if ligne.hypothese else (
            "" if ligne.taux.confirme else ", taux non confirmé")
        lignes.append(["Pénalités", fr.date_courte(ligne.debut), fr.date_courte(ligne.fin), str(ligne.jours),
                       tableur.nombre(ligne.assiette), tableur.nombre(ligne.taux.valeur),
                       tableur.nombre(ligne.montant), "", "", "", brut["fondement"] + reserve])
        while imputations and imputations[0].acompte.date <= ligne.fin:
            i = imputations.pop(0)
            lignes.append(["Acompte", fr.date_courte(i.acompte.date), "", "", "", "", "",
                           tableur.nombre(i.acompte.montant), tableur.nombre(i.sur_penalites),
                           tableur.nombre(i.sur_principal), regle])
    acomptes = [tableur.nombre(sum((i.acompte.montant for i in d.imputations), ZERO)),
                tableur.nombre(d.penalites_payees),
                tableur.nombre(sum((i.sur_principal for i in d.imputations), ZERO))] if d.imputations else ["", "", ""]
    lignes.append(["Total des pénalités", "", "", str(d.jours_retard), "", "", tableur.nombre(d.penalites),
                   *acomptes, "somme des lignes arrondies"])
    lignes.append(["Indemnité forfaitaire", "", "", "", "", "", tableur.nombre(d.indemnite), "", "", "",
                   "C. com. art. D441-5 (hors TVA)"])
    if donnees["paiement_est_aujourdhui"] and d.jours_retard:
        lignes.append(["Principal encore dû", "", "", "", "", "", tableur.nombre(d.principal_restant), "", "", "", ""])
    libelle, total = _total(d, donnees["paiement_est_aujourdhui"])
    lignes.append([libelle, "", "", "", "", "", tableur.nombre(total), "", "", "", ""])
    return tableur.ecrire(lignes)


def _notes(d: Decompte) -> list[str]:
    notes = [
        "Formule de chaque ligne : reste dû × taux annuel × jours / 365 (365 même les années bissextiles).",
        "Chaque ligne est arrondie au centime (demi-centime au centime supérieur) ; le total est la somme "
        "des lignes, de sorte que le décompte imprimé s'additionne exactement.",
        "Un retard à cheval sur deux semestres est découpé par semestre, chaque jour portant le taux de son "
        "semestre (taux BCE figé au 1er janvier ou au 1er juillet, C. com. art. L441-10 II).",
    ]
    if d.acomptes:
        notes.append("Un acompte porte encore intérêt le jour de son versement ; le reste dû porte intérêt "
                     "à partir du lendemain. L'indemnité de 40\u00a0€ reste due en entier (une par facture).")
        notes.append("Sauf convention contraire, un paiement partiel s'impute d'abord sur les pénalités échues, "
                     "puis sur le principal (C. civ. art. 1343-1) : le principal baisse moins vite et les "
                     "pénalités suivantes courent sur un montant plus élevé." if d.imputation != IMPUTATION_PRINCIPAL
                     else "Imputation convenue : chaque acompte réduit d'abord le principal.")
    return notes


def _liens(d: Decompte, donnees: dict) -> list[dict]:
    """Suites proposées : étaler la dette, préparer la lettre."""
    from ..lettres.champs import lien_lettre  # à la demande : la page des pénalités n'importe pas les lettres
    a_etaler = d.penalites_restantes + d.indemnite
    if donnees["paiement_est_aujourdhui"]:
        a_etaler += Decimal(donnees["principal_restant"])
    # La lettre reprend la facture, ses acomptes, le taux et, si ce calcul en dépend, le dernier taux
    # prolongé, qu'elle repasse à ce calculateur : ses chiffres sont donc les mêmes. Lien codé par le
    # registre des lettres (fragment, dates ISO).
    modele, lettre = ("mise-en-demeure", "Préparer la mise en demeure") if donnees["paiement_est_aujourdhui"] \
        else ("note-de-debit", "Préparer la note de débit")
    facture = {"montant": d.montant, "echeance": d.echeance,
               "paiement": None if donnees["paiement_est_aujourdhui"] else d.paiement,
               "acomptes": tuple({"date": a.date, "montant": a.montant} for a in d.acomptes)}
    return [
        {"libelle": f"Étaler {fr.euros(a_etaler)} avec un échéancier de paiement",
         "url": f"../echeancier/#montant={a_etaler}"},
        {"libelle": f"{lettre} (modèle de lettre prérempli)",
         "url": "../../lettres/remplir/#" + lien_lettre(modele, [facture], taux=d.taux_contractuel,
                                                          imputation=d.imputation,
                                                          prolonger=d.estimation)},
    ]


def affichage(d: Decompte, donnees: dict) -> dict:
    """Ce que la page montre, déjà mis en forme : JavaScript n'a qu'à l'insérer."""
    rendu = {
        "titre": "Pénalités de retard",
        "phrase": _phrase(d, donnees),
        "resume": _resume(d, donnees),
        "tableaux": ([_tableau(d, donnees)] if d.lignes else []) + ([_tableau_acomptes(d)] if d.imputations else []),
        "avertissements": donnees["avertissements"],
        "notes": _notes(d),
        "sources": donnees["sources"],
    }
    if d.jours_retard:
        rendu["liens"] = _liens(d, donnees)
        rendu["fichiers"] = [{"nom": f"penalites-{d.echeance.isoformat()}-{d.paiement.isoformat()}.csv",
                              "type": "text/csv;charset=utf-8", "libelle": "Télécharger le décompte (CSV)",
                              "contenu": donnees["csv"]}]
    rendu["texte"] = texte_brut(rendu)
    return rendu
