"""Contrat JSON de `calculators.api` et ligne de commande (processus réel)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from calculators.api import run, run_json
from calculators.commun.format_fr import typographie
from calculators.taux import couvert_jusqu_au


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "calculators", *args], capture_output=True, text=True)


def test_cli_json_de_l_issue():
    sortie = _cli("penalites", "--montant", "10000", "--echeance", "2023-11-30", "--paiement", "2024-01-31", "--json")
    assert sortie.returncode == 0, sortie.stderr
    r = json.loads(sortie.stdout)
    assert r["penalites"] == "242.05" and r["indemnite_forfaitaire"] == "40.00"
    assert [(p["debut"], p["fin"], p["jours"], p["taux"], p["montant"]) for p in r["periodes"]] == [
        ("2023-12-01", "2023-12-31", 31, "14.00", "118.90"),
        ("2024-01-01", "2024-01-31", 31, "14.50", "123.15"),
    ]
    assert "affichage" not in r


def test_cli_n_importe_que_le_calculateur_demande():
    """`python -m calculators penalites` n'importe pas les six autres (0,2 s de plus à chaque
    commande) ; sans calculateur ou avec un nom inconnu, l'aide les cite tous."""
    code = ("import json, sys; from calculators.__main__ import main; main(['penalites', '--montant', '100', "
            "'--echeance', '01/01/2025', '--paiement', '01/02/2025']); "
            "print(json.dumps(sorted({m.split('.')[1] for m in sys.modules if m.startswith('calculators.')})), "
            "file=sys.stderr)")
    sortie = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert sortie.returncode == 0, sortie.stderr
    importes = set(json.loads(sortie.stderr.strip().splitlines()[-1]))
    assert "penalites" in importes  # et `lettres`, dont son résultat prépare le lien vers la lettre
    assert not importes & {"delai", "echeancier", "interet_legal", "interets_moratoires", "portefeuille"}
    inconnu = _cli("inconnu")
    assert inconnu.returncode == 2 and "'portefeuille'" in inconnu.stderr and "'lettre'" in inconnu.stderr


def test_cli_acomptes_repetes_et_taux():
    sortie = _cli("penalites", "--montant", "10000", "--echeance", "30/11/2023", "--paiement", "31/01/2024",
                  "--acompte", "2023-12-15:4000", "--acompte", "2024-01-10:1000", "--taux", "12",
                  "--imputation", "principal", "--json")
    r = json.loads(sortie.stdout)
    assert [a["montant"] for a in r["acomptes"]] == ["4000.00", "1000.00"]
    assert [p["assiette"] for p in r["periodes"]] == ["10000.00", "6000.00", "6000.00", "5000.00"]


def test_cli_tableau_lisible_en_francais():
    sortie = _cli("penalites", "--montant", "10000", "--echeance", "2023-11-30", "--paiement", "2024-01-31")
    assert sortie.returncode == 0
    assert "Pénalités de retard : 242,05\u00a0€" in sortie.stdout
    assert "du 01/12/2023 au 31/12/2023" in sortie.stdout


def test_cli_saisie_refusee_code_2_et_message():
    sortie = _cli("penalites", "--montant", "12,345", "--echeance", "31/02/2024")
    assert sortie.returncode == 2
    assert "deux décimales" in sortie.stderr and "n'existe pas" in sortie.stderr
    assert sortie.stdout == ""


def test_cli_la_case_citee_par_un_message_porte_son_option():
    """« cochez « Prolonger le dernier taux connu au-delà des tables » » ne dit pas quoi taper : l'option
    suit le libellé sur la sortie d'erreur ; le JSON reste celui de l'API (le message de la page)."""
    apres = (couvert_jusqu_au() + dt.timedelta(days=20)).isoformat()
    sortie = _cli("penalites", "--montant", "1000", "--echeance", "2026-11-15", "--paiement", apres)
    assert sortie.returncode == 2
    assert "au-delà des tables » (--prolonger) pour une estimation" in sortie.stderr.replace("\u00a0", " ")
    refus = json.loads(_cli("penalites", "--montant", "1000", "--echeance", "2026-11-15", "--paiement", apres,
                            "--json").stdout)
    assert "--prolonger" not in refus["erreurs"][0]["message"]
    assert _cli("penalites", "--montant", "1000", "--echeance", "2026-11-15", "--paiement", apres,
                "--prolonger").returncode == 0


def test_cli_un_message_trop_long_perd_son_milieu_pas_sa_consigne():
    from calculators.__main__ import EXTRAIT_MAX, _extrait

    assert _extrait("court") == "court"
    long = "Début du message. " + "x" * 5000 + " Datez la lettre au plus tard du 31/12/2026."
    assert len(_extrait(long)) <= EXTRAIT_MAX and " […] " in _extrait(long)
    assert _extrait(long).startswith("Début du message.") and _extrait(long).endswith("au plus tard du 31/12/2026.")


