"""Accessibilité vérifiée par axe-core (paquet npm épinglé, servi depuis node_modules : aucun
réseau), une page par gabarit, résultats et résumés d'erreurs compris, sans règle écartée.

Deux composants du thème Material étaient longtemps écartés, et sont corrigés à la construction :
la boîte de recherche (`role="dialog"`), qui reçoit son nom (`overrides/hooks/recherche.py`,
règle `aria-dialog-name`), et les repères `<nav>` sans nom des menus de section et des blocs de
code (`overrides/hooks/reperes.py`, règle `landmark-unique`).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

# États des calculateurs après un lien partagé : résultat affiché, ou résumé d'erreurs.
ETATS = [
    "calculateurs/penalites-de-retard/?montant=10000&echeance=30%2F11%2F2023&paiement=31%2F01%2F2024",
    "calculateurs/delai-de-paiement/?facture=15%2F01%2F2025&regime=45jfdm&echeance-convenue=15%2F04%2F2025",
    "calculateurs/echeancier/?montant=10000&nombre=6&premiere=31%2F01%2F2027",
    "calculateurs/penalites-de-retard/?montant=abc&echeance=31%2F02%2F2024",
]


def _violations(page, contexte="document"):
    # Deux images d'abord : la mise en page faite et ses observateurs passés (un tableau qui défile
    # ne devient atteignable au clavier qu'à leur passage, voir `defilement` dans calculateurs.js).
    page.evaluate("() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)))")
    # Puis les transitions finies : le bouton « Retour en haut de la page » du thème apparaît en
    # fondu après un défilement, et axe mesurait le contraste de ses couleurs à mi-fondu (CI du
    # 3 décembre : `.md-top`, « color-contrast »). C'est la page au repos qu'on contrôle. Seules les
    # animations en cours et finies un jour sont attendues (pas une barre de progression sans fin),
    # et 2 s au plus : Chromium laisse parfois en attente la promesse d'une transition déjà finie
    # (vu sur les onglets de la page DSO).
    page.evaluate("""() => Promise.race([
      Promise.all(document.getAnimations()
        .filter((a) => a.playState === "running" && a.effect && a.effect.getComputedTiming().endTime !== Infinity)
        .map((a) => a.finished.catch(() => null))),
      new Promise((ok) => setTimeout(ok, 2000)),
    ])""")
    page.evaluate(AXE.read_text(encoding="utf-8"))  # pas de script en ligne : la CSP du site le bloquerait
    return page.evaluate(
        f"axe.run({contexte}, {{resultTypes: ['violations']}}).then(r => r.violations.map(v => "
        "({id: v.id, impact: v.impact, cibles: v.nodes.map(n => n.target.join(' '))})))"
    )


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_aucune_violation_axe_sur_toutes_les_pages(page, site_construit, theme):
    """En clair et en sombre : en sombre, les nombres des blocs de code de Material faisaient 4,4:1."""
    page.emulate_media(color_scheme=theme)
    plan = (site_construit / "sitemap.xml").read_text(encoding="utf-8")
    chemins = [urlsplit(url).path.lstrip("/") for url in re.findall(r"<loc>([^<]+)</loc>", plan)]
    fautes = {}
    for chemin in chemins:
        page.goto(chemin)
        formulaire = page.locator("form.calc")
        if formulaire.count():
            expect(formulaire).to_have_attribute("data-calc-state", "ready")
        if violations := _violations(page):
            fautes[chemin] = violations
    assert fautes == {}


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("chemin", ETATS, ids=["penalites-resultat", "delai-resultat", "echeancier-resultat",
                                              "penalites-erreurs"])
def test_aucune_violation_axe_dans_les_resultats_et_les_erreurs(page, chemin, theme):
    """En clair et en sombre (le site suit le thème du système) : les boutons à contour du thème
    sombre étaient bleu foncé sur gris foncé (2,3:1, il faut 4,5:1)."""
    page.emulate_media(color_scheme=theme)
    page.goto(chemin)
    expect(page.locator(".calc-resultat[data-resultat=ok], .calc-erreurs:not([hidden])").first).to_be_visible()
    assert _violations(page) == []


@pytest.mark.parametrize(("chemin", "tableaux_trop_larges"), [
    # délai : ses deux tableaux du contenu tiennent désormais à 390 px (l'un lu en cartes, voir hooks/tables.py)
    ("calculateurs/delai-de-paiement/", 0), ("calculateurs/interet-legal/", 1),
    ("calculateurs/poste-clients/", 0), ("lettres/remplir/", 0)])  # poste clients : des blocs de code, que Material rend atteignables
def test_aucune_violation_axe_sur_un_telephone(page, chemin, tableaux_trop_larges):
    """À 390 px, les tableaux du contenu qui défilent n'étaient pas atteignables au clavier
    (`scrollable-region-focusable`) : le test, à la taille d'un ordinateur, ne le voyait pas."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(chemin)
    formulaire = page.locator("form.calc")
    if formulaire.count():
        expect(formulaire.first).to_have_attribute("data-calc-state", "ready")
    expect(page.locator(".md-typeset__scrollwrap[data-arret-defilement][tabindex='0'][aria-label]")).to_have_count(
        tableaux_trop_larges)
    assert _violations(page) == []
