"""Créances virées en clients douteux ou litigieux (PCG 416) : la facture d'origine reste due.

Grand livre travaillé à la main (délai supplétif de 30 jours, C. com. art. L441-10 I) :
- F1, 10/01/2025, 1 200 € TTC, échéance 09/02/2025 ; virée au 416 le 01/06/2025 ; payée au 416 le
  15/09/2025 : 218 jours de retard (19 en février, 31 + 30 + 31 + 30 + 31 + 31, 15 en septembre) ;
- F2, 11/03/2025, 500 €, échéance 10/04/2025, payée le 10/04/2025 : à l'heure. Au 411, elle est
  lettrée « B » ; au 416, « B » est aussi le code (propre à ce compte) du virement de F1 et de son
  règlement : les deux ne doivent pas se mêler.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings, strategies as st

from calculators.portefeuille import executer

ENTETE = ("JournalCode|JournalLib|EcritureNum|EcritureDate|CompteNum|CompteLib|CompAuxNum|CompAuxLib|PieceRef|"
          "PieceDate|EcritureLib|Debit|Credit|EcritureLet|DateLet|ValidDate|Montantdevise|Idevise\n")


def ligne(journal, numero, date, compte, aux, piece, debit, credit, lettre=""):
    nom = {"C1": "Kappa", "C2": "Lambda"}.get(aux, "")
    return (f"{journal}|{journal}|{numero}|{date}|{compte}|{compte}|{aux}|{nom}|{piece}|{date}|x|{debit}|{credit}|"
            f"{lettre}||{date}||\n")


def facture(numero, date, compte, aux, piece, ttc, lettre=""):
    ht = f"{float(ttc.replace(',', '.')) / 1.2:.2f}".replace(".", ",")
    tva = f"{float(ttc.replace(',', '.')) - float(ht.replace(',', '.')):.2f}".replace(".", ",")
    return (ligne("VE", numero, date, compte, aux, piece, ttc, "0,00", lettre)
            + ligne("VE", numero, date, "706000", "", piece, "0,00", ht)
            + ligne("VE", numero, date, "445710", "", piece, "0,00", tva))


def grand_livre(compte_411="411000", compte_416="416000", aux="C1") -> str:
    return (ENTETE
            + facture(1, "20250110", compte_411, aux, "F1", "1200,00", "A")
            + facture(2, "20250311", compte_411, aux, "F2", "500,00", "B")
            + ligne("BQ", 3, "20250410", compte_411, aux, "R2", "0,00", "500,00", "B")
            + ligne("BQ", 3, "20250410", "512000", "", "R2", "500,00", "0,00")
            + ligne("OD", 4, "20250601", compte_416, aux, "F1", "1200,00", "0,00", "B")
            + ligne("OD", 4, "20250601", compte_411, aux, "F1", "0,00", "1200,00", "A")
            + ligne("BQ", 5, "20250915", compte_416, aux, "R1", "0,00", "1200,00", "B")
            + ligne("BQ", 5, "20250915", "512000", "", "R1", "1200,00", "0,00"))


def factures_en_retard(r) -> list:
    return [(f["compte"], f["facture"], f["fin"], f["soldee"], f["jours"], f["par_anteriorite"])
            for f in r["penalites"]["factures"]]


def test_virement_au_416_ni_reglement_ni_facture():
    """Au 31/12/2025 : F1 payée le 15/09 (au 416), 218 jours après son échéance, rattachée par son
    code de lettrage (pas « par antériorité ») ; F2 à l'heure, malgré le même code « B » au 416."""
    r = executer({"fichier": grand_livre(), "au": "31/12/2025"})
    assert r["balance_agee"]["total"] == "0.00"
    assert factures_en_retard(r) == [("C1", "F1", "2025-09-15", True, 218, False)]
    ii = r["d441_6"]["clients"]["II"]
    assert (ii["bandes"]["91_plus"]["nombre"], ii["bandes"]["91_plus"]["montant"]) == (1, "1200.00")
    assert r["d441_6"]["clients"]["I"]["total"]["nombre"] == 0
    assert next(h for h in r["hypotheses"] if h["cle"] == "virements_douteux")["nombre"] == 1
    assert not any("416" in a for a in r["avertissements"])


