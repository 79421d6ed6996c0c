"""Mise en forme française : montants en toutes lettres (cas vérifiés à la main, orthographe traditionnelle)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from calculators.commun import format_fr as fr

# (montant, en toutes lettres) : chaque ligne relue à la main contre les règles de l'Académie
# (« et un », « quatre-vingts », « cents », « mille » invariable, « millions » nom).
CAS = [
    ("0", "zéro euro"),
    ("0.00", "zéro euro"),
    ("1", "un euro"),
    ("2", "deux euros"),
    ("16", "seize euros"),
    ("17", "dix-sept euros"),
    ("21", "vingt et un euros"),
    ("22", "vingt-deux euros"),
    ("31", "trente et un euros"),
    ("61", "soixante et un euros"),
    ("70", "soixante-dix euros"),
    ("71", "soixante et onze euros"),
    ("77", "soixante-dix-sept euros"),
    ("80", "quatre-vingts euros"),
    ("81", "quatre-vingt-un euros"),
    ("90", "quatre-vingt-dix euros"),
    ("91", "quatre-vingt-onze euros"),
    ("99", "quatre-vingt-dix-neuf euros"),
    ("100", "cent euros"),
    ("101", "cent un euros"),
    ("180", "cent quatre-vingts euros"),
    ("200", "deux cents euros"),
    ("201", "deux cent un euros"),
    ("280", "deux cent quatre-vingts euros"),
    ("1000", "mille euros"),
    ("1001", "mille un euros"),
    ("2000", "deux mille euros"),
    ("21000", "vingt et un mille euros"),
    ("80000", "quatre-vingt mille euros"),
    ("200000", "deux cent mille euros"),
    ("1000000", "un million d'euros"),
    ("1000200", "un million deux cents euros"),
    ("2000000", "deux millions d'euros"),
    ("200000000", "deux cents millions d'euros"),
    ("80000000", "quatre-vingts millions d'euros"),
    ("3000000000", "trois milliards d'euros"),
    ("0.01", "un centime"),
    ("0.80", "quatre-vingts centimes"),
    ("1.01", "un euro et un centime"),
    ("40.00", "quarante euros"),
    ("242.05", "deux cent quarante-deux euros et cinq centimes"),
    ("1234.56", "mille deux cent trente-quatre euros et cinquante-six centimes"),
    ("10282.05", "dix mille deux cent quatre-vingt-deux euros et cinq centimes"),
    ("71071.71", "soixante et onze mille soixante et onze euros et soixante et onze centimes"),
]


@pytest.mark.parametrize(("montant", "attendu"), CAS)
def test_montant_en_lettres(montant, attendu):
    assert fr.montant_en_lettres(Decimal(montant)) == attendu


@pytest.mark.parametrize("montant", ["-1", "1.005", "NaN", "Infinity", "1000000000000"])
def test_montant_en_lettres_refuse(montant):
    with pytest.raises(ValueError):
        fr.montant_en_lettres(Decimal(montant))


def test_montant_en_lettres_refuse_un_float():
    with pytest.raises(ValueError):
        fr.montant_en_lettres(40.0)


# --- Typographie : le tiret d'incise ne commence jamais une ligne ------------------------------

NB = "\u00a0"


@pytest.mark.parametrize(("texte", "attendu"), [
    ("Module 1 — Les enjeux", f"Module 1{NB}— Les enjeux"),
    # Deux incises, le tiret en fin de texte (la suite est dans une autre balise), à la ligne.
    ("a — b — c", f"a{NB}— b{NB}— c"),
    ("Mise en demeure —", f"Mise en demeure{NB}—"),
    ("une incise —\nà la ligne", f"une incise{NB}—\nà la ligne"),
    # Déjà insécable : rien ne double ; un tiret collé à un mot n'est pas une incise.
    (f"x{NB}— y", f"x{NB}— y"),
    ("mot—mot", "mot—mot"),
])
def test_typographie_tiret_d_incise(texte, attendu):
    assert fr.typographie(texte) == attendu


def test_typographie_tiret_et_ponctuation_ensemble():
    assert fr.typographie("Taux — voir : 12 %") == f"Taux{NB}— voir{NB}: 12{NB}%"
