// Worker du moteur de calcul : démarre Pyodide (servi par le site), décompresse le paquet
// `calculators` et répond aux demandes de la page. Il ne calcule rien lui-même : il passe le
// JSON à `calculators.api.run_json` et renvoie la réponse telle quelle.
const ici = new URL(import.meta.url);
const racine = new URL("../", ici);
// Servi par le service worker, le script prend l'adresse de sa copie en cache, sans « ?v= » :
// la page donne aussi la version en nom du worker, suivie de « sw » s'il la sert (moteur.js).
const [versionDuNom, servi] = (self.name || "").split(" ");
const version = ici.searchParams.get("v") || versionDuNom || "";
const indexURL = new URL("pyodide/", racine).href;
// Verrou du site (écrit par overrides/hooks/moteur.py) : celui de Pyodide, où jinja2 et markupsafe
// désignent nos roues servies par le site, avec leur sha256 (Pyodide les vérifie). L'adresse doit
// être absolue : une adresse relative fait échouer loadPyodide dans le navigateur.
const lockFileURL = new URL("pyodide/pyodide-lock-site.json", racine).href;
// Calculateurs qui ont besoin de paquets en plus de la bibliothèque standard, chargés à la
// première demande seulement : les autres pages démarrent aussi vite qu'avant.
const PAQUETS = { lettre: ["jinja2"] };

// Corps d'une réponse gzip (instantané mémoire, archive du paquet), décompressé ici. Déjà
// décompressé (par le service worker, qui les garde ainsi, ou par un serveur) : rendu tel quel.
// Décompresser à mesure de l'arrivée (flux) n'a rien gagné, mesuré, et ralentit la lecture
// du cache : 31 Mo lus d'un coup vont plus vite que morceau par morceau.
async function decompresse(reponse) {
  const octets = new Uint8Array(await reponse.arrayBuffer());
  if (octets[0] !== 0x1f || octets[1] !== 0x8b) return octets;
  const flux = new Blob([octets]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(flux).arrayBuffer());
}

// Un fichier du runtime injoignable (réseau coupé, serveur en panne) : loadPyodide ne rejette pas,
// il attend sans fin. Le worker le dit tout de suite à la page, qui l'arrête et propose « Réessayer ».
// L'instantané mémoire est facultatif : son absence ne compte pas.
const fetchNatif = self.fetch.bind(self);

// Moteur en cache hors ligne : ses fichiers sont lus directement dans le cache du service worker
// (Cache Storage), celui d'où il les servirait lui-même (il en donne le nom, voir `cacheDuMoteur`
// dans sw.js) ; passer par lui coûtait 0,1 s à une visite chaude (voir la page Performances). Sauf
// le WebAssembly : servi par le service worker, son code compilé est gardé par le navigateur (cache
// de code de V8), pas lu dans Cache Storage (mesuré : la suite du démarrage s'allonge d'autant).
// Page hors service worker, moteur pas encore en cache ou fichier absent : le réseau, comme avant.
const cacheDuMoteur = (async () => {
  if (servi !== "sw") return null;  // page que le service worker ne sert pas
  try {
    const reponse = await fetchNatif(new URL("__hors-ligne__/cache-du-moteur", racine).href);
    const { nom } = reponse.ok ? await reponse.json() : {};
    return nom && (await caches.has(nom)) ? await caches.open(nom) : null;
  } catch (_) {
    return null;  // pas de service worker (serveur de développement), Cache Storage refusé
  }
})();
let lusDansLeCache = 0;

async function dansLeCache(adresse) {
  if (adresse.endsWith(".wasm") || !(adresse.startsWith(indexURL) || adresse.includes("/assets/calculators.zip"))) return null;
  const cache = await cacheDuMoteur;
  const reponse = cache && (await cache.match(adresse.split("?")[0]).catch(() => null));
  if (reponse) lusDansLeCache++;
  return reponse || null;
}

