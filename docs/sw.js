// Service worker du site : tout le site marche sans réseau après la première visite.
//
// Servi depuis la racine (portée : tout le site). La liste de ce qu'il garde, fichier par
// fichier avec taille et empreinte, est écrite à la place de la marque ci-dessous par
// overrides/hooks/hors_ligne.py à chaque construction ; sa `version` nomme le cache.
// - Installation : toutes les pages, le plan du site, l'index de recherche et les ressources du
//   thème (groupe « pages »), en arrière-plan. Le moteur (Pyodide, bibliothèque standard, paquet
//   `calculators`, roues des lettres : groupe « moteur ») vient quand un calculateur a démarré,
//   ou tout de suite avec le bouton « Disponible hors ligne » (messages de la page : hors-ligne.js).
// - Une nouvelle construction s'installe dans un cache neuf, à côté de l'ancien : les fichiers
//   inchangés (même empreinte) y sont recopiés sans réseau. Elle attend, puis prend la main au
//   chargement de page suivant (voir `naviguer`) : chaque page vient d'une seule version, jamais
//   d'un mélange de pages nouvelles et de Python ancien. L'ancien cache est alors supprimé.
// - Le worker du moteur, une fois le moteur en cache, y lit ses fichiers lui-même, dans le cache
//   dont ce service worker lui donne le nom (voir `cacheDuMoteur`) : même contenu, sans le détour.
// - Adresses : la requête (?montant=… d'un lien partageable, ?v=… des scripts du moteur) est
//   ignorée ; le fragment (#…) n'arrive jamais ici.
"use strict";

const MANIFESTE = /* MANIFESTE */ null;
const PREFIXE = "impayes-";
const NOM = PREFIXE + MANIFESTE.version;
const portee = new URL(self.registration.scope);
const ETAT = new URL("__hors-ligne__/etat.json", portee).href;  // entrée propre à chaque cache
// Demandée par le worker du moteur : le nom du cache qui le sert, s'il y est entier (voir `cacheDuMoteur`).
const CACHE_DU_MOTEUR = "__hors-ligne__/cache-du-moteur";
const PARALLELE = 4;

const FICHIERS = new Map();  // chemin relatif à la racine → { taille, empreinte, groupe, gzip }
const TAILLES = { pages: 0, moteur: 0 };  // à télécharger
const STOCKAGE = { pages: 0, moteur: 0 };  // une fois en cache (gzip gardé décompressé, voir `aGarder`)
for (const groupe of ["pages", "moteur"]) {
  for (const [chemin, [taille, empreinte, decompresse]] of Object.entries(MANIFESTE[groupe])) {
    FICHIERS.set(chemin, { taille, empreinte, groupe, gzip: Boolean(decompresse) });
    TAILLES[groupe] += taille;
    STOCKAGE[groupe] += decompresse || taille;
  }
}

// Quand une nouvelle version attend et qu'une page se charge, cet ancien service worker lui
// passe la main : il sert dès lors tout depuis le cache de la nouvelle version.
let passation = null;  // { nom, version }

function adresse(chemin) {
  return new URL(chemin, portee).href;
}

// Clé du manifeste pour une adresse du site ; null hors de la portée.
function cle(url) {
  if (url.origin !== portee.origin || !url.pathname.startsWith(portee.pathname)) return null;
  let chemin;
  try {
    chemin = decodeURIComponent(url.pathname.slice(portee.pathname.length));
  } catch (_) {
    return null;
  }
  return chemin.endsWith("index.html") && (chemin === "index.html" || chemin.endsWith("/index.html"))
    ? chemin.slice(0, -"index.html".length) : chemin;
}

// Une réponse d'une autre version (site en cours de déploiement) n'a pas la taille attendue.
function tailleAttendue(reponse, fichier) {
  if (reponse.headers.get("content-encoding")) return true;
  const longueur = reponse.headers.get("content-length");
  return longueur === null || Number(longueur) === fichier.taille;
}

async function lireEtat(cache) {
  const reponse = await cache.match(ETAT);
  return reponse ? reponse.json() : { pages: false, moteur: false, empreintes: {} };
}

