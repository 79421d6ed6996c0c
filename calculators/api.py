"""Point d'entrée unique : le navigateur (Pyodide) et la ligne de commande appellent `run`.

JSON en entrée, JSON en sortie. En cas de saisie refusée : `{"ok": false, "erreurs": [{"field",
"message"}]}`, messages en français, prêts pour le résumé d'erreurs du formulaire.
"""

from __future__ import annotations

import json

from . import delai_api, echeancier_api, penalites_api
from .erreurs import SaisieInvalide

# Chaque module de calculateur expose NOM, AIDE, options(parseur), depuis_cli(args), executer(saisies).
MODULES = (penalites_api, echeancier_api, delai_api)
CALCULATEURS = {module.NOM: module for module in MODULES}


def run(name: str, payload: dict) -> dict:
    """Exécute le calculateur `name` sur les saisies `payload` (textes tels que tapés).

    >>> r = run("penalites", {"montant": "10000", "echeance": "30/11/2023", "paiement": "31/01/2024"})
    >>> r["penalites"], r["indemnite_forfaitaire"]
    ('242.05', '40.00')
    >>> run("penalites", {"montant": "abc", "echeance": "31/02/2024"})["erreurs"][0]["field"]
    'montant'
    """
    calculateur = CALCULATEURS.get(name)
    if calculateur is None:
        return {"ok": False, "erreurs": [{"field": "", "message": f"Calculateur inconnu : « {name} »."}]}
    if not isinstance(payload, dict):
        return {"ok": False, "erreurs": [{"field": "", "message": "Les données reçues ne sont pas un formulaire."}]}
    try:
        return calculateur.executer(payload)
    except SaisieInvalide as exc:
        return {"ok": False, "erreurs": [e.en_dict() for e in exc.erreurs]}


def run_json(name: str, payload_json: str) -> str:
    """Même chose, chaînes JSON de part et d'autre (frontière étroite avec JavaScript)."""
    try:
        payload = json.loads(payload_json)
    except json.JSONDecodeError:
        payload = None
    return json.dumps(run(name, payload), ensure_ascii=False)
