"""Délais de paiement maximaux entre professionnels et avec les acheteurs publics.

Fonctions pures, sans saisie ni mise en forme : une date de départ entre, une date limite sort.
Chaque règle nomme son article. Textes lus (voir `calculators.sources`) :

- Code de commerce, art. L441-10 I (version du 26/04/2019), L441-11 II (version du 01/01/2024 ;
  le 1° a/b date de l'ordonnance n° 2021-859, en vigueur le 01/11/2021), L441-12, L441-13 ;
- Code de la commande publique, art. R2192-10 à R2192-13 (décret n° 2018-1075) ;
- fiche DGCCRF « Délais de paiement : les règles à connaître » pour les deux lectures du
  « 45 jours fin de mois ».

Convention de décompte : « N jours après la date D » est D + N jours (le jour D ne compte pas) ;
la date obtenue est le dernier jour pour payer ; les pénalités courent dès le lendemain
(L441-10 II : « le jour suivant la date de règlement »). Aucune date n'est reportée au jour ouvré
suivant : aucun texte ne le prévoit pour une date de paiement contractuelle.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

UN_JOUR = dt.timedelta(days=1)

# Noms stables des méthodes, clés de `date_limite` quand un régime en admet plusieurs.
METHODE_45J_PUIS_FDM = "45j-puis-fin-de-mois"
METHODE_FDM_PUIS_45J = "fin-de-mois-puis-45j"
METHODE_60J = "60j"

# Ordonnance n° 2021-859 du 30/06/2021 : le délai « 30 jours après livraison » des périssables
# (L441-11 II 1° a) remplace « 30 jours après la fin de la décade de livraison » au 01/11/2021.
PERISSABLES_NOUVELLE_REGLE = dt.date(2021, 11, 1)


# --- Outils de calendrier ---------------------------------------------------------------------

def jours_apres(depart: dt.date, jours: int) -> dt.date:
    """« N jours après » une date : le jour de départ ne compte pas.

    >>> jours_apres(dt.date(2025, 1, 15), 60)
    datetime.date(2025, 3, 16)
    >>> jours_apres(dt.date(2024, 12, 31), 60)  # 2025 n'est pas bissextile
    datetime.date(2025, 3, 1)
    """
    return depart + dt.timedelta(days=jours)


def fin_de_mois(jour: dt.date) -> dt.date:
    """Dernier jour du mois de `jour`.

    >>> fin_de_mois(dt.date(2024, 2, 10)), fin_de_mois(dt.date(2025, 2, 10))
    (datetime.date(2024, 2, 29), datetime.date(2025, 2, 28))
    >>> fin_de_mois(dt.date(2025, 12, 31))
    datetime.date(2025, 12, 31)
    """
    lendemain_de_fin = (jour.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return lendemain_de_fin - UN_JOUR


def fin_de_decade(jour: dt.date) -> dt.date:
    """Fin de la décade (période de dix jours) qui contient `jour` : le 10, le 20 ou le dernier
    jour du mois (la troisième décade va du 21 à la fin du mois, 8 à 11 jours).

    Sert au L441-11 II 1° b (« trente jours après la fin de la décade de livraison »).

    >>> [fin_de_decade(dt.date(2025, 2, j)).day for j in (1, 10, 11, 20, 21, 28)]
    [10, 10, 20, 20, 28, 28]
    """
    if jour.day <= 10:
        return jour.replace(day=10)
    if jour.day <= 20:
        return jour.replace(day=20)
    return fin_de_mois(jour)


def paques(annee: int) -> dt.date:
    """Dimanche de Pâques du calendrier grégorien (algorithme de Meeus, Jones et Butcher).

    >>> paques(2024), paques(2025), paques(2026)
    (datetime.date(2024, 3, 31), datetime.date(2025, 4, 20), datetime.date(2026, 4, 5))
    """
    a, b, c = annee % 19, annee // 100, annee % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    mois, jour = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(annee, mois, jour + 1)


def jours_feries(annee: int) -> dict[dt.date, str]:
    """Les onze fêtes légales de métropole (Code du travail, art. L3133-1).

    Le lundi de Pentecôte reste une fête légale même s'il sert souvent de journée de solidarité.
    Les jours propres à l'Alsace-Moselle et aux outre-mer sont dans `jours_feries_locaux`.

    >>> sorted(d.isoformat() for d in jours_feries(2025))[:4]
    ['2025-01-01', '2025-04-21', '2025-05-01', '2025-05-08']
    >>> len(jours_feries(2026))
    11
    """
    p = paques(annee)
    return {
        dt.date(annee, 1, 1): "jour de l'an",
        p + dt.timedelta(days=1): "lundi de Pâques",
        dt.date(annee, 5, 1): "fête du Travail",
        dt.date(annee, 5, 8): "victoire du 8 mai 1945",
        p + dt.timedelta(days=39): "Ascension",
        p + dt.timedelta(days=50): "lundi de Pentecôte",
        dt.date(annee, 7, 14): "fête nationale",
        dt.date(annee, 8, 15): "Assomption",
        dt.date(annee, 11, 1): "Toussaint",
        dt.date(annee, 11, 11): "armistice de 1918",
        dt.date(annee, 12, 25): "Noël",
    }


def jours_feries_locaux(annee: int) -> dict[dt.date, str]:
    """Jours fériés seulement en Alsace-Moselle (Code du travail, art. L3134-13).

    >>> jours_feries_locaux(2025)
    {datetime.date(2025, 4, 18): 'Vendredi saint', datetime.date(2025, 12, 26): 'Saint-Étienne'}
    """
    return {paques(annee) - dt.timedelta(days=2): "Vendredi saint", dt.date(annee, 12, 26): "Saint-Étienne"}


def jour_ferie(jour: dt.date) -> str | None:
    """Nom de la fête légale qui tombe ce jour-là, ou None.

    >>> jour_ferie(dt.date(2025, 4, 21)), jour_ferie(dt.date(2025, 4, 22))
    ('lundi de Pâques', None)
    """
    return jours_feries(jour.year).get(jour)


def jour_ferie_local(jour: dt.date) -> str | None:
    """Nom du jour férié d'Alsace-Moselle qui tombe ce jour-là, ou None."""
    return jours_feries_locaux(jour.year).get(jour)


