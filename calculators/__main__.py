"""Ligne de commande : `python -m calculators <calculateur> [options] [--json]`.

Les options portent les noms des champs du formulaire et du lien partageable ; la commande
appelle `calculators.api.run`, exactement comme la page. Code de sortie 2 si une saisie est
refusée (messages sur la sortie d'erreur).
"""

from __future__ import annotations

import argparse
import json
import sys

from .api import MODULES, calculateur, run


def _parseur() -> argparse.ArgumentParser:
    parseur = argparse.ArgumentParser(
        prog="python -m calculators",
        description="Calculateurs des impayés clients (mêmes règles que le site).",
    )
    sous = parseur.add_subparsers(dest="calculateur", required=True, metavar="CALCULATEUR")
    for nom in MODULES:
        module = calculateur(nom)
        p = sous.add_parser(nom, help=module.AIDE, description=module.AIDE)
        module.options(p)
        p.add_argument("--json", action="store_true", help="sortie JSON")
    return parseur


def main(argv: list[str] | None = None) -> int:
    args = _parseur().parse_args(argv)
    resultat = run(args.calculateur, calculateur(args.calculateur).depuis_cli(args))
    if not resultat["ok"]:
        for erreur in resultat["erreurs"]:
            print(f"Erreur ({erreur['field'] or 'saisie'}) : {erreur['message']}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps({k: v for k, v in resultat.items() if k != "affichage"}, ensure_ascii=False, indent=2))
    else:
        print(resultat["affichage"]["texte"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
