# One entry point for set-up and every check. `make run` and `make test` work on a fresh
# machine: they create .venv, install the Python dependencies and build the Rust extension.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMPS := .stamps
DB ?= ./var/omniroute.db
LISTEN ?= 127.0.0.1:50051
METRICS ?= 127.0.0.1:9464
WEB_LISTEN ?= 127.0.0.1:8081
DESK_LISTEN ?= 127.0.0.1:8082
RUST_SOURCES := $(shell find matcher_rs/src -name '*.rs') matcher_rs/Cargo.toml Cargo.toml

.PHONY: wheel run test check lint typecheck rust-check proto proto-check pytest bench clean

$(STAMPS)/venv: pyproject.toml
	@mkdir -p $(STAMPS)
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	@touch $@

# The extension is rebuilt (release mode, incremental) whenever the Rust sources change.
$(STAMPS)/native: $(STAMPS)/venv $(RUST_SOURCES)
	$(VENV)/bin/maturin develop --release --skip-install -q
	@touch $@

# Debian's Chromium, for the operators' web app's browser tests (Playwright drives it).
$(STAMPS)/browser:
	@mkdir -p $(STAMPS)
	bash script/install_debian_packages.sh chromium
	@touch $@

run: $(STAMPS)/native
	bash script/run_demo.sh $(VENV) $(DB) $(LISTEN) $(METRICS) $(WEB_LISTEN) $(DESK_LISTEN)

test: $(STAMPS)/native rust-check lint typecheck proto-check pytest

rust-check:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets --all-features -- -D warnings
	cargo test --workspace -q

lint: $(STAMPS)/venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(STAMPS)/native
	$(VENV)/bin/mypy
	$(PY) -m mypy.stubtest matcher_rs --allowlist script/stubtest-allowlist.txt

proto: $(STAMPS)/venv
	$(PY) script/gen_proto.py

proto-check: $(STAMPS)/venv
	$(PY) script/gen_proto.py --check

pytest: $(STAMPS)/native $(STAMPS)/browser
	$(VENV)/bin/pytest --benchmark-disable -q

bench: $(STAMPS)/native
	$(VENV)/bin/pytest benchmarks --benchmark-only --benchmark-columns=min,median,mean,ops,rounds

clean:
	rm -rf $(STAMPS) target

# Builds the release wheel and checks it ships only the packages and the extension.
wheel: $(STAMPS)/venv
	rm -rf dist
	$(VENV)/bin/maturin build --release -q -o dist
	$(PY) script/check_wheel.py dist/*.whl
