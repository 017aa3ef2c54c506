"""CheckedTranslator with scripted translators: what the model sees, what is shown."""

import numpy as np
import pytest

from rag.translate import open_translator
from rag.translate.base import NoTranslator, TranslateError, Translation, Translator
from rag.translate.checked import CheckedTranslator
from rag.translate.checks import Checker
from rag.translate.endpoint import EndpointTranslator
from rag.translate.terms import Term, Terminology

TERMS = Terminology.load()
ZH = "人权高专办继续支持萨赫勒五国集团国家的体制框架。"
GOOD = "OHCHR continued to support the institutional frameworks of the G5 Sahel countries."


class Scripted:
    """Answers from a dict keyed by what it is asked; records every request."""

    identity = "scripted@test"

    def __init__(self, answers: dict[str, str]) -> None:
        self.answers = answers
        self.seen: list[str] = []
        self.contexts: list[str] = []

    def translate(self, text: str, src_lang: str, tgt_lang: str, context: str = "") -> str:
        self.seen.append(text)
        self.contexts.append(context)
        return self.answers.get(text, "")


def checked(answers, **kw) -> tuple[CheckedTranslator, Scripted]:
    inner = Scripted(answers)
    return CheckedTranslator(inner, TERMS, Checker(TERMS), **kw), inner


def test_terms_are_injected_and_a_good_output_is_shown_and_labelled():
    tr, inner = checked({"OHCHR继续支持G5 Sahel国家的体制框架。": GOOD})
    result = tr(ZH, "zh", "en")
    assert isinstance(result, Translation) and isinstance(inner, Translator)
    assert inner.seen == ["OHCHR继续支持G5 Sahel国家的体制框架。"]
    assert result.shown and result.failed == [] and result.text == GOOD
    assert result.model == "scripted@test" and result.terms_version == TERMS.version
    assert result.label == "machine translation, may contain errors"  # the model: a tooltip


def test_without_injection_the_model_sees_the_source_and_a_guess_is_flagged():
    tr, inner = checked({ZH: "The Office supports the Sahel Five."}, inject=False)
    result = tr(ZH, "zh", "en")
    assert inner.seen == [ZH]
    assert not result.shown and "terms" in result.failed
    assert result.text == "The Office supports the Sahel Five."


def test_extra_terms_reach_the_model():
    tr, inner = checked({})
    tr("甲乙丙基金会支持了项目。", "zh", "en", extra_terms=[Term("甲乙丙基金会", "ABC Foundation", "org")])
    assert inner.seen == ["ABC Foundation支持了项目。"]


def test_clause_mode_translates_each_clause_and_joins_them():
    zh = ("他们找出了问题和趋势并提出建议；发布了 133 份新闻稿，发送了 228 份信函；"
          "制作了指南、宣传册和其他参考工具；发出公开信；并推动社交媒体活动。")
    tr, inner = checked({}, clauses=True)
    inner.answers = {
        "他们找出了问题和趋势并提出建议": "They identified issues and trends and made recommendations.",
        "发布了133份新闻稿，发送了228份信函": "They issued 133 press releases and sent 228 letters.",
        "制作了指南、宣传册和其他参考工具": "Produced guidelines, brochures and other tools.",
        "发出公开信": "Issued open letters.",
        "并推动社交媒体活动。": "And promoted social media campaigns.",
    }
    result = tr(zh, "zh", "en")
    assert len(inner.seen) == 5
    assert result.text.startswith("They identified issues and trends and made recommendations; ")
    assert result.text.endswith("; and promoted social media campaigns.")
    assert "numbers" not in result.failed


def test_backend_failure_is_flagged_not_raised():
    tr = CheckedTranslator(NoTranslator(), TERMS, Checker(TERMS))
    result = tr(ZH, "zh", "en")
    assert not result.shown and result.text == "" and result.failed[0].startswith("backend")
    assert result.model == "none"


def test_similarity_threshold_flags_a_distant_output():
    far = Checker(TERMS, embed=lambda xs: np.stack([np.eye(2)[i % 2] for i in range(len(xs))]))
    tr = CheckedTranslator(Scripted({"OHCHR继续支持G5 Sahel国家的体制框架。": GOOD}), TERMS, far)
    result = tr(ZH, "zh", "en")
    assert result.failed == ["similarity"] and result.similarity == pytest.approx(0.0)


def test_open_translator_none_backend_and_missing_arguments():
    assert open_translator("none")(ZH, "zh", "en").failed[0].startswith("backend")
    with pytest.raises(TranslateError):
        open_translator("endpoint")
    with pytest.raises(TranslateError):
        open_translator("local")


class FakeLLM:
    class metadata:  # noqa: N801 - mimics llama-index's LLMMetadata attribute
        model_name = "fake-model"

    def __init__(self, reply: str | Exception) -> None:
        self.reply = reply
        self.calls = []

    def chat(self, messages, **kw):
        self.calls.append((messages, kw))
        if isinstance(self.reply, Exception):
            raise self.reply

        class R:
            class message:  # noqa: N801
                content = f"“{self.reply}”"
        return R()


def test_endpoint_translator_sends_system_and_user_and_names_the_model():
    llm = FakeLLM(GOOD)
    tr = EndpointTranslator(llm)
    assert tr.identity.startswith("endpoint:fake-model")
    assert tr.translate("OHCHR继续", "zh", "en") == GOOD  # wrapping quotes stripped
    messages, kw = llm.calls[0]
    assert [m.role.value for m in messages] == ["system", "user"]
    assert messages[1].content == "OHCHR继续" and kw["temperature"] == 0.0


def test_endpoint_failure_becomes_a_translate_error():
    with pytest.raises(TranslateError, match="endpoint failed: connection refused"):
        EndpointTranslator(FakeLLM(ConnectionError("connection refused"))).translate(
            "x", "zh", "en")


def test_the_paragraphs_earlier_sentences_reach_the_model_as_context_with_their_terms():
    tr, inner = checked({})
    tr("建议挪威审查投资。", "zh", "en", context="人权高专办发布了报告。它建议比利时增加援助。")
    assert inner.seen == ["建议Norway审查投资。"]  # the sentence alone is translated
    assert inner.contexts == ["OHCHR发布了报告。它建议Belgium增加援助。"]


def test_the_prompt_carries_the_context_and_says_not_to_translate_it():
    from rag.translate.prompts import messages

    plain = messages("建议挪威审查投资。", "zh", "en")
    system, user = messages("建议挪威审查投资。", "zh", "en", context="委员会通过了结论性意见。")
    assert user == {"role": "user", "content": "建议挪威审查投资。"}
    assert "«委员会通过了结论性意见。»" in system["content"]
    assert "do not translate them" in system["content"]
    assert "«" not in plain[0]["content"]


def test_a_sentences_context_is_what_comes_before_it_in_its_paragraph():
    from rag.translate.service import sentence_context

    paragraph = "委员会通过了结论性意见。它建议比利时增加援助。建议挪威审查投资。建议几内亚拨款。"
    assert sentence_context(paragraph, "建议挪威审查投资。") == \
        "委员会通过了结论性意见。它建议比利时增加援助。"  # the two before it
    assert sentence_context(paragraph, "委员会通过了结论性意见。") == ""  # the first: none
    assert sentence_context(paragraph, "别处的句子。") == ""  # not in the paragraph
