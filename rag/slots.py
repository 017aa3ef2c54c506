"""What kind of thing a question asks for, and whether a passage holds one.

"How many", "when", "who is", "which city", "how much money": when the retrieved
sentences hold nothing of that kind, the report does not answer the question, however
close the topic. These are general patterns of question words, not tuned to any file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.tokens import pos_tokenizer

_ZH_NUM = r"(?:\d[\d,.]*|[一二两三四五六七八九十百千万亿]+)"
# measure words that can follow 多少/几; "个" and "次" say nothing about what is counted
_UNITS = set("名笔剂份届倍家所座位场期轮批起件条篇封人岁年") | {"美元", "亿"}
_COUNTERS = "个次项" + "".join(u for u in _UNITS if len(u) == 1)


@dataclass(frozen=True)
class Slot:
    kind: str  # number, money, person, date, place
    unit: str = ""  # the measure word after 多少/几, when the question gives one


_ZH = [
    ("money", re.compile(r"多少(?:美元|欧元|钱|资金|经费)|金额|预算总额")),
    ("person", re.compile(r"是谁|叫什么名字|姓名|名字是")),
    ("date", re.compile(r"什么时候|何时|哪一年|哪年|哪个月|哪一天|哪天|日期")),
    ("place", re.compile(r"哪个城市|哪座城市|在哪里|在哪儿|何地|设在哪|在什么地方")),
    ("number", re.compile(rf"多少(?P<unit>[\u4e00-\u9fff]?)|几(?=[{_COUNTERS}])")),
]
_EN = [
    ("money", re.compile(r"\bhow much (?:money|funding)\b|\bin (?:us )?dollars\b|\bin euros\b",
                         re.I)),
    ("person", re.compile(r"\bwho (?:is|was)\b|\bname of the (?:\w+ ){0,3}?(?:commissioner|"
                          r"rapporteur|secretary|president|director|chair\w*|head|minister|"
                          r"expert|envoy|representative)\b", re.I)),
    ("date", re.compile(r"^\s*when\b|\bby when\b|\bwhat (?:year|date|month|day)\b|"
                        r"\bin which (?:year|month)\b", re.I)),
    ("place", re.compile(r"\b(?:which|what) city\b|\bvenue\b|\bwhere (?:was|is|will|were|are)"
                         r"\b.*\b(?:held|located|based|hosted|take place|took place)\b", re.I)),
    ("number", re.compile(r"\bhow many\b|\bwhat (?:percentage|proportion|share|number)\b|"
                          r"\bby how much\b", re.I)),
]


def question_slot(question: str, lang: str) -> Slot | None:
    for kind, pattern in (_ZH if lang == "zh" else _EN):
        m = pattern.search(question)
        if m:
            unit = m.groupdict().get("unit") or ""
            return Slot(kind, unit if unit in _UNITS else "")
    return None


def fills(slot: Slot, text: str) -> bool:
    """Does ``text`` (a Chinese or English passage) hold something of the slot's kind?"""
    if slot.kind == "number":
        if slot.unit:
            return bool(re.search(rf"{_ZH_NUM}\s*(?:个)?\s*{re.escape(slot.unit)}", text))
        return bool(re.search(rf"\d|{_ZH_NUM}(?:个|名|次|项|笔|份|届|倍|%|分之)|\bper cent\b|"
                              r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|"
                              r"hundred|thousand|million|billion)\b", text))
    if slot.kind == "money":
        return bool(re.search(r"美元|欧元|法郎|英镑|人民币|\$|USD|EUR|CHF|\bdollars?\b|\beuros?\b",
                              text))
    if slot.kind == "date":
        return bool(re.search(r"\d{4}\s*年|\d{1,2}\s*月|[一二三四五六七八九十]+月|"
                              r"\b(?:19|20)\d\d\b", text))
    if slot.kind == "person":
        return bool(re.search(r"[\u4e00-\u9fff]{1,6}·[\u4e00-\u9fff]{1,6}|女士|先生|\bM[sr]s?\.\s",
                              text) or _has_tag(text, {"nr", "nrt", "nrfg"}))
    if slot.kind == "place":
        return _has_tag(text, {"ns"}) or bool(re.search(r"\b[A-Z][a-z]+\b", text))
    return True


def _has_tag(text: str, tags: set[str]) -> bool:
    return any(flag in tags and len(word) >= 2 and word not in _NOT_NAMES
               for word, flag in pos_tokenizer().cut(text))


_NOT_NAMES = {"城市", "国家", "地区", "世界", "全球", "各国", "区域"}
