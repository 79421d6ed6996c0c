// Formulaire des lettres types : garde les saisies dans ce navigateur (localStorage) d'une
// page à l'autre, et les efface sur demande. Rien n'est envoyé nulle part : le calcul et la
// lettre sont faits par Python dans la page (calculateurs.js), ce script ne fait que mémoriser.
(function () {
  "use strict";

  const CLE = "impayes.lettres.saisies.v1";

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

  function lignes(formulaire) {
    return Array.from(formulaire.querySelectorAll('[data-repetable="factures"] .calc-ligne'));
  }

  function enregistrer(formulaire) {
    const donnees = { champs: {}, factures: [] };
    champs(formulaire).forEach((el) => {
      donnees.champs[el.name] = el.type === "checkbox" ? (el.checked ? "oui" : "") : el.value;
    });
    lignes(formulaire).forEach((ligne) => {
      const valeurs = {};
      ligne.querySelectorAll("[data-cle]").forEach((el) => { valeurs[el.dataset.cle] = el.value; });
      donnees.factures.push(valeurs);
    });
    try {
      window.localStorage.setItem(CLE, JSON.stringify(donnees));
    } catch (_) { /* stockage plein ou refusé : le formulaire marche sans */ }
  }

  function ajouterLigne(formulaire, valeurs) {
    formulaire.querySelector('[data-repetable="factures"] [data-ajouter]').click();
    const ligne = lignes(formulaire).pop();
    Object.entries(valeurs || {}).forEach(([cle, valeur]) => {
      const el = ligne.querySelector(`[data-cle="${cle}"]`);
      if (el) el.value = valeur;
    });
  }

  function restaurer(formulaire) {
    const params = new URLSearchParams(window.location.search);
    const donnees = lire();
    if (donnees) {
      champs(formulaire).forEach((el) => {
        // Un lien venu d'un calculateur (pénalités) l'emporte sur ce qui était gardé.
        if (params.has(el.name) || !(el.name in donnees.champs)) return;
        if (el.type === "checkbox") el.checked = Boolean(donnees.champs[el.name]);
        else el.value = donnees.champs[el.name];
      });
      if (!params.has("facture") && !lignes(formulaire).length) {
        (donnees.factures || []).forEach((valeurs) => ajouterLigne(formulaire, valeurs));
      }
    }
    if (!lignes(formulaire).length) ajouterLigne(formulaire);
    // Les saisies venues de l'adresse sont maintenant gardées ici : l'adresse n'a plus à les porter.
    if (window.location.search) history.replaceState(history.state, "", window.location.pathname);
    enregistrer(formulaire);
  }

  function monter(formulaire) {
    if (formulaire.dataset.lettresMonte) return;
    formulaire.dataset.lettresMonte = "oui";
    restaurer(formulaire);
    const statut = formulaire.querySelector(".lettre-statut");
    const memoriser = () => enregistrer(formulaire);
    formulaire.addEventListener("input", memoriser);
    formulaire.addEventListener("change", memoriser);
    formulaire.addEventListener("click", (evenement) => {
      if (evenement.target.closest("[data-retirer], [data-ajouter]")) setTimeout(memoriser, 0);
    });
    formulaire.querySelector("[data-effacer-donnees]").addEventListener("click", () => {
      try {
        window.localStorage.removeItem(CLE);
      } catch (_) { /* rien à effacer */ }
      formulaire.reset();  // calculateurs.js retire aussi les lignes, les erreurs et la lettre affichée
      ajouterLigne(formulaire);
      try {
        window.localStorage.removeItem(CLE);
      } catch (_) { /* idem */ }
      if (statut) statut.textContent = "Vos données ont été effacées de ce navigateur.";
    });
  }

  function monterTout() {
    document.querySelectorAll('form[data-calc="lettre"]').forEach(monter);
  }

  if (window.document$) window.document$.subscribe(monterTout);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", monterTout);
  else monterTout();
})();
