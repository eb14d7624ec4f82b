"""``course``: the instructor's and maintainer's command.

One console script with a subcommand per job; ``course SUBCOMMAND --help`` tells
more. It finds the course folder from the current folder upwards (the folder that
holds ``nbgrader_config.py`` and ``pyproject.toml``), or from ``--root``.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from .errors import INSTALL_HINT, MissingTool
from .layout import CourseNotFound, find_root

Handler = Callable[[argparse.Namespace, Path], int]


def _release(args: argparse.Namespace, root: Path) -> int:
    from .release import ReleaseError, check_notebook, find_assignments, release

    try:
        if args.check:
            for a in find_assignments(root):
                check_notebook(a.source)
                print(f"ok {a.source.relative_to(root)}")
            return 0
        done = release(root)
    except ReleaseError as exc:
        print(f"release failed, nothing written: {exc}", file=sys.stderr)
        return 1
    print(f"notebooks/ regenerated from solutions/ ({len(done)} assignments)")
    return 0


def _check(args: argparse.Namespace, root: Path) -> int:
    from .release import ReleaseError, out_of_sync

    try:
        problems = out_of_sync(root)
    except ReleaseError as exc:
        print(f"check failed: {exc}", file=sys.stderr)
        return 1
    for p in problems:
        print(p)
    if problems:
        print("notebooks/ is out of date: run `course release`", file=sys.stderr)
        return 1
    print("notebooks/ is nbgrader's release of solutions/")
    return 0


def _gradebook(args: argparse.Namespace, root: Path) -> int:
    from .release import ReleaseError, register

    try:
        register(root, quiet=False, only=args.assignments or None, db_url=args.db)
    except ReleaseError as exc:
        print(f"gradebook: {exc}", file=sys.stderr)
        return 1
    return 0


def _fork(args: argparse.Namespace, root: Path) -> int:
    from .release import ReleaseError, release, set_repo

    try:
        settings = set_repo(root, args.repo, args.branch)
        print(f"[tool.course] now points at {settings.github_repo}@{settings.branch}")
        done = release(root)
    except ReleaseError as exc:
        print(f"fork failed: {exc}", file=sys.stderr)
        return 1
    print(f"notebooks/ regenerated with badges for the fork ({len(done)} assignments)")
    return 0


def _bench(args: argparse.Namespace, root: Path) -> int:
    from . import bench

    rc = 0
    if args.catalogs_only:
        return bench.run_catalogs(root)
    if not args.grading_only:
        rc |= bench.run(root, args.assignments)
    if not args.notebooks_only:
        from .grading import bench as grading_bench

        rc |= grading_bench.run(root, n=args.n, jobs=args.jobs)
    if not (args.notebooks_only or args.grading_only or args.no_catalogs):
        rc |= bench.run_catalogs(root)
    return rc


def _grade(args: argparse.Namespace, root: Path) -> int:
    from .grading.command import run

    return run(args, root)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="course", description="The instructor's and maintainer's command of the course.",
                                epilog="Run `course SUBCOMMAND --help` for each subcommand's options.")
    p.add_argument("--root", type=Path, help="the course folder (default: found from the current folder up)")
    sub = p.add_subparsers(dest="command", required=True, metavar="SUBCOMMAND")

    r = sub.add_parser("release", help="regenerate notebooks/ from solutions/ with nbgrader")
    r.add_argument("--check", action="store_true", help="only validate the solution notebooks; write nothing")
    r.set_defaults(handler=_release)

    c = sub.add_parser("check", help="fail if notebooks/ differs from a fresh release of solutions/")
    c.set_defaults(handler=_check)

    g = sub.add_parser("gradebook", help="record assignments in the gradebook (needed before autograde)")
    g.add_argument("assignments", nargs="*", help="assignments (default: all)")
    g.add_argument("--db", help="gradebook URL (default: nbgrader_config.py's, i.e. gradebook.db)")
    g.set_defaults(handler=_gradebook)

    f = sub.add_parser("fork", help="point the Colab badges and install line at a fork, then release")
    f.add_argument("repo", metavar="OWNER/NAME", help="the GitHub repository of the fork")
    f.add_argument("--branch", help="its branch (default: keep the current one)")
    f.set_defaults(handler=_fork)

    b = sub.add_parser("bench", help="time every notebook, grading against plain nbgrader, and the exercise "
                       "catalogs; print tables")
    b.add_argument("assignments", nargs="*", help="notebooks to time (default: all)")
    b.add_argument("--notebooks-only", action="store_true", help="skip the grading benchmark")
    b.add_argument("--grading-only", action="store_true", help="skip the notebook benchmark")
    b.add_argument("--catalogs-only", action="store_true", help="only time the exercise catalogs' grading "
                   "(as `make test` runs it) against its baseline")
    b.add_argument("--no-catalogs", action="store_true", help="skip the exercise catalogs (about 10 minutes)")
    b.add_argument("--n", type=int, default=40, help="submissions in the grading benchmark (default 40)")
    b.add_argument("-j", "--jobs", type=int, default=None, help="grading workers (default: one per core)")
    b.set_defaults(handler=_bench)

    from .grading.command import add_arguments

    gr = sub.add_parser("grade", help="grade an assignment: submissions or an LMS zip to grades, feedback "
                        "and a report")
    add_arguments(gr)
    gr.set_defaults(handler=_grade)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        root = find_root(args.root)
    except CourseNotFound as exc:
        parser.error(str(exc))
    handler: Handler = args.handler
    try:
        return handler(args, root)
    except MissingTool as exc:
        print(f"course {args.command}: {exc}", file=sys.stderr)
        return 2
    except ModuleNotFoundError as exc:
        # Only the instructor extras bring nbgrader, jupyter_client, pebble, ...
        print(f"course {args.command}: the package {exc.name!r} is missing: {INSTALL_HINT}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
