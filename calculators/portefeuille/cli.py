"""Ligne de commande : `python -m calculators portefeuille --fichier GL.txt [--au DATE] [--delai 60j] [--json|--csv DIR] [--site URL]`.

Le fichier est lu du disque par morceaux d'un mégaoctet (jamais entier en mémoire) par le même
objet `Analyse` que le navigateur. Code de sortie 2 et messages en français sur la sortie
d'erreur si le fichier ou un réglage est refusé (avec `--json`, l'objet de refus aussi, sur la
sortie standard : `ok`, `erreurs`, et pour un en-tête non reconnu, ses colonnes) ; sinon le résumé en français (par défaut),
le JSON (`--json`, sans l'affichage) et/ou les exports CSV écrits dans un dossier (`--csv`).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import urljoin

from ..commun import format_fr as fr
from ..commun.erreurs import cause_systeme
from . import exports
from .analyse import Analyse
from .champs import FORMULAIRE
from .modele import CLIENTS, FOURNISSEURS
from .lettres_preremplies import PAGE, relances_json
from .sortie import ecrire_json, en_json

MORCEAU = 1 << 20  # octets lus à la fois
GRAND_JSON = 2000  # factures en retard + clients : au-delà, JSON compact


def options_cli(parseur) -> None:
    """Options de `python -m calculators portefeuille` : le fichier, les exports, puis les champs du
    registre (`FORMULAIRE` : --au, --delai, --delai-client, --clients, --fournisseurs, --taux,
    --ht, --litiges, --colonne…). `--json` est ajouté par `calculators.__main__`."""
    from ..commun.argparse_fr import UneFois  # donnés deux fois, le dernier l'emportait sans rien dire

    parseur.add_argument("--fichier", required=True, action=UneFois, default=None,
                         help="FEC (LPF art. A47 A-1) ou tableau de factures (CSV) ; « - » : l'entrée standard")
    parseur.add_argument("--csv", default=None, metavar="DOSSIER", action=UneFois,
                         help="écrit les exports CSV dans ce dossier (UTF-8 avec BOM, « ; », virgule décimale)")
    parseur.add_argument("--site", default=None, metavar="ADRESSE", action=UneFois, type=adresse_du_site,
                         help="adresse où le site est servi (https://intranet.exemple.fr/impayes/) : les liens des "
                              "lettres préremplies, dans le JSON et relances.csv, deviennent des adresses complètes")
    FORMULAIRE.options(parseur)


def options(parseur) -> None:
    """Les mêmes, plus `--json` (commande autonome `python -m calculators.portefeuille`)."""
    options_cli(parseur)
    parseur.add_argument("--json", action="store_true", help="sortie JSON")


def adresse_du_site(texte: str) -> str:
    """`--site` : l'adresse d'où le site est servi, finie par « / » (les liens s'y ajoutent).

    >>> adresse_du_site(" https://intranet.exemple.fr/impayes ")
    'https://intranet.exemple.fr/impayes/'
    >>> adresse_du_site("intranet/impayes")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: « intranet/impayes » n'est pas l'adresse d'un site : écrivez-la en entier, avec http:// ou https:// et sans « ? » ni « # », par exemple https://intranet.exemple.fr/impayes/.
    """
    import argparse
    from urllib.parse import urlsplit

    adresse = texte.strip()
    morceaux = urlsplit(adresse)
    # Ni « ? » ni « # » : le lien d'une lettre porte ses factures après « # », qui ne se lirait plus.
    if morceaux.scheme not in ("http", "https") or not morceaux.netloc or "?" in adresse or "#" in adresse:
        raise argparse.ArgumentTypeError(f"« {adresse} » n'est pas l'adresse d'un site : écrivez-la en entier, avec "
                                         f"http:// ou https:// et sans « ? » ni « # », par exemple "
                                         f"https://intranet.exemple.fr/impayes/.")
    return adresse if adresse.endswith("/") else adresse + "/"


def depuis_cli(args) -> dict:
    """Options → réglages, comme ceux de la page (le fichier est lu à part, par morceaux)."""
    return FORMULAIRE.depuis_cli(args)


def analyser_fichier(chemin: str, reglages: dict):
    """Lit le fichier du disque par morceaux ; rend les résultats (`calcul.Resultats`) ou le refus (dict)."""
    analyse = Analyse(reglages)
    try:
        # « - » : l'entrée standard, comme `lettre --donnees -` (`zcat GL.txt.gz | … --fichier -`).
        with (open(sys.stdin.fileno(), "rb", closefd=False) if chemin == "-" else open(chemin, "rb")) as fichier:
            while morceau := fichier.read(MORCEAU):
                etat = analyse.ajouter(morceau)
                if not etat["ok"]:
                    return etat
    except OSError as exc:
        return {"ok": False, "erreurs": [{"field": "fichier", "message": f"Impossible de lire « {chemin} » : "
                                                                       f"{cause_systeme(exc)}."}]}
    return analyse.calculer(reglages, consommer=True)


def _lieu(erreur: dict) -> str:
    morceaux = [erreur.get("field") or "saisie"]
    if erreur.get("ligne"):
        morceaux.append(f"ligne {erreur['ligne']}")
    if erreur.get("colonne"):
        morceaux.append(f"colonne « {erreur['colonne']} »")
    return ", ".join(morceaux)


def _refus_json(refus: dict) -> None:
    from ..commun.argparse_fr import imprimer_refus  # ici : argparse n'a rien à faire dans le navigateur

    imprimer_refus(refus["erreurs"], refus)


def _refuser_csv(message: str, en_json_aussi: bool) -> None:
    print(f"Erreur (csv) : {message}", file=sys.stderr)
    if en_json_aussi:
        _refus_json({"erreurs": [{"field": "csv", "message": message}]})


def _ecrire_exports(resultats, dossier: Path, en_json_aussi: bool, page: str = "") -> bool:
    """Les exports CSV dans `dossier` ; False (erreur dite) si l'un ne s'écrit pas ; `page` : l'adresse de
    la page d'analyse (`--site`), pour les liens des lettres."""
    chemin = dossier
    try:
        dossier.mkdir(parents=True, exist_ok=True)
        for fichier in exports.fichiers(resultats, relances_json(resultats), page):
            # Écrit à côté puis renommé : un disque plein ne laisse pas un export coupé au milieu
            # d'une ligne parmi des exports complets.
            chemin = dossier / fichier["nom"]
            provisoire = chemin.with_name(chemin.name + ".partiel")
            try:
                provisoire.write_text(fichier["contenu"], encoding="utf-8", newline="")
                os.replace(provisoire, chemin)
            finally:
                provisoire.unlink(missing_ok=True)
    except OSError as exc:
        _refuser_csv(f"Impossible d'écrire « {chemin} » : {cause_systeme(exc)}.", en_json_aussi)
        return False
    # Celui d'une analyse précédente, dans le même dossier, passerait pour celui de ce fichier.
    if not resultats.tiers[FOURNISSEURS] and (dossier / exports.BALANCE_FOURNISSEURS).exists():
        print(f"Attention : « {exports.BALANCE_FOURNISSEURS} » vient d'une analyse précédente (ce fichier-ci "
              f"n'a pas de comptes fournisseurs) : supprimez-le, ou écrivez les exports dans un autre dossier.",
              file=sys.stderr)
    return True


def main(args) -> int:
    """Exécute l'analyse ; 0 si elle a abouti, 2 si le fichier ou un réglage est refusé."""
    if args.csv is not None and not args.csv.strip():  # `--csv "$DOSSIER"`, variable vide : rien n'était écrit
        _refuser_csv("Indiquez le dossier où écrire les exports CSV.", args.json)
        return 2
    reglages = depuis_cli(args)
    page = urljoin(args.site, PAGE) if args.site else ""  # les liens des lettres, en adresses complètes
    resultats = analyser_fichier(args.fichier, reglages)
    if isinstance(resultats, dict):
        for erreur in resultats["erreurs"]:
            print(f"Erreur ({_lieu(erreur)}) : {erreur['message']}", file=sys.stderr)
        if resultats.get("entetes"):
            entetes = resultats["entetes"]  # pour écrire les --colonne ; un en-tête interminable est abrégé
            exemples = resultats.get("colonnes", {}).get("exemples", {})  # valeurs de la 1re ligne de données
            reste = f" | … et {len(entetes) - 60} autres" if len(entetes) > 60 else ""
            print("Colonnes du fichier : " + " | ".join(e[:80] + (f" (ex. : {exemples[e]})" if e in exemples else "")
                                                         for e in entetes[:60]) + reste, file=sys.stderr)
        if args.json:
            _refus_json(resultats)
        return 2
    if args.csv and not _ecrire_exports(resultats, Path(args.csv), args.json, page):
        return 2
    if args.json:
        # Indenté tant qu'il reste lisible ; au-delà, compact (l'encodeur C de json, dix fois plus rapide).
        grand = len(resultats.penalites) + len(resultats.balances[CLIENTS][0]) > GRAND_JSON
        ecrire_json(resultats, sys.stdout, indent=None if grand else 2, adresse=page)
    else:
        print(en_json(resultats, details=False, exports=False)["affichage"]["texte"])
        if args.csv:
            print(f"\nExports CSV écrits dans {args.csv}.")
    if resultats.donnees.nb_rejets:
        # Le code reste 0 (l'analyse a abouti) ; un script qui ne lit que la sortie d'erreur voit quand
        # même que des lignes manquent aux chiffres.
        print(f"Attention : {fr.quantite(resultats.donnees.nb_rejets, 'ligne rejetée', 'lignes rejetées')} du "
              f"fichier, hors des chiffres (détail : « lecture » du JSON, « Avertissements » du résumé).", file=sys.stderr)
    return 0


def _parseur():
    from ..commun.argparse_fr import Parseur
    from . import AIDE

    Parseur.json_voulu = "--json" in sys.argv[1:]
    parseur = Parseur(prog="python -m calculators.portefeuille", description=AIDE, allow_abbrev=False)
    options(parseur)
    return parseur
