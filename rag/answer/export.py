"""An answer taken out of the chat, citable: each [¶N] in the UN's own style
(``A/HRC/47/47, para. 9``; the summary as ``A/HRC/47/47, summary``), every source
paragraph quoted with its official link (``https://undocs.org/<lang>/<symbol>``), other
official language versions beside it, and a machine translation, marked as such, when
the citation carries one. Plain text and Markdown; pure functions over ``Answer``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ingest.base import SUMMARY_N, Paragraph, symbol_of
from rag.answer.base import Answer, Citation, Claim, Message
from rag.answer.messages import render

UN_LANGS = ("ar", "zh", "en", "fr", "ru", "es")  # the official languages undocs.org serves


def un_citation(doc_id: str, n: int) -> str:
    """"A/HRC/47/47, para. 9"; paragraph 0 is the summary: "A/HRC/47/47, summary"."""
    symbol = symbol_of(doc_id)
    return f"{symbol}, summary" if n == SUMMARY_N else f"{symbol}, para. {n}"


def official_url(doc_id: str, lang: str) -> str:
    """The document on undocs.org in ``lang``; its default version for other languages."""
    symbol = symbol_of(doc_id)
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


def machine_translation(item: Any) -> Version | None:
    """A translation a citation carries (``rag.translate.Translation`` or text), when it
    passed its checks; None otherwise. Read duck-typed so that answers without
    translations, or from before they existed, export unchanged."""
    tr = getattr(item, "translation", None)
    if tr is None:
        return None
    if isinstance(tr, str):
        return Version("", tr, official=False) if tr.strip() else None
    if not getattr(tr, "shown", True) or not str(getattr(tr, "text", "")).strip():
        return None
    return Version(str(getattr(tr, "tgt_lang", "")), str(tr.text), official=False,
                   model=str(getattr(tr, "model", "")))


def _official(p: Paragraph) -> Version:
    return Version(p.lang, p.text, official=True, cite=un_citation(p.doc_id, p.n),
                   url=official_url(p.doc_id, p.lang))


def source(c: Citation, lang: str) -> Source:
    versions = [_official(c.counterpart)] if c.counterpart is not None else []
    mt = machine_translation(c)
    if mt is not None:
        versions.append(mt)
    return Source(un_citation(c.doc_id, c.n), c.doc_id, c.n, lang, c.section, c.text,
                  official_url(c.doc_id, lang), c.supported, versions)


def _lang_of(answer: Answer, doc_id: str, n: int) -> str:
    hit = next((h for h in answer.retrieved
                if h.paragraph.doc_id == doc_id and h.paragraph.n == n), None)
    return hit.paragraph.lang if hit is not None else answer.language


def sources(answer: Answer) -> list[Source]:
    """The cited paragraphs; for a refusal, the closest ones it points to."""
    if answer.citations:
        return [source(c, _lang_of(answer, c.doc_id, c.n)) for c in answer.citations]
    first = list(answer.refusal.pointers) if answer.refusal else []
    hits = sorted(answer.retrieved, key=lambda h: first.index(h.id) if h.id in first
                  else len(first))[:3]
    return [Source(un_citation(h.paragraph.doc_id, h.paragraph.n), h.paragraph.doc_id,
                   h.paragraph.n, h.paragraph.lang, h.paragraph.section, h.paragraph.text,
                   official_url(h.paragraph.doc_id, h.paragraph.lang), True,
                   [_official(h.counterpart)] if h.counterpart is not None else [])
            for h in hits]


def claim_line(answer: Answer, claim: Claim) -> str:
    body = f"“{claim.text}”" if claim.quoted else claim.text
    cites = [c for c in (answer.citation(r) for r in claim.refs) if c is not None]
    return body + "".join(f" [{un_citation(c.doc_id, c.n)}]" for c in cites)


def answer_lines(answer: Answer) -> list[str]:
    """The answer as ``answer.text`` has it, with every marker in UN style."""
    lang = answer.language
    if answer.refused:
        lines = [render(Message("refusal"), lang)]
        if answer.refusal is not None:
            lines.append(render(Message(f"reason.{answer.refusal.reason}",
                                        answer.refusal.args), lang))
        return lines
    lines = [render(answer.lead, lang)] if answer.lead else []
    lines += [claim_line(answer, c) for c in answer.claims]
    lines += [render(n, lang) for n in answer.notes]
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
        out.append(f"[{i}] {s.cite}{flag} — {s.url}")
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
        out.append(f"{i}. **{_md(s.cite)}**{flag} — <{s.url}>  ")
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
