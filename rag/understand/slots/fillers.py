"""What a sentence offers for a slot: numbers with their units, dates at their grain,
money, durations, names of people, organisations, ministries, companies and places.

Works on Chinese and English sentences alike (the document's language, whatever the
question's). ``new_fillers`` keeps only what the question does not already state.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rag.language.dictionary import Dictionary
from rag.understand.slots.documents import documents_in
from rag.understand.slots.places import countries_in, is_country, is_region
from rag.understand.slots.question import COUNT_UNITS, PEOPLE_UNITS, Slot

_CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"
_NUM = re.compile(rf"(?<![\d.,/])(\d[\d,]*(?:\.\d+)?|[{_CN_DIGITS}]+)(?![\d/])")
# a Chinese numeral counts something only with a measure word after it ("统一" is no 1)
_CN_COUNTED = re.compile(r"\s*(?:个|次|项|年|月|日|天|周|倍|成|%|％|["
                         + "".join(COUNT_UNITS) + "])")
_EN_NUM_WORDS = ("one two three four five six seven eight nine ten eleven twelve fifteen twenty "
                 "thirty forty fifty hundred thousand million billion dozen").split()
_CURRENCY = re.compile(r"^\s*(?:万|亿|百万|千万)?\s*(?:美元|欧元|瑞士法郎|法郎|英镑|人民币|元|"
                       r"(?:US )?dollars?|euros?|francs?|USD|EUR|CHF)", re.I)
_MONTHS_EN = ("january february march april may june july august september october november "
              "december").split()
_PLACE_GENERIC = {"全球", "世界", "各国", "各地", "国内", "国际", "区域", "地区", "本国",
                  "该国", "全国", "城市", "国家", "当地", "境内", "海外"}
_GROUP_SUFFIX = ("团", "组", "会", "队", "处", "部", "局", "署", "所", "院")
_TITLE_PREFIX = {"副", "前", "前任", "首任", "代理", "常务", "执行"}
_NAMED_AFTER = ("协定", "公约", "宣言", "原则", "议程", "进程", "框架", "共识", "宪章",
                "议定书", "论坛")
_TITLES = ("专员", "报告员", "专家", "主席", "秘书长", "部长", "大使", "总统", "总理", "行长",
           "主任", "署长", "代表", "特使", "总干事", "首席", "副主席", "局长")
_ORG_SUFFIX = ("组织", "机构", "委员会", "理事会", "办事处", "署", "局", "银行", "基金",
               "基金会", "中心", "论坛", "联盟", "协会", "大学", "研究所", "学院", "办公室",
               "集团", "方案", "计划署", "法院", "议会", "政府", "公司")
_EN_ORG = re.compile(r"\b(?:[A-Z][a-z]+ ){0,5}(?:Organi[sz]ation|Agency|Bank|Fund|Office|"
                     r"Programme|Commission|Committee|Council|Institute|Foundation|University|"
                     r"Union|Forum|Centre|Center|Court|Ministry)\b(?: (?:of|for|on) "
                     r"(?:the )?(?:[A-Z][a-z]+ ?)+)?|\b[A-Z]{2,}[a-z]?\b(?!-\d)")


_EN_TITLE = re.compile(r"\b(?:[A-Z][a-z]+ ){0,3}(?:Rapporteur|Commissioner|Secretary-General|"
                       r"Representative|Envoy|Chairperson|President|Director-General)\b|"
                       r"\bindependent expert\b")
_EN_ACTOR = re.compile(r"(?<!United )\b(?:Member )?States\b(?! of)|\bGovernments\b|"
                       r"\bthe international community\b")


@dataclass(frozen=True)
class Filler:
    kind: str  # number, money, percent, duration, date, person, org, ministry, company,
    #            country, place, name
    text: str  # as written in the sentence
    value: str = ""  # numbers: the digits; dates: the grain (year, month, day)
    unit: str = ""  # numbers: the measure word that follows


def fillers(slot: Slot, sentence: str, lexicon: Dictionary | None = None) -> list[Filler]:
    """Everything in ``sentence`` that fills ``slot`` at its grain."""
    found = extract(sentence, lexicon or _EMPTY)
    return [f for f in found if _fits(slot, f, sentence)]


# what a sentence must say to report a finding, a cause, or who paid
_MARKERS = {
    "finding": re.compile(r"发现|显示|表明|结论|得出|揭示|证明|结果|\b(?:found|finds|showed|shows|"
                          r"concluded|revealed|indicated|demonstrated|results?|findings?)\b", re.I),
    "cause": re.compile(r"由于|因为|起因|导致|引发|源于|之后|事件|之死|"
                        r"\b(?:because|after|following|"
                        r"triggered|sparked|caused|due to|killing|death)\b", re.I),
    "funder": re.compile(r"资助|出资|供资|捐助|捐款|赞助|提供资金|拨款|\b(?:funded|financed|"
                         r"donated|sponsored|contributed|funding from|grant from)\b", re.I),
}


def marker_fillers(slot: Slot, sentence: str, lexicon: Dictionary | None) -> list[Filler]:
    """For a finding or a cause, the sentence's reporting word; for who paid, a new agent
    in a sentence that says someone paid."""
    m = _MARKERS[slot.kind].search(sentence)
    if not m:
        return []
    if slot.kind == "funder":
        return fillers(Slot("agent"), sentence, lexicon)
    return [Filler(slot.kind, m.group(), "marker")]


def new_fillers(slot: Slot, sentence: str, stated: str, given: Iterable[str] = (),
                lexicon: Dictionary | None = None) -> list[Filler]:
    """``fillers`` minus what the question itself states: in its text (``stated``), or
    as one of its search terms and their aliases (``given``)."""
    if slot.kind in _MARKERS:
        found = marker_fillers(slot, sentence, lexicon)
        if slot.kind != "funder":
            return found
    else:
        found = fillers(slot, sentence, lexicon)
    given = {g.lower() for g in given if g}
    numbers = numbers_in(stated) | {n for g in given for n in numbers_in(g)}
    out = []
    for f in found:
        if f.value and f.value.replace(".", "").isdigit() and f.kind != "country":
            if f.value in numbers:
                continue
        elif f.text.lower() in stated.lower() or any(f.text.lower() in g for g in given):
            continue
        out.append(f)
    return out


def numbers_in(text: str) -> set[str]:
    """Every number in ``text``, as written and at its scale (3.6 billion -> also
    3600000000, 36 亿 -> also 3600000000), so the two languages' ways compare equal."""
    out = set()
    for m in _NUM.finditer(text):
        value = _digits(m.group(1))
        if value:
            out |= {value, _scaled(value, text[m.end(1) : m.end(1) + 10])}
    return out - {""}


