"""Quoted sentences in the reader's language: each claim that quotes a sentence in the
other language is translated, checked, and kept beside its original.

A translation that fails a check is kept but not shown as the reader's language: the
claim then shows its original with the dictionary glosses, and says why. Citations are
attached by the answerer, never by the model; the model sees one sentence at a time.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

from rag.answer.base import Answer, Claim, Message
from rag.library.base import Library
from rag.translate.service import TranslationService


class AnswerTranslator:
    def __init__(self, service: TranslationService, library: Library) -> None:
        self.service = service
        self.library = library

    def pending(self, answer: Answer) -> list[tuple[Claim, str, str]]:
        """(claim, source language, document) for each claim quoting another language."""
        if answer.refused:
            return []
        snap = self.library.snapshot()
        out = []
        for claim in answer.claims:
            c = answer.citation(claim.refs[0]) if claim.refs else None
            source = snap.paragraphs.get(f"{c.doc_id}:{c.n}") if c else None
            if claim.quote and source is not None and source.lang != answer.language:
                out.append((claim, source.lang, source.doc_id))
        return out

    def translate(self, answer: Answer) -> Iterator[Claim]:
        """Translate the answer's quotes one by one (the cache first), yielding each claim
        as it is done; the answer's lead and notice follow what happened."""
        pending = self.pending(answer)
        if not pending or self.service.off:
            return
        t0 = time.perf_counter()
        snap = self.library.snapshot()
        busy = False
        for claim, src, doc_id in pending:
            paragraphs = [p for p in snap.paragraphs.values() if p.doc_id == doc_id]
            extra = self.service.extra_terms(doc_id, paragraphs)
            leases = self.service.leases
            translating = leases is not None and leases.holder(doc_id) is not None
            claim.translation = self.service.lookup(claim.quote, src, extra)
            if claim.translation is None and self.service.enabled and not translating:
                claim.translation = self.service.translate(claim.quote, src, extra,
                                                           doc_id=doc_id)
            busy = busy or (claim.translation is None and translating)
            yield claim
        answer.timings_ms["translate"] = (time.perf_counter() - t0) * 1e3
        shown = [c.translation for c, _, _ in pending if c.translation and c.translation.shown]
        if shown:
            answer.lead = _with(answer.lead, translated=shown[0].model)
        if len(shown) < len(pending) and answer.notice is None:
            answer.notice = Message(
                "notice.translation_pending" if busy
                else "notice.no_translation" if not self.service.enabled
                else "notice.translation_withheld")


def _with(lead: Message | None, **args: object) -> Message | None:
    return None if lead is None else Message(lead.key, {**lead.args, **args})
