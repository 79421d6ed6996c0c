"""Poste clients : les fichiers de vrais logiciels (Odoo, Dolibarr, ERPNext, Excel, Sellsy, Zoho), tels
que leur code les écrit, et ce qu'ils faisaient dire de faux à l'analyse.

Sources des formats : Odoo `addons/l10n_fr_fec/wizard/account_fr_fec.py` (PieceRef « - » faute de
référence, numéro de facture dans EcritureNum) ; Dolibarr
`htdocs/accountancy/class/accountancyexport.class.php` (`exportFEC` : PieceDate = date de
création de l'écriture ; colonnes ajoutées DateLimitReglmt, NumFacture, FichierFacture ; export
« factures clients » à huit décimales) ; rapport FEC d'ERPNext de Dokos (`france_reports`), qui
coupe « ACC-SINV-2025-00001 » en JournalCode « ACC » et EcritureNum « SINV ». Liste des factures
de Sellsy : « ; », ISO-8859-1, colonnes « Numéro », « Montant dû TTC », « Statut » (« Payée »,
« Paiement partiel », « Retard », « À régler ») relevées dans du code qui la relit (le nom de la
colonne du client n'y figure pas : « Client » ici). Export des factures de Zoho : en-têtes anglais
(« Invoice Date, Invoice ID, Invoice Number, Invoice Status, Customer ID, Customer Name, Due Date,
… SubTotal, Total, Balance »), une ligne par article, la facture répétée sur chacune.

Taux BCE + 10 points : S1 2025 13,15 % ; délai supplétif de 30 jours sans échéance au fichier.
"""

from __future__ import annotations

import subprocess
import sys

from calculators.portefeuille import executer

ENTETE = ("JournalCode|JournalLib|EcritureNum|EcritureDate|CompteNum|CompteLib|CompAuxNum|CompAuxLib|PieceRef|"
          "PieceDate|EcritureLib|Debit|Credit|EcritureLet|DateLet|ValidDate|Montantdevise|Idevise")


def _fec(lignes: list[str], entete: str = ENTETE) -> str:
    return "\r\n".join([entete] + lignes) + "\r\n"


def _vente(journal: str, numero: str, date: str, aux: str, piece: str, ttc: str, ht: str, tva: str,
           date_piece: str | None = None, sep: str = "|", suite: str = "") -> list[str]:
    """Les trois lignes d'une facture (411 au débit, 706 et 44571 au crédit)."""
    dp = date_piece or date
    champs = [
        [journal, "Ventes", numero, date, "411000", "Clients", aux, aux, piece, dp, "Facture", ttc, "0,00"],
        [journal, "Ventes", numero, date, "706000", "Prestations", "", "", piece, dp, "Facture", "0,00", ht],
        [journal, "Ventes", numero, date, "445710", "TVA", "", "", piece, dp, "Facture", "0,00", tva],
    ]
    return [sep.join(c + ["", "", date, "", ""]) + suite for c in champs]


def _cles(r: dict) -> dict:
    return {h["cle"]: h["nombre"] for h in r["hypotheses"]}


def test_odoo_pieceref_tiret_prend_le_numero_d_ecriture():
    """Odoo écrit PieceRef « - » quand la facture n'a pas de référence (le cas courant) : le numéro
    de la facture est celui de l'écriture. Avant : « facture n° » vide partout, lettre comprise."""
    texte = _fec(_vente("INV", "INV/2025/00002", "20250215", "C1", "-", "600,00", "500,00", "100,00"))
    r = executer({"fichier": texte, "au": "31/03/2025"})
    (ouverte,) = r["factures_ouvertes"]
    assert (ouverte["facture"], ouverte["reste"]) == ("INV/2025/00002", "600.00")
    assert _cles(r)["numero_d_ecriture"] == 1
    # Une référence écrite reste la référence.
    r = executer({"fichier": _fec(_vente("VE", "12", "20250215", "C1", "F-77", "600,00", "500,00", "100,00")),
                  "au": "31/03/2025"})
    assert r["factures_ouvertes"][0]["facture"] == "F-77" and "numero_d_ecriture" not in _cles(r)