def test_facture_viree_au_416_encore_due_a_la_cloture():
    """Au 31/08/2025, F1 est au 416, impayée : dans la balance âgée (61 à 90 jours ? non : 203 jours,
    plus de 90), dans le D441-6 I, pas au II ; ses pénalités courent jusqu'à la date d'analyse."""
    r = executer({"fichier": grand_livre(), "au": "31/08/2025"})
    assert r["balance_agee"]["total"] == "1200.00"
    assert r["balance_agee"]["tranches"]["91_plus"] == {"nombre": 1, "montant": "1200.00"}
    assert factures_en_retard(r) == [("C1", "F1", "2025-08-31", False, 203, False)]
    i = r["d441_6"]["clients"]["I"]
    assert (i["total"]["nombre"], i["total"]["montant"]) == (1, "1200.00")
    assert r["d441_6"]["clients"]["II"]["total"]["nombre"] == 0
    assert [x["compte"] for x in r["relances"]] == ["C1"]


def test_sans_compte_auxiliaire_le_compte_416_suit_son_client():
    """411KAPPA puis 416KAPPA, sans CompAuxNum : le 416 est rattaché au client du virement."""
    r = executer({"fichier": grand_livre("411KAPPA", "416KAPPA", aux=""), "au": "31/12/2025"})
    assert factures_en_retard(r) == [("411KAPPA", "F1", "2025-09-15", True, 218, False)]
    encore_due = executer({"fichier": grand_livre("411KAPPA", "416KAPPA", aux=""), "au": "31/08/2025"})
    assert [(c["compte"], c["total"]) for c in encore_due["balance_agee"]["clients"]] == [("411KAPPA", "1200.00")]


def test_prefixes_saisis_411_et_416_comme_par_defaut():
    assert (executer({"fichier": grand_livre(), "au": "31/12/2025", "clients": "411, 416"})["penalites"]
            == executer({"fichier": grand_livre(), "au": "31/12/2025"})["penalites"])


def test_compte_416_commun_a_plusieurs_clients_signale():
    """416000 sans auxiliaire reçoit deux clients : le second virement ne peut pas être rattaché ;
    il compte comme avant (un règlement), et c'est dit. Le total reste le solde des comptes."""
    texte = (ENTETE
             + facture(1, "20250110", "411KAPPA", "", "F1", "1200,00")
             + facture(2, "20250115", "411LAMBDA", "", "F2", "600,00")
             + ligne("OD", 3, "20250601", "416000", "", "F1", "1200,00", "0,00")
             + ligne("OD", 3, "20250601", "411KAPPA", "", "F1", "0,00", "1200,00")
             + ligne("OD", 4, "20250601", "416000", "", "F2", "600,00", "0,00")
             + ligne("OD", 4, "20250601", "411LAMBDA", "", "F2", "0,00", "600,00"))
    r = executer({"fichier": texte, "au": "31/12/2025"})
    assert r["balance_agee"]["total"] == "1800.00"
    assert next(h for h in r["hypotheses"] if h["cle"] == "virements_douteux")["nombre"] == 1
    assert any(a.startswith("1 virement vers un compte de clients douteux (416) sans compte auxiliaire")
               for a in r["avertissements"])


def test_clients_hors_411_le_416_reste_signale():
    """Des clients saisis sur 412 : le 416 n'est pas lu avec eux ; le virement y compte comme un
    règlement, ce que l'avertissement dit avec le solde viré."""
    r = executer({"fichier": grand_livre("412000"), "au": "31/08/2025", "clients": "412"})
    assert r["balance_agee"]["total"] == "0.00"
    assert any(a.startswith("Créances virées en clients douteux ou litigieux (comptes 416) : 1\u202f200,00\u00a0€")
               for a in r["avertissements"])


CHIFFRES = ("balance_agee", "d441_6", "penalites", "dso", "retard_moyen", "factures_ouvertes")


def sans_lignes(valeur):
    if isinstance(valeur, dict):
        return {k: sans_lignes(v) for k, v in valeur.items() if k != "ligne"}
    if isinstance(valeur, list):
        return [sans_lignes(v) for v in valeur]
    return valeur


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 300), st.integers(100, 500_000), st.integers(0, 200),
                          st.sampled_from(["", "A", "B"]), st.booleans()), min_size=1, max_size=6))
