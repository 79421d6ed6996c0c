import fs from "node:fs";
import path from "node:path";
import { loadPyodide } from "pyodide";
const racine = process.cwd();
function copier(pyodide, source, cible) {
  pyodide.FS.mkdirTree(cible);
  for (const nom of fs.readdirSync(source)) {
    const chemin = path.join(source, nom);
    if (fs.statSync(chemin).isDirectory()) { if (nom !== "__pycache__") copier(pyodide, chemin, `${cible}/${nom}`); }
    else if (/\.(py|json)$/.test(nom)) pyodide.FS.writeFile(`${cible}/${nom}`, fs.readFileSync(chemin));
  }
}
const pyodide = await loadPyodide({ indexURL: path.join(racine, "node_modules", "pyodide") + path.sep });
copier(pyodide, path.join(racine, "calculators"), "/home/pyodide/calculators");
pyodide.runPython("import calculators.portefeuille");
const analyse = pyodide.globals.get("calculators").portefeuille.Analyse();
const donnees = fs.readFileSync(process.argv[2]);
for (let i = 0; i < donnees.length; i += 1<<20) analyse.ajouter(new Uint8Array(donnees.buffer, donnees.byteOffset + i, Math.min(1<<20, donnees.length - i))).destroy();
const dumps = pyodide.runPython("import json; lambda x: json.dumps(x, ensure_ascii=False)");
for (const mode of process.argv.slice(3)) {
  const t = performance.now();
  const texte = mode === "complet" ? dumps(analyse.resultat(pyodide.toPy({ au: "31/12/2025" }))) : analyse.affichage_json(JSON.stringify({ au: "31/12/2025" }));
  const t2 = performance.now();
  JSON.parse(texte);
  console.log(mode, ((t2 - t) / 1000).toFixed(2), ((performance.now() - t2) / 1000).toFixed(2), texte.length);
}
