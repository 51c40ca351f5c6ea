# The two commands a new user needs: `make setup` and `make test`.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
APT_PKGS := tesseract-ocr tesseract-ocr-ind tesseract-ocr-eng ghostscript fonts-dejavu-core poppler-utils chromium

.PHONY: setup system venv samples extract-samples eval-samples test test-slow bench bench-ocr clean

## setup: system packages, .venv with iku installed, then the main job on the bundled samples
setup: system venv extract-samples eval-samples

system:
	@if command -v apt-get >/dev/null 2>&1; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  missing=$$(for p in $(APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	  if [ -n "$$missing" ]; then \
	    $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	  fi; \
	else echo "apt-get not found: install $(APT_PKGS) with your package manager"; fi

venv:
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev,ray]'

## extract-samples: the main job: every bundled sample PDF → output/samples/
extract-samples:
	$(BIN)/iku extract samples/digital samples/office -o output/samples

eval-samples:
	$(BIN)/iku eval samples/digital output/samples
	$(BIN)/iku eval samples/office output/samples

## samples: rebuild the sample PDFs and their gold (samples/generate.py, samples/generate_scans.py)
samples:
	$(BIN)/python samples/generate.py
	$(BIN)/python samples/generate_scans.py

## test: the default run on TEST_WORKERS processes (pytest-xdist; documents extracted once per run,
## shared between the workers), two documents OCR'd end to end; under 2 minutes on 2 cores
TEST_WORKERS ?= 2
test:
	$(BIN)/python -m pytest -q -n $(TEST_WORKERS) --dist worksteal

## test-slow: what the default run leaves out: every scan at every quality, every real scan, their golden files
test-slow:
	$(BIN)/python -m pytest -q -n $(TEST_WORKERS) --dist worksteal -m slow

bench:
	$(BIN)/python benchmarks/bench_digital.py

## bench-ocr: the OCR path against ocrmypdf+camelot and bare tesseract (→ benchmarks/results/ocr.txt)
bench-ocr:
	$(BIN)/python benchmarks/bench_ocr.py

clean:
	rm -rf output/samples .pytest_cache
