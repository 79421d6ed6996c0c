// Précompile du Python en .pyc avec le Python de Pyodide lui-même (un .pyc porte le numéro
// magique de sa version : 3.14 ici, pas celui du Python de l'hôte). Au démarrage dans le
// navigateur, Python n'a plus à compiler ces sources : c'est l'essentiel du gain de temps
// (voir la page « Performances »).
//
//   node tools/precompiler.mjs stdlib SORTIE.zip
//       bibliothèque standard de Pyodide, .pyc seuls (passée à loadPyodide({stdLibURL})), sans les
//       modules qu'un calculateur n'importe jamais dans la page (EXCLUS : outils interactifs, de
//       test, de débogage, de profilage, processus, protocoles réseau) : 19 % d'octets en moins.
//   node tools/precompiler.mjs paquet ENTREE.zip SORTIE.zip
//       archive d'un paquet : garde les sources et ajoute __pycache__/*.cpython-314.pyc.
//
// Lancé depuis la racine du projet (résolution du paquet npm « pyodide »).
import { loadPyodide } from "pyodide";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

// Premier élément du chemin dans l'archive ; jamais importés par le moteur ni par Jinja2.
const EXCLUS = [
  "_pyrepl", "unittest", "doctest.py", "pdb.py", "bdb.py", "pydoc.py", "multiprocessing", "xmlrpc", "wsgiref",
  "imaplib.py", "poplib.py", "smtplib.py", "ftplib.py", "mailbox.py", "cProfile.py", "profile.py", "pstats.py",
  "trace.py", "tracemalloc.py", "tabnanny.py", "webbrowser.py", "zipapp.py", "pty.py", "tty.py", "antigravity.py",
  "this.py", "__hello__.py", "__phello__", "pickletools.py", "modulefinder.py", "pyclbr.py",
];

const [mode, ...fichiers] = process.argv.slice(2);
const dossier = path.dirname(createRequire(import.meta.url).resolve("pyodide/package.json"));
let entree, sortie;
if (mode === "stdlib" && fichiers.length === 1) {
  [sortie] = fichiers;
  entree = path.join(dossier, "python_stdlib.zip");
} else if (mode === "paquet" && fichiers.length === 2) {
  [entree, sortie] = fichiers;
} else {
  console.error("usage : node tools/precompiler.mjs stdlib SORTIE.zip | paquet ENTREE.zip SORTIE.zip");
  process.exit(2);
}

const py = await loadPyodide({ indexURL: dossier + path.sep });
py.FS.writeFile("/tmp/entree.zip", new Uint8Array(readFileSync(entree)));
py.globals.set("MODE", mode);
py.globals.set("EXCLUS", py.toPy(mode === "stdlib" ? EXCLUS : []));
py.runPython(`
import importlib.util, sys, zipfile
from importlib._bootstrap_external import _code_to_hash_pyc

source = zipfile.ZipFile("/tmp/entree.zip")
prefixe = f"/lib/python{sys.version_info.major}.{sys.version_info.minor}/" if MODE == "stdlib" else ""
with zipfile.ZipFile("/tmp/sortie.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as sortie:
    for info in source.infolist():
        if info.filename.split("/")[0] in EXCLUS:
            continue
        donnees = source.read(info)
        if not info.filename.endswith(".py"):
            sortie.writestr(info, donnees)
            continue
        code = compile(donnees, prefixe + info.filename, "exec", dont_inherit=True)
        # .pyc « hash non vérifié » : valable sans horodatage ni relecture de la source.
        pyc = bytes(_code_to_hash_pyc(code, importlib.util.source_hash(donnees), checked=False))
        if MODE == "stdlib":
            sortie.writestr(info.filename[:-3] + ".pyc", pyc)
        else:
            sortie.writestr(info, donnees)
            sortie.writestr(importlib.util.cache_from_source(info.filename), pyc)
`);
writeFileSync(sortie, py.FS.readFile("/tmp/sortie.zip"));
console.log(`précompilé (${mode}) : ${sortie}`);
