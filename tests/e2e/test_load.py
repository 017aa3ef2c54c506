"""A small bounded load test in CI: the real server, real clients, loopback only."""

from __future__ import annotations

import json

from tests.support import run


def levels(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.strip().splitlines()]


def test_concurrent_clients_get_answers_without_errors(seed_settings, seed_components):
    proc = run("eval.load", "--clients", "1,4", "--questions", "2", "--json",
               "--store", str(seed_settings.store_dir), timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    one, four = levels(proc.stdout)
    assert (one["clients"], one["requests"], four["requests"]) == (1, 2, 8)
    assert four["errors"] == 0 and four["p95_ms"] is not None
    assert four["server_cpu_ms_per_request"] > 0 and four["server_peak_rss_mb"] > 0
    assert [p["command"] for p in four["processes"]][0] == "rag serve"


def test_the_json_endpoint_with_two_workers(seed_settings, seed_components, tmp_path):
    import shutil

    store = tmp_path / "store"
    shutil.copytree(seed_settings.store_dir, store)
    proc = run("eval.load", "--target", "api", "--workers", "2", "--clients", "4",
               "--questions", "2", "--json", "--store", str(store), timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    (figures,) = levels(proc.stdout)
    assert figures["target"] == "api" and figures["workers"] == 2
    assert figures["requests"] == 8 and figures["errors"] == 0
    commands = [p["command"] for p in figures["processes"]]
    assert commands.count("worker") == 2 and "chroma run" in commands
