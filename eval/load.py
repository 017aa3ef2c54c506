"""``make load``: concurrent clients against a real ``rag serve`` on 127.0.0.1.

Starts the server, sends CLIENTS × QUESTIONS asks through ``gradio_client`` (Chinese and
English mixed), prints latency, errors and the server's peak memory, then stops it.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import click

from eval.metrics import percentile
from eval.questions import load_questions
from rag.config import PROJECT_ROOT

DEV = PROJECT_ROOT / "eval" / "questions" / "dev.jsonl"


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


def peak_rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def client_run(url: str, questions: list[str], out: list[tuple[float, str]]) -> None:
    from gradio_client import Client

    try:
        client = Client(url, verbose=False)
    except Exception as err:  # a client that cannot connect counts as errors
        out.extend((0.0, f"connect: {err}") for _ in questions)
        return
    for q in questions:
        t0 = time.perf_counter()
        try:
            result = client.predict(q, api_name="/ask")
            ok = isinstance(result, dict) and "answer" in result
            out.append(((time.perf_counter() - t0) * 1e3, "" if ok else f"bad reply {result!r}"))
        except Exception as err:
            out.append(((time.perf_counter() - t0) * 1e3, f"{type(err).__name__}: {err}"))


def _load(url: str, pool: list[str], clients: int, per_client: int
          ) -> tuple[list[list[tuple[float, str]]], float]:
    results: list[list[tuple[float, str]]] = [[] for _ in range(clients)]
    threads = [threading.Thread(target=client_run, args=(
        url, [pool[(c * per_client + i) % len(pool)] for i in range(per_client)], results[c]))
        for c in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, time.perf_counter() - t0


@click.command()
@click.option("--clients", default=10, show_default=True)
@click.option("--questions", "per_client", default=5, show_default=True,
              help="Questions each client asks, one after another.")
@click.option("--store", "store_dir", type=click.Path(path_type=Path),
              help="Store to serve (default: a fresh temp store, seeded on start).")
@click.option("--json", "as_json", is_flag=True)
def main(clients: int, per_client: int, store_dir: Path | None, as_json: bool) -> None:
    """Load-test the chat server's ask API; exit 1 on any error."""
    pool = [q.question for q in load_questions(DEV) if q.answerable]
    zh = [q for q in pool if not q.isascii()]
    en = [q for q in pool if q.isascii()]
    mixed = [q for pair in zip(zh, en) for q in pair]
    with tempfile.TemporaryDirectory() as tmp:
        store = store_dir or Path(tmp) / "store"
        port = free_port()
        url = f"http://127.0.0.1:{port}/"
        cmd = [sys.executable, "-m", "rag", "serve", "--host", "127.0.0.1", "--port", str(port),
               "--store", str(store)]
        started = time.perf_counter()
        try:  # an empty store ingests the seed first: allow ten minutes
            with background(cmd, ready_url=url, log=Path(tmp) / "serve.log",
                            timeout_s=600) as server:
                up_s = time.perf_counter() - started
                results, wall = _load(url, mixed, clients, per_client)
                rss = peak_rss_mb(server.pid)
        except RuntimeError as err:
            raise click.ClickException(str(err)) from None
    flat = [r for rs in results for r in rs]
    errors = [e for _, e in flat if e]
    lat = [ms for ms, e in flat if not e]
    figures = {
        "clients": clients, "requests": len(flat), "errors": len(errors),
        "p50_ms": percentile(lat, 50), "p95_ms": percentile(lat, 95),
        "max_ms": max(lat) if lat else None, "throughput_rps": len(flat) / wall,
        "server_start_s": up_s, "server_peak_rss_mb": rss,
    }
    if as_json:
        click.echo(json.dumps(figures))
    else:
        for key, value in figures.items():
            shown = f"{value:.1f}" if isinstance(value, float) else str(value)
            click.echo(f"{key:20s} {shown}")
        for e in errors[:5]:
            click.echo(f"error: {e}", err=True)
    if errors:
        sys.exit(1)


if __name__ == "__main__":
    main()
