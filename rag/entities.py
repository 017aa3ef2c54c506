"""Names in a question that the stored documents never mention.

A question about the World Bank, the Swiss franc or 难民署 cannot be answered from a
report that never names them. zh: jieba's proper-noun and unit tags; en: capitalised
names whose dictionary translation is absent. Either way the report does not cover it.
"""

from __future__ import annotations

import re

from rag.bridge import MONTHS, content_stems
from rag.tokens import pos_tokenizer

_CAPS = re.compile(r"\b(?:[A-Z][a-z]+|[A-Z]{2,})(?:[\s\-](?:of |the |for |and |on )?"
                   r"(?:[A-Z][a-z]+|[A-Z]{2,}))*")
_ZH_TAGS = {"nt", "ns", "nr", "nz", "q", "nrt"}
_ORG_SUFFIX = ("署", "局", "银行", "基金会", "组织", "公司", "大学")
_DAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


def occurs(term: str, corpus: str) -> bool:
    """In the corpus as is, or without a leading qualifier (联合国教科文组织 -> 教科文组织)."""
    if term in corpus:
        return True
    return any(term[k:] in corpus for k in range(1, len(term) - 2)
               if (len(term) - k) >= 3 and (len(term) - k) / len(term) >= 0.6)


def unknown_entities(question: str, lang: str, corpus: str,
                     reverse: dict[tuple[str, ...], list[tuple[str, bool, bool]]]) -> list[str]:
    if lang == "zh":
        return _zh(question, corpus)
    return _en(question, corpus, reverse)


def _zh(question: str, corpus: str) -> list[str]:
    out = []
    for word, flag in pos_tokenizer().cut(question):
        named = flag in _ZH_TAGS or (flag.startswith("n") and word.endswith(_ORG_SUFFIX))
        if named and len(word) >= 2 and not occurs(word, corpus):
            out.append(word)
    return out


def _en(question: str, corpus: str, reverse: dict) -> list[str]:
    out = []
    for m in _CAPS.finditer(question):
        phrase = m.group()
        if m.start() == 0 and " " not in phrase:
            continue  # the capital of the first word says nothing
        if phrase.lower() in MONTHS or phrase.lower() in _DAYS:
            continue
        key = tuple(content_stems(phrase))
        heads = [h for h, exact, proper in reverse.get(key, [])
                 if exact and proper and len(h) >= 2]
        if heads and not any(occurs(h, corpus) for h in heads):
            out.append(phrase)
    return out
