"""Settings for every test and every kernel the tests start (kernels inherit the environment)."""
import os

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
