"""Ligne de commande des lettres : `python -m calculators lettre --modele … --donnees fichier.json`.

Les options sont celles du registre (`champs.FORMULAIRE`), plus un fichier de saisies et le format.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

from .champs import FORMULAIRE

if TYPE_CHECKING:  # argparse ne sert qu'à la ligne de commande
    import argparse


def options_cli(parseur: argparse.ArgumentParser) -> None:
    """Options de `python -m calculators lettre` : celles du registre, plus un fichier de saisies."""
    FORMULAIRE.options(parseur)
    parseur.add_argument("--donnees", default="", metavar="FICHIER.json",
                         help="saisies au format JSON, mêmes noms que les options (« - » : entrée standard) ; "
                              "une option donnée l'emporte sur le fichier")
    parseur.add_argument("--format", default="texte", choices=("texte", "html"),
                         help="texte (défaut) ou html (document complet, imprimable)")


class SaisiesCli(dict):
    """Les saisies de la ligne de commande, avec ce qu'elle seule peut demander, en attributs et non
    en clés : un formulaire venu de la page (un dict de JSON) ne peut ni imposer un message d'erreur
    (`erreur_donnees`, fichier `--donnees` illisible, lu par `champs.lire`) ni demander un
    document HTML complet (`html`)."""

    erreur_donnees = ""
    html = False


def depuis_cli(args: argparse.Namespace) -> SaisiesCli:
    """Fichier JSON puis options → saisies ; un fichier illisible devient une erreur nommée."""
    lues = _fichier(args.donnees) if args.donnees else {}
    saisies = SaisiesCli() if isinstance(lues, str) else SaisiesCli(lues)
    if isinstance(lues, str):
        saisies.erreur_donnees = lues
    for nom, valeur in FORMULAIRE.depuis_cli(args).items():
        if valeur not in ("", []):
            saisies[nom] = valeur
    saisies.html = args.format == "html"
    return saisies


# Les noms des champs du formulaire, et la date du jour qu'un test ou un lot peut fixer (`api`).
NOMS_ACCEPTES = frozenset(champ.nom for champ in FORMULAIRE.champs) | {"aujourdhui"}
DONNEES_MAX = 200_000  # octets : comme `api.SAISIES_MAX` ; /dev/zero ou un gros fichier n'est pas lu en entier


def _fichier(chemin: str) -> dict | str:
    """Fichier `--donnees` (ou « - », l'entrée standard) → saisies ; sinon un message en français."""
    nom = chemin if len(chemin) <= 60 else chemin[:60] + "…"

    def refus(raison: str) -> str:
        return f"Fichier de données illisible ({nom}) : {raison}."

    try:
        if chemin == "-":
            octets = sys.stdin.buffer.read(DONNEES_MAX + 1)
        else:
            with open(chemin, "rb") as fichier:
                octets = fichier.read(DONNEES_MAX + 1)
    except FileNotFoundError:
        return refus("fichier introuvable")
    except IsADirectoryError:
        return refus("c'est un dossier, pas un fichier")
    except PermissionError:
        return refus("lecture non autorisée")
    except OSError:
        return refus("lecture impossible")
    if len(octets) > DONNEES_MAX:
        return refus(f"plus de {DONNEES_MAX // 1000} ko, ce n'est pas un fichier de saisies")
    try:
        saisies = json.loads(octets.decode("utf-8-sig"))  # -sig : une marque d'ordre (BOM) est tolérée
    except UnicodeDecodeError:
        return refus("ce n'est pas un texte UTF-8")
    except json.JSONDecodeError as exc:
        return refus(f"JSON mal formé à la ligne {exc.lineno}, colonne {exc.colno}")
    except (ValueError, RecursionError):
        return refus("JSON mal formé ou trop imbriqué")
    if not isinstance(saisies, dict):
        return refus('il doit contenir un objet JSON { "champ": "valeur", … }')
    # Un nom mal écrit (« facture » pour « factures ») était ignoré sans rien dire, et la lettre
    # refusée pour une autre raison (« Ajoutez au moins une facture »).
    inconnus = [str(cle)[:40] for cle in saisies if cle not in NOMS_ACCEPTES]
    if inconnus:
        pluriel = "s" if len(inconnus) > 1 else ""
        return refus(f"nom{pluriel} inconnu{pluriel} : {', '.join(f'« {cle} »' for cle in inconnus[:5])} ; les noms "
                     f"sont ceux des options sans « -- » (creancier_nom, date_lettre…), et « factures » pour la "
                     f"liste des factures")
    return saisies
