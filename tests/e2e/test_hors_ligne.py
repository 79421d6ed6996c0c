"""Le site sans réseau (service worker docs/sw.js, hook overrides/hooks/hors_ligne.py).

- Après une visite de l'accueil et d'un calculateur, réseau coupé (`context.set_offline`) :
  d'autres pages s'ouvrent (chargement complet et navigation instantanée), la recherche trouve,
  chaque calculateur calcule, une lettre se rend et se télécharge.
- Une nouvelle construction est annoncée, puis appliquée au chargement suivant, sans mélange :
  un seul cache, celui de la nouvelle version.
- Manifeste d'application web et icônes.

Chaque test a son propre contexte de navigateur (le service worker s'y installe) ; la fixture
`Surveillance` y fait échouer toute erreur de console, donc toute ressource qui manquerait au
cache une fois hors ligne.
"""

from __future__ import annotations

import functools
import gzip
import importlib.util
import json
import re
import shutil
import socket
import threading
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

RACINE = Path(__file__).resolve().parents[2]


def _module(nom, chemin):
    spec = importlib.util.spec_from_file_location(nom, chemin)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# Surveillance et serveur des tests e2e (tests/e2e/conftest.py), pour des contextes faits ici.
_e2e = _module("e2e_conftest_hors_ligne", Path(__file__).with_name("conftest.py"))
DELAI_DEMARRAGE_MS, Surveillance = _e2e.DELAI_DEMARRAGE_MS, _e2e.Surveillance
PENALITES = "calculateurs/penalites-de-retard/?montant=10000&echeance=30%2F11%2F2023&paiement=31%2F01%2F2024"
DELAI = "calculateurs/delai-de-paiement/?facture=15%2F01%2F2025&regime=60j"
ECHEANCIER = "calculateurs/echeancier/?montant=10000&nombre=6&premiere=31%2F01%2F2027&periodicite=mensuelle"
INTERET_LEGAL = ("calculateurs/interet-legal/#montant=2000.00&fondement=jugement&debut=2015-09-17&fin=2016-04-10"
                 "&creancier=particulier&executoire=2015-09-17")
MORATOIRES = "calculateurs/interets-moratoires/#montant=10000.00&acheteur=etat&reception=2025-03-03&paiement=2025-05-15"
GRAND_LIVRE = RACINE / "tests" / "cas" / "portefeuille" / "factures.csv"
AUTRES_PAGES = ["relancer/", "cadre-legal/taux/", "glossaire/", "checklists/revue-hebdomadaire/", "formation/"]
LETTRE = {
    "Raison sociale": "Atelier Dupont SARL",
    "Adresse": "12 rue des Lilas\n69003 Lyon",
    "Signataire": "Jeanne Dupont",
    "Raison sociale du client": "Client SA",
    "Adresse du client (siège social)": "5 avenue Foch\n75008 Paris",
    "Date de la lettre (facultatif)": "31/01/2024",
    "Numéro de la facture n° 1": "F-2023-118",
    "Date de la facture n° 1": "31/10/2023",
    "Montant TTC de la facture n° 1 (€)": "10000",
    "Échéance de la facture n° 1": "30/11/2023",
}


def _hook():
    return _module("hors_ligne_test", RACINE / "overrides" / "hooks" / "hors_ligne.py")


def _manifeste(site: Path) -> dict:
    texte = (site / "sw.js").read_text(encoding="utf-8")
    return json.loads(re.search(r"^const MANIFESTE = (\{.*\});$", texte, re.MULTILINE).group(1))


@pytest.fixture
def contexte(browser, url_site):
    contexte = browser.new_context(base_url=url_site, locale="fr-FR", accept_downloads=True)
    contexte.url_site = url_site
    yield contexte
    contexte.close()


def _page(contexte):
    page = contexte.new_page()
    page.set_default_timeout(DELAI_DEMARRAGE_MS)
    page.surveillance = Surveillance(contexte.url_site)
    page.surveillance.brancher(page)
    return page


def _resultat(page, selecteur):
    expect(page.locator(f"{selecteur}[data-resultat=ok]")).to_be_visible(timeout=DELAI_DEMARRAGE_MS)


def _verifier_sauf(surveillance, *attendues):
    """Aucune erreur de console, sauf celles que le test provoque (un extrait de chacune)."""
    surveillance.erreurs = [e for e in surveillance.erreurs if not any(a in e for a in attendues)]
    surveillance.verifier()


# --- Le site construit -------------------------------------------------------------------------

