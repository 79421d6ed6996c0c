"""Délai de paiement : cas comptés à la main, chaque régime, jours fériés, erreurs, propriétés.

Les cas de référence (tests/cas/delai.json) sont comptés à la main, jour de départ non compté ;
ceux du « 45 jours fin de mois » reprennent les exemples de shared/reference/legal.md §1.6
(solon.law, expertfiscal.fr, fnaseph.org). Les mêmes cas servent au test de parité Pyodide.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from calculators.api import run
from calculators.delai import FORMULAIRE, calendrier, regles
from calculators.delai.regimes import REGIMES
from calculators.commun.format_fr import typographie

CAS = json.loads((Path(__file__).parent.parent / "cas" / "delai.json").read_text(encoding="utf-8"))["cas"]
# Factures et dédouanements à ± 200 jours restent dans la période du calculateur (2009 à 2099).
FACTURES_OUTRE_MER = st.dates(min_value=dt.date(2009, 7, 20), max_value=dt.date(2099, 6, 1))
A, B = regles.METHODE_45J_PUIS_FDM, regles.METHODE_FDM_PUIS_45J
CHAMPS = [champ.nom for champ in FORMULAIRE.champs]
RACINE = Path(__file__).parents[2]


def _page_construite() -> str:
    """Le Markdown de la page du calculateur après les hooks qui y écrivent le formulaire et le tableau."""
    page = (RACINE / "docs" / "calculateurs" / "delai-de-paiement.md").read_text(encoding="utf-8")
    for nom in ("formulaires", "regimes"):
        spec = importlib.util.spec_from_file_location(f"hook_{nom}", RACINE / "overrides" / "hooks" / f"{nom}.py")
        hook = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(hook)
        page = hook.on_page_markdown(page, None, None, None)
    return page


@pytest.mark.parametrize("cas", CAS, ids=[c["libelle"] for c in CAS])
def test_cas_comptes_a_la_main(cas):
    r = run("delai", cas["saisies"])
    assert r["ok"], r
    assert r["date_limite"] == cas["date_limite"]
    for cle in ("conforme", "depassement_jours", "conforme_par_methode"):
        if cle in cas:
            assert r[cle] == cas[cle], cle
    if "conforme" not in cas:
        assert "conforme" not in r and r["echeance_convenue"] is None


def test_chaque_regime_a_un_cas_de_reference():
    assert {c["saisies"]["regime"] for c in CAS} == set(REGIMES)


def test_noms_des_regimes_stables_et_documentes_sur_la_page():
    attendus = ["60j", "45jfdm", "facture-periodique", "defaut-30j", "perissables", "perissables-periodique",
                "betail", "alcools", "vins-alcools-circulation", "transport", "grand-export", "outre-mer",
                "public-etat", "public-hopital", "public-entreprise"]
    assert list(REGIMES) == attendus
    page = _page_construite()
    for code in attendus:
        assert f'<option value="{code}"' in page, code
        assert f"(`{code}`)" in page, code


def test_champs_du_formulaire_nommes_comme_les_options():
    page = _page_construite()
    assert sorted(re.findall(r' name="([^"]+)"', page)) == sorted(CHAMPS)
    # Issue 13 : les exemples de ligne de commande sont sur la page « À propos », plus sur le calculateur.
    ligne_de_commande = (Path(__file__).resolve().parents[2] / "docs/a-propos/ligne-de-commande.md").read_text()
    for champ in CHAMPS:
        assert f'id="champ-{champ}"' in page and f"--{champ}" in ligne_de_commande


# --- Les deux méthodes du 45 jours fin de mois ----------------------------------------------

# (facture, méthode A, méthode B) : legal.md §1.6 et cas de fin de mois comptés à la main.
QUARANTE_CINQ = [
    ("2025-01-15", "2025-03-31", "2025-03-17"),
    ("2024-01-15", "2024-02-29", "2024-03-16"),
    ("2025-02-15", "2025-04-30", "2025-04-14"),
    ("2025-03-10", "2025-04-30", "2025-05-15"),
    ("2025-01-31", "2025-03-31", "2025-03-17"),   # 31/01 + 45 = 17/03
    ("2025-11-30", "2026-01-31", "2026-01-14"),   # 30/11 + 45 = 14/01/2026
    ("2024-12-31", "2025-02-28", "2025-02-14"),
    ("2023-12-31", "2024-02-29", "2024-02-14"),
    ("2024-02-29", "2024-04-30", "2024-04-14"),   # 29/02 + 45 = 14/04
]


@pytest.mark.parametrize("facture, a, b", QUARANTE_CINQ)
def test_quarante_cinq_jours_fin_de_mois_deux_methodes(facture, a, b):
    limite_a, limite_b = regles.quarante_cinq_jours_fin_de_mois(dt.date.fromisoformat(facture))
    assert (limite_a.methode, limite_a.date.isoformat()) == (A, a)
    assert (limite_b.methode, limite_b.date.isoformat()) == (B, b)


def test_quarante_cinq_jours_dans_la_page_et_dans_le_json():
    r = run("delai", {"regime": "45jfdm", "facture": "15/01/2025"})
    assert [(l["methode"], l["date_limite"], l["debut_penalites"]) for l in r["limites"]] == [
        (A, "2025-03-31", "2025-04-01"), (B, "2025-03-17", "2025-03-18")]
    assert r["debut_penalites"] == {A: "2025-04-01", B: "2025-03-18"}
    assert r["jour_semaine"] == {A: "lundi", B: "lundi"}
    assert "Le contrat doit dire quelle méthode s'applique" in r["affichage"]["phrase"]
    assert any("expressément stipulé" in n for n in r["notes"])


# --- Calendrier ------------------------------------------------------------------------------

@pytest.mark.parametrize("jour, fin", [
    ("2025-02-01", "2025-02-10"), ("2025-02-10", "2025-02-10"), ("2025-02-11", "2025-02-20"),
    ("2025-02-21", "2025-02-28"), ("2024-02-21", "2024-02-29"), ("2025-03-31", "2025-03-31"),
    ("2025-12-21", "2025-12-31"),
])
def test_fin_de_decade(jour, fin):
    assert calendrier.fin_de_decade(dt.date.fromisoformat(jour)).isoformat() == fin


@pytest.mark.parametrize("annee, jours", [
    (2024, ["2024-01-01", "2024-04-01", "2024-05-01", "2024-05-08", "2024-05-09", "2024-05-20", "2024-07-14",
            "2024-08-15", "2024-11-01", "2024-11-11", "2024-12-25"]),
    (2025, ["2025-01-01", "2025-04-21", "2025-05-01", "2025-05-08", "2025-05-29", "2025-06-09", "2025-07-14",
            "2025-08-15", "2025-11-01", "2025-11-11", "2025-12-25"]),
    (2026, ["2026-01-01", "2026-04-06", "2026-05-01", "2026-05-08", "2026-05-14", "2026-05-25", "2026-07-14",
            "2026-08-15", "2026-11-01", "2026-11-11", "2026-12-25"]),
])
def test_jours_feries_calendrier_officiel(annee, jours):
    assert sorted(d.isoformat() for d in calendrier.jours_feries(annee)) == jours


def test_date_limite_un_dimanche_signalee_sans_report():
    r = run("delai", {"regime": "60j", "facture": "15/01/2025"})
    assert r["date_limite"] == "2025-03-16" and r["jour_semaine"] == "dimanche"
    assert any("16/03/2025 tombe un dimanche" in a and "n'est pas reportée" in a for a in r["avertissements"])
    assert "dimanche 16 mars 2025" in r["affichage"]["phrase"]
    assert r["debut_penalites"] == "2025-03-17"  # le lendemain, sans report


def test_date_limite_un_jour_ferie_signalee():
    r = run("delai", {"regime": "transport", "facture": "22/03/2025"})
    assert r["date_limite"] == "2025-04-21"
    assert r["limites"][0]["jour_ferie"] == "lundi de Pâques"
    assert any("jour férié (lundi de Pâques)" in a for a in r["avertissements"])
    assert typographie("férié : lundi de Pâques") in r["affichage"]["tableaux"][0]["lignes"][0][3]


def test_jour_ferie_d_alsace_moselle_signale_a_part():
    r = run("delai", {"regime": "transport", "facture": "19/03/2025"})
    assert r["date_limite"] == "2025-04-18"
    assert r["limites"][0]["jour_ferie"] is None
    assert any("Alsace-Moselle (Vendredi saint" in a for a in r["avertissements"])


def test_jour_ouvre_sans_avertissement():
    r = run("delai", {"regime": "45jfdm", "facture": "15/01/2025"})
    assert r["avertissements"] == []


# --- Chaque régime : textes, liens, avertissements -------------------------------------------

def test_lien_vers_les_penalites_avec_l_echeance_permise():
    r = run("delai", {"regime": "60j", "facture": "15/01/2025", "echeance-convenue": "10/03/2025"})
    assert r["conforme"] is True
    assert r["liens"] == [{"libelle": "Calculer les pénalités d'un retard après l'échéance du 10/03/2025",
                           "url": "../penalites-de-retard/#echeance=2025-03-10"}]
    assert r["affichage"]["liens"] == r["liens"]
    assert "../penalites-de-retard/#echeance=2025-03-10" in r["affichage"]["texte"]


def test_lien_vers_les_penalites_avec_la_date_limite_si_l_echeance_depasse():
    r = run("delai", {"regime": "60j", "facture": "15/01/2025", "echeance-convenue": "31/03/2025"})
    assert [lien["url"] for lien in r["liens"]] == ["../penalites-de-retard/#echeance=2025-03-16"]


def test_un_lien_par_methode_sans_echeance():
    r = run("delai", {"regime": "45jfdm", "facture": "15/01/2025"})
    assert [lien["url"] for lien in r["liens"]] == ["../penalites-de-retard/#echeance=2025-03-31",
                                                    "../penalites-de-retard/#echeance=2025-03-17"]


@pytest.mark.parametrize("code, acheteur", [("public-etat", "etat"), ("public-hopital", "sante"),
                                           ("public-entreprise", "entreprise-publique")])
def test_acheteur_public_lien_vers_les_interets_moratoires_pas_les_penalites(code, acheteur):
    """Le résultat disait « un calculateur dédié pourra les chiffrer » : il existe, le lien y mène, prérempli ;
    ce calculateur retrouve la même date limite."""
    r = run("delai", {"regime": code, "facture": "03/03/2025", "reception": "05/03/2025"})
    (lien,) = r["liens"]
    limite = r["date_limite"]
    assert lien["url"] == f"../interets-moratoires/#acheteur={acheteur}&reception=2025-03-05"
    assert lien["libelle"].endswith(dt.date.fromisoformat(limite).strftime("%d/%m/%Y"))
    moratoires = run("interets-moratoires", {"montant": "1000", "acheteur": acheteur, "reception": "05/03/2025",
                                             "paiement": "30/06/2025"})
    assert moratoires["ok"] and moratoires["echeance"]["date"] == limite, moratoires
    assert any("BCE majoré de 8 points, un seul taux pour tout le retard" in n for n in r["notes"])
    assert any("le calculateur d'intérêts moratoires les chiffre" in n for n in r["notes"])
    assert "intérêts moratoires courent" in r["affichage"]["phrase"]
    assert not any("L441-16" in a for a in r["avertissements"])


def test_acheteur_public_sans_date_de_reception_prend_la_demande_plus_deux_jours():
    r = run("delai", {"regime": "public-etat", "facture": "03/03/2025"})
    assert r["point_de_depart"] == "2025-03-05"
    assert any("augmentée de deux jours" in a for a in r["avertissements"])


def test_echeance_hors_plafond_dit_les_risques():
    r = run("delai", {"regime": "transport", "facture": "31/01/2025", "echeance-convenue": "03/03/2025"})
    risques = [a for a in r["avertissements"] if "L441-16" in a]
    assert len(risques) == 1
    assert "75 000 €" in risques[0] and "2 000 000 €" in risques[0] and "réitération" in risques[0]
    assert typographie("dépasse la date limite de 1 jour : elle n'est pas conforme") in r["affichage"]["phrase"]
    assert any(s["libelle"].startswith("Code de commerce, art. L441-16") for s in r["sources"])


def test_echeance_hors_plafond_public():
    r = run("delai", {"regime": "public-hopital", "facture": "15/01/2025", "reception": "20/01/2025",
                      "echeance-convenue": "21/03/2025"})
    assert any("L2192-10" in a and "plein droit" in a for a in r["avertissements"])


def test_45jfdm_echeance_entre_les_deux_methodes_expliquee():
    r = run("delai", {"regime": "45jfdm", "facture": "15/01/2025", "echeance-convenue": "25/03/2025"})
    resume = {ligne["cle"]: ligne["valeur"] for ligne in r["affichage"]["resume"]}
    assert resume["conforme"] == "selon la méthode convenue"
    assert any("8 jours de trop" in a for a in r["avertissements"])
    assert typographie("qu'avec la méthode « 45 jours, puis fin de mois »") in r["affichage"]["phrase"]
    # La méthode nommée avant « à partir du », qui appelle la date (elle les séparait).
    libelles = [ligne["libelle"] for ligne in r["affichage"]["resume"] if ligne["cle"].startswith("debut-penalites")]
    assert libelles and all(libelle.endswith(", à partir du") and "(" in libelle for libelle in libelles), libelles


def test_perissables_avant_novembre_2021_rappelle_l_ancienne_regle():
    r = run("delai", {"regime": "perissables", "facture": "05/10/2021", "livraison": "05/10/2021"})
    assert r["date_limite"] == "2021-11-04"
    ancienne = [a for a in r["avertissements"] if "1er novembre 2021" in a]
    assert ancienne and "09/11/2021" in ancienne[0]  # fin de décade 10/10 + 30 jours


def test_grand_export_rappelle_ses_conditions():
    r = run("delai", {"regime": "grand-export", "facture": "01/12/2024"})
    assert any("franchise de TVA" in a and "grande entreprise" in a for a in r["avertissements"])


def test_outre_mer_explique_le_decalage():
    r = run("delai", {"regime": "outre-mer", "facture": "31/01/2025", "dedouanement": "03/03/2025"})
    assert r["point_de_depart"] == "2025-03-03"
    assert any("dédouanement" in n and "21e jour" in n for n in r["notes"])


@pytest.mark.parametrize("facture, dedouanement, depart, limite, methode, avertit", [
    # L441-13 : les délais « ne courent qu'à compter de » la date de dédouanement : il retarde le départ, il ne
    # l'avance pas. Dédouanée avant la facture, 60 jours depuis la facture (L441-10 I al. 2), et non 30/01/2025.
    ("2025-01-15", "2024-12-01", "2025-01-15", "2025-03-16", "60j", True),
    ("2025-01-15", "2025-01-14", "2025-01-15", "2025-03-16", "60j", True),
    ("2025-01-15", "2025-01-15", "2025-01-15", "2025-03-16", "60j-dedouanement", False),  # le même jour
    ("2025-01-31", "2025-03-03", "2025-03-03", "2025-05-02", "60j-dedouanement", False),  # départ décalé
])
def test_outre_mer_le_dedouanement_ne_fait_que_retarder_le_depart(facture, dedouanement, depart, limite, methode,
                                                                 avertit):
    r = run("delai", {"regime": "outre-mer", "facture": facture, "dedouanement": dedouanement})
    assert r["ok"], r
    assert (r["point_de_depart"], r["date_limite"], r["limites"][0]["methode"]) == (depart, limite, methode)
    signales = [a for a in r["avertissements"] if "dédouanée le" in a]
    assert bool(signales) == avertit
    if avertit:
        assert "L441-13" in signales[0] and "ne courent qu'à compter de" in signales[0] and "L441-10" in signales[0]
        assert r["affichage"]["phrase"].startswith("Facture émise le 15 janvier 2025, après le dédouanement du")
        assert "postérieure au dédouanement" in r["point_de_depart_regle"]


@settings(max_examples=200, deadline=None)
@given(facture=FACTURES_OUTRE_MER, ecart=st.integers(-200, 200))
def test_outre_mer_jamais_avant_soixante_jours_apres_la_facture(facture, ecart):
    """La limite est 60 jours après le plus tardif des deux départs : jamais avant le délai ordinaire."""
    dedouanement = facture + dt.timedelta(days=ecart)
    r = run("delai", {"regime": "outre-mer", "facture": facture.isoformat(), "dedouanement": dedouanement.isoformat()})
    assert r["ok"], r
    assert r["date_limite"] == (max(facture, dedouanement) + dt.timedelta(days=60)).isoformat()


@pytest.mark.parametrize("code", list(REGIMES))
def test_affichage_complet_pour_chaque_regime(code):
    saisies = {"regime": code, "facture": "20/02/2025", "livraison": "18/02/2025", "dedouanement": "01/03/2025",
               "reception": "22/02/2025", "echeance-convenue": "30/04/2025"}
    r = run("delai", saisies)
    assert r["ok"], r
    a = r["affichage"]
    assert a["titre"] == "Délai de paiement" and a["phrase"] and a["notes"] and a["sources"]
    assert REGIMES[code].texte in a["phrase"]
    cles = [ligne["cle"] for ligne in a["resume"]]
    assert {"depart", "texte", "echeance", "conforme", "depassement"} <= set(cles)
    assert len([c for c in cles if c.startswith("date-limite")]) == len(r["limites"])
    assert len(a["tableaux"][0]["lignes"]) == len(r["limites"])
    tableau = a["tableaux"][0]
    assert all(len(ligne) == len(tableau["colonnes"]) for ligne in [*tableau["lignes"], tableau["pied"]])
    assert tableau["pied"][0] == "Échéance convenue" and tableau["pied"][2] == "30/04/2025"
    assert a["texte"].startswith("Délai de paiement\n")
    assert "\n\n\n" not in a["texte"]
    json.dumps(r)  # tout est sérialisable


# --- Saisies refusées -------------------------------------------------------------------------

ERREURS = [
    ({"facture": "15/01/2025"}, "regime", "Choisissez le type de délai"),
    ({"regime": "90j", "facture": "15/01/2025"}, "regime", "Type de délai inconnu : « 90j »"),
    ({"regime": "60j"}, "facture", "Saisissez la date de la facture"),
    ({"regime": "60j", "facture": "31/02/2025"}, "facture", "Le 31/02/2025 n'existe pas"),
    ({"regime": "60j", "facture": "29/02/2025"}, "facture", "Le 29/02/2025 n'existe pas"),
    ({"regime": "60j", "facture": "31/04/2025"}, "facture", "n'existe pas"),
    ({"regime": "60j", "facture": "15 janvier"}, "facture", "jj/mm/aaaa"),
    ({"regime": "60j", "facture": "31/12/2008"}, "facture", "1er janvier 2009"),
    ({"regime": "60j", "facture": "01/01/2100"}, "facture", "au plus 2099"),
    ({"regime": "perissables", "facture": "15/01/2025"}, "livraison", "Saisissez la date de livraison"),
    ({"regime": "defaut-30j", "facture": "15/01/2025"}, "livraison", "Saisissez la date de livraison"),
    ({"regime": "perissables-periodique", "facture": "10/01/2025", "livraison": "25/01/2025"}, "livraison",
     "postérieure à la facture périodique"),
    ({"regime": "outre-mer", "facture": "15/01/2025"}, "dedouanement", "Saisissez la date de dédouanement"),
    ({"regime": "outre-mer", "facture": "15/01/2025", "dedouanement": "32/01/2025"}, "dedouanement", "n'existe pas"),
    ({"regime": "public-etat", "facture": "15/01/2025", "reception": "14/01/2025"}, "reception",
     "ne peut pas être reçue"),
    ({"regime": "60j", "facture": "15/01/2025", "echeance-convenue": "14/01/2025"}, "echeance-convenue",
     "précède la date de la facture"),
    ({"regime": "60j", "facture": "15/01/2025", "echeance-convenue": "demain"}, "echeance-convenue", "jj/mm/aaaa"),
]


@pytest.mark.parametrize("saisies, champ, extrait", ERREURS, ids=[e[2] for e in ERREURS])
def test_saisie_refusee_avec_message_au_champ(saisies, champ, extrait):
    r = run("delai", saisies)
    assert r["ok"] is False
    assert r["erreurs"][0]["field"] == champ
    assert typographie(extrait) in r["erreurs"][0]["message"]


def test_toutes_les_erreurs_ensemble():
    r = run("delai", {"regime": "perissables", "facture": "31/02/2025", "livraison": "",
                      "echeance-convenue": "2025-13-01"})
    assert [e["field"] for e in r["erreurs"]] == ["facture", "livraison", "echeance-convenue"]


def test_champs_inutiles_au_regime_ignores():
    r = run("delai", {"regime": "60j", "facture": "15/01/2025", "livraison": "n'importe quoi", "reception": "x",
                      "dedouanement": "31/02/2025"})
    assert r["ok"] and r["livraison"] is None and r["reception"] is None and r["dedouanement"] is None


def test_29_fevrier_d_une_annee_bissextile_accepte():
    assert run("delai", {"regime": "60j", "facture": "29/02/2024"})["date_limite"] == "2024-04-29"


# --- Propriétés -------------------------------------------------------------------------------

JOURS = st.dates(min_value=dt.date(2009, 1, 1), max_value=dt.date(2090, 12, 31))
# Les factures des propriétés laissent la place d'une livraison jusqu'à 60 jours avant (dates ≥ 2009).
FACTURES = st.dates(min_value=dt.date(2009, 3, 2), max_value=dt.date(2090, 12, 31))
ECARTS = st.integers(0, 120)


@st.composite
def saisies_valides(draw):
    code = draw(st.sampled_from(list(REGIMES)))
    facture = draw(FACTURES)
    saisies = {"regime": code, "facture": facture.isoformat()}
    depart = REGIMES[code].depart
    if depart == "livraison":
        saisies["livraison"] = (facture - dt.timedelta(days=draw(st.integers(0, 60)))).isoformat()
    elif depart == "dedouanement":
        saisies["dedouanement"] = (facture + dt.timedelta(days=draw(ECARTS))).isoformat()
    elif depart == "public":
        if draw(st.booleans()):
            saisies["reception"] = (facture + dt.timedelta(days=draw(ECARTS))).isoformat()
        if draw(st.booleans()):
            saisies["livraison"] = (facture + dt.timedelta(days=draw(st.integers(-60, 60)))).isoformat()
    if draw(st.booleans()):
        saisies["echeance-convenue"] = (facture + dt.timedelta(days=draw(st.integers(0, 200)))).isoformat()
    return saisies


@settings(max_examples=400, deadline=None)
@given(saisies=saisies_valides())
def test_la_limite_n_est_jamais_avant_le_depart_et_les_penalites_suivent(saisies):
    r = run("delai", saisies)
    assert r["ok"], r
    depart = dt.date.fromisoformat(r["point_de_depart"])
    for limite in r["limites"]:
        fin = dt.date.fromisoformat(limite["date_limite"])
        assert fin > depart
        assert 20 <= (fin - depart).days <= 90  # de 20 jours (bétail) à 90 jours (grand export)
        assert dt.date.fromisoformat(limite["debut_penalites"]) == fin + dt.timedelta(days=1)
        assert limite["jour_semaine"] == ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
                                          "dimanche")[fin.weekday()]
    if "echeance-convenue" in saisies:
        echeance = dt.date.fromisoformat(saisies["echeance-convenue"])
        plus_tardive = max(dt.date.fromisoformat(l["date_limite"]) for l in r["limites"])
        assert r["conforme"] == (echeance <= plus_tardive)
        assert r["depassement_jours"] == max(0, (echeance - plus_tardive).days)


@settings(max_examples=300, deadline=None)
@given(facture=JOURS)
def test_quarante_cinq_jours_fin_de_mois_invariants(facture):
    a, b = regles.quarante_cinq_jours_fin_de_mois(facture)
    assert a.date == calendrier.fin_de_mois(a.date)                               # A finit un mois
    assert (b.date - calendrier.fin_de_mois(facture)).days == 45                  # B : fin de mois + 45
    assert 45 <= (a.date - facture).days <= 75
    assert 45 <= (b.date - facture).days <= 75
    lendemain = regles.quarante_cinq_jours_fin_de_mois(facture + dt.timedelta(days=1))
    assert lendemain[0].date >= a.date and lendemain[1].date >= b.date           # jamais plus tôt


@settings(max_examples=300, deadline=None)
@given(livraison=JOURS)
def test_decade_et_fin_de_mois_invariants(livraison):
    periodique = regles.perissables_periodique(livraison).date
    assert 30 <= (periodique - livraison).days <= 40
    assert regles.perissables(livraison).date <= periodique
    alcool = regles.alcools(livraison).date
    assert (alcool - calendrier.fin_de_mois(livraison)).days == 30


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(["regime", "facture", "livraison", "reception", "dedouanement",
                                        "echeance-convenue"]),
                       st.one_of(st.text(max_size=12), st.sampled_from(list(REGIMES)),
                                 st.dates().map(lambda d: d.strftime("%d/%m/%Y")))))
def test_aucune_saisie_ne_fait_planter(saisies):
    r = run("delai", saisies)
    assert r["ok"] is True or all(e["field"] and e["message"] for e in r["erreurs"])


@pytest.mark.parametrize(("echeance", "verdict", "etat"), [("03/03/2025", "non", "alerte"), ("28/02/2025", "oui", None)])
def test_hors_plafond_marque_comme_une_alerte(echeance, verdict, etat):
    """« Conforme au plafond : non » s'affichait dans le bleu d'un bon résultat ; la page le marque
    maintenant en rouge, sur l'indication de Python (`etat`)."""
    r = run("delai", {"regime": "transport", "facture": "31/01/2025", "echeance-convenue": echeance})
    (conforme,) = [ligne for ligne in r["affichage"]["resume"] if ligne["cle"] == "conforme"]
    assert (conforme["valeur"], conforme.get("etat")) == (verdict, etat)


