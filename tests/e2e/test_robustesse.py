"""Robustesse dans Chromium : pannes du moteur, saisies gardées, liens faux, sécurité, catalogue.

- Le moteur (worker Pyodide) qui s'arrête sans répondre : le formulaire sort de son état
  occupé, le dit en français, garde les saisies, et le calcul suivant démarre un moteur neuf.
- Le runtime injoignable (pyodide.asm.wasm coupé) : « Réessayer » sans recharger la page.
- Un rechargement rend les saisies tapées (sessionStorage) ; « Effacer mes données » ne laisse
  rien dans le navigateur.
- Un lien partagé est lu comme une saisie : `prolonger=non` ne coche pas la case, une valeur
  inconnue est une erreur au champ.
- Politique de sécurité (CSP) et référent sur chaque page construite ; aucune violation en
  cherchant, en calculant, en téléchargeant une lettre, avec le service worker.
- Un échantillon du catalogue des mauvaises saisies (tests/unit/test_mauvaises_saisies.py) passe
  par la page : par le moteur de la page, et par le formulaire lui-même.

Toute la suite e2e tourne avec la politique active : une violation s'écrit en erreur de console,
que la surveillance de conftest.py relève dans chaque test.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from calculators.api import run

pytestmark = pytest.mark.e2e

DELAI_DEMARRAGE_MS = 60_000
PENALITES = "calculateurs/penalites-de-retard/"
CAS_PORTEFEUILLE = Path(__file__).parent.parent / "cas" / "portefeuille"
ECHEANCIER = "calculateurs/echeancier/"
LETTRES = "lettres/remplir/"
MONTANT = "Montant de la facture, TTC (€)"
ECHEANCE = "Date d'échéance"

# Relevé des violations de la politique, dans la page (en plus de l'erreur de console).
RELEVE_CSP = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__violations.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""


def _catalogue():
    chemin = Path(__file__).resolve().parents[1] / "unit" / "test_mauvaises_saisies.py"
    spec = importlib.util.spec_from_file_location("catalogue_mauvaises_saisies", chemin)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CATALOGUE = _catalogue()


def pret(page, chemin=PENALITES):
    page.goto(chemin)
    expect(page.locator("form.calc")).to_have_attribute("data-calc-state", "ready", timeout=DELAI_DEMARRAGE_MS)


# --- Politique de sécurité ----------------------------------------------------------------------


def test_chaque_page_porte_sa_politique_et_le_referent(site_construit):
    pages = sorted(site_construit.rglob("*.html"))
    assert len(pages) > 20
    for chemin in pages:
        html = chemin.read_text(encoding="utf-8")
        csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
        assert csp, f"{chemin} : pas de politique"
        assert '<meta name="referrer" content="no-referrer">' in html, chemin
        premier_script = html.find("<script")
        assert premier_script == -1 or csp.start() < premier_script, f"{chemin} : politique après un script"
        directives = dict(d.strip().split(" ", 1) for d in csp.group(1).split(";"))
        assert directives["default-src"] == "'self'" and directives["object-src"] == "'none'"
        assert "'unsafe-inline'" not in directives["script-src"] and "'unsafe-eval'" not in directives["script-src"]
        # Chaque script en ligne exécutable a son empreinte ; aucune autre source n'est admise.
        for attributs, texte in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S):
            if "src=" in attributs or "application/json" in attributs:
                continue
            empreinte = base64.b64encode(hashlib.sha256(texte.encode()).digest()).decode()
            assert f"'sha256-{empreinte}'" in directives["script-src"], (chemin, texte[:80])


@pytest.fixture
def releve(page):
    page.add_init_script(RELEVE_CSP)
    return page


def _violations(page):
    return page.evaluate("window.__violations || []")


def test_aucune_violation_en_cherchant_et_en_calculant(releve, url_site):
    page = releve
    page.goto(url_site)
    champ = page.locator("input.md-search__input")
    champ.click()
    champ.press_sequentially("mise en demeure", delay=40)
    expect(page.locator("li.md-search-result__item").first).to_be_visible()
    # Navigation instantanée depuis un résultat (la politique de la première page reste en vigueur).
    page.locator("li.md-search-result__item a.md-search-result__link").first.click()
    expect(page).not_to_have_url(url_site)
    expect(page.locator(".md-content h1")).to_be_visible()
    assert _violations(page) == []
    # Chaque calculateur, ouvert par un lien partagé : Python démarre et calcule sous la politique.
    for chemin, saisies in (
        (PENALITES, "#montant=10000&echeance=2023-11-30&paiement=2024-01-31"),
        ("calculateurs/delai-de-paiement/", "#regime=60j&facture=2025-01-15"),
        (ECHEANCIER, "#montant=10000&nombre=6&premiere=2030-01-31"),
        ("calculateurs/interet-legal/", "#montant=2000&debut=2020-08-31&fin=2020-09-30&creancier=particulier"),
        ("calculateurs/interets-moratoires/", "#montant=10000&acheteur=etat&reception=2025-03-03&paiement=2025-05-15"),
    ):
        page.goto(chemin + saisies)
        expect(page.locator(".calc-resultat .calc-resume").first).to_be_visible(timeout=DELAI_DEMARRAGE_MS)
    assert _violations(page) == []


def test_lettre_et_telechargements_sous_la_politique(releve):
    page = releve
    pret(page, LETTRES)
    page.once("dialog", lambda dialogue: dialogue.accept())  # lettres.js demande confirmation
    page.get_by_role("button", name="Effacer mes données").click()
    page.get_by_label("Lettre", exact=True).select_option("mise-en-demeure")
    for libelle, valeur in {"Raison sociale": "Atelier Dupont SARL", "Adresse": "12 rue des Lilas",
                            "Signataire": "Jeanne Dupont", "Raison sociale du client": "Client SA",
                            "Adresse du client (siège social)": "5 avenue Foch",
                            "Date de la lettre (facultatif)": "31/01/2024", "Numéro de la facture n° 1": "F-1",
                            "Date de la facture n° 1": "31/10/2023", "Montant TTC de la facture n° 1 (€)": "10000",
                            "Échéance de la facture n° 1": "30/11/2023"}.items():
        page.get_by_label(libelle, exact=True).fill(valeur)
    page.get_by_role("button", name="Afficher la lettre").click()
    expect(page.locator("#resultat-lettre .calc-apercu")).to_contain_text("Mise en demeure")
    for bouton in ("Télécharger (.txt)", "Télécharger (.odt, traitement de texte)"):
        with page.expect_download() as attente:
            page.get_by_role("button", name=bouton).click()
        assert Path(attente.value.path()).stat().st_size > 100
    page.once("dialog", lambda dialogue: dialogue.accept())  # lettres.js demande confirmation
    page.get_by_role("button", name="Effacer mes données").click()
    assert _violations(page) == []


def test_service_worker_sous_la_politique(releve, url_site):
    page = releve
    pret(page)
    actif = page.evaluate("""async () => {
        const inscription = await Promise.race([navigator.serviceWorker.ready,
            new Promise((ok) => setTimeout(() => ok(null), 30000))]);
        return Boolean(inscription && inscription.active);
    }""")
    assert actif, "le service worker ne s'est pas activé"
    assert _violations(page) == []


# --- Pannes du moteur -----------------------------------------------------------------------------


class _Releve:
    """Erreurs de console attendues tolérées (requêtes coupées exprès), les autres relevées."""

    def __init__(self, page, tolerees=()):
        self.erreurs = []
        self.tolerees = [re.compile(motif) for motif in tolerees]
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.erreurs.append(f"exception : {exc}"))
        page.on("worker", lambda w: w.on("console", self._console))

    def _console(self, message):
        if message.type == "error" and not any(m.search(message.text) for m in self.tolerees):
            self.erreurs.append(message.text)


@pytest.fixture
def contexte_sans_sw(browser, url_site):
    """Un contexte sans service worker : les coupures de page.route s'appliquent à toutes les requêtes."""
    contexte = browser.new_context(base_url=url_site, locale="fr-FR", service_workers="block")
    yield contexte
    contexte.close()


