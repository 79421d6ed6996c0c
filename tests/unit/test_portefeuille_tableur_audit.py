"""Tableau de factures (CSV) : les défauts relevés par l'audit de la lecture.

Chaque cas vérifie les chiffres (encours, nombre de factures, tranche de la balance âgée) et le
message (ligne et colonne nommées). Taux au 1er semestre 2025 : 13,15 % ; délai supplétif de
30 jours quand le fichier ne donne pas d'échéance ; analyse au 30/06/2025.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from calculators.portefeuille import Analyse, executer

AU = "30/06/2025"
ENTETE = "Client;N° facture;Date;Montant TTC;Echéance;Date paiement;Montant payé"


def analyser(texte: str) -> dict:
    r = executer({"fichier": texte, "au": AU})
    assert r["ok"], r
    return r


def tranches(r: dict) -> dict:
    return {t: (v["nombre"], v["montant"]) for t, v in r["balance_agee"]["tranches"].items() if v["nombre"]}


def remarques(r: dict) -> list:
    return [(x["ligne"], x["colonne"], x["message"]) for x in r["lecture"]["remarques"]]


def cles(r: dict) -> dict:
    return {h["cle"]: h["nombre"] for h in r["hypotheses"]}


def factures(r: dict) -> dict:
    return {f["facture"]: f for f in r["penalites"]["factures"]}


# --- A. Les factures impayées ne disparaissent plus -----------------------------------------------

def test_tiret_dans_la_date_de_paiement_facture_impayee():
    """c49 : « - » dans « Date paiement », c'est une facture impayée ; elle était rejetée, et
    l'encours de 3 000 € devenait 0 €."""
    texte = ("Client;N° facture;Date;Montant TTC;Echéance;Date paiement\n"
             "C1;F1;01/01/2025;1000,00;31/01/2025;-\n"
             "C2;F2;01/02/2025;2000,00;03/03/2025;-\n"
             "C3;F3;01/03/2025;300,00;31/03/2025;15/04/2025\n"
             "C4;F4;01/03/2025;400,00;31/03/2025;10/03/2025\n")
    analyse = Analyse()
    analyse.ajouter(texte.encode("cp1252"))
    r = analyse.resultat({"au": AU})
    assert (r["balance_agee"]["total"], r["balance_agee"]["nombre_tiers"]) == ("3000.00", 2)
    assert tranches(r) == {"91_plus": (2, "3000.00")}  # 150 et 119 jours de retard
    assert (r["lecture"]["lignes"], r["lecture"]["rejetees"], remarques(r)) == (4, 0, [])


@pytest.mark.parametrize("marque", ["-", "–", "—", "N/A", "n/a", "Néant", "NON PAYÉE", "non payee", "Impayée",
                                    "En attente", " n.d. "])
def test_marques_de_cellule_vide_dans_les_colonnes_facultatives(marque):
    """Tirets et mots qui disent « rien » (c48) : une cellule vide, sans remarque ; la facture
    est due (échéance calculée quand la marque est dans l'échéance)."""
    for ligne in (f"C1;F1;01/03/2025;500,00;31/03/2025;{marque};",
                  f"C1;F1;01/03/2025;500,00;{marque};;",
                  f"C1;F1;01/03/2025;500,00;31/03/2025;;{marque}"):
        r = analyser(f"{ENTETE}\n{ligne}\n")
        assert (r["balance_agee"]["total"], r["lecture"]["rejetees"], remarques(r)) == ("500.00", 0, []), ligne
        assert tranches(r) == {"91_plus": (1, "500.00")}, ligne  # échue le 31/03/2025 : 91 jours


def test_marque_vide_dans_une_colonne_obligatoire_toujours_refusee():
    r = analyser(f"{ENTETE}\nC1;F1;N/A;500,00;;;\nC2;F2;01/03/2025;200,00;;;\n")
    assert (r["balance_agee"]["total"], r["lecture"]["rejetees"]) == ("200.00", 1)
    assert r["lecture"]["rejets"][0]["message"].startswith("Ligne 2, colonne « Date » : « N/A »")


def test_echeance_illisible_calculee_ligne_gardee():
    """« 30 jours » dans l'échéance : la facture est gardée, l'échéance calculée avec le délai
    retenu (01/03 + 30 jours = 31/03/2025), et la ligne porte une remarque."""
    r = analyser(f"{ENTETE}\nC1;F1;01/03/2025;300,00;30 jours;;\nC2;F2;01/06/2025;100,00;01/07/2025;;\n")
    assert (r["balance_agee"]["total"], r["lecture"]["rejetees"]) == ("400.00", 0)
    assert tranches(r) == {"non_echu": (1, "100.00"), "91_plus": (1, "300.00")}
    assert factures(r)["F1"]["echeance"] == "2025-03-31"
    assert remarques(r) == [(2, "Echéance", "Ligne 2, colonne « Echéance » : « 30 jours » n'est pas une date "
                                            "(jj/mm/aaaa) : l'échéance est calculée avec le délai retenu "
                                            "(ligne gardée).")]
    assert cles(r)["valeurs_ignorees"] == 1


