"""Catalogue des mauvaises saisies : pénalités, délai de paiement, échéancier, lettres types.

Même forme que `test_mauvaises_saisies_interets.py` (intérêt légal, intérêts moratoires) : une
saisie de base valide, et pour chaque cas les champs qui la remplacent, les champs attendus en
erreur et un extrait du message. On y trouve ce qu'un utilisateur tape par erreur (dates
impossibles, années 1 ou 9999, texte dans un nombre, « ² » ou « ① » qui passent `isdigit()`,
milliers de chiffres) et ce que le formulaire ne produit jamais mais que la frontière JSON peut
recevoir (nombre ou liste à la place d'un texte, `null`, listes et objets imbriqués, entier de
milliers de chiffres).

Chaque cas passe par `calculators.api.run` : refus (`ok` faux), message en français ancré à un
champ du formulaire, jamais d'erreur interne. Chaque cas que la ligne de commande sait exprimer
passe aussi par `python -m calculators` (en processus pour tous, dans un vrai processus pour un
échantillon) : code 2, message sur la sortie d'erreur, pas de trace. Les lettres reçoivent leurs
saisies par `--donnees FICHIER.json` : tous leurs cas, types JSON compris, y passent. Un
échantillon passe aussi par la page (tests/e2e/test_robustesse.py). Les comptes (cas essayés,
refusés comme attendu) sont écrits en fin de module : `pytest -s` les montre.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import re
import subprocess
import sys
from collections import Counter

import pytest

from calculators import __main__ as cli
from calculators.api import CALCULATEURS, calculateur, run
from calculators.commun.champs import Champ, Lignes
from calculators.commun.format_fr import typographie

GEANT = 10 ** 5000  # un entier JSON de 5 001 chiffres : str() lève ValueError au-delà de 4 300
IMBRIQUE = [[[[["1"]]]]]
OBJET_IMBRIQUE = {"a": {"b": [1, {"c": None}]}}

# --- Pénalités de retard ------------------------------------------------------------------------

BASE_PENALITES = {"montant": "10000", "echeance": "30/11/2023", "paiement": "31/01/2024"}

# (identifiant, saisies qui remplacent celles de la base, champs attendus en erreur, extrait d'un message)
PENALITES = [
    ("tout-vide", {"montant": "", "echeance": ""}, {"montant", "echeance"}, "Saisissez"),
    ("formulaire-absent", {"montant": None, "echeance": None, "paiement": None}, {"montant", "echeance"}, ""),
    ("montant-texte", {"montant": "dix mille"}, {"montant"}, "en chiffres"),
    ("montant-exposant", {"montant": "1²"}, {"montant"}, "en chiffres"),
    ("montant-chiffre-cercle", {"montant": "①"}, {"montant"}, "en chiffres"),
    ("montant-chiffres-arabes", {"montant": "١٠٠٠"}, {"montant"}, "en chiffres"),
    ("montant-pleine-chasse", {"montant": "１０００"}, {"montant"}, "en chiffres"),
    ("montant-mille-chiffres", {"montant": "9" * 1000}, {"montant"}, "en chiffres"),
    ("montant-entier-json-geant", {"montant": GEANT}, {"montant"}, "trop long"),
    ("montant-flottant-json", {"montant": 10000.5}, {"montant"}, "illisible"),
    ("montant-liste", {"montant": ["10000"]}, {"montant"}, "illisible"),
    ("montant-objet", {"montant": {"valeur": "10000"}}, {"montant"}, "illisible"),
    ("montant-liste-imbriquee", {"montant": IMBRIQUE}, {"montant"}, "illisible"),
    ("montant-negatif", {"montant": "-5"}, {"montant"}, "supérieur à zéro"),
    ("montant-zero", {"montant": "0,00"}, {"montant"}, "supérieur à zéro"),
    ("montant-trois-decimales", {"montant": "1,234"}, {"montant"}, "deux décimales"),
    ("montant-absurde", {"montant": "2 000 000 000"}, {"montant"}, "trop élevé"),
    ("montant-ambigu", {"montant": "12,480.00"}, {"montant"}, "ambigu"),
    ("montant-ambigu-interminable", {"montant": "1" + ",000" * 400 + ".5"}, {"montant"}, "ambigu"),
    ("montant-nan", {"montant": "NaN"}, {"montant"}, "en chiffres"),
    ("montant-infini", {"montant": "-Infinity"}, {"montant"}, "en chiffres"),
    ("montant-copier-coller", {"montant": "1" * 3000}, {"montant"}, "trop longue"),
    ("echeance-31-fevrier", {"echeance": "31/02/2024"}, {"echeance"}, "n'existe pas"),
    ("echeance-an-9999", {"echeance": "31/12/9999"}, {"echeance"}, "hors de portée"),
    ("echeance-an-1", {"echeance": "01/01/0001"}, {"echeance"}, "hors de portée"),
    ("echeance-avant-2013", {"echeance": "31/12/2012"}, {"echeance"}, "01/01/2013"),
    ("echeance-texte", {"echeance": "fin du mois"}, {"echeance"}, "jj/mm/aaaa"),
    ("echeance-booleen", {"echeance": True}, {"echeance"}, "jj/mm/aaaa"),
    ("echeance-chiffres-exposants", {"echeance": "³⁰/11/2023"}, {"echeance"}, "jj/mm/aaaa"),
    ("paiement-an-9999-prolonger", {"paiement": "31/12/9999", "prolonger": "oui"}, {"paiement"}, "hors de portée"),
    ("paiement-an-2999-prolonger", {"paiement": "31/12/2999", "prolonger": "oui"}, {"paiement"},
     "s'arrête au 31/12/2100"),
    ("paiement-avant-echeance", {"paiement": "01/11/2023"}, {"paiement"}, "précède l'échéance"),
    ("paiement-apres-les-tables", {"paiement": "31/12/2099"}, {"paiement"}, "ne sont connus que"),
    ("paiement-caractere-nul", {"paiement": "31/01/2024\x00"}, {"paiement"}, "jj/mm/aaaa"),
    ("taux-zero", {"taux": "0"}, {"taux"}, "supérieur à 0"),
    ("taux-101", {"taux": "101"}, {"taux"}, "supérieur à 0"),
    ("taux-quatre-decimales", {"taux": "12,3456"}, {"taux"}, "trois décimales"),
    ("taux-texte", {"taux": "BCE + 10"}, {"taux"}, "en chiffres"),
    ("imputation-inconnue", {"imputation": "capital"}, {"imputation"}, "Valeur inconnue"),
    ("imputation-liste", {"imputation": ["principal"]}, {"imputation"}, "illisible"),
    ("prolonger-ni-oui-ni-non", {"prolonger": "peut-être"}, {"prolonger"}, "oui ou non"),
    ("prolonger-nombre", {"prolonger": 2}, {"prolonger"}, "oui ou non"),
    ("acompte-apres-le-paiement", {"acomptes": ["2024-02-15:100"]}, {"acompte-1-date"}, "postérieure"),
    # 10 000 € versés le 15/12/2023 paient d'abord 57,53 € de pénalités (C. civ. 1343-1) : un acompte ;
    # 10 057,53 € paient tout : le paiement.
    # « 0,004 » : trois décimales, pas un séparateur de milliers (« pour 0 004 €, écrivez 0004 »).
    ("montant-trois-decimales-sous-un-euro", {"montant": "0,004"}, {"montant"}, "plus de deux décimales"),
    ("acompte-qui-solde", {"acomptes": ["2023-12-15:10057.53"]}, {"acompte-1-montant"}, "atteint ou dépasse"),
    ("acompte-liste-imbriquee", {"acomptes": [[["2023-12-15", "100"]]]}, {"acompte-1-date"}, "illisible"),
    ("acompte-objet-imbrique", {"acomptes": [{"date": OBJET_IMBRIQUE, "montant": "100"}]}, {"acompte-1-date"},
     "illisible"),
    ("acompte-an-9999", {"acomptes": ["9999-12-31:100"]}, {"acompte-1-date"}, "hors de portée"),
    ("acompte-sans-montant", {"acomptes": ["2023-12-15"]}, {"acompte-1-montant"},
     "« 2023-12-15 » : écrivez la date et le montant séparés par « : »."),
    ("acomptes-trop-nombreux", {"acomptes": ["2023-12-15:1"] * 51}, {"acomptes"}, "Au plus 50 lignes"),
]

# --- Délai de paiement --------------------------------------------------------------------------

BASE_DELAI = {"regime": "60j", "facture": "15/01/2025"}

DELAI = [
    ("tout-vide", {"regime": "", "facture": ""}, {"regime", "facture"}, "Saisissez la date de la facture"),
    ("formulaire-absent", {"regime": None, "facture": None}, {"regime", "facture"}, "type de délai"),
    ("regime-inconnu", {"regime": "61j"}, {"regime"}, "Type de délai inconnu"),
    ("regime-majuscules", {"regime": "60J"}, {"regime"}, "Choisissez parmi"),
    ("regime-liste", {"regime": ["60j"]}, {"regime"}, "illisible"),
    ("regime-nombre", {"regime": 60}, {"regime"}, "Type de délai inconnu"),
    ("regime-objet-imbrique", {"regime": OBJET_IMBRIQUE}, {"regime"}, "illisible"),
    ("regime-interminable", {"regime": "x" * 1999}, {"regime"}, "Type de délai inconnu"),
    ("regime-copier-coller", {"regime": "x" * 2001}, {"regime"}, "trop longue"),
    ("facture-31-fevrier", {"facture": "31/02/2025"}, {"facture"}, "n'existe pas"),
    ("facture-an-9999", {"facture": "31/12/9999"}, {"facture"}, "hors de portée"),
    ("facture-an-1", {"facture": "0001-01-01"}, {"facture"}, "hors de portée"),
    ("facture-an-2100", {"facture": "01/01/2100"}, {"facture"}, "au plus 2099"),
    ("facture-avant-2009", {"facture": "31/12/2008"}, {"facture"}, "01/01/2009"),
    ("facture-texte", {"facture": "hier"}, {"facture"}, "jj/mm/aaaa"),
    ("facture-exposant", {"facture": "1²/01/2025"}, {"facture"}, "jj/mm/aaaa"),
    ("facture-chiffres-arabes", {"facture": "١٥/٠١/٢٠٢٥"}, {"facture"}, "jj/mm/aaaa"),
    ("facture-objet", {"facture": {"date": "2025-01-15"}}, {"facture"}, "illisible"),
    ("facture-mois-13", {"facture": "15/13/2025"}, {"facture"}, "n'existe pas"),
    ("facture-jour-zero", {"facture": "00/01/2025"}, {"facture"}, "n'existe pas"),
    ("facture-iso-incomplete", {"facture": "2025-01"}, {"facture"}, "jj/mm/aaaa"),
    ("facture-avec-heure", {"facture": "2025-01-15T10:00"}, {"facture"}, "jj/mm/aaaa"),
    ("facture-annee-a-trois-chiffres", {"facture": "15/01/202"}, {"facture"}, "jj/mm/aaaa"),
    ("facture-entier", {"facture": 2025}, {"facture"}, "jj/mm/aaaa"),
    ("facture-entier-json-geant", {"facture": GEANT}, {"facture"}, "trop long"),
    ("facture-booleen", {"facture": True}, {"facture"}, "jj/mm/aaaa"),
    ("facture-espaces", {"facture": "   "}, {"facture"}, "Saisissez la date de la facture"),
    ("facture-caractere-nul", {"facture": "15/01/2025\x00"}, {"facture"}, "jj/mm/aaaa"),
    ("livraison-requise-absente", {"regime": "defaut-30j"}, {"livraison"}, "Saisissez la date de livraison"),
    ("livraison-apres-la-facture-periodique", {"regime": "perissables-periodique", "livraison": "20/01/2025"},
     {"livraison"}, "postérieure à la facture périodique"),
    ("livraison-impossible", {"regime": "perissables", "livraison": "30/02/2025"}, {"livraison"}, "n'existe pas"),
    ("livraison-an-2100", {"regime": "betail", "livraison": "2100-01-01"}, {"livraison"}, "au plus 2099"),
    ("dedouanement-absent", {"regime": "outre-mer"}, {"dedouanement"}, "Saisissez la date de dédouanement"),
    ("dedouanement-texte", {"regime": "outre-mer", "dedouanement": "au port"}, {"dedouanement"}, "jj/mm/aaaa"),
    ("reception-avant-la-facture", {"regime": "public-etat", "reception": "10/01/2025"}, {"reception"},
     "ne peut pas être reçue"),
    ("reception-impossible", {"regime": "public-hopital", "reception": "31/04/2025"}, {"reception"}, "n'existe pas"),
    ("reception-an-1", {"regime": "public-entreprise", "reception": "0001-01-01"}, {"reception"}, "hors de portée"),
    ("echeance-convenue-avant-la-facture", {"echeance-convenue": "01/01/2025"}, {"echeance-convenue"}, "précède"),
    ("echeance-convenue-29-fevrier-2025", {"echeance-convenue": "29/02/2025"}, {"echeance-convenue"},
     "n'existe pas"),
    ("echeance-convenue-an-9999", {"echeance-convenue": "31/12/9999"}, {"echeance-convenue"}, "hors de portée"),
    ("echeance-convenue-an-2100", {"echeance-convenue": "2100-03-01"}, {"echeance-convenue"}, "au plus 2099"),
    ("echeance-convenue-liste", {"echeance-convenue": ["2025-03-01"]}, {"echeance-convenue"}, "illisible"),
    ("plusieurs-erreurs-a-la-fois", {"regime": "zz", "facture": "32/01/2025"}, {"regime", "facture"}, ""),
]

# --- Échéancier ---------------------------------------------------------------------------------

# La première échéance doit tomber entre 5 ans avant et 10 ans après aujourd'hui : la base suit la date du
# jour (la ligne de commande n'a pas d'option pour la fixer).
PREMIERE = (dt.date.today() + dt.timedelta(days=30)).strftime("%d/%m/%Y")
BASE_ECHEANCIER = {"montant": "10000", "nombre": "6", "premiere": PREMIERE}

ECHEANCIER = [
    ("tout-vide", {"montant": "", "nombre": "", "premiere": ""}, {"montant", "nombre", "premiere"}, "Saisissez"),
    ("formulaire-absent", {"montant": None, "nombre": None, "premiere": None}, {"montant", "nombre", "premiere"}, ""),
    ("montant-texte", {"montant": "dix mille"}, {"montant"}, "en chiffres"),
    ("montant-exposant", {"montant": "10²"}, {"montant"}, "en chiffres"),
    ("montant-entier-json-geant", {"montant": GEANT}, {"montant"}, "trop long"),
    ("montant-liste-imbriquee", {"montant": IMBRIQUE}, {"montant"}, "illisible"),
    ("montant-negatif", {"montant": "-10000"}, {"montant"}, "supérieur à zéro"),
    ("montant-ambigu", {"montant": "10.000,00"}, {"montant"}, "ambigu"),
    ("montant-copier-coller", {"montant": "1" * 3000}, {"montant"}, "trop longue"),
    ("nombre-et-mensualite", {"mensualite": "1000"}, {"mensualite"}, "pas les deux"),
    ("nombre-zero", {"nombre": "0"}, {"nombre"}, "au moins 1"),
    ("nombre-demesure", {"nombre": "99999999999999999999"}, {"nombre"}, "Au plus 360 échéances"),
    ("nombre-361", {"nombre": "361"}, {"nombre"}, "Au plus 360"),
    ("nombre-decimal", {"nombre": "6,5"}, {"nombre"}, "sans décimales"),
    ("nombre-exposant", {"nombre": "6²"}, {"nombre"}, "sans décimales"),
    ("nombre-chiffre-cercle", {"nombre": "⑥"}, {"nombre"}, "sans décimales"),
    ("nombre-mille-chiffres", {"nombre": "9" * 1000}, {"nombre"}, "Au plus 360 échéances"),
    ("nombre-negatif", {"nombre": "-6"}, {"nombre"}, "sans décimales"),
    ("nombre-entier-json-geant", {"nombre": GEANT}, {"nombre"}, "trop long"),
    ("nombre-flottant-json", {"nombre": 6.0}, {"nombre"}, "illisible"),
    ("nombre-booleen", {"nombre": True}, {"nombre"}, "sans décimales"),
    ("nombre-moins-d-un-centime", {"montant": "1", "nombre": "360"}, {"nombre"}, "moins d'un centime"),
    # 1 € à 12 % l'an (1 % par mois), à la main : en 100 mensualités, l'échéance exacte 0,01 / (1 − 1,01⁻¹⁰⁰)
    # = 0,0159 € s'arrondit à 0,02 €, qui éteint la dette avant la centième ; reste 0,01 €, tout en intérêts
    # (1 % de 1,00 €) : rien de remboursé. En 76 : échéance de 0,02 € ; tant que le reste dû est d'au moins
    # 0,50 €, 0,01 € d'intérêts et 0,01 € de capital (51 échéances : de 1,00 à 0,49 €), puis 0,00 € d'intérêts
    # et 0,02 € de capital (24 échéances : à 0,01 €), la 76e solde 0,01 € ; en 77, 0,02 € finirait à la 76e et
    # 0,01 € ne paierait que des intérêts. D'où « au plus 76 ».
    ("nombre-interets-seuls", {"montant": "1", "nombre": "100", "taux": "12"}, {"nombre"}, "Au plus 76 échéances"),
    ("mensualite-trop-petite", {"nombre": "", "mensualite": "1"}, {"mensualite"}, "plus de 360 échéances"),
    ("mensualite-et-capital-constant", {"nombre": "", "mensualite": "1000", "taux": "5",
                                        "methode": "capital-constant"}, {"mensualite"}, "capital constant"),
    ("mensualite-sous-les-interets", {"nombre": "", "mensualite": "10", "taux": "50"}, {"mensualite"},
     "ne couvre pas les intérêts"),
    ("premiere-an-9999", {"premiere": "31/12/9999"}, {"premiere"}, "hors de portée"),
    ("premiere-an-2999", {"premiere": "31/12/2999"}, {"premiere"}, "plus de 10 ans dans l'avenir"),
    ("premiere-passe-lointain", {"premiere": "31/01/2015"}, {"premiere"}, "plus de 5 ans dans le passé"),
    ("premiere-31-fevrier", {"premiere": "31/02/2025"}, {"premiere"}, "n'existe pas"),
    ("premiere-texte", {"premiere": "le mois prochain"}, {"premiere"}, "jj/mm/aaaa"),
    ("premiere-entier", {"premiere": 2025}, {"premiere"}, "jj/mm/aaaa"),
    ("periodicite-annuelle", {"periodicite": "annuelle"}, {"periodicite"}, "Choisissez une périodicité"),
    ("periodicite-liste", {"periodicite": ["mensuelle"]}, {"periodicite"}, "illisible"),
    ("periodicite-interminable", {"periodicite": "x" * 1999}, {"periodicite"}, "Choisissez une périodicité"),
    ("methode-inconnue", {"methode": "in fine"}, {"methode"}, "Choisissez une méthode"),
    ("methode-objet", {"methode": OBJET_IMBRIQUE}, {"methode"}, "illisible"),
    ("taux-101", {"taux": "101"}, {"taux"}, "supérieur à 0"),
    ("taux-negatif", {"taux": "-5"}, {"taux"}, "supérieur à 0"),
    ("taux-texte", {"taux": "cinq pour cent"}, {"taux"}, "en chiffres"),
    ("taux-quatre-decimales", {"taux": "4,1234"}, {"taux"}, "trois décimales"),
    ("acompte-qui-solde", {"acompte": "10000"}, {"acompte"}, "rien à étaler"),
    ("acompte-negatif", {"acompte": "-100"}, {"acompte"}, "supérieur à zéro"),
    ("nombre-faux-json", {"nombre": False}, {"nombre"}, "Saisissez le nombre d'échéances, ou bien le montant"),
    ("acompte-texte", {"acompte": "la moitié"}, {"acompte"}, "en chiffres"),
    ("plusieurs-erreurs-a-la-fois", {"montant": "-1", "periodicite": "annuelle", "premiere": "32/01/2025"},
     {"montant", "periodicite", "premiere"}, ""),
]

# --- Lettres types ------------------------------------------------------------------------------

FACTURE = {"numero": "F-2023-118", "date": "31/10/2023", "montant": "10000", "echeance": "30/11/2023"}
BASE_LETTRE = {
    "modele": "mise-en-demeure", "date_lettre": "31/01/2024", "creancier_nom": "Atelier Dupont SARL",
    "creancier_adresse": "12 rue des Lilas\n69003 Lyon", "signataire": "Jeanne Dupont",
    "debiteur_nom": "Client SA", "debiteur_adresse": "5 avenue Foch\n75008 Paris", "factures": [FACTURE],
}
PLAN = {"modele": "echeancier", "plan_nombre": "6", "plan_premiere": "29/02/2024"}


def _facture(**modif) -> dict:
    return {"factures": [{**FACTURE, **modif}]}


LETTRE = [
    ("tout-vide", {"modele": ""}, {"modele"}, "Choisissez une lettre"),
    ("formulaire-absent", {cle: None for cle in BASE_LETTRE}, {"modele"}, "Choisissez une lettre"),
    ("modele-inconnu", {"modele": "relance-amiable"}, {"modele"}, "Choisissez une lettre"),
    ("modele-liste", {"modele": ["mise-en-demeure"]}, {"modele"}, "illisible"),
    ("modele-nombre", {"modele": 3}, {"modele"}, "Choisissez une lettre"),
    ("modele-objet-imbrique", {"modele": OBJET_IMBRIQUE}, {"modele"}, "illisible"),
    ("date-lettre-an-9999", {"date_lettre": "31/12/9999"}, {"date_lettre"}, "hors de portée"),
    ("date-lettre-an-1", {"date_lettre": "01/01/0001"}, {"date_lettre"}, "hors de portée"),
    ("date-lettre-an-3000", {"date_lettre": "3000-01-01"}, {"date_lettre"}, "hors de portée"),
    ("date-lettre-an-2999", {"date_lettre": "31/12/2999"}, {"date_lettre"}, "s'arrêtent au 31/12/2100"),
    # Une lettre qui ne calcule rien refuse aussi l'an 2999 (faute de frappe), comme les calculateurs.
    ("relance-date-lettre-an-2999", {"modele": "relance-1", "date_lettre": "31/12/2999"}, {"date_lettre"},
     "s'arrêtent au 31/12/2100"),
    ("relance-echeance-an-2999", {"modele": "relance-1", **_facture(echeance="31/12/2999")},
     {"facture-1-echeance"}, "s'arrêtent au 31/12/2100"),
    ("date-lettre-31-fevrier", {"date_lettre": "31/02/2024"}, {"date_lettre"}, "n'existe pas"),
    ("date-lettre-texte", {"date_lettre": "aujourd'hui"}, {"date_lettre"}, "jj/mm/aaaa"),
    ("date-lettre-objet", {"date_lettre": {"jour": 31}}, {"date_lettre"}, "illisible"),
    ("creancier-nom-liste", {"creancier_nom": ["Atelier Dupont SARL"]}, {"creancier_nom"}, "illisible"),
    ("creancier-nom-objet", {"creancier_nom": {"nom": "Atelier"}}, {"creancier_nom"}, "illisible"),
    ("creancier-nom-flottant", {"creancier_nom": 1.5}, {"creancier_nom"}, "illisible"),
    ("signataire-liste-imbriquee", {"signataire": IMBRIQUE}, {"signataire"}, "illisible"),
    ("debiteur-nom-vide", {"debiteur_nom": " "}, {"debiteur_nom"}, "Saisissez le nom du client"),
    ("adresse-copier-coller", {"creancier_adresse": "x" * 3000}, {"creancier_adresse"}, "trop longue"),
    ("debiteur-qualite-inconnue", {"debiteur_qualite": "particulier"}, {"debiteur_qualite"}, "Valeur inconnue"),
    ("delai-zero", {"delai": "0"}, {"delai"}, "de 1 à 90"),
    ("delai-91", {"delai": "91"}, {"delai"}, "de 1 à 90"),
    ("delai-exposant", {"delai": "8²"}, {"delai"}, "en chiffres"),
    ("delai-chiffre-cercle", {"delai": "⑧"}, {"delai"}, "en chiffres"),
    ("delai-entier-json-geant", {"delai": GEANT}, {"delai"}, "trop long"),
    ("taux-101", {"taux": "101"}, {"taux"}, "supérieur à 0"),
    ("taux-texte", {"taux": "douze"}, {"taux"}, "en chiffres"),
    ("imputation-inconnue", {"imputation": "frais"}, {"imputation"}, "Valeur inconnue"),
    ("inclure-penalites-ni-oui-ni-non", {"inclure_penalites": "peut-être"}, {"inclure_penalites"}, "oui ou non"),
    ("factures-absentes", {"factures": []}, {"factures"}, "Ajoutez au moins une facture"),
    ("factures-trop-nombreuses", {"factures": [FACTURE] * 51}, {"factures"}, "Au plus 50 factures"),
    ("facture-liste-imbriquee", {"factures": [[["F-1"]]]}, {"factures"}, "Ajoutez au moins une facture"),
    ("facture-montant-liste", _facture(montant=["10000"]), {"facture-1-montant"}, "illisible"),
    ("facture-montant-exposant", _facture(montant="1²"), {"facture-1-montant"}, "en chiffres"),
    ("facture-montant-entier-json-geant", _facture(montant=GEANT), {"facture-1-montant"}, "trop long"),
    ("facture-date-an-9999", _facture(date="31/12/9999"), {"facture-1-date"}, "hors de portée"),
    ("facture-echeance-avant-la-date", _facture(echeance="01/10/2023"), {"facture-1-echeance"}, "précède"),
    ("facture-pas-encore-echue", _facture(echeance="28/02/2024"), {"facture-1-echeance"}, "n'est pas en retard"),
    ("facture-payee-apres-la-lettre", _facture(paiement="15/02/2024"), {"facture-1-paiement"}, "postérieure"),
    # Payée à temps : la lettre vise des factures échues, et c'est la date de paiement qui le dit.
    ("facture-payee-a-temps", _facture(paiement="15/11/2023"), {"facture-1-paiement"},
     "La facture n° 1, payée le 15/11/2023, l'a été à l'échéance ou avant"),
    ("facture-payee-avant-d-etre-emise", _facture(paiement="15/01/2000"), {"facture-1-paiement"},
     "précède sa date d'émission"),
    ("facture-numero-trop-long", _facture(numero="F" * 101), {"facture-1-numero"}, "dépasse 100 caractères"),
    ("facture-sans-numero", _facture(numero=""), {"facture-1-numero"}, "désigner précisément"),
    ("facture-acompte-illisible", _facture(acomptes="15/12/2023:quatre mille"), {"facture-1-acomptes"},
     "en chiffres"),
    ("facture-acomptes-imbriques", _facture(acomptes=[[1]]), {"facture-1-acomptes"}, "illisible"),
    ("facture-acomptes-trop-nombreux", _facture(acomptes=["15/12/2023:1"] * 21), {"facture-1-acomptes"},
     "Au plus 20 acomptes"),
    ("facture-acompte-an-9999", _facture(acomptes="9999-12-31:100"), {"facture-1-acomptes"}, "hors de portée"),
    ("facture-chaine-mal-formee", {"factures": ["F1:hier:beaucoup:demain"]},
     {"facture-1-date", "facture-1-montant", "facture-1-echeance"}, ""),
    ("plan-nombre-exposant", {**PLAN, "plan_nombre": "6²"}, {"plan_nombre"}, "Échéancier : "),
    ("plan-premiere-an-9999", {**PLAN, "plan_premiere": "31/12/9999"}, {"plan_premiere"}, "hors de portée"),
    ("plan-periodicite-annuelle", {**PLAN, "plan_periodicite": "annuelle"}, {"plan_periodicite"},
     "choisissez une périodicité"),
    ("plan-premiere-an-2999", {**PLAN, "plan_premiere": "31/12/2999"}, {"plan_premiere"}, "vérifiez l'année"),
    ("facture-acompte-an-2999", _facture(acomptes="2999-12-31:100"), {"facture-1-acomptes"},
     "s'arrêtent au 31/12/2100"),
    ("plan-nombre-liste", {**PLAN, "plan_nombre": ["6"]}, {"plan_nombre"}, "illisible"),
]

# --- Analyse du poste clients (grand livre) -------------------------------------------------------

TABLEAU = ("Code client;Raison sociale;Numéro facture;Date facture;Montant TTC;Montant HT;Date paiement\n"
           "C001;Alpha SARL;F2025-001;15/01/2025;1 200,00;1 000,00;10/03/2025\n"
           "C001;Alpha SARL;F2025-002;01/10/2025;2 400,00;2 000,00;\n"
           "C002;Bêta SA;F2025-012;01/06/2025;600,00;500,00;\n")
BASE_PORTEFEUILLE = {"fichier": TABLEAU, "au": "31/12/2025"}
# Défauts connus, signalés au calculateur concerné : « ² », « ⑥ », « ٦ » lus comme des chiffres par le
# lecteur du délai (NFKD : « ² » → « 2 ») et des préfixes de compte (\d sans re.ASCII), dans
# calculators/portefeuille/champs.py. xfail strict : le test le dira dès que ce sera corrigé.
# Défauts connus du catalogue (xfail strict) : aucun aujourd'hui ; un défaut trouvé s'ajoute ici,
# « calculateur:cas » → raison, jusqu'à sa correction.
CONNUS: dict[str, str] = {}

PORTEFEUILLE = [
    ("fichier-absent", {"fichier": None}, {"fichier"}, "Choisissez un fichier"),
    ("fichier-vide", {"fichier": ""}, {"fichier"}, "Choisissez un fichier"),
    ("fichier-liste-vide", {"fichier": []}, {"fichier"}, "Choisissez un fichier"),
    ("fichier-nombre", {"fichier": 12}, {"fichier"}, "contenu du fichier est illisible"),
    ("fichier-entier-negatif", {"fichier": -1}, {"fichier"}, "contenu du fichier est illisible"),
    ("fichier-entier-immense", {"fichier": 10**5000}, {"fichier"}, "contenu du fichier est illisible"),
    ("fichier-objet-entier-immense", {"fichier": {"a": 10**5000}}, {"fichier"}, "contenu du fichier est illisible"),
    ("fichier-objet", {"fichier": {"a": 1}}, {"fichier"}, "contenu du fichier est illisible"),
    ("fichier-liste-imbriquee", {"fichier": IMBRIQUE}, {"fichier"}, "contenu du fichier est illisible"),
    ("fichier-morceau-null", {"fichier": ["Code client", None]}, {"fichier"}, ""),
    ("fichier-ni-fec-ni-tableau", {"fichier": "Bonjour,\nVoici nos clients.\n"}, {"fichier"}, "ni un FEC"),
    ("fichier-ligne-interminable", {"fichier": "x" * 150_000}, {"fichier"}, "première ligne dépasse"),
    ("fichier-en-tete-interminable", {"fichier": "colonne;" * 5000 + "\nx\n"}, {"fichier"}, "ni un FEC"),
    ("fichier-sans-montant", {"fichier": "Code client;Date facture\nC1;15/01/2025\n"}, {"fichier"}, "montant TTC"),
    ("fichier-caracteres-nuls", {"fichier": "\x00" * 50}, {"fichier"}, ""),
    ("au-an-9999", {"au": "31/12/9999"}, {"au"}, "hors de portée"),
    ("au-an-1", {"au": "0001-01-01"}, {"au"}, "hors de portée"),
    ("au-an-2999-prolonger", {"au": "31/12/2999", "prolonger": "oui"}, {"au"}, "vérifiez l'année"),
    ("au-31-fevrier", {"au": "31/02/2025"}, {"au"}, "n'existe pas"),
    ("au-texte", {"au": "fin d'année"}, {"au"}, "jj/mm/aaaa"),
    ("au-exposant", {"au": "3¹/12/2025"}, {"au"}, "jj/mm/aaaa"),
    ("au-liste", {"au": ["31/12/2025"]}, {"au"}, "illisible"),
    ("debut-apres-au", {"debut": "01/01/2026"}, {"debut"}, "précéder la date d'analyse"),
    ("debut-impossible", {"debut": "30/02/2025"}, {"debut"}, "n'existe pas"),
    ("debut-an-9999", {"debut": "31/12/9999"}, {"debut"}, "hors de portée"),
    ("delai-inconnu", {"delai": "deux mois"}, {"delai"}, "Choisissez le délai"),
    ("delai-366-jours", {"delai": "366"}, {"delai"}, "Choisissez le délai"),
    ("delai-exposant", {"delai": "6²"}, {"delai"}, "Choisissez le délai"),
    ("delai-chiffre-cercle", {"delai": "⑥⓪"}, {"delai"}, "Choisissez le délai"),
    ("delai-chiffres-arabes", {"delai": "٦٠"}, {"delai"}, "Choisissez le délai"),
    ("delai-liste", {"delai": ["60j"]}, {"delai"}, "illisible"),
    ("delai-entier-json-geant", {"delai": GEANT}, {"delai"}, "trop long"),
    ("delai-client-illisible", {"delais_clients": {"C001": "deux mois"}}, {"delai-client-1-delai"},
     "Choisissez le délai"),
    ("delai-client-liste-imbriquee", {"delais_clients": [[["C001"]]]}, {"delai-client-1-compte"}, "illisible"),
    ("delais-clients-trop-nombreux", {"delais_clients": ["C1:60j"] * 1001}, {"delais_clients"}, "Au plus 1000"),
    ("clients-texte", {"clients": "clients"}, {"clients"}, "en chiffres"),
    ("clients-egal-fournisseurs", {"clients": "411", "fournisseurs": "411"}, {"fournisseurs"}, "même préfixe"),
    ("fournisseurs-exposant", {"fournisseurs": "4⁰1"}, {"fournisseurs"}, "en chiffres"),
    ("clients-chiffres-arabes", {"clients": "٤١١"}, {"clients"}, "en chiffres"),
    ("taux-200", {"taux": "200"}, {"taux"}, "supérieur à 0"),
    ("taux-texte", {"taux": "BCE + 10"}, {"taux"}, "en chiffres"),
    ("ht-ni-oui-ni-non", {"ht": "peut-être"}, {"ht"}, "oui ou non"),
    ("ht-nombre", {"ht": 2}, {"ht"}, "oui ou non"),
    ("prolonger-ni-oui-ni-non", {"prolonger": "peut-être"}, {"prolonger"}, "oui ou non"),
    ("litiges-liste-imbriquee", {"litiges": [["F2025-001"]]}, {"litiges"}, "illisible"),  # une liste de textes est lue
    ("litiges-copier-coller", {"litiges": "F1," * 1000}, {"litiges"}, "trop longue"),
    ("colonne-inconnue", {"colonnes": "couleur=Raison sociale"}, {"colonne-1-champ"}, "pas une information attendue"),
    ("colonne-objet-imbrique", {"colonnes": {"montant": OBJET_IMBRIQUE}}, {"colonne-1-nom"}, "illisible"),
    ("plusieurs-erreurs-a-la-fois", {"au": "32/12/2025", "delai": "deux mois", "taux": "-1"},
     {"au", "delai", "taux"}, ""),
]

CATALOGUES = {
    "penalites": (BASE_PENALITES, PENALITES),
    "delai": (BASE_DELAI, DELAI),
    "echeancier": (BASE_ECHEANCIER, ECHEANCIER),
    "lettre": (BASE_LETTRE, LETTRE),
    "portefeuille": (BASE_PORTEFEUILLE, PORTEFEUILLE),
}

CATALOGUE = [(nom, base, *cas) for nom, (base, liste) in CATALOGUES.items() for cas in liste]


def parametres(cas: list) -> list:
    """Les cas pour `parametrize`, nommés « calculateur:identifiant », les défauts connus en xfail strict."""
    return [pytest.param(*c, id=f"{c[0]}:{c[2]}", marks=[pytest.mark.xfail(strict=True, reason=CONNUS[f"{c[0]}:{c[2]}"])]
                         if f"{c[0]}:{c[2]}" in CONNUS else []) for c in cas]

# Un message en français, écrit pour l'utilisateur : pas une trace Python ni un message anglais.
_ANGLAIS = re.compile(r"\b(error|invalid|exception|traceback|none|null|undefined|nan|keyerror|valueerror|"
                      r"overflow|recursion|memory|expecting|unexpected|codec|errno)\b", re.I)
MESSAGE_MAX = 600  # une valeur énorme est citée tronquée, jamais recopiée

# Comptes par calculateur pour la note de clôture : cas essayés / refusés comme attendu.
COMPTES: Counter = Counter()


def champs_du_formulaire(nom: str) -> set[str]:
    champs = {"fichier"} if nom == "portefeuille" else set()  # le fichier n'est pas une saisie du registre
    for ch in calculateur(nom).FORMULAIRE.champs:
        champs.add(ch.nom)
        if isinstance(ch, Lignes):
            champs |= {f"{ch.param}-{rang}-{col.nom}" for rang in range(1, ch.maximum + 1) for col in ch.colonnes}
    return champs


def francais(message: str) -> bool:
    return (bool(message) and (message[0].isupper() or message[0].isdigit() or message.startswith(("« ", "«\xa0")))
            and message.rstrip().endswith((".", ")", "»")) and not _ANGLAIS.search(message)
            and "interne" not in message and len(message) <= MESSAGE_MAX)


def verifier_refus(nom: str, reponse: dict, champs: set[str], extrait: str) -> None:
    assert reponse["ok"] is False, "saisie acceptée"
    assert "interne" not in reponse, reponse.get("interne", {}).get("detail")
    erreurs = reponse["erreurs"]
    assert erreurs and {e["field"] for e in erreurs} == champs, erreurs
    assert all(e["field"] in champs_du_formulaire(nom) for e in erreurs), erreurs
    assert all(francais(e["message"]) for e in erreurs), erreurs
    if extrait:
        assert any(typographie(extrait) in e["message"] for e in erreurs), erreurs


@pytest.fixture(scope="module", autouse=True)
def _comptes():
    yield
    lignes = [f"{nom:<12} api.run : {COMPTES[nom, 'api', 'ok']}/{COMPTES[nom, 'api']} ; "
              f"ligne de commande : {COMPTES[nom, 'cli', 'ok']}/{COMPTES[nom, 'cli']}" for nom in CATALOGUES]
    print("\nMauvaises saisies refusées comme attendu / essayées :\n" + "\n".join(lignes))


def test_au_moins_quarante_cas_par_calculateur():
    assert all(len(liste) >= 40 for _, liste in CATALOGUES.values()), {n: len(c[1]) for n, c in CATALOGUES.items()}


def test_chaque_calculateur_inscrit_a_son_catalogue():
    """Un calculateur ajouté à `api.CALCULATEURS` doit venir avec ses mauvaises saisies."""
    interets = {"interet-legal", "interets-moratoires"}  # test_mauvaises_saisies_interets.py
    sans_catalogue = set(CALCULATEURS) - set(CATALOGUES) - interets
    assert not sans_catalogue, f"catalogue de mauvaises saisies manquant : {sans_catalogue}"


@pytest.mark.parametrize("nom", CATALOGUES)
def test_la_base_du_catalogue_est_valide(nom):
    reponse = run(nom, CATALOGUES[nom][0])
    assert reponse["ok"], reponse.get("erreurs")


@pytest.mark.parametrize("nom, base, ident, modif, champs, extrait", parametres(CATALOGUE))
def test_mauvaise_saisie_refusee_en_francais_au_champ(nom, base, ident, modif, champs, extrait):
    COMPTES[nom, "api"] += 1
    verifier_refus(nom, run(nom, {**base, **modif}), champs, extrait)
    COMPTES[nom, "api", "ok"] += 1


# --- Liens partagés : leurs valeurs sont lues comme celles qu'on tape ---------------------------

LIENS = [
    ("penalites", "#montant=10000&echeance=2023-11-30&prolonger=non", set(), {"prolonger": ""}),
    ("penalites", "?montant=10000&echeance=2023-11-30&prolonger=oui", set(), {"prolonger": "oui"}),
    ("penalites", "#montant=10000&prolonger=peut-etre", {"prolonger"}, {"montant": "10\u202f000,00"}),
    ("penalites", "#montant=10000&imputation=capital", {"imputation"}, {}),
    ("echeancier", "#montant=10000&nombre=6&periodicite=annuelle", {"periodicite"}, {"nombre": "6"}),
    ("echeancier", "#montant=10000&nombre=6&methode=in-fine", {"methode"}, {}),
    ("delai", "#regime=90j&facture=2025-01-15", {"regime"}, {"facture": "15/01/2025"}),
    ("interet-legal", "#montant=2000&creancier=commercant&capitalisation=2", {"creancier", "capitalisation"}, {}),
    ("interets-moratoires", "#montant=10000&acheteur=mairie", {"acheteur"}, {}),
    ("lettre", "#modele=relance-amiable&facture=::10000.00:2023-11-30", {"modele"}, {}),
]


@pytest.mark.parametrize("nom, texte, champs, valeurs", LIENS, ids=[f"{c[0]}:{c[1]}" for c in LIENS])
def test_lien_partage_valide_comme_une_saisie(nom, texte, champs, valeurs):
    """`prolonger=non` ne coche pas la case ; un choix inconnu est une erreur au champ, pas une liste
    déroulante vide et un calcul fait sur autre chose ; le calcul n'est pas lancé sans clic."""
    from calculators.api import lien

    reponse = lien(nom, texte)
    assert reponse["ok"] and "interne" not in reponse
    assert {e["field"] for e in reponse["erreurs"]} == champs, reponse["erreurs"]
    assert all(francais(e["message"]) for e in reponse["erreurs"])
    assert all(reponse["valeurs"].get(cle) == valeur for cle, valeur in valeurs.items()), reponse["valeurs"]
    if champs:
        assert not reponse["complet"]
        assert not champs & set(reponse["valeurs"])  # la valeur inconnue n'est pas mise dans le champ


