"""Rendu du calculateur de délai de paiement : dates limites → JSON (dates ISO) et affichage en français.

Le seul module du calculateur qui écrit des phrases et met en forme. Sortie : `date_limite` est
une date ISO, ou, quand le régime admet plusieurs méthodes (« 45 jours fin de mois »), un objet
`{méthode: date}` ; `limites` donne le détail de chaque méthode dans une liste de forme constante.
Avec une échéance convenue : `conforme`, `depassement_jours` (sur la plus tardive des dates
limites admises) et `conforme_par_methode`. `liens` : liens relatifs vers le calculateur de
pénalités, prérempli avec l'échéance ; `lien` : le lien partageable de ce calcul.
"""

from __future__ import annotations

import datetime as dt
import posixpath

from .. import penalites
from ..commun import format_fr as fr
from ..commun.affichage import texte_brut
from ..commun.sources import source
from .calendrier import est_week_end, jour_ferie, jour_ferie_local
from .champs import FORMULAIRE
from .regles import (DEPART_DEMANDE_PLUS_DEUX, DEPART_EXECUTION, DEPART_FACTURE_APRES_DEDOUANEMENT, DEPART_RECEPTION,
                     Calcul, Controle, Limite)
from .textes import (NOTE_DECOMPTE, NOTE_DECOMPTE_PUBLIC, NOTE_PUBLIC_DEPART, NOTE_PUBLIC_INTERETS, NOTE_WEEK_END,
                     SANCTIONS_PRIVE, SANCTIONS_PUBLIC)

# Lien relatif d'une page de calculateur à l'autre (« ../penalites-de-retard/ »).
PAGE_PENALITES = posixpath.relpath(penalites.FORMULAIRE.page, FORMULAIRE.page) + "/"
# Régime d'un acheteur public → son choix dans le calculateur d'intérêts moratoires (mêmes délais).
ACHETEURS = {"public-etat": "etat", "public-hopital": "sante", "public-entreprise": "entreprise-publique"}

# Méthode (regles.Limite.methode) → son nom et son calcul ; {depart}, {etape}, {jours} : voir Limite.
METHODES = {
    "60j": ("60 jours après la facture", "date de la facture ({etape}) + {jours} jours"),
    "45j-puis-fin-de-mois": ("45 jours, puis fin de mois", "{depart} + {jours} jours = {etape}, puis fin de mois"),
    "fin-de-mois-puis-45j": ("fin de mois, puis 45 jours", "fin du mois de la facture ({etape}) + {jours} jours"),
    "45j": ("45 jours après la facture périodique", "date de la facture ({etape}) + {jours} jours"),
    "30j": ("30 jours après la livraison", "date de livraison ou d'exécution ({etape}) + {jours} jours"),
    "30j-livraison": ("30 jours après la livraison", "date de livraison ({etape}) + {jours} jours"),
    "30j-fin-de-decade": ("30 jours après la fin de la décade de livraison",
                          "fin de la décade de livraison ({etape}) + {jours} jours"),
    "20j-livraison": ("20 jours après la livraison", "date de livraison ({etape}) + {jours} jours"),
    "30j-fin-de-mois-livraison": ("30 jours après la fin du mois de livraison",
                                  "fin du mois de livraison ({etape}) + {jours} jours"),
    "30j-facture": ("30 jours après la facture", "date de la facture ({etape}) + {jours} jours"),
    "90j": ("90 jours après la facture", "date de la facture ({etape}) + {jours} jours"),
    "60j-dedouanement": ("60 jours après le dédouanement", "date de dédouanement ({etape}) + {jours} jours"),
}
# Acheteur public : une méthode par durée (« 30j-reception », « 50j-reception »…).
METHODE_PUBLIC = ("{jours} jours après la réception de la demande", "point de départ ({etape}) + {jours} jours")

