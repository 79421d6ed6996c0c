"""Point d'entrée unique : le navigateur (Pyodide) et la ligne de commande appellent `run`.

JSON en entrée, JSON en sortie. En cas de saisie refusée : `{"ok": false, "erreurs": [{"field",
"message"}]}`, messages en français, prêts pour le résumé d'erreurs du formulaire.
"""

from __future__ import annotations

import importlib
import json

from .commun.erreurs import SaisieInvalide

# Nom du calculateur → module qui l'implémente. Chaque module expose NOM, AIDE,
# options(parseur), depuis_cli(args) et executer(saisies). Import à la première demande :
# dans le navigateur, une page ne paie au démarrage que l'import de son propre calculateur.
MODULES = {"penalites": "penalites_api", "echeancier": "echeancier_api", "delai": "delai_api", "lettre": "lettre_api"}


def calculateur(nom: str):
    """Module du calculateur `nom` (KeyError s'il n'existe pas)."""
    return importlib.import_module(f".{MODULES[nom]}", __package__)


def run(name: str, payload: dict) -> dict:
    """Exécute le calculateur `name` sur les saisies `payload` (textes tels que tapés).

    >>> r = run("penalites", {"montant": "10000", "echeance": "30/11/2023", "paiement": "31/01/2024"})
    >>> r["penalites"], r["indemnite_forfaitaire"]
    ('242.05', '40.00')
    >>> run("penalites", {"montant": "abc", "echeance": "31/02/2024"})["erreurs"][0]["field"]
    'montant'
    """
    if name not in MODULES:
        return {"ok": False, "erreurs": [{"field": "", "message": f"Calculateur inconnu : « {name} »."}]}
    if not isinstance(payload, dict):
        return {"ok": False, "erreurs": [{"field": "", "message": "Les données reçues ne sont pas un formulaire."}]}
    try:
        return calculateur(name).executer(payload)
    except SaisieInvalide as exc:
        return {"ok": False, "erreurs": [e.en_dict() for e in exc.erreurs]}


def run_json(name: str, payload_json: str) -> str:
    """Même chose, chaînes JSON de part et d'autre (frontière étroite avec JavaScript)."""
    try:
        payload = json.loads(payload_json)
    except json.JSONDecodeError:
        payload = None
    return json.dumps(run(name, payload), ensure_ascii=False)
