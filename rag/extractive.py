"""The default answerer: quote the retrieved sentences that best answer the question.

No LLM. Each quoted sentence carries its [¶N]. An English question gets an English
lead naming the paragraph and its section, then the Chinese quote, then the terms
and figures that tie the quote to the question.
"""

from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass

import numpy as np

from ingest.base import SUMMARY_N, Paragraph
from rag.base import REFUSAL, Answer, Hit, Retrieval
from rag.citations import check_citations, label, needs_qualifier
from rag.refusal import RefusalPolicy
from rag.slots import fills
from rag.support import SentenceVectors, SupportScorer
from rag.tokens import word_tokens

# figures worth repeating in English: multi-digit numbers, percentages, acronyms
_FIGURE = re.compile(r"(?<![\d.,])\d(?:[\d,]*\d)?(?:\.\d+)?%?|\b[A-Z][A-Z0-9\-]{1,}")


@dataclass
class Scored:
    hit: Hit
    index: int  # sentence position in its paragraph
    text: str
    score: float


class ExtractiveAnswerer:
    name = "extractive"

    def __init__(self, sentence_vectors: SentenceVectors, support: SupportScorer,
                 refusal: RefusalPolicy, *, max_sentences: int = 3, paragraphs: int = 3,
                 support_threshold: float = 0.5, same_margin: float = 0.08,
                 other_margin: float = 0.005,
                 slot_margin: dict[str, float] | None = None) -> None:
        self.sentence_vectors = sentence_vectors
        self.support = support
        self.refusal = refusal
        self.max_sentences = max_sentences
        self.paragraphs = paragraphs
        self.support_threshold = support_threshold
        self.same_margin = same_margin  # runners-up from the best paragraph
        self.other_margin = other_margin  # from another paragraph: only a near tie
        # how far below the best sentence a slot filler may score; e5 cosines for English
        # questions over Chinese text sit in a much narrower band
        self.slot_margin = slot_margin or {"zh": 0.05, "en": 0.015}

    def answer(self, question: str, retrieval: Retrieval) -> Answer:
        t0 = time.perf_counter()
        lang = retrieval.lang
        evidence = self.refusal.evidence(retrieval)
        picked = [] if self.refusal.refuse(retrieval) else self.pick(retrieval)
        if not picked:
            return refusal_answer(question, retrieval, t0, evidence)
        text = compose(picked, retrieval)
        text, citations, _ = check_citations(
            text, retrieval.hits, self.support, threshold=self.support_threshold, lang=lang
        )
        if not any(c.supported for c in citations):
            return refusal_answer(question, retrieval, t0, evidence)
        return Answer(
            question=question, language=lang, text=text, refused=False, citations=citations,
            retrieved=retrieval.hits, timings_ms={"answer": (time.perf_counter() - t0) * 1e3},
            evidence=evidence,
        )

    def pick(self, retrieval: Retrieval) -> list[Scored]:
        """The best sentence, then close runners-up, mostly from the best paragraph."""
        hits = retrieval.hits[: self.paragraphs]
        rows = self.sentence_vectors([h.paragraph for h in hits])
        qvec = np.asarray(retrieval.vector, dtype=np.float32)
        weights = _idf_terms(retrieval, hits)
        scored: list[Scored] = []
        for rank, hit in enumerate(hits):
            for i, (sentence, vec) in enumerate(rows.get(hit.id, [])):
                cos = float(vec @ qvec)
                overlap = _overlap(sentence, weights)
                prior = 0.01 * (len(hits) - rank)
                scored.append(Scored(hit, i, sentence, cos + 0.1 * overlap + prior))
        if not scored:
            return []
        scored.sort(key=lambda s: -s.score)
        best = scored[0]
        if retrieval.slot is not None:
            # the question wants a number, a date, a name…: quote a sentence that has one,
            # and refuse when none of the close sentences does
            fillers = [s for s in scored if fills(retrieval.slot, s.text)]
            margin = self.slot_margin[retrieval.lang]
            if not fillers or fillers[0].score < best.score - margin:
                return []
            best = fillers[0]
        chosen = [best]
        for s in scored:
            if s is best:
                continue
            if len(chosen) >= self.max_sentences:
                break
            if s.hit.id == best.hit.id and s.score >= best.score - self.same_margin:
                chosen.append(s)
            elif s.hit.id != best.hit.id and s.score >= best.score - self.other_margin:
                chosen.append(s)
        # read in document order: paragraph rank, then sentence position
        order = {h.id: r for r, h in enumerate(hits)}
        return sorted(chosen, key=lambda s: (order[s.hit.id], s.index))


def _idf_terms(retrieval: Retrieval, hits: list[Hit]) -> dict[str, float]:
    """Query terms weighted by rarity among the retrieved paragraphs."""
    terms = retrieval.terms or {t: 1.0 for t in word_tokens(retrieval.question)}
    texts = [h.paragraph.text for h in hits]
    out = {}
    for term, w in terms.items():
        df = sum(1 for t in texts if term.lower() in t.lower())
        out[term] = w * math.log(1 + len(texts) / (1 + df)) if df else 0.0
    return out


def _overlap(sentence: str, weights: dict[str, float]) -> float:
    total = sum(weights.values())
    if not total:
        return 0.0
    low = sentence.lower()
    return sum(w for t, w in weights.items() if t.lower() in low) / total


def compose(picked: list[Scored], retrieval: Retrieval) -> str:
    qualify = needs_qualifier(retrieval.hits)
    lang = retrieval.lang
    quotes = [f"{s.text}{label(s.hit.paragraph, lang=lang, qualify=qualify)}" for s in picked]
    if lang == "zh":
        return "\n".join(quotes)
    first = picked[0].hit.paragraph
    lead = english_lead(first, qualify)
    lines = [lead] + [f"“{s.text}”{label(s.hit.paragraph, lang=lang, qualify=qualify)}"
                      for s in picked]
    notes = english_notes([s.text for s in picked], retrieval)
    if notes:
        lines.append(notes)
    return "\n".join(lines)


def english_lead(p: Paragraph, qualify: bool) -> str:
    where = "the summary" if p.n == SUMMARY_N else f"paragraph {p.n}"
    if qualify:
        where += f" of {p.doc_id}"
    section = f" (section “{p.section}”)" if p.section and p.n != SUMMARY_N else ""
    if p.lang == "en":
        return f"The report addresses this in {where}{section}:"
    return f"The report addresses this in {where}{section}. In the original Chinese:"


def english_notes(quotes: list[str], retrieval: Retrieval) -> str:
    joined = " ".join(quotes)
    pairs = []
    for phrase, terms in retrieval.glosses:
        hits = [t for t in terms if t in joined and not t.isascii()]
        if hits:
            pairs.append(f"{hits[0]} = {phrase}")
    figures = [f for f in dict.fromkeys(_FIGURE.findall(joined))
               if not f.isdigit() or len(f) > 1]  # a lone digit is usually a month
    parts = []
    if pairs:
        parts.append("Your words in the quote (by dictionary): "
                      + "; ".join(dict.fromkeys(pairs)) + ".")
    if figures:
        parts.append("Figures and names as written: " + ", ".join(figures[:8]) + ".")
    return " ".join(parts)


def refusal_answer(question: str, retrieval: Retrieval, t0: float,
                   evidence: float = 0.0) -> Answer:
    return Answer(
        question=question, language=retrieval.lang, text=REFUSAL[retrieval.lang],
        refused=True, citations=[], retrieved=retrieval.hits,
        timings_ms={"answer": (time.perf_counter() - t0) * 1e3}, evidence=evidence,
    )