def est_week_end(jour: dt.date) -> bool:
    """Samedi ou dimanche.

    >>> est_week_end(dt.date(2025, 3, 15)), est_week_end(dt.date(2025, 3, 17))
    (True, False)
    """
    return jour.weekday() >= 5


# --- Règles -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Limite:
    """Une date limite de paiement, avec la façon dont elle est obtenue."""

    methode: str          # nom stable (« 60j », « 45j-puis-fin-de-mois »…)
    libelle: str          # nom en français de la méthode
    depart: dt.date       # point de départ du délai
    date: dt.date         # dernier jour pour payer
    calcul: str           # le calcul, en français (« 15/01/2025 + 60 jours »)
    article: str          # clé dans calculators.sources

    @property
    def debut_penalites(self) -> dt.date:
        """Les pénalités sont exigibles le jour suivant la date de règlement (L441-10 II)."""
        return self.date + UN_JOUR


def _c(jour: dt.date) -> str:
    return jour.strftime("%d/%m/%Y")


def limite_jours(depart: dt.date, jours: int, methode: str, libelle: str, article: str,
                 nom_depart: str) -> Limite:
    """Délai exprimé en jours après une date : départ + N jours.

    >>> limite_jours(dt.date(2025, 1, 15), 60, "60j", "60 jours", "L441-10", "la facture").date
    datetime.date(2025, 3, 16)
    """
    return Limite(methode, libelle, depart, jours_apres(depart, jours),
                  f"{nom_depart} ({_c(depart)}) + {jours} jours", article)


