"""Échéancier de paiement : cas calculés à la main, dates, erreurs de saisie, propriétés.

Les cas avec intérêts ont été refaits à la main : taux de la période = taux annuel / 12,
intérêts = capital restant × taux de la période arrondis au centime (0,005 vers le haut),
échéance constante = C × i / (1 − (1 + i)^−n) arrondie au centime, la dernière échéance
soldant le capital restant.
"""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from calculators.api import run
from calculators.commun.format_fr import typographie
from calculators.echeancier.regles import (
    CAPITAL_CONSTANT, CONSTANTES, NOMBRE_MAX, PERIODICITES, ajouter_mois, plan_par_echeance, plan_par_nombre,
    repartir,
)

D = Decimal
AUJOURDHUI = "2025-01-15"  # date figée : les avertissements « déjà passée » ne dépendent pas du jour


def calcul(**saisies):
    return run("echeancier", {"aujourdhui": AUJOURDHUI, **saisies})


def montants(r):
    return [e["montant"] for e in r["echeances"]]


# --------------------------------------------------------------------------------------------
# Cas calculés à la main
# --------------------------------------------------------------------------------------------

CAS = [
    # (libellé, saisies, [(date, montant, intérêts, capital, restant)], total payé)
    ("exemple de l'issue : 10 000 € en 6, l'écart de −0,02 € sur la dernière",
     {"montant": "10000", "nombre": "6", "premiere": "2025-01-31", "periodicite": "mensuelle"},
     [("2025-01-31", "1666.67", "0.00", "1666.67", "8333.33"),
      ("2025-02-28", "1666.67", "0.00", "1666.67", "6666.66"),
      ("2025-03-31", "1666.67", "0.00", "1666.67", "4999.99"),
      ("2025-04-30", "1666.67", "0.00", "1666.67", "3333.32"),
      ("2025-05-31", "1666.67", "0.00", "1666.67", "1666.65"),
      ("2025-06-30", "1666.65", "0.00", "1666.65", "0.00")], "10000.00"),
    ("1 000 € en 3 : l'écart de +0,01 € sur la dernière",
     {"montant": "1 000,00", "nombre": "3", "premiere": "05/02/2025"},
     [("2025-02-05", "333.33", "0.00", "333.33", "666.67"),
      ("2025-03-05", "333.33", "0.00", "333.33", "333.34"),
      ("2025-04-05", "333.34", "0.00", "333.34", "0.00")], "1000.00"),
    ("demi-centime arrondi vers le haut : 10,05 € en 2 = 5,025 → 5,03 puis 5,02",
     {"montant": "10,05", "nombre": "2", "premiere": "2025-03-01"},
     [("2025-03-01", "5.03", "0.00", "5.03", "5.02"),
      ("2025-04-01", "5.02", "0.00", "5.02", "0.00")], "10.05"),
    ("trimestrielle depuis le 30 novembre : 28 février puis retour au 30",
     {"montant": "100", "nombre": "4", "premiere": "30/11/2024", "periodicite": "trimestrielle"},
     [("2024-11-30", "25.00", "0.00", "25.00", "75.00"),
      ("2025-02-28", "25.00", "0.00", "25.00", "50.00"),
      ("2025-05-30", "25.00", "0.00", "25.00", "25.00"),
      ("2025-08-30", "25.00", "0.00", "25.00", "0.00")], "100.00"),
    # i = 0,5 % ; a = 10 000 × 0,005 / (1 − 1,005^−6) = 1 695,9546 → 1 695,95.
    ("6 % par an, échéances constantes",
     {"montant": "10000", "nombre": "6", "premiere": "2025-01-31", "taux": "6"},
     [("2025-01-31", "1695.95", "50.00", "1645.95", "8354.05"),
      ("2025-02-28", "1695.95", "41.77", "1654.18", "6699.87"),   # 41,770 25
      ("2025-03-31", "1695.95", "33.50", "1662.45", "5037.42"),   # 33,499 35
      ("2025-04-30", "1695.95", "25.19", "1670.76", "3366.66"),   # 25,187 1
      ("2025-05-31", "1695.95", "16.83", "1679.12", "1687.54"),   # 16,833 3
      ("2025-06-30", "1695.98", "8.44", "1687.54", "0.00")],      # 8,437 7 ; 1 687,54 + 8,44
     "10175.73"),
    ("6 % par an, capital constant",
     {"montant": "10000", "nombre": "4", "premiere": "2025-01-15", "taux": "6", "methode": "capital-constant"},
     [("2025-01-15", "2550.00", "50.00", "2500.00", "7500.00"),
      ("2025-02-15", "2537.50", "37.50", "2500.00", "5000.00"),
      ("2025-03-15", "2525.00", "25.00", "2500.00", "2500.00"),
      ("2025-04-15", "2512.50", "12.50", "2500.00", "0.00")], "10125.00"),
    # 9 000 € étalés ; a = 0,9 × 1 695,9546 = 1 526,359 → 1 526,36.
    ("acompte de 1 000 € puis 6 % sur 9 000 €",
     {"montant": "10000", "acompte": "1000", "nombre": "6", "premiere": "2025-01-31", "taux": "6"},
     [("2025-01-31", "1526.36", "45.00", "1481.36", "7518.64"),
      ("2025-02-28", "1526.36", "37.59", "1488.77", "6029.87"),
      ("2025-03-31", "1526.36", "30.15", "1496.21", "4533.66"),
      ("2025-04-30", "1526.36", "22.67", "1503.69", "3029.97"),
      ("2025-05-31", "1526.36", "15.15", "1511.21", "1518.76"),
      ("2025-06-30", "1526.35", "7.59", "1518.76", "0.00")], "10158.15"),
    ("échéance fixée à 300 € : la dernière solde le reste",
     {"montant": "1000", "mensualite": "300", "premiere": "2025-01-10"},
     [("2025-01-10", "300.00", "0.00", "300.00", "700.00"),
      ("2025-02-10", "300.00", "0.00", "300.00", "400.00"),
      ("2025-03-10", "300.00", "0.00", "300.00", "100.00"),
      ("2025-04-10", "100.00", "0.00", "100.00", "0.00")], "1000.00"),
    ("échéance fixée à 300 €, 12 % par an (1 % par mois)",
     {"montant": "1000", "mensualite": "300", "premiere": "2025-01-10", "taux": "12"},
     [("2025-01-10", "300.00", "10.00", "290.00", "710.00"),
      ("2025-02-10", "300.00", "7.10", "292.90", "417.10"),
      ("2025-03-10", "300.00", "4.17", "295.83", "121.27"),     # 4,171
      ("2025-04-10", "122.48", "1.21", "121.27", "0.00")],      # 1,212 7
     "1022.48"),
    ("toutes les deux semaines, taux nul saisi « 0 »",
     {"montant": "90", "nombre": "3", "premiere": "31/01/2025", "periodicite": "quinzaine", "taux": "0"},
     [("2025-01-31", "30.00", "0.00", "30.00", "60.00"),
      ("2025-02-14", "30.00", "0.00", "30.00", "30.00"),
      ("2025-02-28", "30.00", "0.00", "30.00", "0.00")], "90.00"),
    ("un seul versement, 12 % : un mois d'intérêts",
     {"montant": "500", "nombre": "1", "premiere": "2025-02-01", "taux": "12"},
     [("2025-02-01", "505.00", "5.00", "500.00", "0.00")], "505.00"),
]


