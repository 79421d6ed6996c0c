"""Textes cités par les calculateurs : un libellé et, quand il est connu, un lien Légifrance.

Seuls les liens lus dans une source sont donnés : pas d'identifiant Légifrance deviné.
"""

from __future__ import annotations

TEXTES = {
    "L441-10": (
        "Code de commerce, art. L441-10 (version du 26/04/2019)",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000038414392",
    ),
    "D441-5": ("Code de commerce, art. D441-5 (indemnité forfaitaire de 40\u00a0€)", None),
    "L313-2": ("Code monétaire et financier, art. L313-2 (taux de l'intérêt légal)", None),
    "L110-4": ("Code de commerce, art. L110-4 (prescription de cinq ans entre commerçants)", None),
    "1343-1": ("Code civil, art. 1343-1 (imputation des paiements partiels)", None),
    "1343-5": ("Code civil, art. 1343-5 (délais de grâce : deux années au plus)", None),
    "1376": ("Code civil, art. 1376 (engagement de payer : mention de la somme en toutes lettres et en chiffres, "
             "écrite par le débiteur lui-même ; entre commerçants, la preuve est libre : C. com. L110-3)", None),
    "2240": ("Code civil, art. 2240 (la reconnaissance de dette interrompt la prescription)", None),
    "1231-6": ("Code civil, art. 1231-6 (intérêts au taux légal)", None),
    # Intérêt légal (calculators/interet_legal/)
    "1231-7": ("Code civil, art. 1231-7 (une condamnation porte intérêt au taux légal)", None),
    "L313-3": ("Code monétaire et financier, art. L313-3 (majoration de 5 points deux mois après la décision "
               "exécutoire)", None),
    "1343-2": ("Code civil, art. 1343-2 (capitalisation des intérêts dus pour une année entière)", None),
    "BPI-penalites": (
        "Bpifrance Création, « Taux des pénalités de retard » (formule montant × taux × jours / 365 : une "
        "pratique, aucun texte ne fixe la base des pénalités)",
        "https://bpifrance-creation.fr/boiteaoutils/taux-penalites-retard",
    ),
    "SP-F783": (
        "Service-public.fr, fiche F783 « Calcul de l'intérêt légal » (base 365 jours, même les années bissextiles)",
        "https://www.service-public.fr/particuliers/vosdroits/F783",
    ),
    # Délai de paiement (calculators/delai/)
    "L441-9": ("Code de commerce, art. L441-9 (mentions de la facture, date de règlement)", None),
    "L441-11": (
        "Code de commerce, art. L441-11 (délais de certains secteurs, version du 01/01/2024 ; "
        "1° a et b issus de l'ordonnance n° 2021-859)",
        None,
    ),
    "L441-12": ("Code de commerce, art. L441-12 (grand export : 90 jours)", None),
    "L441-13": ("Code de commerce, art. L441-13 (outre-mer : délai compté du dédouanement)", None),
    "L441-16": ("Code de commerce, art. L441-16 (amendes administratives, version du 01/11/2021)", None),
    "CGI-289": ("Code général des impôts, art. 289, I-3 (facture périodique)", None),
    "DGCCRF-delais": (
        "DGCCRF, fiche pratique « Délais de paiement : les règles à connaître » (deux décomptes du 45 jours fin de mois)",
        "https://www.economie.gouv.fr/dgccrf/les-fiches-pratiques/delais-de-paiement-les-regles-connaitre",
    ),
    "L2192-10": ("Code de la commande publique, art. L2192-10 (délai du marché plafonné par le délai réglementaire)", None),
    "L2192-13": ("Code de la commande publique, art. L2192-13 (intérêts moratoires de plein droit)", None),
    "R2192-10": ("Code de la commande publique, art. R2192-10 (30 jours : État, collectivités territoriales)", None),
    "R2192-11": (
        "Code de la commande publique, art. R2192-11 (50 jours : établissements publics de santé ; "
        "60 jours : entreprises publiques)",
        None,
    ),
    "R2192-12": (
        "Code de la commande publique, art. R2192-12 et R2192-13 (point de départ : réception de la demande de "
        "paiement, ou exécution des prestations si elle est postérieure)",
        None,
    ),
    "R2192-14": (
        "Code de la commande publique, art. R2192-14 (à défaut de date de réception constatée : date de la demande "
        "+ 2 jours ; date de réception non fixée par contrat)",
        None,
    ),
    "R2192-31": ("Code de la commande publique, art. R2192-31 (taux des intérêts moratoires : BCE + 8 points)", None),
    # Lettres types (calculators/lettre_api.py)
    "1344": ("Code civil, art. 1344 (mise en demeure par sommation ou acte portant interpellation suffisante)", None),
    "D2192-35": ("Code de la commande publique, art. D2192-35 (indemnité forfaitaire de 40\u00a0€)", None),
    "R2192-36": ("Code de la commande publique, art. R2192-36 (paiement des intérêts moratoires sous 45 jours)", None),
    "CPC-1405": ("Code de procédure civile, art. 1405 à 1425 (injonction de payer)", None),
    "L721-3": ("Code de commerce, art. L721-3 (compétence du tribunal de commerce : engagements entre commerçants, "
               "entre artisans, ou entre commerçants et artisans)", None),
    "CPC-1406": ("Code de procédure civile, art. 1406 (juge compétent : lieu où demeure le débiteur)", None),
    "D2026-96": ("Décret n° 2026-96 du 16 février 2026 (injonction de payer : signification sous trois mois "
                 "pour les ordonnances rendues à compter du 1er septembre 2026)", None),
    "MEDIATEUR": ("Médiateur des entreprises (ministère de l'Économie) : saisine gratuite en ligne", None),
}


def source(cle: str) -> dict:
    """Libellé et lien (ou None) d'un texte cité.

    >>> source("D441-5")["url"] is None
    True
    """
    libelle, url = TEXTES[cle]
    return {"libelle": libelle, "url": url}
