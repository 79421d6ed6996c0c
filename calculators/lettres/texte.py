"""Version texte brut d'une lettre : paragraphes coupés à 78 colonnes, tableaux alignés.

Le HTML de la lettre est lu par `analyse_html` (la même lecture que pour le .odt) ; ce module ne
fait que la mise en page en texte.
"""

from __future__ import annotations

import re
import textwrap

from .analyse_html import ESPACES_ASCII, Liste, Paragraphe, Tableau, analyser

LARGEUR_TEXTE = 78
RETRAIT_DROITE = 40  # bloc à droite (destinataire, lieu et date), comme dans une lettre imprimée
GOUTTIERE = "  "  # entre deux colonnes d'un tableau en texte
RETRAIT = "  "  # suite d'une cellule coupée sur plusieurs lignes
A_DROITE = ("lettre-destinataire", "lettre-lieu-date")


def _serrer(texte: str) -> str:
    return ESPACES_ASCII.sub(" ", texte).strip()


# Typographie française : ni « : ; ! ? » » en début de ligne, ni « « » en fin de ligne. L'espace qui
# les sépare du mot voisin est tenue le temps de la coupure (caractère privé), puis rendue telle quelle.
_TENUE = "\ue000"
_A_TENIR = re.compile(r" (?=[:;!?»])|(?<=«) ")


def _couper(ligne: str, **options) -> list[str]:
    return [morceau.replace(_TENUE, " ")
            for morceau in textwrap.wrap(_A_TENIR.sub(_TENUE, ligne), LARGEUR_TEXTE, **options)] or [""]


def _paragraphe(p: Paragraphe) -> str:
    lignes = [_serrer(ligne) for ligne in p.texte().split("\n")]
    if p.genre == "li":
        options = {"initial_indent": "- ", "subsequent_indent": "  "}
    elif any(classe in A_DROITE for classe in p.classes):
        # Retrait réduit pour que la plus longue ligne du bloc tienne ; coupée seulement si elle dépasse.
        retrait = " " * max(0, min(RETRAIT_DROITE, LARGEUR_TEXTE - max(len(ligne) for ligne in lignes)))
        options = {"initial_indent": retrait, "subsequent_indent": retrait, "break_on_hyphens": False}
    else:
        options = {"break_on_hyphens": False}
    return "\n".join(morceau for ligne in lignes for morceau in _couper(ligne, **options))


def _blocs(blocs: list) -> list[str]:
    sortie = []
    for bloc in blocs:
        if isinstance(bloc, Liste):
            sortie += _blocs(bloc.elements)
        elif isinstance(bloc, Tableau):
            if bloc.legende is not None and bloc.legende.texte().strip():
                sortie.append(_paragraphe(bloc.legende))
            lignes = [[(_serrer(" ".join(b.texte() for b in c.blocs)), c.portee) for c in r.cellules]
                      for r in bloc.rangees]
            if any(lignes):
                sortie.append(tableau_texte([ligne for ligne in lignes if ligne]))
        elif bloc.texte().strip():
            sortie.append(_paragraphe(bloc))
    return sortie


def vers_texte(fragment: str) -> str:
    """Version texte d'un fragment HTML de lettre.

    >>> print(vers_texte("<p>Madame, Monsieur &lt;Dupont&gt;,</p><ul><li>un</li><li>deux</li></ul>"), end="")
    Madame, Monsieur <Dupont>,
    - un
    - deux
    """
    texte = "\n\n".join(_blocs(analyser(fragment)))
    # Les puces d'une même liste restent groupées, et collées à la phrase qui les annonce.
    return re.sub(r"\n\n(?=- )", "\n", texte) + "\n"


# --- Tableaux ----------------------------------------------------------------------------------------


def _plus_long_mot(texte: str) -> int:
    # Les espaces insécables de format_fr ne coupent pas : « 10 000,00 € » reste d'un bloc.
    return max((len(mot) for mot in ESPACES_ASCII.split(texte)), default=0)


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


def _grille(lignes: list[list[tuple[str, int]]], n: int) -> list[list[tuple[int, int, str]]]:
    """Par ligne : (première colonne, nombre de colonnes, texte) de chaque cellule."""
    grille = []
    for ligne in lignes:
        colonne, cases = 0, []
        for texte, portee in ligne:
            cases.append((colonne, min(portee, n - colonne), texte))
            colonne += portee
        grille.append(cases)
    return grille


def _largeurs(grille, n: int, largeur: int) -> tuple[list[int], list[int]]:
    """Largeur naturelle (sans coupure) et minimale (coupée entre les mots) de chaque colonne."""
    naturelles, minimales = [0] * n, [0] * n
    for debut, portee, texte in (case for cases in grille for case in cases if case[1] == 1):
        naturelles[debut] = max(naturelles[debut], len(texte))
        minimales[debut] = max(minimales[debut], min(len(texte), _plus_long_mot(texte) + len(RETRAIT)))
    for debut, portee, texte in (case for cases in grille for case in cases if case[1] > 1):
        # Une cellule fusionnée élargit au besoin sa dernière colonne.
        fin = debut + portee - 1
        place = sum(naturelles[debut:fin + 1]) + len(GOUTTIERE) * (portee - 1)
        naturelles[fin] += max(0, len(texte) - place)
        minimales[fin] = max(minimales[fin], naturelles[fin] - max(0, place - _plus_long_mot(texte) - len(RETRAIT)))
    if naturelles[0] <= largeur // 2:  # la première colonne (numéro de facture) n'est pas coupée, sauf très longue
        minimales[0] = naturelles[0]
    return naturelles, minimales


def _groupes(minimales: list[int], largeur: int) -> list[list[int]]:
    """Toutes les colonnes si le tableau peut tenir ; sinon des groupes qui répètent la première."""
    def tient(colonnes):
        return sum(minimales[i] for i in colonnes) + len(GOUTTIERE) * (len(colonnes) - 1) <= largeur

    tout = list(range(len(minimales)))
    if tient(tout):
        return [tout]
    groupes, courant = [], [0]
    for i in tout[1:]:
        if len(courant) > 1 and not tient(courant + [i]):
            groupes.append(courant)
            courant = [0]
        courant.append(i)
    return groupes + [courant]


def _morceau(grille, largeurs: dict[int, int]) -> str:
    """Les colonnes `largeurs` du tableau, cellules coupées à leur largeur."""
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
        for k in range(max((len(b) for _, b in blocs), default=0)):
            rendu.append(GOUTTIERE.join((b[k] if k < len(b) else "").ljust(place) for place, b in blocs).rstrip())
    return "\n".join(rendu)


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
    grille = _grille(lignes, n)
    naturelles, minimales = _largeurs(grille, n, largeur)
    morceaux = []
    for colonnes in _groupes(minimales, largeur):
        ajustees = _ajuster([naturelles[i] for i in colonnes], [minimales[i] for i in colonnes], largeur)
        morceaux.append(_morceau(grille, dict(zip(colonnes, ajustees))))
    return "\n\n".join(morceaux)