# Motif du point de départ (regles.Calcul.motif) → la règle, en clair, avec son article.
DEPARTS = {
    "facture": "date d'émission de la facture",
    "livraison": "date de livraison ou d'exécution",
    "dedouanement": "dédouanement au port de destination finale, L441-13",
    DEPART_FACTURE_APRES_DEDOUANEMENT: "date d'émission de la facture, postérieure au dédouanement, L441-10 I",
    DEPART_RECEPTION: "réception de la demande de paiement, R2192-12",
    DEPART_EXECUTION: "exécution des prestations, postérieure à la demande, R2192-13",
    DEPART_DEMANDE_PLUS_DEUX: "date de la demande de paiement + 2 jours, R2192-14",
}


def _public(calcul: Calcul) -> bool:
    return calcul.regime.depart == "public"


def methode(limite: Limite) -> tuple[str, str]:
    """Nom de la méthode et calcul en clair.

    >>> from .regles import quarante_cinq_jours_puis_fin_de_mois
    >>> methode(quarante_cinq_jours_puis_fin_de_mois(dt.date(2025, 1, 15)))
    ('45 jours, puis fin de mois', '15/01/2025 + 45 jours = 01/03/2025, puis fin de mois')
    """
    gabarits = METHODE_PUBLIC if limite.methode == f"{limite.jours}j-reception" else METHODES[limite.methode]
    valeurs = dict(depart=fr.date_courte(limite.depart), etape=fr.date_courte(limite.etape), jours=limite.jours)
    libelle, calcul = gabarits
    return libelle.format(**valeurs), calcul.format(**valeurs)


def _jour(jour: dt.date) -> str:
    """« lundi 31 mars 2025 »."""
    return f"{fr.jour_semaine(jour)} {fr.date_longue(jour)}"


def _jours(n: int) -> str:
    return f"{n} jour{'s' if n > 1 else ''}"


def _iso(jour: dt.date | None) -> str | None:
    return jour.isoformat() if jour else None


def _limite_json(limite: Limite, depasse: int | None) -> dict:
    libelle, calcul = methode(limite)
    donnees = {
        "methode": limite.methode,
        "libelle": libelle,
        "depart": limite.depart.isoformat(),
        "calcul": calcul,
        "date_limite": limite.date.isoformat(),
        "jour_semaine": fr.jour_semaine(limite.date),
        "jour_ferie": jour_ferie(limite.date),
        "debut_penalites": limite.debut_penalites.isoformat(),
        "article": limite.article,
    }
    if depasse is not None:
        donnees["conforme"] = depasse == 0
        donnees["depassement_jours"] = depasse
    return donnees


def _par_methode(calcul: Calcul, valeur) -> dict | str:
    """Une valeur si le régime a une seule date limite, sinon un objet par méthode."""
    if len(calcul.limites) == 1:
        return valeur(calcul.limites[0])
    return {limite.methode: valeur(limite) for limite in calcul.limites}


def _lien_penalites(libelle: str, echeance: dt.date) -> dict:
    return {"libelle": libelle, "url": f"{PAGE_PENALITES}#{penalites.FORMULAIRE.lien({'echeance': echeance})}"}


def _lien_moratoires(calcul: Calcul, controle: Controle | None) -> dict:
    """Acheteur public : le calculateur d'intérêts moratoires, prérempli avec les mêmes dates (il refait le
    délai réglementaire, ou prend l'échéance convenue au marché)."""
    # Importé ici : le calculateur d'intérêts moratoires importe lui-même les règles de délai.
    from ..interets_moratoires.champs import FORMULAIRE as MORATOIRES

    convenue = controle.echeance if controle and controle.conforme else None  # plus longue : sans effet (L2192-10)
    saisies = {"acheteur": ACHETEURS[calcul.regime.code], "execution": calcul.livraison, "echeance": convenue}
    saisies["reception" if calcul.reception else "demande"] = calcul.reception or calcul.facture
    lien = MORATOIRES.lien({cle: valeur for cle, valeur in saisies.items() if valeur})
    limite = convenue or calcul.limites[0].date
    return {"libelle": f"Calculer les intérêts moratoires d'un paiement après le {fr.date_courte(limite)}",
            "url": f"{posixpath.relpath(MORATOIRES.page, FORMULAIRE.page)}/#{lien}"}


