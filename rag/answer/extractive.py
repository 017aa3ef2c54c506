"""The default answerer: quote the retrieved sentences that best answer the question.

No LLM. Each quoted sentence is a claim citing its paragraph. An English question gets
an English lead naming the paragraph and its section, the quotes, and notes on the
terms and figures that tie the quote to the question.
"""

from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass

import numpy as np

from rag.answer.base import Answer, Claim, Message
from rag.answer.citations import check_claims, needs_qualifier
from rag.answer.support import SentenceVectors, SupportScorer
from rag.base import Hit, Refusal
from rag.judge.signals import Thresholds
from rag.language.tokens import word_tokens
from rag.retrieve.base import Retrieval
from rag.understand.slots.match import SlotMatcher

# figures worth repeating in English: multi-digit numbers, percentages, acronyms
_FIGURE = re.compile(r"(?<![\d.,])\d(?:[\d,]*\d)?(?:\.\d+)?%?|\b[A-Z][A-Z0-9\-]{1,}")


@dataclass
class Scored:
    hit: Hit
    index: int  # sentence position in its paragraph
    text: str
    score: float
    asked: float  # the same, against the question's own words alone (no bridged terms)


class ExtractiveAnswerer:
    name = "extractive"

    def __init__(self, sentence_vectors: SentenceVectors, support: SupportScorer, *,
                 max_sentences: int = 3, paragraphs: int = 3, slot_paragraphs: int = 5,
                 support_threshold: float = 0.5, same_margin: float = 0.08,
                 other_margin: float = 0.005, scale: Thresholds | None = None) -> None:
        self.sentence_vectors = sentence_vectors
        self.support = support
        self.max_sentences = max_sentences
        self.paragraphs = paragraphs
        self.slot_paragraphs = slot_paragraphs
        self.support_threshold = support_threshold
        self.same_margin = same_margin  # runners-up from the best paragraph
        self.other_margin = other_margin  # from another paragraph: only a near tie
        # the cosine an answer has within Chinese and across languages: a sentence is
        # scored against its language pair's level, or a Chinese question's Chinese
        # sentence from an unrelated paragraph outscores the English one that answers it
        self.scale = scale or Thresholds()

    def answer(self, question: str, retrieval: Retrieval) -> Answer:
        t0 = time.perf_counter()
        if retrieval.refusal is not None:
            return refusal_answer(question, retrieval, retrieval.refusal, t0)
        slot = retrieval.query.slot
        # a slot's filler may sit a little further down the ranking
        depth = self.slot_paragraphs if slot is not None else self.paragraphs
        scored = self.score(retrieval, depth)
        pointers = tuple(h.id for h in retrieval.hits[:3])
        if not scored:
            return refusal_answer(question, retrieval, Refusal("unsupported", {}, pointers), t0)
        best = scored[0]
        topic = [t.lower() for t in retrieval.query.topic]
        topical = [s for s in scored if any(t in s.text.lower() for t in topic)]
        if topical and topical[0] is not best:
            # "what does it say about external debt": a sentence about debt, and runners-up
            # from its paragraph or about debt too
            best = topical[0]
            keep = {id(s) for s in topical}
            scored = [s for s in scored if s.hit.id == best.hit.id or id(s) in keep]
        correction = retrieval.verdict.correction if retrieval.verdict else None
        if correction is not None:  # the question's premise, against what the text says
            best = next((s for s in scored if s.text == correction.sentence
                         and s.hit.id == correction.paragraph), best)
            scored = [best]
        elif slot is not None:
            # quote the best sentence that holds a new filler of the kind asked for (the
            # judge weighed a slot without one: where it still answers, the best sentence)
            matcher = SlotMatcher(retrieval.query.reading(retrieval.hits))
            fillers = [s for s in scored if matcher.filled(s.text, s.hit.paragraph.text)]
            if fillers:
                best = fillers[0]
                scored = self.filling(scored, best, fillers)
        picked = self.choose(scored, best, retrieval.hits[:depth])
        claims, lead, notes = compose(picked, retrieval)
        if correction is not None:
            source = retrieval.query.corpus.source(best.hit.paragraph)
            lead = Message("correction", {"stated": correction.stated, "found": correction.found,
                                          "name": source["name"]})
        claims, citations, _ = check_claims(claims, retrieval.hits, self.support,
                                            threshold=self.support_threshold, lang=retrieval.lang)
        if not any(c.supported for c in citations):
            return refusal_answer(question, retrieval, Refusal("unsupported", {}, pointers), t0)
        return Answer(
            question=question, language=retrieval.lang, refused=False, claims=claims,
            citations=citations, retrieved=retrieval.hits, lead=lead, notes=notes,
            timings_ms={"answer": (time.perf_counter() - t0) * 1e3},
            evidence=retrieval.signals.get("evidence", 0.0),
        )

    def score(self, retrieval: Retrieval, depth: int) -> list[Scored]:
        """Every sentence of the best paragraphs, scored against the question, best first."""
        hits = retrieval.hits[:depth]
        rows = self.sentence_vectors([h.paragraph for h in hits])
        query = retrieval.query
        qvec = np.asarray(query.vector, dtype=np.float32)
        own = query.part_vectors[0] if len(query.part_vectors) > 1 else None
        weights = _idf_terms(retrieval, hits)
        scored: list[Scored] = []
        for rank, hit in enumerate(hits):
            level = self.scale.of(query, hit)
            for i, (sentence, vec) in enumerate(rows.get(hit.id, [])):
                cos = float(vec @ qvec) - level
                rest = 0.1 * _overlap(sentence, weights) + 0.01 * (len(hits) - rank)  # prior
                asked = cos if own is None else float(vec @ own) - level
                scored.append(Scored(hit, i, sentence, cos + rest, asked + rest))
        scored.sort(key=lambda s: -s.score)
        return scored

    @staticmethod
    def filling(scored: list[Scored], best: Scored, fillers: list[Scored]) -> list[Scored]:
        """For a question that asks for a slot: the best paragraph's sentences, and another
        paragraph's only where they hold a filler too (a near tie that fills nothing
        answers nothing: "which general comment" is not answered by concluding
        observations adopted the same month)."""
        return [s for s in scored if s.hit.id == best.hit.id or any(s is f for f in fillers)]

    def choose(self, scored: list[Scored], best: Scored, hits: list[Hit]) -> list[Scored]:
        """The best sentence, then close runners-up, mostly from the best paragraph. One
        from another paragraph must tie both with the bridged terms and as asked: the
        terms alone (shared by a summary and the paragraphs it sums up) make false ties."""
        chosen = [best]
        for s in scored:
            if s is best:
                continue
            if len(chosen) >= self.max_sentences:
                break
            if s.hit.id == best.hit.id and s.score >= best.score - self.same_margin:
                chosen.append(s)
            elif (s.hit.id != best.hit.id and s.score >= best.score - self.other_margin
                  and s.asked >= best.asked - self.other_margin):
                chosen.append(s)
        # read in document order: paragraph rank, then sentence position
        order = {h.id: r for r, h in enumerate(hits)}
        return sorted(chosen, key=lambda s: (order[s.hit.id], s.index))