def test_le_service_worker_liste_chaque_page_et_le_moteur(site_construit):
    manifeste = _manifeste(site_construit)
    # La version se lit en tête du manifeste, comme la cherche le service worker dans le sw.js du
    # serveur (`versionDuServeur` : le site a-t-il été republié ?).
    texte = (site_construit / "sw.js").read_text(encoding="utf-8")
    assert re.search(r'const MANIFESTE = \{"version":"([0-9a-f]+)"', texte).group(1) == manifeste["version"]
    plan = (site_construit / "sitemap.xml").read_text(encoding="utf-8")
    base = re.search(r"<loc>([^<]+)</loc>", plan).group(1)
    for url in re.findall(r"<loc>([^<]+)</loc>", plan):
        assert url[len(base):] in manifeste["pages"], f"page absente du cache hors ligne : {url}"
    for indispensable in ("search/search_index.json", "sitemap.xml", "404.html", "manifest.webmanifest",
                          "javascripts/moteur.js", "javascripts/hors-ligne.js"):
        assert indispensable in manifeste["pages"], indispensable
    # Le moteur n'est mis en cache qu'après un calculateur ouvert (ou sur demande) : une page de
    # contenu ne télécharge rien de Python, même pour le service worker.
    moteur = manifeste["moteur"]
    for indispensable in ("javascripts/moteur.worker.mjs", "javascripts/amorce.worker.mjs",
                          "pyodide/pyodide.asm.wasm", "pyodide/pyodide.mjs",
                          "pyodide/pyodide.asm.mjs",
                          "pyodide/python_stdlib_pyc.zip", "pyodide/pyodide-lock-site.json",
                          "pyodide/instantane.bin", "assets/calculators.zip.gz"):
        assert indispensable in moteur, indispensable
    assert any(chemin.endswith(".whl") for chemin in moteur), "roues des lettres absentes"
    # Tailles exactes : le service worker refuse un fichier d'une autre taille (autre version).
    for groupe in ("pages", "moteur"):
        for chemin, (taille, _empreinte, *_gzip) in manifeste[groupe].items():
            fichier = site_construit / (chemin + "index.html" if chemin.endswith("/") or not chemin else chemin)
            assert fichier.stat().st_size == taille, chemin
    # Ni cartes de sources, ni langues de recherche inutiles, ni fichiers du banc de mesure.
    tout = [*manifeste["pages"], *moteur]
    assert not [c for c in tout if c.endswith(".map") or c.endswith("python_stdlib.zip") or "lunr.ja" in c
                or c.endswith("pyodide.asm.wasm.gz")]
    # Gardés décompressés par le service worker : l'instantané et l'archive du paquet.
    # Avec leur taille décompressée (la place qu'ils prennent), lue dans le fichier même.
    for chemin in ("pyodide/instantane.bin", "assets/calculators.zip.gz"):
        assert moteur[chemin][2] == len(gzip.decompress((site_construit / chemin).read_bytes())), chemin
    assert moteur["pyodide/pyodide.asm.wasm"][2:] == []


