"""Terms made by rule rather than listed: session ordinals, resolutions, general comments,
and (kind "number") dates and large numbers, written the way the target language writes
them, so the model copies ``June 2020`` instead of guessing ``6 June 2020``."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from rag.language.numerals import EN_ORDINALS, MONTHS, en_ordinal, zh_from_int, zh_numeral

Rule = tuple[re.Pattern[str], Callable[[re.Match[str]], str | None], str]
_ZH_NUM = "一二三四五六七八九十"
_M = {m: i for i, m in enumerate(MONTHS, 1)}
_MONTH_EN = "|".join(MONTHS)


def _month(n: str) -> str | None:
    return MONTHS[int(n) - 1] if 1 <= int(n) <= 12 else None


def _scaled(num: str, shift: int) -> str:
    value = Decimal(num.replace(",", "")).scaleb(shift).normalize()
    return format(value, "f")


def _zh_big(m: re.Match[str]) -> str:
    if m[2] == "亿":
        return f"{_scaled(m[1], -1)} billion"
    value = Decimal(m[1]).scaleb(4)
    return f"{int(value):,}" if value == int(value) else f"{_scaled(m[1], -2)} million"


ZH_RULES: list[Rule] = [
    (re.compile(rf"第([{_ZH_NUM}]+)届(会议)?"),
     lambda m: en_ordinal(zh_numeral(m[1]) or 0) + (" session" if m[2] else ""), "rule"),
    (re.compile(r"第(\d+(?:/\d+)?)(?:\((\d{4})\))?号决议"),
     lambda m: f"resolution {m[1]}" + (f" ({m[2]})" if m[2] else ""), "rule"),
    (re.compile(r"第(\d+)号一般性意见"), lambda m: f"general comment No. {m[1]}", "rule"),
    (re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日"),
     lambda m: f"{int(m[3])} {_month(m[2])} {m[1]}" if _month(m[2]) else None, "number"),
    (re.compile(r"(\d{4})年(\d{1,2})月和(\d{1,2})月"),
     lambda m: f"{_month(m[2])} and {_month(m[3])} {m[1]}"
     if _month(m[2]) and _month(m[3]) else None, "number"),
    (re.compile(r"(\d{4})年(\d{1,2})月"),
     lambda m: f"{_month(m[2])} {m[1]}" if _month(m[2]) else None, "number"),
    (re.compile(r"(\d+(?:\.\d+)?)(亿|万)"), _zh_big, "number"),
]

EN_RULES: list[Rule] = [
    (re.compile(r"\b([a-z]+(?:-[a-z]+)?) session\b"),
     lambda m: f"第{zh_from_int(EN_ORDINALS[m[1]])}届会议" if m[1] in EN_ORDINALS else None,
     "rule"),
    (re.compile(r"\bresolution (\d+(?:/\d+)?)(?: \((\d{4})\))?"),
     lambda m: f"第 {m[1]}" + (f"({m[2]})" if m[2] else "") + " 号决议", "rule"),
    (re.compile(rf"\b(\d{{1,2}}) ({_MONTH_EN}) (\d{{4}})\b"),
     lambda m: f"{m[3]} 年 {_M[m[2]]} 月 {int(m[1])} 日", "number"),
    (re.compile(rf"\b({_MONTH_EN}) (\d{{4}})\b"), lambda m: f"{m[2]} 年 {_M[m[1]]} 月", "number"),
    (re.compile(r"\b(\d+(?:\.\d+)?) billion\b"), lambda m: f"{_scaled(m[1], 1)} 亿", "number"),
    (re.compile(r"\b(\d+(?:\.\d+)?) million\b"), lambda m: f"{_scaled(m[1], 2)} 万", "number"),
    (re.compile(r"\b(\d{1,3}(?:,\d{3})+|\d{5,})\b(?! (?:billion|million))"),
     lambda m: f"{_scaled(m[1], -4)} 万" if int(m[1].replace(",", "")) % 10000 == 0 else None,
     "number"),
    (re.compile(r"\b(\d+(?:\.\d+)?) per cent\b"), lambda m: f"{m[1]}%", "number"),
]
