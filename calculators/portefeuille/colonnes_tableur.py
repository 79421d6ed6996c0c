"""Les colonnes d'un tableau de factures : leurs noms usuels, tels que les tableurs et les logiciels
de facturation les écrivent, comparés sans accents ni majuscules (voir `lecture_csv.normaliser`).

« Partenaire », « Total signé », « Montant dû signé » : la liste des factures d'Odoo en français.
« Montant dû TTC », « Statut » : celle de Sellsy. « Customer Name », « Invoice Date », « Invoice
Number », « Invoice Status », « Balance » : l'export des factures de Zoho (en-têtes anglais, même en
France).
"""

from .valeurs_tableur import normaliser

SYNONYMES = {
    "client": ("code client", "compte client", "n client", "no client", "num client", "numero client", "ref client",
               "reference client", "code tiers", "client", "compte", "tiers", "partenaire", "debiteur", "customer",
               "customer id"),
    "nom": ("nom", "nom client", "nom du client", "raison sociale", "societe", "denomination", "libelle client",
            "client nom", "libelle", "customer name"),
    "numero": ("numero", "numero facture", "numero de facture", "n facture", "no facture", "num facture",
               "n de facture", "facture", "piece", "n piece", "numero piece", "reference", "ref", "ref facture",
               "ref piece", "reference piece", "numero de piece", "n de piece", "no piece", "n", "no", "num",
               "document", "n document", "numero document", "n de document", "ref doc", "reference document", "n doc",
               "numero doc", "invoice number", "invoice no",
               "invoice"),
    "date": ("date facture", "date de facture", "date de la facture", "date de facturation", "date facturation",
             "date emission", "date d emission", "date piece", "emise le", "emis le", "date de piece", "date doc",
             "date document", "date du document", "facture le", "invoice date", "date"),
    "montant": ("montant ttc", "ttc", "total ttc", "net a payer", "montant facture", "montant de la facture",
                "montant total", "montant", "total", "total signe", "amount"),
    "montant_ht": ("montant ht", "ht", "total ht", "base ht", "subtotal"),
    "echeance": ("echeance", "date echeance", "date d echeance", "date de l echeance", "date limite",
                 "date limite de paiement", "date limite de reglement", "date limite reglement", "a payer le",
                 "echeance le", "echue le", "date d exigibilite", "due date"),
    "paiement": ("date paiement", "date de paiement", "date reglement", "date de reglement", "paye le", "payee le",
                 "regle le", "reglee le", "date encaissement", "encaisse le", "date du paiement",
                 "date du reglement", "date d encaissement", "paiement", "reglement", "encaissement"),
    "montant_paye": ("montant paiement affecte a la facture", "montant affecte", "montant impute", "montant paye", "montant regle", "paye", "regle", "montant encaisse", "encaisse",
                     "montant du reglement", "montant du paiement", "montant reglement", "montant paiement",
                     "montant paye ttc", "montant regle ttc", "montant encaisse ttc"),
    "reste": ("reste a payer", "reste du", "restant du", "montant restant", "montant restant du", "reste a regler",
              "reste a encaisser", "solde du", "solde restant du", "montant du", "solde ouvert", "solde a payer",
              "montant restant a payer", "montant du signe", "montant du ttc", "reste du ttc", "reste a payer ttc",
              "restant du ttc", "balance due", "amount due", "balance", "reste", "creance"),
    "litige": ("litige", "en litige", "contestee", "conteste", "contestation", "litigieuse", "litigieux", "en contestation"),
    "statut": ("statut", "statut de la facture", "statut facture", "etat", "etat de la facture", "invoice status", "status"),
    "type": ("type de piece", "type de document", "type de facture", "type document", "type piece",
             "document type", "type"),
}
OBLIGATOIRES = ("client", "date", "montant")
LIBELLES = {"client": "le client", "nom": "le nom du client", "numero": "le numéro de facture",
            "date": "la date de facture", "montant": "le montant TTC", "montant_ht": "le montant HT",
            "echeance": "l'échéance", "paiement": "la date de paiement", "montant_paye": "le montant payé",
            "reste": "le reste à payer", "litige": "le litige", "statut": "le statut", "type": "le type de pièce"}
REGLEMENTS = ("paiement", "montant_paye", "reste", "statut")  # ce qui dit qu'une facture a été payée