def test_montant_ht_illisible_ignore_ligne_gardee():
    r = analyser("Client;N° facture;Date;Montant TTC;Montant HT\nC1;F1;01/03/2025;1200,00;mille\n")
    assert (r["balance_agee"]["total"], r["lecture"]["rejetees"]) == ("1200.00", 0)
    assert tranches(r) == {"91_plus": (1, "1200.00")}
    assert remarques(r) == [(2, "Montant HT", "Ligne 2, colonne « Montant HT » : « mille » n'est pas un montant : "
                                              "le montant HT est ignoré, la facture est comptée TTC dans les montants "
                                              "HT (ligne gardée).")]


def test_date_de_paiement_illisible_reglement_ignore_facture_due():
    r = analyser(f"{ENTETE}\nC1;F1;01/03/2025;300,00;31/03/2025;15/13/2025;300,00\n")
    assert (r["balance_agee"]["total"], r["lecture"]["rejetees"]) == ("300.00", 0)
    assert tranches(r) == {"91_plus": (1, "300.00")}
    assert remarques(r) == [(2, "Date paiement", "Ligne 2, colonne « Date paiement » : « 15/13/2025 » n'est pas une "
                                                 "date (jj/mm/aaaa) : ce règlement est ignoré, la facture en reste due "
                                                 "(ligne gardée).")]


def test_montant_paye_illisible_avec_une_date_facture_due_sauf_statut_payee():
    """Un montant payé illisible à côté d'une date lisible : le compter pour tout le reste
    ferait disparaître sans bruit ce qu'un acompte laisse dû. La facture reste due, et c'est dit ;
    seul le statut « Payée » permet de la compter soldée à cette date."""
    r = analyser(f"{ENTETE}\nC1;F1;01/03/2025;300,00;31/03/2025;15/04/2025;1,500\n")
    assert (r["balance_agee"]["total"], r["lecture"]["rejetees"]) == ("300.00", 0)
    assert tranches(r) == {"91_plus": (1, "300.00")}
    (ligne, colonne, message), = remarques(r)
    assert (ligne, colonne) == (2, "Montant payé")
    assert message.startswith("Ligne 2, colonne « Montant payé » : « 1,500 » ")
    assert message.endswith(": ce règlement du 15/04/2025 est ignoré, la facture en reste due ; corrigez le "
                            "montant payé (ligne gardée).")
    r = analyser(f"{ENTETE};Statut\nC1;F1;01/03/2025;300,00;31/03/2025;15/04/2025;abc;Payée\n"
                 "C2;F2;01/03/2025;200,00;31/03/2025;;;\n")
    assert (r["balance_agee"]["total"], r["lecture"]["rejetees"]) == ("200.00", 0)
    f1 = factures(r)["F1"]
    assert (f1["fin"], f1["jours"], f1["soldee"]) == ("2025-04-15", 15, True)  # payée le 15/04, échue le 31/03
    assert remarques(r) == [(2, "Montant payé", "Ligne 2, colonne « Montant payé » : « abc » n'est pas un montant : "
                                                "la facture étant marquée payée, ce règlement du 15/04/2025 est "
                                                "compté pour ce qui en restait dû (ligne gardée).")]


def test_montant_paye_illisible_sans_date_ignore():
    r = analyser(f"{ENTETE}\nC1;F1;01/03/2025;300,00;31/03/2025;;trois cents\n")
    assert (r["balance_agee"]["total"], r["lecture"]["rejetees"]) == ("300.00", 0)
    assert remarques(r) == [(2, "Montant payé", "Ligne 2, colonne « Montant payé » : « trois cents » n'est pas un "
                                                "montant : il est ignoré (pas de date de paiement) (ligne gardée).")]


def test_remarques_identiques_quel_que_soit_le_decoupage():
    """Lu en morceaux coupés n'importe où (page web), le fichier donne les mêmes chiffres et
    les mêmes remarques ; une ligne rejetée ne laisse pas de remarque à la suivante."""
    texte = (f"{ENTETE}\nC1;F1;01/03/2025;300,00;30 jours;-;\nC2;F2;pas une date;200,00;30 jours;;\n"
             "TOTAL;;30/06/2025;500,00;;;\nC3;F3;01/03/2025;100,00;01/01/2025;Non payée;\n").encode("cp1252")
    attendu = None
    for taille in (1, 7, 4096):
        analyse = Analyse()
        for debut in range(0, len(texte), taille):
            analyse.ajouter(texte[debut:debut + taille])
        r = analyse.resultat({"au": AU})
        obtenu = (r["balance_agee"]["total"], tranches(r), r["lecture"]["rejetees"], remarques(r))
        assert attendu is None or obtenu == attendu, taille
        attendu = obtenu
    assert attendu[:3] == ("400.00", {"91_plus": (2, "400.00")}, 1)
    assert [(ligne, colonne) for ligne, colonne, _ in attendu[3]] == [(2, "Echéance"), (4, "Client"), (5, "Echéance")]


