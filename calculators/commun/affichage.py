"""Contrat d'affichage commun à tous les calculateurs.

Chaque calculateur rend, à côté de ses valeurs exactes, un objet `affichage` déjà en français :
`titre`, `phrase` (l'explication en une ou deux phrases), `resume` (libellé/valeur/`cle`, et
`etat: "alerte"` pour une réponse défavorable, que la page marque comme telle),
`tableaux` (colonnes, lignes, pied facultatif ; `lignes_titrees` : la première cellule de chaque
ligne la nomme, en-tête de ligne pour un lecteur d'écran et titre du bloc sur un écran étroit ;
`titre_ligne` : le rang de la colonne qui nomme chaque ligne sans en être le titre (le client d'une
balance par client), en-tête de ligne pour un lecteur d'écran, cellule comme les autres à l'écran ;
`numeriques` : colonnes de nombres, alignées à droite ; `insecables` : colonnes jamais coupées,
numéros de facture, comptes, dates ; `zero` : le texte d'un montant nul, que la carte d'une
ligne sur un écran étroit ne montre pas ; `a_l_ecran` : colonnes de liens, dont chaque cellule est
`{liens: [{texte, titre, url, onglet}]}`, ni imprimées ni dans le texte ; `tient_sur_telephone` :
quatre ou cinq colonnes courtes, gardées en tableau sur un écran étroit au lieu d'une carte par ligne),
`avertissements`, `notes` (méthode), `sources`, `texte`,
et au besoin `liens` (suites proposées : `{libelle, url}` relatifs à la page ; `onglet` : à
ouvrir dans un nouvel onglet, pour garder le résultat), `liens_titre` (ce qu'ils sont) et `fichiers`
(téléchargements produits par Python : `{nom, type, contenu, libelle}`, plus `encodage` facultatif,
et `telechargement`, le nom du fichier enregistré s'il diffère de `nom`).
`contenu` est du texte, offert tel quel ; pour un fichier binaire (un .odt, qui est une archive
zip), `encodage: "base64"` dit que `contenu` est ces octets en base64, que la page décode en
octets sans les interpréter. Sans `encodage`, rien ne change.
La page l'insère tel quel ; aucun chiffre n'est calculé ni mis en forme en JavaScript.
"""

from __future__ import annotations

from . import format_fr as fr


# Le chiffre à retenir (total à réclamer, date limite, encours échu, conformité) : en tête du
# résumé, à l'écran (où la feuille de style le grossit), pour un lecteur d'écran, dans le texte copié
# et dans la ligne de commande.
CHIFFRES_A_RETENIR = ("total", "date-limite", "echu", "conforme")


def resume_ordonne(resume: list) -> list:
    """Le résumé, le chiffre à retenir d'abord, le reste dans son ordre.

    >>> [x["cle"] for x in resume_ordonne([{"cle": "penalites"}, {"cle": "indemnite"}, {"cle": "total"}])]
    ['total', 'penalites', 'indemnite']
    """
    return ([x for x in resume if x.get("cle") in CHIFFRES_A_RETENIR]
            + [x for x in resume if x.get("cle") not in CHIFFRES_A_RETENIR])


def projection(paiement, aujourdhui, ce_qui_court: str, article: str, du_principal: bool = False) -> list[str]:
    """L'avertissement d'un paiement encore à venir (vide sinon) : les chiffres supposent qu'il aura
    lieu ce jour-là, pas plus tard. `ce_qui_court` : « Les pénalités », « Les intérêts »…

    >>> import datetime as dt
    >>> projection(dt.date(2026, 1, 5), dt.date(2026, 1, 5), "Les intérêts", "C. civ. art. 1231-6")
    []
    """
    if aujourdhui is None or paiement <= aujourdhui:
        return []
    return [f"La date de paiement ({fr.date_courte(paiement)}) est postérieure à aujourd'hui "
            f"({fr.date_longue(aujourdhui)})\u00a0: ce résultat est une projection, qui suppose un paiement "
            f"{'du principal ' if du_principal else ''}ce jour-là. {ce_qui_court} courent jusqu'au paiement effectif "
            f"({article})\u00a0: refaites le calcul avec sa date."]


def _typo(valeur):
    """Chaîne : à la typographie française ; liste : chacun de ses éléments ; le reste (liens d'une
    cellule, nombres) tel quel."""
    if isinstance(valeur, str):
        return fr.typographie(valeur)
    if isinstance(valeur, list):
        return [_typo(v) for v in valeur]
    return valeur


def typographier(rendu: dict) -> dict:
    """Le texte montré (titre, phrase, résumé, tableaux, avertissements, méthode, sources, suites, annonce) à la
    typographie française, en place : la ponctuation ne commence jamais une ligne, sur un téléphone
    non plus. Ni le texte à copier, ni les fichiers, ni les adresses ne changent.

    >>> typographier({"phrase": "Total : 10 €", "resume": [{"libelle": "A ?", "valeur": "1", "cle": "x"}]})
    {'phrase': 'Total\xa0: 10\xa0€', 'resume': [{'libelle': 'A\xa0?', 'valeur': '1', 'cle': 'x'}]}
    """
    # Des listes et dictionnaires neufs : les sources et avertissements sont aussi ceux des données
    # exactes du résultat (JSON de la ligne de commande), qui ne changent pas.
    for cle in ("titre", "phrase", "avertissements", "notes", "liens_titre", "annonce"):
        if cle in rendu:
            rendu[cle] = _typo(rendu[cle])
    for cle in ("resume", "sources", "liens"):
        if cle in rendu:
            rendu[cle] = [{**x, **{k: _typo(x[k]) for k in ("libelle", "valeur") if k in x}} for x in rendu[cle]]
    if "tableaux" in rendu:
        rendu["tableaux"] = [{**t, **{k: _typo(t[k]) for k in ("titre", "colonnes", "lignes", "pied") if t.get(k)}}
                             for t in rendu["tableaux"]]
    return rendu


def texte_brut(rendu: dict) -> str:
    """Version texte du résultat, pour le bouton « Copier » et la ligne de commande."""
    morceaux = [rendu["titre"], "", rendu["phrase"], ""]
    morceaux += [f"{r['libelle']} : {r['valeur']}" for r in resume_ordonne(rendu["resume"])]
    for tableau in rendu["tableaux"]:
        morceaux += ["", tableau["titre"]]
        # Les colonnes « à l'écran » (liens) n'ont rien à dire en texte.
        ecran = set(tableau.get("a_l_ecran", ()))
        rangees = [[x for i, x in enumerate(ligne) if i not in ecran] for ligne in
                   [tableau["colonnes"], *tableau["lignes"]] + ([tableau["pied"]] if tableau.get("pied") else [])]
        # Une ligne de texte seul (autres cellules vides : le (C) du tableau D441-6) déborde sans
        # élargir la première colonne de tout le tableau.
        pleines = [ligne for ligne in rangees if any(str(x) for x in ligne[1:])] or rangees
        largeurs = [max(len(str(x)) for x in colonne) for colonne in zip(*pleines)]
        for ligne in rangees:
            morceaux.append("  ".join(str(x).ljust(n) for x, n in zip(ligne, largeurs)).rstrip())
    for titre, elements in (("Avertissements", rendu["avertissements"]), ("Méthode", rendu["notes"])):
        if elements:
            morceaux += ["", titre] + [f"- {e}" for e in elements]
    morceaux += ["", "Sources"] + [f"- {s['libelle']}" + (f" : {s['url']}" if s["url"] else "")
                                   for s in rendu["sources"]]
    return "\n".join(morceaux)
