"""The evidence panel: one card per cited paragraph, then the other retrieved ones.

A card is ``<details id="card-KEY">``; a chip's ``href="#card-KEY"`` names it and the
page script (ui/assets.py) opens and scrolls to it. Cards start closed so a click is
what opens one; the summary line already shows number, section, score and status.
"""

from __future__ import annotations

from collections.abc import Iterable

from ingest.base import Paragraph
from rag.answer.base import Answer, Citation, Claim
from rag.base import Hit
from ui.labels import t
from ui.render import card_key, deep_link, esc, para_label, short_section, text_html


def find_spans(text: str, needles: Iterable[str]) -> list[tuple[int, int]]:
    """Where the needles occur in ``text`` (case-insensitive), merged and sorted."""
    low = text.lower()
    spans = []
    for needle in needles:
        at, n = 0, needle.lower()
        while n and (i := low.find(n, at)) >= 0:
            spans.append((i, i + len(n)))
            at = i + len(n)
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def highlight(text: str, needles: Iterable[str]) -> str:
    """Escaped ``text`` with each needle wrapped in <mark>; escaping happens per piece."""
    out, last = [], 0
    for s, e in find_spans(text, needles):
        out.append(text_html(text[last:s]))
        out.append(f"<mark>{text_html(text[s:e])}</mark>")
        last = e
    out.append(text_html(text[last:]))
    return "".join(out)


def footnotes_html(notes: list[dict], lang: str) -> str:
    if not notes:
        return ""
    items = "".join(f'<li><span class="fn-n">{esc(f["n"])}</span> {text_html(f["text"])}</li>'
                    for f in notes)
    return (f'<div class="footnotes"><span class="label">{esc(t(lang, "footnotes"))}</span>'
            f"<ul>{items}</ul></div>")


def counterpart_html(other: Paragraph | None, lang: str) -> str:
    """The same paragraph in the report's other language version, when it is stored."""
    if other is None:
        return ""
    return (f'<details class="counterpart"><summary>'
            f'{esc(t(lang, "counterpart", doc=other.doc_id))}</summary>'
            f'<p class="para-text">{text_html(other.text)}</p></details>')


def link_html(doc_id: str, n: int, lang: str) -> str:
    """A shareable link to the paragraph in the reader (opens in a new tab)."""
    return (f'<a class="deep-link" href="{esc(deep_link(doc_id, n))}" target="_blank" '
            f'rel="noopener" title="{esc(t(lang, "link_title"))}">🔗 {esc(t(lang, "link"))}</a>')


def _card(key: str, p: Paragraph | Citation, body: str, badges: str, lang: str,
          *, open_: bool, extra_class: str = "") -> str:
    """Shared frame: summary line (number, short section, badges) and the body."""
    sec = short_section(p.section)
    full = f'<div class="section-full">{esc(p.section)}</div>' if p.section else ""
    full += link_html(p.doc_id, p.n, lang)
    return (f'<details class="card {extra_class}" id="card-{esc(key)}"{" open" if open_ else ""}>'
            f'<summary><span class="pn">{esc(para_label(p.n, lang))}</span> '
            f'<span class="doc">{esc(p.doc_id)}</span> '
            f'<span class="sec" title="{esc(p.section)}">{esc(sec)}</span>{badges}</summary>'
            f'<div class="card-body">{full}{body}</div></details>')


def translations_html(claims: list[Claim], lang: str) -> str:
    """The machine translations of this paragraph's quotes, labelled as such, or why a
    translation is not shown."""
    out = []
    for claim in claims:
        tr = claim.translation
        if tr is None:
            continue
        if tr.shown:
            out.append(f'<div class="mt"><span class="mt-label">'
                       f'{esc(t(lang, "mt_label", model=tr.model))}</span> '
                       f'<span class="mt-text">{text_html(tr.text)}</span></div>')
        else:
            why = t(lang, "mt_withheld", checks=", ".join(tr.failed))
            out.append(f'<div class="mt withheld">{esc(why)}</div>')
    return "".join(out)


