"""Une ligne de FEC qui n'a pas le nombre de colonnes de l'en-tête : lue quand c'est sûr, écartée
sinon, avec un message qui dit pourquoi (chemin rare : la boucle de `lecture_fec` n'y passe que
pour ces lignes).

Une colonne de trop, vide : c'est un séparateur final (« …|EUR| »), que des logiciels écrivent à
chaque ligne, ou un « | » dans un libellé quand Idevise est vide (le cas courant) ; les deux lignes
finissent par « | ». Prendre la seconde pour la première décale toutes les colonnes qui suivent le
libellé : « Facture F001 | 45 » faisait d'une facture de 1 200 € un crédit de 1 155 €. D'où :

- les lignes d'un fichier sont écrites de la même façon : une ligne lue avec exactement les
  colonnes de l'en-tête dit que le fichier n'a pas de séparateur final, et qu'une colonne de plus
  est un « | » dans un libellé ; une fois le séparateur final établi, il faut le même nombre de
  colonnes vides en fin de ligne (une de plus, c'est encore un « | » dans un libellé) ;
- tant que rien n'a décidé (la ligne est la première), elle doit se lire comme une ligne de FEC :
  montants, dates, ValidDate non vide (l'arrêté l'exige ; décalée, elle reçoit DateLet, vide
  d'ordinaire ; l'exigence tombe si l'en-tête finit lui aussi par un séparateur), Montantdevise
  nul sans Idevise (décalé, il reçoit ValidDate). Ces contrôles restent, ValidDate vide admise,
  sur les lignes suivantes à séparateur final.

Le séparateur final établi, une ligne aux colonnes exactes de l'en-tête a perdu une colonne (ou
seulement son séparateur final) : lue si ses champs sont à leur place, écartée sinon.

Moins de colonnes : les derniers champs facultatifs (Montantdevise, Idevise, DateLimitReglmt, une
colonne que l'analyse ne lit pas), omis parce que vides, sont lus vides ; sinon la ligne est
écartée en nommant le premier champ qui manque, sans parler de libellé.
"""

from __future__ import annotations

from .entete_fec import CHAMPS_FEC, ECHEANCE, EnteteFec
from .valeurs_fec import SENS_CREDIT, SENS_DEBIT, lire_date_fec, lire_montant_fec

FACULTATIFS_EN_FIN = frozenset({"Montantdevise", "Idevise", ECHEANCE})
# Les champs de texte où un logiciel laisse passer le séparateur.
LIBELLES = ("EcritureLib", "CompAuxLib", "CompteLib", "JournalLib", "PieceRef")
_DATES_FACULTATIVES = ("PieceDate", "DateLet")


