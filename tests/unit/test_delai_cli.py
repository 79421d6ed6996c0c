"""Ligne de commande du délai de paiement (processus réel) : JSON, texte, code de sortie 2."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from calculators.api import run


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "calculators", "delai", *args], capture_output=True, text=True)


def test_commande_de_l_issue():
    sortie = _cli("--facture", "2025-01-15", "--regime", "45jfdm", "--json")
    assert sortie.returncode == 0, sortie.stderr
    r = json.loads(sortie.stdout)
    assert r["date_limite"] == {"45j-puis-fin-de-mois": "2025-03-31", "fin-de-mois-puis-45j": "2025-03-17"}
    assert r["regime"] == "45jfdm" and r["facture"] == "2025-01-15"
    assert "conforme" not in r and "affichage" not in r
    assert sortie.stderr == ""


def test_json_identique_a_l_api():
    sortie = _cli("--facture", "15/01/2025", "--regime", "60j", "--echeance-convenue", "31/03/2025", "--json")
    r = json.loads(sortie.stdout)
    attendu = run("delai", {"facture": "15/01/2025", "regime": "60j", "echeance-convenue": "31/03/2025"})
    assert r == {k: v for k, v in attendu.items() if k != "affichage"}
    assert (r["date_limite"], r["conforme"], r["depassement_jours"]) == ("2025-03-16", False, 15)


@pytest.mark.parametrize("args, attendu", [
    (["--regime", "perissables", "--facture", "12/02/2024", "--livraison", "10/02/2024"], "2024-03-11"),
    (["--regime", "outre-mer", "--facture", "31/01/2025", "--dedouanement", "2025-03-03"], "2025-05-02"),
    (["--regime", "public-hopital", "--facture", "15/01/2025", "--reception", "20/01/2025"], "2025-03-11"),
])
def test_options_selon_le_regime(args, attendu):
    sortie = _cli(*args, "--json")
    assert sortie.returncode == 0, sortie.stderr
    assert json.loads(sortie.stdout)["date_limite"] == attendu


def test_sortie_texte_en_francais():
    sortie = _cli("--facture", "2025-01-15", "--regime", "60j", "--echeance-convenue", "2025-03-31")
    assert sortie.returncode == 0
    assert "Date limite de paiement : dimanche 16 mars 2025" in sortie.stdout
    assert "Dépassement : 15 jours" in sortie.stdout
    assert "../penalites-de-retard/#echeance=2025-03-16" in sortie.stdout


@pytest.mark.parametrize("args, extraits", [
    (["--facture", "31/02/2025", "--regime", "60j"], ["Erreur (facture)", "n'existe pas"]),
    (["--facture", "15/01/2025", "--regime", "90j"], ["Erreur (regime)", "Type de délai inconnu"]),
    (["--facture", "15/01/2025", "--regime", "betail"], ["Erreur (livraison)", "Saisissez la date de livraison"]),
    (["--facture", "15/01/2025", "--regime", "60j", "--echeance-convenue", "01/01/2025"],
     ["Erreur (echeance-convenue)", "précède la date de la facture"]),
])
def test_saisie_refusee_code_2(args, extraits):
    sortie = _cli(*args, "--json")
    assert sortie.returncode == 2
    for extrait in extraits:
        assert extrait in sortie.stderr
    # --json : le refus de l'API aussi, sur la sortie standard, au même champ.
    refus = json.loads(sortie.stdout)
    assert refus["ok"] is False and extraits[0] == f"Erreur ({refus['erreurs'][0]['field']})"


def test_option_obligatoire_manquante_refusee_au_champ():
    # Options générées du registre (issue 9) : un champ requis est contrôlé par Python, avec le
    # message du formulaire, et non plus par argparse.
    sortie = _cli("--regime", "60j")
    assert sortie.returncode == 2
    assert "Erreur (facture) : Saisissez la date de la facture" in sortie.stderr


def test_aide_liste_les_regimes():
    sortie = _cli("--help")
    assert sortie.returncode == 0
    for code in ("45jfdm", "vins-alcools-circulation", "public-entreprise", "--echeance-convenue", "--dedouanement"):
        assert code in sortie.stdout