def _liens(calcul: Calcul, controle: Controle | None) -> list[dict]:
    """Liens vers le calculateur de pénalités, prérempli avec l'échéance à retenir ; pour un acheteur
    public, vers celui des intérêts moratoires, qui suivent d'autres règles (R2192-31)."""
    if _public(calcul):
        return [_lien_moratoires(calcul, controle)]
    if controle and controle.conforme:
        return [_lien_penalites(f"Calculer les pénalités d'un retard après l'échéance du "
                                f"{fr.date_courte(controle.echeance)}", controle.echeance)]
    plusieurs = len(calcul.limites) > 1
    return [_lien_penalites(f"Calculer les pénalités d'un retard après le {fr.date_courte(limite.date)}"
                            + (f" ({methode(limite)[0]})" if plusieurs else ""), limite.date)
            for limite in calcul.limites]


def _sources(calcul: Calcul, controle: Controle | None) -> list[dict]:
    cles = list(calcul.regime.sources)
    non_conforme = controle is not None and not controle.conforme
    if _public(calcul):
        cles += ["R2192-12", "R2192-14", "R2192-31"] + (["L2192-10", "L2192-13"] if non_conforme else [])
    elif non_conforme:
        cles += ["L441-16", "L441-9"]
    return [source(cle) for cle in cles]


def _notes(calcul: Calcul) -> list[str]:
    if _public(calcul):
        return [calcul.regime.note, NOTE_PUBLIC_DEPART, NOTE_PUBLIC_INTERETS, NOTE_DECOMPTE_PUBLIC, NOTE_WEEK_END]
    return [calcul.regime.note, NOTE_DECOMPTE, NOTE_WEEK_END]


def resultat(calcul: Calcul, controle: Controle | None, lien: str = "") -> dict:
    """Dates limites → objet JSON (dates ISO) + affichage en français."""
    regime = calcul.regime
    donnees = {
        "ok": True,
        "calculateur": "delai",
        "regime": regime.code,
        "regime_libelle": regime.libelle,
        "texte": regime.texte,
        "facture": calcul.facture.isoformat(),
        "livraison": _iso(calcul.livraison),
        "reception": _iso(calcul.reception),
        "dedouanement": _iso(calcul.dedouanement),
        "point_de_depart": calcul.depart.isoformat(),
        "point_de_depart_regle": DEPARTS[calcul.motif],
        "date_limite": _par_methode(calcul, lambda limite: limite.date.isoformat()),
        "debut_penalites": _par_methode(calcul, lambda limite: limite.debut_penalites.isoformat()),
        "jour_semaine": _par_methode(calcul, lambda limite: fr.jour_semaine(limite.date)),
        "limites": [_limite_json(limite, controle.depassements[i] if controle else None)
                    for i, limite in enumerate(calcul.limites)],
        "echeance_convenue": _iso(controle.echeance if controle else None),
    }
    if controle is not None:
        donnees["conforme"] = controle.conforme
        donnees["depassement_jours"] = controle.depassement
        donnees["conforme_par_methode"] = {limite.methode: n == 0
                                           for limite, n in zip(calcul.limites, controle.depassements)}
    donnees["avertissements"] = _avertissements_dates(calcul) + _avertissements_echeance(calcul, controle)
    donnees["notes"] = _notes(calcul)
    donnees["liens"] = _liens(calcul, controle)
    donnees["sources"] = _sources(calcul, controle)
    donnees["lien"] = lien
    donnees["affichage"] = affichage(calcul, controle, donnees)
    return donnees


# --- Avertissements -----------------------------------------------------------------------------

def jour_non_ouvre(jour: dt.date) -> str | None:
    """« un samedi », « un jour férié (Noël) », « un dimanche et jour férié (…) » ; None un jour ouvré.
    >>> jour_non_ouvre(dt.date(2026, 12, 25)), jour_non_ouvre(dt.date(2026, 12, 5)), jour_non_ouvre(dt.date(2026, 12, 8))
    ('un jour férié (Noël)', 'un samedi', None)
    """
    ferie, week_end = jour_ferie(jour), est_week_end(jour)
    if ferie:
        return f"un {fr.jour_semaine(jour)} et jour férié ({ferie})" if week_end else f"un jour férié ({ferie})"
    return f"un {fr.jour_semaine(jour)}" if week_end else None