def test_manifeste_web_et_icones(site_construit):
    manifeste = json.loads((site_construit / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifeste["lang"] == "fr" and manifeste["name"].startswith("Impayés clients")
    assert manifeste["display"] == "standalone" and manifeste["start_url"] == "./"
    tailles = set()
    for icone in manifeste["icons"]:
        octets = (site_construit / icone["src"]).read_bytes()
        assert octets[:8] == b"\x89PNG\r\n\x1a\n"
        largeur, hauteur = int.from_bytes(octets[16:20], "big"), int.from_bytes(octets[20:24], "big")
        assert f"{largeur}x{hauteur}" == icone["sizes"]
        tailles.add((icone["sizes"], icone.get("purpose", "any")))
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= tailles
    accueil = (site_construit / "index.html").read_text(encoding="utf-8")
    assert 'rel="manifest"' in accueil and 'name="theme-color"' in accueil
    assert '<meta name="hors-ligne" content="oui">' in accueil


def test_sous_mkdocs_serve_le_service_worker_se_retire(tmp_path):
    """`mkdocs serve` : les pages ne l'inscrivent pas, et `sw.js` retire celui d'un site construit."""
    from mkdocs.config import load_config

    config = load_config(str(RACINE / "mkdocs.yml"), site_dir=str(tmp_path))
    hook = _hook()
    hook.on_startup(command="serve", dirty=False)
    assert hook.on_config(config).extra["hors_ligne"] is False
    hook.on_post_build(config)
    sw = (tmp_path / "sw.js").read_text(encoding="utf-8")
    assert "unregister()" in sw and "caches.delete" in sw and "MANIFESTE" not in sw
    assert (tmp_path / "manifest.webmanifest").exists()  # installable quand même
    hook.on_startup(command="build", dirty=False)
    assert hook.on_config(config).extra["hors_ligne"] is True


# --- Sans réseau -------------------------------------------------------------------------------

def _calculer_sans_les_penalites(page):
    """Échéancier, intérêt légal, intérêts moratoires et grand livre calculent (réseau coupé)."""
    page.goto(ECHEANCIER)
    _resultat(page, "#resultat-echeancier")
    page.goto("about:blank")  # un lien en fragment : chargement complet, comme un favori
    page.goto(INTERET_LEGAL)
    _resultat(page, "#resultat-interet-legal")
    page.goto("about:blank")
    page.goto(MORATOIRES)
    _resultat(page, "#resultat-interets-moratoires")
    # Le grand livre, lu dans le worker depuis le disque de l'utilisateur : rien à télécharger.
    page.goto("calculateurs/poste-clients/")
    page.get_by_label("Fichier à analyser").set_input_files(str(GRAND_LIVRE))
    _resultat(page, "#resultat-portefeuille")


# Notées dans l'ordre où elles arrivent : l'inscription du service worker, la création du
# worker de recherche de Material, le premier travail de la page (résultat d'un lien, mise en
# train du moteur du poste clients).
ORDRE = r"""(() => {
  window.__ordre = [];
  const inscrire = ServiceWorkerContainer.prototype.register;
  ServiceWorkerContainer.prototype.register = function (...args) {
    window.__ordre.push("service worker");
    return inscrire.apply(this, args);
  };
  const Natif = window.Worker;
  window.Worker = function (url, options) {
    if (/workers\/search/.test(String(url))) window.__ordre.push("recherche");
    return new Natif(url, options);
  };
  new MutationObserver(() => {
    const resultat = document.querySelector("[data-resultat=ok]");
    const form = document.querySelector("form.calc[data-mise-en-train=faite]");
    if ((resultat || form) && !window.__ordre.includes("premier travail")) window.__ordre.push("premier travail");
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-resultat", "data-mise-en-train"] });
})()"""


@pytest.mark.parametrize("chemin", [PENALITES, "calculateurs/poste-clients/"])
def test_recherche_et_mise_en_cache_attendent_le_premier_travail_du_moteur(contexte, chemin):
    """Sur 2 cœurs, l'index de recherche et la mise en cache hors ligne, lancés dès le moteur
    prêt, ralentissaient le résultat d'un lien et l'analyse d'un grand livre : ils attendent
    maintenant que le moteur ait fini ce premier travail (`occuper`, moteur.js)."""
    contexte.add_init_script(ORDRE)
    page = _page(contexte)
    page.goto(chemin)
    page.wait_for_function("() => window.__ordre.length === 3", timeout=DELAI_DEMARRAGE_MS)
    ordre = page.evaluate("window.__ordre")
    assert ordre[0] == "premier travail", ordre
    assert sorted(ordre[1:]) == ["recherche", "service worker"], ordre


def test_le_code_du_moteur_est_amorce_une_fois_par_version(contexte):
    """Chromium ne garde le code compilé d'un script servi par le service worker qu'après l'avoir
    exécuté depuis ce cache : le moteur en cache, la page du calculateur y compile une fois le
    script de Pyodide, en arrière-plan (amorce.worker.mjs), pour que la visite suivante n'ait plus
    à le faire ; pas à chaque page, et jamais depuis le réseau (une page de contenu n'y touche
    pas : voir test_pages.py)."""
    amorces, scripts = [], []

    def noter(reponse):
        if reponse.request.service_worker is not None:
            return  # le service worker qui remplit son cache : pas une demande des pages
        if reponse.url.endswith("javascripts/amorce.worker.mjs"):
            amorces.append(reponse.url)
        elif reponse.url.endswith("pyodide/pyodide.asm.mjs"):
            scripts.append(reponse.from_service_worker)

    contexte.on("response", noter)
    page = _page(contexte)
    page.goto(PENALITES)
    _resultat(page, "#resultat-penalites")
    expect(page.locator("html")).to_have_attribute("data-hors-ligne", "complet", timeout=DELAI_DEMARRAGE_MS)
    expect(page.locator("html")).to_have_attribute("data-hors-ligne-amorce", "faite", timeout=DELAI_DEMARRAGE_MS)
    # Le moteur de la page, démarré avant le service worker, a lu le script sur le réseau ;
    # l'amorce, dans le cache du service worker.
    assert len(amorces) == 1 and scripts == [False, True], (amorces, scripts)
    page.reload()
    _resultat(page, "#resultat-penalites")
    expect(page.locator("html")).to_have_attribute("data-hors-ligne", "complet", timeout=DELAI_DEMARRAGE_MS)
    expect(page.locator("html")).to_have_attribute("data-hors-ligne-amorce", "faite")
    page.wait_for_timeout(1000)
    assert len(amorces) == 1 and scripts == [False, True, True], (amorces, scripts)


def test_apres_une_visite_tout_marche_sans_reseau(contexte):
    page = _page(contexte)
    page.goto("")
    # Pages, recherche et ressources en cache dès la première visite, en arrière-plan.
    expect(page.locator("html")).to_have_attribute("data-hors-ligne", re.compile("pages|complet"),
                                                      timeout=DELAI_DEMARRAGE_MS)
    page.goto(PENALITES)
    _resultat(page, "#resultat-penalites")
    # Un calculateur a démarré : le moteur (et les roues des lettres) va en cache.
    expect(page.locator("html")).to_have_attribute("data-hors-ligne", "complet", timeout=DELAI_DEMARRAGE_MS)
    expect(page.locator(".hors-ligne__statut")).to_contain_text("Disponible hors ligne")

    contexte.set_offline(True)
    try:
        # Cinq autres pages, par chargement complet (lien partagé, favori) ou navigation instantanée.
        for chemin in AUTRES_PAGES[:3]:
            page.goto(chemin)
            expect(page.locator("article h1")).to_be_visible()
        page.goto(AUTRES_PAGES[3] + "#montant=10000")  # un fragment ne change rien
        expect(page.locator("article h1")).to_be_visible()
        page.evaluate("window.__meme_document = true")
        page.locator(f'.md-tabs a[href$="{AUTRES_PAGES[4]}"]').first.click()
        expect(page).to_have_url(re.compile(re.escape(AUTRES_PAGES[4]) + "$"))
        expect(page.locator("article h1")).to_contain_text("Parcours de formation")
        assert page.evaluate("window.__meme_document === true"), "la navigation instantanée est tombée"

        # Recherche : index et worker de recherche viennent du cache. Le thème ferme la recherche
        # 125 ms après chaque changement d'adresse (bundle Material : location$ → debounce(125) →
        # setToggle("search", false)) ; ouverte plus tôt, elle se refermait sous le test (CI du
        # 2 décembre : résultats présents mais cachés). On laisse passer ce délai, puis les tâches
        # en retard d'un fil principal occupé (une minuterie échue passe avant un moment de repos).
        page.wait_for_timeout(400)
        page.evaluate("() => new Promise((fini) => requestIdleCallback(() => fini()))")
        champ = page.locator("input.md-search__input")
        champ.click()
        champ.press_sequentially("mise en demeure", delay=40)
        expect(page.locator("li.md-search-result__item").first).to_be_visible()
        page.keyboard.press("Escape")

        # Chaque calculateur calcule (Pyodide redémarre depuis le cache à chaque chargement complet).
        page.goto(PENALITES)
        _resultat(page, "#resultat-penalites")
        expect(page.locator('#resultat-penalites [data-cle="penalites"] dd')).to_contain_text("\u00a0€")
        # Python est reparti de l'instantané mémoire fait à la construction (servi par le cache).
        assert page.evaluate("window.moteurCalculs.actif().instantane") is True
        # Ses fichiers (instantané, bibliothèque, paquet, verrou) lus directement dans le cache du
        # service worker, sans passer par lui (sw.js, `cacheDuMoteur`).
        assert page.evaluate("window.moteurCalculs.actif().lusDansLeCache") >= 4
        page.goto(DELAI)
        _resultat(page, "#resultat-delai")
        _calculer_sans_les_penalites(page)

        # Une lettre : Jinja2 et MarkupSafe se chargent depuis le cache ; le téléchargement marche.
        page.goto("lettres/remplir/")
        expect(page.locator("form.calc")).to_have_attribute("data-calc-state", "ready")
        page.once("dialog", lambda dialogue: dialogue.accept())  # lettres.js demande confirmation
        page.get_by_role("button", name="Effacer mes données").click()
        page.get_by_label("Lettre", exact=True).select_option("mise-en-demeure")
        for libelle, valeur in LETTRE.items():
            page.get_by_label(libelle, exact=True).fill(valeur)
        page.get_by_role("button", name="Afficher la lettre").click()
        expect(page.locator("#resultat-lettre .calc-apercu")).to_contain_text("F-2023-118", timeout=DELAI_DEMARRAGE_MS)
        with page.expect_download() as attente:
            page.get_by_role("button", name="Télécharger (.txt)").click()
        assert "F-2023-118" in Path(attente.value.path()).read_text(encoding="utf-8")

        # Une adresse inconnue : la page « introuvable » du site, en français, pas l'erreur du navigateur.
        reponse = page.goto("nulle-part/")
        assert reponse.status == 404
        expect(page.locator("article h1")).to_have_text("Page introuvable")
        # Sans barre finale, comme le serveur : redirigée vers la page (elle était « introuvable »).
        reponse = page.goto("glossaire#penalites")
        assert reponse.status == 200 and page.url.endswith("/glossaire/#penalites")
        expect(page.locator("article h1")).to_contain_text("Glossaire")
    finally:
        contexte.set_offline(False)
    _verifier_sauf(page.surveillance, "404")


def test_depuis_la_page_introuvable_un_calculateur_calcule(contexte):
    """La page « introuvable » (servie hors ligne pour toute adresse que le service worker n'a pas)
    propose les calculateurs ; elle ne chargeait pas moteur.js, et la navigation instantanée, qui garde
    le document, laissait le calculateur inerte (TypeError à chaque « Calculer »)."""
    page = _page(contexte)
    page.goto("404.html")
    expect(page.locator("article h1")).to_have_text("Page introuvable")
    page.evaluate("window.__meme_document = true")
    page.get_by_role("link", name="Les calculateurs").click()
    page.locator('article a[href$="penalites-de-retard/"]').first.click()
    expect(page).to_have_url(re.compile("penalites-de-retard/$"))
    assert page.evaluate("window.__meme_document === true"), "la navigation instantanée est tombée"
    page.get_by_label("Montant de la facture, TTC (€)").fill("10000")
    page.get_by_label("Date d'échéance").fill("30/11/2023")
    page.get_by_label("Date du paiement").fill("31/01/2024")
    page.get_by_role("button", name="Calculer").click()
    _resultat(page, "#resultat-penalites")
    page.surveillance.verifier()


def test_bouton_disponible_hors_ligne_avec_la_taille(contexte, site_construit):
    page = _page(contexte)
    page.goto("glossaire/")
    bouton = page.locator(".hors-ligne__bouton")
    # Les pages déjà en cache (première visite) : reste à télécharger le moteur seul.
    expect(page.locator("html")).to_have_attribute("data-hors-ligne", "pages", timeout=DELAI_DEMARRAGE_MS)
    expect(bouton).to_have_text(re.compile(r"^Disponible hors ligne \(\d+(,\d)?\u00a0Mo à télécharger\)$"),
                                timeout=DELAI_DEMARRAGE_MS)
    manifeste = _manifeste(site_construit)
    entrees = [v for groupe in ("pages", "moteur") for v in manifeste[groupe].values()]
    mo = lambda texte: float(re.search(r"\((\d+(?:,\d)?)", texte).group(1).replace(",", "."))  # noqa: E731
    assert abs(mo(bouton.inner_text()) - sum(v[0] for v in manifeste["moteur"].values()) / 1e6) <= 0.05
    # Au clavier : le bouton reste le focus pendant l'enregistrement, puis, caché, le passe au message.
    bouton.focus()
    page.keyboard.press("Enter")
    expect(bouton).to_have_attribute("aria-disabled", "true")
    expect(page.locator("html")).to_have_attribute("data-hors-ligne", "complet", timeout=DELAI_DEMARRAGE_MS)
    expect(bouton).to_be_hidden()
    expect(page.locator(".hors-ligne__statut")).to_be_focused()
    # La place prise dans le navigateur, instantané et paquet gardés décompressés : plus que le téléchargement.
    place = sum(v[2] if len(v) > 2 else v[0] for v in entrees)
    assert place > sum(v[0] for v in entrees)
    assert abs(mo(page.locator(".hors-ligne__statut").inner_text()) - place / 1e6) <= 0.05
    # Aucun calculateur n'a été ouvert, et pourtant le moteur marche sans réseau.
    contexte.set_offline(True)
    try:
        _calculer_sans_les_penalites(page)
    finally:
        contexte.set_offline(False)
    page.surveillance.verifier()


def test_hors_ligne_moteur_jamais_enregistre_le_message_le_dit(contexte):
    """Pages en cache, moteur jamais enregistré, réseau coupé : un calculateur ouvert disait seulement
    « Vérifiez votre connexion ». Il dit que le moteur n'est pas enregistré, et comment l'enregistrer."""
    page = _page(contexte)
    page.goto("glossaire/")
    expect(page.locator("html")).to_have_attribute("data-hors-ligne", "pages", timeout=DELAI_DEMARRAGE_MS)
    contexte.set_offline(True)
    try:
        page.goto("calculateurs/echeancier/")
        expect(page.locator(".calc-etat")).to_contain_text(
            "Vous êtes hors ligne, et le moteur de calcul n\u2019est pas encore enregistré dans ce navigateur.",
            timeout=DELAI_DEMARRAGE_MS)
        expect(page.locator(".calc-reessayer")).to_be_visible()
    finally:
        contexte.set_offline(False)
    _verifier_sauf(page.surveillance, "Moteur de calcul")


def test_moteur_en_partie_en_cache_un_message_francais_sans_erreur(contexte):
    """Réseau coupé pendant la mise en cache du moteur : deux de ses fichiers manquent. Sans
    réseau, le calculateur dit en français qu'il n'a pas pu démarrer et propose « Réessayer », sans
    erreur JavaScript non traitée (la promesse de l'archive du paquet en laissait une)."""
    page = _page(contexte)
    page.goto("glossaire/")
    page.locator(".hors-ligne__bouton").click()
    expect(page.locator("html")).to_have_attribute("data-hors-ligne", "complet", timeout=DELAI_DEMARRAGE_MS)
    assert page.evaluate("""async () => {
        const cache = await caches.open((await caches.keys()).find((nom) => nom.startsWith("impayes-")));
        return await cache.delete(new URL("pyodide/pyodide.mjs", location.href).href.replace("glossaire/", ""))
            && await cache.delete(new URL("assets/calculators.zip.gz", location.href).href.replace("glossaire/", ""));
    }""")
    contexte.set_offline(True)
    try:
        page.goto("calculateurs/echeancier/")
        expect(page.locator(".calc-reessayer")).to_be_visible(timeout=DELAI_DEMARRAGE_MS)
        page.wait_for_timeout(1000)  # une rejection non traitée arrive après le message
    finally:
        contexte.set_offline(False)
    _verifier_sauf(page.surveillance, "Moteur de calcul")


# --- Mise à jour -------------------------------------------------------------------------------

@pytest.fixture
def site_modifiable(site_construit, tmp_path):
    """Une copie du site, servie sur un autre port (donc une autre origine : un service worker à
    elle), que le test peut « reconstruire »."""
    copie = tmp_path / "site"
    shutil.copytree(site_construit, copie)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    serveur = _e2e._Serveur(("127.0.0.1", port), functools.partial(_e2e._Gestionnaire, directory=str(copie)))
    threading.Thread(target=serveur.serve_forever, daemon=True).start()
    yield copie, f"http://127.0.0.1:{port}/"
    serveur.shutdown()
    serveur.server_close()


def _onglet(contexte, url):
    """Un onglet surveillé (toute erreur de console fait échouer le test), au délai du démarrage."""
    page = contexte.new_page()
    page.set_default_timeout(DELAI_DEMARRAGE_MS)
    surveillance = Surveillance(url)
    surveillance.brancher(page)
    return page, surveillance


def _pages_en_cache(contexte, url):
    """Un onglet surveillé, une page de contenu visitée, les pages en cache ; le moteur pas encore."""
    page, surveillance = _onglet(contexte, url)
    page.goto("glossaire/")
    expect(page.locator("html")).to_have_attribute("data-hors-ligne", "pages", timeout=DELAI_DEMARRAGE_MS)
    return page, surveillance


def _nouvelle_construction(copie, config_mkdocs) -> str:
    """Une page change dans la copie du site, donc le manifeste et la version du cache : rend celle-ci."""
    hook = _hook()
    glossaire = copie / "glossaire" / "index.html"
    glossaire.write_text(glossaire.read_text(encoding="utf-8").replace(
        "</h1>", "</h1><p id=\"nouvelle-version\">Nouvelle version du glossaire.</p>", 1), encoding="utf-8")
    return hook.ecrire_service_worker(copie, (RACINE / "docs" / "sw.js").read_text(encoding="utf-8"),
                                      hook._lunr_utiles(config_mkdocs))["version"]


def test_une_nouvelle_construction_est_annoncee_puis_appliquee(browser, site_modifiable, config_mkdocs):
    copie, url = site_modifiable
    contexte = browser.new_context(base_url=url, locale="fr-FR")
    try:
        page, surveillance = _onglet(contexte, url)
        page.goto("glossaire/")
        expect(page.locator("html")).to_have_attribute("data-hors-ligne", re.compile("pages|complet"),
                                                      timeout=DELAI_DEMARRAGE_MS)
        ancienne = page.evaluate("caches.keys()")
        assert len(ancienne) == 1

        nouvelle = _nouvelle_construction(copie, config_mkdocs)
        assert f"impayes-{nouvelle}" not in ancienne

        # Rechargement : l'ancienne version reste affichée, la nouvelle s'installe et s'annonce.
        page.reload()
        expect(page.locator(".hors-ligne-maj")).to_contain_text("nouvelle version du site est prête",
                                                                timeout=DELAI_DEMARRAGE_MS)
        expect(page.locator("#nouvelle-version")).to_have_count(0)
        # Au clavier, l'avis est le premier arrêt de la touche Tab ; « Plus tard » rend le focus au contenu.
        page.locator("body").focus()
        page.keyboard.press("Tab")
        expect(page.get_by_role("button", name="Recharger maintenant")).to_be_focused()
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        expect(page.locator(".hors-ligne-maj")).to_be_hidden()
        expect(page.locator("main")).to_be_focused()

        # Chargement suivant : la nouvelle version, et elle seule.
        page.reload()
        expect(page.locator("#nouvelle-version")).to_have_text("Nouvelle version du glossaire.")
        expect(page.locator(".hors-ligne-maj")).to_have_count(0)
        # Pas de wait_for_function : sa forme texte passe par eval, interdit par la CSP du site.
        for _ in range(100):
            if page.evaluate("caches.keys()") == [f"impayes-{nouvelle}"]:
                break
            page.wait_for_timeout(100)
        assert page.evaluate("caches.keys()") == [f"impayes-{nouvelle}"]
        # Et sans réseau, c'est toujours la nouvelle version.
        contexte.set_offline(True)
        page.goto("glossaire/")
        expect(page.locator("#nouvelle-version")).to_be_visible()
        contexte.set_offline(False)
        surveillance.verifier()
    finally:
        contexte.close()


def test_un_onglet_ancien_ne_demarre_pas_le_nouveau_python(browser, site_modifiable, config_mkdocs):
    """Une nouvelle version prend la main (rechargée dans un autre onglet) pendant qu'un calculateur
    est ouvert ; son moteur s'arrête (panne, mémoire) : au calcul suivant, un moteur neuf prendrait
    le Python de la nouvelle version, seul en cache, derrière les pages anciennes. La page se
    recharge à la place : page et moteur de la même version."""
    copie, url = site_modifiable
    contexte = browser.new_context(base_url=url, locale="fr-FR")
    try:
        ancien, surveillance = _onglet(contexte, url)
        ancien.goto(PENALITES)
        expect(ancien.locator("#resultat-penalites[data-resultat=ok]")).to_be_visible()
        expect(ancien.locator("html")).to_have_attribute("data-hors-ligne", "complet", timeout=DELAI_DEMARRAGE_MS)

        _nouvelle_construction(copie, config_mkdocs)
        autre = contexte.new_page()
        autre.set_default_timeout(DELAI_DEMARRAGE_MS)
        autre.goto("glossaire/")  # la nouvelle version s'installe, puis prend la main au chargement suivant
        expect(autre.locator(".hors-ligne-maj")).to_contain_text("nouvelle version du site est prête",
                                                                 timeout=DELAI_DEMARRAGE_MS)
        autre.reload()
        expect(autre.locator("#nouvelle-version")).to_be_visible()
        expect(ancien.locator("html")).to_have_attribute("data-hors-ligne-perime", "oui")

        ancien.evaluate("window.pageAncienne = true; window.moteurCalculs.actif().arreter('panne simulée')")
        ancien.get_by_role("button", name="Calculer").click()
        # Rechargée : plus la marque de l'ancienne page, plus d'avis, et le résultat du lien recalculé.
        expect(ancien.locator("#resultat-penalites[data-resultat=ok]")).to_be_visible()
        for _ in range(100):
            if ancien.evaluate("window.pageAncienne === undefined && !document.documentElement.dataset.horsLignePerime"):
                break
            ancien.wait_for_timeout(100)
        assert ancien.evaluate("window.pageAncienne === undefined")
        expect(ancien.locator(".hors-ligne-maj")).to_have_count(0)
        _verifier_sauf(surveillance, "panne simulée")
    finally:
        contexte.close()


def _recompresser_le_paquet(copie) -> None:
    """L'archive du paquet `calculators`, même contenu et même taille, d'autres octets : la date
    de son en-tête gzip (MTIME, octets 4 à 7, RFC 1952) changée ; autre empreinte, même taille."""
    archive = copie / "assets" / "calculators.zip.gz"
    octets = bytearray(archive.read_bytes())
    octets[4:8] = (int.from_bytes(octets[4:8], "little") ^ 1).to_bytes(4, "little")
    archive.write_bytes(bytes(octets))


def _nouveau_moteur(copie, config_mkdocs) -> None:
    """Une construction dont le paquet `calculators` change, avec une marque sur la page du
    calculateur de pénalités, et le manifeste du service worker récrit."""
    _recompresser_le_paquet(copie)
    page = copie / "calculateurs" / "penalites-de-retard" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "</h1>", "</h1><p id=\"nouvelle-version\">Nouvelle version du calculateur.</p>", 1), encoding="utf-8")
    hook = _hook()
    hook.ecrire_service_worker(copie, (RACINE / "docs" / "sw.js").read_text(encoding="utf-8"),
                               hook._lunr_utiles(config_mkdocs))


