"""Fichiers refusés ou abîmés : un message en français qui nomme la ligne et la colonne, le reste
du fichier lu quand c'est sûr, le nombre de lignes rejetées, jamais de trace Python."""

from __future__ import annotations

import json
import sys

import pytest
from hypothesis import given, settings, strategies as st

from calculators.portefeuille import Analyse, executer

ENTETE = ("JournalCode|JournalLib|EcritureNum|EcritureDate|CompteNum|CompteLib|CompAuxNum|CompAuxLib|PieceRef|"
          "PieceDate|EcritureLib|Debit|Credit|EcritureLet|DateLet|ValidDate|Montantdevise|Idevise")


def ligne(j="VE", num="1", date="20250115", compte="411000", aux="C1", piece="F1", debit="0,00", credit="0,00",
          lettre=""):
    return "|".join([j, "Ventes", num, date, compte, "Clients", aux, "Client Un" if aux else "", piece, date,
                     "Facture", debit, credit, lettre, "", date, "", ""])


FACTURE = [ligne(debit="1200,00"), ligne(compte="706000", aux="", credit="1000,00"),
           ligne(compte="445710", aux="", credit="200,00")]
REGLEMENT = [ligne("BQ", "1", "20250301", "512000", "", "V1", debit="1200,00"),
             ligne("BQ", "1", "20250301", "411000", "C1", "V1", credit="1200,00")]


def fec(*lignes: str) -> str:
    return "\n".join((ENTETE,) + lignes) + "\n"


def refus(fichier, **reglages) -> dict:
    r = executer({"fichier": fichier, "au": "31/12/2025", **reglages})
    assert r["ok"] is False, r
    return r["erreurs"][0]


def test_fichier_vide_zero_octet():
    analyse = Analyse()
    analyse.ajouter(b"")
    r = analyse.resultat({})
    assert r["ok"] is False and r["erreurs"][0]["message"].startswith("Le fichier est vide (0 octet)")
    assert refus([])["message"].startswith("Choisissez un fichier")


def test_fichier_sans_ligne_lisible():
    assert "aucune ligne lisible" in refus("\n \n\t\n")["message"]


def test_fichier_binaire():
    erreur = refus([b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256))])
    assert "pas un fichier texte" in erreur["message"] and erreur["ligne"] == 1
    erreur = refus([b"\x00\x01\x02" + bytes(range(256))])
    assert "n'est pas un fichier texte (il contient des octets nuls)" in erreur["message"] and erreur["ligne"] == 1


def test_ni_fec_ni_tableau():
    erreur = refus("Bonjour,\nVoici la liste de nos clients.\n")
    assert "ni un FEC" in erreur["message"] and "ni un tableau de factures" in erreur["message"]
    assert erreur["ligne"] == 1


def test_en_tete_de_fec_incomplet():
    entete = ENTETE.replace("EcritureDate|", "")
    erreur = refus(entete + "\n" + "\n".join(FACTURE))
    assert erreur["ligne"] == 1 and erreur["colonne"] == "EcritureDate"
    assert "ne contient pas « EcritureDate »" in erreur["message"] and "A47 A-1" in erreur["message"]


def test_mauvais_separateur():
    texte = fec(*FACTURE).replace("|", ";")
    erreur = refus(texte)
    assert "séparés par « ; »" in erreur["message"] and "tabulation" in erreur["message"]


def test_fec_sans_ligne_d_en_tete():
    erreur = refus("\n".join(FACTURE) + "\n")
    assert "La ligne 1 devrait nommer les champs du FEC" in erreur["message"]


def test_en_tete_seul():
    assert "Aucune ligne du fichier n'a pu être lue après l'en-tête" in refus(ENTETE + "\n")["message"]


def test_toutes_les_lignes_rejetees():
    erreur = refus(fec(*(l.replace("20250115", "2025-13-45") for l in FACTURE)))
    assert "3 lignes rejetées" in erreur["message"] and "EcritureDate" in erreur["message"]


