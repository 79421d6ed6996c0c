"""Lettres types dans Chromium : remplir, prévisualiser, télécharger, imprimer, mémoriser, effacer.

Une seule page pour le module (`page_calcul`) : Pyodide y démarre une fois, et jinja2 n'est chargé
qu'à la première lettre demandée (depuis le verrou du site, sha256 vérifié par le navigateur).
"""

from __future__ import annotations

import base64
import io
import zipfile
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree

import pytest
from playwright.sync_api import expect

from calculators.commun import format_fr as fr
from calculators.api import run

DELAI_DEMARRAGE_MS = 60_000

pytestmark = pytest.mark.e2e

CHEMIN = "lettres/remplir/"
SAISIES = {
    "Raison sociale": "Atelier Dupont SARL",
    "Adresse": "12 rue des Lilas\n69003 Lyon",
    "Signataire": "Jeanne Dupont",
    "Raison sociale du client": "Client <script>alert(1)</script> {{ 7*7 }}",
    "Adresse du client (siège social)": "5 avenue Foch\n75008 Paris",
    "Date de la lettre (facultatif)": "31/01/2024",
}
FACTURE = {"Numéro de la facture n° 1": "F-2023-118", "Date de la facture n° 1": "31/10/2023",
           "Montant TTC de la facture n° 1 (€)": "10000", "Échéance de la facture n° 1": "30/11/2023"}


def ouvrir(page, parametres=""):
    page.goto(CHEMIN + parametres)
    expect(page.locator("form.calc")).to_have_attribute("data-calc-state", "ready", timeout=DELAI_DEMARRAGE_MS)


def effacer(page):
    """« Effacer mes données » demande d'abord confirmation (lettres.js) : on l'accepte."""
    page.once("dialog", lambda dialogue: dialogue.accept())
    page.get_by_role("button", name="Effacer mes données").click()


def remplir(page):
    page.get_by_label("Lettre", exact=True).select_option("mise-en-demeure")
    for libelle, valeur in {**SAISIES, **FACTURE}.items():
        page.get_by_label(libelle, exact=True).fill(valeur)


def attendu(modele="mise-en-demeure"):
    return run("lettre", {
        "modele": modele, "creancier_nom": SAISIES["Raison sociale"], "creancier_adresse": SAISIES["Adresse"],
        "signataire": SAISIES["Signataire"], "debiteur_nom": SAISIES["Raison sociale du client"],
        "debiteur_adresse": SAISIES["Adresse du client (siège social)"], "date_lettre": "31/01/2024",
        "debiteur_qualite": "commercant", "plan_periodicite": "mensuelle",
        "factures": [{"numero": "F-2023-118", "date": "31/10/2023", "montant": "10000", "echeance": "30/11/2023",
                      "paiement": ""}]})


def _saisies(acomptes=()):
    return {
        "modele": "mise-en-demeure", "creancier_nom": SAISIES["Raison sociale"], "creancier_adresse": SAISIES["Adresse"],
        "signataire": SAISIES["Signataire"], "debiteur_nom": SAISIES["Raison sociale du client"],
        "debiteur_adresse": SAISIES["Adresse du client (siège social)"], "date_lettre": "31/01/2024",
        "debiteur_qualite": "commercant", "plan_periodicite": "mensuelle",
        "factures": [{"numero": "F-2023-118", "date": "31/10/2023", "montant": "10000", "echeance": "30/11/2023",
                      "paiement": "", "acomptes": list(acomptes)}]}