def test_dolibarr_piecedate_posterieure_a_l_ecriture():
    """Dolibarr (« FEC ») écrit dans PieceDate le jour où l'écriture a été créée : une facture du
    15/02/2025 journalisée le 07/04 était datée du 07/04, échue le 07/05, donc « non échue » au
    31/03. Elle est échue le 17/03 (15/02 + 30 jours) : 14 jours de retard au 31/03, tranche 1-30."""
    texte = _fec(_vente("VT", "1", "20250215", "C1", "FA2502-0002", "480,00", "400,00", "80,00",
                        date_piece="20250407"))
    r = executer({"fichier": texte, "au": "31/03/2025"})
    tranches = r["balance_agee"]["tranches"]
    assert (tranches["non_echu"]["montant"], tranches["1_30"]["montant"]) == ("0.00", "480.00")
    assert r["factures_ouvertes"][0]["date"] == "2025-02-15"
    assert _cles(r)["piecedate_posterieure"] == 1  # la ligne du client (seule gardée)


def test_dolibarr_date_limite_de_reglement_lue():
    """DateLimitReglmt (19e colonne de Dolibarr et d'ERPNext) : la facture du 15/02 due le 30/04
    n'est pas échue au 31/03 (le délai supplétif l'aurait dite en retard de 14 jours), et aucune
    échéance n'est dite « calculée faute d'échéance dans le fichier »."""
    entete = ENTETE.replace("|", "\t") + "\tDateLimitReglmt\tNumFacture\tFichierFacture"
    lignes = [ligne + ("\t20250430\tFA2502-0002\t" if i == 0 else "\t\t\t")
              for i, ligne in enumerate(_vente("VT", "1", "20250215", "C1", "FA2502-0002", "480,00", "400,00",
                                               "80,00", sep="\t"))]
    r = executer({"fichier": _fec(lignes, entete), "au": "31/03/2025"})
    assert r["factures_ouvertes"][0]["echeance"] == "2025-04-30"
    assert r["balance_agee"]["tranches"]["non_echu"]["montant"] == "480.00"
    assert "echeances_calculees" not in _cles(r)
    # Illisible : gardée, signalée, échéance calculée (15/02 + 30 jours = 17/03).
    lignes[0] = lignes[0].replace("\t20250430\t", "\t2025/04/30\t")
    r = executer({"fichier": _fec(lignes, entete), "au": "31/03/2025"})
    assert r["factures_ouvertes"][0]["echeance"] == "2025-03-17"
    assert any("DateLimitReglmt" in x["message"] for x in r["lecture"]["remarques"])


def test_meme_numero_a_plusieurs_dates_lu_comme_plusieurs_ecritures():
    """ERPNext (Dokos) : toutes les factures portent JournalCode « ACC » et EcritureNum « SINV ».
    Lues comme une seule écriture, la facture de 1 200 € (10/01) et l'avoir de 120 € (20/01)
    faisaient un avoir lu comme un règlement : chiffre d'affaires TTC 1 200 au lieu de 1 080."""
    facture = _vente("ACC", "SINV", "20250110", "C1", "F1", "1200,00", "1000,00", "200,00")
    avoir = ["ACC|Ventes|SINV|20250120|411000|Clients|C1|C1|A1|20250120|Avoir|0,00|120,00|||20250120||",
             "ACC|Ventes|SINV|20250120|706000|Prestations|||A1|20250120|Avoir|100,00|0,00|||20250120||",
             "ACC|Ventes|SINV|20250120|445710|TVA|||A1|20250120|Avoir|20,00|0,00|||20250120||"]
    r = executer({"fichier": _fec(facture + avoir), "au": "31/03/2025"})
    assert r["chiffres"]["ca_ttc"] == "1080.00"
    assert r["lecture"]["ecritures"] == 2
    assert any(a.startswith("1 numéro d'écriture repris à une autre date") for a in r["avertissements"])


