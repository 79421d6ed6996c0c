"""Ce que les lettres doivent dire (issue 10 §2, issue 11) : les avertissements des calculateurs, la
base des intérêts d'un échéancier (C. civ. 1343-2), la facture soldée, le tribunal (C. com. L721-3).

Chiffres faits à la main dans les docstrings ; les calculateurs les confirment.
"""

from __future__ import annotations

import re

import pytest

from calculators.api import run
from calculators.lettres.regles import tribunal_competent
from calculators.commun.format_fr import typographie

IDENTITES = {"creancier_nom": "Atelier Dupont SARL", "creancier_adresse": "12 rue des Lilas\n69003 Lyon",
             "debiteur_nom": "Martin Industries SA", "debiteur_adresse": "5 avenue Foch\n75008 Paris",
             "signataire": "Jeanne Dupont"}
# Une lettre de fin 2026 : le taux BCE au 1er juillet 2026 (2,40 %) n'est pas confirmé dans les tables.
FIN_2026 = {**IDENTITES, "aujourdhui": "2026-11-30", "date_lettre": "30/11/2026"}
F_2026 = {"numero": "F-2026-07", "date": "01/07/2026", "montant": "1000", "echeance": "31/07/2026"}
DEBUT_2024 = {**IDENTITES, "aujourdhui": "2024-01-31", "date_lettre": "31/01/2024"}
F_2023 = {"numero": "F-2023-118", "date": "31/10/2023", "montant": "1000", "echeance": "30/11/2023"}


def _plat(texte: str) -> str:
    """Le texte de la lettre sur une ligne (coupures à 78 colonnes ôtées), espaces insécables gardées."""
    return re.sub(r"[ \n]+", " ", texte)


# --- Avertissements des calculateurs -----------------------------------------------------------------


def test_mise_en_demeure_sur_un_taux_non_confirme_le_dit():
    """1 000 € échus le 31/07/2026, lettre du 30/11/2026 : 122 jours à 12,40 % (BCE 2,40 % au 01/07/2026,
    non confirmé, + 10 points) = 1 000 × 12,40 × 122 / 36 500 = 41,4466… → 41,45 €."""
    p = run("penalites", {"montant": "1000", "echeance": "31/07/2026", "paiement": "30/11/2026",
                          "aujourdhui": "2026-11-30"})
    non_confirme = [a for a in p["avertissements"] if "non confirmé" in a]
    assert p["penalites"] == "41.45" and len(non_confirme) == 1
    r = run("lettre", {**FIN_2026, "modele": "mise-en-demeure", "factures": [F_2026]})
    assert r["ok"], r.get("erreurs")
    assert r["penalites"] == "41.45"
    attendu = f"Facture F-2026-07 : {non_confirme[0]}"
    assert attendu in r["avertissements"] and typographie(attendu) in r["affichage"]["avertissements"]


def test_un_meme_avertissement_pour_plusieurs_factures_n_est_ecrit_qu_une_fois():
    factures = [F_2026, {**F_2026, "numero": "F-2026-08", "montant": "500"}]
    r = run("lettre", {**FIN_2026, "modele": "note-de-debit", "factures": factures})
    lignes = [a for a in r["avertissements"] if "non confirmé" in a]
    assert len(lignes) == 1 and lignes[0].startswith("Pour chacune des factures F-2026-07 et F-2026-08 : Ce résultat dépend")


def test_acheteur_public_sur_un_taux_non_confirme_le_dit():
    """Retard commencé le 01/08/2026 : un seul taux, BCE au 01/07/2026 (non confirmé) + 8 = 10,40 %
    (R2192-31) ; 1 000 × 10,40 × 122 / 36 500 = 34,7616… → 34,76 €."""
    m = run("interets-moratoires", {"montant": "1000", "echeance": "31/07/2026", "paiement": "30/11/2026"})
    assert m["interets"] == "34.76" and m["taux_confirme"] is False
    r = run("lettre", {**FIN_2026, "modele": "acheteur-public", "factures": [F_2026]})
    assert r["ok"], r.get("erreurs")
    assert r["factures"][0]["penalites"] == "34.76" and r["factures"][0]["taux"] == ["10.40"]
    assert [f"Facture F-2026-07 : {a}" for a in m["avertissements"]] == \
        [a for a in r["avertissements"] if a.startswith("Facture F-2026-07")]
    assert any("non confirmé" in a for a in r["affichage"]["avertissements"])


def test_taux_connu_pas_d_avertissement_de_taux():
    r = run("lettre", {**DEBUT_2024, "modele": "mise-en-demeure", "factures": [F_2023]})
    assert not [a for a in r["avertissements"] if "non confirmé" in a]


# --- Échéancier : les pénalités ne portent pas intérêt (C. civ. 1343-2) ---------------------------------


