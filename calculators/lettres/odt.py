"""Document texte OpenDocument (.odt, ODF 1.2) produit avec la seule bibliothèque standard.

Sert aux lettres types : le fragment HTML rendu par Jinja2 (déjà échappé) est relu par
`analyse_html` (la même lecture que pour le texte brut), puis réécrit en XML ODF par
`xml.etree.ElementTree`, qui échappe lui-même
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
from xml.etree import ElementTree as ET

from .analyse_html import Cellule, Liste, Paragraphe, Rangee, Tableau, analyser

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
    # Pas justifié : une ligne suivie d'un retour forcé s'étirait sur toute la largeur (LibreOffice).
    ("Mentions", "Corps", {"fo:text-align": "start"}, {"fo:font-weight": "bold"}),
    ("Signature", "Standard", {"fo:margin-left": "8cm", "fo:margin-top": "1cm", "fo:margin-bottom": "0.5cm"}, {}),
    ("Pieces", "Corps", {"fo:margin-top": "0.8cm"}, {"fo:font-size": "10pt"}),
    ("Titre", "Standard", {"fo:margin-top": "0.4cm", "fo:margin-bottom": "0.2cm", "fo:keep-with-next": "always"},
     {"fo:font-weight": "bold"}),
    # 8,5 pt : onze colonnes tiennent sur 16,5 cm sans couper un montant ni une date.
    ("Cellule", "Standard", {}, {"fo:font-size": "8.5pt"}),
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


# --- Blocs de la lettre → content.xml -----------------------------------------------------------------

# Classe d'un bloc de la lettre (gabarit `_lettre.html.j2`) → style de paragraphe.
STYLE_PAR_CLASSE = {
    "lettre-expediteur": "Expediteur", "lettre-destinataire": "Destinataire", "lettre-lieu-date": "Lieu_date",
    "lettre-mentions": "Mentions", "lettre-signature": "Signature", "lettre-pieces": "Pieces",
}


def _style(p: Paragraphe) -> str:
    if p.genre == "li":
        return "Liste"
    style = "Corps"
    for classe in p.classes:  # la classe la plus proche l'emporte
        style = STYLE_PAR_CLASSE.get(classe, style)
    return style


def _style_cellule(cellule: Cellule, rangee: Rangee) -> str:
    if cellule.entete:
        return "Cellule_entete"
    if cellule.nombre:
        return "Cellule_nombre_gras" if rangee.total else "Cellule_nombre"
    return "Cellule_entete" if rangee.total else "Cellule"


def _paragraphe(parent: ET.Element, p: Paragraphe, style: str | None = None) -> None:
    if p.genre == "titre":
        element = _el("text:h", {"text:style-name": "Titre", "text:outline-level": str(p.niveau)}, parent)
    else:
        element = _el("text:p", {"text:style-name": style or _style(p)}, parent)
    dernier = None  # élément après lequel le texte s'écrit (sa `tail`) ; None : au début du paragraphe
    for rang, ligne in enumerate(p.lignes()):
        if rang:
            dernier = _el("text:line-break", parent=element)
        for texte, gras in ligne:
            if gras:
                dernier = _el("text:span", {"text:style-name": "Gras"}, element)
                dernier.text = texte
            elif dernier is None:
                element.text = (element.text or "") + texte
            else:
                dernier.tail = (dernier.tail or "") + texte


LARGEUR_TABLEAU = 16.5  # cm, celle du style « Tableau »
CM_PAR_EM = 8.5 / 72 * 2.54  # un cadratin du texte des cellules (8,5 pt), en cm
MARGES_CELLULE = 0.3         # cm : 0,08 de chaque côté (style « Case »), les bordures, et de la marge
# Chasse des caractères de Liberation Serif (métrique de Times), en cadratins : assez juste pour
# qu'une date ou un montant tienne sur une ligne, sans réserver à chaque colonne la place d'une lettre capitale.
_CHASSES = {**dict.fromkeys("0123456789€", 0.5), **dict.fromkeys(" ,.'\u00a0\u202f", 0.25), "/": 0.28,
            **dict.fromkeys("-()", 0.33), "%": 0.83}


def _chasse(mot: str) -> float:
    """Largeur d'un mot, en cadratins (voir `_CHASSES` ; capitale 0,67, autre lettre 0,45)."""
    return sum(_CHASSES.get(c, 0.67 if c.isupper() else 0.45) for c in mot)


