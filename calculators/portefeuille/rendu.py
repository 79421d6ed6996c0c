"""Mise en forme française des résultats : phrases, tableaux, liens vers les lettres (les
hypothèses et avertissements : `hypotheses`).

Contrat d'affichage commun (`calculators.commun.affichage`) : titre, phrase, resume, tableaux,
avertissements, notes, sources, liens, fichiers (exports CSV) et texte (ligne de commande).
Aucun calcul ici : seulement des valeurs déjà calculées, écrites à la française.
"""

from __future__ import annotations

from decimal import Decimal

from ..commun import format_fr as fr
from ..commun.affichage import texte_brut, typographier
from ..commun.sources import source
from . import exports
from .balance_agee import TRANCHES, par_encours
from .d441_6 import BANDES, pourcentage
from .dso import arrondi_jours
from .libelles import (LIBELLES_BANDES, LIBELLES_TRANCHES, en_jours, libelle_delai, lignes_d441, remarque,
                       sans_les_non_chiffrees)
from .modele import CLIENTS, FOURNISSEURS, ZERO
from .lettres_preremplies import liens_notes_de_debit
from .methode import methodes

TEXTES = {
    "D441-6": ("Code de commerce, art. D441-6 (version du 27/02/2021) : délais de paiement dans le rapport de "
               "gestion ; tableaux modèles de l'annexe 4-1 (arrêté du 20 mars 2017)",
               "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000043197457"),
    "L441-14": ("Code de commerce, art. L441-14 (informations sur les délais de paiement publiées avec les "
                "comptes)", None),
    "A47A-1": ("Livre des procédures fiscales, art. A47 A-1 (fichier des écritures comptables : 18 champs, "
               "séparateur, dates AAAAMMJJ)", None),
}
LIGNES_AFFICHEES = 500    # au-delà, les tableaux renvoient à l'export CSV


def _extrait(titre: str, total: int, limite: int = LIGNES_AFFICHEES) -> str:
    """Titre d'un tableau tronqué : il le dit, et renvoie à l'export CSV complet."""
    return titre if total <= limite else f"{titre} — les {limite} premiers sur {total} ; tous dans l'export CSV"


def _pc(valeur) -> str:
    return "—" if valeur is None else fr.pourcent(valeur)


def sources(r) -> list:
    cles = ["L441-14", "D441-6", "L441-10", "D441-5"] + (["A47A-1"] if r.donnees.format.startswith("fec") else [])
    return [source(c) if c not in TEXTES else {"libelle": TEXTES[c][0], "url": TEXTES[c][1]} for c in cles]


# --- Tableaux -----------------------------------------------------------------------------------

def _tableau_balance(lignes, total, titre: str) -> dict:
    ordre = par_encours(lignes)[:LIGNES_AFFICHEES]
    # Le retard moyen de chaque client est dans l'export CSV, et l'à-nouveau sans détail et le crédit non
    # affecté n'ont leur colonne que si un client en a : avec des montants à six chiffres, dix colonnes
    # sortaient le total du cadre à 1 366 px (coupé en « 168 98 »). L'export CSV a toutes les colonnes.
    autres = [(libelle, attribut) for libelle, attribut in (("À-nouveau sans détail", "a_nouveau"),
                                                            ("Crédit non affecté", "non_affecte"))
              if any(getattr(x, attribut) for x in lignes)]
    def cellules(x):
        return ([_montant_et_nombre(x.tranches[c]) for c in TRANCHES]
                + [fr.euros(getattr(x, attribut)) for _, attribut in autres] + [fr.euros(x.total)])
    return {"titre": _extrait(titre, len(lignes)), "colonnes": ["Compte", "Nom"] + [LIBELLES_TRANCHES[c] for c in TRANCHES]
            + [libelle for libelle, _ in autres] + ["Total"],
            "lignes": [[x.tiers, x.nom] + cellules(x) for x in ordre],
            # « Total (3 comptes) » en première cellule : sous « Nom », un écran étroit lisait « Nom : 3 comptes ».
            "pied": [f"Total ({fr.quantite(len(lignes), 'compte')})", ""] + cellules(total),
            "numeriques": list(range(2, len(TRANCHES) + len(autres) + 3)), "insecables": [0], "zero": fr.euros(ZERO),
            "titre_ligne": 1}