def test_excel_windows_1252_avec_des_euros_n_est_pas_du_mac_roman():
    """« 1 200,00 € » en Windows-1252 : l'euro (0x80) et l'espace insécable (0xA0) sont « Ä » et
    « † » en Mac Roman ; comptés comme des lettres de Mac Roman, ils faisaient refuser le fichier."""
    texte = ("Client;N° facture;Date facture;Montant TTC\r\n"
             "Dupont;F1;15/02/2025;1\xa0200,00 €\r\nMartin;F2;01/03/2025;360,00 €\r\nDurand;F3;02/03/2025;10,00 €\r\n")
    r = executer({"fichier": texte.encode("cp1252"), "au": "31/03/2025"})
    assert r["ok"] and r["encodage"] == "cp1252"
    assert r["balance_agee"]["total"] == "1570.00"


def test_montants_a_huit_decimales_ou_une_seule_ecrits_au_centime():
    """Dolibarr exporte « 1200.00000000 », la liste d'Odoo « 600.0 » : le JSON et les CSV
    gardaient ces décimales (« 3474.56000000 », « 600,00000000 »). Un montant à trois décimales
    non nulles est arrondi au centime (10,0050 → 10,01 ; « 10.005 » seul est refusé comme ambigu,
    voir `valeurs_tableur`) et l'hypothèse le dit."""
    texte = ("Client;N° facture;Date facture;Montant TTC\n"
             "A;F1;15/02/2025;1200.00000000\nB;F2;15/02/2025;600.0\nC;F3;15/02/2025;10.0050\n")
    r = executer({"fichier": texte, "au": "31/03/2025"})
    assert sorted(f["montant"] for f in r["factures_ouvertes"]) == ["10.01", "1200.00", "600.00"]
    assert r["balance_agee"]["total"] == "1810.01"
    assert _cles(r)["montants_arrondis"] == 1



def test_montants_du_fec_au_centime():
    """« 1200,5 » dans un FEC sortait « 1200.5 » du JSON et « 1200,5 » du relevé CSV ; trois
    décimales sont arrondies, et c'est dit."""
    lignes = _vente("VE", "1", "20250215", "C1", "F1", "1200,5", "1000,4", "200,1")
    lignes += _vente("VE", "2", "20250216", "C2", "F2", "10,005", "8,3375", "1,6675")
    r = executer({"fichier": _fec(lignes), "au": "31/03/2025"})
    assert sorted((f["montant"], f["reste"]) for f in r["factures_ouvertes"]) == [("10.01", "10.01"),
                                                                                ("1200.50", "1200.50")]
    assert _cles(r)["montants_arrondis"] == 1

def test_colonnes_de_la_liste_des_factures_d_odoo():
    """« Partenaire », « Total signé », « Montant dû signé » : reconnues sans correspondance."""
    texte = ('"Numéro","Partenaire","Date de facturation","Date d\'échéance","Total signé","Montant dû signé"\n'
             '"INV/2025/00002","Dupont SARL","2025-02-15","2025-03-17","600.0","480.0"\n')
    r = executer({"fichier": texte, "au": "31/03/2025"})
    assert r["ok"], r.get("erreurs")
    assert r["balance_agee"]["tranches"]["1_30"]["montant"] == "480.00"


