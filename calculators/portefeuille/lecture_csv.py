"""Lecture en flux d'un tableau de factures exporté d'un tableur (CSV), une ligne par facture.

Colonnes reconnues par leurs noms français usuels (sans accents ni majuscules) :

- `client` (code ou nom du client) et, à part, `nom` ; `numero` ; `date` (de la facture) ;
  `montant` (TTC ; négatif pour un avoir) ; facultatives : `montant_ht`, `echeance`, `litige`,
  et les règlements `paiement` (date) et `montant_paye`, numérotés s'il y en a plusieurs
  (« Date paiement 2 », « Montant payé 2 »…). Une date de paiement sans montant vaut
  règlement du reste de la facture ; `reste` (à payer) ; `statut` (« Payée » : plus rien de dû ;
  brouillon ou « Void » : ligne écartée) ; `type` (« Avoir » : montant compté en déduction).
- Quand les noms ne sont pas reconnus, `colonnes` dit quelle colonne porte quoi :
  `{"client": "Raison sociale", "montant": "Total"}` (nom de la colonne tel qu'écrit).

Séparateur « ; », « , » ou tabulation (deviné sur l'en-tête), guillemets du tableur, virgule
ou point décimal, espaces de milliers, dates jj/mm/aaaa, jj/mm/aa ou ISO (heure ignorée).

Une ligne fautive est rejetée (ligne et colonne nommées) quand une colonne obligatoire (client, date,
montant TTC) est illisible ou manque, ou quand ses cellules ne tombent pas dans leurs colonnes (« 1234,56 »
sans guillemets dans un fichier séparé par des virgules). Une ligne plus courte que l'en-tête, à qui
ne manquent que des colonnes facultatives, est lue avec ces cellules vides, et comptée (Excel n'écrit
pas les séparateurs des dernières cellules vides après la 16e ligne). Une valeur illisible d'une colonne
facultative (échéance, paiement, HT, reste à payer) est ignorée et la ligne gardée, avec une
remarque (voir `cellules_tableur`, `reglements_tableur`) ; « - », « N/A », « non payée » y valent
une cellule vide. Une ligne de total (« Total », « Sous-total »…) est ignorée, et dite.
"""

from __future__ import annotations

import csv
import re

from ..commun.format_fr import date_courte, enumeration, euros, quantite
from .cellules_tableur import GARDEE, Refus, lire_entetes
from .modele import AVOIR, CLIENTS, FACTURE, Donnees, FichierIllisible, Mouvement
from .decodage import FERMEE, OUVERTE, cellule_ouverte
from .factures_repetees import FactureVue, NumerosVus
from .correspondance import appliquer_correspondance
from .colonnes_tableur import (
    LIBELLES, OBLIGATOIRES, OUI, REGLEMENTS, STATUTS_ECARTES, SYNONYMES, TYPES_AVOIRS, citer_colonnes,
)
from .reglements_tableur import ReglementsTableur
from .valeurs_tableur import est_sous_total, est_total, montant_coupe_dans, normaliser

_VRAI = OUI | {"1", "litige", "en litige"}
LIGNES_PAR_CELLULE = 20  # une cellule de tableur sur plus de lignes : un guillemet isolé, plutôt
_NUMEROTE = re.compile(r"^(.*?)\s*(\d+)$")
# Une ligne sans le séparateur du fichier (celui de l'en-tête, voir `deviner_separateur`).
_SANS_SEPARATEUR = {";": "aucun point-virgule", ",": "aucune virgule", "\t": "aucune tabulation"}


INDEX_SYNONYMES = {synonyme: champ for champ, noms in SYNONYMES.items() for synonyme in noms}
# Rang d'un nom parmi ceux de son champ : le plus précis (« Montant TTC ») passe devant le plus
# vague (« Montant », qui peut être le HT), quel que soit l'ordre des colonnes.
_RANG = {synonyme: rang for noms in SYNONYMES.values() for rang, synonyme in enumerate(noms)}


def deviner_separateur(ligne: str) -> str:
    """Le séparateur le plus fréquent de l'en-tête, hors guillemets (« ; » à égalité).

    >>> deviner_separateur('Client;N° facture;Date;"Montant, TTC"'), deviner_separateur("a,b,c")
    (';', ',')
    """
    hors_guillemets = re.sub(r'"[^"]*"', "", ligne)
    return max((";", "\t", ","), key=lambda s: (hors_guillemets.count(s), s == ";"))


