"""Résultats → objet JSON : montants exacts en chaînes (« 1234.56 »), dates ISO, clés stables.

Clés principales : `balance_agee` (`tranches` non_echu, 1_30, 31_60, 61_90, 91_plus, chacune
`nombre` et `montant` ; `total` ; `clients`), `balance_agee_fournisseurs`, `dso`, `retard_moyen`
(`en_cours`, `au_paiement`), `d441_6`,
`penalites` (totaux, `par_client`, `factures`), `factures_ouvertes` (le relevé de compte de
chaque client), `relances`, `chiffres`, `lecture`, `hypotheses`, `avertissements`, `sources`,
puis `affichage` (le rendu en français, voir `rendu`).
"""

from __future__ import annotations

import json
import re
import secrets
from itertools import islice

from .balance_agee import TRANCHES, en_litige, tranche
from .d441_6 import BANDES, pourcentage
from .dso import arrondi_jours
from .modele import CLIENTS, FOURNISSEURS, ZERO


def _s(valeur) -> str | None:
    return None if valeur is None else str(valeur)


def _cumul(c) -> dict:
    return {"nombre": c.nombre, "montant": str(c.montant)}


def ligne_balance_json(ligne) -> dict:
    sortie = {
        "compte": ligne.tiers, "nom": ligne.nom,
        "tranches": {cle: _cumul(ligne.tranches[cle]) for cle in TRANCHES},
        "a_nouveau": str(ligne.a_nouveau), "non_affecte": str(ligne.non_affecte),
        "echu": str(ligne.echu), "total": str(ligne.total),
        "plus_ancien_retard": ligne.plus_ancien_retard, "retard_moyen": _s(ligne.retard_moyen),
        "litiges": str(ligne.litiges),
    }
    if ligne.dso is not None:  # un client : sa part échue et ses deux DSO, sur ses propres ventes
        epuisement, complet, simple = ligne.dso
        sortie["part_echue"] = _s(pourcentage(ligne.echu, ligne.du))
        sortie["dso"] = {"epuisement": str(epuisement), "complet": complet, "simple": _s(simple)}
    return sortie


def balance_json(balance) -> dict:
    lignes, total = balance
    sortie = ligne_balance_json(total)
    del sortie["compte"], sortie["nom"]
    sortie["nombre_tiers"] = len(lignes)
    sortie["part_echue"] = _s(pourcentage(total.echu, total.du))  # des sommes dues, crédits à part
    sortie["clients"] = [ligne_balance_json(ligne) for ligne in lignes]
    return sortie



def dso_json(dso) -> dict:
    epuisement, simple = dso
    return {
        "methode": "epuisement",
        "encours": str(epuisement.encours),
        "epuisement": {
            "jours": _s(arrondi_jours(epuisement.jours)), "complet": epuisement.complet,
            "mois": [{"mois": f"{m.annee}-{m.mois:02d}", "jours": m.jours, "ventes": str(m.ventes),
                      "encours_avant": str(m.encours_avant), "jours_comptes": str(arrondi_jours(m.jours_comptes))}
                     for m in epuisement.mois],
        },
        "simple": {"jours": _s(None if simple.jours is None else arrondi_jours(simple.jours)),
                   "ventes": str(simple.ventes), "periode_jours": simple.periode_jours,
                   "debut": simple.debut.isoformat() if simple.debut else None},
    }


def retard_moyen_json(r) -> dict:
    """Les deux retards moyens pondérés des clients (jours au dixième, None sans facture) : des
    factures échues encore dues (balance âgée), et au paiement des factures soldées dans l'exercice."""
    total = r.balances[CLIENTS][1]
    def paiement(x):
        return {"jours": _s(x.jours), "factures": x.factures, "en_retard": x.en_retard, "montant": str(x.montant)}
    return {"en_cours": {"jours": _s(total.retard_moyen), "echu": str(total.echu)},
            "au_paiement": dict(paiement(r.au_paiement.total),
                                clients={c: paiement(x) for c, x in sorted(r.au_paiement.par_client.items())})}


