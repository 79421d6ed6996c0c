"""Analyse du poste clients : un petit grand livre calculé à la main, dans les trois présentations.

Le même grand livre (tests/cas/portefeuille/) est écrit en FEC Debit/Credit (tabulation, UTF-8
avec BOM, CRLF, montants complétés de zéros), en FEC Montant/Sens (« | », ISO-8859-15, « - »
dans les champs vides, 19e colonne) et en tableau de factures (« ; », Windows-1252, virgule
décimale, jj/mm/aaaa). Analyse au 31/12/2025, délai 30 jours (défaut), taux BCE + 10 points :
S2 2024 14,25 %, S1 2025 13,15 %, S2 2025 12,15 %.

Les factures (TTC ; HT = TTC / 1,2), leur échéance (facture + 30 jours) et leur sort :

| client | facture   | date       | TTC    | échéance   | au 31/12/2025                                   |
|--------|-----------|------------|--------|------------|-------------------------------------------------|
| C001   | F2025-001 | 15/01/2025 | 1 200  | 14/02/2025 | payée le 10/03/2025 (lettrage A) : 24 j de retard |
| C001   | F2025-002 | 01/10/2025 | 2 400  | 31/10/2025 | due, 61 j : tranche 61-90                        |
| C002   | F2025-012 | 01/06/2025 | 600    | 01/07/2025 | avoir 120 (20/06) + 480 payés le 20/09 : 81 j     |
| C002   | F2025-011 | 15/11/2025 | 1 800  | 15/12/2025 | acompte 800 le 05/12 ; reste 1 000, 16 j : 1-30   |
| C002   | F2025-010 | 01/12/2025 | 3 600  | 31/12/2025 | non échue (0 jour)                               |
| C003   | F2025-020 | 01/08/2025 | 6 000  | 31/08/2025 | lettrée D, payée le 15/01/2026 : due, 122 j       |
| C004   | F2024-900 | 15/11/2024 | 900    | 15/12/2024 | à-nouveau détaillé, jamais payée : 381 j         |

Balance : non échu 3 600 ; 1-30 : 1 000 ; 61-90 : 2 400 ; > 90 : 6 000 + 900 = 6 900 ;
total 13 900 = soldes des comptes (2 400 + 4 600 + 6 000 + 900) ; échu 10 300.

Pénalités (assiette × taux × jours / 365, arrondies par période) :
- F2025-001 : 1 200 × 13,15 % × 24 / 365 = 10,3759 → 10,38 ;
- F2025-012 : 480 × 12,15 % × 81 / 365 = 12,9422 → 12,94 ;
- F2025-002 : 2 400 × 12,15 % × 61 / 365 = 48,7332 → 48,73 ;
- F2025-011 : (1 800 − 800) × 12,15 % × 16 / 365 = 5,3260 → 5,33 ;
- F2025-020 : 6 000 × 12,15 % × 122 / 365 = 243,6657 → 243,67 ;
- F2024-900 : 900 × (14,25 % × 16 + 13,15 % × 181 + 12,15 % × 184) / 365 → 5,62 + 58,69 + 55,12 = 119,43.
Total 440,48 € ; six indemnités de 40 € = 240 €.

CA TTC 2025 = 1 200 + 600 − 120 + 6 000 + 2 400 + 1 800 + 3 600 = 15 480 (HT 12 900).
DSO par épuisement (encours 13 900) : déc. 3 600 → 31 j ; nov. 1 800 → 30 ; oct. 2 400 → 31 ;
sept. 0 → 30 ; août 6 000 → 31 (reste 100) ; juil. 0 → 31 ; juin 480 : 100 / 480 × 30 = 6,25 ;
total 190,25 → 190,3 jours. DSO simple : 13 900 / 15 480 × 365 = 327,745 → 327,7 jours.

Retard moyen pondéré des factures échues : (2 400 × 61 + 1 000 × 16 + 6 000 × 122 + 900 × 381)
÷ 10 300 = 1 237 300 ÷ 10 300 = 120,126 → 120,1 jours (C001 61,0 ; C002 16,0 ; C003 122,0 ;
C004 381,0). Au paiement, factures soldées en 2025 : F2025-001 (1 200, 24 j) et F2025-012 (dû
480 après l'avoir, 81 j) : (28 800 + 38 880) ÷ 1 680 = 40,286 → 40,3 jours.

Par client, sur ses propres ventes de 2025 (encours ; ventes par mois) :
- C001 (2 400 ; janv. 1 200, oct. 2 400) : épuisement déc. 31 + nov. 30 + oct. 2 400 × 31 ÷ 2 400
  = 92,0 ; simple 2 400 × 365 ÷ 3 600 = 243,3 ; part échue 100 % ;
- C002 (4 600 ; juin 480, nov. 1 800, déc. 3 600) : 31 + 1 000 × 30 ÷ 1 800 = 47,7 ; 4 600 × 365 ÷
  5 880 = 285,5 ; part échue 1 000 ÷ 4 600 = 21,74 % ;
- C003 (6 000 ; août 6 000) : 31 + 30 + 31 + 30 + 31 = 153,0 ; 365,0 ;
- C004 (900, aucune vente en 2025) : épuisement au moins 365 jours (tout l'exercice), simple sans objet.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from urllib.parse import parse_qsl

import pytest

from calculators.api import CALCULATEURS, run
from calculators.commun.format_fr import typographie
from calculators.portefeuille import Analyse, executer

CAS = Path(__file__).parent.parent / "cas" / "portefeuille"
PRESENTATIONS = ["fec-debit-credit.txt", "fec-montant-sens.txt", "factures.csv"]


def analyser(nom: str, **reglages) -> dict:
    analyse = Analyse({k: v for k, v in reglages.items() if k in ("clients", "fournisseurs", "colonnes")})
    donnees = (CAS / nom).read_bytes()
    for debut in range(0, len(donnees), 500):  # par petits morceaux, comme le navigateur
        assert analyse.ajouter(donnees[debut:debut + 500])["ok"]
    resultat = analyse.resultat({"au": "31/12/2025", **reglages})
    assert resultat["ok"], resultat
    return resultat


@pytest.fixture(scope="module", params=PRESENTATIONS)
def resultat(request):
    return analyser(request.param)


def test_retards_moyens_ponderes_calcules_a_la_main(resultat):
    r = resultat["retard_moyen"]
    assert r["en_cours"] == {"jours": "120.1", "echu": "10300.00"}
    paiement = {cle: r["au_paiement"][cle] for cle in ("jours", "factures", "en_retard", "montant")}
    assert paiement == {"jours": "40.3", "factures": 2, "en_retard": 2, "montant": "1680.00"}
    assert {c: x["jours"] for c, x in r["au_paiement"]["clients"].items()} == {"C001": "24.0", "C002": "81.0"}
    b = resultat["balance_agee"]
    assert b["retard_moyen"] == "120.1"
    assert {c["compte"]: c["retard_moyen"] for c in b["clients"]} == {
        "C001": "61.0", "C002": "16.0", "C003": "122.0", "C004": "381.0"}


def test_dso_et_part_echue_de_chaque_client_calcules_a_la_main(resultat):
    clients = {c["compte"]: (c["part_echue"], c["dso"]) for c in resultat["balance_agee"]["clients"]}
    assert clients == {
        "C001": ("100.00", {"epuisement": "92.0", "complet": True, "simple": "243.3"}),
        "C002": ("21.74", {"epuisement": "47.7", "complet": True, "simple": "285.5"}),
        "C003": ("100.00", {"epuisement": "153.0", "complet": True, "simple": "365.0"}),
        "C004": ("100.00", {"epuisement": "365.0", "complet": False, "simple": None}),
    }


def test_balance_agee_calculee_a_la_main(resultat):
    b = resultat["balance_agee"]
    assert {cle: (t["nombre"], t["montant"]) for cle, t in b["tranches"].items()} == {
        "non_echu": (1, "3600.00"), "1_30": (1, "1000.00"), "31_60": (0, "0.00"), "61_90": (1, "2400.00"),
        "91_plus": (2, "6900.00")}
    assert (b["total"], b["echu"], b["a_nouveau"], b["non_affecte"]) == ("13900.00", "10300.00", "0.00", "0.00")
    assert {c["compte"]: c["total"] for c in b["clients"]} == {
        "C001": "2400.00", "C002": "4600.00", "C003": "6000.00", "C004": "900.00"}


def test_balance_par_client_a_l_ecran_montants_et_nombre_de_postes(resultat):
    """Chaque tranche d'un client montre son montant et, en note, son nombre de postes (la balance
    âgée « montants et nombre de factures », par client et au total) ; une tranche vide, son zéro seul."""
    balance = next(t for t in resultat["affichage"]["tableaux"] if t["titre"].startswith("Balance âgée des clients au"))
    lignes = {ligne[0]: ligne[2:7] for ligne in balance["lignes"]}
    assert lignes["C003"] == ["0,00\u00a0€"] * 4 + [{"texte": "6\u202f000,00\u00a0€", "note": "1 poste"}]
    assert lignes["C002"][:2] == [{"texte": "3\u202f600,00\u00a0€", "note": "1 poste"},
                                  {"texte": "1\u202f000,00\u00a0€", "note": "1 poste"}]
    assert balance["pied"][2:7] == [{"texte": "3\u202f600,00\u00a0€", "note": "1 poste"},
                                    {"texte": "1\u202f000,00\u00a0€", "note": "1 poste"}, "0,00\u00a0€",
                                    {"texte": "2\u202f400,00\u00a0€", "note": "1 poste"},
                                    {"texte": "6\u202f900,00\u00a0€", "note": "2 postes"}]


def test_dso_des_deux_methodes(resultat):
    dso = resultat["dso"]
    assert dso["encours"] == "13900.00"
    assert dso["epuisement"]["jours"] == "190.3" and dso["epuisement"]["complet"]
    assert [m["mois"] for m in dso["epuisement"]["mois"]] == [
        "2025-12", "2025-11", "2025-10", "2025-09", "2025-08", "2025-07", "2025-06"]
    assert dso["epuisement"]["mois"][-1]["jours_comptes"] == "6.3"  # 100 / 480 × 30 = 6,25
    assert (dso["simple"]["jours"], dso["simple"]["ventes"], dso["simple"]["periode_jours"]) == ("327.7", "15480.00", 365)


def test_tableau_d441_6_i_clients(resultat):
    i = resultat["d441_6"]["clients"]["I"]
    assert i["montants"] == "TTC" and i["base"] == "15480.00"
    assert {cle: (b["nombre"], b["montant"], b["pourcentage"]) for cle, b in i["bandes"].items()} == {
        "0": (1, "3600.00", "23.26"), "1_30": (1, "1000.00", "6.46"), "31_60": (0, "0.00", "0.00"),
        "61_90": (1, "2400.00", "15.50"), "91_plus": (2, "6900.00", "44.57")}
    assert (i["total"]["nombre"], i["total"]["montant"], i["total"]["pourcentage"]) == (4, "10300.00", "66.54")


def test_tableau_d441_6_ii_clients(resultat):
    ii = resultat["d441_6"]["clients"]["II"]
    # Réglées en retard en 2025 : F2025-001 (24 j, 1 200) et F2025-012 (81 j, 600) ; 6 factures émises en 2025.
    assert (ii["base_nombre"], ii["base"]) == (6, "15600.00")
    assert (ii["bandes"]["1_30"]["montant"], ii["bandes"]["61_90"]["montant"]) == ("1200.00", "600.00")
    assert (ii["total"]["nombre"], ii["total"]["pourcentage_nombre"], ii["total"]["pourcentage_montant"]) == (
        2, "33.33", "11.54")


def test_penalites_par_facture_et_par_client(resultat):
    p = resultat["penalites"]
    assert {f["facture"]: (f["jours"], f["du"], f["penalites"], f["indemnite"]) for f in p["factures"]} == {
        "F2025-001": (24, "1200.00", "10.38", "40.00"), "F2025-012": (81, "480.00", "12.94", "40.00"),
        "F2025-002": (61, "2400.00", "48.73", "40.00"), "F2025-011": (16, "1800.00", "5.33", "40.00"),
        "F2025-020": (122, "6000.00", "243.67", "40.00"), "F2024-900": (381, "900.00", "119.43", "40.00")}
    assert (p["total_penalites"], p["total_indemnites"], p["total"]) == ("440.48", "240.00", "680.48")
    assert {c["compte"]: c["total"] for c in p["par_client"]} == {
        "C001": "139.11", "C002": "98.27", "C003": "283.67", "C004": "159.43"}


def test_qui_relancer_d_abord(resultat):
    # Plus de 90 jours d'abord (C003 : 6 000 avant C004 : 900), puis 61-90 (C001), puis 1-30 (C002).
    assert [(r["compte"], r["tranche"], r["echu"]) for r in resultat["relances"]] == [
        ("C003", "91_plus", "6000.00"), ("C004", "91_plus", "900.00"), ("C001", "61_90", "2400.00"),
        ("C002", "1_30", "1000.00")]


def test_memes_chiffres_dans_les_trois_presentations():
    cles = ("balance_agee", "dso", "penalites", "relances")
    resultats = [analyser(nom) for nom in PRESENTATIONS]
    for cle in cles:
        assert resultats[0][cle] == resultats[1][cle], cle
    # Le tableau ne porte pas les numéros de ligne du FEC, et son avoir n'est pas lettré : il est
    # imputé par antériorité (signalé) à la même facture. Les chiffres sont identiques.
    for r in resultats:
        for f in r["penalites"]["factures"] + r["factures_ouvertes"]:
            f.pop("ligne")
            f.pop("par_anteriorite")
    assert resultats[0]["factures_ouvertes"] == resultats[2]["factures_ouvertes"]
    assert resultats[0]["penalites"] == resultats[2]["penalites"]
    assert resultats[0]["d441_6"]["clients"] == resultats[2]["d441_6"]["clients"]
    assert resultats[0]["balance_agee"] == resultats[2]["balance_agee"]


def test_noms_lus_dans_leur_encodage():
    for nom in PRESENTATIONS:
        noms = {c["compte"]: c["nom"] for c in analyser(nom)["balance_agee"]["clients"]}
        assert noms["C002"] == "Bêta SA" and noms["C004"] == "Société Delta", nom


def test_tableau_d441_6_en_ht_et_litiges():
    r = analyser("fec-debit-credit.txt", ht="oui", litiges="F2025-020")
    i = r["d441_6"]["clients"]["I"]
    # HT : F2025-011 1 000 × 1 500 / 1 800 = 833,33 ; F2025-002 2 000 ; F2024-900 (à-nouveau, HT inconnu) 900.
    assert (i["montants"], i["base"]) == ("HT", "12900.00")
    assert (i["bandes"]["1_30"]["montant"], i["bandes"]["61_90"]["montant"], i["bandes"]["91_plus"]["montant"]) == (
        "833.33", "2000.00", "900.00")
    assert i["exclues"] == {"nombre": 1, "montant": "5000.00"} and i["ht_inconnu"] == 1
    assert [x["compte"] for x in r["relances"]] == ["C004", "C001", "C002"]  # la facture en litige n'est pas relancée
    assert any(h["cle"] == "ht_inconnu" for h in r["hypotheses"])


def test_delai_45_jours_fin_de_mois_selon_les_deux_lectures():
    # F2025-002 du 01/10/2025 : 45 j = 15/11 puis fin de mois → 30/11 (31 j au 31/12) ;
    # fin de mois 31/10 + 45 j → 15/12 (16 j).
    for code, retard in (("45jfdm", 31), ("fdm45j", 16)):
        r = analyser("fec-debit-credit.txt", delai=code)
        f = next(x for x in r["penalites"]["factures"] if x["facture"] == "F2025-002")
        assert f["jours"] == retard, code


def test_delai_propre_a_un_client():
    # C003 à 90 jours : F2025-020 du 01/08/2025 est échue le 30/10/2025, 62 jours de retard au 31/12.
    r = analyser("fec-debit-credit.txt", delais_clients="C003=90")
    f = next(x for x in r["penalites"]["factures"] if x["facture"] == "F2025-020")
    assert (f["echeance"], f["jours"]) == ("2025-10-30", 62)
    assert next(c for c in r["balance_agee"]["clients"] if c["compte"] == "C003")["tranches"]["61_90"]["montant"] \
        == "6000.00"
    assert any("90 jours dépasse le plafond de 60 jours" in a for a in r["avertissements"])


def test_taux_contractuel():
    r = analyser("fec-debit-credit.txt", taux="12")
    f = next(x for x in r["penalites"]["factures"] if x["facture"] == "F2025-020")
    assert f["penalites"] == "240.66"  # 6 000 × 12 % × 122 / 365 = 240,657…
    # 12 % est sous le plancher du 2e semestre 2024 (3 × 4,92 % = 14,76 %), où court le retard de F2024-900.
    assert any("inférieur à 3 fois le taux de l'intérêt légal" in a for a in r["avertissements"])
    assert not any("plancher" in a for a in analyser("fec-debit-credit.txt", taux="15")["avertissements"])


def test_pieges_a_nouveau_reglement_non_lettre_fournisseurs():
    """fec-pieges.txt : le même grand livre, plus un à-nouveau sans détail de 1 000 € chez C001, un
    virement non lettré de 600 € de C001, et un fournisseur dont le code de lettrage « A » est
    aussi celui d'un client."""
    r = analyser("fec-pieges.txt")
    c001 = next(c for c in r["balance_agee"]["clients"] if c["compte"] == "C001")
    # Le virement non lettré va au plus ancien poste ouvert : l'à-nouveau (1 000 − 600 = 400).
    assert (c001["a_nouveau"], c001["total"], c001["tranches"]["61_90"]["montant"]) == ("400.00", "2800.00", "2400.00")
    assert r["balance_agee"]["total"] == "14300.00"
    assert r["penalites"]["total"] == "680.48"  # l'à-nouveau sans détail n'a ni échéance ni pénalités
    cles = {h["cle"] for h in r["hypotheses"]}
    assert {"anteriorite", "a_nouveaux", "a_nouveaux_detailles", "posterieurs"} <= cles
    four = r["d441_6"]["fournisseurs"]
    assert (four["I"]["bandes"]["1_30"]["montant"], four["I"]["base"], four["I"]["total"]["pourcentage"]) == (
        "2400.00", "3600.00", "66.67")
    assert (four["II"]["bandes"]["1_30"]["nombre"], four["II"]["bandes"]["1_30"]["montant"]) == (1, "1200.00")
    assert r["balance_agee_fournisseurs"]["total"] == "2400.00"
    assert r["dso"]["epuisement"]["jours"] == "334.5"  # encours 14 300, épuisé jusqu'en janvier
    # À l'écran aussi, les deux tableaux des fournisseurs (la variante II n'était que dans le CSV).
    titres = [t["titre"] for t in r["affichage"]["tableaux"] if t["titre"].startswith("D441-6")]
    assert [t.split("\xa0:")[0] + (" reçues" if "reçues" in t else " émises") for t in titres] == [
        "D441-6 I émises", "D441-6 I reçues", "D441-6 II (variante) émises", "D441-6 II (variante) reçues"]