def soixante_jours(facture: dt.date, article: str = "L441-10") -> Limite:
    """Délai convenu : au plus 60 jours après la date d'émission de la facture
    (C. com. art. L441-10 I al. 2 ; même plafond au L441-11 II 4°).

    >>> soixante_jours(dt.date(2024, 1, 15)).date  # 2024 bissextile : 29 février compté
    datetime.date(2024, 3, 15)
    """
    return limite_jours(facture, 60, METHODE_60J, "60 jours après la facture", article, "date de la facture")


def quarante_cinq_jours_puis_fin_de_mois(facture: dt.date, article: str = "L441-10") -> Limite:
    """« 45 jours fin de mois », première lecture : facture + 45 jours, puis fin de ce mois-là
    (C. com. art. L441-10 I al. 3 ; fiche DGCCRF « date de facture + 45 jours + fin du mois »).

    >>> quarante_cinq_jours_puis_fin_de_mois(dt.date(2025, 1, 15)).date  # 01/03 → fin mars
    datetime.date(2025, 3, 31)
    >>> quarante_cinq_jours_puis_fin_de_mois(dt.date(2024, 1, 15)).date  # 29/02/2024
    datetime.date(2024, 2, 29)
    """
    plus_45 = jours_apres(facture, 45)
    return Limite(METHODE_45J_PUIS_FDM, "45 jours, puis fin de mois", facture, fin_de_mois(plus_45),
                  f"{_c(facture)} + 45 jours = {_c(plus_45)}, puis fin de mois", article)


def fin_de_mois_puis_quarante_cinq_jours(facture: dt.date, article: str = "L441-10") -> Limite:
    """« 45 jours fin de mois », seconde lecture : fin du mois de la facture, puis + 45 jours
    (C. com. art. L441-10 I al. 3 ; fiche DGCCRF « date de facture + fin du mois + 45 jours »).

    >>> fin_de_mois_puis_quarante_cinq_jours(dt.date(2025, 1, 15)).date  # 31/01 + 45
    datetime.date(2025, 3, 17)
    >>> fin_de_mois_puis_quarante_cinq_jours(dt.date(2025, 3, 10)).date  # 31/03 + 45
    datetime.date(2025, 5, 15)
    """
    fdm = fin_de_mois(facture)
    return Limite(METHODE_FDM_PUIS_45J, "fin de mois, puis 45 jours", facture, jours_apres(fdm, 45),
                  f"fin du mois de la facture ({_c(fdm)}) + 45 jours", article)


def quarante_cinq_jours_fin_de_mois(facture: dt.date, article: str = "L441-10") -> tuple[Limite, Limite]:
    """Les deux lectures admises du « 45 jours fin de mois », côte à côte.

    La loi n'impose aucune des deux : les parties doivent avoir convenu laquelle (CEDEF, DGCCRF).

    >>> [l.date.isoformat() for l in quarante_cinq_jours_fin_de_mois(dt.date(2025, 2, 15))]
    ['2025-04-30', '2025-04-14']
    """
    return (quarante_cinq_jours_puis_fin_de_mois(facture, article),
            fin_de_mois_puis_quarante_cinq_jours(facture, article))


def facture_periodique(facture: dt.date) -> Limite:
    """Facture périodique (CGI art. 289, I-3) : au plus 45 jours après sa date d'émission,
    sans « fin de mois » (C. com. art. L441-10 I al. 4).

    >>> facture_periodique(dt.date(2025, 1, 31)).date
    datetime.date(2025, 3, 17)
    """
    return limite_jours(facture, 45, "45j", "45 jours après la facture périodique", "L441-10", "date de la facture")


def defaut_trente_jours(livraison: dt.date) -> Limite:
    """Sans délai convenu : 30 jours après la réception des marchandises ou l'exécution de la
    prestation (C. com. art. L441-10 I al. 1) ; le point de départ n'est pas la facture.

    >>> defaut_trente_jours(dt.date(2025, 1, 31)).date
    datetime.date(2025, 3, 2)
    """
    return limite_jours(livraison, 30, "30j", "30 jours après la livraison", "L441-10",
                        "date de livraison ou d'exécution")


