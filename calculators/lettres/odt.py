"""Document texte OpenDocument (.odt, ODF 1.2) produit avec la seule bibliothèque standard.

Sert aux lettres types : le fragment HTML rendu par Jinja2 (déjà échappé) est relu par
`html.parser`, puis réécrit en XML ODF par `xml.etree.ElementTree`, qui échappe lui-même
`<`, `>` et `&`. Ce qui a été tapé ressort donc comme du texte, jamais comme du balisage ; la
syntaxe de gabarit (« {{ 7*7 }} ») n'a aucun sens en ODF et reste telle quelle.

Le paquet est une archive zip (ODF 1.2, partie 3 « Packages ») : l'entrée `mimetype` vient
en premier, stockée sans compression, puis `META-INF/manifest.xml`, `meta.xml`, `styles.xml`
(styles nommés, modifiables dans le traitement de texte ; page A4) et `content.xml`. Les dates
des entrées sont fixes : la même lettre donne toujours les mêmes octets.

Correspondance HTML → ODF : `p`, `address` → `text:p` (style selon la classe de la lettre :
destinataire, lieu et date, signature…) ; `h1` à `h3` et la légende d'un tableau → `text:h` ;
`table` → `table:table` (lignes d'en-tête dans `table:table-header-rows`, `colspan` suivi de
cellules couvertes) ; `ul`, `ol` → `text:list` ; `strong`, `b` → `text:span` en gras ; `br` →
`text:line-break`.

>>> import io, zipfile
>>> donnees = document_odt("<p>Madame, <strong>Monsieur</strong> &lt;Dupont&gt;</p>", "Essai")
>>> paquet = zipfile.ZipFile(io.BytesIO(donnees))
>>> paquet.namelist()[0], paquet.read("mimetype").decode()
('mimetype', 'application/vnd.oasis.opendocument.text')
>>> "Madame, <text:span text:style-name=\\"Gras\\">Monsieur</text:span> &lt;Dupont&gt;" in paquet.read("content.xml").decode()
True
"""

from __future__ import annotations

import io
import re
import zipfile
from html.parser import HTMLParser
from xml.etree import ElementTree as ET

TYPE_MIME = "application/vnd.oasis.opendocument.text"
DATE_FIXE = (2000, 1, 1, 0, 0, 0)  # dates des entrées de l'archive : sortie reproductible

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
    "manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
}
_ESPACES_ASCII = re.compile(r"[ \t\n\r\f\v]+")  # pas \s : les espaces insécables de format_fr restent


def _q(nom: str) -> str:
    """« text:p » → « {urn:…:text:1.0}p » (nom qualifié pour ElementTree)."""
    prefixe, local = nom.split(":")
    return f"{{{NS[prefixe]}}}{local}"


def _el(nom: str, attributs: dict | None = None, parent: ET.Element | None = None) -> ET.Element:
    attrib = {_q(k): v for k, v in (attributs or {}).items()}
    return ET.Element(_q(nom), attrib) if parent is None else ET.SubElement(parent, _q(nom), attrib)


def _xml(racine: ET.Element) -> bytes:
    for prefixe, uri in NS.items():
        ET.register_namespace(prefixe, uri)
    return ET.tostring(racine, encoding="UTF-8", xml_declaration=True)


# --- Styles nommés (styles.xml) ------------------------------------------------------------------

