"""Banc du poste clients : `make bench-portefeuille` (ou `python benchmarks/portefeuille.py`).

Imprime, côte à côte et dans une même exécution, pour des FEC réalistes de 100 000 et
1 000 000 de lignes (benchmarks/generer_fec.py, graine fixe, gardés dans .cache/portefeuille/) :

- la passe nue du module `csv` sur le même fichier (le plancher d'un lecteur de la
  bibliothèque standard) : temps et mémoire de pointe ;
- la passe Python minimale : chaque ligne découpée, ses Debit et Credit lus en `Decimal`, rien
  d'autre (ce que tout lecteur de FEC écrit en Python paie avant la première règle d'analyse) ;
- l'analyse complète par la ligne de commande (`--json`, lecture en flux, lettrage, balance
  âgée, DSO, D441-6, pénalités, relances) : temps, rapport au plancher (objectif ≤ 3), mémoire
  de pointe (objectif ≤ 300 Mo pour un million de lignes) ;
- le moteur dans Pyodide sous Node (même WebAssembly que Chromium), s'il est installé : temps
  après le démarrage du moteur, lecture par morceaux d'un mégaoctet comme le Web Worker ;
- la vraie page `calculateurs/poste-clients/` dans le Chromium de Debian sans interface (site
  construit une fois dans un dossier temporaire, servi sur 127.0.0.1, comme
  benchmarks/demarrage.py) : une page neuve par passe ; le moteur prêt
  (`form.calc[data-calc-state=ready]`), date d'analyse saisie, observateurs posés (tâches
  longues du fil principal, `longtask` ; valeurs de la barre de progression), le FEC est choisi
  dans le champ du fichier ; temps du choix au résultat complet affiché
  (`#resultat-portefeuille[data-resultat=ok]`, puis une image), meilleur et médiane ; le fichier
  choisi aussitôt le moteur prêt, puis (100 000 lignes) une fois faite la mise en train du moteur
  (petite analyse d'exemple, `form.calc[data-mise-en-train=faite]`) : c'est alors que la page
  lance la mise en cache hors ligne et l'index de recherche ; puis une fois la page au repos
  (mise en train et copie hors ligne faites, `html[data-hors-ligne=complet]`) ; plus
  longue tâche du fil principal pendant l'analyse (objectif ≤ 200 ms) ; progression montrée ou
  non (objectif : 100 000 lignes en 5 s au plus après le moteur prêt). Le million de lignes
  dans la page (une passe, plusieurs minutes) : `--navigateur-million`. `--sans-navigateur`
  saute cette mesure, `--sans-pyodide` celle de Node.

Temps : le meilleur de N passes (machine partagée) ; temps processeur (utilisateur + système)
et temps réel ; mémoire : `ru_maxrss` du processus enfant (os.wait4). Ce n'est pas un test :
rien n'échoue, les chiffres sont à lire.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
CACHE = RACINE / ".cache" / "portefeuille"
AU = "31/12/2025"
PASSE_NUE = ("import csv, sys\n"
             "n = 0\n"
             "with open(sys.argv[1], encoding='utf-8', newline='') as f:\n"
             "    for champs in csv.reader(f, delimiter='\\t'):\n"
             "        n += 1\n")
# Le moins qu'un lecteur de FEC écrit en Python fasse de chaque ligne : la découper et lire ses deux
# montants en `Decimal` (l'équilibre des écritures). Ni lettrage, ni calcul, ni sortie : la part de
# l'écart à la passe nue qui tient au langage, pas à l'analyse.
PASSE_PYTHON = ("import sys\n"
                "from decimal import Decimal\n"
                "solde = Decimal(0)\n"
                "with open(sys.argv[1], encoding='utf-8', newline='') as f:\n"
                "    noms = f.readline().rstrip('\\r\\n').split('\\t')\n"
                "    i_debit, i_credit = noms.index('Debit'), noms.index('Credit')\n"
                "    for ligne in f:\n"
                "        champs = ligne.split('\\t')\n"
                "        solde += Decimal(champs[i_debit].replace(',', '.')) - Decimal(champs[i_credit].replace(',', '.'))\n"
                "assert not solde, solde\n")


def fichier(lignes: int, graine: int) -> Path:
    """Le FEC de `lignes` lignes, généré une fois (déterministe) puis gardé."""
    chemin = CACHE / f"fec-{lignes}-{graine}.txt"
    if not chemin.exists():
        sys.path.insert(0, str(RACINE / "benchmarks"))
        from generer_fec import ecrire

        CACHE.mkdir(parents=True, exist_ok=True)
        provisoire = chemin.with_suffix(".partiel")
        ecrire(str(provisoire), lignes, graine)
        provisoire.rename(chemin)
    return chemin


def mesurer(commande: list[str]) -> dict:
    """Lance `commande` ; temps réel, temps processeur et mémoire de pointe de ce seul enfant."""
    debut = time.perf_counter()
    with open(os.devnull, "wb") as nul:
        processus = subprocess.Popen(commande, stdout=nul, stderr=subprocess.PIPE, cwd=RACINE)
        erreurs = processus.stderr.read()
        _, statut, usage = os.wait4(processus.pid, 0)
    reel = time.perf_counter() - debut
    if os.waitstatus_to_exitcode(statut) != 0:
        raise RuntimeError(f"{' '.join(commande)} : {erreurs.decode(errors='replace')[-2000:]}")
    return {"reel": reel, "cpu": usage.ru_utime + usage.ru_stime, "memoire_mo": usage.ru_maxrss / 1024}


def meilleur(commande: list[str], passes: int) -> dict:
    mesures = [mesurer(commande) for _ in range(passes)]
    return {"reel": min(m["reel"] for m in mesures), "cpu": min(m["cpu"] for m in mesures),
            "memoire_mo": max(m["memoire_mo"] for m in mesures)}


def pyodide(chemin: Path) -> dict | None:
    if not shutil.which("node") or not (RACINE / "node_modules" / "pyodide").exists():
        return None
    sortie = subprocess.run(["node", str(RACINE / "benchmarks" / "portefeuille_pyodide.mjs"), str(chemin), AU],
                            capture_output=True, text=True, cwd=RACINE, timeout=3600)
    if sortie.returncode != 0:
        return {"erreur": sortie.stderr.strip().splitlines()[-1:] or ["?"]}
    return json.loads(sortie.stdout.strip().splitlines()[-1])


PAGE = "calculateurs/poste-clients/"
# Posé sur la page neuve, moteur prêt, avant le choix du fichier : tâches longues (buffered : on ne
# garde ensuite que celles qui recouvrent l'analyse), valeurs de la barre de progression montrée,
# instant du choix (événement `change`, en capture), du résultat et de la fin du calcul.
OBSERVATEURS = """() => {
  const b = window.__bancPc = { taches: [], valeurs: [], analyse: [], debut: null, ok: null, affiche: null, fini: null };
  new PerformanceObserver((liste) => {
    for (const t of liste.getEntries()) b.taches.push([t.startTime, t.duration]);
  }).observe({ type: "longtask", buffered: true });
  document.addEventListener("change", () => { if (b.debut === null) b.debut = performance.now(); }, true);
  const barre = document.getElementById("pc-progression");
  const cadre = barre.closest(".pc-progression");
  new MutationObserver(() => {
    const phase = cadre.hidden ? "" : cadre.dataset.phase;  // « attente » : le moteur n'a pas encore répondu
    if (phase === "lecture" || phase === "analyse") (phase === "analyse" ? b.analyse : b.valeurs).push([barre.value, performance.now()]);
  }).observe(barre, { attributes: true, attributeFilter: ["value"] });
  const zone = document.getElementById("resultat-portefeuille");
  new MutationObserver(() => {
    if (b.ok !== null || b.debut === null || zone.dataset.resultat !== "ok") return;
    b.ok = performance.now();
    requestAnimationFrame(() => setTimeout(() => { b.affiche = performance.now(); }, 0));
  }).observe(zone, { attributes: true, attributeFilter: ["data-resultat"] });
  const form = document.querySelector("form.calc");
  new MutationObserver(() => {
    if (b.debut !== null && b.fini === null && form.dataset.calcState === "ready") b.fini = performance.now();
  }).observe(form, { attributes: true, attributeFilter: ["data-calc-state"] });
}"""
BILAN = """() => {
  const b = window.__bancPc, fin = b.affiche ?? b.ok ?? b.fini;
  const pendant = b.taches.filter(([debut, duree]) => debut + duree >= b.debut && debut <= fin);
  const texte = (s) => ((document.querySelector(s) || {}).textContent || "").replace(/\s+/g, " ").trim();
  const resume = (cle) => texte(`#resultat-portefeuille .calc-resume [data-cle=${cle}] dd`);
  const prete = b.valeurs.length ? b.valeurs[0][1] : b.debut;  // 0 % : `portefeuille-debut` a répondu
  const lu = b.valeurs.length ? b.valeurs[b.valeurs.length - 1][1] : b.debut;
  return { temps: b.ok === null ? null : (fin - b.debut) / 1000, valeurs: b.valeurs.map(([v]) => v),
           analyse: b.analyse.map(([v]) => v),
           preparation: (prete - b.debut) / 1000, lecture: (lu - prete) / 1000,
           tache: Math.max(0, ...pendant.map(([, d]) => d)), taches_200: pendant.filter(([, d]) => d > 200).length,
           quand: pendant.length ? (pendant.reduce((a, t) => (t[1] > a[1] ? t : a))[0] - b.debut) / 1000 : null,
           lignes: resume("lignes"), annonce: texte(".pc-annonce"), erreurs: texte(".calc-erreurs"),
           encours: resume("encours"), penalites: resume("penalites"), indemnites: resume("indemnites") };
}"""


def ligne_pyodide(p: dict | None) -> str:
    if p is None:
        return f"{'':>10}  Pyodide : node ou node_modules/pyodide absent"
    if "erreur" in p:
        return f"{'':>10}  Pyodide : échec ({p['erreur'][0]})"
    return (f"{'':>10}  Pyodide {p['python']} sous Node : démarrage {p['demarrage_s']:.1f} s, puis lecture "
            f"{p['lecture_s']:.1f} s + résultat {p['resultat_s']:.1f} s = {p['total_apres_demarrage_s']:.1f} s réels, "
            f"{p['cpu_apres_demarrage_s']:.1f} s cpu (plus long appel {p['plus_long_appel_s']:.2f} s) ; "
            f"encours {p['encours']} €, pénalités {p['penalites']} €")


def ouvrir_navigateur(pile: contextlib.ExitStack) -> dict:
    """Le site construit une fois (dossier temporaire), servi sur 127.0.0.1, et un Chromium sans
    interface : les outils de benchmarks/demarrage.py ; tout est fermé à la sortie de `pile`."""
    sys.path.insert(0, str(RACINE / "benchmarks"))
    import demarrage
    from playwright.sync_api import sync_playwright

    port = demarrage._port()
    site = demarrage._construire(port)
    pile.callback(shutil.rmtree, site, ignore_errors=True)
    serveur = demarrage._serveur(site, port, demarrage.Compteur())
    pile.callback(serveur.server_close)
    pile.callback(serveur.shutdown)
    playwright = pile.enter_context(sync_playwright())
    chromium = playwright.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                          headless=True, args=demarrage.ARGS_CHROMIUM)
    pile.callback(chromium.close)
    return {"base": f"http://127.0.0.1:{port}/", "chromium": chromium, "attendre": demarrage._attendre}


# Quand le fichier est choisi : dès le moteur prêt, après sa mise en train
# (calculators/portefeuille/chauffe.py), ou la page au repos (mise en train et copie hors ligne faites).
MOMENTS = {
    "aussitot": [],
    "mise_en_train": ["Boolean(document.querySelector('form.calc[data-mise-en-train=faite]'))"],
    "repos": ["Boolean(document.querySelector('form.calc[data-mise-en-train=faite]'))",
              "document.documentElement.dataset.horsLigne === 'complet'"],
}


def passe_navigateur(nav: dict, chemin: Path, delai: float, moment: str) -> dict:
    """Une page neuve (contexte neuf : ni cache ni saisies gardées) ; le fichier choisi au `moment` dit."""
    contexte = nav["chromium"].new_context()
    try:
        page = contexte.new_page()
        debut = time.perf_counter()
        page.goto(nav["base"] + PAGE)
        nav["attendre"](page, "Boolean(document.querySelector('form.calc[data-calc-state=ready]'))", 300)
        pret = time.perf_counter() - debut
        attente = None
        for condition in MOMENTS[moment]:
            nav["attendre"](page, condition, 300)
            attente = time.perf_counter() - debut - pret
        page.get_by_label("Date d'analyse", exact=True).fill(AU)  # mêmes réglages que la CLI et Node
        page.evaluate(OBSERVATEURS)
        page.get_by_label("Fichier à analyser").set_input_files(str(chemin))
        nav["attendre"](page, "window.__bancPc.affiche !== null || window.__bancPc.fini !== null", delai)
        page.wait_for_timeout(300)  # dernières entrées longtask, image du résultat
        return {**page.evaluate(BILAN), "pret": pret, "attente": attente}
    finally:
        contexte.close()


def navigateur(nav: dict, chemin: Path, passes: int, delai: float, moment: str) -> dict:
    """N passes ; temps du choix du fichier au résultat affiché, tâche la plus longue, progression."""
    mesures = [passe_navigateur(nav, chemin, delai, moment) for _ in range(passes)]
    rate = next((m for m in mesures if m["temps"] is None), None)
    if rate:
        return {"erreur": rate["erreurs"] or rate["annonce"] or "pas de résultat"}
    temps = [m["temps"] for m in mesures]
    # Montrée : la barre visible a pris au moins une valeur entre 0 et 100 pendant la lecture.
    montree = [any(0 < v < 100 for v in m["valeurs"]) for m in mesures]
    rapide = min(mesures, key=lambda m: m["temps"])
    return {"meilleur": rapide["temps"], "preparation": rapide["preparation"], "lecture": rapide["lecture"],
            "mediane": statistics.median(temps),
            "passes": passes, "pret": statistics.median(m["pret"] for m in mesures),
            "attente": statistics.median(m["attente"] for m in mesures) if MOMENTS[moment] else None,
            "pire": max(mesures, key=lambda m: m["tache"]),
            "taches_200": sum(m["taches_200"] for m in mesures), "montree": all(montree),
            "valeurs": min(len(m["valeurs"]) for m in mesures),
            "valeurs_analyse": min(len(m["analyse"]) for m in mesures),
            **{cle: mesures[-1][cle] for cle in ("lignes", "encours", "penalites", "indemnites")}}


def resume(erreur: Exception) -> str:
    return f"{type(erreur).__name__} : {(str(erreur).splitlines() or [''])[0][:200]}"


def ligne_navigateur(nav: dict | str, chemin: Path, passes: int, delai: float, moment: str) -> str:
    """La ligne imprimée sous celle du fichier ; `nav` : le navigateur ouvert, ou pourquoi il ne l'est pas."""
    if isinstance(nav, str):
        return f"{'':>10}  Chromium : {nav}"
    try:
        r = navigateur(nav, chemin, passes, delai, moment)
    except Exception as erreur:  # délai dépassé, page fermée : le chiffre manque, le banc continue
        return f"{'':>10}  Chromium : échec ({resume(erreur)})"
    if "erreur" in r:
        return f"{'':>10}  Chromium : pas de résultat ({r['erreur'][:200]})"
    reste = r["meilleur"] - r["preparation"] - r["lecture"]
    mediane = f"médiane {r['mediane']:.1f} s, {r['passes']} passes" if r["passes"] > 1 else "1 passe"
    pire = r["pire"]
    tache = f"{pire['tache']:.0f} ms"
    if pire["quand"] is not None:
        tache += f" (à {pire['quand']:.1f} s sur {pire['temps']:.1f})"
    progression = (f"progression montrée ({r['valeurs']} valeurs de la barre à la lecture, "
                   f"{r['valeurs_analyse']} au calcul)" if r["montree"]
                   else f"progression NON montrée ({r['valeurs']} valeurs)")
    quand = {"aussitot": "fichier choisi aussitôt",
             "mise_en_train": f"fichier choisi à la fin de la mise en train, {r['attente'] or 0:.1f} s plus tard",
             "repos": f"fichier choisi la page au repos (mise en train et copie hors ligne faites), "
                      f"{r['attente'] or 0:.1f} s plus tard"}[moment]
    return (f"{'':>10}  Chromium, page réelle (worker) : moteur prêt en {r['pret']:.1f} s, {quand} ; du choix du fichier "
            f"au résultat complet affiché {r['meilleur']:.1f} s (meilleur : préparation {r['preparation']:.1f} s + "
            f"lecture {r['lecture']:.1f} s + résultat et affichage {reste:.1f} s ; {mediane}) ; plus longue tâche "
            f"du fil principal {tache}, {r['taches_200']} au-delà de 200 ms en tout ; {progression}, "
            f"lignes lues « {r['lignes']} » ; encours {r['encours']}, pénalités {r['penalites']} "
            f"+ indemnités {r['indemnites']}")