@pytest.mark.parametrize("regime", ["defaut-30j", "perissables", "betail"])
def test_facture_avant_la_livraison_le_delai_court_de_la_livraison(regime):
    """Facture émise à l'expédition, marchandise reçue après : refusée avant (« vérifiez les deux dates »),
    alors que L441-10 I et L441-11 comptent de la réception ou de la livraison. Calculée de la livraison,
    et signalée (L441-9 : la facture est émise dès la livraison)."""
    r = run("delai", {"regime": regime, "facture": "31/01/2025", "livraison": "05/02/2025"})
    assert r["ok"], r
    assert r["point_de_depart"] == "2025-02-05"
    assert any(a.startswith("La facture (31/01/2025) précède la livraison ou l'exécution (05/02/2025)") and "L441-9" in a
               for a in r["avertissements"])



@pytest.mark.parametrize("regime, limite", [("betail", "20/06/2012"), ("perissables", "30/06/2012"),
                                            ("defaut-30j", "30/06/2012"), ("alcools", "30/06/2012")])
def test_date_limite_avant_la_facture_signalee(regime, limite):
    """Livrée le 31/05/2012, facturée le 04/07/2012 : la date limite, comptée de la livraison (bétail :
    31/05 + 20 jours = 20/06 ; 30 jours : 30/06), tombe avant la facture ; le calcul le suit, et le dit."""
    r = run("delai", {"regime": regime, "facture": "04/07/2012", "livraison": "31/05/2012"})
    assert r["ok"], r
    assert any(a.startswith(f"La date limite ({limite}) précède la facture (04/07/2012)") and "L441-9" in a
               for a in r["avertissements"]), r["avertissements"]


def test_date_limite_apres_la_facture_sans_avertissement():
    r = run("delai", {"regime": "betail", "facture": "01/06/2012", "livraison": "31/05/2012"})
    assert not any("précède la facture" in a for a in r["avertissements"])
