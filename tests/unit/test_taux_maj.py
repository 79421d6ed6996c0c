"""Mise à jour des tables de taux depuis les fichiers officiels, hors ligne.

Les fichiers lus sont les exemples de tests/cas/taux/ (voir son README) : écrits dans les
formats des exports de la BCE et de la Banque de France. Chaque test travaille sur une copie
des tables dans un dossier temporaire : les vraies tables ne sont jamais réécrites.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import runpy
import shutil
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from calculators.taux import maj
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
    # Formes que date.fromisoformat accepte mais que les messages (AAAA-MM-JJ) n'annoncent pas.
    (('"2024-06-12","12 Jun 2024"', '"20240612","12 Jun 2024"'), "« 20240612 » n'est pas une date AAAA-MM-JJ"),
    (('"2024-06-12","12 Jun 2024"', '"2024-W24-3","12 Jun 2024"'), "« 2024-W24-3 » n'est pas une date AAAA-MM-JJ"),
    # Arrondir au centième avant de borner levait decimal.InvalidOperation (précision de 28 chiffres).
    (('"2024-06-12","12 Jun 2024","4.25"', '"2024-06-12","12 Jun 2024","1e400"'), "1e400 % est hors des valeurs"),
    (('"2024-06-12","12 Jun 2024","4.25"', '"2024-06-12","12 Jun 2024","1' + "0" * 28 + '"'), "hors des valeurs"),
    (('"2024-06-12","12 Jun 2024","4.25"', '"2024-06-12","12 Jun 2024","Infinity"'), "« Infinity » n'est pas un taux"),
    (('"2024-06-12","12 Jun 2024","4.25"', '"2024-06-12","12 Jun 2024","sNaN"'), "« sNaN » n'est pas un taux"),
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
    (lambda t: t.replace(";2020-S1;", ";0000;"), "période « 0000 » : l'année 0 n'existe pas"),  # était ValueError
    (lambda t: t.replace("2020-S1;3.15", "2020-S1;1e400"), "hors des valeurs plausibles"),
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


def _ajouter_ligne_bce(dossier, depuis, confirme):
    table = charger_table(dossier, "taux_bce")
    table["taux"].append({"depuis": depuis, "taux": "0.00", "mode": "fixed", "confirme": confirme,
                          "citation": f"BCE, taux en vigueur à compter du {depuis}", "source": "page secondaire"})
    table["taux"].sort(key=lambda l: l["depuis"])
    ecrire_table(dossier, "taux_bce", table)


def test_changement_non_confirme_absent_de_la_serie_officielle_retire(dossier, capsys):
    """Une ligne de source secondaire que la série dément (un changement plus récent la suit) est retirée."""
    _ajouter_ligne_bce(dossier, "2016-03-10", confirme=False)
    assert _lancer(dossier, "--bce", str(PORTAIL), "--extrait-le", "2025-12-31", "--ecrire") == 0
    assert "- 10/03/2016 : 0.00 % retiré (absent de la série officielle)" in capsys.readouterr().out
    lignes = _par_date(dossier)
    assert "2016-03-10" not in lignes and "2016-03-16" in lignes
    assert "2026-06-17" in lignes  # après la date d'extraction : la série ne dit rien, la ligne reste


def _tronque(tmp_path, garder):
    """Copie de l'export du portail réduite à son en-tête et aux lignes que `garder` retient."""
    lignes = PORTAIL.read_text(encoding="utf-8-sig").splitlines()
    chemin = tmp_path / "tronque.csv"
    chemin.write_text("\n".join([lignes[0]] + [l for l in lignes[1:] if garder(l)]) + "\n", encoding="utf-8")
    return chemin


@pytest.mark.parametrize("garder, extrait_le, preparer, message", [
    # Audit : une seule ligne (12/06/2024) effaçait les 9 changements suivants, confirmés compris.
    (lambda l: l.startswith('"2024-06-12"'), "2025-12-31", None,
     "il ne contient pas les changements confirmés du 18/09/2024, 23/10/2024, 18/12/2024, 05/02/2025, "
     "12/03/2025, 23/04/2025 et 11/06/2025"),
    (lambda l: not l.startswith('"2025-06-11"'), "2025-12-31", None,
     "il ne contient pas les changements confirmés du 11/06/2025"),
    # Série complète mais téléchargée avant sa mise à jour : les lignes de 2026 ne sont pas démenties.
    (lambda l: True, "2026-11-29", None,
     "il s'arrête au 11/06/2025 et ne dit rien des changements non confirmés du 17/06/2026 et 16/09/2026"),
    (lambda l: True, "2025-12-31", lambda d: _ajouter_ligne_bce(d, "2016-03-10", confirme=True),
     "il ne contient pas les changements confirmés du 10/03/2016"),
])
def test_fichier_bce_incomplet_refuse_sans_rien_retirer(dossier, capsys, tmp_path, garder, extrait_le, preparer,
                                                         message):
    if preparer:
        preparer(dossier)
    avant = (dossier / "taux_bce.json").read_bytes()
    fichier = _tronque(tmp_path, garder)
    assert _lancer(dossier, "--bce", str(fichier), "--extrait-le", extrait_le, "--ecrire") == 2
    err = capsys.readouterr().err
    assert err.startswith("Fichier refusé : Fichier de la BCE incomplet : ") and message in err
    assert (dossier / "taux_bce.json").read_bytes() == avant


