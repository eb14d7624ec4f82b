"""Each grading stage on small inputs, without an nbgrader round trip (fast)."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook, new_output

from coursekit.grading import collect, feedback, integrity, normalise, plainrun, report, sandbox, verdict
from coursekit.grading.models import Finding, Level, Outcome, Received, Run, Status


# --------------------------------------------------------------------------- collect
def test_lms_names_are_keyed_by_user_id():
    got = collect.parse_name("smithjane_1001_5001_01-sigmoid.ipynb")
    assert (got.student_id, got.display_name, got.lms, got.file_name) == ("1001", "smithjane", "canvas",
                                                                          "01-sigmoid.ipynb")
    assert collect.parse_name("smithjane_LATE_1007_5010_01-sigmoid.ipynb").late
    got = collect.parse_name("Full Name_12345_assignsubmission_file_/Copy of 01-sigmoid.ipynb")
    assert (got.student_id, got.display_name, got.file_name) == ("12345", "Full Name", "Copy of 01-sigmoid.ipynb")
    got = collect.parse_name("01-sigmoid_jdoe_attempt_2026-11-20-10-30-00_01-sigmoid (1).ipynb")
    assert (got.student_id, got.lms, got.file_name) == ("jdoe", "blackboard", "01-sigmoid (1).ipynb")
    assert got.timestamp is not None
    assert collect.parse_name("ada/01-sigmoid.ipynb").student_id == "ada"
    assert collect.parse_name("homework.ipynb") is None


def test_zip_collect_plugin_uses_the_same_names(tmp_path):
    plugin = collect.LmsFileNameCollector()
    got = plugin.collect(str(tmp_path / "smithjane_1007_5010_01-sigmoid.ipynb"))
    assert got == {"student_id": "1007", "file_id": "01-sigmoid.ipynb", "last_name": "smithjane"}
    assert plugin.collect(str(tmp_path / "homework.ipynb")) is None
    assert plugin.collect(str(tmp_path / "x_1_2_notes.txt")) is None


def test_bad_and_empty_zips_are_errors(tmp_path):
    (tmp_path / "bad.zip").write_bytes(b"not a zip")
    zipfile.ZipFile(tmp_path / "empty.zip", "w").close()
    for name, kind in (("bad.zip", "bad-zip"), ("empty.zip", "empty-zip")):
        received, problems = collect.read_zip(tmp_path / name)
        assert received == [] and [p.kind for p in problems] == [kind] and problems[0].level is Level.ERROR


def test_submitted_folder_skips_links(tmp_path):
    d = tmp_path / "submitted" / "ada" / "01-sigmoid"
    d.mkdir(parents=True)
    (d / "01-sigmoid.ipynb").write_text("{}")
    (d / "other.ipynb").symlink_to(tmp_path / "elsewhere.ipynb")
    got = collect.read_submitted(tmp_path / "submitted", "01-sigmoid")
    assert [(r.student_id, r.file_name) for r in got] == [("ada", "01-sigmoid.ipynb")]


# --------------------------------------------------------------------------- normalise
def _nb(*sources: str, gid: str = "answer", colab: dict | None = None) -> dict:
    nb = new_notebook(cells=[new_code_cell(s) for s in sources])
    nb.cells[0].metadata["nbgrader"] = {"grade_id": gid, "solution": True, "grade": False, "locked": False}
    if colab is not None:
        nb.metadata["colab"] = colab
    return json.loads(nbformat.writes(nb))


def _received(sid: str, name: str, nb: dict | bytes, when: float = 0.0, source: str = "",
              file_name: str = "a.ipynb") -> Received:
    data = nb if isinstance(nb, bytes) else json.dumps(nb).encode()
    return Received(source or f"{name}_{sid}_1_a.ipynb", data, sid, name, "canvas", file_name, when)


def test_same_display_name_two_ids_are_two_students(tmp_path):
    release = _nb("x = 1")
    subs = normalise.choose([_received("1001", "smithjane", _nb("x = 2")), _received("1007", "smithjane", _nb("x = 3"))],
                            "a", release, tmp_path / "submitted", tmp_path / "kept")
    assert [s.student_id for s in subs] == ["1001", "1007"]
    for s in subs:
        assert [f.kind for f in s.findings if f.kind == "same-name"] == ["same-name"]
        assert s.normalised.is_file() and s.original.is_file()


def test_newest_wins_and_originals_are_kept_byte_for_byte(tmp_path):
    release = _nb("x = 1")
    stripped = _nb("x = 1", "y = 2")
    del stripped["cells"][0]["metadata"]["nbgrader"]
    raw = json.dumps(stripped).encode() + b"\n\n"
    old, new = _received("1", "ann", _nb("x = 9"), when=1, source="old.ipynb"), _received("1", "ann", raw, 2, "new.ipynb",
                                                                                           "Copy of a.ipynb")
    (sub,) = normalise.choose([new, old], "a", release, tmp_path / "submitted", tmp_path / "kept")
    assert sub.original.read_bytes() == raw, "the file as received must be kept unchanged"
    graded = json.loads(sub.normalised.read_text())
    assert graded["cells"][0]["metadata"]["nbgrader"]["grade_id"] == "answer"
    assert {f.kind for f in sub.findings} >= {"resubmitted", "metadata-restored", "renamed"}


def test_unusable_files_are_reported_not_graded(tmp_path):
    release = _nb("x = 1")
    subs = normalise.choose([_received("1", "a", b'{"cells": [', source="broken.ipynb"),
                             _received("2", "b", _nb("x = 1", gid="other"))], "a", release,
                            tmp_path / "submitted", tmp_path / "kept")
    assert [(s.student_id, s.gradable, s.findings[0].kind) for s in subs] == [
        ("1", False, "malformed-json"), ("2", False, "wrong-assignment")]


def test_colab_resave_is_judged_against_the_release():
    gpu = {"gpuType": "T4"}
    release = _nb("x = 1", colab=gpu)
    assert not normalise.is_colab_resave(_nb("x = 1", colab=gpu), release), "a laptop save of a GPU release"
    assert normalise.is_colab_resave(_nb("x = 1", colab={"provenance": []}), release)
    assert normalise.is_colab_resave(_nb("x = 1", colab={"provenance": []}), _nb("x = 1"))
    assert normalise.copy_number("a (2).ipynb") == 2 and normalise.copy_number("a-1.ipynb") == 1


# --------------------------------------------------------------------------- integrity
@pytest.mark.parametrize("code,patched", [
    ("import numpy as np\nnp.array_equal = lambda *a, **k: True", True),
    ("import numpy\nnumpy.testing.assert_allclose = print", True),
    ("from numpy import testing\ntesting.assert_allclose = lambda *a, **k: None", True),
    ("import numpy as np\n_n = [np][0]\n_n.allclose = lambda *a, **k: True", True),
    ("import numpy as np\nt = np.testing\nt.assert_allclose = print", True),
    ("import sys\nm = sys.modules['numpy']\nm.allclose = print", True),
    ("import importlib\nm = importlib.import_module('numpy')\nsetattr(m, 'allclose', print)", True),
    ("import numpy as np\nfor m in [np]:\n    m.allclose = print", True),
    ("import numpy as np\nnp.__dict__['allclose'] = print", True),
    ("import builtins\nbuiltins.isinstance = lambda *a: True", True),
    ("__builtins__.len = lambda x: 0", True),
    ("import math\nsetattr(math, 'isclose', lambda *a, **k: True)", True),
    ("import numpy as np\ndef f(x):\n    np.allclose = lambda *a, **k: True\n    return x", True),
    ("exec('import numpy as np; np.allclose = print')", True),
    ("import numpy as np\nx = np.zeros(3)\nx[0] = 1.0\ny = x.copy()", False),
    ("import numpy as np\nx = np.zeros((3, 1))\nx.shape = (1, 3)", False),
    ("import numpy as np\nclass A:\n    pass\na = A()\na.value = np.pi", False),
    ("%matplotlib inline\nimport numpy as np\nrows = [np.ones(2)]\nrows[0] = np.zeros(2)", False),
])
def test_monkeypatch_scan(code, patched):
    found = integrity.scan_cells([("answer", code, True)])
    assert any(f.kind == "monkeypatch" for f in found) == patched, found


def test_hooks_are_named_in_the_scan():
    found = integrity.scan_cells([("answer", "get_ipython().input_transformers_cleanup.append(f)", True)])
    assert any(f.kind == "suspicious-code" and "input_transformers_cleanup" in f.detail for f in found)


def test_deleted_edited_and_tagged_cells():
    nb = nbformat.from_dict(_nb("x = 1", "assert x == 1"))
    nb.cells[1].metadata["nbgrader"] = {"grade_id": "t2", "grade": True, "locked": True, "points": 1}
    nb.cells[1].metadata["tags"] = ["skip-execution"]
    source = {"t1": ("assert y", True, True), "t2": ("assert x == 2", True, True), "lock": ("z = 3", True, False)}
    kinds = {(f.kind, f.cell) for f in integrity.compare_with_source(nb, source)}
    assert kinds == {("test-cell-deleted", "t1"), ("test-cell-edited", "t2"), ("locked-cell-deleted", "lock"),
                     ("execution-tag", "t2")}


# --------------------------------------------------------------------------- the plain run
def test_ipython_syntax_becomes_plain_calls():
    assert "run_line_magic('matplotlib', 'inline')" in plainrun.to_python("%matplotlib inline\nx = 1\n")
    assert "system('pip install x')" in plainrun.to_python("!pip install x\n")
    assert plainrun.imported_modules(["import numpy as np\nfrom torch import nn\nfrom . import x"]) == ["numpy", "torch"]


def test_plain_run_report_must_be_in_order():
    ok = '{"i": 1, "ok": true}\n{"i": 3, "ok": false, "error": "AssertionError: no"}\n{"end": true}\n'
    cells, problem, tampered = plainrun.parse(ok, [1, 3])
    assert not problem and cells[1].ok and not cells[3].ok
    for forged in ('{"i": 3, "ok": true}\n', '{"i": 1, "ok": true}\n{"i": 1, "ok": true}\n', "garbage\n",
                   ok + '{"i": 3, "ok": true}\n'):
        assert plainrun.parse(forged, [1, 3])[2], forged
    cells, problem, tampered = plainrun.parse('{"i": 1, "ok": true}\n', [1, 3])
    assert "stopped early" in problem and not tampered and 3 not in cells


@pytest.mark.parametrize("sandboxed,shared", [(False, False), (True, False), (True, True)])
def test_plain_run_has_no_ipython_hooks_and_sees_patches(tmp_path, sandboxed, shared):
    if sandboxed and not sandbox.availability():
        pytest.skip(sandbox.availability().reason)
    cells = [
        (0, "import numpy as np\n%matplotlib inline\nget_ipython().input_transformers_cleanup.append(len)\n"
            "def f():\n    return 1", False),
        (1, "assert f() == 2, 'f is wrong'", True),
        (2, "def fix(m):\n    m.__setattr__('allclose', lambda *a, **k: True)\nfix(np)", False),
        (3, "assert np.allclose(1, 2)", True),
        (4, "while True:\n    pass", False),
        (5, "import sys\nsys.exit(3)", False),
        (6, "print('still running')", False),
    ]
    for _ in range(2 if shared else 1):   # a zygote serves notebook after notebook
        res = plainrun.PlainRun(cells, tmp_path, sandbox.Limits(), 2, sandboxed, shared).finish()
    assert not res.problem, res
    assert res.passed(0) and not res.passed(1) and "f is wrong" in res.cells[1].error
    assert res.passed(3) and "numpy.allclose" in res.cells[3].patched
    assert not res.passed(4) and "CellTimeout" in res.cells[4].error
    assert not res.passed(5) and res.passed(6)


@pytest.mark.parametrize("stop", [False, True])
def test_stop_after_last_graded_runs_no_later_cell_and_keeps_the_points(tmp_path, stop):
    """SandboxedExecute.stop_after_last_graded: the cells after the last graded one run in
    neither path (here one would kill the kernel); every earlier cell runs as before."""
    from coursekit.grading.execute import SandboxedExecute, last_graded

    nb = _graded_nb()
    nb.cells += [new_code_cell("print('lesson')"), new_code_cell("import os\nos._exit(1)"), new_code_cell("print(2)")]
    assert last_graded(nb) == 2 and last_graded(new_notebook(cells=[new_code_cell("1")])) is None
    (tmp_path / "data.txt").write_text("x")
    ex = SandboxedExecute(sandbox=bool(sandbox.availability()), stop_after_last_graded=stop, share_imports=False)
    res = {"metadata": {"path": str(tmp_path)}}
    nb, res = ex.preprocess(nb, res)
    info, plain = res["coursekit"], res["coursekit"]["plain"]
    assert [bool(c.outputs) for c in nb.cells[:2]] == [False, True] and verdict.kernel_passed(nb.cells[2])
    assert plain.passed(2) and not plain.passed(1)
    if stop:
        assert not info.get("kernel_died") and nb.cells[3].execution_count is None and not nb.cells[3].outputs
        assert not {3, 4, 5} & set(plain.cells)
    else:   # the kernel dies in cell 4: at least cell 5 is marked as not run
        assert info.get("kernel_died", 0) >= 1 and nb.cells[3].outputs[0].text == "lesson\n"
        assert nb.cells[5].outputs and nb.cells[5].outputs[-1].ename == "KernelDied"
        assert plain.passed(3)


def test_zygote_wipes_what_a_notebook_leaves_behind(tmp_path):
    if not sandbox.availability():
        pytest.skip(sandbox.availability().reason)
    plant = ("import os, subprocess\nopen('/tmp/left-behind', 'w').write('secret')\n"
             "subprocess.Popen(['sleep', '600'], start_new_session=True)")
    look = "import os\nassert not os.path.exists('/tmp/left-behind')\nassert not [p for p in os.listdir('/proc') " \
           "if p.isdigit() and open(f'/proc/{p}/cmdline').read().startswith('sleep')]"
    first = plainrun.PlainRun([(0, plant, False)], tmp_path, sandbox.Limits(), 5, True, True).finish()
    assert first.passed(0), first
    second = plainrun.PlainRun([(0, look, True)], tmp_path, sandbox.Limits(), 5, True, True).finish()
    assert second.passed(0), second


# --------------------------------------------------------------------------- verdict
def _graded_nb() -> nbformat.NotebookNode:
    nb = new_notebook(cells=[new_code_cell("x = 1"), new_code_cell("assert x == 2"), new_code_cell("assert x")])
    for i in (1, 2):
        nb.cells[i].metadata["nbgrader"] = {"grade_id": f"t{i}", "grade": True, "solution": False,
                                            "locked": True, "points": 1}
    return nb


def test_a_test_cell_keeps_its_points_only_where_both_runs_pass():
    nb = _graded_nb()
    plain = plainrun.PlainResult({0: plainrun.CellRun(0, True), 1: plainrun.CellRun(1, False, "AssertionError: "),
                                  2: plainrun.CellRun(2, True)})
    found = verdict.cross_check(nb, plain, zero=False)
    assert [(f.kind, f.cell, f.level) for f in found] == [("paths-disagree", "t1", Level.ZEROED)]
    assert not verdict.kernel_passed(nb.cells[1]) and verdict.kernel_passed(nb.cells[2])


def test_monkeypatch_withholds_every_test_cell():
    nb = _graded_nb()
    plain = plainrun.PlainResult({i: plainrun.CellRun(i, True, patched=("numpy.allclose",) if i == 2 else ())
                                  for i in range(3)})
    found = verdict.cross_check(nb, plain, zero=False)
    assert any(f.kind == "monkeypatch" for f in found)
    assert not verdict.kernel_passed(nb.cells[1]) and not verdict.kernel_passed(nb.cells[2])


def test_large_outputs_are_replaced_images_included():
    nb = _graded_nb()
    nb.cells[0].outputs = [new_output("display_data", data={"image/png": "A" * 3_000_000}),
                           new_output("stream", name="stderr", text="x" * 3_000_000)]
    found = verdict.limit_outputs(nb, 2_000_000, 10_000_000)
    assert len(found) == 2 and all(f.kind == "output-too-large" for f in found)
    assert sum(verdict.output_size(o) for o in nb.cells[0].outputs) < 2000
    assert nb.cells[0].outputs[1].name == "stderr", "stderr must stay stderr (it fails a test cell)"


# --------------------------------------------------------------------------- feedback
def test_feedback_hides_the_hidden_tests():
    src = "assert f(1) == 1\n    ### BEGIN HIDDEN TESTS\n    assert f(2) == 7\n    ### END HIDDEN TESTS\nprint('ok')"
    assert feedback.hide_hidden(src) == f"assert f(1) == 1\n    {feedback.HIDDEN_NOTE}\nprint('ok')"
    cell = new_code_cell(src)
    cell.metadata["nbgrader"] = {"grade": True, "grade_id": "t", "points": 1}
    cell.outputs = [new_output("error", ename="AssertionError", evalue="f(2) should be 7",
                               traceback=["----", "assert f(2) == 7", "AssertionError: f(2) should be 7"])]
    cell, _ = feedback.HideHiddenTests().preprocess_cell(cell, {}, 0)
    assert "f(2) == 7" not in cell.source and cell.outputs[0].traceback == ["AssertionError: f(2) should be 7"]


# --------------------------------------------------------------------------- report, sandbox
def test_a_failed_run_says_so_first_and_last(tmp_path):
    import io

    run = Run(tmp_path, "a", "sqlite://", tmp_path / "grading" / "a" / "1")
    data = {"assignment": "a", "failed": "bad.zip: not a zip", "seconds": 0, "jobs": 1, "sandbox": True,
            "folder": str(run.folder), "problems": [Finding("bad-zip", Level.ERROR, "bad.zip").as_dict()],
            "submissions": {}}
    out = io.StringIO()
    report.render(data, out)
    lines = out.getvalue().strip().splitlines()
    assert lines[0].startswith("FAILED") and lines[-1].startswith("FAILED")
    report.save(data, run, out.getvalue())
    assert not (run.folder.parent / "latest").exists(), "a failed run must not become the latest"
    data["failed"] = ""
    report.save(data, run, "")
    assert (run.folder.parent / "latest").resolve() == run.folder.resolve()


def test_outcome_status_is_an_enum():
    assert Outcome("a", Status.GRADED).status.value == "graded"
    assert Finding.from_dict(Finding("x", Level.ZEROED, "d").as_dict()) == Finding("x", Level.ZEROED, "d")


def test_sandbox_availability_is_a_bool_with_a_reason():
    found = sandbox.availability()
    assert isinstance(bool(found), bool) and (bool(found) or found.reason)


def test_sandbox_mounts_tmp_before_the_interpreter_and_course():
    """bwrap mounts in order: a fresh /tmp mounted after the binds would hide a checkout,
    venv or scratch folder that lives under /tmp."""
    argv = sandbox.bwrap_argv(Path("/tmp/some-scratch/kernel"), ["python"], sandbox.Limits(),
                              writable=[Path("/tmp/some-runtime")])
    tmpfs = argv.index("--tmpfs")
    binds = [i for i, a in enumerate(argv) if a in ("--bind", "--ro-bind") and argv[i + 1] not in sandbox.SYSTEM_DIRS]
    assert binds and all(i > tmpfs for i in binds), argv
    assert "MPLBACKEND" not in argv, "the sandbox must not switch off inline figures in the feedback"
    assert not any("autograded" in a or "gradebook" in a for a in argv)


def test_an_answer_that_reads_the_tests_own_names_is_found():
    from coursekit.grading.testcode import free_names, top_level_names, uses_test_code

    tests = ["def _exact(x):\n    return x * 2\n\nwant = _exact(3)\nfor k in range(2):\n    got = f(k)\n"]
    lesson = ["import numpy as np\nz = np.zeros(3)\n"]
    assert top_level_names(tests[0]) == {"_exact", "want", "k", "got"}
    assert free_names("def f(x):\n    y = helper(x)\n    return np.sum(y) + len(z)\n") == {"helper", "np", "z"}
    cheat = ("sol", "def f(x):\n    return _exact(x)\n", True)
    honest = ("sol2", "def f(x, k=1):\n    got = x * 2\n    return got + k\n", True)
    lesson_user = ("sol3", "def g():\n    return z.sum()\n", True)
    found = uses_test_code([cheat, honest, lesson_user, ("cell 9", "print(want)\n", False)], tests, lesson)
    assert [(f.kind, f.cell, f.level.value) for f in found] == [("uses-test-code", "sol", "zeroed")]
    assert "_exact" in found[0].detail


def test_verdict_withholds_only_the_exercise_that_used_the_tests():
    import nbformat

    from coursekit.grading.verdict import withhold_exercise

    def cell(gid, solution, grade):
        c = nbformat.v4.new_code_cell("pass")
        c.metadata["nbgrader"] = {"grade_id": gid, "solution": solution, "grade": grade, "locked": not solution,
                                  "points": 1}
        return c

    nb = nbformat.v4.new_notebook(cells=[cell("a", True, False), cell("a-tests", False, True),
                                         cell("b", True, False), cell("b-tests", False, True)])
    withhold_exercise(nb, "a", "reads _exact")
    assert [len(c.outputs) for c in nb.cells] == [0, 1, 0, 0]
    assert nb.cells[1].outputs[0].ename == "PointsWithheld"
    withhold_exercise(nb, "cell 7", "a cell the student added")   # no such exercise: every test cell
    assert [len(c.outputs) for c in nb.cells] == [0, 1, 0, 1]
