"""Clavier : lien d'évitement, ordre de tabulation et focus visible sur les pages de calculateur.

Tout élément qui prend le focus doit se voir (boîte non nulle, ni transparent ni caché) et
montrer un anneau de focus. Les cases d'option de Material (`input.md-option`, bascule de
thème) sont invisibles par construction : leur anneau est dessiné sur le <label> qui les suit.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

DOCS = Path(__file__).resolve().parents[2] / "docs"
CALCULATEURS = sorted(
    f"calculateurs/{source.stem}/" for source in (DOCS / "calculateurs").glob("*.md") if source.stem != "index"
)
# Du haut de la page au contenu : lien d'évitement, logo, thème, recherche, onglets, menu.
TABULATIONS_MAX = 60

# Mesuré une fois les transitions finies : l'ancre « ¶ » d'un titre, par exemple, passe de
# l'opacité 0 à 1 quand elle prend le focus.
_FOCUS = """async () => {
    await Promise.all(document.getAnimations().filter(a => a instanceof CSSTransition).map(a => a.finished.catch(() => null)));
    const el = document.activeElement;
    const cible = el.matches('.md-option') && el.nextElementSibling ? el.nextElementSibling : el;
    const style = getComputedStyle(cible);
    const boite = cible.getBoundingClientRect();
    let opaque = true;
    for (let n = cible; n; n = n.parentElement) {
        if (parseFloat(getComputedStyle(n).opacity) === 0) opaque = false;
    }
    // Premier champ de saisie du contenu (le fichier à analyser sur la page du poste clients).
    const champs = document.querySelectorAll('.md-content input, .md-content select, .md-content textarea');
    const premier = [...champs].find(c => !c.disabled && c.tabIndex >= 0 && c.getClientRects().length);
    return {
        description: `${el.tagName.toLowerCase()}.${el.className} « ${(el.textContent || el.value || '').trim().slice(0, 40)} »`,
        visible: opaque && boite.width > 0 && boite.height > 0 && style.visibility === 'visible',
        anneau: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none',
        premierChamp: el === premier,
        dansLeContenu: !!el.closest('.md-content'),
        rechercheOuverte: document.getElementById('__search').checked,
        dansLaRecherche: !!el.closest('.md-search'),
    };
}"""


def tabuler(page):
    page.keyboard.press("Tab")
    return page.evaluate(_FOCUS)


def verifier_visible(focus):
    assert focus["visible"], f"le focus est sur un élément invisible : {focus['description']}"
    assert focus["anneau"], f"pas d'anneau de focus sur {focus['description']}"


@pytest.mark.parametrize("chemin", CALCULATEURS)
def test_le_lien_d_evitement_mene_au_formulaire_en_deux_tabulations(page, url_site, chemin):
    page.goto(url_site + chemin)
    focus = tabuler(page)
    assert "md-skip" in focus["description"], f"la première tabulation va sur {focus['description']}"
    verifier_visible(focus)

    # Le focus passe au titre de la page : la navigation instantanée ne recharge rien, et
    # la tabulation suivante part de là (et non des onglets, selon le moment de l'appui).
    page.keyboard.press("Enter")
    focus = page.evaluate(_FOCUS)
    assert focus["description"].startswith("h1."), f"le lien d'évitement mène à {focus['description']}"
    verifier_visible(focus)
    for _ in range(2):
        focus = tabuler(page)
        verifier_visible(focus)
        if focus["premierChamp"]:
            break
    assert focus["premierChamp"], f"après le lien d'évitement et deux tabulations : {focus['description']}"


@pytest.mark.parametrize("chemin", CALCULATEURS[:1])
def test_en_tabulant_jusqu_au_contenu_chaque_focus_est_visible(page, url_site, chemin):
    """Sans le lien d'évitement : l'en-tête (recherche comprise) ne cache jamais le focus."""
    page.goto(url_site + chemin)
    for _ in range(TABULATIONS_MAX):
        focus = tabuler(page)
        verifier_visible(focus)
        if not focus["dansLaRecherche"]:
            # Quitter le champ de recherche au clavier referme la recherche et son voile gris.
            assert not focus["rechercheOuverte"], f"recherche restée ouverte sur {focus['description']}"
        if focus["dansLeContenu"]:
            break
    assert focus["dansLeContenu"], f"contenu non atteint en {TABULATIONS_MAX} tabulations"


@pytest.mark.parametrize("largeur", [1366, 390])
def test_en_remontant_le_formulaire_le_champ_ne_passe_pas_sous_l_en_tete(page, url_site, largeur):
    """Maj+Tab remonte le formulaire des lettres : le navigateur amène chaque champ juste au bord haut de
    la fenêtre, sous l'en-tête fixe de Material (48 px), qui le cachait. Chaque champ atteint reste
    entièrement sous l'en-tête."""
    page.set_viewport_size({"width": largeur, "height": 768 if largeur > 500 else 844})
    page.goto(url_site + "lettres/remplir/")
    page.locator("form.calc button[type=submit]").first.focus()
    masques = []
    for _ in range(25):
        page.keyboard.press("Shift+Tab")
        etat = page.evaluate("""() => { const el = document.activeElement, h = document.querySelector('.md-header');
            return [el.id || el.tagName, Math.round(el.getBoundingClientRect().top),
                    Math.round(h.getBoundingClientRect().bottom), !!el.closest('form.calc')]; }""")
        if not etat[3]:
            break
        if etat[1] < etat[2]:
            masques.append(etat)
    assert masques == [], f"champs sous l'en-tête : {masques}"


def test_l_onglet_de_contenu_atteint_au_clavier_montre_un_contour(page, url_site):
    """Les onglets de contenu de Material (« Découpage par semestre / Taux figé ») ne changeaient que de
    couleur au focus du clavier : un contour le montre maintenant."""
    page.goto(url_site + "calculateurs/penalites-de-retard/")
    page.locator(".tabbed-set > input").first.focus()
    page.keyboard.press("ArrowRight")
    second = page.locator(".tabbed-set").first.locator(".tabbed-labels > label").nth(1)
    assert second.evaluate("(l) => [getComputedStyle(l).outlineStyle, parseFloat(getComputedStyle(l).outlineWidth) >= 2]") \
        == ["solid", True]
    assert page.locator(".tabbed-set").first.locator(".tabbed-labels > label").nth(0).evaluate(
        "(l) => getComputedStyle(l).outlineStyle") == "none"
