"""Documents searched in memory are read from Chroma a page at a time: one read of more
than 32,766 records fails in SQLite ("too many SQL variables"), which a library of 300
times the seed (53,070 sentences) reached. A real in-memory Chroma of 40,000 records."""

from __future__ import annotations

import chromadb
import numpy as np
from chromadb.config import Settings as ChromaSettings

from rag.retrieve.channels.exact import READ_ROWS, ExactSearch


def test_more_records_than_sqlite_names_in_one_statement_are_read_in_pages():
    client = chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False))
    collection = client.create_collection("pages", embedding_function=None)
    n, docs = 40_000, [f"D{i}" for i in range(3)]
    vectors = np.random.default_rng(7).normal(size=(n, 4)).astype(np.float32)
    for start in range(0, n, 5_000):
        rows = range(start, start + 5_000)
        collection.add(ids=[f"r{i}" for i in rows], embeddings=vectors[start:start + 5_000],
                       documents=[f"text {i}" for i in rows],
                       metadatas=[{"doc_id": docs[i % 3], "para_id": f"p{i}"} for i in rows])
    assert n > 32_766 > READ_ROWS
    exact = ExactSearch(collection)
    near = exact.nearest(vectors[31_337], set(docs), 1, state="s", read=docs)
    assert [x.id for x in near] == ["r31337"]
    assert sum(len(b.ids) for b in exact._blocks.values()) == n  # every record, once
