"""Grading through the real nbgrader: the corpus (tests/grading_corpus/build.py) through
`course grade --zip`, the attacks on the grader also through plain `nbgrader autograde` and
`nbgrader generate_feedback` with the course's nbgrader_config.py. Each asserts the points
deserved, that no course or other-student file changed (checksums before and after), that
feedback holds nothing but the student's own output, and the report's findings. A failing
assertion ends with the end of nbgrader's log."""
from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from harness import CATALOGS, ROOT, fill, make_course as nbgrader_course, nbgrader, read_nb, reference_answers, \
    release_path
from coursekit.runner import tool_env, use_tool_path

sys.path.insert(0, str(ROOT / "tests" / "grading_corpus"))
import build as corpus  # noqa: E402

NAME = "00-start-here"
TESTS = "one-hot-tests"
OUTPUTS = ("autograded", "feedback", "grading", "gradebook.db", "submitted")
HIDDEN_LINE = "test_rng = np.random.default_rng(123)"   # a line of the one-hot hidden tests


def make_course(dest: Path, name: str = NAME) -> Path:
    from coursekit.release import scratch_course

    return scratch_course(dest, name, ROOT)


def grade(course: Path, *args: str, env: dict | None = None, name: str = NAME) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "coursekit", "--root", str(course), "grade", name, *args]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env or tool_env(), timeout=1500)


def checksums(course: Path, skip: tuple[str, ...] = OUTPUTS) -> dict[str, str]:
    """sha256 of every file of the course but the folders grading writes."""
    out = {}
    for p in sorted(course.rglob("*")):
        rel = p.relative_to(course)
        if rel.parts[0] in skip or p.is_dir():
            continue
        out[str(rel)] = "link" if p.is_symlink() else hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def leaks(course: Path, student: str) -> list[str]:
    """What feedback/<student>/ holds beyond the student's own feedback page."""
    problems = []
    folder = course / "feedback" / student / NAME
    for p in sorted(folder.rglob("*")) if folder.is_dir() else []:
        # timestamp.txt: the submission time nbgrader reads (written by the grader, not the student)
        if p.is_symlink() or (p.is_file() and p.name not in (f"{NAME}.html", "timestamp.txt")):
            problems.append(f"{p.relative_to(course)} ({'link' if p.is_symlink() else 'file'})")
    html = folder / f"{NAME}.html"
    if html.is_file():
        text = html.read_text(errors="replace")
        for word in ("BEGIN HIDDEN TESTS", HIDDEN_LINE, "SQLite format 3", "root:x:0:0"):
            if word in text:
                problems.append(f"{html.name} shows {word!r}")
    for p in (course / "autograded" / student).rglob("*"):
        if p.is_symlink():
            problems.append(f"{p.relative_to(course)} is a link")
    return problems


def test_refuses_without_sandbox(tmp_path):
    course = make_course(tmp_path / "course")
    env = dict(tool_env(), PATH=str(Path(sys.executable).parent))   # no bwrap on PATH
    proc = grade(course, env=env)
    assert proc.returncode == 2 and "--no-sandbox" in proc.stderr, proc.stderr[-2000:]
    assert not (course / "gradebook.db").exists()


# --------------------------------------------------------------------------- course grade
@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("grading")
    course = make_course(tmp / "course")
    expected = corpus.build(tmp / "corpus.zip")
    before = checksums(course)
    start = time.perf_counter()
    proc = grade(course, "--zip", str(tmp / "corpus.zip"), "--timeout", "20", "--student-timeout", "300", "-j", "2")
    seconds = time.perf_counter() - start
    log = proc.stdout[-3000:] + proc.stderr[-5000:]
    assert proc.returncode == 0, log
    latest = course / "grading" / NAME / "latest"
    report = json.loads((latest / "report.json").read_text())
    rows = {r["student_id"]: r for r in csv.DictReader(open(latest / "grades.csv"))}
    return course, expected, report, rows, proc, seconds, before, log


@pytest.mark.slow
@pytest.mark.parametrize("label", [
    "correct", "wrong", "warning", "latecomer", "osexit", "forever", "membomb", "flood", "sysexit",
    "deleter", "editor", "skipper", "patcher", "builtins", "torchpatch", "snoop", "broken", "stripped", "colab",
    "renamer", "untitled", "twice", "again", "mixup", "jane-right", "jane-wrong", *corpus.ATTACKS, "big-image"])
