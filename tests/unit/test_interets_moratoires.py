"""Intérêts moratoires des acheteurs publics : décomptes faits à la main.

Taux R2192-31 : BCE au 1er jour du semestre où les intérêts commencent à courir + 8 points,
un seul taux pour tout le retard : 11,15 % au S1 2025 (BCE 3,15 %), 10,15 % au S2 2025 et au
S1 2026 (2,15 %), 10,40 % au S2 2026 (2,40 %, non confirmé). Jours : du lendemain de
l'échéance au paiement inclus ; base 365 ; arrondi au centime.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from calculators.api import run
from calculators.commun import format_fr as fr
from calculators.interets_moratoires.regles import (
    DEPART_DEMANDE, DEPART_EXECUTION, DEPART_MARCHE, DEPART_RECEPTION, calculer, echeance_du_marche,
    echeance_reglementaire,
)
from calculators.taux import TauxInconnu, couvert_jusqu_au

D = Decimal


@pytest.mark.parametrize("acheteur, reception, attendu, article", [
    ("etat", dt.date(2025, 3, 3), dt.date(2025, 4, 2), "R2192-10"),          # 3 mars + 30 jours
    ("collectivite", dt.date(2025, 12, 5), dt.date(2026, 1, 4), "R2192-10"),  # 26 + 4
    ("sante", dt.date(2025, 5, 20), dt.date(2025, 7, 9), "R2192-11"),         # 11 + 30 + 9
    ("entreprise-publique", dt.date(2025, 1, 15), dt.date(2025, 3, 16), "R2192-11"),  # 16 + 28 + 16
])
def test_delai_reglementaire_par_acheteur(acheteur, reception, attendu, article):
    echeance = echeance_reglementaire(acheteur, reception=reception)
    assert (echeance.date, echeance.article, echeance.regle_depart) == (attendu, article, DEPART_RECEPTION)
    assert echeance.article_depart == "R2192-12"


def test_sans_date_de_reception_demande_plus_deux_jours():
    """R2192-14 : demande du 15/01/2025 + 2 jours = 17/01 ; + 60 jours = 18/03/2025."""
    echeance = echeance_reglementaire("entreprise-publique", demande=dt.date(2025, 1, 15))
    assert (echeance.depart, echeance.date, echeance.regle_depart) == (dt.date(2025, 1, 17), dt.date(2025, 3, 18),
                                                                        DEPART_DEMANDE)
    assert echeance.article_depart == "R2192-14"
    with pytest.raises(ValueError):
        echeance_reglementaire("etat")


def test_execution_posterieure_a_la_reception():
    """R2192-13 : reçue le 03/03/2025, prestations exécutées le 10/03 : 30 jours depuis le 10/03."""
    echeance = echeance_reglementaire("etat", reception=dt.date(2025, 3, 3), execution=dt.date(2025, 3, 10))
    assert (echeance.depart, echeance.date, echeance.regle_depart) == (dt.date(2025, 3, 10), dt.date(2025, 4, 9),
                                                                        DEPART_EXECUTION)
    avant = echeance_reglementaire("etat", reception=dt.date(2025, 3, 3), execution=dt.date(2025, 2, 20))
    assert avant.regle_depart == DEPART_RECEPTION and avant.date == dt.date(2025, 4, 2)


def test_etat_10000_euros_43_jours():
    """Échéance 02/04/2025 ; paiement 15/05/2025 : 28 + 15 = 43 jours à 11,15 % :
    10 000 × 11,15 × 43 / 36 500 = 131,3561… → 131,36 € + 40 € ; payables avant le 29/06/2025."""
    d = calculer(D("10000"), echeance_reglementaire("etat", reception=dt.date(2025, 3, 3)), dt.date(2025, 5, 15))
    assert (d.debut_interets, d.jours, d.taux.valeur) == (dt.date(2025, 4, 3), 43, D("11.15"))
    assert (d.interets, d.indemnite) == (D("131.36"), D("40.00"))
    assert d.limite_paiement_interets == dt.date(2025, 6, 29)  # R2192-36 : 45 jours après le paiement
    assert d.taux.article == "R2192-31" and d.taux.confirme


def test_un_seul_taux_pour_tout_le_retard():
    """Intérêts dès le 20/06/2025 (S1 : 11,15 %), paiement le 29/08/2025 : 11 + 31 + 29 = 71 jours,
    tous à 11,15 % malgré la baisse du S2 : 8 000 × 11,15 × 71 / 36 500 = 173,5123… → 173,51 €.
    (Découpé par semestre comme les pénalités L441-10, on aurait 26,88 + 133,48 = 160,36 €.)"""
    d = calculer(D("8000"), echeance_reglementaire("etat", reception=dt.date(2025, 5, 20)), dt.date(2025, 8, 29))
    assert (d.echeance.date, d.jours, d.taux.valeur, d.interets) == (dt.date(2025, 6, 19), 71, D("11.15"), D("173.51"))


def test_hopital_50_jours():
    """Échéance 09/07/2025, paiement 30/09/2025 : 22 + 31 + 30 = 83 jours à 10,15 % :
    5 000 × 10,15 × 83 / 36 500 = 115,4041… → 115,40 €."""
    d = calculer(D("5000"), echeance_reglementaire("sante", reception=dt.date(2025, 5, 20)), dt.date(2025, 9, 30))
    assert (d.jours, d.taux.valeur, d.interets, d.indemnite) == (83, D("10.15"), D("115.40"), D("40.00"))


def test_echeance_du_marche_et_taux_non_confirme():
    """Échéance du marché 31/07/2026 ; paiement 30/09/2026 : 31 + 30 = 61 jours à 10,40 %
    (BCE 2,40 % au 01/07/2026, non confirmé) : 1 000 × 10,40 × 61 / 36 500 = 17,3808… → 17,38 €."""
    d = calculer(D("1000"), echeance_du_marche(dt.date(2026, 7, 31)), dt.date(2026, 9, 30))
    assert (d.echeance.regle_depart, d.echeance.article_depart) == (DEPART_MARCHE, "L2192-10")
    assert (d.jours, d.taux.valeur, d.interets) == (61, D("10.40"), D("17.38"))
    assert not d.taux.confirme and "à confirmer" in d.taux.citation


def test_paiement_a_l_echeance_rien_n_est_du():
    d = calculer(D("1000"), echeance_reglementaire("entreprise-publique", demande=dt.date(2025, 1, 15)),
                 dt.date(2025, 3, 18))
    assert (d.jours, d.interets, d.indemnite, d.taux, d.limite_paiement_interets) == (0, 0, 0, None, None)


def test_hors_des_regles_et_des_tables():
    with pytest.raises(ValueError, match="16/03/2013"):
        calculer(D("1000"), echeance_du_marche(dt.date(2013, 3, 1)), dt.date(2013, 4, 1))
    with pytest.raises(TauxInconnu):
        calculer(D("1000"), echeance_du_marche(dt.date(2027, 1, 4)), dt.date(2027, 2, 1))


# --- Saisies, JSON et ligne de commande ----------------------------------------------------------

def test_executer_rend_les_cles_json():
    from calculators.interets_moratoires import executer

    r = executer({"montant": "10000", "acheteur": "etat", "reception": "03/03/2025", "paiement": "15/05/2025"})
    assert (r["interets"], r["indemnite_forfaitaire"], r["taux"], r["jours"], r["total"]) == (
        "131.36", "40.00", "11.15", 43, "171.36")
    assert r["echeance"] == {"date": "2025-04-02", "depart": "2025-03-03", "regle_depart": "reception",
                             "article_depart": "R2192-12", "delai_jours": 30, "article": "R2192-10"}
    assert r["limite_paiement_interets"] == "2025-06-29" and r["taux_confirme"] is True


def test_options_de_la_ligne_de_commande():
    import argparse

    from calculators.interets_moratoires import FORMULAIRE, executer

    parseur = argparse.ArgumentParser()
    FORMULAIRE.options(parseur)
    args = parseur.parse_args(["--montant", "5000", "--acheteur", "sante", "--reception", "20/05/2025",
                               "--paiement", "30/09/2025"])
    r = executer(FORMULAIRE.depuis_cli(args))
    assert (r["jours"], r["taux"], r["interets"]) == (83, "10.15", "115.40")


@pytest.mark.parametrize("saisies, champ, extrait", [
    ({"acheteur": "etat"}, "reception", "date de réception"),
    ({"echeance": couvert_jusqu_au().isoformat(), "paiement": (couvert_jusqu_au() + dt.timedelta(days=15)).isoformat()},
     "paiement", "pas encore dans les tables de ce site"),
    ({"echeance": "01/01/2013", "paiement": "15/01/2014"}, "echeance", "16/03/2013"),
    ({"acheteur": "mairie", "reception": "01/01/2025"}, "acheteur", "Valeur inconnue"),
])
def test_saisies_refusees_en_francais(saisies, champ, extrait):
    from calculators.commun.erreurs import SaisieInvalide
    from calculators.interets_moratoires import executer

    with pytest.raises(SaisieInvalide) as exc:
        executer({"montant": "1000", **saisies})
    assert any(e.field == champ and extrait in e.message for e in exc.value.erreurs), exc.value


# --- Cas de référence partagés avec les tests de parité Pyodide (tests/cas/interets_moratoires.json) -

CAS = json.loads((Path(__file__).parent.parent / "cas" / "interets_moratoires.json").read_text(encoding="utf-8"))["cas"]


@pytest.mark.parametrize("cas", CAS, ids=[c["libelle"] for c in CAS])
def test_cas_de_reference_calcules_a_la_main(cas):
    r = run("interets-moratoires", cas["saisies"])
    assert r["ok"], r
    assert r["echeance"]["date"] == cas["echeance"]
    assert ([[r["jours"], r["taux"], r["interets"]]] if r["jours"] else []) == cas["lignes"]
    assert (r["interets"], r["indemnite_forfaitaire"]) == (cas["total"], cas["indemnite"])
    assert cas["note"]


def test_echeance_du_marche_plus_longue_ecartee():
    r = run("interets-moratoires", CAS[6]["saisies"])
    assert r["echeance"]["regle_depart"] == "reception" and r["echeance"]["date"] == "2025-04-02"
    assert any("L2192-10" in a and "02/05/2025" in a for a in r["avertissements"])
    courte = run("interets-moratoires", {**CAS[6]["saisies"], "echeance": "2025-03-31"})
    assert courte["echeance"]["regle_depart"] == "echeance-du-marche" and courte["jours"] == 45


def test_decompte_csv_a_la_francaise():
    r = run("interets-moratoires", CAS[0]["saisies"])
    csv = r["csv"]
    assert csv.startswith("\ufeff") and csv.endswith("\r\n")
    lignes = csv.removeprefix("\ufeff").split("\r\n")[:-1]
    assert lignes[0] == "Ligne;Date;Du;Au;Jours;Montant TTC;Taux annuel (%);Montant dû;Fondement"
    assert lignes[1] == "Point de départ du délai;03/03/2025;;;;;;;réception de la demande de paiement (R2192-12)"
    assert lignes[2] == "Fin du délai de 30 jours;02/04/2025;;;;;;;délai de l'État (R2192-10)"
    assert lignes[-3].startswith("Intérêts moratoires;;03/04/2025;15/05/2025;43;10000,00;11,15;131,36;R2192-31")
    assert lignes[-2:] == ["Indemnité forfaitaire;;;;;;;40,00;L2192-13, D2192-35", "Total dû par l'acheteur;;;;;;;171,36;"]
    fichier = r["affichage"]["fichiers"][0]
    assert (fichier["nom"], fichier["contenu"]) == ("interets-moratoires-2025-05-15.csv", csv)
    a_l_heure = run("interets-moratoires", CAS[4]["saisies"])
    assert a_l_heure["csv"] is None and a_l_heure["affichage"]["fichiers"] == []


def test_sources_communes_seulement():
    from calculators.commun.sources import TEXTES

    r = run("interets-moratoires", CAS[3]["saisies"])
    libelles = [s["libelle"] for s in r["sources"]]
    assert set(libelles) <= {libelle for libelle, _ in TEXTES.values()}
    assert any("R2192-14" in s for s in libelles)


def test_ligne_de_commande():
    import subprocess
    import sys

    sortie = subprocess.run([sys.executable, "-m", "calculators", "interets-moratoires", "--montant", "10000",
                             "--acheteur", "etat", "--reception", "2025-03-03", "--paiement", "2025-05-15", "--json"],
                            capture_output=True, text=True)
    assert sortie.returncode == 0, sortie.stderr
    r = json.loads(sortie.stdout)
    assert (r["interets"], r["total"], r["limite_paiement_interets"]) == ("131.36", "171.36", "2025-06-29")


# --- Échéance du marché antérieure au point de départ du délai (L2192-10, R2192-12 à R2192-14) ----

# Paiement le 20/03/2025 ; taux 11,15 % (S1 2025). (saisies, échéance retenue, jours, intérêts, départ, article)
ECHEANCES_AVANT_LE_DEPART = [
    # Reçue le 15/01 ; marché : 01/01. Écartée : 30 jours depuis la réception → 14/02 ; 14 + 20 = 34 jours :
    # 10 000 × 11,15 × 34 / 36 500 = 103,8630… → 103,86 € (et non 78 jours depuis le 02/01).
    ({"reception": "15/01/2025", "echeance": "01/01/2025"}, "2025-02-14", 34, "103.86", "15/01/2025", "R2192-12"),
    # Reçue le 15/01, exécutée le 01/02 (R2192-13) ; marché : 20/01. 30 jours → 03/03 ; du 04/03 au 20/03, 17 jours :
    # 10 000 × 11,15 × 17 / 36 500 = 51,9315… → 51,93 €.
    ({"reception": "15/01/2025", "execution": "01/02/2025", "echeance": "20/01/2025"}, "2025-03-03", 17, "51.93",
     "01/02/2025", "R2192-13"),
    # Demande du 10/01 sans réception : départ 12/01 (R2192-14) ; marché : 11/01. 30 jours → 11/02 ; 17 + 20 = 37 :
    # 10 000 × 11,15 × 37 / 36 500 = 113,0273… → 113,03 €.
    ({"demande": "10/01/2025", "echeance": "11/01/2025"}, "2025-02-11", 37, "113.03", "12/01/2025", "R2192-14"),
]


@pytest.mark.parametrize("saisies, echeance, jours, interets, depart, article", ECHEANCES_AVANT_LE_DEPART)
def test_echeance_du_marche_avant_le_depart_ecartee(saisies, echeance, jours, interets, depart, article):
    r = run("interets-moratoires", {"montant": "10000", "paiement": "20/03/2025", **saisies})
    assert r["ok"], r
    assert (r["echeance"]["date"], r["jours"], r["interets"], r["indemnite_forfaitaire"]) == (
        echeance, jours, interets, "40.00")
    assert r["echeance"]["regle_depart"] != "echeance-du-marche"  # le délai réglementaire, depuis le départ
    avertissement = next(a for a in r["avertissements"] if "échéance prévue au marché" in a)
    assert "précède le point de départ" in avertissement and depart in avertissement
    assert "L2192-10" in avertissement and article in avertissement and "\u00a0: " in avertissement
    etapes = r["affichage"]["tableaux"][0]["lignes"]
    assert ["Échéance prévue au marché, écartée", saisies["echeance"], "antérieure au point de départ du délai",
            article] in etapes


@pytest.mark.parametrize("echeance, retenue, jours", [
    ("15/01/2025", "2025-01-15", 64),  # le jour même de la réception : un délai nul, permis (plus court)
    ("14/02/2025", "2025-02-14", 34),  # le dernier jour du délai réglementaire
])
def test_echeance_du_marche_entre_le_depart_et_le_delai_reglementaire_retenue(echeance, retenue, jours):
    r = run("interets-moratoires", {"montant": "10000", "reception": "15/01/2025", "echeance": echeance,
                                    "paiement": "20/03/2025"})
    assert (r["echeance"]["date"], r["echeance"]["regle_depart"], r["jours"]) == (retenue, "echeance-du-marche", jours)
    assert not any("échéance prévue au marché" in a for a in r["avertissements"])


# --- Paiement postérieur au jour du calcul : une projection --------------------------------------

@pytest.mark.parametrize("saisies, projection", [
    ({"reception": "2026-11-01", "paiement": "2036-11-01"}, True),   # dix ans plus tard : 3 623 jours
    ({"reception": "2026-11-01", "paiement": "2026-12-02"}, True),   # le lendemain du jour du calcul
    ({"reception": "2026-11-01", "paiement": "2026-12-01"}, False),  # le jour même
    ({"reception": "2026-10-01", "paiement": "2026-11-30"}, False),  # passé
    ({"reception": "2026-10-01", "paiement": ""}, False),            # arrêté à aujourd'hui
])
def test_paiement_futur_signale_comme_projection(saisies, projection):
    r = run("interets-moratoires", {"montant": "10000", "aujourdhui": "2026-12-01", **saisies})
    assert r["ok"], r
    signales = [a for a in r["avertissements"] if "projection" in a]
    assert bool(signales) == projection
    if projection:
        assert signales[0].startswith(f"La date de paiement ({fr.date_courte(dt.date.fromisoformat(saisies['paiement']))})")
        assert "1er décembre 2026" in signales[0] and "L2192-13" in signales[0]


def test_sans_date_de_paiement_la_demande_est_dite_non_payee():
    """Sans date de paiement, le calcul s'arrête à aujourd'hui : la demande n'est pas « payée » ce jour-là, le
    total à retenir comprend le principal, et le délai de 45 jours (R2192-36), qui part du paiement du
    principal, n'est pas donné. Mêmes intérêts que payée le 15 mai 2025 (test_ligne_de_commande)."""
    r = run("interets-moratoires", {"montant": "10000", "acheteur": "etat", "reception": "2025-03-03",
                                    "aujourdhui": "2025-05-15"})
    assert (r["interets"], r["total"], r["paiement_est_aujourdhui"]) == ("131.36", "171.36", True)
    a = r["affichage"]
    assert "Non payée à ce jour (15 mai 2025)" in a["phrase"] and "Payée le" not in a["phrase"]
    resume = {x["cle"]: (x["libelle"], x["valeur"]) for x in a["resume"]}
    assert resume["total"] == ("Total dû à ce jour, principal compris", "10\u202f171,36\u00a0€")
    assert resume["principal"] == ("Principal non payé", "10\u202f000,00\u00a0€")
    assert "limite" not in resume
    etapes = a["tableaux"][0]["lignes"]
    assert etapes[-1][0] == "Calcul arrêté à aujourd'hui, principal non payé"
    assert not any("R2192-36" in ligne for ligne in etapes)
    assert "Total dû à ce jour, principal compris;;;;;;;10171,36;" in r["csv"]


def test_point_de_depart_a_l_execution_s_elide():
    r = run("interets-moratoires", {"montant": "7000", "acheteur": "collectivite", "reception": "2025-03-03",
                                    "execution": "2025-03-10", "paiement": "2025-05-15"})
    assert "compté de l'exécution des prestations" in r["affichage"]["phrase"]


def test_le_json_donne_le_chiffre_a_retenir_du_resume():
    """Impayée au 15/05/2025 (demande reçue par l'État le 03/03/2025) : 43 jours à 11,15 %, 131,36 € + 40 €,
    et le principal, que la page met en tête (« Total dû à ce jour, principal compris »)."""
    r = run("interets-moratoires", {"montant": "10000", "acheteur": "etat", "reception": "2025-03-03",
                                    "aujourdhui": "2025-05-15"})
    assert (r["interets"], r["total"], r["total_a_retenir"]) == ("131.36", "171.36", "10171.36")
    payee = run("interets-moratoires", {"montant": "10000", "acheteur": "etat", "reception": "2025-03-03",
                                        "paiement": "2025-05-15"})
    assert payee["total_a_retenir"] == payee["total"] == "171.36"
