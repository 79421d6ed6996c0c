"""Le site hors ligne : service worker, manifeste d'application web et icônes.

- `sw.js` (source : `docs/sw.js`) reçoit ici, à chaque construction, la liste de ce qu'il met
  en cache : chaque fichier avec sa taille et son empreinte, en deux groupes.
  - `pages` : toutes les pages, le plan du site, l'index de recherche et les ressources du thème,
    mis en cache en arrière-plan dès la première visite ;
  - `moteur` : Pyodide, la bibliothèque standard précompilée, le paquet `calculators` et les
    roues des lettres, mis en cache quand un calculateur a démarré (ou sur demande : bouton
    « Disponible hors ligne »).
  La version du cache est l'empreinte de l'ensemble : une nouvelle construction donne un
  nouveau `sw.js`, que le navigateur installe à côté de l'ancien (voir docs/sw.js).
- `mkdocs serve` : pas de service worker (il servirait des pages en cache au lieu de celles que
  l'on modifie). Le `sw.js` servi est alors un « coupe-circuit » qui retire tout service worker
  laissé à la même adresse par un site construit, et vide ses caches ; les pages ne l'inscrivent
  pas (`config.extra.hors_ligne`, lu par overrides/main.html).
- `manifest.webmanifest` et les icônes PNG (faites ici depuis le logo du thème, sans
  bibliothèque d'image : tracé SVG rastérisé en Python, gardé dans `.cache/icones/`) rendent le
  site installable.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import struct
import zlib
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

RACINE = Path(__file__).resolve().parents[2]
CACHE_ICONES = RACINE / ".cache" / "icones"
MARQUE = "/* MANIFESTE */ null"
# Couleur primaire « indigo » de Material (mkdocs.yml, theme.palette.primary) et fond clair.
COULEUR_THEME = "#4051b5"
COULEUR_FOND = "#ffffff"
NOM_COURT = "Impayés clients"
ICONES = (  # (fichier, taille, masquable)
    ("assets/images/icone-192.png", 192, False),
    ("assets/images/icone-512.png", 512, False),
    ("assets/images/icone-masquable-512.png", 512, True),
    ("assets/images/icone-180.png", 180, False),  # apple-touch-icon
)
# Jamais en cache : cartes de sources, fichiers que le site ne charge pas (python_stdlib.zip et
# pyodide-lock.json servent à la page de référence du banc de mesure), et les copies
# précompressées X.gz ou X.br d'un fichier X (pour le serveur : le navigateur demande X).
IGNORES = re.compile(r"(\.map|^sw\.js|^pyodide/python_stdlib\.zip|^pyodide/pyodide-lock\.json|^sitemap\.xml\.gz)$")
PRECOMPRESSE = re.compile(r"\.(gz|br)$")
MOTEUR = re.compile(r"^(pyodide/|assets/calculators\.zip\.gz$|javascripts/(moteur\.worker|amorce\.worker|memoire-creuse)\.mjs$)")
_SERVE = False


def on_startup(command, dirty):
    global _SERVE
    _SERVE = command == "serve"


def on_config(config):
    config.extra["hors_ligne"] = not _SERVE
    config.extra["couleur_theme"] = COULEUR_THEME
    return config


# --- Liste des fichiers ----------------------------------------------------------------------

def _lunr_utiles(config) -> set[str]:
    """Fichiers de langue de lunr que le worker de recherche de Material charge vraiment."""
    recherche = next((p for nom, p in config.plugins.items() if nom.split("/")[-1] == "search"), None)
    toutes = (recherche.config.lang if recherche else None) or []
    langues = [l for l in toutes if l != "en"]
    utiles = {"lunr.stemmer.support.min.js"} if langues else set()
    utiles |= {f"lunr.{l}.min.js" for l in langues}
    if len(toutes) > 1:
        utiles.add("lunr.multi.min.js")
    if "ja" in langues:
        utiles.add("tinyseg.js")
    if "th" in langues:
        utiles.add("wordcut.js")
    return utiles


def _cle(relatif: str) -> str:
    """Adresse relative à la racine du site, telle que le navigateur la demande."""
    if relatif == "index.html":
        return ""
    if relatif.endswith("/index.html"):
        return relatif[: -len("index.html")]
    return relatif


def manifeste(site: Path, lunr: set[str]) -> dict:
    """Ce que le service worker garde : {version, pages: {chemin: [taille, empreinte]}, moteur: {…}}.

    Un fichier du moteur compressé en gzip (instantané mémoire, archive du paquet) porte un
    troisième élément, sa taille décompressée : le service worker le garde décompressé (le worker
    n'a plus à le faire à chaque démarrage), et la page dit la place prise dans le navigateur.
    """
    groupes: dict[str, dict[str, list]] = {"pages": {}, "moteur": {}}
    for fichier in sorted(p for p in site.rglob("*") if p.is_file()):
        relatif = fichier.relative_to(site).as_posix()
        if IGNORES.search(relatif) or (PRECOMPRESSE.search(relatif) and fichier.with_suffix("").exists()):
            continue
        if relatif.startswith("assets/javascripts/lunr/") and fichier.name not in lunr:
            continue
        donnees = fichier.read_bytes()
        groupe = "moteur" if MOTEUR.match(relatif) else "pages"
        entree = [len(donnees), hashlib.sha256(donnees).hexdigest()[:16]]
        if groupe == "moteur" and donnees[:2] == b"\x1f\x8b":
            entree.append(int.from_bytes(donnees[-4:], "little"))  # ISIZE (RFC 1952) : taille décompressée
        groupes[groupe][_cle(relatif)] = entree
    empreinte = hashlib.sha256(json.dumps(groupes, sort_keys=True).encode()).hexdigest()[:12]
    return {"version": empreinte, **groupes}


COUPE_CIRCUIT = """// mkdocs serve : pas de service worker (écrit par overrides/hooks/hors_ligne.py).
// Celui-ci remplace un service worker laissé à cette adresse par un site construit, vide ses
// caches, se retire et recharge les pages ouvertes : elles viennent alors du serveur de dev.
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (evenement) => evenement.waitUntil((async () => {
  for (const nom of await caches.keys()) if (nom.startsWith("impayes-")) await caches.delete(nom);
  await self.registration.unregister();
  for (const client of await self.clients.matchAll({ type: "window" })) client.navigate(client.url);
})()));
"""


@event_priority(-100)  # après les autres hooks : l'index de recherche et le moteur sont écrits
def on_post_build(config):
    site = Path(config.site_dir)
    for chemin, taille, masquable in ICONES:
        cible = site / chemin
        cible.parent.mkdir(parents=True, exist_ok=True)
        cible.write_bytes(icone(taille, masquable))
    (site / "manifest.webmanifest").write_text(json.dumps(_manifeste_web(config), ensure_ascii=False, indent=1),
                                               encoding="utf-8")
    if _SERVE:
        (site / "sw.js").write_text(COUPE_CIRCUIT, encoding="utf-8")
        return
    ecrire_service_worker(site, (Path(config.docs_dir) / "sw.js").read_text(encoding="utf-8"), _lunr_utiles(config))


def ecrire_service_worker(site: Path, source: str, lunr: set[str]) -> dict:
    """Écrit `sw.js` (la source, manifeste compris) à la racine du site ; rend le manifeste."""
    if MARQUE not in source:
        raise PluginError(f"docs/sw.js : marque « {MARQUE} » introuvable")
    contenu = manifeste(site, lunr)
    donnees = json.dumps(contenu, separators=(",", ":"), ensure_ascii=False)
    (site / "sw.js").write_text(source.replace(MARQUE, donnees, 1), encoding="utf-8")
    return contenu


def _manifeste_web(config) -> dict:
    icones = [{"src": chemin, "sizes": f"{taille}x{taille}", "type": "image/png",
               **({"purpose": "maskable"} if masquable else {})}
              for chemin, taille, masquable in ICONES if taille != 180]
    return {
        "name": config.site_name, "short_name": NOM_COURT, "description": config.site_description,
        "lang": "fr", "dir": "ltr", "start_url": "./", "scope": "./", "id": "./", "display": "standalone",
        "theme_color": COULEUR_THEME, "background_color": COULEUR_FOND, "icons": icones,
    }


# --- Icônes : le logo du thème (material/library), rastérisé sans bibliothèque d'image ---------

def _logo_svg() -> str:
    """Tracé du logo par défaut de Material (icône `material/library`, celle de l'en-tête)."""
    import material

    svg = (Path(material.__file__).parent / "templates" / ".icons" / "material" / "library.svg").read_text()
    return re.search(r'<path d="([^"]+)"', svg).group(1)


_NOMBRE = re.compile(r"[-+]?(?:\d*\.\d+|\d+\.?)(?:[eE][-+]?\d+)?")


def _jetons(d: str):
    for m in re.finditer(r"([MmLlHhVvCcSsQqAaZz])|" + _NOMBRE.pattern, d):
        yield m.group(1) or float(m.group(0))


def _arc(x1, y1, rx, ry, phi, grand, sens, x2, y2, n=24):
    """Points d'un arc elliptique SVG (conversion aux coordonnées du centre, SVG 1.1 annexe F.6)."""
    if rx == 0 or ry == 0:
        return [(x2, y2)]
    cos, sin = math.cos(math.radians(phi)), math.sin(math.radians(phi))
    dx, dy = (x1 - x2) / 2, (y1 - y2) / 2
    x1p, y1p = cos * dx + sin * dy, -sin * dx + cos * dy
    rx, ry = abs(rx), abs(ry)
    lam = x1p ** 2 / rx ** 2 + y1p ** 2 / ry ** 2
    if lam > 1:
        rx, ry = rx * math.sqrt(lam), ry * math.sqrt(lam)
    num = rx ** 2 * ry ** 2 - rx ** 2 * y1p ** 2 - ry ** 2 * x1p ** 2
    coef = math.sqrt(max(0.0, num / (rx ** 2 * y1p ** 2 + ry ** 2 * x1p ** 2)))
    if grand == sens:
        coef = -coef
    cxp, cyp = coef * rx * y1p / ry, -coef * ry * x1p / rx
    cx, cy = cos * cxp - sin * cyp + (x1 + x2) / 2, sin * cxp + cos * cyp + (y1 + y2) / 2

    def angle(ux, uy, vx, vy):
        a = math.atan2(ux * vy - uy * vx, ux * vx + uy * vy)
        return a

    t1 = angle(1, 0, (x1p - cxp) / rx, (y1p - cyp) / ry)
    dt = angle((x1p - cxp) / rx, (y1p - cyp) / ry, (-x1p - cxp) / rx, (-y1p - cyp) / ry)
    if not sens and dt > 0:
        dt -= 2 * math.pi
    elif sens and dt < 0:
        dt += 2 * math.pi
    points = []
    for i in range(1, n + 1):
        t = t1 + dt * i / n
        x, y = rx * math.cos(t), ry * math.sin(t)
        points.append((cos * x - sin * y + cx, sin * x + cos * y + cy))
    return points


def _bezier(p0, p1, p2, p3, n=16):
    return [tuple((1 - t) ** 3 * a + 3 * (1 - t) ** 2 * t * b + 3 * (1 - t) * t ** 2 * c + t ** 3 * d
                  for a, b, c, d in zip(p0, p1, p2, p3)) for t in (i / n for i in range(1, n + 1))]


def _polygones(d: str) -> list[list[tuple[float, float]]]:
    """Tracé SVG (M L H V C S A Z, absolus et relatifs) → polygones fermés."""
    jetons = list(_jetons(d))
    polygones, courant = [], []
    x = y = 0.0
    depart = (0.0, 0.0)
    dernier_controle = None
    commande = None
    i = 0

    def lire(n):
        nonlocal i
        valeurs = jetons[i:i + n]
        i += n
        return valeurs

    while i < len(jetons):
        if isinstance(jetons[i], str):
            commande = jetons[i]
            i += 1
            if commande in "Zz":
                if courant:
                    polygones.append(courant)
                courant, (x, y) = [], depart
                continue
        relatif = commande.islower()
        c = commande.upper()
        ox, oy = (x, y) if relatif else (0.0, 0.0)
        if c == "M":
            if courant:
                polygones.append(courant)
            nx, ny = lire(2)
            x, y = ox + nx, oy + ny
            depart = (x, y)
            courant = [(x, y)]
            commande = "l" if relatif else "L"  # paires suivantes : lignes
        elif c == "L":
            nx, ny = lire(2)
            x, y = ox + nx, oy + ny
            courant.append((x, y))
        elif c == "H":
            (nx,) = lire(1)
            x = ox + nx
            courant.append((x, y))
        elif c == "V":
            (ny,) = lire(1)
            y = oy + ny
            courant.append((x, y))
        elif c in "CS":
            if c == "C":
                x1, y1, x2, y2, nx, ny = lire(6)
                c1 = (ox + x1, oy + y1)
            else:
                x2, y2, nx, ny = lire(4)
                c1 = (2 * x - dernier_controle[0], 2 * y - dernier_controle[1]) if dernier_controle else (x, y)
            c2, fin = (ox + x2, oy + y2), (ox + nx, oy + ny)
            courant.extend(_bezier((x, y), c1, c2, fin))
            dernier_controle = c2
            x, y = fin
            continue
        elif c == "A":
            rx, ry, phi, grand, sens, nx, ny = lire(7)
            courant.extend(_arc(x, y, rx, ry, phi, bool(grand), bool(sens), ox + nx, oy + ny))
            x, y = ox + nx, oy + ny
        else:
            raise PluginError(f"logo : commande SVG non prise en charge « {commande} »")
        dernier_controle = None
    if courant:
        polygones.append(courant)
    return polygones


def _couverture(polygones, taille: int, echelle: float, decalage: float, sous: int = 4) -> list[float]:
    """Part de chaque pixel couverte (règle « nonzero »), anticrénelée : `sous` lignes par pixel,
    couverture horizontale exacte."""
    aretes = []
    for poly in polygones:
        points = [(px * echelle + decalage, py * echelle + decalage) for px, py in poly]
        for (xa, ya), (xb, yb) in zip(points, points[1:] + points[:1]):
            if ya != yb:
                aretes.append((xa, ya, xb, yb, 1 if yb > ya else -1))
    couverture = [0.0] * (taille * taille)
    poids = 1 / sous
    for ligne in range(taille):
        base = ligne * taille
        for k in range(sous):
            ys = ligne + (k + 0.5) / sous
            croisements = sorted(
                (xa + (ys - ya) * (xb - xa) / (yb - ya), sens)
                for xa, ya, xb, yb, sens in aretes if min(ya, yb) <= ys < max(ya, yb))
            enroulement = 0
            for (xg, sens), (xd, _) in zip(croisements, croisements[1:]):
                enroulement += sens
                if not enroulement:
                    continue
                a, b = max(0.0, xg), min(float(taille), xd)
                if a >= b:
                    continue
                ia, ib = int(a), int(b)
                if ia == ib:
                    couverture[base + ia] += (b - a) * poids
                    continue
                couverture[base + ia] += (ia + 1 - a) * poids
                for px in range(ia + 1, ib):
                    couverture[base + px] += poids
                if ib < taille:
                    couverture[base + ib] += (b - ib) * poids
    return couverture


def _rectangle_arrondi(cote: float, rayon: float) -> str:
    r, c = rayon, cote
    return (f"M{r} 0H{c - r}A{r} {r} 0 0 1 {c} {r}V{c - r}A{r} {r} 0 0 1 {c - r} {c}H{r}"
            f"A{r} {r} 0 0 1 0 {c - r}V{r}A{r} {r} 0 0 1 {r} 0Z")


def _png(taille: int, pixels: bytes) -> bytes:
    def bloc(type_, donnees):
        return struct.pack(">I", len(donnees)) + type_ + donnees + struct.pack(">I", zlib.crc32(type_ + donnees))

    lignes = b"".join(b"\x00" + pixels[y * taille * 4:(y + 1) * taille * 4] for y in range(taille))
    return (b"\x89PNG\r\n\x1a\n" + bloc(b"IHDR", struct.pack(">IIBBBBB", taille, taille, 8, 6, 0, 0, 0))
            + bloc(b"IDAT", zlib.compress(lignes, 9)) + bloc(b"IEND", b""))


def icone(taille: int, masquable: bool) -> bytes:
    """Logo blanc sur fond indigo : carré plein (masquable, logo dans la zone sûre) ou arrondi."""
    logo = _logo_svg()
    cle = hashlib.sha256(f"{logo}|{taille}|{masquable}|{COULEUR_THEME}|2".encode()).hexdigest()[:16]
    cache = CACHE_ICONES / f"{cle}.png"
    if cache.exists():
        return cache.read_bytes()
    fond = (_couverture(_polygones("M0 0H24V24H0Z"), taille, taille / 24, 0) if masquable
            else _couverture(_polygones(_rectangle_arrondi(24, 5)), taille, taille / 24, 0))
    part = 0.5 if masquable else 0.62  # le logo (24 unités) occupe cette part du côté
    couverture = _couverture(_polygones(logo), taille, taille * part / 24, taille * (1 - part) / 2)
    r, v, b = (int(COULEUR_THEME[i:i + 2], 16) for i in (1, 3, 5))
    pixels = bytearray()
    for a_fond, a_logo in zip(fond, couverture):
        a_fond, a_logo = min(1.0, a_fond), min(1.0, a_logo)
        alpha = a_fond + a_logo * (1 - a_fond)
        if alpha <= 0:
            pixels += b"\x00\x00\x00\x00"
            continue
        # Logo blanc par-dessus le fond (composition « over »), couleurs non prémultipliées.
        canal = lambda c: round((255 * a_logo + c * a_fond * (1 - a_logo)) / alpha)
        pixels += bytes((canal(r), canal(v), canal(b), round(255 * alpha)))
    donnees = _png(taille, bytes(pixels))
    CACHE_ICONES.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(donnees)
    return donnees
