"""Lien d'un calculateur vers une lettre : une ligne répétée (facture, acompte) revient à l'identique,
quel que soit le texte de ses cellules (numéro « FA:2025:001 » d'un export comptable…)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings, strategies as st

from calculators.api import lien, run
from calculators.commun.champs import Champ, Formulaire, Lignes
from calculators.lettres.champs import FACTURES, lien_lettre

SEPARATEURS = ":", "\\", "\\:", ";", "&", "=", "#", "%", "+", ",", "?", "/", " ", "%3A"

# Une ligne faite de textes seulement : chaque cellule, dernière comprise, doit revenir telle quelle.
TEXTES = Lignes("lignes", "ligne", "Lignes", "la ligne",
                tuple(Champ(nom, nom, "texte", nom) for nom in ("a", "b", "c")))
FORMULAIRE = Formulaire("essai", (TEXTES,))

# Texte d'une cellule : sans espace au bord ni caractère invisible, que la lecture retire de toute saisie.
CELLULE = st.text(st.sampled_from([c for c in SEPARATEURS if len(c) == 1]) | st.characters(blacklist_categories=("Cc", "Cs", "Zs")),
                  max_size=20).map(str.strip)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.fixed_dictionaries({"a": CELLULE, "b": CELLULE, "c": CELLULE}), min_size=1, max_size=3))
def test_toute_cellule_de_texte_revient_par_le_lien(lignes):
    lu = FORMULAIRE.depuis_lien("#" + FORMULAIRE.lien({"lignes": list(enumerate(lignes, 1))}))
    assert lu["lignes"]["lignes"] == lignes
    assert [TEXTES.decoder(TEXTES.coder(ligne)) for ligne in lignes] == lignes


@pytest.mark.parametrize("numero", ["FA:2025:001", "F:", ":F", "F\\", "F\\:1", "C:\\compta\\F1", *SEPARATEURS])
def test_numero_de_facture_et_montant_reviennent_par_le_lien(numero):
    """Un « : » dans le numéro décalait les cellules : montant 1,00 € au lieu de 1 200,00, sans erreur."""
    facture = {"numero": numero, "date": dt.date(2025, 1, 15), "montant": Decimal("1200.00"),
               "echeance": dt.date(2025, 2, 14), "paiement": dt.date(2025, 3, 1),
               "acomptes": ({"date": dt.date(2025, 2, 20), "montant": Decimal("200.00")},)}
    lu = lien("lettre", "#" + lien_lettre("note-de-debit", [facture]))
    assert lu["erreurs"] == []
    assert lu["lignes"]["factures"] == [{
        "numero": numero.strip(), "date": "15/01/2025", "montant": "1\u202f200,00", "echeance": "14/02/2025",
        "paiement": "01/03/2025", "acomptes": [{"date": "20/02/2025", "montant": "200,00"}]}]


def test_lettre_remplie_depuis_le_lien_reclame_le_bon_montant():
    facture = {"numero": "FA:2025:001", "date": dt.date(2025, 1, 15), "montant": Decimal("1200.00"),
               "echeance": dt.date(2025, 2, 14)}
    lu = lien("lettre", "#" + lien_lettre("mise-en-demeure", [facture]))
    r = run("lettre", {**lu["valeurs"], **lu["lignes"], "date_lettre": "31/12/2025", "creancier_nom": "A",
                       "creancier_adresse": "1 rue", "signataire": "S", "debiteur_nom": "B", "debiteur_adresse": "2 rue"})
    assert r["ok"], r.get("erreurs")
    assert [(f["numero"], f["montant"], f["echeance"]) for f in r["factures"]] == [("FA:2025:001", "1200.00", "2025-02-14")]


@pytest.mark.parametrize("ancien, numero", [
    ("F2024-900:2024-11-15:900.00:2024-12-15", "F2024-900"),
    ("F\\1:2024-11-15:900.00:2024-12-15", "F\\1"),  # une barre oblique inverse seule reste telle quelle
])
def test_lien_deja_partage_se_relit_comme_avant(ancien, numero):
    ligne = FACTURES.decoder(ancien)
    assert (ligne["numero"], ligne["date"], ligne["montant"], ligne["echeance"]) == (
        numero, "2024-11-15", "900.00", "2024-12-15")


def test_ligne_de_commande_numero_avec_deux_points_echappes():
    r = run("lettre", {"modele": "relance-2", "date_lettre": "31/01/2024", "creancier_nom": "A",
                       "creancier_adresse": "1 rue", "signataire": "S", "debiteur_nom": "B", "debiteur_adresse": "2 rue",
                       "factures": ["FA\\:2023\\:118:2023-11-01:500:2023-12-01"]})
    assert r["ok"], r.get("erreurs")
    assert (r["factures"][0]["numero"], r["factures"][0]["montant"]) == ("FA:2023:118", "500.00")
