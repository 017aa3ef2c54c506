"""The answerability judge: its signals on a real in-memory library, the model file read
and applied by hand arithmetic, and the outcomes (answer, hedge, refusal and its reason)."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from ingest.base import Paragraph
from rag.answer.base import Message
from rag.answer.messages import render
from rag.base import Hit
from rag.judge.judge import AnswerabilityJudge
from rag.judge.model import JudgeModel, ModelError
from rag.judge.signals import SIGNALS, Thresholds, compute
from rag.language.dictionary import Dictionary
from rag.library.base import Library
from rag.retrieve.channels.bm25 import bigram_channel, word_channel
from rag.retrieve.retriever import HybridRetriever
from rag.understand.query import QueryAnalyzer
from tests.support import memory_store, stub_embedder

DOC = "A/HRC/1/1"
TEXTS = [
    "2021 年 3 月，人权理事会首次举行关于互利合作的会议，主题是减贫。",
    "特别程序任务负责人发布了 133 份新闻稿，发送了 228 份信函。",
    "2020 年 10 月举办的速成课程有来自 55 个国家的 150 名学生参加。",
    "人权高专办在乍得支持国家人权委员会，并在黎巴嫩支持失踪问题委员会。",
    "人权高专办在苏丹举办了纪念对话系列的首场活动。",
]


def model(weights: dict[str, float], *, intercept: float = 0.0, answer_at: float = 0.7,
          refuse_below: float = 0.3) -> JudgeModel:
    """A model that reads only ``weights``' signals, unstandardised."""
    names = list(weights)
    return JudgeModel.from_dict({
        "format": 1, "version": "test", "fingerprint": "0" * 64, "signals": names,
        "mean": [0.0] * len(names), "scale": [1.0] * len(names),
        "coef": [weights[n] for n in names], "intercept": intercept,
        "answer_at": answer_at, "refuse_below": refuse_below})


@pytest.fixture(scope="module")
def library():
    embedder = stub_embedder()
    paragraphs = [Paragraph(DOC, n, text) for n, text in enumerate(TEXTS, 1)]
    # the dictionary knows 死刑 as a noun ("death penalty"), as CC-CEDICT does
    dictionary = Dictionary({}, common=frozenset({"死刑"}))
    return Library(memory_store(paragraphs, embedder), lambda: dictionary), embedder


def retriever(library, judge: AnswerabilityJudge | None = None) -> HybridRetriever:
    lib, embedder = library
    stages = [judge or AnswerabilityJudge(model({"slot_empty": -4.0}, intercept=2.0))]
    return HybridRetriever(QueryAnalyzer(lib, embedder), [word_channel(), bigram_channel()],
                           {"bm25_words": 1.0, "bm25_bigrams": 1.0}, stages=stages)


def signals(library, question: str) -> dict[str, float]:
    verdict = retriever(library).retrieve(question).verdict
    assert verdict is not None
    return verdict.signals


@pytest.mark.parametrize("question", [
    "人权理事会首次关于互利合作的会议是什么时候举行的？",
    "特别程序任务负责人发布了多少份新闻稿？",
    "速成课程有多少名学生参加？",
    "人权高专办在哪个国家支持国家人权委员会？",
])
def test_a_slot_the_closest_paragraphs_fill(library, question):
    s = signals(library, question)
    assert (s["slot"], s["slot_filled"], s["slot_empty"]) == (1.0, 1.0, 0.0)


def test_the_questions_own_number_fills_nothing(library):
    s = signals(library, "特别程序任务负责人发出的228份信函中，有多少份寄给了政府？")
    assert s["slot"] == 1.0 and s["slot_filled"] == 0.0


def test_a_month_is_no_day_and_the_refusal_says_what_there_is(library):
    judge = AnswerabilityJudge(model({"slot_partial": -5.0, "slot_filled": 1.0}))
    r = retriever(library, judge).retrieve("人权理事会首次关于互利合作的会议具体是哪一天举行的？")
    assert r.verdict is not None and r.verdict.signals["slot_partial"] == 1.0
    assert r.verdict.outcome == "refusal"  # sigmoid(-5) < 0.3
    assert r.refusal is not None and r.refusal.reason == "partial"
    assert r.refusal.args["found"] == "2021 年 3 月" and r.refusal.pointers[0] == f"{DOC}:1"
    assert render(Message("reason.partial", r.refusal.args), "en") == \
        "The report does not give the exact day; paragraph 1 says March 2021."


def test_a_concept_no_document_mentions_is_counted_and_named(library):
    judge = AnswerabilityJudge(model({"absent": -6.0}, intercept=1.0))
    r = retriever(library, judge).retrieve("人权理事会对废除死刑持什么立场？")
    assert r.verdict is not None and r.verdict.signals["absent"] >= 1.0
    assert r.refusal is not None and r.refusal.reason == "focus_absent"
    assert "死刑" in r.refusal.args["terms"]


def test_words_the_library_never_writes_say_off_domain(library):
    # read against a library that knows every word (mean 1): half the words unknown
    # is a contribution of 8 * (0.5 - 1) = -4 to the log-odds
    off = JudgeModel.from_dict({"format": 1, "signals": ["in_library"], "mean": [1.0],
                                "scale": [1.0], "coef": [8.0], "intercept": 2.0,
                                "answer_at": 0.7, "refuse_below": 0.3})
    judge = AnswerabilityJudge(off)
    r = retriever(library, judge).retrieve("人权理事会食堂的红烧肉怎么做才不腻？")
    s = r.verdict.signals if r.verdict else {}
    assert s["in_library"] <= 0.5 and s["missing_everyday"] >= 1.0
    assert r.refusal is not None and r.refusal.reason == "off_domain"
    inside = signals(library, "速成课程有多少名学生参加？")
    assert inside["in_library"] == 1.0 and inside["missing_everyday"] == 0.0


