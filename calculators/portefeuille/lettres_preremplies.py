"""Les lettres préremplies du poste clients : pour chaque client à relancer, la mise en demeure et
la relance avec relevé de compte (ses factures échues, acomptes compris) ; pour ceux qui doivent
des pénalités, la note de débit. Des liens vers la page des lettres : le calcul se refait là, à
la date de la lettre, par les règles du calculateur de pénalités."""

from __future__ import annotations

from urllib.parse import urljoin

from ..lettres.champs import FACTURES_MAX, lien_lettre
from .modele import CLIENTS
from .penalites import acomptes_avant

LETTRES = "../../lettres/remplir/"
PAGE = "calculateurs/poste-clients/"  # la page d'analyse, d'où partent les liens (`LETTRES`), depuis la racine du site
FACTURES_PAR_LETTRE = FACTURES_MAX  # limite d'une lettre


def _facture_lettre(poste) -> dict:
    """Une facture échue, comme la lettre la lit : le calculateur de pénalités refera le calcul
    avec ses acomptes, jusqu'à la date de la lettre."""
    m = poste.mouvement
    acomptes = tuple({"date": jour, "montant": montant} for jour, montant in sorted(poste.reglements))
    # Sans numéro dans le fichier, le champ reste vide : la lettre le demande (une mise en demeure
    # désigne chaque créance), plutôt que de citer une « facture n° ligne 2 » qui n'existe pas.
    return {"numero": m.piece, "date": m.date_piece, "montant": poste.du,
            "echeance": poste.echeance, "acomptes": acomptes}


def _reglages_lettre(reglages) -> dict:
    """Ce que la lettre reprend des réglages de l'analyse : le taux des CGV, et le dernier taux connu
    prolongé si l'analyse l'a demandé (sinon, la lettre datée après les tables le demanderait à nouveau)."""
    return {"taux": reglages.taux, "prolonger": reglages.prolonger}


def liens_lettres(relance, reglages) -> list:
    """Mise en demeure et relance avec relevé de compte, préremplies (les plus anciennes factures d'abord)."""
    factures = [_facture_lettre(p) for p in relance.postes[:FACTURES_PAR_LETTRE]]
    fragment = lien_lettre("mise-en-demeure", factures, debiteur_nom=relance.nom, **_reglages_lettre(reglages))
    # Les deux lettres ne diffèrent que par le modèle : le lien n'est codé qu'une fois.
    return [{"libelle": f"Mise en demeure : {relance.nom}", "url": f"{LETTRES}#{fragment}"},
            {"libelle": f"Relance avec relevé de compte : {relance.nom}",
             "url": f"{LETTRES}#" + fragment.replace("modele=mise-en-demeure", "modele=relance-2", 1)}]


def _facture_note(p) -> dict:
    """Une facture en retard comme l'analyse l'a chiffrée (`PenaliteFacture`) : la note de débit
    refait le même calcul, avec les mêmes acomptes, arrêté au paiement (ou, encore due, au jour de
    la lettre)."""
    m = p.poste.mouvement
    return {"numero": m.piece, "date": m.date_piece, "montant": p.du, "echeance": p.echeance,
            "paiement": p.fin if p.soldee else None,
            "acomptes": tuple({"date": a.date, "montant": a.montant} for a in acomptes_avant(p.poste, p.fin))}


def liens_notes_de_debit(r, nombre: int = 10) -> tuple[list, int]:
    """Notes de débit préremplies des `nombre` clients qui doivent le plus de pénalités et
    d'indemnités : factures payées en retard ou encore en retard, chiffrées (ni avant 2013, ni
    au-delà des taux connus) et hors litige, les plus anciennes échéances d'abord ; et le nombre de
    clients qui en doivent."""
    par_tiers: dict = {}
    for p in r.penalites:
        # Une créance passée en perte n'a pas été payée : la note dirait « payée le » jour de la perte.
        if p.penalites is not None and not p.hypothese and not p.poste.perte and not p.litige:
            par_tiers.setdefault(p.tiers, []).append(p)
    liens = []
    for tiers in sorted(par_tiers, key=lambda t: (-r.penalites_par_tiers[t].total, t))[:nombre]:
        nom = r.donnees.noms.get((CLIENTS, tiers), tiers)
        factures = sorted(par_tiers[tiers], key=lambda p: (p.echeance, p.poste.mouvement.cle_tri()))
        fragment = lien_lettre("note-de-debit", [_facture_note(p) for p in factures[:FACTURES_PAR_LETTRE]],
                               debiteur_nom=nom, **_reglages_lettre(r.reglages))
        liens.append({"libelle": f"Note de débit : {nom}", "url": f"{LETTRES}#{fragment}"})
    return liens, len(par_tiers)


def relances_json(r) -> list:
    return [{
        "rang": rang, "compte": x.tiers, "nom": x.nom, "echu": str(x.echu), "plus_ancien_retard": x.plus_ancien_retard,
        "tranche": x.tranche, "factures": len(x.postes), "penalites_et_indemnites": str(x.penalites),
        "liens": liens_lettres(x, r.reglages),
    } for rang, x in enumerate(r.relances, start=1)]


def liens_complets(relances: list, adresse: str) -> None:
    """Les liens de `relances` (`relances_json`) en adresses complètes, lues depuis `adresse`, celle
    de la page d'analyse (la ligne de commande avec `--site`) : un tableur ou un script les ouvre tels quels."""
    for relance in relances:
        for lien in relance["liens"]:
            lien["url"] = urljoin(adresse, lien["url"])
