"""Relecture juridique et éditoriale des pages (novembre 2026) : chaque correction est tenue par un test.

Ces tests lisent les sources Markdown de docs/ (et, pour deux d'entre eux, le code du poste clients ou le
site construit). Les espaces insécables (U+00A0, U+202F) sont ramenées à des espaces ordinaires avant
toute comparaison : la typographie est vérifiée ailleurs (test_typographie.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parents[2]
DOCS = RACINE / "docs"

REPERES = {"✅": "texte lu", "🟡": "à vérifier", "❌": "non confirmé"}


def lire(relatif: str) -> str:
    """Le Markdown d'une page, espaces insécables rendues ordinaires."""
    return re.sub("[\u00a0\u202f]", " ", (DOCS / relatif).read_text(encoding="utf-8"))


# Pages des calculateurs : rédigées avec leur code, relues à part (leurs onglets et leur ligne
# « Indemnité » ne sont pas encore passés par cette relecture).
HORS_RELECTURE = ("a-propos/performances.md",)


def pages() -> list[Path]:
    return sorted(p for p in DOCS.rglob("*.md") if not p.relative_to(DOCS).as_posix().startswith(HORS_RELECTURE))


def phrases(texte: str) -> list[str]:
    """Découpage grossier en phrases (suffisant pour chercher deux mots dans la même phrase)."""
    return [p for p in re.split(r"(?<=[.!?])\s+|\n", texte) if p.strip()]


# --------------------------------------------------------------------------------------------
# 1. Relevé de forclusion : C. com., art. L622-26, al. 1, cité tel quel
# --------------------------------------------------------------------------------------------


def test_releve_de_forclusion_cite_l622_26():
    texte = lire("recouvrer/procedure-collective.md")
    assert ("« s'ils établissent que leur défaillance n'est pas due à leur fait ou qu'elle est due à une omission "
            "du débiteur lors de l'établissement de la liste prévue au deuxième alinéa de l'article L. 622-6 »") in texte
    assert "C. com., art. L622-26, al. 1" in texte
    # L'ancienne paraphrase (« retard […] pas imputable ») disait autre chose que le texte.
    assert "ne vous est pas imputable" not in texte
    # Depuis l'ordonnance n° 2014-326, l'omission n'a pas à être volontaire : la page ne doit pas l'exiger.
    assert not re.search(r"omission volontaire|omis volontairement", texte)


# --------------------------------------------------------------------------------------------
# 2. Délais de grâce : C. civ., art. 1343-5, sans « prévues au contrat »
# --------------------------------------------------------------------------------------------


def test_delai_de_grace_suit_1343_5():
    texte = lire("relancer/proposer-un-echeancier.md")
    assert "« suspend les procédures d'exécution qui auraient été engagées par le créancier »" in texte
    assert ("« les majorations d'intérêts ou les pénalités prévues en cas de retard ne sont pas encourues "
            "pendant le délai fixé par le juge »") in texte
    assert "prévues au contrat" not in texte


# --------------------------------------------------------------------------------------------
# 3. Le lien vers les modèles de lettres mène à la page des lettres
# --------------------------------------------------------------------------------------------


def test_lien_modeles_de_lettres_de_l_interet_legal():
    page = DOCS / "cadre-legal" / "interet-legal.md"
    phrase = next(p for p in phrases(lire("cadre-legal/interet-legal.md")) if "modèles de lettres" in p.lower())
    cibles = re.findall(r"\]\(([^)#\s]+)", phrase)
    assert cibles, phrase
    for cible in cibles:
        fichier = (page.parent / cible).resolve()
        assert fichier == (DOCS / "lettres" / "index.md").resolve(), cible
        assert fichier.is_file()


# --------------------------------------------------------------------------------------------
# 4. Europe : la déclaration des quatorze États n'est connue que par des sources secondaires
# --------------------------------------------------------------------------------------------


def test_declaration_des_quatorze_etats_a_verifier():
    ligne = next(l for l in lire("cadre-legal/europe.md").splitlines() if "quatorze États membres" in l)
    assert "✅" not in ligne
    assert "🟡 à vérifier" in ligne


# --------------------------------------------------------------------------------------------
# 5. PPL n° 187 : examinée par le Sénat, issue non vérifiée
# --------------------------------------------------------------------------------------------


