"""Calculateur « délai de paiement » : saisies (texte) → contrôles → dates limites → JSON.

Les noms des champs sont ceux des options de la ligne de commande et des paramètres du lien
partageable : `facture`, `regime`, `livraison`, `reception`, `dedouanement`, `echeance-convenue`.
Les noms de régimes sont stables (voir `calculators.delais.REGIMES` et la page du calculateur).

Sortie : `date_limite` est une date ISO, ou, quand le régime admet plusieurs méthodes
(« 45 jours fin de mois »), un objet `{méthode: date}` ; `limites` donne le détail de chaque
méthode dans une liste de forme constante. Avec une échéance convenue : `conforme`,
`depassement_jours` (sur la plus tardive des dates limites admises) et `conforme_par_methode`.
`liens` : liens relatifs vers le calculateur de pénalités, prérempli avec l'échéance.
"""

from __future__ import annotations

import argparse
import datetime as dt

from .commun import format_fr as fr
from .commun.affichage import texte_brut
from .delais import (PERISSABLES_NOUVELLE_REGLE, REGIMES, Calcul, Limite, calculer, depassement, est_week_end,
                     jour_ferie, jour_ferie_local, perissables_periodique)
from .commun.erreurs import Collecteur
from .commun.saisie import lire_date, vide
from .commun.sources import source

NOM = "delai"
AIDE = "date limite de paiement d'une facture et conformité d'une échéance (L441-10 à L441-13, R2192-10 à R2192-12)"

PREMIER_JOUR = dt.date(2009, 1, 1)   # plafonds de la loi LME (n° 2008-776), en vigueur le 01/01/2009
DERNIER_JOUR = dt.date(2099, 12, 31)
PAGE_PENALITES = "../penalites-de-retard/"

CHAMPS = ("facture", "regime", "livraison", "reception", "dedouanement", "echeance-convenue")


def options(parseur: argparse.ArgumentParser) -> None:
    """Options de `python -m calculators delai`."""
    parseur.add_argument("--facture", required=True, help="date d'émission de la facture (jj/mm/aaaa ou aaaa-mm-jj)")
    parseur.add_argument("--regime", required=True, metavar="REGIME",
                         help="type de délai : " + ", ".join(REGIMES))
    parseur.add_argument("--livraison", default="",
                         help="date de livraison ou d'exécution de la prestation (régimes comptés depuis la "
                              "livraison ; acheteur public : exécution des prestations)")
    parseur.add_argument("--reception", default="",
                         help="acheteur public : date de réception de la demande de paiement")
    parseur.add_argument("--dedouanement", default="",
                         help="outre-mer : date de dédouanement au port de destination finale")
    parseur.add_argument("--echeance-convenue", default="",
                         help="échéance convenue ou imprimée sur la facture, pour vérifier qu'elle est licite")


def depuis_cli(args: argparse.Namespace) -> dict:
    """Options de la ligne de commande → saisies, comme celles du formulaire."""
    return {"facture": args.facture, "regime": args.regime, "livraison": args.livraison,
            "reception": args.reception, "dedouanement": args.dedouanement,
            "echeance-convenue": args.echeance_convenue}


# --- Lecture des saisies ------------------------------------------------------------------------

def _date(c: Collecteur, payload: dict, champ: str, nom: str) -> dt.date | None:
    jour = c.lire(lire_date, payload.get(champ), champ, nom)
    if jour is None:
        return None
    if jour < PREMIER_JOUR:
        c.ajouter(champ, f"Ce calculateur applique les plafonds en vigueur depuis le 1er janvier 2009 (loi LME) : "
                         f"saisissez pour {nom} une date à partir du 01/01/2009.")
        return None
    if jour > DERNIER_JOUR:
        c.ajouter(champ, f"Vérifiez l'année de {nom} : au plus 2099.")
        return None
    return jour


