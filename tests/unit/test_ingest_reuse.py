"""A sentence the store already holds, in any paragraph of any document, is not embedded
again; a paragraph's vector is the mean of its sentences'. Stub embedder, in-memory Chroma."""

from __future__ import annotations

import uuid

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


def test_repeated_sentences_are_embedded_once():
    embedder = stub_embedder()
    asked: list[str] = []
    embed = embedder.passage_vectors
    object.__setattr__(embedder, "passage_vectors", lambda texts: asked.extend(texts) or embed(texts))
    store = ParagraphStore(chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False)),
                           name=f"t-{uuid.uuid4().hex[:8]}", embedder_id=embedder.identity)
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
