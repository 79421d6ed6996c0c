"""Réglages de l'analyse : le registre des saisies (`FORMULAIRE`), puis leur lecture en valeurs.

Le fichier lui-même n'est pas une saisie du registre : la page le lit par morceaux (`Analyse`),
la ligne de commande l'ouvre (`--fichier`). Champs (mêmes noms dans la page, la ligne de
commande et `executer`) :

- lecture du fichier : `clients` (préfixe(s) des comptes clients, « 411 »), `fournisseurs`
  (« 401 »), `colonnes` (tableau de factures : lignes « champ:Nom de colonne ») ;
- calcul : `au` (date d'analyse ; par défaut la dernière date d'écriture du fichier), `debut`
  (début de l'exercice ; par défaut la première date du FEC, ou douze mois avant `au`),
  `delai` (« 60j », « 45jfdm », « fdm45j », « 30j » ou un nombre de jours ; par défaut le délai
  supplétif de 30 jours, C. com. art. L441-10 I al. 1 et D441-6 IV), `delais_clients`
  (« COMPTE:DÉLAI »), `ht` (tableau D441-6 en HT), `taux` (taux contractuel annuel en %),
  `prolonger`, `litiges` (numéros de factures en litige).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from decimal import Decimal

from ..commun.champs import Champ, Formulaire, Lignes
from ..commun.erreurs import ErreurChamp, SaisieInvalide
from ..commun.format_fr import date_courte
from ..commun.saisie import apres_le_dernier_jour
from .echeances import JOURS_MAX, Delai
from .colonnes_tableur import LIBELLES, SYNONYMES
from .lecture_csv import INDEX_SYNONYMES
from .valeurs_tableur import normaliser

DELAI_DEFAUT = "30j"  # délai supplétif, C. com. art. L441-10 I al. 1 (D441-6 IV : à défaut, délais légaux)
CHAMPS_LECTURE = ("clients", "fournisseurs", "colonnes")
# Les lignes répétées portent dans la ligne de commande le nom de leur option (`--delai-client`,
# `--colonne`) : un JSON qui l'emploie était lu sans elles, et le calcul se faisait avec les défauts.
ALIAS = {"delai-client": "delais_clients", "delai_client": "delais_clients", "colonne": "colonnes"}
_ALIAS_DELAI = {"45jfdm": "45jfdm", "45joursfindemois": "45jfdm", "45jfindemois": "45jfdm", "45fdm": "45jfdm",
                "45joursfindumois": "45jfdm", "45jfindumois": "45jfdm",
                "fdm45j": "fdm45j", "findemois45jours": "fdm45j", "findemois45j": "fdm45j", "fdm45": "fdm45j"}
MESSAGE_DELAI = ("Choisissez le délai : 60j (60 jours après la facture), 45jfdm (45 jours puis fin de mois), "
                 f"fdm45j (fin de mois puis 45 jours), 30j, ou un nombre de jours de 0 à {JOURS_MAX}.")


def _compact(texte) -> str:
    sans_accents = unicodedata.normalize("NFKD", str(texte)).encode("ascii", "ignore").decode()
    return re.sub(r"[\s+.\-_]", "", sans_accents.lower())


def _chiffres_non_ascii(texte) -> bool:
    """« 6² », « ⑥⓪ », « ٦٠ » : des chiffres que la normalisation (NFKD) ou `\\d` liraient, mais
    qu'aucun logiciel comptable n'écrit ; les accepter ferait d'une faute de frappe un délai."""
    return any(c.isdigit() and c not in "0123456789" for c in str(texte))


def _nombre_douteux(texte) -> bool:
    """« -5 », « 4-5 », « 6.0 », « 4 5 », « 60+ » : la mise à plat de `_compact` (qui retire espaces,
    points et tirets, pour « 45-jours-fin-de-mois ») en ferait 5, 45 ou 60 jours ; un délai est un
    nombre entier de jours, d'un seul tenant et sans signe.

    >>> [_nombre_douteux(x) for x in ("60+", "60 -", "+60", "60", "45-jours-fin-de-mois")]
    [True, True, True, False, False]
    """
    texte = str(texte)
    return (len(re.findall(r"[0-9]+", texte)) > 1 or re.search(r"[-+.,]\s*[0-9]", texte) is not None
            or re.search(r"[0-9]\s*[-+.,]\s*$", texte) is not None)