def test_remplir_previsualiser_telecharger(page_calcul):
    page = page_calcul
    ouvrir(page)
    effacer(page)
    remplir(page)
    page.get_by_role("button", name="Afficher la lettre").click()
    lettre = page.locator("#resultat-lettre .calc-apercu")
    expect(lettre).to_contain_text("Mise en demeure de payer — facture n° F-2023-118")
    expect(lettre).to_contain_text("242,05\u00a0€")  # le cas de référence du calculateur de pénalités
    expect(lettre).to_contain_text("10\u202f282,05\u00a0€")
    # Ce qui est tapé s'affiche tel quel : ni balise créée, ni gabarit évalué.
    expect(lettre).to_contain_text("Client <script>alert(1)</script> {{ 7*7 }}")
    assert lettre.locator("script").count() == 0
    assert "{{ 7*7 }}" in lettre.inner_text() and "49" not in lettre.inner_text()
    # Aucune saisie dans l'adresse de la page (elle partirait au serveur au rechargement).
    assert page.url.endswith(CHEMIN)
    with page.expect_download() as attente:
        page.get_by_role("button", name="Télécharger (.txt)").click()
    telechargement = attente.value
    assert telechargement.suggested_filename == "mise-en-demeure-F-2023-118-2024-01-31.txt"
    contenu = Path(telechargement.path()).read_text(encoding="utf-8")
    assert contenu == attendu()["texte"]
    assert "Client <script>alert(1)</script> {{ 7*7 }}" in contenu
    with page.expect_download() as attente:
        page.get_by_role("button", name="Télécharger (.html)").click()
    html = Path(attente.value.path()).read_text(encoding="utf-8")
    assert html == attendu()["html"] and "&lt;script&gt;" in html
    # .odt : octets passés en base64 par Python, décodés par la page sans rien y changer.
    bouton_odt = page.get_by_role("button", name="Télécharger (.odt, traitement de texte)")
    expect(bouton_odt).to_be_visible()
    with page.expect_download() as attente:
        bouton_odt.click()
    assert attente.value.suggested_filename == "mise-en-demeure-F-2023-118-2024-01-31.odt"
    octets = Path(attente.value.path()).read_bytes()
    assert octets == base64.b64decode(attendu()["odt_base64"])
    paquet = zipfile.ZipFile(io.BytesIO(octets))
    assert paquet.namelist()[0] == "mimetype"
    assert paquet.read("mimetype") == b"application/vnd.oasis.opendocument.text"
    contenu = paquet.read("content.xml").decode("utf-8")
    texte = "".join(ElementTree.fromstring(contenu).itertext())
    assert "F-2023-118" in texte and "242,05\u00a0€" in texte and "10\u202f282,05\u00a0€" in texte
    assert "Client &lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }}" in contenu


def test_impression_de_la_seule_lettre(page_calcul):
    page = page_calcul
    expect(page.locator("#resultat-lettre .calc-apercu")).to_be_visible()
    page.emulate_media(media="print")
    try:
        expect(page.locator("#resultat-lettre .calc-apercu")).to_be_visible()
        for cache in ("form.calc", "h1", "#resultat-lettre .calc-resume", "#resultat-lettre .calc-actions",
                      ".md-header", ".md-sidebar--primary"):
            expect(page.locator(cache).first).to_be_hidden()
    finally:
        page.emulate_media(media="screen")


def test_sur_un_telephone_chaque_facture_de_l_apercu_en_bloc(page_calcul):
    """À 390 px, le tableau des factures de l'aperçu (dix colonnes) ne montrait que trois colonnes et demie,
    le reste hors de l'écran : chaque facture y devient un bloc de paires titre / valeur, sans défilement
    de côté ; imprimée, la lettre garde son tableau."""
    page = page_calcul
    expect(page.locator("#resultat-lettre .calc-apercu")).to_be_visible()
    taille = page.viewport_size
    page.set_viewport_size({"width": 390, "height": 844})
    try:
        table = page.locator("#resultat-lettre .lettre-factures").first
        cellules = table.locator("tbody tr").first.locator("td")
        etat = cellules.first.evaluate("""(td) => [getComputedStyle(td.parentElement).display,
            getComputedStyle(td, '::before').content, td.closest('table').scrollWidth <= td.closest('table').clientWidth,
            document.documentElement.scrollWidth]""")
        assert etat == ["block", '"Facture"', True, 390]
        assert table.locator("caption").bounding_box()["height"] < 40  # la légende sur une ligne
        page.emulate_media(media="print")
        assert cellules.first.evaluate("(td) => getComputedStyle(td.parentElement).display") == "table-row"
    finally:
        page.emulate_media(media="screen")
        page.set_viewport_size(taille)


def test_donnees_gardees_puis_effacees(page_calcul):
    page = page_calcul
    ouvrir(page)  # rechargement complet : le formulaire revient du stockage local
    expect(page.get_by_label("Raison sociale", exact=True)).to_have_value("Atelier Dupont SARL")
    expect(page.get_by_label("Numéro de la facture n° 1", exact=True)).to_have_value("F-2023-118")
    expect(page.get_by_label("Adresse du client (siège social)")).to_have_value("5 avenue Foch\n75008 Paris")
    effacer(page)
    expect(page.locator(".lettre-statut")).to_have_text("Vos données ont été effacées de ce navigateur.")
    expect(page.get_by_label("Raison sociale", exact=True)).to_have_value("")
    expect(page.get_by_label("Numéro de la facture n° 1", exact=True)).to_have_value("")
    assert page.evaluate("localStorage.getItem('impayes.lettres.saisies.v1')") in (None, "") or \
        "Atelier" not in page.evaluate("localStorage.getItem('impayes.lettres.saisies.v1')")
    ouvrir(page)
    expect(page.get_by_label("Raison sociale", exact=True)).to_have_value("")


