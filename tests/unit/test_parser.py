"""The parser against the real seed report and a small English fixture."""

from __future__ import annotations

import re

import pytest

from ingest.base import ParseError
from ingest.parser import parse_document
from rag.config import SEED_FILE
from tests.support import FIXTURES


@pytest.fixture(scope="module")
def seed():
    return parse_document(SEED_FILE.read_text(encoding="utf-8"), name=SEED_FILE.name)


@pytest.fixture(scope="module")
def by_n(seed):
    return {p.n: p for p in seed.paragraphs}


def test_seed_has_exactly_paragraphs_1_to_88_plus_summary(seed):
    assert seed.doc_id == "A/HRC/47/47"
    assert seed.lang == "zh"
    assert [p.n for p in seed.paragraphs] == list(range(0, 89))
    assert [p.id for p in seed.paragraphs][:2] == ["A/HRC/47/47:0", "A/HRC/47/47:1"]


def test_paragraph_starts_and_ends_are_exact(by_n):
    assert by_n[1].text.startswith("人权理事会在 2020 年 7 月 17 日第 44/18 号决议中")
    assert by_n[1].text.endswith("挑战的可能方式。")
    assert by_n[88].text.endswith("这是走向持久和平和可持续发展之路。")
    assert by_n[86].text == "增强全球裁军合作可以释放资源来实现权利。同样，放松制裁将支持医疗系统抗击这一流行病。"


def test_words_split_across_page_breaks_join_up(by_n):
    assert "伊斯兰开发银行集团、国际金融公司和亚洲基础设施投资银行" in by_n[15].text
    assert "恢复对全球机构的信任将需要加强全球团结，采取更加包容" in by_n[3].text
    assert "到 2030 年实现全民健康覆盖。它还呼吁这些实体" in by_n[8].text
    assert "以人权为基础。它与国际移民组织" in by_n[33].text  # page break without footnotes
    assert "让发展中国家拥有更大的发言权" in by_n[84].text


def test_footnotes_are_linked_and_lifted_out_of_the_text(by_n):
    davos = [f for f in by_n[3].footnotes]
    assert [f.n for f in davos] == [8]
    assert "special-address-davos-agenda" in davos[0].text
    assert [f.n for f in by_n[8].footnotes] == [13, 14, 15]
    assert [f.n for f in by_n[2].footnotes] == [2, 3, 4, 5, 6, 7]
    assert by_n[14 - 5].footnotes[0].n == 16  # ¶9 starts with footnote 16
    assert "全民健康覆盖。" in by_n[8].text and "覆盖14" not in by_n[8].text
    assert "联合呼吁。高级专员" in by_n[9].text  # "呼吁 20。": the space goes too
    assert "报告中所强调的" in by_n[39].text  # "报告29 中"
    assert "COVID-19" in by_n[9].text  # a number that is not a reference stays


def test_no_page_noise_or_footnote_bodies_in_any_paragraph(seed):
    for p in seed.paragraphs:
        assert "A/HRC/47/47" not in p.text, p.n
        assert "GE.21" not in p.text, p.n
        assert not re.search(r"https?://|www\.|undocs\.org", p.text), p.n
        assert "第二节源于" not in p.text  # footnote 1's body
        assert not re.search(r"\n", p.text) or p.n == 0


def test_sections_are_heading_paths(by_n):
    assert by_n[1].section == "一. 导言"
    assert by_n[2].section == "二. COVID-19, 联合国 75 周年，共同前进"  # its footnote 1 lifted
    assert by_n[24].section == (
        "三. 落实和加强人权领域的国际合作 › A. 联合国人权事务高级专员办事处 › 1. 国别和区域存在"
    )
    assert by_n[61].section == "三. 落实和加强人权领域的国际合作 › B. 联合国人权系统 › 1. 普遍定期审议"
    # a heading broken over two lines is joined
    assert by_n[75].section == "四. 应对促进和保护人权包括发展权挑战的可能方式以及克服这些挑战的机遇"


def test_summary_is_paragraph_zero(by_n):
    summary = by_n[0]
    assert summary.section == "概要"
    assert "落实和加强人权领域的国际合作" in summary.text
    assert "世界正在经历自联合国成立以来最大的一场全球危机" in summary.text
    assert "1. 人权理事会" not in summary.text


def test_pages_follow_the_pdf(by_n):
    assert by_n[0].page == 1 and by_n[1].page == 2
    assert by_n[28].page == 8  # the page whose footer reads "8 GE.21-05781"
    assert by_n[88].page == 16


@pytest.fixture(scope="module")
def english():
    path = FIXTURES / "en_report.txt"
    return parse_document(path.read_text(encoding="utf-8"), name=path.name)


def test_english_fixture(english):
    paras = {p.n: p for p in english.paragraphs}
    assert english.doc_id == "A/HRC/99/12" and english.lang == "en"
    assert sorted(paras) == list(range(0, 8))
    # list numbering inside ¶2 does not start paragraphs
    assert "1. regulators were trained; 2. tariffs were reviewed" in paras[2].text
    assert paras[2].text.endswith("for affordability.")
    assert [(f.n, f.text) for f in paras[1].footnotes] == [(1, "See resolution 90/3, para. 4.")]
    assert "sanitation." in paras[1].text and "sanitation.1" not in paras[1].text
    assert paras[5].section == "II. Cooperation in practice › B. Financing"
    assert paras[7].section == "III. Conclusions and recommendations"
    assert paras[4].text.startswith("Regional cooperation between Senegal and Mauritania")
    assert not any("GE.29" in p.text or "www." in p.text for p in english.paragraphs)
    assert paras[0].section == "Summary" and "2.2 billion" in paras[0].text
    assert (paras[1].page, paras[4].page) == (2, 3)


def test_doc_id_falls_back_to_the_file_name():
    doc = parse_document("1. First paragraph.\n2. Second paragraph.\n", name="notes.txt",
                         default_doc_id="notes")
    assert doc.doc_id == "notes" and [p.n for p in doc.paragraphs] == [1, 2]


def test_heading_with_the_next_paragraph_number_is_a_heading():
    text = "1. Opening words of the report.\n2. Treaty bodies\n2. The committee met twice.\n"
    doc = parse_document(text, name="t.txt")
    assert [(p.n, p.section, p.text) for p in doc.paragraphs] == [
        (1, "", "Opening words of the report."),
        (2, "2. Treaty bodies", "The committee met twice."),
    ]


def test_no_numbered_paragraphs_is_refused():
    with pytest.raises(ParseError, match="no numbered paragraphs"):
        parse_document("Just some prose.\nNo numbers here.\n", name="prose.txt")


def test_duplicate_and_skipped_numbers_are_reported_with_lines():
    dup = "1. One is here.\n2. Two is here.\n2. Two again, a copy.\n3. Three.\n"
    with pytest.raises(ParseError, match=r"line 3: paragraph number 2 repeats"):
        parse_document(dup, name="dup.txt")
    skip = "1. One is here.\n2. Two is here.\n4. Four came early.\n5. Five.\n"
    with pytest.raises(ParseError, match=r"line 3: paragraph number 4 skips"):
        parse_document(skip, name="skip.txt")
