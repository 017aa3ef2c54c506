"""Parse the text of a UN document into its officially numbered paragraphs.

The numbering is the spine: a line ``N. …`` starts a paragraph only when N is the
number that comes next. Page noise, footnote bodies and their dangling URLs are
dropped; footnote reference digits move from the text into ``footnotes``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ingest import lines as L
from ingest.articles import has_articles, parse_articles
from ingest.base import Footnote, Paragraph, ParsedDocument, ParseError, part_unit
from ingest.front import Front, front_paragraphs, front_title
from ingest.kinds import document_kind, is_kind_line
from ingest.text import detect_lang, join_lines

SECTION_SEP = " › "


@dataclass
class _Block:
    kind: str  # "preamble", "heading" or "para"
    n: int = 0
    page: int = 1
    level: int = 0
    section: str = ""
    lines: list[str] = field(default_factory=list)
    refs: list[int] = field(default_factory=list)
    line_refs: list[list[int]] = field(default_factory=list)  # the same, line by line
    marked: bool = False  # a heading the text marks as one (``## A. Opening plenary``)
    line_pages: list[int] = field(default_factory=list)  # the page of each line


def parse_document(text: str, *, name: str, default_doc_id: str | None = None) -> ParsedDocument:
    """Parse ``text`` (pages optionally separated by ``\\f``); raise ParseError on bad input.

    A text with article headings (``Article 1``, ``第一条``) is numbered by article
    (``ingest.articles``, which reads no heading marks); any other by its numbered
    paragraphs. A line marked as a heading (``## A. Water``, as the PDF reader marks
    them) is one."""
    plain = L.MARKED_LINE.sub("", text)
    if has_articles(plain):
        return parse_articles(plain, name=name, default_doc_id=default_doc_id or name)
    return _Parser(text, name, default_doc_id or name).run()


class _Parser:
    def __init__(self, text: str, name: str, default_doc_id: str) -> None:
        self.name = name
        self.default_doc_id = default_doc_id
        self.explicit_pages = "\f" in text
        rows = text.replace("\f", "\n\f\n").split("\n")
        self.rows = [(i, raw.rstrip("\n\r")) for i, raw in enumerate(rows, 1)]
        self.doc_symbol = _doc_symbol(raw for _, raw in self.rows)
        self.double_spaced = _double_spaced([raw for _, raw in self.rows])
        self.content = [(i, raw) for i, raw in self.rows if raw]
        self.page = 1
        self.pending_break = False
        self.page_has_text = False  # a break only counts once the page has shown text
        self.next_para, self.next_ref, self.next_fn = 1, 1, 1
        self.footnotes: dict[int, list[str]] = {}
        self.fn_mode = False
        self.current_fn: int | None = None
        self.block = _Block("preamble")
        self.blocks: list[_Block] = []
        self.headings: dict[int, str] = {}
        self.issues: list[str] = []
        self.list_next = 0
        self.last_char = ""
        self.part = 0  # 0: the body; 1, 2…: an annex or other part numbered anew
        self.pending_refs: list[int] = []  # a heading's footnotes, for the unit below it
        self.front_marks: dict[int, int] = {}  # title-block line -> its heading mark level
        self.after_part_heading = False  # the last line was an unnumbered marked heading
        self.record: list[str] = []  # a resolution's closing record, for paragraph 0
        self.in_record = False

    def run(self) -> ParsedDocument:
        prev_blank = True
        content_idx = -1
        for _, raw in self.rows:
            if raw:
                content_idx += 1
                lineno = self.content[content_idx][0]
                self._line(content_idx, lineno, raw, prev_blank)
            prev_blank = raw == "" or raw == "\f"
        self._close()
        return self._document()

    # -- one line ------------------------------------------------------------
    def _line(self, idx: int, lineno: int, raw: str, prev_blank: bool) -> None:
        if raw == "\f":
            self.page += 1
            self.page_has_text = False
            self.fn_mode, self.current_fn = False, None
            return
        stripped = raw.strip()
        if not stripped:  # a whitespace-only line is the rule above the footnotes
            self.fn_mode = True
            return
        if L.is_page_noise(stripped, self.doc_symbol):
            # the symbol in the title page's masthead is not a running header
            masthead = stripped == self.doc_symbol and self.block.kind == "preamble"
            self.pending_break = self.pending_break or not masthead
            return
        marked = L.MARKED.match(stripped)
        if marked:
            self.fn_mode, self.current_fn = False, None
            self._marked(idx, stripped=marked.group(2), level=len(marked.group(1)))
            return
        lead = raw[0].isspace()
        if self.fn_mode and self._footnote_line(stripped, lead):
            return
        if self._footnote_without_rule(stripped):
            return
        if L.URL_ONLY.match(stripped):
            return
        if self.double_spaced and not prev_blank:
            self.pending_break = True  # this extraction drops the blank line at a page top
        self._body(idx, lineno, stripped)

    # -- footnotes -----------------------------------------------------------
    def _footnote_line(self, stripped: str, lead: bool) -> bool:
        star = L.STAR_NOTE.match(stripped)
        if star:  # "*", "**": numbered 0, -1 below the document's own notes
            self.current_fn = 1 - len(star.group(1))
            self.footnotes[self.current_fn] = [star.group(2)]
            return True
        m = L.FOOTNOTE_START.match(stripped)
        if m and int(m.group(1)) == self.next_fn and not self._is_para_start(stripped):
            self._start_footnote(int(m.group(1)), m.group(2))
            return True
        cur = self.current_fn
        if cur is not None and not lead and not self._is_para_start(stripped):
            if not L.ends_sentence(self.footnotes[cur][-1]):
                self.footnotes[cur].append(stripped)
                return True
        if L.URL_ONLY.match(stripped):
            return True
        self.fn_mode, self.current_fn = False, None
        self.pending_break = True
        return False

    def _footnote_without_rule(self, stripped: str) -> bool:
        m = L.FOOTNOTE_START.match(stripped)
        if not m or self._is_para_start(stripped):
            return False
        n = int(m.group(1))
        if n != self.next_fn or n >= self.next_ref:
            return False  # a footnote body only ever follows its reference
        if m.group(2)[:1].islower():
            return False  # "3 countries were…" is running text
        self.fn_mode = True
        self._start_footnote(n, m.group(2))
        return True

    def _start_footnote(self, n: int, text: str) -> None:
        self.footnotes[n] = [text]
        self.current_fn = n
        self.next_fn = n + 1

    # -- body text -----------------------------------------------------------
    def _is_para_start(self, stripped: str) -> bool:
        m = L.PARA_START.match(stripped)
        return bool(m and int(m.group(1)) == self.next_para)

    def _body(self, idx: int, lineno: int, stripped: str) -> None:
        if self.in_record or (self.block.kind == "para" and L.MEETING.match(stripped)):
            self.in_record = True  # "34th meeting / 8 July 2025 / [Adopted…]", to its end
            self.record.append(stripped)  # or to an annex's heading
            return
        heading = L.HEADING.match(stripped)
        para = L.PARA_START.match(stripped)
        is_para = bool(para and int(para.group(1)) == self.next_para)
        if (is_para and not L.ends_sentence(stripped)
                and self._next_starts_para(idx, self.next_para)):
            is_para = False  # "2. Treaty bodies" directly above paragraph 2
        is_heading = (
            not is_para
            and heading is not None
            and not L.ends_sentence(stripped)
            and self._para_follows(idx)
        )
        self._page_step()
        self.after_part_heading = False
        if is_para and para is not None:
            self._open(_Block("para", n=self._n(self.next_para), page=self.page))
            self.next_para += 1
            self.list_next = 0
            self._append(para.group(2))
        elif is_heading and heading is not None:
            self._open(_Block("heading", level=L.heading_level(heading.group("mark"))))
            self._append(stripped)
        else:
            if para and self.block.kind == "para":
                self._check_numbering(lineno, int(para.group(1)))
            self._append(stripped)

    def _page_step(self) -> None:
        if self.pending_break and self.page_has_text and not self.explicit_pages:
            self.page += 1
            self.page_has_text = False
        self.pending_break = False
        self.page_has_text = True

    def _n(self, k: int) -> int:
        return part_unit(self.part, k)

    # -- marked headings (``# Title``, ``## A. Section``) -------------------------
    def _marked(self, idx: int, *, stripped: str, level: int) -> None:
        """A line the text marks as a heading: a title-block line, a heading, the start
        of an annex, or a numbered heading that is the unit itself ("1. Election of
        officers" over the unnumbered text of an agenda item's annotation)."""
        self._page_step()
        self.in_record = False
        heading = L.HEADING.match(stripped)
        mark = heading.group("mark") if heading else ""
        if self.block.kind == "preamble" and not heading and \
                not self._front_heading(idx, stripped, level):
            self._append(stripped)
            self.front_marks[len(self.block.lines) - 1] = level
            return
        if L.ANNEX.match(stripped) and (self.next_para > 1 or self.part > 0):
            self._new_part()
            self._open(_Block("heading", level=0, marked=True))
            self._append(stripped)
            self.after_part_heading = True
            return
        if mark == "1" and self.next_para > 1 and self.after_part_heading and \
                not self._next_starts_para(idx, self.next_para):
            self._new_part()  # "Annotations" over items numbered from 1 again
        self.after_part_heading = not heading
        self._open(_Block("heading", level=L.heading_level(mark) if mark else level,
                          marked=True))
        self.last_char = ""  # the heading's own number is no footnote reference
        self._append(stripped)
        if mark.isdigit() and int(mark) == self.next_para and \
                not self._next_starts_para(idx, self.next_para):
            self._open(_Block("para", n=self._n(self.next_para), page=self.page))
            self.next_para += 1
            self.list_next = 0

    def _front_heading(self, idx: int, stripped: str, level: int) -> bool:
        """Whether an unnumbered marked line before the first paragraph is a heading, not
        a title-block line: it comes after the summary, or below the title it heads the
        first paragraphs ("Provisional agenda" over the agenda's items)."""
        if any(line.strip().lower() in L.SUMMARY_TITLES for line in self.block.lines):
            return True
        above = [lv for lv in self.front_marks.values() if lv < level]
        return bool(above) and not is_kind_line(stripped) and \
            self._next_starts_para(idx, self.next_para)

    def _new_part(self) -> None:
        self.part += 1
        self.next_para = 1
        self.list_next = 0

    def _check_numbering(self, lineno: int, found: int) -> None:
        if found == 1 or found == self.list_next:
            self.list_next = found + 1  # a numbered list inside the paragraph
            return
        expected = self.next_para
        what = "repeats" if found < expected else f"skips to it from ¶{expected - 1}"
        self.issues.append(f"line {lineno}: paragraph number {found} {what}")

    def _next_body(self, idx: int, ahead: int) -> list[str]:
        out: list[str] = []
        for _, raw in self.content[idx + 1 :]:
            s = raw.strip()
            if not s or raw == "\f" or L.is_page_noise(s, self.doc_symbol) or L.URL_ONLY.match(s):
                continue
            out.append(s)
            if len(out) == ahead:
                break
        return out

    def _next_starts_para(self, idx: int, n: int) -> bool:
        nxt = self._next_body(idx, 1)
        m = L.PARA_START.match(nxt[0]) if nxt else None
        return bool(m and int(m.group(1)) == n)

    def _para_follows(self, idx: int) -> bool:
        """A heading is followed, within two lines, by the next paragraph or a heading."""
        for s in self._next_body(idx, 2):
            m = L.PARA_START.match(s)
            if (m and int(m.group(1)) == self.next_para) or L.HEADING.match(s):
                return True
        return False

    def _append(self, text: str) -> None:
        text, refs = L.take_refs(text, self.last_char, self.next_ref)
        self.next_ref += len(refs)
        self.block.refs.extend(refs)
        self.block.line_refs.append(refs)
        self.block.line_pages.append(self.page)
        self.block.lines.append(text)
        self.last_char = text.rstrip()[-1:] or self.last_char

    def _open(self, block: _Block) -> None:
        self._close()
        self.block = block
        if block.kind == "para":  # a footnote on a heading belongs to the text below it
            block.refs[:0] = self.pending_refs
            self.pending_refs = []

    def _close(self) -> None:
        block = self.block
        if block.kind == "heading":
            for level in [lv for lv in self.headings if lv >= block.level]:
                del self.headings[level]
            self.headings[block.level] = join_lines(block.lines)
            if block.marked:  # its footnotes go to the unit below it (plain text: lost)
                self.pending_refs += block.refs
            return
        block.section = SECTION_SEP.join(self.headings[k] for k in sorted(self.headings))
        self.blocks.append(block)

    # -- result --------------------------------------------------------------
    def _document(self) -> ParsedDocument:
        paras = [b for b in self.blocks if b.kind == "para"]
        if not paras:
            raise ParseError(
                f"{self.name}: no numbered paragraphs found (expected lines such as '1. …' "
                "or article headings such as 'Article 1')"
            )
        if self.issues:
            more = f" (and {len(self.issues) - 3} more)" if len(self.issues) > 3 else ""
            raise ParseError(f"{self.name}: broken paragraph numbering: "
                             + "; ".join(self.issues[:3]) + more)
        notes = {n: join_lines(parts) for n, parts in self.footnotes.items()}
        body = " ".join(join_lines(b.lines) for b in paras)
        lang = detect_lang(body)
        doc_id = self.doc_symbol or self.default_doc_id
        records: list[Paragraph] = []
        title, subtitle = "", ""
        preamble = next((b for b in self.blocks if b.kind == "preamble" and b.lines), None)
        if preamble is not None:
            front = Front(preamble.lines, preamble.line_refs, preamble.line_pages,
                          self.front_marks, self.record)
            records += front_paragraphs(front, doc_id=doc_id, lang=lang, notes=notes,
                                        paged=self.explicit_pages)
            title, subtitle = front_title(front)
        for b in paras:
            records.append(
                Paragraph(
                    doc_id=doc_id,
                    n=b.n,
                    text=join_lines(b.lines),
                    section=b.section,
                    footnotes=tuple(Footnote(r, notes[r]) for r in b.refs if r in notes),
                    page=b.page,
                    lang=lang,
                )
            )
        return ParsedDocument(doc_id, lang, tuple(records), self.name, notes, self.doc_symbol,
                              title=title, subtitle=subtitle,
                              kind=document_kind(title, subtitle, self.doc_symbol))


def _doc_symbol(rows) -> str | None:
    counts = Counter(s for s in (r.strip() for r in rows) if L.SYMBOL.match(s))
    return counts.most_common(1)[0][0] if counts else None


def _double_spaced(rows: list[str]) -> bool:
    content = [i for i, r in enumerate(rows[:-1]) if r.strip()]
    if len(content) < 10:
        return False
    followed_by_blank = sum(1 for i in content if rows[i + 1] == "")
    return followed_by_blank / len(content) > 0.6