def test_cli_json_saisie_refusee_objet_de_refus_sur_la_sortie():
    """Un lot qui lit le JSON reçoit le refus de l'API (mêmes champs, mêmes messages), code 2."""
    sortie = _cli("penalites", "--montant", "12,345", "--echeance", "31/02/2024", "--json")
    assert sortie.returncode == 2
    refus = json.loads(sortie.stdout)
    attendu = run("penalites", {"montant": "12,345", "echeance": "31/02/2024"})
    assert refus == {"ok": False, "erreurs": attendu["erreurs"]}
    assert {e["field"] for e in refus["erreurs"]} == {"montant", "echeance"}
    assert "deux décimales" in sortie.stderr  # les messages restent lisibles à la sortie d'erreur


def test_cli_option_inconnue_usage_du_calculateur():
    sortie = _cli("penalites", "--montant", "100", "--bogus", "x")
    assert sortie.returncode == 2 and sortie.stdout == ""
    assert sortie.stderr.startswith("usage : python -m calculators penalites [-h] [--montant MONTANT]")
    assert sortie.stderr.rstrip().endswith("python -m calculators penalites : erreur : options inconnues : --bogus x")


def test_run_json_aller_retour():
    r = json.loads(run_json("penalites", json.dumps({"montant": "100", "echeance": "30/11/2023", "paiement": "01/12/2023"})))
    assert r["ok"] and r["penalites"] == "0.04"  # 100 × 14 % × 1 / 365 = 0,0383…


def test_calculateur_inconnu_et_json_invalide():
    assert run("inconnu", {})["erreurs"][0]["message"] == "Calculateur inconnu : « inconnu »."
    assert json.loads(run_json("penalites", "pas du json"))["ok"] is False


def test_affichage_complet():
    a = run("penalites", {"montant": "10000", "echeance": "30/11/2023", "paiement": "31/01/2024"})["affichage"]
    assert a["resume"][1] == {"libelle": "Pénalités de retard", "valeur": "242,05\u00a0€", "cle": "penalites"}
    assert a["tableaux"][0]["pied"][5] == "242,05\u00a0€"
    assert "10\u202f000,00\u00a0€ × 14,00\u00a0% × 31 / 365 = 118,9041" in a["tableaux"][0]["lignes"][0][4]
    assert "L441-10" in a["tableaux"][0]["lignes"][0][6]
    assert a["texte"].startswith("Pénalités de retard\n")


def test_aide_des_options_en_minuscules_sans_deux_points_orphelins():
    """Les libellés du formulaire servent d'aide en ligne de commande : « Début de l'exercice »
    devenait une ligne à majuscule parmi des lignes en minuscules, et argparse coupait
    « (défaut » de « : 30j » (espace ordinaire avant les deux-points)."""
    aide = _cli("portefeuille", "--help").stdout
    assert "début de l'exercice" in aide and "tableau D441-6 en montants HT" in aide
    assert "\n" + " " * 24 + ": " not in aide and "défaut\u00a0: 30j" in aide
    assert "rythme des échéances" in _cli("echeancier", "--help").stdout



def test_cles_de_la_ligne_de_commande_refusees_depuis_la_page():
    """`erreur_donnees` et `format_cli` étaient lues dans le formulaire venu de la page : un texte
    quelconque y devenait le message d'erreur, ou la lettre un document HTML complet. Elles ne sont
    pas des champs du formulaire : refusées comme toute donnée inconnue, sans que leur valeur serve."""
    from tests.unit.test_lettres import _complet

    r = run("lettre", {**_complet("mise-en-demeure"), "erreur_donnees": "<b>x</b>", "format_cli": "html"})
    assert [e["message"].split("\xa0»")[0] for e in r["erreurs"]] == [
        "Donnée inconnue de ce calculateur\xa0: «\xa0erreur_donnees", "Donnée inconnue de ce calculateur\xa0: «\xa0format_cli"]
    assert not r["ok"] and "<b>" not in json.dumps(r) and "affichage" not in r


def test_formulaire_qui_n_est_pas_une_chaine_json_et_case_a_cocher_illisible():
    assert json.loads(run_json("penalites", None))["erreurs"][0]["message"] == (
        "Les données reçues ne sont pas un formulaire.")
    r = run("interet-legal", {"montant": "1000", "debut": "15/03/2023", "capitalisation": []})
    assert r["erreurs"] == [{"field": "capitalisation", "message": typographie(
        "Valeur illisible pour « Capitaliser les intérêts dus pour une année entière » : saisissez du texte.")}]


