"""The paragraphs a question names by their place ("the final paragraph"), ranked by
their best sentence's cosine to the question: of the final paragraphs of a hundred
documents, the one about what the question asks."""

from __future__ import annotations

import sys

from rag.retrieve.channels.base import POSITION, ChannelHit
from rag.retrieve.channels.exact import ExactSearch, current
from rag.understand.base import Query


class PositionChannel:
    """``exact``: the sentence vectors in memory, the sentence channel's own where it is
    built (one copy, read once)."""

    name = POSITION
    waits_for_vector = True

    def __init__(self, exact: ExactSearch) -> None:
        self.exact = exact

    def search(self, query: Query, depth: int) -> list[ChannelHit]:
        if not query.at:
            return []
        assert query.vector is not None, "the analyzer embeds every query"
        snap = query.corpus
        docs = {snap.paragraphs[pid].doc_id for pid in query.at if pid in snap.paragraphs}
        best: dict[str, ChannelHit] = {}
        for n in self.exact.nearest(query.vector, docs, sys.maxsize, state=snap.fingerprint,
                                    paragraphs=query.at):
            pid = n.meta.get("para_id", "")
            if pid not in best and current(n, snap.hashes):
                best[pid] = ChannelHit(pid, n.cosine, n.text)
        # a paragraph without a sentence vector is still at that place: ranked last
        rest = [ChannelHit(pid, 0.0) for pid in sorted(query.at) if pid not in best]
        return [*best.values(), *rest][:depth]
