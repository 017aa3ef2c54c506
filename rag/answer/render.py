"""Plain-text rendering of an answer: the answer text itself, and the terminal view."""

from __future__ import annotations

from ingest.base import unit_label
from rag.answer.base import Answer, Claim, Message
from rag.answer.messages import render


def claim_text(answer: Answer, claim: Claim) -> str:
    """A translated claim in the reader's language, else the claim as it stands (a
    quote in its original language within quotation marks), then its markers."""
    labels = "".join(c.label for c in (answer.citation(r) for r in claim.refs) if c)
    if claim.translated and claim.translation is not None:
        return f"{claim.translation.text}{labels}"
    body = f"“{claim.text}”" if claim.quoted else claim.text
    return f"{body}{labels}"


def answer_text(answer: Answer) -> str:
    """The lead, one claim a line with its markers, then the notes."""
    lang = answer.language
    if answer.refused:
        text = render(answer.refusal_message(), lang)
        if answer.refusal is not None and answer.refusal.reason == "partial":
            # a refusal with a pointer: what the report does say instead
            text += "\n" + render(Message("reason.partial", answer.refusal.args), lang)
        return text
    lines = [render(answer.lead, lang)] if answer.lead else []
    lines += [claim_text(answer, c) for c in answer.claims]
    # dictionary glosses help only where an original is shown
    originals = any(c.quoted and not c.translated for c in answer.claims)
    notes = " ".join(render(n, lang) for n in answer.notes
                     if originals or n.key != "glosses")
    if notes:
        lines.append(notes)
    return "\n".join(lines)


def render_answer(answer: Answer) -> str:
    """For the terminal: the notice, the answer, then each citation with its quote; a
    refusal says why and lists the closest passages."""
    lang = answer.language
    lines = [answer.text, ""]
    if answer.notice:
        lines.insert(0, f"[{render(answer.notice, lang)}]")
    if answer.refused:
        if answer.refusal is not None:
            reason = Message(f"reason.{answer.refusal.reason}", answer.refusal.args)
            lines.insert(-1, f"({render(reason, lang)})")
        if answer.retrieved:
            lines.append("Closest passages:" if lang == "en" else "最接近的段落：")
            for h in answer.retrieved[:3]:
                p = h.paragraph
                lines.append(f"  {unit_label(p.n)} · {p.section}")
        return "\n".join(lines).rstrip()
    for c in answer.citations:
        mark = "" if c.supported else "  [UNSUPPORTED]"
        lines.append(f"{unit_label(c.n)} · {c.section}{mark}")
        lines.append(f"  “{c.quote}”")
    return "\n".join(lines).rstrip()
