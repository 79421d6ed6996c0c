"""Poste clients : des fichiers tels que de vrais logiciels ou de vrais tableurs les écrivent, et
les pièges qui donnaient un total faux sans rien dire.

Chaque cas est fait à la main (taux BCE + 10 points : S1 2025 13,15 %, S2 2025 12,15 % ; délai
supplétif de 30 jours quand le fichier ne donne pas d'échéance) ou compare au petit grand livre
de tests/cas/portefeuille/ (13 900,00 € d'encours, 440,48 € de pénalités au 31/12/2025 ; voir
test_portefeuille_calcul.py).
"""

from __future__ import annotations

import re
from pathlib import Path
from decimal import Decimal

from calculators.commun import format_fr as fr
from calculators.portefeuille import Analyse, executer
from calculators.portefeuille.lecture_csv import reconnaitre_colonnes

CAS = Path(__file__).parent.parent / "cas" / "portefeuille"
FEC = (CAS / "fec-debit-credit.txt").read_text(encoding="utf-8-sig")


def _cles(r: dict) -> dict:
    return {h["cle"]: h["nombre"] for h in r["hypotheses"]}


def test_une_ligne_par_reglement_compte_la_facture_une_fois():
    """Une ligne par règlement, la facture répétée sur chacune (client, numéro, date, montant) :
    F001 (1 200 €, échue le 09/02/2025) payée 500 € le 01/02 puis 700 € le 01/03. Additionner
    les lignes en faisait 2 400 € de factures et 1 200 € dus ; la facture est due 0 €.
    Pénalités : 700 × 13,15 % × 20 / 365 = 5,0438… → 5,04 € (du 09/02 au 01/03, 20 jours)."""
    texte = ("Client;N° facture;Date facture;Montant TTC;Date règlement;Montant réglé\n"
             "Dupont SARL;F001;10/01/2025;1200,00;01/02/2025;500,00\n"
             "Dupont SARL;F001;10/01/2025;1200,00;01/03/2025;700,00\n"
             "Martin SA;F002;15/02/2025;600,00;;\n")
    r = executer({"fichier": texte, "au": "30/06/2025"})
    assert r["balance_agee"]["total"] == "600.00"
    assert {c["nom"]: c["total"] for c in r["balance_agee"]["clients"]} == {"Martin SA": "600.00"}
    f001 = next(f for f in r["penalites"]["factures"] if f["facture"] == "F001")
    assert (f001["jours"], f001["penalites"], f001["soldee"]) == (20, "5.04", True)
    assert _cles(r)["factures_repetees"] == 1
    assert r["lecture"]["rejetees"] == 0


def test_ligne_en_double_ignoree_et_signalee():
    """La même ligne deux fois (copier-coller, export relancé) : la facture n'est comptée qu'une
    fois, avec un seul règlement, et l'avertissement le dit. Sans cela : 2 400 € dus."""
    ligne = "Dupont SARL;F001;10/01/2025;1200,00;01/03/2025;700,00\n"
    texte = "Client;N° facture;Date facture;Montant TTC;Date règlement;Montant réglé\n" + ligne * 2
    r = executer({"fichier": texte, "au": "30/06/2025"})
    assert r["balance_agee"]["total"] == "500.00"
    assert any(a.startswith("1 ligne en double (même client, numéro, date et montant, sans règlement nouveau) : ignorée,") for a in r["avertissements"])
    assert "factures_repetees" not in _cles(r)


def test_meme_numero_autre_montant_reste_deux_factures():
    """Même numéro, montants différents (lignes de détail d'une facture, numéros réutilisés) :
    rien n'est fusionné, comme avant."""
    texte = ("Client;N° facture;Date facture;Montant TTC\n"
             "Dupont SARL;F001;10/01/2025;1200,00\n"
             "Dupont SARL;F001;10/01/2025;300,00\n")
    r = executer({"fichier": texte, "au": "30/06/2025"})
    assert r["balance_agee"]["total"] == "1500.00"


def test_montant_ttc_prefere_au_montant_generique():
    """« Montant ; TVA ; Montant TTC » : « Montant » est ici le HT. La colonne au nom le plus précis
    l'emporte, quel que soit l'ordre : 1 200 + 600 = 1 800 € dus, pas 1 500 €."""
    assert reconnaitre_colonnes(["Client", "Date", "Montant", "TVA", "Montant TTC"])["montant"] == 4
    assert reconnaitre_colonnes(["Montant TTC", "Client", "Date", "Montant"])["montant"] == 0
    texte = ("Client;N° facture;Date;Montant;TVA;Montant TTC\n"
             "Dupont SARL;F001;10/01/2025;1000,00;200,00;1200,00\n"
             "Martin SA;F002;15/02/2025;500,00;100,00;600,00\n")
    assert executer({"fichier": texte, "au": "30/06/2025"})["balance_agee"]["total"] == "1800.00"


def test_noms_de_colonnes_des_logiciels_de_facturation():
    colonnes = reconnaitre_colonnes(["Client", "Numéro", "Date de facturation", "Total", "Montant dû"])
    assert (colonnes["date"], colonnes["montant"], colonnes["reste"]) == (2, 3, 4)
    colonnes = reconnaitre_colonnes(["Client", "Date facturation", "Montant TTC", "Solde ouvert"])
    assert (colonnes["date"], colonnes["reste"]) == (1, 3)
    # « Date limite de règlement » (l'échéance : c'était ignoré, et le délai par défaut la remplaçait), « Émis le ».
    colonnes = reconnaitre_colonnes(["Client", "Facture", "Émis le", "Total TTC", "Date limite de règlement"])
    assert (colonnes["date"], colonnes["echeance"]) == (2, 4)
    assert reconnaitre_colonnes(["Client", "Date", "Montant TTC", "Date limite règlement"])["echeance"] == 3


