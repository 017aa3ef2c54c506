"""The *Add documents* tab: upload and ingest; the other tabs' document lists follow."""

from __future__ import annotations

from typing import Any

import gradio as gr

from rag.factory import Components
from ui import library
from ui.relabel import Relabel


def add_tab(components: Components, rl: Relabel, lang: gr.Radio, *,
            chat_filter: gr.Dropdown, read_doc: gr.Dropdown) -> None:
    with rl(gr.Tab, {"label": "tab_add"}, id="add", elem_id="tab-add"):
        rl(gr.Markdown, {"value": "upload_help"})
        files = rl(gr.File, {"label": "upload"}, file_count="multiple",
                   file_types=[".txt", ".pdf"], type="filepath", elem_id="upload")
        button = rl(gr.Button, {"value": "ingest_btn"}, variant="primary", elem_id="ingest-btn")
        summary = gr.HTML(elem_id="ingest-summary")

    def ingest(files_: list[str] | None, lang_: str,
               progress: gr.Progress = gr.Progress(track_tqdm=True)  # noqa: B008
               ) -> tuple[str, Any, Any]:
        return library.ingest(components, files_, lang_)

    button.click(ingest, [files, lang], [summary, chat_filter, read_doc],
                 api_visibility="private", concurrency_limit=1, concurrency_id="ingest")
