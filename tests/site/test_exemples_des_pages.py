"""Chaque exemple d'une page de calculateur calcule ce que son texte annonce, aujourd'hui comme après
la fin des tables de taux.

Les pages donnent des exemples travaillés à la main, suivis d'un lien « Ouvrir ce calcul »
(`](?montant=…)`). Rien ne reliait jusqu'ici le chiffre écrit au calcul du lien : une faute dans le
lien (un paramètre mal nommé, une date changée) ou dans le texte passait inaperçue. Et un exemple
qui dépendrait de la date du jour cesserait de calculer le jour où le site dépasse ses tables de
taux : chaque lien est donc aussi calculé à une date qui suit leur fin de 45 jours.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from calculators import api
from calculators.commun import format_fr as fr
from calculators.taux import couvert_jusqu_au

DOCS = Path(__file__).resolve().parents[2] / "docs"
LIEN = re.compile(r"\]\(\?([^)\s]+)\)")
APRES_LES_TABLES = (couvert_jusqu_au() + dt.timedelta(days=45)).isoformat()


def _resume(calcul: dict) -> dict:
    return {ligne["cle"]: ligne["valeur"] for ligne in calcul["affichage"]["resume"]}


def _jours(nombre) -> str:
    return f"{nombre} jours"


# Ce que le texte d'un exemple doit écrire, tiré du calcul de son lien, calculateur par calculateur.
ANNONCES = {
    "penalites": lambda c: [_resume(c)["penalites"], _jours(_resume(c)["jours"])],
    "interet-legal": lambda c: [_resume(c)["interets"]],
    "interets-moratoires": lambda c: [_resume(c)["interets"], _jours(_resume(c)["jours"])],
    "echeancier": lambda c: [_resume(c)["echeance"], _resume(c)["derniere"]],
    "delai": lambda c: [fr.date_courte(dt.date.fromisoformat(limite["date_limite"])) for limite in c["limites"]]
    + [_jours(limite["depassement_jours"]) for limite in c["limites"] if limite["depassement_jours"]],
}


def _exemples():
    """(page, calculateur, lien, texte qui précède le lien depuis le lien précédent ou le titre)."""
    for page in sorted((DOCS / "calculateurs").glob("*.md")):
        source = page.read_text(encoding="utf-8")
        calculateur = re.search(r"^calculateur:\s*(\S+)", source, re.M)
        debut = 0
        for lien in LIEN.finditer(source):
            titre = source.rfind("\n#", debut, lien.start())
            texte = source[max(debut, titre):lien.start()]
            debut = lien.end()
            yield pytest.param(calculateur.group(1), lien.group(1), texte, id=f"{page.stem}:{lien.group(1)[:40]}")


EXEMPLES = list(_exemples())


def _sans_espaces_speciales(texte: str) -> str:
    """Espaces insécables et retours à la ligne du Markdown ramenés à une espace simple."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", texte)


def test_les_pages_des_calculateurs_ont_des_exemples_pour_chacun():
    assert {exemple.values[0] for exemple in EXEMPLES} == set(ANNONCES)


@pytest.mark.parametrize(("calculateur", "lien", "texte"), EXEMPLES)
def test_le_lien_d_un_exemple_calcule_ce_que_le_texte_annonce(calculateur, lien, texte):
    ouvert = api.lien_calcul(calculateur, {"lien": lien, "saisies": {}})
    assert ouvert["ok"] and ouvert["complet"] and not ouvert.get("erreurs"), ouvert
    calcul = ouvert["calcul"]
    assert calcul["ok"], calcul.get("erreurs")
    texte = _sans_espaces_speciales(texte)
    for annonce in ANNONCES[calculateur](calcul):
        assert _sans_espaces_speciales(annonce) in texte, f"{annonce!r} absent de l'exemple : {texte!r}"


@pytest.mark.parametrize(("calculateur", "lien", "texte"), EXEMPLES)
def test_un_exemple_calcule_de_meme_apres_la_fin_des_tables(calculateur, lien, texte):
    aujourd_hui = api.lien_calcul(calculateur, {"lien": lien, "saisies": {}})["calcul"]
    plus_tard = api.lien_calcul(calculateur, {"lien": lien, "saisies": {"aujourdhui": APRES_LES_TABLES}})["calcul"]
    assert plus_tard["ok"], plus_tard.get("erreurs")
    assert _resume(plus_tard) == _resume(aujourd_hui)
