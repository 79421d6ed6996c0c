"""Propriétés de l'analyse, sur des grands livres tirés au hasard (hypothesis) :

- la balance âgée de chaque client égale le solde de son compte à la date d'analyse, calculé
  ici indépendamment, ligne à ligne ;
- rien n'est compté deux fois : chaque facture = reste + avoirs + règlements imputés, et les
  crédits imputés plus le crédit non affecté égalent les crédits du compte ;
- le lettrage ne dépend pas de l'ordre des lignes (écritures mélangées, lignes mélangées dans
  chaque écriture ; lignes d'un tableau de factures mélangées).
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from hypothesis import given, settings, strategies as st

from calculators.portefeuille import executer
from calculators.portefeuille.lettrage import lettrer
from calculators.portefeuille.modele import AVOIR, FACTURE, REGLEMENT, Mouvement

AU = dt.date(2025, 12, 31)
ENTETE = ("JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\tCompAuxLib\t"
          "PieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\tEcritureLet\tDateLet\tValidDate\tMontantdevise\tIdevise")


def euros(centimes: int) -> str:
    return f"{centimes // 100},{centimes % 100:02d}"


def ligne(journal, num, jour, compte, aux, piece, debit, credit, lettre="", date_piece=None):
    d = jour.strftime("%Y%m%d")
    return "\t".join([journal, journal, str(num), d, compte, compte, aux, f"Client {aux}" if aux else "", piece,
                      (date_piece or jour).strftime("%Y%m%d"), "libellé", euros(debit), euros(credit), lettre, "", d,
                      "", ""])


@st.composite
def grand_livre(draw):
    """Écritures (listes de lignes FEC) et, pour contrôle, les lignes 411 : (client, date, montant en centimes)."""
    ecritures, comptes = [], []
    numeros = {"VE": 0, "BQ": 0, "AN": 0}

    def ecriture(journal, lignes, client_lignes):
        numeros[journal] += 1
        ecritures.append([ligne(journal, numeros[journal], *l) for l in lignes])
        comptes.extend(client_lignes)

    debut = dt.date(2025, 1, 1)
    for client in ("C1", "C2", "C3")[:draw(st.integers(1, 3))]:
        if draw(st.booleans()):  # à-nouveau sans détail
            solde = draw(st.integers(1, 300_000))
            ecriture("AN", [(debut, "411000", client, "", solde, 0), (debut, "890000", "", "", 0, solde)],
                     [(client, debut, solde)])
        for rang in range(draw(st.integers(0, 5))):
            jour = debut + dt.timedelta(days=draw(st.integers(0, 380)))
            ttc = draw(st.integers(120, 600_000))
            tva = ttc // 6
            lettre = draw(st.sampled_from(["", "AA", "AB", "AC"]))
            piece = f"F-{client}-{rang}"
            ecriture("VE", [(jour, "411000", client, piece, ttc, 0, lettre), (jour, "706000", "", piece, 0, ttc - tva),
                            (jour, "445710", "", piece, 0, tva)], [(client, jour, ttc)])
            if draw(st.booleans()):  # avoir
                avoir = draw(st.integers(1, ttc))
                j = jour + dt.timedelta(days=draw(st.integers(0, 60)))
                ecriture("VE", [(j, "411000", client, "AV" + piece, 0, avoir, lettre),
                                (j, "706000", "", "AV" + piece, avoir, 0)], [(client, j, -avoir)])
            for _ in range(draw(st.integers(0, 3))):  # règlements, lettrés ou non, parfois trop forts
                paye = draw(st.integers(1, ttc + 10_000))
                j = jour + dt.timedelta(days=draw(st.integers(0, 200)))
                code = draw(st.sampled_from([lettre, "", "AA"]))
                ecriture("BQ", [(j, "512000", "", "V", paye, 0), (j, "411000", client, "V", 0, paye, code)],
                         [(client, j, -paye)])
    return ecritures, comptes


def fec(ecritures) -> str:
    return "\n".join([ENTETE] + [l for e in ecritures for l in e]) + "\n"


def sans_lignes(valeur):
    """Le résultat sans les numéros de ligne du fichier (qui changent quand on mélange)."""
    if isinstance(valeur, dict):
        return {k: sans_lignes(v) for k, v in valeur.items() if k not in ("ligne", "lecture", "affichage")}
    if isinstance(valeur, list):
        return [sans_lignes(v) for v in valeur]
    return valeur


@settings(max_examples=60, deadline=None)
@given(grand_livre())
def test_la_balance_agee_egale_le_solde_des_comptes(livre):
    ecritures, comptes = livre
    r = executer({"fichier": fec(ecritures), "au": AU.isoformat(), "delai": "45jfdm"})
    if not ecritures:
        assert r["ok"] is False
        return
    assert r["ok"], r
    soldes = {}
    for client, jour, centimes in comptes:
        if jour <= AU:
            soldes[client] = soldes.get(client, 0) + centimes
    b = r["balance_agee"]
    for c in b["clients"]:
        tranches = sum(Decimal(t["montant"]) for t in c["tranches"].values())
        assert tranches + Decimal(c["a_nouveau"]) + Decimal(c["non_affecte"]) == Decimal(c["total"])
        assert Decimal(c["total"]) == Decimal(soldes.get(c["compte"], 0)) / 100, c["compte"]
    assert Decimal(b["total"]) == Decimal(sum(soldes.values())) / 100
    assert Decimal(b["total"]) == sum((Decimal(t["montant"]) for t in b["tranches"].values()), Decimal(0)) \
        + Decimal(b["a_nouveau"]) + Decimal(b["non_affecte"])
    # La part échue est celle des sommes dues : un client créditeur ne la porte pas au-delà de 100 %.
    assert b["part_echue"] is None or Decimal(0) <= Decimal(b["part_echue"]) <= 100
    _retards_et_dso_bornes(r)


def _retards_et_dso_bornes(r):
    """Par client : part échue entre 0 et 100 %, DSO jamais négatifs, retard moyen des factures échues
    entre le plus petit et le plus grand retard de ses factures échues (une moyenne pondérée)."""
    retards = {}
    for f in r["factures_ouvertes"]:
        if f["retard"] is not None and f["retard"] > 0:
            retards.setdefault(f["compte"], []).append(f["retard"])
    for c in r["balance_agee"]["clients"]:
        assert c["part_echue"] is None or Decimal(0) <= Decimal(c["part_echue"]) <= 100
        assert Decimal(c["dso"]["epuisement"]) >= 0 and (c["dso"]["simple"] is None or Decimal(c["dso"]["simple"]) >= 0)
        if c["retard_moyen"] is None:
            assert c["compte"] not in retards
        else:
            assert min(retards[c["compte"]]) <= Decimal(c["retard_moyen"]) <= max(retards[c["compte"]])
    paiement = r["retard_moyen"]["au_paiement"]
    assert paiement["jours"] is None or Decimal(paiement["jours"]) >= 0


@settings(max_examples=40, deadline=None)
@given(grand_livre(), st.randoms(use_true_random=False))
def test_le_resultat_ne_depend_pas_de_l_ordre_des_lignes(livre, hasard):
    ecritures, _ = livre
    if not ecritures:
        return
    melangees = [list(e) for e in ecritures]
    hasard.shuffle(melangees)
    for e in melangees:
        hasard.shuffle(e)
    reglages = {"au": AU.isoformat(), "delai": "60j"}
    assert sans_lignes(executer({"fichier": fec(ecritures), **reglages})) == \
        sans_lignes(executer({"fichier": fec(melangees), **reglages}))


@settings(max_examples=40, deadline=None)
@given(grand_livre(), st.randoms(use_true_random=False))
def test_lignes_d_une_ecriture_dispersees_le_meme_resultat(livre, hasard):
    """Toutes les lignes mélangées, celles d'une même écriture séparées (FEC trié par compte, ou
    pire) : les écritures sont rassemblées par JournalCode et EcritureNum, les chiffres sont les
    mêmes ; seul l'avertissement sur l'ordre du fichier s'ajoute."""
    ecritures, _ = livre
    if not ecritures:
        return
    lignes = [ligne for e in ecritures for ligne in e]
    hasard.shuffle(lignes)
    reglages = {"au": AU.isoformat(), "delai": "60j"}
    avant, apres = (sans_lignes(executer({"fichier": texte, **reglages}))
                    for texte in (fec(ecritures), "\n".join([ENTETE] + lignes) + "\n"))
    for cle in ("balance_agee", "d441_6", "penalites", "dso", "retard_moyen", "factures_ouvertes", "relances"):
        assert apres[cle] == avant[cle], cle


