"""Answers as data: claims from a model's text, the citation check, plain rendering, and
every message in both languages. A stand-in support function; no models."""

from __future__ import annotations

import pytest

from ingest.base import Paragraph
from rag.answer.base import Answer, Claim, Message
from rag.answer.citations import check_claims, parse_claims
from rag.answer.messages import REFUSAL, SLOT_NAMES, TEMPLATES, render
from rag.answer.render import render_answer
from rag.base import Hit, Refusal

P3 = Paragraph("A/HRC/47/47", 3, "各国应加强合作。报告建议设立基金。", "一. 导言")
P0 = Paragraph("A/HRC/47/47", 0, "概要正文。", "概要")
HITS = [Hit(P3, 0.05), Hit(P0, 0.04)]


def verbatim(claim: str, p: Paragraph) -> float:
    """Stand-in support: 1 for a verbatim quote, else 0."""
    return 1.0 if claim in p.text else 0.0


def test_a_models_text_becomes_claims():
    claims = parse_claims("各国应加强合作。[¶3][概要] 编造。[A/HRC/1/1 ¶9] 没有引用的结尾。")
    assert [(c.text, c.refs) for c in claims] == [
        ("各国应加强合作。", [(None, 3), (None, 0)]),
        ("编造。", [("A/HRC/1/1", 9)]),
    ]


def test_the_check_drops_claims_citing_what_was_not_retrieved():
    claims = [Claim("各国应加强合作。", [(None, 3)]), Claim("编造。", [(None, 99)]),
              Claim("假话。", [("A/HRC/47/47", 3)])]
    kept, citations, dropped = check_claims(claims, HITS, verbatim, threshold=0.5, lang="zh")
    assert [c.text for c in kept] == ["各国应加强合作。", "假话。"]
    assert kept[0].refs == [("A/HRC/47/47", 3)]  # resolved to the document
    assert dropped == ["[¶99]"]
    (c,) = citations
    assert (c.n, c.label, c.quotes) == (3, "[¶3]", ["各国应加强合作。", "假话。"])
    assert c.supported and c.support == 1.0  # the best of its claims


def test_plain_text_is_rendered_from_claims():
    c3 = check_claims([Claim("各国应加强合作。", [(None, 3)], quote="各国应加强合作。")], HITS,
                      verbatim, threshold=0.5, lang="zh")[1]
    zh = Answer("q", "zh", False, [Claim("各国应加强合作。", [("A/HRC/47/47", 3)])], c3, HITS)
    assert zh.text == "各国应加强合作。[¶3]"
    assert zh.cited() == [("A/HRC/47/47", 3)]
    en = Answer("q", "en", False, [Claim("各国应加强合作。", [("A/HRC/47/47", 3)], quoted=True)],
                c3, HITS, lead=Message("lead", {"n": 3, "section": "一. 导言", "source_lang": "zh"}),
                notes=[Message("glosses", {"pairs": [("合作", "cooperation")]})])
    assert en.text.splitlines() == [
        "The report addresses this in paragraph 3 (section “一. 导言”). In the original Chinese:",
        "“各国应加强合作。”[¶3]",
        "Your words in the quote (by dictionary): 合作 = cooperation.",
    ]
    assert en.to_dict()["claims"] == [{"text": "各国应加强合作。", "quote": "", "citations": [
        {"doc_id": "A/HRC/47/47", "n": 3, "label": "[¶3]"}], "translation": None, "facts": []}]


def test_a_refusal_renders_its_reason_for_the_terminal():
    a = Answer("q", "zh", True, [], [], HITS, refusal=Refusal("no_term"))
    assert a.text == REFUSAL["zh"]
    shown = render_answer(a)
    assert "问题中的检索词都没有出现在最接近的段落里" in shown and "¶3 · 一. 导言" in shown
    assert a.to_dict()["refusal"]["reason"] == "no_term"


