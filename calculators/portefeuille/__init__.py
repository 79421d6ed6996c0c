"""Calculateur « portefeuille » : analyse d'un grand livre clients entier (FEC ou tableau de factures).

Balance âgée, DSO, tableaux D441-6 (C. com. art. L441-14), pénalités et indemnités dues
(L441-10, D441-5), relevé des factures ouvertes et clients à relancer, à une date d'analyse.
Modules, par ce qu'ils calculent :

- lecture : `decodage` (octets → lignes), `entete_fec` et `lecture_fec` (LPF art. A47 A-1),
  `ecritures` (nature d'une ligne de tiers), `lecture_csv` (tableau de factures ; une facture
  répétée sur plusieurs lignes : `factures_repetees`) ;
- règles : `echeances`, `lettrage`, `balance_agee`, `dso`, `d441_6`, `penalites`, `relances`,
  assemblées compte par compte par `calcul` ;
- `champs` (registre des réglages), `analyse` (l'objet `Analyse` lu par morceaux), `sortie`
  (JSON), `rendu` et `exports` (français, CSV), `cli` (ligne de commande).

Deux portes d'entrée, mêmes résultats :

- `executer(payload)` (via `calculators.api.run("portefeuille", payload)`) : `payload["fichier"]`
  est le contenu du fichier (texte ou octets), ou une liste de morceaux, plus les réglages ;
- `Analyse` pour un gros fichier lu par morceaux (Web Worker, ligne de commande) : voir
  `analyse` ; `verifier_taille(octets)` dit avant de lire si le navigateur peut le prendre.
"""

from __future__ import annotations

from .analyse import Analyse, echec, verifier_taille
from .champs import ALIAS, CHAMPS_LECTURE, FORMULAIRE

NOM = "portefeuille"
# Les règles de ce calculateur, un module par chose calculée (voir `tests/unit/test_structure.py`).
REGLES = ("echeances", "lettrage", "balance_agee", "dso", "d441_6", "penalites", "relances")
ENTREES = ("fichier",)  # hors du formulaire (voir `calculators.api`) : le contenu du fichier analysé
AIDE = ("analyse d'un grand livre clients (FEC ou tableau de factures) : balance âgée, DSO, tableau D441-6, "
        "pénalités dues, clients à relancer")


def executer(payload: dict) -> dict:
    """Point d'entrée du calculateur (voir `calculators.api.run`) ; ne lève jamais."""
    if not isinstance(payload, dict):
        return echec([{"field": "", "message": "Les réglages reçus sont illisibles."}])
    fichier = payload.get("fichier")
    if fichier is None or fichier == "" or fichier == []:
        return echec([{"field": "fichier", "message": "Choisissez un fichier : le FEC de votre comptabilité ou un "
                                                      "tableau de factures (CSV)."}])
    analyse = Analyse({cle: valeur for cle, valeur in payload.items() if ALIAS.get(cle, cle) in CHAMPS_LECTURE})
    for morceau in fichier if isinstance(fichier, (list, tuple)) else [fichier]:
        etat = analyse.ajouter(morceau)
        if not etat["ok"]:
            return etat
    return analyse.resultat(payload)


def options_cli(parseur) -> None:
    """Options de `python -m calculators portefeuille` (voir `cli`) ; `--json` vient de `__main__`."""
    from .cli import options_cli as _options

    _options(parseur)


def main(args) -> int:
    """Exécute la ligne de commande sur des arguments déjà lus (voir `cli`)."""
    from .cli import main as _main

    return _main(args)


__all__ = ["NOM", "AIDE", "ENTREES", "REGLES", "FORMULAIRE", "Analyse", "executer", "verifier_taille", "options_cli", "main"]