def test_donnees_manquantes_nommees(page_calcul):
    page = page_calcul
    ouvrir(page)
    effacer(page)
    page.get_by_label("Montant TTC de la facture n° 1 (€)", exact=True).fill("100")
    page.get_by_role("button", name="Afficher la lettre").click()
    resume = page.locator(".calc-erreurs")
    expect(resume).to_contain_text("Saisissez le numéro de la facture n° 1 : une mise en demeure doit désigner")
    expect(resume).to_contain_text("Saisissez le nom de votre entreprise (créancier)")
    expect(page.get_by_label("Numéro de la facture n° 1", exact=True)).to_have_attribute("aria-invalid", "true")


def test_un_champ_fautif_dans_les_options_repliees_se_montre(page_calcul, attendre_focus):
    # L'échéancier demande le nombre d'échéances, rangé dans « Options de la lettre », replié : le
    # message du résumé ne menait nulle part, le champ restait caché.
    page = page_calcul
    ouvrir(page)
    remplir(page)
    page.get_by_label("Lettre", exact=True).select_option("echeancier")
    options = page.locator("details.calc-options")
    options.evaluate("(d) => { d.open = false; }")
    page.get_by_role("button", name="Afficher la lettre").click()
    champ = page.get_by_label("Échéancier : nombre d'échéances", exact=True)
    expect(champ).to_have_attribute("aria-invalid", "true")
    expect(options).to_have_attribute("open", "")
    expect(champ).to_be_visible()
    options.evaluate("(d) => { d.open = false; }")  # refermé : le lien du résumé le rouvre
    page.locator('.calc-erreurs a[href="#champ-plan_nombre"]').click()
    attendre_focus(champ)
    expect(champ).to_be_visible()


def test_lien_depuis_le_calculateur_de_penalites(page_calcul):
    page = page_calcul
    # Sans date de paiement, le calcul va jusqu'à aujourd'hui : passé la fin des tables de taux, le
    # calculateur refuserait (voulu) sans « Prolonger le dernier taux ». Avec, le test ne dépend pas
    # du calendrier (vérifié en avançant la date du jour au 15 janvier 2027) ; avant, il ne change rien.
    page.goto("calculateurs/penalites-de-retard/?montant=10000&echeance=30%2F11%2F2023&prolonger=oui")
    lien = page.get_by_role("link", name="Préparer la mise en demeure")
    expect(lien).to_be_visible(timeout=DELAI_DEMARRAGE_MS)
    lien.click()
    expect(page.get_by_label("Montant TTC de la facture n° 1 (€)", exact=True)).to_have_value("10\u202f000,00")
    expect(page.get_by_label("Échéance de la facture n° 1", exact=True)).to_have_value("30/11/2023")
    expect(page.get_by_label("Lettre", exact=True)).to_have_value("mise-en-demeure")
    effacer(page)


def test_acomptes_repris_depuis_le_calculateur_de_penalites(page_calcul):
    page = page_calcul
    page.goto("calculateurs/penalites-de-retard/?montant=10000&echeance=30%2F11%2F2023&paiement=31%2F01%2F2024"
              "&acompte=15%2F12%2F2023%3A4000")
    lien = page.get_by_role("link", name="Préparer la note de débit")
    expect(lien).to_be_visible(timeout=DELAI_DEMARRAGE_MS)
    lien.click()
    expect(page.get_by_label("Lettre", exact=True)).to_have_value("note-de-debit")
    # Python rend les acomptes du lien en lignes : chacun dans ses deux champs, rien à relire en JS.
    expect(page.get_by_label("Date de l'acompte n° 1 de la facture n° 1", exact=True)).to_have_value("15/12/2023")
    expect(page.get_by_label("Montant de l'acompte n° 1 de la facture n° 1 (€)", exact=True)).to_have_value(
        "4\u202f000,00")
    expect(page.get_by_label("Date de l'acompte n° 2 de la facture n° 1", exact=True)).to_have_count(0)
    expect(page.locator("form.calc")).to_have_attribute("data-calc-state", "ready", timeout=DELAI_DEMARRAGE_MS)
    for libelle, valeur in {**SAISIES, "Numéro de la facture n° 1": "F-2023-118",
                            "Date de la facture n° 1": "31/10/2023"}.items():
        page.get_by_label(libelle, exact=True).fill(valeur)
    page.get_by_role("button", name="Afficher la lettre").click()
    lettre = page.locator("#resultat-lettre .calc-apercu")
    expect(lettre).to_contain_text("Acomptes reçus")
    p = run("penalites", {"montant": "10000", "echeance": "2023-11-30", "paiement": "2024-01-31",
                          "acomptes": ["2023-12-15:4000"]})
    # C. civ. 1343-1 : l'acompte a d'abord réglé les 57,53 € échus au 15/12 ; sur 169,30 €, 111,77 € restent dus.
    assert (p["penalites"], p["penalites_payees"], p["penalites_restantes"]) == ("169.30", "57.53", "111.77")
    expect(lettre).to_contain_text(fr.euros(Decimal(p["penalites_restantes"])))
    # Rechargement : les lignes d'acompte reviennent du stockage local.
    ouvrir(page)
    expect(page.get_by_label("Montant de l'acompte n° 1 de la facture n° 1 (€)", exact=True)).to_have_value(
        "4\u202f000,00")
    effacer(page)


