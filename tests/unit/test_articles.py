"""Documents numbered by article, preambular paragraphs, titles and kinds, on real texts
(eval/docs: the Universal Declaration in zh and en, the Charter's chapter I, a 2001 draft
resolution) and small made-up ones for the errors."""

from __future__ import annotations

import pytest

from ingest.base import ARTICLES, PREAMBLE_BASE, ParseError, unit_label
from ingest.kinds import document_kind, title_parts
from ingest.parser import parse_document
from ingest.text import split_sentences
from rag.config import SEED_FILE
from tests.support import DOCS, FIXTURES


def parse(name: str):
    path = DOCS / name
    return parse_document(path.read_text(encoding="utf-8"), name=path.name,
                          default_doc_id=path.stem)


@pytest.fixture(scope="module")
def udhr_en():
    return parse("UDHR_en.txt")


@pytest.fixture(scope="module")
def udhr_zh():
    return parse("UDHR_zh.txt")


def test_declaration_articles_are_units_numbered_by_article(udhr_en, udhr_zh):
    for doc in (udhr_en, udhr_zh):
        assert doc.numbering == ARTICLES and doc.kind == "declaration"
        arts = [p.n for p in doc.paragraphs if 0 < p.n < PREAMBLE_BASE]
        assert arts == list(range(1, 31))
    en = {p.n: p for p in udhr_en.paragraphs}
    zh = {p.n: p for p in udhr_zh.paragraphs}
    assert en[5].text.startswith("No one shall be subjected to torture")
    assert en[5].section == "Article 5" and zh[5].section == "第五条"
    assert zh[15].section == "第十五条" and "国籍" in zh[15].text
    # numbered sub-paragraphs stay inside their article, one a line
    assert en[15].text == ("1. Everyone has the right to a nationality.\n"
                           "2. No one shall be arbitrarily deprived of his nationality nor "
                           "denied the right to change his nationality.")
    assert zh[29].text.count("\n") == 2 and zh[29].text.startswith("㈠ ")
    # two unnumbered blocks of one article
    assert en[2].text.split("\n")[1].startswith("Furthermore, no distinction")


def test_preamble_is_pp1_to_pp8_and_the_title_block_is_zero(udhr_en, udhr_zh):
    en = {p.n: p for p in udhr_en.paragraphs}
    pps = [p for p in udhr_en.paragraphs if p.n > PREAMBLE_BASE]
    assert [unit_label(p.n) for p in pps] == [f"PP{k}" for k in range(1, 9)]
    assert all(p.section == "Preamble" for p in pps)
    assert en[1001].text.startswith("Whereas recognition of the inherent dignity")
    # "Now, therefore," and "The General Assembly" introduce the proclamation
    assert en[1008].text.startswith("Now, therefore, The General Assembly Proclaims this")
    assert en[0].text == "Universal Declaration of Human Rights"
    assert udhr_en.title == "Universal Declaration of Human Rights"
    zh = {p.n: p for p in udhr_zh.paragraphs}
    assert udhr_zh.title == "世界人权宣言" and "第217A(III)号决议" in zh[0].text
    assert zh[1001].section == "序言" and zh[1008].text.startswith("因此现在,大会,发布")


def test_charter_chapter_heading_is_the_section_of_its_articles():
    doc = parse("UNCharter_ch1_en.txt")
    arts = {p.n: p for p in doc.paragraphs}
    assert sorted(arts) == [0, 1, 2]
    assert arts[2].section == "CHAPTER I, PURPOSES AND PRINCIPLES › Article 2"
    assert arts[2].text.split("\n")[1] == ("1. The Organization is based on the principle of "
                                           "the sovereign equality of all its Members.")
    assert "7. Nothing contained in the present Charter" in arts[2].text
    zh = parse("UNCharter_ch1_zh.txt")
    assert {p.n: p.section for p in zh.paragraphs}[1] == "第一章：宗旨及原则 › 第一条"


