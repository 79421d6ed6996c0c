"""Le catalogue des lettres types : ce que chacune exige, ce qu'elle chiffre, les textes qu'elle cite.

Des données seulement ; le gabarit de chaque lettre est `modeles/<cle>.html.j2`.
"""

from __future__ import annotations

from dataclasses import dataclass

PENALITES = "penalites"  # pénalités de retard entre professionnels (C. com. L441-10 II)
MORATOIRES = "moratoires"  # intérêts moratoires d'un acheteur public (C. commande publique R2192-31)
OPTION = "option"  # chiffrées seulement si l'utilisateur coche « inclure_penalites »

IDENTITES = ("creancier_nom", "creancier_adresse", "debiteur_nom", "debiteur_adresse", "signataire")
IDENTITES_COURTES = ("creancier_nom", "debiteur_nom", "signataire")  # lettre simple, par e-mail


@dataclass(frozen=True)
class Modele:
    cle: str
    titre: str
    libelle: str  # nom court, dans la liste du formulaire
    quand: str  # sa place dans la relance, reprise dans les notes
    champs_facture: tuple[str, ...]  # ce qui est exigé de chaque facture
    calcul: str | None = None  # PENALITES, MORATOIRES, OPTION ou rien
    echue: bool = True  # les factures doivent être échues à la date de la lettre (ou du paiement)
    exige: tuple[str, ...] = IDENTITES
    sources: tuple[str, ...] = ()

    def chiffre(self, inclure_penalites: bool) -> bool:
        """La lettre réclame-t-elle des pénalités (ou des intérêts moratoires) chiffrés ?"""
        return self.calcul in (PENALITES, MORATOIRES) or (self.calcul == OPTION and inclure_penalites)


# Dans l'ordre de la relance : c'est aussi l'ordre (numéroté) de la liste du formulaire.
MODELES = {m.cle: m for m in (
    Modele("rappel-avant-echeance", "Rappel amical avant l'échéance", "Rappel amical avant l'échéance",
           "quelques jours avant l'échéance, pour un client nouveau, une grosse facture ou un client souvent en retard",
           ("numero", "montant", "echeance"), echue=False, exige=IDENTITES_COURTES),
    Modele("relance-1", "Première relance (courtoise)", "Première relance (courtoise)",
           "le lendemain de l'échéance (J+1), par e-mail ou courrier simple",
           ("numero", "montant", "echeance"), calcul=OPTION, exige=IDENTITES_COURTES, sources=("L441-10", "D441-5")),
    Modele("relance-2", "Deuxième relance (ferme, relevé de compte joint)", "Deuxième relance (ferme)",
           "environ quinze jours après la première relance restée sans effet (J+15)",
           ("numero", "date", "montant", "echeance"), calcul=PENALITES, sources=("L441-10", "D441-5")),
    Modele("mise-en-demeure", "Mise en demeure de payer", "Mise en demeure",
           "après les relances restées sans effet, en recommandé avec accusé de réception, avant toute procédure",
           ("numero", "date", "montant", "echeance"), calcul=PENALITES,
           sources=("1344", "1344-1", "L441-10", "D441-5", "CPC-1405", "L721-3")),
    Modele("note-de-debit", "Note de débit : pénalités de retard et indemnité forfaitaire",
           "Note de débit (pénalités et indemnité)",
           "après un paiement tardif, ou avec une relance, pour facturer les pénalités et l'indemnité de 40\u00a0€",
           ("numero", "date", "montant", "echeance"), calcul=PENALITES, sources=("L441-10", "D441-5")),
    Modele("echeancier", "Proposition d'échéancier et reconnaissance de dette", "Proposition d'échéancier",
           "quand le client de bonne foi ne peut pas tout payer d'un coup ; à faire signer par lui",
           ("numero", "montant", "echeance"), calcul=OPTION, sources=("2240", "1376", "1343-1", "1343-2", "1343-5")),
    Modele("remerciement", "Remerciement après paiement", "Remerciement après paiement",
           "à réception d'un paiement qui solde le dossier, surtout après des relances",
           ("numero", "montant"), echue=False, exige=IDENTITES_COURTES),
    Modele("acheteur-public", "Demande d'intérêts moratoires à un acheteur public",
           "Intérêts moratoires (acheteur public)",
           "quand un acheteur public a payé, ou paie, après le délai de paiement de la commande publique",
           ("numero", "date", "montant", "echeance"), calcul=MORATOIRES,
           sources=("L2192-13", "R2192-31", "D2192-35", "R2192-36")),
    Modele("mediateur", "Saisine du Médiateur des entreprises : les faits à préparer", "Médiateur des entreprises",
           "quand la relation mérite d'être préservée ou que le désaccord porte sur la prestation",
           ("numero", "date", "montant", "echeance"), calcul=PENALITES,
           exige=IDENTITES_COURTES, sources=("MEDIATEUR", "L441-10", "D441-5")),
    Modele("injonction-de-payer", "Requête en injonction de payer : son contenu", "Requête en injonction de payer",
           "quand la mise en demeure est restée sans effet et que la créance n'est pas sérieusement contestée",
           ("numero", "date", "montant", "echeance"), calcul=PENALITES,
           sources=("CPC-1405", "CPC-1406", "L721-3", "D2026-96", "L441-10", "D441-5")),
)}