# --- Ligne de commande --------------------------------------------------------------------------


def argv_du_cas(nom: str, saisies: dict, tmp_path) -> list[str] | None:
    """Les options de `python -m calculators <nom>` pour ces saisies, ou None si la ligne de
    commande ne peut pas les exprimer (un nombre JSON, une case « peut-être »…). Les lettres
    passent par `--donnees` : tout y passe, types JSON compris."""
    if nom == "lettre":
        try:
            texte = json.dumps(saisies, ensure_ascii=False)
        except ValueError:  # entier de milliers de chiffres : le JSON ne s'écrit pas
            return None
        if tmp_path is not None:
            (tmp_path / "donnees.json").write_text(texte, encoding="utf-8")
        return [nom, "--donnees", str(tmp_path / "donnees.json") if tmp_path else "donnees.json"]
    argv = [nom]
    if nom == "portefeuille":  # le fichier est lu du disque
        if not isinstance(saisies.get("fichier"), str) or not saisies["fichier"] or "\x00" in saisies["fichier"]:
            return None
        if tmp_path is not None:
            (tmp_path / "grand-livre.csv").write_text(saisies["fichier"], encoding="utf-8")
        argv.append(f"--fichier={tmp_path / 'grand-livre.csv' if tmp_path else 'grand-livre.csv'}")
        saisies = {cle: valeur for cle, valeur in saisies.items() if cle != "fichier"}
    for ch in calculateur(nom).FORMULAIRE.champs:
        valeur = saisies.get(ch.nom)
        if valeur in (None, "", []):
            continue
        if isinstance(ch, Lignes):
            if not isinstance(valeur, list) or not all(isinstance(v, str) for v in valeur):
                return None
            argv += [f"--{ch.param}={v}" for v in valeur]
        elif isinstance(ch, Champ) and ch.type == "case":
            if valeur != "oui":
                return None
            argv.append(f"--{ch.nom}")
        elif isinstance(valeur, str) and "\x00" not in valeur:
            argv += [f"--{ch.nom}={valeur}"]  # « = » : une valeur « -5 » n'est pas prise pour une option
        else:
            return None
    if any(cle not in {ch.nom for ch in calculateur(nom).FORMULAIRE.champs} for cle in saisies):
        return None  # `aujourdhui` : une clé de test, pas une option
    return argv


