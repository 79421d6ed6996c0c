"""Saisies du calculateur d'intérêt légal : le registre, puis les contrôles croisés et leurs messages."""

from __future__ import annotations


from ..commun import format_fr as fr
from ..commun.champs import Champ, Choix, Formulaire, Lignes
from ..commun.erreurs import SaisieInvalide
from ..commun.saisie import apres_le_dernier_jour, apres_les_tables
from ..commun.saisie import aujourdhui as date_du_jour
from ..taux import couvert_jusqu_au
from .regles import PREMIER_JOUR, Paiement


FORMULAIRE = Formulaire("interet-legal", page="calculateurs/interet-legal/", champs=(
    Champ("montant", "Somme due (€)", "montant", "la somme due", requis=True,
          aide="Le principal qui porte intérêt, par exemple 2 000 ou 12 480,50.",
          aide_cli="somme due (principal), ex. 2000 ou 12 480,50"),
    Champ("fondement", "Point de départ des intérêts", "choix", "le point de départ", defaut="mise-en-demeure",
          choix=(Choix("mise-en-demeure", "Mise en demeure (C. civ. art. 1231-6)"),
                 Choix("jugement", "Jugement de condamnation (C. civ. art. 1231-7)")),
          aide_cli="mise-en-demeure (1231-6) ou jugement (1231-7)"),
    Champ("debut", "Date de la mise en demeure ou du jugement", "date", "la date de départ", requis=True,
          aide="Les intérêts courent à partir du lendemain, jj/mm/aaaa.",
          aide_cli="date de la mise en demeure ou du jugement (jj/mm/aaaa ou aaaa-mm-jj)"),
    Champ("fin", "Date du paiement", "date", "la date de paiement",
          aide="Jour où les fonds vous sont parvenus. Laissez vide si la somme n'est pas encore payée : "
               "le calcul s'arrête à aujourd'hui.",
          aide_cli="date du paiement du solde (par défaut : aujourd'hui)"),
    Champ("creancier", "Le créancier est", "choix", "le créancier", defaut="autre",
          choix=(Choix("autre", "un professionnel ou une entreprise (tous les autres cas)"),
                 Choix("particulier", "un particulier (hors besoins professionnels)")),
          aide="Deux taux légaux sont fixés chaque semestre (CMF art. L313-2) : ils dépendent du créancier.",
          aide_cli="autre (professionnels, tous les autres cas) ou particulier"),
    Champ("executoire", "Date où le jugement est devenu exécutoire (facultatif)", "date",
          "la date où le jugement est devenu exécutoire",
          aide="Deux mois après cette date, le taux est majoré de 5 points (CMF art. L313-3).",
          aide_cli="date où la condamnation est devenue exécutoire : majoration de 5 points deux mois après"),
    Champ("capitalisation", "Capitaliser les intérêts dus pour une année entière", "case",
          aide="Seulement si le contrat ou la décision le prévoit (C. civ. art. 1343-2).",
          aide_cli="capitalisation annuelle des intérêts (C. civ. 1343-2)"),
    Lignes("acomptes", "acompte", "Acomptes (paiements partiels avant le solde)", "l'acompte",
           (Champ("date", "Date", "date", "la date"), Champ("montant", "Montant", "montant", "le montant")),
           aide="Chaque acompte règle d'abord les intérêts échus, puis le principal (C. civ. art. 1343-1).",
           ajouter="Ajouter un acompte", aide_cli="acompte (paiement partiel) DATE:MONTANT, ex. 2024-01-15:2500"),
    Champ("prolonger", "Prolonger le dernier taux connu au-delà des tables", "case",
          aide="Estimation seulement : le taux réel d'un semestre au-delà des tables n'y est pas encore. Le résultat le signale.",
          aide_cli="au-delà des taux connus, prolonger le dernier taux (hypothèse signalée)"),
))