def _idf_terms(retrieval: Retrieval, hits: list[Hit]) -> dict[str, float]:
    """Query terms weighted by rarity among the retrieved paragraphs."""
    terms = retrieval.query.terms or {t: 1.0 for t in word_tokens(retrieval.question)}
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


def compose(picked: list[Scored], retrieval: Retrieval
            ) -> tuple[list[Claim], Message | None, list[Message]]:
    """Claims quoting the picked sentences; for English, the lead and the notes."""
    english = retrieval.lang == "en"
    claims = [Claim(s.text, [(s.hit.paragraph.doc_id, s.hit.paragraph.n)], quote=s.text,
                    quoted=s.hit.paragraph.lang != retrieval.lang) for s in picked]
    snap = retrieval.query.corpus
    several = len(snap.catalogue.documents) > 1  # then a Chinese answer names its source too
    if not english and not several:
        return claims, None, []
    qualify = needs_qualifier(retrieval.hits)
    sources: list[dict] = []
    for s in picked:  # each document the answer quotes, in the order it quotes them
        p = s.hit.paragraph
        if all(src["doc_id"] != p.doc_id for src in sources):
            doc = snap.document(p.doc_id)
            # another language version is stored: say the quote is the official text
            official = doc is not None and len(doc.langs()) > 1
            sources.append({"n": p.n, "doc": p.doc_id if qualify else None, "doc_id": p.doc_id,
                            "section": p.section, "source_lang": p.lang, "official": official,
                            **snap.source(p)})
    lead = Message("lead", {**sources[0], "also": sources[1:]})
    notes = english_notes([s.text for s in picked], retrieval) if english else []
    return claims, lead, notes


def english_notes(quotes: list[str], retrieval: Retrieval) -> list[Message]:
    joined = " ".join(quotes)
    pairs: list[tuple[str, str]] = []
    for phrase, terms in retrieval.query.glosses:
        found = [t for t in terms if t in joined and not t.isascii()]
        if found:
            pairs.append((found[0], phrase))
    figures = [f for f in dict.fromkeys(_FIGURE.findall(joined))
               if not f.isdigit() or len(f) > 1]  # a lone digit is usually a month
    notes = []
    if pairs:
        notes.append(Message("glosses", {"pairs": list(dict.fromkeys(pairs))}))
    if figures:
        notes.append(Message("figures", {"items": figures[:8]}))
    return notes


def refusal_answer(question: str, retrieval: Retrieval, refusal: Refusal, t0: float) -> Answer:
    return Answer(
        question=question, language=retrieval.lang, refused=True, claims=[], citations=[],
        retrieved=retrieval.hits, refusal=refusal,
        timings_ms={"answer": (time.perf_counter() - t0) * 1e3},
        evidence=retrieval.signals.get("evidence", 0.0),
    )
