"""The refresh check reads one small write token, not every paragraph's metadata, and
still sees every write; a store written before the token falls back to the fingerprint."""

from __future__ import annotations

import gc
import uuid
import weakref
from dataclasses import replace

import chromadb
from chromadb.config import Settings as ChromaSettings

from ingest.base import Paragraph, ParsedDocument
from ingest.pipeline import FileResult, sync_document
from ingest.store import ParagraphStore
from rag.language.dictionary import Dictionary
from rag.library.base import Library
from tests.support import stub_embedder


def doc(doc_id: str, text: str) -> ParsedDocument:
    return ParsedDocument(doc_id, "en", (Paragraph(doc_id, 1, text, lang="en"),))


def test_a_write_by_another_process_is_seen_through_the_token_alone():
    embedder = stub_embedder()
    client = chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False))
    name = f"t-{uuid.uuid4().hex[:8]}"
    reader = ParagraphStore(client, name=name, embedder_id=embedder.identity)
    writer = ParagraphStore(client, name=name, embedder_id=embedder.identity)
    sync_document(doc("A/1", "Wells were dug."), writer, embedder, FileResult("A/1"),
                  progress=False)
    library = Library(reader, lambda: Dictionary({}), refresh_s=0)
    first = library.snapshot()
    fingerprints = []
    reader.fingerprint = lambda: fingerprints.append(1) or ""  # type: ignore[method-assign]
    assert library.snapshot() is first  # nothing written: the same snapshot
    sync_document(doc("A/2", "Pumps were fixed."), writer, embedder, FileResult("A/2"),
                  progress=False)
    second = library.snapshot()
    assert set(second.paragraphs) == {"A/1:1", "A/2:1"}
    writer.remove_document("A/1")
    assert set(library.snapshot().paragraphs) == {"A/2:1"}
    assert fingerprints == []  # never read every paragraph's metadata to find out


def test_a_store_without_the_token_is_checked_by_fingerprint():
    embedder = stub_embedder()
    client = chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False))
    name = f"t-{uuid.uuid4().hex[:8]}"
    store = ParagraphStore(client, name=name, embedder_id=embedder.identity)
    sync_document(doc("A/1", "Wells were dug."), store, embedder, FileResult("A/1"),
                  progress=False)
    store.state.delete(ids=["generation"])  # as written by a version before the token
    library = Library(store, lambda: Dictionary({}), refresh_s=0)
    first = library.snapshot()
    assert library.snapshot() is first
    store.paragraphs.update(ids=["A/1:1"], documents=["Wells were filled."],
                            embeddings=embedder.passage_vectors(["Wells were filled."]),
                            metadatas=[{"hash": "changed"}])  # a write that leaves no token
    store.state.delete(ids=["generation"])
    assert library.snapshot().paragraphs["A/1:1"].text == "Wells were filled."


def test_share_counts_paragraphs_not_matches():
    embedder = stub_embedder()
    client = chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False))
    store = ParagraphStore(client, name=f"t-{uuid.uuid4().hex[:8]}",
                           embedder_id=embedder.identity)
    texts = ["Water, water and water.", "No wells here.", "Well water: 1,235 litres.",
             "Sanitation.", "water"]
    paras = tuple(Paragraph("A/1", n, t, lang="en") for n, t in enumerate(texts, 1))
    sync_document(ParsedDocument("A/1", "en", paras), store, embedder, FileResult("A/1"),
                  progress=False)
    snap = Library(store, lambda: Dictionary({})).snapshot()
    assert snap.share("water") == 3 / 5  # paragraphs 1, 3 and 5; three matches in 1 count once
    assert snap.share("WELL") == 2 / 5  # "wells", "well"
    assert snap.share("1235") == 1 / 5  # digit grouping ignored
    assert snap.share("sanitation.") == 1 / 5 and snap.share("zanzibar") == 0.0
    assert snap.share("") == 1.0  # the empty string is in every paragraph
    assert snap.share("r.\x00n") == 0.0  # never across two paragraphs


def test_a_new_title_alone_is_seen_through_the_token():
    """Issue 12's document records over issue 14's write token: re-ingesting the same text
    under a new title embeds and writes no paragraph, yet other processes must learn the
    name a question may now use."""
    embedder = stub_embedder()
    client = chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False))
    name = f"t-{uuid.uuid4().hex[:8]}"
    reader = ParagraphStore(client, name=name, embedder_id=embedder.identity)
    writer = ParagraphStore(client, name=name, embedder_id=embedder.identity)
    first = doc("A/1", "Wells were dug.")
    sync_document(first, writer, embedder, FileResult("A/1"), progress=False)
    library = Library(reader, lambda: Dictionary({}), refresh_s=0)
    assert library.snapshot().documents["A/1"].title == ""
    result = FileResult("A/1")
    sync_document(replace(first, title="Report on wells"), writer, embedder, result,
                  progress=False)
    assert (result.added, result.updated, result.unchanged) == (0, 0, 1)
    assert library.snapshot().documents["A/1"].title == "Report on wells"


def test_a_snapshot_is_kept_from_the_collector_and_let_go_when_replaced():
    embedder = stub_embedder()
    client = chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False))
    store = ParagraphStore(client, name=f"t-{uuid.uuid4().hex[:8]}",
                           embedder_id=embedder.identity)
    sync_document(doc("A/1", "Wells were dug."), store, embedder, FileResult("A/1"),
                  progress=False)
    library = Library(store, lambda: Dictionary({}), refresh_s=0)
    gc.unfreeze()
    first = library.snapshot()
    assert gc.get_freeze_count() > 0  # what it holds is out of the full collections' walk
    first.cycle = [first]  # type: ignore[attr-defined]  # freed by the collector alone
    old = weakref.ref(first)
    del first
    sync_document(doc("A/2", "Pumps were fixed."), store, embedder, FileResult("A/2"),
                  progress=False)
    assert set(library.snapshot().paragraphs) == {"A/1:1", "A/2:1"}
    assert old() is None  # the frozen old snapshot was collected when it was replaced
    assert gc.get_freeze_count() > 0