def tableau_json(t) -> dict:
    sortie = {"variante": t.variante, "montants": "HT" if t.ht else "TTC", "base": str(t.base),
              "exclues": _cumul(t.exclues), "ht_inconnu": t.ht_inconnu, "bandes": {}}
    for cle in BANDES + (None,):
        cumul = t.total if cle is None else t.bandes[cle]
        valeur = _cumul(cumul)
        if t.variante == "I":
            valeur["pourcentage"] = _s(t.pourcentage_montant(cle))
        else:
            valeur["pourcentage_nombre"] = _s(t.pourcentage_nombre(cle))
            valeur["pourcentage_montant"] = _s(t.pourcentage_montant(cle))
        if cle is None:
            sortie["total"] = valeur
        else:
            sortie["bandes"][cle] = valeur
    if t.variante == "II":
        sortie["base_nombre"] = t.base_nombre
    return sortie


def d441_json(r) -> dict:
    sortie = {"montants": "HT" if r.reglages.ht else "TTC", "delai_de_reference": r.reglages.delai.code,
              "exercice": {"debut": r.debut.isoformat(), "fin": r.au.isoformat()}}
    for cote in (CLIENTS, FOURNISSEURS):
        if cote in r.d441_6:
            i, ii = r.d441_6[cote]
            sortie[cote] = {"I": tableau_json(i), "II": tableau_json(ii)}
    return sortie


# Les listes facture par facture sont écrites directement en texte JSON, tel que `json.dumps(...,
# ensure_ascii=False)` l'écrirait ; leur dictionnaire en est relu. Mesuré (FEC de 100 000 lignes) :
# 2,3 µs par pénalité au lieu de 8,7 (dictionnaire puis encodeur), 1,9 au lieu de 4,9 par facture
# ouverte ; un million de lignes en a 90 160 et 25 180. Les chaînes venues du fichier passent par
# l'échappement de `json` (`_chaine`) ; dates ISO et montants n'ont rien à échapper ; un montant
# passe par `str` (`f"{montant}"` : trois fois plus lent pour un Decimal).
_chaine = json.encoder.encode_basestring
_BOOLEEN = {True: "true", False: "false"}  # un accès au dictionnaire, pas un appel de fonction


class _DatesIso(dict):
    """Date → texte ISO, gardé : `isoformat` coûte 0,5 µs (mesuré) et les mêmes jours reviennent dans
    des dizaines de milliers de factures ; quelques milliers de dates au plus."""

    def __missing__(self, jour):
        self[jour] = texte = jour.isoformat()
        return texte


_ISO = _DatesIso()


def penalite_texte(p, noms) -> str:
    """Une facture en retard (`penalites.PenaliteFacture`), en texte JSON."""
    m = p.poste.mouvement
    jour_sans_taux = f'"{_ISO[p.jour_sans_taux]}"' if p.jour_sans_taux else "null"
    penalites = "null" if p.penalites is None else f'"{str(p.penalites)}"'
    return (f'{{"compte": {_chaine(p.tiers)}, "nom": {_chaine(noms.get((m.cote, p.tiers), p.tiers))}, '
            f'"facture": {_chaine(m.piece)}, "date": "{_ISO[m.date_piece]}", '
            f'"echeance": "{_ISO[p.echeance]}", "montant": "{str(m.montant)}", "du": "{str(p.du)}", '
            f'"fin": "{_ISO[p.fin]}", "soldee": {_BOOLEEN[p.soldee]}, "jours": {p.jours}, '
            f'"penalites": {penalites}, "indemnite": "{str(p.indemnite)}", "total": "{str(p.total)}", '
            f'"raison": {_chaine(p.raison) if p.raison else "null"}, "jour_sans_taux": {jour_sans_taux}, '
            f'"non_confirme": {_BOOLEEN[p.non_confirme]}, "hypothese": {_BOOLEEN[p.hypothese]}, '
            f'"par_anteriorite": {_BOOLEEN[p.poste.par_anteriorite]}, "litige": {_BOOLEEN[p.litige]}, '
            f'"ligne": {m.ligne}}}')


