"""Une facture payable en plusieurs fois, une ligne par échéance (Sage, EBP, Cegid) : trouvé par un
audit, le tableau de factures ôtait de l'encours les échéances de même montant (« ligne en double »),
et le FEC comme le tableau comptaient 40 € et une facture du tableau D441-6 par échéance. D441-5 :
une indemnité par facture ; annexe 4-1 : le tableau compte des factures.

Facture F-3X du 01/07/2025, 3 × 1 200 € échus les 31/07, 31/08 et 30/09/2025, impayée au 31/12/2025.
Pénalités (S2 2025 : BCE 2,15 % au 01/07/2025 + 10 = 12,15 %, jours / 365) :
1 200 × 12,15 % × 153 / 365 = 61,12 ; × 122 / 365 = 48,73 ; × 92 / 365 = 36,75 ; total 146,60 €.
"""

from __future__ import annotations

import pytest

from calculators.api import run
from calculators.portefeuille import executer

TABLEAU = ("Code client;Client;N° facture;Date facture;Échéance;Montant TTC\n"
           "C020;Kappa SA;F-3X;01/07/2025;31/07/2025;1 200,00\n"
           "C020;Kappa SA;F-3X;01/07/2025;31/08/2025;1 200,00\n"
           "C020;Kappa SA;F-3X;01/07/2025;30/09/2025;1 200,00\n")
ENTETE = ("JournalCode|JournalLib|EcritureNum|EcritureDate|CompteNum|CompteLib|CompAuxNum|CompAuxLib|PieceRef|PieceDate|"
          "EcritureLib|Debit|Credit|EcritureLet|DateLet|ValidDate|Montantdevise|Idevise|DateLimitReglmt\n")
FEC = ENTETE + "".join(
    f"VE|Ventes|1|20250701|411000|Clients|C020|Kappa SA|F-3X|20250701|Facture F-3X|1200,00|0,00|||20250701|||{e}\n"
    for e in ("20250731", "20250831", "20250930")) + (
    "VE|Ventes|1|20250701|706000|Ventes|||F-3X|20250701|Facture F-3X|0,00|3000,00|||20250701|||\n"
    "VE|Ventes|1|20250701|445710|TVA|||F-3X|20250701|Facture F-3X|0,00|600,00|||20250701|||\n")


@pytest.mark.parametrize("fichier", [TABLEAU, FEC], ids=["tableau", "fec"])
def test_une_facture_en_trois_echeances(fichier):
    r = executer({"fichier": fichier, "au": "31/12/2025"})
    assert r["ok"] and r["lecture"]["rejetees"] == 0
    assert r["balance_agee"]["total"] == "3600.00"
    p = r["penalites"]
    assert [(f["echeance"], f["penalites"], f["indemnite"]) for f in p["factures"]] == [
        ("2025-07-31", "61.12", "40.00"), ("2025-08-31", "48.73", "0.00"), ("2025-09-30", "36.75", "0.00")]
    assert (p["total_penalites"], p["total_indemnites"]) == ("146.60", "40.00")
    i = r["d441_6"]["clients"]["I"]
    assert i["total"]["nombre"] == 1 and i["total"]["montant"] == "3600.00"
    assert r["d441_6"]["clients"]["II"]["base_nombre"] == 1


def test_echeances_inegales_du_tableau_une_facture():
    texte = TABLEAU.replace("30/09/2025;1 200,00", "30/09/2025;1 600,00")
    r = executer({"fichier": texte, "au": "31/12/2025"})
    assert r["balance_agee"]["total"] == "4000.00" and r["penalites"]["total_indemnites"] == "40.00"
    assert not r["lecture"]["remarques"]  # ni « ligne en double » ni « même numéro, autre montant »
    assert any(h["cle"] == "factures_en_echeances" and h["nombre"] == 2 for h in r["hypotheses"])


def test_ligne_repetee_a_la_meme_echeance_reste_un_doublon():
    r = executer({"fichier": TABLEAU + "C020;Kappa SA;F-3X;01/07/2025;31/07/2025;1 200,00\n", "au": "31/12/2025"})
    assert r["balance_agee"]["total"] == "3600.00"
    assert any("ligne en double" in x["message"] for x in r["lecture"]["remarques"])


def test_la_lettre_preremplie_compte_une_indemnite():
    base = {"modele": "mise-en-demeure", "creancier_nom": "A", "creancier_adresse": "1 rue A", "signataire": "B",
            "debiteur_nom": "C", "debiteur_adresse": "2 rue C", "date_lettre": "31/12/2025"}
    factures = [f"F-3X:2025-07-01:1200:{e}" for e in ("2025-07-31", "2025-08-31", "2025-09-30")]
    r = run("lettre", {**base, "factures": factures})
    assert r["ok"], r.get("erreurs")
    assert (r["penalites"], r["indemnites"], r["total"]) == ("146.60", "40.00", "3786.60")


def test_factures_prescrites_marquees_et_dites():
    """Au 31/12/2025 : F2019-014 payée en retard le 01/09/2019 (pénalités exigibles au plus tard ce jour,
    prescrites le 02/09/2024) et F2020-002 impayée, échue le 14/02/2020 (prescrite le 15/02/2025) ;
    F2025-090, échue le 31/10/2025, ne l'est pas (C. com. L110-4, cinq ans)."""
    texte = ("Client;N° facture;Date facture;Échéance;Montant TTC;Date paiement;Montant payé\n"
             "Omega SA;F2019-014;01/03/2019;31/03/2019;24 000,00;01/09/2019;24 000,00\n"
             "Omega SA;F2020-002;15/01/2020;14/02/2020;6 000,00;;\n"
             "Omega SA;F2025-090;01/10/2025;31/10/2025;1 200,00;;\n")
    r = executer({"fichier": texte, "au": "31/12/2025"})
    (h,) = [h for h in r["hypotheses"] if h["cle"] == "prescrites"]
    assert h["nombre"] == 2 and "C. com. art. L110-4" in h["texte"]
    from calculators.portefeuille import Analyse
    import json
    analyse = Analyse({})
    analyse.ajouter(texte.encode())
    analyse.affichage_json(json.dumps({"au": "31/12/2025"}))
    csv = json.loads(analyse.export_json("penalites.csv"))["fichier"]["contenu"]
    lignes = {l.split(";")[2]: l for l in csv.splitlines() if l.count(";") > 3}
    assert "prescription possible" in lignes["F2019-014"] and "prescription possible" in lignes["F2020-002"]
    assert "prescription possible" not in lignes["F2025-090"]


def test_payee_a_une_date_inconnue_hors_du_tableau_ii_et_du_retard_au_paiement():
    """Statut « payée » sans date de paiement : la facture est soldée (encours), mais son retard n'est
    pas connu ; elle entrait dans la colonne « 0 jour » du tableau D441-6 II et faisait un retard moyen
    au paiement de 0 jour. Elle reste dans la base du II (émise dans l'exercice)."""
    texte = ("Client;N° facture;Date facture;Échéance;Montant TTC;Statut\n"
             "Dupont;F1;15/01/2025;14/02/2025;1 000,00;Payée\n"
             "Dupont;F2;15/02/2025;17/03/2025;500,00;\n")
    r = executer({"fichier": texte, "au": "31/12/2025"})
    assert r["balance_agee"]["total"] == "500.00"
    ii = r["d441_6"]["clients"]["II"]
    assert ii["total"]["nombre"] == 0 and ii["base_nombre"] == 2
    assert r["retard_moyen"]["au_paiement"]["factures"] == 0