def _avertissement_jour(jour: dt.date) -> str | None:
    """Samedi, dimanche ou jour férié : signalé, jamais reporté."""
    if quoi := jour_non_ouvre(jour):
        return (f"La date limite du {fr.date_courte(jour)} tombe {quoi}. Elle n'est pas reportée au jour ouvré "
                f"suivant : faites en sorte que les fonds arrivent au plus tard ce jour-là, en pratique le "
                f"dernier jour ouvré qui précède.")
    if local := jour_ferie_local(jour):
        return (f"La date limite du {fr.date_courte(jour)} est un jour férié en Alsace-Moselle ({local}, "
                f"C. trav. art. L3134-13). Elle n'est pas reportée pour autant.")
    return None


def _avertissements_dates(calcul: Calcul) -> list[str]:
    """Ce que les dates du calcul appellent à vérifier : calendrier, départ supposé, texte antérieur."""
    jours = dict.fromkeys(limite.date for limite in calcul.limites)  # une fois par date, dans l'ordre
    messages = [m for m in map(_avertissement_jour, jours) if m]
    if calcul.regime.depart == "livraison" and calcul.livraison and calcul.livraison > calcul.facture:
        messages.append(
            f"La facture ({fr.date_courte(calcul.facture)}) précède la livraison ou l'exécution "
            f"({fr.date_courte(calcul.livraison)}) : le délai court de la livraison, comme le calcul. La facture "
            f"doit pourtant être émise dès la livraison ou l'exécution (C. com. art. L441-9) : vérifiez les deux "
            f"dates."
        )
    premiere = min(limite.date for limite in calcul.limites)
    if calcul.regime.depart == "livraison" and premiere < calcul.facture:
        # Livrée longtemps avant d'être facturée : le délai, qui court de la livraison, a expiré avant
        # même la facture ; le calcul le suit, mais une date limite passée à l'émission surprend.
        messages.append(
            f"La date limite ({fr.date_courte(premiere)}) précède la facture ({fr.date_courte(calcul.facture)}) : "
            f"le délai court de la livraison ou de l'exécution ({fr.date_courte(calcul.depart)}), et il avait expiré "
            f"quand la facture a été émise. La facture doit être émise dès la livraison ou l'exécution (C. com. "
            f"art. L441-9) : vérifiez les deux dates."
        )
    if calcul.motif == DEPART_DEMANDE_PLUS_DEUX:
        messages.append(
            f"Date de réception de la demande de paiement non saisie : le calcul part de la date de la facture "
            f"augmentée de deux jours ({fr.date_courte(calcul.depart)}), règle qui ne vaut qu'à défaut de date "
            f"constatée par l'acheteur (R2192-14). Saisissez la date de réception si vous la connaissez "
            f"(sur Chorus Pro : la date de mise à disposition de la facture)."
        )
    if calcul.motif == DEPART_FACTURE_APRES_DEDOUANEMENT:
        messages.append(
            f"La marchandise a été dédouanée le {fr.date_courte(calcul.dedouanement)}, avant l'émission de la "
            f"facture le {fr.date_courte(calcul.facture)}. Le dédouanement ne fait que retarder le point de départ "
            f"du délai (les délais « ne courent qu'à compter de » cette date, C. com. art. L441-13), il ne "
            f"l'avance pas\u00a0: le délai de 60 jours court donc de la facture (C. com. art. L441-10 I al. 2)."
        )
    if calcul.ancienne_regle:
        messages.append(
            f"Livraison antérieure au 1er novembre 2021 : la règle était alors 30 jours après la fin de la "
            f"décade de livraison, soit le {fr.date_courte(calcul.ancienne_regle.date)} (ancien L441-11 II 1°, "
            f"modifié par l'ordonnance n° 2021-859). Vérifiez le texte applicable à votre contrat."
        )
    if calcul.regime.avertissement:
        messages.append(calcul.regime.avertissement)
    return messages