def test_mot_dans_le_montant_paye_a_cote_d_une_date_n_est_pas_un_solde():
    """« N/A » seul dans « Montant payé » : vide ; à côté d'une date, une cellule vide vaudrait
    « payée en entier » : la marque n'est pas lue comme un vide, la remarque le dit."""
    r = analyser(f"{ENTETE}\nC1;F1;01/03/2025;300,00;31/03/2025;15/04/2025;N/A\n")
    assert (r["balance_agee"]["total"], r["lecture"]["rejetees"]) == ("300.00", 0)
    assert [x[1] for x in remarques(r)] == ["Montant payé"]


def test_reste_a_payer_illisible_ignore():
    """« Néant » dans le reste à payer (plus rien ?) comme « N/A » (inconnu ?) : on ne devine
    pas ; le reste est ignoré, la facture comptée d'après ses règlements, et c'est dit."""
    r = analyser("Client;N° facture;Date;Montant TTC;Echéance;Reste à payer\n"
                 "C1;F1;01/03/2025;300,00;31/03/2025;Néant\nC2;F2;01/03/2025;200,00;31/03/2025;0,00\n")
    assert (r["balance_agee"]["total"], r["balance_agee"]["nombre_tiers"], r["lecture"]["rejetees"]) == ("300.00", 1, 0)
    assert remarques(r) == [(2, "Reste à payer", "Ligne 2, colonne « Reste à payer » : « Néant » n'est pas un "
                                                 "montant : le reste à payer est ignoré, la facture est comptée "
                                                 "d'après ses règlements (ligne gardée).")]


# --- B. Lignes de total ---------------------------------------------------------------------------

@pytest.mark.parametrize("libelle", ["TOTAL", "Total", "Total :", "Total général", "TOTAL GÉNÉRAL :", "Sous-total",
                                     "sous total", "Total client", "Total clients"])
def test_ligne_de_total_datee_ignoree(libelle):
    """c47 : « TOTAL;;30/06/2025;1200,00 » devenait le client « TOTAL » et doublait l'encours."""
    r = analyser("Client;N° facture;Date;Montant TTC;Echéance\nC1;F1;01/01/2025;1000,00;31/01/2025\n"
                 f"C2;F2;01/03/2025;200,00;31/03/2025\n{libelle};;30/06/2025;1200,00;\n")
    assert (r["balance_agee"]["total"], r["balance_agee"]["nombre_tiers"], r["lecture"]["rejetees"]) == (
        "1200.00", 2, 0)
    assert tranches(r) == {"91_plus": (2, "1200.00")}
    assert len(r["penalites"]["factures"]) == 2
    assert remarques(r) == [(4, "Client", f"Ligne 4, colonne « Client » : « {libelle} » : ligne de total, ni "
                                          f"facture ni client : ignorée.")]
    assert cles(r)["lignes_de_total"] == 1


def test_ligne_de_total_sans_date_ignoree_pas_rejetee():
    r = analyser(f"{ENTETE}\nC1;F1;01/01/2025;1000,00;31/01/2025;;\nTotal;;;1000,00;;;\n")
    assert (r["balance_agee"]["total"], r["lecture"]["rejetees"], len(remarques(r))) == ("1000.00", 0, 1)


def test_client_dont_le_nom_commence_par_total_compte():
    r = analyser(f"{ENTETE}\nTotalEnergies;F1;01/01/2025;1000,00;31/01/2025;;\nTotal SA;F2;01/01/2025;10,00;;;\n")
    assert (r["balance_agee"]["total"], r["balance_agee"]["nombre_tiers"], remarques(r)) == ("1010.00", 2, [])


# --- C. Virgule décimale sans guillemets dans un CSV à virgules -----------------------------------

CONSEIL = ("semble coupé par sa virgule décimale", "dans un fichier séparé par des virgules, mettez les montants entre "
           "guillemets ou enregistrez le fichier avec le point-virgule")


def _coupe(r: dict, ligne: int, montant: str) -> None:
    rejet = r["lecture"]["rejets"][0]
    assert (rejet["ligne"], rejet["colonne"]) == (ligne, "Montant TTC")
    assert rejet["message"].startswith(f"Ligne {ligne}, colonne « Montant TTC » : le montant « {montant} » ")
    assert all(x in rejet["message"] for x in CONSEIL)


