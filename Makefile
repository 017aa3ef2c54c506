# Two set-up commands: `make run` and `make test`. Everything installs into .venv/.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# llama-cpp-python builds from source; a native build crashed here (illegal instruction).
export CMAKE_ARGS ?= -DGGML_NATIVE=OFF
export CMAKE_BUILD_PARALLEL_LEVEL ?= 2

.PHONY: run test test-unit test-system test-e2e bench bench-scale load lint eval clean install browser

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[llm,translate,test]'
	touch $(STAMP)

install: $(STAMP)

# Debian's Chromium (and a CJK font for readable screenshots) for the browser tests;
# never a downloaded browser.
BROWSER_PKGS := chromium fonts-noto-cjk
browser:
	@test -x /usr/bin/chromium -a -d /usr/share/fonts/opentype/noto || \
	  (command -v apt-get >/dev/null && \
	   (apt-get install -y -q $(BROWSER_PKGS) >/dev/null 2>&1 || \
	    (apt-get update -q >/dev/null && apt-get install -y -q $(BROWSER_PKGS) >/dev/null)) || \
	   echo "chromium could not be installed: browser tests will be skipped")

run: $(STAMP)
	$(BIN)/python -m rag serve

# every tier: unit (no models), system (real Chroma and models), e2e (processes, servers, Chromium)
test: lint browser
	$(BIN)/python -m pytest -q

test-unit: $(STAMP)
	$(BIN)/python -m pytest -q -m unit

test-system: $(STAMP)
	$(BIN)/python -m pytest -q -m system

test-e2e: $(STAMP) browser
	$(BIN)/python -m pytest -q -m e2e

# ruff, mypy, and the import layers of pyproject.toml's [tool.importlinter]
lint: $(STAMP)
	$(BIN)/ruff check ingest rag ui eval cli tests
	$(BIN)/mypy ingest rag ui eval cli
	$(BIN)/lint-imports --no-cache

eval: $(STAMP)
	$(BIN)/python -m eval --questions eval/questions/dev.jsonl --report reports/dev

bench: $(STAMP)
	$(BIN)/python -m eval.bench
	$(BIN)/python -m eval.bench_translate

# not part of make test: the seed in 1x, 10x and 100x corpora, resumable (reports/scale/)
bench-scale: $(STAMP)
	$(BIN)/python -m eval.scale

# the chat server (rag serve) by default; TARGET=api WORKERS=2 loads the JSON endpoint
# (rag api); CLIENTS: the load levels, clients at once
TARGET ?= serve
WORKERS ?= 1
CLIENTS ?= 1,10,30
load: $(STAMP)
	$(BIN)/python -m eval.load --target $(TARGET) --workers $(WORKERS) --clients $(CLIENTS)

clean:
	rm -rf $(VENV) data/store data/cache reports .pytest_cache .mypy_cache
