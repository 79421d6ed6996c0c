"""Affiche la date de dernière vérification d'une page qui énonce du droit.

Une page déclare `verifie_le: AAAA-MM-JJ` dans son en-tête YAML ; le hook ajoute sous le titre
une mention en français (« Contenu vérifié le 22 novembre 2026 »). Une date mal écrite arrête
la construction : une page juridique sans date fiable ne doit pas être publiée.
"""

from __future__ import annotations

import datetime as dt
import re

from mkdocs.exceptions import PluginError

from calculators.commun.format_fr import date_longue

_TITRE = re.compile(r"^# .+$", re.MULTILINE)


def on_page_markdown(markdown, page, config, files):
    valeur = page.meta.get("verifie_le")
    if valeur is None:
        return markdown
    try:
        jour = valeur if isinstance(valeur, dt.date) else dt.date.fromisoformat(str(valeur))
    except ValueError as exc:
        raise PluginError(f"{page.file.src_path} : verifie_le invalide ({valeur!r}), attendu AAAA-MM-JJ") from exc
    mention = (
        f'<p class="verifie-le" data-verifie-le="{jour.isoformat()}">'
        f"Contenu vérifié le {date_longue(jour)}.</p>"
    )
    titre = _TITRE.search(markdown)
    if titre is None:
        return f"{mention}\n\n{markdown}"
    return f"{markdown[:titre.end()]}\n\n{mention}\n{markdown[titre.end():]}"