def test_virgule_decimale_dans_une_colonne_non_lue():
    """c34 : « 1234,56 » et une colonne « Observations » non lue : lu 1 234 € sans rien dire. Rien ne
    distingue cette ligne d'un montant entier suivi d'une colonne de chiffres que l'analyse ne lit
    pas (« Taux TVA » : 20) : elle est gardée, et une remarque le dit."""
    r = analyser('Client,N° facture,Date,Montant TTC,Observations\nC1,F1,01/01/2025,1234,56\n'
                 'C2,F2,01/01/2025,"99,90",relancé\n')
    assert (r["balance_agee"]["total"], r["lecture"]["rejetees"], r["balance_agee"]["nombre_tiers"]) == (
        "1333.90", 0, 2)
    (remarque,) = r["lecture"]["remarques"]
    assert remarque["ligne"] == 2 and remarque["colonne"] == "Montant TTC" and remarque["message"].startswith(
        "Ligne 2, colonne « Montant TTC » : « 1234 » suivi de « 56 » dans la colonne « Observations » : lu 1234 € ;"
        " si c'est 1234,56 €, mettez les montants entre guillemets")
    assert cles(r).get("montants_douteux") == 1
    r = analyser("Client,N° facture,Date,Montant TTC,Taux TVA\nC1,F1,01/01/2025,1200,20\n")
    assert (r["balance_agee"]["total"], r["lecture"]["rejetees"]) == ("1200.00", 0)


def test_virgule_decimale_et_separateur_final():
    """c31 : une colonne de trop, vide (séparateur final) : lu 1 234 € sans rien dire."""
    r = analyser('Client,N° facture,Date,Montant TTC,Commentaire,Date paiement\nC1,F1,01/01/2025,1234,56,,\n'
                 'C2,F2,01/01/2025,"99,90",,\n')
    assert (r["balance_agee"]["total"], r["lecture"]["rejetees"]) == ("99.90", 1)
    _coupe(r, 2, "1234,56")


def test_virgule_decimale_nomme_le_montant_pas_l_echeance():
    """c18 : la ligne était rejetée pour l'échéance « 00 »."""
    r = analyser('Client,N° facture,Date,Montant TTC,Echéance,Date paiement,Montant payé\n'
                 'C1,F1,01/01/2025,"1000,00",31/01/2025,,\nC1,F2,01/01/2025,1000.00,31/01/2025,,\n'
                 'C1,F3,01/01/2025,1000,00,31/01/2025,,\n')
    assert (r["balance_agee"]["total"], r["lecture"]["rejetees"]) == ("2000.00", 1)
    assert tranches(r) == {"91_plus": (2, "2000.00")}
    _coupe(r, 4, "1000,00")


def test_virgule_decimale_colonnes_en_trop_et_montants_entiers_lus():
    r = analyser('Client,Facture,Date,Montant TTC\nC1,F1,15/01/2025,1200,5\nC2,F2,15/01/2025,300\n'
                 'C3,F3,15/01/2025,1.234,56\n')
    assert (r["balance_agee"]["total"], r["lecture"]["rejetees"]) == ("300.00", 2)
    _coupe(r, 2, "1200,5")
    assert "(5 colonnes au lieu de 4)" in r["lecture"]["rejets"][0]["message"]
    # Un point-virgule pour séparateur : « 1234,56 » est un montant.
    r = analyser("Client;N° facture;Date;Montant TTC;Observations\nC1;F1;01/01/2025;1234,56;12\n")
    assert (r["balance_agee"]["total"], r["lecture"]["rejetees"]) == ("1234.56", 0)


# --- D. Dates invraisemblables, factures au même numéro -------------------------------------------

def test_echeance_avant_la_facture_ignoree():
    """c12 : échéance au 01/01, facture du 01/03 : les pénalités couraient avant la facture."""
    r = analyser(f"{ENTETE}\nC1;F1;01/03/2025;1000,00;01/01/2025;;\n")
    f1 = factures(r)["F1"]
    assert (r["balance_agee"]["total"], f1["echeance"], f1["jours"]) == ("1000.00", "2025-03-31", 91)
    assert tranches(r) == {"91_plus": (1, "1000.00")}
    assert remarques(r) == [(2, "Echéance", "Ligne 2, colonne « Echéance » : « 01/01/2025 » précède la date de la "
                                            "facture (01/03/2025) : l'échéance est calculée avec le délai retenu "
                                            "(ligne gardée).")]


def test_paiement_avant_la_facture_garde_et_signale():
    """c13 : un paiement antérieur à la facture peut être un acompte : compté, mais signalé."""
    r = analyser(f"{ENTETE}\nC1;F1;01/03/2025;1000,00;31/03/2025;01/01/2025;1000,00\n"
                 "C2;F2;01/03/2025;500,00;31/03/2025;;\n")
    assert (r["balance_agee"]["total"], r["balance_agee"]["nombre_tiers"], r["lecture"]["rejetees"]) == (
        "500.00", 1, 0)
    assert remarques(r) == [(2, "Date paiement", "Ligne 2, colonne « Date paiement » : « 01/01/2025 » précède la "
                                                 "date de la facture (01/03/2025) : le règlement est compté (un "
                                                 "acompte ?) ; vérifiez la date (ligne gardée).")]
    assert cles(r)["paiements_avant_facture"] == 1


