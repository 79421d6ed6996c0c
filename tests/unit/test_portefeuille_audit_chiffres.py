"""Défauts relevés par l'audit des chiffres du poste clients (comparés à des calculs faits à la main) :
la partie (B) du tableau D441-6 et l'avertissement d'un taux du contrat sous le plancher."""

from __future__ import annotations

from calculators.portefeuille import executer

LITIGES = ("Client;N° facture;Date;Montant TTC;Montant HT;Échéance;Date paiement;Montant payé;Litige\n"
           "A;FA1;01/09/2025;500,00;;01/10/2025;;;\n"
           "B;FB1;01/11/2025;9000,00;;01/12/2025;;;\n"
           "C;FC1;01/08/2025;1000,00;;31/08/2025;;;oui\n"
           "C;FC2;01/11/2025;800,00;;01/12/2025;;;\n"
           "D;FD1;01/09/2025;500,00;;01/10/2025;;;\n"
           "D;FD2;01/06/2025;700,00;;01/07/2025;15/09/2025;700,00;oui\n"
           "E;FE1;15/12/2025;3000,00;;15/01/2026;;;oui\n")


def test_d441_6_b_ne_compte_que_les_factures_en_litige_echues():
    """Au 31/12/2025, FC1 (1 000 €, échue le 31/08) est en litige et en retard : exclue, (B) = 1 facture,
    1 000 €. FE1 (3 000 €, en litige) n'est échue que le 15/01/2026 : elle n'a jamais été dans les
    retards, elle n'en est pas « exclue » ; (B) en comptait 2 pour 4 000 €. Elle reste dans la colonne
    indicative des non échues. En II, FD2 (en litige, payée le 15/09, 76 jours après l'échéance) est exclue."""
    d = executer({"fichier": LITIGES, "au": "31/12/2025"})["d441_6"]["clients"]
    i, ii = d["I"], d["II"]
    assert i["exclues"] == {"nombre": 1, "montant": "1000.00"}
    assert (i["bandes"]["0"]["nombre"], i["bandes"]["0"]["montant"]) == (1, "3000.00")
    # Échues, hors litige : FB1 9 000 et FC2 800 (30 jours), FA1 et FD1 500 chacune (91 jours).
    assert (i["bandes"]["1_30"]["montant"], i["bandes"]["91_plus"]["montant"], i["total"]["montant"]) == (
        "9800.00", "1000.00", "10800.00")
    assert ii["exclues"] == {"nombre": 1, "montant": "700.00"}


def test_un_taux_du_contrat_sous_le_plancher_chiffre_les_deux_lectures():
    """10 000 € échus le 31/01/2024, payés le 30/04/2024 (90 jours), taux du contrat 8 % : sous le
    plancher de 2024 (3 × 5,07 % = 15,21 %). La loi interdit la clause sans dire ce qui la remplace
    (L441-10 II) ; l'avertissement disait « vous pouvez réclamer au moins ce plancher ». À la main :
    10 000 × 8 % × 90 / 365 = 197,26 ; au plancher, × 15,21 % = 375,04 ; au taux par défaut
    (BCE 4,50 + 10 = 14,50 %), 357,53 — les chiffres du calculateur de pénalités pour cette facture."""
    csv = ("Client;N° facture;Date;Montant TTC;Échéance;Date paiement;Montant payé\n"
           "C;F24;01/01/2024;10000,00;31/01/2024;30/04/2024;10000,00\n")
    r = executer({"fichier": csv, "au": "31/12/2025", "taux": "8"})
    (message,) = [a for a in r["avertissements"] if "L441-10 II" in a]
    assert "au moins ce plancher" not in message and "ne dit pas quel taux la remplace" in message
    assert message.replace("\u00a0", " ").endswith((
        "au taux du contrat (les totaux affichés), 197,26 € ; relevé au plancher (le triple du taux légal) là où "
        "il est en dessous, 375,04 € ; au taux par défaut (BCE + 10 points), 357,53 €."))
    assert r["penalites"]["factures"][0]["penalites"] == "197.26"


def test_sans_taux_du_contrat_le_taux_par_defaut_sous_le_plancher_de_2024_est_signale():
    """legal.md §8, question 4 : en 2024, 3 × le taux légal (15,21 % au S1) dépassait BCE + 10 (14,50 %).
    Le texte ne soumet au plancher qu'une clause : les totaux restent au taux par défaut, l'autre lecture
    est chiffrée. À la main : F1, 10 000 € échus le 15/02/2024, payés le 15/04/2024 (60 jours) :
    10 000 × 14,50 % × 60 / 365 = 238,36, au plancher × 15,21 % = 250,03 ; F2, 5 000 € échus le
    30/06/2023, payés le 31/08/2023 (62 jours à 14 %, au-dessus du plancher de 12,66 %) : 118,90 des deux
    façons. Totaux : 357,26 et 368,93 €."""
    csv = ("Client;Numéro;Date;Montant TTC;Échéance;Date de paiement\n"
           "Alpha;F1;15/01/2024;10000,00;15/02/2024;15/04/2024\n"
           "Beta;F2;15/05/2023;5000,00;30/06/2023;31/08/2023\n")
    r = executer({"fichier": csv, "au": "31/12/2024"})
    (message,) = [a for a in r["avertissements"] if "L441-10 II" in a]
    assert "sur une partie du retard de 1 facture" in message.replace("\u00a0", " ")
    assert message.replace("\u00a0", " ").endswith((
        "au taux par défaut (les totaux affichés), 357,26 € ; relevé au plancher (le triple du taux légal) là où "
        "il est en dessous, 368,93 €."))
    assert [f["penalites"] for f in r["penalites"]["factures"]] == ["238.36", "118.90"]
