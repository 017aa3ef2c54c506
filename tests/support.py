"""Helpers shared by the test tiers: paths, CLI subprocesses, an HTML tag inventory, a
real server on a free port, a stub embedder for the unit tier, writable store copies."""

from __future__ import annotations

import contextlib
import hashlib
import os
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
DOCS = ROOT / "eval" / "docs"  # real UN texts beside the seed (eval/docs/SOURCES.md)
# one cache of derived files (the reversed dictionary…) for every test and subprocess
CACHE = Path(os.environ.get("RAG_TEST_CACHE", ROOT / "data" / "cache"))


def run(*args: str, env: dict | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    """``python -m ARGS`` in the project root, with the shared cache unless ``env`` says."""
    full_env = {**os.environ, "RAG_CACHE_DIR": str(CACHE), "RAG_TRANSLATE_LIVE": "false",
                **(env or {})}
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout, env=full_env)


def assert_clean_error(proc: subprocess.CompletedProcess, needle: str) -> None:
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    assert needle in proc.stderr, proc.stderr


# -- the unit tier's embedder ------------------------------------------------------
def hashed_vectors(texts: list[str], dim: int = 64) -> np.ndarray:
    """A deterministic bag of hashed character bigrams, L2-normalised: texts that share
    characters get close vectors. Vectors without meaning, for tests that need some."""
    out = np.zeros((len(texts), dim), dtype=np.float32)
    for row, text in enumerate(texts):
        grams = [text[i : i + 2] for i in range(max(1, len(text) - 1))]
        for g in grams:
            h = int.from_bytes(hashlib.blake2b(g.encode(), digest_size=4).digest(), "little")
            out[row, h % dim] += 1.0
        norm = float(np.linalg.norm(out[row]))
        if norm:
            out[row] /= norm
    return out


def stub_embedder() -> Any:
    """A llama-index ``BaseEmbedding`` over ``hashed_vectors`` (built lazily: importing
    ingest.embedders is cheap, building the real model is not)."""
    from ingest.embedders import Embedder

    class HashEmbedder(Embedder):
        def query_vectors(self, texts: list[str]) -> np.ndarray:
            return hashed_vectors(texts)

        def passage_vectors(self, texts: list[str]) -> np.ndarray:
            return hashed_vectors(texts)

    return HashEmbedder(model_name="stub", identity="stub:hashed-bigrams:64", dim=64)


# -- HTML ---------------------------------------------------------------------------
class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    """Every start tag in ``html`` with its attributes, as a browser would parse them."""
    p = _Tags()
    p.feed(html)
    return p.tags


def visible_text(html: str) -> str:
    p = _Tags()
    p.feed(html)
    return "".join(p.text)


def assert_inert(html: str) -> None:
    """Nothing in ``html`` can run script: no script/img/iframe tags, no on* handlers,
    no javascript: links."""
    for tag, attrs in tags(html):
        assert tag not in {"script", "img", "iframe", "object", "embed", "svg"}, (tag, attrs)
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            assert "javascript:" not in (value or "").lower(), (tag, name, value)


# -- servers and stores ------------------------------------------------------------------
@contextlib.contextmanager
def running(app: Any) -> Iterator[str]:
    """Launch a Gradio ``app`` on a free 127.0.0.1 port; yield its URL; always close it."""
    from eval.load import free_port

    port = free_port()
    app.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True,
               quiet=True, show_error=False)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        app.close()


# for tests of how an answer is composed (citations, sources, places), not of whether to
# answer: the judge answers every question it has hits for
ALWAYS_ANSWER = {"judge_answer_at": 0.0, "judge_refuse_below": 0.0}


def writable_copy(seed_settings: Any, tmp_path: Path, embedder: Any, **overrides: Any) -> Any:
    """Full components over a private copy of the session's seed store.

    Copying the ingested store takes a second; ingesting the seed again takes ~30 s.
    The seed store is only ever read, so the copy is consistent.
    """
    import shutil

    from rag.factory import build

    store_dir = tmp_path / "store"
    shutil.copytree(seed_settings.store_dir, store_dir)
    return build(seed_settings.model_copy(update={"store_dir": store_dir, **overrides}),
                 embedder=embedder)


def empty_store(embedder: Any) -> Any:
    """An empty in-memory Chroma store for vectors from ``embedder``: the unit tier's store."""
    import uuid

    import chromadb
    from chromadb.config import Settings as ChromaSettings

    from ingest.store import ParagraphStore

    client = chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False))
    return ParagraphStore(client, name=f"t-{uuid.uuid4().hex[:8]}",
                          embedder_id=embedder.identity)


def memory_store(paragraphs: list[Any], embedder: Any) -> Any:
    """An in-memory Chroma store holding ``paragraphs`` (``ingest.base.Paragraph``),
    embedded by ``embedder``."""
    from ingest.base import ParsedDocument
    from ingest.pipeline import FileResult, sync_document

    store = empty_store(embedder)
    by_doc: dict[str, list[Any]] = {}
    for p in paragraphs:
        by_doc.setdefault(p.doc_id, []).append(p)
    for doc_id, paras in by_doc.items():
        doc = ParsedDocument(doc_id, paras[0].lang, tuple(paras))
        sync_document(doc, store, embedder, FileResult(doc_id), progress=False)
    return store


def fixture_store(paths: list[Path], embedder: Any) -> Any:
    """An in-memory Chroma store holding these files, ingested as ``rag ingest`` would."""
    from ingest.pipeline import ingest_paths

    store = empty_store(embedder)
    summary = ingest_paths(paths, store, embedder, max_bytes=10_000_000, progress=False)
    assert not summary.failed, summary.failed
    return store
