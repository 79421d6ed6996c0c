"""Des octets lus par morceaux aux lignes de texte, sans jamais tenir le fichier entier.

- Encodage : marque d'ordre des octets (BOM) UTF-8, UTF-16 ou UTF-32 si présente ; sinon UTF-8 tant que
  les octets le permettent, et, au premier octet impossible en UTF-8 alors que tout ce qui
  précède était en ASCII, l'encodage de repli (ISO-8859-15 pour un FEC, que l'arrêté autorise,
  ses octets 0x80 à 0x9F, qui n'y sont que des caractères de contrôle, lus en Windows-1252 : « œ »,
  « ’ », « € » des FEC exportés sous Windows ; Windows-1252 pour un tableur, ou Mac Roman si ses lettres accentuées l'emportent, voir
  `mac_roman_probable`, jugé sur les `FENETRE_REPLI` octets qui suivent ce premier octet, quel
  que soit le découpage en morceaux). Un fichier UTF-8 abîmé plus loin est lu avec des caractères
  de remplacement, comptés et signalés.
- Fins de ligne : LF, CRLF ou CR seul (anciens Mac), même coupées entre deux morceaux.
- Une ligne démesurée (plus de `LIGNE_MAX` caractères) est écartée sans être gardée en mémoire.
- Un fichier binaire (octets nuls sans BOM UTF-16 ou 32 dès la première ligne, ou nombreux au début) est
  refusé ; un octet nul isolé dans un fichier texte n'écarte que sa ligne (voir `analyse`).
- Champs entre guillemets, comme les écrit le module `csv` : relus ligne à ligne (`relire_guillemets`).
"""

from __future__ import annotations

import codecs
import csv
import re
from collections import Counter

LIGNE_MAX = 100_000  # caractères : une ligne de FEC en compte quelques centaines
FENETRE_REPLI = 64 * 1024  # octets jugés pour choisir Windows-1252 ou Mac Roman (voir `Decodeur`)
# UTF-32 avant UTF-16 : sa marque (FF FE 00 00) commence par celle d'UTF-16 (FF FE).
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def deviner_bom(debut: bytes) -> str | None:
    """Encodage annoncé par une marque d'ordre des octets.

    >>> deviner_bom(b"\\xef\\xbb\\xbfJournalCode"), deviner_bom(b"JournalCode")
    ('utf-8-sig', None)
    """
    for bom, nom in _BOMS:
        if debut.startswith(bom):
            return nom
    return None


def utf16_sans_bom(debut: bytes) -> str | None:
    """UTF-16 sans marque d'ordre des octets (certains exports « Unicode » d'Excel ou de PowerShell) :
    un octet nul sur deux, toujours du même côté, dans un texte en alphabet latin. Lu comme tel au
    lieu d'être refusé comme binaire (« il contient des octets nuls »).

    >>> utf16_sans_bom("Client;Montant\\nC1;1 200,00 €".encode("utf-16-le")), utf16_sans_bom(b"Client;Montant")
    ('utf-16-le', None)
    >>> utf16_sans_bom("Client;Montant".encode("utf-16-be")), utf16_sans_bom(b"PK\\x03\\x04\\x00\\x00\\x00\\x00")
    ('utf-16-be', None)
    """
    echantillon = debut[:DEBUT_BINAIRE - DEBUT_BINAIRE % 2]
    paires = len(echantillon) // 2
    if paires < 4:
        return None
    pairs, impairs = echantillon[0::2].count(0), echantillon[1::2].count(0)
    if pairs == 0 and impairs >= 0.8 * paires:
        return "utf-16-le"
    if impairs == 0 and pairs >= 0.8 * paires:
        return "utf-16-be"
    return None


_EN_CSV = ("ouvrez-le dans votre tableur et enregistrez-le au format CSV (« Enregistrer sous », type CSV), ou "
           "exportez le FEC depuis votre logiciel comptable.")
