"""`python -m utils.grade`: the grading corpus (tests/grading_corpus/build.py) through the real
command, in a temporary copy of the course: points, report reasons, sandbox, PostgreSQL."""
from __future__ import annotations

import csv
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from harness import CATALOGS, ROOT, fill, read_nb, reference_answers, release_path
from coursekit.runner import tool_env

sys.path.insert(0, str(ROOT / "tests" / "grading_corpus"))
import build as corpus  # noqa: E402

NAME = "00-start-here"


def make_course(dest: Path, name: str = NAME) -> Path:
    from coursekit.release import scratch_course

    return scratch_course(dest, name, ROOT)


def grade(course: Path, *args: str, env: dict | None = None, name: str = NAME) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "coursekit", "--root", str(course), "grade", name, *args]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env or tool_env(), timeout=600)


# --------------------------------------------------------------------------- fast
def test_lms_names():
    from coursekit.grading.legacy import copy_number, parse_name

    assert parse_name("studentname_12345_67890_01-sigmoid.ipynb") == \
        {"student": "studentname", "lms": "canvas", "late": False, "file": "01-sigmoid.ipynb"}
    assert parse_name("studentname_LATE_12345_67890_01-sigmoid.ipynb")["late"] is True
    m = parse_name("Full Name_12345_assignsubmission_file_/Copy of 01-sigmoid.ipynb")
    assert (m["student"], m["lms"], m["file"]) == ("full-name", "moodle", "Copy of 01-sigmoid.ipynb")
    m = parse_name("Full Name_12345_assignsubmission_file_01-sigmoid.ipynb")
    assert (m["student"], m["file"]) == ("full-name", "01-sigmoid.ipynb")
    m = parse_name("01-sigmoid_jdoe_attempt_2026-11-20-10-30-00_01-sigmoid (1).ipynb")
    assert (m["student"], m["lms"], m["file"]) == ("jdoe", "blackboard", "01-sigmoid (1).ipynb")
    assert parse_name("ada/01-sigmoid.ipynb")["student"] == "ada"
    assert parse_name("homework.ipynb") is None
    assert copy_number("01-sigmoid (2).ipynb") == 2 and copy_number("01-sigmoid-1.ipynb") == 1
    assert copy_number("01-sigmoid.ipynb") == 0


@pytest.mark.parametrize("code,patched", [
    ("import numpy as np\nnp.array_equal = lambda *a, **k: True", True),
    ("import numpy\nnumpy.testing.assert_allclose = print", True),
    ("import builtins\nbuiltins.isinstance = lambda *a: True", True),
    ("__builtins__.len = lambda x: 0", True),
    ("import math\nsetattr(math, 'isclose', lambda *a, **k: True)", True),
    ("import numpy as np\ndef f(x):\n    np.allclose = lambda *a, **k: True\n    return x", True),
    ("exec('import numpy as np; np.allclose = print')", True),
    ("import numpy as np\nx = np.zeros(3)\nx[0] = 1.0\ny = x.copy()", False),
    ("import numpy as np\nclass A:\n    pass\na = A()\na.value = 3", False),
])
def test_monkeypatch_scan(code, patched):
    from coursekit.grading.legacy import Submission, check_integrity

    sub = Submission("s")
    check_integrity(sub, {"cells": [{"cell_type": "code", "source": code, "metadata": {}}]}, None)
    assert (sub.zero_reason is not None) == patched, sub.findings


def test_refuses_without_sandbox(tmp_path):
    course = make_course(tmp_path / "course")
    env = dict(tool_env(), PATH=str(Path(sys.executable).parent))   # no bwrap on PATH
    proc = grade(course, env=env)
    assert proc.returncode == 2 and "--no-sandbox" in proc.stderr, proc.stderr[-2000:]
    assert not (course / "gradebook.db").exists()


# --------------------------------------------------------------------------- the corpus
@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("grading")
    course = make_course(tmp / "course")
    expected = corpus.build(tmp / "corpus.zip")
    start = time.perf_counter()
    proc = grade(course, "--zip", str(tmp / "corpus.zip"), "--timeout", "20", "--student-timeout", "180")
    seconds = time.perf_counter() - start
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-5000:]
    report = json.loads((course / "grading" / f"{NAME}-report.json").read_text())
    rows = {r["student_id"]: r for r in csv.DictReader(open(course / "grades.csv"))}
    return course, expected, report, rows, proc, seconds


