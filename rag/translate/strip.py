"""The facts strip: what a quoted sentence states that needs no model to read.

While a quote is being translated, the reader sees its original and, beside it, the
sentence's numbers, dates, document symbols and named bodies as the sentence writes
them, each with its form in the reader's language where a rule (``2021年3月`` → ``March
2021``) or the curated terminology (人权理事会 → Human Rights Council) gives one. Nothing
here comes from a model, so nothing here needs the translation's checks.
"""

from __future__ import annotations

import re

from rag.base import Fact, FactKind
from rag.translate.facts import LATIN, SYMBOL
from rag.translate.terms import NAME_KINDS, Terminology, normalise

MAX_FACTS = 10
_YEAR_ZH = re.compile(r"\d{4}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*日)?")
_PERCENT = re.compile(r"\d[\d,]*(?:\.\d+)?\s*(?:%|％|per\s*cent\b|percent\b)")
_NUMBER = re.compile(r"(?<![A-Za-z0-9_/.])\d[\d,]*(?:\.\d+)?(?![A-Za-z0-9_/])")
_DATE_EN = re.compile(r"\b(?:\d{1,2} )?(?:January|February|March|April|May|June|July|August|"
                      r"September|October|November|December) \d{4}\b")


def fact_strip(sentence: str, lang: str, terms: Terminology) -> list[Fact]:
    """The facts of ``sentence`` (in ``lang``), in the order it states them, each once."""
    text = normalise(sentence, lang)
    other = "en" if lang == "zh" else "zh"
    found: list[tuple[int, Fact]] = []
    taken = [False] * len(text)

    def take(start: int, end: int, fact: Fact) -> None:
        if fact.text and not any(taken[start:end]):
            found.append((start, fact))
            taken[start:end] = [True] * (end - start)

    for t in terms.find(text, lang):
        form = text[t.start:t.end]
        gloss = t.term.forms(other)[0]
        if t.term.kind == "number":
            take(t.start, t.end, Fact(form, "date" if _is_date(form) else "number", gloss))
        elif t.term.kind == "rule" or t.term.is_name:
            take(t.start, t.end, Fact(form, "name" if t.term.kind in NAME_KINDS else "symbol",
                                      gloss if gloss != form else ""))
    patterns: list[tuple[re.Pattern[str], FactKind]] = [
        (SYMBOL, "symbol"), (_YEAR_ZH, "date"), (_DATE_EN, "date"), (_PERCENT, "number"),
        (LATIN, "name"), (_NUMBER, "number")]
    for pattern, kind in patterns:
        for m in pattern.finditer(text):
            if kind == "name" and not _acronym(m.group()):
                continue
            take(m.start(), m.end(), Fact(m.group().strip(), kind))
    unique: dict[tuple[str, str], Fact] = {}
    for _, fact in sorted(found, key=lambda f: f[0]):
        unique.setdefault((fact.kind, fact.text), fact)
    return list(unique.values())[:MAX_FACTS]


def _is_date(form: str) -> bool:
    return "年" in form or "月" in form or bool(_DATE_EN.search(form))


def _acronym(word: str) -> bool:
    """A Latin name worth showing: UNODC, COVID-19, G5 (not an ordinary English word)."""
    return sum(ch.isupper() or ch.isdigit() for ch in word) >= 2