def reconnaitre_colonnes(entetes: list[str], correspondance: dict | None = None) -> dict:
    """Champ → rang de colonne ; les règlements numérotés deviennent `paiement_2`, `montant_paye_2`…

    >>> reconnaitre_colonnes(["Client", "N° facture", "Date", "Montant TTC", "Date paiement 2"])
    {'client': 0, 'numero': 1, 'date': 2, 'montant': 3, 'paiement_2': 4}
    >>> reconnaitre_colonnes(["Société", "Total"], {"client": "Société"})["client"]
    0
    >>> reconnaitre_colonnes(["Client", "Date", "Montant", "TVA", "Montant TTC"])["montant"]
    4
    """
    colonnes: dict = {}
    precision: dict = {}  # champ → rang du nom retenu dans SYNONYMES (0 : le plus précis)
    for rang, brut in enumerate(entetes):
        nom = normaliser(brut)
        champ = INDEX_SYNONYMES.get(nom)
        if champ is None and (m := _NUMEROTE.match(nom)) and INDEX_SYNONYMES.get(m.group(1)) in ("paiement", "montant_paye"):
            rang_paiement = int(m.group(2))  # « Date paiement 02 » : le deuxième
            champ = INDEX_SYNONYMES[m.group(1)] + ("" if rang_paiement == 1 else f"_{rang_paiement}")
            nom = m.group(1)
        if champ and _RANG[nom] < precision.get(champ, len(_RANG)):
            colonnes[champ], precision[champ] = rang, _RANG[nom]
    appliquer_correspondance(colonnes, entetes, correspondance)
    if "client" not in colonnes and "nom" in colonnes:
        colonnes["client"] = colonnes["nom"]
    if "nom" not in colonnes and "client" in colonnes:  # « Code client » et « Client » : le second est le nom
        autres = [r for r, e in enumerate(entetes) if normaliser(e) == "client" and r != colonnes["client"]]
        if autres:
            colonnes["nom"] = autres[0]
    return colonnes


def _separateurs_acceptes(entetes: list) -> str:
    """Un en-tête lu d'une seule colonne : son séparateur n'a pas été reconnu (« | » d'un export de
    base de données…) ; le dire, avec ceux qui le sont. Plusieurs colonnes : le séparateur n'est
    pas en cause, rien n'est ajouté (le message reste court).

    >>> _separateurs_acceptes(["Client|Date|Montant"])
    ", séparées par « ; », « , » ou une tabulation (« | » n'en est pas un)"
    >>> _separateurs_acceptes(["Client", "Date"]), _separateurs_acceptes(["bonjour"])[-10:]
    ('', 'tabulation')
    """
    if len(entetes) != 1:
        return ""
    autres = [s for s in "|^~" if entetes[0].count(s) >= 2]
    return ", séparées par « ; », « , » ou une tabulation" + (f" (« {autres[0]} » n'en est pas un)" if autres else "")


