"""Pénalités de retard : cas calculés à la main, erreurs de saisie, propriétés.

Les cas de référence (tests/cas/penalites.json) ont été refaits à la main (montant × taux ×
jours / 36 500, arrondi au centime par ligne) ; les trois premiers sont aussi les « oracles
internes » de shared/reference/rates.json, calculés indépendamment à partir des taux confirmés.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from calculators.api import lien as run_lien
from calculators.api import run
from calculators.commun import format_fr as fr
from calculators.penalites.regles import Acompte, calculer
from calculators.taux import couvert_jusqu_au
from calculators.commun.format_fr import typographie

D = Decimal

CAS = json.loads((Path(__file__).parent.parent / "cas" / "penalites.json").read_text(encoding="utf-8"))["cas"]


@pytest.mark.parametrize("cas", CAS, ids=[c["libelle"] for c in CAS])
def test_decompte_calcule_a_la_main(cas):
    r = run("penalites", cas["saisies"])
    assert r["ok"], r
    assert [[p["jours"], p["taux"], p["montant"]] for p in r["periodes"]] == cas["lignes"]
    assert r["penalites"] == cas["total"]
    assert r["jours_retard"] == sum(p["jours"] for p in r["periodes"])
    assert r["indemnite_forfaitaire"] == ("40.00" if cas["lignes"] else "0.00")


def test_indemnite_due_en_entier_apres_un_acompte():
    r = run("penalites", {"montant": "1000", "echeance": "31/01/2025", "paiement": "10/02/2025",
                          "acomptes": ["31/01/2025:900"]})
    assert r["indemnite_forfaitaire"] == "40.00"
    assert r["periodes"][0]["assiette"] == "100.00"


def test_plancher_trois_fois_le_taux_legal_signale_par_semestre():
    r = run("penalites", {"montant": "10000", "echeance": "30/11/2023", "paiement": "31/01/2024", "taux": "9"})
    planchers = [a for a in r["avertissements"] if "3 fois le taux" in a]
    # 3 × 4,22 = 12,66 % (S2 2023) et 3 × 5,07 = 15,21 % (S1 2024).
    assert len(planchers) == 2
    assert "12,66" in planchers[0] and "15,21" in planchers[1]


def test_taux_contractuel_au_dessus_du_plancher_sans_avertissement():
    r = run("penalites", {"montant": "10000", "echeance": "30/11/2023", "paiement": "31/12/2023", "taux": "13"})
    assert not [a for a in r["avertissements"] if "3 fois le taux" in a]


def test_plancher_inverifiable_au_dela_des_tables_signale():
    # Un taux contractuel ne dépend pas des tables BCE : le calcul est fait, mais le plancher
    # du 1er semestre 2027 ne peut pas être contrôlé.
    r = run("penalites", {"montant": "1000", "echeance": "15/12/2026", "paiement": "15/01/2027", "taux": "12"})
    assert r["ok"] and r["penalites"] == "10.19"
    assert [p["montant"] for p in r["periodes"]] == ["5.26", "4.93"]  # 1 000 × 12 % × 16 (puis 15) / 365
    assert any("1er semestre 2027 n'est pas encore connu" in a for a in r["avertissements"])


def test_taux_non_confirme_signale():
    # BCE au 01/07/2026 = 2,40 % selon des sources faibles seulement : 12,40 % au S2 2026.
    r = run("penalites", {"montant": "1000", "echeance": "30/06/2026", "paiement": "10/07/2026"})
    assert r["periodes"] == [{**r["periodes"][0], "jours": 10, "taux": "12.40", "montant": "3.40", "confirme": False}]
    assert any("non confirmé" in a for a in r["avertissements"])
    assert "(non confirmé)" in r["affichage"]["tableaux"][0]["lignes"][0][3]


def test_au_dela_des_tables_refuse_sans_hypothese():
    r = run("penalites", {"montant": "1000", "echeance": "15/12/2026", "paiement": "15/01/2027"})
    assert not r["ok"]
    assert r["erreurs"][0]["field"] == "paiement"
    assert "31 décembre 2026" in r["erreurs"][0]["message"]


def test_au_dela_des_tables_avec_hypothese_acceptee():
    r = run("penalites", {"montant": "1000", "echeance": "15/12/2026", "paiement": "15/01/2027", "prolonger": "oui"})
    assert r["ok"]
    # Au-delà des tables : le dernier taux BCE connu (2,65 % depuis le 16/09/2026) + 10 points, pas le taux
    # figé du dernier semestre (2,40 % au 01/07/2026) ; 1 000 × 12,65 % × 15 / 365 = 5,20.
    assert [(p["jours"], p["taux"], p["hypothese"]) for p in r["periodes"]] == [(16, "12.40", False), (15, "12.65", True)]
    assert r["periodes"][1]["montant"] == "5.20"
    assert "dernier taux BCE connu (2,65\u00a0%, en vigueur depuis le 16/09/2026) + 10 points" in r["periodes"][1]["fondement"]
    assert any("Hypothèse" in a for a in r["avertissements"])


def test_paiement_vide_arrete_le_calcul_a_aujourdhui():
    r = run("penalites", {"montant": "1000", "echeance": "31/01/2025", "paiement": "", "aujourdhui": "2025-02-10"})
    assert r["paiement"] == "2025-02-10" and r["paiement_est_aujourdhui"]
    assert r["jours_retard"] == 10
    assert any("arrêté à aujourd'hui" in a for a in r["avertissements"])
    # 1 000 × 13,15 % (S1 2025) × 10 / 365 = 3,6027 ; facture impayée : principal + pénalités + 40 € à étaler.
    assert r["penalites"] == "3.60"
    assert r["affichage"]["liens"][0] == {"libelle": "Étaler 1\u202f043,60\u00a0€ avec un échéancier de paiement",
                                          "url": "../echeancier/#montant=1043.60"}
    # Puis la lettre préremplie (modèles de lettres) : facture = numéro:date:montant:échéance:paiement.
    assert r["affichage"]["liens"][1] == {"libelle": "Préparer la mise en demeure (modèle de lettre prérempli)",
                                          "url": "../../lettres/remplir/#modele=mise-en-demeure&facture=::1000.00:2025-01-31"
                                                 "&imputation=interets"}


def test_lien_vers_la_lettre_reprend_le_dernier_taux_prolonge():
    """Calcul au-delà des tables, dernier taux prolongé : la lettre préremplie le prolonge aussi, et
    chiffre la même estimation (sans cela, elle refusait et redemandait la case)."""
    apres = (couvert_jusqu_au() + dt.timedelta(days=20)).isoformat()
    r = run("penalites", {"montant": "1000", "echeance": "31/01/2026", "prolonger": "oui", "aujourdhui": apres})
    url = r["affichage"]["liens"][1]["url"]
    assert url.endswith("&imputation=interets&prolonger=oui"), url
    lu = run_lien("lettre", url.split("#", 1)[1])
    facture = {**lu["lignes"]["factures"][0], "numero": "F-1", "date": "31/12/2025"}
    lettre = run("lettre", {"modele": "mise-en-demeure", "creancier_nom": "A", "creancier_adresse": "a",
                            "debiteur_nom": "B", "debiteur_adresse": "b", "signataire": "S", "aujourdhui": apres,
                            "date_lettre": fr.date_courte(dt.date.fromisoformat(apres)), "factures": [facture],
                            **lu["valeurs"]})
    assert lettre["ok"], lettre.get("erreurs")
    assert lettre["factures"][0]["penalites"] == r["penalites"]
    sans = run("penalites", {"montant": "1000", "echeance": "31/01/2026", "paiement": "31/03/2026"})
    assert "prolonger" not in sans["affichage"]["liens"][1]["url"]


def test_lien_vers_la_lettre_avec_les_acomptes():
    r = run("penalites", {"montant": "10000", "echeance": "30/11/2023", "paiement": "31/01/2024",
                          "acomptes": ["15/12/2023:4000", "10/01/2024:1000"]})
    url = r["affichage"]["liens"][1]["url"]
    # Fragment (jamais envoyé au serveur), dates ISO ; « ; » entre acomptes codé %3B par le registre.
    assert url == ("../../lettres/remplir/#modele=note-de-debit"
                   "&facture=::10000.00:2023-11-30:2024-01-31:2023-12-15:4000.00%3B2024-01-10:1000.00"
                   "&imputation=interets")
    # La lettre ouverte par ce lien (numéro et date complétés) repasse les mêmes acomptes au
    # calculateur, avec la même imputation : mêmes chiffres.
    lu = run_lien("lettre", url.split("#", 1)[1])
    facture = {**lu["lignes"]["factures"][0], "numero": "F-1", "date": "31/10/2023"}
    lettre = run("lettre", {"modele": "note-de-debit", "creancier_nom": "A", "creancier_adresse": "a",
                            "debiteur_nom": "B", "debiteur_adresse": "b", "signataire": "S",
                            "date_lettre": "31/01/2024", "factures": [facture], **lu["valeurs"]})
    assert lettre["ok"], lettre.get("erreurs")
    # Issue 10 : la lettre réclame ce que les acomptes (1343-1) ont laissé impayé.
    assert lettre["penalites"] == r["penalites_restantes"]


def test_facture_soldee_seules_penalites_et_indemnite_a_etaler():
    r = run("penalites", {"montant": "10000", "echeance": "30/11/2023", "paiement": "31/01/2024"})
    assert r["affichage"]["liens"][0]["url"] == "../echeancier/#montant=282.05"


ERREURS = [
    ({"echeance": "30/11/2023"}, "montant", "Saisissez le montant de la facture."),
    ({"montant": "abc", "echeance": "30/11/2023"}, "montant", "en chiffres"),
    ({"montant": "-5", "echeance": "30/11/2023"}, "montant", "supérieur à zéro"),
    ({"montant": "12,345", "echeance": "30/11/2023"}, "montant", "deux décimales"),
    ({"montant": "2 000 000 000", "echeance": "30/11/2023"}, "montant", "trop élevé"),
    ({"montant": "100"}, "echeance", "Saisissez la date d'échéance"),
    ({"montant": "100", "echeance": "31/02/2024"}, "echeance", "n'existe pas"),
    ({"montant": "100", "echeance": "2024/1301"}, "echeance", "jj/mm/aaaa"),
    # L'année d'abord se lit année, mois, jour (ISO, ou « / » des logiciels réglés à l'asiatique) : pas de mois 13.
    ({"montant": "100", "echeance": "2024/13/01"}, "echeance", "Le 01/13/2024 n'existe pas"),
    ({"montant": "100", "echeance": "15 janvir 2024"}, "echeance", "« janvir » n'est pas un mois"),
    ({"montant": "100", "echeance": "31/12/2012", "paiement": "31/01/2013"}, "echeance", "1er janvier 2013"),
    ({"montant": "100", "echeance": "30/11/2023", "paiement": "01/11/2023"}, "paiement", "précède l'échéance"),
    ({"montant": "100", "echeance": "30/11/2023", "paiement": "31/12/2023", "taux": "150"}, "taux", "supérieur à 0"),
    # 100 € au 15/12 paient d'abord 0,58 € de pénalités (15 jours à 14 %) : 100,58 € soldent tout.
    ({"montant": "100", "echeance": "30/11/2023", "paiement": "31/12/2023", "acomptes": ["15/12/2023:100,58"]},
     "acompte-1-montant", "atteint ou dépasse le reste dû à cette date (100,58\u00a0€, dont 0,58\u00a0€ de pénalités"),
    ({"montant": "100", "echeance": "30/11/2023", "paiement": "31/12/2023", "acomptes": ["15/12/2023:100,58"],
      "imputation": "principal"}, "acompte-1-montant", "atteint ou dépasse le reste dû à cette date (100,00\u00a0€)"),
    ({"montant": "100", "echeance": "30/11/2023", "paiement": "31/12/2023",
      "acomptes": ["01/12/2023:60", "15/12/2023:60"]}, "acompte-2-montant", "atteint ou dépasse le reste dû"),
    ({"montant": "100", "echeance": "30/11/2023", "paiement": "31/12/2023", "acomptes": ["15/01/2024:10"]},
     "acompte-1-date", "postérieure au paiement"),
    ({"montant": "100", "echeance": "30/11/2023", "paiement": "31/12/2023", "acomptes": [{"date": "", "montant": "10"}]},
     "acompte-1-date", "Saisissez la date de l'acompte n° 1"),
    # Sans date de paiement, le calcul s'arrête aujourd'hui : aucun « paiement » à accuser.
    ({"montant": "100", "echeance": "15/01/2027", "aujourdhui": "2026-12-01"}, "echeance",
     "n'est pas encore en retard"),
    ({"montant": "10000", "echeance": "30/11/2023", "acomptes": ["2024-02-15:100"], "aujourdhui": "2024-01-31"},
     "acompte-1-date", "un acompte à venir n'est pas encore reçu"),
]


@pytest.mark.parametrize("saisies, champ, extrait", ERREURS, ids=[e[2] for e in ERREURS])
def test_saisie_refusee_avec_message_au_champ(saisies, champ, extrait):
    r = run("penalites", saisies)
    assert r["ok"] is False
    assert {"field": champ} .items() <= r["erreurs"][0].items()
    assert typographie(extrait) in r["erreurs"][0]["message"]


def test_toutes_les_erreurs_sont_signalees_ensemble():
    r = run("penalites", {"montant": "abc", "echeance": "31/02/2024", "paiement": "hier"})
    assert [e["field"] for e in r["erreurs"]] == ["montant", "echeance", "paiement"]


def test_ligne_d_acompte_vide_ignoree():
    r = run("penalites", {"montant": "100", "echeance": "30/11/2023", "paiement": "31/12/2023",
                          "acomptes": [{"date": "", "montant": ""}]})
    assert r["ok"]


# --- Propriétés -------------------------------------------------------------------------------

JOURS = st.dates(min_value=dt.date(2013, 1, 1), max_value=dt.date(2026, 6, 30))
MONTANTS = st.decimals(min_value=D("0.01"), max_value=D("1000000"), places=2)


@settings(max_examples=200, deadline=None)
@given(montant=MONTANTS, echeance=JOURS, retard=st.integers(0, 900), plus=st.integers(1, 200))
def test_plus_de_jours_jamais_moins_de_penalites(montant, echeance, retard, plus):
    paiement = min(echeance + dt.timedelta(days=retard), dt.date(2026, 12, 31))
    plus_tard = min(paiement + dt.timedelta(days=plus), dt.date(2026, 12, 31))
    assert calculer(montant, echeance, plus_tard).penalites >= calculer(montant, echeance, paiement).penalites


@settings(max_examples=200, deadline=None)
@given(a=MONTANTS, b=MONTANTS, echeance=JOURS, retard=st.integers(0, 900))
def test_plus_gros_montant_jamais_moins_de_penalites(a, b, echeance, retard):
    paiement = min(echeance + dt.timedelta(days=retard), dt.date(2026, 12, 31))
    petit, grand = sorted((a, b))
    assert calculer(grand, echeance, paiement).penalites >= calculer(petit, echeance, paiement).penalites


@settings(max_examples=200, deadline=None)
@given(montant=MONTANTS, echeance=JOURS, retard=st.integers(1, 900))
def test_decoupage_ne_change_le_total_que_de_l_arrondi(montant, echeance, retard):
    paiement = min(echeance + dt.timedelta(days=retard), dt.date(2026, 12, 31))
    d = calculer(montant, echeance, paiement)
    exact = sum(ligne.exact for ligne in d.lignes)
    assert abs(d.penalites - exact) <= D("0.005") * len(d.lignes)
    assert sum(ligne.jours for ligne in d.lignes) == d.jours_retard
    # Les lignes se suivent sans trou ni chevauchement.
    for avant, apres in zip(d.lignes, d.lignes[1:]):
        assert apres.debut == avant.fin + dt.timedelta(days=1)


@settings(max_examples=200, deadline=None)
@given(montant=st.decimals(min_value=D("10.00"), max_value=D("100000"), places=2),
       echeance=JOURS, retard=st.integers(2, 400), part=st.integers(1, 99), jour=st.integers(0, 400))
def test_un_acompte_ne_fait_jamais_payer_plus(montant, echeance, retard, part, jour):
    paiement = min(echeance + dt.timedelta(days=retard), dt.date(2026, 12, 31))
    date_acompte = min(echeance + dt.timedelta(days=jour), paiement)
    acompte = Acompte(date_acompte, (montant * part / 100).quantize(D("0.01")))
    sans = calculer(montant, echeance, paiement)
    # Imputation sur le principal : l'acompte réduit l'assiette dès le lendemain. (Sur les pénalités
    # d'abord, 1343-1, l'assiette peut rester la même : voir la propriété de l'issue 10 plus bas.)
    avec = calculer(montant, echeance, paiement, acomptes=(acompte,), imputation="principal")
    # Sur les valeurs exactes : l'arrondi par ligne, borné par le test précédent, peut ajouter
    # un demi-centime par ligne supplémentaire.
    assert sum(ligne.exact for ligne in avec.lignes) <= sum(ligne.exact for ligne in sans.lignes)
    assert avec.indemnite == sans.indemnite


# --- Issue 10 : imputation des acomptes (C. civ. art. 1343-1) ---------------------------------


def test_exemple_1343_1_de_l_issue():
    """10 000 € échus le 30/11/2023, 4 000 € le 15/12, solde le 31/01/2024 (calcul dans tests/cas)."""
    r = run("penalites", {"montant": "10000", "echeance": "30/11/2023", "paiement": "31/01/2024",
                          "acomptes": ["15/12/2023:4000"]})
    assert r["imputation"] == "interets" and r["penalites"] == "169.30"
    assert r["acomptes"] == [{"date": "2023-12-15", "montant": "4000.00", "sur_penalites": "57.53",
                              "sur_principal": "3942.47", "principal_apres": "6057.53"}]
    assert (r["penalites_payees"], r["penalites_restantes"], r["total_reclamable"]) == ("57.53", "111.77", "151.77")
    imputation = r["affichage"]["tableaux"][1]
    assert imputation["lignes"] == [["15/12/2023", "4\u202f000,00\u00a0€", "57,53\u00a0€", "3\u202f942,47\u00a0€",
                                     "6\u202f057,53\u00a0€"]]
    assert "1343-1" in r["affichage"]["phrase"] and "111,77" in r["affichage"]["phrase"]


def test_la_valeur_faciale_versee_en_retard_est_un_acompte_1343_1():
    """Refusé avant (« atteint ou dépasse le reste dû »), alors que le résultat lui-même disait qu'une part du
    principal restait due. Calcul à la main, 10 000 € échus le 30/11/2023 :
    - 4 000 € le 15/12 : 15 jours à 14 % = 57,53 € de pénalités payées d'abord, principal 6 057,53 € ;
    - 6 020 € le 10/01/2024 : pénalités échues 6 057,53 × 14 % × 16/365 = 37,17 et × 14,5 % × 10/365 = 24,06,
      61,23 € payés d'abord, 5 958,77 € sur le principal, qui tombe à 98,76 € : un acompte, pas le paiement."""
    r = run("penalites", {"montant": "10000", "echeance": "30/11/2023", "paiement": "31/01/2024",
                          "acomptes": ["15/12/2023:4000", "10/01/2024:6020"]})
    assert r["ok"], r
    assert [(a["sur_penalites"], a["principal_apres"]) for a in r["acomptes"]] == [("57.53", "6057.53"),
                                                                                    ("61.23", "98.76")]
    assert "comme les acomptes dépassent le montant de la facture, il reste aussi 98,76\u00a0€ de principal" \
        in r["affichage"]["phrase"]
    # La valeur faciale d'un coup, le 15/12 : 57,53 € de pénalités d'abord, autant de principal reste dû.
    r = run("penalites", {"montant": "10000", "echeance": "30/11/2023", "paiement": "31/01/2024",
                          "acomptes": ["15/12/2023:10000"]})
    assert r["acomptes"][0]["principal_apres"] == "57.53"
    assert "comme les acomptes couvrent le montant de la facture, il reste aussi 57,53\u00a0€" in r["affichage"]["phrase"]


