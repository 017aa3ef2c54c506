"""Paragraphs named by their place: which words name one, and which paragraph it is."""

from __future__ import annotations

import pytest

from ingest.base import Paragraph
from rag.library.position import FIRST, LAST, cited_position, paragraphs_at, without_place


@pytest.mark.parametrize("question, place", [
    ("What does the final paragraph say?", LAST),
    ("In the last paragraph, what is called for?", LAST),
    ("What do the concluding paragraph's words stress?", LAST),
    ("According to the first paragraph, who asked for the report?", FIRST),
    ("What does the opening paragraph say?", FIRST),
    ("报告最后一段说了什么？", LAST),
    ("末段强调了什么？", LAST),
    ("第一段提到哪项决议？", FIRST),
    ("首段说了什么？", FIRST),
    # no place: a title that holds "final", a paragraph by number, a paragraph of text
    ("What does the Final Document of the Tenth Special Session say?", None),
    ("What does paragraph 12 say?", None),
    ("Which paragraph mentions debt relief first?", None),
])
def test_which_words_name_a_place(question, place):
    assert cited_position(question) == place


def _p(doc_id: str, n: int) -> Paragraph:
    return Paragraph(doc_id=doc_id, n=n, text=f"{doc_id} {n}")


def test_the_place_skips_the_summary_and_reads_the_preamble_first():
    paragraphs = [
        _p("R", 0), _p("R", 1001), _p("R", 1002), _p("R", 1), _p("R", 2),  # a resolution
        _p("A", 0), _p("A", 1), _p("A", 2), _p("A", 88),  # a report
        _p("P", 1001), _p("P", 1002),  # a preamble alone
    ]
    assert paragraphs_at(FIRST, paragraphs, None) == {"R:1001", "A:1", "P:1001"}
    assert paragraphs_at(LAST, paragraphs, None) == {"R:2", "A:88", "P:1002"}
    assert paragraphs_at(LAST, paragraphs, frozenset({"A"})) == {"A:88"}
    assert paragraphs_at(LAST, [_p("A", 0)], None) == frozenset()  # a summary is no place


def test_the_words_of_the_place_are_no_search_terms():
    assert without_place("What does the final paragraph say about debt?").split() == \
        ["What", "does", "say", "about", "debt?"]
    assert "第一段" not in without_place("报告的第一段提到哪项决议？")
    assert without_place("What does paragraph 12 say?") == "What does paragraph 12 say?"
