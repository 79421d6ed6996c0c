"""Banc de mesure du démarrage : `make bench` (ou `python benchmarks/demarrage.py`).

Imprime, pour une même exécution, dans le Chromium de Debian sans interface, sur 127.0.0.1 :
- le temps entre la navigation et le premier résultat affiché, froid et chaud (médiane de N),
  pour la page du calculateur ouverte par un lien partageable, et pour une page de référence
  nue qui charge la même version de Pyodide avec ses options par défaut et fait une opération
  Decimal ; les rapports calculateur / référence, froid et chaud ;
- le même calculateur, chaud, servi par un serveur qui n'envoie aucun en-tête de cache (ni
  Cache-Control, ni Last-Modified : le cache HTTP du navigateur ne sert à rien) ;
- les octets transférés (comptés par le serveur : ceux d'un worker et du service worker
  n'apparaissent pas dans l'API Resource Timing de la page) : jusqu'au premier résultat, pour la
  mise en cache hors ligne qui suit, et à la visite chaude ;
- la plus longue tâche du fil principal pendant le démarrage (PerformanceObserver longtask) ;
- le temps jusqu'au résultat d'un second calculateur atteint par un lien (sans second démarrage) ;
- ce qu'une page de contenu télécharge du moteur (doit être zéro).

Froid : profil Chromium neuf. Chaud : même profil, nouvel onglet après une visite de l'accueil,
une fois le service worker installé, le moteur en cache et son cache de code amorcé (cache HTTP,
Cache Storage du service worker et cache de code V8) ; les contextes « incognito » ne gardent pas
le wasm en cache.
La page de référence est servie sur un autre port (autre origine) : aucun service worker ne la
sert, elle reste « Pyodide nu ».
Ce n'est pas un test : rien n'échoue, les chiffres sont à lire (et à reporter dans
docs/a-propos/performances.md).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

RACINE = Path(__file__).resolve().parent.parent
LIEN_PENALITES = "calculateurs/penalites-de-retard/?montant=10000&echeance=30%2F11%2F2023&paiement=31%2F01%2F2024"
SELECTEUR_PENALITES = "#resultat-penalites[data-resultat=ok]"
# Second calculateur, atteint par un lien depuis la page des pénalités (navigation instantanée).
SECONDS = [
    ("calculateurs/delai-de-paiement/?facture=15%2F01%2F2025&regime=60j", "form[data-calc=delai]"),
    ("calculateurs/echeancier/?montant=10000&nombre=6&premiere=31%2F01%2F2025&periodicite=mensuelle",
     "form[data-calc=echeancier]"),
]

# Page de référence : Pyodide nu, options par défaut, sur le fil principal, une opération Decimal.
REFERENCE = """<!doctype html><html lang="fr"><meta charset="utf-8"><title>Référence Pyodide</title>
<p id="resultat"></p>
<script type="module">
const { loadPyodide } = await import("./pyodide/pyodide.mjs");
const pyodide = await loadPyodide();
document.getElementById("resultat").textContent =
  pyodide.runPython("from decimal import Decimal\\nstr(Decimal('10000') * Decimal('14.00') * 31 / 365)");
