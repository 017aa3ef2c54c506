"""The translator process: one per machine, the model loaded on its first request, the
same translations over HTTP as in-process; and ``rag serve`` starting one beside itself
that an untranslated answer never wakes."""

from __future__ import annotations

import json
import shutil
import sys
import urllib.request
from pathlib import Path

import pytest

from eval.load import background, free_port
from eval.procs import children, command_of
from rag.translate import model_file
from rag.translate.remote import RemoteTranslator
from tests.e2e.conftest import _gguf
from tests.support import CACHE

SENTENCE = "增强全球裁军合作可以释放资源来实现权利。"


def health(url: str) -> dict:
    with urllib.request.urlopen(url + "/health", timeout=10) as reply:
        return json.loads(reply.read())


def test_the_model_loads_on_the_first_request_and_translates_as_in_process(tmp_path):
    pytest.importorskip("llama_cpp", reason="llama-cpp-python is not installed")
    from rag.translate.local import LocalTranslator

    gguf = _gguf()  # SmolLM2, small: what is compared is the path, not the quality
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "ui.translator", "--port", str(port), "--cache-dir",
           str(tmp_path), "--model", str(gguf)]
    with background(cmd, ready_url=url + "/health", log=tmp_path / "translator.log",
                    timeout_s=120):
        assert health(url)["loaded"] is False
        remote = RemoteTranslator(url + "/v1", model="smollm2", identity="endpoint:smollm2/p2")
        over_http = [remote.translate(SENTENCE, "zh", "en") for _ in range(2)]
        assert health(url)["loaded"] is True
    local = LocalTranslator(gguf, n_threads=1)
    assert over_http == [local.translate(SENTENCE, "zh", "en")] * 2


def translator_child(pid: int) -> str | None:
    """The URL of the translator ``pid`` started, if any."""
    for kid in children(pid):
        if command_of(kid) == "ui.translator":
            argv = Path(f"/proc/{kid}/cmdline").read_bytes().decode().split("\0")
            return f"http://127.0.0.1:{argv[argv.index('--port') + 1]}"
    return None


@pytest.mark.skipif(not model_file.parts_installed(), reason="the translation model packages "
                    "are not installed: rag serve then starts no translator")
def test_rag_serve_starts_one_translator_that_untranslated_answers_leave_unloaded(
        seed_settings, seed_components, tmp_path):
    from gradio_client import Client

    store = tmp_path / "store"
    shutil.copytree(seed_settings.store_dir, store)
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    cmd = [sys.executable, "-m", "rag", "serve", "--port", str(port), "--store", str(store)]
    env = {"RAG_CACHE_DIR": str(CACHE), "RAG_TRANSLATE_LIVE": "true"}
    with background(cmd, ready_url=url, log=tmp_path / "serve.log", timeout_s=600,
                    env=env) as server:
        translator = translator_child(server.pid)
        assert translator is not None
        answer = Client(url, verbose=False).predict(
            "报告认为加强全球裁军方面的合作能带来什么好处？", api_name="/ask")
        assert 86 in [c["n"] for c in answer["citations"]]
        assert health(translator)["loaded"] is False  # a Chinese answer needs no model
