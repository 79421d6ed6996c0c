"""Repères de navigation distincts pour les lecteurs d'écran (règle axe `landmark-unique`).

Un lecteur d'écran liste les repères `<nav>` d'une page par leur nom ; deux composants du thème
Material en font sans nom, que rien ne distingue l'un de l'autre :

- **le menu d'une section qui a sa page d'accueil** (option `navigation.indexes`) est nommé,
  par `aria-labelledby`, d'après le bouton qui l'ouvre ; ce bouton ne contient qu'une icône,
  le titre de la section étant dans le lien voisin. Le bouton reçoit ce titre, lu mais non
  affiché (classe `calc-masque` ; `aria-label` est interdit sur un `<label>`) : il est annoncé
  « Calculateurs » au lieu d'un bouton muet, et son menu avec lui ;
- **la barre du bouton « Copier » d'un bloc de code** est écrite en `<nav>` par le script du
  thème ; un bouton de copie n'est pas une navigation, et une page à plusieurs blocs en
  faisait autant de repères anonymes. Elle devient un `<div>` (le thème la met en forme par
  sa classe, pas par sa balise).

Si le thème écrit l'un ou l'autre autrement, la construction s'arrête plutôt que de perdre la
correction sans bruit. Avant hors_ligne.py, qui relève l'empreinte de chaque fichier.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

# Le lien de la page d'accueil de la section, puis le bouton qui n'a que son icône.
_SECTION = re.compile(
    r'(<a href="[^"]*" class="md-nav__link[^"]*">)((?:(?!</a>).)*)(</a>\s*'
    r'<label class="md-nav__link[^"]*" for="(__nav[\w]*)" id="\4_label" tabindex="\d*">)'
    r'(\s*<span class="md-nav__icon md-icon"></span>\s*</label>)',
    re.DOTALL,
)
_BOUTON_MUET = re.compile(r'<label class="md-nav__link[^"]*" for="__nav[\w]*" id="__nav[\w]*_label" tabindex="\d*">'
                          r'\s*<span class="md-nav__icon md-icon"></span>\s*</label>')
_BALISE = re.compile(r"<[^>]+>")
_BARRE_DE_CODE = re.compile(r'(\w+)\("nav",\{class:"md-code__nav"\}\)')


def nommer_les_sections(page: str) -> str:
    """Chaque bouton de section fait d'une seule icône reçoit le titre du lien qui le précède.

    >>> nommer_les_sections('<a href="x/" class="md-nav__link "><span>Cadre légal</span></a>'
    ...                     '<label class="md-nav__link " for="__nav_9" id="__nav_9_label" tabindex="">'
    ...                     '<span class="md-nav__icon md-icon"></span></label>').split("<label ")[1]
    'class="md-nav__link " for="__nav_9" id="__nav_9_label" tabindex=""><span class="calc-masque">Cadre légal</span><span class="md-nav__icon md-icon"></span></label>'
    """
    def nommer(m: re.Match) -> str:
        titre = " ".join(html.unescape(_BALISE.sub(" ", m[2])).split())
        if not titre:
            raise PluginError("reperes.py : section de la navigation sans titre")
        return f'{m[1]}{m[2]}{m[3]}<span class="calc-masque">{html.escape(titre, quote=False)}</span>{m[5]}'

    nommee = _SECTION.sub(nommer, page)
    if _BOUTON_MUET.search(nommee):
        raise PluginError("reperes.py : un bouton de section de Material reste sans nom ; le thème a changé, "
                          "revoir overrides/hooks/reperes.py")
    return nommee


def barre_de_code_sans_repere(script: str) -> str:
    """Le script du thème, sa barre de bouton de copie écrite en `<div>` au lieu de `<nav>`.

    >>> barre_de_code_sans_repere('function Pn(){return x("nav",{class:"md-code__nav"})}')
    'function Pn(){return x("div",{class:"md-code__nav"})}'
    """
    remplace, nombre = _BARRE_DE_CODE.subn(r'\1("div",{class:"md-code__nav"})', script)
    if nombre != 1:
        raise PluginError(f"reperes.py : {nombre} barres de code trouvées dans le script de Material (une attendue) ; "
                          "revoir overrides/hooks/reperes.py")
    return remplace


def on_post_page(output, page, config):
    return nommer_les_sections(output)


def on_post_template(output_content, template_name, config):
    return nommer_les_sections(output_content) if template_name == "404.html" else output_content


def on_post_build(config):
    scripts = list(Path(config["site_dir"], "assets", "javascripts").glob("bundle.*.min.js"))
    if len(scripts) != 1:
        raise PluginError(f"reperes.py : un script bundle.*.min.js attendu, trouvé {len(scripts)}")
    scripts[0].write_text(barre_de_code_sans_repere(scripts[0].read_text(encoding="utf-8")), encoding="utf-8")
