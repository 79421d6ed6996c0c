"""Saisies des lettres types : le registre, la lecture des factures, les contrôles croisés et leurs messages.

Mêmes noms partout : formulaire de la page, options et fichier `--donnees` de la ligne de commande,
lien d'un calculateur vers une lettre (`#modele=…&facture=N:DATE:MONTANT:ECHEANCE:PAIEMENT:ACOMPTES`).
Le formulaire porte des noms et des adresses : `partage=False`, il n'est jamais mis dans l'adresse ;
seul le lien venu d'un calculateur en porte une partie (la facture, sans nom ni adresse).

Les acomptes d'une facture ont le format du calculateur de pénalités (`DATE:MONTANT`, séparés par
« ; » ou des retours à la ligne) et sont lus par son registre. Les champs `plan_*` sont lus par le
calculateur d'échéancier lui-même (ses bornes, ses messages) : la lettre les lui passe tels que tapés
et rapporte ses erreurs au champ `plan_*`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from decimal import Decimal

from ..commun import format_fr as fr
from ..commun.champs import SEPARATEUR_LIGNE, Champ, Choix, Formulaire, Lignes
from ..commun.erreurs import Collecteur, ErreurChamp, SaisieInvalide
from ..commun.saisie import apres_le_dernier_jour
from ..commun.saisie import aujourdhui as date_du_jour
from ..commun.saisie import colonnes_connues, vide
from ..penalites.champs import FORMULAIRE as PENALITES
from .catalogue import MODELES, Modele
from .controles_factures import deux_points_du_numero, factures_repetees, numero_decale
from .regles import ARTISAN, AUTRE, COMMERCANT, Facture, tribunal_competent

FACTURES_MAX = 50
ACOMPTES_MAX = 20  # par facture
NUMERO_MAX = 100  # caractères d'un numéro de facture
# Les acomptes d'une facture : le format et la lecture du calculateur de pénalités, qui les recevra.
ACOMPTES: Lignes = PENALITES["acomptes"]
# Zones de texte : chaque ligne tapée devient une ligne de la lettre (adresse, liste des faits…).
MULTILIGNES = ("creancier_adresse", "creancier_contact", "debiteur_adresse", "demarches", "litige")


def lire_acomptes(brut, champ: str, prefixe: str = "") -> tuple[dict, ...]:
    """Acomptes d'une facture (liste, ou texte coupé aux « ; » et aux retours à la ligne) → ({date, montant}, …).

    >>> [a["montant"] for a in lire_acomptes("15/12/2023:4 000,00 ; 2024-01-10:500\\n", "acomptes")]
    [Decimal('4000.00'), Decimal('500.00')]
    """
    if isinstance(brut, (list, tuple)):
        morceaux = [a for a in brut if not (isinstance(a, str) and vide(a))]
    else:
        morceaux = [a.strip() for a in re.split(r"[;\n]", "" if brut is None else str(brut)) if a.strip()]
    if len(morceaux) > ACOMPTES_MAX:
        raise SaisieInvalide.au_champ(champ, f"{prefixe}Au plus {ACOMPTES_MAX} acomptes par facture.")
    c = Collecteur()
    lus = ACOMPTES.lire(morceaux, c)
    if c.erreurs:
        raise SaisieInvalide([ErreurChamp(champ, prefixe + e.message) for e in c.erreurs])
    return tuple(valeurs for _, valeurs in lus)


def acomptes_codes(acomptes) -> list[str]:
    """({date, montant}, …) → ["2023-12-15:4000.00", …], comme le calculateur de pénalités les lit."""
    return [ACOMPTES.coder(a) for a in acomptes]


@dataclass(frozen=True)
class Acomptes(Champ):
    """Cellule « acomptes » d'une facture : plusieurs `DATE:MONTANT` dans un seul champ."""

    prefixe: str = ""  # « Facture n° 2 : » devant les messages des acomptes de cette facture

    def lire(self, brut):
        return lire_acomptes(brut, self.nom, self.prefixe)

    def coder(self, valeur) -> str:
        return ";".join(acomptes_codes(valeur or ()))

    def afficher(self, valeur) -> list[dict]:
        """Acomptes lus → lignes du formulaire, à la française : [{"date": "15/12/2023", "montant": "4 000,00"}, …]."""
        return [{col.nom: col.afficher(a[col.nom]) for col in ACOMPTES.colonnes} for a in valeur]


