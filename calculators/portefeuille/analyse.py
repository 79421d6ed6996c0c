"""L'analyse d'un grand livre, lu par morceaux : ce que le Web Worker et la ligne de commande appellent.

    verifier_taille(fichier.size)       # {"ok": True}, ou le refus qui renvoie à la ligne de commande
    analyse = Analyse({"clients": "411", "fournisseurs": "401"})   # réglages de lecture
    for morceau in morceaux:            # octets (Uint8Array de File.slice : l'encodage est deviné) ou texte
        etat = analyse.ajouter(morceau)  # {"ok": True, "octets", "lignes", "rejetees", "format", "encodage"}
    resultat = analyse.resultat({"au": "31/12/2025", "delai": "60j"})   # JSON + affichage
    texte = analyse.affichage_json('{"au": "31/12/2025"}')          # l'affichage seul, en chaîne JSON

Rien n'est jamais levé vers l'appelant : une saisie ou un fichier refusés donnent
`{"ok": False, "erreurs": [{"field", "message", "ligne", "colonne"}], "entetes": [...]}` ;
`entetes` (tableau de factures aux colonnes non reconnues) sert l'étape de correspondance : la
page demande quelle colonne porte quoi, puis relit le fichier avec `{"colonnes": {...}}`.
Le fichier n'est jamais tenu entier : seules les lignes des comptes de tiers sont gardées, et
`resultat` peut être redemandé avec d'autres réglages sans relire le fichier.
"""

from __future__ import annotations

import gc
import json
import sys
from contextlib import contextmanager

from ..commun import format_fr as fr
from ..commun.erreurs import SaisieInvalide
from ..commun.saisie import aujourdhui
from .calcul import au_par_defaut, calculer_resultats
from .cellules_tableur import exemples
from .correspondance import refuser_colonne_fautive
from .champs import lire_reglages, lire_reglages_lecture, prefixes_choisis
from .decodage import (DEBUT_BINAIRE, OUVERTE, Decodeur, Decoupeur, cellule_ouverte, deviner_bom, format_non_texte,
                       semble_binaire)
from .entete_fec import reconnaitre_entete, refuser_donnees_sans_entete
from .lecture_csv import LIGNES_PAR_CELLULE, LecteurTableur, deviner_separateur, reconnaitre_colonnes
from .lecture_fec import LecteurFec
from .modele import Donnees, FichierIllisible

FIN_DE_LIGNE = (b"\n", b"\r")
CONTENU_ILLISIBLE = ("Le contenu du fichier est illisible : choisissez le FEC de votre comptabilité ou un tableau "
                     "de factures (CSV), exporté en texte.")
TAILLE_MAX_NAVIGATEUR = 400 * 2**20  # octets : au-delà, la page renvoie à la ligne de commande
# La mémoire d'un navigateur a une borne (4 Go au plus pour Pyodide, souvent moins sur un téléphone) :
# l'atteindre lève MemoryError dans Python, que la page disait « erreur interne ».
MEMOIRE_INSUFFISANTE = "La mémoire disponible ne suffit pas pour analyser ce fichier ({ou})."
# Où aller ensuite : du navigateur (Pyodide, sys.platform « emscripten »), à la ligne de commande ;
# de la ligne de commande, il n'y a pas plus loin, seulement plus de mémoire.
RECOURS_NAVIGATEUR = (" Un navigateur en a bien moins que la ligne de commande : python -m calculators portefeuille "
                      "--fichier VOTRE_FICHIER --csv exports/")
RECOURS_LIGNE_DE_COMMANDE = " Fermez d'autres programmes, ou lancez l'analyse sur une machine qui a plus de mémoire."
FEC_EN_ATTENTE = 10_000  # écritures incomplètes gardées : au-delà, le FEC est trié par compte
FEC_TRIE = (" Ce FEC semble trié par compte : chaque écriture n'y est complète qu'à la fin du fichier, et toutes "
            "restent en mémoire jusque-là ; exporté dans l'ordre des écritures, il en demande trois à quatre fois moins.")
