"""Shared fixtures, and the tier markers (unit, system, e2e) taken from each test's folder.

The real default embedder and a real Chroma store in a temp dir: building the seed
store costs ~20 s, so it is done once per session and shared by read-only tests;
tests that write get their own store.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from tests.support import CACHE

logging.getLogger("bm25s").setLevel(logging.WARNING)
TIERS = ("unit", "system", "e2e")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        tier = Path(str(item.fspath)).parent.name
        if tier in TIERS:
            item.add_marker(getattr(pytest.mark, tier))


@pytest.fixture(scope="session")
def embedder():
    from ingest.embedders import E5Embedding

    return E5Embedding()


@pytest.fixture(scope="session")
def seed_settings(tmp_path_factory):
    from rag.config import Settings

    # the model never runs in the shared fixtures: quotes show the shipped translations
    return Settings(store_dir=tmp_path_factory.mktemp("seed-store"), cache_dir=CACHE,
                    translate_live=False)


@pytest.fixture(scope="session")
def seed_components(seed_settings, embedder):
    """The seed report ingested into a real Chroma store, with the full QA stack."""
    from ingest.pipeline import ingest_paths
    from rag.config import SEED_FILE
    from rag.factory import build, open_store

    store = open_store(seed_settings, embedder)
    summary = ingest_paths([SEED_FILE], store, embedder,
                           max_bytes=seed_settings.max_file_bytes, progress=False)
    assert not summary.failed, summary.failed
    components = build(seed_settings, embedder=embedder)
    for path in seed_settings.translations_dir.glob("*.jsonl"):
        components.translation.cache.import_file(path)
    return components


@pytest.fixture
def fresh_settings(tmp_path):
    from rag.config import Settings

    return Settings(store_dir=tmp_path / "store", cache_dir=CACHE, translate_live=False)
