"""The layout rules of ``ingest.pdftext`` on a small PDF typeset here in the UN's layout:
the masthead and running heads and feet dropped, a wrapped title one line, raised marks
read as footnote references, a note that runs on to the next page's foot made whole,
small type above the footnotes kept as text; and the parser's reading of what it writes."""

from __future__ import annotations

import pytest

from ingest.pipeline import load_document
from ingest.reader import read_document
from ingest.text import join_lines, tidy

pytestmark = pytest.mark.unit


def _typeset() -> bytes:
    """Three A4 pages: body 10 pt, headings bold 12-14 pt, footnotes 8 pt with 6 pt marks
    raised 3 pt, running heads and feet 9 pt (y is from the top, in points)."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.set_auto_page_break(False)

    def put(x: float, y: float, text: str, size: float, style: str = "") -> float:
        pdf.set_font("Helvetica", style, size)
        pdf.set_xy(x, y)
        pdf.cell(pdf.get_string_width(text), size, text)
        return x + pdf.get_string_width(text)

    pdf.add_page()
    put(120, 40, "United Nations", 14)
    put(470, 40, "A/HRC/99/1", 14)
    put(120, 70, "General Assembly", 20, "B")
    put(392, 80, "Distr.: General", 10)
    put(392, 100, "Original: English", 10)
    put(57, 200, "Human Rights Council", 12, "B")
    put(57, 214, "Ninety-ninth session", 10, "B")
    put(113, 250, "Water and sanitation in a warming world: a long title that", 14, "B")
    put(113, 266, "wraps onto a second line", 14, "B")
    end = put(113, 300, "Report of the Special Rapporteur", 12, "B")
    put(end, 300, "*", 10)
    put(113, 330, "Summary", 12)
    put(113, 350, "The Special Rapporteur describes water systems.", 10)
    put(105, 760, "*", 10)
    put(113, 760, "Submitted late.", 8)
    put(57, 800, "GE.29-00001 (E)", 10)
    pdf.add_page()
    put(57, 45, "A/HRC/99/1", 9, "B")
    put(90, 80, "I. Introduction", 14, "B")
    put(put(113, 110, "1. The Council asked for this report. 17", 10) + 1, 110, "1", 6)
    put(113, 122, "It is the first of its kind.", 10)
    put(90, 150, "A. Water", 12, "B")
    put(put(113, 180, "2. Water is life for all", 10), 180, "2", 6)
    put(113, 192, "and more.", 10)
    put(113, 700, "Source: national statistics, 2028.", 8)
    put(105, 765, "1", 6)
    put(113, 768, "A/HRC/98/1, annex.", 8)
    put(105, 777, "2", 6)
    put(113, 780, "See the study of the Office, which runs on to", 8)
    put(113, 790, "the next line here", 8)
    put(57, 815, "2 GE.29-00001", 9, "B")
    pdf.add_page()
    put(450, 45, "A/HRC/99/1", 9, "B")
    put(113, 80, "3. The last paragraph of the body is here.", 10)
    put(60, 110, "Annex", 14, "B")
    put(113, 140, "Advice of the Special Rapporteur", 14, "B")
    put(113, 170, "1. States should act.", 10)
    put(113, 740, "and on the next page too.", 8)
    put(450, 815, "GE.29-00001 3", 9, "B")
    return bytes(pdf.output())


@pytest.fixture(scope="module")
def typeset(tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "A_HRC_99_1.pdf"
    path.write_bytes(_typeset())
    return path


def test_the_text_keeps_the_page_and_drops_its_furniture(typeset):
    pages = read_document(typeset, max_bytes=1 << 20).split("\f")
    assert len(pages) == 3
    assert pages[0].split("\n")[:5] == [
        "A/HRC/99/1",  # the masthead's symbol alone
        "## Human Rights Council",
        "Ninety-ninth session",
        "# Water and sanitation in a warming world: a long title that wraps onto a second "
        "line",
        "## Report of the Special Rapporteur"]
    text = "\n".join(pages)
    for furniture in ("United Nations", "Distr.", "Original:", "GE.29", "General Assembly"):
        assert furniture not in text
    assert "A/HRC/99/1" not in "\n".join(pages[1:])


def test_footnotes_follow_their_page_whole_and_small_text_stays_text(typeset):
    pages = read_document(typeset, max_bytes=1 << 20).split("\f")
    assert pages[0].endswith("\n \n* Submitted late.")
    body, rule, notes = pages[1].partition("\n \n")
    assert "1. The Council asked for this report. 17¹" in body  # 17 is text, ¹ the mark
    assert body.endswith("Source: national statistics, 2028.")  # set small, yet text
    assert notes.split("\n") == [
        "1 A/HRC/98/1, annex.",
        "2 See the study of the Office, which runs on to the next line here and on the "
        "next page too."]
    assert "next page too" not in pages[2].split("\n \n")[0]


def test_the_parser_reads_title_notes_sections_and_annex(typeset):
    doc = load_document(typeset, max_bytes=1 << 20)
    assert (doc.symbol, doc.title, doc.subtitle, doc.kind) == (
        "A/HRC/99/1",
        "Water and sanitation in a warming world: a long title that wraps onto a second line",
        "Report of the Special Rapporteur", "report")
    units = {p.n: p for p in doc.paragraphs}
    assert sorted(units) == [0, 1, 2, 3, 2001]
    assert [(f.n, f.text) for f in units[0].footnotes] == [(0, "Submitted late.")]
    assert units[1].text == "The Council asked for this report. 17 It is the first of its kind."
    assert [f.n for f in units[1].footnotes] == [1]
    assert [f.n for f in units[2].footnotes] == [2]
    assert units[2].section == "I. Introduction › A. Water"
    assert units[3].text == "The last paragraph of the body is here."
    assert units[2001].section == "Annex › Advice of the Special Rapporteur"
    assert units[2001].text == "States should act."
    assert [p.page for p in doc.paragraphs] == [1, 2, 2, 3, 3]


def test_a_marked_heading_gives_its_note_to_the_paragraph_below_it():
    from ingest.parser import parse_document

    text = ("A/HRC/99/2\n# A title\n## Report of the Secretary-General\nSummary\nIt says.\f"
            "# I. Introduction¹\n1. First.²\n \n1 One.\n2 Two.\f2. Second.")
    units = {p.n: p for p in parse_document(text, name="x.txt").paragraphs}
    assert [(f.n, f.text) for f in units[1].footnotes] == [(1, "One."), (2, "Two.")]
    assert (units[1].section, units[1].text) == ("I. Introduction", "First.")


def test_quotation_marks_keep_english_spaces_and_drop_chinese_ones():
    cases = [
        (["Indigenous Peoples’", "traditional economies"],
         "Indigenous Peoples’ traditional economies"),
        (["the “smart mix”", "means"], "the “smart mix” means"),
        (["was", "“Realizing the ‘smart mix of measures’ to"],
         "was “Realizing the ‘smart mix of measures’ to"),
        # Chinese text sets its quotation marks without spaces, as before
        (["《世界人权宣言》", "“人权”的"], "《世界人权宣言》“人权”的"),
        (["称为 “COVID-19” 疫情"], "称为“COVID-19”疫情"),
    ]
    assert [join_lines(lines) for lines, _ in cases] == [joined for _, joined in cases]
    assert [tidy(joined) for _, joined in cases] == [joined for _, joined in cases]