# (nom, parent, propriétés de paragraphe, propriétés de texte) : mêmes choix que la feuille
# d'impression de `_document.html.j2` (A4, marges 20/20/20/25 mm, Liberation Serif 11 pt).
STYLES_PARAGRAPHE = (
    ("Standard", None, {}, {}),
    ("Corps", "Standard", {"fo:margin-top": "0cm", "fo:margin-bottom": "0.25cm", "fo:text-align": "justify"}, {}),
    ("Expediteur", "Standard", {"fo:margin-bottom": "0.25cm"}, {}),
    ("Destinataire", "Standard", {"fo:margin-left": "9cm", "fo:margin-top": "1.5cm", "fo:margin-bottom": "1cm"}, {}),
    ("Lieu_date", "Standard", {"fo:text-align": "end", "fo:margin-bottom": "0.5cm"}, {}),
    ("Mentions", "Corps", {}, {"fo:font-weight": "bold"}),
    ("Signature", "Standard", {"fo:margin-left": "8cm", "fo:margin-top": "1cm", "fo:margin-bottom": "0.5cm"}, {}),
    ("Pieces", "Corps", {"fo:margin-top": "0.8cm"}, {"fo:font-size": "10pt"}),
    ("Titre", "Standard", {"fo:margin-top": "0.4cm", "fo:margin-bottom": "0.2cm", "fo:keep-with-next": "always"},
     {"fo:font-weight": "bold"}),
    ("Cellule", "Standard", {}, {}),
    ("Cellule_nombre", "Cellule", {"fo:text-align": "end"}, {}),
    ("Cellule_entete", "Cellule", {}, {"fo:font-weight": "bold"}),
    ("Cellule_nombre_gras", "Cellule_nombre", {}, {"fo:font-weight": "bold"}),
    ("Liste", "Corps", {"fo:margin-bottom": "0.1cm"}, {}),
)


def _styles_xml() -> bytes:
    racine = _el("office:document-styles", {"office:version": "1.2"})
    polices = _el("office:font-face-decls", parent=racine)
    _el("style:font-face", {"style:name": "Liberation Serif", "svg:font-family": "'Liberation Serif'",
                            "style:font-family-generic": "roman", "style:font-pitch": "variable"}, polices)
    styles = _el("office:styles", parent=racine)
    defaut = _el("style:default-style", {"style:family": "paragraph"}, styles)
    _el("style:paragraph-properties", {"fo:orphans": "2", "fo:widows": "2"}, defaut)
    _el("style:text-properties", {"style:font-name": "Liberation Serif", "fo:font-size": "11pt",
                                  "fo:language": "fr", "fo:country": "FR"}, defaut)
    for nom, parent, paragraphe, texte in STYLES_PARAGRAPHE:
        attributs = {"style:name": nom, "style:family": "paragraph", "style:class": "text"}
        if parent:
            attributs["style:parent-style-name"] = parent
        style = _el("style:style", attributs, styles)
        if paragraphe:
            _el("style:paragraph-properties", paragraphe, style)
        if texte:
            _el("style:text-properties", texte, style)
    gras = _el("style:style", {"style:name": "Gras", "style:family": "text"}, styles)
    _el("style:text-properties", {"fo:font-weight": "bold"}, gras)
    automatiques = _el("office:automatic-styles", parent=racine)
    page = _el("style:page-layout", {"style:name": "A4"}, automatiques)
    _el("style:page-layout-properties", {
        "fo:page-width": "21cm", "fo:page-height": "29.7cm", "style:print-orientation": "portrait",
        "fo:margin-top": "2cm", "fo:margin-bottom": "2cm", "fo:margin-left": "2.5cm", "fo:margin-right": "2cm",
    }, page)
    maitres = _el("office:master-styles", parent=racine)
    _el("style:master-page", {"style:name": "Standard", "style:page-layout-name": "A4"}, maitres)
    return _xml(racine)