def test_lettrage_posterieur_a_la_date_laisse_la_facture_ouverte():
    avant = analyser("fec-debit-credit.txt")
    apres = analyser("fec-debit-credit.txt", au="31/01/2026")
    assert next(c for c in avant["balance_agee"]["clients"] if c["compte"] == "C003")["total"] == "6000.00"
    assert all(c["compte"] != "C003" for c in apres["balance_agee"]["clients"])
    f = next(x for x in apres["penalites"]["factures"] if x["facture"] == "F2025-020")
    assert (f["soldee"], f["fin"], f["jours"]) == (True, "2026-01-15", 137)


# Un règlement de 600 € du 15/12/2025, lettré G avec la facture F11 du 05/01/2026 ; F10 (1 000 €
# du 01/10/2025, due le 31/10) n'a pas de lettrage. Au 31/12/2025, F11 n'existe pas encore : les
# 600 € sont un acompte sur elle, pas un règlement de F10 (ils la soldaient par antériorité).
# F10 : 61 jours de retard, tranche 61-90, 1 000 € ; pénalités 1 000 × 12,15 % × 61 / 365 = 20,3055
# → 20,31 € ; balance : 1 000 − 600 non affectés = 400 €, le solde du compte.
_ENTETE_FEC = ("JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\t"
               "CompAuxLib\tPieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\tEcritureLet\tDateLet\tValidDate\t"
               "Montantdevise\tIdevise\n")


