"""Six official English UN PDFs, read against what the pages print: titles, numbering,
footnotes, page furniture, spacing and sections (eval/docs/pdf/SOURCES.md)."""

from __future__ import annotations

import re

import pytest

from ingest.base import PREAMBLE_BASE, SUMMARY_N, ParsedDocument
from ingest.pipeline import load_document
from tests.support import DOCS

pytestmark = pytest.mark.unit

PDFS = DOCS / "pdf"
REPORT, DRAFT, FINAL = "A/HRC/59/60", "A/HRC/59/L.17", "A/HRC/RES/59/25"
AGENDA, STUDY, TRADE = "A/HRC/EMRIP/2025/1", "A/HRC/EMRIP/2025/2", "A/HRC/EMRIP/2025/3"
FILES = {REPORT: "A_HRC_59_60", DRAFT: "A_HRC_59_L.17", FINAL: "A_HRC_RES_59_25",
         AGENDA: "A_HRC_EMRIP_2025_1", STUDY: "A_HRC_EMRIP_2025_2", TRADE: "A_HRC_EMRIP_2025_3"}
# The numbered footnotes each PDF prints (counted at the page feet), and whether its title
# block carries an asterisk note ("* State not a member of the Human Rights Council.")
NOTES = {REPORT: (7, False), DRAFT: (18, True), FINAL: (19, False), AGENDA: (6, False),
         STUDY: (117, True), TRADE: (122, True)}
_cache: dict[str, ParsedDocument] = {}


def doc(symbol: str) -> ParsedDocument:
    if symbol not in _cache:
        _cache[symbol] = load_document(PDFS / f"{FILES[symbol]}.en.pdf", max_bytes=50 << 20)
    return _cache[symbol]


def by_n(symbol: str) -> dict:
    return {p.n: p for p in doc(symbol).paragraphs}


def test_each_title_is_the_whole_title_block_line():
    expected = {
        REPORT: ("Thirteenth session of the Forum on Business and Human Rights",
                 "Report of the Working Group on the issue of human rights and transnational "
                 "corporations and other business enterprises", "report"),
        DRAFT: ("Human rights and climate change",
                "Azerbaijan, Bangladesh, Philippines, Samoa and Viet Nam: draft resolution",
                "draft resolution"),
        FINAL: ("Human rights and climate change",
                "Resolution adopted by the Human Rights Council on 8 July 2025", "resolution"),
        AGENDA: ("Annotated provisional agenda", "", "agenda"),
        STUDY: ("Right of Indigenous Peoples to data, including with regard to data collection "
                "and disaggregation",
                "Draft study by the Expert Mechanism on the Rights of Indigenous Peoples", "study"),
        TRADE: ("Efforts to implement the United Nations Declaration on the Rights of Indigenous "
                "Peoples: the rights of Indigenous Peoples to their traditional economies",
                "Report of the Expert Mechanism on the Rights of Indigenous Peoples", "report"),
    }
    got = {s: (doc(s).title, doc(s).subtitle, doc(s).kind) for s in expected}
    assert got == expected
    assert {s: doc(s).symbol for s in FILES} == {s: s for s in FILES}


def test_units_are_numbered_as_printed():
    def body(last: int) -> list[int]:
        return list(range(1, last + 1))

    def pps(count: int) -> list[int]:
        return [PREAMBLE_BASE + k for k in range(1, count + 1)]

    expected = {
        REPORT: [0, *body(64)],
        DRAFT: [0, *pps(56), *body(26)],  # 57 italic openers, one is "The Human Rights Council,"
        FINAL: [0, *pps(56), *body(27)],
        AGENDA: [0, *body(12), *(2000 + k for k in body(12))],  # the items, their annotations
        STUDY: [0, *body(102), *(2000 + k for k in body(23))],  # the annex: its advice, 1-23
        TRADE: [0, *body(118)],
    }
    assert {s: [p.n for p in doc(s).paragraphs] for s in expected} == expected


_FURNITURE = re.compile(
    r"GE\.\d{2}-\d{5}|Distr\.:|Original: English|French, Russian and Spanish|United Nations\s+A/"
    r"|Please recycle|\*\d{7}\*")


def test_no_page_furniture_or_masthead_inside_any_unit():
    found = []
    for symbol in FILES:
        for p in doc(symbol).paragraphs:
            texts = [p.text, p.section, *(f.text for f in p.footnotes)]
            if any(_FURNITURE.search(t) or symbol in t for t in texts):
                found.append((symbol, p.n))
    assert found == []
    summary = by_n(TRADE)[SUMMARY_N].text
    assert summary.endswith("gender-based exclusion and environmental degradation.")


def test_every_footnote_is_kept_and_attached_once_to_its_paragraph():
    for symbol, (count, starred) in NOTES.items():
        d = doc(symbol)
        numbers = set(range(1, count + 1)) | ({0} if starred else set())
        assert set(d.footnotes) == numbers, symbol
        attached = [f.n for p in d.paragraphs for f in p.footnotes]
        assert sorted(attached) == sorted(numbers), symbol
        for p in d.paragraphs:
            assert not re.search("[⁰¹²³⁴⁵⁶⁷⁸⁹]", p.text), (symbol, p.n)  # no mark left
            assert not any(t in p.text for t in d.footnotes.values() if len(t) > 30), \
                (symbol, p.n)
            if p.n != SUMMARY_N:
                assert all(f.n > 0 for f in p.footnotes), (symbol, p.n)


