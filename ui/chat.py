"""Chat handlers. Each takes the shared ``Components`` first; the app binds them.

The session's turns live in a ``gr.State``; the chat and the evidence panel are
re-rendered from them, so a language switch re-labels old answers too.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import gradio as gr

from rag.answer.base import Answer
from rag.base import QuestionError
from rag.conversation import Exchange, exchanges
from rag.factory import Components
from rag.translate.answers import Translating
from ui.cards import evidence_html
from ui.labels import t
from ui.render import (
    answer_html,
    error_html,
    export_html,
    streaming_html,
    translating_html,
    user_html,
)

log = logging.getLogger("ui")
MAX_TURNS = 50  # older turns are dropped from the session, never from the store
_KEY = re.compile(r"^t(\d+)-[A-Za-z0-9-]+$")


@dataclass
class Turn:
    question: str
    answer: Answer | None = None
    error: str | None = None  # a short user-facing message; the detail is in the log
    partial: str = ""
    translating: Translating | None = None  # the answer while its quotes are translated
    doc_id: str | None = None  # the settings it was asked with, for the record
    k: int | None = None
    answerer: str | None = None


def history(turns: list[Turn]) -> list[Exchange]:
    """The answered turns, as the condenser reads them."""
    return [Exchange(t.question, t.answer.understood_as, t.doc_id, t.answer.text)
            for t in turns if t.answer is not None]


def messages(turns: list[Turn], lang: str) -> list[dict[str, str]]:
    """The chat as Gradio message dicts; the turn index keys each answer's chips."""
    out = []
    for i, turn in enumerate(turns):
        out.append({"role": "user", "content": user_html(turn.question)})
        if turn.answer is not None:
            body = answer_html(turn.answer, i, lang) + export_html(turn.answer, i, lang)
        elif turn.error is not None:
            body = error_html(turn.error)
        elif turn.translating is not None:
            body = translating_html(turn.translating, i, lang)
        else:
            body = streaming_html(turn.partial, lang)
        out.append({"role": "assistant", "content": body})
    return out


def last_answered(turns: list[Turn]) -> int | None:
    return next((i for i in range(len(turns) - 1, -1, -1) if turns[i].answer), None)


def evidence_for(turns: list[Turn], lang: str, turn: int | None = None,
                 open_key: str | None = None) -> str:
    turn = last_answered(turns) if turn is None else turn
    answer = turns[turn].answer if turn is not None and turn < len(turns) else None
    return evidence_html(answer, turn or 0, lang, open_key=open_key)


def ask(components: Components, question: str, turns: list[Turn] | None, k: float | None,
        answerer: str | None, doc_id: str | None, lang: str, *,
        as_is: bool = False) -> Iterator[tuple[Any, ...]]:
    """Stream one answer. Yields (chat, evidence, turns, language, question box). A
    follow-up is read with the earlier turns; ``as_is`` (a resent, edited "understood
    as" question) takes the question as it stands."""
    turns = list(turns or [])[-(MAX_TURNS - 1):]
    q = (question or "").strip()
    if not q:
        yield gr.skip(), gr.skip(), turns, gr.skip(), gr.skip()
        return
    earlier = [] if as_is else history(turns)
    turn = Turn(q, doc_id=doc_id or None, answerer=answerer or None)
    turns.append(turn)
    yield messages(turns, lang), gr.skip(), turns, gr.skip(), ""
    try:
        turn.k = int(k) if k else None  # a bad value is an unexpected error, logged below
        stream = components.qa.ask_stream(q, k=turn.k, doc_id=turn.doc_id,
                                          answerer=turn.answerer, history=earlier)
        for piece in stream:
            if isinstance(piece, Answer):
                turn.answer, turn.translating = piece, None
            elif isinstance(piece, Translating):  # the answer at once, its quotes' originals
                turn.translating = piece
                lg = piece.answer.language
                yield (messages(turns, lg), evidence_html(piece.answer, len(turns) - 1, lg),
                       turns, gr.skip(), gr.skip())
            else:
                turn.partial += piece
                yield messages(turns, lang), gr.skip(), turns, gr.skip(), gr.skip()
        if turn.answer is None:
            raise RuntimeError("the answer stream ended without an Answer")
    except QuestionError as err:
        turn.error = str(err)
    except Exception:
        log.exception("answering %r failed", q)
        turn.error = t(lang, "error")
    if turn.answer is not None:
        lang = turn.answer.language  # labels follow the language the user asked in
    yield messages(turns, lang), evidence_for(turns, lang), turns, lang, gr.skip()


def show_card(turns: list[Turn] | None, lang: str, evt: gr.EventData) -> str | Any:
    """A chip of an older answer: re-render the panel for that answer, that card open."""
    key = str(getattr(evt, "card", "") or "")
    m = _KEY.match(key)
    turns = turns or []
    if not m or int(m.group(1)) >= len(turns) or turns[int(m.group(1))].answer is None:
        return gr.skip()
    return evidence_for(turns, lang, int(m.group(1)), open_key=key)


def relabel_chat(turns: list[Turn] | None, lang: str) -> tuple[list[dict[str, str]], str]:
    turns = turns or []
    return messages(turns, lang), evidence_for(turns, lang)


def api_ask(components: Components, question: str, k: int | None = None,
            doc_id: str | None = None, history: list[Any] | None = None) -> dict:
    """The ``/ask`` endpoint: exactly what ``python -m rag ask --json`` prints. ``history``:
    the earlier questions (text), or {question, answer, understood_as} objects."""
    try:
        answer = components.qa.ask(question, k=int(k) if k else None, doc_id=doc_id or None,
                                   history=exchanges(history))
    except QuestionError as err:
        raise gr.Error(str(err)) from None
    except Exception:
        log.exception("api ask %r failed", question)
        raise gr.Error(t("en", "error")) from None
    return answer.to_dict()
