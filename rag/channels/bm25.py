"""BM25 channels over the stored paragraphs: jieba words, or Han character bigrams.

Built from what the store holds (never a second parse), with llama-index's
``BM25Retriever`` as the index, once per snapshot of the store. Queries are weighted
concept groups, because bridged English terms carry weights; ``bm25s`` scores each
term and we sum over concepts.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import numpy as np
from llama_index.core.schema import BaseNode, TextNode
from llama_index.retrievers.bm25 import BM25Retriever

from ingest.base import Paragraph
from rag.channels.base import BM25_BIGRAMS, BM25_WORDS, ChannelHit
from rag.library import Snapshot
from rag.query import Query, TermGroups
from rag.tokens import bigram_tokens, word_tokens

Tokenizer = Callable[[str], list[str]]
logging.getLogger("bm25s").setLevel(logging.WARNING)  # bm25s sets DEBUG on import


def index_text(p: Paragraph) -> str:
    return f"{p.section}\n{p.text}"


class BM25Index:
    """One tokenisation of one snapshot's paragraphs."""

    def __init__(self, paragraphs: list[Paragraph], tokenize: Tokenizer) -> None:
        self.tokenize = tokenize
        nodes: list[BaseNode] = [
            TextNode(id_=p.id, text=" ".join(tokenize(index_text(p))) or "_",
                     metadata={"doc_id": p.doc_id})
            for p in paragraphs
        ]
        self.retriever = BM25Retriever.from_defaults(
            nodes=nodes, token_pattern=r"\S+", skip_stemming=True, language="en",
            similarity_top_k=max(1, len(nodes)),
        )
        self.ids = [c["node_id"] for c in self.retriever.corpus]
        doc_of = {p.id: p.doc_id for p in paragraphs}  # the corpus's own "doc_id" is llama-index's
        self.doc_ids = np.array([doc_of[i] for i in self.ids])
        self.vocab = set(self.retriever.bm25.vocab_dict)

    def term_scores(self, term: str) -> np.ndarray:
        """One search term's BM25 scores; a term of several tokens sums its tokens."""
        total = np.zeros(len(self.ids), dtype=np.float32)
        for tok in self.tokenize(term) or [term.lower()]:
            tok = tok.lower()
            if tok in self.vocab:
                total += self.retriever.bm25.get_scores([tok])
        return total

    def scores(self, groups: TermGroups, aliases: dict[str, set[str]]) -> np.ndarray:
        """Sum over concepts of the best weighted alternative: translations of one English
        phrase, or a term and the document's alias for it, are alternatives, not extras."""
        total = np.zeros(len(self.ids), dtype=np.float32)
        for group in groups:
            best = np.zeros(len(self.ids), dtype=np.float32)
            for term, weight in group.items():
                best = np.maximum(best, weight * self.term_scores(term))
                for alias in aliases.get(term, ()):
                    best = np.maximum(best, 0.7 * weight * self.term_scores(alias))
            total += best
        return total

    def search(self, groups: TermGroups, k: int, *, scope: frozenset[str] | None = None,
               aliases: dict[str, set[str]] | None = None) -> list[tuple[str, float]]:
        scores = self.scores(groups, aliases or {})
        if scope is not None:
            scores = np.where(np.isin(self.doc_ids, list(scope)), scores, 0.0)
        order = np.argsort(-scores, kind="stable")[:k]
        return [(self.ids[i], float(scores[i])) for i in order if scores[i] > 0]


class BM25Channel:
    """One index per snapshot, and one per set of documents searched alone: a term's
    rarity is counted in the documents searched, so a question about one document ranks
    its paragraphs as if it were the only one stored."""

    def __init__(self, name: str, tokenize: Tokenizer, *, scopes: int = 16) -> None:
        self.name = name
        self.tokenize = tokenize
        self.scopes = scopes  # scoped indexes kept, the most recent
        self._lock = threading.Lock()
        self._fingerprint = ""
        self._built: dict[frozenset[str] | None, BM25Index | None] = {}

    def index(self, snap: Snapshot, scope: frozenset[str] | None = None) -> BM25Index | None:
        with self._lock:
            if self._fingerprint != snap.fingerprint:
                self._fingerprint, self._built = snap.fingerprint, {}
            if scope not in self._built:
                paragraphs = [p for p in snap.paragraphs.values()
                              if scope is None or p.doc_id in scope]
                if len(self._built) > self.scopes:
                    self._built.pop(next(k for k in self._built if k is not None))
                self._built[scope] = BM25Index(paragraphs, self.tokenize) if paragraphs \
                    else None
            return self._built[scope]

    def search(self, query: Query, depth: int) -> list[ChannelHit]:
        index = self.index(query.corpus, query.scope)
        if index is None:
            return []
        hits = index.search(query.groups, depth, scope=query.scope,
                            aliases=query.corpus.aliases)
        return [ChannelHit(pid, score) for pid, score in hits]


def word_channel() -> BM25Channel:
    return BM25Channel(BM25_WORDS, word_tokens)


def bigram_channel() -> BM25Channel:
    return BM25Channel(BM25_BIGRAMS, bigram_tokens)
