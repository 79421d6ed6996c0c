"""Saisies du calculateur de délai de paiement : le registre, puis les contrôles croisés et leurs messages."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from ..commun import format_fr as fr
from ..commun.champs import Champ, Choix, Formulaire
from ..commun.erreurs import SaisieInvalide
from ..commun.saisie import lire_date
from .regimes import REGIMES, Regime
from .regles import PLAFONDS_LME

DERNIER_JOUR = dt.date(2099, 12, 31)

# Dates lues selon le départ du régime (`Regime.depart`), et si elles sont requises. Les autres
# dates ne sont pas lues : un champ resté rempli après un changement de régime ne gêne pas.
DATES_DU_DEPART = {
    "facture": {},
    "livraison": {"livraison": True},
    "dedouanement": {"dedouanement": True},
    "public": {"reception": False, "livraison": False},  # livraison : exécution des prestations
}
DATES_DE_DEPART = {nom for dates in DATES_DU_DEPART.values() for nom in dates}


def _lecteur_date(designation: str):
    """Lecteur d'une date de la période couverte : des plafonds de la loi LME (01/01/2009) à 2099."""
    def lire(texte: str, champ: str) -> dt.date:
        jour = lire_date(texte, champ, designation)
        if jour < PLAFONDS_LME:
            raise SaisieInvalide.au_champ(champ, (
                f"Ce calculateur applique les plafonds en vigueur depuis le 1er janvier 2009 (loi LME) : "
                f"saisissez pour {designation} une date à partir du 01/01/2009."))
        if jour > DERNIER_JOUR:
            raise SaisieInvalide.au_champ(champ, f"Vérifiez l'année de {designation} : au plus 2099.")
        return jour
    return lire


def _date(nom: str, libelle: str, designation: str, aide: str, aide_cli: str, requis: bool = False) -> Champ:
    return Champ(nom, libelle, "date", designation, aide=aide, aide_cli=aide_cli, requis=requis,
                 lecteur=_lecteur_date(designation))


def _lire_regime(texte: str, champ: str) -> str:
    code = texte.strip()
    if not code:
        raise SaisieInvalide.au_champ(
            champ, "Choisissez le type de délai de paiement (par exemple 60 jours ou 45 jours fin de mois).")
    if code not in REGIMES:
        raise SaisieInvalide.au_champ(
            champ, f"Type de délai inconnu : « {code[:40]} ». Choisissez parmi : {', '.join(REGIMES)}.")
    return code


FORMULAIRE = Formulaire("delai", page="calculateurs/delai-de-paiement/", champs=(
    Champ("regime", "Type de délai", "choix", "le type de délai", requis=True, lecteur=_lire_regime,
          choix=tuple(Choix(r.code, r.option, r.groupe) for r in REGIMES.values()),
          aide="Ce que prévoit le contrat, ou le secteur de la vente. Détail dans le tableau sous le formulaire.",
          aide_cli="type de délai"),
    _date("facture", "Date de la facture", "la date de la facture", requis=True,
          aide="Date d'émission, jj/mm/aaaa. Pour un acheteur public : la date de la demande de paiement.",
          aide_cli="date d'émission de la facture (jj/mm/aaaa ou aaaa-mm-jj)"),
    _date("livraison", "Date de livraison ou d'exécution", "la date de livraison ou d'exécution",
          aide="Obligatoire pour le délai supplétif, les périssables, le bétail et les boissons alcooliques. "
               "Acheteur public : date d'exécution des prestations, si elle suit la demande.",
          aide_cli="date de livraison ou d'exécution de la prestation (régimes comptés depuis la livraison ; "
                   "acheteur public : exécution des prestations)"),
    _date("reception", "Réception de la demande de paiement", "la date de réception de la demande de paiement",
          aide="Acheteur public seulement. Vide : date de la facture + 2 jours.",
          aide_cli="acheteur public : date de réception de la demande de paiement"),
    _date("dedouanement", "Date de dédouanement", "la date de dédouanement",
          aide="Outre-mer seulement : dédouanement au port de destination finale.",
          aide_cli="outre-mer : date de dédouanement au port de destination finale"),
    _date("echeance-convenue", "Échéance convenue (facultatif)", "l'échéance convenue",
          aide="La date de règlement du contrat ou de la facture, pour vérifier qu'elle est permise.",
          aide_cli="échéance convenue ou imprimée sur la facture, pour vérifier qu'elle est licite"),
))


def _regime(saisies: dict) -> Regime | None:
    try:
        return REGIMES[FORMULAIRE["regime"].lire(saisies.get("regime"))]
    except SaisieInvalide:
        return None  # l'erreur est relevée avec les autres par `lire`


def formulaire_du_regime(regime: Regime | None) -> Formulaire:
    """Le registre réduit aux dates que demande le régime, requises ou non selon son départ."""
    dates = DATES_DU_DEPART[regime.depart] if regime else {}
    champs = tuple(replace(ch, requis=dates[ch.nom]) if ch.nom in dates else ch
                   for ch in FORMULAIRE.champs if ch.nom in dates or ch.nom not in DATES_DE_DEPART)
    return replace(FORMULAIRE, champs=champs)


def lire(saisies: dict) -> dict:
    """Lit et contrôle les saisies utiles au régime choisi ; lève SaisieInvalide avec toutes les erreurs.

    Rend les arguments de `regles.calculer`, l'échéance convenue (ou None) et `valeurs` (pour le lien).
    """
    regime = _regime(saisies)
    valeurs, c = formulaire_du_regime(regime).lire(saisies)
    facture, livraison = valeurs["facture"], valeurs.get("livraison")
    reception, echeance = valeurs.get("reception"), valeurs["echeance-convenue"]
    # Une facture émise avant la livraison (à l'expédition) : le délai court de la livraison, comme le
    # disent les textes, et le résultat le signale (`rendu`). Une facture périodique, elle, récapitule
    # des livraisons passées : une livraison postérieure est une erreur de date.
    if (regime and regime.depart == "livraison" and regime.code.endswith("periodique") and facture and livraison
            and livraison > facture):
        c.ajouter("livraison", f"La livraison ({fr.date_courte(livraison)}) est postérieure à la facture périodique "
                               f"({fr.date_courte(facture)}), qui récapitule des livraisons passées. Vérifiez les "
                               f"deux dates.")
    if facture and reception and reception < facture:
        c.ajouter("reception", f"La demande de paiement ne peut pas être reçue ({fr.date_courte(reception)}) "
                               f"avant d'être émise ({fr.date_courte(facture)}). Vérifiez les deux dates.")
    if facture and echeance and echeance < facture:
        c.ajouter("echeance-convenue", f"L'échéance convenue ({fr.date_courte(echeance)}) précède la date de la "
                                       f"facture ({fr.date_courte(facture)}). Vérifiez les deux dates.")
    c.lever_si_erreurs()
    return {
        "regles": dict(regime=regime, facture=facture, livraison=livraison, reception=reception,
                       dedouanement=valeurs.get("dedouanement")),
        "echeance": echeance,
        "valeurs": valeurs,
    }