def _ligne_fec(journal, numero, jour, compte, aux, piece, debit, credit, lettre=""):
    return (f"{journal}\t{journal}\t{numero}\t{jour}\t{compte}\t\t{aux}\t{aux and 'Client ' + aux}\t{piece}\t"
            f"{jour}\t{piece}\t{debit}\t{credit}\t{lettre}\t\t{jour}\t\t\n")


ACOMPTE_SUR_FACTURE_FUTURE = _ENTETE_FEC + "".join([
    _ligne_fec("VE", 1, "20251001", "411", "J1", "F10", "1000,00", "0,00"),
    _ligne_fec("VE", 1, "20251001", "706", "", "F10", "0,00", "833,33"),
    _ligne_fec("VE", 1, "20251001", "44571", "", "F10", "0,00", "166,67"),
    _ligne_fec("BQ", 2, "20251215", "512", "", "P10", "600,00", "0,00"),
    _ligne_fec("BQ", 2, "20251215", "411", "J1", "P10", "0,00", "600,00", "G"),
    _ligne_fec("VE", 3, "20260105", "411", "J1", "F11", "1000,00", "0,00", "G"),
    _ligne_fec("VE", 3, "20260105", "706", "", "F11", "0,00", "833,33"),
    _ligne_fec("VE", 3, "20260105", "44571", "", "F11", "0,00", "166,67"),
])
ACOMPTE_SUR_FACTURE_FUTURE_CSV = ("Client;Facture;Date;Montant TTC;Date paiement;Montant payé\n"
                                  "J1;F10;01/10/2025;1000,00;;\n"
                                  "J1;F11;05/01/2026;1000,00;15/12/2025;600,00\n")


@pytest.mark.parametrize("contenu", [ACOMPTE_SUR_FACTURE_FUTURE, ACOMPTE_SUR_FACTURE_FUTURE_CSV],
                         ids=["fec", "tableau"])
def test_un_reglement_lettre_avec_une_facture_posterieure_est_un_acompte_sur_elle(contenu):
    r = executer({"fichier": contenu, "au": "31/12/2025"})
    assert r["ok"], r
    b = r["balance_agee"]
    assert (b["tranches"]["61_90"]["montant"], b["non_affecte"], b["total"]) == ("1000.00", "-600.00", "400.00")
    # 1 000 € échus sur 1 000 € dus : 100 %, pas 1 000 ÷ 400 = 250 % (le crédit est à part, et dit).
    assert b["part_echue"] == "100.00"
    assert r["affichage"]["resume"][0]["valeur"] == "1\u202f000,00\u00a0€ (100,00\u00a0% des 1\u202f000,00\u00a0€ dus, hors crédits)"
    assert any("le crédit non affecté (-600,00\u00a0€) à part" in n for n in r["affichage"]["notes"])
    (f10,) = r["penalites"]["factures"]
    assert (f10["facture"], f10["du"], f10["jours"], f10["penalites"], f10["par_anteriorite"]) == (
        "F10", "1000.00", 61, "20.31", False)
    assert r["d441_6"]["clients"]["I"]["bandes"]["61_90"]["montant"] == "1000.00"
    assert {h["cle"]: h["nombre"] for h in r["hypotheses"]}.get("avances") == 1
    assert "anteriorite" not in {h["cle"] for h in r["hypotheses"]}


@pytest.mark.parametrize("lettre", ["", "A"], ids=["non-lettree", "lettree"])
def test_une_ligne_de_tiers_arrondie_a_zero_ne_fait_rien(lettre):
    """« 0,004 » sur un compte client devient 0,00 € au centime : ni facture ni règlement (une telle
    ligne faisait planter le lettrage)."""
    contenu = _ENTETE_FEC + "".join([
        _ligne_fec("VE", 1, "20250102", "411", "C9", "F1", "0,004", "0,00", lettre),
        _ligne_fec("VE", 1, "20250102", "706", "", "F1", "0,00", "0,004"),
        _ligne_fec("VE", 2, "20250110", "411", "C9", "F2", "100,00", "0,00", lettre),
        _ligne_fec("VE", 2, "20250110", "706", "", "F2", "0,00", "100,00"),
    ])
    r = executer({"fichier": contenu, "au": "30/06/2025"})
    assert r["ok"], r
    assert (r["balance_agee"]["total"], r["balance_agee"]["tranches"]["91_plus"]["nombre"]) == ("100.00", 1)
    assert [f["facture"] for f in r["penalites"]["factures"]] == ["F2"]


@pytest.mark.parametrize(("contenu", "reglages", "periode"), [
    # 2025 entier : 365 jours, les douze mois.
    (ACOMPTE_SUR_FACTURE_FUTURE_CSV, {}, "365 jours : le mois de la date d'analyse jusqu'à elle et les onze mois d'avant"),
    # Un FEC qui commence le 01/10/2025 : du 1er octobre au 31 décembre, 31 + 30 + 31 = 92 jours.
    (ACOMPTE_SUR_FACTURE_FUTURE, {}, "92 jours : depuis la première date du fichier, qui couvre moins de douze mois"),
    # Exercice saisi au 01/07/2025 : 31 + 31 + 30 + 31 + 30 + 31 = 184 jours.
    (ACOMPTE_SUR_FACTURE_FUTURE, {"debut": "01/07/2025"}, "184 jours : depuis le début d'exercice saisi"),
], ids=["douze-mois", "fec-court", "exercice-saisi"])
def test_la_methode_dit_d_ou_part_la_periode_du_dso_simple(contenu, reglages, periode):
    r = executer({"fichier": contenu, "au": "31/12/2025", **reglages})
    assert any(typographie(f"({periode}).") in note for note in r["affichage"]["notes"]), r["affichage"]["notes"]


def test_date_d_analyse_par_defaut_la_derniere_ecriture():
    r = executer({"fichier": (CAS / "fec-debit-credit.txt").read_text(encoding="utf-8-sig")})
    assert r["au"] == "2026-01-15" and r["au_par_defaut"] == "fichier"


