"""Every sentence the answer pipeline writes around the documents' own words, in zh and en.

A message is a key with arguments (``Message``); ``render`` writes it in
the reader's language. Unknown languages fall back to English.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ingest.base import SUMMARY_N
from rag.language.rules import ZH_RULES

Args = dict[str, Any]


@dataclass(frozen=True)
class Message:
    key: str
    args: Args = field(default_factory=dict)


SLOT_NAMES = {
    "zh": {"number": "数字", "ordinal": "序号", "money": "金额", "percent": "百分比",
           "duration": "时长", "date": "日期", "person": "人名", "agent": "出资或主办方",
           "org": "机构名称", "ministry": "部委名称", "company": "公司名称", "country": "国家",
           "countries": "国家名单", "city": "城市", "place": "地点", "name": "名称",
           "funder": "出资方", "finding": "调查结果", "cause": "起因", "document": "文件"},
    "en": {"number": "number", "ordinal": "ordinal", "money": "amount of money",
           "percent": "percentage", "duration": "duration", "date": "date", "person": "name",
           "agent": "person or body", "org": "organization", "ministry": "ministry",
           "company": "company", "country": "country", "countries": "list of countries",
           "city": "city", "place": "place", "name": "name", "funder": "funder",
           "finding": "finding", "cause": "cause", "document": "document"},
}


def _name(a: Args, lang: str) -> str:
    names = a.get("name") or {}
    return names.get(lang) or ("the report" if lang == "en" else "报告")


def _where_in_en(a: Args) -> str:
    """Where in its document a source is: "paragraph 12", "its preamble (PP3)"…"""
    unit, n = a.get("unit", "paragraph"), a["n"]
    if n == SUMMARY_N:
        return "the summary" if a.get("section") in ("Summary", "概要", "") else \
            "its opening lines"
    if unit == "preamble":
        return f"its preamble ({a.get('label', '')})"
    where = f"paragraph {n}"
    if a.get("doc") and not a.get("name"):
        where += f" of {a['doc']}"
    if a.get("section") and unit == "paragraph":
        if a.get("section_gist"):  # a machine gist of a title in another language
            where += f" (section “{a['section_gist']}”, a machine gist of “{a['section']}”)"
        else:
            where += f" (section “{a['section']}”)"
    return where


def _source_en(a: Args, *, first: bool) -> str:
    name = _name(a, "en")
    if a.get("unit") == "article":
        return (f"Article {a['n']} of {name} addresses this" if first
                else f"article {a['n']} of {name} also does")
    if first:
        return f"{name[:1].upper() + name[1:]} addresses this in {_where_in_en(a)}"
    return f"{name} also does, in {_where_in_en(a)}"


def _lead_en(a: Args) -> str:
    """"The report addresses this in paragraph 61…", "Article 5 of the Universal
    Declaration of Human Rights addresses this", "… ; the report also does, in …"."""
    sources = [a, *a.get("also", [])]
    text = "; ".join(_source_en(s, first=i == 0) for i, s in enumerate(sources))
    langs = {s.get("source_lang") for s in sources}
    if langs == {"en"}:  # the official English version of a document stored in others too
        official = all(s.get("official") for s in sources)
        return f"{text}; quoted from the official English text:" if official else f"{text}:"
    if a.get("translated"):  # the model's name is on each claim's mark and card
        return (f"{text}. Machine translation, may contain errors; the "
                f"{'Chinese original' if langs == {'zh'} else 'original'} is given with "
                "each citation:")
    return f"{text}. In the original {'Chinese' if langs == {'zh'} else 'languages'}:"


def _source_zh(a: Args, *, first: bool) -> str:
    name, n, unit = _name(a, "zh"), a["n"], a.get("unit", "paragraph")
    verb = "论及此事" if first else "也论及此事"
    if n == SUMMARY_N:
        return f"{name}在{'概要' if a.get('section') in ('Summary', '概要', '') else '开头'}{verb}"
    if unit == "article":
        return f"{name}第{_zh_numeral(n)}条{verb}"
    if unit == "preamble":
        return f"{name}序言第{str(a.get('label', '')).removeprefix('PP')}段{verb}"
    where = f"第{n}段"
    if a.get("doc") and not a.get("name"):
        where = f"{a['doc']} {where}"
    section = f"（“{a['section']}”一节）" if a.get("section") else ""
    if a.get("section_gist"):
        section = f"（“{a['section_gist']}”一节，机器翻译自“{a['section']}”）"
    return f"{name}在{where}{section}{verb}"


