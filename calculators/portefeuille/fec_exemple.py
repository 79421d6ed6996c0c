"""Générateur déterministe de FEC réalistes (LPF art. A47 A-1) : pour la mise en train du moteur
dans le navigateur (`chauffe`), le banc (`benchmarks/generer_fec.py`, qui l'écrit dans un
fichier) et les tests.

Un exercice civil (2025) : à-nouveaux au 1er janvier (soldes sans détail et factures 2024
détaillées, lettrées), puis jour après jour des factures de vente (411 / 706 / 44571), des
règlements (512 / 411) lettrés ou non, des règlements partiels, des avoirs lettrés avec leur
facture, des factures impayées, des factures fournisseurs (607 / 44566 / 401) et leurs
règlements. Un règlement prévu après le 31 décembre n'est pas dans le fichier, mais la moitié
de ces factures portent déjà leur code de lettrage (lettrage fait après la clôture).
Même graine, mêmes options : même fichier, octet pour octet. Le nombre de lignes visé est
approché (à quelques écritures près) ; le fichier est écrit au fil de l'eau.
"""

from __future__ import annotations

import datetime as dt
import heapq
import random

ENTETE = ["JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum", "CompteLib", "CompAuxNum",
          "CompAuxLib", "PieceRef", "PieceDate", "EcritureLib", "Debit", "Credit", "EcritureLet", "DateLet",
          "ValidDate", "Montantdevise", "Idevise"]
JOURNAUX = {"AN": "A-nouveaux", "VE": "Ventes", "AC": "Achats", "BQ": "Banque"}
COMPTES = {"411000": "Clients", "401000": "Fournisseurs", "706000": "Prestations de services",
           "607000": "Achats de marchandises", "445710": "TVA collectée", "445660": "TVA déductible",
           "512000": "Banque", "890000": "Bilan d'ouverture"}
DEBUT, FIN = dt.date(2025, 1, 1), dt.date(2025, 12, 31)
LIGNES_PAR_FACTURE = 5.9  # facture (3) + règlements (≈ 2,3) + avoirs et achats, en moyenne


def euros(centimes: int) -> str:
    return f"{centimes // 100},{centimes % 100:02d}"


def code_lettrage(n: int) -> str:
    """0 → AAA, 1 → AAB… (trois lettres, comme la plupart des logiciels)."""
    lettres = []
    for _ in range(3):
        n, r = divmod(n, 26)
        lettres.append(chr(65 + r))
    return "".join(reversed(lettres))