def test_colonne_d_echeance_non_lue_avertie():
    # « Date limite règl. » (abrégé, non reconnu) et « Conditions de paiement » : sans avertissement, chaque
    # échéance était calculée avec le délai par défaut, et les retards faux sans que rien ne le montre.
    # « Limite de crédit » ne ressemble pas à une échéance ; une fois l'échéance lue, plus d'avertissement.
    texte = ("Client;N° facture;Date;Montant TTC;Date limite règl.;Conditions de paiement;Limite de crédit\n"
             "A;F1;15/01/2025;100,00;15/03/2025;60 jours;5000\n")
    r = executer({"fichier": texte, "au": "30/06/2025"})
    averti = [a for a in r["avertissements"] if a.startswith("Aucune colonne lue pour l'échéance")]
    assert averti == ["Aucune colonne lue pour l'échéance : chacune est calculée avec le délai retenu, 30 jours après "
                      "la date de facture (délai supplétif). Non lues : « Date limite règl. », « Conditions de "
                      "paiement ». Si l'une porte l'échéance, indiquez-la (« Correspondance des colonnes » dans les "
                      "réglages, --colonne en ligne de commande) ; des conditions de paiement propres à certains "
                      "clients se saisissent dans « Délais propres à certains clients » (--delai-client)."]
    r = executer({"fichier": texte, "au": "30/06/2025", "colonnes": {"echeance": "Date limite règl."}})
    assert not [a for a in r["avertissements"] if a.startswith("Aucune colonne lue pour l'échéance")]
    assert r["factures_ouvertes"][0]["echeance"] == "2025-03-15"


def test_montant_a_trois_decimales_refuse_plutot_que_devine():
    """« 12,500 » : 12 500 € (virgule de milliers d'un tableur anglais) ou 12,5 € ? Le lire
    12,5 € faisait un encours mille fois trop petit. La ligne est refusée, ligne et colonne
    nommées ; le reste du fichier est analysé ; « 1,234.56 » reste lu 1 234,56 €."""
    texte = ('Customer,Invoice,Date,Total\n'
             'Dupont SARL,F001,2025-01-10,"1,234.56"\n'
             'Martin SA,F002,2025-02-15,"12,500"\n'
             'Durand,F003,2025-04-01,1.500\n')
    r = executer({"fichier": texte, "au": "30/06/2025"})
    assert r["balance_agee"]["total"] == "1234.56"
    assert r["lecture"]["rejetees"] == 2
    assert r["lecture"]["rejets"][0]["message"] == (
        "Ligne 3, colonne « Total » : « 12,500 » : trois chiffres après le séparateur, séparateur de milliers ou "
        "décimales en trop ? Écrivez le montant sans séparateur de milliers, avec deux décimales au plus "
        "(exemple : 12500,00).")


def test_fec_aux_dates_suivies_d_une_heure():
    """« 20250115 00:00:00 » (dates avec heure, écrites par certains logiciels) : mêmes chiffres."""
    avec_heure = re.sub(r"\t(20\d{6})\t", lambda m: f"\t{m.group(1)} 00:00:00\t", FEC)
    assert avec_heure != FEC
    r = executer({"fichier": avec_heure, "au": "31/12/2025"})
    assert (r["balance_agee"]["total"], r["penalites"]["total_penalites"], r["lecture"]["rejetees"]) == (
        "13900.00", "440.48", 0)


def test_fec_trie_par_compte_rassemble_et_averti():
    """Lignes d'une même écriture dispersées (FEC trié par compte) : rassemblées par JournalCode et
    EcritureNum, elles donnent les chiffres du FEC dans l'ordre (13 900 € dus, 10 300 € au D441-6 I,
    680,48 € de pénalités et indemnités ; lues écriture par morceau : 900 € et 159,43 €) ; c'est dit."""
    entete, *lignes = FEC.splitlines()
    triees = sorted(lignes, key=lambda ligne: ligne.split("\t")[4])
    r = executer({"fichier": "\n".join([entete, *triees]), "au": "31/12/2025"})
    assert any("dont les lignes ne se suivent pas" in a for a in r["avertissements"])
    dans_l_ordre = executer({"fichier": FEC, "au": "31/12/2025"})
    assert not any("ne se suivent pas" in a for a in dans_l_ordre["avertissements"])
    for cle in ("balance_agee", "d441_6", "dso", "relances"):
        assert r[cle] == dans_l_ordre[cle], cle
    assert r["penalites"]["par_client"] == dans_l_ordre["penalites"]["par_client"]
    assert (r["balance_agee"]["total"], r["d441_6"]["clients"]["I"]["total"]["montant"], r["penalites"]["total"]) == (
        "13900.00", "10300.00", "680.48")


def test_date_d_analyse_par_defaut_dans_le_futur_avertie():
    """Une date d'écriture mal saisie (2205) devient la date d'analyse par défaut : dit."""
    faux = FEC.replace("\t20251201\t", "\t22051201\t", 1)
    r = executer({"fichier": faux, "aujourdhui": "2026-01-15"})
    assert r["au"] == "2205-12-01"
    assert any("postérieure à aujourd'hui" in a for a in r["avertissements"])
    r = executer({"fichier": FEC, "aujourdhui": "2026-01-15"})
    assert not any("postérieure à aujourd'hui" in a for a in r["avertissements"])


def test_creances_virees_en_416_suivies_avec_leur_client():
    """F2025-020 (6 000 €, C003) virée en clients douteux le 01/12/2025 (416 au débit, 411 au
    crédit) : ce virement n'est pas un règlement. La facture reste due (balance, D441-6 I), et
    c'est dit dans les hypothèses (voir aussi test_portefeuille_douteux)."""
    virement = ("OD\tOpérations diverses\t99\t20251201\t416000\tClients douteux\tC003\tGamma SAS\tOD99\t20251201"
                "\tVirement en douteux\t 000000000006000,00\t 000000000000000,00\t\t\t20251201\t\t\n"
                "OD\tOpérations diverses\t99\t20251201\t411000\tClients\tC003\tGamma SAS\tOD99\t20251201"
                "\tVirement en douteux\t 000000000000000,00\t 000000000006000,00\t\t\t20251201\t\t\n")
    avant = executer({"fichier": FEC, "au": "31/12/2025"})
    r = executer({"fichier": FEC.rstrip("\r\n") + "\r\n" + virement, "au": "31/12/2025"})
    for cle in ("balance_agee", "d441_6", "penalites"):
        assert r[cle] == avant[cle]
    assert next(h for h in r["hypotheses"] if h["cle"] == "virements_douteux")["nombre"] == 1
    assert not any("416" in a for a in r["avertissements"])