# Signatures des fichiers que l'on choisit par erreur à la place d'un export texte.
_AUTRES_FORMATS = (
    (b"%PDF", "Ce fichier est un PDF : l'analyse a besoin des données, pas d'un document à imprimer. Exportez le FEC "
              "ou un tableau de factures (CSV) depuis votre logiciel."),
    (b"PK\x03\x04", "Ce fichier est un classeur (Excel .xlsx, LibreOffice .ods) ou une archive ZIP, pas un fichier "
                     "texte : " + _EN_CSV),
    (b"\xd0\xcf\x11\xe0", "Ce fichier est un ancien classeur Excel (.xls), pas un fichier texte : " + _EN_CSV),
)


def format_non_texte(debut: bytes) -> str | None:
    """Ce qu'est un fichier reconnu à sa signature (PDF, classeur), dit en français ; None sinon.

    >>> format_non_texte(b"%PDF-1.4")[:22], format_non_texte(b"JournalCode|JournalLib") is None
    ('Ce fichier est un PDF ', True)
    >>> format_non_texte(b'<?xml version="1.0"?>\\n<comptabilite><exercice>')[:33]
    'Ce fichier est un FEC au format X'
    """
    for signature, message in _AUTRES_FORMATS:
        if debut.startswith(signature):
            return message
    balise = debut.removeprefix(b"\xef\xbb\xbf").lstrip()
    if balise.startswith(b"<"):
        if b"<comptabilite" in debut[:DEBUT_BINAIRE].lower():  # l'autre forme du FEC (A47 A-1, schéma XSD de la DGFiP)
            return ("Ce fichier est un FEC au format XML, que l'analyse ne lit pas : exportez le FEC au format texte "
                    "(une ligne par écriture, séparateur tabulation ou « | »), que tous les logiciels comptables proposent.")
        return ("Ce fichier est un document XML ou HTML (une page web enregistrée ?), ni un FEC ni un tableau de "
                "factures : " + _EN_CSV)
    return None


DEBUT_BINAIRE = 4096  # octets : le début du fichier, lu avant de décider (voir `analyse._decoder`)
NULS_BINAIRE = 8      # octets nuls dans ce début : un fichier binaire, plus un texte abîmé


def semble_binaire(debut: bytes) -> int:
    """Un fichier sans BOM UTF-16 ou UTF-32 qui n'est pas du texte : des octets nuls dès sa première ligne, ou
    au moins `NULS_BINAIRE` dans ses `DEBUT_BINAIRE` premiers octets (UTF-16 sans BOM, image,
    archive…) ; rend la ligne du premier octet nul, 0 si le fichier semble du texte. Jugé sur ce seul
    début, quel que soit le découpage ; un octet nul isolé n'écarte que sa ligne (voir `analyse`).

    >>> semble_binaire(b"PK\\x03\\x04\\x00\\x00"), semble_binaire(b"JournalCode|JournalLib")
    (1, 0)
    >>> semble_binaire(b"Client;Montant\\nC1;1\\x00000\\n"), semble_binaire(b"Client\\n" + b"\\x00\\n" * 9)
    (0, 2)
    """
    debut = debut[:DEBUT_BINAIRE]
    nul = debut.find(b"\x00")
    if nul < 0 or deviner_bom(debut) in ("utf-16", "utf-32") or utf16_sans_bom(debut):
        return 0
    fin = b"\n" if b"\n" in debut else b"\r"
    if fin in debut[:nul] and debut.count(b"\x00") < NULS_BINAIRE:
        return 0
    return debut.count(fin, 0, nul) + 1