def _remplir_penalites(page):
    page.get_by_label(MONTANT).fill("10 000")
    page.get_by_label(ECHEANCE).fill("30/11/2023")
    page.get_by_label("Date du paiement").fill("31/01/2024")


def test_moteur_arrete_pendant_un_calcul(contexte_sans_sw):
    page = contexte_sans_sw.new_page()
    page.set_default_timeout(DELAI_DEMARRAGE_MS)
    releve = _Releve(page)
    pret(page)
    formulaire = page.locator("form.calc")
    _remplir_penalites(page)
    # Le worker s'arrête sans prévenir (comme tué par le navigateur) ; délai court pour le test.
    page.evaluate("window.calculateurs.delais.defaut = 3000; window.moteurCalculs.actif().simulerPanne()")
    page.get_by_role("button", name="Calculer").click()
    # Indicateur visible pendant l'attente : état occupé, puis la phrase.
    expect(formulaire).to_have_attribute("aria-busy", "true")
    expect(page.locator(".calc-etat")).to_have_text("Calcul en cours…")
    # Sans réponse dans le délai : sortie de l'état occupé, message en français, saisies gardées.
    expect(formulaire).to_have_attribute("data-calc-state", "error", timeout=15_000)
    expect(formulaire).not_to_have_attribute("aria-busy", "true")
    expect(page.locator(".calc-etat")).to_contain_text("Le moteur de calcul s\u2019est arrêté")
    expect(page.locator(".calc-etat")).to_contain_text("Vos saisies sont conservées")
    expect(page.get_by_label(MONTANT)).to_have_value("10 000")
    assert page.evaluate("window.moteurCalculs.actif()") is None  # moteur abandonné
    # Le calcul suivant démarre un moteur neuf et aboutit.
    page.get_by_role("button", name="Calculer").click()
    expect(page.locator('#resultat-penalites .calc-resume [data-cle="penalites"] dd')).to_have_text(
        "242,05\u00a0€", timeout=DELAI_DEMARRAGE_MS)
    expect(formulaire).to_have_attribute("data-calc-state", "ready")
    assert releve.erreurs == []