ARGS = {"lead": {"n": 5, "section": "s", "source_lang": "zh"}, "glosses": {"pairs": [("a", "b")]},
        "figures": {"items": ["1"]}, "notice.llm_failed": {"reason": "X"},
        "notice.llm_rejected": {"why": "cited_nothing"},
        "notice.removed_citations": {"markers": ["[¶9]"]},
        "reason.unknown_name": {"names": ["FIFA"]},
        "reason.weak_evidence": {"score": 0.5, "threshold": 0.8},
        "reason.no_filler": {"kind": "date"}, "reason.focus_absent": {"terms": ["FIFA"]},
        "reason.names_apart": {"names": ["乍得", "黎巴嫩"]},
        "reason.partial": {"kind": "date", "grain": "day", "found": "2021年3月", "n": 13},
        "reason.no_unit": {"doc": "A/RES/217(III)", "unit": "article", "n": 31, "name": {
            "en": "the Universal Declaration of Human Rights", "zh": "《世界人权宣言》"}},
    "correction": {"stated": "2019", "found": "2021"},
    "hedge": {"pointers": ["¶9", "¶12"]}, "reason.uncertain": {"probability": 0.41},
    "status": {"symbol": "A/HRC/59/L.17", "draft": True, "adopted_as": "A/HRC/RES/59/25"}}


@pytest.mark.parametrize("key", sorted(TEMPLATES))
def test_every_message_exists_in_both_languages(key):
    zh, en = (render(Message(key, ARGS.get(key, {})), lang) for lang in ("zh", "en"))
    assert zh and en and zh != en
    assert any("\u4e00" <= ch <= "\u9fff" for ch in zh)
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in en) or key == "reason.names_apart"


def test_slot_names_cover_both_languages():
    assert set(SLOT_NAMES["zh"]) == set(SLOT_NAMES["en"])


UDHR = {"en": "the Universal Declaration of Human Rights", "zh": "《世界人权宣言》"}
DRAFT = {"en": "the draft resolution", "zh": "决议草案"}
REPORT = {"en": "the report", "zh": "报告"}


@pytest.mark.parametrize(("args", "en", "zh"), [
    ({"n": 5, "unit": "article", "name": UDHR, "section": "Article 5", "source_lang": "en"},
     "Article 5 of the Universal Declaration of Human Rights addresses this:",
     "《世界人权宣言》第五条论及此事，英文原文如下："),
    ({"n": 15, "unit": "article", "name": UDHR, "section": "第十五条", "source_lang": "zh"},
     "Article 15 of the Universal Declaration of Human Rights addresses this. In the original "
     "Chinese:", "《世界人权宣言》第十五条论及此事："),
    ({"n": 12, "unit": "paragraph", "name": DRAFT, "section": "", "source_lang": "en"},
     "The draft resolution addresses this in paragraph 12:", "决议草案在第12段论及此事，英文原文如下："),
    ({"n": 1003, "unit": "preamble", "label": "PP3", "name": DRAFT, "section": "Preamble",
      "source_lang": "en"}, "The draft resolution addresses this in its preamble (PP3):",
     "决议草案序言第3段论及此事，英文原文如下："),
    ({"n": 27, "unit": "article", "name": UDHR, "section": "第二十七条", "source_lang": "zh",
      "also": [{"n": 65, "unit": "paragraph", "name": REPORT, "section": "B", "source_lang": "zh"}]},
     "Article 27 of the Universal Declaration of Human Rights addresses this; the report also "
     "does, in paragraph 65 (section “B”). In the original Chinese:",
     "《世界人权宣言》第二十七条论及此事；报告在第65段（“B”一节）也论及此事："),
])
def test_the_lead_names_its_source_in_its_own_words(args, en, zh):
    assert render(Message("lead", args), "en") == en
    assert render(Message("lead", args), "zh") == zh


def test_a_refusal_names_the_document_asked_about():
    a = Answer("q", "en", True, [], [], HITS, refusal=Refusal("no_term"),
               documents=[{"symbol": "A/RES/217(III)", "title": {}, "kind": "declaration",
                           "name": UDHR}], stored=4)
    assert a.text == "The Universal Declaration of Human Rights does not address this."
    a.language = "zh"
    assert a.text == "《世界人权宣言》中没有找到相关内容。"
    a.documents = []
    assert a.text == "文件中没有找到相关内容。"  # several documents, none named
    a.stored = 1
    assert a.text == REFUSAL["zh"]


def test_preambular_paragraphs_are_cited_as_pp():
    pp = Paragraph("RTD-2001-draft (en)", 1003, "Recalling also the outcome.", "Preamble",
                   lang="en")
    claims = parse_claims("It recalls the outcome.[PP3] And more.[RTD-2001-draft (en) PP3]")
    assert [c.refs for c in claims] == [[(None, 1003)], [("RTD-2001-draft (en)", 1003)]]
    _, (c,), _ = check_claims(claims, [Hit(pp, 0.1)], verbatim, threshold=0.5, lang="en")
    assert c.label == "[PP3]"
