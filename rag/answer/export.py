"""An answer taken out of the chat, citable: each [¶N] in the UN's own style
(``A/HRC/47/47, para. 9``; the summary as ``A/HRC/47/47, summary``), every source
paragraph quoted with its official link (``https://undocs.org/<lang>/<symbol>``), other
official language versions beside it, and a machine translation, marked as such, when
the citation carries one. Plain text and Markdown; pure functions over ``Answer``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ingest.base import ARTICLES, PREAMBLE_BASE, SUMMARY_N, Paragraph, is_preambular, symbol_of
from rag.answer.base import Answer, Citation, Claim, Message
from rag.answer.messages import render

UN_LANGS = ("ar", "zh", "en", "fr", "ru", "es")  # the official languages undocs.org serves
# a UN document symbol (A/HRC/47/47, E/C.12/GC/24, A/RES/217(III)); a name a user gave a
# file without one ("UDHR_en") has no official page
_UN_SYMBOL = re.compile(r"[A-Z]{1,6}(?:/[A-Za-z0-9.()\-]+)+")
Record = Mapping[str, Any]  # a stored document as Answer.records has it


def is_un_symbol(symbol: str) -> bool:
    return bool(_UN_SYMBOL.fullmatch(symbol))


def doc_title(doc: Record | None, lang: str) -> str:
    titles = (doc or {}).get("title") or {}
    return str(titles.get(lang) or next((t for t in titles.values() if t), ""))


def cited_name(doc_id: str, doc: Record | None = None, lang: str = "en") -> str:
    """The document's symbol; its title when it has no UN symbol and a title is known."""
    symbol = str((doc or {}).get("symbol") or symbol_of(doc_id))
    return symbol if is_un_symbol(symbol) else doc_title(doc, lang) or symbol


def un_citation(doc_id: str, n: int, doc: Record | None = None, lang: str = "en") -> str:
    """"A/HRC/47/47, para. 9"; paragraph 0 is the summary: "A/HRC/47/47, summary"; an
    article "A/RES/217(III), art. 5"; a preambular paragraph "…, preambular para. 3"."""
    name = cited_name(doc_id, doc, lang)
    if n == SUMMARY_N:
        return f"{name}, summary"
    if is_preambular(n):
        return f"{name}, preambular para. {n - PREAMBLE_BASE}"
    if (doc or {}).get("numbering") == ARTICLES:
        return f"{name}, art. {n}"
    return f"{name}, para. {n}"


def official_url(doc_id: str, lang: str, doc: Record | None = None) -> str:
    """The document on undocs.org in ``lang``; its default version for other languages;
    "" for a document without a UN symbol."""
    symbol = str((doc or {}).get("symbol") or symbol_of(doc_id))
    if not is_un_symbol(symbol):
        return ""
    return f"https://undocs.org/{lang}/{symbol}" if lang in UN_LANGS \
        else f"https://undocs.org/{symbol}"


@dataclass(frozen=True)
class Version:
    """The paragraph in one more language: an official version, or a machine translation."""

    lang: str
    text: str
    official: bool
    cite: str = ""  # official versions: their own citation and link
    url: str = ""
    model: str = ""  # machine translations: what made it


@dataclass(frozen=True)
class Source:
    cite: str  # "A/HRC/47/47, para. 9"
    doc_id: str
    n: int
    lang: str
    section: str
    text: str
    url: str
    supported: bool = True
    versions: list[Version] = field(default_factory=list)
    document: str = ""  # the document's title, when the store knows it


def machine_translation(item: Any) -> Version | None:
    """The translation a claim carries (``rag.base.Translation`` or text), when it
    passed its checks; None otherwise."""
    tr = getattr(item, "translation", None)
    if tr is None:
        return None
    if isinstance(tr, str):
        return Version("", tr, official=False) if tr.strip() else None
    if not getattr(tr, "shown", True) or not str(getattr(tr, "text", "")).strip():
        return None
    return Version(str(getattr(tr, "tgt_lang", "")), str(tr.text), official=False,
                   model=str(getattr(tr, "model", "")))


def _official(p: Paragraph, records: Mapping[str, Record]) -> Version:
    doc = records.get(p.doc_id)
    return Version(p.lang, p.text, official=True, cite=un_citation(p.doc_id, p.n, doc, p.lang),
                   url=official_url(p.doc_id, p.lang, doc))


def source(c: Citation, lang: str, answer: Answer | None = None) -> Source:
    records = answer.records if answer is not None else {}
    doc = records.get(c.doc_id)
    versions = [_official(c.counterpart, records)] if c.counterpart is not None else []
    if answer is not None:  # the claims' translations of the sentences quoted from c
        for claim in answer.claims:
            cited = (answer.citation(r) for r in claim.refs)
            if any(x is not None and x.key == c.key for x in cited):
                mt = machine_translation(claim)
                if mt is not None and all(v.text != mt.text for v in versions):
                    versions.append(mt)
    return Source(un_citation(c.doc_id, c.n, doc, lang), c.doc_id, c.n, lang, c.section,
                  c.text, official_url(c.doc_id, lang, doc), c.supported, versions,
                  doc_title(doc, answer.language if answer is not None else lang))


def _lang_of(answer: Answer, doc_id: str, n: int) -> str:
    hit = next((h for h in answer.retrieved
                if h.paragraph.doc_id == doc_id and h.paragraph.n == n), None)
    return hit.paragraph.lang if hit is not None else answer.language


