"""A paragraph named by its place in the document: "the final paragraph", "最后一段".

Such a question is about one paragraph of each document it may mean, which no word of
its text finds: at a hundred times the seed, "the final paragraph" of the report was not
among the first ten candidates. The analysis resolves the place to those paragraphs
(``Query.at``), the ``position`` channel ranks them, and only they are answered from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ingest.base import SUMMARY_N, Paragraph, is_preambular

FIRST, LAST = "first", "last"
_EN = re.compile(r"\b(?:(?:the|its|this|that) )?"
                 r"(?P<place>final|last|closing|concluding|first|opening)\s+paragraph\b", re.I)
_ZH = re.compile(r"(?P<place>最后一段|最后一个段落|最后一段落|末段|结尾段|首段|第一段|开头一段)")
_FIRST_WORDS = {"first", "opening", "首段", "第一段", "开头一段"}


def cited_position(question: str) -> str | None:
    """``FIRST`` or ``LAST`` when the question names a paragraph by its place."""
    m = _EN.search(question) or _ZH.search(question)
    if m is None:
        return None
    return FIRST if m["place"].lower() in _FIRST_WORDS else LAST


def without_place(question: str) -> str:
    """The question without the words that name the place: they are no concept to search
    for or to find in the answer ("first" is no 第一 the paragraph must hold)."""
    return _ZH.sub(" ", _EN.sub(" ", question))


def paragraphs_at(position: str, paragraphs: Iterable[Paragraph],
                  doc_ids: frozenset[str] | None) -> frozenset[str]:
    """The id of each document's paragraph at ``position`` (within ``doc_ids``, None:
    every document), in reading order: the preamble comes before the operative part, and
    the title block and summary (``SUMMARY_N``) are no numbered paragraph."""
    ends: dict[str, tuple[tuple[int, int], str, tuple[int, int], str]] = {}
    for p in paragraphs:
        if p.n == SUMMARY_N or (doc_ids is not None and p.doc_id not in doc_ids):
            continue
        place = (0, p.n) if is_preambular(p.n) else (1, p.n)  # reading order
        held = ends.get(p.doc_id)
        if held is None:
            ends[p.doc_id] = (place, p.id, place, p.id)
            continue
        first, first_id, last, last_id = held
        if place < first:
            first, first_id = place, p.id
        if place > last:
            last, last_id = place, p.id
        ends[p.doc_id] = (first, first_id, last, last_id)
    return frozenset(e[1] if position == FIRST else e[3] for e in ends.values())
