"""Several documents, language versions of one report, PDFs and bad PDFs."""

from __future__ import annotations

import io

import pytest

from ingest.base import IngestError
from ingest.pipeline import load_document
from ingest.reader import read_document
from rag.answer.citations import parse_markers
from rag.config import Settings
from rag.factory import build, ingest_files
from tests.support import ALWAYS_ANSWER, FIXTURES

LIMIT = 50_000_000
OTHER = """A/HRC/98/5
人权理事会
  关于水资源合作的另一份报告
 一. 导言
1. 本报告审查了各国在跨界河流方面的合作。
2. 2027 年，五个流域组织签署了数据共享协定。
3. 各国应加强跨界含水层管理的合作。
4. 报告建议设立一个区域水资源基金。
5. 官方发展援助中用于水的份额在 2027 年保持稳定。
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory, embedder):
    """zh and en versions of A/HRC/99/12, plus another report, in one real store."""
    tmp = tmp_path_factory.mktemp("library")
    other = tmp / "other.txt"
    other.write_text(OTHER, encoding="utf-8")
    settings = Settings(store_dir=tmp / "store", **ALWAYS_ANSWER)
    components = build(settings, embedder=embedder)
    summary = ingest_files(settings, components.store, embedder,
                           [FIXTURES / "zh_report.txt", FIXTURES / "en_report.txt", other],
                           progress=False)
    assert not summary.failed
    return components


def test_each_document_keeps_its_id_and_numbers(library):
    assert library.store.docs() == {"A/HRC/98/5": 6, "A/HRC/99/12": 8, "A/HRC/99/12 (en)": 8}
    ids = set(library.store.hashes())
    assert {"A/HRC/99/12:5", "A/HRC/99/12 (en):5", "A/HRC/98/5:5"} <= ids


def test_english_question_quotes_the_english_version_linked_to_the_chinese(library):
    answer = library.qa.ask("How much did official development assistance for water fall in 2028?")
    assert not answer.refused
    first = answer.citations[0]
    assert (first.doc_id, first.n) == ("A/HRC/99/12 (en)", 5)
    assert "0.3 per cent" in answer.text and "In the original Chinese" not in answer.text
    assert first.counterpart is not None
    assert (first.counterpart.doc_id, first.counterpart.n) == ("A/HRC/99/12", 5)
    assert "0.3%" in first.counterpart.text


def test_chinese_question_quotes_the_chinese_version(library):
    answer = library.qa.ask("2028 年用于水的官方发展援助下降了多少？")
    first = answer.citations[0]
    assert (first.doc_id, first.n) == ("A/HRC/99/12", 5)
    assert first.counterpart.doc_id == "A/HRC/99/12 (en)"
    # one hit per paragraph: the two versions of ¶5 are never both listed
    keys = [(h.paragraph.doc_id.split(" (")[0], h.paragraph.n) for h in answer.retrieved]
    assert len(keys) == len(set(keys))


def test_ambiguous_numbers_name_their_document(library):
    # both reports hold every concept of it: both are searched, and cited by name
    answer = library.qa.ask("关于用于水的官方发展援助，文件怎么说？")
    docs = {h.paragraph.doc_id for h in answer.retrieved}
    assert len(docs) > 1
    markers = parse_markers(answer.text)
    assert markers and all(m.doc_id for m in markers), answer.text
    assert {m.doc_id for m in markers} <= docs


def test_a_detail_only_one_report_gives_goes_to_that_report(library):
    # river basin organisations are in A/HRC/98/5 alone: it ranks first and alone answers
    # (routing keeps each language's best document, so another may be searched too)
    answer = library.qa.ask("2027 年有多少个流域组织签署了数据共享协定？")
    assert answer.retrieved[0].paragraph.doc_id == "A/HRC/98/5"
    assert answer.cited() == [("A/HRC/98/5", 2)] and "五个流域组织" in answer.text


def test_doc_filter_restricts_the_search(library):
    answer = library.qa.ask("官方发展援助中用于水的份额有何变化？", doc_id="A/HRC/98/5")
    assert {h.paragraph.doc_id for h in answer.retrieved} == {"A/HRC/98/5"}
    assert [c.n for c in answer.citations] == [5]


def test_remove_deletes_one_document_and_nothing_else(tmp_path, embedder):
    settings = Settings(store_dir=tmp_path / "s")
    components = build(settings, embedder=embedder)
    ingest_files(settings, components.store, embedder,
                 [FIXTURES / "zh_report.txt", FIXTURES / "en_report.txt"], progress=False)
    sentences = components.store.sentences.count()
    assert components.store.remove_document("A/HRC/99/12 (en)") == 8
    assert components.store.docs() == {"A/HRC/99/12": 8}
    left = components.store.sentences.get(include=["metadatas"])["metadatas"]
    assert {m["doc_id"] for m in left} == {"A/HRC/99/12"} and len(left) < sentences


def english_pdf() -> bytes:
    """The English fixture typeset as a PDF, one page per page of the text."""
    from fpdf import FPDF

    text = (FIXTURES / "en_report.txt").read_text(encoding="utf-8")
    pages = [[]]
    for line in text.splitlines():
        pages[-1].append(line)
        if line.startswith("GE.") or line.endswith("GE.29-01234") or line.startswith("2 GE."):
            pages.append([])
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=9)
    for lines in (p for p in pages if p):
        pdf.add_page()
        for line in lines:
            pdf.cell(0, 4.5, line or " ", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def test_a_pdf_parses_into_the_same_paragraphs_as_the_text(tmp_path):
    path = tmp_path / "en_report.pdf"
    path.write_bytes(english_pdf())
    from_pdf = load_document(path, max_bytes=LIMIT)
    from_text = load_document(FIXTURES / "en_report.txt", max_bytes=LIMIT)
    assert from_pdf.doc_id == from_text.doc_id
    assert [(p.n, p.text, p.section, p.footnotes) for p in from_pdf.paragraphs] == [
        (p.n, p.text, p.section, p.footnotes) for p in from_text.paragraphs
    ]
    assert [p.page for p in from_pdf.numbered] == [p.page for p in from_text.numbered]


def test_encrypted_and_corrupt_pdfs_are_refused(tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(english_pdf())).pages:
        writer.add_page(page)
    writer.encrypt("secret-password")
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as fh:
        writer.write(fh)
    with pytest.raises(IngestError, match="encrypted"):
        read_document(locked, max_bytes=LIMIT)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(english_pdf()[:700])
    with pytest.raises(IngestError) as err:
        read_document(broken, max_bytes=LIMIT)
    assert "broken.pdf:" in str(err.value) and "\n" not in str(err.value)


def test_a_paragraph_named_by_its_place_is_answered_from_alone(library):
    # "the final paragraph": each document's last one; of those, the one about aid to the
    # least developed countries (A/HRC/99/12 ¶7), though ¶5 of it says more about aid
    answer = library.qa.ask("What does the final paragraph say donors should do with water aid?")
    assert not answer.refused
    assert {(h.paragraph.doc_id.split(" (")[0], h.paragraph.n) for h in answer.retrieved} \
        <= {("A/HRC/99/12", 7), ("A/HRC/98/5", 5)}
    assert answer.retrieved[0].paragraph.n == 7
    assert {c.n for c in answer.citations} == {7}


def test_the_first_paragraph_is_the_first_numbered_one(library):
    answer = library.qa.ask("报告第一段提到了哪项决议？", doc_id="A/HRC/99/12")
    assert [(h.paragraph.doc_id, h.paragraph.n) for h in answer.retrieved] == [("A/HRC/99/12", 1)]
    assert "90/3" in answer.text
