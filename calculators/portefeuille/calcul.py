"""Tous les résultats à une date d'analyse, compte par compte (la mémoire reste bornée).

Chaque compte de tiers est lettré puis versé aussitôt dans la balance âgée, les tableaux
D441-6, les pénalités et la liste des relances ; il n'en reste que ce que les résultats
citent (factures en retard, factures à relancer). L'ordre est celui des numéros de compte,
jamais celui du fichier.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..commun.argent import au_centime
from .balance_agee import ligne_balance, totaliser
from .champs import Reglages
from .d441_6 import TableauD441, ajouter_i, ajouter_ii
from .dso import dso_du_client, dso_par_epuisement, dso_simple
from .echeances import Echeancier
from .lettrage import lettrer
from .modele import AVOIR, CLIENTS, DEBIT_DIVERS, FACTURE, FOURNISSEURS, ZERO, Donnees
from .penalites import penalites_du_compte
from .relances import a_relancer
from .retard_moyen import RetardsAuPaiement


@dataclass
class Resultats:
    """Tout ce que l'analyse calcule, en valeurs (Decimal, dates) ; le rendu les met en forme."""

    donnees: Donnees
    reglages: Reglages
    au: dt.date
    au_par_defaut: str            # "" (saisie), "fichier" (dernière écriture) ou "aujourdhui"
    debut: dt.date
    tiers: dict                   # cote → nombre de comptes lus
    balances: dict                # cote → ([LigneBalance], total)
    ventes_ttc: dict              # (année, mois) → CA TTC
    chiffres: dict                # "ca_ttc", "ca_ht", "achats_ttc", "achats_ht" de l'exercice
    dso: tuple                    # (épuisement, simple)
    d441_6: dict                  # cote → (I, II)
    penalites: list
    penalites_par_tiers: dict
    relances: list
    ouverts: list                 # postes clients encore dus à la date (relevé de compte)
    au_paiement: RetardsAuPaiement  # retard moyen au paiement, de tous les clients et de chacun
    hypotheses: dict = field(default_factory=dict)
    absents: dict = field(default_factory=dict)  # réglage → ce qu'il cite et que le fichier n'a pas
    echeances: dict = field(default_factory=dict)  # côté → (échéances lues dans le fichier, déduites d'un délai)

    @property
    def delais_propres(self) -> int:
        """Clients à délai propre présents dans le fichier (un compte absent, mal tapé, n'a servi à rien)."""
        return len(self.reglages.delais_clients) - len(self.absents.get("delais_clients", ()))


def dates_d_analyse(donnees: Donnees, reglages: Reglages, jour: dt.date) -> tuple[dt.date, str, dt.date]:
    """Date d'analyse (saisie, sinon dernière écriture, sinon `jour`), son origine, et début
    de l'exercice (saisi, sinon première date du FEC, sinon douze mois avant)."""
    au, origine = reglages.au, ""
    if au is None:
        au, origine = au_par_defaut(donnees, jour)
    debut = reglages.debut
    if debut is None:
        debut = donnees.premiere_date if donnees.format.startswith("fec") and donnees.premiere_date else None
        debut = debut or douze_mois_avant(au)
    return au, origine, min(debut, au)


def au_par_defaut(donnees: Donnees, jour: dt.date) -> tuple[dt.date, str]:
    """Date d'analyse non saisie : la dernière date d'écriture du fichier, sinon `jour` ; et son origine."""
    return (donnees.derniere_date, "fichier") if donnees.derniere_date else (jour, "aujourdhui")


