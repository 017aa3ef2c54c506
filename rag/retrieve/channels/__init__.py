"""Retrieval channels: each ranks paragraphs for a query on its own; fusion merges them.

A new channel is one module here with a class that satisfies ``Channel``, plus one
line in ``rag.factory.CHANNELS``.
"""

from rag.retrieve.channels.base import (
    BM25_BIGRAMS,
    BM25_WORDS,
    DENSE,
    POSITION,
    SENTENCE,
    Channel,
    ChannelHit,
)

__all__ = ["BM25_BIGRAMS", "BM25_WORDS", "DENSE", "POSITION", "SENTENCE", "Channel",
           "ChannelHit"]