def _lire(payload: dict) -> dict:
    """Lit et contrôle les saisies utiles au régime choisi ; lève SaisieInvalide sinon."""
    c = Collecteur()
    code = str(payload.get("regime") or "").strip()
    regime = REGIMES.get(code)
    if not code:
        c.ajouter("regime", "Choisissez le type de délai de paiement (par exemple 60 jours ou 45 jours fin de mois).")
    elif regime is None:
        c.ajouter("regime", f"Type de délai inconnu : « {code} ». Choisissez parmi : {', '.join(REGIMES)}.")
    facture = _date(c, payload, "facture", "la date de la facture")

    livraison = reception = dedouanement = None
    depart = regime.depart if regime else ""
    if depart == "livraison":
        livraison = _date(c, payload, "livraison", "la date de livraison ou d'exécution")
        if facture and livraison and livraison > facture:
            c.ajouter("livraison", f"La livraison ({fr.date_courte(livraison)}) est postérieure à la facture "
                                   f"({fr.date_courte(facture)}) : la facture est émise dès la livraison ou "
                                   f"l'exécution (C. com. art. L441-9). Vérifiez les deux dates.")
    elif depart == "dedouanement":
        dedouanement = _date(c, payload, "dedouanement", "la date de dédouanement")
    elif depart == "public":
        if not vide(payload.get("reception")):
            reception = _date(c, payload, "reception", "la date de réception de la demande de paiement")
            if facture and reception and reception < facture:
                c.ajouter("reception", f"La demande de paiement ne peut pas être reçue ({fr.date_courte(reception)}) "
                                       f"avant d'être émise ({fr.date_courte(facture)}). Vérifiez les deux dates.")
        if not vide(payload.get("livraison")):
            livraison = _date(c, payload, "livraison", "la date d'exécution des prestations")

    echeance = None
    if not vide(payload.get("echeance-convenue")):
        echeance = _date(c, payload, "echeance-convenue", "l'échéance convenue")
        if facture and echeance and echeance < facture:
            c.ajouter("echeance-convenue", f"L'échéance convenue ({fr.date_courte(echeance)}) précède la date de la "
                                           f"facture ({fr.date_courte(facture)}). Vérifiez les deux dates.")
    c.lever_si_erreurs()
    return dict(code=code, facture=facture, livraison=livraison, reception=reception,
                dedouanement=dedouanement, echeance=echeance)


def executer(payload: dict) -> dict:
    """Point d'entrée du calculateur (voir `calculators.api.run`)."""
    e = _lire(payload)
    calcul = calculer(e["code"], e["facture"], livraison=e["livraison"], reception=e["reception"],
                      dedouanement=e["dedouanement"])
    return resultat(calcul, e)


# --- Résultat -----------------------------------------------------------------------------------

def _jour(jour: dt.date) -> str:
    """« lundi 31 mars 2025 »."""
    return f"{fr.jour_semaine(jour)} {fr.date_longue(jour)}"


def _limite_json(limite: Limite, echeance: dt.date | None) -> dict:
    donnees = {
        "methode": limite.methode,
        "libelle": limite.libelle,
        "depart": limite.depart.isoformat(),
        "calcul": limite.calcul,
        "date_limite": limite.date.isoformat(),
        "jour_semaine": fr.jour_semaine(limite.date),
        "jour_ferie": jour_ferie(limite.date),
        "debut_penalites": limite.debut_penalites.isoformat(),
        "article": limite.article,
    }
    if echeance is not None:
        donnees["conforme"] = echeance <= limite.date
        donnees["depassement_jours"] = depassement(echeance, limite.date)
    return donnees


def _par_methode(calcul: Calcul, valeur) -> dict | str:
    """Une valeur si le régime a une seule date limite, sinon un objet par méthode."""
    if len(calcul.limites) == 1:
        return valeur(calcul.limites[0])
    return {limite.methode: valeur(limite) for limite in calcul.limites}


def _lien(echeance: dt.date) -> str:
    return f"{PAGE_PENALITES}?echeance={fr.date_courte(echeance)}"


def _liens(calcul: Calcul, echeance: dt.date | None, conforme: bool | None) -> list[dict]:
    """Liens vers le calculateur de pénalités, prérempli avec l'échéance à retenir.

    Pas de lien pour un acheteur public : ses intérêts moratoires suivent d'autres règles.
    """
    if calcul.regime.depart == "public":
        return []
    if echeance is not None and conforme:
        return [{"libelle": f"Calculer les pénalités d'un retard après l'échéance du {fr.date_courte(echeance)}",
                 "url": _lien(echeance)}]
    plusieurs = len(calcul.limites) > 1
    return [{"libelle": f"Calculer les pénalités d'un retard après le {fr.date_courte(limite.date)}"
                        + (f" ({limite.libelle})" if plusieurs else ""),
             "url": _lien(limite.date)} for limite in calcul.limites]