@pytest.mark.parametrize("paiement", [{}, {"paiement": "31/01/2024"}], ids=["aujourdhui", "paiement-saisi"])
def test_acompte_du_jour_du_paiement_compte(paiement):
    """4 000 € reçus le 31/01/2024, jour du calcul (ou du paiement du solde) : ce jour a porté
    intérêt sur 10 000 € (242,05 € en tout, voir l'exemple du calculateur), puis l'acompte paie ces
    242,05 € (C. civ. 1343-1) et 3 757,95 € de principal : 6 242,05 € restent dus, et seulement
    l'indemnité de 40 € à réclamer en plus. L'acompte était ignoré : 10 000 € dus, 282,05 € réclamés."""
    r = run("penalites", {"montant": "10000", "echeance": "30/11/2023", "acomptes": ["31/01/2024:4000"],
                          "aujourdhui": "2024-01-31", **paiement})
    assert r["penalites"] == "242.05"
    assert r["acomptes"] == [{"date": "2024-01-31", "montant": "4000.00", "sur_penalites": "242.05",
                              "sur_principal": "3757.95", "principal_apres": "6242.05"}]
    assert (r["principal_restant"], r["penalites_restantes"], r["total_reclamable"]) == ("6242.05", "0.00", "40.00")


def test_taux_du_contrat_a_trois_decimales_ecrit_tel_quel():
    """« 12,125 » : le décompte l'écrivait « 12,12 % », et ses lignes ne se refaisaient pas à la main."""
    r = run("penalites", {"montant": "10000", "echeance": "30/11/2023", "paiement": "31/01/2024", "taux": "12,125"})
    ligne = r["affichage"]["tableaux"][0]["lignes"][0]
    assert ligne[3] == "12,125\u00a0%" and "× 12,125\u00a0% ×" in ligne[4]
    assert "12,125\u00a0%" in r["affichage"]["phrase"]


