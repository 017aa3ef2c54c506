"""The one settings object: weights as one mapping, the cache beside the store."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from rag.config import DEFAULT_WEIGHTS, Settings


def test_weights_merge_with_the_defaults(monkeypatch):
    monkeypatch.setenv("RAG_WEIGHTS", '{"dense": 0.3, "bm25_bigrams": 0}')
    s = Settings()
    assert s.weights == {**DEFAULT_WEIGHTS, "dense": 0.3, "bm25_bigrams": 0.0}


@pytest.mark.parametrize("weights", ['{"sentence": -1}',
                                     '{"sentence": 0, "bm25_words": 0, "bm25_bigrams": 0}'])
def test_bad_weights_are_refused(monkeypatch, weights):
    monkeypatch.setenv("RAG_WEIGHTS", weights)
    with pytest.raises(ValidationError, match="RAG_WEIGHTS"):
        Settings()


def test_cache_defaults_to_beside_the_store(tmp_path):
    assert Settings(store_dir=tmp_path / "store").cache_path == tmp_path / "cache"
    assert Settings(store_dir=tmp_path / "s", cache_dir=Path("/x")).cache_path == Path("/x")
