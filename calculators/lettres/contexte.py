"""Ce que reçoit le gabarit d'une lettre : uniquement des textes déjà écrits à la française.

Les chiffres viennent de `calculs` (donc des calculateurs du site) ; ici, ils sont seulement mis
en forme par `format_fr`. Rien n'est calculé dans un gabarit. `valeurs_exactes` donne les mêmes
chiffres, non mis en forme, pour le JSON et la ligne de commande.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ..commun import format_fr as fr
from ..penalites.regles import INDEMNITE_FORFAITAIRE
from .catalogue import MORATOIRES
from .champs import MULTILIGNES, Saisies
from .regles import Chiffres, FactureChiffree, date_limite


def _lignes(texte: str) -> list[str]:
    return [ligne.strip() for ligne in texte.split("\n") if ligne.strip()]


def _date(jour: dt.date | None) -> str:
    return fr.date_courte(jour) if jour else ""


def _facture(fc: FactureChiffree, date_lettre: dt.date) -> dict:
    f, p = fc.facture, fc.penalites
    taux = " puis ".join(dict.fromkeys(fr.pourcent(t) for t in p.taux)) if p else ""
    if p:
        jours = str(p.jours)
    else:
        jours = str(max((date_lettre - f.echeance).days, 0)) if f.echeance else ""
    return {
        "numero": f.numero, "date": _date(f.date), "montant": fr.euros(f.montant), "echeance": _date(f.echeance),
        "paiement": _date(f.paiement), "jours": jours, "taux": taux,
        "penalites": fr.euros(fc.penalites_dues) if p else "",
        "indemnite": fr.euros(p.indemnite) if p else "",
        "acomptes": [f"{fr.euros(Decimal(a['montant']))} le {fr.date_courte(dt.date.fromisoformat(a['date']))}"
                     for a in (fc.calcul.acomptes if fc.calcul else ())],
        "reste": fr.euros(fc.du),
    }


def _taux_libelle(s: Saisies, article: bool = True) -> str:
    """Le taux appliqué, en toutes lettres ; `article` : avec l'article qui le fixe (sans lui dans une
    phrase qui cite déjà L441-10 II)."""
    if s.modele.calcul == MORATOIRES:
        return ("taux de la BCE en vigueur au premier jour du semestre où les intérêts ont commencé à courir, "
                "majoré de huit points (art. R2192-31 du Code de la commande publique)")
    if s.taux is not None:
        return "taux prévu à nos conditions générales de vente"
    # L441-10 II : le taux de chaque semestre est celui en vigueur au 1er janvier ou au 1er juillet,
    # pas le dernier taux connu le jour de la lettre (qui peut avoir changé depuis).
    return ("taux de la BCE à son opération de refinancement la plus récente, en vigueur au 1er janvier ou au "
            "1er juillet de chaque semestre, majoré de dix points"
            + (" (art. L441-10 II du Code de commerce)" if article else ""))


def _de(lettres: str) -> str:
    """« de » devant un montant en lettres, élidé devant une voyelle : seul « un » en prend une (« onze »
    et « huit » ne s'élident pas).

    >>> _de("un million d'euros et un centime"), _de("onze euros"), _de("huit mille euros")
    ("d'un million d'euros et un centime", 'de onze euros', 'de huit mille euros')
    """
    return f"d'{lettres}" if lettres.startswith("un") else f"de {lettres}"


def _plan(plan: dict) -> dict:
    montant = Decimal(plan["montant"])
    ctx = {
        "montant": fr.euros(montant),
        # En lettres et en chiffres (C. civ. art. 1376), après « la somme » : « de » élidé devant « un ».
        "de_montant_lettres": _de(fr.montant_en_lettres(montant)),
        "acompte": fr.euros(Decimal(plan["acompte"])), "avec_acompte": Decimal(plan["acompte"]) > 0,
        "nombre": str(plan["nombre"]),
        "taux": fr.pourcent(Decimal(plan["taux"])), "avec_taux": Decimal(plan["taux"]) > 0,
        "total_paye": fr.euros(Decimal(plan["total_paye"])),
        "echeances": [{"rang": str(x["rang"]), "date": fr.date_courte(dt.date.fromisoformat(x["date"])),
                       "montant": fr.euros(Decimal(x["montant"]))} for x in plan["echeances"]],
        "premiere": fr.date_longue(dt.date.fromisoformat(plan["premiere"])),
        "derniere": fr.date_longue(dt.date.fromisoformat(plan["derniere"])),
        # Pénalités étalées sans intérêts (C. civ. art. 1343-2) : voir `calculs._plan`.
        "sans_interets": fr.euros(Decimal(plan["sans_interets"])) if "sans_interets" in plan else "",
        "base_interets": fr.euros(Decimal(plan["base_interets"])) if "base_interets" in plan else "",
    }
    # L'acompte a réglé toutes les pénalités (C. civ. art. 1343-1) : il n'en reste pas à étaler.
    ctx["penalites_par_acompte"] = "plans" in plan and len(plan["plans"]) == 1
    return ctx


def contexte(s: Saisies, ch: Chiffres) -> dict:
    """Saisies lues et chiffres → contexte du gabarit."""
    t = {nom: _lignes(texte) if nom in MULTILIGNES else texte for nom, texte in s.textes.items()}
    chiffrees = [fc for fc in ch.factures if fc.penalites]
    unitaire = next((fc.penalites.indemnite for fc in chiffrees if fc.penalites.indemnite), INDEMNITE_FORFAITAIRE)
    ctx = {
        "titre": s.modele.titre, "modele": s.modele.cle,
        "creancier": {"nom": t["creancier_nom"], "adresse": t["creancier_adresse"],
                      "contact": t["creancier_contact"], "siren": t["creancier_siren"]},
        "debiteur": {"nom": t["debiteur_nom"], "adresse": t["debiteur_adresse"],
                     "interlocuteur": t["debiteur_interlocuteur"]},
        "tribunal": s.tribunal,
        "lieu": t["lieu"], "date_lettre": fr.date_longue(s.date_lettre),
        "signataire": t["signataire"], "fonction": t["fonction"], "reference": t["reference"],
        "demarches": t["demarches"], "litige": t["litige"],
        "factures": [_facture(fc, s.date_lettre) for fc in ch.factures],
        "plusieurs": len(ch.factures) > 1, "nombre_factures": str(len(ch.factures)),
        "plusieurs_indemnites": sum(1 for fc in ch.factures if fc.penalites and fc.penalites.indemnite) > 1,
        "avec_acomptes": any(f.acomptes for f in s.factures),
        # Une facture payée après son échéance : dire « soldée » ressemblerait à une quittance sans réserve
        # (pénalités et 40 € restent dus, C. com. L441-10 II) ; le remerciement s'en tient à la réception.
        "paye_en_retard": any(f.paiement and f.echeance and f.paiement > f.echeance for f in s.factures),
        # Les acomptes paient d'abord les pénalités échues (C. civ. art. 1343-1) : le principal encore
        # dû d'une facture impayée dépasse alors son solde comptable, et la lettre dit pourquoi. Une
        # facture payée n'a plus de principal dû : elle n'entre pas dans la comparaison.
        "acomptes_sur_penalites": s.imputation == "interets" and any(
            fc.du > fc.facture.montant - sum((a["montant"] for a in fc.facture.acomptes), Decimal(0))
            for fc in ch.factures if not fc.facture.paiement),
        # Factures payées : ce que leurs acomptes ont réglé de pénalités (1343-1), déduit de la note ;
        # la lettre dit qu'un solde égal à la facture moins les acomptes laisse autant de principal dû.
        "penalites_reglees_par_acomptes": _penalites_reglees_par_acomptes(ch),
        "avec_calcul": s.avec_calcul,
        "taux_libelle": _taux_libelle(s),
        # Dans une phrase qui cite déjà l'article L441-10 II (mise en demeure, note de débit).
        "taux_libelle_sans_article": _taux_libelle(s, article=False),
        "arrete": fr.date_longue(s.date_lettre),
        "delai": str(s.delai), "date_limite": fr.date_longue(date_limite(s.date_lettre, s.delai)),
        "totaux": {
            "principal": fr.euros(ch.principal), "principal_du": fr.euros(ch.principal_du),
            "penalites": fr.euros(ch.penalites), "indemnites": fr.euros(ch.indemnites),
            "accessoires": fr.euros(ch.accessoires), "total": fr.euros(ch.total),
            "nombre_indemnites": str(sum(1 for fc in chiffrees if fc.penalites.indemnite)),
        },
        "tout_paye": all(f.paiement for f in s.factures),
        "un_paye": any(f.paiement for f in s.factures),
        # Indemnité forfaitaire (D441-5, D2192-35), en lettres et en chiffres, pour les mentions : celle
        # qu'ont rendue les calculateurs, ou celle de D441-5 si aucune facture n'est chiffrée.
        "indemnite_unitaire": {"chiffres": fr.euros(unitaire), "lettres": fr.montant_en_lettres(unitaire)},
    }
    if ch.plan is not None:
        ctx["plan"] = _plan(ch.plan)
    return ctx


def valeurs_exactes(s: Saisies, ch: Chiffres) -> dict:
    """Les chiffres de la lettre, non mis en forme (chaînes décimales, dates ISO), pour le JSON."""
    return {
        "principal": str(ch.principal), "principal_du": str(ch.principal_du), "penalites": str(ch.penalites),
        "indemnites": str(ch.indemnites), "accessoires": str(ch.accessoires), "total": str(ch.total),
        "date_lettre": s.date_lettre.isoformat(),
        "date_limite": date_limite(s.date_lettre, s.delai).isoformat() if s.modele.cle == "mise-en-demeure" else None,
        "factures": [_facture_exacte(fc) for fc in ch.factures],
        "echeancier": None if ch.plan is None else {k: v for k, v in ch.plan.items() if k != "affichage"},
    }


def _facture_exacte(fc: FactureChiffree) -> dict:
    f, p = fc.facture, fc.penalites
    return {"numero": f.numero, "montant": str(f.montant), "acomptes": list(fc.calcul.acomptes) if fc.calcul else [],
            "principal_restant": str(fc.du),
            "echeance": f.echeance.isoformat() if f.echeance else None,
            "paiement": f.paiement.isoformat() if f.paiement else None,
            "jours_retard": p.jours if p else None,
            "taux": [str(t) for t in p.taux] if p else None,
            "penalites": str(p.interets) if p else None,
            "penalites_restantes": str(p.interets_restants) if p else None,
            "indemnite_forfaitaire": str(p.indemnite) if p else None}


def _penalites_reglees_par_acomptes(ch) -> str:
    """Ce que les acomptes des factures payées ont réglé de pénalités, en euros ; "" s'il n'y en a pas."""
    total = sum((fc.penalites.interets - fc.penalites.interets_restants for fc in ch.factures
                 if fc.penalites and fc.facture.paiement), Decimal(0))
    return fr.euros(total) if total else ""