TITRES_MAX = 10  # lignes de titre (« Liste des factures au… », société, période…) passées au-dessus de l'en-tête d'un tableau


def verifier_taille(octets: int) -> dict:
    """Avant de lire : un fichier trop gros pour un navigateur est renvoyé à la ligne de commande.

    >>> verifier_taille(10_000)["ok"], verifier_taille(2 * 2**30)["erreurs"][0]["field"]
    (True, 'fichier')
    """
    if octets <= TAILLE_MAX_NAVIGATEUR:
        return {"ok": True}
    return echec([{"field": "fichier", "message": (
        f"Ce fichier fait {octets / 2**20:.0f} Mo : c'est trop pour un navigateur (au plus "
        f"{TAILLE_MAX_NAVIGATEUR // 2**20} Mo). Analysez-le avec la ligne de commande, qui le lit par morceaux "
        f"sans limite de taille : python -m calculators portefeuille --fichier VOTRE_FICHIER --csv exports/")}])


def echec(erreurs: list, entetes: list | None = None) -> dict:
    """Réponse de refus, forme commune à tous les calculateurs (plus `entetes` pour la correspondance)."""
    reponse = {"ok": False, "erreurs": erreurs}
    if entetes:
        reponse["entetes"] = entetes
    return reponse


def echec_fichier(exc: FichierIllisible) -> dict:
    reponse = echec([{"field": "fichier", "message": exc.message, "ligne": exc.ligne, "colonne": exc.colonne}],
                    exc.entetes)
    if exc.colonnes:
        reponse["colonnes"] = exc.colonnes
    return reponse


@contextmanager
def sans_ramasse_miettes():
    """Suspend le ramasse-miettes cyclique le temps d'une lecture ou d'un calcul, puis met hors
    de sa vue ce qui a été lu ou calculé (`gc.freeze`).

    Pourquoi : un million de lignes, ce sont des centaines de milliers de `Mouvement`, de postes
    et de listes, sans aucun cycle, gardés jusqu'à la fin de l'analyse ; le ramasse-miettes les
    parcourait pourtant encore et encore (plusieurs secondes, le quart du calcul). Le comptage des
    références les libère toujours ; une nouvelle `Analyse` rend au ramasse-miettes ce qui avait
    été mis hors de sa vue (`gc.unfreeze`), pour qu'aucun cycle n'y reste oublié. L'état
    d'avant (actif ou non) est rétabli, même après une erreur."""
    actif = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if actif:
            gc.enable()


