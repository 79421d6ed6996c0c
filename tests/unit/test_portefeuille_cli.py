"""Ligne de commande `portefeuille` (processus réel) : JSON, résumé en français, exports CSV, refus."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from calculators.api import CALCULATEURS

CAS = Path(__file__).parent.parent / "cas" / "portefeuille"


def cli(*args, module="calculators.portefeuille"):
    commande = [sys.executable, "-m", *module.split(), *args]
    return subprocess.run(commande, capture_output=True, text=True, encoding="utf-8")


def test_json_avec_les_cles_de_l_issue():
    sortie = cli("--fichier", str(CAS / "fec-montant-sens.txt"), "--au", "31/12/2025", "--delai", "30j", "--json")
    assert sortie.returncode == 0, sortie.stderr
    r = json.loads(sortie.stdout)
    assert "affichage" not in r
    assert set(r["balance_agee"]["tranches"]) == {"non_echu", "1_30", "31_60", "61_90", "91_plus"}
    assert r["balance_agee"]["tranches"]["91_plus"] == {"nombre": 2, "montant": "6900.00"}
    assert r["balance_agee"]["total"] == "13900.00"
    assert r["d441_6"]["clients"]["I"]["total"]["montant"] == "10300.00"
    assert r["dso"]["epuisement"]["jours"] == "190.3" and r["penalites"]["total"] == "680.48"


def test_resume_en_francais_et_exports(tmp_path):
    sortie = cli("--fichier", str(CAS / "factures.csv"), "--au", "31/12/2025", "--csv", str(tmp_path / "exports"),
                 "--litiges", "F2025-020", "--ht")
    assert sortie.returncode == 0, sortie.stderr
    assert sortie.stdout.startswith("Analyse du poste clients\n")
    assert "D441-6 I : factures émises non réglées au 31/12/2025" in sortie.stdout
    # (B) du modèle : un nombre et un montant pour tout le tableau, dans la colonne du total.
    assert re.search(r"\(B\) Nombre des factures exclues \(litigieuses\) {30,}1\n"
                     r"\(B\) Montant total des factures exclues {30,}5\u202f000,00", sortie.stdout)
    noms = sorted(p.name for p in (tmp_path / "exports").iterdir())
    assert noms == ["balance-agee-clients.csv", "d441-6.csv", "dso.csv", "factures-ouvertes.csv", "penalites.csv",
                    "relances.csv"]
    d441 = (tmp_path / "exports" / "d441-6.csv").read_bytes().decode("utf-8")
    # Les libellés du modèle (annexe 4-1), comme à l'écran.
    assert d441.startswith("\ufeffTableau;(A) Tranches de retard de paiement;0 jour (indicatif);") and "\r\n" in d441
    assert "I clients (HT);Montant total des factures concernées (HT);" in d441
    assert "I clients (HT);(B) Nombre des factures exclues (litigieuses);;;;;;1\r\n" in d441


def test_site_donne_des_liens_de_lettres_complets(tmp_path):
    # Sans --site, le JSON donne les liens depuis la page d'analyse (« ../../lettres/… ») et relances.csv
    # depuis la racine du site (« lettres/… ») : ni un tableur ni un script ne les ouvrent tels quels.
    base = ("--fichier", str(CAS / "factures.csv"), "--au", "31/12/2025")
    relatif = json.loads(cli(*base, "--json").stdout)["relances"][0]["liens"]
    assert relatif[0]["url"].startswith("../../lettres/remplir/#modele=mise-en-demeure&")
    sortie = cli(*base, "--json", "--csv", str(tmp_path), "--site", "https://intranet.exemple.fr/impayes")
    assert sortie.returncode == 0, sortie.stderr
    complet = json.loads(sortie.stdout)["relances"][0]["liens"]
    site = "https://intranet.exemple.fr/impayes/"
    for avant, apres in zip(relatif, complet):
        assert apres["url"] == site + avant["url"].removeprefix("../../")  # même lettre, mêmes factures
    premiere = (tmp_path / "relances.csv").read_text(encoding="utf-8-sig").splitlines()[1].split(";")
    assert premiere[-2:] == [x["url"] for x in complet]
    for faux in ("intranet/impayes", "ftp://x/", "https://x/?a=1", "https://x/#b"):
        refus = cli(*base, "--site", faux)
        assert refus.returncode == 2 and f"option --site : « {faux} » n'est pas l'adresse d'un site" in refus.stderr


def test_fichier_refuse_code_2_et_message_francais(tmp_path):
    faux = tmp_path / "faux.txt"
    faux.write_bytes(b"\x00\x01\x02binaire")
    sortie = cli("--fichier", str(faux))
    assert sortie.returncode == 2 and sortie.stdout == ""
    assert sortie.stderr.startswith("Erreur (fichier, ligne 1) : Ce fichier n'est pas un fichier texte")
    absent = cli("--fichier", str(tmp_path / "absent.txt"))
    assert absent.returncode == 2
    assert f"Impossible de lire « {tmp_path / 'absent.txt'} » : ce fichier n'existe pas" in absent.stderr
    dossier = cli("--fichier", str(tmp_path))
    assert dossier.returncode == 2 and "c'est un dossier, pas un fichier" in dossier.stderr
    reglage = cli("--fichier", str(CAS / "factures.csv"), "--delai", "deux mois")
    assert reglage.returncode == 2 and "Erreur (delai) : Choisissez le délai" in reglage.stderr
    colonnes = tmp_path / "colonnes.csv"
    colonnes.write_text("Société;Émise;Total\nA;01/01/2025;10\n", encoding="utf-8")
    sortie = cli("--fichier", str(colonnes))
    assert sortie.returncode == 2 and "Colonnes du fichier : Société (ex. : A) | Émise (ex. : 01/01/2025) | Total (ex. : 10)" in sortie.stderr
    sortie = cli("--fichier", str(colonnes), "--colonne", "date:Émise", "--colonne", "montant:Total", "--json")
    assert sortie.returncode == 0 and json.loads(sortie.stdout)["balance_agee"]["total"] == "10.00"


def test_fichier_refuse_avec_json_l_objet_de_refus_sur_la_sortie(tmp_path):
    colonnes = tmp_path / "colonnes.csv"
    colonnes.write_text("Société;Émise;Total\nA;01/01/2025;10\n", encoding="utf-8")
    sortie = cli("--fichier", str(colonnes), "--json")
    assert sortie.returncode == 2
    refus = json.loads(sortie.stdout)
    assert refus["ok"] is False and refus["entetes"] == ["Société", "Émise", "Total"]
    assert refus["colonnes"]["exemples"] == {"Société": "A", "Émise": "01/01/2025", "Total": "10"}
    assert refus["erreurs"][0]["field"] == "fichier" and "il manque la date de facture" in refus["erreurs"][0]["message"]
    absent = cli("--fichier", str(tmp_path / "absent.txt"), "--json")
    assert absent.returncode == 2 and json.loads(absent.stdout)["erreurs"][0]["message"].startswith("Impossible de lire")
    (tmp_path / "occupe").write_text("un fichier, pas un dossier", encoding="utf-8")
    csv = cli("--fichier", str(CAS / "factures.csv"), "--csv", str(tmp_path / "occupe" / "exports"), "--json")
    assert csv.returncode == 2
    assert json.loads(csv.stdout) == {"ok": False, "erreurs": [{"field": "csv", "message": csv.stderr.split("Erreur (csv) : ")[1].strip()}]}


@pytest.mark.skipif("portefeuille" not in CALCULATEURS, reason="pas encore enregistré dans calculators.api")
def test_commande_generale():
    sortie = cli("portefeuille", "--fichier", str(CAS / "fec-debit-credit.txt"), "--au", "31/12/2025", "--json",
                 module="calculators")
    assert sortie.returncode == 0, sortie.stderr
    assert json.loads(sortie.stdout)["penalites"]["total"] == "680.48"


def test_json_ecrit_en_flux_identique_au_resultat(tmp_path, capsys):
    """Au-delà de GRAND_JSON, les pénalités par facture sont écrites une à une : même contenu."""
    import importlib.util

    from calculators.portefeuille import Analyse
    from calculators.portefeuille.cli import GRAND_JSON, _parseur, main

    spec = importlib.util.spec_from_file_location("generer_fec", CAS.parents[2] / "benchmarks" / "generer_fec.py")
    generateur = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generateur)
    chemin = tmp_path / "fec.txt"
    generateur.ecrire(str(chemin), 30_000, graine=3)
    assert main(_parseur().parse_args(["--fichier", str(chemin), "--au", "31/12/2025", "--json"])) == 0
    sortie = capsys.readouterr().out
    flux = json.loads(sortie)
    analyse = Analyse()
    analyse.ajouter(chemin.read_bytes())
    attendu = analyse.resultat({"au": "31/12/2025"}, affichage=False)
    assert len(flux["penalites"]["factures"]) + len(flux["balance_agee"]["clients"]) > GRAND_JSON
    assert "\n  " not in sortie  # compact
    assert flux == attendu


def test_un_export_fournisseurs_d_une_analyse_precedente_est_signale(tmp_path):
    """Le même dossier d'exports pour deux fichiers : le premier a des fournisseurs, le second non. La
    balance des fournisseurs du premier reste (rien n'est supprimé chez l'utilisateur), mais elle
    passerait pour celle du second : la commande le dit."""
    dossier = tmp_path / "exports"
    premier = cli("--fichier", str(CAS / "fec-pieges.txt"), "--csv", str(dossier))
    assert premier.returncode == 0 and (dossier / "balance-agee-fournisseurs.csv").exists()
    assert "analyse précédente" not in premier.stderr
    second = cli("--fichier", str(CAS / "fec-debit-credit.txt"), "--csv", str(dossier))
    assert second.returncode == 0, second.stderr
    assert ("Attention : « balance-agee-fournisseurs.csv » vient d'une analyse précédente (ce fichier-ci n'a pas de "
            "comptes fournisseurs)") in second.stderr
    # Un dossier neuf : rien à signaler.
    neuf = cli("--fichier", str(CAS / "fec-debit-credit.txt"), "--csv", str(tmp_path / "neuf"))
    assert neuf.returncode == 0 and "analyse précédente" not in neuf.stderr
