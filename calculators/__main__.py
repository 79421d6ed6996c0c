"""Ligne de commande : `python -m calculators <calculateur> [options] [--json]`.

Les options sont celles du registre des saisies de chaque calculateur (`FORMULAIRE`) : mêmes
noms que les champs du formulaire et les paramètres du lien partageable. La commande appelle
`calculators.api.run`, exactement comme la page. Code de sortie 2 si une saisie est refusée
(messages en français sur la sortie d'erreur ; avec `--json`, l'objet de refus de l'API aussi,
sur la sortie standard, pour un traitement par lots qui lit le JSON).
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from .api import CALCULATEURS, calculateur, run
from .commun.argparse_fr import Parseur, franciser, imprimer_refus
from .commun.erreurs import cause_systeme

franciser()
EXTRAIT_MAX = 800  # les valeurs citées sont déjà tronquées au champ ; un message entier reste lisible


def _parseur(seul: str | None = None) -> tuple[argparse.ArgumentParser, dict]:
    """Le parseur de la commande et celui de chaque calculateur ; `seul` : le calculateur demandé,
    le seul alors importé (les sept importés pour rien coûtaient 0,2 s à chaque commande, mesuré)."""
    parseur = Parseur(
        prog="python -m calculators",
        description="Calculateurs des impayés clients (mêmes règles que le site).",
        allow_abbrev=False,  # « --mont » pour « --montant » : une commande de lot écrit l'option entière
    )
    sous = parseur.add_subparsers(dest="calculateur", required=True, metavar="CALCULATEUR")
    for nom in [seul] if seul in CALCULATEURS else CALCULATEURS:
        module = calculateur(nom)
        p = sous.add_parser(nom, help=module.AIDE, description=module.AIDE, allow_abbrev=False)
        getattr(module, "options_cli", module.FORMULAIRE.options)(p)  # lettre : --donnees, --format
        p.add_argument("--json", action="store_true", help="sortie JSON")
    return parseur, sous.choices


def _extrait(texte: str) -> str:
    """Un message trop long perd son milieu, pas sa fin : c'est elle qui dit quoi faire (« Datez la lettre
    au plus tard du…, ou cochez… ») ; testé dans tests/unit/test_api_cli.py (pytest ne lit pas les exemples
    d'un `__main__.py`)."""
    if len(texte) <= EXTRAIT_MAX:
        return texte
    moitie = (EXTRAIT_MAX - 5) // 2
    return f"{texte[:moitie]} […] {texte[-moitie:]}"


def _avec_options(message: str, module) -> str:
    """Un message nomme un champ par son libellé (« cochez « Prolonger le dernier taux connu » ») :
    en ligne de commande, l'option suit le libellé (les options portent les noms des champs, lettre
    comprise). Pas dans le JSON, qui reste celui de l'API."""
    for ch in module.FORMULAIRE.champs:
        for espace in ("\u00a0", " "):  # l'API met des insécables dans les guillemets
            cite = f"«{espace}{ch.libelle}{espace}»"
            message = message.replace(cite, f"{cite} (--{getattr(ch, 'param', ch.nom)})")
    return message


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["taux"]:  # pas un calculateur : la commande de mise à jour des tables
        print("La mise à jour des tables de taux est une commande à part : python -m calculators.taux --bce FICHIER "
              "--legal FICHIER (ou make taux BCE=… LEGAL=…) ; voir le README, « Mettre à jour les taux ».",
              file=sys.stderr)
        return 2
    Parseur.json_voulu = "--json" in argv
    parseur, calculateurs = _parseur(argv[0] if argv else None)
    args, inconnues = parseur.parse_known_args(argv)
    if inconnues:  # l'usage du calculateur demandé, pas celui de la commande générale
        calculateurs[args.calculateur].error(f"options inconnues : {' '.join(inconnues)}")
    module = calculateur(args.calculateur)
    if hasattr(module, "main"):  # portefeuille : le fichier est lu du disque par morceaux, pas en JSON
        return module.main(args)
    resultat = run(args.calculateur, getattr(module, "depuis_cli", module.FORMULAIRE.depuis_cli)(args))
    if not resultat["ok"]:
        for erreur in resultat["erreurs"]:
            print(f"Erreur ({erreur['field'] or 'saisie'}) : {_extrait(_avec_options(erreur['message'], module))}",
                  file=sys.stderr)
        if args.json:
            imprimer_refus(resultat["erreurs"])  # sans le détail d'une erreur interne, qui va à la sortie d'erreur
        if "interne" in resultat:
            print(resultat["interne"]["detail"], file=sys.stderr)
            return 1
        return 2
    if args.json:
        print(json.dumps({k: v for k, v in resultat.items() if k != "affichage"}, ensure_ascii=False, indent=2))
    else:
        print(resultat["affichage"]["texte"])
        if args.calculateur == "lettre":
            # Le texte est la lettre elle-même, à rediriger dans un fichier : les avertissements
            # (taux non confirmé, facture déjà payée…) vont à la sortie d'erreur, jamais dans la lettre.
            for message in resultat.get("avertissements", ()):
                print(f"Avertissement : {message}", file=sys.stderr)
    return 0


def principal(commande=main) -> int:
    """`commande()` (`main`, ou celle de `python -m calculators.portefeuille`), sans trace Python
    quand la sortie est fermée en route (`… | head`), pleine (disque plein) ou la commande
    interrompue (Ctrl-C, code 130)."""
    # UTF-8 quoi que dise la console ou la redirection (`> rapport.txt` sous Windows, en cp1252) : un
    # JSON s'écrit en UTF-8 (RFC 8259), et « 1 200,00 € » (espace fine) n'existe pas en cp1252. Un
    # octet non UTF-8 d'un argument, cité dans un message, s'écrit échappé au lieu de tout arrêter.
    for flux in (sys.stdout, sys.stderr):
        if hasattr(flux, "reconfigure"):
            flux.reconfigure(encoding="utf-8", errors="backslashreplace")
    try:
        code = commande()
        sys.stdout.flush()
        return code
    except KeyboardInterrupt:
        print("\nInterrompu.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # La sortie a été fermée : on redirige vers /dev/null pour que la fermeture finale
        # de Python ne lève pas une seconde fois.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:  # la sortie standard ne s'écrit plus (disque plein, sortie fermée)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        print(f"Erreur : impossible d'écrire la sortie : {cause_systeme(exc)}.", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(principal())
