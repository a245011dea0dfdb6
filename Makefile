# Factsheet: the two commands of the README, and what CI runs.
#   make site    build the site from data/articles into site/ (sets itself up first)
#   make test    run the whole test suite (sets itself up first, incl. Chromium for browser tests)
#   make serve   build, then preview with `mkdocs serve`
#   make ci      what CI runs: lint, tests, and the quality gates over ../shared
#   make train-quotes  refit the speaker linker's weights on polnear-train (parses cached in /tmp)
#   make train-names   relearn the given names' genders from cnn-train and polnear-train (parses cached in /tmp)
#   make train-pronouns  refit the pronoun model's weights on quality/labels/pronouns.jsonl (parses cached in /tmp)

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
SHARED ?= ../shared
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test lint gates ci chromium clean train-quotes train-pronouns train-names

site: $(VENV)/.ready
	$(BIN)/factsheet build

serve: site
	$(BIN)/mkdocs serve

test: $(VENV)/.ready-test chromium
	$(BIN)/ruff check generator tests scripts
	$(BIN)/python -m pytest

lint: $(VENV)/.ready-test
	$(BIN)/ruff check generator tests scripts

gates: $(VENV)/.ready-test
	$(BIN)/python scripts/gates.py --shared $(SHARED)

ci: test gates

train-quotes: $(VENV)/.ready
	$(BIN)/python -m generator.extract.quotes.train --corpus $(SHARED)/corpus/polnear-train \
	  --scorer $(SHARED)/tools/score.py

train-names: $(VENV)/.ready
	$(BIN)/python -m generator.extract.entities.train_names --shared $(SHARED)

train-pronouns: $(VENV)/.ready
	$(BIN)/python -m generator.extract.quotes.train_pronouns --shared $(SHARED)

# the virtualenv, with every dependency pinned by requirements.lock
$(VENV)/.ready: pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Python 3.11 is needed (set PYTHON=python3.11)")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip==26.3
	$(BIN)/python -m pip install --quiet -c requirements.lock -e .
	touch $@

$(VENV)/.ready-test: $(VENV)/.ready
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[test]'
	touch $@

# Debian's Chromium, for the browser tests (Playwright drives it; nothing is downloaded by Playwright)
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

clean:
	rm -rf site build .pytest_cache .ruff_cache