class Colonnes:
    """La règle de la ligne d'un FEC au nombre de colonnes inattendu (voir le module)."""

    def __init__(self, entete: EnteteFec):
        self.entete = entete
        self.n = entete.nb_colonnes
        p = entete.positions
        self._lues_par_nom = {rang: nom for nom, rang in p.items()}
        self._montants = (p["Debit"], p["Credit"]) if entete.mode == "debit-credit" else (p["Montant"], p["Sens"])
        self._final: bool | None = None  # les lignes portent-elles un séparateur final ?
        self._en_trop = 0                 # combien de colonnes vides il ajoute
        self.tolerees = 0                 # lignes lues sans leur séparateur final

    def ajuster(self, champs: list, deja_lues: bool) -> list | None:
        """Les `n` colonnes de la ligne, ou None (la ligne est à écarter, voir `refus`) ;
        `deja_lues` : une ligne a déjà été lue avec exactement les colonnes de l'en-tête."""
        n = len(champs)
        if n == self.n:
            # Le séparateur final établi, une ligne aux colonnes de l'en-tête a perdu une colonne
            # en route (lue décalée, une facture de 2 400 € passait pour 0 €), ou seulement son
            # séparateur final : elle n'est lue que si ses champs sont à leur place.
            return champs if self.plausible(champs, stricte=True) else None
        if n < self.n:
            if all(self._lues_par_nom.get(rang) in (None, *FACULTATIFS_EN_FIN) for rang in range(n, self.n)):
                # Une colonne perdue au milieu de la ligne aurait le même compte (17 : Idevise « manque ») :
                # ses montants décalés d'un rang (une facture lue 0 €). Complétée, la ligne doit se lire
                # comme un FEC, ValidDate comprise, qui reçoit sinon le Montantdevise vide.
                complete = champs + [""] * (self.n - n)
                return complete if self.plausible(complete, stricte=True) else None
            return None
        if "".join(champs[self.n:]).strip():
            return None
        if self._final is None and deja_lues:
            self._final = False  # le fichier n'a pas de séparateur final : décidé une fois pour toutes
        if self._final is False or (self._final and n - self.n != self._en_trop):
            return None
        lus = champs[:self.n]
        if not self.plausible(lus, stricte=self._final is None and not self.entete.separateur_final):
            return None
        self._final, self._en_trop = True, n - self.n
        self.tolerees += 1
        return lus

    @property
    def final(self) -> bool:
        """Les lignes du fichier portent-elles un séparateur final (établi sur une ligne lue) ?"""
        return bool(self._final)

    def plausible(self, champs: list, stricte: bool) -> bool:
        """Les champs se lisent-ils comme ceux d'une ligne de FEC, à leur place ?"""
        p, (i, j) = self.entete.positions, self._montants
        try:
            lire_montant_fec(champs[i])
            if self.entete.mode == "debit-credit":
                lire_montant_fec(champs[j])
            elif champs[j].strip().upper() not in SENS_DEBIT | SENS_CREDIT:
                return False
            lire_date_fec(champs[p["EcritureDate"]])
            for nom in _DATES_FACULTATIVES + (() if stricte else ("ValidDate",)):
                if nom in p and champs[p[nom]].strip() not in ("", "-"):
                    lire_date_fec(champs[p[nom]])
            if stricte and "ValidDate" in p:
                lire_date_fec(champs[p["ValidDate"]])
            devise = champs[p["Montantdevise"]].strip() if "Montantdevise" in p and "Idevise" in p else "-"
            if devise not in ("", "-") and lire_montant_fec(devise) and champs[p["Idevise"]].strip() in ("", "-"):
                return False  # un montant en devise sans devise : ValidDate décalée (AAAAMMJJ lu en montant)
        except ValueError:
            return False
        return True

    def refus(self, champs: list, sep: str) -> tuple[str, str]:
        """(colonne, message) d'une ligne écartée pour son nombre de colonnes."""
        n, attendu = len(champs), self.n
        if n == attendu:  # le séparateur final établi (voir `ajuster`)
            return "", (f"{n} colonnes au lieu de {n + self._en_trop} : les autres lignes finissent par "
                        f"« {nom_sep(sep)} », pas celle-ci ; une colonne y manque (ses champs ne sont pas "
                        f"à leur place) : ligne écartée.")
        if n == 1:
            return "", f"aucun séparateur « {nom_sep(sep)} » : la ligne n'a qu'une colonne au lieu de {attendu}."
        if n < attendu:
            manque = self.entete.noms[n] if n < len(self.entete.noms) else ""
            return manque, (f"{n} colonnes au lieu de {attendu} : la ligne s'arrête avant « {manque} » (ligne "
                            f"coupée ?) : ligne écartée.")
        coupe = _fin_manquante(self.entete)
        if coupe and n - attendu <= len(coupe) + 1:  # + 1 : un séparateur final
            return "", (f"{n} colonnes quand l'en-tête (ligne 1) n'en nomme que {attendu} : il s'arrête à "
                        f"« {self.entete.noms[-1]} », sans " + ", ".join(f"« {nom} »" for nom in coupe)
                        + " (en-tête coupé ?) : ligne écartée.")
        message = f"{n} colonnes au lieu de {attendu} (séparateur « {nom_sep(sep)} » dans un libellé ?) : ligne écartée"
        base = champs[:n - self._en_trop] if self._final else champs  # sans le séparateur final établi
        libelle = self._libelle_coupe(base, sep) if len(base) == attendu + 1 else None
        if libelle is None:
            return "", message + "."
        return libelle[0], message + f" ; le libellé serait « {libelle[1]} »."

    def _libelle_coupe(self, champs: list, sep: str) -> tuple[str, str] | None:
        """Le libellé qui, recollé à son voisin, rend une ligne plausible, s'il est seul à le faire."""
        trouves = []
        for nom in LIBELLES:
            rang = self.entete.positions.get(nom)
            if rang is None or rang + 1 >= len(champs):
                continue
            recolle = champs[rang] + sep + champs[rang + 1]
            if self.plausible(champs[:rang] + [recolle] + champs[rang + 2:], stricte=True):
                trouves.append((nom, recolle.strip()))
        return trouves[0] if len(trouves) == 1 else None


def _fin_manquante(entete: EnteteFec) -> tuple:
    """Les derniers champs de l'arrêté, qu'un en-tête coupé ne nomme pas (aucun champ après eux)."""
    fin = CHAMPS_FEC[13:]  # après les montants : EcritureLet… Idevise, dans les deux formes (Debit, Montant)
    return fin[max((i + 1 for i, nom in enumerate(fin) if nom in entete.positions), default=0):]


def nom_sep(sep: str) -> str:
    return "tabulation" if sep == "\t" else sep
