# Two commands for everyone: `make lab` and `make test`. The rest are for maintainers.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
# The lock for tests and for `make lab`: torch pinned to the CPU wheel, everything else
# pinned to versions the committed outputs were made with. Users elsewhere get ranges.
CONSTRAINTS ?= constraints/test.txt
STAMP := $(VENV)/.installed
LAB_ARGS ?=
# JupyterLab refuses to start as root (containers, CI) unless told it may.
LAB_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)
PYTEST_ARGS ?=

.PHONY: lab test test-fast sysdeps release gradebook grade fork bench bench-grading clean help

help:
	@echo "make lab        set up .venv and open JupyterLab on the course"
	@echo "make test       set up .venv and run every test"
	@echo "make test-fast  every test but the nbgrader round trips of the exercise catalogs"
	@echo "make release    regenerate notebooks/ from solutions/ with nbgrader"
	@echo "make gradebook  record every assignment in gradebook.db (instructors, before autograde)"
	@echo "make grade A=01-sigmoid [ZIP=downloads.zip]  grade an assignment: grades.csv, feedback, report"
	@echo "make fork REPO=you/name [BRANCH=main]  point Colab badges at your fork and release"
	@echo "make bench      time every solution notebook, then grading 40 submissions; print tables"
	@echo "make bench-grading  40 submissions: the grading command vs serial nbgrader autograde"

$(STAMP): pyproject.toml $(CONSTRAINTS)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + "); set PYTHON=python3.11")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || { echo "could not create $(VENV): on Debian/Ubuntu run 'apt-get install python3-venv'"; exit 1; }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c $(CONSTRAINTS) -e ".[dev]"
	@touch $(STAMP)

lab: $(STAMP)
	$(VENV)/bin/jupyter lab --ServerApp.root_dir="$(CURDIR)" $(LAB_ROOT) $(LAB_ARGS) notebooks/00-start-here/00-start-here.ipynb

sysdeps:
	@scripts/system-deps.sh

test: $(STAMP) sysdeps
	$(PY) -m pytest $(PYTEST_ARGS)

test-fast: $(STAMP) sysdeps
	$(PY) -m pytest -m "not slow" $(PYTEST_ARGS)

COURSE := $(VENV)/bin/course

release: $(STAMP)
	$(COURSE) release

gradebook: $(STAMP)
	$(COURSE) gradebook

grade: $(STAMP)
	@test -n "$(A)" || { echo "usage: make grade A=01-sigmoid [ZIP=lms-downloads.zip] [J=2]"; exit 2; }
	$(COURSE) grade "$(A)" $(if $(ZIP),--zip "$(ZIP)",) $(if $(J),-j $(J),)

fork: $(STAMP)
	@test -n "$(REPO)" || { echo "usage: make fork REPO=owner/name [BRANCH=main]"; exit 2; }
	$(COURSE) fork "$(REPO)" $(if $(BRANCH),--branch "$(BRANCH)",)

bench: $(STAMP)
	$(COURSE) bench --n 40

bench-grading: $(STAMP)
	$(COURSE) bench --grading-only --n 40

clean:
	rm -rf $(VENV) .pytest_cache artifacts
