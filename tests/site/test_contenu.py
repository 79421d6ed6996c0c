"""Contenu du site construit : titres, mention de vérification, liens internes, abréviations.

Ces tests lisent le site produit une fois par session par `mkdocs build --strict`
(fixture `site_construit` de tests/conftest.py) et les sources Markdown de docs/.
Ils n'utilisent que la bibliothèque standard pour lire le HTML.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from mkdocs.utils import meta

RACINE = Path(__file__).resolve().parents[2]
DOCS = RACINE / "docs"
ABREVIATIONS = RACINE / "includes" / "abbreviations.md"

# Sections dont chaque page énonce du droit : la date de vérification y est obligatoire.
SECTIONS_JURIDIQUES = ("cadre-legal", "relancer", "recouvrer")

# Sigles que le site emploie et que le glossaire au survol doit expliquer.
SIGLES_ATTENDUS = (
    "BCE LME DSO LRAR IFR CGV CGI CEI TVA HT TTC SNF PME TPE ETI ODP CCP CMF CPC "
    "DGCCRF BODACC RCS SIREN SIRET TAE JORF PSR CEPC"
).split()

# Schémas d'URL qui ne désignent pas un fichier du site.
SCHEMAS_EXTERNES = ("mailto", "tel", "javascript", "data", "blob")


# --------------------------------------------------------------------------------------------
# Lecture du HTML
# --------------------------------------------------------------------------------------------


class _Analyse(HTMLParser):
    """Relève en un passage ce dont les tests ont besoin dans une page construite."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.liens: list[tuple[str, str, str]] = []  # (balise, attribut, valeur)
        self.titres_h1: list[dict[str, str | None]] = []
        self.verifie_le: list[dict[str, str | None]] = []
        self.abbr: list[tuple[str, str]] = []  # (title, texte)
        self.ordre: list[str] = []  # "h1" et "verifie-le" dans l'ordre du document
        self._abbr_en_cours: str | None = None
        self._texte_abbr: list[str] = []

    def handle_starttag(self, balise, attributs):
        attrs = dict(attributs)
        for nom in ("id", "name"):
            if attrs.get(nom) and (nom == "id" or balise == "a"):
                self.ids.add(attrs[nom])
        for nom in ("href", "src"):
            if attrs.get(nom) is not None:
                self.liens.append((balise, nom, attrs[nom]))
        if balise == "h1":
            self.titres_h1.append(attrs)
            self.ordre.append("h1")
        if balise == "p" and "verifie-le" in (attrs.get("class") or "").split():
            self.verifie_le.append(attrs)
            self.ordre.append("verifie-le")
        if balise == "abbr":
            self._abbr_en_cours = attrs.get("title") or ""
            self._texte_abbr = []

    def handle_data(self, data):
        if self._abbr_en_cours is not None:
            self._texte_abbr.append(data)

    def handle_endtag(self, balise):
        if balise == "abbr" and self._abbr_en_cours is not None:
            self.abbr.append((self._abbr_en_cours, "".join(self._texte_abbr)))
            self._abbr_en_cours = None


_cache: dict[Path, _Analyse] = {}


def analyser(chemin: Path) -> _Analyse:
    if chemin not in _cache:
        analyse = _Analyse()
        analyse.feed(chemin.read_text(encoding="utf-8"))
        _cache[chemin] = analyse
    return _cache[chemin]


def page_construite(site: Path, source: str) -> Path:
    """Fichier HTML produit pour une source Markdown (use_directory_urls, réglage par défaut)."""
    chemin = Path(source)
    if chemin.name in ("index.md", "README.md"):
        return site / chemin.parent / "index.html"
    return site / chemin.with_suffix("") / "index.html"


def pages_du_nav(nav) -> list[str]:
    """Toutes les sources Markdown citées dans `nav`, à plat (les liens externes sont ignorés)."""
    trouvees: list[str] = []
    for entree in nav or []:
        valeurs = entree.values() if isinstance(entree, dict) else [entree]
        for valeur in valeurs:
            if isinstance(valeur, list):
                trouvees += pages_du_nav(valeur)
            elif isinstance(valeur, str) and not urlsplit(valeur).scheme:
                trouvees.append(valeur)
    return trouvees