def _styles_automatiques(parent: ET.Element) -> None:
    """Styles de content.xml : tableau, cellules bordées, liste à tirets."""
    tableau = _el("style:style", {"style:name": "Tableau", "style:family": "table"}, parent)
    _el("style:table-properties", {"style:width": "16.5cm", "table:align": "margins",
                                   "fo:margin-top": "0.2cm", "fo:margin-bottom": "0.3cm"}, tableau)
    cellule = _el("style:style", {"style:name": "Case", "style:family": "table-cell"}, parent)
    _el("style:table-cell-properties", {"fo:border": "0.5pt solid #555555", "fo:padding": "0.08cm"}, cellule)
    liste = _el("text:list-style", {"style:name": "Tirets"}, parent)
    niveau = _el("text:list-level-style-bullet", {"text:level": "1", "text:bullet-char": "–"}, liste)
    proprietes = _el("style:list-level-properties",
                     {"text:list-level-position-and-space-mode": "label-alignment"}, niveau)
    _el("style:list-level-label-alignment", {"text:label-followed-by": "listtab", "text:list-tab-stop-position": "1cm",
                                             "fo:text-indent": "-0.5cm", "fo:margin-left": "1cm"}, proprietes)


# --- HTML de la lettre → content.xml -----------------------------------------------------------------

# Classe d'un bloc de la lettre (gabarit `_lettre.html.j2`) → style de paragraphe.
STYLE_PAR_CLASSE = {
    "lettre-expediteur": "Expediteur", "lettre-destinataire": "Destinataire", "lettre-lieu-date": "Lieu_date",
    "lettre-mentions": "Mentions", "lettre-signature": "Signature", "lettre-pieces": "Pieces",
}
_PARAGRAPHES = {"p", "address", "li", "h1", "h2", "h3", "caption"}


