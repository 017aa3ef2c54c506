"""Number words: Chinese numerals and English cardinal/ordinal words to integers; English
month names."""

from __future__ import annotations

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]

_ZH_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000}

_EN_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
             "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
             "seventeen", "eighteen", "nineteen"]
_EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
            "ninety"]
_EN_ORD_UNITS = ["zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh",
                 "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth",
                 "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth"]


def zh_numeral(text: str) -> int | None:
    """三 -> 3, 十 -> 10, 三十六 -> 36, 一百二十 -> 120; None if not a numeral."""
    if not text or any(ch not in _ZH_DIGITS and ch not in _ZH_UNITS for ch in text):
        return None
    total, digit = 0, None
    for ch in text:
        if ch in _ZH_DIGITS:
            digit = _ZH_DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * _ZH_UNITS[ch]
            digit = None
    return total + (digit or 0)


def en_cardinal(n: int) -> str:
    if n < 20:
        return _EN_UNITS[n]
    if n < 100:
        tens, unit = divmod(n, 10)
        return _EN_TENS[tens] + (f"-{_EN_UNITS[unit]}" if unit else "")
    return str(n)


def en_ordinal(n: int) -> str:
    """75 -> seventy-fifth (up to 99; larger numbers as 100th)."""
    if n < 20:
        return _EN_ORD_UNITS[n]
    if n < 100:
        tens, unit = divmod(n, 10)
        if unit == 0:
            return _EN_TENS[tens][:-1] + "ieth"
        return f"{_EN_TENS[tens]}-{_EN_ORD_UNITS[unit]}"
    return f"{n}th"


def zh_from_int(n: int) -> str:
    """36 -> 三十六 (1..99), for session ordinals written in Chinese."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, unit = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[unit] if unit else "")


EN_CARDINALS: dict[str, int] = {en_cardinal(n): n for n in range(0, 100)}
EN_ORDINALS: dict[str, int] = {en_ordinal(n): n for n in range(1, 100)}

# what a Chinese measure word counts, as the Snowball stems of the English nouns for it:
# a count in one language compared with a count in the other ("16岁" and "eighteen years")
MEASURES: dict[str, frozenset[str]] = {
    "岁": frozenset({"year", "age"}), "年": frozenset({"year"}), "月": frozenset({"month"}),
    "天": frozenset({"day"}), "日": frozenset({"day"}), "周": frozenset({"week"}),
    "名": frozenset({"member", "person", "peopl", "particip", "expert", "candid"}),
    "人": frozenset({"person", "peopl", "member", "particip"}),
    "位": frozenset({"person", "member", "expert"}), "国": frozenset({"countri", "state"}),
    "次": frozenset({"time", "event", "session", "meet"}), "届": frozenset({"session"}),
    "项": frozenset({"item", "project", "recommend", "resolut"}),
    "份": frozenset({"report", "copi", "document", "communic"}),
}
