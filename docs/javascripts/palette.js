// Passage clair / sombre : pas de transition de couleur pendant la bascule, comme le veut le
// thème Material, mais seulement quand l'utilisateur change de palette. La règle de Material
// qui le faisait jouait aussi au chargement de chaque page, pour un recalcul forcé des styles
// de toute la page (voir overrides/hooks/palette.py, qui la retire).
(function () {
  "use strict";
  const racine = document.documentElement;
  document.addEventListener("change", (evenement) => {
    if (!(evenement.target instanceof Element) || !evenement.target.matches('input[name="__palette"]')) return;
    racine.classList.add("palette-bascule");
    // Retirée après l'image qui montre les nouvelles couleurs (Material fait de même).
    requestAnimationFrame(() => requestAnimationFrame(() => racine.classList.remove("palette-bascule")));
  }, true);
})();
