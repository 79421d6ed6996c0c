"""Rendu du calculateur d'intérêt légal : décompte → JSON (valeurs exactes), CSV et affichage en français.

Le résultat contient `csv`, le décompte prêt à télécharger (produit ici, jamais en JavaScript),
repris dans `affichage.fichiers`. Le seul module du calculateur qui écrit des phrases.
"""

from __future__ import annotations

import datetime as dt

from ..commun import format_fr as fr
from ..commun import tableur
from ..commun.affichage import projection, texte_brut
from ..commun.sources import source
from ..taux import NON_CONFIRME, couvert_jusqu_au
from .regles import MAJORATION_L313_3, ZERO, Decompte, Periode, debut_majoration

CREANCIERS = {"particulier": "créancier particulier", "autre": "tous les autres cas"}
COLONNES_CSV = ("Opération", "Du", "Au", "Jours", "Capital", "Taux annuel (%)", "Intérêts", "Paiement",
                "Imputé sur les intérêts", "Imputé sur le capital", "Fondement")
FONDEMENTS = {"mise-en-demeure": ("la mise en demeure", "1231-6"), "jugement": ("le jugement", "1231-7")}


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


def _majoration_non_saisie(d: Decompte, fondement: str) -> bool:
    """Condamnation sans date où elle est devenue exécutoire, sur une période assez longue pour que la
    majoration de 5 points (CMF L313-3) puisse y commencer : au plus tôt, exécutoire dès le jugement."""
    return fondement == "jugement" and d.majoration_des is None and d.fin >= debut_majoration(d.debut)


def _avertissements(d: Decompte, fondement: str, paiement_est_aujourdhui: bool,
                    aujourdhui: dt.date | None) -> list[str]:
    messages = [
        f"Ce résultat dépend d'un taux de l'intérêt légal {NON_CONFIRME} "
        f"({fr.taux_explique(t)}). "
        + (f"Référence : {t.citation}." if t.citation else "Vérifiez-le au Journal officiel avant de l'utiliser.")
        for t in d.taux_non_confirmes
    ]
    if any(p.hypothese for p in d.periodes):
        messages.append(f"Hypothèse retenue à votre demande : au-delà du {fr.date_longue(couvert_jusqu_au())}, le "
                        f"dernier taux connu est prolongé. Refaites le calcul quand le taux réel sera dans les tables "
                        f"de ce site.")
    trop = sum((i.trop_percu for i in d.imputations), 0)
    if trop:
        messages.append(f"Les paiements dépassent la somme due de {fr.euros(trop)} (trop-perçu).")
    if _majoration_non_saisie(d, fondement):
        messages.append(f"Majoration de 5 points non appliquée\u00a0: la date où le jugement est devenu exécutoire "
                        f"n'est pas saisie. Le taux de l'intérêt légal est majoré de 5 points à l'expiration d'un "
                        f"délai de deux mois à compter de cette date (CMF art. L313-3)\u00a0: au plus tôt à partir "
                        f"du {fr.date_courte(debut_majoration(d.debut))}, si le jugement était exécutoire dès son "
                        f"prononcé. Saisissez cette date pour appliquer la majoration.")
    if paiement_est_aujourdhui:
        messages.append(f"Aucune date de paiement saisie : le calcul est arrêté à aujourd'hui "
                        f"({fr.date_longue(d.fin)}). Les intérêts continuent de courir jusqu'au paiement.")
    return messages + projection(d.fin, aujourdhui, "Les intérêts", f"C. civ. art. {FONDEMENTS[fondement][1]}")


def _sources(d: Decompte, fondement: str) -> list[dict]:
    cles = [FONDEMENTS[fondement][1], "L313-2"]
    if d.majoration_des or _majoration_non_saisie(d, fondement):
        cles.append("L313-3")
    if d.imputations:
        cles.append("1343-1")
    if d.capitalisations:
        cles.append("1343-2")
    return [source(c) for c in cles + ["SP-F783"]]


def _operations(d: Decompte):
    """Lignes du décompte dans l'ordre du temps : périodes, paiements partiels, capitalisations."""
    paiements, capitalisations = list(d.imputations), list(d.capitalisations)
    for p in d.periodes:
        yield "periode", p
        while paiements and paiements[0].paiement.date == p.fin:
            yield "paiement", paiements.pop(0)
        while capitalisations and capitalisations[0][0] == p.fin:
            yield "capitalisation", capitalisations.pop(0)
    for i in paiements:  # versés après que le capital a été soldé
        yield "paiement", i


