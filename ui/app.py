"""``build_app(components)``: the Gradio Blocks, composed of one builder per tab.

Each tab module lays out its components and wires its own events; here are the header,
the language switch, the page load and the API. The handlers bind the shared
components with closures, so every session uses the same index, embedder and LLM.
Nothing happens at import time.
"""

from __future__ import annotations

from typing import Any

import gradio as gr

from rag.factory import Components
from ui import chat, library
from ui.add_tab import add_tab
from ui.chat_tab import chat_tab
from ui.labels import LANG_CHOICES, lang_from_header, t
from ui.read_tab import read_tab
from ui.relabel import Relabel

DEFAULT_LANG = "zh"  # the seed report is Chinese; the browser's language wins on load


def build_app(components: Components) -> gr.Blocks:
    rl = Relabel(DEFAULT_LANG)
    with gr.Blocks(title="UN report Q&A", analytics_enabled=False, fill_width=True) as demo:
        with gr.Row(equal_height=True):
            rl(gr.Markdown, {"value": lambda lg: f"## {t(lg, 'title')}\n{t(lg, 'subtitle')}"})
            lang = gr.Radio(LANG_CHOICES, value=rl.lang, label=t(rl.lang, "language"),
                            elem_id="lang", scale=0, min_width=220)
        with gr.Tabs() as tabs:
            ask = chat_tab(components, rl, lang)
            read = read_tab(components, rl, lang)
            add_tab(components, rl, lang, chat_filter=ask.doc_filter, read_doc=read.doc)

        def relabel(lang_: str, turns_: list, doc_: str, read_doc_: str | None,
                    query: str, view: str, target_: list | None) -> list[Any]:
            msgs, ev = chat.relabel_chat(turns_, lang_)
            tree, text = library.browse(components, read_doc_, query, lang_,
                                        view=view or "original",
                                        target=library.target_in(target_, read_doc_))
            filter_update = gr.update(choices=library.filter_choices(components, lang_),
                                      value=doc_ or "", label=t(lang_, "doc_filter"))
            chat_update = gr.update(value=msgs, label=t(lang_, "chat"))
            return [chat_update, ev, filter_update, tree, text, *rl.updates(lang_)]

        lang.change(relabel, [lang, ask.turns, ask.doc_filter, read.doc, read.filter, read.view,
                              read.target],
                    [ask.chatbot, ask.evidence, ask.doc_filter, read.toc, read.reader,
                     *rl.outputs], api_visibility="private", show_progress="hidden")

        def on_load(request: gr.Request) -> tuple[Any, ...]:
            """The browser's language, the store's current documents, and a deep link
            (``?doc=A/HRC/47/47&p=9``): the reader opens at that paragraph, marked."""
            lg = lang_from_header(request.headers.get("accept-language") if request else None)
            params = dict(request.query_params) if request else {}
            doc, n, tree, text = library.open_link(components, params, lg)
            linked = n is not None
            return (lg, gr.update(choices=library.filter_choices(components, lg)),
                    gr.update(choices=library.doc_ids(components), value=doc), tree, text,
                    [doc, n] if linked else None, n if linked else gr.skip(),
                    gr.Tabs(selected="read") if params.get("doc") else gr.skip())

        demo.load(on_load, None, [lang, ask.doc_filter, read.doc, read.toc, read.reader,
                                  read.target, read.jump_n, tabs],
                  api_visibility="private")

        def ask_api(question: str, k: int | None = None, doc_id: str | None = None,
                    history: list[Any] | None = None) -> dict:
            """Answer a question; returns the JSON of `rag ask --json`. `history`: the
            earlier questions of the conversation (oldest first), as text or as
            {question, answer} objects; a follow-up is then read with them."""
            return chat.api_ask(components, question, k, doc_id, history)

        gr.api(ask_api, api_name="ask", concurrency_limit=None)  # QA limits the asks
    demo.queue(default_concurrency_limit=components.settings.concurrency_limit)
    return demo
