"""Calculateur de pénalités dans Chromium : formulaire, lien partageable, erreurs, parité.

Une seule page pour le module (`page_calcul`) : Pyodide y démarre une fois.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from calculators.api import run

pytestmark = pytest.mark.e2e

CHEMIN = "calculateurs/penalites-de-retard/"
CAS = json.loads((Path(__file__).parent.parent / "cas" / "penalites.json").read_text(encoding="utf-8"))["cas"]


def _resume(page, cle):
    return page.locator(f'#resultat-penalites .calc-resume [data-cle="{cle}"] dd')


def test_lien_partageable_affiche_le_resultat_sans_clic(page_calcul):
    page_calcul.goto(CHEMIN + "?montant=10000&echeance=30%2F11%2F2023&paiement=31%2F01%2F2024")
    expect(_resume(page_calcul, "penalites")).to_have_text("242,05\u00a0€")
    expect(_resume(page_calcul, "indemnite")).to_have_text("40,00\u00a0€")
    lignes = page_calcul.locator("#resultat-penalites tbody tr")
    expect(lignes).to_have_count(2)
    expect(lignes.nth(0)).to_contain_text("du 01/12/2023 au 31/12/2023")
    expect(lignes.nth(0)).to_contain_text("14,00\u00a0%")
    expect(lignes.nth(1)).to_contain_text("123,15\u00a0€")
    # Valeurs du lien réécrites à la française par Python (issue 13), adresse réécrite en fragment.
    expect(page_calcul.get_by_label("Montant de la facture, TTC (€)")).to_have_value("10\u202f000,00")
    expect(page_calcul.get_by_label("Date d'échéance")).to_have_value("30/11/2023")


# Relève les opérations demandées au worker du moteur ; `__retenir` les garde jusqu'à `__lacher()`
# (un moteur qui met du temps à répondre, pendant que l'utilisateur tape).
ESPION_MOTEUR = """
window.__operations = [];
const Natif = window.Worker;
window.Worker = function (url, options) {
  const worker = new Natif(url, options);
  if (!String(url).includes("moteur.worker")) return worker;
  const envoyer = worker.postMessage.bind(worker);
  let file = window.__retenir ? [] : null;
  window.__lacher = () => { const f = file || []; file = null; f.forEach((args) => envoyer(...args)); };
  worker.postMessage = (...args) => {
    window.__operations.push(args[0].operation || "calculer");
    if (file) file.push(args); else envoyer(...args);
  };
  return worker;
};
"""


def test_un_lien_ouvert_ne_demande_qu_un_echange_au_moteur(page, url_site):
    """Lire le lien et calculer : une seule demande, envoyée avant que Python soit prêt."""
    page.add_init_script(ESPION_MOTEUR)
    page.goto(url_site + CHEMIN + "#montant=10000&echeance=2023-11-30&paiement=2024-01-31&acompte=2023-12-15:4000")
    # Les chiffres du même cas saisi à la main (`test_remplir_le_formulaire_avec_un_acompte`, issue 10).
    expect(_resume(page, "penalites")).to_have_text("169,30\u00a0€")
    expect(page.get_by_label("Montant de l'acompte n° 1 (€)")).to_have_value("4\u202f000,00")
    assert page.evaluate("window.__operations") == ["lien-calcul"]
    # Le lien réécrit par Python, comme après « Calculer ».
    assert page.url.endswith(CHEMIN + "#montant=10000.00&echeance=2023-11-30&paiement=2024-01-31"
                             "&acompte=2023-12-15:4000.00&imputation=interets")


def test_un_champ_tape_pendant_le_demarrage_compte_dans_le_calcul_du_lien(page, url_site):
    """Le calcul fait d'avance ne vaut que pour les saisies du formulaire rempli : un taux tapé
    pendant que le moteur démarre (absent du lien) est pris, par un second calcul."""
    page.add_init_script("window.__retenir = true;" + ESPION_MOTEUR)
    page.goto(url_site + CHEMIN + "#montant=10000&echeance=2023-11-30&paiement=2024-01-31")
    page.wait_for_function("() => window.__operations.length === 1")
    page.get_by_label("Taux contractuel, % par an (facultatif)").fill("20")
    page.evaluate("window.__lacher()")
    # 10 000 × 20 % × 31 / 365 = 169,86 € pour décembre 2023, autant pour janvier 2024 : 339,72 €.
    expect(_resume(page, "penalites")).to_have_text("339,72\u00a0€")
    assert page.evaluate("window.__operations") == ["lien-calcul", "calculer"]
    assert "taux=20" in page.url


def test_lien_ouvert_sur_un_telephone_montre_le_resultat(page, url_site):
    """Le résultat d'un lien est sous le formulaire, plus d'un écran plus bas : la page y défile
    (sans prendre le focus), le titre du résultat dans l'écran, sous l'en-tête du thème."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(url_site + CHEMIN + "#montant=5000&echeance=2025-03-31&paiement=2025-06-30")
    titre = page.locator("#resultat-penalites h2").first
    expect(titre).to_be_visible()
    page.wait_for_function("() => window.scrollY > 0")
    boite = titre.bounding_box()
    assert 0 <= boite["y"] and boite["y"] + boite["height"] <= 844, boite
    assert page.evaluate("document.activeElement === document.body")