@dataclass(frozen=True)
class Factures(Lignes):
    """Les factures d'une lettre. Toute cellule est facultative à la lecture : ce que chaque lettre
    exige d'une facture est contrôlé ensuite (`_controler_facture`), avec un message qui dit pourquoi.
    """

    def lire(self, brutes, c: Collecteur) -> list[tuple[int, dict]]:
        if isinstance(brutes, (str, dict)):
            brutes = [brutes] if brutes else []
        elif not isinstance(brutes, list):
            brutes = []
        if len(brutes) > self.maximum:
            c.ajouter(self.nom, f"Au plus {self.maximum} factures par lettre.")
            return []
        lues = []
        for rang, brute in enumerate(brutes, start=1):
            ligne = self.decoder(brute) if isinstance(brute, str) else brute if isinstance(brute, dict) else {}
            # Refusée, la facture est lue quand même : « ajoutez une facture » ne s'ajoute pas au refus.
            c.lire(colonnes_connues, ligne, [col.nom for col in self.colonnes], f"{self.param}-{rang}-numero",
                   f"la facture n° {rang}")
            if all(_vide(ligne.get(col.nom)) for col in self.colonnes):
                continue  # ligne laissée vide dans le formulaire
            avant = len(c.erreurs)
            lues.append((rang, {col.nom: c.lire(self._cellule(col, rang).lire, ligne.get(col.nom))
                                for col in self.colonnes}))
            if isinstance(brute, str) and c.a_des_erreurs(f"{self.param}-{rang}-date"):
                deux_points_du_numero(c, avant, f"{self.param}-{rang}-numero", brute)
        return lues

    def _cellule(self, col: Champ, rang: int) -> Champ:
        ancre = f"{self.param}-{rang}-{col.nom}"
        if isinstance(col, Acomptes):
            return replace(col, nom=ancre, prefixe=f"Facture n° {rang} : ")
        return replace(col, nom=ancre, designation=f"{col.designation} de {self.element} n° {rang}")

    def decoder(self, texte) -> dict:
        """Facture d'un lien ou de `--facture` ; ses acomptes (« ; » entre eux) en lignes {date, montant}.

        >>> FACTURES.decoder("F-1::100:2024-01-31::2024-02-10:40;2024-02-20:10")["acomptes"]
        [{'date': '2024-02-10', 'montant': '40'}, {'date': '2024-02-20', 'montant': '10'}]
        """
        ligne = super().decoder(texte)
        ligne["acomptes"] = [ACOMPTES.decoder(a) for a in re.split(r"[;\n]", ligne.get("acomptes", "")) if a.strip()]
        return ligne

    def coder(self, valeurs: dict) -> str:
        r"""Cellules vides en fin de ligne omises (`decoder` les rétablit) ; un « : » du numéro est échappé.

        >>> FACTURES.coder({**dict.fromkeys(COLONNES), "numero": "FA:2025:001", "montant": Decimal("1200.00")})
        'FA\\:2025\\:001::1200.00'
        """
        cellules = self.cellules(valeurs)
        while cellules and not cellules[-1]:
            cellules.pop()
        return SEPARATEUR_LIGNE.join(cellules)


def _vide(valeur) -> bool:
    """Cellule laissée vide ; des acomptes dont toutes les lignes sont vides le sont aussi."""
    if isinstance(valeur, (list, tuple)):
        return all(_vide(v) for v in valeur)
    if isinstance(valeur, dict):
        return all(_vide(v) for v in valeur.values())
    return vide(valeur)


def _lire_modele(texte: str, champ: str) -> str:
    cle = texte.strip()
    if cle not in MODELES:
        raise SaisieInvalide.au_champ(champ, "Choisissez une lettre : " + ", ".join(MODELES) + ".")
    return cle