self.fetch = async (ressource, ...options) => {
  const adresse = String(ressource && ressource.url || ressource);
  const enCache = await dansLeCache(adresse);
  if (enCache) return enCache;
  const indispensable = adresse.startsWith(indexURL) && !adresse.includes("instantane");
  let reponse;
  try {
    reponse = await fetchNatif(ressource, ...options);
  } catch (erreur) {
    if (!indispensable) throw erreur;
    self.postMessage({ type: "echec", message: `${adresse} injoignable (${erreur.message})` });
    return new Promise(() => {});  // la page arrête ce worker : Pyodide n'a rien à en faire
  }
  if (indispensable && !reponse.ok) self.postMessage({ type: "echec", message: `${adresse} : HTTP ${reponse.status}` });
  return reponse;
};

// Écrit les fichiers de l'archive du paquet (zip sans compression, voir overrides/hooks/moteur.py)
// dans le système de fichiers de Pyodide. Mesuré : `unpackArchive` (Python : shutil, zipfile) y
// passait 0,5 à 1 s d'une visite chaude ; ici, quelques millisecondes. Ni zip64 ni compression
// attendus ; sinon, `unpackArchive` prend le relais.
function deballer(pyodide, octets, dossier) {
  const vue = new DataView(octets.buffer, octets.byteOffset, octets.byteLength);
  let fin = octets.length - 22;
  while (fin >= 0 && vue.getUint32(fin, true) !== 0x06054b50) fin--;
  if (fin < 0) throw new Error("archive sans répertoire central");
  const nombre = vue.getUint16(fin + 10, true);
  let position = vue.getUint32(fin + 16, true);
  const texte = new TextDecoder();
  const fichiers = [];
  for (let i = 0; i < nombre; i++) {
    if (vue.getUint32(position, true) !== 0x02014b50) throw new Error("entrée centrale illisible");
    const methode = vue.getUint16(position + 10, true);
    const tailleCompressee = vue.getUint32(position + 20, true);
    const taille = vue.getUint32(position + 24, true);
    const longueurNom = vue.getUint16(position + 28, true);
    const locale = vue.getUint32(position + 42, true);
    const nom = texte.decode(octets.subarray(position + 46, position + 46 + longueurNom));
    position += 46 + longueurNom + vue.getUint16(position + 30, true) + vue.getUint16(position + 32, true);
    if (nom.endsWith("/")) continue;
    if (vue.getUint32(locale, true) !== 0x04034b50) throw new Error("entrée locale illisible");
    const debut = locale + 30 + vue.getUint16(locale + 26, true) + vue.getUint16(locale + 28, true);
    fichiers.push({ nom, methode, taille, compresse: octets.subarray(debut, debut + tailleCompressee) });
  }
  // Chaque dossier créé une fois ; chaque fichier gardé tel quel dans l'archive, sans copie
  // (`canOwn`, comme le fait Emscripten pour IDBFS) : deux fois moins de temps, mesuré sous Node.
  const dossiers = new Set();
  for (const { nom, methode, taille, compresse } of fichiers) {
    if (methode !== 0 || compresse.length !== taille) throw new Error(`${nom} : entrée compressée`);
    const chemin = `${dossier}/${nom}`;
    const parent = chemin.slice(0, chemin.lastIndexOf("/"));
    if (!dossiers.has(parent)) pyodide.FS.mkdirTree(parent);
    dossiers.add(parent);
    pyodide.FS.writeFile(chemin, compresse, { canOwn: true });
  }
}