def test_acomptes_en_lignes_chiffres_du_calculateur(page_calcul, attendre_focus):
    """Issue 13 : deux acomptes saisis dans leurs lignes, comme dans le calculateur de pénalités ; la lettre
    a les chiffres de `calculators.api.run` (CPython) pour les mêmes acomptes ; le rechargement les garde."""
    page = page_calcul
    ouvrir(page)
    effacer(page)
    remplir(page)
    ajouter = page.get_by_role("button", name="Ajouter un acompte à la facture n° 1", exact=True)
    # Le rang n'est dit qu'aux lecteurs d'écran : à l'écran, « Ajouter un acompte », comme le calculateur.
    assert ajouter.locator(".calc-masque").bounding_box()["width"] <= 1
    ajouter.click()
    attendre_focus(page.get_by_label("Date de l'acompte n° 1 de la facture n° 1", exact=True))
    page.keyboard.type("15/12/2023")
    page.keyboard.press("Tab")
    page.keyboard.type("4000")
    ajouter.press("Enter")  # au clavier aussi
    attendre_focus(page.get_by_label("Date de l'acompte n° 2 de la facture n° 1", exact=True))
    page.get_by_label("Date de l'acompte n° 2 de la facture n° 1", exact=True).fill("10/01/2024")
    page.get_by_label("Montant de l'acompte n° 2 de la facture n° 1 (€)", exact=True).fill("1000")
    page.get_by_role("button", name="Afficher la lettre").click()
    lettre = page.locator("#resultat-lettre .calc-apercu")
    expect(lettre).to_contain_text("Acomptes reçus")
    acomptes = [{"date": "15/12/2023", "montant": "4000"}, {"date": "10/01/2024", "montant": "1000"}]
    r = run("lettre", _saisies(acomptes))
    assert r["ok"], r.get("erreurs")
    p = run("penalites", {"montant": "10000", "echeance": "30/11/2023", "paiement": "31/01/2024",
                          "aujourdhui": "2024-01-31", "acomptes": ["15/12/2023:4000", "10/01/2024:1000"]})
    # Les chiffres de la lettre sont ceux du calculateur de pénalités (imputation C. civ. 1343-1).
    assert r["penalites"] == p["penalites_restantes"]
    expect(lettre).to_contain_text(fr.euros(Decimal(p["penalites_restantes"])))
    expect(lettre).to_contain_text(fr.euros(Decimal(r["principal_du"])))
    with page.expect_download() as attente:
        page.get_by_role("button", name="Télécharger (.txt)").click()
    assert Path(attente.value.path()).read_text(encoding="utf-8") == r["texte"]
    # Rechargement : les deux lignes reviennent du stockage local.
    ouvrir(page)
    expect(page.get_by_label("Date de l'acompte n° 1 de la facture n° 1", exact=True)).to_have_value("15/12/2023")
    expect(page.get_by_label("Montant de l'acompte n° 2 de la facture n° 1 (€)", exact=True)).to_have_value("1000")
    # Retirer le premier : le second devient le n° 1, le clavier repart de « Ajouter un acompte ».
    page.get_by_role("button", name="Retirer l'acompte n° 1 de la facture n° 1", exact=True).click()
    expect(page.get_by_label("Date de l'acompte n° 1 de la facture n° 1", exact=True)).to_have_value("10/01/2024")
    expect(page.get_by_label("Date de l'acompte n° 2 de la facture n° 1", exact=True)).to_have_count(0)
    attendre_focus(page.get_by_role("button", name="Ajouter un acompte à la facture n° 1", exact=True))
    effacer(page)


