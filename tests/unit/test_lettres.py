"""Lettres types : chaque modèle se remplit, les chiffres sont ceux des calculateurs, rien n'est interprété."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from calculators.commun import format_fr as fr
from calculators.api import run
from calculators.lettres.catalogue import MODELES
from calculators.lettres.texte import vers_texte
from calculators.commun.format_fr import typographie

AUJOURDHUI = "2024-01-31"

COMPLET = {
    "aujourdhui": AUJOURDHUI,
    "creancier_nom": "Atelier Dupont SARL", "creancier_adresse": "12 rue des Lilas\n69003 Lyon",
    "creancier_contact": "compta@dupont.fr", "creancier_siren": "123 456 789",
    "debiteur_nom": "Martin Industries SA", "debiteur_adresse": "5 avenue Foch\n75008 Paris",
    "debiteur_interlocuteur": "M. Martin", "debiteur_qualite": "commercant",
    "lieu": "Lyon", "date_lettre": "31/01/2024", "signataire": "Jeanne Dupont", "fonction": "Gérante",
    "reference": "DOS-42", "delai": "8", "inclure_penalites": "oui",
    "demarches": "Relance par e-mail le 01/12/2023\nMise en demeure le 10/01/2024",
    "litige": "Prestation livrée le 15/10/2023, sans réserve",
    "plan_nombre": "6", "plan_premiere": "29/02/2024", "plan_periodicite": "mensuelle",
    "factures": [
        {"numero": "F-2023-118", "date": "31/10/2023", "montant": "10000", "echeance": "30/11/2023"},
        {"numero": "F-2023-131", "date": "15/11/2023", "montant": "2 400,00", "echeance": "15/12/2023"},
    ],
}
A_ECHOIR = [{"numero": "F-2024-007", "date": "15/01/2024", "montant": "1200", "echeance": "15/02/2024"}]
PAYEES = [{"numero": "F-2023-118", "date": "31/10/2023", "montant": "10000", "echeance": "30/11/2023",
           "paiement": "31/01/2024"}]


def _complet(modele):
    donnees = {**COMPLET, "modele": modele}
    if modele == "rappel-avant-echeance":
        donnees["factures"] = A_ECHOIR
    if modele == "remerciement":
        donnees["factures"] = PAYEES
    return donnees


def _minimal(modele):
    m = MODELES[modele]
    facture = {"numero": "F1", "date": "01/12/2023", "montant": "100", "echeance": "31/12/2023"}
    if modele == "rappel-avant-echeance":
        facture["echeance"] = "28/02/2024"
    donnees = {"aujourdhui": AUJOURDHUI, "modele": modele,
               "factures": [{k: facture[k] for k in m.champs_facture}]}
    for champ in m.exige:
        donnees[champ] = "X"
    if modele == "echeancier":
        donnees.update(plan_nombre="2", plan_premiere="29/02/2024")
    return donnees


@pytest.mark.parametrize("modele", list(MODELES))
def test_chaque_modele_avec_un_exemple_complet(modele):
    r = run("lettre", _complet(modele))
    assert r["ok"], r.get("erreurs")
    assert "Atelier Dupont SARL" in r["texte"]
    assert "F-2023-118" in r["texte"] or "F-2024-007" in r["texte"]
    assert r["html"].startswith("<!DOCTYPE html>")
    assert r["affichage"]["apercu_html"].startswith("<article")
    assert [f["nom"].rsplit(".", 1)[1] for f in r["affichage"]["fichiers"]] == ["txt", "html", "odt"]
    assert r["affichage"]["texte"] == r["texte"]


@pytest.mark.parametrize("modele", list(MODELES))
def test_chaque_modele_avec_le_minimum(modele):
    r = run("lettre", _minimal(modele))
    assert r["ok"], r.get("erreurs")
    assert "F1" in r["texte"]


def test_les_chiffres_sont_ceux_du_calculateur_de_penalites():
    r = run("lettre", _complet("mise-en-demeure"))
    total_p = Decimal(0)
    for saisie, f in zip(COMPLET["factures"], r["factures"]):
        p = run("penalites", {"montant": saisie["montant"], "echeance": saisie["echeance"],
                              "paiement": "31/01/2024", "aujourdhui": AUJOURDHUI})
        assert f["penalites"] == p["penalites"]
        assert f["indemnite_forfaitaire"] == p["indemnite_forfaitaire"] == "40.00"
        assert f["jours_retard"] == p["jours_retard"]
        assert fr.euros(Decimal(p["penalites"])) in r["texte"]
        total_p += Decimal(p["penalites"])
    assert r["penalites"] == str(total_p) == "286.34"  # 242,05 € (cas de référence) + 44,29 €
    assert r["total"] == "12766.34"
    assert fr.euros(Decimal("12766.34")) in r["texte"]
    assert r["date_limite"] == "2024-02-08"
    assert "au plus tard le 8 février 2024" in r["texte"].replace("\n", " ")  # la ligne peut être coupée
    for article in ("1344", "L441-10", "D441-5", "1405"):
        assert article in r["texte"]


def test_taux_contractuel_transmis_au_calculateur():
    r = run("lettre", {**_complet("note-de-debit"), "taux": "15"})
    p = run("penalites", {"montant": "10000", "echeance": "30/11/2023", "paiement": "31/01/2024", "taux": "15",
                          "aujourdhui": AUJOURDHUI})
    assert r["factures"][0]["penalites"] == p["penalites"]
    assert "TVA non applicable" in r["texte"]


def test_note_de_debit_apres_paiement():
    r = run("lettre", {**_complet("note-de-debit"), "factures": PAYEES})
    p = run("penalites", {"montant": "10000", "echeance": "30/11/2023", "paiement": "31/01/2024"})
    assert r["penalites"] == p["penalites"] and r["principal_du"] == "0.00"
    assert r["total"] == str(Decimal(p["penalites"]) + 40)


def test_acheteur_public_chiffres_du_calculateur_d_interets_moratoires():
    """Issue 11 : intérêts, taux et indemnité viennent de `run("interets-moratoires")`, sans règle de taux
    dans la lettre. Un seul taux, celui du semestre où le retard commence (R2192-31) : S2 2023, BCE
    4,00 % + 8 points = 12,00 %. Facture 1 : 10 000 × 12 × 62 / 36 500 = 203,8356… → 203,84 € ;
    facture 2 : 2 400 × 12 × 47 / 36 500 = 37,0849… → 37,08 € ; 40 € chacune (D2192-35)."""
    r = run("lettre", _complet("acheteur-public"))
    for saisie, f, attendu in zip(COMPLET["factures"], r["factures"], ("203.84", "37.08")):
        m = run("interets-moratoires", {"montant": saisie["montant"], "echeance": saisie["echeance"],
                                        "paiement": "31/01/2024", "aujourdhui": AUJOURDHUI})
        assert f["penalites"] == m["interets"] == attendu
        assert f["taux"] == [m["taux"]] == ["12.00"] and f["jours_retard"] == m["jours"]
        assert f["indemnite_forfaitaire"] == m["indemnite_forfaitaire"] == "40.00"
    assert r["penalites"] == "240.92" and r["indemnites"] == "80.00"
    assert "R2192-31" in r["texte"] and "12,00\u00a0%" in r["texte"]
    assert "quarante euros (40,00\u00a0€)" in r["affichage"]["apercu_html"]


def test_plus_de_regle_de_taux_dans_les_lettres():
    from pathlib import Path

    import calculators.lettres.regles as regles

    assert not hasattr(regles, "taux_moratoires")
    paquet = Path(regles.__file__).parent
    assert not [p.name for p in paquet.glob("*.py") if "taux_interets_moratoires" in p.read_text(encoding="utf-8")]


def test_acheteur_public_acomptes_par_tranches():
    """Chaque acompte porte intérêt jusqu'au jour où il est payé, le solde jusqu'à la lettre (L2192-13),
    au seul taux de 12,00 % : 4 000 × 12 × 15 / 36 500 = 19,7260… → 19,73 ; 1 000 × 12 × 41 / 36 500 =
    13,4794… → 13,48 ; 5 000 × 12 × 62 / 36 500 = 101,9178… → 101,92. Total 135,13 €, une indemnité."""
    factures = [{**COMPLET["factures"][0], "acomptes": ACOMPTES}]
    r = run("lettre", {**_complet("acheteur-public"), "factures": factures})
    assert r["ok"], r.get("erreurs")
    tranches = [("4000", "15/12/2023"), ("1000", "10/01/2024"), ("5000", "31/01/2024")]
    interets = [run("interets-moratoires", {"montant": m, "echeance": "30/11/2023", "paiement": p})["interets"]
                for m, p in tranches]
    assert interets == ["19.73", "13.48", "101.92"]
    f = r["factures"][0]
    assert f["penalites"] == "135.13" and f["principal_restant"] == "5000.00" and f["indemnite_forfaitaire"] == "40.00"
    assert [a["montant"] for a in f["acomptes"]] == ["4000.00", "1000.00"]
    trop = run("lettre", {**_complet("acheteur-public"), "factures": [{**factures[0], "acomptes": "15/12/2023:10000"}]})
    assert [e["field"] for e in trop["erreurs"]] == ["facture-1-acomptes"]
    assert "indiquez sa date comme date de paiement" in trop["erreurs"][0]["message"]


def test_echeancier_repris_du_calculateur():
    r = run("lettre", _complet("echeancier"))
    e = run("echeancier", {"montant": r["total"], "nombre": "6", "premiere": "29/02/2024", "periodicite": "mensuelle",
                           "aujourdhui": AUJOURDHUI})
    assert r["echeancier"]["echeances"] == e["echeances"]
    assert fr.euros(Decimal(e["echeances"][-1]["montant"])) in r["texte"]
    assert "reconnaissance de dette" in r["texte"].lower()


def test_reconnaissance_de_dette_en_lettres_et_en_chiffres():
    r = run("lettre", _complet("echeancier"))
    montant = Decimal(r["echeancier"]["montant"])
    html = r["affichage"]["apercu_html"]
    assert f"{fr.montant_en_lettres(montant)} ({fr.euros(montant)})" in html
    assert "……………………………………………………………………" not in html  # plus de ligne laissée en blanc
    assert any("1376" in s["libelle"] for s in r["sources"])


@pytest.mark.parametrize("modele", ["relance-2", "mise-en-demeure", "note-de-debit", "injonction-de-payer",
                                    "acheteur-public"])
def test_indemnite_de_40_euros_en_lettres(modele):
    r = run("lettre", _complet(modele))
    assert "quarante euros (40,00\u00a0€)" in r["affichage"]["apercu_html"]


@pytest.mark.parametrize("modele", ["relance-2", "injonction-de-payer", "mediateur"])
def test_factures_toutes_reglees_en_retard_ne_sont_pas_dites_impayees(modele):
    """Payées en retard : seuls les pénalités et l'indemnité restent dues ; la lettre ne dit pas
    « impayée », ne réclame pas de principal, et montre la date de paiement."""
    factures = [{**f, "paiement": "15/01/2024"} for f in COMPLET["factures"]]
    r = run("lettre", {**_complet(modele), "factures": factures})
    assert r["ok"], r.get("erreurs")
    texte = re.sub(r"<[^>]+>", " ", r["affichage"]["apercu_html"])
    assert "impayée" not in texte.replace("restent impayées", "") and "en principal" not in texte
    assert "réglées en retard" in texte or "règlement tardif" in texte
    assert "15/01/2024" in texte


ACOMPTES = ["15/12/2023:4 000,00", "2024-01-10:1000"]


def test_echeancier_a_taux_avec_quelques_centimes_de_penalites():
    """100 € échus la veille : 0,04 € de pénalités, étalées sans intérêts (C. civ. 1343-2) sur 12
    échéances. La lettre était refusée (« échéances de moins d'un centime ») ; un centime va
    maintenant sur chacune des quatre premières."""
    r = run("lettre", {**_complet("echeancier"), "plan_nombre": "12", "plan_taux": "5",
                       "factures": [{"numero": "F1", "date": "31/10/2023", "montant": "100", "echeance": "30/01/2024"}]})
    assert r["ok"], r.get("erreurs")
    plan = r["echeancier"]
    assert plan["sans_interets"] == "0.04" and plan["base_interets"] == "140.00"
    centimes = [e["montant"] for e in plan["plans"][1]["echeances"]]
    assert centimes == ["0.01"] * 4 + ["0.00"] * 8
    assert [Decimal(e["montant"]) for e in plan["echeances"]] == [
        Decimal(a["montant"]) + Decimal(b) for a, b in zip(plan["plans"][0]["echeances"], centimes)]
    assert Decimal(plan["total_paye"]) == sum(Decimal(e["montant"]) for e in plan["echeances"])


@pytest.mark.parametrize("modele", ["relance-1", "mise-en-demeure", "injonction-de-payer", "echeancier"])
def test_acompte_recu_le_jour_de_la_lettre_deduit(modele):
    """4 000 € reçus le 31/01/2024, jour de la lettre : ils paient les 242,05 € de pénalités
    échues puis 3 757,95 € de principal (C. civ. 1343-1). La lettre réclamait 10 282,05 € sans eux."""
    factures = [{**COMPLET["factures"][0], "acomptes": "31/01/2024:4000"}]
    r = run("lettre", {**_complet(modele), "factures": factures})
    assert r["ok"], r.get("erreurs")
    assert r["principal_du"] == "6242.05" and r["factures"][0]["acomptes"][0]["sur_penalites"] == "242.05"
    assert "4\u202f000,00\u00a0€ le 31/01/2024" in r["affichage"]["apercu_html"]


@pytest.mark.parametrize("modele", ["relance-2", "mise-en-demeure", "note-de-debit", "injonction-de-payer",
                                    "mediateur"])
def test_acomptes_par_facture_chiffres_du_calculateur(modele):
    # Imputation convenue sur le principal : les chiffres d'avant l'issue 10 (1343-1 : test suivant).
    factures = [{**COMPLET["factures"][0], "acomptes": ACOMPTES}, COMPLET["factures"][1]]
    r = run("lettre", {**_complet(modele), "factures": factures, "imputation": "principal"})
    assert r["ok"], r.get("erreurs")
    saisies = {"montant": "10000", "echeance": "30/11/2023", "paiement": "31/01/2024", "aujourdhui": AUJOURDHUI,
               "acomptes": ACOMPTES, "imputation": "principal"}
    p = run("penalites", saisies)
    f = r["factures"][0]
    assert f["penalites"] == p["penalites"] and f["principal_restant"] == p["principal_restant"] == "5000.00"
    assert f["acomptes"] == p["acomptes"]
    sans = run("penalites", {**saisies, "acomptes": []})
    assert Decimal(p["penalites"]) < Decimal(sans["penalites"])  # l'acompte réduit les pénalités
    assert r["principal_du"] == "7400.00"  # 5 000 restant + 2 400
    html = r["affichage"]["apercu_html"]
    assert "Acomptes reçus" in html and "4\u202f000,00\u00a0€ le 15/12/2023\u00a0; 1\u202f000,00\u00a0€ le 10/01/2024" in html
    assert "5\u202f000,00\u00a0€" in html


def test_lettre_impute_les_acomptes_d_abord_sur_les_penalites():
    """Issue 10 : la lettre prend le principal et les pénalités tels que 1343-1 les laisse.

    Facture 1 (10 000 €, échue le 30/11/2023, soldée le 31/01/2024) : 57,53 € échus payés le 15/12,
    principal 6 057,53 ; 37,17 + 24,06 = 61,23 € payés le 10/01, principal 5 118,76 ; 42,70 € ensuite.
    Pénalités 161,46 €, dont 118,76 € déjà payés : 42,70 € à réclamer.
    """
    factures = [{**COMPLET["factures"][0], "acomptes": ACOMPTES}]
    r = run("lettre", {**_complet("note-de-debit"), "factures": factures})
    assert r["ok"], r.get("erreurs")
    f = r["factures"][0]
    assert (f["penalites"], f["principal_restant"]) == ("161.46", "5118.76")
    assert f["penalites_restantes"] == "42.70"


def test_note_de_debit_dit_ce_que_les_acomptes_ont_regle_de_penalites():
    """La note réclame ce que 1343-1 laisse dû (42,70 €, test précédent) ; les 118,76 € de pénalités
    réglés par les acomptes manquent au principal si le client a soldé la facture moins ses acomptes :
    la lettre le dit, pour que rien ne soit perdu."""
    factures = [{**COMPLET["factures"][0], "acomptes": ACOMPTES, "paiement": "31/01/2024"}]
    r = run("lettre", {**_complet("note-de-debit"), "factures": factures})
    assert r["penalites"] == "42.70"
    assert "Vos acomptes ont d'abord réglé 118,76\u00a0€ de pénalités échues" in r["affichage"]["apercu_html"]
    texte = " ".join(r["texte"].split())
    assert "Le décompte tient la facture pour soldée à sa date de paiement (reste dû 0,00 €)" in texte
    assert "il manque ces 118,76 € au principal : ils restent dus en plus de cette note" in texte
    sans = run("lettre", {**_complet("note-de-debit"), "factures": [{**COMPLET["factures"][0], "paiement": "31/01/2024"}]})
    assert "Vos acomptes" not in sans["texte"]


@pytest.mark.parametrize("modele", ["relance-1", "mise-en-demeure", "note-de-debit", "injonction-de-payer",
                                    "echeancier", "acheteur-public"])
def test_une_seule_facture_tout_au_singulier(modele):
    """Une facture : « Facture impayée », « son règlement », « l'indemnité », jamais « (1 × 40 €) » au
    pluriel ni « factures suivantes »."""
    r = run("lettre", {**_complet(modele), "factures": [COMPLET["factures"][0]]})
    assert r["ok"], r.get("erreurs")
    texte = " ".join(r["texte"].split())
    for pluriel in ("Factures impayées", "Factures échues", "Factures concernées", "Factures en retard",
                    "leur règlement", "des factures suivantes", "les a pas réglées", "des indemnités",
                    "les indemnités forfaitaires", "Indemnités forfaitaires", "(factures TTC"):
        assert pluriel not in texte, pluriel


@pytest.mark.parametrize("modele", ["mise-en-demeure", "note-de-debit"])
def test_l441_10_cite_une_fois_par_phrase(modele):
    """« En application de l'article L441-10 II du Code de commerce, … au taux de la BCE … majoré de
    dix points (art. L441-10 II du Code de commerce) » : le même article deux fois dans la phrase."""
    texte = " ".join(run("lettre", _complet(modele))["texte"].split())
    assert "majoré de dix points (art. L441-10 II" not in texte and "majoré de dix points" in texte


def test_resume_dit_total_du_et_pas_reclame():
    """La relance ne demande que le principal : « Total réclamé » (principal, pénalités et indemnités)
    annonçait une somme que la lettre ne réclame pas."""
    r = run("lettre", _complet("relance-1"))
    resume = {x["cle"]: (x["libelle"], x["valeur"]) for x in r["affichage"]["resume"]}
    assert resume["total"][0] == "Total dû" and resume["total"][1].replace("\u202f", "") == \
        r["total"].replace(".", ",") + "\u00a0€"


@pytest.mark.parametrize("modele", ["relance-1", "echeancier"])
def test_reste_du_explique_quand_les_acomptes_ont_regle_des_penalites(modele):
    """10 000 € moins 4 000 € d'acompte, et 6 057,53 € de reste dû : la lettre dit pourquoi (1343-1)."""
    factures = [{**COMPLET["factures"][0], "acomptes": "15/12/2023:4000"}]
    avec = " ".join(run("lettre", {**_complet(modele), "factures": factures})["texte"].split())
    assert "057,53" in avec and "Vos acomptes ont d'abord réglé les pénalités de retard déjà échues" in avec
    sans = run("lettre", {**_complet(modele), "factures": factures, "imputation": "principal"})["texte"]
    assert "Vos acomptes ont d'abord réglé" not in sans


def test_relance_1_annonce_la_piece_jointe_qu_elle_joint():
    """« Vous trouverez cette facture en pièce jointe » : la ligne « Pièce jointe » le dit aussi."""
    r = run("lettre", {**_complet("relance-1"), "factures": [COMPLET["factures"][0]]})
    assert "Pièce jointe\u00a0: copie de la facture." in r["texte"]


def test_remerciement_pour_un_paiement_en_retard_averti():
    """Remercier d'un paiement fait 62 jours après l'échéance ne doit pas faire oublier les pénalités."""
    factures = [{**COMPLET["factures"][0], "paiement": "31/01/2024"}, {**COMPLET["factures"][1], "paiement": "10/12/2023"}]
    r = run("lettre", {**_complet("remerciement"), "factures": factures})
    assert r["ok"], r.get("erreurs")
    assert r["avertissements"] == ["Facture payée après l'échéance : F-2023-118. Ce remerciement ne réclame ni les "
                                   "pénalités ni l'indemnité de 40\u00a0€ (C. com. L441-10 II, D441-5), qui restent "
                                   "dues : la note de débit les chiffre."]


def test_acomptes_sans_chiffrer_les_penalites():
    factures = [{**COMPLET["factures"][0], "acomptes": "15/12/2023:4000"}]
    r = run("lettre", {**_complet("relance-1"), "inclure_penalites": "", "factures": factures})
    assert r["ok"], r.get("erreurs")
    assert r["principal_du"] == "6000.00" and r["factures"][0]["penalites"] is None
    assert "6\u202f000,00\u00a0€" in r["texte"]
    # Dues même si les conditions générales n'en disent rien (Cass. com. 3 mars 2009) : la lettre ne
    # prétend plus savoir ce que prévoient celles de l'utilisateur.
    assert "sont dues de plein droit (article L441-10 II" in r["texte"]
    assert "conditions générales de vente prévoient" not in r["texte"]


def test_acomptes_depuis_l_adresse():
    r = run("lettre", {**_complet("mise-en-demeure"), "imputation": "principal",
                       "factures": ["F-9:2023-11-01:500:2023-12-01::2023-12-20:100;2024-01-05:50"]})
    assert r["ok"], r.get("erreurs")
    assert r["factures"][0]["principal_restant"] == "350.00"
    assert [a["montant"] for a in r["factures"][0]["acomptes"]] == ["100.00", "50.00"]


def test_acomptes_errones_nommes_a_la_facture():
    factures = [COMPLET["factures"][0], {**COMPLET["factures"][1], "acomptes": ["31/02/2024:100", "20/01/2024:9000"]}]
    r = run("lettre", {**_complet("mise-en-demeure"), "factures": factures})
    assert not r["ok"]
    assert {e["field"] for e in r["erreurs"]} == {"facture-2-acomptes"}
    assert all(e["message"].startswith(typographie("Facture n° 2 : ")) for e in r["erreurs"])
    r = run("lettre", {**_complet("rappel-avant-echeance"), "factures": [{**A_ECHOIR[0], "acomptes": "20/01/2024:100"}]})
    assert [e["field"] for e in r["erreurs"]] == ["facture-1-acomptes"]


def test_echeancier_par_mensualite():
    donnees = {**_complet("echeancier"), "plan_nombre": "", "plan_mensualite": "2 000"}
    r = run("lettre", donnees)
    assert r["ok"], r.get("erreurs")
    e = run("echeancier", {"montant": r["total"], "mensualite": "2 000", "premiere": "29/02/2024",
                           "periodicite": "mensuelle", "aujourdhui": AUJOURDHUI})
    assert r["echeancier"]["echeances"] == e["echeances"] and r["echeancier"]["mode"] == "mensualite"
    assert r["echeancier"]["nombre"] == 7  # 12 766,34 € par 2 000 € : six pleines, une de 766,34 €
    assert "réglée en 7 versements, du 29 février 2024 au 29 août 2024" in r["texte"]
    deux = run("lettre", {**donnees, "plan_nombre": "6"})
    assert [e["field"] for e in deux["erreurs"]] == ["plan_mensualite"]
    aucun = run("lettre", {**donnees, "plan_mensualite": ""})
    assert [e["field"] for e in aucun["erreurs"]] == ["plan_nombre"]


@pytest.mark.parametrize("champ", ["debiteur_nom", "creancier_adresse", "lieu", "litige", "signataire"])
def test_html_et_jinja_tapes_ressortent_tels_quels(champ):
    piege = "<script>alert(1)</script> {{ 7*7 }} {% raw %}"
    r = run("lettre", {**_complet("mediateur"), champ: piege})
    assert r["ok"], r.get("erreurs")
    for sortie in (r["affichage"]["apercu_html"], r["html"]):
        assert "<script>" not in sortie
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in sortie
        assert "{{ 7*7 }}" in sortie and "49" not in sortie
    assert " ".join(piege.split()) in " ".join(r["texte"].split())  # tel que tapé (lignes coupées à 78)


def test_injection_dans_un_numero_de_facture():
    factures = [{**COMPLET["factures"][0], "numero": "<img src=x onerror=alert(1)>{{ 7*7 }}"}]
    r = run("lettre", {**_complet("mise-en-demeure"), "factures": factures})
    assert "<img" not in r["html"] and "&lt;img src=x onerror=alert(1)&gt;{{ 7*7 }}" in r["html"]
    assert "<img src=x onerror=alert(1)>{{ 7*7 }}" in r["texte"]


def test_donnees_manquantes_nommees_par_champ():
    r = run("lettre", {"modele": "mise-en-demeure", "aujourdhui": AUJOURDHUI,
                       "factures": [{"montant": "100", "date": "01/12/2023", "echeance": "31/12/2023"}]})
    assert not r["ok"]
    champs = {e["field"]: e["message"] for e in r["erreurs"]}
    assert set(champs) == {"creancier_nom", "creancier_adresse", "debiteur_nom", "debiteur_adresse", "signataire",
                           "facture-1-numero"}
    assert champs["facture-1-numero"].startswith(typographie("Saisissez le numéro de la facture n° 1"))
    assert "mise en demeure" in champs["facture-1-numero"]


def test_erreurs_de_saisie():
    r = run("lettre", {**_complet("mise-en-demeure"), "delai": "0", "factures": [
        {"numero": "A", "date": "31/02/2024", "montant": "abc", "echeance": "15/03/2024"}]})
    champs = {e["field"] for e in r["erreurs"]}
    assert {"delai", "facture-1-date", "facture-1-montant", "facture-1-echeance"} <= champs
    assert run("lettre", {**_complet("relance-1"), "factures": []})["erreurs"][0]["field"] == "factures"
    assert run("lettre", {"modele": "inconnu"})["erreurs"][0]["field"] == "modele"


def test_facture_pas_encore_echue_refusee_pour_une_relance():
    r = run("lettre", {**_complet("relance-1"), "factures": A_ECHOIR})
    assert r["erreurs"][0]["field"] == "facture-1-echeance"


def test_factures_depuis_l_adresse():
    r = run("lettre", {**_complet("relance-2"), "factures": ["F-9:2023-11-01:500:2023-12-01"]})
    assert r["ok"] and r["factures"][0]["montant"] == "500.00"


@pytest.mark.parametrize("modele", list(MODELES))
def test_texte_en_78_colonnes(modele):
    donnees = _complet(modele)
    if MODELES[modele].echue and modele != "remerciement":
        donnees["factures"] = [{**donnees["factures"][0], "acomptes": ACOMPTES}, *donnees["factures"][1:]]
    r = run("lettre", donnees)
    assert r["ok"], r.get("erreurs")
    assert max(len(ligne) for ligne in r["texte"].split("\n")) <= 78
    # Un tableau trop large est découpé : chaque morceau répète le numéro de facture.
    if modele in ("mise-en-demeure", "note-de-debit"):
        # deux morceaux du tableau (et l'objet de la mise en demeure)
        assert r["texte"].count("F-2023-118") == 2 + (modele == "mise-en-demeure")
        assert "4\u202f000,00\u00a0€ le" in r["texte"]  # un montant n'est jamais coupé


def test_tableau_texte_qui_tient_reste_tel_quel():
    from calculators.lettres.texte import tableau_texte

    lignes = [[("N°", 1), ("Date", 1), ("Montant", 1)], [("1", 1), ("29/02/2024", 1), ("2\u202f127,72\u00a0€", 1)],
              [("Total payé", 2), ("12\u202f766,34\u00a0€", 1)]]
    assert tableau_texte(lignes) == ("N°  Date        Montant\n"
                                     "1   29/02/2024  2\u202f127,72\u00a0€\n"
                                     "Total payé      12\u202f766,34\u00a0€")


def test_vers_texte_garde_les_espaces_insecables():
    assert vers_texte("<p>soit 12\u202f400,00\u00a0€</p>") == "soit 12\u202f400,00\u00a0€\n"


def test_le_paquet_s_importe_sans_jinja2():
    import subprocess
    import sys
    code = ("import sys; sys.modules['jinja2'] = None; sys.modules['markupsafe'] = None\n"
            "from calculators.api import run\n"
            "assert run('penalites', {'montant': '100', 'echeance': '2024-01-01', 'paiement': '2024-02-01'})['ok']\n"
            "from calculators.lettres import rendu\n")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_principal_du_dit_que_les_acomptes_ont_d_abord_regle_les_penalites():
    """L'analyse du poste clients montre le solde comptable (500 − 100 = 400 €) ; la lettre, le
    principal que 1343-1 laisse, plus grand : l'acompte a d'abord réglé les pénalités échues.
    Sans le dire, les deux chiffres ne se rapprochaient pas.
    Pénalités échues au 20/12/2023 : 500 × 14,00 % (BCE au 01/07/2023, 4,00 %, + 10) × 19 / 365
    = 3,6438 → 3,64 € ; l'acompte de 100 € les règle, puis 96,36 € de principal : 403,64 € dus."""
    facture = ["F-9:2023-11-01:500:2023-12-01::2023-12-20:100"]
    r = run("lettre", {**_complet("mise-en-demeure"), "factures": facture})
    assert r["ok"], r.get("erreurs")
    assert r["principal_du"] == "403.64"
    assert "acomptes déduits\u00a0; ils ont d'abord réglé les pénalités échues, <span class=\"insecable\">C. civ. art. 1343-1</span>" in \
        r["affichage"]["apercu_html"]
    r = run("lettre", {**_complet("mise-en-demeure"), "factures": facture, "imputation": "principal"})
    assert r["principal_du"] == "400.00" and "1343-1" not in r["affichage"]["apercu_html"].split("Principal restant")[1][:200]


def test_echeance_au_dela_du_plafond_legal_signalee():
    """Facture du 01/08/2023 à échéance du 30/11/2023 (121 jours) : au-delà du plafond de L441-10 I, le plus
    tardif des trois étant le 30/09/2023 (60 jours ; 45 jours puis fin de mois : 15/09 → 30/09 ; fin de
    mois puis 45 jours : 31/08 + 45 = 15/10/2023). La lettre le dit ; une échéance à 30 jours, non."""
    factures = [{"numero": "F-LONG", "date": "01/08/2023", "montant": "1000", "echeance": "30/11/2023"},
                {"numero": "F-2023-131", "date": "15/11/2023", "montant": "2 400,00", "echeance": "15/12/2023"}]
    r = run("lettre", {**_complet("mise-en-demeure"), "factures": factures})
    assert r["ok"], r
    hors = [a for a in r["avertissements"] if "plafond légal" in a]
    assert len(hors) == 1 and hors[0].startswith("Facture F-LONG : l'échéance du 30/11/2023")
    assert typographie("le 15/10/2023 au plus tard") in hors[0] and "L441-10 I" in hors[0]


@pytest.mark.parametrize("modele", ["mise-en-demeure", "acheteur-public"])  # pénalités, intérêts moratoires
@pytest.mark.parametrize("paiement, acompte, attendu", [
    # Facture impayée : les calculs s'arrêtent à la date de la lettre (31/01/2024), qui n'est pas un
    # « paiement du solde », comme le disait le message du calculateur de pénalités.
    ("", "2024-02-15:2000", "l'acompte n° 1 est daté du 15/02/2024, après la date de la lettre (31/01/2024) : une "
                            "lettre ne compte que les acomptes reçus à sa date. Vérifiez la date de l'acompte, ou "
                            "celle de la lettre."),
    ("2024-01-20", "2024-01-25:2000", "l'acompte n° 1 est daté du 25/01/2024, après le paiement du solde (20/01/2024)."),
], ids=["impayee", "payee"])
def test_acompte_apres_la_fin_des_calculs_dit_laquelle(modele, paiement, acompte, attendu):
    facture = {"numero": "F-2023-118", "date": "31/10/2023", "montant": "10000", "echeance": "30/11/2023",
               "paiement": paiement, "acomptes": acompte}
    r = run("lettre", {**COMPLET, "modele": modele, "factures": [facture]})
    assert [e["field"] for e in r["erreurs"]] == ["facture-1-acomptes"]
    assert r["erreurs"][0]["message"].startswith(typographie("Facture n° 1 : " + attendu))


@pytest.mark.parametrize("modele, attendu", [
    ("mise-en-demeure", "Facture n° 1 : les pénalités sont calculées selon les règles en vigueur depuis le 1er janvier 2013"),
    ("acheteur-public", "Facture n° 1 : les intérêts moratoires sont calculés au taux BCE + 8 points des marchés conclus "
                        "depuis le 16/03/2013"),
])
def test_message_d_un_calculateur_cite_dans_une_lettre(modele, attendu):
    """Une phrase des calculateurs, citée par la lettre après « Facture n° 1 : », se lit dans la lettre :
    elle disait « Ce calculateur applique… », avec sa majuscule, sur la page des lettres."""
    facture = {"numero": "F-2012-9", "date": "30/11/2012", "montant": "1000", "echeance": "31/12/2012"}
    r = run("lettre", {**COMPLET, "modele": modele, "factures": [facture]})
    assert [e["message"] for e in r["erreurs"] if e["message"].startswith(typographie(attendu))], r["erreurs"]


def test_une_facture_en_objet_avec_une_cle_inconnue_est_refusee():
    """Audit du 3 décembre : « Paiement » (majuscule) était ignoré, et une mise en demeure réclamait en
    entier une facture payée. Refusée à la facture, la bonne clé proposée."""
    facture = {**PAYEES[0], "Paiement": PAYEES[0]["paiement"]}
    del facture["paiement"]
    r = run("lettre", {**_complet("mise-en-demeure"), "factures": [facture]})
    assert not r["ok"]
    (erreur,) = r["erreurs"]
    assert erreur["field"] == "facture-1-numero"
    assert "La facture n°\u00a01 a une donnée inconnue\u00a0: «\u00a0Paiement\u00a0»" in erreur["message"]
    assert "Vouliez-vous dire «\u00a0paiement\u00a0»\u00a0?" in erreur["message"]
