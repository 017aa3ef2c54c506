"""Records and errors shared by every pipeline stage.

A paragraph's id, ``f"{doc_id}:{n}"``, is the Chroma id, the citation key and the
eval gold label all at once.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field

from ingest.status import symbol_status

SUMMARY_N = 0  # the title block and summary are stored as paragraph 0
# Preambular paragraphs (unnumbered in the document) are PP1, PP2…: stored as n = 1001,
# 1002… so that they never collide with operative paragraphs or articles.
PREAMBLE_BASE = 1000
# A part numbered anew (an annex, an agenda's annotations) is stored from 2001, the next
# from 3001…: its paragraph k is n = PART_BASE * (part + 1) + k.
PART_BASE = 1000
PARAGRAPHS, ARTICLES = "paragraphs", "articles"  # how a document numbers its units


class IngestError(Exception):
    """A user-facing ingest problem. ``str(err)`` is one line, fit for a terminal."""


class ParseError(IngestError):
    """The file was read but is not a numbered UN document we can parse."""


@dataclass(frozen=True, slots=True)
class Footnote:
    n: int
    text: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    doc_id: str
    n: int
    text: str
    section: str = ""
    footnotes: tuple[Footnote, ...] = ()
    page: int | None = None
    lang: str = "zh"

    @property
    def id(self) -> str:
        return paragraph_id(self.doc_id, self.n)

    @property
    def content_hash(self) -> str:
        """Changes whenever anything we store about the paragraph changes."""
        payload = json.dumps(
            [self.text, self.section, [asdict(f) for f in self.footnotes], self.page, self.lang],
            ensure_ascii=False,
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "n": self.n,
            "text": self.text,
            "section": self.section,
            "footnotes": [asdict(f) for f in self.footnotes],
            "page": self.page,
            "lang": self.lang,
        }


@dataclass(frozen=True, slots=True)
class ParsedDocument:
    doc_id: str
    lang: str
    paragraphs: tuple[Paragraph, ...]
    source: str = ""
    footnotes: dict[int, str] = field(default_factory=dict)
    symbol: str | None = None  # the UN document symbol, shared by all language versions
    title: str = ""
    subtitle: str = ""  # "Report of the Special Rapporteur…", "South Africa: draft resolution"
    kind: str = "document"  # report, resolution, draft resolution, declaration… (ingest.kinds)
    numbering: str = PARAGRAPHS

    @property
    def numbered(self) -> tuple[Paragraph, ...]:
        return tuple(p for p in self.paragraphs if p.n != SUMMARY_N)

    def info(self) -> DocumentInfo:
        symbol = self.symbol or self.doc_id
        status = symbol_status(symbol, self.kind)
        return DocumentInfo(self.doc_id, symbol, self.title, self.kind, self.lang, self.source,
                            self.numbering, self.subtitle, len(self.paragraphs), status.draft,
                            status.revision, status.corrigendum, status.addendum)


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """What a document is, beside its paragraphs: one record per doc_id in the store."""

    doc_id: str
    symbol: str  # shared by the language versions; the doc_id itself when it has none
    title: str = ""
    kind: str = "document"
    lang: str = "zh"
    source: str = ""  # the file it was ingested from
    numbering: str = PARAGRAPHS
    subtitle: str = ""
    units: int = 0
    # its status as the symbol (or, for a draft, the kind) says (ingest.status)
    draft: bool = False
    revision: int = 0
    corrigendum: int = 0
    addendum: int = 0

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> DocumentInfo:
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        if "draft" not in data and "symbol" in data:  # a record stored before the status
            status = symbol_status(str(data["symbol"]), str(data.get("kind", "")))
            known.update(draft=status.draft, revision=status.revision,
                         corrigendum=status.corrigendum, addendum=status.addendum)
        return cls(**known)


def is_preambular(n: int) -> bool:
    return PREAMBLE_BASE < n < 2 * PART_BASE


def part_unit(part: int, k: int) -> int:
    """The stored number of paragraph ``k`` of ``part`` (0: the body)."""
    return k if part == 0 else PART_BASE * (part + 1) + k


def is_annexed(n: int) -> bool:
    """A paragraph of a part numbered anew: an annex, an agenda's annotations."""
    return n > 2 * PART_BASE


def reading_key(n: int) -> tuple[int, int]:
    """Reading order: the title block, the preamble, then the numbered units."""
    return (0 if n == SUMMARY_N else 1 if is_preambular(n) else 2, n)


def unit_label(n: int) -> str:
    """How a unit is cited inside its document: "¶9", "PP3"; an article is "¶5" too
    (citations keep the [doc ¶N] form), its heading says "Article 5"."""
    if is_preambular(n):
        return f"PP{n - PREAMBLE_BASE}"
    return f"¶{n}"


def version_doc_id(symbol: str, lang: str, primary_lang: str) -> str:
    """One symbol, six languages: the primary language keeps the bare symbol."""
    return symbol if lang == primary_lang else f"{symbol} ({lang})"


def symbol_of(doc_id: str) -> str:
    return doc_id.split(" (", 1)[0]


def paragraph_id(doc_id: str, n: int) -> str:
    return f"{doc_id}:{n}"


def split_paragraph_id(pid: str) -> tuple[str, int]:
    doc_id, _, n = pid.rpartition(":")
    return doc_id, int(n)
