"""Format de l'instantané mémoire creux (docs/javascripts/memoire-creuse.mjs), sous Node.

Le même module écrit l'instantané à la construction (tools/instantane.mjs) et le relit dans le
worker du moteur : déplier ce qu'il a creusé rend la mémoire octet pour octet ; un fichier
abîmé ou d'une autre taille est refusé avant toute écriture (le worker démarre alors sans).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

MODULE = Path(__file__).resolve().parents[2] / "docs" / "javascripts" / "memoire-creuse.mjs"

SCRIPT = """
import { creuser, deplier, tailleDepliee } from %s;
const PAGE = 4096;
const resultats = {};
const egal = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
const allerRetour = (memoire) => {
  const creux = creuser(memoire);
  return { creux, deplie: deplier(creux, new Uint8Array(tailleDepliee(creux))) };
};

// Pages non nulles à des bords de page, dernière page incomplète.
const memoire = new Uint8Array(3 * PAGE + 100);
memoire[0] = 1; memoire[3 * PAGE - 1] = 2; memoire[3 * PAGE + 99] = 3;
let { creux, deplie } = allerRetour(memoire);
const vue = new DataView(creux.buffer);
resultats.bords = { egal: egal(deplie, memoire), plages: vue.getUint32(8, true), taille: creux.length,
  premiere: [vue.getUint32(12, true), vue.getUint32(16, true)], seconde: [vue.getUint32(20, true), vue.getUint32(24, true)] };

// Mémoire entièrement nulle : l'en-tête seul.
({ creux, deplie } = allerRetour(new Uint8Array(5 * PAGE)));
resultats.nulle = { taille: creux.length, depliee: deplie.length, zeros: deplie.every((x) => x === 0) };

// Mémoires tirées au hasard (générateur fixe) : aller-retour exact.
let graine = 12345;
const hasard = () => (graine = (graine * 1103515245 + 12345) %% 2147483648) / 2147483648;
let exacts = 0;
for (let n = 0; n < 40; n++) {
  const m = new Uint8Array(Math.floor(hasard() * 20 * PAGE));
  for (let p = 0; p < m.length; p += PAGE) if (hasard() < 0.4) for (let k = 0; k < 50; k++) {
    const i = p + Math.floor(hasard() * PAGE);
    if (i < m.length) m[i] = 1 + Math.floor(hasard() * 255);
  }
  if (egal(allerRetour(m).deplie, m)) exacts++;
}
resultats.hasard = exacts;

// Refus : autre taille, fichier tronqué, fichier qui n'est pas un instantané creux.
const refus = (f) => { try { f(); return null; } catch (e) { return e.message; } };
const bon = creuser(memoire);
resultats.refus = {
  taille: refus(() => deplier(bon, new Uint8Array(memoire.length + 1))),
  tronque: refus(() => deplier(bon.subarray(0, bon.length - 1), new Uint8Array(memoire.length))),
  table: refus(() => deplier(bon.subarray(0, 20), new Uint8Array(memoire.length))),
  magie: refus(() => tailleDepliee(new Uint8Array(64))),
  court: refus(() => tailleDepliee(new Uint8Array(3))),
};
console.log(JSON.stringify(resultats));
"""


@pytest.fixture(scope="module")
def resultats():
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node est requis (make install) : il construit l'instantané du site")
    sortie = subprocess.run([node, "--input-type=module", "-e", SCRIPT % json.dumps(MODULE.as_uri())],
                            capture_output=True, text=True, check=True)
    return json.loads(sortie.stdout)


def test_pages_non_nulles_gardees_avec_leur_position(resultats):
    bords = resultats["bords"]
    assert bords["egal"]
    # Page 0 ; puis la page 2 et la page incomplète qui la suit, réunies en une plage.
    assert bords["plages"] == 2
    assert bords["premiere"] == [0, 4096]
    assert bords["seconde"] == [2 * 4096, 4096 + 100]
    assert bords["taille"] == 12 + 2 * 8 + 4096 + 4196


def test_memoire_nulle_reduite_a_l_entete(resultats):
    assert resultats["nulle"] == {"taille": 12, "depliee": 5 * 4096, "zeros": True}


def test_aller_retour_exact_sur_des_memoires_tirees_au_hasard(resultats):
    assert resultats["hasard"] == 40


def test_fichier_abime_ou_d_une_autre_taille_refuse(resultats):
    refus = resultats["refus"]
    assert refus["taille"] == "instantané de 12388 octets, 12389 attendus"
    assert refus["tronque"] == "instantané creux incohérent"
    assert refus["table"] == "instantané creux tronqué"
    assert refus["magie"] == "instantané creux illisible"
    assert refus["court"] == "instantané creux illisible"
