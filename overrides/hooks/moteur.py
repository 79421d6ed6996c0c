"""Met le moteur de calcul dans le site construit : runtime Pyodide auto-hébergé + paquet Python.

- Le runtime vient du paquet npm `pyodide` épinglé (package.json, `npm ci`) ; il est copié
  sous `site/pyodide/`, servi par le site lui-même : aucun CDN, le site marche hors ligne.
- La bibliothèque standard précompilée (.pyc, par Pyodide sous Node) est faite une fois par
  version de Pyodide et gardée dans `.cache/`.
- Le paquet `calculators/` est empaqueté en une archive, avec ses .pyc précompilés par
  Pyodide (refaits quand le paquet change), que le worker décompresse une fois
  (`assets/calculators.zip.gz` : zip sans compression, compressé d'un tenant).
- `config.extra.moteur_version` (empreinte du paquet et du runtime) sert à invalider les caches.
- Instantané mémoire (`pyodide/instantane.bin`, gzip) : Python démarré sous Node avec la même
  bibliothèque et le paquet entièrement importé (tools/instantane.mjs, interface privée de
  Pyodide vérifiée par l'outil) ; le worker en repart au lieu de tout initialiser. Écrit creux
  (sans les pages nulles de la mémoire : docs/javascripts/memoire-creuse.mjs), puis compressé.
  En cache par empreinte de ses entrées ; s'il ne peut être fait, le site s'en passe (démarrage
  normal).
- Jinja2 et MarkupSafe (lettres types) : roues pures téléchargées par `make install` dans
  `.cache/wheels/`, copiées sous `site/pyodide/` et listées dans un fichier de verrouillage
  propre au site (`pyodide-lock-site.json`, copie de celui de Pyodide où ces deux entrées
  portent nos roues et leur vrai sha256, que le navigateur vérifie). Ce fichier est écrit ici,
  à la main : `pyodide lockfile add-wheels` (pyodide-build) exige Python ≥ 3.12, et le projet
  se construit avec Python 3.11.
"""

from __future__ import annotations

import email.parser
import gzip
import hashlib
import io
import json
import logging
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from mkdocs.exceptions import PluginError

RACINE = Path(__file__).resolve().parents[2]
PYODIDE = RACINE / "node_modules" / "pyodide"
PAQUET = RACINE / "calculators"
CACHE = RACINE / ".cache"
# Ce que le navigateur charge ; python_stdlib.zip (sources) reste pour qui charge Pyodide
# avec les options par défaut (page de référence du banc de mesure).
FICHIERS_RUNTIME = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide-lock.json", "python_stdlib.zip")
STDLIB_PYC = "python_stdlib_pyc.zip"
ROUES = CACHE / "wheels"
# Roues pures chargées à la demande par le worker (lettres types) ; versions épinglées dans le Makefile.
ROUES_ATTENDUES = ("jinja2-3.1.6-py3-none-any.whl", "markupsafe-3.0.3-py3-none-any.whl")
VERROU_SITE = "pyodide-lock-site.json"
INSTANTANE = "instantane.bin"
ARCHIVE = "calculators.zip.gz"  # sous assets/ : le paquet, lu par moteur.worker.mjs
MEMOIRE_CREUSE = RACINE / "docs" / "javascripts" / "memoire-creuse.mjs"  # format de l'instantané
SUFFIXES_PAQUET = (".py", ".json", ".j2")  # .j2 : gabarits des lettres (calculators/lettres/modeles/)

log = logging.getLogger("mkdocs.hooks.moteur")


def _version_pyodide() -> str:
    paquet = PYODIDE / "package.json"
    if not paquet.exists():
        raise PluginError("Runtime Pyodide absent : lancez `npm ci` (ou `make install`).")
    return json.loads(paquet.read_text())["version"]


def _fichiers_du_paquet() -> list[Path]:
    return sorted(
        p for p in PAQUET.rglob("*")
        if p.is_file() and p.suffix in SUFFIXES_PAQUET and "__pycache__" not in p.parts
    )


def _empreinte() -> str:
    empreinte = hashlib.sha256(_version_pyodide().encode())
    # Les outils aussi : la bibliothèque précompilée (allégée) et l'instantané mémoire en dépendent,
    # et l'instantané doit toujours aller avec la bibliothèque et le paquet dont il est fait.
    outils = [RACINE / "tools" / "precompiler.mjs", RACINE / "tools" / "instantane.mjs", MEMOIRE_CREUSE]
    for fichier in [*_fichiers_du_paquet(), *outils]:
        empreinte.update(fichier.relative_to(RACINE).as_posix().encode())
        empreinte.update(fichier.read_bytes())
    return empreinte.hexdigest()[:12]


