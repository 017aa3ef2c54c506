"""Chat-side HTML: answers with clickable citation chips, streaming text, user turns.

Everything that came from a user or a document goes through ``esc`` first; the only
markup on the page is what these functions write. The chat sanitiser keeps ``class``
and ``href`` but drops ``data-*``, so a chip names its card in ``href="#card-KEY"``.
"""

from __future__ import annotations

import html
import re

from ingest.base import SUMMARY_N, unit_label
from ingest.parser import SECTION_SEP
from rag.answer.base import Answer, Citation, Claim, Message
from rag.answer.citations import parse_markers
from rag.answer.messages import render
from rag.base import Fact, Hit
from rag.translate.answers import Translating, Waiting
from ui.labels import t

_PREFIX = re.compile(r"^\s*([^\s.．、]{1,6})[.．、]\s*")


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def slug(doc_id: str) -> str:
    """An id-safe form of a document symbol: "A/HRC/47/47" -> "A-HRC-47-47"."""
    return re.sub(r"[^A-Za-z0-9]+", "-", doc_id).strip("-") or "doc"


def deep_link(doc_id: str, n: int) -> str:
    """The reader at one paragraph, relative to the page: "?doc=A/HRC/47/47&p=9"."""
    from urllib.parse import urlencode

    return "?" + urlencode({"doc": doc_id, "p": n}, safe="/")


def card_key(turn: int, doc_id: str, n: int) -> str:
    """The card a chip opens. The turn keeps chips of older answers distinct."""
    return f"t{turn}-{slug(doc_id)}-{n}"


def short_section(section: str) -> str:
    """"三. 落实… › B. 联合国… › 1. 普遍定期审议" -> "三 › B › 1. 普遍定期审议"."""
    parts = [p.strip() for p in section.split(SECTION_SEP) if p.strip()]
    if not parts:
        return ""
    heads = []
    for part in parts[:-1]:
        m = _PREFIX.match(part)
        heads.append(m.group(1) if m else (part[:8] + "…" if len(part) > 8 else part))
    return SECTION_SEP.join(heads + [parts[-1]])


def para_label(n: int, lang: str) -> str:
    return t(lang, "summary") if n == SUMMARY_N else unit_label(n)


def text_html(text: str) -> str:
    """Escaped text with line breaks kept."""
    return esc(text).replace("\n", "<br>")


def chip(label: str, key: str | None, *, supported: bool = True) -> str:
    """A citation marker; with a key it is a link that opens card ``key``."""
    cls = "cite-chip" if supported else "cite-chip unsupported"
    if key is None:
        return f'<span class="{cls} pending">{esc(label)}</span>'
    mark = "" if supported else " ⚠"
    return f'<a class="{cls}" href="#card-{esc(key)}">{esc(label)}{mark}</a>'


def find_citation(citations: list[Citation], n: int, doc_id: str | None) -> Citation | None:
    """The citation a marker names: by document and number, or by a unique number."""
    if doc_id is not None:
        return next((c for c in citations if c.doc_id == doc_id and c.n == n), None)
    same = [c for c in citations if c.n == n]
    return same[0] if len(same) == 1 else None


def text_with_chips(text: str, citations: list[Citation], turn: int | None) -> str:
    """Escape ``text`` and turn each [¶N] marker into a chip (inert while streaming)."""
    out, last = [], 0
    for m in parse_markers(text):
        out.append(text_html(text[last : m.start]))
        raw = text[m.start : m.end]
        cit = find_citation(citations, m.n, m.doc_id)
        if turn is None:
            out.append(chip(raw, None))
        elif cit is None:
            out.append(esc(raw))  # not a checked citation: plain text, no chip
        else:
            out.append(chip(raw, card_key(turn, cit.doc_id, cit.n), supported=cit.supported))
        last = m.end
    out.append(text_html(text[last:]))
    return "".join(out)


def streaming_html(partial: str, lang: str) -> str:
    """The answer as it forms; chips are not clickable until the checked answer arrives."""
    body = text_with_chips(partial, [], None) if partial else esc(t(lang, "thinking"))
    return f'<div class="answer streaming">{body}<span class="cursor">▍</span></div>'