def test_imputation_sur_le_principal_redonne_les_chiffres_d_avant():
    r = run("penalites", {"montant": "10000", "echeance": "30/11/2023", "paiement": "31/01/2024",
                          "acomptes": ["15/12/2023:4000"], "imputation": "principal"})
    assert r["penalites"] == "168.24" and r["penalites_payees"] == "0.00"
    assert r["acomptes"][0]["principal_apres"] == "6000.00"
    assert "comme convenu" in r["affichage"]["phrase"]
    assert "imputation=principal" in r["lien"]


def test_imputation_inconnue_refusee_au_champ():
    r = run("penalites", {"montant": "10000", "echeance": "30/11/2023", "paiement": "31/01/2024",
                          "imputation": "capital"})
    assert not r["ok"] and r["erreurs"][0]["field"] == "imputation"


def test_acompte_plus_petit_que_les_penalites_echues():
    r = run("penalites", {"montant": "10000", "echeance": "30/11/2023", "paiement": "31/01/2024",
                          "acomptes": ["31/12/2023:50"]})
    assert r["acomptes"][0]["sur_penalites"] == "50.00" and r["acomptes"][0]["principal_apres"] == "10000.00"
    assert r["penalites_restantes"] == "192.05"


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=100_00, max_value=10_000_000_00), st.integers(min_value=1, max_value=600),
       st.lists(st.tuples(st.integers(min_value=1, max_value=599), st.integers(min_value=1, max_value=100)),
                max_size=4))