def _tel_quel(texte: str, champ: str) -> str:
    """Saisie passée telle quelle au calculateur d'échéancier, qui la lit avec ses propres règles."""
    return texte.strip()


# Le libellé d'une cellule de facture dans la page est « <libellé> n° <rang> » (+ « (€) » pour un montant).
FACTURES = Factures(
    "factures", "facture", "Factures", "la facture",
    (Champ("numero", "Numéro de la facture", "texte", "le numéro"),
     Champ("date", "Date de la facture", "date", "la date"),
     Champ("montant", "Montant TTC de la facture", "montant", "le montant TTC"),
     Champ("echeance", "Échéance de la facture", "date", "la date d'échéance"),
     Champ("paiement", "Payée le (facultatif), facture", "date", "la date de paiement"),
     Acomptes("acomptes", "Acomptes reçus (facultatif), facture", "texte", "les acomptes",
              aide="Un paiement partiel par ligne, avec sa date ; les pénalités courent ensuite sur le reste dû.")),
    aide="Montants TTC des factures. Un paiement partiel se saisit en acompte, avec sa date : il est déduit et les "
         "pénalités courent ensuite sur le reste, comme dans le calculateur de pénalités. La date de paiement ne "
         "sert qu'aux factures soldées (note de débit, remerciement, acheteur public).",
    ajouter="Ajouter une facture", maximum=FACTURES_MAX,
    aide_cli="facture NUMERO:DATE:MONTANT:ECHEANCE:PAIEMENT:ACOMPTES, acomptes DATE:MONTANT séparés par « ; » ; "
             "un « : » du numéro s'écrit « \\: »")

