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

    def nodes(self, query: Query, k: int, part: MetadataFilter | None = None
              ) -> list[NodeWithScore]:
        """The ``k`` nearest within the query's scope, and within ``part`` when given."""
        assert query.vector is not None, "the analyzer embeds every query"
        filters = None
        if part is not None:
            filters = MetadataFilters(filters=[part])
        elif query.scope is not None:
            filters = MetadataFilters(filters=[
                MetadataFilter(key="doc_id", value=sorted(query.scope), operator=FilterOperator.IN)
            ])
        bundle = QueryBundle(query_str=query.text, embedding=query.vector.tolist())
        return self.index.as_retriever(similarity_top_k=k, filters=filters).retrieve(bundle)


def language_parts(query: Query) -> list[MetadataFilter | None]:
    """One doc_id filter per language of the documents searched (``[None]``: one
    language, no filter needed). Each language gets its own nearest sentences, so a large
    collection in the question's language cannot crowd another language's best ones out
    of the candidates. A filter names the shorter list: the language's documents, or
    the others (``nin``), which with 300 English documents and one Chinese is short."""
    groups = query.corpus.lang_docs
    if query.scope is not None:
        groups = {lang: ids & query.scope for lang, ids in groups.items() if ids & query.scope}
    if len(groups) <= 1:
        return [None]
    every = frozenset().union(*groups.values())
    parts: list[MetadataFilter | None] = []
    for ids in groups.values():
        others = every - ids
        if query.scope is None and len(others) < len(ids):
            parts.append(MetadataFilter(key="doc_id", value=sorted(others),
                                        operator=FilterOperator.NIN))
        else:
            parts.append(MetadataFilter(key="doc_id", value=sorted(ids),
                                        operator=FilterOperator.IN))
    return parts


class ParagraphChannel(_DenseIndex):
    name = DENSE

    def search(self, query: Query, depth: int) -> list[ChannelHit]:
        return [ChannelHit(n.node.node_id, cosine(n.score)) for n in self.nodes(query, depth)]


class SentenceChannel(_DenseIndex):
    """Each paragraph scored by its best sentence, ranked on one scale across languages:
    a sentence in Chinese as is, one in English as its Chinese version would score. For
    a Chinese question that version scores ``same_language_bonus`` (~0.07) higher; for
    an English one it scores about 0.02 higher too (``same_language_bonus_en`` = -0.02):
    the model favours Chinese text, not the question's language (measured on the
    Declaration's and the Charter's parallel versions, the eval's multidoc questions).
    The hit keeps the cosine itself, for the evidence gate."""

    name = SENTENCE

    def __init__(self, collection: object, embedder: Embedder, *,
                 same_language_bonus: float = 0.0, same_language_bonus_en: float = 0.0) -> None:
        super().__init__(collection, embedder)
        self.bonus = same_language_bonus
        self.bonus_en = same_language_bonus_en

    def shift(self, question_lang: str, paragraph_lang: str) -> float:
        """What puts a sentence in ``paragraph_lang`` on the Chinese scale."""
        if paragraph_lang == "zh":
            return 0.0
        return self.bonus if question_lang == "zh" else -self.bonus_en

    def search(self, query: Query, depth: int) -> list[ChannelHit]:
        """Stale sentences (of a paragraph since changed) are ignored. Each language's
        nearest sentences are searched apart (``language_parts``), then ranked together."""
        valid = query.corpus.hashes
        paragraphs = query.corpus.paragraphs
        best: dict[str, tuple[float, float, str]] = {}  # pid -> (rank score, cosine, text)
        nodes = [n for part in language_parts(query) for n in self.nodes(query, depth * 4, part)]
        for n in nodes:
            meta = n.node.metadata
            pid = meta.get("para_id", "")
            if valid.get(pid) != meta.get("hash"):
                continue
            cos = cosine(n.score)
            lang = paragraphs[pid].lang if pid in paragraphs else "zh"
            rank = cos + self.shift(query.lang, lang)
            if pid not in best or rank > best[pid][0]:
                best[pid] = (rank, cos, n.node.get_content())
        ranked = sorted(best.items(), key=lambda kv: -kv[1][0])
        return [ChannelHit(pid, cos, text) for pid, (_, cos, text) in ranked]