def douze_mois_avant(au: dt.date) -> dt.date:
    """Premier jour des douze mois qui finissent à `au` : le lendemain du même jour un an plus tôt,
    et, si `au` finit un mois, le premier du mois suivant un an plus tôt (un exercice clos le 31
    mars commence le 1er avril, comme la période du DSO simple ; clos le 28 février 2025, le
    1er mars 2024, bien que 2024 ait un 29 février).

    >>> douze_mois_avant(dt.date(2025, 3, 31)), douze_mois_avant(dt.date(2025, 2, 28))
    (datetime.date(2024, 4, 1), datetime.date(2024, 3, 1))
    >>> douze_mois_avant(dt.date(2025, 12, 31)), douze_mois_avant(dt.date(2025, 6, 15))
    (datetime.date(2025, 1, 1), datetime.date(2024, 6, 16))
    """
    lendemain = au + dt.timedelta(days=1)
    if lendemain.day == 1:
        return dt.date(lendemain.year - 1, lendemain.month, 1)
    return dt.date(au.year - 1, au.month, au.day) + dt.timedelta(days=1)


def flux_de_l_exercice(donnees: Donnees, cote: str, debut: dt.date, au: dt.date) -> tuple:
    """Factures et avoirs de l'exercice [debut, au] : TTC par mois, total TTC, total HT (un HT
    inconnu compte TTC, comme dans les tableaux D441-6, `d441_6._montant`, qui le disent), et TTC
    par mois de chaque tiers (le DSO de chaque client)."""
    par_mois, ttc, ht, par_tiers = {}, ZERO, ZERO, {}
    for (c, tiers), liste in donnees.par_tiers.items():  # `donnees.mouvements(cote)`, sans générateur
        if c != cote:
            continue
        du_tiers = {}
        for m in liste:
            if (m.nature != FACTURE and m.nature != AVOIR) or m.detaille or not debut <= m.date <= au:
                continue
            mois = (m.date.year, m.date.month)
            du_tiers[mois] = du_tiers.get(mois, ZERO) + m.montant
            ttc += m.montant
            ht += m.montant if m.ht is None else m.ht
        if du_tiers:  # le total par mois fait des tiers : une douzaine d'additions par tiers, pas une par facture
            par_tiers[tiers] = du_tiers
            for mois, montant in du_tiers.items():
                par_mois[mois] = par_mois.get(mois, ZERO) + montant
    return par_mois, ttc, ht, par_tiers


def chiffres_de_l_exercice(donnees: Donnees, debut: dt.date, au: dt.date) -> tuple[dict, dict, dict]:
    """Ventes TTC par mois (DSO), celles de chaque client, et les bases du tableau D441-6 : chiffre
    d'affaires (comptes 70) et achats (60 sauf 603, 61, 62) de l'exercice, HT et TTC sur les mêmes
    comptes, la TVA qui leur revient en plus (D441-6 I et III) ; un tableau de factures, sans
    comptes : ses factures et avoirs."""
    ventes_ttc, ca_ttc, ca_ht, par_client = flux_de_l_exercice(donnees, CLIENTS, debut, au)
    if donnees.format.startswith("fec"):  # les comptes 60 à 62 : les factures fournisseurs ne sont pas relues
        ca_ht, achats_ht = _somme_jours(donnees.ventes_ht, debut, au), _somme_jours(donnees.achats_ht, debut, au)
        ca_ttc = ca_ht + _somme_jours(donnees.ventes_tva, debut, au)
        achats_ttc = achats_ht + _somme_jours(donnees.achats_tva, debut, au)
    else:
        _, achats_ttc, achats_ht, _ = flux_de_l_exercice(donnees, FOURNISSEURS, debut, au)
    # Au centime : des lignes de produits à trois décimales (« 12,345 ») faisaient un chiffre d'affaires au millième.
    return ventes_ttc, par_client, {"ca_ttc": au_centime(ca_ttc), "achats_ttc": au_centime(achats_ttc),
                                    "ca_ht": au_centime(ca_ht), "achats_ht": au_centime(achats_ht)}


def _somme_jours(par_jour: dict, debut: dt.date, au: dt.date):
    return sum((v for jour, v in par_jour.items() if debut <= jour <= au), ZERO)


