"""Parcours de formation : le quiz d'un module se corrige dans la page.

Balisage : `<form class="quiz">` ; une `<fieldset class="quiz__question" data-correct="…">` par
question, avec ses boutons radio et une `.quiz__explication` cachée ; `docs/javascripts/quiz.js`
pose `data-resultat` (`juste`, `faux`, `sans-reponse`), un verdict écrit et le score.
"""

from __future__ import annotations

import re

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