def test_moteur_qui_plante_rejette_le_calcul_en_cours(contexte_sans_sw):
    """Erreur du worker (événement `error`) : la demande en cours échoue tout de suite, sans attendre le délai."""
    page = contexte_sans_sw.new_page()
    page.set_default_timeout(DELAI_DEMARRAGE_MS)
    releve = _Releve(page)
    pret(page)
    _remplir_penalites(page)
    page.evaluate("window.calculateurs.delais.defaut = 600000; window.__moteur = window.moteurCalculs.actif();"
                  "window.__moteur.simulerPanne()")
    page.get_by_role("button", name="Calculer").click()
    expect(page.locator("form.calc")).to_have_attribute("data-calc-state", "busy")
    page.evaluate("window.__moteur.arreter('le worker a planté')")  # ce que fait l'événement `error` du worker
    expect(page.locator("form.calc")).to_have_attribute("data-calc-state", "error", timeout=5_000)
    expect(page.locator(".calc-etat")).to_contain_text("s\u2019est arrêté. Vos saisies sont conservées")
    page.get_by_role("button", name="Calculer").click()
    expect(page.locator("#resultat-penalites .calc-resume")).to_be_visible(timeout=DELAI_DEMARRAGE_MS)
    assert releve.erreurs == []


def _sans_runtime(contexte, chemin):
    """La page `chemin` ouverte avec le runtime de Pyodide injoignable : le moteur ne démarre pas."""
    page = contexte.new_page()
    page.set_default_timeout(DELAI_DEMARRAGE_MS)
    releve = _Releve(page, tolerees=[r"net::ERR_FAILED", r"pyodide\.asm\.wasm", r"Failed to fetch",
                                     r"NetworkError", r"wasm"])
    coupe = re.compile(r"/pyodide/pyodide\.asm\.wasm")
    page.route(coupe, lambda route: route.abort())
    page.goto(chemin)
    formulaire = page.locator("form.calc")
    expect(formulaire).to_have_attribute("data-calc-state", "error", timeout=DELAI_DEMARRAGE_MS)
    return page, releve, coupe, formulaire