def test_cellules_sur_plusieurs_lignes_du_tableur():
    """Excel exporte une cellule saisie avec Alt+Entrée entre guillemets, retour à la ligne
    compris : la ligne du tableur continue sur la ligne suivante du fichier. Lue ligne à ligne,
    elle était rejetée (« 6 colonnes au lieu de 8 ») et F001, F002 perdues : 2 000 € dus (F002
    600 €, F003 2 400 − 1 000), dans des morceaux coupés n'importe où."""
    texte = ("Client;Nom;N° facture;Date facture;Montant TTC;Commentaire;Date règlement;Montant réglé\n"
             'C001;Dupont SARL;F001;10/01/2025;1200,00;"Relancé le 15/02\nPromesse de paiement";01/03/2025;1200,00\n'
             'C002;"Martin SA\nService comptabilité";F002;15/02/2025;600,00;;;\n'
             "C003;Durand;F003;01/04/2025;2400,00;;15/05/2025;1000,00\n").encode("cp1252")
    for taille in (7, 1000):
        analyse = Analyse({})
        for debut in range(0, len(texte), taille):
            assert analyse.ajouter(texte[debut:debut + taille])["ok"]
        r = analyse.resultat({"au": "30/06/2025"})
        assert (r["balance_agee"]["total"], r["lecture"]["lignes"], r["lecture"]["rejetees"]) == ("2000.00", 3, 0)
        assert {c["nom"] for c in r["balance_agee"]["clients"]} == {"Martin SA Service comptabilité", "Durand"}


def test_guillemet_isole_n_avale_pas_la_suite():
    """Un guillemet jamais fermé : sa ligne est écartée (nommée), les suivantes sont lues."""
    texte = ('Client;N° facture;Date;Montant TTC\nA;"F1;01/01/2025;100\n' +
             "".join(f"B;F{i};01/01/2025;10\n" for i in range(2, 40)))
    r = executer({"fichier": texte, "au": "30/06/2025"})
    assert (r["balance_agee"]["total"], r["lecture"]["rejetees"]) == ("380.00", 1)
    assert r["lecture"]["rejets"][0]["message"] == "Ligne 2 : guillemet ouvert jamais fermé : ligne écartée."
    r = executer({"fichier": texte.splitlines()[0] + '\nA;"F1;01/01/2025;100\nB;F2;01/01/2025;10\n', "au": "30/06/2025"})
    assert (r["balance_agee"]["total"], r["lecture"]["rejetees"]) == ("10.00", 1)  # fin du fichier


def test_ligne_de_titre_au_dessus_des_colonnes():
    """« Liste des factures au … » au-dessus des noms de colonnes : passée, et dit. Un fichier
    dont aucune ligne ne nomme de colonnes reste refusé sur sa ligne 1 (correspondance proposée)."""
    texte = ("Liste des factures clients au 30/06/2025;;;\n\n"
             "Client;N° facture;Date facture;Montant TTC\nDupont SARL;F001;10/01/2025;1200,00\n")
    r = executer({"fichier": texte, "au": "30/06/2025"})
    assert r["balance_agee"]["total"] == "1200.00" and _cles(r)["lignes_de_titre"] == 1
    r = executer({"fichier": "Customer;Ref;Amount\nDupont;F1;100\n"})
    assert not r["ok"] and r["erreurs"][0]["ligne"] == 1 and r["entetes"] == ["Customer", "Ref", "Amount"]
    r = executer({"fichier": "Bonjour\nAu revoir\n"})
    assert not r["ok"] and r["erreurs"][0]["ligne"] == 1 and r["erreurs"][0]["message"].startswith(
        "Ce fichier n'est ni un FEC")


def test_journal_d_ouverture_reconnu_a_son_libelle():
    """Un code de journal d'à-nouveaux propre au logiciel (« ANC »), sans compte 890 (contrepartie
    110, report à nouveau) : son libellé « A-nouveaux » le dit. La facture F2024-900 reprise à
    l'ouverture garde sa date et son échéance (119,43 € de pénalités) ; lue comme une écriture
    ordinaire, elle devenait un débit divers dû le 01/01/2025, sans pénalités."""
    ouverture = FEC.replace("AN\tA-nouveaux\t", "ANC\tA-nouveaux\t").replace("\t890000\tBilan d'ouverture\t",
                                                                               "\t110000\tReport à nouveau\t")
    assert ouverture.count("ANC\t") == 2 and "890000" not in ouverture
    r = executer({"fichier": ouverture, "au": "31/12/2025"})
    assert (r["balance_agee"]["total"], r["penalites"]["total_penalites"]) == ("13900.00", "440.48")
    inconnu = ouverture.replace("ANC\tA-nouveaux\t", "ANC\tDivers\t")
    assert executer({"fichier": inconnu, "au": "31/12/2025"})["penalites"]["total_penalites"] != "440.48"


def test_fec_aux_dates_jjmmaaaa():
    """D'anciens exports de Dolibarr écrivent les dates JJMMAAAA : jamais ambiguës avec AAAAMMJJ
    (une année 19xx ou 20xx en 5e position ferait un mois 19 ou 20). Mêmes chiffres, et c'est dit."""
    jjmmaaaa = re.sub(r"(?<=\t)(20\d{2})(\d{2})(\d{2})(?=\t)", lambda m: m.group(3) + m.group(2) + m.group(1), FEC)
    assert "\t20250115\t" not in jjmmaaaa and "\t15012025\t" in jjmmaaaa
    r = executer({"fichier": jjmmaaaa, "au": "31/12/2025"})
    assert (r["balance_agee"]["total"], r["penalites"]["total_penalites"], r["lecture"]["rejetees"]) == (
        "13900.00", "440.48", 0)
    assert _cles(r)["dates_jjmmaaaa"] > 0


ENTETE = "Client;N° facture;Date facture;Montant TTC;Date paiement;Montant payé"
CAS_TABLEUR = [  # (lignes après l'en-tête, encours attendu au 30/06/2025, lignes rejetées) ; calculés à la main
    # Un règlement de 0,00 € : rien de payé (le lettrage plantait sur ce mouvement nul).
    (["C1;F1;15/01/2025;1000,00;01/02/2025;0,00", "C2;F2;15/01/2025;500,00;;"], "1500.00", 0),
    # « payée le » sans montant sur la seconde ligne d'une facture répétée : le reste, 600 €.
    (["C1;F1;15/01/2025;1000,00;01/02/2025;400,00", "C1;F1;15/01/2025;1000,00;01/03/2025;"], "0.00", 0),
    # Deux fois « payée le » sans montant : la facture est soldée une fois.
    (["C1;F1;15/01/2025;1000,00;01/02/2025;", "C1;F1;15/01/2025;1000,00;01/03/2025;"], "0.00", 0),
]


def test_factures_repetees_et_reglements_cas_limites():
    for lignes, encours, rejets in CAS_TABLEUR:
        r = executer({"fichier": "\n".join([ENTETE, *lignes]), "au": "30/06/2025"})
        assert (r["balance_agee"]["total"], r["lecture"]["rejetees"]) == (encours, rejets), lignes


