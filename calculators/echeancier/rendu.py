"""Rendu de l'échéancier : plan → JSON (valeurs exactes), CSV et affichage en français.

Le résultat contient `csv`, le tableau prêt à télécharger (produit ici, jamais en JavaScript),
repris dans `affichage.fichiers`. Le seul module du calculateur qui écrit des phrases.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ..commun import format_fr as fr
from ..commun import tableur
from ..commun.affichage import texte_brut
from ..commun.sources import source
from .regles import CAPITAL_CONSTANT, CONSTANTES, Periodicite, Plan, ZERO, depasse_deux_ans

NOM = "echeancier"
METHODES = {CONSTANTES: "échéances constantes", CAPITAL_CONSTANT: "capital constant"}


class Noms:
    """Comment la phrase nomme les échéances d'une périodicité."""

    def __init__(self, pluriel: str, singulier: str, apres_montant: str = ""):
        self.pluriel, self.singulier, self.apres_montant = pluriel, singulier, apres_montant


NOMS = {
    "hebdomadaire": Noms("échéances hebdomadaires", "échéance hebdomadaire"),
    "quinzaine": Noms("échéances", "échéance", " espacées de deux semaines"),
    "mensuelle": Noms("mensualités", "mensualité"),
    "trimestrielle": Noms("échéances trimestrielles", "échéance trimestrielle"),
}


def noms(periodicite: Periodicite) -> Noms:
    return NOMS[periodicite.cle]


# --- Résultat -----------------------------------------------------------------------------------


def _du_au(debut: dt.date, fin: dt.date) -> str:
    """« du 31 janvier au 30 juin 2025 » (l'année n'est écrite qu'une fois si elle est commune)."""
    premiere = fr.date_longue(debut)
    if debut.year == fin.year:
        premiere = premiere.rsplit(" ", 1)[0]
    return f"du {premiere} au {fr.date_longue(fin)}"


def _ecart(plan: Plan) -> Decimal:
    """Écart d'arrondi porté sur la dernière échéance (capital pour le capital constant)."""
    if len(plan.echeances) == 1:
        return ZERO
    premiere, derniere = plan.echeances[0], plan.echeances[-1]
    if plan.taux and plan.methode == CAPITAL_CONSTANT:
        return derniere.capital - premiere.capital
    return derniere.montant - premiere.montant


def vers_csv(plan: Plan) -> str:
    """Tableau au format CSV « à la française » : point-virgule, virgule décimale, BOM UTF-8, CRLF.

    Montants sans séparateur de milliers ni symbole, pour qu'un tableur les lise comme des nombres.
    """
    lignes = [["N°", "Date", "Montant", "Intérêts", "Capital", "Capital restant dû"]]
    if plan.acompte:
        lignes.append(["Acompte", "à la signature", tableur.nombre(plan.acompte), "0,00",
                       tableur.nombre(plan.acompte), tableur.nombre(plan.etale)])
    for e in plan.echeances:
        lignes.append([str(e.rang), fr.date_courte(e.date), tableur.nombre(e.montant), tableur.nombre(e.interets),
                       tableur.nombre(e.capital), tableur.nombre(e.restant)])
    lignes.append(["Total", "", tableur.nombre(plan.total_paye), tableur.nombre(plan.total_interets),
                   tableur.nombre(plan.acompte + plan.total_capital), ""])
    return tableur.ecrire(lignes)