def _avertissements_echeance(calcul: Calcul, controle: Controle | None) -> list[str]:
    if controle is None:
        return []
    messages = []
    echeance = fr.date_courte(controle.echeance)
    dans = [limite for limite, n in zip(calcul.limites, controle.depassements) if n == 0]
    hors = [(limite, n) for limite, n in zip(calcul.limites, controle.depassements) if n > 0]
    if controle.conforme and hors:
        messages.append(
            f"L'échéance du {echeance} ne respecte le plafond qu'avec "
            + " ou ".join(f"la méthode « {methode(limite)[0]} »" for limite in dans)
            + ". Elle n'est licite que si le contrat retient expressément cette méthode ; avec "
            + " ou ".join(f"« {methode(limite)[0]} » (limite le {fr.date_courte(limite.date)}, {n} jours de trop)"
                          for limite, n in hors)
            + ", elle dépasse le plafond."
        )
    if not controle.conforme:
        messages.append(SANCTIONS_PUBLIC if _public(calcul) else SANCTIONS_PRIVE)
    return messages


# --- Affichage ----------------------------------------------------------------------------------

def _retard(calcul: Calcul) -> str:
    """Ce qui court après la date limite : pénalités (entreprises) ou intérêts moratoires (public)."""
    return "intérêts moratoires" if _public(calcul) else "pénalités de retard"


def _depart_phrase(calcul: Calcul) -> str:
    depart = fr.date_longue(calcul.depart)
    if calcul.motif == DEPART_FACTURE_APRES_DEDOUANEMENT:  # seul motif qui cite une autre date que le départ
        return f"Facture émise le {depart}, après le dédouanement du {fr.date_longue(calcul.dedouanement)}"
    return {
        "facture": f"Facture émise le {fr.date_longue(calcul.facture)}",
        "livraison": f"Livraison ou exécution le {depart}",
        "dedouanement": f"Marchandise dédouanée le {depart}",
        DEPART_DEMANDE_PLUS_DEUX: f"Demande de paiement du {fr.date_longue(calcul.facture)}, réception non "
                                  f"constatée (+ 2 jours : {depart})",
        DEPART_EXECUTION: f"Prestations exécutées le {depart}, après la demande de paiement",
        DEPART_RECEPTION: f"Demande de paiement reçue le {depart}",
    }[calcul.motif]


def _verdict(controle: Controle, permise: str, selon: str, hors: str) -> str:
    """Le texte qui convient : permise par toutes les méthodes, par certaines seulement, ou par aucune."""
    if all(n == 0 for n in controle.depassements):
        return permise
    return selon if controle.conforme else hors


def _phrase(calcul: Calcul, controle: Controle | None) -> str:
    regime = calcul.regime
    debut = f"{_depart_phrase(calcul)}, régime « {regime.libelle} »"
    if len(calcul.limites) == 1:
        limite = calcul.limites[0]
        phrase = (f"{debut} : le paiement doit intervenir au plus tard le {_jour(limite.date)} ({regime.texte}). "
                  f"Les {_retard(calcul)} courent à partir du {_jour(limite.debut_penalites)}.")
    else:
        options = " ou le ".join(f"{_jour(limite.date)} ({methode(limite)[0]})" for limite in calcul.limites)
        phrase = (f"{debut} : la date limite de paiement est, selon la méthode convenue, le {options} "
                  f"({regime.texte}). Le contrat doit dire quelle méthode s'applique.")
    if controle is None:
        return phrase
    echeance = fr.date_longue(controle.echeance)
    methodes = " ou ".join(f"« {methode(limite)[0]} »" for limite, n in zip(calcul.limites, controle.depassements)
                           if n == 0)
    suite = _verdict(
        controle, f"L'échéance convenue du {echeance} respecte ce plafond.",
        f"L'échéance convenue du {echeance} ne respecte le plafond qu'avec la méthode {methodes} : elle n'est "
        f"licite que si le contrat retient cette méthode.",
        f"L'échéance convenue du {echeance} dépasse la date limite de {_jours(controle.depassement)} : elle "
        f"n'est pas conforme.")
    return f"{phrase} {suite}"