def test_remplir_le_formulaire_avec_un_acompte(page_calcul):
    page_calcul.goto(CHEMIN)
    expect(page_calcul.locator("form.calc")).to_have_attribute("data-calc-state", "ready")
    page_calcul.get_by_label("Montant de la facture, TTC (€)").fill("10 000,00")
    page_calcul.get_by_label("Date d'échéance").fill("30/11/2023")
    page_calcul.get_by_label("Date du paiement").fill("31/01/2024")
    page_calcul.get_by_role("button", name="Ajouter un acompte").click()
    page_calcul.get_by_label("Date de l'acompte n° 1").fill("15/12/2023")
    page_calcul.get_by_label("Montant de l'acompte n° 1 (€)").fill("4000")
    page_calcul.get_by_role("button", name="Calculer").click()
    # Issue 10 : l'acompte paie d'abord les 57,53 € échus (C. civ. 1343-1).
    expect(_resume(page_calcul, "penalites")).to_have_text("169,30\u00a0€")
    expect(_resume(page_calcul, "payees")).to_have_text("57,53\u00a0€")
    decompte = page_calcul.locator("#resultat-penalites .calc-tableau").nth(0)
    expect(decompte.locator("tbody tr")).to_have_count(3)
    expect(decompte.locator("tfoot")).to_contain_text("169,30\u00a0€")
    imputation = page_calcul.locator("#resultat-penalites .calc-tableau").nth(1)
    expect(imputation.locator("tbody tr")).to_contain_text("6\u202f057,53\u00a0€")
    # Le fragment de l'adresse porte les saisies (noms des options de la ligne de commande, dates
    # ISO, montants au point), écrit par Python ; jamais envoyé au serveur.
    assert page_calcul.url.endswith(CHEMIN + "#montant=10000.00&echeance=2023-11-30&paiement=2024-01-31"
                                    "&acompte=2023-12-15:4000.00&imputation=interets")
    # Imputation convenue sur le principal : les chiffres d'avant, et le lien le dit.
    page_calcul.get_by_label("Les acomptes paient d'abord").select_option("principal")
    page_calcul.get_by_role("button", name="Calculer").click()
    expect(_resume(page_calcul, "penalites")).to_have_text("168,24\u00a0€")
    assert page_calcul.url.endswith("&imputation=principal")


def test_lien_avec_acompte_rouvre_le_meme_calcul(page_calcul):
    page_calcul.goto(CHEMIN + "?montant=10000&echeance=2023-11-30&paiement=2024-01-31&acompte=2023-12-15%3A4000"
                     "&imputation=principal")
    expect(_resume(page_calcul, "penalites")).to_have_text("168,24\u00a0€")
    expect(page_calcul.get_by_label("Les acomptes paient d'abord")).to_have_value("principal")
    expect(page_calcul.get_by_label("Montant de l'acompte n° 1 (€)")).to_have_value("4\u202f000,00")


def test_le_decompte_se_telecharge_en_csv_produit_par_python(page_calcul):
    page_calcul.goto(CHEMIN + "?montant=10000&echeance=2023-11-30&paiement=2024-01-31&acompte=2023-12-15%3A4000")
    expect(_resume(page_calcul, "penalites")).to_have_text("169,30\u00a0€")
    actions = page_calcul.locator("#resultat-penalites .calc-actions")
    with page_calcul.expect_download() as attente:
        actions.get_by_role("button", name="Télécharger le décompte (CSV)").click()
    telechargement = attente.value
    assert telechargement.suggested_filename == "penalites-2023-11-30-2024-01-31.csv"
    contenu = Path(telechargement.path()).read_bytes()
    assert contenu.startswith(b"\xef\xbb\xbf")
    attendu = run("penalites", {"montant": "10000", "echeance": "2023-11-30", "paiement": "2024-01-31",
                                "acomptes": ["2023-12-15:4000"]})["csv"]
    assert contenu.decode("utf-8") == attendu


