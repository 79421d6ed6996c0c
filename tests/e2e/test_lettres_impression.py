"""Mise en page de la lettre affichée et imprimée : en-tête, tableau des factures, signature, avertissements.

Une lettre aux lignes longues, comme en reçoivent les vrais clients : une adresse électronique et un IBAN
sans espace chez l'expéditeur, un destinataire au long nom, un numéro de facture de 37 caractères. Datée
du 28/11/2025, sa date limite de paiement (8 jours) tombe un samedi : la lettre porte un avertissement.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

DELAI_DEMARRAGE_MS = 60_000

pytestmark = pytest.mark.e2e

CHEMIN = "lettres/remplir/"
NUMERO_LONG = "FA-2025-000123456789/REGUL-BIS-ANNEXE"
SAISIES = {
    "#champ-date_lettre": "28/11/2025",
    "#champ-lieu": "Villeurbanne",
    "#champ-creancier_nom": "Ateliers Métalliques du Rhône SAS",
    "#champ-creancier_adresse": "12 rue de la Soie\n69100 Villeurbanne",
    "#champ-creancier_contact": "04 78 00 00 00 — comptabilite.clients.recouvrement@ateliers-metalliques-du-rhone.fr\n"
                                "IBAN FR7630004000050000123456789BNPAFRPPXXX",
    "#champ-signataire": "Claire Dubois",
    "#champ-fonction": "Directrice administrative et financière",
    "#champ-debiteur_nom": "Constructions Dauphinoises Bâtiment et Travaux Publics SARL",
    "#champ-debiteur_interlocuteur": "M. Jean-Baptiste Lefèvre-Castelnau, service comptabilité fournisseurs",
    "#champ-debiteur_adresse": "ZA des Platières, 145 avenue du Général-de-Gaulle\n38300 Bourgoin-Jallieu",
}
FACTURES = [(NUMERO_LONG, "15/03/2025", "9 999 999,99", "14/05/2025"), ("F2025-0457", "02/06/2025", "3 480,00", "01/08/2025")]

# Boîtes de l'aperçu (la « feuille »), de son contenu, de l'en-tête et du tableau des factures.
BOITES = """() => {
  const feuille = document.querySelector('#resultat-lettre .calc-apercu');
  const boite = (el) => { const r = el.getBoundingClientRect(); return {gauche: r.left, droite: r.right, haut: r.top, bas: r.bottom}; };
  const style = getComputedStyle(feuille);
  const f = boite(feuille);
  const table = feuille.querySelector('table.lettre-factures');
  return {
    feuille: f,
    contenu: {gauche: f.gauche + parseFloat(style.paddingLeft), droite: f.droite - parseFloat(style.paddingRight)},
    expediteur: boite(feuille.querySelector('.lettre-expediteur')),
    destinataire: boite(feuille.querySelector('.lettre-destinataire')),
    table: {...boite(table), scrollWidth: table.scrollWidth, clientWidth: table.clientWidth},
  };
}"""


@pytest.fixture(scope="module")
def lettre(page_calcul):
    page = page_calcul
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(CHEMIN)
    expect(page.locator("form.calc")).to_have_attribute("data-calc-state", "ready", timeout=DELAI_DEMARRAGE_MS)
    page.once("dialog", lambda dialogue: dialogue.accept())
    page.get_by_role("button", name="Effacer mes données").click()
    page.get_by_label("Lettre", exact=True).select_option("mise-en-demeure")
    for selecteur, valeur in SAISIES.items():
        page.locator(selecteur).fill(valeur)
    page.get_by_role("button", name="Ajouter une facture").click()
    for rang, facture in enumerate(FACTURES, start=1):
        for cle, valeur in zip(("numero", "date", "montant", "echeance"), facture):
            page.locator(f"#champ-facture-{rang}-{cle}").fill(valeur)
    page.get_by_role("button", name="Afficher la lettre").click()
    expect(page.locator("#resultat-lettre .calc-apercu")).to_contain_text(NUMERO_LONG)
    yield page
    page.emulate_media(media="screen")
    page.once("dialog", lambda dialogue: dialogue.accept())
    page.get_by_role("button", name="Effacer mes données").click()


@pytest.mark.parametrize("largeur", [680, 390])
def test_imprime_le_destinataire_est_dans_la_moitie_droite(lettre, largeur):
    """Un expéditeur aux lignes longues renvoyait le destinataire sous lui, à gauche (en-tête en flex) :
    plié dans une enveloppe à fenêtre, l'adresse n'y paraissait plus. Imprimé, le destinataire est
    toujours dans la moitié droite, et l'expéditeur dans la gauche : sur une page A4 (180 mm de large,
    ici 680 px), et même sur une largeur de téléphone."""
    page = lettre
    page.set_viewport_size({"width": largeur, "height": 844})
    page.emulate_media(media="print")
    try:
        b = page.evaluate(BOITES)
        milieu = (b["contenu"]["gauche"] + b["contenu"]["droite"]) / 2
        assert b["destinataire"]["gauche"] >= milieu, b
        assert b["expediteur"]["droite"] <= milieu, b
        assert b["destinataire"]["droite"] <= b["contenu"]["droite"] + 1, b  # l'IBAN passe à la ligne dans sa colonne
    finally:
        page.emulate_media(media="screen")
        page.set_viewport_size({"width": 1366, "height": 768})


@pytest.mark.parametrize("media", ["screen", "print"])
def test_un_long_numero_de_facture_ne_fait_pas_deborder_le_tableau(lettre, media):
    """À 1366 px, « FA-2025-000123456789/REGUL-BIS-ANNEXE », insécable, élargissait le tableau des
    factures au-delà de la feuille : la colonne « Indemnité » était coupée. Le numéro passe à la ligne
    et le tableau tient dans la feuille, à l'écran comme sur une page A4 (180 mm de large, ici 680 px)."""
    page = lettre
    if media == "print":
        page.set_viewport_size({"width": 680, "height": 962})
    page.emulate_media(media=media)
    try:
        b = page.evaluate(BOITES)
        assert b["table"]["scrollWidth"] <= b["table"]["clientWidth"], b
        assert b["table"]["droite"] <= b["contenu"]["droite"] + 1, b
        indemnite = page.locator("#resultat-lettre table.lettre-factures tbody tr").first.locator("td").last
        assert indemnite.evaluate("(td) => td.getBoundingClientRect().right") <= b["contenu"]["droite"] + 1
        numero = page.locator("#resultat-lettre table.lettre-factures tbody td").first
        assert numero.inner_text() == NUMERO_LONG  # coupé à l'affichage seulement
    finally:
        page.emulate_media(media="screen")
        page.set_viewport_size({"width": 1366, "height": 768})


