"""The typed edge of retrieval: hits, refusals, what a stage returns, and a retrieval.

An answer's records live in ``rag.answer.base``; the analysed question in ``rag.query``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from ingest.base import Paragraph

if TYPE_CHECKING:
    from rag.query import Query


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


@dataclass(frozen=True)
class Refusal:
    """Why the documents do not answer: a reason key with its arguments, and the
    paragraphs worth pointing the reader to. Messages are rendered from the key."""

    reason: str
    args: dict[str, Any] = field(default_factory=dict)
    pointers: tuple[str, ...] = ()  # paragraph ids

    def to_dict(self) -> dict[str, Any]:
        return {"reason": self.reason, "args": self.args, "pointers": list(self.pointers)}


@dataclass
class StageResult:
    """What a post-fusion stage returns: the (re-ranked) hits, and a refusal that ends
    the chain. ``signals`` are named figures for diagnostics and calibration."""

    hits: list[Hit]
    refusal: Refusal | None = None
    signals: dict[str, float] = field(default_factory=dict)


@dataclass
class Retrieval:
    query: Query
    hits: list[Hit]  # the top k, what an answer may cite
    ranking: list[str] = field(default_factory=list)  # fused ids, deeper than k, for MRR
    candidates: list[Hit] = field(default_factory=list)  # the fused list behind ``ranking``
    refusal: Refusal | None = None  # set by a stage: no answerer may answer
    signals: dict[str, float] = field(default_factory=dict)
    timings_ms: dict[str, float] = field(default_factory=dict)

    @property
    def lang(self) -> str:
        return self.query.lang

    @property
    def question(self) -> str:
        return self.query.text


class Retriever(Protocol):
    def retrieve(self, question: str, *, k: int | None = None,
                 doc_id: str | None = None) -> Retrieval: ...
