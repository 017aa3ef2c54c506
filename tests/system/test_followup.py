"""Follow-ups over the real seed store: QA.ask with history, refusal on the standalone
question, the /ask handler's history, deep links and the conversation downloads."""

from __future__ import annotations

import json

import pytest
from gradio import Error as GradioError

from rag.conversation import Exchange
from ui import chat, library
from ui.chat import Turn
from ui.conversation import after_answer, conversation_files

GUINEA = "经济、社会及文化权利委员会在结论性意见中建议几内亚做什么？"


def test_a_follow_up_is_answered_as_its_standalone_question(seed_components):
    qa = seed_components.qa
    first = qa.ask(GUINEA)
    assert first.understood_as == "" and first.to_dict()["understood_as"] == GUINEA
    follow = qa.ask("对贝宁呢？", history=[Exchange(GUINEA, "", None, first.text)])
    assert follow.question == "对贝宁呢？" and follow.condenser == "rules"
    assert follow.understood_as == "经济、社会及文化权利委员会在结论性意见中建议贝宁做什么？"
    assert 64 in [n for _, n in follow.cited()] and "贝宁" in follow.text
    assert qa.ask("对贝宁呢？").understood_as == ""  # no conversation, nothing to lean on


def test_citations_follow_the_standalone_question_in_english(seed_components):
    qa = seed_components.qa
    history = [Exchange("What did CESCR adopt in March 2020?")]
    a = qa.ask("And in March 2021?", history=history)
    assert a.understood_as == "What did CESCR adopt in March 2021?"
    assert 68 in [h.paragraph.n for h in a.retrieved]


def test_a_follow_up_about_what_the_report_does_not_cover_is_refused(seed_components):
    history = [Exchange("在人权高专办的推动下，黎巴嫩2020年任命了哪个委员会的成员？")]
    a = seed_components.qa.ask("这个委员会一共有几名成员？", history=history)
    assert a.refused and a.understood_as and a.refusal is not None


def test_the_stream_says_how_it_understood_the_question(seed_components):
    items = list(seed_components.qa.ask_stream("第二场呢？", history=[
        Exchange("埃尔南·桑塔·克鲁兹对话系列的第一场活动是在哪个国家办的？")]))
    assert items[-1].understood_as == "埃尔南·桑塔·克鲁兹对话系列的第二场活动是在哪个国家办的？"


def test_api_history_and_its_errors(seed_components):
    data = chat.api_ask(seed_components, "对贝宁呢？", None, None, [GUINEA])
    assert data["understood_as"].endswith("建议贝宁做什么？")
    with pytest.raises(GradioError):
        chat.api_ask(seed_components, "对贝宁呢？", None, None, [{"no": "question"}])


def test_deep_links_open_the_reader(seed_components):
    doc, n, toc, text = library.open_link(seed_components, {"doc": "A/HRC/47/47", "p": "9"}, "zh")
    assert (doc, n) == ("A/HRC/47/47", 9) and 'id="para-A-HRC-47-47-9"' in text
    assert text.count('class="para target"') == 1
    _, n, _, text = library.open_link(seed_components, {"doc": "A/HRC/99/99", "p": "9"}, "en")
    assert n is None and "not in the library: A/HRC/99/99" in text
    _, n, _, text = library.open_link(seed_components, {"doc": "A/HRC/47/47", "p": "999"}, "en")
    assert "has no paragraph 999" in text and 'class="para target"' not in text
    assert library.open_link(seed_components, {}, "en")[1] is None


def test_the_conversation_downloads(seed_components, tmp_path):
    turns = [Turn(GUINEA, seed_components.qa.ask(GUINEA), k=5)]
    turns.append(Turn("对贝宁呢？", seed_components.qa.ask("对贝宁呢？", history=chat.history(turns))))
    json_path, md_path = conversation_files(seed_components, turns, root=tmp_path)
    record = json.loads(open(json_path, encoding="utf-8").read())
    assert [t["question"] for t in record["turns"]] == [GUINEA, "对贝宁呢？"]
    assert record["turns"][1]["understood_as"].endswith("建议贝宁做什么？")
    assert "A/HRC/47/47, para. 64" in open(md_path, encoding="utf-8").read()
    assert conversation_files(seed_components, [], root=tmp_path) == (None, None)
    box, resend, *_ = after_answer(seed_components, turns)
    assert box["visible"] and box["value"].endswith("建议贝宁做什么？") and resend["visible"]