def _compter_penalites(h: dict, penalites: list) -> None:
    """Hypothèses qui tiennent aux décomptes de pénalités (voir `hypotheses._PHRASES_PENALITES`)."""
    h["non_chiffrees"] = sum(1 for p in penalites if p.penalites is None)
    h["non_confirme"] = sum(1 for p in penalites if p.non_confirme)
    h["prolonge"] = sum(1 for p in penalites if p.hypothese)
    h["prescrites"] = sum(1 for p in penalites if p.prescrite and not p.litige)


def _compter(h: dict, compte, fec: bool) -> None:
    """Hypothèses qui tiennent au lettrage d'un compte (voir `hypotheses.hypotheses`)."""
    for cle, n in (("anteriorite", compte.par_anteriorite), ("posterieurs", compte.posterieurs),
                   ("excedents", compte.excedents), ("avances", compte.avances),
                   # Seul un FEC a des codes de lettrage : ceux d'un tableau de factures sont faits par la
                   # lecture (une facture, ses règlements), et une facture impayée n'y a rien en face.
                   ("lettrages_sans_credit", compte.sans_credit if fec else 0), ("lettrages_croises", compte.croises)):
        h[cle] = h.get(cle, 0) + n
    for p in compte.postes:
        m = p.mouvement
        cle = ("a_nouveaux" if p.echeance is None else "a_nouveaux_detailles" if m.detaille
               else "debits_divers" if m.nature == DEBIT_DIVERS else "")
        if cle:
            h[cle] = h.get(cle, 0) + 1
        if p.avoirs:
            h["avoirs_imputes"] = h.get("avoirs_imputes", 0) + 1
        if p.perte:
            h["pertes"] = h.get("pertes", 0) + 1


def absents_du_fichier(donnees: Donnees, reglages: Reglages) -> dict:
    """Comptes à délai propre et factures en litige cités dans les réglages, que le fichier n'a pas
    (une faute de frappe ne doit pas passer pour un réglage appliqué) ; lu avant le calcul, qui
    peut consommer les mouvements."""
    absents = {"delais_clients": sorted(c for c in reglages.delais_clients if (CLIENTS, c) not in donnees.par_tiers)}
    if reglages.litiges:
        pieces = {m.piece.casefold() for liste in donnees.par_tiers.values() for m in liste}
        absents["litiges"] = sorted(n for n in reglages.litiges if n.casefold() not in pieces)
    return {cle: liste for cle, liste in absents.items() if liste}


def _ligne(compte, au: dt.date, debut: dt.date, nom: str, litiges: frozenset, ventes: dict | None):
    """La ligne de balance d'un compte, None s'il n'a rien à y montrer ; un client (`ventes` : les
    siennes, par mois) y a aussi ses deux DSO."""
    ligne = ligne_balance(compte, au, nom, litiges)
    if not (ligne.total or ligne.a_nouveau or any(c.nombre for c in ligne.tranches.values())):
        return None
    if ventes is not None:
        ligne.dso = dso_du_client(ligne.total, ventes, au, debut)
    return ligne


AVANCEMENTS = 100  # au plus, pendant le calcul compte par compte


