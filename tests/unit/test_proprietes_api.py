"""Propriété de la frontière JSON : quoi qu'on envoie à `run` ou `run_json`, une réponse, jamais d'exception.

Hypothesis fabrique des valeurs JSON quelconques (récursives : listes et objets imbriqués, `null`,
booléens, nombres entiers immenses ou à virgule, textes de toute sorte, chiffres qui ne sont pas
ASCII mais passent `isdigit()`), sous les noms des champs de chaque calculateur pour qu'elles
atteignent vraiment les lecteurs, et aussi comme charge entière. La réponse est toujours un
résultat (`ok` vrai) ou une liste d'erreurs en français, jamais l'erreur interne (une trace
Python montrée à l'utilisateur). Tous les calculateurs inscrits dans `api.CALCULATEURS` y passent,
y compris ceux qui s'ajouteront.
"""

from __future__ import annotations

import json
import re
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculators.api import (CALCULATEURS, SAISIES_MAX, calculateur, lien, lien_calcul, lien_calcul_json, lien_json,
                             run, run_json)
from calculators.commun.champs import Lignes

_ANGLAIS = re.compile(r"\b(error|invalid|exception|traceback|keyerror|valueerror|overflow|recursion)\b", re.I)
# Tirage fixe (derandomize) : la CI rejoue les mêmes cas, d'une machine à l'autre.
REGLAGES = settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow,
                                                                            HealthCheck.data_too_large])

# Des morceaux qui ressemblent à ce que les lecteurs attendent, pour aller plus loin qu'un refus de forme.
MORCEAUX = st.sampled_from([
    "0", "1", "9", "31", "12", "2024", "9999", "0001", "/", "-", ".", ",", ":", ";", " ", "\u202f", "€", "%",
    "²", "①", "٣", "１", "e", "E", "NaN", "inf", "oui", "non", "2023-11-30", "31/12/9999", "29/02/2024",
    "mensuelle", "annuelle", "constantes", "60j", "principal", "interets", "mise-en-demeure", "\x00", "\n",
])
TEXTES = st.one_of(
    st.text(max_size=60),
    st.lists(MORCEAUX, max_size=12).map("".join),
    st.integers(0, 250_000).map(lambda n: "9" * n),  # jusqu'au-delà de TEXTE_MAX et de SAISIES_MAX
)
NOMBRES = st.one_of(
    st.integers(), st.integers(-10**6000, 10**6000), st.floats(allow_nan=False, allow_infinity=False),
)
FEUILLES = st.one_of(st.none(), st.booleans(), NOMBRES, TEXTES)


def _imbrique(profondeur: int):
    valeur = "1"
    for rang in range(profondeur):
        valeur = [valeur] if rang % 2 else {"a": valeur}
    return valeur


JSON = st.one_of(
    st.recursive(FEUILLES, lambda enfants: st.lists(enfants, max_size=5)
                 | st.dictionaries(st.text(max_size=10), enfants, max_size=5), max_leaves=20),
    st.integers(0, 3000).map(_imbrique),  # profondeur de quelques milliers
)


def _noms(nom: str) -> list[str]:
    noms = []
    for ch in calculateur(nom).FORMULAIRE.champs:
        noms.append(ch.nom)
        if isinstance(ch, Lignes):
            noms.append(ch.param)
    if nom == "portefeuille":
        noms.append("fichier")  # le grand livre : pas une saisie du registre, lu à part
    return noms + ["aujourdhui"]


def _saisies(nom: str):
    return st.one_of(
        st.dictionaries(st.sampled_from(_noms(nom)), JSON, max_size=len(_noms(nom))),
        st.dictionaries(st.sampled_from(_noms(nom)), FEUILLES, max_size=len(_noms(nom))),
        JSON,  # la charge entière n'est pas un formulaire
    )


def verifier(reponse) -> None:
    assert isinstance(reponse, dict) and isinstance(reponse.get("ok"), bool), reponse
    assert "interne" not in reponse, reponse["interne"]["detail"]
    if not reponse["ok"]:
        assert reponse["erreurs"], reponse
        for erreur in reponse["erreurs"]:
            assert isinstance(erreur["field"], str)
            message = erreur["message"]
            assert isinstance(message, str) and message and not _ANGLAIS.search(message), message[:300]


def _json(valeur) -> str | None:
    try:
        return json.dumps(valeur, ensure_ascii=False)
    except (ValueError, RecursionError):  # entier immense, imbrication trop profonde pour json.dumps
        return None


@pytest.mark.parametrize("nom", list(CALCULATEURS))
def test_run_ne_leve_jamais(nom):
    @REGLAGES
    @given(_saisies(nom))
    def propriete(saisies):
        verifier(run(nom, saisies))

    propriete()