@pytest.mark.slow
@pytest.mark.parametrize("student", [
    "correct", "wrong", "warning", "latecomer", "osexit", "forever", "membomb", "flood", "sysexit",
    "deleter", "editor", "skipper", "patcher", "builtins", "torchpatch", "snoop", "broken", "stripped", "colab",
    "renamer", "untitled", "twice", "again", "mixup"])
def test_corpus_points_and_reasons(corpus_run, student):
    course, expected, report, rows, proc, _ = corpus_run
    points, kinds = expected[student]
    sid = {"deleter": "deleter-dee", "editor": "editor-ed"}.get(student, student)
    assert sid in report["submissions"], f"{sid} missing from the report:\n{proc.stdout[-3000:]}"
    got = report["submissions"][sid]
    found = {f["kind"] for f in got["findings"]}
    assert set(kinds) <= found, f"{sid}: expected reasons {kinds}, report has {got['findings']}"
    assert sid in rows, f"{sid} has no row in grades.csv"
    earned = float(rows[sid].get("one-hot-tests") or 0)
    assert earned == points, f"{sid}: {earned} points, expected {points}; {got}"
    assert sid in proc.stdout or not kinds, f"{sid} is not in the printed report"


@pytest.mark.slow
def test_corpus_batch(corpus_run):
    course, expected, report, rows, proc, seconds = corpus_run
    print(f"corpus of {len(report['submissions'])} graded in {seconds:.0f} s")
    # one line of progress per graded student, on stderr
    assert proc.stderr.count("] ") >= len([s for s in report["submissions"].values() if s["status"] != "not graded"])
    assert any(p["kind"] == "unknown-student" and "homework.ipynb" in p["detail"] for p in report["problems"])
    # feedback for every graded student
    for sid, s in report["submissions"].items():
        if s["status"] == "graded":
            assert (course / "feedback" / sid / NAME / f"{NAME}.html").is_file(), sid
    # the snooping student read and wrote nothing real: the gradebook is intact
    db = course / "gradebook.db"
    assert b"pwned" not in db.read_bytes()
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    snoop = json.loads((course / "autograded" / "snoop" / NAME / f"{NAME}.ipynb").read_text())
    text = "".join("".join(o.get("text", "")) for c in snoop["cells"] for o in c.get("outputs", []))
    assert "BLOCKED ../../../solutions" in text and "READ " not in text, text[:2000]
    assert "WROTE ../../correct" not in text
    # monkeypatching fooled nbgrader (auto score 2) and the grader zeroed it (manual 0)
    from nbgrader.api import Gradebook

    os.environ["PATH"] = tool_env()["PATH"]
    with Gradebook(f"sqlite:///{db}") as gb:
        g = gb.find_grade("one-hot-tests", NAME, NAME, "patcher")
        assert g.auto_score == 2 and g.manual_score == 0 and g.score == 0
    # a harmless warning and a flood of output do not cost a right answer (checked above);
    # the flood is trimmed in the feedback
    assert (course / "feedback" / "flood" / NAME / f"{NAME}.html").stat().st_size < 2_000_000


@pytest.mark.slow
def test_empty_zip(tmp_path):
    import zipfile

    course = make_course(tmp_path / "course")
    zipfile.ZipFile(tmp_path / "empty.zip", "w").close()
    proc = grade(course, "--zip", str(tmp_path / "empty.zip"))
    assert proc.returncode == 1 and "empty-zip" in proc.stdout, proc.stdout + proc.stderr[-2000:]


