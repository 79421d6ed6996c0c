"""Lecture en flux d'un fichier des écritures comptables (FEC, LPF art. A47 A-1).

Le texte fixe 18 champs dans cet ordre : JournalCode, JournalLib, EcritureNum, EcritureDate,
CompteNum, CompteLib, CompAuxNum, CompAuxLib, PieceRef, PieceDate, EcritureLib, Debit, Credit,
EcritureLet, DateLet, ValidDate, Montantdevise, Idevise ; la paire Montant + Sens peut
remplacer Debit + Credit. Première ligne : les noms des champs ; un séparateur unique,
tabulation ou « | » ; dates AAAAMMJJ ; virgule décimale. Ce qu'écrivent les logiciels en
pratique est toléré : montants complétés d'espaces et de zéros, « - » dans une référence vide,
19e colonne (CodeEtablissement), colonnes dans un autre ordre (lues par leur nom), champs entre
guillemets à la manière du module `csv` (ainsi écrit Odoo, par `csv.writer(delimiter="|")`, un
libellé qui contient « | » ou « " » ; d'autres logiciels mettent tous les champs entre guillemets),
séparateur final et derniers champs vides omis (voir `colonnes_fec`, qui écarte aussi la ligne
dont un libellé contient « | » sans guillemets). Une écriture répétée à l'identique (même
JournalCode, EcritureNum, date et lignes : export en double, fichier mis deux fois) n'est comptée
qu'une fois, et c'est dit (`doublons_fec`) ; un en-tête répété est écarté et nommé.

Seules les lignes des comptes de tiers (clients 411, fournisseurs 401 par défaut) sont gardées
(`Mouvement`) ; des autres, la lecture retient le chiffre d'affaires (comptes 70) et les achats
(60 sauf 603, 61, 62) de chaque jour, et l'équilibre de chaque écriture (JournalCode + EcritureNum) :
une écriture dont les lignes sont dispersées (FEC trié par compte) est rassemblée avant d'être lue.
Une ligne fautive est écartée avec son numéro, sa colonne et la raison ; le reste est lu.
"""

from __future__ import annotations

import datetime as dt
from sys import intern

from ..commun import format_fr as fr
from ..commun.argent import au_centime
from ..commun.saisie import est_jjmmaaaa
from .colonnes_fec import Colonnes
from .decodage import relire_guillemets
from .doublons_fec import Doublons, bloc_repete, ligne_repetee
from .douteux_fec import Reclassements, prefixes_clients
from .ecritures import (Ecriture, est_journal_a_nouveaux, nature, natures_des_tiers, part_ht_seule, ratio_ht,
                        reunir_echeances, ttc_du_cote, tva_afferente)
from .entete_fec import ECHEANCE, EnteteFec, est_entete
from .sans_auxiliaire import ComptesSansAuxiliaire
from .modele import AVOIR, CLIENTS, FACTURE, FOURNISSEURS, ZERO, Donnees, Mouvement, Rejet
from .valeurs_fec import ErreurColonne, debit_credit, lire_date_fec, montant_sens

_DEMESUREE = "la ligne dépasse 100 000 caractères (fin de ligne manquante ?) : elle est ignorée."
ENTETE_REPETE = "en-tête répété : deux fichiers mis bout à bout ? La ligne est ignorée."
_PERTES = ("654", "6714")  # pertes sur créances irrécouvrables (PCG), courantes puis exceptionnelles