def resultat(calcul: Calcul, e: dict) -> dict:
    """Dates limites → objet JSON + affichage en français."""
    echeance = e["echeance"]
    plus_tardive = max(limite.date for limite in calcul.limites)
    conforme = None if echeance is None else echeance <= plus_tardive
    sources = _sources(calcul, conforme)
    donnees = {
        "ok": True,
        "calculateur": NOM,
        "regime": calcul.regime.code,
        "regime_libelle": calcul.regime.libelle,
        "texte": calcul.regime.texte,
        "facture": e["facture"].isoformat(),
        "livraison": e["livraison"].isoformat() if e["livraison"] else None,
        "reception": e["reception"].isoformat() if e["reception"] else None,
        "dedouanement": e["dedouanement"].isoformat() if e["dedouanement"] else None,
        "point_de_depart": calcul.depart.isoformat(),
        "point_de_depart_regle": calcul.depart_regle,
        "date_limite": _par_methode(calcul, lambda limite: limite.date.isoformat()),
        "debut_penalites": _par_methode(calcul, lambda limite: limite.debut_penalites.isoformat()),
        "jour_semaine": _par_methode(calcul, lambda limite: fr.jour_semaine(limite.date)),
        "limites": [_limite_json(limite, echeance) for limite in calcul.limites],
        "echeance_convenue": echeance.isoformat() if echeance else None,
    }
    if echeance is not None:
        donnees["conforme"] = conforme
        donnees["depassement_jours"] = depassement(echeance, plus_tardive)
        donnees["conforme_par_methode"] = {limite.methode: echeance <= limite.date for limite in calcul.limites}
    donnees["avertissements"] = _avertissements(calcul, e, conforme)
    donnees["notes"] = _notes(calcul)
    donnees["liens"] = _liens(calcul, echeance, conforme)
    donnees["sources"] = sources
    donnees["affichage"] = affichage(calcul, e, donnees)
    return donnees


def _sources(calcul: Calcul, conforme: bool | None) -> list[dict]:
    code = calcul.regime.code
    if calcul.regime.depart == "public":
        cles = ["R2192-10" if calcul.regime.public_jours == 30 else "R2192-11", "R2192-12", "R2192-31"]
        if conforme is False:
            cles += ["L2192-10", "L2192-13"]
        return [source(cle) for cle in cles]
    cles = ["L441-10"]
    if code in ("perissables", "perissables-periodique", "betail", "alcools", "vins-alcools-circulation",
                "transport"):
        cles.append("L441-11")
    if code == "grand-export":
        cles.append("L441-12")
    if code == "outre-mer":
        cles.append("L441-13")
    if code in ("facture-periodique", "perissables-periodique"):
        cles.append("CGI-289")
    if code in ("45jfdm", "vins-alcools-circulation"):
        cles.append("DGCCRF-delais")
    if conforme is False:
        cles += ["L441-16", "L441-9"]
    return [source(cle) for cle in cles]


# --- Textes -------------------------------------------------------------------------------------

NOTE_WEEK_END = (
    "Une date limite qui tombe un samedi, un dimanche ou un jour férié n'est pas reportée : aucun texte ne "
    "prévoit de report pour une date de paiement (le report au jour ouvrable suivant de l'article 642 du "
    "code de procédure civile vise les délais de procédure). Entre entreprises, le paiement est réalisé "
    "quand les fonds sont mis à la disposition du vendeur (C. com. art. L441-9) : ordonnez le virement "
    "pour qu'il arrive au plus tard ce jour-là."
)
NOTE_DECOMPTE = (
    "« N jours après » une date : le jour de départ ne compte pas (60 jours après le 15 janvier 2025 : "
    "le 16 mars 2025). La date limite est le dernier jour pour payer ; les pénalités de retard sont "
    "exigibles le jour suivant, sans rappel (C. com. art. L441-10 II)."
)
NOTE_DECOMPTE_PUBLIC = (
    "« N jours après » une date : le jour de départ ne compte pas (30 jours après le 5 mars 2025 : "
    "le 4 avril 2025). La date limite est le dernier jour pour payer ; les intérêts moratoires courent "
    "dès le lendemain, sans formalité (C. commande publique, art. L2192-13)."
)
NOTE_45JFDM = (
    "« 45 jours fin de mois » se compte de deux façons admises par l'administration (DGCCRF, CEDEF) : "
    "date de la facture + 45 jours puis fin de ce mois, ou fin du mois de la facture puis + 45 jours. La loi "
    "n'impose aucune des deux : le contrat doit dire laquelle s'applique, et ce délai doit y être "
    "expressément stipulé (C. com. art. L441-10 I al. 3)."
)
NOTE_PUBLIC_INTERETS = (
    "Au-delà de la date limite, l'acheteur public doit de plein droit des intérêts moratoires au taux de la "
    "BCE majoré de 8 points, un seul taux pour tout le retard : celui en vigueur au premier jour du semestre "
    "où le retard commence (C. commande publique, art. R2192-31), plus l'indemnité forfaitaire de 40 €. "
    "Ce n'est pas le calcul du calculateur de pénalités entre entreprises (BCE + 10 points, par semestre) : "
    "un calculateur dédié pourra les chiffrer."
)

