// Colle entre les formulaires des calculateurs et le moteur Python (Pyodide dans un Web Worker).
//
// Ce script ne calcule rien : il lit les saisies telles que tapées, les envoie à
// `calculators.api.run`, et insère la réponse (déjà mise en forme en français par Python).
// - Le worker n'est créé que sur une page qui contient un calculateur, une seule fois par
//   onglet : la navigation instantanée de Material ne recharge pas ce script, le moteur
//   survit donc d'une page à l'autre.
// - Les saisies voyagent dans l'adresse (mêmes noms que les options de la ligne de commande) :
//   ouvrir un lien partagé remplit le formulaire et affiche le résultat sans clic.
// - Pannes : chaque demande au moteur a un délai ; un moteur qui ne répond plus (worker tué,
//   boucle sans fin) est arrêté, le formulaire le dit et le calcul suivant en démarre un neuf ;
//   un démarrage manqué (réseau) offre « Réessayer » sans recharger. Les saisies restent.
// - Un rechargement de la page (bouton « Recharger maintenant » d'une nouvelle version, F5) rend
//   les saisies tapées : elles sont gardées le temps de l'onglet (sessionStorage), pas au-delà.
(function () {
  "use strict";

  // Le moteur (worker Pyodide) est géré par moteur.js, chargé dans <head> : sur une page de
  // calculateur, il démarre avant même que ce script ne s'exécute.
  const obtenirMoteur = () => window.moteurCalculs.obtenir();

  // --- Pannes : délais, moteur arrêté, démarrage manqué ----------------------------------------

  // Au-delà, le moteur est tenu pour arrêté. Les lettres chargent jinja2 à la première demande,
  // l'analyse d'un grand livre lit un gros fichier : plus de marge. Modifiables par les tests
  // (`window.calculateurs.delais`).
  const delais = { defaut: 30000, lettre: 90000, portefeuille: 180000, demarrage: 120000 };

  function avecDelai(promesse, ms) {
    let minuterie;
    const echeance = new Promise((_, ko) => {
      minuterie = setTimeout(() => ko(Object.assign(new Error(`pas de réponse en ${ms} ms`),
        { panne: true, delai: ms })), ms);
    });
    return Promise.race([promesse, echeance]).finally(() => clearTimeout(minuterie));
  }

  // Une demande au moteur, bornée ; sans réponse à temps, ce moteur est arrêté pour de bon et le
  // prochain `obtenirMoteur` en crée un neuf.
  function appelerBorne(instance, nom, saisies, operation) {
    return borner(instance, nom, instance.appeler(nom, saisies, operation));
  }

  // Une réponse attendue d'ici `delais[nom]` au plus, pour une demande déjà envoyée.
  function borner(instance, nom, promesse) {
    return avecDelai(promesse, delais[nom] || delais.defaut).catch((erreur) => {
      if (erreur.panne && !instance.arrete) instance.arreter(erreur.message);
      throw erreur;
    });
  }

  function demarrage(instance) {
    return avecDelai(instance.pret, delais.demarrage).catch((erreur) => {
      if (!instance.arrete) instance.arreter(erreur.message);
      throw Object.assign(erreur, { panne: true });
    });
  }

  const MESSAGE_DEMARRAGE = "Le moteur de calcul n\u2019a pas pu démarrer. Vérifiez votre connexion, puis cliquez "
    + "sur «\u00a0Réessayer\u00a0»\u00a0: vos saisies restent dans le formulaire. Si le problème persiste, "
    + "la ligne de commande décrite plus bas fait le même calcul.";

  // Hors ligne, moteur jamais enregistré dans ce navigateur : « vérifiez votre connexion » ne suffisait pas.
  const MESSAGE_HORS_LIGNE = "Vous êtes hors ligne, et le moteur de calcul n\u2019est pas encore enregistré dans ce "
    + "navigateur. Reconnectez-vous, puis cliquez sur «\u00a0Réessayer\u00a0»\u00a0; pour calculer sans réseau la "
    + "prochaine fois, cliquez, une fois en ligne, sur «\u00a0Disponible hors ligne\u00a0» en bas de page.";

  const MESSAGE_REPUBLIE = "Le site vient d\u2019être mis à jour, et cette page est celle de la version précédente\u00a0: "
    + "rechargez-la pour calculer avec la nouvelle version.";

  function messagePanne(erreur) {
    const duree = erreur.delai ? ` (pas de réponse en ${Math.round(erreur.delai / 1000)}\u00a0secondes)` : "";
    return `Le moteur de calcul s\u2019est arrêté${duree}. Vos saisies sont conservées\u00a0: cliquez de nouveau `
      + "sur «\u00a0Calculer\u00a0», il redémarrera.";
  }

  // --- Saisies gardées le temps de l'onglet (sessionStorage) ------------------------------------

  // Jamais pour les formulaires qui ne partagent pas leurs saisies (lettres : noms et adresses,
  // gardés par lettres.js ; grand livre : un fichier) ; effacées par « Effacer » et par « Effacer
  // mes données ». Rendues seulement au premier montage qui suit un rechargement de cette page.
  const MEMOIRE = "impayes:calculateur:";
  const navigation = (performance.getEntriesByType && performance.getEntriesByType("navigation")[0]) || {};
  let pageRechargee = navigation.type === "reload" ? window.location.pathname : null;

  const memorisable = (formulaire) => formulaire.dataset.partage !== "non";

  function memoriser(formulaire) {
    // Lien pas encore relu (moteur en démarrage, ou qui n'a pas démarré) : le formulaire vide ne
    // doit pas remplacer le lien au rechargement.
    if (!memorisable(formulaire) || formulaire.dataset.lienEnAttente) return;
    try {
      window.sessionStorage.setItem(MEMOIRE + formulaire.dataset.calc, JSON.stringify({
        chemin: window.location.pathname, lien: texteDuLien(), saisies: lireSaisies(formulaire) }));
    } catch (_) { /* stockage refusé ou plein : le formulaire marche sans */ }
  }

  function oublier(formulaire) {
    try {
      window.sessionStorage.removeItem(MEMOIRE + formulaire.dataset.calc);
    } catch (_) { /* rien à oublier */ }
  }

  function saisiesGardees(formulaire) {
    if (!memorisable(formulaire) || pageRechargee !== window.location.pathname) return null;
    try {
      const gardees = JSON.parse(window.sessionStorage.getItem(MEMOIRE + formulaire.dataset.calc));
      if (gardees && gardees.chemin === window.location.pathname && gardees.lien === texteDuLien()
        && gardees.saisies && typeof gardees.saisies === "object") return gardees.saisies;
    } catch (_) { /* illisible : rien à rendre */ }
    return null;
  }

  function remplir(formulaire, saisies) {
    champs(formulaire).forEach((el) => {
      if (!(el.name in saisies)) return;
      if (el.type === "checkbox") el.checked = saisies[el.name] === "oui";
      else el.value = typeof saisies[el.name] === "string" ? saisies[el.name] : "";
    });
    groupes(formulaire).forEach((groupe) => {
      const lignes = saisies[groupe.dataset.repetable];
      if (!Array.isArray(lignes)) return;
      lignesDe(groupe).forEach((ligne) => ligne.remove());
      lignes.forEach((valeurs) => ajouterLigne(groupe, valeurs));
    });
  }

  // « Effacer », d'un clic à côté de « Calculer », vide tout, lignes d'acomptes comprises, et le lien :
  // les saisies restent rétablissables jusqu'à la prochaine frappe.
  function proposerDeRetablir(formulaire, avant) {
    const barre = formulaire.querySelector(".calc-retablir");
    if (!barre) return;
    const message = barre.querySelector("span");
    const bouton = barre.querySelector("button");
    const fermer = () => {
      message.textContent = "";
      bouton.hidden = true;
      formulaire.removeEventListener("input", fermer);
    };
    message.textContent = "Saisies effacées.";
    bouton.hidden = false;
    formulaire.addEventListener("input", fermer);
    bouton.onclick = () => {
      fermer();
      remplir(formulaire, avant.saisies);
      memoriser(formulaire);
      const premier = champs(formulaire)[0];
      if (premier) premier.focus();
      if (avant.resultat) formulaire.requestSubmit();
    };
  }

  // « Effacer mes données » (page des lettres) : les saisies des calculateurs partent aussi.
  document.addEventListener("click", (evenement) => {
    if (!(evenement.target instanceof Element) || !evenement.target.closest("[data-effacer-donnees]")) return;
    try {
      Object.keys(window.sessionStorage).filter((cle) => cle.startsWith(MEMOIRE))
        .forEach((cle) => window.sessionStorage.removeItem(cle));
    } catch (_) { /* stockage interdit : rien à effacer */ }
  });

  // --- Saisies <-> formulaire <-> adresse -------------------------------------------------

  function champs(formulaire) {
    return Array.from(formulaire.querySelectorAll("input[name], select[name], textarea[name]"))
      .filter((el) => !el.closest("[data-repetable]"));
  }

  // Lignes répétées. Une ligne peut contenir ses propres lignes répétées (les acomptes d'une
  // facture) : un `[data-repetable]` dans le gabarit de la ligne. Ses valeurs sont alors une liste
  // sous le nom du groupe (`factures[i].acomptes = [{date, montant}, …]`), ses champs ont pour id
  // `champ-<param>-<rang>-<param imbriqué>-<rang imbriqué>-<clé>`, le groupe lui-même
  // `champ-<param>-<rang>-<nom imbriqué>` (ancre des erreurs sur l'ensemble), et `[data-rang-parent]`
  // y reçoit le rang de la ligne qui le contient.
  const aLui = (ligne, selecteur) => Array.from(ligne.querySelectorAll(selecteur))
    .filter((el) => el.parentElement.closest(".calc-ligne") === ligne);

  function groupes(formulaire) {
    return Array.from(formulaire.querySelectorAll("[data-repetable]"))
      .filter((groupe) => !groupe.parentElement.closest("[data-repetable]"));
  }

  function lignesDe(groupe) {
    return Array.from(groupe.querySelectorAll(":scope > .calc-lignes > .calc-ligne"));
  }

  function ajouterLigne(groupe, valeurs) {
    const modele = groupe.querySelector(":scope > template");
    const ligne = modele.content.firstElementChild.cloneNode(true);
    ligne.querySelectorAll("[data-cle]").forEach((el) => {
      if (valeurs && valeurs[el.dataset.cle] !== undefined && typeof valeurs[el.dataset.cle] !== "object") el.value = valeurs[el.dataset.cle];
    });
    const retirer = ligne.querySelector("[data-retirer]");
    if (retirer) {
      retirer.addEventListener("click", () => {
        ligne.remove();
        numeroter(groupe);
        oublierErreursRetirees(groupe.closest("form"));
        // Le bouton cliqué a disparu : le clavier repart de « Ajouter … » de ce groupe.
        groupe.querySelector(":scope > [data-ajouter]").focus();
      });
    }
    groupe.querySelector(":scope > .calc-lignes").appendChild(ligne);
    numeroterLigne(groupe, ligne, lignesDe(groupe).length);
    aLui(ligne, "[data-repetable]").forEach((imbrique) => {
      imbrique.tabIndex = -1;
      imbrique.querySelector(":scope > [data-ajouter]").addEventListener("click", () => {
        ajouterLigne(imbrique).querySelector("[data-cle]").focus();
      });
      const sous = valeurs && valeurs[imbrique.dataset.repetable];
      if (Array.isArray(sous)) sous.forEach((v) => ajouterLigne(imbrique, v));
    });
    return ligne;
  }

  // Lignes numérotées 1 à n après un retrait, sur place : chaque ligne garde ses valeurs, ses
  // lignes imbriquées et ses messages d'erreur ; seuls changent ses ids et ses « n° ». (Recréer
  // les lignes une à une leur donnait toutes le même rang, donc des ids en double : une erreur
  // rendue par Python pour la ligne 2 s'affichait sur la première ligne trouvée.)
  function numeroter(groupe) {
    lignesDe(groupe).forEach((ligne, i) => numeroterLigne(groupe, ligne, i + 1));
  }

  function numeroterLigne(groupe, ligne, rang) {
    const prefixe = `${groupe.dataset.prefixe || ""}${groupe.dataset.param}-${rang}-`;
    aLui(ligne, "[data-cle]").forEach((el) => renommer(el, `champ-${prefixe}${el.dataset.cle}`));
    aLui(ligne, "label[data-pour]").forEach((etiquette) => {
      const champ = aLui(ligne, "[data-cle]").find((el) => el.dataset.cle === etiquette.dataset.pour);
      if (champ) etiquette.htmlFor = champ.id;
    });
    aLui(ligne, "[data-rang]").forEach((el) => { el.textContent = String(rang); });
    // Pas le groupe imbriqué lui-même : il garde ce rang dans son propre `data-rang-parent`.
    aLui(ligne, "[data-rang-parent]:not([data-repetable])").forEach((el) => { el.textContent = groupe.dataset.rangParent || ""; });
    aLui(ligne, "[data-repetable]").forEach((imbrique) => {
      renommer(imbrique, `champ-${prefixe}${imbrique.dataset.repetable}`);
      imbrique.dataset.prefixe = prefixe;
      imbrique.dataset.rangParent = String(rang);
      numeroter(imbrique);
    });
  }

  // Nouvel id d'un champ (ou d'un groupe) de ligne : son message d'erreur (`erreur-<champ>`,
  // nommé d'après l'id) et le lien du résumé qui y mène le suivent.
  function renommer(el, id) {
    const ancien = el.id;
    if (ancien === id) return;
    el.id = id;
    if (!ancien) return;
    const champAncien = ancien.replace(/^champ-/, "");
    const champNouveau = id.replace(/^champ-/, "");
    const decrit = (el.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    if (decrit.includes(`erreur-${champAncien}`)) {
      const message = el.ownerDocument.getElementById(`erreur-${champAncien}`);
      if (message) message.id = `erreur-${champNouveau}`;
      el.setAttribute("aria-describedby", decrit.map((d) => (d === `erreur-${champAncien}` ? `erreur-${champNouveau}` : d)).join(" "));
    }
    const formulaire = el.closest("form");
    if (formulaire) {
      formulaire.querySelectorAll(".calc-erreurs a").forEach((lien) => {
        if (champsDesLiens.get(lien) === el) lien.setAttribute("href", `#${id}`);
      });
    }
  }

  // Les erreurs d'une ligne retirée partent avec elle : leur entrée du résumé aussi (le lien ne
  // mènerait plus nulle part) ; le titre recompte, le résumé vide se cache.
  function oublierErreursRetirees(formulaire) {
    if (!formulaire) return;
    const resume = formulaire.querySelector(".calc-erreurs");
    if (!resume || resume.hidden) return;
    resume.querySelectorAll("li").forEach((li) => {
      const lien = li.querySelector("a");
      const champ = lien && champsDesLiens.get(lien);
      if (champ && !champ.isConnected) li.remove();
    });
    const reste = resume.querySelectorAll("li").length;
    if (!reste) {
      resume.hidden = true;
      resume.replaceChildren();
      return;
    }
    const titre = resume.querySelector("h2");
    if (titre) titre.textContent = titreErreurs(reste);
  }

  function valeursLigne(ligne) {
    const valeurs = {};
    aLui(ligne, "[data-cle]").forEach((el) => { valeurs[el.dataset.cle] = el.value; });
    aLui(ligne, "[data-repetable]").forEach((imbrique) => {
      valeurs[imbrique.dataset.repetable] = lignesDe(imbrique).map(valeursLigne);
    });
    return valeurs;
  }

  function lireSaisies(formulaire) {
    const saisies = {};
    champs(formulaire).forEach((el) => {
      saisies[el.name] = el.type === "checkbox" ? (el.checked ? "oui" : "") : el.value;
    });
    groupes(formulaire).forEach((groupe) => {
      saisies[groupe.dataset.repetable] = lignesDe(groupe).map(valeursLigne);
    });
    return saisies;
  }

  // Lien partageable : Python le construit (dates ISO, montants au point) et le rend avec le
  // résultat (`lien`) ; il va dans le fragment de l'adresse (#…), que le navigateur n'envoie
  // jamais au serveur. Pour rouvrir un lien (fragment, ou « ?… » des anciens liens), Python le
  // décode et rend les valeurs écrites à la française ; ce script ne fait que remplir les champs.
  function texteDuLien() {
    return window.location.hash.length > 1 ? window.location.hash.slice(1) : window.location.search.slice(1);
  }

  function adresse(formulaire, lien) {
    const url = new URL(window.location.href);
    url.search = "";
    url.hash = lien || "";
    return url;
  }

  // Un lien ouvert : une seule demande au moteur (`lien_calcul`, calculators/api.py), qui lit le
  // lien et, s'il est complet, calcule aussitôt avec les saisies que le formulaire aura une fois
  // rempli. Envoyée dès le montage, avant que Python soit prêt : le worker la traite sitôt prêt, et
  // le premier résultat n'attend plus deux allers-retours entre la page et le worker.
  function demanderLien(instance, formulaire) {
    const promesse = instance.appeler(formulaire.dataset.calc,
      { lien: texteDuLien(), saisies: lireSaisies(formulaire) }, "lien-calcul");
    promesse.catch(() => {});  // attendue par `ouvrirLien` ; un moteur arrêté avant ne doit rien laisser « non traité »
    return { instance, promesse };
  }

  function remplirDepuisLien(formulaire, reponse) {
    if (!reponse.ok) return reponse;
    champs(formulaire).forEach((el) => {
      if (!(el.name in reponse.valeurs)) return;
      if (el.type === "checkbox") el.checked = Boolean(reponse.valeurs[el.name]);
      else el.value = reponse.valeurs[el.name];
    });
    groupes(formulaire).forEach((groupe) => {
      const lignes = reponse.lignes[groupe.dataset.repetable];
      if (!lignes) return;
      lignesDe(groupe).forEach((ligne) => ligne.remove());
      lignes.forEach((valeurs) => ajouterLigne(groupe, valeurs));
    });
    return reponse;
  }

  // Les saisies que Python a calculées sont-elles celles du formulaire rempli ? (Mêmes clés et
  // valeurs, à tout niveau de lignes ; l'ordre des clés ne compte pas.)
  function memesSaisies(a, b) {
    if (a === b) return true;
    if (!a || !b || typeof a !== "object" || typeof b !== "object" || Array.isArray(a) !== Array.isArray(b)) return false;
    const cles = Object.keys(a);
    return cles.length === Object.keys(b).length && cles.every((cle) => Object.hasOwn(b, cle) && memesSaisies(a[cle], b[cle]));
  }

  // --- Affichage ---------------------------------------------------------------------------

  function el(balise, attributs, enfants) {
    const noeud = document.createElement(balise);
    Object.entries(attributs || {}).forEach(([cle, valeur]) => {
      if (cle === "texte") noeud.textContent = valeur;
      else noeud.setAttribute(cle, valeur);
    });
    (enfants || []).forEach((enfant) => noeud.appendChild(enfant));
    return noeud;
  }

  function effacerErreurs(formulaire) {
    formulaire.querySelectorAll(".calc-erreur-champ").forEach((n) => n.remove());
    formulaire.querySelectorAll("[aria-invalid]").forEach((n) => {
      n.removeAttribute("aria-invalid");
      const decrit = (n.getAttribute("aria-describedby") || "").split(" ").filter((id) => !id.startsWith("erreur-"));
      if (decrit.length) n.setAttribute("aria-describedby", decrit.join(" "));
      else n.removeAttribute("aria-describedby");
    });
    const resume = formulaire.querySelector(".calc-erreurs");
    resume.hidden = true;
    resume.replaceChildren();
  }

  // Lien du résumé → son champ : une ligne renumérotée ou retirée met le résumé à jour.
  const champsDesLiens = new WeakMap();

  // Un fichier refusé (poste clients) : rien n'a été saisi, « Une saisie à corriger » se lisait mal.
  const titreErreurs = (nombre, fichier = false) => (fichier ? "Le fichier n\u2019a pas pu être analysé"
    : nombre > 1 ? `${nombre} saisies à corriger` : "Une saisie à corriger");

  function ouvrirReplis(champ) {
    for (let repli = champ.closest("details"); repli; repli = repli.parentElement.closest("details")) repli.open = true;
  }

  function afficherErreurs(formulaire, erreurs) {
    const resume = formulaire.querySelector(".calc-erreurs");
    const liste = el("ul");
    erreurs.forEach((erreur) => {
      const champ = erreur.field ? formulaire.querySelector(`#champ-${CSS.escape(erreur.field)}`) : null;
      const element = champ
        ? el("a", { href: `#champ-${erreur.field}`, texte: erreur.message })
        : el("span", { texte: erreur.message });
      if (champ) {
        champsDesLiens.set(element, champ);
        // Sans stopPropagation, la navigation instantanée de Material traite aussi ce lien
        // d'ancre et recharge le contenu de la page, ce qui retire le focus du champ.
        element.addEventListener("click", (evenement) => {
          evenement.preventDefault();
          evenement.stopPropagation();
          ouvrirReplis(champ);
          champ.focus();
        });
        const id = `erreur-${erreur.field}`;
        if (!document.getElementById(id)) {
          const message = el("p", { class: "calc-erreur-champ", id, texte: erreur.message });
          (champ.closest(".calc-champ") || champ.parentElement).appendChild(message);
          champ.setAttribute("aria-invalid", "true");
          const decrit = champ.getAttribute("aria-describedby");
          champ.setAttribute("aria-describedby", decrit ? `${decrit} ${id}` : id);
        }
        ouvrirReplis(champ);  // un champ fautif dans un repli fermé (« Options de la lettre ») : caché, il ne se corrige pas
      }
      liste.appendChild(el("li", {}, [element]));
    });
    resume.replaceChildren(
      el("h2", { texte: titreErreurs(erreurs.length, erreurs.every((erreur) => erreur.field === "fichier")) }),
      liste,
    );
    resume.hidden = false;
    resume.focus();
  }

  const INSECABLE_MAX = 16;
  const ECRAN_ETROIT = window.matchMedia("screen and (max-width: 44.9375em)");  // celui de calculateurs.css

  // Tableau d'un résultat. `numeriques` (indices) : colonnes alignées à droite ; `insecables`
  // (indices) : numéros de facture, comptes, dates, jamais coupés (sauf en cartes sur un téléphone) ; `details`
  // (indices) : colonnes repliées dans un « Détail » à ouvrir (calcul, article). Chaque cellule
  // porte le titre de sa colonne (data-label) : sur un écran étroit, une ligne devient un bloc
  // de paires libellé / valeur (voir calculateurs.css). `lignes_titrees` : la première cellule
  // nomme sa ligne (« Non échu », « Nombre de factures concernées ») : un en-tête de ligne, que
  // le lecteur d'écran annonce avec chaque valeur, et le titre du bloc sur un écran étroit.
  // `titre_ligne` (indice) : la cellule qui nomme sa ligne sans la titrer (le client d'une balance
  // par client) : un en-tête de ligne pour le lecteur d'écran, affiché comme les autres cellules.
  function tableau(donnees) {
    const replis = donnees.details || [];
    const numeriques = new Set(donnees.numeriques || []);
    const insecables = new Set(donnees.insecables || []);
    const visibles = donnees.colonnes.map((_, i) => i).filter((i) => !replis.includes(i));
    // Un code de plus de 16 caractères (« FAC-2025-000000000000001 ») se replie quand même : sur une
    // ligne, il élargirait le tableau au-delà de l'écran ou de la page imprimée.
    const classe = (i, texte) => (numeriques.has(i) ? "calc-num"
      : insecables.has(i) && String(texte).length <= INSECABLE_MAX ? "calc-insecable" : "");
    // `zero` (facultatif) : le texte d'un montant nul ; sur un écran étroit, la carte d'une ligne
    // ne montre pas ces cellules (une balance par client : dix tranches, presque toutes à zéro).
    // `a_l_ecran` (indices) : colonnes de liens (les lettres d'un client), ni imprimées ni copiées ;
    // chaque cellule y est `{liens: [{texte, titre, url, onglet}]}`, `titre` nommant le lien hors du tableau.
    const ecran = new Set(donnees.a_l_ecran || []);
    const liens = (valeur) => (valeur.liens || []).map((l) => el("a", {
      href: l.url, texte: l.texte, "aria-label": l.titre || l.texte, ...(l.onglet ? { target: "_blank", rel: "noopener" } : {}) }));
    // Une cellule `{texte, note}` : une valeur et, sous elle, ce qui la précise (« 3 postes » sous le
    // montant d'une tranche de la balance par client).
    const note = (valeur) => (valeur && typeof valeur === "object" && "note" in valeur);
    // La cellule qui nomme sa ligne (`titre_ligne`) : un <th scope="row">, de classe calc-entete-ligne.
    const enTete = (i, pied) => i === donnees.titre_ligne && !pied;
    const cellule = (ligne, i, pied) => {
      if (ecran.has(i)) {
        return el("td", { class: "calc-a-l-ecran", "data-label": donnees.colonnes[i] },
          typeof ligne[i] === "object" ? liens(ligne[i]) : []);
      }
      const texte = note(ligne[i]) ? ligne[i].texte : ligne[i];
      const classes = [classe(i, texte), donnees.zero !== undefined && ligne[i] === donnees.zero ? "calc-zero" : "",
        enTete(i, pied) ? "calc-entete-ligne" : ""].join(" ").trim();
      const attributs = { ...(enTete(i, pied) ? { scope: "row" } : {}), class: classes, "data-label": donnees.colonnes[i] };
      return note(ligne[i])
        ? el(enTete(i, pied) ? "th" : "td", attributs, [el("span", {}, [
          document.createTextNode(texte), el("span", { class: "calc-note", texte: ligne[i].note })])])
        : el(enTete(i, pied) ? "th" : "td", { ...attributs, texte });
    };
    const detail = (ligne) => el("td", { class: "calc-detail", "data-label": "Détail" }, [
      el("details", {}, [
        el("summary", { texte: replis.map((i, k) => (k ? donnees.colonnes[i].toLowerCase() : donnees.colonnes[i])).join(" et ") }),
        ...replis.map((i) => el("p", {}, [el("strong", { texte: `${donnees.colonnes[i]}\u00a0: ` }),
          document.createTextNode(ligne[i])])),
      ]),
    ]);
    // Pied : sa première cellule nomme la ligne (« Total », « Point de départ ») ; elle ne prend
    // pas l'en-tête de sa colonne, qui la ferait lire « Méthode : Point de départ » en bloc.
    const libelle = (ligne, i) => el("td", { class: "calc-pied-libelle", texte: ligne[i] });
    const titre = (ligne, i) => el("th", { scope: "row", class: "calc-titre-ligne", texte: ligne[i] });
    const premiere = (ligne, i, pied) => (pied ? libelle(ligne, i) : donnees.lignes_titrees ? titre(ligne, i) : cellule(ligne, i, pied));
    const rangee = (ligne, pied) => el("tr", {}, [
      ...visibles.map((i, k) => (k === 0 ? premiere(ligne, i, pied) : cellule(ligne, i, pied))),
      ...(replis.length ? [pied ? el("td", { class: "calc-detail" }) : detail(ligne)] : []),
    ]);
    const tete = el("thead", {}, [el("tr", {}, [
      ...visibles.map((i) => el("th", { scope: "col", class: ecran.has(i) ? "calc-a-l-ecran" : numeriques.has(i) ? "calc-num" : "",
        texte: donnees.colonnes[i] })),
      ...(replis.length ? [el("th", { scope: "col", texte: "Détail" })] : []),
    ])]);
    const enfants = [el("caption", { texte: donnees.titre }), tete,
      el("tbody", {}, donnees.lignes.map((ligne) => rangee(ligne, false)))];
    if (donnees.pied) enfants.push(el("tfoot", {}, [rangee(donnees.pied, true)]));
    // Une classe : les styles de tableau de Material (table:not([class])) ne s'appliquent pas.
    const table = el("table", { class: "calc-table" }, enfants);
    // Atteignable au clavier d'abord : l'observateur (plus bas) ne le retire qu'une fois la mise en
    // page faite, si rien ne défile ; l'inverse laisserait un instant un cadre qui défile hors d'atteinte.
    // `tient_sur_telephone` : quatre ou cinq colonnes courtes, gardées en tableau sur un écran étroit.
    const region = el("div", { class: donnees.tient_sur_telephone ? "calc-tableau calc-tient" : "calc-tableau",
      ...(donnees.tient_sur_telephone ? { "data-tient": "" } : {}),
      role: "region", tabindex: "0", "aria-label": donnees.titre }, [table]);
    defilement.observe(region);
    defilement.observe(table);  // un « Détail » ouvert élargit le tableau, pas son cadre
    return region;
  }

  // Un tableau plus large que son cadre défile : son cadre se prend alors au clavier (flèches),
  // et lui seul ; les tableaux qui tiennent ne sont pas autant d'arrêts de la touche Tab.
  const defilement = new ResizeObserver((entrees) => {
    entrees.forEach(({ target }) => ajusterArret(target.closest(".calc-tableau")));
  });

  // La largeur du tableau lui-même, comparée à son cadre. Celui qui a le focus le garde (le perdre
  // renverrait le clavier en haut de la page). Le repère « région » va avec : nommé comme le tableau,
  // il n'est utile que pour atteindre celui qui défile ; sur chaque cadre, onze repères du poste
  // clients encombraient la liste des repères, et chaque titre était lu deux fois.
  function ajusterArret(region) {
    if (!region) return;
    const table = region.querySelector("table");
    // Gardé en tableau sur un écran étroit (`calc-tient`), mais plus large que lui (des montants de
    // plusieurs millions) : en cartes comme les autres, plutôt qu'une dernière colonne hors de vue.
    // Essayé en tableau à chaque changement de taille, pas seulement le premier : un écran un instant
    // plus étroit (fenêtre réduite, capture de la page entière) le laissait en cartes pour de bon.
    // L'essai et son retrait se font avant tout affichage : rien ne clignote.
    if (region.hasAttribute("data-tient")) {
      const avant = region.classList.contains("calc-tient");
      region.classList.add("calc-tient");
      const tient = !ECRAN_ETROIT.matches || table.offsetWidth <= region.clientWidth;
      region.classList.toggle("calc-tient", tient);
      if (tient !== avant) return;  // l'observateur revient avec la nouvelle taille
    }
    if (table.offsetWidth > region.clientWidth) {
      region.setAttribute("tabindex", "0");
      region.setAttribute("role", "region");
      region.setAttribute("aria-label", table.caption ? table.caption.textContent : "");
    } else if (document.activeElement !== region) {
      ["tabindex", "role", "aria-label"].forEach((nom) => region.removeAttribute(nom));
    }
  }

  // Le titre d'un encadré (« À vérifier », « Méthode ») est un titre de niveau 3, comme « Sources » :
  // le lecteur d'écran les parcourt d'un titre à l'autre.
  function encadre(type, titre, elements) {
    return el("div", { class: `admonition ${type}` }, [
      el("h3", { class: "admonition-title", texte: titre }),
      el("ul", {}, elements.map((texte) => el("li", { texte }))),
    ]);
  }

  function apercu(html) {
    const doc = new DOMParser().parseFromString(html, "text/html");
    doc.body.querySelectorAll("script, style, iframe, object, embed, link, meta, form").forEach((n) => n.remove());
    doc.body.querySelectorAll("*").forEach((n) => {
      Array.from(n.attributes).forEach((a) => {
        if (/^on/i.test(a.name) || /^\s*javascript:/i.test(a.value)) n.removeAttribute(a.name);
      });
    });
    const cadre = el("div", { class: "calc-apercu", role: "document", "aria-label": "Aperçu de la lettre" });
    cadre.append(...Array.from(doc.body.childNodes).map((n) => document.importNode(n, true)));
    return cadre;
  }

  function afficherResultat(formulaire, zone, rendu, lienPartage) {
    const lien = adresse(formulaire, lienPartage);
    const resume = el("dl", { class: "calc-resume" });
    // Le résumé vient de Python déjà ordonné, le chiffre à retenir d'abord (commun/affichage.py).
    rendu.resume.forEach((ligne) => {
      resume.appendChild(el("div", { "data-cle": ligne.cle || "", "data-etat": ligne.etat || "" }, [
        el("dt", { texte: ligne.libelle }), el("dd", { texte: ligne.valeur }),
      ]));
    });
    const etat = el("p", { class: "calc-confirmation", role: "status" });
    const bouton = (texte, action) => {
      const b = el("button", { type: "button", class: "md-button", texte });
      b.addEventListener("click", action);
      return b;
    };
    const copier = async (texte, message) => {
      try {
        await navigator.clipboard.writeText(texte);
        etat.textContent = message;
      } catch (_) {
        etat.textContent = "La copie a été refusée par le navigateur\u00a0: sélectionnez le texte à la main.";
      }
    };
    // `fichiers` (facultatif) : [{nom, type, contenu}] produits par Python, offerts tels quels ;
    // avec `encodage: "base64"` (fichier binaire, .odt), `contenu` est décodé en octets, sans plus.
    // Sans `contenu`, `demande` ({nom, operation, saisies}) : le moteur le produit au clic
    // (exports du poste clients), réponse `{ok, fichier}` ou refus en français.
    const telecharger = async (f, b) => {
      let fichier = f;
      if (f.contenu === undefined && f.demande) {
        if (b.getAttribute("aria-busy") === "true") return;
        b.setAttribute("aria-busy", "true");
        etat.textContent = `Préparation de ${f.telechargement || f.nom}…`;
        try {
          // L'adresse de la page (sans le fragment) : Python en fait celle des lettres citées par l'export.
          const saisies = { ...f.demande.saisies, adresse: location.href.split("#")[0] };
          const reponse = await appelerBorne(obtenirMoteur(), f.demande.nom, saisies, f.demande.operation);
          if (!reponse.ok) {
            etat.textContent = reponse.erreurs.map((e) => e.message).join(" ");
            return;
          }
          fichier = reponse.fichier;
          etat.textContent = "";
        } catch (erreur) {
          etat.textContent = erreur.panne ? messagePanne(erreur)
            : "L\u2019export a échoué à cause d\u2019une erreur interne du calculateur\u00a0; merci de signaler ce cas.";
          return;
        } finally {
          b.removeAttribute("aria-busy");
        }
      }
      const contenu = fichier.encodage === "base64"
        ? Uint8Array.from(atob(fichier.contenu), (c) => c.charCodeAt(0)) : fichier.contenu;
      const url = URL.createObjectURL(new Blob([contenu], { type: fichier.type || "application/octet-stream" }));
      // `telechargement` : le nom du fichier enregistré, s'il diffère de celui de l'export (date d'analyse).
      el("a", { href: url, download: fichier.telechargement || fichier.nom }).click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    };
    const champLien = el("input", { type: "text", readonly: "", class: "calc-lien", value: lien.href,
      "aria-label": "Lien partageable vers ce calcul" });
    const enfants = [
      el("h2", { texte: `Résultat\u00a0: ${rendu.titre.toLowerCase()}`, tabindex: "-1" }),
      resume,
      el("p", { class: "calc-phrase", texte: rendu.phrase }),
    ];
    // Pour l'impression : les saisies (relues par Python) et le jour du calcul.
    if (rendu.saisies && rendu.saisies.length) {
      enfants.push(el("dl", { class: "calc-saisies" }, rendu.saisies.map((s) => el("div", {}, [
        el("dt", { texte: s.libelle }), el("dd", { texte: s.valeur })]))));
    }
    // Imprimé seulement : la date du calcul et le lien en clair.
    const partage = formulaire.dataset.partage !== "non";
    enfants.push(el("p", { class: "calc-imprime", texte: [rendu.date, partage ? lien.href : ""].filter(Boolean).join(" — ") }));
    // `apercu_html` (facultatif, lettres types) : HTML produit par Jinja2 en Python, échappement
    // automatique actif. Analysé hors du document (DOMParser : aucun script n'y tourne), débarrassé
    // par prudence de tout script, style, cadre et attribut on*, puis inséré.
    const avertissements = rendu.avertissements.length ? encadre("warning", "À vérifier", rendu.avertissements) : null;
    if (rendu.apercu_html) {
      // Une lettre s'imprime depuis son aperçu, sans descendre plus bas : ce qu'il faut y vérifier
      // (une date limite un samedi, un taux non confirmé) vient avant elle.
      if (avertissements) enfants.push(avertissements);
      enfants.push(apercu(rendu.apercu_html));
    }
    // `liens` (facultatif) : suites proposées par le calculateur, URL relatives à la page.
    // `onglet` : ouvert dans un nouvel onglet (le résultat reste là où on l'a laissé).
    if (rendu.liens && rendu.liens.length) {
      if (rendu.liens_titre) enfants.push(el("p", { class: "calc-liens-titre", texte: rendu.liens_titre }));
      enfants.push(el("ul", { class: "calc-liens" }, rendu.liens.map((l) =>
        el("li", {}, [el("a", l.onglet ? { href: l.url, texte: l.libelle, target: "_blank", rel: "noopener",
          "aria-label": `${l.libelle} (nouvel onglet)` } : { href: l.url, texte: l.libelle })]))));
    }
    if (avertissements && !rendu.apercu_html) enfants.push(avertissements);
    rendu.tableaux.forEach((t) => enfants.push(tableau(t)));
    enfants.push(encadre("note", "Méthode", rendu.notes));
    enfants.push(el("h3", { texte: "Sources" }), el("ul", { class: "calc-sources" }, rendu.sources.map((s) =>
      el("li", {}, [s.url ? el("a", { href: s.url, texte: s.libelle }) : el("span", { texte: s.libelle })]))));
    enfants.push(el("div", { class: "calc-actions" }, [
      bouton("Copier le résultat", () => copier(rendu.texte, "Résultat copié.")),
      bouton("Imprimer", () => window.print()),
      ...(formulaire.dataset.partage === "non" ? [] : [
        bouton("Copier le lien", () => copier(lien.href, "Lien copié : il rouvre ce calcul avec les mêmes saisies."))]),
      ...(rendu.fichiers || []).map((f) => bouton(f.libelle || `Télécharger ${f.nom}`, (e) => telecharger(f, e.currentTarget))),
    ]));
    // data-partage="non" (lettres : noms et adresses) : les saisies ne vont pas dans l'adresse.
    if (partage) enfants.push(el("p", { class: "calc-lien-bloc" }, [el("span", { texte: "Lien partageable\u00a0: " }), champLien]));
    enfants.push(etat);
    zone.replaceChildren(...enfants);
    zone.hidden = false;
    // À l'impression, la page ne garde que ce résultat (impression.css).
    document.body.classList.add("calc-avec-resultat");
    // L'adresse garde les saisies : recharger ou partager rouvre le même calcul.
    if (partage) history.replaceState(history.state, "", lien.href);
    memoriser(formulaire);
  }

  // --- Montage -------------------------------------------------------------------------------

  function definirEtat(formulaire, etat, message) {
    formulaire.dataset.calcState = etat;
    if (etat === "busy") formulaire.setAttribute("aria-busy", "true");
    else formulaire.removeAttribute("aria-busy");
    formulaire.querySelectorAll(".calc-reessayer").forEach((bouton) => bouton.remove());
    const statut = formulaire.querySelector(".calc-etat");
    statut.textContent = message || "";
    statut.hidden = !message;
  }

  // Démarrage manqué : le message, et « Réessayer » qui relance un moteur neuf sans recharger la
  // page, puis fait ce qui attendait le moteur (`suite`). Le détail va à la console. Après un clic
  // sur « Calculer » (`parUtilisateur`), le message est amené à l'écran et reçoit le focus : en
  // haut du formulaire, il restait hors de vue, et le clic semblait sans effet.
  function echecDemarrage(formulaire, zone, erreur, suite, parUtilisateur) {
    console.warn(`Moteur de calcul : ${erreur && erreur.message || erreur}`);
    // HTTP 409 : le service worker refuse le Python d'une version du site publiée depuis que cette
    // page est en cache (sw.js, `servir`) ; réessayer n'y change rien, recharger donne la nouvelle.
    const republie = /HTTP 409\b/.test(erreur && erreur.message || "");
    const jamaisEnregistre = !navigator.onLine && document.documentElement.dataset.horsLigne !== "complet";
    definirEtat(formulaire, "error", republie ? MESSAGE_REPUBLIE : jamaisEnregistre ? MESSAGE_HORS_LIGNE : MESSAGE_DEMARRAGE);
    const bouton = el("button", { type: "button", class: "md-button calc-reessayer",
      texte: republie ? "Recharger la page" : "Réessayer" });
    bouton.addEventListener("click", () => (republie ? window.location.reload() : preparer(formulaire, zone, suite, true)));
    formulaire.querySelector(".calc-etat").after(bouton);
    if (parUtilisateur) montrerEtat(formulaire);
  }

  function montrerEtat(formulaire) {
    const statut = formulaire.querySelector(".calc-etat");
    statut.tabIndex = -1;
    statut.focus({ preventScroll: true });
    statut.scrollIntoView({ block: "center" });
  }

  // Démarre le moteur (ou le reprend) pour ce formulaire ; `suite(instance)` une fois prêt.
  // `suite` : le calcul d'un lien ouvert ou d'une page rechargée, fait avant tout autre travail
  // qui attend le moteur (index de recherche, mise en cache hors ligne : `occuper`, moteur.js).
  function preparer(formulaire, zone, suite, parUtilisateur = false) {
    const instance = obtenirMoteur();
    definirEtat(formulaire, "loading", "Chargement du moteur de calcul (Python dans votre navigateur)…");
    const fini = demarrage(instance).then(() => {
      if (formulaire.dataset.calcState === "loading") definirEtat(formulaire, "ready", "");
      return suite ? suite(instance) : null;
    }, (erreur) => echecDemarrage(formulaire, zone, erreur, suite, parUtilisateur));
    if (suite) instance.occuper(fini);
  }

  async function soumettre(formulaire, zone, parUtilisateur) {
    if (formulaire.dataset.calcState === "busy") return;  // un calcul à la fois
    effacerErreurs(formulaire);
    const instance = obtenirMoteur();
    if (formulaire.dataset.calcState !== "ready") {
      definirEtat(formulaire, "loading", "Le moteur de calcul démarre\u00a0; le résultat s\u2019affichera dès qu\u2019il sera prêt…");
    }
    try {
      await demarrage(instance);
    } catch (erreur) {
      echecDemarrage(formulaire, zone, erreur, () => soumettre(formulaire, zone, parUtilisateur), parUtilisateur);
      return;
    }
    definirEtat(formulaire, "busy", "");
    // Indicateur : la roue du bouton tout de suite (calculateurs.css), la phrase si cela dure.
    const annonce = setTimeout(() => {
      if (formulaire.dataset.calcState === "busy") definirEtat(formulaire, "busy", "Calcul en cours…");
    }, 400);
    let reponse;
    try {
      reponse = await appelerBorne(instance, formulaire.dataset.calc, lireSaisies(formulaire));
    } catch (erreur) {
      clearTimeout(annonce);
      if (erreur.panne) {
        // Moteur arrêté ou muet : il est abandonné, le prochain « Calculer » en démarre un neuf.
        console.warn(`Moteur de calcul arrêté : ${erreur.message}`);
        definirEtat(formulaire, "error", messagePanne(erreur));
        if (parUtilisateur) montrerEtat(formulaire);
        return;
      }
      // Une exception dans le worker : un défaut du calculateur, pas une faute de saisie.
      console.warn(`Erreur interne du moteur : ${erreur.message}`);
      reponse = { ok: false, erreurs: [{ field: "", message: "Le calcul a échoué à cause d\u2019une erreur interne "
        + "du calculateur. Vos saisies sont conservées\u00a0; merci de signaler ce cas." }] };
    }
    clearTimeout(annonce);
    definirEtat(formulaire, "ready", "");
    montrer(formulaire, zone, reponse, parUtilisateur);
  }

  // La réponse du moteur affichée : le résultat, ou les erreurs au champ. Comme le résumé
  // d'erreurs, l'utilisateur qui a cliqué « Calculer » est mené au résultat (focus sur son titre).
  // La zone du résultat n'est pas une région vivante (aria-live) : un lecteur d'écran y relisait
  // tout, tableaux compris (15 000 caractères pour un grand livre), en plus du titre.
  // Erreur interne : la page montre un message court avec sa référence ; le détail va à la console
  // (pour le signalement), d'où que vienne la réponse : calcul, lien ouvert, lettre, grand livre.
  function montrer(formulaire, zone, reponse, parUtilisateur) {
    if (reponse.interne) console.warn(`Erreur interne ${reponse.interne.reference}\n${reponse.interne.detail}`);
    if (!reponse.ok) {
      zone.hidden = true;
      zone.replaceChildren();
      delete zone.dataset.resultat;
      afficherErreurs(formulaire, reponse.erreurs);
      return;
    }
    afficherResultat(formulaire, zone, reponse.affichage, reponse.lien);
    zone.dataset.resultat = "ok";
    if (parUtilisateur) {
      const titre = zone.querySelector("h2");
      titre.focus({ preventScroll: true });
      titre.scrollIntoView({ block: "start" });
    }
  }

  // Qui ouvre un lien partagé vient pour son résultat, placé sous le formulaire (plus d'un écran plus
  // bas, sur un téléphone comme sur un portable) : la page y défile, sans prendre le focus, si le
  // lecteur n'a pas déjà fait défiler la page lui-même pendant le calcul.
  function montrerAuLecteur() {
    const titre = document.querySelector(".calc-resultat[data-resultat=ok] h2");
    if (titre && window.scrollY < 10) titre.scrollIntoView({ block: "start" });
  }

  // Un lien partagé affiche son résultat sans clic, s'il porte au moins les champs requis
  // (un lien qui ne pré-remplit qu'un montant attend que l'utilisateur complète).
  // `demande` : celle envoyée au montage (`demanderLien`), si elle l'a été à ce moteur-ci (pas à
  // un moteur arrêté depuis, que « Réessayer » a remplacé).
  function ouvrirLien(formulaire, zone, instance, demande) {
    if (!texteDuLien()) return null;  // lettres.js l'a déjà pris (page des lettres)
    const envoyee = demande && demande.instance === instance ? demande : demanderLien(instance, formulaire);
    return borner(instance, formulaire.dataset.calc, envoyee.promesse).then((reponse) => {
      delete formulaire.dataset.lienEnAttente;
      remplirDepuisLien(formulaire, reponse);
      if (reponse.erreurs && reponse.erreurs.length) afficherErreurs(formulaire, reponse.erreurs);
      else if (reponse.calcul && memesSaisies(lireSaisies(formulaire), reponse.saisies)) {
        effacerErreurs(formulaire);
        montrer(formulaire, zone, reponse.calcul, false);
        return Promise.resolve().then(montrerAuLecteur);  // comme après `soumettre`
      } else if (reponse.complet) return soumettre(formulaire, zone, false).then(montrerAuLecteur);
      return null;
    }, (erreur) => {
      if (erreur.panne) definirEtat(formulaire, "error", messagePanne(erreur));
      console.warn(`Lien non relu : ${erreur.message}`);
    });
  }

  function monter(formulaire) {
    if (formulaire.dataset.calcMonte) return;
    formulaire.dataset.calcMonte = "oui";
    const zone = document.getElementById(formulaire.dataset.resultat);
    groupes(formulaire).forEach((groupe) => {
      groupe.querySelector(":scope > [data-ajouter]").addEventListener("click", () => {
        const ligne = ajouterLigne(groupe);
        ligne.querySelector("[data-cle]").focus();
      });
    });
    formulaire.addEventListener("submit", (evenement) => {
      evenement.preventDefault();
      soumettre(formulaire, zone, true);
    });
    formulaire.addEventListener("reset", () => {
      // Avant que le navigateur vide les champs : « reset » part avant.
      const avant = { saisies: lireSaisies(formulaire), resultat: !zone.hidden };
      effacerErreurs(formulaire);
      groupes(formulaire).forEach((g) => lignesDe(g).forEach((l) => l.remove()));
      zone.hidden = true;
      zone.replaceChildren();
      document.body.classList.remove("calc-avec-resultat");
      history.replaceState(history.state, "", window.location.pathname);
      oublier(formulaire);
      proposerDeRetablir(formulaire, avant);
    });
    // Saisies gardées pour un rechargement : à chaque frappe, ligne ajoutée ou retirée, départ.
    if (memorisable(formulaire)) {
      const garder = () => memoriser(formulaire);
      formulaire.addEventListener("input", garder);
      formulaire.addEventListener("change", garder);
      formulaire.addEventListener("click", (evenement) => {
        if (evenement.target.closest("[data-retirer], [data-ajouter]")) setTimeout(garder, 0);
      });
      window.addEventListener("pagehide", () => { if (formulaire.isConnected) garder(); });
    }
    const gardees = saisiesGardees(formulaire);
    if (gardees) {
      // Rechargement : les saisies tapées reviennent ; avec un lien (dernier calcul), le résultat aussi.
      remplir(formulaire, gardees);
      preparer(formulaire, zone, texteDuLien() ? () => soumettre(formulaire, zone, false) : null);
    } else {
      // Un formulaire qui ne partage pas ses saisies n'en reçoit pas de l'adresse (poste clients : un
      // lien fabriqué préremplissait ses réglages et lançait une analyse sans fichier ; les lettres
      // lisent le leur elles-mêmes, lettres.js).
      const lien = memorisable(formulaire) && texteDuLien();
      if (lien) formulaire.dataset.lienEnAttente = "oui";
      const demande = lien ? demanderLien(obtenirMoteur(), formulaire) : null;
      preparer(formulaire, zone, lien ? (instance) => ouvrirLien(formulaire, zone, instance, demande) : null);
    }
  }

  // Accès direct au moteur, pour la console et les tests de parité Pyodide / CPython :
  // mêmes saisies, même fonction `calculators.api.run`.
  window.calculateurs = {
    delais,
    appeler(nom, saisies) {
      const instance = obtenirMoteur();
      return demarrage(instance).then(() => appelerBorne(instance, nom, saisies));
    },
    // Pour une page qui obtient elle-même la réponse du moteur (poste-clients.js : un fichier lu
    // par morceaux) : les saisies de son formulaire, la réponse affichée comme après « Calculer »,
    // et un tableau seul (lignes d'un long tableau ajoutées à la demande).
    saisies: lireSaisies,
    tableau,
    // Pour une page qui remplit elle-même ses lignes (lettres.js : stockage local, lien) : sans focus.
    ajouterLigne,
    valeursLigne,
    afficher(formulaire, reponse, parUtilisateur) {
      effacerErreurs(formulaire);
      montrer(formulaire, document.getElementById(formulaire.dataset.resultat), reponse, parUtilisateur);
    },
    // Le moteur n'a pas démarré pour une page qui l'attendait elle-même : le message commun et
    // « Réessayer », qui fait `suite` une fois le moteur prêt (poste-clients.js : relire le fichier).
    demarrageManque(formulaire, erreur, suite) {
      echecDemarrage(formulaire, document.getElementById(formulaire.dataset.resultat), erreur, suite, true);
    },
  };

  function monterTout() {
    document.body.classList.remove("calc-avec-resultat");  // nouvelle page : pas encore de résultat
    document.querySelectorAll("form[data-calc]").forEach(monter);
    pageRechargee = null;  // les saisies gardées ne reviennent qu'une fois, sur la page rechargée
  }

  if (window.document$) window.document$.subscribe(monterTout);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", monterTout);
  else monterTout();
})();