@pytest.mark.parametrize("nom", list(CALCULATEURS))
def test_run_json_ne_leve_jamais(nom):
    @REGLAGES
    @given(_saisies(nom), st.sampled_from(["", "\ufeff", " "]))
    def propriete(saisies, prefixe):
        texte = _json(saisies)
        if texte is None:
            return
        reponse = run_json(nom, prefixe + texte)
        assert isinstance(reponse, str)
        verifier(json.loads(reponse))

    propriete()


@pytest.mark.parametrize("nom", list(CALCULATEURS))
@pytest.mark.parametrize("texte", [
    "[" * 100_000 + "]" * 100_000 if 200_000 <= SAISIES_MAX else "[]",  # RecursionError dans json.loads
    "[" * 50_000,
    '{"montant": ' + "9" * 5000 + "}",  # entier au-delà de la limite de conversion de Python
    '{"montant": 1e400}',
    '{"montant": NaN, "echeance": Infinity}',
    "\ufeff{}",
    "\x00" * 10,
    "0" * (SAISIES_MAX + 1),
    "€" * (SAISIES_MAX // 2),  # moins de caractères que la borne, plus d'octets
    "null", "[]", '"texte"', "12", "true",
], ids=["imbrique-ferme", "imbrique-ouvert", "entier-geant", "flottant-infini", "nan", "bom", "nuls",
        "trop-gros", "multioctet", "null", "liste", "texte", "nombre", "booleen"])
def test_json_extremes(nom, texte):
    verifier(json.loads(run_json(nom, texte)))


@pytest.mark.parametrize("nom", list(CALCULATEURS))
def test_charges_qui_ne_sont_pas_des_formulaires(nom):
    ancienne = sys.getrecursionlimit()
    for charge in (None, [], "texte", 12, {1: "a"}, {None: "a"}, {("a",): 1}, _imbrique(50_000)):
        verifier(run(nom, charge))
    assert sys.getrecursionlimit() == ancienne


@pytest.mark.parametrize("nom", list(CALCULATEURS))
def test_lien_ne_leve_jamais(nom):
    """Un lien partagé quelconque (noms des champs, valeurs de toute sorte) : des valeurs à afficher et
    des erreurs en français, jamais d'exception."""
    paire = st.tuples(st.sampled_from(_noms(nom)) | st.text(max_size=8), TEXTES)
    texte = st.tuples(st.sampled_from(["", "#", "?", "?#"]), st.lists(paire, max_size=8)).map(
        lambda t: t[0] + "&".join(f"{cle}={valeur}" for cle, valeur in t[1]))

    @REGLAGES
    @given(texte | st.text(max_size=200) | JSON)
    def propriete(texte):
        reponse = lien(nom, texte)
        verifier(reponse)
        if reponse["ok"]:
            assert all(isinstance(v, str) for v in reponse["valeurs"].values())
            verifier({"ok": False, "erreurs": reponse["erreurs"]} if reponse["erreurs"] else {"ok": True})
        if (brut := _json(texte)) is not None:
            verifier(json.loads(lien_json(nom, brut)))

    propriete()


@pytest.mark.parametrize("nom", list(CALCULATEURS))
def test_lien_calcul_ne_leve_jamais_et_calcule_ce_qu_il_rend(nom):
    """Lien et saisies du formulaire quelconques : une réponse, jamais d'exception ; et quand le lien
    est calculé d'avance, c'est exactement `run` des saisies rendues (ce que la page compare aux
    siennes avant de montrer ce calcul)."""
    lien_texte = st.lists(st.tuples(st.sampled_from(_noms(nom)), TEXTES), max_size=6).map(
        lambda paires: "&".join(f"{cle}={valeur}" for cle, valeur in paires))

    @REGLAGES
    @given(st.fixed_dictionaries({"lien": lien_texte | JSON, "saisies": _saisies(nom)}) | JSON)
    def propriete(demande):
        reponse = lien_calcul(nom, demande)
        verifier(reponse)
        if "calcul" in reponse:
            assert reponse["complet"] and not reponse["erreurs"]
            verifier(reponse["calcul"])
            assert reponse["calcul"] == run(nom, dict(reponse["saisies"]))
        if (brut := _json(demande)) is not None:
            verifier(json.loads(lien_calcul_json(nom, brut)))

    propriete()


def test_calculateur_inconnu():
    for nom in ("", "x" * 10_000, None, 12, ["penalites"]):
        reponse = run(nom, {})
        verifier(reponse)
        assert reponse["ok"] is False and len(reponse["erreurs"][0]["message"]) < 200