# Valeurs de la colonne « Statut » (comparées comme les noms de colonnes, voir `lecture_csv.normaliser`).
# Payée : rien n'est plus dû (faute de colonne « Reste à payer »). Écartées : un brouillon n'est pas
# une facture émise, et Zoho annule (« Void ») une facture sans avoir : ni dû, ni chiffre d'affaires.
# « Annulée » (Sellsy) n'est pas lu : une facture émise s'y annule par un avoir, qui a sa propre
# ligne ; écarter la facture laisserait l'avoir seul, un crédit qui n'existe pas.
STATUTS_PAYES = ("payee", "paye", "reglee", "regle", "soldee", "encaissee", "paid")
STATUTS_ECARTES = ("brouillon", "draft", "proforma", "pro forma", "devis", "void", "voided", "abandonnee")
# « Statut facture » de Dolibarr (export « Factures clients et règlements ») : le code de la facture
# (htdocs/compta/facture/class/facture.class.php : 0 brouillon, 1 validée, 2 payée, 3 abandonnée, créance
# à laquelle l'entreprise a renoncé ou facture annulée : plus rien n'y est réclamé).
STATUTS_DOLIBARR = {"0": "brouillon", "2": "payee", "3": "abandonnee"}
# « Payé : oui » (ou une croix) dans la colonne du montant payé d'un tableau tenu à la main : la facture
# est payée en entier, comme un statut « Payée ».
OUI = frozenset({"oui", "o", "x", "vrai", "true", "yes"})  # une case cochée : la colonne du litige aussi
OUI_PAYEE = OUI | {"paye", "payee", "regle", "reglee", "solde", "soldee"}
# Valeurs de la colonne « Type » qui font d'une ligne un avoir, même écrit en positif.
TYPES_AVOIRS = ("avoir", "avoir client", "facture d avoir", "note de credit", "credit note")


# Une colonne non lue dont le nom fait penser à l'échéance (« Date limite règl. », « Éch. », « Due on »)
# ou aux conditions de paiement (« Conditions de règlement », « Délai », « Terme ») : sans elle, chaque
# échéance est calculée avec le délai retenu, et les retards peuvent être faux sans que rien ne le montre.
# « Limite » seul n'en est pas (« Limite de crédit ») : avec « date », si.
INDICES_ECHEANCE = frozenset({"echeance", "ech", "exigible", "exigibilite", "due", "condition", "conditions", "delai",
                              "delais", "terme", "terms"})


def colonnes_d_echeance_non_lues(ignorees: tuple, lues: tuple) -> list:
    """Les colonnes non lues (`ignorees`) qui semblent porter l'échéance ou les conditions de paiement,
    quand aucune colonne n'est lue pour l'échéance (`lues` : paires champ, nom).

    >>> colonnes_d_echeance_non_lues(("Date limite règl.", "Commentaire", "Conditions de paiement"), (("date", "Date"),))
    ['Date limite règl.', 'Conditions de paiement']
    >>> colonnes_d_echeance_non_lues(("Éch.",), (("echeance", "Échéance"),))
    []
    >>> colonnes_d_echeance_non_lues(("Limite de crédit", "Éch.", "Payment terms"), ())
    ['Éch.', 'Payment terms']
    """
    if any(champ == "echeance" for champ, _ in lues):
        return []
    mots = {nom: set(normaliser(nom).split()) for nom in ignorees}
    return [nom for nom in ignorees if INDICES_ECHEANCE & mots[nom] or {"date", "limite"} <= mots[nom]]


def citer_colonnes(entetes: list, maximum: int = 8) -> str:
    """Colonnes citées dans un message : les premières, chacune tronquée (un en-tête de milliers de
    colonnes ne doit pas donner un message de milliers de mots).

    >>> citer_colonnes(["Client", " ", "x" * 50]), citer_colonnes([f"c{i}" for i in range(20)], 2)
    ('« Client », « xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx… »', '« c0 », « c1 » et 18 autres')
    >>> citer_colonnes(["a", "b", "c"], 2)
    '« a », « b », « c »'
    """
    noms = [e.strip() for e in entetes if e.strip()]
    if len(noms) == maximum + 1:  # « et 1 autres » : autant la citer
        maximum += 1
    cites = ", ".join(f"« {n[:40] + '…' if len(n) > 40 else n} »" for n in noms[:maximum])
    return (cites + (f" et {len(noms) - maximum} autres" if len(noms) > maximum else "")) or "aucune"