def en_tete(source: Path) -> dict:
    _, donnees = meta.get_data(source.read_text(encoding="utf-8"))
    return donnees


def _decrire(titres) -> str:
    issus = sum(1 for titre in titres if titre.get("id"))
    return f"{len(titres)} <h1>, dont {issus} issu d'un « # Titre » ; attendu exactement un titre « # »"


def sources_markdown() -> list[Path]:
    return sorted(DOCS.rglob("*.md"))


# --------------------------------------------------------------------------------------------
# Pages du nav : construites, avec leur titre
# --------------------------------------------------------------------------------------------


def test_chaque_page_du_nav_est_construite_avec_son_titre(site_construit, config_mkdocs):
    pages = pages_du_nav(config_mkdocs["nav"])
    assert len(pages) >= 5, f"nav presque vide : {pages}"
    problemes = []
    for source in pages:
        assert (DOCS / source).is_file(), f"{source} est dans le nav mais absent de docs/"
        cible = page_construite(site_construit, source)
        if not cible.is_file():
            problemes.append(f"{source} : {cible.relative_to(site_construit)} n'a pas été construit")
            continue
        titres = analyser(cible).titres_h1
        # Material ajoute un <h1> sans id quand la page n'a pas de titre « # » : on exige le
        # titre écrit dans la source, que l'extension toc munit d'un id.
        if len(titres) != 1 or not titres[0].get("id"):
            problemes.append(f"{source} : {_decrire(titres)}")
    assert not problemes, "\n".join(problemes)


def test_chaque_page_commence_par_un_titre(site_construit):
    """Convention du site : même hors du nav, chaque page a son « # Titre » (un seul <h1>)."""
    problemes = []
    for source in sources_markdown():
        relatif = source.relative_to(DOCS).as_posix()
        cible = page_construite(site_construit, relatif)
        if not cible.is_file():
            problemes.append(f"{relatif} : page non construite")
            continue
        titres = analyser(cible).titres_h1
        if len(titres) != 1 or not titres[0].get("id"):
            problemes.append(f"{relatif} : {_decrire(titres)}")
    assert not problemes, "\n".join(problemes)


# --------------------------------------------------------------------------------------------
# Date de vérification des pages juridiques
# --------------------------------------------------------------------------------------------


def test_les_pages_datees_affichent_la_mention_sous_le_titre(site_construit):
    datees = [s for s in sources_markdown() if "verifie_le" in en_tete(s)]
    assert datees, "aucune page ne déclare verifie_le"
    problemes = []
    for source in datees:
        relatif = source.relative_to(DOCS).as_posix()
        attendu = str(en_tete(source)["verifie_le"])
        cible = page_construite(site_construit, relatif)
        if not cible.is_file():
            problemes.append(f"{relatif} : page non construite")
            continue
        analyse = analyser(cible)
        dates = [p.get("data-verifie-le") for p in analyse.verifie_le]
        if dates != [attendu]:
            problemes.append(f"{relatif} : mention p.verifie-le {dates}, attendu [{attendu!r}]")
        elif "h1" not in analyse.ordre or analyse.ordre.index("verifie-le") < analyse.ordre.index("h1"):
            problemes.append(f"{relatif} : la mention de vérification n'est pas sous le titre")
    assert not problemes, "\n".join(problemes)


def test_la_mention_de_verification_est_en_francais(site_construit):
    cible = page_construite(site_construit, "prevenir/cgv-et-factures.md")
    texte = cible.read_text(encoding="utf-8")
    assert re.search(r'<p class="verifie-le"[^>]*>Contenu vérifié le 22 novembre 2026\.</p>', texte)


@pytest.mark.parametrize("section", SECTIONS_JURIDIQUES)
def test_les_pages_juridiques_declarent_verifie_le(section):
    pages = sorted((DOCS / section).rglob("*.md"))
    assert pages, f"docs/{section}/ ne contient aucune page"
    sans_date = [p.relative_to(DOCS).as_posix() for p in pages if "verifie_le" not in en_tete(p)]
    assert not sans_date, f"pages sans verifie_le dans leur en-tête : {sans_date}"


# --------------------------------------------------------------------------------------------
# Liens internes
# --------------------------------------------------------------------------------------------


