"""Quoted sentences in the reader's language: each claim that quotes a sentence in the
other language is translated, checked, and kept beside its original.

A translation that fails a check is kept but not shown as the reader's language: the
claim then shows its original with the dictionary glosses, and says why. Citations are
attached by the answerer, never by the model; the model sees one sentence at a time.

Two steps, so that a caller can show something at once: ``plan`` takes what the cache
holds (milliseconds) and says what is left for the model; ``run`` has the model
translate the rest, claim by claim. Meanwhile a ``Translating`` shows the reader each
waiting quote's original and its facts strip, never the model's unchecked text.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field

from ingest.parser import SECTION_SEP
from rag.answer.base import Answer, Claim, Message
from rag.library.base import Library
from rag.translate.service import TranslationService, section_title, sentence_context
from rag.translate.strip import Fact, fact_strip
from rag.translate.terms import Term


@dataclass
class Quote:
    """A claim that quotes a sentence in the other language."""

    claim: Claim
    src: str
    doc_id: str
    extra: list[Term]
    paragraph: str = ""  # the quoted paragraph's text: the model reads what precedes the quote


@dataclass
class Plan:
    answer: Answer
    quotes: list[Quote]
    todo: list[Quote]  # not in the cache: for the model
    busy: bool  # another worker translates a quoted document now
    started: float = field(default_factory=time.perf_counter)


@dataclass
class Waiting:
    """A claim whose quote the model is translating, the quote's language and its facts."""

    claim: Claim
    src: str
    facts: list[Fact]


@dataclass
class Translating:
    """An answer whose quotes the model is translating. The answer is final but for the
    translations of the waiting claims."""

    answer: Answer
    waiting: list[Waiting]


class AnswerTranslator:
    def __init__(self, service: TranslationService, library: Library) -> None:
        self.service = service
        self.library = library

    def pending(self, answer: Answer) -> list[tuple[Claim, str, str, str]]:
        """(claim, source language, document, the quoted paragraph's text) for each claim
        quoting another language."""
        if answer.refused:
            return []
        snap = self.library.snapshot()
        out = []
        for claim in answer.claims:
            c = answer.citation(claim.refs[0]) if claim.refs else None
            source = snap.paragraphs.get(f"{c.doc_id}:{c.n}") if c else None
            if claim.quote and source is not None and source.lang != answer.language:
                out.append((claim, source.lang, source.doc_id, source.text))
        return out

    def plan(self, answer: Answer) -> Plan | None:
        """The cached translations put in place, and what is left for the model (nothing
        when live translation is off, or another worker translates that document now).
        None when nothing in the answer needs translating."""
        pending = self.pending(answer)
        if not pending or self.service.off:
            return None
        started = time.perf_counter()
        snap = self.library.snapshot()
        leases = self.service.leases
        quotes, todo, busy = [], [], False
        by_doc: dict[str, list[Term]] = {}
        for claim, src, doc_id, paragraph in pending:
            if doc_id not in by_doc:
                paragraphs = [p for p in snap.paragraphs.values() if p.doc_id == doc_id]
                by_doc[doc_id] = self.service.extra_terms(doc_id, paragraphs)
            quote = Quote(claim, src, doc_id, by_doc[doc_id], paragraph)
            quotes.append(quote)
            claim.translation = self.service.lookup(claim.quote, src, quote.extra)
            if claim.translation is not None:
                continue
            translating = leases is not None and leases.holder(doc_id) is not None
            if self.service.enabled and not translating:
                todo.append(quote)
            busy = busy or translating
        return Plan(answer, quotes, todo, busy, started)

    def waiting(self, plan: Plan) -> Translating:
        """What the reader sees while the model works: the claims still waiting, each
        with its quote's facts (by rule and terminology, never by the model)."""
        terms = self.service.terms
        return Translating(plan.answer, [
            Waiting(q.claim, q.src, fact_strip(q.claim.quote, q.src, terms.with_extra(q.extra)))
            for q in plan.todo if q.claim.translation is None])

    def run(self, plan: Plan) -> Iterator[Claim]:
        """The model translates what the cache lacked, one claim at a time (each checked
        before it is set); yields each claim as it is done."""
        for q in plan.todo:
            yield self._by_model(q)

    def _by_model(self, q: Quote) -> Claim:
        q.claim.translation = self.service.translate(
            q.claim.quote, q.src, q.extra, doc_id=q.doc_id,
            context=sentence_context(q.paragraph, q.claim.quote))
        return q.claim

    def finish(self, plan: Plan) -> None:
        """The answer's lead and notice follow what happened."""
        answer = plan.answer
        answer.timings_ms["translate"] = (time.perf_counter() - plan.started) * 1e3
        shown = [q.claim.translation for q in plan.quotes
                 if q.claim.translation and q.claim.translation.shown]
        terms = self.service.terms
        for q in plan.quotes:  # a gist leads with what needs no model
            if q.claim.translated:
                q.claim.facts = fact_strip(q.claim.quote, q.src, terms.with_extra(q.extra))
        if shown:
            answer.lead = _with(answer.lead, translated=shown[0].model)
        answer.lead = self._section_gists(answer.lead, plan)
        if len(shown) < len(plan.quotes) and answer.notice is None:
            missing = any(q.claim.translation is None  # or the model could not run
                          or any(f.startswith("backend:") for f in q.claim.translation.failed)
                          for q in plan.quotes)
            answer.notice = Message(
                "notice.translation_pending" if plan.busy and missing
                else "notice.no_translation" if missing and not self.service.enabled
                else "notice.translation_withheld")  # every one made, some failed a check

    def _section_gists(self, lead: Message | None, plan: Plan) -> Message | None:
        """Each source's section title in the reader's language: its stored gist, shown
        beside the original title (the model never runs for a title here)."""
        if lead is None:
            return None
        extra = {q.doc_id: q.extra for q in plan.quotes}

        def gist(source: dict) -> dict:
            section = str(source.get("section") or "")
            title = section_title(section)
            src = source.get("source_lang")
            if not title or src == plan.answer.language or source.get("doc_id") not in extra:
                return source
            t = self.service.lookup(title, str(src), extra[source["doc_id"]])
            if t is None or not t.shown:
                return source
            heading = section.split(SECTION_SEP)[-1].strip()  # with its number
            return {**source, "section": heading, "section_gist": t.text.rstrip(". ")}

        args = gist(dict(lead.args))
        args["also"] = [gist(dict(a)) for a in lead.args.get("also", [])]
        return Message(lead.key, args)

    def translate(self, answer: Answer) -> Iterator[Claim]:
        """Translate the answer's quotes (the cache first), yielding each claim as it is
        done; the answer's lead and notice follow what happened."""
        plan = self.plan(answer)
        if plan is None:
            return
        todo = {id(q.claim) for q in plan.todo}
        for q in plan.quotes:
            yield self._by_model(q) if id(q.claim) in todo else q.claim
        self.finish(plan)


def _with(lead: Message | None, **args: object) -> Message | None:
    return None if lead is None else Message(lead.key, {**lead.args, **args})