class LecteurFec:
    """Lit les lignes d'un FEC, morceau après morceau, dans `donnees`."""

    def __init__(self, entete: EnteteFec, donnees: Donnees, clients: tuple, fournisseurs: tuple):
        self.entete = entete
        self.d = donnees
        # Clients douteux (416) lus avec les clients : voir `douteux_fec`.
        self.clients, self.fournisseurs = prefixes_clients(tuple(clients)), tuple(fournisseurs)
        self.prefixes = self.clients + self.fournisseurs
        self._dates: dict[str, dt.date] = {}
        self._a_nouveaux: dict[str, bool] = {}  # code journal → journal d'à-nouveaux (lu une fois par code)
        self._ecriture: Ecriture | None = None
        self._ouvertes: dict = {}  # (journal, numéro) → écriture déséquilibrée, qui attend sa suite
        self._doublons = Doublons()  # écritures déjà closes (export en double, fichier mis deux fois)
        self._suivante = 0
        self._colonnes = Colonnes(entete)  # lignes au nombre de colonnes inattendu
        p = entete.positions
        # JournalLib absent de l'en-tête : le code en tient lieu (le libellé ne sert qu'aux à-nouveaux).
        self._cles = (p["JournalCode"], p["EcritureNum"], p["EcritureDate"], p["CompteNum"],
                      p.get("JournalLib", p["JournalCode"]))
        self._premiers = frozenset(prefixe[:1] for prefixe in self.prefixes)
        # Champs facultatifs pour l'analyse : absents de l'en-tête, ils sont lus vides.
        self._opt = tuple(p.get(nom, entete.nb_colonnes) for nom in ("CompAuxNum", "CompAuxLib", "CompteLib",
                                                                     "PieceRef", "PieceDate", "EcritureLet"))
        self._absents_lus_vides = entete.nb_colonnes in self._opt
        self._virements = Reclassements(self.clients, self._opt[0], self._opt[5])
        self._sans_auxiliaire = ComptesSansAuxiliaire(self._opt[2])
        self._i_echeance = p.get(ECHEANCE)
        self._champs_utiles = frozenset(self._opt + ((self._i_echeance,) if self._i_echeance is not None else ()))
        # CompAuxNum, PieceRef, PieceDate, EcritureLet, échéance : ce qui doit être égal pour réunir deux échéances.
        self._rangs_echeances = tuple(self._opt[i] for i in (0, 3, 4, 5)) + (
            (self._i_echeance,) if self._i_echeance is not None else ())
        # Une fonction (`valeurs_fec`), pas une méthode liée : un lecteur qui se citerait lui-même
        # formerait un cycle que seul le ramasse-miettes cyclique libère (voir `analyse.sans_ramasse_miettes`).
        if entete.mode == "debit-credit":
            self.i_montant = (p["Debit"], p["Credit"])
            self._montant_de = debit_credit
        else:
            self.i_montant = (p["Montant"], p["Sens"])
            self._montant_de = montant_sens
        donnees.format = "fec-" + entete.mode
        donnees.separateur = entete.separateur
        donnees.colonnes_absentes = entete.absents

    # --- Lignes -------------------------------------------------------------------------------

    def lire(self, lignes: list, premier: int) -> None:
        """Lit des lignes complètes (`premier` : numéro de la première). Boucle chaude : une ligne hors tiers
        ne coûte qu'un découpage, ses montants et quelques comparaisons."""
        sep, n = self.entete.separateur, self.entete.nb_colonnes
        ij, inum, idate, icpt, _ = self._cles
        dates, prefixes, premiers = self._dates, self.prefixes, self._premiers
        numero, lues, e, final = premier - 1, 0, self._ecriture, self._colonnes.final  # final : lu par `_ajuster`
        for ligne in lignes:
            numero += 1
            if ligne is None:
                self.d.rejeter(numero, "", _DEMESUREE)
                continue
            champs = ligne.split(sep)
            if len(champs) != n or '"' in ligne or final:
                champs = self._ajuster(champs, ligne, numero, lues)
                final = self._colonnes.final
                if champs is None:
                    continue
            try:
                montant = self._montant_de(self, champs)
            except ErreurColonne as exc:
                self._montant_illisible(numero, ligne, exc)
                continue
            date = dates.get(champs[idate]) or self._nouvelle_date(champs[idate], numero)
            if date is None:
                continue
            lues += 1
            if e is None or champs[inum] != e.numero or champs[ij] != e.journal or date != e.date:
                e = self._nouvelle_ecriture(e, champs, numero, date)
            e.solde += montant
            compte = champs[icpt]
            classe = compte[:1]
            if classe == " ":  # numéro de compte complété d'espaces (rare)
                compte, classe = compte.strip(), compte.lstrip()[:1]
            if classe in premiers and compte.startswith(prefixes):
                if montant:
                    e.tiers.append((champs, compte, date, montant, numero, ligne))  # lue à la clôture
            elif classe == "7":
                e.produits -= montant
                e.retours_produits += montant if montant > 0 else ZERO
                if compte[1:2] == "0":
                    e.ventes -= montant
            elif classe == "6" or classe == "2":
                e.charges += montant
                e.retours_charges -= montant if montant < 0 else ZERO
                if compte[:2] in ("60", "61", "62") and not compte.startswith("603"):
                    e.achats += montant
                elif compte.startswith(_PERTES):
                    e.pertes += montant
            elif classe == "4":
                if compte.startswith("4457"):
                    e.tva_collectee -= montant
                elif compte.startswith("4456"):
                    e.tva_deductible += montant
                elif compte.startswith("416"):  # clients douteux (PCG) : signalés, pas analysés
                    e.douteux += montant
            elif classe == "8":
                e.ouverture = e.ouverture or compte.startswith("89")  # 890 : bilan d'ouverture
        self.d.lignes += lues
        self._suivante = numero + 1  # où finit la dernière écriture, si le fichier s'arrête là

    def _nouvelle_ecriture(self, e: Ecriture | None, champs: list, numero: int, date: dt.date) -> Ecriture:
        """Clôt l'écriture `e` et ouvre celle de la ligne `numero`."""
        ij, inum, _, _, ijl = self._cles
        if e is not None and date != e.date and champs[inum] == e.numero and champs[ij] == e.journal:
            # Une écriture n'a qu'une date (EcritureDate) : un même numéro sur des lignes de dates
            # différentes, ce sont des écritures que l'export a mal numérotées.
            self.d.compter("numeros_a_plusieurs_dates")
        self._clore(numero)
        e = self._ecriture = Ecriture(champs[ij], champs[inum], numero, date, champs[ijl])
        return e

    def _nouvelle_date(self, brut: str, numero: int) -> dt.date | None:
        """Date pas encore vue : lue une fois puis gardée ; illisible, la ligne est écartée."""
        try:
            date = self._dates[brut] = lire_date_fec(brut)
            if est_jjmmaaaa(brut.strip().partition(" ")[0]):
                self.d.compter("dates_jjmmaaaa")
            return date
        except ValueError:
            self.d.rejeter(numero, "EcritureDate", f"« {brut.strip()} » n'est pas une date AAAAMMJJ "
                                                  f"(par exemple 20250131).")
            return None

    def _ajuster(self, champs: list, ligne: str, numero: int, lues: int) -> list | None:
        """Ligne avec des guillemets : relue comme le module `csv` l'a écrite ; ligne vide :
        ignorée ; en-tête répété : écarté ; autre nombre de colonnes : lue ou écartée selon
        `colonnes_fec` (`lues` : lignes lues jusqu'ici dans ce morceau)."""
        n, sep = self.entete.nb_colonnes, self.entete.separateur
        if '"' in ligne:
            champs = relire_guillemets(champs, ligne, sep, n)
        if len(champs) == n and not self._colonnes.final:
            return champs
        if not ligne.strip():
            return None  # ligne vide, même faite de tabulations
        if est_entete(ligne, sep):
            self.d.rejeter(numero, "", ENTETE_REPETE)
            self.d.compter("entetes_repetes")
            return None
        ajustes = self._colonnes.ajuster(champs, self.d.lignes + lues > self._colonnes.tolerees)
        if ajustes is None:
            self.d.rejeter(numero, *self._colonnes.refus(champs, sep))
        elif len(champs) < n:
            self.d.compter("lignes_courtes")
        return ajustes

    def _montant_illisible(self, numero: int, ligne: str, exc: ErreurColonne) -> None:
        if est_entete(ligne, self.entete.separateur):  # « Debit » n'est pas un montant : l'en-tête, répété
            self.d.rejeter(numero, "", ENTETE_REPETE)
            self.d.compter("entetes_repetes")
        else:
            self.d.rejeter(numero, exc.colonne, exc.message)

    # --- Écritures ----------------------------------------------------------------------------

    def _clore(self, fin: int) -> None:
        """Clôt l'écriture en cours, dont la ligne suivante est `fin`."""
        e, self._ecriture = self._ecriture, None
        if e is None:
            return
        if len(e.tiers) > 1 and not len(e.tiers) & 1:
            pas = bloc_repete(e, fin)
            if pas:
                self._double(e.ligne + pas, f"les lignes {e.ligne + pas} à {fin - 1} répètent les lignes {e.ligne} "
                                            f"à {e.ligne + pas - 1} de l'écriture {_nom(e)} : elles ne sont "
                                            f"comptées qu'une fois.")
        # Un morceau d'écriture dispersée (FEC trié par compte), déséquilibré, sans ligne de tiers
        # n'est comparé que par ses totaux : deux morceaux de la même écriture peuvent les avoir
        # égaux (deux produits de 500 € sur 706100 et 706200) sans être des doublons.
        if (e.tiers or not e.solde) and self._doublons.deja_lue(e):
            self._double(e.ligne, f"l'écriture {_nom(e)} répète à l'identique une écriture déjà lue plus haut "
                                  f"(export en double ?) : elle n'est comptée qu'une fois.")
            return
        if e.solde or (self._ouvertes and (e.journal, e.numero) in self._ouvertes):
            e = self._rassembler(e)
            if e is None:
                return
        self._enregistrer(e)

    def _rassembler(self, e: Ecriture) -> Ecriture | None:
        """Débit = crédit par écriture (PCG art. 420-1). Un morceau déséquilibré attend la suite de
        son écriture (même JournalCode et EcritureNum) : dans un FEC trié par compte, la ligne du
        client vient loin de ses produits et de sa TVA, et lue seule, la facture passait pour un
        débit divers (ni D441-6, ni pénalités). Rend l'écriture entière une fois équilibrée, sinon
        None ; celles qui ne le sont jamais sont lues à la fin (`terminer`)."""
        cle = (e.journal, e.numero)
        debut = self._ouvertes.pop(cle, None)
        if debut is not None:
            debut.absorber(e)
            e = debut
            if not e.solde:
                self.d.compter("ecritures_disjointes")
                return e
        e.alleger(self._champs_utiles)
        self._ouvertes[cle] = e
        return None

    def _enregistrer(self, e: Ecriture) -> None:
        """Une écriture entière : ses dates, ses ventes et achats du jour, ses lignes de tiers."""
        d = self.d
        d.ecritures += 1
        ouverture = e.ouverture
        if not ouverture:
            ouverture = self._a_nouveaux.get(e.journal)
            if ouverture is None:
                ouverture = self._a_nouveaux[e.journal] = est_journal_a_nouveaux(e.journal, e.libelle_journal)
        jour = e.date
        if d.derniere_date is None or jour > d.derniere_date:
            d.derniere_date = jour
        if d.premiere_date is None or jour < d.premiere_date:
            d.premiere_date = jour
        if e.douteux:
            d.douteux[jour] = d.douteux.get(jour, ZERO) + e.douteux
        if ouverture:
            if d.date_ouverture is None or jour < d.date_ouverture:
                d.date_ouverture = jour
        else:
            if e.ventes:
                d.ventes_ht[jour] = d.ventes_ht.get(jour, ZERO) + e.ventes
                d.ventes_tva[jour] = d.ventes_tva.get(jour, ZERO) + tva_afferente(e.ventes, e.produits, e.tva_collectee)
            if e.achats:
                d.achats_ht[jour] = d.achats_ht.get(jour, ZERO) + e.achats
                d.achats_tva[jour] = d.achats_tva.get(jour, ZERO) + tva_afferente(e.achats, e.charges, e.tva_deductible)
        self._lignes_de_tiers(e, ouverture)

    def _lignes_de_tiers(self, e: Ecriture, ouverture: bool) -> None:
        """Les lignes de tiers de l'écriture close, devenues `Mouvement`, sans les virements entre
        les comptes 411 et 416 d'un client (`douteux_fec`), les échéances d'une même facture réunies."""
        if len(e.tiers) > 1:
            e.tiers, reunies = reunir_echeances(e.tiers, self._rangs_echeances, self.clients)
            if reunies:
                self.d.compter("echeances_reunies", reunies)
        if len(e.tiers) > 1 and not ouverture and self._virements.suivis:
            e.tiers = self._virements.ecarter(e.tiers, lambda tiers: (CLIENTS, tiers) in self.d.par_tiers)
        if len(e.tiers) == 1 or ouverture:
            for ligne in e.tiers:
                self._mouvement(e, ouverture, ligne)
        else:
            sortes, mixtes = natures_des_tiers(e, self.clients, self._opt[0])
            for ligne, sorte in zip(e.tiers, sortes):
                cote = CLIENTS if ligne[1].startswith(self.clients) else FOURNISSEURS
                self._mouvement(e, ouverture, ligne, sorte=sorte, mixte=mixtes[cote])

    def _double(self, numero: int, message: str) -> None:
        """Une écriture lue deux fois (voir `doublons_fec`), comptée une fois : dit avec sa ligne."""
        self.d.compter("ecritures_en_double")
        self.d.rejeter(numero, "", message, garde=True)

    def _mouvement(self, e: Ecriture, ouverture: bool, ligne: tuple, sorte: str | None = None, mixte: bool = False) -> None:
        """Une ligne de tiers de l'écriture `e` (voir `Ecriture.tiers`), devenue `Mouvement` (voir `ecritures`) ;
        `sorte` : sa nature, déjà lue avec les autres lignes de l'écriture (`ecritures.natures_des_tiers`)."""
        # La ligne entière, pas `*ligne`, dont l'appel déplié coûte 0,26 µs de plus (0,1 s par million de lignes).
        champs, compte, date, montant, numero, _ = ligne
        client = compte.startswith(self.clients)
        cote = CLIENTS if client else FOURNISSEURS
        if not client:
            montant = -montant  # ce que nous devons au fournisseur : son crédit
        centimes = au_centime(montant)  # « 1200,5 » : 1200.50 dans les sorties, comme un tableau de factures
        if centimes != montant:
            self.d.compter("montants_arrondis")
        montant = centimes
        _, i_lib_aux, i_lib, i_piece, i_date_piece, i_lettre = self._opt
        if self._absents_lus_vides:
            champs.append("")  # les champs absents de l'en-tête se lisent vides
        piece, lettre = champs[i_piece].strip(), champs[i_lettre].strip()
        tiers = self._sans_auxiliaire.tiers(champs, compte, self._virements.tiers(champs, compte))
        # PieceDate déjà vue telle quelle (le cas courant) : sans la relire (voir `_date_piece`).
        date_piece = self._dates.get(champs[i_date_piece]) or self._date_piece(champs[i_date_piece], date, numero)
        if date_piece > date:
            # Une pièce datée après son écriture : la date de saisie (Dolibarr écrit dans PieceDate le
            # jour où l'écriture a été créée), pas celle de la facture, qui précède sa comptabilisation.
            date_piece = date
            self.d.compter("piecedate_posterieure")
        # Un million de lignes : les comptes et les codes de lettrage, très répétés, sont partagés.
        piece, lettre = ("" if piece == "-" else piece), ("" if lettre == "-" else intern(lettre))
        if client and self._virements.suivis:  # codes de lettrage des comptes 416 : les leurs
            lettre = self._virements.lettre(tiers, compte, lettre)
        detaille = ouverture and piece != "" and date_piece < e.date
        flux = e.produits if client else e.charges
        if sorte is None:
            sorte = nature(montant, flux, ouverture, detaille, e.pertes if client else ZERO)
        if not piece and (sorte == FACTURE or sorte == AVOIR):
            # PieceRef vide ou « - » (Odoo, faute de référence) : le numéro de la facture est alors
            # celui de son écriture, qu'Odoo écrit dans EcritureNum.
            piece = e.numero.strip()
            self.d.compter("numero_d_ecriture")
        echeance = None
        if self._i_echeance is not None and sorte == FACTURE and not ouverture:
            echeance = self._echeance(champs[self._i_echeance], numero) if self._i_echeance < len(champs) else None
        ht = None
        if (sorte == FACTURE or sorte == AVOIR) and not ouverture:
            tva = e.tva_collectee if client else e.tva_deductible
            if len(e.tiers) == 1:  # le cas courant : HT = TTC − TVA, sans division
                ht = part_ht_seule(montant, tva)
            else:
                # Factures et avoirs mêlés : HT / TTC de l'écriture entière, produits nets sur TTC net.
                ratio = ratio_ht(flux + tva if mixte else ttc_du_cote(e, cote, flux > 0, self.clients), tva)
                ht = None if ratio is None else au_centime(montant * ratio)
        cle = (cote, tiers)
        liste = self.d.par_tiers.get(cle)
        if liste is None:
            self.d.par_tiers[cle] = [Mouvement(cote, tiers, date, date_piece, montant, sorte, lettre, piece, ht,
                                               echeance, False, detaille, numero)]
            noms = [champs[i].strip() for i in (i_lib_aux, i_lib)]
            self.d.noms[cle] = next((x for x in noms if x not in ("", "-")), tiers)
        else:
            liste.append(Mouvement(cote, liste[0].tiers, date, date_piece, montant, sorte, lettre, piece, ht,
                                   echeance, False, detaille, numero))

    def _date_piece(self, brut: str, date: dt.date, numero: int) -> dt.date:
        """PieceDate ; vide : la date d'écriture ; illisible : la date d'écriture, ligne signalée."""
        jour = self._date_facultative(brut, numero, "PieceDate", "la date d'écriture la remplace", "piecedate_illisible")
        return date if jour is None else jour

    def _echeance(self, brut: str, numero: int) -> dt.date | None:
        """DateLimitReglmt (voir `entete_fec.ECHEANCE`) ; vide : le délai retenu ; illisible : signalée."""
        return self._date_facultative(brut, numero, ECHEANCE, "l'échéance est calculée avec le délai retenu")

    def _date_facultative(self, brut: str, numero: int, colonne: str, repli: str, compteur: str = "") -> dt.date | None:
        """Date d'un champ dont l'analyse se passe : vide (ou « - »), None ; illisible, None, et la
        ligne est gardée avec une remarque qui dit `repli`."""
        brut = brut.strip()
        if brut in ("", "-"):
            return None
        jour = self._dates.get(brut)
        if jour is None:
            try:
                jour = self._dates[brut] = lire_date_fec(brut)
            except ValueError:
                if compteur:
                    self.d.compter(compteur)
                self.d.rejeter(numero, colonne, f"« {brut} » n'est pas une date AAAAMMJJ : {repli} (ligne gardée).",
                              garde=True)
        return jour

    def en_attente(self) -> int:
        """Morceaux d'écritures qui attendent leur suite : des milliers, c'est un FEC trié par compte."""
        return len(self._ouvertes)

    def terminer(self) -> None:
        self._clore(self._suivante)
        colonnes = ("Debit", "Credit") if self.entete.mode == "debit-credit" else ("Montant", "Sens")
        for e in self._ouvertes.values():
            repetee = ligne_repetee(e)  # une ligne de tiers recopiée : l'écriture s'équilibre sans elle
            if repetee:
                self.d.compter("lignes_repetees")
                self.d.rejeter(repetee[0], "", f"elle répète la ligne {repetee[1]} de l'écriture {_nom(e)}, "
                                              f"équilibrée sans elle : elle n'est comptée qu'une fois.", garde=True)
            else:
                self.d.compter("desequilibres")
                self.d.remarques.append(Rejet(
                    e.ligne, colonnes[0],
                    f"Ligne {e.ligne}, colonnes « {colonnes[0]} » et « {colonnes[1]} » : l'écriture {e.journal.strip()} "
                    f"n° {e.numero.strip()} n'est pas équilibrée (débit − crédit = {fr.euros(e.solde)}) ; ses lignes "
                    f"sont gardées."))
            self._enregistrer(e)
        self._ouvertes.clear()
        self.d.compter("virements_douteux", self._virements.virements)  # zéro : aucune phrase
        self.d.compter("virements_douteux_ambigus", self._virements.ambigus)
        self.d.compter("comptes_a_plusieurs_libelles", len(self._sans_auxiliaire.partages))
        self.d.compter("lignes_multi_clients", self._sans_auxiliaire.multi_clients)
        self._doublons.vider()  # plus rien à comparer : la mémoire est rendue avant le calcul


def _nom(e: Ecriture) -> str:
    return f"{e.journal.strip()} n° {e.numero.strip()} du {fr.date_courte(e.date)}"
