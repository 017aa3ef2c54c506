"""Notes on the standing of the documents an answer cites: a draft (and the text adopted
from it), a text a stored revision supersedes (and the current one)."""

from __future__ import annotations

from rag.answer.base import Answer
from rag.answer.messages import Message


def status_notes(answer: Answer) -> list[Message]:
    """One ``status`` note per cited document that is a draft or superseded, from the
    records of ``answer.records`` (``rag.library.snapshot.Snapshot.record``)."""
    if answer.refused:
        return []
    out: list[Message] = []
    seen: set[str] = set()
    for doc_id, _ in answer.cited():
        record = answer.records.get(doc_id) or {}
        status = record.get("status") or {}
        symbol = str(record.get("symbol") or doc_id)
        if symbol in seen or not (status.get("draft") or status.get("superseded_by")):
            continue
        seen.add(symbol)
        out.append(Message("status", {"symbol": symbol, "draft": bool(status.get("draft")),
                                      "adopted_as": status.get("adopted_as", ""),
                                      "superseded_by": status.get("superseded_by", "")}))
    return out
