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
