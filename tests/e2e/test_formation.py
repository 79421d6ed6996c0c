"""Parcours de formation : le quiz d'un module se corrige dans la page.

Balisage : `<form class="quiz">` ; une `<fieldset class="quiz__question" data-correct="…">` par
question, avec ses boutons radio et une `.quiz__explication` cachée ; `docs/javascripts/quiz.js`
pose `data-resultat` (`juste`, `faux`, `sans-reponse`), un verdict écrit et le score. Les réponses
et le dernier score restent dans localStorage ; la page du parcours montre la progression.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

MODULE = "formation/module-5-relance/"
MODULES = [f"formation/{nom}/" for nom in (
    "module-1-enjeux", "module-2-causes", "module-3-prevention", "module-4-politique-credit",
    "module-5-relance", "module-6-escalade", "module-7-contentieux", "module-8-droit",
)]


def ouvrir_quiz(page, url):
    page.goto(url)
    quiz = page.locator("form.quiz[data-quiz-pret]")
    expect(quiz).to_have_count(1)
    return quiz


def repondre(question, juste: bool):
    """Coche la bonne réponse, ou une mauvaise, d'une question ; renvoie la valeur cochée."""
    attendu = question.get_attribute("data-correct")
    valeurs = [r.get_attribute("value") for r in question.locator("input[type=radio]").all()]
    valeur = attendu if juste else next(v for v in valeurs if v != attendu)
    question.locator(f"input[type=radio][value='{valeur}']").check()
    return valeur


def test_une_bonne_une_mauvaise_reponse(page, url_site):
    quiz = ouvrir_quiz(page, url_site + MODULE)
    questions = quiz.locator(".quiz__question")
    total = questions.count()
    assert 3 <= total <= 5

    expect(questions.nth(0).locator(".quiz__explication")).to_be_hidden()
    repondre(questions.nth(0), juste=True)
    repondre(questions.nth(1), juste=False)
    quiz.get_by_role("button", name="Vérifier mes réponses").click()

    juste, faux = questions.nth(0), questions.nth(1)
    expect(juste).to_have_attribute("data-resultat", "juste")
    expect(juste.locator(".quiz__verdict")).to_have_text(re.compile("Bonne réponse"))
    expect(faux).to_have_attribute("data-resultat", "faux")
    expect(faux.locator(".quiz__verdict")).to_have_text(re.compile("Réponse incorrecte"))
    # Le verdict ne tient pas qu'à la couleur : la bonne réponse est écrite en toutes lettres.
    bonne = faux.locator(".quiz__choix--correct")
    expect(bonne).to_have_count(1)
    expect(faux.locator(".quiz__verdict")).to_contain_text(bonne.inner_text().strip())

    for rang in range(total):
        expect(questions.nth(rang).locator(".quiz__explication")).to_be_visible()
    expect(questions.nth(2)).to_have_attribute("data-resultat", "sans-reponse")

    score = quiz.locator(".quiz__score")
    expect(score).to_have_attribute("aria-live", "polite")
    expect(score).to_have_text(re.compile(rf"^Score\s*:\s*1 bonne réponse sur {total}\."))


def test_tout_juste_puis_effacer(page, url_site):
    quiz = ouvrir_quiz(page, url_site + MODULE)
    questions = quiz.locator(".quiz__question")
    total = questions.count()
    for rang in range(total):
        repondre(questions.nth(rang), juste=True)
    bouton = quiz.get_by_role("button", name="Vérifier mes réponses")
    bouton.click()
    bouton.click()  # une seconde vérification ne duplique rien
    expect(quiz.locator(".quiz__score")).to_have_text(re.compile(rf"{total} bonnes réponses sur {total}"))
    expect(quiz.locator(".quiz__verdict")).to_have_count(total)

    quiz.get_by_role("button", name="Effacer mes réponses").click()
    expect(quiz.locator(".quiz__verdict")).to_have_count(0)
    expect(quiz.locator("input[type=radio]:checked")).to_have_count(0)
    expect(questions.nth(0).locator(".quiz__explication")).to_be_hidden()


