// Page « Analyse du poste clients » : le fichier (FEC ou tableau de factures) va au moteur Python
// par morceaux, puis le résultat s'affiche comme celui des autres calculateurs.
//
// Ce script ne calcule ni ne met en forme rien : il lit le fichier choisi ou déposé par tranches
// (`File.slice`, un mégaoctet), transfère chaque tranche au Web Worker (opérations
// `portefeuille-debut`, `portefeuille-morceau`, `portefeuille-resultat` de moteur.worker.mjs),
// montre l'avancement, et passe la réponse à `window.calculateurs.afficher` (calculateurs.js).
// Le fichier ne quitte jamais le navigateur.
// - Le formulaire des réglages est écrit depuis le registre Python (`<!-- formulaire portefeuille -->`)
//   et monté par calculateurs.js ; « Calculer » est intercepté ici : le résultat est redemandé à
//   l'analyse gardée dans le worker, sans relire le fichier, sauf si un réglage de lecture
//   (préfixes des comptes, colonnes) a changé.
// - Un tableau de factures aux colonnes non reconnues : Python rend les noms des colonnes
//   (`entetes`), proposés dans des listes ; « Relire » relit le fichier avec la correspondance.
// Sur les autres pages, ce script ne fait rien.
(function () {
  "use strict";

  const MORCEAU = 1 << 20;  // octets par tranche
  const LIGNES_DEBUT = 25;   // lignes montrées d'abord dans chaque tableau
  const LIGNES_PLUS = 100;   // lignes de plus à chaque clic
  const SELECTEUR = 'form.calc[data-calc="portefeuille"]';
  const nombre = new Intl.NumberFormat("fr-FR");

  let fichier = null;   // le File choisi ou déposé
  let lu = null;        // { fichier, cle } : ce que l'analyse du worker contient
  let jeton = 0;        // une nouvelle lecture arrête la précédente
  let occupe = false;
  // « Calculer » pendant une analyse (celle qui part seule au choix du fichier) : refaite dès sa fin,
  // avec les réglages d'alors. Ignoré, le clic laissait afficher le résultat d'une autre date
  // d'analyse que celle du formulaire.
  let aRefaire = false;

  const bloc = () => document.getElementById("pc-fichier");
  const formulaire = () => document.querySelector(SELECTEUR);

  function annoncer(message) {
    const annonce = bloc().querySelector(".pc-annonce");
    annonce.textContent = message;
  }

  // La même barre sert deux fois : la lecture du fichier (en octets), puis le calcul, compte par
  // compte (des dizaines de secondes pour un million de lignes). `data-phase` dit laquelle, ou
  // « attente » : le fichier est choisi, le moteur démarre ou finit sa mise en train.
  function barre(phase, pourcent, texte) {
    const cadre = bloc().querySelector(".pc-progression");
    cadre.hidden = false;
    cadre.dataset.phase = phase;
    cadre.querySelector("label").textContent = phase === "analyse" ? "Analyse des comptes" : "Lecture du fichier";
    cadre.querySelector("progress").value = pourcent;
    cadre.querySelector(".pc-progression-texte").textContent = texte;
  }

  function progression(octets, total, lignes) {
    const pourcent = total ? Math.min(100, Math.floor((octets * 100) / total)) : 100;
    barre("lecture", pourcent, `${pourcent}\u00a0% — ${nombre.format(lignes)}\u00a0lignes lues`);
    return pourcent;
  }

  const comptes = (n) => `${nombre.format(n)}\u00a0${n > 1 ? "comptes analysés" : "compte analysé"}`;

  function avancement(faits, total) {
    barre("analyse", total ? Math.floor((faits * 100) / total) : 100, faits < total
      ? `${comptes(faits)} sur ${nombre.format(total)}`
      : `${comptes(total)}\u00a0; mise en forme des tableaux…`);
  }

  // Réglages de lecture : préfixes des comptes et correspondance des colonnes (lignes du
  // formulaire, puis choix de l'étape de correspondance).
  function reglagesLecture(saisies) {
    const colonnes = (saisies.colonnes || []).filter((l) => (l.champ || "").trim() || (l.nom || "").trim());
    bloc().querySelectorAll(".pc-colonnes select[data-champ]").forEach((liste) => {
      if (liste.value) colonnes.push({ champ: liste.dataset.champ, nom: liste.value });
    });
    return { clients: saisies.clients, fournisseurs: saisies.fournisseurs, colonnes };
  }

  // `colonnes` (Python) : {reconnues: {champ: colonne}, manquantes: [champ], fautive: champ dont la
  // colonne ne se lit pas, exemples: {colonne: valeur de la première ligne de données}}, montrées
  // dans les listes. Les colonnes reconnues sont déjà choisies ; les listes manquantes ou fautives
  // sont marquées, décrites par le message, et le lien du résumé des erreurs mène à la première (il
  // menait au champ du fichier).
  function proposerColonnes(entetes, colonnes, message) {
    const cadre = bloc().querySelector(".pc-colonnes");
    const reconnues = (colonnes && colonnes.reconnues) || {};
    const aCorriger = aRevoir(colonnes);
    const exemples = (colonnes && colonnes.exemples) || {};
    let aide = cadre.querySelector("#pc-colonnes-manque");
    if (!aide) {
      aide = document.createElement("p");
      aide.id = "pc-colonnes-manque";
      aide.className = "calc-erreur-champ";
      cadre.querySelector(".calc-aide").after(aide);
    }
    aide.textContent = aCorriger.length ? message : "";
    aide.hidden = !aCorriger.length;
    cadre.querySelectorAll("select[data-champ]").forEach((liste) => {
      const choisi = liste.value || reconnues[liste.dataset.champ] || "";
      liste.replaceChildren(new Option("— aucune —", ""), ...entetes.map((nom) =>
        new Option(exemples[nom] ? `${nom} (ex. : ${exemples[nom]})` : nom, nom)));
      if (entetes.includes(choisi)) liste.value = choisi;
      const manque = aCorriger.includes(liste.dataset.champ);
      if (manque) {
        liste.setAttribute("aria-invalid", "true");
        liste.setAttribute("aria-describedby", aide.id);
      } else {
        liste.removeAttribute("aria-invalid");
        liste.removeAttribute("aria-describedby");
      }
    });
    cadre.hidden = false;
  }

  function aRevoir(colonnes) {
    if (!colonnes) return [];
    return (colonnes.fautive ? [colonnes.fautive] : []).concat(colonnes.manquantes || []);
  }

  // Le fichier n'est pas en cause, seulement ses colonnes : le message quitte le champ du fichier
  // (il y était une deuxième fois, avant de l'être une troisième à côté des listes).
  function menerALaPremiereListe(form, colonnes) {
    const premiere = aRevoir(colonnes)[0];
    const liste = premiere && bloc().querySelector(`.pc-colonnes select[data-champ="${CSS.escape(premiere)}"]`);
    const lien = liste && form.querySelector('.calc-erreurs a[href="#champ-fichier"]');
    if (!lien) return;
    const fichier = form.querySelector("#champ-fichier");
    form.querySelector("#erreur-fichier")?.remove();
    fichier.removeAttribute("aria-invalid");
    const decrit = (fichier.getAttribute("aria-describedby") || "").split(" ").filter((id) => id && id !== "erreur-fichier");
    if (decrit.length) fichier.setAttribute("aria-describedby", decrit.join(" "));
    else fichier.removeAttribute("aria-describedby");
    const nouveau = lien.cloneNode(true);  // sans l'écouteur qui menait au champ du fichier
    nouveau.href = `#${liste.id}`;
    nouveau.addEventListener("click", (evenement) => {
      evenement.preventDefault();
      evenement.stopPropagation();
      liste.focus();
    });
    lien.replaceWith(nouveau);
  }

  // Nouveau fichier, ou « Effacer » : la correspondance choisie pour un autre fichier ne vaut plus
  // (appliquée au fichier suivant, elle faisait refuser un tableau aux colonnes bien reconnues).
  // Listes vidées et cachées ; Python les proposera de nouveau si ce fichier en a besoin.
  function oublierColonnes() {
    const cadre = bloc().querySelector(".pc-colonnes");
    cadre.querySelectorAll("select[data-champ]").forEach((liste) => liste.replaceChildren());
    cadre.hidden = true;
  }

  // Un long tableau ne montre d'abord que ses premières lignes (construire et mettre en page des
  // milliers de cellules d'un coup bloquerait la page) ; un bouton ajoute les suivantes, construites
  // par calculateurs.js comme les autres. Avant une impression, tout est ajouté.
  function afficherParTranches(form, reponse, focaliser) {
    const complets = reponse.affichage.tableaux;
    const court = complets.map((t) => ({ ...t, lignes: t.lignes.slice(0, LIGNES_DEBUT) }));
    window.calculateurs.afficher(form, { ...reponse, affichage: { ...reponse.affichage, tableaux: court } }, focaliser);
    const regions = document.getElementById(form.dataset.resultat).querySelectorAll(".calc-tableau");
    complets.forEach((t, rang) => {
      if (t.lignes.length <= LIGNES_DEBUT) return;
      const region = regions[rang];
      const corps = region.querySelector("tbody");
      const bouton = document.createElement("button");
      bouton.type = "button";
      bouton.className = "md-button pc-plus";
      let montrees = LIGNES_DEBUT;
      const ajouter = (nombre) => {
        const extrait = window.calculateurs.tableau({ ...t, lignes: t.lignes.slice(montrees, montrees + nombre), pied: null });
        corps.append(...Array.from(extrait.querySelector("tbody").rows));
        montrees = Math.min(t.lignes.length, montrees + nombre);
        const reste = t.lignes.length - montrees;
        bouton.textContent = `Afficher ${Math.min(LIGNES_PLUS, reste)} lignes de plus (${reste} non affichées)`;
        bouton.setAttribute("aria-label", `${bouton.textContent}\u00a0: ${t.titre}`);
        return reste;
      };
      bouton.addEventListener("click", () => {
        if (ajouter(LIGNES_PLUS) === 0) {
          // Le bouton disparaît : le focus va au tableau (il tombait sur <body>, et un lecteur d'écran
          // perdait sa place), qui s'annonce par sa légende ; les flèches font défiler son cadre.
          const table = region.querySelector("table");
          table.setAttribute("tabindex", "-1");
          table.focus();
          bouton.remove();
        }
      });
      bouton.tout = () => { ajouter(t.lignes.length); bouton.remove(); };
      ajouter(0);
      region.after(bouton);
    });
  }

  window.addEventListener("beforeprint", () => {
    document.querySelectorAll("#resultat-portefeuille .pc-plus").forEach((bouton) => bouton.tout());
  });

  async function moteurPret() {
    const instance = window.moteurCalculs.obtenir();
    await instance.pret;
    return instance;
  }

  // Lit tout le fichier dans une `Analyse` neuve du worker ; rend null, ou le refus de Python.
  // `saisies` : tout le formulaire, pour qu'un refus des réglages de lecture dise aussi les erreurs
  // des autres réglages, en une fois.
  async function lire(instance, reglages, saisies, mien) {
    const total = fichier.size;
    let reponse = await instance.appeler("portefeuille", { reglages, saisies, taille: total }, "portefeuille-debut");
    if (mien !== jeton) return { arrete: true };
    if (!reponse.ok) return reponse;
    annoncer(`Lecture de «\u00a0${fichier.name}\u00a0» commencée.`);
    progression(0, total, 0);
    let palier = 0;
    const tranche = (debut) => fichier.slice(debut, debut + MORCEAU).arrayBuffer();
    let suivante = total ? tranche(0) : null;
    for (let debut = 0; debut < total; debut += MORCEAU) {
      const octets = await suivante;
      if (mien !== jeton) return { arrete: true };
      // La tranche suivante est lue pendant que Python traite celle-ci.
      suivante = debut + MORCEAU < total ? tranche(debut + MORCEAU) : null;
      const taille = octets.byteLength;  // transféré au worker, le tampon d'ici devient vide
      reponse = await instance.appeler("portefeuille", octets, "portefeuille-morceau", [octets]);
      if (mien !== jeton) return { arrete: true };
      if (!reponse.ok) return reponse;
      const pourcent = progression(debut + taille, total, reponse.lignes);
      // Annoncé par quart seulement : une annonce par tranche couvrirait tout le reste.
      if (pourcent >= palier + 25 && pourcent < 100) {
        palier = pourcent - (pourcent % 25);
        annoncer(`Lecture du fichier\u00a0: ${palier}\u00a0%.`);
      }
    }
    return null;
  }

  // Lit le fichier si besoin, puis demande le résultat avec les réglages du formulaire.
  // `relire` : un nouveau fichier ou une nouvelle correspondance arrête la lecture en cours ;
  // « Calculer » pendant une analyse la fait refaire à sa fin (un calcul à la fois, comme calculateurs.js).
  // `soumis` : « Calculer » (clic ou Entrée dans un champ) ; le résultat prend alors le focus.
  async function analyser(form, relire, soumis = false) {
    if (occupe && !relire) {
      aRefaire = true;
      annoncer("Analyse en cours\u00a0: elle sera refaite avec vos réglages dès qu\u2019elle sera finie.");
      return;
    }
    aRefaire = false;  // celle-ci lit les réglages d'à présent
    const mien = ++jeton;
    occupe = true;
    const saisies = window.calculateurs.saisies(form);
    // Moteur encore en démarrage : calculateurs.js passera le formulaire à « ready » ; sinon la
    // roue du bouton « Calculer » (calculateurs.css) tourne le temps de l'analyse.
    const demarre = form.dataset.calcState !== "loading";
    if (demarre) form.dataset.calcState = "busy";
    // Occupé : la zone du résultat, qui va changer, pas le formulaire, qui contient l'annonce de la
    // progression (un lecteur d'écran peut taire ce qui change dans un élément occupé).
    const zone = document.getElementById(form.dataset.resultat);
    zone.setAttribute("aria-busy", "true");
    let sansMoteur = false;
    try {
      if (fichier && !lu) barre("attente", 0, "En attente du moteur de calcul…");
      let instance;
      try {
        instance = await moteurPret();
      } catch (erreur) {
        // Le moteur n'a pas démarré (réseau coupé avant qu'il soit en cache) : le message commun
        // du formulaire et « Réessayer », qui relira le fichier choisi ; rien d'autre ne le contredit.
        sansMoteur = true;
        if (mien !== jeton) return;
        lu = null;
        bloc().querySelector(".pc-progression").hidden = true;
        annoncer("");
        window.calculateurs.demarrageManque(form, erreur, () => analyser(form, true));
        return;
      }
      let reponse;
      if (!fichier) {
        // Pas de fichier : Python dit quoi faire (même message que la ligne de commande).
        reponse = await instance.appeler("portefeuille", saisies);
      } else {
        const reglages = reglagesLecture(saisies);
        const cle = JSON.stringify(reglages);
        if (!lu || lu.fichier !== fichier || lu.cle !== cle) {
          lu = null;
          reponse = await lire(instance, reglages, saisies, mien);
          if (reponse && reponse.arrete) return;
          if (!reponse) lu = { fichier, cle };
        }
        if (!reponse) {
          annoncer("Fichier lu\u00a0; analyse en cours…");
          let total = null;
          reponse = await instance.appeler("portefeuille", saisies, "portefeuille-resultat", [], (faits, tous) => {
            total = tous;
            if (mien === jeton) avancement(faits, tous);
          });
          if (reponse.ok && total !== null && mien === jeton) barre("analyse", 100, comptes(total));
        }
      }
      // Une tâche à part pour l'affichage : la réponse vient d'être reçue (copiée) dans celle-ci.
      await new Promise((ok) => { setTimeout(ok, 0); });
      if (mien !== jeton) return;
      // Un refus (fichier, colonnes, réglage) : la barre à 100 % à côté laisserait croire que la
      // lecture ou l'analyse a abouti.
      if (!reponse.ok) bloc().querySelector(".pc-progression").hidden = true;
      const entetes = reponse.entetes && reponse.entetes.length ? reponse.entetes : null;
      if (!entetes && reponse.ok) bloc().querySelector(".pc-colonnes").hidden = true;
      // Un refus : le résumé des erreurs (role=alert, qui prend le focus) le dit seul ; une annonce
      // de plus dans la région `status` parlait en même temps que lui.
      annoncer(reponse.ok ? reponse.affichage.annonce : "");
      // L'analyse part seule dès le fichier choisi : si l'utilisateur tape déjà dans un autre champ (la
      // date d'analyse), le focus y reste ; l'annonce ci-dessus dit que les résultats sont là.
      const focaliser = soumis || !saisieEnCours(form);
      if (reponse.ok) afficherParTranches(form, reponse, focaliser);
      else window.calculateurs.afficher(form, reponse, focaliser);
      // Après l'affichage du refus, qui remet à neuf les marques d'erreur des champs du formulaire.
      if (entetes) {
        proposerColonnes(entetes, reponse.colonnes, reponse.erreurs && reponse.erreurs[0] && reponse.erreurs[0].message);
        if (!reponse.ok) menerALaPremiereListe(form, reponse.colonnes);
      }
    } catch (erreur) {
      if (mien !== jeton) return;
      console.warn(`Analyse du poste clients : ${erreur && erreur.message || erreur}`);
      lu = null;
      bloc().querySelector(".pc-progression").hidden = true;  // une barre arrêtée en route ne dit plus rien de juste
      annoncer(erreur && erreur.panne
        ? "Le moteur de calcul s\u2019est arrêté (mémoire insuffisante\u00a0?). Rechargez la page pour réessayer, "
          + "ou utilisez la ligne de commande décrite plus bas."
        : "L\u2019analyse a échoué à cause d\u2019une erreur interne du calculateur\u00a0; merci de signaler ce cas.");
    } finally {
      if (mien === jeton) {
        occupe = false;
        if (demarre && !sansMoteur) form.dataset.calcState = "ready";
        zone.removeAttribute("aria-busy");
        if (aRefaire && !sansMoteur) analyser(form, false, true);  // refaite pour un « Calculer » en attente
      }
    }
  }

  function saisieEnCours(form) {
    const actif = document.activeElement;
    return Boolean(actif && form.contains(actif) && actif.matches("input:not([type=file]), select, textarea"));
  }

  function choisir(form, nouveau) {
    if (!nouveau) return;
    fichier = nouveau;
    lu = null;
    oublierColonnes();
    // Un fichier choisi pendant le démarrage passe, lui aussi, avant la recherche et la mise en cache.
    window.moteurCalculs.obtenir().occuper(analyser(form, true));
  }

  function monter() {
    const form = formulaire();
    const cadre = bloc();
    if (!form || !cadre || cadre.dataset.monte) return;
    cadre.dataset.monte = "oui";
    fichier = null;
    lu = null;
    // Dans le formulaire : le résumé d'erreurs de calculateurs.js mène au champ `fichier`.
    form.querySelector(".calc-erreurs").after(cadre);
    const champ = cadre.querySelector("#champ-fichier");
    const depot = cadre.querySelector("[data-depot]");
    champ.addEventListener("change", () => choisir(form, champ.files[0]));
    ["dragenter", "dragover"].forEach((type) => depot.addEventListener(type, (evenement) => {
      evenement.preventDefault();
      depot.classList.add("pc-survol");
    }));
    ["dragleave", "dragend"].forEach((type) => depot.addEventListener(type, () => depot.classList.remove("pc-survol")));
    depot.addEventListener("drop", (evenement) => {
      evenement.preventDefault();
      depot.classList.remove("pc-survol");
      const depose = evenement.dataTransfer && evenement.dataTransfer.files[0];
      if (!depose) return;
      try {
        champ.files = evenement.dataTransfer.files;  // le champ montre le nom du fichier déposé
      } catch (_) { /* navigateur qui refuse : le fichier est lu quand même */ }
      choisir(form, depose);
    });
    cadre.querySelector("[data-relire]").addEventListener("click", () => {
      lu = null;
      analyser(form, true);
    });
    form.addEventListener("reset", () => {
      jeton += 1;
      fichier = null;
      lu = null;
      occupe = false;
      aRefaire = false;
      cadre.querySelector(".pc-progression").hidden = true;
      oublierColonnes();
      annoncer("");
    });
    mettreEnTrain(form);
  }

  // Mise en train (calculators/portefeuille/chauffe.py) : dès que Python est prêt, une petite
  // analyse d'exemple dans le worker, une fois par moteur ; la première vraie analyse en est
  // bien plus rapide. Un fichier choisi pendant ce temps passe juste après. Confiée au moteur
  // avant qu'il soit prêt (`occuper`) : rien ne lui dispute le processeur pendant ce temps.
  const misEnTrain = new WeakMap();  // moteur → sa mise en train

  function mettreEnTrain(form) {
    const instance = window.moteurCalculs.obtenir();
    if (!misEnTrain.has(instance)) {
      misEnTrain.set(instance, instance.occuper(
        instance.pret.then(() => instance.appeler("portefeuille", {}, "portefeuille-chauffe"))));
    }
    misEnTrain.get(instance).then(() => { form.dataset.miseEnTrain = "faite"; },
      (erreur) => console.warn(`Mise en train du moteur : ${erreur && erreur.message || erreur}`));
  }

  // « Calculer » : avant calculateurs.js (phase de capture), qui enverrait les réglages sans le fichier.
  document.addEventListener("submit", (evenement) => {
    if (!(evenement.target instanceof Element) || !evenement.target.matches(SELECTEUR)) return;
    evenement.preventDefault();
    evenement.stopPropagation();
    analyser(evenement.target, false, true);
  }, true);

  // Nouvelle page (navigation instantanée) : une lecture en cours s'arrête à la tranche suivante.
  function nouvellePage() {
    jeton += 1;
    occupe = false;
    aRefaire = false;
    monter();
  }

  if (window.document$) window.document$.subscribe(nouvellePage);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", monter);
  else monter();
})();