FORMULAIRE = Formulaire("lettre", page="lettres/remplir/", partage=False, champs=(
    Champ("modele", "Lettre", "choix", "la lettre", requis=True, lecteur=_lire_modele, aide_cli="lettre à produire",
          choix=tuple(Choix(m.cle, f"{rang}. {m.libelle}") for rang, m in enumerate(MODELES.values(), start=1))),
    Champ("date_lettre", "Date de la lettre (facultatif)", "date", "la date de la lettre",
          aide="jj/mm/aaaa ; vide : aujourd'hui. Les pénalités sont arrêtées à cette date."),
    Champ("lieu", "Lieu (« Fait à »)", "texte", "le lieu"),
    Champ("creancier_nom", "Raison sociale", "texte", "le nom de votre entreprise (créancier)", requis=True,
          aide_cli="raison sociale de votre entreprise (créancier)"),
    Champ("creancier_siren", "SIREN (facultatif)", "texte", "le SIREN"),
    Champ("creancier_adresse", "Adresse", "texte", "l'adresse de votre entreprise",
          aide_cli="adresse de votre entreprise"),
    Champ("creancier_contact", "Contact : téléphone, e-mail, IBAN (facultatif)", "texte", "le contact"),
    Champ("signataire", "Signataire", "texte", "le nom du signataire", requis=True),
    Champ("fonction", "Fonction du signataire (facultatif)", "texte", "la fonction du signataire"),
    Champ("creancier_qualite", "Votre entreprise est", "choix", "la qualité de votre entreprise", defaut=COMMERCANT,
          aide="Pour le tribunal cité dans la mise en demeure et la requête en injonction de payer.",
          choix=(Choix(COMMERCANT, "Commerçant ou société commerciale"), Choix(ARTISAN, "Artisan"),
                 Choix(AUTRE, "Autre professionnel (profession libérale, société civile…)"))),
    Champ("debiteur_nom", "Raison sociale du client", "texte", "le nom du client (débiteur)", requis=True),
    Champ("debiteur_interlocuteur", "À l'attention de (facultatif)", "texte", "l'interlocuteur chez le client"),
    Champ("debiteur_adresse", "Adresse du client (siège social)", "texte", "l'adresse du client"),
    Champ("debiteur_qualite", "Le client est", "choix", "la qualité du client", defaut=COMMERCANT,
          aide="Avec votre qualité, décide du tribunal cité : de commerce entre commerçants et artisans "
               "(C. com. art. L721-3), judiciaire sinon.",
          choix=(Choix(COMMERCANT, "Commerçant ou société commerciale"), Choix(ARTISAN, "Artisan"),
                 Choix(AUTRE, "Autre professionnel (profession libérale, association, société civile…)"))),
    FACTURES,
    Champ("reference", "Vos références ou n° de note de débit (facultatif)", "texte", "vos références"),
    Champ("delai", "Mise en demeure : délai pour payer (jours)", "entier", "le délai laissé pour payer (jours)",
          defaut="8", minimum=1, maximum=90, aide="Huit à quinze jours est l'usage ; vide : 8."),
    Champ("taux", "Taux des pénalités prévu à vos CGV, % (facultatif)", "taux", "le taux contractuel",
          aide="Vide : taux BCE + 10 points (L441-10).",
          aide_cli="taux contractuel annuel en %% (par défaut : BCE + 10 points)"),
    PENALITES["imputation"],  # le même champ que le calculateur : la lettre lui repasse l'acompte tel quel
    Champ("inclure_penalites", "Chiffrer les pénalités dans la première relance ou l'échéancier", "case",
          aide="Les autres lettres les chiffrent toujours."),
    Champ("prolonger", "Prolonger le dernier taux BCE connu au-delà des tables (estimation)", "case",
          aide="Pour une lettre datée après le dernier taux publié : les pénalités de ces jours sont estimées au "
               "dernier taux BCE connu majoré de 10 points, et les avertissements le signalent.",
          aide_cli="au-delà des taux BCE connus, prolonger le dernier taux (estimation signalée)"),
    Champ("demarches", "Médiateur : démarches déjà faites, une par ligne", "texte", "les démarches déjà faites"),
    Champ("litige", "Médiateur : les faits, une ligne par fait", "texte", "les faits"),
    Champ("plan_nombre", "Échéancier : nombre d'échéances", "entier", "le nombre d'échéances", lecteur=_tel_quel),
    Champ("plan_mensualite", "Échéancier : ou bien montant de chaque échéance, €", "montant",
          "le montant de chaque échéance", lecteur=_tel_quel,
          aide="Le nombre d'échéances en découle ; laissez alors le nombre vide."),
    Champ("plan_premiere", "Échéancier : date de la première échéance", "date", "la date de la première échéance",
          lecteur=_tel_quel),
    Champ("plan_periodicite", "Échéancier : rythme", "choix", "le rythme des échéances", defaut="mensuelle",
          lecteur=_tel_quel,
          choix=(Choix("hebdomadaire", "Chaque semaine"), Choix("quinzaine", "Toutes les deux semaines"),
                 Choix("mensuelle", "Chaque mois"), Choix("trimestrielle", "Chaque trimestre"))),
    Champ("plan_acompte", "Échéancier : acompte à la signature, € (facultatif)", "montant",
          "l'acompte à la signature", lecteur=_tel_quel),
    Champ("plan_taux", "Échéancier : taux d'intérêt annuel, % (facultatif)", "taux", "le taux d'intérêt annuel",
          lecteur=_tel_quel, aide_cli="échéancier : taux d'intérêt annuel en %% (facultatif)"),
))
TEXTES = tuple(ch.nom for ch in FORMULAIRE.champs if isinstance(ch, Champ) and ch.type == "texte")
PLAN = tuple(ch.nom for ch in FORMULAIRE.champs if ch.nom.startswith("plan_"))
COLONNES = {col.nom: col for col in FACTURES.colonnes}


@dataclass(frozen=True)
class Saisies:
    modele: Modele
    textes: dict[str, str]  # champs de texte, "" si vides
    date_lettre: dt.date
    delai: int
    tribunal: str  # de l'injonction de payer (regles.tribunal_competent, C. com. L721-3)
    taux: Decimal | None
    imputation: str  # des acomptes : pénalités échues d'abord (C. civ. 1343-1) ou principal
    avec_calcul: bool  # la lettre chiffre les pénalités (ou les intérêts moratoires)
    prolonger: bool  # au-delà des taux BCE connus, le dernier est prolongé (estimation, à la demande)
    factures: tuple[Facture, ...]
    plan: dict[str, str]  # saisies `plan_*` telles que tapées, pour le calculateur d'échéancier


