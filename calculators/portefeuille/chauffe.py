"""Mise en train du moteur du poste clients dans le navigateur.

Dans Chromium, le WebAssembly de Python compile chaque fonction à son premier appel, puis
optimise en arrière-plan celles qui tournent beaucoup. La première analyse d'un fichier payait
tout cela : mesuré (Chromium 156, 2 cœurs), 100 000 lignes en 7,8 s, puis 4,4 s pour le même
fichier relu dans la même page. Dès que Python est prêt, la page du poste clients fait donc
analyser en arrière-plan, dans le worker, un petit FEC d'exemple (`fec_exemple`) par le même
chemin qu'un vrai fichier : lecture par morceaux, résultat et affichage. Rien n'en est
montré ni gardé.
"""

from __future__ import annotations

import json

from .analyse import Analyse
from .fec_exemple import texte_fec

# 5 000 lignes : environ 2 s de travail du worker à la première visite ; mesuré, le fichier de
# 100 000 lignes choisi ensuite est analysé en 3,7 à 4,5 s au lieu de 7,8 s (2 000 lignes : 5,4 s).
LIGNES = 5000
MORCEAU = 1 << 20  # octets par morceau, comme la page (poste-clients.js)
REGLAGES = {"au": "31/12/2025"}  # l'exercice du FEC d'exemple


def chauffer(lignes: int = LIGNES) -> dict:
    """Analyse un FEC d'exemple de `lignes` lignes ; rend ce qui a été lu (pour les tests)."""
    octets = texte_fec(lignes).encode()
    analyse = Analyse()
    for debut in range(0, len(octets), MORCEAU):
        analyse.ajouter(octets[debut:debut + MORCEAU])
    reponse = json.loads(analyse.affichage_json(json.dumps(REGLAGES)))
    return {"ok": reponse["ok"], "lignes": analyse.donnees.lignes, "rejetees": analyse.donnees.nb_rejets}