async function ecrireEtat(cache, modifications) {
  const etat = { ...(await lireEtat(cache)), ...modifications, version: MANIFESTE.version };
  etat.empreintes = Object.fromEntries([...FICHIERS].map(([chemin, f]) => [chemin, f.empreinte]));
  await cache.put(ETAT, new Response(JSON.stringify(etat), { headers: { "content-type": "application/json" } }));
  return etat;
}

// Caches des autres versions encore présents, avec leur état (pour recopier l'inchangé).
async function autresVersions() {
  const autres = [];
  for (const nom of await caches.keys()) {
    if (!nom.startsWith(PREFIXE) || nom === NOM) continue;
    const cache = await caches.open(nom);
    autres.push({ cache, etat: await lireEtat(cache) });
  }
  return autres;
}

// Instantané mémoire et archive du paquet (gzip) : gardés décompressés, le worker n'a plus à
// les décompresser à chaque démarrage (0,5 s mesurée sur 2 cœurs occupés). Réponse déjà
// décompressée par le serveur : gardée telle quelle.
async function aGarder(reponse, fichier) {
  if (!fichier.gzip) return reponse;
  const octets = new Uint8Array(await reponse.arrayBuffer());
  let corps = octets;
  if (octets[0] === 0x1f && octets[1] === 0x8b) {
    const flux = new Blob([octets]).stream().pipeThrough(new DecompressionStream("gzip"));
    corps = await new Response(flux).arrayBuffer();
  }
  return new Response(corps, { headers: { "content-type": "application/octet-stream" } });
}

// Une réponse obtenue après une redirection ne peut pas servir une navigation : copie propre.
async function propre(reponse) {
  if (!reponse.redirected) return reponse;
  return new Response(await reponse.blob(), { status: reponse.status, statusText: reponse.statusText,
    headers: reponse.headers });
}

// Le corps d'une réponse, lu morceau par morceau : `ajouter(n)` à chaque morceau de n octets reçu
// (la progression de l'enregistrement avance pendant un gros fichier, le WebAssembly de 9,6 Mo).
async function lireEnComptant(reponse, ajouter) {
  if (!ajouter || !reponse.body) return reponse.arrayBuffer();
  const lecteur = reponse.body.getReader();
  const morceaux = [];
  let total = 0;
  for (;;) {
    const { done, value } = await lecteur.read();
    if (done) break;
    morceaux.push(value);
    total += value.byteLength;
    ajouter(value.byteLength);
  }
  const tout = new Uint8Array(total);
  morceaux.reduce((rang, morceau) => { tout.set(morceau, rang); return rang + morceau.byteLength; }, 0);
  return tout.buffer;
}

async function parallele(elements, n, action) {
  const file = elements.slice();
  await Promise.all(Array.from({ length: n }, async () => {
    while (file.length) await action(file.shift());
  }));
}

// Met en cache les fichiers d'un groupe qui y manquent : recopiés d'une autre version quand
// l'empreinte est la même, sinon demandés au serveur (`telecharger`).
async function remplir(cache, groupe, anciens, progression) {
  const liste = [...FICHIERS].filter(([, f]) => f.groupe === groupe);
  let telecharges = 0;  // octets demandés au serveur : la progression d'un enregistrement repris
  await parallele(liste, PARALLELE, async ([chemin, fichier]) => {
    const url = adresse(chemin);
    if (!(await cache.match(url))) {
      let reponse = null;
      for (const ancien of anciens) {
        if (ancien.etat.empreintes && ancien.etat.empreintes[chemin] === fichier.empreinte) {
          reponse = await ancien.cache.match(url);
          if (reponse) break;
        }
      }
      let recus = 0;  // octets de ce fichier déjà comptés
      const demande = !reponse;  // pas recopié d'une autre version : demandé au serveur
      if (demande) {
        // Compté au fil des octets reçus (lus pour l'empreinte, `deCetteVersion`), jamais plus que la
        // taille annoncée : un gros fichier ne fige plus la progression une minute sur un réseau lent.
        reponse = await telecharger(url, chemin, fichier, (n) => {
          const part = Math.min(n, fichier.taille - recus);
          recus += part;
          telecharges += part;
          if (progression && part) progression(telecharges);
        });
      }
      try {
        await cache.put(url, await aGarder(await propre(reponse), fichier));
      } catch (erreur) {
        // Une connexion coupée pendant le téléchargement fait échouer `put` (« network error »).
        if (erreur && erreur.name === "QuotaExceededError") throw erreur;
        throw echec(`${chemin} : ${erreur && erreur.message || erreur}`, COUPURE);
      }
      if (demande) telecharges += fichier.taille - recus;  // le compte exact une fois le fichier gardé
    }
    if (progression) progression(telecharges);
  });
}

