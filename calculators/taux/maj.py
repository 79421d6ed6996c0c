"""Mise à jour des tables de taux depuis les fichiers officiels : `python -m calculators.taux.maj`.

    python -m calculators.taux.maj --bce MRR_FR.csv --legal webstat.csv [--ecrire]
        [--extrait-le AAAA-MM-JJ] [--serie-particuliers CLÉ --serie-autres CLÉ]

(`make taux BCE=… LEGAL=…` ; `ECRIRE=1` pour enregistrer.) Les formats lus et les contrôles
sont décrits dans `calculators.taux.officiel`. Par défaut rien n'est écrit : la commande
affiche ce qui changerait. Avec `--ecrire`, elle réécrit `calculators/data/taux_bce.json` et
`taux_legal.json`. Règles de fusion :

- une ligne lue dans le fichier officiel devient `confirme: true`, avec pour `source` le
  fichier et sa date d'extraction, et une `citation` officielle ; une ligne déjà confirmée et
  identique n'est pas touchée (sa note de recherche reste) ;
- BCE : la série liste chaque changement ; une ligne non confirmée de la table datée entre le
  début du fichier et sa date d'extraction mais absente du fichier est retirée (la BCE n'a rien
  changé ce jour-là), à condition que le fichier aille au-delà (un changement plus récent).
  Sinon le fichier est refusé, dates à l'appui : l'export officiel donne toute la série depuis
  1999, une ligne confirmée qui y manque ou un fichier qui s'arrête avant une ligne de la table
  signale un fichier tronqué (ou une série pas encore mise à jour), pas un taux à effacer. Le
  taux en vigueur au 1er jour d'un semestre n'est connu qu'une fois ce jour passé : la table
  couvre jusqu'à la fin du semestre de la date d'extraction ;
- taux légal : chaque semestre du fichier remplace ou complète la ligne de même période ; aucune
  ligne n'est retirée (un fichier tronqué laisse donc la table intacte) ; la table couvre
  jusqu'à la fin du dernier semestre publié ;
- un fichier qui commence après la dernière ligne confirmée de la table est refusé : il
  laisserait un trou ; `couvre_jusqu_au` n'avance jamais à reculons.

Code de sortie : 0, ou 2 si un fichier, une option ou une table est refusé, ou si l'écriture
échoue (message en français sur la sortie d'erreur). `python -m calculators.taux` lance la même
commande.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import os
import sys
from pathlib import Path

from ..commun import format_fr as fr
from ..commun.argparse_fr import franciser  # même réponse qu'à `python -m calculators` pour une option mal écrite
from ..commun.erreurs import cause_systeme
from . import Semestre
from .officiel import (SERIE_BCE, FichierInvalide, Observation, Periode, date_aaaa_mm_jj, lire_bce,
                       lire_legal)

DOSSIER_DONNEES = Path(__file__).resolve().parent.parent / "data"
UN_JOUR = dt.timedelta(days=1)


class Refus(Exception):
    """Une option ou une table refusée (pas un fichier officiel) : le message dit quoi corriger."""


# Ce que la fusion lit dans chaque table : la liste des lignes, leurs dates et leurs valeurs.
_FORME = {"taux_bce": ("taux", ("depuis",), ("taux", "confirme")),
          "taux_legal": ("periodes", ("du", "au"), ("particuliers", "professionnels", "confirme"))}


def charger_table(dossier: Path, nom: str) -> dict:
    """Table lue et vérifiée ; `Refus` (message en français) si elle est illisible ou mal formée."""
    chemin = dossier / f"{nom}.json"
    try:
        with open(chemin, encoding="utf-8") as fichier:
            table = json.load(fichier)
    except OSError as exc:
        raise Refus(f"impossible de lire la table {chemin} : {cause_systeme(exc)}.") from None
    except ValueError as exc:  # JSON invalide, ou fichier qui n'est pas en UTF-8
        detail = f"ligne {exc.lineno}, colonne {exc.colno}" if isinstance(exc, json.JSONDecodeError) else "pas en UTF-8"
        raise Refus(f"la table {chemin} est illisible ({detail}) : rétablissez la version enregistrée "
                    "dans git avant de relancer.") from None
    _verifier_forme(chemin, nom, table)
    return table


def _verifier_forme(chemin: Path, nom: str, table) -> None:
    """Les clés et dates que la fusion lit : une table abîmée à la main finirait sinon en trace Python."""
    liste, dates, valeurs = _FORME[nom]
    lignes = table.get(liste) if isinstance(table, dict) else None
    fautes = [] if isinstance(lignes, list) and lignes else [f"liste « {liste} » absente ou vide"]
    for numero, ligne in enumerate(lignes if not fautes else [], 1):
        manquantes = [c for c in (*dates, *valeurs) if not isinstance(ligne, dict) or c not in ligne]
        if manquantes or not all(_est_date(ligne[c]) for c in dates):
            fautes.append(f"ligne {numero} : " + (f"{', '.join(manquantes)} manquant" if manquantes
                                                  else "date qui n'est pas AAAA-MM-JJ"))
    if not fautes and not _est_date(table.get("couvre_jusqu_au")):
        fautes.append("« couvre_jusqu_au » absent ou qui n'est pas une date AAAA-MM-JJ")
    if fautes:
        raise Refus(f"la table {chemin} est mal formée ({fautes[0]}) : rétablissez la version enregistrée "
                    "dans git avant de relancer.")


def _est_date(valeur) -> bool:
    try:
        date_aaaa_mm_jj(valeur)
    except (TypeError, ValueError):
        return False
    return True


def ecrire_table(dossier: Path, nom: str, table: dict) -> None:
    """Même mise en forme que les fichiers d'origine (indentation 1, UTF-8 lisible).

    Écrite à côté puis renommée : une écriture interrompue (disque plein) laisse l'ancienne
    table entière plutôt qu'un JSON tronqué. Lève OSError si l'écriture échoue.
    """
    chemin, provisoire = dossier / f"{nom}.json", dossier / f"{nom}.json.provisoire"
    try:
        provisoire.write_text(json.dumps(table, indent=1, ensure_ascii=False), encoding="utf-8")
        os.replace(provisoire, chemin)
    finally:
        provisoire.unlink(missing_ok=True)


def _d(texte: str) -> dt.date:
    return dt.date.fromisoformat(texte)


def _derniere_confirmee(lignes: list[dict], cle: str) -> dt.date | None:
    dates = [_d(l[cle]) for l in lignes if l["confirme"]]
    return max(dates) if dates else None


# --- BCE -----------------------------------------------------------------------------------------

def _ligne_bce(observation: Observation, provenance: str) -> dict:
    return {
        "depuis": observation.depuis.isoformat(),
        "taux": f"{observation.taux:.2f}",
        "mode": "fixed",
        "confirme": True,
        "citation": ("BCE, taux des opérations principales de refinancement en vigueur à compter du "
                     f"{fr.date_longue(observation.depuis)}"),
        "source": provenance,
    }


def fusionner_bce(table: dict, observations: list[Observation], extrait_le: dt.date, provenance: str,
                  verifie_le: dt.date) -> tuple[dict, list[str]]:
    """Table BCE mise à jour depuis la série officielle, et la liste des changements en français."""
    nouvelle = copy.deepcopy(table)
    debut = observations[0].depuis
    confirmee = _derniere_confirmee(nouvelle["taux"], "depuis")
    if confirmee is not None and debut > confirmee:
        raise FichierInvalide(f"Le fichier de la BCE commence le {fr.date_courte(debut)}, après la dernière ligne "
                              f"confirmée ({fr.date_courte(confirmee)}) : exportez la série depuis une date antérieure.")
    if observations[-1].depuis > extrait_le + dt.timedelta(days=15):
        raise FichierInvalide(f"Le fichier contient un changement au {fr.date_courte(observations[-1].depuis)}, bien "
                              f"après sa date d'extraction ({fr.date_courte(extrait_le)}) : vérifiez --extrait-le.")
    officielles = {o.depuis: o for o in observations}
    changements: list[str] = []
    gardees, retirees = [], []
    for ligne in nouvelle["taux"]:
        jour = _d(ligne["depuis"])
        if debut <= jour <= extrait_le and jour not in officielles:
            changements.append(f"- {fr.date_courte(jour)} : {ligne['taux']} % retiré (absent de la série officielle)")
            retirees.append(ligne)
        else:
            gardees.append(ligne)
    _refuser_retraits_douteux(retirees, observations[-1].depuis)
    par_date = {_d(l["depuis"]): l for l in gardees}
    for jour, observation in officielles.items():
        ligne = par_date.get(jour)
        valeur = f"{observation.taux:.2f}"
        if ligne is None:
            par_date[jour] = _ligne_bce(observation, provenance)
            changements.append(f"+ {fr.date_courte(jour)} : {valeur} % ajouté")
        elif ligne["taux"] != valeur or not ligne["confirme"]:
            etat = "confirmé" if ligne["taux"] == valeur else f"corrigé (était {ligne['taux']} %)"
            par_date[jour] = _ligne_bce(observation, provenance)
            changements.append(f"~ {fr.date_courte(jour)} : {valeur} % {etat}")
    nouvelle["taux"] = [par_date[j] for j in sorted(par_date)]
    _avancer(nouvelle, Semestre.de(extrait_le).fin, verifie_le, changements)
    return nouvelle, changements


def _refuser_retraits_douteux(retirees: list[dict], fin_fichier: dt.date) -> None:
    """Refuse un fichier qui retirerait une ligne qu'il ne contredit pas vraiment.

    L'export officiel donne toute la série depuis 1999 : une ligne confirmée absente, ou une ligne
    postérieure au dernier changement du fichier, signale un fichier tronqué (ou une série que la
    BCE n'a pas encore mise à jour), pas un taux à effacer. Ne reste retirable qu'une ligne non
    confirmée (source secondaire) qu'un changement plus récent du fichier montre couverte.
    """
    confirmees = [_d(l["depuis"]) for l in retirees if l["confirme"]]
    apres = [_d(l["depuis"]) for l in retirees if not l["confirme"] and _d(l["depuis"]) > fin_fichier]
    if not (confirmees or apres):
        return
    raisons = []
    if confirmees:
        raisons.append(f"il ne contient pas les changements confirmés du {fr.enumeration(map(fr.date_courte, confirmees))}")
    if apres:
        raisons.append(f"il s'arrête au {fr.date_courte(fin_fichier)} et ne dit rien des changements non "
                       f"confirmés du {fr.enumeration(map(fr.date_courte, apres))}")
    raise FichierInvalide(
        f"Fichier de la BCE incomplet : {' ; '.join(raisons)}. L'export officiel donne toute la série depuis "
        "1999 : téléchargez-le à nouveau en entier (ou plus tard, si la BCE ne l'a pas encore mis à jour). "
        "Si la BCE n'a vraiment rien changé ces jours-là, retirez ces lignes de taux_bce.json à la main, "
        "puis relancez.")


# --- Taux de l'intérêt légal ---------------------------------------------------------------------

def _citation_legal(periode: Periode) -> str:
    if periode.au - periode.du > dt.timedelta(days=200):
        quand = f"l'année {periode.du.year}"
    else:
        quand = f"le {fr.semestre(Semestre.de(periode.du))}"
    return f"Taux de l'intérêt légal pour {quand}, publié par la Banque de France (CMF art. L313-2)"


def _maj_ligne_legal(ligne: dict, periode: Periode, provenance: str) -> None:
    ligne.update(particuliers=f"{periode.particuliers:.2f}", professionnels=f"{periode.professionnels:.2f}",
                 confirme=True, citation=_citation_legal(periode), source=provenance)
    ligne.pop("note", None)  # la note parlait d'une valeur non confirmée


def fusionner_legal(table: dict, periodes: list[Periode], provenance: str,
                    verifie_le: dt.date) -> tuple[dict, list[str]]:
    """Table du taux légal mise à jour depuis l'export de la Banque de France."""
    nouvelle = copy.deepcopy(table)
    lignes = nouvelle["periodes"]
    confirmee = _derniere_confirmee(lignes, "au")
    if confirmee is not None and periodes[0].du > confirmee + UN_JOUR:
        raise FichierInvalide(f"Le fichier commence le {fr.date_courte(periodes[0].du)} : rien entre la dernière "
                              f"période confirmée ({fr.date_courte(confirmee)}) et lui.")
    par_periode = {(_d(l["du"]), _d(l["au"])): l for l in lignes}
    fin_table = max(au for _, au in par_periode)
    changements: list[str] = []
    for periode in periodes:
        ligne = par_periode.get((periode.du, periode.au))
        libelle = f"du {fr.date_courte(periode.du)} au {fr.date_courte(periode.au)}"
        valeurs = f"{periode.particuliers:.2f} % / {periode.professionnels:.2f} %"
        if ligne is None:
            if periode.du <= fin_table:
                raise FichierInvalide(f"La période {libelle} ne correspond à aucune période de la table.")
            ligne = {"du": periode.du.isoformat(), "au": periode.au.isoformat(), "texte": None}
            _maj_ligne_legal(ligne, periode, provenance)
            lignes.append(ligne)
            changements.append(f"+ {libelle} : {valeurs} ajouté (particuliers / autres cas)")
        elif (ligne["particuliers"], ligne["professionnels"]) != (f"{periode.particuliers:.2f}",
                                                                  f"{periode.professionnels:.2f}"):
            avant = f"{ligne['particuliers'] or 'inconnu'} / {ligne['professionnels']}"
            _maj_ligne_legal(ligne, periode, provenance)
            changements.append(f"~ {libelle} : {valeurs} corrigé (était {avant})")
        elif not ligne["confirme"]:
            _maj_ligne_legal(ligne, periode, provenance)
            changements.append(f"~ {libelle} : {valeurs} confirmé")
    lignes.sort(key=lambda l: l["du"])
    _avancer(nouvelle, periodes[-1].au, verifie_le, changements)
    return nouvelle, changements


def _avancer(table: dict, fin: dt.date, verifie_le: dt.date, changements: list[str]) -> None:
    """Date de vérification et couverture (qui n'avance jamais à reculons)."""
    avant = _d(table["couvre_jusqu_au"])
    if fin > avant:
        table["couvre_jusqu_au"] = fin.isoformat()
        changements.append(f"  taux connus jusqu'au {fr.date_courte(avant)} → {fr.date_courte(fin)}")
    table["derniere_verification"] = verifie_le.isoformat()


# --- Ligne de commande ---------------------------------------------------------------------------

PROG = "python -m calculators.taux.maj"


def _parseur(prog: str = PROG) -> argparse.ArgumentParser:
    franciser()
    p = argparse.ArgumentParser(prog=prog, description="Met à jour les tables de taux depuis les fichiers officiels.",
                                allow_abbrev=False)
    p.add_argument("--bce", type=Path, metavar="FICHIER",
                   help=f"export CSV de la série {SERIE_BCE} (portail de données de la BCE)")
    p.add_argument("--legal", type=Path, metavar="FICHIER",
                   help="export CSV Webstat (Banque de France) des taux de l'intérêt légal")
    p.add_argument("--serie-particuliers", metavar="CLÉ", help="clé Webstat de la série « créancier particulier »")
    p.add_argument("--serie-autres", metavar="CLÉ", help="clé Webstat de la série « tous les autres cas »")
    p.add_argument("--extrait-le", metavar="AAAA-MM-JJ",
                   help="date de téléchargement des fichiers, écrite AAAA-MM-JJ (défaut : aujourd'hui)")
    p.add_argument("--ecrire", action="store_true", help="enregistre les tables (sinon : affiche seulement)")
    p.add_argument("--dossier", type=Path, default=DOSSIER_DONNEES, help=argparse.SUPPRESS)
    return p


def _lire_fichier(chemin: Path) -> bytes:
    try:
        return chemin.read_bytes()
    except OSError as exc:
        raise FichierInvalide(f"Impossible de lire {chemin} : {cause_systeme(exc)}.") from None


def _provenance(organisme: str, chemin: Path, extrait_le: dt.date, aujourdhui: dt.date) -> str:
    return (f"{organisme} (fichier « {chemin.name} » extrait le {fr.date_courte(extrait_le)}, "
            f"lu par calculators.taux.maj le {fr.date_courte(aujourdhui)})")


def _extrait_le(texte: str | None, aujourdhui: dt.date) -> dt.date:
    if not texte:
        return aujourdhui
    try:
        jour = date_aaaa_mm_jj(texte.strip())
    except ValueError:
        raise Refus(f"--extrait-le : « {texte} » n'est pas une date valide écrite AAAA-MM-JJ "
                    "(par exemple 2027-01-05).") from None
    if jour > aujourdhui:
        raise Refus(f"--extrait-le : la date de téléchargement ({fr.date_courte(jour)}) ne peut pas être dans le futur.")
    return jour


def mettre_a_jour(args: argparse.Namespace, aujourdhui: dt.date) -> tuple[dict[str, dict], list[str]]:
    """Lit, contrôle et fusionne ; rend les tables modifiées et le compte rendu (rien n'est écrit)."""
    extrait_le = _extrait_le(args.extrait_le, aujourdhui)
    tables: dict[str, dict] = {}
    compte_rendu: list[str] = []
    if args.bce:
        observations = lire_bce(_lire_fichier(args.bce))
        provenance = _provenance(f"Portail de données de la BCE, série {SERIE_BCE}", args.bce, extrait_le, aujourdhui)
        tables["taux_bce"], changements = fusionner_bce(
            charger_table(args.dossier, "taux_bce"), observations, extrait_le, provenance, aujourdhui)
        compte_rendu += [f"Taux de la BCE ({SERIE_BCE}) :"] + [f"  {c}" for c in changements or ["aucun changement"]]
    if args.legal:
        table = charger_table(args.dossier, "taux_legal")
        connues = table.get("series_webstat")
        connues = connues if isinstance(connues, dict) else {}  # clés abîmées : redemandées par lire_legal
        series = {"particuliers": args.serie_particuliers or connues.get("particuliers"),
                  "professionnels": args.serie_autres or connues.get("professionnels")}
        if not all(series.values()):  # une option manque, pas un défaut du fichier
            raise Refus("indiquez les clés Webstat des deux séries (--serie-particuliers et --serie-autres), relevées "
                        "sur webstat.banque-france.fr ; elles sont ensuite gardées dans taux_legal.json.")
        periodes = lire_legal(_lire_fichier(args.legal), series)
        provenance = _provenance(f"Banque de France, Webstat, séries {series['particuliers']} (particuliers) et "
                                 f"{series['professionnels']} (autres cas)", args.legal, extrait_le, aujourdhui)
        tables["taux_legal"], changements = fusionner_legal(table, periodes, provenance, aujourdhui)
        tables["taux_legal"]["series_webstat"] = series
        compte_rendu += ["Taux de l'intérêt légal :"] + [f"  {c}" for c in changements or ["aucun changement"]]
    return tables, compte_rendu


def main(argv: list[str] | None = None, aujourdhui: dt.date | None = None, prog: str = PROG) -> int:
    args = _parseur(prog).parse_args(argv)
    if not (args.bce or args.legal):
        print("Erreur : donnez au moins un fichier officiel (--bce ou --legal).", file=sys.stderr)
        return 2
    try:
        tables, compte_rendu = mettre_a_jour(args, aujourdhui or dt.date.today())
    except FichierInvalide as exc:
        print(f"Fichier refusé : {exc}", file=sys.stderr)
        return 2
    except Refus as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 2
    print("\n".join(compte_rendu))
    if not args.ecrire:
        print("Essai : rien n'est écrit. Relancez avec --ecrire (make taux … ECRIRE=1) pour enregistrer.")
        return 0
    echec = _enregistrer(args.dossier, tables)
    if echec:
        print(f"Erreur : {echec}", file=sys.stderr)
        return 2
    print(f"Tables enregistrées dans {args.dossier}. Lancez les tests (make test) avant de publier.")
    return 0


def _enregistrer(dossier: Path, tables: dict[str, dict]) -> str | None:
    """Écrit les tables ; en cas d'échec, le message dit laquelle et ce qui est déjà enregistré."""
    faites: list[str] = []
    for nom, table in tables.items():
        try:
            ecrire_table(dossier, nom, table)
        except OSError as exc:
            deja = f"{', '.join(faites)} est déjà enregistrée" if faites else "rien n'a été enregistré"
            return f"impossible d'enregistrer {dossier / f'{nom}.json'} : {cause_systeme(exc)} ; {deja}."
        faites.append(f"{nom}.json")
    return None


if __name__ == "__main__":
    sys.exit(main())
