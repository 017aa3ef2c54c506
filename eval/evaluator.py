"""``QAEvaluator(questions)(qa)``: run every question through ``QA.ask`` and score it."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from tqdm import tqdm

from eval.metrics import (
    METRIC_KEYS,
    Outcome,
    compute,
    contains_any,
    percentile,
    refusals_by_rule,
)
from eval.questions import LANGS, Question
from ingest.base import split_paragraph_id, symbol_of
from rag.base import QuestionError
from rag.service import QA

log = logging.getLogger(__name__)


@dataclass
class EvalRun:
    outcomes: list[Outcome]
    k: int
    settings_note: dict = field(default_factory=dict)

    def result(self) -> dict:
        latencies = [o.latency_ms for o in self.outcomes]
        return {
            "n": len(self.outcomes),
            "by_lang": {lang: compute([o for o in self.outcomes if o.lang == lang])
                        for lang in LANGS},
            "overall": compute(self.outcomes),
            "latency_ms": {"p50": _round(percentile(latencies, 50)),
                           "p95": _round(percentile(latencies, 95))},
            "refusal_rules": {lang: refusals_by_rule([o for o in self.outcomes if o.lang == lang])
                              for lang in LANGS},
            "questions": [o.record() for o in self.outcomes],
        }


def unit(doc_id: str, n: int) -> tuple[str, int]:
    """A paragraph as the metrics compare it: its document's symbol (any language
    version) and its number."""
    return (symbol_of(doc_id), n)


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 1)


class QAEvaluator:
    """Holds the questions; called with the system under test."""

    def __init__(self, questions: Sequence[Question], *, k: int = 5, doc_id: str | None = None,
                 progress: bool = True, default_doc: str = "") -> None:
        self.questions = list(questions)
        self.k = k
        self.doc_id = doc_id
        self.progress = progress
        self.default_doc = symbol_of(default_doc)  # what a bare paragraph number means

    def __call__(self, qa: QA) -> EvalRun:
        outcomes = [self.one(qa, q) for q in tqdm(self.questions, desc="questions",
                                                   disable=not self.progress, leave=False)]
        return EvalRun(outcomes, self.k)

    def gold(self, q: Question) -> list[tuple[str, int]]:
        return [(doc or self.default_doc, n) for doc, n in q.gold]

    def one(self, qa: QA, q: Question) -> Outcome:
        t0 = time.perf_counter()
        try:
            answer = qa.ask(q.question, k=self.k, doc_id=self.doc_id)
        except QuestionError as err:  # counted as a refusal, and reported
            return Outcome(q.id, q.lang, q.answerable, list(self.gold(q)), [], [], [], True,
                           False if q.answerable else None,
                           (time.perf_counter() - t0) * 1e3, error=str(err))
        latency = (time.perf_counter() - t0) * 1e3
        text = answer.text
        return Outcome(
            id=q.id, lang=q.lang, answerable=q.answerable, gold=list(self.gold(q)),
            retrieved=[unit(h.paragraph.doc_id, h.paragraph.n) for h in answer.retrieved],
            ranking=[unit(*split_paragraph_id(pid)) for pid in answer.ranking],
            cited=list(dict.fromkeys(unit(d, n) for d, n in answer.cited())),
            refused=answer.refused,
            answer_correct=(not answer.refused and contains_any(text, q.must_include_any))
            if q.answerable else None,
            latency_ms=latency, answer=text, evidence=answer.evidence,
            reason=answer.refusal.reason if answer.refusal else "",
        )


__all__ = ["EvalRun", "QAEvaluator", "METRIC_KEYS"]