def test_ligne_au_mauvais_nombre_de_colonnes_ecartee_le_reste_lu():
    # Coupée après le débit (12 colonnes) ; une ligne privée de ses seuls derniers champs vides
    # (Montantdevise, Idevise) est, elle, lue (voir test_portefeuille_fec_audit).
    abimee = "|".join(FACTURE[1].split("|")[:12])
    r = executer({"fichier": fec(FACTURE[0], abimee, FACTURE[2], *REGLEMENT), "au": "31/12/2025"})
    assert r["ok"] and r["lecture"]["rejetees"] == 1
    rejet = r["lecture"]["rejets"][0]
    assert rejet["ligne"] == 3 and rejet["message"].startswith("Ligne 3, colonne « Credit » : 12 colonnes au lieu de 18")
    # L'écriture privée d'une ligne n'est plus équilibrée : c'est dit, avec sa première ligne.
    assert any("n'est pas équilibrée" in x["message"] and x["ligne"] == 2 for x in r["lecture"]["remarques"])
    assert any("1 ligne rejetée sur 5 : elle ne compte dans aucun total" in a for a in r["avertissements"])
    assert r["balance_agee"]["total"] == "0.00"  # facture et règlement lus


def test_date_illisible():
    r = executer({"fichier": fec(*FACTURE, REGLEMENT[0], REGLEMENT[1].replace("20250301", "20250231")),
                  "au": "31/12/2025"})
    rejet = r["lecture"]["rejets"][0]
    assert (rejet["ligne"], rejet["colonne"]) == (6, "EcritureDate")
    assert rejet["message"] == ("Ligne 6, colonne « EcritureDate » : « 20250231 » n'est pas une date AAAAMMJJ "
                                "(par exemple 20250131).")
    assert r["balance_agee"]["total"] == "1200.00"  # le règlement rejeté n'a pas soldé la facture : c'est visible
    assert r["lecture"]["rejetees"] == 1


def test_montant_illisible():
    r = executer({"fichier": fec(FACTURE[0].replace("1200,00", "12OO,00"), *FACTURE[1:]), "au": "31/12/2025"})
    rejet = r["lecture"]["rejets"][0]
    assert (rejet["ligne"], rejet["colonne"]) == (2, "Debit")
    assert "« 12OO,00 » n'est pas un montant" in rejet["message"]


@pytest.mark.parametrize("debit, credit, colonne", [("0,00", "1200,001e999251015", "Credit"),
                                                    ("1e999999999", "0,00", "Debit"), ("5,00", "-1E+1000000", "Credit")])
def test_montant_a_exposant_demesure_rejete(debit, credit, colonne):
    """Trouvé par un fuzz : un exposant au-delà de ce que `decimal` sait calculer (« 1e999251015 »)
    levait Overflow à la soustraction débit − crédit, une trace Python au lieu d'une ligne rejetée."""
    r = executer({"fichier": fec(*FACTURE, ligne("OD", "9", debit=debit, credit=credit), *REGLEMENT), "au": "31/12/2025"})
    assert r["ok"] and r["lecture"]["rejetees"] == 1
    rejet = r["lecture"]["rejets"][0]
    assert (rejet["ligne"], rejet["colonne"]) == (5, colonne)
    assert r["balance_agee"]["total"] == "0.00"  # le reste du fichier est lu


def test_sens_illisible():
    entete = ENTETE.replace("Debit|Credit", "Montant|Sens")
    lignes = [ligne(debit="1200,00").replace("|1200,00|0,00|", "|1200,00|X|"),
              ligne(compte="706000", aux="", credit="1200,00").replace("|0,00|1200,00|", "|1200,00|C|")]
    r = executer({"fichier": "\n".join([entete] + lignes), "au": "31/12/2025"})
    assert r["lecture"]["rejets"][0]["colonne"] == "Sens"
    assert "« X » n'est pas un sens : D (débit) ou C (crédit)" in r["lecture"]["rejets"][0]["message"]
    assert "colonnes « Montant » et « Sens »" in r["lecture"]["remarques"][0]["message"]


def test_ecriture_desequilibree_signalee_et_gardee():
    r = executer({"fichier": fec(FACTURE[0], FACTURE[1]), "au": "31/12/2025"})
    assert r["ok"] and r["lecture"]["rejetees"] == 0
    remarque = r["lecture"]["remarques"][0]
    assert remarque["ligne"] == 2 and "débit − crédit = 200,00\u00a0€" in remarque["message"]
    assert any("écriture déséquilibrée" in a for a in r["avertissements"])
    assert r["balance_agee"]["total"] == "1200.00"


def test_ligne_demesuree_dans_le_fichier():
    enorme = "X" * 150_000
    r = executer({"fichier": [fec(*FACTURE) + enorme[:70_000], enorme[70_000:] + "\n" + "\n".join(REGLEMENT)],
                  "au": "31/12/2025"})
    assert r["ok"] and r["lecture"]["rejetees"] == 1
    assert r["lecture"]["rejets"][0]["ligne"] == 5 and "100 000 caractères" in r["lecture"]["rejets"][0]["message"]
    assert r["balance_agee"]["total"] == "0.00"