def test_effacer_se_rattrape_jusqu_a_la_prochaine_frappe(page_calcul):
    """Audit du 3 décembre : « Effacer », à côté de « Calculer », vidait tout (acomptes et lien compris)
    sans retour possible, ni par le bouton Précédent ni en rechargeant."""
    page_calcul.goto(CHEMIN + "?montant=10000&echeance=2023-11-30&paiement=2024-01-31&acompte=2023-12-15%3A4000")
    expect(_resume(page_calcul, "penalites")).to_have_text("169,30\u00a0€")
    formulaire = page_calcul.locator("form.calc")
    retablir = formulaire.get_by_role("button", name="Rétablir les saisies")
    expect(retablir).to_be_hidden()
    formulaire.get_by_role("button", name="Effacer").click()
    expect(page_calcul.get_by_label("Montant de la facture, TTC (€)")).to_have_value("")
    expect(page_calcul.get_by_label("Date de l'acompte n° 1")).to_have_count(0)
    expect(formulaire.locator(".calc-retablir")).to_have_text("Saisies effacées. Rétablir les saisies")
    retablir.click()
    expect(_resume(page_calcul, "penalites")).to_have_text("169,30\u00a0€")
    expect(page_calcul.get_by_label("Montant de l'acompte n° 1 (€)")).to_have_value("4\u202f000,00")
    expect(retablir).to_be_hidden()
    assert "acompte=2023-12-15:4000.00" in page_calcul.url
    # Une frappe après l'effacement : on recommence, le bouton s'en va.
    formulaire.get_by_role("button", name="Effacer").click()
    page_calcul.get_by_label("Montant de la facture, TTC (€)").fill("5000")
    expect(retablir).to_be_hidden()
    expect(formulaire.locator(".calc-retablir > span")).to_have_text("")


def test_saisies_fausses_signalees_et_conservees(page_calcul, attendre_focus):
    page_calcul.goto(CHEMIN)
    page_calcul.get_by_label("Montant de la facture, TTC (€)").fill("abc")
    page_calcul.get_by_label("Date d'échéance").fill("31/02/2024")
    page_calcul.get_by_label("Date du paiement").fill("01/01/2024")
    page_calcul.get_by_role("button", name="Calculer").click()
    resume = page_calcul.locator(".calc-erreurs")
    expect(resume).to_be_visible()
    expect(resume.locator("li")).to_have_count(2)
    expect(resume).to_contain_text("Saisissez le montant de la facture en chiffres")
    expect(resume).to_contain_text("Le 31/02/2024 n'existe pas")
    attendre_focus(resume)
    montant = page_calcul.get_by_label("Montant de la facture, TTC (€)")
    expect(montant).to_have_value("abc")
    expect(montant).to_have_attribute("aria-invalid", "true")
    expect(page_calcul.locator("#erreur-montant")).to_contain_text("en chiffres")
    expect(page_calcul.locator("#resultat-penalites")).to_be_hidden()
    # Le lien du résumé mène au champ fautif.
    resume.get_by_role("link", name="Le 31/02/2024 n'existe pas", exact=False).click()
    attendre_focus(page_calcul.get_by_label("Date d'échéance"))


def test_paiement_avant_echeance_et_acompte_trop_gros(page_calcul):
    page_calcul.goto(CHEMIN + "?montant=100&echeance=30%2F11%2F2023&paiement=01%2F11%2F2023")
    expect(page_calcul.locator(".calc-erreurs")).to_contain_text("précède l'échéance")
    page_calcul.goto(CHEMIN + "?montant=100&echeance=30%2F11%2F2023&paiement=31%2F12%2F2023&acompte=15%2F12%2F2023%3A150")
    expect(page_calcul.locator("#erreur-acompte-1-montant")).to_contain_text("atteint ou dépasse le reste dû")


def test_resultat_non_confirme_signale_a_l_utilisateur(page_calcul):
    page_calcul.goto(CHEMIN + "?montant=1000&echeance=30%2F06%2F2026&paiement=10%2F07%2F2026")
    avertissement = page_calcul.locator("#resultat-penalites .admonition.warning")
    expect(avertissement).to_contain_text("non confirmé")
    expect(page_calcul.locator("#resultat-penalites tbody")).to_contain_text("12,40\u00a0% (non confirmé)")