def test_meme_numero_autre_montant_signale():
    """c41 : C2/F2 à 600 € puis à 120 € : deux factures, deux indemnités ; ce n'est plus muet."""
    texte = (f"{ENTETE}\n"
             "C1;F1;01/01/2025;1000,00;31/01/2025;;\nC1;F1;01/01/2025;1000,00;31/01/2025;;\n"
             "C2;F2;01/01/2025;600,00;31/01/2025;;\nC2;F2;01/01/2025;120,00;31/01/2025;;\n"
             "C3;F3;01/01/2025;500,00;31/01/2025;15/02/2025;200,00\n"
             "C3;F3;01/01/2025;500,00;31/01/2025;15/03/2025;300,00\n"
             "C4;F4;01/01/2025;500,00;31/01/2025;15/02/2025;200,00\n"
             "C4;F4;01/01/2025;500,00;31/01/2025;15/02/2025;200,00\n"
             "C5;F5;01/01/2025;500,00;31/01/2025;;\nC5;F5;02/01/2025;500,00;31/01/2025;;\n")
    r = analyser(texte)
    assert r["balance_agee"]["total"] == "3020.00"  # 1 000 + 600 + 120 + 300 (F4) + 2 × 500 (F5)
    assert len(r["penalites"]["factures"]) == 7
    double = "même client, numéro, date et montant que la ligne {}, sans règlement nouveau : ligne en double, ignorée."
    assert remarques(r) == [
        (3, "", "Ligne 3 : " + double.format(2)),
        (5, "N° facture", "Ligne 5, colonne « N° facture » : la facture « F2 » du client « C2 » est déjà ligne 4 "
                          "avec un autre montant (600,00\u00a0€) : les deux lignes sont comptées comme deux factures ; "
                          "vérifiez l'export (ligne gardée)."),
        (9, "", "Ligne 9 : " + double.format(8)),
        (11, "N° facture", "Ligne 11, colonne « N° facture » : la facture « F5 » du client « C5 » est déjà ligne 10 "
                           "à une autre date (01/01/2025) : les deux lignes sont comptées comme deux factures ; "
                           "vérifiez l'export (ligne gardée).")]
    assert cles(r)["factures_meme_numero"] == 2
    assert any(a.startswith("2 lignes en double") for a in r["avertissements"])
    assert any("2 factures" in h["texte"] and "même numéro" in h["texte"] for h in r["hypotheses"])


# --- E. Messages ----------------------------------------------------------------------------------

def test_nombre_de_colonnes_accorde():
    r = analyser(f"{ENTETE}\nC1\nC2;F2;01/03/2025;200,00;31/03/2025;;\n")
    assert (r["balance_agee"]["total"], r["lecture"]["rejetees"]) == ("200.00", 1)
    assert r["lecture"]["rejets"][0]["message"] == ("Ligne 2, colonne « Date » : 1 colonne au lieu de 7 (aucun "
                                                    "point-virgule) : la ligne s'arrête avant « Date », colonne "
                                                    "obligatoire : ligne écartée.")


# --- F. Lignes plus courtes que l'en-tête (Excel, KB 77295) ---------------------------------------

def _comme_excel(lignes: list) -> bytes:
    """Un CSV tel qu'Excel l'enregistre : après la 16e ligne, les séparateurs des dernières
    cellules vides ne sont pas écrits (Microsoft, KB 77295) ; cp1252, fins de ligne CRLF."""
    sortie = [ENTETE]
    for rang, cellules in enumerate(lignes, start=1):
        while rang > 16 and cellules and not cellules[-1]:
            cellules = cellules[:-1]
        sortie.append(";".join(cellules))
    return ("\r\n".join(sortie) + "\r\n").encode("cp1252")


def _lire(contenu: bytes) -> dict:
    analyse = Analyse()
    assert analyse.ajouter(contenu)["ok"]
    return analyse.resultat({"au": AU})


def test_excel_sans_separateurs_des_cellules_vides_apres_la_ligne_16():
    """Audit, csv_excel16 : 20 factures, échéance et paiement vides ; les 4 dernières, écrites
    « C17;F17;15/02/2025;1700,00 » sans « ;;; », étaient rejetées (« 4 colonnes au lieu de 7 ») :
    7 400 € de moins dans l'encours. Facture i : i × 100 €, datée du 15 du mois (i − 1) % 5 + 1,
    échue 30 jours après (délai supplétif) : au 30/06/2025, 136 et 105 jours de retard (janvier,
    février), 77 (mars), 46 (avril), 16 (mai)."""
    lignes = [[f"C{i}", f"F{i}", f"15/{(i - 1) % 5 + 1:02d}/2025", f"{i * 100},00", "", "", ""] for i in range(1, 21)]
    contenu = _comme_excel(lignes)
    assert contenu.split(b"\r\n")[16:18] == [b"C16;F16;15/01/2025;1600,00;;;", b"C17;F17;15/02/2025;1700,00"]
    r = _lire(contenu)
    assert (r["lecture"]["lignes"], r["lecture"]["rejetees"], remarques(r)) == (20, 0, [])
    assert (r["balance_agee"]["total"], r["balance_agee"]["nombre_tiers"]) == ("21000.00", 20)
    assert r["chiffres"]["ca_ttc"] == "21000.00"
    assert tranches(r) == {"1_30": (4, "5000.00"), "31_60": (4, "4600.00"), "61_90": (4, "4200.00"),
                           "91_plus": (8, "7200.00")}
    assert {f: factures(r)[f]["jours"] for f in ("F17", "F18", "F19", "F20")} == {
        "F17": 105, "F18": 77, "F19": 46, "F20": 16}
    assert cles(r)["lignes_courtes_tableur"] == 4
    assert cles(r)["echeances_calculees"] == 20
    (texte,) = [h["texte"] for h in r["hypotheses"] if h["cle"] == "lignes_courtes_tableur"]
    assert texte.startswith("4 lignes plus courtes que l'en-tête") and texte.endswith("cellules finales lues vides.")
    assert not any("colonne" in a for a in r["avertissements"])  # pas de bruit : ni rejet ni remarque