def test_propriete_imputer_sur_les_penalites_n_en_donne_jamais_moins(centimes, retard, versements):
    """Le principal baisse moins vite quand les acomptes paient d'abord les pénalités (1343-1)."""
    montant, echeance = D(centimes) / 100, dt.date(2023, 1, 31)
    paiement = echeance + dt.timedelta(days=retard)
    acomptes, deja = [], D(0)
    for jour, pour_mille in sorted(versements):
        somme = (montant * pour_mille / 1000).quantize(D("0.01"))
        if jour < retard and somme > 0 and deja + somme < montant / 2:
            acomptes.append(Acompte(echeance + dt.timedelta(days=jour), somme))
            deja += somme
    interets = calculer(montant, echeance, paiement, tuple(acomptes))
    principal = calculer(montant, echeance, paiement, tuple(acomptes), imputation="principal")
    assert interets.penalites >= principal.penalites
    assert interets.penalites_payees + sum(i.sur_principal for i in interets.imputations) == deja


def test_taux_sous_le_plancher_chiffre_les_deux_lectures_sans_trancher():
    """Issue 10 §3 : L441-10 II interdit la clause sans dire ce qui la remplace.

    Plancher : 10 000 × 12,66 % × 31 / 365 = 107,52 (S2 2023) + 10 000 × 15,21 % × 31 / 365 = 129,18
    (S1 2024) = 236,70 € ; défaut : 242,05 € ; contrat à 9 % : 2 × 76,44 = 152,88 €.
    """
    r = run("penalites", {"montant": "10000", "echeance": "30/11/2023", "paiement": "31/01/2024", "taux": "9"})
    assert r["penalites"] == "152.88"
    assert r["comparaisons"] == {"plancher": "236.70", "defaut": "242.05"}
    texte = " ".join(r["avertissements"])
    assert "ne dit pas quel taux la remplace" in texte and "236,70" in texte and "242,05" in texte
    assert "peut réclamer au moins" not in texte


