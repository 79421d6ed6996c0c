"""Politique de sécurité du contenu (CSP) et référent, écrites dans chaque page construite.

Un site statique ne choisit pas les en-têtes de son hébergeur : la politique va dans une balise
`<meta http-equiv="Content-Security-Policy">`, en tête de `<head>` (elle ne s'applique qu'à ce qui
la suit). Elle n'autorise que le site lui-même :

- scripts : les fichiers du site, et les scripts en ligne de la page par leur empreinte sha256
  (Material en écrit quelques-uns : portée du stockage, palette, onglets ; les pages de
  calculateur démarrent le moteur). Chaque empreinte est calculée ici, page par page, sur le
  texte exact du script : un script ajouté ou modifié ailleurs est bloqué s'il n'est pas passé
  par la construction. `'wasm-unsafe-eval'` permet de compiler du WebAssembly (Pyodide) ;
- workers (moteur Pyodide, recherche, service worker), connexions, images, styles : le site ;
  `data:` pour les images (icônes SVG du thème dans les feuilles de style) ;
- ni objets, ni `<base>` étrangère, ni envoi de formulaire ailleurs.

`<meta name="referrer" content="no-referrer">` : un lien suivi vers une source officielle
n'emporte pas l'adresse de la page (ni, pour un ancien lien partagé en « ?… », les saisies).

Sous `mkdocs serve`, le serveur ajoute à chaque page un script de rechargement qui n'existe pas
à la construction : les scripts en ligne y sont autorisés sans empreinte, le reste de la
politique est le même.
"""

from __future__ import annotations

import base64
import hashlib
import re

from mkdocs.plugins import event_priority

REFERENT = '<meta name="referrer" content="no-referrer">'
# Un script en ligne : sans attribut src ; son texte exact, tel que le navigateur le hache.
_SCRIPT = re.compile(r"<script(?P<attributs>(?:\s[^>]*)?)>(?P<texte>.*?)</script\s*>", re.S | re.I)
_CHARSET = re.compile(r"<head>\s*<meta charset=[^>]*>", re.I)
_SRC = re.compile(r"\ssrc\s*=", re.I)
_TYPE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]+)""", re.I)
TYPES_JS = {"", "text/javascript", "application/javascript", "module"}
_SERVE = False


def on_startup(command, dirty):
    global _SERVE
    _SERVE = command == "serve"


def empreintes(html: str) -> list[str]:
    """Les sources CSP (« 'sha256-…' ») des scripts en ligne exécutables de la page, sans doublon.

    >>> empreintes('<script>a()</script><script src="x.js"></script><script type="application/json">{}</script>')
    ["'sha256-qVpDBgj7bpq5hMAcGp3AOc79J3Y1Z4HvySTwKrWDoy4='"]
    """
    vues = []
    for script in _SCRIPT.finditer(html):
        attributs = script.group("attributs")
        genre = _TYPE.search(attributs)
        if _SRC.search(attributs) or (genre and genre.group(1).lower() not in TYPES_JS):
            continue
        condensat = hashlib.sha256(script.group("texte").encode("utf-8")).digest()
        source = f"'sha256-{base64.b64encode(condensat).decode()}'"
        if source not in vues:
            vues.append(source)
    return vues


def politique(html: str, serve: bool = False) -> str:
    """La politique de la page : tout depuis le site, les scripts en ligne par empreinte.

    >>> politique("<script>a()</script>").split("; ")[:2]
    ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval' 'sha256-qVpDBgj7bpq5hMAcGp3AOc79J3Y1Z4HvySTwKrWDoy4='"]
    """
    scripts = ["'self'", "'wasm-unsafe-eval'", *(["'unsafe-inline'"] if serve else empreintes(html))]
    return "; ".join([
        "default-src 'self'",
        "script-src " + " ".join(scripts),
        "worker-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])


def proteger(html: str, serve: bool = False) -> str:
    """Insère la politique et le référent au début de `<head>`, avant tout script (juste après le
    jeu de caractères, qui doit rester dans les 1 024 premiers octets)."""
    if "<head>" not in html or "Content-Security-Policy" in html:
        return html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{politique(html, serve)}">\n    {REFERENT}'
    debut = _CHARSET.search(html) or re.search(r"<head>", html)
    return f"{html[:debut.end()]}\n    {meta}{html[debut.end():]}"


@event_priority(-100)  # après les hooks qui modifient la page : les empreintes portent sur le texte final
def on_post_page(output, page, config):
    return proteger(output, _SERVE)


@event_priority(-100)
def on_post_template(output_content, template_name, config):
    """Pages qui ne viennent pas d'un fichier Markdown (404.html)."""
    return proteger(output_content, _SERVE) if template_name.endswith(".html") else output_content
