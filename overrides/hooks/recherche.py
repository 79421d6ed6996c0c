"""Recherche en français : accents, mots vides, noms des pages, extraits courts.

La recherche de Material (lunr) est réglée pour l'anglais, et ce hook corrige l'index
(`search/search_index.json`) après sa construction par le plugin `search` :

- **Séparateur** (option `separator` du plugin, écrite ici parce qu'elle se construit
  depuis des listes) : la ponctuation française, les apostrophes d'élision (« l'indemnité »)
  et les parenthèses (« (DSO) ») coupent les mots. Les mots vides (« de », « en », « la »)
  sont aussi des séparateurs : Material ajoute `*` à chaque mot tapé, et un terme en `*`
  échappe au filtre des mots vides ; « en* » trouvait « entreprise » et « encours ». Traités
  en séparateurs, ils ne sont ni indexés ni cherchés ; « "mise en demeure" » entre guillemets
  exige « mise » et « demeure ».
- **Accents** : « penalites » ou « impaye », tels que beaucoup les tapent, doivent trouver
  « pénalités » et « impayé ». Chaque titre et chaque phrase reçoit la forme sans accents de
  ses mots accentués, dans un `<span hidden>` : indexée, jamais affichée.
- **Noms des pages** : une page est aussi trouvée par le titre de son en-tête YAML et par
  son nom dans la navigation (« DSO », « Pénalités de retard »), ajoutés en caché au titre de
  son entrée principale, là où le plugin ne met que le titre « # ».
- **Extraits courts** : Material montre en extrait les blocs (paragraphe, liste entière) où
  un mot a été trouvé. Le texte de chaque section est recoupé en une phrase ou un point de
  liste par `<p>` : l'extrait est la phrase trouvée. Le texte indexé ne change pas.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from mkdocs.exceptions import PluginError

_BALISE = re.compile(r"(<[^>]+>)")
_MOT = re.compile(r"\w+")
# Fin de phrase : ponctuation forte, espace, puis majuscule, chiffre ou guillemet. Les
# abréviations juridiques courantes (« art. L441-10 », « Cass. com. ») ne coupent pas.
_FIN_DE_PHRASE = re.compile(
    r"(?<=[.!?…])(?<!\bart\.)(?<!\bCass\.)(?<!\bciv\.)(?<!\bcom\.)(?<!\bcf\.)(?<!\bex\.)"
    r"\s+(?=[A-ZÀ-ÖØ-Þ«0-9])"
)
# Balises qui séparent deux blocs ; les autres (code, sub, sup) restent dans la phrase.
_BLOCS = {"p", "li", "ul", "ol"}

# Mots vides traités en séparateurs : articles, prépositions, pronoms, conjonctions, et les
# lettres qu'une apostrophe d'élision laisse seules (l', d', qu'…). « a » est la forme sans
# accent de « à ». Jamais un mot qui peut porter le sens d'une recherche (« taux », « délai »).
MOTS_VIDES = (
    "a à au aux avec c ce ces cet cette d dans de des du en et il ils j l la le les leur leurs "
    "lui m ma mes mon n ne nos notre nous on ou par pas pour qu que qui s sa se ses son sur t "
    "ta un une vos votre vous y"
).split()
# Lettres d'un mot, pour borner les mots vides (l'expression régulière est compilée sans
# drapeau `u` par le worker de Material : pas de \p{L}, et \b ignore les lettres accentuées).
_LETTRES = "0-9A-Za-zÀ-ÖØ-öø-ÿŒœ"
_PONCTUATION = r"[\s\-'’()\[\]{}«»\"“”/;:!?…=+*<>]+|[.,](?!\d)"


def _sans_casse_initiale(mot: str) -> str:
    """Le mot, initiale en majuscule ou en minuscule : la séparation précède la mise en minuscules.

    >>> _sans_casse_initiale("en")
    '[Ee]n'
    """
    return f"[{mot[0].upper()}{mot[0]}]{re.escape(mot[1:])}"


def separateur() -> str:
    """Expression régulière (syntaxe JavaScript) du séparateur de mots de la recherche.

    >>> import re
    >>> [m for m in re.split(separateur(), "Mise en demeure : l'indemnité (DSO) à 1,5 %.") if m]
    ['Mise', 'demeure', 'indemnité', 'DSO', '1,5', '%']
    """
    mots = "|".join(_sans_casse_initiale(m) for m in sorted(MOTS_VIDES, key=len, reverse=True))
    return f"{_PONCTUATION}|(?<![{_LETTRES}])(?:{mots})(?![{_LETTRES}])"


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


def _cache(mots: list[str]) -> str:
    return f'<span hidden> {" ".join(mots)}</span>' if mots else ""


def phrases(texte: str) -> list[str]:
    """Texte d'une section de l'index, recoupé en phrases et points de liste (balises en ligne gardées).

    >>> phrases("<p>Un. Deux <code>a. B</code>.</p> <ul><li>Trois</li><li>Quatre</li></ul>")
    ['Un.', 'Deux <code>a. B</code>.', 'Trois', 'Quatre']
    >>> phrases("<pre><code>a\\n\\nb</code></pre>")
    ['<pre><code>a\\n\\nb</code></pre>']
    """
    sortie: list[str] = []
    courant: list[str] = []
    ouvertes = 0  # balises en ligne ouvertes : on ne coupe pas une phrase au milieu

    def clore():
        phrase = "".join(courant).strip()
        if _BALISE.sub("", phrase).strip():
            sortie.append(phrase)
        courant.clear()

    morceaux = iter(_BALISE.split(texte))
    for morceau in morceaux:
        if not morceau.startswith("<"):
            parties = _FIN_DE_PHRASE.split(morceau) if not ouvertes else [morceau]
            for rang, partie in enumerate(parties):
                if rang:
                    clore()
                courant.append(partie)
            continue
        nom = morceau.strip("</>").split()[0].lower()
        if nom == "pre":
            # Un bloc de code reste entier : ses lignes n'ont pas de sens séparées.
            clore()
            bloc = [morceau]
            for suite in morceaux:
                bloc.append(suite)
                if suite.lower() == "</pre>":
                    break
            sortie.append("".join(bloc))
        elif nom in _BLOCS:
            clore()
        else:
            ouvertes += -1 if morceau.startswith("</") else 1
            courant.append(morceau)
    clore()
    return sortie


def texte_en_phrases(texte: str) -> str:
    """Une phrase par `<p>`, chacune suivie de ses formes sans accents (cachées).

    >>> texte_en_phrases("<p>Les pénalités courent. La facture est échue.</p>")
    '<p>Les pénalités courent.<span hidden> penalites</span></p><p>La facture est échue.<span hidden> echue</span></p>'
    """
    blocs = []
    for phrase in phrases(texte):
        if phrase.startswith("<pre>"):
            blocs.append(phrase + _cache(formes_pliees(phrase)))
        else:
            blocs.append(f"<p>{phrase}{_cache(formes_pliees(phrase))}</p>")
    return "".join(blocs)


def titre_complete(titre: str, autres_noms: list[str]) -> str:
    """Le titre, suivi en caché des mots des autres noms de la page et des formes sans accents.

    >>> titre_complete("Calculer le DSO", ["DSO", "Délai moyen de paiement"])
    'Calculer le DSO<span hidden> Délai moyen de paiement delai</span>'
    """
    deja = {m.lower() for m in _MOT.findall(titre)}
    ajouts = []
    for nom in autres_noms:
        if {m.lower() for m in _MOT.findall(nom)} - deja:
            ajouts.append(nom)
            deja |= {m.lower() for m in _MOT.findall(nom)}
    return titre + _cache(ajouts + formes_pliees(" ".join([titre, *ajouts])))


# Noms que chaque page porte hors de son titre « # » : adresse de la page → noms.
_noms_des_pages: dict[str, list[str]] = {}


def on_page_context(context, page, config, nav):
    # page.title : le nom dans la navigation s'il y en a un, sinon le titre de l'en-tête YAML.
    noms = [page.meta.get("title"), page.title]
    _noms_des_pages[page.url] = [str(nom) for nom in dict.fromkeys(noms) if nom]
    return context


def on_post_build(config):
    index = Path(config.site_dir) / "search" / "search_index.json"
    if not index.exists():
        raise PluginError("search/search_index.json absent : le plugin search doit précéder ce hook")
    donnees = json.loads(index.read_text(encoding="utf-8"))
    donnees["config"]["separator"] = separateur()
    for section in donnees["docs"]:
        section["title"] = titre_complete(section["title"], _noms_des_pages.get(section["location"], []))
        section["text"] = texte_en_phrases(section["text"])
    index.write_text(json.dumps(donnees, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


# La boîte de recherche de Material est un `role="dialog"` sans nom : un lecteur d'écran annonce
# « dialogue » sans dire lequel (règle axe `aria-dialog-name`). Elle reçoit le sien ; si le thème
# l'écrit autrement, la construction s'arrête plutôt que de le perdre sans bruit.
_DIALOGUE = '<div class="md-search" data-md-component="search" role="dialog">'
_DIALOGUE_NOMME = '<div class="md-search" data-md-component="search" role="dialog" aria-label="Recherche dans le site">'


def nommer_la_recherche(html: str) -> str:
    if _DIALOGUE_NOMME in html:
        return html
    if _DIALOGUE not in html:
        raise PluginError("boîte de recherche de Material introuvable : le thème a changé, voir recherche.py")
    return html.replace(_DIALOGUE, _DIALOGUE_NOMME, 1)


def on_post_page(output, page, config):
    return nommer_la_recherche(output)


def on_post_template(output_content, template_name, config):
    return nommer_la_recherche(output_content) if template_name == "404.html" else output_content
