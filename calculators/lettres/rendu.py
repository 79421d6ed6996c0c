"""Rendu d'une lettre : gabarit Jinja2 → HTML, texte brut et .odt, et ce que la page affiche.

L'échappement automatique est actif : un champ qui contient du HTML ou de la syntaxe de gabarit
(« <script> », « {{ 7*7 }} ») ressort tel que tapé. Jinja2 n'est importé qu'ici, au rendu : le
paquet et les autres calculateurs s'importent sans lui, et dans Pyodide le worker ne charge
jinja2 que lorsqu'une lettre est demandée.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

from ..commun import format_fr as fr
from ..commun.sources import source
from ..delai.regles import plafond_general
from ..delai.rendu import jour_non_ouvre
from ..penalites.rendu import prescription
from .catalogue import MORATOIRES
from .champs import FORMULAIRE, Saisies
from .contexte import contexte, valeurs_exactes
from .odt import TYPE_MIME as TYPE_ODT
from .odt import document_odt
from .regles import TRIBUNAL_A_VERIFIER, Chiffres, date_limite
from .texte import vers_texte

MODELES = Path(__file__).resolve().parent / "modeles"
# Lettres qui réclament le principal : si tout est payé, c'est une note de débit qu'il faut.
RECLAMENT_LE_PRINCIPAL = ("relance-2", "mise-en-demeure", "injonction-de-payer", "mediateur")
# Lettres qui citent le tribunal de l'injonction de payer (regles.tribunal_competent).
CITENT_LE_TRIBUNAL = ("mise-en-demeure", "injonction-de-payer")


# Légendes des tableaux de factures, au singulier pour une lettre d'une seule facture.
LEGENDES_AU_SINGULIER = {
    "Factures concernées": "Facture concernée", "Factures impayées": "Facture impayée",
    "Factures réglées en retard": "Facture réglée en retard", "Factures en retard": "Facture en retard",
    "Factures réglées": "Facture réglée", "Factures à échoir": "Facture à échoir", "Factures échues": "Facture échue",
}


def _environnement():
    import jinja2  # ici seulement : les autres calculateurs n'en ont pas besoin

    environnement = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(MODELES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environnement.filters["au_singulier"] = lambda legende: LEGENDES_AU_SINGULIER.get(legende, legende)
    return environnement


def rendre(modele: str, ctx: dict) -> str:
    """Fragment HTML de la lettre (échappement automatique), à la typographie française."""
    return typographie(_environnement().get_template(f"{modele}.html.j2").render(ctx))


def typographie(fragment: str) -> str:
    r"""Espaces insécables de la ponctuation française (`format_fr.typographie`) dans le texte d'un
    fragment HTML, jamais dans une balise ou un attribut : aperçu, impression, .txt et .odt, tous
    tirés de ce fragment.

    >>> typographie('<p class="a : b">Objet : facture n° F1 « payée » ?</p>')
    '<p class="a : b">Objet\xa0: facture n°\xa0F1 «\xa0payée\xa0»\xa0?</p>'
    """
    return "".join(m if m.startswith("<") else fr.typographie(m) for m in re.split(r"(<[^>]*>)", fragment))


def document_html(fragment: str, titre: str) -> str:
    """Document HTML complet, autonome et imprimable (A4), autour du fragment déjà échappé."""
    import markupsafe

    return _environnement().get_template("_document.html.j2").render(titre=titre, contenu=markupsafe.Markup(fragment))


def resultat(s: Saisies, ch: Chiffres, html: bool = False) -> dict:
    """La lettre en HTML, texte et .odt, ses chiffres exacts et son affichage.

    `html` (ligne de commande, `--format html`) : le document HTML remplace le texte à imprimer.
    """
    ctx = contexte(s, ch)
    fragment = rendre(s.modele.cle, ctx)
    titre = f"{s.modele.titre} — {ctx['creancier']['nom']}"
    document = document_html(fragment, titre)
    donnees = {"ok": True, "calculateur": FORMULAIRE.calculateur, "modele": s.modele.cle, "titre": s.modele.titre,
               **valeurs_exactes(s, ch), "texte": vers_texte(fragment), "html": document,
               # .odt : octets (zip), transportés en base64 dans le JSON comme dans `affichage.fichiers`.
               "odt_base64": base64.b64encode(document_odt(fragment, titre)).decode("ascii"),
               "sources": [source(cle) for cle in s.modele.sources]}
    donnees["avertissements"] = _avertissements(s, ch, ctx, donnees)
    donnees["affichage"] = affichage(s, ctx, donnees, fragment)
    if html:
        donnees["affichage"]["texte"] = document
    return donnees


def _avertissements(s: Saisies, ch: Chiffres, ctx: dict, donnees: dict) -> list[str]:
    modele = s.modele
    messages = _avertissements_des_calculateurs(ch) + _prescriptions_sans_calcul(s, ch) + _acomptes_avant_la_facture(s)
    for f in donnees["factures"]:
        if f["penalites"] is not None and f["jours_retard"] == 0:
            messages.append(f"La facture {f['numero']} n'a aucun jour de retard : ni pénalités ni indemnité.")
    if modele.cle == "mise-en-demeure":
        messages += _date_limite_non_ouvree(date_limite(s.date_lettre, s.delai))
    if modele.cle == "mise-en-demeure" and ctx["tout_paye"]:
        messages.append("Toutes les factures sont marquées comme payées : la mise en demeure ne réclame que les "
                        "pénalités de retard et l'indemnité forfaitaire. Si vous ne les avez pas encore facturées, "
                        "envoyez d'abord la note de débit.")
    elif modele.cle in RECLAMENT_LE_PRINCIPAL and ctx["tout_paye"]:
        messages.append("Toutes les factures sont marquées comme payées : seuls les pénalités et l'indemnité "
                        "restent dus. La note de débit est sans doute la lettre qu'il vous faut.")
    if modele.cle in CITENT_LE_TRIBUNAL and s.tribunal == TRIBUNAL_A_VERIFIER:
        messages.append("Vous n'êtes ni commerçant ni artisan et votre client l'est : la loi ne dit pas clairement "
                        "quel tribunal saisir (C. com. art. L721-3 ; CPC art. 1406). La lettre cite « le tribunal "
                        "compétent » : interrogez le greffe ou votre avocat avant de déposer la requête.")
    if modele.cle == "remerciement":
        en_retard = [f["numero"] or "sans numéro" for f in donnees["factures"]
                     if f["paiement"] and f["echeance"] and f["paiement"] > f["echeance"]]
        if en_retard:
            pl = "s" if len(en_retard) > 1 else ""
            messages.append(f"Facture{pl} payée{pl} après l'échéance : {', '.join(en_retard)}. Ce remerciement ne "
                            f"réclame ni les pénalités ni l'indemnité de 40\u00a0€ (C. com. L441-10 II, D441-5), qui "
                            f"restent dues : la note de débit les chiffre.")
    if modele.calcul != MORATOIRES:
        messages += _echeances_hors_plafond(ch)
    if modele.calcul == MORATOIRES:
        messages.append("Taux des intérêts moratoires : un seul taux pour tout le retard (R2192-31). Le délai de "
                        "paiement d'un acheteur public court de la réception de la demande de paiement : saisissez "
                        "comme échéance la date limite ainsi calculée (calculateur d'intérêts moratoires).")
    return messages + _avertissements_du_plan(ctx.get("plan"), ch.plan)


def _echeances_hors_plafond(ch: Chiffres) -> list[str]:
    """Une échéance convenue au-delà du plafond général du délai de paiement entre professionnels : 60 jours
    après la facture, ou 45 jours fin de mois dans l'une ou l'autre lecture (C. com. art. L441-10 I, mêmes
    fonctions que le calculateur de délai). La lettre compte les pénalités de l'échéance saisie : dit, pas corrigé."""
    messages = []
    for fc in ch.factures:
        f = fc.facture
        if f.date is None or f.echeance is None:
            continue
        plafond = plafond_general(f.date)
        if f.echeance > plafond:
            messages.append(f"Facture {f.nom} : l'échéance du {fr.date_courte(f.echeance)} "
                            f"dépasse le plafond légal d'une facture du {fr.date_courte(f.date)}, le "
                            f"{fr.date_courte(plafond)} au plus tard (60 jours, ou 45 jours fin de mois convenus : "
                            f"C. com. art. L441-10 I), sauf délai propre à un secteur (L441-11 à L441-13). Un "
                            f"délai plus long est passible d'une amende administrative (L441-16) ; la lettre compte "
                            f"les pénalités à partir de l'échéance saisie : vérifiez-la avec le calculateur de "
                            f"délai de paiement.")
    return messages


