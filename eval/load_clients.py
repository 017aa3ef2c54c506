"""The load test's clients: each asks its questions one after another, timing each.

``gradio`` clients ask ``rag serve`` through ``gradio_client`` (as the README shows);
``http`` clients post to the JSON endpoint of ``rag api``. Both share one TLS context:
``gradio_client`` opens a new ``httpx`` client for every request, and each would load
the CA bundle anew (59% of the load process's CPU, profiled on 2026-12-07), even over
plain HTTP. The clients run on the server's machine, so what they cost is CPU the
server does not get.
"""

from __future__ import annotations

import resource
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from eval.metrics import percentile
from eval.procs import children, cpu_seconds, machine_cpu

Asker = Callable[[str], Any]
Kind = Literal["gradio", "http"]


@cache
def tls() -> ssl.SSLContext:
    return ssl.create_default_context()


def gradio_asker(url: str) -> Asker:
    from gradio_client import Client

    # ssl_verify goes to httpx's verify=, which takes a context as well as a bool
    client = Client(url, verbose=False, ssl_verify=tls())
    return lambda q: client.predict(q, api_name="/ask")


def http_asker(url: str) -> Asker:
    import httpx

    client = httpx.Client(base_url=url, verify=tls(), timeout=600)

    def ask(question: str) -> Any:
        reply = client.post("ask", json={"question": question})
        reply.raise_for_status()
        return reply.json()

    return ask


ASKERS: dict[str, Callable[[str], Asker]] = {"gradio": gradio_asker, "http": http_asker}


def client_run(kind: Kind, url: str, questions: list[str],
               out: list[tuple[float, str]]) -> None:
    try:
        ask = ASKERS[kind](url)
    except Exception as err:  # a client that cannot connect counts as errors
        out.extend((0.0, f"connect: {err}") for _ in questions)
        return
    for q in questions:
        t0 = time.perf_counter()
        try:
            result = ask(q)
            ok = isinstance(result, dict) and "answer" in result
            out.append(((time.perf_counter() - t0) * 1e3, "" if ok else f"bad reply {result!r}"))
        except Exception as err:
            out.append(((time.perf_counter() - t0) * 1e3, f"{type(err).__name__}: {err}"))


@dataclass
class Level:
    """One load level: so many clients at once, each asking its questions in turn."""

    clients: int
    requests: int
    errors: list[str]
    latencies_ms: list[float]
    wall_s: float
    client_cpu_s: float = 0.0  # this process: the clients
    server_cpu_s: float | None = None  # the server's processes, when we started them
    machine_busy: float = 0.0  # the share of the machine's CPU in use, anyone's

    def figures(self) -> dict[str, Any]:
        lat = self.latencies_ms
        per = 1e3 / self.requests if self.requests else 0.0
        return {"clients": self.clients, "requests": self.requests, "errors": len(self.errors),
                "p50_ms": percentile(lat, 50), "p95_ms": percentile(lat, 95),
                "max_ms": max(lat) if lat else None,
                "throughput_rps": self.requests / self.wall_s if self.wall_s else None,
                "client_cpu_ms_per_request": round(self.client_cpu_s * per, 1),
                "server_cpu_ms_per_request": None if self.server_cpu_s is None
                else round(self.server_cpu_s * per, 1),
                "machine_busy_pct": round(100 * self.machine_busy, 1)}


def own_cpu() -> float:
    use = resource.getrusage(resource.RUSAGE_SELF)
    return use.ru_utime + use.ru_stime


def run_level(kind: Kind, url: str, pool: list[str], clients: int, per_client: int,
              server: int | None = None) -> Level:
    """``clients`` threads at once, each asking ``per_client`` questions in turn; with the
    CPU the clients, the server (``server``: its pid) and the whole machine used."""
    results: list[list[tuple[float, str]]] = [[] for _ in range(clients)]
    threads = [threading.Thread(target=client_run, args=(
        kind, url, [pool[(c * per_client + i) % len(pool)] for i in range(per_client)],
        results[c])) for c in range(clients)]
    tree = [server, *children(server)] if server is not None else []
    cpu0, server0, (busy0, all0) = own_cpu(), cpu_seconds(tree), machine_cpu()
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    busy1, all1 = machine_cpu()
    flat = [r for rs in results for r in rs]
    return Level(clients, len(flat), [e for _, e in flat if e],
                 [ms for ms, e in flat if not e], wall, own_cpu() - cpu0,
                 cpu_seconds(tree) - server0 if tree else None,
                 (busy1 - busy0) / (all1 - all0) if all1 > all0 else 0.0)