def test_footnotes_go_where_their_marks_are_with_their_whole_text():
    report = by_n(REPORT)
    marks = {n: [f.n for f in p.footnotes] for n, p in report.items() if p.footnotes}
    # 5 and 6 mark the headings "A. Opening plenary" and "B. Closing plenary"
    assert marks == {1: [1], 3: [2, 3, 4], 7: [5], 17: [6], 42: [7]}
    assert report[3].footnotes[0].text == (
        "See https://forumbhr2024.sched.com/event/1gevJ/procurement-and-deployment-of-"
        "artificial-intelligence-and-the-ungps-consultation-for-the-working-groups-2025-report-"
        "to-the-human-rights-council?linkback=grid.")
    assert report[7].section.endswith("A. Opening plenary")  # the mark left the heading
    assert [(f.n, f.text) for f in by_n(DRAFT)[SUMMARY_N].footnotes] == [
        (0, "State not a member of the Human Rights Council.")]
    assert [f.n for f in by_n(STUDY)[17].footnotes] == [9, 10]  # "…Peoples. 9" set apart
    trade = by_n(TRADE)[SUMMARY_N]
    assert [f.n for f in trade.footnotes] == [0]
    assert "Agreement was reached" not in trade.text
    assert trade.footnotes[0].text.endswith("beyond the submitter’s control.")


_RUN_TOGETHER = re.compile(r"[a-z][’”](?!(?:s|t|re|ve|ll|d|m)\b)[a-z]|[a-z,;][“‘][A-Za-z]")


def test_no_words_run_together_at_curly_quotes():
    found = [(s, p.n, m.group()) for s in FILES for p in doc(s).paragraphs
             for m in _RUN_TOGETHER.finditer(p.text)]
    assert found == []
    assert "Indigenous Peoples’ traditional economies" in by_n(TRADE)[SUMMARY_N].text
    assert "the “smart mix” means now" in by_n(REPORT)[4].text


def test_sections_are_the_printed_heading_paths():
    report, trade, study, agenda = by_n(REPORT), by_n(TRADE), by_n(STUDY), by_n(AGENDA)
    assert report[1].section == "I. Introduction"
    assert report[7].section == "II. Key messages from the plenary sessions › A. Opening plenary"
    assert report[53].section == ("VI. Snapshot series › B. Snapshot series on practical "
                                  "approaches and tools on human rights due diligence for "
                                  "business")
    assert trade[4].section == "II. Legal framework"
    assert trade[38].section.startswith("III. Challenges to Indigenous Peoples’ traditional")
    annex = ("Annex › Expert Mechanism Advice No. 18 (2025): Right of Indigenous Peoples to "
             "data, including with regard to data collection and disaggregation")
    assert all(p.section == annex for n, p in study.items() if n > 2000)
    assert study[102].text.endswith("access to public services and consultations.")
    assert study[2001].text.startswith("The Expert Mechanism provides the following advice")
    assert [agenda[n].section for n in (1, 12)] == ["Provisional agenda"] * 2
    assert agenda[2001].section == "Annotations › 1. Election of officers"
    assert agenda[2001].text.startswith("Pursuant to paragraph 11 of General Assembly")
    assert agenda[12].text == "Adoption of studies and reports."


def test_resolution_paragraphs_are_whole_and_in_order_in_draft_and_final():
    for symbol in (DRAFT, FINAL):
        units = doc(symbol).paragraphs
        pps = [p for p in units if PREAMBLE_BASE < p.n < 2 * PREAMBLE_BASE]
        ops = [p for p in units if 0 < p.n < PREAMBLE_BASE]
        assert all(p.text.endswith(",") for p in pps), symbol
        assert all(p.text.endswith(";") for p in ops[:-1]), symbol
        assert ops[-1].text == "Decides to remain seized of the matter.", symbol
        pages = [p.page for p in pps + ops]
        assert pages == sorted(pages) and pages[0] == 1 and pages[-1] > 5, symbol
    draft, final = by_n(DRAFT), by_n(FINAL)
    assert draft[1025].text.startswith("Noting the importance for some of the concept of "
                                       "“climate justice”")
    # each opens its own paragraph though the line above ends with a footnote mark
    assert draft[1028].text.startswith("Taking into account the imperatives of a just "
                                       "transition")
    assert final[1054].text.startswith("Noting the work of the Climate Vulnerable Forum")
    openings = {s: [p.text.split(",")[0][:40] for p in doc(s).paragraphs
                    if PREAMBLE_BASE < p.n < 2 * PREAMBLE_BASE] for s in (DRAFT, FINAL)}
    assert openings[DRAFT] == openings[FINAL]
    # the record of the adoption closes the resolution: paragraph 0 has it, not ¶27
    assert by_n(FINAL)[SUMMARY_N].text.endswith("34th meeting 8 July 2025 [Adopted without a "
                                                "vote.]")
