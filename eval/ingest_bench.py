"""Cold seed ingest, the path before issue 14 beside today's, and where the time goes.

The old path is kept here, as it was, only to be measured: every paragraph embedded as
its text and again as its sentences, 8 paragraphs a batch, and three Chroma calls per
paragraph.
"""

from __future__ import annotations

import cProfile
import pstats
import time
from collections.abc import Callable
from pathlib import Path

from ingest.embedders import Embedder
from ingest.pipeline import embedding_text, load_document
from ingest.store import ParagraphStore
from ingest.text import split_sentences


def old_sync(paths: list[Path], store: ParagraphStore, embedder: Embedder, *,
             max_bytes: int, batch: int = 8) -> None:
    """The ingest path before issue 14, for a fresh store (no diffing needed)."""
    for path in paths:
        doc = load_document(path, max_bytes=max_bytes)
        todo = list(doc.paragraphs)
        for start in range(0, len(todo), batch):
            chunk = todo[start : start + batch]
            sentences = [split_sentences(p.text) for p in chunk]
            texts = [embedding_text(p) for p in chunk]
            flat = [s for group in sentences for s in group]
            vectors = embedder.passage_vectors(texts + flat)
            para_vecs, sent_vecs = vectors[: len(chunk)], vectors[len(chunk) :]
            at = 0
            for para, vec, group in zip(chunk, para_vecs, sentences):
                store.put(para, vec, group, sent_vecs[at : at + len(group)])
                at += len(group)


PARTS = {  # profiled function -> the part of the ingest it is
    "passage_vectors": "embedding",
    "put_many": "Chroma writes",
    "records": "Chroma reads",
    "stored_sentence_vectors": "Chroma reads",
    "split_sentences": "sentence split",
    "load_document": "read and parse",
}


def profiled(run: Callable[[], object]) -> tuple[float, dict[str, float]]:
    """Wall seconds of ``run()``, and the cumulative seconds of each part in ``PARTS``."""
    prof = cProfile.Profile()
    t0 = time.perf_counter()
    prof.runcall(run)
    wall = time.perf_counter() - t0
    parts: dict[str, float] = {}
    stats = pstats.Stats(prof).stats  # type: ignore[attr-defined]
    for (_, _, func), (_, _, _, cumulative, _) in stats.items():
        if func in PARTS:
            parts[PARTS[func]] = parts.get(PARTS[func], 0.0) + cumulative
    return wall, parts
