"""Calculateur d'intérêts moratoires dans Chromium : lien partageable, formulaire, erreurs,
impression, CSV, parité Pyodide / CPython sur les cas de référence (tests/cas/interets_moratoires.json).

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

CHEMIN = "calculateurs/interets-moratoires/"
CAS = json.loads((Path(__file__).parent.parent / "cas" / "interets_moratoires.json").read_text(encoding="utf-8"))["cas"]
ETAT = "montant=10000.00&acheteur=etat&reception=2025-03-03&paiement=2025-05-15"


def _resume(page, cle):
    return page.locator(f'#resultat-interets-moratoires .calc-resume [data-cle="{cle}"] dd')


def ouvrir(page, suite=""):
    """Charge la page (rechargement complet, même pour un simple fragment) et attend le moteur."""
    if suite.startswith("#"):
        page.goto("about:blank")
    page.goto(CHEMIN + suite)
    expect(page.locator("form.calc")).to_have_attribute("data-calc-state", "ready")


def test_lien_partageable_en_fragment_affiche_le_resultat_sans_clic(page_calcul):
    ouvrir(page_calcul, "#" + ETAT)
    expect(_resume(page_calcul, "interets")).to_have_text("131,36\u00a0€")
    expect(_resume(page_calcul, "indemnite")).to_have_text("40,00\u00a0€")
    expect(_resume(page_calcul, "total")).to_have_text("171,36\u00a0€")
    expect(_resume(page_calcul, "jours")).to_have_text("43")
    expect(_resume(page_calcul, "limite")).to_have_text("29 juin 2025")
    delai, decompte = (page_calcul.locator("#resultat-interets-moratoires table").nth(i) for i in (0, 1))
    expect(delai.locator("tbody tr").nth(0).locator("td").nth(0)).to_have_text("Point de départ du délai")
    expect(delai.locator("tbody tr").nth(0)).to_contain_text("03/03/2025")
    expect(delai.locator("tbody tr").nth(0)).to_contain_text("R2192-12")
    expect(delai.locator("tbody tr").nth(1)).to_contain_text("02/04/2025")
    expect(decompte.locator("tbody tr")).to_have_count(2)
    expect(decompte.locator("tbody tr").nth(0)).to_contain_text("11,15\u00a0%")
    expect(decompte.locator("tbody tr").nth(0)).to_contain_text("R2192-31")
    expect(decompte.locator("tbody tr").nth(1)).to_contain_text("D2192-35")
    # Valeurs du lien décodées par Python et réécrites à la française dans le formulaire.
    expect(page_calcul.get_by_label("Montant de la demande de paiement, TTC (€)")).to_have_value("10\u202f000,00")
    expect(page_calcul.get_by_label("Date de réception de la demande de paiement")).to_have_value("03/03/2025")
    expect(page_calcul.get_by_label("Date du paiement du principal")).to_have_value("15/05/2025")
    expect(page_calcul.get_by_label("Acheteur public")).to_have_value("etat")
    assert page_calcul.url.endswith(CHEMIN + "#" + ETAT)


def test_remplir_le_formulaire_hopital(page_calcul):
    ouvrir(page_calcul)
    page_calcul.get_by_label("Montant de la demande de paiement, TTC (€)").fill("5 000")
    page_calcul.get_by_label("Acheteur public").select_option("sante")
    page_calcul.get_by_label("Date de réception de la demande de paiement").fill("20/05/2025")
    page_calcul.get_by_label("Date du paiement du principal").fill("30/09/2025")
    page_calcul.get_by_role("button", name="Calculer").click()
    expect(_resume(page_calcul, "interets")).to_have_text("115,40\u00a0€")
    expect(_resume(page_calcul, "jours")).to_have_text("83")
    expect(page_calcul.locator("#resultat-interets-moratoires .calc-phrase")).to_contain_text(
        "Délai de 50 jours pour l'établissement public de santé (R2192-11)")
    assert page_calcul.url.endswith(CHEMIN + "#montant=5000.00&acheteur=sante&reception=2025-05-20"
                                    "&paiement=2025-09-30")


def test_saisies_fausses_signalees_au_champ_et_dans_le_resume(page_calcul, attendre_focus):
    ouvrir(page_calcul)
    page_calcul.get_by_label("Montant de la demande de paiement, TTC (€)").fill("-5")
    page_calcul.get_by_label("Date de réception de la demande de paiement").fill("31/02/2025")
    page_calcul.get_by_label("Date du paiement du principal").fill("demain")
    page_calcul.get_by_role("button", name="Calculer").click()
    resume = page_calcul.locator(".calc-erreurs")
    expect(resume).to_be_visible()
    attendre_focus(resume)
    expect(resume.locator("li")).to_have_count(3)
    expect(resume).to_contain_text("Le montant doit être supérieur à zéro.")
    expect(resume).to_contain_text("Le 31/02/2025 n'existe pas")
    expect(resume).to_contain_text("jj/mm/aaaa")
    paiement = page_calcul.get_by_label("Date du paiement du principal")
    expect(paiement).to_have_value("demain")
    expect(paiement).to_have_attribute("aria-invalid", "true")
    expect(page_calcul.locator("#erreur-paiement")).to_contain_text("jj/mm/aaaa")
    expect(page_calcul.locator("#resultat-interets-moratoires")).to_be_hidden()
    resume.get_by_role("link", name="Le 31/02/2025 n'existe pas", exact=False).click()
    attendre_focus(page_calcul.get_by_label("Date de réception de la demande de paiement"))


def test_acheteur_inconnu_et_paiement_avant_la_reception(page_calcul):
    ouvrir(page_calcul, "?montant=100&acheteur=mairie&reception=2025-03-03&paiement=2025-05-15")
    expect(page_calcul.locator(".calc-erreurs")).to_contain_text("Valeur inconnue pour l'acheteur public")
    expect(page_calcul.locator("#resultat-interets-moratoires")).to_be_hidden()
    ouvrir(page_calcul, "?montant=100&acheteur=etat&reception=2025-03-03&paiement=2025-03-01")
    expect(page_calcul.locator("#erreur-paiement")).to_contain_text("précède la réception")
    ouvrir(page_calcul, "?montant=100&acheteur=etat&paiement=2025-03-01")
    expect(page_calcul.locator("#erreur-reception")).to_contain_text("Saisissez la date de réception")


def test_echeance_du_marche_plus_longue_ecartee_et_signalee(page_calcul):
    ouvrir(page_calcul, "?" + ETAT + "&echeance=2025-05-02")
    expect(_resume(page_calcul, "interets")).to_have_text("131,36\u00a0€")
    expect(page_calcul.locator("#resultat-interets-moratoires .admonition.warning")).to_contain_text("L2192-10")


def test_paye_a_l_echeance_ni_interets_ni_csv(page_calcul):
    ouvrir(page_calcul, "?montant=7000&acheteur=collectivite&reception=2025-03-03&execution=2025-03-10"
                        "&paiement=2025-04-09")
    expect(_resume(page_calcul, "total")).to_have_text("0,00\u00a0€")
    expect(page_calcul.locator("#resultat-interets-moratoires .calc-phrase")).to_contain_text(
        "ne porte pas d'intérêts")
    actions = page_calcul.locator("#resultat-interets-moratoires .calc-actions")
    expect(actions.get_by_role("button", name="Copier le résultat")).to_be_visible()
    expect(actions.get_by_role("button", name="Télécharger le décompte (CSV)")).to_have_count(0)


def test_actions_et_csv_produit_par_python(page_calcul):
    ouvrir(page_calcul, "?" + ETAT)
    expect(_resume(page_calcul, "interets")).to_have_text("131,36\u00a0€")
    actions = page_calcul.locator("#resultat-interets-moratoires .calc-actions")
    for nom in ("Copier le résultat", "Imprimer", "Copier le lien", "Télécharger le décompte (CSV)"):
        expect(actions.get_by_role("button", name=nom)).to_be_visible()
    with page_calcul.expect_download() as attente:
        actions.get_by_role("button", name="Télécharger le décompte (CSV)").click()
    telechargement = attente.value
    assert telechargement.suggested_filename == "interets-moratoires-2025-05-15.csv"
    contenu = Path(telechargement.path()).read_bytes()
    assert contenu.startswith(b"\xef\xbb\xbf")
    attendu = run("interets-moratoires", {"montant": "10000", "acheteur": "etat", "reception": "2025-03-03",
                                          "paiement": "2025-05-15"})["csv"]
    assert contenu.decode("utf-8") == attendu


def test_impression_ne_garde_que_le_resultat(page_calcul):
    if CHEMIN not in page_calcul.url or not _resume(page_calcul, "interets").count():
        ouvrir(page_calcul, "?" + ETAT)
    expect(_resume(page_calcul, "interets")).to_have_text("131,36\u00a0€")
    page_calcul.emulate_media(media="print")
    try:
        expect(page_calcul.locator("form.calc")).to_be_hidden()
        expect(page_calcul.locator(".calc-actions")).to_be_hidden()
        expect(page_calcul.locator("#resultat-interets-moratoires tbody tr").first).to_be_visible()
    finally:
        page_calcul.emulate_media(media="screen")


@pytest.mark.parametrize("cas", CAS, ids=[c["libelle"] for c in CAS])
def test_parite_pyodide_cpython(page_calcul, cas):
    if CHEMIN not in page_calcul.url:
        ouvrir(page_calcul)
    navigateur = page_calcul.evaluate("(s) => window.calculateurs.appeler('interets-moratoires', s)", cas["saisies"])
    assert navigateur == json.loads(json.dumps(run("interets-moratoires", cas["saisies"])))
    assert (navigateur["interets"], navigateur["indemnite_forfaitaire"]) == (cas["total"], cas["indemnite"])


def test_des_saisies_mal_formees_sont_refusees_et_le_moteur_survit(page_calcul):
    if CHEMIN not in page_calcul.url:
        ouvrir(page_calcul)
    reponse = page_calcul.evaluate("""() => window.calculateurs.appeler('interets-moratoires',
        {montant: {a: 1}, acheteur: ['etat'], reception: 12})""")
    assert reponse["ok"] is False and "interne" not in reponse
    assert {e["field"] for e in reponse["erreurs"]} >= {"montant", "acheteur"}
    apres = page_calcul.evaluate("(s) => window.calculateurs.appeler('interets-moratoires', s)", CAS[0]["saisies"])
    assert apres["interets"] == CAS[0]["total"]


@pytest.mark.parametrize("suite", ["#" + ETAT, "?montant=-1&reception=2025-02-31&paiement=2025-01-01"], ids=["resultat", "erreurs"])
def test_accessibilite_du_resultat_et_des_erreurs(page_calcul, suite):
    ouvrir(page_calcul, suite)
    expect(page_calcul.locator("#resultat-interets-moratoires:not([hidden]), .calc-erreurs:not([hidden])")).to_have_count(1)
    assert _violations(page_calcul) == []