def test_quiz_apres_navigation_instantanee(page, url_site):
    """Le script est chargé une fois ; il doit lier le quiz de chaque page atteinte sans rechargement."""
    ouvrir_quiz(page, url_site + MODULE)
    page.evaluate("() => { window.__memePage = true; }")
    page.get_by_role("link", name=re.compile("Module 6")).first.click()
    expect(page).to_have_url(re.compile("module-6-escalade/"))
    quiz = page.locator("form.quiz[data-quiz='module-6'][data-quiz-pret]")
    expect(quiz).to_have_count(1)
    assert page.evaluate("() => window.__memePage === true"), "la page a été rechargée"

    questions = quiz.locator(".quiz__question")
    repondre(questions.nth(0), juste=True)
    quiz.get_by_role("button", name="Vérifier mes réponses").click()
    expect(questions.nth(0)).to_have_attribute("data-resultat", "juste")
    expect(questions.nth(0).locator(".quiz__verdict")).to_have_count(1)


@pytest.mark.parametrize("chemin", MODULES)
def test_chaque_module_a_un_quiz_coherent(page, url_site, chemin):
    quiz = ouvrir_quiz(page, url_site + chemin)
    questions = quiz.locator(".quiz__question")
    assert 3 <= questions.count() <= 5
    for question in questions.all():
        attendu = question.get_attribute("data-correct")
        expect(question.locator(f"input[type=radio][value='{attendu}']")).to_have_count(1)
        expect(question.locator(".quiz__explication")).to_have_count(1)


# --------------------------------------------------------------------------------------------
# Mémoire des quiz et progression sur la page du parcours
# --------------------------------------------------------------------------------------------

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def test_reponses_et_score_restent_apres_rechargement(page, url_site):
    quiz = ouvrir_quiz(page, url_site + MODULE)
    questions = quiz.locator(".quiz__question")
    total = questions.count()
    premiere = repondre(questions.nth(0), juste=True)
    seconde = repondre(questions.nth(1), juste=False)
    quiz.get_by_role("button", name="Vérifier mes réponses").click()
    expect(quiz.locator(".quiz__score")).to_have_text(re.compile(rf"1 bonne réponse sur {total}"))

    page.reload()
    quiz = ouvrir_quiz(page, url_site + MODULE)
    questions = quiz.locator(".quiz__question")
    expect(questions.nth(0).locator(f"input[value='{premiere}']")).to_be_checked()
    expect(questions.nth(1).locator(f"input[value='{seconde}']")).to_be_checked()
    expect(quiz.locator("input[type=radio]:checked")).to_have_count(2)
    # La correction est rendue telle qu'elle était : verdicts, explications, score.
    expect(questions.nth(0)).to_have_attribute("data-resultat", "juste")
    expect(questions.nth(1)).to_have_attribute("data-resultat", "faux")
    expect(quiz.locator(".quiz__score")).to_have_text(re.compile(rf"^Score\s*:\s*1 bonne réponse sur {total}\."))


def test_une_reponse_non_verifiee_reste_aussi(page, url_site):
    quiz = ouvrir_quiz(page, url_site + MODULE)
    valeur = repondre(quiz.locator(".quiz__question").nth(2), juste=False)
    page.reload()
    quiz = ouvrir_quiz(page, url_site + MODULE)
    expect(quiz.locator(".quiz__question").nth(2).locator(f"input[value='{valeur}']")).to_be_checked()
    expect(quiz.locator(".quiz__verdict")).to_have_count(0)


def test_effacer_mes_reponses_oublie_le_quiz(page, url_site):
    quiz = ouvrir_quiz(page, url_site + MODULE)
    repondre(quiz.locator(".quiz__question").nth(0), juste=True)
    quiz.get_by_role("button", name="Vérifier mes réponses").click()
    quiz.get_by_role("button", name="Effacer mes réponses").click()
    page.reload()
    quiz = ouvrir_quiz(page, url_site + MODULE)
    expect(quiz.locator("input[type=radio]:checked")).to_have_count(0)
    expect(quiz.locator(".quiz__score")).to_have_text("")


def etats_du_parcours(page, url_site):
    page.goto(url_site + "formation/")
    bilan = page.locator("[data-quiz-bilan]")
    expect(bilan).to_be_visible()
    return bilan, {
        zone.get_attribute("data-quiz-etat"): zone.inner_text() for zone in page.locator("[data-quiz-etat]").all()
    }


