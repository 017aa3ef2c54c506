"""Citation markers in answer text: parse them, write them, and check them.

A marker is ``[¶9]``, ``[A/HRC/47/47 ¶9]`` when two documents are in play, or
``[概要]`` / ``[Summary]`` for paragraph 0. A marker that names a paragraph we did not
retrieve is removed; each remaining one is scored for support against its paragraph.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from ingest.base import SUMMARY_N, Paragraph
from rag.base import Citation, Hit

log = logging.getLogger(__name__)

MARKER = re.compile(
    r"\[\s*(?:(?P<doc>[A-Za-z][^\[\]¶]*?)\s+)?¶\s*(?P<n>\d{1,4})\s*\]"
    r"|\[\s*(?P<summary>概要|Summary|summary)\s*\]"
)
SUMMARY_LABEL = {"zh": "概要", "en": "Summary"}


@dataclass(frozen=True)
class Marker:
    start: int
    end: int
    n: int
    doc_id: str | None


def parse_markers(text: str) -> list[Marker]:
    out = []
    for m in MARKER.finditer(text):
        n = SUMMARY_N if m.group("summary") else int(m.group("n"))
        out.append(Marker(m.start(), m.end(), n, (m.group("doc") or "").strip() or None))
    return out


def cited_numbers(text: str) -> list[int]:
    """Paragraph numbers cited in ``text``, first mention order, no repeats."""
    seen: list[int] = []
    for m in parse_markers(text):
        if m.n not in seen:
            seen.append(m.n)
    return seen


def label(p: Paragraph, *, lang: str, qualify: bool) -> str:
    if p.n == SUMMARY_N:
        inner = SUMMARY_LABEL.get(lang, "Summary")
        return f"[{p.doc_id} {inner}]" if qualify else f"[{inner}]"
    return f"[{p.doc_id} ¶{p.n}]" if qualify else f"[¶{p.n}]"


def needs_qualifier(hits: list[Hit]) -> bool:
    return len({h.paragraph.doc_id for h in hits}) > 1


_SENTENCE = re.compile(r"[^。！？；.!?\n]+(?:[。！？；.!?]+[”’\"')）」]*)?")


def claims(text: str) -> list[tuple[str, Marker]]:
    """Each marker with the sentence it closes (the previous claim for "[¶3][¶4]")."""
    return [(claim, m) for claim, _, m in claim_spans(text)]


def claim_spans(text: str) -> list[tuple[str, int, Marker]]:
    """(claim, where the claim starts, marker); a repeated marker reuses the claim."""
    out: list[tuple[str, int, Marker]] = []
    last = 0
    for m in parse_markers(text):
        line_start = text.rfind("\n", last, m.start) + 1 if "\n" in text[last : m.start] else last
        segment = text[line_start : m.start]
        pieces = list(_SENTENCE.finditer(segment))
        pieces = [p for p in pieces if p.group().strip(" “”\"'")]
        if pieces:
            out.append((pieces[-1].group().strip(), line_start + pieces[-1].start(), m))
        else:
            out.append((out[-1][0] if out else "", m.start, m))
        last = m.end
    return out


SupportFn = Callable[[str, Paragraph], float]


def check_citations(text: str, hits: list[Hit], support: SupportFn, *, threshold: float,
                    lang: str) -> tuple[str, list[Citation], list[str]]:
    """Drop markers outside ``hits`` together with the claim they carried; score the rest.

    Returns (text, citations, dropped markers)."""
    by_key = {(h.paragraph.doc_id, h.paragraph.n): h for h in hits}
    by_n: dict[int, list[Hit]] = {}
    for h in hits:
        by_n.setdefault(h.paragraph.n, []).append(h)
    dropped: list[str] = []
    cuts: list[tuple[int, int]] = []
    found: dict[str, tuple[Hit, list[str]]] = {}
    for claim, start, m in claim_spans(text):
        hit = _resolve(m, by_key, by_n)
        if hit is None:
            dropped.append(text[m.start : m.end])
            cuts.append((start, m.end))
            log.warning("removed citation %s: not among the retrieved paragraphs",
                        text[m.start : m.end])
            continue
        found.setdefault(hit.id, (hit, []))[1].append(claim.strip("“”\"' "))
    clean = text
    for start, end in reversed(cuts):
        clean = clean[:start] + clean[end:]
    clean = "\n".join(re.sub(r"[ \t]{2,}", " ", line).strip() for line in clean.splitlines())
    clean = re.sub(r"\n{2,}", "\n", clean).strip()
    qualify = needs_qualifier(hits)
    citations = []
    for hit, quotes in found.values():
        p = hit.paragraph
        scores = [support(q, p) for q in quotes if q]
        best = max(scores) if scores else 0.0
        citations.append(Citation(
            n=p.n, doc_id=p.doc_id, text=p.text, section=p.section,
            footnotes=[{"n": f.n, "text": f.text} for f in p.footnotes],
            score=hit.score, supported=best >= threshold,
            quote=" ".join(dict.fromkeys(q for q in quotes if q)),
            support=best, label=label(p, lang=lang, qualify=qualify),
            counterpart=hit.counterpart,
        ))
    return clean, citations, dropped


def _resolve(m: Marker, by_key: dict, by_n: dict[int, list[Hit]]) -> Hit | None:
    if m.doc_id is not None:
        return by_key.get((m.doc_id, m.n))
    candidates = by_n.get(m.n, [])
    return candidates[0] if len(candidates) == 1 else None
