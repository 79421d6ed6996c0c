"""Mise en forme française des montants, taux et dates (présentation seulement, aucun calcul).

Un seul endroit pour ces conventions, utilisé par les calculateurs, le site et les lettres :
espace fine insécable (U+202F) entre les milliers, virgule décimale, « € » précédé d'une
espace insécable, dates en toutes lettres (« 15 mars 2025 ») ou numériques (« 15/03/2025 »).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

ESPACE_FINE = "\u202f"
ESPACE_INSECABLE = "\u00a0"

# Espace insécable avant « : ; ! ? » et à l'intérieur des guillemets, après « n° » : la ponctuation
# ne commence jamais une ligne (un écran de téléphone montrait « ; vérifiez… » en tête de ligne), ni
# le numéro ne s'en sépare.
_AVANT_PONCTUATION = re.compile(r" ([:;!?»])|(?<=\d) ([€%])")
_APRES = re.compile(r"(«|\bn°) ")
# Tiret d'incise : insécable avant, suivi d'une espace, d'un retour à la ligne ou de la fin du texte
# (la suite dans une autre balise). Pas un tiret collé à un mot.
_AVANT_TIRET = re.compile(r" —(?=\s|$)")


def typographie(texte: str) -> str:
    r"""Les espaces insécables de la ponctuation française dans un texte (pas du HTML).

    Le tiret d'incise « — » reste au bout de la ligne qu'il ferme, jamais seul au début de la
    suivante : l'espace qui le précède est insécable (celle qui le suit reste une coupure possible).

    >>> typographie("Objet : facture n° F1 « payée » ? 40 € à 12 % ; Voir https://exemple.fr/a?b=1")
    'Objet\xa0: facture n°\xa0F1 «\xa0payée\xa0»\xa0? 40\xa0€ à 12\xa0%\xa0; Voir https://exemple.fr/a?b=1'
    >>> typographie("Module 1 — Les enjeux"), typographie("une incise —\nà la ligne")
    ('Module 1\xa0— Les enjeux', 'une incise\xa0—\nà la ligne')
    """
    texte = _AVANT_TIRET.sub(ESPACE_INSECABLE + "—", texte)
    return _APRES.sub(r"\1" + ESPACE_INSECABLE,
                      _AVANT_PONCTUATION.sub(lambda m: ESPACE_INSECABLE + (m.group(1) or m.group(2)), texte))

MOIS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)
JOURS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def apres_deux_points(phrase: str) -> str:
    """Une phrase placée après « : » (ou une aide de la ligne de commande) commence par une
    minuscule, sauf un sigle (« BCE »).

    >>> apres_deux_points("Saisissez la date"), apres_deux_points("BCE : taux"), apres_deux_points("L'acompte")
    ('saisissez la date', 'BCE : taux', "l'acompte")
    """
    deuxieme = phrase[1:2]
    return phrase[:1].lower() + phrase[1:] if deuxieme and (deuxieme.islower() or deuxieme in "'’") else phrase


def nombre(valeur: Decimal, decimales: int = 2) -> str:
    """Écrit un nombre à la française.

    >>> nombre(Decimal("1234567.891"))
    '1\u202f234\u202f567,89'
    >>> nombre(Decimal("-0.5"), 1)
    '-0,5'
    """
    texte = f"{valeur:,.{decimales}f}"
    return texte.replace(",", ESPACE_FINE).replace(".", ",")


def quantite(n: int, singulier: str, pluriel: str | None = None) -> str:
    """Un nombre et son nom accordé : le pluriel à partir de deux, comme en français.

    >>> quantite(0, "facture"), quantite(1, "compte client", "comptes clients"), quantite(1234, "ligne")
    ('0 facture', '1 compte client', '1\u202f234 lignes')
    """
    return f"{nombre(Decimal(n), 0)} {singulier if n < 2 else pluriel or singulier + 's'}"


def enumeration(elements, au_plus: int | None = None) -> str:
    """« a », « a et b », « a, b et c » ; au-delà de `au_plus` éléments, les premiers et le nombre des autres.

    >>> enumeration(["la date"]), enumeration(["la date", "le montant"]), enumeration(["a", "b", "c"])
    ('la date', 'la date et le montant', 'a, b et c')
    >>> enumeration(["F1", "F2", "F3", "F4"], au_plus=3), enumeration(["F1", "F2", "F3"], au_plus=3)
    ('F1, F2 et 2 autres', 'F1, F2 et F3')
    """
    elements = list(elements)
    if au_plus is not None and len(elements) > au_plus:
        elements = elements[:au_plus - 1] + [f"{len(elements) - au_plus + 1} autres"]
    return ", ".join(elements[:-1]) + " et " + elements[-1] if len(elements) > 1 else "".join(elements)


def euros(valeur: Decimal) -> str:
    """Montant en euros, au centime.

    >>> euros(Decimal("242.05"))
    '242,05\xa0€'
    """
    return f"{nombre(valeur)}{ESPACE_INSECABLE}€"


def pourcent(valeur: Decimal) -> str:
    """Taux annuel en pour cent, deux décimales ; trois pour un taux qui en a trois (un taux du
    contrat saisi « 12,125 » : écrit « 12,12 % », il ferait mentir le calcul qui l'emploie).

    >>> pourcent(Decimal("12.15")), pourcent(Decimal("12.125")), pourcent(Decimal("0.001")), pourcent(Decimal("4.5"))
    ('12,15\xa0%', '12,125\xa0%', '0,001\xa0%', '4,50\xa0%')
    """
    exact_au_millieme = valeur == valeur.quantize(_MILLIEME) and valeur != valeur.quantize(_CENTIEME)
    return f"{nombre(valeur, 3 if exact_au_millieme else 2)}{ESPACE_INSECABLE}%"


_CENTIEME, _MILLIEME = Decimal("0.01"), Decimal("0.001")


def date_longue(jour: dt.date) -> str:
    """Date en toutes lettres, avec « 1er » pour le premier du mois.

    >>> date_longue(dt.date(2025, 3, 15))
    '15 mars 2025'
    >>> date_longue(dt.date(2026, 7, 1))
    '1er juillet 2026'
    """
    quantieme = "1er" if jour.day == 1 else str(jour.day)
    return f"{quantieme} {MOIS[jour.month - 1]} {jour.year}"


def date_courte(jour: dt.date) -> str:
    """Date numérique jj/mm/aaaa.

    >>> date_courte(dt.date(2024, 1, 5))
    '05/01/2024'
    """
    return jour.strftime("%d/%m/%Y")


def jour_semaine(jour: dt.date) -> str:
    """Nom du jour de la semaine.

    >>> jour_semaine(dt.date(2025, 3, 15))
    'samedi'
    """
    return JOURS[jour.weekday()]


# --- Montants en toutes lettres ------------------------------------------------------------------

_UNITES = (
    "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf",
    "dix", "onze", "douze", "treize", "quatorze", "quinze", "seize",
)
_DIZAINES = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}
_MILLIARD = 10**9
_MAXIMUM = 1000 * _MILLIARD  # au-delà : « mille milliards », hors de propos pour une facture


def _moins_de_cent(n: int, final: bool) -> str:
    """1 à 99. `final` : rien ne suit, ou seulement un nom (euros, millions) ; « quatre-vingts » prend alors un s."""
    if n < 17:
        return _UNITES[n]
    if n < 20:
        return f"dix-{_UNITES[n - 10]}"
    dizaine, unite = divmod(n, 10)
    if dizaine == 7:  # soixante-dix, soixante et onze, soixante-douze…
        return "soixante et onze" if unite == 1 else f"soixante-{_moins_de_cent(10 + unite, final)}"
    if dizaine == 9:  # quatre-vingt-dix, quatre-vingt-onze… (jamais « et »)
        return f"quatre-vingt-{_moins_de_cent(10 + unite, final)}"
    if dizaine == 8:
        if unite == 0:
            return "quatre-vingts" if final else "quatre-vingt"
        return f"quatre-vingt-{_UNITES[unite]}"
    if unite == 0:
        return _DIZAINES[dizaine]
    if unite == 1:
        return f"{_DIZAINES[dizaine]} et un"
    return f"{_DIZAINES[dizaine]}-{_UNITES[unite]}"


def _moins_de_mille(n: int, final: bool) -> str:
    """1 à 999. « cent » prend un s s'il est multiplié et que rien ne le suit (sauf un nom)."""
    centaines, reste = divmod(n, 100)
    mots = []
    if centaines == 1:
        mots.append("cent")
    elif centaines:
        mots.append(f"{_UNITES[centaines]} cent" + ("s" if reste == 0 and final else ""))
    if reste:
        mots.append(_moins_de_cent(reste, final))
    return " ".join(mots)


def nombre_en_lettres(n: int) -> str:
    """Nombre entier positif en toutes lettres, orthographe traditionnelle (voir `montant_en_lettres`).

    >>> nombre_en_lettres(80), nombre_en_lettres(80_000), nombre_en_lettres(80_000_000)
    ('quatre-vingts', 'quatre-vingt mille', 'quatre-vingts millions')
    >>> nombre_en_lettres(200_000), nombre_en_lettres(200_000_000)
    ('deux cent mille', 'deux cents millions')
    >>> nombre_en_lettres(21_071)
    'vingt et un mille soixante et onze'
    """
    if not 0 <= n < _MAXIMUM:
        raise ValueError(f"Nombre hors des limites écrites en lettres : {n}")
    if n == 0:
        return "zéro"
    milliards, reste = divmod(n, _MILLIARD)
    millions, reste = divmod(reste, 10**6)
    milliers, unites = divmod(reste, 1000)
    mots = []
    # « million » et « milliard » sont des noms : ils s'accordent, et ce qui les précède est « final ».
    if milliards:
        mots.append(f"{_moins_de_mille(milliards, True)} milliard" + ("s" if milliards > 1 else ""))
    if millions:
        mots.append(f"{_moins_de_mille(millions, True)} million" + ("s" if millions > 1 else ""))
    # « mille » est invariable et n'est pas un nom : « deux cent mille », « quatre-vingt mille ».
    if milliers:
        mots.append("mille" if milliers == 1 else f"{_moins_de_mille(milliers, False)} mille")
    if unites:
        mots.append(_moins_de_mille(unites, True))
    return " ".join(mots)


def montant_en_lettres(valeur: Decimal) -> str:
    """Montant en euros écrit en toutes lettres, pour une reconnaissance de dette ou un chèque.

    Convention : l'orthographe traditionnelle (celle des actes et des formulaires bancaires),
    pas celle de 1990 : trait d'union seulement entre les dizaines et les unités sous cent
    (« trente-quatre », « quatre-vingt-dix-neuf »), espaces ailleurs (« deux cent mille »).
    Règles appliquées :

    - « et un » dans 21, 31, 41, 51, 61 et « soixante et onze » ; « quatre-vingt-un »,
      « quatre-vingt-onze » sans « et » ;
    - « quatre-vingts » et « deux cents » prennent un s seulement s'ils terminent le nombre
      (ou précèdent un nom : euros, millions, milliards) : « deux cent un », « deux cent mille »,
      « deux cents millions » ;
    - « mille » est invariable et s'écrit sans « un » ; « million » et « milliard » s'accordent,
      et un nombre rond de millions est suivi de « d'euros » ;
    - « un euro », « zéro euro » ; les centimes ne sont écrits que s'ils ne sont pas nuls, après
      « et » ; un montant de moins d'un euro s'écrit en centimes seuls (« un centime »).

    Le montant doit être positif et au centime : aucun arrondi n'est fait ici (présentation
    seulement) ; sinon ValueError.

    >>> montant_en_lettres(Decimal("1234.56"))
    'mille deux cent trente-quatre euros et cinquante-six centimes'
    >>> montant_en_lettres(Decimal("40.00"))
    'quarante euros'
    >>> montant_en_lettres(Decimal("2000000"))
    "deux millions d'euros"
    >>> montant_en_lettres(Decimal("0.01"))
    'un centime'
    """
    if not isinstance(valeur, Decimal) or not valeur.is_finite() or valeur < 0:
        raise ValueError(f"Montant impossible à écrire en lettres : {valeur!r}")
    centimes_total = valeur * 100
    if centimes_total != centimes_total.to_integral_value():
        raise ValueError(f"Montant à écrire en lettres non arrondi au centime : {valeur}")
    euros_entiers, centimes = divmod(int(centimes_total), 100)
    if euros_entiers == 0:
        partie_euros = "" if centimes else "zéro euro"
    elif euros_entiers == 1:
        partie_euros = "un euro"
    else:
        rond = euros_entiers % 10**6 == 0  # « deux millions d'euros », mais « un million deux cents euros »
        partie_euros = nombre_en_lettres(euros_entiers) + (" d'euros" if rond else " euros")
    if not centimes:
        return partie_euros
    partie_centimes = nombre_en_lettres(centimes) + (" centime" if centimes == 1 else " centimes")
    return f"{partie_euros} et {partie_centimes}" if partie_euros else partie_centimes


def semestre(s) -> str:
    """Libellé d'un semestre civil (`calculators.taux.Semestre`).

    >>> from calculators.taux import Semestre
    >>> semestre(Semestre(2023, 2))
    '2e semestre 2023'
    """
    return f"{'1er' if s.numero == 1 else '2e'} semestre {s.annee}"


def taux_explique(taux) -> str:
    """D'où vient un taux (`calculators.taux.Taux`), en une expression.

    >>> from calculators.taux import Semestre, taux_penalite_defaut, taux_legal
    >>> taux_explique(taux_penalite_defaut(Semestre(2024, 1)))
    'taux BCE au 1er janvier 2024 (4,50\\xa0%) + 10 points'
    >>> taux_explique(taux_legal(Semestre(2024, 1)))
    "taux de l'intérêt légal (professionnels), 1er semestre 2024"
    """
    if taux.categorie:
        return f"taux de l'intérêt légal ({taux.categorie}), {semestre(taux.semestre)}"
    if taux.majoration and taux.semestre and taux.au != taux.semestre.debut:  # `taux_penalite_estime`
        return (f"dernier taux BCE connu ({pourcent(taux.bce)}, en vigueur depuis le {date_courte(taux.depuis)}) "
                f"+ {taux.majoration:f} points")
    if taux.majoration:
        jour = "1er janvier" if taux.au.month == 1 else "1er juillet"
        return f"taux BCE au {jour} {taux.au.year} ({pourcent(taux.bce)}) + {taux.majoration:f} points"
    if taux.depuis:
        return f"taux BCE en vigueur depuis le {date_courte(taux.depuis)}"
    return "taux prévu au contrat"
