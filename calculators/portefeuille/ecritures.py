"""Ce que dit une écriture comptable des lignes de tiers qu'elle porte (nature, part HT).

Règles de lecture (le plan comptable général, règlement ANC n° 2014-03, range les comptes par
classe : 2 immobilisations, 4 tiers, 6 charges, 7 produits, 8 comptes spéciaux dont 890 bilan
d'ouverture) :

- une écriture du journal d'à-nouveaux, ou soldée par le compte 890, est une écriture
  d'ouverture ; sa ligne de tiers qui porte la référence et la date (antérieure) d'une pièce
  reprend cette facture ou ce règlement ; sinon c'est un solde d'ouverture sans détail ;
- sinon, une ligne de client est une facture si l'écriture porte un produit (classe 7) dans
  le même sens, un avoir si le produit est en sens inverse, un règlement ou un débit divers
  sinon ; pour un fournisseur, les charges (classe 6) et immobilisations (classe 2) tiennent
  ce rôle ; une écriture qui mêle les factures et avoirs de plusieurs tiers est lue ligne à
  ligne (`lecture_fec.LecteurFec._natures`) ;
- part HT d'une facture : (TTC − TVA) / TTC de l'écriture, la TVA lue sur 4457 (collectée,
  clients) ou 4456 (déductible, fournisseurs).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from .modele import A_NOUVEAU, AVOIR, DEBIT_DIVERS, FACTURE, REGLEMENT, ZERO

JOURNAUX_A_NOUVEAUX = frozenset({"AN", "RAN", "ANO", "AN0", "OUV", "ANX"})
_LIBELLE_A_NOUVEAUX = re.compile(r"\ba[\s'-]*nouveaux?\b|\bouverture\b")


def est_journal_a_nouveaux(code: str, libelle: str = "") -> bool:
    """Journal d'ouverture : un code usuel des logiciels, ou un libellé qui le dit (« A nouveaux »,
    « Reports à nouveau », « Journal d'ouverture ») quand le code est propre au logiciel (« ANC »).

    >>> est_journal_a_nouveaux(" an "), est_journal_a_nouveaux("VE"), est_journal_a_nouveaux("ANC", "À-nouveaux")
    (True, False, True)
    >>> est_journal_a_nouveaux("VE", "Ventes nouveaux clients")
    False
    """
    return code.strip().upper() in JOURNAUX_A_NOUVEAUX or bool(_LIBELLE_A_NOUVEAUX.search(_sans_accents(libelle)))


def _sans_accents(texte: str) -> str:
    return unicodedata.normalize("NFKD", texte).encode("ascii", "ignore").decode().lower()


def nature(montant: Decimal, flux: Decimal, ouverture: bool, detaille: bool) -> str:
    """Nature d'une ligne de tiers (montant orienté « dû ») ; `flux` : produits nets de
    l'écriture pour un client, charges nettes pour un fournisseur.

    >>> D = Decimal
    >>> nature(D(1200), D(1000), False, False), nature(D(-120), D(-100), False, False)
    ('facture', 'avoir')
    >>> nature(D(-1200), D(0), False, False), nature(D(900), D(0), True, True), nature(D(900), D(0), True, False)
    ('reglement', 'facture', 'a_nouveau')
    """
    if ouverture:
        if not detaille:
            return A_NOUVEAU
        return FACTURE if montant > 0 else REGLEMENT
    if montant > 0:
        return FACTURE if flux > 0 else DEBIT_DIVERS
    return AVOIR if flux < 0 else REGLEMENT


def ratio_ht(ttc: Decimal, tva: Decimal) -> Decimal | None:
    """HT / TTC d'une écriture de facture ou d'avoir ; None si le rapport sort de [0, 1].

    >>> ratio_ht(Decimal("1200.00"), Decimal("200.00"))
    Decimal('0.8333333333333333333333333333')
    >>> ratio_ht(Decimal("-120.00"), Decimal("-20.00")) == ratio_ht(Decimal("1200.00"), Decimal("200.00"))
    True
    """
    if not ttc:
        return None
    ratio = (ttc - tva) / ttc
    return ratio if ZERO <= ratio <= 1 else None


def part_ht_seule(ttc: Decimal, tva: Decimal) -> Decimal | None:
    """HT d'une écriture à une seule ligne de tiers : TTC − TVA (None si incohérent).

    >>> part_ht_seule(Decimal("1200.00"), Decimal("200.00")), part_ht_seule(Decimal("-120.00"), Decimal("-20.00"))
    (Decimal('1000.00'), Decimal('-100.00'))
    >>> part_ht_seule(Decimal("100.00"), Decimal("150.00")) is None
    True
    """
    ht = ttc - tva
    if ttc > 0:
        return ht if ZERO <= ht <= ttc else None
    return ht if ttc <= ht <= ZERO else None