@pytest.mark.parametrize("paiement, prescrite", [("30/11/2023", False), ("01/12/2023", True)])
def test_prescription_acquise_le_lendemain_du_dernier_jour(paiement, prescrite):
    """C. com. L110-4 et C. civ. 2229 : cinq ans jour pour jour ne suffisent pas, le dernier jour doit être passé."""
    r = run("penalites", {"montant": "1000", "echeance": "30/11/2018", "paiement": paiement})
    assert any("L110-4" in a for a in r["avertissements"]) is prescrite


@pytest.mark.parametrize("aujourdhui, prescrite", [("2024-03-01", False), ("2024-03-02", True)])
def test_penalites_d_une_facture_payee_prescrites_cinq_ans_apres_le_paiement(aujourdhui, prescrite):
    """Échue le 01/01/2019, payée le 01/03/2019 : l'avertissement comparait l'échéance au paiement (deux mois) et
    se taisait en 2026 ; les pénalités, exigibles au plus tard au paiement, se prescrivent cinq ans après
    (L110-4, C. civ. 2229 : le dernier jour passé)."""
    r = run("penalites", {"montant": "10000", "echeance": "01/01/2019", "paiement": "01/03/2019", "aujourdhui": aujourdhui})
    assert r["penalites"] == "161.64"  # 10 000 × 10 % × 59 / 365 : le calcul reste fait
    assert any(a.startswith("Le paiement du 01/03/2019 date de plus de cinq ans") for a in r["avertissements"]) is prescrite


