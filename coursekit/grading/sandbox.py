"""A bubblewrap (``bwrap``) sandbox for the kernels that run student code while grading.

``utils.grade`` writes one Jupyter kernelspec whose small launcher starts the ordinary
``ipykernel`` *inside* bwrap, bound to the folder nbgrader starts the kernel in, and tells nbgrader's Execute
preprocessor to use it (``--Execute.kernel_name``). What the kernel sees:

* read-only: the system (``/usr``, ``/lib*``, ``/bin``, a few files of ``/etc``), the
  Python installation and the course's virtual environment, and the ``utils`` package;
* read-write: its own scratch folders only: ``autograded/<student>/<assignment>/`` (its
  working directory) and a private runtime folder that holds the connection file and the
  kernel's ZeroMQ sockets; ``/tmp`` is a fresh tmpfs;
* nothing else: no ``solutions/``, no ``submitted/`` or ``autograded/`` of other students,
  no gradebook, no home folder, no ``/etc/shadow``;
* no network (``--unshare-net``: only its own loopback). The kernel talks to nbgrader over
  ZeroMQ **IPC** sockets (``--KernelManager.transport=ipc``) in the bound runtime folder,
  since TCP on the host's loopback is out of reach from a new network namespace;
* its own PID, IPC and UTS namespaces, all capabilities dropped (also when graded as
  root), a new session (no terminal injection), killed with its parent;
* limits from ``prlimit``: address space (``RLIMIT_AS``, a memory bomb gets a
  ``MemoryError``), processes (``RLIMIT_NPROC``, counted per user, so the limit is the
  user's current count plus an allowance), file size (``RLIMIT_FSIZE``) and open files.
  Wall-clock time is limited per cell by nbgrader's ``Execute.timeout`` and per
  submission by ``utils.grade``.

Interrupts are sent as messages (``interrupt_mode: message``): a SIGINT to the bwrap
process would not reach the kernel in its PID namespace.
"""
from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

KERNEL_NAME = "course-sandbox"

#: Files of /etc that Python, numpy, matplotlib and torch may read; nothing secret.
ETC_FILES = ("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime", "passwd", "group",
             "nsswitch.conf", "hosts", "host.conf", "fonts", "mime.types", "ssl/certs",
             "ca-certificates", "alternatives", "locale.alias", "matplotlibrc")


@dataclass(frozen=True)
class Limits:
    memory_mb: int = 6144     # address space (torch alone maps ~1-2 GiB of virtual memory)
    processes: int = 128      # on top of the user's current number of processes
    file_mb: int = 200        # largest file the kernel may write
    open_files: int = 512


