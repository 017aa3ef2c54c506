"""Typed values a follow-up may swap for the earlier question's: dates, places, ordinals.

"2021年3月那份呢？" after a question about "2020年11月" asks the same about March 2021;
"对贝宁呢？" after one about 几内亚 asks it about Benin. Each kind is found by a pattern
(or, for places, the country and region tables) and replaced by the same kind only.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from rag.understand.slots.places import REGIONS_EN, REGIONS_ZH, countries_in

_MONTH_EN = ("January|February|March|April|May|June|July|August|September|October|November|"
             "December")
_DATE_ZH = re.compile(r"(?:(?:19|20)\d{2}\s*年)?\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|"
                      r"(?:19|20)\d{2}\s*年(?!代)")
_DATE_EN = re.compile(rf"\b(?:(?:{_MONTH_EN})\s+(?:\d{{1,2}},?\s+)?)?(?:19|20)\d{{2}}\b|"
                      rf"\b(?:{_MONTH_EN})\b")
_YEAR = re.compile(r"(?:19|20)\d{2}")
_ORDINAL_ZH = re.compile(r"第[一二三四五六七八九十\d]+(?P<unit>[个场次届项期轮份部])?")
_ORDINAL_EN = re.compile(r"\b(?:first|second|third|fourth|fifth|sixth|last|next|previous)\b",
                         re.I)
_GENERIC_REGIONS = {"全球", "世界", "各国", "各地", "国内", "国际", "区域", "地区", "本国", "该国"}


@dataclass(frozen=True)
class Value:
    kind: str  # date | place | ordinal
    text: str
    start: int
    end: int


def _matches(pattern: re.Pattern[str], text: str, kind: str) -> list[Value]:
    return [Value(kind, m.group().strip(), m.start(), m.end()) for m in pattern.finditer(text)
            if m.group().strip()]


def dates(text: str, lang: str) -> list[Value]:
    return _matches(_DATE_ZH if lang == "zh" else _DATE_EN, text, "date")


def ordinals(text: str, lang: str) -> list[Value]:
    return _matches(_ORDINAL_ZH if lang == "zh" else _ORDINAL_EN, text, "ordinal")


def places(text: str, lang: str) -> list[Value]:
    """Countries and regions, longest first, without overlaps, in text order."""
    names = list(countries_in(text))
    regions = [r for r in (REGIONS_ZH if lang == "zh" else REGIONS_EN)
               if r not in _GENERIC_REGIONS]
    low = text.lower()
    taken: list[tuple[int, int]] = []
    out: list[Value] = []
    for name in sorted(set(names) | set(regions), key=len, reverse=True):
        hay, needle = (text, name) if not name.isascii() else (low, name.lower())
        at = hay.find(needle)
        while at >= 0:
            end = at + len(needle)
            bounded = not name.isascii() or ((at == 0 or not low[at - 1].isalnum())
                                             and (end == len(low) or not low[end].isalnum()))
            if bounded and not any(s < end and at < e for s, e in taken):
                taken.append((at, end))
                out.append(Value("place", text[at:end], at, end))
            at = hay.find(needle, end)
    return sorted(out, key=lambda v: v.start)


FINDERS: dict[str, Callable[[str, str], list[Value]]] = {
    "date": dates, "place": places, "ordinal": ordinals}


def values(text: str, lang: str) -> list[Value]:
    return [v for find in FINDERS.values() for v in find(text, lang)]


def year_of(text: str) -> str | None:
    m = _YEAR.search(text)
    return m.group() if m else None


def resolve_relative_years(text: str, earlier: str, lang: str) -> str:
    """同年/当年 and "the same year" take the earlier question's year; 次年 the next."""
    year = year_of(earlier)
    if year is None:
        return text
    if lang == "zh":
        text = re.sub(r"同年|当年", f"{year}年", text)
        return re.sub(r"次年|第二年", f"{int(year) + 1}年", text)
    text = re.sub(r"\b(?:in )?(?:the same|that) year\b", f"in {year}", text, flags=re.I)
    return re.sub(r"\b(?:in )?the (?:following|next) year\b", f"in {int(year) + 1}", text,
                  flags=re.I)


def complete_date(new: str, old: str, lang: str) -> str:
    """A month alone takes the earlier date's year: "3月" after "2020年11月" -> "2020年3月"."""
    year = year_of(old)
    if year is None or year_of(new) is not None:
        return new
    return f"{year}年{new}" if lang == "zh" else f"{new} {year}"


def substitute(earlier: str, new: Value, lang: str) -> str | None:
    """``earlier`` with its value of ``new``'s kind replaced by ``new``; None when it has
    none, or when it already holds that very value."""
    old = [v for v in FINDERS[new.kind](earlier, lang)]
    if new.kind == "ordinal" and lang == "zh":
        unit = _unit(new.text)
        old = [v for v in old if not unit or _unit(v.text) in ("", unit)]
    if not old or any(v.text == new.text for v in old):
        return None
    dated = [v for v in old if year_of(v.text)] if year_of(new.text) else []
    target = (dated or old)[0]
    text = complete_date(new.text, target.text, lang) if new.kind == "date" else new.text
    return earlier[: target.start] + text + earlier[target.end :]


def _unit(ordinal: str) -> str:
    m = _ORDINAL_ZH.fullmatch(ordinal)
    return (m.group("unit") or "") if m else ""
