"""Checklists imprimables : cases mémorisées dans le navigateur, compte des points cochés, remise à
zéro confirmée dans une boîte de dialogue, impression.

Les pages de `docs/checklists/` entourent leurs listes de tâches d'un `<div class="checklist">` ;
`docs/javascripts/checklists.js` les monte (attribut `data-checklist-pret`) et range les coches
dans localStorage, sous une clé par page.
"""

from __future__ import annotations

import re

import pytest
from pathlib import Path

from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

CHEMIN = "checklists/premier-jour-de-retard/"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AUTRE_CHEMIN = "checklists/revue-hebdomadaire/"


def ouvrir(page, url):
    """Ouvre une checklist et attend que le script l'ait montée."""
    page.goto(url)
    expect(page.locator(".checklist[data-checklist-pret]").first).to_be_attached()
    return page.locator(".checklist input[type=checkbox]")


@pytest.fixture
def checklist(page, url_site):
    """La checklist du premier jour de retard, avec un stockage vide au départ."""
    ouvrir(page, url_site + CHEMIN)
    page.evaluate("() => window.localStorage.clear()")
    cases = ouvrir(page, url_site + CHEMIN)
    expect(cases.first).not_to_be_checked()
    return cases


def cocher(page, rang):
    """Clique comme un utilisateur sur la case que Material dessine à gauche du point.

    La vraie case est transparente et l'indicateur est un pseudo-élément placé à -1,5 em du
    point de liste : on clique donc à cet endroit, relativement au <li>.
    """
    page.locator(".checklist .task-list-item").nth(rang).click(position={"x": -14, "y": 12})


def test_les_cases_ont_un_nom_accessible(page, checklist):
    premiere = page.get_by_role("checkbox", name=re.compile("^Le paiement n'apparaît ni sur le relevé"))
    expect(premiere).to_have_count(1)
    expect(premiere).to_be_enabled()


def test_deux_coches_restent_apres_rechargement(page, url_site, checklist):
    cocher(page, 0)
    cocher(page, 2)
    expect(checklist.nth(0)).to_be_checked()
    expect(checklist.nth(2)).to_be_checked()

    page.reload()
    cases = ouvrir(page, url_site + CHEMIN)
    expect(cases.nth(0)).to_be_checked()
    expect(cases.nth(1)).not_to_be_checked()
    expect(cases.nth(2)).to_be_checked()


def test_decocher_est_aussi_memorise(page, url_site, checklist):
    cocher(page, 1)
    cocher(page, 1)
    page.reload()
    cases = ouvrir(page, url_site + CHEMIN)
    expect(cases.nth(1)).not_to_be_checked()


def test_reinitialiser_decoche_tout_et_durablement(page, url_site, checklist):
    cocher(page, 0)
    cocher(page, 3)
    bouton = page.get_by_role("button", name="Réinitialiser la liste")
    expect(bouton).to_have_count(1)
    bouton.click()
    page.get_by_role("dialog", name=re.compile("Réinitialiser la liste")).get_by_role(
        "button", name="Tout décocher").click()

    expect(page.locator(".checklist__statut")).to_have_text(re.compile("Liste réinitialisée"))
    expect(page.locator(".checklist input[type=checkbox]:checked")).to_have_count(0)

    page.reload()
    ouvrir(page, url_site + CHEMIN)
    expect(page.locator(".checklist input[type=checkbox]:checked")).to_have_count(0)


def test_cocher_et_reinitialiser_au_clavier(page, checklist):
    checklist.nth(0).focus()
    page.keyboard.press("Space")
    expect(checklist.nth(0)).to_be_checked()
    bouton = page.get_by_role("button", name="Réinitialiser la liste")
    bouton.focus()
    page.keyboard.press("Enter")
    # La confirmation s'ouvre sur « Annuler » (action destructrice) ; Maj+Tab va à « Tout décocher ».
    dialogue = page.get_by_role("dialog", name=re.compile("Réinitialiser la liste"))
    expect(dialogue.get_by_role("button", name="Annuler")).to_be_focused()
    page.keyboard.press("Shift+Tab")
    expect(dialogue.get_by_role("button", name="Tout décocher")).to_be_focused()
    page.keyboard.press("Enter")
    expect(dialogue).to_be_hidden()
    expect(checklist.nth(0)).not_to_be_checked()
    statut = page.locator(".checklist__statut")
    expect(statut).to_have_attribute("aria-live", "polite")
    expect(statut).to_have_text(re.compile("Liste réinitialisée"))


def test_un_clic_sur_le_texte_coche_le_point(page, url_site, checklist):
    page.get_by_text("Aucun litige ouvert sur cette livraison").click()
    expect(page.get_by_role("checkbox", name=re.compile("^Aucun litige ouvert"))).to_be_checked()
    page.reload()
    ouvrir(page, url_site + CHEMIN)
    expect(page.get_by_role("checkbox", name=re.compile("^Aucun litige ouvert"))).to_be_checked()


def test_chaque_page_a_ses_propres_coches(page, url_site, checklist):
    cocher(page, 0)
    autre = ouvrir(page, url_site + AUTRE_CHEMIN)
    expect(autre.nth(0)).not_to_be_checked()
    expect(page.locator(".checklist input[type=checkbox]:checked")).to_have_count(0)