def test_une_page_ancienne_ne_prend_pas_le_python_republie(browser, site_modifiable, config_mkdocs):
    """Pages en cache, moteur pas encore : le site est republié, puis un calculateur ouvert. La page
    vient du cache (ancienne) ; le Python du serveur est le nouveau. Le service worker le refuse
    (empreinte du manifeste), la page dit de recharger ; rechargée, page et moteur sont nouveaux."""
    copie, url = site_modifiable
    contexte = browser.new_context(base_url=url, locale="fr-FR")
    try:
        page, surveillance = _pages_en_cache(contexte, url)

        _nouveau_moteur(copie, config_mkdocs)
        page.goto(PENALITES)
        expect(page.locator("#nouvelle-version")).to_have_count(0)
        expect(page.locator(".calc-etat")).to_contain_text("Le site vient d\u2019être mis à jour")
        expect(page.locator("#resultat-penalites[data-resultat=ok]")).to_have_count(0)
        expect(page.locator(".hors-ligne-maj")).to_contain_text("nouvelle version du site est prête",
                                                                timeout=DELAI_DEMARRAGE_MS)
        page.get_by_role("button", name="Recharger la page").click()
        expect(page.locator("#nouvelle-version")).to_be_visible()
        expect(page.locator("#resultat-penalites[data-resultat=ok]")).to_be_visible()
        _verifier_sauf(surveillance, "Moteur de calcul", "409")
    finally:
        contexte.close()