def vers_csv(d: Decompte, periodes_json: list[dict]) -> str:
    """Décompte au format CSV « à la française » : point-virgule, virgule décimale, BOM UTF-8, CRLF.

    Une ligne par période, paiement partiel et capitalisation, dans l'ordre du temps ; montants
    sans séparateur de milliers ni symbole, pour qu'un tableur les lise comme des nombres.
    """
    fondements = {id(p): brut["fondement"] for p, brut in zip(d.periodes, periodes_json)}
    lignes = [list(COLONNES_CSV)]
    for genre, op in _operations(d):
        if genre == "periode":
            lignes.append(["Intérêts", fr.date_courte(op.debut), fr.date_courte(op.fin), str(op.jours),
                           tableur.nombre(op.capital), tableur.nombre(op.taux), tableur.nombre(op.montant), "", "", "",
                           fondements[id(op)]])
        elif genre == "paiement":
            lignes.append(["Paiement partiel", fr.date_courte(op.paiement.date), "", "", "", "", "",
                           tableur.nombre(op.paiement.montant), tableur.nombre(op.sur_interets),
                           tableur.nombre(op.sur_capital), "C. civ. art. 1343-1 : d'abord les intérêts échus"])
        else:
            jour, montant = op
            capital = next((p.capital for p in d.periodes if p.debut > jour), d.capital)
            lignes.append(["Capitalisation", fr.date_courte(jour), "", "", tableur.nombre(capital), "", "", "", "", "",
                           f"C. civ. art. 1343-2 : {tableur.nombre(montant)} € d'intérêts dus pour une année "
                           "entière ajoutés au capital"])
    lignes.append(["Total", "", "", str(sum(p.jours for p in d.periodes)), "", "", tableur.nombre(d.interets),
                   tableur.nombre(d.acomptes_verses), tableur.nombre(sum((i.sur_interets for i in d.imputations), ZERO)),
                   tableur.nombre(sum((i.sur_capital for i in d.imputations), ZERO)), ""])
    lignes.append(["Encore dû", "", fr.date_courte(d.fin), "", tableur.nombre(d.capital), "",
                   tableur.nombre(d.interets_echus), "", "", "", f"total {tableur.nombre(d.total_du)}"])
    return tableur.ecrire(lignes)


def resultat(d: Decompte, fondement: str, paiement_est_aujourdhui: bool = False, lien: str = "",
             aujourdhui: dt.date | None = None) -> dict:
    """Décompte → objet JSON (valeurs exactes en chaînes) + affichage en français.

    `aujourdhui` : le jour du calcul ; un paiement postérieur est signalé comme une projection.
    """
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
        "avertissements": _avertissements(d, fondement, paiement_est_aujourdhui, aujourdhui),
        "sources": _sources(d, fondement),
        "lien": lien,
    }
    donnees["csv"] = vers_csv(d, donnees["periodes"])
    donnees["affichage"] = affichage(d, donnees)
    return donnees


def _phrase(d: Decompte, donnees: dict) -> str:
    evenement = FONDEMENTS[donnees["fondement"]][0]
    jours = sum(p.jours for p in d.periodes)
    derniere = d.periodes[-1].fin if d.periodes else d.fin
    phrase = (f"Depuis {evenement} du {fr.date_longue(d.debut)}, la somme de {fr.euros(d.principal)}"
              f"{_suite_du_principal(d, donnees['fin_est_aujourdhui'])} : {jours} jour{'s' if jours > 1 else ''} d'intérêts au taux légal "
              f"({CREANCIERS[d.categorie]}), du {fr.date_courte(d.debut + dt.timedelta(days=1))} au "
              f"{fr.date_courte(derniere)} inclus, soit {fr.euros(d.interets)}.")
    if d.majoration_des and d.majoration_des <= derniere:
        phrase += f" Le taux est majoré de 5 points à partir du {fr.date_longue(d.majoration_des)}."
    elif d.majoration_des:
        phrase += (f" La majoration de 5 points ne commence que le {fr.date_longue(d.majoration_des)}, "
                   f"après la période calculée.")
    return phrase


