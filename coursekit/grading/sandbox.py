"""The bubblewrap (``bwrap``) sandbox in which every line of student code runs while grading.

Both execution paths use it: the notebook kernel (:class:`SandboxKernelManager`, which
nbgrader's ``Execute`` starts through nbgrader_config.py) and the plain-Python second run
(:mod:`coursekit.grading.plainrun`). What sandboxed code sees:

* read-only: the system (``/usr``, ``/lib*``, ``/bin``, a few files of ``/etc``), the Python
  installation, the course's virtual environment and the ``utils`` package;
* read-write: one scratch folder (its working directory, a copy of the regular files beside
  the notebook, deleted afterwards) and, for a kernel, a private runtime folder for its
  connection file and ZeroMQ sockets; ``/tmp`` is a fresh tmpfs;
* nothing else: no ``solutions/``, ``submitted/``, ``autograded/``, ``feedback/`` or gradebook,
  not even its own autograded notebook (nbgrader writes that after the kernel is gone);
* no network (``--unshare-net``; the kernel talks to nbgrader over IPC sockets);
* its own PID, IPC and UTS namespaces, all capabilities dropped, a new session, killed with
  its parent; limits from ``prlimit``: address space, processes, file size, open files.

Interrupts are sent as messages: a SIGINT to bwrap would not reach the kernel.
"""
from __future__ import annotations

import functools
import os
import platform
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jupyter_client.manager import AsyncKernelManager
from traitlets import Bool, Unicode

from .models import Limits  # noqa: F401  (re-exported: the sandbox's limits)

#: Files of /etc that Python, numpy, matplotlib and torch may read; nothing secret.
ETC_FILES = ("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime", "passwd", "group",
             "nsswitch.conf", "hosts", "host.conf", "fonts", "mime.types", "ssl/certs",
             "ca-certificates", "alternatives", "locale.alias", "matplotlibrc")
SYSTEM_DIRS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")


@dataclass(frozen=True)
class Availability:
    """Whether a sandbox can be made here; ``reason`` says why not. True when it can."""
    ok: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.ok


class SandboxUnavailable(RuntimeError):
    """Grading was asked to sandbox student code on a machine where it cannot."""