_SCALE = {"万": 10_000, "亿": 100_000_000, "million": 1_000_000, "billion": 1_000_000_000}


def _scaled(value: str, after: str) -> str:
    m = re.match(r"\s*(万|亿|million|billion)", after)
    if not m:
        return value
    try:
        return str(round(float(value) * _SCALE[m.group(1)]))
    except ValueError:
        return value


def _fits(slot: Slot, f: Filler, sentence: str) -> bool:
    kind = slot.kind
    if kind == "number":
        if f.kind not in ("number", "percent"):
            return False
        if slot.unit == "people":
            return f.unit in PEOPLE_UNITS or f.unit == "people"
        if slot.unit == "个":
            after = sentence[sentence.find(f.text) + len(f.text):][:6]
            return f.unit == "个" and (not slot.noun or any(ch in after for ch in slot.noun))
        return not slot.unit or f.unit == slot.unit
    if kind == "ordinal":
        return f.kind == "ordinal"
    if kind == "date":
        rank = {"year": 1, "month": 2, "day": 3}
        return f.kind == "date" and rank.get(f.value, 0) >= rank.get(slot.grain or "year", 1)
    if kind == "person" and slot.unit == "name":
        return f.kind == "person" and f.value not in ("title", "actor")
    if kind == "agent":
        return f.kind in ("person", "org", "country")
    if kind == "countries":
        return f.kind == "country" and (f.value != "group" or slot.unit != "named")
    if kind == "country":
        return f.kind == "country" and f.value != "group"
    if kind == "city":
        return f.kind == "place" and not is_country(f.text) and not is_region(f.text)
    if kind == "place":
        return f.kind in ("place", "country")
    if kind == "org":
        return f.kind in ("org", "ministry", "company")
    if kind == "document":
        return f.kind == "document" and f.value == slot.noun
    return f.kind == kind


_EMPTY = Dictionary({})


@lru_cache(maxsize=8192)
def extract(sentence: str, lexicon: Dictionary) -> tuple[Filler, ...]:
    return (*_numbers(sentence), *_dates(sentence), *_entities(sentence, lexicon),
            *(Filler("document", name, kind) for name, kind in documents_in(sentence)))