def test_la_page_du_parcours_montre_la_progression(page, url_site):
    quiz = ouvrir_quiz(page, url_site + MODULES[0])
    questions = quiz.locator(".quiz__question")
    total = questions.count()
    for rang in range(total):
        repondre(questions.nth(rang), juste=True)
    quiz.get_by_role("button", name="Vérifier mes réponses").click()

    quiz = ouvrir_quiz(page, url_site + MODULE)
    total_5 = quiz.locator(".quiz__question").count()
    repondre(quiz.locator(".quiz__question").nth(0), juste=True)
    quiz.get_by_role("button", name="Vérifier mes réponses").click()

    quiz = ouvrir_quiz(page, url_site + MODULES[1])
    repondre(quiz.locator(".quiz__question").nth(0), juste=False)

    bilan, etats = etats_du_parcours(page, url_site)
    assert len(etats) == len(MODULES), etats
    assert re.fullmatch(rf"Acquis\s*:\s*{total}\s*/\s*{total}", etats["module-1"]), etats
    assert etats["module-2"] == "Commencé, pas encore vérifié", etats
    assert re.fullmatch(rf"Score\s*:\s*1\s*/\s*{total_5}", etats["module-5"]), etats
    assert etats["module-3"] == "Pas commencé", etats
    expect(bilan).to_have_text(re.compile(r"^Votre progression\s*:\s*1 module acquis sur 8\s*;\s*2 quiz en cours\.$"))

    page.evaluate(AXE.read_text(encoding="utf-8"))  # pas de script en ligne : la CSP du site le bloquerait
    violations = page.evaluate(
        "axe.run(document.querySelector('article'), {resultTypes: ['violations']})"
        ".then(r => r.violations.map(v => v.id))"
    )
    assert violations == []


def test_effacer_mes_donnees_efface_aussi_les_quiz(page, url_site):
    quiz = ouvrir_quiz(page, url_site + MODULE)
    repondre(quiz.locator(".quiz__question").nth(0), juste=True)
    quiz.get_by_role("button", name="Vérifier mes réponses").click()

    page.goto(url_site + "lettres/remplir/")
    expect(page.locator("form[data-lettres-monte]")).to_have_count(1)
    page.once("dialog", lambda dialogue: dialogue.accept())  # lettres.js demande confirmation
    page.get_by_role("button", name="Effacer mes données").click()
    expect(page.locator(".lettre-statut")).to_have_text(re.compile("effacées"))

    _, etats = etats_du_parcours(page, url_site)
    assert set(etats.values()) == {"Pas commencé"}, etats


# --------------------------------------------------------------------------------------------
# Un seul nom par module
# --------------------------------------------------------------------------------------------


def test_chaque_module_porte_un_seul_nom(page, url_site):
    """Titre de la page, menu, onglet du navigateur, tableau du parcours, boutons précédent/suivant
    et bouton « Suite du parcours » : le même nom, « Module N — … »."""
    page.goto(url_site + "formation/")
    dans_le_tableau = {
        lien.get_attribute("href").rstrip("/").split("/")[-1]: lien.inner_text().strip()
        for lien in page.locator("article table a").all()
    }
    noms = []
    for chemin in MODULES:
        page.goto(url_site + chemin)
        nom = page.locator("article h1").inner_text().replace("¶", "").strip()
        assert re.fullmatch(r"Module \d\u00a0— \S.*", nom), nom  # insécable : le tiret ne commence pas une ligne
        noms.append(nom)
        assert dans_le_tableau[chemin.rstrip("/").split("/")[-1]] == nom
        assert page.title().startswith(nom.replace("\u00a0", " ") + " - "), page.title()
        expect(page.locator(".md-sidebar--primary a.md-nav__link--active")).to_have_text(nom)
    for rang, chemin in enumerate(MODULES):
        page.goto(url_site + chemin)
        if rang > 0:
            expect(page.locator(".md-footer__link--prev .md-ellipsis")).to_have_text(noms[rang - 1])
        if rang + 1 < len(MODULES):
            expect(page.locator(".md-footer__link--next .md-ellipsis")).to_have_text(noms[rang + 1])
            expect(page.locator("article a.md-button--primary")).to_have_text(noms[rang + 1])
