"""Bout en bout dans le Chromium de Debian, contre le site construit servi sur 127.0.0.1.

Objectifs :
- un vrai serveur HTTP (ThreadingHTTPServer) sur le port inscrit dans `site_url` ;
- le Chromium de Debian (Playwright ne peut pas télécharger ses navigateurs ici) ;
- chaque test échoue sur une erreur de console, une exception de page ou une requête
  vers un autre hôte que le site : aucune page ne doit parler à un tiers ;
- Pyodide démarre une fois par module pour les calculateurs (`page_calcul`), car un
  contexte neuf ne garde pas le wasm en cache (voir les notes techniques).
"""

from __future__ import annotations

import functools
import re
import http.server
import shutil
import sys
import threading
from pathlib import Path
import urllib.request
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

DELAI_DEMARRAGE_MS = 60_000  # Pyodide démarre en 2 à 5 s ici ; marge pour une machine chargée.
# Les assertions `expect` attendent le premier résultat, donc parfois un démarrage de Pyodide.
expect.set_options(timeout=30_000)


class _Gestionnaire(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # le journal d'accès noierait la sortie de pytest
        pass


class _Serveur(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # Chromium coupe parfois une connexion en changeant de page : ce n'est pas une erreur.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


@pytest.fixture(scope="session")
def url_site(site_construit, port_site):
    gestionnaire = functools.partial(_Gestionnaire, directory=str(site_construit))
    serveur = _Serveur(("127.0.0.1", port_site), gestionnaire)
    fil = threading.Thread(target=serveur.serve_forever, daemon=True)
    fil.start()
    url = f"http://127.0.0.1:{port_site}/"
    urllib.request.urlopen(url, timeout=10).close()  # prêt avant le premier test
    yield url
    serveur.shutdown()
    serveur.server_close()


@pytest.fixture(scope="session")
def base_url(url_site):
    return url_site


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": shutil.which("chromium") or "/usr/bin/chromium",
        "args": [
            "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic",
        ],
    }


class Surveillance:
    """Relève ce qu'un utilisateur ne doit jamais voir : erreurs et requêtes vers des tiers."""

    def __init__(self, url_site: str):
        self.hote = urlsplit(url_site).netloc
        self.erreurs: list[str] = []
        self.requetes_externes: list[str] = []

    def brancher(self, page):
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.erreurs.append(f"exception : {exc}"))
        page.on("request", self._requete)
        page.on("worker", lambda w: w.on("console", self._console))

    def _console(self, message):
        if message.type == "error":
            self.erreurs.append(f"console : {message.text}")

    def _requete(self, requete):
        parties = urlsplit(requete.url)
        if parties.scheme in ("http", "https", "ws", "wss") and parties.netloc != self.hote:
            self.requetes_externes.append(requete.url)

    def verifier(self):
        assert not self.requetes_externes, f"requêtes vers un autre hôte : {self.requetes_externes}"
        assert not self.erreurs, f"erreurs dans la page : {self.erreurs}"


@pytest.fixture
def page(page, url_site):
    """La page de pytest-playwright, surveillée."""
    surveillance = Surveillance(url_site)
    surveillance.brancher(page)
    page.set_default_timeout(DELAI_DEMARRAGE_MS)
    yield page
    surveillance.verifier()


@pytest.fixture(scope="module")
def page_calcul(browser, url_site):
    """Une page pour tout un module : Pyodide y démarre une fois, puis la navigation instantanée
    le garde d'une page de calculateur à l'autre."""
    contexte = browser.new_context(base_url=url_site, locale="fr-FR", accept_downloads=True)
    page = contexte.new_page()
    page.set_default_timeout(DELAI_DEMARRAGE_MS)
    # Les tests de focus (résumé d'erreurs → champ) exigent que cette page soit la page active.
    page.bring_to_front()
    surveillance = Surveillance(url_site)
    surveillance.brancher(page)
    page.surveillance = surveillance
    yield page
    contexte.close()
    surveillance.verifier()


def _attendre_focus(localisateur):
    """Attend que l'élément soit l'élément actif de son document.

    `expect(...).to_be_focused()` exige en plus que la fenêtre ait le focus du système, ce qui
    varie sur une machine chargée ; c'est `document.activeElement` qui compte pour le clavier
    et les lecteurs d'écran.
    """
    localisateur.page.wait_for_function("el => document.activeElement === el", arg=localisateur.element_handle())


@pytest.fixture
def attendre_focus():
    return _attendre_focus


# --- Captures d'écran des tests qui échouent -------------------------------------------------
# L'état vu par le test (page active, à la taille où il l'a vue) est gardé dans
# test-results/captures/, que la sortie d'échec indique : on voit ce que l'utilisateur aurait vu.
CAPTURES = Path(__file__).resolve().parents[2] / "test-results" / "captures"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    rapport = (yield).get_result()
    if rapport.when != "call" or not rapport.failed:
        return
    for nom in ("page", "page_calcul"):
        page = item.funcargs.get(nom)
        if page is None or page.is_closed():
            continue
        CAPTURES.mkdir(parents=True, exist_ok=True)
        chemin = CAPTURES / (re.sub(r"[^\w.-]+", "_", item.nodeid)[-150:] + ".png")
        try:
            page.screenshot(path=str(chemin), full_page=True, timeout=10_000)
        except Exception as exc:  # noqa: BLE001 - une capture manquée ne doit pas masquer l'échec
            rapport.sections.append(("capture d'écran", f"impossible : {exc}"))
        else:
            rapport.sections.append(("capture d'écran", str(chemin)))
