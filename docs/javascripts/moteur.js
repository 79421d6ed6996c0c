// Le moteur de calcul : un seul Web Worker Pyodide par onglet, créé à la demande.
//
// Ce petit script est chargé dans <head> sur toutes les pages, mais ne crée le worker que si
// on le lui demande : sur une page de calculateur, le gabarit (overrides/main.html) appelle
// `demarrer`, qui le lance dès que la page est analysée. Après une navigation instantanée vers
// un calculateur, calculateurs.js le demande au montage.
(function () {
  "use strict";
  const racine = new URL("../", document.currentScript.src);
  let moteur = null;

  function version() {
    const meta = document.querySelector('meta[name="moteur-version"]');
    return meta ? meta.content : "";
  }

  // Un moteur qui ne répond jamais : la page se recharge (voir `obtenir`).
  const jamais = new Promise(() => {});
  const MOTEUR_EN_RECHARGEMENT = {
    pret: jamais, libre: jamais, instantane: null, arrete: false, arreter() {}, simulerPanne() {},
    occuper: (promesse) => promesse, appeler: () => jamais,
  };

  function obtenir() {
    if (moteur) return moteur;
    // Une version plus récente du site a pris la main après le chargement de cette page (noté par
    // hors-ligne.js) : un moteur neuf prendrait son Python, le seul en cache, derrière ces pages
    // anciennes. Recharger donne la page et le moteur de la même version.
    if (document.documentElement.dataset.horsLignePerime === "oui") {
      window.location.reload();
      return MOTEUR_EN_RECHARGEMENT;
    }
    // Nom du worker : la version, et « sw » si la page est servie par le service worker, à qui le
    // worker peut alors demander son cache (moteur.worker.mjs, `cacheDuMoteur`) ; sans lui, la
    // demande finirait en 404 sur le serveur. (Servi depuis le cache, le script perd sa requête.)
    const sw = navigator.serviceWorker && navigator.serviceWorker.controller ? " sw" : "";
    const worker = new Worker(new URL(`javascripts/moteur.worker.mjs?v=${version()}`, racine),
      { type: "module", name: version() + sw });
    const attentes = new Map();
    let suivant = 0;
    let signalerPret, signalerEchec;
    const pret = new Promise((ok, ko) => { signalerPret = ok; signalerEchec = ko; });
    // `libre` : prêt, et les premiers travaux que la page lui a confiés (`occuper`) finis.
    // Pourquoi : l'index de recherche de Material et la mise en cache hors ligne, lancés dès le
    // moteur prêt, lui disputaient les 2 cœurs au pire moment ; mesuré sur le poste clients,
    // 100 000 lignes choisies aussitôt le moteur prêt : 5,0 à 5,9 s avant, 3,3 à 4,4 s depuis
    // qu'ils attendent, et la mise en train du moteur 0,9 s au lieu de 2,2 s.
    // Annoncé à hors-ligne.js, qui met alors le moteur en cache pour un usage sans réseau.
    const occupations = new Set();
    let estPret = false;
    let liberer;
    const libre = new Promise((ok) => { liberer = ok; });
    const verifier = () => { if (estPret && occupations.size === 0) liberer(); };
    pret.then(() => { estPret = true; verifier(); }, () => liberer());
    libre.then(() => document.dispatchEvent(new CustomEvent("moteur:libre")));
    // Un worker arrêté (erreur, abandon par la page) ne répond plus : les demandes en cours sont
    // rejetées (erreur marquée `panne`) et le prochain `obtenir` crée un moteur neuf.
    const arreter = (raison) => {
      worker.terminate();
      const erreur = Object.assign(new Error(raison), { panne: true });
      signalerEchec(erreur);
      attentes.forEach((attente) => attente.ko(erreur));
      attentes.clear();
      instance.arrete = true;
      if (moteur === instance) moteur = null;
    };
    worker.onmessage = ({ data }) => {
      if (data.type === "pret") {
        instance.instantane = Boolean(data.instantane);  // démarré depuis l'instantané mémoire
        instance.lusDansLeCache = data.lusDansLeCache || 0;  // fichiers lus sans passer par le service worker
        signalerPret();
      }
      else if (data.type === "echec") arreter(data.message);
      else if (data.type === "avancement") {
        const attente = attentes.get(data.id);
        if (attente && attente.avancement) attente.avancement(data.faits, data.total);
      }
      else if (data.type === "reponse") {
        const attente = attentes.get(data.id);
        attentes.delete(data.id);
        if (!attente) return;
        if (data.echec) attente.ko(new Error(data.echec));
        else attente.ok("valeur" in data ? data.valeur : JSON.parse(data.json));  // valeur : objet déjà cloné
      }
    };
    worker.onerror = (evenement) => {
      evenement.preventDefault();
      arreter(evenement.message || "le worker n'a pas pu être chargé");
    };
    const instance = {
      pret,
      libre,
      // `promesse` : un travail de la page (premier calcul d'un lien, mise en train, analyse d'un
      // fichier) que ce qui attend `libre` laisse passer devant ; sans effet une fois libre.
      occuper(promesse) {
        occupations.add(promesse);
        const fin = () => { occupations.delete(promesse); verifier(); };
        Promise.resolve(promesse).then(fin, fin);
        return promesse;
      },
      instantane: null,
      lusDansLeCache: 0,
      arrete: false,
      arreter,
      // Pour les tests de panne : le worker s'arrête sans rien dire, comme un onglet à court de mémoire.
      simulerPanne: () => worker.terminate(),
      // `transfert` : objets transférés au worker sans copie (ArrayBuffer d'un morceau de fichier) ;
      // `avancement(faits, total)` : appelé pendant une longue opération qui dit où elle en est.
      appeler(nom, saisies, operation = "calculer", transfert = [], avancement = null) {
        return new Promise((ok, ko) => {
          if (instance.arrete) {
            ko(Object.assign(new Error("moteur arrêté"), { panne: true }));
            return;
          }
          const id = ++suivant;
          attentes.set(id, { ok, ko, avancement });
          worker.postMessage({ id, nom, saisies, operation }, transfert);
        });
      },
    };
    moteur = instance;
    return moteur;
  }

  // Material construit son index de recherche dès le chargement de la page (environ 0,5 s de
  // calcul sur 2 cœurs), en concurrence avec le démarrage de Python. Sur une page de
  // calculateur, son worker n'est créé qu'une fois le moteur libre (30 s au plus : un moteur
  // qui ne démarre pas est arrêté avant par calculateurs.js, ce qui le libère aussi), ou dès
  // que l'utilisateur va dans le champ de recherche ; les messages envoyés entre-temps attendent.
  class WorkerDiffere extends EventTarget {
    constructor(Natif, url, options, attente) {
      super();
      this.onmessage = null;
      this.onerror = null;
      this.file = [];
      const lancer = () => {
        if (this.vrai) return;
        this.vrai = new Natif(url, options);
        this.vrai.addEventListener("message", (e) => this.relayer(new MessageEvent("message", { data: e.data })));
        this.vrai.addEventListener("error", (e) => this.relayer(new ErrorEvent("error", { message: e.message })));
        this.file.forEach((args) => this.vrai.postMessage(...args));
        this.file = null;
      };
      Promise.race([attente, new Promise((ok) => setTimeout(ok, 30000))]).then(lancer);
      document.addEventListener("focusin", (e) => {
        if (e.target.matches && e.target.matches("[data-md-component=search-query]")) lancer();
      });
    }

    relayer(evenement) {
      this.dispatchEvent(evenement);
      const gestionnaire = evenement.type === "message" ? this.onmessage : this.onerror;
      if (gestionnaire) gestionnaire.call(this, evenement);
    }

    postMessage(...args) {
      if (this.vrai) this.vrai.postMessage(...args);
      else this.file.push(args);
    }

    terminate() {
      if (this.vrai) this.vrai.terminate();
    }
  }

  // Le moteur est-il dans le cache du service worker (noté par hors-ligne.js) ? Démarrer n'est
  // alors presque plus que lire ce cache et restaurer l'instantané mémoire.
  function moteurEnCache() {
    try {
      return Boolean(navigator.serviceWorker && navigator.serviceWorker.controller)
        && window.localStorage.getItem("impayes.hors-ligne.moteur") === "en-cache";
    } catch (_) {
      return false;
    }
  }

  // Appelé dans <head> des pages de calculateur (overrides/main.html), avant le script de Material.
  // Première visite : Python démarre sitôt exécuté le script de Material (`apresTheme`, appelé juste
  // après lui, overrides/main.html ; à défaut, à DOMContentLoaded) ; démarré plus tôt, il ralentissait
  // ce script (2 cœurs) au point d'en faire une tâche de plus de 200 ms. DOMContentLoaded attendait
  // encore les huit scripts du site, demandés l'un après l'autre (0,15 s) : deux séries alternées de
  // dix premières visites, médianes 1 377 → 1 313 ms et 1 536 → 1 489 ms. Moteur en cache : il démarre
  // tout de suite (premier résultat 0,35 s plus tôt, plus longue tâche sous 200 ms ; page « Performances »).
  function demarrer() {
    let relayer;
    const libre = new Promise((ok) => { relayer = ok; });
    let lance = false;
    const lancer = () => { if (!lance) { lance = true; obtenir().libre.then(relayer); } };
    if (moteurEnCache()) lancer();
    else {
      apresTheme = lancer;
      document.addEventListener("DOMContentLoaded", lancer);
    }
    const Natif = window.Worker;
    window.Worker = function (url, options) {
      if (!/\/workers\/search\.[^/]*\.js/.test(String(url))) return new Natif(url, options);
      window.Worker = Natif;  // un seul worker de recherche par document
      return new WorkerDiffere(Natif, url, options, libre);
    };
  }

  // Appelé juste après le script du thème (overrides/main.html) : sans effet hors d'un calculateur
  // en première visite, où `demarrer` l'a fait pointer sur le démarrage de Python.
  let apresTheme = () => {};
  // `actif` : le moteur s'il a déjà été créé dans cet onglet, sans le créer.
  window.moteurCalculs = { obtenir, demarrer, apresTheme: () => apresTheme(), actif: () => moteur };
})();
