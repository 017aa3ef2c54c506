"""``rag api --workers 2``: the stateless JSON endpoint on two real uvicorn workers over
one ``chroma run`` (started by ``rag api``), asked over real HTTP on loopback."""

from __future__ import annotations

import shutil
import sys
from typing import Any

import httpx
import pytest

from eval.load import background, free_port, wait_for_workers
from tests.support import CACHE

QUESTION = "What does the report say about easing sanctions?"


@pytest.fixture(scope="module")
def api(seed_settings, seed_components, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("api")
    store = tmp / "store"
    shutil.copytree(seed_settings.store_dir, store)
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    cmd = [sys.executable, "-m", "rag", "api", "--workers", "2", "--port", str(port),
           "--store", str(store)]
    env = {"RAG_CACHE_DIR": str(CACHE), "RAG_TRANSLATE_LIVE": "false"}
    with background(cmd, ready_url=url + "health", log=tmp / "api.log", timeout_s=600, env=env):
        wait_for_workers(url, 2, timeout_s=600)
        yield url


def ask(url: str, body: dict[str, Any]) -> httpx.Response:
    with httpx.Client() as client:  # a new connection each time: any worker may take it
        return client.post(url + "ask", json=body, timeout=120)


def test_two_workers_answer_the_same_question_the_same_way(api):
    by_worker: dict[str, dict] = {}
    for _ in range(300):  # until each worker has answered it (the kernel picks one)
        reply = ask(api, {"question": QUESTION})
        assert reply.status_code == 200, reply.text
        by_worker.setdefault(reply.headers["X-Worker"], reply.json())
        if len(by_worker) == 2:
            break
    assert len(by_worker) == 2, "one worker answered every request"
    first, second = by_worker.values()
    for answer in (first, second):
        answer.pop("timings_ms")
    assert first == second
    assert {c["n"] for c in first["citations"]} & {9, 66, 86}
    assert first["language"] == "en" and not first["refused"]


def test_a_follow_up_carries_its_history_and_a_bad_question_is_a_clear_error(api):
    follow = ask(api, {"question": "And in March 2021?",
                       "history": ["What did CESCR adopt in March 2020?"]})
    assert follow.status_code == 200 and "2021" in follow.json()["understood_as"]
    empty = ask(api, {"question": "   "})
    assert empty.status_code == 400 and empty.json()["error"]
    wrong = ask(api, {"question": QUESTION, "k": 99})
    assert wrong.status_code == 400 and "k must be between" in wrong.json()["error"]
