"""Exports CSV tels que les tableurs français les ouvrent : « ; », virgule décimale, dates
jj/mm/aaaa, UTF-8 avec BOM (sans lui, Excel lit les accents de travers), fins de ligne CRLF.
Les montants n'ont pas d'espace de milliers : la cellule reste un nombre."""

from __future__ import annotations

import csv
import io
import re
from urllib.parse import urljoin

from .balance_agee import TRANCHES, en_litige, par_encours, retard, tranche
from .d441_6 import BANDES, pourcentage
from .dso import arrondi_jours, en_jours
from .libelles import LIBELLES_BANDES, LIBELLES_TRANCHES, lignes_d441, remarque
from .modele import CLIENTS, FOURNISSEURS

TYPE = "text/csv;charset=utf-8"


def nombre_csv(valeur) -> str:
    """Nombre pour un tableur français.

    >>> from decimal import Decimal
    >>> nombre_csv(Decimal("-1234.50")), nombre_csv(None), nombre_csv(12)
    ('-1234,50', '', '12')
    """
    return "" if valeur is None else str(valeur).replace(".", ",")


def date_csv(jour) -> str:
    """jj/mm/aaaa (sans strftime, dix fois plus lent sur des dizaines de milliers de lignes).

    >>> import datetime as dt
    >>> date_csv(dt.date(2025, 3, 1))
    '01/03/2025'
    """
    return "" if jour is None else f"{jour.day:02d}/{jour.month:02d}/{jour.year}"


# Début d'une formule pour un tableur : une cellule venue du fichier (nom, numéro de facture) qui
# commence ainsi serait exécutée à l'ouverture (« =HYPERLINK(…) ») ; voir `sans_formule`.
_DEBUTS_DE_FORMULE = frozenset("=+-@\t\r")
_NOMBRE = re.compile(r"-[0-9]+(,[0-9]+)?")


def sans_formule(cellule: str) -> str:
    """Une cellule qu'un tableur prendrait pour une formule est précédée d'une apostrophe (règle
    de l'OWASP, « CSV injection ») ; un montant négatif reste un nombre.

    >>> sans_formule("=1+1"), sans_formule("@SUM(A1)"), sans_formule("-1234,50"), sans_formule("-")
    ("'=1+1", "'@SUM(A1)", '-1234,50', '-')
    """
    if cellule == "-" or _NOMBRE.fullmatch(cellule):
        return cellule
    return "'" + cellule


def ecrire(lignes: list) -> str:
    """Lignes → texte CSV (« ; », CRLF), précédé du BOM UTF-8."""
    tampon = io.StringIO()
    ecrivain = csv.writer(tampon, delimiter=";", lineterminator="\r\n")
    debuts = _DEBUTS_DE_FORMULE
    ecrivain.writerows([c if type(c) is not str or c[:1] not in debuts else sans_formule(c) for c in ligne]
                       for ligne in lignes)
    return "\ufeff" + tampon.getvalue()


def balance_csv(balance, dso_total=None) -> str:
    """Balance âgée par tiers : montants puis nombre de postes (factures, à-nouveaux détaillés) de
    chaque tranche ; des clients (`dso_total` : le DSO de tous, `Resultats.dso`), aussi la part
    échue et les deux DSO de chacun."""
    lignes, total = balance
    entete = ["Compte", "Nom", "Non échu", "1 à 30 jours", "31 à 60 jours", "61 à 90 jours", "Plus de 90 jours",
              "À-nouveau sans détail", "Crédit non affecté", "Total", "Plus ancien retard (jours)",
              "Retard moyen pondéré des factures échues (jours)"]
    entete += [f"{LIBELLES_TRANCHES[c]} (nombre de postes)" for c in TRANCHES]
    du_total = None
    if dso_total is not None:
        entete += ["Part échue (%)", "DSO par épuisement (jours)",
                   "DSO par épuisement : un minimum (ventes du fichier épuisées)", "DSO simple (jours)"]
        du_total = en_jours(*dso_total)
    def cellules(x, dso):
        return ([nombre_csv(x.tranches[c].montant) for c in TRANCHES]
                + [nombre_csv(x.a_nouveau), nombre_csv(x.non_affecte), nombre_csv(x.total), str(x.plus_ancien_retard),
                   nombre_csv(x.retard_moyen)]
                + [str(x.tranches[c].nombre) for c in TRANCHES]
                + ([nombre_csv(pourcentage(x.echu, x.du)), nombre_csv(dso[0]),
                    "non" if dso[1] else "oui", nombre_csv(dso[2])] if dso else []))
    return ecrire([entete] + [[x.tiers, x.nom] + cellules(x, x.dso) for x in par_encours(lignes)]
                  + [["Total", ""] + cellules(total, du_total)])


