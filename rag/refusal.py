"""Refuse when the retrieval evidence is too weak to answer. Decided before any LLM runs.

Three rules, any one refuses:
- the question names something (an organisation, a currency…) no stored document mentions;
- no search term of the question occurs in the best paragraphs (BM25 finds nothing);
- the best sentence-level similarity is under the language's calibrated threshold.
"""

from __future__ import annotations

from dataclasses import dataclass

from rag.base import Retrieval


@dataclass(frozen=True)
class RefusalPolicy:
    threshold_zh: float = 0.85
    threshold_en: float = 0.80
    lexical_min: float = 1e-3  # BM25 at zero: not one search term occurs in the best paragraphs

    def evidence(self, retrieval: Retrieval) -> float:
        """The calibrated signal: best sentence cosine among the top three paragraphs."""
        if not retrieval.hits:
            return 0.0
        return max(h.channels.get("sentence", 0.0) for h in retrieval.hits[:3])

    def lexical(self, retrieval: Retrieval) -> float:
        return max((h.channels.get("bm25_words", 0.0) for h in retrieval.hits[:3]), default=0.0)

    def refuse(self, retrieval: Retrieval) -> bool:
        if not retrieval.hits or retrieval.unknown:
            return True  # nothing found, or the question names what no document mentions
        if self.lexical(retrieval) < self.lexical_min:
            return True
        threshold = self.threshold_zh if retrieval.lang == "zh" else self.threshold_en
        return self.evidence(retrieval) < threshold
