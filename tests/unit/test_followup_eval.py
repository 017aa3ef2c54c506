"""The follow-up figures against hand arithmetic; follow-up fields in question files."""

from __future__ import annotations

import json

import pytest

from eval.metrics import Outcome, followup, ratio
from eval.questions import QuestionFileError, load_questions
from eval.report import followup_table


def o(id_, lang, gold, retrieved, cited, refused, understood=""):
    answerable = bool(gold)
    return Outcome(id_, lang, answerable, gold, retrieved, retrieved, cited, refused,
                   (not refused) if answerable else None, 5.0, understood_as=understood)


CONVERSATION = [o("f1", "zh", [9], [9, 1], [9], False, "s1"),
                o("f2", "zh", [12], [3, 4], [3], False, "s2"),
                o("f3", "en", [64], [64], [], True, "s3"),
                o("f4", "en", [], [1], [], True)]
STANDALONE = [o("f1", "zh", [9], [9], [9], False), o("f2", "zh", [12], [12], [12], False),
              o("f3", "en", [64], [64], [64], False), o("f4", "en", [], [1], [], True)]
ALONE = [o("f1", "zh", [9], [1], [], True), o("f2", "zh", [12], [3], [3], False),
         o("f3", "en", [64], [2], [], True), o("f4", "en", [], [1], [], True)]


def test_followup_figures_by_hand():
    fu = followup(CONVERSATION, STANDALONE, ALONE, ("zh", "en"))
    assert fu["rewritten"] == pytest.approx(3 / 4)  # f1, f2, f3 understood otherwise: 3/4
    assert fu["conversation"]["zh"]["hit@5"] == pytest.approx(1 / 2)  # f1 yes, f2 no: 1/2
    assert fu["standalone"]["zh"]["hit@5"] == 1.0  # f1, f2: 2/2
    assert fu["ratio"]["zh"]["hit@5"] == pytest.approx(0.5)  # 0.5 / 1.0
    assert fu["conversation"]["zh"]["citation_hit"] == pytest.approx(1 / 2)  # f1 cites 9: 1/2
    assert fu["conversation"]["en"]["citation_hit"] is None  # f3 refused: nothing answered
    assert fu["ratio"]["en"]["citation_hit"] is None  # None / 1.0
    assert fu["conversation"]["overall"]["hit@5"] == pytest.approx(2 / 3)  # f1, f3 of 3
    assert fu["ratio"]["overall"]["hit@5"] == pytest.approx((2 / 3) / 1)  # standalone 3/3
    assert fu["conversation"]["en"]["refusal_accuracy"] == 1.0  # f4 refused: 1/1
    assert fu["alone"]["overall"]["hit@5"] == 0.0  # f1, f2, f3 all missed
    assert ratio(0.9, 0.0) is None and ratio(None, 1.0) is None
    table = followup_table({"followup": fu})
    assert "hit@5             zh       0.500         1.000        0.000  0.500" in table
    assert followup_table({}) == ""


def test_question_files_take_history_and_standalone(tmp_path):
    base = {"id": "f1", "lang": "zh", "question": "第二场呢？", "gold": [12],
            "must_include_any": [], "answerable": True}
    path = tmp_path / "f.jsonl"
    path.write_text(json.dumps({**base, "history": ["第一场在哪里？"], "standalone": "第二场在哪里？"},
                               ensure_ascii=False), encoding="utf-8")
    (q,) = load_questions(path)
    assert q.history == ("第一场在哪里？",) and q.standalone == "第二场在哪里？"
    path.write_text(json.dumps(base, ensure_ascii=False), encoding="utf-8")
    assert load_questions(path)[0].history == ()  # dev and holdout files: unchanged
    for bad in ({"history": "第一场在哪里？"}, {"history": [""]}, {"standalone": 3}):
        path.write_text(json.dumps({**base, **bad}, ensure_ascii=False), encoding="utf-8")
        with pytest.raises(QuestionFileError, match="line 1"):
            load_questions(path)
