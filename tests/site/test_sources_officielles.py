"""Aucun texte montré à l'utilisateur ne cite un blog, un site de prévisions ou un dépôt de code.

Les pages et les calculateurs citent leurs sources officielles : l'article du code (Légifrance), le
texte au Journal officiel, service-public.fr, economie.gouv.fr (DGCCRF, CEPC), la Banque de France,
la BCE, EUR-Lex. Un fait qui ne repose que sur une source secondaire est marqué « à vérifier », sans
nommer cette source.

Le test ne construit pas le site : il lit
- chaque fichier Markdown de docs/ et d'includes/ (le texte des pages, abréviations comprises) ;
- les références que les tables de taux montrent à l'utilisateur (`citation`, `source_officielle`
  de calculators/data/*.json ; le champ `source` est une note pour les mainteneurs) ;
- tout ce que renvoient les calculateurs (`calculators.api.run`) sur les cas de référence de
  tests/cas/*.json, plus un échéancier et chaque modèle de lettre : phrases, tableaux,
  avertissements, notes, sources, textes et fichiers à télécharger.

Deux contrôles : une liste de noms interdits (blogs, dépôts de code, sites de prévisions, sites
d'actualité et de consommateurs, cabinets d'avocats, reproductions privées des codes…), et toute
adresse de site web (« exemple.fr ») doit appartenir à la liste des domaines officiels admis.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from calculators import api

RACINE = Path(__file__).resolve().parents[2]
DOCS = RACINE / "docs"
INCLUDES = RACINE / "includes"
DONNEES = RACINE / "calculators" / "data"
CAS = RACINE / "tests" / "cas"

# Noms de sources interdits (motif, raison). Insensibles à la casse. « dépôt » seul est un mot du
# droit (dépôt de bilan, de plainte, de la requête) : seul le dépôt de code est visé.
INTERDITS: tuple[tuple[str, str], ...] = (
    # Blogs, dépôts de code, forums de développeurs.
    (r"blog", "blog"),
    (r"github|gitlab|bitbucket|\bgit\.", "dépôt de code"),
    (r"typescript", "fichier de code"),
    (r"stack\s?overflow", "forum de développeurs"),
    (r"d[ée]p[ôo]t\s+(?:de\s+code|git\w*|non\s+identifi)", "dépôt de code"),
    (r"fichiers?\s+de\s+code|jeux?\s+d'essai", "fichier de code"),
    (r"etalab/", "dépôt de code"),
    (r"wordpress|blogspot|canalblog", "blog"),
    # Sites de prévisions et synthèses d'actualité.
    (r"\.xyz\b", "site en .xyz"),
    (r"site\s+de\s+pr[ée]visions?|forecast", "site de prévisions"),
    (r"rbtfl|thesisinstitute|livesquawk|devizu", "site de prévisions ou d'actualité"),
    # Actualité, consommateurs, sociétés commerciales.
    (r"moneyvox|heropay|leanpay|fynao|jurisys|propulsebyca|lemondedudroit|lofficieldesmetiers"
     r"|daf-mag|optionfinance|themunicheye|crxmarkets|as-juris-consulting|legifiscal"
     r"|jesuisentrepreneur|fiducial|macsf|assistant-juridique|duo-solutions|fiscalonline"
     r"|cep-recouvrement|etrepaye|lemoniteur|jpkarsenty|afdcc",
     "site d'actualité ou commercial"),
    # Cabinets d'avocats et éditeurs juridiques privés.
    (r"[\w-]+-avocats?\b|\bavocats?-[\w-]+|avocat\w*\.\w{2,}|\bconsultation\.avocat",
     "site de cabinet d'avocats"),
    (r"cohen|plagnol|fourgnaud|kohenavocats|maxenceperrin|hebrard|louchart|chevalier-avocats"
     r"|chemouli|deltaconseil|vasquez|lexing|solon\.law|cms\.law|uggc|nomosparis|ginestie"
     r"|vertutavocat|mbavocats|fiduparcq|swavocats|lawell|willans|birkettlong|wake-smith",
     "cabinet d'avocats"),
    (r"lexbase|doctrine\.fr|dalloz|efl\.fr|lexology|jcl06|cotelib|lex-patrimonis",
     "éditeur juridique privé"),
    # Reproductions privées des codes : citer l'article, pas la reproduction.
    (r"juriblio|grouperf|rfsocial|tricoteuses|french-business-law|livv\.eu"
     r"|code-commande-publique\.com|marche-public\.fr|marchespublicspme",
     "reproduction privée d'un code"),
)

# Domaines admis dans une adresse de site (le domaine lui-même ou un sous-domaine).
DOMAINES_ADMIS = (
    "gouv.fr",  # legifrance, economie (DGCCRF, CEPC, CEDEF, Médiateur), impots, bofip, data.gouv
    "service-public.fr", "vie-publique.fr", "senat.fr", "assemblee-nationale.fr",
    "courdecassation.fr", "conseil-etat.fr", "banque-france.fr", "infogreffe.fr", "bodacc.fr",
    "inpi.fr", "bpifrance-creation.fr", "europa.eu", "ecb.int", "normattiva.it", "boe.es",
    "legislation.gov.uk", "bundesbank.de",
)

# Une adresse de site : nom de domaine terminé par un suffixe courant. Les adresses e-mail
# (précédées de « @ ») et les noms de fichiers du site (.js, .json, .md…) ne sont pas concernés.
ADRESSE = re.compile(
    r"(?<![@\w.-])((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+"
    r"(?:fr|com|eu|org|net|io|law|be|uk|xyz|info|it|es|de|online|co|biz|site|app|dev))\b",
    re.IGNORECASE,
)
MOTIFS = [(re.compile(m, re.IGNORECASE), raison) for m, raison in INTERDITS]


def _domaine_admis(domaine: str) -> bool:
    domaine = domaine.lower()
    return any(domaine == d or domaine.endswith("." + d) for d in DOMAINES_ADMIS)


def problemes(texte: str) -> list[str]:
    """Les noms interdits et les adresses non officielles trouvés dans `texte`."""
    trouves = [f"« {m.group(0)} » ({raison})" for motif, raison in MOTIFS for m in motif.finditer(texte)]
    trouves += [f"« {m.group(1)} » (site non officiel)" for m in ADRESSE.finditer(texte)
                if not _domaine_admis(m.group(1))]
    return trouves


# --------------------------------------------------------------------------------------------
# Le détecteur lui-même
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("texte", [
    "selon moneyvox.fr", "lu sur juriblio.fr", "un fichier d'un dépôt GitHub non identifié",
    "rbtfl.xyz", "app.thesisinstitute.org (site de prévisions)", "cité par avocat-plagnol.com",
    "bertrand-hebrard-avocat, 9 novembre 2021", "rfsocial.grouperf.com", "un blog",
    "texte sur etalab/lois-non-codifiees", "config.ts en TypeScript", "exemple-inconnu.fr",
])
def test_le_detecteur_repere_les_sources_interdites(texte):
    assert problemes(texte), texte


@pytest.mark.parametrize("texte", [
    "Article L441-10 du Code de commerce (Légifrance)", "https://www.legifrance.gouv.fr/jorf/id/X",
    "service-public.fr, fiche F783", "la preuve de dépôt", "dépôt de bilan", "déposez la requête",
    "demandez l'avis d'un avocat", "un avocat ou un commissaire de justice", "compta@exemple.fr",
    "docs/javascripts/calculateurs.js", "www.economie.gouv.fr/dgccrf", "eur-lex.europa.eu",
    "la prévision d'encaissements", "Banque de France",
])
def test_le_detecteur_laisse_passer_les_sources_officielles_et_le_vocabulaire(texte):
    assert not problemes(texte), problemes(texte)


# --------------------------------------------------------------------------------------------
# Les pages
# --------------------------------------------------------------------------------------------


def _fichiers_markdown() -> list[Path]:
    return sorted(DOCS.rglob("*.md")) + sorted(INCLUDES.rglob("*.md"))


def test_les_pages_ne_citent_que_des_sources_officielles():
    fichiers = _fichiers_markdown()
    assert len(fichiers) > 50, "docs/ semble vide"
    erreurs = []
    for fichier in fichiers:
        relatif = fichier.relative_to(RACINE).as_posix()
        for numero, ligne in enumerate(fichier.read_text(encoding="utf-8").splitlines(), start=1):
            erreurs += [f"{relatif}:{numero} : {p}" for p in problemes(ligne)]
    assert not erreurs, "Sources non officielles dans les pages :\n" + "\n".join(erreurs)


def test_les_references_des_tables_de_taux_sont_officielles():
    """`citation` et `source_officielle` sont montrés à l'utilisateur (tableaux, calculateurs)."""
    erreurs = []
    for fichier in sorted(DONNEES.glob("*.json")):
        donnees = json.loads(fichier.read_text(encoding="utf-8"))
        lignes = donnees.get("taux") or donnees.get("periodes") or []
        assert lignes, f"{fichier.name} : aucune ligne de taux"
        textes = [("source_officielle", donnees.get("source_officielle", ""))]
        textes += [(f"ligne {i} (du {l.get('du', l.get('depuis', '?'))}) citation", l.get("citation", ""))
                   for i, l in enumerate(lignes)]
        for ou, texte in textes:
            erreurs += [f"calculators/data/{fichier.name}, {ou} : {p}" for p in problemes(texte)]
    assert not erreurs, "Sources non officielles dans les tables de taux :\n" + "\n".join(erreurs)