def lire(saisies: dict) -> dict:
    """Lit et contrôle les saisies ; lève SaisieInvalide avec toutes les erreurs.

    Rend les arguments de `regles.calculer`, plus `valeurs` (lien partageable),
    `fin_est_aujourdhui`, `aujourdhui` (le jour du calcul) et `fondement`.
    """
    valeurs, c = FORMULAIRE.lire(saisies)
    _annees_plausibles(c, valeurs)
    depart, executoire = valeurs["debut"], valeurs["executoire"]
    paiement_est_aujourdhui = valeurs["fin"] is None and not c.a_des_erreurs("fin")
    aujourdhui = date_du_jour(saisies)
    paiement = aujourdhui if paiement_est_aujourdhui else valeurs["fin"]
    champ_fin = "debut" if paiement_est_aujourdhui else "fin"
    if depart and depart < PREMIER_JOUR:
        c.ajouter("debut", f"Les taux de l'intérêt légal sont connus à partir du {fr.date_longue(PREMIER_JOUR)} : "
                            "saisissez une date de départ postérieure.")
    if depart and paiement and paiement <= depart:
        c.ajouter(champ_fin, f"La date de départ ({fr.date_courte(depart)}) n'est pas passée : sans date de paiement, "
                             f"le calcul s'arrête au {fr.date_courte(paiement)}, et les intérêts ne courent qu'à partir "
                             f"du lendemain de la mise en demeure ou du jugement."
                  if paiement_est_aujourdhui else
                  "La date de paiement doit suivre la date de départ : les intérêts courent à partir "
                  "du lendemain de la mise en demeure ou du jugement.")
    if executoire and depart and executoire < depart:
        c.ajouter("executoire", "Un jugement ne peut pas devenir exécutoire avant d'être rendu : vérifiez les dates."
                  if valeurs["fondement"] == "jugement" else
                  "Le jugement est devenu exécutoire avant la mise en demeure : si la condamnation existait déjà, "
                  "les intérêts courent du jugement (choisissez « Jugement de condamnation ») ; sinon, vérifiez "
                  "les dates.")
    paiements = []
    for rang, ligne in valeurs["acomptes"]:
        if depart and paiement and not depart < ligne["date"] <= paiement:
            c.ajouter(f"acompte-{rang}-date", f"L'acompte n° {rang} doit être daté après la date de départ "
                                              "et au plus tard à la date du paiement.")
        paiements.append(Paiement(ligne["date"], ligne["montant"]))
    if (paiement and not valeurs["prolonger"] and paiement > couvert_jusqu_au()
            and not c.a_des_erreurs(champ_fin)):
        # Toujours au champ de la date de paiement : sans elle, c'est aujourd'hui qui dépasse les tables.
        c.ajouter("fin", apres_les_tables("de l'intérêt légal", couvert_jusqu_au(), paiement,
                                          paiement_est_aujourdhui, FORMULAIRE["prolonger"].libelle))
    c.lever_si_erreurs()
    return {
        "regles": dict(principal=valeurs["montant"], debut=depart, fin=paiement, categorie=valeurs["creancier"],
                       executoire=executoire, capitalisation=valeurs["capitalisation"], paiements=tuple(paiements),
                       prolonger=valeurs["prolonger"]),
        "valeurs": valeurs,
        "fin_est_aujourdhui": paiement_est_aujourdhui,
        "aujourdhui": aujourdhui,
        "fondement": valeurs["fondement"],
    }


def _annees_plausibles(c, valeurs: dict) -> None:
    """Une date après 2100 est une faute de frappe : refusée au champ, puis ignorée."""
    dates = [(nom, valeurs[nom]) for nom in ("debut", "fin", "executoire")]
    dates += [(f"acompte-{rang}-date", ligne["date"]) for rang, ligne in valeurs["acomptes"]]
    c.erreurs += apres_le_dernier_jour(dates)
    if c.a_des_erreurs():
        c.lever_si_erreurs()


def erreur_taux_inconnu(jour) -> SaisieInvalide:
    """Garde-fou : `lire` refuse déjà les dates au-delà des tables (ex. taux « particuliers » manquant)."""
    return SaisieInvalide.au_champ("fin", f"Aucun taux de l'intérêt légal connu pour le {fr.date_courte(jour)}.")
