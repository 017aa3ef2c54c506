"""Which slot a question asks to fill: its kind, and for dates and places its grain.

The first matching pattern wins, so the specific ones come first ("how many billion
dollars" is money before it is a number; "哪一天" is a day before it is a date).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ZH_COUNTERS = "个名位次项笔份届倍家所座场期轮批起件条篇封剂户国种类人岁年天周"
# measure words that say what is counted; "个" and "次" alone say nothing
COUNT_UNITS = set("名笔剂份届倍家所座位场期轮批起件条篇封人户国种类岁")
PEOPLE_UNITS = ("名", "人", "位", "人次")
# the kinds of document a text cites by number or title, by their Chinese word
DOCUMENT_KINDS = {"resolution": "决议", "general comment": "一般性意见", "declaration": "宣言",
                  "convention": "公约"}
PEOPLE_NOUNS = set("学生 学员 人员 参加者 与会者 参与者 专家 官员 代表 受害者 儿童 妇女 工作人员 "
                   "研究员 志愿者 法官 记者 难民 移民 人口 民众 患者".split())


@dataclass(frozen=True)
class Slot:
    kind: str  # number ordinal money percent duration date person agent funder org
    #            ministry company country countries city place name finding cause document
    unit: str = ""  # number: the measure word the count needs ("笔", "名"…), or "people"
    grain: str = ""  # date: year | month | day (empty: any date)
    noun: str = ""  # number: the noun counted ("国家", "case studies"); document: its kind
    of: str = ""  # number: what a total the question states counts ("228份信函" -> 信函)


_ZH: list[tuple[str, str, str]] = [
    ("money", "", r"多少(?:美元|欧元|瑞士法郎|法郎|英镑|钱|资金|经费|款项)|金额|预算总额|"
                  r"耗资|值多少|花了多少"),
    ("percent", "", r"百分之几|多大(?:的)?比例|多少比例|比例(?:是|为)多少|几成|百分比|占多少"),
    ("duration", "", r"多长时间|多久|为期多长|持续了?多少|多少(?:个月|天|周|星期|小时)|"
                     r"几(?:个月|天|周|星期)|多少年(?!份)"),
    ("date", "day", r"哪一天|哪天|几号|几月几日|哪一日|具体日期|确切日期|哪个日子|什么日子"),
    ("date", "month", r"哪个月|哪一个月|几月份|哪月|几月(?!几)"),
    ("date", "year", r"哪一年|哪年|哪个年份|哪一年度"),
    ("date", "", r"什么时候|何时|日期|什么时间|多会儿"),
    ("ministry", "", r"哪个部(?!门|分)|哪一个部|哪一部(?!分)|哪个(?:政府)?部委|政府哪个部"),
    ("company", "", r"哪(?:家|个|些|几家)(?:公司|企业)|什么公司"),
    ("document", "", r"哪(?:一?[个项份部]|一)?(?P<doc>一般性意见|决议|宣言|公约)"),
    ("org", "", r"哪(?:个|家|些|一个|几个)(?:国际)?(?:机构|组织|实体|银行|基金会?|方案|办事处|部门|"
                r"伙伴|研究机构|研究所|大学|委员会|联合国机构)|哪家"),
    ("countries", "", r"哪(?:几|些|两|三|四)个?(?:国家|国(?![际内])|成员国)|其余(?:两|三|几)个|"
                      r"另外(?:两|三|几)个|是哪(?:几|两|三)个"),
    ("country", "", r"哪(?:个|一个)?国家|哪国|哪一国"),
    ("city", "", r"哪(?:个|座|一座|一个|些|几个)城市|哪个城"),
    ("place", "", r"在哪里|在哪儿|何地|设在哪|在什么地方|在哪(?:举行|召开|举办|开)|"
                  r"什么地点|什么地方|在哪个地区|哪个地区"),
    ("name", "", r"叫什么(?!名字)|名称是什么|什么名称|题为什么|名叫什么"),
    ("ordinal", "", r"第几|第多少"),
    ("person", "name", r"叫什么名字|姓名|名字是|名字叫"),
    ("person", "", r"是谁|何人|哪位|由谁|谁"),
    ("finding", "", r"发现了什么|有什么发现|结论是什么|得出了?什么|显示了?什么|"
                    r"结果(?:是什么|如何)"),
    ("cause", "", r"什么事件|哪一?起事件|导火索|起因是|是什么引发|由什么引起"),
    ("funder", "", r"谁(?:出资|资助|供资|出钱|捐)|由谁(?:出资|资助|供资)|资金来源|"
                   r"哪(?:个|些|国)捐助"),
    ("number", "", rf"多少(?P<unit>[\u4e00-\u9fff]?)|(?<!哪)几(?P<unit2>[{_ZH_COUNTERS}])"),
]
_PEOPLE_EN = (r"people|persons|participants|attendees|students|trainees|fellows|staff|experts|"
              r"officials|members|delegates|victims|children|women|journalists|defenders|"
              r"migrants|refugees|workers|judges|officers")
_EN: list[tuple[str, str, str]] = [
    ("money", "", r"\bhow much (?:money|funding|did .{0,60}(?:cost|pay|spend|receive|raise|give|"
                  r"contribute|allocate|donate))|\bin (?:us )?dollars\b|\bin euros\b|"
                  r"\bhow many (?:\w+ )?(?:dollars|euros|francs)\b|\bwhat (?:was|is) the "
                  r"(?:budget|cost|amount|value)\b|\bhow much .{0,40}\b(?:cost|worth|budget)\b"),
    ("percent", "", r"\bwhat (?:percentage|proportion|share|percent)\b|\bby how much\b|"
                    r"\bhow much .{0,30}per ?cent\b|"
                    r"\b(?:gender |age )?(?:split|breakdown|ratio)\b"),
    ("duration", "", r"\bhow long\b|\bhow many (?:days|weeks|months|years|hours)\b|"
                     r"\bfor how (?:long|many)\b|\bwhat (?:was|is) the duration\b"),
    ("date", "day", r"\b(?:which|what|exact) (?:day|date)\b|\bon what day\b|\bexact date\b"),
    ("date", "month", r"\b(?:which|what) month\b"),
    ("date", "year", r"\b(?:which|what) year\b"),
    ("date", "", r"^\s*when\b|\bwhen (?:is|was|were|will|did|does|do|has|had)\b|\bby when\b"),
    ("ministry", "", r"\b(?:which|what) (?:government )?ministry\b|"
                     r"\bwhich government department\b"),
    ("company", "", r"\b(?:which|what) (?:\w+ )?(?:compan(?:y|ies)|firms?|corporations?|"
                    r"businesses|makers|manufacturers|producers)\b"),
    ("document", "", r"\b(?:which|what) (?:(?!(?:did|does|do|is|was|were|are|has|have|had|the|"
                     r"of)\b)[\w\-]+ ){0,3}?(?P<doc>general comment|resolution|declaration|"
                     r"convention)s?\b"),
    ("org", "", r"\b(?:which|what) (?!(?:did|does|do|is|was|were|are|has|have|had) )"
                r"(?:\w+ ){0,2}(?:organi[sz]ations?|agenc(?:y|ies)|institutions?|"
                r"institutes?|bod(?:y|ies)|banks?|entit(?:y|ies)|programmes?|programs?|offices?|"
                r"funds?|partners?|foundations?|universit(?:y|ies)|commissions?|committees?)\b"),
    ("countries", "", r"\b(?:which|what) (?:other )?(?:two |three |\d+ )?(?:countries|states|"
                      r"governments|nations|member states)\b"),
    ("country", "", r"\b(?:which|what) (?:\w+ )?(?:country|state|government|nation)\b"),
    ("city", "", r"\b(?:which|what) (?:city|town)\b"),
    ("place", "", r"\bwhere\b"),
    ("name", "", r"\bwhat (?:is|was|are|were) (?:it|they|the [\w\- ]{1,40}) called\b|"
                 r"\bwhat is the name of (?:the|its|this|that) (?!\w+ ?(?:commissioner|rapporteur|"
                 r"secretary|president|director|chair|head|minister|expert))|\bwhat title\b|"
                 r"\btitled\b"),
    ("ordinal", "", r"\b(?:which|what) (?:\w+ )?(?:session|edition|round|cycle|anniversary)\b"),
    ("finding", "", r"\bwhat did (?:[\w'\-]+ ){0,8}?(?:find|conclude|show|reveal|establish)\b|"
                    r"\bwhat (?:were|are|was|is) the (?:findings?|results?|conclusions?)\b"),
    ("cause", "", r"\bwhat (?:incident|event)s?\b|\bwhat (?:set off|triggered|sparked|caused|"
                  r"prompted)\b"),
    ("funder", "", r"\bwho (?:paid|funded|financed|donated|sponsored)\b|\bwhich (?:donors?|"
                   r"funders?)\b|\bfunded by whom\b"),
    ("agent", "", r"\bwho (?:supported|proposed|put forward|organi[sz]ed|hosted)\b"),
    ("person", "name", r"\bwhat (?:is|was) (?:the |his |her )?name\b|\bname of the (?:\w+ ){0,3}?"
                       r"(?:commissioner|rapporteur|secretary|president|director|chair\w*|head|"
                       r"minister|expert|envoy|representative)\b|\bwhat is (?:he|she) called\b"),
    ("person", "", r"\bwho\b|\bwhom\b|\bwhich (?:person|official|expert|individual)\b|"
                   r"\bname of the (?:\w+ ){0,3}?(?:commissioner|rapporteur|secretary|president|"
                   r"director|chair\w*|head|minister|expert|envoy|representative)\b"),
    ("number", "", rf"\bhow many (?:\w+ )?(?P<people>{_PEOPLE_EN})\b|"
                   r"\bhow many (?P<what>(?:[a-z\-]+ ){0,3}[a-z\-]+)|\bhow many\b|"
                   r"\bwhat (?:number|total)\b"),
]
_COMPILED = {
    "zh": [(k, g, re.compile(p)) for k, g, p in _ZH],
    "en": [(k, g, re.compile(p, re.I)) for k, g, p in _EN],
}


def question_slot(question: str, lang: str) -> Slot | None:
    for kind, grain, pattern in _COMPILED["zh" if lang == "zh" else "en"]:
        m = pattern.search(question)
        if not m:
            continue
        if kind == "countries" and _ENUMERATED.search(question):
            return Slot(kind, unit="named")  # "which two countries": names, not a group
        if kind == "person":
            return Slot(kind, unit=grain)  # "name": a personal name, not a title
        if kind == "document":  # "which general comment": one of that kind, named
            doc = m.group("doc").lower()
            return Slot(kind, noun=DOCUMENT_KINDS.get(doc, doc))
        if kind != "number":
            return Slot(kind, grain=grain)
        groups = m.groupdict()
        if groups.get("people"):
            return Slot("number", unit="people")
        unit = groups.get("unit") or groups.get("unit2") or ""
        if unit in ("人", "名", "位"):
            return Slot("number", unit="people")
        if groups.get("what"):  # "how many case studies": what is counted
            return Slot("number", noun=_counted(groups["what"]))
        if unit == "个":
            return Slot("number", unit="个", noun=_next_word(question[m.end():]))
        noun = _next_word(question[m.end() - len(unit):])
        if unit not in COUNT_UNITS and noun in PEOPLE_NOUNS:
            return Slot("number", unit="people")
        if unit not in COUNT_UNITS:
            return Slot("number")
        total = re.search(rf"\d[\d,]*\s*{re.escape(unit)}", question)
        return Slot("number", unit=unit, noun=_next_word(question[m.end():]),
                    of=_next_word(question[total.end():]) if total else "")
    return None


def _next_word(text: str) -> str:
    from rag.language.tokens import pos_tags

    for word, flag in pos_tags(text):
        han = any("\u4e00" <= ch <= "\u9fff" for ch in word)
        return word if han and flag.startswith("n") else ""
    return ""


_ENUMERATED = re.compile(r"哪[两三四五六七八九几]|[其另]外[两三几]|"
                         r"[两三四五六七八九\d]个(?:成员)?国|"
                         r"\bwhich (?:other )?(?:two|three|four|five|\d+)\b", re.I)
_VERBS = re.compile(r"\b(?:did|do|does|were|was|are|is|have|has|had|will|would|can|could|"
                    r"went|got|made|received|attended|took|the|of|in|on|for)\b.*$")


def _counted(words: str) -> str:
    """The noun phrase after "how many", up to its verb ("case studies does it")."""
    return _VERBS.sub("", words).strip()
