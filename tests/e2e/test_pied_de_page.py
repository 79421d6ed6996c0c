"""Pied de page : en français, avec la date des tables de taux et un lien vers « À propos ».

Les dates attendues sont relues dans les données des calculateurs, comme le fait le hook
overrides/hooks/pied_de_page.py : une mise à jour des taux doit changer le pied de page.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from calculators.commun.format_fr import date_longue
from calculators.data import charger
from calculators.taux import couvert_jusqu_au

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("chemin", ["", "calculateurs/penalites-de-retard/", "formation/module-1-enjeux/"])
def test_le_pied_de_page_date_les_taux_et_mene_a_propos(page, url_site, chemin):
    verification = min(dt.date.fromisoformat(charger(nom)["derniere_verification"]) for nom in ("taux_bce", "taux_legal"))
    page.goto(url_site + chemin)
    pied = page.locator(".md-copyright")
    expect(pied).not_to_contain_text("Made with")
    expect(pied).to_contain_text(re.compile(
        rf"vérifiés le\s+{re.escape(date_longue(verification))}, connus jusqu'au\s+"
        rf"{re.escape(date_longue(couvert_jusqu_au()))}\."
    ))
    expect(pied.locator("time").first).to_have_attribute("datetime", verification.isoformat())

    pied.get_by_role("link", name=re.compile("^À propos")).click()
    expect(page).to_have_url(url_site + "a-propos/")
    expect(page.locator("article h1")).to_be_visible()
