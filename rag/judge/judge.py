"""The answerability judge: the last post-fusion stage, run before any answerer.

It reads the question against its best hits as signals (``signals.py``), weighs them
with the learned model (``model.py``) into the probability that a stored paragraph
states the answer, and decides: answer; hedge ("the document may not answer this;
closest passages: ¶a, ¶b"); refuse, saying which signal weighed most against; or, where
the question presupposes what a paragraph contradicts, correct it (``premise.py``).
"""

from __future__ import annotations

from rag.base import Hit, Refusal, Verdict
from rag.judge.model import JudgeModel
from rag.judge.opinion import SecondOpinion
from rag.judge.premise import PremiseCheck
from rag.judge.signals import (
    SLOT_DEPTH,
    TOP,
    Thresholds,
    best_sentence,
    compute,
    named_in_question,
)
from rag.retrieve.base import StageResult
from rag.understand.base import Query
from rag.understand.slots.match import SlotMatcher, coarser

# the signals behind each refusal message: the one that weighed most against names it
REASONS = {
    "unknown_names": "unknown_name",
    "absent": "focus_absent", "absent_share": "focus_absent",
    "names_apart": "names_apart",
    "slot_empty": "no_filler", "slot_filled": "no_filler", "slot_partial": "no_filler",
    "in_library": "off_domain", "in_library_rare": "off_domain",
}
POINTERS = 3


class AnswerabilityJudge:
    name = "judge"

    def __init__(self, model: JudgeModel, *, thresholds: Thresholds | None = None,
                 premise: PremiseCheck | None = None,
                 opinion: SecondOpinion | None = None) -> None:
        self.model = model
        self.opinion = opinion  # asked only when the judgement alone would hedge
        self.thresholds = thresholds or Thresholds(*model.similarity)
        self.premise = premise or PremiseCheck()

    def supported(self, query: Query, hits: list[Hit]) -> list[Hit]:
        """With several documents among the best hits, those of a document whose own best
        sentence is under its threshold go: it does not answer, another may."""
        top = hits[:TOP]
        docs = {h.paragraph.doc_id for h in top}
        if len(docs) < 2:
            return hits
        weak = set()
        for d in docs:
            mine = [h for h in top if h.paragraph.doc_id == d]
            lead = max(mine, key=lambda h: best_sentence([h]))
            if best_sentence(mine) < self.thresholds.of(query, lead):
                weak.add(d)
        if weak == docs:
            return hits
        return [h for h in hits if h.paragraph.doc_id not in weak]

    def __call__(self, query: Query, hits: list[Hit]) -> StageResult:
        hits = self.supported(query, hits)
        if not hits:
            verdict = Verdict("refusal", 0.0, model=self.model.identity)
            return StageResult(hits, Refusal("no_hits"), verdict=verdict)
        reading = query.reading(hits, SLOT_DEPTH)  # in the documents it would answer from
        values = compute(reading, hits, self.thresholds, query.corpus)
        probability = self.model.probability(values)
        outcome = self.model.outcome(probability, query.lang)
        pointers = tuple(h.id for h in hits[:POINTERS])
        correction = self.premise(reading, hits, values)
        judged_by = self.model.identity
        if correction is None and outcome == "hedge" and self.opinion is not None:
            second = self.opinion(query.asked or query.text,
                                  [h.paragraph.text for h in hits[:2]], probability)
            if second is not None:
                values = {**values, "opinion": second[0]}
                probability = second[1]
                outcome = self.opinion.model.outcome(probability)
                judged_by += f" + {self.opinion.ask.identity}"
        refusal = None
        if correction is not None:
            outcome = "correction"
        elif outcome == "refusal":
            refusal = self.reason(reading, hits, values, pointers)
        elif outcome == "hedge":
            refusal = Refusal("uncertain", {"probability": round(probability, 3)}, pointers)
        verdict = Verdict(outcome, probability, values, pointers, judged_by, correction)
        signals = {"evidence": values["dense_best"], "answerability": probability}
        return StageResult(hits, refusal, signals=signals, verdict=verdict)

    def reason(self, query: Query, hits: list[Hit], values: dict[str, float],
               pointers: tuple[str, ...]) -> Refusal:
        """The refusal, named after the signal that weighed most against answering."""
        against = sorted((v, name) for name, v in self.model.contributions(values).items()
                         if v < 0)
        key = next((REASONS[n] for _, n in against if n in REASONS), "weak_evidence")
        slot = query.slot
        if key == "no_filler" and slot is not None:
            wider = coarser(slot)
            matcher = SlotMatcher(query)
            for h in hits[:SLOT_DEPTH]:
                found = matcher.partial(h.paragraph.text, wider) if wider else None
                if found is not None:
                    return Refusal("partial", {
                        "kind": slot.kind, "grain": slot.grain, "unit": slot.unit,
                        "found": found.fillers[0].text, "n": h.paragraph.n,
                        "doc": h.paragraph.doc_id}, (h.id, *[p for p in pointers if p != h.id]))
            return Refusal("no_filler", {"kind": slot.kind, "grain": slot.grain,
                                         "unit": slot.unit}, pointers)
        if key == "unknown_name" and query.unknown:
            return Refusal(key, {"names": list(query.unknown)}, pointers)
        if key == "focus_absent" and query.absent:
            return Refusal(key, {"terms": list(query.absent)}, pointers)
        if key == "names_apart":
            return Refusal(key, {"names": named_in_question(query)}, pointers)
        if key == "off_domain":
            return Refusal(key, {}, pointers)
        lead = max(hits[:TOP], key=lambda h: best_sentence([h]))
        return Refusal("weak_evidence", {"score": round(values["dense_best"], 4),
                                         "threshold": self.thresholds.of(query, lead)},
                       pointers)