@pytest.mark.parametrize(("paiement", "projection"), [("2026-12-15", True), ("2026-12-01", False),
                                                        ("2026-11-30", False)])
def test_paiement_futur_signale_comme_projection(paiement, projection):
    """Un paiement encore à venir : le décompte suppose qu'il aura lieu ce jour-là (comme l'intérêt légal
    et les intérêts moratoires, même message : commun/affichage.projection)."""
    r = run("penalites", {"montant": "10000", "echeance": "2026-10-31", "paiement": paiement,
                          "aujourdhui": "2026-12-01"})
    assert r["ok"], r
    signales = [a for a in r["avertissements"] if "projection" in a]
    assert bool(signales) == projection
    if projection:
        assert "(15/12/2026) est postérieure à aujourd'hui (1er décembre 2026)" in signales[0]
        assert "L441-10 II" in signales[0]


def test_taux_legal_inconnu_dit_une_fois_pour_toute_la_periode():
    """Un retard prolongé jusqu'en 2100 donnait 147 messages, un par semestre sans taux légal connu."""
    r = run("penalites", {"montant": "1000", "echeance": "01/01/2025", "paiement": "01/01/2100", "taux": "12",
                          "prolonger": "oui"})
    assert r["ok"], r
    inconnus = [a for a in r["affichage"]["avertissements"] if "n'est pas encore connu" in a]
    assert len(inconnus) == 1 and "du 1er semestre 2027 au 1er semestre 2100" in inconnus[0]


def test_facture_impayee_le_total_a_retenir_comprend_le_principal():
    """Sans date de paiement, le chiffre mis en tête est tout ce qui est dû ce jour : principal, pénalités
    et indemnité, le montant que reprennent l'échéancier et la mise en demeure proposés."""
    r = run("penalites", {"montant": "10000", "echeance": "2023-11-30", "aujourdhui": "2024-01-31"})
    resume = {x["cle"]: (x["libelle"], x["valeur"]) for x in r["affichage"]["resume"]}
    total = Decimal(r["principal_restant"]) + Decimal(r["penalites"]) + Decimal(r["indemnite_forfaitaire"])
    assert resume["total"] == ("Total dû à ce jour, principal compris", fr.euros(total))
    assert resume["principal"] == ("Principal encore dû", "10\u202f000,00\u00a0€")
    assert r["affichage"]["resume"][0]["cle"] == "total"
    assert f"Étaler {fr.euros(total)}" in r["affichage"]["liens"][0]["libelle"]


def test_acomptes_imputes_sur_les_penalites_le_solde_attendu_est_dit():
    """Issue 10 (57,53 € de pénalités payés par l'acompte) : un client qui verse « le solde de la
    facture » (6 000 €) laisse 57,53 € de principal impayé ; la phrase le dit, chiffres à l'appui."""
    r = run("penalites", {"montant": "10000", "echeance": "2023-11-30", "paiement": "2024-01-31",
                          "acomptes": ["15/12/2023:4000"]})
    phrase = r["affichage"]["phrase"]
    assert "devait donc être de 6\u202f057,53\u00a0€" in phrase
    assert "n'a versé que 6\u202f000,00\u00a0€" in phrase and "il reste aussi 57,53\u00a0€ de principal" in phrase
    # Le grand chiffre du résumé ne dit plus « Total à réclamer » : il n'a pas le principal resté impayé.
    (total,) = [x for x in r["affichage"]["resume"] if x["cle"] == "total"]
    assert total["libelle"] == "Pénalités et indemnité à réclamer, hors principal"


