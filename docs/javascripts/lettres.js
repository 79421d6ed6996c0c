// Formulaire des lettres types : garde les saisies dans ce navigateur (localStorage) d'une
// page à l'autre, et les efface sur demande. Rien n'est envoyé nulle part : le calcul et la
// lettre sont faits par Python dans la page (calculateurs.js), ce script ne fait que mémoriser.
//
// Un lien venu d'un calculateur (« Préparer la mise en demeure » : #modele=…&facture=…, ou
// « ?… » des anciens liens) n'est pas lu ici : Python le décode (`Formulaire.depuis_lien`, l'opération
// « lien » du moteur) et rend les valeurs déjà écrites à la française. Ce script les fusionne avec
// les saisies gardées, sans jamais en perdre : les factures du lien passent en tête des factures
// gardées, et l'utilisateur choisit ensuite de garder ou non ces dernières. Ce qu'un lien a écrit
// et que l'utilisateur n'a pas retouché n'est pas une saisie : le lien suivant (la lettre d'un autre
// client, ouverte depuis la même analyse) le remplace au lieu de le garder.
(function () {
  "use strict";

  const CLE = "impayes.lettres.saisies.v1";

  const CONFIRMATION = "Effacer toutes vos données gardées dans ce navigateur ?\n\n"
    + "La lettre en cours (vos entreprises, vos factures) sera effacée, ainsi que vos saisies dans les "
    + "calculateurs, vos coches des listes de contrôle et vos réponses aux quiz. Vous ne pourrez pas les récupérer.";

  // « Effacer mes données » vide d'un clic une vingtaine de champs et les factures, et les autres scripts
  // du site (calculateurs.js, checklists.js, quiz.js, hors-ligne.js) effacent au même clic ce qu'ils
  // gardent : on demande d'abord confirmation. Écouté sur window à la capture, ce contrôle passe avant
  // tous ces scripts ; un refus arrête le clic avant qu'aucun n'efface rien.
  window.addEventListener("click", (evenement) => {
    if (!(evenement.target instanceof Element) || !evenement.target.closest("[data-effacer-donnees]")) return;
    if (window.confirm(CONFIRMATION)) return;
    evenement.preventDefault();
    evenement.stopImmediatePropagation();
  }, true);

  function lire() {
    try {
      return JSON.parse(window.localStorage.getItem(CLE)) || null;
    } catch (_) {
      return null;  // stockage refusé (navigation privée stricte) ou valeur illisible
    }
  }

  function champs(formulaire) {
    return Array.from(formulaire.querySelectorAll("input[name], select[name], textarea[name]"))
      .filter((el) => !el.closest("[data-repetable]"));
  }

  // Valeurs écrites par le dernier lien ({champs: {nom: valeur}, factures: [valeurs]}), gardées avec
  // les saisies : encore identiques, elles viennent du lien et non de l'utilisateur.
  const origines = new WeakMap();

  const groupeFactures = (formulaire) => formulaire.querySelector('[data-repetable="factures"]');

  function lignes(formulaire) {
    return Array.from(groupeFactures(formulaire).querySelectorAll(":scope > .calc-lignes > .calc-ligne"));
  }

  // Valeurs d'une facture, acomptes compris (`acomptes: [{date, montant}, …]`), lues par calculateurs.js.
  const valeursLigne = (ligne) => window.calculateurs.valeursLigne(ligne);

  // Une valeur sans rien de tapé : texte vide, ou lignes (acomptes) toutes vides.
  const vide = (v) => (Array.isArray(v) ? v.every(vide)
    : v && typeof v === "object" ? Object.values(v).every(vide) : !String(v || "").trim());
  const remplie = (valeurs) => !vide(valeurs);
  // Même facture, aux espaces et aux lignes d'acompte vides près.
  function norme(v) {
    if (Array.isArray(v)) return v.filter((x) => !vide(x)).map(norme);
    if (v && typeof v === "object") {
      return Object.fromEntries(Object.keys(v).sort().filter((k) => !vide(v[k])).map((k) => [k, norme(v[k])]));
    }
    return String(v || "").trim();
  }
  const memes = (a, b) => JSON.stringify(norme(a)) === JSON.stringify(norme(b));

  // Un champ laissé tel que la page l'a écrit (vide, ou le choix proposé par défaut).
  function parDefaut(el) {
    if (el.type === "checkbox") return el.checked === el.defaultChecked;
    if (el.tagName === "SELECT") {
      const defaut = Array.from(el.options).find((o) => o.defaultSelected) || el.options[0];
      return !defaut || el.value === defaut.value;
    }
    return el.value === el.defaultValue;
  }

  // Un formulaire vide ne laisse rien dans le navigateur : après « Effacer mes données », la
  // mémorisation qui suit (ligne vide ajoutée, frappe annulée) n'écrit pas la clé de nouveau.
  function enregistrer(formulaire) {
    const donnees = { champs: {}, factures: lignes(formulaire).map(valeursLigne), lien: origines.get(formulaire) };
    champs(formulaire).forEach((el) => {
      donnees.champs[el.name] = el.type === "checkbox" ? (el.checked ? "oui" : "") : el.value;
    });
    const vide = champs(formulaire).every(parDefaut) && !donnees.factures.some(remplie);
    try {
      if (vide) window.localStorage.removeItem(CLE);
      else window.localStorage.setItem(CLE, JSON.stringify(donnees));
    } catch (_) { /* stockage plein ou refusé : le formulaire marche sans */ }
  }

  // Les lignes (numérotation, étiquettes, acomptes de chaque facture) sont écrites par calculateurs.js,
  // sans toucher au focus : seul un clic sur « Ajouter une facture » le met dans la nouvelle ligne.
  // Au chargement, le premier Tab va donc toujours au lien d'évitement.
  function remplacerLignes(formulaire, liste) {
    const groupe = groupeFactures(formulaire);
    lignes(formulaire).forEach((ligne) => ligne.remove());
    (liste.length ? liste : [{}]).forEach((valeurs) => window.calculateurs.ajouterLigne(groupe, valeurs));
  }

  function restaurer(formulaire) {
    const donnees = lire();
    if (donnees) {
      champs(formulaire).forEach((el) => {
        if (!(el.name in donnees.champs)) return;
        if (el.type === "checkbox") el.checked = Boolean(donnees.champs[el.name]);
        else el.value = donnees.champs[el.name];
      });
    }
    if (donnees && donnees.lien) origines.set(formulaire, donnees.lien);
    remplacerLignes(formulaire, (donnees && donnees.factures) || []);
    enregistrer(formulaire);
  }

  // Ce que le lien précédent avait écrit, resté tel quel, est retiré : champs vidés, factures ôtées.
  function oublierLienPrecedent(formulaire) {
    const avant = origines.get(formulaire);
    if (!avant) return;
    champs(formulaire).forEach((el) => {
      if (el.name !== "modele" && el.name in avant.champs && el.value === avant.champs[el.name]) el.value = "";
    });
    const restantes = lignes(formulaire).map(valeursLigne)
      .filter((v) => !(avant.factures || []).some((f) => memes(f, v)));
    remplacerLignes(formulaire, restantes);
  }

  // Le lien est retiré de l'adresse dès l'arrivée : les saisies n'y restent pas (elles partiraient
  // au serveur au rechargement), et calculateurs.js, qui le lit aussi, n'a plus rien à remplir.
  function prendreLien() {
    const lien = window.location.hash.length > 1 ? window.location.hash.slice(1) : window.location.search.slice(1);
    if (lien) history.replaceState(history.state, "", window.location.pathname);
    return lien;
  }

  // Un lien pour un autre client que celui du formulaire : son nom remplace l'ancien, même tapé à
  // la main, et ce qui avait été saisi pour l'ancien (adresse, interlocuteur) est effacé. Sinon, une
  // mise en demeure partait au nom du nouveau client à l'adresse du précédent. Rend la phrase qui le dit.
  function changerDeClient(formulaire, valeurs) {
    const nom = formulaire.querySelector('[name="debiteur_nom"]');
    if (!nom || !valeurs.debiteur_nom || !nom.value.trim() || nom.value === valeurs.debiteur_nom) return "";
    const precedent = nom.value.trim();
    nom.value = "";
    const effaces = champs(formulaire).filter((el) => el.name.startsWith("debiteur_") && el !== nom
      && el.tagName !== "SELECT" && !(el.name in valeurs) && el.value.trim());
    effaces.forEach((el) => { el.value = ""; });
    const quoi = effaces.map((el) => {
      const etiquette = formulaire.querySelector(`label[for="${el.id}"]`);
      return etiquette ? etiquette.textContent.trim().toLowerCase() : el.name;
    });
    return `Lettre pour ${valeurs.debiteur_nom}` + (quoi.length
      ? ` : ce qui avait été saisi pour ${precedent} est effacé (${quoi.join(", ")}).` : ".");
  }

  function fusionnerChamps(formulaire, valeurs) {
    const gardes = [];
    const ecrits = {};
    champs(formulaire).forEach((el) => {
      if (!(el.name in valeurs)) return;
      if (el.value === valeurs[el.name]) {
        ecrits[el.name] = el.value;
        return;
      }
      // La lettre du lien est celle que l'utilisateur a demandée ; un autre champ déjà rempli est gardé.
      if (el.name === "modele" || !el.value.trim()) {
        el.value = valeurs[el.name];
        ecrits[el.name] = el.value;
      } else gardes.push(formulaire.querySelector(`label[for="${el.id}"]`).textContent.trim());
    });
    return { gardes, ecrits };
  }

  function annoncer(formulaire, message, choix) {
    const statut = formulaire.querySelector(".lettre-statut");
    const ancien = formulaire.querySelector("[data-garder-lien]");
    if (ancien) ancien.remove();
    statut.textContent = message;
    if (!choix) return;
    const bouton = document.createElement("button");
    bouton.type = "button";
    bouton.className = "md-button";
    bouton.dataset.garderLien = "";
    bouton.textContent = choix.libelle;
    bouton.addEventListener("click", () => {
      choix.action();
      bouton.remove();
    });
    statut.after(bouton);
  }

  async function fusionnerLien(formulaire, lien) {
    const moteur = window.moteurCalculs.obtenir();
    let reponse;
    try {
      await moteur.pret;
      reponse = await moteur.appeler("lettre", lien, "lien");
    } catch (_) {
      return;  // le moteur n'a pas démarré : calculateurs.js le dit déjà
    }
    if (!reponse.ok || reponse.erreurs.length) {
      const erreurs = (reponse.erreurs || []).map((e) => e.message).join(" ");
      annoncer(formulaire, `Ce lien n'a pas pu être repris en entier : ${erreurs}`);
      if (!reponse.ok) return;
    }
    const changement = changerDeClient(formulaire, reponse.valeurs);  // avant : le nom du lien précédent y sert
    oublierLienPrecedent(formulaire);
    const { gardes, ecrits } = fusionnerChamps(formulaire, reponse.valeurs);
    const gardees = lignes(formulaire).map(valeursLigne).filter(remplie);
    const venues = (reponse.lignes.factures || []).filter((v) => !gardees.some((g) => memes(g, v)));
    remplacerLignes(formulaire, [...venues, ...gardees]);
    origines.set(formulaire, { champs: ecrits, factures: venues });
    enregistrer(formulaire);
    const morceaux = [];
    if (changement) morceaux.push(changement);
    if (venues.length) {
      morceaux.push(venues.length > 1 ? `Les ${venues.length} factures du lien sont en tête de la liste.`
        : "La facture du lien est la facture n° 1.");
    }
    if (gardees.length && venues.length) {
      morceaux.push(`${gardees.length > 1 ? `Vos ${gardees.length} factures déjà saisies suivent` : "Votre facture déjà saisie suit"} : `
        + "retirez celles que cette lettre ne vise pas.");
    }
    if (gardes.length) morceaux.push(`Vos saisies sont gardées pour : ${gardes.join(", ")}.`);
    if (!morceaux.length) return;
    annoncer(formulaire, morceaux.join(" "), gardees.length && venues.length ? {
      libelle: "Ne garder que la facture du lien",
      action: () => {
        remplacerLignes(formulaire, venues);
        enregistrer(formulaire);
        annoncer(formulaire, "Seules les factures du lien sont gardées.");
      },
    } : null);
  }

  function monter(formulaire) {
    if (formulaire.dataset.lettresMonte) return;
    formulaire.dataset.lettresMonte = "oui";
    const lien = prendreLien();
    restaurer(formulaire);
    if (lien) fusionnerLien(formulaire, lien);
    const memoriser = () => enregistrer(formulaire);
    formulaire.addEventListener("input", memoriser);
    formulaire.addEventListener("change", memoriser);
    formulaire.addEventListener("click", (evenement) => {
      if (evenement.target.closest("[data-retirer], [data-ajouter]")) setTimeout(memoriser, 0);
    });
    formulaire.querySelector("[data-effacer-donnees]").addEventListener("click", () => {
      formulaire.reset();  // calculateurs.js retire aussi les lignes, les erreurs et la lettre affichée
      origines.delete(formulaire);
      remplacerLignes(formulaire, []);
      enregistrer(formulaire);  // formulaire vide : la clé est retirée, et ne revient pas
      annoncer(formulaire, "Vos données ont été effacées de ce navigateur.");
    });
  }

  function monterTout() {
    document.querySelectorAll('form[data-calc="lettre"]').forEach(monter);
  }

  if (window.document$) window.document$.subscribe(monterTout);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", monterTout);
  else monterTout();
})();
