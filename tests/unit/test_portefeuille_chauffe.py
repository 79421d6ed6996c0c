"""Mise en train du moteur du poste clients (calculators/portefeuille/chauffe.py).

La page la lance dès que Python est prêt : elle doit lire tout le FEC d'exemple sans rejet, aller
jusqu'au résultat, et ne rien laisser derrière elle qui change l'analyse d'un vrai fichier.
"""

from __future__ import annotations

from calculators.portefeuille import Analyse, executer
from calculators.portefeuille.chauffe import chauffer
from calculators.portefeuille.fec_exemple import lignes_fec, texte_fec


def test_le_fec_d_exemple_est_lu_en_entier_jusqu_au_resultat():
    lu = chauffer(2000)
    attendu = sum(1 for _ in lignes_fec(2000)) - 1  # en-tête exclu
    assert lu == {"ok": True, "lignes": attendu, "rejetees": 0}
    assert 1900 <= attendu <= 2100  # le nombre de lignes visé est approché


def test_une_analyse_en_cours_n_est_pas_touchee():
    """Dans le worker, la mise en train peut passer entre deux morceaux d'un vrai fichier."""
    texte = texte_fec(1500, graine=7).encode()
    attendu = executer({"fichier": texte, "au": "31/12/2025"})
    analyse = Analyse()
    moitie = len(texte) // 2
    analyse.ajouter(texte[:moitie])
    chauffer(500)
    analyse.ajouter(texte[moitie:])
    assert analyse.resultat({"au": "31/12/2025"}) == attendu