def lire_delai(texte, champ: str = "delai") -> Delai:
    """« 60j », « 60 jours », « 45 jours fin de mois », « fdm45j », « 90 »… → Delai.

    >>> [lire_delai(x).code for x in ("45 jours fin de mois", "60", " 30 j ", "030")]
    ['45jfdm', '60j', '30j', '30j']
    >>> lire_delai("60j:extra", "delai-client-1-delai")
    Traceback (most recent call last):
    ...
    calculators.commun.erreurs.SaisieInvalide: delai-client-1-delai : « 60j:extra » n'est pas un délai : un seul délai, sans « : ». Choisissez le délai : 60j (60 jours après la facture), 45jfdm (45 jours puis fin de mois), fdm45j (fin de mois puis 45 jours), 30j, ou un nombre de jours de 0 à 365.
    >>> lire_delai("-5")
    Traceback (most recent call last):
    ...
    calculators.commun.erreurs.SaisieInvalide: delai : Choisissez le délai : 60j (60 jours après la facture), 45jfdm (45 jours puis fin de mois), fdm45j (fin de mois puis 45 jours), 30j, ou un nombre de jours de 0 à 365.
    """
    if ":" in str(texte):  # « C001:60j:extra » : le reste de la ligne d'un délai par client, lu comme son délai
        raise SaisieInvalide([ErreurChamp(champ, f"« {str(texte).strip()[:40]} » n'est pas un délai : un seul délai, "
                                                 f"sans « : ». {MESSAGE_DELAI}")])
    if _chiffres_non_ascii(texte) or _nombre_douteux(texte):
        raise SaisieInvalide([ErreurChamp(champ, MESSAGE_DELAI)])
    brut = _compact(texte).removesuffix("ours")
    code = _ALIAS_DELAI.get(brut) or _ALIAS_DELAI.get(_compact(texte))
    if code is None and re.fullmatch(r"[0-9]{1,4}j?", brut):
        code = f"{int(brut.rstrip('j'))}j"  # « 030 » : 30j, le délai supplétif (L441-10 I al. 1), pas un « 030j »
    try:
        return Delai.depuis_code(code or "")
    except ValueError:
        raise SaisieInvalide([ErreurChamp(champ, MESSAGE_DELAI)]) from None


class Liste(tuple):
    """Valeurs d'un champ à plusieurs éléments ; s'écrit comme on la tape (« 411, 4191 »)."""

    def __str__(self) -> str:
        return ", ".join(self)


def lire_prefixes(texte, champ: str) -> tuple:
    """« 411 » ou « 411, 4191 » → ('411',) ou ('411', '4191').

    >>> lire_prefixes("411, 4191", "clients"), str(lire_prefixes("411 4191", "clients"))
    (('411', '4191'), '411, 4191')
    """
    prefixes = Liste(p.strip() for p in re.split(r"[,;\s]+", str(texte)) if p.strip())
    exemple = "401" if champ == "fournisseurs" else "411"
    if prefixes and all(p.isdigit() and p.isascii() for p in prefixes) and any(len(p) > 10 for p in prefixes):
        raise SaisieInvalide([ErreurChamp(champ, f"Un préfixe de compte a au plus 10 chiffres, par exemple {exemple}.")])
    if not prefixes or not all(re.fullmatch(r"[0-9]{1,10}", p) for p in prefixes):
        raise SaisieInvalide([ErreurChamp(champ, f"Écrivez le préfixe des comptes en chiffres, par exemple {exemple} "
                                                 "(plusieurs : séparés par des virgules).")])
    court = next((p for p in prefixes if len(p) < 2), None)
    if court is not None:
        # Un chiffre, c'est toute une classe du plan comptable général : la classe 4 (comptes de tiers)
        # a les clients, les fournisseurs, le personnel, l'État et la TVA.
        detail = " (clients, fournisseurs, personnel, TVA…)" if court == "4" else ""
        raise SaisieInvalide([ErreurChamp(champ, f"« {court} » prend toute la classe {court} du plan comptable{detail} : "
                                                 f"écrivez au moins deux chiffres, par exemple {exemple}.")])
    return prefixes


