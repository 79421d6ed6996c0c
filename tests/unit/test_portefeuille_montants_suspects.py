"""Montants qu'un lecteur trop tolérant lisait faux sans le dire (trouvés par un audit) : « 12.500 »
lu 12,50 € dans un FEC, « 12e2 » ou « 1_200 » acceptés parce que `Decimal` les lit, « 10 00 » lu
1 000 € dans un tableau, un montant payé négatif qui augmentait l'encours au lieu de le diminuer."""

from __future__ import annotations

import pytest

from calculators.portefeuille import executer
from tests.unit.test_portefeuille_erreurs import FACTURE, REGLEMENT, fec, ligne

TABLEAU = "Client;N° facture;Date facture;Montant TTC;Date paiement;Montant payé\n"


@pytest.mark.parametrize("debit, extrait", [
    ("12.500", "« 12.500 » : trois chiffres après le point, séparateur de milliers ou décimales en trop ?"),
    ("1.234", "« 1.234 » : trois chiffres après le point"),
    ("12e2", "« 12e2 » n'est pas un montant"),
    ("1_200", "« 1_200 » n'est pas un montant"),
    ("10 00", "« 10 00 » n'est pas un montant"),
])
def test_montant_de_fec_que_decimal_lirait_faux_rejete(debit, extrait):
    r = executer({"fichier": fec(*FACTURE, ligne("OD", "9", debit=debit), *REGLEMENT), "au": "31/12/2025"})
    assert r["ok"] and r["lecture"]["rejetees"] == 1
    rejet = r["lecture"]["rejets"][0]
    assert (rejet["ligne"], rejet["colonne"]) == (5, "Debit")
    assert extrait in rejet["message"]
    assert r["balance_agee"]["total"] == "0.00"  # le reste du fichier est lu : la facture soldée


@pytest.mark.parametrize("debit, total", [("1437.12", "1437.12"), ("1437.120", "1437.12"), ("1 437,12", "1437.12"),
                                          ("12.345,67", "12345.67")])
def test_montant_de_fec_lisible_au_point_ou_aux_milliers(debit, total):
    r = executer({"fichier": fec(ligne(debit=debit), ligne(compte="706000", aux="", credit=debit)), "au": "31/12/2025"})
    assert r["ok"] and r["lecture"]["rejetees"] == 0
    assert r["balance_agee"]["total"] == total


@pytest.mark.parametrize("montant", ["10 00", "12EUR50", "1 2345,00"])
def test_espaces_du_tableau_hors_des_milliers_rejetees(montant):
    r = executer({"fichier": TABLEAU + f"Dupont;F1;15/01/2025;{montant};;\nDurand;F2;15/01/2025;100,00;;\n",
                  "au": "31/12/2025"})
    assert r["ok"] and r["lecture"]["rejetees"] == 1, r["lecture"]
    assert f"« {montant} » n'est pas un montant" in r["lecture"]["rejets"][0]["message"]
    assert r["balance_agee"]["total"] == "100.00"


@pytest.mark.parametrize("paye", ["-1000,00", "(1000,00)", "1000,00-"])
def test_montant_paye_negatif_compte_comme_reglement_et_dit(paye):
    """2 000 € facturés, 1 000 € payés au signe comptable du crédit : il en reste 1 000 € (il en
    restait 3 000, le « paiement » ajouté à la dette)."""
    r = executer({"fichier": TABLEAU + f"Dupont;F1;15/01/2025;2000,00;20/03/2025;{paye}\n", "au": "31/12/2025"})
    assert r["ok"] and r["balance_agee"]["total"] == "1000.00"
    remarque = r["lecture"]["remarques"][0]
    assert remarque["colonne"] == "Montant payé"
    assert f"montant payé négatif (« {paye} ») : compté comme un règlement de 1\u202f000,00\u00a0€" in remarque["message"]
    assert any(h["cle"] == "paiements_negatifs" and "payé négatif (signe comptable du crédit)" in h["texte"]
               for h in r["hypotheses"])


def test_lettrage_fait_avec_le_compte_d_un_autre_client_signale():
    """La facture F1 de C1 (1 200 €) lettrée « AA » ; le règlement lettré « AA » passé au compte de C2.
    Les codes de lettrage sont propres à chaque compte : F1 reste due (1 200 €), C2 a un crédit non
    affecté de 1 200 € ; le lettrage sans rien en face dans le compte de C1 est signalé."""
    r = executer({"fichier": fec(ligne(debit="1200,00", lettre="AA"), ligne(compte="706000", aux="", credit="1000,00"),
                                 ligne(compte="445710", aux="", credit="200,00"),
                                 ligne("BQ", "2", "20250301", "512000", "", "V1", debit="1200,00"),
                                 ligne("BQ", "2", "20250301", "411000", "C2", "V1", credit="1200,00", lettre="AA")),
                  "au": "31/12/2025"})
    assert r["ok"]
    par_client = {c["compte"]: (c["total"], c["non_affecte"]) for c in r["balance_agee"]["clients"]}
    assert par_client == {"C1": ("1200.00", "0.00"), "C2": ("-1200.00", "-1200.00")}
    (h,) = [h for h in r["hypotheses"] if h["cle"] == "lettrages_sans_credit"]
    assert h["nombre"] == 1 and "fait avec un autre compte" in h["texte"]


def test_lettrage_dont_le_reglement_est_posterieur_non_signale():
    r = executer({"fichier": fec(*FACTURE[:1], ligne(compte="706000", aux="", credit="1000,00"),
                                 ligne(compte="445710", aux="", credit="200,00"),
                                 ligne("BQ", "2", "20260301", "512000", "", "V1", debit="1200,00"),
                                 ligne("BQ", "2", "20260301", "411000", "C1", "V1", credit="1200,00", lettre="AA"))
                  .replace("|Facture|1200,00|0,00||", "|Facture|1200,00|0,00|AA|"), "au": "31/12/2025"})
    assert r["ok"] and r["balance_agee"]["total"] == "1200.00"
    assert not [h for h in r["hypotheses"] if h["cle"] == "lettrages_sans_credit"]


def test_chiffre_d_affaires_au_centime_meme_avec_des_produits_au_millieme():
    """Une vente de 1 000,005 € HT et 200,001 € de TVA : le chiffre d'affaires publié (D441-6, base du
    pourcentage) est 1 000,01 € HT et 1 200,01 € TTC, pas 1 200,006."""
    r = executer({"fichier": fec(ligne(debit="1200,006"), ligne(compte="706000", aux="", credit="1000,005"),
                                 ligne(compte="445710", aux="", credit="200,001")), "au": "31/12/2025"})
    assert r["ok"]
    assert (r["chiffres"]["ca_ht"], r["chiffres"]["ca_ttc"]) == ("1000.01", "1200.01")
    assert r["d441_6"]["clients"]["I"]["base"] == "1200.01"


def test_tableau_de_factures_impayees_sans_remarque_de_lettrage():
    """Les codes de lettrage d'un tableau de factures sont ceux que la lecture fabrique : une facture
    impayée n'y a pas de « lettrage sans règlement » à signaler (la remarque y était faite à tort)."""
    r = executer({"fichier": TABLEAU + "Dupont;F1;15/01/2025;2000,00;;\nDurand;F2;15/01/2025;100,00;;\n",
                  "au": "31/12/2025"})
    assert r["ok"] and not [h for h in r["hypotheses"] if h["cle"] == "lettrages_sans_credit"]