def test_periode_par_defaut_d_une_analyse_en_fin_de_mois():
    """Analyse au 31/03/2025 : la période est du 01/04/2024 au 31/03/2025, comme celle du DSO
    simple. Avant : du 29/03/2024, et une facture de 10 000 € du 30/03/2024 comptait dans le
    chiffre d'affaires (11 200 € au lieu de 1 200) et dans la base du tableau D441-6."""
    texte = ("Client;N° facture;Date facture;Montant TTC;Date de paiement\n"
             "A;F0;30/03/2024;10000,00;29/04/2024\nB;F1;15/02/2025;1200,00;\n")
    r = executer({"fichier": texte, "au": "31/03/2025"})
    assert r["debut"] == "2024-04-01"
    assert r["chiffres"]["ca_ttc"] == "1200.00"
    assert r["d441_6"]["clients"]["I"]["total"]["pourcentage"] == "100.00"


def test_montant_demesure_ligne_rejetee_sans_trace_d_erreur():
    """Un « montant » de 30 chiffres (colonnes décalées) faisait lever l'arrondi au centime des
    pénalités (28 chiffres de Decimal) : une trace d'erreur au lieu d'un résultat. La ligne est
    rejetée avec son numéro et sa colonne ; le reste est analysé."""
    texte = ("Client;N° facture;Date facture;Montant TTC\n"
             "A;F1;01/01/2025;123456789012345678901234567890\nB;F2;15/02/2025;100,00\n")
    r = executer({"fichier": texte, "au": "31/03/2025"})
    assert r["ok"] and r["balance_agee"]["total"] == "100.00"
    assert r["lecture"]["rejets"][0]["message"].startswith(
        "Ligne 2, colonne « Montant TTC » : « 123456789012345678901234567890 » dépasse un million de milliards")
    fec = _fec(_vente("VE", "1", "20250101", "C1", "F1", "1000000000000000,00", "0,00", "0,00")
               + _vente("VE", "2", "20250215", "C2", "F2", "120,00", "100,00", "20,00"))
    r = executer({"fichier": fec, "au": "31/03/2025"})
    assert r["ok"] and r["balance_agee"]["total"] == "120.00"
    assert r["lecture"]["rejets"][0]["colonne"] == "Debit"


def test_ligne_de_commande_montant_demesure(tmp_path):
    """La même chose en ligne de commande : code 0, un résumé en français, aucune trace d'erreur."""
    fichier = tmp_path / "factures.csv"
    fichier.write_text("Client;N° facture;Date facture;Montant TTC\nA;F1;01/01/2025;123456789012345678901234567890\nB;F2;15/02/2025;100,00\n",
                       encoding="utf-8")
    sortie = subprocess.run([sys.executable, "-m", "calculators", "portefeuille", "--fichier", str(fichier),
                             "--au", "31/03/2025"], capture_output=True, text=True, check=False)
    assert sortie.returncode == 0 and "Traceback" not in sortie.stderr
    assert "100,00" in sortie.stdout


# Le même portefeuille dans les deux logiciels, au 31/12/2025 : payée (1 200), partiellement payée
# (reste 1 600, échue le 31/10 : 61 jours), en retard (2 400, échue le 10/12 : 21 jours), à régler
# (960, non échue), en retard (12 500, échue le 31/08 : 122 jours). Encours : 17 460.
BALANCE_ATTENDUE = {"non_echu": "960.00", "1_30": "2400.00", "31_60": "0.00", "61_90": "1600.00",
                    "91_plus": "12500.00"}
