"""Échéance d'une facture quand le fichier n'en donne pas : date de facture + délai convenu.

Un FEC ne porte pas d'échéance (LPF art. A47 A-1 : aucun champ pour elle) ; un tableau de
factures peut en avoir une colonne, qui l'emporte. Délais proposés (codes stables) :

- `60j` : 60 jours après la date d'émission de la facture (C. com. art. L441-10 I al. 2) ;
- `45jfdm` : « 45 jours fin de mois », première lecture : facture + 45 jours, puis fin de ce
  mois-là (L441-10 I al. 3 ; fiche DGCCRF) ;
- `fdm45j` : « 45 jours fin de mois », seconde lecture : fin du mois de la facture, puis
  + 45 jours (L441-10 I al. 3 ; fiche DGCCRF) ;
- `30j` : délai supplétif de 30 jours (L441-10 I al. 1), compté ici de la facture faute de
  date de livraison dans le fichier ;
- `Nj` (N de 0 à 365) : N jours après la facture (délai du contrat).

Les dates viennent des règles du calculateur de délai (`calculators.delais`), pas d'une copie.
D441-6 IV : les retards sont comptés des délais contractuels, à défaut des délais légaux.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

try:  # le calculateur de délai déménage dans calculators/delai/regles.py
    from ..delai.regles import (
        fin_de_mois_puis_quarante_cinq_jours, jours_apres, quarante_cinq_jours_puis_fin_de_mois, soixante_jours,
    )
except ImportError:  # pragma: no cover - selon l'avancement de la restructuration
    from ..delais import (
        fin_de_mois_puis_quarante_cinq_jours, jours_apres, quarante_cinq_jours_puis_fin_de_mois, soixante_jours,
    )

from .modele import CLIENTS, Mouvement

JOURS_MAX = 365
PLAFOND_L441_10 = 60  # jours après la facture, C. com. art. L441-10 I al. 2


@dataclass(frozen=True)
class Delai:
    """Un délai de paiement : `code` stable (« 60j », « 45jfdm », « fdm45j », « 30j », « 90j »…)."""

    code: str
    jours: int = 0  # pour les délais « N jours » (dont 60j et 30j)

    def __str__(self) -> str:  # dans un lien ou un formulaire : le code, tel qu'on le tape
        return self.code

    @classmethod
    def depuis_code(cls, code: str) -> "Delai":
        """Délai d'un code canonique ; ValueError sinon (la lecture des saisies le vérifie avant).

        >>> Delai.depuis_code("45jfdm"), Delai.depuis_code("90j")
        (Delai(code='45jfdm', jours=0), Delai(code='90j', jours=90))
        """
        if code in ("45jfdm", "fdm45j"):
            return cls(code)
        if code.endswith("j") and code[:-1].isdigit() and 0 <= int(code[:-1]) <= JOURS_MAX:
            return cls(code, int(code[:-1]))
        raise ValueError(code)

    @property
    def article(self) -> str:
        if self.code in ("45jfdm", "fdm45j"):
            return "L441-10 I al. 3"
        if self.code == "30j":
            return "L441-10 I al. 1"
        return "L441-10 I al. 2"

    @property
    def depasse_plafond(self) -> bool:
        """Plus de 60 jours après la facture : au-delà du plafond légal (L441-10 I al. 2)."""
        return self.jours > PLAFOND_L441_10


def echeance(facture: dt.date, delai: Delai) -> dt.date:
    """Dernier jour pour payer une facture émise le `facture` avec ce délai.

    >>> [echeance(dt.date(2025, 1, 15), Delai.depuis_code(c)).isoformat() for c in ("60j", "45jfdm", "fdm45j", "30j")]
    ['2025-03-16', '2025-03-31', '2025-03-17', '2025-02-14']
    """
    if delai.code == "45jfdm":
        return quarante_cinq_jours_puis_fin_de_mois(facture).date
    if delai.code == "fdm45j":
        return fin_de_mois_puis_quarante_cinq_jours(facture).date
    if delai.code == "60j":
        return soixante_jours(facture).date
    return jours_apres(facture, delai.jours)


@dataclass
class Echeancier:
    """Échéance de chaque mouvement : celle du fichier, sinon la date de facture + le délai du
    client (`par_tiers`), sinon le délai général. Les calculs sont gardés par (date, délai)."""

    defaut: Delai
    par_tiers: dict = field(default_factory=dict)  # tiers → Delai
    _cache: dict = field(default_factory=dict, repr=False)
    # Côté (clients, fournisseurs) → échéances lues dans le fichier, et déduites d'un délai : les
    # délais de référence du tableau D441-6 (C) en dépendent, côté par côté.
    lues: dict = field(default_factory=dict)
    deduites: dict = field(default_factory=dict)

    @property
    def calculees(self) -> int:
        """Échéances déduites d'un délai, des deux côtés (hypothèse listée avec le résultat)."""
        return sum(self.deduites.values())

    def par_cote(self) -> dict:
        """Côté → (échéances lues, déduites), pour `calcul.Resultats.echeances`."""
        return {cote: (self.lues.get(cote, 0), self.deduites.get(cote, 0)) for cote in {*self.lues, *self.deduites}}

    def de(self, m: Mouvement) -> dt.date:
        """Échéance du mouvement `m` (facture, à-nouveau détaillé, débit divers).

        >>> from decimal import Decimal
        >>> from calculators.portefeuille.modele import Mouvement
        >>> e = Echeancier(Delai.depuis_code("30j"), {"C2": Delai.depuis_code("60j")})
        >>> f = Mouvement("clients", "C2", dt.date(2025, 1, 15), dt.date(2025, 1, 15), Decimal(1), "facture")
        >>> e.de(f), e.deduites, e.lues
        (datetime.date(2025, 3, 16), {'clients': 1}, {})
        """
        if m.echeance is not None:
            self.lues[m.cote] = self.lues.get(m.cote, 0) + 1
            return m.echeance
        self.deduites[m.cote] = self.deduites.get(m.cote, 0) + 1
        # Délais propres aux clients (le réglage les dit tels) : un fournisseur au même code de compte
        # n'en prend pas, et la page le disait « sans effet » tout en l'appliquant.
        delai = self.par_tiers.get(m.tiers, self.defaut) if m.cote == CLIENTS else self.defaut
        # Clé (date, code, jours), les champs du `Delai` : le `Delai` lui-même se hachait par une
        # fonction Python à chaque facture (mesuré : 190 000 appels sur un FEC d'un million de lignes).
        cle = (m.date_piece, delai.code, delai.jours)
        jour = self._cache.get(cle)
        if jour is None:
            jour = self._cache[cle] = echeance(m.date_piece, delai)
        return jour
