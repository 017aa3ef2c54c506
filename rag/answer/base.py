"""An answer as data: a lead, claims with their citations and quoted sentences, notes.

Leads, notes, notices and refusals are message keys with arguments (``Message``), so
each renderer (terminal, HTML) writes them in the reader's language. Nothing here is
display text that a later step has to pick apart again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from ingest.base import Paragraph, split_paragraph_id, unit_label
from rag.answer.messages import Message, render
from rag.base import Fact, Hit, Outcome, Refusal, Translation, Verdict
from rag.retrieve.base import Retrieval

Ref = tuple[str | None, int]  # (doc_id, n) a claim cites; doc_id None: by number alone


@dataclass
class Claim:
    text: str  # the claim as the answer states it
    refs: list[Ref]  # what it cites
    quote: str = ""  # the source sentence it quotes verbatim, when it quotes one
    quoted: bool = False  # shown in quotation marks (a quote in the document's language)
    translation: Translation | None = None  # the quote in the reader's language
    facts: list[Fact] = field(default_factory=list)  # the quote's facts, shown beside a gist

    @property
    def translated(self) -> bool:
        """Shown in the reader's language: a translation that passed every check."""
        return self.translation is not None and self.translation.shown


@dataclass
class Citation:
    n: int
    doc_id: str
    text: str
    section: str
    footnotes: list[dict]
    score: float
    supported: bool
    quote: str  # the claims' source sentences (or the claims) that cite this paragraph
    support: float = 0.0
    label: str = ""  # how the answer writes it: "[¶9]", or "[A/HRC/47/47 ¶9]" when ambiguous
    counterpart: Paragraph | None = None  # the same ¶ in another language version
    quotes: list[str] = field(default_factory=list)  # the same, one entry per claim

    @property
    def key(self) -> tuple[str, int]:
        return (self.doc_id, self.n)

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
    refused: bool
    claims: list[Claim]
    citations: list[Citation]
    retrieved: list[Hit]
    lead: Message | None = None
    notes: list[Message] = field(default_factory=list)
    notice: Message | None = None  # e.g. why an LLM answer was replaced
    refusal: Refusal | None = None  # why, when refused
    answerer: str = "extractive"
    timings_ms: dict[str, float] = field(default_factory=dict)
    ranking: list[str] = field(default_factory=list)  # fused paragraph ids beyond k
    evidence: float = 0.0  # the refusal signal the decision was made on
    understood_as: str = ""  # a follow-up as a standalone question; "" when asked as is
    condenser: str = ""  # what rewrote it: rules | llm
    # the documents the question was taken to mean: symbol, title, kind, name {en, zh}
    documents: list[dict[str, Any]] = field(default_factory=list)
    stored: int = 1  # how many documents the library holds
    searched_only: bool = False  # whether only the documents above were searched
    # each cited or retrieved document by doc_id, as an export names it: symbol, title
    # {zh, en}, kind, numbering (rag.library.base.Snapshot.record); empty in answers made by hand
    records: dict[str, dict[str, Any]] = field(default_factory=dict)
    verdict: Verdict | None = None  # the judge's, with its probability and signals

    @property
    def outcome(self) -> Outcome:
        """answer, hedge (a refusal that points to the closest passages because the
        judgement is uncertain), refusal, or correction (of a false premise)."""
        if self.refused:
            uncertain = self.refusal is not None and self.refusal.reason == "uncertain"
            return "hedge" if uncertain else "refusal"
        if self.verdict is not None and self.verdict.outcome == "correction":
            return "correction"
        return "answer"

    def pointer_labels(self) -> list[str]:
        """The closest passages a refusal or hedge points to, as the answer writes them
        (with their document when they come from several)."""
        ids = [split_paragraph_id(p) for p in (self.refusal.pointers if self.refusal else ())]
        several = len({d for d, _ in ids}) > 1
        return [f"{self.records.get(d, {}).get('symbol') or d} {unit_label(n)}" if several
                else unit_label(n) for d, n in ids]

    def refusal_message(self) -> Message:
        """"The report does not address this.", naming the document asked about, or "the
        documents" when the library holds several."""
        if len(self.documents) == 1:
            return Message("refusal", {"name": self.documents[0]["name"]})
        return Message("refusal", {"several": self.stored > 1})

    @property
    def text(self) -> str:
        """The answer as plain text, citation markers included: the lead, one claim a
        line with its markers, then the notes."""
        lang = self.language
        if self.outcome == "hedge":
            args = {**self.refusal_message().args, "pointers": self.pointer_labels()}
            return render(Message("hedge", args), lang)
        if self.refused:
            text = render(self.refusal_message(), lang)
            if self.refusal is not None and self.refusal.reason == "partial":
                # a refusal with a pointer: what the report does say instead
                text += "\n" + render(Message("reason.partial", self.refusal.args), lang)
            return text
        lines = [render(self.lead, lang)] if self.lead else []
        lines += [self.claim_text(c) for c in self.claims]
        notes = " ".join(render(n, lang) for n in self.shown_notes())
        if notes:
            lines.append(notes)
        return "\n".join(lines)

    def shown_notes(self) -> list[Message]:
        """The notes worth showing: dictionary glosses help only where an original is
        shown, and the figures note only where no machine gist carries its facts strip."""
        originals = any(c.quoted and not c.translated for c in self.claims)
        gists = any(c.translated for c in self.claims)
        return [n for n in self.notes
                if (n.key != "glosses" or originals) and (n.key != "figures" or not gists)]

    def claim_text(self, claim: Claim) -> str:
        """A translated claim in the reader's language, else the claim as it stands (a
        quote in its original language within quotation marks), then its markers."""
        labels = "".join(c.label for c in (self.citation(r) for r in claim.refs) if c)
        if claim.translated and claim.translation is not None:
            return f"{claim.translation.text}{labels}"
        body = f"“{claim.text}”" if claim.quoted else claim.text
        return f"{body}{labels}"

    def citation(self, ref: Ref) -> Citation | None:
        """The citation a claim's reference names: by document and number, or by a number
        that only one citation has."""
        doc_id, n = ref
        if doc_id is not None:
            return next((c for c in self.citations if c.key == (doc_id, n)), None)
        same = [c for c in self.citations if c.n == n]
        return same[0] if len(same) == 1 else None

    def cited(self) -> list[tuple[str, int]]:
        """(doc_id, n) of every cited paragraph, in order of first mention."""
        out: list[tuple[str, int]] = []
        for claim in self.claims:
            for ref in claim.refs:
                c = self.citation(ref)
                if c is not None and c.key not in out:
                    out.append(c.key)
        return out

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
            "notice": render(self.notice, self.language) if self.notice else "",
            "answerer": self.answerer,
            "claims": [
                {"text": c.translation.text if c.translated and c.translation else c.text,
                 "quote": c.quote,
                 "citations": [{"doc_id": cit.doc_id, "n": cit.n, "label": cit.label}
                               for cit in (self.citation(r) for r in c.refs) if cit],
                 "translation": None if c.translation is None else {
                     "text": c.translation.text, "shown": c.translation.shown,
                     "failed": c.translation.failed, "model": c.translation.model,
                     "label": c.translation.label},
                 "facts": [f.to_dict() for f in c.facts]}
                for c in self.claims
            ],
            "documents": [{k: d[k] for k in ("symbol", "title", "kind")}
                          for d in self.documents],
            "refusal": None if self.refusal is None else {
                **self.refusal.to_dict(), "message": render(
                    Message(f"reason.{self.refusal.reason}", self.refusal.args), self.language)},
            "understood_as": self.understood_as or self.question,
            "condenser": self.condenser or None,
            "outcome": self.outcome,
            "answerability": None if self.verdict is None else round(self.verdict.probability, 4),
            "judgement": None if self.verdict is None else self.verdict.to_dict(),
        }


class Answerer(Protocol):
    name: str

    def answer(self, question: str, retrieval: Retrieval) -> Answer: ...
