"""Citation markers and the citation check.

A marker is ``[¶9]``, ``[A/HRC/47/47 ¶9]`` when two documents are in play, ``[PP3]``
for a preambular paragraph (stored as n = 1003), or ``[概要]`` / ``[Summary]`` for
paragraph 0. An article is ``[¶5]``: its number is its n. Our answerers build claims with their
references directly; only a model's free text is parsed into claims (``parse_claims``).
The check works on claims: a claim citing a paragraph we did not retrieve is removed,
and each remaining citation is scored for support against its paragraph.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from ingest.base import PREAMBLE_BASE, SUMMARY_N, Paragraph, unit_label
from rag.answer.base import Citation, Claim, Ref
from rag.base import Hit

log = logging.getLogger(__name__)

MARKER = re.compile(
    r"\[\s*(?:(?P<doc>[A-Za-z][^\[\]¶]*?)\s+)?(?:¶\s*(?P<n>\d{1,4})|PP\s*(?P<pp>\d{1,3}))\s*\]"
    r"|\[\s*(?P<summary>概要|Summary|summary)\s*\]"
)
SUMMARY_LABEL = {"zh": "概要", "en": "Summary"}
SupportFn = Callable[[str, Paragraph], float]


@dataclass(frozen=True)
class Marker:
    start: int
    end: int
    n: int
    doc_id: str | None

    @property
    def ref(self) -> Ref:
        return (self.doc_id, self.n)


def parse_markers(text: str) -> list[Marker]:
    out = []
    for m in MARKER.finditer(text):
        n = SUMMARY_N if m.group("summary") else \
            PREAMBLE_BASE + int(m.group("pp")) if m.group("pp") else int(m.group("n"))
        out.append(Marker(m.start(), m.end(), n, (m.group("doc") or "").strip() or None))
    return out


def cited_numbers(text: str) -> list[int]:
    """Paragraph numbers cited in ``text``, first mention order, no repeats."""
    return list(dict.fromkeys(m.n for m in parse_markers(text)))


def label(p: Paragraph, *, lang: str, qualify: bool) -> str:
    if p.n == SUMMARY_N:
        inner = SUMMARY_LABEL.get(lang, "Summary")
        return f"[{p.doc_id} {inner}]" if qualify else f"[{inner}]"
    mark = unit_label(p.n)  # ¶9, or PP3 for a preambular paragraph
    return f"[{p.doc_id} {mark}]" if qualify else f"[{mark}]"


def needs_qualifier(hits: list[Hit]) -> bool:
    return len({h.paragraph.doc_id for h in hits}) > 1


def parse_claims(text: str) -> list[Claim]:
    """A model's cited text as claims: each run of text up to its marker(s). Text after
    the last marker cites nothing and is dropped: every claim must be checkable."""
    claims: list[Claim] = []
    last = 0
    for m in parse_markers(text):
        segment = text[last : m.start].strip()
        if segment.strip(" “”\"'.。,，;；"):
            claims.append(Claim(segment, [m.ref]))
        elif claims and m.ref not in claims[-1].refs:
            claims[-1].refs.append(m.ref)  # "…[¶3][¶4]": both cite the same claim
        last = m.end
    return claims


def check_claims(claims: list[Claim], hits: list[Hit], support: SupportFn, *, threshold: float,
                 lang: str) -> tuple[list[Claim], list[Citation], list[str]]:
    """Drop claims that cite a paragraph outside ``hits``; score each remaining citation.

    Returns (kept claims with resolved references, citations, dropped markers)."""
    by_key = {(h.paragraph.doc_id, h.paragraph.n): h for h in hits}
    by_n: dict[int, list[Hit]] = {}
    for h in hits:
        by_n.setdefault(h.paragraph.n, []).append(h)
    qualify = needs_qualifier(hits)
    kept: list[Claim] = []
    dropped: list[str] = []
    found: dict[str, tuple[Hit, list[str]]] = {}
    for claim in claims:
        resolved = [_resolve(ref, by_key, by_n) for ref in claim.refs]
        bad = [ref for ref, hit in zip(claim.refs, resolved) if hit is None]
        if bad:
            for doc_id, n in bad:
                marker = f"[{doc_id} ¶{n}]" if doc_id else f"[¶{n}]"
                dropped.append(marker)
                log.warning("removed a claim citing %s: not among the retrieved paragraphs",
                            marker)
            continue
        good = [h for h in resolved if h is not None]
        kept.append(Claim(claim.text, [(h.paragraph.doc_id, h.paragraph.n) for h in good],
                          claim.quote, claim.quoted))
        for hit in good:
            found.setdefault(hit.id, (hit, []))[1].append(claim.quote or claim.text)
    citations = []
    for hit, quotes in found.values():
        p = hit.paragraph
        quotes = list(dict.fromkeys(q.strip() for q in quotes if q.strip()))
        best = max((support(q, p) for q in quotes), default=0.0)
        citations.append(Citation(
            n=p.n, doc_id=p.doc_id, text=p.text, section=p.section,
            footnotes=[{"n": f.n, "text": f.text} for f in p.footnotes],
            score=hit.score, supported=best >= threshold, quote=" ".join(quotes),
            support=best, label=label(p, lang=lang, qualify=qualify),
            counterpart=hit.counterpart, quotes=quotes,
        ))
    return kept, citations, dropped


def _resolve(ref: Ref, by_key: dict, by_n: dict[int, list[Hit]]) -> Hit | None:
    doc_id, n = ref
    if doc_id is not None:
        return by_key.get((doc_id, n))
    candidates = by_n.get(n, [])
    return candidates[0] if len(candidates) == 1 else None
