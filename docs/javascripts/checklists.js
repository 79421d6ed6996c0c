/*
 * Checklists imprimables : garde les cases cochées dans le navigateur (localStorage).
 *
 * Balisage (dans le Markdown) :
 *
 *   <div class="checklist" markdown>
 *
 *   - [ ] Premier point
 *   - [ ] Deuxième point
 *
 *   </div>
 *
 * Seules les cases situées dans un conteneur `.checklist` sont concernées. Chaque case est
 * rangée sous une clé par page (`impayes:checklist:` + chemin de la page) ; à l'intérieur, un
 * identifiant stable par point : `data-id` du <li> s'il existe, sinon son texte normalisé
 * (suivi d'un numéro d'occurrence si deux points ont le même texte). Modifier le texte d'un
 * point « oublie » donc sa coche, ce qui est voulu.
 *
 * En tête de chaque conteneur : le compte des points cochés (« Cochés : 3 / 15 ») et un bouton
 * « Réinitialiser la liste » (un vrai <button>). Il ouvre une boîte de dialogue native
 * (<dialog>, modale : focus gardé dedans, Échap annule) qui demande confirmation ; « Tout
 * décocher » décoche toutes les cases de la page et l'annonce dans une zone aria-live.
 *
 * Le bouton « Effacer mes données » du site (`[data-effacer-donnees]`, page des lettres) efface
 * aussi les coches de toutes les checklists.
 *
 * Navigation instantanée de Material : le script n'est chargé qu'une fois, mais `document$`
 * émet à chaque page. Chaque conteneur est marqué `data-checklist-pret` après son montage :
 * monter deux fois la même page ne fait rien.
 */
