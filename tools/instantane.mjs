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