def test_resolution_preamble_splits_into_preambular_paragraphs():
    doc = parse("RTD_draft_2001_en.txt")
    units = {p.n: p for p in doc.paragraphs}
    pps = sorted(n for n in units if n > PREAMBLE_BASE)
    assert pps == [PREAMBLE_BASE + k for k in range(1, 15)]  # 14 preambular paragraphs
    assert sorted(n for n in units if 0 < n < PREAMBLE_BASE) == list(range(1, 26))
    assert units[1001].text.startswith("Guided by the Charter of the United Nations")
    assert units[1001].text.endswith("advancement of all peoples,")
    assert units[1008].text.startswith("Taking note also of the report of the Open-Ended")
    assert units[1014].text.startswith("Noting the outcome of the South Summit")
    assert units[0].text.endswith("The right to development\nThe General Assembly,")
    assert units[21].text.endswith("(d) Debt burden;")
    assert (doc.title, doc.kind) == ("The right to development", "draft resolution")
    assert doc.subtitle == "South Africa:* draft resolution"


def test_reports_keep_their_summary_and_get_title_and_kind():
    seed = parse_document(SEED_FILE.read_text(encoding="utf-8"), name=SEED_FILE.name)
    assert (seed.title, seed.subtitle, seed.kind) == (
        "落实和加强人权领域的国际合作", "联合国人权事务高级专员的报告", "report")
    assert not any(p.n > PREAMBLE_BASE for p in seed.paragraphs)  # a summary, no preamble
    en = parse_document((FIXTURES / "en_report.txt").read_text(encoding="utf-8"), name="x")
    assert en.title == "Cooperation on safe drinking water and sanitation"
    assert en.subtitle.startswith("Report of the Special Rapporteur") and en.kind == "report"


def test_article_numbering_errors_name_their_lines():
    skip = "Title\n\nArticle 1\n\nOne.\n\nArticle 2\n\nTwo.\n\nArticle 4\n\nFour.\n"
    with pytest.raises(ParseError, match=r"line 11: article 4 skips to it from article 2"):
        parse_document(skip, name="skip.txt")
    dup = "第一条\n\n一。\n\n第二条\n\n二。\n\n第二条\n\n又二。\n"
    with pytest.raises(ParseError, match=r"line 9: article 2 repeats"):
        parse_document(dup, name="dup.txt")
    items = "Article 1\n\n1. One.\n\n3. Three.\n\nArticle 2\n\nTwo.\n"
    with pytest.raises(ParseError, match=r"article 1, paragraph 3 skips"):
        parse_document(items, name="items.txt")


def test_one_article_heading_is_no_article_document():
    with pytest.raises(ParseError, match="no numbered paragraphs"):
        parse_document("Article 1\n\nAll prose.\n", name="one.txt")


def test_items_start_sentences_with_their_marker():
    text = "The Purposes are:\n1. To maintain peace.\n2. To develop friendly relations."
    assert split_sentences(text) == ["The Purposes are:", "1. To maintain peace.",
                                     "2. To develop friendly relations."]
    assert split_sentences("㈠ 人人有权。\n㈡ 不得任意剥夺。") == ["㈠ 人人有权。", "㈡ 不得任意剥夺。"]


@pytest.mark.parametrize(("title", "subtitle", "symbol", "kind"), [
    ("Universal Declaration of Human Rights", "", None, "declaration"),
    ("The right to development", "South Africa:* draft resolution", None, "draft resolution"),
    ("Charter of the United Nations, Chapter I", "", "UN-Charter", "charter"),
    ("世界人权宣言", "", None, "declaration"),
    ("落实和加强人权领域的国际合作", "联合国人权事务高级专员的报告", "A/HRC/47/47", "report"),
    ("Some title", "", "A/RES/75/1", "resolution"),
    ("Some title", "", "A/HRC/47/L.1", "draft resolution"),
    ("Some title", "", "CCPR/C/CHN/CO/1", "concluding observations"),
    ("Some title", "", "A/HRC/47/47", "report"),
    ("Notes", "", "notes", "document"),
])
def test_kinds_from_title_then_subtitle_then_symbol(title, subtitle, symbol, kind):
    assert document_kind(title, subtitle, symbol) == kind


def test_title_of_a_masthead_is_the_line_above_what_it_is():
    lines = ["United Nations", "A/HRC/99/12", "General Assembly", "Distr.: General",
             "3 May 2029", "Human Rights Council", "Ninety-ninth session", "Agenda item 3",
             "Promotion and protection of all human rights", "Cooperation on water",
             "Report of the Special Rapporteur on water"]
    assert title_parts(lines) == ("Cooperation on water", "Report of the Special Rapporteur "
                                                           "on water")
    assert title_parts(["Universal Declaration of Human Rights", "Preamble"])[0] == \
        "Universal Declaration of Human Rights"
