"""The paragraph browser's pure functions: section tree, filter, reader."""

from __future__ import annotations

from ingest.base import Footnote, Paragraph
from tests.support import assert_inert, tags, visible_text
from ui.reader import filter_paragraphs, reader_html, section_tree, tree_html

DOC = "A/HRC/47/47"
A = "三. 落实和加强人权领域的国际合作 › A. 联合国人权事务高级专员办事处"
B1 = "三. 落实和加强人权领域的国际合作 › B. 联合国人权系统 › 1. 普遍定期审议"
PARAS = [
    Paragraph(DOC, 0, "世界正在经历一场全球危机。", "概要", page=1),
    Paragraph(DOC, 1, "人权理事会请高级专员编写报告。", "一. 导言", page=2),
    Paragraph(DOC, 9, "高级专员呼吁放松制裁。", A, (Footnote(16, "见 www.ohchr.org。"),), page=4),
    Paragraph(DOC, 10, "人权高专办提出指导意见。", A, page=4),
    Paragraph(DOC, 61, "普遍定期审议<script>x()</script>第三轮。", B1, page=12),
]


def test_section_tree_nests_headings_with_ranges():
    roots = section_tree(PARAS)
    assert [n.title for n in roots] == ["概要", "一. 导言", "三. 落实和加强人权领域的国际合作"]
    three = roots[2]
    assert (three.first, three.last) == (9, 61)
    assert [c.title for c in three.children] == ["A. 联合国人权事务高级专员办事处", "B. 联合国人权系统"]
    b = three.children[1]
    assert [(c.title, c.first, c.last) for c in b.children] == [("1. 普遍定期审议", 61, 61)]


def test_tree_links_jump_to_the_first_paragraph():
    html = tree_html(section_tree(PARAS), "en")
    hrefs = [a["href"] for tag, a in tags(html) if tag == "a"]
    assert hrefs[:3] == ["#para-A-HRC-47-47-0", "#para-A-HRC-47-47-1", "#para-A-HRC-47-47-9"]
    assert "¶9–61" in visible_text(html) and "Contents" in visible_text(html)
    assert "目录" in visible_text(tree_html(section_tree(PARAS), "zh"))


def test_filter_by_text_section_footnote_or_number():
    assert [p.n for p in filter_paragraphs(PARAS, "制裁")] == [9]
    assert [p.n for p in filter_paragraphs(PARAS, "普遍定期审议")] == [61]  # section or text
    assert [p.n for p in filter_paragraphs(PARAS, "OHCHR.ORG")] == [9]  # footnote, any case
    assert [p.n for p in filter_paragraphs(PARAS, "¶10")] == [10]
    assert len(filter_paragraphs(PARAS, "  ")) == len(PARAS)


def test_reader_reads_in_order_with_sections_footnotes_and_target():
    html = reader_html(PARAS, "zh", target=61)
    assert_inert(html)
    ids = [a["id"] for tag, a in tags(html) if tag == "article"]
    assert ids == [f"para-A-HRC-47-47-{n}" for n in (0, 1, 9, 10, 61)]
    targets = [a["id"] for tag, a in tags(html) if tag == "article" and "target" in a["class"]]
    assert targets == ["para-A-HRC-47-47-61"]
    text = visible_text(html)
    assert "概要" in text and "¶9" in text and "见 www.ohchr.org。" in text
    assert "<script>x()</script>" in text  # shown, not run
    assert "显示 5 / 5 个段落" in text


def test_reader_filter_marks_matches_and_says_when_nothing_matches():
    html = reader_html(PARAS, "en", query="制裁")
    assert "<mark>制裁</mark>" in html and "Showing 1 of 5 paragraphs" in visible_text(html)
    empty = reader_html(PARAS, "en", query="<b>nothing</b>")
    assert_inert(empty)
    assert "No paragraph contains “<b>nothing</b>”." in visible_text(empty)
