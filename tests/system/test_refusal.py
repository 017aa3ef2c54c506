"""The judge on the real seed with the real models: what the report does not say is not
answered (refused with its reason, or hedged with the closest passages), and a partial
answer points to what the report does say."""

from __future__ import annotations

import pytest

from tests.support import writable_copy

NOT_THERE = {"focus_absent", "unknown_name"}
NO_DETAIL = {"no_filler", "partial"}
REFUSED = [
    ("Who won the 2018 FIFA World Cup?", NOT_THERE),
    ("What position does the report take on abolishing the death penalty?", NOT_THERE),
    ("人权理事会对废除死刑持什么立场？", NOT_THERE),
    # the question's own 228 is no answer; the report gives no figure for governments
    ("特别程序任务负责人发出的228份信函中，有多少份是寄给各国政府的？", NO_DETAIL),
    ("Which ministry runs Eswatini's new national mechanism?", NO_DETAIL),
    ("What did the Special Rapporteur on freedom of expression say about disinformation?",
     NOT_THERE),
]
ANSWERED = [
    pytest.param("特别程序任务负责人在疫情期间发出了多少份信函？", 70, "228", marks=pytest.mark.xfail(
        strict=True, reason="the judge retrained with documents weighted alike hedges it "
        "(0.677 under 0.70, ¶70 first among the closest): docs/answerability.md")),
    ("How many grants did the humanitarian fund give to victims of torture?", 57, "180"),
    ("人权高专办与哪个研究机构一起推动举办了人权和公民权青年营？", 55, "研究所"),
    # the quote's checked translation when one is shown, else the Chinese original
    ("Which Special Rapporteur proposed a Global Fund for Social Protection?", 83,
     ("extremepoverty", "极端贫困")),
]


@pytest.fixture(scope="module")
def qa(seed_components):
    return seed_components.qa


@pytest.fixture(scope="module")
def refusing(seed_settings, embedder, tmp_path_factory):
    return writable_copy(seed_settings, tmp_path_factory.mktemp("refusing"), embedder,
                         judge_answer_at=1.0, judge_refuse_below=1.0).qa


@pytest.mark.parametrize("question, reason", REFUSED)
def test_what_the_report_does_not_say_is_not_answered(qa, question, reason):
    answer = qa.ask(question)
    assert answer.refused and answer.refusal is not None, answer.text
    assert answer.refusal.reason in reason | {"uncertain", "off_domain", "weak_evidence"}
    assert answer.citations == []


@pytest.mark.parametrize("question, reason", REFUSED)
def test_a_refusal_names_the_signal_that_weighed_most_against(refusing, question, reason):
    """Refused whatever the probability: the reason is the signal that pushed it down."""
    answer = refusing.ask(question)
    assert answer.outcome == "refusal" and answer.refusal is not None
    assert answer.refusal.reason in reason | {"off_domain", "weak_evidence"}


@pytest.mark.parametrize("question, gold, needle", ANSWERED)
def test_slot_questions_the_report_answers_are_answered(qa, question, gold, needle):
    answer = qa.ask(question)
    assert not answer.refused, answer.refusal
    assert gold in [n for _, n in answer.cited()]
    needles = needle if isinstance(needle, tuple) else (needle,)
    assert any(n in answer.text.replace(" ", "") for n in needles), answer.text


def test_a_partial_answer_says_what_the_report_does_give(qa, refusing):
    asked = ("On what exact day in March 2021 did the Human Rights Council hold its "
             "first meeting on mutually beneficial cooperation?")
    assert qa.ask(asked).outcome in ("refusal", "hedge")
    answer = refusing.ask(asked)
    assert answer.refused and answer.refusal.reason == "partial"
    assert answer.refusal.pointers[0] == "A/HRC/47/47:13"
    assert "The report does not give the exact day; paragraph 13 says March 2021." in answer.text
    zh_asked = "人权理事会首次关于互利合作的会议具体是在哪一天举行的？"
    assert qa.ask(zh_asked).outcome in ("refusal", "hedge")
    zh = refusing.ask(zh_asked)
    assert zh.refused and zh.refusal.reason == "partial" and "2021 年 3 月" in zh.text
