"""Point d'entrée unique : le navigateur (Pyodide) et la ligne de commande appellent `run`.

JSON en entrée, JSON en sortie. En cas de saisie refusée : `{"ok": false, "erreurs": [{"field",
"message"}]}`, messages en français, prêts pour le résumé d'erreurs du formulaire.
Chaque calculateur est un paquet `calculators/<paquet>/` qui expose NOM, AIDE, FORMULAIRE
(le registre de ses saisies) et `executer(saisies)`.
"""

from __future__ import annotations

import difflib
import hashlib
import importlib
import json
import re
import traceback

from .commun.affichage import resume_ordonne, typographier
from .commun.erreurs import SaisieInvalide
from .commun.format_fr import date_longue, typographie
from .commun.saisie import aujourdhui


# Nom du calculateur (ligne de commande, attribut data-calc de la page) → paquet. Import à la
# première demande : dans le navigateur, une page ne paie que l'import de son propre calculateur.
CALCULATEURS = {
    "penalites": "penalites", "delai": "delai", "echeancier": "echeancier", "interet-legal": "interet_legal",
    "interets-moratoires": "interets_moratoires", "lettre": "lettres", "portefeuille": "portefeuille",
}
SAISIES_MAX = 200_000  # octets de JSON : un formulaire en fait quelques centaines


def calculateur(nom: str):
    """Paquet du calculateur `nom` (KeyError s'il n'existe pas)."""
    return importlib.import_module(f".{CALCULATEURS[nom]}", __package__)


def _refus(message: str, field: str = "") -> dict:
    return {"ok": False, "erreurs": [{"field": field, "message": message}]}


def _erreur_interne(exc: BaseException) -> dict:
    """Un défaut du calculateur, pas une faute de saisie : message court, détail pour la console."""
    detail = "".join(traceback.format_exception(exc))
    reference = hashlib.sha256(detail.encode()).hexdigest()[:8].upper()
    reponse = _refus(f"Le calcul a échoué à cause d'une erreur interne (référence {reference}). Vos saisies "
                     f"sont conservées ; merci de signaler ce cas avec cette référence.")
    reponse["interne"] = {"reference": reference, "detail": detail}
    return reponse


def _inconnu(name) -> dict:
    return _refus(f"Calculateur inconnu : « {name[:40]} »." if isinstance(name, str) else "Calculateur inconnu.")


def _champ_a_demi_caractere(payload: dict) -> str | None:
    """Le premier champ dont un texte porte une moitié de paire UTF-16 seule (« \\ud800 », que
    JSON.stringify laisse passer) : aucun texte ne peut l'écrire, et un lien ou un fichier qui en
    contient faisait échouer le calcul (erreur interne) au lieu de le refuser au champ."""
    for cle, valeur in payload.items():
        textes = [valeur] if isinstance(valeur, str) else [
            v for ligne in valeur if isinstance(ligne, dict) for v in ligne.values() if isinstance(v, str)
        ] if isinstance(valeur, list) else []
        if _DEMI.search(cle) or any(_DEMI.search(t) for t in textes):
            return cle
    return None


_DEMI = re.compile("[\ud800-\udfff]")


def _cles_inconnues(module, payload: dict) -> list[dict]:
    """Une clé que le calculateur ne lit pas (« taux_contractuel » pour « taux ») serait ignorée, et
    le calcul fait avec la valeur par défaut, sans rien dire : refusée, la plus proche proposée.
    Connues : les champs du formulaire, leurs alias (`ALIAS`), les entrées hors formulaire
    (`ENTREES` : le contenu du fichier du poste clients) et `aujourdhui` (la date des tests). Erreur
    générale (`field` vide) : elle n'est attachée à aucun champ du formulaire, et son message la nomme."""
    connues = ([ch.nom for ch in module.FORMULAIRE.champs] + list(getattr(module, "ALIAS", ()))
               + list(getattr(module, "ENTREES", ())))
    erreurs = []
    for cle in payload:
        if cle in connues or cle == "aujourdhui":
            continue
        if len(erreurs) == 10:  # assez pour corriger ; un JSON de 20 000 clés n'est pas comparé clé à clé
            break
        proche = (difflib.get_close_matches(cle.lower(), connues, n=1, cutoff=0.6)
                  or [c for c in connues if cle.lower().startswith(c)][:1])
        conseil = f" Vouliez-vous dire « {proche[0]} » ?" if proche else ""
        erreurs.append({"field": "", "message": typographie(
            f"Donnée inconnue de ce calculateur : « {cle[:40]} ».{conseil} Données lues : " + ", ".join(connues) + ".")})
    return erreurs


def _en_json(erreurs: list) -> list[dict]:
    """Erreurs des champs (`ErreurChamp`) telles que l'API les rend, typographie française comprise."""
    return [{**e.en_dict(), "message": typographie(e.message)} for e in erreurs]


