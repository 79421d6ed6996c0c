"""Saisies de l'échéancier : le registre, les contrôles croisés et les messages au champ."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from ..commun import format_fr as fr
from ..commun.champs import Champ, Choix, Formulaire
from ..commun.erreurs import SaisieInvalide
from ..commun.saisie import aujourdhui as date_du_jour, lire_entier, lire_montant, lire_nombre, lire_taux, vide
from .regles import CAPITAL_CONSTANT, CONSTANTES, NOMBRE_MAX, PlanImpossible, ajouter_mois

PASSE_MAX_ANS = 5  # une première échéance plus ancienne est presque sûrement une faute de frappe
FUTUR_MAX_ANS = 10

# Autres façons d'écrire une valeur (ligne de commande, anciens liens), sans accents ni majuscules.
_PERIODICITES = {
    "hebdomadaire": "hebdomadaire", "semaine": "hebdomadaire", "semaines": "hebdomadaire",
    "quinzaine": "quinzaine", "quinzomadaire": "quinzaine", "2-semaines": "quinzaine",
    "deux-semaines": "quinzaine", "toutes-les-deux-semaines": "quinzaine",
    "mensuelle": "mensuelle", "mensuel": "mensuelle", "mois": "mensuelle",
    "trimestrielle": "trimestrielle", "trimestriel": "trimestrielle", "trimestre": "trimestrielle",
}
_METHODES = {
    "constantes": CONSTANTES, "constante": CONSTANTES, "echeances-constantes": CONSTANTES,
    "francaise": CONSTANTES, "a-la-francaise": CONSTANTES,
    "capital-constant": CAPITAL_CONSTANT, "capital": CAPITAL_CONSTANT, "amortissement-constant": CAPITAL_CONSTANT,
}


def _cle(texte) -> str:
    """« Échéances constantes » → « echeances-constantes »."""
    sans_accents = unicodedata.normalize("NFKD", str(texte)).encode("ascii", "ignore").decode()
    return re.sub(r"[\s_]+", "-", sans_accents.strip().lower())


def lire_periodicite(texte, champ: str = "periodicite") -> str:
    """Périodicité, écrite de plusieurs façons.

    >>> lire_periodicite("Mois"), lire_periodicite("toutes les deux semaines")
    ('mensuelle', 'quinzaine')
    """
    if (cle := _PERIODICITES.get(_cle(texte))) is None:
        raise SaisieInvalide.au_champ(champ, "Choisissez une périodicité : hebdomadaire, toutes les deux semaines "
                                             "(quinzaine), mensuelle ou trimestrielle.")
    return cle


def lire_methode(texte, champ: str = "methode") -> str:
    if (cle := _METHODES.get(_cle(texte))) is None:
        raise SaisieInvalide.au_champ(champ, "Choisissez une méthode : échéances constantes (constantes) "
                                             "ou capital constant (capital-constant).")
    return cle


def lire_nombre_echeances(texte, champ: str = "nombre") -> int:
    """Nombre entier d'échéances, de 1 à 360.

    >>> lire_nombre_echeances(" 12 ")
    12
    >>> lire_nombre_echeances("6,5")
    Traceback (most recent call last):
    ...
    calculators.commun.erreurs.SaisieInvalide: nombre : Saisissez le nombre d'échéances en chiffres, sans décimales, par exemple 6.
    """
    try:
        return lire_entier(texte, champ, "le nombre d'échéances", 0, 10**6)
    except SaisieInvalide:
        if isinstance(texte, str) and texte.strip().isascii() and texte.strip().isdigit():
            # Des chiffres, mais trop : « en chiffres » ne dirait pas ce qui ne va pas.
            raise SaisieInvalide.au_champ(champ, f"Au plus {NOMBRE_MAX} échéances (30 ans de mensualités) : "
                                                 f"réduisez le nombre d'échéances ou espacez-les.") from None
        raise SaisieInvalide.au_champ(champ, "Saisissez le nombre d'échéances en chiffres, sans décimales, "
                                             "par exemple 6.") from None


def _nombre_borne(texte, champ: str = "nombre") -> int:
    nombre = lire_nombre_echeances(texte, champ)
    if nombre < 1:
        raise SaisieInvalide.au_champ(champ, "Le nombre d'échéances doit être d'au moins 1.")
    if nombre > NOMBRE_MAX:
        raise SaisieInvalide.au_champ(champ, f"Au plus {NOMBRE_MAX} échéances (30 ans de mensualités) : "
                                             f"réduisez le nombre d'échéances ou espacez-les.")
    return nombre


def lire_acompte(texte, champ: str = "acompte") -> Decimal | None:
    """Acompte facultatif ; zéro vaut « pas d'acompte », comme un taux nul (un tableur met 0).

    >>> lire_acompte("0,00"), lire_acompte("1 000")
    (None, Decimal('1000.00'))
    """
    if lire_nombre(texte, champ, "l'acompte", "1 250,50") == 0:
        return None
    return lire_montant(texte, champ, "l'acompte")


def lire_taux_facultatif(texte, champ: str = "taux") -> Decimal:
    """Taux annuel en % ; vide ou zéro : pas d'intérêts (cas traité à part, pas une erreur).

    >>> lire_taux_facultatif(""), lire_taux_facultatif("0,00"), lire_taux_facultatif("4,5 %")
    (Decimal('0'), Decimal('0'), Decimal('4.5'))
    """
    if vide(texte):
        return Decimal(0)
    if lire_nombre(texte, champ, "le taux d'intérêt annuel", "4,5", unite="%") == 0:
        return Decimal(0)
    return lire_taux(texte, champ, "le taux d'intérêt annuel")


FORMULAIRE = Formulaire("echeancier", page="calculateurs/echeancier/", champs=(
    Champ("montant", "Somme due (€)", "montant", "le montant dû", requis=True,
          aide="Factures TTC, et si vous les réclamez, pénalités et indemnités de 40\u00a0€. Par exemple 10 000 ou "
               "1 250,50.", aide_cli="somme due à étaler, ex. 10000 ou 10 000,50"),
    Champ("acompte", "Acompte à la signature, € (facultatif)", "montant", "l'acompte", lecteur=lire_acompte,
          aide="Versé tout de suite, il est déduit avant l'étalement.",
          aide_cli="acompte versé à la signature, déduit avant l'étalement"),
    Champ("nombre", "Nombre d'échéances", "entier", "le nombre d'échéances", lecteur=_nombre_borne,
          aide="De 1 à 360. Laissez vide si vous indiquez plutôt le montant de chaque échéance.",
          aide_cli=f"nombre d'échéances, de 1 à {NOMBRE_MAX}"),
    Champ("mensualite", "Ou : montant de chaque échéance (€)", "montant", "le montant de chaque échéance",
          aide="Ce que le client peut verser à chaque fois ; le nombre d'échéances en découle, la dernière "
               "solde le reste.", aide_cli="ou bien : montant de chaque échéance (le nombre d'échéances en découle)"),
    Champ("premiere", "Date de la première échéance", "date", "la date de la première échéance", requis=True,
          aide="jj/mm/aaaa. Les suivantes tombent le même jour du mois (ou le dernier jour d'un mois plus court).",
          aide_cli="date de la première échéance (jj/mm/aaaa ou aaaa-mm-jj)"),
    Champ("periodicite", "Rythme des échéances", "choix", "la périodicité", defaut="mensuelle",
          lecteur=lire_periodicite, aide="Le plus courant : une échéance par mois.",
          choix=(Choix("hebdomadaire", "Chaque semaine"), Choix("quinzaine", "Toutes les deux semaines"),
                 Choix("mensuelle", "Chaque mois"), Choix("trimestrielle", "Chaque trimestre"))),
    Champ("taux", "Taux d'intérêt annuel, % (facultatif)", "taux", "le taux d'intérêt annuel",
          lecteur=lire_taux_facultatif,
          aide="Sur le capital restant dû, s'il est convenu par écrit avec le client. Vide ou 0 : sans intérêts.",
          aide_cli="taux d'intérêt annuel en %% sur le capital restant (défaut : aucun)"),
    Champ("methode", "Avec intérêts\u00a0: forme des échéances", "choix", "la méthode", defaut=CONSTANTES,
          lecteur=lire_methode, aide="Sans intérêts, les deux donnent le même tableau.",
          choix=(Choix(CONSTANTES, "Échéances constantes"),
                 Choix(CAPITAL_CONSTANT, "Capital constant (échéances décroissantes)"))),
))


def lire(saisies: dict) -> dict:
    """Lit et contrôle toutes les saisies ; lève SaisieInvalide avec la liste des erreurs."""
    valeurs, c = FORMULAIRE.lire(saisies)
    nombre_vide, echeance_vide = vide(saisies.get("nombre")), vide(saisies.get("mensualite"))
    if nombre_vide and echeance_vide:
        c.ajouter("nombre", "Saisissez le nombre d'échéances, ou bien le montant de chaque échéance.")
    elif not nombre_vide and not echeance_vide:
        c.erreurs = [e for e in c.erreurs if e.field not in ("nombre", "mensualite")]
        c.ajouter("mensualite", "Saisissez soit le nombre d'échéances, soit le montant de chaque échéance, "
                                "pas les deux : videz l'un des deux champs.")
    aujourdhui = date_du_jour(saisies)
    premiere = valeurs["premiere"]
    if premiere and premiere < ajouter_mois(aujourdhui, -12 * PASSE_MAX_ANS):
        c.ajouter("premiere", f"La première échéance ({fr.date_courte(premiere)}) est plus de {PASSE_MAX_ANS} ans "
                              f"dans le passé : vérifiez l'année. Un échéancier se négocie pour des paiements à venir.")
    if premiere and premiere > ajouter_mois(aujourdhui, 12 * FUTUR_MAX_ANS):
        c.ajouter("premiere", f"La première échéance ({fr.date_courte(premiere)}) est plus de {FUTUR_MAX_ANS} ans "
                              f"dans l'avenir : vérifiez l'année.")
    c.lever_si_erreurs()
    return {"valeurs": valeurs, "aujourdhui": aujourdhui}


# Motif d'une règle (`PlanImpossible`) → champ fautif et message, avec les montants en cause.
MESSAGES = {
    "nombre-hors-bornes": ("nombre", lambda d: f"Le nombre d'échéances doit être compris entre 1 et {NOMBRE_MAX}."),
    "moins-d-un-centime": ("nombre", lambda d: (
        f"{d['nombre']} échéances pour {fr.euros(d['etale'])} feraient des échéances de moins d'un centime : "
        f"au plus {d['centimes']} échéance{'s' if d['centimes'] > 1 else ''}.")),
    "capital-nul": ("nombre", lambda d: (
        f"En {d['nombre']} échéances arrondies au centime, certaines ne paieraient que des intérêts, sans rien "
        f"rembourser des {fr.euros(d['etale'])} dus. Au plus {d['maximum']} "
        f"échéance{'s' if d['maximum'] > 1 else ''}, ou un capital constant.")),
    "capital-constant-par-echeance": ("mensualite", lambda d: (
        "Avec un capital constant, les échéances diminuent au fil du plan : indiquez plutôt un nombre "
        "d'échéances, ou choisissez des échéances constantes.")),
    "interets-non-couverts": ("mensualite", lambda d: (
        f"Une échéance de {fr.euros(d['echeance'])} ne couvre pas les intérêts de la première période "
        f"({fr.euros(d['interets'])}) : la dette ne serait jamais remboursée. Saisissez au moins "
        f"{fr.euros(d['minimum'])} pour solder en {NOMBRE_MAX} échéances au plus.")),
    "trop-d-echeances": ("mensualite", lambda d: (
        f"Avec des échéances de {fr.euros(d['echeance'])}, il faudrait plus de {NOMBRE_MAX} échéances. "
        f"Saisissez au moins {fr.euros(d['minimum'])}.")),
    "montant-nul": ("montant", lambda d: "Le montant dû doit être supérieur à zéro."),
    "acompte-negatif": ("acompte", lambda d: "L'acompte ne peut pas être négatif."),
    "acompte-solde": ("acompte", lambda d: (
        f"L'acompte ({fr.euros(d['acompte'])}) atteint ou dépasse le montant dû ({fr.euros(d['montant'])}) : "
        f"il n'y a rien à étaler.")),
    "taux-negatif": ("taux", lambda d: "Le taux ne peut pas être négatif."),
    "methode-inconnue": ("methode", lambda d: "Choisissez des échéances constantes ou un capital constant."),
}


def erreur_plan(exc: PlanImpossible) -> SaisieInvalide:
    champ, message = MESSAGES[exc.motif]
    return SaisieInvalide.au_champ(champ, message(exc.details))