class Generateur:
    def __init__(self, lignes: int, graine: int):
        self.rng = random.Random(graine)
        self.cible = lignes
        self.clients = [(f"C{i:05d}", f"Client {i:05d}") for i in range(max(20, lignes // 250))]
        self.fournisseurs = [(f"F{i:04d}", f"Fournisseur {i:04d}") for i in range(max(5, lignes // 3000))]
        self.numeros = {j: 0 for j in JOURNAUX}
        self.lettres: dict[str, int] = {}
        self.pieces = 0
        self.agenda: list = []  # (date, rang, écriture à venir)
        self.rang = 0

    def lettre(self, compte: str) -> str:
        n = self.lettres.get(compte, 0)
        self.lettres[compte] = n + 1
        return code_lettrage(n)

    def ecriture(self, journal: str, jour: dt.date, lignes: list) -> list:
        """lignes : (compte, aux, libellé aux, pièce, date pièce, libellé, débit, crédit, lettre, date lettrage)."""
        self.numeros[journal] += 1
        d = jour.strftime("%Y%m%d")
        return [[journal, JOURNAUX[journal], str(self.numeros[journal]), d, compte, COMPTES[compte], aux, lib_aux,
                 piece, date_piece.strftime("%Y%m%d"), libelle, debit, credit, lettre,
                 date_let.strftime("%Y%m%d") if date_let else "", d, "", ""]
                for compte, aux, lib_aux, piece, date_piece, libelle, debit, credit, lettre, date_let in lignes]

    def plus_tard(self, jour: dt.date, fabrique) -> None:
        self.rang += 1
        heapq.heappush(self.agenda, (jour, self.rang, fabrique))

    # --- Écritures types ------------------------------------------------------------------------

    def a_nouveaux(self):
        for aux, nom in self.clients:
            if self.rng.random() < 0.6:
                solde = self.rng.randint(10_000, 1_500_000)
                yield self.ecriture("AN", DEBUT, [
                    ("411000", aux, nom, "", DEBUT, "Report à nouveau", euros(solde), "", "", None),
                    ("890000", "", "", "", DEBUT, "Bilan d'ouverture", "", euros(solde), "", None)])
                continue
            for _ in range(self.rng.randint(1, 3)):
                self.pieces += 1
                piece, date_piece = f"F2024-{self.pieces:06d}", DEBUT - dt.timedelta(days=self.rng.randint(1, 75))
                ttc = self.rng.randint(10_000, 1_200_000)
                lettre = self.lettre(aux)
                paiement = date_piece + dt.timedelta(days=self.rng.randint(20, 120))
                yield self.ecriture("AN", DEBUT, [
                    ("411000", aux, nom, piece, date_piece, f"Report {piece}", euros(ttc), "", lettre, paiement),
                    ("890000", "", "", piece, date_piece, "Bilan d'ouverture", "", euros(ttc), "", None)])
                self._reglement(max(paiement, DEBUT + dt.timedelta(days=1)), aux, nom, ttc, lettre, piece)

    def _reglement(self, jour, aux, nom, montant, lettre, piece, date_let=None):
        if jour > FIN:
            return
        def fabrique(jour=jour):
            self.pieces += 1
            ref = f"VIR{self.pieces:07d}"
            return self.ecriture("BQ", jour, [
                ("512000", "", "", ref, jour, f"Règlement {piece}", euros(montant), "", "", None),
                ("411000", aux, nom, ref, jour, f"Règlement {piece}", "", euros(montant), lettre,
                 (date_let or jour) if lettre else None)])
        self.plus_tard(jour, fabrique)

    def vente(self, jour: dt.date):
        aux, nom = self.rng.choice(self.clients)
        self.pieces += 1
        piece = f"F2025-{self.pieces:07d}"
        ht = self.rng.randint(5_000, 2_000_000)
        tva = (ht * 20 + 50) // 100
        ttc = ht + tva
        echeance = jour + dt.timedelta(days=30)
        retard = int(self.rng.expovariate(1 / 18)) if self.rng.random() < 0.55 else -self.rng.randint(0, 10)
        sort = self.rng.random()
        lettre = self.lettre(aux) if sort < 0.90 else ""  # 10 % : règlements non lettrés
        paye = echeance + dt.timedelta(days=retard)
        date_let = paye if paye <= FIN or self.rng.random() < 0.5 else None
        if lettre and paye > FIN and date_let is None:
            lettre = ""
        yield self.ecriture("VE", jour, [
            ("411000", aux, nom, piece, jour, f"Facture {piece}", euros(ttc), "", lettre, date_let),
            ("706000", "", "", piece, jour, f"Facture {piece}", "", euros(ht), "", None),
            ("445710", "", "", piece, jour, f"Facture {piece}", "", euros(tva), "", None)])
        if sort < 0.04:  # avoir de 10 à 30 %, lettré avec la facture, puis règlement du reste
            avoir_ht = ht * self.rng.randint(10, 30) // 100
            avoir_tva = (avoir_ht * 20 + 50) // 100
            self._avoir(jour + dt.timedelta(days=self.rng.randint(3, 20)), aux, nom, piece, avoir_ht, avoir_tva,
                        lettre, date_let)
            self._reglement(paye, aux, nom, ttc - avoir_ht - avoir_tva, lettre, piece, date_let)
        elif sort < 0.14:  # deux règlements partiels
            premier = ttc * self.rng.randint(20, 70) // 100
            self._reglement(paye - dt.timedelta(days=self.rng.randint(5, 25)), aux, nom, premier, lettre, piece,
                            date_let)
            self._reglement(paye, aux, nom, ttc - premier, lettre, piece, date_let)
        elif sort < 0.97:
            self._reglement(paye, aux, nom, ttc, lettre, piece, date_let)
        # 3 % : jamais payées

    def _avoir(self, jour, aux, nom, piece, ht, tva, lettre, date_let):
        if jour > FIN:
            return
        def fabrique(jour=jour):
            self.pieces += 1
            ref = f"AV2025-{self.pieces:07d}"
            return self.ecriture("VE", jour, [
                ("411000", aux, nom, ref, jour, f"Avoir sur {piece}", "", euros(ht + tva), lettre,
                 date_let if lettre else None),
                ("706000", "", "", ref, jour, f"Avoir sur {piece}", euros(ht), "", "", None),
                ("445710", "", "", ref, jour, f"Avoir sur {piece}", euros(tva), "", "", None)])
        self.plus_tard(jour, fabrique)

    def achat(self, jour: dt.date):
        aux, nom = self.rng.choice(self.fournisseurs)
        self.pieces += 1
        piece = f"FA{self.pieces:07d}"
        ht = self.rng.randint(10_000, 3_000_000)
        tva = (ht * 20 + 50) // 100
        paye = jour + dt.timedelta(days=30 + int(self.rng.expovariate(1 / 8)) - 5)
        lettre = self.lettre(aux) if paye <= FIN else ""
        yield self.ecriture("AC", jour, [
            ("607000", "", "", piece, jour, f"Achat {piece}", euros(ht), "", "", None),
            ("445660", "", "", piece, jour, f"Achat {piece}", euros(tva), "", "", None),
            ("401000", aux, nom, piece, jour, f"Achat {piece}", "", euros(ht + tva), lettre, paye if lettre else None)])
        if paye <= FIN:
            def fabrique(jour=paye):
                return self.ecriture("BQ", jour, [
                    ("401000", aux, nom, piece, jour, f"Règlement {piece}", euros(ht + tva), "", lettre, jour),
                    ("512000", "", "", piece, jour, f"Règlement {piece}", "", euros(ht + tva), "", None)])
            self.plus_tard(paye, fabrique)

    # --- Année ----------------------------------------------------------------------------------

    def ecritures(self):
        yield from self.a_nouveaux()
        ventes_par_jour = self.cible / LIGNES_PAR_FACTURE / 365
        jour = DEBUT
        while jour <= FIN:
            while self.agenda and self.agenda[0][0] <= jour:
                yield heapq.heappop(self.agenda)[2]()
            for _ in range(self._tirage(ventes_par_jour)):
                yield from self.vente(jour)
            for _ in range(self._tirage(ventes_par_jour / 10)):
                yield from self.achat(jour)
            jour += dt.timedelta(days=1)

    def _tirage(self, moyenne: float) -> int:
        """Nombre entier de moyenne `moyenne` (partie entière + un tirage pour le reste)."""
        entier = int(moyenne)
        return entier + (self.rng.random() < moyenne - entier)


def lignes_fec(lignes: int, graine: int = 1, format: str = "debit-credit", remplissage: bool = False):
    """Les lignes du FEC (listes de 18 champs), en-tête compris."""
    if format == "montant-sens":
        yield ENTETE[:11] + ["Montant", "Sens"] + ENTETE[13:]
    else:
        yield ENTETE
    for ecriture in Generateur(lignes, graine).ecritures():
        for champs in ecriture:
            if format == "montant-sens":
                montant, sens = (champs[11], "D") if champs[11] else (champs[12], "C")
                champs = champs[:11] + [montant, sens] + champs[13:]
            elif remplissage:
                champs[11] = " " + (champs[11] or "0,00").rjust(18, "0")
                champs[12] = " " + (champs[12] or "0,00").rjust(18, "0")
            else:
                champs[11], champs[12] = champs[11] or "0,00", champs[12] or "0,00"
            yield champs


def texte_fec(lignes: int, graine: int = 1) -> str:
    """Le même FEC en un seul texte (tabulation, fins de ligne LF), tel qu'un fichier le donnerait."""
    return "".join("\t".join(champs) + "\n" for champs in lignes_fec(lignes, graine))
