"""A small bounded load test in CI: the real server, real clients, loopback only."""

from __future__ import annotations

import json

from tests.support import run


def test_concurrent_clients_get_answers_without_errors(seed_settings, seed_components):
    proc = run("eval.load", "--clients", "4", "--questions", "2", "--json",
               "--store", str(seed_settings.store_dir), timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    figures = json.loads(proc.stdout.strip().splitlines()[-1])
    assert figures["requests"] == 8 and figures["errors"] == 0
    assert figures["p95_ms"] is not None
