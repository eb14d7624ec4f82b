"""Google Colab: the badge and the set-up cell that ``course release`` puts first in every
released notebook, both generated from one setting, ``[tool.course]`` of pyproject.toml."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import ReleaseError
from .layout import BADGE_ROLE, RELEASE, SETUP_ROLE

REPO_RE = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")


@dataclass(frozen=True)
class Settings:
    """``[tool.course]`` of pyproject.toml: where the course lives on GitHub."""

    github_repo: str
    branch: str
    colab_gpu: tuple[str, ...] = ()
    package: str = "activations-course"

    def colab_url(self, name: str) -> str:
        return (f"https://colab.research.google.com/github/{self.github_repo}/blob/"
                f"{self.branch}/{RELEASE}/{name}/{name}.ipynb")

    @property
    def install_target(self) -> str:
        # The plain URL form: older pips reject "name @ git+file://..." (seen with pip 23.2).
        return f"git+https://github.com/{self.github_repo}@{self.branch}"


def read_settings(root: Path) -> Settings:
    import tomllib

    try:
        data = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
        course = data["tool"]["course"]
        settings = Settings(course["github_repo"], course["branch"], tuple(course.get("colab_gpu", ())),
                            data["project"]["name"])
    except (OSError, KeyError, tomllib.TOMLDecodeError) as exc:
        raise ReleaseError(f"{root / 'pyproject.toml'}: [tool.course] needs github_repo and branch ({exc})") from exc
    if not REPO_RE.match(settings.github_repo):
        raise ReleaseError(f"[tool.course] github_repo must look like OWNER/NAME, not {settings.github_repo!r}")
    if not re.fullmatch(r"[A-Za-z0-9._/-]+", settings.branch):
        raise ReleaseError(f"[tool.course] branch {settings.branch!r} is not a valid git ref name")
    return settings


def badge_source(settings: Settings, name: str) -> str:
    return (f"[![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)]"
            f"({settings.colab_url(name)})")


def setup_source(settings: Settings) -> str:
    return "\n".join([
        "# Google Colab only: install the course's helper package `utils`, nothing else",
        "# (Colab's own numpy, torch and friends are used as they are). Elsewhere the install",
        "# is skipped: `make lab` has installed everything. Written by `course release`.",
        "import importlib",
        "import subprocess",
        "import sys",
        "",
        'if "google.colab" in sys.modules:',
        "    subprocess.run([sys.executable, \"-m\", \"pip\", \"install\", \"--quiet\", \"--no-deps\",",
        f"                    \"{settings.install_target}\"], check=True)",
        "    importlib.invalidate_caches()",
        "try:",
        "    import activations_course  # stops here, saying how to fix it, if another `utils` hides the course's",
        "except ModuleNotFoundError:",
        "    raise ModuleNotFoundError(\"the course's package is not installed in this Python: run `make lab` in \"",
        "                              \"the course folder (on Colab, this cell installs it)\") from None",
    ])


def add_colab_cells(path: Path, name: str, settings: Settings) -> None:
    """Put the Colab badge and set-up cells first in a released notebook (idempotent)."""
    import nbformat

    nb = nbformat.read(str(path), as_version=4)
    nb.cells = [c for c in nb.cells if c.metadata.get("course") not in (BADGE_ROLE, SETUP_ROLE)]
    badge = nbformat.v4.new_markdown_cell(badge_source(settings, name), metadata={"course": BADGE_ROLE})
    setup = nbformat.v4.new_code_cell(setup_source(settings), metadata={"course": SETUP_ROLE})
    badge.id, setup.id = "colab-badge", "colab-setup"
    nb.cells[:0] = [badge, setup]
    nb.metadata.pop("accelerator", None)
    nb.metadata.pop("colab", None)
    if name in settings.colab_gpu:
        nb.metadata["accelerator"] = "GPU"
        nb.metadata["colab"] = {"gpuType": "T4", "provenance": []}
    nbformat.write(nb, str(path))


def set_repo(root: Path, repo: str, branch: str | None = None) -> Settings:
    """Point the course at another GitHub repository (a fork): rewrite [tool.course] of
    pyproject.toml (with tomlkit, which keeps every comment and the layout)."""
    import tomlkit

    if not REPO_RE.match(repo):
        raise ReleaseError(f"the repository must look like OWNER/NAME, not {repo!r}")
    if branch is not None and not re.fullmatch(r"[A-Za-z0-9._/-]+", branch):
        raise ReleaseError(f"{branch!r} is not a valid git ref name")
    path = root / "pyproject.toml"
    doc = tomlkit.parse(path.read_text(encoding="utf-8"))
    course = doc.get("tool", {}).get("course")
    if course is None:
        raise ReleaseError(f"{path}: no [tool.course] table to rewrite")
    course["github_repo"] = repo
    if branch is not None:
        course["branch"] = branch
    path.write_text(tomlkit.dumps(doc), encoding="utf-8")
    return read_settings(root)