def test_corpus_points_and_findings(corpus_run, label):
    course, expected, report, rows, proc, _, _, log = corpus_run
    sid, points, kinds = expected[label]
    assert sid in report["submissions"], f"{label} ({sid}) missing from the report:\n{log}"
    got = report["submissions"][sid]
    found = {f["kind"] for f in got["findings"]}
    assert set(kinds) <= found, f"{label}: expected findings {kinds}, report has {got['findings']}\n" \
        f"{got.get('log') or log}"
    if got["status"] == "not graded":
        assert points == 0 and sid not in rows
        return
    assert sid in rows, f"{label} ({sid}) has no row in grades.csv"
    earned = float(rows[sid].get(TESTS) or 0)
    assert earned == points, f"{label}: {earned} points, expected {points}; {got}\n{got.get('log') or log}"
    if any(f["level"] != "info" for f in got["findings"]):
        assert sid in proc.stdout, f"{label} needs attention but is not in the printed report"
    assert not leaks(course, sid), f"{label}: {leaks(course, sid)}"


@pytest.mark.slow
def test_corpus_run_changes_nothing_else(corpus_run):
    course, expected, report, rows, proc, seconds, before, log = corpus_run
    print(f"corpus of {len(report['submissions'])} graded in {seconds:.0f} s")
    assert checksums(course) == before, "grading changed a course file"
    # the victim of the clobbering attack still holds its own (right) answer, untouched
    victim = course / "submitted" / expected["correct"][0] / NAME / f"{NAME}.ipynb"
    assert not victim.is_symlink() and os.access(victim, os.W_OK)
    cells = json.loads(victim.read_text())["cells"]
    answer = next(c for c in cells if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "one-hot")
    assert "".join(answer["source"]) == corpus.RIGHT, "the victim's notebook was replaced"
    assert not any(c.get("outputs") for c in cells), "the victim's notebook was overwritten by an executed one"
    assert any(p["kind"] == "no-student-id" and "homework.ipynb" in p["detail"] for p in report["problems"])
    db = course / "gradebook.db"
    assert b"pwned" not in db.read_bytes()
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    snoop = json.loads((course / "autograded" / expected["snoop"][0] / NAME / f"{NAME}.ipynb").read_text())
    text = "".join("".join(o.get("text", "")) for c in snoop["cells"] for o in c.get("outputs", []))
    assert "BLOCKED ../../../solutions" in text and "READ " not in text and "WROTE" not in text, text[:2000]
    # what the student handed in is kept byte for byte; the report points at both copies
    stripped = report["submissions"][expected["stripped"][0]]
    with zipfile.ZipFile(next(course.parent.glob("corpus.zip"))) as z:
        entry = next(n for n in z.namelist() if "_stripped_attempt_" in n)
        assert Path(stripped["original"]).read_bytes() == z.read(entry)
    assert Path(stripped["normalised"]).is_file()
    # the large image is stored neither in autograded/ nor in the feedback
    big = expected["big-image"][0]
    assert (course / "autograded" / big / NAME / f"{NAME}.ipynb").stat().st_size < 1_000_000
    assert (course / "feedback" / big / NAME / f"{NAME}.html").stat().st_size < 2_000_000
    assert rows[expected["jane-right"][0]]["display_name"] == rows[expected["jane-wrong"][0]]["display_name"]
    # a monkeypatched notebook: nbgrader's own score is 0, and formgrader can give the points back
    from nbgrader.api import Gradebook

    use_tool_path()
    with Gradebook(f"sqlite:///{db}") as gb:
        g = gb.find_grade(TESTS, NAME, NAME, expected["patcher"][0])
        assert g.auto_score == 0 and g.manual_score is None


@pytest.mark.slow
def test_bad_zip_after_good_run_keeps_its_results(corpus_run, tmp_path):
    course, *_ = corpus_run
    latest = course / "grading" / NAME / "latest"
    before = (latest / "report.json").read_bytes(), latest.resolve()
    for bad in ("bad.zip", "empty.zip"):
        if bad == "bad.zip":
            (tmp_path / bad).write_bytes(b"this is not a zip file")
        else:
            zipfile.ZipFile(tmp_path / bad, "w").close()
        proc = grade(course, "--zip", str(tmp_path / bad))
        lines = proc.stdout.strip().splitlines()
        assert proc.returncode == 1, proc.stdout + proc.stderr[-2000:]
        assert lines[0].startswith("FAILED") and lines[-1].startswith("FAILED"), proc.stdout
        assert "No submission needs attention" not in proc.stdout
    assert ((latest / "report.json").read_bytes(), latest.resolve()) == before
    assert len(list((course / "grading" / NAME).glob("20*"))) >= 3, "each run needs its own folder"


