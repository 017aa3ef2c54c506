"""The named ``/ask`` endpoint through ``gradio_client``, on a real local server."""

from __future__ import annotations

from concurrent.futures import wait

import pytest
from gradio_client import Client

from tests.support import running
from ui.app import build_app

# gradio's queue trips pandas deprecation warnings that are not ours to fix
pytestmark = [pytest.mark.filterwarnings("ignore:.*no_silent_downcasting"),
              pytest.mark.filterwarnings("ignore:The copy keyword is deprecated")]
KEYS = {"question", "language", "answer", "refused", "citations", "retrieved", "timings_ms",
        "notice", "answerer", "claims", "refusal", "understood_as", "condenser", "documents",
        "outcome", "answerability", "judgement"}
CITATION_KEYS = {"n", "doc_id", "text", "section", "footnotes", "score", "supported", "quote"}


@pytest.fixture(scope="module")
def client(seed_components):
    with running(build_app(seed_components)) as url:
        yield Client(url, verbose=False)


def check_schema(data: dict) -> None:
    assert set(data) == KEYS
    assert data["citations"] and all(set(c) == CITATION_KEYS for c in data["citations"])
    assert all(set(r) == {"n", "doc_id", "score"} for r in data["retrieved"])
    # an English answer quoting Chinese also times its translation
    assert {"retrieve", "answer", "total"} <= set(data["timings_ms"]) <= \
        {"retrieve", "answer", "total", "translate"}


def test_chinese_question(client, seed_components):
    question = "报告认为加强全球裁军方面的合作能带来什么好处？"
    data = client.predict(question, api_name="/ask")
    check_schema(data)
    assert data["language"] == "zh" and not data["refused"]
    assert 86 in [c["n"] for c in data["citations"]]
    # the same object as `python -m rag ask --json`, timings aside
    expected = seed_components.qa.ask(question).to_dict()
    assert {k: v for k, v in data.items() if k != "timings_ms"} == \
        {k: v for k, v in expected.items() if k != "timings_ms"}


def test_english_question_with_k(client):
    data = client.predict(question="What does the report say about easing sanctions?", k=3,
                          api_name="/ask")
    check_schema(data)
    assert data["language"] == "en" and len(data["retrieved"]) == 3
    assert {c["n"] for c in data["citations"]} & {9, 66, 86}


def test_bad_question_is_a_clean_error(client):
    with pytest.raises(Exception, match="empty") as info:
        client.predict("   ", api_name="/ask")
    assert "Traceback" not in str(info.value)


def test_ten_at_once_are_all_served(client):
    questions = ["报告认为加强全球裁军方面的合作能带来什么好处？",
                 "What does the report say about vaccine nationalism?"] * 5
    jobs = [client.submit(q, api_name="/ask") for q in questions]
    done, _ = wait([j.future for j in jobs], timeout=120)
    assert len(done) == 10
    results = [j.result() for j in jobs]
    assert all(r["citations"] for r in results)
    assert {r["language"] for r in results} == {"zh", "en"}


def test_only_ask_is_public(client):
    assert list(client.view_api(print_info=False, return_format="dict")["named_endpoints"]) == \
        ["/ask"]


def test_a_conversation_through_the_api(client):
    """A follow-up with the earlier questions as ``history``: text, or {question, answer}."""
    first = "经济、社会及文化权利委员会在结论性意见中建议几内亚做什么？"
    data = client.predict("对贝宁呢？", None, None, [first], api_name="/ask")
    check_schema(data)
    assert data["question"] == "对贝宁呢？" and data["condenser"] == "rules"
    assert data["understood_as"] == "经济、社会及文化权利委员会在结论性意见中建议贝宁做什么？"
    assert 64 in [c["n"] for c in data["citations"]] and "贝宁" in data["answer"]
    earlier = client.predict(first, api_name="/ask")
    again = client.predict(question="对贝宁呢？", history=[{"question": first, "answer": earlier}],
                           api_name="/ask")
    assert again["understood_as"] == data["understood_as"]
    alone = client.predict("对贝宁呢？", api_name="/ask")  # the old call shape: no history
    assert alone["understood_as"] == "对贝宁呢？" and alone["condenser"] is None