def _montant_et_nombre(tranche):
    """Cellule d'une tranche d'un client : son montant et, en note sous lui, son nombre de postes
    (« 3 postes ») ; une note, pas une colonne de plus, que le tableau n'a pas la place de prendre."""
    montant = fr.euros(tranche.montant)
    return {"texte": montant, "note": fr.quantite(tranche.nombre, "poste")} if tranche.nombre else montant


def _tableau_tranches(total) -> dict:
    lignes = [[LIBELLES_TRANCHES[c], str(total.tranches[c].nombre), fr.euros(total.tranches[c].montant),
               _pc(pourcentage(total.tranches[c].montant, total.du))] for c in TRANCHES]
    if total.a_nouveau:
        lignes.append(["À-nouveau sans détail", "", fr.euros(total.a_nouveau), _pc(pourcentage(total.a_nouveau, total.du))])
    if total.non_affecte:  # les parts sont celles des sommes dues (`LigneBalance.du`), ce crédit à part
        lignes.append(["Crédit non affecté", "", fr.euros(total.non_affecte), ""])
    return {"titre": "Balance âgée des clients par tranche de retard", "colonnes": ["Tranche", "Postes", "Montant",
            "Part de l'encours"], "lignes": lignes, "pied": ["Total", str(sum(total.tranches[c].nombre for c in TRANCHES)),
            fr.euros(total.total), ""], "numeriques": [1, 2, 3], "lignes_titrees": True, "tient_sur_telephone": True}



def _tableau_d441(t, cote: str, r) -> dict:
    emises = "émises" if cote == CLIENTS else "reçues"
    colonnes = ["(A) Tranches de retard de paiement"] + [LIBELLES_BANDES[b] for b in BANDES] + ["Total (1 jour et plus)"]
    if t.variante == "I":
        titre = (f"D441-6 I : factures {emises} non réglées au {fr.date_courte(r.au)} dont le terme est échu "
                 f"({'clients' if cote == CLIENTS else 'fournisseurs'})")
    else:
        titre = (f"D441-6 II (variante) : factures {emises} réglées en retard pendant l'exercice "
                 f"({'clients' if cote == CLIENTS else 'fournisseurs'})")
    lignes = [[libelle] + [_cellule_d441(nature, v) for v in valeurs]
              for libelle, nature, valeurs in lignes_d441(t, cote, r)]
    return {"titre": titre, "colonnes": colonnes, "lignes": lignes, "numeriques": list(range(1, len(colonnes))),
            "lignes_titrees": True}


def _cellule_d441(nature: str, valeur) -> str:
    if nature == "pourcentage":
        return _pc(valeur)
    if valeur is None:
        return ""   # (B) : rien sous les tranches ; (C) : tout dans son libellé
    return fr.euros(valeur) if nature == "montant" else str(valeur)


def _tableau_dso(epuisement) -> dict:
    lignes = [[f"{fr.MOIS[m.mois - 1]} {m.annee}", str(m.jours), fr.euros(m.ventes), fr.euros(m.encours_avant),
               fr.nombre(arrondi_jours(m.jours_comptes), 1)] for m in epuisement.mois]
    return {"titre": "DSO par épuisement (du mois le plus récent au plus ancien)",
            "colonnes": ["Mois", "Jours", "CA TTC du mois", "Encours à épuiser", "Jours comptés"], "lignes": lignes,
            "pied": ["DSO", "", "", "", fr.nombre(arrondi_jours(epuisement.jours), 1)], "numeriques": [1, 2, 3, 4],
            "lignes_titrees": True, "tient_sur_telephone": True}


