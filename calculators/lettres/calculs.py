"""Les chiffres d'une lettre, demandés aux calculateurs du site par `calculators.api.run`.

Aucun montant n'est recalculé ici ni dans un gabarit : les pénalités, l'indemnité de 40 € et le
reste dû après acomptes viennent de `run("penalites", …)`, facture par facture ; les intérêts
moratoires d'un acheteur public, leur taux et l'indemnité de `run("interets-moratoires", …)` ;
l'échéancier de `run("echeancier", …)`. Leurs erreurs sont rapportées aux champs de la lettre
(`champs`), leurs avertissements repris par la lettre (`rendu`).
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from ..commun import format_fr as fr
from ..commun.erreurs import ErreurChamp, SaisieInvalide
from ..taux import couvert_jusqu_au
from .catalogue import MORATOIRES
from .champs import (FACTURES, FORMULAIRE, Saisies, acomptes_codes, erreur_acompte_apres,
                     erreur_acomptes_moratoires, erreur_mensualite_1343_2, erreurs_calculateur, erreurs_echeancier)
from .regles import (ZERO, Calcul, Chiffres, Facture, FactureChiffree, a_chiffrer, bases_echeancier, meme_numero,
                     centimes_sur_les_premieres, fusionner_plans, totaliser, tranches_moratoires)


def _run(nom: str, saisies: dict) -> dict:
    from ..api import run  # ici : `api` importe les calculateurs, dont ce paquet

    return run(nom, saisies)


def chiffrer(s: Saisies) -> Chiffres:
    """Les chiffres de la lettre ; lève SaisieInvalide, aux champs de la lettre, si un calculateur refuse."""
    erreurs = erreurs_taux_inconnus(s)
    if erreurs:
        raise SaisieInvalide(erreurs)
    factures = _une_indemnite_par_facture(tuple(_chiffrer_facture(f, s, erreurs) for f in s.factures))
    if erreurs:
        raise SaisieInvalide(erreurs)
    chiffres = totaliser(factures)
    if s.modele.cle != "echeancier":
        return chiffres
    return replace(chiffres, plan=_plan(s, chiffres))


def _une_indemnite_par_facture(factures: tuple) -> tuple:
    """Une facture payable en plusieurs fois, une ligne par échéance (même numéro, même date, comme la
    préremplit l'analyse du poste clients) : 40 € pour la facture (D441-5), sur sa première échéance
    en retard, pas un par échéance."""
    vues, sortie = set(), []
    for fc in factures:
        f, calcul = fc.facture, fc.calcul
        cle = (meme_numero(f.numero), f.date) if f.numero and f.date else None
        if cle and calcul is not None and calcul.indemnite:
            if cle in vues:
                fc = replace(fc, calcul=replace(calcul, indemnite=ZERO))
            vues.add(cle)
        sortie.append(fc)
    return tuple(sortie)


def _chiffrer_facture(f: Facture, s: Saisies, erreurs: list) -> FactureChiffree:
    """Pénalités (ou intérêts moratoires) de la facture par le calculateur lui-même ; ses erreurs vont à `erreurs`."""
    if not a_chiffrer(f, s.avec_calcul):
        return FactureChiffree(f, None, False)
    calcul = _moratoires(f, s, erreurs) if s.modele.calcul == MORATOIRES else _penalites(f, s, erreurs)
    return FactureChiffree(f, calcul, s.avec_calcul and calcul is not None)


def erreurs_taux_inconnus(s: Saisies) -> list[ErreurChamp]:
    """Pénalités à arrêter après le dernier taux BCE connu (C. com. art. L441-10 II : le taux d'un semestre
    futur n'est pas fixé), sans taux des CGV ni la case « prolonger » : refusées aux champs de la lettre —
    sa date pour les factures impayées, la date de paiement d'une facture payée après les tables. Les intérêts
    moratoires n'ont qu'un taux, celui du semestre où le retard commence (R2192-31) : leur calculateur
    refuse lui-même un retard commencé après les tables."""
    fin_des_tables = couvert_jusqu_au()
    if s.modele.calcul == MORATOIRES or s.taux is not None or s.prolonger:
        return []
    au_dela = [f for f in s.factures
               if a_chiffrer(f, s.avec_calcul) and (f.paiement or s.date_lettre) > fin_des_tables]
    case = f"ou cochez « {FORMULAIRE['prolonger'].libelle} » : la lettre chiffrera alors une estimation, signalée " \
           f"dans ses avertissements."
    connus = f"Les taux BCE ne sont connus que jusqu'au {fr.date_longue(fin_des_tables)}"
    erreurs = [ErreurChamp(f"{FACTURES.param}-{f.rang}-paiement",
                           f"{connus} : la facture {f.nom}, payée le {fr.date_courte(f.paiement)}, porte des "
                           f"pénalités sur un semestre dont le taux n'est pas encore dans les tables de ce site. Vérifiez sa date de "
                           f"paiement, {case}")
               for f in au_dela if f.paiement]
    impayees = [f.nom for f in au_dela if not f.paiement]
    if impayees:
        erreurs.insert(0, ErreurChamp("date_lettre", (
            f"{connus} : les pénalités {'des factures' if len(impayees) > 1 else 'de la facture'} "
            f"{fr.enumeration(impayees, au_plus=5)}, arrêtées à la date de la lettre "
            f"({fr.date_longue(s.date_lettre)}), "
            f"courent sur un semestre dont le taux n'est pas encore dans les tables de ce site. Datez la lettre au plus tard du "
            f"{fr.date_longue(fin_des_tables)}, {case}")))
    return erreurs


def _penalites(f: Facture, s: Saisies, erreurs: list) -> Calcul | None:
    if (erreur := erreur_acompte_apres(f, f.paiement or s.date_lettre)) is not None:
        erreurs.append(erreur)
        return None
    saisies = {"montant": str(f.montant), "echeance": f.echeance.isoformat(),
               "paiement": (f.paiement or s.date_lettre).isoformat(), "aujourdhui": s.date_lettre.isoformat(),
               "acomptes": acomptes_codes(f.acomptes), "imputation": s.imputation,
               "prolonger": "oui" if s.prolonger else "non"}
    if s.taux is not None:
        saisies["taux"] = str(s.taux)
    r = _run("penalites", saisies)
    if not r["ok"]:
        erreurs += erreurs_calculateur(f, r["erreurs"])
        return None
    return Calcul(jours=r["jours_retard"], taux=tuple(Decimal(p["taux"]) for p in r["periodes"]),
                  interets=Decimal(r["penalites"]), interets_restants=Decimal(r["penalites_restantes"]),
                  indemnite=Decimal(r["indemnite_forfaitaire"]), principal_restant=Decimal(r["principal_restant"]),
                  acomptes=tuple(r["acomptes"]), avertissements=tuple(r["avertissements"]))


def _moratoires(f: Facture, s: Saisies, erreurs: list) -> Calcul | None:
    """Intérêts moratoires par le calculateur d'intérêts moratoires : l'échéance de la facture est la fin
    du délai de paiement ; chaque acompte, puis le solde, porte intérêt jusqu'à son paiement (L2192-13)."""
    fin = f.paiement or s.date_lettre
    if (erreur := erreur_acomptes_moratoires(f, fin)) is not None:
        erreurs.append(erreur)
        return None
    tranches = tranches_moratoires(f, fin)
    resultats = []
    for montant, paiement in tranches:
        r = _run("interets-moratoires", {"montant": str(montant), "echeance": f.echeance.isoformat(),
                                         "paiement": paiement.isoformat(), "aujourdhui": s.date_lettre.isoformat()})
        if not r["ok"]:
            nouvelles = erreurs_calculateur(f, r["erreurs"], acompte=paiement != fin)
            erreurs += [e for e in nouvelles if e not in erreurs]
            return None
        resultats.append(r)
    solde = resultats[-1]  # le solde est payé en dernier, après l'échéance (lettre d'une facture échue)
    interets = sum((Decimal(r["interets"]) for r in resultats), ZERO)
    return Calcul(jours=solde["jours"], taux=tuple(dict.fromkeys(Decimal(r["taux"]) for r in resultats if r["taux"])),
                  interets=interets, interets_restants=interets, indemnite=Decimal(solde["indemnite_forfaitaire"]),
                  principal_restant=tranches[-1][0],
                  acomptes=tuple({"date": a["date"].isoformat(), "montant": str(a["montant"])} for a in f.acomptes),
                  avertissements=tuple(dict.fromkeys(a for r in resultats for a in r["avertissements"])))


def _plan(s: Saisies, chiffres: Chiffres) -> dict:
    """Échéancier par le calculateur d'échéancier : ses champs sont les `plan_*` de la lettre.

    Avec un taux d'intérêt et des pénalités étalées, les pénalités ne portent pas intérêt (C. civ.
    art. 1343-2, voir `regles.bases_echeancier`) : deux plans aux mêmes dates, l'un à taux (principal et
    indemnités), l'autre sans (pénalités), additionnés échéance par échéance.
    """
    saisies = {nom.removeprefix("plan_"): valeur for nom, valeur in s.plan.items()}
    commun = {**saisies, "aujourdhui": s.date_lettre.isoformat()}
    plan = _echeancier({**commun, "montant": str(chiffres.a_etaler(s.avec_calcul))})
    if not (s.avec_calcul and chiffres.penalites and Decimal(plan["taux"])):
        return plan
    if plan["mode"] != "nombre":
        raise SaisieInvalide([erreur_mensualite_1343_2()])
    acompte = Decimal(plan["acompte"])
    avec_interets = chiffres.principal_du + chiffres.indemnites
    parts = []
    for montant, sur_part, interets in bases_echeancier(avec_interets, chiffres.penalites, acompte):
        dates = [e["date"] for e in parts[0]["echeances"]] if parts else []
        if not interets and dates and (montant - sur_part) * 100 < len(dates):
            parts.append(centimes_sur_les_premieres(montant - sur_part, dates))  # 0,04 € sur 12 échéances
        else:
            parts.append(_echeancier({**commun, "montant": str(montant), "acompte": str(sur_part) if sur_part else "",
                                      **({} if interets else {"taux": ""})}))
    return {**fusionner_plans(parts, Decimal(plan["montant"]), acompte), "mode": "nombre",
            "base_interets": str(avec_interets), "sans_interets": str(chiffres.penalites),
            "avertissements": plan["avertissements"], "plans": [_sans_affichage(p) for p in parts]}


def _echeancier(saisies: dict) -> dict:
    r = _run("echeancier", saisies)
    if not r["ok"]:
        raise SaisieInvalide(erreurs_echeancier(r["erreurs"]))
    return r


def _sans_affichage(resultat: dict) -> dict:
    return {k: v for k, v in resultat.items() if k not in ("affichage", "csv")}
