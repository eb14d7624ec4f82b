"""Build the grading corpus: bad, malicious and odd submissions of 00-start-here, packed as
an LMS zip (Canvas, Moodle and Blackboard file names mixed), with the points each must earn
and the report reasons each must carry.

``python tests/grading_corpus/build.py OUT.zip`` writes the zip and prints the expectations
as JSON; tests/test_grading.py builds it in a temporary folder from the current release and
the exercise catalog (tests/exercises/00-start-here/one-hot), so it never goes stale.
:data:`ATTACKS` (the hooks, links, clobbering, aliased patches and a large image) are also
graded through plain ``nbgrader autograde`` with the course's configuration.
"""
from __future__ import annotations

import copy
import json
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from harness import CATALOGS, colab_resave, fill, nbg, read_nb, reference_answers, release_path  # noqa: E402

NAME = "00-start-here"
TESTS = "one-hot-tests"
CAT = CATALOGS / NAME / "one-hot"
RIGHT = (CAT / "right_comparison.py").read_text()
WRONG = (CAT / "wrong_transposed.py").read_text()
# Wrong (all zeros) but passes every test once np.array_equal always says True.
FOOLS_ARRAY_EQUAL = '''import numpy as np


def one_hot(labels, n_classes):
    labels = np.asarray(labels)
    if labels.size and (labels.min() < 0 or labels.max() >= n_classes):
        raise ValueError("out of range")
    return np.zeros((labels.shape[0], n_classes))
'''
WARNS = RIGHT + '\nimport warnings\nwarnings.warn("harmless: a UserWarning printed to stderr")\n'
SNOOP = '''import glob, os
found = []
for p in ["../../../gradebook.db", "../../../solutions/00-start-here/00-start-here.ipynb",
          "/work/main/solutions/00-start-here/00-start-here.ipynb", "../../correct/00-start-here/00-start-here.ipynb",
          "../../../submitted/correct/00-start-here/00-start-here.ipynb"]:
    try:
        found.append((p, len(open(p, "rb").read())))
        print("READ", p)
    except OSError as e:
        print("BLOCKED", p, type(e).__name__)
for p in ["../../../gradebook.db", "/tmp/../../work/main/gradebook.db", "../../correct/x.txt"]:
    try:
        open(p, "ab").write(b"pwned")
        print("WROTE", p)
    except OSError as e:
        print("BLOCKED", p, type(e).__name__)
print("GLOB", glob.glob("../../*"), glob.glob("../../../*"))
''' + WRONG


# --- attacks on the grader itself (each earns points only if the attack works) -----------
# 1. IPython hooks that empty the test cells: an input transformer, a replaced run_cell, an
#    AST transformer.
HOOK_TRANSFORMER = WRONG + '''
def _quiet(lines):
    return ["pass\\n"] if any("assert" in ln for ln in lines) else lines
get_ipython().input_transformers_cleanup.append(_quiet)
'''
HOOK_RUN_CELL = WRONG + '''
_shell = get_ipython()
_run, _run_async = _shell.run_cell, _shell.run_cell_async
def _easy(raw_cell, *a, **k):
    return _run("pass" if "assert" in raw_cell else raw_cell, *a, **k)
async def _easy_async(raw_cell, *a, **k):
    return await _run_async("pass" if "assert" in raw_cell else raw_cell, *a, **k)
_shell.run_cell, _shell.run_cell_async = _easy, _easy_async
'''
HOOK_AST = WRONG + '''
import ast as _ast
class _NoTests(_ast.NodeTransformer):
    def visit_Module(self, node):
        return _ast.Module(body=[], type_ignores=[]) if "assert" in _ast.unparse(node) else node
get_ipython().ast_transformers.append(_NoTests())
'''
# 2. Links out of the working folder, for nbgrader's feedback step to follow (the paths are
#    built from pieces so that a text scan misses them). VICTIM: another student's id.
LINKS = WRONG + '''
import os as _os
_up = _os.path.abspath(_os.path.join(_os.getcwd(), *[".."] * 3))
for _parts, _name in [(("sol" + "utions", "00-start-here", "00-start-here.ipynb"), "notes_a.txt"),
                      (("grade" + "book.db",), "notes_b.txt"),
                      (("sub" + "mitted", "VICTIM", "00-start-here", "00-start-here.ipynb"), "notes_c.txt"),
                      (("/etc", "passwd"), "notes_d.txt")]:
    try:
        _os.symlink(_os.path.join(_up, *_parts), _name)
    except OSError:
        pass
'''
# 3. The kernel replaces its own notebook by a link to another student's submission, for
#    nbgrader to write the executed notebook through it.
CLOBBER = WRONG + '''
import os as _os
_victim = _os.path.join(_os.getcwd(), "..", "..", "..", "sub" + "mitted", "VICTIM", "00-start-here",
                        "00-start-here.ipynb")
for _f in ("00-start-here.ipynb",):
    try:
        _os.remove(_f)
    except OSError:
        pass
    try:
        _os.symlink(_victim, _f)
    except OSError:
        pass
'''
# 4. Monkeypatching through names a scan of `np.` would miss.
ALIAS_LIST = FOOLS_ARRAY_EQUAL + "\n_n = [np][0]\n_n.array_equal = lambda *a, **k: True\n"
ALIAS_CALL = FOOLS_ARRAY_EQUAL + '''
def _fix(module, name):
    module.__setattr__(name, lambda *a, **k: True)
_fix(np, "array" + "_equal")
'''
# 5. A right answer that also shows a 6 MB image made at run time.
BIG_IMAGE = RIGHT + '''
import base64 as _b64, os as _os
from IPython.display import display as _display
_display({"image/png": _b64.b64encode(_os.urandom(6_000_000)).decode()}, raw=True)
'''
ATTACKS = {"hook-transformer": HOOK_TRANSFORMER, "hook-run-cell": HOOK_RUN_CELL, "hook-ast": HOOK_AST,
           "links": LINKS, "clobber": CLOBBER, "alias-list": ALIAS_LIST, "alias-call": ALIAS_CALL}
