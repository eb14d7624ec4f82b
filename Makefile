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

# TORCH_CPU=1 adds PyTorch's CPU-only package index, so that a Linux laptop installs the
# CPU build of torch (about 200 MB) instead of the default CUDA build (several GB).
TORCH_CPU ?=
TORCH_INDEX := $(if $(TORCH_CPU),--extra-index-url https://download.pytorch.org/whl/cpu,)
COURSE := $(VENV)/bin/course

.PHONY: lab lab-instructor test test-fast test-nosys sysdeps release check gradebook grade fork bench bench-grading clean help

help:
	@echo "For everyone:"
	@echo "  make lab             set up .venv and open JupyterLab on the course, as a student sees it"
	@echo "  make test            set up .venv, install system packages (needs root or sudo), run every test"
	@echo "For instructors and maintainers (the same jobs as the .venv/bin/course command):"
	@echo "  make lab-instructor  JupyterLab with nbgrader's instructor UI, opened at formgrader"
	@echo "  make test-fast       every test but the nbgrader round trips of the exercise catalogs"
	@echo "  make test-nosys      no system packages needed (no root): tests that need one skip, saying why"
	@echo "  make sysdeps         install chromium, bubblewrap, postgresql and git where missing (root)"
	@echo "  make release         regenerate notebooks/ from solutions/ with nbgrader"
	@echo "  make check           fail if notebooks/ differs from a fresh release"
	@echo "  make gradebook       record every assignment in gradebook.db (before autograde)"
	@echo "  make grade A=01-sigmoid [ZIP=downloads.zip] [J=2]  grade an assignment into grading/<assignment>/<time>/"
	@echo "  make fork REPO=you/name [BRANCH=main]  point the Colab badges at your fork and release"
	@echo "  make bench           time every notebook, grading 40 submissions and the exercise catalogs; print tables"
	@echo "  make bench-grading   40 submissions: the grading command vs serial nbgrader"
	@echo "  make clean           remove .venv and test artefacts"
	@echo "Variables: PYTHON=python3.12 (the interpreter for .venv), TORCH_CPU=1 (CPU-only torch on Linux)"

$(STAMP): pyproject.toml $(CONSTRAINTS)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + "); set PYTHON=python3.11")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || { echo "could not create $(VENV): on Debian/Ubuntu run 'apt-get install python3-venv'"; exit 1; }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet $(TORCH_INDEX) -c $(CONSTRAINTS) -e ".[dev]"
	@touch $(STAMP)

# Students: nbgrader's instructor parts turned off (jupyter/student/, see jupyter/README.md).
lab: $(STAMP)
	JUPYTER_CONFIG_PATH="$(CURDIR)/jupyter/student" $(VENV)/bin/jupyter lab --ServerApp.root_dir="$(CURDIR)" $(LAB_ROOT) $(LAB_ARGS) notebooks/00-start-here/00-start-here.ipynb

lab-instructor: $(STAMP)
	$(VENV)/bin/jupyter lab --ServerApp.root_dir="$(CURDIR)" --ServerApp.default_url=/formgrader $(LAB_ROOT) $(LAB_ARGS)

sysdeps:
	@scripts/system-deps.sh

test: $(STAMP) sysdeps
	$(PY) -m pytest $(PYTEST_ARGS)

test-fast: $(STAMP) sysdeps
	$(PY) -m pytest -m "not slow" $(PYTEST_ARGS)

test-nosys: $(STAMP)
	COURSE_NO_SYSDEPS=1 $(PY) -m pytest $(PYTEST_ARGS)

release: $(STAMP)
	$(COURSE) release

check: $(STAMP)
	$(COURSE) check

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
