// Le moteur de calcul : un seul Web Worker Pyodide par onglet, créé à la demande.
//
// Ce petit script est chargé dans <head> sur toutes les pages, mais ne crée le worker que si
// on le lui demande : sur une page de calculateur, le gabarit (overrides/main.html) l'appelle
// tout de suite, si bien que Python démarre pendant que le reste de la page se charge. Après
// une navigation instantanée vers un calculateur, calculateurs.js le demande au montage.
(function () {
  "use strict";
  const racine = new URL("../", document.currentScript.src);
  let moteur = null;

  function version() {
    const meta = document.querySelector('meta[name="moteur-version"]');
    return meta ? meta.content : "";
  }

  function obtenir() {
    if (moteur) return moteur;
    const worker = new Worker(new URL(`javascripts/moteur.worker.mjs?v=${version()}`, racine), { type: "module" });
    const attentes = new Map();
    let suivant = 0;
    let signalerPret, signalerEchec;
    const pret = new Promise((ok, ko) => { signalerPret = ok; signalerEchec = ko; });
    pret.catch(() => {});
    worker.onmessage = ({ data }) => {
      if (data.type === "pret") signalerPret();
      else if (data.type === "echec") signalerEchec(new Error(data.message));
      else if (data.type === "reponse") {
        const attente = attentes.get(data.id);
        attentes.delete(data.id);
        if (data.echec) attente.ko(new Error(data.echec));
        else attente.ok(JSON.parse(data.json));
      }
    };
    worker.onerror = (evenement) => {
      evenement.preventDefault();
      signalerEchec(new Error(evenement.message || "le worker n'a pas pu être chargé"));
    };
    moteur = {
      pret,
      appeler(nom, saisies) {
        return new Promise((ok, ko) => {
          const id = ++suivant;
          attentes.set(id, { ok, ko });
          worker.postMessage({ id, nom, saisies });
        });
      },
    };
    return moteur;
  }

  window.moteurCalculs = { obtenir };
})();