def d441_csv(r) -> str:
    """Les tableaux D441-6, ligne pour ligne comme à l'écran (libellés du modèle de l'annexe 4-1,
    (C) compris : des lignes de texte, cellules vides, à coller telles quelles dans le rapport)."""
    lignes = [["Tableau", "(A) Tranches de retard de paiement"] + [LIBELLES_BANDES[b] for b in BANDES]
              + ["Total (1 jour et plus)"]]
    for cote in (CLIENTS, FOURNISSEURS):
        for t in r.d441_6.get(cote, ()):
            nom = f"{t.variante} {cote} ({'HT' if t.ht else 'TTC'})"
            lignes += [[nom, libelle] + [nombre_csv(v) for v in valeurs] for libelle, _, valeurs in lignes_d441(t, cote, r)]
    return ecrire(lignes)


def penalites_csv(r) -> str:
    # « Total » : pénalités et indemnité, comme le JSON et le résumé ; des pénalités non chiffrées (au-delà
    # des taux connus) laissent leur case vide, pas l'indemnité, qui était perdue avec elles ; sans rien de
    # chiffré (avant 2013, ni pénalités ni indemnité), le total reste vide plutôt que « 0,00 ».
    entete = ["Compte", "Client", "Facture", "Date", "Échéance", "Montant TTC", "Dû (avoirs déduits)",
              "Fin du retard", "Soldée", "Jours de retard", "Pénalités", "Indemnité", "Total", "Litige", "Remarque"]
    noms = r.donnees.noms
    lignes = [[p.tiers, noms.get((CLIENTS, p.tiers), p.tiers), p.poste.mouvement.piece,
               date_csv(p.poste.mouvement.date_piece), date_csv(p.echeance), nombre_csv(p.poste.montant),
               nombre_csv(p.du), date_csv(p.fin), "oui" if p.soldee else "non", str(p.jours),
               nombre_csv(p.penalites), nombre_csv(p.indemnite),
               "" if p.penalites is None and not p.indemnite else nombre_csv(p.total),
               "oui" if p.litige else "", remarque(p)] for p in r.penalites]
    return ecrire([entete] + lignes)


def ouverts_csv(r) -> str:
    """Relevé de compte : chaque facture (ou à-nouveau) encore due à la date, client par client,
    avec sa tranche de la balance âgée (un à-nouveau sans détail n'a ni échéance ni tranche de
    retard). Retard : 0 pour une facture non échue, comme le plus ancien retard de la balance."""
    entete = ["Compte", "Client", "Facture", "Date", "Échéance", "Montant TTC", "Reste dû", "Retard (jours)",
              "Tranche", "Litige", "Imputation par antériorité"]
    noms = r.donnees.noms
    def age(p):
        if p.echeance is None:
            return ["", "À-nouveau sans détail"]
        jours = retard(p.echeance, r.au)
        return [str(max(jours, 0)), LIBELLES_TRANCHES[tranche(jours)]]
    lignes = [[p.mouvement.tiers, noms.get((CLIENTS, p.mouvement.tiers), p.mouvement.tiers), p.mouvement.piece,
               date_csv(p.mouvement.date_piece), date_csv(p.echeance), nombre_csv(p.montant), nombre_csv(p.reste)]
              + age(p) + ["oui" if en_litige(p, r.reglages.cles_litiges) else "", "oui" if p.par_anteriorite else ""] for p in r.ouverts]
    return ecrire([entete] + lignes)


def relances_csv(relances: list, adresse: str = "") -> str:
    """Tous les clients à relancer, chacun avec ses deux lettres préremplies (la page n'en montre
    que 500) : adresses complètes, lues depuis `adresse`, celle de la page d'analyse ; sans elle
    (ligne de commande), chemin depuis la racine du site (« lettres/remplir/#… »)."""
    entete = ["Rang", "Compte", "Client", "Échu", "Plus ancien retard (jours)", "Tranche", "Factures échues",
              "Pénalités et indemnités", "Mise en demeure (lien)", "Relance avec relevé de compte (lien)"]
    def lien(x, rang: int) -> str:
        url = x["liens"][rang]["url"]
        return urljoin(adresse, url) if adresse else url.lstrip("./")
    return ecrire([entete] + [[str(x["rang"]), x["compte"], x["nom"], nombre_csv(x["echu"]),
                               str(x["plus_ancien_retard"]), LIBELLES_TRANCHES[x["tranche"]], str(x["factures"]),
                               nombre_csv(x["penalites_et_indemnites"]), lien(x, 0), lien(x, 1)] for x in relances])