def _date_limite_non_ouvree(jour) -> list[str]:
    """La date limite d'une mise en demeure un samedi, un dimanche ou un jour férié (25/12) : rien ne
    l'interdit, mais un débiteur y verra un délai raccourci ; le créancier choisit le délai, il peut l'ajuster."""
    quoi = jour_non_ouvre(jour)
    if quoi is None:
        return []
    return [f"La date limite de paiement ({fr.date_courte(jour)}) tombe {quoi} : un débiteur peut y voir un délai "
            f"raccourci. Allongez le délai d'un jour ou deux pour qu'elle tombe un jour ouvré."]


def _prescriptions_sans_calcul(s: Saisies, ch: Chiffres) -> list[str]:
    """C. com. L110-4 pour les factures que la lettre ne chiffre pas (le calculateur de pénalités le dit
    des autres) : une relance ou un échéancier d'une créance prescrite ne la fait pas revivre (un
    échéancier interrompt une prescription en cours, C. civ. art. 2240, pas une prescription acquise)."""
    return [f"Facture {fc.facture.nom} : {message}" for fc in ch.factures
            if fc.calcul is None and fc.facture.echeance is not None
            for message in prescription(fc.facture.echeance, fc.facture.paiement, s.date_lettre)]


def _acomptes_avant_la_facture(s: Saisies) -> list[str]:
    """Un acompte daté d'avant la facture : versé à la commande, il est possible (le calculateur de pénalités
    impute sur le principal tout acompte reçu avant l'échéance) ; une faute de frappe aussi : dit, pas refusé."""
    return [f"Facture {f.nom} : l'acompte n° {rang} ({fr.date_courte(a['date'])}) précède la "
            f"date de la facture ({fr.date_courte(f.date)}). Versé à la commande, il est déduit du montant TTC saisi, "
            f"comme les autres acomptes ; sinon, corrigez sa date."
            for f in s.factures if f.date for rang, a in enumerate(f.acomptes, start=1) if a["date"] < f.date]


