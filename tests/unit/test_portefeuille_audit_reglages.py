"""Défauts relevés par l'audit des réglages et de la ligne de commande du poste clients : une colonne
lue deux fois, un délai « 030 », un réglage au nom de son option, un caractère invisible qui recolle
des chiffres, un JSON démesuré, l'indemnité perdue d'un export, et une commande de lot qui ne dit
rien de ses lignes rejetées ou qui finit sur une trace Python."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest

from calculators.commun.format_fr import date_longue
from calculators.portefeuille import Analyse, executer
from calculators.taux import couvert_jusqu_au
from tests.unit.test_portefeuille_cli import CAS, cli

FACTURES = (CAS / "factures.csv").read_bytes()
FEC = (CAS / "fec-debit-credit.txt").read_bytes()


def _chiffres(r: dict) -> tuple:
    return r["balance_agee"]["total"], r["penalites"]["total"], len(r["factures_ouvertes"])


def test_une_colonne_choisie_n_est_lue_qu_une_fois():
    """« paiement_3 : Date paiement », la colonne déjà lue pour le premier règlement : il était compté
    deux fois (total 6 620 € au lieu de 7 900 €, sans avertissement). Lu une fois : les chiffres du
    même fichier sans correspondance."""
    base = executer({"fichier": FACTURES})
    choisie = executer({"fichier": FACTURES, "colonnes": ["paiement_3:Date paiement", "montant_paye_3:Montant payé"]})
    assert _chiffres(choisie) == _chiffres(base) and base["balance_agee"]["total"] == "7900.00"


@pytest.mark.parametrize("colonnes, champ, extrait", [
    (["client_2:Code client"], "colonne-1-champ", "« client_2 » n'est pas une information attendue"),
    (["paiement_0:Date paiement"], "colonne-1-champ", "« paiement_0 » n'est pas une information attendue"),
    (["montant:Montant TTC", "montant:Montant HT"], "colonne-2-champ",
     "« montant TTC » a déjà sa colonne (ligne 1) : gardez une seule ligne par information."),
])
def test_une_correspondance_sans_sens_ou_en_double_est_refusee(colonnes, champ, extrait):
    r = executer({"fichier": FACTURES, "colonnes": colonnes})
    assert r["ok"] is False and any(e["field"] == champ and extrait in e["message"] for e in r["erreurs"]), r


def test_la_meme_colonne_ecrite_deux_fois_n_est_pas_un_doublon():
    assert executer({"fichier": FACTURES, "colonnes": ["montant:Montant TTC", "montant:montant ttc"]})["ok"]


def test_paiement_1_est_le_premier_reglement():
    assert _chiffres(executer({"fichier": FACTURES, "colonnes": ["paiement_1:Date paiement"]})) == _chiffres(
        executer({"fichier": FACTURES}))


def test_un_delai_a_zero_en_tete_est_le_delai_suppletif():
    """« 030 » restait le code « 030j » : cité comme délai contractuel (L441-10 I al. 2) dans le tableau D441-6."""
    r, base = executer({"fichier": FEC, "delai": "030"}), executer({"fichier": FEC, "delai": "30"})
    assert r["reglages"]["delai"] == base["reglages"]["delai"] == "30j"
    assert r["d441_6"] == base["d441_6"]
    assert executer({"fichier": FEC, "delais_clients": ["C001:30", "C001:030"]})["ok"]


def test_un_reglage_au_nom_de_son_option_est_lu():
    """`{"delai-client": …}` (le nom de l'option) était ignoré : le calcul se faisait au délai par défaut."""
    attendu = executer({"fichier": FEC, "au": "31/12/2025", "delais_clients": ["C001:60j"]})
    alias = executer({"fichier": FEC, "au": "31/12/2025", "delai-client": "C001:60j"})
    assert alias["penalites"]["total"] == attendu["penalites"]["total"] != executer(
        {"fichier": FEC, "au": "31/12/2025"})["penalites"]["total"]


@pytest.mark.parametrize("reglages, champ", [
    ({"delai": "6\x000"}, "delai"),            # retiré, il faisait un délai de 60 jours
    ({"clients": "41\x001"}, "clients"),        # et un préfixe 411
    ({"delais_clients": ["C0\x0001:45"]}, "delai-client-1-compte"),
])
def test_un_caractere_invisible_dans_un_code_est_refuse(reglages, champ):
    r = executer({"fichier": FEC, **reglages})
    assert r["ok"] is False and r["erreurs"][0]["field"] == champ
    assert "caractère invisible" in r["erreurs"][0]["message"]


def test_des_reglages_illisibles_repondent_en_francais():
    analyse = Analyse({})
    assert analyse.ajouter(FEC)["ok"]
    r = json.loads(analyse.affichage_json("[" * 100_000 + "]" * 100_000))  # RecursionError, avant
    assert r == {"ok": False, "erreurs": [{"field": "", "message": "Les réglages reçus sont illisibles."}]}
    assert executer([])["erreurs"][0]["message"] == "Les réglages reçus sont illisibles."


def test_l_export_des_penalites_garde_l_indemnite_d_une_facture_non_chiffree():
    """Au 31/01/2027, au-delà des taux connus (fin 2026), les pénalités de F2 ne sont pas chiffrées ;
    son indemnité de 40 € l'est (D441-5) et compte dans le total du résumé. Le « Total » de
    `penalites.csv` était vide : la colonne additionnée donnait 40 € de moins que le résumé."""
    texte = "Client;N° facture;Date;Montant TTC\nC1;F2;15/11/2026;500,00\n"
    r = executer({"fichier": texte, "au": "31/01/2027"})
    contenu = next(f["contenu"] for f in r["affichage"]["fichiers"] if f["nom"] == "penalites.csv")
    (ligne,) = list(csv.DictReader(io.StringIO(contenu.lstrip("\ufeff")), delimiter=";"))
    assert (ligne["Pénalités"], ligne["Indemnité"], ligne["Total"]) == ("", "40,00", "40,00")
    assert r["penalites"]["total"] == "40.00"
    # L'avertissement nomme la case du formulaire et l'option de la ligne de commande qui chiffrent l'estimation.
    assert (f"1 facture en retard au-delà des taux connus (jusqu'au {date_longue(couvert_jusqu_au())}) : "
            "pénalités non chiffrées ; cochez « Prolonger le dernier taux connu au-delà des tables » (--prolonger en "
            "ligne de commande) pour une estimation.") in r["avertissements"]


def test_la_ligne_de_commande_dit_ses_lignes_rejetees_sur_la_sortie_d_erreur(tmp_path):
    fichier = tmp_path / "f.csv"
    fichier.write_text("Client;N° facture;Date;Montant TTC\nC1;F1;15/12/2025;100\nC1;F2;15/12/2025;abc\n",
                       encoding="utf-8")
    sortie = cli("--fichier", str(fichier), "--json")
    assert sortie.returncode == 0 and json.loads(sortie.stdout)["lecture"]["rejetees"] == 1
    assert sortie.stderr.startswith("Attention : 1 ligne rejetée du fichier, hors des chiffres")


@pytest.mark.parametrize("arguments, extrait", [
    (["--fichier", "a.txt", "--fichier", "b.txt"], "l'option --fichier est donnée deux fois"),
    (["--fichier", str(CAS / "factures.csv"), "--csv", ""], "Erreur (csv) : Indiquez le dossier"),
])
def test_la_ligne_de_commande_refuse_un_fichier_en_double_ou_un_dossier_vide(arguments, extrait):
    sortie = cli(*arguments)
    assert sortie.returncode == 2 and extrait in sortie.stderr


def test_la_ligne_de_commande_sans_trace_python(tmp_path):
    """Une sortie pleine (/dev/full) ou en cp1252 (une redirection sous Windows) finissait sur une trace."""
    plein = subprocess.run(f"{sys.executable} -m calculators portefeuille --fichier {CAS / 'factures.csv'} > /dev/full",
                           shell=True, capture_output=True, text=True)
    assert plein.returncode == 1 and plein.stderr.strip() == (
        "Erreur : impossible d'écrire la sortie : plus de place sur le disque.")
    cp1252 = subprocess.run([sys.executable, "-m", "calculators", "portefeuille", "--fichier", str(CAS / "factures.csv")],
                            capture_output=True, env={**os.environ, "PYTHONIOENCODING": "cp1252"})
    assert cp1252.returncode == 0 and "Traceback" not in cp1252.stderr.decode("utf-8")
    assert "7\u202f900,00\u00a0€" in cp1252.stdout.decode("utf-8")


@pytest.mark.parametrize("module", ["calculators.portefeuille", "calculators portefeuille"])
def test_une_erreur_d_usage_avec_json_s_ecrit_aussi_en_json(module):
    """Le README promet le refus en JSON avec `--json` ; une option inconnue n'écrivait que l'usage."""
    sortie = cli("--fichier", "x", "--inconnue", "--json", module=module)
    assert sortie.returncode == 2 and json.loads(sortie.stdout) == {
        "ok": False, "erreurs": [{"field": "", "message": "options inconnues : --inconnue"}]}


@pytest.mark.parametrize("reglages, champ, message", [
    # La classe 4 n'était pas la seule citée : « 1 » parlait de « la classe 4 : clients, fournisseurs… ».
    ({"clients": "1"}, "clients",
     "« 1 » prend toute la classe 1 du plan comptable : écrivez au moins deux chiffres, par exemple 411."),
    ({"fournisseurs": "4"}, "fournisseurs", "« 4 » prend toute la classe 4 du plan comptable (clients, fournisseurs, "
                                             "personnel, TVA…) : écrivez au moins deux chiffres, par exemple 401."),
    # Les fournisseurs laissés à 401 : l'erreur allait à leur champ, que l'utilisateur n'avait pas touché.
    ({"clients": "40"}, "clients",
     "Le préfixe « 401 » des fournisseurs est déjà dans celui des clients (« 40 ») : un compte ne peut être des deux."),
    ({"clients": "411", "fournisseurs": "41"}, "fournisseurs",
     "Le préfixe « 411 » des clients est déjà dans celui des fournisseurs (« 41 ») : un compte ne peut être des deux."),
])
def test_les_prefixes_fautifs_sont_dits_au_champ_rempli(reglages, champ, message):
    assert executer({"fichier": FEC, **reglages})["erreurs"] == [{"field": champ, "message": message}]


@pytest.mark.parametrize("reglages, champ, message", [
    ({"clients": "41100000000"}, "clients", "Un préfixe de compte a au plus 10 chiffres, par exemple 411."),
    ({"debut": "01/01/2101"}, "debut", "Cette analyse s'arrête au 31/12/2100 : vérifiez l'année."),  # une erreur, pas deux
])
def test_un_reglage_hors_bornes_a_un_seul_message_juste(reglages, champ, message):
    assert executer({"fichier": FEC, **reglages})["erreurs"] == [{"field": champ, "message": message}]


def test_une_correspondance_sans_information_le_dit():
    r = executer({"fichier": FACTURES, "colonnes": [":Montant TTC"]})
    assert r["erreurs"] == [{"field": "colonne-1-champ", "message": "Indiquez l'information que porte cette colonne "
                                                                    "(client, date de facture, montant TTC…)."}]


def test_quarante_cinq_jours_fin_du_mois():
    assert executer({"fichier": FEC, "delai": "45 jours fin du mois"})["reglages"]["delai"] == "45jfdm"


def test_les_litiges_en_liste_json_comme_le_resultat_les_rend():
    """`{"litiges": ["F2025-020", …]}` (la forme de `reglages.litiges` dans le résultat) était refusé
    (« saisissez du texte ») ; il vaut la même liste écrite avec des virgules."""
    liste = executer({"fichier": FEC, "au": "31/12/2025", "litiges": ["F2025-020", "F2025-002"]})
    texte = executer({"fichier": FEC, "au": "31/12/2025", "litiges": "F2025-020, F2025-002"})
    assert liste["reglages"]["litiges"] == ["F2025-002", "F2025-020"]
    assert liste["penalites"] == texte["penalites"] and liste["d441_6"] == texte["d441_6"]


def test_un_taux_mal_espace_parle_de_decimales_pas_de_centimes():
    message = executer({"fichier": FEC, "taux": "10 5"})["erreurs"][0]["message"]
    assert "une virgule pour les décimales" in message and "centimes" not in message


def test_une_correspondance_de_colonnes_donnee_pour_un_fec_est_dite_sans_effet():
    """Un FEC se lit par ses noms de champs : la correspondance choisie (réglage resté d'un tableau,
    ou `--colonne` par erreur) ne change rien aux chiffres, et le résultat le dit au lieu de se taire."""
    base = executer({"fichier": FEC, "au": "31/12/2025"})
    choisie = executer({"fichier": FEC, "au": "31/12/2025", "colonnes": ["montant:Montant TTC", "paiement_2:Réglé le"]})
    assert _chiffres(choisie) == _chiffres(base)
    message = next(a for a in choisie["avertissements"] if a.startswith("Correspondance des colonnes sans effet"))
    assert "LPF art. A47 A-1" in message
    assert message.endswith("« Montant TTC » pour le montant TTC ; « Réglé le » pour la date de paiement n° 2.")
    assert not any("Correspondance des colonnes" in a for a in base["avertissements"])
    # Un tableau de factures, lui, l'applique : pas de message.
    tableau = executer({"fichier": FACTURES, "colonnes": ["montant:Montant TTC"]})
    assert not any("sans effet" in a for a in tableau["avertissements"])


def test_prefixes_de_comptes_donnes_pour_un_tableau_dits_sans_effet():
    """Un tableau de factures n'a pas de comptes 411 ou 401 : des préfixes choisis n'y changent rien, et le
    résultat le dit ; ceux par défaut ne disent rien, et un FEC, lui, les applique."""
    base = executer({"fichier": FACTURES, "au": "31/12/2025"})
    choisis = executer({"fichier": FACTURES, "au": "31/12/2025", "clients": "4111, 4191", "fournisseurs": "402"})
    assert _chiffres(choisis) == _chiffres(base)
    message = next(a for a in choisis["avertissements"] if a.startswith("Préfixe des comptes sans effet"))
    assert message.endswith("Non appliqué : « 4111, 4191 » pour les clients ; « 402 » pour les fournisseurs.")
    defauts = executer({"fichier": FACTURES, "au": "31/12/2025", "clients": "411", "fournisseurs": "401"})
    assert not any("sans effet" in a for a in base["avertissements"] + defauts["avertissements"])
    fec = executer({"fichier": FEC, "au": "31/12/2025", "clients": "4111"})
    assert not any("Préfixe des comptes sans effet" in a for a in fec["avertissements"])