def test_echeancier_nombre_false_vaut_vide():
    """`false` (JSON) dans « nombre » : une erreur interne, puis « pas les deux » avec une mensualité."""
    r = run("echeancier", {"montant": "10000", "nombre": False, "mensualite": "1000", "premiere": "15/07/2026",
                           "aujourdhui": "2026-06-01"})
    assert r["ok"], r.get("erreurs")
    assert len(r["echeances"]) == 10


def test_cli_option_donnee_deux_fois_refusee():
    """argparse garderait la dernière valeur sans rien dire (`--montant 2000 --montant 3000` calculait
    sur 3 000 €) ; seules les lignes répétables (`--acompte`) peuvent revenir."""
    sortie = _cli("interet-legal", "--montant", "2000", "--montant", "3000", "--debut", "2015-09-17",
                  "--fin", "2016-04-10")
    assert sortie.returncode == 2 and sortie.stdout == ""
    assert "l'option --montant est donnée deux fois : gardez-en une seule." in sortie.stderr
    assert _cli("delai", "--regime", "60j", "--facture", "2025-01-15", "--regime", "45jfdm").returncode == 2


def test_le_total_a_reclamer_d_abord_dans_la_page_et_le_texte():
    """Le chiffre à retenir en tête du résumé : Python l'ordonne, pour la page, le texte copié et la
    ligne de commande (seule la page le faisait, en JavaScript)."""
    r = run("penalites", {"montant": "10000", "echeance": "30/11/2023", "paiement": "31/01/2024"})
    assert [x["cle"] for x in r["affichage"]["resume"]] == ["total", "penalites", "indemnite", "jours"]
    sortie = _cli("interets-moratoires", "--montant", "10000", "--reception", "2025-01-15", "--paiement", "2025-03-20")
    assert sortie.returncode == 0, sortie.stderr
    resume = sortie.stdout.split("\n\n")[2].splitlines()
    assert resume[0].startswith("Total") and "143,86\u00a0€" in resume[0], resume


def test_cli_taux_renvoie_a_la_commande_de_mise_a_jour():
    sortie = _cli("taux", "--bce", "x.csv")
    assert sortie.returncode == 2 and "python -m calculators.taux --bce FICHIER" in sortie.stderr


def test_cli_option_abregee_refusee():
    """« --mont » était pris pour « --montant » : une commande de lot doit nommer ses options en entier."""
    sortie = _cli("penalites", "--mont", "100", "--echeance", "01/01/2025")
    assert sortie.returncode == 2
    assert "options inconnues : --mont" in sortie.stderr


@pytest.mark.parametrize("nom, saisies, cle, proche", [
    ("penalites", {"montant": "1000", "echeance": "31/01/2025", "paiement": "31/03/2025", "taux_contractuel": "20"},
     "taux_contractuel", "taux"),
    ("penalites", {"montant": "1000", "echeance": "31/01/2025", "paiment": "31/03/2025"}, "paiment", "paiement"),
    ("portefeuille", {"fichier": "Client;Facture;Date;Montant TTC\nC1;F1;01/01/2025;100\n", "delais": "60j"},
     "delais", "delai"),
    ("echeancier", {"montant": "1000", "nombre": "4", "premiere": "15/01/2027", "date_calcul": "01/12/2026"},
     "date_calcul", None),
])
def test_donnee_inconnue_refusee_au_lieu_d_etre_ignoree(nom, saisies, cle, proche):
    """Une clé que le calculateur ne lit pas était ignorée : « taux_contractuel » (pour « taux ») donnait
    les pénalités au taux légal par défaut, sans rien dire. Refusée, la plus proche proposée ; sans la
    clé fautive, le même calcul aboutit."""
    r = run(nom, saisies)
    assert r["ok"] is False and "affichage" not in r
    message = next(e["message"] for e in r["erreurs"] if f"«\xa0{cle}\xa0»" in e["message"])
    assert message.startswith("Donnée inconnue de ce calculateur") and "Données lues\xa0: " in message
    assert (f"Vouliez-vous dire «\xa0{proche}\xa0»" in message) if proche else "Vouliez-vous dire" not in message
    # « aujourdhui » fixé : sans date de paiement, le calcul irait jusqu'à aujourd'hui, qui sortira un jour des tables.
    assert run(nom, {"aujourdhui": "2026-12-01", **{k: v for k, v in saisies.items() if k != cle}})["ok"]


def test_alias_et_date_des_tests_restent_admis():
    fichier = "Client;Facture;Date;Montant TTC\nC1;F1;01/01/2025;100\n"
    assert run("portefeuille", {"fichier": fichier, "delai-client": "C1:60j", "colonne": "montant:Montant TTC",
                                "aujourdhui": "2025-06-30"})["ok"]
    assert run("penalites", {"montant": "1000", "echeance": "31/01/2025", "aujourdhui": "2025-06-30"})["ok"]
