# Deux commandes pour tout : `make serve` (site sur http://127.0.0.1:8000) et `make test`.
# Chacune installe ce qui manque : environnement Python, runtime Pyodide (npm), Chromium (apt).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
export NO_MKDOCS_2_WARNING := 1
# Définies avant les règles : make développe les prérequis à la lecture.
ROUES  := .cache/wheels
JINJA2_VERSION := 3.1.6
MARKUPSAFE_VERSION := 3.0.3

.PHONY: install serve build test test-unit test-e2e bench chromium clean

install: $(VENV)/.installed node_modules/.installed $(ROUES)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Roues pures pour Pyodide (lettres types : Jinja2 dans le navigateur), servies par le site.
# `--python-version 3.14` : celle de Pyodide (sans cette option, pip choisirait pour 3.11).
# MarkupSafe n'a pas de roue pure sur PyPI : construite depuis ses sources avec un compilateur qui
# échoue toujours, son setup.py retombe sur la version pur Python (voir overrides/hooks/moteur.py).
$(ROUES)/.installed: Makefile $(VENV)/.installed
	mkdir -p $(ROUES)
	$(BIN)/pip download --quiet --no-deps --only-binary :all: --python-version 3.14 -d $(ROUES) jinja2==$(JINJA2_VERSION)
	CC=/bin/false $(BIN)/pip wheel --quiet --no-cache-dir --no-deps --no-binary :all: -w $(ROUES) markupsafe==$(MARKUPSAFE_VERSION)
	touch $@

# Chromium de Debian : Playwright ne peut pas télécharger ses propres navigateurs ici.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installation de chromium (apt)…"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; }

build: install
	SITE_URL=http://127.0.0.1:$(PORT)/ $(BIN)/mkdocs build --strict

# Le port servi doit être celui de site_url, sinon la navigation instantanée de Material
# se désactive et Pyodide redémarre à chaque clic.
serve: install
	SITE_URL=http://127.0.0.1:$(PORT)/ $(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:$(PORT)

test: install chromium
	$(BIN)/python -m pytest -p no:cacheprovider

test-unit: install
	$(BIN)/python -m pytest -m "not e2e"

test-e2e: install chromium
	$(BIN)/python -m pytest -m e2e

bench: install chromium
	$(BIN)/python benchmarks/demarrage.py

clean:
	rm -rf site .cache

# Taux : lit les exports officiels téléchargés (BCE, Banque de France), les contrôle et montre ce
# qui changerait ; ECRIRE=1 réécrit calculators/data/. Voir README, « Mettre à jour les taux ».
#   make taux BCE=bce.csv LEGAL=webstat.csv [EXTRAIT_LE=AAAA-MM-JJ] [ECRIRE=1]
.PHONY: taux
taux: $(VENV)/.installed
	$(BIN)/python -m calculators.taux.maj $(if $(BCE),--bce '$(BCE)') $(if $(LEGAL),--legal '$(LEGAL)') \
	  $(if $(SERIE_PARTICULIERS),--serie-particuliers '$(SERIE_PARTICULIERS)') \
	  $(if $(SERIE_AUTRES),--serie-autres '$(SERIE_AUTRES)') \
	  $(if $(EXTRAIT_LE),--extrait-le $(EXTRAIT_LE)) $(if $(ECRIRE),--ecrire)

# Banc du poste clients (FEC de 100 000 et 1 000 000 de lignes ; voir benchmarks/portefeuille.py).
.PHONY: bench-portefeuille
bench-portefeuille: install chromium
	$(BIN)/python benchmarks/portefeuille.py
