"""What a question asks for, and whether a sentence holds it. jieba's dictionary only."""

from __future__ import annotations

import pytest

from rag.slots import Slot, fills, question_slot


@pytest.mark.parametrize("question, lang, kind, unit", [
    ("人道主义基金发放了多少笔赠款？", "zh", "number", "笔"),
    ("有几个国家参加？", "zh", "number", ""),
    ("人权高专办的预算是多少美元？", "zh", "money", ""),
    ("高级专员是谁？", "zh", "person", ""),
    ("会议是哪一年举行的？", "zh", "date", ""),
    ("区域办事处设在哪个城市？", "zh", "place", ""),
    ("How many grants were given?", "en", "number", ""),
    ("How much money did the fund receive?", "en", "money", ""),
    ("Who is the High Commissioner?", "en", "person", ""),
    ("When was the resolution adopted?", "en", "date", ""),
    ("In which city is the office based?", "en", "place", ""),
])
def test_question_slots(question, lang, kind, unit):
    assert question_slot(question, lang) == Slot(kind, unit)


def test_open_questions_have_no_slot():
    assert question_slot("报告对疫苗民族主义有什么看法？", "zh") is None
    assert question_slot("What does the report say about vaccine nationalism?", "en") is None


def test_fillers():
    assert fills(Slot("number", "笔"), "共发放 31 笔赠款。")
    assert not fills(Slot("number", "笔"), "发放了赠款。")
    assert fills(Slot("number"), "覆盖 28 个国家。")
    assert fills(Slot("money"), "捐款 500 万美元。") and not fills(Slot("money"), "捐款增加。")
    assert fills(Slot("date"), "2021 年 3 月通过。") and not fills(Slot("date"), "最近通过。")
    assert fills(Slot("date"), "adopted in March 2021")