def test_executer_sur_des_morceaux_de_texte():
    texte = (CAS / "fec-montant-sens.txt").read_text(encoding="iso-8859-15")
    r = executer({"fichier": [texte[:1000], texte[1000:]], "au": "31/12/2025"})
    assert r["ok"] and r["balance_agee"]["total"] == "13900.00" and r["encodage"] == "texte"


@pytest.mark.skipif("portefeuille" not in CALCULATEURS, reason="pas encore enregistré dans calculators.api")
def test_par_l_api_comme_le_navigateur():
    texte = (CAS / "factures.csv").read_bytes().decode("cp1252")
    r = run("portefeuille", {"fichier": texte, "au": "31/12/2025"})
    assert r["ok"] and r["penalites"]["total"] == "680.48"


def test_resultat_redemande_avec_d_autres_reglages_sans_relire():
    analyse = Analyse()
    analyse.ajouter((CAS / "factures.csv").read_bytes())
    premier = analyse.resultat({"au": "31/12/2025"})
    second = analyse.resultat({"au": "30/06/2025"})
    assert premier["balance_agee"]["total"] == "13900.00"
    # Au 30/06/2025 : F2025-001 payée ; F2025-012 (600, avoir 120 du 20/06) : 480, non échue ;
    # F2024-900 : 900. Les factures d'août à décembre n'existent pas encore.
    assert second["balance_agee"]["total"] == "1380.00"
    assert second["balance_agee"]["tranches"]["non_echu"] == {"nombre": 1, "montant": "480.00"}
    assert analyse.resultat({"au": "31/02/2025"})["erreurs"][0]["field"] == "au"


def test_lien_vers_la_lettre_preremplie_et_ses_chiffres():
    r = analyser("fec-debit-credit.txt")
    beta = next(x for x in r["relances"] if x["compte"] == "C002")
    lien = beta["liens"][0]["url"]
    assert lien.startswith("../../lettres/remplir/#modele=mise-en-demeure")
    params = parse_qsl(lien.split("#", 1)[1])
    assert ("debiteur_nom", "Bêta SA") in params
    assert ("facture", "F2025-011:2025-11-15:1800.00:2025-12-15::2025-12-05:800.00") in params
    saisies = {"modele": "mise-en-demeure", "debiteur_nom": "Bêta SA", "factures": [v for k, v in params if k == "facture"],
               "creancier_nom": "Moi SAS", "creancier_adresse": "1 rue A, 75001 Paris", "signataire": "A. Martin",
               "debiteur_adresse": "2 rue B, 69001 Lyon", "date_lettre": "31/12/2025"}
    lettre = run("lettre", saisies)
    assert lettre["ok"], lettre
    assert "5,33" in lettre["affichage"]["texte"]  # les pénalités de F2025-011 au 31/12/2025, les mêmes


@pytest.mark.parametrize("prolonger", ["oui", ""])
def test_lettres_preremplies_reprennent_le_dernier_taux_prolonge_de_l_analyse(prolonger):
    """Analyse datée après la fin des tables, dernier taux prolongé : la lettre ouverte depuis l'analyse
    le prolonge aussi. Sans cela, datée du même jour, elle refusait de chiffrer et redemandait la case."""
    import datetime as dt

    from calculators.taux import couvert_jusqu_au

    au = (couvert_jusqu_au() + dt.timedelta(days=10)).strftime("%d/%m/%Y")
    r = analyser("fec-debit-credit.txt", au=au, prolonger=prolonger)
    liens = [lien["url"] for x in r["relances"] for lien in x["liens"]]
    liens += [x["url"] for x in r["affichage"]["liens"] if x["libelle"].startswith("Note de débit")]
    assert liens and all((("prolonger", "oui") in parse_qsl(url.split("#", 1)[1])) == bool(prolonger) for url in liens)
    params = parse_qsl(liens[0].split("#", 1)[1])
    saisies = {**dict(params), "factures": [v for k, v in params if k == "facture"], "creancier_nom": "Moi SAS",
               "creancier_adresse": "1 rue A, 75001 Paris", "signataire": "A. Martin",
               "debiteur_adresse": "2 rue B, 69001 Lyon", "date_lettre": au}
    del saisies["facture"]
    lettre = run("lettre", saisies)
    assert lettre["ok"] == bool(prolonger), lettre
    if not prolonger:
        assert "cochez" in lettre["erreurs"][0]["message"]


def test_notes_de_debit_preremplies_aux_chiffres_de_l_analyse():
    """Chaque note de débit proposée reprend les factures en retard du client (payées en retard
    avec leur date de paiement, encore dues avec leurs acomptes) : datée du jour de l'analyse,
    elle réclame exactement les pénalités et indemnités que l'analyse chiffre pour lui (le même
    calculateur de pénalités, acomptes imputés d'abord sur les pénalités, C. civ. art. 1343-1).
    Alpha SARL : F2025-001 payée le 10/03/2025 (10,38 €) et F2025-002 encore due (48,73 €),
    plus 2 × 40 € : 139,11 €."""
    r = analyser("fec-debit-credit.txt")
    notes = [x for x in r["affichage"]["liens"] if x["libelle"].startswith("Note de débit")]
    par_client = {c["nom"]: c["total"] for c in r["penalites"]["par_client"]}
    assert [x["libelle"].rsplit("\xa0: ", 1)[1] for x in notes] == list(par_client)  # les plus gros montants d'abord
    assert "pour les 4 clients qui doivent des pénalités ou des indemnités" in r["affichage"]["liens_titre"]
    for note in notes:
        params = parse_qsl(note["url"].split("#", 1)[1])
        assert ("modele", "note-de-debit") in params
        saisies = {"modele": "note-de-debit", "debiteur_nom": dict(params)["debiteur_nom"],
                   "factures": [v for k, v in params if k == "facture"], "creancier_nom": "Moi SAS",
                   "creancier_adresse": "1 rue A, 75001 Paris", "signataire": "A. Martin",
                   "debiteur_adresse": "2 rue B, 69001 Lyon", "date_lettre": "31/12/2025"}
        lettre = run("lettre", saisies)
        assert lettre["ok"], lettre
        assert lettre["accessoires"] == par_client[saisies["debiteur_nom"]]
    alpha = next(x for x in notes if x["libelle"].endswith("Alpha SARL"))
    assert ("facture", "F2025-001:2025-01-15:1200.00:2025-02-14:2025-03-10") in parse_qsl(alpha["url"].split("#", 1)[1])
    assert par_client["Alpha SARL"] == "139.11"
    # Une facture en litige ne se réclame pas : Gamma & Fils n'a que F2025-020, plus de note.
    en_litige = analyser("fec-debit-credit.txt", litiges="F2025-020")["affichage"]["liens"]
    assert not any(x["libelle"] == "Note de débit : Gamma & Fils" for x in en_litige)


def test_exports_csv_a_la_francaise():
    r = analyser("fec-debit-credit.txt")
    fichiers = {f["nom"]: f for f in r["affichage"]["fichiers"]}
    balance = fichiers["balance-agee-clients.csv"]["contenu"]
    assert balance.startswith("\ufeffCompte;Nom;Non échu;")
    assert "C002;Bêta SA;3600,00;1000,00;0,00;0,00;0,00;0,00;0,00;4600,00;16;16,0;1;1;0;0;0;21,74;47,7;non;285,5\r\n" in balance
    assert "C004;Société Delta;0,00;0,00;0,00;0,00;900,00;0,00;0,00;900,00;381;381,0;0;0;0;0;1;100,00;365,0;oui;\r\n" in balance
    assert "Total;;3600,00;1000,00;0,00;2400,00;6900,00;0,00;0,00;13900,00;381;120,1;1;1;0;1;2;74,10;190,3;non;327,7\r\n" in balance
    assert "F2025-020" in fichiers["penalites.csv"]["contenu"] and "243,67" in fichiers["penalites.csv"]["contenu"]
    assert set(fichiers) >= {"d441-6.csv", "relances.csv", "dso.csv"}
    # Les mois sous leur en-tête, les indicateurs sous le leur (le retard moyen était rangé sous « CA TTC du
    # mois » et « Encours à épuiser ») : 31 + 30 + 31 + 30 + 31 + 31 + 6,3 = 190,3 ; 1 237 300 ÷ 10 300 = 120,1.
    mois, indicateurs = fichiers["dso.csv"]["contenu"].split("\r\n\r\n")
    assert mois.startswith("\ufeffMois;Jours;CA TTC du mois;Encours à épuiser;Jours comptés\r\n12/2025;31;3600,00;13900,00;31,0")
    assert indicateurs.split("\r\n")[:5] == [
        "Indicateur;Jours de la période;Base : CA TTC de la période, ou montant des factures;"
        "Encours, ou Σ (montant × jours de retard);Résultat en jours",
        "DSO par épuisement;;;13900,00;190,3", "DSO simple;365;15480,00;13900,00;327,7",
        "Retard moyen pondéré des factures échues;;10300,00;1237300,00;120,1",
        "Retard moyen au paiement (factures soldées dans l'exercice);;1680,00;67680,00;40,3"]
    # Dans l'ordre de l'écran : les plus gros encours d'abord.
    assert [x.split(";")[0] for x in balance.split("\r\n")[1:-1]] == ["C003", "C002", "C001", "C004", "Total"]
    d441 = fichiers["d441-6.csv"]["contenu"]
    assert "I clients (TTC);Montant total des factures concernées (TTC);3600,00;1000,00;0,00;2400,00;6900,00;10300,00\r\n" in d441