def claim_html(answer: Answer, claim: Claim, turn: int, lang: str = "en") -> str:
    """One claim and a chip for each paragraph it cites; a machine translation is marked
    as one (its original is on the card)."""
    if claim.translated and claim.translation is not None:
        body = claim.translation.text
    else:
        body = f"“{claim.text}”" if claim.quoted else claim.text
    chips = []
    for ref in claim.refs:
        c = answer.citation(ref)
        if c is None:  # not a checked citation: plain text, no chip
            doc_id, n = ref
            chips.append(esc(f"[{doc_id} ¶{n}]" if doc_id else f"[¶{n}]"))
        else:
            chips.append(chip(c.label, card_key(turn, c.doc_id, c.n), supported=c.supported))
    model = claim.translation.model if claim.translation is not None else ""
    mt = (f'<sup class="mt-mark" title="{esc(t(lang, "mt_mark", model=model))}">MT</sup>'
          if claim.translated else "")
    return f'<span class="claim-text">{text_html(body)}</span>{mt}{"".join(chips)}'


def gist_html(answer: Answer, claim: Claim, turn: int, lang: str) -> str:
    """A machine-translated quote as a marked gist: first the facts strip (by rule and
    terminology, so guaranteed), then the translation under its warning, then the
    original it was made from."""
    if not claim.translated or claim.translation is None:
        return claim_html(answer, claim, turn, lang)
    names = LANG_NAME.get(lang, LANG_NAME["en"])
    src = claim.translation.src_lang
    label = t(lang, "original_of", language=names.get(src, src))
    return (f'<div class="gist">{facts_html(claim.facts, lang)}'
            f'<div class="gist-text"><span class="mt-head">{esc(t(lang, "mt_gist"))}</span> '
            f'{claim_html(answer, claim, turn, lang)}</div>'
            f'<div class="original-beside"><span class="original-label">{esc(label)}</span> '
            f'<span lang="{esc(src)}">{text_html(claim.quote)}</span></div></div>')


LANG_NAME = {"zh": {"zh": "中文", "en": "英文"}, "en": {"zh": "Chinese", "en": "English"}}


def facts_html(facts: list[Fact], lang: str) -> str:
    """A quote's numbers, dates and names as the original writes them, each with its form
    in the reader's language where a rule or the terminology gives one."""
    if not facts:
        return ""
    items = "".join(f'<span class="fact fact-{esc(f.kind)}">{esc(f.text)}'
                    + (f'<span class="gloss">{esc(f.gloss)}</span>' if f.gloss else "")
                    + "</span>" for f in facts)
    return (f'<div class="facts"><span class="facts-head">{esc(t(lang, "facts"))}</span>'
            f"{items}</div>")


def waiting_html(answer: Answer, waiting: Waiting, turn: int, lang: str) -> str:
    """A claim whose translation is being made: its original, labelled as such, with its
    chips, and the facts strip under it."""
    names = LANG_NAME.get(lang, LANG_NAME["en"])
    label = t(lang, "original_of", language=names.get(waiting.src, waiting.src))
    return (f'<span class="waiting"><span class="original-label">{esc(label)}</span>'
            f'{claim_html(answer, waiting.claim, turn, lang)}</span>'
            f"{facts_html(waiting.facts, lang)}")


def translating_html(state: Translating, turn: int, lang: str) -> str:
    """The answer while the model translates its quotes: the lead, every claim (a quote
    translated and checked already in the reader's language, a waiting one as its
    original with its facts), and a "translating…" state. The model's text is never
    shown before its checks pass."""
    answer = state.answer
    waiting = {id(w.claim): w for w in state.waiting}
    parts = [understood_html(answer, lang), taken_as_html(answer, lang)]
    if answer.lead:
        kind = "correction" if answer.outcome == "correction" else "lead"
        parts.append(message_html(answer.lead, lang, kind))
    claims = [waiting_html(answer, waiting[id(c)], turn, lang) if id(c) in waiting
              else gist_html(answer, c, turn, lang) for c in answer.claims]
    parts.append(f'<div class="answer-text">{"<br>".join(claims)}</div>')
    parts.append(f'<div class="translating-state" title="{esc(t(lang, "mt_gist"))}">'
                 f'{esc(t(lang, "translating"))}<span class="dot"> ▍</span></div>')
    return f'<div class="answer translating">{"".join(parts)}</div>'


def message_html(message: Message, lang: str, cls: str) -> str:
    return f'<div class="{cls}">{text_html(render(message, lang))}</div>'


def understood_html(answer: Answer, lang: str) -> str:
    """How a follow-up was read, when it was rewritten."""
    if not answer.understood_as:
        return ""
    return (f'<div class="understood"><span class="label">{esc(t(lang, "understood_as"))}'
            f'</span> <span class="understood-q">{text_html(answer.understood_as)}</span></div>')