SELLSY = """Numéro;Date;Client;Montant HT;Montant TTC;Montant dû TTC;Statut;Date d'échéance
F-202509-0012;15/09/2025;Boulangerie Lefèvre & Fils;1000,00;1200,00;0,00;Payée;15/10/2025
F-202510-0031;01/10/2025;Café Ôde;3000,00;3600,00;1600,00;Paiement partiel;31/10/2025
F-202511-0044;10/11/2025;Boulangerie Lefèvre & Fils;2000,00;2400,00;2400,00;Retard;10/12/2025
F-202512-0051;05/12/2025;Élan Conseil SARL;800,00;960,00;960,00;À régler;04/01/2026
F-202508-0007;01/08/2025;Café Ôde;10416,67;12500,00;12500,00;Retard;31/08/2025
"""
ZOHO = """Invoice Date,Invoice ID,Invoice Number,Invoice Status,Customer ID,Customer Name,Due Date,Item Name,\
Quantity,Item Price,Item Total,SubTotal,Total,Balance
2025-09-15,4271668000000077301,INV-000101,Paid,4271668000000095001,Boulangerie Lefèvre & Fils,2025-10-15,\
Pain de mie,100,5.00,500.00,1000.00,1200.00,0.00
2025-09-15,4271668000000077301,INV-000101,Paid,4271668000000095001,Boulangerie Lefèvre & Fils,2025-10-15,\
Croissants,250,2.00,500.00,1000.00,1200.00,0.00
2025-10-01,4271668000000077302,INV-000102,PartiallyPaid,4271668000000095002,Café Ôde,2025-10-31,Conseil,3,\
1000.00,3000.00,3000.00,3600.00,1600.00
2025-11-10,4271668000000077303,INV-000103,Overdue,4271668000000095001,Boulangerie Lefèvre & Fils,2025-12-10,\
Maintenance,1,2000.00,2000.00,2000.00,2400.00,2400.00
2025-12-05,4271668000000077304,INV-000104,Sent,4271668000000095003,Élan Conseil SARL,2026-01-04,Audit,1,800.00,\
800.00,800.00,960.00,960.00
2025-08-01,4271668000000077305,INV-000105,Overdue,4271668000000095002,Café Ôde,2025-08-31,Installation,1,\
10416.67,10416.67,10416.67,12500.00,12500.00
2025-12-20,4271668000000077306,INV-000106,Void,4271668000000095003,Élan Conseil SARL,2026-01-19,Audit,1,500.00,\
500.00,500.00,600.00,0.00
2025-12-18,4271668000000077307,INV-000107,Draft,4271668000000095003,Élan Conseil SARL,2026-01-17,Audit,1,\
500.00,500.00,500.00,600.00,600.00
"""


def _tranches(r: dict) -> dict:
    return {c: t["montant"] for c, t in r["balance_agee"]["tranches"].items()}


def test_sellsy_montant_du_ttc_est_le_reste_a_payer():
    """Avant : « Montant dû TTC » non reconnu, une facture payée comptée due à 61-90 jours et un
    encours de 20 660 € au lieu de 17 460 €."""
    r = executer({"fichier": SELLSY.encode("iso-8859-1"), "au": "31/12/2025"})
    assert r["ok"], r.get("erreurs")
    assert _tranches(r) == BALANCE_ATTENDUE and r["balance_agee"]["total"] == "17460.00"
    assert _cles(r)["reste_sans_date"] == 2  # payée, partiellement payée : à des dates que le fichier ne donne pas


def test_zoho_en_tetes_anglais_une_ligne_par_article_et_brouillon_ecarte():
    """Avant : fichier refusé (« il manque le client et la date de facture »). La facture répétée
    sur ses deux articles est comptée une fois ; le brouillon n'est pas une facture émise, et la
    facture annulée (« Void », sans avoir chez Zoho) n'entre pas dans le chiffre d'affaires."""
    r = executer({"fichier": ZOHO, "au": "31/12/2025"})
    assert r["ok"], r.get("erreurs")
    assert _tranches(r) == BALANCE_ATTENDUE and r["balance_agee"]["total"] == "17460.00"
    assert _cles(r)["statuts_ecartes"] == 2
    assert r["chiffres"]["ca_ttc"] == "20660.00"  # 21 260 avec la facture annulée
    noms = {c["compte"]: c["nom"] for c in r["balance_agee"]["clients"]}
    assert noms["4271668000000095002"] == "Café Ôde"
    doublon = next(m for m in r["avertissements"] if "ligne en double" in m)
    assert "une ligne par article" in doublon


