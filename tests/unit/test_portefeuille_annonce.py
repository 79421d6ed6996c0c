"""L'annonce de fin d'analyse (région `status` de la page, lue par un lecteur d'écran) : elle disait
seulement « résultats affichés » ; les lignes rejetées, remarquées et les points à vérifier ne se
voyaient qu'en faisant défiler le résultat."""

from __future__ import annotations

from calculators.commun.format_fr import typographie
from calculators.portefeuille import executer

TABLEAU = "Client;N° facture;Date;Montant TTC;Date de paiement\nC1;F1;01/12/2025;100;15/12/2025\n"


def _analyser(lignes: str = "") -> dict:
    return executer({"fichier": TABLEAU + lignes, "au": "31/12/2025", "debut": "01/12/2025"})


def test_rien_a_signaler():
    r = _analyser()
    assert r["avertissements"] == [] and r["lecture"]["rejetees"] == 0
    assert r["affichage"]["annonce"] == typographie("Analyse terminée : résultats affichés.")


def test_les_lignes_rejetees_et_les_points_a_verifier_sont_dits():
    r = _analyser("C1;F2;15/12/2025;abc;\nC1;F3;16/12/2025;douze;\n")
    # Le point à vérifier est l'avertissement même des lignes rejetées (« 2 lignes rejetées sur 3… »).
    assert r["lecture"]["rejetees"] == 2 and len(r["avertissements"]) == 1
    assert r["avertissements"][0].startswith("2 lignes rejetées sur 3")
    assert r["affichage"]["annonce"] == typographie(
        "Analyse terminée : résultats affichés ; 2 lignes rejetées, 1 point à vérifier.")
