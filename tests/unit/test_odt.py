"""Téléchargement .odt des lettres : paquet ODF valide, contenu lisible, saisies échappées."""

from __future__ import annotations

import base64
import io
import re
import zipfile
from xml.etree import ElementTree as ET

import pytest

from calculators.api import run
from calculators.lettres.catalogue import MODELES
from calculators.lettres.odt import NS, TYPE_MIME, document_odt
from tests.unit.test_lettres import _complet

TEXT = NS["text"]
TABLE = NS["table"]
STYLE = NS["style"]


def _odt(resultat: dict) -> zipfile.ZipFile:
    fichier = next(f for f in resultat["affichage"]["fichiers"] if f["nom"].endswith(".odt"))
    assert fichier["encodage"] == "base64" and fichier["type"] == TYPE_MIME
    donnees = base64.b64decode(fichier["contenu"])
    assert donnees == base64.b64decode(resultat["odt_base64"])
    return zipfile.ZipFile(io.BytesIO(donnees))


def _texte(element: ET.Element) -> str:
    return "".join(element.itertext())


def test_paquet_odf_valide():
    paquet = _odt(run("lettre", _complet("mise-en-demeure")))
    assert paquet.testzip() is None
    premiere = paquet.infolist()[0]
    assert premiere.filename == "mimetype"
    assert premiere.compress_type == zipfile.ZIP_STORED and not premiere.extra
    assert paquet.read("mimetype") == b"application/vnd.oasis.opendocument.text"
    assert {"META-INF/manifest.xml", "content.xml", "styles.xml", "meta.xml"} <= set(paquet.namelist())
    manifeste = ET.fromstring(paquet.read("META-INF/manifest.xml"))
    chemins = {e.get(f"{{{NS['manifest']}}}full-path"): e.get(f"{{{NS['manifest']}}}media-type") for e in manifeste}
    assert chemins["/"] == TYPE_MIME and chemins["content.xml"] == "text/xml"
    for nom in ("content.xml", "styles.xml", "meta.xml"):
        racine = ET.fromstring(paquet.read(nom))
        assert racine.get(f"{{{NS['office']}}}version") == "1.2"


def test_contenu_numero_montants_et_tableau():
    r = run("lettre", _complet("mise-en-demeure"))
    contenu = ET.fromstring(_odt(r).read("content.xml"))
    texte = _texte(contenu)
    for attendu in ("F-2023-118", "F-2023-131", "10\u202f000,00\u00a0€", "242,05\u00a0€", "Martin Industries SA"):
        assert attendu in texte
    tableaux = contenu.findall(f".//{{{TABLE}}}table")
    factures = tableaux[0]
    assert factures.find(f"{{{TABLE}}}table-header-rows") is not None
    lignes = factures.findall(f"{{{TABLE}}}table-row")
    assert [_texte(l.find(f"{{{TABLE}}}table-cell")) for l in lignes] == ["F-2023-118", "F-2023-131"]
    colonnes = len(factures.findall(f"{{{TABLE}}}table-column"))  # une par colonne, chacune sa largeur
    assert all(len(l.findall(f"{{{TABLE}}}table-cell")) == colonnes for l in lignes)
    # Le total réclamé est celui du calculateur, la légende du tableau est un titre.
    from decimal import Decimal
    from calculators.commun import format_fr as fr
    assert fr.euros(Decimal(r["total"])) in texte
    assert "Factures impayées" in [_texte(h) for h in contenu.iter(f"{{{TEXT}}}h")]


@pytest.mark.parametrize("modele", list(MODELES))
def test_chaque_modele_donne_un_odt_lisible(modele):
    r = run("lettre", _complet(modele))
    assert r["ok"], r.get("erreurs")
    contenu = ET.fromstring(_odt(r).read("content.xml"))
    assert r["factures"][0]["numero"] in _texte(contenu)


