"""Saisies du calculateur de pénalités : le registre, puis les contrôles croisés et leurs messages."""

from __future__ import annotations


from ..commun import format_fr as fr
from ..commun.champs import Champ, Choix, Formulaire, Lignes
from ..commun.erreurs import SaisieInvalide
from ..commun.saisie import apres_le_dernier_jour, apres_les_tables
from ..commun.saisie import aujourdhui as date_du_jour
from ..taux import DEBUT_REGLES_2013, couvert_jusqu_au
from .regles import IMPUTATION_INTERETS, IMPUTATION_PRINCIPAL, Acompte, AcompteQuiSolde

# Au-delà, même en prolongeant le dernier taux connu, le calcul n'a plus de sens (et un paiement
# en 9999 ferait des milliers de périodes) : la borne est dite à l'utilisateur.

FORMULAIRE = Formulaire("penalites", page="calculateurs/penalites-de-retard/", champs=(
    Champ("montant", "Montant de la facture, TTC (€)", "montant", "le montant de la facture", requis=True,
          aide="Par exemple 10 000 ou 1 250,50.", aide_cli="montant TTC de la facture, ex. 10000 ou 10 000,50"),
    Champ("echeance", "Date d'échéance", "date", "la date d'échéance", requis=True,
          aide="La date de règlement figurant sur la facture, jj/mm/aaaa.",
          aide_cli="date d'échéance (jj/mm/aaaa ou aaaa-mm-jj)"),
    Champ("paiement", "Date du paiement", "date", "la date de paiement",
          aide="Jour où les fonds vous sont parvenus, jj/mm/aaaa. Laissez vide si la facture n'est pas encore "
               "payée : le calcul s'arrête à aujourd'hui.",
          aide_cli="date du paiement du solde (par défaut : aujourd'hui)"),
    Champ("taux", "Taux contractuel, % par an (facultatif)", "taux", "le taux contractuel",
          aide="Seulement si vos conditions de vente prévoient un autre taux. Vide : taux BCE + 10 points.",
          aide_cli="taux contractuel annuel en %% (par défaut : BCE + 10 points)"),
    Lignes("acomptes", "acompte", "Paiements partiels (acomptes) avant le solde", "l'acompte",
           (Champ("date", "Date", "date", "la date"), Champ("montant", "Montant", "montant", "le montant")),
           aide="Les pénalités courent ensuite sur le reste dû. Un acompte compte encore pour le jour où il est "
                "versé.",
           ajouter="Ajouter un acompte", aide_cli="paiement partiel DATE:MONTANT, ex. 2024-01-15:2500"),
    Champ("imputation", "Les acomptes paient d'abord", "choix", "l'imputation des acomptes",
          defaut=IMPUTATION_INTERETS,
          choix=(Choix(IMPUTATION_INTERETS, "les pénalités échues, puis le principal"),
                 Choix(IMPUTATION_PRINCIPAL, "le principal (convenu avec le client)")),
          aide="Sans accord contraire, un paiement partiel règle d'abord les pénalités déjà échues "
               "(C. civ. art. 1343-1).",
          aide_cli="interets (pénalités échues d'abord, C. civ. 1343-1, défaut) ou principal (convention)"),
    Champ("prolonger", "Prolonger le dernier taux connu au-delà des tables", "case",
          aide="Estimation seulement : le taux réel d'un semestre au-delà des tables n'y est pas encore. Le résultat le signale.",
          aide_cli="au-delà des taux connus, prolonger le dernier taux (hypothèse signalée)"),
))


