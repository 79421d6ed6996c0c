"""Écrit un FEC réaliste et déterministe (calculators/portefeuille/fec_exemple.py), pour le banc et les tests.

    python benchmarks/generer_fec.py --lignes 100000 --sortie fec.txt [--graine 1] [--format montant-sens]
        [--separateur pipe] [--encodage iso-8859-15] [--crlf] [--remplissage]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from calculators.portefeuille.fec_exemple import lignes_fec


def ecrire(chemin: str, lignes: int, graine: int = 1, format: str = "debit-credit", separateur: str = "\t",
           encodage: str = "utf-8", crlf: bool = False, remplissage: bool = False) -> int:
    """Écrit le FEC et rend le nombre de lignes d'écriture (en-tête exclu)."""
    fin = "\r\n" if crlf else "\n"
    n = -1
    with open(chemin, "w", encoding=encodage, newline="") as sortie:
        for n, champs in enumerate(lignes_fec(lignes, graine, format, remplissage)):
            sortie.write(separateur.join(champs) + fin)
    return n


def main(argv=None) -> int:
    parseur = argparse.ArgumentParser(description="FEC réaliste et déterministe (banc du poste clients)")
    parseur.add_argument("--lignes", type=int, default=100_000)
    parseur.add_argument("--graine", type=int, default=1)
    parseur.add_argument("--format", choices=("debit-credit", "montant-sens"), default="debit-credit")
    parseur.add_argument("--separateur", choices=("tab", "pipe"), default="tab")
    parseur.add_argument("--encodage", choices=("utf-8", "utf-8-sig", "iso-8859-15"), default="utf-8")
    parseur.add_argument("--crlf", action="store_true")
    parseur.add_argument("--remplissage", action="store_true", help="montants complétés d'espaces et de zéros")
    parseur.add_argument("--sortie", required=True)
    args = parseur.parse_args(argv)
    n = ecrire(args.sortie, args.lignes, args.graine, args.format, "\t" if args.separateur == "tab" else "|",
               args.encodage, args.crlf, args.remplissage)
    print(f"{n} lignes écrites dans {Path(args.sortie)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