</script></html>"""

# Injecté avant tout script : note l'instant du premier résultat et les tâches longues.
MESURE = """
window.__bench = { resultat: null, taches: [] };
new PerformanceObserver((liste) => {
  for (const t of liste.getEntries()) window.__bench.taches.push(t.duration);
}).observe({ type: "longtask", buffered: true });
new MutationObserver(() => {
  if (window.__bench.resultat !== null) return;
  if (document.querySelector("%s") || (document.getElementById("resultat") || {}).textContent) {
    window.__bench.resultat = performance.now();
  }
}).observe(document, { subtree: true, childList: true, attributes: true });
""" % SELECTEUR_PENALITES

ARGS_CHROMIUM = ["--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--disable-quic"]


class Compteur:
    def __init__(self):
        self.octets = 0
        self.chemins: list[str] = []
        self.verrou = threading.Lock()

    def remettre(self):
        with self.verrou:
            self.octets, self.chemins = 0, []


def _serveur(dossier: Path, port: int, compteur: Compteur, sans_cache: bool = False):
    class Gestionnaire(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def send_header(self, nom, valeur):
            # Serveur « sans en-têtes de cache » : sans Last-Modified, le navigateur ne peut ni
            # garder une réponse (fraîcheur heuristique) ni la revalider ; tout revient à chaque visite.
            if not (sans_cache and nom.lower() == "last-modified"):
                super().send_header(nom, valeur)

        def copyfile(self, source, destination):
            donnees = source.read()
            try:
                destination.write(donnees)
            except (BrokenPipeError, ConnectionResetError):
                return  # la page fermée en plein envoi (fin d'une passe) : rien de transféré à compter
            with compteur.verrou:
                compteur.octets += len(donnees)
                compteur.chemins.append(self.path)

    serveur = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Gestionnaire, directory=str(dossier)))
    threading.Thread(target=serveur.serve_forever, daemon=True).start()
    return serveur


def _construire(port: int) -> Path:
    sortie = Path(tempfile.mkdtemp(prefix="bench-site-"))
    env = {**os.environ, "SITE_URL": f"http://127.0.0.1:{port}/", "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(sortie)],
                   cwd=RACINE, env=env, check=True)
    (sortie / "reference-pyodide.html").write_text(REFERENCE, encoding="utf-8")
    return sortie


def _attendre(page, expression, delai=120):
    """Attend qu'une expression soit vraie dans la page. Pas `wait_for_function` : sa forme
    texte passe par eval, que la politique de sécurité du site (CSP) interdit."""
    fin = time.time() + delai
    while not page.evaluate(expression):
        if time.time() > fin:
            raise TimeoutError(f"{expression} : toujours faux après {delai} s")
        time.sleep(0.05)


def _mesurer(page, url):
    page.goto(url)
    _attendre(page, "Boolean(window.__bench && window.__bench.resultat !== null)")
    page.wait_for_timeout(300)  # laisser arriver les dernières entrées longtask
    return page.evaluate("({ t: window.__bench.resultat, tache: Math.max(0, ...window.__bench.taches) })")


def _second_calculateur(page, base):
    for chemin, selecteur in SECONDS:
        reponse = page.request.get(base + chemin.split("?")[0])
        if reponse.ok and "data-calc=" in reponse.text():
            break
    else:
        return None
    debut = page.evaluate("""(href) => {
        const a = document.createElement("a"); a.href = href; a.textContent = "suite";
        document.querySelector("article").appendChild(a);
        window.__avant = performance.now(); a.click(); return window.__avant; }""", base + chemin)
    page.wait_for_selector(f"{selecteur}", timeout=60_000)
    page.wait_for_selector(".calc-resultat[data-resultat=ok]", timeout=60_000)
    fin = page.evaluate("performance.now()")
    meme_document = page.evaluate("window.__avant !== undefined")
    return (fin - debut) if meme_document else None


MOTEUR_EN_CACHE = """async () => {
  for (const nom of await caches.keys()) {
    if (!nom.startsWith("impayes-")) continue;
    const etat = await (await caches.open(nom)).match(new URL("__hors-ligne__/etat.json", location.origin + "/"));
    if (etat && (await etat.json()).moteur) return true;
  }
  return false;
}"""


def _attendre_hors_ligne(page, compteur, delai=90):
    """Attend que le service worker ait mis le moteur en cache ; rend les octets transférés."""
    fin = time.time() + delai
    while time.time() < fin:
        try:
            if page.evaluate(MOTEUR_EN_CACHE):
                return compteur.octets
        except Exception:  # page en cours de navigation, ou pas de Cache Storage (référence)
            pass
        time.sleep(0.5)
    return None


def _tour(playwright, base, cible, compteur, second=False, site=True):
    """Une mesure froide puis chaude dans un profil neuf ; `site` : attendre la mise en cache hors ligne."""
    profil = tempfile.mkdtemp(prefix="bench-profil-")
    contexte = playwright.chromium.launch_persistent_context(
        profil, executable_path=shutil.which("chromium") or "/usr/bin/chromium", headless=True, args=ARGS_CHROMIUM)
    try:
        contexte.add_init_script(MESURE)
        compteur.remettre()
        page = contexte.new_page()
        froid = _mesurer(page, base + cible)
        octets = compteur.octets
        compteur.remettre()
        if site:  # le moteur en cache, la page du calculateur en amorce le cache de code (hors-ligne.js)
            try:
                page.wait_for_function("() => document.documentElement.dataset.horsLigneAmorce === 'faite'",
                                       timeout=90_000)
            except Exception:  # pas d'amorce (autre navigateur…) : la mesure chaude se fait sans
                pass
        # La référence ne visite pas l'accueil du site : il inscrirait le service worker sur son origine.
        page.goto(base if "reference" not in cible else "about:blank")
        page.wait_for_timeout(2000)
        mise_en_cache = _attendre_hors_ligne(page, compteur) if site else None
        compteur.remettre()
        chaud_page = contexte.new_page()
        chaud = _mesurer(chaud_page, base + cible)
        octets_chaud = compteur.octets
        deuxieme = _second_calculateur(chaud_page, base) if second else None
        return {"froid": froid, "chaud": chaud, "octets": octets, "mise_en_cache": mise_en_cache,
                "octets_chaud": octets_chaud, "second": deuxieme}
    finally:
        contexte.close()
        shutil.rmtree(profil, ignore_errors=True)


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> int:
    parseur = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parseur.add_argument("-n", type=int, default=5, help="nombre de mesures par configuration (médiane)")
    n = parseur.parse_args().n
    port = _port()
    site = _construire(port)
    compteur = Compteur()
    # Trois origines : le site (port de site_url : navigation instantanée), la référence (sans
    # service worker), et le site servi sans en-têtes de cache (le service worker seul fait le cache).
    serveurs = [_serveur(site, port, compteur)]
    port_reference, port_sans_cache = _port(), _port()
    serveurs.append(_serveur(site, port_reference, compteur))
    serveurs.append(_serveur(site, port_sans_cache, compteur, sans_cache=True))
    base = f"http://127.0.0.1:{port}/"
    resultats = {}
    hors_ligne = (site / "sw.js").exists()  # sans service worker (version antérieure) : rien à attendre
    configurations = (
        ("calculateur (lien partageable)", base, LIEN_PENALITES, True, hors_ligne),
        ("référence Pyodide nue", f"http://127.0.0.1:{port_reference}/", "reference-pyodide.html", False, False),
        ("calculateur, serveur sans cache", f"http://127.0.0.1:{port_sans_cache}/", LIEN_PENALITES, False, hors_ligne),
    )
    try:
        with sync_playwright() as p:
            # Tours entrelacés : une machine plus ou moins chargée pèse pareil sur chaque configuration.
            for _ in range(n):
                for nom, adresse, cible, second, est_site in configurations:
                    resultats.setdefault(nom, []).append(_tour(p, adresse, cible, compteur, second, est_site))
            # Une page de contenu ne doit rien télécharger du moteur.
            navigateur = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                           args=ARGS_CHROMIUM)
            compteur.remettre()
            page = navigateur.new_page()
            page.goto(base + "relancer/")
            page.wait_for_timeout(3000)
            # moteur.js (1,5 ko, chargé partout) ne fait que savoir créer le worker : il ne compte pas.
            moteur_contenu = [c for c in compteur.chemins
                              if "/pyodide/" in c or "moteur.worker" in c or "calculators.zip" in c]
            navigateur.close()
    finally:
        for serveur in serveurs:
            serveur.shutdown()
        shutil.rmtree(site, ignore_errors=True)

    med = statistics.median
    mo = lambda octets: f"{octets / 1e6:.1f} Mo".replace(".", ",")
    print(f"\nDémarrage, médiane de {n} mesures, Chromium sans interface, 127.0.0.1\n")
    print(f"{'':34} {'froid (ms)':>11} {'chaud (ms)':>11} {'octets froid':>13} {'octets chaud':>13} {'tâche max':>10}")
    for nom, tours in resultats.items():
        print(f"{nom:34} {med([t['froid']['t'] for t in tours]):11.0f} {med([t['chaud']['t'] for t in tours]):11.0f} "
              f"{mo(med([t['octets'] for t in tours])):>13} {mo(med([t['octets_chaud'] for t in tours])):>13} "
              f"{med([t['froid']['tache'] for t in tours]):10.0f}")
        print(f"{'  (froid, toutes)':34} " + ", ".join(f"{t['froid']['t']:.0f}" for t in tours))
        print(f"{'  (chaud, toutes)':34} " + ", ".join(f"{t['chaud']['t']:.0f}" for t in tours))
    calc, ref = resultats["calculateur (lien partageable)"], resultats["référence Pyodide nue"]
    sans_cache = resultats["calculateur, serveur sans cache"]
    t = lambda tours, cle: med([x[cle]["t"] for x in tours])
    froid, chaud = t(calc, "froid") / t(ref, "froid"), t(calc, "chaud") / t(ref, "chaud")
    chaud_sans_cache = t(sans_cache, "chaud") / t(ref, "chaud")
    print(f"\nRapport calculateur / référence : froid {froid:.2f} (objectif ≤ 0,45), chaud {chaud:.2f} "
          f"(objectif ≤ 0,30)")
    print(f"Rapport chaud, site servi sans en-têtes de cache / référence (servie normalement) : "
          f"{chaud_sans_cache:.2f} (objectif ≤ 0,30)")
    caches = [x["mise_en_cache"] for x in calc if x["mise_en_cache"] is not None]
    if not hors_ligne:
        print("Mise en cache hors ligne : pas de service worker dans ce site.")
    elif caches:
        print(f"Mise en cache hors ligne après la première visite (pages et moteur, en arrière-plan) : "
              f"{mo(med(caches))} transférés")
    else:
        print("Mise en cache hors ligne : le moteur n'a pas été mis en cache dans le délai (service worker ?)")
    taches = sorted(x["froid"]["tache"] for x in calc)
    taches_chaud = sorted(x["chaud"]["tache"] for x in calc)
    print(f"Tâche la plus longue du fil principal (calculateur) : froid médiane {med(taches):.0f} ms, "
          f"pire {taches[-1]:.0f} ms ; chaud médiane {med(taches_chaud):.0f} ms, pire {taches_chaud[-1]:.0f} ms "
          f"(objectif ≤ 200 ms)")
    seconds = [x["second"] for x in calc if x["second"] is not None]
    if seconds:
        print(f"Second calculateur atteint par un lien, sans second démarrage : {med(seconds):.0f} ms (médiane)")
    else:
        print("Second calculateur : aucune autre page de calculateur n'est construite, mesure impossible.")
    print(f"Fichiers du moteur téléchargés par une page de contenu : {len(moteur_contenu)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
