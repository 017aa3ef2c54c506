"""The stored documents as a question may name them, and the names a question uses.

A question names a document by its symbol ("A/HRC/47/47"), its title or the
distinctive part of it ("the Universal Declaration", "世界人权宣言"), a title that is
only a subject ("the right to development") next to its kind ("the draft resolution on
the right to development", "发展权决议草案"), or its kind alone ("the draft
resolution", "报告") when only one stored document is of that kind. Titles are also
matched in the other language through the curated UN terminology.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from ingest.base import ARTICLES, DocumentInfo

# how a question writes each kind, longest first within a language
KIND_WORDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "draft resolution": (("draft resolution", "draft"), ("决议草案", "草案")),
    "draft decision": (("draft decision",), ("决定草案",)),
    "concluding observations": (("concluding observations",), ("结论性意见",)),
    "general comment": (("general comment",), ("一般性意见",)),
    "declaration": (("declaration",), ("宣言",)),
    "convention": (("convention",), ("公约",)),
    "covenant": (("covenant",), ("盟约",)),
    "charter": (("charter",), ("宪章",)),
    "resolution": (("resolution",), ("决议",)),
    "decision": (("decision",), ("决定",)),
    "report": (("report",), ("报告",)),
}
SYMBOL, TITLE, PART, KIND = 4, 3, 2, 1  # how strongly a mention names its document
_CUT = re.compile(r"\s*[:：,，(（—]|\s+[-–]\s+|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


@dataclass(frozen=True)
class Document:
    """One document across its language versions."""

    symbol: str
    versions: dict[str, DocumentInfo]  # doc_id -> record

    @cached_property
    def doc_ids(self) -> frozenset[str]:
        return frozenset(self.versions)

    @cached_property  # read for every document by every question's routing
    def kind(self) -> str:
        kinds = [v.kind for v in self.versions.values() if v.kind != "document"]
        return kinds[0] if kinds else "document"

    @property
    def numbering(self) -> str:
        return ARTICLES if any(v.numbering == ARTICLES for v in self.versions.values()) \
            else "paragraphs"

    def title(self, lang: str) -> str:
        """The title in ``lang`` when a version in it is stored, else any title."""
        same = [v.title for v in self.versions.values() if v.lang == lang and v.title]
        other = [v.title for v in self.versions.values() if v.title]
        return (same or other or [""])[0]

    def langs(self) -> set[str]:
        return {v.lang for v in self.versions.values() if v.lang}


@dataclass(frozen=True)
class Mention:
    symbol: str
    start: int
    end: int
    strength: int  # SYMBOL, TITLE, PART or KIND


@dataclass
class Catalogue:
    """Every stored document with the forms a question may name it by."""

    documents: dict[str, Document]  # symbol -> document
    # symbol -> (name forms that name it alone, subject titles that need a kind word)
    names: dict[str, tuple[list[str], list[str]]] = field(default_factory=dict)
    _kinds: dict[str, list[str]] | None = field(default=None, repr=False)  # kind -> symbols
    _symbols: dict[str, str] = field(default_factory=dict, repr=False)  # symbol -> _plain

    @classmethod
    def build(cls, infos: Iterable[DocumentInfo],
              translations: Mapping[str, list[str]] | None = None) -> Catalogue:
        """``translations``: a form in one language -> its forms in the other (the
        curated terminology, keys lower-cased)."""
        by_symbol: dict[str, dict[str, DocumentInfo]] = {}
        for info in infos:
            by_symbol.setdefault(info.symbol, {})[info.doc_id] = info
        docs = {s: Document(s, v) for s, v in by_symbol.items()}
        cat = cls(docs)
        for symbol, doc in docs.items():
            own: list[str] = []
            subject: list[str] = []
            titles = [v.title for v in doc.versions.values() if v.title]
            forms = [t for title in titles for t in _forms(title)]
            forms += [x for f in forms for x in (translations or {}).get(f.lower(), [])]
            for form in dict.fromkeys(_plain(f) for f in forms):
                if len(form) < 2:
                    continue
                (own if _has_kind_word(form) else subject).append(form)
            cat.names[symbol] = (own, subject)
        return cat

    def of_kind(self, kind: str) -> list[str]:
        kinds = self._kinds
        if kinds is None:  # filled before it is shared: another thread may read it
            kinds = {}
            for s, d in self.documents.items():
                kinds.setdefault(d.kind, []).append(s)
            self._kinds = kinds
        return kinds.get(kind, [])

    def mentions(self, question: str) -> list[Mention]:
        """Where the question names stored documents, strongest first per document."""
        q = _plain(question)
        found: list[Mention] = []
        for symbol in self.documents:
            if symbol not in self._symbols:
                self._symbols[symbol] = _plain(symbol)
            at = q.find(self._symbols[symbol])
            if at >= 0 and len(symbol) >= 3:
                start, end = _described(q, at, at + len(symbol))
                found.append(Mention(symbol, start, end, SYMBOL))
        for symbol, doc in self.documents.items():
            own, subject = self.names.get(symbol, ([], []))
            for form in own:
                for m in _find(q, form):
                    found.append(Mention(symbol, m[0], m[1], TITLE))
            kinds = KIND_WORDS.get(doc.kind, ((), ()))
            for form in subject:
                for m in _with_kind(q, form, kinds[0] + kinds[1]):
                    found.append(Mention(symbol, m[0], m[1], TITLE))
            for form in own:
                for m in _parts(q, form, kinds[0] + kinds[1]):
                    found.append(Mention(symbol, m[0], m[1], PART))
        for kind, (en, zh) in KIND_WORDS.items():
            owners = self.of_kind(kind)
            if len(owners) != 1:
                continue
            for word in en + zh:
                for m in _kind_alone(q, word):
                    if not _inside(m, found):
                        found.append(Mention(owners[0], m[0], m[1], KIND))
        found = [m for m in found if not _inside((m.start, m.end), found, strictly=True)]
        return sorted(found, key=lambda m: (-m.strength, m.start))

    def words(self) -> set[str]:
        """Every word that names a stored document: never an unknown name in a question."""
        out: set[str] = set()
        for symbol, (own, subject) in self.names.items():
            out.add(_plain(symbol))
            out.update(own + subject)
            kind = self.documents[symbol].kind
            out.update(KIND_WORDS.get(kind, ((), ()))[0] + KIND_WORDS.get(kind, ((), ()))[1])
        return out


_EN_BEFORE = re.compile(r"(?:\b(?:according to|under|in|from|of|by|does|do|did|per)|^)\s*$",
                        re.I)
_EN_AFTER = re.compile(r"^\s*(?:'s\b|,|\?|$|(?:also |not |ever |really )?(?:say|says|said|state|"
                       r"states|stated|provide|provides|urge|urges|urged|ask|asks|asked|call|"
                       r"calls|stress|stresses|recommend|recommends|decide|decides|authori[sz]e|"
                       r"allow|allows|protect|protects|guarantee|guarantees|contain|contains|"
                       r"mention|mentions|include|includes|list|lists|address|addresses|cover|"
                       r"covers|describe|describes|propose|proposes|welcome|welcomes|note|notes|"
                       r"recogni[sz]e|recogni[sz]es|affirm|affirms|reaffirm|reaffirms|define|"
                       r"defines|prohibit|prohibits|require|requires|set|sets|emphasi[sz]e|"
                       r"emphasi[sz]es|view|views|express|expresses|consider|considers)\b)", re.I)
_ZH_BEFORE = re.compile(r"(?:^|根据|按照|依照|依据|据|在|按|从|对照)\s*$")
_ZH_AFTER = re.compile(r"^\s*(?:中|里|内|关于|对|就|规定|认为|指出|提到|提及|说|表示|称|建议|"
                       r"呼吁|强调|决定|如何|怎样|怎么|是否|有何|有没有|有什么|第|敦促|要求|"
                       r"承认|确认|重申|列出|列举|欢迎|注意到|的规定|所说|中的|[，,？?]|$)")


def source_position(question: str, m: Mention) -> bool:
    """The mention names the question's source ("What does X say", "according to X",
    "X 关于…有何规定", "根据X"), not its subject ("起草《世界人权宣言》的人物")."""
    q = _plain(question)
    before, after = q[: m.start], q[m.end :]
    if re.search(r"[a-z]", q[m.start : m.end]) or not re.search(r"[\u4e00-\u9fff]", before[-4:]
                                                               + after[:4]):
        return bool(_EN_BEFORE.search(before) or _EN_AFTER.match(after))
    return bool(_ZH_BEFORE.search(before) or _ZH_AFTER.match(after))


def taken_to_mean(mentions: list[Mention]) -> tuple[list[str], bool]:
    """(the documents the question names, strongest first; whether it names exactly one,
    so that only that one is searched)."""
    best: dict[str, int] = {}
    for m in mentions:
        best[m.symbol] = max(best.get(m.symbol, 0), m.strength)
    symbols = sorted(best, key=lambda s: -best[s])
    return symbols, len(symbols) == 1


def blank(text: str, mentions: Iterable[Mention]) -> str:
    """The question without the words that name documents (same length is not kept)."""
    q = _plain(text)
    keep = [True] * len(text)
    for m in mentions:
        for i in range(m.start, min(m.end, len(keep))):
            keep[i] = False
    if len(q) != len(text):  # a case fold that changed the length: leave it as it is
        return text
    out = "".join(ch if k else " " for ch, k in zip(text, keep))
    out = re.sub(r"《\s*》|“\s*”", " ", out)
    return re.sub(r"\s{2,}", " ", out).strip(" ,，、")


_ALL_KINDS = "|".join(re.escape(w) for en, zh in KIND_WORDS.values() for w in en)
_DESCRIBED = re.compile(rf"\bthe\s+(?:[\w'’]+\s+){{0,3}}?(?:{_ALL_KINDS})"
                        rf"(?:\s+(?:on|of|about)\s+[^()?,;]{{0,80}})?\s*\(?\s*$")


def _described(q: str, start: int, end: int) -> tuple[int, int]:
    """A symbol with the words that describe its document: "the High Commissioner's
    report A/HRC/47/47", "the report on … (A/HRC/47/47)"."""
    m = _DESCRIBED.search(q[:start])
    if not m:
        return start, end
    if q[m.start():start].rstrip().endswith("(") and q[end:].lstrip().startswith(")"):
        end = q.index(")", end) + 1
    return m.start(), end