def test_runtime_injoignable_puis_reessayer(contexte_sans_sw):
    page, releve, coupe, formulaire = _sans_runtime(contexte_sans_sw, PENALITES)
    expect(page.locator(".calc-etat")).to_contain_text("n\u2019a pas pu démarrer")
    expect(page.locator(".calc-etat")).not_to_contain_text("Error")  # le détail technique va à la console
    reessayer = page.get_by_role("button", name="Réessayer")
    expect(reessayer).to_be_visible()
    # Un rouge lisible : c'était celui, à 15 % d'opacité, du texte barré de Material.
    couleur = page.locator(".calc-etat").evaluate("(el) => getComputedStyle(el).color")
    assert couleur.startswith("rgb(") and int(couleur[4:].split(",")[0]) > 150, couleur
    _remplir_penalites(page)  # le formulaire reste utilisable
    # « Calculer » sans moteur : le message est amené à l'écran avec le focus (il restait en haut du
    # formulaire, hors de vue, et le clic semblait sans effet).
    page.set_viewport_size({"width": 390, "height": 844})
    page.get_by_role("button", name="Calculer").click()
    expect(page.locator(".calc-etat")).to_be_focused(timeout=DELAI_DEMARRAGE_MS)
    expect(page.locator(".calc-etat")).to_be_in_viewport()
    expect(page.locator(".calc-etat")).to_contain_text("n\u2019a pas pu démarrer")
    page.unroute(coupe)
    reessayer.click()
    expect(formulaire).to_have_attribute("data-calc-state", "ready", timeout=DELAI_DEMARRAGE_MS)
    expect(reessayer).to_have_count(0)
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1
    assert page.evaluate("performance.getEntriesByType('navigation')[0].type") == "navigate"  # pas de rechargement
    expect(page.get_by_label(MONTANT)).to_have_value("10 000")
    page.get_by_role("button", name="Calculer").click()
    expect(page.locator('#resultat-penalites .calc-resume [data-cle="penalites"] dd')).to_have_text("242,05\u00a0€")
    assert releve.erreurs == []


def test_lien_ouvert_sans_runtime_puis_reessayer(contexte_sans_sw):
    """Un lien partagé ouvert quand le réseau lâche : sa demande, envoyée au premier moteur (arrêté),
    est refaite au moteur que démarre « Réessayer », et le résultat du lien s'affiche sans autre clic."""
    page, releve, coupe, formulaire = _sans_runtime(
        contexte_sans_sw, PENALITES + "#montant=10000&echeance=2023-11-30&paiement=2024-01-31")
    expect(page.locator("#resultat-penalites")).to_be_hidden()
    page.unroute(coupe)
    page.get_by_role("button", name="Réessayer").click()
    expect(page.locator('#resultat-penalites .calc-resume [data-cle="penalites"] dd')).to_have_text("242,05\u00a0€")
    expect(page.get_by_label(MONTANT)).to_have_value("10\u202f000,00")
    assert releve.erreurs == []


def test_poste_clients_sans_moteur_un_seul_message_puis_reessayer(contexte_sans_sw):
    """Le moteur n'a pas démarré (réseau coupé avant sa mise en cache) et l'on choisit un fichier :
    la page disait en plus « mémoire insuffisante ? Rechargez la page », contre le message du
    formulaire, et repassait le formulaire à « prêt ». « Réessayer » analyse le fichier choisi."""
    page, releve, coupe, formulaire = _sans_runtime(contexte_sans_sw, "calculateurs/poste-clients/")
    page.get_by_label("Fichier à analyser").set_input_files(CAS_PORTEFEUILLE / "fec-debit-credit.txt")
    expect(page.locator(".calc-etat")).to_be_focused(timeout=DELAI_DEMARRAGE_MS)
    expect(page.locator(".calc-etat")).to_contain_text("n\u2019a pas pu démarrer")
    expect(formulaire).to_have_attribute("data-calc-state", "error")
    expect(page.locator(".pc-annonce")).not_to_contain_text("mémoire")
    page.unroute(coupe)
    page.get_by_role("button", name="Réessayer").click()
    expect(page.locator("#resultat-portefeuille[data-resultat=ok]")).to_be_visible(timeout=DELAI_DEMARRAGE_MS)
    expect(page.locator('#resultat-portefeuille [data-cle="echu"] dd')).to_contain_text("7\u202f900,00\u00a0€")
    assert releve.erreurs == []


