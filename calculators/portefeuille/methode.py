"""La méthode du résultat du poste clients, en chiffres : chaque formule avec les nombres qu'elle a
reçus (DSO, retards moyens, part échue), ce que comptent la balance, le tableau D441-6 et les
pénalités, et ce que réclament les lettres préremplies. Notes sous le résultat, à l'écran et imprimé."""

from __future__ import annotations

from ..commun import format_fr as fr
from .d441_6 import pourcentage
from .dso import premier_des_douze_mois
from .libelles import en_jours
from .modele import CLIENTS


def _periode_dso_simple(r) -> str:
    """D'où part la période du DSO simple (`dso.dso_simple` : douze mois au plus, pas avant l'exercice)."""
    if r.dso[1].debut == premier_des_douze_mois(r.au):
        return "le mois de la date d'analyse jusqu'à elle et les onze mois d'avant"
    if r.reglages.debut is not None:
        return "depuis le début d'exercice saisi"
    return "depuis la première date du fichier, qui couvre moins de douze mois"


def _methode_epuisement(d) -> str:
    """Le DSO par épuisement en chiffres : les jours des mois épuisés, plus la part du mois entamé
    (encours restant ÷ CA TTC du mois × jours du mois), comme les lignes de son tableau."""
    if not d.mois:
        return (f"DSO par épuisement : encours de {fr.euros(d.encours)}, rien à épuiser par le CA TTC des mois : "
                f"{en_jours(d.jours)}.")
    dernier = d.mois[-1]
    # Épuisé dans la période, l'encours l'est dans le dernier mois du tableau, qui a des ventes :
    # entamé, ou tout juste épuisé ; sinon, chaque mois compte tous ses jours.
    epuises = d.mois[:-1] if d.complet else d.mois
    termes = ([f"{fr.quantite(sum(m.jours for m in epuises), 'jour')} "
               f"({fr.quantite(len(epuises), 'mois épuisé', 'mois épuisés')})"] if epuises else [])
    if d.complet:
        termes.append(f"{fr.nombre(dernier.encours_avant, 2)} ÷ {fr.nombre(dernier.ventes, 2)} × {dernier.jours} "
                      f"({fr.MOIS[dernier.mois - 1]} {dernier.annee}, entamé)")
    return (f"DSO par épuisement = somme des jours comptés du tableau « DSO par épuisement » = {' + '.join(termes)} "
            f"= {'' if d.complet else 'au moins '}{en_jours(d.jours)} ; l'encours de {fr.euros(d.encours)} "
            + ("y est épuisé par le CA TTC des mois, du plus récent au plus ancien." if d.complet
               else "dépasse le CA TTC de toute la période lue."))


def _methode_dso_simple(r) -> str:
    """Le DSO simple en chiffres, et d'où part sa période."""
    d = r.dso[1]
    if d.jours is None:
        calcul = f" : CA TTC de {fr.euros(d.ventes)} sur la période, pas de DSO simple"
    elif d.encours < 0:
        calcul = f" : encours créditeur ({fr.euros(d.encours)}, des avances des clients), rien à encaisser : 0 jour"
    else:
        calcul = f" = {fr.nombre(d.encours, 2)} ÷ {fr.nombre(d.ventes, 2)} × {d.periode_jours} = {en_jours(d.jours)}"
    return (f"DSO simple = encours ÷ CA TTC de la période × jours de la période{calcul} ; période du "
            f"{fr.date_courte(d.debut)} au {fr.date_courte(r.au)} ({fr.quantite(d.periode_jours, 'jour')} : "
            f"{_periode_dso_simple(r)}). Les deux DSO et la part échue de chaque client, par ses propres ventes : "
            f"export CSV de la balance âgée.")


