"""A conversation as a record for audit: every question, how it was understood, the
answer with its citations (in UN style and with their official links), the models and
the settings it was answered with. JSON, and Markdown built from the answers' exports.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Protocol

from rag.answer.base import Answer
from rag.answer.export import as_markdown, sources, un_citation
from rag.config import Settings

FORMAT = "un-report-qa/conversation-1"
_SECRET = {"llm_api_key", "auth"}  # never leave the server


class Asked(Protocol):
    """One turn as the chat keeps it (``ui.chat.Turn``)."""

    question: str
    answer: Answer | None
    error: str | None
    doc_id: str | None
    k: int | None
    answerer: str | None


def settings_record(settings: Settings) -> dict[str, Any]:
    """The settings an answer depends on, secrets left out."""
    return settings.model_dump(mode="json", exclude=_SECRET)


def turn_record(i: int, turn: Asked) -> dict[str, Any]:
    out: dict[str, Any] = {"n": i + 1, "question": turn.question, "doc_filter": turn.doc_id,
                           "k": turn.k, "answerer_chosen": turn.answerer}
    if turn.answer is None:
        return {**out, "error": turn.error or "no answer"}
    a = turn.answer
    return {**out, "understood_as": a.understood_as or a.question,
            "condenser": a.condenser or None, "answer": a.to_dict(),
            "sources": [{"cite": s.cite, "url": s.url, "doc_id": s.doc_id, "n": s.n,
                         "lang": s.lang, "supported": s.supported,
                         "versions": [{"lang": v.lang, "official": v.official, "cite": v.cite,
                                       "url": v.url, "model": v.model, "text": v.text}
                                      for v in s.versions]}
                        for s in sources(a)]}


def conversation_record(turns: Sequence[Asked], settings: Settings, *, embedder: str,
                        now: dt.datetime | None = None) -> dict[str, Any]:
    now = now or dt.datetime.now(dt.UTC)
    return {
        "format": FORMAT,
        "exported_at": now.isoformat(timespec="seconds"),
        "models": {"embedder": embedder,
                   "llm": settings.llm_model if settings.llm_enabled else None,
                   "llm_provider": settings.llm_provider, "condenser": settings.condenser},
        "settings": settings_record(settings),
        "turns": [turn_record(i, t) for i, t in enumerate(turns)],
    }


def conversation_markdown(turns: Sequence[Asked], record: dict[str, Any]) -> str:
    """Each turn's citable export under its number, then the models and settings."""
    out = ["# Conversation", "", f"Exported {record['exported_at']} ({FORMAT}).", ""]
    for i, turn in enumerate(turns, 1):
        out += [f"## {i}", ""]
        if turn.answer is None:
            out += [f"**Question:** {turn.question}  ", f"**Error:** {turn.error}", ""]
            continue
        a = turn.answer
        cited = ", ".join(un_citation(c.doc_id, c.n, a.records.get(c.doc_id), a.language)
                          for c in a.citations) or "—"
        out += [as_markdown(a).rstrip(), "",
                f"*answerer: {a.answerer}; condenser: {a.condenser or '—'}; "
                f"document filter: {turn.doc_id or '—'}; k: {turn.k or '—'}; cited: {cited}*",
                ""]
    out += ["## Models and settings", "", "| setting | value |", "|---|---|"]
    flat = {**{f"model.{k}": v for k, v in record["models"].items()}, **record["settings"]}
    out += [f"| {k} | {str(v).replace('|', '/')} |" for k, v in flat.items()]
    return "\n".join(out) + "\n"
