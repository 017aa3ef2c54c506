"""The UI's pure HTML rendering: escaping, chips, cards, refusals, both languages."""

from __future__ import annotations

import pytest

from ingest.base import Footnote, Paragraph
from rag.answer.base import Answer, Citation, Claim, Message
from rag.answer.citations import parse_claims
from rag.answer.messages import REFUSAL
from rag.base import Hit, Refusal
from tests.support import assert_inert, tags, visible_text
from ui.cards import citation_card, evidence_html, highlight, hit_card
from ui.labels import EXAMPLES, LANGS, lang_from_header, t
from ui.render import (
    answer_html,
    card_key,
    chip,
    error_html,
    short_section,
    streaming_html,
    user_html,
)

DOC = "A/HRC/47/47"
SECTION = "三. 落实和加强人权领域的国际合作 › B. 联合国人权系统 › 1. 普遍定期审议"
EVIL_SCRIPT = "<script>window.pwned=1</script>"
EVIL_IMG = '<img src=x onerror="window.pwned=1">'


def para(n: int, text: str, section: str = SECTION, notes=()) -> Paragraph:
    return Paragraph(DOC, n, text, section, tuple(Footnote(i, s) for i, s in notes), page=3)


def citation(p: Paragraph, quote: str, *, supported: bool = True) -> Citation:
    return Citation(n=p.n, doc_id=p.doc_id, text=p.text, section=p.section,
                    footnotes=[{"n": f.n, "text": f.text} for f in p.footnotes],
                    score=0.0492, supported=supported, quote=quote, support=0.9,
                    label=f"[¶{p.n}]", quotes=[quote])


def answer(text: str, cites: list[Citation], hits: list[Hit], *, lang: str = "zh",
           refused: bool = False) -> Answer:
    """An answer whose claims are ``text`` with its markers, as a model might write it."""
    return Answer(question="q", language=lang, refused=refused,
                  claims=[] if refused else parse_claims(text), citations=cites, retrieved=hits,
                  refusal=Refusal("no_term") if refused else None)


P86 = para(86, "增强全球裁军合作可以释放资源来实现权利。同样，放松制裁将支持医疗系统抗击这一流行病。",
           "四. 应对促进和保护人权包括发展权挑战的可能方式以及克服这些挑战的机遇")
P61 = para(61, "普遍定期审议第三轮期间，各国接受了许多建议。", notes=[(33, "见 A/HRC/46/1。")])


# -- escaping -------------------------------------------------------------------
@pytest.mark.parametrize("evil", [EVIL_SCRIPT, EVIL_IMG])
def test_paragraph_text_is_escaped_in_cards(evil):
    p = para(9, f"前文{evil}后文。", notes=[(16, f"注{evil}")])
    c = citation(p, f"前文{evil}后文。")
    for html in (citation_card(c, None, 0, "zh"), hit_card(Hit(p, 0.04), 0, "en")):
        assert_inert(html)
        assert evil in visible_text(html)  # shown as text, literally


@pytest.mark.parametrize("evil", [EVIL_SCRIPT, EVIL_IMG])
def test_answer_and_question_text_is_escaped(evil):
    c = citation(P86, "增强全球裁军合作可以释放资源来实现权利。")
    a = answer(f"{evil}增强全球裁军合作可以释放资源来实现权利。[¶86]", [c], [Hit(P86, 0.05)])
    html = answer_html(a, 0, "zh")
    assert_inert(html)
    assert evil in visible_text(html)
    for html in (user_html(evil), streaming_html(evil + "[¶86]", "en"), error_html(evil)):
        assert_inert(html)
        assert evil in visible_text(html)


def test_section_and_doc_id_are_escaped():
    p = Paragraph('X"><img src=x onerror=alert(1)>', 3, "text", f"一. {EVIL_IMG} › A. b")
    html = hit_card(Hit(p, 0.01), 2, "en")
    assert_inert(html)
    ids = [a.get("id") for tag, a in tags(html) if tag == "details"]
    assert ids == ["card-t2-X-img-src-x-onerror-alert-1-3"]


