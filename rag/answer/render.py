"""The terminal view of an answer: its notice, its text, then each source with its quote."""

from __future__ import annotations

from ingest.base import unit_label
from rag.answer.base import Answer, Claim
from rag.answer.messages import Message, render


def render_answer(answer: Answer) -> str:
    """For the terminal: the notice, the answer, then each citation with its quote; a
    refusal says why and lists the closest passages."""
    lang = answer.language
    lines = [answer.text, ""]
    if answer.notice:
        lines.insert(0, f"[{render(answer.notice, lang)}]")
    if answer.refused:
        if answer.refusal is not None:  # a hedge's reason is "uncertain"
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
        facts = [f for claim in answer.claims if c.key in _keys(answer, claim)
                 for f in claim.facts]
        if facts:  # beside a machine gist: what needs no model to read
            lines.append("  " + " · ".join(f"{f.text} ({f.gloss})" if f.gloss else f.text
                                           for f in dict.fromkeys(facts)))
    return "\n".join(lines).rstrip()


def _keys(answer: Answer, claim: Claim) -> set[tuple[str, int]]:
    return {c.key for c in (answer.citation(r) for r in claim.refs) if c is not None}
