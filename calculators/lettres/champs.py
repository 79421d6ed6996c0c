"""Lettres types remplies : saisies (texte) → contrôles → chiffres des calculateurs → Jinja2 → lettre.

Chaque lettre est un gabarit Jinja2 dans `calculators/lettres/` (données, pas code) qui étend
un gabarit commun. L'échappement automatique est actif : un champ qui contient du HTML ou de
la syntaxe de gabarit (« <script> », « {{ 7*7 }} ») ressort tel que tapé. Aucun montant n'est
calculé dans un gabarit : les pénalités et l'indemnité de 40 € viennent de
`calculators.api.run("penalites", …)`, l'échéancier de `run("echeancier", …)`, et la mise en
forme française de `calculators.format_fr`.

Jinja2 n'est importé qu'au rendu (`_environnement`) : le paquet et les autres calculateurs
s'importent sans lui, dans CPython comme dans Pyodide, où le worker ne charge jinja2 que
lorsqu'une lettre est demandée.

Champs (mêmes noms dans le formulaire, le fichier `--donnees` de la ligne de commande et
l'adresse) : `modele`, `creancier_nom`, `creancier_adresse`, `creancier_contact`,
`creancier_siren`, `debiteur_nom`, `debiteur_adresse`, `debiteur_interlocuteur`,
`debiteur_qualite`, `lieu`, `date_lettre`, `signataire`, `fonction`, `reference`, `taux`,
`delai`, `inclure_penalites`, `demarches`, `litige`, `plan_nombre` ou `plan_mensualite` (l'un
ou l'autre, comme dans le calculateur d'échéancier), `plan_premiere`, `plan_periodicite`,
`plan_acompte`, `plan_taux`, et `factures` : liste de `{numero, date, montant, echeance, paiement,
acomptes}` (dans l'adresse : `facture=N:DATE:MONTANT:ECHEANCE:PAIEMENT:ACOMPTES`).

`acomptes` (facultatif) : les paiements partiels d'une facture, au format du calculateur de
pénalités, `DATE:MONTANT`, en liste ou dans un seul texte séparés par « ; » ou des retours à la
ligne. Ils passent à `run("penalites", …)` avec la facture : le reste dû et les pénalités qui
en découlent sont ceux du calculateur.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import json
import re
import textwrap
from dataclasses import dataclass
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

from .commun import format_fr as fr
from .commun.erreurs import Collecteur, ErreurChamp, SaisieInvalide
from .odt import TYPE_MIME as TYPE_ODT
from .odt import document_odt
from .penalites import INDEMNITE_FORFAITAIRE
from .commun.saisie import aujourdhui as date_du_jour, lire_date, lire_montant, vide
from .commun.sources import source
from .taux import TauxInconnu, taux_interets_moratoires

if TYPE_CHECKING:  # argparse ne sert qu'à la ligne de commande
    import argparse

NOM = "lettre"
AIDE = "lettres types remplies (relances, mise en demeure, note de débit, échéancier, injonction de payer…)"
DOSSIER = Path(__file__).resolve().parent / "lettres"
DELAI_DEFAUT = 8  # jours laissés par une mise en demeure (usage : huit à quinze jours)
LONGUEUR_MAX = 2000  # caractères par champ : au-delà, presque sûrement un copier-coller égaré
FACTURES_MAX = 50
ACOMPTES_MAX = 20  # par facture
LARGEUR_TEXTE = 78


@dataclass(frozen=True)
class Modele:
    cle: str
    titre: str
    quand: str  # sa place dans la relance, reprise dans les notes
    champs_facture: tuple[str, ...]  # ce qui est exigé de chaque facture
    calcul: str | None = None  # "penalites" (L441-10), "moratoires" (R2192-31), "option" (case à cocher)
    echue: bool = True  # les factures doivent être échues à la date de la lettre (ou du paiement)
    exige: tuple[str, ...] = ("creancier_nom", "creancier_adresse", "debiteur_nom", "debiteur_adresse",
                              "signataire")
    sources: tuple[str, ...] = ()


MODELES = {m.cle: m for m in (
    Modele("rappel-avant-echeance", "Rappel amical avant l'échéance",
           "quelques jours avant l'échéance, pour un client nouveau, une grosse facture ou un client souvent en retard",
           ("numero", "montant", "echeance"), echue=False, exige=("creancier_nom", "debiteur_nom", "signataire")),
    Modele("relance-1", "Première relance (courtoise)",
           "le lendemain de l'échéance (J+1), par e-mail ou courrier simple",
           ("numero", "montant", "echeance"), calcul="option", exige=("creancier_nom", "debiteur_nom", "signataire"),
           sources=("L441-10", "D441-5")),
    Modele("relance-2", "Deuxième relance (ferme, relevé de compte joint)",
           "environ quinze jours après la première relance restée sans effet (J+15)",
           ("numero", "date", "montant", "echeance"), calcul="penalites", sources=("L441-10", "D441-5")),
    Modele("mise-en-demeure", "Mise en demeure de payer",
           "après les relances restées sans effet, en recommandé avec accusé de réception, avant toute procédure",
           ("numero", "date", "montant", "echeance"), calcul="penalites",
           sources=("1344", "1344-1", "L441-10", "D441-5", "CPC-1405")),
    Modele("note-de-debit", "Note de débit : pénalités de retard et indemnité forfaitaire",
           "après un paiement tardif, ou avec une relance, pour facturer les pénalités et l'indemnité de 40 €",
           ("numero", "date", "montant", "echeance"), calcul="penalites", sources=("L441-10", "D441-5")),
    Modele("echeancier", "Proposition d'échéancier et reconnaissance de dette",
           "quand le client de bonne foi ne peut pas tout payer d'un coup ; à faire signer par lui",
           ("numero", "montant", "echeance"), calcul="option", sources=("2240", "1376", "1343-1", "1343-5")),
    Modele("remerciement", "Remerciement après paiement",
           "à réception d'un paiement qui solde le dossier, surtout après des relances",
           ("numero", "montant"), echue=False, exige=("creancier_nom", "debiteur_nom", "signataire")),
    Modele("acheteur-public", "Demande d'intérêts moratoires à un acheteur public",
           "quand un acheteur public a payé, ou paie, après le délai de paiement de la commande publique",
           ("numero", "date", "montant", "echeance"), calcul="moratoires",
           sources=("L2192-13", "R2192-31", "D2192-35", "R2192-36")),
    Modele("mediateur", "Saisine du Médiateur des entreprises : les faits à préparer",
           "quand la relation mérite d'être préservée ou que le désaccord porte sur la prestation",
           ("numero", "date", "montant", "echeance"), calcul="penalites",
           exige=("creancier_nom", "debiteur_nom", "signataire"), sources=("MEDIATEUR", "L441-10", "D441-5")),
    Modele("injonction-de-payer", "Requête en injonction de payer : son contenu",
           "quand la mise en demeure est restée sans effet et que la créance n'est pas sérieusement contestée",
           ("numero", "date", "montant", "echeance"), calcul="penalites",
           sources=("CPC-1405", "CPC-1406", "D2026-96", "L441-10", "D441-5")),
)}

LIBELLES_FACTURE = {"numero": "le numéro", "date": "la date", "montant": "le montant TTC",
                    "echeance": "la date d'échéance", "paiement": "la date de paiement",
                    "acomptes": "les acomptes"}
LIBELLES = {
    "creancier_nom": "le nom de votre entreprise (créancier)",
    "creancier_adresse": "l'adresse de votre entreprise",
    "debiteur_nom": "le nom du client (débiteur)",
    "debiteur_adresse": "l'adresse du client",
    "signataire": "le nom du signataire",
}
CHAMPS_TEXTE = ("creancier_nom", "creancier_adresse", "creancier_contact", "creancier_siren", "debiteur_nom",
                "debiteur_adresse", "debiteur_interlocuteur", "lieu", "signataire", "fonction", "reference",
                "demarches", "litige")


def options(parseur: argparse.ArgumentParser) -> None:
    """Options de `python -m calculators lettre`."""
    parseur.add_argument("--modele", required=True, choices=list(MODELES), help="lettre à produire")
    parseur.add_argument("--donnees", required=True, metavar="FICHIER.json",
                         help="saisies au format JSON (mêmes noms que le formulaire ; « - » : entrée standard)")
    parseur.add_argument("--format", default="texte", choices=("texte", "html"),
                         help="texte (défaut) ou html (document complet, imprimable)")


def depuis_cli(args: argparse.Namespace) -> dict:
    """Fichier JSON → saisies ; une erreur de lecture devient une erreur de saisie nommée."""
    import sys

    try:
        brut = sys.stdin.read() if args.donnees == "-" else Path(args.donnees).read_text(encoding="utf-8")
        saisies = json.loads(brut)
        if not isinstance(saisies, dict):
            raise ValueError("l'objet JSON attendu est un dictionnaire { \"champ\": \"valeur\" }")
    except (OSError, ValueError) as exc:
        saisies = {"erreur_donnees": f"Fichier de données illisible ({args.donnees}) : {exc}"}
    saisies["modele"] = args.modele
    if args.format == "html":
        saisies["format_cli"] = "html"
    return saisies


# --- Lecture des saisies -------------------------------------------------------------------------


def _texte(payload: dict, champ: str, c: Collecteur) -> str:
    valeur = payload.get(champ)
    texte = "" if valeur is None else str(valeur).replace("\r\n", "\n").strip()
    if len(texte) > LONGUEUR_MAX:
        c.ajouter(champ, f"Ce champ dépasse {LONGUEUR_MAX} caractères : raccourcissez-le.")
        return texte[:LONGUEUR_MAX]
    return texte


def _lignes(texte: str) -> list[str]:
    return [ligne.strip() for ligne in texte.split("\n") if ligne.strip()]


def lire_facture(texte: str) -> dict:
    """« N:DATE:MONTANT:ECHEANCE[:PAIEMENT[:ACOMPTES]] » (adresse, ligne de commande) → champs séparés.

    Les acomptes viennent en dernier, car ils contiennent eux-mêmes des « : » (`DATE:MONTANT`,
    séparés par « ; ») ; un numéro de facture ne peut donc pas en contenir, comme dans la page.

    >>> lire_facture("F-12:2025-01-15:1 200,00:2025-02-14")
    {'numero': 'F-12', 'date': '2025-01-15', 'montant': '1 200,00', 'echeance': '2025-02-14', 'paiement': '', 'acomptes': ''}
    >>> lire_facture("F-12:2025-01-15:1200:2025-02-14::2025-03-01:200;2025-04-01:300")["acomptes"]
    '2025-03-01:200;2025-04-01:300'
    """
    morceaux = [m.strip() for m in str(texte).split(":", 5)]
    morceaux += [""] * (6 - len(morceaux))
    return dict(zip(("numero", "date", "montant", "echeance", "paiement", "acomptes"), morceaux))


def lire_acomptes(valeur) -> list:
    """Acomptes d'une facture : liste telle quelle, ou texte coupé aux « ; » et aux retours à la ligne.

    >>> lire_acomptes("15/12/2023:4 000,00 ; 2024-01-10:500\\n")
    ['15/12/2023:4 000,00', '2024-01-10:500']
    """
    if isinstance(valeur, (list, tuple)):
        return [a for a in valeur if not (isinstance(a, str) and vide(a))]
    if vide(valeur):
        return []
    return [a.strip() for a in re.split(r"[;\n]", str(valeur)) if a.strip()]


def _lire_entier(texte, champ: str, nom: str, minimum: int, maximum: int, c: Collecteur) -> int | None:
    brut = re.sub(r"[\s\u00a0\u202f]", "", str(texte))
    if not brut.isdigit() or not minimum <= int(brut) <= maximum:
        c.ajouter(champ, f"Saisissez {nom} en chiffres, de {minimum} à {maximum}.")
        return None
    return int(brut)


def _oui(valeur) -> bool:
    return str(valeur or "").strip().lower() in ("1", "true", "oui", "on", "yes")


@dataclass
class Facture:
    rang: int
    numero: str
    date: dt.date | None
    montant: Decimal
    echeance: dt.date | None
    paiement: dt.date | None
    acomptes: list = None  # saisies « DATE:MONTANT » (ou {date, montant}), passées telles quelles au calculateur
    calcul: dict | None = None  # résultat de run("penalites", …)
    penalites: dict | None = None  # le même, quand la lettre chiffre les pénalités


def _lire_factures(payload: dict, modele: Modele, date_lettre: dt.date | None, c: Collecteur) -> list[Facture]:
    brutes = payload.get("factures") or []
    if isinstance(brutes, (str, dict)):
        brutes = [brutes]
    factures = []
    lignes = [lire_facture(b) if isinstance(b, str) else (b if isinstance(b, dict) else {}) for b in brutes]
    lignes = [(rang, ligne) for rang, ligne in enumerate(lignes, start=1)
              if any(not vide(ligne.get(k)) for k in LIBELLES_FACTURE)]
    if not lignes:
        c.ajouter("factures", "Ajoutez au moins une facture : " + ", ".join(
            LIBELLES_FACTURE[k] for k in modele.champs_facture) + ".")
        return []
    if len(lignes) > FACTURES_MAX:
        c.ajouter("factures", f"Au plus {FACTURES_MAX} factures par lettre.")
        return []
    for rang, ligne in lignes:
        def champ(cle):
            return f"facture-{rang}-{cle}"
        nom = f"la facture n° {rang}"
        for cle in modele.champs_facture:
            if vide(ligne.get(cle)):
                pourquoi = " : une mise en demeure doit désigner précisément chaque créance" \
                    if modele.cle == "mise-en-demeure" and cle == "numero" else ""
                c.ajouter(champ(cle), f"Saisissez {LIBELLES_FACTURE[cle]} de {nom}{pourquoi}.")
        numero = str(ligne.get("numero") or "").strip()
        if len(numero) > 100:
            c.ajouter(champ("numero"), f"Le numéro de {nom} dépasse 100 caractères.")
        montant = None if vide(ligne.get("montant")) else c.lire(
            lire_montant, ligne.get("montant"), champ("montant"), f"le montant de {nom}")
        dates = {}
        for cle in ("date", "echeance", "paiement"):
            dates[cle] = None if vide(ligne.get(cle)) else c.lire(
                lire_date, ligne.get(cle), champ(cle), f"{LIBELLES_FACTURE[cle]} de {nom}")
        if dates["date"] and dates["echeance"] and dates["echeance"] < dates["date"]:
            c.ajouter(champ("echeance"), f"L'échéance de {nom} précède sa date d'émission : vérifiez les deux dates.")
        if dates["paiement"] and date_lettre and dates["paiement"] > date_lettre:
            c.ajouter(champ("paiement"), f"La date de paiement de {nom} est postérieure à la date de la lettre.")
        fin = dates["paiement"] or date_lettre
        if modele.echue and dates["echeance"] and fin and dates["echeance"] >= fin:
            quand = f"payée le {fr.date_courte(fin)}" if dates["paiement"] else f"au {fr.date_courte(fin)}"
            c.ajouter(champ("echeance"), f"La facture n° {rang} n'est pas en retard {quand} (échéance le "
                                         f"{fr.date_courte(dates['echeance'])}) : cette lettre vise des factures "
                                         f"échues ; pour une facture à venir, choisissez le rappel avant l'échéance.")
        acomptes = lire_acomptes(ligne.get("acomptes"))
        if acomptes and modele.cle == "remerciement":
            acomptes = []  # facture soldée : ses acomptes font partie du règlement remercié
        elif acomptes and not modele.echue:
            c.ajouter(champ("acomptes"), f"Les acomptes de {nom} ne sont repris que dans les lettres qui visent "
                                         f"des factures échues : pour le rappel avant l'échéance, saisissez le "
                                         f"montant restant dû.")
        elif len(acomptes) > ACOMPTES_MAX:
            c.ajouter(champ("acomptes"), f"Au plus {ACOMPTES_MAX} acomptes par facture ({nom}).")
        if montant is not None:
            factures.append(Facture(rang, numero, dates["date"], montant, dates["echeance"], dates["paiement"],
                                    acomptes))
    return factures


def _penalites(factures: list[Facture], payload: dict, date_lettre: dt.date, moratoires: bool,
               avec_calcul: bool, c: Collecteur) -> None:
    """Pénalités de chaque facture par le calculateur de pénalités lui-même (`run`), jamais recalculées.

    Une facture qui a des acomptes passe toujours par le calculateur, même quand la lettre ne
    chiffre pas les pénalités : le reste dû est alors le sien (`principal_restant`).
    """
    from .api import run

    for f in factures:
        if f.echeance is None or not (avec_calcul or f.acomptes):
            continue
        fin = f.paiement or date_lettre
        saisies = {"montant": str(f.montant), "echeance": f.echeance.isoformat(), "paiement": fin.isoformat(),
                   "aujourdhui": date_lettre.isoformat(), "prolonger": payload.get("prolonger", ""),
                   "acomptes": f.acomptes}
        if moratoires:
            try:
                saisies["taux"] = str(taux_interets_moratoires(f.echeance + dt.timedelta(days=1)).valeur)
            except TauxInconnu:
                c.ajouter(f"facture-{f.rang}-echeance",
                          f"Le taux BCE du semestre où commencent les intérêts moratoires de la facture n° {f.rang} "
                          f"n'est pas encore connu.")
                continue
        elif not vide(payload.get("taux")):
            saisies["taux"] = payload.get("taux")
        resultat = run("penalites", saisies)
        if not resultat["ok"]:
            for erreur in resultat["erreurs"]:
                if erreur["field"].startswith("acompte-"):
                    c.ajouter(f"facture-{f.rang}-acomptes", f"Facture n° {f.rang} : {erreur['message']}")
                    continue
                champ = {"montant": f"facture-{f.rang}-montant", "echeance": f"facture-{f.rang}-echeance",
                         "taux": "taux", "paiement": f"facture-{f.rang}-paiement" if f.paiement else "date_lettre",
                         }.get(erreur["field"], erreur["field"])
                c.ajouter(champ, f"Facture n° {f.rang} : {erreur['message']}")
            continue
        f.calcul = resultat
        f.penalites = resultat if avec_calcul else None


def _plan(payload: dict, total: Decimal, date_lettre: dt.date, c: Collecteur) -> dict | None:
    """Échéancier par le calculateur d'échéancier (`run`) : nombre d'échéances, ou montant de chacune."""
    from .api import run

    saisies = {"montant": str(total), "nombre": payload.get("plan_nombre", ""),
               "mensualite": payload.get("plan_mensualite", ""), "premiere": payload.get("plan_premiere", ""),
               "periodicite": payload.get("plan_periodicite") or "mensuelle", "acompte": payload.get("plan_acompte", ""),
               "taux": payload.get("plan_taux", ""), "aujourdhui": date_lettre.isoformat()}
    if vide(saisies["nombre"]) and vide(saisies["mensualite"]):
        c.ajouter("plan_nombre", "Saisissez le nombre d'échéances proposées, ou bien le montant de chaque échéance.")
    if vide(saisies["premiere"]):
        c.ajouter("plan_premiere", "Saisissez la date de la première échéance, par exemple 31/01/2027.")
    if c.a_des_erreurs("plan_nombre", "plan_premiere"):
        return None
    resultat = run("echeancier", saisies)
    if not resultat["ok"]:
        for erreur in resultat["erreurs"]:
            champ = {"montant": "factures", "nombre": "plan_nombre", "premiere": "plan_premiere",
                     "periodicite": "plan_periodicite", "acompte": "plan_acompte", "taux": "plan_taux",
                     "mensualite": "plan_mensualite", "methode": "plan_nombre"}.get(erreur["field"], erreur["field"])
            c.ajouter(champ, f"Échéancier : {erreur['message']}")
        return None
    return resultat


def _lire(payload: dict) -> dict:
    c = Collecteur()
    if payload.get("erreur_donnees"):
        c.ajouter("donnees", payload["erreur_donnees"])
        c.lever_si_erreurs()
    cle = str(payload.get("modele") or "").strip()
    modele = MODELES.get(cle)
    if modele is None:
        c.ajouter("modele", "Choisissez une lettre : " + ", ".join(MODELES) + ".")
        c.lever_si_erreurs()
    textes = {champ: _texte(payload, champ, c) for champ in CHAMPS_TEXTE}
    for champ in modele.exige:
        if not textes[champ]:
            c.ajouter(champ, f"Saisissez {LIBELLES[champ]} : cette lettre ne peut pas s'en passer.")
    aujourdhui = date_du_jour(payload)
    date_lettre = aujourdhui if vide(payload.get("date_lettre")) else c.lire(
        lire_date, payload.get("date_lettre"), "date_lettre", "la date de la lettre")
    delai = DELAI_DEFAUT
    if not vide(payload.get("delai")):
        delai = _lire_entier(payload.get("delai"), "delai", "le délai laissé pour payer (jours)", 1, 90, c)
    qualite = str(payload.get("debiteur_qualite") or "commercant").strip()
    if qualite not in ("commercant", "autre"):
        c.ajouter("debiteur_qualite", "Choisissez « commerçant ou société commerciale » ou « autre professionnel ».")
    factures = _lire_factures(payload, modele, date_lettre, c)
    avec_calcul = modele.calcul in ("penalites", "moratoires") or (
        modele.calcul == "option" and _oui(payload.get("inclure_penalites")))
    c.lever_si_erreurs()
    if avec_calcul or any(f.acomptes for f in factures):
        _penalites(factures, payload, date_lettre, modele.calcul == "moratoires", avec_calcul, c)
    c.lever_si_erreurs()
    return dict(modele=modele, textes=textes, date_lettre=date_lettre, delai=delai, qualite=qualite,
                factures=factures, avec_calcul=avec_calcul)


# --- Contexte du gabarit : uniquement des textes déjà mis en forme ------------------------------------


def _somme(valeurs) -> Decimal:
    return sum(valeurs, Decimal("0.00"))


def _restant(f: Facture) -> Decimal:
    """Principal de la facture encore dû avant son paiement : celui du calculateur s'il y a des acomptes."""
    return Decimal(f.calcul["principal_restant"]) if f.calcul and f.acomptes else f.montant