def lire(saisies: dict) -> dict:
    """Lit et contrôle toutes les saisies ; lève SaisieInvalide avec la liste des erreurs.

    Rend les arguments de `regles.calculer`, plus `valeurs` (pour le lien partageable),
    `paiement_est_aujourdhui` et `aujourdhui` (le jour du calcul).
    """
    valeurs, c = FORMULAIRE.lire(saisies)
    montant, echeance, taux = valeurs["montant"], valeurs["echeance"], valeurs["taux"]
    paiement_est_aujourdhui = valeurs["paiement"] is None and not c.a_des_erreurs("paiement")
    aujourdhui = date_du_jour(saisies)
    paiement = aujourdhui if paiement_est_aujourdhui else valeurs["paiement"]

    c.erreurs += apres_le_dernier_jour((("echeance", echeance), ("paiement", valeurs["paiement"])))
    if c.a_des_erreurs():
        c.lever_si_erreurs()
    if echeance and echeance < DEBUT_REGLES_2013:
        c.ajouter("echeance", "Les pénalités sont calculées selon les règles en vigueur depuis le 1er janvier 2013 "
                              "(loi n° 2012-387) : saisissez une échéance à partir du 01/01/2013.")
    if echeance and paiement and paiement < echeance:
        if paiement_est_aujourdhui:  # sans paiement saisi, le calcul s'arrête aujourd'hui (ou au jour de la lettre)
            c.ajouter("echeance", f"L'échéance ({fr.date_courte(echeance)}) tombe après le {fr.date_courte(paiement)}, "
                                  f"jour où le calcul s'arrête faute de date de paiement : la facture n'est pas encore "
                                  f"en retard, elle ne porte pas de pénalités.")
        else:
            c.ajouter("paiement", "La date de paiement précède l'échéance : une facture payée avant son échéance "
                                  "ne porte pas de pénalités. Vérifiez les deux dates.")
    acomptes = []
    for rang, ligne in valeurs["acomptes"]:
        if ligne["date"] < DEBUT_REGLES_2013:  # « 01/01/1900 » passait : une faute de frappe sur l'année
            c.ajouter(f"acompte-{rang}-date", f"L'acompte n° {rang} est daté du {fr.date_courte(ligne['date'])}, avant "
                                              f"le 01/01/2013 où commencent les règles appliquées ici : vérifiez "
                                              f"l'année.")
        elif paiement and ligne["date"] > paiement:
            c.ajouter(f"acompte-{rang}-date", (
                f"L'acompte n° {rang} est daté du {fr.date_courte(ligne['date'])}, après le {fr.date_courte(paiement)}, "
                f"jour où le calcul s'arrête faute de date de paiement : un acompte à venir n'est pas encore reçu."
                if paiement_est_aujourdhui else
                f"La date de l'acompte n° {rang} est postérieure au paiement du solde ({fr.date_courte(paiement)})."))
        acomptes.append((rang, Acompte(ligne["date"], ligne["montant"])))
    if (paiement and taux is None and not valeurs["prolonger"] and paiement > couvert_jusqu_au()
            and not c.a_des_erreurs("paiement")):
        # Toujours au champ de la date de paiement : sans elle, c'est aujourd'hui qui dépasse les
        # tables, et c'est une date de paiement (ou la case) qui permet de calculer.
        c.ajouter("paiement", apres_les_tables("BCE", couvert_jusqu_au(), paiement, paiement_est_aujourdhui,
                                               FORMULAIRE["prolonger"].libelle))
    c.lever_si_erreurs()
    return {
        "regles": dict(montant=montant, echeance=echeance, paiement=paiement,
                       acomptes=tuple(a for _, a in acomptes), taux_contractuel=taux, prolonger=valeurs["prolonger"],
                       imputation=valeurs["imputation"]),
        "valeurs": valeurs,
        "paiement_est_aujourdhui": paiement_est_aujourdhui,
        "aujourdhui": aujourdhui,
    }


def erreur_acompte_qui_solde(exc: AcompteQuiSolde, valeurs: dict, paiement_est_aujourdhui: bool) -> SaisieInvalide:
    """L'acompte qui soldait tout (`regles.AcompteQuiSolde`), au champ de son montant."""
    rang = next((r for r, ligne in valeurs["acomptes"]
                 if (ligne["date"], ligne["montant"]) == (exc.acompte.date, exc.acompte.montant)), 1)
    dont = f", dont {fr.euros(exc.penalites)} de pénalités échues, payées d'abord" if exc.penalites else ""
    if not paiement_est_aujourdhui and exc.acompte.date == valeurs["paiement"]:
        # Daté du paiement, il est déjà ce paiement : « indiquez sa date comme date de paiement » tournait en rond.
        conseil = ("Daté du jour du paiement, ce versement est le paiement lui-même : retirez-le des acomptes, "
                   "la date de paiement suffit.")
    else:
        conseil = "Un versement qui solde la facture est le paiement : indiquez sa date comme date de paiement."
    return SaisieInvalide.au_champ(
        f"acompte-{rang}-montant",
        f"L'acompte n° {rang} ({fr.euros(exc.acompte.montant)}) atteint ou dépasse le reste dû à cette date "
        f"({fr.euros(exc.principal + exc.penalites)}{dont}). {conseil}")


def erreur_taux_inconnu(jour) -> SaisieInvalide:
    """Garde-fou : `lire` refuse déjà les dates au-delà des tables."""
    return SaisieInvalide.au_champ("paiement", f"Aucun taux connu pour le {fr.date_courte(jour)}.")