def mac_roman_probable(octets: bytes) -> bool:
    """Texte français en Mac Roman (« CSV (Macintosh) » d'Excel pour Mac) plutôt qu'en Windows-1252 ?

    Les octets au-delà de 0x7F sont lus des deux façons ; l'emporte celle qui y trouve le plus
    de caractères d'un texte français (lettres accentuées, €, ’, « », espace insécable). Les
    lettres de Mac Roman (é 0x8E, à 0x88…) donnent en Windows-1252 « Ž », « ˆ » ; mais le « € »
    de Windows-1252 (0x80) donne « Ä » en Mac Roman, et son espace insécable « † » : compter
    les seuls octets de 0x80 à 0x9F prenait un tableau de montants en euros pour du Mac Roman.

    >>> mac_roman_probable("Numéro;Société à Créteil".encode("mac_roman"))
    True
    >>> mac_roman_probable("Numéro;Société à Créteil ; 1 000 €".encode("cp1252")), mac_roman_probable(b"abc")
    (False, False)
    >>> mac_roman_probable("A;1\\xa0200,00 € ; B;300,00 € ; C;1,00 €".encode("cp1252"))
    False
    """
    hauts = octets.translate(None, _ASCII)
    if not hauts:
        return False
    return _francais(hauts.decode("mac_roman")) > _francais(hauts.decode("cp1252", errors="replace"))


def _francais(texte: str) -> int:
    vus = Counter(texte)
    return sum(vus[c] for c in _CARACTERES_FRANCAIS)


# ISO-8859-15 n'a, de 0x80 à 0x9F, que des caractères de contrôle, jamais écrits dans un texte ; un FEC
# exporté sous Windows (Sage, EBP, Ciel) y a ses « œ », « ’ », « € » de Windows-1252. Lus en contrôles,
# « Bœuf d’Œuvre » devenait « B\x9cuf d\x92\x8cuvre » à l'écran, dans les exports et les lettres. Les cinq
# octets que Windows-1252 n'attribue pas restent illisibles (« \ufffd », comptés).
_C1 = re.compile("[\x80-\x9f]")
_C1_EN_WINDOWS = {c: bytes([c]).decode("cp1252", errors="replace") for c in range(0x80, 0xA0)}


def c1_en_windows_1252(texte: str) -> str:
    """Les caractères de contrôle C1 d'un texte lu en ISO-8859-15, relus en Windows-1252.

    >>> c1_en_windows_1252("B\x9cuf d\x92\x8cuvre ; 1\xa0000 \x80 ; \x81")
    'Bœuf d’Œuvre ; 1\xa0000 € ; \ufffd'
    """
    return texte.translate(_C1_EN_WINDOWS) if _C1.search(texte) else texte


_ASCII = bytes(range(0x80))
_CARACTERES_FRANCAIS = "àâäçéèêëîïôöùûüÿœæÀÂÇÉÈÊËÎÏÔÙÛŒÆ€’‘“”«»°…–—\xa0"


