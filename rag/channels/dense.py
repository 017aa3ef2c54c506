"""Dense channels through llama-index over the two Chroma collections.

Paragraph vectors give one channel; sentence vectors, each paragraph scored by its
best sentence, give another. Both reuse the query's one embedding.
"""

from __future__ import annotations

import math

from llama_index.core import VectorStoreIndex
from llama_index.core.schema import NodeWithScore, QueryBundle
from llama_index.core.vector_stores import FilterOperator, MetadataFilter, MetadataFilters
from llama_index.vector_stores.chroma import ChromaVectorStore

from ingest.embedders import Embedder
from rag.channels.base import DENSE, SENTENCE, ChannelHit
from rag.query import Query


def cosine(similarity: float | None) -> float:
    # llama-index's Chroma store reports exp(-distance); cosine space: distance = 1 - cos
    return 1.0 + math.log(similarity) if similarity and similarity > 0 else 0.0


class _DenseIndex:
    def __init__(self, collection: object, embedder: Embedder) -> None:
        self.index = VectorStoreIndex.from_vector_store(
            ChromaVectorStore(chroma_collection=collection), embed_model=embedder
        )

    def nodes(self, query: Query, k: int) -> list[NodeWithScore]:
        assert query.vector is not None, "the analyzer embeds every query"
        filters = None
        if query.scope is not None:
            filters = MetadataFilters(filters=[
                MetadataFilter(key="doc_id", value=sorted(query.scope), operator=FilterOperator.IN)
            ])
        bundle = QueryBundle(query_str=query.text, embedding=query.vector.tolist())
        return self.index.as_retriever(similarity_top_k=k, filters=filters).retrieve(bundle)


class ParagraphChannel(_DenseIndex):
    name = DENSE

    def search(self, query: Query, depth: int) -> list[ChannelHit]:
        return [ChannelHit(n.node.node_id, cosine(n.score)) for n in self.nodes(query, depth)]


class SentenceChannel(_DenseIndex):
    """Each paragraph scored by its best sentence. Ranked on one scale across languages:
    the model scores a sentence in the question's own language about 0.07 higher than
    the same sentence in the other (measured on the Declaration's and the Charter's
    parallel versions), so a Chinese sentence is ranked as is and an English one as its
    Chinese version would score. The hit keeps the cosine itself, for the evidence gate."""

    name = SENTENCE

    def __init__(self, collection: object, embedder: Embedder, *,
                 same_language_bonus: float = 0.0) -> None:
        super().__init__(collection, embedder)
        self.bonus = same_language_bonus

    def search(self, query: Query, depth: int) -> list[ChannelHit]:
        """Stale sentences (of a paragraph since changed) are ignored."""
        valid = query.corpus.hashes
        paragraphs = query.corpus.paragraphs
        best: dict[str, tuple[float, float, str]] = {}  # pid -> (rank score, cosine, text)
        for n in self.nodes(query, depth * 4):
            meta = n.node.metadata
            pid = meta.get("para_id", "")
            if valid.get(pid) != meta.get("hash"):
                continue
            cos = cosine(n.score)
            english = paragraphs[pid].lang != "zh" if pid in paragraphs else False
            shift = (self.bonus if query.lang == "zh" else -self.bonus) if english else 0.0
            if pid not in best or cos + shift > best[pid][0]:
                best[pid] = (cos + shift, cos, n.node.get_content())
        ranked = sorted(best.items(), key=lambda kv: -kv[1][0])
        return [ChannelHit(pid, cos, text) for pid, (_, cos, text) in ranked]
