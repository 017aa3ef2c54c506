"""The *Read* tab: one document by section, number or text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import gradio as gr

from rag.factory import Components
from ui import library
from ui.assets import READER_JS
from ui.labels import t
from ui.relabel import Relabel


@dataclass
class ReadTab:
    doc: gr.Dropdown
    filter: gr.Textbox
    view: gr.Radio
    toc: gr.HTML
    reader: gr.HTML
    target: gr.State  # [doc_id, n] the reader marks: a jump, or a deep link
    jump_n: gr.Number


def read_tab(components: Components, rl: Relabel, lang: gr.Radio) -> ReadTab:
    with rl(gr.Tab, {"label": "tab_read"}, id="read", elem_id="tab-read"):
        target = gr.State(None)
        with gr.Row():
            doc = rl(gr.Dropdown, {"label": "read_doc"}, choices=library.doc_ids(components),
                     value=library.default_doc(components), elem_id="read-doc")
            jump_n = rl(gr.Number, {"label": "jump"}, precision=0, minimum=0, elem_id="jump-n")
            jump_btn = rl(gr.Button, {"value": "jump_btn"}, elem_id="jump-btn")
            filt = rl(gr.Textbox, {"label": "filter", "placeholder": "filter_placeholder"},
                      elem_id="filter")
            view = rl(gr.Radio, {"label": "view", "choices": view_choices}, value="original",
                      elem_id="read-view")
        with gr.Row():
            with gr.Column(scale=1, min_width=220):
                toc = gr.HTML(elem_id="toc-panel")
            with gr.Column(scale=3):
                reader = gr.HTML(elem_id="reader-panel", js_on_load=READER_JS)

    def browse(doc_: str | None, query: str, lang_: str, view_: str, target_: list | None
               ) -> tuple[str, str]:
        return library.browse(components, doc_, query, lang_, view=view_ or "original",
                              target=library.target_in(target_, doc_))

    def jump(doc_: str | None, n: float | None, lang_: str, view_: str) -> tuple[Any, ...]:
        return (*library.jump(components, doc_, n, lang_, view_ or "original"),
                [doc_, int(n)] if doc_ and n is not None else None)

    # the doc, view and filter keep the target mark: a deep link sets doc and target at once
    inputs = [doc, filt, lang, view, target]
    doc.change(browse, inputs, [toc, reader], api_visibility="private")
    view.change(browse, inputs, [toc, reader], api_visibility="private")
    filt.change(browse, inputs, [toc, reader], api_visibility="private",
                show_progress="hidden")
    jump_io: dict[str, Any] = {"fn": jump, "inputs": [doc, jump_n, lang, view],
                               "outputs": [toc, reader, filt, target],
                               "api_visibility": "private"}
    jump_btn.click(**jump_io)
    jump_n.submit(**jump_io)
    return ReadTab(doc, filt, view, toc, reader, target, jump_n)


def view_choices(lang: str) -> list[tuple[str, str]]:
    return [(t(lang, f"view_{v}"), v) for v in ("original", "translation", "both")]
