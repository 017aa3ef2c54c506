"""The second opinion on hedged questions: the combiner by hand arithmetic, and the judge
asking it only when it would hedge, on a real in-memory library. The opinion here is a
stand-in with a fixed P(yes); the packaged model's is tested in
tests/system/test_opinion_local.py."""

from __future__ import annotations

import math

import pytest

from rag.judge.judge import AnswerabilityJudge
from rag.judge.opinion import OPINION_FILE, OpinionModel, SecondOpinion, messages
from tests.unit.test_judge import library, model, retriever  # noqa: F401 - the fixture

QUESTION = "速成课程有多少名学生参加？"
EVEN = OpinionModel(judge_weight=1.0, opinion_weight=1.0, intercept=0.0)


class Fixed:
    identity = "fixed"

    def __init__(self, yes: float | Exception) -> None:
        self.yes, self.asked = yes, []

    def __call__(self, question, passages):
        self.asked.append((question, list(passages)))
        if isinstance(self.yes, Exception):
            raise self.yes
        return self.yes


def test_the_combiner_by_hand():
    # logit(0.8) = ln 4 = 1.386; logit(0.2) = -1.386: they cancel, sigmoid(0) = 0.5
    assert EVEN.probability(0.8, 0.2) == pytest.approx(0.5)
    # 1·logit(0.5) + 1·logit(0.9) = 0 + ln 9 = 2.197; sigmoid(2.197) = 0.9
    assert EVEN.probability(0.5, 0.9) == pytest.approx(0.9)
    assert [EVEN.outcome(p) for p in (0.9, 0.5, 0.1)] == ["answer", "hedge", "refusal"]


def test_the_shipped_combiner_reads():
    m = OpinionModel.load(OPINION_FILE)
    assert m.opinion_weight > 0 and m.judge_weight > 0 and 0 < m.refuse_below < m.answer_at < 1


@pytest.mark.parametrize(("yes", "outcome"), [(0.95, "answer"), (0.02, "refusal")])
def test_a_hedged_question_is_decided_by_the_opinion(library, yes, outcome):  # noqa: F811
    ask = Fixed(yes)
    judge = AnswerabilityJudge(model({}, intercept=0.0), opinion=SecondOpinion(ask, EVEN))
    r = retriever(library, judge).retrieve(QUESTION)  # the judge alone: p = 0.5, a hedge
    assert r.verdict is not None and r.verdict.outcome == outcome
    assert r.verdict.signals["opinion"] == yes and r.verdict.model.endswith(" + fixed")
    # sigmoid(logit(0.5) + logit(yes)) = yes
    assert r.verdict.probability == pytest.approx(yes)
    question, passages = ask.asked[0]
    assert "速成课程" in question and 1 <= len(passages) <= 2 and "150 名学生" in passages[0]
    assert (r.refusal is None) == (outcome == "answer")


def test_a_confident_judgement_never_waits_for_the_opinion(library):  # noqa: F811
    ask = Fixed(0.01)
    judge = AnswerabilityJudge(model({}, intercept=3.0), opinion=SecondOpinion(ask, EVEN))
    r = retriever(library, judge).retrieve(QUESTION)
    assert r.verdict is not None and r.verdict.outcome == "answer" and ask.asked == []
    assert r.verdict.probability == pytest.approx(1 / (1 + math.exp(-3.0)))


def test_a_failing_model_leaves_the_hedge(library):  # noqa: F811
    judge = AnswerabilityJudge(model({}, intercept=0.0),
                               opinion=SecondOpinion(Fixed(RuntimeError("no model")), EVEN))
    r = retriever(library, judge).retrieve(QUESTION)
    assert r.verdict is not None and r.verdict.outcome == "hedge"
    assert "opinion" not in r.verdict.signals and "fixed" not in r.verdict.model


def test_the_prompt_holds_the_question_and_clipped_passages():
    chat = messages("Q?", ["a" * 2000, "b"])
    assert chat[0]["role"] == "system" and "yes" in chat[0]["content"]
    assert "a" * 700 + "\nb\n" in chat[1]["content"] and "a" * 701 not in chat[1]["content"]
    assert "Question: Q?" in chat[1]["content"]
