"""The answerability gate on a tiny Chinese report in memory: the stub embedder, no
dictionary bridge. Each refusal rule, and the answers it must let through."""

from __future__ import annotations

import pytest

from ingest.base import Paragraph
from rag.answer.base import Message
from rag.answer.messages import render
from rag.judge.answerability import AnswerabilityGate
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


@pytest.fixture(scope="module")
def retriever():
    embedder = stub_embedder()
    paragraphs = [Paragraph(DOC, n, text) for n, text in enumerate(TEXTS, 1)]
    # the dictionary knows 死刑 as a noun ("death penalty"), as CC-CEDICT does
    dictionary = Dictionary({}, common=frozenset({"死刑"}))
    library = Library(memory_store(paragraphs, embedder), lambda: dictionary)
    return HybridRetriever(QueryAnalyzer(library, embedder), [word_channel(), bigram_channel()],
                           {"bm25_words": 1.0, "bm25_bigrams": 1.0},
                           stages=[AnswerabilityGate()])


def refusal(retriever, question):
    return retriever.retrieve(question).refusal


@pytest.mark.parametrize("question", [
    "人权理事会首次关于互利合作的会议是什么时候举行的？",
    "特别程序任务负责人发布了多少份新闻稿？",
    "速成课程有多少名学生参加？",
    "人权高专办在哪个国家支持国家人权委员会？",
    "人权理事会首次关于互利合作的会议讨论了什么主题？",  # no slot: nothing to fill
])
def test_answerable_questions_pass(retriever, question):
    assert refusal(retriever, question) is None


def test_a_month_is_no_day_and_the_refusal_says_what_there_is(retriever):
    r = refusal(retriever, "人权理事会首次关于互利合作的会议具体是哪一天举行的？")
    assert r.reason == "partial" and r.args["found"] == "2021 年 3 月"
    assert r.pointers[0] == f"{DOC}:1"
    assert render(Message("reason.partial", r.args), "en") == \
        "The report does not give the exact day; paragraph 1 says March 2021."


def test_the_questions_own_number_is_no_answer(retriever):
    r = refusal(retriever, "特别程序任务负责人发出的228份信函中，有多少份寄给了政府？")
    assert r is not None and r.reason in ("no_filler", "partial")


def test_a_country_is_no_city(retriever):
    r = refusal(retriever, "纪念对话系列在苏丹的首场活动是在哪座城市举办的？")
    assert r is not None and r.reason in ("no_filler", "partial")


def test_a_concept_no_document_mentions_is_refused(retriever):
    r = refusal(retriever, "人权理事会对废除死刑持什么立场？")
    assert r.reason == "focus_absent" and "死刑" in r.args["terms"]


def test_bodies_never_named_together_are_refused(retriever):
    r = refusal(retriever, "国家人权委员会在黎巴嫩做了什么？")
    assert r is None  # both in paragraph 4
    r = refusal(retriever, "失踪问题委员会在苏丹做了什么？")
    assert r is None or r.reason != "names_apart"  # not curated bodies: no rule


def test_a_common_chinese_word_is_no_anchor_through_its_english_forms():
    """合作 is in most paragraphs; its English form, in the one English document only,
    looks rare. A Chinese question anchored on it would find no Chinese sentence
    about what it asks (and refuse an answer the report gives)."""
    embedder = stub_embedder()
    paragraphs = [
        Paragraph("Z", 1, "董事会欢迎大会通过第 75/233 号决议，以加强技术合作。", lang="zh"),
        Paragraph("Z", 2, "各国开展了广泛合作。", lang="zh"),
        Paragraph("Z", 3, "合作对发展至关重要。", lang="zh"),
        Paragraph("E", 1, "Cooperation matters for development.", lang="en"),
        Paragraph("E", 2, "The board met twice.", lang="en"),
    ]
    dictionary = Dictionary({("cooper",): [("合作", True, False)]})
    library = Library(memory_store(paragraphs, embedder), lambda: dictionary, refresh_s=0)
    gate = HybridRetriever(QueryAnalyzer(library, embedder), [word_channel(), bigram_channel()],
                           {"bm25_words": 1.0, "bm25_bigrams": 1.0},
                           stages=[AnswerabilityGate()])
    retrieval = gate.retrieve("董事会欢迎大会通过了哪一项决议来加强技术合作？")
    assert any("cooper" in g for g in retrieval.query.groups)  # the English form is there
    assert retrieval.refusal is None
    assert retrieval.hits[0].paragraph.n == 1