MONTANTS = st.integers(1, 100_000).map(lambda c: Decimal(c).scaleb(-2))
JOURS = st.integers(0, 500).map(lambda n: dt.date(2025, 1, 1) + dt.timedelta(days=n))


@st.composite
def mouvements(draw):
    liste = []
    for _ in range(draw(st.integers(0, 12))):
        nature = draw(st.sampled_from([FACTURE, FACTURE, AVOIR, REGLEMENT, REGLEMENT]))
        montant = draw(MONTANTS) * (1 if nature == FACTURE else -1)
        jour = draw(JOURS)
        liste.append(Mouvement("clients", "C1", jour, jour, montant, nature, draw(st.sampled_from(["", "A", "B"])),
                               f"P{len(liste)}"))
    return liste


@settings(max_examples=200, deadline=None)
@given(mouvements(), JOURS)
def test_rien_n_est_compte_deux_fois(liste, au):
    compte = lettrer(liste, au, lambda m: m.date_piece + dt.timedelta(days=30))
    retenus = [m for m in liste if m.date <= au]
    credits = -sum((m.montant for m in retenus if m.montant < 0), Decimal(0))
    imputes = Decimal(0)
    for poste in compte.postes:
        parts = sum((a for _, a in [*poste.avoirs, *poste.reglements]), Decimal(0))
        assert poste.reste >= 0 and poste.montant == poste.reste + parts
        assert all(jour <= au for jour, _ in [*poste.avoirs, *poste.reglements])
        imputes += parts
    assert compte.non_affecte <= 0
    assert imputes - compte.non_affecte == credits  # chaque crédit imputé une fois, le reste non affecté
    assert sum((p.reste for p in compte.postes), Decimal(0)) + compte.non_affecte == compte.solde
    assert compte.posterieurs == len(liste) - len(retenus)


