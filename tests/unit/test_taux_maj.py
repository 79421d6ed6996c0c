"""Mise à jour des tables de taux depuis les fichiers officiels, hors ligne.

Les fichiers lus sont les exemples de tests/cas/taux/ (voir son README) : écrits dans les
formats des exports de la BCE et de la Banque de France. Chaque test travaille sur une copie
des tables dans un dossier temporaire : les vraies tables ne sont jamais réécrites.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from calculators.taux.maj import DOSSIER_DONNEES, charger_table, ecrire_table, main
from calculators.taux.officiel import FichierInvalide, Observation, lire_bce, lire_legal

CAS = Path(__file__).resolve().parent.parent / "cas" / "taux"
PORTAIL = CAS / "bce-mrr-fr-portail.csv"
API_2027 = CAS / "bce-mrr-fr-api-scenario-2027.csv"
WEBSTAT = CAS / "taux-legal-webstat.csv"
WEBSTAT_2027 = CAS / "taux-legal-webstat-scenario-2027.csv"
SERIES = {"particuliers": "EXEMPLE.TIL.PARTICULIERS", "professionnels": "EXEMPLE.TIL.AUTRES"}
OPTIONS_SERIES = ["--serie-particuliers", SERIES["particuliers"], "--serie-autres", SERIES["professionnels"]]
AUJOURDHUI = dt.date(2026, 11, 29)


@pytest.fixture
def dossier(tmp_path):
    for nom in ("taux_bce", "taux_legal"):
        shutil.copy(DOSSIER_DONNEES / f"{nom}.json", tmp_path / f"{nom}.json")
    return tmp_path


def _lancer(dossier, *options, aujourdhui=AUJOURDHUI):
    return main([*options, "--dossier", str(dossier)], aujourdhui=aujourdhui)


def _par_date(dossier):
    return {l["depuis"]: l for l in charger_table(dossier, "taux_bce")["taux"]}


# --- Lecture de la série de la BCE ---------------------------------------------------------------

def test_export_du_portail_lu_depuis_le_retour_au_taux_fixe():
    observations = lire_bce(PORTAIL.read_bytes())
    assert observations[0] == Observation(dt.date(2008, 10, 15), Decimal("3.75"))
    assert observations[-1] == Observation(dt.date(2025, 6, 11), Decimal("2.15"))
    assert Observation(dt.date(2016, 3, 16), Decimal("0.00")) in observations
    # 1999-2000 (avant les appels d'offres à taux variable) est ignoré : la table garde ses lignes.
    assert all(o.depuis >= dt.date(2008, 10, 15) for o in observations)


def test_sdmx_csv_de_l_api_donne_la_meme_serie():
    portail, api = lire_bce(PORTAIL.read_bytes()), lire_bce(API_2027.read_bytes())
    assert api[: len(portail)] == portail
    assert api[len(portail):] == [Observation(dt.date(2026, 6, 17), Decimal("2.40")),
                                  Observation(dt.date(2026, 9, 16), Decimal("2.65"))]


def test_export_dont_chaque_ligne_est_entre_guillemets():
    texte = PORTAIL.read_text(encoding="utf-8-sig")
    cite = "\n".join('"' + l.replace('"', '""') + '"' for l in texte.splitlines())
    assert lire_bce(cite) == lire_bce(texte)


def test_valeur_repetee_n_est_pas_un_changement():
    texte = PORTAIL.read_text(encoding="utf-8-sig") + '"2025-07-01","01 Jul 2025","2.150000"\r\n'
    assert lire_bce(texte)[-1].depuis == dt.date(2025, 6, 11)


@pytest.mark.parametrize("remplacer, message", [
    (('"2024-06-12","12 Jun 2024","4.25"', '"2024-06-12","12 Jun 2024","42.50"'), "hors des valeurs plausibles"),
    (('"2024-06-12","12 Jun 2024","4.25"', '"2024-06-12","12 Jun 2024","4.255"'), "au centième de point"),
    (('"2024-06-12","12 Jun 2024","4.25"', '"2024-06-12","12 Jun 2024","n/a"'), "n'est pas un taux"),
    (('"2024-06-12","12 Jun 2024"', '"2023-06-12","12 Jun 2023"'), "dates non croissantes"),
    (('"2024-06-12","12 Jun 2024"', '"12/06/2024","12 Jun 2024"'), "n'est pas une date"),
    (("MRR_FR.LEV)", "DFR.LEV)"), "Aucune colonne de la série"),
    (('"DATE","TIME PERIOD"', '"JOUR","PERIODE"'), "Format non reconnu"),
])
def test_fichier_bce_invalide_refuse_en_francais(remplacer, message):
    texte = PORTAIL.read_text(encoding="utf-8-sig").replace(*remplacer)
    with pytest.raises(FichierInvalide, match=message):
        lire_bce(texte)


def test_sdmx_csv_d_une_autre_serie_refuse():
    texte = API_2027.read_text(encoding="utf-8").replace("KR.MRR_FR.LEV", "KR.DFR.LEV")
    with pytest.raises(FichierInvalide, match="aucune observation de la série FM.B.U2.EUR.4F.KR.MRR_FR.LEV"):
        lire_bce(texte)


# --- Lecture des taux de l'intérêt légal (Webstat) ------------------------------------------------

def test_export_webstat_lu_par_semestre_pour_les_deux_categories():
    periodes = lire_legal(WEBSTAT.read_bytes(), SERIES)
    assert (periodes[0].du, periodes[0].particuliers, periodes[0].professionnels) == (
        dt.date(2015, 1, 1), Decimal("4.06"), Decimal("0.93"))
    assert (periodes[-1].au, periodes[-1].particuliers, periodes[-1].professionnels) == (
        dt.date(2026, 6, 30), Decimal("6.67"), Decimal("2.62"))
    assert len(periodes) == 23


def _sans(texte, *morceaux):
    return "".join(l for l in texte.splitlines(keepends=True) if not any(m in l for m in morceaux))


@pytest.mark.parametrize("transformer, message", [
    (lambda t: _sans(t, "EXEMPLE.TIL.AUTRES;2020-S1"), "mêmes périodes"),
    (lambda t: _sans(t, ";2020-S1;"), "Trou dans le fichier"),
    (lambda t: t + "EXEMPLE.TIL.AUTRES;2020-S1;0.87;A\n", "en double"),
    (lambda t: t.replace("2020-S1;3.15", "2020-S1;31.50"), "hors des valeurs plausibles"),
    (lambda t: t.replace(";2020-S1;", ";2020-T1;"), "non reconnue"),
    (lambda t: t.replace("series_key;", "serie;"), "Format non reconnu"),
    (lambda t: t.replace("EXEMPLE.TIL.AUTRES", "AUTRE.SERIE"), "Aucune observation de la série"),
])
def test_fichier_webstat_invalide_refuse_en_francais(transformer, message):
    with pytest.raises(FichierInvalide, match=message):
        lire_legal(transformer(WEBSTAT.read_text(encoding="utf-8")), SERIES)


def test_cles_des_series_exigees():
    with pytest.raises(FichierInvalide, match="clés Webstat"):
        lire_legal(WEBSTAT.read_bytes(), {"particuliers": None, "professionnels": None})


# --- Fusion et ligne de commande ------------------------------------------------------------------

def test_essai_sans_changement_n_ecrit_rien(dossier, capsys):
    avant = (dossier / "taux_bce.json").read_bytes(), (dossier / "taux_legal.json").read_bytes()
    code = _lancer(dossier, "--bce", str(PORTAIL), "--legal", str(WEBSTAT), "--extrait-le", "2025-12-31",
                   *OPTIONS_SERIES)
    sortie = capsys.readouterr().out
    assert code == 0
    assert sortie.count("aucun changement") == 2 and "Essai : rien n'est écrit" in sortie
    assert ((dossier / "taux_bce.json").read_bytes(), (dossier / "taux_legal.json").read_bytes()) == avant


def test_scenario_de_janvier_2027_confirme_et_prolonge_les_tables(dossier, capsys):
    """Les fichiers officiels téléchargés le 05/01/2027 contiennent les lignes de 2026 : elles
    deviennent confirmées, et les tables couvrent le 1er semestre 2027."""
    code = _lancer(dossier, "--bce", str(API_2027), "--legal", str(WEBSTAT_2027), *OPTIONS_SERIES,
                   "--ecrire", aujourdhui=dt.date(2027, 1, 5))
    sortie = capsys.readouterr().out
    assert code == 0
    for attendu in ("~ 17/06/2026 : 2.40 % confirmé", "~ 16/09/2026 : 2.65 % confirmé",
                    "taux connus jusqu'au 31/12/2026 → 30/06/2027",
                    "~ du 01/07/2026 au 31/12/2026 : 6.84 % / 2.75 % confirmé",
                    "+ du 01/01/2027 au 30/06/2027 : 6.90 % / 2.80 % ajouté", "Tables enregistrées"):
        assert attendu in sortie, attendu
    bce = charger_table(dossier, "taux_bce")
    juin = _par_date(dossier)["2026-06-17"]
    assert juin["confirme"] and "bce-mrr-fr-api-scenario-2027.csv" in juin["source"]
    assert "extrait le 05/01/2027" in juin["source"] and "à confirmer" not in juin["citation"]
    assert (bce["couvre_jusqu_au"], bce["derniere_verification"]) == ("2027-06-30", "2027-01-05")
    legal = charger_table(dossier, "taux_legal")
    assert legal["periodes"][-1]["du"] == "2027-01-01" and legal["periodes"][-1]["confirme"]
    assert legal["series_webstat"] == SERIES and legal["couvre_jusqu_au"] == "2027-06-30"
    # Les lignes confirmées et identiques gardent leur note de recherche.
    assert "Banka Slovenije" in _par_date(dossier)["2025-02-05"]["source"]


def test_changement_absent_de_la_serie_officielle_retire(dossier, capsys):
    table = charger_table(dossier, "taux_bce")
    table["taux"].insert(45, {"depuis": "2016-03-10", "taux": "0.00", "mode": "fixed", "confirme": True,
                              "citation": "BCE, taux en vigueur à compter du 10 mars 2016", "source": "page secondaire"})
    table["taux"].sort(key=lambda l: l["depuis"])
    ecrire_table(dossier, "taux_bce", table)
    assert _lancer(dossier, "--bce", str(PORTAIL), "--extrait-le", "2025-12-31", "--ecrire") == 0
    assert "- 10/03/2016 : 0.00 % retiré (absent de la série officielle)" in capsys.readouterr().out
    lignes = _par_date(dossier)
    assert "2016-03-10" not in lignes and "2016-03-16" in lignes
    assert "2026-06-17" in lignes  # après la date d'extraction : la série ne dit rien, la ligne reste


def test_valeur_differente_corrigee(dossier, capsys):
    table = charger_table(dossier, "taux_bce")
    next(l for l in table["taux"] if l["depuis"] == "2024-06-12")["taux"] = "4.20"
    ecrire_table(dossier, "taux_bce", table)
    assert _lancer(dossier, "--bce", str(PORTAIL), "--extrait-le", "2025-12-31") == 0
    assert "~ 12/06/2024 : 4.25 % corrigé (était 4.20 %)" in capsys.readouterr().out


def test_fichier_qui_laisserait_un_trou_refuse(dossier, capsys, tmp_path):
    recent = tmp_path / "recent.csv"
    lignes = API_2027.read_text(encoding="utf-8").splitlines()
    recent.write_text("\n".join([lignes[0]] + [l for l in lignes[1:] if ",2026-" in l]) + "\n", encoding="utf-8")
    assert _lancer(dossier, "--bce", str(recent)) == 2
    assert "après la dernière ligne confirmée (11/06/2025)" in capsys.readouterr().err


@pytest.mark.parametrize("options, message", [
    ([], "au moins un fichier officiel"),
    (["--bce", "introuvable.csv"], "Impossible de lire introuvable.csv : ce fichier n'existe pas"),
    (["--bce", str(PORTAIL), "--extrait-le", "05/01/2027"], "n'est pas une date AAAA-MM-JJ"),
    (["--bce", str(PORTAIL), "--extrait-le", "2026-12-01"], "dans le futur"),
    (["--legal", str(WEBSTAT)], "clés Webstat"),
])
def test_ligne_de_commande_refuse_avec_le_code_2(dossier, capsys, options, message):
    assert _lancer(dossier, *options) == 2
    assert message in capsys.readouterr().err


def test_ecriture_garde_la_mise_en_forme_des_tables(dossier):
    for nom in ("taux_bce", "taux_legal"):
        avant = (dossier / f"{nom}.json").read_text(encoding="utf-8")
        ecrire_table(dossier, nom, json.loads(avant))
        assert (dossier / f"{nom}.json").read_text(encoding="utf-8") == avant