def _lead_zh(a: Args) -> str:
    sources = [a, *a.get("also", [])]
    text = "；".join(_source_zh(s, first=i == 0) for i, s in enumerate(sources))
    langs = {s.get("source_lang") for s in sources}
    tail = "，英文原文如下：" if langs == {"en"} else "：" if langs == {"zh"} else "，原文如下："
    if a.get("translated"):
        tail = "。以下为机器翻译，可能有误，原文随各引文给出："
    return f"{text}{tail}"


def _zh_numeral(n: int) -> str:
    """5 -> 五, 15 -> 十五, 29 -> 二十九 (articles are numbered so in Chinese)."""
    digits = "零一二三四五六七八九"
    if n >= 100:
        return str(n)
    tens, unit = divmod(n, 10)
    if not tens:
        return digits[unit]
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[unit] if unit else "")


def _refusal_en(a: Args) -> str:
    if a.get("name"):
        name = _name(a, "en")
        return f"{name[:1].upper() + name[1:]} does not address this."
    return "The documents do not address this." if a.get("several") else \
        "The report does not address this."


def _refusal_zh(a: Args) -> str:
    if a.get("name"):
        return f"{_name(a, 'zh')}中没有找到相关内容。"
    return "文件中没有找到相关内容。" if a.get("several") else "报告中没有找到相关内容。"


def _hedge_en(a: Args) -> str:
    doc = _name(a, "en") if a.get("name") else ("the documents" if a.get("several")
                                                  else "the report")
    where = f"; closest passages: {', '.join(a['pointers'])}" if a.get("pointers") else ""
    return f"{doc[:1].upper() + doc[1:]} may not answer this{where}."


def _hedge_zh(a: Args) -> str:
    doc = _name(a, "zh") if a.get("name") else ("文件" if a.get("several") else "报告")
    where = f"；最接近的段落：{'、'.join(a['pointers'])}" if a.get("pointers") else ""
    return f"{doc}可能没有回答这个问题{where}。"


def _correction_en(a: Args) -> str:
    doc = _name(a, "en") if a.get("name") else "the report"
    return f"{doc[:1].upper() + doc[1:]} says otherwise ({a['stated']}: it gives {a['found']}):"


def _correction_zh(a: Args) -> str:
    doc = _name(a, "zh") if a.get("name") else "报告"
    return f"{doc}的说法不同（问题说“{a['stated']}”，原文为“{a['found']}”）："


def _no_unit_en(a: Args) -> str:
    name = _name(a, "en")
    return f"{name[:1].upper() + name[1:]} has no {a.get('unit', 'paragraph')} {a['n']}."


def _no_unit_zh(a: Args) -> str:
    which = f"第{_zh_numeral(a['n'])}条" if a.get("unit") == "article" else f"第{a['n']}段"
    return f"{_name(a, 'zh')}没有{which}。"


def _pairs(a: Args, sep: str) -> str:
    return sep.join(f"{zh} = {en}" for zh, en in a["pairs"])


_GRAIN_EN = {"day": "the exact day", "month": "the month", "year": "the year"}
_GRAIN_ZH = {"day": "具体日期", "month": "月份", "year": "年份"}


def _asked_en(a: Args) -> str:
    if a.get("kind") == "date":
        return _GRAIN_EN.get(a.get("grain", ""), "the date")
    if a.get("kind") == "city":
        return "the city"
    if a.get("kind") == "number" and a.get("unit") == "people":
        return "the number of people"
    return f"the {SLOT_NAMES['en'].get(a.get('kind', ''), 'detail')} asked for"


def _asked_zh(a: Args) -> str:
    if a.get("kind") == "date":
        return _GRAIN_ZH.get(a.get("grain", ""), "日期")
    if a.get("kind") == "city":
        return "城市"
    if a.get("kind") == "number" and a.get("unit") == "people":
        return "人数"
    return SLOT_NAMES["zh"].get(a.get("kind", ""), "所问的细节")


def _where_en(a: Args) -> str:
    return "the summary" if a.get("n") == SUMMARY_N else f"paragraph {a.get('n')}"


def english_figure(text: str) -> str:
    """2021年3月 -> March 2021, 36亿 -> 3.6 billion; anything else as written."""
    plain = "".join(text.split())
    for pattern, make, kind in ZH_RULES:
        m = pattern.fullmatch(plain)
        if kind == "number" and m:
            return make(m) or text
    return text


def _partial_en(a: Args) -> str:
    return (f"The report does not give {_asked_en(a)}; {_where_en(a)} says "
            f"{english_figure(a.get('found', ''))}.")


def _partial_zh(a: Args) -> str:
    where = "概要" if a.get("n") == SUMMARY_N else f"第{a.get('n')}段"
    return f"报告没有给出{_asked_zh(a)}；{where}只提到“{a.get('found', '')}”。"