def _resume(calcul: Calcul, controle: Controle | None) -> list[dict]:
    plusieurs = len(calcul.limites) > 1
    resume = []
    for limite in calcul.limites:
        suffixe = f" ({methode(limite)[0]})" if plusieurs else ""
        cle = f"-{limite.methode}" if plusieurs else ""
        resume.append({"libelle": f"Date limite de paiement{suffixe}", "valeur": _jour(limite.date),
                       "cle": f"date-limite{cle}"})
        # La méthode avant « à partir du », qui appelle sa date : « … à partir du (45 jours…) » la séparait.
        resume.append({"libelle": f"{_retard(calcul).capitalize()}{suffixe}, à partir du",
                       "valeur": _jour(limite.debut_penalites), "cle": f"debut-penalites{cle}"})
    # La raison du point de départ dans le libellé, la date écrite comme les autres dates du résumé.
    resume.append({"libelle": f"Point de départ du délai ({DEPARTS[calcul.motif]})",
                   "valeur": _jour(calcul.depart), "cle": "depart"})
    resume.append({"libelle": "Texte applicable", "valeur": calcul.regime.texte, "cle": "texte"})
    if controle is not None:
        # La question posée (« mon échéance est-elle licite ? ») a sa réponse en tête.
        resume[:0] = [
            {"libelle": "Conforme au plafond", "cle": "conforme",
             "valeur": _verdict(controle, "oui", "selon la méthode convenue", "non"),
             # Hors plafond : la page le marque comme une alerte (couleur et bordure), pas comme un bon résultat.
             **({} if controle.conforme else {"etat": "alerte"})},
            {"libelle": "Dépassement", "valeur": _jours(controle.depassement), "cle": "depassement"},
            {"libelle": "Échéance convenue", "valeur": _jour(controle.echeance), "cle": "echeance"}]
    return resume


def _tableau(calcul: Calcul, controle: Controle | None) -> dict:
    # « Date », pas « Date limite » : la ligne du bas porte l'échéance convenue, qui n'en est pas une
    # (sur un téléphone, chaque cellule prend le nom de sa colonne).
    colonnes = ["Méthode", "Calcul", "Date", "Jour",
                ("Intérêts" if _public(calcul) else "Pénalités") + " à partir du"]
    lignes = []
    for i, limite in enumerate(calcul.limites):
        libelle, calcul_clair = methode(limite)
        ferie = jour_ferie(limite.date)
        ligne = [libelle[0].upper() + libelle[1:], calcul_clair, fr.date_courte(limite.date),
                 fr.jour_semaine(limite.date) + (f" (férié : {ferie})" if ferie else ""),
                 fr.date_courte(limite.debut_penalites)]
        if controle is not None:
            n = controle.depassements[i]
            ligne.append("respecte la limite" if n == 0 else f"{_jours(n)} de trop")
        lignes.append(ligne)
    if controle is None:
        pied = ["Point de départ", DEPARTS[calcul.motif], fr.date_courte(calcul.depart),
                fr.jour_semaine(calcul.depart), ""]
    else:
        colonnes.append("Écart de l'échéance convenue")
        pied = ["Échéance convenue", "", fr.date_courte(controle.echeance), fr.jour_semaine(controle.echeance), "",
                _verdict(controle, "permise", "selon la méthode", f"{_jours(controle.depassement)} de trop")]
    return {"titre": "Calcul de la date limite", "colonnes": colonnes, "lignes": lignes, "pied": pied}


def affichage(calcul: Calcul, controle: Controle | None, donnees: dict) -> dict:
    """Ce que la page montre, déjà mis en forme : JavaScript n'a qu'à l'insérer."""
    rendu = {
        "titre": "Délai de paiement",
        "phrase": _phrase(calcul, controle),
        "resume": _resume(calcul, controle),
        "tableaux": [_tableau(calcul, controle)],
        "avertissements": donnees["avertissements"],
        "notes": donnees["notes"],
        "liens": donnees["liens"],
        "sources": donnees["sources"],
    }
    texte = texte_brut(rendu)
    if rendu["liens"]:  # `texte_brut` ne connaît pas les liens
        texte += "\n\nÀ suivre\n" + "\n".join(f"- {lien['libelle']} : {lien['url']}" for lien in rendu["liens"])
    rendu["texte"] = texte
    return rendu
