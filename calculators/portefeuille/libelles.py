"""Les mots de l'écran et des exports CSV pour les codes des règles (tranches de la balance âgée,
pénalités non chiffrées, délais de paiement, lignes du tableau D441-6) : un export ne montre
jamais un code interne (« 91_plus », « avant_2013 », « 45jfdm »), et dit les choses comme l'écran."""

from __future__ import annotations

from ..commun import format_fr as fr
from .d441_6 import BANDES
from .dso import arrondi_jours
from .modele import CLIENTS
from .penalites import AVANT_2013, TAUX_INCONNU, acomptes_avant

LIBELLES_TRANCHES = {"non_echu": "Non échu", "1_30": "1 à 30 jours", "31_60": "31 à 60 jours",
                     "61_90": "61 à 90 jours", "91_plus": "Plus de 90 jours"}
# Colonnes du tableau D441-6 : les mots du modèle de l'annexe 4-1 (« 0 jour » y est indicatif).
LIBELLES_BANDES = {"0": "0 jour (indicatif)", "1_30": "1 à 30 jours", "31_60": "31 à 60 jours",
                   "61_90": "61 à 90 jours", "91_plus": "91 jours et plus"}
LIBELLES_DELAIS = {"60j": "60 jours après la date de facture", "45jfdm": "45 jours fin de mois (45 jours, puis fin "
                   "de mois)", "fdm45j": "45 jours fin de mois (fin de mois, puis 45 jours)",
                   "30j": "30 jours après la date de facture (délai supplétif)"}
# (C) du modèle de l'annexe 4-1 (arrêté du 20 mars 2017), sous le (B) de chaque tableau.
TITRE_C = "(C) Délais de paiement de référence utilisés pour le calcul des retards de paiement"


def en_jours(valeur) -> str:
    """Une durée en jours, arrondie au dixième ; « — » si elle n'existe pas.

    >>> from decimal import Decimal
    >>> en_jours(None), en_jours(Decimal("1.54")), en_jours(Decimal(2))
    ('—', '1,5 jour', '2,0 jours')
    """
    if valeur is None:
        return "—"
    arrondi = arrondi_jours(valeur)
    return f"{fr.nombre(arrondi, 1)} {'jour' if abs(arrondi) < 2 else 'jours'}"  # « 1,5 jour » : pluriel dès 2


def libelle_delai(code: str) -> str:
    if code in LIBELLES_DELAIS:
        return LIBELLES_DELAIS[code]
    return f"{fr.quantite(int(code[:-1]), 'jour')} après la date de facture"  # « 12j »


def remarque(p) -> str:
    """Pourquoi les pénalités d'une facture ne sont pas chiffrées, ou comment elles l'ont été (écran et CSV)."""
    if p.raison == AVANT_2013:
        return "facture émise avant le 01/01/2013 : règles antérieures (loi n° 2012-387), non chiffrées"
    if p.raison == TAUX_INCONNU:
        return f"aucun taux connu pour le {fr.date_courte(p.jour_sans_taux)}"
    notes = ((["en litige : hors total"] if p.litige else []) + (["par antériorité"] if p.poste.par_anteriorite else [])
             + (["taux non confirmé"] if p.non_confirme else []))
    if p.poste.perte:
        notes.append(f"passée en perte le {fr.date_courte(p.fin)}")
    if p.prescrite:
        notes.append("prescription possible (plus de cinq ans, L110-4)")
    if p.echeance_suivante:
        notes.append("indemnité de 40 € comptée sur une échéance antérieure de la facture")
    # Les règlements partiels réduisent la base des pénalités à leur date : sans eux, « Dû » et les
    # pénalités ne se recoupaient pas (1 800 € dus, pénalités d'un reste de 1 000 €).
    acomptes = acomptes_avant(p.poste, p.fin)
    if len(acomptes) == 1:
        notes.append(f"{fr.euros(acomptes[0].montant)} réglés le {fr.date_courte(acomptes[0].date)}, déduits à cette date")
    elif acomptes:
        notes.append(f"{len(acomptes)} règlements partiels ({fr.euros(sum(a.montant for a in acomptes))}), déduits "
                     f"chacun à sa date")
    return ", ".join(notes)