def test_payer_au_416_apres_virement_comme_payer_au_411(factures):
    """Chaque facture (jour de l'année, montant en centimes, délai du règlement, code de lettrage,
    payée ou non) est réglée, ou pas, soit au 411, soit au 416 après y avoir été virée (lettrage
    propre au 416) : mêmes chiffres. Un virement seul ne change rien."""
    def jour(n):
        return (dt.date(2025, 1, 1) + dt.timedelta(days=n)).strftime("%Y%m%d")

    def euros(c):
        return f"{c // 100},{c % 100:02d}"

    direct, vire = [ENTETE], [ENTETE]
    for i, (j, ttc, attente, code, payee) in enumerate(factures):
        lettre = f"{code}{i}" if code else ""
        f = facture(3 * i + 1, jour(j), "411000", "C1", f"F{i}", euros(ttc), lettre)
        direct.append(f)
        vire.append(f + ligne("OD", 3 * i + 2, jour(j + 1), "416000", "C1", f"F{i}", euros(ttc), "0,00", f"D{i}")
                    + ligne("OD", 3 * i + 2, jour(j + 1), "411000", "C1", f"F{i}", "0,00", euros(ttc), lettre))
        if payee:
            direct.append(ligne("BQ", 3 * i + 3, jour(j + 1 + attente), "411000", "C1", f"R{i}", "0,00", euros(ttc),
                                lettre) + ligne("BQ", 3 * i + 3, jour(j + 1 + attente), "512000", "", f"R{i}",
                                                euros(ttc), "0,00"))
            vire.append(ligne("BQ", 3 * i + 3, jour(j + 1 + attente), "416000", "C1", f"R{i}", "0,00", euros(ttc),
                              f"D{i}") + ligne("BQ", 3 * i + 3, jour(j + 1 + attente), "512000",
                                                                 "", f"R{i}", euros(ttc), "0,00"))
    reglages = {"au": "31/12/2025"}
    a, b = (executer({"fichier": "".join(x), **reglages}) for x in (direct, vire))
    for cle in CHIFFRES:
        assert sans_lignes(a[cle]) == sans_lignes(b[cle]), cle


def test_creance_passee_en_perte_ni_payee_ni_due():
    """F1 (1 200 €, échue le 09/02/2025) : 400 € payés le 10/04, le reste passé en perte le
    30/11/2025 (654 et TVA au débit, 411 au crédit, PCG). Soldée, elle sort de la balance ; mais
    elle n'a pas été payée : ni au D441-6 II, ni au retard moyen au paiement, ni en note de débit.
    Ses pénalités courent jusqu'à la perte, et la remarque le dit."""
    texte = (ENTETE + facture(1, "20250110", "411000", "C1", "F1", "1200,00", "A")
             + ligne("BQ", 2, "20250410", "411000", "C1", "R1", "0,00", "400,00", "A")
             + ligne("BQ", 2, "20250410", "512000", "", "R1", "400,00", "0,00")
             + ligne("OD", 3, "20251130", "654000", "", "F1", "666,67", "0,00")
             + ligne("OD", 3, "20251130", "445710", "", "F1", "133,33", "0,00")
             + ligne("OD", 3, "20251130", "411000", "C1", "F1", "0,00", "800,00", "A"))
    r = executer({"fichier": texte, "au": "31/12/2025"})
    assert r["balance_agee"]["total"] == "0.00"
    assert r["d441_6"]["clients"]["II"]["total"]["nombre"] == 0
    assert r["retard_moyen"]["au_paiement"]["factures"] == 0
    assert factures_en_retard(r) == [("C1", "F1", "2025-11-30", True, 294, False)]
    assert next(h for h in r["hypotheses"] if h["cle"] == "pertes")["nombre"] == 1
    assert not any(x["libelle"].startswith("Note de débit") for x in r["affichage"]["liens"])
    csv = next(f for f in r["affichage"]["fichiers"] if f["nom"] == "penalites.csv")["contenu"]
    assert "passée en perte le 30/11/2025" in csv