def _plain(text: str) -> str:
    """Lower case, hyphens and quotes as spaces: "right-to-development" = "right to
    development", "《世界人权宣言》" = " 世界人权宣言 ". One character for one."""
    out = []
    for ch in text.lower():
        out.append(" " if ch in "-‐‑–《》“”\"'‘’「」" else ch)
    return "".join(out)


def _forms(title: str) -> list[str]:
    """A title, without a leading "the", and its short form (up to a colon or comma)."""
    t = re.sub(r"^the\s+", "", title.strip(), flags=re.I)
    short = _CUT.split(t, maxsplit=1)[0].strip()
    forms = [t]
    if short and short != t and (len(short.split()) >= 2 or _han(short) >= 3):
        forms.append(short)
    of = re.match(r"^(\w+) of (?:the )?(.+)$", short, re.I)
    if of and _has_kind_word(of.group(1).lower()):  # Charter of the United Nations
        forms.append(f"{of.group(2)} {of.group(1)}")
    return forms


def _han(text: str) -> int:
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")


def _has_kind_word(form: str) -> bool:
    return any(w in form for en, zh in KIND_WORDS.values() for w in en + zh
               if not w.isascii() or re.search(rf"\b{w}\b", form))


def _find(q: str, form: str) -> list[tuple[int, int]]:
    if form.isascii():
        return [m.span() for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", q)]
    return [m.span() for m in re.finditer(re.escape(form), q)]


_EN_LINK = r"\s+(?:on|about|of|concerning|regarding|entitled|titled)\s+(?:the\s+)?"
_DET = r"(?:(?:the|this|that)\s+)?(?:\d{4}\s+)?"


def _with_kind(q: str, form: str, words: tuple[str, ...]) -> list[tuple[int, int]]:
    """A subject title next to the document's kind: "the draft resolution on the right to
    development", "the right to development draft", "关于发展权的决议草案"."""
    out = []
    f = re.escape(form)
    for w in words:
        k = re.escape(w)
        if w.isascii() and form.isascii():
            pats = [rf"{_DET}(?<!\w){k}{_EN_LINK}{f}(?!\w)",
                    rf"{_DET}(?<!\w){f}\s+{k}(?!\w)"]
        elif not w.isascii() and not form.isascii():
            pats = [rf"(?:这份|该)?(?:关于)?{f}(?:问题)?的?{k}"]
        else:
            continue
        out += [m.span() for p in pats for m in re.finditer(p, q)]
    return out


def _parts(q: str, form: str, words: tuple[str, ...]) -> list[tuple[int, int]]:
    """The distinctive part of a title: its words up to its kind word ("universal
    declaration" of "universal declaration of human rights")."""
    out = []
    for w in words:
        at = form.find(w)
        if at <= 0:
            continue
        part = form[: at + len(w)].strip()
        if part != form and (len(part.split()) >= 2 or (not part.isascii() and len(part) >= 4)):
            out += _find(q, part)
    return out


_OTHER_TITLE = r"(?!\s*(?:no\.\s*)?\d|\s+(?:on|of|by|for|adopted|entitled|concerning)\b)"
_ZH_DEMONSTRATIVE = "(?:这份|该|本|此|这项|这个|这一)"


def _kind_alone(q: str, word: str) -> list[tuple[int, int]]:
    """"the report", "this draft resolution", "报告认为…", "这份决议草案": not "its
    resolution 44/18", "the Declaration on the commemoration…" (another document),
    "第75/233号决议", "75周年宣言" or "特别报告员"."""
    w = re.escape(word)
    if word.isascii():  # "the report", "the High Commissioner's report"
        pat = rf"(?:\b(?:the|this|that)|'s|s')\s+(?:\d{{4}}\s+)?{w}\b{_OTHER_TITLE}"
    else:  # "报告认为", "这份决议草案", "人权高专办报告": its author's name before it
        pat = rf"(?:(?:^|(?<=[，。？！、：；\s(（]))(?:{_ZH_DEMONSTRATIVE})?|" \
              rf"{_ZH_DEMONSTRATIVE}|[\u4e00-\u9fff]{{0,6}}[办员长署处]的?){w}(?!员)"
    return [m.span() for m in re.finditer(pat, q)]


def _inside(span: tuple[int, int] | Mention, found: Iterable[Mention], *,
            strictly: bool = False) -> bool:
    s, e = (span.start, span.end) if isinstance(span, Mention) else span
    for m in found:
        if (m.start, m.end) == (s, e) and strictly:
            continue
        if m.start <= s and e <= m.end:
            return True
    return False


# how an answer names a document of each kind ({} for instruments: by their title)
_KIND_NAMES = {
    "report": ("the report", "报告"), "draft resolution": ("the draft resolution", "决议草案"),
    "resolution": ("the resolution", "决议"), "draft decision": ("the draft decision", "决定草案"),
    "decision": ("the decision", "决定"),
    "concluding observations": ("the concluding observations", "结论性意见"),
    "general comment": ("the general comment", "一般性意见"), "note": ("the note", "说明"),
    "document": ("the document", "文件"),
}
INSTRUMENTS = {"declaration", "convention", "covenant", "charter"}


def document_names(doc: Document, catalogue: Catalogue,
                   translations: Mapping[str, list[str]] | None = None) -> dict[str, str]:
    """How an answer names ``doc`` in each language: "the report", "the draft
    resolution", "the Universal Declaration of Human Rights", "《世界人权宣言》"; with its
    symbol when another stored document is of the same kind."""
    kind = doc.kind
    if kind in INSTRUMENTS:
        en = _short(doc.title("en")) if "en" in doc.langs() else ""
        zh = _short(doc.title("zh")) if "zh" in doc.langs() else ""
        en = en or _translate(zh, translations) or KIND_WORDS[kind][0][0]
        zh = zh or _translate(en, translations) or KIND_WORDS[kind][1][0]
        return {"en": f"the {re.sub(r'^the ', '', en, flags=re.I)}", "zh": f"《{zh}》"}
    en, zh = _KIND_NAMES.get(kind, _KIND_NAMES["document"])
    if len(catalogue.of_kind(kind)) > 1:
        en, zh = f"{en} {doc.symbol}", f"{doc.symbol}号{zh}" if zh != "文件" else doc.symbol
    return {"en": en, "zh": zh}


def _short(title: str) -> str:
    return _CUT.split(title.strip(), maxsplit=1)[0].strip() if title else ""


def _translate(form: str, translations: Mapping[str, list[str]] | None) -> str:
    found = (translations or {}).get(form.lower(), []) if form else []
    return found[0] if found else ""
