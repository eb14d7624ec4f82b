"""Settings for every test and every kernel the tests start (kernels inherit the environment)."""
import os
import shutil

# Nothing may be downloaded at run time: transformers and huggingface_hub fail fast instead.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"

from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def course_copy(tmp_path: Path) -> Callable[..., Path]:
    """The one scratch course of the tests: ``course_copy("00-start-here")`` returns a folder
    holding the course's configuration and that assignment's source and release (each call
    a new folder under the test's tmp_path)."""
    from coursekit.release import scratch_course

    made: list[Path] = []

    def make(name: str = "00-start-here", folder: str | None = None) -> Path:
        dest = tmp_path / (folder or f"course{len(made)}")
        made.append(dest)
        return scratch_course(dest, name, ROOT)
    return make


# --------------------------------------------------------------------------- system packages
#: `@pytest.mark.system("bwrap")`: the test needs a program from a Debian package that
#: `make sysdeps` installs (as root). Under `make test` a missing one fails the test with the
#: fix; under `make test-nosys` (COURSE_NO_SYSDEPS=1, for machines without root) it skips,
#: and pytest's summary names each skipped test and the package it needed.
SYSTEM_PROGRAMS = {
    "bwrap": ("bubblewrap", lambda: shutil.which("bwrap")),
    "chromium": ("chromium", lambda: Path("/usr/bin/chromium").exists() or shutil.which("chromium")),
    "postgresql": ("postgresql", lambda: sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
                   or shutil.which("initdb")),
    "git": ("git", lambda: shutil.which("git")),
}


def pytest_runtest_setup(item: pytest.Item) -> None:
    for mark in item.iter_markers("system"):
        for program in mark.args:
            package, present = SYSTEM_PROGRAMS[program]
            if present():
                continue
            why = f"needs {program} (Debian package {package}): `sudo make sysdeps` installs it"
            if os.environ.get("COURSE_NO_SYSDEPS"):
                pytest.skip(why)
            pytest.fail(why)