def test_inscription_echouee_refaite_au_retour_du_reseau(browser, site_modifiable):
    """Le service worker injoignable au moment de l'inscrire (premier calculateur ouvert pendant une
    coupure) : rien n'était enregistré de toute la session, « Réessayer » et les pages suivantes
    n'y changeaient rien. L'inscription est refaite au retour du réseau."""
    copie, url = site_modifiable
    contexte = browser.new_context(base_url=url, locale="fr-FR")
    try:
        page, surveillance = _onglet(contexte, url)
        (copie / "sw.js").rename(copie / "sw.js.absent")
        page.goto("glossaire/")
        page.wait_for_timeout(1500)  # après le chargement : l'inscription a été tentée, et a échoué
        assert page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r === undefined)")
        expect(page.locator(".hors-ligne__bouton")).to_have_count(0)
        (copie / "sw.js.absent").rename(copie / "sw.js")
        page.evaluate("window.dispatchEvent(new Event('online'))")
        expect(page.locator("html")).to_have_attribute("data-hors-ligne", "pages", timeout=DELAI_DEMARRAGE_MS)
        expect(page.locator(".hors-ligne__bouton")).to_be_visible()
        _verifier_sauf(surveillance, "sw.js", "404")
    finally:
        contexte.close()


def test_premiere_installation_coupee_refaite_au_retour_du_reseau(browser, site_modifiable):
    """Le réseau tombe pendant que la première visite enregistre les pages (ici, l'index de recherche
    introuvable) : l'installation échoue et le navigateur retire l'inscription, mais la page gardait
    son objet, et ni le retour du réseau ni les pages suivantes ne la refaisaient."""
    copie, url = site_modifiable
    index = copie / "search" / "search_index.json"
    contexte = browser.new_context(base_url=url, locale="fr-FR")
    try:
        page, surveillance = _onglet(contexte, url)
        index.rename(index.with_suffix(".absent"))
        try:
            page.goto("glossaire/")
            for _ in range(100):  # l'installation a échoué : plus d'inscription
                page.wait_for_timeout(100)
                if page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r === undefined)"):
                    break
            assert page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r === undefined)")
        finally:
            index.with_suffix(".absent").rename(index)
        page.evaluate("window.dispatchEvent(new Event('online'))")
        expect(page.locator("html")).to_have_attribute("data-hors-ligne", "pages", timeout=DELAI_DEMARRAGE_MS)
        _verifier_sauf(surveillance, "search_index", "404", "File not found")  # la recherche du thème, sans index
    finally:
        contexte.close()