@pytest.mark.parametrize("libelle, saisies, lignes, total", CAS, ids=[c[0] for c in CAS])
def test_echeancier_calcule_a_la_main(libelle, saisies, lignes, total):
    r = calcul(**saisies)
    assert r["ok"], r
    assert [(e["date"], e["montant"], e["interets"], e["capital"], e["restant"]) for e in r["echeances"]] == lignes
    assert r["total_paye"] == total
    assert [e["rang"] for e in r["echeances"]] == list(range(1, len(lignes) + 1))


def test_totaux_et_ajustement_de_l_exemple():
    r = calcul(montant="10000", nombre="6", premiere="2025-01-31", periodicite="mensuelle")
    assert r["total"] == {"montant": "10000.00", "interets": "0.00", "capital": "10000.00"}
    assert r["ajustement"] == {"rang": 6, "ecart": "-0.02"}
    assert r["nombre"] == 6 and r["premiere"] == "2025-01-31" and r["derniere"] == "2025-06-30"


def test_phrase_de_l_issue():
    a = calcul(montant="10000", nombre="6", premiere="2025-01-31")["affichage"]
    assert a["phrase"].startswith(
        "5 mensualités de 1\u202f666,67\u00a0€ et une dernière de 1\u202f666,65\u00a0€, du 31 janvier au 30 juin 2025.")
    assert any("dernière échéance (ici 0,02\u00a0€ de moins que les autres)" in n for n in a["notes"])