def lire(saisies: dict) -> Saisies:
    """Lit et contrôle toutes les saisies ; lève SaisieInvalide avec la liste des erreurs."""
    erreur_donnees = getattr(saisies, "erreur_donnees", "")  # fichier `--donnees` illisible (`cli.SaisiesCli`)
    if erreur_donnees:
        raise SaisieInvalide.au_champ("donnees", erreur_donnees)
    valeurs, c = FORMULAIRE.lire(saisies)
    _annees_plausibles(c, valeurs)
    if valeurs["modele"] is None:
        c.lever_si_erreurs()  # sans la lettre, on ne sait pas ce qu'elle exige
    modele = MODELES[valeurs["modele"]]
    textes = {nom: valeurs[nom] or "" for nom in TEXTES}
    for nom in modele.exige:
        if not textes[nom] and not c.a_des_erreurs(nom):
            c.ajouter(nom, f"Saisissez {FORMULAIRE[nom].designation} : cette lettre ne peut pas s'en passer.")
    date_lettre = valeurs["date_lettre"] or (None if c.a_des_erreurs("date_lettre") else date_du_jour(saisies))
    if not valeurs["factures"] and not c.a_des_erreurs("factures"):
        c.ajouter("factures", "Ajoutez au moins une facture : " + ", ".join(
            COLONNES[cle].designation for cle in modele.champs_facture) + ".")
    si_payee = modele.refus_payee(valeurs["inclure_penalites"])
    factures = [_controler_facture(c, modele, rang, lue, date_lettre, si_payee) for rang, lue in valeurs["factures"]]
    factures_repetees(c, valeurs["factures"], FACTURES.param)
    c.lever_si_erreurs()  # une facture sans montant lisible a déjà son erreur : il n'en reste aucune à None
    return Saisies(modele=modele, textes=textes, date_lettre=date_lettre, delai=valeurs["delai"],
                   tribunal=tribunal_competent(valeurs["creancier_qualite"], valeurs["debiteur_qualite"]),
                   taux=valeurs["taux"],
                   # Une lettre qui ne réclame pas les pénalités impute les acomptes sur le principal.
                   imputation=valeurs["imputation"] if modele.chiffre(valeurs["inclure_penalites"]) else "principal",
                   avec_calcul=modele.chiffre(valeurs["inclure_penalites"]), prolonger=valeurs["prolonger"],
                   factures=tuple(factures),
                   plan={nom: valeurs[nom] or "" for nom in PLAN})


def _annees_plausibles(c: Collecteur, valeurs: dict) -> None:
    """Une date après 2100 est une faute de frappe, même dans une lettre qui ne calcule rien :
    refusée au champ, comme dans les calculateurs."""
    dates = [("date_lettre", valeurs["date_lettre"])]  # `plan_premiere` : bornée par l'échéancier
    for rang, lue in valeurs["factures"]:
        dates += [(f"{FACTURES.param}-{rang}-{cle}", lue[cle]) for cle in ("date", "echeance", "paiement")]
        dates += [(f"{FACTURES.param}-{rang}-acomptes", a["date"]) for a in lue["acomptes"] or ()]
    c.erreurs += apres_le_dernier_jour(dates, "Les lettres s'arrêtent")


