"""Saisies du calculateur d'intérêts moratoires : le registre, puis les contrôles croisés et leurs messages."""

from __future__ import annotations

import datetime as dt

from ..commun import format_fr as fr
from ..commun.champs import Champ, Choix, Formulaire
from ..commun.erreurs import SaisieInvalide
from ..commun.saisie import apres_le_dernier_jour
from ..commun.saisie import aujourdhui as date_du_jour
from ..taux import couvert_jusqu_au
from .regles import DEBUT_HUIT_POINTS, DEPART_MARCHE, echeance_applicable, echeance_du_marche, echeance_reglementaire


FORMULAIRE = Formulaire("interets-moratoires", page="calculateurs/interets-moratoires/", champs=(
    Champ("montant", "Montant de la demande de paiement, TTC (€)", "montant", "le montant", requis=True,
          aide="Par exemple 10 000 ou 1 250,50.", aide_cli="montant TTC de la facture ou de la demande de paiement"),
    Champ("acheteur", "Acheteur public", "choix", "l'acheteur public", defaut="etat",
          choix=(Choix("etat", "État ou l'un de ses établissements publics (30 jours)"),
                 Choix("collectivite", "Collectivité territoriale ou l'un de ses établissements (30 jours)"),
                 Choix("sante", "Établissement public de santé (50 jours)"),
                 Choix("entreprise-publique", "Entreprise publique (60 jours)")),
          aide_cli="etat, collectivite (30 jours), sante (50 jours) ou entreprise-publique (60 jours)"),
    Champ("reception", "Date de réception de la demande de paiement", "date", "la date de réception",
          aide="Par l'acheteur (sur Chorus Pro : la date de mise à disposition). jj/mm/aaaa.",
          aide_cli="date de réception de la facture par l'acheteur"),
    Champ("demande", "Date de la demande de paiement (si la réception n'est pas connue)", "date",
          "la date de la demande de paiement",
          aide="Sans date de réception certaine, le délai court de cette date augmentée de deux jours (R2192-14).",
          aide_cli="date de la demande de paiement, si la réception n'est pas connue (+ 2 jours)"),
    Champ("execution", "Date d'exécution des prestations (si postérieure)", "date", "la date d'exécution",
          aide="Si les prestations ont été exécutées après la réception de la demande, le délai part de "
               "l'exécution (R2192-13).", aide_cli="date d'exécution des prestations, si postérieure à la réception"),
    Champ("echeance", "Échéance prévue au marché (facultatif)", "date", "l'échéance du marché",
          aide="Seulement si le marché fixe une échéance plus courte que le délai réglementaire (L2192-10).",
          aide_cli="échéance prévue au marché (remplace le délai réglementaire)"),
    Champ("paiement", "Date du paiement du principal", "date", "la date de paiement",
          aide="Laissez vide si la facture n'est pas encore payée : le calcul s'arrête à aujourd'hui.",
          aide_cli="date du paiement du principal (par défaut : aujourd'hui)"),
))


def lire(saisies: dict) -> dict:
    """Lit et contrôle les saisies ; rend `echeance` (regles.Echeance), `montant`, `paiement`, `valeurs`,
    `aujourdhui` (le jour du calcul)…"""
    valeurs, c = FORMULAIRE.lire(saisies)
    c.erreurs += apres_le_dernier_jour((nom, valeurs[nom])
                                       for nom in ("reception", "demande", "execution", "echeance", "paiement"))
    c.lever_si_erreurs()
    reception, demande, execution = valeurs["reception"], valeurs["demande"], valeurs["execution"]
    paiement_est_aujourdhui = valeurs["paiement"] is None
    aujourdhui = date_du_jour(saisies)
    paiement = aujourdhui if paiement_est_aujourdhui else valeurs["paiement"]
    if reception is None and demande is None and not valeurs["echeance"]:
        c.ajouter("reception", "Saisissez la date de réception de la demande de paiement, ou à défaut la date "
                               "de la demande (le délai court alors de cette date plus deux jours).")
    if reception and demande and reception < demande:
        c.ajouter("reception", "La date de réception précède la date de la demande de paiement : une demande "
                               "ne peut pas être reçue avant d'être émise. Vérifiez les deux dates.")
    premiere = reception or demande
    champ_fin = "paiement" if not paiement_est_aujourdhui else ("reception" if reception else "demande")
    quoi = "la réception" if reception else "la date"
    if premiere and paiement < premiere and paiement_est_aujourdhui:
        # Sans date de paiement, le calcul s'arrête aujourd'hui : le message citait une « date de
        # paiement » que l'utilisateur n'a jamais tapée.
        c.ajouter(champ_fin, f"{quoi[0].upper()}{quoi[1:]} de la demande de paiement ({fr.date_courte(premiere)}) est "
                             f"après aujourd'hui ({fr.date_courte(paiement)}), jour où le calcul s'arrête faute de "
                             f"date de paiement : il n'y a pas encore de retard. Vérifiez la date, ou saisissez la "
                             f"date de paiement prévue.")
    elif premiere and paiement < premiere:
        c.ajouter(champ_fin, f"La date de paiement ({fr.date_courte(paiement)}) précède {quoi} de la demande de "
                             f"paiement : vérifiez les dates.")
    c.lever_si_erreurs()
    reglementaire = echeance_reglementaire(valeurs["acheteur"], reception, demande, execution) if premiere else None
    echeance = echeance_applicable(echeance_du_marche(valeurs["echeance"]) if valeurs["echeance"] else None,
                                   reglementaire)
    debut = echeance.date + dt.timedelta(days=1)
    champ_debut = "echeance" if echeance.regle_depart == DEPART_MARCHE else ("reception" if reception else "demande")
    if debut < DEBUT_HUIT_POINTS:
        c.ajouter(champ_debut, "Les intérêts moratoires sont calculés au taux BCE + 8 points des marchés conclus "
                               "depuis le 16/03/2013 : saisissez un retard commencé à partir de cette date.")
    elif paiement >= debut and debut > couvert_jusqu_au():
        c.ajouter("paiement" if not paiement_est_aujourdhui else champ_debut,
                  f"Les taux de la BCE ne sont connus que jusqu'au {fr.date_longue(couvert_jusqu_au())} : "
                  f"le taux du semestre où commence ce retard ({fr.date_courte(debut)}) n'est pas encore dans "
                  f"les tables de ce site.")
    c.lever_si_erreurs()
    return {"montant": valeurs["montant"], "echeance": echeance, "paiement": paiement, "valeurs": valeurs,
            "paiement_est_aujourdhui": paiement_est_aujourdhui, "aujourdhui": aujourdhui}


def erreur_taux_inconnu(jour) -> SaisieInvalide:
    """Garde-fou : `lire` refuse déjà un retard qui commence après les tables."""
    return SaisieInvalide.au_champ("paiement", f"Aucun taux connu pour le {fr.date_courte(jour)}.")