# --------------------------------------------------------------------------- plain nbgrader
@pytest.fixture(scope="module")
def plain_run(tmp_path_factory):
    """The attacks, a victim and a large image through `nbgrader autograde` and
    `nbgrader generate_feedback` with the course's configuration (formgrader's buttons run
    the same converters)."""
    import nbformat

    course = nbgrader_course(tmp_path_factory.mktemp("plain") / "course", NAME)
    release, ref = read_nb(release_path(NAME)), reference_answers(NAME)
    subs = {"victim": corpus.RIGHT, "bigimage": corpus.BIG_IMAGE,
            **{k: corpus.attack(k, "victim") for k in corpus.ATTACKS}}
    for student, answer in subs.items():
        d = course / "submitted" / student / NAME
        d.mkdir(parents=True)
        nbformat.write(fill(release, {**ref, "one-hot": answer}), str(d / f"{NAME}.ipynb"))
    before = checksums(course, skip=("autograded", "feedback", "gradebook.db"))
    procs = [nbgrader([step, NAME, "--force"], course, check=False) for step in ("autograde", "generate_feedback")]
    log = "\n".join(p.stdout[-3000:] + p.stderr[-6000:] for p in procs)
    from nbgrader.api import Gradebook

    use_tool_path()
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        scores = {s: gb.find_grade(TESTS, NAME, NAME, s).score for s in subs}
    return course, scores, log, before


@pytest.mark.slow
@pytest.mark.parametrize("student", ["victim", "bigimage", *corpus.ATTACKS])
def test_plain_nbgrader_gives_the_same_points(plain_run, student):
    from coursekit.grading.report import recorded_findings

    course, scores, log, _ = plain_run
    deserved = 2 if student in ("victim", "bigimage") else 0
    assert scores[student] == deserved, f"{student}: {scores[student]} points, deserved {deserved}\n{log[-6000:]}"
    assert not leaks(course, student), f"{student}: {leaks(course, student)}"
    kinds = {f.kind for f in recorded_findings(course / "autograded" / student / NAME / f"{NAME}.ipynb")}
    assert set(corpus.ATTACK_KINDS.get(student, [])) <= kinds, f"{student}: findings {kinds}\n{log[-4000:]}"


@pytest.mark.slow
def test_plain_nbgrader_changes_nothing_else(plain_run):
    course, _, log, before = plain_run
    assert checksums(course, skip=("autograded", "feedback", "gradebook.db")) == before, log[-4000:]


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
    use_tool_path()
    with Gradebook(postgres) as gb:
        scores = {s: gb.find_grade(TESTS, NAME, NAME, s).score for s in ("ada", "bob", "cy")}
    assert scores == {"ada": 2, "bob": 0, "cy": 2}
    rows = {r["student_id"]: r for r in csv.DictReader(open(course / "grading" / NAME / "latest" / "grades.csv"))}
    assert float(rows["ada"]["score"]) == 2 and float(rows["bob"]["score"]) == 0


@pytest.mark.slow
def test_partly_correct_earns_the_points_of_its_right_exercises(tmp_path):
    """01-sigmoid with one exercise wrong and two right: only the wrong one's tests lose points."""
    import nbformat

    name = "01-sigmoid"
    course = make_course(tmp_path / "course", name)
    release = read_nb(ROOT / "notebooks" / name / f"{name}.ipynb")
    wrong = CATALOGS / name / "sigmoid-grad" / "wrong_s_one_minus_s.py"   # s * (1 - s): loses the tail
    nb = fill(release, {**reference_answers(name), "sigmoid-grad": wrong.read_text()})
    with zipfile.ZipFile(tmp_path / "lms.zip", "w") as z:
        z.writestr(f"partial_12399_2001_{name}.ipynb", nbformat.writes(nb))
    proc = grade(course, "--zip", str(tmp_path / "lms.zip"), name=name)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    rows = csv.DictReader(open(course / "grading" / name / "latest" / "grades.csv"))
    row = next(r for r in rows if r["student_id"] == "12399")
    assert float(row["stable-sigmoid-tests"]) == 3 and float(row["bce-mse-grads-tests"]) == 3
    assert float(row["sigmoid-grad-tests"]) == 0
    assert 0 < float(row["score"]) < float(row["max_score"])