NOTES_REGIME = {
    "60j": "Le délai convenu ne peut dépasser 60 jours après l'émission de la facture (C. com. art. L441-10 I "
           "al. 2). Les parties peuvent aussi convenir de « 45 jours fin de mois » : choisissez ce régime.",
    "45jfdm": NOTE_45JFDM,
    "facture-periodique": "Facture périodique : une facture récapitulant plusieurs livraisons d'un même mois "
                          "(CGI art. 289, I-3). Le délai convenu ne peut dépasser 45 jours après son émission, "
                          "sans « fin de mois » (C. com. art. L441-10 I al. 4).",
    "defaut-30j": "Quand rien n'est convenu (ni conditions de vente ni contrat), le paiement est dû 30 jours "
                  "après la réception des marchandises ou l'exécution de la prestation, et non après la "
                  "facture (C. com. art. L441-10 I al. 1).",
    "perissables": "Produits agricoles et alimentaires périssables, viandes congelées ou surgelées, poissons "
                   "surgelés, plats cuisinés et conserves faits de produits périssables : 30 jours après la "
                   "livraison, quel que soit l'accord des parties (C. com. art. L441-11 II 1° a).",
    "perissables-periodique": "Avec une facture périodique, les produits périssables se paient 30 jours après la "
                              "fin de la décade de livraison : décades du 1er au 10, du 11 au 20 et du 21 à la "
                              "fin du mois (C. com. art. L441-11 II 1° b).",
    "betail": "Bétail sur pied destiné à la consommation et viandes fraîches dérivées : 20 jours après le jour "
              "de livraison (C. com. art. L441-11 II 2°).",
    "alcools": "Boissons alcooliques passibles des droits de consommation : 30 jours après la fin du mois de "
               "livraison (C. com. art. L441-11 II 3°).",
    "vins-alcools-circulation": "Raisins et moûts destinés aux vins, boissons alcooliques passibles des droits "
                                "de circulation : 45 jours fin de mois ou 60 jours après la facture (C. com. art. "
                                "L441-11 II 4°), sauf décisions interprofessionnelles (Champagne) ou accords "
                                "étendus qui en disposent autrement. Le « 45 jours fin de mois » s'y compte des "
                                "deux façons admises (voir le régime 45jfdm) : le contrat doit dire laquelle.",
    "transport": "Transport routier de marchandises, location de véhicules avec ou sans conducteur, commission "
                 "de transport, transitaires, agents maritimes et de fret aérien, courtiers de fret et "
                 "commissionnaires en douane : 30 jours après l'émission de la facture, « en aucun cas » plus "
                 "(C. com. art. L441-11 II).",
    "grand-export": "Grand export : achats en franchise de TVA (CGI art. 275) de biens destinés à être livrés en "
                    "l'état hors de l'Union européenne. Le délai peut aller jusqu'à 90 jours après la facture "
                    "s'il est expressément stipulé et ne constitue pas un abus manifeste ; il ne vaut pas pour "
                    "les achats des grandes entreprises (C. com. art. L441-12).",
    "outre-mer": "Marchandises importées en Guadeloupe, Martinique, Guyane, à La Réunion, à Mayotte, à "
                 "Saint-Barthélemy, Saint-Martin, Wallis-et-Futuna ou Saint-Pierre-et-Miquelon : les délais "
                 "ne courent qu'à partir du dédouanement au port de destination finale (C. com. art. L441-13). "
                 "Le calcul retient le plafond de 60 jours. Le même décalage vaut pour le « 45 jours fin de "
                 "mois » et pour les délais des produits périssables, du bétail et des boissons (L441-11 II 1° "
                 "à 4°) : comptez-les depuis le dédouanement. Si la marchandise est mise à disposition en "
                 "métropole, le délai part du 21e jour suivant cette mise à disposition, ou du dédouanement "
                 "s'il est antérieur.",
}
NOTES_PUBLIC = {
    30: "État, établissements publics de l'État autres que de santé, collectivités territoriales et leurs "
        "établissements publics : 30 jours (C. commande publique, art. R2192-10).",
    50: "Établissements publics de santé et du service de santé des armées : 50 jours (C. commande publique, "
        "art. R2192-11).",
    60: "Entreprises publiques : 60 jours (C. commande publique, art. R2192-11).",
}
NOTE_PUBLIC_DEPART = (
    "Le délai court de la réception de la demande de paiement (la facture), ou de l'exécution des "
    "prestations si la demande est arrivée avant ; cette date ne peut pas être fixée par contrat. À défaut "
    "de date constatée par l'acheteur, la date de la demande augmentée de deux jours fait foi (C. commande "
    "publique, art. R2192-12 et R2192-13). Le marché ne peut pas prévoir un délai plus long (art. L2192-10)."
)

