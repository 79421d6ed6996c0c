// Instantané mémoire de Pyodide, fait à la construction du site par le Pyodide épinglé, sous Node.
//
//   node tools/instantane.mjs STDLIB_PYC.zip CALCULATORS.zip SORTIE.gz
//
// Démarre Pyodide comme le fait le worker du site (bibliothèque standard précompilée, paquet
// `calculators` décompressé dans /home/pyodide/moteur), importe tous les modules du paquet (sauf
// ceux qui demandent un paquet absent, Jinja2 : chargé à la demande), puis écrit la mémoire de l'interpréteur,
// creusée (docs/javascripts/memoire-creuse.mjs : sans ses pages nulles) et compressée (gzip), dans
// SORTIE. Le worker la déplie et la rend à `loadPyodide({_loadSnapshot})` : Python
// repart de cet état au lieu de s'initialiser et d'importer tout cela à chaque visite.
//
// Interface privée de Pyodide (`_makeSnapshot`, `makeMemorySnapshot`, `_loadSnapshot`) : liée à
// la version exacte (Pyodide vérifie son BUILD_ID à la restauration), refaite à chaque version
// (l'instantané est en cache par version et par empreinte du paquet, voir overrides/hooks/moteur.py)
// et vérifiée ici même : l'instantané est restauré et un calcul doit y répondre. Dans le
// navigateur, le worker repart d'un démarrage normal si la restauration échoue.
import { loadPyodide } from "pyodide";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { gzipSync, gunzipSync } from "node:zlib";
import { creuser, deplier, tailleDepliee } from "../docs/javascripts/memoire-creuse.mjs";

const [stdlib, paquet, sortie] = process.argv.slice(2);
if (!sortie) {
  console.error("usage : node tools/instantane.mjs STDLIB_PYC.zip CALCULATORS.zip SORTIE.gz");
  process.exit(2);
}
const indexURL = path.dirname(createRequire(import.meta.url).resolve("pyodide/package.json")) + path.sep;
const DOSSIER = "/home/pyodide/moteur";

async function demarrer(options) {
  const py = await loadPyodide({ indexURL, stdLibURL: stdlib, ...options });
  py.unpackArchive(new Uint8Array(readFileSync(paquet)), "zip", { extractDir: DOSSIER });
  return py;
}

const py = await demarrer({ _makeSnapshot: true });
py.runPython(`
import importlib, pkgutil, sys
sys.path.insert(0, "${DOSSIER}")
import calculators, calculators.api
for module in pkgutil.walk_packages(calculators.__path__, "calculators."):
    if module.name.endswith("__main__"):
        continue
    try:
        importlib.import_module(module.name)
    except ImportError:
        pass  # module des lettres : Jinja2 n'est chargé qu'à la première lettre
# Un calcul par calculateur, lien compris : ce que Python ne fait qu'au premier appel (tables de
# taux lues, expressions régulières compilées, _strptime importé…) est fait ici, une fois pour
# toutes, au lieu de retarder le premier résultat de chaque visite.
from calculators import api
for nom in api.CALCULATEURS:
    if nom != "lettre":
        api.lien(nom, "")
        api.run(nom, {})
api.lien("penalites", "montant=10000&echeance=30%2F11%2F2023&paiement=31%2F01%2F2024")
api.run("penalites", {"montant": "10000", "echeance": "30/11/2023", "paiement": "31/01/2024"})
import gc
gc.collect()
`);
const instantane = py.makeMemorySnapshot();
const compresse = gzipSync(creuser(instantane), { level: 9 });

// Vérification : déplié et restauré comme dans le worker, l'instantané doit être la mémoire
// d'origine, octet pour octet, et répondre.
const creux = new Uint8Array(gunzipSync(compresse));
const deplie = deplier(creux, new Uint8Array(tailleDepliee(creux)));
if (Buffer.compare(deplie, instantane) !== 0) throw new Error("instantané déplié différent de la mémoire d'origine");
const restaure = await demarrer({ _loadSnapshot: deplie });
const reponse = JSON.parse(restaure.pyimport("calculators.api").run_json("inconnu", "{}"));
if (typeof reponse.ok !== "boolean") throw new Error(`réponse inattendue après restauration : ${JSON.stringify(reponse)}`);
writeFileSync(sortie, compresse);
console.log(`instantané : ${(instantane.length / 1e6).toFixed(1)} Mo, ${(creux.length / 1e6).toFixed(1)} Mo creusé, `
  + `${(compresse.length / 1e6).toFixed(1)} Mo compressé : ${sortie}`);