def _status_en(a: Args) -> str:
    """"A/HRC/59/L.17 is a draft; the text adopted from it is A/HRC/RES/59/25."."""
    symbol, later, adopted = a["symbol"], a.get("superseded_by"), a.get("adopted_as")
    if not a.get("draft"):
        return f"{symbol} is superseded by {later}, the current text."
    head = f"{symbol} is a draft" + (f", superseded by {later}" if later else "")
    if adopted:
        return f"{head}; the text adopted from it is {adopted}."
    return f"{head}." if later else f"{head}, not an adopted text."


def _status_zh(a: Args) -> str:
    symbol, later, adopted = a["symbol"], a.get("superseded_by"), a.get("adopted_as")
    if not a.get("draft"):
        return f"{symbol} 已被 {later} 取代，后者为现行案文。"
    head = f"{symbol} 是草案" + (f"，已被 {later} 取代" if later else "")
    if adopted:
        return f"{head}；据此通过的案文是 {adopted}。"
    return f"{head}。" if later else f"{head}，并非通过的案文。"


_WHY_EN = {"citations_failed": "its citations failed the check",
           "cited_nothing": "it cited nothing"}
_WHY_ZH = {"citations_failed": "其引用未通过核查", "cited_nothing": "其中没有任何引用"}

TEMPLATES: dict[str, dict[str, Callable[[Args], str]]] = {
    "refusal": {"zh": _refusal_zh, "en": _refusal_en},
    "hedge": {"zh": _hedge_zh, "en": _hedge_en},
    "correction": {"zh": _correction_zh, "en": _correction_en},
    "lead": {"zh": _lead_zh, "en": _lead_en},
    "status": {"zh": _status_zh, "en": _status_en},
    "glosses": {"zh": lambda a: f"问题用词在引文中的对应（据词典）：{_pairs(a, '；')}。",
                "en": lambda a: f"Your words in the quote (by dictionary): {_pairs(a, '; ')}."},
    "figures": {"zh": lambda a: f"原文中的数字和名称：{'、'.join(a['items'])}。",
                "en": lambda a: f"Figures and names as written: {', '.join(a['items'])}."},
    "notice.llm_failed": {
        "zh": lambda a: f"大语言模型调用失败（{a['reason']}），改为显示摘录原文的回答。",
        "en": lambda a: f"The LLM failed ({a['reason']}); showing the extractive answer instead."},
    "notice.llm_empty": {
        "zh": lambda a: "大语言模型没有返回内容，改为显示摘录原文的回答。",
        "en": lambda a: "The LLM returned an empty reply; showing the extractive answer."},
    "notice.llm_no_answer": {
        "zh": lambda a: "大语言模型在段落中没有找到答案，改为显示摘录原文的回答。",
        "en": lambda a: "The LLM found no answer in the paragraphs; showing the extractive "
                        "answer instead."},
    "notice.llm_rejected": {
        "zh": lambda a: f"未采用大语言模型的回答，因为{_WHY_ZH[a['why']]}；"
                        "改为显示摘录原文的回答。",
        "en": lambda a: f"The LLM answer was not used because {_WHY_EN[a['why']]}; showing the "
                        "extractive answer instead."},
    "notice.no_translation": {
        "zh": lambda a: "未安装翻译模型，显示原文及词典释义。",
        "en": lambda a: "No translation model is available: the quotes are shown in the "
                        "original with dictionary glosses."},
    "notice.translation_withheld": {
        "zh": lambda a: "部分机器翻译未通过核查，相应引文显示原文。",
        "en": lambda a: "Some machine translations failed a check and are not shown; those "
                        "quotes are in the original."},
    "notice.translation_pending": {
        "zh": lambda a: "该文件正在翻译中，暂时显示原文。",
        "en": lambda a: "This document is still being translated; the quotes are shown in "
                        "the original for now."},
    "notice.removed_citations": {
        "zh": lambda a: f"已删除对未检索段落的引用：{'、'.join(a['markers'])}。",
        "en": lambda a: "Removed citations of paragraphs that were not retrieved: "
                        f"{', '.join(a['markers'])}."},
    "reason.no_unit": {"zh": _no_unit_zh, "en": _no_unit_en},
    "reason.no_hits": {"zh": lambda a: "资料库中没有与问题相关的段落。",
                       "en": lambda a: "No stored paragraph matches the question."},
    "reason.unknown_name": {
        "zh": lambda a: f"文件中从未提到：{'、'.join(a['names'])}。",
        "en": lambda a: f"The documents never mention {', '.join(a['names'])}."},
    "reason.focus_absent": {
        "zh": lambda a: f"文件中从未提到问题的核心概念：{'、'.join(a['terms'])}。",
        "en": lambda a: f"The documents never mention what the question is about: "
                        f"{', '.join(a['terms'])}."},
    "reason.partial": {"zh": _partial_zh, "en": _partial_en},
    "reason.names_apart": {
        "zh": lambda a: f"没有任何段落同时提到：{'、'.join(a['names'])}。",
        "en": lambda a: f"No paragraph mentions these together: {', '.join(a['names'])}."},
    "reason.no_term": {"zh": lambda a: "问题中的检索词都没有出现在最接近的段落里。",
                       "en": lambda a: "None of the question's terms occurs in the closest "
                                       "paragraphs."},
    "reason.weak_evidence": {
        "zh": lambda a: f"最接近的句子与问题相差太远（相似度 {a['score']:.3f}，"
                        f"阈值 {a['threshold']}）。",
        "en": lambda a: f"The closest sentence is too far from the question (similarity "
                        f"{a['score']:.3f}, threshold {a['threshold']})."},
    "reason.no_filler": {
        "zh": lambda a: f"问题要求一个{SLOT_NAMES['zh'].get(a['kind'], a['kind'])}，"
                        "但最接近的句子里没有。",
        "en": lambda a: f"The question asks for a {SLOT_NAMES['en'].get(a['kind'], a['kind'])}, "
                        "and the closest sentences hold none."},
    "reason.uncertain": {
        "zh": lambda a: f"判断不确定（可回答的概率 {a.get('probability', 0):.2f}）："
                        "请核对最接近的段落。",
        "en": lambda a: f"The judgement is uncertain (probability of an answer "
                        f"{a.get('probability', 0):.2f}): check the closest passages."},
    "reason.off_domain": {
        "zh": lambda a: "问题的用词几乎不见于所存文件：它问的不是这些文件的内容。",
        "en": lambda a: "The question's words hardly occur in the stored documents: it is "
                        "not about them."},
    "reason.unsupported": {"zh": lambda a: "没有任何引文通过引用核查。",
                           "en": lambda a: "No quoted sentence passed the citation check."},
}