# -- chips ------------------------------------------------------------------------
def test_markers_become_chips_that_name_their_cards():
    c86 = citation(P86, "增强全球裁军合作可以释放资源来实现权利。")
    c61 = citation(P61, "普遍定期审议第三轮期间，各国接受了许多建议。")
    a = answer("增强全球裁军合作可以释放资源来实现权利。[¶86]\n普遍定期审议第三轮期间，各国接受了许多建议。[¶61]",
               [c86, c61], [Hit(P86, 0.05), Hit(P61, 0.04)])
    html = answer_html(a, 4, "zh")
    links = [a for tag, a in tags(html) if tag == "a"]
    assert [a["href"] for a in links] == ["#card-t4-A-HRC-47-47-86", "#card-t4-A-HRC-47-47-61"]
    assert all(a["class"] == "cite-chip" for a in links)
    assert "<br>" in html  # line breaks survive
    panel = evidence_html(a, 4, "zh")
    card_ids = [a["id"] for tag, a in tags(panel) if tag == "details"]
    assert card_ids[:2] == ["card-t4-A-HRC-47-47-86", "card-t4-A-HRC-47-47-61"]


def test_qualified_and_summary_markers():
    other = Paragraph("A/HRC/99/1", 9, "Other text.", "I. Intro", lang="en")
    p0 = para(0, "世界正在经历自联合国成立以来最大的一场全球危机。", "概要")
    ours = para(9, "她紧急呼吁减免债务。")
    cites = [citation(ours, "她紧急呼吁减免债务。"), citation(other, "Other text."),
             citation(p0, "世界正在经历自联合国成立以来最大的一场全球危机。")]
    a = answer("她紧急呼吁减免债务。[A/HRC/47/47 ¶9] Other text.[A/HRC/99/1 ¶9] 危机。[概要]",
               cites, [], lang="zh")
    hrefs = [a["href"] for tag, a in tags(answer_html(a, 1, "zh")) if tag == "a"]
    assert hrefs == ["#card-t1-A-HRC-47-47-9", "#card-t1-A-HRC-99-1-9", "#card-t1-A-HRC-47-47-0"]


def test_marker_without_citation_stays_plain_text():
    a = answer("某句话。[¶99]", [], [])
    html = answer_html(a, 0, "zh")
    assert not [x for x, _ in tags(html) if x == "a"]
    assert "[¶99]" in visible_text(html)


def test_streaming_chips_are_inert_until_checked():
    html = streaming_html("增强全球裁军合作[¶86]", "zh")
    assert not [x for x, _ in tags(html) if x == "a"]
    assert "cite-chip pending" in html
    assert t("en", "thinking") in visible_text(streaming_html("", "en"))


# -- cards ------------------------------------------------------------------------
def test_card_shows_number_section_text_quote_footnotes_and_score():
    c = citation(P61, "普遍定期审议第三轮期间，各国接受了许多建议。")
    html = citation_card(c, None, 0, "en")
    text = visible_text(html)
    assert "¶61" in text and "三 › B › 1. 普遍定期审议" in text and SECTION in text
    assert "<mark>普遍定期审议第三轮期间，各国接受了许多建议。</mark>" in html
    assert "见 A/HRC/46/1。" in text and "Footnotes" in text
    assert "retrieval score 0.0492" in text
    assert "UNSUPPORTED" not in text


def test_adjacent_quoted_sentences_are_highlighted_as_one():
    c = citation(P86, "")
    c.quotes = ["增强全球裁军合作可以释放资源来实现权利。", "同样，放松制裁将支持医疗系统抗击这一流行病。"]
    html = citation_card(c, None, 0, "en")
    assert html.count("<mark>") == 1  # both sentences, adjacent, merged into one mark
    assert "<mark>增强全球裁军合作可以释放资源来实现权利。同样，" in html


def test_paraphrased_claim_marks_the_closest_sentence_and_shows_the_claim():
    c = citation(P86, "Disarmament frees resources.")
    hit = Hit(P86, 0.05, best_sentence="增强全球裁军合作可以释放资源来实现权利。")
    html = citation_card(c, hit, 0, "en")
    assert "<mark>增强全球裁军合作可以释放资源来实现权利。</mark>" in html
    assert "Claim in the answer" in visible_text(html)