CAS_CLI = [c for c in CATALOGUE if argv_du_cas(c[0], {**c[1], **c[3]}, None) is not None]


def _sans_trace(sortie: str) -> None:
    assert "Traceback" not in sortie and "interne" not in sortie and "Error" not in sortie, sortie


@pytest.mark.parametrize("nom, base, ident, modif, champs, extrait", parametres(CAS_CLI))
def test_ligne_de_commande_code_2_et_message_francais(nom, base, ident, modif, champs, extrait, tmp_path):
    """Chaque cas exprimable en options, par `main` (même code que le processus, sans son démarrage)."""
    COMPTES[nom, "cli"] += 1
    argv = argv_du_cas(nom, {**base, **modif}, tmp_path)
    sortie, erreurs = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(sortie), contextlib.redirect_stderr(erreurs):
        code = cli.main(argv)
    assert code == 2, (sortie.getvalue(), erreurs.getvalue())
    assert sortie.getvalue() == ""
    _sans_trace(erreurs.getvalue())
    # « Erreur (champ) : … » ; le grand livre ajoute la ligne et la colonne (« Erreur (fichier, ligne 1) »)
    # et la liste des colonnes lues.
    lignes = [ligne for ligne in erreurs.getvalue().splitlines() if not ligne.startswith("Colonnes du fichier : ")]
    assert all(ligne.startswith("Erreur (") for ligne in lignes), lignes
    assert {re.match(r"Erreur \(([^,)]*)[^)]*\) : ", ligne).group(1) for ligne in lignes} == champs, lignes
    assert all(len(ligne) <= cli.EXTRAIT_MAX + 40 for ligne in lignes)
    if extrait:
        assert typographie(extrait) in erreurs.getvalue()
    COMPTES[nom, "cli", "ok"] += 1


