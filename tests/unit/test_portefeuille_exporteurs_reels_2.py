"""Des fichiers tels que les écrivent d'autres logiciels réels, trouvés par un audit (décembre 2026) :
chacun donnait un chiffre faux. Les chiffres attendus sont faits à la main (S2 2025 : BCE 2,15 % + 10
= 12,15 % ; jours / 365 ; délai par défaut : 30 jours après la facture).
"""

from __future__ import annotations

import pytest

from calculators.portefeuille import executer

ENTETE = ("JournalCode|JournalLib|EcritureNum|EcritureDate|CompteNum|CompteLib|CompAuxNum|CompAuxLib|PieceRef|"
          "PieceDate|EcritureLib|Debit|Credit|EcritureLet|DateLet|ValidDate|Montantdevise|Idevise\r\n")


def _cles(r) -> dict:
    return {h["cle"]: h["nombre"] for h in r["hypotheses"]}


def _factures(r) -> dict:
    return {f["facture"]: f for f in r["penalites"]["factures"]}


# Business Central (microsoft/ALAppExtensions, Apps/FR/FECAuditFile, GenerateFileFEC.Codeunit.al) :
# EcritureLet porte les numéros des documents appliqués à la ligne ; la facture 103002 porte « ENC0001 »
# (son règlement), le règlement porte « 103002 ». Le client a payé 103002, pas la plus ancienne 103001.
BUSINESS_CENTRAL = ENTETE + "".join(l + "\r\n" for l in (
    "VENTES|Ventes|101|20250915|411000|Clients France|C10000|Adatum SA|103001|20250915|Facture 103001|1200,00|0,00|||20250915||",
    "VENTES|Ventes|101|20250915|706000|Prestations de services|||103001|20250915|Facture 103001|0,00|1000,00|||20250915||",
    "VENTES|Ventes|101|20250915|445710|TVA collectée|||103001|20250915|Facture 103001|0,00|200,00|||20250915||",
    "VENTES|Ventes|102|20251015|411000|Clients France|C10000|Adatum SA|103002|20251015|Facture 103002|600,00|0,00|ENC0001|20251120|20251015||",
    "VENTES|Ventes|102|20251015|706000|Prestations de services|||103002|20251015|Facture 103002|0,00|500,00|||20251015||",
    "VENTES|Ventes|102|20251015|445710|TVA collectée|||103002|20251015|Facture 103002|0,00|100,00|||20251015||",
    "ENCAISS|Encaissements|103|20251120|512000|Banque|BQ1|Banque principale|ENC0001|20251120|Règlement 103002|600,00|0,00|||20251120||",
    "ENCAISS|Encaissements|103|20251120|411000|Clients France|C10000|Adatum SA|ENC0001|20251120|Règlement 103002|0,00|600,00|103002|20251120|20251120||"))


def test_business_central_chaque_reglement_va_a_la_facture_qu_il_cite():
    r = executer({"fichier": BUSINESS_CENTRAL, "au": "31/12/2025"})
    assert r["balance_agee"]["total"] == "1200.00"
    assert r["balance_agee"]["tranches"]["61_90"] == {"nombre": 1, "montant": "1200.00"}  # 103001, 77 jours
    f = _factures(r)
    # 103001 : 1 200 × 12,15 % × 77 / 365 = 30,76 ; 103002, échue le 14/11, payée le 20/11 : 600 × 12,15 % × 6 / 365 = 1,20.
    assert (f["103001"]["penalites"], f["103002"]["penalites"], f["103002"]["soldee"]) == ("30.76", "1.20", True)
    assert r["penalites"]["total_penalites"] == "31.96"
    assert r["d441_6"]["clients"]["I"]["total"] == {**r["d441_6"]["clients"]["I"]["total"], "nombre": 1,
                                                   "montant": "1200.00"}
    assert _cles(r).get("lettrages_croises") == 1 and "lettrages_sans_credit" not in _cles(r)
    assert "anteriorite" not in _cles(r)


def test_business_central_un_reglement_de_deux_factures():
    texte = BUSINESS_CENTRAL.replace("|1200,00|0,00|||20250915||", "|1200,00|0,00|ENC0001|20251120|20250915||", 1) \
        .replace("600,00|0,00|||20251120||", "1800,00|0,00|||20251120||") \
        .replace("0,00|600,00|103002|", "0,00|1800,00|103001;103002|")
    r = executer({"fichier": texte, "au": "31/12/2025"})
    assert r["balance_agee"]["total"] == "0.00" and r["lecture"]["rejetees"] == 0
    assert {n: f["soldee"] for n, f in _factures(r).items()} == {"103001": True, "103002": True}