def test_ppl_187_issue_non_verifiee():
    texte = lire("recouvrer/petites-creances.md")
    paragraphe = next(l for l in texte.splitlines() if "PPL n° 187" in l)
    assert "adoptée" not in paragraphe
    assert "examinée par le Sénat le 29 janvier 2026" in paragraphe
    assert "son issue n'a pas été vérifiée à la date de rédaction" in paragraphe
    assert "non confirmée" in paragraphe
    # Aucune autre page ne la dit adoptée.
    for page in pages():
        for phrase in phrases(re.sub("[\u00a0\u202f]", " ", page.read_text(encoding="utf-8"))):
            if "187" in phrase and ("Patriat" in phrase or "PPL" in phrase or "proposition de loi" in phrase):
                assert "adoptée" not in phrase, f"{page.relative_to(DOCS)} : {phrase}"


# --------------------------------------------------------------------------------------------
# 6. Analyse du poste clients : la coupure de 2013 décrite comme le code la fait
# --------------------------------------------------------------------------------------------


def test_coupure_2013_decrite_comme_le_code():
    code = (RACINE / "calculators" / "portefeuille" / "penalites.py").read_text(encoding="utf-8")
    libelles = (RACINE / "calculators" / "portefeuille" / "libelles.py").read_text(encoding="utf-8")
    # Ce que fait le code : la coupure porte sur la date de la facture. S'il change, la page doit suivre.
    assert "if poste.mouvement.date_piece < DEBUT_REGLES_2013:" in code
    libelle = re.search(r'"(facture émise avant le 01/01/2013[^"]*)"', libelles)[1]

    texte = lire("piloter/analyse-du-poste-clients.md")
    assert "Une facture émise avant le 1er janvier 2013 n'est pas chiffrée" in texte
    assert f"« {libelle} »" in texte
    # La loi vise le début du délai, pas l'échéance : la page le dit et nomme la simplification.
    assert "« dont le délai de paiement commence à courir après » le 1er janvier 2013" in texte
    assert "C'est une simplification" in texte
    assert "l'indemnité de 40 € n'est pas due" in texte


# --------------------------------------------------------------------------------------------
# 7. L'indemnité de 40 € : par facture en retard, payée ou non
# --------------------------------------------------------------------------------------------

_PAYEE_EN_RETARD = re.compile(r"factures? (?:payées?|réglées?) (?:en|avec) retard", re.IGNORECASE)
_AUSSI_IMPAYEE = re.compile(r"ou (?:non|encore en retard|encore impayée)|payée ou non")


def test_indemnite_due_que_la_facture_soit_payee_ou_non():
    fautes = []
    for page in pages():
        texte = re.sub("[\u00a0\u202f]", " ", page.read_text(encoding="utf-8"))
        for phrase in phrases(texte):
            if re.search(r"indemnit|40 €", phrase) and _PAYEE_EN_RETARD.search(phrase) \
                    and not _AUSSI_IMPAYEE.search(phrase):
                fautes.append(f"{page.relative_to(DOCS)} : {phrase.strip()[:160]}")
    assert not fautes, "l'indemnité de 40 € ne suppose pas que la facture soit payée :\n" + "\n".join(fautes)


@pytest.mark.parametrize(("relatif", "attendu"), [
    ("glossaire.md", "pour chaque facture en retard, payée ou non"),
    ("cadre-legal/penalites-de-retard.md", "par facture en retard, payée ou non"),
    ("cadre-legal/penalites-de-retard.md", "**pour chaque facture** en retard, qu'elle soit payée depuis ou encore impayée"),
    ("prevenir/cgv-et-factures.md", "pour chaque facture en retard, payée ou non"),
    ("relancer/index.md", "pour chaque facture en retard, payée ou non"),
])
def test_indemnite_formulation_corrigee(relatif, attendu):
    assert attendu in lire(relatif)


# --------------------------------------------------------------------------------------------
# 8. Un seul calendrier de relance : celui de relancer/index.md
# --------------------------------------------------------------------------------------------

# Étape attendue à chaque jour du calendrier de référence (mot à trouver sur la même ligne).
ETAPES = {1: "premier rappel", 8: "appel", 15: "deuxième relance", 30: "mise en demeure", 45: "escalade"}
_JOUR = re.compile(r"J\+(\d+)")


def _calendrier_de_reference() -> dict[int, str]:
    texte = lire("relancer/index.md")
    tableau = texte.split("## Le calendrier en un coup d'œil", 1)[1].split("\n## ", 1)[0]
    lignes = {}
    for ligne in tableau.splitlines():
        cellules = [c.strip() for c in ligne.strip().strip("|").split("|")]
        m = re.fullmatch(r"J\+(\d+)", cellules[0]) if cellules else None
        if m:
            lignes[int(m[1])] = " ".join(cellules[1:]).lower()
    return lignes


def test_calendrier_de_reference():
    reference = _calendrier_de_reference()
    assert set(reference) == set(ETAPES)
    for jour, etape in ETAPES.items():
        assert etape in reference[jour], (jour, reference[jour])


