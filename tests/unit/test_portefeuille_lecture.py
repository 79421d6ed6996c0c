"""Lecture des fichiers tels que les logiciels les écrivent : encodages, fins de ligne, morceaux
coupés n'importe où, variantes du FEC (LPF art. A47 A-1) et des tableaux de factures."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from calculators.portefeuille import Analyse, executer
from calculators.portefeuille.decodage import Decodeur, Decoupeur
from calculators.portefeuille.lecture_csv import reconnaitre_colonnes
from calculators.portefeuille.valeurs_tableur import lire_montant_tableur
from calculators.portefeuille.entete_fec import reconnaitre_entete
from calculators.portefeuille.valeurs_fec import lire_montant_fec

RACINE = Path(__file__).resolve().parents[2]
CAS = RACINE / "tests" / "cas" / "portefeuille"


def generateur():
    spec = importlib.util.spec_from_file_location("generer_fec", RACINE / "benchmarks" / "generer_fec.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("generer_fec", module)
    spec.loader.exec_module(module)
    return module


def resume(resultat: dict) -> tuple:
    return (resultat["balance_agee"]["total"], resultat["penalites"]["total"], resultat["dso"]["epuisement"]["jours"],
            resultat["lecture"]["rejetees"])


@pytest.mark.parametrize("taille", [1, 2, 3, 7, 64, 4096])
def test_morceaux_coupes_n_importe_ou(taille):
    """Un caractère ISO-8859-15 ou UTF-8 sur deux morceaux, un CRLF coupé en deux : même résultat."""
    for nom in ("fec-montant-sens.txt", "fec-debit-credit.txt", "factures.csv"):
        donnees = (CAS / nom).read_bytes()
        analyse = Analyse()
        for debut in range(0, len(donnees), taille):
            analyse.ajouter(donnees[debut:debut + taille])
        r = analyse.resultat({"au": "31/12/2025"})
        assert resume(r) == ("13900.00", "680.48", "190.3", 0), (nom, taille)
        assert {c["compte"]: c["nom"] for c in r["balance_agee"]["clients"]}["C004"] == "Société Delta"


def test_encodages_devines():
    assert Analyse().ajouter((CAS / "fec-debit-credit.txt").read_bytes())["encodage"] == "utf-8-sig"
    analyse = Analyse()
    analyse.ajouter((CAS / "fec-montant-sens.txt").read_bytes())
    analyse.terminer()
    assert analyse.progression()["encodage"] == "iso-8859-15"  # FEC : ISO-8859-15, que l'arrêté autorise
    analyse = Analyse()
    analyse.ajouter((CAS / "factures.csv").read_bytes())
    analyse.terminer()
    assert analyse.progression()["encodage"] == "cp1252"  # tableur : Windows-1252


def test_decodeur_bascule_sur_le_repli_sans_perte():
    d = Decodeur("iso-8859-15")
    texte = d.decoder(b"JournalCode|A\n") + d.decoder(b"Soci\xe9t\xe9 \xa4\n", final=True)
    assert texte == "JournalCode|A\nSociété €\n" and d.illisibles == 0


def test_unicode_utf16_d_excel():
    texte = (CAS / "factures.csv").read_bytes().decode("cp1252").replace(";", "\t")
    r = executer({"fichier": [texte.encode("utf-16")], "au": "31/12/2025"})
    assert r["ok"] and r["encodage"] == "utf-16" and r["balance_agee"]["total"] == "13900.00"


@pytest.mark.parametrize("fin", ["\n", "\r\n", "\r"])
def test_fins_de_ligne(fin):
    texte = (CAS / "fec-pieges.txt").read_text(encoding="utf-8").replace("\n", fin)
    r = executer({"fichier": [texte[:777], texte[777:]], "au": "31/12/2025"})
    assert resume(r) == ("14300.00", "680.48", "334.5", 0)


def test_decoupeur_garde_la_ligne_inachevee():
    d = Decoupeur()
    assert d.couper("a|b\r") == [] and d.couper("\nc") == ["a|b"] and d.couper("", final=True) == ["c"]
    assert d.numero == 2


def test_fec_colonnes_dans_un_autre_ordre_et_separateur_final():
    lignes = (CAS / "fec-pieges.txt").read_text(encoding="utf-8").splitlines()
    table = [l.split("|") for l in lignes]
    ordre = list(reversed(range(18)))
    texte = "\n".join("|".join(champs[i] for i in ordre) + "|" for champs in table)
    r = executer({"fichier": texte, "au": "31/12/2025"})
    assert resume(r) == ("14300.00", "680.48", "334.5", 0)


def _fec_ecrit_par_csv(quoting: int, sep: str = "|") -> str:
    """Le FEC de cas écrit par le module csv, un nom de client avec des guillemets et un libellé
    avec le séparateur : comme Odoo (`QUOTE_MINIMAL`, fin de ligne collée au dernier champ), ou
    tous les champs entre guillemets (`QUOTE_ALL`)."""
    import csv
    import io

    table = [l.split("\t") for l in (CAS / "fec-debit-credit.txt").read_text(encoding="utf-8-sig").splitlines()]
    for champs in table[1:]:
        if champs[6] == "C001":
            champs[7] = 'Alpha "Le Petit" SARL'
        champs[10] = champs[10] + f" {sep} lot 3"
    sortie = io.StringIO()
    odoo = quoting == csv.QUOTE_MINIMAL
    auteur = csv.writer(sortie, delimiter=sep, lineterminator="" if odoo else "\r\n", quoting=quoting)
    for champs in table:
        auteur.writerow(champs[:-1] + [champs[-1] + "\r\n"] if odoo else champs)
    return sortie.getvalue()


@pytest.mark.parametrize("quoting", ["minimal", "tous"])
def test_fec_aux_champs_entre_guillemets(quoting):
    """Guillemets du module csv : seulement autour des libellés qui contiennent « | » ou « " »
    (Odoo), ou autour de tous les champs : lus comme tels, mêmes chiffres que le FEC sans guillemets."""
    import csv

    texte = _fec_ecrit_par_csv(csv.QUOTE_MINIMAL if quoting == "minimal" else csv.QUOTE_ALL)
    assert texte.count('"') > 20 and "| lot 3\"" in texte
    r = executer({"fichier": texte, "au": "31/12/2025"})
    assert resume(r) == resume(executer({"fichier": (CAS / "fec-debit-credit.txt").read_text(encoding="utf-8-sig"),
                                         "au": "31/12/2025"}))
    assert resume(r) == ("13900.00", "680.48", "190.3", 0)
    noms = {c["compte"]: c["nom"] for c in r["balance_agee"]["clients"]}
    assert noms["C001"] == 'Alpha "Le Petit" SARL' and noms["C004"] == "Société Delta"


def test_fec_guillemet_isole_dans_un_libelle_garde_tel_quel():
    """Un FEC sans guillemets dont un libellé commence par « " » : la ligne n'est pas lue comme
    un CSV (elle perdrait ses colonnes), elle est gardée telle quelle."""
    table = [l.split("\t") for l in (CAS / "fec-debit-credit.txt").read_text(encoding="utf-8-sig").splitlines()]
    for champs in table[1:]:
        champs[10] = '"Urgent' + champs[10]
    r = executer({"fichier": "\n".join("\t".join(c) for c in table), "au": "31/12/2025"})
    assert resume(r) == ("13900.00", "680.48", "190.3", 0)


def test_en_tete_fec_montant_sens_et_19e_colonne():
    entete = (CAS / "fec-montant-sens.txt").read_bytes().decode("iso-8859-15").splitlines()[0]
    e = reconnaitre_entete(entete)
    assert (e.mode, e.separateur, e.nb_colonnes, e.absents) == ("montant-sens", "|", 19, ())


def test_montants_du_fec():
    assert lire_montant_fec(" 000000000001437,12") == Decimal("1437.12")
    assert lire_montant_fec("-12.50") == Decimal("-12.50")
    assert lire_montant_fec("  ") == Decimal("0.00")
    assert lire_montant_fec("1.437,12") == Decimal("1437.12")  # points de milliers devant la virgule : sans ambiguïté
    for faux in ("NaN", "Infinity", "12,5€", "1.43,12", "1,437.12", "abc"):
        with pytest.raises(ValueError):
            lire_montant_fec(faux)


def test_montants_et_colonnes_du_tableur():
    assert [lire_montant_tableur(x) for x in ("1 234,56 €", "1234.56", "1,234.56", "-120", "(5,00)", "1.234.567")] == [
        Decimal("1234.56"), Decimal("1234.56"), Decimal("1234.56"), Decimal(-120), Decimal("-5.00"),
        Decimal(1234567)]
    colonnes = reconnaitre_colonnes(["Code client", "Raison sociale", "N° de facture", "Date d'émission",
                                     "Total TTC", "Échéance", "Réglée le", "Montant réglé", "Date paiement 2",
                                     "Montant payé 2", "Litige"])
    assert colonnes == {"client": 0, "nom": 1, "numero": 2, "date": 3, "montant": 4, "echeance": 5, "paiement": 6,
                        "montant_paye": 7, "paiement_2": 8, "montant_paye_2": 9, "litige": 10}
    # Apostrophe typographique (« d’échéance »), autres tournures courantes des logiciels de facturation.
    colonnes = reconnaitre_colonnes(["Réf. client", "Nom du client", "N° facture", "Date d’émission", "Montant TTC (€)",
                                     "Date d’échéance", "Date du paiement", "Montant payé TTC"])
    assert colonnes == {"client": 0, "nom": 1, "numero": 2, "date": 3, "montant": 4, "echeance": 5, "paiement": 6,
                        "montant_paye": 7}
    # Les en-têtes d'un export de pièces (« Réf. doc », « Date doc », « Échéance le », « Contesté ») : sans
    # eux, la correspondance ne demandait que la date et le montant, et l'échéance, le numéro et le litige
    # étaient perdus (échéances recalculées au délai supplétif).
    assert reconnaitre_colonnes(["Client", "Réf. doc", "Date doc", "Échéance le", "Total TTC", "Contesté"]) == {
        "client": 0, "numero": 1, "date": 2, "echeance": 3, "montant": 4, "litige": 5}
    # Numéro de facture sous les noms d'un export de pièces comptables (sinon perdu, et la mise en demeure
    # proposée refusait chaque facture, faute de numéro).
    for nom in ("Réf. pièce", "N°", "Numéro de pièce", "N° de pièce", "Document", "N° document", "No."):
        assert reconnaitre_colonnes(["Tiers", nom, "Émise le", "Total TTC (€)"])["numero"] == 1, nom


def test_tableau_virgule_point_decimal_dates_iso_echeance_et_litige():
    texte = ('Client,Numero,Date,"Montant TTC",Echeance,"Date paiement","Montant paye","Date paiement 2",Litige\n'
             'Alpha,F1,2025-01-15,1200.00,2025-03-31,2025-02-10,500.00,2025-04-30,\n'
             '"Beta, SA",F2,2025-10-01,"2,400.00",,,,,oui\n')
    r = executer({"fichier": texte, "au": "31/12/2025"})
    assert r["ok"] and r["lecture"]["rejetees"] == 0
    f1 = next(f for f in r["penalites"]["factures"] if f["facture"] == "F1")
    # Échéance du fichier (31/03), pas le délai ; solde de 700 payé le 30/04 (date sans montant : le reste).
    assert (f1["echeance"], f1["fin"], f1["jours"], f1["soldee"]) == ("2025-03-31", "2025-04-30", 30, True)
    assert f1["penalites"] == "7.57"  # 700 × 13,15 % × 30 / 365 = 7,5657…
    assert r["d441_6"]["clients"]["I"]["exclues"] == {"nombre": 1, "montant": "2400.00"}
    assert r["relances"] == []  # la seule facture échue est en litige
    assert {c["nom"] for c in r["balance_agee"]["clients"]} == {"Beta, SA"}


def test_tableau_reste_a_payer_sans_date_de_paiement():
    """Export d'un logiciel de facturation : « Reste à payer », sans dates de paiement. La part
    payée l'est à une date inconnue : comptée réglée à la date de la facture (sans pénalités sur
    elle), et dit ; le reste est dû. Un reste plus grand que la facture est ignoré, la facture
    gardée due (l'écarter l'ôtait de l'encours), et dit."""
    texte = ("Numéro de facture;Client;Date;Date d’échéance;Montant TTC;Reste à payer;Statut\n"
             "F-001;Dupont SARL;15/01/2025;14/02/2025;1200,00;0,00;Payée\n"
             "F-002;Dupont SARL;15/02/2025;17/03/2025;600,00;600,00;En retard\n"
             "F-003;Café des Arts;01/03/2025;31/03/2025;2400,00;1400,00;Partiellement payée\n"
             "F-004;Café des Arts;02/03/2025;01/04/2025;100,00;150,00;?\n")
    r = executer({"fichier": texte, "au": "30/06/2025"})
    assert r["balance_agee"]["total"] == "2100.00"  # 600 + 1 400 + 100 : F-001 est payée, F-004 due
    par_facture = {f["facture"]: f for f in r["penalites"]["factures"]}
    assert set(par_facture) == {"F-002", "F-003", "F-004"}
    # 1 400 € du 01/04 au 30/06/2025 (91 jours) à 13,15 % (BCE au 01/01/2025 + 10) = 45,898…
    assert par_facture["F-003"]["penalites"] == "45.90" and par_facture["F-003"]["indemnite"] == "40.00"
    assert {h["cle"]: h["nombre"] for h in r["hypotheses"]}["reste_sans_date"] == 2
    assert r["lecture"]["rejetees"] == 0
    assert [x["message"] for x in r["lecture"]["remarques"]] == [
        "Ligne 5, colonne « Reste à payer » : le reste à payer (150,00) dépasse ce qui reste dû sur la facture "
        "(100,00\u00a0€) : il est ignoré, la facture est comptée d'après ses règlements (ligne gardée)."]
    assert not any("Aucune colonne de règlement" in a for a in r["avertissements"])


def test_tableau_sans_colonne_de_reglement_averti():
    """Rien ne dit qu'une facture a été payée (une colonne « Suivi » que l'analyse ne lit pas) :
    toutes sont comptées dues, et l'avertissement le dit en nommant les colonnes laissées de côté.
    Une colonne « Statut » est lue : « Payée », plus rien n'est dû."""
    texte = ("Numéro de facture;Client;Date;Montant TTC;Suivi\n"
             "F-001;Dupont SARL;15/01/2025;1200,00;Payée\n")
    r = executer({"fichier": texte, "au": "30/06/2025"})
    assert r["balance_agee"]["total"] == "1200.00"
    avertissement = next(a for a in r["avertissements"] if "Aucune colonne de règlement" in a)
    assert "toutes les factures sont comptées impayées" in avertissement and "« Suivi »" in avertissement
    for colonne, valeur in (("Date de paiement", "20/02/2025"), ("Statut", "Payée")):
        r = executer({"fichier": texte.replace(";Suivi", f";{colonne}").replace(";Payée", f";{valeur}"),
                      "au": "30/06/2025"})
        assert r["balance_agee"]["total"] == "0.00"
        assert not any("Aucune colonne de règlement" in a for a in r["avertissements"])


def test_generateur_deterministe_et_lu_sans_rejet(tmp_path):
    gen = generateur()
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    n = gen.ecrire(str(a), 3000, graine=5)
    gen.ecrire(str(b), 3000, graine=5)
    assert a.read_bytes() == b.read_bytes() and 2500 < n < 3500
    c = tmp_path / "c.txt"
    gen.ecrire(str(c), 3000, graine=5, format="montant-sens", separateur="|", encodage="iso-8859-15", crlf=True)
    d = tmp_path / "d.txt"
    gen.ecrire(str(d), 3000, graine=5, remplissage=True, encodage="utf-8-sig")
    resultats = []
    for chemin in (a, c, d):
        analyse = Analyse()
        analyse.ajouter(chemin.read_bytes())
        r = analyse.resultat({"au": "31/12/2025"})
        assert r["ok"] and r["lecture"]["rejetees"] == 0 and not r["lecture"]["remarques"], chemin
        resultats.append(resume(r))
    assert resultats[0] == resultats[1] == resultats[2]
    cles = {h["cle"] for h in r["hypotheses"]}
    assert {"anteriorite", "a_nouveaux", "a_nouveaux_detailles", "avoirs_imputes"} <= cles
    assert "fournisseurs" in r["d441_6"]


def test_generateur_contient_ce_que_l_issue_demande(tmp_path):
    gen = generateur()
    lignes = list(gen.lignes_fec(4000, graine=2))[1:]
    comptes = {l[4] for l in lignes}
    assert {"411000", "706000", "445710", "512000", "401000", "607000", "890000"} <= comptes
    clients = [l for l in lignes if l[4] == "411000"]
    assert any(l[0] == "AN" and not l[8] for l in clients)                     # à-nouveau sans détail
    assert any(l[0] == "AN" and l[8] for l in clients)                         # à-nouveau détaillé
    assert any(l[0] == "BQ" and not l[13] for l in clients)                    # règlement non lettré
    assert any(l[8].startswith("AV") for l in clients)                         # avoir
    dates = [dt.datetime.strptime(l[3], "%Y%m%d").date() for l in lignes]
    assert max(dates) <= dt.date(2025, 12, 31)