def export_html(answer: Answer, turn: int, lang: str) -> str:
    """"Copy with sources": two links, and the exports they copy (hidden; the page
    script copies them, see ui/assets.py)."""
    from rag.answer.export import as_markdown, as_text

    return (f'<div class="export"><a class="copy-src" href="#copy-text-t{turn}">'
            f'{esc(t(lang, "copy_sources"))}</a> · <a class="copy-src" '
            f'href="#copy-md-t{turn}">{esc(t(lang, "copy_markdown"))}</a>'
            f'<span class="copied" hidden>✓ {esc(t(lang, "copied"))}</span>'
            f'<pre class="export-text" hidden>{esc(as_text(answer))}</pre>'
            f'<pre class="export-md" hidden>{esc(as_markdown(answer))}</pre></div>')


def answer_html(answer: Answer, turn: int, lang: str) -> str:
    """The final, checked answer: chips for citations, or a refusal with its reason (on
    hover) and the closest passages. Words around the quotes follow the UI language."""
    parts = [understood_html(answer, lang), taken_as_html(answer, lang)]
    if answer.notice:
        parts.append(message_html(answer.notice, lang, "notice"))
    if answer.outcome == "hedge":  # uncertain: say so, and point to the closest passages
        reason = answer.refusal
        why = render(Message(f"reason.{reason.reason}", reason.args), lang) if reason else ""
        hedge = text_html(render(Message("hedge", {**answer.refusal_message().args}), lang))
        parts.append(f'<div class="hedge" title="{esc(why)}">⚠ {hedge}</div>')
        parts.append(closest_html(pointed(answer), turn, lang))
    elif answer.refused:
        reason = answer.refusal
        why = render(Message(f"reason.{reason.reason}", reason.args), lang) if reason else ""
        title = f' title="{esc(why)}"' if why else ""
        refusal = text_html(render(answer.refusal_message(), lang))
        parts.append(f'<div class="refusal"{title}>{refusal}</div>')
        if reason is not None and reason.reason == "partial":
            parts.append(f'<div class="partial">{text_html(why)}</div>')
        parts.append(closest_html(pointed(answer), turn, lang))
    else:
        if answer.lead:
            kind = "correction" if answer.outcome == "correction" else "lead"
            parts.append(message_html(answer.lead, lang, kind))
        claims = "<br>".join(gist_html(answer, c, turn, lang) for c in answer.claims)
        parts.append(f'<div class="answer-text">{claims}</div>')
        parts += [message_html(n, lang, "answer-note") for n in answer.shown_notes()]
        bad = sum(1 for c in answer.citations if not c.supported)
        if bad:
            parts.append(f'<div class="unsupported-note">⚠ '
                         f'{esc(t(lang, "unsupported_note", n=bad))}</div>')
    return f'<div class="answer">{"".join(parts)}</div>'


def taken_as_html(answer: Answer, lang: str) -> str:
    """Which document(s) the question was taken to mean, and whether it searched only
    there: "Taken to mean: Universal Declaration of Human Rights (A/RES/217(III))"."""
    if not answer.documents:
        return ""
    names = []
    for d in answer.documents:
        title = d["title"].get(lang) or d["title"].get("zh" if lang == "en" else "en") or ""
        names.append(f'<span class="taken-doc" title="{esc(d["kind"])}">{esc(title)} '
                     f'<span class="taken-symbol">({esc(d["symbol"])})</span></span>')
    key = "taken_only" if answer.searched_only else "taken_first"
    return (f'<div class="taken-as"><span class="taken-head">{esc(t(lang, key))}</span> '
            f'{"; ".join(names)}</div>')


def pointed(answer: Answer) -> list[Hit]:
    """The retrieved paragraphs, those the refusal points to first."""
    first = list(answer.refusal.pointers) if answer.refusal else []
    rank = {pid: i for i, pid in enumerate(first)}
    return sorted(answer.retrieved, key=lambda h: rank.get(h.id, len(rank)))


def closest_html(hits: list[Hit], turn: int, lang: str, limit: int = 3) -> str:
    if not hits:
        return ""
    items = []
    for h in hits[:limit]:
        p = h.paragraph
        key = card_key(turn, p.doc_id, p.n)
        items.append(f"<li>{chip(para_label(p.n, lang), key)} "
                     f'<span class="sec">{esc(short_section(p.section))}</span></li>')
    return (f'<div class="closest"><span class="closest-head">{esc(t(lang, "closest"))}</span>'
            f'<ul>{"".join(items)}</ul></div>')


def user_html(question: str) -> str:
    return f'<div class="question">{text_html(question)}</div>'


def error_html(message: str) -> str:
    return f'<div class="error">⚠ {esc(message)}</div>'