def test_ligne_courte_avec_son_paiement_ou_sans_montant_paye():
    """Les cellules présentes d'une ligne courte sont lues : « payée le » sans montant (la
    cellule du montant manque) règle tout le reste dû ; une échéance seule est retenue."""
    r = analyser(f"{ENTETE}\nC1;F1;01/03/2025;300,00;31/03/2025;15/04/2025\nC2;F2;01/03/2025;200,00;15/04/2025\n"
                 "C3;F3;01/06/2025;100,00\n")
    assert (r["lecture"]["rejetees"], remarques(r), cles(r)["lignes_courtes_tableur"]) == (0, [], 3)
    assert (r["balance_agee"]["total"], tranches(r)) == ("300.00", {"non_echu": (1, "100.00"), "61_90": (1, "200.00")})
    assert (factures(r)["F1"]["fin"], factures(r)["F2"]["echeance"]) == ("2025-04-15", "2025-04-15")


def test_ligne_courte_sans_colonne_obligatoire_rejetee_avec_sa_colonne():
    """Une ligne qui s'arrête avant le montant (ou la date) n'est pas celle d'Excel : rejetée,
    ligne et colonne nommées, même après la 16e ligne ; les autres lignes courtes sont lues."""
    lignes = [[f"C{i}", f"F{i}", "15/05/2025", "100,00", "", "", ""] for i in range(1, 19)]
    lignes.append(["C19", "F19", "15/05/2025", "", "", "", ""])
    lignes.append(["C20", "F20", "", "", "", "", ""])
    r = _lire(_comme_excel(lignes))
    assert (r["balance_agee"]["total"], r["lecture"]["lignes"], r["lecture"]["rejetees"]) == ("1800.00", 18, 2)
    assert [(x["ligne"], x["colonne"], x["message"]) for x in r["lecture"]["rejets"]] == [
        (20, "Montant TTC", "Ligne 20, colonne « Montant TTC » : 3 colonnes au lieu de 7 : la ligne s'arrête avant "
                            "« Montant TTC », colonne obligatoire : ligne écartée."),
        (21, "Date", "Ligne 21, colonne « Date » : 2 colonnes au lieu de 7 : la ligne s'arrête avant « Date », "
                     "colonne obligatoire : ligne écartée.")]
    assert cles(r)["lignes_courtes_tableur"] == 2  # F17 et F18 ; les lignes rejetées ne comptent pas
    # Obligatoire en dernière colonne : une cellule finale manquante suffit à écarter la ligne.
    r = analyser("Client;N° facture;Date;Echéance;Montant TTC\nC1;F1;01/03/2025;31/03/2025\nC2;F2;01/03/2025;;50\n")
    assert (r["balance_agee"]["total"], r["lecture"]["rejetees"]) == ("50.00", 1)
    assert r["lecture"]["rejets"][0]["message"] == ("Ligne 2, colonne « Montant TTC » : 4 colonnes au lieu de 5 : la "
                                                    "ligne s'arrête avant « Montant TTC », colonne obligatoire : "
                                                    "ligne écartée.")


def test_ligne_courte_a_virgules_et_montant_coupe_toujours_ecartee():
    """Couper « 1234,56 » ajoute une cellule : une ligne courte où un montant semble coupé vient
    d'un fichier mal séparé, pas d'Excel ; elle reste écartée, même quand les décimales tombent
    dans une colonne non lue (où une ligne complète serait gardée avec une remarque)."""
    entete = "Client,N° facture,Date,Montant TTC,Observations,Date paiement,Montant payé"
    r = analyser(f"{entete}\nC1,F1,01/01/2025,1234,56\nC2,F2,01/01/2025,1000.00\nC3,F3,01/01/2025,500,20,,\n")
    assert (r["balance_agee"]["total"], r["lecture"]["rejetees"]) == ("1500.00", 1)
    _coupe(r, 2, "1234,56")
    assert "(5 colonnes au lieu de 7)" in r["lecture"]["rejets"][0]["message"]
    assert [x["ligne"] for x in r["lecture"]["remarques"]] == [4]  # « 500 » suivi de « 20 » : gardée, et dit
    assert (cles(r)["lignes_courtes_tableur"], cles(r)["montants_douteux"]) == (1, 1)
    # Décimales dans une colonne de date : écartée, courte ou non.
    r = analyser("Client,N° facture,Date,Montant TTC,Echéance,Date paiement,Montant payé\nC1,F1,01/01/2025,1000,00\n"
                 "C2,F2,01/01/2025,250.00\n")
    assert (r["balance_agee"]["total"], r["lecture"]["rejetees"]) == ("250.00", 1)
    _coupe(r, 2, "1000,00")


