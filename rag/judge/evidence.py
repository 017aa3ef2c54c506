"""Refuse when the retrieval evidence is too weak to answer. Decided before any answerer.

Any one rule refuses:
- the question names something (an organisation, a currency…) no stored document mentions;
- no search term of the question occurs in the best paragraphs (BM25 finds nothing);
- the best sentence-level similarity is under the language's calibrated threshold (the
  English one, calibrated across languages, when a Chinese question's best sentence is
  English).
"""

from __future__ import annotations

from dataclasses import dataclass

from rag.base import Hit, Refusal
from rag.retrieve.base import StageResult
from rag.retrieve.channels import BM25_WORDS, SENTENCE
from rag.understand.base import Query

TOP = 3  # how many of the best hits the evidence is read from


@dataclass(frozen=True)
class EvidenceGate:
    threshold_zh: float = 0.85
    threshold_en: float = 0.80
    lexical_min: float = 1e-3  # BM25 at zero: not one search term occurs in the best paragraphs
    similarity_channel: str = SENTENCE
    lexical_channel: str = BM25_WORDS
    name: str = "evidence"

    def ran(self, channel: str, hits: list[Hit]) -> bool:
        """A channel weighted out of retrieval gives no signal, and no rule reads it."""
        return any(channel in h.channels for h in hits)

    def evidence(self, hits: list[Hit]) -> float:
        """The calibrated signal: best sentence cosine among the top paragraphs."""
        return max((h.channels.get(self.similarity_channel, 0.0) for h in hits[:TOP]),
                   default=0.0)

    def threshold(self, query: Query, hits: list[Hit]) -> float:
        best = max(hits[:TOP], key=lambda h: h.channels.get(self.similarity_channel, 0.0))
        same = query.lang == "zh" and best.paragraph.lang == "zh"
        return self.threshold_zh if same else self.threshold_en

    def lexical(self, hits: list[Hit]) -> float:
        return max((h.channels.get(self.lexical_channel, 0.0) for h in hits[:TOP]), default=0.0)

    def supported(self, query: Query, hits: list[Hit]) -> list[Hit]:
        """With several documents among the best hits, those of a document whose own
        best sentence is under the threshold go: it does not answer, another may."""
        top = hits[:TOP]
        docs = {h.paragraph.doc_id for h in top}
        if len(docs) < 2 or not self.ran(self.similarity_channel, hits):
            return hits
        weak = {d for d in docs
                if self.evidence([h for h in top if h.paragraph.doc_id == d]) <
                self.threshold(query, [h for h in top if h.paragraph.doc_id == d])}
        if weak == docs:
            return hits  # none answers: the gate below says so
        return [h for h in hits if h.paragraph.doc_id not in weak]

    def __call__(self, query: Query, hits: list[Hit]) -> StageResult:
        hits = self.supported(query, hits)
        query = query.reading(hits)  # names are unknown to the documents that would answer
        evidence = self.evidence(hits)
        result = StageResult(hits, signals={"evidence": evidence})
        pointers = tuple(h.id for h in hits[:TOP])
        if not hits:
            result.refusal = Refusal("no_hits")
        elif query.unknown:
            result.refusal = Refusal("unknown_name", {"names": list(query.unknown)}, pointers)
        elif self.ran(self.lexical_channel, hits) and self.lexical(hits) < self.lexical_min:
            result.refusal = Refusal("no_term", {}, pointers)
        elif self.ran(self.similarity_channel, hits):
            threshold = self.threshold(query, hits)
            if evidence < threshold:
                result.refusal = Refusal("weak_evidence", {"score": round(evidence, 4),
                                                           "threshold": threshold}, pointers)
        return result
