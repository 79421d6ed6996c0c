/*
 * Quiz d'autoévaluation du parcours de formation, corrigés dans la page (aucun service tiers).
 *
 * Balisage (HTML brut dans le Markdown ; pas de ligne vide à l'intérieur du <form>) :
 *
 *   <form class="quiz" data-quiz="module-5">
 *   <fieldset class="quiz__question" data-correct="b">
 *   <legend>1. Texte de la question ?</legend>
 *   <label class="quiz__choix"><input type="radio" name="m5q1" value="a"> Réponse A</label>
 *   <label class="quiz__choix"><input type="radio" name="m5q1" value="b"> Réponse B</label>
 *   <div class="quiz__explication" hidden><p>Pourquoi B est la bonne réponse.</p></div>
 *   </fieldset>
 *   …
 *   <div class="quiz__actions">
 *   <button type="submit" class="md-button md-button--primary">Vérifier mes réponses</button>
 *   <button type="reset" class="md-button">Effacer mes réponses</button>
 *   </div>
 *   <p class="quiz__score" role="status" aria-live="polite"></p>
 *   </form>
 *
 * `data-correct` porte la valeur (`value`) du bon bouton radio. « Vérifier » ajoute à chaque
 * question un verdict écrit (pas seulement une couleur), l'attribut `data-resultat`
 * (`juste`, `faux` ou `sans-reponse`), signale la bonne réponse, affiche l'explication et
 * annonce le score. Tout le texte est posé avec textContent.
 *
 * Mémoire (localStorage, clé `impayes:quiz:` + `data-quiz`) : les réponses cochées et le score
 * de leur vérification restent après un rechargement ; la page corrigée est rendue telle
 * quelle, sans annoncer de nouveau le score. Changer une réponse oublie le score. « Effacer mes réponses » oublie le quiz ; le bouton
 * « Effacer mes données » du site (`[data-effacer-donnees]`, page des lettres) oublie tous les
 * quiz avec le reste.
 *
 * Progression : sur la page du parcours, chaque `[data-quiz-etat="module-N"]` reçoit l'état du
 * quiz (pas commencé, en cours, score, acquis) et `[data-quiz-bilan]` le compte des modules.
 *
 * Navigation instantanée : `document$` émet à chaque page ; chaque formulaire est marqué
 * `data-quiz-pret` après le montage, donc un second passage ne lie rien deux fois.
 */