def _tableau_penalites_clients(r) -> dict:
    cumul = sorted(r.penalites_par_tiers.values(), key=lambda c: (-c.total, c.tiers))
    lignes = [[c.tiers, r.donnees.noms.get((CLIENTS, c.tiers), c.tiers), str(c.factures), fr.euros(c.penalites),
               fr.euros(c.indemnites), fr.euros(c.total)] for c in cumul[:LIGNES_AFFICHEES]]
    total_p = sum((c.penalites for c in cumul), ZERO)
    total_i = sum((c.indemnites for c in cumul), ZERO)
    return {"titre": _extrait("Pénalités de retard et indemnités forfaitaires par client", len(cumul)), "colonnes": [
        "Compte", "Client", "Factures en retard", "Pénalités (L441-10)", "Indemnités (D441-5)", "Total"],
        "lignes": lignes, "pied": ["Total", "", str(sum(c.factures for c in cumul)), fr.euros(total_p), fr.euros(total_i),
                                   fr.euros(total_p + total_i)], "numeriques": [2, 3, 4, 5], "insecables": [0], "titre_ligne": 1}


def _tableau_penalites_factures(r, totaux: dict) -> dict:
    """`totaux` : `sortie.penalites_json`, dont le pied reprend les totaux (ceux des chiffres clés)."""
    ordre = sorted(r.penalites, key=lambda p: (-p.total, p.tiers, p.echeance))[:LIGNES_AFFICHEES]
    lignes = [[p.tiers, p.poste.mouvement.piece, fr.date_courte(p.echeance), fr.euros(p.du),
               # La date seule, jamais coupée ; ce qu'elle est, en note dessous.
               {"texte": fr.date_courte(p.fin), "note": "payée" if p.soldee else "non payée (date d'analyse)"},
               str(p.jours),
               "non chiffrées" if p.penalites is None else fr.euros(p.penalites), fr.euros(p.indemnite),
               remarque(p)] for p in ordre]
    return {"titre": _extrait("Pénalités par facture (les plus élevées d'abord)", len(r.penalites)), "colonnes": [
        "Compte", "Facture", "Échéance", "Dû (avoirs déduits)", "Fin du retard", "Jours", "Pénalités", "Indemnité",
        "Remarque"], "lignes": lignes,
        # Les totaux de toutes les factures, pas des seules lignes montrées.
        "pied": [fr.quantite(len(r.penalites), "facture") + (f", dont {totaux['en_litige']} en litige, hors total"
                                                             if totaux["en_litige"] else ""), "", "", "", "", "",
                 fr.euros(Decimal(totaux["total_penalites"])), fr.euros(Decimal(totaux["total_indemnites"])), ""],
        "numeriques": [3, 5, 6, 7], "insecables": [0, 1, 2, 4], "titre_ligne": 1}


def _tableau_relances(r, limite: int = LIGNES_AFFICHEES, lettres: list | None = None) -> dict:
    """`lettres` (`relances_json`) : une dernière colonne, à l'écran seulement, avec les deux lettres
    préremplies de chaque client, ouvertes dans un nouvel onglet."""
    lignes = [[str(rang), x.tiers, x.nom, fr.euros(x.echu),
               f"{x.plus_ancien_retard} jour{'s' if x.plus_ancien_retard > 1 else ''}", str(len(x.postes)),
               fr.euros(x.penalites)] for rang, x in enumerate(r.relances[:limite], start=1)]
    tableau = {"titre": _extrait("Qui relancer d'abord (tranche du plus ancien retard, puis montant échu)",
                                 len(r.relances), limite), "colonnes": [
        "Rang", "Compte", "Client", "Échu", "Plus ancien retard", "Factures échues", "Pénalités et indemnités"],
        # Le pied compte tous les clients à relancer, même ceux que l'extrait ne montre pas.
        "lignes": lignes, "pied": [fr.quantite(len(r.relances), "client"), "", "",
                                   fr.euros(sum((x.echu for x in r.relances), ZERO)), "",
                                   str(sum(len(x.postes) for x in r.relances)),
                                   fr.euros(sum((x.penalites for x in r.relances), ZERO))],
        "numeriques": [3, 4, 5, 6], "insecables": [1], "titre_ligne": 2}
    if lettres is not None:
        tableau["colonnes"].append("Lettres préremplies")
        tableau["pied"].append("")
        tableau["a_l_ecran"] = [len(tableau["colonnes"]) - 1]
        for ligne, x in zip(lignes, lettres):
            ligne.append({"liens": [{"texte": texte, "titre": f"{lien['libelle']} (nouvel onglet)", "url": lien["url"],
                                     "onglet": True} for texte, lien in zip(("Mise en demeure", "Relance avec relevé"),
                                                                            x["liens"])]})
    return tableau


