// Le moteur du poste clients dans Pyodide (même WebAssembly et même V8 que Chromium), sous Node :
// node benchmarks/portefeuille_pyodide.mjs FICHIER [AU]
// Imprime une ligne JSON : démarrage de Pyodide, lecture par morceaux d'un mégaoctet (comme le Web
// Worker), calcul du résultat (temps réel et temps processeur), et le plus long appel à Python (ce qui bloquerait le worker, jamais
// le fil principal de la page). Appelé par benchmarks/portefeuille.py.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";

const racine = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const [fichier, au = "31/12/2025"] = process.argv.slice(2);
const MORCEAU = 1 << 20;

function copier(pyodide, source, cible) {
  pyodide.FS.mkdirTree(cible);
  for (const nom of fs.readdirSync(source)) {
    const chemin = path.join(source, nom);
    if (fs.statSync(chemin).isDirectory()) {
      if (nom !== "__pycache__") copier(pyodide, chemin, `${cible}/${nom}`);
    } else if (/\.(py|json)$/.test(nom)) {
      pyodide.FS.writeFile(`${cible}/${nom}`, fs.readFileSync(chemin));
    }
  }
}

const t0 = performance.now();
const pyodide = await loadPyodide({ indexURL: path.join(racine, "node_modules", "pyodide") + path.sep });
copier(pyodide, path.join(racine, "calculators"), "/home/pyodide/calculators");
pyodide.runPython("import calculators.portefeuille");
const pret = performance.now();
const cpuPret = process.cpuUsage();
const Analyse = pyodide.globals.get("calculators").portefeuille.Analyse;
const analyse = Analyse();
const donnees = fs.readFileSync(fichier);
let plusLong = 0;
for (let i = 0; i < donnees.length; i += MORCEAU) {
  const debut = performance.now();
  // Comme le worker : un Uint8Array (File.slice(…).arrayBuffer()), que Python lit en octets.
  const morceau = new Uint8Array(donnees.buffer, donnees.byteOffset + i, Math.min(MORCEAU, donnees.length - i));
  analyse.ajouter(morceau).destroy();
  plusLong = Math.max(plusLong, performance.now() - debut);
}
const lu = performance.now();
const reglages = pyodide.toPy({ au });
const resultat = analyse.resultat(reglages);
const fin = performance.now();
const cpu = process.cpuUsage(cpuPret);
const json = pyodide.globals.get("__import__")("json").dumps(resultat);
const r = JSON.parse(json);
console.log(JSON.stringify({
  python: pyodide.version, demarrage_s: (pret - t0) / 1000, lecture_s: (lu - pret) / 1000,
  resultat_s: (fin - lu) / 1000, total_apres_demarrage_s: (fin - pret) / 1000, plus_long_appel_s: plusLong / 1000,
  cpu_apres_demarrage_s: (cpu.user + cpu.system) / 1e6,
  lignes: r.lecture.lignes, encours: r.balance_agee.total, penalites: r.penalites.total,
}));
