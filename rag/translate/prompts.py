"""The one prompt every backend sends: a system instruction and the text as the user turn."""

from __future__ import annotations

import re

from rag.translate.base import LANG_NAMES

_MARKER = re.compile(r"\[\d+\]")

# p3: the sentences before the one translated, as context (who acts, what "it" is)
PROMPT_VERSION = "p3"
_SYSTEM = (
    "You are a professional translator at the United Nations. Translate the user's text "
    "from {src} into {tgt} in the style of United Nations documents. The text may already "
    "contain {tgt} names and terms: copy them exactly as written. Keep every number, date, "
    "percentage and symbol. {extra}Reply with the {tgt} translation only, nothing else."
)
_EXTRA = {
    "en": "Write a month as its English name and a percentage as \"N per cent\". ",
    "zh": "Write simplified Chinese; keep Arabic numerals. ",
}


_CONTEXT = ("The text comes after these sentences of the same paragraph, given only so that "
            "you know who acts and what is meant; do not translate them: «{context}» ")


def messages(text: str, src_lang: str, tgt_lang: str, context: str = ""
             ) -> list[dict[str, str]]:
    """``context``: the paragraph's sentences before ``text`` (its terms already injected):
    "建议挪威审查…" after "the Committee … 它建议…" is the Committee's recommendation, not
    "We recommend Norway…"."""
    extra = _EXTRA.get(tgt_lang, "") + (_CONTEXT.format(context=context) if context else "")
    system = _SYSTEM.format(src=LANG_NAMES[src_lang], tgt=LANG_NAMES[tgt_lang], extra=extra)
    if _MARKER.search(text):  # placeholder injection: only then is the prompt longer
        system += " Keep every marker such as [1] unchanged where it belongs."
    return [{"role": "system", "content": system}, {"role": "user", "content": text}]


def clean(output: str, source: str) -> str:
    """Strip whitespace and quote marks the model wrapped around its whole answer."""
    out = output.strip()
    for left, right in ('""', "“”", "''"):
        if (len(out) > 2 and out[0] == left and out[-1] == right
                and not source.strip().startswith(("“", '"'))):
            out = out[1:-1].strip()
    return out


def max_tokens(text: str) -> int:
    """Room for the translation, not for a runaway repetition."""
    return min(1024, 2 * len(text) + 64)
