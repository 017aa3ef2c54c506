"""Documents numbered by article (`Article 5`, `第五条`): a declaration, a treaty, a charter.

Each article is one unit, ``n`` = its number, with its numbered sub-paragraphs (``1.``,
``㈠``, ``(a)``) kept on their own lines inside it; the article heading ends its section
path. Before the first article: the title block (paragraph 0) and the unnumbered
preambular paragraphs (PP1, PP2…, ``ingest.preamble``). Articles must run one by one,
and so must the numbered sub-paragraphs inside each; a skip or a repeat is an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest import lines as L
from ingest.base import ARTICLES, SUMMARY_N, Paragraph, ParsedDocument, ParseError
from ingest.kinds import document_kind, title_parts
from ingest.preamble import preamble_paragraphs
from ingest.text import detect_lang, join_pair, tidy

ARTICLE = re.compile(r"^(?:Article|ARTICLE|Art\.)\s+(?P<n>\d{1,3})\s*\.?$"
                     r"|^第\s*(?P<zh>[零〇一二三四五六七八九十百两\d]{1,6})\s*条$")
CHAPTER = re.compile(r"^(?:CHAPTER|Chapter|PART|Part)\s+[IVXLC\d]+\b.*$"
                     r"|^第[一二三四五六七八九十百]+[章编部]\b.*$")
PREAMBLE = re.compile(r"^(?:Preamble|PREAMBLE|序言|序\s*言)$")
SUB_NUMBER = re.compile(r"^(\d{1,2})\s?[.．]\s*\S")
SUB_CIRCLED = re.compile(r"^([㈠-㈩])")
SUB_OTHER = re.compile(r"^\((?:\d{1,2}|[a-z]{1,3})\)\s")
_TERMINAL = tuple("。.;；:：!?！？")


def has_articles(text: str) -> bool:
    """Two article headings or more, each on a line of its own."""
    return sum(1 for line in text.splitlines() if ARTICLE.match(line.strip())) >= 2


def zh_number(text: str) -> int | None:
    """第十五条 -> 15 (up to the hundreds); Arabic digits as they are."""
    if text.isdigit():
        return int(text)
    digits = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
    total, number = 0, 0
    for ch in text:
        if ch in digits:
            number = digits[ch]
        elif ch in ("十", "百"):
            total += (number or 1) * (10 if ch == "十" else 100)
            number = 0
        else:
            return None
    return total + number


@dataclass
class _Unit:
    n: int
    heading: str
    lineno: int
    section: str = ""
    blocks: list[list[str]] = field(default_factory=list)


def parse_articles(text: str, *, name: str, default_doc_id: str) -> ParsedDocument:
    rows = [raw.strip() for raw in text.replace("\f", "\n").split("\n")]
    doc_symbol = _symbol(rows)
    front: list[list[str]] = []  # blocks before the first article (title, preamble)
    preamble_at: int | None = None  # index in ``front`` where the preamble starts
    chapter = ""
    units: list[_Unit] = []
    issues: list[str] = []
    target = front
    prev_blank = True
    for lineno, row in enumerate(rows, 1):
        if not row or L.is_page_noise(row, doc_symbol) or L.URL_ONLY.match(row):
            prev_blank = prev_blank or not row
            continue
        art = ARTICLE.match(row)
        if art:
            n = int(art.group("n")) if art.group("n") else zh_number(art.group("zh")) or 0
            if units and n != units[-1].n + 1:
                what = "repeats" if n <= units[-1].n else f"skips to it from article " \
                                                          f"{units[-1].n}"
                issues.append(f"line {lineno}: article {n} {what}")
            units.append(_Unit(n, row, lineno, chapter))
            target = units[-1].blocks
            prev_blank = True
            continue
        if CHAPTER.match(row) and len(row) < 120:
            chapter = row
            if not units and not front:
                front.append([row])  # a chapter as the text's first line is its title
            target = front if not units else target
            prev_blank = True
            continue
        if PREAMBLE.match(row) and not units:
            preamble_at = len(front)
            prev_blank = True
            continue
        new_block = prev_blank or not target or _starts_item(row) or \
            target[-1][-1].endswith(_TERMINAL)
        if new_block:
            target.append([row])
        else:
            target[-1].append(row)
        prev_blank = False
    if len(units) < 2:
        raise ParseError(f"{name}: no numbered paragraphs or articles found "
                         "(expected lines such as '1. …' or 'Article 1')")
    for unit in units:
        issues += _check_items(unit)
    if issues:
        more = f" (and {len(issues) - 3} more)" if len(issues) > 3 else ""
        raise ParseError(f"{name}: broken article numbering: " + "; ".join(issues[:3]) + more)
    body = " ".join(_join(b) for u in units for b in u.blocks)
    lang = detect_lang(body)
    doc_id = doc_symbol or default_doc_id
    title_blocks = front if preamble_at is None else front[:preamble_at]
    title_lines = [_join(b) for b in title_blocks]
    title, subtitle = title_parts(title_lines)
    records: list[Paragraph] = []
    if title_lines:
        records.append(Paragraph(doc_id, SUMMARY_N, "\n".join(title_lines),
                                 section="标题" if lang == "zh" else "Title", page=1,
                                 lang=lang))
    if preamble_at is not None:
        pp = [_join(b) for b in front[preamble_at:]]
        records += preamble_paragraphs(pp, doc_id=doc_id, lang=lang, blocks=True)
    for unit in units:
        section = f"{unit.section}{L_SEP}{unit.heading}" if unit.section else unit.heading
        text = "\n".join(_join(b) for b in unit.blocks) or unit.heading
        records.append(Paragraph(doc_id, unit.n, text, section=section, page=1, lang=lang))
    return ParsedDocument(doc_id, lang, tuple(records), name, {}, doc_symbol, title=title,
                          subtitle=subtitle, kind=document_kind(title, subtitle, doc_symbol),
                          numbering=ARTICLES)


L_SEP = " › "


def _starts_item(row: str) -> bool:
    return bool(SUB_NUMBER.match(row) or SUB_CIRCLED.match(row) or SUB_OTHER.match(row))


def _join(block: list[str]) -> str:
    text = ""
    for line in block:
        text = join_pair(text, line)
    return tidy(text)


def _check_items(unit: _Unit) -> list[str]:
    """Numbered sub-paragraphs run 1, 2, 3 (or ㈠, ㈡, ㈢) inside each article."""
    issues = []
    expected = {"number": 1, "circled": 1}
    for block in unit.blocks:
        first = block[0]
        m = SUB_NUMBER.match(first)
        c = SUB_CIRCLED.match(first)
        kind, found = ("number", int(m.group(1))) if m else \
            ("circled", ord(c.group(1)) - 0x321F) if c else ("", 0)
        if not kind:
            continue
        if found != expected[kind]:
            issues.append(f"line {unit.lineno}: article {unit.n}, paragraph {found} "
                          f"{'repeats' if found < expected[kind] else 'skips'}")
        expected[kind] = found + 1
    return issues


def _symbol(rows: list[str]) -> str | None:
    found = [r for r in rows if L.SYMBOL.match(r)]
    return max(set(found), key=found.count) if found else None
