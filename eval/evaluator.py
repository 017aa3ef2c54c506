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
    followup,
    percentile,
    refusals_by_rule,
    three_outcomes,
)
from eval.questions import LANGS, Question
from ingest.base import split_paragraph_id, symbol_of
from rag.base import QuestionError
from rag.conversation import Exchange
from rag.service import QA

log = logging.getLogger(__name__)


@dataclass
class EvalRun:
    outcomes: list[Outcome]  # follow-ups: asked in their conversation
    k: int
    settings_note: dict = field(default_factory=dict)
    standalone: list[Outcome] = field(default_factory=list)  # follow-ups written out in full
    alone: list[Outcome] = field(default_factory=list)  # follow-ups as typed, no history

    def result(self) -> dict:
        latencies = [o.latency_ms for o in self.outcomes]
        extra = ({"followup": followup(self.outcomes, self.standalone, self.alone, LANGS)}
                 if self.standalone else {})
        return {
            "n": len(self.outcomes),
            "by_lang": {lang: compute([o for o in self.outcomes if o.lang == lang])
                        for lang in LANGS},
            "overall": compute(self.outcomes),
            "latency_ms": {"p50": _round(percentile(latencies, 50)),
                           "p95": _round(percentile(latencies, 95))},
            "refusal_rules": {lang: refusals_by_rule([o for o in self.outcomes if o.lang == lang])
                              for lang in LANGS},
            "outcomes": {lang: three_outcomes([o for o in self.outcomes if o.lang == lang])
                         for lang in LANGS},
            "questions": [o.record() for o in self.outcomes],
            **extra,
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
        run = EvalRun([], self.k)
        for q in tqdm(self.questions, desc="questions", disable=not self.progress, leave=False):
            if not q.history:
                run.outcomes.append(self.one(qa, q))
                continue
            run.outcomes.append(self.one(qa, q, history=self.conversation(qa, q.history)))
            run.alone.append(self.one(qa, q))
            if q.standalone:
                run.standalone.append(self.one(qa, q, text=q.standalone))
        return run

    def gold(self, q: Question) -> list[tuple[str, int]]:
        return [(doc or self.default_doc, n) for doc, n in q.gold]

    def conversation(self, qa: QA, questions: Sequence[str]) -> list[Exchange]:
        """Ask the earlier questions in turn, each with the ones before it."""
        history: list[Exchange] = []
        for text in questions:
            try:
                a = qa.ask(text, k=self.k, doc_id=self.doc_id, history=history)
            except QuestionError:
                history.append(Exchange(text, doc_id=self.doc_id))
                continue
            history.append(Exchange(text, a.understood_as, self.doc_id, a.text))
        return history

    def one(self, qa: QA, q: Question, *, text: str | None = None,
            history: list[Exchange] | None = None) -> Outcome:
        t0 = time.perf_counter()
        try:
            answer = qa.ask(text or q.question, k=self.k, doc_id=self.doc_id, history=history)
        except QuestionError as err:  # counted as a refusal, and reported
            return Outcome(q.id, q.lang, q.answerable, list(self.gold(q)), [], [], [], True,
                           False if q.answerable else None,
                           (time.perf_counter() - t0) * 1e3, error=str(err),
                           outcome="refusal", kind=q.kind,
                           about=[a or self.default_doc for a in q.about],
                           false_premise=q.false_premise)
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
            understood_as=answer.understood_as, outcome=answer.outcome,
            probability=answer.verdict.probability if answer.verdict else None,
            signals=dict(answer.verdict.signals) if answer.verdict else {},
            pointers=[unit(*split_paragraph_id(p)) for p in
                      (answer.refusal.pointers if answer.refusal else ())],
            kind=q.kind, about=[a or self.default_doc for a in q.about],
            false_premise=q.false_premise,
        )


__all__ = ["EvalRun", "QAEvaluator", "METRIC_KEYS"]
