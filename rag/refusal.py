"""Refuse when the retrieval evidence is too weak to answer. Decided before any LLM runs."""

from __future__ import annotations

from dataclasses import dataclass

from rag.base import Retrieval


@dataclass(frozen=True)
class RefusalPolicy:
    """Thresholds on the best sentence's cosine, per question language."""

    threshold_zh: float = 0.0
    threshold_en: float = 0.0

    def evidence(self, retrieval: Retrieval) -> float:
        if not retrieval.hits:
            return 0.0
        return max(h.channels.get("sentence", 0.0) for h in retrieval.hits[:3])

    def refuse(self, retrieval: Retrieval) -> bool:
        if not retrieval.hits or retrieval.unknown:
            return True  # nothing found, or the question names what no document mentions
        threshold = self.threshold_zh if retrieval.lang == "zh" else self.threshold_en
        return self.evidence(retrieval) < threshold