def test_phrase_acompte_interets_et_annee_differente():
    a = calcul(montant="10000", acompte="1000", nombre="12", premiere="2025-10-31", taux="6")["affichage"]
    assert a["phrase"].startswith("Acompte de 1\u202f000,00\u00a0€ à la signature, puis 11 mensualités de ")
    assert "du 31 octobre 2025 au 30 septembre 2026" in a["phrase"]
    assert "Au taux de 6,00\u00a0% par an (échéances constantes)" in a["phrase"]


def test_phrase_capital_constant_et_versement_unique():
    a = calcul(montant="10000", nombre="4", premiere="2025-01-15", taux="6", methode="capital")["affichage"]
    assert a["phrase"].startswith("4 mensualités décroissantes, de 2\u202f550,00\u00a0€ à 2\u202f512,50\u00a0€")
    a = calcul(montant="500", nombre="1", premiere="2025-02-01")["affichage"]
    assert a["phrase"].startswith("Un seul versement de 500,00\u00a0€ le 1er février 2025.")


def test_tableau_affiche_avec_acompte_et_pied():
    a = calcul(montant="10000", acompte="1000", nombre="6", premiere="2025-01-31", taux="6")["affichage"]
    t = a["tableaux"][0]
    assert t["colonnes"] == ["N°", "Date", "Montant", "Dont intérêts", "Dont capital", "Capital restant dû"]
    assert t["lignes"][0] == ["Acompte", "à la signature", "1\u202f000,00\u00a0€", "0,00\u00a0€",
                              "1\u202f000,00\u00a0€", "9\u202f000,00\u00a0€"]
    assert t["lignes"][1][:3] == ["1", "31/01/2025", "1\u202f526,36\u00a0€"]
    assert t["pied"] == ["Total", "6 échéances", "10\u202f158,15\u00a0€", "158,15\u00a0€", "10\u202f000,00\u00a0€", ""]


def test_sans_interets_le_tableau_n_a_pas_de_colonnes_d_interets():
    t = calcul(montant="10000", nombre="6", premiere="2025-01-31")["affichage"]["tableaux"][0]
    assert t["colonnes"] == ["N°", "Date", "Montant", "Capital restant dû"]
    assert t["lignes"][-1] == ["6", "30/06/2025", "1\u202f666,65\u00a0€", "0,00\u00a0€"]


def test_csv_produit_en_python():
    r = calcul(montant="10000", acompte="1000", nombre="6", premiere="2025-01-31", taux="6")
    lignes = r["csv"].removeprefix("\ufeff").split("\r\n")
    assert r["csv"].startswith("\ufeff") and r["csv"].endswith("\r\n")
    assert lignes[0] == "N°;Date;Montant;Intérêts;Capital;Capital restant dû"
    assert lignes[1] == "Acompte;à la signature;1000,00;0,00;1000,00;9000,00"
    assert lignes[2] == "1;31/01/2025;1526,36;45,00;1481,36;7518,64"
    assert lignes[7] == "6;30/06/2025;1526,35;7,59;1518,76;0,00"
    assert lignes[8] == "Total;;10158,15;158,15;10000,00;"
    fichier, = r["affichage"]["fichiers"]
    assert fichier == {"nom": "echeancier-2025-01-31.csv", "type": "text/csv;charset=utf-8",
                       "libelle": "Télécharger le tableau (CSV)", "contenu": r["csv"]}


