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
    by_doc: dict[str, list[Paragraph]] = {}
    for p in paragraphs:
        if p.n != SUMMARY_N and (doc_ids is None or p.doc_id in doc_ids):
            by_doc.setdefault(p.doc_id, []).append(p)
    pick = min if position == FIRST else max
    return frozenset(pick(ps, key=_reading_order).id for ps in by_doc.values())


def _reading_order(p: Paragraph) -> tuple[bool, int]:
    return (not is_preambular(p.n), p.n)