def test_exports_csv_sans_formule_executee_par_le_tableur():
    """Un nom ou un numéro de facture qui commence par « = », « + », « - » ou « @ » serait exécuté par
    le tableur (« CSV injection ») : précédé d'une apostrophe ; un montant négatif reste un nombre."""
    contenu = ("Client;Nom;N° facture;Date;Montant TTC;Echéance\n"
               '=2+3;"=HYPERLINK(""http://x"";""clic"")";=1+1;01/01/2025;100,00;31/01/2025\n'
               "@SUM(A1);-1+1;+F2;01/01/2025;200,00;31/01/2025\n"
               "C3;Client trois;F3;01/01/2025;-50,00;31/01/2025\n")
    analyse = Analyse({})
    analyse.ajouter(contenu.encode("utf-8"))
    assert json.loads(analyse.affichage_json(json.dumps({"au": "30/06/2025"})))["ok"]
    ouvertes = json.loads(analyse.export_json("factures-ouvertes.csv"))["fichier"]["contenu"]
    assert "\r\n'=2+3;\"'=HYPERLINK(\"\"http://x\"\";\"\"clic\"\")\";'=1+1;01/01/2025;" in ouvertes
    assert "\r\n'@SUM(A1);'-1+1;'+F2;" in ouvertes
    balance = json.loads(analyse.export_json("balance-agee-clients.csv"))["fichier"]["contenu"]
    assert "\r\nC3;Client trois;0,00;0,00;0,00;0,00;0,00;0,00;-50,00;-50,00;" in balance


def test_releve_des_factures_ouvertes_sans_retard_negatif():
    """Une facture pas encore échue a 0 jour de retard et la tranche « Non échu », pas « -11 »."""
    analyse = Analyse({})
    analyse.ajouter((CAS / "fec-debit-credit.txt").read_bytes())
    releve = json.loads(analyse.affichage_json(json.dumps({"au": "20/12/2025"})))
    assert releve["ok"], releve
    contenu = json.loads(analyse.export_json("factures-ouvertes.csv"))["fichier"]["contenu"]
    assert contenu.startswith("\ufeffCompte;Client;Facture;Date;Échéance;Montant TTC;Reste dû;Retard (jours);Tranche;")
    assert "C002;Bêta SA;F2025-010;01/12/2025;31/12/2025;3600,00;3600,00;0;Non échu;;\r\n" in contenu
    assert "C003;Gamma & Fils;F2025-020;01/08/2025;31/08/2025;6000,00;6000,00;111;Plus de 90 jours;;\r\n" in contenu
    assert ";-" not in contenu


def test_affichage_en_francais():
    a = analyser("factures.csv")["affichage"]
    assert a["titre"] == "Analyse du poste clients"
    assert "13\u202f900,00\u00a0€" in a["phrase"] and "190,3 jours" in a["phrase"]
    assert a["texte"].startswith("Analyse du poste clients\n")
    assert any(t["titre"].startswith("D441-6 I\xa0") for t in a["tableaux"])
    assert all(len(ligne) == len(t["colonnes"]) for t in a["tableaux"] for ligne in t["lignes"] + ([t["pied"]] if "pied" in t else []))
    assert Decimal(analyser("factures.csv")["penalites"]["total"]) == Decimal("680.48")


def test_frontiere_json_du_worker():
    """La page ne reçoit que son affichage : le même que celui du résultat complet, sans les
    listes brutes facture par facture, et sans le contenu des exports (demandé au clic)."""

    analyse = Analyse()
    analyse.ajouter((CAS / "factures.csv").read_bytes())
    page = json.loads(analyse.affichage_json('{"au": "31/12/2025"}'))
    complet = json.loads(json.dumps(analyse.resultat({"au": "31/12/2025"}), ensure_ascii=False))
    assert set(page) == {"ok", "affichage"} and page["ok"] is True
    assert complet["penalites"]["factures"] and complet["factures_ouvertes"]
    fichiers, attendus = page["affichage"].pop("fichiers"), complet["affichage"].pop("fichiers")
    assert page["affichage"] == complet["affichage"]
    assert [(f["nom"], f["libelle"], f["type"]) for f in fichiers] == [(f["nom"], f["libelle"], f["type"]) for f in attendus]
    assert all("contenu" not in f and f["demande"] == {"nom": "portefeuille", "operation": "portefeuille-export",
                                                        "saisies": {"nom": f["nom"]}} for f in fichiers)
    assert "680,48\u00a0€" in page["affichage"]["phrase"]  # pénalités 440,48 € + 6 indemnités de 40 €
    assert json.loads(analyse.affichage_json("pas du json"))["erreurs"][0]["message"] == \
        "Les réglages reçus sont illisibles."


@pytest.mark.parametrize("cas", ["factures.csv", "fec-montant-sens.txt"])
def test_exports_demandes_au_clic(cas):
    """Chaque export proposé à la page, demandé ensuite : le fichier même du résultat complet
    (CPython, mêmes réglages), octet pour octet ; refus en français sans résultat ou pour un
    nom inconnu ; un nouveau calcul change ce qui est exporté."""

    reglages = {"au": "31/12/2025", "delai": "45jfdm"}
    analyse = Analyse()
    assert json.loads(analyse.export_json("dso.csv"))["erreurs"][0]["message"] == \
        "Aucun résultat à exporter : cliquez sur « Calculer », puis de nouveau sur cet export."
    analyse.ajouter((CAS / cas).read_bytes())
    proposes = json.loads(analyse.affichage_json(json.dumps(reglages)))["affichage"]["fichiers"]
    attendus = {f["nom"]: f for f in analyse.resultat(reglages)["affichage"]["fichiers"]}
    assert [f["nom"] for f in proposes] == list(attendus)
    for propose in proposes:
        recu = json.loads(analyse.export_json(propose["demande"]["saisies"]["nom"]))
        assert recu == {"ok": True, "fichier": attendus[propose["nom"]]}
    assert json.loads(analyse.export_json("../etc/passwd"))["erreurs"][0]["message"] == \
        "Cet export n'existe pas : « ../etc/passwd »."
    avant = json.loads(analyse.export_json("balance-agee-clients.csv"))["fichier"]["contenu"]
    analyse.affichage_json(json.dumps({"au": "30/06/2025"}))
    assert json.loads(analyse.export_json("balance-agee-clients.csv"))["fichier"]["contenu"] != avant


def test_avancement_du_calcul_compte_par_compte(monkeypatch):
    """Le worker passe une fonction que Python appelle de loin en loin : comptes faits sur le
    total, croissant, jusqu'au total ; le résultat n'en change pas."""

    from calculators.portefeuille import calcul
    from calculators.portefeuille.fec_exemple import texte_fec

    monkeypatch.setattr(calcul, "AVANCEMENTS", 10)  # 25 comptes : un appel tous les deux comptes
    analyse = Analyse()
    analyse.ajouter(texte_fec(3000))
    analyse.terminer()
    comptes = len(analyse.donnees.par_tiers)
    appels = []
    avec = analyse.affichage_json('{"au": "31/12/2025"}', lambda faits, total: appels.append((faits, total)))
    assert avec == analyse.affichage_json('{"au": "31/12/2025"}')
    assert json.loads(avec)["ok"] is True
    assert comptes == 25
    assert appels[0] == (0, comptes) and appels[-1] == (comptes, comptes)
    assert all(total == comptes for _, total in appels)
    assert [faits for faits, _ in appels] == list(range(0, comptes, 2)) + [comptes]  # croissant, au pas de 2


def test_releve_des_factures_ouvertes():
    r = analyser("fec-pieges.txt")
    ouvertes = [(f["compte"], f["facture"], f["reste"], f["tranche"], f["par_anteriorite"]) for f in r["factures_ouvertes"]]
    assert ouvertes == [
        ("C001", "", "400.00", "a_nouveau", True), ("C001", "F2025-002", "2400.00", "61_90", False),
        ("C002", "F2025-011", "1000.00", "1_30", False), ("C002", "F2025-010", "3600.00", "non_echu", False),
        ("C003", "F2025-020", "6000.00", "91_plus", False), ("C004", "F2024-900", "900.00", "91_plus", False)]
    assert sum(Decimal(f["reste"]) for f in r["factures_ouvertes"]) == Decimal(r["balance_agee"]["total"])