# Un échantillon dans un vrai processus : le démarrage, l'encodage de la sortie d'erreur, le code.
ECHANTILLON = {
    "penalites": ["montant-exposant", "paiement-an-9999-prolonger", "paiement-an-2999-prolonger",
                  "imputation-inconnue", "acompte-an-9999", "montant-ambigu-interminable"],
    "delai": ["regime-inconnu", "facture-an-9999", "facture-chiffres-arabes", "livraison-requise-absente",
              "regime-interminable"],
    "echeancier": ["nombre-chiffre-cercle", "premiere-an-9999", "periodicite-annuelle", "methode-inconnue",
                   "nombre-mille-chiffres"],
    "lettre": ["date-lettre-an-9999", "date-lettre-an-3000", "creancier-nom-liste", "facture-acomptes-imbriques",
               "modele-objet-imbrique", "plan-premiere-an-9999"],
    "portefeuille": ["fichier-ni-fec-ni-tableau", "au-an-9999", "delai-inconnu", "clients-egal-fournisseurs",
                     "fichier-ligne-interminable"],
}
CAS_PROCESSUS = [c for c in CAS_CLI if c[2] in ECHANTILLON[c[0]]]


def test_l_echantillon_existe():
    assert {(c[0], c[2]) for c in CAS_PROCESSUS} == {(n, i) for n, ids in ECHANTILLON.items() for i in ids}


