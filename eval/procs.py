"""Processes the load test and the tests start: a free port, a background process until
its URL answers, and what a process tree holds in memory."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rag.config import PROJECT_ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_http(url: str, proc: subprocess.Popen, log: Path, *, timeout_s: float) -> None:
    """Until ``url`` answers; fail with the log's tail if the process dies or time runs out."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args!s:.80} exited: {log.read_text()[-1500:]}")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.25)
    proc.kill()
    raise RuntimeError(f"{url} did not answer within {timeout_s:.0f} s")


@contextlib.contextmanager
def background(cmd: list[str], *, ready_url: str, log: Path, timeout_s: float,
               env: dict[str, str] | None = None) -> Iterator[subprocess.Popen]:
    """Run ``cmd`` (output to ``log``) until ``ready_url`` answers; stop it afterwards."""
    with log.open("w") as sink:  # a file, not a pipe: a full pipe would stall the server
        proc = subprocess.Popen(cmd, cwd=PROJECT_ROOT, stdout=sink, stderr=subprocess.STDOUT,
                                env={**os.environ, **(env or {})})
    try:
        wait_for_http(ready_url, proc, log, timeout_s=timeout_s)
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


def _status(pid: int, field: str) -> float | None:
    """A ``/proc/PID/status`` (or ``smaps_rollup``) field in MB."""
    name = "smaps_rollup" if field == "Pss:" else "status"
    try:
        for line in Path(f"/proc/{pid}/{name}").read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        return None
    return None


def peak_rss_mb(pid: int) -> float | None:
    return _status(pid, "VmHWM:")


def children(pid: int) -> list[int]:
    """Every descendant of ``pid``, depth first."""
    out: list[int] = []
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return out
    for task in tasks:
        try:
            kids = [int(k) for k in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
        for kid in kids:
            out += [kid, *children(kid)]
    return out


@dataclass
class Memory:
    pid: int
    command: str
    rss_mb: float  # now
    peak_mb: float  # the process's high-water mark
    pss_mb: float  # its proportional share: pages shared with others counted once in a sum

    def to_dict(self) -> dict[str, object]:
        return {"pid": self.pid, "command": self.command, "rss_mb": round(self.rss_mb, 1),
                "peak_mb": round(self.peak_mb, 1), "pss_mb": round(self.pss_mb, 1)}


def command_of(pid: int) -> str:
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return "?"
    words = [a.decode(errors="replace") for a in argv if a]
    # "python -m rag serve …" -> "rag serve", "…/chroma run …" -> "chroma run", a
    # multiprocessing child (a uvicorn worker) -> "worker"
    if "-c" in words:
        code = words[words.index("-c") + 1] if len(words) > words.index("-c") + 1 else ""
        return ("resource tracker" if "resource_tracker" in code else
                "worker" if "multiprocessing" in code else "python -c")
    if "-m" in words:
        words = words[words.index("-m") + 1:]
    elif len(words) > 1 and Path(words[0]).name.startswith("python"):
        words = [Path(words[1]).name, *words[2:]]  # a script: "chroma run"
    else:
        words = [Path(words[0]).name, *words[1:]] if words else ["?"]
    return " ".join(w for w in words[:2] if not w.startswith("-"))


def tree_memory(pid: int) -> list[Memory]:
    """The process and its descendants, each with its memory."""
    out = []
    for p in [pid, *children(pid)]:
        rss, peak, pss = _status(p, "VmRSS:"), _status(p, "VmHWM:"), _status(p, "Pss:")
        if rss is not None:
            out.append(Memory(p, command_of(p), rss, peak or rss, pss or rss))
    return out


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU these processes have used (those still running)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        total += int(fields[11]) + int(fields[12])
    return total / tick


def machine_cpu() -> tuple[float, float]:
    """(busy, all) CPU time of the whole machine so far, every process included."""
    first = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    ticks = [int(x) for x in first]
    idle = ticks[3] + (ticks[4] if len(ticks) > 4 else 0)  # idle, iowait
    return float(sum(ticks) - idle), float(sum(ticks))