def _avertissements_des_calculateurs(ch: Chiffres) -> list[str]:
    """Ce que les calculateurs ont signalé sur chaque facture (taux non confirmé, plancher, prescription…),
    repris mot pour mot ; un même message pour plusieurs factures n'est écrit qu'une fois."""
    factures: dict[str, dict[str, None]] = {}
    for fc in ch.factures:
        for message in fc.calcul.avertissements if fc.calcul else ():
            factures.setdefault(message, {})[fc.facture.nom] = None
    # « Pour chacune » : un montant du message (« relevées au plancher, … seraient de 375,95 € ») est
    # celui de chaque facture, pas leur total.
    return [(f"Pour chacune des factures {fr.enumeration(list(numeros))} : " if len(numeros) > 1
             else f"Facture {next(iter(numeros))} : ") + message for message, numeros in factures.items()]


def _avertissements_du_plan(ctx_plan: dict | None, plan: dict | None) -> list[str]:
    if plan is None:
        return []
    messages = [f"Échéancier : {fr.apres_deux_points(message)}" for message in plan["avertissements"]]
    if ctx_plan["sans_interets"]:
        messages.append(
            f"Échéancier : le taux de {ctx_plan['taux']} ne s'applique qu'au principal et aux indemnités forfaitaires "
            f"({ctx_plan['base_interets']}). Les pénalités de retard ({ctx_plan['sans_interets']}) sont étalées sans "
            f"intérêts : des intérêts échus, comme elles, ne produisent intérêt que s'ils sont dus pour une année "
            f"entière et si le contrat le prévoit (C. civ. art. 1343-2). L'indemnité de 40\u00a0€ n'est pas un intérêt "
            f"mais un forfait (C. com. art. D441-5) : elle porte intérêt avec le principal.")
    return messages