@pytest.mark.parametrize("nom, base, ident, modif, champs, extrait", parametres(CAS_PROCESSUS))
def test_vrai_processus_code_2(nom, base, ident, modif, champs, extrait, tmp_path):
    argv = argv_du_cas(nom, {**base, **modif}, tmp_path)
    sortie = subprocess.run([sys.executable, "-m", "calculators", *argv], capture_output=True, text=True,
                            encoding="utf-8", timeout=60)
    assert sortie.returncode == 2, (sortie.stdout, sortie.stderr)
    assert sortie.stdout == ""
    _sans_trace(sortie.stderr)
    if extrait:
        assert extrait in sortie.stderr


# --- Ligne de commande : fichier --donnees et sortie fermée -------------------------------------


def _cli(*args, entree=None, timeout=60):
    return subprocess.run([sys.executable, "-m", "calculators", *args], capture_output=True, input=entree,
                          timeout=timeout)


@pytest.mark.parametrize("contenu, extrait", [
    (b"\xef\xbb\xbf" + json.dumps({**BASE_LETTRE, "modele": "zz"}).encode(), "Choisissez une lettre"),
    (b'{"modele": ', "JSON mal formé à la ligne 1"),
    (b"[1, 2]", "objet JSON"),
    (b"\xff\xfe\x00x", "UTF-8"),
    (b"[" * 150_000 + b"]" * 150_000, "plus de 200 ko"),
    (b"[" * 50_000, "trop imbriqué"),
    (b"null", "objet JSON"),
    (b"", "JSON mal formé"),
], ids=["bom", "tronque", "liste", "binaire", "trop-gros", "imbrique", "null", "vide"])
def test_donnees_illisibles_en_francais(contenu, extrait, tmp_path):
    fichier = tmp_path / "donnees.json"
    fichier.write_bytes(contenu)
    sortie = _cli("lettre", "--donnees", str(fichier))
    assert sortie.returncode == 2, sortie.stderr
    erreurs = sortie.stderr.decode()
    _sans_trace(erreurs)
    assert not _ANGLAIS.search(erreurs), erreurs
    assert extrait in erreurs, erreurs


