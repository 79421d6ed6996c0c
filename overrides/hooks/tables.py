"""Tableaux de taux générés à la construction depuis les données des calculateurs, et tableaux du
contenu lisibles sur un téléphone.

Une page écrit un repère `<!-- table:NOM -->` ; le hook le remplace par le tableau Markdown
calculé avec les mêmes fonctions que le calculateur (`calculators.taux`). Un taux n'est
donc jamais saisi deux fois. Un repère inconnu arrête la construction.

Sur un téléphone, un tableau de phrases (voir `CARTES_DES`) se lit
en cartes, une par ligne (site.css) : à 390 px, ses colonnes serrées faisaient jusqu'à 17 lignes
par cellule. Chaque cellule reçoit ici le titre de sa colonne (`data-label`), que la carte écrit
au-dessus de la valeur ; le tableau, l'attribut `data-cartes`. Un tableau de valeurs courtes
(dates, taux, montants) reste un tableau, qui défile de côté.
"""

from __future__ import annotations

import datetime as dt
import html
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


# Le texte d'un lien vers une source, à la place de son adresse (longue, illisible, et qui ne se
# coupait pas sur un téléphone) ; l'adresse reste la cible du lien.
NOMS_DES_SITES = {"www.ecb.europa.eu": "site de la BCE"}
_ADRESSE = re.compile(r"https?://([^/\s)]+)[^\s)]*")


def _liens(texte: str) -> str:
    """Les adresses d'un texte de source en liens Markdown, au nom du site.

    >>> _liens("BCE, « Key ECB interest rates » (https://www.ecb.europa.eu/stats/index.en.html)")
    'BCE, « Key ECB interest rates » ([site de la BCE](https://www.ecb.europa.eu/stats/index.en.html))'
    """
    return _ADRESSE.sub(lambda m: f"[{NOMS_DES_SITES.get(m.group(1), m.group(1))}]({m.group(0)})", texte)


def _provenance(nom: str, fin: dt.date | None = None) -> str:
    """Couverture (`fin`, par défaut celle de la table), source officielle et date de vérification."""
    table = charger(nom)
    return (f"{connus_jusqu_au(fin or couvertures()[nom])} "
            f"*Source : {_liens(table['source_officielle'])}. Données vérifiées le "
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
    """Les valeurs des tables que rien ne confirme encore (sources secondaires seules) : le bandeau le dit
    (les tableaux les marquent une à une, et un calcul qui s'en sert le signale)."""
    bce = [_date(x["depuis"]) for x in charger("taux_bce")["taux"] if not x["confirme"]]
    legal = [(_date(x["du"]), _date(x["au"])) for x in charger("taux_legal")["periodes"] if not x["confirme"]]
    morceaux = ([f"le taux de la BCE depuis le {fr.date_courte(min(bce))}"] if bce else []) + [
        f"le taux légal du {fr.date_courte(du)} au {fr.date_courte(au)}" for du, au in legal]
    if not morceaux:
        return ""
    return (f" Ne sont pas encore confirmés, relevés seulement dans des sources secondaires\u202f: "
            f"{fr.enumeration(morceaux)}\u202f; "
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


# --- Tableaux du contenu en cartes sur un téléphone -------------------------------------------

# Un tableau passe en cartes si sa plus longue cellule a au moins CARTES_DES caractères, et la plus
# longue cellule d'une ligne sur deux au moins CARTES_MEDIANE : une seule longue remarque dans un
# tableau de dates et de taux (« Taux de référence ») ne le change pas en 38 cartes.
CARTES_DES = 80
CARTES_MEDIANE = 40
_TABLEAU = re.compile(r"<table>(.*?)</table>", re.S)  # tableaux du Markdown (sans attribut)
_ENTETE = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
_LIGNE = re.compile(r"<tr>(.*?)</tr>", re.S)
_CELLULE = re.compile(r"<td\b([^>]*)>(.*?)</td>", re.S)
_BALISE = re.compile(r"<[^>]+>")


def _texte(fragment: str) -> str:
    return " ".join(html.unescape(_BALISE.sub("", fragment)).split())


def en_cartes(tableau: re.Match) -> str:
    """Un tableau de phrases marqué pour les cartes, chaque cellule avec le titre de sa colonne.

    >>> court = "<table><thead><tr><th>Date</th></tr></thead><tbody><tr><td>01/01/2026</td></tr></tbody></table>"
    >>> en_cartes(_TABLEAU.search(court)) == court
    True
    >>> long = ("<table><thead><tr><th>« Cas »</th><th>Réponse <em>type</em></th></tr></thead><tbody>"
    ...         "<tr><td>A &amp; B</td><td>" + "x" * 80 + "</td></tr></tbody></table>")
    >>> carte = en_cartes(_TABLEAU.search(long))
    >>> carte.startswith("<table data-cartes><thead><tr><th>« Cas »</th>")
    True
    >>> '<td data-label="«\\xa0Cas\\xa0»">A &amp; B</td><td data-label="Réponse type">xxx' in carte
    True
    """
    corps = tableau.group(1)
    plus_longues = sorted(max(len(_texte(c)) for _, c in cellules)
                          for cellules in map(_CELLULE.findall, _LIGNE.findall(corps)) if cellules)
    if not plus_longues or plus_longues[-1] < CARTES_DES or plus_longues[len(plus_longues) // 2] < CARTES_MEDIANE:
        return tableau.group(0)
    titres = [html.escape(fr.typographie(_texte(t)), quote=True) for t in _ENTETE.findall(corps)]

    def ligne(tr: re.Match) -> str:
        cellules = iter(titres)
        return "<tr>" + _CELLULE.sub(
            lambda td: f'<td{td.group(1)} data-label="{next(cellules, "")}">{td.group(2)}</td>', tr.group(1)) + "</tr>"

    return "<table data-cartes>" + _LIGNE.sub(ligne, corps) + "</table>"


def on_page_content(html_page, page, config, files):
    return _TABLEAU.sub(en_cartes, html_page)