SANCTIONS_PRIVE = (
    "Ce que risquent les entreprises : payer après la date limite légale expose l'acheteur à une amende "
    "administrative de la DGCCRF d'au plus 75 000 € pour une personne physique et 2 000 000 € pour une "
    "personne morale, doublée (150 000 € et 4 000 000 €) en cas de réitération dans les deux ans, avec "
    "publication de la sanction (C. com. art. L441-16). L'accord du vendeur ne rend pas l'échéance licite : "
    "le plafond s'impose aux deux parties, et le vendeur doit porter sur la facture une date de règlement "
    "exacte (C. com. art. L441-9). Omettre dans les conditions de règlement le taux des pénalités ou "
    "l'indemnité de 40 € est puni de la même amende (L441-16 b)."
)
SANCTIONS_PUBLIC = (
    "Un marché public ne peut pas prévoir un délai de paiement plus long que le délai réglementaire "
    "(C. commande publique, art. L2192-10). Dès le lendemain de la date limite, les intérêts moratoires et "
    "l'indemnité forfaitaire de 40 € sont dus de plein droit, sans formalité (art. L2192-13)."
)


def _notes(calcul: Calcul) -> list[str]:
    regime = calcul.regime
    if regime.depart == "public":
        return [NOTES_PUBLIC[regime.public_jours], NOTE_PUBLIC_DEPART, NOTE_PUBLIC_INTERETS, NOTE_DECOMPTE_PUBLIC,
                NOTE_WEEK_END]
    return [NOTES_REGIME[regime.code], NOTE_DECOMPTE, NOTE_WEEK_END]