// Un fichier de cette version, demandé au serveur. Revalidé d'abord (« no-cache » : le cache HTTP
// sert s'il est à jour) ; mais un site remis dans une version antérieure, fichiers aux mêmes dates,
// répond 304, et le cache HTTP rend alors sa copie plus récente : relu une fois sans lui (« reload »).
async function telecharger(url, chemin, fichier, ajouter) {
  for (const mode of ["no-cache", "reload"]) {
    let reponse;
    try {
      reponse = await fetch(url, { cache: mode });
    } catch (_) {
      throw echec(`${chemin} injoignable`, "le site est injoignable (réseau coupé\u00a0?)");
    }
    if (!reponse.ok) throw echec(`${chemin} : HTTP ${reponse.status}`, `le serveur a refusé un fichier (HTTP ${reponse.status})`);
    if (await deCetteVersion(reponse, fichier, ajouter)) return reponse;
  }
  if ((await versionDuServeur()) !== MANIFESTE.version) {
    // Le site a été republié : rien de la nouvelle version n'entre dans ce cache ; la page le dit,
    // et la nouvelle version s'installe (voir le message « tout »).
    throw Object.assign(echec(`${chemin} : autre version`, "une nouvelle version du site vient d'être publiée"),
                        { nouvelleVersion: true });
  }
  throw echec(`${chemin} : autre contenu`, "un fichier du serveur ne correspond pas à cette version du site");
}

self.addEventListener("install", (evenement) => {
  evenement.waitUntil((async () => {
    const cache = await caches.open(NOM);
    const anciens = await autresVersions();
    await remplir(cache, "pages", anciens);
    // Le moteur était gardé par la version précédente : la nouvelle le garde aussi, sinon le
    // site ne calculerait plus hors ligne après une mise à jour.
    const moteur = anciens.some((a) => a.etat.moteur) || (await lireEtat(cache)).moteur;
    if (moteur) await remplir(cache, "moteur", anciens);
    await ecrireEtat(cache, { pages: true, moteur });
  })());
});

self.addEventListener("activate", (evenement) => {
  evenement.waitUntil((async () => {
    for (const nom of await caches.keys()) {
      if (nom.startsWith(PREFIXE) && nom !== NOM) await caches.delete(nom);
    }
    // Première installation : la page ouverte passe sous ce service worker sans rechargement.
    await self.clients.claim();
  })());
});

function nomCourant() {
  return passation ? passation.nom : NOM;
}

// Un fichier reçu du serveur est-il celui de cette version (taille, puis empreinte du manifeste) ?
// Une réponse recompressée par le serveur (content-encoding) ne se vérifie pas : acceptée.
async function deCetteVersion(reponse, fichier, ajouter) {
  if (!tailleAttendue(reponse, fichier)) return false;
  if (reponse.headers.get("content-encoding")) return true;
  const somme = new Uint8Array(await crypto.subtle.digest("SHA-256", await lireEnComptant(reponse.clone(), ajouter)));
  return Array.from(somme.subarray(0, 8), (o) => o.toString(16).padStart(2, "0")).join("") === fichier.empreinte;
}