def test_acompte_qui_solde_date_du_paiement_dit_de_le_retirer():
    """10 000 € échus le 30/11/2023, payés le 31/01/2024 : 31 jours de 2023 à 14,00 % (BCE 4,00 + 10)
    = 118,90 €, et 31 jours de 2024 à 14,50 % = 123,15 € (÷ 365) : 242,05 € de pénalités échues. Un
    « acompte » de 10 300 € ce jour-là est le paiement lui-même ; le message disait d'indiquer sa date
    comme date de paiement : c'était déjà elle."""
    r = run("penalites", {"montant": "10000", "echeance": "30/11/2023", "paiement": "31/01/2024",
                          "acomptes": ["2024-01-31:10300"]})
    (erreur,) = r["erreurs"]
    assert erreur["field"] == "acompte-1-montant"
    assert "10\u202f242,05\u00a0€" in erreur["message"]
    assert "ce versement est le paiement lui-même\u00a0: retirez-le des acomptes" in erreur["message"]
    assert "indiquez sa date comme date de paiement" not in erreur["message"]


def test_acompte_d_une_annee_impossible_refuse():
    r = run("penalites", {"montant": "10000", "echeance": "30/11/2023", "paiement": "31/01/2024",
                          "acomptes": ["1900-01-01:100"]})
    assert [e["field"] for e in r["erreurs"]] == ["acompte-1-date"]
    assert "avant le 01/01/2013" in r["erreurs"][0]["message"]


def test_lecture_au_plancher_garde_le_contrat_la_ou_il_le_depasse():
    """Contrat à 15 % ; plancher (3 × taux légal, professionnels) : 12,66 % au S2 2023 (le contrat le
    dépasse), 15,21 % au S1 2024 (il est en dessous). 10 000 € échus le 30/11/2023, 4 000 € versés le
    15/12/2023 (imputés sur le principal), soldés le 31/01/2024 :
    10 000 × 15 % × 15 / 365 = 61,64 ; 6 000 × 15 % × 16 / 365 = 39,45 ; 6 000 × 15,21 % × 31 / 365 = 77,51
    → 178,60 € (le plancher partout donnait 162,84 €, moins que le contrat)."""
    r = run("penalites", {"montant": "10000", "echeance": "30/11/2023", "paiement": "31/01/2024", "taux": "15",
                          "acomptes": ["2023-12-15:4000"], "imputation": "principal"})
    (lectures,) = [a for a in r["avertissements"] if "selon la lecture retenue" in a]
    assert "relevé au plancher (le triple du taux légal) là où il est en dessous, 178,60\u00a0€" in lectures


@pytest.mark.parametrize("echeance, paiement, penalites, plancher, semestres", [
    # 10 000 × 14,50 % × 60 / 365 = 238,36 ; au plancher : 10 000 × 15,21 % × 60 / 365 = 250,027… → 250,03.
    ("15/02/2024", "15/04/2024", "238.36", "250.03", ["1er semestre 2024 (14,50\u00a0% contre 15,21\u00a0%)"]),
    # 16 j à 14 % = 61,37 ; 182 j à 14,50 % = 723,01 ; 77 j à 14,25 % = 300,62 → 1 085,00.
    # Au plancher, 2023 gardé (14 % > 12,66 %) : 61,37 + 182 j à 15,21 % = 758,42 + 77 j à 14,76 % = 311,38
    # → 1 131,17.
    ("15/12/2023", "15/09/2024", "1085.00", "1131.17", ["1er semestre 2024 (14,50\u00a0% contre 15,21\u00a0%)",
                                                        "2e semestre 2024 (14,25\u00a0% contre 14,76\u00a0%)"]),
    # L'exemple de la page : 118,90 à 14 % (gardé) + 10 000 × 15,21 % × 31 / 365 = 129,18 → 248,08.
    ("30/11/2023", "31/01/2024", "242.05", "248.08", ["1er semestre 2024 (14,50\u00a0% contre 15,21\u00a0%)"]),
])
def test_taux_par_defaut_sous_le_plancher_en_2024_signale_et_chiffre(echeance, paiement, penalites, plancher,
                                                                    semestres):
    """legal.md §8, question 4 : en 2024, 3 × le taux légal dépassait BCE + 10 ; le texte ne soumet au
    plancher qu'une clause. Le calcul garde le taux par défaut et chiffre l'autre lecture."""
    r = run("penalites", {"montant": "10000", "echeance": echeance, "paiement": paiement})
    assert r["penalites"] == penalites
    assert r["comparaisons"] == {"plancher": plancher}
    (message,) = [a for a in r["avertissements"] if "Le taux par défaut (BCE + 10 points) était" in a]
    assert all(f"au {s}" in message for s in semestres)
    assert f"au plancher, les pénalités seraient de {fr.euros(D(plancher))}." in typographie(message)


def test_taux_par_defaut_au_dessus_du_plancher_rien_a_signaler():
    """2023 : 3 × 2,06 % puis 3 × 4,22 % (6,18 % et 12,66 %) restent sous 12,00 % puis 14,00 %."""
    r = run("penalites", {"montant": "10000", "echeance": "30/06/2023", "paiement": "31/08/2023"})
    assert r["comparaisons"] == {}
    assert not [a for a in r["avertissements"] if "plancher" in a]


