"""Un tableau de factures dont aucune ligne ne se lit à cause d'une colonne : reconnue par son nom
ou choisie à l'étape de correspondance, elle ne porte pas ce qu'on y cherche (« Débiteur » choisie
pour le montant TTC). C'est la correspondance qui est en cause, pas le fichier : le refus le dit,
nomme l'information et ramène la page à sa liste (`colonnes.fautive`), au lieu de renvoyer au
champ du fichier avec le message de la première ligne rejetée."""

from __future__ import annotations

from .colonnes_tableur import LIBELLES
from .modele import Donnees, FichierIllisible

_TEXTES = frozenset({"client", "nom", "numero", "litige", "statut", "type"})


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
    raison = rejet.message.partition(" : ")[2].rstrip(".")
    information = LIBELLES[champ]
    raise FichierIllisible(
        f"Aucune ligne du fichier n'a pu être lue : la colonne « {rejet.colonne} » a été lue pour {information} "
        f"(ligne {rejet.ligne} : {raison}). Choisissez la colonne qui porte {information}.",
        rejet.ligne, champ, list(lecteur.entetes),
        {"reconnues": {c: lecteur.entetes[rang] for c, rang in lecteur.col.items()}, "manquantes": [],
         "fautive": champ, "exemples": exemples})