# Dynamics 365 Finance (MicrosoftDocs, emea-fra-fec-audit-file-structure.md, « EcritureLet ») : le règlement
# porte sa propre pièce, la facture celles de ses règlements, séparées par une virgule ; Montant et Sens.
DYNAMICS_365 = "\n".join("\t".join(l.split("|")) for l in (
    "JournalCode|JournalLib|EcritureNum|EcritureDate|CompteNum|CompteLib|CompAuxNum|CompAuxLib|PieceRef|PieceDate|EcritureLib|Montant|Sens|EcritureLet|DateLet|ValidDate|Montantdevise|Idevise",
    "FRCINV|Facture client|FRCINV-000101|20250901|411100|Clients|C-001|Contoso SARL|FA-101|20250901|Facture FA-101|1000.00|D|||20250901|1000.00|EUR",
    "FRCINV|Facture client|FRCINV-000101|20250901|706000|Prestations|||FA-101|20250901|Facture FA-101|1000.00|C|||20250901|1000.00|EUR",
    "FRCINV|Facture client|FRCINV-000102|20251001|411100|Clients|C-001|Contoso SARL|FA-102|20251001|Facture FA-102|600.00|D|FRCPAY-000201,FRCPAY-000202|20251105|20251001|600.00|EUR",
    "FRCINV|Facture client|FRCINV-000102|20251001|706000|Prestations|||FA-102|20251001|Facture FA-102|600.00|C|||20251001|600.00|EUR",
    "FRCPAY|Paiement client|FRCPAY-000201|20251020|512000|Banque|||FRCPAY-000201|20251020|Paiement|300.00|D|||20251020|300.00|EUR",
    "FRCPAY|Paiement client|FRCPAY-000201|20251020|411100|Clients|C-001|Contoso SARL|FRCPAY-000201|20251020|Paiement|300.00|C|FRCPAY-000201|20251105|20251020|300.00|EUR",
    "FRCPAY|Paiement client|FRCPAY-000202|20251105|512000|Banque|||FRCPAY-000202|20251105|Paiement|300.00|D|||20251105|300.00|EUR",
    "FRCPAY|Paiement client|FRCPAY-000202|20251105|411100|Clients|C-001|Contoso SARL|FRCPAY-000202|20251105|Paiement|300.00|C|FRCPAY-000202|20251105|20251105|300.00|EUR")) + "\n"


def test_dynamics_365_une_facture_payee_en_deux_fois():
    r = executer({"fichier": DYNAMICS_365, "au": "31/12/2025"})
    assert r["balance_agee"]["total"] == "1000.00" and r["balance_agee"]["tranches"]["91_plus"]["montant"] == "1000.00"
    f = _factures(r)
    # FA-101 échue le 01/10 : 1 000 × 12,15 % × 91 / 365 = 30,29 ; FA-102 échue le 31/10, 300 € payés le
    # 05/11 : 300 × 12,15 % × 5 / 365 = 0,50.
    assert (f["FA-101"]["penalites"], f["FA-102"]["penalites"], f["FA-102"]["soldee"]) == ("30.29", "0.50", True)
    assert _cles(r).get("lettrages_croises") == 1


def test_un_lettrage_ordinaire_a_codes_numeriques_n_est_pas_reuni():
    """Codes et pièces numériques : la facture 1 porte le code « 5 » (lettrée avec un autre compte), qui
    est aussi la pièce du règlement lettré « 7 » avec la facture 2. Le code « 7 » est des deux côtés : un
    lettrage ordinaire, que la pièce « 5 » ne doit pas réunir au « 5 » (la facture 1 serait soldée)."""
    lignes = (
        "VE|Ventes|1|20250901|411000|Clients|C1|Alpha|1|20250901|Facture 1|100,00|0,00|5||20250901||",
        "VE|Ventes|1|20250901|706000|Ventes|||1|20250901|Facture 1|0,00|100,00|||20250901||",
        "VE|Ventes|2|20250902|411000|Clients|C1|Alpha|2|20250902|Facture 2|100,00|0,00|7||20250902||",
        "VE|Ventes|2|20250902|706000|Ventes|||2|20250902|Facture 2|0,00|100,00|||20250902||",
        "BQ|Banque|3|20250910|411000|Clients|C1|Alpha|5|20250910|Règlement|0,00|100,00|7||20250910||",
        "BQ|Banque|3|20250910|512000|Banque|||5|20250910|Règlement|100,00|0,00|||20250910||")
    r = executer({"fichier": ENTETE + "\n".join(lignes) + "\n", "au": "31/12/2025"})
    assert {n: f["soldee"] for n, f in _factures(r).items()} == {"1": False}  # la facture 2 payée à temps
    assert r["balance_agee"]["total"] == "100.00" and "lettrages_croises" not in _cles(r)
    assert _cles(r).get("lettrages_sans_credit") == 1


