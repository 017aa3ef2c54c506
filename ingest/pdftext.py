"""The text of a UN document's PDF, laid out for the parser from its lines' places.

The official layout, and the rules that read it:
- running heads and feet (symbol, ``GE.`` job number, page number) sit in the top and
  bottom bands of each page and repeat from page to page: they are dropped;
- the first page's masthead (``United Nations`` + symbol, ``General Assembly``,
  ``Distr.``, date, ``Original:``, languages) sits above the first line at the left
  margin: only its symbol is kept, as the page's first line;
- footnotes are set smaller than the text, each opening with its raised number, in a
  band at the foot of the page: they follow the page's text after a blank rule line,
  one line each, a note that runs on to the next page's foot made whole;
- titles and headings are set bold and larger than the text: a wrapped one is one line,
  marked as a Markdown heading (``#`` for the largest size, ``##`` for the next…).

Pages are joined with ``\\f``.
"""

from __future__ import annotations

import re
from collections import Counter

from ingest.lines import JOB_NUMBER, PAGE_NUMBER, PLAIN, SYMBOL
from ingest.pdflayout import Line, body_size
from ingest.text import join_pair

_TOP, _FOOT = 0.065, 0.055  # share of the page height taken by the running head / foot
_SYMBOL_IN = re.compile(r"\b[A-Z]{1,2}(?:/[A-Z0-9][A-Za-z0-9.\-]*)+")
_TITLE_NOTE = re.compile(r"(?<=[^\s*])\*{1,3}(?=[\s,.;:)]|$)")  # "Peoples*", "Samoa*"
_MASTHEAD = re.compile(r"United Nations|Nations Unies|Distr\.|\bOriginal:")
_LEADING = 1.5  # wrapped lines of one heading are at most this many sizes apart
Page = list[Line]


def layout_text(pages: list[Page], heights: list[float]) -> str:
    size = body_size(pages)
    furniture = _furniture(pages, heights)
    bodies = [[ln for ln in lines if _key(ln) not in furniture or not _in_band(ln, height)]
              for lines, height in zip(pages, heights)]
    head = _masthead(bodies[0], heights[0]) if bodies else []
    symbol = next((m.group() for ln in head  # the masthead sets a symbol's digits small
                   if (m := _SYMBOL_IN.search(ln.text.translate(PLAIN)))), "")
    symbol = symbol or _running_symbol(pages, heights)
    if bodies:
        bodies[0] = [ln for ln in bodies[0] if ln not in head]
    heads = sorted({ln.size for lines in bodies for ln in lines if _is_heading(ln, size)},
                   reverse=True)
    notes: list[list[str]] = []  # [mark, text] in reading order, over all pages
    texts: list[tuple[list[str], int]] = []  # a page's lines, and its first note
    for k, lines in enumerate(bodies):
        body, band = _split_band(lines, size, bool(notes) and _unfinished(notes[-1][1]))
        first = len(notes)
        for line in band:
            if line.mark:
                notes.append([line.mark, line.rest])
            elif notes:  # a note that runs on from the page before, or its next line
                notes[-1][1] = join_pair(notes[-1][1], line.text.strip())
        if k == 0 and any(n[0].startswith("*") for n in notes[first:]):
            body = [_strip_title_notes(ln) for ln in body]
        lead = [symbol] if k == 0 and symbol else []  # the symbol, for the parser to read
        texts.append((lead + _headings(body, size, heads), first))
    out = []
    for k, (text, first) in enumerate(texts):
        last = texts[k + 1][1] if k + 1 < len(texts) else len(notes)
        own = [f"{mark} {note}" for mark, note in notes[first:last]]
        out.append("\n".join(text + ([" "] + own if own else [])))
    return "\f".join(out)


def _key(line: Line) -> str:
    """A running head or foot, its page number left out: the same on every page."""
    return re.sub(r"\d+", "#", " ".join(line.text.split()))


def _in_band(line: Line, height: float) -> bool:
    return line.y > height * (1 - _TOP) or line.y < height * _FOOT


def _furniture(pages: list[Page], heights: list[float]) -> set[str]:
    """What the bands hold that repeats on other pages or is a symbol, job or page
    number: never the document's text."""
    seen: Counter[str] = Counter()
    noise = set()
    for lines, height in zip(pages, heights):
        for line in lines:
            if _in_band(line, height):
                seen[_key(line)] += 1
                s = " ".join(line.text.split())
                if SYMBOL.match(s) or JOB_NUMBER.match(s) or PAGE_NUMBER.match(s):
                    noise.add(_key(line))
    return noise | {k for k, n in seen.items() if n > 1}


def _masthead(lines: Page, height: float) -> Page:
    """The first page's masthead: what is set above the first line at the left margin,
    in the top third of the page, where it names the UN or the distribution."""
    if not lines:
        return []
    left = min(ln.x for ln in lines)
    top = max(ln.y for ln in lines if ln.x <= left + 2)
    head = [ln for ln in lines if ln.y > top + 1 and ln.y > height * 2 / 3]
    return head if any(_MASTHEAD.search(ln.text) for ln in head) else []


def _running_symbol(pages: list[Page], heights: list[float]) -> str:
    """The symbol the running heads repeat, where the first page gives none."""
    found = Counter(s for lines, height in zip(pages, heights) for ln in lines
                    if _in_band(ln, height) and SYMBOL.match(s := ln.text.strip()))
    return found.most_common(1)[0][0] if found else ""


def _split_band(lines: Page, size: float, open_note: bool) -> tuple[Page, Page]:
    """The page's text, and its footnote band: the lines set smaller than the text below
    its last line at the text's size, from the first that opens with a note's mark. Small
    lines above that mark are the rest of a note left unfinished on the page before when
    one is (``open_note``) and they sit below the rule, else text set small (a table's
    source line)."""
    start = len(lines)
    while start > 0 and lines[start - 1].size < size - 0.25:
        start -= 1
    band = lines[start:]
    opening = next((i for i, ln in enumerate(band) if ln.mark), len(band))
    if opening and open_note and _below_rule(lines, start):
        return lines[:start], band
    return lines[: start + opening], band[opening:]


def _unfinished(note: str) -> bool:
    return not re.search(r"[.!?][”’\")\]]*$", note)


def _below_rule(lines: Page, start: int) -> bool:
    """The footnote rule leaves a gap above the band wider than a line's."""
    if start == 0:
        return True
    above, first = lines[start - 1], lines[start]
    return above.y - first.y > 2 * above.size


def _strip_title_notes(line: Line) -> Line:
    text = _TITLE_NOTE.sub("", line.text)
    return Line(line.runs, text, line.x, line.y, line.size, line.font, line.mark)


def _headings(lines: Page, size: float, sizes: list[float]) -> list[str]:
    """The page's lines, each heading on one line behind its ``#`` mark (one ``#`` for
    the document's largest heading size, two for the next…)."""
    out: list[str] = []
    prev: Line | None = None
    for line in lines:
        text = " ".join(line.text.split())
        if _is_heading(line, size):
            if prev is not None and _same_heading(prev, line):
                out[-1] = join_pair(out[-1], text)
            else:
                out.append("#" * min(sizes.index(line.size) + 1, 3) + " " + text)
        else:
            out.append(text)
        prev = line
    return out


def _is_heading(line: Line, size: float) -> bool:
    return line.bold and line.size > size + 0.25 and not line.mark


def _same_heading(a: Line, b: Line) -> bool:
    return (a.size == b.size and a.font == b.font and _is_heading(a, 0)
            and 0 < a.y - b.y <= _LEADING * a.size)