def prefixes_qui_se_recouvrent(clients: tuple, fournisseurs: tuple, champ: str = "fournisseurs") -> list[ErreurChamp]:
    """Un compte ne peut être à la fois client et fournisseur : « 4 » (clients) prenait aussi le 401 des
    fournisseurs, et le 4456 de la TVA ; seul un préfixe identique était refusé.

    >>> [e.message for e in prefixes_qui_se_recouvrent(("41",), ("401", "4110"))]
    ['Le préfixe « 4110 » des fournisseurs est déjà dans celui des clients (« 41 ») : un compte ne peut être des deux.']
    """
    erreurs = []
    for fournisseur in fournisseurs:
        for client in clients:
            if fournisseur.startswith(client) or client.startswith(fournisseur):
                erreurs.append(ErreurChamp(champ, (
                    f"Clients et fournisseurs ont le même préfixe « {client} »" if client == fournisseur else
                    f"Le préfixe « {fournisseur} » des fournisseurs est déjà dans celui des clients (« {client} »)"
                    if fournisseur.startswith(client) else f"Le préfixe « {client} » des clients est déjà dans celui des "
                                           f"fournisseurs (« {fournisseur} »)")
                    + " : un compte ne peut être des deux."))
                break
    return erreurs


def lire_litiges(texte, champ: str) -> tuple:
    """Numéros de factures séparés par des virgules, points-virgules ou retours à la ligne.

    >>> str(lire_litiges("F1; F2\\nF3", "litiges"))
    'F1, F2, F3'
    """
    return Liste(dict.fromkeys(n.strip() for n in re.split(r"[\n;,]", str(texte)) if n.strip()))


def _non_vide(designation: str):
    """Lecteur d'une cellule de ligne sans laquelle la ligne ne dit rien : « :60j » (délai sans compte)
    ou « montant: » (colonne sans nom) étaient ignorés, la ligne comme jamais tapée."""
    def lire(texte, champ: str) -> str:
        if not str(texte).strip():
            raise SaisieInvalide([ErreurChamp(champ, f"Indiquez {designation}.")])
        return str(texte).strip()
    return lire


def _sans_article(libelle: str) -> str:
    """« le montant TTC » → « montant TTC », « l'échéance » → « échéance »."""
    return libelle.split(" ", 1)[-1].removeprefix("l'")


def _lire_champ_colonne(texte, champ: str) -> str:
    """L'information que porte une colonne : son code (« montant », « paiement_2 »), son nom en
    français (« le montant TTC ») ou l'un de ses noms usuels (« Montant TTC », « Reste à payer »).

    >>> [_lire_champ_colonne(x, "c") for x in ("Montant TTC", "le reste à payer", "paiement_2")]
    ['montant', 'reste', 'paiement_2']
    """
    cle = str(texte).strip()
    if not cle:  # « :Montant TTC » : la colonne sans son information
        raise SaisieInvalide([ErreurChamp(champ, "Indiquez l'information que porte cette colonne (client, date de "
                                                 "facture, montant TTC…).")])
    if cle in SYNONYMES:
        return cle
    # Un numéro de règlement (« paiement_2 », « montant_paye_3 » ; « paiement_1 » est « paiement »), pour
    # les règlements seuls : « client_2 » ou « paiement_0 » étaient pris sans rien dire.
    base, _, rang = cle.rpartition("_")
    if base in ("paiement", "montant_paye") and rang.isdigit() and int(rang) >= 1 and not rang.startswith("0"):
        return base if rang == "1" else cle
    nom = normaliser(cle)
    for code, libelle in LIBELLES.items():
        if nom in (normaliser(libelle), normaliser(_sans_article(libelle))):
            return code
    if nom in INDEX_SYNONYMES:
        return INDEX_SYNONYMES[nom]
    raise SaisieInvalide([ErreurChamp(champ, f"« {cle[:40]} » n'est pas une information attendue : écrivez "
                                             + ", ".join(_sans_article(x) for x in LIBELLES.values())
                                             + ".")])


