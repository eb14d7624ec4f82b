"""What the grading stages hand to each other: frozen dataclasses and enums.

A :class:`Finding` is written by a stage (or by one of the course's nbgrader preprocessors,
into the autograded notebook's ``metadata.coursekit.findings``, so plain ``nbgrader
autograde`` records them too) and read by the report. Each kind of finding has one
plain-words explanation and one thing for the instructor to do (:data:`ACTIONS`).
"""
from __future__ import annotations

import enum
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

#: Where the course's preprocessors keep their findings in a notebook's metadata.
METADATA_KEY = "coursekit"


@dataclass(frozen=True)
class Limits:
    """What sandboxed student code may use (see :mod:`coursekit.grading.sandbox`)."""
    memory_mb: int = 6144     # address space (torch alone maps ~1-2 GiB of virtual memory)
    processes: int = 128      # on top of the user's current number of processes
    file_mb: int = 200        # largest file sandboxed code may write
    open_files: int = 512


class Level(str, enum.Enum):
    INFO = "info"              # nothing to do
    ATTENTION = "attention"    # a human should look
    ZEROED = "zeroed"          # auto-graded points were withheld; formgrader can give them back
    ERROR = "error"            # not graded at all


class Status(str, enum.Enum):
    GRADED = "graded"
    NOT_GRADED = "not graded"
    FAILED = "failed"
    KERNEL_DIED = "kernel died"
    TIMEOUT = "timeout"


@dataclass(frozen=True)
class Finding:
    kind: str
    level: Level
    detail: str
    cell: str = ""             # grade_id, or "" for the whole submission

    def as_dict(self) -> dict[str, str]:
        d = asdict(self)
        d["level"] = self.level.value
        d["action"] = ACTIONS.get(self.kind, "")
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Finding:
        return cls(str(d.get("kind", "")), Level(d.get("level", "attention")), str(d.get("detail", "")),
                   str(d.get("cell", "")))


#: What the instructor should do about each kind of finding.
ACTIONS: dict[str, str] = {
    "late": "Nothing, unless your late policy says otherwise.",
    "renamed": "Nothing: the file was graded under the assignment's name.",
    "colab": "Nothing: Colab re-saves grade like any other notebook.",
    "resubmitted": "Nothing, unless the student says another file was meant.",
    "metadata-restored": "Nothing: the original file is kept unchanged (see `original`).",
    "malformed-json": "Ask the student to download the notebook again (File > Download .ipynb) and resubmit.",
    "wrong-assignment": "Ask the student for this assignment's notebook.",
    "no-student-id": "Find whose file it is and grade it under their LMS id (put it in submitted/<id>/).",
    "same-name": "Two LMS users share this display name; they are graded apart. Check the names in the LMS.",
    "test-cell-deleted": "Nothing: the test cell was put back and run.",
    "test-cell-edited": "Nothing: the original test cell was run; you may want a word with the student.",
    "locked-cell-edited": "Nothing: the original cell was run.",
    "execution-tag": "Nothing: the tag was removed and the cell run.",
    "uses-test-code": "Look at the cell named: its answer calls or reads the tests' own code (their exact values, "
                      "say). If that is harmless, give the points back in formgrader.",
    "monkeypatch": "Look at the cell named; if the patch is harmless, give the points back in formgrader "
                   "(Manual Grading > the submission > the test cell's score).",
    "hook": "The notebook's result depends on IPython's machinery (a hook on input or cell running). "
            "Look at the cells named, ask the student; formgrader can give points back.",
    "paths-disagree": "A test cell passed in one run and failed in the other. Read both outcomes "
                      "below; if the notebook is honest, give the points back in formgrader.",
    "plain-run-tampered": "The second run's report was forged: treat as an attempt to cheat; ask the student.",
    "plain-run-stopped": "Look at the notebook: its plain-Python run stopped early (it exits or crashes).",
    "suspicious-code": "Look at the lines named: they reach for the gradebook, other folders or the interpreter.",
    "exits": "Nothing, unless points were lost: the notebook stops its own kernel.",
    "kernel-died": "Look at the log; the notebook killed its kernel (os._exit, a crash, the memory limit).",
    "timeout": "Look at the notebook: it ran past the time limit and was stopped (0 points).",
    "cell-timeout": "Look at the cell named: it ran past the per-cell time limit.",
    "memory": "Look at the cell named: it hit the memory limit.",
    "sys-exit": "Look at the cell named: it calls sys.exit().",
    "output-too-large": "Nothing: the output was replaced by a note (it is not stored, nor sent back).",
    "autograde-failed": "Read the log lines in the report; fix the cause and grade again.",
    "not-a-regular-file": "Nothing: links and special files left by student code were ignored.",
    "no-sandbox": "Student code ran with your permissions: grade again with bubblewrap installed.",
}


@dataclass(frozen=True)
class Received:
    """One file as the LMS (or nbgrader's exchange) handed it over, before any choice."""
    source: str                # zip entry name or path, for the report
    data: bytes
    student_id: str | None     # the LMS user id (None: could not be read)
    display_name: str
    lms: str
    file_name: str             # the name the student gave the file (LMS prefixes removed)
    when: float                # newest wins
    late: bool = False


@dataclass(frozen=True)
class Submission:
    """The file chosen for one student, normalised, ready for nbgrader."""
    student_id: str
    display_name: str
    original: Path | None      # the bytes as received (None: nothing usable was received)
    normalised: Path | None    # submitted/<id>/<assignment>/<assignment>.ipynb
    findings: tuple[Finding, ...] = ()

    @property
    def gradable(self) -> bool:
        return self.normalised is not None


@dataclass(frozen=True)
class Outcome:
    """What grading one submission gave."""
    student_id: str
    status: Status
    seconds: float = 0.0
    findings: tuple[Finding, ...] = ()
    log: str = ""


@dataclass(frozen=True)
class Run:
    """One ``course grade`` run and where it writes."""
    root: Path
    assignment: str
    db_url: str
    folder: Path               # grading/<assignment>/<timestamp>/
    jobs: int = 1
    sandboxed: bool = True
    cell_timeout: int | None = None
    student_timeout: float = 900.0
    memory_mb: int = 6144