def test_guidance_juridique_toujours_presente():
    r = calcul(montant="1000", nombre="2", premiere="2025-02-01")
    notes = " ".join(r["affichage"]["notes"])
    assert "art. 2240" in notes and "art. 1343-5" in notes and "deux années" in notes
    # 1343-5 ne distingue pas les pénalités du contrat de celles de la loi (L441-10) : ses mots, cités.
    assert "«\u00a0les majorations d'intérêts ou les pénalités prévues en cas de retard ne sont pas encourues\u00a0»" in notes
    assert [s["libelle"].split(" (")[0] for s in r["sources"]] == [
        "Code civil, art. 1343-1", "Code civil, art. 1343-5", "Code civil, art. 2240"]


def test_taux_ecrit_rappele_avec_1343_1():
    r = calcul(montant="1000", nombre="2", premiere="2025-02-01", taux="5")
    assert any("fixé par écrit" in a and "1343-1" in a for a in r["avertissements"])
    assert not any("fixé par écrit" in a for a in calcul(montant="1000", nombre="2", premiere="2025-02-01")["avertissements"])


@pytest.mark.parametrize("periodicite, nombre, attendu", [
    ("mensuelle", "24", False), ("mensuelle", "25", True),
    ("trimestrielle", "8", False), ("trimestrielle", "9", True),
    ("hebdomadaire", "104", False), ("hebdomadaire", "105", True),
    ("quinzaine", "52", False), ("quinzaine", "53", True),
])
def test_avertissement_au_dela_de_24_mois(periodicite, nombre, attendu):
    r = calcul(montant="100000", nombre=nombre, premiere="2025-02-01", periodicite=periodicite)
    assert r["plus_de_24_mois"] is attendu
    alerte = [a for a in r["avertissements"] if "24 mois" in a]
    assert bool(alerte) is attendu
    if attendu:
        assert "1343-5" in alerte[0] and "2240" in alerte[0] and "écrit" in alerte[0]


def test_premiere_echeance_passee_signalee_sans_refus():
    r = run("echeancier", {"montant": "100", "nombre": "2", "premiere": "2025-01-10", "aujourdhui": "2025-01-15"})
    assert r["ok"] and any("déjà passée" in a for a in r["avertissements"])
    r = run("echeancier", {"montant": "100", "nombre": "2", "premiere": "2025-01-15", "aujourdhui": "2025-01-15"})
    assert not any("déjà passée" in a for a in r["avertissements"])


# --------------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------------


def test_mensuel_depuis_le_31_tombe_en_fin_de_mois_et_revient_au_31():
    r = calcul(montant="1200", nombre="12", premiere="2024-01-31")
    assert [e["date"] for e in r["echeances"]] == [
        "2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30", "2024-05-31", "2024-06-30",
        "2024-07-31", "2024-08-31", "2024-09-30", "2024-10-31", "2024-11-30", "2024-12-31"]


def test_trimestriel_depuis_le_31():
    r = calcul(montant="400", nombre="5", premiere="2025-08-31", periodicite="trimestrielle")
    assert [e["date"] for e in r["echeances"]] == [
        "2025-08-31", "2025-11-30", "2026-02-28", "2026-05-31", "2026-08-31"]


def test_hebdomadaire_et_changement_d_annee():
    r = calcul(montant="400", nombre="3", premiere="2025-12-24", periodicite="hebdomadaire")
    assert [e["date"] for e in r["echeances"]] == ["2025-12-24", "2025-12-31", "2026-01-07"]