def test_enregistrement_interrompu_reprend_ce_qui_manque(browser, site_modifiable):
    """Un enregistrement coupé (ici, le WebAssembly introuvable) garde une part du moteur : le bouton
    annonçait encore la taille entière du moteur. Il annonce ce qui manque, et le reprend."""
    copie, url = site_modifiable
    manifeste = _manifeste(copie)
    wasm = copie / "pyodide" / "pyodide.asm.wasm"
    contexte = browser.new_context(base_url=url, locale="fr-FR")
    try:
        page, surveillance = _pages_en_cache(contexte, url)
        bouton = page.locator(".hors-ligne__bouton")
        mo = lambda: float(re.search(r"\((\d+(?:,\d)?)", bouton.inner_text()).group(1).replace(",", "."))  # noqa: E731
        entier = sum(v[0] for v in manifeste["moteur"].values())
        assert abs(mo() - entier / 1e6) <= 0.05
        wasm.rename(wasm.with_suffix(".absent"))
        bouton.click()
        expect(page.locator(".hors-ligne__statut")).to_contain_text("L'enregistrement a échoué", timeout=DELAI_DEMARRAGE_MS)
        # Sans recharger, le bouton dit déjà ce qui reste (il annonçait encore la taille entière).
        expect(bouton).to_be_visible()
        assert mo() < entier / 1e6 - 0.05
        wasm.with_suffix(".absent").rename(wasm)
        page.reload()
        expect(bouton).to_be_visible(timeout=DELAI_DEMARRAGE_MS)
        manquants = page.evaluate("""async (chemins) => {
            const cache = await caches.open((await caches.keys()).find((nom) => nom.startsWith("impayes-")));
            const racine = new URL("../", location.href).href;
            const presents = await Promise.all(chemins.map((c) => cache.match(racine + c)));
            return chemins.filter((c, i) => !presents[i]);
        }""", list(manifeste["moteur"]))
        assert "pyodide/pyodide.asm.wasm" in manquants and len(manquants) < len(manifeste["moteur"])
        attendu = sum(manifeste["moteur"][c][0] for c in manquants)
        assert attendu < entier and abs(mo() - attendu / 1e6) <= 0.05
        bouton.click()
        expect(page.locator("html")).to_have_attribute("data-hors-ligne", "complet", timeout=DELAI_DEMARRAGE_MS)
        _verifier_sauf(surveillance, "404", "asm.wasm")
    finally:
        contexte.close()


