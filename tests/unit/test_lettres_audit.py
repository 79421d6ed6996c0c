"""Lettres types : les défauts relevés par l'audit des lettres, chacun avec le texte français attendu."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from decimal import Decimal

import pytest

from calculators.api import run
from calculators.commun import format_fr as fr
from calculators.lettres.champs import FORMULAIRE
from calculators.taux import couvert_jusqu_au

from tests.unit.test_lettres import COMPLET, PAYEES, _complet

AUDIT = {
    "aujourdhui": "2026-10-15", "date_lettre": "15/10/2026", "lieu": "Lyon",
    "creancier_nom": "Menuiserie Lefèvre SAS", "creancier_adresse": "14 rue de la Forge\n69007 Lyon",
    "signataire": "Claire Lefèvre", "debiteur_nom": "Bâtiments Rhône Alpes SA",
    "debiteur_adresse": "3 place Bellecour\n69002 Lyon",
}
IMPAYEE = {"numero": "FA-2026-041", "date": "12/03/2026", "montant": "12480.00", "echeance": "11/05/2026"}
AVEC_ACOMPTE = {"numero": "FA-2026-077", "date": "15/05/2026", "montant": "3600.50", "echeance": "14/07/2026",
                "acomptes": "31/07/2026:1000"}
PAYEE_EN_RETARD = {"numero": "FA-2026-052", "date": "20/04/2026", "montant": "980", "echeance": "19/06/2026",
                   "paiement": "20/08/2026"}


def _plat(texte: str) -> str:
    """Texte sur une ligne, espaces (insécables comprises) réduites à une : les lignes de la lettre sont coupées."""
    return " ".join(texte.split())


def _lettre(modele: str, factures: list, **champs) -> dict:
    r = run("lettre", {**AUDIT, "modele": modele, "factures": factures, **champs})
    assert r["ok"], r.get("erreurs")
    return r


def _dit(r: dict, phrase: str) -> bool:
    return _plat(phrase) in _plat(r["texte"])


# --- 1. Au-delà des taux BCE connus : la case « prolonger » de la lettre ----------------------------


def _apres_les_tables(jours: int) -> dt.date:
    return couvert_jusqu_au() + dt.timedelta(days=jours)


def test_lettre_datee_apres_les_tables_refusee_a_sa_date_avec_la_case_qui_existe():
    date = _apres_les_tables(5)
    r = run("lettre", {**AUDIT, "modele": "mise-en-demeure", "date_lettre": fr.date_courte(date),
                       "factures": [IMPAYEE, AVEC_ACOMPTE]})
    assert not r["ok"]
    fin = fr.date_longue(couvert_jusqu_au())
    assert r["erreurs"] == [{"field": "date_lettre", "message": fr.typographie(
        f"Les taux BCE ne sont connus que jusqu'au {fin} : les pénalités des factures FA-2026-041 et FA-2026-077, "
        f"arrêtées à la date de la lettre ({fr.date_longue(date)}), courent sur un semestre dont le taux n'est pas "
        f"encore dans les tables de ce site. Datez la lettre au plus tard du {fin}, ou cochez « Prolonger le dernier taux BCE connu "
        f"au-delà des tables (estimation) » : la lettre chiffrera alors une estimation, signalée dans ses "
        f"avertissements.")}]
    assert fr.typographie(f"« {FORMULAIRE['prolonger'].libelle} »") in r["erreurs"][0]["message"]
    assert FORMULAIRE["prolonger"].type == "case"


def test_lettre_de_vingt_factures_apres_les_tables_en_nomme_cinq_et_garde_sa_consigne():
    """Une lettre préremplie depuis l'analyse du poste clients reprend toutes les factures en retard d'un
    client : la liste entière noyait la consigne (et la ligne de commande coupait le message avant elle)."""
    factures = [{**IMPAYEE, "numero": f"FA-2026-{n:03d}"} for n in range(1, 21)]
    date = fr.date_courte(_apres_les_tables(5))
    message = run("lettre", {**AUDIT, "modele": "mise-en-demeure", "date_lettre": date,
                             "factures": factures})["erreurs"][0]["message"]
    assert fr.typographie("des factures FA-2026-001, FA-2026-002, FA-2026-003, FA-2026-004 et 16 autres, "
                          "arrêtées à la date de la lettre") in message
    sortie = subprocess.run([sys.executable, "-m", "calculators", "lettre", "--modele", "mise-en-demeure",
                             "--date_lettre", date, "--donnees", "-"], text=True,
                            input=json.dumps({**AUDIT, "factures": factures}), capture_output=True)
    assert sortie.returncode == 2 and sortie.stderr.rstrip().endswith("signalée dans ses avertissements."), sortie.stderr
    assert "(--prolonger)" in sortie.stderr


def test_facture_payee_apres_les_tables_refusee_a_sa_date_de_paiement():
    date = _apres_les_tables(10)
    payee = {**PAYEE_EN_RETARD, "paiement": fr.date_courte(_apres_les_tables(3))}
    r = run("lettre", {**AUDIT, "modele": "note-de-debit", "date_lettre": fr.date_courte(date), "factures": [payee]})
    assert [e["field"] for e in r["erreurs"]] == ["facture-1-paiement"]
    assert r["erreurs"][0]["message"].startswith(fr.typographie(
        f"Les taux BCE ne sont connus que jusqu'au {fr.date_longue(couvert_jusqu_au())} : la facture FA-2026-052, "
        f"payée le {fr.date_courte(_apres_les_tables(3))}, porte des pénalités sur un semestre dont le taux n'est "
        f"pas encore dans les tables de ce site. Vérifiez sa date de paiement, ou cochez « Prolonger"))


def test_case_prolonger_chiffre_une_estimation_signalee_dans_les_avertissements_pas_dans_la_lettre():
    date = fr.date_courte(_apres_les_tables(5))
    r = _lettre("mise-en-demeure", [IMPAYEE], date_lettre=date, prolonger="oui")
    p = run("penalites", {"montant": "12480.00", "echeance": "11/05/2026", "paiement": date, "prolonger": "oui",
                          "aujourdhui": AUDIT["aujourdhui"]})
    assert r["factures"][0]["penalites"] == p["penalites"]
    estimation = [a for a in r["avertissements"] if "le dernier taux BCE connu" in a]
    assert estimation == [f"Facture FA-2026-041 : Hypothèse retenue à votre demande : au-delà du "
                          f"{fr.date_longue(couvert_jusqu_au())}, le dernier taux BCE connu (2,65\u00a0%) est prolongé, "
                          f"majoré de 10 points. Le taux réel de ces semestres n'est pas encore dans les tables de "
                          f"ce site : refaites le calcul quand il y sera."]
    assert "prolongé" not in r["texte"] and "Hypothèse" not in r["texte"]


def test_un_taux_des_cgv_n_a_pas_besoin_des_taux_bce():
    r = _lettre("note-de-debit", [IMPAYEE], date_lettre=fr.date_courte(_apres_les_tables(5)), taux="15")
    assert r["penalites"] != "0.00"


def test_ligne_de_commande_accepte_prolonger():
    donnees = {**AUDIT, "factures": [IMPAYEE], "date_lettre": fr.date_courte(_apres_les_tables(5))}
    sortie = subprocess.run([sys.executable, "-m", "calculators", "lettre", "--modele", "mise-en-demeure",
                             "--donnees", "-", "--prolonger"], capture_output=True, text=True, input=json.dumps(donnees))
    assert sortie.returncode == 0, sortie.stderr
    assert "le dernier taux BCE connu (2,65\u00a0%) est prolongé" in sortie.stderr
    aide = subprocess.run([sys.executable, "-m", "calculators", "lettre", "--help"], capture_output=True, text=True)
    assert "--prolonger" in aide.stdout


# --- 2. L'explication C. civ. 1343-1 reste avec une facture payée dans la liste ----------------------


def test_explication_1343_1_avec_une_facture_payee_dans_la_liste():
    r = _lettre("mise-en-demeure", [IMPAYEE, AVEC_ACOMPTE, PAYEE_EN_RETARD])
    assert fr.typographie("<th scope=\"row\">Principal restant dû (factures TTC, acomptes déduits ; ils ont d'abord "
                          "réglé les pénalités échues, <span class=\"insecable\">C. civ. art. 1343-1</span>)</th>") in r["affichage"]["apercu_html"]
    sans_acompte = _lettre("mise-en-demeure", [IMPAYEE, {**AVEC_ACOMPTE, "acomptes": ""}, PAYEE_EN_RETARD])
    assert "1343-1" not in sans_acompte["texte"]


# --- 3. et 11. Note de débit : l'accord avec les factures, la référence une seule fois -----------------


@pytest.mark.parametrize("factures, phrase", [
    ([IMPAYEE], "La facture ci-dessous reste impayée après son échéance."),
    ([IMPAYEE, AVEC_ACOMPTE], "Les factures ci-dessous restent impayées après leur échéance."),
    ([IMPAYEE, PAYEE_EN_RETARD], "Les factures ci-dessous ont été réglées après leur échéance ou restent impayées."),
    ([PAYEE_EN_RETARD], "La facture ci-dessous a été réglée après son échéance."),
])
def test_note_de_debit_dit_ce_qu_il_en_est_des_factures(factures, phrase):
    assert _dit(_lettre("note-de-debit", factures), phrase)


def test_note_de_debit_sa_reference_dans_l_objet_seulement():
    r = _lettre("note-de-debit", [IMPAYEE], reference="ND-2026-007")
    assert _dit(r, "Objet : Note de débit ND-2026-007 — pénalités de retard")
    assert "Nos références" not in r["texte"] and r["texte"].count("ND-2026-007") == 1
    assert _dit(_lettre("relance-2", [IMPAYEE], reference="DOS-42"), "Nos références : DOS-42")


# --- 4. Injonction de payer : l'exposé de la créance ---------------------------------------------------


@pytest.mark.parametrize("factures, phrase", [
    ([IMPAYEE], "au défendeur, qui n'a pas réglé la facture ci-dessous à son échéance, malgré les relances"),
    ([IMPAYEE, AVEC_ACOMPTE], "au défendeur, qui n'a pas réglé les factures ci-dessous à leur échéance, malgré"),
    ([PAYEE_EN_RETARD], "au défendeur, qui n'a réglé la facture ci-dessous qu'après son échéance, sans les "
                        "pénalités de retard ni l'indemnité forfaitaire que ce retard a rendues exigibles, malgré"),
    ([IMPAYEE, PAYEE_EN_RETARD], "au défendeur, qui n'a pas réglé les factures ci-dessous à leur échéance : elles "
                                 "restent impayées, ou ont été réglées en retard sans les pénalités de retard ni "
                                 "l'indemnité forfaitaire que ce retard a rendues exigibles, malgré les relances"),
])
def test_injonction_expose_de_la_creance(factures, phrase):
    r = _lettre("injonction-de-payer", factures)
    assert _dit(r, phrase)
    assert "l'a pas réglée" not in r["texte"]
    assert _dit(r, "et l'indemnité forfaitaire pour frais de recouvrement de quarante euros (40,00 €) par facture est "
                   "due (articles L441-10 II et D441-5 du Code de commerce).")


# --- 5. Deuxième relance et médiateur : ce qui est demandé est ce que montre le relevé -------------------


def test_deuxieme_relance_demande_le_total_du_releve():
    r = run("lettre", _complet("relance-2"))
    assert r["total"] == "12766.34"
    assert _dit(r, "Total 12 766,34 €")
    assert _dit(r, "Nous vous demandons de régler sous huit jours la somme de 12 766,34 €, soit le principal de "
                   "12 400,00 € augmenté des pénalités de retard et des indemnités forfaitaires dues de plein droit "
                   "(366,34 €) ; les pénalités continuent de courir jusqu'au complet paiement.")
    assert not _dit(r, "de régler le principal")


def test_mediateur_demande_aussi_les_penalites_et_l_indemnite_d_une_facture_payee_en_retard():
    r = _lettre("mediateur", [IMPAYEE, PAYEE_EN_RETARD])
    attendu = run("penalites", {"montant": "980", "echeance": "19/06/2026", "paiement": "20/08/2026"})
    assert r["factures"][1]["penalites"] == attendu["penalites"]
    assert _dit(r, f"5. Ce que nous demandons. Le paiement du principal de 12 480,00 €, ainsi que des pénalités de "
                   f"retard et des indemnités forfaitaires dues de plein droit ({fr.euros(Decimal(r['accessoires']))}), "
                   f"soit {fr.euros(Decimal(r['total']))}, dans un délai à convenir")


# --- 6. Acheteur public : les intérêts continuent de courir -------------------------------------------


def test_acheteur_public_interets_arretes_a_la_lettre_et_qui_continuent_de_courir():
    r = run("lettre", _complet("acheteur-public"))
    assert _dit(r, "Les intérêts moratoires sont arrêtés au 31 janvier 2024 ; ils continuent de courir jusqu'au "
                   "paiement du principal (article L2192-13 du même code), au taux fixé pour tout le retard "
                   "(article R2192-31 du même code).")
    mixte = _lettre("acheteur-public", [IMPAYEE, PAYEE_EN_RETARD])
    assert _dit(mixte, "Les intérêts moratoires des factures restant à payer sont arrêtés au 15 octobre 2026 ; ils "
                       "continuent de courir")
    payees = run("lettre", {**_complet("acheteur-public"), "factures": PAYEES})
    assert "continuent de courir" not in payees["texte"]


# --- 7. Rappel avant l'échéance : une facture échue est refusée -----------------------------------------


def test_rappel_avant_echeance_refuse_une_facture_echue():
    r = run("lettre", {**AUDIT, "modele": "rappel-avant-echeance", "factures": [IMPAYEE]})
    assert r["erreurs"] == [{"field": "facture-1-echeance", "message": (
        "La facture n°\u00a01 est échue depuis le 11/05/2026\u00a0: un rappel avant l'échéance annonce un paiement à "
        "venir. Pour une facture échue, choisissez la première relance.")}]


def test_rappel_avant_echeance_sans_redite():
    r = run("lettre", _complet("rappel-avant-echeance"))
    assert _dit(r, "nous nous permettons de vous rappeler la prochaine échéance de la facture suivante :")
    assert "échéance suivante" not in r["texte"]
    deux = [{**IMPAYEE, "numero": numero} for numero in ("F-1", "F-2")]
    r = run("lettre", {**AUDIT, "modele": "rappel-avant-echeance", "date_lettre": "01/05/2026", "factures": deux})
    assert _dit(r, "de vous rappeler les prochaines échéances des factures suivantes :")


# --- 8. Échéancier : un seul versement, et « d'un million » ---------------------------------------------


def test_echeancier_en_un_versement_d_un_million():
    r = run("lettre", {**_complet("echeancier"), "inclure_penalites": "", "plan_nombre": "1",
                       "plan_premiere": "01/03/2024",
                       "factures": [{"numero": "F1", "montant": "1000000,01", "echeance": "30/11/2023"}]})
    assert r["ok"], r.get("erreurs")
    assert _dit(r, "Elle est réglée en un versement, le 1er mars 2024.")
    assert _dit(r, "doit à Atelier Dupont SARL la somme d'un million d'euros et un centime (1 000 000,01 €)")
    assert _dit(r, "« Bon pour reconnaissance de dette d'un million d'euros et un centime (1 000 000,01 €) et accord")
    assert "de un " not in _plat(r["texte"])
    onze = run("lettre", {**_complet("echeancier"), "inclure_penalites": "",
                          "factures": [{"numero": "F1", "montant": "11", "echeance": "30/11/2023"}], "plan_nombre": "1"})
    assert _dit(onze, "la somme de onze euros (11,00 €)")


# --- 9. et 15. Le document téléchargé : numéros sur une ligne, longs mots coupés ------------------------


def test_document_html_numeros_de_facture_insecables_et_longs_mots_coupes():
    html = run("lettre", _complet("mise-en-demeure"))["html"]
    assert "table.lettre-factures td:first-child, table.lettre-factures td:nth-child(2) { white-space: nowrap; }" in html
    assert "address, p, li, caption { overflow-wrap: anywhere; }" in html


# --- 10. Acompte daté d'avant la facture ----------------------------------------------------------------


def test_acompte_avant_la_facture_signale():
    r = _lettre("mise-en-demeure", [{**IMPAYEE, "acomptes": "01/01/2026:500"}])
    assert ("Facture FA-2026-041 : l'acompte n° 1 (01/01/2026) précède la date de la facture (12/03/2026). Versé à la "
            "commande, il est déduit du montant TTC saisi, comme les autres acomptes ; sinon, corrigez sa date."
            in r["avertissements"])
    assert not any("précède la date de la facture" in a for a in _lettre("mise-en-demeure", [AVEC_ACOMPTE])[
        "avertissements"])


# --- 12. et 13. Le résumé de la page ; le taux contractuel nul --------------------------------------------


def test_resume_indemnite_au_singulier_pour_une_facture():
    def libelles(factures):
        return [ligne["libelle"] for ligne in _lettre("note-de-debit", factures)["affichage"]["resume"]]

    assert "Indemnité forfaitaire (40,00\u00a0€)" in libelles([IMPAYEE])
    assert "Indemnités forfaitaires (40,00\u00a0€ par facture)" in libelles([IMPAYEE, AVEC_ACOMPTE])


def test_taux_contractuel_nul_message_exact():
    r = run("lettre", {**COMPLET, "modele": "note-de-debit", "taux": "0"})
    assert r["erreurs"] == [{"field": "taux", "message": "Le taux contractuel doit être supérieur à 0\u00a0% et au "
                                                         "plus 100\u00a0% (taux annuel)."}]