def _methode_retards(r) -> str:
    """Les deux retards moyens pondérés, formule et chiffres (page « Taux de retard et retard moyen »)."""
    total, paiement = r.balances[CLIENTS][1], r.au_paiement.total
    en_cours = ("Retard moyen pondéré des factures échues (celui de chaque client : export CSV de la balance) = "
                "Σ (reste dû × jours de retard) ÷ Σ restes dus échus"
                + (f" = {fr.nombre(total.jours_montant, 2)} ÷ {fr.nombre(total.echu, 2)} = {en_jours(total.retard_moyen)}"
                   if total.retard_moyen is not None else " : aucune facture échue"))
    au_paiement = ("retard moyen au paiement = Σ (dû × jours de retard au règlement, 0 si payée à l'échéance) ÷ Σ dus, "
                   "sur les factures soldées pendant l'exercice"
                   + (f" ({fr.quantite(paiement.factures, 'facture')}, dont {paiement.en_retard} en retard) = "
                      f"{fr.nombre(paiement.jours_montant, 2)} ÷ {fr.nombre(paiement.montant, 2)} = {en_jours(paiement.jours)}"
                      if paiement.jours is not None else " : aucune"))
    return f"{en_cours} ; {au_paiement}."


def _methode_part_echue(total) -> str:
    """La part échue (taux de retard) en chiffres : échu ÷ sommes dues × 100."""
    part = pourcentage(total.echu, total.du)
    if part is None:
        return ""
    return (f" Part échue de l'encours (taux de retard) = échu ÷ sommes dues × 100 = {fr.nombre(total.echu, 2)} ÷ "
            f"{fr.nombre(total.du, 2)} × 100 = {fr.pourcent(part)}.")


def methodes(r) -> list:
    total = r.balances[CLIENTS][1]
    montants = "HT" if r.reglages.ht else "TTC"
    # La note de débit est datée du jour de l'analyse ; la mise en demeure, du jour où on l'envoie.
    lettres = ["Lettres des clients à relancer (dernière colonne de leur tableau, et export « Télécharger les "
               "clients à relancer (CSV) ») : une mise en demeure est datée du jour où vous l'ouvrez ; ses pénalités courent jusqu'à "
               "ce jour, pas seulement jusqu'à la date d'analyse. La colonne « Pénalités et indemnités » compte toutes "
               "les factures du client en retard hors litige, payées ou non ; la mise en demeure ne réclame que "
               "celles des factures échues encore dues, la note de débit celles des factures payées en retard. Les lettres imputent chaque acompte d'abord sur les pénalités échues (C. civ. art. 1343-1) : "
               "leur principal peut dépasser l'échu de l'analyse, qui suit les comptes, et leurs pénalités être "
               "moindres d'autant ; à la même date, principal et pénalités font le même total."] if r.relances else []
    return lettres + [
        "Balance âgée : retard = date d'analyse − échéance ; total d'un client = solde de son compte à la date."
        + (f" Parts de l'encours : celles des sommes dues ({fr.euros(total.du)}), le crédit non affecté "
           f"({fr.euros(total.non_affecte)}) à part." if total.non_affecte else "") + _methode_part_echue(total),
        _methode_epuisement(r.dso[0]),
        _methode_dso_simple(r),
        _methode_retards(r),
        f"Tableau D441-6 : montants {montants} (D441-6 III) ; reste dû à la clôture pour le I ; retards comptés des "
        f"délais contractuels, à défaut légaux (D441-6 IV) : ceux de la ligne (C) de chaque tableau ; colonne "
        f"« 0 jour » (indicative, hors du total) : les factures pas encore échues (I), payées à temps (II).",
        "Pénalités : calculateur de pénalités du site, facture par facture (L441-10 II : taux BCE + 10 points par "
        "semestre" + (", ou taux du contrat" if r.reglages.taux is None else f", ici taux du contrat "
                      f"{fr.pourcent(r.reglages.taux)}") + ") ; 40\u00a0€ par facture en retard, payée ou non (D441-5). Une facture en litige est décomptée, "
        "marquée, et reste hors des totaux exigibles (à régler avant de la réclamer).",
    ]