def _contexte(e: dict, payload: dict, c: Collecteur) -> tuple[dict, dict]:
    """Saisies lues → (contexte du gabarit, valeurs exactes pour le JSON)."""
    modele: Modele = e["modele"]
    t = e["textes"]
    date_lettre: dt.date = e["date_lettre"]
    factures: list[Facture] = e["factures"]
    principal = _somme(f.montant for f in factures)
    penalites = _somme(Decimal(f.penalites["penalites"]) for f in factures if f.penalites)
    indemnites = _somme(Decimal(f.penalites["indemnite_forfaitaire"]) for f in factures if f.penalites)
    impayees = [f for f in factures if not f.paiement]
    restants = {f.rang: _restant(f) for f in factures}
    principal_du = _somme(restants[f.rang] for f in impayees)
    accessoires = penalites + indemnites
    total = principal_du + accessoires
    lignes = []
    for f in factures:
        p = f.penalites
        taux = ""
        if p and p["periodes"]:
            taux = " puis ".join(dict.fromkeys(fr.pourcent(Decimal(x["taux"])) for x in p["periodes"]))
        lignes.append({
            "numero": f.numero, "date": fr.date_courte(f.date) if f.date else "",
            "montant": fr.euros(f.montant), "echeance": fr.date_courte(f.echeance) if f.echeance else "",
            "paiement": fr.date_courte(f.paiement) if f.paiement else "",
            "jours": str(p["jours_retard"]) if p else (
                str(max((date_lettre - f.echeance).days, 0)) if f.echeance else ""),
            "penalites": fr.euros(Decimal(p["penalites"])) if p else "",
            "indemnite": fr.euros(Decimal(p["indemnite_forfaitaire"])) if p else "",
            "taux": taux,
            "acomptes": [f"{fr.euros(Decimal(a['montant']))} le {fr.date_courte(dt.date.fromisoformat(a['date']))}"
                         for a in (f.calcul["acomptes"] if f.calcul else [])],
            "reste": fr.euros(Decimal("0.00") if f.paiement else restants[f.rang]),
        })
    contrat = not vide(payload.get("taux"))
    if modele.calcul == "moratoires":
        taux_libelle = ("taux de la BCE en vigueur au premier jour du semestre où les intérêts ont commencé à courir, "
                        "majoré de huit points (art. R2192-31 du Code de la commande publique)")
    elif contrat:
        taux_libelle = "taux prévu à nos conditions générales de vente"
    else:
        taux_libelle = ("taux de la BCE à son opération de refinancement la plus récente, majoré de dix points "
                        "(art. L441-10 II du Code de commerce)")
    echeances_non_couvertes = [f for f in factures if f.penalites and not f.penalites["periodes"]]
    date_limite = date_lettre + dt.timedelta(days=e["delai"])
    ctx = {
        "titre": modele.titre,
        "modele": modele.cle,
        "creancier": {"nom": t["creancier_nom"], "adresse": _lignes(t["creancier_adresse"]),
                      "contact": _lignes(t["creancier_contact"]), "siren": t["creancier_siren"]},
        "debiteur": {"nom": t["debiteur_nom"], "adresse": _lignes(t["debiteur_adresse"]),
                     "interlocuteur": t["debiteur_interlocuteur"],
                     "commercant": e["qualite"] == "commercant"},
        "lieu": t["lieu"], "date_lettre": fr.date_longue(date_lettre),
        "signataire": t["signataire"], "fonction": t["fonction"], "reference": t["reference"],
        "demarches": _lignes(t["demarches"]), "litige": _lignes(t["litige"]),
        "factures": lignes, "plusieurs": len(factures) > 1, "nombre_factures": str(len(factures)),
        "avec_acomptes": any(f.acomptes for f in factures),
        "avec_calcul": e["avec_calcul"],
        "taux_libelle": taux_libelle,
        "arrete": fr.date_longue(date_lettre),
        "delai": str(e["delai"]), "date_limite": fr.date_longue(date_limite),
        "totaux": {
            "principal": fr.euros(principal), "principal_du": fr.euros(principal_du),
            "penalites": fr.euros(penalites), "indemnites": fr.euros(indemnites),
            "accessoires": fr.euros(accessoires), "total": fr.euros(total),
            "nombre_indemnites": str(sum(1 for f in factures if f.penalites and
                                         Decimal(f.penalites["indemnite_forfaitaire"]))),
        },
        "tout_paye": not impayees,
        # Indemnité forfaitaire de D441-5 (et D2192-35), en lettres et en chiffres, pour les mentions.
        "indemnite_unitaire": {"chiffres": fr.euros(INDEMNITE_FORFAITAIRE),
                               "lettres": fr.montant_en_lettres(INDEMNITE_FORFAITAIRE)},
        "sans_retard": bool(echeances_non_couvertes),
    }
    plan = None
    if modele.cle == "echeancier":
        a_etaler = total if e["avec_calcul"] else principal_du
        plan = _plan(payload, a_etaler, date_lettre, c)
        c.lever_si_erreurs()
        ctx["plan"] = {
            "montant": fr.euros(Decimal(plan["montant"])),
            "montant_lettres": fr.montant_en_lettres(Decimal(plan["montant"])),  # C. civ. art. 1376
            "acompte": fr.euros(Decimal(plan["acompte"])),
            "avec_acompte": Decimal(plan["acompte"]) > 0, "nombre": str(plan["nombre"]),
            "taux": fr.pourcent(Decimal(plan["taux"])), "avec_taux": Decimal(plan["taux"]) > 0,
            "total_paye": fr.euros(Decimal(plan["total_paye"])),
            "echeances": [{"rang": str(x["rang"]), "date": fr.date_courte(dt.date.fromisoformat(x["date"])),
                           "montant": fr.euros(Decimal(x["montant"]))} for x in plan["echeances"]],
            "premiere": fr.date_longue(dt.date.fromisoformat(plan["premiere"])),
            "derniere": fr.date_longue(dt.date.fromisoformat(plan["derniere"])),
        }
    exact = {"principal": str(principal), "principal_du": str(principal_du), "penalites": str(penalites),
             "indemnites": str(indemnites), "accessoires": str(accessoires), "total": str(total), "date_lettre": date_lettre.isoformat(),
             "date_limite": date_limite.isoformat() if modele.cle == "mise-en-demeure" else None,
             "factures": [{"numero": f.numero, "montant": str(f.montant),
                           "acomptes": f.calcul["acomptes"] if f.calcul else [],
                           "principal_restant": str(Decimal("0.00") if f.paiement else restants[f.rang]),
                           "echeance": f.echeance.isoformat() if f.echeance else None,
                           "paiement": f.paiement.isoformat() if f.paiement else None,
                           "jours_retard": f.penalites["jours_retard"] if f.penalites else None,
                           "penalites": f.penalites["penalites"] if f.penalites else None,
                           "indemnite_forfaitaire": f.penalites["indemnite_forfaitaire"] if f.penalites else None}
                          for f in factures],
             "echeancier": None if plan is None else {k: v for k, v in plan.items() if k != "affichage"}}
    return ctx, exact