def _tableau_rejets(d) -> dict:
    return {"titre": "Lignes rejetées ou gardées avec une remarque", "colonnes": ["Ligne", "Colonne", "Message"],
            "lignes": [[str(x.ligne), x.colonne, x.message] for x in sorted(d.rejets + d.remarques,
                                                                         key=lambda x: x.ligne)],
            "pied": [_lignes_ecartees(d), "", ""]}


def _lignes_ecartees(d) -> str:
    # « 0 rejetée » sous cinq remarques se lisait mal : ce qui est compté, nommé ; « remarque », pas
    # « gardée » : une ligne de total, remarquée, est ignorée.
    return ", ".join([fr.quantite(d.nb_rejets, "ligne rejetée", "lignes rejetées") if d.nb_rejets
                      else "aucune ligne rejetée"] + ([fr.quantite(len(d.remarques), "remarque")] if d.remarques else []))


def _annonce(d, avertissements: list) -> str:
    """Ce que la page annonce à la fin de l'analyse (région `status`, pour un lecteur d'écran) : les
    lignes écartées et les avertissements, qu'on ne voit qu'en faisant défiler le résultat."""
    signale = [texte for n, texte in (
        (d.nb_rejets, fr.quantite(d.nb_rejets, "ligne rejetée", "lignes rejetées")),
        (len(d.remarques), fr.quantite(len(d.remarques), "ligne gardée", "lignes gardées") + " avec une remarque"),
        (len(avertissements), fr.quantite(len(avertissements), "point") + " à vérifier")) if n]
    return "Analyse terminée : résultats affichés" + (f" ; {', '.join(signale)}." if signale else ".")


# --- Assemblage ---------------------------------------------------------------------------------

def _phrase(r, donnees: dict) -> str:
    lignes, total = r.balances[CLIENTS]
    p = donnees["penalites"]
    dso = r.dso[0]
    comptes = fr.quantite(len(lignes), "compte client", "comptes clients")
    seul = len(lignes) < 2
    encours = f"{'totalise' if seul else 'totalisent'} {fr.euros(total.total)}, dont {fr.euros(total.echu)} échus"
    if total.non_affecte:  # il réduit le total, pas l'échu : « 200 € dont 1 000 € échus » se contredisait
        encours = (f"{'doit' if seul else 'doivent'} {fr.euros(total.du)}, dont {fr.euros(total.echu)} échus ; "
                   f"{fr.euros(-total.non_affecte)} de crédits non affectés ramènent l'encours à {fr.euros(total.total)}")
    return (f"Au {fr.date_longue(r.au)}, {comptes} {encours}. DSO : {en_jours(dso.jours)} (méthode par "
            f"épuisement). Pénalités et indemnités exigibles sur {fr.quantite(p['factures_en_retard'], 'facture')} "
            f"en retard : {fr.euros(Decimal(p['total']))}" + sans_les_non_chiffrees(p["non_chiffrees"])
            + (f", hors {fr.quantite(p['en_litige'], 'facture')} en litige" if p["en_litige"] else "") + ".")


