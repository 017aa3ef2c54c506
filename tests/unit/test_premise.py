"""False premises: facts compared as values across languages, and the check on a real
in-memory library; the three outcomes as an answer shows them."""

from __future__ import annotations

import pytest

from ingest.base import Paragraph
from rag.answer.base import Answer
from rag.base import Correction, Refusal, Verdict
from rag.judge.premise import PremiseCheck, comparable, facts, same
from rag.language.dictionary import Dictionary
from rag.library.base import Library
from rag.retrieve.channels.bm25 import bigram_channel, word_channel
from rag.retrieve.retriever import HybridRetriever
from rag.understand.query import QueryAnalyzer
from tests.support import memory_store, stub_embedder

DOC = "A/HRC/1/1"
TEXTS = [
    "秘书长的数字合作路线图强调，到 2030 年，要使剩余的无网络服务的 36 亿人接入互联网。",
    "人权高专办 2020 年全年在该国联合组织了 17 次活动，参加人员达 1,235 名。",
    "它与民间社会组织合作，对塞尔维亚等几个国家的弱势群体进行分析，在 702 个非正规住区收集信息。",
]
CONFIDENT = {"dense_gap": 0.1, "sentence_agrees": 1.0}


@pytest.fixture(scope="module")
def analyzed():
    embedder = stub_embedder()
    paragraphs = [Paragraph(DOC, n, text) for n, text in enumerate(TEXTS, 1)]
    library = Library(memory_store(paragraphs, embedder), lambda: Dictionary({}))
    retriever = HybridRetriever(QueryAnalyzer(library, embedder),
                                [word_channel(), bigram_channel()],
                                {"bm25_words": 1.0, "bm25_bigrams": 1.0})
    return retriever


def check(retriever, question: str) -> Correction | None:
    r = retriever.retrieve(question)
    return PremiseCheck()(r.query, r.hits, CONFIDENT)


def kinds(text: str, retriever) -> list[tuple[str, tuple, str]]:
    query = retriever.analyzer("测试")
    return [(f.kind, f.key, f.unit) for f in facts(text, query)]


def test_facts_are_values_whatever_the_script(analyzed):
    assert ("number", (17,), "次") in kinds("组织了 17 次活动", analyzed)
    assert ("number", (17,), "次") in kinds("组织了十七次活动", analyzed)
    assert ("number", (18,), "member") in kinds("It shall consist of eighteen members", analyzed)
    assert ("date", (1948, None), "") in kinds("一九四八年十二月十日通过", analyzed)
    assert ("resolution", (41, 128), "") in kinds("第 41/128 号决议", analyzed)
    # a year is a date, and a reference to an article counts nothing
    assert not [k for k in kinds("article 6 of the 2021 report", analyzed) if k[0] == "number"]
    sudan = [k for k in kinds("in Sudan", analyzed) if k[0] == "country"]
    assert sudan and sudan == [k for k in kinds("在苏丹", analyzed) if k[0] == "country"]


def test_a_date_with_its_month_is_held_only_by_that_month(analyzed):
    query = analyzed.analyzer("测试")
    december, = [f for f in facts("2024年12月", query) if f.kind == "date"][:1]
    year_only = [f for f in facts("in 2024", query) if f.kind == "date"][0]
    november = [f for f in facts("25 November 2024", query) if f.kind == "date"][0]
    assert not same(december, year_only) and not same(december, november)
    assert same(year_only, november)  # 2024 alone is held by November 2024
    age, = [f for f in facts("未满十六岁", query) if f.kind == "number"]
    eighteen, = [f for f in facts("below eighteen years of age", query) if f.kind == "number"]
    assert comparable(age, eighteen)  # 岁 counts years


def test_a_year_the_paragraph_contradicts_is_corrected(analyzed):
    c = check(analyzed, "秘书长的数字合作路线图为什么要在2025年前让剩下的36亿人接入互联网？")
    assert c is not None and c.kind == "date" and c.paragraph == f"{DOC}:1"
    assert c.stated.startswith("2025") and c.found.startswith("2030")
    assert "2030" in c.sentence


def test_a_count_and_a_country_the_paragraph_contradicts_are_corrected(analyzed):
    c = check(analyzed, "人权高专办2020年在该国联合组织的那27次活动面向哪些人？")
    assert c is not None and (c.stated, c.found) == ("27", "17")
    c = check(analyzed, "人权高专办与民间社会组织合作，在苏丹的多少个非正规住区收集了信息？")
    assert c is not None and c.kind == "country" and c.found == "塞尔维亚"


def test_a_question_whose_facts_all_stand_is_no_false_premise(analyzed):
    assert check(analyzed, "秘书长的数字合作路线图要在2030年前让多少人接入互联网？") is None
    assert check(analyzed, "人权高专办2020年在该国联合组织了多少次活动？") is None
    # unsure of the closest paragraph: no correction
    r = analyzed.retrieve("秘书长的数字合作路线图为什么要在2025年前让剩下的36亿人接入互联网？")
    assert PremiseCheck()(r.query, r.hits, {"dense_gap": -0.1, "sentence_agrees": 1.0}) is None


def answer(**kwargs) -> Answer:
    return Answer(question="q", language="en", claims=[], citations=[], retrieved=[],
                  **kwargs)


def test_the_three_outcomes_as_the_answer_writes_them():
    hedge = answer(refused=True, refusal=Refusal("uncertain", {"probability": 0.5},
                                                 ("D:9", "D:12")))
    assert hedge.outcome == "hedge"
    assert hedge.text == "The report may not answer this; closest passages: ¶9, ¶12."
    assert hedge.to_dict()["outcome"] == "hedge" and hedge.to_dict()["refused"] is True
    refusal = answer(refused=True, refusal=Refusal("off_domain", {}, ("D:9",)))
    assert refusal.outcome == "refusal" and refusal.text == "The report does not address this."
    verdict = Verdict("correction", 0.9, correction=Correction("2025", "2030", "s", "D:1", "date"))
    corrected = answer(refused=False, verdict=verdict)
    assert corrected.outcome == "correction"
    data = corrected.to_dict()
    assert data["outcome"] == "correction" and data["judgement"]["correction"]["found"] == "2030"
    assert answer(refused=False).outcome == "answer"