def _suite_du_principal(d: Decompte, fin_est_aujourdhui: bool) -> str:
    """Ce qu'il est advenu du principal, à la suite de « la somme de 10 000,00 € » : « a été payée le
    30 juin 2025 » n'est vrai que sans acompte ; avec, la date de fin est celle du solde, et des acomptes
    ont pu tout régler avant."""
    date = fr.date_longue(d.fin)
    if not d.imputations:
        return f" reste due au {date}" if fin_est_aujourdhui else f" a été payée le {date}"
    verse = d.acomptes_verses
    dernier = fr.date_longue(d.imputations[-1].paiement.date)
    if len(d.imputations) == 1:
        acomptes, date_des_acomptes = f"un acompte de {fr.euros(verse)}", f" le {dernier}"
    else:
        acomptes = f"{len(d.imputations)} acomptes ({fr.euros(verse)} au total)"
        date_des_acomptes = f", le dernier le {dernier}"
    if not d.total_du:
        return f" a été entièrement réglée par {acomptes}{date_des_acomptes}"
    return f", après {acomptes}, " + (f"n'est pas encore soldée au {date}" if fin_est_aujourdhui
                                     else f"a été soldée le {date}")


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


def _tableaux(d: Decompte, donnees: dict) -> list[dict]:
    lignes = [[f"du {fr.date_courte(p.debut)} au {fr.date_courte(p.fin)}", str(p.jours), fr.euros(p.capital),
               fr.pourcent(p.taux) + ("" if p.taux_legal.confirme else " (non confirmé)"),
               f"{brut['formule']} = {fr.nombre(p.exact, 4)}", fr.euros(p.montant), brut["fondement"]]
              for p, brut in zip(d.periodes, donnees["periodes"])]
    tableaux = [{
        "titre": "Décompte par période",
        "colonnes": ["Période", "Jours", "Capital", "Taux annuel", "Calcul", "Intérêts", "Fondement"],
        "lignes": lignes,
        "pied": ["Total", str(sum(p.jours for p in d.periodes)), "", "", "somme des lignes arrondies",
                 fr.euros(d.interets), ""],
        "numeriques": [1, 2, 3, 5],
        "details": [4, 6],  # le calcul et l'article, dans un détail à ouvrir
    }] if lignes else []
    if d.imputations:
        tableaux.append({
            "titre": "Paiements partiels",
            "colonnes": ["Date", "Montant", "Sur les intérêts échus", "Sur le capital", "Trop-perçu", "Fondement"],
            "lignes": [[fr.date_courte(i.paiement.date), fr.euros(i.paiement.montant), fr.euros(i.sur_interets),
                        fr.euros(i.sur_capital), fr.euros(i.trop_percu), "C. civ. art. 1343-1"] for i in d.imputations],
            "pied": ["Total", fr.euros(sum((i.paiement.montant for i in d.imputations), ZERO)),
                     fr.euros(sum((i.sur_interets for i in d.imputations), ZERO)),
                     fr.euros(sum((i.sur_capital for i in d.imputations), ZERO)),
                     fr.euros(sum((i.trop_percu for i in d.imputations), ZERO)), ""],
            "numeriques": [1, 2, 3, 4],
        })
    if d.capitalisations:
        tableaux.append({
            "titre": "Capitalisation des intérêts",
            "colonnes": ["Date", "Intérêts ajoutés au capital", "Fondement"],
            "lignes": [[fr.date_courte(jour), fr.euros(m), "C. civ. art. 1343-2"] for jour, m in d.capitalisations],
            "pied": ["Total", fr.euros(sum((m for _, m in d.capitalisations), ZERO)), ""],
            "numeriques": [1],
        })
    return tableaux


def affichage(d: Decompte, donnees: dict) -> dict:
    """Ce que la page montre, déjà mis en forme : JavaScript n'a qu'à l'insérer."""
    resume = [
        {"libelle": "Intérêts au taux légal", "valeur": fr.euros(d.interets), "cle": "interets"},
        {"libelle": f"À payer le {fr.date_courte(d.fin)} (principal et intérêts)", "valeur": fr.euros(d.total_du),
         "cle": "total"},
    ]
    if d.imputations:
        resume.append({"libelle": "Dont intérêts encore dus", "valeur": fr.euros(d.interets_echus), "cle": "restants"})
    rendu = {
        "titre": "Intérêts au taux légal",
        "phrase": _phrase(d, donnees),
        "resume": resume,
        "tableaux": _tableaux(d, donnees),
        "avertissements": donnees["avertissements"],
        "notes": _notes(d),
        "sources": donnees["sources"],
        "fichiers": [{"nom": f"interet-legal-{d.debut.isoformat()}-{d.fin.isoformat()}.csv",
                      "type": "text/csv;charset=utf-8", "libelle": "Télécharger le décompte (CSV)",
                      "contenu": donnees["csv"]}],
    }
    rendu["texte"] = texte_brut(rendu)
    return rendu
