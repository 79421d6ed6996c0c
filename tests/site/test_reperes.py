"""Repères de navigation distincts (overrides/hooks/reperes.py) : boutons de section nommés,
barre de copie des blocs de code écrite hors d'un `<nav>`. axe le vérifie dans la page
(tests/e2e/test_accessibilite.py, sans règle écartée) ; ici, le hook et le site construit."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

RACINE = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("reperes_hook", RACINE / "overrides" / "hooks" / "reperes.py")
reperes = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(reperes)

SECTION = ('<div class="md-nav__link md-nav__container">\n  <a href="../cadre-legal/" class="md-nav__link ">\n'
           '    <span class="md-ellipsis">\n      Cadre l&eacute;gal &amp; &#34;sources&#34;\n    </span>\n  </a>\n'
           '  <label class="md-nav__link " for="__nav_9" id="__nav_9_label" tabindex="0">\n'
           '    <span class="md-nav__icon md-icon"></span>\n  </label>\n</div>')


def test_le_bouton_de_section_recoit_le_titre_du_lien():
    nommee = reperes.nommer_les_sections(SECTION)
    assert 'id="__nav_9_label" tabindex="0"><span class="calc-masque">Cadre légal &amp; "sources"</span>\n' in nommee
    assert nommee.replace('<span class="calc-masque">Cadre légal &amp; "sources"</span>', "") == SECTION


def test_un_bouton_de_section_avec_son_texte_reste_tel_quel():
    bouton = ('<label class="md-nav__link" for="__nav_2" id="__nav_2_label" tabindex="0">\n  Comprendre\n'
              '  <span class="md-nav__icon md-icon"></span>\n</label>')
    assert reperes.nommer_les_sections(bouton) == bouton


def test_un_bouton_muet_que_le_hook_ne_reconnait_pas_arrete_la_construction():
    autre_lien = SECTION.replace('<a href="../cadre-legal/" class="md-nav__link ">', '<a class="md-nav__link" href="../cadre-legal/">')
    with pytest.raises(PluginError, match="revoir overrides/hooks/reperes.py"):
        reperes.nommer_les_sections(autre_lien)


def test_la_barre_de_code_n_est_plus_un_nav_et_une_autre_version_arrete_la_construction():
    assert reperes.barre_de_code_sans_repere('a;function Pn(){return x("nav",{class:"md-code__nav"})}') == \
        'a;function Pn(){return x("div",{class:"md-code__nav"})}'
    with pytest.raises(PluginError, match="0 barres de code"):
        reperes.barre_de_code_sans_repere('function Pn(){return x("nav",{className:"md-code__nav"})}')


def test_le_site_construit(site_construit):
    html = (site_construit / "calculateurs" / "poste-clients" / "index.html").read_text(encoding="utf-8")
    noms = re.findall(r'id="(__nav_\d+)_label" tabindex="\d*"><span class="calc-masque">([^<]+)</span>', html)
    assert ("__nav_7", "Calculateurs") in noms and len(noms) >= 10
    script, = (site_construit / "assets" / "javascripts").glob("bundle.*.min.js")
    assert '("div",{class:"md-code__nav"})' in script.read_text(encoding="utf-8")
    assert "calc-masque" in (site_construit / "404.html").read_text(encoding="utf-8").split('id="__nav_7_label"', 1)[1][:40]