def _controler_facture(c: Collecteur, modele: Modele, rang: int, lue: dict, date_lettre,
                       si_payee: str) -> Facture | None:
    """Ce que la lettre exige de la facture n° `rang`, et la cohérence de ses dates ; `si_payee` : pourquoi
    la lettre refuse une facture payée (`Modele.refus_payee`), vide si elle l'accepte."""
    nom = f"la facture n° {rang}"

    def champ(cle: str) -> str:
        return f"{FACTURES.param}-{rang}-{cle}"

    for cle in modele.champs_facture:
        # Un numéro aux « : » non échappés (`deux_points_du_numero`) a décalé les cellules : son message suffit.
        if lue[cle] is None and not c.a_des_erreurs(champ(cle)) and not numero_decale(c, champ("numero")):
            pourquoi = " : une mise en demeure doit désigner précisément chaque créance" \
                if modele.cle == "mise-en-demeure" and cle == "numero" else ""
            c.ajouter(champ(cle), f"Saisissez {COLONNES[cle].designation} de {nom}{pourquoi}.")
    numero, date, echeance, paiement = lue["numero"] or "", lue["date"], lue["echeance"], lue["paiement"]
    if len(numero) > NUMERO_MAX:
        c.ajouter(champ("numero"), f"Le numéro de {nom} dépasse {NUMERO_MAX} caractères.")
    if date and echeance and echeance < date:
        c.ajouter(champ("echeance"), f"L'échéance de {nom} précède sa date d'émission : vérifiez les deux dates.")
    if paiement and date_lettre and paiement > date_lettre:
        c.ajouter(champ("paiement"), f"La date de paiement de {nom} est postérieure à la date de la lettre.")
    if paiement and date and paiement < date:
        c.ajouter(champ("paiement"), f"La date de paiement de {nom} ({fr.date_courte(paiement)}) précède sa date "
                                     f"d'émission ({fr.date_courte(date)}) : vérifiez les deux dates.")
    elif modele.echue and echeance and paiement and echeance >= paiement:
        c.ajouter(champ("paiement"), f"La facture n° {rang}, payée le {fr.date_courte(paiement)}, l'a été à "
                                     f"l'échéance ou avant (le {fr.date_courte(echeance)}) : elle n'est pas en retard, "
                                     f"et cette lettre vise des factures échues. Retirez-la, ou vérifiez les dates.")
    elif paiement and si_payee:
        c.ajouter(champ("paiement"), f"La facture n° {rang} est marquée payée le {fr.date_courte(paiement)} : "
                                     f"{si_payee} Sinon, retirez-la, ou effacez sa date de paiement si elle reste due.")
    elif modele.echue and echeance and not paiement and date_lettre and echeance >= date_lettre:
        c.ajouter(champ("echeance"), f"La facture n° {rang} n'est pas en retard au {fr.date_courte(date_lettre)} "
                                     f"(échéance le {fr.date_courte(echeance)}) : cette lettre vise des factures "
                                     f"échues ; pour une facture à venir, choisissez le rappel avant l'échéance.")
    elif modele.a_echoir and echeance and not paiement and date_lettre and echeance < date_lettre:
        c.ajouter(champ("echeance"), f"La facture n° {rang} est échue depuis le {fr.date_courte(echeance)} : un "
                                     f"rappel avant l'échéance annonce un paiement à venir. Pour une facture échue, "
                                     f"choisissez la première relance.")
    acomptes = lue["acomptes"] or ()
    if acomptes and modele.cle == "remerciement":
        acomptes = ()  # facture soldée : ses acomptes font partie du règlement remercié
    elif acomptes and not modele.echue:
        c.ajouter(champ("acomptes"), f"Les acomptes de {nom} ne sont repris que dans les lettres qui visent des "
                                     f"factures échues : pour le rappel avant l'échéance, saisissez le montant "
                                     f"restant dû.")
    if lue["montant"] is None:
        return None
    return Facture(rang, numero, date, lue["montant"], echeance, paiement, acomptes)


# --- Erreurs des calculateurs appelés, rapportées aux champs de la lettre --------------------------


def erreurs_calculateur(facture: Facture, erreurs: list[dict], acompte: bool = False) -> list[ErreurChamp]:
    """Erreurs du calculateur de pénalités ou d'intérêts moratoires sur une facture → champs de cette
    facture dans la lettre (`acompte` : la somme calculée est un acompte, son paiement est sa date)."""
    def champ(cle: str) -> str:
        return f"{FACTURES.param}-{facture.rang}-{cle}"

    paiement = champ("acomptes") if acompte else champ("paiement") if facture.paiement else "date_lettre"
    ancres = {"montant": champ("acomptes") if acompte else champ("montant"), "echeance": champ("echeance"),
              "reception": champ("echeance"), "demande": champ("echeance"), "taux": "taux", "paiement": paiement}
    prefixe = f"{ACOMPTES.param}-"
    return [ErreurChamp(champ("acomptes") if e["field"].startswith(prefixe) else ancres.get(e["field"], e["field"]),
                        f"Facture n° {facture.rang} : {fr.apres_deux_points(e['message'])}") for e in erreurs]


