"""Cleaning a question and telling its language: no models."""

from __future__ import annotations

import pytest

from rag.base import QuestionError
from rag.understand.question import detect_language, normalise


def test_language_detection_and_cleaning():
    assert detect_language("COVAX是什么？") == "zh"
    assert detect_language("What is COVAX?") == "en"
    assert detect_language("What does the report say about 萨赫勒?") == "en"
    assert normalise("  报告\x00说了\x07什么？\u200b ", max_chars=100) == "报告 说了 什么？"
    with pytest.raises(QuestionError, match="empty"):
        normalise(" \t\n", max_chars=100)
    with pytest.raises(QuestionError, match="limit is 10"):
        normalise("x" * 11, max_chars=10)


def test_undecodable_bytes_are_a_question_error():
    broken = "报告".encode()[:-1].decode("utf-8", "surrogateescape")  # as argv delivers it
    with pytest.raises(QuestionError, match="not valid UTF-8"):
        normalise(broken, max_chars=100)
    assert normalise("报告", max_chars=100) == "报告"