@pytest.mark.parametrize("cas", CAS, ids=[c["libelle"] for c in CAS])
def test_parite_pyodide_cpython(page_calcul, cas):
    if not page_calcul.url.endswith(CHEMIN):
        page_calcul.goto(CHEMIN)
    navigateur = page_calcul.evaluate("(saisies) => window.calculateurs.appeler('penalites', saisies)", cas["saisies"])
    assert navigateur == json.loads(json.dumps(run("penalites", cas["saisies"])))
    assert navigateur["penalites"] == cas["total"]


def test_navigation_instantanee_garde_un_seul_moteur(page_calcul):
    page_calcul.goto(CHEMIN + "?montant=10000&echeance=30%2F11%2F2023&paiement=31%2F01%2F2024")
    expect(_resume(page_calcul, "penalites")).to_have_text("242,05\u00a0€")
    page_calcul.evaluate("window.__meme_document = true")
    page_calcul.locator("article").get_by_role("link", name="la table des taux").click()
    expect(page_calcul.locator("h1")).to_contain_text("Quel taux de pénalité")
    page_calcul.locator("article").get_by_role("link", name="calculateur de pénalités").click()
    expect(page_calcul.locator("form.calc")).to_have_attribute("data-calc-state", "ready")
    assert page_calcul.evaluate("window.__meme_document") is True  # pas de rechargement complet
    assert len([w for w in page_calcul.workers if "moteur.worker" in w.url]) == 1
    page_calcul.get_by_label("Montant de la facture, TTC (€)").fill("5000")
    page_calcul.get_by_label("Date d'échéance").fill("31/05/2024")
    page_calcul.get_by_label("Date du paiement").fill("31/07/2024")
    page_calcul.get_by_role("button", name="Calculer").click()
    expect(_resume(page_calcul, "penalites")).to_have_text("120,10\u00a0€")


def test_impression_ne_garde_que_le_resultat(page_calcul):
    page_calcul.goto(CHEMIN + "?montant=10000&echeance=30%2F11%2F2023&paiement=31%2F01%2F2024")
    expect(_resume(page_calcul, "penalites")).to_have_text("242,05\u00a0€")
    page_calcul.emulate_media(media="print")
    try:
        expect(page_calcul.locator("form.calc")).to_be_hidden()
        expect(page_calcul.locator(".calc-actions")).to_be_hidden()
        expect(page_calcul.locator("#resultat-penalites tbody tr")).to_have_count(2)
        expect(page_calcul.locator("#resultat-penalites tbody tr").first).to_be_visible()
    finally:
        page_calcul.emulate_media(media="screen")


def test_du_resultat_a_l_echeancier_pre_rempli(page_calcul):
    page_calcul.goto(CHEMIN + "?montant=10000&echeance=30%2F11%2F2023&paiement=31%2F01%2F2024")
    page_calcul.get_by_role("link", name="Étaler 282,05\u00a0€ avec un échéancier de paiement").click()
    expect(page_calcul.get_by_label("Somme due (€)")).to_have_value("282,05")
    # Le lien ne porte que le montant : pas de calcul lancé sur un formulaire incomplet.
    expect(page_calcul.locator(".calc-erreurs")).to_be_hidden()


def test_lien_incomplet_remplit_sans_calculer(page_calcul):
    page_calcul.goto(CHEMIN + "?montant=5000")
    expect(page_calcul.locator("form.calc")).to_have_attribute("data-calc-state", "ready")
    expect(page_calcul.get_by_label("Montant de la facture, TTC (€)")).to_have_value("5\u202f000,00")
    expect(page_calcul.locator(".calc-erreurs")).to_be_hidden()
    expect(page_calcul.locator("#resultat-penalites")).to_be_hidden()


def test_des_saisies_mal_formees_sont_refusees_et_le_moteur_survit(page_calcul):
    if not page_calcul.url.endswith(CHEMIN):
        page_calcul.goto(CHEMIN)
    # Des saisies d'une forme que le formulaire ne produit jamais : la garde de la frontière JSON
    # répond par des erreurs en français, sans exception.
    reponse = page_calcul.evaluate("""() => window.calculateurs.appeler('penalites',
        {montant: ['1'], echeance: {a: 1}, acomptes: 5})""")
    assert reponse["ok"] is False
    assert {e["field"] for e in reponse["erreurs"]} >= {"montant", "echeance"}
    assert all("Traceback" not in e["message"] for e in reponse["erreurs"])
    apres = page_calcul.evaluate("(s) => window.calculateurs.appeler('penalites', s)", CAS[0]["saisies"])
    assert apres["penalites"] == CAS[0]["total"]