def _avertissements(plan: Plan, aujourdhui: dt.date) -> list[str]:
    messages = []
    if depasse_deux_ans(plan.premiere, plan.derniere, plan.periodicite):
        messages.append(
            f"Ce plan s'étale sur plus de 24 mois (dernière échéance le {fr.date_longue(plan.derniere)}). "
            f"C'est plus que ce qu'un juge peut accorder : il ne peut reporter ou échelonner le paiement que "
            f"dans la limite de deux années (C. civ. art. 1343-5). Un plan aussi long ne vaut que par un "
            f"accord écrit et signé du client, qui reconnaît la dette et interrompt la prescription "
            f"(C. civ. art. 2240) ; prévoyez une clause de déchéance du terme."
        )
    if plan.taux:
        messages.append(
            f"Le taux de {fr.pourcent(plan.taux)} doit être fixé par écrit dans l'accord signé par le client "
            f"(C. civ. art. 1343-1 : « Le taux de l'intérêt conventionnel doit être fixé par écrit »)."
        )
    courante, derniere = plan.echeances[0].montant, plan.echeances[-1].montant
    decroissantes = plan.taux and plan.methode == CAPITAL_CONSTANT
    if len(plan.echeances) > 1 and not decroissantes and derniere > 2 * courante:
        messages.append(
            f"La dernière échéance ({fr.euros(derniere)}) dépasse le double des autres ({fr.euros(courante)}) : "
            + (f"au taux de {fr.pourcent(plan.taux)}, les échéances, arrondies au centime, paient surtout les intérêts "
               f"et remboursent trop peu du capital, que la dernière porte. " if plan.taux else
               "des échéances aussi petites ne laissent pas l'arrondi au centime se répartir. ")
            + "Réduisez le nombre d'échéances pour un plan plus régulier."
        )
    if plan.premiere < aujourdhui:
        messages.append(f"La première échéance ({fr.date_longue(plan.premiere)}) est déjà passée : "
                        f"vérifiez la date si l'échéancier reste à signer.")
    return messages


def _notes(plan: Plan, par_echeance: bool = False) -> list[str]:
    ecart = _ecart(plan)
    notes = []
    if par_echeance and len(plan.echeances) > 1:
        # Montant de l'échéance choisi : la dernière solde le reste, ce n'est pas un écart d'arrondi.
        notes.append(f"Chaque échéance vaut le montant saisi ; la dernière solde le reste "
                     f"({fr.euros(plan.echeances[-1].montant)}) : les échéances s'additionnent exactement au "
                     f"montant étalé" + (" plus les intérêts." if plan.taux else "."))
    elif len(plan.echeances) > 1:
        texte = ("Chaque montant est arrondi au centime (0,005 € au centime supérieur). L'écart d'arrondi est "
                 "toujours porté sur la dernière échéance")
        if ecart:
            sens = "de moins" if ecart < 0 else "de plus"
            sur = " sur sa part de capital" if plan.taux and plan.methode == CAPITAL_CONSTANT else ""
            texte += f" (ici {fr.euros(abs(ecart))} {sens} que les autres{sur})"
        texte += (" : les échéances s'additionnent exactement au montant étalé"
                  + (" plus les intérêts." if plan.taux else "."))
        notes.append(texte)
    if plan.taux:
        notes.append(
            f"Intérêts de chaque période : capital restant dû × {fr.pourcent(plan.taux)} / "
            f"{plan.periodicite.par_an} (taux proportionnel), arrondis au centime. Chaque échéance paie "
            f"d'abord les intérêts de la période, puis le capital (C. civ. art. 1343-1)."
        )
        if plan.methode == CONSTANTES:
            notes.append("Échéances constantes (amortissement « à la française ») : échéance = capital × i / "
                         "(1 − (1 + i)⁻ⁿ), i étant le taux de la période et n le nombre d'échéances ; "
                         "la dernière solde exactement le capital restant.")
        else:
            notes.append("Capital constant : le capital est réparti en parts égales et chaque échéance y "
                         "ajoute les intérêts de la période ; les échéances diminuent au fil du plan.")
    elif not par_echeance:
        notes.append("Sans intérêts : le montant étalé est divisé en parts égales (les deux méthodes, "
                     "échéances constantes et capital constant, donnent alors le même tableau).")
    if plan.acompte:
        notes.append(f"L'acompte de {fr.euros(plan.acompte)} est versé à la signature ; seul le reste, "
                     f"{fr.euros(plan.etale)}, est étalé" + (" et porte intérêts." if plan.taux else "."))
    if plan.periodicite.mois and plan.premiere.day > 28:
        notes.append(f"Chaque date est calculée à partir de la première : une échéance calée sur le "
                     f"{plan.premiere.day} tombe le dernier jour des mois plus courts, puis revient au "
                     f"{plan.premiere.day}.")
    notes.append("Les dates ne sont pas décalées pour les week-ends et jours fériés : ajustez-les dans "
                 "l'accord si besoin.")
    notes.append("Signé par le client, l'échéancier vaut reconnaissance de dette et interrompt la prescription "
                 "(C. civ. art. 2240) : faites-y figurer le montant total reconnu.")
    notes.append("Si l'affaire va en justice, le juge peut reporter ou échelonner le paiement dans la limite de "
                 "deux années ; pendant ce délai, « les majorations d'intérêts ou les pénalités prévues en cas de "
                 "retard ne sont pas encourues » (C. civ. art. 1343-5), les pénalités de l'article L441-10 comprises : "
                 "le texte ne les distingue pas.")
    return notes


