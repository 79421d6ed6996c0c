"""Tableaux de taux générés à la construction depuis les données des calculateurs.

Une page écrit un repère `<!-- table:NOM -->` ; le hook le remplace par le tableau Markdown
calculé avec les mêmes fonctions que le calculateur (`calculators.taux`). Un taux n'est
donc jamais saisi deux fois. Un repère inconnu arrête la construction.
"""

from __future__ import annotations

import datetime as dt
import re

from mkdocs.exceptions import PluginError

from decimal import Decimal

from calculators.commun import format_fr as fr
from calculators.data import charger
from calculators.taux import (
    DEBUT_REGLES_2013, PLANCHER_MULTIPLE, Semestre, TauxInconnu, couvert_jusqu_au, couvertures, taux_bce_au,
    taux_legal, taux_penalite_defaut,
)

_REPERE = re.compile(r"<!-- table:([a-z-]+) -->")
NON_CONFIRME = " **(non confirmé)**"


def _date(texte: str) -> dt.date:
    return dt.date.fromisoformat(texte)


def connus_jusqu_au(fin: dt.date) -> str:
    return f"**Taux connus jusqu'au {fr.date_longue(fin)}.**"


def _provenance(nom: str, fin: dt.date | None = None) -> str:
    """Couverture (`fin`, par défaut celle de la table), source officielle et date de vérification."""
    table = charger(nom)
    return (f"{connus_jusqu_au(fin or couvertures()[nom])} "
            f"*Source : {table['source_officielle']}. Données vérifiées le "
            f"{fr.date_longue(_date(table['derniere_verification']))} ; fichier "
            f"`calculators/data/{nom}.json`, où chaque ligne cite la source où elle a été lue.*")


def _semestres():
    semestre = Semestre.de(couvert_jusqu_au())
    while semestre.debut >= DEBUT_REGLES_2013:
        yield semestre
        semestre = semestre.precedent()


def table_penalites() -> str:
    lignes = [
        "| Semestre | Taux BCE au 1er jour | Taux de pénalité par défaut (BCE + 10 points) | Plancher d'un taux contractuel (3 × taux légal, professionnels) |",
        "|---|---|---|---|",
    ]
    for semestre in _semestres():
        penalite = taux_penalite_defaut(semestre)
        bce = taux_bce_au(semestre.debut).valeur
        try:
            legal = taux_legal(semestre)
            plancher = fr.pourcent(PLANCHER_MULTIPLE * legal.valeur) + ("" if legal.confirme else NON_CONFIRME)
        except TauxInconnu:
            plancher = "inconnu"
        marque = "" if penalite.confirme else NON_CONFIRME
        lignes.append(f"| {fr.semestre(semestre)} | {fr.pourcent(bce)}{marque} | **{fr.pourcent(penalite.valeur)}**{marque} | {plancher} |")
    # Le taux de pénalité dépend des deux tables (plancher : taux légal) : la plus courte compte.
    return "\n".join(lignes) + "\n\n" + _provenance("taux_bce", couvert_jusqu_au())


def table_bce() -> str:
    lignes = ["| Date d'effet | Taux de l'opération principale de refinancement | Statut |", "|---|---|---|"]
    for ligne in reversed(charger("taux_bce")["taux"]):
        if _date(ligne["depuis"]) < dt.date(2008, 1, 1):
            break
        statut = "confirmé" if ligne["confirme"] else f"**non confirmé** : {ligne['citation']}"
        lignes.append(f"| {fr.date_courte(_date(ligne['depuis']))} | {fr.pourcent(Decimal(ligne['taux']))} | {statut} |")
    return "\n".join(lignes) + "\n\n" + _provenance("taux_bce")


def table_taux_legal() -> str:
    lignes = ["| Période | Créancier particulier | Tous les autres cas (professionnels) | Référence |", "|---|---|---|---|"]
    for ligne in reversed(charger("taux_legal")["periodes"]):
        marque = "" if ligne["confirme"] else NON_CONFIRME
        particuliers = fr.pourcent(Decimal(ligne["particuliers"])) if ligne["particuliers"] else "inconnu"
        lignes.append(
            f"| du {fr.date_courte(_date(ligne['du']))} au {fr.date_courte(_date(ligne['au']))} | {particuliers}{marque} "
            f"| {fr.pourcent(Decimal(ligne['professionnels']))}{marque} | {ligne['citation']} |"
        )
    return "\n".join(lignes) + "\n\n" + _provenance("taux_legal")


def _non_confirmes() -> str:
    """Les valeurs des tables que nulle source officielle lue ne confirme encore : le bandeau le dit
    (les tableaux les marquent une à une, et un calcul qui s'en sert le signale)."""
    bce = [_date(x["depuis"]) for x in charger("taux_bce")["taux"] if not x["confirme"]]
    legal = [(_date(x["du"]), _date(x["au"])) for x in charger("taux_legal")["periodes"] if not x["confirme"]]
    morceaux = ([f"le taux de la BCE depuis le {fr.date_courte(min(bce))}"] if bce else []) + [
        f"le taux légal du {fr.date_courte(du)} au {fr.date_courte(au)}" for du, au in legal]
    if not morceaux:
        return ""
    return (f" Ne sont pas encore confirmés par une source officielle\u202f: {fr.enumeration(morceaux)}\u202f; "
            "les tableaux les marquent, et un résultat qui en dépend le dit.")


def couverture() -> str:
    """Jusqu'où les taux sont connus, et ce qui se passe au-delà (calculateurs qui prolongent à la demande)."""
    return (f"{connus_jusqu_au(couvert_jusqu_au())}{_non_confirmes()} Au-delà, le taux d'un semestre pas encore "
            "publié n'est utilisé que si vous acceptez l'hypothèse que le calculateur affiche (le dernier taux "
            "connu, prolongé)\u202f; sinon il refuse de calculer plutôt que de deviner.")


def couverture_moratoires() -> str:
    """La même, pour les intérêts moratoires : un seul taux, celui du semestre où le retard commence
    (C. de la commande publique, art. R2192-31), et pas de prolongation proposée."""
    return (f"{connus_jusqu_au(couvert_jusqu_au())}{_non_confirmes()} Seul compte le taux du semestre où le "
            "retard commence\u202f: un retard qui commence au plus tard à cette date se calcule en entier, même "
            "s'il se prolonge au-delà. Un retard qui commence plus tard attend la publication du taux\u202f; ce "
            "calculateur ne propose pas de prolonger le dernier taux connu.")


TABLES = {"penalites": table_penalites, "bce": table_bce, "taux-legal": table_taux_legal, "couverture": couverture,
          "couverture-moratoires": couverture_moratoires}


def on_page_markdown(markdown, page, config, files):
    def remplacer(repere):
        nom = repere.group(1)
        if nom not in TABLES:
            raise PluginError(f"{page.file.src_path} : tableau inconnu « {nom} » (connus : {', '.join(TABLES)})")
        return TABLES[nom]()

    return _REPERE.sub(remplacer, markdown)
