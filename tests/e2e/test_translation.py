"""Translation through the CLI with a real OpenAI-compatible endpoint (llama.cpp serving
SmolLM2, a tiny model whose translations mostly fail the checks: that is the point of
checks), a real ``chroma run`` shared by two processes, a kill in the middle, an outage."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

from eval.load import free_port
from rag.translate.prompts import PROMPT_VERSION
from tests.support import CACHE, ROOT, run

DOC = "A/HRC/98/7"
# three short sentences keep the tiny model's work (and the test) short
SMALL = """A/HRC/98/7
人权理事会
  关于水资源合作的报告
1. 本报告审查了跨界河流合作。
2. 2027 年，五个流域组织签署了数据共享协定。
3. 捐助方应将一半的水援助用于最不发达国家。
"""
QUESTION = "What should donors do with half of their water aid?"


def endpoint(url: str, port: int) -> dict[str, str]:
    """The translator's own settings: no RAG_LLM_*, so the answers stay extractive."""
    return {"RAG_CHROMA_HOST": "127.0.0.1", "RAG_CHROMA_PORT": str(port),
            "RAG_COLLECTION": f"tr-{port}", "RAG_TRANSLATE_BACKEND": "endpoint",
            "RAG_TRANSLATE_LIVE": "true", "RAG_TRANSLATE_MODEL": "smollm2",
            "RAG_TRANSLATE_BASE_URL": url, "RAG_TRANSLATE_TIMEOUT_S": "120",
            # what is translated, not whether the small document answers
            "RAG_JUDGE_ANSWER_AT": "0", "RAG_JUDGE_REFUSE_BELOW": "0"}


def sentences(port: int, collection: str) -> int:
    import chromadb
    from chromadb.errors import NotFoundError

    client = chromadb.HttpClient(host="127.0.0.1", port=port)
    try:
        return client.get_collection(collection + "-translations").count()
    except NotFoundError:  # the process has not opened the store yet
        return 0


def small_doc(tmp_path) -> str:
    path = tmp_path / "water.txt"
    path.write_text(SMALL, encoding="utf-8")
    return str(path)


def test_translate_resumes_after_a_kill_and_a_second_process_reuses_it(llama_server,
                                                                       chroma_server, tmp_path):
    env = endpoint(llama_server, chroma_server)
    assert run("rag", "ingest", small_doc(tmp_path), env=env).returncode == 0
    full = {**os.environ, "RAG_CACHE_DIR": str(CACHE), **env}
    proc = subprocess.Popen([sys.executable, "-m", "rag", "translate", DOC], cwd=ROOT,
                            env=full, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    while sentences(chroma_server, env["RAG_COLLECTION"]) < 1:  # poll, not a time budget
        assert proc.poll() is None, proc.stderr.read().decode()[-2000:]
        assert time.monotonic() < deadline, "no sentence was translated"
        time.sleep(0.5)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done = sentences(chroma_server, env["RAG_COLLECTION"])
    again = run("rag", "translate", DOC, env=env, timeout=900)
    assert again.returncode == 0, again.stderr[-2000:]
    line = again.stdout.strip().splitlines()[-1]
    total, cached = (int(x) for x in
                     __import__("re").search(r"(\d+) sentences; (\d+) already", line).groups())
    assert cached >= done and total == sentences(chroma_server, env["RAG_COLLECTION"])
    # another process, no model of its own: it answers from what the first one stored
    reader = {**env, "RAG_TRANSLATE_LIVE": "false"}
    asked = run("rag", "ask", QUESTION, "--json", env=reader)
    answer = json.loads(asked.stdout)
    assert answer["claims"] and all(c["translation"] is not None for c in answer["claims"])
    assert all(c["translation"]["model"] == f"endpoint:smollm2/{PROMPT_VERSION}"
               for c in answer["claims"])
    assert answer["answerer"] == "extractive"  # a translator endpoint is no LLM answerer


def test_an_endpoint_outage_stops_the_run_cleanly_and_answers_keep_their_originals(
        chroma_server, tmp_path):
    env = endpoint(f"http://127.0.0.1:{free_port()}/v1", chroma_server)
    env["RAG_COLLECTION"] = f"tr-down-{chroma_server}"
    assert run("rag", "ingest", small_doc(tmp_path), env=env).returncode == 0
    proc = run("rag", "translate", DOC, env=env)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "stopped: backend: translation endpoint failed" in proc.stderr
    answer = json.loads(run("rag", "ask", QUESTION, "--json", "--llm", "none", env=env).stdout)
    assert not answer["refused"] and answer["claims"]
    claim = answer["claims"][0]
    assert claim["translation"] and not claim["translation"]["shown"]
    assert claim["text"] == claim["quote"]  # the original, not an English text
    assert "failed a check" in answer["notice"] or "No translation" in answer["notice"]
