"""The processes a server starts beside itself, and stops with it.

- one translator (``ui/translator.py``) that holds the translation model for every
  worker, loaded on its first request: started when translations would otherwise be
  made in-process (the packaged model, live, no ``RAG_TRANSLATE_BASE_URL``);
- for ``rag api``, one ``chroma run`` over the store directory, which the workers share
  (Chroma's embedded store is for one process at a time), unless
  ``RAG_CHROMA_HOST`` names a server already.

Each is given to the server as settings (``translate_base_url``, ``chroma_host``/
``chroma_port``). A child is told to exit with its parent (``PR_SET_PDEATHSIG``), so a
killed server leaves none behind.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from rag.config import Settings, SettingsError


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _exit_with_parent() -> None:  # runs in the child, before exec
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


@contextlib.contextmanager
def child(cmd: list[str], ready_url: str, *, log: Path, timeout_s: float
          ) -> Iterator[subprocess.Popen]:
    """``cmd`` running (its output in ``log``) once ``ready_url`` answers; stopped after."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as sink:
        proc = subprocess.Popen(cmd, stdout=sink, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, preexec_fn=_exit_with_parent)
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            if proc.poll() is not None:
                raise SettingsError(f"{Path(cmd[0]).name} {' '.join(cmd[1:3])} exited at start; "
                                    f"see {log}")
            try:
                urllib.request.urlopen(ready_url, timeout=2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise SettingsError(f"{ready_url} did not answer; see {log}") from None
                time.sleep(0.2)
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


def needs_translator(settings: Settings) -> bool:
    """Whether this server would load the model itself: then it starts a translator."""
    from rag.factory import translate_source
    from rag.translate import model_file

    return (settings.translate_live and translate_source(settings) == "local"
            and model_file.parts_installed())


@contextlib.contextmanager
def translator(settings: Settings) -> Iterator[Settings]:
    """``settings`` with a translator process of its own, where it needs one."""
    if not needs_translator(settings):
        yield settings
        return
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "ui.translator", "--host", "127.0.0.1", "--port", str(port),
           "--cache-dir", str(settings.model_dir), "--threads", str(settings.translate_threads),
           "--parent-pid", str(os.getpid())]
    with child(cmd, f"{url}/health", log=settings.cache_path / "translator.log", timeout_s=120):
        yield settings.model_copy(update={"translate_base_url": f"{url}/v1"})


def chroma_binary() -> str:
    exe = Path(sys.executable).parent / "chroma"
    found = str(exe) if exe.exists() else shutil.which("chroma")
    if not found:
        raise SettingsError("the chroma command is not installed (it comes with chromadb)")
    return found


@contextlib.contextmanager
def chroma(settings: Settings) -> Iterator[Settings]:
    """``settings`` whose store is a Chroma server: the one named, or ``chroma run`` over
    the store directory."""
    if settings.uses_server:
        yield settings
        return
    port = free_port()
    settings.store_dir.mkdir(parents=True, exist_ok=True)
    cmd = [chroma_binary(), "run", "--path", str(settings.store_dir), "--host", "127.0.0.1",
           "--port", str(port)]
    with child(cmd, f"http://127.0.0.1:{port}/api/v2/heartbeat",
               log=settings.cache_path / "chroma-run.log", timeout_s=120):
        yield settings.model_copy(update={"chroma_host": "127.0.0.1", "chroma_port": port})