FORMULAIRE = Formulaire("portefeuille", page="calculateurs/poste-clients/", partage=False, champs=(
    Champ("au", "Date d'analyse", "date", "la date d'analyse",
          aide="Par défaut : la dernière date d'écriture du fichier.", aide_cli="date d'analyse (par défaut : la "
          "dernière date d'écriture du fichier)"),
    Champ("debut", "Début de l'exercice", "date", "la date de début de l'exercice",
          aide="Par défaut : la première date du FEC, ou douze mois avant la date d'analyse."),
    Champ("delai", "Délai de paiement quand le fichier ne donne pas d'échéance", "texte", "le délai",
          code=True, lecteur=lire_delai,
          aide="60j, 45jfdm (45 jours puis fin de mois), fdm45j (fin de mois puis 45 jours), "
          "30j ou un nombre de jours. Vide : 30 jours, le délai légal supplétif.",
          aide_cli="60j, 45jfdm, fdm45j, 30j ou un nombre de jours (défaut : 30j, délai supplétif)"),
    Lignes("delais_clients", "delai-client", "Délais propres à certains clients", "la ligne",
           (Champ("compte", "Compte client", "texte", "le compte",
                  code=True, lecteur=_non_vide("le compte du client (CompAuxNum du FEC, ou son nom dans un tableau)")),
            Champ("delai", "Délai", "texte", "le délai", code=True, lecteur=lire_delai)),
           aide="Compte : le compte auxiliaire du client (CompAuxNum du FEC, colonne du client d'un tableau), ex. "
                "C0042 ; délai : 60j, 45jfdm, fdm45j, 30j ou un nombre de jours.",
           ajouter="Ajouter un client", maximum=1000, aide_cli="délai d'un client COMPTE:DELAI, ex. C0042:45jfdm"),
    Champ("ht", "Tableau D441-6 en montants HT (sinon TTC)", "case"),
    Champ("clients", "Préfixe des comptes clients", "texte", "le préfixe des comptes clients", defaut="411",
          code=True, lecteur=lire_prefixes,
          aide="Vide : 411. Les clients douteux ou litigieux (416) sont lus avec les comptes "
          "411. Plusieurs préfixes : séparés par des virgules.",
          aide_cli="préfixe(s) des comptes clients (défaut : 411 ; le 416 est lu avec le 411)"),
    Champ("fournisseurs", "Préfixe des comptes fournisseurs", "texte", "le préfixe des comptes fournisseurs",
          defaut="401", code=True, lecteur=lire_prefixes,
          aide="Vide : 401. Sert au tableau D441-6 des factures reçues."),
    Champ("taux", "Taux contractuel des pénalités, % par an (facultatif)", "taux", "le taux contractuel",
          aide="Vide : taux BCE + 10 points (C. com. art. L441-10 II).",
          aide_cli="taux contractuel annuel en %% (défaut : BCE + 10 points)"),
    Champ("prolonger", "Prolonger le dernier taux connu au-delà des tables", "case",
          aide_cli="au-delà des taux connus, prolonger le dernier taux (estimation signalée)"),
    Champ("litiges", "Factures en litige (numéros)", "texte", "les factures en litige",
          code=True, lecteur=lire_litiges,
          aide="Exclues du tableau D441-6 (qui les compte à part), des relances et des pénalités exigibles "
          "(décomptées à part).",
          aide_cli="numéros de factures en litige, séparés par des virgules"),
    Lignes("colonnes", "colonne", "Correspondance des colonnes (tableau de factures)", "la correspondance",
           (Champ("champ", "Information", "texte", "l'information", code=True, lecteur=_lire_champ_colonne,
                  aide="Client, nom du client, numéro de facture, date de facture, montant TTC, échéance, date de "
                       "paiement, montant payé, reste à payer…"),
            Champ("nom", "Nom de la colonne dans le fichier", "texte", "le nom de la colonne",
                  code=True,
                  lecteur=_non_vide("le nom de la colonne, tel que l'écrit la première ligne du fichier"))),
           aide="Seulement si une colonne d'un tableau de factures n'est pas reconnue (la page le propose aussi "
                "après le choix du fichier) : l'information, puis le nom exact de la colonne.",
           ajouter="Ajouter une correspondance", maximum=40,
           aide_cli="colonne d'un tableau de factures CHAMP:NOM, ex. client:Raison sociale"),
))