class LecteurTableur(ReglementsTableur):
    """Lit un tableau de factures, ligne après ligne, dans `donnees` (cellules : `cellules_tableur` ;
    règlements et reste à payer : `reglements_tableur`)."""

    def __init__(self, entete: str, donnees: Donnees, correspondance: dict | None = None):
        self.sep = deviner_separateur(entete)
        propre = entete.lstrip("\ufeff").replace("\r", " ").replace("\x00", "")
        self.entetes = lire_entetes(propre, self.sep)
        self.col = reconnaitre_colonnes(self.entetes, correspondance)
        self._verifier(correspondance or {})
        self.d = donnees
        self._vues: dict = {}  # (client, numéro, date, montant) → [FactureVue], une par échéance
        self._sans_numero: set = set()  # empreintes des lignes sans numéro de facture
        self._suite: tuple | None = None  # (numéro de ligne, lignes) d'une cellule entre guillemets pas finie
        self._numeros = NumerosVus()  # (client, numéro) → la première facture lue
        self._notes: list = []  # remarques de la ligne en cours (voir `cellules_tableur`)
        # Où chercher « Total » : colonnes du client, du nom et du numéro, et la première (`_ligne_de_total`).
        self._rangs_total = sorted({self.col.get("client"), self.col.get("nom"), self.col.get("numero"), 0} - {None})
        donnees.format, donnees.separateur = "tableur", self.sep
        # Dit sur le résultat : une colonne reconnue par son nom peut ne pas porter ce qu'on croit.
        # Le nom lu dans la colonne du client (pas de colonne « Nom » à part) n'est dit qu'une fois.
        donnees.colonnes_lues = tuple((champ, self.entetes[rang].strip()) for champ, rang
                                      in sorted(self.col.items(), key=lambda c: c[1])
                                      if not (champ == "nom" and rang == self.col.get("client")))
        paires = sorted(int(c.rpartition("_")[2]) if c[-1].isdigit() else 1
                        for c in self.col if c.startswith(("paiement", "montant_paye")))
        self.reglements = sorted(set(paires))
        lues = set(self.col.values())
        donnees.colonnes_ignorees = tuple(e.strip() for rang, e in enumerate(self.entetes) if rang not in lues and e.strip())
        if not any(c.startswith(REGLEMENTS) for c in self.col):
            # Rien ne dit qu'une facture a été payée : toutes sont comptées dues, et c'est dit,
            # avec les colonnes laissées de côté (une colonne « Statut » que l'analyse ne lit pas…).
            donnees.colonnes_non_lues = donnees.colonnes_ignorees

    def _verifier(self, correspondance: dict) -> None:
        inconnues = [e for e in correspondance.values()
                     if e not in ("", None) and normaliser(str(e)) not in {normaliser(x) for x in self.entetes}]
        manquants = [c for c in OBLIGATOIRES if c not in self.col]
        self._refuser_homonymes()
        if not inconnues and not manquants:
            return
        trouvees = citer_colonnes(self.entetes)
        if inconnues:
            message = ("La correspondance cite des colonnes absentes de la ligne 1 : "
                       + ", ".join(f"« {e} »" for e in inconnues) + f". Colonnes du fichier : {trouvees}.")
        elif len(self.col) < 2 and not any(correspondance.values()):  # une correspondance commencée : ce qui manque
            message = ("Ce fichier n'est ni un FEC (LPF art. A47 A-1 : première ligne JournalCode, JournalLib…) "
                       "ni un tableau de factures reconnu : la ligne 1 doit nommer les colonnes (client, date, "
                       "montant TTC…)" + _separateurs_acceptes(self.entetes) + f". Colonnes lues : {trouvees}. "
                       "Indiquez quelle colonne porte quoi.")
        else:
            message = ("Colonnes non reconnues : il manque " + enumeration(LIBELLES[c] for c in manquants)
                       + f". Colonnes du fichier : {trouvees}. Indiquez quelle colonne porte chaque information.")
        # Pour la page : les listes des colonnes reconnues déjà choisies, celles qui manquent signalées.
        colonnes = {"reconnues": {c: self.entetes[i] for c, i in self.col.items()}, "manquantes": manquants}
        raise FichierIllisible(message, 1, manquants[0] if manquants else "", list(self.entetes), colonnes)

    def _refuser_homonymes(self) -> None:
        """Deux colonnes du même nom pour un même champ (« Montant TTC » deux fois) : lire la première
        en silence pouvait donner un total faux (5 € au lieu de 1 200 €), et la correspondance, qui
        nomme les colonnes, ne peut pas les départager. Deux « Client » restent le code et le nom."""
        normalises = [normaliser(e) for e in self.entetes]
        for champ, rang in self.col.items():
            if champ in ("client", "nom") or normalises.count(normalises[rang]) < 2:
                continue
            rangs = [str(i + 1) for i, n in enumerate(normalises) if n == normalises[rang]]
            raise FichierIllisible(f"Plusieurs colonnes s'appellent « {self.entetes[rang].strip()} » (colonnes "
                                   f"{enumeration(rangs)}) : l'analyse ne peut pas savoir laquelle lire. Renommez "
                                   "l'une d'elles dans le fichier, ou retirez celle qui ne sert pas.", 1, champ,
                                   list(self.entetes))

    def lire(self, lignes: list, premier: int) -> None:
        numero = premier - 1
        for ligne in lignes:
            numero += 1
            if ligne is None:
                self.d.rejeter(numero, "", "la ligne dépasse 100 000 caractères : elle est ignorée.")
                continue
            if self._suite is not None or ('"' in ligne and cellule_ouverte(ligne, self.sep) == OUVERTE):
                ligne, numero_lu = self._cellule_sur_plusieurs_lignes(ligne, numero)
                if ligne is None:
                    continue
            else:
                numero_lu = numero
            self._lire_ligne(ligne, numero_lu)

    def _cellule_sur_plusieurs_lignes(self, ligne: str, numero: int) -> tuple:
        """Un guillemet ouvert et pas fermé : une cellule sur plusieurs lignes (Alt+Entrée dans
        Excel), que le tableur exporte telle quelle. Les lignes sont réunies (retour à la ligne
        lu comme une espace) jusqu'au guillemet fermant ; au-delà de LIGNES_PAR_CELLULE, ce
        n'était qu'un guillemet isolé : la première ligne est écartée, les suivantes relues."""
        if self._suite is None:
            self._suite = (numero, [ligne])
            return None, numero
        debut, morceaux = self._suite
        morceaux.append(ligne)
        etat = cellule_ouverte("\n".join(morceaux), self.sep)
        if etat == OUVERTE and len(morceaux) < LIGNES_PAR_CELLULE:
            return None, numero
        self._suite = None
        if etat == FERMEE:
            return " ".join(morceaux), debut  # guillemet fermé : la ligne du tableur, entière
        self.d.rejeter(debut, "", "guillemet ouvert jamais fermé : ligne écartée.")
        self.lire(morceaux[1:], debut + 1)
        return None, numero

    def _lire_ligne(self, ligne: str, numero: int) -> None:
        if not ligne.strip(" \t;,\""):
            return
        try:
            champs = next(csv.reader([ligne.replace("\r", " ").replace("\x00", "")], delimiter=self.sep))
        except csv.Error:  # pragma: no cover - guillemets que le module csv refuse
            self.d.rejeter(numero, "", "ligne illisible (guillemets mal fermés ?) : elle est ignorée.")
            return
        coupe = montant_coupe_dans(champs, self.entetes, self.col) if self.sep == "," else None
        refus = self._forme(champs, coupe)
        if refus is not None:
            self.d.rejeter(numero, *refus)
            return
        self._notes, self._ligne = [], numero
        if coupe:
            champ, rang, _ = coupe  # douteux : `_forme` a écarté les lignes où la coupure est certaine
            self._noter(champ, f"« {champs[rang].strip()} » suivi de « {champs[rang + 1].strip()} » dans la colonne "
                               f"« {self.entetes[rang + 1].strip()} » : lu {champs[rang].strip()} € ; si c'est "
                               f"{champs[rang].strip()},{champs[rang + 1].strip()} €, mettez les montants entre "
                               f"guillemets ou enregistrez le fichier avec le point-virgule{GARDEE}", "montants_douteux")
        try:
            mouvements = self._facture(champs, numero)
        except Refus as exc:
            self._notes = []  # une ligne rejetée ne porte pas de remarque : seul son rejet est dit
            self.d.rejeter(numero, exc.colonne, exc.message)
            return
        if self._notes:
            self._publier(numero)
        if self._courte(len(champs)):  # compté, sans remarque : Excel le fait à chaque ligne après la 16e
            self.d.compter("lignes_courtes_tableur")
        self.d.lignes += 1
        for m in mouvements:
            self.d.par_tiers.setdefault((m.cote, m.tiers), []).append(m)

    def _courte(self, n: int) -> bool:
        """Une ligne de `n` cellules à laquelle manquent des colonnes lues : après la 16e ligne, Excel
        n'écrit pas les séparateurs des dernières cellules vides (Microsoft, KB 77295), d'autres
        outils les retirent aussi ; ces cellules sont lues vides (`_valeur`)."""
        return n < len(self.entetes) and n <= max(self.col.values())

    def _forme(self, champs: list, coupe: tuple | None) -> tuple | None:
        """(colonne, message) d'une ligne dont les cellules ne tombent pas dans leurs colonnes ;
        `coupe` : un montant coupé par sa virgule décimale (`valeurs_tableur.montant_coupe_dans`)."""
        n, attendu = len(champs), len(self.entetes)
        # Couper un montant ajoute une cellule : coupé dans une ligne pourtant trop courte, ce n'est plus
        # une ligne d'Excel sans ses cellules vides, mais un fichier mal séparé. Écartée, comme avant.
        rang = coupe[1] if coupe and (coupe[2] or self._courte(n)) else None
        if rang is None and (n == attendu or n > attendu and not any(x.strip() for x in champs[attendu:])):
            return None
        ecart = f"{quantite(n, 'colonne')} au lieu de {attendu}"
        if rang is not None:
            nom = self.entetes[rang + 1].strip() if rang + 1 < attendu else ""
            ou = ecart if n != attendu else (f"« {champs[rang + 1].strip()} » tombe dans "
                                             + (f"la colonne « {nom} »" if nom else "une colonne sans nom"))
            return self.entetes[rang].strip(), (
                f"le montant « {champs[rang].strip()},{champs[rang + 1].strip()} » semble coupé par sa virgule "
                f"décimale ({ou}) : dans un fichier séparé par des virgules, mettez les montants entre guillemets "
                f"ou enregistrez le fichier avec le point-virgule ; ligne écartée.")
        if n < attendu:
            # Les cellules manquantes sont lues vides, sauf celle d'une colonne obligatoire : la
            # ligne s'arrête avant le client, la date ou le montant, elle est coupée ou mal séparée.
            manquantes = sorted((self.col[c], c) for c in OBLIGATOIRES if self.col[c] >= n)
            if not manquantes:
                return None
            nom = self._entete(manquantes[0][1])
            aucun = f" ({_SANS_SEPARATEUR[self.sep]})" if n == 1 else ""
            return nom, f"{ecart}{aucun} : la ligne s'arrête avant « {nom} », colonne obligatoire : ligne écartée."
        return "", (f"{ecart} (séparateur « {self.sep} » dans un montant ou un libellé sans guillemets ?) : "
                    f"ligne écartée.")

    def _facture(self, champs: list, numero: int) -> list:
        if self._ligne_de_total(champs):
            return []
        client = self._valeur(champs, "client")
        if not client:
            raise Refus(self._entete("client"), "le client est vide.")
        statut = self._statut(champs)
        if statut in STATUTS_ECARTES:  # pas une facture émise, ou annulée sans avoir : ni dû, ni chiffre d'affaires
            self.d.compter("statuts_ecartes")
            return []
        date = self._date(champs, "date", "la date de facture")
        montant, ht = self._montants(champs)
        piece = self._valeur(champs, "numero")
        cle = (client, piece, date, montant) if piece else None
        echeance = self._echeance(champs, date)
        vue = self._vue(cle, echeance) if cle else None
        if vue is not None:
            return self._repetee(champs, vue)
        if not piece:  # sans numéro, deux lignes identiques peuvent être deux factures : comptées, et dit
            empreinte = hash(tuple(x.strip() for x in champs))
            if empreinte in self._sans_numero:
                self.d.compter("identiques_sans_numero")
            self._sans_numero.add(empreinte)
        litige = self._valeur(champs, "litige").lower() in _VRAI
        # Une échéance par code : les lignes d'une facture payable en plusieurs fois ont chacune leurs règlements.
        lettre = f"#{piece}|{date.isoformat()}|{montant}" + (f"|{echeance.isoformat()}" if echeance else "")
        facture = Mouvement(CLIENTS, client, date, date, montant, FACTURE if montant > 0 else AVOIR, lettre, piece,
                            ht, echeance, litige, ligne=numero)
        implicites: list = []
        reglements = self._reglements(champs, facture, implicites=implicites)
        reste = self._reste_lu(champs, statut)
        sans_date = self._reste(champs, facture, reglements, reste)  # avant de retenir la facture : peut la refuser
        self._nom(client, champs)
        for jour in (date, *(m.date for m in reglements)):  # une ligne refusée ne fait pas la date d'analyse
            self._dates(jour)
        if cle:
            self._vues.setdefault(cle, []).append(FactureVue(facture, reglements, sans_date[0] if sans_date else None,
                                                             reste, implicites[0] if implicites else None))
            self._meme_numero(facture)
        return [facture] + reglements + sans_date

    def _ligne_de_total(self, champs: list) -> bool:
        """« Total », « Sous-total »… dans la colonne du client, du nom, du numéro ou dans la première
        cellule : la ligne de total du tableur, ni facture ni client. Ignorée, et dite ; pas rejetée
        (rien n'y manque), ni comptée comme un client (elle doublerait l'encours). « Total Dupont SA »
        aussi, sans date ni numéro de facture (les sous-totaux d'Excel)."""
        sans_facture = not self._valeur(champs, "date") and not self._valeur(champs, "numero")
        for rang in self._rangs_total:
            texte = champs[rang].strip() if rang < len(champs) else ""
            if texte and (est_total(texte) or sans_facture and est_sous_total(texte)):
                self._notes.append((self.entetes[rang].strip(), f"« {texte} » : ligne de total, ni facture ni "
                                                                f"client : ignorée.", "lignes_de_total"))
                return True
        return False

    def _montants(self, champs: list) -> tuple:
        """(montant TTC, montant HT) ; un avoir écrit en positif (colonne du type) en négatif."""
        montant = self._montant(champs, "montant")
        if not montant:
            raise Refus(self._entete("montant"), "le montant est nul.")
        ht, faute = self._montant_lu(champs, "montant_ht")
        if faute:
            self._ignorer("montant_ht", faute, "le montant HT est ignoré, la facture est comptée TTC dans les "
                                               "montants HT")
        if montant > 0 and normaliser(self._valeur(champs, "type")) in TYPES_AVOIRS:
            montant, ht = -montant, None if ht is None else -abs(ht)
            self.d.compter("avoirs_en_positif")
        return montant, ht

    def _echeance(self, champs: list, date):
        """L'échéance du fichier ; illisible, ou avant la date de la facture (les pénalités
        courraient avant qu'elle soit émise) : calculée avec le délai retenu, et dit."""
        echeance, faute = self._date_lue(champs, "echeance")
        if echeance is not None and echeance < date:
            echeance, faute = None, (f"« {self._valeur(champs, 'echeance')} » précède la date de la facture "
                                     f"({date_courte(date)})")
        if faute:
            self._ignorer("echeance", faute, "l'échéance est calculée avec le délai retenu")
        return echeance

    def _vue(self, cle: tuple, echeance) -> FactureVue | None:
        """La facture déjà lue que la ligne répète (même client, numéro, date et montant), à la même
        échéance, ou sans échéance d'un côté. Une autre échéance : une autre échéance de la même facture
        (Sage, EBP : une ligne par échéance), pas une ligne en double, qui l'ôtait de l'encours."""
        for vue in self._vues.get(cle, ()):
            if echeance is None or vue.facture.echeance is None or vue.facture.echeance == echeance:
                return vue
        return None

    def _meme_numero(self, facture: Mouvement) -> None:
        """Le numéro d'une facture déjà lue pour ce client, à un autre montant ou une autre date
        (sinon, c'est une répétition : voir `_repetee`) : deux factures, comptées chacune, et dit."""
        autre = self._numeros.retenir(facture)
        if autre is None:
            return
        if autre.date == facture.date and autre.echeance and facture.echeance and autre.echeance != facture.echeance:
            self.d.compter("factures_en_echeances")  # une facture payable en plusieurs fois : une ligne par échéance
            return
        ecarts = ([f"avec un autre montant ({euros(abs(autre.montant))})"] if autre.montant != facture.montant
                  else []) + ([f"à une autre date ({date_courte(autre.date)})"] if autre.date != facture.date else [])
        self._noter("numero", f"la facture « {facture.piece} » du client « {facture.tiers} » est déjà ligne "
                              f"{autre.ligne} " + " et ".join(ecarts) + " : les deux lignes sont comptées comme "
                              "deux factures ; vérifiez l'export" + GARDEE, "factures_meme_numero")

    def _nom(self, client: str, champs: list) -> None:
        if (CLIENTS, client) not in self.d.noms:
            self.d.noms[(CLIENTS, client)] = self._valeur(champs, "nom") or client

    def _dates(self, jour) -> None:
        d = self.d
        if d.premiere_date is None or jour < d.premiere_date:
            d.premiere_date = jour
        if d.derniere_date is None or jour > d.derniere_date:
            d.derniere_date = jour

    def terminer(self) -> None:
        """Fin du fichier : une cellule restée ouverte était un guillemet isolé (voir plus haut)."""
        if self._suite is not None:
            debut, morceaux = self._suite
            self._suite = None
            self.d.rejeter(debut, "", "guillemet ouvert jamais fermé : ligne écartée.")
            self.lire(morceaux[1:], debut + 1)
        self._verifier_ordre_des_dates()

