"""False premises: a question that states a fact its closest paragraph contradicts.

A question states typed facts (a number, a year or month, a country, a body or title).
One that its closest paragraph does not hold anywhere, while the paragraph's sentence
closest to the question holds a different fact of the same type in its place, and the
rest of the question matches that sentence, is a false premise: "Why did the 2019
report…" when the report is of 2021. The answer then says what the document says,
quoting that sentence. Facts are compared as values (17 = 十七 = seventeen; March 2020 =
2020年3月; Serbia = 塞尔维亚), never by a list of wrong answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.base import SUMMARY_N, paragraph_id
from ingest.text import split_sentences
from rag.base import Correction, Hit
from rag.judge.signals import TOP, best_sentence, weighted_coverage
from rag.language.numerals import EN_CARDINALS, MEASURES, MONTHS, zh_numeral
from rag.language.tokens import english_stemmer
from rag.understand.base import Query
from rag.understand.slots.fillers import extract
from rag.understand.slots.places import chinese_names, countries_in

_ZH_MONTH = re.compile(r"(\d{1,2})\s*月")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_ZH_DIGIT = {ch: str(i) for i, ch in enumerate("〇一二三四五六七八九")} | {"零": "0"}
_ZH_YEAR = re.compile(r"([〇零一二三四五六七八九]{4})\s*年")
_CN = "零〇一二两三四五六七八九十百千"
_NUMBER = re.compile(rf"(?<![A-Za-z0-9.,/-])(\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|[{_CN}]+|"
                     rf"(?:{'|'.join(sorted(EN_CARDINALS, key=len, reverse=True))}))"
                     rf"(?![A-Za-z0-9/-])", re.I)
# a resolution or decision by its number: 41/128, 第 44/18 号
_RESOLUTION = re.compile(r"(?<![A-Za-z0-9/.])(\d{1,3})/(\d{1,4})(?![\d/])")
# a number that names a unit, a document or a part, not a count: article 9, 第六条, No. 25
_REFERENCE_BEFORE = re.compile(r"(?:article|art\.?|paragraph|para\.?|no\.|section|§|"
                               r"resolution|decision|item|chapter|part|goal|第)\s*$", re.I)
_REFERENCE_AFTER = re.compile(r"^\s*(?:条|款|项|段|章|号|届|/|\.\d)")
_EN_UNIT = re.compile(r"^\s*(?:(?:more|fewer|other|of|the|such|different|new)\s+)*"
                      r"([a-z][a-z\-]+)", re.I)


def date_value(text: str) -> tuple[int | None, int | None]:
    """(year, month) of a date as written in either language."""
    year = _YEAR.search(text)
    month = _ZH_MONTH.search(text)
    m = month and int(month.group(1))
    if not m:
        low = text.lower()
        m = next((i for i, name in enumerate(MONTHS, 1) if name.lower() in low), None)
    return (int(year.group(1)) if year else None, m)


@dataclass(frozen=True)
class Fact:
    kind: str
    text: str
    key: tuple
    unit: str = ""  # a count's noun: its English stem, or its Chinese measure word


def _value(raw: str) -> int | float | None:
    low = raw.lower()
    if low in EN_CARDINALS:
        return EN_CARDINALS[low]
    if raw[0].isdigit():
        return float(raw.replace(",", "")) if "." in raw else int(raw.replace(",", ""))
    return zh_numeral(raw.replace("两", "二"))


def _unit(after: str) -> str:
    after = after.lstrip()
    if after[:1] and "\u4e00" <= after[0] <= "\u9fff":
        return after[0]  # 17 次, 十八 名
    m = _EN_UNIT.match(after)
    return english_stemmer().stemWord(m.group(1).lower()) if m else ""


def numbers(text: str) -> list[Fact]:
    """Counts and amounts, in digits, Chinese numerals or English words; a year is a
    date, a reference to an article or a document is no count."""
    out = []
    for m in _NUMBER.finditer(text):
        raw, before, after = m.group(1), text[: m.start()], text[m.end():]
        if _REFERENCE_BEFORE.search(before[-12:]) or _REFERENCE_AFTER.match(after):
            continue
        value = _value(raw)
        if value is None or (not raw[0].isdigit() and not raw.isascii() and
                             not re.match(r"\s*[个次名位项国年月日天周倍人家份场届期岁]", after)):
            continue  # 一些, 统一: a Chinese numeral counts only with a measure word
        if isinstance(value, int) and 1900 <= value <= 2099 and raw.isdigit():
            continue  # a year: read as a date
        out.append(Fact("number", raw, (value,), _unit(after)))
    return out


def facts(text: str, query: Query) -> list[Fact]:
    """The typed facts a text states, each with a key comparable across languages."""
    out = numbers(text)
    out += [Fact("date", m.group(), (int("".join(_ZH_DIGIT[c] for c in m.group(1))), None))
            for m in _ZH_YEAR.finditer(text)]  # 一九四八年
    out += [Fact("resolution", m.group(), (int(m.group(1)), int(m.group(2))))
            for m in _RESOLUTION.finditer(text)]
    out += [Fact("country", c, tuple(sorted(chinese_names(c) or [c])))
            for c in countries_in(text)]
    for f in extract(text, query.corpus.dictionary):
        if f.kind == "date":
            year, month = date_value(f.text)
            if year or month:
                out.append(Fact("date", f.text, (year, month)))
    return out


def same(a: Fact, b: Fact) -> bool:
    """Whether ``b`` states ``a``: a date stated with its month is held only by that
    month (2024 alone does not hold December 2024)."""
    if a.kind != b.kind:
        return False
    if a.kind == "date":
        (ya, ma), (yb, mb) = a.key, b.key
        return (ya is None or yb is None or ya == yb) and (ma is None or ma == mb)
    if a.kind == "resolution":
        return a.key == b.key
    return bool(set(a.key) & set(b.key))


def comparable(a: Fact, b: Fact) -> bool:
    """Two facts in the same place: of one kind (a date at the grain the question gives)."""
    if a.kind != b.kind:
        return False
    if a.kind == "date":
        (ya, ma), (yb, mb) = a.key, b.key
        return (ya is None) == (yb is None) and (ma is None or mb is not None)
    if a.kind == "number":  # 27 次 against 17 次, not against 17 名
        return bool(a.unit) and (a.unit == b.unit or b.unit in MEASURES.get(a.unit, ()) or
                                 a.unit in MEASURES.get(b.unit, ()))
    return True


TIE = 0.01  # a paragraph whose best sentence is this close to the top one's ties with it


class PremiseCheck:
    """``min_gap``: how close the closest paragraph's best sentence must be to the
    question; ``min_match``: how much of the question (rarity-weighted) the correcting
    sentence must hold, when it is not that best sentence itself."""

    def __init__(self, *, min_gap: float = 0.0, min_match: float = 0.15) -> None:
        self.min_gap = min_gap
        self.min_match = min_match

    def __call__(self, query: Query, hits: list[Hit], values: dict[str, float]
                 ) -> Correction | None:
        if not hits or values.get("dense_gap", -1.0) < self.min_gap:
            return None
        if not (values.get("sentence_agrees") or values.get("bm25_agrees")):
            return None  # the channels disagree on the closest paragraph: too unsure
        stated = facts(query.check or query.text, query)
        if not stated:
            return None
        top = hits[0]
        # a near tie may be the paragraph the question is about: what it holds is not wrong
        tied = [h for h in hits[1:TOP] if best_sentence([h]) >= best_sentence([top]) - TIE]
        held = [f for h in [top, *tied] for f in self.held(query, h)]
        missing = [s for s in stated if not any(same(s, h) for h in held)]
        # the sentence of the closest paragraph that holds, in a stated fact's place, a
        # fact of its kind the question does not state: best the one closest to it
        found: list[tuple[float, Fact, Fact, str]] = []
        for sentence in split_sentences(top.paragraph.text):
            match = 2.0 if sentence == top.best_sentence else \
                weighted_coverage(query, sentence.lower())
            if match < self.min_match:
                continue
            for wrong in missing:
                there = [f for f in facts(sentence, query) if comparable(wrong, f)
                         and not any(same(f, s) for s in stated)]
                if there:
                    found.append((match, wrong, there[0], sentence))
        if len({w for _, w, _, _ in found}) != 1:
            return None  # nothing contradicted, or several facts: another subject
        _, wrong, fact, sentence = max(found, key=lambda f: f[0])
        return Correction(stated=wrong.text, found=fact.text, sentence=sentence,
                          paragraph=top.id, kind=wrong.kind)

    @staticmethod
    def held(query: Query, hit: Hit) -> list[Fact]:
        """The facts a paragraph states, in every language version we hold, and those of
        its document's title block (the session and dates a document is known by)."""
        snap = query.corpus
        title = snap.paragraphs.get(paragraph_id(hit.paragraph.doc_id, SUMMARY_N))
        texts = [hit.paragraph.text] + ([hit.counterpart.text] if hit.counterpart else []) + \
            ([title.text] if title is not None and title.id != hit.id else [])
        return [f for t in texts for f in facts(t, query)]
