"""Textes cités par les calculateurs : un libellé et, quand il est connu, un lien Légifrance.

Seuls les liens lus dans une source sont donnés : pas d'identifiant Légifrance deviné.
"""

from __future__ import annotations

TEXTES = {
    "L441-10": (
        "Code de commerce, art. L441-10 (version du 26/04/2019)",
        "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000038414392",
    ),
    "D441-5": ("Code de commerce, art. D441-5 (indemnité forfaitaire de 40 €)", None),
    "L313-2": ("Code monétaire et financier, art. L313-2 (taux de l'intérêt légal)", None),
    "L110-4": ("Code de commerce, art. L110-4 (prescription de cinq ans entre commerçants)", None),
    "1343-1": ("Code civil, art. 1343-1 (imputation des paiements partiels)", None),
    "1343-5": ("Code civil, art. 1343-5 (délais de grâce : deux années au plus)", None),
    "2240": ("Code civil, art. 2240 (la reconnaissance de dette interrompt la prescription)", None),
    "1231-6": ("Code civil, art. 1231-6 (intérêts au taux légal)", None),
    "SP-F783": (
        "Service-public.fr, fiche F783 « Calcul de l'intérêt légal » (base 365 jours, même les années bissextiles)",
        "https://www.service-public.fr/particuliers/vosdroits/F783",
    ),
}


def source(cle: str) -> dict:
    """Libellé et lien (ou None) d'un texte cité.

    >>> source("D441-5")["url"] is None
    True
    """
    libelle, url = TEXTES[cle]
    return {"libelle": libelle, "url": url}
