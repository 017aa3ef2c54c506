"""Follow-up questions without a model: the cues, the value swaps, the carried focus,
the rule condenser over a small in-memory library, and the LLM condenser's checks."""

from __future__ import annotations

import pytest
from llama_index.core.llms import CompletionResponse, CustomLLM, LLMMetadata

from ingest.base import Paragraph
from rag.base import QuestionError
from rag.conversation import Exchange, RuleCondenser, exchanges
from rag.conversation import cues as C
from rag.conversation import focus as F
from rag.conversation import values as V
from rag.conversation.llm import LLMCondenser
from rag.language.dictionary import Dictionary
from rag.library.base import Library
from tests.support import memory_store, stub_embedder

SECTION = "三. 落实"
PARAS = [
    Paragraph("A/HRC/47/47", 64, "经济、社会及文化权利委员会建议贝宁审查特许权；建议几内亚划拨预算资源。",
              SECTION),
    Paragraph("A/HRC/47/47", 68, "2021年3月，该委员会通过了关于疫苗和知识产权的声明。", SECTION),
    Paragraph("A/HRC/47/47", 12, "人权高专办推出对话系列，先在苏丹组织了一场活动，之后在乌克兰举行了另一次活动。",
              SECTION),
    Paragraph("A/HRC/47/47", 72, "外债问题独立专家于2020年5月发布了一份新闻稿，于2020年8月发布了一份说明。",
              SECTION),
]


@pytest.fixture(scope="module")
def rules():
    library = Library(memory_store(PARAS, stub_embedder()), lambda: Dictionary({}))
    return RuleCondenser(library)


@pytest.mark.parametrize(("question", "lang", "cue"), [
    ("她在那次活动上主张了什么？", "zh", "reference:她"),
    ("这个委员会一共有几名成员？", "zh", "reference:这个"),
    ("其成员后来接受了什么培训？", "zh", "reference:其"),
    ("第二场呢？", "zh", "ellipsis"),
    ("那在非洲呢？", "zh", "opening:那"),
    ("How many students attended it?", "en", "reference:it"),
    ("How was that initiative meant to make access fair?", "en", "reference:that"),
    ("Which countries were they imposed by?", "en", "reference:they"),
    ("And in March 2021?", "en", "ellipsis"),
    ("And what did some participants say about developing countries?", "en", "opening:And"),
])
def test_cues_of_a_follow_up(question, lang, cue):
    assert cue in C.cues(question, lang)


@pytest.mark.parametrize(("question", "lang"), [
    ("报告认为加强全球裁军方面的合作能带来什么好处？", "zh"),
    ("其他国家应该怎样做？", "zh"),  # 其他 and 应该 are words, not 其 and 该
    ("秘书长那份关于共同议程的报告是哪一天交给大会的？", "zh"),  # the demonstrative is explained
    ("2020年10月举办的速成课程有多少学生参加？他们来自多少个国家？", "zh"),  # antecedent before
    ("What did CESCR recommend to Norway in its 2020 concluding observations?", "en"),
    ("Where was the 2020 Social Forum held, and who chaired it?", "en"),
    ("What does this report say about vaccine nationalism?", "en"),
    ("What did the report say that states should do?", "en"),  # "that" opens a clause
    ("What did the former Special Rapporteur put forward?", "en"),
])
def test_a_whole_question_has_no_cue(question, lang):
    assert C.cues(question, lang) == []


def test_fragments_name_the_new_value():
    assert C.fragment("2021年3月那份呢？", "zh") == "2021年3月"
    assert C.fragment("那东南亚区域办事处呢？", "zh") == "东南亚区域办事处"
    assert C.fragment("这些人来自哪里呢？", "zh") is None  # a question word: a whole question
    assert C.fragment("And for victims of slavery?", "en") == "for victims of slavery"
    assert C.fragment("What about Benin?", "en") == "Benin"
    assert C.fragment("And what would easing sanctions do?", "en") is None


def test_values_swap_for_their_own_kind():
    earlier = "经社文权利委员会2020年11月通过的声明关注的是什么问题？"
    (date,) = V.dates("2021年3月", "zh")
    assert V.substitute(earlier, date, "zh") == "经社文权利委员会2021年3月通过的声明关注的是什么问题？"
    (month,) = V.dates("3月", "zh")  # a month alone keeps the earlier year
    assert V.substitute(earlier, month, "zh") == "经社文权利委员会2020年3月通过的声明关注的是什么问题？"
    (place,) = V.places("贝宁", "zh")
    assert V.substitute("委员会建议几内亚做什么？", place, "zh") == "委员会建议贝宁做什么？"
    (second,) = V.ordinals("第二场", "zh")
    assert V.substitute("第一场活动在哪里？", second, "zh") == "第二场活动在哪里？"
    (year,) = V.dates("March 2021", "en")
    assert V.substitute("What did CESCR adopt in March 2020?", year, "en") == \
        "What did CESCR adopt in March 2021?"
    assert V.substitute("What did CESCR adopt?", year, "en") is None  # nothing to swap
    assert V.resolve_relative_years("同年8月她又发了什么？", "2020年5月的新闻稿", "zh") == \
        "2020年8月她又发了什么？"


