"""Ce qu'on voit d'un résultat (issue 13) : sur un téléphone, à l'impression, après « Calculer ».

- À 390 px, aucune cellule du décompte n'est rognée et les montants de pénalités se voient.
- Un résultat imprimé tient sur une page A4 et ne garde que lui (saisies, total, décompte, articles).
- Après « Calculer », le focus et la vue vont au titre du résultat.
- Le total à réclamer vient en premier ; pour le délai de paiement, la date limite.
- Chaque valeur du résumé s'aligne sur son libellé ; les montants des tableaux sont à droite.
- Imprimé, chaque en-tête reste au-dessus de sa colonne ; une lettre d'une facture tient sur une page.
- Sur un téléphone, une lettre ne fait pas défiler la page de côté.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

LIEN = ("calculateurs/penalites-de-retard/#montant=10000&echeance=2023-11-30&paiement=2024-01-31"
        "&acompte=2023-12-15:4000")
RESULTAT = "#resultat-penalites"


def _pages_pdf(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


@pytest.fixture
def telephone(browser, url_site):
    contexte = browser.new_context(base_url=url_site, locale="fr-FR", viewport={"width": 390, "height": 844})
    page = contexte.new_page()
    yield page
    contexte.close()


def test_sur_un_telephone_rien_n_est_rogne(telephone):
    telephone.goto(LIEN)
    lignes = telephone.locator(f"{RESULTAT} .calc-tableau").first.locator("tbody tr")
    expect(lignes).to_have_count(3, timeout=60_000)
    largeur = telephone.evaluate("document.documentElement.clientWidth")
    cellules = telephone.locator(f"{RESULTAT} .calc-tableau td")
    for i in range(cellules.count()):
        boite = cellules.nth(i).bounding_box()
        if boite:  # une cellule vide est masquée
            assert boite["x"] >= 0 and boite["x"] + boite["width"] <= largeur + 1, cellules.nth(i).inner_text()
    # Chaque montant de pénalités se voit, avec son libellé de colonne.
    for montant in ("57,53\u00a0€", "37,17\u00a0€", "74,60\u00a0€"):
        expect(telephone.locator(f"{RESULTAT} td[data-label='Pénalités']", has_text=montant)).to_be_visible()
    # Et le résumé ne coupe pas ses valeurs.
    for valeur in telephone.locator(f"{RESULTAT} .calc-resume dd").all():
        assert valeur.evaluate("el => el.scrollWidth <= el.clientWidth + 1")


def test_le_total_a_reclamer_vient_en_premier(page_calcul):
    page_calcul.goto(LIEN)
    resume = page_calcul.locator(f"{RESULTAT} .calc-resume > div")
    expect(resume.first).to_be_visible()
    premier = page_calcul.evaluate("""() => [...document.querySelectorAll('#resultat-penalites .calc-resume > div')]
        .map(d => [d.dataset.cle, d.getBoundingClientRect().top, d.getBoundingClientRect().left])
        .sort((a, b) => a[1] - b[1] || a[2] - b[2])[0][0]""")
    assert premier == "total"
    # Premier aussi dans le document (ordre de lecture d'un lecteur d'écran), pas seulement à l'écran.
    expect(resume.first).to_have_attribute("data-cle", "total")
    expect(page_calcul.locator(f"{RESULTAT} .calc-resume [data-cle='total'] dd")).to_have_text("151,77\u00a0€")


def test_seul_un_tableau_qui_defile_est_un_arret_du_clavier(page_calcul):
    # Chaque tableau était un arrêt de la touche Tab, même sans rien à faire défiler.
    # Une autre page d'abord : le test précédent laisse la page sur le même lien, qui ne changerait
    # que l'ancre ; le résultat, recalculé pendant le test, remplaçait le tableau élargi (machine
    # chargée).
    page_calcul.goto("calculateurs/")
    page_calcul.goto(LIEN)
    regions = page_calcul.locator(f"{RESULTAT} .calc-tableau")
    expect(regions.first).to_be_visible()
    for rang in range(regions.count()):
        expect(regions.nth(rang)).not_to_have_attribute("tabindex", "0")
        expect(regions.nth(rang)).not_to_have_attribute("role", "region")
    # Trop étroit pour son tableau : il défile, on l'atteint au clavier, c'est un repère nommé comme
    # le tableau ; élargi, plus maintenant.
    regions.first.evaluate("(r) => { r.style.width = '120px'; }")
    expect(regions.first).to_have_attribute("tabindex", "0")
    titre = regions.first.locator("caption").text_content()
    expect(page_calcul.get_by_role("region", name=titre, exact=True)).to_have_count(1)
    regions.first.evaluate("(r) => { r.style.width = ''; }")
    expect(regions.first).not_to_have_attribute("tabindex", "0")
    expect(regions.first).not_to_have_attribute("role", "region")


def test_poste_clients_un_tableau_hors_de_l_ecran_qui_ne_defile_pas_n_est_pas_un_arret(page_calcul):
    # Un tableau qui ne défile pas n'est pas un arrêt de la touche Tab (il l'était hors de l'écran,
    # quand `content-visibility` ne le mettait pas en page).
    page_calcul.goto("calculateurs/poste-clients/")
    expect(page_calcul.locator("form.calc")).to_have_attribute("data-calc-state", "ready")
    page_calcul.get_by_label("Fichier à analyser").set_input_files(str(FEC))
    expect(page_calcul.locator("#resultat-portefeuille[data-resultat=ok]")).to_be_visible(timeout=120_000)
    regions = page_calcul.locator("#resultat-portefeuille .calc-tableau")
    assert regions.count() > 5
    for rang in range(regions.count()):
        expect(regions.nth(rang)).not_to_have_attribute("tabindex", "0")


def test_les_parties_du_resultat_sont_des_titres(page_calcul):
    # « Méthode » était un paragraphe : le lecteur d'écran, qui va de titre en titre, sautait de
    # « Résultat » à « Sources ». Le titre d'encadré garde la taille du texte qui l'entoure.
    page_calcul.goto(LIEN)
    resultat = page_calcul.locator(RESULTAT)
    # « À vérifier » : au 1er semestre 2024, le taux par défaut était sous le plancher (question ouverte).
    expect(resultat.get_by_role("heading", level=3)).to_have_text(["À vérifier", "Méthode", "Sources"])
    titre = resultat.get_by_role("heading", name="Méthode")
    taille = titre.evaluate("(h) => [getComputedStyle(h).fontSize, getComputedStyle(h.nextElementSibling).fontSize]")
    assert taille[0] == taille[1]


def test_un_resultat_imprime_tient_sur_une_page(page_calcul):
    page_calcul.goto(LIEN)
    expect(page_calcul.locator(f"{RESULTAT} .calc-resume")).to_be_visible()
    page_calcul.emulate_media(media="print")
    try:
        # Ce que garde l'impression : les saisies, le total, le décompte, les articles, la date et le lien.
        expect(page_calcul.locator(f"{RESULTAT} .calc-saisies")).to_be_visible()
        expect(page_calcul.locator(f"{RESULTAT} .calc-imprime")).to_contain_text("Calcul du ")
        expect(page_calcul.locator(f"{RESULTAT} .calc-imprime")).to_contain_text("#montant=10000.00")
        expect(page_calcul.locator(f"{RESULTAT} .calc-sources")).to_be_visible()
        expect(page_calcul.locator("article h2", has_text="Comment le calcul est fait")).to_be_hidden()
        assert _pages_pdf(page_calcul.pdf(format="A4")) == 1
    finally:
        page_calcul.emulate_media(media="screen")


def test_calculer_mene_au_resultat(page_calcul, attendre_focus):
    page_calcul.goto("calculateurs/penalites-de-retard/")
    expect(page_calcul.locator("form.calc")).to_have_attribute("data-calc-state", "ready")
    page_calcul.get_by_label("Montant de la facture, TTC (€)").fill("5000")
    page_calcul.get_by_label("Date d'échéance").fill("31/05/2024")
    page_calcul.get_by_label("Date du paiement").fill("31/07/2024")
    page_calcul.get_by_label("Date du paiement").press("Enter")
    titre = page_calcul.locator(f"{RESULTAT} h2")
    expect(titre).to_have_text("Résultat : pénalités de retard")
    attendre_focus(titre)
    assert page_calcul.evaluate("el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }",
                                titre.element_handle())


# --- Revue des pages plus récentes (intérêt légal, intérêts moratoires, délai, poste clients, lettres) ---

INTERET_LEGAL = ("calculateurs/interet-legal/#montant=25000&fondement=mise-en-demeure&debut=2021-03-15"
                 "&fin=2024-09-30&creancier=autre&acompte=2022-06-30:5000&acompte=2023-10-15:8000")
MORATOIRES = "calculateurs/interets-moratoires/#montant=10000.00&acheteur=etat&reception=2025-03-03&paiement=2025-05-15"
DELAI = "calculateurs/delai-de-paiement/?regime=60j&facture=15%2F01%2F2025&echeance-convenue=31%2F03%2F2025"
FEC = Path(__file__).resolve().parents[1] / "cas" / "portefeuille" / "fec-pieges.txt"
LETTRE = {"Raison sociale": "Atelier Dupont SARL", "Adresse": "12 rue des Lilas\n69003 Lyon",
          "Signataire": "Jeanne Dupont", "Raison sociale du client": "Boulangerie Martin et Fils SAS",
          "Adresse du client (siège social)": "5 avenue Foch\n75008 Paris", "Date de la lettre (facultatif)": "31/01/2024",
          "Numéro de la facture n° 1": "F-2023-118", "Date de la facture n° 1": "31/10/2023",
          "Montant TTC de la facture n° 1 (€)": "10000", "Échéance de la facture n° 1": "30/11/2023"}


def _colonnes_sans_en_tete(page, zone):
    """Tableaux dont la première ligne n'a pas autant de cellules visibles que l'en-tête."""
    return page.evaluate("""(zone) => [...document.querySelectorAll(zone + ' .calc-tableau table')]
        .filter((t) => t.tHead && t.tBodies[0] && t.tBodies[0].rows.length)
        .map((t) => [t.caption.textContent,
                     [...t.tHead.rows[0].cells].filter((c) => c.getClientRects().length).length,
                     [...t.tBodies[0].rows[0].cells].filter((c) => c.getClientRects().length).length])
        .filter(([, entetes, cellules]) => entetes !== cellules)""", zone)


def _imprimer(page):
    page.emulate_media(media="print")
    try:
        return _pages_pdf(page.pdf(format="A4"))
    finally:
        page.emulate_media(media="screen")


def test_chaque_valeur_du_resume_s_aligne_sur_son_libelle(page_calcul):
    # Material décale tout <dd> de 1,875 em : la valeur partait en retrait de son libellé.
    # Un lien en fragment sur la page déjà ouverte ne la recharge pas : l'ancien résultat resterait
    # visible pendant que le nouveau se construit. Chargement complet, puis le résultat de ce lien.
    page_calcul.goto("about:blank")
    page_calcul.goto(LIEN)
    expect(page_calcul.locator(f"{RESULTAT}[data-resultat=ok] .calc-resume dd").first).to_be_visible()
    ecarts = page_calcul.evaluate("""() => [...document.querySelectorAll('.calc-resume > div')].map((d) =>
        d.querySelector('dd').getBoundingClientRect().left - d.querySelector('dt').getBoundingClientRect().left)""")
    assert ecarts and all(abs(e) <= 1 for e in ecarts), ecarts


def test_interet_legal_imprime_chaque_en_tete_au_dessus_de_sa_colonne(page_calcul):
    # L'impression cachait le dernier en-tête de tout tableau (« Fondement » des paiements partiels)
    # en gardant ses cellules ; et les libellés des saisies se repliaient mot à mot.
    page_calcul.goto(INTERET_LEGAL)
    zone = "#resultat-interet-legal"
    expect(page_calcul.locator(f"{zone} .calc-tableau")).to_have_count(2)
    page_calcul.emulate_media(media="print")
    try:
        assert _colonnes_sans_en_tete(page_calcul, zone) == []
        expect(page_calcul.locator(f"{zone} thead th", has_text="Fondement")).to_be_visible()
        expect(page_calcul.locator(f"{zone} thead th", has_text="Détail")).to_have_count(1)
        expect(page_calcul.locator(f"{zone} thead th", has_text="Détail")).to_be_hidden()
        libelle = page_calcul.locator(f"{zone} .calc-saisies dt", has_text="Le créancier est")
        # Une seule ligne : tous ses morceaux (le libellé, puis « : ») à la même hauteur, sans repli.
        assert libelle.evaluate("""(el) => { const r = [...el.getClientRects()];
            return new Set(r.map((x) => Math.round(x.top))).size === 1
                && r.every((x) => x.height < 1.8 * parseFloat(getComputedStyle(el).fontSize)); }""")
        assert _pages_pdf(page_calcul.pdf(format="A4")) == 1
    finally:
        page_calcul.emulate_media(media="screen")


def test_interets_moratoires_le_pied_ne_range_pas_les_jours_sous_la_date(page_calcul):
    # Sur un téléphone chaque cellule porte l'en-tête de sa colonne : « Date : 43 » n'avait pas de sens.
    page_calcul.goto(MORATOIRES)
    pied = page_calcul.locator("#resultat-interets-moratoires .calc-tableau").first.locator("tfoot td")
    expect(pied.first).to_have_text("Jours de retard\u00a0: 43")
    expect(pied.nth(1)).to_have_text("")


def test_delai_le_verdict_puis_la_date_limite_en_tete_en_grand(page_calcul):
    """Une échéance convenue à contrôler : la réponse (conforme ou non) d'abord, puis la date
    limite, chacune sur toute la largeur ; les autres cartes viennent après."""
    page_calcul.goto(DELAI)
    limite = page_calcul.locator("#resultat-delai .calc-resume [data-cle='date-limite']")
    expect(limite.locator("dd")).to_have_text("dimanche 16 mars 2025")
    expect(page_calcul.locator("#resultat-delai .calc-resume [data-cle='conforme'] dd")).to_have_text("non")
    mesures = page_calcul.evaluate("""() => { const r = document.querySelector('#resultat-delai .calc-resume');
        const haut = (c) => c.getBoundingClientRect().top;
        const [v, d] = ["conforme", "date-limite"].map((cle) => r.querySelector(`[data-cle='${cle}']`));
        return [v.getBoundingClientRect().width, d.getBoundingClientRect().width, r.getBoundingClientRect().width,
                haut(v) < haut(d), [...r.children].every((c) => c === v || c === d || haut(c) > haut(d))]; }""")
    assert abs(mesures[0] - mesures[2]) <= 1 and abs(mesures[1] - mesures[2]) <= 1 and mesures[3] and mesures[4], mesures


def test_poste_clients_nombres_a_droite_et_en_tetes_imprimes(page_calcul):
    # Les tableaux de l'analyse n'alignaient aucun montant à droite ; imprimés, leur dernière colonne
    # (Part de l'encours, Total, Remarque…) perdait son en-tête.
    page_calcul.goto("calculateurs/poste-clients/")
    expect(page_calcul.locator("form.calc")).to_have_attribute("data-calc-state", "ready")
    page_calcul.get_by_label("Fichier à analyser").set_input_files(str(FEC))
    zone = "#resultat-portefeuille"
    expect(page_calcul.locator(f"{zone}[data-resultat=ok]")).to_be_visible(timeout=120_000)
    # Le chiffre à retenir, en tête et en grand : l'encours échu, ce qu'il faut aller recouvrer.
    premier = page_calcul.locator(zone).evaluate("""(zone) => {
        const haut = (bloc) => bloc.getBoundingClientRect().top;
        return [...zone.querySelectorAll('.calc-resume > div')].sort((a, b) => haut(a) - haut(b))[0].dataset.cle; }""")
    assert premier == "echu"
    tranches = page_calcul.locator(f"{zone} .calc-tableau", has_text="par tranche de retard")
    for colonne in ("Postes", "Montant", "Part de l'encours"):
        cellule = tranches.locator(f"tbody td[data-label=\"{colonne}\"]").first
        assert cellule.evaluate("el => getComputedStyle(el).textAlign") == "right", colonne
    # Pas une région vivante : un lecteur d'écran y relisait tous les tableaux.
    assert page_calcul.locator(zone).get_attribute("aria-live") is None
    # Chaque ligne nommée par un en-tête de ligne (annoncé avec chaque valeur par un lecteur d'écran).
    expect(tranches.locator("tbody th[scope=row]").first).to_have_text("Non échu")
    assert tranches.locator("tbody th[scope=row]").count() == tranches.locator("tbody tr").count()
    d441 = page_calcul.locator(f"{zone} .calc-tableau", has_text="D441-6 I :")
    expect(d441.locator("tbody th[scope=row]").first).to_have_text("Nombre de factures concernées")
    page_calcul.emulate_media(media="print")
    try:
        assert _colonnes_sans_en_tete(page_calcul, zone) == []
        # Imprimé, « F2025-0000370 » se coupait au tiret et « payée le » quittait sa date.
        par_facture = page_calcul.locator(f"{zone} .calc-tableau", has_text="Pénalités par facture")
        for colonne in ("Compte", "Facture", "Échéance"):
            # La facture nomme sa ligne : un en-tête de ligne (th), que le lecteur d'écran annonce.
            cellule = par_facture.locator(f"tbody :is(td, th)[data-label=\"{colonne}\"]").first
            assert cellule.evaluate("(td) => getComputedStyle(td).whiteSpace") == "nowrap", colonne
        # La date de fin du retard jamais coupée (« 30/06/202 » puis « 5 » à 1 366 px) ; payée ou non, en note.
        fin = par_facture.locator("tbody td[data-label=\"Fin du retard\"]").first
        assert fin.evaluate("(td) => getComputedStyle(td).whiteSpace") == "nowrap"
        assert re.fullmatch(r"\d\d/\d\d/\d{4}(payée|non payée \(date d'analyse\))", fin.text_content())
    finally:
        page_calcul.emulate_media(media="screen")


def _lettre(page, modele, options=None):
    page.goto("lettres/remplir/")
    expect(page.locator("form.calc")).to_have_attribute("data-calc-state", "ready")
    page.get_by_label("Lettre", exact=True).select_option(modele)
    if options:
        page.locator("details.calc-options").evaluate("(d) => { d.open = true; }")
    for libelle, valeur in {**LETTRE, **(options or {})}.items():
        page.get_by_label(libelle, exact=True).fill(valeur)
    page.get_by_role("button", name="Afficher la lettre").click()
    lettre = page.locator("#resultat-lettre .calc-apercu")
    expect(lettre).to_be_visible(timeout=60_000)
    return lettre


def test_une_lettre_sur_un_telephone_ne_deborde_pas_et_s_imprime_sans_page_de_trop(telephone):
    # Le tableau des factures élargissait toute la page (237 px de défilement de côté) ; imprimée,
    # la mise en demeure d'une facture débordait sur une seconde page (signature seule) et
    # l'échéancier ajoutait une page blanche.
    lettre = _lettre(telephone, "mise-en-demeure")
    assert telephone.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    boite = lettre.bounding_box()
    assert boite["x"] >= 0 and boite["x"] + boite["width"] <= 391
    assert _imprimer(telephone) == 1
    lettre = _lettre(telephone, "echeancier", {"Échéancier : nombre d'échéances": "6",
                                               "Échéancier : date de la première échéance": "28/02/2024"})
    expect(lettre).to_contain_text("Reconnaissance de dette")
    assert _imprimer(telephone) == 2  # la lettre, puis l'accord du débiteur avec la place de signer
    # Un tableau de quatre colonnes (remerciement, rappel) tient dans l'écran : il dépassait de 9 px,
    # bord droit coupé, dernière date sous l'ombre du défilement.
    lettre = _lettre(telephone, "remerciement", {"Payée le (facultatif), facture n° 1": "31/01/2024"})
    tableau = lettre.locator("table.lettre-factures")
    assert tableau.locator("thead th").count() == 4 and tableau.evaluate("(t) => t.scrollWidth <= t.clientWidth")


def test_sur_un_ecran_large_le_tableau_de_la_mise_en_demeure_tient_dans_la_feuille(page_calcul):
    # À 1 366 px, la colonne « Indemnité » sortait de la feuille (il fallait faire défiler le tableau)
    # et les taux de trois semestres s'empilaient sur cinq lignes.
    page_calcul.set_viewport_size({"width": 1366, "height": 768})
    lettre = _lettre(page_calcul, "mise-en-demeure", {"Date de la lettre (facultatif)": "01/12/2025"})
    tableau = lettre.locator("table.lettre-factures")
    expect(tableau).to_contain_text("puis")
    assert tableau.evaluate("(t) => t.scrollWidth <= t.clientWidth")
    indemnite = tableau.locator("tbody td").last
    assert indemnite.evaluate("(td) => td.getBoundingClientRect().right <= td.closest('table').getBoundingClientRect().right")


def test_la_note_de_debit_a_onze_colonnes_tient_a_l_ecran_et_dans_le_fichier_imprime(page_calcul):
    # Onze colonnes (acomptes, reste, paiement, taux) : 696 px pour 622 dans la feuille à 1 366 px,
    # et 769 px pour 624 dans le fichier .html imprimé (l'indemnité n'y paraissait pas).
    page_calcul.set_viewport_size({"width": 1366, "height": 768})
    page_calcul.goto("lettres/remplir/")
    expect(page_calcul.locator("form.calc")).to_have_attribute("data-calc-state", "ready")
    page_calcul.get_by_label("Lettre", exact=True).select_option("note-de-debit")
    for libelle, valeur in {**LETTRE, "Payée le (facultatif), facture n° 1": "31/01/2024"}.items():
        page_calcul.get_by_label(libelle, exact=True).fill(valeur)
    page_calcul.get_by_role("button", name="Ajouter un acompte à la facture n° 1").click()
    page_calcul.get_by_label("Date de l'acompte n° 1 de la facture n° 1", exact=True).fill("15/12/2023")
    page_calcul.get_by_label("Montant de l'acompte n° 1 de la facture n° 1 (€)", exact=True).fill("4000")
    page_calcul.get_by_role("button", name="Afficher la lettre").click()
    tableau = page_calcul.locator("#resultat-lettre .calc-apercu table.lettre-factures")
    expect(tableau).to_be_visible(timeout=60_000)
    assert tableau.locator("thead th").count() == 11
    assert tableau.evaluate("(t) => t.scrollWidth <= t.clientWidth")
    with page_calcul.expect_download() as telechargement:
        page_calcul.get_by_role("button", name="Télécharger (.html)").click()
    fichier = page_calcul.context.new_page()
    try:
        fichier.set_content(Path(telechargement.value.path()).read_text(encoding="utf-8"))
        fichier.emulate_media(media="print")
        assert fichier.evaluate("""() => document.querySelector('table.lettre-factures').scrollWidth
                                         <= document.body.clientWidth""")
    finally:
        fichier.close()


def test_sur_telephone_la_balance_par_client_ne_montre_pas_ses_tranches_a_zero(telephone):
    # Dix lignes par client, presque toutes à « 0,00 € » : neuf écrans de défilement pour vingt clients.
    telephone.goto("calculateurs/poste-clients/")
    expect(telephone.locator("form.calc")).to_have_attribute("data-calc-state", "ready", timeout=120_000)
    telephone.get_by_label("Fichier à analyser").set_input_files(str(FEC))
    expect(telephone.locator("#resultat-portefeuille[data-resultat=ok]")).to_be_visible(timeout=120_000)
    balance = telephone.locator("#resultat-portefeuille .calc-tableau", has_text="Balance âgée des clients au")
    zeros = balance.locator("tbody td.calc-zero")
    assert zeros.count() > 0
    assert zeros.evaluate_all("(l) => l.every((td) => getComputedStyle(td).display === 'none')")
    montres = balance.locator("tbody tr").first.locator("td").evaluate_all(
        "(l) => l.filter((td) => getComputedStyle(td).display !== 'none').map((td) => td.textContent)")
    assert montres and "0,00\u00a0€" not in montres
    # Le pied garde tous ses totaux ; sur un écran large, tout se voit.
    assert balance.locator("tfoot td.calc-zero").evaluate_all(
        "(l) => l.every((td) => getComputedStyle(td).display !== 'none')")
    telephone.set_viewport_size({"width": 1366, "height": 768})
    assert zeros.evaluate_all("(l) => l.every((td) => getComputedStyle(td).display !== 'none')")


def test_sur_telephone_les_tableaux_courts_restent_des_tableaux(telephone):
    # La balance par tranche (quatre colonnes) et le DSO mois par mois (cinq) : en cartes, une carte de
    # trois ou quatre lignes par tranche ou par mois, deux écrans pour vingt chiffres. Gardés en
    # tableau, ils tiennent en entier à 390 px, en-têtes compris.
    telephone.goto("calculateurs/poste-clients/")
    expect(telephone.locator("form.calc")).to_have_attribute("data-calc-state", "ready", timeout=120_000)
    zone = "#resultat-portefeuille"
    telephone.get_by_label("Fichier à analyser").set_input_files(str(FEC))
    expect(telephone.locator(f"{zone}[data-resultat=ok]")).to_be_visible(timeout=120_000)
    tient = """(r) => [r.classList.contains('calc-tient'), getComputedStyle(r.querySelector('thead')).position,
                       r.querySelector('table').offsetWidth <= r.clientWidth]"""
    tranches = telephone.locator(f"{zone} .calc-tableau", has_text="par tranche de retard")
    dso = telephone.locator(f"{zone} .calc-tableau", has_text="DSO par épuisement")
    assert tranches.evaluate(tient) == [True, "static", True]
    assert dso.evaluate(tient) == [True, "static", True]
    expect(tranches.locator("tfoot td").nth(1)).to_have_text("4")  # les postes du total
    # Les autres tableaux, plus larges, restent en cartes.
    relancer = telephone.locator(f"{zone} .calc-tableau", has_text="Qui relancer d'abord")
    assert relancer.evaluate(tient)[:2] == [False, "absolute"]
    # Un écran un instant trop étroit (fenêtre réduite, capture de la page entière) : en cartes le temps
    # qu'il l'est, en tableau de nouveau ensuite (il y restait en cartes pour de bon).
    telephone.set_viewport_size({"width": 240, "height": 844})
    expect(tranches).not_to_have_class(re.compile(r"\bcalc-tient\b"))
    assert tranches.evaluate(tient)[1:] == ["absolute", True]
    telephone.set_viewport_size({"width": 390, "height": 844})
    expect(tranches).to_have_class(re.compile(r"\bcalc-tient\b"))
    assert tranches.evaluate(tient) == [True, "static", True]
    # Des montants de plusieurs millions : le DSO ne tient plus ; en cartes plutôt qu'une colonne hors de vue.
    telephone.get_by_label("Fichier à analyser").set_input_files(
        files=[{"name": "longs.csv", "mimeType": "text/csv", "buffer": NOMS_LONGS}])
    expect(telephone.locator(f"{zone}[data-resultat=ok] .calc-tableau", has_text="12\u202f345\u202f678,90")
           .first).to_be_visible(timeout=120_000)
    expect(dso).not_to_have_class(re.compile(r"\bcalc-tient\b"))
    assert dso.evaluate(tient)[1:] == ["absolute", True]
    assert tranches.evaluate(tient) == [True, "static", True]


@pytest.mark.parametrize("saisies, tient", [
    ("montant=10000&nombre=12&acompte=1500", True),   # sans intérêts : quatre colonnes
    ("montant=999999999&nombre=12", None),             # des montants à douze chiffres : ce qui tient
    ("montant=10000&nombre=12&taux=5", False),         # avec intérêts : six colonnes, en cartes
])
def test_sur_telephone_l_echeancier_sans_interets_reste_un_tableau(telephone, saisies, tient):
    telephone.goto(f"calculateurs/echeancier/?{saisies}&premiere=31%2F01%2F2027")
    region = telephone.locator(".calc-resultat[data-resultat=ok] .calc-tableau").first
    expect(region).to_be_visible(timeout=60_000)
    etat = region.evaluate("""(r) => [r.classList.contains('calc-tient'), getComputedStyle(r.querySelector('thead')).position,
                                      r.querySelector('table').offsetWidth <= r.clientWidth]""")
    assert etat[2], "un tableau plus large que l'écran"
    assert etat[1] == ("static" if etat[0] else "absolute")
    if tient is not None:
        assert etat[0] is tient


def test_sur_telephone_le_pied_se_nomme_lui_meme(telephone):
    # Bloc de pied sur un téléphone : « Échéance convenue » en titre, pas « Méthode : Échéance convenue ».
    telephone.goto(DELAI)
    premiere = telephone.locator("#resultat-delai .calc-tableau tfoot td").first
    expect(premiere).to_have_text("Échéance convenue")
    assert premiere.evaluate("(el) => getComputedStyle(el, '::before').content") in ("none", "normal")
    suivante = telephone.locator("#resultat-delai .calc-tableau tfoot td[data-label='Date']")
    assert suivante.evaluate("(el) => getComputedStyle(el, '::before').content") == '"Date"'


# Noms longs (40 à 90 caractères, avec ou sans espace) et gros montants : tout sur une ligne, le
# tableau « Qui relancer d'abord » faisait 1 612 px dans une colonne de 938 px (montants hors de
# vue) ; imprimé, les colonnes après « 1 à 30 jours » sortaient de la page.
NOMS_LONGS = (
    "Code client;Raison sociale;N° facture;Date facture;Montant TTC;Montant HT\r\n"
    "CLI-000000000000000000001;Société Coopérative Agricole Intercommunale de Production et de Transformation "
    "des Produits Laitiers du Haut-Doubs et des Environs;FAC-2025-000000000000001;15/01/2025;12 345 678,90;10 288 065,75\r\n"
    f"C2;{'X' * 90};F2;01/03/2025;1 200,00;1 000,00\r\n"
    "C3;SARL-DUPONT-ET-FILS-MATERIAUX-CONSTRUCTION-BATIMENT-TRAVAUX-PUBLICS-GRAND-EST-INTERNATIONAL;F3;01/09/2025;600,00;500,00\r\n"
).encode()
# Lignes occupées par le texte d'une cellule (une boîte par ligne).
LIGNES_DE_TEXTE = "(el) => { const r = document.createRange(); r.selectNodeContents(el); return r.getClientRects().length; }"
# Largeur utile d'une page A4 (210 mm moins deux marges de 15 mm, impression.css) en pixels CSS.
A4_UTILE_PX = 680


def _tableaux_trop_larges(page, zone):
    return page.evaluate("""(zone) => [...document.querySelectorAll(zone + ' .calc-tableau')]
        .map((t) => [t.getAttribute('aria-label'), Math.round(t.querySelector('table').getBoundingClientRect().width),
                     t.clientWidth])
        .filter(([, table, cadre]) => table > cadre + 1)""", zone)


def test_poste_clients_noms_longs_a_la_ligne_montants_sur_une_ligne_rien_de_coupe_a_l_impression(page_calcul):
    page = page_calcul
    zone = "#resultat-portefeuille"
    taille = page.viewport_size
    page.set_viewport_size({"width": 1366, "height": 768})
    try:
        page.goto("calculateurs/poste-clients/")
        expect(page.locator("form.calc")).to_have_attribute("data-calc-state", "ready")
        page.get_by_label("Fichier à analyser").set_input_files(
            files=[{"name": "longs.csv", "mimeType": "text/csv", "buffer": NOMS_LONGS}])
        expect(page.locator(f"{zone}[data-resultat=ok]")).to_be_visible(timeout=120_000)
        assert _tableaux_trop_larges(page, zone) == []
        relancer = page.locator(f"{zone} .calc-tableau", has_text="Qui relancer d'abord")
        # Le nom passe à la ligne, le montant reste sur une seule.
        nom = relancer.locator("tbody th[scope=row][data-label='Client']").first
        montant = relancer.locator("tbody td.calc-num[data-label='Échu']").first
        assert nom.evaluate(LIGNES_DE_TEXTE) > 1
        assert montant.evaluate(LIGNES_DE_TEXTE) == 1
        # Une date reste entière.
        echeance = page.locator(f"{zone} .calc-tableau tbody td[data-label='Échéance']").first
        assert echeance.evaluate(LIGNES_DE_TEXTE) == 1

        page.emulate_media(media="print")
        page.set_viewport_size({"width": A4_UTILE_PX, "height": 1000})
        assert _tableaux_trop_larges(page, zone) == []
        # Le pied (« Total … ») une fois, à la fin du tableau, pas au bas de chaque page.
        pieds = page.locator(f"{zone} .calc-tableau tfoot").evaluate_all(
            "(l) => l.map((p) => getComputedStyle(p).display)")
        assert pieds and set(pieds) == {"table-row-group"}
    finally:
        page.emulate_media(media="screen")
        if taille:
            page.set_viewport_size(taille)
