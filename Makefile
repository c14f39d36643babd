# The README's two commands: `make demo` and `make test`. Both create .venv and install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
EVAL ?= ../shared/eval/dev
OUT ?= out

FUZZ_SECONDS ?= 120

.PHONY: demo test lint typecheck unit eval clean install browser bench fuzz

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/iempkg build data/news -o $(OUT)
	$(BIN)/iempkg network $(OUT)/kg.trig -o $(OUT)/network
	@echo
	@echo "The sample knowledge graph is in $(OUT)/: kg.ttl (Turtle), kg.jsonld (JSON-LD), kg.trig"
	@echo "(one named graph per article), validation.txt (SHACL report), records/ (one record per article)."
	@echo "The partner network is in $(OUT)/network/: open network.html in a browser (works offline);"
	@echo "network.graphml and network.gexf for Gephi, network.png and network.svg, metrics.csv."
	@echo "Try: $(BIN)/iempkg query events $(OUT)/kg.ttl"

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks fuzz
	$(BIN)/mypy

# The page test drives Debian's chromium (never a downloaded browser); install it when missing.
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	test -x /usr/lib/chromium/chromium || \
	{ command -v apt-get >/dev/null 2>&1 && echo "installing Debian's chromium for the page test" && \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || \
	  echo "note: chromium is not installed; the browser test will be skipped (fails on CI)"; }

unit: $(STAMP) browser
	$(BIN)/pytest -q -n 2

test: lint unit

# Looks for crashes for FUZZ_SECONDS (atheris over ingest and extraction, then hypothesis over whole
# builds; see fuzz/run.py). atheris has wheels for CPython 3.11 on Linux; where it cannot be
# installed, hypothesis gets all the time.
$(VENV)/.fuzz-stamp: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[fuzz]' || echo "note: atheris cannot be installed here; fuzzing with hypothesis alone"
	touch $@

fuzz: $(VENV)/.fuzz-stamp
	$(BIN)/python fuzz/run.py --seconds $(FUZZ_SECONDS)

eval: $(STAMP)
	@test -d $(EVAL)/corpus || { echo "no evaluation corpus at $(EVAL) (set EVAL=DIR)"; exit 2; }
	$(BIN)/iempkg extract $(EVAL)/corpus -o $(OUT)/eval-predictions.jsonl
	$(BIN)/iempkg evaluate --gold $(EVAL)/gold $(OUT)/eval-predictions.jsonl

# Every benchmark, each against its baseline in the same run, into benchmarks/RESULTS.md:
# 1,000 and 10,000 articles (about an hour on 2 cores); `make bench BIG=1` adds 100,000.
bench: $(STAMP)
	$(BIN)/python benchmarks/results.py $(if $(BIG),--with-100k)

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache build src/*.egg-info