def test_instantane_illisible_demarrage_normal(contexte_sans_sw):
    """Un instantané mémoire illisible (fichier abîmé, autre version) : Python démarre normalement,
    sans erreur visible, et calcule."""
    page = contexte_sans_sw.new_page()
    page.set_default_timeout(DELAI_DEMARRAGE_MS)
    releve = _Releve(page)
    avertissements = []
    page.on("worker", lambda w: w.on("console", lambda m: avertissements.append(m.text) if m.type == "warning" else None))
    page.route(re.compile(r"/pyodide/instantane\.bin"),
               lambda route: route.fulfill(status=200, body=b"IMPC" + bytes(4000), content_type="application/octet-stream"))
    page.goto(PENALITES)
    expect(page.locator("form.calc")).to_have_attribute("data-calc-state", "ready", timeout=DELAI_DEMARRAGE_MS)
    assert page.evaluate("window.moteurCalculs.actif().instantane") is False
    assert page.evaluate("window.moteurCalculs.actif().lusDansLeCache") == 0  # pas de service worker
    assert any("Instantané mémoire refusé" in a and "instantané creux incohérent" in a for a in avertissements), avertissements
    _remplir_penalites(page)
    page.get_by_role("button", name="Calculer").click()
    expect(page.locator('#resultat-penalites .calc-resume [data-cle="penalites"] dd')).to_have_text("242,05\u00a0€")
    assert releve.erreurs == []


# La prochaine réponse du moteur à l'opération `window.__falsifier` devient l'erreur interne que rend
# `calculators.api` quand Python lève une exception imprévue (aucun cas connu ne la produit). Pour un
# lien, c'est son calcul fait d'avance qui échoue.
ERREUR_INTERNE_SIMULEE = """
(() => {
  const Natif = window.Worker;
  const gestionnaire = Object.getOwnPropertyDescriptor(Natif.prototype, "onmessage");
  const faux = { ok: false, erreurs: [{ field: "", message: "Le calcul a échoué à cause d'une erreur interne "
    + "(référence TEST1234). Vos saisies sont conservées ; merci de signaler ce cas avec cette référence." }],
    interne: { reference: "TEST1234", detail: "Traceback (simulé pour le test)" } };
  window.Worker = function (url, options) {
    const worker = new Natif(url, options);
    if (!String(url).includes("moteur.worker")) return worker;
    const operations = new Map();
    const envoyer = worker.postMessage.bind(worker);
    worker.postMessage = (message, ...reste) => {
      operations.set(message.id, message.operation || "calculer");
      envoyer(message, ...reste);
    };
    const falsifier = (data) => {
      if (data.type !== "reponse" || operations.get(data.id) !== window.__falsifier) return data;
      window.__falsifier = null;
      const valeur = "valeur" in data ? data.valeur : JSON.parse(data.json);
      return { type: "reponse", id: data.id, valeur: "calcul" in valeur ? { ...valeur, calcul: faux } : faux };
    };
    Object.defineProperty(worker, "onmessage", {
      get: () => gestionnaire.get.call(worker),
      set: (f) => gestionnaire.set.call(worker, (e) => f({ data: falsifier(e.data) })),
    });
    return worker;
  };
})();
"""


@pytest.mark.parametrize("chemin", ["calculer", "lien", "poste-clients"])
def test_erreur_interne_dite_a_l_ecran_et_detaillee_une_fois_a_la_console(page, chemin):
    """Une erreur interne : sa référence à l'écran, les saisies gardées, et son détail une fois à la
    console, que la réponse vienne de « Calculer », d'un lien ouvert ou de l'analyse d'un grand livre
    (celle-ci ne l'écrivait pas)."""
    avertissements = []
    page.on("console", lambda m: avertissements.append(m.text) if m.type == "warning" else None)
    page.add_init_script(ERREUR_INTERNE_SIMULEE)
    if chemin == "lien":
        page.add_init_script("window.__falsifier = 'lien-calcul';")
        page.goto(PENALITES + "#montant=10000&echeance=2023-11-30&paiement=2024-01-31")
    elif chemin == "calculer":
        pret(page)
        _remplir_penalites(page)
        page.evaluate("window.__falsifier = 'calculer'")
        page.get_by_role("button", name="Calculer").click()
    else:
        pret(page, "calculateurs/poste-clients/")
        expect(page.locator("form.calc")).to_have_attribute("data-mise-en-train", "faite", timeout=120_000)
        page.evaluate("window.__falsifier = 'portefeuille-resultat'")
        page.get_by_label("Fichier à analyser").set_input_files(CAS_PORTEFEUILLE / "fec-debit-credit.txt")
    expect(page.locator(".calc-erreurs")).to_contain_text("erreur interne (référence TEST1234)")
    expect(page.locator("form.calc")).to_have_attribute("data-calc-state", "ready")
    if chemin != "poste-clients":
        expect(page.get_by_label(MONTANT)).to_have_value(re.compile(r"^10\s?000"))
    page.wait_for_timeout(200)  # un second avertissement aurait suivi le même affichage
    detailles = [a for a in avertissements if a.startswith("Erreur interne TEST1234")]
    assert detailles == ["Erreur interne TEST1234\nTraceback (simulé pour le test)"], avertissements


