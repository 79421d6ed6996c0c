"""Les colonnes d'un tableau de factures : leurs noms usuels, tels que les tableurs et les logiciels
de facturation les écrivent, comparés sans accents ni majuscules (voir `lecture_csv.normaliser`).

« Partenaire », « Total signé », « Montant dû signé » : la liste des factures d'Odoo en français.
"""

SYNONYMES = {
    "client": ("code client", "compte client", "n client", "no client", "num client", "numero client", "ref client",
               "reference client", "code tiers", "client", "compte", "tiers", "partenaire", "debiteur", "customer"),
    "nom": ("nom", "nom client", "nom du client", "raison sociale", "societe", "denomination", "libelle client",
            "client nom", "libelle"),
    "numero": ("numero", "numero facture", "numero de facture", "n facture", "no facture", "num facture",
               "n de facture", "facture", "piece", "n piece", "numero piece", "reference", "ref", "ref facture",
               "invoice"),
    "date": ("date facture", "date de facture", "date de la facture", "date de facturation", "date facturation",
             "date emission", "date d emission", "date piece", "emise le", "date de piece", "date"),
    "montant": ("montant ttc", "ttc", "total ttc", "net a payer", "montant facture", "montant de la facture",
                "montant total", "montant", "total", "total signe"),
    "montant_ht": ("montant ht", "ht", "total ht", "base ht"),
    "echeance": ("echeance", "date echeance", "date d echeance", "date de l echeance", "date limite",
                 "date limite de paiement", "a payer le", "due date"),
    "paiement": ("date paiement", "date de paiement", "date reglement", "date de reglement", "paye le", "payee le",
                 "regle le", "reglee le", "date encaissement", "encaisse le", "date du paiement",
                 "date du reglement", "date d encaissement", "paiement", "reglement", "encaissement"),
    "montant_paye": ("montant paye", "montant regle", "paye", "regle", "montant encaisse", "encaisse",
                     "montant du reglement", "montant du paiement", "montant reglement", "montant paiement",
                     "montant paye ttc", "montant regle ttc", "montant encaisse ttc"),
    "reste": ("reste a payer", "reste du", "restant du", "montant restant", "montant restant du", "reste a regler",
              "reste a encaisser", "solde du", "solde restant du", "montant du", "solde ouvert", "solde a payer",
              "montant restant a payer", "montant du signe", "reste"),
    "litige": ("litige", "en litige", "contestee", "contestation", "litigieuse"),
}
OBLIGATOIRES = ("client", "date", "montant")
LIBELLES = {"client": "le client", "nom": "le nom du client", "numero": "le numéro de facture",
            "date": "la date de facture", "montant": "le montant TTC", "montant_ht": "le montant HT",
            "echeance": "l'échéance", "paiement": "la date de paiement", "montant_paye": "le montant payé",
            "reste": "le reste à payer", "litige": "le litige"}
REGLEMENTS = ("paiement", "montant_paye", "reste")  # ce qui dit qu'une facture a été payée
