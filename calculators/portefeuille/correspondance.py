"""La correspondance des colonnes d'un tableau de factures (`--colonne CHAMP:NOM`, étape de
correspondance de la page) : quelle colonne porte quelle information.

- Appliquée par-dessus les colonnes reconnues à leur nom, elle les remplace : une colonne choisie
  pour une information n'est plus lue pour celle que son nom évoquait.
- Aucune ligne ne se lit à cause d'une colonne choisie (« Débiteur » pour le montant TTC) : c'est
  la correspondance qui est en cause, pas le fichier ; le refus le dit, nomme l'information et
  ramène la page à sa liste (`colonnes.fautive`), au lieu de renvoyer au champ du fichier avec le
  message de la première ligne rejetée."""

from __future__ import annotations

from .colonnes_tableur import LIBELLES
from .modele import Donnees, FichierIllisible
from .valeurs_tableur import normaliser

_TEXTES = frozenset({"client", "nom", "numero", "litige", "statut", "type"})


def appliquer_correspondance(colonnes: dict, entetes: list, correspondance: dict | None) -> None:
    """Les colonnes choisies (`correspondance` : champ → nom de colonne) dans `colonnes` (champ → rang).
    Une colonne reconnue à son nom pour une autre information ne l'est plus : « paiement_3 : Date
    paiement », la colonne déjà lue pour le premier règlement, comptait deux fois le même (un total
    faux de 1 280 €, sans un mot).

    >>> c = {"paiement": 4, "montant_paye": 5}
    >>> appliquer_correspondance(c, ["C", "N", "D", "M", "Date paiement", "Payé"], {"paiement_3": "date paiement"})
    >>> c
    {'montant_paye': 5, 'paiement_3': 4}
    """
    normalises = [normaliser(e) for e in entetes]
    choisies = {champ: normalises.index(normaliser(str(nom))) for champ, nom in (correspondance or {}).items()
                if nom not in ("", None) and normaliser(str(nom)) in normalises}
    prises = set(choisies.values())
    for champ in [c for c, rang in colonnes.items() if rang in prises and c not in choisies]:
        del colonnes[champ]
    colonnes.update(choisies)


def refuser_colonne_fautive(lecteur, donnees: Donnees, exemples: dict, choisies: dict | None) -> None:
    """Lève le refus de la correspondance si la première ligne rejetée l'est pour une colonne choisie
    (`choisies` : {champ: colonne} de l'étape de correspondance ; `lecteur` : `lecture_csv.LecteurTableur`,
    aucune ligne lue) ; sinon ne fait rien. Une colonne reconnue à son nom (« Montant TTC ») qui ne se
    lit pas, c'est le fichier qui est en cause : le refus reste celui de sa ligne."""
    if not donnees.rejets or not choisies:
        return
    rejet = donnees.rejets[0]
    # Une colonne choisie pour deux informations : celle qui se lit (date, montant) a fait rejeter la
    # ligne ; un texte (client, numéro) ne le fait qu'absent.
    champs = sorted((c in _TEXTES, c) for c, rang in lecteur.col.items()
                    if lecteur.entetes[rang].strip() == rejet.colonne and c in LIBELLES and choisies.get(c))
    if not champs:
        return
    champ = champs[0][1]
    # Le motif de la ligne, sans le « Ligne N, colonne « C » : » qu'y met `Donnees.rejeter`.
    raison = rejet.message.removeprefix(f"Ligne {rejet.ligne}, colonne « {rejet.colonne} » : ").rstrip(".")
    information = LIBELLES[champ]
    raise FichierIllisible(
        f"Aucune ligne du fichier n'a pu être lue : la colonne « {rejet.colonne} » a été lue pour {information} "
        f"(ligne {rejet.ligne} : {raison}). Choisissez la colonne qui porte {information}.",
        rejet.ligne, champ, list(lecteur.entetes),
        {"reconnues": {c: lecteur.entetes[rang] for c, rang in lecteur.col.items()}, "manquantes": [],
         "fautive": champ, "exemples": exemples})
