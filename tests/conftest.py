"""Fixtures communes : le site est construit une seule fois par session, avec `--strict`.

Le port est choisi avant la construction parce que `site_url` doit porter le port servi :
sans cela, Material désactive sa navigation instantanée (voir mkdocs.yml).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parent.parent


def _port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def port_site() -> int:
    return _port_libre()


@pytest.fixture(scope="session")
def site_construit(tmp_path_factory, port_site) -> Path:
    """Dossier du site construit par `mkdocs build --strict` (échoue au moindre avertissement)."""
    sortie = tmp_path_factory.mktemp("site")
    env = {**os.environ, "SITE_URL": f"http://127.0.0.1:{port_site}/", "NO_MKDOCS_2_WARNING": "1"}
    resultat = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(sortie)],
        cwd=RACINE, env=env, capture_output=True, text=True,
    )
    assert resultat.returncode == 0, f"mkdocs build --strict a échoué :\n{resultat.stderr}"
    return sortie


@pytest.fixture(scope="session")
def config_mkdocs():
    """mkdocs.yml tel que MkDocs le lit (balises !ENV comprises)."""
    from mkdocs.config import load_config

    return load_config(str(RACINE / "mkdocs.yml"))