def _numbers(text: str) -> list[Filler]:
    out = []
    for m in _NUM.finditer(text):
        raw, start, end = m.group(1), m.start(1), m.end(1)
        before, after = text[max(0, start - 3) : start], text[end : end + 8].lstrip()
        value = _scaled(_digits(raw), after) if _digits(raw) else ""
        if not raw[0].isdigit() and (raw == "一" or not _CN_COUNTED.match(after)) and \
                not before.endswith("百分之"):
            continue  # 一个, 一次: an article, not a count
        if not raw[0].isdigit() and (set(raw) <= set("百千万亿") or before.rstrip()[-1:].isdigit()):
            continue  # the 亿 of "36 亿" scales the number before it
        if not value or after.startswith(("年", "月", "日", "号")) and _is_date_part(raw, after):
            continue  # dates are read by _dates
        if before.endswith("第"):
            out.append(Filler("ordinal", "第" + raw, value))
            continue
        if before.endswith(("No. ", "no. ", "-")) or after.startswith(("/", "．")) or \
                before[-1:].isascii() and before[-1:].isalpha():
            continue  # ordinals, document numbers and names (COVID-19, G5) count nothing
        if re.match(r"\s*(?:%|％|per ?cent)", after) or before.endswith("百分之"):
            out.append(Filler("percent", raw, value))
        elif (currency := _CURRENCY.match(after)) or before.endswith(("$", "US$")):
            out.append(Filler("money", raw + currency.group() if currency else raw, value))
        elif re.match(r"\s*(?:个月|年(?!代|度|级)|周|星期|天|小时|-?(?:year|month|week|day)s?\b)",
                      after) and (len(value) < 4 or re.search("为期|历时|持续|长达|期限", before)):
            out.append(Filler("duration", raw + after[:3].strip(), value))
        else:
            out.append(Filler("number", raw, value, _unit(after)))
    for m in re.finditer(rf"\b({'|'.join(_EN_NUM_WORDS)})\b", text, re.I):
        out.append(Filler("number", m.group(1), m.group(1).lower(), _unit(text[m.end():])))
    return out


def _unit(after: str) -> str:
    after = after.lstrip()
    after = re.sub(r"^(?:多|余|来)\s*", "", after)  # 250 多名: "more than 250 people"
    if after.startswith("人次"):
        return "人次"
    if after[:1] in COUNT_UNITS or after[:1] == "个":
        return after[:1]
    m = re.match(r"([A-Za-z\-]+)", after)
    if m and re.fullmatch(r"(?:people|persons|participants|attendees|students|trainees|"
                          r"fellows|staff|experts|officials|members|delegates|individuals)",
                          m.group(1).lower()):
        return "people"
    return ""


def _is_date_part(raw: str, after: str) -> bool:
    return not after.startswith("年") or (len(raw) == 4 and raw.isdigit())


def _dates(text: str) -> list[Filler]:
    out = []
    for m in re.finditer(r"(\d{4}\s*年)?\s*(\d{1,2}\s*月)?\s*(\d{1,2}\s*[日号])?", text):
        year, month, day = m.groups()
        if not (year or month):
            continue
        grain = "day" if day and month else "month" if month else "year"
        out.append(Filler("date", m.group().strip(), grain))
    months = "|".join(_MONTHS_EN)
    for m in re.finditer(rf"\b(?:(\d{{1,2}}) )?({months})(?: (\d{{1,2}}))?,? ?((?:19|20)\d\d)?\b",
                         text, re.I):
        grain = "day" if (m.group(1) or m.group(3)) else "month"
        out.append(Filler("date", m.group().strip(), grain))
    for m in re.finditer(r"(?<![\d/])((?:19|20)\d\d)(?![\d/年])", text):
        out.append(Filler("date", m.group(1), "year"))
    return out


def _entities(text: str, lexicon: Dictionary) -> list[Filler]:
    han = any("\u4e00" <= ch <= "\u9fff" for ch in text)
    out = [Filler("country", c) for c in countries_in(text) if not han or c.isascii()]
    if han:
        out += _zh_entities(text, lexicon)
    out += [Filler("name", q) for q in re.findall(r"《([^》]{2,60})》|“([^”]{2,60})”", text)
            for q in q if q]
    out += [Filler("org", m.group().strip()) for m in _EN_ORG.finditer(text)]
    out += [Filler("ministry", m.group()) for m in re.finditer(
        r"\bMinistry of (?:the )?(?:[A-Z][a-z]+ ?(?:and )?)+", text)]
    out += [Filler("company", m.group()) for m in re.finditer(
        r"\b(?:[A-Z][\w&]+ ){1,4}(?:Inc|Ltd|Corporation|Corp|Company|Group|PLC)\b", text)]
    out += [Filler("person", m.group()) for m in re.finditer(
        r"\b(?:Mr|Ms|Mrs|Dr)\.? [A-Z][a-z]+(?: [A-Z][a-z]+)?", text)]
    # who acts in an English text: a mandate holder, or States as UN texts write them
    out += [Filler("person", m.group(), "title") for m in _EN_TITLE.finditer(text)]
    out += [Filler("person", m.group(), "actor") for m in _EN_ACTOR.finditer(text)]
    return out