def perissables(livraison: dt.date) -> Limite:
    """Produits agricoles et alimentaires périssables, viandes et poissons surgelés, plats
    cuisinés et conserves de produits périssables : 30 jours après la livraison
    (C. com. art. L441-11 II 1° a, depuis le 01/11/2021).

    >>> perissables(dt.date(2024, 2, 10)).date
    datetime.date(2024, 3, 11)
    """
    return limite_jours(livraison, 30, "30j-livraison", "30 jours après la livraison", "L441-11", "date de livraison")


def perissables_periodique(livraison: dt.date) -> Limite:
    """Mêmes produits, facture périodique : 30 jours après la fin de la décade de livraison
    (C. com. art. L441-11 II 1° b). Décades : du 1er au 10, du 11 au 20, du 21 à la fin du mois.

    >>> perissables_periodique(dt.date(2025, 2, 25)).date  # décade finie le 28/02
    datetime.date(2025, 3, 30)
    >>> perissables_periodique(dt.date(2025, 12, 21)).date  # décade finie le 31/12
    datetime.date(2026, 1, 30)
    """
    fin = fin_de_decade(livraison)
    return Limite("30j-fin-de-decade", "30 jours après la fin de la décade de livraison", livraison,
                  jours_apres(fin, 30), f"fin de la décade de livraison ({_c(fin)}) + 30 jours", "L441-11")


def betail(livraison: dt.date) -> Limite:
    """Bétail sur pied destiné à la consommation et viandes fraîches dérivées : 20 jours après
    le jour de livraison (C. com. art. L441-11 II 2°).

    >>> betail(dt.date(2025, 2, 20)).date
    datetime.date(2025, 3, 12)
    """
    return limite_jours(livraison, 20, "20j-livraison", "20 jours après la livraison", "L441-11", "date de livraison")


def alcools(livraison: dt.date) -> Limite:
    """Boissons alcooliques passibles des droits de consommation : 30 jours après la fin du mois
    de livraison (C. com. art. L441-11 II 3°).

    >>> alcools(dt.date(2025, 1, 5)).date  # 31/01 + 30 jours
    datetime.date(2025, 3, 2)
    """
    fdm = fin_de_mois(livraison)
    return Limite("30j-fin-de-mois-livraison", "30 jours après la fin du mois de livraison", livraison,
                  jours_apres(fdm, 30), f"fin du mois de livraison ({_c(fdm)}) + 30 jours", "L441-11")


def vins_alcools_circulation(facture: dt.date) -> tuple[Limite, Limite, Limite]:
    """Raisins et moûts destinés aux vins, boissons alcooliques passibles des droits de
    circulation : 45 jours fin de mois ou 60 jours après la facture (C. com. art. L441-11 II 4°),
    sauf accords interprofessionnels dérogatoires (Champagne, accords étendus).

    >>> [l.date.isoformat() for l in vins_alcools_circulation(dt.date(2025, 1, 15))]
    ['2025-03-16', '2025-03-31', '2025-03-17']
    """
    return (soixante_jours(facture, "L441-11"), *quarante_cinq_jours_fin_de_mois(facture, "L441-11"))


def transport(facture: dt.date) -> Limite:
    """Transport routier de marchandises, location de véhicules, commission de transport,
    transitaires, agents maritimes et de fret aérien, courtiers de fret, commissionnaires en
    douane : 30 jours après l'émission de la facture, « en aucun cas » plus (C. com. art. L441-11 II).

    >>> transport(dt.date(2025, 1, 31)).date
    datetime.date(2025, 3, 2)
    """
    return limite_jours(facture, 30, "30j-facture", "30 jours après la facture", "L441-11", "date de la facture")


def grand_export(facture: dt.date) -> Limite:
    """Achats en franchise de TVA (CGI art. 275) de biens livrés en l'état hors de l'Union
    européenne : au plus 90 jours après la facture, si c'est expressément stipulé
    (C. com. art. L441-12 ; pas pour les achats des grandes entreprises).

    >>> grand_export(dt.date(2024, 12, 1)).date
    datetime.date(2025, 3, 1)
    """
    return limite_jours(facture, 90, "90j", "90 jours après la facture", "L441-12", "date de la facture")