def _resume(r, donnees: dict) -> list:
    _, total = r.balances[CLIENTS]
    p = donnees["penalites"]
    epuisement, simple = r.dso
    return [
        # Ce qu'il faut aller chercher d'abord (en tête aussi à l'écran, voir calculateurs.js).
        {"libelle": "Encours échu, à recouvrer", "valeur": f"{fr.euros(total.echu)} ({_pc(pourcentage(total.echu, total.du))}"
         + (f" des {fr.euros(total.du)} dus, hors crédits" if total.non_affecte else "") + ")",
         "cle": "echu"},
        {"libelle": "Encours clients (TTC)", "valeur": fr.euros(total.total), "cle": "encours"},
        {"libelle": "DSO par épuisement", "valeur": ("au moins " if not epuisement.complet else "")
         + en_jours(epuisement.jours), "cle": "dso"},
        {"libelle": f"DSO simple ({fr.quantite(simple.periode_jours, 'jour')})", "valeur": en_jours(simple.jours), "cle": "dso_simple"},
        {"libelle": "Retard moyen des factures échues", "valeur": en_jours(total.retard_moyen),
         "cle": "retard_en_cours"},
        {"libelle": "Retard moyen au paiement (exercice)", "valeur": en_jours(r.au_paiement.total.jours),
         "cle": "retard_au_paiement"},
        {"libelle": "Pénalités de retard (L441\u201110)", "valeur": fr.euros(Decimal(p["total_penalites"])), "cle": "penalites"},
        {"libelle": "Indemnités forfaitaires (D441\u20115)", "valeur": fr.euros(Decimal(p["total_indemnites"])),
         "cle": "indemnites"},
        {"libelle": "Clients à relancer", "valeur": str(len(r.relances)), "cle": "relances"},
        {"libelle": "Lignes lues", "valeur": fr.nombre(r.donnees.lignes, 0) + (
            f" ({fr.nombre(r.donnees.nb_rejets, 0)}\u00a0rejetée{'s' if r.donnees.nb_rejets > 1 else ''})"
            if r.donnees.nb_rejets else ""), "cle": "lignes"},
    ]


def _sans_nom_repete(tableau: dict, i: int) -> dict:
    """Le tableau sans la colonne du nom (`i` + 1), que sa colonne de compte (`i`) répète : un tableau de
    factures sans code client nomme chaque client par son nom seul. La colonne restante s'appelle « Client »."""
    garder = lambda cellules: [c for k, c in enumerate(cellules) if k != i + 1]
    t = dict(tableau, colonnes=garder(tableau["colonnes"]), lignes=[garder(ligne) for ligne in tableau["lignes"]])
    if "pied" in tableau:
        t["pied"] = garder(tableau["pied"])
    t["colonnes"][i] = "Client"
    for cle in ("numeriques", "insecables", "details", "a_l_ecran"):
        if cle in tableau:
            t[cle] = [k - (k > i + 1) for k in tableau[cle] if k != i + 1]
    return t


def _client_seul(tableau: dict) -> dict:
    """Les colonnes « Compte » puis « Nom » (ou « Client ») d'un tableau réduites à « Client » ; une
    colonne « Compte » seule (pénalités par facture) renommée ; les autres tableaux, tels quels."""
    colonnes = tableau["colonnes"]
    if "Compte" not in colonnes:
        return tableau
    i = colonnes.index("Compte")
    if colonnes[i + 1:i + 2] in (["Nom"], ["Client"]):
        return _sans_nom_repete(tableau, i)
    return dict(tableau, colonnes=colonnes[:i] + ["Client"] + colonnes[i + 1:])