def test_bouton_apres_une_republication_dit_de_recharger(browser, site_modifiable, config_mkdocs):
    """Pages en cache, moteur pas encore ; le site est republié, puis « Disponible hors ligne » cliqué.
    Le message disait « un fichier a changé… Réessayez une fois en ligne », à chaque clic, sans que rien
    ne change : il dit de recharger, la nouvelle version s'installe et s'annonce ; rechargée, la page
    enregistre tout."""
    copie, url = site_modifiable
    contexte = browser.new_context(base_url=url, locale="fr-FR")
    try:
        page, surveillance = _pages_en_cache(contexte, url)
        _nouveau_moteur(copie, config_mkdocs)
        page.locator(".hors-ligne__bouton").click()
        expect(page.locator(".hors-ligne__statut")).to_have_text(
            "Une nouvelle version du site vient d\u2019être publiée\u00a0: rechargez la page, puis enregistrez-la.",
            timeout=DELAI_DEMARRAGE_MS)
        expect(page.locator(".hors-ligne-maj")).to_contain_text("nouvelle version du site est prête",
                                                                timeout=DELAI_DEMARRAGE_MS)
        page.reload()
        page.locator(".hors-ligne__bouton").click()
        expect(page.locator("html")).to_have_attribute("data-hors-ligne", "complet", timeout=DELAI_DEMARRAGE_MS)
        surveillance.verifier()
    finally:
        contexte.close()


def test_fichier_du_moteur_retouche_sans_republication_servi(browser, site_modifiable):
    """Un fichier du moteur qui diffère du manifeste alors que le sw.js du serveur est le même (un
    intermédiaire qui le retoucherait) : ce n'est pas une autre version, il est servi tel quel, et
    le calculateur calcule ; il n'entre pas dans le cache."""
    copie, url = site_modifiable
    contexte = browser.new_context(base_url=url, locale="fr-FR")
    try:
        page, surveillance = _pages_en_cache(contexte, url)
        _recompresser_le_paquet(copie)
        page.goto(PENALITES)
        expect(page.locator("#resultat-penalites[data-resultat=ok]")).to_be_visible()
        expect(page.locator(".calc-reessayer")).to_have_count(0)
        # Ni au passage (`servir`), ni par la mise en cache du moteur qui suit le calcul (`remplir`).
        page.wait_for_timeout(3000)
        assert page.evaluate("caches.match(new URL('../../assets/calculators.zip.gz', location.href).href)"
                             ".then((r) => r === undefined)")
        _verifier_sauf(surveillance, "calculators.zip.gz")
    finally:
        contexte.close()
