"""utils.env: the environment check stops a notebook only where it cannot work."""
from __future__ import annotations

import tomllib

import pytest

import utils.env as env
from harness import ROOT
from utils.env import assess, check_environment

DECLARED = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]


def colab_versions(date: str) -> dict[str, str]:
    from test_dependencies import colab_pins

    return colab_pins(date)


@pytest.mark.parametrize("installed, level", [
    ("8.1.9", "ok"), ("7.7.1", "ok"), ("7.7.0", "ok"),   # Colab's 7.7.1 and the floor pass
    ("9.0.0", "warn"), ("10.2", "warn"),                  # newer than tested: a warning, not a failure
    ("7.6.5", "fail"), ("6.0", "fail"),                  # below the hard floor
    ("9.0.0rc1", "warn"), ("8.2.0.dev0", "ok"),
])
def test_assess_levels(installed, level):
    status = assess("ipywidgets>=7.7,<9", installed)
    assert status.level == level, status
    assert status.usable == (level != "fail")


def test_missing_package_fails_with_the_install_command():
    status = assess("transformers>=4.57.1,<6", None)
    assert status.level == "fail" and not status.usable
    assert status.message.startswith("MISSING") and '%pip install "transformers<6,>=4.57.1"' in status.message


def test_warning_names_version_range_and_fix():
    status = assess("torch>=2.2,<3", "3.1.0+cu130")
    assert status.level == "warn"
    assert "3.1.0+cu130" in status.message and "<3,>=2.2" in status.message and "%pip install" in status.message


def test_too_old_names_the_floor():
    status = assess("numpy>=1.26,<3", "1.24.4")
    assert status.level == "fail" and "TOO OLD: 1.24.4 is below >=1.26" in status.message


def test_local_versions_and_no_specifier():
    assert assess("torch>=2.2,<3", "2.13.0+cpu").level == "ok"
    assert assess("packaging", "21.0").level == "ok"
    assert assess("packaging>=23", "26.3").level == "ok"


def test_check_environment_passes_here_with_one_ok_line_each(capsys):
    status = check_environment()
    assert status and all(status.values())
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(status) and all(line.split() == [name, "ok"] for line, name in zip(lines, status))


def test_check_environment_warns_but_passes_on_an_untested_version(monkeypatch, capsys):
    monkeypatch.setattr(env, "requirements", lambda extra=None: ["numpy>=1.26,<2"])  # this numpy is newer
    assert check_environment() == {"numpy": True}
    assert "WARNING" in capsys.readouterr().out


@pytest.mark.parametrize("date", ["2026-01-28", "2026-08-19"])
def test_colab_versions_never_fail_the_check(date):
    """Every version Colab shipped passes the declared floors: 00 never stops on Colab."""
    versions = colab_versions(date)
    for text in DECLARED:
        from packaging.requirements import Requirement

        name = Requirement(text).name
        status = assess(text, versions[name])
        assert status.level == "ok", f"Colab {date}: {name} {versions[name]} -> {status.message}"