def largeurs_des_colonnes(t: Tableau) -> list[float]:
    """Largeur de chaque colonne (cm), selon le plus long morceau insécable de ses cellules (« 7 187,83 € »,
    « 15/04/2026 », « Pénalités ») : des colonnes égales de 1,5 cm coupaient « 15/04/2|026 ». Ce qui reste
    de la largeur du tableau va aux colonnes de texte, au prorata de leur texte ; si les morceaux
    insécables n'y tiennent pas, chacun a sa part au prorata.

    >>> from calculators.lettres.analyse_html import Cellule, Paragraphe, Rangee
    >>> def c(texte): return Cellule(1, False, False, [Paragraphe("p", (), morceaux=[(texte, False)])])
    >>> t = Tableau(None, [Rangee(False, False, [c("F1"), c("15/04/2026"), c("7\u202f187,83\u00a0€")])])
    >>> [round(x, 2) for x in largeurs_des_colonnes(t)]
    [2.13, 7.43, 6.94]
    """
    n = max(t.colonnes(), 1)
    insecable, texte = [1.0] * n, [1.0] * n
    for rangee in t.rangees:
        rang = 0
        for cellule in rangee.cellules:
            if cellule.portee == 1 and rang < n:
                contenu = " ".join(b.texte() for b in cellule.blocs if isinstance(b, Paragraphe))
                # Coupures possibles : l'espace et le trait d'union (« FA-2026-|041 »).
                insecable[rang] = max(insecable[rang], *map(_chasse, re.split(r"(?<=-)| ", contenu)))
                texte[rang] = max(texte[rang], _chasse(contenu))
            rang += cellule.portee
    minimum = [x * CM_PAR_EM + MARGES_CELLULE for x in insecable]
    if sum(minimum) >= LARGEUR_TABLEAU:
        return [m * LARGEUR_TABLEAU / sum(minimum) for m in minimum]
    reste = LARGEUR_TABLEAU - sum(minimum)
    return [m + reste * x / sum(texte) for m, x in zip(minimum, texte)]


def _tableau(parent: ET.Element, t: Tableau, tableaux: list, automatiques: ET.Element) -> None:
    tableaux.append(t)
    if t.legende is not None:  # la légende précède le tableau
        _paragraphe(parent, t.legende)
    element = _el("table:table", {"table:name": f"Tableau{len(tableaux)}", "table:style-name": "Tableau"}, parent)
    for rang, largeur in enumerate(largeurs_des_colonnes(t), start=1):
        nom = f"Tableau{len(tableaux)}.C{rang}"
        style = _el("style:style", {"style:name": nom, "style:family": "table-column"}, automatiques)
        _el("style:table-column-properties", {"style:column-width": f"{largeur:.2f}cm"}, style)
        _el("table:table-column", {"table:style-name": nom}, element)
    entetes = None
    for rangee in t.rangees:
        if rangee.entete and entetes is None:
            entetes = _el("table:table-header-rows", parent=element)
        ligne = _el("table:table-row", parent=entetes if rangee.entete else element)
        for cellule in rangee.cellules:
            case = _el("table:table-cell", {"table:style-name": "Case", "office:value-type": "string"}, ligne)
            if cellule.portee > 1:
                case.set(_q("table:number-columns-spanned"), str(cellule.portee))
            for bloc in cellule.blocs:
                if isinstance(bloc, Paragraphe):
                    _paragraphe(case, bloc, _style_cellule(cellule, rangee))
                else:
                    _blocs(case, [bloc], tableaux, automatiques)
            if not cellule.blocs:  # une cellule vide porte tout de même un paragraphe
                _el("text:p", {"text:style-name": "Cellule"}, case)
            for _ in range(cellule.portee - 1):
                _el("table:covered-table-cell", parent=ligne)


def _blocs(parent: ET.Element, blocs: list, tableaux: list, automatiques: ET.Element) -> None:
    """Écrit les blocs dans `parent` ; `tableaux` les numérote dans l'ordre du document."""
    for bloc in blocs:
        if isinstance(bloc, Tableau):
            _tableau(parent, bloc, tableaux, automatiques)
        elif isinstance(bloc, Liste):
            liste = _el("text:list", {"text:style-name": "Tirets"}, parent)
            for element in bloc.elements:
                _blocs(_el("text:list-item", parent=liste), [element], tableaux, automatiques)
        else:
            _paragraphe(parent, bloc)


def _content_xml(fragment: str) -> bytes:
    racine = _el("office:document-content", {"office:version": "1.2"})
    _el("office:font-face-decls", parent=racine)
    automatiques = _el("office:automatic-styles", parent=racine)
    _styles_automatiques(automatiques)
    corps = _el("office:text", parent=_el("office:body", parent=racine))
    _blocs(corps, analyser(fragment), [], automatiques)
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