def test_les_avertissements_precedent_l_apercu(lettre):
    """« À vérifier » (la date limite tombe un samedi) venait après toute la lettre : qui l'imprimait
    depuis l'aperçu ne le voyait jamais. Il est affiché avant l'aperçu, et n'est pas imprimé."""
    page = lettre
    avertissements = page.locator("#resultat-lettre > .admonition.warning")
    expect(avertissements).to_contain_text("tombe un samedi")
    apercu = page.locator("#resultat-lettre > .calc-apercu")
    assert avertissements.evaluate(
        "(a) => Boolean(a.compareDocumentPosition(document.querySelector('#resultat-lettre > .calc-apercu'))"
        " & Node.DOCUMENT_POSITION_FOLLOWING)")
    assert avertissements.bounding_box()["y"] + avertissements.bounding_box()["height"] <= apercu.bounding_box()["y"]
    page.emulate_media(media="print")
    try:
        expect(avertissements).to_be_hidden()
        expect(apercu).to_be_visible()
    finally:
        page.emulate_media(media="screen")


def test_imprimee_la_lettre_laisse_la_place_de_signer(lettre):
    """Le nom du signataire venait juste sous « Veuillez agréer… » : aucune place pour signer à la main.
    Imprimée, la lettre laisse au moins quatre lignes avant le nom ; la formule de politesse, le dernier
    paragraphe avant elle et la signature ne se séparent pas d'une page à l'autre."""
    page = lettre
    page.emulate_media(media="print")
    try:
        mesure = page.evaluate("""() => {
          const lettre = document.querySelector('#resultat-lettre .calc-apercu');
          const signature = lettre.querySelector('.lettre-signature');
          const corps = [...lettre.querySelectorAll('.lettre-corps > *')];
          const [avant, formule] = corps.slice(-2).map((el) => getComputedStyle(el));
          const ligne = parseFloat(getComputedStyle(lettre).lineHeight);
          return {
            blanc: signature.getBoundingClientRect().top - corps.at(-1).getBoundingClientRect().bottom,
            ligne, formule: corps.at(-1).textContent,
            coupures: [avant.breakInside, avant.breakAfter, formule.breakInside, formule.breakAfter,
                       getComputedStyle(signature).breakBefore, getComputedStyle(signature).breakInside],
          };
        }""")
        assert mesure["formule"].startswith("Veuillez agréer")
        assert mesure["blanc"] >= 4 * mesure["ligne"], mesure
        assert mesure["coupures"] == ["avoid"] * 6, mesure
    finally:
        page.emulate_media(media="screen")