def _nom_fichier(modele: str, ctx: dict, date_lettre: str) -> str:
    numeros = "-".join(f["numero"] for f in ctx["factures"][:3])
    base = re.sub(r"[^A-Za-z0-9._-]+", "-", f"{modele}-{numeros}".strip("-")).strip("-")[:80]
    return f"{base or modele}-{date_lettre}"


def _resume(s: Saisies, ctx: dict) -> list[dict]:
    resume = [{"libelle": "Lettre", "valeur": s.modele.titre, "cle": "modele"},
              {"libelle": "Factures", "valeur": ctx["nombre_factures"], "cle": "factures"},
              {"libelle": "Principal restant dû", "valeur": ctx["totaux"]["principal_du"], "cle": "principal"}]
    if s.avec_calcul:
        libelle = "Intérêts moratoires" if s.modele.calcul == MORATOIRES else "Pénalités de retard"
        resume += [{"libelle": f"{libelle} au {fr.date_courte(s.date_lettre)}", "valeur": ctx["totaux"]["penalites"],
                    "cle": "penalites"},
                   {"libelle": _libelle_indemnites(ctx), "valeur": ctx["totaux"]["indemnites"], "cle": "indemnites"},
                   # « dû », pas « réclamé » : une première relance ne demande que le principal, une note de débit
                   # que les pénalités et indemnités ; ce total est ce que le client doit en tout.
                   {"libelle": "Total dû", "valeur": ctx["totaux"]["total"], "cle": "total"}]
    return resume


def _libelle_indemnites(ctx: dict) -> str:
    unitaire = ctx["indemnite_unitaire"]["chiffres"]
    if ctx["plusieurs_indemnites"]:
        return f"Indemnités forfaitaires ({unitaire} par facture)"
    return f"Indemnité forfaitaire ({unitaire})"


def affichage(s: Saisies, ctx: dict, donnees: dict, fragment: str) -> dict:
    """Ce que la page montre : la lettre (aperçu HTML échappé), son résumé, ses fichiers."""
    base = _nom_fichier(s.modele.cle, ctx, donnees["date_lettre"])
    return {
        "titre": s.modele.titre,
        "phrase": f"Votre lettre « {s.modele.titre} » est prête : relisez-la dans l'aperçu ci-dessous, puis "
                  f"imprimez-la, copiez-la ou téléchargez-la. À envoyer {s.modele.quand}.",
        "resume": _resume(s, ctx),
        "tableaux": [],
        "avertissements": donnees["avertissements"],
        "notes": [
            "Les montants viennent des calculateurs du site (pénalités de retard, intérêts moratoires, "
            "échéancier) : les mêmes "
            "fonctions, les mêmes arrondis. Aucun chiffre n'est calculé dans le modèle de lettre.",
            "Rien de ce que vous avez tapé n'a quitté votre navigateur : la lettre est produite par Python "
            "(Jinja2) dans la page. Relisez-la et adaptez-la : elle ne remplace pas le conseil d'un avocat.",
        ],
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
