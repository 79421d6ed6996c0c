"""Écritures d'un FEC lues deux fois : un export en double, un fichier mis deux fois bout à bout,
un bloc de lignes recopié. Compter la copie doublerait les factures, le chiffre d'affaires et les
pénalités ; elle est reconnue, signalée (avec sa ligne) et comptée une fois.

L'arrêté (LPF art. A47 A-1) veut un numéro par écriture : une seconde écriture de même JournalCode,
EcritureNum et date, aux mêmes lignes de tiers champ pour champ (la même facture, avec sa pièce, son
libellé, son montant et son lettrage ; sans tiers, aux mêmes totaux), n'est pas une autre opération. Une
écriture en plusieurs endroits (FEC trié par compte, voir `lecture_fec.LecteurFec._rassembler`) n'a pas deux
fois les mêmes lignes : elle n'est pas touchée. Chemin d'une écriture, pas d'une ligne : la boucle
chaude de la lecture n'en paie rien.
"""

from __future__ import annotations

from sys import hash_info

# Une empreinte de 60 bits par écriture : un petit entier Python (32 octets) ; un million de lignes
# (quelque 400 000 écritures) en gardent 15 Mo au plus fort (mesuré : 237 Mo au lieu de 222), rendus
# à la fin de la lecture ; deux écritures différentes de même empreinte, moins d'une chance sur dix
# millions.
_BITS = (1 << 60) - 1
_HASH_32 = hash_info.width < 64  # Pyodide (WebAssembly 32 bits) : deux hachages de 32 bits
_TOTAUX = ("solde", "produits", "charges", "tva_collectee", "tva_deductible", "ventes", "achats",
           "retours_produits", "retours_charges", "douteux")


class Doublons:
    """Les empreintes des écritures déjà closes."""

    def __init__(self):
        self._closes: set = set()

    def deja_lue(self, e) -> bool:
        """L'écriture `e` (`ecritures.Ecriture`) a-t-elle déjà été close à l'identique : même
        JournalCode, EcritureNum et date, et mêmes lignes de tiers, champ pour champ (même compte,
        pièce, libellé, montant, lettrage : la même facture, le même règlement) ; sans ligne de tiers,
        mêmes totaux (produits, charges, TVA, 416, solde). Avec des tiers, les totaux ne sont pas
        hachés : le premier hachage d'un `Decimal` coûte une microseconde, dix fois celui d'un
        champ, soit une demi-seconde de plus pour un million de lignes."""
        if len(e.tiers) == 1:
            # Le cas courant (une facture, un règlement) sans liste en compréhension, qui coûte une
            # fonction et un cadre : même tuple ; mesuré, 1,0 µs par écriture au lieu de 1,3, soit
            # 0,1 s pour un million de lignes (380 000 écritures).
            signature = (e.journal, e.numero, e.date, e.ouverture, e.tiers[0][5])
        elif e.tiers:
            # Le texte de chaque ligne de tiers (tous ses champs) : un seul hachage de chaîne par
            # ligne, quand un tuple de ses 18 champs en coûte 18 (0,3 s de plus pour un million de lignes).
            signature = (e.journal, e.numero, e.date, e.ouverture, *[ligne[5] for ligne in e.tiers])
        else:
            signature = (e.journal, e.numero, e.date, e.ouverture, *[getattr(e, nom) for nom in _TOTAUX])
        cle = hash(signature) & _BITS
        if _HASH_32:
            cle = (cle & 0xFFFFFFFF) << 28 | (hash(signature[::-1]) & 0xFFFFFFF)
        if cle in self._closes:
            return True
        self._closes.add(cle)
        return False

    def vider(self) -> None:
        self._closes = set()


def bloc_repete(e, fin: int) -> int:
    """Les lignes d'une écriture recopiées juste à la suite d'elles-mêmes se suivent sous le même
    numéro : une seule écriture, aux montants doublés. Reconnue quand elle fait deux fois L lignes
    (`fin` : la ligne qui suit) et que chacune de ses lignes de tiers revient à l'identique (tous
    ses champs) L lignes plus bas ; les autres lignes, dont seuls les totaux sont gardés, sont
    alors la même recopie (elles sont à la même place). L'écriture est ramenée à sa première
    moitié ; rend L, ou 0 si l'écriture n'est pas une recopie."""
    k = len(e.tiers) // 2
    premiers, seconds = e.tiers[:k], e.tiers[k:]
    pas = seconds[0][4] - premiers[0][4]
    if fin - e.ligne != 2 * pas or premiers[-1][4] >= e.ligne + pas:
        return 0
    if any(b[4] - a[4] != pas or b[5] != a[5] for a, b in zip(premiers, seconds)):
        return 0
    e.tiers = premiers
    for nom in _TOTAUX:
        setattr(e, nom, getattr(e, nom) / 2)
    return pas


def ligne_repetee(e) -> tuple[int, int] | None:
    """Une écriture qui ne s'équilibre jamais, dont l'écart est le montant d'une de ses lignes de tiers
    recopiée à l'identique (champs gardés, compte, date et montant) : un export qui a doublé une ligne,
    qui doublait la facture et ses pénalités. La copie est retirée ; rend (sa ligne, celle de l'original),
    ou None."""
    vues: dict = {}
    for rang, (champs, compte, date, montant, numero, _) in enumerate(e.tiers):
        cle = (tuple(champs), compte, date, montant)
        if cle in vues and montant == e.solde:
            del e.tiers[rang]
            e.solde -= montant
            return numero, vues[cle]
        vues.setdefault(cle, numero)
    return None