@functools.cache
def availability() -> Availability:
    """Can bwrap make the sandbox here (Linux, bwrap and prlimit installed, namespaces allowed)?"""
    if platform.system() != "Linux":
        return Availability(False, f"no sandbox on {platform.system()} (bubblewrap needs Linux)")
    for tool, package in (("bwrap", "bubblewrap"), ("prlimit", "util-linux")):
        if not shutil.which(tool):
            return Availability(False, f"{tool} is not installed (apt-get install {package}, or `make sysdeps`)")
    try:
        proc = subprocess.run(["bwrap", "--ro-bind", "/", "/", "--unshare-net", "--unshare-pid",
                               "--die-with-parent", "--", "true"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return Availability(False, f"bwrap does not run: {exc}")
    if proc.returncode != 0:
        return Availability(False, f"bwrap cannot create namespaces here: {proc.stderr.strip()[:200]}")
    return Availability(True)


def refusal(reason: str) -> str:
    return (f"refusing to run student code: {reason}. Without the sandbox student code runs with your "
            "permissions and can read the solutions and the gradebook. Install bubblewrap, or (only on a "
            "machine with nothing of value) grade with --SandboxedExecute.sandbox=False "
            "(`course grade --no-sandbox`).")


def _user_processes() -> int:
    uid, n = os.getuid(), 0
    for p in Path("/proc").iterdir():
        if p.name.isdigit():
            try:
                n += p.stat().st_uid == uid
            except OSError:
                pass
    return n


def _readonly_dirs() -> list[Path]:
    import utils

    ro = {Path(sys.base_prefix).resolve(), Path(sys.prefix).resolve(), Path(sys.prefix),
          Path(utils.__file__).resolve().parent,
          # the interpreter a venv links to may live elsewhere (pyenv, /opt)
          Path(os.path.realpath(sys.executable)).parent.parent}
    return sorted((p for p in ro if not str(p).startswith(("/usr/", "/bin", "/lib"))), key=lambda p: len(p.parts))


def bwrap_argv(workdir: Path, command: Sequence[str], limits: Limits, writable: Sequence[Path] = (),
               env: Mapping[str, str] | None = None) -> list[str]:
    """The command line that runs ``command`` sandboxed, in ``workdir`` (read-write, as are
    the ``writable`` folders)."""
    argv = ["bwrap", "--die-with-parent", "--new-session", "--unshare-net", "--unshare-pid",
            "--unshare-ipc", "--unshare-uts", "--hostname", "grader", "--cap-drop", "ALL",
            # bwrap mounts in order, later on top of earlier: the fresh /tmp must come before
            # the binds below, or a course, venv or scratch folder under /tmp vanishes.
            "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]
    for d in SYSTEM_DIRS:
        if os.path.lexists(d):
            argv += ["--symlink", os.readlink(d), d] if os.path.islink(d) else ["--ro-bind", d, d]
    for f in ETC_FILES:
        argv += ["--ro-bind-try", f"/etc/{f}", f"/etc/{f}"]
    for p in _readonly_dirs():
        argv += ["--ro-bind", str(p), str(p)]
    wd = str(Path(workdir).resolve())
    for p in (*writable, workdir):
        argv += ["--bind", str(Path(p).resolve()), str(Path(p).resolve())]
    argv += ["--remount-ro", "/", "--chdir", wd, "--clearenv"]   # bwrap's own root: read-only too
    base = {"PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin", "HOME": "/tmp",
            "LANG": "C.UTF-8", "MPLCONFIGDIR": "/tmp/mpl", "IPYTHONDIR": "/tmp/ipython",
            "PYTHONDONTWRITEBYTECODE": "1", "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
            "MKL_NUM_THREADS": "1", "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    for k, v in {**base, **(env or {})}.items():
        argv += ["--setenv", k, v]
    return argv + ["--", *limit_argv(limits, _user_processes() + limits.processes), *command]


def limit_argv(limits: Limits, nproc: int | None = None) -> list[str]:
    """``prlimit`` with the limits, ready to prefix a command (no sandbox: limits only)."""
    out = ["prlimit", f"--as={limits.memory_mb * 2**20}", f"--fsize={limits.file_mb * 2**20}",
           f"--nofile={limits.open_files}", "--core=0"]
    if nproc is not None:
        out.append(f"--nproc={nproc}")
    return [*out, "--"] if shutil.which("prlimit") else []


class SandboxKernelManager(AsyncKernelManager):
    """A kernel manager that starts the ordinary ``python3`` kernel inside bwrap, in
    ``workdir``, with its connection file and IPC sockets in ``runtime`` (set by
    :class:`coursekit.grading.execute.SandboxedExecute`)."""

    workdir = Unicode("", help="the kernel's working directory (a scratch folder)")
    runtime = Unicode("", help="a private folder for the connection file and sockets")
    sandboxed = Bool(True, help="run the kernel in bwrap (False: limits only, with a warning)")
    figures = Bool(True, help="show figures (False: matplotlib's non-interactive Agg backend, no images)")
    limits = Limits()

    def _extra_env(self) -> dict[str, str]:
        return {} if self.figures else {"MPLBACKEND": "agg"}

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        cmd = super().format_kernel_cmd(extra_arguments)
        assert self.kernel_spec is not None
        self.kernel_spec.interrupt_mode = "message"   # a signal to bwrap would not reach the kernel
        if not self.sandboxed:
            return [*limit_argv(self.limits), *cmd]
        return bwrap_argv(Path(self.workdir), cmd, self.limits, writable=[Path(self.runtime)],
                          env={"JUPYTER_RUNTIME_DIR": self.runtime, **self._extra_env()})

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
        # the kernel's own prints (its start-up banner, student code writing to fd 1) must not
        # reach the grader's output
        kw.setdefault("stdout", subprocess.DEVNULL)
        kw.setdefault("stderr", subprocess.DEVNULL)
        if not self.sandboxed and self._extra_env():
            kw["env"] = {**(kw.get("env") or os.environ), **self._extra_env()}
        await super()._async_launch_kernel(kernel_cmd, **kw)

    @classmethod
    def for_scratch(cls, kernel_name: str, workdir: Path, runtime: Path, sandboxed: bool, limits: Limits,
                    config: Any = None, figures: bool = True) -> SandboxKernelManager:
        runtime.mkdir(parents=True, exist_ok=True)
        km = cls(kernel_name=kernel_name, config=config, workdir=str(workdir), runtime=str(runtime),
                 sandboxed=sandboxed, figures=figures)
        km.limits = limits
        if sandboxed:   # TCP on the host's loopback is out of reach from a new network namespace
            km.transport = "ipc"
            km.ip = str(runtime / "k")
        km.connection_file = str(runtime / "kernel.json")
        return km