def test_unsupported_citation_is_plain_to_see():
    c = citation(P86, "增强全球裁军合作可以释放资源来实现权利。", supported=False)
    a = answer("增强全球裁军合作可以释放资源来实现权利。[¶86]", [c], [Hit(P86, 0.05)], lang="en")
    html = answer_html(a, 0, "en")
    chip_attrs = [x for tag, x in tags(html) if tag == "a"][0]
    assert chip_attrs["class"] == "cite-chip unsupported"
    assert "⚠" in visible_text(html) and "not supported" in visible_text(html)
    panel = evidence_html(a, 0, "en")
    assert "UNSUPPORTED" in visible_text(panel)
    assert "UNSUPPORTED" in visible_text(evidence_html(a, 0, "zh"))


def test_english_answer_parts_follow_the_ui_language():
    quote = "增强全球裁军合作可以释放资源来实现权利。"
    c = citation(P86, quote)
    a = Answer(question="q", language="en", refused=False,
               claims=[Claim(quote, [(DOC, 86)], quote=quote, quoted=True)], citations=[c],
               retrieved=[Hit(P86, 0.05)],
               lead=Message("lead", {"n": 86, "section": "四. 方式", "source_lang": "zh"}),
               notes=[Message("figures", {"items": ["2030", "COVAX"]})],
               notice=Message("notice.llm_empty"))
    en = visible_text(answer_html(a, 0, "en"))
    assert "The report addresses this in paragraph 86" in en and f"“{quote}”" in en
    assert "Figures and names as written: 2030, COVAX." in en
    assert "The LLM returned an empty reply" in en
    zh = visible_text(answer_html(a, 0, "zh"))
    assert "报告在第86段" in zh and "原文中的数字和名称：2030、COVAX。" in zh
    assert "大语言模型没有返回内容" in zh and "LLM" not in zh


def test_refusal_says_why_on_hover():
    a = Answer(question="q", language="en", refused=True, claims=[], citations=[],
               retrieved=[Hit(P61, 0.03)], refusal=Refusal("unknown_name", {"names": ["FIFA"]}))
    refusal = [x for tag, x in tags(answer_html(a, 0, "en")) if x.get("class") == "refusal"]
    assert refusal[0]["title"] == "The documents never mention FIFA."
    refusal = [x for tag, x in tags(answer_html(a, 0, "zh")) if x.get("class") == "refusal"]
    assert refusal[0]["title"] == "文件中从未提到：FIFA。"


def test_refusal_offers_closest_passages_in_both_languages():
    hits = [Hit(P61, 0.03, best_sentence="普遍定期审议第三轮期间，各国接受了许多建议。"),
            Hit(P86, 0.02)]
    for lang, head in (("zh", "最接近的段落"), ("en", "Closest passages")):
        a = answer(REFUSAL[lang], [], hits, lang=lang, refused=True)
        html = answer_html(a, 2, lang)
        text = visible_text(html)
        assert REFUSAL[lang] in text and head in text
        hrefs = [x["href"] for tag, x in tags(html) if tag == "a"]
        assert hrefs == ["#card-t2-A-HRC-47-47-61", "#card-t2-A-HRC-47-47-86"]
        panel = evidence_html(a, 2, lang)
        assert head in visible_text(panel)
        assert [x["id"] for tag, x in tags(panel) if tag == "details"] == \
            ["card-t2-A-HRC-47-47-61", "card-t2-A-HRC-47-47-86"]


