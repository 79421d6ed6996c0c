/*
 * Lien d'évitement (« Aller au contenu ») : la tabulation suivante part du titre de la page.
 *
 * La navigation instantanée de Material intercepte tout lien interne, ancres comprises, et le
 * premier changement d'ancre après un chargement recharge le contenu de la page : le titre visé
 * est remplacé, le navigateur perd le point de départ de la tabulation et la touche Tab repart
 * des onglets. Le clic sur le lien d'évitement est donc pris avant Material (phase de capture) :
 * le titre reçoit le focus lui-même (tabindex="-1" : focusable par script, pas par Tab), sans
 * changer l'adresse, donc sans rechargement.
 */
(function () {
  "use strict";

  document.addEventListener("click", function (evenement) {
    var lien = evenement.target instanceof Element ? evenement.target.closest("a.md-skip") : null;
    var cible = lien && lien.hash ? document.getElementById(decodeURIComponent(lien.hash.slice(1))) : null;
    if (!cible) {
      return;
    }
    evenement.preventDefault();
    evenement.stopPropagation();
    cible.setAttribute("tabindex", "-1");
    cible.focus();
  }, true);
})();

/*
 * Un tableau ou un bloc de code du contenu plus large que l'écran (un téléphone) défile : son
 * cadre se prend alors au clavier (flèches), avec un nom pour un lecteur d'écran (axe-core :
 * `scrollable-region-focusable`) ; ceux qui tiennent ne sont pas autant d'arrêts de la touche
 * Tab. Material enveloppe les tableaux en cours de page : on attend son passage, puis on suit les
 * changements de taille (rotation de l'écran). Les tableaux de résultats le font eux-mêmes
 * (`ajusterArret`, calculateurs.js).
 */
(function () {
  "use strict";

  var CADRES = ".md-typeset__scrollwrap, .md-typeset pre > code";

  function ajuster(cadre) {
    if (cadre.scrollWidth > cadre.clientWidth + 1) {
      if (cadre.hasAttribute("tabindex") && !cadre.dataset.arretDefilement) {
        return;  // déjà atteignable (Material le fait pour certains blocs de code)
      }
      cadre.dataset.arretDefilement = "oui";
      cadre.setAttribute("tabindex", "0");
      cadre.setAttribute("role", "region");
      cadre.setAttribute("aria-label", nom(cadre));
    } else if (cadre.dataset.arretDefilement && document.activeElement !== cadre) {
      delete cadre.dataset.arretDefilement;
      ["tabindex", "role", "aria-label"].forEach(function (nom) { cadre.removeAttribute(nom); });
    }
  }

  // Chaque région a son nom (axe-core : `landmark-unique`) : le titre sous lequel elle se trouve,
  // numéroté s'il en coiffe plusieurs.
  function nom(cadre) {
    var titre = cadre.previousElementSibling;
    while (titre && !/^H[1-6]$/.test(titre.tagName)) {
      titre = titre.previousElementSibling;
    }
    var base = (cadre.matches("code") ? "Bloc de code" : "Tableau") +
      (titre ? "\u00a0: " + texteDuTitre(titre) : "") + ", défilement horizontal";
    var nomme = base;
    for (var rang = 2; document.querySelector('[aria-label="' + CSS.escape(nomme) + '"]'); rang += 1) {
      nomme = base + " (" + rang + ")";
    }
    return nomme;
  }

  function texteDuTitre(titre) {  // sans le « ¶ » du lien d'ancre de Material
    return Array.prototype.filter.call(titre.childNodes, function (n) {
      return !(n.classList && n.classList.contains("headerlink"));
    }).map(function (n) { return n.textContent; }).join("").replace(/\s+/g, " ").trim();
  }

  var tailles = new ResizeObserver(function (entrees) {
    entrees.forEach(function (entree) { ajuster(entree.target); });
  });

  function monter() {
    document.querySelectorAll(CADRES).forEach(function (cadre) { tailles.observe(cadre); });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { setTimeout(monter, 0); });
  } else {
    document.addEventListener("DOMContentLoaded", monter);
  }
})();
