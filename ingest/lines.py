"""What one line of PDF-extracted UN text is: page noise, a footnote, a heading, a paragraph start.

Also lifts footnote reference digits out of running text.
"""

from __future__ import annotations

import re

from ingest.text import WIDE_PUNCT, is_han

SYMBOL = re.compile(r"^[A-Z]{1,2}(?:/[A-Z0-9][A-Za-z0-9.\-]*)+$")
JOB_NUMBER = re.compile(r"^(?:\d{1,3}\s+)?GE\.\d{2}-\d{5}\b.{0,40}$")
PAGE_NUMBER = re.compile(r"^\d{1,3}$")
BARCODE = re.compile(r"^\*\d{7,}\*$")
URL_ONLY = re.compile(r"^(?:https?://|www\.)\S+$")
FOOTNOTE_START = re.compile(r"^\s*(\d{1,3})\s+(\S.*)$")
PARA_START = re.compile(r"^\s*(\d{1,3})\s?[.．](?![\d.])\s*(\S.*)$")
HEADING = re.compile(
    r"^\s*(?P<mark>[一二三四五六七八九十]+|[IVXL]+|[A-Z]|\d{1,2})\s?[.．、](?!\d)\s*(?P<title>\S.*)$"
)
# A heading set apart by the text itself: Markdown's "## B. Opportunities" (the PDF
# reader marks its headings so, from their type)
MARKED = re.compile(r"^(#{1,6})\s+(\S.*)$")
MARKED_LINE = re.compile(r"^#{1,6}[ \t]+(?=\S)", re.M)  # the mark alone, to take it off
# "Annex", "Annex II", "Appendix": a part numbered anew
ANNEX = re.compile(r"^(?:Annex(?:es)?|ANNEX(?:ES)?|Appendix|APPENDIX)(?:\s+(?:[IVXLC]+|\d{1,2}))?$")
# "34th meeting" over "8 July 2025" and "[Adopted without a vote.]": a resolution's record
MEETING = re.compile(r"^\d{1,3}(?:st|nd|rd|th)\s+(?:plenary\s+)?meeting$")
STAR_NOTE = re.compile(r"^(\*{1,3})\s*(\S.*)$")  # "* State not a member…": a title-block note
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"  # a footnote reference, as the PDF reader writes it
RAISED = str.maketrans("0123456789", SUPERSCRIPTS)
PLAIN = str.maketrans(SUPERSCRIPTS, "0123456789")
SUMMARY_TITLES = {"概要", "summary", "résumé", "resumen", "резюме", "موجز"}
TERMINAL = tuple("。.;；")
_CLASSIFIERS = set("年月日个名项次号条段届岁倍万亿千百%％")
_CLOSERS = set(")]\"'”’》」』）")


def heading_level(mark: str) -> int:
    if mark[0] in "一二三四五六七八九十" or set(mark) <= set("IVXL") and len(mark) > 1:
        return 1
    if mark.isdigit():
        return 3
    if mark in {"I", "V", "X"}:
        return 1  # a lone I/V/X is a roman chapter number in UN reports
    return 2


def is_page_noise(stripped: str, doc_symbol: str | None) -> bool:
    return bool(
        (doc_symbol and stripped == doc_symbol)
        or JOB_NUMBER.match(stripped)
        or PAGE_NUMBER.match(stripped)
        or BARCODE.match(stripped)
    )


def take_refs(text: str, before: str, next_ref: int) -> tuple[str, list[int]]:
    """Remove footnote reference numbers (``…覆盖14。``) from ``text``.

    References are numbered 1, 2, 3… through the document, so only the number we
    expect next is a candidate; ``before`` is the last character of the previous line.
    Superscript digits (``…Council²``) are a reference wherever they stand.
    """
    refs: list[int] = []
    pos = 0
    out = []
    for m in re.finditer(rf"\d+|[{SUPERSCRIPTS}]+", text):
        if int(m.group().translate(PLAIN)) != next_ref or len(m.group()) > 3:
            continue
        if m.group()[0] in SUPERSCRIPTS:
            out.append(text[pos : m.start()])
            pos = m.end()
            refs.append(next_ref)
            next_ref += 1
            continue
        left = text[m.start() - 1] if m.start() > 0 else before
        left2 = text[m.start() - 2] if m.start() > 1 else ""
        right = text[m.end()] if m.end() < len(text) else ""
        right2 = text[m.end() + 1] if m.end() + 1 < len(text) else ""
        if not _is_ref(left, left2, right, right2):
            continue
        start = m.start()
        end = m.end()
        # "呼吁 20。" or "报告29 中": the spaces round a reference are not content.
        if left == " " and (is_han(left2) or left2 in WIDE_PUNCT):
            start -= 1
        if right == " " and (is_han(left if left != " " else left2)) and is_han(right2):
            end += 1
        out.append(text[pos:start])
        pos = end
        refs.append(next_ref)
        next_ref += 1
    out.append(text[pos:])
    return "".join(out), refs


def _is_ref(left: str, left2: str, right: str, right2: str) -> bool:
    if right and (right.isdigit() or right in _CLASSIFIERS or right in "-/"):
        return False
    if right == "." and right2.isdigit():
        return False
    if right.isalpha() and not is_han(right):
        return False
    if is_han(left) or left in WIDE_PUNCT or left in _CLOSERS:
        return True
    if left and left in ".,;:" and left2.islower():
        return True  # English: "coverage.14"
    if left.islower() and left.isascii():
        return True  # English: "together1"
    if left == " " and (is_han(left2) or left2 in WIDE_PUNCT):
        return not right or right in WIDE_PUNCT
    return False


def ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(TERMINAL)