def outre_mer(dedouanement: dt.date) -> Limite:
    """Marchandises importées dans un département ou une collectivité d'outre-mer cités au
    L441-13 : les délais du L441-10 I (et du L441-11 II 1° à 4°) ne courent qu'à partir du
    dédouanement au port de destination finale. Ici, le plafond de 60 jours (L441-10 I al. 2)
    compté depuis le dédouanement.

    >>> outre_mer(dt.date(2025, 3, 3)).date
    datetime.date(2025, 5, 2)
    """
    return limite_jours(dedouanement, 60, "60j-dedouanement", "60 jours après le dédouanement", "L441-13",
                        "date de dédouanement")


def depart_public(facture: dt.date, reception: dt.date | None, execution: dt.date | None) -> tuple[dt.date, str]:
    """Point de départ du délai de paiement d'un acheteur public (C. commande publique,
    art. R2192-12 et R2192-13) :

    - la réception de la demande de paiement ;
    - mais l'exécution des prestations si la demande a été reçue avant (R2192-13) ;
    - à défaut de date de réception constatée, la date de la demande augmentée de deux jours
      (R2192-12) : ici, la date de la facture + 2 jours.

    Rend la date et le nom de la règle appliquée.

    >>> depart_public(dt.date(2025, 3, 3), None, None)
    (datetime.date(2025, 3, 5), 'date de la demande de paiement + 2 jours, R2192-12')
    >>> depart_public(dt.date(2025, 3, 3), dt.date(2025, 3, 4), dt.date(2025, 3, 10))[0]
    datetime.date(2025, 3, 10)
    """
    if reception is None:
        depart, regle = jours_apres(facture, 2), "date de la demande de paiement + 2 jours, R2192-12"
    else:
        depart, regle = reception, "réception de la demande de paiement, R2192-12"
    if execution is not None and execution > depart:
        depart, regle = execution, "exécution des prestations, postérieure à la demande, R2192-13"
    return depart, regle


def public(depart: dt.date, jours: int, article: str) -> Limite:
    """Acheteur public : 30 jours (État, collectivités territoriales et leurs établissements,
    R2192-10), 50 jours (établissements publics de santé, R2192-11 1°), 60 jours (entreprises
    publiques, R2192-11 2°), comptés du point de départ de `depart_public`.

    >>> public(dt.date(2025, 12, 5), 30, "R2192-10").date
    datetime.date(2026, 1, 4)
    """
    return limite_jours(depart, jours, f"{jours}j-reception", f"{jours} jours après la réception de la demande",
                        article, "point de départ")


def depassement(echeance: dt.date, limite: dt.date) -> int:
    """Jours de dépassement d'une échéance sur la date limite (0 si elle la respecte).

    >>> depassement(dt.date(2025, 3, 31), dt.date(2025, 3, 16)), depassement(dt.date(2025, 3, 1), dt.date(2025, 3, 16))
    (15, 0)
    """
    return max(0, (echeance - limite).days)


# --- Régimes ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Regime:
    """Un régime de délai, sous son nom stable (ligne de commande, lien partageable, page)."""

    code: str
    libelle: str        # ce que l'utilisateur choisit, en français
    texte: str          # l'article, tel qu'on le cite (« C. com. art. L441-10 I al. 2 »)
    depart: str         # « facture », « livraison », « dedouanement » ou « public »
    public_jours: int = 0