def _comptes(donnees: Donnees, consommer: bool, avancement):
    """Chaque compte de tiers et ses mouvements, dans l'ordre des comptes (jamais celui du
    fichier) ; `avancement(faits, total)` appelé de loin en loin, puis une fois tout fait."""
    comptes = sorted(donnees.par_tiers)
    pas = max(1, len(comptes) // AVANCEMENTS)
    for rang, cle in enumerate(comptes):
        if avancement is not None and rang % pas == 0:
            avancement(rang, len(comptes))
        yield cle, (donnees.par_tiers.pop(cle) if consommer else donnees.par_tiers[cle])
    if avancement is not None:
        avancement(len(comptes), len(comptes))


def calculer_resultats(donnees: Donnees, reglages: Reglages, jour: dt.date, consommer: bool = False,
                       avancement=None) -> Resultats:
    """Lettrage, balance âgée, DSO, tableaux D441-6, pénalités et relances, à la date d'analyse.

    `consommer` : les mouvements de chaque compte sont libérés dès qu'il est traité (ligne de
    commande, un seul calcul) ; sinon ils restent pour un autre calcul avec d'autres réglages.
    `avancement(faits, total)` : appelé de loin en loin, en nombre de comptes (la page montre
    où en est l'analyse d'un grand livre, qui peut prendre des dizaines de secondes)."""
    au, origine, debut = dates_d_analyse(donnees, reglages, jour)
    ventes_ttc, ventes_par_client, chiffres = chiffres_de_l_exercice(donnees, debut, au)
    echeancier = Echeancier(reglages.delai, reglages.delais_clients)
    absents = absents_du_fichier(donnees, reglages)
    h = dict(donnees.compteurs)
    if origine == "fichier" and au > jour:
        h["date_fichier_future"] = 1  # une date d'écriture mal saisie (2205…) ferait la date d'analyse
    lignes = {CLIENTS: [], FOURNISSEURS: []}
    tableaux = {cote: (TableauD441(cote, "I", reglages.ht), TableauD441(cote, "II", reglages.ht))
                for cote in (CLIENTS, FOURNISSEURS)}
    tiers = {CLIENTS: 0, FOURNISSEURS: 0}
    penalites, par_tiers, relances, ouverts = [], {}, [], []
    au_paiement = RetardsAuPaiement()
    for (cote, compte_tiers), mouvements in _comptes(donnees, consommer, avancement):
        compte = lettrer(mouvements, au, echeancier.de)
        nom = donnees.noms.get((cote, compte_tiers), compte_tiers)
        tiers[cote] += 1
        _compter(h, compte, donnees.format.startswith("fec"))
        ligne = _ligne(compte, au, debut, nom, reglages.cles_litiges,
                       ventes_par_client.get(compte_tiers, {}) if cote == CLIENTS else None)
        if ligne is not None:
            lignes[cote].append(ligne)
        ajouter_i(tableaux[cote][0], compte, au, reglages.cles_litiges)
        ajouter_ii(tableaux[cote][1], compte, debut, au, reglages.cles_litiges)
        if cote == CLIENTS:
            ouverts += [p for p in compte.postes if p.reste]
            au_paiement.ajouter_compte(compte, debut, au)
            factures, cumul = penalites_du_compte(compte, au, reglages.taux, reglages.prolonger, reglages.cles_litiges)
            penalites += factures
            if cumul is not None:
                par_tiers[compte_tiers] = cumul
            relance = a_relancer(compte, au, nom, reglages.cles_litiges, cumul)
            if relance is not None:
                relances.append(relance)
    balances = {cote: (liste, totaliser(liste, cote)) for cote, liste in lignes.items()}
    d441 = {}
    for cote, prefixe in ((CLIENTS, "ca"), (FOURNISSEURS, "achats")):
        if tiers[cote]:
            tableaux[cote][0].base = chiffres[f"{prefixe}_ht" if reglages.ht else f"{prefixe}_ttc"]
            d441[cote] = tableaux[cote]
    encours = balances[CLIENTS][1].total
    dso = (dso_par_epuisement(encours, ventes_ttc, au, debut), dso_simple(encours, ventes_ttc, au, debut))
    relances.sort(key=lambda r: r.cle())
    h["echeances_calculees"] = echeancier.calculees
    # Chaque facture une fois : le II ne recompte pas celles, encore ouvertes, que le I a comptées.
    h["ht_inconnu"] = sum(t.ht_inconnu for tableaux_du_cote in d441.values() for t in tableaux_du_cote)
    _compter_penalites(h, penalites)
    return Resultats(donnees, reglages, au, origine, debut, tiers, balances, ventes_ttc, chiffres, dso, d441,
                     penalites, par_tiers, relances, ouverts, au_paiement,
                     {cle: n for cle, n in h.items() if n}, absents, echeancier.par_cote())
