"""Les chiffres d'une lettre, demandés aux calculateurs du site par `calculators.api.run`.

Aucun montant n'est recalculé ici ni dans un gabarit : les pénalités, l'indemnité de 40 € et le
reste dû après acomptes viennent de `run("penalites", …)`, facture par facture ; l'échéancier de
`run("echeancier", …)`. Leurs erreurs sont rapportées aux champs de la lettre (`champs`).
"""

from __future__ import annotations

from dataclasses import replace

from ..commun.erreurs import SaisieInvalide
from ..taux import TauxInconnu
from .catalogue import MORATOIRES
from .champs import Saisies, acomptes_codes, erreur_taux_moratoires, erreurs_echeancier, erreurs_penalites
from .regles import Chiffres, Facture, FactureChiffree, a_chiffrer, taux_moratoires, totaliser


def chiffrer(s: Saisies) -> Chiffres:
    """Les chiffres de la lettre ; lève SaisieInvalide, aux champs de la lettre, si un calculateur refuse."""
    erreurs = []
    factures = tuple(_chiffrer_facture(f, s, erreurs) for f in s.factures)
    if erreurs:
        raise SaisieInvalide(erreurs)
    chiffres = totaliser(factures)
    if s.modele.cle != "echeancier":
        return chiffres
    return replace(chiffres, plan=_plan(s, chiffres))


def _chiffrer_facture(f: Facture, s: Saisies, erreurs: list) -> FactureChiffree:
    """Pénalités de la facture par le calculateur de pénalités lui-même ; ses erreurs vont à `erreurs`."""
    from ..api import run  # ici : `api` importe les calculateurs, dont ce paquet

    if not a_chiffrer(f, s.avec_calcul):
        return FactureChiffree(f, None, False)
    saisies = {"montant": str(f.montant), "echeance": f.echeance.isoformat(),
               "paiement": (f.paiement or s.date_lettre).isoformat(), "aujourdhui": s.date_lettre.isoformat(),
               "acomptes": acomptes_codes(f.acomptes), "imputation": s.imputation}
    if s.modele.calcul == MORATOIRES:
        try:
            saisies["taux"] = str(taux_moratoires(f.echeance).valeur)
        except TauxInconnu:
            erreurs.append(erreur_taux_moratoires(f))
            return FactureChiffree(f, None, False)
    elif s.taux is not None:
        saisies["taux"] = str(s.taux)
    resultat = run("penalites", saisies)
    if not resultat["ok"]:
        erreurs += erreurs_penalites(f, resultat["erreurs"])
        return FactureChiffree(f, None, False)
    return FactureChiffree(f, resultat, s.avec_calcul)


def _plan(s: Saisies, chiffres: Chiffres) -> dict:
    """Échéancier par le calculateur d'échéancier : ses champs sont les `plan_*` de la lettre."""
    from ..api import run

    saisies = {nom.removeprefix("plan_"): valeur for nom, valeur in s.plan.items()}
    resultat = run("echeancier", {**saisies, "montant": str(chiffres.a_etaler(s.avec_calcul)),
                                  "aujourdhui": s.date_lettre.isoformat()})
    if not resultat["ok"]:
        raise SaisieInvalide(erreurs_echeancier(resultat["erreurs"]))
    return resultat