# Dolibarr, export « Factures clients et règlements » (htdocs/core/modules/modFacture.class.php, jeu 2 ;
# libellés de htdocs/langs/fr_FR ; exportcsv.class.php : virgule, séparateur après chaque cellule) : une
# ligne par (facture, règlement) ; « Montant paiement » est le règlement entier (1 800 € pour deux factures),
# « Montant paiement affecté à la facture » sa part sur cette facture.
DOLIBARR_REGLEMENTS = (
    "Raison sociale,Code client,Réf. facture,Réf. client,Type,Date facturation,Date échéance,Total HT,Total TTC,"
    "Payé complètement,Statut facture,Créance,Ref paiement,Montant paiement,Montant paiement affecté à la facture,"
    "Date paiement,\n"
    "Adatum SA,CU2501-00001,FA2509-0001,BC-778,0,2025-09-15,2025-10-15,1000.00000000,1200.00000000,1,2,0,"
    "PAY2511-0001,1800.00000000,1200.00000000,2025-11-20,\n"
    "Adatum SA,CU2501-00001,FA2510-0002,BC-790,0,2025-10-15,2025-11-14,500.00000000,600.00000000,1,2,0,"
    "PAY2511-0001,1800.00000000,600.00000000,2025-11-20,\n"
    "Trey Research,CU2501-00002,FA2510-0003,,0,2025-10-01,2025-10-31,750.00000000,900.00000000,0,1,900,,,,,\n")


def test_dolibarr_la_part_du_reglement_affectee_a_chaque_facture():
    r = executer({"fichier": DOLIBARR_REGLEMENTS, "au": "31/12/2025"})
    assert r["lecture"]["rejetees"] == 0
    assert (r["balance_agee"]["total"], r["balance_agee"]["non_affecte"]) == ("900.00", "0.00")
    # Trey Research, échue le 31/10 : 900 × 12,15 % × 61 / 365 = 18,27 ; Adatum, payées le 20/11 :
    # 1 200 × 12,15 % × 36 / 365 = 14,38 et 600 × 12,15 % × 6 / 365 = 1,20 ; 3 × 40 €.
    assert {n: f["penalites"] for n, f in _factures(r).items()} == {
        "FA2509-0001": "14.38", "FA2510-0002": "1.20", "FA2510-0003": "18.27"}
    assert (r["penalites"]["total_penalites"], r["penalites"]["total_indemnites"]) == ("33.85", "120.00")


def test_dolibarr_les_codes_de_statut():
    """« Statut facture » de Dolibarr : 0 brouillon, 1 validée, 2 payée, 3 abandonnée ; « Créance » : le reste."""
    texte = ("Raison sociale,Code client,Réf. facture,Date facturation,Date échéance,Total TTC,Statut facture,Créance,\n"
             "Adatum SA,CU1,FA2510-0002,2025-10-15,2025-11-14,600.00000000,1,600,\n"
             "Adatum SA,CU1,(PROV7),2025-12-20,2026-01-19,2400.00000000,0,2400,\n"
             "Trey Research,CU2,FA2510-0003,2025-10-01,2025-10-31,900.00000000,3,900,\n"
             "Trey Research,CU2,FA2509-0009,2025-09-01,2025-10-01,300.00000000,2,0,\n")
    r = executer({"fichier": texte, "au": "31/12/2025"})
    assert r["balance_agee"]["total"] == "600.00"
    assert _cles(r).get("statuts_ecartes") == 2


