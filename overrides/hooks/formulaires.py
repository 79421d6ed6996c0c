"""Écrit le formulaire de chaque calculateur depuis son registre de saisies (`FORMULAIRE`).

Dans une page, la ligne `<!-- formulaire penalites -->` devient le formulaire complet et la zone
de résultat : libellés, aides, listes de choix, lignes répétées. Un champ ajouté au registre
apparaît donc à la fois dans la page, la ligne de commande et le lien partageable.
"""

from __future__ import annotations

import re

from jinja2 import Environment

from calculators.api import calculateur
from calculators.commun.champs import Champ, Lignes

MARQUE = re.compile(r"^<!-- formulaire (?P<nom>[a-z-]+) -->$", re.MULTILINE)
SAISIE = {"montant": "decimal", "taux": "decimal", "date": "numeric", "entier": "numeric"}
MILLIERS = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")


def _aide(texte: str) -> str:
    """Les milliers de l'aide insécables, comme dans les résultats : « 1 250,50 » se coupait après le 1
    dans une colonne étroite (la ponctuation, elle, est l'affaire du hook `typographie`).

    >>> _aide("Par exemple 10 000 ou 1 250,50, en 2026 : 12 345 678")
    'Par exemple 10\u202f000 ou 1\u202f250,50, en 2026 : 12\u202f345\u202f678'
    """
    return MILLIERS.sub("\u202f", texte) if texte else texte

GABARIT = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True).from_string("""\
{% macro aide(ch) %}{% if ch.aide %}<p class="calc-aide" id="aide-{{ ch.nom }}">{{ ch.aide }}</p>{% endif %}{% endmacro %}
{% macro decrit(ch) %}{% if ch.aide %} aria-describedby="aide-{{ ch.nom }}"{% endif %}{% endmacro %}
<form class="calc" data-calc="{{ f.calculateur }}" data-resultat="resultat-{{ f.calculateur }}"{% if not f.partage %} data-partage="non"{% endif %} novalidate>
  <p class="calc-etat" role="status" aria-live="polite" hidden></p>
  <div class="calc-erreurs" role="alert" tabindex="-1" hidden></div>
{% for bloc in blocs %}
{% if bloc.grille %}
  <div class="calc-grille">
{% for ch in bloc.champs %}
    <div class="calc-champ">
      <label for="champ-{{ ch.nom }}">{{ ch.libelle }}</label>
      {{ aide(ch) }}
{% if ch.type == "choix" %}
      <select id="champ-{{ ch.nom }}" name="{{ ch.nom }}"{{ decrit(ch) }}>
{% for groupe, options in ch.groupes %}
{% if groupe %}        <optgroup label="{{ groupe }}">
{% endif %}
{% for o in options %}
        <option value="{{ o.valeur }}"{% if o.valeur == ch.defaut %} selected{% endif %}>{{ o.libelle }}</option>
{% endfor %}
{% if groupe %}        </optgroup>
{% endif %}
{% endfor %}
      </select>
{% else %}
      <input id="champ-{{ ch.nom }}" name="{{ ch.nom }}"{% if ch.requis %} required{% endif %} type="text" inputmode="{{ ch.saisie }}" autocomplete="off"{{ decrit(ch) }}>
{% endif %}
    </div>
{% endfor %}
  </div>
{% elif bloc.lignes %}
{% set l = bloc.lignes %}
  <fieldset class="calc-repetable" data-repetable="{{ l.nom }}" data-param="{{ l.param }}">
    <legend>{{ l.libelle }}</legend>
{% if l.aide %}    <p class="calc-aide">{{ l.aide }}</p>
{% endif %}
    <div class="calc-lignes"></div>
    <template>
      <div class="calc-ligne">
{% for col in l.colonnes %}
        <div class="calc-champ">
          <label data-pour="{{ col.nom }}">{{ col.libelle }} de {{ l.element }} n° <span data-rang></span>{% if col.type == "montant" %} (€){% endif %}</label>
          <input data-cle="{{ col.nom }}" type="text" inputmode="{{ col.saisie }}" autocomplete="off">
        </div>
{% endfor %}
        <button type="button" class="md-button calc-retirer" data-retirer>Retirer {{ l.element }} n° <span data-rang></span></button>
      </div>
    </template>
    <button type="button" class="md-button" data-ajouter>{{ l.ajouter }}</button>
  </fieldset>
{% else %}
{% set ch = bloc.case %}
  <div class="calc-champ calc-case">
    <input id="champ-{{ ch.nom }}" name="{{ ch.nom }}" type="checkbox"{{ decrit(ch) }}>
    <label for="champ-{{ ch.nom }}">{{ ch.libelle }}</label>
    {{ aide(ch) }}
  </div>
{% endif %}
{% endfor %}
  <div class="calc-boutons">
    <button type="submit" class="md-button md-button--primary">Calculer</button>
    <button type="reset" class="md-button">Effacer</button>
  </div>
{% if f.partage %}
  <p class="calc-retablir" role="status"><span></span> <button type="button" class="md-button" hidden>Rétablir les saisies</button></p>
{% endif %}
</form>

<section id="resultat-{{ f.calculateur }}" class="calc-resultat" hidden></section>
""")


def _vue(ch: Champ) -> dict:
    """Ce que le gabarit lit d'un champ : le champ, son clavier, ses choix groupés."""
    groupes: list[tuple[str, list]] = []
    for choix in ch.choix:
        if not groupes or groupes[-1][0] != choix.groupe:
            groupes.append((choix.groupe, []))
        groupes[-1][1].append(choix)
    return {**ch.__dict__, "aide": _aide(ch.aide), "saisie": SAISIE.get(ch.type, "text"), "groupes": groupes}


def _blocs(formulaire) -> list[dict]:
    """Champs consécutifs dans une grille ; lignes répétées et cases à cocher à part."""
    blocs: list[dict] = []
    for ch in formulaire.champs:
        if isinstance(ch, Lignes):
            blocs.append({"lignes": {**ch.__dict__, "aide": _aide(ch.aide), "colonnes": [_vue(c) for c in ch.colonnes]}})
        elif ch.type == "case":
            blocs.append({"case": _vue(ch)})
        elif blocs and blocs[-1].get("grille"):
            blocs[-1]["champs"].append(_vue(ch))
        else:
            blocs.append({"grille": True, "champs": [_vue(ch)]})
    return blocs


def formulaire_html(nom: str) -> str:
    formulaire = calculateur(nom).FORMULAIRE
    return GABARIT.render(f=formulaire, blocs=_blocs(formulaire))


def on_page_markdown(markdown, page, config, files):
    return MARQUE.sub(lambda m: formulaire_html(m.group("nom")), markdown)