def _echeancier(**plan):
    return run("lettre", {**DEBUT_2024, "modele": "echeancier", "inclure_penalites": "oui", "plan_nombre": "2",
                          "plan_premiere": "29/02/2024", "plan_taux": "12", "factures": [F_2023], **plan})


def test_echeancier_a_taux_les_penalites_hors_de_la_base_des_interets():
    """1 000 € échus le 30/11/2023, lettre du 31/01/2024 : pénalités 1 000 × 14 × 31 / 36 500 = 11,89 puis
    1 000 × 14,50 × 31 / 36 500 = 12,32 (12,315), soit 24,21 € ; indemnité 40 €.

    À 12 % l'an en deux mensualités (1 % par mois), le principal et l'indemnité (1 040 €) portent intérêt :
    échéance constante 1 040 × 0,01 / (1 − 1,01⁻²) = 527,81 € ; intérêts 10,40 € puis 5,23 € (522,59 × 1 %),
    dernière 527,82 €. Les 24,21 € de pénalités, sans intérêts : 12,11 € puis 12,10 €. Échéances :
    539,92 € et 539,92 € ; total payé 1 079,84 € = 1 064,21 € + 15,63 € d'intérêts.
    """
    r = _echeancier()
    assert r["ok"], r.get("erreurs")
    assert (r["penalites"], r["indemnites"], r["total"]) == ("24.21", "40.00", "1064.21")
    plan = r["echeancier"]
    assert [e["montant"] for e in plan["echeances"]] == ["539.92", "539.92"]
    assert plan["total_paye"] == "1079.84" and plan["montant"] == "1064.21"
    assert (plan["base_interets"], plan["sans_interets"]) == ("1040.00", "24.21")
    avec = run("echeancier", {"montant": "1040.00", "nombre": "2", "premiere": "29/02/2024", "taux": "12",
                              "aujourdhui": "2024-01-31"})
    sans = run("echeancier", {"montant": "24.21", "nombre": "2", "premiere": "29/02/2024", "aujourdhui": "2024-01-31"})
    assert [e["montant"] for e in avec["echeances"]] == ["527.81", "527.82"]
    assert [e["interets"] for e in avec["echeances"]] == ["10.40", "5.23"]
    assert [e["montant"] for e in sans["echeances"]] == ["12.11", "12.10"]
    assert plan["plans"][0]["echeances"] == avec["echeances"] and plan["plans"][1]["echeances"] == sans["echeances"]
    texte = _plat(r["texte"])
    assert "Les pénalités de retard (24,21\u00a0€) ne portent pas intérêt" in texte and "1343-2" in texte
    assert any("1343-2" in a and "24,21" in a for a in r["avertissements"])
    assert any("1343-2" in s["libelle"] for s in r["sources"])


def test_echeancier_a_taux_l_acompte_regle_d_abord_les_penalites():
    """Acompte de 100 € (1343-1) : 24,21 € de pénalités, 75,79 € sur le reste ; 964,21 € à 1 % par mois
    en deux : 964,21 × 0,01 / (1 − 1,01⁻²) = 489,35 € deux fois ; 100 + 978,70 = 1 078,70 € payés."""
    r = _echeancier(plan_acompte="100")
    assert r["ok"], r.get("erreurs")
    plan = r["echeancier"]
    assert [e["montant"] for e in plan["echeances"]] == ["489.35", "489.35"]
    assert (plan["acompte"], plan["total_paye"]) == ("100.00", "1078.70") and len(plan["plans"]) == 1
    assert "l'acompte versé à la signature les règle en premier" in _plat(r["texte"])
    # L'acompte a sa ligne dans le tableau de la lettre : le total (1 078,70 €) est la somme des lignes.
    lignes = [re.split(r"\s{2,}", l.strip()) for l in r["texte"].split("\n")]
    tableau = lignes[next(i for i, l in enumerate(lignes) if l == ["Échéancier"]) + 3:]
    tableau = tableau[:next(i for i, l in enumerate(tableau) if l[0] == "Total") + 1]
    assert tableau == [["Acompte", "à la signature", "100,00\u00a0€"], ["1", "29/02/2024", "489,35\u00a0€"],
                       ["2", "29/03/2024", "489,35\u00a0€"], ["Total", "1\u202f078,70\u00a0€"]]


def test_echeancier_sans_taux_ou_sans_penalites_un_seul_plan():
    r = _echeancier(plan_taux="")  # 1 064,21 / 2 = 532,105 → 532,11 €, puis 532,10 €
    assert "plans" not in r["echeancier"]
    assert [e["montant"] for e in r["echeancier"]["echeances"]] == ["532.11", "532.10"]
    # Principal seul, 1 000 € à 1 % par mois : 1 000 × 0,01 / (1 − 1,01⁻²) = 507,51 € ; 10,00 € d'intérêts,
    # 502,49 € restants, puis 5,02 € d'intérêts : 507,51 € encore.
    r = _echeancier(inclure_penalites="")
    assert "plans" not in r["echeancier"] and r["echeancier"]["montant"] == "1000.00"
    assert [e["montant"] for e in r["echeancier"]["echeances"]] == ["507.51", "507.51"]