def test_fichier_webstat_tronque_ne_retire_rien(dossier, capsys, tmp_path):
    """La fusion du taux légal ne retire jamais de ligne : un export coupé après 2016 laisse la table entière."""
    lignes = WEBSTAT.read_text(encoding="utf-8").splitlines()
    coupe = tmp_path / "webstat-coupe.csv"
    coupe.write_text("\n".join([lignes[0]] + [l for l in lignes[1:] if ";2015-" in l or ";2016-" in l]) + "\n",
                     encoding="utf-8")
    avant = charger_table(dossier, "taux_legal")
    assert _lancer(dossier, "--legal", str(coupe), *OPTIONS_SERIES, "--extrait-le", "2025-12-31", "--ecrire") == 0
    assert "Taux de l'intérêt légal :\n  aucun changement" in capsys.readouterr().out
    apres = charger_table(dossier, "taux_legal")
    assert apres["periodes"] == avant["periodes"] and apres["couvre_jusqu_au"] == avant["couvre_jusqu_au"]


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
    ([], "Erreur : donnez au moins un fichier officiel"),
    (["--bce", "introuvable.csv"], "Fichier refusé : Impossible de lire introuvable.csv : ce fichier n'existe pas"),
    # Une option fautive n'est pas un « fichier refusé » ; AAAA-MM-JJ est la seule forme acceptée.
    (["--bce", str(PORTAIL), "--extrait-le", "05/01/2027"], "Erreur : --extrait-le : « 05/01/2027 » n'est pas une "
                                                             "date valide écrite AAAA-MM-JJ (par exemple 2027-01-05)"),
    (["--bce", str(PORTAIL), "--extrait-le", "2025-13-01"], "Erreur : --extrait-le : « 2025-13-01 » n'est pas une "
                                                             "date valide"),
    (["--bce", str(PORTAIL), "--extrait-le", "20250101"], "Erreur : --extrait-le : « 20250101 » n'est pas une "
                                                           "date valide"),
    (["--bce", str(PORTAIL), "--extrait-le", "2026-12-01"], "Erreur : --extrait-le : la date de téléchargement "
                                                             "(01/12/2026) ne peut pas être dans le futur"),
    (["--legal", str(WEBSTAT)], "Erreur : indiquez les clés Webstat des deux séries"),
])
def test_ligne_de_commande_refuse_avec_le_code_2(dossier, capsys, options, message):
    assert _lancer(dossier, *options) == 2
    assert capsys.readouterr().err.startswith(message)


ANGLAIS = ("error:", "usage:", "argument", "expected", "ambiguous", "ignored", "unrecognized", "could match")


@pytest.mark.parametrize("options, message", [
    # Abrégée, une option n'est pas devinée (« --serie » : laquelle des deux ?).
    (["--serie", "X", "--bce", str(PORTAIL)], "erreur : options inconnues : --serie X"),
    (["--bce", str(PORTAIL), "--ecrire=1"], "erreur : option --ecrire : cette option ne prend pas de valeur"),
    (["--bce", str(PORTAIL), "--extrait-le"], "erreur : option --extrait-le : une valeur est attendue"),
    (["bce.csv"], "erreur : options inconnues : bce.csv"),
])
def test_option_mal_ecrite_refusee_en_francais(dossier, capsys, options, message):
    with pytest.raises(SystemExit) as sortie:
        _lancer(dossier, *options)
    err = capsys.readouterr().err
    assert sortie.value.code == 2 and message in err
    assert not [mot for mot in ANGLAIS if mot in err]


def _abimer(dossier, nom, contenu):
    (dossier / f"{nom}.json").write_bytes(contenu)