class _VersOdt(HTMLParser):
    def __init__(self, corps: ET.Element):
        super().__init__(convert_charrefs=True)
        self.conteneurs = [corps]  # où vont les paragraphes : corps, cellule, élément de liste
        self.pile: list[tuple[str, str]] = []  # (balise, classe) ouvertes
        self.paragraphe: ET.Element | None = None
        self.en_ligne: list[ET.Element] = []  # spans ouverts dans le paragraphe courant
        self.tableaux: list[dict] = []
        self.nombre_tableaux = 0

    # Paragraphes et texte

    def _classes(self) -> list[str]:
        return [cl for _, classe in self.pile for cl in classe.split()]

    def _style(self, balise: str) -> str:
        if self.tableaux and self.tableaux[-1]["cellule"] is not None:
            t = self.tableaux[-1]
            if t["entete"]:
                return "Cellule_entete"
            return ("Cellule_nombre_gras" if t["total"] else "Cellule_nombre") if t["nombre"] else (
                "Cellule_entete" if t["total"] else "Cellule")
        if balise == "li":
            return "Liste"
        style = "Corps"
        for classe in self._classes():
            style = STYLE_PAR_CLASSE.get(classe, style)
        return style

    def _ouvrir(self, balise: str) -> ET.Element:
        self._fermer()
        conteneur = self.conteneurs[-1]
        if balise in ("h1", "h2", "h3", "caption"):
            niveau = "2" if balise == "caption" else balise[1]
            self.paragraphe = _el("text:h", {"text:style-name": "Titre", "text:outline-level": niveau})
            if balise == "caption":  # la légende précède le tableau
                conteneur.insert(list(conteneur).index(self.tableaux[-1]["element"]), self.paragraphe)
            else:
                conteneur.append(self.paragraphe)
        else:
            self.paragraphe = _el("text:p", {"text:style-name": self._style(balise)}, conteneur)
        return self.paragraphe

    def _fermer(self) -> None:
        if self.paragraphe is not None:
            _rogner_fin(self.paragraphe)
        self.paragraphe = None
        self.en_ligne = []

    def _ecrire(self, texte: str) -> None:
        cible = self.en_ligne[-1] if self.en_ligne else self.paragraphe
        enfants = list(cible)
        if enfants:
            enfants[-1].tail = (enfants[-1].tail or "") + texte
        else:
            cible.text = (cible.text or "") + texte

    def _vide_jusqu_ici(self) -> bool:
        """Rien d'écrit depuis le début du paragraphe ou le dernier saut de ligne."""
        p = self.paragraphe
        dernier = _dernier_noeud(p)
        if dernier is None:
            return not (p.text or "").strip()
        if dernier.tag == _q("text:line-break"):
            return not (dernier.tail or "").strip()
        return False

    def handle_starttag(self, balise, attrs):
        attributs = dict(attrs)
        if balise == "br":
            if self.paragraphe is None:
                self._ouvrir("p")
            _rogner_fin(self.paragraphe)
            _el("text:line-break", parent=self.en_ligne[-1] if self.en_ligne else self.paragraphe)
            return
        self.pile.append((balise, attributs.get("class") or ""))
        if balise == "table":
            self._fermer()
            self.nombre_tableaux += 1
            element = _el("table:table", {"table:name": f"Tableau{self.nombre_tableaux}", "table:style-name": "Tableau"},
                          self.conteneurs[-1])
            self.tableaux.append({"element": element, "lignes": [], "entetes": None, "cellule": None,
                                  "entete": False, "nombre": False, "total": False, "colonnes": 0})
        elif balise == "thead" and self.tableaux:
            t = self.tableaux[-1]
            t["entetes"] = _el("table:table-header-rows", parent=t["element"])
        elif balise == "tr" and self.tableaux:
            t = self.tableaux[-1]
            parent = t["entetes"] if t["entetes"] is not None and self._dans("thead") else t["element"]
            t["ligne"] = _el("table:table-row", parent=parent)
            t["total"] = "total" in (attributs.get("class") or "").split()
            t["largeur"] = 0
        elif balise in ("td", "th") and self.tableaux:
            self._fermer()
            t = self.tableaux[-1]
            portee = int(attributs.get("colspan") or 1) if str(attributs.get("colspan") or "1").isdigit() else 1
            cellule = _el("table:table-cell", {"table:style-name": "Case", "office:value-type": "string"}, t["ligne"])
            if portee > 1:
                cellule.set(_q("table:number-columns-spanned"), str(portee))
            t.update(cellule=cellule, portee=portee, entete=balise == "th" and self._dans("thead"),
                     nombre="nombre" in (attributs.get("class") or "").split())
            t["largeur"] += portee
            t["colonnes"] = max(t["colonnes"], t["largeur"])
            self.conteneurs.append(cellule)
        elif balise in ("ul", "ol"):
            self._fermer()
            self.conteneurs.append(_el("text:list", {"text:style-name": "Tirets"}, self.conteneurs[-1]))
        elif balise == "li" and self.conteneurs[-1].tag == _q("text:list"):
            self.conteneurs.append(_el("text:list-item", parent=self.conteneurs[-1]))
            self._ouvrir("li")
        elif balise in _PARAGRAPHES:
            self._ouvrir(balise)
        elif balise in ("strong", "b"):
            if self.paragraphe is None:
                self._ouvrir("p")
            parent = self.en_ligne[-1] if self.en_ligne else self.paragraphe
            self.en_ligne.append(_el("text:span", {"text:style-name": "Gras"}, parent))

    def _dans(self, balise: str) -> bool:
        return any(b == balise for b, _ in self.pile)

    def handle_endtag(self, balise):
        if balise in ("strong", "b") and self.en_ligne:
            self.en_ligne.pop()
        elif balise in ("td", "th") and self.tableaux and self.tableaux[-1]["cellule"] is not None:
            self._fermer()
            t = self.tableaux[-1]
            if not list(t["cellule"]):  # une cellule vide porte tout de même un paragraphe
                _el("text:p", {"text:style-name": "Cellule"}, t["cellule"])
            for _ in range(t["portee"] - 1):
                _el("table:covered-table-cell", parent=t["ligne"])
            t["cellule"] = None
            self.conteneurs.pop()
        elif balise == "table" and self.tableaux:
            self._fermer()
            t = self.tableaux.pop()
            colonne = _el("table:table-column", {"table:number-columns-repeated": str(max(t["colonnes"], 1))})
            t["element"].insert(0, colonne)
        elif balise in ("ul", "ol") and self.conteneurs[-1].tag == _q("text:list"):
            self._fermer()
            self.conteneurs.pop()
        elif balise == "li" and self.conteneurs[-1].tag == _q("text:list-item"):
            self._fermer()
            self.conteneurs.pop()
        elif balise in _PARAGRAPHES:
            self._fermer()
        for i in range(len(self.pile) - 1, -1, -1):
            if self.pile[i][0] == balise:
                del self.pile[i:]
                break

    def handle_data(self, data):
        texte = _ESPACES_ASCII.sub(" ", data)  # comme en HTML : seul <br> coupe la ligne
        if not texte.strip() and (self.paragraphe is None or self._vide_jusqu_ici()):
            return
        if self.paragraphe is None:
            if self.tableaux and self.tableaux[-1]["cellule"] is None:
                return  # texte entre les cellules : rien à montrer
            self._ouvrir("p")
        if self._vide_jusqu_ici():
            texte = texte.lstrip(" ")
        self._ecrire(texte)

    def close(self):
        super().close()
        self._fermer()


