// Worker du moteur de calcul : démarre Pyodide (servi par le site), décompresse le paquet
// `calculators` et répond aux demandes de la page. Il ne calcule rien lui-même : il passe le
// JSON à `calculators.api.run_json` et renvoie la réponse telle quelle.
const ici = new URL(import.meta.url);
const racine = new URL("../", ici);
const version = ici.searchParams.get("v") || "";
const indexURL = new URL("pyodide/", racine).href;
// Verrou du site (écrit par overrides/hooks/moteur.py) : celui de Pyodide, où jinja2 et markupsafe
// désignent nos roues servies par le site, avec leur sha256 (Pyodide les vérifie). L'adresse doit
// être absolue : une adresse relative fait échouer loadPyodide dans le navigateur.
const lockFileURL = new URL("pyodide/pyodide-lock-site.json", racine).href;
// Calculateurs qui ont besoin de paquets en plus de la bibliothèque standard, chargés à la
// première demande seulement : les autres pages démarrent aussi vite qu'avant.
const PAQUETS = { lettre: ["jinja2"] };

async function demarrer() {
  const archive = fetch(new URL(`assets/calculators.zip?v=${version}`, racine)).then((reponse) => {
    if (!reponse.ok) throw new Error(`paquet calculators introuvable (HTTP ${reponse.status})`);
    return reponse.arrayBuffer();
  });
  const { loadPyodide } = await import(indexURL + "pyodide.mjs");
  const pyodide = await loadPyodide({ indexURL, lockFileURL, stdLibURL: indexURL + "python_stdlib_pyc.zip" });
  pyodide.unpackArchive(await archive, "zip", { extractDir: "/home/pyodide/moteur" });
  pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide/moteur')");
  return { pyodide, api: pyodide.pyimport("calculators.api") };
}

const chargements = new Map();

// loadPackage ne lève pas d'exception quand un paquet manque (404, sha256 faux) : il le signale
// par errorCallback. On rassemble ces messages et on vérifie que chaque paquet est bien chargé.
function charger(pyodide, noms) {
  const cle = noms.join(",");
  if (!chargements.has(cle)) {
    const promesse = (async () => {
      const erreurs = [];
      await pyodide.loadPackage(noms, { messageCallback: () => {}, errorCallback: (m) => erreurs.push(m) });
      const absents = noms.filter((nom) => !pyodide.runPython(`__import__("importlib.util").util.find_spec("${nom}") is not None`));
      if (erreurs.length || absents.length) {
        throw new Error(`paquet ${absents.join(", ") || cle} non chargé : ${erreurs.join(" ; ")}`);
      }
    })();
    promesse.catch(() => chargements.delete(cle));  // nouvel essai à la demande suivante
    chargements.set(cle, promesse);
  }
  return chargements.get(cle);
}

const moteur = demarrer();
moteur.then(
  () => self.postMessage({ type: "pret" }),
  (erreur) => self.postMessage({ type: "echec", message: String(erreur && erreur.message || erreur) }),
);

// Opérations offertes à la page : calculer, ou lire un lien partagé (décodé par Python, qui
// rend les valeurs du formulaire déjà écrites à la française).
const OPERATIONS = { calculer: "run_json", lien: "lien_json" };

self.onmessage = async ({ data }) => {
  const { id, nom, saisies, operation = "calculer" } = data;
  try {
    const { pyodide, api } = await moteur;
    if (operation === "calculer" && PAQUETS[nom]) await charger(pyodide, PAQUETS[nom]);
    self.postMessage({ type: "reponse", id, json: api[OPERATIONS[operation]](nom, JSON.stringify(saisies)) });
  } catch (erreur) {
    self.postMessage({ type: "reponse", id, echec: String(erreur && erreur.message || erreur) });
  }
};