def test_reste_a_payer_d_une_facture_repetee():
    """« Reste à payer » (ou « Solde ouvert ») répété sur chaque ligne de règlement : c'est le reste à
    la date d'analyse, 300 € ; la part payée à une date inconnue est ce que les règlements datés de
    *toutes* les lignes n'expliquent pas (1 000 − 400 − 300 − 300 = 0). Et un reste impossible sur la
    première ligne (700 € après 400 payés sur 1 000) est ignoré et dit, la ligne gardée : la suivante
    ajoute son règlement (1 000 − 400 − 300 = 300, ce que dit son reste)."""
    entete = ENTETE + ";Reste à payer"
    r = executer({"fichier": "\n".join([entete, "C1;F1;15/01/2025;1000,00;01/02/2025;400,00;300,00",
                                        "C1;F1;15/01/2025;1000,00;01/03/2025;300,00;300,00"]), "au": "30/06/2025"})
    assert r["balance_agee"]["total"] == "300.00" and "reste_sans_date" not in _cles(r)
    r = executer({"fichier": "\n".join([entete, "C1;F1;15/01/2025;1000,00;01/02/2025;400,00;700,00",
                                        "C1;F1;15/01/2025;1000,00;01/03/2025;300,00;300,00",
                                        "C2;F2;15/01/2025;500,00;;;500,00"]), "au": "30/06/2025"})
    assert (r["balance_agee"]["total"], r["lecture"]["rejetees"]) == ("800.00", 0)
    assert [x["ligne"] for x in r["lecture"]["remarques"]] == [2]


def test_colonnes_et_cellules_des_tableurs_cas_limites():
    # « Date paiement 01 », « 02 » : les deux règlements, pas une colonne ignorée sans rien dire.
    r = executer({"fichier": "Client;N° facture;Date facture;Montant TTC;Date paiement 01;Montant payé 01;"
                             "Date paiement 02;Montant payé 02\nC1;F1;15/01/2025;1000,00;01/02/2025;400,00;01/03/2025;"
                             "600,00\n", "au": "30/06/2025"})
    assert r["balance_agee"]["total"] == "0.00"
    # Un guillemet au milieu d'une cellule est un caractère (27 pouces) : rien n'est avalé.
    r = executer({"fichier": 'Client;N° facture;Date facture;Montant TTC;Libellé\nC1;F1;15/01/2025;100,00;Ecran 27"\n'
                             'C2;F2;15/01/2025;200,00;Clavier\nC3;F3;15/01/2025;300,00;Ecran 24"\n', "au": "30/06/2025"})
    assert (r["balance_agee"]["total"], r["lecture"]["lignes"]) == ("600.00", 3)
    # « 1200,50 » sans guillemets dans un CSV à virgules : une colonne de trop, la ligne est écartée.
    r = executer({"fichier": 'Client,Facture,Date,Montant TTC\nC1,F1,15/01/2025,1200,50\nC2,F2,15/01/2025,"300,75"\n',
                  "au": "30/06/2025"})
    assert (r["balance_agee"]["total"], r["lecture"]["rejetees"]) == ("300.75", 1)
    assert "5 colonnes au lieu de 4" in r["lecture"]["rejets"][0]["message"]
    # « Net à payer » plutôt que « Montant » (le HT) ; « Date paiement » plutôt que « Paiement » (le mode) ;
    # « Code client » est le compte, « Client » le nom.
    colonnes = reconnaitre_colonnes(["Code client", "Client", "Montant", "Net à payer", "Paiement", "Date paiement"])
    assert (colonnes["client"], colonnes["nom"], colonnes["montant"], colonnes["paiement"]) == (0, 1, 3, 5)


def test_montants_mal_formes_refuses_et_zero_comptable():
    r = executer({"fichier": "Client;N° facture;Date facture;Montant TTC;Date paiement;Montant payé\n"
                             "C1;F1;15/01/2025;1.234.56;;\nC1;F2;15/01/2025;(-120,00);;\nC1;F3;15/01/2025;1.234,567;;\n"
                             "C2;F4;15/01/2025;500,00;01/02/2025;-   €\n", "au": "30/06/2025"})
    assert (r["balance_agee"]["total"], r["lecture"]["rejetees"]) == ("500.00", 3)


def test_montants_signes_comme_le_tableur_les_affiche():
    # Format de nombre « +0,00;-0,00 » : le CSV porte le texte affiché. « +1 200,00 » était rejeté
    # alors que « -50,00 », « (50,00) » et « 50,00- » étaient lus ; de même « −25,00 » (signe moins
    # U+2212) et « –10,00 » (demi-cadratin de la correction automatique). Deux signes restent refusés.
    r = executer({"fichier": "Client;N° facture;Date facture;Montant TTC;Date paiement;Montant payé\n"
                             "C1;F1;15/01/2025;+1 200,00;01/02/2025;+200,00\nC1;F2;20/01/2025;+5-;;\n"
                             "C1;A1;25/01/2025;-50,00;;\nC1;A2;26/01/2025;\u221225,00;;\nC1;A3;27/01/2025;\u201310,00;;\n",
                  "au": "30/06/2025"})
    assert (r["balance_agee"]["total"], r["lecture"]["rejetees"]) == ("915.00", 1)  # 1 200 − 200 − 50 − 25 − 10
    assert "« +5- » n'est pas un montant" in r["lecture"]["rejets"][0]["message"]


def test_dates_en_lettres_des_formats_d_excel():
    # « Date longue » (« mercredi 15 janvier 2025 »), « jj mmmm aaaa », « jj-mmm-aa » : le CSV porte le texte
    # affiché ; chaque ligne était rejetée. F1 (1 000 €) payée 600 € le 1er mars ; F2 (500 €) non payée ;
    # F3 au mois mal écrit, rejetée avec sa ligne et sa colonne.
    r = executer({"fichier": "Client;N° facture;Date facture;Montant TTC;Date paiement;Montant payé\n"
                             "C1;F1;mercredi 15 janvier 2025;1000,00;1er mars 2025;600,00\n"
                             "C1;F2;20-févr.-25;500,00;;\nC1;F3;15 janvir 2025;100,00;;\n", "au": "30/06/2025",
                  "delai": "30j"})
    assert (r["balance_agee"]["total"], r["lecture"]["rejetees"]) == ("900.00", 1)
    assert r["lecture"]["rejets"][0]["message"] == ("Ligne 4, colonne « Date facture » : « 15 janvir 2025 » : « janvir » "
                                                    "n'est pas un mois : écrivez la date de facture sous la forme "
                                                    "jj/mm/aaaa, par exemple 31/01/2025.")
    echeances = sorted(p["echeance"] for p in r["factures_ouvertes"])
    assert echeances == ["2025-02-14", "2025-03-22"]  # 15/01 + 30 j ; 20/02 + 30 j