#: kinds of finding each attack must bring to the report
ATTACK_KINDS = {"hook-transformer": ["paths-disagree"], "hook-run-cell": ["paths-disagree"],
                "hook-ast": ["paths-disagree"], "links": [], "clobber": [], "alias-list": ["monkeypatch"],
                "alias-call": ["monkeypatch"]}


def attack(name: str, victim: str) -> str:
    return ATTACKS[name].replace("VICTIM", victim)


# label -> (student id, expected one-hot-tests points, report kinds that must appear)
Expected = dict[str, tuple[str, float, list[str]]]


def _cell(nb, gid):
    return next(c for c in nb.cells if nbg(c).get("grade_id") == gid)


def build(out: Path, flood_lines: int = 2_000_000) -> Expected:
    import nbformat

    from coursekit.grading.collect import parse_name

    release = read_nb(release_path(NAME))
    ref = reference_answers(NAME)

    def sub(answer: str):
        return fill(release, {**ref, "one-hot": answer})

    files: list[tuple[str, bytes, tuple]] = []   # (zip name, data, date_time)
    exp: Expected = {}
    t0 = (2026, 11, 20, 10, 0, 0)

    def add(student, zname, nb_or_text, points, kinds, when=t0):
        data = nb_or_text if isinstance(nb_or_text, bytes) else (
            nb_or_text if isinstance(nb_or_text, str) else nbformat.writes(nb_or_text)).encode()
        files.append((zname, data, when))
        if student is not None:
            exp[student] = (parse_name(zname).student_id, points, kinds)

    add("correct", f"correct_12345_1001_{NAME}.ipynb", sub(RIGHT), 2, [])
    add("wrong", f"wrong_12346_1002_{NAME}.ipynb", sub(WRONG), 0, [])
    add("warning", f"warning_12347_1003_{NAME}.ipynb", sub(WARNS), 2, [])
    add("latecomer", f"latecomer_LATE_12348_1004_{NAME}.ipynb", sub(RIGHT), 2, ["late"])
    add("osexit", f"osexit_12349_1005_{NAME}.ipynb", sub(RIGHT + "\nimport os\nos._exit(1)\n"), 0,
        ["kernel-died", "exits"])
    add("forever", f"forever_12350_1006_{NAME}.ipynb",
        sub(RIGHT.replace("def one_hot(labels, n_classes):", "def one_hot(labels, n_classes):\n    while True:\n        pass")),
        0, ["cell-timeout"])
    add("membomb", f"membomb_12351_1007_{NAME}.ipynb",
        sub(RIGHT.replace("def one_hot(labels, n_classes):", "def one_hot(labels, n_classes):\n    hog = bytearray(2**42)")),
        0, ["memory"])
    add("flood", f"flood_12352_1008_{NAME}.ipynb",
        sub(f"print('spam\\n' * {flood_lines})\n" + RIGHT), 2, [])
    add("sysexit", f"sysexit_12353_1009_{NAME}.ipynb", sub("import sys\nsys.exit(0)\n" + RIGHT), 0,
        ["sys-exit"])
    nb = sub(WRONG)
    nb.cells = [c for c in nb.cells if nbg(c).get("grade_id") != TESTS]
    add("deleter", f"Deleter Dee_2001_assignsubmission_file_{NAME}.ipynb", nb, 0, ["test-cell-deleted"])
    nb = sub(WRONG)
    _cell(nb, TESTS).source = "print('one_hot: tests passed')"
    add("editor", f"Editor Ed_2002_assignsubmission_file_/{NAME}.ipynb", nb, 0, ["test-cell-edited"])
    nb = sub(WRONG)
    _cell(nb, TESTS).metadata["tags"] = ["skip-execution"]
    add("skipper", f"Skipper_2003_assignsubmission_file_/Copy of {NAME}.ipynb", nb, 0,
        ["execution-tag", "renamed"])
    add("patcher", f"patcher_12354_1010_{NAME}.ipynb",
        sub(FOOLS_ARRAY_EQUAL + "\nnp.array_equal = lambda *a, **k: True\n"), 0, ["monkeypatch"])
    add("builtins", f"builtins_12355_1011_{NAME}.ipynb",
        sub("import builtins, math\nbuiltins.isinstance = lambda *a: True\nmath.isclose = lambda *a, **k: True\n" + RIGHT),
        0, ["monkeypatch"])
    add("torchpatch", f"torchpatch_12358_1014_{NAME}.ipynb",
        sub("import torch\ntorch.equal = lambda *a, **k: True\ntorch.Tensor.sum = lambda self, *a, **k: 0\n" + RIGHT),
        0, ["monkeypatch"])
    add("snoop", f"snoop_12356_1012_{NAME}.ipynb", sub(SNOOP), 0, ["suspicious-code"])
    add("broken", f"broken_12357_1013_{NAME}.ipynb", '{"cells": [ {"cell_type": "code", "sou', 0,
        ["malformed-json"])
    nb = sub(RIGHT)
    for c in nb.cells:
        c.metadata.pop("nbgrader", None)
    add("stripped", f"{NAME}_stripped_attempt_2026-11-20-09-00-00_{NAME}.ipynb", nb, 2, ["metadata-restored"])
    add("colab", f"colab_12370_1030_{NAME}.ipynb", colab_resave(sub(RIGHT), NAME), 2, ["colab"])
    add("renamer", f"renamer_12359_1015_{NAME} (1).ipynb", sub(RIGHT), 2, ["renamed"])
    add("untitled", f"untitled_12360_1016_Untitled.ipynb", sub(RIGHT), 2, ["renamed"])
    # Two attempts on Blackboard: the newer (right) wins although it comes first in the zip.
    add("twice", f"{NAME}_twice_attempt_2026-11-21-08-00-00_{NAME}.ipynb", sub(RIGHT), 2, ["resubmitted"])
    add(None, f"{NAME}_twice_attempt_2026-11-20-08-00-00_{NAME}.ipynb", sub(WRONG), 0, [])
    # Two on Canvas: no timestamp in the name, so the zip entry's time decides (newer: wrong).
    add("again", f"again_12361_1017_{NAME}.ipynb", sub(RIGHT), 0, ["resubmitted"], when=(2026, 11, 19, 9, 0, 0))
    add(None, f"again_12361_1018_{NAME}-1.ipynb", sub(WRONG), 0, [], when=(2026, 11, 19, 11, 0, 0))
    # Another assignment's notebook, and a file nobody's name is on.
    other = copy.deepcopy(release)
    for c in other.cells:
        if nbg(c):
            c.metadata["nbgrader"]["grade_id"] = "other-" + nbg(c)["grade_id"]
    add("mixup", f"mixup_12362_1019_01-sigmoid.ipynb", other, 0, ["wrong-assignment"])
    add(None, "homework.ipynb", sub(RIGHT), 0, [])
    # Two students with one display name: graded apart, both reported.
    add("jane-right", f"smithjane_1001_5001_{NAME}.ipynb", sub(RIGHT), 2, ["same-name"])
    add("jane-wrong", f"smithjane_1007_5010_{NAME}.ipynb", sub(WRONG), 0, ["same-name"])
    for k, name in enumerate(ATTACKS):
        add(name, f"{name.replace('-', '')}_{3000 + k}_{6000 + k}_{NAME}.ipynb", sub(attack(name, "12345")), 0,
            ATTACK_KINDS[name])
    add("big-image", f"bigimage_3100_6100_{NAME}.ipynb", sub(BIG_IMAGE), 2, ["output-too-large"])
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for zname, data, when in files:
            zf.writestr(zipfile.ZipInfo(zname, date_time=when), data)
    return exp


if __name__ == "__main__":
    print(json.dumps(build(Path(sys.argv[1])), indent=1))
