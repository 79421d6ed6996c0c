"""Une facture répétée sur plusieurs lignes d'un tableau (un export « une ligne par règlement ») :
ce que ses lignes disent ensemble de ce qui a été payé.

Chaque ligne répète la facture (même client, numéro, date et montant) et porte un règlement. Deux
colonnes ne se lisent qu'avec toutes les lignes :

- « payée le » sans montant : le reste après les règlements dont le montant est donné, sur toutes
  les lignes (une ligne plus bas peut porter un acompte antérieur) ;
- « Reste à payer » : le reste à la date d'analyse ; ce que les règlements datés n'expliquent pas
  a été payé à une date que le fichier ne donne pas.

Deux lignes au même client et au même numéro, mais à un autre montant ou une autre date, ne sont
pas une facture répétée : ce sont deux factures, ou une faute de saisie que rien ne permet de
trancher. Elles sont comptées chacune, et la seconde porte une remarque (`NumerosVus`).
"""

from __future__ import annotations

from decimal import Decimal

from .modele import DEBIT_DIVERS, REGLEMENT, ZERO, Mouvement


def part_sans_date(facture: Mouvement, reglements: list, reste: Decimal) -> tuple[Decimal, Decimal]:
    """(ce qui a été payé à une date inconnue, ce que les règlements datés laissent dû) : la
    différence entre ce dû et le reste à payer lu (positif pour une facture, négatif pour un avoir)."""
    du = facture.montant + sum((m.montant for m in reglements), ZERO)
    return du - (reste if facture.montant > 0 else -abs(reste)), du


class FactureVue:
    """Une facture déjà lue, avec ce que ses lignes ont apporté."""

    __slots__ = ("facture", "reglements", "sans_date", "reste", "implicite")

    def __init__(self, facture: Mouvement, reglements: list, sans_date: Mouvement | None, reste: Decimal | None,
                 implicite: Mouvement | None):
        self.facture, self.reglements, self.reste = facture, reglements, reste
        self.sans_date = sans_date  # la part payée à une date inconnue (colonne « Reste à payer »)
        self.implicite = implicite  # le règlement d'une « payée le » sans montant

    def reequilibrer(self) -> list[Mouvement]:
        """Après une ligne de plus : le règlement sans montant redevient le reste après tous les
        règlements chiffrés, et la part sans date ce que les règlements datés n'expliquent pas.
        Rend les mouvements devenus nuls, à retirer du compte du client.

        >>> import datetime as dt
        >>> jour = dt.date(2025, 1, 15)
        >>> f = Mouvement("clients", "A", jour, jour, Decimal("1200"), "facture")
        >>> solde = Mouvement("clients", "A", dt.date(2025, 3, 10), jour, Decimal("-1200"), REGLEMENT)
        >>> acompte = Mouvement("clients", "A", dt.date(2025, 3, 1), jour, Decimal("-500"), REGLEMENT)
        >>> vue = FactureVue(f, [solde, acompte], None, None, solde)
        >>> vue.reequilibrer(), solde.montant
        ([], Decimal('-700.00'))
        """
        nuls = []
        if self.implicite is not None:
            chiffres = [m for m in self.reglements if m is not self.implicite]
            du = self.facture.montant + sum((m.montant for m in chiffres), ZERO)
            if du and (du > 0) == (self.facture.montant > 0):
                self.implicite.montant, self.implicite.nature = -du, REGLEMENT if du > 0 else DEBIT_DIVERS
            else:  # les règlements chiffrés soldent déjà la facture
                nuls.append(self.implicite)
                self.reglements[:] = chiffres
                self.implicite = None
        if self.sans_date is not None:
            paye, du = part_sans_date(self.facture, self.reglements, self.reste)
            if paye and (paye > 0) == (du > 0) and abs(paye) <= abs(du):
                self.sans_date.montant = -paye
            else:  # tout s'explique par les dates
                nuls.append(self.sans_date)
                self.sans_date = None
        return nuls


class NumerosVus:
    """La première facture lue pour chaque client et numéro : une ligne de plus au même numéro,
    mais à un autre montant ou une autre date, est signalée (fusionner l'une dans l'autre, ce serait
    choisir sans le dire quel montant est le bon). Un avoir au numéro de la facture qu'il annule
    (montants de signes contraires) n'est pas signalé : certains logiciels les numérotent ainsi.

    >>> import datetime as dt
    >>> jour, vus = dt.date(2025, 1, 15), NumerosVus()
    >>> vus.retenir(Mouvement("clients", "C2", jour, jour, Decimal("600"), "facture", piece="F2")) is None
    True
    >>> vus.retenir(Mouvement("clients", "C2", jour, jour, Decimal("120"), "facture", piece="F2")).montant
    Decimal('600')
    >>> vus.retenir(Mouvement("clients", "C2", jour, jour, Decimal("-600"), "avoir", piece="F2")) is None
    True
    """

    __slots__ = ("_premieres",)

    def __init__(self):
        self._premieres: dict = {}  # (client, numéro) → Mouvement

    def retenir(self, facture: Mouvement) -> Mouvement | None:
        """Retient la facture ; rend la première lue à ce client et ce numéro si c'en est une autre
        (même signe : facture et facture, ou avoir et avoir), sinon None."""
        premiere = self._premieres.setdefault((facture.tiers, facture.piece), facture)
        return premiere if premiere is not facture and (premiere.montant > 0) == (facture.montant > 0) else None
