"""Réglages du poste clients qu'un audit a trouvés mal lus : préfixes de comptes qui se recouvrent
(« 4 » prenait aussi le 401 des fournisseurs et le 4456 de la TVA), ligne de délai sans compte ou de
correspondance sans nom (ignorées sans rien dire), deux délais pour un même client (le dernier
l'emportait) ; et la commande autonome `python -m calculators.portefeuille` : argparse en anglais,
trace Python quand la sortie est fermée (`| head`), `--fichier -` pris pour un nom de fichier."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from calculators.portefeuille import executer
from tests.unit.test_portefeuille_cli import CAS, cli
from tests.unit.test_portefeuille_erreurs import FACTURE, fec
from tests.unit.test_portefeuille_lecture import generateur


def _erreurs(**reglages) -> dict[str, str]:
    r = executer({"fichier": fec(*FACTURE), "au": "31/12/2025", **reglages})
    assert r["ok"] is False, r
    return {e["field"]: e["message"] for e in r["erreurs"]}


@pytest.mark.parametrize("clients, fournisseurs, champ, extrait", [
    ("4", "401", "clients", "« 4 » prend toute la classe 4 du plan comptable"),
    ("411", "4", "fournisseurs", "« 4 » prend toute la classe 4"),
    ("41", "401, 4110", "fournisseurs", "Le préfixe « 4110 » des fournisseurs est déjà dans celui des clients (« 41 »)"),
    ("411", "41", "fournisseurs", "Le préfixe « 411 » des clients est déjà dans celui des fournisseurs (« 41 »)"),
    ("411", "411", "fournisseurs", "Clients et fournisseurs ont le même préfixe « 411 »"),
])
def test_prefixes_qui_prennent_les_comptes_d_autres_tiers_refuses(clients, fournisseurs, champ, extrait):
    assert extrait in _erreurs(clients=clients, fournisseurs=fournisseurs).get(champ, "")


def test_prefixes_voisins_admis():
    r = executer({"fichier": fec(*FACTURE), "au": "31/12/2025", "clients": "41", "fournisseurs": "401"})
    assert r["ok"] and r["balance_agee"]["total"] == "1200.00"


@pytest.mark.parametrize("reglages, champ, extrait", [
    ({"delais_clients": [":60j"]}, "delai-client-1-compte", "Indiquez le compte du client"),
    ({"colonnes": ["montant"]}, "colonne-1-nom", "« montant » : écrivez l'information et le nom de la colonne séparés"),
    # Sans « : », le délai manquait sans qu'on dise comment l'écrire (--delai-client C0042).
    ({"delais_clients": ["C0042"]}, "delai-client-1-delai", "« C0042 » : écrivez le compte et le délai séparés"),
    ({"colonnes": ["montant:  "]}, "colonne-1-nom", "Indiquez le nom de la colonne"),
    ({"delais_clients": ["C1:60j", "C2:30j", "C1:45jfdm"]}, "delai-client-3-compte",
     "Le compte « C1 » a déjà un délai (ligne 1) : gardez une seule ligne par client."),
])
def test_ligne_de_reglage_incomplete_ou_contradictoire_refusee(reglages, champ, extrait):
    assert extrait in _erreurs(**reglages).get(champ, "")


def test_meme_delai_repete_pour_un_client_admis():
    r = executer({"fichier": fec(*FACTURE), "au": "31/12/2025", "delais_clients": ["C1:60j", "C1:60"]})
    assert r["ok"]


def test_commande_autonome_en_francais():
    sortie = cli()
    assert sortie.returncode == 2
    assert "erreur : arguments obligatoires manquants : --fichier" in sortie.stderr
    assert "usage : python -m calculators.portefeuille" in sortie.stderr and "required" not in sortie.stderr


def test_sortie_fermee_en_route_sans_trace(tmp_path):
    generateur().ecrire(str(tmp_path / "fec.txt"), 3000)  # un JSON de quelque 190 ko : plus que le tampon d'un tube (64 ko)
    processus = subprocess.Popen([sys.executable, "-m", "calculators.portefeuille", "--fichier",
                                  str(tmp_path / "fec.txt"), "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    premiere = processus.stdout.readline()  # comme `| head -1` : une ligne lue, puis le tube fermé
    processus.stdout.close()
    erreurs = processus.stderr.read().decode()
    assert processus.wait() == 0 and premiere.strip() == b"{"
    assert "Traceback" not in erreurs and "BrokenPipe" not in erreurs


def test_fichier_lu_sur_l_entree_standard():
    contenu = (CAS / "fec-montant-sens.txt").read_bytes()
    sortie = subprocess.run([sys.executable, "-m", "calculators.portefeuille", "--fichier", "-", "--au", "31/12/2025",
                             "--json"], input=contenu, capture_output=True)
    assert sortie.returncode == 0, sortie.stderr.decode()
    assert json.loads(sortie.stdout)["balance_agee"]["total"] == "13900.00"


def test_delai_propre_d_un_client_sans_effet_sur_un_fournisseur_du_meme_code():
    """« F001:60j » : F001 n'est qu'un fournisseur. Le délai lui était appliqué (sa facture passait de
    61–90 à 31–60 jours dans le tableau D441-6 des fournisseurs) pendant que la page le disait sans effet.
    Facture reçue le 01/09/2025, 30 jours : échue le 01/10/2025, 91 jours de retard au 31/12/2025."""
    from tests.unit.test_portefeuille_erreurs import ligne
    fournisseur = [ligne("HA", "7", "20250901", "401000", "F001", "FA1", credit="1200,00"),
                   ligne("HA", "7", "20250901", "607000", "", "FA1", debit="1000,00"),
                   ligne("HA", "7", "20250901", "445660", "", "FA1", debit="200,00")]
    r = executer({"fichier": fec(*FACTURE, *fournisseur), "au": "31/12/2025", "delais_clients": ["F001:60j"]})
    bandes = r["d441_6"]["fournisseurs"]["I"]["bandes"]
    assert bandes["91_plus"]["nombre"] == 1 and bandes["31_60"]["nombre"] == 0
    assert any("sans effet" in a and "F001" in a for a in r["avertissements"])