def _zh_entities(text: str, lexicon: Dictionary) -> list[Filler]:
    """jieba's tags, checked against CC-CEDICT: a word the dictionary knows only as an
    ordinary word (公正, 契约) is no name, whatever its tag."""
    from rag.language.tokens import pos_tags

    out = []
    tokens = list(pos_tags(text))
    for i, (word, flag) in enumerate(tokens):
        if len(word) < 2:
            continue
        ordinary = word in lexicon.common and word not in lexicon.proper
        nxt = tokens[i + 1][0] if i + 1 < len(tokens) else ""
        prev = tokens[i - 1][0] if i else ""
        if "·" in (nxt, prev) or nxt.startswith(_NAMED_AFTER):
            continue  # part of a person's name, or of an instrument's (巴黎协定)
        name = _compound(tokens, i)  # 马格里布 + 可持续发展 + 研究所: one name
        if is_country(word):
            out.append(Filler("country", word))
        elif name.endswith("国家") and len(name) >= 4 and not (
                nxt and tokens[i + 1][1].startswith("n")):  # 最不发达国家, not 国家工作队
            out.append(Filler("country", name, "group"))
        elif name.endswith("部") and len(name) >= 3 and flag.startswith("n"):
            out.append(Filler("ministry", name))
        elif name.endswith(("公司", "集团", "企业")) and len(name) >= 4:
            out.append(Filler("company", name))
        elif "·" in word or word in lexicon.persons or (
                flag in ("nr", "nrt", "nrfg") and not ordinary and word not in lexicon.proper
                and not word.endswith(_GROUP_SUFFIX)):
            out.append(Filler("person", word))
        elif flag == "ns" and word not in _PLACE_GENERIC and not ordinary:
            out.append(Filler("place", word))
        elif word.endswith(("市", "城")) and len(word) >= 3:
            out.append(Filler("place", word))
        elif flag == "nt" and not ordinary:
            out.append(Filler("org", word))
        elif word.endswith(_ORG_SUFFIX) and (name != word or not ordinary) and len(name) >= 3:
            out.append(Filler("org", name))
        if word.endswith(_TITLES) and len(word) >= 3:
            if prev in _TITLE_PREFIX:  # 副 + 高级专员: the deputy, not the High Commissioner
                word = prev + word
            out.append(Filler("person", word, "title"))
    out += [Filler("person", name) for name in _dotted_names(tokens)]
    return out


def _dotted_names(tokens: list[tuple[str, str]]) -> list[str]:
    """Transliterated names, whose parts jieba splits around the dot: 纳尔逊·曼德拉."""
    names, i = [], 0
    while i < len(tokens):
        if tokens[i][0] == "·" and 0 < i < len(tokens) - 1:
            parts = [tokens[i - 1][0]]
            while i < len(tokens) - 1 and tokens[i][0] == "·":
                parts.append(tokens[i + 1][0])
                i += 2
            names.append("·".join(parts))
        else:
            i += 1
    return names


def _compound(tokens: list[tuple[str, str]], i: int, most: int = 4) -> str:
    """The word at ``i`` with the name-like words right before it (nouns, places,
    names, abbreviations), as a proper name is usually written in Chinese."""
    start = i
    while start > 0 and i - start < most:
        word, flag = tokens[start - 1]
        if not flag.startswith(("n", "j", "eng", "vn")) or not any(
                "\u4e00" <= ch <= "\u9fff" or ch.isalnum() for ch in word):
            break
        start -= 1
    return "".join(w for w, _ in tokens[start : i + 1])


def _digits(raw: str) -> str:
    raw = raw.replace(",", "")
    if raw[:1].isdigit():
        return raw
    n = cn_to_int(raw)
    return str(n) if n is not None else ""


def cn_to_int(text: str) -> int | None:
    """Chinese numerals up to the ten thousands (二十八 -> 28, 两千 -> 2000)."""
    digits = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}
    units = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
    total, section, number = 0, 0, 0
    for ch in text:
        if ch in digits:
            number = digits[ch]
        elif ch in units:
            unit = units[ch]
            if unit >= 10_000:
                total += (section + number) * unit
                section = number = 0
            else:
                section += (number or 1) * unit
                number = 0
        else:
            return None
    return total + section + number
