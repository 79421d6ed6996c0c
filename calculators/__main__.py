"""Ligne de commande : `python -m calculators <calculateur> [options] [--json]`.

Les options portent les noms des champs du formulaire et du lien partageable ; la commande
appelle `calculators.api.run`, exactement comme la page. Code de sortie 2 si une saisie est
refusée (messages sur la sortie d'erreur).
"""

from __future__ import annotations

import argparse
import json
import sys

from .api import run


def _parseur() -> argparse.ArgumentParser:
    parseur = argparse.ArgumentParser(
        prog="python -m calculators",
        description="Calculateurs des impayés clients (mêmes règles que le site).",
    )
    sous = parseur.add_subparsers(dest="calculateur", required=True, metavar="CALCULATEUR")

    p = sous.add_parser("penalites", help="pénalités de retard et indemnité forfaitaire (L441-10, D441-5)")
    p.add_argument("--montant", required=True, help="montant TTC de la facture, ex. 10000 ou 10 000,50")
    p.add_argument("--echeance", required=True, help="date d'échéance (jj/mm/aaaa ou aaaa-mm-jj)")
    p.add_argument("--paiement", default="", help="date du paiement du solde (par défaut : aujourd'hui)")
    p.add_argument("--taux", default="", help="taux contractuel annuel en %% (par défaut : BCE + 10 points)")
    p.add_argument("--acompte", action="append", default=[], metavar="DATE:MONTANT",
                   help="paiement partiel, répétable, ex. 2024-01-15:2500")
    p.add_argument("--prolonger", action="store_true",
                   help="au-delà des taux connus, prolonger le dernier taux (hypothèse signalée)")
    p.add_argument("--json", action="store_true", help="sortie JSON")
    return parseur


def _payload(args: argparse.Namespace) -> dict:
    valeurs = {k: v for k, v in vars(args).items() if k not in ("calculateur", "json")}
    if "acompte" in valeurs:
        valeurs["acomptes"] = valeurs.pop("acompte")
    if "prolonger" in valeurs:
        valeurs["prolonger"] = "oui" if valeurs["prolonger"] else ""
    return valeurs


def main(argv: list[str] | None = None) -> int:
    args = _parseur().parse_args(argv)
    resultat = run(args.calculateur, _payload(args))
    if not resultat["ok"]:
        for erreur in resultat["erreurs"]:
            print(f"Erreur ({erreur['field'] or 'saisie'}) : {erreur['message']}", file=sys.stderr)
        return 2
    if args.json:
        sortie = {k: v for k, v in resultat.items() if k != "affichage"}
        print(json.dumps(sortie, ensure_ascii=False, indent=2))
    else:
        print(resultat["affichage"]["texte"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