def test_note_sur_le_31_seulement_quand_utile():
    assert any("revient au 31" in n for n in calcul(montant="100", nombre="2", premiere="2025-01-31")["affichage"]["notes"])
    assert not any("revient au" in n for n in calcul(montant="100", nombre="2", premiere="2025-01-15")["affichage"]["notes"])


@pytest.mark.parametrize("saisie", ["mensuelle", "Mensuelle", "mensuel", "mois"])
def test_periodicite_variantes_acceptees(saisie):
    assert calcul(montant="100", nombre="2", premiere="2025-01-31", periodicite=saisie)["periodicite"] == "mensuelle"


@pytest.mark.parametrize("saisie, cle", [("Échéances constantes", "constantes"), ("capital", "capital-constant"),
                                         ("", "constantes")])
def test_methode_variantes_acceptees(saisie, cle):
    assert calcul(montant="100", nombre="2", premiere="2025-01-31", methode=saisie)["methode"] == cle


def test_taux_nul_les_deux_methodes_donnent_le_meme_tableau():
    a = calcul(montant="1000", nombre="7", premiere="2025-01-31", methode="constantes")
    b = calcul(montant="1000", nombre="7", premiere="2025-01-31", methode="capital-constant")
    assert a["echeances"] == b["echeances"]


# --------------------------------------------------------------------------------------------
# Petits montants : la règle de l'écart ne rend jamais une échéance nulle ou négative
# --------------------------------------------------------------------------------------------


def test_repartir_petits_montants():
    # 1 € en 40 : 0,025 → 0,03 × 39 = 1,17 > 1 € ; on descend à 0,02 et la dernière prend 0,22.
    parts = repartir(D("1.00"), 40)
    assert parts == [D("0.02")] * 39 + [D("0.22")]
    assert repartir(D("1.00"), 100) == [D("0.01")] * 100
    assert repartir(D("0.03"), 1) == [D("0.03")]


def test_autant_d_echeances_que_de_centimes():
    r = calcul(montant="0,50", nombre="50", premiere="2025-02-01", periodicite="hebdomadaire")
    assert r["ok"] and set(montants(r)) == {"0.01"}


# --------------------------------------------------------------------------------------------
# Saisies refusées : messages en français, au bon champ
# --------------------------------------------------------------------------------------------


def erreurs(**saisies):
    r = calcul(**saisies)
    assert r["ok"] is False, r
    return {e["field"]: e["message"] for e in r["erreurs"]}


BASE = {"montant": "1000", "nombre": "6", "premiere": "2025-01-31"}

