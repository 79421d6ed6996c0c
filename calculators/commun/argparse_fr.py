"""Les messages d'argparse en français, pour toutes les commandes du paquet (`python -m calculators`,
`python -m calculators.taux`). Argparse passe ses messages par gettext (`argparse._`) : on lui
donne leur traduction ; et le refus d'une commande lancée avec `--json`, écrit en JSON. Jamais importé
dans le navigateur."""

from __future__ import annotations

import argparse
import json
import os
import sys

FRANCAIS = {
    "usage: ": "usage : ",
    "options": "options",
    "positional arguments": "arguments",
    "show this help message and exit": "affiche cette aide",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "unrecognized arguments: %s": "options inconnues : %s",
    "argument %(argument_name)s: %(message)s": "option %(argument_name)s : %(message)s",
    "expected one argument": "une valeur est attendue",
    "invalid choice: %(value)r (choose from %(choices)s)": "choix inconnu : %(value)r (possibles : %(choices)s)",
    "ambiguous option: %(option)s could match %(matches)s": "option ambiguë : %(option)s peut désigner %(matches)s",
    "ignored explicit argument %r": "cette option ne prend pas de valeur (écrivez-la seule, sans %r)",
}


def franciser() -> None:
    """Argparse parlera français (idempotent)."""
    argparse._ = lambda message: FRANCAIS.get(message, message)


class UneFois(argparse.Action):
    """Refuse une option déjà donnée (`--montant 2000 --montant 3000`) : argparse garderait la
    dernière sans rien dire."""

    def __call__(self, parseur, espace, valeur, option=None):
        if getattr(espace, self.dest) != self.default:
            parseur.error(f"l'option {option} est donnée deux fois : gardez-en une seule.")
        setattr(espace, self.dest, valeur)


def imprimer_refus(erreurs: list, complement: dict | None = None) -> None:
    """Un refus sur la sortie standard, en JSON, de la forme que rend l'API (`ok`, `erreurs`) : un
    traitement par lots qui lit le JSON le voit comme une saisie refusée (`complement` : ce qui
    l'accompagne, les colonnes d'un tableau à faire correspondre). Sortie fermée avant sa
    lecture (`… | head -0`) : le refus reste dit sur la sortie d'erreur, et la commande finit avec le
    code du refus, pas le 0 d'une sortie simplement coupée (`__main__.principal`)."""
    try:
        print(json.dumps({"ok": False, "erreurs": erreurs, **(complement or {})}, ensure_ascii=False, indent=2))
        sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # la fermeture de Python n'y revient pas


class Parseur(argparse.ArgumentParser):
    """Une erreur d'usage (option inconnue, donnée deux fois…) d'une commande lancée avec `--json` est
    aussi écrite en JSON sur la sortie standard, comme une saisie refusée : un traitement par lots qui
    lit le JSON la voit. `json_voulu` : posé par la commande avant de lire ses arguments."""

    json_voulu = False

    def error(self, message):
        if Parseur.json_voulu:
            imprimer_refus([{"field": "", "message": message}])
        super().error(message)