def test_every_signal_the_model_names_is_given(library):
    assert set(signals(library, "速成课程有多少名学生参加？")) == set(SIGNALS)


def test_an_uncertain_judgement_hedges_and_points_to_the_closest(library):
    judge = AnswerabilityJudge(model({}, intercept=0.0))  # p = 0.5: between 0.3 and 0.7
    r = retriever(library, judge).retrieve("速成课程有多少名学生参加？")
    assert r.verdict is not None and r.verdict.outcome == "hedge"
    assert r.refusal is not None and r.refusal.reason == "uncertain"
    assert r.refusal.pointers and r.refusal.pointers == r.verdict.pointers


def test_a_confident_judgement_answers(library):
    r = retriever(library, AnswerabilityJudge(model({}, intercept=3.0))).retrieve(
        "速成课程有多少名学生参加？")
    assert r.verdict is not None and r.verdict.outcome == "answer" and r.refusal is None
    assert r.verdict.probability == pytest.approx(1 / (1 + math.exp(-3.0)))


def test_probability_by_hand():
    m = JudgeModel.from_dict({
        "format": 1, "signals": ["a", "a*b"], "mean": [1.0, 0.0], "scale": [2.0, 1.0],
        "coef": [0.5, -1.0], "intercept": 0.25, "answer_at": {"zh": 0.6, "en": 0.8},
        "refuse_below": 0.2, "calibration": [[0.0, 0.5, 1.0], [0.0, 0.4, 1.0]]})
    # a = 3, b = 0.5: z = ((3 - 1) / 2, 1.5) = (1, 1.5); logit = 0.5 - 1.5 + 0.25 = -0.75
    raw = 1 / (1 + math.exp(0.75))  # 0.3208
    assert m.probability({"a": 3.0, "b": 0.5}) == pytest.approx(raw * 0.4 / 0.5)  # 0.2566
    assert m.contributions({"a": 3.0, "b": 0.5}) == {"a": 0.5, "a*b": -1.5}
    assert m.outcome(0.7, "zh") == "answer" and m.outcome(0.7, "en") == "hedge"
    assert m.outcome(0.1, "en") == "refusal"


def test_a_model_file_that_does_not_fit_is_a_clear_error(tmp_path):
    path = tmp_path / "model.json"
    path.write_text(json.dumps({"format": 99}))
    with pytest.raises(ModelError, match="format 99"):
        JudgeModel.load(path)
    with pytest.raises(ModelError, match="cannot read"):
        JudgeModel.load(tmp_path / "missing.json")
    with pytest.raises(ModelError, match="does not give"):
        model({"no_such_signal": 1.0}).probability({"dense_best": 0.9})
    with pytest.raises(ModelError, match="refuse_below"):
        model({}).with_thresholds(0.4, 0.6)
    assert model({}).with_thresholds(0.9, None).answer_at == {"zh": 0.9, "en": 0.9}


def test_the_shipped_model_reads_the_judges_signals():
    shipped = JudgeModel.load()
    names = {p for s in shipped.signals for p in s.split("*")}
    assert names <= set(SIGNALS)
    assert len(shipped.fingerprint) == 64 and shipped.version
    for lang in ("zh", "en"):
        assert 0.0 <= shipped.refuse_below[lang] <= shipped.answer_at[lang] <= 1.0
    assert shipped.probability({s: 0.0 for s in SIGNALS}) == pytest.approx(
        shipped.probability({s: 0.0 for s in SIGNALS}))  # deterministic
    assert np.isfinite(shipped.coef).all()


def doc_hit(doc: str, n: int, sentence: float, lang: str = "zh") -> Hit:
    return Hit(Paragraph(doc, n, f"text {n}", lang=lang), 0.05,
               channels={"sentence": sentence, "bm25_words": 2.0})


def test_a_document_whose_own_evidence_is_weak_leaves_the_hits():
    from rag.library.snapshot import Snapshot
    from rag.understand.base import Query

    query = Query(text="q", lang="zh", corpus=Snapshot.__new__(Snapshot))
    judge = AnswerabilityJudge(model({}))
    # D1's best sentence passes (0.90 >= 0.85), D2's does not (0.84): D2's hits go
    hits = [doc_hit("D2", 1, 0.84), doc_hit("D1", 4, 0.90), doc_hit("D2", 2, 0.83),
            doc_hit("D1", 5, 0.70)]
    assert [h.id for h in judge.supported(query, hits)] == ["D1:4", "D1:5"]
    # none passes: all kept, for the model to weigh
    assert len(judge.supported(query, [doc_hit("D2", 1, 0.84), doc_hit("D1", 4, 0.80)])) == 2
    # an English sentence is read on the cross-language scale (0.80)
    assert Thresholds().of(query, doc_hit("E", 1, 0.82, "en")) == 0.80


def test_signals_are_read_in_the_documents_the_answer_comes_from(library):
    lib, embedder = library
    query = QueryAnalyzer(lib, embedder)("速成课程有多少名学生参加？")
    hits = retriever(library).retrieve("速成课程有多少名学生参加？").hits
    values = compute(query.reading(hits), hits, Thresholds(), query.corpus)
    assert values["weighted_top"] == pytest.approx(1.0) and values["cover_top"] == 1.0