REFUS = [
    ("montant nul", {"montant": "0"}, "montant", "Le montant dû doit être supérieur à zéro."),
    ("montant négatif", {"montant": "-50"}, "montant", "Le montant dû doit être supérieur à zéro."),
    ("montant en lettres", {"montant": "mille"}, "montant", "Saisissez le montant dû en chiffres, par exemple 1 250,50."),
    ("montant vide", {"montant": ""}, "montant", "Saisissez le montant dû."),
    ("nombre en lettres", {"nombre": "six"}, "nombre",
     "Saisissez le nombre d'échéances en chiffres, sans décimales, par exemple 6."),
    ("nombre décimal", {"nombre": "6,5"}, "nombre",
     "Saisissez le nombre d'échéances en chiffres, sans décimales, par exemple 6."),
    ("nombre nul", {"nombre": "0"}, "nombre", "Le nombre d'échéances doit être d'au moins 1."),
    ("plus de 360", {"nombre": "361"}, "nombre",
     "Au plus 360 échéances (30 ans de mensualités) : réduisez le nombre d'échéances ou espacez-les."),
    ("plus d'échéances que de centimes", {"montant": "0,50", "nombre": "51"}, "nombre",
     "51 échéances pour 0,50\u00a0€ feraient des échéances de moins d'un centime : au plus 50 échéances."),
    ("ni nombre ni échéance", {"nombre": ""}, "nombre",
     "Saisissez le nombre d'échéances, ou bien le montant de chaque échéance."),
    ("nombre et échéance", {"mensualite": "100"}, "mensualite",
     "Saisissez soit le nombre d'échéances, soit le montant de chaque échéance, pas les deux : videz l'un des deux champs."),
    ("échéance en lettres", {"nombre": "", "mensualite": "cent"}, "mensualite",
     "Saisissez le montant de chaque échéance en chiffres, par exemple 1 250,50."),
    ("date impossible", {"premiere": "31/02/2025"}, "premiere",
     "Le 31/02/2025 n'existe pas : vérifiez le jour et le mois de la date de la première échéance."),
    ("date vide", {"premiere": ""}, "premiere",
     "Saisissez la date de la première échéance, par exemple 31/01/2025."),
    ("date dans un passé lointain", {"premiere": "2015-01-31"}, "premiere",
     "La première échéance (31/01/2015) est plus de 5 ans dans le passé : vérifiez l'année. "
     "Un échéancier se négocie pour des paiements à venir."),
    ("date dans un avenir lointain", {"premiere": "2205-01-31"}, "premiere",
     "La première échéance (31/01/2205) est plus de 10 ans dans l'avenir : vérifiez l'année."),
    ("périodicité inconnue", {"periodicite": "annuelle"}, "periodicite",
     "Choisissez une périodicité : hebdomadaire, toutes les deux semaines (quinzaine), mensuelle ou trimestrielle."),
    ("méthode inconnue", {"methode": "in fine"}, "methode",
     "Choisissez une méthode : échéances constantes (constantes) ou capital constant (capital-constant)."),
    ("taux en lettres", {"taux": "cinq"}, "taux", "Saisissez le taux d'intérêt annuel en chiffres, par exemple 4,5."),
    ("taux au-delà de 100 %", {"taux": "150"}, "taux",
     "Le taux d'intérêt annuel doit être supérieur à 0 % et au plus 100 % (taux annuel)."),
    ("acompte égal au montant", {"acompte": "1000"}, "acompte",
     "L'acompte (1\u202f000,00\u00a0€) atteint ou dépasse le montant dû (1\u202f000,00\u00a0€) : il n'y a rien à étaler."),
    ("acompte en lettres", {"acompte": "beaucoup"}, "acompte", "Saisissez l'acompte en chiffres, par exemple 1 250,50."),
]


@pytest.mark.parametrize("libelle, modif, champ, message", REFUS, ids=[r[0] for r in REFUS])
def test_saisie_refusee(libelle, modif, champ, message):
    assert erreurs(**{**BASE, **modif}).get(champ) == typographie(message)


def test_echeance_qui_ne_couvre_pas_les_interets():
    # 10 000 € à 12 % : 100 € d'intérêts le premier mois ; 100 € ne remboursent jamais rien.
    e = erreurs(montant="10000", mensualite="100", premiere="2025-02-01", taux="12")
    assert e["mensualite"].startswith(typographie("Une échéance de 100,00\u00a0€ ne couvre pas les intérêts de la "
                                                  "première période (100,00\u00a0€) : la dette ne serait jamais remboursée."))
    assert "pour solder en 360 échéances au plus" in e["mensualite"]


def test_echeance_trop_petite_pour_360_echeances_donne_le_minimum_exact():
    e = erreurs(montant="10000", mensualite="101", premiere="2025-02-01", taux="12")
    assert e["mensualite"].startswith("Avec des échéances de 101,00\u00a0€, il faudrait plus de 360 échéances.")
    minimum = D(e["mensualite"].split("au moins ")[1].split("\u00a0€")[0].replace("\u202f", "").replace(",", "."))
    ok = calcul(montant="10000", mensualite=str(minimum), premiere="2025-02-01", taux="12")
    assert ok["ok"] and ok["nombre"] <= NOMBRE_MAX
    assert not calcul(montant="10000", mensualite=str(minimum - D("0.01")), premiere="2025-02-01", taux="12")["ok"]
    assert erreurs(montant="10000", mensualite="27", premiere="2025-02-01")["mensualite"].endswith(
        "Saisissez au moins 27,78\u00a0€.")


