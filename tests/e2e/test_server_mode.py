"""Everything through Chroma's HttpClient against a real ``chroma run`` on loopback."""

from __future__ import annotations

import json

from eval.load import free_port
from rag.config import Settings
from rag.factory import build
from tests.support import FIXTURES, run


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
    assert docs.stdout.strip() == "A/HRC/47/47\t89"


def test_a_second_process_sees_new_documents(chroma_server, embedder):
    settings = Settings(chroma_host="127.0.0.1", chroma_port=chroma_server, index_refresh_s=0)
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


def test_unreachable_server_is_a_clear_error():
    proc = run("rag", "docs", env={"RAG_CHROMA_HOST": "127.0.0.1",
                                   "RAG_CHROMA_PORT": str(free_port())})
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert "cannot reach the Chroma server" in proc.stderr
