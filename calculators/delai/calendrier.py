"""Outils de calendrier des délais de paiement : jours comptés, fins de mois et de décade, jours fériés.

Fonctions pures sur des dates, sans mise en forme ; les noms des fêtes sont ceux du Code du travail.
"""

from __future__ import annotations

import datetime as dt

UN_JOUR = dt.timedelta(days=1)


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

    Sert au C. com. art. L441-11 II 1° b (« trente jours après la fin de la décade de livraison »).

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
    Les jours propres à l'Alsace-Moselle sont dans `jours_feries_locaux`.

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
    """Nom du jour férié d'Alsace-Moselle qui tombe ce jour-là, ou None.

    >>> jour_ferie_local(dt.date(2025, 12, 26))
    'Saint-Étienne'
    """
    return jours_feries_locaux(jour.year).get(jour)


def est_week_end(jour: dt.date) -> bool:
    """Samedi ou dimanche.

    >>> est_week_end(dt.date(2025, 3, 15)), est_week_end(dt.date(2025, 3, 17))
    (True, False)
    """
    return jour.weekday() >= 5
