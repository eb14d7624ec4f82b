"""Unit tests of the helper package every notebook imports."""
from __future__ import annotations

import random
import sys
import types

import numpy as np
import pytest
import torch

import utils
from utils import device as device_mod
from utils.env import check_environment, requirements


# ----------------------------------------------------------------------------- device
@pytest.fixture
def no_gpu(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(device_mod, "_mps_available", lambda t: False)


def test_cpu_without_gpu_says_so_and_does_not_fail(no_gpu, capsys):
    dev = utils.get_device()
    assert dev == torch.device("cpu")
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and out.startswith("Device: cpu (no GPU found")


def test_cuda_comes_first(monkeypatch, capsys):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "get_device_name", lambda d=None: "Fake GPU 9000")
    monkeypatch.setattr(device_mod, "_mps_available", lambda t: True)
    assert utils.get_device().type == "cuda"
    assert capsys.readouterr().out == "Device: cuda (Fake GPU 9000)\n"


def test_mps_before_cpu(monkeypatch, capsys):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(device_mod, "_mps_available", lambda t: True)
    assert utils.get_device(verbose=False).type == "mps"
    assert capsys.readouterr().out == ""


def test_prefer_falls_back_with_a_note(no_gpu, capsys):
    assert utils.get_device(prefer="cuda").type == "cpu"
    assert "cuda was asked for but is not available" in capsys.readouterr().out
    assert utils.get_device(prefer="cpu", verbose=False).type == "cpu"
    with pytest.raises(ValueError, match="prefer must be one of"):
        utils.get_device(prefer="tpu")


def test_mps_probe_tolerates_old_torch():
    assert device_mod._mps_available(types.SimpleNamespace()) is False
    fake = types.SimpleNamespace(backends=types.SimpleNamespace(mps=types.SimpleNamespace(is_available=lambda: True)))
    assert device_mod._mps_available(fake) is True


# ----------------------------------------------------------------------------- seeding
def _draw():
    return random.random(), np.random.rand(), torch.rand(1).item()


def test_seed_everything_repeats_every_source():
    rng1 = utils.seed_everything(7)
    first = _draw() + (rng1.normal(),)
    rng2 = utils.seed_everything(7)
    assert _draw() + (rng2.normal(),) == first
    utils.seed_everything(8)
    assert _draw() != first[:3]


def test_seed_everything_sets_cudnn_flags():
    utils.seed_everything(0)
    assert torch.backends.cudnn.deterministic is True and torch.backends.cudnn.benchmark is False
    utils.seed_everything(0, deterministic=False)
    assert torch.backends.cudnn.deterministic is False and torch.backends.cudnn.benchmark is True
    utils.seed_everything(0)


@pytest.mark.parametrize("bad,err", [(-1, ValueError), (2**32, ValueError), (1.5, TypeError), (True, TypeError)])
def test_seed_everything_rejects_bad_seeds(bad, err):
    with pytest.raises(err):
        utils.seed_everything(bad)


def test_torch_generator_is_explicit_and_repeatable():
    a = torch.randn(3, generator=utils.torch_generator(5))
    torch.manual_seed(123)  # global state must not matter
    b = torch.randn(3, generator=utils.torch_generator(5))
    assert torch.equal(a, b)


# ----------------------------------------------------------------------------- plotting, colab
def test_setup_plotting_applies_the_style():
    import matplotlib as mpl

    utils.setup_plotting()
    assert mpl.rcParams["figure.dpi"] >= 110, "figures at 110 dpi or more (sharp on high-density screens)"
    assert mpl.rcParams["axes.prop_cycle"].by_key()["color"][0] == utils.PALETTE["blue"]
    width, _ = mpl.rcParams["figure.figsize"]
    assert width <= 8, "figures must fit the notebook width"


def test_in_colab(monkeypatch):
    monkeypatch.delitem(sys.modules, "google.colab", raising=False)
    assert utils.in_colab() is False
    monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    assert utils.in_colab() is True


# ----------------------------------------------------------------------------- environment
def test_requirements_come_from_the_installed_metadata():
    core = requirements()
    assert any(r.startswith("torch") for r in core) and any(r.startswith("numpy") for r in core)
    assert all(";" not in r for r in core)
    assert any(r.startswith("nbgrader") for r in requirements("instructor"))


def test_check_environment_reports_every_package(capsys):
    status = check_environment()
    assert status and all(status.values())
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(status) and all(line.endswith("ok") for line in lines)


def test_check_environment_flags_a_missing_and_an_old_package(monkeypatch, capsys):
    import utils.env as env

    monkeypatch.setattr(env, "requirements", lambda extra=None: ["numpy>=999", "surely-not-installed-pkg>=1"])
    status = check_environment()
    assert status == {"numpy": False, "surely-not-installed-pkg": False}
    out = capsys.readouterr().out
    assert "TOO OLD: " in out and "below >=999" in out and "MISSING" in out


# ----------------------------------------------------------------------------- grading
def test_strip_execution_tags():
    import nbformat

    from coursekit.grading.preprocessors import StripExecutionTags

    test_cell = nbformat.v4.new_code_cell("assert f() == 1", metadata={
        "tags": ["skip-execution", "mine"], "nbgrader": {"grade": True, "grade_id": "t"}})
    lesson = nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["raises-exception", "keep-me"]})
    plain = nbformat.v4.new_code_cell("y = 2")
    nb = nbformat.v4.new_notebook(cells=[test_cell, lesson, plain])
    nb, _ = StripExecutionTags().preprocess(nb, {})
    assert "tags" not in nb.cells[0].metadata
    assert nb.cells[1].metadata.tags == ["keep-me"]
    assert "tags" not in nb.cells[2].metadata
