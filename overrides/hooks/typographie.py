"""Typographie française du texte des pages : espace insécable avant « : ; ? ! » et avant « € » ou
« % » qui suit un nombre, à l'intérieur des guillemets « », après « n° » (`format_fr.typographie`,
la fonction des résultats des calculateurs et des lettres). Sur un téléphone, « 40 » ne finit plus
une ligne dont « € » commence la suivante.

Le texte seulement : ni les balises et leurs attributs, ni le code (`<code>`, `<pre>`, `<kbd>`), ni
les scripts et styles, qui ne s'écrivent pas comme une phrase.
"""

from __future__ import annotations

import re

from calculators.commun.format_fr import typographie

_MORCEAUX = re.compile(r"(<[^>]*>)")
_BRUTS = ("code", "pre", "kbd", "script", "style", "textarea")
_BALISE = re.compile(r"<(/?)([a-zA-Z0-9]+)")


def typographier_html(html: str) -> str:
    """Le HTML d'une page, son texte à la typographie française.

    >>> typographier_html('<p title="a : b">Total : 40 € <code>x : 1</code> ?</p>')
    '<p title="a : b">Total\\xa0: 40\\xa0€ <code>x : 1</code>\\xa0?</p>'
    """
    sortie, bruts = [], 0
    for morceau in _MORCEAUX.split(html):
        if morceau.startswith("<"):
            balise = _BALISE.match(morceau)
            if balise and balise.group(2).lower() in _BRUTS and not morceau.endswith("/>"):
                bruts += -1 if balise.group(1) else 1
            sortie.append(morceau)
        else:
            sortie.append(morceau if bruts > 0 else typographie(morceau))
    return "".join(sortie)


def on_page_content(html: str, **_) -> str:
    return typographier_html(html)