REGIMES = {r.code: r for r in (
    Regime("60j", "Délai convenu en jours (au plus 60 jours après la facture)", "C. com. art. L441-10 I al. 2", "facture"),
    Regime("45jfdm", "45 jours fin de mois", "C. com. art. L441-10 I al. 3", "facture"),
    Regime("facture-periodique", "Facture périodique (CGI art. 289)", "C. com. art. L441-10 I al. 4", "facture"),
    Regime("defaut-30j", "Aucun délai convenu (délai supplétif)", "C. com. art. L441-10 I al. 1", "livraison"),
    Regime("perissables", "Produits alimentaires périssables", "C. com. art. L441-11 II 1° a", "livraison"),
    Regime("perissables-periodique", "Produits alimentaires périssables, facture périodique",
           "C. com. art. L441-11 II 1° b", "livraison"),
    Regime("betail", "Bétail sur pied et viandes fraîches", "C. com. art. L441-11 II 2°", "livraison"),
    Regime("alcools", "Boissons alcooliques soumises aux droits de consommation", "C. com. art. L441-11 II 3°",
           "livraison"),
    Regime("vins-alcools-circulation", "Raisins, moûts et boissons soumises aux droits de circulation",
           "C. com. art. L441-11 II 4°", "facture"),
    Regime("transport", "Transport routier de marchandises et activités liées", "C. com. art. L441-11 II",
           "facture"),
    Regime("grand-export", "Grand export (biens livrés hors de l'Union européenne)", "C. com. art. L441-12",
           "facture"),
    Regime("outre-mer", "Marchandises importées outre-mer (dédouanement)", "C. com. art. L441-13 et L441-10 I",
           "dedouanement"),
    Regime("public-etat", "Acheteur public : État, collectivités territoriales", "C. commande publique, art. R2192-10",
           "public", 30),
    Regime("public-hopital", "Acheteur public : établissement public de santé", "C. commande publique, art. R2192-11",
           "public", 50),
    Regime("public-entreprise", "Acheteur public : entreprise publique", "C. commande publique, art. R2192-11",
           "public", 60),
)}


@dataclass(frozen=True)
class Calcul:
    """Résultat d'un régime : une ou plusieurs dates limites, et le point de départ retenu."""

    regime: Regime
    depart: dt.date
    depart_regle: str
    limites: tuple[Limite, ...]


_PAR_FACTURE = {
    "60j": lambda f: (soixante_jours(f),),
    "45jfdm": quarante_cinq_jours_fin_de_mois,
    "facture-periodique": lambda f: (facture_periodique(f),),
    "vins-alcools-circulation": vins_alcools_circulation,
    "transport": lambda f: (transport(f),),
    "grand-export": lambda f: (grand_export(f),),
}
_PAR_LIVRAISON = {
    "defaut-30j": defaut_trente_jours,
    "perissables": perissables,
    "perissables-periodique": perissables_periodique,
    "betail": betail,
    "alcools": alcools,
}


def calculer(code: str, facture: dt.date, livraison: dt.date | None = None, reception: dt.date | None = None,
             dedouanement: dt.date | None = None) -> Calcul:
    """Dates limites du régime `code`. Les dates dont le régime a besoin doivent être données
    (la saisie le contrôle avant : `ValueError` sinon).

    >>> c = calculer("45jfdm", dt.date(2025, 1, 15))
    >>> [(l.methode, l.date.isoformat()) for l in c.limites]
    [('45j-puis-fin-de-mois', '2025-03-31'), ('fin-de-mois-puis-45j', '2025-03-17')]
    >>> calculer("public-hopital", dt.date(2025, 1, 15), reception=dt.date(2025, 1, 20)).limites[0].date
    datetime.date(2025, 3, 11)
    """
    regime = REGIMES[code]
    if code in _PAR_FACTURE:
        return Calcul(regime, facture, "date d'émission de la facture", tuple(_PAR_FACTURE[code](facture)))
    if code in _PAR_LIVRAISON:
        if livraison is None:
            raise ValueError(f"le régime {code} demande la date de livraison")
        return Calcul(regime, livraison, "date de livraison ou d'exécution", (_PAR_LIVRAISON[code](livraison),))
    if code == "outre-mer":
        if dedouanement is None:
            raise ValueError("le régime outre-mer demande la date de dédouanement")
        return Calcul(regime, dedouanement, "dédouanement au port de destination finale, L441-13",
                      (outre_mer(dedouanement),))
    depart, regle = depart_public(facture, reception, livraison)
    article = "R2192-10" if regime.public_jours == 30 else "R2192-11"
    return Calcul(regime, depart, regle, (public(depart, regime.public_jours, article),))
