"""Le formulaire de la page des lettres, écrit à la main, et le registre des saisies disent la même chose.

Ce formulaire (groupes, zones de texte, options repliées) n'est pas généré par le hook
`formulaires.py` : ce test le relit champ par champ — noms, ordre, libellés, aides, champs requis,
listes de choix et choix par défaut, clavier proposé, colonnes des factures — contre `FORMULAIRE`.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from calculators.commun.champs import Champ, Lignes
from calculators.lettres.champs import FORMULAIRE, MULTILIGNES

PAGE = Path(__file__).resolve().parents[2] / "docs" / "lettres" / "remplir.md"
CLAVIER = {"montant": "decimal", "taux": "decimal", "date": "numeric", "entier": "numeric"}  # comme le hook


class _Formulaire(HTMLParser):
    """Relève les champs, étiquettes, aides, options et le gabarit de ligne répétée du formulaire."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.champs: list[dict] = []  # dans l'ordre de la page
        self.etiquettes: dict[str, str] = {}  # for → texte
        self.aides: dict[str, str] = {}  # id → texte
        self.repetable: dict = {}
        self._texte: list[str] | None = None
        self._cible = None  # (dictionnaire, clé) où ranger le texte en cours
        self._select: dict | None = None
        self._option: dict | None = None
        self._dans_repetable = False

    def handle_starttag(self, balise, attrs):
        a = dict(attrs)
        if balise == "fieldset" and "data-repetable" in a:
            self._dans_repetable = True
            self.repetable = {"nom": a["data-repetable"], "param": a["data-param"], "colonnes": [], "etiquettes": {}}
        elif balise in ("input", "select", "textarea") and (a.get("name") or a.get("data-cle")):
            champ = {"balise": balise, **a}
            (self.repetable["colonnes"] if self._dans_repetable else self.champs).append(champ)
            if balise == "select":
                self._select = {**champ, "options": []}
                self.champs[-1] = self._select
        elif balise == "option" and self._select is not None:
            self._option = {"valeur": a["value"], "selected": "selected" in a}
            self._commencer(self._option, "libelle")
        elif balise == "label":
            cle = a.get("data-pour") or a.get("for")
            self._commencer(self.repetable["etiquettes"] if "data-pour" in a else self.etiquettes, cle)
        elif balise == "p" and "calc-aide" in (a.get("class") or ""):
            etiquettes = self.repetable.get("etiquettes") if self._dans_repetable else None
            # Dans la ligne de facture, l'aide suit l'étiquette de sa colonne ; avant, c'est celle du groupe.
            cle = a.get("id") or (f"colonne-{len(etiquettes)}" if etiquettes else "lignes")
            self._commencer(self.aides, cle)
        elif balise == "legend" and self._dans_repetable:
            self._commencer(self.repetable, "legende")
        elif balise == "button" and self._dans_repetable:
            self._commencer(self.repetable, "ajouter" if "data-ajouter" in a else "retirer")
        elif balise == "span" and "data-rang" in a and self._texte is not None:
            self._texte.append("{rang}")

    def _commencer(self, dictionnaire, cle):
        self._texte, self._cible = [], (dictionnaire, cle)

    def handle_data(self, data):
        if self._texte is not None:
            self._texte.append(data)

    def handle_endtag(self, balise):
        if balise in ("option", "label", "p", "legend", "button") and self._texte is not None:
            dictionnaire, cle = self._cible
            dictionnaire[cle] = " ".join("".join(self._texte).split())
            self._texte = None
            if balise == "option":
                self._select["options"].append(self._option)
        elif balise == "select":
            self._select = None
        elif balise == "fieldset" and self._dans_repetable:
            self._dans_repetable = False


@pytest.fixture(scope="module")
def page() -> _Formulaire:
    texte = PAGE.read_text(encoding="utf-8")
    analyse = _Formulaire()
    analyse.feed(texte[texte.index("<form"):texte.index("</form>") + len("</form>")])
    return analyse


def _simples():
    return [ch for ch in FORMULAIRE.champs if isinstance(ch, Champ)]


def test_memes_champs_dans_le_meme_ordre(page):
    assert page.champs and [c["name"] for c in page.champs] == [ch.nom for ch in _simples()]
    assert page.repetable["nom"] == FORMULAIRE["factures"].nom
    assert page.repetable["param"] == FORMULAIRE["factures"].param


@pytest.mark.parametrize("ch", _simples(), ids=lambda ch: ch.nom)
def test_chaque_champ(page, ch):
    champ = next(c for c in page.champs if c["name"] == ch.nom)
    assert champ["id"] == f"champ-{ch.nom}"  # ancre des messages d'erreur
    assert page.etiquettes[champ["id"]] == ch.libelle
    assert page.aides.get(f"aide-{ch.nom}", "") == ch.aide
    if ch.aide:
        assert f"aide-{ch.nom}" in champ.get("aria-describedby", "").split()
    assert ("required" in champ) == ch.requis
    if ch.type == "choix":
        assert champ["balise"] == "select"
        assert [(o["valeur"], o["libelle"]) for o in champ["options"]] == [(c.valeur, c.libelle) for c in ch.choix]
        choisies = [o["valeur"] for o in champ["options"] if o["selected"]]
        assert len(choisies) == 1 and (not ch.defaut or choisies == [ch.defaut])
    elif ch.type == "case":
        assert champ["balise"] == "input" and champ["type"] == "checkbox"
    else:
        assert champ["balise"] == ("textarea" if ch.nom in MULTILIGNES else "input")
        assert champ.get("inputmode") == CLAVIER.get(ch.type)


def test_colonnes_des_factures(page):
    lignes: Lignes = FORMULAIRE["factures"]
    assert page.repetable["legende"] == lignes.libelle
    assert page.aides["lignes"] == lignes.aide
    assert page.repetable["ajouter"] == lignes.ajouter
    assert page.repetable["retirer"] == f"Retirer {lignes.element} n° {{rang}}"
    assert [c["data-cle"] for c in page.repetable["colonnes"]] == [col.nom for col in lignes.colonnes]
    for rang, (cellule, col) in enumerate(zip(page.repetable["colonnes"], lignes.colonnes), start=1):
        euros = " (€)" if col.type == "montant" else ""
        assert page.repetable["etiquettes"][col.nom] == f"{col.libelle} n° {{rang}}{euros}"
        assert cellule.get("inputmode") == CLAVIER.get(col.type)
        assert page.aides.get(f"colonne-{rang}", "") == col.aide