def _avertissements(calcul: Calcul, e: dict, conforme: bool | None) -> list[str]:
    messages = []
    vus = set()
    for limite in calcul.limites:
        jour = limite.date
        if jour in vus:
            continue
        vus.add(jour)
        ferie, local = jour_ferie(jour), jour_ferie_local(jour)
        if ferie or est_week_end(jour):
            quoi = f"un jour férié ({ferie})" if ferie else f"un {fr.jour_semaine(jour)}"
            if ferie and est_week_end(jour):
                quoi = f"un {fr.jour_semaine(jour)} et jour férié ({ferie})"
            messages.append(
                f"La date limite du {fr.date_courte(jour)} tombe {quoi}. Elle n'est pas reportée au jour ouvré "
                f"suivant : faites en sorte que les fonds arrivent au plus tard ce jour-là, en pratique le "
                f"dernier jour ouvré qui précède."
            )
        elif local:
            messages.append(
                f"La date limite du {fr.date_courte(jour)} est un jour férié en Alsace-Moselle ({local}, "
                f"C. trav. art. L3134-13). Elle n'est pas reportée pour autant."
            )
    regime = calcul.regime
    if regime.depart == "public" and e["reception"] is None and calcul.depart_regle.startswith("date de la demande"):
        messages.append(
            f"Date de réception de la demande de paiement non saisie : le calcul part de la date de la facture "
            f"augmentée de deux jours ({fr.date_courte(calcul.depart)}), règle qui ne vaut qu'à défaut de date "
            f"constatée par l'acheteur (R2192-12). Saisissez la date de réception si vous la connaissez "
            f"(sur Chorus Pro : la date de mise à disposition de la facture)."
        )
    if regime.code == "perissables" and e["livraison"] < PERISSABLES_NOUVELLE_REGLE:
        ancienne = perissables_periodique(e["livraison"]).date
        messages.append(
            f"Livraison antérieure au 1er novembre 2021 : la règle était alors 30 jours après la fin de la "
            f"décade de livraison, soit le {fr.date_courte(ancienne)} (ancien L441-11 II 1°, modifié par "
            f"l'ordonnance n° 2021-859). Vérifiez le texte applicable à votre contrat."
        )
    if regime.code == "grand-export":
        messages.append(
            "Les 90 jours ne valent que si les biens, achetés en franchise de TVA, sont livrés en l'état hors de "
            "l'Union européenne, si le délai est expressément stipulé et si l'acheteur n'est pas une grande "
            "entreprise. Sinon, le plafond ordinaire de 60 jours s'applique et les pénalités sont exigibles "
            "(C. com. art. L441-12)."
        )
    echeance = e["echeance"]
    if echeance is not None:
        dans = [limite for limite in calcul.limites if echeance <= limite.date]
        if conforme and len(dans) < len(calcul.limites):
            hors = [limite for limite in calcul.limites if limite not in dans]
            messages.append(
                f"L'échéance du {fr.date_courte(echeance)} ne respecte le plafond qu'avec "
                + " ou ".join(f"la méthode « {limite.libelle} »" for limite in dans)
                + ". Elle n'est licite que si le contrat retient expressément cette méthode ; avec "
                + " ou ".join(f"« {limite.libelle} » (limite le {fr.date_courte(limite.date)}, "
                              f"{depassement(echeance, limite.date)} jours de trop)" for limite in hors)
                + ", elle dépasse le plafond."
            )
        if conforme is False:
            messages.append(SANCTIONS_PUBLIC if regime.depart == "public" else SANCTIONS_PRIVE)
    return messages


def _retard(calcul: Calcul) -> str:
    """Ce qui court après la date limite : pénalités (entreprises) ou intérêts moratoires (public)."""
    return "intérêts moratoires" if calcul.regime.depart == "public" else "pénalités de retard"


def _depart_phrase(calcul: Calcul, e: dict) -> str:
    regime = calcul.regime
    if regime.depart == "facture":
        return f"Facture émise le {fr.date_longue(e['facture'])}"
    if regime.depart == "livraison":
        return f"Livraison ou exécution le {fr.date_longue(calcul.depart)}"
    if regime.depart == "dedouanement":
        return f"Marchandise dédouanée le {fr.date_longue(calcul.depart)}"
    if e["reception"] is None and calcul.depart_regle.startswith("date de la demande"):
        return (f"Demande de paiement du {fr.date_longue(e['facture'])}, réception non constatée "
                f"(+ 2 jours : {fr.date_longue(calcul.depart)})")
    if calcul.depart_regle.startswith("exécution"):
        return f"Prestations exécutées le {fr.date_longue(calcul.depart)}, après la demande de paiement"
    return f"Demande de paiement reçue le {fr.date_longue(calcul.depart)}"


def _phrase(calcul: Calcul, e: dict, donnees: dict) -> str:
    regime = calcul.regime
    debut = f"{_depart_phrase(calcul, e)}, régime « {regime.libelle} »"
    if len(calcul.limites) == 1:
        limite = calcul.limites[0]
        phrase = (f"{debut} : le paiement doit intervenir au plus tard le {_jour(limite.date)} ({regime.texte}). "
                  f"Les {_retard(calcul)} courent à partir du {_jour(limite.debut_penalites)}.")
    else:
        options_ = " ou le ".join(f"{_jour(limite.date)} ({limite.libelle})" for limite in calcul.limites)
        phrase = (f"{debut} : la date limite de paiement est, selon la méthode convenue, le {options_} "
                  f"({regime.texte}). Le contrat doit dire quelle méthode s'applique.")
    echeance = e["echeance"]
    if echeance is None:
        return phrase
    if donnees["conforme"] and all(donnees["conforme_par_methode"].values()):
        suite = f"L'échéance convenue du {fr.date_longue(echeance)} respecte ce plafond."
    elif donnees["conforme"]:
        methodes = " ou ".join(f"« {limite.libelle} »" for limite in calcul.limites
                               if donnees["conforme_par_methode"][limite.methode])
        suite = (f"L'échéance convenue du {fr.date_longue(echeance)} ne respecte le plafond qu'avec la méthode "
                 f"{methodes} : elle n'est licite que si le contrat retient cette méthode.")
    else:
        n = donnees["depassement_jours"]
        suite = (f"L'échéance convenue du {fr.date_longue(echeance)} dépasse la date limite de {n} jour"
                 f"{'s' if n > 1 else ''} : elle n'est pas conforme.")
    return f"{phrase} {suite}"