# --- Rendu ------------------------------------------------------------------------------------------


def _environnement():
    import jinja2  # ici seulement : les autres calculateurs n'en ont pas besoin

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(DOSSIER)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def rendre(modele: str, contexte: dict) -> str:
    """Fragment HTML de la lettre (échappement automatique)."""
    return _environnement().get_template(f"{modele}.html.j2").render(contexte)


def document_html(fragment: str, titre: str) -> str:
    """Document HTML complet, autonome et imprimable (A4), autour du fragment déjà échappé."""
    import markupsafe

    return _environnement().get_template("_document.html.j2").render(
        titre=titre, contenu=markupsafe.Markup(fragment))


_ESPACES_ASCII = re.compile(r"[ \t\n\r\f\v]+")  # pas \s : les espaces insécables de format_fr restent


def _serrer(texte: str) -> str:
    return _ESPACES_ASCII.sub(" ", texte).strip()


class _VersTexte(HTMLParser):
    """HTML de la lettre → texte brut : paragraphes coupés à 78 colonnes, tableaux alignés."""

    BLOCS = {"p", "div", "h1", "h2", "h3", "li", "section", "header", "footer", "address", "tr", "table", "ul", "ol"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocs: list[tuple[str, str]] = []  # (genre, texte)
        self.courant: list[str] = []
        self.pile: list[tuple[str, str]] = []
        self.table: list[list[str]] | None = None
        self.cellule: list[str] | None = None
        self.portee = 1  # colspan de la cellule en cours
        self.legende: list[str] | None = None

    def _classe(self) -> str:
        return " ".join(cl for _, cl in self.pile)

    def _vider(self):
        texte = "".join(self.courant)
        self.courant = []
        if texte.strip():
            genre = "li" if self.pile and self.pile[-1][0] == "li" else "p"
            if "lettre-destinataire" in self._classe():
                genre = "droite"
            if "lettre-lieu-date" in self._classe() or "lettre-signature" in self._classe():
                genre = "droite" if "lettre-lieu-date" in self._classe() else "p"
            self.blocs.append((genre, texte))

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            self.courant.append("\n")
            return
        if tag == "table":
            self._vider()
            self.table = []
        elif tag == "tr" and self.table is not None:
            self.table.append([])
        elif tag in ("td", "th") and self.table is not None:
            self.cellule = []
            portee = str(dict(attrs).get("colspan") or "1")
            self.portee = int(portee) if portee.isdigit() and int(portee) > 0 else 1
        elif tag == "caption":
            self.legende = []
        elif tag in self.BLOCS:
            self._vider()
        self.pile.append((tag, dict(attrs).get("class") or ""))

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cellule is not None and self.table is not None:
            self.table[-1].append((_serrer("".join(self.cellule)), self.portee))
            self.cellule = None
        elif tag == "caption" and self.legende is not None:
            self.blocs.append(("p", _serrer("".join(self.legende))))
            self.legende = None
        elif tag == "table" and self.table is not None:
            self.blocs.append(("table", self.table))
            self.table = None
        elif tag in self.BLOCS and self.table is None:
            self._vider()
        for i in range(len(self.pile) - 1, -1, -1):
            if self.pile[i][0] == tag:
                del self.pile[i:]
                break

    def handle_data(self, data):
        if self.cellule is not None:
            self.cellule.append(data)
        elif self.legende is not None:
            self.legende.append(data)
        elif self.table is None:
            self.courant.append(_ESPACES_ASCII.sub(" ", data))  # comme en HTML : seul <br> coupe la ligne

    def texte(self) -> str:
        self._vider()
        sortie = []
        for genre, contenu in self.blocs:
            if genre == "table":
                sortie.append(tableau_texte([l for l in contenu if l]))
                continue
            morceaux = []
            # Bloc à droite (destinataire, lieu et date) : retrait de 40 colonnes, réduit pour que la
            # plus longue ligne du bloc tienne ; coupé seulement si elle dépasse la largeur.
            retrait = " " * max(0, min(40, LARGEUR_TEXTE - max(len(_serrer(l)) for l in contenu.split("\n"))))
            for ligne in contenu.split("\n"):
                ligne = _serrer(ligne)
                if genre == "li":
                    morceaux += textwrap.wrap(ligne, LARGEUR_TEXTE, initial_indent="- ", subsequent_indent="  ") or [""]
                elif genre == "droite":
                    morceaux += textwrap.wrap(ligne, LARGEUR_TEXTE, initial_indent=retrait, subsequent_indent=retrait,
                                              break_on_hyphens=False) or [""]
                else:
                    morceaux += textwrap.wrap(ligne, LARGEUR_TEXTE, break_on_hyphens=False) or [""]
            sortie.append("\n".join(morceaux))
        texte = "\n\n".join(sortie)
        # Les puces d'une même liste restent groupées.
        texte = re.sub(r"\n\n(?=- )", "\n", texte)
        return texte + "\n"


GOUTTIERE = "  "  # entre deux colonnes d'un tableau en texte
RETRAIT = "  "  # suite d'une cellule coupée sur plusieurs lignes


def _plus_long_mot(texte: str) -> int:
    # Les espaces insécables de format_fr ne coupent pas : « 10 000,00 € » reste d'un bloc.
    return max((len(mot) for mot in _ESPACES_ASCII.split(texte)), default=0)


def _ajuster(naturelles: list[int], minimales: list[int], largeur: int) -> list[int]:
    """Rétrécit la colonne la plus large (sans passer sous son minimum) jusqu'à tenir dans `largeur`."""
    largeurs = list(naturelles)
    while sum(largeurs) + len(GOUTTIERE) * (len(largeurs) - 1) > largeur:
        marges = [l - m for l, m in zip(largeurs, minimales)]
        if max(marges) <= 0:
            break
        i = max(range(len(largeurs)), key=lambda j: (largeurs[j] if marges[j] > 0 else -1, -j))
        largeurs[i] -= 1
    return largeurs


def tableau_texte(lignes: list[list[tuple[str, int]]], largeur: int = LARGEUR_TEXTE) -> str:
    """Tableau en texte brut, colonnes alignées, en `largeur` colonnes si possible.

    Un tableau qui tient est aligné tel quel. Sinon, les cellules les plus longues sont coupées
    sur plusieurs lignes (la suite en retrait de deux espaces ; un montant n'est jamais coupé, ni
    la première colonne si elle tient dans une demi-largeur) ;
    et si même ainsi le tableau déborde, il est découpé en plusieurs tableaux successifs qui
    répètent la première colonne (le numéro de facture). `lignes` : cellules `(texte, colspan)`.

    >>> print(tableau_texte([[("Libellé assez long pour être coupé en deux", 1), ("1\u00a0000,00\u00a0€", 1)],
    ...                      [("Total", 1), ("2\u00a0000,00\u00a0€", 1)]], largeur=30))
    Libellé assez long  1\u00a0000,00\u00a0€
      pour être coupé
      en deux
    Total               2\u00a0000,00\u00a0€
    """
    n = max(sum(p for _, p in ligne) for ligne in lignes)
    grille = []  # par ligne : (première colonne, nombre de colonnes, texte)
    for ligne in lignes:
        colonne, cases = 0, []
        for texte, portee in ligne:
            cases.append((colonne, min(portee, n - colonne), texte))
            colonne += portee
        grille.append(cases)
    naturelles, minimales = [0] * n, [0] * n
    for cases in grille:
        for debut, portee, texte in cases:
            if portee == 1:
                naturelles[debut] = max(naturelles[debut], len(texte))
                minimales[debut] = max(minimales[debut], min(len(texte), _plus_long_mot(texte) + len(RETRAIT)))
    for cases in grille:  # une cellule fusionnée élargit au besoin sa dernière colonne
        for debut, portee, texte in cases:
            if portee > 1:
                place = sum(naturelles[debut:debut + portee]) + len(GOUTTIERE) * (portee - 1)
                naturelles[debut + portee - 1] += max(0, len(texte) - place)
                minimales[debut + portee - 1] = max(minimales[debut + portee - 1], naturelles[debut + portee - 1]
                                                    - max(0, place - _plus_long_mot(texte) - len(RETRAIT)))

    if naturelles[0] <= largeur // 2:  # la première colonne (numéro de facture) n'est pas coupée, sauf très longue
        minimales[0] = naturelles[0]

    # Groupes de colonnes : tous si le tableau peut tenir, sinon la première colonne répétée.
    def tient(colonnes):
        return sum(minimales[i] for i in colonnes) + len(GOUTTIERE) * (len(colonnes) - 1) <= largeur

    groupes = [list(range(n))]
    if not tient(groupes[0]):
        groupes, courant = [], [0]
        for i in range(1, n):
            if len(courant) > 1 and not tient(courant + [i]):
                groupes.append(courant)
                courant = [0]
            courant.append(i)
        groupes.append(courant)
    morceaux = []
    for colonnes in groupes:
        largeurs = dict(zip(colonnes, _ajuster([naturelles[i] for i in colonnes], [minimales[i] for i in colonnes],
                                               largeur)))
        rendu = []
        for cases in grille:
            blocs = []
            for debut, portee, texte in cases:
                visibles = [i for i in range(debut, debut + portee) if i in largeurs]
                if not visibles:
                    continue
                if visibles[0] != debut:  # cellule fusionnée coupée par le découpage : rien à répéter
                    texte = ""
                place = sum(largeurs[i] for i in visibles) + len(GOUTTIERE) * (len(visibles) - 1)
                blocs.append((place, textwrap.wrap(texte, place, subsequent_indent=RETRAIT, break_long_words=False,
                                                   break_on_hyphens=False) or [""]))
            hauteur = max((len(b) for _, b in blocs), default=0)
            for k in range(hauteur):
                rendu.append(GOUTTIERE.join((b[k] if k < len(b) else "").ljust(place) for place, b in blocs).rstrip())
        morceaux.append("\n".join(rendu))
    return "\n\n".join(morceaux)


def vers_texte(fragment: str) -> str:
    """Version texte d'un fragment HTML de lettre.

    >>> print(vers_texte("<p>Madame, Monsieur &lt;Dupont&gt;,</p><ul><li>un</li><li>deux</li></ul>"), end="")
    Madame, Monsieur <Dupont>,
    - un
    - deux
    """
    analyse = _VersTexte()
    analyse.feed(fragment)
    analyse.close()
    return analyse.texte()


def _nom_fichier(modele: str, ctx: dict, date_lettre: str) -> str:
    numeros = "-".join(f["numero"] for f in ctx["factures"][:3])
    base = re.sub(r"[^A-Za-z0-9._-]+", "-", f"{modele}-{numeros}".strip("-")).strip("-")[:80]
    return f"{base or modele}-{date_lettre}"


# --- Point d'entrée -----------------------------------------------------------------------------------


def executer(payload: dict) -> dict:
    """Point d'entrée du calculateur (voir `calculators.api.run`)."""
    e = _lire(payload)
    c = Collecteur()
    ctx, exact = _contexte(e, payload, c)
    modele: Modele = e["modele"]
    fragment = rendre(modele.cle, ctx)
    document = document_html(fragment, f"{modele.titre} — {ctx['creancier']['nom']}")
    texte = vers_texte(fragment)
    # .odt : octets (zip), transportés en base64 dans le JSON comme dans `affichage.fichiers`.
    odt = base64.b64encode(document_odt(fragment, f"{modele.titre} — {ctx['creancier']['nom']}")).decode("ascii")
    donnees = {"ok": True, "calculateur": NOM, "modele": modele.cle, "titre": modele.titre, **exact,
               "texte": texte, "html": document, "odt_base64": odt,
               "sources": [source(cle) for cle in modele.sources]}
    donnees["affichage"] = affichage(modele, ctx, donnees, fragment, payload)
    if payload.get("format_cli") == "html":  # `--format html` : la ligne de commande imprime `texte`
        donnees["affichage"]["texte"] = document
    return donnees


def _avertissements(modele: Modele, ctx: dict, donnees: dict) -> list[str]:
    messages = []
    for f in donnees["factures"]:
        if f["penalites"] is not None and f["jours_retard"] == 0:
            messages.append(f"La facture {f['numero']} n'a aucun jour de retard : ni pénalités ni indemnité.")
    if modele.cle in ("relance-2", "mise-en-demeure", "injonction-de-payer", "mediateur") and ctx["tout_paye"]:
        messages.append("Toutes les factures sont marquées comme payées : seuls les pénalités et l'indemnité "
                        "restent dus. La note de débit est sans doute la lettre qu'il vous faut.")
    if modele.cle == "rappel-avant-echeance":
        for f in donnees["factures"]:
            if f["echeance"] and f["echeance"] < donnees["date_lettre"]:
                messages.append(f"La facture {f['numero']} est déjà échue : envoyez plutôt la première relance.")
    if modele.calcul == "moratoires":
        messages.append("Taux des intérêts moratoires : un seul taux pour tout le retard (R2192-31). Le délai de "
                        "paiement d'un acheteur public court de la réception de la demande de paiement : saisissez "
                        "comme échéance la date limite ainsi calculée (calculateur de délai de paiement).")
    return messages


def affichage(modele: Modele, ctx: dict, donnees: dict, fragment: str, payload: dict) -> dict:
    """Ce que la page montre : la lettre (aperçu HTML échappé), son résumé, ses fichiers."""
    avec_chiffres = ctx["avec_calcul"]
    resume = [{"libelle": "Lettre", "valeur": modele.titre, "cle": "modele"},
              {"libelle": "Factures", "valeur": ctx["nombre_factures"], "cle": "factures"},
              {"libelle": "Principal restant dû", "valeur": ctx["totaux"]["principal_du"], "cle": "principal"}]
    if avec_chiffres:
        libelle_p = "Intérêts moratoires" if modele.calcul == "moratoires" else "Pénalités de retard"
        resume += [{"libelle": f"{libelle_p} au {fr.date_courte(e_date(donnees))}", "valeur": ctx["totaux"]["penalites"],
                    "cle": "penalites"},
                   {"libelle": "Indemnités forfaitaires (40 € par facture)", "valeur": ctx["totaux"]["indemnites"],
                    "cle": "indemnites"},
                   {"libelle": "Total réclamé", "valeur": ctx["totaux"]["total"], "cle": "total"}]
    phrase = (f"Votre lettre « {modele.titre} » est prête : relisez-la dans l'aperçu ci-dessous, puis imprimez-la, "
              f"copiez-la ou téléchargez-la. À envoyer {modele.quand}.")
    notes = [
        "Les montants viennent des calculateurs du site (pénalités de retard, échéancier) : les mêmes fonctions, "
        "les mêmes arrondis. Aucun chiffre n'est calculé dans le modèle de lettre.",
        "Rien de ce que vous avez tapé n'a quitté votre navigateur : la lettre est produite par Python (Jinja2) "
        "dans la page. Relisez-la et adaptez-la : elle ne remplace pas le conseil d'un avocat.",
    ]
    base = _nom_fichier(modele.cle, ctx, donnees["date_lettre"])
    rendu = {
        "titre": modele.titre,
        "phrase": phrase,
        "resume": resume,
        "tableaux": [],
        "avertissements": _avertissements(modele, ctx, donnees),
        "notes": notes,
        "sources": donnees["sources"],
        "apercu_html": fragment,
        "fichiers": [
            {"nom": f"{base}.txt", "type": "text/plain;charset=utf-8", "libelle": "Télécharger (.txt)",
             "contenu": donnees["texte"]},
            {"nom": f"{base}.html", "type": "text/html;charset=utf-8", "libelle": "Télécharger (.html)",
             "contenu": donnees["html"]},
            {"nom": f"{base}.odt", "type": TYPE_ODT, "libelle": "Télécharger (.odt, traitement de texte)",
             "contenu": donnees["odt_base64"], "encodage": "base64"},
        ],
        "texte": donnees["texte"],
    }
    return rendu


def e_date(donnees: dict) -> dt.date:
    return dt.date.fromisoformat(donnees["date_lettre"])