def test_methode_dit_la_periode_du_dso_simple():
    """« DSO simple (349 jours) » à côté d'un exercice de 380 jours : la méthode ne disait que « la
    période » ; elle en donne les dates."""
    notes = analyser("fec-debit-credit.txt")["affichage"]["notes"]
    assert any(typographie("du 01/01/2025 au 31/12/2025 (365 jours : le mois de la date d'analyse") in n for n in notes), notes



def test_remarque_des_penalites_dit_les_reglements_partiels():
    """F2025-011 : 1 800 € dus, 800 € réglés le 05/12 avant l'échéance du 15/12 ; les pénalités
    (10,32 €) portent sur 1 000 €. Sans le dire, « Dû » et les pénalités ne se recoupaient pas."""
    contenu = analyser("fec-debit-credit.txt", au="15/01/2026")["affichage"]
    ligne = next(l for t in contenu["tableaux"] if t["titre"].startswith("Pénalités par facture")
                 for l in t["lignes"] if l[1] == "F2025-011")
    assert ligne[-1] == "800,00\u00a0€ réglés le 05/12/2025, déduits à cette date"


# Fournisseurs, au 30/06/2026, délai 30 jours : A1 (1 200 TTC : 1 000 en 607, 200 de TVA) et une
# immobilisation I1 (12 000 TTC : 10 000 en 2183, 2 000 de TVA), reçues le 02/01/2026, impayées :
# 149 jours de retard, tranche 91 et plus. Les achats de l'exercice (D441-6 I 1°) sont ceux des
# comptes 60 (sauf 603), 61 et 62 : 1 000 HT, 1 200 TTC (leur TVA en plus, pas celle de
# l'immobilisation). 13 200 ÷ 1 200 = 11 000 ÷ 1 000 = 1 100 % : HT ou TTC, le même rapport.
ACHATS_ET_IMMOBILISATION = _ENTETE_FEC + "".join([
    _ligne_fec("AC", 1, "20260102", "401", "A", "A1", "0,00", "1200,00"),
    _ligne_fec("AC", 1, "20260102", "607", "", "A1", "1000,00", "0,00"),
    _ligne_fec("AC", 1, "20260102", "44566", "", "A1", "200,00", "0,00"),
    _ligne_fec("AC", 2, "20260102", "401", "B", "I1", "0,00", "12000,00"),
    _ligne_fec("AC", 2, "20260102", "2183", "", "I1", "10000,00", "0,00"),
    _ligne_fec("AC", 2, "20260102", "44562", "", "I1", "2000,00", "0,00"),
])


def test_d441_6_achats_ht_et_ttc_sur_les_memes_comptes():
    taux = {}
    for ht in ("", "oui"):
        r = executer({"fichier": ACHATS_ET_IMMOBILISATION, "au": "30/06/2026", "ht": ht})
        assert r["ok"], r
        assert (r["chiffres"]["achats_ht"], r["chiffres"]["achats_ttc"]) == ("1000.00", "1200.00")
        i = r["d441_6"]["fournisseurs"]["I"]
        taux[ht] = i["total"]["pourcentage"]
    assert taux == {"": "1100.00", "oui": "1100.00"}  # avant : 6,94 % TTC (base 13 200) et 1 100 % HT


def test_d441_6_ii_compte_une_fois_chaque_facture_sans_ht():
    """Tableau de factures sans colonne HT, en HT : chaque facture utilisée est dite une fois. F1
    (ouverte) est dans le I et dans la base du II ; F2, payée en retard dans l'exercice, dans le
    II seulement : 2 factures, pas 1 (le II était oublié) ni 3 (F1 comptée deux fois)."""
    contenu = ("Client;Facture;Date;Montant TTC;Date paiement;Montant payé\n"
               "K1;F1;01/03/2026;1000,00;;\nK1;F2;01/02/2026;500,00;30/04/2026;500,00\n")
    r = executer({"fichier": contenu, "au": "30/06/2026", "ht": "oui"})
    assert r["ok"], r
    assert {h["cle"]: h["nombre"] for h in r["hypotheses"]}["ht_inconnu"] == 2
    assert r["d441_6"]["clients"]["II"]["bandes"]["31_60"]["montant"] == "500.00"


def test_litige_saisi_dans_les_reglages_marque_partout():
    r = analyser("fec-debit-credit.txt", litiges="F2025-020")
    b = r["balance_agee"]
    assert b["litiges"] == "6000.00"
    assert next(c for c in b["clients"] if c["compte"] == "C003")["litiges"] == "6000.00"
    (f020,) = [f for f in r["factures_ouvertes"] if f["facture"] == "F2025-020"]
    assert f020["litige"] is True
    releve = {f["nom"]: f for f in r["affichage"]["fichiers"]}["factures-ouvertes.csv"]["contenu"]
    (ligne,) = [x for x in releve.split("\r\n") if ";F2025-020;" in x]
    assert ligne.split(";")[-2] == "oui"


def test_numero_en_litige_saisi_sans_la_casse():
    """« f2025-020 » tapé en minuscules désigne F2025-020 : il était dit introuvable, et rien n'était exclu."""
    majuscules, minuscules = (analyser("fec-debit-credit.txt", litiges=n) for n in ("F2025-020", "f2025-020"))
    assert minuscules["d441_6"] == majuscules["d441_6"] and minuscules["balance_agee"]["litiges"] == "6000.00"
    assert minuscules["penalites"]["en_litige"] == 1
    assert not any("introuvable" in a for a in minuscules["avertissements"])
    assert any("« F9 »" in a for a in analyser("fec-debit-credit.txt", litiges="f2025-020, F9")["avertissements"])


def test_facture_en_litige_decomptee_hors_des_penalites_exigibles():
    """F2025-020 (6 000 €, Gamma, seule facture de son compte), échue le 31/08/2025 (30 jours), impayée au
    31/12/2025 : 122 jours au taux du 2e semestre 2025 (BCE 2,15 + 10 = 12,15 %), 6 000 × 12,15 % × 122 / 365
    = 243,67 €, plus 40 € d'indemnité : 283,67 €. En litige, elle restait dans « Pénalités et indemnités exigibles » (680,48 €) sans marque ;
    elle est décomptée et marquée, hors des totaux : 680,48 − 283,67 = 396,81 € sur 5 factures."""
    sans = analyser("fec-debit-credit.txt")["penalites"]
    assert (sans["total"], sans["factures_en_retard"], sans["en_litige"]) == ("680.48", 6, 0)
    r = analyser("fec-debit-credit.txt", litiges="F2025-020")
    p = r["penalites"]
    assert (p["total"], p["factures_en_retard"], p["en_litige"]) == ("396.81", 5, 1)
    assert "C003" not in [c["compte"] for c in p["par_client"]]  # sa seule facture en retard est en litige
    # Alpha (C001) : F2025-001 (1 200 €, échue le 14/02/2025, payée le 10/03) : 24 jours à 13,15 % (S1 2025),
    # 1 200 × 13,15 % × 24 / 365 = 10,38 €, + 40 € = 50,38 € ; F2025-002, mise en litige, à part : 1 et 1.
    alpha = next(c for c in analyser("fec-debit-credit.txt", litiges="F2025-002")["penalites"]["par_client"]
                 if c["compte"] == "C001")
    assert (alpha["factures"], alpha["en_litige"], alpha["total"]) == (1, 1, "50.38")
    (f020,) = [f for f in p["factures"] if f["facture"] == "F2025-020"]
    assert (f020["total"], f020["litige"]) == ("283.67", True)
    assert not any(f["litige"] for f in p["factures"] if f["facture"] != "F2025-020")
    assert r["affichage"]["phrase"].endswith("exigibles sur 5 factures en retard\u00a0: 396,81\u00a0€, hors 1 facture en litige.")
    factures = next(t for t in r["affichage"]["tableaux"] if t["titre"].startswith("Pénalités par facture"))
    assert factures["pied"][0] == "6 factures, dont 1 en litige, hors total"
    assert factures["pied"][-3:-1] == ["196,81\u00a0€", "200,00\u00a0€"]  # 5 × 40 € ; 396,81 − 200
    (ligne,) = [x for x in factures["lignes"] if x[1] == "F2025-020"]
    assert ligne[-1].startswith("en litige\u00a0: hors total")
    csv = {f["nom"]: f for f in r["affichage"]["fichiers"]}["penalites.csv"]["contenu"]
    (ligne,) = [x for x in csv.split("\r\n") if ";F2025-020;" in x]
    assert ligne.split(";")[-2:] == ["oui", "en litige : hors total"]
    # La mise en demeure de Gamma n'est plus proposée (rien d'exigible hors litige), comme avant.
    assert "C003" not in [x["compte"] for x in r["relances"]]