def test_statut_paye_sans_reste_et_avoir_ecrit_en_positif():
    """Sans colonne de reste à payer, le statut « Payée » dit que rien n'est dû ; un avoir écrit en
    positif, repéré par son type, vient en déduction au lieu de s'ajouter à l'encours."""
    texte = ("Client;Facture;Date;Montant TTC;Statut;Type\n"
             "Alpha;F1;15/11/2025;1200,00;Payée;Facture\n"
             "Alpha;F2;01/12/2025;600,00;En retard;Facture\n"
             "Alpha;AV1;05/12/2025;100,00;;Avoir\n"
             "Alpha;F3;10/12/2025;900,00;Brouillon;Facture\n")
    r = executer({"fichier": texte, "au": "31/12/2025"})
    assert r["ok"], r.get("erreurs")
    assert r["balance_agee"]["total"] == "500.00"
    assert _cles(r)["avoirs_en_positif"] == 1 and _cles(r)["statuts_ecartes"] == 1
    assert not any("Aucune colonne de règlement" in m for m in r["avertissements"])


def test_correspondance_ecrite_en_francais():
    """« Montant TTC » dans la correspondance : refusé avec une liste de codes (« montant_ht,
    montant_paye… ») qu'un utilisateur ne pouvait pas deviner."""
    texte = "Acheteur;Pièce;Émise le;Somme due\nC001;F1;15/01/2025;1 200,00\n"
    colonnes = [{"champ": "client", "nom": "Acheteur"}, {"champ": "Date de facture", "nom": "Émise le"},
                {"champ": "Montant TTC", "nom": "Somme due"}, {"champ": "numéro de facture", "nom": "Pièce"}]
    r = executer({"fichier": texte, "au": "31/03/2025", "colonnes": colonnes})
    assert r["ok"], r.get("erreurs")
    assert r["balance_agee"]["total"] == "1200.00" and r["factures_ouvertes"][0]["facture"] == "F1"
    r = executer({"fichier": texte, "colonnes": [{"champ": "Somme", "nom": "Somme due"}]})
    assert "écrivez client, nom du client, numéro de facture" in r["erreurs"][0]["message"]


def test_fec_windows_1252_de_sage_ou_d_ebp_noms_intacts():
    """Un FEC sans BOM exporté sous Windows est en Windows-1252, pas en ISO-8859-15 : ses « œ », « ’ » et
    « € » (octets 0x80 à 0x9F) devenaient des caractères de contrôle, à l'écran, dans les exports et
    dans le nom du débiteur des lettres, sans rien dire. Un vrai ISO-8859-15 (« € » en 0xA4) reste lu tel quel."""
    lignes = _vente("VE", "1", "20250115", "C1", "F1", "1200,00", "1000,00", "200,00")
    lignes[0] = lignes[0].replace("|C1|C1|", "|C1|Bœuf d’Œuvre SARL|")
    r = executer({"fichier": _fec(lignes).encode("cp1252"), "au": "31/03/2025"})
    assert r["encodage"] == "iso-8859-15" and not any("illisible" in h["texte"] for h in r["hypotheses"])
    (client,) = r["balance_agee"]["clients"]
    assert client["nom"] == "Bœuf d’Œuvre SARL"
    lignes[0] = lignes[0].replace("Bœuf d’Œuvre SARL", "Café € Š")
    r = executer({"fichier": _fec(lignes).encode("iso-8859-15"), "au": "31/03/2025"})
    assert r["balance_agee"]["clients"][0]["nom"] == "Café € Š"


def test_fec_montant_a_points_de_milliers():
    """« 12.345,67 » (points de milliers, virgule décimale, comme l'écrit un tableur français) : la ligne
    du client était écartée, et avec elle toute la facture, absente de chaque total."""
    lignes = _vente("VE", "1", "20250115", "C1", "F1", "12.345,67", "10.288,06", "2.057,61")
    r = executer({"fichier": _fec(lignes), "au": "31/03/2025"})
    assert r["lecture"]["rejetees"] == 0
    assert r["balance_agee"]["total"] == "12345.67"