# --- Saisies gardées au rechargement ; « Effacer mes données » ----------------------------------


def test_rechargement_rend_les_saisies(page):
    pret(page)
    page.get_by_label(MONTANT).fill("12 480")
    page.get_by_label(ECHEANCE).fill("31/02/2024")  # fausse : pas encore calculée
    page.get_by_role("button", name="Ajouter un acompte").click()
    page.get_by_label("Date de l'acompte n° 1").fill("15/12/2023")
    page.reload()
    expect(page.locator("form.calc")).to_have_attribute("data-calc-state", "ready", timeout=DELAI_DEMARRAGE_MS)
    expect(page.get_by_label(MONTANT)).to_have_value("12 480")
    expect(page.get_by_label(ECHEANCE)).to_have_value("31/02/2024")
    expect(page.get_by_label("Date de l'acompte n° 1")).to_have_value("15/12/2023")
    # Après un calcul (lien dans l'adresse), une saisie changée ensuite revient aussi, et le résultat.
    page.get_by_label(ECHEANCE).fill("30/11/2023")
    page.get_by_label("Date du paiement").fill("31/01/2024")
    page.get_by_label("Date de l'acompte n° 1").fill("")
    page.get_by_role("button", name="Calculer").click()
    expect(page.locator("#resultat-penalites .calc-resume")).to_be_visible()
    page.get_by_label(MONTANT).fill("10000")
    page.reload()
    expect(page.get_by_label(MONTANT)).to_have_value("10000")
    expect(page.locator('#resultat-penalites .calc-resume [data-cle="penalites"] dd')).to_have_text("242,05\u00a0€")
    # Une simple visite (pas un rechargement) part d'un formulaire vide ; « Effacer » oublie tout.
    page.goto(PENALITES)
    expect(page.locator("form.calc")).to_have_attribute("data-calc-state", "ready")
    expect(page.get_by_label(MONTANT)).to_have_value("")
    page.get_by_label(MONTANT).fill("5")
    page.locator("form.calc").get_by_role("button", name="Effacer", exact=True).click()
    page.reload()
    expect(page.locator("form.calc")).to_have_attribute("data-calc-state", "ready")
    expect(page.get_by_label(MONTANT)).to_have_value("")


def _cles_du_site(page):
    """Les données de l'utilisateur gardées par le site. « Effacer » ôte aussi la clé du hors ligne
    (hors-ligne.js), mais le service worker peut la réécrire aussitôt (« en-cache » : l'état de son
    cache, qui ne contient que le site) : ce n'est pas une saisie, elle n'est pas comptée."""
    return page.evaluate("""() => [...Object.keys(localStorage), ...Object.keys(sessionStorage)]
        .filter((cle) => cle.startsWith("impayes") && !cle.startsWith("impayes.hors-ligne."))""")


def test_effacer_mes_donnees_ne_laisse_rien(page):
    pret(page)  # une saisie de calculateur, gardée le temps de l'onglet
    page.get_by_label(MONTANT).fill("10 000")
    pret(page, LETTRES)
    page.get_by_label("Raison sociale", exact=True).fill("Atelier Dupont SARL")
    page.get_by_label("Montant TTC de la facture n° 1 (€)", exact=True).fill("10000")
    page.evaluate("localStorage.setItem('impayes:quiz:module-1', '{}'); "
                  "localStorage.setItem('impayes:checklist:/x/', '{}')")
    assert len(_cles_du_site(page)) >= 3
    page.once("dialog", lambda dialogue: dialogue.accept())  # lettres.js demande confirmation
    page.get_by_role("button", name="Effacer mes données").click()
    expect(page.locator(".lettre-statut")).to_have_text("Vos données ont été effacées de ce navigateur.")
    page.wait_for_timeout(500)  # les mémorisations programmées (ligne vide ajoutée) sont passées
    assert _cles_du_site(page) == []
    # Un champ touché puis remis à vide n'écrit rien non plus.
    champ = page.get_by_label("Raison sociale", exact=True)
    champ.fill("x")
    champ.fill("")
    page.wait_for_timeout(200)
    assert _cles_du_site(page) == []
    page.reload()
    expect(page.get_by_label("Raison sociale", exact=True)).to_have_value("")


