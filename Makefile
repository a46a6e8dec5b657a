# make run: install, migrate, load the demo data when empty, serve on http://127.0.0.1:$(PORT)
# make test: lint, types and the whole test suite (browser tests included)
# make sso-demo: make run, signing in through a local OpenID provider too (see below)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Links in emails are built on this address; requests for any other host get 400.
export STOREFRONT_PUBLIC_URL ?= http://127.0.0.1:$(PORT)
FLASK := $(BIN)/flask --app app
PO := $(wildcard storefront/translations/*/LC_MESSAGES/messages.po)
MO := $(PO:.po=.mo)

.PHONY: run test lint pytest bench soak cluster haproxy wrk chromium translations extract-messages clean sso-demo

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

%.mo: %.po $(VENV)/.installed
	$(BIN)/pybabel compile --use-fuzzy -i $< -o $@

translations: $(MO)

run: $(VENV)/.installed translations
	$(FLASK) db upgrade
	$(FLASK) demo load --if-empty
	$(FLASK) run --host 127.0.0.1 --port $(PORT)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

# The real OpenID provider the SSO tests and `make sso-demo` run (Node.js 20 or later).
OIDC := tests/oidc
$(OIDC)/node_modules/.installed: $(OIDC)/package.json $(OIDC)/package-lock.json
	@command -v npm >/dev/null || { echo "The SSO tests run a real OpenID provider: install Node.js 20+ and npm" >&2; exit 1; }
	cd $(OIDC) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# make sso-demo: the demo shop on http://127.0.0.1:$(PORT) with single sign-on through a real
# OpenID provider (oidc-provider) on http://localhost:$(SSO_PORT), people anna and ben.
SSO_PORT ?= 4011
SSO_DEMO_ENV := STOREFRONT_OIDC_PROVIDERS=demo \
	STOREFRONT_OIDC_DEMO_ISSUER=http://localhost:$(SSO_PORT) \
	STOREFRONT_OIDC_DEMO_CLIENT_ID=cairn-demo \
	STOREFRONT_OIDC_DEMO_CLIENT_SECRET=cairn-demo-secret \
	STOREFRONT_OIDC_DEMO_DISPLAY_NAME="Cairn ID (demo)"

sso-demo: $(VENV)/.installed translations $(OIDC)/node_modules/.installed
	@OIDC_DEMO_SHOP=http://127.0.0.1:$(PORT) OIDC_DEMO_PORT=$(SSO_PORT) NODE_NO_WARNINGS=1 \
	  node $(OIDC)/provider.mjs & provider=$$!; trap 'kill $$provider 2>/dev/null' EXIT INT TERM; \
	  sleep 1; kill -0 $$provider || exit 1; \
	  echo 'The shop runs with: $(SSO_DEMO_ENV)'; \
	  $(SSO_DEMO_ENV) $(MAKE) --no-print-directory run

pytest: $(VENV)/.installed translations chromium $(OIDC)/node_modules/.installed
	$(BIN)/pytest

test: lint pytest

# The Debian packages tests and benches need, installed when missing (as root), else named.
chromium haproxy wrk:
	@command -v $@ >/dev/null || [ -x /usr/sbin/$@ ] || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $@ >/dev/null; \
	  else echo "make $(MAKECMDGOALS) needs $@: sudo apt-get install -y $@" >&2; exit 1; fi; }

bench: $(VENV)/.installed translations wrk
	$(BIN)/python bench/run.py

# Two app servers behind HAProxy sharing PostgreSQL and Redis: limits, caches, mail, sessions.
cluster: $(VENV)/.installed translations haproxy
	$(BIN)/python bench/cluster.py

# 10 minutes of mixed traffic on PostgreSQL with a worker killed and the database cut for 10 s.
soak: $(VENV)/.installed translations
	$(BIN)/python bench/soak.py $(SOAK_ARGS)

extract-messages: $(VENV)/.installed
	$(BIN)/pybabel extract --width=100 -F storefront/translations/babel.cfg -k _l -k N_ -o storefront/translations/messages.pot .
	$(BIN)/pybabel update --width=100 -i storefront/translations/messages.pot -d storefront/translations

clean:
	rm -rf $(VENV) instance/static