def test_une_seule_ligne_enorme():
    erreur = refus([b"A" * 60_000 for _ in range(5)])
    assert "La première ligne dépasse 100 000 caractères" in erreur["message"]


def test_tableau_colonnes_non_reconnues_puis_correspondance():
    texte = "Société;Réf;Émise;Total à payer\nAlpha;F1;15/01/2025;1 200,00\n"
    r = executer({"fichier": texte, "au": "31/12/2025"})
    assert r["ok"] is False and r["entetes"] == ["Société", "Réf", "Émise", "Total à payer"]
    assert "il manque la date de facture et le montant TTC" in r["erreurs"][0]["message"]  # « Société » : le client
    r = executer({"fichier": texte, "au": "31/12/2025",
                  "colonnes": {"client": "Société", "date": "Émise", "montant": "Total à payer", "numero": "Réf"}})
    assert r["ok"] and r["balance_agee"]["total"] == "1200.00"
    inconnue = executer({"fichier": texte, "colonnes": ["client:Raison"]})
    assert "colonnes absentes de la ligne 1 : « Raison »" in inconnue["erreurs"][0]["message"]


def test_tableau_ligne_fautive_nommee_par_sa_colonne():
    texte = ("Client;N° facture;Date facture;Montant TTC\nAlpha;F1;15/01/2025;1 200,00\n"
             "Beta;F2;31/02/2025;300,00\nGamma;F3;15/01/2025;beaucoup\n")
    r = executer({"fichier": texte, "au": "31/12/2025"})
    assert r["lecture"]["rejetees"] == 2
    assert [(x["ligne"], x["colonne"]) for x in r["lecture"]["rejets"]] == [(3, "Date facture"), (4, "Montant TTC")]
    assert "n'existe pas" in r["lecture"]["rejets"][0]["message"]
    assert r["balance_agee"]["total"] == "1200.00"


def test_encodage_mele_signale():
    donnees = (fec(*FACTURE).replace("Client Un", "Société Un")).encode("utf-8") + "é".encode("latin-1") + b"\n"
    r = executer({"fichier": [donnees]})
    assert r["ok"] and r["lecture"]["caracteres_illisibles"] == 1
    assert any("illisible" in a for a in r["avertissements"])


def test_reglage_refuse_au_bon_champ():
    r = executer({"fichier": fec(*FACTURE), "delai": "deux mois", "clients": "41a"})
    assert [e["field"] for e in r["erreurs"]] == ["clients"]  # la lecture refuse d'abord ses propres réglages
    r = executer({"fichier": fec(*FACTURE), "delai": "deux mois", "taux": "-3"})
    assert {e["field"] for e in r["erreurs"]} == {"delai", "taux"}


def test_aucune_ligne_lue_message_accorde():
    """« 1 ligne rejetée » (et non « 1 lignes »), sans « .). » au bout du message de la ligne."""
    r = executer({"fichier": "Client;N° facture;Date;Montant TTC\nC1;F1;15/01/2025;1,500\n", "au": "30/06/2025"})
    message = r["erreurs"][0]["message"]
    assert "(1 ligne rejetée ; Ligne 2, colonne « Montant TTC » : « 1,500 »" in message
    assert message.endswith("(exemple : 12500,00)).")


def test_date_d_analyse_loin_apres_le_fichier_avertie():
    """Une facture de janvier 2025 analysée au 31/12/2030 : les règlements reçus depuis n'y sont pas, tout paraît
    en retard ; l'utilisateur est prévenu (pas à un mois près : un export mensuel analysé dans le mois)."""
    proche = executer({"fichier": fec(*FACTURE), "au": "15/02/2025"})
    loin = executer({"fichier": fec(*FACTURE), "au": "31/12/2030"})
    assert not any("tombe" in a for a in proche["avertissements"])
    (message,) = [a for a in loin["avertissements"] if "tombe" in a]
    assert message.startswith("La date d'analyse (31/12/2030) tombe ") and "les règlements reçus depuis" in message


@pytest.mark.parametrize("delai", ["-5", "4-5", "6.0", "4 5", "+60", "60,5"])
def test_delai_qui_n_est_pas_un_nombre_entier_de_jours_refuse(delai):
    """Avant, « -5 » valait 5 jours, « 4-5 » 45 jours, « 6.0 » 60 jours : sans rien dire."""
    r = executer({"fichier": fec(*FACTURE), "delai": delai})
    assert not r["ok"] and [e["field"] for e in r["erreurs"]] == ["delai"]


