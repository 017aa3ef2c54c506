"""The typed edge of the rag stage: what retrieval returns and what an answer is."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from ingest.base import Paragraph

REFUSAL = {
    "zh": "报告中没有找到相关内容。",
    "en": "The report does not address this.",
}


class QuestionError(ValueError):
    """The question cannot be asked as given (empty, too long). One line, user-facing."""


@dataclass
class Hit:
    paragraph: Paragraph
    score: float  # fused rank score
    channels: dict[str, float] = field(default_factory=dict)  # raw score per channel
    ranks: dict[str, int] = field(default_factory=dict)  # 1-based rank per channel
    best_sentence: str = ""  # the paragraph sentence closest to the question
    counterpart: Paragraph | None = None  # the same ¶ in another language version

    @property
    def id(self) -> str:
        return self.paragraph.id


@dataclass
class Retrieval:
    question: str  # as normalised for search
    lang: str
    hits: list[Hit]  # the top k, what an answer may cite
    ranking: list[str] = field(default_factory=list)  # fused ids, deeper than k, for MRR
    timings_ms: dict[str, float] = field(default_factory=dict)
    candidates: list[Hit] = field(default_factory=list)  # the fused list behind ``ranking``
    vector: Any = None  # the question's embedding, reused by the answerer
    terms: dict[str, float] = field(default_factory=dict)  # lexical search terms
    glosses: list[tuple[str, list[str]]] = field(default_factory=list)  # en phrase -> zh terms
    unknown: list[str] = field(default_factory=list)  # names the documents never mention
    slot: Any = None  # what kind of answer the question asks for (rag.slots.Slot)


@dataclass
class Citation:
    n: int
    doc_id: str
    text: str
    section: str
    footnotes: list[dict]
    score: float
    supported: bool
    quote: str
    support: float = 0.0
    label: str = ""  # how the answer writes it: "¶9", or "A/HRC/47/47 ¶9" when ambiguous
    counterpart: Paragraph | None = None  # the same ¶ in another language version

    def to_dict(self) -> dict:
        return {
            "n": self.n,
            "doc_id": self.doc_id,
            "text": self.text,
            "section": self.section,
            "footnotes": self.footnotes,
            "score": round(self.score, 4),
            "supported": self.supported,
            "quote": self.quote,
        }


@dataclass
class Answer:
    question: str
    language: str
    text: str
    refused: bool
    citations: list[Citation]
    retrieved: list[Hit]
    timings_ms: dict[str, float] = field(default_factory=dict)
    notice: str = ""  # e.g. "LLM unavailable; showing the extractive answer"
    answerer: str = "extractive"
    ranking: list[str] = field(default_factory=list)  # fused paragraph ids beyond k
    evidence: float = 0.0  # the refusal signal the decision was made on

    def to_dict(self) -> dict:
        return {
            "question": self.question,
            "language": self.language,
            "answer": self.text,
            "refused": self.refused,
            "citations": [c.to_dict() for c in self.citations],
            "retrieved": [
                {"n": h.paragraph.n, "doc_id": h.paragraph.doc_id, "score": round(h.score, 4)}
                for h in self.retrieved
            ],
            "timings_ms": {k: round(v, 1) for k, v in self.timings_ms.items()},
            "notice": self.notice,
            "answerer": self.answerer,
        }


class Retriever(Protocol):
    def retrieve(self, question: str, *, k: int | None = None,
                 doc_id: str | None = None) -> Retrieval: ...


class Answerer(Protocol):
    name: str

    def answer(self, question: str, retrieval: Retrieval) -> Answer: ...
