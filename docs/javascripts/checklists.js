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
 * Un bouton « Réinitialiser la liste » (un vrai <button>) est ajouté en tête de chaque
 * conteneur ; il décoche toutes les cases de la page et l'annonce dans une zone aria-live.
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

  function creerBarre(conteneur, surReinitialiser) {
    var barre = document.createElement("div");
    barre.className = "checklist__actions";

    var bouton = document.createElement("button");
    bouton.type = "button";
    bouton.className = "md-button checklist__reinitialiser";
    bouton.textContent = "Réinitialiser la liste";

    var statut = document.createElement("p");
    statut.className = "checklist__statut";
    statut.setAttribute("role", "status");
    statut.setAttribute("aria-live", "polite");

    bouton.addEventListener("click", function () {
      surReinitialiser();
      // Vider puis remplir : un lecteur d'écran annonce même un second clic identique.
      document.querySelectorAll(".checklist__statut").forEach(function (zone) {
        zone.textContent = "";
      });
      window.setTimeout(function () {
        statut.textContent = "Liste réinitialisée : toutes les cases sont décochées.";
      }, 50);
    });

    barre.appendChild(bouton);
    barre.appendChild(statut);
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
      });
    });

    conteneurs.forEach(function (conteneur) {
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
      creerBarre(conteneur, function () {
        casesDeLaPage().forEach(function (caseACocher) {
          caseACocher.checked = false;
        });
        ecrire({});
      });
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(monter);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", monter);
  } else {
    monter();
  }
})();