(function () {
  "use strict";

  if (window.__impayesChecklists) {
    return;
  }
  window.__impayesChecklists = true;

  var PREFIXE = "impayes:checklist:";
  var ESPACE = "\u00a0"; // espace insécable (typographie française)

  function cleDePage() {
    return PREFIXE + window.location.pathname;
  }

  function lire() {
    try {
      var brut = window.localStorage.getItem(cleDePage());
      var valeur = brut ? JSON.parse(brut) : {};
      return valeur && typeof valeur === "object" ? valeur : {};
    } catch (erreur) {
      return {};
    }
  }

  function ecrire(etat) {
    try {
      if (Object.keys(etat).length === 0) {
        window.localStorage.removeItem(cleDePage());
      } else {
        window.localStorage.setItem(cleDePage(), JSON.stringify(etat));
      }
      return true;
    } catch (erreur) {
      // Stockage plein ou interdit (navigation privée stricte) : la liste reste utilisable.
      return false;
    }
  }

  // Texte propre d'un point de liste, sans celui de ses sous-listes.
  function texteDuPoint(li) {
    var morceaux = [];
    li.childNodes.forEach(function (noeud) {
      if (noeud.nodeType === 1 && (noeud.tagName === "UL" || noeud.tagName === "OL")) {
        return;
      }
      morceaux.push(noeud.textContent);
    });
    return morceaux.join(" ").replace(/\s+/g, " ").trim();
  }

  function casesDeLaPage() {
    return Array.prototype.slice.call(
      document.querySelectorAll(".checklist .task-list-item > .task-list-control > input[type=checkbox], " +
        ".checklist .task-list-item > input[type=checkbox]")
    );
  }

  // Associe à chaque case un identifiant stable et un nom accessible.
  function preparerCases() {
    var vus = {};
    return casesDeLaPage().map(function (caseACocher) {
      var li = caseACocher.closest("li");
      var texte = texteDuPoint(li);
      var base = li.getAttribute("data-id") || texte;
      vus[base] = (vus[base] || 0) + 1;
      var id = vus[base] > 1 ? base + " #" + vus[base] : base;
      caseACocher.disabled = false;
      if (!caseACocher.hasAttribute("aria-label") && texte) {
        caseACocher.setAttribute("aria-label", texte);
      }
      return { element: caseACocher, id: id };
    });
  }

  function compter() {
    var cases = casesDeLaPage();
    var cochees = cases.filter(function (caseACocher) { return caseACocher.checked; }).length;
    document.querySelectorAll(".checklist__compteur").forEach(function (compteur) {
      compteur.textContent = "Cochés" + ESPACE + ": " + cochees + ESPACE + "/" + ESPACE + cases.length;
    });
    return cochees;
  }

  function creerBarre(conteneur, rang, surReinitialiser) {
    var barre = document.createElement("div");
    barre.className = "checklist__actions";

    var compteur = document.createElement("p");
    compteur.className = "checklist__compteur";

    var bouton = document.createElement("button");
    bouton.type = "button";
    bouton.className = "md-button checklist__reinitialiser";
    bouton.textContent = "Réinitialiser la liste";
    bouton.setAttribute("aria-haspopup", "dialog");

    var statut = document.createElement("p");
    statut.className = "checklist__statut";
    statut.setAttribute("role", "status");
    statut.setAttribute("aria-live", "polite");

    // Confirmation : boîte de dialogue native, nommée par son titre et décrite par son texte.
    var dialogue = document.createElement("dialog");
    dialogue.className = "checklist__confirmation";
    var titre = document.createElement("h2");
    titre.id = "checklist-confirmation-titre-" + rang;
    titre.textContent = "Réinitialiser la liste" + ESPACE + "?";
    var texte = document.createElement("p");
    texte.id = "checklist-confirmation-texte-" + rang;
    dialogue.setAttribute("aria-labelledby", titre.id);
    dialogue.setAttribute("aria-describedby", texte.id);
    var formulaire = document.createElement("form");
    formulaire.method = "dialog";
    var confirmer = document.createElement("button");
    confirmer.type = "submit";
    confirmer.value = "confirmer";
    confirmer.className = "md-button md-button--primary";
    confirmer.textContent = "Tout décocher";
    var annuler = document.createElement("button");
    annuler.type = "submit";
    annuler.value = "annuler";
    annuler.className = "md-button";
    annuler.textContent = "Annuler";
    // Action destructrice : le focus s'ouvre sur « Annuler ».
    annuler.autofocus = true;
    formulaire.appendChild(confirmer);
    formulaire.appendChild(annuler);
    dialogue.appendChild(titre);
    dialogue.appendChild(texte);
    dialogue.appendChild(formulaire);

    bouton.addEventListener("click", function () {
      var cochees = compter();
      texte.textContent = cochees === 0
        ? "Aucune case n'est cochée sur cette page."
        : (cochees === 1 ? "La case cochée" : "Les " + cochees + " cases cochées") +
          " de cette page " + (cochees === 1 ? "sera décochée" : "seront décochées") +
          ", ici et dans ce navigateur.";
      dialogue.returnValue = "";
      dialogue.showModal();
    });

    // Échap ou « Annuler » : rien ne change ; le navigateur rend le focus au bouton.
    dialogue.addEventListener("close", function () {
      if (dialogue.returnValue !== "confirmer") {
        return;
      }
      surReinitialiser();
      // Vider puis remplir : un lecteur d'écran annonce même une seconde remise à zéro.
      document.querySelectorAll(".checklist__statut").forEach(function (zone) {
        zone.textContent = "";
      });
      window.setTimeout(function () {
        statut.textContent = "Liste réinitialisée" + ESPACE + ": toutes les cases sont décochées.";
      }, 50);
    });

    barre.appendChild(compteur);
    barre.appendChild(bouton);
    barre.appendChild(statut);
    barre.appendChild(dialogue);
    conteneur.insertBefore(barre, conteneur.firstChild);
  }

  // Toute case de liste de tâches, même hors d'une checklist, reçoit le texte de son point
  // comme nom accessible : Material n'enveloppe que la case dans son <label>.
  function nommerCases() {
    document.querySelectorAll(".task-list-item input[type=checkbox]:not([aria-label])").forEach(function (caseACocher) {
      var texte = texteDuPoint(caseACocher.closest("li"));
      if (texte) {
        caseACocher.setAttribute("aria-label", texte);
      }
    });
  }

  function monter() {
    nommerCases();
    var conteneurs = document.querySelectorAll(".checklist:not([data-checklist-pret])");
    if (conteneurs.length === 0) {
      return;
    }
    var cases = preparerCases();
    var etat = lire();

    cases.forEach(function (c) {
      if (c.element.dataset.checklistLie) {
        return;
      }
      c.element.dataset.checklistLie = "1";
      c.element.checked = etat[c.id] === true;
      c.element.addEventListener("change", function () {
        var courant = lire();
        if (c.element.checked) {
          courant[c.id] = true;
        } else {
          delete courant[c.id];
        }
        ecrire(courant);
        compter();
      });
    });

    conteneurs.forEach(function (conteneur, rang) {
      conteneur.setAttribute("data-checklist-pret", "");
      // Un clic sur le texte d'un point coche aussi sa case (le <label> de Material n'entoure
      // que la case). Les liens et la case elle-même gardent leur comportement.
      conteneur.addEventListener("click", function (evenement) {
        var cible = evenement.target;
        if (!(cible instanceof Element) || cible.closest("a, label, input, button")) {
          return;
        }
        var li = cible.closest(".task-list-item");
        if (!li || !conteneur.contains(li) || (window.getSelection && String(window.getSelection()))) {
          return;
        }
        var caseDuPoint = li.querySelector(":scope > .task-list-control > input[type=checkbox], :scope > input[type=checkbox]");
        if (caseDuPoint) {
          caseDuPoint.click();
        }
      });
      creerBarre(conteneur, rang, function () {
        casesDeLaPage().forEach(function (caseACocher) {
          caseACocher.checked = false;
        });
        ecrire({});
        compter();
      });
    });
    compter();
  }

  // « Effacer mes données » : les coches de toutes les pages partent avec le reste.
  document.addEventListener("click", function (evenement) {
    if (!(evenement.target instanceof Element) || !evenement.target.closest("[data-effacer-donnees]")) {
      return;
    }
    try {
      Object.keys(window.localStorage).forEach(function (cle) {
        if (cle.indexOf(PREFIXE) === 0) {
          window.localStorage.removeItem(cle);
        }
      });
    } catch (erreur) {
      // Stockage interdit : il n'y a rien à effacer.
    }
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(monter);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", monter);
  } else {
    monter();
  }
})();
