"""Le passage clair / sombre du thème Material, sans son coût au chargement de chaque page.

Material coupe les transitions le temps d'un changement de palette : il pose l'attribut
`data-md-color-switching` sur `<body>`, et sa feuille `palette.*.min.css` contient
`[data-md-color-switching] *{transition-duration:0s!important}`. Il le fait aussi au chargement
de chaque page (il « applique » la palette gardée), puis lit le style calculé de l'en-tête : à
cause de cette règle, poser l'attribut invalide le style de tous les éléments de la page, et
la lecture force aussitôt leur recalcul. Mesuré sur une visite froide d'un calculateur
(Chromium, 2 cœurs, API Long Animation Frames, 8 visites) : 78 à 113 ms de recalcul forcé
dans le script du thème, qui faisait la plus longue tâche de la page (médiane 198 ms, pire
301 ms) ; sans la règle, 8 ms de recalcul forcé, plus longue tâche en médiane 170 ms, pire 189 ms.

La règle est donc retirée de la feuille construite, et remplacée par la même, posée par
docs/javascripts/palette.js (classe `palette-bascule` sur `<html>`) seulement quand
l'utilisateur change de palette. Avant hors_ligne.py, qui relève l'empreinte de chaque fichier.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

REGLE = ("[data-md-color-switching] *,[data-md-color-switching] :after,[data-md-color-switching] :before"
         "{transition-duration:0s!important}")


def sans_regle_de_bascule(css: str) -> str:
    """La feuille de palette de Material sans la règle de bascule ; erreur si elle n'y est pas
    (autre version du thème : à revoir, plutôt qu'un coût revenu sans bruit)."""
    if css.count(REGLE) != 1:
        raise PluginError("palette.py : la règle [data-md-color-switching] de Material a changé ; "
                          "revoir overrides/hooks/palette.py")
    return css.replace(REGLE, "")


def on_post_build(config):
    feuilles = list(Path(config["site_dir"], "assets", "stylesheets").glob("palette.*.min.css"))
    if len(feuilles) != 1:
        raise PluginError(f"palette.py : une feuille palette.*.min.css attendue, trouvé {len(feuilles)}")
    feuille = feuilles[0]
    feuille.write_text(sans_regle_de_bascule(feuille.read_text(encoding="utf-8")), encoding="utf-8")