def test_titres_et_correspondance_des_colonnes():
    texte = "Liste des factures\nRaison;Pièce n;Le;Total\nAlpha;F1;15/01/2025;100,00\n"
    r = executer({"fichier": texte, "au": "30/06/2025", "colonnes": {"client": "Raison", "date": "Le", "montant": "Total"}})
    assert r["balance_agee"]["total"] == "100.00"
    # Jusqu'à dix lignes de titre (société, période, paramètres de l'export) ; au-delà, refusé.
    dix = "".join(f"Titre {i}\n" for i in range(10)) + "Client;N° facture;Date facture;Montant TTC\nC1;F1;15/01/2025;100,00\n"
    assert executer({"fichier": dix, "au": "30/06/2025"})["balance_agee"]["total"] == "100.00"
    assert not executer({"fichier": "Titre 10\n" + dix, "au": "30/06/2025"})["ok"]


def test_en_tete_sous_un_titre_a_completer_propose_ses_colonnes_avec_un_exemple():
    """Un titre, puis un en-tête où il manque une colonne : la correspondance à faire est celle de
    l'en-tête (ligne 3), pas celle du titre, qui ne proposait que « Liste des factures » ; chaque
    colonne vient avec sa valeur de la première ligne de données, pour choisir sans rouvrir le fichier."""
    r = executer({"fichier": "Liste des factures\n\nSociété;Pièce;Le;Total\nDupont SA;F1;05/01/2025;\"1 200,00\"\n",
                  "au": "30/06/2025"})
    assert not r["ok"] and r["entetes"] == ["Société", "Pièce", "Le", "Total"]
    assert (r["erreurs"][0]["ligne"], r["erreurs"][0]["colonne"], r["colonnes"]["manquantes"]) == (3, "date", ["date"])
    assert r["colonnes"]["exemples"] == {"Société": "Dupont SA", "Pièce": "F1", "Le": "05/01/2025", "Total": "1 200,00"}
    sans_donnees = executer({"fichier": "Société;Pièce;Le;Total\n", "au": "30/06/2025"})
    assert sans_donnees["colonnes"]["exemples"] == {}


def test_fec_date_hors_du_calendrier_ecartee_sans_planter():
    """99991231 : une date d'écriture impossible (ligne écartée, nommée) ; en date de pièce, remplacée
    par la date d'écriture et dite. L'échéance calculée sortait du calendrier (OverflowError)."""
    r = executer({"fichier": FEC.replace("\t20251001\t", "\t99991231\t", 1), "au": "31/12/2025"})
    assert r["ok"] and r["lecture"]["rejetees"] >= 1
    r = executer({"fichier": FEC.replace("\tF2025-002\t20251001\t", "\tF2025-002\t99991231\t", 1), "au": "31/12/2025"})
    assert r["ok"] and _cles(r).get("piecedate_illisible") == 1


def test_lignes_identiques_sans_numero_comptees_et_dites():
    """Sans numéro de facture, deux lignes identiques peuvent être deux factures (deux abonnements
    du même jour) ou un doublon : comptées toutes deux, et l'avertissement le dit."""
    r = executer({"fichier": "Client;Date facture;Montant TTC\nC1;15/01/2025;1000,00\nC1;15/01/2025;1000,00\n",
                  "au": "30/06/2025"})
    assert r["balance_agee"]["total"] == "2000.00"
    assert any(a.startswith("1 ligne identique à une autre, sans numéro de facture") for a in r["avertissements"])


def test_nom_de_colonne_sur_deux_lignes():
    """« N° ⏎ facture » saisi avec Alt+Entrée dans l'en-tête : le fichier était refusé (colonnes
    « Client », « N° ») ; l'en-tête est réuni comme une cellule de données."""
    for entete in ('Client;"N° \nfacture";Date facture;Montant TTC', 'Client;N° facture;Date facture;"Montant\nTTC"'):
        r = executer({"fichier": entete + "\nC1;F1;15/01/2025;100,00\nC2;F2;15/01/2025;200,00\n", "au": "30/06/2025"})
        assert (r["balance_agee"]["total"], r["lecture"]["rejetees"]) == ("300.00", 0), entete


def test_csv_macintosh_fins_de_ligne_cr_et_cellule_sur_deux_lignes():
    """Le « CSV (Macintosh) » d'Excel pour Mac, en Mac Roman, finit ses lignes par CR, mais garde
    un LF dans une cellule saisie avec Alt+Entrée. Ce LF décidait des fins de ligne : tout le
    fichier était lu comme une seule ligne, et refusé (« il manque le montant TTC ») ; lu en
    Windows-1252, « Numéro » devenait « NumŽro », une colonne inconnue. 300 € dus : F1 100 €,
    F2 200 €."""
    texte = ('Client;Numéro;Date;Montant TTC\r"Société A\nsite Lyon";F1;01/01/2025;100,00\r'
             "B;F2;02/01/2025;200,00\r").encode("mac_roman")
    for taille in (1, 5, 1000):  # un CR en fin de morceau ne décide de rien avant le morceau suivant
        analyse = Analyse({})
        for debut in range(0, len(texte), taille):
            assert analyse.ajouter(texte[debut:debut + taille])["ok"]
        r = analyse.resultat({"au": "31/12/2025"})
        assert (r["balance_agee"]["total"], r["lecture"]["lignes"], r["lecture"]["rejetees"]) == ("300.00", 2, 0)
        assert {c["nom"] for c in r["balance_agee"]["clients"]} == {"Société A site Lyon", "B"}
        assert r["lecture"]["caracteres_illisibles"] == 0


def _ligne_ve(num: str, date: str, compte: str, aux: str, piece: str, debit: str, credit: str) -> str:
    nom = f"Client {aux}" if aux else ""
    return f"VE|Ventes|{num}|{date}|{compte}|Compte|{aux}|{nom}|{piece}|{date}|Lot du jour|{debit}|{credit}|||||"


