"""Typographie française des pages construites (hook overrides/hooks/typographie.py) : la
ponctuation haute, « € » et « % » ne commencent jamais une ligne, le code reste tel quel."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parents[2]
_SPEC = importlib.util.spec_from_file_location("hook_typographie", RACINE / "overrides" / "hooks" / "typographie.py")
HOOK = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(HOOK)
NB = "\u00a0"


@pytest.mark.parametrize(("html", "attendu"), [
    ("<p>Indemnité de 40 € ; taux de 12,15 % ?</p>", f"<p>Indemnité de 40{NB}€{NB}; taux de 12,15{NB}%{NB}?</p>"),
    ("<li>« Payée » : oui</li>", f"<li>«{NB}Payée{NB}»{NB}: oui</li>"),
    # Le code, même imbriqué, et les attributs ne changent pas ; le texte qui suit, si.
    ("<pre><code>a : 1 <span>b ; 2</span></code></pre><p>c : d</p>",
     f"<pre><code>a : 1 <span>b ; 2</span></code></pre><p>c{NB}: d</p>"),
    ('<a href="?x=1 ;y" title="t : u">v : w</a>', f'<a href="?x=1 ;y" title="t : u">v{NB}: w</a>'),
    ("<script>if (a ? b : c) {}</script><style>p :hover {}</style>",
     "<script>if (a ? b : c) {}</script><style>p :hover {}</style>"),
    # Déjà insécable (les pages l'écrivent souvent) : rien ne double.
    (f"<p>Total{NB}: 10{NB}€</p>", f"<p>Total{NB}: 10{NB}€</p>"),
])
def test_typographie_du_texte_seulement(html, attendu):
    assert HOOK.typographier_html(html) == attendu


def test_les_milliers_des_aides_des_formulaires_ne_se_coupent_pas():
    """« Par exemple 10 000 ou 1 250,50 » se coupait après le 1 dans une colonne étroite (audit du
    3 décembre) : les aides des formulaires groupent les milliers par une espace fine insécable."""
    spec = importlib.util.spec_from_file_location("hook_formulaires", RACINE / "overrides" / "hooks" / "formulaires.py")
    formulaires = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(formulaires)
    assert formulaires._aide("Par exemple 10 000 ou 1 250,50, en 2026 : 12 345 678") == (
        "Par exemple 10\u202f000 ou 1\u202f250,50, en 2026 : 12\u202f345\u202f678")
    html = formulaires.formulaire_html("penalites")
    assert "Par exemple 10\u202f000 ou 1\u202f250,50." in html and "1 250,50" not in html