@dataclass(frozen=True)
class ReglagesLecture:
    clients: tuple = ("411",)
    fournisseurs: tuple = ("401",)
    colonnes: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Reglages:
    au: dt.date | None = None
    debut: dt.date | None = None
    delai: Delai = Delai.depuis_code(DELAI_DEFAUT)
    delais_clients: dict = field(default_factory=dict)
    ht: bool = False
    taux: Decimal | None = None
    prolonger: bool = False
    litiges: frozenset = frozenset()
    delai_par_defaut: bool = True  # aucun délai choisi : délai légal supplétif (D441-6 IV)

    @cached_property
    def cles_litiges(self) -> frozenset:
        """Les numéros en litige comparés sans la casse : « fa2025-003 », tapé, désigne « FA2025-003 »."""
        return frozenset(numero.casefold() for numero in self.litiges)


def _lignes(valeur, cles: tuple) -> list:
    """Commodités de l'API : `{a: b}` ou texte « a=b » par ligne → lignes du registre."""
    if isinstance(valeur, dict):
        return [{cles[0]: str(k), cles[1]: v} for k, v in valeur.items()]
    if isinstance(valeur, str):
        return [ligne.replace("=", ":", 1) for ligne in valeur.splitlines() if ligne.strip()]
    return valeur


def _lire(payload: dict, champs: tuple):
    """Lit le registre ; ne garde que les erreurs des `champs` demandés."""
    saisies = dict(payload)
    for alias, nom in ALIAS.items():
        if alias in payload and nom not in payload:
            saisies[nom] = payload[alias]
    saisies["colonnes"] = _lignes(saisies.get("colonnes"), ("champ", "nom"))
    saisies["delais_clients"] = _lignes(saisies.get("delais_clients"), ("compte", "delai"))
    litiges = saisies.get("litiges")
    if isinstance(litiges, list) and all(isinstance(n, str) for n in litiges):  # la forme que rend le résultat
        saisies["litiges"] = "\n".join(litiges)
    for nom in ("ht", "prolonger"):
        if isinstance(saisies.get(nom), bool):
            saisies[nom] = "oui" if saisies[nom] else ""
    valeurs, c = FORMULAIRE.lire({k: v for k, v in saisies.items() if k != "fichier"})
    erreurs = [e for e in c.erreurs if e.field.split("-")[0] in champs or e.field in champs]
    return valeurs, erreurs


def prefixes_choisis(lecture: ReglagesLecture) -> tuple:
    """Les préfixes de comptes choisis autres que ceux par défaut, (côté, préfixes) : un tableau de
    factures n'a pas de comptes, ils y sont sans effet et le résultat le dit.

    >>> prefixes_choisis(ReglagesLecture(("412",), ("401",)))
    (('clients', ('412',)),)
    """
    defaut = ReglagesLecture()
    return tuple((cote, tuple(choisis)) for cote, choisis, par_defaut in
                 (("clients", lecture.clients, defaut.clients), ("fournisseurs", lecture.fournisseurs, defaut.fournisseurs))
                 if tuple(choisis) != par_defaut)