def _dernier_noeud(element: ET.Element) -> ET.Element | None:
    """Dernier descendant en ordre de lecture (le texte qui suit est sa `tail`)."""
    enfants = list(element)
    return enfants[-1] if enfants else None


def _rogner_fin(element: ET.Element) -> None:
    """Retire l'espace final d'un paragraphe (ou avant un saut de ligne)."""
    dernier = _dernier_noeud(element)
    if dernier is None:
        if element.text:
            element.text = element.text.rstrip(" ")
    elif dernier.tail:
        dernier.tail = dernier.tail.rstrip(" ")
    elif dernier.tag == _q("text:span"):
        _rogner_fin(dernier)


def _content_xml(fragment: str) -> bytes:
    racine = _el("office:document-content", {"office:version": "1.2"})
    _el("office:font-face-decls", parent=racine)
    _styles_automatiques(_el("office:automatic-styles", parent=racine))
    corps = _el("office:text", parent=_el("office:body", parent=racine))
    analyse = _VersOdt(corps)
    analyse.feed(fragment)
    analyse.close()
    return _xml(racine)


def _meta_xml(titre: str) -> bytes:
    racine = _el("office:document-meta", {"office:version": "1.2"})
    meta = _el("office:meta", parent=racine)
    _el("meta:generator", parent=meta).text = "calculators (lettres types)"
    _el("dc:title", parent=meta).text = titre
    _el("dc:language", parent=meta).text = "fr-FR"
    return _xml(racine)


def _manifest_xml() -> bytes:
    racine = _el("manifest:manifest", {"manifest:version": "1.2"})
    _el("manifest:file-entry", {"manifest:full-path": "/", "manifest:version": "1.2",
                                "manifest:media-type": TYPE_MIME}, racine)
    for nom in ("content.xml", "styles.xml", "meta.xml"):
        _el("manifest:file-entry", {"manifest:full-path": nom, "manifest:media-type": "text/xml"}, racine)
    return _xml(racine)


def document_odt(fragment: str, titre: str) -> bytes:
    """Fragment HTML de lettre (déjà échappé) → octets d'un fichier .odt."""
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w") as paquet:
        # ODF 1.2 partie 3, § 3.3 : `mimetype` en premier, non compressé, sans champ extra.
        paquet.writestr(zipfile.ZipInfo("mimetype", DATE_FIXE), TYPE_MIME.encode("ascii"),
                        compress_type=zipfile.ZIP_STORED)
        for nom, contenu in (("META-INF/manifest.xml", _manifest_xml()), ("meta.xml", _meta_xml(titre)),
                             ("styles.xml", _styles_xml()), ("content.xml", _content_xml(fragment))):
            paquet.writestr(zipfile.ZipInfo(nom, DATE_FIXE), contenu, compress_type=zipfile.ZIP_DEFLATED)
    return tampon.getvalue()