def test_donnees_depuis_dev_zero_lues_bornees():
    sortie = _cli("lettre", "--donnees", "/dev/zero", timeout=30)
    assert sortie.returncode == 2
    assert "plus de 200 ko" in sortie.stderr.decode()


def test_donnees_absentes_ou_dossier(tmp_path):
    for chemin, extrait in ((tmp_path / "absent.json", "introuvable"), (tmp_path, "dossier")):
        sortie = _cli("lettre", "--donnees", str(chemin))
        assert sortie.returncode == 2 and extrait in sortie.stderr.decode()
        assert "Errno" not in sortie.stderr.decode()


def test_donnees_sur_l_entree_standard():
    sortie = _cli("lettre", "--donnees", "-", entree=b"\xef\xbb\xbf" + json.dumps(BASE_LETTRE).encode())
    assert sortie.returncode == 0, sortie.stderr.decode()
    assert "Atelier Dupont SARL" in sortie.stdout.decode()
    sortie = _cli("lettre", "--donnees", "-", entree=b"0" * 300_000)
    assert sortie.returncode == 2 and "plus de 200 ko" in sortie.stderr.decode()


def test_valeur_enorme_citee_tronquee():
    sortie = _cli("penalites", "--montant", "10000", "--echeance", "2023-11-30", "--imputation", "x" * 1500)
    erreurs = sortie.stderr.decode()
    assert sortie.returncode == 2 and "x" * 41 not in erreurs and len(erreurs) < 600, erreurs