@pytest.mark.parametrize("relatif", ["prevenir/suivi-des-creances.md", "checklists/premier-jour-de-retard.md"])
def test_memes_seuils_de_relance(relatif):
    texte = lire(relatif)
    vus = set()
    for ligne in texte.splitlines():
        jours = set(map(int, _JOUR.findall(ligne)))
        for jour in jours:
            assert jour in ETAPES, f"{relatif} : J+{jour} n'est pas dans le calendrier de relancer/index.md"
            # Une ligne qui énumère les seuils (trois ou plus) n'a pas à nommer chaque étape.
            if len(jours) < 3:
                assert ETAPES[jour] in ligne.lower(), f"{relatif} : J+{jour} sans « {ETAPES[jour]} » : {ligne}"
        vus |= jours
    assert {1, 8, 15, 30} <= vus, (relatif, sorted(vus))
    # Les anciens seuils, différents du calendrier.
    assert not re.search(r"plus de (?:15|45) jours|dans 7 jours", texte), relatif


# --------------------------------------------------------------------------------------------
# 9. Onglets lisibles sur un téléphone de 390 px
# --------------------------------------------------------------------------------------------

_ONGLET = re.compile(r'^(\s*)===[+!]? "([^"]*)"')
LONGUEUR_MAX = 22          # caractères par onglet
LONGUEUR_MAX_RANGEE = 40   # caractères pour une rangée d'onglets (environ 350 px à 0,64 rem en gras)


def _rangees(texte: str):
    """Les rangées d'onglets d'une page : listes de libellés au même retrait, contenus compris entre eux."""
    ouvertes: dict[int, list[str]] = {}
    for ligne in texte.splitlines():
        if not ligne.strip():
            continue
        retrait = len(ligne) - len(ligne.lstrip())
        m = _ONGLET.match(ligne)
        for niveau in [n for n in ouvertes if n > retrait or (n == retrait and not m)]:
            yield ouvertes.pop(niveau)
        if m:
            ouvertes.setdefault(retrait, []).append(m[2])
    yield from ouvertes.values()


def test_libelles_des_onglets_courts():
    trop_longs, rangees_larges = [], []
    for page in pages():
        for rangee in _rangees(page.read_text(encoding="utf-8")):
            trop_longs += [f"{page.relative_to(DOCS)} : {l!r}" for l in rangee if len(l) > LONGUEUR_MAX]
            if sum(map(len, rangee)) > LONGUEUR_MAX_RANGEE:
                rangees_larges.append(f"{page.relative_to(DOCS)} : {rangee}")
    assert not trop_longs, "onglets de plus de 22 caractères :\n" + "\n".join(trop_longs)
    assert not rangees_larges, "rangées d'onglets trop larges pour 390 px :\n" + "\n".join(rangees_larges)


def test_onglets_raccourcis():
    assert '=== "Un seul taux"' in lire("cadre-legal/penalites-de-retard.md")
    assert '=== "Logiciel dédié"' in lire("prevenir/outils.md")


# --------------------------------------------------------------------------------------------
# 10. Repères de fiabilité : jamais un symbole seul
# --------------------------------------------------------------------------------------------


def test_reperes_toujours_suivis_de_leur_libelle():
    seuls = []
    for page in pages():
        texte = re.sub("[\u00a0\u202f]", " ", page.read_text(encoding="utf-8"))
        for m in re.finditer("|".join(REPERES), texte):
            if not texte.startswith(" " + REPERES[m[0]], m.end()):
                debut = texte.rfind("\n", 0, m.start()) + 1
                seuls.append(f"{page.relative_to(DOCS)} : …{texte[max(debut, m.start() - 40):m.end() + 20]}…")
    assert not seuls, "repère sans libellé texte :\n" + "\n".join(seuls)


def test_legende_des_reperes():
    legende = lire("cadre-legal/index.md").split("## Comment lire les repères de fiabilité", 1)[1].split("\n## ", 1)[0]
    for symbole, libelle in REPERES.items():
        assert f"- {symbole} {libelle} :" in legende


@pytest.mark.parametrize("relatif", ["cadre-legal/europe.md", "cadre-legal/delais-de-paiement.md"])
def test_tableaux_a_reperes_renvoient_a_la_legende(relatif):
    assert "(index.md#comment-lire-les-reperes-de-fiabilite)" in lire(relatif)


def test_ancre_de_la_legende_existe(site_construit):
    page = (site_construit / "cadre-legal" / "index.html").read_text(encoding="utf-8")
    assert 'id="comment-lire-les-reperes-de-fiabilite"' in page
