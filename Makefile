# caseapp: `make run` serves the demo, `make test` runs every test.
# Both start from nothing: they create .venv, install pinned packages and
# compile the translations first.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 5000
FLASK  := $(BIN)/flask --app wsgi
CATALOGUES := $(wildcard caseapp/translations/*/LC_MESSAGES/messages.po)
COMPILED   := $(CATALOGUES:.po=.mo)

.PHONY: run test soak lock install install-dev lemmas system-check system-check-test translations translations-update api-examples serve clean

run: install translations
	$(FLASK) db upgrade
	$(FLASK) demo load
	$(FLASK) audit verify
	@echo ""
	@echo "caseapp is starting on http://127.0.0.1:$(PORT)/  (Ctrl-C stops it)"
	@echo "Sign in with one of the demo accounts above."
	$(BIN)/gunicorn --bind 127.0.0.1:$(PORT) --workers 2 --access-logfile - wsgi:app

test: install-dev translations
	$(BIN)/ruff check caseapp tests migrations config.py wsgi.py
# Security lint: any high-severity finding fails the run; a deliberate safe use carries `# nosec BXXX` and why.
	$(BIN)/bandit -q -r caseapp config.py wsgi.py --severity-level high
	$(BIN)/python -m pytest -n auto $(PYTEST_ARGS)

# Many people at once for SOAK_MINUTES (10) on PostgreSQL (SOAK_POSTGRES_URL, a database of its own) and
# SQLite, then a check that every acknowledged write is there (bench/soak.py). Not part of `make test`.
SOAK_VENV := .venv-soak
soak: install translations $(SOAK_VENV)/.installed
	$(BIN)/python bench/soak.py --locust $(SOAK_VENV)/bin/locust

$(SOAK_VENV)/.installed: requirements-soak.txt
	$(PYTHON) -m venv $(SOAK_VENV)
	$(SOAK_VENV)/bin/python -m pip install --quiet --require-hashes -r requirements-soak.txt
	@touch $@

# The Debian packages of deploy/debian-packages.txt are installed when missing (as root or with passwordless
# sudo; otherwise the exact apt-get command is printed), then the Python and the libraries are checked.
system-check:
	@scripts/system-packages.sh run "$(PYTHON)"
	@scripts/check-system.sh "$(PYTHON)"

system-check-test: system-check
	@scripts/system-packages.sh test "$(PYTHON)"

$(BIN)/python: | system-check
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"

# Every package, dependencies included, at the version and with the hashes of the compiled files.
$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.txt
	@touch $@

# The ILO engine's lemma dictionaries in their compact form (caseapp/ilo/lemmas.py), built once per machine
# into CASEAPP_LEMMA_CACHE or ~/.cache/caseapp, so that no request waits half a minute for one.
lemmas: $(VENV)/.installed
	@$(BIN)/python -m caseapp.ilo.lemmas

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.txt
	@touch $@

# axe-core for the accessibility tests (tests/browser/test_accessibility.py), at the version package-lock.json
# pins: npm ci again when the lock file changed since the last install or node_modules/axe-core is missing.
AXE_PACKAGE := node_modules/axe-core/package.json
node_modules/.installed: package.json package-lock.json $(AXE_PACKAGE) | system-check-test
	npm ci --no-audit --no-fund
	@touch $@

$(AXE_PACKAGE):

# After changing a requirements*.in file: compile each into its requirements*.txt, every dependency pinned
# with its hashes, from PyPI alone (this machine's pip settings and local wheel folders left out).
LOCK := env -u PIP_FIND_LINKS -u PIP_INDEX_URL -u PIP_EXTRA_INDEX_URL PIP_CONFIG_FILE=/dev/null \
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url
lock: $(VENV)/.installed-dev
	$(LOCK) --output-file requirements.txt requirements.in
	$(LOCK) --output-file requirements-dev.txt requirements-dev.in
	$(LOCK) --output-file requirements-soak.txt requirements-soak.in

install: system-check $(VENV)/.installed lemmas
install-dev: system-check-test $(VENV)/.installed-dev node_modules/.installed lemmas

translations: $(COMPILED)

%.mo: %.po | $(VENV)/.installed
	$(BIN)/pybabel compile -i $< -o $@

# After changing user-facing text: extract it, then translate the new entries in each .po file.
translations-update: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k _l -k N_ --no-location --sort-output --project caseapp --ignore-dirs ".*" \
		-o caseapp/translations/messages.pot .
	$(BIN)/pybabel update -i caseapp/translations/messages.pot -d caseapp/translations --no-fuzzy-matching

# After changing what an API endpoint answers: record real answers as the OpenAPI document's examples.
api-examples: install-dev
	CASEAPP_RECORD_API_EXAMPLES=1 $(BIN)/python -m pytest -q -p no:xdist \
		"tests/integration/test_api_described.py::test_every_operation_answers_as_its_document_says[sqlite]"

clean:
	rm -rf $(VENV) $(SOAK_VENV) .pytest_cache $(COMPILED) node_modules
