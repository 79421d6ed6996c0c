"""Ce qu'une ligne de tableau de factures dit de ce qui a été payé (voir `lecture_csv`) : ses
règlements (date de paiement et montant payé, numérotés s'il y en a plusieurs), la colonne du reste
à payer, et la même facture répétée sur plusieurs lignes (voir `factures_repetees`).

Une valeur illisible de ces colonnes facultatives n'écarte pas la facture (ce sont justement les
impayées qui portent « - » ou « non payée ») : elle est ignorée, et la ligne porte une remarque
(voir `cellules_tableur`). Quand l'ignorer change ce qui est dû, le parti pris est de laisser la
facture due, et de le dire : un encours trop fort se voit et se corrige, un encours trop faible
cache une créance à recouvrer.
"""

from __future__ import annotations

from decimal import Decimal

from ..commun.format_fr import date_courte, euros
from .cellules_tableur import GARDEE, CellulesTableur
from .colonnes_tableur import OUI_PAYEE, STATUTS_DOLIBARR, STATUTS_PAYES
from .factures_repetees import FactureVue, part_sans_date
from .modele import CLIENTS, DEBIT_DIVERS, REGLEMENT, REGLEMENT_SANS_DATE, ZERO, Mouvement
from .valeurs_tableur import normaliser


