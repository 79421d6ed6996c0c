"""Des octets lus par morceaux aux lignes de texte, sans jamais tenir le fichier entier.

- Encodage : marque d'ordre des octets (BOM) UTF-8 ou UTF-16 si présente ; sinon UTF-8 tant que
  les octets le permettent, et, au premier octet impossible en UTF-8 alors que tout ce qui
  précède était en ASCII, l'encodage de repli (ISO-8859-15 pour un FEC, que l'arrêté autorise ;
  Windows-1252 pour un tableur). Un fichier UTF-8 abîmé plus loin est lu avec des caractères
  de remplacement, comptés et signalés.
- Fins de ligne : LF, CRLF ou CR seul (anciens Mac), même coupées entre deux morceaux.
- Une ligne démesurée (plus de `LIGNE_MAX` caractères) est écartée sans être gardée en mémoire.
- Un fichier binaire (octets nuls sans BOM UTF-16) est refusé.
"""

from __future__ import annotations

import codecs

LIGNE_MAX = 100_000  # caractères : une ligne de FEC en compte quelques centaines
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def deviner_bom(debut: bytes) -> str | None:
    """Encodage annoncé par une marque d'ordre des octets.

    >>> deviner_bom(b"\\xef\\xbb\\xbfJournalCode"), deviner_bom(b"JournalCode")
    ('utf-8-sig', None)
    """
    for bom, nom in _BOMS:
        if debut.startswith(bom):
            return nom
    return None


def semble_binaire(debut: bytes) -> bool:
    """Octets nuls au début d'un fichier sans BOM UTF-16 : ce n'est pas un fichier texte.

    >>> semble_binaire(b"PK\\x03\\x04\\x00\\x00"), semble_binaire(b"JournalCode|JournalLib")
    (True, False)
    """
    return deviner_bom(debut) not in ("utf-16",) and b"\x00" in debut[:4096]


class Decodeur:
    """Octets → texte, morceau après morceau, encodage deviné au fil de l'eau."""

    def __init__(self, repli: str = "cp1252"):
        self.repli = repli
        self.encodage = ""
        self.illisibles = 0
        self._decodeur = None
        self._tout_ascii = True

    def decoder(self, octets: bytes, final: bool = False) -> str:
        if self._decodeur is None:
            self.encodage = deviner_bom(octets) or "utf-8"
            self._decodeur = codecs.getincrementaldecoder(self.encodage)("strict")
        if self.encodage != "utf-8":
            return self._decodeur.decode(octets, final)
        en_attente = self._decodeur.getstate()[0]
        try:
            texte = self._decodeur.decode(octets, final)
        except UnicodeDecodeError as exc:
            return self._basculer(en_attente + octets, final, exc.start + len(en_attente))
        if self._tout_ascii and not texte.isascii():
            self._tout_ascii = False
        return texte

    def _basculer(self, octets: bytes, final: bool, position: int) -> str:
        """Premier octet impossible en UTF-8 : repli si tout était ASCII, remplacement sinon."""
        if self._tout_ascii and octets[:position].isascii():
            self.encodage = self.repli
            self._decodeur = codecs.getincrementaldecoder(self.repli)("strict")
            return self._decodeur.decode(octets, final)
        self.encodage = "utf-8 (abîmé)"
        self._decodeur = codecs.getincrementaldecoder("utf-8")("replace")
        texte = self._decodeur.decode(octets, final)
        self.illisibles += texte.count("\ufffd")
        return texte


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

    def _fins_de_ligne(self, texte: str) -> None:
        """CR seul si le premier retour rencontré n'est pas suivi d'un LF (décidé une fois)."""
        if self._cr_seul is None:
            cr = texte.find("\r")
            if "\n" in texte:
                self._cr_seul = False
            elif -1 < cr < len(texte) - 1:
                self._cr_seul = True

    def couper(self, texte: str, final: bool = False) -> list[str | None]:
        """Rend les lignes complètes ; la dernière, inachevée, attend le morceau suivant."""
        self._fins_de_ligne(texte)
        if self._cr_seul:
            texte = texte.replace("\r", "\n")
        morceaux = (self._reste + texte).split("\n")
        if not final:
            self._reste = morceaux.pop()
        else:
            self._reste = ""
            if morceaux[-1] == "" and (len(morceaux) > 1 or not self._trop_longue):
                morceaux.pop()
        lignes: list[str | None] = []
        for morceau in morceaux:
            self.numero += 1
            if self._trop_longue or len(morceau) > LIGNE_MAX:
                self._trop_longue = False
                lignes.append(None)
            else:
                lignes.append(morceau[:-1] if morceau.endswith("\r") else morceau)
        if len(self._reste) > LIGNE_MAX:
            self._reste = ""
            self._trop_longue = True
        return lignes