def dso_csv(r) -> str:
    epuisement, simple = r.dso
    lignes = [["Mois", "Jours", "CA TTC du mois", "Encours à épuiser", "Jours comptés"]]
    lignes += [[f"{m.mois:02d}/{m.annee}", str(m.jours), nombre_csv(m.ventes), nombre_csv(m.encours_avant),
                nombre_csv(arrondi_jours(m.jours_comptes))] for m in epuisement.mois]
    # Les indicateurs sous leur propre en-tête : sous celui des mois, le montant des factures d'un retard
    # moyen tombait dans « CA TTC du mois », et Σ (montant × jours) dans « Encours à épuiser ».
    lignes.append([])
    lignes.append(["Indicateur", "Jours de la période", "Base : CA TTC de la période, ou montant des factures",
                   "Encours, ou Σ (montant × jours de retard)", "Résultat en jours"])
    lignes.append(["DSO par épuisement", "", "", nombre_csv(epuisement.encours), nombre_csv(arrondi_jours(epuisement.jours))])
    lignes.append(["DSO simple", str(simple.periode_jours), nombre_csv(simple.ventes), nombre_csv(simple.encours),
                   nombre_csv(None if simple.jours is None else arrondi_jours(simple.jours))])
    total, paiement = r.balances[CLIENTS][1], r.au_paiement.total
    lignes.append(["Retard moyen pondéré des factures échues", "", nombre_csv(total.echu),
                   nombre_csv(total.jours_montant), nombre_csv(total.retard_moyen)])
    lignes.append(["Retard moyen au paiement (factures soldées dans l'exercice)", "", nombre_csv(paiement.montant),
                   nombre_csv(paiement.jours_montant), nombre_csv(paiement.jours)])
    return ecrire(lignes)


# Le seul export qui dépend du fichier : sans compte fournisseur, il n'est pas écrit.
BALANCE_FOURNISSEURS = "balance-agee-fournisseurs.csv"


def _exports(r, relances, adresse: str = "") -> list:
    """(nom, libellé, fabrique du contenu) de chaque export proposé, dans l'ordre de la page ;
    `relances` : une fonction qui rend la liste JSON des clients à relancer (`lettres_preremplies.relances_json`) ;
    `adresse` : celle de la page, pour les liens des lettres (voir `relances_csv`)."""
    sortie = [
        ("balance-agee-clients.csv", "Télécharger la balance âgée des clients (CSV)", lambda: balance_csv(r.balances[CLIENTS], r.dso)),
        ("d441-6.csv", "Télécharger les tableaux D441-6 (CSV)", lambda: d441_csv(r)),
        ("factures-ouvertes.csv", "Télécharger le relevé des factures ouvertes (CSV)", lambda: ouverts_csv(r)),
        ("penalites.csv", "Télécharger les pénalités par facture (CSV)", lambda: penalites_csv(r)),
        ("relances.csv", "Télécharger les clients à relancer (CSV)", lambda: relances_csv(relances(), adresse)),
        ("dso.csv", "Télécharger le DSO (CSV)", lambda: dso_csv(r)),
    ]
    if r.tiers[FOURNISSEURS]:
        sortie.insert(1, (BALANCE_FOURNISSEURS, "Télécharger la balance âgée des fournisseurs (CSV)",
                          lambda: balance_csv(r.balances[FOURNISSEURS])))
    return sortie


def fichiers(r, relances: list, adresse: str = "") -> list:
    """Les exports proposés au téléchargement, contenus compris (contrat `fichiers` de
    l'affichage) ; `relances` : la liste JSON des clients à relancer (`lettres_preremplies.relances_json`) ;
    `adresse` : celle de la page d'analyse (liens des lettres, voir `relances_csv`)."""
    return [{"nom": nom, "telechargement": nom_date(nom, r.au), "type": TYPE, "contenu": fabrique(), "libelle": libelle}
            for nom, libelle, fabrique in _exports(r, lambda: relances, adresse)]


def fichiers_a_la_demande(r) -> list:
    """Les mêmes exports pour la page, sans leur contenu : il est demandé au worker au clic
    (opération `portefeuille-export`, `Analyse.export_json`).

    Pourquoi : les faire tous avec le résultat coûtait le huitième de son temps (100 000 lignes,
    CPython : 0,22 s sur 1,9), et leur texte (1,3 Mo pour 100 000 lignes, des dizaines pour un
    million) traversait jusqu'à la page, le plus souvent sans qu'aucun ne soit téléchargé."""
    return [{"nom": nom, "telechargement": nom_date(nom, r.au), "type": TYPE, "libelle": libelle,
             "demande": {"nom": "portefeuille", "operation": "portefeuille-export", "saisies": {"nom": nom}}}
            for nom, libelle, _ in _exports(r, None)]


def fichier(r, nom: str, relances, adresse: str = "") -> dict | None:
    """Un export, contenu compris, ou None s'il n'est pas proposé pour ce résultat ; `relances` :
    la fonction qui rend la liste des clients à relancer (appelée pour relances.csv seulement) ;
    `adresse` : celle de la page (liens des lettres)."""
    return next(({"nom": n, "telechargement": nom_date(n, r.au), "type": TYPE, "contenu": fabrique(),
                  "libelle": libelle}
                 for n, libelle, fabrique in _exports(r, relances, adresse) if n == nom), None)


def nom_date(nom: str, au) -> str:
    """Le nom du fichier téléchargé, daté de l'analyse : deux analyses ne s'écrasent plus l'une l'autre
    dans le dossier des téléchargements, et le fichier dit à quelle date il vaut.

    >>> import datetime as dt
    >>> nom_date("balance-agee-clients.csv", dt.date(2025, 12, 31))
    'balance-agee-clients-au-2025-12-31.csv'
    """
    base, _, extension = nom.rpartition(".")
    return f"{base}-au-{au.isoformat()}.{extension}"