def test_echeancier_a_taux_par_mensualite_refuse_clairement():
    r = _echeancier(plan_nombre="", plan_mensualite="300")
    assert not r["ok"] and [e["field"] for e in r["erreurs"]] == ["plan_mensualite"]
    assert "1343-2" in r["erreurs"][0]["message"]


# --- Mise en demeure d'une facture soldée ------------------------------------------------------------


def test_mise_en_demeure_facture_soldee_reclame_penalites_et_indemnite():
    """Soldée le 31/01/2024 : 24,21 € de pénalités (voir plus haut) et 40 € ; aucun principal."""
    r = run("lettre", {**DEBUT_2024, "modele": "mise-en-demeure", "factures": [{**F_2023, "paiement": "31/01/2024"}]})
    assert r["ok"], r.get("erreurs")
    assert (r["principal_du"], r["penalites"], r["total"]) == ("0.00", "24.21", "64.21")
    texte = _plat(r["texte"])
    assert "impayée à ce jour" not in texte.replace("restent impayées à ce jour", "")
    assert "reste impayée" not in texte and "Principal restant dû" not in texte
    assert "La facture suivante a été réglée après son échéance" in texte
    assert "les pénalités de retard et l'indemnité forfaitaire pour frais de recouvrement que ce retard a " \
           "rendues exigibles restent impayées" in texte
    assert "la somme de 64,21\u00a0€" in texte and "continuent de courir" not in texte
    assert "paiement des pénalités et de l'indemnité" in texte  # une seule facture : une indemnité
    assert any("ne réclame que les pénalités" in a for a in r["avertissements"])


def test_mise_en_demeure_factures_soldee_et_impayee():
    factures = [F_2023, {**F_2023, "numero": "F-2023-119", "paiement": "31/01/2024"}]
    r = run("lettre", {**DEBUT_2024, "modele": "mise-en-demeure", "factures": factures})
    texte = _plat(r["texte"])
    assert r["principal_du"] == "1000.00" and r["total"] == "1128.42"  # 1 000 + 2 × 24,21 + 2 × 40
    assert "ou ont été réglées après leur échéance" in texte and "Payée le" in texte
    assert "continuent de courir" in texte


# --- Tribunal de l'injonction de payer (C. com. L721-3, CPC 1406) -------------------------------------


@pytest.mark.parametrize("creancier, debiteur, tribunal", [
    ("commercant", "commercant", "tribunal de commerce"),
    ("artisan", "artisan", "tribunal de commerce"),  # entre artisans, depuis le 01/01/2022
    ("commercant", "artisan", "tribunal de commerce"),
    ("artisan", "commercant", "tribunal de commerce"),
    ("commercant", "autre", "tribunal judiciaire"),
    ("artisan", "autre", "tribunal judiciaire"),
    ("autre", "commercant", "tribunal compétent"),  # cas limite : à vérifier au greffe
    ("autre", "artisan", "tribunal compétent"),
])
def test_tribunal_selon_les_deux_qualites(creancier, debiteur, tribunal):
    saisies = {**DEBUT_2024, "factures": [F_2023], "creancier_qualite": creancier, "debiteur_qualite": debiteur}
    requete = run("lettre", {**saisies, "modele": "injonction-de-payer"})
    demeure = run("lettre", {**saisies, "modele": "mise-en-demeure"})
    assert requete["ok"] and demeure["ok"]
    assert f"Madame, Monsieur le Président du {tribunal}" in requete["texte"]
    # Dans les douze ressorts de l'expérimentation (depuis le 01/01/2025), le tribunal de commerce
    # est devenu tribunal des activités économiques : la mise en demeure le dit, comme la requête.
    suite = " (ou du tribunal des activités économiques)" if tribunal == "tribunal de commerce" else ""
    assert f"le président du {tribunal}{suite} d'une requête" in _plat(demeure["texte"])
    a_verifier = [a for a in requete["avertissements"] if "L721-3" in a]
    assert bool(a_verifier) == (tribunal == "tribunal compétent")
    if tribunal == "tribunal de commerce":
        assert "article L721-3 du Code de commerce" in _plat(requete["texte"])


def test_tribunal_competent_regle():
    assert tribunal_competent("artisan", "artisan") == "commerce"
    assert tribunal_competent("autre", "autre") == "judiciaire"
    assert tribunal_competent("autre", "commercant") == "a-verifier"


def test_qualite_inconnue_refusee():
    r = run("lettre", {**DEBUT_2024, "modele": "injonction-de-payer", "factures": [F_2023],
                       "debiteur_qualite": "particulier"})
    assert [e["field"] for e in r["erreurs"]] == ["debiteur_qualite"]
