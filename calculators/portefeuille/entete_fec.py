"""En-tête d'un fichier des écritures comptables (FEC, LPF art. A47 A-1) : séparateur et champs.

La première ligne nomme les champs, dans cet ordre : JournalCode, JournalLib, EcritureNum,
EcritureDate, CompteNum, CompteLib, CompAuxNum, CompAuxLib, PieceRef, PieceDate, EcritureLib,
Debit, Credit, EcritureLet, DateLet, ValidDate, Montantdevise, Idevise (la paire Montant + Sens
peut remplacer Debit + Credit) ; un seul séparateur, tabulation ou « | ». Les champs sont lus
par leur nom (un logiciel qui change l'ordre ou ajoute une 19e colonne reste lisible) ; ceux
dont l'analyse a besoin sont exigés, les autres manquants sont signalés.
"""

from __future__ import annotations

from dataclasses import dataclass

from .modele import FichierIllisible

CHAMPS_FEC = ("JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum", "CompteLib",
              "CompAuxNum", "CompAuxLib", "PieceRef", "PieceDate", "EcritureLib", "Debit", "Credit",
              "EcritureLet", "DateLet", "ValidDate", "Montantdevise", "Idevise")
INDISPENSABLES = ("JournalCode", "EcritureNum", "EcritureDate", "CompteNum")
# Hors arrêté, lue si elle est là : l'échéance de la facture, qu'ajoutent Dolibarr (« FEC » et « FEC2 »)
# et ERPNext (rapport FEC de Dokos) après les 18 champs.
ECHEANCE = "DateLimitReglmt"
_NOMS = {nom.lower(): nom for nom in CHAMPS_FEC + ("Montant", "Sens", ECHEANCE)}
@dataclass(frozen=True)
class EnteteFec:
    separateur: str
    positions: dict          # nom du champ (graphie de l'arrêté) → rang
    mode: str                # "debit-credit" ou "montant-sens"
    nb_colonnes: int         # jusqu'au dernier champ nommé (voir `reconnaitre_entete`)
    absents: tuple           # champs de l'arrêté absents (signalés, non bloquants)
    separateur_final: bool = False  # l'en-tête finit par un séparateur (champ final sans nom)
    noms: tuple = ()         # les noms des colonnes, tels qu'écrits (messages)


def _noms(champs: list[str]) -> dict:
    positions = {}
    for rang, brut in enumerate(champs):
        nom = _NOMS.get(brut.strip().strip('"').lower())
        if nom and nom not in positions:
            positions[nom] = rang
    return positions


def reconnaitre_entete(ligne: str) -> EnteteFec | None:
    """En-tête de FEC (None si la ligne n'en est pas un) ; FichierIllisible s'il est fautif.

    >>> e = reconnaitre_entete("JournalCode|JournalLib|EcritureNum|EcritureDate|CompteNum|CompteLib|"
    ...     "CompAuxNum|CompAuxLib|PieceRef|PieceDate|EcritureLib|Montant|Sens|EcritureLet|DateLet|"
    ...     "ValidDate|Montantdevise|Idevise")
    >>> e.separateur, e.mode, e.nb_colonnes, e.positions["Sens"]
    ('|', 'montant-sens', 18, 12)
    """
    ligne = ligne.lstrip("\ufeff")
    essais = {sep: _noms(ligne.split(sep)) for sep in ("\t", "|", ";", ",")}
    sep, positions = max(essais.items(), key=lambda e: len(e[1]))
    if len(positions) < 5:
        return None
    if sep in ";,":
        raise FichierIllisible(
            f"Ce fichier ressemble à un FEC mais ses champs sont séparés par « {sep} » : l'arrêté "
            f"(LPF art. A47 A-1) impose la tabulation ou la barre verticale « | ». Réexportez le FEC "
            f"depuis votre logiciel comptable sans le modifier dans un tableur.", 1, "")
    manquants = [nom for nom in INDISPENSABLES if nom not in positions]
    if "Debit" in positions and "Credit" in positions:
        mode = "debit-credit"
    elif "Montant" in positions and "Sens" in positions:
        mode = "montant-sens"
    else:
        mode = ""
        manquants.append("Debit et Credit (ou Montant et Sens)")
    if manquants:
        raise FichierIllisible(
            "L'en-tête du FEC (ligne 1) ne contient pas " + ", ".join(f"« {m} »" for m in manquants)
            + " : l'arrêté (LPF art. A47 A-1) impose ces noms de champs sur la première ligne.", 1,
            manquants[0])
    attendus = CHAMPS_FEC if mode == "debit-credit" else CHAMPS_FEC[:11] + ("Montant", "Sens") + CHAMPS_FEC[13:]
    absents = tuple(nom for nom in attendus if nom not in positions)
    # Un séparateur final (« …|Idevise| ») ne nomme pas de colonne : les lignes sont comptées sans lui,
    # qu'elles le portent aussi ou non (voir `colonnes_fec`).
    noms = [nom.strip().strip('"') for nom in ligne.split(sep)]
    nommees = len(noms)
    while nommees > 1 and not noms[nommees - 1]:
        nommees -= 1
    return EnteteFec(sep, positions, mode, nommees, absents, nommees < len(noms), tuple(noms[:nommees]))


def est_entete(ligne: str, sep: str) -> bool:
    """La ligne nomme-t-elle des champs de FEC (un en-tête répété au milieu du fichier) ?

    >>> est_entete("JournalCode|JournalLib|EcritureNum|EcritureDate|CompteNum|Debit|Credit", "|")
    True
    >>> est_entete("VE|Ventes|1|20250101|411000|Debit|Credit", "|")
    False
    """
    return len(_noms(ligne.lstrip("\ufeff").split(sep))) >= 5


def refuser_donnees_sans_entete(ligne: str, numero: int) -> None:
    """Un FEC dont la première ligne est déjà une écriture : l'en-tête manque."""
    for sep in ("\t", "|"):
        champs = ligne.split(sep)
        if len(champs) in (18, 19) and champs[3].strip().isdigit():
            raise FichierIllisible(
                f"La ligne {numero} devrait nommer les champs du FEC (JournalCode, JournalLib, EcritureNum…, "
                f"LPF art. A47 A-1) : elle contient déjà une écriture. Réexportez le FEC avec sa ligne d'en-tête.",
                numero)