def test_saisies_echappees_dans_le_xml():
    piege = "Client <script>alert(1)</script> & Fils {{ 7*7 }} {% raw %}"
    r = run("lettre", {**_complet("mediateur"), "debiteur_nom": piege, "litige": "a < b && c > d"})
    brut = _odt(r).read("content.xml").decode("utf-8")
    assert "<script>" not in brut
    assert "Client &lt;script&gt;alert(1)&lt;/script&gt; &amp; Fils {{ 7*7 }} {% raw %}" in brut
    texte = _texte(ET.fromstring(brut))
    assert piege in texte and "a < b && c > d" in texte and "49" not in texte



def test_caracteres_invisibles_d_un_copier_coller_sans_casser_le_xml():
    """Un saut de ligne manuel de Word (\\x0b) ou un caractère de contrôle dans un nom : le .odt
    n'était plus du XML (LibreOffice et Word refusaient de l'ouvrir). Une demi-paire UTF-16 est
    refusée au champ avant d'arriver ici (test_mauvaises_saisies)."""
    r = run("lettre", {**_complet("mise-en-demeure"), "creancier_nom": "Atelier\x0bDupont\x01\x1b SARL",
                       "signataire": "Jeanne\x00 Dupont\uffff"})
    assert r["ok"], r.get("erreurs")
    paquet = _odt(r)
    for nom in ("content.xml", "meta.xml", "styles.xml"):
        ET.fromstring(paquet.read(nom))  # lève ParseError si le XML est invalide
    texte = _texte(ET.fromstring(paquet.read("content.xml")))
    assert "Dupont SARL" in texte and "Jeanne Dupont" in texte
    assert "Jeanne Dupont" in r["affichage"]["texte"]

def test_sortie_reproductible():
    fragment = "<p>Bonjour</p><table><tr><td colspan=\"2\">x</td></tr><tr><td>a</td><td class=\"nombre\">1</td></tr></table>"
    assert document_odt(fragment, "t") == document_odt(fragment, "t")
    contenu = ET.fromstring(zipfile.ZipFile(io.BytesIO(document_odt(fragment, "t"))).read("content.xml"))
    premiere = contenu.find(f".//{{{TABLE}}}table-row")
    assert premiere.find(f"{{{TABLE}}}covered-table-cell") is not None


def test_colonnes_assez_larges_pour_ne_couper_ni_montant_ni_date():
    """Onze colonnes égales de 1,5 cm coupaient « 7 187,8|3 € » et « 15/04/2|026 » (LibreOffice) : chaque
    colonne est au moins aussi large que le plus long morceau insécable de ses cellules, et le tableau
    tient dans la largeur de la page (16,5 cm)."""
    from calculators.lettres.odt import CM_PAR_EM, MARGES_CELLULE, _chasse
    r = run("lettre", _complet("mise-en-demeure"))
    contenu = ET.fromstring(_odt(r).read("content.xml"))
    largeurs = {s.get(f"{{{STYLE}}}name"): float(s.find(f"{{{STYLE}}}table-column-properties")
                                                 .get(f"{{{STYLE}}}column-width").removesuffix("cm"))
                for s in contenu.iter(f"{{{STYLE}}}style") if s.get(f"{{{STYLE}}}family") == "table-column"}
    factures = contenu.find(f".//{{{TABLE}}}table")
    colonnes = [largeurs[c.get(f"{{{TABLE}}}style-name")] for c in factures.findall(f"{{{TABLE}}}table-column")]
    assert abs(sum(colonnes) - 16.5) < 0.05
    for ligne in factures.iter(f"{{{TABLE}}}table-row"):
        for rang, case in enumerate(ligne.findall(f"{{{TABLE}}}table-cell")):
            plus_long = max(map(_chasse, re.split(r"(?<=-)| ", _texte(case))))  # « 10/12/2023 », « 10 000,00 € »
            assert plus_long * CM_PAR_EM + MARGES_CELLULE <= colonnes[rang] + 1e-9, (_texte(case), colonnes[rang])
