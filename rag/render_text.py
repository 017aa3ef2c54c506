"""Plain-text rendering of an answer for the terminal."""

from __future__ import annotations

from rag.base import Answer


def render_answer(answer: Answer) -> str:
    lines = [answer.text, ""]
    if answer.notice:
        lines.insert(0, f"[{answer.notice}]")
    if answer.refused:
        if answer.retrieved:
            lines.append("Closest passages:" if answer.language == "en" else "最接近的段落：")
            for h in answer.retrieved[:3]:
                p = h.paragraph
                lines.append(f"  ¶{p.n} · {p.section}")
        return "\n".join(lines).rstrip()
    for c in answer.citations:
        mark = "" if c.supported else "  [UNSUPPORTED]"
        lines.append(f"¶{c.n} · {c.section}{mark}")
        lines.append(f"  “{c.quote}”")
    return "\n".join(lines).rstrip()
