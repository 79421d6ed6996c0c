"""Recherche du site : les premiers résultats de requêtes réelles, dans l'index construit.

Les requêtes passent par le worker de recherche de Material lui-même (lunr, réglages de
l'index, transformation des requêtes : chaque mot reçoit un `*`), exécuté sous Node par
`recherche_material.mjs` : le classement est celui du navigateur. Réglages et corrections de
l'index : overrides/hooks/recherche.py ; bonus des pages : `search: boost:` en en-tête YAML.
"""

from __future__ import annotations

import doctest
import importlib.util
import json
import subprocess
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parents[2]
HARNAIS = Path(__file__).with_name("recherche_material.mjs")

# Requête telle qu'un utilisateur la tape (accents ou non) → pages attendues parmi les trois
# premiers résultats.
REQUETES = {
    "penalites": ["calculateurs/penalites-de-retard/", "cadre-legal/penalites-de-retard/"],
    "pénalités de retard": ["calculateurs/penalites-de-retard/", "cadre-legal/penalites-de-retard/"],
    "calculer les penalites": ["calculateurs/penalites-de-retard/"],
    "DSO": ["piloter/dso/"],
    "mise en demeure": ["relancer/mise-en-demeure/", "checklists/avant-mise-en-demeure/"],
    "indemnite forfaitaire 40": ["cadre-legal/penalites-de-retard/"],
    "injonction de payer": ["recouvrer/injonction-de-payer/"],
    "echeancier": ["calculateurs/echeancier/", "relancer/proposer-un-echeancier/"],
    "délai de paiement": ["calculateurs/delai-de-paiement/", "cadre-legal/delais-de-paiement/"],
    "45 jours fin de mois": ["cadre-legal/delais-de-paiement/"],
    "taux BCE": ["cadre-legal/taux/"],
    "interet legal": ["cadre-legal/interet-legal/"],
    "prescription": ["recouvrer/prescription/"],
    "balance agee": ["piloter/balance-agee/"],
    "taux de retard": ["piloter/taux-de-retard/"],
    "relance telephone": ["relancer/appel-telephonique/"],
    "lettre de relance": ["lettres/"],
    "TVA créance irrécouvrable": ["recouvrer/tva-creances-irrecouvrables/"],
    "provision créances douteuses": ["recouvrer/provision-creances-douteuses/"],
    "redressement judiciaire": ["recouvrer/procedure-collective/"],
    "médiateur des entreprises": ["recouvrer/mediation/"],
    "société de recouvrement": ["recouvrer/societe-de-recouvrement/"],
    "référé provision": ["recouvrer/refere-provision/"],
    "CGV": ["prevenir/cgv-et-factures/"],
    "CEI": ["piloter/cei/"],
}
# Celles où la page attendue doit être la toute première.
PREMIERE = {
    "penalites": "calculateurs/penalites-de-retard/",
    "DSO": "piloter/dso/",
    "injonction de payer": "recouvrer/injonction-de-payer/",
    "prescription": "recouvrer/prescription/",
}


@pytest.fixture(scope="module")
def resultats(site_construit):
    requetes = [*REQUETES, "pénalités", "en", "de la", '"mise en demeure"']
    sortie = subprocess.run(
        ["node", str(HARNAIS), str(site_construit), *requetes], capture_output=True, text=True, check=True,
    )
    return json.loads(sortie.stdout)


def pages(resultats, requete):
    return [resultat["page"] for resultat in resultats[requete]]


@pytest.mark.parametrize("requete", REQUETES)
def test_les_pages_attendues_sont_dans_les_trois_premiers_resultats(resultats, requete):
    trois = pages(resultats, requete)[:3]
    manquantes = [page for page in REQUETES[requete] if page not in trois]
    assert not manquantes, f"« {requete} » : {manquantes} absentes des trois premiers {trois}"


@pytest.mark.parametrize("requete", PREMIERE)
def test_la_page_attendue_est_la_premiere(resultats, requete):
    assert pages(resultats, requete)[0] == PREMIERE[requete]


def test_sans_accents_comme_avec(resultats):
    assert pages(resultats, "penalites")[:3] == pages(resultats, "pénalités")[:3]


def test_les_mots_vides_ne_trouvent_rien_seuls(resultats):
    # « en* » trouvait « entreprise », « encours »… : un mot vide n'est plus un préfixe cherché.
    assert resultats["en"] == []
    assert resultats["de la"] == []


def test_mise_en_demeure_chaque_resultat_contient_mise_ou_demeure(resultats):
    for resultat in resultats["mise en demeure"]:
        for section in resultat["sections"]:
            if section["score"]:
                assert set(section["termes"]) == {"mise", "demeure"}, section
                assert any(section["termes"].values()), section


def test_entre_guillemets_tous_les_mots_sont_exiges(resultats):
    """Material traduit une expression entre guillemets en mots exigés ; le mot vide n'en est pas."""
    tous = pages(resultats, "mise en demeure")
    exacts = pages(resultats, '"mise en demeure"')
    assert exacts and len(exacts) < len(tous)
    for resultat in resultats['"mise en demeure"']:
        for section in resultat["sections"]:
            if section["score"]:
                assert section["termes"] == {"mise": True, "demeure": True}, section


def _module(nom):
    spec = importlib.util.spec_from_file_location(f"hook_{nom}", RACINE / "overrides" / "hooks" / f"{nom}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("nom", ["recherche", "pied_de_page", "typographie"])
def test_exemples_des_hooks(nom):
    """Les exemples (doctests) des hooks : overrides/ n'est pas dans les chemins de pytest."""
    echecs, essais = doctest.testmod(_module(nom))
    assert essais and not echecs
