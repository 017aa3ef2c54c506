"""``make load``: concurrent clients against a real server on 127.0.0.1.

Starts the server, then for each load level (``--clients 1,10,30``) sends CLIENTS ×
QUESTIONS asks (Chinese and English mixed) and prints latency, errors and throughput;
then the memory of every process the server runs, and stops it. Targets:

- ``serve`` (default): one ``rag serve`` (the chat and its ``/ask`` API), asked through
  ``gradio_client``;
- ``api``: ``rag api --workers N`` (the stateless JSON endpoint, N uvicorn workers over
  one ``chroma run``), asked over plain HTTP.

``--url`` loads a server that is already running instead (its memory is not reported).
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

import click

from eval.load_clients import Kind, Level, run_level
from eval.procs import Memory, background, free_port, peak_rss_mb, tree_memory, wait_for_http
from eval.questions import load_questions
from rag.config import PROJECT_ROOT

__all__ = ["background", "free_port", "main", "peak_rss_mb", "wait_for_http"]
DEV = PROJECT_ROOT / "eval" / "questions" / "dev.jsonl"
CLIENT: dict[str, Kind] = {"serve": "gradio", "api": "http"}


def question_pool() -> list[str]:
    """The answerable dev questions, Chinese and English alternating."""
    pool = [q.question for q in load_questions(DEV) if q.answerable]
    zh = [q for q in pool if not q.isascii()]
    en = [q for q in pool if q.isascii()]
    return [q for pair in zip(zh, en) for q in pair]


def server_command(target: str, port: int, store: Path, workers: int) -> list[str]:
    cmd = [sys.executable, "-m", "rag", target, "--host", "127.0.0.1", "--port", str(port),
           "--store", str(store)]
    return cmd + (["--workers", str(workers)] if target == "api" else [])


def wait_for_workers(url: str, workers: int, *, timeout_s: float) -> None:
    """Until ``workers`` different processes have answered ``/health``: a worker still
    loading would take the machine's CPU from the measured ones."""
    seen: set[int] = set()
    deadline = time.monotonic() + timeout_s
    while len(seen) < workers:
        if time.monotonic() > deadline:
            raise RuntimeError(f"only {len(seen)} of {workers} workers answered")
        try:
            with urllib.request.urlopen(url + "health", timeout=5) as reply:
                seen.add(int(json.loads(reply.read())["pid"]))
        except OSError:
            time.sleep(0.25)


def memory_figures(target: str, procs: list[Memory]) -> dict[str, Any]:
    """The answering process's peak (the busiest worker's, for ``api``), and the
    machine's share: the proportional set sizes of every process, summed."""
    answering = [m for m in procs if m.command.startswith(("rag serve", "worker"))]
    if target == "api" and not any(m.command == "worker" for m in procs):
        answering = [m for m in procs if m.command.startswith("rag api")]  # one worker
    return {"server_peak_rss_mb": max((m.peak_mb for m in answering), default=None),
            "machine_pss_mb": round(sum(m.pss_mb for m in procs), 1),
            "processes": [m.to_dict() for m in procs]}


def measure(target: str, url: str, levels: list[int], per_client: int,
            server: int | None = None) -> list[Level]:
    """Each level in turn, after two clients' untimed questions (a server's first
    connections, and each worker's, pay for what later ones reuse)."""
    pool = question_pool()
    run_level(CLIENT[target], url, pool[::-1], 2, 2)
    return [run_level(CLIENT[target], url, pool, n, per_client, server) for n in levels]


def start_and_measure(target: str, store: Path, workers: int, levels: list[int],
                      per_client: int, log: Path) -> tuple[list[Level], dict[str, Any]]:
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    ready = url + ("health" if target == "api" else "")
    started = time.perf_counter()
    # an empty store ingests the seed first: allow ten minutes
    with background(server_command(target, port, store, workers), ready_url=ready, log=log,
                    timeout_s=600) as server:
        if target == "api":
            wait_for_workers(url, workers, timeout_s=600)
        up_s = time.perf_counter() - started
        results = measure(target, url, levels, per_client, server.pid)
        memory = memory_figures(target, tree_memory(server.pid))
    return results, {"server_start_s": up_s, **memory}


def parse_levels(text: str) -> list[int]:
    try:
        levels = [int(x) for x in text.split(",") if x.strip()]
    except ValueError:
        raise click.BadParameter("a number or numbers with commas: 1,10,30") from None
    if not levels or min(levels) < 1:
        raise click.BadParameter("each level needs at least one client")
    return levels


def show(rows: list[dict[str, Any]], server: dict[str, Any]) -> None:
    cols = ("clients", "requests", "errors", "p50_ms", "p95_ms", "max_ms", "throughput_rps",
            "server_cpu_ms_per_request", "client_cpu_ms_per_request", "machine_busy_pct")
    heads = ("clients", "requests", "errors", "p50 ms", "p95 ms", "max ms", "req/s",
             "server CPU ms/req", "client CPU ms/req", "machine busy %")
    click.echo("  ".join(f"{h:>9s}" for h in heads))
    for row in rows:
        click.echo("  ".join(f"{row[c]:>{max(9, len(h))}.1f}" if isinstance(row[c], float) else
                             f"{row[c]!s:>{max(9, len(h))}s}" for c, h in zip(cols, heads)))
    for key, value in server.items():
        if key != "processes":
            click.echo(f"{key:20s} {value:.1f}" if isinstance(value, float) else
                       f"{key:20s} {value}")
    for m in server.get("processes", []):
        click.echo(f"  {m['command']:18s} pid {m['pid']:<8d} RSS {m['rss_mb']:7.1f} MB  "
                   f"peak {m['peak_mb']:7.1f} MB  PSS {m['pss_mb']:7.1f} MB")


@click.command()
@click.option("--clients", "levels", default="10", show_default=True,
              help="Clients at once; several levels with commas (make load: 1,10,30).")
@click.option("--questions", "per_client", default=5, show_default=True,
              help="Questions each client asks, one after another.")
@click.option("--target", type=click.Choice(["serve", "api"]), default="serve",
              show_default=True, help="rag serve (gradio_client) or rag api (JSON over HTTP).")
@click.option("--workers", default=1, show_default=True, help="rag api's worker processes.")
@click.option("--url", help="A server already running (of --target's kind): load it as is.")
@click.option("--store", "store_dir", type=click.Path(path_type=Path),
              help="Store to serve (default: a fresh temp store, seeded on start).")
@click.option("--json", "as_json", is_flag=True, help="One JSON line per level.")
def main(levels: str, per_client: int, target: str, workers: int, url: str | None,
         store_dir: Path | None, as_json: bool) -> None:
    """Load-test the ask API of a real server; exit 1 on any error."""
    counts = parse_levels(levels)
    server: dict[str, Any] = {}
    if url is not None:
        results = measure(target, url.rstrip("/") + "/", counts, per_client)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            try:
                results, server = start_and_measure(
                    target, store_dir or Path(tmp) / "store", workers, counts, per_client,
                    Path(tmp) / f"{target}.log")
            except RuntimeError as err:
                raise click.ClickException(str(err)) from None
    head = {"target": target, **({"workers": workers} if target == "api" else {})}
    rows = [{**head, **level.figures()} for level in results]
    if as_json:
        for row in rows:  # the server's figures on every line: the last line has them all
            click.echo(json.dumps({**row, **server}))
    else:
        show(rows, server)
    errors = [e for level in results for e in level.errors]
    for e in errors[:5]:
        click.echo(f"error: {e}", err=True)
    if errors:
        sys.exit(1)


if __name__ == "__main__":
    main()