class Analyse:
    """Un fichier lu morceau par morceau, puis analysé à la demande."""

    def __init__(self, reglages: dict | None = None, formulaire: dict | None = None):
        """`reglages` : ceux de la lecture ; `formulaire` : toutes les saisies, dont les erreurs
        s'ajoutent à un refus des réglages de lecture (toutes dites en une fois, pas tour à tour)."""
        gc.unfreeze()  # ce qu'une analyse précédente avait mis hors de vue (voir `sans_ramasse_miettes`)
        self.erreur: dict | None = None
        self.octets = 0
        self.donnees = Donnees()
        self.termine = False
        self._decodeur: Decodeur | None = None
        self._decoupeur = Decoupeur()
        self._lecteur = None
        self._tampon = b""
        self._titres = 0  # lignes passées au-dessus de l'en-tête
        self._refus_entete: FichierIllisible | None = None  # le refus rendu si aucune ligne ne convient
        self._reconnues = -1  # colonnes reconnues dans la ligne de ce refus
        self._exemples: dict = {}  # tableau : la valeur de chaque colonne sur la 1re ligne (correspondance)
        self._nul_en_attente = False  # un octet nul dans la ligne inachevée (voir `_lignes_sans_nuls`)
        self.montres = None  # les résultats montrés par la page, dont elle demande les exports
        try:
            self.lecture = lire_reglages_lecture(reglages or {})
        except SaisieInvalide as exc:
            erreurs = list(exc.erreurs)
            try:
                lire_reglages(formulaire or {})
            except SaisieInvalide as autres:
                erreurs += autres.erreurs
            self.erreur = echec([e.en_dict() for e in erreurs])

    # --- Lecture ------------------------------------------------------------------------------

    def ajouter(self, morceau) -> dict:
        """Lit un morceau du fichier (octets ou texte) ; rend la progression ou le refus."""
        if self.erreur is None and not self.termine:
            try:
                with sans_ramasse_miettes():
                    self._lire(morceau, final=False)
            except FichierIllisible as exc:
                self.erreur = echec_fichier(exc)
            except MemoryError:
                self._memoire_epuisee(f"lecture arrêtée vers la ligne {fr.nombre(self._decoupeur.numero, 0)}")
        return self.erreur or self.progression()

    def terminer(self) -> dict:
        """Fin du fichier : lit la dernière ligne et vérifie qu'il y avait quelque chose à lire."""
        if self.erreur is None and not self.termine:
            try:
                with sans_ramasse_miettes():
                    self._lire(b"" if self._decodeur is not None or self._tampon else "", final=True)
                    self._verifier_fin()
            except FichierIllisible as exc:
                self.erreur = echec_fichier(exc)
            except MemoryError:
                self._memoire_epuisee("à la fin de la lecture")
            self.termine = True
        return self.erreur or self.progression()

    def _memoire_epuisee(self, ou: str) -> None:
        """MemoryError : le refus qui renvoie à la ligne de commande, et la mémoire rendue (ce qui a
        été lu ne sert plus : le fichier n'est pas analysé à moitié)."""
        trie = isinstance(self._lecteur, LecteurFec) and self._lecteur.en_attente() > FEC_EN_ATTENTE
        self.donnees, self._lecteur, self._tampon, self.montres = Donnees(), None, b"", None
        gc.collect()
        recours = RECOURS_NAVIGATEUR if sys.platform == "emscripten" else RECOURS_LIGNE_DE_COMMANDE
        message = MEMOIRE_INSUFFISANTE.format(ou=ou) + recours + (FEC_TRIE if trie else "")
        self.erreur = echec([{"field": "fichier", "message": message}])

    def progression(self) -> dict:
        d = self.donnees
        return {"ok": True, "octets": self.octets, "lignes": self._decoupeur.numero, "rejetees": d.nb_rejets,
                "format": d.format, "encodage": self._decodeur.encodage if self._decodeur else d.encodage}

    def _lire(self, morceau, final: bool) -> None:
        if not isinstance(morceau, (str, bytes, bytearray, memoryview)):
            if isinstance(morceau, int) or not hasattr(morceau, "to_bytes"):
                raise FichierIllisible(CONTENU_ILLISIBLE, 1)  # un nombre, une liste, un objet JSON : rien d'envoyé
            morceau = morceau.to_bytes()  # Pyodide : un Uint8Array venu de JavaScript (File.slice)
        if isinstance(morceau, (bytes, bytearray, memoryview)):
            octets = bytes(morceau)
            self.octets += len(octets)
            texte = self._decoder(octets, final)
        else:
            texte = str(morceau)
            if not self.octets and (autre := format_non_texte(texte[:DEBUT_BINAIRE].encode("utf-8", "replace"))):
                raise FichierIllisible(autre, 1)  # un FEC XML, une page web
            self.octets += len(texte)
            self.donnees.encodage = self.donnees.encodage or "texte"
        if texte is None:
            return
        nul = self._nul_en_attente or "\x00" in texte  # rare : une recherche par morceau, pas par ligne
        lignes = self._decoupeur.couper(texte, final)
        premier = self._decoupeur.numero - len(lignes) + 1
        if nul:
            self._nul_en_attente = "\x00" in self._decoupeur.en_attente
            self._lignes_sans_nuls(lignes, premier)
        else:
            self._lire_lignes(lignes, premier)

    def _lire_lignes(self, lignes: list, premier: int) -> None:
        if self._lecteur is None and lignes:
            lignes, premier = self._entete(lignes, premier)
        if self._lecteur is not None and lignes:
            self._lecteur.lire(lignes, premier)

    def _lignes_sans_nuls(self, lignes: list, premier: int) -> None:
        """Un octet nul dans un fichier texte (un fichier binaire est refusé avant, voir
        `decodage.semble_binaire`) : sa ligne est écartée, nommée avec sa colonne, où qu'elle soit.
        Ôté en silence, il faisait lire « 1\\x00000,00 » 1 000 € ; le reste est lu."""
        debut = 0
        for rang, ligne in enumerate(lignes):
            if ligne is not None and "\x00" in ligne:
                self._lire_lignes(lignes[debut:rang], premier + debut)
                self._rejeter_nul(ligne, premier + rang)
                debut = rang + 1
        self._lire_lignes(lignes[debut:], premier + debut)

    def _rejeter_nul(self, ligne: str, numero: int) -> None:
        if isinstance(self._lecteur, LecteurTableur):
            sep, noms = self._lecteur.sep, self._lecteur.entetes
        elif self._lecteur is not None:
            sep, noms = self._lecteur.entete.separateur, self._lecteur.entete.noms
        else:
            sep, noms = "\n", ()
        rang, valeur = next((r, champ) for r, champ in enumerate(ligne.split(sep)) if "\x00" in champ)
        colonne = noms[rang].strip() if rang < len(noms) else ""
        valeur = valeur.strip().replace("\x00", "\u2400")[:60]
        self.donnees.rejeter(numero, colonne, f"caractère nul (octet 0) dans « {valeur} » : la ligne est écartée "
                                              f"(fichier abîmé ?).")

    def _decoder(self, octets: bytes, final: bool) -> str | None:
        """Octets → texte ; tant que l'en-tête n'est pas complet, les octets attendent."""
        if self._decodeur is None:
            self._tampon += octets
            # Attendre l'en-tête entier, et les `DEBUT_BINAIRE` premiers octets d'où se juge le fichier
            # (binaire, PDF, XML…) : le même jugement d'un bloc ou en morceaux d'un octet.
            if not final and len(self._tampon) < 100_000 and (len(self._tampon) < DEBUT_BINAIRE or not any(
                    f in self._tampon for f in FIN_DE_LIGNE)):
                return None
            autre = format_non_texte(self._tampon)
            if autre:
                raise FichierIllisible(autre, 1)
            ligne = semble_binaire(self._tampon)
            if ligne:
                raise FichierIllisible("Ce fichier n'est pas un fichier texte (il contient des octets nuls) : "
                                       "exportez le FEC ou le tableau de factures en texte (.txt ou .csv).", ligne)
            self._decodeur = Decodeur(_repli(self._tampon))
            octets, self._tampon = self._tampon, b""
        texte = self._decodeur.decoder(octets, final)
        self.donnees.encodage = self._decodeur.encodage
        self.donnees.illisibles = self._decodeur.illisibles
        return texte

    def _entete(self, lignes: list, premier: int) -> tuple[list, int]:
        """La première ligne non vide nomme les champs : FEC ou tableau de factures. Un tableur
        exporte parfois un titre au-dessus des noms de colonnes (« Liste des factures au… ») :
        une ligne qui n'est pas un en-tête complet est passée, jusqu'à TITRES_MAX (un filtre
        « Client;Tous;Échéance;Toutes » en nomme deux) ; si aucune ligne ne convient, le refus est
        celui de la ligne aux colonnes les plus reconnues (et sa correspondance de colonnes)."""
        for rang, ligne in enumerate(lignes):
            if ligne is None:
                raise FichierIllisible("La première ligne dépasse 100 000 caractères : ce n'est ni l'en-tête d'un "
                                       "FEC ni celui d'un tableau de factures.", premier + rang)
            if not ligne.strip():
                continue
            ligne, rang = _entete_sur_plusieurs_lignes(lignes, rang)
            fec = reconnaitre_entete(ligne)
            if fec is not None:
                self._lecteur = LecteurFec(fec, self.donnees, self.lecture.clients, self.lecture.fournisseurs)
                self.donnees.correspondance_sans_effet = tuple(self.lecture.colonnes.items())  # dit, pas tu
            else:
                refuser_donnees_sans_entete(ligne, premier + rang)
                suite = next((x for x in lignes[rang + 1:] if x and x.strip()), "")  # valeurs d'exemple
                try:
                    self._lecteur = LecteurTableur(ligne, self.donnees, self.lecture.colonnes)
                    self._exemples = exemples(self._lecteur.entetes, self._lecteur.sep, suite)
                    self.donnees.prefixes_sans_effet = prefixes_choisis(self.lecture)  # dit, pas tu
                except FichierIllisible as exc:
                    if exc.colonnes is not None:
                        exc.colonnes["exemples"] = exemples(exc.entetes, deviner_separateur(ligne), suite)
                    reconnues = len(reconnaitre_colonnes(exc.entetes or [], self.lecture.colonnes))
                    if reconnues > self._reconnues:  # l'en-tête à compléter, pas le titre au-dessus
                        exc.ligne, self._refus_entete, self._reconnues = premier + rang, exc, reconnues
                    self._titres += 1
                    if self._titres > TITRES_MAX:
                        raise self._refus_entete
                    continue
            if self._titres:
                self.donnees.compter("lignes_de_titre", self._titres)
            return lignes[rang + 1:], premier + rang + 1
        return [], premier + len(lignes)

    def _verifier_fin(self) -> None:
        if self.octets == 0:
            raise FichierIllisible("Le fichier est vide (0 octet) : choisissez le FEC ou le tableau de factures.")
        if self._lecteur is None and self._refus_entete is not None:
            raise self._refus_entete
        if self._lecteur is None:
            raise FichierIllisible("Le fichier ne contient aucune ligne lisible : choisissez le FEC ou le tableau "
                                   "de factures.")
        self._lecteur.terminer()
        if self.donnees.lignes == 0:
            if isinstance(self._lecteur, LecteurTableur):  # une colonne mal choisie, pas le fichier
                refuser_colonne_fautive(self._lecteur, self.donnees, self._exemples, self.lecture.colonnes)
            raise FichierIllisible(
                "Aucune ligne du fichier n'a pu être lue après l'en-tête"
                + (f" ({fr.quantite(self.donnees.nb_rejets, 'ligne rejetée', 'lignes rejetées')} ; "
                   + self.donnees.rejets[0].message.rstrip(".") + ")" if self.donnees.rejets else "") + ".", 2)

    # --- Résultat -----------------------------------------------------------------------------

    def resultat(self, reglages: dict | None = None, affichage: bool = True) -> dict:
        """Toutes les figures, en JSON (montants en chaînes) avec leur affichage en français
        (`affichage=False` : sans lui, pour une sortie JSON seule)."""
        from .sortie import en_json  # le rendu n'est importé qu'au moment de rendre

        with sans_ramasse_miettes():  # le rendu, lui aussi, crée des centaines de milliers d'objets
            r = self.calculer(reglages)
            return r if isinstance(r, dict) else en_json(r, affichage)

    def affichage_json(self, reglages_json: str, avancement=None) -> str:
        """Ce que la page montre (`sortie.pour_la_page`) ou le refus, chaînes JSON de part et
        d'autre (frontière étroite avec le Web Worker, qui passe aussi sa fonction `avancement`).
        Les résultats montrés sont gardés : la page en demande les exports au clic (`export_json`)."""
        from .sortie import pour_la_page

        try:
            reglages = json.loads(reglages_json or "{}")
        except (ValueError, RecursionError):  # RecursionError : « [[[[… » imbriqués cent mille fois
            reglages = None
        if not isinstance(reglages, dict):
            return json.dumps(echec([{"field": "", "message": "Les réglages reçus sont illisibles."}]), ensure_ascii=False)
        try:
            with sans_ramasse_miettes():
                r = self.calculer(reglages, avancement=avancement)
                if not isinstance(r, dict):
                    self.montres = r
                    r = pour_la_page(r)
        except MemoryError:  # pendant la mise en forme (le calcul, lui, rend déjà le refus)
            r = None  # le résultat à moitié mis en forme est lâché avant de rendre la mémoire
            self._memoire_epuisee("pendant la mise en forme des résultats")
            r = self.erreur
        return json.dumps(r, ensure_ascii=False)

    def export_json(self, nom: str, adresse: str = "") -> str:
        """Un export CSV des résultats montrés par la page (`affichage_json`), demandé au clic :
        `{"ok": True, "fichier": {"nom", "telechargement", "type", "contenu", "libelle"}}` en chaîne JSON, ou le refus ;
        `adresse` : celle de la page, d'où les liens des lettres deviennent des adresses complètes."""
        from .exports import fichier
        from .lettres_preremplies import relances_json

        trouve = None if self.montres is None else fichier(self.montres, nom, lambda: relances_json(self.montres),
                                                            adresse)
        if trouve is None:
            return json.dumps(echec([{"field": "", "message": (
                "Aucun résultat à exporter : cliquez sur « Calculer », puis de nouveau sur cet export." if self.montres is None
                else f"Cet export n'existe pas : « {nom} ».")}]), ensure_ascii=False)
        return json.dumps({"ok": True, "fichier": trouve}, ensure_ascii=False)

    def calculer(self, reglages: dict | None = None, consommer: bool = False, avancement=None):
        """Les résultats en valeurs (`calcul.Resultats`), ou le refus en JSON : la ligne de
        commande écrit elle-même un JSON en flux, `resultat` et `affichage_json` le mettent en
        forme. `consommer` : un seul calcul, les mouvements sont libérés au fur et à mesure
        (l'objet ne peut plus resservir) ; `avancement` : voir `calcul.calculer_resultats`."""
        if not self.termine:
            self.terminer()
        if self.erreur is not None:
            return self.erreur
        try:
            valeurs = lire_reglages(reglages or {}, au_par_defaut(self.donnees, aujourdhui(reglages or {}))[0])
        except SaisieInvalide as exc:
            return echec([e.en_dict() for e in exc.erreurs])
        if consommer:
            self.erreur = echec([{"field": "fichier", "message": "Ce fichier a déjà été analysé : relisez-le."}])
        try:
            with sans_ramasse_miettes():
                return calculer_resultats(self.donnees, valeurs, aujourdhui(reglages or {}), consommer, avancement)
        except MemoryError:
            self._memoire_epuisee("pendant le calcul, une fois le fichier lu")
            return self.erreur


