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
from ingest.base import SUMMARY_N, Footnote, Paragraph, ParsedDocument, ParseError
from ingest.kinds import document_kind, title_parts
from ingest.preamble import body_line_at, preamble_paragraphs, split_lines
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


def parse_document(text: str, *, name: str, default_doc_id: str | None = None) -> ParsedDocument:
    """Parse ``text`` (pages optionally separated by ``\\f``); raise ParseError on bad input.

    A text with article headings (``Article 1``, ``第一条``) is numbered by article
    (``ingest.articles``); any other by its numbered paragraphs."""
    if has_articles(text):
        return parse_articles(text, name=name, default_doc_id=default_doc_id or name)
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
        if self.pending_break and self.page_has_text and not self.explicit_pages:
            self.page += 1
            self.page_has_text = False
        self.pending_break = False
        self.page_has_text = True
        if is_para and para is not None:
            self._open(_Block("para", n=self.next_para, page=self.page))
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
        self.block.lines.append(text)
        self.last_char = text.rstrip()[-1:] or self.last_char

    def _open(self, block: _Block) -> None:
        self._close()
        self.block = block

    def _close(self) -> None:
        block = self.block
        if block.kind == "heading":
            for level in [lv for lv in self.headings if lv >= block.level]:
                del self.headings[level]
            self.headings[block.level] = join_lines(block.lines)
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
            summary, pps = self._front(preamble, doc_id, lang, notes)
            records += [summary, *pps]
            at = body_line_at(preamble.lines)
            head = preamble.lines if at is None else preamble.lines[: at + 1]
            title, subtitle = title_parts(_title_lines(head))
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

    def _front(self, block: _Block, doc_id: str, lang: str, notes: dict[int, str]
               ) -> tuple[Paragraph, list[Paragraph]]:
        """Paragraph 0, and a resolution's preambular paragraphs: those after the line
        that names its author ("The General Assembly,"), each opening with its word."""
        at = body_line_at(block.lines)
        if at is None or at == len(block.lines) - 1:
            return self._summary(block, doc_id, lang, notes), []
        head = _Block("preamble", page=block.page, lines=block.lines[: at + 1],
                      refs=[r for refs in block.line_refs[: at + 1] for r in refs])
        split = split_lines(block.lines[at + 1 :], block.line_refs[at + 1 :])
        texts = [join_lines(lines) for lines, _ in split]
        fns = [tuple(Footnote(r, notes[r]) for r in refs if r in notes) for _, refs in split]
        pps = preamble_paragraphs(texts, doc_id=doc_id, lang=lang, blocks=False,
                                  footnotes=fns)
        return self._summary(head, doc_id, lang, notes), pps

    def _summary(self, block: _Block, doc_id: str, lang: str, notes: dict[int, str]) -> Paragraph:
        title: list[str] = []
        summary: list[str] = []
        heading = ""
        for line in block.lines:
            if not heading and line.strip().lower() in L.SUMMARY_TITLES:
                heading = line.strip()
            elif heading:
                summary.append(line)
            elif line.strip():
                title.append(line.strip())
        parts = ["\n".join(title)]
        if heading:
            parts.append(heading + "\n" + join_lines(summary))
        return Paragraph(
            doc_id=doc_id,
            n=SUMMARY_N,
            text="\n".join(p for p in parts if p),
            section=heading or ("概要" if lang == "zh" else "Summary"),
            footnotes=tuple(Footnote(r, notes[r]) for r in block.refs if r in notes),
            page=1,
            lang=lang,
        )


def _title_lines(lines: list[str]) -> list[str]:
    """The title block: what comes before the summary's heading."""
    out = []
    for line in lines:
        if line.strip().lower() in L.SUMMARY_TITLES:
            break
        out.append(line)
    return out


def _doc_symbol(rows) -> str | None:
    counts = Counter(s for s in (r.strip() for r in rows) if L.SYMBOL.match(s))
    return counts.most_common(1)[0][0] if counts else None


def _double_spaced(rows: list[str]) -> bool:
    content = [i for i, r in enumerate(rows[:-1]) if r.strip()]
    if len(content) < 10:
        return False
    followed_by_blank = sum(1 for i in content if rows[i + 1] == "")
    return followed_by_blank / len(content) > 0.6