def main(argv=None) -> int:
    parseur = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parseur.add_argument("--lignes", type=int, nargs="+", default=[100_000, 1_000_000])
    parseur.add_argument("--passes", type=int, default=3, help="passes par mesure (le meilleur temps est gardé)")
    parseur.add_argument("--graine", type=int, default=1)
    parseur.add_argument("--sans-pyodide", action="store_true")
    parseur.add_argument("--sans-navigateur", action="store_true", help="sans la page réelle dans Chromium")
    parseur.add_argument("--navigateur-million", action="store_true",
                         help="la page réelle aussi au-delà de 200 000 lignes (une passe, plusieurs minutes)")
    args = parseur.parse_args(argv)
    print(f"{os.cpu_count()} processeurs, charge {os.getloadavg()[0]:.1f} ; meilleur de {args.passes} passes\n")
    # Le paquet compilé d'avance, comme après `pip install` ou un premier lancement : sans cela, une
    # machine où PYTHONDONTWRITEBYTECODE est posé recompile ses quelque 70 modules à chaque commande
    # (0,1 s, un dixième de l'analyse de 100 000 lignes), ce que la passe nue, sans import, ne paie pas.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(RACINE / "calculators")], check=True,
                   stdout=subprocess.DEVNULL)
    with contextlib.ExitStack() as pile:
        nav: dict | str | None = None
        if not args.sans_navigateur:
            try:
                nav = ouvrir_navigateur(pile)
            except Exception as erreur:  # site qui ne se construit pas, Chromium ou Playwright absent
                nav = f"indisponible ({resume(erreur)})"
        entete = f"{'lignes':>10}  {'passe csv nue':>22}  {'analyse complète (CLI)':>28}  {'rapport':>7}  {'mémoire':>14}"
        print(entete)
        print("-" * len(entete))
        for lignes in args.lignes:
            chemin = fichier(lignes, args.graine)
            nue = meilleur([sys.executable, "-c", PASSE_NUE, str(chemin)], args.passes)
            cli = meilleur([sys.executable, "-m", "calculators.portefeuille", "--fichier", str(chemin), "--au", AU,
                            "--json"], args.passes)
            print(f"{lignes:>10}  {nue['cpu']:>6.2f} s cpu {nue['reel']:>6.2f} s  {cli['cpu']:>8.2f} s cpu {cli['reel']:>8.2f} s"
                  f"  {cli['cpu'] / nue['cpu']:>6.1f}×  {cli['memoire_mo']:>7.0f} Mo ({nue['memoire_mo']:.0f})", flush=True)
            minimale = meilleur([sys.executable, "-c", PASSE_PYTHON, str(chemin)], args.passes)
            print(f"{'':>10}  passe Python minimale (découpage, Debit et Credit en Decimal) : {minimale['cpu']:.2f} s cpu, "
                  f"{minimale['cpu'] / nue['cpu']:.1f}× la passe nue", flush=True)
            if not args.sans_pyodide and lignes <= 200_000:
                print(ligne_pyodide(pyodide(chemin)), flush=True)
            if nav is not None and (lignes <= 200_000 or args.navigateur_million):
                petit = lignes <= 200_000
                # Un fichier choisi dès le moteur prêt (le pire : la mise en train n'a pas eu lieu), et,
                # pour les petits, à la fin de la mise en train (la mise en cache hors ligne et
                # l'index de recherche partent alors), puis la page au repos (le cas d'une personne
                # qui cherche son fichier).
                for moment in (MOMENTS if petit else ["aussitot"]):
                    print(ligne_navigateur(nav, chemin, args.passes if petit else 1, 600 if petit else 3600, moment),
                          flush=True)
    print("\nObjectifs : analyse ≤ 3 × la passe nue ; ≤ 300 Mo pour 1 000 000 de lignes ; "
          "Pyodide : 100 000 lignes en ≤ 5 s après le démarrage ; Chromium : 100 000 lignes en ≤ 5 s après le "
          "moteur prêt, aucune tâche du fil principal au-delà de 200 ms, 1 000 000 de lignes menées à terme "
          "avec la progression montrée (--navigateur-million).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
