"""The UI handlers against the real stack: streaming, errors, chips of older answers,
the API function, reading and adding documents."""

from __future__ import annotations

import logging

import gradio as gr
import pytest

from rag.answer.messages import REFUSAL
from rag.factory import build
from tests.support import FIXTURES, assert_inert, tags, visible_text, writable_copy
from ui import chat, library
from ui.server import warm_up

ZH_Q = "报告认为加强全球裁军方面的合作能带来什么好处？"
EN_Q = "What does the report say about easing sanctions?"
def run(components, question, turns=None, *, k=5, answerer="extractive", doc="", lang="zh"):
    """All yields of one question, in order (how fast they come is for `make bench`)."""
    return list(enumerate(chat.ask(components, question, turns or [], k, answerer, doc, lang)))


def hrefs(html: str) -> list[str]:
    return [a["href"] for tag, a in tags(html) if tag == "a"]


def test_streams_then_replaces_with_checked_answer(seed_components):
    warm_up(seed_components)  # what serve() does before taking requests
    steps = run(seed_components, ZH_Q)
    _, (msgs, _, turns, _, box) = steps[0]
    assert box == "" and msgs[0]["role"] == "user" and ZH_Q in visible_text(msgs[0]["content"])
    streamed = [(s, item) for s, item in steps[1:-1]]
    assert streamed, "the answer should arrive in pieces"
    assert "streaming" in streamed[0][1][0][-1]["content"]
    _, (msgs, evidence, turns, lang, _) = steps[-1]
    assert lang == "zh" and turns[-1].answer is not None
    assert "#card-t0-A-HRC-47-47-86" in hrefs(msgs[-1]["content"])
    assert 'id="card-t0-A-HRC-47-47-86"' in evidence
    assert "增强全球裁军合作可以释放资源来实现权利" in visible_text(evidence)


def test_labels_follow_the_question_language(seed_components):
    *_, (_, (msgs, evidence, turns, lang, _)) = run(seed_components, EN_Q, lang="zh")
    assert lang == "en" and "Cited paragraphs" in visible_text(evidence)
    cited = {c.n for c in turns[-1].answer.citations}
    assert cited & {9, 66, 86}


def test_older_answer_chip_reopens_its_own_evidence(seed_components):
    *_, (_, (_, _, turns, _, _)) = run(seed_components, ZH_Q)
    *_, (_, (_, evidence, turns, lang, _)) = run(seed_components, EN_Q, turns)
    assert "t0-" not in evidence  # the panel shows the latest answer
    key = "t0-A-HRC-47-47-86"
    html = chat.show_card(turns, lang, gr.EventData(None, {"card": key}))
    assert f'<details class="card cited" id="card-{key}" open>' in html
    bogus = chat.show_card(turns, lang, gr.EventData(None, {"card": "t9-x-1"}))
    assert not isinstance(bogus, str)  # skipped: nothing to re-render


def test_empty_question_does_nothing(seed_components):
    (_, (msgs, _, turns, _, _)), = run(seed_components, "   ")
    assert turns == [] and not isinstance(msgs, list)


def test_user_error_is_a_short_chat_message(seed_components):
    *_, (_, (msgs, evidence, turns, _, _)) = run(seed_components, ZH_Q, k=99)
    text = visible_text(msgs[-1]["content"])
    assert "k must be between 1 and 50" in text and "Traceback" not in text
    assert turns[-1].error


def test_unexpected_error_is_logged_not_shown(seed_components, caplog):
    with caplog.at_level(logging.ERROR, logger="ui"):
        *_, (_, (msgs, _, turns, lang, _)) = run(seed_components, ZH_Q, k="not a number")
    text = visible_text(msgs[-1]["content"])
    assert text.startswith("⚠ 出错了") and "Traceback" not in text and "ValueError" not in text
    assert any(r.exc_info for r in caplog.records), "the detail belongs in the server log"


def test_api_ask_is_the_cli_json(seed_components):
    data = chat.api_ask(seed_components, ZH_Q)
    assert data == seed_components.qa.ask(ZH_Q).to_dict() | {"timings_ms": data["timings_ms"]}
    assert len(chat.api_ask(seed_components, ZH_Q, 3)["retrieved"]) == 3
    with pytest.raises(gr.Error, match="empty"):
        chat.api_ask(seed_components, " ")


def test_refusal_in_chat_offers_closest_passages(seed_settings, seed_components, embedder):
    # The seed store with thresholds that refuse everything: real retrieval, real refusal.
    settings = seed_settings.model_copy(update={"judge_answer_at": 1.0,
                                                "judge_refuse_below": 1.0})
    components = build(settings, embedder=embedder)
    *_, (_, (msgs, evidence, turns, lang, _)) = run(components, ZH_Q)
    text = visible_text(msgs[-1]["content"])
    assert REFUSAL["zh"] in text and "最接近的段落" in text
    assert hrefs(msgs[-1]["content"]) and "最接近的段落" in visible_text(evidence)


def test_browse_and_jump(seed_components):
    toc, reader = library.browse(seed_components, None, "", "en")
    assert "Contents" in visible_text(toc) and "Showing 89 of 89 paragraphs" in visible_text(reader)
    toc, reader, query = library.jump(seed_components, "A/HRC/47/47", 88, "zh")
    assert query == "" and 'class="para target" id="para-A-HRC-47-47-88"' in reader
    _, reader, _ = library.jump(seed_components, "A/HRC/47/47", 999, "en")
    assert "A/HRC/47/47 has no paragraph 999." in visible_text(reader)


def test_ingest_good_and_bad_files_then_ask(seed_settings, seed_components, tmp_path, embedder):
    components = writable_copy(seed_settings, tmp_path, embedder)
    good = tmp_path / "glacier.txt"
    good.write_text((FIXTURES / "glacier_en.txt").read_text(encoding="utf-8"), encoding="utf-8")
    bad = tmp_path / "notes.txt"
    bad.write_text("just some <b>notes</b>\nwith no numbered paragraphs\n", encoding="utf-8")
    assert library.ingest(components, [], "en")[0].count("Choose a file first")
    summary, doc_filter, read_doc = library.ingest(components, [str(good), str(bad)], "en")
    assert_inert(summary)
    text = visible_text(summary)
    assert "A/HRC/99/1" in text and "4" in text and "failed" in text and "notes.txt" in text
    # the filter lists a document by title and symbol (all its language versions); the
    # reader, by doc_id: an English version of a symbol gets " (en)"
    assert ("Cooperation on glacier monitoring (A/HRC/99/1)", "A/HRC/99/1") in \
        doc_filter["choices"]
    assert read_doc["value"] == "A/HRC/99/1 (en)"
    again, *_ = library.ingest(components, [str(good)], "zh")
    assert "0 added, 0 updated, 4 unchanged" in visible_text(again)
    question = "How many glacier observatories shared data with downstream communities?"
    *_, (_, (msgs, evidence, turns, _, _)) = run(components, question, lang="en")
    assert [(c.doc_id, c.n) for c in turns[-1].answer.citations] == [("A/HRC/99/1 (en)", 2)]
    assert "17 glacier observatories" in visible_text(evidence)
    # the document filter reaches retrieval: every paragraph shown comes from that document
    # (whether the library then answers or refuses is its business, not the UI's)
    *_, (_, (_, evidence, turns, _, _)) = run(components, question, doc="A/HRC/47/47", lang="en")
    assert {h.paragraph.doc_id for h in turns[-1].answer.retrieved} == {"A/HRC/47/47"}
    assert "A/HRC/99/1" not in evidence