def test_capital_constant_et_montant_d_echeance_incompatibles():
    e = erreurs(montant="1000", mensualite="100", premiere="2025-02-01", taux="5", methode="capital-constant")
    assert "capital constant" in e["mensualite"]


def test_toutes_les_erreurs_a_la_fois():
    e = erreurs(montant="abc", nombre="x", premiere="", periodicite="annuelle")
    assert set(e) == {"montant", "nombre", "premiere", "periodicite"}


# --------------------------------------------------------------------------------------------
# Propriétés : pour tout montant, nombre et taux
# --------------------------------------------------------------------------------------------

centimes = st.integers(min_value=1, max_value=100_000_000_000)  # jusqu'à 1 milliard d'euros
taux = st.one_of(st.just(D(0)), st.integers(min_value=1, max_value=100_000).map(lambda t: D(t) / 1000))
periodicites = st.sampled_from(sorted(PERIODICITES))
methodes = st.sampled_from([CONSTANTES, CAPITAL_CONSTANT])
dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2090, 12, 31))


def verifier_plan(plan, etale):
    e = plan.echeances
    assert sum(x.montant for x in e) == etale + sum(x.interets for x in e)  # exact au centime
    assert sum(x.capital for x in e) == etale
    assert all(x.montant == x.interets + x.capital for x in e)
    assert all(x.montant.as_tuple().exponent == -2 for x in e)
    # Chaque échéance rembourse du capital : pas une échéance d'intérêts seuls (motif « capital-nul »).
    assert all(x.montant > 0 and x.interets >= 0 and x.capital > 0 for x in e)
    assert all(x.restant > 0 for x in e[:-1]) and e[-1].restant == 0
    assert all(a.date < b.date for a, b in zip(e, e[1:]))
    assert [x.rang for x in e] == list(range(1, len(e) + 1))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(centimes, st.integers(min_value=1, max_value=NOMBRE_MAX), taux, periodicites, methodes, dates,
       st.integers(min_value=0, max_value=99))
def test_propriete_plan_par_nombre(cts, nombre, t, periodicite, methode, premiere, part_acompte):
    montant = D(cts) / 100
    acompte = (montant * part_acompte / 100).quantize(D("0.01"), rounding="ROUND_FLOOR")
    etale = montant - acompte
    assume(nombre <= etale * 100)
    from calculators.echeancier.regles import PlanImpossible

    try:
        plan = plan_par_nombre(montant, nombre, premiere, PERIODICITES[periodicite], acompte, t, methode)
    except PlanImpossible as exc:
        # Des échéances au centime qui ne paieraient que des intérêts : refusé, avec un nombre qui convient.
        assert exc.motif == "capital-nul" and t and methode == CONSTANTES
        assert 1 <= exc.details["maximum"] < nombre
        nombre = exc.details["maximum"]
        plan = plan_par_nombre(montant, nombre, premiere, PERIODICITES[periodicite], acompte, t, methode)
    assert len(plan.echeances) == nombre
    verifier_plan(plan, etale)
    if not t or methode == CONSTANTES:
        # Toutes les échéances égales sauf la dernière, qui porte l'écart.
        assert len({x.montant for x in plan.echeances[:-1]}) <= 1
    if methode == CAPITAL_CONSTANT or not t:
        assert len({x.capital for x in plan.echeances[:-1]}) <= 1


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(centimes, st.integers(min_value=1, max_value=10_000_000_000), taux, periodicites, dates)
def test_propriete_plan_par_echeance(cts, cts_echeance, t, periodicite, premiere):
    montant, echeance = D(cts) / 100, D(cts_echeance) / 100
    from calculators.echeancier.regles import PlanImpossible

    try:
        plan = plan_par_echeance(montant, echeance, premiere, PERIODICITES[periodicite], taux=t)
    except PlanImpossible as exc:
        # Issue 9 : la règle ne nomme plus le champ, elle dit pourquoi (traduit au champ « mensualite »).
        assert exc.motif in {"interets-non-couverts", "trop-d-echeances"}
        return
    verifier_plan(plan, montant)
    assert all(x.montant == echeance for x in plan.echeances[:-1])
    assert plan.echeances[-1].montant <= echeance
    assert len(plan.echeances) <= NOMBRE_MAX