def test_chargement_sans_focus_dans_le_formulaire(page_calcul):
    """La ligne de facture vide ajoutée au chargement ne prend pas le focus : le premier Tab va au lien
    d'évitement."""
    page = page_calcul
    ouvrir(page)
    expect(page.get_by_label("Numéro de la facture n° 1", exact=True)).to_be_visible()
    assert page.evaluate("!document.activeElement || !document.activeElement.closest('form')")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')")


def test_un_lien_ne_perd_pas_les_factures_gardees(page_calcul):
    page = page_calcul
    ouvrir(page)
    effacer(page)
    remplir(page)  # facture F-2023-118, gardée dans ce navigateur
    # prolonger=oui : indépendant du calendrier (voir test_lien_depuis_le_calculateur_de_penalites).
    page.goto("calculateurs/penalites-de-retard/#montant=2400&echeance=2023-12-15&prolonger=oui")
    lien = page.get_by_role("link", name="Préparer la mise en demeure")
    expect(lien).to_be_visible(timeout=DELAI_DEMARRAGE_MS)
    lien.click()
    # Le lien (décodé par Python) passe en tête ; la facture gardée suit, rien n'est perdu.
    expect(page.get_by_label("Montant TTC de la facture n° 1 (€)", exact=True)).to_have_value("2\u202f400,00")
    expect(page.get_by_label("Numéro de la facture n° 2", exact=True)).to_have_value("F-2023-118")
    expect(page.get_by_label("Raison sociale", exact=True)).to_have_value("Atelier Dupont SARL")
    assert page.url.endswith(CHEMIN)  # le lien ne reste pas dans l'adresse
    page.get_by_role("button", name="Ne garder que la facture du lien").click()
    expect(page.get_by_label("Numéro de la facture n° 2", exact=True)).to_have_count(0)
    expect(page.get_by_label("Échéance de la facture n° 1", exact=True)).to_have_value("15/12/2023")
    effacer(page)


def test_le_lien_suivant_remplace_ce_que_le_precedent_avait_ecrit(page_calcul):
    """Deux lettres ouvertes l'une après l'autre depuis l'analyse du poste clients : la seconde
    reprenait le nom du premier client et sa facture (gardés comme des saisies). Ce qu'un lien a
    écrit et que personne n'a retouché est remplacé par le lien suivant ; ce que l'utilisateur a
    tapé ou corrigé reste gardé, comme avant."""
    page = page_calcul
    ouvrir(page)
    effacer(page)
    nom = page.get_by_label("Raison sociale du client", exact=True)
    numero = page.get_by_label("Numéro de la facture n° 1", exact=True)
    page.goto(CHEMIN + "#modele=mise-en-demeure&debiteur_nom=Soci%C3%A9t%C3%A9%20Delta"
              "&facture=F2024-900:2024-11-15:900.00:2024-12-15")
    expect(nom).to_have_value("Société Delta", timeout=DELAI_DEMARRAGE_MS)
    expect(numero).to_have_value("F2024-900")
    # L'adresse tapée pour Delta ne suit pas la lettre d'Alpha (elle lui était adressée).
    adresse = page.get_by_label("Adresse du client (siège social)", exact=True)
    adresse.fill("3 quai Delta\n13000 Marseille")
    page.get_by_label("Numéro de la facture n° 1", exact=True).press("Tab")
    page.goto("")
    page.goto(CHEMIN + "#modele=mise-en-demeure&debiteur_nom=Alpha%20SARL&facture=F2025-002:2025-10-01:2400.00:2025-10-31")
    expect(nom).to_have_value("Alpha SARL", timeout=DELAI_DEMARRAGE_MS)
    expect(numero).to_have_value("F2025-002")
    expect(adresse).to_have_value("")
    expect(page.locator(".lettre-statut")).to_contain_text(
        "Lettre pour Alpha SARL : ce qui avait été saisi pour Société Delta est effacé (adresse du client (siège social)).")
    expect(page.get_by_label("Numéro de la facture n° 2", exact=True)).to_have_count(0)
    expect(page.locator(".lettre-statut")).not_to_contain_text("gardées pour")
    # Une facture retouchée par l'utilisateur devient la sienne : le lien suivant la garde.
    page.get_by_label("Montant TTC de la facture n° 1 (€)", exact=True).fill("2500")
    page.goto("")
    page.goto(CHEMIN + "#modele=note-de-debit&debiteur_nom=B%C3%AAta%20SA&facture=F2025-012:2025-06-01:480.00:2025-07-01:2025-09-20")
    expect(nom).to_have_value("Bêta SA", timeout=DELAI_DEMARRAGE_MS)
    expect(numero).to_have_value("F2025-012")
    expect(page.get_by_label("Numéro de la facture n° 2", exact=True)).to_have_value("F2025-002")
    expect(page.locator(".lettre-statut")).to_contain_text("Votre facture déjà saisie suit")
    effacer(page)


