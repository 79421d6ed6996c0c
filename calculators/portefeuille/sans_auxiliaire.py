"""Le client d'une ligne de FEC dont le compte auxiliaire (CompAuxNum) ne le dit pas.

Sans compte auxiliaire, le client est le compte lui-même (411DUPONT : `ecritures.tiers_de`). Deux
exports s'écartent de ce schéma :

- OpenFlyers (modèle d'export FEC publié) écrit tous ses clients au compte collectif « 411 », le nom
  du client dans CompteLib (« 411claratte », « 411dupont ») et CompAuxNum vide : lus par le compte,
  tous les clients n'en faisaient qu'un, et le règlement de l'un soldait la facture d'un autre. Le
  libellé d'un compte est constant dans un FEC (il vient du plan de comptes) : un compte qui en porte
  plusieurs (casse et espaces mis à part) les sépare en autant de clients, le premier gardant le compte
  pour nom, et c'est dit.
- L'ancien rapport 10885 de Dynamics NAV écrit « * » (CompAuxLib « multi-clients ») sur les lignes
  client d'une écriture qui en mêle plusieurs (une remise de chèques) : elles ne disent pas de quel
  client elles sont ; elles sont comptées, et signalées.
"""

from __future__ import annotations

from sys import intern

MULTI_CLIENTS = "*"


class ComptesSansAuxiliaire:
    """Les libellés des comptes de tiers lus sans compte auxiliaire, au fil de la lecture."""

    def __init__(self, i_libelle: int):
        self.i_libelle = i_libelle
        self._premiers: dict[str, str] = {}  # compte → son premier libellé (sans casse ni espaces en trop)
        self._autres: dict[tuple, str] = {}  # (compte, libellé sans casse) → le client, nommé comme à sa 1re ligne
        self.partages: set[str] = set()      # comptes qui portent plusieurs libellés
        self.multi_clients = 0               # lignes au compte auxiliaire « * »

    def tiers(self, champs: list, compte: str, tiers: str) -> str:
        """Le client d'une ligne lue `tiers` (`ecritures.tiers_de`) : lui-même, sauf s'il est le compte
        (pas d'auxiliaire) ou « * ».

        >>> c = ComptesSansAuxiliaire(1)
        >>> [c.tiers(["411", lib], "411", "411") for lib in ("411claratte", "411dupont", "411claratte", "411DUPONT")]
        ['411', '411 · 411dupont', '411', '411 · 411dupont']
        """
        if tiers != compte and tiers != MULTI_CLIENTS:  # le cas courant : un compte auxiliaire
            return tiers
        if tiers == MULTI_CLIENTS:
            self.multi_clients += 1
            return tiers
        libelle = champs[self.i_libelle].strip() if self.i_libelle < len(champs) else ""
        # « Dupont SA » et « DUPONT  SA » : le même client (casse et espaces ne font pas un autre libellé).
        forme = " ".join(libelle.split()).casefold()
        premier = self._premiers.setdefault(compte, forme)
        if forme == premier or libelle in ("", "-"):
            return tiers
        self.partages.add(compte)
        # Comme pour le premier : « 411dupont » puis « 411DUPONT » restent un seul client.
        cle = (compte, forme)
        client = self._autres.get(cle)
        if client is None:
            client = self._autres[cle] = intern(f"{compte} · {libelle}")
        return client