class ReglementsTableur(CellulesTableur):
    """Règlements et reste à payer, pour `lecture_csv.LecteurTableur` (qui fixe `reglements`)."""

    reglements: list  # rangs des paires (date de paiement, montant payé) : 1, 2…
    _dolibarr: bool | None = None  # la colonne du statut est « Statut facture » de Dolibarr (`_statut`)

    def _repetee(self, champs: list, vue: FactureVue) -> list:
        """La même facture (client, numéro, date, montant) sur une autre ligne : un export « une
        ligne par règlement » ; elle est comptée une fois, avec les règlements de chaque ligne (voir
        `factures_repetees`). Une ligne qui n'apporte aucun règlement nouveau est un doublon :
        ignorée, et comptée."""
        connus = {(m.date, m.montant) for m in vue.reglements}
        implicites: list = []
        lus = self._reglements(champs, vue.facture, vue.reglements, implicites)
        nouveaux = [m for m in lus if (m.date, m.montant) not in connus]
        if nouveaux:
            self.d.compter("factures_repetees")
        else:  # dit à sa ligne, avec celle qu'elle répète, pour être retrouvé dans le fichier
            self._noter("", f"même client, numéro, date et montant que la ligne {vue.facture.ligne}, sans règlement "
                            f"nouveau : ligne en double, ignorée.", "lignes_en_double")
        vue.reglements.extend(nouveaux)
        if vue.implicite is None and implicites and any(m is implicites[0] for m in nouveaux):
            vue.implicite = implicites[0]
        for m in nouveaux:
            self._dates(m.date)
        if nouveaux:
            sans_date = vue.sans_date
            for nul in vue.reequilibrer():  # par identité : deux règlements peuvent être égaux
                if any(m is nul for m in nouveaux):
                    nouveaux = [m for m in nouveaux if m is not nul]
                else:
                    compte = self.d.par_tiers[(nul.cote, nul.tiers)]
                    del compte[next(i for i, m in enumerate(compte) if m is nul)]
            if sans_date is not None and vue.sans_date is None:
                self.d.compter("reste_sans_date", -1)
        return nouveaux

    def _statut(self, champs: list) -> str:
        """Le statut de la facture, normalisé : la colonne « Statut » (les codes de Dolibarr lus), ou, sans
        elle, « payee » quand la colonne du montant payé dit « oui » ou porte une croix."""
        if "statut" in self.col:
            statut = normaliser(self._valeur(champs, "statut"))
            if self._dolibarr is None:
                self._dolibarr = normaliser(self.entetes[self.col["statut"]]) == "statut facture"
            return STATUTS_DOLIBARR.get(statut, statut) if self._dolibarr else statut
        return "payee" if normaliser(self._valeur(champs, "montant_paye")) in OUI_PAYEE else ""

    def _reste_lu(self, champs: list, statut: str) -> Decimal | None:
        """La colonne « Reste à payer ». Un tiret y est le zéro d'Excel (plus rien de dû) ; un mot n'y
        vaut pas une cellule vide : « néant » dirait « plus rien de dû », « N/A » « inconnu » ; comme
        toute valeur illisible, il est ignoré, et dit."""
        reste, faute = self._montant_lu(champs, "reste", mots_vides=False)
        if faute:
            self._ignorer("reste", faute, "le reste à payer est ignoré, la facture est comptée d'après ses "
                                          "règlements" + (" et son statut" if statut else ""))
        return ZERO if reste is None and statut in STATUTS_PAYES else reste

    def _reste(self, champs: list, facture: Mouvement, reglements: list, reste: Decimal | None) -> list:
        """Colonne « Reste à payer » : ce que les règlements datés n'expliquent pas a été payé à une
        date que le fichier ne donne pas. Compté réglé à la date de la facture (sans pénalités),
        et signalé ; un reste plus grand que ce qui est dû est ignoré, la facture comptée d'après ses
        règlements (l'écarter ôtait de l'encours une créance peut-être entière)."""
        if reste is None:
            return []
        paye, du = part_sans_date(facture, reglements, reste)
        if not paye:
            return []
        if (paye > 0) != (du > 0) or abs(paye) > abs(du):
            self._ignorer("reste", f"le reste à payer ({self._valeur(champs, 'reste')}) dépasse ce qui reste dû sur la "
                                   f"facture ({euros(abs(du))})", "il est ignoré, la facture est comptée d'après ses "
                                                                   "règlements")
            return []
        self.d.compter("reste_sans_date")
        return [Mouvement(CLIENTS, facture.tiers, facture.date, facture.date, -paye,
                          REGLEMENT_SANS_DATE if paye > 0 else DEBIT_DIVERS, facture.lettre, facture.piece,
                          ligne=facture.ligne)]

    def _reglements(self, champs: list, facture: Mouvement, deja: tuple | list = (), implicites: list | None = None
                    ) -> list:
        """Les règlements datés de la ligne ; `deja` : ceux des lignes précédentes de la même facture ;
        `implicites` reçoit celui d'une « payée le » sans montant (le reste dû)."""
        reste, sortie = facture.montant + sum((m.montant for m in deja), ZERO), []
        for rang in self.reglements:
            date, montant = self._reglement_lu(champs, "" if rang == 1 else f"_{rang}", facture)
            if date is None:
                continue
            if montant is not None and montant < 0 and facture.montant > 0:
                # « -1 000,00 » ou « (500,00) » : le signe du crédit en comptabilité, pas une dette de
                # plus ; lu tel quel, il s'ajoutait à l'encours au lieu de le diminuer.
                colonne = "montant_paye" + ("" if rang == 1 else f"_{rang}")
                self._noter(colonne, f"montant payé négatif (« {self._valeur(champs, colonne)} ») : compté comme "
                                     f"un règlement de {euros(-montant)}{GARDEE}", "paiements_negatifs")
            paye = reste if montant is None else (abs(montant) if facture.montant > 0 else -abs(montant))
            if not paye:  # « 0,00 », ou « payée le » d'une facture déjà soldée : rien de payé
                continue
            reste -= paye
            nature = REGLEMENT if paye > 0 else DEBIT_DIVERS  # règlement d'un avoir : remboursement
            sortie.append(Mouvement(CLIENTS, facture.tiers, date, date, -paye, nature, facture.lettre,
                                    facture.piece, ligne=facture.ligne))
            if montant is None and implicites is not None:
                implicites.append(sortie[-1])
        return sortie

    def _reglement_lu(self, champs: list, suffixe: str, facture: Mouvement) -> tuple:
        """(date, montant) d'un règlement ; montant None : le reste dû ; date None : pas de règlement
        (cellules vides, ou illisibles : la remarque dit ce qui est ignoré)."""
        c_date, c_montant = "paiement" + suffixe, "montant_paye" + suffixe
        date, faute = self._date_lue(champs, c_date)
        # Un mot (« N/A ») à côté d'une date n'est pas un montant vide : vide, il vaudrait « payée en entier ».
        montant, faute_montant = self._montant_lu(champs, c_montant, mots_vides=date is None)
        if faute_montant and normaliser(self._valeur(champs, c_montant)) in OUI_PAYEE:
            montant, faute_montant = None, ""  # « oui » : payée en entier, à cette date ou, sans date, à une date inconnue
        if faute:
            # Sans date, pas de règlement : la facture en reste due. La colonne du reste à payer ou le
            # statut « payée », s'il y en a, comptent la part payée à une date inconnue (`_reste`).
            sauf = (", sauf si le reste à payer ou le statut la disent payée"
                    if "reste" in self.col or "statut" in self.col else "")
            self._ignorer(c_date, faute, f"ce règlement est ignoré, la facture en reste due{sauf}")
            return None, None
        if date is None:
            if faute_montant:
                self._ignorer(c_montant, faute_montant, "il est ignoré (pas de date de paiement)")
            elif montant:  # la date manque : laisser la facture due, et le dire (l'écarter l'ôtait de l'encours)
                sauf = (", sauf si le reste à payer ou le statut la disent payée"
                        if "reste" in self.col or "statut" in self.col else "")
                self._ignorer(c_montant, f"un montant payé (« {self._valeur(champs, c_montant)} ») sans date de "
                                         f"paiement",
                              f"il est ignoré, la facture en reste due{sauf} ; ajoutez la date du paiement")
            return None, None
        if faute_montant:
            # Le compter pour tout le reste dû (comme une date sans montant) effacerait sans bruit ce
            # qu'un acompte laisse dû : seul le statut « payée » dit que la facture est soldée.
            if self._statut(champs) not in STATUTS_PAYES:
                self._ignorer(c_montant, faute_montant, f"ce règlement du {date_courte(date)} est ignoré, la facture "
                                                        f"en reste due ; corrigez le montant payé")
                return None, None
            self._ignorer(c_montant, faute_montant, f"la facture étant marquée payée, ce règlement du "
                                                    f"{date_courte(date)} est compté pour ce qui en restait dû")
        if date < facture.date_piece:  # un acompte à la commande, ou une date mal saisie
            self._noter(c_date, f"« {self._valeur(champs, c_date)} » précède la date de la facture "
                                f"({date_courte(facture.date_piece)}) : le règlement est compté (un acompte ?) ; "
                                f"vérifiez la date{GARDEE}", "paiements_avant_facture")
        return date, montant
