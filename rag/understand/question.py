"""Clean a question and tell its language. The question is data, never instructions."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ingest.text import is_han
from rag.base import QuestionError

_LATIN_WORD = re.compile(r"[A-Za-z]+")


def normalise(question: str, *, max_chars: int) -> str:
    """Strip control characters, fold traditional to simplified; refuse empty or overlong."""
    if question is None:
        raise QuestionError("the question is empty")
    try:
        question.encode("utf-8")
    except UnicodeEncodeError:
        # undecodable bytes reach us as lone surrogates (a character cut in half, say)
        raise QuestionError("the question is not valid UTF-8 text (a character may have "
                            "been cut in half)") from None
    if len(question) > max_chars:
        raise QuestionError(
            f"the question has {len(question)} characters; the limit is {max_chars} "
            "(RAG_MAX_QUESTION_CHARS)"
        )
    cleaned = "".join(
        " " if unicodedata.category(ch) in {"Cc", "Cf", "Zl", "Zp"} else ch for ch in question
    )
    cleaned = re.sub(r"\s+", " ", cleaned).strip()
    if not cleaned:
        raise QuestionError("the question is empty")
    if any(is_han(ch) for ch in cleaned):
        cleaned = _t2s().convert(cleaned)
    return cleaned


def detect_language(question: str) -> str:
    """zh when Han characters dominate, else en (a Latin word weighs as two characters)."""
    han = sum(1 for ch in question if is_han(ch))
    words = len(_LATIN_WORD.findall(question))
    return "zh" if han > 0 and han > 2 * words else "en"


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")
