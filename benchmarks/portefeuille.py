"""Banc du poste clients : `make bench-portefeuille` (ou `python benchmarks/portefeuille.py`).

Imprime, côte à côte et dans une même exécution, pour des FEC réalistes de 100 000 et
1 000 000 de lignes (benchmarks/generer_fec.py, graine fixe, gardés dans .cache/portefeuille/) :

- la passe nue du module `csv` sur le même fichier (le plancher d'un lecteur de la
  bibliothèque standard) : temps et mémoire de pointe ;
- l'analyse complète par la ligne de commande (`--json`, lecture en flux, lettrage, balance
  âgée, DSO, D441-6, pénalités, relances) : temps, rapport au plancher (objectif ≤ 3), mémoire
  de pointe (objectif ≤ 300 Mo pour un million de lignes) ;
- le moteur dans Pyodide sous Node (même WebAssembly que Chromium), s'il est installé : temps
  après le démarrage du moteur, lecture par morceaux d'un mégaoctet comme le Web Worker
  (objectif : 100 000 lignes en 5 s au plus). Le fil principal de la page n'est pas mesuré
  ici : le calcul tourne dans le worker, la page n'attend que des messages.

Temps : le meilleur de N passes (machine partagée) ; temps processeur (utilisateur + système)
et temps réel ; mémoire : `ru_maxrss` du processus enfant (os.wait4). Ce n'est pas un test :
rien n'échoue, les chiffres sont à lire.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
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


def main(argv=None) -> int:
    parseur = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parseur.add_argument("--lignes", type=int, nargs="+", default=[100_000, 1_000_000])
    parseur.add_argument("--passes", type=int, default=3, help="passes par mesure (le meilleur temps est gardé)")
    parseur.add_argument("--graine", type=int, default=1)
    parseur.add_argument("--sans-pyodide", action="store_true")
    args = parseur.parse_args(argv)
    print(f"{os.cpu_count()} processeurs, charge {os.getloadavg()[0]:.1f} ; meilleur de {args.passes} passes\n")
    entete = f"{'lignes':>10}  {'passe csv nue':>22}  {'analyse complète (CLI)':>28}  {'rapport':>7}  {'mémoire':>14}"
    print(entete)
    print("-" * len(entete))
    for lignes in args.lignes:
        chemin = fichier(lignes, args.graine)
        nue = meilleur([sys.executable, "-c", PASSE_NUE, str(chemin)], args.passes)
        cli = meilleur([sys.executable, "-m", "calculators.portefeuille", "--fichier", str(chemin), "--au", AU,
                        "--json"], args.passes)
        print(f"{lignes:>10}  {nue['cpu']:>6.2f} s cpu {nue['reel']:>6.2f} s  {cli['cpu']:>8.2f} s cpu {cli['reel']:>8.2f} s"
              f"  {cli['cpu'] / nue['cpu']:>6.1f}×  {cli['memoire_mo']:>7.0f} Mo ({nue['memoire_mo']:.0f})")
        if not args.sans_pyodide and lignes <= 200_000:
            p = pyodide(chemin)
            if p is None:
                print(f"{'':>10}  Pyodide : node ou node_modules/pyodide absent")
            elif "erreur" in p:
                print(f"{'':>10}  Pyodide : échec ({p['erreur'][0]})")
            else:
                print(f"{'':>10}  Pyodide {p['python']} sous Node : démarrage {p['demarrage_s']:.1f} s, puis lecture "
                      f"{p['lecture_s']:.1f} s + résultat {p['resultat_s']:.1f} s = {p['total_apres_demarrage_s']:.1f} s réels, "
                      f"{p['cpu_apres_demarrage_s']:.1f} s cpu (plus long appel {p['plus_long_appel_s']:.2f} s) ; "
                      f"encours {p['encours']} €, pénalités {p['penalites']} €")
    print("\nObjectifs : analyse ≤ 3 × la passe nue ; ≤ 300 Mo pour 1 000 000 de lignes ; "
          "Pyodide : 100 000 lignes en ≤ 5 s après le démarrage.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
