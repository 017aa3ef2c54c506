"""A sentence the store already holds, in any paragraph of any document, is not embedded
again; a paragraph's vector is the mean of its sentences'. Stub embedder, in-memory Chroma."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import chromadb
import numpy as np
from chromadb.config import Settings as ChromaSettings

from ingest.base import Paragraph, ParsedDocument
from ingest.pipeline import FileResult, sync_document
from ingest.store import ParagraphStore
from tests.support import stub_embedder


def doc(doc_id: str, *texts: str) -> ParsedDocument:
    return ParsedDocument(doc_id, "en", tuple(Paragraph(doc_id, n, t, lang="en")
                                              for n, t in enumerate(texts, 1)))


def counting_store() -> tuple[Any, Callable[[list[str]], np.ndarray], list[str],
                                ParagraphStore]:
    """The stub embedder, its own embedding function, the texts it was asked to embed
    (as passages), and an empty in-memory store."""
    embedder = stub_embedder()
    asked: list[str] = []
    embed = embedder.passage_vectors
    object.__setattr__(embedder, "passage_vectors", lambda texts: asked.extend(texts) or embed(texts))
    store = ParagraphStore(chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False)),
                           name=f"t-{uuid.uuid4().hex[:8]}", embedder_id=embedder.identity)
    return embedder, embed, asked, store


def test_repeated_sentences_are_embedded_once():
    embedder, embed, asked, store = counting_store()
    recalling = "Recalling its resolution 75/1 of 21 September 2020."
    sync_document(doc("A/1", f"{recalling} Wells were dug.", f"Pumps broke. {recalling}"),
                  store, embedder, FileResult("A/1"), progress=False)
    assert asked == [recalling, "Wells were dug.", "Pumps broke."]  # once, though twice there
    asked.clear()
    sync_document(doc("A/2", f"{recalling} Schools opened."), store, embedder,
                  FileResult("A/2"), progress=False)
    assert asked == ["Schools opened."]  # the other document's vector is reused
    got = store.sentences.get(where={"doc_id": "A/2"}, include=["embeddings", "documents"])
    assert got["documents"] == [recalling, "Schools opened."]
    assert np.allclose(got["embeddings"][0], embed([recalling])[0])
    para = store.paragraphs.get(ids=["A/2:1"], include=["embeddings"])["embeddings"][0]
    mean = np.mean(embed([recalling, "Schools opened."]), axis=0)
    assert np.allclose(para, mean / np.linalg.norm(mean), atol=1e-6)


def test_a_store_cut_by_an_older_splitter_is_recut_once():
    """A paragraph stored before ``SPLIT_VERSION`` 2 (no "split" recorded) whose text the
    cutter now cuts otherwise (a title block) gets today's sentences at the next ingest,
    its text unchanged; one cut the same is left alone, and a third ingest does nothing."""
    embedder, embed, asked, store = counting_store()
    title = "Human Rights Council\nForty-seventh session\nSummary\nThe world is in crisis."
    parsed = ParsedDocument("A/3", "en", (Paragraph("A/3", 0, title, lang="en"),
                                          Paragraph("A/3", 1, "Wells were dug.", lang="en")))
    sync_document(parsed, store, embedder, FileResult("A/3"), progress=False)
    assert store.sentences.get(where={"para_id": "A/3:0"})["documents"] == [
        "Human Rights Council\nForty-seventh session\nSummary", "The world is in crisis."]
    # as an older version stored it: the title block and the sentence after it as one
    store.sentences.delete(where={"para_id": "A/3:0"})
    store.sentences.upsert(ids=["A/3:0#0"], embeddings=embed([title]), documents=[title],
                           metadatas=[{"para_id": "A/3:0", "doc_id": "A/3", "n": 0, "i": 0,
                                       "hash": parsed.paragraphs[0].content_hash}])
    store.paragraphs.update(ids=["A/3:0", "A/3:1"], metadatas=[{"split": 1}, {"split": 1}])
    asked.clear()
    result = FileResult("A/3")
    sync_document(parsed, store, embedder, result, progress=False)
    assert (result.updated, result.unchanged) == (1, 1)
    assert store.sentences.get(where={"para_id": "A/3:0"})["documents"] == [
        "Human Rights Council\nForty-seventh session\nSummary", "The world is in crisis."]
    # both new to the store (the old cut held neither); the unchanged ¶1 was not re-put
    assert asked == ["Human Rights Council\nForty-seventh session\nSummary",
                     "The world is in crisis."]
    asked.clear()
    again = FileResult("A/3")
    sync_document(parsed, store, embedder, again, progress=False)
    assert (again.updated, again.unchanged, asked) == (0, 2, [])
