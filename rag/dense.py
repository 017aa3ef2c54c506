"""Dense retrieval through llama-index over the two Chroma collections.

Paragraph vectors give one channel; sentence vectors, each paragraph scored by its
best sentence, give another. The question is embedded once and handed to both.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from llama_index.core import VectorStoreIndex
from llama_index.core.schema import QueryBundle
from llama_index.core.vector_stores import FilterOperator, MetadataFilter, MetadataFilters
from llama_index.vector_stores.chroma import ChromaVectorStore

from ingest.embedders import Embedder
from ingest.store import ParagraphStore


@dataclass
class DenseResult:
    paragraphs: list[tuple[str, float]]  # (id, cosine) best first
    sentences: list[tuple[str, float, str]]  # (paragraph id, best sentence cosine, sentence)


def _cosine(similarity: float | None) -> float:
    # llama-index's Chroma store reports exp(-distance); cosine space: distance = 1 - cos
    return 1.0 + math.log(similarity) if similarity and similarity > 0 else 0.0


class DenseChannels:
    def __init__(self, store: ParagraphStore, embedder: Embedder) -> None:
        self.embedder = embedder
        self.paragraph_index = VectorStoreIndex.from_vector_store(
            ChromaVectorStore(chroma_collection=store.paragraphs), embed_model=embedder
        )
        self.sentence_index = VectorStoreIndex.from_vector_store(
            ChromaVectorStore(chroma_collection=store.sentences), embed_model=embedder
        )

    def search(self, question: str, vector: np.ndarray, k: int, *, doc_id: str | None = None,
               valid: dict[str, str] | None = None, paragraphs: bool = True) -> DenseResult:
        """``valid`` maps paragraph id -> content hash; stale sentences are ignored."""
        bundle = QueryBundle(query_str=question, embedding=vector.tolist())
        filters = None
        if doc_id is not None:
            filters = MetadataFilters(
                filters=[MetadataFilter(key="doc_id", value=doc_id, operator=FilterOperator.EQ)]
            )
        para_hits: list[tuple[str, float]] = []
        if paragraphs:  # the paragraph channel may be weighted out
            paras = self.paragraph_index.as_retriever(similarity_top_k=k, filters=filters)
            para_hits = [(n.node.node_id, _cosine(n.score)) for n in paras.retrieve(bundle)]
        sents = self.sentence_index.as_retriever(similarity_top_k=k * 4, filters=filters)
        best: dict[str, tuple[float, str]] = {}
        for n in sents.retrieve(bundle):
            meta = n.node.metadata
            pid = meta.get("para_id", "")
            if valid is not None and valid.get(pid) != meta.get("hash"):
                continue
            cos = _cosine(n.score)
            if pid not in best or cos > best[pid][0]:
                best[pid] = (cos, n.node.get_content())
        sentence_hits = sorted(
            ((pid, cos, text) for pid, (cos, text) in best.items()), key=lambda t: -t[1]
        )
        return DenseResult(para_hits, sentence_hits)