class Decodeur:
    """Octets → texte, morceau après morceau, encodage deviné au fil de l'eau.

    Seul l'UTF-8 sans BOM est lu strictement (pour pouvoir basculer sur le repli) ; un encodage
    annoncé par un BOM ou choisi par repli remplace les octets impossibles par « \ufffd »,
    comptés dans `illisibles` : jamais d'exception, jamais de caractère perdu en silence.
    """

    def __init__(self, repli: str = "cp1252"):
        self.repli = repli
        self.encodage = ""
        self.illisibles = 0
        self._decodeur = None
        self._strict = True
        self._tout_ascii = True
        self._attente: bytearray | None = None  # octets retenus tant que le repli n'est pas choisi
        self._debut = 0  # où, dans `_attente`, est le premier octet impossible en UTF-8

    def decoder(self, octets: bytes, final: bool = False) -> str:
        if self._attente is not None:
            return self._choisir(octets, final)
        if self._decodeur is None:
            bom = deviner_bom(octets) or utf16_sans_bom(octets)
            self.encodage = bom or "utf-8"
            self._strict = bom is None
            self._decodeur = codecs.getincrementaldecoder(self.encodage)("strict" if self._strict else "replace")
        if not self._strict:
            return self._compter(self._decodeur.decode(octets, final))
        en_attente = self._decodeur.getstate()[0]
        try:
            texte = self._decodeur.decode(octets, final)
        except UnicodeDecodeError as exc:
            # `exc.object` : les octets en attente suivis du morceau ; `exc.start` y est relatif.
            return self._basculer(en_attente + octets, final, exc.start)
        if self._tout_ascii and not texte.isascii():
            self._tout_ascii = False
        return texte

    def _compter(self, texte: str) -> str:
        if self.encodage == "iso-8859-15":
            texte = c1_en_windows_1252(texte)
        if "\ufffd" in texte:
            self.illisibles += texte.count("\ufffd")
        return texte

    def _basculer(self, octets: bytes, final: bool, position: int) -> str:
        """Premier octet impossible en UTF-8 : repli si tout était ASCII, remplacement sinon."""
        self._strict = False
        if self._tout_ascii and octets[:position].isascii():
            if self.repli == "cp1252":  # Windows-1252 ou Mac Roman : décidé sur `FENETRE_REPLI` octets
                self._attente, self._debut = bytearray(octets), position
                return self._choisir(b"", final)
            self.encodage = self.repli
            self._decodeur = codecs.getincrementaldecoder(self.encodage)("replace")
        else:
            self.encodage = "utf-8 (abîmé)"
            self._decodeur = codecs.getincrementaldecoder("utf-8")("replace")
        return self._compter(self._decodeur.decode(octets, final))

    def _choisir(self, octets: bytes, final: bool) -> str:
        """Windows-1252 ou Mac Roman, jugé sur les `FENETRE_REPLI` octets qui suivent le premier octet
        impossible en UTF-8 (ou jusqu'à la fin du fichier) : d'un bloc ou en morceaux, le même choix.
        Jugé sur le seul morceau où tombait cet octet, le choix changeait avec le découpage (un
        « 1 000,00 » à espace insécable en fin de morceau, seul, faisait lire Windows-1252 tout un
        fichier Mac Roman). Les octets attendent jusque-là (64 Ko au plus)."""
        self._attente += octets
        if not final and len(self._attente) - self._debut < FENETRE_REPLI:
            return ""
        fenetre = bytes(self._attente[self._debut:self._debut + FENETRE_REPLI])
        self.encodage = "mac_roman" if mac_roman_probable(fenetre) else "cp1252"
        self._decodeur = codecs.getincrementaldecoder(self.encodage)("replace")
        octets, self._attente = bytes(self._attente), None
        return self._compter(self._decodeur.decode(octets, final))


class Decoupeur:
    r"""Texte par morceaux → lignes complètes, sans fin de ligne.

    `couper` rend une liste où une ligne démesurée est remplacée par None (le lecteur la
    signale) ; `numero` est le numéro de la dernière ligne rendue (la première est la ligne 1).

    >>> d = Decoupeur()
    >>> d.couper("a|b\r\nc|"), d.couper("d\r\n", final=True), d.numero
    (['a|b'], ['c|d'], 2)
    """

    def __init__(self):
        self._reste = ""
        self._cr_seul: bool | None = None
        self._trop_longue = False  # on saute la fin d'une ligne démesurée
        self.numero = 0

    @property
    def en_attente(self) -> str:
        """Le début de la ligne inachevée, qui attend le morceau suivant."""
        return self._reste

    def _fins_de_ligne(self, texte: str) -> None:
        """CR seul si le premier retour rencontré n'est pas suivi d'un LF (décidé une fois) : le
        « CSV (Macintosh) » d'Excel finit ses lignes par CR, mais un retour à la ligne dans une
        cellule (Alt+Entrée) y reste un LF, qui ne doit pas décider des fins de ligne."""
        if self._cr_seul is None:
            cr, lf = texte.find("\r"), texte.find("\n")
            if lf != -1 and (cr == -1 or lf < cr):
                self._cr_seul = False
            elif -1 < cr < len(texte) - 1:
                self._cr_seul = texte[cr + 1] != "\n"

    def couper(self, texte: str, final: bool = False) -> list[str | None]:
        """Rend les lignes complètes ; la dernière, inachevée, attend le morceau suivant."""
        texte = self._reste + texte
        self._fins_de_ligne(texte)
        if self._cr_seul:
            texte = texte.replace("\r", "\n")
        elif "\r" in texte:
            texte = texte.replace("\r\n", "\n")  # un CR en fin de morceau attend son LF dans `_reste`
        morceaux = texte.split("\n")
        if not final:
            self._reste = morceaux.pop()
        else:
            self._reste = ""
            if morceaux[-1] == "" and (len(morceaux) > 1 or not self._trop_longue):
                morceaux.pop()
            elif morceaux[-1].endswith("\r"):
                morceaux[-1] = morceaux[-1][:-1]
        if self._trop_longue or (morceaux and max(map(len, morceaux)) > LIGNE_MAX):
            morceaux = self._demesurees(morceaux)
        self.numero += len(morceaux)
        if len(self._reste) > LIGNE_MAX:
            self._reste = ""
            self._trop_longue = True
        return morceaux

    def _demesurees(self, morceaux: list) -> list:
        """Remplace par None les lignes démesurées (et la fin de celle commencée au morceau d'avant)."""
        lignes: list[str | None] = []
        for morceau in morceaux:
            if self._trop_longue or len(morceau) > LIGNE_MAX:
                self._trop_longue = False
                lignes.append(None)
            else:
                lignes.append(morceau)
        return lignes