@pytest.mark.parametrize("argv", [
    ["echeancier", "--montant", "100000", "--nombre", "360", "--premiere", "2026-12-31", "--json"],
    ["echeancier", "--montant", "100000", "--nombre", "360", "--premiere", "2026-12-31"],
], ids=["json", "texte"])
def test_sortie_fermee_par_head_sans_trace(argv):
    """`python -m calculators … | head -1` : la commande s'arrête sans BrokenPipeError (le JSON de
    360 échéances dépasse la mémoire d'un tube : l'écriture échoue une fois le lecteur parti)."""
    processus = subprocess.Popen([sys.executable, "-m", "calculators", *argv], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE)
    processus.stdout.readline()
    processus.stdout.close()  # comme `head -1` qui a sa ligne
    erreurs = processus.stderr.read().decode()
    processus.wait(timeout=60)
    assert "Traceback" not in erreurs and "BrokenPipe" not in erreurs, erreurs
    assert processus.returncode in (0, 2), erreurs


@pytest.mark.parametrize("argv", [
    ["penalites", "--montant", "abc", "--echeance", "2025-01-31", "--json"],  # saisie refusée
    ["penalites", "--montant", "100", "--inconnue", "1", "--json"],  # erreur d'usage (Parseur.error)
    ["portefeuille", "--fichier", "/dev/null", "--json"],  # fichier refusé
    ["portefeuille", "--fichier", "/dev/null", "--csv", " ", "--json"],  # dossier des exports vide
], ids=["saisie", "usage", "fichier", "csv"])
def test_refus_sur_sortie_fermee_garde_son_code(argv):
    """Le lecteur du JSON parti avant le refus (tube fermé d'emblée) : le refus est toujours dit sur la
    sortie d'erreur, et le code reste 2, pas le 0 d'une sortie coupée après un résultat."""
    processus = subprocess.Popen([sys.executable, "-m", "calculators", *argv], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE)
    processus.stdout.close()  # avant que Python ait fini de démarrer : son écriture échoue (EPIPE)
    erreurs = processus.stderr.read().decode()
    assert processus.wait(timeout=60) == 2, erreurs
    assert "Erreur" in erreurs or "erreur" in erreurs, erreurs
    assert "Traceback" not in erreurs and "BrokenPipe" not in erreurs, erreurs