def test_separateur_inconnu_dit_ceux_qui_sont_acceptes():
    """Audit, csv_pipe : un tableau séparé par « | » était refusé sans parler du séparateur."""
    texte = ("Client|N° facture|Date|Montant TTC|Échéance\nAlpha|F1|15/01/2025|1 200,00|14/02/2025\n")
    r = executer({"fichier": texte, "au": AU})
    assert not r["ok"]
    message = r["erreurs"][0]["message"]
    assert "séparées par « ; », « , » ou une tabulation (« | » n'en est pas un)." in message
    r = executer({"fichier": "Client Date Montant\nC1 15/01/2025 100,00\n", "au": AU})
    assert "(client, date, montant TTC…), séparées par « ; », « , » ou une tabulation. Colonnes lues : « Client " \
           "Date Montant »." in r["erreurs"][0]["message"]
    r = executer({"fichier": "a;b;c;d\n1;2;3;4\n", "au": AU})  # séparateur reconnu : pas en cause, pas cité
    assert "(client, date, montant TTC…). Colonnes lues : « a », « b », « c », « d »." in r["erreurs"][0]["message"]


def test_sans_code_client_une_seule_colonne_client():
    """Un tableau de factures sans code client : son compte est son nom ; les tableaux affichés n'ont
    qu'une colonne « Client » (« Compte » et « Nom » répétaient la même valeur), liens et pieds alignés.
    Avec un code client (fichier de cas), les deux colonnes restent."""
    r = analyser("Client;N° facture;Date;Montant TTC;Echéance\nAlpha SARL;F1;01/01/2025;100,00;31/01/2025\n"
                 "Beta SA;F2;01/02/2025;250,00;03/03/2025\n")
    for t in r["affichage"]["tableaux"]:
        assert "Compte" not in t["colonnes"] and "Nom" not in t["colonnes"], t["titre"]
        assert all(len(ligne) == len(t["colonnes"]) for ligne in t["lignes"] + [t.get("pied", t["colonnes"])]), t["titre"]
    relances = next(t for t in r["affichage"]["tableaux"] if t["titre"].startswith("Qui relancer"))
    assert relances["colonnes"][:3] == ["Rang", "Client", "Échu"]
    assert relances["a_l_ecran"] == [len(relances["colonnes"]) - 1] and relances["numeriques"] == [2, 3, 4, 5]
    assert sorted(ligne[1] for ligne in relances["lignes"]) == ["Alpha SARL", "Beta SA"]
    # Le pied des pénalités par facture donne les totaux des chiffres clés (deux factures en retard : 80 €).
    par_facture = next(t for t in r["affichage"]["tableaux"] if t["titre"].startswith("Pénalités par facture"))
    cles_resume = {x["cle"]: x["valeur"] for x in r["affichage"]["resume"]}
    assert par_facture["pied"][6:8] == [cles_resume["penalites"], cles_resume["indemnites"]]
    assert par_facture["pied"][7] == "80,00\u00a0€"
    avec_codes = executer({"fichier": (Path(__file__).parent.parent / "cas" / "portefeuille" / "factures.csv")
                           .read_text(encoding="cp1252"), "au": AU})
    relances = next(t for t in avec_codes["affichage"]["tableaux"] if t["titre"].startswith("Qui relancer"))
    assert relances["colonnes"][1:3] == ["Compte", "Client"]


