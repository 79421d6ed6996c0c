"""Deux fautes de saisie des factures d'une lettre (trouvées par un audit) : la même facture tapée
deux fois était réclamée deux fois (20 564,10 € au lieu de 10 282,05 €), et un numéro « FA:2025:001 »
non échappé donnait trois messages sur des dates et des acomptes au lieu de la cause."""

from __future__ import annotations

import pytest

from calculators.api import run

BASE = {"modele": "mise-en-demeure", "creancier_nom": "Dupont SA", "creancier_adresse": "1 rue A, 75001 Paris",
        "signataire": "Jeanne Martin", "debiteur_nom": "Durand SARL", "debiteur_adresse": "2 rue B, 69001 Lyon",
        "date_lettre": "30/11/2026"}
F1 = {"numero": "F2026-001", "date": "10/01/2026", "montant": "1000", "echeance": "10/02/2026"}


def _erreurs(factures) -> dict[str, str]:
    r = run("lettre", {**BASE, "factures": factures})
    assert not r["ok"], r.get("avertissements")
    return {e["field"]: e["message"].replace("\u00a0", " ") for e in r["erreurs"]}


def test_meme_facture_deux_fois_refusee_a_la_seconde():
    erreurs = _erreurs([F1, {**F1, "numero": " f2026-001 "}])
    assert set(erreurs) == {"facture-2-numero"}
    assert erreurs["facture-2-numero"].startswith("La facture « f2026-001 » est déjà la facture n° 1 (même numéro, "
                                                  "date, montant et échéance)")


def test_meme_numero_autre_echeance_admis():
    """Une facture payable en deux fois : deux lignes, un numéro, deux échéances."""
    r = run("lettre", {**BASE, "factures": [{**F1, "montant": "500"}, {**F1, "montant": "500", "echeance": "10/03/2026"}]})
    assert r["ok"], r.get("erreurs")


@pytest.mark.parametrize("ligne", ["FA:2025:001:2026-01-10:1000:2026-02-10", "FA:B:2026-01-10:1000:2026-02-10"])
def test_deux_points_du_numero_un_seul_message_qui_dit_la_cause(ligne):
    erreurs = _erreurs([ligne])
    assert list(erreurs) == ["facture-1-numero"]
    assert "Si le numéro contient « : », écrivez chacun « \\: »" in erreurs["facture-1-numero"]


def test_deux_points_echappes_lus():
    r = run("lettre", {**BASE, "factures": ["FA\\:2025\\:001:2026-01-10:1000:2026-02-10"]})
    assert r["ok"] and "FA:2025:001" in r["affichage"]["texte"]


def test_vraie_date_mal_tapee_garde_son_message():
    erreurs = _erreurs(["F1:31/02/2026:1000:2026-02-10"])
    assert "Le 31/02/2026 n'existe pas" in erreurs["facture-1-date"]


def test_facture_sans_numero_ni_dates_tout_dit_en_une_fois():
    """Une mise en demeure « ::100::: » : le numéro, la date et l'échéance manquent ; les trois messages
    ensemble (après la détection des « : » du numéro, seul le numéro était dit)."""
    erreurs = _erreurs(["::100:::"])
    assert {"facture-1-numero", "facture-1-date", "facture-1-echeance"} <= set(erreurs), erreurs


PAYEE_EN_RETARD = {"numero": "FA-041", "date": "15/04/2026", "montant": "12000", "echeance": "15/05/2026",
                   "paiement": "20/11/2026"}
PAYEE_A_TEMPS = {"numero": "FA-052", "date": "15/06/2026", "montant": "3000", "echeance": "15/07/2026",
                 "paiement": "10/07/2026"}
IMPAYEE = {"numero": "FA-077", "date": "15/09/2026", "montant": "2000", "echeance": "15/10/2026"}


def _texte(**saisies) -> str:
    r = run("lettre", {**BASE, **saisies})
    assert r["ok"], r.get("erreurs")
    return r["texte"].replace("\u00a0", " ").replace("\u202f", " ")


