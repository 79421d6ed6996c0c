"""Calculateur d'intérêt légal dans Chromium : lien partageable, formulaire, erreurs, impression,
CSV, parité Pyodide / CPython sur les cas de référence (tests/cas/interet_legal.json).

Une seule page pour le module (`page_calcul`) : Pyodide y démarre une fois par chargement.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from calculators.api import run
from tests.e2e.test_accessibilite import _violations  # le contrôle axe du site, sans règle écartée

pytestmark = pytest.mark.e2e

CHEMIN = "calculateurs/interet-legal/"
CAS = json.loads((Path(__file__).parent.parent / "cas" / "interet_legal.json").read_text(encoding="utf-8"))["cas"]
# L'exemple de la fiche F20688, tel que Python écrit le lien (dates ISO, montants au point).
F20688 = "montant=2000.00&fondement=jugement&debut=2015-09-17&fin=2016-04-10&creancier=particulier&executoire=2015-09-17"
EXEMPLE = "?montant=10000&debut=2023-12-31&fin=2024-06-30&creancier=autre&acompte=2024-03-31%3A4000"


def _resume(page, cle):
    return page.locator(f'#resultat-interet-legal .calc-resume [data-cle="{cle}"] dd')


def ouvrir(page, suite=""):
    """Charge la page (rechargement complet, même pour un simple fragment) et attend le moteur."""
    if suite.startswith("#"):
        page.goto("about:blank")
    page.goto(CHEMIN + suite)
    expect(page.locator("form.calc")).to_have_attribute("data-calc-state", "ready")


def test_lien_partageable_en_fragment_affiche_le_resultat_sans_clic(page_calcul):
    ouvrir(page_calcul, "#" + F20688)
    expect(_resume(page_calcul, "interets")).to_have_text("89,54\u00a0€")
    expect(_resume(page_calcul, "total")).to_have_text("2\u202f089,54\u00a0€")
    lignes = page_calcul.locator("#resultat-interet-legal table").first.locator("tbody tr")
    expect(lignes).to_have_count(3)
    expect(lignes.nth(0)).to_contain_text("du 18/09/2015 au 17/11/2015")
    expect(lignes.nth(0)).to_contain_text("14,34\u00a0€")
    expect(lignes.nth(1)).to_contain_text("9,29\u00a0%")
    expect(lignes.nth(1)).to_contain_text("L313-3")
    expect(lignes.nth(2).locator("td").nth(1)).to_have_text("101")
    expect(lignes.nth(2)).to_contain_text("52,80\u00a0€")
    expect(page_calcul.locator("#resultat-interet-legal .calc-phrase")).to_contain_text(
        "majoré de 5 points à partir du 18 novembre 2015")
    # Valeurs du lien décodées par Python et réécrites à la française dans le formulaire.
    expect(page_calcul.get_by_label("Somme due (€)")).to_have_value("2\u202f000,00")
    expect(page_calcul.get_by_label("Date de la mise en demeure ou du jugement")).to_have_value("17/09/2015")
    expect(page_calcul.get_by_label("Date du paiement", exact=True)).to_have_value("10/04/2016")
    expect(page_calcul.get_by_label("Date où le jugement est devenu exécutoire (facultatif)")).to_have_value(
        "17/09/2015")
    expect(page_calcul.get_by_label("Le créancier est")).to_have_value("particulier")
    expect(page_calcul.get_by_label("Point de départ des intérêts")).to_have_value("jugement")
    assert page_calcul.url.endswith(CHEMIN + "#" + F20688)


def test_remplir_le_formulaire_avec_un_acompte(page_calcul):
    ouvrir(page_calcul)
    page_calcul.get_by_label("Somme due (€)").fill("10 000")
    page_calcul.get_by_label("Date de la mise en demeure ou du jugement").fill("31/12/2023")
    page_calcul.get_by_label("Date du paiement", exact=True).fill("30/06/2024")
    page_calcul.get_by_label("Le créancier est").select_option("autre")
    page_calcul.get_by_role("button", name="Ajouter un acompte").click()
    page_calcul.get_by_label("Date de l'acompte n° 1").fill("31/03/2024")
    page_calcul.get_by_label("Montant de l'acompte n° 1 (€)").fill("4000")
    page_calcul.get_by_role("button", name="Calculer").click()
    expect(_resume(page_calcul, "interets")).to_have_text("203,84\u00a0€")
    expect(_resume(page_calcul, "total")).to_have_text("6\u202f203,84\u00a0€")
    expect(_resume(page_calcul, "restants")).to_have_text("77,44\u00a0€")
    tableaux = page_calcul.locator("#resultat-interet-legal table")
    expect(tableaux).to_have_count(2)
    expect(tableaux.nth(0).locator("tbody tr").nth(1)).to_contain_text("6\u202f126,40\u00a0€")
    expect(tableaux.nth(1).locator("tbody tr td")).to_have_text(
        ["31/03/2024", "4\u202f000,00\u00a0€", "126,40\u00a0€", "3\u202f873,60\u00a0€", "0,00\u00a0€",
         "C. civ. art. 1343-1"])
    assert page_calcul.url.endswith(CHEMIN + "#montant=10000.00&fondement=mise-en-demeure&debut=2023-12-31"
                                    "&fin=2024-06-30&creancier=autre&acompte=2024-03-31:4000.00")


def test_saisies_fausses_signalees_au_champ_et_dans_le_resume(page_calcul, attendre_focus):
    ouvrir(page_calcul)
    page_calcul.get_by_label("Somme due (€)").fill("abc")
    page_calcul.get_by_label("Date de la mise en demeure ou du jugement").fill("31/02/2024")
    page_calcul.get_by_label("Date du paiement", exact=True).fill("01/01/2024")
    page_calcul.get_by_role("button", name="Calculer").click()
    resume = page_calcul.locator(".calc-erreurs")
    expect(resume).to_be_visible()
    attendre_focus(resume)
    expect(resume.locator("li")).to_have_count(2)
    expect(resume).to_contain_text("Saisissez la somme due en chiffres")
    expect(resume).to_contain_text("Le 31/02/2024 n'existe pas")
    montant = page_calcul.get_by_label("Somme due (€)")
    expect(montant).to_have_value("abc")
    expect(montant).to_have_attribute("aria-invalid", "true")
    expect(page_calcul.locator("#erreur-montant")).to_contain_text("en chiffres")
    expect(page_calcul.locator("#resultat-interet-legal")).to_be_hidden()
    resume.get_by_role("link", name="Le 31/02/2024 n'existe pas", exact=False).click()
    attendre_focus(page_calcul.get_by_label("Date de la mise en demeure ou du jugement"))


def test_fin_avant_le_depart_acompte_hors_periode_et_creancier_inconnu(page_calcul):
    ouvrir(page_calcul, "?montant=100&debut=2020-08-31&fin=2020-08-01")
    expect(page_calcul.locator("#erreur-fin")).to_contain_text("doit suivre la date de départ")
    ouvrir(page_calcul, "?montant=100&debut=2020-08-31&fin=2020-09-30&acompte=2020-10-15%3A50")
    expect(page_calcul.locator("#erreur-acompte-1-date")).to_contain_text("au plus tard à la date du paiement")
    ouvrir(page_calcul, "?montant=100&debut=2020-08-31&fin=2020-09-30&creancier=commercant")
    expect(page_calcul.locator(".calc-erreurs")).to_contain_text("Valeur inconnue pour le créancier")
    expect(page_calcul.locator("#resultat-interet-legal")).to_be_hidden()


def test_taux_non_confirme_signale(page_calcul):
    ouvrir(page_calcul, "?montant=1000&debut=2026-06-30&fin=2026-07-31&creancier=particulier")
    expect(page_calcul.locator("#resultat-interet-legal .admonition.warning")).to_contain_text("non confirmé")
    expect(page_calcul.locator("#resultat-interet-legal tbody")).to_contain_text("6,84\u00a0% (non confirmé)")


def test_actions_et_csv_produit_par_python(page_calcul):
    ouvrir(page_calcul, EXEMPLE)
    expect(_resume(page_calcul, "interets")).to_have_text("203,84\u00a0€")
    actions = page_calcul.locator("#resultat-interet-legal .calc-actions")
    for nom in ("Copier le résultat", "Imprimer", "Copier le lien", "Télécharger le décompte (CSV)"):
        expect(actions.get_by_role("button", name=nom)).to_be_visible()
    with page_calcul.expect_download() as attente:
        actions.get_by_role("button", name="Télécharger le décompte (CSV)").click()
    telechargement = attente.value
    assert telechargement.suggested_filename == "interet-legal-2023-12-31-2024-06-30.csv"
    contenu = Path(telechargement.path()).read_bytes()
    assert contenu.startswith(b"\xef\xbb\xbf")
    attendu = run("interet-legal", {"montant": "10000", "debut": "2023-12-31", "fin": "2024-06-30",
                                    "creancier": "autre", "acomptes": ["2024-03-31:4000"]})["csv"]
    assert contenu.decode("utf-8") == attendu
    assert contenu.decode("utf-8-sig").split("\r\n")[2].startswith("Paiement partiel;31/03/2024;")


def test_impression_ne_garde_que_le_resultat(page_calcul):
    if CHEMIN not in page_calcul.url or not _resume(page_calcul, "interets").count():
        ouvrir(page_calcul, EXEMPLE)
    expect(_resume(page_calcul, "interets")).to_have_text("203,84\u00a0€")
    page_calcul.emulate_media(media="print")
    try:
        expect(page_calcul.locator("form.calc")).to_be_hidden()
        expect(page_calcul.locator(".calc-actions")).to_be_hidden()
        expect(page_calcul.locator("#resultat-interet-legal tbody tr").first).to_be_visible()
    finally:
        page_calcul.emulate_media(media="screen")


@pytest.mark.parametrize("cas", CAS, ids=[c["libelle"] for c in CAS])
def test_parite_pyodide_cpython(page_calcul, cas):
    if CHEMIN not in page_calcul.url:
        ouvrir(page_calcul)
    navigateur = page_calcul.evaluate("(s) => window.calculateurs.appeler('interet-legal', s)", cas["saisies"])
    assert navigateur == json.loads(json.dumps(run("interet-legal", cas["saisies"])))
    assert navigateur["interets"] == cas["total"] and navigateur["total_du"] == cas["total_du"]


def test_des_saisies_mal_formees_sont_refusees_et_le_moteur_survit(page_calcul):
    if CHEMIN not in page_calcul.url:
        ouvrir(page_calcul)
    reponse = page_calcul.evaluate("""() => window.calculateurs.appeler('interet-legal',
        {montant: ['1'], debut: {a: 1}, acomptes: 5, creancier: 'mairie'})""")
    assert reponse["ok"] is False and "interne" not in reponse
    assert {e["field"] for e in reponse["erreurs"]} >= {"montant", "debut", "creancier"}
    apres = page_calcul.evaluate("(s) => window.calculateurs.appeler('interet-legal', s)", CAS[0]["saisies"])
    assert apres["interets"] == CAS[0]["total"]


@pytest.mark.parametrize("suite", ["#" + F20688, "?montant=abc&debut=2024-02-31&creancier=commercant"], ids=["resultat", "erreurs"])
def test_accessibilite_du_resultat_et_des_erreurs(page_calcul, suite):
    ouvrir(page_calcul, suite)
    expect(page_calcul.locator("#resultat-interet-legal:not([hidden]), .calc-erreurs:not([hidden])")).to_have_count(1)
    assert _violations(page_calcul) == []
