"""Run a command and read its peak RSS from inside it, not from ``wait4``.

Why: on Linux, the ``ru_maxrss`` that ``os.wait4`` returns for a child starts at
the resident size its parent had when it forked (the child began as a copy of the
parent), so a benchmark holding a corpus reports its own size as the tool's: 114
MB for a scan that peaked at 56 MB. ``VmHWM`` in ``/proc/self/status`` is the
high-water mark of the address space the program got at ``exec``, so the child
reads it itself, at exit, and writes it to a file named by the parent.

Python console scripts (``cloudscan``, ``checkov``) are run by their own
interpreter through a small wrapper (``runpy``), so the figure is the tool's own;
anything else falls back to ``wait4`` and says so.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

WRAPPER = """
import atexit, os, runpy, sys
def _peak():
    with open("/proc/self/status") as status:
        line = next(l for l in status if l.startswith("VmHWM:"))
    with open(os.environ["BENCH_PEAK_FILE"], "w") as out:
        out.write(line.split()[1])
atexit.register(_peak)
script = sys.argv[1]
sys.argv = sys.argv[1:]
sys.path[0] = os.path.dirname(os.path.abspath(script))  # as running the script itself would, not the cwd
runpy.run_path(script, run_name="__main__")
"""


@dataclass
class Measured:
    exit_code: int
    wall: float
    peak_mb: float
    peak_from: str  # "child" (VmHWM read by the child) or "wait4" (includes the parent at fork)
    stderr: bytes
    cpu: float = 0.0  # user + system seconds of the child (wait4): on a busy machine, what wall time hides


def _python_script(command: list[str]) -> tuple[str, str] | None:
    """(interpreter, script) when ``command[0]`` is a Python console script."""
    path = Path(command[0])
    try:
        with path.open("rb") as handle:
            first = handle.readline().decode(errors="replace")
    except OSError:
        return None
    if not first.startswith("#!") or "python" not in first:
        return None
    return first[2:].strip().split()[0], str(path)


def measure(
    command: list[str],
    stdout: Path | int = subprocess.DEVNULL,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> Measured:
    """Run ``command`` once; wall time from the parent, peak RSS from the child where possible."""
    script = _python_script(command)
    with tempfile.NamedTemporaryFile(prefix="peak-", suffix=".kb", delete=False) as note:
        peak_file = Path(note.name)
    try:
        run_env = {**(env if env is not None else os.environ), "BENCH_PEAK_FILE": str(peak_file)}
        argv = [script[0], "-c", WRAPPER, script[1], *command[1:]] if script else command
        sink = stdout.open("wb") if isinstance(stdout, Path) else None
        try:
            start = time.perf_counter()
            proc = subprocess.Popen(argv, stdout=sink or stdout, stderr=subprocess.PIPE, env=run_env, cwd=cwd)
            err = proc.stderr.read() if proc.stderr else b""
            _pid, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - start
        finally:
            if sink is not None:
                sink.close()
        text = peak_file.read_text().strip() if peak_file.exists() else ""
        code, cpu = os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime
        if text:
            return Measured(code, wall, int(text) / 1024, "child", err, cpu)
        return Measured(code, wall, usage.ru_maxrss / 1024, "wait4", err, cpu)
    finally:
        peak_file.unlink(missing_ok=True)


def own_peak_mb() -> float:
    """This process's peak RSS since it started (``VmHWM``), in MiB."""
    with Path("/proc/self/status").open() as status:
        line = next(item for item in status if item.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024