def resultat(plan: Plan, par_echeance: bool = False, aujourdhui: dt.date | None = None, lien: str = "") -> dict:
    """Plan → objet JSON (valeurs exactes en chaînes) + affichage en français."""
    aujourdhui = aujourdhui or dt.date.today()
    derniere = plan.echeances[-1]
    ecart = _ecart(plan)
    donnees = {
        "ok": True,
        "calculateur": NOM,
        "montant": str(plan.montant),
        "acompte": str(plan.acompte),
        "montant_etale": str(plan.etale),
        "taux": str(plan.taux),
        "methode": plan.methode,
        "periodicite": plan.periodicite.cle,
        "mode": "mensualite" if par_echeance else "nombre",
        "nombre": len(plan.echeances),
        "premiere": plan.premiere.isoformat(),
        "derniere": plan.derniere.isoformat(),
        "echeances": [
            {"rang": e.rang, "date": e.date.isoformat(), "montant": str(e.montant), "interets": str(e.interets),
             "capital": str(e.capital), "restant": str(e.restant)}
            for e in plan.echeances
        ],
        "total": {"montant": str(plan.total_echeances), "interets": str(plan.total_interets),
                  "capital": str(plan.total_capital)},
        "total_paye": str(plan.total_paye),
        "ajustement": {"rang": derniere.rang, "ecart": str(ecart)} if ecart else None,
        "plus_de_24_mois": depasse_deux_ans(plan.premiere, plan.derniere, plan.periodicite),
        "avertissements": _avertissements(plan, aujourdhui),
        "sources": [source("1343-1"), source("1343-5"), source("2240")],
        "csv": vers_csv(plan),
        "lien": lien,
    }
    donnees["affichage"] = affichage(plan, donnees)
    return donnees


def _phrase(plan: Plan) -> str:
    p = noms(plan.periodicite)
    n = len(plan.echeances)
    premiere, derniere = plan.echeances[0], plan.echeances[-1]
    if n == 1:
        texte = f"un seul versement de {fr.euros(premiere.montant)} le {fr.date_longue(premiere.date)}"
    elif plan.taux and plan.methode == CAPITAL_CONSTANT:
        texte = (f"{n} {p.pluriel} décroissantes{p.apres_montant}, de {fr.euros(premiere.montant)} à "
                 f"{fr.euros(derniere.montant)}, {_du_au(premiere.date, derniere.date)}")
    else:
        texte = f"{n} {p.pluriel} de {fr.euros(premiere.montant)}{p.apres_montant}"
        if derniere.montant != premiere.montant:
            # « 4 mensualités de 300 €, la dernière de 100 € » se lit quatre fois 300 € : le compte exact.
            texte = (f"{n - 1} {p.pluriel if n > 2 else p.singulier} de {fr.euros(premiere.montant)}"
                     f"{p.apres_montant} et une dernière de {fr.euros(derniere.montant)}")
        texte += f", {_du_au(premiere.date, derniere.date)}"
    if plan.acompte:
        texte = f"Acompte de {fr.euros(plan.acompte)} à la signature, puis {texte}."
    else:
        texte = texte[0].upper() + texte[1:] + "."
    if plan.taux:
        texte += (f" Au taux de {fr.pourcent(plan.taux)} par an ({METHODES[plan.methode]}), les intérêts "
                  f"s'élèvent à {fr.euros(plan.total_interets)} : {fr.euros(plan.total_paye)} à payer au total "
                  f"pour une dette de {fr.euros(plan.montant)}.")
    else:
        texte += f" Sans intérêts : {fr.euros(plan.total_paye)} au total."
    return texte


