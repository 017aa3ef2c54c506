"""The paragraph reader: a section tree, a text filter and the report in reading order.

Pure functions over ``Paragraph`` lists; the app feeds them ``store.all_paragraphs``.
Tree links are ``href="#para-KEY"``, which the page script scrolls to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.base import Paragraph, is_preambular, unit_label
from ui.cards import footnotes_html, highlight, link_html
from ui.labels import t
from ui.render import SECTION_SEP, esc, para_label, short_section, slug, text_html

# an official version stands where a machine translation would: labelled as what it is
_OFFICIAL = {"en": {"en": "Official English text", "zh": "Official Chinese text"},
             "zh": {"en": "正式英文本", "zh": "正式中文本"}}


@dataclass
class Node:
    title: str
    path: tuple[str, ...]
    first: int  # the first paragraph number under this heading
    last: int
    doc_id: str
    children: list[Node] = field(default_factory=list)


def para_key(doc_id: str, n: int) -> str:
    return f"{slug(doc_id)}-{n}"


def section_tree(paragraphs: list[Paragraph]) -> list[Node]:
    """Headings nested by their " › " path, in reading order, with paragraph ranges."""
    roots: list[Node] = []
    nodes: dict[tuple[str, ...], Node] = {}
    for p in paragraphs:
        parts = tuple(s.strip() for s in p.section.split(SECTION_SEP) if s.strip())
        for depth in range(1, len(parts) + 1):
            path = (p.doc_id, *parts[:depth])
            node = nodes.get(path)
            if node is None:
                node = nodes[path] = Node(parts[depth - 1], path, p.n, p.n, p.doc_id)
                parent = nodes.get(path[:-1]) if depth > 1 else None
                (parent.children if parent else roots).append(node)
            node.first, node.last = min(node.first, p.n), max(node.last, p.n)
    return roots


def tree_html(nodes: list[Node], lang: str) -> str:
    if not nodes:
        return ""

    def item(n: Node) -> str:
        span = para_label(n.first, lang) if n.first == n.last \
            else f"¶{n.first}–{n.last}" if not is_preambular(n.last) \
            else f"{unit_label(n.first)}–{unit_label(n.last)}"
        kids = f"<ul>{''.join(item(c) for c in n.children)}</ul>" if n.children else ""
        return (f'<li><a class="jump" href="#para-{esc(para_key(n.doc_id, n.first))}">'
                f'{esc(n.title)}</a> <span class="range">{esc(span)}</span>{kids}</li>')

    return (f'<nav class="toc"><div class="ev-head">{esc(t(lang, "contents"))}</div>'
            f"<ul>{''.join(item(n) for n in nodes)}</ul></nav>")


def matches(p: Paragraph, query: str) -> bool:
    """Case-insensitive search in the text, section and footnotes; "¶12" finds ¶12."""
    q = query.strip().lower()
    if not q:
        return True
    if q.lstrip("¶#").isdigit():
        return p.n == int(q.lstrip("¶#"))
    if re.fullmatch(r"pp\s*\d{1,3}", q):  # a preambular paragraph: "PP3"
        return unit_label(p.n).lower() == q.replace(" ", "")
    hay = " ".join([p.text, p.section, *(f.text for f in p.footnotes)]).lower()
    return q in hay


def filter_paragraphs(paragraphs: list[Paragraph], query: str) -> list[Paragraph]:
    return [p for p in paragraphs if matches(p, query)]


Rendering = list[tuple[str, bool]]  # sentences in the other language: (text, translated)


def rendering_html(parts: Rendering, lang: str, model: str) -> str:
    if not parts:
        return f'<p class="para-text untranslated">{esc(t(lang, "not_translated"))}</p>'
    body = " ".join(f'<span class="untranslated">{esc(text)}</span>' if not done else esc(text)
                    for text, done in parts)
    label = f'<span class="mt-label">{esc(t(lang, "mt_label", model=model))}</span>'
    return f'<div class="para-mt">{label}<p class="para-text">{body}</p></div>'


def official_html(p: Paragraph, lang: str) -> str:
    """The paragraph's official version in the other language, labelled so."""
    label = _OFFICIAL.get(lang, _OFFICIAL["en"]).get(p.lang, p.lang)
    return (f'<div class="para-mt para-official"><span class="mt-label">{esc(label)} '
            f'({esc(p.doc_id)})</span><p class="para-text">{text_html(p.text)}</p></div>')


def paragraph_html(p: Paragraph, lang: str, *, query: str = "", target: bool = False,
                   view: str = "original", translation: Rendering | None = None,
                   model: str = "", official: Paragraph | None = None) -> str:
    """One paragraph as the reader shows it: number, section, text, footnotes; with
    ``view`` "translation" or "both", its official version in the other language when
    one is stored, else its machine translation, instead or beside it."""
    needles = [query.strip()] if query.strip() and not query.strip().lstrip("¶#").isdigit() \
        else []
    notes = [{"n": f.n, "text": f.text} for f in p.footnotes]
    page = f' <span class="page">{esc(t(lang, "page"))} {esc(p.page)}</span>' \
        if p.page is not None else ""
    cls = "para target" if target else "para"
    return (f'<article class="{cls}" id="para-{esc(para_key(p.doc_id, p.n))}">'
            f'<header><span class="pn">{esc(para_label(p.n, lang))}</span> '
            f'<span class="sec" title="{esc(p.section)}">{esc(short_section(p.section))}</span>'
            f"{page} {link_html(p.doc_id, p.n, lang)}</header>"
            f"{_body(p, needles, lang, view, translation, model, official)}"
            f"{footnotes_html(notes, lang)}</article>")


def _body(p: Paragraph, needles: list[str], lang: str, view: str,
          translation: Rendering | None, model: str, official: Paragraph | None) -> str:
    original = f'<p class="para-text">{highlight(p.text, needles)}</p>'
    if view == "original" or (translation is None and official is None):
        return original
    translated = official_html(official, lang) if official is not None \
        else rendering_html(translation or [], lang, model)
    if view == "translation":
        return translated
    return f'<div class="pair"><div>{original}</div><div>{translated}</div></div>'


def reader_html(paragraphs: list[Paragraph], lang: str, *, query: str = "",
                target: int | None = None, message: str = "", view: str = "original",
                translations: dict[str, Rendering] | None = None, model: str = "",
                official: dict[str, Paragraph] | None = None) -> str:
    """The document in order, filtered by ``query``; a heading wherever the section changes.
    ``official``: paragraph id -> the same paragraph in the official version in the other
    language, shown in place of a machine translation."""
    shown = filter_paragraphs(paragraphs, query)
    parts = []
    if message:
        parts.append(f'<div class="reader-msg">{esc(message)}</div>')
    parts.append(f'<div class="reader-count">'
                 f'{esc(t(lang, "showing", shown=len(shown), total=len(paragraphs)))}</div>')
    if query.strip() and not shown:
        parts.append(f'<p class="reader-msg">{esc(t(lang, "no_match", q=query.strip()))}</p>')
    section = None
    for p in shown:
        if p.section != section:
            section = p.section
            parts.append(f'<h4 class="reader-sec">{esc(section)}</h4>')
        parts.append(paragraph_html(p, lang, query=query, target=p.n == target, view=view,
                                    translation=(translations or {}).get(p.id), model=model,
                                    official=(official or {}).get(p.id)))
    return f'<div class="reader">{"".join(parts)}</div>'