def on_config(config):
    config.extra["moteur_version"] = _empreinte()
    return config


def _precompiler(cible: Path, *arguments: str) -> Path:
    """Lance tools/precompiler.mjs (Pyodide sous Node) si `cible` n'est pas déjà en cache."""
    if not cible.exists():
        cible.parent.mkdir(parents=True, exist_ok=True)
        log.info("Précompilation par Pyodide : %s", cible.name)
        temporaire = cible.with_name(f"{cible.name}.{os.getpid()}.partiel")
        resultat = subprocess.run(["node", str(RACINE / "tools" / "precompiler.mjs"), *arguments, str(temporaire)],
                                  cwd=RACINE, capture_output=True, text=True)
        if resultat.returncode != 0:
            raise PluginError(f"Précompilation impossible : {resultat.stderr.strip()[-2000:]}")
        temporaire.replace(cible)
    return cible


def _archive_du_paquet(version: str) -> Path:
    """Sources du paquet + .pyc de Pyodide, en cache par empreinte du paquet."""
    empreinte = _empreinte()
    cible = CACHE / f"pyodide-{version}" / f"calculators-{empreinte}.zip"
    if cible.exists():
        return cible
    for ancienne in cible.parent.glob("calculators-*.zip"):
        ancienne.unlink(missing_ok=True)  # une seule version en cache : le paquet change souvent en développement
    # Nom propre à ce processus : deux constructions simultanées (tests en parallèle) ne se marchent pas dessus.
    sources = cible.with_name(f"sources-{empreinte}-{os.getpid()}.zip")
    with zipfile.ZipFile(sources, "w", zipfile.ZIP_DEFLATED) as zf:
        for fichier in _fichiers_du_paquet():
            zf.write(fichier, fichier.relative_to(RACINE).as_posix())
    try:
        return _precompiler(cible, "paquet", str(sources))
    finally:
        sources.unlink()


def _entree_du_verrou(roue: Path) -> tuple[str, dict]:
    """Entrée de pyodide-lock.json pour une roue pure : nom, version, dépendances, modules, sha256."""
    with zipfile.ZipFile(roue) as zf:
        noms = zf.namelist()
        metadata = next(n for n in noms if n.endswith(".dist-info/METADATA"))
        meta = email.parser.Parser().parsestr(zf.read(metadata).decode("utf-8"))
    nom = re.sub(r"[-_.]+", "-", meta["Name"]).lower()
    depends = sorted({
        re.sub(r"[-_.]+", "-", re.match(r"[A-Za-z0-9._-]+", exigence).group(0)).lower()
        for exigence in meta.get_all("Requires-Dist") or [] if "extra ==" not in exigence
    })
    imports = sorted({n.split("/")[0] for n in noms if n.count("/") == 1 and n.endswith("/__init__.py")})
    return nom, {
        "name": meta["Name"], "tool": {}, "version": meta["Version"], "file_name": roue.name, "install_dir": "site",
        "sha256": hashlib.sha256(roue.read_bytes()).hexdigest(), "package_type": "package",
        "imports": imports, "depends": depends, "unvendored_tests": False, "shared_library": False,
    }


def _roues_et_verrou(dossier: Path) -> None:
    """Copie les roues de Jinja2 et MarkupSafe et écrit le verrou du site (voir l'en-tête)."""
    manquantes = [nom for nom in ROUES_ATTENDUES if not (ROUES / nom).exists()]
    if manquantes:
        raise PluginError(f"Roues absentes de {ROUES} : {', '.join(manquantes)}. Lancez `make install`.")
    verrou = json.loads((PYODIDE / "pyodide-lock.json").read_text())
    for nom_fichier in ROUES_ATTENDUES:
        roue = ROUES / nom_fichier
        _copier_si_change(roue, dossier / nom_fichier)
        nom, entree = _entree_du_verrou(roue)
        verrou["packages"][nom] = entree
    (dossier / VERROU_SITE).write_text(json.dumps(verrou, indent=1, sort_keys=True))