def test_une_colonne_paye_oui_non():
    texte = "Client;N° facture;Date;Montant TTC;Payé\nDupont;F1;15/09/2025;1200,00;Oui\nMartin;F2;01/11/2025;600,00;Non\n"
    r = executer({"fichier": texte, "au": "31/12/2025"})
    assert r["balance_agee"]["total"] == "600.00" and not r["lecture"]["remarques"]
    assert _cles(r).get("reste_sans_date") == 1  # payée à une date que le fichier ne donne pas : dit


def test_des_dates_a_l_americaine_sont_refusees_pas_inversees():
    """« 1/20/2025 » prouve l'ordre mois/jour : lu jour d'abord, « 1/5/2025 » devenait le 1er mai."""
    texte = ("Client,N° facture,Date,Montant TTC,Date paiement\nDupont,F1,1/5/2025,1200.00,\n"
             "Martin,F2,1/20/2025,600.00,\nDurand,F3,3/10/2025,300.00,3/20/2025\n")
    r = executer({"fichier": texte, "au": "31/12/2025"})
    assert not r["ok"]
    e = r["erreurs"][0]
    assert "mois/jour/année" in e["message"] and "1/20/2025" in e["message"] and e["ligne"] == 3


def test_une_date_fautive_dans_un_fichier_a_la_francaise_reste_une_ligne_rejetee():
    texte = ("Client;N° facture;Date;Montant TTC\nDupont;F1;25/01/2025;1200,00\nMartin;F2;01/20/2025;600,00\n"
             "Durand;F3;03/02/2025;300,00\n")
    r = executer({"fichier": texte, "au": "31/12/2025"})
    assert r["ok"] and r["lecture"]["rejetees"] == 1 and r["balance_agee"]["total"] == "1500.00"


@pytest.mark.parametrize("en_octets", [False, True], ids=["texte", "octets"])
def test_un_fec_xml_est_nomme(en_octets):
    xml = '<?xml version="1.0" encoding="UTF-8"?>\n<comptabilite><exercice><DateCloture>2025-12-31</DateCloture>'
    xml += "</exercice></comptabilite>\n"
    r = executer({"fichier": xml.encode("utf-8") if en_octets else xml, "au": "31/12/2025"})
    assert not r["ok"] and "FEC au format XML" in r["erreurs"][0]["message"]


def test_un_fec_sans_compte_de_tiers_le_dit():
    """FEC de comptabilité de trésorerie (BNC, A47 A-1) : recettes en 512 et 706, aucun 411."""
    texte = (ENTETE.rstrip("\r\n") + "|DateRglt|ModeRglt|NatOp|IdClient\n"
             "BQ|Banque|1|20251015|512000|Banque|||H1|20251015|Honoraires|1200,00|0,00|||20251015||||20251015|VIR||\n"
             "BQ|Banque|1|20251015|706000|Honoraires|||H1|20251015|Honoraires|0,00|1200,00|||20251015||||20251015|VIR||\n")
    r = executer({"fichier": texte, "au": "31/12/2025"})
    assert r["ok"] and any("Aucune ligne de compte client ni fournisseur" in a for a in r["avertissements"])


def test_openflyers_un_client_par_libelle_du_compte_411():
    """Modèle d'export FEC d'OpenFlyers : « CompteNum: First 3 numbers of the account », le client dans CompteLib."""
    lignes = ("VEN|Journal des ventes|9574|20251001|411|411claratte|||56|20251001|Heures de vol|200,00|0,00|||20251002||",
              "VEN|Journal des ventes|9574|20251001|706|70611|||||Heures de vol|0,00|200,00|||20251002||",
              "VEN|Journal des ventes|9575|20251015|411|411dupont|||57|20251015|Heures de vol|300,00|0,00|||20251016||",
              "VEN|Journal des ventes|9575|20251015|706|70611|||||Heures de vol|0,00|300,00|||20251016||",
              "BQ|Banque|9576|20251020|512|512000|||58|20251020|Paiement dupont|300,00|0,00|||20251020||",
              "BQ|Banque|9576|20251020|411|411dupont|||58|20251020|Paiement dupont|0,00|300,00|||20251020||")
    r = executer({"fichier": ENTETE + "\n".join(lignes) + "\n", "au": "31/12/2025"})
    # Claratte doit la facture 56, échue le 31/10 : 200 × 12,15 % × 61 / 365 = 4,06 ; Dupont a payé la 57 à temps.
    assert [(f["nom"], f["facture"], f["penalites"]) for f in r["penalites"]["factures"]] == [("411claratte", "56", "4.06")]
    assert r["balance_agee"]["total"] == "200.00" and _cles(r).get("comptes_a_plusieurs_libelles") == 1