def sources(answer: Answer) -> list[Source]:
    """The cited paragraphs; for a refusal, the closest ones it points to."""
    if answer.citations:
        return [source(c, _lang_of(answer, c.doc_id, c.n), answer) for c in answer.citations]
    first = list(answer.refusal.pointers) if answer.refusal else []
    hits = sorted(answer.retrieved, key=lambda h: first.index(h.id) if h.id in first
                  else len(first))[:3]
    out = []
    for h in hits:
        p, doc = h.paragraph, answer.records.get(h.paragraph.doc_id)
        out.append(Source(un_citation(p.doc_id, p.n, doc, p.lang), p.doc_id, p.n, p.lang,
                          p.section, p.text, official_url(p.doc_id, p.lang, doc), True,
                          [_official(h.counterpart, answer.records)] if h.counterpart is not None
                          else [], doc_title(doc, answer.language)))
    return out


def claim_line(answer: Answer, claim: Claim) -> str:
    body = f"“{claim.text}”" if claim.quoted else claim.text
    if claim.translated and claim.translation is not None:  # marked where it stands
        mark = "（机器翻译）" if answer.language == "zh" else " (machine translation)"
        body = f"{claim.translation.text}{mark}"
    cites = [c for c in (answer.citation(r) for r in claim.refs) if c is not None]
    return body + "".join(
        f" [{un_citation(c.doc_id, c.n, answer.records.get(c.doc_id), answer.language)}]"
        for c in cites)


def answer_lines(answer: Answer) -> list[str]:
    """The answer as ``answer.text`` has it, with every marker in UN style."""
    lang = answer.language
    if answer.refused:  # the hedge or the refusal as the answer writes it, then why
        lines = answer.text.splitlines()
        if answer.refusal is not None and answer.refusal.reason != "partial":  # text has it
            lines.append(render(Message(f"reason.{answer.refusal.reason}",
                                        answer.refusal.args), lang))
        return lines
    lines = [render(answer.lead, lang)] if answer.lead else []
    lines += [claim_line(answer, c) for c in answer.claims]
    lines += [render(n, lang) for n in answer.shown_notes()]
    return lines


def _t(key: str, to: str, **args: Any) -> str:
    return render(Message(f"export.{key}", args), to)


def _asked(answer: Answer) -> list[tuple[str, str]]:
    out = [(_t("question", answer.language), answer.question)]
    if answer.understood_as:
        out.append((_t("understood_as", answer.language), answer.understood_as))
    return out


def _version_head(v: Version, lang: str) -> str:
    if v.official:
        return _t("official", lang, lang=v.lang, cite=v.cite, url=v.url)
    return _t("machine", lang, lang=v.lang, model=v.model)


def as_text(answer: Answer) -> str:
    """Plain text that reads correctly pasted anywhere and names every source."""
    lang = answer.language
    out = [f"{label}: {text}" for label, text in _asked(answer)]
    out += ["", *answer_lines(answer), ""]
    srcs = sources(answer)
    head = "closest" if answer.refused else "sources"
    if srcs:
        out.append(_t(head, lang) + ":")
    for i, s in enumerate(srcs, 1):
        flag = "" if s.supported else f" ({_t('unsupported', lang)})"
        out.append(f"[{i}] {s.cite}{flag}" + (f" — {s.url}" if s.url else ""))
        if s.document and s.document not in s.cite:
            out.append(f"    {_t('document', lang)}: {s.document}")
        if s.section:
            out.append(f"    {_t('section', lang)}: {s.section}")
        out.append(_hang(f"    {_t('text', lang, lang=s.lang)}: ", s.text))
        for v in s.versions:
            out.append(_hang(f"    {_version_head(v, lang)}: ", v.text))
    return "\n".join(out).rstrip() + "\n"


def _hang(head: str, text: str) -> str:
    """``head`` then ``text``, its further lines indented under the head's indent."""
    indent = " " * (len(head) - len(head.lstrip()) + 2)
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    return head + f"\n{indent}".join(lines)


def _quote(text: str) -> str:
    return "\n".join(f"   > {line}" if line.strip() else "   >" for line in text.splitlines())


def as_markdown(answer: Answer) -> str:
    """The same in Markdown: the answer, then a numbered list of quoted sources."""
    lang = answer.language
    out = [f"**{label}:** {_md(text)}  " for label, text in _asked(answer)]
    out += ["", *(_md(line).replace("\n", "  \n") + "  " for line in answer_lines(answer)),
            ""]
    srcs = sources(answer)
    if srcs:
        out += [f"**{_t('closest' if answer.refused else 'sources', lang)}**", ""]
    for i, s in enumerate(srcs, 1):
        flag = "" if s.supported else f" ({_t('unsupported', lang)})"
        out.append(f"{i}. **{_md(s.cite)}**{flag}" + (f" — <{s.url}>  " if s.url else "  "))
        if s.document and s.document not in s.cite:
            out.append(f"   *{_t('document', lang)}:* {_md(s.document)}  ")
        if s.section:
            out.append(f"   *{_t('section', lang)}:* {_md(s.section)}  ")
        out += [f"   *{_t('text', lang, lang=s.lang)}:*", "", _quote(_md(s.text)), ""]
        for v in s.versions:
            out += [f"   *{_md(_version_head(v, lang))}:*", "", _quote(_md(v.text)), ""]
    return "\n".join(out).rstrip() + "\n"


def _md(text: str) -> str:
    """Keep document text literal in Markdown: escape what would format or open a tag
    (brackets alone make no link, so the citations stay readable as written)."""
    for ch in "\\`*_<":
        text = text.replace(ch, "\\" + ch)
    return text
