"""Calculateur d'échéancier dans Chromium : formulaire, tableau, CSV, lien partageable, erreurs, parité.

Une seule page pour le module (`page_calcul`) : Pyodide y démarre une fois. Les cas de parité
sont les cas calculés à la main de tests/unit/test_echeancier.py (une seule source).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from calculators.api import run

DELAI_DEMARRAGE_MS = 60_000

pytestmark = pytest.mark.e2e

CHEMIN = "calculateurs/echeancier/"
EXEMPLE = "?montant=10000&nombre=6&premiere=31%2F01%2F2027&periodicite=mensuelle"


def _cas_unitaires():
    chemin = Path(__file__).resolve().parents[1] / "unit" / "test_echeancier.py"
    spec = importlib.util.spec_from_file_location("cas_echeancier", chemin)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return [(libelle, {"aujourdhui": module.AUJOURDHUI, **saisies}, total)
            for libelle, saisies, _lignes, total in module.CAS]


CAS = _cas_unitaires()


def _resume(page, cle):
    return page.locator(f'#resultat-echeancier .calc-resume [data-cle="{cle}"] dd')


def ouvrir(page, parametres=""):
    """Charge la page (rechargement complet : Pyodide redémarre) et attend que le moteur soit prêt.

    `expect` n'attend que 5 s par défaut, moins qu'un démarrage de Pyodide sur une machine chargée.
    """
    page.goto(CHEMIN + parametres)
    expect(page.locator("form.calc")).to_have_attribute("data-calc-state", "ready", timeout=DELAI_DEMARRAGE_MS)


def test_lien_partageable_affiche_le_tableau_sans_clic(page_calcul):
    ouvrir(page_calcul, EXEMPLE)
    expect(_resume(page_calcul, "echeance")).to_have_text("1\u202f666,67\u00a0€")
    expect(_resume(page_calcul, "derniere")).to_have_text("1\u202f666,65\u00a0€")
    expect(_resume(page_calcul, "nombre")).to_have_text("6")
    lignes = page_calcul.locator("#resultat-echeancier tbody tr")
    expect(lignes).to_have_count(6)
    expect(lignes.nth(1).locator("td")).to_have_text(["2", "28/02/2027", "1\u202f666,67\u00a0€", "6\u202f666,66\u00a0€"])
    expect(lignes.nth(5).locator("td")).to_have_text(["6", "30/06/2027", "1\u202f666,65\u00a0€", "0,00\u00a0€"])
    expect(page_calcul.locator("#resultat-echeancier tfoot")).to_contain_text("10\u202f000,00\u00a0€")
    expect(page_calcul.locator("#resultat-echeancier .calc-phrase")).to_contain_text(
        "5 mensualités de 1\u202f666,67\u00a0€ et une dernière de 1\u202f666,65\u00a0€, du 31 janvier au 30 juin 2027.")
    expect(page_calcul.get_by_label("Somme due (€)")).to_have_value("10\u202f000,00")
    expect(page_calcul.get_by_label("Rythme des échéances")).to_have_value("mensuelle")


def test_remplir_le_formulaire_avec_acompte_et_interets(page_calcul):
    ouvrir(page_calcul)
    page_calcul.get_by_label("Somme due (€)").fill("10 000")
    page_calcul.get_by_label("Acompte à la signature, € (facultatif)").fill("1000")
    page_calcul.get_by_label("Nombre d'échéances", exact=True).fill("6")
    page_calcul.get_by_label("Date de la première échéance").fill("31/01/2027")
    page_calcul.get_by_label("Taux d'intérêt annuel, % (facultatif)").fill("6")
    page_calcul.get_by_role("button", name="Calculer").click()
    expect(_resume(page_calcul, "interets")).to_have_text("158,15\u00a0€")
    corps = page_calcul.locator("#resultat-echeancier tbody tr")
    expect(corps).to_have_count(7)  # l'acompte puis six échéances
    expect(corps.nth(0)).to_contain_text("Acompte")
    expect(corps.nth(1).locator("td")).to_have_text(
        ["1", "31/01/2027", "1\u202f526,36\u00a0€", "45,00\u00a0€", "1\u202f481,36\u00a0€", "7\u202f518,64\u00a0€"])
    expect(page_calcul.locator("#resultat-echeancier tfoot td")).to_have_text(
        ["Total", "6 échéances", "10\u202f158,15\u00a0€", "158,15\u00a0€", "10\u202f000,00\u00a0€", ""])
    # Le fragment de l'adresse porte les saisies (noms des options de la ligne de commande), écrit
    # par Python : dates ISO, montants au point.
    for parametre in ("#montant=10000.00", "acompte=1000.00", "nombre=6", "premiere=2027-01-31",
                      "periodicite=mensuelle", "taux=6", "methode=constantes"):
        assert parametre in page_calcul.url
    adresse = page_calcul.url
    page_calcul.goto(adresse)
    expect(page_calcul.locator("form.calc")).to_have_attribute("data-calc-state", "ready", timeout=DELAI_DEMARRAGE_MS)
    expect(_resume(page_calcul, "interets")).to_have_text("158,15\u00a0€")
    expect(page_calcul.get_by_label("Taux d'intérêt annuel, % (facultatif)")).to_have_value("6")


def test_telecharger_le_csv_produit_par_python(page_calcul):
    ouvrir(page_calcul, EXEMPLE + "&taux=6&acompte=1000")
    expect(_resume(page_calcul, "interets")).to_be_visible()
    with page_calcul.expect_download() as attente:
        page_calcul.get_by_role("button", name="Télécharger le tableau (CSV)").click()
    telechargement = attente.value
    assert telechargement.suggested_filename == "echeancier-2027-01-31.csv"
    contenu = Path(telechargement.path()).read_bytes()
    assert contenu.startswith(b"\xef\xbb\xbf")  # BOM UTF-8 : les tableurs lisent les accents
    attendu = run("echeancier", {"montant": "10000", "nombre": "6", "premiere": "31/01/2027",
                                 "periodicite": "mensuelle", "taux": "6", "acompte": "1000"})["csv"]
    assert contenu.decode("utf-8") == attendu
    lignes = contenu.decode("utf-8-sig").split("\r\n")
    assert lignes[0] == "N°;Date;Montant;Intérêts;Capital;Capital restant dû"
    assert lignes[2] == "1;31/01/2027;1526,36;45,00;1481,36;7518,64"


def test_montant_prerempli_par_un_lien(page_calcul):
    # Un lien venu du calculateur de pénalités n'apporte que le montant : il est repris, et
    # aucun calcul n'est lancé tant que les champs requis manquent (pas d'erreurs d'emblée).
    ouvrir(page_calcul, "?montant=10282%2C05")
    montant = page_calcul.get_by_label("Somme due (€)")
    expect(montant).to_have_value("10\u202f282,05")
    resume = page_calcul.locator(".calc-erreurs")
    expect(resume).to_be_hidden()
    expect(page_calcul.locator("#resultat-echeancier")).to_be_hidden()
    page_calcul.get_by_label("Nombre d'échéances", exact=True).fill("3")
    page_calcul.get_by_label("Date de la première échéance").fill("15/01/2027")
    page_calcul.get_by_role("button", name="Calculer").click()
    expect(resume).to_be_hidden()
    expect(_resume(page_calcul, "echeance")).to_have_text("3\u202f427,35\u00a0€")
    expect(_resume(page_calcul, "total")).to_have_text("10\u202f282,05\u00a0€")


def test_saisies_fausses_signalees_et_conservees(page_calcul, attendre_focus):
    ouvrir(page_calcul)
    page_calcul.get_by_label("Somme due (€)").fill("0")
    page_calcul.get_by_label("Nombre d'échéances", exact=True).fill("six")
    page_calcul.get_by_label("Date de la première échéance").fill("31/02/2027")
    page_calcul.get_by_role("button", name="Calculer").click()
    resume = page_calcul.locator(".calc-erreurs")
    expect(resume).to_be_visible()
    attendre_focus(resume)
    expect(resume.locator("li")).to_have_count(3)
    expect(resume).to_contain_text("Le montant dû doit être supérieur à zéro.")
    expect(resume).to_contain_text("Saisissez le nombre d'échéances en chiffres")
    expect(resume).to_contain_text("Le 31/02/2027 n'existe pas")
    nombre = page_calcul.get_by_label("Nombre d'échéances", exact=True)
    expect(nombre).to_have_value("six")
    expect(nombre).to_have_attribute("aria-invalid", "true")
    expect(page_calcul.locator("#erreur-nombre")).to_contain_text("sans décimales")
    expect(page_calcul.locator("#resultat-echeancier")).to_be_hidden()
    resume.get_by_role("link", name="Le 31/02/2027 n'existe pas", exact=False).click()
    attendre_focus(page_calcul.get_by_label("Date de la première échéance"))


def test_echeance_trop_petite_et_trop_d_echeances(page_calcul):
    ouvrir(page_calcul, "?montant=10000&mensualite=100&premiere=01%2F02%2F2027&taux=12")
    expect(page_calcul.locator("#erreur-mensualite")).to_contain_text("ne couvre pas les intérêts")
    ouvrir(page_calcul, "?montant=0%2C50&nombre=51&premiere=01%2F02%2F2027")
    expect(page_calcul.locator("#erreur-nombre")).to_contain_text("moins d'un centime")
    ouvrir(page_calcul, "?montant=100&nombre=6&mensualite=20&premiere=01%2F02%2F2027")
    expect(page_calcul.locator("#erreur-mensualite")).to_contain_text("pas les deux")


def test_plan_de_plus_de_24_mois_et_rythme_trimestriel(page_calcul):
    ouvrir(page_calcul, "?montant=30000&nombre=9&premiere=31%2F03%2F2027&periodicite=trimestrielle")
    expect(page_calcul.get_by_label("Rythme des échéances")).to_have_value("trimestrielle")
    avertissement = page_calcul.locator("#resultat-echeancier .admonition.warning")
    expect(avertissement).to_contain_text("plus de 24 mois")
    expect(avertissement).to_contain_text("1343-5")
    dates = page_calcul.locator("#resultat-echeancier tbody tr td:nth-child(2)")
    expect(dates).to_have_text(["31/03/2027", "30/06/2027", "30/09/2027", "31/12/2027", "31/03/2028",
                                "30/06/2028", "30/09/2028", "31/12/2028", "31/03/2029"])


@pytest.mark.parametrize("libelle, saisies, total", CAS, ids=[c[0] for c in CAS])
def test_parite_pyodide_cpython(page_calcul, libelle, saisies, total):
    if CHEMIN not in page_calcul.url:
        ouvrir(page_calcul)
    navigateur = page_calcul.evaluate("(saisies) => window.calculateurs.appeler('echeancier', saisies)", saisies)
    assert navigateur == json.loads(json.dumps(run("echeancier", saisies)))
    assert navigateur["total_paye"] == total