def erreur_acompte_apres(facture: Facture, fin: dt.date) -> ErreurChamp | None:
    """Un acompte daté après `fin`, le paiement du solde ou, facture impayée, la date de la lettre, où
    s'arrêtent les calculs. Dit ici, pas par le calculateur appelé : lui ne connaît que sa date de
    paiement, et parlait du « paiement du solde » d'une facture que la lettre réclame encore."""
    for rang, a in enumerate(facture.acomptes, start=1):
        if a["date"] > fin:
            apres = (f"après le paiement du solde ({fr.date_courte(fin)})" if facture.paiement else
                     f"après la date de la lettre ({fr.date_courte(fin)}) : une lettre ne compte que les acomptes "
                     f"reçus à sa date. Vérifiez la date de l'acompte, ou celle de la lettre")
            message = f"Facture n° {facture.rang} : l'acompte n° {rang} est daté du {fr.date_courte(a['date'])}, {apres}."
            return ErreurChamp(f"{FACTURES.param}-{facture.rang}-acomptes", message)
    return None


def erreur_acomptes_moratoires(facture: Facture, fin: dt.date) -> ErreurChamp | None:
    """Acomptes d'une demande de paiement : avant le paiement du solde (ou la lettre), et laissant un reste."""
    champ = f"{FACTURES.param}-{facture.rang}-acomptes"
    if (erreur := erreur_acompte_apres(facture, fin)) is not None:
        return erreur
    if sum((a["montant"] for a in facture.acomptes), Decimal(0)) >= facture.montant:
        return ErreurChamp(champ, f"Facture n° {facture.rang} : les acomptes atteignent ou dépassent son montant "
                                  f"({fr.euros(facture.montant)}). Un versement qui solde la facture est le "
                                  f"paiement : indiquez sa date comme date de paiement.")
    return None


def erreur_mensualite_1343_2() -> ErreurChamp:
    return ErreurChamp("plan_mensualite", "Échéancier : avec un taux d'intérêt, les pénalités de retard sont "
                                          "étalées à part, sans intérêts (C. civ. art. 1343-2) : indiquez le nombre "
                                          "d'échéances plutôt que leur montant, ou laissez le taux vide.")


def erreurs_echeancier(erreurs: list[dict]) -> list[ErreurChamp]:
    """Erreurs du calculateur d'échéancier → champs `plan_*` (la somme étalée vient des factures)."""
    def champ(cle: str) -> str:
        return "factures" if cle == "montant" else f"plan_{cle}" if f"plan_{cle}" in PLAN else cle

    return [ErreurChamp(champ(e["field"]), f"Échéancier : {fr.apres_deux_points(e['message'])}") for e in erreurs]


# --- Lien d'un calculateur vers une lettre ----------------------------------------------------------


def lien_lettre(modele: str, factures: list[dict], **valeurs) -> str:
    """Fragment (sans « # ») qui ouvre la page des lettres sur `modele`, avec ces factures et ces champs.

    Une facture est un dict de valeurs lues (`montant` Decimal, `echeance` date, `acomptes`
    ({date, montant}, …)…) ; ses cellules absentes restent vides. Dates ISO, montants au point.

    >>> lien_lettre("note-de-debit", [{"montant": Decimal("10000.00"), "echeance": dt.date(2023, 11, 30),
    ...     "acomptes": ({"date": dt.date(2023, 12, 15), "montant": Decimal("4000.00")},)}], taux=Decimal("12"))
    'modele=note-de-debit&facture=::10000.00:2023-11-30::2023-12-15:4000.00&taux=12'
    """
    lignes = [(rang, {col.nom: f.get(col.nom) for col in FACTURES.colonnes}) for rang, f in enumerate(factures, 1)]
    return FORMULAIRE.lien({**valeurs, "modele": modele, "factures": lignes})