def test_a_hedge_and_a_correction_look_unlike_an_answer_and_a_refusal():
    from rag.base import Correction, Verdict

    hedge = Answer(question="q", language="en", refused=True, claims=[], citations=[],
                   retrieved=[Hit(P61, 0.03), Hit(P86, 0.02)],
                   refusal=Refusal("uncertain", {"probability": 0.52}, (P61.id, P86.id)))
    html = answer_html(hedge, 1, "en")
    box = [x for tag, x in tags(html) if x.get("class") == "hedge"]
    assert box and "0.52" in box[0]["title"]  # why, on hover
    assert not [x for tag, x in tags(html) if x.get("class") == "refusal"]
    text = visible_text(html)
    assert "may not answer this" in text and "Closest passages" in text
    assert [x["href"] for tag, x in tags(html) if tag == "a"][:2] == \
        ["#card-t1-A-HRC-47-47-61", "#card-t1-A-HRC-47-47-86"]
    c = citation(P86, "增强全球裁军合作可以释放资源来实现权利。")
    verdict = Verdict("correction", 0.9, correction=Correction("2025", "2030", "s", P86.id,
                                                               "date"))
    corrected = answer("增强全球裁军合作可以释放资源来实现权利。[¶86]", [c], [Hit(P86, 0.03)],
                       lang="en")
    corrected.verdict = verdict
    corrected.lead = Message("correction", {"stated": "2025", "found": "2030"})
    html = answer_html(corrected, 1, "en")
    lead = [x for tag, x in tags(html) if (x.get("class") or "").startswith("correction")]
    assert lead and "says otherwise" in visible_text(html)


def test_also_retrieved_lists_uncited_hits_and_open_key_opens_one():
    c = citation(P86, "增强全球裁军合作可以释放资源来实现权利。")
    a = answer("增强全球裁军合作可以释放资源来实现权利。[¶86]", [c], [Hit(P86, 0.05), Hit(P61, 0.04)])
    panel = evidence_html(a, 0, "en", open_key=card_key(0, DOC, 61))
    assert "Also retrieved" in visible_text(panel)
    details = [(x["id"], "open" in x) for tag, x in tags(panel) if tag == "details"]
    assert details == [("card-t0-A-HRC-47-47-86", False), ("card-t0-A-HRC-47-47-61", True)]
    assert "同时检索到" in visible_text(evidence_html(a, 0, "zh"))


def test_counterpart_in_the_other_language_is_offered():
    en = Paragraph("A/HRC/47/47 (en)", 86, "Enhanced cooperation on disarmament <b>frees</b> "
                   "resources.", "IV. Ways forward", lang="en")
    c = citation(P86, "增强全球裁军合作可以释放资源来实现权利。")
    c.counterpart = en
    html = citation_card(c, None, 0, "en")
    assert_inert(html)
    text = visible_text(html)
    assert "The same paragraph in A/HRC/47/47 (en)" in text and "<b>frees</b>" in text
    hit = hit_card(Hit(P86, 0.05, counterpart=en), 0, "zh")
    assert "A/HRC/47/47 (en) 中的同一段落" in visible_text(hit)


def test_empty_panel_in_both_languages():
    assert "Evidence" in visible_text(evidence_html(None, 0, "en"))
    assert "证据" in visible_text(evidence_html(None, 0, "zh"))


# -- small pieces -------------------------------------------------------------------
def test_short_section():
    assert short_section(SECTION) == "三 › B › 1. 普遍定期审议"
    assert short_section("概要") == "概要"
    assert short_section("II. Cooperation in practice › A. Country work") == \
        "II › A. Country work"
    assert short_section("") == ""


def test_highlight_escapes_around_marks():
    html = highlight("a <b> needle & c", ["needle"])
    assert html == "a &lt;b&gt; <mark>needle</mark> &amp; c"


def test_chip_without_key_is_not_a_link():
    assert chip("[¶1]", None).startswith("<span")


def test_labels_exist_in_both_languages():
    for key in ("evidence", "closest", "unsupported", "also_retrieved", "send"):
        assert t("zh", key) != t("en", key)
    assert len(EXAMPLES["zh"]) == len(EXAMPLES["en"]) == 6
    assert set(LANGS) == {"zh", "en"}
    assert lang_from_header("zh-CN,zh;q=0.9,en;q=0.8") == "zh"
    assert lang_from_header("en-US,en;q=0.9") == "en"
    assert lang_from_header(None) == "en"
