# The two commands of the README: `make run` and `make test`. Only python3 >= 3.11 and make needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test lint format bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "需要 Python 3.11 或更高版本")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: install
	DEBUG=true $(BIN)/python manage.py migrate --noinput -v 0
	DEBUG=true $(BIN)/python manage.py seed_demo --if-empty
	@echo ""
	@echo "百日行动管理平台：http://$(HOST):$(PORT)/  （Ctrl+C 停止）"
	@# the embedded worker (reminders, 督办, outbox, backups) runs beside the web server and
	@# stops with it; if it exits on its own (a crash), it is started again 5 seconds later.
	@# PORTAL_URL makes the links in messages full addresses of this server.
	( trap 'kill $$child 2>/dev/null; exit 0' TERM; \
	  while :; do \
	    DEBUG=true PORTAL_URL=$${PORTAL_URL:-http://$(HOST):$(PORT)} \
	      $(BIN)/python manage.py run_worker & child=$$!; \
	    wait $$child && break; \
	    echo "后台任务已退出，5 秒后重新启动"; sleep 5 & wait $$!; \
	  done ) & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=true PORTAL_URL=$${PORTAL_URL:-http://$(HOST):$(PORT)} \
	  $(BIN)/python manage.py runserver $(HOST):$(PORT)

# one test process per core (pytest-xdist); TEST_WORKERS=0 runs them in this process
TEST_WORKERS ?= auto
test: install
	$(BIN)/python -m pytest -n $(TEST_WORKERS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) var/*.sqlite3* staticfiles
