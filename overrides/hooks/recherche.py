"""Recherche insensible aux accents.

La recherche de Material (lunr) ne replie pas les accents : « penalites » ou « impaye », tels
que beaucoup les tapent, ne trouvent pas « pénalités » ni « impayé ». Après la construction,
ce hook ajoute à chaque section de l'index la forme sans accents de ses mots accentués, dans
un `<span hidden>` : indexée, jamais affichée dans les résultats.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from mkdocs.exceptions import PluginError

_BALISE = re.compile(r"<[^>]+>")
_MOT = re.compile(r"\w+")


def sans_accents(texte: str) -> str:
    """Retire les accents (décomposition Unicode, marques combinantes écartées).

    >>> sans_accents("Pénalités, échéancier, impayé")
    'Penalites, echeancier, impaye'
    """
    return unicodedata.normalize("NFD", texte).encode("ascii", "ignore").decode("ascii")


def formes_pliees(texte: str) -> list[str]:
    """Mots accentués du texte (balises ôtées), sans leurs accents, une fois chacun.

    >>> formes_pliees("<p>Les <b>pénalités</b> et l'indemnité ; pénalités.</p>")
    ['indemnite', 'penalites']
    """
    mots = _MOT.findall(_BALISE.sub(" ", texte))
    return sorted({sans_accents(m).lower() for m in mots if not m.isascii()})


def on_post_build(config):
    index = Path(config.site_dir) / "search" / "search_index.json"
    if not index.exists():
        raise PluginError("search/search_index.json absent : le plugin search doit précéder ce hook")
    donnees = json.loads(index.read_text(encoding="utf-8"))
    for section in donnees["docs"]:
        formes = formes_pliees(section["title"] + " " + section["text"])
        if formes:
            section["text"] += f'<span hidden>{" ".join(formes)}</span>'
    index.write_text(json.dumps(donnees, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
