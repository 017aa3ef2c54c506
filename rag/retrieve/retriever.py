"""Hybrid retrieval: channels, fused by weighted reciprocal rank, then post-fusion stages.

The channels and stages are passed in (``rag.factory.build`` wires the defaults). Every
channel searches the same snapshot of the store, taken when the question is analysed.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from rag.base import Hit, Refusal
from rag.retrieve.base import Retrieval, Stage
from rag.retrieve.channels import POSITION, Channel, ChannelHit
from rag.retrieve.fusion import rrf
from rag.understand.base import Query
from rag.understand.query import QueryAnalyzer


@dataclass(frozen=True)
class RetrievalConfig:
    top_k: int = 5
    candidates: int = 30  # depth per channel
    rrf_k: int = 60
    ranking_depth: int = 10  # how many fused ids to keep for diagnostics and MRR


class HybridRetriever:
    def __init__(self, analyzer: QueryAnalyzer, channels: Sequence[Channel],
                 weights: dict[str, float], *, stages: Sequence[Stage] = (),
                 config: RetrievalConfig | None = None) -> None:
        unknown = sorted({w for w in weights} - {c.name for c in channels})
        if unknown and any(weights[w] > 0 for w in unknown):
            raise ValueError(f"weights name channels that are not built: {', '.join(unknown)}")
        self.analyzer = analyzer
        self.channels = list(channels)
        self.weights = dict(weights)
        self.stages = list(stages)
        self.config = config or RetrievalConfig()

    def retrieve(self, question: str, *, k: int | None = None,
                 doc_id: str | None = None) -> Retrieval:
        t0 = time.perf_counter()
        k = k or self.config.top_k
        query = self.analyzer(question, doc_id=doc_id)
        t1 = time.perf_counter()
        depth = max(self.config.candidates, k, self.config.ranking_depth)
        found: dict[str, list[ChannelHit]] = {c.name: [] for c in self.channels}
        # the channels that read the question's vector wait for it: the others search meanwhile
        for channel in sorted(self.channels, key=lambda c: c.waits_for_vector):
            found[channel.name] = channel.search(query, depth)
        t2 = time.perf_counter()
        fused = rrf({name: [h.id for h in hits] for name, hits in found.items()}, self.weights,
                    k=self.config.rrf_k)
        hits = self.hits(query, fused, found, max(k, self.config.ranking_depth))
        refusal, signals, verdict = None, {}, None
        for stage in self.stages:
            result = stage(query, hits)
            hits = result.hits
            signals.update(result.signals)
            verdict = result.verdict or verdict
            if result.refusal is not None:
                refusal = result.refusal
                break
        t3 = time.perf_counter()
        return Retrieval(
            query=query, hits=hits[:k], ranking=[h.id for h in hits], candidates=hits,
            refusal=refusal, signals=signals, verdict=verdict,
            timings_ms={"analyse": (t1 - t0) * 1e3, "channels": (t2 - t1) * 1e3,
                        "stages": (t3 - t2) * 1e3, "retrieve": (t3 - t0) * 1e3},
        )

    @staticmethod
    def hits(query: Query, fused: list[tuple[str, float]], found: dict[str, list[ChannelHit]],
             limit: int) -> list[Hit]:
        """One hit per paragraph, in the question's language version where we hold it."""
        snap = query.corpus
        # a paragraph named by its place: only those at it, when their channel ranks them
        at = query.at if POSITION in found else None
        raw = {name: {h.id: h.score for h in hits} for name, hits in found.items()}
        rank = {name: {h.id: r for r, h in enumerate(hits, 1)} for name, hits in found.items()}
        sentence = {h.id: h.sentence for hits in found.values() for h in reversed(hits)
                    if h.sentence}
        out: list[Hit] = []
        seen: set[str] = set()
        for pid, score in fused:
            if len(out) >= limit:
                break
            if pid not in snap.paragraphs:
                continue
            para, other = snap.version(snap.paragraphs[pid], query.lang)
            if para.id in seen or (query.scope is not None and para.doc_id not in query.scope):
                continue
            if at is not None and not {pid, para.id} & at:
                continue
            seen.add(para.id)
            if other is not None:
                seen.add(other.id)
            both = {pid, para.id}  # the ranked version and the one we show
            out.append(Hit(
                paragraph=para, score=score,
                channels={c: max(raw[c].get(i, 0.0) for i in both) for c in raw},
                ranks={c: min(rank[c][i] for i in both if i in rank[c])
                       for c in rank if both & rank[c].keys()},
                best_sentence=sentence.get(para.id, ""), counterpart=other,
            ))
        return out


__all__ = ["HybridRetriever", "Refusal", "RetrievalConfig"]
