"""Numbers, dates, percentages, symbols and Latin tokens of a text, in one comparable form.

Both languages map to the same facts: ``2021 年 3 月`` and ``March 2021`` both give
``num:2021`` and ``month:3``; ``0.7%`` and ``0.7 per cent`` give ``pct:0.7``; ``36 亿``
and ``3.6 billion`` give ``num:3600000000``; ``第三`` and ``third`` give ``ord:3``.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from rag.language.numerals import EN_CARDINALS, EN_ORDINALS, MONTHS, zh_numeral

_NUM = r"\d[\d,]*(?:\.\d+)?"
SYMBOL = re.compile(r"(?<![A-Za-z0-9.])\d+(?:\.[\dA-Za-z]+)*(?:/[\dA-Za-z]+(?:\.[\dA-Za-z]+)*)+")
LATIN = re.compile(r"#?[A-Za-z][A-Za-z0-9#\-]*[A-Za-z0-9]|#?[A-Za-z]")
_PCT = re.compile(rf"({_NUM})\s*(?:%|％|per\s*cent\b|percent\b)")
_SCALED_EN = re.compile(rf"({_NUM})\s*(thousand|million|billion)\b")
_SCALED_ZH = re.compile(rf"({_NUM})\s*(万|亿)")
_MONTH_ZH = re.compile(r"(\d{1,2})\s*月")
_ORD_EN = re.compile(r"\b(\d+)(?:st|nd|rd|th)\b")
_DIGITS = re.compile(_NUM)
_ZH_ORD = re.compile(r"第([一二三四五六七八九十百两]+)")
_ZH_MEASURE = "个次场项名份笔轮届年大种位家类条点部"
_ZH_COUNT = re.compile(rf"([两二三四五六七八九十百]+)(?=[{_ZH_MEASURE}])")
# Chinese words that contain a numeral but no number worth keeping
_ZH_IDIOMS = ("两年期", "四年度", "三方", "两级", "十分")
_EN_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)?")
_SCALE = {"thousand": 3, "million": 6, "billion": 9, "万": 4, "亿": 8}
_DENOM = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
          "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10}
_FRAC_EN = re.compile(rf"\b(a|one|two|three|four)[ -]({'|'.join(_DENOM)})\b(?=\s+of\b|\s*[.,;:)]|$)"
                      r"|\bhalf\b", re.I)  # "a third of", not "a third meeting"
_FRAC_ZH = re.compile(r"([一二三四五六七八九十]+)分之([一二三四五六七八九十]+)|一半|半数")


def _frac_en(m: re.Match[str]) -> str:
    if not m.group(1):
        return "frac:1/2"
    num = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4}[m.group(1).lower()]
    return f"frac:{num}/{_DENOM[m.group(2).lower()]}"


def _frac_zh(m: re.Match[str]) -> str:
    if not m.group(1):
        return "frac:1/2"
    return f"frac:{zh_numeral(m.group(2))}/{zh_numeral(m.group(1))}"


def _canon(num: str, scale: int = 0) -> str:
    try:
        value = Decimal(num.replace(",", "")).scaleb(scale).normalize()
    except InvalidOperation:
        return num
    return format(value, "f")


def _mask(text: str, span: tuple[int, int]) -> str:
    return text[: span[0]] + " " * (span[1] - span[0]) + text[span[1]:]


def _take(pattern: re.Pattern[str], text: str, make) -> tuple[str, list[str]]:
    found: list[str] = []
    for m in list(pattern.finditer(text)):
        fact = make(m)
        if fact:
            found.append(fact)
            text = _mask(text, m.span())
    return text, found


def facts(text: str, lang: str, *, strict: bool = True, words: bool = True) -> set[str]:
    """The facts of ``text``. ``strict`` (for a source) skips ambiguous words like "one";
    ``words=False`` keeps only what digits, symbols and month names say."""
    found: list[str] = []
    text, f = _take(SYMBOL, text, lambda m: f"sym:{m.group()}")
    found += f
    text, f = _take(_PCT, text, lambda m: f"pct:{_canon(m.group(1))}")
    found += f
    if lang == "zh":
        for idiom in _ZH_IDIOMS:
            text = text.replace(idiom, " " * len(idiom))
        text, f = _take(_SCALED_ZH, text, lambda m: f"num:{_canon(m.group(1), _SCALE[m.group(2)])}")
        found += f
        text, f = _take(_MONTH_ZH, text, lambda m: f"month:{int(m.group(1))}")
        found += f
        if words:
            text, f = _take(_FRAC_ZH, text, _frac_zh)
            found += f
            text, f = _take(_ZH_ORD, text, lambda m: f"ord:{zh_numeral(m.group(1))}")
            found += f
            text, f = _take(_ZH_COUNT, text, lambda m: f"num:{zh_numeral(m.group(1))}")
            found += f
    else:
        if words:
            text, f = _take(_FRAC_EN, text, _frac_en)
            found += f
        text, f = _take(_SCALED_EN, text, lambda m: f"num:{_canon(m.group(1), _SCALE[m.group(2)])}")
        found += f
        text, f = _take(_ORD_EN, text, lambda m: f"ord:{int(m.group(1))}")
        found += f
        for m in _EN_WORD.finditer(text):
            word = m.group()
            if word in MONTHS and not (word == "May" and strict and m.start() == 0):
                found.append(f"month:{MONTHS.index(word) + 1}")
            low = word.lower()
            if not words:
                continue
            if low in EN_ORDINALS and low != "second":
                found.append(f"ord:{EN_ORDINALS[low]}")
            elif low in EN_CARDINALS and (not strict or low not in ("one", "zero")):
                found.append(f"num:{EN_CARDINALS[low]}")
    text = LATIN.sub(lambda m: " " * len(m.group()), text)  # COVID-19's 19 is no number
    found += [f"num:{_canon(m.group())}" for m in _DIGITS.finditer(text)]
    return set(found)


def latin_tokens(text: str) -> set[str]:
    """Acronyms and Latin names in a Chinese text (COVID-19, UNODC, #Faith4Rights)."""
    return {m.group() for m in LATIN.finditer(SYMBOL.sub(" ", text))}


def acronyms(text: str) -> set[str]:
    """All-capital or digit-bearing tokens of an English text (COVID-19, OHCHR, G5)."""
    out = set()
    for m in LATIN.finditer(SYMBOL.sub(" ", text)):
        tok = m.group()
        letters = [c for c in tok if c.isalpha()]
        if len(letters) >= 2 and all(c.isupper() for c in letters) or any(c.isdigit() for c in tok):
            out.add(tok)
    return out


def _kind_value(fact: str) -> tuple[str, str]:
    kind, _, value = fact.partition(":")
    return kind, value


def satisfied(fact: str, target: set[str]) -> bool:
    """Whether ``fact`` is in ``target``, allowing num/ord/pct of the same value."""
    if fact in target:
        return True
    kind, value = _kind_value(fact)
    if kind in ("num", "ord", "pct"):
        return any(f"{k}:{value}" in target for k in ("num", "ord", "pct"))
    return False


def compare(source: set[str], target: set[str],
            target_digits: set[str]) -> tuple[list[str], list[str]]:
    """(source facts the target lacks, facts the target's digits add)."""
    missing = sorted(f for f in source if not satisfied(f, target))
    extra = sorted(f for f in target_digits if not satisfied(f, source))
    return missing, extra
