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
    a_echoir: bool = False  # les factures ne doivent pas être échues à la date de la lettre
    exige: tuple[str, ...] = IDENTITES
    sources: tuple[str, ...] = ()
    # Une lettre écrite pour des factures à payer refuse une facture payée : pourquoi, et quelle lettre
    # choisir. Vide : la lettre dit d'une facture payée qu'elle l'est (« Payée le »).
    si_payee: str = ""
    payee_si_chiffree: bool = False  # acceptée si la lettre chiffre ses pénalités, qui restent dues

    def chiffre(self, inclure_penalites: bool) -> bool:
        """La lettre réclame-t-elle des pénalités (ou des intérêts moratoires) chiffrés ?"""
        return self.calcul in (PENALITES, MORATOIRES) or (self.calcul == OPTION and inclure_penalites)

    def refus_payee(self, inclure_penalites: bool) -> str:
        """Pourquoi cette lettre ne peut pas viser une facture déjà payée ; "" si elle le peut."""
        return "" if self.payee_si_chiffree and self.chiffre(inclure_penalites) else self.si_payee


# Dans l'ordre de la relance : c'est aussi l'ordre (numéroté) de la liste du formulaire.
MODELES = {m.cle: m for m in (
    Modele("rappel-avant-echeance", "Rappel amical avant l'échéance", "Rappel amical avant l'échéance",
           "quelques jours avant l'échéance, pour un client nouveau, une grosse facture ou un client souvent en retard",
           ("numero", "montant", "echeance"), echue=False, a_echoir=True, exige=IDENTITES_COURTES,
           si_payee="un rappel avant l'échéance annonce un paiement à venir. Pour remercier le client de son "
                    "règlement, choisissez le remerciement après paiement."),
    Modele("relance-1", "Première relance (courtoise)", "Première relance (courtoise)",
           "le lendemain de l'échéance (J+1), par e-mail ou courrier simple",
           ("numero", "montant", "echeance"), calcul=OPTION, exige=IDENTITES_COURTES, sources=("L441-10", "D441-5"),
           # Payée en retard, une facture n'a plus de principal à rappeler ; restent dues les pénalités jusqu'au
           # paiement et l'indemnité de 40 € (C. com. L441-10 II, D441-5), que la note de débit chiffre.
           si_payee="une première relance rappelle des factures restées impayées. Pour réclamer les pénalités de "
                    "retard et l'indemnité forfaitaire d'une facture payée en retard, choisissez la note de débit."),
    Modele("relance-2", "Deuxième relance (ferme, relevé de compte joint)", "Deuxième relance (ferme)",
           "environ quinze jours après la première relance restée sans effet (J+15)",
           ("numero", "date", "montant", "echeance"), calcul=PENALITES, sources=("L441-10", "D441-5")),
    Modele("mise-en-demeure", "Mise en demeure de payer", "Mise en demeure",
           "après les relances restées sans effet, en recommandé avec accusé de réception, avant toute procédure",
           ("numero", "date", "montant", "echeance"), calcul=PENALITES,
           sources=("1344", "L441-10", "D441-5", "CPC-1405", "L721-3")),
    Modele("note-de-debit", "Note de débit : pénalités de retard et indemnité forfaitaire",
           "Note de débit (pénalités et indemnité)",
           "après un paiement tardif, ou avec une relance, pour facturer les pénalités et l'indemnité de 40\u00a0€",
           ("numero", "date", "montant", "echeance"), calcul=PENALITES, sources=("L441-10", "D441-5")),
    Modele("echeancier", "Proposition d'échéancier et reconnaissance de dette", "Proposition d'échéancier",
           "quand le client de bonne foi ne peut pas tout payer d'un coup ; à faire signer par lui",
           ("numero", "montant", "echeance"), calcul=OPTION, sources=("2240", "1376", "1343-1", "1343-2", "1343-5"),
           si_payee="sans les pénalités, l'échéancier n'étale que le principal restant dû, et il n'en reste rien. "
                    "Cochez « Chiffrer les pénalités dans la première relance ou l'échéancier » pour étaler ses "
                    "pénalités et son indemnité forfaitaire.", payee_si_chiffree=True),
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