@settings(max_examples=150, deadline=None)
@given(mouvements(), st.randoms(use_true_random=False), JOURS)
def test_lettrage_independant_de_l_ordre(liste, hasard, au):
    # `au` au milieu des mouvements : des lettrages attendent leurs factures postérieures.
    melange = list(liste)
    hasard.shuffle(melange)
    echeance = lambda m: m.date_piece + dt.timedelta(days=30)  # noqa: E731
    a, b = lettrer(liste, au, echeance), lettrer(melange, au, echeance)
    def resume(c):
        return [(p.mouvement.cle_tri(), p.reste, p.avoirs, p.reglements) for p in c.postes], c.non_affecte
    assert resume(a) == resume(b)


def test_tableau_de_factures_melange():
    lignes = ["Client;N° facture;Date facture;Montant TTC;Date paiement;Montant payé",
              "A;F1;15/01/2025;1 200,00;10/03/2025;", "A;F2;01/10/2025;2 400,00;;", "B;AV1;20/06/2025;-120,00;;",
              "B;F3;01/06/2025;600,00;20/09/2025;480,00", "B;F4;15/11/2025;1 800,00;05/12/2025;800,00"]
    hasard = random.Random(7)
    attendu = sans_lignes(executer({"fichier": "\n".join(lignes), "au": "31/12/2025"}))
    for _ in range(5):
        corps = lignes[1:]
        hasard.shuffle(corps)
        assert sans_lignes(executer({"fichier": "\n".join([lignes[0]] + corps), "au": "31/12/2025"})) == attendu
