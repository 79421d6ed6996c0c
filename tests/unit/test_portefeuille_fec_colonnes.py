"""Lignes de FEC au nombre de colonnes trompeur : une colonne perdue dans un fichier à séparateur
final, un en-tête coupé. Jamais lues décalées, et le message dit ce qui se passe."""

from __future__ import annotations

import pytest

from tests.unit.test_portefeuille_fec_audit import ENTETE, REFERENCE, analyser, chiffres, ecritures, texte


@pytest.mark.parametrize("entete", [ENTETE, ENTETE + "|"])
def test_une_colonne_perdue_dans_un_fichier_a_separateur_final_est_rejetee(entete):
    """Lignes finies par « | » (19 champs) : la ligne de F003 (2 400 €) sans CompAuxLib en a 18, le
    compte de l'en-tête ; lue décalée, sa facture passait pour 0 € (total dû 600 € au lieu de
    3 000 €, rien de rejeté). Elle est écartée avec son numéro : dû 600 € (F002), F003 absente."""
    lignes = [x + "|" for x in ecritures()]
    champs = lignes[8].split("|")
    del champs[7]
    lignes[8] = "|".join(champs)
    r = analyser(texte(*lignes, entete=entete))
    rejet = r["lecture"]["rejets"][0]
    assert rejet["ligne"] == 10 and r["lecture"]["rejetees"] == 1
    assert "18 colonnes au lieu de 19 : les autres lignes finissent par « | », pas celle-ci" in rejet["message"]
    assert chiffres(r)[0] == "600.00"


def test_une_ligne_sans_son_seul_separateur_final_reste_lue():
    """La même ligne complète mais sans le « | » final : ses champs sont à leur place, elle est lue."""
    lignes = [x + "|" for x in ecritures()]
    lignes[8] = lignes[8][:-1]
    r = analyser(texte(*lignes))
    assert chiffres(r) == chiffres(REFERENCE)


@pytest.mark.parametrize("coupe, dernier, manquants", [
    (13, "Credit", "« EcritureLet », « DateLet », « ValidDate », « Montantdevise », « Idevise »"),
    (15, "DateLet", "« ValidDate », « Montantdevise », « Idevise »"),
])
def test_un_en_tete_coupe_est_nomme_pas_un_libelle(coupe, dernier, manquants):
    """En-tête de 13 ou 15 colonnes, lignes de 18 : chaque ligne était écartée pour un « séparateur
    dans un libellé ? » ; le message dit maintenant que l'en-tête s'arrête trop tôt."""
    entete = "|".join(ENTETE.split("|")[:coupe])
    r = analyser(texte(*ecritures(), entete=entete))
    message = r["erreurs"][0]["message"]
    assert "dans un libellé" not in message
    assert (f"Ligne 2 : 18 colonnes quand l'en-tête (ligne 1) n'en nomme que {coupe} : il s'arrête à "
            f"« {dernier} », sans {manquants} (en-tête coupé ?)") in message


def test_openflyers_un_client_ecrit_en_deux_casses_reste_un_client():
    """Compte « 411 » sans auxiliaire, le client dans CompteLib : la facture 57 de « 411dupont » et son
    règlement au libellé « 411DUPONT » faisaient deux clients (le libellé exact nommait le second) :
    300 € dus par l'un, −300 € de crédit pour l'autre. Un seul client, soldé : reste Claratte, 200 €."""
    from calculators.portefeuille import executer
    from tests.unit.test_portefeuille_exporteurs_reels_2 import ENTETE as ENTETE_OPENFLYERS

    lignes = ("VEN|Journal des ventes|9574|20251001|411|411claratte|||56|20251001|Heures de vol|200,00|0,00|||20251002||",
              "VEN|Journal des ventes|9574|20251001|706|70611|||||Heures de vol|0,00|200,00|||20251002||",
              "VEN|Journal des ventes|9575|20251015|411|411dupont|||57|20251015|Heures de vol|300,00|0,00|||20251016||",
              "VEN|Journal des ventes|9575|20251015|706|70611|||||Heures de vol|0,00|300,00|||20251016||",
              "BQ|Banque|9576|20251020|512|512000|||58|20251020|Paiement dupont|300,00|0,00|||20251020||",
              "BQ|Banque|9576|20251020|411|411DUPONT|||58|20251020|Paiement dupont|0,00|300,00|||20251020||")
    r = executer({"fichier": ENTETE_OPENFLYERS + "\n".join(lignes) + "\n", "au": "31/12/2025"})
    assert [(c["nom"], c["total"]) for c in r["balance_agee"]["clients"]] == [("411claratte", "200.00")]
