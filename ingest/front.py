"""The front of a numbered document, before its first numbered paragraph: paragraph 0
(the title block, with the summary if any) and a resolution's preambular paragraphs
(PP1, PP2…: those after the line that names its author, "The General Assembly,"), and
the document's title.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ingest import lines as L
from ingest.base import SUMMARY_N, Footnote, Paragraph
from ingest.kinds import title_parts
from ingest.preamble import body_line_at, preamble_paragraphs, split_lines
from ingest.text import join_lines


@dataclass
class Front:
    lines: list[str] = field(default_factory=list)
    refs: list[list[int]] = field(default_factory=list)  # footnote references, line by line
    pages: list[int] = field(default_factory=list)  # the page of each line
    marks: dict[int, int] = field(default_factory=dict)  # line -> its heading mark level
    record: list[str] = field(default_factory=list)  # "34th meeting / … / [Adopted …]"


def front_paragraphs(front: Front, *, doc_id: str, lang: str, notes: dict[int, str],
                     paged: bool) -> list[Paragraph]:
    """Paragraph 0 and the preambular paragraphs, each of those on the page it starts on
    where the text gives its pages (``paged``), else on page 1."""
    at = body_line_at(front.lines)
    if at is None or at == len(front.lines) - 1:
        return [_summary(front.lines, _flat(front.refs), front.record, doc_id, lang, notes)]
    split = split_lines(front.lines[at + 1 :], front.refs[at + 1 :])
    texts = [join_lines(lines) for lines, _ in split]
    fns = [tuple(Footnote(r, notes[r]) for r in refs if r in notes) for _, refs in split]
    pps = preamble_paragraphs(texts, doc_id=doc_id, lang=lang, blocks=False, footnotes=fns)
    if paged:
        starts = [at + 1 + sum(len(lines) for lines, _ in split[:k]) for k in range(len(split))]
        pps = [replace(p, page=front.pages[i]) for p, i in zip(pps, starts)]
    head = _summary(front.lines[: at + 1], _flat(front.refs[: at + 1]), front.record, doc_id,
                    lang, notes)
    return [head, *pps]


def front_title(front: Front) -> tuple[str, str]:
    """(title, subtitle) from the title block: the lines before the summary's heading, or
    up to the author line of a resolution; the marked ones marked for ``title_parts``."""
    at = body_line_at(front.lines)
    head = front.lines if at is None else front.lines[: at + 1]
    rows = []
    for i, line in enumerate(head):
        if line.strip().lower() in L.SUMMARY_TITLES:
            break
        rows.append("#" * front.marks[i] + " " + line if i in front.marks else line)
    return title_parts(rows)


def _summary(lines: list[str], refs: list[int], record: list[str], doc_id: str, lang: str,
             notes: dict[int, str]) -> Paragraph:
    title: list[str] = []
    summary: list[str] = []
    heading = ""
    for line in lines:
        if not heading and line.strip().lower() in L.SUMMARY_TITLES:
            heading = line.strip()
        elif heading:
            summary.append(line)
        elif line.strip():
            title.append(line.strip())
    parts = ["\n".join(title)]
    if heading:
        parts.append(heading + "\n" + join_lines(summary))
    if record:
        parts.append(join_lines(record))
    return Paragraph(
        doc_id=doc_id,
        n=SUMMARY_N,
        text="\n".join(p for p in parts if p),
        section=heading or ("概要" if lang == "zh" else "Summary"),
        # with the notes the title block marks with asterisks (numbered 0, -1…)
        footnotes=tuple(Footnote(r, notes[r]) for r in refs if r in notes)
        + tuple(Footnote(n, text) for n, text in sorted(notes.items(), reverse=True) if n <= 0),
        page=1,
        lang=lang,
    )


def _flat(refs: list[list[int]]) -> list[int]:
    return [r for line in refs for r in line]