def _repli(debut: bytes) -> str:
    """Encodage de repli : ISO-8859-15 pour un FEC (autorisé par l'arrêté), Windows-1252 sinon."""
    if deviner_bom(debut):
        return "cp1252"
    premiere = debut.split(b"\n", 1)[0].decode("ascii", "replace").lower()
    return "iso-8859-15" if "journalcode" in premiere and "ecriturenum" in premiere else "cp1252"


def _entete_sur_plusieurs_lignes(lignes: list, rang: int) -> tuple[str, int]:
    """Un nom de colonne saisi sur deux lignes (Alt+Entrée dans Excel) : l'en-tête continue sur les
    lignes suivantes, réunies jusqu'au guillemet fermant ; sinon, la ligne telle quelle.

    >>> _entete_sur_plusieurs_lignes(['Client;"N°', 'facture";Date;Montant TTC', 'C1;F1'], 0)
    ('Client;"N° facture";Date;Montant TTC', 1)
    """
    ligne = lignes[rang]
    sep = deviner_separateur(ligne)
    if '"' not in ligne or cellule_ouverte(ligne, sep) != OUVERTE:
        return ligne, rang
    fin = rang + 1
    while fin < min(len(lignes), rang + LIGNES_PAR_CELLULE) and lignes[fin] is not None:
        if cellule_ouverte("\n".join(lignes[rang:fin + 1]), sep) != OUVERTE:
            return " ".join(lignes[rang:fin + 1]), fin
        fin += 1
    return ligne, rang