# --------------------------------------------------------------------------------------------
# Ce que renvoient les calculateurs
# --------------------------------------------------------------------------------------------

NOMS = {"penalites": "penalites", "delai": "delai", "interet_legal": "interet-legal",
        "interets_moratoires": "interets-moratoires"}

LETTRE = {
    "aujourdhui": "2024-01-31",
    "creancier_nom": "Atelier Dupont SARL", "creancier_adresse": "12 rue des Lilas\n69003 Lyon",
    "creancier_siren": "123 456 789",
    "debiteur_nom": "Martin Industries SA", "debiteur_adresse": "5 avenue Foch\n75008 Paris",
    "debiteur_interlocuteur": "M. Martin", "debiteur_qualite": "commercant",
    "lieu": "Lyon", "date_lettre": "31/01/2024", "signataire": "Jeanne Dupont", "fonction": "Gérante",
    "reference": "DOS-42", "delai": "8", "inclure_penalites": "oui",
    "demarches": "Relance le 01/12/2023\nMise en demeure le 10/01/2024",
    "litige": "Prestation livrée le 15/10/2023, sans réserve",
    "plan_nombre": "6", "plan_premiere": "29/02/2024", "plan_periodicite": "mensuelle",
    "factures": [{"numero": "F-2023-118", "date": "31/10/2023", "montant": "10000", "echeance": "30/11/2023"}],
}