def penalite_json(p, noms) -> dict:
    return json.loads(penalite_texte(p, noms))


def poste_texte(p, au, noms, litiges: frozenset) -> str:
    """Un poste client encore dû : la ligne d'un relevé de compte, en texte JSON ; `litiges` : les
    numéros marqués en litige dans les réglages."""
    m = p.mouvement
    jours = None if p.echeance is None else (au - p.echeance).days
    echeance = f'"{_ISO[p.echeance]}"' if p.echeance else "null"
    return (f'{{"compte": {_chaine(m.tiers)}, "nom": {_chaine(noms.get((m.cote, m.tiers), m.tiers))}, '
            f'"facture": {_chaine(m.piece)}, "nature": {_chaine(m.nature)}, "date": "{_ISO[m.date_piece]}", '
            f'"echeance": {echeance}, "montant": "{str(m.montant)}", "du": "{str(p.du)}", "reste": "{str(p.reste)}", '
            f'"retard": {"null" if jours is None else jours}, '
            f'"tranche": {_chaine("a_nouveau" if jours is None else tranche(jours))}, '
            f'"litige": {_BOOLEEN[en_litige(p, litiges)]}, "par_anteriorite": {_BOOLEEN[p.par_anteriorite]}, '
            f'"ligne": {m.ligne}}}')


def poste_json(p, au, noms, litiges: frozenset) -> dict:
    return json.loads(poste_texte(p, au, noms, litiges))


def penalites_json(r, details: bool = True) -> dict:
    noms = r.donnees.noms
    par_client = sorted(r.penalites_par_tiers.values(), key=lambda c: (-c.total, c.tiers))
    total_p = sum((c.penalites for c in par_client), start=ZERO)
    total_i = sum((c.indemnites for c in par_client), start=ZERO)
    return {
        "total_penalites": str(total_p), "total_indemnites": str(total_i), "total": str(total_p + total_i),
        # Les totaux et leurs comptes sont hors litige ; les factures en litige, décomptées, à part.
        "factures_en_retard": sum(c.factures for c in par_client),
        "non_chiffrees": sum(c.non_chiffrees for c in par_client),
        "en_litige": sum(1 for p in r.penalites if p.litige),
        "taux_contractuel": _s(r.reglages.taux),
        "par_client": [{"compte": c.tiers, "nom": noms.get((CLIENTS, c.tiers), c.tiers), "factures": c.factures,
                        "penalites": str(c.penalites), "indemnites": str(c.indemnites), "total": str(c.total),
                        "non_chiffrees": c.non_chiffrees, "en_litige": c.en_litige} for c in par_client],
        "factures": [penalite_json(p, noms) for p in r.penalites] if details else [],
    }


def en_json(r, affichage: bool = True, details: bool = True, exports: bool = True) -> dict:
    """Le résultat complet : valeurs exactes, puis `affichage` (français, prêt à insérer).

    Sans affichage pour la sortie JSON de la ligne de commande, qui ne le montre pas ; sans les
    listes facture par facture (`details=False` : pénalités et factures ouvertes laissées vides)
    quand elles sont écrites en flux (`ecrire_json`) ou que personne ne les lit (la page, le
    résumé de la ligne de commande)."""
    from . import hypotheses, rendu
    from .lettres_preremplies import relances_json

    d = r.donnees
    sortie = {
        "ok": True, "calculateur": "portefeuille", "format": d.format, "encodage": d.encodage,
        "au": r.au.isoformat(), "au_par_defaut": r.au_par_defaut or None, "debut": r.debut.isoformat(),
        "reglages": {"delai": r.reglages.delai.code,
                     "delais_clients": {t: dl.code for t, dl in sorted(r.reglages.delais_clients.items())},
                     "ht": r.reglages.ht, "taux": _s(r.reglages.taux), "prolonger": r.reglages.prolonger,
                     "litiges": sorted(r.reglages.litiges)},
        "lecture": {"lignes": d.lignes, "ecritures": d.ecritures, "rejetees": d.nb_rejets,
                    "rejets": [x.en_dict() for x in d.rejets], "remarques": [x.en_dict() for x in d.remarques],
                    "caracteres_illisibles": d.illisibles},
        "chiffres": {cle: str(v) for cle, v in r.chiffres.items()},
        "balance_agee": balance_json(r.balances[CLIENTS]),
        "dso": dso_json(r.dso),
        "retard_moyen": retard_moyen_json(r),
        "d441_6": d441_json(r),
        "penalites": penalites_json(r, details),
        "factures_ouvertes": [poste_json(p, r.au, d.noms, r.reglages.cles_litiges) for p in r.ouverts] if details else [],
    }
    if r.tiers[FOURNISSEURS]:
        sortie["balance_agee_fournisseurs"] = balance_json(r.balances[FOURNISSEURS])
    sortie["relances"] = relances_json(r)
    sortie["hypotheses"] = hypotheses.hypotheses(r)
    sortie["avertissements"] = hypotheses.avertissements(r)
    sortie["sources"] = rendu.sources(r)
    if affichage:
        sortie["affichage"] = rendu.affichage(r, sortie, fichiers="contenus" if exports else None)
    return sortie


