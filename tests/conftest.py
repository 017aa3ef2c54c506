"""Shared fixtures: the real default embedder and a real Chroma store in a temp dir.

Building the seed store costs ~20 s, so it is done once per session and shared by
read-only tests; tests that write get their own store.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from ingest.embedders import E5Embedding
from ingest.pipeline import ingest_paths
from rag.config import SEED_FILE, Settings
from rag.factory import Components, build, open_store

FIXTURES = Path(__file__).parent / "fixtures"
logging.getLogger("bm25s").setLevel(logging.WARNING)


@pytest.fixture(scope="session")
def embedder() -> E5Embedding:
    return E5Embedding()


@pytest.fixture(scope="session")
def seed_settings(tmp_path_factory) -> Settings:
    store_dir = tmp_path_factory.mktemp("seed-store")
    return Settings(store_dir=store_dir)


@pytest.fixture(scope="session")
def seed_components(seed_settings, embedder) -> Components:
    """The seed report ingested into a real Chroma store, with the full QA stack."""
    store = open_store(seed_settings, embedder)
    summary = ingest_paths([SEED_FILE], store, embedder,
                           max_bytes=seed_settings.max_file_bytes, progress=False)
    assert not summary.failed, summary.failed
    return build(seed_settings, embedder=embedder)


@pytest.fixture
def fresh_settings(tmp_path) -> Settings:
    return Settings(store_dir=tmp_path / "store")
