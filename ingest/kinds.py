"""A document's title and kind, read from its title block and symbol at ingest.

The title block of a UN document is a masthead (symbol, distribution, date, session,
agenda item…), then the title, often with a line that says what the document is
("Report of the Special Rapporteur…", "South Africa: draft resolution"). A text
without a masthead (a declaration, a treaty) is titled by its first line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.preamble import BODY_LINE

# An instrument's own name leads with its kind: "Universal Declaration of…", "International
# Covenant on…", not "Efforts to implement the United Nations Declaration…" (the English
# is matched lower-cased: the words before it are any but the small ones)
_INSTRUMENT = r"^(?:the\s+)?(?:(?!(?:to|of|on|the|and|for|in|by)\b)[\w’'-]+\s+){{0,4}}{0}\b"
# (kind, English pattern, Chinese pattern): the first that matches names the kind
KINDS: tuple[tuple[str, str, str], ...] = (
    ("draft resolution", r"\bdraft resolution\b", "决议草案"),
    ("draft decision", r"\bdraft decision\b", "决定草案"),
    ("concluding observations", r"\bconcluding observations\b", "结论性意见"),
    ("general comment", r"\bgeneral comment\b", "一般性意见"),
    ("declaration", _INSTRUMENT.format("declaration"), "宣言"),
    ("convention", _INSTRUMENT.format("convention"), "公约"),
    ("covenant", _INSTRUMENT.format("covenant"), "盟约"),
    ("charter", _INSTRUMENT.format("charter"), "宪章"),
    ("resolution", r"\bresolution\b", "决议"),
    ("decision", r"^decision\b", "^决定"),
    ("agenda", r"^(?:annotated\s+)?(?:provisional\s+)?agenda\b", "^(?:临时)?议程(?:说明)?$"),
    ("study", r"^(?:draft\s+)?study\b", "的研究$"),
    ("note", r"^note by\b", "的说明$"),
    ("report", r"\breport\b", "报告"),
)
# symbol patterns, read when the title says nothing
SYMBOL_KINDS: tuple[tuple[str, str], ...] = (
    (r"/L\.\d", "draft resolution"),
    (r"/RES/", "resolution"),
    (r"/DEC/", "decision"),
    (r"/CO/", "concluding observations"),
    (r"/GC/", "general comment"),
    (r"^(?:A|E|S)/(?:HRC/|CN\.\d+/)?\d+/\d+(?:/Add\.\d+)?$", "report"),
)
DOCUMENT = "document"

_MASTHEAD = re.compile(
    r"^(?:United Nations|联合国|General Assembly|大会|Security Council|安全理事会|"
    r"Economic and Social Council|经济及社会理事会|Human Rights Council|人权理事会|"
    r"(?:First|Second|Third|Fourth|Fifth|Sixth) Committee|第[一二三四五六]委员会|"
    r"Distr\.?:.*|Original:.*|原文[:：].*|Chinese|English|中文|"
    r".*\bsession$|第.{1,6}届会议.*|Agenda items? .*|议程项目.*|"
    r"\d{1,2} \w+ \d{4}|\w+ \d{1,2}, \d{4}|\d{4}\s*年.*月.*日.*|"
    r"\*?\d{5,}\*?|\d{2}-\d{5}.*|GE\.\d{2}-\d{5}.*)$", re.I)
_SURE_MASTHEAD = re.compile(r"^(?:Distr\.?:|Original:|原文[:：]|Agenda item|议程项目)|"
                            r"\bsession$|届会议", re.I)
_SYMBOL_LINE = re.compile(r"^[A-Z]{1,2}(?:/[A-Z0-9][A-Za-z0-9.\-]*)+$")
_KIND_LINE = re.compile(
    r"^(?:Report of\b|Note by\b|Letter dated\b|(?:Draft )?study by\b|(?:Resolution|Decision) "
    r"adopted by\b)|(?:^|[:：]\*?\s*)(?:draft resolution|"
    r"draft decision)$|的报告$|的说明$|决议草案$|决定草案$", re.I)
_MARKED = re.compile(r"^(#{1,6})\s+(\S.*)$")
# "59/25. Human rights and climate change", "59/… …": the resolution's number, not its title
_NUMBERED = re.compile(r"^\d{1,3}/(?:\d{1,4}|…|\.{3})\.?\s+(?=\S)")


def is_kind_line(line: str) -> bool:
    """A line that says what the document is: "Report of…", "…: draft resolution"."""
    return bool(_KIND_LINE.search(" ".join(line.split())))


def title_parts(lines: Sequence[str]) -> tuple[str, str]:
    """(title, subtitle) of a title block's lines. Where some are marked as headings
    (``# Title``, by the PDF reader from their type), the title is the last of those
    set largest, what the document is aside."""
    rows = [" ".join(s.split()) for s in lines if s.strip() and not BODY_LINE.match(s.strip())]
    if not rows:
        return "", ""
    marked = [(len(m.group(1)), m.group(2)) for r in rows if (m := _MARKED.match(r))]
    if marked:
        plain = [m.group(2) if (m := _MARKED.match(r)) else r for r in rows]
        kind_lines = [r for r in plain if _KIND_LINE.search(r)]
        heads = [(lv, r) for lv, r in marked if not _KIND_LINE.search(r)
                 and not _MASTHEAD.match(r)]
        if heads:
            top = min(lv for lv, _ in heads)
            title = [r for lv, r in heads if lv == top][-1]
            return _NUMBERED.sub("", title), kind_lines[-1] if kind_lines else ""
        rows = plain
    if not any(_SURE_MASTHEAD.search(r) or _SYMBOL_LINE.match(r) for r in rows):
        return rows[0], ""  # no masthead: a declaration, a treaty, a chapter
    body = [r for r in rows if not (_MASTHEAD.match(r) or _SYMBOL_LINE.match(r))]
    if not body:
        return "", ""
    kind_lines = [r for r in body if _KIND_LINE.search(r)]
    subtitle = kind_lines[-1] if kind_lines else ""
    titles = [r for r in body if r not in kind_lines]
    if body[-1] in kind_lines:  # "Title / Report of…": the title is the line above
        at = body.index(body[-1])
        above = [r for r in body[:at] if r not in kind_lines]
        return (above[-1] if above else body[-1]), subtitle
    return (titles[-1] if titles else ""), subtitle


def document_kind(title: str, subtitle: str = "", symbol: str | None = None) -> str:
    """The kind of document, from its title, then the line that says what it is, then
    the symbol's pattern; ``document`` when nothing says."""
    for text in (title, subtitle):
        low = text.lower()
        for kind, en, zh in KINDS:
            if low and (re.search(en, low) or re.search(zh, text)):
                return kind
    for pattern, kind in SYMBOL_KINDS:
        if symbol and re.search(pattern, symbol):
            return kind
    return DOCUMENT