def affichage(plan: Plan, donnees: dict) -> dict:
    """Ce que la page montre, déjà mis en forme : JavaScript n'a qu'à l'insérer."""
    avec_interets = bool(plan.taux)
    premiere, derniere = plan.echeances[0], plan.echeances[-1]

    def ligne(numero, date, montant, interets, capital, restant):
        cellules = [numero, date, fr.euros(montant)]
        if avec_interets:
            cellules += [fr.euros(interets), fr.euros(capital)]
        return cellules + [restant if isinstance(restant, str) else fr.euros(restant)]

    lignes = []
    if plan.acompte:
        lignes.append(ligne("Acompte", "à la signature", plan.acompte, ZERO, plan.acompte, plan.etale))
    lignes += [ligne(str(e.rang), fr.date_courte(e.date), e.montant, e.interets, e.capital, e.restant)
               for e in plan.echeances]
    colonnes = ["N°", "Date", "Montant"]
    if avec_interets:
        colonnes += ["Dont intérêts", "Dont capital"]
    colonnes.append("Capital restant dû")
    n = len(plan.echeances)
    pied = ligne("Total", f"{n} échéance{'s' if n > 1 else ''}", plan.total_paye, plan.total_interets,
                 plan.acompte + plan.total_capital, "")

    resume = []
    if avec_interets and plan.methode == CAPITAL_CONSTANT and n > 1:
        resume.append({"libelle": "Première échéance", "valeur": fr.euros(premiere.montant), "cle": "premiere"})
    else:
        resume.append({"libelle": "Montant de chaque échéance" if n > 1 else "Montant du versement",
                       "valeur": fr.euros(premiere.montant), "cle": "echeance"})
    if n > 1 and derniere.montant != premiere.montant:
        resume.append({"libelle": "Dernière échéance", "valeur": fr.euros(derniere.montant), "cle": "derniere"})
    resume.append({"libelle": "Nombre d'échéances", "valeur": str(n), "cle": "nombre"})
    resume.append({"libelle": "Dernier paiement", "valeur": fr.date_courte(derniere.date), "cle": "fin"})
    if avec_interets:
        resume.append({"libelle": "Coût des intérêts", "valeur": fr.euros(plan.total_interets), "cle": "interets"})
    resume.append({"libelle": "Total à payer", "valeur": fr.euros(plan.total_paye), "cle": "total"})

    rendu = {
        "titre": "Échéancier de paiement",
        "phrase": _phrase(plan),
        "resume": resume,
        "tableaux": [{"titre": f"Tableau des {noms(plan.periodicite).pluriel}{noms(plan.periodicite).apres_montant}", "colonnes": colonnes,
                      "lignes": lignes, "pied": pied, "numeriques": list(range(2, len(colonnes))),
                      # Sans intérêts, quatre colonnes : un tableau sur un téléphone, pas une carte par échéance.
                      "tient_sur_telephone": not avec_interets}],
        "avertissements": donnees["avertissements"],
        "notes": _notes(plan, donnees["mode"] == "mensualite"),
        "sources": donnees["sources"],
        "fichiers": [{"nom": f"echeancier-{plan.premiere.isoformat()}.csv", "type": "text/csv;charset=utf-8",
                      "libelle": "Télécharger le tableau (CSV)", "contenu": donnees["csv"]}],
    }
    rendu["texte"] = texte_brut(rendu)
    return rendu