// La version que publie le serveur, lue dans son sw.js (manifeste écrit par la construction) ;
// injoignable ou illisible : null, compté comme une autre version (dans le doute, pas de mélange).
async function versionDuServeur() {
  try {
    const texte = await (await fetch(new URL("sw.js", portee).href, { cache: "no-cache" })).text();
    const trouve = /const MANIFESTE = \{"version":"([0-9a-f]+)"/.exec(texte);
    return trouve ? trouve[1] : null;
  } catch (_) {
    return null;
  }
}

async function servir(evenement, chemin, fichier) {
  const nom = nomCourant();
  const cache = await caches.open(nom);
  const url = adresse(chemin);
  const enCache = await cache.match(url);
  if (enCache) return enCache;
  const reponse = await propre(await fetch(evenement.request));
  const moteur = reponse.ok && fichier.groupe === "moteur" && nom === NOM;
  const conforme = moteur ? await deCetteVersion(reponse, fichier) : tailleAttendue(reponse, fichier);
  if (moteur && !conforme && (await versionDuServeur()) !== MANIFESTE.version) {
    // Le site a été republié depuis que ces pages sont en cache : le Python du serveur est celui de
    // la nouvelle version, qui ne doit pas tourner derrière ces pages anciennes. Refusé ; la
    // nouvelle version s'installe (`update`), la page propose de recharger (calculateurs.js).
    // Même version au serveur (un intermédiaire qui retouche les fichiers) : servi tel quel.
    self.registration.update().catch(() => {});
    return new Response(null, { status: 409, statusText: "Nouvelle version du site" });
  }
  // Pas encore en cache (moteur avant sa mise en cache, page avant la fin de l'installation) :
  // gardé au passage, s'il est bien de cette version.
  if (reponse.ok && nom === NOM && conforme) {
    const copie = aGarder(reponse.clone(), fichier).then((r) => cache.put(url, r)).catch(() => {});
    try {
      evenement.waitUntil(copie);
    } catch (_) { /* événement déjà clos : la copie se fait quand même tant que le worker vit */ }
  }
  return reponse;
}

// Pourquoi la mise en cache a échoué, en français (les erreurs du navigateur sont en anglais).
// Ce que la page montre d'un échec : une phrase en français, jamais un message du navigateur (en
// anglais) ni le chemin d'un fichier ; le détail va à la console du service worker.
const COUPURE = "la connexion a été coupée pendant le téléchargement";

function echec(detail, pourLUtilisateur) {
  return Object.assign(new Error(detail), { pourLUtilisateur });
}

function raison(erreur) {
  console.warn(`Mise en cache hors ligne : ${erreur && erreur.message || erreur}`);
  if (erreur && erreur.name === "QuotaExceededError") return "plus assez de place pour le site dans ce navigateur";
  return (erreur && erreur.pourLUtilisateur) || COUPURE;
}

function demander(travailleur, message) {
  return new Promise((ok, ko) => {
    const canal = new MessageChannel();
    canal.port1.onmessage = ({ data }) => ok(data);
    travailleur.postMessage(message, [canal.port2]);
    setTimeout(() => ko(new Error("pas de réponse")), 3000);
  });
}

// Chargement d'une page alors qu'une nouvelle version attend : elle prend la main maintenant.
async function passerLaMain() {
  const attente = self.registration.waiting;
  if (passation || !attente) return;
  try {
    const suivante = await demander(attente, { type: "nom" });
    if (!(await caches.has(suivante.nom))) return;
    if (!(await lireEtat(await caches.open(suivante.nom))).pages) return;
    passation = suivante;
    attente.postMessage({ type: "activer" });
  } catch (_) {
    // Pas de réponse : la nouvelle version prendra la main à un chargement suivant.
  }
}

async function naviguer(evenement, chemin, fichier) {
  await passerLaMain();
  try {
    if (fichier) return await servir(evenement, chemin, fichier);
    return await fetch(evenement.request);
  } catch (erreur) {
    // Hors ligne, adresse inconnue du site : sa page « introuvable », depuis le cache.
    const page = await (await caches.open(nomCourant())).match(adresse("404.html"));
    if (!page) throw erreur;
    return new Response(await page.blob(), { status: 404, headers: page.headers });
  }
}

// Le worker du moteur lit ses fichiers directement dans ce cache, sans passer par ce service worker :
// mesuré, l'instantané mémoire (15 Mo) y est lu en 35 à 100 ms au lieu de 90 à 300, et le premier
// résultat d'une visite chaude arrive 0,1 s plus tôt. Le nom est celui d'où ce service worker sert
// lui-même (passation comprise), et seulement quand le moteur y est entier : le worker lit alors
// exactement ce qu'il aurait reçu d'ici. Sinon, null : il passe par ici, comme avant.
async function cacheDuMoteur() {
  const nom = nomCourant();
  const { moteur } = await lireEtat(await caches.open(nom));
  return new Response(JSON.stringify({ nom: moteur ? nom : null }),
    { headers: { "content-type": "application/json", "cache-control": "no-store" } });
}

self.addEventListener("fetch", (evenement) => {
  const requete = evenement.request;
  if (requete.method !== "GET" || requete.headers.has("range")) return;
  const chemin = cle(new URL(requete.url));
  if (chemin === null) return;
  if (chemin === CACHE_DU_MOTEUR) {
    evenement.respondWith(cacheDuMoteur());
    return;
  }
  const fichier = FICHIERS.get(chemin);
  if (requete.mode === "navigate" && !fichier && chemin && !chemin.endsWith("/") && FICHIERS.has(chemin + "/")) {
    // « …/glossaire » sans barre finale : le serveur redirige vers « …/glossaire/ » ; hors ligne
    // aussi (sinon, la page « introuvable »). Le fragment (#…) suit la redirection.
    const cible = new URL(requete.url);
    cible.pathname += "/";
    evenement.respondWith(Response.redirect(cible.href, 301));
    return;
  }
  if (requete.mode === "navigate") evenement.respondWith(naviguer(evenement, chemin, fichier));
  else if (fichier) evenement.respondWith(servir(evenement, chemin, fichier));
});

// Mise en cache à la demande de la page : « moteur » (un calculateur a démarré) ou « tout »
// (bouton « Disponible hors ligne »). Une seule à la fois ; les demandes suivantes l'attendent.
let enregistrement = null;

function enregistrer(groupes, progression) {
  const suite = (enregistrement || Promise.resolve()).catch(() => {}).then(async () => {
    const cache = await caches.open(NOM);
    // Ce qui manque encore (un enregistrement interrompu en a gardé une partie) : le total de la progression.
    const restants = await Promise.all(groupes.map((g) => manquant(cache, g)));
    const total = restants.reduce((s, n) => s + n, 0);
    let avant = 0;
    for (const [rang, groupe] of groupes.entries()) {
      await remplir(cache, groupe, [], (faits) => progression(avant + faits, total));
      avant += restants[rang];
    }
    return ecrireEtat(cache, Object.fromEntries(groupes.map((g) => [g, true])));
  });
  enregistrement = suite;
  return suite;
}

// Octets d'un groupe qui ne sont pas encore dans `cache`.
async function manquant(cache, groupe) {
  const tailles = await Promise.all([...FICHIERS].filter(([, f]) => f.groupe === groupe)
    .map(async ([chemin, f]) => ((await cache.match(adresse(chemin))) ? 0 : f.taille)));
  return tailles.reduce((s, n) => s + n, 0);
}

async function etat() {
  const cache = await caches.open(NOM);
  const { pages, moteur } = await lireEtat(cache);
  // « À télécharger » : ce qui manque vraiment, pas le groupe entier (un enregistrement coupé en a gardé une part).
  const restant = { pages: pages ? 0 : await manquant(cache, "pages"), moteur: moteur ? 0 : await manquant(cache, "moteur") };
  return { version: passation ? passation.version : MANIFESTE.version, tailles: TAILLES, stockage: STOCKAGE, pages,
    moteur, restant };
}

self.addEventListener("message", (evenement) => {
  const { type } = evenement.data || {};
  const port = evenement.ports[0];
  const repondre = (donnees) => { if (port) port.postMessage(donnees); };
  if (type === "nom") {
    repondre({ nom: NOM, version: MANIFESTE.version });
  } else if (type === "activer") {
    self.skipWaiting();
  } else if (type === "etat") {
    evenement.waitUntil(etat().then(repondre));
  } else if (type === "moteur" || type === "tout") {
    let dernier = 0;
    const progression = (faits, total) => {
      if (Date.now() - dernier < 150) return;
      dernier = Date.now();
      repondre({ type: "progression", faits, total });
    };
    const groupes = type === "tout" ? ["pages", "moteur"] : ["moteur"];
    evenement.waitUntil(enregistrer(groupes, progression).then(
      () => etat().then((e) => repondre({ type: "fini", ...e })),
      (erreur) => {
        const nouvelleVersion = Boolean(erreur && erreur.nouvelleVersion);
        if (nouvelleVersion) self.registration.update().catch(() => {});  // la page l'annoncera, prête
        repondre({ type: "echec", message: raison(erreur), nouvelleVersion });
      },
    ));
  }
});