def test_ecriture_de_plusieurs_clients_factures_et_avoir():
    """Une écriture VE numérotée par lot (des logiciels numérotent par jour) : factures F1 de A
    (1 000 + 200 de TVA, dont un acompte de 300 imputé depuis 4191) et F2 de C (500 + 100), avoir
    AV1 de B (250 + 50) qui annule sa facture F0. Les produits nets de l'écriture ont le sens des
    factures : l'avoir était lu comme un règlement, hors du chiffre d'affaires TTC (D441-6 :
    71,43 % au lieu de 83,33 %), et les HT de F1 et F2 faux (1 033,33 et 516,67).

    À la main au 30/06/2025 : dû A 900 + C 600 = 1 500 ; CA TTC 300 + 1 200 + 600 − 300 = 1 800,
    HT 250 + 1 000 + 500 − 250 = 1 500 ; D441-6 TTC 1 500 / 1 800 = 83,33 %, HT 900 × 1 000 /
    1 200 + 500 = 1 250 / 1 500 = 83,33 % ; pénalités (échues le 14/02, 136 jours à 13,15 %)
    900 × 0,1315 × 136 / 365 = 44,10 et 600 × … = 29,40, soit 73,50."""
    entete = ("JournalCode|JournalLib|EcritureNum|EcritureDate|CompteNum|CompteLib|CompAuxNum|CompAuxLib|PieceRef|"
              "PieceDate|EcritureLib|Debit|Credit|EcritureLet|DateLet|ValidDate|Montantdevise|Idevise")
    lot = [("411000", "A", "F1", "1200,00", ""), ("411000", "A", "F1", "", "300,00"), ("419100", "", "F1", "300,00", ""),
           ("411000", "B", "AV1", "", "300,00"), ("411000", "C", "F2", "600,00", ""),
           ("706000", "", "F1", "", "1000,00"), ("706000", "", "F2", "", "500,00"), ("706000", "", "AV1", "250,00", ""),
           ("445710", "", "F1", "", "200,00"), ("445710", "", "F2", "", "100,00"), ("445710", "", "AV1", "50,00", "")]
    fec = "\n".join([entete, _ligne_ve("0", "20250110", "411000", "B", "F0", "300,00", ""),
                     _ligne_ve("0", "20250110", "706000", "", "F0", "", "250,00"),
                     _ligne_ve("0", "20250110", "445710", "", "F0", "", "50,00"),
                     *(_ligne_ve("1", "20250115", *ligne) for ligne in lot)]) + "\n"
    ttc = executer({"fichier": fec, "au": "30/06/2025"})
    assert ttc["balance_agee"]["total"] == "1500.00" and ttc["penalites"]["total_penalites"] == "73.50"
    assert ttc["d441_6"]["clients"]["I"]["total"] == {"nombre": 2, "montant": "1500.00", "pourcentage": "83.33"}
    assert _cles(ttc)["avoirs_imputes"] == 1  # l'avoir de B, lu comme tel ; l'acompte de A reste un règlement
    ht = executer({"fichier": fec, "au": "30/06/2025", "ht": True})
    assert ht["d441_6"]["clients"]["I"]["total"] == {"nombre": 2, "montant": "1250.00", "pourcentage": "83.33"}


def test_payee_le_sans_montant_puis_acompte_anterieur_plus_bas():
    """« Payée le 10/03 » sans montant sur la première ligne, un acompte de 500 € du 01/03 sur la
    suivante : la première ligne valait la facture entière, et l'acompte la payait une seconde
    fois (encours −400 € au lieu de 100 €). Elle vaut maintenant le reste, 700 €. Pénalités de F1
    comme le calculateur de pénalités (acompte imputé d'abord sur les pénalités échues, C. civ.
    1343-1) : 1 200 × 13,15 % × 15 / 365 = 6,48, puis 706,48 × 13,15 % × 9 / 365 = 2,29, soit 8,77 ;
    F2 : 100 × 13,15 % × 136 / 365 = 4,90. Si l'acompte couvre la facture, la ligne sans montant
    ne paie plus rien : F1 soldée le 01/03, 1 200 × 13,15 % × 15 / 365 = 6,48."""
    entete = "Client;N° facture;Date;Montant TTC;Date paiement;Montant payé\n"
    b = "B;F2;15/01/2025;100,00;;\n"
    for acompte, attendu in (("500,00", "8.77"), ("1200,00", "6.48")):
        texte = entete + f"A;F1;15/01/2025;1200,00;10/03/2025;\nA;F1;15/01/2025;1200,00;01/03/2025;{acompte}\n" + b
        r = executer({"fichier": texte, "au": "30/06/2025"})
        assert r["balance_agee"]["total"] == "100.00", acompte
        f1 = next(f for f in r["penalites"]["factures"] if f["facture"] == "F1")
        assert (f1["penalites"], f1["fin"], f1["soldee"]) == (attendu, "2025-03-10" if acompte == "500,00" else
                                                               "2025-03-01", True)
        assert _cles(r).get("factures_repetees") == 1


def test_reglages_qui_ne_rencontrent_pas_le_fichier_avertis():
    """Des réglages acceptés sans rien dire alors qu'ils ne changeaient rien : un compte à délai
    propre mal tapé, des numéros en litige séparés par des espaces, une date d'analyse avant le
    fichier (tout à zéro), un tableau de six semaines rapporté à douze mois de chiffre d'affaires
    (DSO simple de 320 jours pour une facture de 45 jours)."""
    texte = "Client;N° facture;Date;Montant TTC\nC1;F1;15/05/2025;1000,00\nC1;F2;16/05/2025;500,00\n"
    r = executer({"fichier": texte, "au": "30/06/2025", "delais_clients": "C1:30j\nZZZ:30j", "litiges": "F1 F2"})
    avis = " | ".join(r["avertissements"])
    assert "Délai propre à un compte absent du fichier, donc sans effet : « ZZZ »." in avis
    assert "Facture en litige introuvable dans le fichier, donc non exclue : « F1 F2 »." in avis
    # Le compte absent ne compte pas parmi les délais propres appliqués (« 2 clients à délai propre » avant).
    reglages = {x["libelle"]: x["valeur"] for x in r["affichage"]["saisies"]}
    assert any(v.endswith("1 client à délai propre") for v in reglages.values()), reglages
    assert not any("2 clients" in h["texte"] for h in r["hypotheses"])
    # Analyse au 30 juin, fin de mois : la période commence le 1er juillet 2024 (`douze_mois_avant`).
    assert "Le tableau ne commence que le 15/05/2025, 318 jours après le début de la période retenue (01/07/2024)" in avis
    assert r["d441_6"]["clients"]["I"]["total"]["montant"] == "1500.00"  # rien d'exclu, comme l'avis le dit
    assert not any("Le tableau ne commence" in a
                   for a in executer({"fichier": texte, "au": "30/06/2025", "debut": "01/05/2025"})["avertissements"])
    avant = executer({"fichier": texte, "au": "01/01/2020"})
    assert avant["balance_agee"]["total"] == "0.00"
    assert any(a.startswith("La date d'analyse (01/01/2020) précède la première date du fichier (15/05/2025)")
               for a in avant["avertissements"])
    assert not any("Le tableau ne commence" in a for a in avant["avertissements"])