// L'instantané est écrit creux (sans les pages nulles de la mémoire, voir memoire-creuse.mjs) :
// le service worker en garde 15 Mo au lieu de 30, lus deux fois plus vite. Déplié ici ; un
// fichier abîmé ou d'une autre version est refusé avant d'arriver à Pyodide.
// Essayé, sans gain mesuré sur 2 cœurs : donner à Pyodide un tampon vide, rempli pendant qu'il
// compile son WebAssembly (tout le démarrage s'y dispute alors le processeur).
async function memoire(reponse) {
  const [creux, { deplier, tailleDepliee }] = await Promise.all([
    decompresse(reponse), import(`./memoire-creuse.mjs?v=${version}`)]);
  return deplier(creux, new Uint8Array(tailleDepliee(creux)));
}

async function demarrer() {
  const archive = fetch(new URL(`assets/calculators.zip.gz?v=${version}`, racine)).then((reponse) => {
    if (!reponse.ok) throw new Error(`paquet calculators introuvable (HTTP ${reponse.status})`);
    return decompresse(reponse);
  });
  archive.catch(() => {});  // attendue plus bas ; un démarrage qui échoue avant ne doit rien laisser « non traité »
  const instantane = fetch(new URL(`pyodide/instantane.bin?v=${version}`, racine)).catch(() => null);
  const { loadPyodide } = await import(indexURL + "pyodide.mjs");
  const options = { indexURL, lockFileURL, stdLibURL: indexURL + "python_stdlib_pyc.zip" };
  let pyodide = null;
  const reponse = await instantane;  // en-têtes seulement
  if (reponse && reponse.ok) {
    try {
      const depliee = memoire(reponse);
      depliee.catch(() => {});  // Pyodide ne l'attend qu'après son script : pas de rejet « non traité » d'ici là
      pyodide = await loadPyodide({ ...options, _loadSnapshot: depliee });
    } catch (erreur) {
      // Interface privée de Pyodide : un instantané refusé (autre version…) n'empêche pas de démarrer.
      console.warn(`Instantané mémoire refusé, démarrage normal : ${erreur && erreur.message || erreur}`);
    }
  }
  const depuisInstantane = pyodide !== null;
  if (!pyodide) pyodide = await loadPyodide(options);
  const paquet = await archive;
  try {
    deballer(pyodide, paquet, "/home/pyodide/moteur");
  } catch (erreur) {
    console.warn(`Archive du paquet décompressée par Pyodide : ${erreur && erreur.message || erreur}`);
    pyodide.unpackArchive(paquet, "zip", { extractDir: "/home/pyodide/moteur" });
  }
  if (!depuisInstantane) pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide/moteur')");
  return { pyodide, api: pyodide.pyimport("calculators.api"), depuisInstantane };
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
  ({ depuisInstantane }) => self.postMessage({ type: "pret", instantane: depuisInstantane, lusDansLeCache }),
  (erreur) => self.postMessage({ type: "echec", message: String(erreur && erreur.message || erreur) }),
);

// Opérations offertes à la page : calculer, lire un lien partagé (décodé par Python, qui rend
// les valeurs du formulaire déjà écrites à la française), ou les deux d'un même échange (un lien
// ouvert : demande envoyée avant que Python soit prêt, traitée sitôt prêt, voir `lien_calcul`).
const OPERATIONS = { calculer: "run_json", lien: "lien_json", "lien-calcul": "lien_calcul_json" };