def pour_la_page(r) -> dict:
    """Ce que la page reçoit : l'affichage (résumé, tableaux, exports CSV sans leur contenu,
    demandé au clic : `exports.fichiers_a_la_demande`), rien d'autre.

    Pourquoi : les valeurs brutes facture par facture ne servent qu'au JSON de la ligne de
    commande ; pour 100 000 lignes, ce sont 5 Mo de JSON que le worker écrivait puis relisait
    sans que la page en montre rien (mesuré sous Node, moteur chaud : résultat en 2,0 s au lieu
    de 3,0 à 3,4 s)."""
    from . import rendu

    return {"ok": True, "affichage": rendu.affichage(r, en_json(r, affichage=False, details=False),
                                                     fichiers="a_la_demande")}


def ecrire_json(r, flux, indent: int | None = None, adresse: str = "") -> None:
    """Écrit le JSON complet (sans affichage) dans `flux`, les listes facture par facture
    (pénalités, factures ouvertes) au fil de l'eau : un million de lignes, ce sont des dizaines
    de milliers de factures qui ne sont jamais toutes en mémoire sous forme de texte. `adresse` :
    celle de la page d'analyse, d'où les liens des lettres deviennent des adresses complètes."""
    from .lettres_preremplies import liens_complets

    valeurs = en_json(r, affichage=False, details=False)
    if adresse:
        liens_complets(valeurs["relances"], adresse)
    noms = r.donnees.noms
    listes = {"penalites": (penalite_texte(p, noms) for p in r.penalites),
              "ouvertes": (poste_texte(p, r.au, noms, r.reglages.cles_litiges) for p in r.ouverts)}
    # Une marque à la place de chaque liste, remplacée par elle à l'écriture ; tirée au hasard à
    # chaque fois, pour qu'aucun texte du fichier (un nom de client…) ne puisse la contrefaire.
    marque = f"@@{secrets.token_hex(16)}@@"
    valeurs["penalites"]["factures"] = marque + "penalites"
    valeurs["factures_ouvertes"] = marque + "ouvertes"
    morceaux = re.split(f'"{marque}(penalites|ouvertes)"', json.dumps(valeurs, ensure_ascii=False, indent=indent))
    flux.write(morceaux[0])  # puis nom de liste, texte, nom de liste, texte
    for rang in range(1, len(morceaux), 2):
        flux.write("[")
        # Par paquets : une écriture pour mille factures.
        for n, paquet in enumerate(_paquets(listes[morceaux[rang]], PAQUET_JSON)):
            flux.write((", " if n else "") + ", ".join(paquet))
        flux.write("]" + morceaux[rang + 1])
    flux.write("\n")


PAQUET_JSON = 1000  # factures écrites à la fois


def _paquets(valeurs, taille: int):
    suite = iter(valeurs)
    while paquet := list(islice(suite, taille)):
        yield paquet
