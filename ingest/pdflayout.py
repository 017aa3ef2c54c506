"""A PDF page as lines of text with their place and type: what pypdf's plain
``extract_text`` throws away, and what tells a page's furniture (running head, job
number), its footnote band and its headings from its body.

pypdf's own line breaks and spacing are kept; each line gains its baseline, left edge,
type size and weight from the text runs that make it up. A footnote reference (digits
set smaller than the line's type) becomes superscript digits, so that the parser can
never mistake it for a number in the text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ingest.lines import RAISED

_MARK = re.compile(r"\s*(\d{1,3}|\*{1,3})\s*")
_SMALL = 0.8  # a run at most this share of its line's type size is a reference mark


@dataclass(frozen=True, slots=True)
class Run:
    text: str
    x: float
    y: float
    size: float
    font: str


@dataclass
class Line:
    runs: list[Run] = field(default_factory=list)
    text: str = ""
    x: float = 0.0
    y: float = 0.0
    size: float = 0.0
    font: str = ""
    mark: str = ""  # the footnote mark that opens the line ("12", "*"), if any

    @property
    def bold(self) -> bool:
        return any(w in self.font for w in ("Bold", "Black", "Heavy", ",B"))

    @property
    def rest(self) -> str:
        """The text after the opening mark."""
        text = self.text.strip()
        return text[len(self.mark):].strip() if self.mark else text


def page_lines(page: Any) -> list[Line]:
    """The page's non-blank lines in pypdf's order."""
    runs: list[list[Run]] = [[]]

    def visit(text: str, cm: list[float], tm: list[float], font: dict | None,
              size: float) -> None:
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = abs(tm[3] * cm[3] + tm[1] * cm[2]) or 1.0
        name = str((font or {}).get("/BaseFont", ""))
        for i, part in enumerate(text.split("\n")):
            if i:
                runs.append([])
            if part:
                runs[-1].append(Run(part, x, y, round(size * scale * 2) / 2, name))

    page.extract_text(visitor_text=visit)
    return [line for line in (_line(r) for r in _rejoin_marks(runs)) if line.text.strip()]


def _rejoin_marks(groups: list[list[Run]]) -> list[list[Run]]:
    """A raised mark that pypdf set on a line of its own goes back to the line it is
    raised on: before the text it opens (a footnote's number), else after the text."""
    out: list[list[Run]] = []
    for k, group in enumerate(groups):
        inked = [r for r in group if r.text.strip()]
        if not inked or not all(_MARK.fullmatch(r.text) for r in inked):
            out.append(group)
            continue
        nxt = next((g for g in groups[k + 1 :] if any(r.text.strip() for r in g)), [])
        prev = next((g for g in reversed(out) if any(r.text.strip() for r in g)), [])
        if _raised_on(inked[0], nxt) and inked[0].x < min(r.x for r in nxt if r.text.strip()):
            nxt[:0] = group
        elif _raised_on(inked[0], prev):
            prev.extend(group)
        else:
            out.append(group)
    return out


def _raised_on(mark: Run, group: list[Run]) -> bool:
    text = [r for r in group if r.text.strip()]
    size = max((r.size for r in text), default=0.0)
    return bool(text) and mark.size <= size * _SMALL and abs(mark.y - text[0].y) <= 0.6 * size


def _line(runs: list[Run]) -> Line:
    inked = [r for r in runs if r.text.strip()]
    if not inked:
        return Line(runs, "".join(r.text for r in runs))
    weight: Counter[tuple[float, str]] = Counter()
    for r in inked:
        weight[(r.size, r.font)] += len(r.text.strip())
    (size, font), _ = weight.most_common(1)[0]
    main = next(r for r in inked if r.size == size)
    line = Line(runs, "", inked[0].x, main.y, size, font)
    parts: list[str] = []
    for r in runs:
        if r.text.strip() and _is_mark(r, size):
            mark = r.text.strip()
            if not "".join(parts).strip():
                line.mark = mark  # a footnote's own number, at the foot of the page
            # the space pypdf puts before a raised mark is not in the text
            parts = ["".join(parts).rstrip()]
            parts.append(mark.translate(RAISED))
            continue
        parts.append(r.text)
    line.text = "".join(parts)
    if not line.mark and re.match(r"\s*\*{1,3}\s", line.text):
        line.mark = line.text.split()[0]  # "* State not a member…": a title-block note
    return line


def _is_mark(run: Run, size: float) -> bool:
    return bool(_MARK.fullmatch(run.text)) and run.size <= size * _SMALL


def body_size(pages: list[list[Line]]) -> float:
    """The type size of the running text: the size most characters are set in."""
    weight: Counter[float] = Counter()
    for lines in pages:
        for line in lines:
            weight[line.size] += len(line.text.strip())
    return weight.most_common(1)[0][0] if weight else 0.0