def test_le_compte_auxiliaire_multi_clients_est_signale_et_ses_reglements_restent_deux():
    lignes = ("VENTES|Ventes|11|20251001|411000|Clients|C10000|Adatum SA|103001|20251001|Facture|1200,00|0,00|||20251001||",
              "VENTES|Ventes|11|20251001|706000|Prestations|||103001|20251001|Facture|0,00|1200,00|||20251001||",
              "ENCAISS|Encaissements|13|20251030|411000|Clients|*|multi-clients|REM001|20251030|Remise|0,00|1200,00|||20251030||",
              "ENCAISS|Encaissements|13|20251030|411000|Clients|*|multi-clients|REM001|20251030|Remise|0,00|600,00|||20251030||",
              "ENCAISS|Encaissements|13|20251030|512000|Banque|||REM001|20251030|Remise|1800,00|0,00|||20251030||")
    r = executer({"fichier": ENTETE + "\n".join(lignes) + "\n", "au": "31/12/2025"})
    cles = _cles(r)
    assert cles.get("lignes_multi_clients") == 2 and "echeances_reunies" not in cles


def test_balance_par_client_sans_colonne_toujours_nulle():
    """À 1 366 px, dix colonnes de montants à six chiffres sortaient le total du cadre : l'à-nouveau
    sans détail et le crédit non affecté n'ont leur colonne que si un client en a."""
    tableau = lambda r: next(t for t in r["affichage"]["tableaux"] if t["titre"].startswith("Balance âgée des clients au"))  # noqa: E731
    sans = tableau(executer({"fichier": BUSINESS_CENTRAL, "au": "31/12/2025"}))
    assert "Crédit non affecté" not in sans["colonnes"] and "À-nouveau sans détail" not in sans["colonnes"]
    assert sans["colonnes"][-1] == "Total" and len(sans["lignes"][0]) == len(sans["colonnes"]) == len(sans["pied"])
    assert sans["numeriques"] == list(range(2, len(sans["colonnes"]))) and sans["titre_ligne"] == 1
    acompte = ("ENCAISS|Encaissements|104|20251125|512000|Banque|BQ1|Banque|ENC0002|20251125|Acompte|100,00|0,00|||20251125||\r\n"
               "ENCAISS|Encaissements|104|20251125|411000|Clients|C20000|Trey|ENC0002|20251125|Acompte|0,00|100,00|||20251125||\r\n")
    avec = tableau(executer({"fichier": BUSINESS_CENTRAL + acompte, "au": "31/12/2025"}))
    assert "Crédit non affecté" in avec["colonnes"] and len(avec["lignes"][0]) == len(avec["colonnes"])


def test_une_citation_dans_un_seul_sens_ne_reunit_rien():
    """Trouvé par un audit : un règlement lettré « 2 » (code d'un seul côté) et la facture de pièce « 2 »
    lettrée « 14 » étaient réunis, alors que la facture ne cite pas le règlement (pièce « P9 ») : dans un FEC
    ordinaire aux codes et pièces numériques, une rencontre de hasard. Business Central cite dans les deux sens."""
    lignes = ("VE|Ventes|1|20250901|411000|Clients|C1|Alpha|1|20250901|Facture 1|100,00|0,00|||20250901||",
              "VE|Ventes|1|20250901|706000|Ventes|||1|20250901|Facture 1|0,00|100,00|||20250901||",
              "VE|Ventes|2|20250902|411000|Clients|C1|Alpha|2|20250902|Facture 2|100,00|0,00|14||20250902||",
              "VE|Ventes|2|20250902|706000|Ventes|||2|20250902|Facture 2|0,00|100,00|||20250902||",
              "BQ|Banque|3|20250910|411000|Clients|C1|Alpha|P9|20250910|Règlement|0,00|100,00|2||20250910||",
              "BQ|Banque|3|20250910|512000|Banque|||P9|20250910|Règlement|100,00|0,00|||20250910||")
    r = executer({"fichier": ENTETE + "\n".join(lignes) + "\n", "au": "31/12/2025"})
    assert "lettrages_croises" not in _cles(r)
    # Le règlement, sans facture de son code, va par antériorité à la facture 1 ; la 2 reste due.
    assert {n: f["soldee"] for n, f in _factures(r).items()} == {"2": False}


