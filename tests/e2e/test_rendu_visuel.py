"""Rendu à l'écran et sur papier, relevé par un audit visuel : cases à cocher, tableaux sur un
téléphone, impression depuis le thème sombre, lien de la source des taux, en-tête du téléphone.

Chaque test lit le style calculé par Chromium (ou la mise en page), pas une capture d'écran : ce
que l'audit avait vu y est décrit, et le test échouait avant la correction.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

TELEPHONE = {"width": 390, "height": 844}


def _avant(localisateur, propriete: str) -> str:
    """Une propriété calculée du pseudo-élément ::before."""
    return localisateur.evaluate("(el, p) => getComputedStyle(el, '::before').getPropertyValue(p)", propriete)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_une_case_pas_cochee_est_un_cercle_vide_et_une_case_cochee_garde_sa_coche(page, theme):
    """Material dessinait sur une case pas cochée la coche d'une case cochée, en gris à 7 % :
    elle se lisait cochée, ou ne se voyait pas (1,2:1)."""
    page.emulate_media(color_scheme=theme)
    page.goto("checklists/premier-jour-de-retard/")
    expect(page.locator(".checklist[data-checklist-pret]").first).to_be_attached()
    page.evaluate("() => window.localStorage.clear()")
    page.reload()
    case = page.locator(".checklist input[type=checkbox]").first
    expect(case).not_to_be_checked()
    indicateur = page.locator(".checklist .task-list-indicator").first
    assert _avant(indicateur, "mask-image") == "none"
    assert _avant(indicateur, "background-color") == "rgba(0, 0, 0, 0)"
    assert _avant(indicateur, "border-top-width") == "2px"
    assert _avant(indicateur, "border-top-style") == "solid"

    page.locator(".checklist .task-list-item").first.click(position={"x": -14, "y": 12})  # sur la case dessinée
    expect(case).to_be_checked()
    assert _avant(indicateur, "mask-image").startswith("url(")
    assert _avant(indicateur, "border-top-width") == "0px"
    page.evaluate("() => window.localStorage.clear()")


def test_sur_un_telephone_un_tableau_de_phrases_se_lit_en_cartes(page):
    """« Appel téléphonique » : trois colonnes de phrases, jusqu'à 17 lignes par cellule à 390 px.
    En cartes, chaque valeur sous le titre de sa colonne, aucune cellule de plus de 8 lignes."""
    page.set_viewport_size(TELEPHONE)
    page.goto("relancer/appel-telephonique/")
    tableau = page.locator("article table[data-cartes]").first
    expect(tableau).to_be_visible()
    titres = [t.strip() for t in tableau.locator("thead th").all_inner_texts()]
    cellules = tableau.locator("tbody tr").first.locator("td")
    assert [c.get_attribute("data-label") for c in cellules.all()] == titres
    assert _avant(cellules.first, "content") == f'"{titres[0]}"'
    lignes = tableau.evaluate("""t => Math.max(...[...t.querySelectorAll('td')].map(td => {
        const s = getComputedStyle(td);
        const hauteur = td.clientHeight - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom);
        const titre = parseFloat(getComputedStyle(td, '::before').lineHeight) || 0;
        return Math.round((hauteur - titre) / parseFloat(s.lineHeight));
    }))""")
    assert lignes <= 8, lignes
    cadre = page.locator("article .md-typeset__scrollwrap").first
    assert cadre.evaluate("c => c.scrollWidth <= c.clientWidth")
    # Sur un ordinateur, le même tableau reste un tableau.
    page.set_viewport_size({"width": 1366, "height": 768})
    assert tableau.evaluate("t => getComputedStyle(t).display") != "block"


def test_un_tableau_trop_large_montre_qu_il_defile(page):
    """Un tableau de valeurs plus large qu'un téléphone défile de côté : une ombre au bord le dit
    (comme pour les tableaux des calculateurs), sur un fond de tableau transparent qui la laisse voir."""
    page.set_viewport_size(TELEPHONE)
    page.goto("recouvrer/")
    cadre = page.locator("article .md-typeset__scrollwrap", has=page.locator("table:not([data-cartes])")).first
    expect(cadre).to_be_attached()
    assert cadre.evaluate("c => c.scrollWidth > c.clientWidth + 1")
    fond = cadre.evaluate("c => getComputedStyle(c).backgroundImage")
    assert fond.count("radial-gradient") == 2 and fond.count("linear-gradient") == 2, fond
    assert cadre.locator("table").evaluate("t => getComputedStyle(t).backgroundColor") == "rgba(0, 0, 0, 0)"


def test_sur_un_telephone_le_lien_des_titres_ne_fait_pas_de_ligne_vide(page):
    """Le « ¶ » invisible des titres passait seul à la ligne sous un titre long ; au clavier, il
    reste atteignable et se montre."""
    page.set_viewport_size(TELEPHONE)
    page.goto("cadre-legal/europe/")
    lien = page.locator("article h2 .headerlink").first
    boite = lien.bounding_box()
    assert boite["width"] <= 1 and boite["height"] <= 1, boite
    lien.focus()
    assert lien.bounding_box()["width"] > 1


def test_sur_un_telephone_le_nom_du_site_et_le_retour_en_haut_tiennent(page):
    page.set_viewport_size(TELEPHONE)
    page.goto("")
    nom = page.locator(".md-header__topic:first-child .md-ellipsis")
    expect(nom).to_have_text(re.compile(r"Impayés clients"))
    # Le nom entier, sur deux lignes au plus, sans « … » : rien ne dépasse de sa boîte.
    assert nom.evaluate("n => n.scrollHeight <= n.clientHeight + 1 && n.scrollWidth <= n.clientWidth + 1")
    assert page.locator(".md-top").evaluate("b => getComputedStyle(b).whiteSpace") == "nowrap"


def test_la_source_des_taux_bce_est_un_lien_pas_une_adresse(page):
    page.goto("cadre-legal/taux/")
    liens = page.locator("article a[href^='https://www.ecb.europa.eu/']")
    expect(liens).to_have_count(2)  # sous le tableau des pénalités et sous celui des taux BCE
    expect(liens.first).to_have_text("site de la BCE")
    assert "https://" not in page.locator("article").inner_text()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_l_impression_est_noir_sur_blanc_et_sans_boutons(page, theme):
    """Imprimé depuis le thème sombre : le verdict du quiz gardait son vert ou son rouge clair, les
    boutons leur indigo clair, pâles sur le papier. Boutons de navigation, bouton « Copier » des
    blocs de code et contour du focus d'une case ne s'impriment plus."""
    page.emulate_media(color_scheme=theme)
    page.goto("formation/module-1-enjeux/")
    formulaire = page.locator("form.quiz[data-quiz-pret]")
    expect(formulaire).to_be_attached()
    page.evaluate("() => window.localStorage.clear()")
    page.reload()
    questions = formulaire.locator(".quiz__question")
    questions.nth(0).locator("input").nth(0).check()  # bonne réponse
    questions.nth(1).locator("input").nth(1).check()  # mauvaise réponse
    formulaire.locator("button[type=submit]").click()
    juste, faux = questions.nth(0).locator(".quiz__verdict"), questions.nth(1).locator(".quiz__verdict")
    expect(faux).to_be_visible()
    page.emulate_media(media="print", color_scheme=theme)
    assert juste.evaluate("v => getComputedStyle(v).color") == "rgb(46, 125, 50)"
    assert faux.evaluate("v => getComputedStyle(v).color") == "rgb(198, 40, 40)"
    for bouton in page.locator("article .md-button").all():
        assert bouton.evaluate("b => getComputedStyle(b).display") == "none"
    expect(page.locator("#suite-du-parcours")).to_be_hidden()
    page.evaluate("() => window.localStorage.clear()")

    page.emulate_media(media="screen", color_scheme=theme)
    page.goto("a-propos/ligne-de-commande/")
    copier = page.locator("article .md-code__button").first
    expect(copier).to_be_attached()
    page.emulate_media(media="print", color_scheme=theme)
    expect(copier).to_be_hidden()
    # Les nombres du code : pas le saumon clair du thème sombre (#e8776a, site.css), pâle sur papier.
    nombre = page.locator("article pre .m").first
    assert nombre.evaluate("n => getComputedStyle(n).color") != "rgb(232, 119, 106)"


def test_a_l_impression_un_tableau_se_coupe_entre_deux_lignes(page):
    """Le cadre de défilement de Material rendait tout tableau insécable dans Chrome : « Pratiques
    européennes » laissait une demi-page blanche avant le sien. Un grand encadré se coupe aussi."""
    page.goto("cadre-legal/europe/")
    page.emulate_media(media="print")
    cadre = page.locator("article .md-typeset__scrollwrap").first
    assert cadre.evaluate("c => getComputedStyle(c).overflowX") == "visible"
    grand = page.locator("article .admonition").filter(has=page.locator("li:nth-child(4)")).first
    if grand.count():
        assert grand.evaluate("a => getComputedStyle(a).breakInside") == "auto"
    ligne = page.locator("article table tbody tr").first
    assert ligne.evaluate("l => getComputedStyle(l).breakInside") == "avoid"