def _instantane(stdlib: Path, paquet: Path) -> Path | None:
    """Instantané mémoire de Pyodide (tools/instantane.mjs), en cache par empreinte de ses entrées."""
    empreinte = hashlib.sha256()
    for entree in (stdlib, paquet, RACINE / "tools" / "instantane.mjs", MEMOIRE_CREUSE):
        empreinte.update(hashlib.sha256(entree.read_bytes()).digest())
    cible = stdlib.parent / f"instantane-{empreinte.hexdigest()[:12]}.bin"
    if cible.exists():
        return cible
    # Les trois plus récents restent en cache (le paquet change souvent ; des constructions
    # simultanées, tests compris, peuvent en utiliser de différents).
    for ancien in sorted(cible.parent.glob("instantane-*.bin"), key=lambda p: p.stat().st_mtime)[:-2]:
        ancien.unlink(missing_ok=True)
    log.info("Instantané mémoire de Pyodide : %s", cible.name)
    temporaire = cible.with_name(f"{cible.name}.{os.getpid()}.partiel")
    resultat = subprocess.run(["node", str(RACINE / "tools" / "instantane.mjs"), str(stdlib), str(paquet), str(temporaire)],
                              cwd=RACINE, capture_output=True, text=True)
    if resultat.returncode != 0:
        # Interface privée de Pyodide : si elle change, le site démarre sans instantané (plus
        # lentement) ; tests/e2e/test_hors_ligne.py vérifie que l'instantané est bien servi.
        log.info("Instantané impossible, démarrage normal : %s", resultat.stderr.strip()[-500:])
        return None
    temporaire.replace(cible)
    return cible


# Copies gzip pour les serveurs qui servent un fichier précompressé s'il existe (nginx
# `gzip_static`, Caddy `precompressed`…) : 13,9 Mo de runtime deviennent 4,1 Mo sur le réseau.
# Les archives .zip et l'instantané sont déjà compressés. Le service worker ne les demande pas.
PRECOMPRESSES = ("pyodide.asm.wasm", "pyodide.asm.mjs", "pyodide.mjs", VERROU_SITE)


def _gzip(source: Path) -> None:
    cible = source.with_name(source.name + ".gz")
    donnees = source.read_bytes()
    empreinte = hashlib.sha256(donnees).hexdigest()[:16]
    cache = CACHE / "gzip" / f"{empreinte}.gz"
    if not cache.exists():
        cache.parent.mkdir(parents=True, exist_ok=True)
        temporaire = cache.with_name(f"{cache.name}.{os.getpid()}.partiel")
        temporaire.write_bytes(gzip.compress(donnees, compresslevel=9, mtime=0))
        temporaire.replace(cache)
    _copier_si_change(cache, cible)


def _copier_si_change(source: Path, cible: Path) -> None:
    if cible.exists() and cible.stat().st_size == source.stat().st_size and cible.stat().st_mtime >= source.stat().st_mtime:
        return  # `mkdocs serve` reconstruit souvent : inutile de recopier 14 Mo
    shutil.copy2(source, cible)


def on_post_build(config):
    version = _version_pyodide()
    dossier = Path(config.site_dir) / "pyodide"
    dossier.mkdir(parents=True, exist_ok=True)
    for nom in FICHIERS_RUNTIME:
        _copier_si_change(PYODIDE / nom, dossier / nom)
    # En cache par version de Pyodide et par version de l'outil (sa liste de modules exclus).
    outil = hashlib.sha256((RACINE / "tools" / "precompiler.mjs").read_bytes()).hexdigest()[:8]
    stdlib = _precompiler(CACHE / f"pyodide-{version}" / f"stdlib-{outil}.zip", "stdlib")
    _copier_si_change(stdlib, dossier / STDLIB_PYC)
    _roues_et_verrou(dossier)
    assets = Path(config.site_dir) / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    stockee = _archive_stockee(_archive_du_paquet(version))
    # Le paquet voyage en une archive zip sans compression, compressée d'un seul tenant (gzip) :
    # 20 % d'octets en moins, et le worker la décompresse d'un coup puis écrit les fichiers sans
    # rien recalculer (voir `deballer` dans moteur.worker.mjs).
    (assets / ARCHIVE).write_bytes(gzip.compress(stockee, compresslevel=9, mtime=0))
    for nom in PRECOMPRESSES:
        _gzip(dossier / nom)
    # L'instantané est fait de cette archive-là, copiée hors du cache partagé (constructions simultanées).
    with tempfile.TemporaryDirectory() as temporaire:
        copie = Path(temporaire) / "calculators.zip"
        copie.write_bytes(stockee)
        instantane = _instantane(stdlib, copie)
    if instantane:
        _copier_si_change(instantane, dossier / INSTANTANE)
    elif (dossier / INSTANTANE).exists():
        (dossier / INSTANTANE).unlink()


def _archive_stockee(archive: Path) -> bytes:
    """La même archive, fichiers non compressés (ZIP_STORED), dans le même ordre."""
    sortie = io.BytesIO()
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(sortie, "w", zipfile.ZIP_STORED) as cible:
        for info in source.infolist():
            copie = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            copie.external_attr = info.external_attr
            cible.writestr(copie, source.read(info), compress_type=zipfile.ZIP_STORED)
    return sortie.getvalue()
