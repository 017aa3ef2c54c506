"""The records of a conversation, and the ``Condenser`` protocol.

A condenser turns a follow-up ("第二场呢？") and the exchanges before it into a
standalone question that retrieval, the refusal stages and the answerer all see.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from rag.base import QuestionError

MAX_HISTORY = 50  # exchanges a caller may send; older ones say nothing about the next question


@dataclass(frozen=True)
class Exchange:
    """One earlier turn: the question as typed, as it was understood, the document
    filter it was asked with, and the answer's text (for an LLM condenser)."""

    question: str
    standalone: str = ""  # "" when unknown: the condenser works it out again
    doc_id: str | None = None
    answer: str = ""


@dataclass(frozen=True)
class Condensed:
    question: str  # the standalone question
    doc_id: str | None  # the document filter it is searched with
    rewritten: bool = False  # differs from the question as typed
    by: str = "none"  # none | rules | llm
    cues: tuple[str, ...] = ()  # why it was read as a follow-up

    def to_dict(self) -> dict[str, Any]:
        return {"question": self.question, "doc_id": self.doc_id, "rewritten": self.rewritten,
                "by": self.by, "cues": list(self.cues)}


class Condenser(Protocol):
    name: str

    def __call__(self, question: str, history: Sequence[Exchange], *,
                 doc_id: str | None = None) -> Condensed: ...


def as_is(question: str, doc_id: str | None) -> Condensed:
    return Condensed(question, doc_id)


def exchanges(raw: Sequence[Any] | None) -> list[Exchange]:
    """History as an API caller sends it: earlier questions as strings, or objects with
    ``question`` and optionally ``answer``, ``understood_as`` and ``doc_id``."""
    if raw is None:
        return []
    if isinstance(raw, (str, bytes)) or not isinstance(raw, Sequence):
        raise QuestionError("history must be a list of earlier questions or "
                            "{question, answer} objects")
    out: list[Exchange] = []
    for item in list(raw)[-MAX_HISTORY:]:
        if isinstance(item, Exchange):
            out.append(item)
        elif isinstance(item, str):
            if item.strip():
                out.append(Exchange(item))
        elif isinstance(item, dict) and isinstance(item.get("question"), str):
            answer = item.get("answer") or ""
            if isinstance(answer, dict):  # a whole `rag ask --json` object
                answer = answer.get("answer", "")
            doc = item.get("doc_id")
            out.append(Exchange(item["question"], str(item.get("understood_as") or ""),
                                str(doc) if doc else None, str(answer)))
        else:
            raise QuestionError("each history item must be a question (text) or an object "
                                "with a 'question'")
    return out