def test_taux_non_confirme_et_tribunal_entre_artisans(page_calcul):
    """Issue 10 : la lettre porte l'avertissement du calculateur ; entre artisans, le tribunal de commerce.

    10 000 € échus le 31/07/2026, lettre du 30/11/2026 : 122 jours à 12,40 % (BCE 2,40 % au 01/07/2026,
    non confirmé, + 10 points) = 10 000 × 12,40 × 122 / 36 500 = 414,4657… → 414,47 €."""
    page = page_calcul
    ouvrir(page)
    effacer(page)
    remplir(page)
    for libelle, valeur in {"Date de la lettre (facultatif)": "30/11/2026", "Date de la facture n° 1": "01/07/2026",
                            "Échéance de la facture n° 1": "31/07/2026"}.items():
        page.get_by_label(libelle, exact=True).fill(valeur)
    page.get_by_label("Votre entreprise est", exact=True).select_option("artisan")
    page.get_by_label("Le client est", exact=True).select_option("artisan")
    page.get_by_role("button", name="Afficher la lettre").click()
    lettre = page.locator("#resultat-lettre .calc-apercu")
    expect(lettre).to_contain_text("414,47\u00a0€")
    expect(lettre).to_contain_text("le président du tribunal de commerce (ou du tribunal des activités économiques) "
                                   "d'une requête en injonction de payer")
    p = run("penalites", {"montant": "10000", "echeance": "2026-07-31", "paiement": "2026-11-30",
                          "aujourdhui": "2026-11-30"})
    assert p["penalites"] == "414.47"
    non_confirme = next(a for a in p["avertissements"] if "non confirmé" in a)
    expect(page.locator("#resultat-lettre .admonition.warning")).to_contain_text(f"Facture F-2023-118 : {non_confirme}")
    effacer(page)


def test_effacer_mes_donnees_demande_confirmation(page_calcul):
    """Un clic sur « Effacer mes données », à côté de « Afficher la lettre », vidait sans prévenir une
    vingtaine de champs, les factures et leur copie dans ce navigateur. Il demande confirmation : un
    refus ne touche à rien (ni ce formulaire ni ce que les autres scripts du site gardent), une
    acceptation efface tout."""
    page = page_calcul
    ouvrir(page)
    effacer(page)
    remplir(page)
    page.evaluate("localStorage.setItem('impayes:checklist:/x/', '{}')")
    messages = []

    def refuser(dialogue):
        messages.append((dialogue.type, dialogue.message))
        dialogue.dismiss()

    page.once("dialog", refuser)
    page.get_by_role("button", name="Effacer mes données").click()
    assert messages and messages[0][0] == "confirm"
    assert messages[0][1].startswith("Effacer toutes vos données gardées dans ce navigateur ?")
    expect(page.get_by_label("Raison sociale", exact=True)).to_have_value("Atelier Dupont SARL")
    expect(page.get_by_label("Numéro de la facture n° 1", exact=True)).to_have_value("F-2023-118")
    assert "Atelier Dupont SARL" in page.evaluate("localStorage.getItem('impayes.lettres.saisies.v1')")
    assert page.evaluate("localStorage.getItem('impayes:checklist:/x/')") == "{}"  # checklists.js n'a rien effacé
    effacer(page)
    expect(page.locator(".lettre-statut")).to_have_text("Vos données ont été effacées de ce navigateur.")
    expect(page.get_by_label("Raison sociale", exact=True)).to_have_value("")
    expect(page.get_by_label("Numéro de la facture n° 1", exact=True)).to_have_value("")
    assert page.evaluate("localStorage.getItem('impayes.lettres.saisies.v1')") is None
    assert page.evaluate("localStorage.getItem('impayes:checklist:/x/')") is None
