"""Build the components once per entry point, from the settings, and hand them down."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from ingest.embedders import Embedder, load_embedder
from ingest.pipeline import IngestSummary, ingest_paths
from ingest.store import ParagraphStore, make_client
from rag.bridge import load_reverse_index
from rag.config import DATA_DIR, Settings
from rag.extractive import ExtractiveAnswerer
from rag.refusal import RefusalPolicy
from rag.retriever import CHANNELS, HybridRetriever, RetrievalConfig
from rag.service import QA
from rag.support import SupportScorer

log = logging.getLogger(__name__)
CACHE_DIR = DATA_DIR / "cache"


@dataclass
class Components:
    settings: Settings
    embedder: Embedder
    store: ParagraphStore
    retriever: HybridRetriever
    qa: QA


def open_store(settings: Settings, embedder: Embedder) -> ParagraphStore:
    client = make_client(settings.store_dir, settings.chroma_host, settings.chroma_port)
    return ParagraphStore(client, name=settings.collection, embedder_id=embedder.identity)


def make_embedder(settings: Settings) -> Embedder:
    return load_embedder(settings.embed_model, batch_size=settings.embed_batch_size,
                         query_prefix=settings.query_prefix,
                         passage_prefix=settings.passage_prefix)


def ingest_files(settings: Settings, store: ParagraphStore, embedder: Embedder,
                 paths: list[Path], *, progress: bool = True) -> IngestSummary:
    """Ingest with the settings' size limit and language rules; the one way in."""
    return ingest_paths(paths, store, embedder, max_bytes=settings.max_file_bytes,
                        progress=progress, primary_lang=settings.primary_lang)


def ingest_seed_if_empty(settings: Settings, store: ParagraphStore, embedder: Embedder,
                         *, progress: bool = True) -> IngestSummary | None:
    if store.count():
        return None
    log.info("the store at %s is empty: ingesting the seed document first", settings.where())
    return ingest_files(settings, store, embedder, list(settings.seed_files), progress=progress)


def retrieval_config(settings: Settings) -> RetrievalConfig:
    weights = {
        "dense": settings.weight_dense, "sentence": settings.weight_sentence,
        "bm25_words": settings.weight_bm25_words, "bm25_bigrams": settings.weight_bm25_bigrams,
    }
    return RetrievalConfig(
        top_k=settings.top_k, candidates=settings.candidates, rrf_k=settings.rrf_k,
        weights=tuple((c, weights[c]) for c in CHANNELS),
        max_question_chars=settings.max_question_chars, refresh_s=settings.index_refresh_s,
    )


def build(settings: Settings, *, embedder: Embedder | None = None) -> Components:
    embedder = embedder or make_embedder(settings)
    store = open_store(settings, embedder)
    retriever = HybridRetriever(
        store, embedder, bridge_index=partial(load_reverse_index, CACHE_DIR),
        config=retrieval_config(settings),
    )
    support = SupportScorer(embedder, store.sentence_vectors)
    refusal = RefusalPolicy(settings.refusal_threshold_zh, settings.refusal_threshold_en,
                            settings.refusal_lexical_min)
    answerers = {
        "extractive": ExtractiveAnswerer(
            store.sentence_vectors, support, refusal,
            max_sentences=settings.max_answer_sentences,
            support_threshold=settings.support_threshold,
        )
    }
    if settings.llm_enabled:
        from rag.llm import build_llm_answerer

        answerers["llm"] = build_llm_answerer(settings, answerers["extractive"], support, refusal)
    default = "llm" if settings.llm_enabled else "extractive"
    qa = QA(retriever, answerers, default=default, top_k=settings.top_k)
    return Components(settings, embedder, store, retriever, qa)
