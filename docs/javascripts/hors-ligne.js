// Le site hors ligne, côté page : inscrit le service worker (sw.js, à la racine), propose
// « Disponible hors ligne » dans le pied de page et annonce les mises à jour.
//
// - Inscription après le chargement de la page ; sur une page de calculateur, une fois le moteur
//   libre (prêt, et son premier travail fait : résultat d'un lien, mise en train, analyse d'un
//   fichier ; 30 s au plus) : la mise en cache ne ralentit pas le premier résultat. Échouée
//   (réseau coupé), elle est refaite au retour du réseau, au moteur libre, à la page suivante.
// - Le moteur (environ 16 Mo) est mis en cache dès qu'un calculateur a démarré dans l'onglet ;
//   le bouton du pied de page met tout en cache d'un coup, taille affichée.
// - Mise à jour : la nouvelle version s'installe en arrière-plan ; la page le dit, et la nouvelle
//   version s'applique au chargement de page suivant (voir docs/sw.js).
// - `mkdocs serve` (balise <meta name="hors-ligne" content="non">) : rien n'est inscrit, et un
//   service worker laissé par un site construit servi à la même adresse est retiré.
// - Le moteur en cache, sur une page de calculateur (jamais sur une page de contenu), son script
//   est compilé une fois par version dans un petit worker (amorce.worker.mjs) : la visite
//   suivante relit ce code compilé au lieu de le recompiler.
// État lisible par les tests : <html data-hors-ligne="pages|complet" data-hors-ligne-maj="prete"
// data-hors-ligne-amorce="faite" data-hors-ligne-perime="oui"> (une version plus récente a pris la main).
(function () {
  "use strict";
  const sw = navigator.serviceWorker;
  if (!sw || !window.caches) return;
  const racine = new URL("../", document.currentScript.src);
  const meta = document.querySelector('meta[name="hors-ligne"]');
  const racineDoc = document.documentElement;

  if (!meta || meta.content !== "oui") {
    sw.getRegistration(racine.href).then((r) => r && r.unregister()).catch(() => {});
    caches.keys().then((noms) => noms.filter((n) => n.startsWith("impayes-")).forEach((n) => caches.delete(n)))
      .catch(() => {});
    return;
  }

  const SOUHAIT = "impayes.hors-ligne.moteur";  // lu aussi par moteur.js
  const AMORCE = "impayes.hors-ligne.amorce";   // version du site dont le code du moteur est amorcé
  let inscription = null;
  let etat = null;          // dernier état connu du service worker actif
  let enCours = null;       // progression d'un enregistrement demandé par le bouton
  let maVersion = null;     // version qui a servi cette page
  let perime = false;       // une version plus récente a pris la main après le chargement
  let derniereVerification = Date.now();

  function demander(travailleur, message, suivi) {
    return new Promise((ok, ko) => {
      const canal = new MessageChannel();
      canal.port1.onmessage = ({ data }) => {
        if (data && data.type === "progression") {
          if (suivi) suivi(data);
          return;
        }
        canal.port1.close();
        if (data && data.type === "echec") ko(Object.assign(new Error(data.message), { nouvelleVersion: data.nouvelleVersion }));
        else ok(data);
      };
      travailleur.postMessage(message, [canal.port2]);
    });
  }

  const octets = (n) => `${(n / 1e6).toLocaleString("fr-FR", { maximumFractionDigits: 1 })}\u00a0Mo`;

  // --- Pied de page : « Disponible hors ligne » ----------------------------------------------

  function afficher() {
    const pied = document.querySelector(".md-footer-meta__inner");
    if (!pied || !etat) return;
    let bloc = pied.querySelector(".hors-ligne");
    if (!bloc) {
      bloc = document.createElement("div");
      bloc.className = "hors-ligne";
      const bouton = document.createElement("button");
      bouton.type = "button";
      bouton.className = "hors-ligne__bouton";
      bouton.addEventListener("click", toutEnregistrer);
      const statut = document.createElement("p");
      statut.className = "hors-ligne__statut";
      statut.setAttribute("role", "status");
      bloc.append(bouton, statut);
      pied.appendChild(bloc);
    }
    const bouton = bloc.querySelector("button");
    const statut = bloc.querySelector("p");
    const total = etat.tailles.pages + etat.tailles.moteur;
    const reste = etat.restant ? etat.restant.pages + etat.restant.moteur  // pas encore en cache
      : (etat.pages ? 0 : etat.tailles.pages) + (etat.moteur ? 0 : etat.tailles.moteur);  // service worker d'avant
    // La place prise : plus que le téléchargement, l'instantané et le paquet étant gardés décompressés
    // (un service worker d'une version précédente ne la donne pas).
    const place = etat.stockage ? etat.stockage.pages + etat.stockage.moteur : total;
    // Pendant l'enregistrement, le bouton est inactif sans être désactivé : le focus du clavier y reste.
    if (enCours) {
      bouton.hidden = false;
      bouton.setAttribute("aria-disabled", "true");
      bouton.textContent = `Enregistrement… ${Math.round((100 * enCours.faits) / enCours.total) || 0}\u00a0%`;
    } else if (etat.pages && etat.moteur) {
      bouton.hidden = true;
      statut.textContent = `Disponible hors ligne\u00a0: tout le site et ses calculateurs sont enregistrés dans ce navigateur (${octets(place)}).`;
    } else {
      bouton.hidden = false;
      bouton.removeAttribute("aria-disabled");
      bouton.textContent = `Disponible hors ligne (${octets(reste)} à télécharger)`;
      bouton.title = `Enregistrer dans ce navigateur tout le site et ses calculateurs (${octets(place)} une fois `
        + "enregistrés), pour s'en servir sans réseau";
    }
  }

  function noterEtat(nouveau) {
    etat = nouveau;
    if (etat.pages) racineDoc.dataset.horsLigne = etat.moteur ? "complet" : "pages";
    // Lu par moteur.js : moteur en cache, il peut démarrer sans attendre la fin de la page.
    if (etat.moteur) ecrire(SOUHAIT, "en-cache");
    if (etat.moteur) amorcer();
    afficher();
  }

  function ecrire(cle, valeur) {
    try {
      window.localStorage.setItem(cle, valeur);
    } catch (_) { /* stockage refusé : le site marche sans */ }
  }

  function lire(cle) {
    try {
      return window.localStorage.getItem(cle);
    } catch (_) {
      return null;
    }
  }

  // Cache de code du moteur (voir amorce.worker.mjs) : mesuré, la seconde visite arrive au
  // résultat 0,1 à 0,2 s plus tôt (1,52 s au lieu de 1,61 à 1,73 s, médianes de trois séries).
  // Une fois par version, sur une page de calculateur, le moteur libre : une page de contenu ne
  // touche jamais au moteur. Le worker vit encore 2 s après la compilation, le temps que
  // Chromium écrive ce cache. Un échec (hors ligne, navigateur sans worker de module) : nouvel
  // essai au calculateur suivant.
  let amorce = null;
  function amorcer() {
    const moteur = window.moteurCalculs && window.moteurCalculs.actif();
    if (!moteur || !etat || !etat.moteur || amorce) return;
    const version = etat.version;
    if (lire(AMORCE) === version) {
      racineDoc.dataset.horsLigneAmorce = "faite";
      return;
    }
    amorce = new Worker(new URL("javascripts/amorce.worker.mjs", racine), { type: "module" });
    const travailleur = amorce;
    const finir = () => {
      travailleur.terminate();
      amorce = null;
    };
    travailleur.onmessage = () => {
      ecrire(AMORCE, version);  // noté tout de suite : une page quittée entre-temps ne la refait pas
      setTimeout(() => {
        finir();
        racineDoc.dataset.horsLigneAmorce = "faite";
      }, 2000);
    };
    travailleur.onerror = finir;
  }

  async function toutEnregistrer(evenement) {
    const actif = inscription && inscription.active;
    if (!actif || enCours) return;
    const bouton = evenement && evenement.currentTarget;
    const avaitLeFocus = Boolean(bouton) && document.activeElement === bouton;
    const statut = document.querySelector(".hors-ligne__statut");
    if (statut) statut.textContent = "";  // l'échec d'un essai précédent
    // Demandé, le stockage devient persistant si le navigateur l'accorde : il ne videra pas ce cache
    // de lui-même pour faire de la place.
    if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(() => {});
    enCours = { faits: 0, total: 1 };  // la progression vient du service worker, qui sait ce qui manque
    afficher();
    try {
      noterEtat(await demander(actif, { type: "tout" }, (p) => { enCours = p; afficher(); }));
      enCours = null;
      afficher();
    } catch (erreur) {
      enCours = null;
      // Ce qui reste à télécharger (une partie est gardée : la reprise ne prend que le reste).
      const reste = await demander(actif, { type: "etat" }).catch(() => null);
      if (reste) noterEtat(reste);
      afficher();
      if (statut) {
        statut.textContent = erreur.nouvelleVersion
          ? "Une nouvelle version du site vient d\u2019être publiée\u00a0: rechargez la page, puis enregistrez-la."
          : `L'enregistrement a échoué\u00a0: ${erreur.message}. Réessayez une fois en ligne.`;
      }
    }
    // Le bouton caché (tout est enregistré), le focus du clavier va au message qui le dit.
    const perdu = !document.activeElement || document.activeElement === bouton || document.activeElement === document.body;
    if (avaitLeFocus && perdu && bouton.hidden && statut) {
      statut.tabIndex = -1;
      statut.focus();
    }
  }

  // Le moteur a démarré : ses fichiers (et les roues des lettres) vont en cache. Le souhait est
  // noté dans ce navigateur, car on quitte souvent la page du calculateur avant que le service
  // worker ne soit installé : la page suivante s'en charge alors.
  // « oui » : demandé ; « en-cache » : fait (voir `noterEtat`).
  function souhaite() {
    try {
      return Boolean(window.localStorage.getItem(SOUHAIT));
    } catch (_) {
      return false;
    }
  }

  async function garderLeMoteur() {
    if (!souhaite()) ecrire(SOUHAIT, "oui");
    if (!inscription) {
      if (inscriptionFaite) inscrire();  // échouée plus tôt : refaite, elle gardera le moteur
      return;
    }
    await sw.ready;
    const actif = inscription.active;
    if (!actif || (etat && etat.moteur)) return;
    try {
      noterEtat(await demander(actif, { type: "moteur" }));
    } catch (_) { /* hors ligne ou serveur indisponible : nouvel essai au prochain démarrage */ }
  }

  // « Effacer mes données » (page des lettres) : ce navigateur ne garde plus trace du souhait. Le
  // cache hors ligne, lui, ne contient que le site ; il se vide depuis les réglages du navigateur.
  document.addEventListener("click", (evenement) => {
    if (!(evenement.target instanceof Element) || !evenement.target.closest("[data-effacer-donnees]")) return;
    try {
      window.localStorage.removeItem(SOUHAIT);
    } catch (_) { /* stockage interdit : rien à effacer */ }
  });

  // --- Mises à jour --------------------------------------------------------------------------

  function annoncer(texte) {
    let avis = document.querySelector(".hors-ligne-maj");
    if (!avis) {
      avis = document.createElement("div");
      avis.className = "hors-ligne-maj";
      avis.setAttribute("role", "status");
      const message = document.createElement("p");
      const recharger = document.createElement("button");
      recharger.type = "button";
      recharger.textContent = "Recharger maintenant";
      recharger.addEventListener("click", () => window.location.reload());
      const fermer = document.createElement("button");
      fermer.type = "button";
      fermer.textContent = "Plus tard";
      fermer.addEventListener("click", () => {
        avis.hidden = true;
        // Le focus ne se perd pas avec l'avis : il va au contenu de la page.
        const contenu = document.querySelector("main") || document.body;
        contenu.tabIndex = -1;
        contenu.focus({ preventScroll: true });
      });
      avis.append(message, recharger, fermer);
      // En tête du document : le premier arrêt de la touche Tab (en fin de page, il en fallait une cinquantaine).
      document.body.prepend(avis);
    }
    avis.querySelector("p").textContent = texte;
    avis.hidden = false;
    racineDoc.dataset.horsLigneMaj = "prete";
  }

  function surveiller(enregistrement) {
    const signaler = async () => {
      const attente = enregistrement.waiting;
      if (!attente || !sw.controller) return;
      // Cette page vient peut-être déjà de la version qui attend (elle vient de prendre la main).
      const suivante = await demander(attente, { type: "nom" }).catch(() => null);
      if (suivante && suivante.version === maVersion) return;
      annoncer("Une nouvelle version du site est prête. Elle s\u2019affichera quand vous rechargerez la page "
        + "(ou dans un nouvel onglet).");
    };
    signaler();
    enregistrement.addEventListener("updatefound", () => {
      const nouveau = enregistrement.installing;
      if (nouveau) nouveau.addEventListener("statechange", signaler);
    });
  }

  // Une version plus récente a pris la main (rechargement dans un autre onglet) : les liens de
  // cette page, ancienne, ouvrent désormais une page entière, jamais un mélange des deux.
  document.addEventListener("click", (evenement) => {
    if (!perime) return;
    const lien = evenement.target.closest && evenement.target.closest("a[href]");
    if (!lien || lien.target || lien.hasAttribute("download")) return;
    const cible = new URL(lien.href, window.location.href);
    if (cible.origin !== window.location.origin || cible.hash && cible.pathname === window.location.pathname) return;
    evenement.preventDefault();
    evenement.stopImmediatePropagation();
    window.location.assign(cible.href);
  }, true);
  // De même pour Précédent et Suivant, que la navigation instantanée servait dans ce document
  // ancien : la page nouvelle sous le Python ancien.
  window.addEventListener("popstate", () => { if (perime) window.location.reload(); });

  sw.addEventListener("controllerchange", async () => {
    if (!sw.controller) return;
    const nouveau = await demander(sw.controller, { type: "etat" }).catch(() => null);
    if (!nouveau) return;
    if (maVersion && nouveau.version !== maVersion) {
      perime = true;
      racineDoc.dataset.horsLignePerime = "oui";  // lu par moteur.js : pas de moteur neuf derrière cette page
      annoncer("Le site a été mis à jour. La page suivante s'ouvrira dans sa nouvelle version.");
    }
    if (!maVersion) maVersion = nouveau.version;
    noterEtat(nouveau);
  });

  // --- Inscription ---------------------------------------------------------------------------

  // Une inscription échouée (réseau coupé au moment de la faire) est refaite au retour du réseau, au
  // moteur libre (« Réessayer » d'un calculateur) et à la page suivante : sinon, rien ne serait
  // enregistré avant un rechargement complet.
  let inscriptionEnCours = false;
  let inscriptionFaite = false;  // tentée une fois (après le chargement, le moteur libre)
  async function inscrire() {
    if (inscriptionEnCours) return;
    // Une première installation coupée (réseau tombé pendant l'enregistrement des pages) : le
    // navigateur retire l'inscription, dont l'objet reste là, sans service worker ; elle est refaite.
    if (inscription && (inscription.active || inscription.installing || inscription.waiting)) return;
    inscriptionEnCours = true;
    try {
      inscription = await sw.register(new URL("sw.js", racine).href, { scope: racine.href });
    } catch (_) {
      return;  // hors ligne ; navigation privée stricte, contexte non sécurisé : le site marche en ligne
    } finally {
      inscriptionEnCours = false;
    }
    await sw.ready;
    if (sw.controller) {
      const actuel = await demander(sw.controller, { type: "etat" }).catch(() => null);
      if (actuel) {
        maVersion = maVersion || actuel.version;
        noterEtat(actuel);
      }
    } else if (inscription.active) {
      const actuel = await demander(inscription.active, { type: "etat" }).catch(() => null);
      if (actuel) noterEtat(actuel);
    }
    surveiller(inscription);
    const moteur = window.moteurCalculs && window.moteurCalculs.actif();
    if (moteur) moteur.libre.then(garderLeMoteur);
    else if (souhaite()) garderLeMoteur();
  }

  // Sur une page de calculateur, Python démarre et fait son premier travail ; le reste attend.
  function quandLeMoteurLePermet() {
    const moteur = window.moteurCalculs && window.moteurCalculs.actif();
    if (!moteur) return Promise.resolve();
    return Promise.race([moteur.libre, new Promise((ok) => setTimeout(ok, 30000))]);
  }

  function apresChargement() {
    quandLeMoteurLePermet().then(() => {
      inscriptionFaite = true;
      return inscrire();
    });
  }
  window.addEventListener("online", () => { if (inscriptionFaite) inscrire(); });

  if (document.readyState === "complete") apresChargement();
  else window.addEventListener("load", apresChargement, { once: true });

  // Un calculateur démarré plus tard (navigation instantanée) : son moteur aussi va en cache.
  document.addEventListener("moteur:libre", garderLeMoteur);
  document.addEventListener("moteur:libre", amorcer);  // calculateur atteint par la navigation instantanée

  // Navigation instantanée : le pied de page est remplacé à chaque page ; on y remet le bloc,
  // et l'on vérifie de temps en temps qu'aucune nouvelle version n'est parue.
  if (window.document$) {
    window.document$.subscribe(() => {
      afficher();
      if (inscriptionFaite) inscrire();  // sans effet une fois inscrit
      if (inscription && Date.now() - derniereVerification > 30 * 60 * 1000) {
        derniereVerification = Date.now();
        inscription.update().catch(() => {});
      }
    });
  }
})();