def citation_card(c: Citation, hit: Hit | None, turn: int, lang: str, *,
                  open_: bool = False, claims: list[Claim] | None = None) -> str:
    """A cited paragraph: the translation of its quote where there is one, the full text
    with the quoted sentence marked, footnotes, scores."""
    pieces = [q for q in (c.quotes or [c.quote]) if len(q) >= 2]
    found = find_spans(c.text, pieces)
    if not found and hit is not None and hit.best_sentence:
        pieces = [hit.best_sentence]  # a paraphrased claim: mark the closest sentence instead
    body = translations_html(claims or [], lang)
    if body:
        body += f'<div class="ev-original">{esc(t(lang, "original"))}</div>'
    body += f'<p class="para-text">{highlight(c.text, pieces)}</p>'
    if not found and c.quote:
        body += (f'<div class="claim"><span class="label">{esc(t(lang, "claim"))}</span> '
                 f"{text_html(c.quote)}</div>")
    body += footnotes_html(c.footnotes, lang) + counterpart_html(c.counterpart, lang)
    status = (f'<span class="badge ok">✓ {esc(t(lang, "supported"))}</span>' if c.supported
              else f'<span class="badge bad">⚠ {esc(t(lang, "unsupported"))}</span>')
    scores = (f'<span class="score">{esc(t(lang, "score"))} {c.score:.4f} · '
              f'{esc(t(lang, "support"))} {c.support:.2f}</span>')
    return _card(card_key(turn, c.doc_id, c.n), c, body, f" {status} {scores}", lang,
                 open_=open_, extra_class="cited" if c.supported else "cited unsupported")


def hit_card(h: Hit, turn: int, lang: str, *, open_: bool = False) -> str:
    """A retrieved but uncited paragraph, its closest sentence marked."""
    p = h.paragraph
    needles = [h.best_sentence] if h.best_sentence else []
    body = f'<p class="para-text">{highlight(p.text, needles)}</p>'
    body += footnotes_html([{"n": f.n, "text": f.text} for f in p.footnotes], lang)
    body += counterpart_html(h.counterpart, lang)
    score = f' <span class="score">{esc(t(lang, "score"))} {h.score:.4f}</span>'
    return _card(card_key(turn, p.doc_id, p.n), p, body, score, lang, open_=open_,
                 extra_class="retrieved")


def evidence_html(answer: Answer | None, turn: int, lang: str, *,
                  open_key: str | None = None) -> str:
    """The whole panel for one answer; ``open_key`` starts that card open."""
    head = f'<div class="ev-title">{esc(t(lang, "evidence"))}</div>'
    if answer is None:
        return f'<div class="evidence">{head}<p class="ev-empty">' \
               f'{esc(t(lang, "evidence_empty"))}</p></div>'
    hits = {(h.paragraph.doc_id, h.paragraph.n): h for h in answer.retrieved}
    cited = {(c.doc_id, c.n) for c in answer.citations}
    parts = [head]
    if answer.citations:
        parts.append(f'<div class="ev-head">{esc(t(lang, "cited"))}</div>')
        for c in answer.citations:
            key = card_key(turn, c.doc_id, c.n)
            claims = [cl for cl in answer.claims if any(
                (cit := answer.citation(r)) is not None and cit.key == c.key for r in cl.refs)]
            parts.append(citation_card(c, hits.get((c.doc_id, c.n)), turn, lang,
                                       open_=key == open_key, claims=claims))
    rest = [h for h in answer.retrieved if (h.paragraph.doc_id, h.paragraph.n) not in cited]
    if rest:
        title = "closest" if answer.refused else "also_retrieved"
        parts.append(f'<div class="ev-head">{esc(t(lang, title))}</div>')
        for h in rest:
            key = card_key(turn, h.paragraph.doc_id, h.paragraph.n)
            parts.append(hit_card(h, turn, lang, open_=key == open_key))
    return f'<div class="evidence">{"".join(parts)}</div>'