def affichage(r, donnees: dict, fichiers: str | None = "contenus") -> dict:
    """Ce que la page montre, déjà mis en forme ; `texte` est le résumé de la ligne de commande ;
    `fichiers` : les exports CSV avec leur contenu (« contenus »), sans lui (« a_la_demande » :
    la page le demande au clic), ou aucun (None : le résumé de la ligne de commande)."""
    lignes, total = r.balances[CLIENTS]
    # Qui relancer, juste après les tranches : c'est l'action à mener (et, imprimé, la première page).
    tableaux = [_tableau_tranches(total), _tableau_relances(r, lettres=donnees["relances"]), _tableau_balance(
        lignes, total, f"Balance âgée des clients au {fr.date_courte(r.au)}")]
    for variante in (0, 1):  # I puis la variante II, clients puis fournisseurs (ordre du modèle, annexe 4-1)
        tableaux += [_tableau_d441(r.d441_6[cote][variante], cote, r) for cote in (CLIENTS, FOURNISSEURS)
                     if cote in r.d441_6]
    tableaux += [_tableau_dso(r.dso[0]), _tableau_penalites_clients(r),
                 _tableau_penalites_factures(r, donnees["penalites"])]
    # Aucun client nommé autrement que par son compte : une colonne de noms les répéterait.
    noms_repetes = bool(lignes) and all(x.nom in ("", x.tiers) for x in lignes)
    if noms_repetes:
        tableaux = [_client_seul(t) for t in tableaux]
    if r.donnees.rejets or r.donnees.remarques:
        tableaux.append(_tableau_rejets(r.donnees))
    notes = [h["texte"] for h in donnees["hypotheses"]] + methodes(r)
    notes_de_debit, debiteurs = liens_notes_de_debit(r)
    rendu = {
        "titre": "Analyse du poste clients", "phrase": _phrase(r, donnees), "resume": _resume(r, donnees),
        "annonce": _annonce(r.donnees, donnees["avertissements"]),
        "saisies": _reglages(r),
        "tableaux": tableaux, "avertissements": donnees["avertissements"], "notes": notes,
        "sources": donnees["sources"],
        # Dans un nouvel onglet : revenir à l'analyse ne doit pas obliger à relire le fichier.
        "liens": [dict(lien, onglet=True) for lien in notes_de_debit],
        "liens_titre": _titre_liens(debiteurs),
        "fichiers": (exports.fichiers(r, donnees["relances"]) if fichiers == "contenus"
                     else exports.fichiers_a_la_demande(r) if fichiers == "a_la_demande" else []),
    }
    court = dict(rendu, tableaux=[t for t in tableaux if t["titre"].startswith(("Balance âgée des clients par",
                                                                              "D441-6 I "))]
                 + [_client_seul(_tableau_relances(r, 10)) if noms_repetes else _tableau_relances(r, 10)])
    rendu["texte"] = texte_brut(court)
    return typographier(rendu)


def _titre_liens(notes: int) -> str:
    """Ce que proposent les liens vers les notes de débit (au plus 10 ; les lettres des clients à
    relancer sont dans leur tableau).

    >>> _titre_liens(1)
    'Note de débit préremplie, dans un nouvel onglet, pour le client qui doit des pénalités ou des indemnités.'
    >>> _titre_liens(12)
    "Notes de débit préremplies, chacune dans un nouvel onglet, pour les 10 clients qui doivent le plus de pénalités et d'indemnités, sur 12."
    """
    if notes <= 1:
        return "Note de débit préremplie, dans un nouvel onglet, pour le client qui doit des pénalités ou des indemnités."
    qui = (f"les {notes} clients qui doivent des pénalités ou des indemnités" if notes <= 10
           else f"les 10 clients qui doivent le plus de pénalités et d'indemnités, sur {notes}")
    return f"Notes de débit préremplies, chacune dans un nouvel onglet, pour {qui}."


FORMATS = {"fec-debit-credit": "FEC (Debit et Credit)", "fec-montant-sens": "FEC (Montant et Sens)",
           "tableur": "tableau de factures (CSV)"}


def _reglages(r) -> list:
    """Les réglages retenus, libellé et valeur : imprimés au-dessus du résultat, pour qu'une balance
    ou un tableau D441-6 sur papier dise sur quelles dates, quel délai et quel taux il repose."""
    g = r.reglages
    delai = libelle_delai(g.delai.code)
    if r.delais_propres:
        delai += f" ; {fr.quantite(r.delais_propres, 'client')} à délai propre"
    return [
        {"libelle": "Fichier", "valeur": f"{FORMATS.get(r.donnees.format, r.donnees.format)}, "
                                         f"{fr.quantite(r.donnees.lignes, 'ligne lue', 'lignes lues')}"},
        {"libelle": "Date d'analyse", "valeur": fr.date_courte(r.au) + (" (dernière date du fichier)"
                                                                       if r.au_par_defaut == "fichier" else "")},
        {"libelle": "Exercice", "valeur": f"du {fr.date_courte(r.debut)} au {fr.date_courte(r.au)}"},
        {"libelle": "Délai de paiement (sans échéance au fichier)", "valeur": delai},
        {"libelle": "Tableau D441-6", "valeur": "montants HT" if g.ht else "montants TTC"},
        {"libelle": "Taux des pénalités", "valeur": "BCE + 10 points (L441-10 II)" if g.taux is None
         else f"taux du contrat, {fr.pourcent(g.taux)}"},
    ] + ([{"libelle": "Factures en litige", "valeur": ", ".join(sorted(g.litiges))[:200]}] if g.litiges else [])
