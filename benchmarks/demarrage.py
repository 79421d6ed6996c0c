"""Banc de mesure du démarrage : `make bench` (ou `python benchmarks/demarrage.py`).

Imprime, pour une même exécution, dans le Chromium de Debian sans interface, sur 127.0.0.1 :
- le temps entre la navigation et le premier résultat affiché, froid et chaud (médiane de N),
  pour la page du calculateur ouverte par un lien partageable, et pour une page de référence
  nue qui charge la même version de Pyodide avec ses options par défaut et fait une opération
  Decimal ;
- les octets transférés (comptés par le serveur : ceux d'un worker n'apparaissent pas dans
  l'API Resource Timing de la page) ;
- la plus longue tâche du fil principal pendant le démarrage (PerformanceObserver longtask) ;
- le temps jusqu'au résultat d'un second calculateur atteint par un lien (sans second démarrage) ;
- ce qu'une page de contenu télécharge du moteur (doit être zéro).

Froid : profil Chromium neuf. Chaud : même profil, nouvel onglet après une visite de l'accueil
(cache HTTP et cache de code V8) ; les contextes « incognito » ne gardent pas le wasm en cache.
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


def _serveur(dossier: Path, port: int, compteur: Compteur):
    class Gestionnaire(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def copyfile(self, source, destination):
            donnees = source.read()
            destination.write(donnees)
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


def _mesurer(page, url):
    page.goto(url)
    page.wait_for_function("window.__bench && window.__bench.resultat !== null", timeout=120_000)
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


def _tour(playwright, base, cible, compteur, second=False):
    profil = tempfile.mkdtemp(prefix="bench-profil-")
    contexte = playwright.chromium.launch_persistent_context(
        profil, executable_path=shutil.which("chromium") or "/usr/bin/chromium", headless=True, args=ARGS_CHROMIUM)
    try:
        contexte.add_init_script(MESURE)
        compteur.remettre()
        page = contexte.new_page()
        froid = _mesurer(page, base + cible)
        octets = compteur.octets
        page.goto(base)
        page.wait_for_timeout(2000)
        chaud_page = contexte.new_page()
        chaud = _mesurer(chaud_page, base + cible)
        deuxieme = _second_calculateur(chaud_page, base) if second else None
        return froid, chaud, octets, deuxieme
    finally:
        contexte.close()
        shutil.rmtree(profil, ignore_errors=True)


def main() -> int:
    parseur = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parseur.add_argument("-n", type=int, default=5, help="nombre de mesures par configuration (médiane)")
    n = parseur.parse_args().n
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    site = _construire(port)
    compteur = Compteur()
    serveur = _serveur(site, port, compteur)
    base = f"http://127.0.0.1:{port}/"
    resultats = {}
    try:
        with sync_playwright() as p:
            for nom, cible, second in (("calculateur (lien partageable)", LIEN_PENALITES, True),
                                       ("référence Pyodide nue", "reference-pyodide.html", False)):
                tours = [_tour(p, base, cible, compteur, second) for _ in range(n)]
                resultats[nom] = tours
            # Une page de contenu ne doit rien télécharger du moteur.
            navigateur = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                           args=ARGS_CHROMIUM)
            compteur.remettre()
            page = navigateur.new_page()
            page.goto(base + "relancer/")
            page.wait_for_timeout(1000)
            # moteur.js (1,5 ko, chargé partout) ne fait que savoir créer le worker : il ne compte pas.
            moteur_contenu = [c for c in compteur.chemins
                              if "/pyodide/" in c or "moteur.worker" in c or "calculators.zip" in c]
            navigateur.close()
    finally:
        serveur.shutdown()
        shutil.rmtree(site, ignore_errors=True)

    med = lambda valeurs: statistics.median(valeurs)
    print(f"\nDémarrage, médiane de {n} mesures, Chromium sans interface, 127.0.0.1\n")
    print(f"{'':34} {'froid (ms)':>11} {'chaud (ms)':>11} {'octets (froid)':>15} {'tâche max, méd.':>15}")
    for nom, tours in resultats.items():
        print(f"{nom:34} {med([t[0]['t'] for t in tours]):11.0f} {med([t[1]['t'] for t in tours]):11.0f} "
              f"{med([t[2] for t in tours]):15,.0f} {med([t[0]['tache'] for t in tours]):15.0f}")
        mesures = ", ".join(f"{t[0]['t']:.0f}" for t in tours)
        print(f"{'  (toutes les mesures froides)':34} {mesures}")
    calc, ref = resultats["calculateur (lien partageable)"], resultats["référence Pyodide nue"]
    froid = med([t[0]["t"] for t in calc]) / med([t[0]["t"] for t in ref])
    chaud = med([t[1]["t"] for t in calc]) / med([t[1]["t"] for t in ref])
    print(f"\nRapport calculateur / référence : froid {froid:.2f}, chaud {chaud:.2f} (objectif ≤ 0,60)")
    taches = sorted(t[0]["tache"] for t in calc)
    print(f"Tâche la plus longue du fil principal (calculateur, froid) : médiane {med(taches):.0f} ms, "
          f"pire {taches[-1]:.0f} ms (objectif ≤ 200 ms)")
    seconds = [t[3] for t in calc if t[3] is not None]
    if seconds:
        print(f"Second calculateur atteint par un lien, sans second démarrage : {med(seconds):.0f} ms (médiane)")
    else:
        print("Second calculateur : aucune autre page de calculateur n'est construite, mesure impossible.")
    print(f"Fichiers du moteur téléchargés par une page de contenu : {len(moteur_contenu)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