(function () {
  "use strict";

  if (window.__impayesQuiz) {
    return;
  }
  window.__impayesQuiz = true;

  var ESPACE = "\u00a0"; // espace insécable avant « : »
  var PREFIXE = "impayes:quiz:";

  function cle(formulaire) {
    return PREFIXE + (formulaire.getAttribute("data-quiz") || window.location.pathname);
  }

  // État gardé d'un quiz : { reponses: {nom: valeur}, score: {justes, total} | absent }.
  function lire(nomCle) {
    try {
      var valeur = JSON.parse(window.localStorage.getItem(nomCle));
      return valeur && typeof valeur === "object" && valeur.reponses ? valeur : null;
    } catch (erreur) {
      return null;
    }
  }

  function ecrire(nomCle, etat) {
    try {
      if (etat) {
        window.localStorage.setItem(nomCle, JSON.stringify(etat));
      } else {
        window.localStorage.removeItem(nomCle);
      }
    } catch (erreur) {
      // Stockage plein ou interdit (navigation privée stricte) : le quiz reste utilisable.
    }
  }

  function reponsesCochees(formulaire) {
    var reponses = {};
    formulaire.querySelectorAll("input[type=radio]:checked").forEach(function (radio) {
      reponses[radio.name] = radio.value;
    });
    return reponses;
  }

  function pluriel(nombre, mot) {
    return nombre + " " + mot + (nombre > 1 ? "s" : "");
  }

  function texteDuChoix(label) {
    return label ? label.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function effacerMarques(formulaire) {
    formulaire.querySelectorAll(".quiz__verdict").forEach(function (p) {
      p.remove();
    });
    formulaire.querySelectorAll(".quiz__question").forEach(function (question) {
      question.removeAttribute("data-resultat");
      question.classList.remove("quiz__question--juste", "quiz__question--faux", "quiz__question--sans-reponse");
      var explication = question.querySelector(".quiz__explication");
      if (explication) {
        explication.hidden = true;
      }
    });
    formulaire.querySelectorAll(".quiz__choix").forEach(function (label) {
      label.classList.remove("quiz__choix--correct", "quiz__choix--choisi-faux");
    });
  }

  // Corrige le quiz et renvoie le score ; `annoncer` faux (page rechargée) : le score est
  // posé sans passer par la zone aria-live vidée puis remplie.
  function corriger(formulaire, annoncer) {
    effacerMarques(formulaire);
    var questions = formulaire.querySelectorAll(".quiz__question");
    var justes = 0;

    questions.forEach(function (question, rang) {
      var attendu = question.getAttribute("data-correct");
      var choisi = question.querySelector("input[type=radio]:checked");
      var bonneCase = null;
      question.querySelectorAll("input[type=radio]").forEach(function (radio) {
        if (radio.value === attendu) {
          bonneCase = radio;
        }
      });
      var bonLabel = bonneCase ? bonneCase.closest("label") : null;

      var verdict = document.createElement("p");
      verdict.className = "quiz__verdict";
      var etat;
      if (!choisi) {
        etat = "sans-reponse";
        verdict.textContent = "Pas de réponse. La bonne réponse était" + ESPACE + ": " + texteDuChoix(bonLabel) + ".";
      } else if (choisi.value === attendu) {
        etat = "juste";
        justes += 1;
        verdict.textContent = "✔ Bonne réponse.";
      } else {
        etat = "faux";
        verdict.textContent = "✘ Réponse incorrecte. La bonne réponse était" + ESPACE + ": " + texteDuChoix(bonLabel) + ".";
        var labelChoisi = choisi.closest("label");
        if (labelChoisi) {
          labelChoisi.classList.add("quiz__choix--choisi-faux");
        }
      }
      if (bonLabel) {
        bonLabel.classList.add("quiz__choix--correct");
      }
      question.setAttribute("data-resultat", etat);
      question.classList.add("quiz__question--" + etat);
      verdict.id = (formulaire.getAttribute("data-quiz") || "quiz") + "-verdict-" + (rang + 1);

      var explication = question.querySelector(".quiz__explication");
      if (explication) {
        question.insertBefore(verdict, explication);
        explication.hidden = false;
      } else {
        question.appendChild(verdict);
      }
    });

    var score = formulaire.querySelector(".quiz__score");
    if (score) {
      var total = questions.length;
      var message = "Score" + ESPACE + ": " + justes + " bonne" + (justes > 1 ? "s" : "") +
        " réponse" + (justes > 1 ? "s" : "") + " sur " + total + ".";
      if (justes === total) {
        message += " Bravo, le module est acquis.";
      } else {
        message += " Lisez les explications sous chaque question.";
      }
      if (annoncer) {
        // Vider puis remplir : la zone aria-live annonce aussi une seconde vérification.
        score.textContent = "";
        window.setTimeout(function () {
          score.textContent = message;
        }, 50);
      } else {
        score.textContent = message;
      }
    }
    return { justes: justes, total: questions.length };
  }

  function restaurer(formulaire) {
    var etat = lire(cle(formulaire));
    if (!etat) {
      return;
    }
    formulaire.querySelectorAll("input[type=radio]").forEach(function (radio) {
      radio.checked = etat.reponses[radio.name] === radio.value;
    });
    if (etat.score) {
      corriger(formulaire, false);
    }
  }

  function etatDuModule(etat) {
    if (!etat) {
      return "Pas commencé";
    }
    if (!etat.score) {
      return "Commencé, pas encore vérifié";
    }
    var score = etat.score.justes + ESPACE + "/" + ESPACE + etat.score.total;
    return etat.score.justes === etat.score.total ? "Acquis" + ESPACE + ": " + score : "Score" + ESPACE + ": " + score;
  }

  function afficherProgression() {
    var cases = document.querySelectorAll("[data-quiz-etat]");
    var acquis = 0;
    var commences = 0;
    cases.forEach(function (zone) {
      var etat = lire(PREFIXE + zone.getAttribute("data-quiz-etat"));
      zone.textContent = etatDuModule(etat);
      if (etat && etat.score && etat.score.justes === etat.score.total) {
        acquis += 1;
      } else if (etat) {
        commences += 1;
      }
    });
    document.querySelectorAll("[data-quiz-bilan]").forEach(function (bilan) {
      bilan.textContent = "Votre progression" + ESPACE + ": " + pluriel(acquis, "module") + " acquis sur " +
        cases.length + (commences ? ESPACE + "; " + commences + " quiz en cours." : ".");
      bilan.hidden = false;
    });
  }

  function monter() {
    document.querySelectorAll("form.quiz:not([data-quiz-pret])").forEach(function (formulaire) {
      formulaire.setAttribute("data-quiz-pret", "");
      formulaire.setAttribute("novalidate", "");
      formulaire.addEventListener("submit", function (evenement) {
        evenement.preventDefault();
        ecrire(cle(formulaire), { reponses: reponsesCochees(formulaire), score: corriger(formulaire, true) });
      });
      // Une réponse changée après « Vérifier » : le score gardé ne vaut plus, il faut revérifier.
      formulaire.addEventListener("change", function () {
        ecrire(cle(formulaire), { reponses: reponsesCochees(formulaire) });
      });
      formulaire.addEventListener("reset", function () {
        effacerMarques(formulaire);
        ecrire(cle(formulaire), null);
        var score = formulaire.querySelector(".quiz__score");
        if (score) {
          score.textContent = "Réponses effacées.";
        }
      });
      restaurer(formulaire);
    });
    afficherProgression();
  }

  // « Effacer mes données » : les réponses de tous les quiz partent avec le reste.
  document.addEventListener("click", function (evenement) {
    if (!(evenement.target instanceof Element) || !evenement.target.closest("[data-effacer-donnees]")) {
      return;
    }
    try {
      Object.keys(window.localStorage).forEach(function (nomCle) {
        if (nomCle.indexOf(PREFIXE) === 0) {
          window.localStorage.removeItem(nomCle);
        }
      });
    } catch (erreur) {
      // Stockage interdit : il n'y a rien à effacer.
    }
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(monter);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", monter);
  } else {
    monter();
  }
})();
