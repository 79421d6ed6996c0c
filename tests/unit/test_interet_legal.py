"""Intérêts au taux légal : exemples officiels (service-public.fr) et décomptes faits à la main.

Convention du calculateur : du lendemain du point de départ au jour de fin inclus, base 365,
chaque ligne arrondie au centime (demi-centime vers le haut), chaque jour au taux de son
semestre. Taux (calculators/data/taux_legal.json) : particuliers / autres cas.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from calculators.api import run
from calculators.interet_legal.regles import Paiement, ajouter_mois, calculer, debut_majoration
from calculators.taux import TauxInconnu, couvert_jusqu_au

D = Decimal


def _lignes(decompte):
    return [(p.debut.isoformat(), p.fin.isoformat(), p.jours, p.taux, p.montant) for p in decompte.periodes]


def test_exemple_f783_2000_euros_30_jours_a_3_11():
    """F20688/F783 : (2 000 × 30 × 3,11) / 36 500 = 5,11 € ; 30 jours du 01/09 au 30/09 inclus,
    soit une mise en demeure du 31/08/2020 (le jour de départ ne compte pas)."""
    d = calculer(D("2000"), dt.date(2020, 8, 31), dt.date(2020, 9, 30), "particulier")
    assert _lignes(d) == [("2020-09-01", "2020-09-30", 30, D("3.11"), D("5.11"))]
    assert (d.interets, d.total_du) == (D("5.11"), D("2005.11"))
    # Même période, créancier professionnel (0,84 %) : 2 000 × 0,84 × 30 / 36 500 = 1,3808… → 1,38 €.
    assert calculer(D("2000"), dt.date(2020, 8, 31), dt.date(2020, 9, 30), "autre").interets == D("1.38")


def test_exemple_f20688_jugement_majore_de_cinq_points():
    """F20688 : 2 000 €, jugement signifié et exécutoire le 17/09/2015, intérêts simples jusqu'au
    17/11/2015, majorés de 5 points (CMF L313-3) dès le 18/11/2015, paiement le 10/04/2016 ;
    la fiche donne 14,34 € + 22,40 € + 52,27 € = 89,01 €.

    Les deux premières lignes sont reproduites exactement : 61 jours (18/09 → 17/11) à 4,29 %
    = 14,3359… → 14,34 € ; 44 jours (18/11 → 31/12, deux bornes comprises) à 9,29 % = 22,397…
    → 22,40 €. La troisième diffère d'un jour : du 01/01 au 10/04/2016 inclus il y a 101 jours
    (31 + 29 + 31 + 10), 2 000 × 9,54 × 101 / 36 500 = 52,7967… → 52,80 € ; la fiche compte
    100 jours (52,27 €), c'est-à-dire qu'elle exclut le jour du paiement sur cette ligne alors
    qu'elle inclut les deux bornes sur la deuxième : 205 jours au total, quand le calendrier en
    donne 206 du 18/09/2015 au 10/04/2016. Le calculateur garde une seule convention (jour du
    paiement compris, comme pour les pénalités) : 89,54 €.
    """
    d = calculer(D("2000"), dt.date(2015, 9, 17), dt.date(2016, 4, 10), "particulier",
                 executoire=dt.date(2015, 9, 17))
    assert d.majoration_des == dt.date(2015, 11, 18)
    assert _lignes(d) == [
        ("2015-09-18", "2015-11-17", 61, D("4.29"), D("14.34")),
        ("2015-11-18", "2015-12-31", 44, D("9.29"), D("22.40")),
        ("2016-01-01", "2016-04-10", 101, D("9.54"), D("52.80")),
    ]
    assert [p.majore for p in d.periodes] == [False, True, True]
    assert d.interets == D("89.54") and sum(p.jours for p in d.periodes) == 206
    # Arrêté au 09/04 (100 jours sur la dernière ligne), on retrouve le chiffre de la fiche.
    veille = calculer(D("2000"), dt.date(2015, 9, 17), dt.date(2016, 4, 9), "particulier",
                      executoire=dt.date(2015, 9, 17))
    assert veille.periodes[-1].montant == D("52.27") and veille.interets == D("89.01")


def test_retard_a_cheval_sur_deux_semestres_professionnel():
    """10 000 €, mise en demeure le 15/06/2023, paiement le 15/07/2023 (autres cas) :
    15 j × 2,06 % = 8,4657… → 8,47 € ; 15 j × 4,22 % = 17,3424… → 17,34 € ; total 25,81 €."""
    d = calculer(D("10000"), dt.date(2023, 6, 15), dt.date(2023, 7, 15), "autre")
    assert _lignes(d) == [("2023-06-16", "2023-06-30", 15, D("2.06"), D("8.47")),
                          ("2023-07-01", "2023-07-15", 15, D("4.22"), D("17.34"))]
    assert d.interets == D("25.81")


def test_base_365_meme_en_annee_bissextile():
    """1 000 €, 31/01/2024 → 01/03/2024 : 30 jours (février 2024 en a 29), à 8,01 % :
    1 000 × 8,01 × 30 / 36 500 = 6,5835… → 6,58 € (et non / 36 600)."""
    d = calculer(D("1000"), dt.date(2024, 1, 31), dt.date(2024, 3, 1), "particulier")
    assert (d.periodes[0].jours, d.interets) == (30, D("6.58"))


def test_paiement_partiel_impute_d_abord_sur_les_interets():
    """C. civ. 1343-1. 10 000 €, départ 31/12/2023, 4 000 € le 31/03/2024, fin 30/06/2024, 5,07 %.
    01/01 → 31/03 : 91 j, 10 000 × 5,07 × 91 / 36 500 = 126,4027… → 126,40 € ; le paiement règle
    ces 126,40 € puis 3 873,60 € de capital : reste 6 126,40 €. 01/04 → 30/06 : 91 j,
    6 126,40 × 5,07 × 91 / 36 500 = 77,4394… → 77,44 €, encore dus à la fin."""
    d = calculer(D("10000"), dt.date(2023, 12, 31), dt.date(2024, 6, 30), "autre",
                 paiements=(Paiement(dt.date(2024, 3, 31), D("4000")),))
    assert _lignes(d) == [("2024-01-01", "2024-03-31", 91, D("5.07"), D("126.40")),
                          ("2024-04-01", "2024-06-30", 91, D("5.07"), D("77.44"))]
    imputation = d.imputations[0]
    assert (imputation.sur_interets, imputation.sur_capital, imputation.trop_percu) == (D("126.40"), D("3873.60"), 0)
    assert (d.interets, d.capital, d.interets_echus, d.total_du) == (D("203.84"), D("6126.40"), D("77.44"), D("6203.84"))


def test_capitalisation_annuelle_des_interets():
    """C. civ. 1343-2. 10 000 €, départ 31/12/2022, fin 30/06/2024, autres cas.
    2023 : 181 j × 2,06 % = 102,1534… → 102,15 € ; 184 j × 4,22 % = 212,7342… → 212,73 € ;
    dus pour une année entière le 31/12/2023 : 314,88 € capitalisés, capital 10 314,88 €.
    01/01 → 30/06/2024 : 182 j, 10 314,88 × 5,07 × 182 / 36 500 = 260,7658… → 260,77 €
    (sans capitalisation : 10 000 × 5,07 × 182 / 36 500 = 252,8054… → 252,81 €)."""
    avec = calculer(D("10000"), dt.date(2022, 12, 31), dt.date(2024, 6, 30), "autre", capitalisation=True)
    assert [p.montant for p in avec.periodes] == [D("102.15"), D("212.73"), D("260.77")]
    assert avec.capitalisations == [(dt.date(2023, 12, 31), D("314.88"))]
    assert (avec.capital, avec.interets_echus, avec.total_du) == (D("10314.88"), D("260.77"), D("10575.65"))
    sans = calculer(D("10000"), dt.date(2022, 12, 31), dt.date(2024, 6, 30), "autre")
    assert sans.periodes[-1].montant == D("252.81") and sans.total_du == D("10567.69")


def test_deux_mois_de_quantieme_a_quantieme():
    assert debut_majoration(dt.date(2023, 12, 31)) == dt.date(2024, 3, 1)  # 29/02/2024, dernier jour du mois
    assert ajouter_mois(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)


def test_paiement_superieur_au_du_laisse_un_trop_percu():
    d = calculer(D("1000"), dt.date(2020, 8, 31), dt.date(2020, 9, 30), "particulier",
                 paiements=(Paiement(dt.date(2020, 9, 30), D("1010.00")),))
    assert (d.imputations[0].sur_interets, d.imputations[0].trop_percu, d.total_du) == (D("2.56"), D("7.44"), 0)


def test_second_semestre_2026_non_confirme_et_au_dela_refuse():
    d = calculer(D("1000"), dt.date(2026, 7, 1), dt.date(2026, 7, 31), "particulier")
    assert d.periodes[0].taux == D("6.84") and d.taux_non_confirmes
    with pytest.raises(TauxInconnu):
        calculer(D("1000"), dt.date(2026, 12, 15), dt.date(2027, 1, 15), "autre")
    prolonge = calculer(D("1000"), dt.date(2026, 12, 15), dt.date(2027, 1, 15), "autre", prolonger=True)
    assert [(p.hypothese, p.taux) for p in prolonge.periodes] == [(False, D("2.75")), (True, D("2.75"))]


@pytest.mark.parametrize("arguments", [
    dict(categorie="entreprise"),
    dict(fin=dt.date(2020, 8, 1)),
    dict(paiements=(Paiement(dt.date(2020, 8, 31), D("10")),)),
])
def test_arguments_incoherents_refuses(arguments):
    base = dict(principal=D("1000"), debut=dt.date(2020, 8, 31), fin=dt.date(2020, 9, 30), categorie="autre")
    with pytest.raises(ValueError):
        calculer(**{**base, **arguments})


# --- Saisies, JSON et ligne de commande ----------------------------------------------------------

def test_executer_rend_les_cles_json_et_le_lien():
    from calculators.interet_legal import executer

    r = executer({"montant": "2000", "fondement": "jugement", "debut": "17/09/2015", "fin": "10/04/2016",
                  "creancier": "particulier", "executoire": "17/09/2015"})
    assert r["ok"] and r["interets"] == "89.54" and r["majoration_des"] == "2015-11-18"
    assert [{k: p[k] for k in ("debut", "fin", "jours", "taux", "majore", "montant")} for p in r["periodes"]] == [
        {"debut": "2015-09-18", "fin": "2015-11-17", "jours": 61, "taux": "4.29", "majore": False, "montant": "14.34"},
        {"debut": "2015-11-18", "fin": "2015-12-31", "jours": 44, "taux": "9.29", "majore": True, "montant": "22.40"},
        {"debut": "2016-01-01", "fin": "2016-04-10", "jours": 101, "taux": "9.54", "majore": True, "montant": "52.80"},
    ]
    assert "L313-3" in r["periodes"][1]["fondement"] and "1231-7" in r["sources"][0]["libelle"]
    assert r["lien"].startswith("montant=2000.00&fondement=jugement&debut=2015-09-17")


def test_options_de_la_ligne_de_commande():
    import argparse

    from calculators.interet_legal import FORMULAIRE, executer

    parseur = argparse.ArgumentParser()
    FORMULAIRE.options(parseur)
    args = parseur.parse_args(["--montant", "10000", "--debut", "2023-12-31", "--fin", "2024-06-30",
                               "--acompte", "2024-03-31:4000"])
    r = executer(FORMULAIRE.depuis_cli(args))
    assert (r["interets"], r["interets_restants"], r["capital_restant"], r["total_du"]) == (
        "203.84", "77.44", "6126.40", "6203.84")
    assert r["paiements_partiels"][0]["sur_interets"] == "126.40"


@pytest.mark.parametrize("saisies, champ, extrait", [
    ({"debut": "30/09/2020", "fin": "30/09/2020"}, "fin", "doit suivre la date de départ"),
    ({"debut": "01/12/2026", "aujourdhui": "2026-12-01"}, "debut", "n'est pas passée"),
    ({"debut": "31/12/2007", "fin": "30/09/2020"}, "debut", "à partir du 1er janvier 2008"),
    ({"debut": "31/08/2020", "fin": (couvert_jusqu_au() + dt.timedelta(days=15)).isoformat()}, "fin",
     "connus que jusqu'au"),
    ({"debut": "31/08/2020", "fin": "30/09/2020", "acomptes": ["2020-08-15:100"]},
     "acompte-1-date", "après la date de départ"),
    ({"debut": "31/08/2020", "fin": "30/09/2020", "creancier": "commercant"}, "creancier", "Valeur inconnue"),
    # Mise en demeure (par défaut) du 03/03/2025, jugement exécutoire au 01/01/2025 : la majoration de
    # 5 points (L313-3) courait dès le premier jour (8,71 % au lieu de 3,71 %), sans rien dire.
    ({"debut": "03/03/2025", "fin": "15/05/2025", "executoire": "01/01/2025"}, "executoire",
     "exécutoire avant la mise en demeure"),
    ({"debut": "03/03/2025", "fin": "15/05/2025", "executoire": "01/01/2025", "fondement": "jugement"}, "executoire",
     "avant d'être rendu"),
])
def test_saisies_refusees_en_francais(saisies, champ, extrait):
    from calculators.commun.erreurs import SaisieInvalide
    from calculators.interet_legal import executer

    with pytest.raises(SaisieInvalide) as exc:
        executer({"montant": "2000", **saisies})
    assert any(e.field == champ and extrait in e.message for e in exc.value.erreurs), exc.value


# --- Cas de référence partagés avec les tests de parité Pyodide (tests/cas/interet_legal.json) -------

CAS = json.loads((Path(__file__).parent.parent / "cas" / "interet_legal.json").read_text(encoding="utf-8"))["cas"]


@pytest.mark.parametrize("cas", CAS, ids=[c["libelle"] for c in CAS])
def test_cas_de_reference_calcules_a_la_main(cas):
    r = run("interet-legal", cas["saisies"])
    assert r["ok"], r
    assert [[p["jours"], p["taux"], p["montant"]] for p in r["periodes"]] == cas["lignes"]
    assert r["interets"] == cas["total"] and r["total_du"] == cas["total_du"]
    assert cas["note"]


def test_decompte_csv_a_la_francaise():
    r = run("interet-legal", CAS[5]["saisies"])  # paiement partiel
    csv = r["csv"]
    assert csv.startswith("\ufeff") and csv.endswith("\r\n") and "\n" not in csv.replace("\r\n", "")
    lignes = csv.removeprefix("\ufeff").split("\r\n")[:-1]
    assert lignes[0].split(";")[:8] == ["Opération", "Du", "Au", "Jours", "Capital", "Taux annuel (%)", "Intérêts",
                                        "Paiement"]
    assert lignes[1].startswith("Intérêts;01/01/2024;31/03/2024;91;10000,00;5,07;126,40;;;;L313-2")
    assert lignes[2].startswith("Paiement partiel;31/03/2024;;;;;;4000,00;126,40;3873,60;C. civ. art. 1343-1")
    assert lignes[3].startswith("Intérêts;01/04/2024;30/06/2024;91;6126,40;5,07;77,44;")
    assert lignes[4] == "Total;;;182;;;203,84;4000,00;126,40;3873,60;"
    assert lignes[5] == "Encore dû;;30/06/2024;;6126,40;;77,44;;;;total 6203,84"
    fichier = r["affichage"]["fichiers"][0]
    assert (fichier["nom"], fichier["contenu"]) == ("interet-legal-2023-12-31-2024-06-30.csv", csv)
    assert [t["titre"] for t in r["affichage"]["tableaux"]] == ["Décompte par période", "Paiements partiels"]


def test_csv_capitalisation_dans_l_ordre_du_temps():
    lignes = run("interet-legal", CAS[6]["saisies"])["csv"].split("\r\n")
    assert [ligne.split(";")[0] for ligne in lignes[1:-1]] == [
        "Intérêts", "Intérêts", "Capitalisation", "Intérêts", "Total", "Encore dû"]
    assert lignes[3].startswith("Capitalisation;31/12/2023;;;10314,88;")


def test_majoration_posterieure_a_la_periode_dite_dans_la_phrase():
    r = run("interet-legal", {"montant": "1000", "fondement": "jugement", "debut": "01/03/2024", "fin": "15/04/2024",
                              "executoire": "01/03/2024"})
    assert not any(p["majore"] for p in r["periodes"])
    assert "ne commence que le 2 mai 2024" in r["affichage"]["phrase"]


def test_sources_communes_seulement():
    from calculators.commun.sources import TEXTES

    r = run("interet-legal", {**CAS[1]["saisies"], "acomptes": ["2016-01-15:500"], "capitalisation": "oui"})
    libelles = {s["libelle"] for s in r["sources"]}
    assert libelles <= {libelle for libelle, _ in TEXTES.values()}
    assert any("L313-3" in s for s in libelles) and any("1231-7" in s for s in libelles)


def test_ligne_de_commande_de_l_issue():
    import subprocess
    import sys

    sortie = subprocess.run([sys.executable, "-m", "calculators", "interet-legal", "--montant", "2000", "--debut",
                             "2015-09-17", "--fin", "2016-04-10", "--creancier", "particulier", "--executoire",
                             "2015-09-17", "--json"], capture_output=True, text=True)
    assert sortie.returncode == 0, sortie.stderr
    r = json.loads(sortie.stdout)
    assert [p["montant"] for p in r["periodes"]] == ["14.34", "22.40", "52.80"] and r["interets"] == "89.54"
    assert "affichage" not in r and r["csv"].startswith("\ufeffOpération;")


# --- Jugement sans date exécutoire : la majoration de L313-3 signalée, non appliquée --------------

@pytest.mark.parametrize("saisies, signalee, interets", [
    # L'exemple de l'issue : jugement du 17/09/2015, payé le 10/04/2016, créancier professionnel ; sans date
    # exécutoire, pas de majoration (11,29 €), mais elle pouvait courir dès le 18/11/2015.
    ({"fondement": "jugement", "fin": "2016-04-10"}, True, "11.29"),
    ({"fondement": "jugement", "fin": "2016-04-10", "executoire": "2015-09-17"}, False, None),  # majoration appliquée
    ({"fondement": "jugement", "fin": "2015-11-17"}, False, None),   # deux mois pas encore écoulés
    ({"fondement": "jugement", "fin": "2015-11-18"}, True, None),    # premier jour où elle pourrait courir
    ({"fondement": "mise-en-demeure", "fin": "2016-04-10"}, False, "11.29"),  # pas de condamnation saisie
])
def test_jugement_sans_date_executoire_majoration_signalee(saisies, signalee, interets):
    r = run("interet-legal", {"montant": "2000", "debut": "2015-09-17", **saisies})
    assert r["ok"], r
    signales = [a for a in r["avertissements"] if "Majoration de 5 points non appliquée" in a]
    assert bool(signales) == signalee
    if signalee:
        assert "L313-3" in signales[0] and "deux mois" in signales[0] and "18/11/2015" in signales[0]
        assert not any(p["majore"] for p in r["periodes"])
        assert any("L313-3" in s["libelle"] for s in r["sources"])
    if interets:
        assert r["interets"] == interets


# --- Paiement postérieur au jour du calcul : une projection --------------------------------------

@pytest.mark.parametrize("fin, projection", [
    ("2026-12-20", True),   # dans les tables, mais encore à venir
    ("2026-06-02", True),   # le lendemain du jour du calcul
    ("2026-06-01", False),  # le jour même
    ("2026-03-31", False),  # passé
    ("", False),            # arrêté à aujourd'hui
])
def test_paiement_futur_signale_comme_projection(fin, projection):
    r = run("interet-legal", {"montant": "2000", "debut": "2025-09-17", "fin": fin, "aujourdhui": "2026-06-01"})
    assert r["ok"], r
    signales = [a for a in r["avertissements"] if "projection" in a]
    assert bool(signales) == projection
    if projection:
        assert f"({dt.date.fromisoformat(fin).strftime('%d/%m/%Y')})" in signales[0]
        assert "1er juin 2026" in signales[0] and "1231-6" in signales[0]


# --- Sans date de paiement, aujourd'hui après les tables : l'erreur va à la date de paiement -------
# Le cas de tous les calculs sans date de paiement dès le lendemain de la fin des tables, jusqu'à
# leur mise à jour : le calculateur de pénalités plaçait l'erreur à l'échéance et demandait de
# « choisir une date de paiement antérieure », qui n'avait pas été saisie. Les deux la disent de même.

_APRES_LES_TABLES = (couvert_jusqu_au() + dt.timedelta(days=5)).isoformat()


@pytest.mark.parametrize("calculateur, base, champ, taux", [
    ("interet-legal", {"montant": "2000", "debut": "2025-09-17"}, "fin", "taux de l'intérêt légal"),
    ("penalites", {"montant": "2000", "echeance": "2025-09-17"}, "paiement", "taux BCE"),
])
@pytest.mark.parametrize("sans_date", [True, False])
def test_apres_les_tables_erreur_a_la_date_de_paiement(calculateur, base, champ, taux, sans_date):
    saisies = {"aujourdhui": _APRES_LES_TABLES} if sans_date else {champ: _APRES_LES_TABLES}
    r = run(calculateur, {**base, **saisies})
    assert r["ok"] is False and [e["field"] for e in r["erreurs"]] == [champ], r
    message = r["erreurs"][0]["message"]
    fin = couvert_jusqu_au().strftime('%d/%m/%Y')
    attendus = (["Sans date de paiement, le calcul va jusqu'à aujourd'hui", f"après la fin des tables de {taux}"]
                if sans_date else [f"Les {taux} ne sont connus que jusqu'au"])
    assert all(extrait in message for extrait in attendus + [f"au plus tard le {fin}",
               "cochez «\u00a0Prolonger le dernier taux connu au-delà des tables\u00a0»"]), message
    assert "antérieure" not in message  # « choisissez une date antérieure » : à quoi, sans date saisie ?
    # Avec une date de paiement dans les tables, ou le dernier taux prolongé (la case citée), le calcul se fait.
    assert run(calculateur, {**base, **saisies, "prolonger": "oui"})["ok"]
    assert run(calculateur, {**base, **saisies, champ: couvert_jusqu_au().isoformat()})["ok"]


# Jours comptés du 01/01/2024 inclus : au 30/06/2025, 366 + 181 = 547 ; au 01/09/2024 (jour du dernier
# acompte, après lequel plus rien n'est dû), 244 + 1 = 245. Acomptes : 2 000 + 1 000 = 3 000 € ; 5 000 + 8 000 = 13 000 €.
@pytest.mark.parametrize("acomptes, fin, extrait", [
    ([], "30/06/2025", "la somme de 10\u202f000,00\u00a0€ a été payée le 30 juin 2025\u00a0: 547 jours"),
    ([], "", "la somme de 10\u202f000,00\u00a0€ reste due au "),
    # Un acompte : le 30 juin, c'est le solde qui est payé, pas les 10 000 € (« a été payée » le laissait croire).
    ([("01/03/2024", "2000")], "30/06/2025",
     "la somme de 10\u202f000,00\u00a0€, après un acompte de 2\u202f000,00\u00a0€, a été soldée le 30 juin 2025"),
    ([("01/03/2024", "2000"), ("01/09/2024", "1000")], "",
     "la somme de 10\u202f000,00\u00a0€, après 2 acomptes (3\u202f000,00\u00a0€ au total), n'est pas encore soldée au "),
    # Les acomptes ont tout réglé avant la date saisie : elle n'est pas celle d'un paiement.
    ([("01/03/2024", "5000"), ("01/09/2024", "8000")], "30/06/2025",
     "la somme de 10\u202f000,00\u00a0€ a été entièrement réglée par 2 acomptes (13\u202f000,00\u00a0€ au total), "
     "le dernier le 1er septembre 2024\u00a0: 245 jours"),
])
def test_la_phrase_dit_ce_qu_il_est_advenu_du_principal(acomptes, fin, extrait):
    # « aujourdhui » fixé : sans date de paiement, le calcul va jusqu'à aujourd'hui, qui sortira un jour des tables.
    r = run("interet-legal", {"montant": "10000", "fondement": "mise-en-demeure", "debut": "31/12/2023", "fin": fin,
                              "acomptes": [{"date": d, "montant": m} for d, m in acomptes], "aujourdhui": "2025-06-30"})
    assert extrait in r["affichage"]["phrase"], r["affichage"]["phrase"]