def test_focus_phrases_leave_out_question_words_and_the_kind_asked_for():
    assert F.phrases("经社文权利委员会在哪些国家的报告上通过了结论性意见？", "zh") == \
        ["经社文权利委员会", "通过", "结论性意见"]  # 国家 is what was asked, a common word
    assert F.phrases("In which countries did OHCHR run virtual workshops?", "en") == \
        ["OHCHR run virtual workshops"]
    assert F.phrases("What thematic study on renewable energy did OHCHR complete?", "en") == \
        ["thematic study on renewable energy", "OHCHR complete"]  # a rare kind stays
    text = F.with_tail("How many students attended it?", ["OHCHR", "October 2020"], "en")
    assert text == "How many students attended it? (about: OHCHR, October 2020)"
    assert F.split_tail(text) == ("How many students attended it?", ["OHCHR", "October 2020"])
    assert F.phrases(text, "en") == ["students attended", "OHCHR", "October 2020"]


def test_rules_swap_an_ellipsis_into_the_earlier_question(rules):
    history = [Exchange("经社文权利委员会在结论性意见中建议几内亚做什么？", doc_id="A/HRC/47/47")]
    done = rules("对贝宁呢？", history)
    assert done.question == "经社文权利委员会在结论性意见中建议贝宁做什么？"
    assert done.rewritten and done.by == "rules" and "ellipsis" in done.cues
    assert done.doc_id == "A/HRC/47/47"  # the earlier turn's document filter carries over
    en = rules("And for victims of contemporary forms of slavery?",
               [Exchange("How many grants for torture victims did the humanitarian funds award?")])
    assert en.question == ("How many grants for victims of contemporary forms of slavery did "
                           "the humanitarian funds award?")


def test_rules_carry_the_earlier_focus_and_drop_what_is_replaced(rules):
    history = [Exchange("外债问题独立专家2020年5月发布的新闻稿敦促了什么？")]
    done = rules("同年8月她又发了什么？", history)
    assert done.question.startswith("2020年8月她又发了什么？（关于：")
    assert "外债问题独立专家" in done.question and "新闻稿" in done.question
    assert "2020年5月" not in done.question  # the new date replaces the old one


def test_rules_leave_a_whole_question_alone(rules):
    history = [Exchange("经社文权利委员会在结论性意见中建议几内亚做什么？")]
    done = rules("报告认为加强全球裁军方面的合作能带来什么好处？", history)
    assert not done.rewritten and done.question == "报告认为加强全球裁军方面的合作能带来什么好处？"
    assert done.doc_id is None
    assert rules("对贝宁呢？", []).question == "对贝宁呢？"  # no history: nothing to lean on


def test_a_question_without_a_specific_term_leans_on_the_earlier_one(rules):
    history = [Exchange("人权高专办的对话系列第一场活动在哪个国家？")]
    assert rules("参加的人里女性占多少？", history).cues == ("no_content",)
    # a word no document uses is a topic of its own: 股市 is not about the report
    assert not rules("股市熔断是什么意思？", history).rewritten


def test_an_unresolved_history_is_worked_out_again(rules):
    history = [Exchange("经社文权利委员会2020年11月通过的声明关注的是什么问题？"),
               Exchange("2021年3月那份呢？")]  # its standalone form not given
    done = rules("它建议贝宁做什么？", history)
    assert "2021年3月" in done.question and "贝宁" in done.question


def test_api_history_shapes():
    assert exchanges(None) == []
    got = exchanges(["Q1", {"question": "Q2", "answer": {"answer": "A2"}, "understood_as": "S2",
                            "doc_id": "A/HRC/47/47"}])
    assert got == [Exchange("Q1"), Exchange("Q2", "S2", "A/HRC/47/47", "A2")]
    with pytest.raises(QuestionError):
        exchanges("Q1")  # a bare string is not a list of questions
    with pytest.raises(QuestionError):
        exchanges([{"answer": "no question"}])


class Scripted(CustomLLM):
    """An LLM that answers with a fixed text (or raises), and records its prompt."""

    reply: str = ""
    fail: bool = False
    prompts: list[str] = []

    @property
    def metadata(self) -> LLMMetadata:
        return LLMMetadata()

    def complete(self, prompt: str, formatted: bool = False, **kw) -> CompletionResponse:
        self.prompts.append(prompt)
        if self.fail:
            raise ConnectionError("refused")
        return CompletionResponse(text=self.reply)

    def stream_complete(self, prompt: str, formatted: bool = False, **kw):
        raise NotImplementedError


HISTORY = [Exchange("经社文权利委员会在结论性意见中建议几内亚做什么？", answer="建议几内亚划拨预算资源。[¶64]")]


def test_llm_condenser_uses_a_checked_rewrite(rules):
    llm = Scripted(reply="Standalone question: 经社文权利委员会建议贝宁做什么？\n(extra)", prompts=[])
    done = LLMCondenser(llm, rules)("对贝宁呢？", HISTORY)
    assert done.question == "经社文权利委员会建议贝宁做什么？" and done.by == "llm"
    prompt = llm.prompts[0]
    assert "建议几内亚划拨预算资源" in prompt and "对贝宁呢？" in prompt
    assert "same language as the follow up" in prompt


@pytest.mark.parametrize("llm", [
    Scripted(fail=True, prompts=[]),  # the endpoint is down
    Scripted(reply="What did CESCR recommend to Benin?", prompts=[]),  # the wrong language
    Scripted(reply="  ", prompts=[]),  # nothing
    Scripted(reply="经社文权利委员会建议贝宁做什么？[¶64]", prompts=[]),  # a citation in a question
])
def test_llm_condenser_falls_back_to_the_rules(rules, llm):
    done = LLMCondenser(llm, rules)("对贝宁呢？", HISTORY)
    assert done.by == "rules" and done.question == "经社文权利委员会在结论性意见中建议贝宁做什么？"
