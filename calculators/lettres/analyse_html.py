"""Le HTML d'une lettre (rendu par Jinja2, déjà échappé) relu une fois, pour le texte brut et le .odt.

`analyser(fragment)` rend une liste de blocs : `Paragraphe` (morceaux de texte, en gras ou non,
coupés par les `<br>`), `Liste` (`ul`, `ol`) et `Tableau` (légende, rangées, cellules fusionnées).
Chaque paragraphe garde les classes des éléments qui l'entourent (`lettre-destinataire`,
`lettre-signature`…) : `texte` et `odt` en tirent leur mise en page. Ce qui a été tapé n'est que
du texte ici : `html.parser` a déjà décodé les entités, rien n'est interprété.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

ESPACES_ASCII = re.compile(r"[ \t\n\r\f\v]+")  # pas \s : les espaces insécables de format_fr restent
SAUT = None  # un <br> parmi les morceaux d'un paragraphe
# Balises qui commencent ou finissent un bloc : le texte qui les précède forme son propre paragraphe.
BLOCS = {"p", "div", "h1", "h2", "h3", "li", "section", "header", "footer", "address", "tr", "td", "th",
         "table", "caption", "ul", "ol"}


@dataclass
class Paragraphe:
    genre: str  # "p", "li" (élément de liste) ou "titre" (h1 à h3, légende d'un tableau)
    classes: tuple[str, ...]  # classes des éléments ouverts autour, du plus extérieur au plus proche
    niveau: int = 0  # niveau d'un titre
    morceaux: list = field(default_factory=list)  # (texte, gras) ou SAUT

    def lignes(self) -> list[list[tuple[str, bool]]]:
        """Les lignes (coupées aux <br>), sans espace au début ni à la fin de chacune."""
        lignes, courante = [], []
        for morceau in self.morceaux + [SAUT]:
            if morceau is not SAUT:
                courante.append(morceau)
                continue
            while courante and not courante[0][0].lstrip(" "):
                courante.pop(0)
            while courante and not courante[-1][0].rstrip(" "):
                courante.pop()
            if courante:
                courante[0] = (courante[0][0].lstrip(" "), courante[0][1])
                courante[-1] = (courante[-1][0].rstrip(" "), courante[-1][1])
            lignes.append(courante)
            courante = []
        return lignes

    def texte(self) -> str:
        """Texte brut, lignes jointes par des retours à la ligne."""
        return "\n".join("".join(t for t, _ in ligne) for ligne in self.lignes())


@dataclass
class Liste:
    elements: list = field(default_factory=list)  # blocs (paragraphes « li »)


@dataclass
class Cellule:
    portee: int  # colspan
    nombre: bool  # classe « nombre » : alignée à droite
    entete: bool  # <th> d'une rangée d'en-tête
    blocs: list = field(default_factory=list)


@dataclass
class Rangee:
    entete: bool  # dans <thead>
    total: bool  # classe « total »
    cellules: list = field(default_factory=list)


@dataclass
class Tableau:
    legende: Paragraphe | None = None
    rangees: list = field(default_factory=list)

    def colonnes(self) -> int:
        return max((sum(c.portee for c in r.cellules) for r in self.rangees), default=0)


class _Analyse(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocs: list = []
        self.conteneurs: list[tuple[str, list]] = [("document", self.blocs)]  # où vont les blocs
        self.pile: list[tuple[str, tuple[str, ...]]] = []  # (balise, classes) ouvertes
        self.tableaux: list[Tableau] = []
        self.paragraphe: Paragraphe | None = None
        self.gras = 0

    def _dans(self, balise: str) -> bool:
        return any(b == balise for b, _ in self.pile)

    def _ouvrir(self, genre: str, niveau: int = 0) -> Paragraphe:
        self.paragraphe = Paragraphe(genre, tuple(c for _, classes in self.pile for c in classes), niveau)
        return self.paragraphe

    def _ajouter(self, bloc) -> None:
        self.conteneurs[-1][1].append(bloc)

    def handle_starttag(self, balise, attrs):
        attributs = dict(attrs)
        if balise == "br":
            if self.paragraphe is None:
                self._ajouter(self._ouvrir("p"))
            self.paragraphe.morceaux.append(SAUT)
            return
        if balise in BLOCS:
            self.paragraphe = None
        classes = tuple((attributs.get("class") or "").split())
        self.pile.append((balise, classes))
        if balise == "table":
            self.tableaux.append(Tableau())
            self._ajouter(self.tableaux[-1])
        elif balise == "tr" and self.tableaux:
            self.tableaux[-1].rangees.append(Rangee(self._dans("thead"), "total" in classes))
        elif balise in ("td", "th") and self.tableaux and self.tableaux[-1].rangees:
            portee = str(attributs.get("colspan") or "1")
            cellule = Cellule(int(portee) if portee.isdigit() and int(portee) > 0 else 1, "nombre" in classes,
                              balise == "th" and self._dans("thead"))
            self.tableaux[-1].rangees[-1].cellules.append(cellule)
            self.conteneurs.append(("cellule", cellule.blocs))
        elif balise in ("ul", "ol"):
            liste = Liste()
            self._ajouter(liste)
            self.conteneurs.append(("liste", liste.elements))
        elif balise == "caption" and self.tableaux:
            self.tableaux[-1].legende = self._ouvrir("titre", 2)
        elif balise in ("h1", "h2", "h3"):
            self._ajouter(self._ouvrir("titre", int(balise[1])))
        elif balise in ("p", "address", "li"):
            self._ajouter(self._ouvrir("li" if balise == "li" else "p"))
        elif balise in ("strong", "b"):
            self.gras += 1

    def handle_endtag(self, balise):
        if balise in BLOCS:
            self.paragraphe = None
        fermes = {"td": "cellule", "th": "cellule", "ul": "liste", "ol": "liste"}.get(balise)
        if balise in ("strong", "b") and self.gras:
            self.gras -= 1
        elif fermes and self.conteneurs[-1][0] == fermes:
            self.conteneurs.pop()
        elif balise == "table" and self.tableaux:
            self.tableaux.pop()
        for i in range(len(self.pile) - 1, -1, -1):
            if self.pile[i][0] == balise:
                del self.pile[i:]
                break

    def handle_data(self, data):
        texte = ESPACES_ASCII.sub(" ", data)  # comme en HTML : seul <br> coupe la ligne
        if self.paragraphe is None:
            hors_cellule = self.tableaux and self.conteneurs[-1][0] != "cellule"
            if not texte.strip() or hors_cellule:
                return  # blancs entre deux blocs, ou texte entre les cellules d'un tableau
            self._ajouter(self._ouvrir("p"))
        self.paragraphe.morceaux.append((texte, self.gras > 0))


def analyser(fragment: str) -> list:
    """Fragment HTML de lettre → blocs.

    >>> [p.texte() for p in analyser("<p>Madame, <strong>Monsieur</strong><br> Dupont </p>")]
    ['Madame, Monsieur\\nDupont']
    """
    analyse = _Analyse()
    analyse.feed(fragment)
    analyse.close()
    return analyse.blocs