def test_remerciement_d_une_facture_payee_en_retard_ne_la_dit_pas_soldee():
    """« Soldée dans nos comptes » se lirait comme une quittance sans réserve : payée après son échéance,
    la facture doit encore ses pénalités et ses 40 € (C. com. L441-10 II)."""
    en_retard = _texte(modele="remerciement", factures=[PAYEE_EN_RETARD])
    assert "soldée" not in en_retard and "Ce règlement est enregistré dans nos comptes." in en_retard
    assert "Cette facture est désormais soldée dans nos comptes." in _texte(modele="remerciement",
                                                                           factures=[PAYEE_A_TEMPS])


def test_objet_de_la_deuxieme_relance_ne_dit_pas_impayee_une_facture_payee():
    texte = _texte(modele="relance-2", factures=[PAYEE_EN_RETARD, IMPAYEE])
    objet = next(l for l in texte.splitlines() if "Deuxième relance" in l)
    assert "impayée" not in objet and "FA-041" in objet


def test_injonction_dit_ou_s_arretent_les_penalites_de_factures_payees():
    texte = " ".join(_texte(modele="injonction-de-payer", factures=[PAYEE_EN_RETARD]).split())
    assert "pénalités de retard arrêtées au paiement de chaque facture" in texte
    mixte = " ".join(_texte(modele="injonction-de-payer", factures=[PAYEE_EN_RETARD, IMPAYEE]).split())
    assert "arrêtées au paiement de chaque facture réglée et au 30 novembre 2026 pour les autres" in mixte


def test_delai_d_un_jour_au_singulier():
    texte = " ".join(_texte(factures=[IMPAYEE], delai="1").split())
    assert "dans un délai de 1 jour à compter" in texte


@pytest.mark.parametrize("modele", ["echeancier", "relance-1"])
def test_prescription_dite_meme_sans_penalites_chiffrees(modele):
    """Une facture échue le 15/01/2021, lettre du 30/11/2026 : plus de cinq ans (C. com. L110-4). Dit
    seulement quand la lettre chiffrait les pénalités (le calculateur le disait) ; un échéancier, qui
    interrompt une prescription en cours, ne fait pas revivre une prescription acquise."""
    facture = {"numero": "F2021-003", "date": "15/12/2020", "montant": "5000", "echeance": "15/01/2021"}
    saisies = {**BASE, "modele": modele, "factures": [facture]}
    if modele == "echeancier":
        saisies.update(plan_nombre="4", plan_premiere="15/01/2027")
    r = run("lettre", saisies)
    assert r["ok"], r.get("erreurs")
    assert any("F2021-003" in a and "C. com. art. L110-4" in a for a in r["avertissements"]), r["avertissements"]


@pytest.mark.parametrize("modele", ["relance-2", "mediateur"])
def test_le_taux_applique_est_ecrit(modele):
    """« au taux prévu à nos conditions générales de vente » sans le chiffre : le débiteur ne pouvait pas
    vérifier les pénalités. Le tableau des factures a maintenant la colonne du taux annuel."""
    saisies = {**BASE, "modele": modele, "taux": "15", "inclure_penalites": "oui", "factures": [IMPAYEE]}
    if modele == "mediateur":
        saisies.update(demarches="Relance du 15/10/2026", litige="Facture impayée")
    texte = _texte(**{k: v for k, v in saisies.items() if k not in BASE or k == "modele"})
    assert "15,00 %" in texte


@pytest.mark.parametrize("date_lettre, extrait", [("17/12/2026", "(25/12/2026) tombe un jour férié (Noël)"),
                                                  ("27/11/2026", "(05/12/2026) tombe un samedi")])
def test_date_limite_de_la_mise_en_demeure_un_jour_non_ouvre_signalee(date_lettre, extrait):
    r = run("lettre", {**BASE, "date_lettre": date_lettre, "factures": [IMPAYEE]})
    assert r["ok"] and any(extrait in a.replace("\u00a0", " ") for a in r["avertissements"]), r["avertissements"]


def test_date_limite_un_jour_ouvre_sans_avertissement():
    r = run("lettre", {**BASE, "factures": [IMPAYEE]})  # 30/11/2026 + 8 jours : mardi 08/12/2026
    assert not any("date limite de paiement" in a for a in r["avertissements"])
