// Worker du moteur de calcul : démarre Pyodide (servi par le site), décompresse le paquet
// `calculators` et répond aux demandes de la page. Il ne calcule rien lui-même : il passe le
// JSON à `calculators.api.run_json` et renvoie la réponse telle quelle.
const ici = new URL(import.meta.url);
const racine = new URL("../", ici);
const version = ici.searchParams.get("v") || "";
const indexURL = new URL("pyodide/", racine).href;

async function demarrer() {
  const archive = fetch(new URL(`assets/calculators.zip?v=${version}`, racine)).then((reponse) => {
    if (!reponse.ok) throw new Error(`paquet calculators introuvable (HTTP ${reponse.status})`);
    return reponse.arrayBuffer();
  });
  const { loadPyodide } = await import(indexURL + "pyodide.mjs");
  const pyodide = await loadPyodide({ indexURL, stdLibURL: indexURL + "python_stdlib_pyc.zip" });
  pyodide.unpackArchive(await archive, "zip", { extractDir: "/home/pyodide/moteur" });
  pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide/moteur')");
  return pyodide.pyimport("calculators.api");
}

const moteur = demarrer();
moteur.then(
  () => self.postMessage({ type: "pret" }),
  (erreur) => self.postMessage({ type: "echec", message: String(erreur && erreur.message || erreur) }),
);

self.onmessage = async ({ data }) => {
  const { id, nom, saisies } = data;
  try {
    const api = await moteur;
    self.postMessage({ type: "reponse", id, json: api.run_json(nom, JSON.stringify(saisies)) });
  } catch (erreur) {
    self.postMessage({ type: "reponse", id, echec: String(erreur && erreur.message || erreur) });
  }
};