def available() -> str | None:
    """None when a sandbox can be made here, else why not (macOS, no bwrap, no namespaces)."""
    if platform.system() != "Linux":
        return f"no sandbox on {platform.system()} (bubblewrap needs Linux)"
    if not shutil.which("bwrap"):
        return "bubblewrap (bwrap) is not installed (apt-get install bubblewrap)"
    if not shutil.which("prlimit"):
        return "prlimit (util-linux) is not installed"
    try:
        proc = subprocess.run(["bwrap", "--ro-bind", "/", "/", "--unshare-net", "--unshare-pid",
                               "--die-with-parent", "--", "true"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"bwrap does not run: {exc}"
    if proc.returncode != 0:
        return f"bwrap cannot create namespaces here: {proc.stderr.strip()[:200]}"
    return None


def _user_processes() -> int:
    uid = os.getuid()
    n = 0
    for p in Path("/proc").iterdir():
        if p.name.isdigit():
            try:
                if p.stat().st_uid == uid:
                    n += 1
            except OSError:
                pass
    return n


def _utils_dir() -> Path:
    import utils

    return Path(utils.__file__).resolve().parent


WORKDIR, RUNTIME, NPROC, CONN = "@WORKDIR@", "@RUNTIME@", "@NPROC@", "{connection_file}"


def _template(limits: Limits, extra_ro: list[Path] = ()) -> list[str]:
    """bwrap's command line with placeholders for the kernel's working directory, runtime
    folder, process limit and connection file (filled in by :func:`bwrap_argv` or, per
    kernel, by the launcher of :func:`write_kernelspec`)."""
    argv = ["bwrap", "--die-with-parent", "--new-session", "--unshare-net", "--unshare-pid",
            "--unshare-ipc", "--unshare-uts", "--hostname", "grader", "--cap-drop", "ALL",
            # bwrap mounts in order, later on top of earlier: the fresh /tmp must come before
            # the binds below, or a course, venv or checkout that lives under /tmp vanishes.
            "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]
    for d in ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"):
        if os.path.lexists(d):
            argv += ["--ro-bind", d, d] if not os.path.islink(d) else ["--symlink", os.readlink(d), d]
    for f in ETC_FILES:
        argv += ["--ro-bind-try", f"/etc/{f}", f"/etc/{f}"]
    ro = {Path(sys.base_prefix).resolve(), Path(sys.prefix).resolve(), Path(sys.prefix), _utils_dir(),
          *(Path(p) for p in extra_ro)}
    # The interpreter a venv links to may live elsewhere (pyenv, /opt): bind its folder.
    ro.add(Path(os.path.realpath(sys.executable)).parent.parent)
    for p in sorted(ro, key=lambda p: len(p.parts)):
        if not str(p).startswith(("/usr/", "/bin", "/lib")):
            argv += ["--ro-bind", str(p), str(p)]
    argv += ["--bind", RUNTIME, RUNTIME, "--bind", WORKDIR, WORKDIR,
             "--chdir", WORKDIR, "--clearenv"]
    env = {"PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin", "HOME": "/tmp",
           "LANG": "C.UTF-8", "MPLCONFIGDIR": "/tmp/mpl", "IPYTHONDIR": "/tmp/ipython",
           "JUPYTER_RUNTIME_DIR": RUNTIME, "PYTHONDONTWRITEBYTECODE": "1",
           "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    for k, v in env.items():
        argv += ["--setenv", k, v]
    argv += ["--", "prlimit", f"--as={limits.memory_mb * 2**20}", f"--nproc={NPROC}",
             f"--fsize={limits.file_mb * 2**20}", f"--nofile={limits.open_files}", "--core=0", "--",
             sys.executable, "-m", "ipykernel_launcher", "-f", CONN]
    return argv


def bwrap_argv(workdir: Path, runtime: Path, limits: Limits, extra_ro: list[Path] = ()) -> list[str]:
    """The command line that runs ``python -m ipykernel_launcher`` sandboxed in ``workdir``."""
    subst = {WORKDIR: str(workdir.resolve()), RUNTIME: str(runtime.resolve()),
             NPROC: str(_user_processes() + limits.processes)}
    out = []
    for a in _template(limits, extra_ro):
        for k, v in subst.items():
            a = a.replace(k, v)
        out.append(a)
    return out


#: The kernelspec's launcher: runs with ``python -I -S`` (no site, a few ms), fills the
#: template in from the kernel's working directory (nbgrader starts the kernel in
#: ``autograded/<student>/<assignment>/``) and its connection file's folder, and execs bwrap.
LAUNCHER = r'''import json, os, sys
T = json.loads(%r)
conn = os.path.realpath(sys.argv[1])
wd = os.path.realpath(os.getcwd())
if not wd.startswith(T["allowed"] + os.sep):
    sys.exit("grading sandbox: refusing to start a kernel in %%s (not under %%s)" %% (wd, T["allowed"]))
uid, n = os.getuid(), 0
for p in os.listdir("/proc"):
    if p.isdigit():
        try:
            n += os.stat("/proc/" + p).st_uid == uid
        except OSError:
            pass
subst = {"@WORKDIR@": wd, "@RUNTIME@": os.path.dirname(conn), "@NPROC@": str(n + T["processes"]),
         "{connection_file}": conn}
argv = []
for a in T["argv"]:
    for k, v in subst.items():
        a = a.replace(k, v)
    argv.append(a)
os.execvp(argv[0], argv)
'''


def write_kernelspec(share: Path, allowed: Path, limits: Limits) -> Path:
    """Write ``share/kernels/course-sandbox/`` (put ``share`` on JUPYTER_PATH): one kernelspec
    for every submission. Its launcher sandboxes the kernel in the working directory nbgrader
    starts it in (which must lie under ``allowed``, e.g. ``autograded/``), with the folder of
    its connection file (the worker's private runtime folder) bound read-write."""
    spec = share / "kernels" / KERNEL_NAME
    spec.mkdir(parents=True, exist_ok=True)
    allowed = Path(os.path.realpath(allowed))
    allowed.mkdir(parents=True, exist_ok=True)
    template = {"argv": _template(limits), "allowed": str(allowed), "processes": limits.processes}
    (spec / "launch.py").write_text(LAUNCHER % json.dumps(template))
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-I", "-S", str(spec / "launch.py"), "{connection_file}"],
        "display_name": "Python 3 (grading sandbox)",
        "language": "python",
        "interrupt_mode": "message",
        "metadata": {"debugger": False},
    }, indent=1))
    return spec


def unsandboxed_kernelspec(share: Path, limits: Limits) -> Path:
    """``--no-sandbox``: the plain ipykernel, with the same prlimit limits where prlimit exists."""
    spec = share / "kernels" / KERNEL_NAME
    spec.mkdir(parents=True, exist_ok=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    if shutil.which("prlimit"):
        argv = ["prlimit", f"--as={limits.memory_mb * 2**20}", f"--fsize={limits.file_mb * 2**20}", "--", *argv]
    (spec / "kernel.json").write_text(json.dumps({
        "argv": argv, "display_name": "Python 3 (grading, no sandbox)", "language": "python",
        "interrupt_mode": "message"}, indent=1))
    return spec