_LANG_ZH = {"zh": "中文", "en": "英文", "fr": "法文", "es": "西班牙文", "ru": "俄文",
            "ar": "阿拉伯文"}
_LANG_EN = {"zh": "Chinese", "en": "English", "fr": "French", "es": "Spanish", "ru": "Russian",
            "ar": "Arabic"}


def _lang_zh(a: Args) -> str:
    code = str(a.get("lang", ""))
    return _LANG_ZH.get(code, code)


def _lang_en(a: Args) -> str:
    code = str(a.get("lang", ""))
    return _LANG_EN.get(code, code)


# an exported answer (rag.answer.export): its headings, in the asker's language
TEMPLATES.update({
    "export.question": {"zh": lambda a: "问题", "en": lambda a: "Question"},
    "export.understood_as": {"zh": lambda a: "理解为", "en": lambda a: "Understood as"},
    "export.sources": {"zh": lambda a: "出处", "en": lambda a: "Sources"},
    "export.closest": {"zh": lambda a: "最接近的段落", "en": lambda a: "Closest passages"},
    "export.section": {"zh": lambda a: "章节", "en": lambda a: "Section"},
    "export.document": {"zh": lambda a: "文件", "en": lambda a: "Document"},
    "export.unsupported": {"zh": lambda a: "引用未获支持", "en": lambda a: "citation unsupported"},
    "export.text": {"zh": lambda a: f"原文（{_lang_zh(a)}）",
                    "en": lambda a: f"Text ({_lang_en(a)})"},
    "export.official": {
        "zh": lambda a: f"正式{_lang_zh(a)}本（{a.get('cite', '')}"
                        f"{'，' + a['url'] if a.get('url') else ''}）",
        "en": lambda a: f"Official {_lang_en(a)} version ({a.get('cite', '')}"
                        f"{', ' + a['url'] if a.get('url') else ''})"},
    "export.machine": {
        "zh": lambda a: f"机器翻译{'（' + a['model'] + '）' if a.get('model') else ''}，"
                        "非正式译文",
        "en": lambda a: f"Machine translation{' (' + a['model'] + ')' if a.get('model') else ''}"
                        ", not an official text"},
})


def render(message: Message, lang: str) -> str:
    forms = TEMPLATES.get(message.key)
    if forms is None:
        return message.key  # a key without a template is a bug, but never a crash
    return (forms.get(lang) or forms["en"])(message.args)


def refusal_text(lang: str) -> str:
    return render(Message("refusal"), lang)


REFUSAL = {lang: refusal_text(lang) for lang in ("zh", "en")}
