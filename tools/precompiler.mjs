// Précompile la bibliothèque standard de Pyodide en .pyc, avec le Python de Pyodide lui-même
// (un .pyc porte le numéro magique de sa version : 3.14 ici, pas celui du Python de l'hôte).
// Passée à loadPyodide({stdLibURL}), elle évite de compiler les sources à chaque démarrage
// (environ moitié moins de temps de démarrage, voir la page « Performances »).
//
// Usage : node tools/compile_stdlib.mjs SORTIE.zip   (lancé depuis la racine du projet)
import { loadPyodide } from "pyodide";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const sortie = process.argv[2];
if (!sortie) {
  console.error("usage : node tools/compile_stdlib.mjs SORTIE.zip");
  process.exit(2);
}
const dossier = path.dirname(createRequire(import.meta.url).resolve("pyodide/package.json"));
const py = await loadPyodide({ indexURL: dossier + path.sep });
py.FS.writeFile("/tmp/source.zip", new Uint8Array(readFileSync(path.join(dossier, "python_stdlib.zip"))));
py.runPython(`
import importlib.util, sys, zipfile
from importlib._bootstrap_external import _code_to_hash_pyc

source = zipfile.ZipFile("/tmp/source.zip")
prefixe = f"/lib/python{sys.version_info.major}.{sys.version_info.minor}/"
with zipfile.ZipFile("/tmp/sortie.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as sortie:
    for info in source.infolist():
        donnees = source.read(info)
        if info.filename.endswith(".py"):
            code = compile(donnees, prefixe + info.filename, "exec", dont_inherit=True)
            # .pyc « hash non vérifié » : valide sans le .py à côté et sans horodatage.
            pyc = _code_to_hash_pyc(code, importlib.util.source_hash(donnees), checked=False)
            sortie.writestr(info.filename[:-3] + ".pyc", bytes(pyc))
        else:
            sortie.writestr(info, donnees)
`);
writeFileSync(sortie, py.FS.readFile("/tmp/sortie.zip"));
console.log(`stdlib précompilée : ${sortie}`);