def run(name: str, payload: dict) -> dict:
    """Exécute le calculateur `name` sur les saisies `payload` (textes tels que tapés).

    >>> r = run("penalites", {"montant": "10000", "echeance": "30/11/2023", "paiement": "31/01/2024"})
    >>> r["penalites"], r["indemnite_forfaitaire"]
    ('242.05', '40.00')
    >>> run("penalites", {"montant": "abc", "echeance": "31/02/2024"})["erreurs"][0]["field"]
    'montant'
    """
    if not isinstance(name, str) or name not in CALCULATEURS:
        return _inconnu(name)
    if not isinstance(payload, dict) or not all(isinstance(cle, str) for cle in payload):
        return _refus("Les données reçues ne sont pas un formulaire.")
    champ = _champ_a_demi_caractere(payload)
    if champ is not None:
        return _refus(typographie("Ce champ contient un demi-caractère Unicode, qu'aucun texte ne peut écrire "
                                  "(souvent un emoji coupé par un copier-coller) : corrigez-le."), champ)
    try:
        module = calculateur(name)
        inconnues = _cles_inconnues(module, payload)
        if inconnues:
            # Dites avec les erreurs de lecture des champs, toutes à la fois ; ni calcul ni résultat
            # (un grand livre n'est pas analysé pour être refusé).
            _, lus = module.FORMULAIRE.lire(payload)
            return {"ok": False, "erreurs": inconnues + _en_json(lus.erreurs)}
        resultat = module.executer(payload)
        if "affichage" in resultat:
            resultat["affichage"]["resume"] = resume_ordonne(resultat["affichage"]["resume"])
            typographier(resultat["affichage"])
        if resultat.get("lien") and "affichage" in resultat:
            # Pour l'impression : les saisies relues à la française et le jour du calcul.
            resultat["affichage"]["saisies"] = module.FORMULAIRE.saisies_lisibles(resultat["lien"])
            resultat["affichage"]["date"] = f"Calcul du {date_longue(aujourdhui(payload))}"
        return resultat
    except SaisieInvalide as exc:
        return {"ok": False, "erreurs": _en_json(exc.erreurs)}
    except (RecursionError, MemoryError, Exception) as exc:  # noqa: BLE001 - la page doit toujours répondre
        return _erreur_interne(exc)


def lien(name: str, texte: str) -> dict:
    """Lien partagé → valeurs du formulaire, écrites à la française (voir `Formulaire.depuis_lien`)."""
    if not isinstance(name, str) or name not in CALCULATEURS:
        return _inconnu(name)
    if not isinstance(texte, str) or len(texte) > SAISIES_MAX:
        return _refus("Ce lien est illisible : ouvrez le calculateur sans lien et saisissez les valeurs.")
    try:
        return calculateur(name).FORMULAIRE.depuis_lien(texte)
    except Exception as exc:  # noqa: BLE001
        return _erreur_interne(exc)


def lien_calcul(name: str, demande: dict) -> dict:
    """Lien partagé ouvert : le lire (`lien`) et, s'il est complet, calculer du même échange.

    `demande` : `{"lien": texte, "saisies": valeurs du formulaire avant qu'il soit rempli}`. Le
    calcul porte sur ces saisies, celles du lien par-dessus, rendues sous `saisies` : ce que la page
    lira une fois le formulaire rempli. La page les compare aux siennes et recalcule si elles
    diffèrent (une liste qui n'a pas la valeur, une ligne au champ que le lien ne donne pas). Pourquoi :
    la page envoie cette demande dès son montage, le worker la traite sitôt Python prêt, et le
    premier résultat d'un lien n'attend plus deux allers-retours entre la page et le worker.

    >>> r = lien_calcul("penalites", {"lien": "montant=10000&echeance=2023-11-30&paiement=2024-01-31",
    ...                               "saisies": {"montant": "", "taux": ""}})
    >>> r["saisies"]["montant"], r["saisies"]["taux"], r["calcul"]["penalites"]
    ('10\u202f000,00', '', '242.05')
    >>> "calcul" in lien_calcul("penalites", {"lien": "montant=10000", "saisies": {}})
    False
    """
    if not isinstance(demande, dict) or not isinstance(demande.get("saisies"), dict):
        return _refus("Les données reçues ne sont pas un formulaire.")
    lu = lien(name, demande.get("lien"))
    if not lu.get("ok") or lu.get("erreurs") or not lu.get("complet"):
        return lu
    saisies = {**demande["saisies"], **lu["valeurs"], **lu["lignes"]}
    return {**lu, "saisies": saisies, "calcul": run(name, dict(saisies))}


def _json(fonction, name: str, payload_json: str) -> str:
    if not isinstance(payload_json, str):
        return json.dumps(_refus("Les données reçues ne sont pas un formulaire."), ensure_ascii=False)
    if len(payload_json.encode("utf-8", "replace")) > SAISIES_MAX:
        return json.dumps(_refus("Les données reçues sont trop volumineuses pour un formulaire."), ensure_ascii=False)
    try:
        payload = json.loads(payload_json.removeprefix("\ufeff"))
    except (ValueError, RecursionError):
        payload = None
    return json.dumps(fonction(name, payload), ensure_ascii=False)


def run_json(name: str, payload_json: str) -> str:
    """Même chose que `run`, chaînes JSON de part et d'autre (frontière étroite avec JavaScript)."""
    return _json(run, name, payload_json)


def lien_json(name: str, texte_json: str) -> str:
    """Même chose que `lien` : le texte du lien arrive en chaîne JSON."""
    return _json(lien, name, texte_json)


def lien_calcul_json(name: str, demande_json: str) -> str:
    """Même chose que `lien_calcul`, chaînes JSON de part et d'autre."""
    return _json(lien_calcul, name, demande_json)