@pytest.mark.parametrize(("delai", "code"), [("60", "60j"), (" 30 j ", "30j"), ("60 jours", "60j"),
                                             ("45-jours-fin-de-mois", "45jfdm"), ("fin de mois 45 jours", "fdm45j")])
def test_delai_ecrit_de_plusieurs_facons(delai, code):
    r = executer({"fichier": fec(*FACTURE), "delai": delai})
    assert r["ok"] and r["reglages"]["delai"] == code


@settings(max_examples=60, deadline=None)
@given(st.one_of(st.binary(max_size=3000), st.text(max_size=3000)),
       st.integers(min_value=1, max_value=700))
def test_jamais_de_trace_python(contenu, taille):
    """N'importe quels octets, coupés n'importe où : une réponse, jamais une exception."""
    morceaux = [contenu[i:i + taille] for i in range(0, len(contenu), taille)] or [contenu]
    r = executer({"fichier": morceaux, "au": "31/12/2025"})
    assert r["ok"] in (True, False)
    if not r["ok"]:
        assert r["erreurs"] and all(e["message"] for e in r["erreurs"])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(FACTURE + REGLEMENT + [
    "", "||||", ENTETE, "VE|Ventes|2|2025|411000", ligne(debit="abc"), ligne(date="2025X"), ligne(debit="NaN"),
    ligne(debit="1e3"), ligne(credit="1e999999999"), "\x00\x01", ligne(piece="-", lettre="-")]), max_size=30))
def test_fec_abime_au_hasard(lignes):
    r = executer({"fichier": fec(*lignes), "au": "31/12/2025"})
    assert r["ok"] in (True, False)
    if r["ok"]:
        assert r["lecture"]["lignes"] + r["lecture"]["rejetees"] <= len([l for l in lignes if l.strip()])


@pytest.mark.parametrize("entete", ["Client;Montant TTC;Facture;Date;Montant TTC", "Client;Facture;Date;Montant TTC;Date"])
def test_deux_colonnes_du_meme_nom_refusees(entete):
    """La première des deux était lue en silence : 5 € d'encours au lieu de 1 200 €."""
    ligne = "C1;5;F1;15/01/2025;1200,00" if entete.count("Montant TTC") == 2 else "C1;F1;15/01/2020;1200,00;15/11/2025"
    r = executer({"fichier": f"{entete}\n{ligne}\n", "au": "31/12/2025"})
    assert not r["ok"]
    assert "Plusieurs colonnes s'appellent" in r["erreurs"][0]["message"]
    assert "laquelle lire" in r["erreurs"][0]["message"]


# --- Mémoire épuisée (navigateur : 4 Go au plus pour Pyodide, bien moins sur un téléphone) -----------

def _manquer_de_memoire_apres(monkeypatch, cible, nom: str, appels_reussis: int = 0):
    """`cible.nom` lève MemoryError à partir du (appels_reussis + 1)e appel, comme un malloc qui échoue."""
    vraie = getattr(cible, nom)
    appels = []

    def fausse(*args, **kwargs):
        appels.append(1)
        if len(appels) > appels_reussis:
            raise MemoryError
        return vraie(*args, **kwargs)

    monkeypatch.setattr(cible, nom, fausse)


def _morceaux(texte: str, taille: int = 300) -> list[str]:
    """En texte, chaque morceau est lu aussitôt (des octets attendraient d'en avoir assez pour deviner l'encodage)."""
    return [texte[i:i + taille] for i in range(0, len(texte), taille)]


@pytest.mark.parametrize("plateforme, recours", [
    ("emscripten", "Un navigateur en a bien moins que la ligne de commande : python -m calculators portefeuille --fichier"),
    ("linux", "Fermez d'autres programmes, ou lancez l'analyse sur une machine qui a plus de mémoire."),
])
def test_memoire_epuisee_pendant_la_lecture_refus_en_francais_et_memoire_rendue(monkeypatch, plateforme, recours):
    """MemoryError pendant la lecture : la page recevait une exception (« erreur interne, merci de
    signaler ») ; c'est maintenant un refus qui dit où la lecture s'est arrêtée et ce qui reste à faire
    (du navigateur, la ligne de commande ; de la ligne de commande, plus de mémoire), ce qui a été lu
    est lâché (pas d'analyse à moitié), et la suite du fichier n'y change rien."""
    from calculators.portefeuille import lecture_fec

    monkeypatch.setattr(sys, "platform", plateforme)  # Pyodide : « emscripten »
    _manquer_de_memoire_apres(monkeypatch, lecture_fec.LecteurFec, "lire", appels_reussis=1)
    analyse = Analyse()
    etats = [analyse.ajouter(m) for m in _morceaux(fec(*FACTURE, *REGLEMENT, *FACTURE))]
    refuse = next(e for e in etats if not e["ok"])
    message = refuse["erreurs"][0]["message"]
    assert refuse["erreurs"][0]["field"] == "fichier"
    assert message.startswith("La mémoire disponible ne suffit pas pour analyser ce fichier (lecture arrêtée vers la ligne ")
    assert recours in message and "trié par compte" not in message
    assert ("python -m calculators" in message) == (plateforme == "emscripten")
    assert analyse.donnees.lignes == 0 and not analyse.donnees.par_tiers
    assert etats[-1] == refuse and analyse.resultat({})["erreurs"][0]["message"] == message
    assert json.loads(analyse.affichage_json("{}"))["erreurs"][0]["message"] == message