def test_d441_6_sans_pourcentage_d_un_chiffre_d_affaires_negatif():
    """Un avoir sans facture dans l'exercice : la base est négative, la part n'a pas de sens (elle
    s'écrivait « -0,00 % » et « -9,09 % »)."""
    contenu = _ENTETE_FEC + "".join([
        _ligne_fec("VE", 1, "20250102", "411", "C9", "F1", "100,00", "0,00"),
        _ligne_fec("VE", 1, "20250102", "706", "", "F1", "0,00", "100,00"),
        _ligne_fec("VE", 2, "20260110", "411", "C9", "A1", "0,00", "1100,00"),
        _ligne_fec("VE", 2, "20260110", "706", "", "A1", "1100,00", "0,00"),
    ])
    r = executer({"fichier": contenu, "au": "30/06/2026", "debut": "01/01/2026"})
    assert r["ok"], r
    i = r["d441_6"]["clients"]["I"]
    assert i["base"].startswith("-") and i["total"]["pourcentage"] is None
    assert not any("-0,00" in str(t) or "-9,09" in str(t) for t in r["affichage"]["tableaux"])


def test_lettres_d_une_analyse_passee_averties_des_reglements_posterieurs():
    """Au 31/12/2025, F2025-020 (C003) est due ; le fichier la dit payée le 15/01/2026. La mise en
    demeure préremplie, datée du jour où on l'ouvre, l'aurait réclamée sans un mot."""
    r = analyser("fec-debit-credit.txt")
    (message,) = [a for a in r["avertissements"] if "datés après le 31/12/2025" in a]
    assert "1 client à relancer (Gamma & Fils) a des règlements" in message and "ses lettres préremplies" in message


def test_plus_de_cinquante_factures_echues_dites():
    lignes = "".join(f"K1;F{i:03d};0{1 + i % 9}/01/2025;100,00;\n" for i in range(55))
    r = executer({"fichier": "Client;Facture;Date;Montant TTC;Date paiement\n" + lignes, "au": "31/12/2025"})
    assert r["ok"], r
    assert any("plus de 50 factures échues (K1 : 55)" in a for a in r["avertissements"])


# La méthode donne les chiffres des deux DSO (grand livre du haut de ce fichier, au 31/12/2025) :
# - simple : 13 900,00 ÷ 15 480,00 × 365 = 327,745… → 327,7 jours ;
# - par épuisement : décembre à juillet épuisés, 31 + 30 + 31 + 30 + 31 + 31 = 184 jours (6 mois),
#   puis juin entamé : 100,00 ÷ 480,00 × 30 = 6,25 ; 184 + 6,25 = 190,25 → 190,3 jours.
DSO_SIMPLE_EN_CHIFFRES = (
    "DSO simple = encours ÷ CA TTC de la période × jours de la période = 13\u202f900,00 ÷ 15\u202f480,00 × 365 = "
    "327,7 jours ; période du 01/01/2025 au 31/12/2025 (365 jours : le mois de la date d'analyse jusqu'à elle et "
    "les onze mois d'avant). Les deux DSO et la part échue de chaque client, par ses propres ventes : export CSV "
    "de la balance âgée.")
DSO_EPUISEMENT_EN_CHIFFRES = (
    "DSO par épuisement = somme des jours comptés du tableau « DSO par épuisement » = 184 jours (6 mois épuisés) "
    "+ 100,00 ÷ 480,00 × 30 (juin 2025, entamé) = 190,3 jours ; l'encours de 13\u202f900,00\u00a0€ y est épuisé "
    "par le CA TTC des mois, du plus récent au plus ancien.")
TITRE_C = "(C) Délais de paiement de référence utilisés pour le calcul des retards de paiement"


@pytest.mark.parametrize("nom", PRESENTATIONS)
def test_la_methode_donne_les_chiffres_des_deux_dso(nom):
    notes = analyser(nom)["affichage"]["notes"]
    assert typographie(DSO_SIMPLE_EN_CHIFFRES) in notes, notes
    assert typographie(DSO_EPUISEMENT_EN_CHIFFRES) in notes, notes
    # La part échue aussi : 10 300,00 échus (balance ci-dessus) ÷ 13 900,00 dus × 100 = 74,10 %.
    assert any(n.endswith(typographie("Part échue de l'encours (taux de retard) = échu ÷ sommes dues × 100 = "
                                      "10\u202f300,00 ÷ 13\u202f900,00 × 100 = 74,10 %.")) for n in notes), notes


def _tableaux_d441(r) -> dict:
    """Les tableaux D441-6 à l'écran, par « I émises », « II reçues »…"""
    return {t["titre"].split("\xa0:")[0][len("D441-6 "):].replace(" (variante)", "")
            + (" reçues" if "reçues" in t["titre"] else " émises"): t["lignes"]
            for t in r["affichage"]["tableaux"] if t["titre"].startswith("D441-6")}


def test_d441_6_dit_la_base_de_ses_pourcentages_et_sa_section_c():
    """Base du I : CA TTC 2025 = 15 480,00 € (en-tête de ce fichier) ; du II : 6 factures émises
    pour 15 600,00 € (F2025-012 compte 600 avant son avoir). (C) du modèle, sous le (B) : aucun
    délai choisi, le FEC sans échéance, les retards comptent du délai légal supplétif."""
    tableaux = _tableaux_d441(analyser("fec-debit-credit.txt"))
    vides = [""] * 6
    i, ii = tableaux["I émises"], tableaux["II émises"]
    assert i[2][0] == "Pourcentage du chiffre d'affaires TTC de l'exercice (15\u202f480,00\u00a0€)"
    assert (ii[1][0], ii[3][0]) == ("Pourcentage du nombre de factures émises dans l'exercice (6 factures)",
                                    "Pourcentage du montant des factures émises dans l'exercice (15\u202f600,00\u00a0€)")
    for lignes in (i, ii):
        assert [ligne[0] for ligne in lignes[-4:-2]] == ["(B) Nombre des factures exclues (litigieuses)",
                                                         "(B) Montant total des factures exclues"]
        assert lignes[-2:] == [[TITRE_C] + vides,
                               ["Délais légaux\u00a0: 30 jours après la date de facture (délai supplétif)"] + vides]
    # Un tableau de factures sans colonne d'échéance : le délai légal, comme le FEC.
    assert [x[0] for x in _tableaux_d441(analyser("factures.csv"))["I émises"][-2:]] == [
        TITRE_C, "Délais légaux\u00a0: 30 jours après la date de facture (délai supplétif)"]
    # Un délai choisi et un délai propre à un client : tous deux contractuels, aucun délai légal.
    choisis = _tableaux_d441(analyser("fec-debit-credit.txt", delai="45jfdm", delais_clients="C003=90"))
    assert [x[0] for x in choisis["I émises"][-2:]] == [TITRE_C, typographie(
        "Délais contractuels : 45 jours fin de mois (45 jours, puis fin de mois) ; 1 client à délai propre")]


def test_d441_6_section_c_selon_les_echeances_lues():
    """(C) dit d'où viennent les échéances : toutes lues dans le fichier (contractuelles), quelques-unes
    seulement (le délai légal pour les autres), ou aucune."""
    def section_c(echeances: list) -> list:
        lignes = "".join(f"C{i};F{i};01/03/2025;100,00;{e}\n" for i, e in enumerate(echeances))
        analyse = Analyse({})
        assert analyse.ajouter(("Client;N° facture;Date;Montant TTC;Échéance\n" + lignes).encode())["ok"]
        r = analyse.resultat({"au": "31/12/2025"})
        return [x[0] for x in _tableaux_d441(r)["I émises"] if x[0].startswith("Délais")]
    contrat = "Délais contractuels\u00a0: échéances du fichier"
    assert section_c(["30/04/2025", "15/05/2025"]) == [contrat]
    assert section_c(["30/04/2025", ""]) == [
        contrat, "Délais légaux\u00a0: 30 jours après la date de facture (délai supplétif), à défaut d'échéance"]
    assert section_c(["", ""]) == ["Délais légaux\u00a0: 30 jours après la date de facture (délai supplétif)"]


def test_export_d441_6_avec_sa_base_et_sa_section_c():
    fichiers = {f["nom"]: f["contenu"] for f in analyser("fec-debit-credit.txt")["affichage"]["fichiers"]}
    d441 = fichiers["d441-6.csv"]
    assert ("I clients (TTC);Pourcentage du chiffre d'affaires TTC de l'exercice (15\u202f480,00\u00a0€);23,26;6,46;"
            "0,00;15,50;44,57;66,54\r\n") in d441
    assert ("I clients (TTC);(B) Montant total des factures exclues;;;;;;0,00\r\n"
            f"I clients (TTC);{TITRE_C};;;;;;\r\n"
            "I clients (TTC);Délais légaux : 30 jours après la date de facture (délai supplétif);;;;;;\r\n"
            "II clients (TTC);Nombre de factures concernées;") in d441
    assert {ligne.count(";") for ligne in d441.split("\r\n")[:-1]} == {7}  # un tableau : huit colonnes partout