@pytest.mark.parametrize("abimer, options, message", [
    (lambda d: shutil.rmtree(d), ["--bce", str(PORTAIL)], "impossible de lire la table {d}/taux_bce.json : ce "
                                                           "fichier n'existe pas (vérifiez le chemin)"),
    (lambda d: _abimer(d, "taux_bce", b'{"taux": [,]}'), ["--bce", str(PORTAIL)],
     "la table {d}/taux_bce.json est illisible (ligne 1, colonne 11)"),
    (lambda d: _abimer(d, "taux_legal", b"\xff\xfe"), ["--legal", str(WEBSTAT), *OPTIONS_SERIES],
     "la table {d}/taux_legal.json est illisible (pas en UTF-8)"),
    (lambda d: _abimer(d, "taux_bce", b"[]"), ["--bce", str(PORTAIL)],
     "la table {d}/taux_bce.json est mal formée (liste « taux » absente ou vide)"),
    (lambda d: _abimer(d, "taux_bce", b'{"taux": [{"depuis": "2024-06-12", "confirme": true}]}'),
     ["--bce", str(PORTAIL)], "la table {d}/taux_bce.json est mal formée (ligne 1 : taux manquant)"),
    (lambda d: _abimer(d, "taux_legal", json.dumps({"couvre_jusqu_au": "2026-12-31", "periodes": [
        {"du": "2015", "au": "2015-06-30", "particuliers": "4.06", "professionnels": "0.93", "confirme": True}]
     }).encode()), ["--legal", str(WEBSTAT), *OPTIONS_SERIES],
     "la table {d}/taux_legal.json est mal formée (ligne 1 : date qui n'est pas AAAA-MM-JJ)"),
    (lambda d: _abimer(d, "taux_bce", b'{"taux": [{"depuis": "2024-06-12", "taux": "4.25", "confirme": true}]}'),
     ["--bce", str(PORTAIL)], "la table {d}/taux_bce.json est mal formée (« couvre_jusqu_au » absent"),
])
def test_table_illisible_refusee_en_francais(dossier, capsys, abimer, options, message):
    abimer(dossier)
    assert _lancer(dossier, *options, "--extrait-le", "2025-12-31") == 2
    assert capsys.readouterr().err.startswith("Erreur : " + message.format(d=dossier))


@pytest.mark.parametrize("echecs, message", [
    (1, "rien n'a été enregistré"),
    (2, "taux_bce.json est déjà enregistrée"),
])
def test_ecriture_impossible_dite_en_francais(dossier, capsys, monkeypatch, echecs, message):
    """Disque plein au moment de remplacer la table : l'ancienne reste entière, sans fichier provisoire."""
    remplacer, appels = os.replace, []

    def remplacer_ou_echouer(source, cible):
        appels.append(cible)
        if len(appels) == echecs:
            raise OSError(errno.ENOSPC, "No space left on device")
        remplacer(source, cible)

    monkeypatch.setattr(maj.os, "replace", remplacer_ou_echouer)
    avant = (dossier / "taux_legal.json").read_bytes()
    code = _lancer(dossier, "--bce", str(PORTAIL), "--legal", str(WEBSTAT), *OPTIONS_SERIES,
                   "--extrait-le", "2025-12-31", "--ecrire")
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("Erreur : impossible d'enregistrer ")
    assert "plus de place sur le disque" in err and message in err
    assert (dossier / "taux_legal.json").read_bytes() == avant
    assert not list(dossier.glob("*.provisoire"))


@pytest.mark.parametrize("options, code, attendu", [
    ([], 2, "Erreur : donnez au moins un fichier officiel"),
    (["-h"], 0, "usage : python -m calculators.taux [-h]"),
    (["--bce", str(PORTAIL), "--extrait-le", "2025-12-31"], 0, "aucun changement"),
])
def test_python_m_calculators_taux_lance_la_mise_a_jour(dossier, capsys, monkeypatch, options, code, attendu):
    """`python -m calculators.taux` répondait en anglais « No module named calculators.taux.__main__ »."""
    monkeypatch.setattr(sys, "argv", ["calculators.taux", *options, "--dossier", str(dossier)])
    with pytest.raises(SystemExit) as sortie:
        runpy.run_module("calculators.taux", run_name="__main__")
    sorties = capsys.readouterr()
    assert sortie.value.code == code and attendu in sorties.out + sorties.err


def test_ecriture_garde_la_mise_en_forme_des_tables(dossier):
    for nom in ("taux_bce", "taux_legal"):
        avant = (dossier / f"{nom}.json").read_text(encoding="utf-8")
        ecrire_table(dossier, nom, json.loads(avant))
        assert (dossier / f"{nom}.json").read_text(encoding="utf-8") == avant