def _cible_locale(site: Path, chemin_url: str) -> Path | None:
    """Fichier du site servi pour un chemin d'URL (« /a/b/ » → a/b/index.html)."""
    relatif = unquote(chemin_url).lstrip("/")
    candidat = site / relatif
    if candidat.is_dir():
        candidat = candidat / "index.html"
    return candidat if candidat.is_file() else None


def test_les_liens_internes_menent_a_un_fichier_et_une_ancre_existants(site_construit, port_site):
    hote = f"127.0.0.1:{port_site}"
    pages = sorted(site_construit.rglob("*.html"))
    assert len(pages) > 10
    casses: list[str] = []
    nb_liens = 0
    for page in pages:
        relatif = page.relative_to(site_construit).as_posix()
        url_page = "/" + relatif
        for balise, attribut, valeur in analyser(page).liens:
            valeur = html.unescape(valeur).strip()
            if not valeur or valeur.startswith("//"):
                continue
            parties = urlsplit(valeur)
            if parties.scheme in SCHEMAS_EXTERNES:
                continue
            if parties.scheme in ("http", "https") and parties.netloc != hote:
                continue  # lien vers une source externe : permis, non vérifié ici
            nb_liens += 1
            absolue = urlsplit(urljoin(url_page, valeur))
            cible = _cible_locale(site_construit, absolue.path)
            if cible is None:
                casses.append(f"{relatif} : <{balise} {attribut}=\"{valeur}\"> → fichier absent")
                continue
            ancre = unquote(absolue.fragment)
            if ancre and cible.suffix == ".html" and ancre not in analyser(cible).ids:
                casses.append(f"{relatif} : <{balise} {attribut}=\"{valeur}\"> → ancre #{ancre} absente")
    assert nb_liens > 100, f"trop peu de liens internes relevés ({nb_liens}) : l'analyse est cassée"
    assert not casses, f"{len(casses)} liens internes cassés :\n" + "\n".join(sorted(set(casses)))


# --------------------------------------------------------------------------------------------
# Abréviations (includes/abbreviations.md, ajouté à chaque page)
# --------------------------------------------------------------------------------------------


def lire_abreviations() -> dict[str, str]:
    definitions = {}
    for ligne in ABREVIATIONS.read_text(encoding="utf-8").splitlines():
        if not ligne.strip():
            continue
        trouve = re.fullmatch(r"\*\[([^\]]+)\]: (.+)", ligne)
        assert trouve, f"ligne d'abréviation mal formée : {ligne!r}"
        sigle, definition = trouve.groups()
        assert sigle not in definitions, f"{sigle} défini deux fois"
        definitions[sigle] = definition.strip()
    return definitions


def test_le_glossaire_au_survol_couvre_les_sigles_du_site():
    definitions = lire_abreviations()
    manquants = [s for s in SIGLES_ATTENDUS if s not in definitions]
    assert not manquants, f"sigles sans définition : {manquants}"
    vides = [s for s, d in definitions.items() if len(d) < 4]
    assert not vides, f"définitions trop courtes : {vides}"


@pytest.mark.parametrize(
    ("source", "sigles"),
    [
        ("piloter/dso.md", ["DSO", "TTC", "HT", "TVA"]),
        ("prevenir/cgv-et-factures.md", ["CGV", "BCE", "DGCCRF", "TVA"]),
        ("glossaire.md", ["BODACC", "CEI", "DSO", "CGV"]),
    ],
)
def test_les_sigles_s_affichent_en_abbr_avec_leur_definition(site_construit, source, sigles):
    definitions = lire_abreviations()
    rendus = set(analyser(page_construite(site_construit, source)).abbr)
    for sigle in sigles:
        assert (definitions[sigle], sigle) in rendus, f"{source} : pas de <abbr title=…>{sigle}</abbr>"


def test_aucune_definition_d_abreviation_n_apparait_en_clair(site_construit):
    fuites = []
    for page in site_construit.rglob("*.html"):
        texte = page.read_text(encoding="utf-8")
        if re.search(r"\*\[[A-Z][A-Za-z]+\]:", texte):
            fuites.append(page.relative_to(site_construit).as_posix())
    assert not fuites, f"définitions d'abréviations affichées telles quelles : {fuites}"