def test_une_ligne_de_tiers_recopiee_dans_son_ecriture_comptee_une_fois():
    """Trouvé par un audit (fuzz) : la ligne client d'une facture, doublée par l'export, doublait la
    facture (2 400 € au lieu de 1 200) et ses pénalités ; seule une « écriture non équilibrée » le disait."""
    client = "VE|Ventes|1|20250301|411000|Clients|C1|Dupont|F1|20250301|Facture F1|1200,00|0,00|||20250301||"
    vente = "VE|Ventes|1|20250301|706000|Ventes|||F1|20250301|Facture F1|0,00|1200,00|||20250301||"
    r = executer({"fichier": ENTETE + "\n".join([client, client, vente]) + "\n", "au": "31/12/2025"})
    assert r["balance_agee"]["total"] == "1200.00" and _cles(r).get("lignes_repetees") == 1
    assert "desequilibres" not in _cles(r)
    assert any("répète la ligne 2" in x["message"] for x in r["lecture"]["remarques"])


@pytest.mark.parametrize("taille", [1, 7, 8, 1 << 20])
def test_le_meme_verdict_quelle_que_soit_la_taille_des_morceaux(taille):
    """Trouvé par un audit (fuzz) : lu par morceaux de moins de 8 octets, un tableau en UTF-16 sans BOM
    était refusé comme binaire, et un FEC XML recevait un autre message."""
    from calculators.portefeuille import Analyse

    def lire(octets):
        a = Analyse({})
        for i in range(0, len(octets), taille):
            if not a.ajouter(octets[i:i + taille])["ok"]:
                break
        a.terminer()
        r = a.resultat({"au": "31/12/2025"}, affichage=False)
        return r["balance_agee"]["total"] if r["ok"] else r["erreurs"][0]["message"]

    utf16 = "Client;N° facture;Date facture;Montant TTC\nC1;F1;01/02/2025;100,00\n".encode("utf-16-le")
    assert lire(utf16) == "100.00"
    assert lire(b'<?xml version="1.0"?>\n<comptabilite><exercice></exercice></comptabilite>\n').startswith(
        "Ce fichier est un FEC au format XML")


def test_un_euro_en_iso_8859_15_est_lu():
    texte = "Client;N° facture;Date facture;Montant TTC\nC1;F1;01/02/2025;1 200,00 €\n"
    r = executer({"fichier": texte.encode("iso-8859-15"), "au": "31/12/2025"})
    assert r["ok"] and r["balance_agee"]["total"] == "1200.00" and r["lecture"]["rejetees"] == 0


def test_une_ligne_de_fec_privee_d_une_colonne_au_milieu_est_rejetee():
    """Trouvé par un audit (fuzz) : 17 champs, « Idevise manquante » en apparence, mais CompAuxLib perdu :
    les montants décalés d'un rang, la facture lue 0 €. Complétée, la ligne doit se lire comme un FEC."""
    facture = "VE|Ventes|1|20250301|411000|Clients|C1|Dupont|F1|20250301|Facture F1|1200,00|0,00|||20250301||"
    vente = "VE|Ventes|1|20250301|706000|Ventes|||F1|20250301|Facture F1|0,00|1200,00|||20250301||"
    r = executer({"fichier": ENTETE + facture.replace("|Dupont|", "|", 1) + "\n" + vente + "\n", "au": "31/12/2025"})
    assert r["lecture"]["rejetees"] == 1 and "17 colonnes au lieu de 18" in r["lecture"]["rejets"][0]["message"]


def test_une_valeur_demesuree_est_citee_en_abrege():
    """Trouvé par un audit (fuzz) : un montant de 99 000 caractères donnait un message de 99 110 caractères,
    répété dans le résultat (2,2 Mo pour vingt lignes). La valeur est citée par ses 60 premiers caractères."""
    facture = "VE|Ventes|1|20250301|411000|Clients|C1|Dupont|F1|20250301|Facture F1|" + "1" * 99_000 + "|0,00|||20250301||"
    autre = "VE|Ventes|2|20250301|411000|Clients|C1|Dupont|F2|20250301|Facture F2|100,00|0,00|||20250301||"
    r = executer({"fichier": ENTETE + facture + "\n" + autre + "\n", "au": "31/12/2025"})
    message = r["lecture"]["rejets"][0]["message"]
    assert "1" * 60 + "… »" in message and len(message) < 400
