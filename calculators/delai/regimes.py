"""Les régimes de délai de paiement, en données : un seul endroit où ajouter un régime.

De chaque régime découlent le calcul (`regles.calculer` applique `regle` à la date `depart`),
la liste du formulaire (`option` sous `groupe`), les dates demandées (`depart`, voir `champs`),
le tableau de la page du calculateur (hook `overrides/hooks/regimes.py` : `libelle`, `delai`,
`point_de_depart`, `texte`) et le résultat (`note`, `avertissement`, `sources`).
Les codes sont stables : option `--regime`, paramètre du lien partageable, JSON.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Callable

from . import regles


@dataclass(frozen=True)
class Regime:
    code: str
    groupe: str            # <optgroup> du formulaire
    option: str            # libellé dans la liste, sous son groupe
    libelle: str           # nom complet : résultat, tableau de la page
    texte: str             # l'article, tel qu'on le cite (« C. com. art. L441-10 I al. 2 »)
    depart: str            # date d'où part le délai : facture, livraison, dedouanement ou public
    regle: Callable        # date de départ → Limite, ou tuple de Limite (une par méthode admise)
    delai: str             # délai maximal, en clair (tableau de la page)
    point_de_depart: str   # en clair (tableau de la page)
    note: str              # la règle expliquée, sous le résultat
    sources: tuple[str, ...]  # clés de calculators.commun.sources
    avertissement: str = ""   # toujours affiché avec ce régime
    ancienne_regle: Callable | None = None  # départ → Limite du texte antérieur, ou None s'il ne vaut plus


CONVENU, RIEN, SECTEURS, PARTICULIERS, PUBLIC = (
    "Délai convenu entre les parties", "Rien de convenu", "Secteurs à délai imposé", "Cas particuliers",
    "Acheteur public")

NOTE_45JFDM = (
    "« 45 jours fin de mois » se compte de deux façons admises par l'administration (DGCCRF, CEDEF) : "
    "date de la facture + 45 jours puis fin de ce mois, ou fin du mois de la facture puis + 45 jours. La loi "
    "n'impose aucune des deux : le contrat doit dire laquelle s'applique, et ce délai doit y être "
    "expressément stipulé (C. com. art. L441-10 I al. 3)."
)

REGIMES = {r.code: r for r in (
    Regime("60j", CONVENU, "60 jours après la facture (ou moins)",
           "Délai convenu en jours (au plus 60 jours après la facture)", "C. com. art. L441-10 I al. 2",
           "facture", regles.soixante_jours, "60 jours", "Émission de la facture",
           "Le délai convenu ne peut dépasser 60 jours après l'émission de la facture (C. com. art. L441-10 I "
           "al. 2). Les parties peuvent aussi convenir de « 45 jours fin de mois » : choisissez ce régime.",
           ("L441-10",)),
    Regime("45jfdm", CONVENU, "45 jours fin de mois", "45 jours fin de mois", "C. com. art. L441-10 I al. 3",
           "facture", regles.quarante_cinq_jours_fin_de_mois, "45 jours fin de mois, deux méthodes",
           "Émission de la facture", NOTE_45JFDM, ("L441-10", "DGCCRF-delais")),
    Regime("facture-periodique", CONVENU, "Facture périodique : 45 jours", "Facture périodique (CGI art. 289)",
           "C. com. art. L441-10 I al. 4", "facture", regles.facture_periodique, "45 jours", "Émission de la facture",
           "Facture périodique : une facture récapitulant plusieurs livraisons d'un même mois (CGI art. 289, "
           "I-3). Le délai convenu ne peut dépasser 45 jours après son émission, sans « fin de mois » (C. com. "
           "art. L441-10 I al. 4).",
           ("L441-10", "CGI-289")),
    Regime("defaut-30j", RIEN, "Délai supplétif : 30 jours après la livraison",
           "Aucun délai convenu (délai supplétif)", "C. com. art. L441-10 I al. 1", "livraison",
           regles.defaut_trente_jours, "30 jours", "Réception des marchandises ou exécution de la prestation",
           "Quand rien n'est convenu (ni conditions de vente ni contrat), le paiement est dû 30 jours après la "
           "réception des marchandises ou l'exécution de la prestation, et non après la facture (C. com. art. "
           "L441-10 I al. 1).",
           ("L441-10",)),
    Regime("perissables", SECTEURS, "Produits alimentaires périssables", "Produits alimentaires périssables",
           "C. com. art. L441-11 II 1° a", "livraison", regles.perissables, "30 jours", "Livraison",
           "Produits agricoles et alimentaires périssables, viandes congelées ou surgelées, poissons surgelés, "
           "plats cuisinés et conserves faits de produits périssables : 30 jours après la livraison, quel "
           "que soit l'accord des parties (C. com. art. L441-11 II 1° a).",
           ("L441-10", "L441-11"), ancienne_regle=regles.perissables_avant_novembre_2021),
    Regime("perissables-periodique", SECTEURS, "Produits périssables, facture périodique",
           "Produits alimentaires périssables, facture périodique", "C. com. art. L441-11 II 1° b", "livraison",
           regles.perissables_periodique, "30 jours", "Fin de la décade de livraison",
           "Avec une facture périodique, les produits périssables se paient 30 jours après la fin de la décade "
           "de livraison (C. com. art. L441-11 II 1° b) ; décades du 1er au 10, du 11 au 20 et du 21 à la fin "
           "du mois : le découpage usuel, le texte ne définit pas la décade.",
           ("L441-10", "L441-11", "CGI-289")),
    Regime("betail", SECTEURS, "Bétail sur pied et viandes fraîches", "Bétail sur pied et viandes fraîches",
           "C. com. art. L441-11 II 2°", "livraison", regles.betail, "20 jours", "Livraison",
           "Bétail sur pied destiné à la consommation et viandes fraîches dérivées : 20 jours après le jour "
           "de livraison (C. com. art. L441-11 II 2°).",
           ("L441-10", "L441-11")),
    Regime("alcools", SECTEURS, "Boissons alcooliques (droits de consommation)",
           "Boissons alcooliques soumises aux droits de consommation", "C. com. art. L441-11 II 3°", "livraison",
           regles.alcools, "30 jours", "Fin du mois de livraison",
           "Boissons alcooliques passibles des droits de consommation : 30 jours après la fin du mois de "
           "livraison (C. com. art. L441-11 II 3°).",
           ("L441-10", "L441-11")),
    Regime("vins-alcools-circulation", SECTEURS, "Raisins, moûts, boissons (droits de circulation)",
           "Raisins, moûts et boissons soumises aux droits de circulation", "C. com. art. L441-11 II 4°", "facture",
           regles.vins_alcools_circulation, "60 jours, ou 45 jours fin de mois", "Émission de la facture",
           "Raisins et moûts destinés aux vins, boissons alcooliques passibles des droits de circulation : "
           "45 jours fin de mois ou 60 jours après la facture (C. com. art. L441-11 II 4°), sauf décisions "
           "interprofessionnelles (Champagne) ou accords étendus qui en disposent autrement. Le « 45 jours fin "
           "de mois » s'y compte des deux façons admises (voir le régime 45jfdm) : le contrat doit dire "
           "laquelle.",
           ("L441-10", "L441-11", "DGCCRF-delais")),
    Regime("transport", SECTEURS, "Transport routier et activités liées",
           "Transport routier de marchandises et activités liées", "C. com. art. L441-11 II", "facture",
           regles.transport, "30 jours", "Émission de la facture",
           "Transport routier de marchandises, location de véhicules avec ou sans conducteur, commission de "
           "transport, transitaires, agents maritimes et de fret aérien, courtiers de fret et commissionnaires "
           "en douane : 30 jours après l'émission de la facture, « en aucun cas » plus (C. com. art. "
           "L441-11 II).",
           ("L441-10", "L441-11")),
    Regime("grand-export", PARTICULIERS, "Grand export : 90 jours",
           "Grand export (biens livrés hors de l'Union européenne)", "C. com. art. L441-12", "facture",
           regles.grand_export, "90 jours", "Émission de la facture",
           "Grand export : achats en franchise de TVA (CGI art. 275) de biens destinés à être livrés en "
           "l'état hors de l'Union européenne. Le délai peut aller jusqu'à 90 jours après la facture s'il est "
           "expressément stipulé et ne constitue pas un abus manifeste ; il ne vaut pas pour les achats des "
           "grandes entreprises (C. com. art. L441-12).",
           ("L441-10", "L441-12"),
           avertissement="Les 90 jours ne valent que si les biens, achetés en franchise de TVA, sont livrés en "
                         "l'état hors de l'Union européenne, si le délai est expressément stipulé et si "
                         "l'acheteur n'est pas une grande entreprise. Sinon, le plafond ordinaire de 60 jours "
                         "s'applique et les pénalités sont exigibles (C. com. art. L441-12)."),
    Regime("outre-mer", PARTICULIERS, "Marchandises importées outre-mer",
           "Marchandises importées outre-mer (dédouanement)", "C. com. art. L441-13 et L441-10 I", "dedouanement",
           regles.outre_mer, "60 jours", "Dédouanement au port de destination finale",
           "Marchandises importées en Guadeloupe, Martinique, Guyane, à La Réunion, à Mayotte, à "
           "Saint-Barthélemy, Saint-Martin, Wallis-et-Futuna ou Saint-Pierre-et-Miquelon : les délais ne "
           "courent qu'à partir du dédouanement au port de destination finale (C. com. art. L441-13). Le calcul "
           "retient le plafond de 60 jours. Le même décalage vaut pour le « 45 jours fin de mois » et pour les "
           "délais des produits périssables, du bétail et des boissons (L441-11 II 1° à 4°) : comptez-les "
           "depuis le dédouanement. Si la marchandise est mise à disposition en métropole, le délai part du "
           "21e jour suivant cette mise à disposition, ou du dédouanement s'il est antérieur.",
           ("L441-10", "L441-13")),
    Regime("public-etat", PUBLIC, "État, collectivités territoriales : 30 jours",
           "Acheteur public : État, collectivités territoriales", "C. commande publique, art. R2192-10",
           "public", partial(regles.public, jours=30, article="R2192-10"), "30 jours",
           "Réception de la demande de paiement",
           "État, établissements publics de l'État autres que de santé, collectivités territoriales et leurs "
           "établissements publics : 30 jours (C. commande publique, art. R2192-10).",
           ("R2192-10",)),
    Regime("public-hopital", PUBLIC, "Établissement public de santé : 50 jours",
           "Acheteur public : établissement public de santé", "C. commande publique, art. R2192-11",
           "public", partial(regles.public, jours=50, article="R2192-11"), "50 jours",
           "Réception de la demande de paiement",
           "Établissements publics de santé et du service de santé des armées : 50 jours (C. commande "
           "publique, art. R2192-11).",
           ("R2192-11",)),
    Regime("public-entreprise", PUBLIC, "Entreprise publique : 60 jours",
           "Acheteur public : entreprise publique", "C. commande publique, art. R2192-11",
           "public", partial(regles.public, jours=60, article="R2192-11"), "60 jours",
           "Réception de la demande de paiement",
           "Entreprises publiques : 60 jours (C. commande publique, art. R2192-11).",
           ("R2192-11",)),
)}