def _executions():
    """(étiquette, calculateur, saisies) : les cas de référence, un échéancier, chaque lettre."""
    for fichier in sorted(CAS.glob("*.json")):
        nom = NOMS[fichier.stem]
        for i, cas in enumerate(json.loads(fichier.read_text(encoding="utf-8"))["cas"]):
            yield f"tests/cas/{fichier.name} cas {i} ({cas.get('libelle', '')})", nom, cas["saisies"]
    yield "échéancier", "echeancier", {"montant": "10000", "nombre": "6", "premiere": "2025-01-31",
                                        "periodicite": "mensuelle", "aujourdhui": "2025-01-15"}
    from calculators.lettres.catalogue import MODELES

    for modele in MODELES:
        saisies = {**LETTRE, "modele": modele}
        if modele == "rappel-avant-echeance":
            saisies["factures"] = [{"numero": "F-2024-007", "date": "15/01/2024", "montant": "1200",
                                    "echeance": "15/02/2024"}]
        if modele == "remerciement":
            saisies["factures"] = [{**LETTRE["factures"][0], "paiement": "31/01/2024"}]
        yield f"lettre « {modele} »", "lettre", saisies


def _textes(valeur, chemin=""):
    """Chaque chaîne du résultat, avec son chemin ; les fichiers binaires (base64) sont sautés."""
    if isinstance(valeur, dict):
        if valeur.get("encodage") == "base64":
            return
        for cle, v in valeur.items():
            if not cle.endswith("_base64"):
                yield from _textes(v, f"{chemin}.{cle}")
    elif isinstance(valeur, list):
        for i, v in enumerate(valeur):
            yield from _textes(v, f"{chemin}[{i}]")
    elif isinstance(valeur, str):
        yield chemin, valeur


def test_les_calculateurs_ne_citent_que_des_sources_officielles():
    erreurs, executes = [], 0
    for etiquette, nom, saisies in _executions():
        resultat = api.run(nom, saisies)
        assert "interne" not in resultat, f"{etiquette} : erreur interne {resultat['erreurs']}"
        executes += resultat.get("ok", False)
        for chemin, texte in _textes(resultat):
            for numero, ligne in enumerate(texte.splitlines() or [texte], start=1):
                erreurs += [f"{etiquette} [{nom}] {chemin} ligne {numero} : {p}" for p in problemes(ligne)]
    assert executes > 60, f"seulement {executes} calculs réussis : les cas de référence ont-ils changé ?"
    assert not erreurs, "Sources non officielles dans les résultats des calculateurs :\n" + "\n".join(erreurs)
