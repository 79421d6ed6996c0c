"""Tables de taux : forme, provenance et valeurs dérivées par semestre.

Les taux de pénalité attendus (BCE au 1er jour du semestre + 10 points) sont ceux du tableau
dérivé de shared/reference/legal.md §4.3, recoupés par des publications indépendantes
(10,25 % au S1 2014, 14,25 % au S2 2024, etc.).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from calculators.data import charger
from calculators.taux import Semestre, TauxInconnu, couvert_jusqu_au, taux_legal, taux_penalite_defaut

ATTENDUS = {
    (2013, 1): "10.75", (2013, 2): "10.50", (2014, 1): "10.25", (2014, 2): "10.15",
    (2015, 1): "10.05", (2015, 2): "10.05", (2016, 1): "10.05", (2016, 2): "10.00",
    (2019, 1): "10.00", (2022, 1): "10.00", (2022, 2): "10.00", (2023, 1): "12.50",
    (2023, 2): "14.00", (2024, 1): "14.50", (2024, 2): "14.25", (2025, 1): "13.15",
    (2025, 2): "12.15", (2026, 1): "12.15", (2026, 2): "12.40",
}


@pytest.mark.parametrize("semestre, attendu", ATTENDUS.items(), ids=[f"{a}-S{n}" for a, n in ATTENDUS])
def test_taux_de_penalite_par_semestre(semestre, attendu):
    assert taux_penalite_defaut(Semestre(*semestre)).valeur == Decimal(attendu)


def test_seul_le_second_semestre_2026_repose_sur_un_taux_non_confirme():
    non_confirmes = [
        (annee, n) for annee in range(2013, 2027) for n in (1, 2)
        if not taux_penalite_defaut(Semestre(annee, n)).confirme
    ]
    assert non_confirmes == [(2026, 2)]


PLANCHERS = {(2015, 1): "0.93", (2023, 2): "4.22", (2024, 1): "5.07", (2026, 1): "2.62", (2014, 2): "0.04"}


@pytest.mark.parametrize("semestre, attendu", PLANCHERS.items())
def test_taux_legal_professionnels(semestre, attendu):
    assert taux_legal(Semestre(*semestre)).valeur == Decimal(attendu)


def test_taux_legal_du_second_semestre_2026_reste_signale():
    """rates-2026.md : 6,84 % et 2,75 % ne sont lus que dans des sources secondaires."""
    for categorie, valeur in (("particuliers", "6.84"), ("professionnels", "2.75")):
        taux = taux_legal(Semestre(2026, 2), categorie)
        assert taux.valeur == Decimal(valeur) and not taux.confirme
        assert "à confirmer" in taux.citation


def test_apres_les_tables_refuse():
    assert couvert_jusqu_au() == dt.date(2026, 12, 31)
    with pytest.raises(TauxInconnu):
        taux_penalite_defaut(Semestre(2027, 1))


@pytest.mark.parametrize("nom", ["taux_bce", "taux_legal"])
def test_chaque_table_dit_sa_source_et_sa_date(nom):
    table = charger(nom)
    assert table["source_officielle"] and table["usage"]
    dt.date.fromisoformat(table["derniere_verification"])
    dt.date.fromisoformat(table["couvre_jusqu_au"])


def test_taux_bce_tries_sources_et_en_chaines():
    lignes = charger("taux_bce")["taux"]
    dates = [dt.date.fromisoformat(l["depuis"]) for l in lignes]
    assert dates == sorted(dates) and len(set(dates)) == len(dates)
    for ligne in lignes:
        assert isinstance(ligne["taux"], str) and Decimal(ligne["taux"]).as_tuple().exponent == -2
        assert ligne["source"] and isinstance(ligne["confirme"], bool)
        if not ligne["confirme"]:
            assert "NON CONFIRMÉ" in ligne["source"]


def test_taux_legal_sans_trou_ni_chevauchement_depuis_2008():
    periodes = charger("taux_legal")["periodes"]
    for avant, apres in zip(periodes, periodes[1:]):
        assert dt.date.fromisoformat(apres["du"]) == dt.date.fromisoformat(avant["au"]) + dt.timedelta(days=1)
    assert periodes[0]["du"] == "2008-01-01"
    assert periodes[-1]["au"] == charger("taux_legal")["couvre_jusqu_au"]


# --- Citations montrées à l'utilisateur (issue 10 §4) ----------------------------------------

# Ce qu'une citation ne doit jamais nommer : un site secondaire, un blog, un site de prévisions,
# un dépôt de code. Les notes de recherche restent dans `source`, pour les mainteneurs.
INTERDITS = re.compile(
    r"https?://|www\.|\.(com|fr|xyz|org|net|io|eu|biz|info|pro)\b|github|gitlab|typescript|javascript|"
    r"blog|forecast|prévision|thesis|rbtfl|livesquawk|fxstreet|moneyvox|juriblio|fichier|dépôt (de code|github)|"
    r"source faible|non identifié",
    re.IGNORECASE,
)


def _lignes(nom):
    table = charger(nom)
    return table["taux"] if nom == "taux_bce" else table["periodes"]


@pytest.mark.parametrize("nom", ["taux_bce", "taux_legal"])
def test_chaque_ligne_a_une_citation_officielle(nom):
    for ligne in _lignes(nom):
        citation = ligne.get("citation")
        assert isinstance(citation, str) and 20 <= len(citation) <= 160, ligne
        assert not INTERDITS.search(citation), citation
        assert ligne["source"], ligne  # la note de recherche reste pour les mainteneurs
        assert ("à confirmer" in citation) == (not ligne["confirme"]), citation


def test_le_filtre_des_citations_reconnait_les_sources_secondaires():
    for mauvaise in ("rbtfl.xyz (synthèse)", "fichier TypeScript d'un dépôt GitHub", "www.banque.example",
                     "app.thesisinstitute.org (prévision)", "blog d'un avocat"):
        assert INTERDITS.search(mauvaise), mauvaise


def test_le_taux_transmet_la_citation_et_non_la_note_de_recherche():
    taux = taux_penalite_defaut(Semestre(2026, 2))
    assert taux.citation == "Décision de la BCE du 11 juin 2026, en vigueur le 17 juin 2026 — à confirmer sur le site de la BCE"
    assert "rbtfl" in taux.source and "rbtfl" not in taux.citation
    assert taux_legal(Semestre(2025, 1)).citation.startswith("Arrêté du 17 décembre 2024")


def test_juin_2026_reste_non_confirme_faute_de_source_officielle_lue():
    """Deux sources secondaires citent le communiqué BCE ; aucune page de la BCE n'a été lue."""
    lignes = {l["depuis"]: l for l in charger("taux_bce")["taux"]}
    assert not lignes["2026-06-17"]["confirme"] and "ecb.mp260611" in lignes["2026-06-17"]["source"]
    assert not lignes["2026-09-16"]["confirme"] and lignes["2026-09-16"]["taux"] == "2.65"


# --- Avis de fin des tables (tests/unit/conftest.py) -------------------------------------------

def test_avis_de_fin_des_tables_sous_45_jours_seulement():
    from calculators.taux import couvertures, jours_restants

    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("conftest_unit", Path(__file__).with_name("conftest.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    avis_fin_des_tables = module.avis_fin_des_tables
    fin = couvert_jusqu_au()
    assert fin == min(couvertures().values())
    assert jours_restants(fin - dt.timedelta(days=46)) == 46
    assert avis_fin_des_tables(fin - dt.timedelta(days=46)) is None
    assert "dans 45 jours" in avis_fin_des_tables(fin - dt.timedelta(days=45))
    assert "dans 1 jour." in avis_fin_des_tables(fin - dt.timedelta(days=1))
    assert "se sont arrêtées" in avis_fin_des_tables(fin + dt.timedelta(days=1))
