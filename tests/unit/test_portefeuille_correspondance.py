"""Étape de correspondance : une colonne choisie (ou reconnue) qui ne porte pas l'information
cherchée. Aucune ligne lue : le refus nomme l'information et sa colonne, et la page ramène à sa
liste (`colonnes.fautive`) au lieu du champ du fichier."""

from __future__ import annotations

import pytest

from calculators.portefeuille import executer

TABLEAU = ("Débiteur;Pièce;Émise le;Valeur facturée;Terme\r\n"
           "Alpha SARL;F1;01/01/2025;1200,00;31/01/2025\r\n"
           "Beta;F2;02/01/2025;600,00;\r\n").encode("cp1252")


def _analyser(*colonnes: str) -> dict:
    return executer({"fichier": TABLEAU, "au": "30/06/2025", "colonnes": list(colonnes)})


@pytest.mark.parametrize("colonnes, fautive, extrait", [
    # Une colonne pour deux informations : c'est le montant qui ne se lit pas, pas le client.
    (("client:Débiteur", "date:Émise le", "montant:Débiteur"), "montant",
     "la colonne « Débiteur » a été lue pour le montant TTC (ligne 2 : « Alpha SARL » n'est pas un montant"),
    (("client:Débiteur", "date:Pièce", "montant:Valeur facturée"), "date",
     "la colonne « Pièce » a été lue pour la date de facture (ligne 2 : « F1 »"),
])
def test_la_colonne_fautive_est_nommee_avec_son_information(colonnes, fautive, extrait):
    r = _analyser(*colonnes)
    erreur = r["erreurs"][0]
    assert r["ok"] is False and erreur["field"] == "fichier" and erreur["colonne"] == fautive
    assert extrait in erreur["message"] and erreur["ligne"] == 2
    assert r["colonnes"]["fautive"] == fautive and r["colonnes"]["manquantes"] == []
    # La page remet les listes comme elles étaient, avec leurs valeurs d'exemple.
    assert r["entetes"] == ["Débiteur", "Pièce", "Émise le", "Valeur facturée", "Terme"]
    assert r["colonnes"]["exemples"]["Valeur facturée"] == "1200,00"
    assert r["colonnes"]["reconnues"][fautive] == extrait.split("« ")[1].split(" »")[0]


def test_la_bonne_correspondance_lit_le_fichier():
    r = _analyser("client:Débiteur", "date:Émise le", "montant:Valeur facturée")
    assert r["ok"] and r["balance_agee"]["total"] == "1800.00"


def test_une_ligne_rejetee_parmi_d_autres_lues_ne_met_pas_la_correspondance_en_cause():
    contenu = TABLEAU + "Gamma;F3;03/01/2025;trois cents;\r\n".encode("cp1252")
    r = executer({"fichier": contenu, "au": "30/06/2025",
                  "colonnes": ["client:Débiteur", "date:Émise le", "montant:Valeur facturée"]})
    assert r["ok"] and r["lecture"]["rejetees"] == 1 and r["balance_agee"]["total"] == "1800.00"