# --------------------------------------------------------------------------- PostgreSQL
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def postgres(tmp_path):
    bins = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if not bins:
        pytest.skip("PostgreSQL server binaries not installed (make sysdeps)")
    bindir = bins[-1].parent
    import tempfile

    base = Path(tempfile.mkdtemp(prefix="pg-"))   # pytest's tmp_path is not readable by another user
    os.chmod(base, 0o755)
    data, sock = base / "data", base / "sock"
    sock.mkdir()
    as_user: list[str] = []
    if os.geteuid() == 0:   # the server refuses to run as root
        import pwd
        user = "postgres" if "postgres" in {p.pw_name for p in pwd.getpwall()} else "nobody"
        shutil.chown(sock, user)
        data.mkdir()
        shutil.chown(data, user)
        as_user = ["runuser", "-u", user, "--"]
    port = _free_port()
    subprocess.run(as_user + [str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "grader"],
                   check=True, capture_output=True)
    subprocess.run(as_user + [str(bindir / "pg_ctl"), "-D", str(data), "-l", str(sock / "pg.log"), "-w",
                              "-o", f"-p {port} -k {sock} -c listen_addresses=''", "start"],
                   check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://grader@/postgres?host={sock}&port={port}"
    finally:
        subprocess.run(as_user + [str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


@pytest.mark.slow
def test_postgresql_gradebook(tmp_path, postgres):
    import nbformat
    from nbgrader.api import Gradebook

    course = make_course(tmp_path / "course")
    release = read_nb(release_path(NAME))
    answers = reference_answers(NAME)
    wrong = (CATALOGS / NAME / "one-hot" / "wrong_transposed.py").read_text()
    for student, nb in (("ada", fill(release, answers)), ("bob", fill(release, {**answers, "one-hot": wrong})),
                        ("cy", fill(release, answers))):
        d = course / "submitted" / student / NAME
        d.mkdir(parents=True)
        nbformat.write(nb, str(d / (f"{NAME}.ipynb" if student != "cy" else f"Copy of {NAME}.ipynb")))
    proc = grade(course, "--db", postgres, "-j", "3")
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-5000:]
    assert not (course / "gradebook.db").exists(), "--db was ignored: a SQLite gradebook appeared"
    os.environ["PATH"] = tool_env()["PATH"]
    with Gradebook(postgres) as gb:
        scores = {s: gb.find_grade("one-hot-tests", NAME, NAME, s).score for s in ("ada", "bob", "cy")}
    assert scores == {"ada": 2, "bob": 0, "cy": 2}
    rows = {r["student_id"]: r for r in csv.DictReader(open(course / "grades.csv"))}
    assert float(rows["ada"]["score"]) == 2 and float(rows["bob"]["score"]) == 0


@pytest.mark.slow
def test_partly_correct_earns_the_points_of_its_right_exercises(tmp_path):
    """01-sigmoid with one exercise wrong and two right: only the wrong one's tests lose points."""
    import zipfile

    import nbformat

    from harness import CATALOGS, fill, read_nb, reference_answers

    name = "01-sigmoid"
    course = make_course(tmp_path / "course", name)
    release = read_nb(ROOT / "notebooks" / name / f"{name}.ipynb")
    wrong = CATALOGS / name / "sigmoid-grad" / "wrong_s_one_minus_s.py"   # s * (1 - s): loses the tail
    nb = fill(release, {**reference_answers(name), "sigmoid-grad": wrong.read_text()})
    with zipfile.ZipFile(tmp_path / "lms.zip", "w") as z:
        z.writestr(f"partial_12399_2001_{name}.ipynb", nbformat.writes(nb))
    proc = grade(course, "--zip", str(tmp_path / "lms.zip"), name=name)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    row = next(r for r in csv.DictReader(open(course / "grades.csv")) if r["student_id"] == "partial")
    assert float(row["stable-sigmoid-tests"]) == 3 and float(row["bce-mse-grads-tests"]) == 3
    assert float(row["sigmoid-grad-tests"]) == 0
    assert 0 < float(row["score"]) < float(row["max_score"])


def test_sandbox_mounts_tmp_before_the_interpreter_and_course():
    """bwrap mounts in order: a fresh /tmp mounted after the binds would hide a checkout,
    venv or course that lives under /tmp (it did, in a CI clone under /tmp)."""
    from coursekit.grading.sandbox import Limits, bwrap_argv

    argv = bwrap_argv(Path("/tmp/some-course/autograded/s/a"), Path("/tmp/some-runtime"), Limits())
    tmpfs = argv.index("--tmpfs")
    binds = [i for i, a in enumerate(argv) if a in ("--bind", "--ro-bind") and argv[i + 1] not in
             ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")]
    assert binds and all(i > tmpfs for i in binds), argv
    assert "MPLBACKEND" not in argv, "the sandbox must not switch off inline figures in the feedback"