def test_lecture_au_taux_par_defaut_non_confirme_signalee():
    """Contrat à 8 % en 2026 (plancher 3 × 2,75 % = 8,25 %, non confirmé) : la lecture « taux par défaut »
    chiffrée à côté repose sur la BCE au 1er juillet 2026 (2,40 %, non confirmée), qui doit être dite."""
    r = run("penalites", {"montant": "10000", "echeance": "15/06/2026", "paiement": "15/08/2026", "taux": "8"})
    assert "defaut" in r["comparaisons"]
    assert any("taux non confirmé" in a and "1er juillet 2026" in a for a in r["avertissements"])


def test_le_decompte_se_telecharge_en_csv_dans_l_ordre_du_temps():
    """L'exemple 1343-1, à la main : 10 000 × 14 % × 15 / 365 = 57,53 ; l'acompte de 4 000 € du 15/12/2023 paie
    ces 57,53 € puis 3 942,47 € de principal (reste 6 057,53) ; 6 057,53 × 14 % × 16 / 365 = 37,17 ;
    6 057,53 × 14,50 % × 31 / 365 = 74,60. Pénalités 169,30 € ; à réclamer 169,30 − 57,53 + 40 = 151,77 €."""
    r = run("penalites", {"montant": "10000", "echeance": "30/11/2023", "paiement": "31/01/2024",
                          "acomptes": ["15/12/2023:4000"]})
    (fichier,) = r["affichage"]["fichiers"]
    assert fichier["nom"] == "penalites-2023-11-30-2024-01-31.csv" and fichier["contenu"] == r["csv"]
    assert r["csv"].startswith("\ufeff") and r["csv"].endswith("\r\n")
    lignes = [ligne.split(";") for ligne in r["csv"].removeprefix("\ufeff").split("\r\n")[:-1]]
    assert [(x[0], x[1], x[3], x[4], x[5], x[6]) for x in lignes if x[0] == "Pénalités"] == [
        ("Pénalités", "01/12/2023", "15", "10000,00", "14,00", "57,53"),
        ("Pénalités", "16/12/2023", "16", "6057,53", "14,00", "37,17"),
        ("Pénalités", "01/01/2024", "31", "6057,53", "14,50", "74,60")]
    assert [x[0] for x in lignes][1:] == ["Pénalités", "Acompte", "Pénalités", "Pénalités", "Total des pénalités",
                                          "Indemnité forfaitaire",
                                          "Pénalités et indemnité à réclamer, hors principal"]
    assert lignes[2][7:10] == ["4000,00", "57,53", "3942,47"]
    assert lignes[5][6] == "169,30" and lignes[6][6] == "40,00" and lignes[7][6] == "151,77"


def test_csv_d_une_facture_impayee_dit_le_principal_et_les_taux_non_confirmes():
    """Impayée au 31/08/2026 : 10 000 € échus le 30/06/2026, 62 jours au 2e semestre 2026 à 12,40 %
    (BCE 2,40 % non confirmée) : 10 000 × 12,40 % × 62 / 365 = 210,63 ; total 10 000 + 210,63 + 40."""
    r = run("penalites", {"montant": "10000", "echeance": "30/06/2026", "aujourdhui": "2026-08-31"})
    lignes = [ligne.split(";") for ligne in r["csv"].removeprefix("\ufeff").split("\r\n")[:-1]]
    assert lignes[1][6] == "210,63" and lignes[1][-1].endswith(", taux non confirmé")
    assert lignes[-2][:1] + lignes[-2][6:7] == ["Principal encore dû", "10000,00"]
    assert lignes[-1][:1] + lignes[-1][6:7] == ["Total dû à ce jour, principal compris", "10250,63"]


def test_le_dernier_taux_prolonge_sur_plusieurs_semestres_n_est_signale_qu_une_fois():
    """Audit du 3 décembre : prolongé jusqu'en 2028, le même taux non confirmé était signalé une fois par
    semestre (trois messages identiques ; 149 jusqu'en 2100, et autant de fois chaque facture d'une lettre)."""
    r = run("penalites", {"montant": "1000", "echeance": "15/06/2026", "paiement": "31/01/2028",
                          "prolonger": "oui", "aujourdhui": "2026-12-03"})
    non_confirmes = [a for a in r["avertissements"] if a.startswith("Ce résultat dépend")]
    assert len(non_confirmes) == len(set(non_confirmes)) == 2
    assert "1er juillet 2026" in non_confirmes[0] and "dernier taux BCE connu" in non_confirmes[1]


def test_le_json_donne_le_chiffre_a_retenir_du_resume():
    """Audit du 3 décembre : impayée, la page disait « Total dû à ce jour, principal compris » et le JSON
    n'en avait que les accessoires. 10 000 € échus le 30/06/2026, impayés au 31/08/2026 : 210,63 + 40."""
    r = run("penalites", {"montant": "10000", "echeance": "30/06/2026", "aujourdhui": "2026-08-31"})
    assert (r["total_reclamable"], r["total_a_retenir"]) == ("250.63", "10250.63")
    payee = run("penalites", {"montant": "10000", "echeance": "30/11/2023", "paiement": "31/01/2024"})
    assert payee["total_a_retenir"] == payee["total_reclamable"] == "282.05"
