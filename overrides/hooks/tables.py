"""Tableaux de taux générés à la construction depuis les données des calculateurs.

Une page écrit un repère `<!-- table:NOM -->` ; le hook le remplace par le tableau Markdown
calculé avec les mêmes fonctions que le calculateur (`calculators.taux`). Un taux n'est
donc jamais saisi deux fois. Un repère inconnu arrête la construction.
"""

from __future__ import annotations

import datetime as dt
import re

from mkdocs.exceptions import PluginError

from calculators.commun import format_fr as fr
from calculators.data import charger
from decimal import Decimal

from calculators.taux import (
    DEBUT_REGLES_2013, PLANCHER_MULTIPLE, Semestre, TauxInconnu, couvert_jusqu_au, taux_bce_au, taux_legal,
    taux_penalite_defaut,
)

_REPERE = re.compile(r"<!-- table:([a-z-]+) -->")
NON_CONFIRME = " **(non confirmé)**"


def _date(texte: str) -> dt.date:
    return dt.date.fromisoformat(texte)


def _provenance(nom: str) -> str:
    table = charger(nom)
    return (f"*Source : {table['source_officielle']}. Données vérifiées le "
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
    return "\n".join(lignes) + "\n\n" + _provenance("taux_bce")


def table_bce() -> str:
    lignes = ["| Date d'effet | Taux de l'opération principale de refinancement | Statut |", "|---|---|---|"]
    for ligne in reversed(charger("taux_bce")["taux"]):
        if _date(ligne["depuis"]) < dt.date(2008, 1, 1):
            break
        statut = "confirmé" if ligne["confirme"] else "**non confirmé**"
        lignes.append(f"| {fr.date_courte(_date(ligne['depuis']))} | {fr.pourcent(Decimal(ligne['taux']))} | {statut} |")
    return "\n".join(lignes) + "\n\n" + _provenance("taux_bce")


def table_taux_legal() -> str:
    lignes = ["| Période | Créancier particulier | Tous les autres cas (professionnels) | Texte |", "|---|---|---|---|"]
    for ligne in reversed(charger("taux_legal")["periodes"]):
        marque = "" if ligne["confirme"] else NON_CONFIRME
        particuliers = fr.pourcent(Decimal(ligne["particuliers"])) if ligne["particuliers"] else "inconnu"
        lignes.append(
            f"| du {fr.date_courte(_date(ligne['du']))} au {fr.date_courte(_date(ligne['au']))} | {particuliers}{marque} "
            f"| {fr.pourcent(Decimal(ligne['professionnels']))}{marque} | {ligne['texte']} |"
        )
    return "\n".join(lignes) + "\n\n" + _provenance("taux_legal")


TABLES = {"penalites": table_penalites, "bce": table_bce, "taux-legal": table_taux_legal}


def on_page_markdown(markdown, page, config, files):
    def remplacer(repere):
        nom = repere.group(1)
        if nom not in TABLES:
            raise PluginError(f"{page.file.src_path} : tableau inconnu « {nom} » (connus : {', '.join(TABLES)})")
        return TABLES[nom]()

    return _REPERE.sub(remplacer, markdown)
