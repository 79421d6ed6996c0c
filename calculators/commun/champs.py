"""Registre des saisies d'un calculateur : une définition par champ, et tout ce qui en découle.

Chaque calculateur déclare ses champs une fois (`Formulaire`). En découlent :
- la lecture des saisies (textes tels que tapés → `date`, `Decimal`, entier, choix, case),
  avec les messages d'erreur ancrés au champ (`champ-<nom>` dans la page) ;
- les options de la ligne de commande (`--<nom>`, ligne répétée : `--acompte DATE:MONTANT`) ;
- le lien partageable, codé et décodé ici seulement (dates ISO, montants au point) : la page
  ne fait que le copier, et pour le rouvrir elle demande à Python les valeurs à afficher ;
- le formulaire de la page, écrit par le hook `overrides/hooks/formulaires.py`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Callable
from urllib.parse import parse_qsl, quote, urlencode

from . import format_fr as fr
from .erreurs import Collecteur, ErreurChamp, SaisieInvalide
from .saisie import TEXTE_MAX, colonnes_connues, lire_date, lire_entier, lire_montant, lire_taux, vide

if TYPE_CHECKING:  # argparse ne sert qu'à la ligne de commande : pas d'import dans le navigateur
    import argparse

OUI = ("oui", "1", "true", "on", "yes")
NON = ("", "non", "0", "false", "off", "no")
SEPARATEUR_LIGNE = ":"  # « DATE:MONTANT » : une date ISO ou française ne contient pas de « : »
# Un texte peut en contenir (numéro « FA:2025:001 » d'un export comptable) : « \: » dans une cellule,
# et « \\ » pour « \ ». La dernière cellule, reste de la ligne, va telle quelle (acomptes « DATE:MONTANT »).
_ECHAPPE_OU_SEPARATEUR = re.compile(r"\\[\\:]|:")


@dataclass(frozen=True)
class Choix:
    valeur: str
    libelle: str
    groupe: str = ""  # <optgroup> du formulaire


@dataclass(frozen=True)
class Champ:
    """Une saisie. `nom` sert partout : formulaire, option `--nom`, lien, JSON, ancre d'erreur.

    `type` : montant, date, taux, entier, texte, choix ou case. `designation` est le nom du
    champ dans une phrase (« le montant de la facture ») ; `lecteur(texte, nom)` remplace la
    lecture par défaut du type quand un calculateur a ses propres bornes ou messages.
    """

    nom: str
    libelle: str
    type: str
    designation: str = ""
    aide: str = ""
    requis: bool = False
    choix: tuple[Choix, ...] = ()
    defaut: str = ""
    minimum: int = 0
    maximum: int = 0
    lecteur: Callable | None = None
    aide_cli: str = ""
    code: bool = False  # un code (délai, préfixe de compte) : un caractère invisible y est refusé, pas retiré

    def lire(self, brut):
        """Texte tapé → valeur (None si vide et facultatif) ; lève SaisieInvalide au champ."""
        texte = _texte(brut, self.nom, self.designation or f"« {self.libelle} »")
        if self.type == "texte" and self.code and _INVISIBLES.search(texte):
            # Retiré, il recollait les chiffres autour de lui : « 6\x000 » devenait un délai de 60 jours.
            raise SaisieInvalide([ErreurChamp(self.nom, f"Un caractère invisible (de contrôle) s'est glissé dans "
                                                        f"{self.designation or self.libelle} : retapez-le.")])
        if self.type == "texte":
            texte = _sans_invisibles(texte)
        if self.type == "case":
            return _case(texte, self.nom, self.libelle)
        if vide(texte):
            texte = self.defaut
        if vide(texte) and not self.requis:
            return None
        if self.lecteur:
            return self.lecteur(texte, self.nom)
        if self.type == "choix":
            return _choix(texte, self)
        if self.type == "montant":
            return lire_montant(texte, self.nom, self.designation)
        if self.type == "date":
            return lire_date(texte, self.nom, self.designation)
        if self.type == "taux":
            return lire_taux(texte, self.nom, self.designation)
        if self.type == "entier":
            return lire_entier(texte, self.nom, self.designation, self.minimum, self.maximum)
        return texte.strip()

    def coder(self, valeur) -> str:
        """Valeur lue → texte du lien partageable et de la ligne de commande (ISO, point décimal)."""
        if valeur is None or valeur is False:
            return ""
        if valeur is True:
            return "oui"
        if isinstance(valeur, dt.date):
            return valeur.isoformat()
        if isinstance(valeur, Decimal):
            return format(valeur, "f")
        return str(valeur)

    def afficher(self, valeur) -> str:
        """Valeur lue → texte à la française, pour pré-remplir le formulaire."""
        if isinstance(valeur, dt.date):
            return fr.date_courte(valeur)
        if isinstance(valeur, Decimal):
            decimales = max(-valeur.as_tuple().exponent, 0)
            return fr.nombre(valeur, 2 if self.type == "montant" else decimales)
        return self.coder(valeur)


@dataclass(frozen=True)
class Lignes:
    """Saisie répétée (acomptes…) : une ligne = plusieurs champs, « a:b » dans un lien ou en CLI.

    `nom` : clé des saisies (liste de lignes) ; `param` : option de la ligne de commande et
    paramètre du lien ; ancre d'erreur d'une cellule : `<param>-<rang>-<cle>`.
    """

    nom: str
    param: str
    libelle: str
    element: str  # « l'acompte » → « Date de l'acompte n° 1 »
    colonnes: tuple[Champ, ...]
    aide: str = ""
    ajouter: str = ""
    maximum: int = 50
    aide_cli: str = ""

    def decoder(self, texte) -> dict:
        """« 2024-01-15:2500,00 » → {"date": "2024-01-15", "montant": "2500,00"}.

        >>> LIGNES_EXEMPLE.decoder("2024-01-15:2500,00")
        {'date': '2024-01-15', 'montant': '2500,00'}
        """
        morceaux = _couper(str(texte), len(self.colonnes))
        morceaux += [""] * (len(self.colonnes) - len(morceaux))
        return {c.nom: m.strip() for c, m in zip(self.colonnes, morceaux)}

    def lire(self, brutes, c: Collecteur) -> list[tuple[int, dict]]:
        """Lignes saisies → [(rang, {cle: valeur})] ; lignes vides ignorées, erreurs au collecteur."""
        if brutes is None or brutes == "":
            return []
        if not isinstance(brutes, list):
            brutes = [brutes]
        if len(brutes) > self.maximum:
            c.ajouter(self.nom, f"Au plus {self.maximum} lignes pour « {self.libelle} ».")
            return []
        lues = []
        for rang, brute in enumerate(brutes, start=1):
            # Une ligne illisible (liste, objet imbriqué…) : l'erreur va à sa première cellule, les
            # autres lignes et champs sont lus quand même.
            ancre = f"{self.param}-{rang}-{self.colonnes[0].nom}"
            try:
                ligne = brute if isinstance(brute, dict) else self.decoder(
                    _texte(brute, ancre, f"{self.element} n° {rang}"))
                colonnes_connues(ligne, [col.nom for col in self.colonnes], ancre, f"{self.element} n° {rang}")
            except SaisieInvalide as exc:
                c.erreurs += exc.erreurs
                continue
            if all(vide(ligne.get(col.nom)) for col in self.colonnes):
                continue  # ligne laissée vide dans le formulaire
            if not isinstance(brute, dict) and len(self.colonnes) > 1 and SEPARATEUR_LIGNE not in str(brute):
                # « --delai-client C0042 » : sans « : », le délai manquait sans qu'on dise comment l'écrire.
                noms = [col.designation for col in self.colonnes]
                c.ajouter(f"{self.param}-{rang}-{self.colonnes[1].nom}", f"« {str(brute).strip()[:60]} » : écrivez "
                          f"{', '.join(noms[:-1])} et {noms[-1]} séparés par « {SEPARATEUR_LIGNE} ».")
                continue
            valeurs = {}
            for col in self.colonnes:
                ancre = f"{self.param}-{rang}-{col.nom}"
                designation = f"{col.designation} de {self.element} n° {rang}"
                cellule = Champ(ancre, col.libelle, col.type, designation, requis=True, lecteur=col.lecteur,
                                code=col.code)
                valeurs[col.nom] = c.lire(cellule.lire, ligne.get(col.nom))
            if all(v is not None for v in valeurs.values()):
                lues.append((rang, valeurs))
        return lues

    def cellules(self, valeurs: dict) -> list[str]:
        """Valeurs lues → textes des cellules, « : » et « \\ » échappés sauf la dernière (`_couper`)."""
        textes = [col.coder(valeurs[col.nom]) for col in self.colonnes]
        return [t.replace("\\", "\\\\").replace(SEPARATEUR_LIGNE, "\\:") for t in textes[:-1]] + textes[-1:]

    def coder(self, valeurs: dict) -> str:
        r"""
        >>> LIGNES_EXEMPLE.coder({"date": "FA:2025\\1", "montant": "1:2"})
        'FA\\:2025\\\\1:1:2'
        """
        return SEPARATEUR_LIGNE.join(self.cellules(valeurs))


LIGNES_EXEMPLE = Lignes("acomptes", "acompte", "Acomptes", "l'acompte",
                        (Champ("date", "Date", "date", "la date"), Champ("montant", "Montant", "montant", "le montant")))


def _couper(texte: str, nombre: int) -> list[str]:
    r"""Une ligne → au plus `nombre` cellules, coupée aux « : » non échappés ; la dernière prend le reste
    tel quel. Une barre oblique inverse suivie d'autre chose reste telle quelle : un lien partagé avant
    l'échappement se relit comme avant.

    >>> _couper(r"FA\:1\\:C\d:x:1:2", 3)
    ['FA:1\\', 'C\\d', 'x:1:2']
    """
    cellules, debut = [""], 0
    for m in _ECHAPPE_OU_SEPARATEUR.finditer(texte):
        if len(cellules) == nombre:
            break  # dernière cellule : le reste, tel quel
        cellules[-1] += texte[debut:m.start()] + m.group()[1:]  # « \: » → « : » ; « : » → rien
        if m.group() == SEPARATEUR_LIGNE:
            cellules.append("")
        debut = m.end()
    cellules[-1] += texte[debut:]
    return cellules


@dataclass(frozen=True)
class Formulaire:
    """Les saisies d'un calculateur, dans l'ordre du formulaire."""

    calculateur: str
    champs: tuple[Champ | Lignes, ...]
    page: str = ""  # chemin de la page depuis la racine du site, pour les liens d'un calculateur à l'autre
    partage: bool = True  # faux : saisies personnelles (lettres), jamais mises dans l'adresse

    def __getitem__(self, nom: str) -> Champ | Lignes:
        return next(ch for ch in self.champs if ch.nom == nom)

    def lire(self, saisies: dict) -> tuple[dict, Collecteur]:
        """Lit chaque champ ; les erreurs sont rassemblées, pas levées (contrôles croisés ensuite)."""
        c = Collecteur()
        valeurs = {}
        for ch in self.champs:
            if isinstance(ch, Lignes):
                valeurs[ch.nom] = ch.lire(saisies.get(ch.nom), c)
            else:
                valeurs[ch.nom] = c.lire(ch.lire, saisies.get(ch.nom))
        return valeurs, c

    def lien(self, valeurs: dict) -> str:
        """Valeurs lues → lien partageable (fragment sans « # »), dates ISO et montants au point.

        >>> FORMULAIRE_EXEMPLE.lien({"montant": Decimal("10000.00"), "acomptes": [(1, {
        ...     "date": dt.date(2023, 12, 15), "montant": Decimal("4000.00")})]})
        'montant=10000.00&acompte=2023-12-15:4000.00'
        """
        paires = []
        for ch in self.champs:
            valeur = valeurs.get(ch.nom)
            if isinstance(ch, Lignes):
                paires += [(ch.param, ch.coder(ligne)) for _, ligne in (valeur or [])]
            elif ch.coder(valeur):
                paires.append((ch.nom, ch.coder(valeur)))
        return urlencode(paires, safe=":-", quote_via=quote)

    def depuis_lien(self, texte: str) -> dict:
        """Lien partagé (« ?… » ancien ou « #… ») → valeurs à afficher dans le formulaire.

        Chaque valeur lisible revient écrite à la française ; une valeur illisible revient telle
        quelle (le calcul la signalera) ; une valeur hors liste (choix, case) est une erreur au
        champ. `complet` : tous les champs requis sont là, la page peut calculer sans clic.

        >>> r = FORMULAIRE_EXEMPLE.depuis_lien("#montant=12480&acompte=2026-06-01:5000")
        >>> r["valeurs"], r["lignes"], r["complet"]
        ({'montant': '12\\u202f480,00'}, {'acomptes': [{'date': '01/06/2026', 'montant': '5\\u202f000,00'}]}, True)
        """
        params = parse_qsl(str(texte).lstrip("?#"), keep_blank_values=True)
        vus = {nom for nom, _ in params}
        valeurs, lignes, erreurs = {}, {}, []
        for ch in self.champs:
            if isinstance(ch, Lignes):
                rangs = [ch.decoder(v) for nom, v in params if nom == ch.param][:ch.maximum]
                if rangs:
                    lignes[ch.nom] = [{col.nom: _afficher(col, cellule.get(col.nom, ""))
                                       for col in ch.colonnes} for cellule in rangs]
            elif ch.nom in vus:
                brut = next(v for nom, v in params if nom == ch.nom)
                try:
                    valeurs[ch.nom] = _afficher(ch, brut)
                except SaisieInvalide as exc:
                    erreurs += [e.en_dict() for e in exc.erreurs]
        complet = not erreurs and all(
            ch.nom in valeurs and valeurs[ch.nom] for ch in self.champs if isinstance(ch, Champ) and ch.requis)
        return {"ok": True, "valeurs": valeurs, "lignes": lignes, "erreurs": erreurs, "complet": complet}

    def saisies_lisibles(self, lien: str) -> list[dict]:
        """Les saisies d'un calcul, libellé et valeur à la française (impression du résultat).

        >>> FORMULAIRE_EXEMPLE.saisies_lisibles("montant=12480.00&acompte=2026-06-01:5000.00")
        [{'libelle': 'Montant', 'valeur': '12\u202f480,00'}, {'libelle': 'Acomptes', 'valeur': '01/06/2026\xa0: 5\u202f000,00'}]
        """
        lu = self.depuis_lien(lien)
        lignes = []
        for ch in self.champs:
            if isinstance(ch, Lignes) and lu["lignes"].get(ch.nom):
                valeur = "\u00a0; ".join("\u00a0: ".join(v for v in ligne.values() if v) for ligne in lu["lignes"][ch.nom])
                lignes.append({"libelle": ch.libelle, "valeur": valeur})
            elif isinstance(ch, Champ) and lu["valeurs"].get(ch.nom):
                valeur = lu["valeurs"][ch.nom]
                if ch.type == "choix":
                    valeur = next((c.libelle for c in ch.choix if c.valeur == ch.lire(valeur)), valeur)
                elif ch.type == "case":
                    valeur = "oui"
                lignes.append({"libelle": ch.libelle, "valeur": valeur})
        return lignes

    def options(self, parseur: argparse.ArgumentParser) -> None:
        """Options de `python -m calculators <calculateur>` : une par champ, mêmes noms ; une option
        donnée deux fois est refusée (argparse garderait la dernière sans rien dire)."""
        from .argparse_fr import UneFois  # argparse n'est pas importé dans le navigateur

        for ch in self.champs:
            if isinstance(ch, Lignes):
                metavar = SEPARATEUR_LIGNE.join(col.nom.upper() for col in ch.colonnes)
                parseur.add_argument(f"--{ch.param}", action="append", default=[], metavar=metavar,
                                     dest=_dest(ch.nom), help=_aide_cli(ch) + " (répétable)")
            elif ch.type == "case":
                parseur.add_argument(f"--{ch.nom}", action="store_true", dest=_dest(ch.nom), help=_aide_cli(ch))
            else:
                valeurs = f" ({', '.join(c.valeur for c in ch.choix)})" if ch.choix else ""
                parseur.add_argument(f"--{ch.nom}", default="", dest=_dest(ch.nom), metavar=ch.type.upper(), action=UneFois,
                                     help=_aide_cli(ch) + valeurs + (" — requis" if ch.requis else ""))

    def depuis_cli(self, args: argparse.Namespace) -> dict:
        """Options lues par argparse → saisies, comme celles du formulaire."""
        saisies = {}
        for ch in self.champs:
            valeur = getattr(args, _dest(ch.nom))
            saisies[ch.nom] = ("oui" if valeur else "") if isinstance(ch, Champ) and ch.type == "case" else valeur
        return saisies


FORMULAIRE_EXEMPLE = Formulaire("exemple", (Champ("montant", "Montant", "montant", "le montant", requis=True),
                                            LIGNES_EXEMPLE))


def _dest(nom: str) -> str:
    return nom.replace("-", "_")


def _texte(brut, champ: str, designation: str) -> str:
    """Garde à la frontière : une saisie est un texte court (ou un entier, ou rien)."""
    if brut is None:
        return ""
    if isinstance(brut, bool):
        return "oui" if brut else ""
    if isinstance(brut, int):
        if abs(brut) >= 10 ** 40:  # un entier de milliers de chiffres : str() lèverait ValueError
            raise SaisieInvalide([ErreurChamp(champ, f"Nombre trop long pour {designation}.")])
        brut = str(brut)
    if not isinstance(brut, str):
        raise SaisieInvalide([ErreurChamp(champ, f"Valeur illisible pour {designation} : saisissez du texte.")])
    if len(brut) > TEXTE_MAX:
        raise SaisieInvalide([ErreurChamp(champ, f"Saisie trop longue pour {designation} : "
                                                 f"au plus {TEXTE_MAX} caractères.")])
    return brut


# Caractères de contrôle (sauf tabulation et fins de ligne), demi-paires UTF-16 et non-caractères :
# invisibles à l'écran, interdits en XML (une lettre .odt qui en contient ne s'ouvre plus) et
# intraduisibles en UTF-8. Dans un texte libre (nom, adresse, numéro de facture), le saut de ligne
# manuel de Word (\x0b) et le saut de page (\x0c), qu'un copier-coller apporte, deviennent des fins
# de ligne, et les autres sont retirés ; une date ou un montant qui en contient reste refusé.
_INVISIBLES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def _sans_invisibles(texte: str) -> str:
    r"""
    >>> _sans_invisibles("Dupont\x0bSARL\x00\ud800")
    'Dupont\nSARL'
    """
    return _INVISIBLES.sub(lambda m: "\n" if m.group() in "\x0b\x0c" else "", texte)


def _case(texte: str, champ: str, libelle: str) -> bool:
    valeur = texte.strip().lower()
    if valeur in OUI:
        return True
    if valeur in NON:
        return False
    raise SaisieInvalide([ErreurChamp(champ, f"« {texte[:40]} » n'est pas une réponse pour « {libelle} » : "
                                             f"oui ou non.")])


def _choix(texte: str, ch: Champ) -> str:
    valeur = texte.strip()
    if valeur in {c.valeur for c in ch.choix}:
        return valeur
    liste = " ; ".join(f"« {c.valeur} » pour {c.libelle}" for c in ch.choix)
    raise SaisieInvalide([ErreurChamp(ch.nom, f"Valeur inconnue pour {ch.designation or f'« {ch.libelle} »'} : "
                                              f"« {valeur[:40]} ». Choisissez parmi : {liste}.")])


def _afficher(ch: Champ, brut: str) -> str:
    """Valeur d'un lien → texte du formulaire ; un choix ou une case inconnus lèvent l'erreur."""
    try:
        valeur = ch.lire(brut)
    except SaisieInvalide:
        if ch.type in ("choix", "case"):
            raise
        return brut
    return "" if valeur is None else ch.afficher(valeur)


def _aide_cli(ch) -> str:
    """L'aide d'une option : `aide_cli`, sinon le libellé du formulaire, en minuscule comme les
    autres lignes de l'aide (« début de l'exercice ») ; un sigle (« DSO… ») reste tel quel.

    >>> _aide_cli(Champ("debut", "Début de l'exercice", "date", "la date")), _aide_cli(Champ("x", "DSO", "texte", "x"))
    ("début de l'exercice", 'DSO')
    """
    texte = ch.aide_cli or fr.apres_deux_points(ch.libelle)
    # Espace insécable avant « : » et « ; » : argparse ne coupe pas la ligne entre « (défaut » et « : 30j ».
    return texte.replace(" :", "\u00a0:").replace(" ;", "\u00a0;")