def test_lien_vers_les_lettres_garde_les_factures_et_propose_le_choix(page):
    pret(page, LETTRES)
    page.once("dialog", lambda dialogue: dialogue.accept())  # lettres.js demande confirmation
    page.get_by_role("button", name="Effacer mes données").click()
    page.get_by_label("Numéro de la facture n° 1", exact=True).fill("F-GARDEE")
    page.get_by_label("Montant TTC de la facture n° 1 (€)", exact=True).fill("500")
    page.goto(LETTRES + "#modele=mise-en-demeure&facture=::2400.00:2023-12-15")
    expect(page.get_by_label("Montant TTC de la facture n° 1 (€)", exact=True)).to_have_value("2\u202f400,00")
    expect(page.get_by_label("Numéro de la facture n° 2", exact=True)).to_have_value("F-GARDEE")
    gardees = json.loads(page.evaluate("localStorage.getItem('impayes.lettres.saisies.v1')"))
    assert [f["numero"] for f in gardees["factures"]] == ["", "F-GARDEE"]  # rien de perdu sans choix
    page.get_by_role("button", name="Ne garder que la facture du lien").click()
    expect(page.get_by_label("Numéro de la facture n° 2", exact=True)).to_have_count(0)
    page.once("dialog", lambda dialogue: dialogue.accept())  # lettres.js demande confirmation
    page.get_by_role("button", name="Effacer mes données").click()


# --- Liens partagés lus comme des saisies -------------------------------------------------------


def test_prolonger_non_ne_coche_pas_la_case(page):
    page.goto(PENALITES + "#montant=10000&echeance=2023-11-30&paiement=2024-01-31&prolonger=non")
    expect(page.locator('#resultat-penalites .calc-resume [data-cle="penalites"] dd')).to_have_text(
        "242,05\u00a0€", timeout=DELAI_DEMARRAGE_MS)
    expect(page.get_by_label("Prolonger le dernier taux connu au-delà des tables")).not_to_be_checked()


@pytest.mark.parametrize("chemin, lien, champ, extrait", [
    (ECHEANCIER, "#montant=10000&nombre=6&premiere=2030-01-31&periodicite=annuelle", "periodicite",
     "Choisissez une périodicité"),
    (ECHEANCIER, "#montant=10000&nombre=6&premiere=2030-01-31&methode=in-fine", "methode", "Choisissez une méthode"),
    (PENALITES, "#montant=10000&echeance=2023-11-30&prolonger=peut-etre", "prolonger", "oui ou non"),
    (PENALITES, "#montant=10000&echeance=2023-11-30&paiement=9999-12-31&prolonger=oui", "paiement",
     "hors de portée"),
], ids=["periodicite-annuelle", "methode-inconnue", "prolonger-peut-etre", "paiement-an-9999"])
def test_valeur_inconnue_d_un_lien_erreur_au_champ(page, chemin, lien, champ, extrait):
    page.goto(chemin + lien)
    resume = page.locator(".calc-erreurs")
    expect(resume).to_be_visible(timeout=DELAI_DEMARRAGE_MS)
    expect(resume).to_contain_text(extrait)
    expect(resume.locator(f'a[href="#champ-{champ}"]')).to_have_count(1)
    expect(page.locator(f"#champ-{champ}")).to_have_attribute("aria-invalid", "true")
    expect(page.locator(".calc-resultat .calc-resume")).to_have_count(0)  # rien de calculé sur autre chose


# --- Un échantillon du catalogue des mauvaises saisies, par la page -----------------------------

CHEMINS = {"penalites": PENALITES, "delai": "calculateurs/delai-de-paiement/", "echeancier": ECHEANCIER,
           "lettre": LETTRES}


def _en_json(valeur) -> bool:
    """Ce que JavaScript transporte tel quel : pas d'entier au-delà de 2^53 (ni de 5 000 chiffres), ni de
    flottant entier (6.0 arrive en 6 : JavaScript n'a qu'un type de nombre)."""
    if isinstance(valeur, float):
        return not valeur.is_integer()
    if isinstance(valeur, bool) or not isinstance(valeur, (int, list, dict)):
        return True
    if isinstance(valeur, int):
        return abs(valeur) < 2 ** 53
    return all(_en_json(v) for v in (valeur.values() if isinstance(valeur, dict) else valeur))