def test_base_nulle_et_dso_sans_ventes_dits_en_clair():
    """F1 (1 000 €, 01/03/2024) hors de l'exercice du 01/07/2024 au 30/06/2025 : chiffre d'affaires
    nul, aucun pourcentage ni DSO simple ; l'encours n'est épuisé par aucun des douze mois (365
    jours, de juillet 2024 à juin 2025) : le DSO par épuisement est un minimum."""
    r = executer({"fichier": "Client;Facture;Date;Montant TTC\nK1;F1;01/03/2024;1000,00\n", "au": "30/06/2025"})
    assert r["ok"], r
    i = _tableaux_d441(r)["I émises"]
    assert i[2] == ["Pourcentage du chiffre d'affaires TTC de l'exercice (0,00\u00a0€\u00a0: aucun pourcentage)"] + [
        "—"] * 6
    notes = r["affichage"]["notes"]
    assert typographie("DSO par épuisement = somme des jours comptés du tableau « DSO par épuisement » = 365 jours "
                       "(12 mois épuisés) = au moins 365,0 jours ; l'encours de 1\u202f000,00\u00a0€ dépasse le CA "
                       "TTC de toute la période lue.") in notes, notes
    assert any(n.startswith(typographie("DSO simple = encours ÷ CA TTC de la période × jours de la période : CA TTC "
                                        "de 0,00\u00a0€ sur la période, pas de DSO simple ; période du 01/07/2024"))
               for n in notes), notes


def test_texte_du_d441_6_sans_colonne_elargie_par_le_c():
    """Texte (« Copier », ligne de commande) : les lignes du (C), texte seul, ne fixent pas la
    largeur de la première colonne ; elle reste celle des libellés chiffrés."""
    texte = analyser("fec-debit-credit.txt")["affichage"]["texte"]
    tableau = texte[texte.index("D441-6 I :"):].split("\n\n")[0].splitlines()
    entete, chiffres = tableau[1], tableau[4]
    assert chiffres.startswith("Pourcentage du chiffre d'affaires TTC de l'exercice (15\u202f480,00\u00a0€)  23,26")
    assert entete.index("0 jour") == chiffres.index("23,26") == len(chiffres.split("  ")[0]) + 2


def _facture_en_deux_echeances(lettres: tuple) -> str:
    """F20 de 3 000 € TTC (Sage, Cegid : une ligne du compte client par échéance), payée 1 500 € le 15/11."""
    return _ENTETE_FEC + "".join([
        _ligne_fec("VE", 1, "20250901", "411", "K1", "F20", "1500,00", "0,00", lettres[0]),
        _ligne_fec("VE", 1, "20250901", "411", "K1", "F20", "1500,00", "0,00", lettres[1]),
        _ligne_fec("VE", 1, "20250901", "706", "", "F20", "0,00", "2500,00"),
        _ligne_fec("VE", 1, "20250901", "44571", "", "F20", "0,00", "500,00"),
        _ligne_fec("BQ", 2, "20251115", "512", "", "P20", "1500,00", "0,00"),
        _ligne_fec("BQ", 2, "20251115", "411", "K1", "P20", "0,00", "1500,00", lettres[0]),
    ])


def test_facture_en_plusieurs_echeances_une_seule_facture():
    """Deux lignes du compte client, même pièce et même lettrage : une facture de 3 000 € (une indemnité
    de 40 €, D441-5 ; une facture au tableau D441-6), réglée 1 500 € par antériorité, 1 500 € dus. Deux
    échéances lettrées chacune à part restent deux postes : le règlement lettré « A » solde la première."""
    r = executer({"fichier": _facture_en_deux_echeances(("", "")), "au": "31/12/2025"})
    assert r["ok"], r
    (f20,) = r["penalites"]["factures"]
    assert (f20["facture"], f20["du"], f20["indemnite"]) == ("F20", "3000.00", "40.00")
    assert r["d441_6"]["clients"]["I"]["total"]["nombre"] == 1 and r["balance_agee"]["total"] == "1500.00"
    assert {h["cle"]: h["nombre"] for h in r["hypotheses"]}["echeances_reunies"] == 1
    a_part = executer({"fichier": _facture_en_deux_echeances(("A", "B")), "au": "31/12/2025"})
    assert [f["du"] for f in a_part["penalites"]["factures"]] == ["1500.00", "1500.00"]
    assert "echeances_reunies" not in {h["cle"] for h in a_part["hypotheses"]}


def test_a_nouveau_sans_detail_ancien_signale_a_relancer():
    """Un solde d'ouverture sans détail n'a ni facture ni échéance : hors de l'échu et des relances. Mais
    ses factures, d'avant le 01/01/2025, étaient échues le 01/03/2025 au plus tard (60 jours, L441-10 I) :
    au 31/12/2025, ce qu'il en reste (2 000 €) est dit, pour que le client soit relancé. Au 01/03/2025, pas encore."""
    fec = _ENTETE_FEC + "".join([
        _ligne_fec("RAN", 1, "20250101", "411", "C1", "", "5000,00", "0,00"),
        _ligne_fec("RAN", 1, "20250101", "890", "", "", "0,00", "5000,00"),
        _ligne_fec("BQ", 2, "20250315", "512", "", "P1", "3000,00", "0,00"),
        _ligne_fec("BQ", 2, "20250315", "411", "C1", "P1", "0,00", "3000,00"),
    ])
    r = executer({"fichier": fec, "au": "31/12/2025"})
    assert r["balance_agee"]["a_nouveau"] == "2000.00" and r["relances"] == []
    (message,) = [a for a in r["avertissements"] if "soldes d'ouverture" in a]
    assert message.startswith("2\u202f000,00\u00a0€ de soldes d'ouverture sans détail de facture restent dus au "
                              "31/12/2025 : Client C1 (2\u202f000,00\u00a0€). Ces factures, antérieures au 01/01/2025, "
                              "étaient échues le 01/03/2025 au plus tard")
    tot = executer({"fichier": fec, "au": "01/03/2025"})
    assert not any("soldes d'ouverture" in a for a in tot["avertissements"])


def test_phrase_dit_les_penalites_non_chiffrees():
    """Date d'analyse au-delà des taux connus : des pénalités ne sont pas chiffrées, et le total de la
    phrase était plus petit qu'à une date plus proche, sans rien dire. Il dit ce qu'il omet."""
    fec = (CAS / "fec-debit-credit.txt").read_bytes()
    loin = executer({"fichier": fec, "au": "01/01/2099"})
    # Compté à la main : restent ouvertes en 2099, leur retard courant au-delà des tables de taux,
    # F2025-002, F2025-010, F2025-011 (l'acompte de 800 € en laisse 1 000) et l'à-nouveau détaillé
    # F2024-900 ; les trois factures payées en 2025 et janvier 2026 restent chiffrées.
    assert loin["penalites"]["non_chiffrees"] == 4
    assert loin["affichage"]["phrase"].endswith("sans les pénalités de 4 factures non chiffrées (voir les avertissements).")
    assert "non chiffrée" not in executer({"fichier": fec})["affichage"]["phrase"]


def test_a_nouveau_sans_detail_plafond_des_45_jours_fin_de_mois():
    """Ouverture au 01/04/2025 : une facture de la veille (31/03) pouvait être due le 31/05 (45 jours puis fin
    de mois : 15/05 → 31/05), un jour après ses 60 jours (30/05). Le plafond est le plus tardif des trois
    (`delai.regles.plafond_general`) : rien au 31/05, l'avertissement au 01/06."""
    fec = _ENTETE_FEC + "".join([
        _ligne_fec("RAN", 1, "20250401", "411", "C1", "", "5000,00", "0,00"),
        _ligne_fec("RAN", 1, "20250401", "890", "", "", "0,00", "5000,00"),
    ])
    assert not any("soldes d'ouverture" in a for a in executer({"fichier": fec, "au": "31/05/2025"})["avertissements"])
    (message,) = [a for a in executer({"fichier": fec, "au": "01/06/2025"})["avertissements"] if "soldes d'ouverture" in a]
    assert "antérieures au 01/04/2025, étaient échues le 31/05/2025 au plus tard (60 jours, ou 45 jours fin de mois" in message


def test_encours_crediteur_dso_simple_nul_comme_l_epuisement():
    """1 000 € facturés, 3 000 € reçus : 2 000 € d'avance du client. Le DSO simple valait
    −2 000 ÷ 1 000 × 365 = −730 jours ; rien n'est à encaisser : 0 jour, comme par épuisement."""
    r = executer({"fichier": "Client;N° facture;Date facture;Montant TTC;Date paiement;Montant payé\n"
                             "C1;F1;15/01/2025;1000,00;20/01/2025;3000,00\n", "au": "31/12/2025"})
    assert r["balance_agee"]["total"] == "-2000.00"
    assert (r["dso"]["simple"]["jours"], r["dso"]["epuisement"]["jours"]) == ("0.0", "0.0")
    assert "encours créditeur (-2\u202f000,00\u00a0€, des avances des clients), rien à encaisser" in r["affichage"]["texte"]
