"""After each answer: the "understood as" box, and the conversation's downloads.

The downloads are files written under the system temp directory (Gradio serves files
from there); folders older than an hour are removed as new ones are written.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import gradio as gr

from rag.conversation.record import conversation_markdown, conversation_record
from rag.factory import Components
from ui.chat import Turn

EXPORTS = "unqa-exports"
KEEP_S = 3600


def understood(turns: list[Turn] | None) -> tuple[Any, Any]:
    """The last answer's standalone question, editable, when it was rewritten."""
    last = turns[-1] if turns else None
    text = last.answer.understood_as if last is not None and last.answer is not None else ""
    return gr.update(value=text, visible=bool(text)), gr.update(visible=bool(text))


def conversation_files(components: Components, turns: list[Turn] | None,
                       root: Path | None = None) -> tuple[str | None, str | None]:
    """(conversation.json, conversation.md) for the turns so far; None before any answer."""
    turns = turns or []
    if not any(t.answer is not None for t in turns):
        return None, None
    base = root or Path(tempfile.gettempdir()) / EXPORTS
    _prune(base)
    folder = base / uuid.uuid4().hex
    folder.mkdir(parents=True)
    record = conversation_record(turns, components.settings,
                                 embedder=components.embedder.identity)
    json_path, md_path = folder / "conversation.json", folder / "conversation.md"
    json_path.write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
    md_path.write_text(conversation_markdown(turns, record), encoding="utf-8")
    return str(json_path), str(md_path)


def _prune(base: Path) -> None:
    if not base.is_dir():
        return
    cutoff = time.time() - KEEP_S
    for folder in base.iterdir():
        try:
            if folder.is_dir() and folder.stat().st_mtime < cutoff:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue  # another worker removed it first


def after_answer(components: Components, turns: list[Turn] | None) -> tuple[Any, ...]:
    """(understood box, resend button, JSON download, Markdown download) updates."""
    box, resend = understood(turns)
    json_path, md_path = conversation_files(components, turns)
    shown = json_path is not None
    return (box, resend, gr.update(value=json_path, visible=shown),
            gr.update(value=md_path, visible=shown))