// Analyse d'un grand livre (calculateurs/poste-clients/, poste-clients.js) : le fichier arrive par
// morceaux (ArrayBuffer transférés, lus par Python en octets) dans une `Analyse` gardée ici entre
// les demandes ; le résultat peut être redemandé avec d'autres réglages sans relire le fichier.
let analyse = null;
const enJson = (pyodide, reponse) => {
  try {
    return pyodide.pyimport("json").dumps(reponse);
  } finally {
    reponse.destroy();
  }
};
const PORTEFEUILLE = {
  "portefeuille-debut": (pyodide, { reglages, saisies, taille }) => {
    const portefeuille = pyodide.pyimport("calculators.portefeuille");
    if (analyse) analyse.destroy();
    analyse = null;
    const refus = portefeuille.verifier_taille(taille);
    if (!refus.get("ok")) return enJson(pyodide, refus);
    refus.destroy();
    analyse = portefeuille.Analyse(pyodide.toPy(reglages), pyodide.toPy(saisies || {}));
    return enJson(pyodide, analyse.progression());
  },
  "portefeuille-morceau": (pyodide, morceau) => enJson(pyodide, analyse.ajouter(new Uint8Array(morceau))),
  // Mise en train (calculators/portefeuille/chauffe.py) : une analyse d'exemple, à part de `analyse`.
  "portefeuille-chauffe": (pyodide) => enJson(pyodide, pyodide.pyimport("calculators.portefeuille.chauffe").chauffer()),
  // Seul l'affichage va à la page ; les exports CSV y sont sans contenu, demandé au clic.
  // Pendant le calcul, Python signale combien de comptes sont faits (`avancer`).
  "portefeuille-resultat": (pyodide, reglages, avancer) => JSON.parse(analyse.affichage_json(JSON.stringify(reglages), avancer)),
  // Un export (des Mo) en Blob : analysé sur le fil principal de la page, il le bloquerait (objet
  // rendu tel quel, voir `valeur` dans moteur.js). Sans analyse gardée, Python dit quoi faire.
  "portefeuille-export": (pyodide, { nom, adresse }) => {
    const source = analyse || pyodide.pyimport("calculators.portefeuille").Analyse();
    const reponse = JSON.parse(source.export_json(String(nom), String(adresse || "")));
    if (reponse.fichier) reponse.fichier.contenu = new Blob([reponse.fichier.contenu]);
    return reponse;
  },
};

// Mémoire de Python au-delà de 2 Gio : le Pyodide épinglé lit alors de travers ce qu'il échange
// avec JavaScript (mesuré sous Node : un FEC trié par compte de 4,4 millions de lignes, 2,1 Gio,
// rendait un JSON fait d'octets quelconques, puis « RangeError: offset is out of bounds » à la copie
// du morceau suivant ; le défaut est corrigé en amont, pyodide/pyodide#6217, pas dans cette
// version). Rien de ce qui en sort n'est donc rendu : le worker se dit arrêté (`echec`), moteur.js
// le termine, ce qui rend toute sa mémoire, et la page dit « mémoire insuffisante » et renvoie à la
// ligne de commande. `limiter-memoire` abaisse le seuil (tests).
let limiteMemoire = 2 ** 31;
const memoireDepassee = (pyodide) => pyodide._module.HEAPU8.length > limiteMemoire;

self.onmessage = async ({ data }) => {
  const { id, nom, saisies, operation = "calculer" } = data;
  let pyodide = null;
  let reponse;
  try {
    const engin = await moteur;
    pyodide = engin.pyodide;
    if (operation === "limiter-memoire") limiteMemoire = Math.max(Number(saisies), pyodide._module.HEAPU8.length);
    if ((operation === "calculer" || operation === "lien-calcul") && PAQUETS[nom]) await charger(pyodide, PAQUETS[nom]);
    const avancer = (faits, total) => self.postMessage({ type: "avancement", id, faits, total });
    const json = operation === "limiter-memoire" ? JSON.stringify(limiteMemoire)
      : PORTEFEUILLE[operation] ? PORTEFEUILLE[operation](pyodide, saisies, avancer)
        : engin.api[OPERATIONS[operation]](nom, JSON.stringify(saisies));
    reponse = typeof json === "string" ? { type: "reponse", id, json } : { type: "reponse", id, valeur: json };
  } catch (erreur) {
    reponse = { type: "reponse", id, echec: String(erreur && erreur.message || erreur) };
  }
  if (pyodide && memoireDepassee(pyodide)) {
    self.postMessage({ type: "echec", message: "mémoire du moteur au-delà de ce que Pyodide sait échanger (2 Gio)" });
    return;
  }
  self.postMessage(reponse);
};
