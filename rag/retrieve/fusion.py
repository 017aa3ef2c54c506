"""Weighted reciprocal rank fusion.

Our own few lines instead of llama-index's ``QueryFusionRetriever``: that one takes
no per-retriever weights in reciprocal-rank mode, and wants an LLM object even for
a single query.
"""

from __future__ import annotations


def rrf(rankings: dict[str, list[str]], weights: dict[str, float], *, k: int = 60
        ) -> list[tuple[str, float]]:
    """Fuse ranked id lists; ``score = sum_c w_c / (k + rank_c)``, best first."""
    scores: dict[str, float] = {}
    for channel, ids in rankings.items():
        w = weights.get(channel, 1.0)
        if w <= 0:
            continue
        for rank, pid in enumerate(ids, 1):
            scores[pid] = scores.get(pid, 0.0) + w / (k + rank)
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