def test_fichier_sans_compte_client_averti():
    fec = FEC.replace("|411", "|401").replace("\t411", "\t401")
    r = executer({"fichier": fec, "au": "31/12/2025"})
    assert r["balance_agee"]["total"] == "0.00"
    assert any(a.startswith("Aucun compte client dans le fichier, seulement des fournisseurs") for a in r["avertissements"])


def test_classeur_ou_pdf_choisi_a_la_place_d_un_csv():
    """Un .xlsx (une archive ZIP), un ancien .xls ou un PDF, même sans octet nul au début : un
    message qui dit ce qu'est le fichier et comment en tirer un CSV, pas « octets nuls » ni une
    colonne « %PDF-1.4 » proposée à la correspondance."""
    for debut, attendu in ((b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml", "classeur (Excel .xlsx"),
                           (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ancien classeur Excel (.xls)"),
                           (b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n", "PDF")):
        analyse = Analyse({})
        analyse.ajouter(debut + b"\n" * 3)  # jugé sur les 4 096 premiers octets, ou à la fin d'un fichier plus court
        r = analyse.terminer()
        assert not r["ok"] and r["erreurs"][0]["message"].startswith(f"Ce fichier est un {attendu}"), r
        assert "entetes" not in r


def test_exports_csv_sans_code_interne():
    """Les exports CSV disaient « avant_2013 » et « 91_plus » (codes des règles), et 0,00 € de total
    pour des pénalités non chiffrées : ils disent maintenant ce que dit l'écran."""
    import json

    texte = "Client;N° facture;Date;Montant TTC\nC1;F1;15/01/2012;1000,00\nC2;F2;15/01/2025;500,00\n"
    analyse = Analyse({})
    assert analyse.ajouter(texte.encode())["ok"]
    assert json.loads(analyse.affichage_json(json.dumps({"au": "30/06/2025"})))["ok"]
    csv = {nom: json.loads(analyse.export_json(nom))["fichier"]["contenu"] for nom in ("penalites.csv", "relances.csv")}
    f1 = next(l for l in csv["penalites.csv"].splitlines() if ";F1;" in l).split(";")
    assert f1[-4:] == ["0,00", "", "", "facture émise avant le 01/01/2013 : règles antérieures (loi n° 2012-387), non chiffrées"]
    assert "_plus" not in csv["relances.csv"] and ";Plus de 90 jours;" in csv["relances.csv"]


def test_l_export_des_clients_a_relancer_donne_les_lettres_de_tous():
    """La page ne propose les lettres que des dix premiers et renvoyait « pour tous » à l'export,
    qui n'en avait aucune : chaque client y a maintenant ses deux lettres, en adresses complètes."""
    import csv
    import io
    import json
    from urllib.parse import parse_qsl, urlsplit

    lignes = "".join(f"C{n:02d};F{n};15/0{1 + n % 9}/2025;{100 + n},00\n" for n in range(12))
    analyse = Analyse({})
    assert analyse.ajouter(("Client;N° facture;Date;Montant TTC\n" + lignes).encode())["ok"]
    assert json.loads(analyse.affichage_json(json.dumps({"au": "31/12/2025"})))["ok"]
    page = "https://exemple.fr/impayes/calculateurs/poste-clients/"
    contenu = json.loads(analyse.export_json("relances.csv", page))["fichier"]["contenu"]
    rangees = list(csv.reader(io.StringIO(contenu.lstrip("\ufeff")), delimiter=";"))
    assert rangees[0][-2:] == ["Mise en demeure (lien)", "Relance avec relevé de compte (lien)"]
    assert len(rangees) == 13  # les douze clients, pas seulement les dix de la page
    for rangee in rangees[1:]:
        for url, modele in zip(rangee[-2:], ("mise-en-demeure", "relance-2")):
            adresse = urlsplit(url)
            assert url.startswith("https://exemple.fr/impayes/lettres/remplir/#")
            champs = dict(parse_qsl(adresse.fragment))
            assert champs["modele"] == modele and champs["facture"].startswith(f"F{int(rangee[1][1:])}:")
    # Sans adresse (ligne de commande) : le chemin depuis la racine du site.
    sans = json.loads(analyse.export_json("relances.csv"))["fichier"]["contenu"]
    assert ";lettres/remplir/#modele=mise-en-demeure&" in sans


def test_facture_sans_numero_lettre_sans_numero_invente():
    """Un tableau sans colonne de numéro : la mise en demeure préremplie citait la « facture
    n° ligne 2 ». Le numéro reste vide, et la lettre le demande."""
    import json

    r = executer({"fichier": "Client;Date facture;Montant TTC\nC1;15/01/2025;1 000,00\n", "au": "31/12/2025"})
    liens = re.findall(r'lettres/remplir/#[^"]+', json.dumps(r["affichage"], ensure_ascii=False))
    assert liens and all("facture=:2025-01-15:1000.00:2025-02-14" in lien for lien in liens)
    assert "ligne" not in liens[0]


def test_correspondance_commencee_dit_ce_qui_manque():
    """Seul « Client » choisi à l'étape de correspondance : le message redisait « ni un FEC ni un
    tableau de factures reconnu » ; il dit maintenant ce qui manque."""
    texte = "Cli;Doc;Dt;Valeur\nC001;F1;15/01/2025;1 200,00\n"
    analyse = Analyse({"colonnes": {"client": "Cli"}})
    analyse.ajouter(texte.encode())
    erreur = analyse.terminer()["erreurs"][0]
    assert erreur["message"].startswith("Colonnes non reconnues : il manque la date de facture et le montant TTC.")
    assert erreur["colonne"] == "date"


def test_debut_d_exercice_apres_la_date_d_analyse_retenue():
    """Un début d'exercice après la date d'analyse non saisie (la dernière date du fichier, le
    15/01/2026) était ramené en silence à un exercice d'un jour (DSO simple « 1 jours », D441-6
    sans pourcentages). C'est une erreur du champ, dite avec les autres."""
    texte = (CAS / "factures.csv").read_bytes()
    r = executer({"fichier": texte, "debut": "01/01/2027", "taux": "abc"})
    assert [e["field"] for e in r["erreurs"]] == ["taux", "debut"]
    assert r["erreurs"][1]["message"] == ("Le début de l'exercice (01/01/2027) doit précéder la date d'analyse "
                                          "(15/01/2026, retenue faute de date saisie).")
    assert executer({"fichier": texte, "debut": "01/01/2025"})["debut"] == "2025-01-01"


def test_pied_de_qui_relancer_d_abord_totalise_factures_et_penalites():
    """Le pied de « Qui relancer d'abord » ne totalisait que l'échu : le nombre de factures échues et
    les pénalités et indemnités de ces clients y sont aussi. Deux clients, trois factures échues au
    31/12/2025 (100 + 200 + 300 = 600 €) ; tous à relancer, donc leurs pénalités sont celles du total."""
    r = executer({"fichier": "Client;N° facture;Date;Montant TTC\nA;F1;01/01/2025;100,00\nA;F2;01/02/2025;200,00\n"
                             "B;F3;01/03/2025;300,00\n", "au": "31/12/2025", "delai": "30j"})
    relancer = next(t for t in r["affichage"]["tableaux"] if t["titre"].startswith("Qui relancer d'abord"))
    pied = dict(zip(relancer["colonnes"], relancer["pied"]))  # sans colonne « Compte » : le client est son nom
    assert (pied["Rang"], pied["Échu"], pied["Factures échues"]) == ("2 clients", "600,00\u00a0€", "3")
    colonne = relancer["colonnes"].index("Pénalités et indemnités")
    lignes = sum((Decimal(l[colonne].replace("\u202f", "").replace("\u00a0€", "").replace(",", "."))
                  for l in relancer["lignes"]), Decimal(0))
    total = Decimal(r["penalites"]["total"])
    assert total > 120 and lignes == total  # trois indemnités de 40 €, plus les pénalités
    assert pied["Pénalités et indemnités"] == fr.euros(total)
    # À la main, BCE + 10 points par semestre (13,15 % au 1er, 12,15 % au 2nd), chaque période arrondie au
    # centime, jours de retard du lendemain de l'échéance au 31/12 inclus :
    # F1, échue le 31/01 : 100 × 13,15 % × 150/365 = 5,40 ; 100 × 12,15 % × 184/365 = 6,12 → 11,52 ;
    # F2, échue le 03/03 : 200 × 13,15 % × 119/365 = 8,57 ; 200 × 12,15 % × 184/365 = 12,25 → 20,82 ;
    # F3, échue le 31/03 : 300 × 13,15 % × 91/365 = 9,84 ; 300 × 12,15 % × 184/365 = 18,37 → 28,21 ;
    # 60,55 € de pénalités + 3 × 40 € = 180,55 €.
    assert pied["Pénalités et indemnités"] == "180,55\u00a0€"


def test_accords_au_singulier():
    """« 1 clients », « 1 factures », « 1 comptes » au pied des tableaux, « 0 jours après la date
    de facture » dans la méthode : le singulier jusqu'à 1 (et « 1,5 jour »), comme en français."""
    from calculators.portefeuille.libelles import en_jours, libelle_delai
    from decimal import Decimal

    r = executer({"fichier": "Client;N° facture;Date;Montant TTC\nA;F1;01/01/2025;100,00\n", "au": "31/03/2025",
                  "delai": "0"})
    pieds = {t["titre"].split(" (")[0]: t.get("pied", [""])[0] for t in r["affichage"]["tableaux"]}
    assert pieds["Qui relancer d'abord"] == "1 client"
    assert pieds["Pénalités par facture"] == "1 facture"
    balance = next(t for t in r["affichage"]["tableaux"] if t["titre"].startswith("Balance âgée des clients au"))
    assert balance["pied"][0] == "Total (1 compte)"
    assert (libelle_delai("0j"), libelle_delai("12j")) == ("0 jour après la date de facture",
                                                           "12 jours après la date de facture")
    assert (en_jours(Decimal("1.0")), en_jours(Decimal("1.5")), en_jours(Decimal("2"))) == ("1,0 jour", "1,5 jour", "2,0 jours")


def test_reglages_retenus_imprimes_avec_le_resultat():
    """Imprimés au-dessus des tableaux (la méthode aussi, voir poste-clients.css) : la date
    d'analyse et son origine, l'exercice, le délai supposé, HT ou TTC, le taux."""
    r = executer({"fichier": (CAS / "factures.csv").read_bytes(), "delai": "45jfdm", "ht": True, "taux": "12"})
    saisies = {s["libelle"]: s["valeur"] for s in r["affichage"]["saisies"]}
    assert saisies["Date d'analyse"] == "15/01/2026 (dernière date du fichier)"
    assert saisies["Exercice"] == "du 16/01/2025 au 15/01/2026"
    assert saisies["Délai de paiement (sans échéance au fichier)"] == "45 jours fin de mois (45 jours, puis fin de mois)"
    assert (saisies["Tableau D441-6"], saisies["Taux des pénalités"]) == ("montants HT", "taux du contrat, 12,00\u00a0%")


def test_ligne_de_filtre_au_dessus_de_l_en_tete_passee():
    """Un export d'échéancier écrit ses filtres au-dessus des noms de colonnes (« Client;Tous;Échéance;
    Toutes ») : deux noms reconnus, mais pas un en-tête complet. Elle était prise pour l'en-tête, et la
    correspondance proposait « Tous » et « Toutes ». L'en-tête complet qui suit est lu."""
    texte = ("Échéancier clients;;;;\nClient;Tous;Échéance;Toutes;\n;;;;\n"
             "Client;N° facture;Date facture;Montant TTC;Échéance\n"
             "Dupont SA;F1;15/11/2025;1 200,00;15/12/2025\nMartin;F3;01/12/2025;500,00;31/12/2025\n")
    r = executer({"fichier": texte, "au": "31/12/2025"})
    assert r["ok"] and r["balance_agee"]["total"] == "1700.00" and _cles(r)["lignes_de_titre"] == 3
    # Sans en-tête complet, le refus reste celui de la ligne la plus proche d'un en-tête.
    r = executer({"fichier": "Échéancier clients;;;;\nClient;Tous;Échéance;Toutes;\nDupont SA;F1;x;y\n", "au": "31/12/2025"})
    assert not r["ok"] and r["entetes"] == ["Client", "Tous", "Échéance", "Toutes", ""]
    assert r["erreurs"][0]["ligne"] == 2
