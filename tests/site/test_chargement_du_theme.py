"""Le thème Material sans recalcul forcé des styles de toute la page au chargement :

- la règle de bascule de palette de Material retirée de la feuille construite
  (overrides/hooks/palette.py), la nôtre (classe posée par docs/javascripts/palette.js) à sa place ;
- la classe `js` posée sur <html> dès le <head> (overrides/main.html), avant le script du thème."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

RACINE = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("palette_hook", RACINE / "overrides" / "hooks" / "palette.py")
palette = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(palette)


def test_la_regle_est_retiree_et_rien_d_autre():
    assert palette.sans_regle_de_bascule("a{color:red}" + palette.REGLE + "b{color:blue}") == "a{color:red}b{color:blue}"


def test_une_autre_version_du_theme_arrete_la_construction():
    with pytest.raises(PluginError, match="revoir overrides/hooks/palette.py"):
        palette.sans_regle_de_bascule("a{color:red}")


def test_le_site_construit_n_a_plus_que_notre_regle(site_construit):
    feuille, = (site_construit / "assets" / "stylesheets").glob("palette.*.min.css")
    css = feuille.read_text(encoding="utf-8")
    assert "data-md-color-switching" not in css
    assert "[data-md-color-scheme=slate]" in css  # le reste de la feuille est là
    assert ".palette-bascule *" in (site_construit / "stylesheets" / "site.css").read_text(encoding="utf-8")


def test_la_classe_js_est_posee_des_le_head(site_construit):
    html = (site_construit / "calculateurs" / "penalites-de-retard" / "index.html").read_text(encoding="utf-8")
    tete, corps = html.split("</head>", 1)
    assert 'document.documentElement.classList.replace("no-js", "js");' in tete
    assert "bundle." in corps  # le script du thème vient après
