"""The retrieve stage's edge: what a post-fusion stage returns, the stage protocol, a
retrieval (the analysed question with its ranked paragraphs) and the retriever protocol.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from rag.base import Hit, Refusal, Verdict
from rag.understand.base import Query


@dataclass
class StageResult:
    """What a post-fusion stage returns: the (re-ranked) hits, and a refusal that ends
    the chain. ``signals`` are named figures for diagnostics and calibration."""

    hits: list[Hit]
    refusal: Refusal | None = None
    signals: dict[str, float] = field(default_factory=dict)
    verdict: Verdict | None = None  # the judge's, when it ran


class Stage(Protocol):
    @property
    def name(self) -> str: ...

    def __call__(self, query: Query, hits: list[Hit]) -> StageResult: ...


@dataclass
class Retrieval:
    query: Query
    hits: list[Hit]  # the top k, what an answer may cite
    ranking: list[str] = field(default_factory=list)  # fused ids, deeper than k, for MRR
    candidates: list[Hit] = field(default_factory=list)  # the fused list behind ``ranking``
    refusal: Refusal | None = None  # set by a stage: no answerer may answer
    signals: dict[str, float] = field(default_factory=dict)
    timings_ms: dict[str, float] = field(default_factory=dict)
    verdict: Verdict | None = None  # the judge's: answer, hedge, refusal or correction

    @property
    def lang(self) -> str:
        return self.query.lang

    @property
    def question(self) -> str:
        return self.query.text


class Retriever(Protocol):
    def retrieve(self, question: str, *, k: int | None = None,
                 doc_id: str | None = None) -> Retrieval: ...
