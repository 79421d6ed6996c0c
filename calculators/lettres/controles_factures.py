"""Deux fautes de saisie des factures d'une lettre que les cellules, lues une à une, ne voient pas :
la même facture tapée deux fois, et un numéro dont les « : » décalent toutes les cellules."""

from __future__ import annotations

import re

from ..commun.champs import SEPARATEUR_LIGNE
from ..commun.erreurs import Collecteur, SaisieInvalide
from ..commun.saisie import lire_date
from .regles import meme_numero


def factures_repetees(c: Collecteur, factures: list, param: str) -> None:
    """Une facture tapée deux fois (même numéro, date, montant et échéance) : réclamée deux fois, son
    montant, ses pénalités et ses 40 € comptés deux fois dans le total, sans que rien ne le montre.
    Le même numéro avec une autre échéance reste admis : une facture payable en plusieurs fois."""
    vues: dict[tuple, int] = {}
    for rang, lue in factures:
        numero = meme_numero(lue["numero"] or "")
        if not numero or any(e.field.startswith(f"{param}-{rang}-") for e in c.erreurs):
            continue  # une facture mal saisie a déjà son message
        cle = (numero, lue["date"], lue["montant"], lue["echeance"])
        if cle in vues:
            c.ajouter(f"{param}-{rang}-numero",
                      f"La facture « {lue['numero']} » est déjà la facture n° {vues[cle]} (même numéro, date, montant "
                      f"et échéance) : une facture ne se réclame qu'une fois. Retirez l'une des deux (un paiement "
                      f"partiel se saisit en acompte).")
        else:
            vues[cle] = rang


NUMERO_DECALE = "la date de la facture ne suit pas le numéro"


def numero_decale(c: Collecteur, ancre: str) -> bool:
    """La facture de cette ancre a-t-elle eu ses cellules décalées (`deux_points_du_numero`) ?"""
    return any(e.field == ancre and NUMERO_DECALE in e.message for e in c.erreurs)


def deux_points_du_numero(c: Collecteur, avant: int, ancre: str, brute: str) -> None:
    """« FA:2025:001:… » : le numéro s'arrêtait au premier « : », sa suite (« 2025 ») devenait la date,
    et trois messages parlaient de dates et d'acomptes ; un seul dit la cause. Seulement quand une
    cellule plus loin est une date (celle de la facture, décalée) et que la « date » lue n'en a pas
    l'air (ni « / », ni « - », ni « . ») : « F1:hier:… » et « F1:31/02/2026:… » gardent leurs messages."""
    cellules = brute.split(SEPARATEUR_LIGNE)
    if len(cellules) < 3 or re.search(r"[/.\-]", cellules[1]) or not any(map(_est_une_date, cellules[2:4])):
        return
    del c.erreurs[avant:]
    c.ajouter(ancre, f"« {brute[:60]} » : {NUMERO_DECALE}. Si le numéro contient "
                     f"« : », écrivez chacun « \\: » (par exemple FA\\:2025\\:001:2025-01-10:1000:2025-02-10).")


def _est_une_date(texte: str) -> bool:
    try:
        lire_date(texte, "date", "la date")
    except SaisieInvalide:
        return False
    return True
