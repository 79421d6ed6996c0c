"""Textes du résultat communs à plusieurs régimes : décompte, jours non ouvrés, acheteurs publics, sanctions.

Les textes propres à un régime sont dans ses données (`regimes.REGIMES` : `note`, `avertissement`).
"""

NOTE_WEEK_END = (
    "Une date limite qui tombe un samedi, un dimanche ou un jour férié n'est pas reportée : nous n'avons "
    "trouvé aucun texte ni aucune décision qui reporte une date de paiement (le report au jour ouvrable "
    "suivant de l'article 642 du code de procédure civile vise les délais de procédure), sans pouvoir "
    "exclure qu'un juge l'admette ; dans le doute, tenez-vous-en à la date. Entre entreprises, le paiement "
    "est réalisé quand les fonds sont mis à la disposition du vendeur (C. com. art. L441-9) : ordonnez le virement "
    "pour qu'il arrive au plus tard ce jour-là."
)
NOTE_DECOMPTE = (
    "« N jours après » une date : le jour de départ ne compte pas (60 jours après le 15 janvier 2025 : "
    "le 16 mars 2025). La date limite est le dernier jour pour payer ; les pénalités de retard sont "
    "exigibles le jour suivant, sans rappel (C. com. art. L441-10 II)."
)
NOTE_DECOMPTE_PUBLIC = (
    "« N jours après » une date : le jour de départ ne compte pas (30 jours après le 5 mars 2025 : "
    "le 4 avril 2025). La date limite est le dernier jour pour payer ; les intérêts moratoires courent "
    "dès le lendemain, sans formalité (C. commande publique, art. L2192-13)."
)
NOTE_PUBLIC_INTERETS = (
    "Au-delà de la date limite, l'acheteur public doit de plein droit des intérêts moratoires au taux de la "
    "BCE majoré de 8 points, un seul taux pour tout le retard : celui en vigueur au premier jour du semestre "
    "où le retard commence (C. commande publique, art. R2192-31), plus l'indemnité forfaitaire de 40\u00a0€. "
    "Ce n'est pas le calcul du calculateur de pénalités entre entreprises (BCE + 10 points, par semestre) : "
    "le calculateur d'intérêts moratoires les chiffre (lien sous le résultat)."
)
NOTE_PUBLIC_DEPART = (
    "Le délai court de la réception de la demande de paiement, la facture (C. commande publique, art. "
    "R2192-12), ou de l'exécution des prestations si la demande est arrivée avant (art. R2192-13). À défaut "
    "de date constatée par l'acheteur, la date de la demande augmentée de deux jours fait foi, et la date de "
    "réception ne peut pas être fixée par contrat (art. R2192-14). Le marché ne peut pas prévoir un délai "
    "plus long (art. L2192-10)."
)
SANCTIONS_PRIVE = (
    "Ce que risquent les entreprises : payer après la date limite légale expose l'acheteur à une amende "
    "administrative de la DGCCRF d'au plus 75 000 € pour une personne physique et 2 000 000 € pour une "
    "personne morale, doublée (150 000 € et 4 000 000 €) en cas de réitération dans les deux ans, avec "
    "publication de la sanction (C. com. art. L441-16 ; publication : art. L470-2 V). L'accord du vendeur ne rend pas l'échéance licite : "
    "le plafond s'impose aux deux parties, et le vendeur doit porter sur la facture une date de règlement "
    "exacte (C. com. art. L441-9). Omettre dans les conditions de règlement le taux des pénalités ou "
    "l'indemnité de 40\u00a0€ est puni de la même amende (L441-16 b)."
)
SANCTIONS_PUBLIC = (
    "Un marché public ne peut pas prévoir un délai de paiement plus long que le délai réglementaire "
    "(C. commande publique, art. L2192-10). Dès le lendemain de la date limite, les intérêts moratoires et "
    "l'indemnité forfaitaire de 40 € sont dus de plein droit, sans formalité (art. L2192-13)."
)