# Un cas sur trois de chaque calculateur, sans les défauts connus (xfail du catalogue).
ECHANTILLON_MOTEUR = [c for c in CATALOGUE.CATALOGUE
                      if _en_json({**c[1], **c[3]}) and f"{c[0]}:{c[2]}" not in CATALOGUE.CONNUS][::3]


def test_echantillon_du_catalogue_par_le_moteur_de_la_page(page_calcul):
    """Par le Pyodide de la page (même frontière JSON que le formulaire) : mêmes refus qu'en CPython."""
    page = page_calcul
    pret(page)
    essais = {}
    for nom, base, ident, modif, champs, extrait in ECHANTILLON_MOTEUR:
        saisies = {**base, **modif}
        reponse = page.evaluate("([nom, saisies]) => window.calculateurs.appeler(nom, saisies)", [nom, saisies])
        CATALOGUE.verifier_refus(nom, reponse, champs, extrait)
        assert reponse["erreurs"] == run(nom, saisies)["erreurs"], ident
        essais[nom] = essais.get(nom, 0) + 1
    print(f"\nCatalogue par le moteur de la page : {essais}")
    assert all(essais.get(nom, 0) >= 10 for nom in CATALOGUE.CATALOGUES), essais


# Par le formulaire lui-même : ce qu'un utilisateur tape, le résumé d'erreurs qui s'affiche.
ECHANTILLON_FORMULAIRE = {
    "penalites": ["montant-exposant", "montant-chiffre-cercle", "paiement-an-9999-prolonger",
                  "paiement-an-2999-prolonger", "montant-mille-chiffres"],
    "delai": ["facture-an-9999", "facture-chiffres-arabes", "echeance-convenue-an-2100"],
    "echeancier": ["nombre-exposant", "premiere-an-9999", "nombre-mille-chiffres"],
    "lettre": ["date-lettre-an-9999", "date-lettre-an-3000", "facture-montant-exposant"],
}
CAS_FORMULAIRE = [c for c in CATALOGUE.CATALOGUE if c[2] in ECHANTILLON_FORMULAIRE.get(c[0], ())]


def test_l_echantillon_du_formulaire_existe():
    assert len(CAS_FORMULAIRE) == sum(len(v) for v in ECHANTILLON_FORMULAIRE.values())


@pytest.mark.parametrize("nom, base, ident, modif, champs, extrait", CAS_FORMULAIRE,
                         ids=[f"{c[0]}:{c[2]}" for c in CAS_FORMULAIRE])
def test_echantillon_du_catalogue_par_le_formulaire(page_calcul, nom, base, ident, modif, champs, extrait):
    page = page_calcul
    pret(page, CHEMINS[nom])
    if nom == "lettre":
        page.once("dialog", lambda dialogue: dialogue.accept())  # lettres.js demande confirmation
        page.get_by_role("button", name="Effacer mes données").click()
    formulaire = page.locator("form.calc")
    saisies = {**base, **modif}
    for cle, valeur in saisies.items():
        if cle == "factures":
            for cellule, texte in valeur[0].items():
                page.locator(f"#champ-facture-1-{cellule}").fill(texte)
            continue
        if cle == "acomptes":
            continue
        champ = formulaire.locator(f'[name="{cle}"]')
        if champ.evaluate("el => el.tagName") == "SELECT":
            champ.select_option(valeur)
        elif champ.get_attribute("type") == "checkbox":
            champ.set_checked(valeur == "oui")
        else:
            champ.fill(valeur)
    page.locator("form.calc button[type=submit]").click()
    resume = page.locator(".calc-erreurs")
    expect(resume).to_be_visible()
    for champ in champs:
        expect(resume.locator(f'a[href="#champ-{champ}"]')).to_have_count(1)
    if extrait:
        expect(resume).to_contain_text(extrait)
    expect(resume).not_to_contain_text("interne")
    expect(formulaire).to_have_attribute("data-calc-state", "ready")
    if nom == "lettre":
        page.once("dialog", lambda dialogue: dialogue.accept())  # lettres.js demande confirmation
        page.get_by_role("button", name="Effacer mes données").click()
