"""The channel protocol and the names of the built-in channels (the keys of RAG_WEIGHTS)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from rag.understand.base import Query

SENTENCE = "sentence"  # dense, each paragraph scored by its best sentence
DENSE = "dense"  # dense paragraph vectors
BM25_WORDS = "bm25_words"
BM25_BIGRAMS = "bm25_bigrams"
POSITION = "position"  # the paragraphs named by their place ("the final paragraph")


@dataclass(frozen=True)
class ChannelHit:
    id: str  # paragraph id
    score: float  # the channel's raw score (cosine, BM25…), higher is better
    sentence: str = ""  # the sentence that earned the score, where the channel knows it


class Channel(Protocol):
    @property
    def name(self) -> str: ...

    # reads ``query.vector``: searched after the others, which run while it is embedded
    waits_for_vector: bool

    def search(self, query: Query, depth: int) -> list[ChannelHit]:
        """Up to ``depth`` paragraphs of ``query.corpus``, best first, within
        ``query.doc_id`` when it is set."""
        ...