def lire_reglages_lecture(payload: dict) -> ReglagesLecture:
    """Ce qu'il faut savoir avant de lire le fichier ; lève SaisieInvalide."""
    valeurs, erreurs = _lire(payload, CHAMPS_LECTURE + ("colonne",))
    # Au champ que l'utilisateur a rempli : les fournisseurs laissés à 401, c'est le préfixe des clients qui déborde.
    tape = "fournisseurs" if payload.get("fournisseurs") not in (None, "") else "clients"
    erreurs += prefixes_qui_se_recouvrent(valeurs["clients"] or (), valeurs["fournisseurs"] or (), tape)
    if erreurs:
        raise SaisieInvalide(erreurs)
    colonnes, rangs = {}, {}
    for rang, ligne in valeurs["colonnes"]:
        champ = ligne["champ"]
        if champ in colonnes and normaliser(colonnes[champ]) != normaliser(ligne["nom"]):  # la dernière l'emportait
            erreurs.append(ErreurChamp(f"colonne-{rang}-champ", f"« {_sans_article(LIBELLES.get(champ, champ))} » a "
                                       f"déjà sa colonne (ligne {rangs[champ]}) : gardez une seule ligne par information."))
        colonnes.setdefault(champ, ligne["nom"])
        rangs.setdefault(champ, rang)
    if erreurs:
        raise SaisieInvalide(erreurs)
    return ReglagesLecture(valeurs["clients"], valeurs["fournisseurs"], colonnes)


def lire_reglages(payload: dict, au_par_defaut: dt.date | None = None) -> Reglages:
    """Réglages du calcul ; lève SaisieInvalide avec toutes les erreurs à la fois. `au_par_defaut` :
    la date d'analyse retenue si elle n'est pas saisie (voir `calcul.au_par_defaut`), pour dire
    tout de suite un début d'exercice qui la suit (il était ramené en silence à un exercice d'un jour)."""
    noms = tuple(ch.nom for ch in FORMULAIRE.champs if ch.nom not in CHAMPS_LECTURE) + ("delai-client",)
    valeurs, erreurs = _lire(payload, noms)
    erreurs += apres_le_dernier_jour(((nom, valeurs[nom]) for nom in ("au", "debut")), "Cette analyse s'arrête")
    au = valeurs["au"] or (au_par_defaut if "au" not in {e.field for e in erreurs} else None)
    deja = {e.field for e in erreurs}  # une date déjà refusée (après 2100) n'est pas comparée en plus
    if au and valeurs["debut"] and valeurs["debut"] > au and not {"au", "debut"} & deja:
        quelle = "" if valeurs["au"] else ", retenue faute de date saisie"
        erreurs.append(ErreurChamp("debut", f"Le début de l'exercice ({date_courte(valeurs['debut'])}) doit précéder "
                                            f"la date d'analyse ({date_courte(au)}{quelle})."))
    delais, rangs = {}, {}
    for rang, ligne in valeurs["delais_clients"]:
        if ligne["compte"] in delais and delais[ligne["compte"]] != ligne["delai"]:
            # Deux délais pour un client : le dernier l'emportait sans rien dire.
            erreurs.append(ErreurChamp(f"delai-client-{rang}-compte", f"Le compte « {ligne['compte']} » a déjà un "
                                       f"délai (ligne {rangs[ligne['compte']]}) : gardez une seule ligne par client."))
        delais.setdefault(ligne["compte"], ligne["delai"])
        rangs.setdefault(ligne["compte"], rang)
    if erreurs:
        raise SaisieInvalide(erreurs)
    return Reglages(valeurs["au"], valeurs["debut"], valeurs["delai"] or Delai.depuis_code(DELAI_DEFAUT), delais,
                    valeurs["ht"], valeurs["taux"], valeurs["prolonger"], frozenset(valeurs["litiges"] or ()),
                    valeurs["delai"] is None)
