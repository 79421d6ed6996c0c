"""Ligne de commande de l'échéancier (processus réel) : mêmes noms que le formulaire et le lien."""

from __future__ import annotations

import json
import subprocess
import sys

from calculators.api import run


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "calculators", "echeancier", *args], capture_output=True, text=True)


def test_cli_json_de_l_issue():
    sortie = _cli("--montant", "10000", "--nombre", "6", "--premiere", "2025-01-31", "--periodicite", "mensuelle",
                  "--json")
    assert sortie.returncode == 0, sortie.stderr
    r = json.loads(sortie.stdout)
    assert [(e["date"], e["montant"], e["interets"], e["capital"], e["restant"]) for e in r["echeances"]][-2:] == [
        ("2025-05-31", "1666.67", "0.00", "1666.67", "1666.65"),
        ("2025-06-30", "1666.65", "0.00", "1666.65", "0.00"),
    ]
    assert r["total"] == {"montant": "10000.00", "interets": "0.00", "capital": "10000.00"}
    assert r["csv"].startswith("\ufeffN°;Date;Montant;")
    assert "affichage" not in r


def test_cli_json_identique_a_l_api():
    arguments = {"montant": "10000", "nombre": "12", "premiere": "2026-01-31", "periodicite": "trimestrielle",
                 "acompte": "2000", "taux": "4,5", "methode": "capital-constant"}
    sortie = _cli(*[x for cle, valeur in arguments.items() for x in (f"--{cle}", valeur)], "--json")
    assert sortie.returncode == 0, sortie.stderr
    attendu = {k: v for k, v in run("echeancier", arguments).items() if k != "affichage"}
    assert json.loads(sortie.stdout) == attendu


def test_cli_mensualite_taux_et_acompte():
    sortie = _cli("--montant", "1 000,00", "--mensualite", "300", "--premiere", "10/01/2025", "--taux", "12", "--json")
    r = json.loads(sortie.stdout)
    assert [e["montant"] for e in r["echeances"]] == ["300.00", "300.00", "300.00", "122.48"]
    assert r["mode"] == "mensualite" and r["total"]["interets"] == "22.48"


def test_cli_periodicite_par_defaut_mensuelle():
    r = json.loads(_cli("--montant", "100", "--nombre", "2", "--premiere", "2025-01-31", "--json").stdout)
    assert r["periodicite"] == "mensuelle" and [e["date"] for e in r["echeances"]] == ["2025-01-31", "2025-02-28"]


def test_cli_tableau_lisible_en_francais():
    sortie = _cli("--montant", "10000", "--nombre", "6", "--premiere", "2025-01-31")
    assert sortie.returncode == 0
    assert sortie.stdout.startswith("Échéancier de paiement\n")
    assert "5 mensualités de 1\u202f666,67\u00a0€ et une dernière de 1\u202f666,65\u00a0€, du 31 janvier au 30 juin 2025." \
        in sortie.stdout
    assert "30/06/2025" in sortie.stdout and "art. 2240" in sortie.stdout


def test_cli_saisie_refusee_code_2_et_messages():
    sortie = _cli("--montant", "0", "--nombre", "six", "--premiere", "31/02/2025")
    assert sortie.returncode == 2
    assert "Erreur (montant) : Le montant dû doit être supérieur à zéro." in sortie.stderr
    assert "Erreur (nombre) : Saisissez le nombre d'échéances en chiffres" in sortie.stderr
    assert "Erreur (premiere) : Le 31/02/2025 n'existe pas" in sortie.stderr
    assert sortie.stdout == ""


def test_cli_aide_liste_les_options():
    aide = _cli("--help").stdout
    for option in ("--montant", "--nombre", "--mensualite", "--premiere", "--periodicite", "--acompte", "--taux",
                   "--methode", "--json"):
        assert option in aide
