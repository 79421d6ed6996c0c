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
from calculators.api import lien
from calculators.lettres.champs import ACOMPTES, COLONNES, FORMULAIRE, MULTILIGNES, Acomptes

PAGE = Path(__file__).resolve().parents[2] / "docs" / "lettres" / "remplir.md"
CLAVIER = {"montant": "decimal", "taux": "decimal", "date": "numeric", "entier": "numeric"}  # comme le hook


class _Formulaire(HTMLParser):
    """Relève les champs, étiquettes, aides, options et le gabarit des lignes répétées du formulaire.

    Une ligne répétée peut en contenir d'autres (les acomptes d'une facture) : chaque groupe relevé
    est un dict (nom, param, légende, aide, colonnes, étiquettes, aides des colonnes, boutons) ; un
    groupe imbriqué est à la fois une colonne du groupe qui le contient et, sous `imbriques`, un groupe.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.champs: list[dict] = []  # dans l'ordre de la page
        self.etiquettes: dict[str, str] = {}  # for → texte
        self.aides: dict[str, str] = {}  # id → texte
        self.repetable: dict = {}
        self._groupes: list[dict] = []  # groupes répétés ouverts, du plus externe au plus interne
        self._texte: list[str] | None = None
        self._cible = None  # (dictionnaire, clé) où ranger le texte en cours
        self._select: dict | None = None
        self._option: dict | None = None

    def handle_starttag(self, balise, attrs):
        a = dict(attrs)
        groupe = self._groupes[-1] if self._groupes else None
        if balise == "fieldset" and "data-repetable" in a:
            nouveau = {"nom": a["data-repetable"], "param": a["data-param"], "colonnes": [], "etiquettes": {},
                       "aides": {}, "imbriques": {}}
            if groupe is None:
                self.repetable = nouveau
            else:
                groupe["colonnes"].append({"balise": "fieldset", "data-cle": a["data-repetable"]})
                groupe["imbriques"][a["data-repetable"]] = nouveau
            self._groupes.append(nouveau)
        elif balise in ("input", "select", "textarea") and (a.get("name") or a.get("data-cle")):
            champ = {"balise": balise, **a}
            (groupe["colonnes"] if groupe else self.champs).append(champ)
            if balise == "select":
                self._select = {**champ, "options": []}
                self.champs[-1] = self._select
        elif balise == "option" and self._select is not None:
            self._option = {"valeur": a["value"], "selected": "selected" in a}
            self._commencer(self._option, "libelle")
        elif balise == "label":
            cle = a.get("data-pour") or a.get("for")
            self._commencer(groupe["etiquettes"] if "data-pour" in a else self.etiquettes, cle)
        elif balise == "p" and "calc-aide" in (a.get("class") or ""):
            if groupe is None or a.get("id"):
                self._commencer(self.aides, a.get("id"))
            else:
                # Dans une ligne, l'aide suit l'étiquette de sa colonne ; avant la première, c'est celle du groupe.
                etiquettes = groupe["etiquettes"]
                self._commencer(*((groupe["aides"], f"colonne-{len(etiquettes)}") if etiquettes else (groupe, "aide")))
        elif balise == "legend" and groupe is not None:
            self._commencer(groupe, "legende")
        elif balise == "button" and groupe is not None:
            self._commencer(groupe, "ajouter" if "data-ajouter" in a else "retirer")
        elif balise == "span" and self._texte is not None and ("data-rang" in a or "data-rang-parent" in a):
            self._texte.append("{rang}" if "data-rang" in a else "{parent}")

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
        elif balise == "fieldset" and self._groupes:  # aucun <fieldset> simple dans une ligne répétée
            self._groupes.pop()


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
    assert page.repetable["aide"] == lignes.aide
    assert page.repetable["ajouter"] == lignes.ajouter
    assert page.repetable["retirer"] == f"Retirer {lignes.element} n° {{rang}}"
    assert [c["data-cle"] for c in page.repetable["colonnes"]] == [col.nom for col in lignes.colonnes]
    for rang, (cellule, col) in enumerate(zip(page.repetable["colonnes"], lignes.colonnes), start=1):
        if isinstance(col, Acomptes):
            continue  # des lignes à elles : test suivant
        euros = " (€)" if col.type == "montant" else ""
        assert page.repetable["etiquettes"][col.nom] == f"{col.libelle} n° {{rang}}{euros}"
        assert cellule["balise"] == "input" and cellule.get("inputmode") == CLAVIER.get(col.type)
        assert page.repetable["aides"].get(f"colonne-{rang}", "") == col.aide


def test_acomptes_de_chaque_facture_en_lignes(page):
    """Les acomptes d'une facture : les lignes du calculateur de pénalités (mêmes colonnes, mêmes libellés
    que son formulaire généré), numérotées dans la facture, envoyées en `acomptes: [{date, montant}, …]`."""
    col = COLONNES["acomptes"]
    assert isinstance(col, Acomptes)
    cellule = next(c for c in page.repetable["colonnes"] if c["data-cle"] == col.nom)
    assert cellule["balise"] == "fieldset"  # pas de champ texte « DATE:MONTANT ; … »
    groupe = page.repetable["imbriques"][col.nom]
    assert groupe["param"] == ACOMPTES.param  # ancres : champ-facture-2-acompte-1-date
    assert groupe["legende"] == f"{col.libelle} n° {{rang}}"
    assert groupe["aide"] == col.aide
    assert groupe["ajouter"] == f"{ACOMPTES.ajouter} à la facture n° {{rang}}"
    assert groupe["retirer"] == f"Retirer {ACOMPTES.element} n° {{rang}} de la facture n° {{parent}}"
    assert [c["data-cle"] for c in groupe["colonnes"]] == [c.nom for c in ACOMPTES.colonnes]
    for cellule, c in zip(groupe["colonnes"], ACOMPTES.colonnes):
        euros = " (€)" if c.type == "montant" else ""
        assert groupe["etiquettes"][c.nom] == f"{c.libelle} de {ACOMPTES.element} n° {{rang}} de la facture n° {{parent}}{euros}"
        assert cellule["balise"] == "input" and cellule.get("inputmode") == CLAVIER.get(c.type)
    assert not groupe["imbriques"]


@pytest.mark.parametrize("acomptes", [
    [{"date": "15/12/2023", "montant": "4 000"}, {"date": "", "montant": ""}, {"date": "10/01/2024", "montant": "500"}],
    "15/12/2023:4000 ; 10/01/2024:500",
    ["15/12/2023:4000", "2024-01-10:500"],
], ids=["lignes-du-formulaire", "texte", "liste-de-textes"])
def test_acomptes_lus_sous_toutes_leurs_formes(acomptes):
    facture = {"numero": "F-1", "date": "31/10/2023", "montant": "10000", "echeance": "30/11/2023",
               "paiement": "31/01/2024", "acomptes": acomptes}
    valeurs, c = FORMULAIRE.lire({"modele": "note-de-debit", "factures": [facture]})
    assert not c.a_des_erreurs("facture-1-acomptes")
    assert [(a["date"].isoformat(), str(a["montant"])) for a in valeurs["factures"][0][1]["acomptes"]] == [
        ("2023-12-15", "4000.00"), ("2024-01-10", "500.00")]


def test_facture_aux_seules_lignes_d_acompte_vides_ignoree():
    valeurs, c = FORMULAIRE.lire({"modele": "relance-1", "factures": [
        {"numero": "", "montant": "", "acomptes": [{"date": "", "montant": ""}]}]})
    assert valeurs["factures"] == [] and not c.a_des_erreurs("facture-1-montant")


def test_lien_rend_les_acomptes_en_lignes():
    """Pour rouvrir un lien, Python rend les acomptes en lignes déjà écrites à la française : la page ne lit
    aucun format ; une valeur illisible revient telle quelle, dans sa ligne."""
    lu = lien("lettre", "modele=note-de-debit&facture=::10000.00:2023-11-30:2024-01-31:2023-12-15:4000.00%3B2024-01-10:500")
    assert lu["lignes"]["factures"][0]["acomptes"] == [{"date": "15/12/2023", "montant": "4\u202f000,00"},
                                                        {"date": "10/01/2024", "montant": "500,00"}]
    lu = lien("lettre", "modele=note-de-debit&facture=::10000.00:2023-11-30::2023-12-15:4000.00%3Bxx:500")
    assert lu["lignes"]["factures"][0]["acomptes"] == [{"date": "2023-12-15", "montant": "4000.00"},
                                                        {"date": "xx", "montant": "500"}]
    assert lien("lettre", "facture=::10000.00:2023-11-30")["lignes"]["factures"][0]["acomptes"] == []
