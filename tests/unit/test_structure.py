"""La forme commune des calculateurs, vérifiée : tailles, imports des règles, registre complet.

Chaque calculateur est un paquet `calculators/<paquet>/` avec `regles` (calcul pur), `champs`
(registre des saisies) et `rendu` (seul endroit qui écrit du français) ; voir le README,
« Ajouter un calculateur ».
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from calculators.api import CALCULATEURS, calculateur
from calculators.commun.champs import Formulaire

PAQUET = Path(__file__).resolve().parents[2] / "calculators"
MODULES = sorted(p for p in PAQUET.rglob("*.py") if "__pycache__" not in p.parts)
LIGNES_MAX = 420  # « ~400 lignes » : un module plus long fait deux choses
FONCTION_MAX = 60
# Ce qu'un module de règles ne doit jamais importer : la mise en forme, les saisies, la page.
INTERDITS_AUX_REGLES = ("format_fr", "champs", "saisie", "affichage", "sources", "rendu", "erreurs")


def _regles() -> list[Path]:
    """Modules de règles : `regles.py`, le paquet des taux, et ceux qu'un paquet déclare dans REGLES."""
    declares = {PAQUET / calculateur(nom).__name__.split(".")[-1] / f"{m}.py"
                for nom in CALCULATEURS for m in getattr(calculateur(nom), "REGLES", ())}
    return [p for p in MODULES if p.name == "regles.py" or p.parent.name == "taux" and p.name == "__init__.py"
            or p in declares]


@pytest.mark.parametrize("module", MODULES, ids=lambda p: str(p.relative_to(PAQUET)))
def test_module_court(module):
    assert len(module.read_text(encoding="utf-8").splitlines()) <= LIGNES_MAX


@pytest.mark.parametrize("module", MODULES, ids=lambda p: str(p.relative_to(PAQUET)))
def test_fonctions_courtes(module):
    arbre = ast.parse(module.read_text(encoding="utf-8"))
    longues = [f"{n.name} ({n.end_lineno - n.lineno + 1} lignes)" for n in ast.walk(arbre)
               if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.end_lineno - n.lineno + 1 > FONCTION_MAX]
    assert not longues


@pytest.mark.parametrize("module", _regles(), ids=lambda p: str(p.relative_to(PAQUET)))
def test_une_regle_ne_met_rien_en_forme(module):
    """Ni mise en forme, ni saisies, ni messages : une règle calcule sur des dates et des Decimal."""
    arbre = ast.parse(module.read_text(encoding="utf-8"))
    importes = set()
    for noeud in ast.walk(arbre):
        if isinstance(noeud, ast.ImportFrom):
            importes.add(noeud.module or "")
            importes.update(alias.name for alias in noeud.names)
        elif isinstance(noeud, ast.Import):
            importes.update(alias.name for alias in noeud.names)
    fautifs = {nom for nom in importes for interdit in INTERDITS_AUX_REGLES if interdit in nom.split(".")}
    assert not fautifs


@pytest.mark.parametrize("nom", CALCULATEURS)
def test_chaque_calculateur_a_la_meme_forme(nom):
    module = calculateur(nom)
    assert isinstance(module.FORMULAIRE, Formulaire) and module.FORMULAIRE.calculateur == nom
    assert module.NOM == nom and module.AIDE and callable(module.executer)
    paquet = module.__name__
    # Les règles : un module `regles`, ou plusieurs nommés d'après ce qu'ils calculent (REGLES).
    for partie in (*getattr(module, "REGLES", ("regles",)), "champs", "rendu"):
        importlib.import_module(f"{paquet}.{partie}")


@pytest.mark.parametrize("nom", CALCULATEURS)
def test_noms_des_champs_uniques(nom):
    noms = [ch.nom for ch in calculateur(nom).FORMULAIRE.champs]
    assert len(noms) == len(set(noms))