def test_memoire_epuisee_fec_trie_par_compte_le_dit(monkeypatch):
    """Un FEC trié par compte garde toutes ses écritures en attente jusqu'à la fin : c'est lui qui épuise
    la mémoire d'un navigateur (un million de lignes : 1,2 Go dans Pyodide) ; le refus le dit."""
    from calculators.portefeuille import analyse as module, lecture_fec

    monkeypatch.setattr(module, "FEC_EN_ATTENTE", 0)
    _manquer_de_memoire_apres(monkeypatch, lecture_fec.LecteurFec, "lire", appels_reussis=2)
    trie = sorted(FACTURE + REGLEMENT + [ligne(num="2", piece="F2", debit="600,00"),
                                          ligne(num="2", compte="706000", aux="", piece="F2", credit="500,00"),
                                          ligne(num="2", compte="445710", aux="", piece="F2", credit="100,00")],
                  key=lambda texte: texte.split("|")[4])
    analyse = Analyse()
    for morceau in _morceaux(fec(*trie)):
        etat = analyse.ajouter(morceau)
    assert etat["ok"] is False and "Ce FEC semble trié par compte" in etat["erreurs"][0]["message"]


def test_memoire_epuisee_pendant_le_calcul(monkeypatch):
    """Fichier lu, mémoire épuisée au calcul : le même refus, pour la page (JSON) comme pour la ligne de commande."""
    from calculators.portefeuille import analyse as module

    _manquer_de_memoire_apres(monkeypatch, module, "calculer_resultats")
    analyse = Analyse()
    analyse.ajouter(fec(*FACTURE, *REGLEMENT).encode())
    r = json.loads(analyse.affichage_json('{"au": "31/12/2025"}'))
    assert r["ok"] is False
    assert r["erreurs"][0]["message"].startswith("La mémoire disponible ne suffit pas pour analyser ce fichier "
                                                  "(pendant le calcul, une fois le fichier lu)")
    assert analyse.montres is None and not analyse.donnees.par_tiers


def test_date_de_tableau_impossible_citee_une_fois():
    """« « 31/02/2025 » : Le 31/02/2025 n'existe pas… » citait la valeur deux fois ; une date mal écrite,
    que le message ne cite pas, reste précédée de sa valeur."""
    r = executer({"fichier": "Client;N° facture;Date;Montant TTC\nA;F1;31/02/2025;100\nB;F2;15/01/2025;200\n"
                             "C;F3;le 3 mars;300\n", "au": "31/03/2025"})
    rejets = {x["ligne"]: x["message"] for x in r["lecture"]["rejets"]}
    assert rejets[2] == ("Ligne 2, colonne « Date » : Le 31/02/2025 n'existe pas : vérifiez le jour et le mois de la "
                         "date de facture.")
    assert rejets[4].startswith("Ligne 4, colonne « Date » : « le 3 mars » : Écrivez la date de facture sous la forme")


@pytest.mark.parametrize("encodage", ["utf-16-le", "utf-16-be"])
def test_utf16_sans_bom_lu(encodage):
    """Un export « Unicode » sans marque d'ordre des octets était refusé : « il contient des octets nuls »."""
    texte = "Client;N° facture;Date facture;Montant TTC\r\nDupont;F1;15/01/2025;1 200,00 €\r\nDurand;F2;15/02/2025;300,00\r\n"
    r = executer({"fichier": texte.encode(encodage), "au": "31/12/2025"})
    assert r["ok"], r.get("erreurs")
    assert r["balance_agee"]["total"] == "1500.00" and r["lecture"]["rejetees"] == 0
