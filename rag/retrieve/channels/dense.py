"""Dense channels through llama-index over the two Chroma collections.

Paragraph vectors give one channel; sentence vectors, each paragraph scored by its
best sentence, give another. Both reuse the query's one embedding.
"""

from __future__ import annotations

import math

from llama_index.core import VectorStoreIndex
from llama_index.core.schema import QueryBundle
from llama_index.core.vector_stores import FilterOperator, MetadataFilter, MetadataFilters
from llama_index.vector_stores.chroma import ChromaVectorStore

from ingest.embedders import Embedder
from rag.retrieve.channels.base import DENSE, SENTENCE, ChannelHit
from rag.retrieve.channels.exact import ExactSearch, Near, current
from rag.understand.base import Query


def cosine(similarity: float | None) -> float:
    # llama-index's Chroma store reports exp(-distance); cosine space: distance = 1 - cos
    return 1.0 + math.log(similarity) if similarity and similarity > 0 else 0.0


EXACT_MAX = 40_000  # paragraphs searched in memory rather than through a filtered query


class _DenseIndex:
    waits_for_vector = True

    def __init__(self, collection: object, embedder: Embedder, *,
                 exact_max: int = EXACT_MAX) -> None:
        self.index = VectorStoreIndex.from_vector_store(
            ChromaVectorStore(chroma_collection=collection), embed_model=embedder
        )
        self.exact = ExactSearch(collection, max_rows=4 * exact_max)  # ~2 sentences a ¶
        self.exact_max = exact_max

    def nodes(self, query: Query, k: int, part: frozenset[str] | None = None) -> list[Near]:
        """The ``k`` nearest within ``part`` (None: the query's scope, or everything).
        Up to ``exact_max`` paragraphs' worth are searched in memory; a larger part is
        most of the collection, whose nearest overall, kept to it, are its own."""
        every = query.corpus.stored
        ids = part if part is not None else query.scope
        wanted = every if ids is None else ids
        if query.corpus.size(wanted) <= self.exact_max:
            assert query.vector is not None, "the analyzer embeds every query"
            fits = query.corpus.size(every) <= self.exact_max  # then read at once
            return self.exact.nearest(query.vector, wanted, k, state=query.corpus.fingerprint,
                                      read=every if fits else ())
        if ids is None:
            return self._chroma(query, k)
        near = [n for n in self._chroma(query, 2 * k) if n.meta.get("doc_id") in ids]
        return near[:k] if len(near) >= k else self._chroma(query, k, ids)

    def _chroma(self, query: Query, k: int, ids: frozenset[str] | None = None) -> list[Near]:
        assert query.vector is not None, "the analyzer embeds every query"
        filters = None if ids is None else MetadataFilters(filters=[
            MetadataFilter(key="doc_id", value=sorted(ids), operator=FilterOperator.IN)])
        bundle = QueryBundle(query_str=query.text, embedding=query.vector.tolist())
        found = self.index.as_retriever(similarity_top_k=k, filters=filters).retrieve(bundle)
        return [Near(n.node.node_id, n.node.metadata, n.node.get_content(), cosine(n.score))
                for n in found]


def language_parts(query: Query) -> list[frozenset[str] | None]:
    """The documents of each language searched (``[None]``: one language, the query's
    scope or everything). Each language gets its own nearest sentences, so a large
    collection in the question's language cannot crowd another language's best ones out
    of the candidates."""
    groups = query.corpus.lang_docs
    if query.scope is not None:
        groups = {lang: ids & query.scope for lang, ids in groups.items() if ids & query.scope}
    if len(groups) <= 1:
        return [None]
    return list(groups.values())


class ParagraphChannel(_DenseIndex):
    name = DENSE

    def search(self, query: Query, depth: int) -> list[ChannelHit]:
        return [ChannelHit(n.id, n.cosine) for n in self.nodes(query, depth)]


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
                 same_language_bonus: float = 0.0, same_language_bonus_en: float = 0.0,
                 exact_max: int = EXACT_MAX) -> None:
        super().__init__(collection, embedder, exact_max=exact_max)
        self.bonus = same_language_bonus
        self.bonus_en = same_language_bonus_en

    def shift(self, question_lang: str, paragraph_lang: str) -> float:
        """What puts a sentence in ``paragraph_lang`` on the Chinese scale."""
        if paragraph_lang == "zh":
            return 0.0
        return self.bonus if question_lang == "zh" else -self.bonus_en

    def search(self, query: Query, depth: int) -> list[ChannelHit]:
        """Only ``current`` sentences count (not stale, not a bare list marker). Each
        language's nearest sentences are searched apart (``language_parts``), then ranked
        together."""
        valid = query.corpus.hashes
        paragraphs = query.corpus.paragraphs
        best: dict[str, tuple[float, float, str]] = {}  # pid -> (rank score, cosine, text)
        nodes = [n for part in language_parts(query) for n in self.nodes(query, depth * 4, part)]
        for n in nodes:
            if not current(n, valid):
                continue
            pid = n.meta.get("para_id", "")
            lang = paragraphs[pid].lang if pid in paragraphs else "zh"
            rank = n.cosine + self.shift(query.lang, lang)
            if pid not in best or rank > best[pid][0]:
                best[pid] = (rank, n.cosine, n.text)
        ranked = sorted(best.items(), key=lambda kv: -kv[1][0])
        return [ChannelHit(pid, cos, text) for pid, (_, cos, text) in ranked]