@pytest.mark.parametrize("nom, saisies, champ", [
    ("penalites", {"montant": "10\ud800", "echeance": "01/01/2025"}, "montant"),
    ("portefeuille", {"fichier": "Client;Facture;Date;Montant TTC\nC\udc00;F1;01/01/2025;100\n"}, "fichier"),
    ("lettre", {"modele": "relance-1", "factures": [{"numero": "F\ud83d"}]}, "factures"),
])
def test_demi_caractere_unicode_refuse_au_champ(nom, saisies, champ):
    """Un « \\ud800 » seul (JSON.stringify le laisse passer) finissait en erreur interne (portefeuille :
    lien de lettre impossible à coder)."""
    r = run(nom, saisies)
    assert not r["ok"] and "interne" not in r
    assert r["erreurs"][0]["field"] == champ
    assert "demi-caractère Unicode" in r["erreurs"][0]["message"]


@pytest.mark.parametrize("montant, attendu", [("1.000", "pour 1 000\u00a0€, écrivez 1000"), ("2,500", "pour 2 500\u00a0€")])
def test_trois_decimales_lues_comme_des_milliers_le_disent(montant, attendu):
    """« 1.000 » disait « pas plus de deux décimales » : l'utilisateur tapait 1.00, un euro au lieu de mille."""
    r = run("penalites", {"montant": montant, "echeance": "01/01/2025", "paiement": "01/03/2025"})
    assert not r["ok"] and attendu in r["erreurs"][0]["message"]


@pytest.mark.parametrize("montant", ["10 00", "1\n000", "1 2", "1 250,5 0"])
def test_espaces_hors_des_groupes_de_milliers_refusees(montant):
    """« 10 00 » valait 1 000 € : peut-être 10,00 (virgule oubliée). Une espace sépare les milliers, par
    groupes de trois chiffres ; ailleurs, la saisie est refusée plutôt que devinée."""
    r = run("penalites", {"montant": montant, "echeance": "01/01/2025", "paiement": "01/03/2025"})
    assert not r["ok"] and "par groupes de trois chiffres" in r["erreurs"][0]["message"]


@pytest.mark.parametrize("montant", ["1 250,50 €", "12 345 678,90", "1\u00a0000,00", "1\u202f000", "1'000", " 1250 "])
def test_groupes_de_milliers_acceptes(montant):
    assert run("penalites", {"montant": montant, "echeance": "01/01/2025", "paiement": "01/03/2025"})["ok"]


def test_une_ligne_en_objet_avec_une_cle_inconnue_est_refusee_pas_ignoree():
    """Audit du 3 décembre : { "Date", "Montant" } pour un acompte était pris pour une ligne vide, et le
    calcul fait sans lui (242,05 € au lieu de 169,30 €) ; une clé de trop était ignorée sans rien dire."""
    from calculators.api import run
    base = {"montant": "10000", "echeance": "30/11/2023", "paiement": "31/01/2024"}
    for acompte, cle in (({"Date": "2023-12-15", "Montant": "4000"}, "Date"),
                         ({"date": "2023-12-15", "montant": "4000", "imputation": "x"}, "imputation")):
        r = run("penalites", {**base, "acomptes": [acompte]})
        assert not r["ok"], r
        (erreur,) = r["erreurs"]
        assert erreur["field"] == "acompte-1-date" and f"«\u00a0{cle}\u00a0»" in erreur["message"]
    r = run("penalites", {**base, "acomptes": [{"Date": "2023-12-15", "Montant": "4000"}]})
    assert "Vouliez-vous dire «\u00a0date\u00a0»\u00a0?" in r["erreurs"][0]["message"]
    assert run("penalites", {**base, "acomptes": [{"date": "2023-12-15", "montant": "4000"}]})["penalites"] == "169.30"