@settings(max_examples=200, deadline=None)
@given(dates, st.integers(min_value=0, max_value=NOMBRE_MAX * 3))
def test_propriete_mois_calcules_depuis_la_premiere(premiere, k):
    jour = ajouter_mois(premiere, k)
    annee, mois = divmod(premiere.month - 1 + k, 12)
    assert (jour.year, jour.month) == (premiere.year + annee, mois + 1)
    assert jour.day == min(premiere.day, calendar.monthrange(jour.year, jour.month)[1])


@settings(max_examples=150, deadline=None)
@given(centimes, st.integers(min_value=1, max_value=NOMBRE_MAX), taux, periodicites, methodes)
def test_propriete_json_coherent(cts, nombre, t, periodicite, methode):
    assume(nombre <= cts)
    r = run("echeancier", {"montant": str(D(cts) / 100), "nombre": str(nombre), "premiere": "2025-01-31",
                           "periodicite": periodicite, "taux": str(t), "methode": methode,
                           "aujourdhui": "2025-01-01"})
    if not r["ok"] and "ne paieraient que des intérêts" in r["erreurs"][0]["message"]:
        return  # quelques centimes en beaucoup d'échéances : refusé au champ (test_propriete_plan_par_nombre)
    assert r["ok"], r
    assert sum(D(e["montant"]) for e in r["echeances"]) == D(r["total"]["montant"]) == D(r["total_paye"])
    assert D(r["total"]["capital"]) == D(cts) / 100
    assert len(r["csv"].split("\r\n")) == nombre + 3  # en-tête, lignes, total, fin de ligne finale
    assert len(r["affichage"]["tableaux"][0]["lignes"]) == nombre


def test_montant_d_echeance_saisi_la_derniere_solde_le_reste():
    """1 000 € par échéances de 300 € : trois de 300 € et une de 100 €, dit tel quel ; ce n'est ni un écart
    d'arrondi ni un partage en parts égales."""
    r = run("echeancier", {"montant": "1000", "mensualite": "300", "premiere": "2027-01-31",
                           "aujourdhui": "2026-12-01"})
    a = r["affichage"]
    assert typographie("3 mensualités de 300,00 € et une dernière de 100,00 €, du 31 janvier au 30 avril 2027.") \
        in a["phrase"]
    notes = " ".join(a["notes"])
    assert typographie("la dernière solde le reste (100,00 €)") in notes
    assert "arrondi" not in notes and "parts égales" not in notes


@pytest.mark.parametrize("saisies, raison", [
    # 1 € en 60 mensualités : 59 × 0,01 €, la dernière 0,41 € (l'arrondi au centime).
    ({"montant": "1", "nombre": "60"}, "des échéances aussi petites ne laissent pas l'arrondi au centime se répartir"),
    # 10 000 € en 131 mensualités à 100 % : 833,35 € par mois, dont 0,02 € de capital, le reste les intérêts du
    # mois (10 000 × 100 % / 12) ; le capital tombe surtout sur la dernière (3 870,32 €). « Échéances aussi
    # petites » était faux. (En 360 mensualités, 0,00 € de capital : refusé, « capital-nul ».)
    ({"montant": "10000", "nombre": "131", "taux": "100"},
     "au taux de 100,00\u00a0%, les échéances, arrondies au centime, paient surtout les intérêts"),
])
def test_derniere_echeance_disproportionnee_dit_pourquoi(saisies, raison):
    r = run("echeancier", {**saisies, "premiere": "31/01/2027", "periodicite": "mensuelle"})
    (message,) = [a for a in r["avertissements"] if "dépasse le double des autres" in a]
    assert raison in message
