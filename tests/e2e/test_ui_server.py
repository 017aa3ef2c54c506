"""``python -m rag serve``: a real process on a copy of the seed store, timed to its
first answer; plus the pure pieces of ``serve`` (auth, exposure warning)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

import pytest
from gradio_client import Client

from eval.load import free_port
from tests.support import ROOT
from ui.server import exposure_warning, parse_auth


def test_parse_auth():
    assert parse_auth(None) is None
    assert parse_auth("ann:s3:cret") == ("ann", "s3:cret")
    with pytest.raises(ValueError):
        parse_auth("nopassword")


def test_warns_only_when_open_to_all_without_auth():
    assert "--auth" in exposure_warning("0.0.0.0", None)
    assert exposure_warning("0.0.0.0", "ann:pw") is None
    assert exposure_warning("127.0.0.1", None) is None


def test_serve_starts_and_answers(seed_settings, seed_components, tmp_path, record_property):
    store = tmp_path / "store"
    shutil.copytree(seed_settings.store_dir, store)
    port = free_port()
    env = {**os.environ, "GRADIO_ANALYTICS_ENABLED": "False", "PYTHONUNBUFFERED": "1"}
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "rag", "serve", "--port", str(port), "--store", str(store)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        lines = []
        for line in proc.stdout:  # wait for the ready line
            lines.append(line)
            if "Ready in" in line or time.perf_counter() - t0 > 240:
                break
        assert any(f"http://127.0.0.1:{port}/" in x for x in lines), "".join(lines)
        assert not any("WARNING: serving on all interfaces" in x for x in lines)
        client = Client(f"http://127.0.0.1:{port}/", verbose=False)
        data = client.predict("报告认为加强全球裁军方面的合作能带来什么好处？", api_name="/ask")
        elapsed = time.perf_counter() - t0
        assert 86 in [c["n"] for c in data["citations"]]
        record_property("start_to_first_answer_s", round(elapsed, 1))
        print(f"\nserver start to first answer: {elapsed:.1f} s")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