def test_colonnes_lues_dites_avec_le_resultat():
    """Une colonne reconnue par son nom peut porter autre chose (« Règlement » : une date ? un mode ?) :
    le résultat dit quelle colonne a été lue pour quoi, chacune une fois, dans l'ordre du fichier, et
    la correspondance choisie par l'utilisateur y figure sous le nom qu'il a donné."""
    r = analyser("Raison sociale;Réf. pièce;Date;Montant TTC;Echéance;Règlement\n"
                 "Dupont SA;F001;05/01/2025;1 200,00;04/02/2025;\n")
    texte = next(h["texte"] for h in r["hypotheses"] if h["cle"] == "colonnes")
    assert texte.startswith("Colonnes du tableau lues : « Raison sociale » pour le client, « Réf. pièce » pour le "
                            "numéro de facture, « Date » pour la date de facture, « Montant TTC » pour le montant "
                            "TTC, « Echéance » pour l'échéance, « Règlement » pour la date de paiement.")
    choisie = executer({"fichier": "Société;Pièce;Le;Total\nDupont SA;F1;05/01/2025;100,00\n", "au": AU,
                        "colonnes": [{"champ": "client", "nom": "Société"}, {"champ": "date", "nom": "Le"},
                                     {"champ": "montant", "nom": "Total"}]})
    assert choisie["ok"], choisie
    texte = next(h["texte"] for h in choisie["hypotheses"] if h["cle"] == "colonnes")
    assert "« Société » pour le client, « Pièce » pour le numéro de facture, « Le » pour la date de facture, « Total » " \
           "pour le montant TTC." in texte
    fec = executer({"fichier": (Path(__file__).parent.parent / "cas" / "portefeuille" / "fec-debit-credit.txt")
                    .read_text(encoding="utf-8"), "au": AU})
    assert fec["ok"] and "colonnes" not in {h["cle"] for h in fec["hypotheses"]}  # le FEC a ses colonnes fixées
    # Les colonnes qu'aucun champ ne lit sont nommées aussi : une échéance sous un nom inconnu n'est pas perdue sans bruit.
    ignorees = analyser("Client;N° facture;Date;Montant TTC;Désignation;Payable au\nA;F1;15/01/2025;100;Prestation;15/02/2025\n")
    texte = next(h["texte"] for h in ignorees["hypotheses"] if h["cle"] == "colonnes")
    assert "« Montant TTC » pour le montant TTC ; non lues : « Désignation », « Payable au »." in texte


def test_credit_non_affecte_dit_dans_la_phrase_et_l_echu():
    """Un avoir non imputé d'un autre client ramène l'encours à 200 € : « 200 € dont 1 000 € échus »
    se contredisait. La phrase dit ce qui est dû, l'échu, puis le crédit ; la part échue dit sa base."""
    r = analyser("Client;N° facture;Date facture;Montant TTC\nAlpha;F1;01/10/2024;1 000,00\nBeta;AV1;01/12/2024;-800,00\n")
    assert r["affichage"]["phrase"].startswith(
        "Au 30 juin 2025, 2 comptes clients doivent 1\u202f000,00\u00a0€, dont 1\u202f000,00\u00a0€ échus\u00a0; "
        "800,00\u00a0€ de crédits non affectés ramènent l'encours à 200,00\u00a0€. DSO")
    resume = {x["cle"]: x["valeur"] for x in r["affichage"]["resume"]}
    assert resume["echu"] == "1\u202f000,00\u00a0€ (100,00\u00a0% des 1\u202f000,00\u00a0€ dus, hors crédits)"
    assert resume["encours"] == "200,00\u00a0€"
    sans_credit = analyser("Client;N° facture;Date facture;Montant TTC\nAlpha;F1;01/10/2024;1 000,00\n")
    assert ", 1 compte client totalise 1\u202f000,00\u00a0€, dont 1\u202f000,00\u00a0€ échus. DSO" in sans_credit["affichage"]["phrase"]


def test_montant_paye_sans_date_ignore_facture_due():
    """Un montant payé sans date de paiement : la ligne était rejetée, et la facture de 900 € sortait de
    l'encours. Elle reste due (le parti pris de `reglements_tableur`), et la remarque le dit."""
    r = analyser(f"{ENTETE}\nMartin;F8;01/11/2024;900,00;01/12/2024;;900,00\n")
    assert tranches(r) == {"91_plus": (1, "900.00")} and r["lecture"]["rejetees"] == 0
    assert remarques(r) == [(2, "Montant payé", "Ligne 2, colonne « Montant payé » : un montant payé (« 900,00 ») "
                                                "sans date de paiement : il est ignoré, la facture en reste due ; "
                                                "ajoutez la date du paiement (ligne gardée).")]
    assert cles(r)["valeurs_ignorees"] == 1


def test_sous_totaux_d_excel_par_client_ignores():
    """Données > Sous-total d'Excel : « Total Dupont SA », sans date ni numéro. Ces lignes étaient rejetées
    (« la date de facture est vide ») et l'avertissement disait les chiffres incomplets, à tort. « Total SA »,
    client d'une vraie facture (date, numéro), reste un client."""
    r = analyser("Client;N° facture;Date facture;Montant TTC\nDupont SA;F1;15/01/2025;1 200,00\n"
                 "Dupont SA;F2;20/01/2025;800,00\nTotal Dupont SA;;;2 000,00\nTotal SA;F3;01/12/2024;500,00\n"
                 "Total Total SA;;;500,00\nTotal général;;;2 500,00\n")
    assert r["lecture"]["rejetees"] == 0 and cles(r)["lignes_de_total"] == 3
    assert r["balance_agee"]["total"] == "2500.00"
    assert sorted(c["nom"] for c in r["balance_agee"]["clients"]) == ["Dupont SA", "Total SA"]
    assert not any("incomplets" in a for a in r["avertissements"])
