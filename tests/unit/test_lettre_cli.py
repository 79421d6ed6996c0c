"""Ligne de commande des lettres : `python -m calculators lettre --modele … --donnees fichier.json`."""

from __future__ import annotations

import json
import subprocess
import sys

from calculators.api import run


def _cli(*args, entree=None):
    return subprocess.run([sys.executable, "-m", "calculators", "lettre", *args], capture_output=True, text=True,
                          input=entree)


DONNEES = {
    "aujourdhui": "2024-01-31", "date_lettre": "31/01/2024",
    "creancier_nom": "Atelier Dupont SARL", "creancier_adresse": "12 rue des Lilas\n69003 Lyon",
    "debiteur_nom": "Martin Industries SA", "debiteur_adresse": "5 avenue Foch\n75008 Paris",
    "signataire": "Jeanne Dupont",
    "factures": [{"numero": "F-2023-118", "date": "31/10/2023", "montant": "10000", "echeance": "30/11/2023"}],
}


def test_mise_en_demeure_sur_la_sortie_standard(tmp_path):
    fichier = tmp_path / "donnees.json"
    fichier.write_text(json.dumps(DONNEES), encoding="utf-8")
    sortie = _cli("--modele", "mise-en-demeure", "--donnees", str(fichier))
    assert sortie.returncode == 0, sortie.stderr
    attendu = run("lettre", {**DONNEES, "modele": "mise-en-demeure"})["texte"]
    assert sortie.stdout == attendu + "\n"
    assert "Mise en demeure de payer\u00a0— facture n°\u00a0F-2023-118" in sortie.stdout
    assert "242,05\u00a0€" in sortie.stdout and "10\u202f282,05\u00a0€" in sortie.stdout


def test_avertissements_sur_la_sortie_d_erreur_pas_dans_la_lettre(tmp_path):
    donnees = {**DONNEES, "factures": [{**DONNEES["factures"][0], "paiement": "15/01/2024"}]}
    sortie = _cli("--modele", "mise-en-demeure", "--donnees", "-", entree=json.dumps(donnees))
    assert sortie.returncode == 0, sortie.stderr
    assert "Avertissement : Toutes les factures sont marquées comme payées" in sortie.stderr
    assert "Avertissement" not in sortie.stdout


def test_format_html_et_entree_standard():
    sortie = _cli("--modele", "relance-1", "--donnees", "-", "--format", "html", entree=json.dumps(DONNEES))
    assert sortie.returncode == 0, sortie.stderr
    assert sortie.stdout.startswith("<!DOCTYPE html>")


def test_json(tmp_path):
    fichier = tmp_path / "d.json"
    fichier.write_text(json.dumps(DONNEES), encoding="utf-8")
    r = json.loads(_cli("--modele", "note-de-debit", "--donnees", str(fichier), "--json").stdout)
    assert r["penalites"] == "242.05" and r["accessoires"] == "282.05" and r["total"] == "10282.05" and "affichage" not in r


def test_erreurs_en_francais(tmp_path):
    fichier = tmp_path / "d.json"
    fichier.write_text(json.dumps({**DONNEES, "signataire": ""}), encoding="utf-8")
    sortie = _cli("--modele", "mise-en-demeure", "--donnees", str(fichier))
    assert sortie.returncode == 2
    assert "Erreur (signataire) : Saisissez le nom du signataire" in sortie.stderr
    sortie = _cli("--modele", "mise-en-demeure", "--donnees", str(tmp_path / "absent.json"))
    assert sortie.returncode == 2 and "Fichier de données illisible" in sortie.stderr


def test_nom_inconnu_du_fichier_de_donnees_refuse(tmp_path):
    """« facture » pour « factures » : la clé était ignorée sans rien dire, et la lettre refusée pour une
    autre raison (« Ajoutez au moins une facture »). Le nom inconnu est dit, avec ce qui est attendu."""
    fichier = tmp_path / "d.json"
    donnees = {k: v for k, v in DONNEES.items() if k != "factures"}
    fichier.write_text(json.dumps({**donnees, "facture": DONNEES["factures"]}), encoding="utf-8")
    sortie = _cli("--modele", "mise-en-demeure", "--donnees", str(fichier))
    assert sortie.returncode == 2
    erreur = sortie.stderr.replace("\u00a0", " ")
    assert erreur.startswith("Erreur (donnees) : Fichier de données illisible (")
    assert "nom inconnu : « facture » ; les noms sont ceux des options sans « -- »" in erreur
    assert "Ajoutez au moins une facture" not in sortie.stderr
