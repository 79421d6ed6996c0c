"""Mauvaises saisies des calculateurs d'intérêt légal et d'intérêts moratoires.

Le même catalogue que pour les autres calculateurs : champs vides, dates impossibles, fin avant
le début, montants négatifs ou absurdes, texte dans les nombres, type d'acheteur inconnu, formes
que le formulaire ne produit jamais. Chaque saisie passe par `calculators.api.run` (la fonction
qu'appellent la page et la ligne de commande) : refus (`ok` faux), message en français ancré au
champ fautif, jamais d'erreur interne. Un échantillon passe par la vraie ligne de commande.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys

import pytest

from calculators.api import calculateur, run
from calculators.commun.champs import Lignes
from calculators.taux import couvert_jusqu_au
from calculators.commun.format_fr import typographie

APRES_LES_TABLES = (couvert_jusqu_au() + dt.timedelta(days=40)).isoformat()
LOIN_APRES_LES_TABLES = (couvert_jusqu_au() + dt.timedelta(days=200)).isoformat()

# --- Intérêt légal --------------------------------------------------------------------------------

BASE_IL = {"montant": "2000", "debut": "31/08/2020", "fin": "30/09/2020", "creancier": "particulier"}

# (identifiant, saisies qui remplacent celles de BASE_IL, champs attendus en erreur, extrait d'un message)
INTERET_LEGAL = [
    ("tout-vide", {"montant": "", "debut": "", "fin": ""}, {"montant", "debut"}, "Saisissez"),
    ("formulaire-absent", {"montant": None, "debut": None, "fin": None, "creancier": None}, {"montant", "debut"}, ""),
    ("montant-vide", {"montant": ""}, {"montant"}, "Saisissez la somme due"),
    ("montant-espaces", {"montant": "   "}, {"montant"}, "Saisissez la somme due"),
    ("montant-texte", {"montant": "deux mille"}, {"montant"}, "en chiffres"),
    ("montant-lettres-et-chiffres", {"montant": "2000 euros"}, {"montant"}, "en chiffres"),
    ("montant-trois-decimales", {"montant": "12,345"}, {"montant"}, "deux décimales"),
    ("montant-negatif", {"montant": "-100"}, {"montant"}, "La somme due doit être supérieure à zéro."),
    ("montant-zero", {"montant": "0"}, {"montant"}, "La somme due doit être supérieure à zéro."),
    ("montant-zero-virgule", {"montant": "0,00"}, {"montant"}, "La somme due doit être supérieure à zéro."),
    ("montant-absurde", {"montant": "1000000001"}, {"montant"}, "La somme due semble trop élevée"),
    ("montant-notation-scientifique", {"montant": "1e5"}, {"montant"}, "en chiffres"),
    ("montant-nan", {"montant": "NaN"}, {"montant"}, "en chiffres"),
    ("montant-infini", {"montant": "Infinity"}, {"montant"}, "en chiffres"),
    ("montant-chiffres-arabes", {"montant": "٣٠٠"}, {"montant"}, "en chiffres"),
    ("montant-interminable", {"montant": "9" * 40}, {"montant"}, "en chiffres"),
    ("montant-copier-coller", {"montant": "1" * 3000}, {"montant"}, "trop longue"),
    ("montant-liste", {"montant": ["2000"]}, {"montant"}, "illisible"),
    ("montant-objet", {"montant": {"valeur": 2000}}, {"montant"}, "illisible"),
    ("debut-vide", {"debut": ""}, {"debut"}, "Saisissez la date de départ"),
    ("debut-31-fevrier", {"debut": "31/02/2020"}, {"debut"}, "n'existe pas"),
    ("debut-mois-13", {"debut": "2020-13-01"}, {"debut"}, "n'existe pas"),
    ("debut-jour-32", {"debut": "32/01/2020"}, {"debut"}, "n'existe pas"),
    ("debut-texte", {"debut": "hier"}, {"debut"}, "jj/mm/aaaa"),
    ("debut-an-1899", {"debut": "31/12/1899"}, {"debut"}, "hors de portée"),
    ("debut-avant-les-tables", {"debut": "31/12/2007"}, {"debut"}, "1er janvier 2008"),
    ("debut-an-2101", {"debut": "01/01/2101"}, {"debut"}, "vérifiez l'année"),
    ("fin-29-fevrier-2021", {"fin": "29/02/2021"}, {"fin"}, "n'existe pas"),
    ("fin-avant-debut", {"fin": "01/08/2020"}, {"fin"}, "doit suivre la date de départ"),
    ("fin-egale-debut", {"fin": "31/08/2020"}, {"fin"}, "doit suivre la date de départ"),
    ("fin-apres-les-tables", {"fin": APRES_LES_TABLES}, {"fin"}, "connus que jusqu'au"),
    ("fin-an-2999", {"fin": "2999-12-31"}, {"fin"}, "vérifiez l'année"),
    # Sans date de paiement, c'est aujourd'hui qui dépasse les tables : une date de paiement est la solution.
    ("fin-vide-aujourdhui-apres-les-tables", {"fin": "", "aujourdhui": LOIN_APRES_LES_TABLES}, {"fin"},
     "Sans date de paiement, le calcul va jusqu'à aujourd'hui"),
    ("creancier-inconnu", {"creancier": "commercant"}, {"creancier"}, "Valeur inconnue"),
    ("creancier-majuscules", {"creancier": "PARTICULIER"}, {"creancier"}, "Choisissez parmi"),
    ("fondement-inconnu", {"fondement": "assignation"}, {"fondement"}, "Valeur inconnue"),
    ("executoire-impossible", {"executoire": "31/04/2020"}, {"executoire"}, "n'existe pas"),
    ("executoire-avant-jugement", {"fondement": "jugement", "executoire": "01/08/2020"}, {"executoire"},
     "avant d'être rendu"),
    ("executoire-an-2101", {"executoire": "2101-06-01"}, {"executoire"}, "vérifiez l'année"),
    ("capitalisation-ni-oui-ni-non", {"capitalisation": "peut-être"}, {"capitalisation"}, "oui ou non"),
    ("prolonger-ni-oui-ni-non", {"prolonger": "2"}, {"prolonger"}, "oui ou non"),
    ("acompte-sans-date", {"acomptes": [":100"]}, {"acompte-1-date"}, "Saisissez la date de l'acompte n° 1"),
    ("acompte-sans-montant", {"acomptes": ["2020-09-15"]}, {"acompte-1-montant"},
     "« 2020-09-15 » : écrivez la date et le montant séparés par « : »."),
    ("acompte-montant-texte", {"acomptes": [{"date": "15/09/2020", "montant": "cent"}]}, {"acompte-1-montant"},
     "en chiffres"),
    ("acompte-negatif", {"acomptes": ["2020-09-15:-5"]}, {"acompte-1-montant"}, "supérieur à zéro"),
    ("acompte-date-impossible", {"acomptes": ["2020-09-31:100"]}, {"acompte-1-date"}, "n'existe pas"),
    ("acompte-avant-le-depart", {"acomptes": ["2020-08-15:100"]}, {"acompte-1-date"}, "après la date de départ"),
    ("acompte-le-jour-du-depart", {"acomptes": ["2020-08-31:100"]}, {"acompte-1-date"}, "après la date de départ"),
    ("acompte-apres-la-fin", {"acomptes": ["2020-10-15:100"]}, {"acompte-1-date"}, "au plus tard à la date"),
    ("acompte-deuxieme-ligne", {"acomptes": ["2020-09-10:100", "2020-09-12:abc"]}, {"acompte-2-montant"},
     "n° 2"),
    ("acomptes-nombre-seul", {"acomptes": 5}, {"acompte-1-montant"}, "« 5 » : écrivez la date et le montant séparés"),
    ("acomptes-trop-nombreux", {"acomptes": ["2020-09-15:1"] * 51}, {"acomptes"}, "Au plus 50 lignes"),
]

# --- Intérêts moratoires ----------------------------------------------------------------------------

BASE_IM = {"montant": "10000", "acheteur": "etat", "reception": "03/03/2025", "paiement": "15/05/2025"}

INTERETS_MORATOIRES = [
    ("tout-vide", {"montant": "", "acheteur": "", "reception": "", "paiement": ""}, {"montant"}, "Saisissez"),
    ("formulaire-absent", {"montant": None, "acheteur": None, "reception": None, "paiement": None}, {"montant"}, ""),
    ("sans-aucune-date", {"reception": ""}, {"reception"}, "date de réception"),
    ("montant-vide", {"montant": ""}, {"montant"}, "Saisissez le montant"),
    ("montant-texte", {"montant": "dix mille"}, {"montant"}, "en chiffres"),
    ("montant-trois-decimales", {"montant": "100,001"}, {"montant"}, "deux décimales"),
    ("montant-negatif", {"montant": "-10000"}, {"montant"}, "supérieur à zéro"),
    ("montant-zero", {"montant": "0"}, {"montant"}, "supérieur à zéro"),
    ("montant-absurde", {"montant": "5 000 000 000"}, {"montant"}, "trop élevé"),
    ("montant-notation-scientifique", {"montant": "1E4"}, {"montant"}, "en chiffres"),
    ("montant-nan", {"montant": "nan"}, {"montant"}, "en chiffres"),
    ("montant-deux-virgules", {"montant": "1,000,50"}, {"montant"}, "en chiffres"),
    ("montant-pourcentage-et-texte", {"montant": "10 % du marché"}, {"montant"}, "en chiffres"),
    ("montant-copier-coller", {"montant": "x" * 2500}, {"montant"}, "trop longue"),
    ("montant-liste", {"montant": [10000]}, {"montant"}, "illisible"),
    ("acheteur-inconnu", {"acheteur": "mairie"}, {"acheteur"}, "Valeur inconnue"),
    ("acheteur-majuscules", {"acheteur": "ETAT"}, {"acheteur"}, "Choisissez parmi"),
    ("acheteur-prive", {"acheteur": "entreprise"}, {"acheteur"}, "Valeur inconnue"),
    ("acheteur-liste", {"acheteur": ["etat"]}, {"acheteur"}, "illisible"),
    ("reception-31-fevrier", {"reception": "31/02/2025"}, {"reception"}, "n'existe pas"),
    ("reception-texte", {"reception": "début mars"}, {"reception"}, "jj/mm/aaaa"),
    ("reception-an-1850", {"reception": "01/01/1850"}, {"reception"}, "hors de portée"),
    ("reception-an-2101", {"reception": "2101-01-01"}, {"reception"}, "vérifiez l'année"),
    ("reception-avant-2013", {"reception": "01/01/2013", "paiement": "15/05/2013"}, {"reception"}, "16/03/2013"),
    ("reception-avant-la-demande", {"reception": "01/03/2025", "demande": "05/03/2025"}, {"reception"},
     "ne peut pas être reçue avant"),
    ("demande-impossible", {"reception": "", "demande": "31/04/2025"}, {"demande"}, "n'existe pas"),
    ("demande-texte", {"reception": "", "demande": "n/a"}, {"demande"}, "jj/mm/aaaa"),
    ("execution-mois-zero", {"execution": "2025-00-10"}, {"execution"}, "n'existe pas"),
    ("execution-an-2101", {"execution": "10/03/2101"}, {"execution"}, "vérifiez l'année"),
    ("echeance-impossible", {"echeance": "31/06/2025"}, {"echeance"}, "n'existe pas"),
    ("echeance-avant-2013", {"reception": "", "echeance": "01/01/2013", "paiement": "15/01/2014"}, {"echeance"},
     "16/03/2013"),
    ("echeance-apres-les-tables", {"reception": "", "echeance": APRES_LES_TABLES, "paiement": LOIN_APRES_LES_TABLES},
     {"paiement"}, "pas encore dans les tables de ce site"),
    ("paiement-29-fevrier-2025", {"paiement": "29/02/2025"}, {"paiement"}, "n'existe pas"),
    ("paiement-texte", {"paiement": "bientôt"}, {"paiement"}, "jj/mm/aaaa"),
    ("paiement-an-2999", {"paiement": "31/12/2999"}, {"paiement"}, "vérifiez l'année"),
    ("paiement-avant-reception", {"paiement": "01/03/2025"}, {"paiement"}, "précède la réception"),
    ("paiement-avant-demande", {"reception": "", "demande": "15/01/2025", "paiement": "10/01/2025"}, {"paiement"},
     "précède la date"),
    ("paiement-vide-reception-future", {"paiement": "", "reception": "03/03/2025", "aujourdhui": "2025-02-01"},
     {"reception"}, "est après aujourd'hui (01/02/2025), jour où le calcul s'arrête faute de date de paiement"),
    ("retard-apres-les-tables", {"reception": APRES_LES_TABLES, "paiement": LOIN_APRES_LES_TABLES}, {"paiement"},
     "pas encore dans les tables de ce site"),
    ("paiement-vide-retard-apres-les-tables", {"reception": APRES_LES_TABLES, "paiement": "",
                                               "aujourdhui": LOIN_APRES_LES_TABLES}, {"reception"}, "pas encore dans les tables de ce site"),
    # Une donnée que le calculateur ne lit pas (pas de taux ici : celui de la BCE + 8 points) : dite avec le
    # montant faux, en erreur générale (`field` vide), le champ le plus proche proposé s'il y en a un.
    ("champ-inconnu-refuse-avec-le-montant-faux", {"montant": "abc", "taux": "12"}, {"montant", ""},
     "Donnée inconnue de ce calculateur : « taux »"),
    ("plusieurs-erreurs-a-la-fois", {"montant": "-1", "acheteur": "mairie", "paiement": "32/05/2025"},
     {"montant", "acheteur", "paiement"}, ""),
]

CATALOGUE = ([("interet-legal", BASE_IL, *cas) for cas in INTERET_LEGAL]
             + [("interets-moratoires", BASE_IM, *cas) for cas in INTERETS_MORATOIRES])

# Un message en français, écrit pour l'utilisateur : pas une trace Python ni un message anglais.
_ANGLAIS = re.compile(r"\b(error|invalid|exception|traceback|none|null|undefined|nan|keyerror|valueerror)\b", re.I)


def _champs_du_formulaire(nom: str) -> set[str]:
    champs = set()
    for ch in calculateur(nom).FORMULAIRE.champs:
        champs.add(ch.nom)
        if isinstance(ch, Lignes):
            champs |= {f"{ch.param}-{rang}-{col.nom}" for rang in range(1, ch.maximum + 1) for col in ch.colonnes}
    return champs


def _francais(message: str) -> bool:
    return (bool(message) and (message[0].isupper() or message.startswith(("« ", "«\xa0"))) and message.rstrip().endswith((".", ")"))
            and not _ANGLAIS.search(message) and "interne" not in message)


def test_au_moins_quarante_cas_par_calculateur():
    assert len(INTERET_LEGAL) >= 40 and len(INTERETS_MORATOIRES) >= 40


def test_la_base_du_catalogue_est_valide():
    assert run("interet-legal", BASE_IL)["ok"] and run("interets-moratoires", BASE_IM)["ok"]


@pytest.mark.parametrize("nom, base, ident, modif, champs, extrait", CATALOGUE,
                         ids=[f"{c[0]}:{c[2]}" for c in CATALOGUE])
def test_mauvaise_saisie_refusee_en_francais_au_champ(nom, base, ident, modif, champs, extrait):
    r = run(nom, {**base, **modif})
    assert r["ok"] is False, f"{ident} : accepté"
    assert "interne" not in r, r.get("interne", {}).get("detail")
    erreurs = r["erreurs"]
    assert erreurs and {e["field"] for e in erreurs} == champs, erreurs
    assert all(e["field"] in _champs_du_formulaire(nom) | {""} for e in erreurs), erreurs
    assert all(_francais(e["message"]) for e in erreurs), erreurs
    if extrait:
        assert any(typographie(extrait) in e["message"] for e in erreurs), erreurs


@pytest.mark.parametrize("nom", ["interet-legal", "interets-moratoires"])
@pytest.mark.parametrize("charge", [None, [], "texte", 12, {1: "a"}], ids=repr)
def test_charge_qui_n_est_pas_un_formulaire(nom, charge):
    r = run(nom, charge)
    assert r["ok"] is False and "interne" not in r
    assert all(_francais(e["message"]) for e in r["erreurs"])


# --- La vraie ligne de commande : code 2, message sur la sortie d'erreur, pas de trace ---------------

LIGNE_DE_COMMANDE = [
    ("interet-legal", ["--montant", "abc", "--debut", "31/02/2020"], ["en chiffres", "n'existe pas"]),
    ("interet-legal", ["--montant", "-5", "--debut", "2020-08-31", "--fin", "2020-08-01"], ["supérieure à zéro"]),
    ("interet-legal", ["--montant", "2000", "--debut", "2020-08-31", "--fin", "2020-08-01"],
     ["doit suivre la date de départ"]),
    ("interet-legal", ["--montant", "2000", "--debut", "2020-08-31", "--creancier", "commercant"],
     ["Valeur inconnue"]),
    ("interet-legal", ["--montant", "2000", "--debut", "2020-08-31", "--fin", "2020-09-30", "--acompte",
                       "2020-10-15:100"], ["Erreur (acompte-1-date)"]),
    ("interet-legal", ["--montant"], ["une valeur est attendue"]),
    ("interets-moratoires", ["--montant", "10000", "--acheteur", "mairie", "--reception", "2025-03-03"],
     ["Valeur inconnue"]),
    ("interets-moratoires", ["--montant", "1e9", "--reception", "30/02/2025"], ["en chiffres", "n'existe pas"]),
    ("interets-moratoires", ["--montant", "10000", "--paiement", "2025-05-15"], ["Erreur (reception)"]),
    ("interets-moratoires", ["--montant", "10000", "--reception", "2025-03-03", "--paiement", "2025-03-01"],
     ["précède la réception"]),
    ("interets-moratoires", ["--montant", "10000", "--reception", "2025-03-03", "--taux", "12"], ["options inconnues"]),
]


@pytest.mark.parametrize("nom, options, extraits", LIGNE_DE_COMMANDE, ids=[" ".join(c[1]) for c in LIGNE_DE_COMMANDE])
def test_ligne_de_commande_code_2_et_message(nom, options, extraits):
    sortie = subprocess.run([sys.executable, "-m", "calculators", nom, *options], capture_output=True, text=True)
    assert sortie.returncode == 2, (sortie.stdout, sortie.stderr)
    assert sortie.stdout == ""
    assert "Traceback" not in sortie.stderr and "interne" not in sortie.stderr
    for extrait in extraits:
        assert extrait in sortie.stderr, sortie.stderr