def relire_guillemets(champs: list, ligne: str, sep: str, n: int) -> list:
    """Les champs d'une ligne lue comme un CSV (guillemets doublés à l'intérieur d'un champ entre
    guillemets) ; la découpe simple `champs` si cette lecture s'éloigne davantage des `n` colonnes
    attendues (un guillemet isolé dans un libellé d'un FEC qui ne met rien entre guillemets). Une
    ligne qui n'a toujours pas `n` colonnes (séparateur final…) est jugée ensuite (`colonnes_fec`).

    >>> relire_guillemets([], '"VE"|"Facture ""X"" | urgente"|" 000000000001437,12"', "|", 3)
    ['VE', 'Facture "X" | urgente', ' 000000000001437,12']
    >>> relire_guillemets(['"Lot A', 'B'], '"Lot A|B', "|", 2)
    ['"Lot A', 'B']
    >>> relire_guillemets(['"a', 'b"', 'c', ''], '"a|b"|c|', "|", 2)
    ['a|b', 'c', '']
    """
    try:
        relus = next(csv.reader((ligne,), delimiter=sep), [])
    except csv.Error:  # caractère nul, champ démesuré : la découpe simple décide
        return champs
    ecart, ecart_simple = abs(len(relus) - n), abs(len(champs) - n)
    return relus if ecart < ecart_simple or (ecart == ecart_simple and len(relus) == len(champs)) else champs


OUVERTE, FERMEE, ISOLE = "ouverte", "fermée", "isolé"


def cellule_ouverte(texte: str, sep: str) -> str:
    r"""Où en est `texte` (une ligne de tableur, ou plusieurs réunies) avec ses guillemets, comme les
    lit le module `csv` : une cellule qui *commence* par « " » va jusqu'au « " » suivi du
    séparateur ou de la fin (« "" » : un guillemet dans la cellule) ; ailleurs, « " » est un
    caractère comme un autre (« Écran 27" »). OUVERTE : la ligne finit dans une cellule entre
    guillemets, la suite est sur la ligne suivante ; ISOLE : un « " » fermant suivi d'autre chose
    que le séparateur, la cellule n'était pas entre guillemets ; FERMEE sinon.

    >>> cellule_ouverte('C1;"Relancé le 15/02', ";"), cellule_ouverte('C1;"a\nb";100', ";")
    ('ouverte', 'fermée')
    >>> cellule_ouverte('C1;Écran 27";100', ";"), cellule_ouverte('A;"F1;100\nB;"F2;200', ";")
    ('fermée', 'isolé')
    """
    i, n = 0, len(texte)
    while i < n:
        if texte[i] != '"':  # cellule sans guillemets : jusqu'au séparateur
            j = texte.find(sep, i)
            if j < 0:
                return FERMEE
            i = j + 1
            continue
        i += 1
        while True:
            j = texte.find('"', i)
            if j < 0:
                return OUVERTE
            if texte.startswith('""', j):
                i = j + 2
                continue
            if j + 1 < n and texte[j + 1] != sep:
                return ISOLE
            i = j + 2
            break
    return FERMEE