def test_a_l_impression_seule_la_checklist_reste(page, checklist):
    cocher(page, 0)
    page.emulate_media(media="print")

    for habillage in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary",
                      ".md-footer", ".md-search", ".checklist__actions"):
        expect(page.locator(habillage)).to_be_hidden()

    expect(page.locator("h1")).to_be_visible()
    expect(page.locator(".checklist")).to_be_visible()
    # La case imprimée est le pseudo-élément ::before de l'indicateur : un carré à bordure noire.
    case_imprimee = page.evaluate(
        """() => {
            const style = getComputedStyle(document.querySelector('.checklist .task-list-indicator'), '::before');
            return {bordure: style.borderTopStyle, largeur: parseFloat(style.width), affichage: style.display};
        }"""
    )
    assert case_imprimee["bordure"] == "solid" and case_imprimee["largeur"] > 0, case_imprimee
    assert case_imprimee["affichage"] != "none", case_imprimee
    expect(checklist.nth(0)).to_be_checked()

    # Le contenu occupe toute la largeur de la page imprimée.
    largeurs = page.evaluate(
        """() => [document.querySelector('.md-content').getBoundingClientRect().width,
                  document.querySelector('.md-main__inner').getBoundingClientRect().width]"""
    )
    assert largeurs[0] >= 0.95 * largeurs[1], largeurs


def test_pas_de_bouton_hors_des_checklists(page, url_site):
    page.goto(url_site + "formation/")
    expect(page.locator("h1")).to_be_visible()
    expect(page.get_by_role("button", name="Réinitialiser la liste")).to_have_count(0)


def compteur(page):
    return page.locator(".checklist__compteur")


def test_le_compteur_suit_les_coches(page, url_site, checklist):
    total = checklist.count()
    expect(compteur(page)).to_have_text(re.compile(rf"^Cochés\s*:\s*0\s*/\s*{total}$"))
    cocher(page, 0)
    cocher(page, 2)
    expect(compteur(page)).to_have_text(re.compile(rf"^Cochés\s*:\s*2\s*/\s*{total}$"))
    cocher(page, 2)
    expect(compteur(page)).to_have_text(re.compile(rf"^Cochés\s*:\s*1\s*/\s*{total}$"))

    page.reload()
    ouvrir(page, url_site + CHEMIN)
    expect(compteur(page)).to_have_text(re.compile(rf"^Cochés\s*:\s*1\s*/\s*{total}$"))


def test_annuler_la_reinitialisation_ne_decoche_rien(page, url_site, checklist):
    cocher(page, 0)
    cocher(page, 1)
    bouton = page.get_by_role("button", name="Réinitialiser la liste")

    bouton.click()
    dialogue = page.get_by_role("dialog", name=re.compile("Réinitialiser la liste"))
    expect(dialogue).to_be_visible()
    expect(dialogue).to_contain_text("Les 2 cases cochées de cette page seront décochées")
    dialogue.get_by_role("button", name="Annuler").click()
    expect(dialogue).to_be_hidden()
    expect(page.locator(".checklist input[type=checkbox]:checked")).to_have_count(2)

    # Échap ferme aussi sans rien changer, et rend le focus au bouton.
    bouton.focus()
    page.keyboard.press("Enter")
    expect(dialogue).to_be_visible()
    page.keyboard.press("Escape")
    expect(dialogue).to_be_hidden()
    expect(bouton).to_be_focused()
    expect(page.locator(".checklist input[type=checkbox]:checked")).to_have_count(2)
    expect(page.locator(".checklist__statut")).to_have_text("")

    page.reload()
    ouvrir(page, url_site + CHEMIN)
    expect(page.locator(".checklist input[type=checkbox]:checked")).to_have_count(2)


def test_la_confirmation_passe_axe(page, checklist):
    cocher(page, 0)
    page.get_by_role("button", name="Réinitialiser la liste").click()
    expect(page.get_by_role("dialog", name=re.compile("Réinitialiser la liste"))).to_be_visible()
    page.evaluate(AXE.read_text(encoding="utf-8"))  # pas de script en ligne : la CSP du site le bloquerait
    violations = page.evaluate(
        "axe.run(document.querySelector('dialog.checklist__confirmation'), {resultTypes: ['violations']})"
        ".then(r => r.violations.map(v => v.id))"
    )
    assert violations == []


def test_effacer_mes_donnees_efface_aussi_les_coches(page, url_site, checklist):
    cocher(page, 0)
    ouvrir(page, url_site + AUTRE_CHEMIN)
    cocher(page, 1)

    page.goto(url_site + "lettres/remplir/")
    expect(page.locator("form[data-lettres-monte]")).to_have_count(1)
    page.once("dialog", lambda dialogue: dialogue.accept())  # lettres.js demande confirmation
    page.get_by_role("button", name="Effacer mes données").click()

    for chemin in (CHEMIN, AUTRE_CHEMIN):
        ouvrir(page, url_site + chemin)
        expect(page.locator(".checklist input[type=checkbox]:checked")).to_have_count(0)


def test_le_focus_du_clavier_se_voit_sur_la_case(page, checklist):
    """La vraie case est invisible (Material) et l'icône dessinée par un masque, qui découpait aussi le
    contour posé sur elle : rien ne changeait à l'écran au focus. Le contour est sur un ::after à la même
    place, et se voit (mesuré sur son style calculé, pas seulement posé)."""
    indicateur = page.locator(".checklist .task-list-item .task-list-indicator").first
    contour = "(e) => { const s = getComputedStyle(e, '::after'); return [s.outlineStyle, s.content, s.width]; }"
    assert indicateur.evaluate(contour)[0] == "none"
    checklist.nth(0).focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # au clavier : :focus-visible
    style, contenu, largeur = indicateur.evaluate(contour)
    assert style == "solid" and contenu == '""' and float(largeur.removesuffix("px")) > 10