def delais_de_reference(r, cote: str) -> list:
    """(C) du modèle de l'annexe 4-1 pour un côté : « Délais contractuels : … » puis « Délais légaux :
    … », ceux qui ont servi à compter les retards (D441-6 IV : délais contractuels, à défaut légaux).

    Les échéances viennent du fichier (colonne d'un tableau de factures ; DateLimitReglmt que
    Dolibarr et ERPNext ajoutent au FEC, dont LPF art. A47 A-1 ne prévoit pas de colonne) : ce sont
    les délais du contrat. Le délai retenu sert aux factures qui n'en ont pas (`r.echeances` :
    lues et déduites, côté par côté). Le délai légal est le supplétif de 30 jours (C. com. art.
    L441-10 I al. 1, cité par la méthode avec les échéances calculées), retenu quand aucun délai
    n'est choisi ; tout autre délai choisi est celui du contrat. Des lignes courtes : chacune est
    une ligne du tableau."""
    g = r.reglages
    lues, deduites = r.echeances.get(cote, (0, 0))
    general = libelle_delai(g.delai.code) + (", à défaut d'échéance" if lues else "")
    legal = g.delai_par_defaut or g.delai.code == "30j"
    sert = deduites > 0 or not lues  # sans aucune facture de ce côté : le délai retenu, comme à défaut
    contractuels = ["échéances du fichier"] if lues else []
    if sert and not legal:
        contractuels.append(general)
    if sert and r.delais_propres and cote == CLIENTS:
        contractuels.append(f"{fr.quantite(r.delais_propres, 'client')} à délai propre")
    return ([f"Délais contractuels : {' ; '.join(contractuels)}"] if contractuels else []) + (
        [f"Délais légaux : {general}"] if sert and legal else [])


def _base(montant, unite: str = "") -> str:
    """La base d'un pourcentage, dite avec lui ; nulle ou négative, aucun pourcentage
    (`d441_6.pourcentage`)."""
    texte = fr.quantite(int(montant), unite) if unite else fr.euros(montant)
    return f"({texte})" if montant > 0 else f"({texte} : aucun pourcentage)"


def lignes_d441(t, cote: str, r=None) -> list:
    """Les lignes d'un tableau D441-6 (`TableauD441`) nommées comme dans le modèle de l'annexe 4-1,
    pour l'écran et le CSV : (libellé, nature, valeurs), les valeurs par tranche puis le total
    « 1 jour et plus » ; nature : "nombre", "montant", "pourcentage" (None : base nulle) ou
    "texte" (aucune valeur). Chaque pourcentage dit sa base, en euros ou en factures. Le (B) du
    modèle est un nombre et un montant pour tout le tableau : dans la colonne du total, les
    autres à None, pour qu'aucun ne se lise sous une tranche. Le (C), avec les résultats `r` :
    des lignes de texte, sans valeur (une phrase dans une colonne de montants élargissait le
    tableau hors de l'écran)."""
    emises = "émises" if cote == CLIENTS else "reçues"
    taxes = "HT" if t.ht else "TTC"
    cles = list(BANDES) + [None]
    cumuls = [t.total if c is None else t.bandes[c] for c in cles]
    nombres = ("Nombre de factures concernées", "nombre", [c.nombre for c in cumuls])
    montants = (f"Montant total des factures concernées ({taxes})", "montant", [c.montant for c in cumuls])
    if t.variante == "I":
        base = "chiffre d'affaires" if cote == CLIENTS else "montant des achats"
        lignes = [nombres, montants, (f"Pourcentage du {base} {taxes} de l'exercice {_base(t.base)}",
                                      "pourcentage", [t.pourcentage_montant(c) for c in cles])]
    else:
        lignes = [nombres, (f"Pourcentage du nombre de factures {emises} dans l'exercice "
                            f"{_base(t.base_nombre, 'facture')}", "pourcentage", [t.pourcentage_nombre(c) for c in cles]),
                  montants, (f"Pourcentage du montant des factures {emises} dans l'exercice {_base(t.base)}",
                             "pourcentage", [t.pourcentage_montant(c) for c in cles])]
    vides = [None] * len(BANDES)
    lignes += [("(B) Nombre des factures exclues (litigieuses)", "nombre", vides + [t.exclues.nombre]),
               ("(B) Montant total des factures exclues", "montant", vides + [t.exclues.montant])]
    if r is None:
        return lignes
    return lignes + [(texte, "texte", vides + [None]) for texte in [TITRE_C] + delais_de_reference(r, cote)]


def sans_les_non_chiffrees(n: int) -> str:
    """Ce que le total des pénalités omet (retard au-delà des taux connus, échéance d'avant 2013), dit là
    où le total est lu : sans cela, une date d'analyse plus lointaine donnait un total plus petit.

    >>> sans_les_non_chiffrees(0), sans_les_non_chiffrees(2)
    ('', ', sans les pénalités de 2 factures non chiffrées (voir les avertissements)')
    """
    if not n:
        return ""
    return f", sans les pénalités de {fr.quantite(n, 'facture')} non chiffrée{'s' if n > 1 else ''} (voir les avertissements)"
