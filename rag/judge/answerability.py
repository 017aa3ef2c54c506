"""Refuse what the documents cover in topic but not in detail, before any answerer runs.

A question that asks for a slot (a count, a day, a city, a ministry, a person…) is
answerable only when one of the closest paragraphs has a sentence that mentions what
the question is about and holds a filler of that kind, at that grain, that the question
does not state itself. When only a coarser filler is there (a month for a day, a country
for a city) the refusal points to it: "the report does not give the day; ¶13 says…".
"""

from __future__ import annotations

from dataclasses import dataclass

from rag.base import Hit, Refusal
from rag.retrieve.base import StageResult
from rag.understand.base import Query
from rag.understand.entities import named_entities
from rag.understand.slots.match import GENERIC_SHARE, SlotMatcher, coarser


@dataclass(frozen=True)
class AnswerabilityGate:
    paragraphs: int = 5  # how many of the best hits may hold the filler
    name: str = "answerability"

    def names_apart(self, query: Query, hits: list[Hit]) -> list[str]:
        """Two or three bodies or countries the question names together, that no close
        paragraph mentions together (a committee's recommendations to a country it never
        reviewed): the names, else nothing."""
        asked = query.check or query.text  # the words naming a document say nothing here
        names = [forms for forms in named_entities(asked, query.lang, query.corpus)
                 if min(query.corpus.share(f) for f in forms) <= GENERIC_SHARE][:3]
        if len(names) < 2:
            return []
        texts = [h.paragraph.text for h in hits[: self.paragraphs]]
        if any(all(any(f in t for f in forms) for forms in names) for t in texts):
            return []
        return [forms[0] for forms in names]

    def __call__(self, query: Query, hits: list[Hit]) -> StageResult:
        result = StageResult(hits)
        query = query.reading(hits, self.paragraphs)  # the documents it would answer from
        if query.absent and hits:
            result.refusal = Refusal("focus_absent", {"terms": list(query.absent)},
                                     tuple(h.id for h in hits[:3]))
            return result
        apart = self.names_apart(query, hits)
        if apart:
            result.refusal = Refusal("names_apart", {"names": apart},
                                     tuple(h.id for h in hits[:3]))
            return result
        slot = query.slot
        if slot is None or not hits:
            return result
        matcher = SlotMatcher(query)
        top = hits[: self.paragraphs]
        if any(matcher.first(h.paragraph.text) for h in top):
            return result
        pointers = tuple(h.id for h in top)
        wider = coarser(slot)
        for h in top:
            found = matcher.partial(h.paragraph.text, wider) if wider else None
            if found is not None:
                result.refusal = Refusal("partial", {
                    "kind": slot.kind, "grain": slot.grain, "unit": slot.unit,
                    "found": found.fillers[0].text, "n": h.paragraph.n,
                    "doc": h.paragraph.doc_id}, (h.id, *[p for p in pointers if p != h.id]))
                return result
        result.refusal = Refusal("no_filler", {"kind": slot.kind, "grain": slot.grain,
                                               "unit": slot.unit}, pointers)
        return result