def affichage(calcul: Calcul, e: dict, donnees: dict) -> dict:
    """Ce que la page montre, déjà mis en forme : JavaScript n'a qu'à l'insérer."""
    plusieurs = len(calcul.limites) > 1
    resume = []
    for limite in calcul.limites:
        suffixe = f" ({limite.libelle})" if plusieurs else ""
        cle = f"-{limite.methode}" if plusieurs else ""
        resume.append({"libelle": f"Date limite de paiement{suffixe}", "valeur": _jour(limite.date),
                       "cle": f"date-limite{cle}"})
        resume.append({"libelle": f"{_retard(calcul).capitalize()} à partir du{suffixe}",
                       "valeur": _jour(limite.debut_penalites),
                       "cle": f"debut-penalites{cle}"})
    resume.append({"libelle": "Point de départ du délai",
                   "valeur": f"{fr.date_courte(calcul.depart)} ({calcul.depart_regle})", "cle": "depart"})
    resume.append({"libelle": "Texte applicable", "valeur": calcul.regime.texte, "cle": "texte"})
    echeance = e["echeance"]
    if echeance is not None:
        n = donnees["depassement_jours"]
        resume.append({"libelle": "Échéance convenue", "valeur": _jour(echeance), "cle": "echeance"})
        if not donnees["conforme"]:
            verdict = "non"
        elif all(donnees["conforme_par_methode"].values()):
            verdict = "oui"
        else:
            verdict = "selon la méthode convenue"
        resume.append({"libelle": "Conforme au plafond", "valeur": verdict, "cle": "conforme"})
        resume.append({"libelle": "Dépassement", "valeur": f"{n} jour{'s' if n > 1 else ''}", "cle": "depassement"})

    colonnes = ["Méthode", "Calcul", "Date limite", "Jour", 
                ("Intérêts" if calcul.regime.depart == "public" else "Pénalités") + " à partir du"]
    if echeance is not None:
        colonnes.append("Échéance convenue")
    lignes = []
    for limite in calcul.limites:
        ferie = jour_ferie(limite.date)
        ligne = [limite.libelle[0].upper() + limite.libelle[1:], limite.calcul, fr.date_courte(limite.date),
                 fr.jour_semaine(limite.date) + (f" (férié : {ferie})" if ferie else ""),
                 fr.date_courte(limite.debut_penalites)]
        if echeance is not None:
            n = depassement(echeance, limite.date)
            ligne.append("respecte la limite" if n == 0 else f"{n} jour{'s' if n > 1 else ''} de trop")
        lignes.append(ligne)
    if echeance is None:
        pied = ["Point de départ", calcul.depart_regle, fr.date_courte(calcul.depart), fr.jour_semaine(calcul.depart), ""]
    else:
        n = donnees["depassement_jours"]
        verdict = ("permise" if all(donnees["conforme_par_methode"].values())
                   else "selon la méthode" if donnees["conforme"] else f"{n} jour{'s' if n > 1 else ''} de trop")
        pied = ["Échéance convenue", "", fr.date_courte(echeance), fr.jour_semaine(echeance), "", verdict]
    tableau = {"titre": "Calcul de la date limite", "colonnes": colonnes, "lignes": lignes, "pied": pied}

    rendu = {
        "titre": "Délai de paiement",
        "phrase": _phrase(calcul, e, donnees),
        "resume": resume,
        "tableaux": [tableau],
        "avertissements": donnees["avertissements"],
        "notes": donnees["notes"],
        "liens": donnees["liens"],
        "sources": donnees["sources"],
    }
    rendu["texte"] = _texte(rendu)
    return rendu


def _texte(rendu: dict) -> str:
    """`texte_brut` commun, plus les liens (que `texte_brut` ne connaît pas)."""
    texte = texte_brut(rendu)
    if rendu["liens"]:
        texte += "\n\nÀ suivre\n" + "\n".join(f"- {lien['libelle']} : {lien['url']}" for lien in rendu["liens"])
    return texte
