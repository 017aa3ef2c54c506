"""Everything through Chroma's HttpClient against a real ``chroma run`` on loopback."""

from __future__ import annotations

import json
import shutil
import time

from eval.load import free_port
from rag.config import Settings
from rag.factory import build
from tests.support import ALWAYS_ANSWER, CACHE, FIXTURES, run


def env(port: int) -> dict[str, str]:
    return {"RAG_CHROMA_HOST": "127.0.0.1", "RAG_CHROMA_PORT": str(port),
            "RAG_STORE_DIR": "/nonexistent-so-a-local-store-would-fail"}


def test_ingest_twice_and_ask_through_the_server(chroma_server):
    first = run("rag", "ingest", env=env(chroma_server), timeout=600)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "1 document(s): 89 added, 0 updated, 0 unchanged, 0 deleted"
    second = run("rag", "ingest", env=env(chroma_server))
    assert second.stdout.strip() == "1 document(s): 0 added, 0 updated, 89 unchanged, 0 deleted"
    for question, gold in [("报告认为加强全球裁军方面的合作能带来什么好处？", {86}),
                           ("What does the report say about easing sanctions?", {9, 66, 86})]:
        proc = run("rag", "ask", question, "--json", env=env(chroma_server))
        assert proc.returncode == 0, proc.stderr
        answer = json.loads(proc.stdout)
        assert {c["n"] for c in answer["citations"]} & gold
    docs = run("rag", "docs", env=env(chroma_server))
    # id, units, kind, language, symbol, title (issue 12)
    assert docs.stdout.strip().split("\t")[:5] == ["A/HRC/47/47", "89", "report", "zh",
                                                    "A/HRC/47/47"]


def test_a_second_process_sees_new_documents(chroma_server, embedder):
    settings = Settings(chroma_host="127.0.0.1", chroma_port=chroma_server, index_refresh_s=0,
                        **ALWAYS_ANSWER)  # what is searched, not whether it answers
    components = build(settings, embedder=embedder)
    question = "How much did official development assistance for water fall in 2028?"
    before = components.qa.ask(question)
    assert all(h.paragraph.doc_id == "A/HRC/47/47" for h in before.retrieved)
    added = run("rag", "ingest", str(FIXTURES / "en_report.txt"), env=env(chroma_server))
    assert added.returncode == 0, added.stderr
    after = components.qa.ask(question)  # BM25 is rebuilt from the store's new content
    assert after.citations[0].doc_id == "A/HRC/99/12 (en)" and after.citations[0].n == 5
    removed = run("rag", "remove", "A/HRC/99/12 (en)", env=env(chroma_server))
    assert removed.returncode == 0 and "8 paragraph(s)" in removed.stdout


NEW_REPORT = """A/HRC/98/4
人权理事会
岛屿国家的饮水问题
一. 调查结果
1. 桑给巴尔的海水淡化厂为 40,000 人提供饮用水。
2. 图瓦卢的雨水收集在雨季满足了大多数家庭的用水需求。
"""


def test_two_workers_share_the_saved_bm25_index(chroma_server, embedder, tmp_path):
    """One worker ingests a document; the other answers from it after its next refresh
    check, loading the BM25 indexes the first one saved instead of building them."""
    cache = tmp_path / "cache"
    cache.mkdir()
    for pkl in CACHE.glob("*.pkl"):  # the dictionary, so that it is not built again
        shutil.copy(pkl, cache / pkl.name)
    settings = Settings(chroma_host="127.0.0.1", chroma_port=chroma_server,
                        index_refresh_s=0.5, cache_dir=cache)
    worker = build(settings, embedder=embedder)
    question = "桑给巴尔的海水淡化厂为多少人提供饮用水？"
    assert worker.qa.ask(question).refused  # nothing about Zanzibar yet
    before = {p.name for p in (cache / "bm25").glob("*") if p.is_dir()}
    report = tmp_path / "island.txt"
    report.write_text(NEW_REPORT, encoding="utf-8")
    added = run("rag", "ingest", str(report), env={**env(chroma_server),
                                                   "RAG_CACHE_DIR": str(cache)})
    assert added.returncode == 0, added.stderr
    saved = sorted(p.name.split("-v")[0] for p in (cache / "bm25").iterdir()
                   if p.is_dir() and p.name not in before)
    assert saved == ["bm25_bigrams", "bm25_words"]  # the ingesting process built them
    for _ in range(600):  # poll: the worker checks the store every index_refresh_s
        answer = worker.qa.ask(question)
        if any(h.paragraph.doc_id == "A/HRC/98/4" for h in answer.retrieved):
            break
        time.sleep(0.1)
    assert answer.citations and answer.citations[0].doc_id == "A/HRC/98/4"
    assert "40,000" in answer.text
    bm25 = [c for c in worker.retriever.channels if c.name.startswith("bm25")]
    # this question is routed to the new document (issue 12), ranked by an index of that
    # document alone; the whole library's index, for unrouted questions, is loaded
    snap = worker.library.snapshot()
    for channel in bm25:
        channel.index(snap)
    assert [c.last["how"] for c in bm25] == ["loaded", "loaded"]
    removed = run("rag", "remove", "A/HRC/98/4", env=env(chroma_server))
    assert removed.returncode == 0, removed.stderr


def test_unreachable_server_is_a_clear_error():
    proc = run("rag", "docs", env={"RAG_CHROMA_HOST": "127.0.0.1",
                                   "RAG_CHROMA_PORT": str(free_port())})
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert "cannot reach the Chroma server" in proc.stderr
