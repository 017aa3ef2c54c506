"""``build_app(components)``: the Gradio Blocks. Layout and wiring only.

The handlers live in ui/chat.py and ui/library.py and take the shared components;
here they are bound with closures so every session uses the same index, embedder
and LLM. Nothing happens at import time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import gradio as gr

from rag.factory import Components
from ui import chat, library
from ui.assets import EVIDENCE_JS, HEAD, READER_JS
from ui.cards import evidence_html
from ui.labels import EXAMPLES, LANG_CHOICES, lang_from_header, t

DEFAULT_LANG = "zh"  # the seed report is Chinese; the browser's language wins on load


class Relabel:
    """Components whose labels depend on the language, with how to re-label each."""

    def __init__(self) -> None:
        self.items: list[tuple[gr.components.Component | gr.blocks.Block, Callable]] = []

    def add(self, block: Any, fn: Callable[[str], Any]) -> Any:
        self.items.append((block, fn))
        return block

    @property
    def outputs(self) -> list[Any]:
        return [b for b, _ in self.items]

    def updates(self, lang: str) -> list[Any]:
        return [fn(lang) for _, fn in self.items]


def _answerer_choices(components: Components, lang: str) -> list[tuple[str, str]]:
    return [(t(lang, name) if name in ("extractive", "llm") else name, name)
            for name in components.qa.answerers]


def build_app(components: Components) -> gr.Blocks:
    settings, L = components.settings, DEFAULT_LANG
    rl = Relabel()
    with gr.Blocks(title="UN report Q&A", analytics_enabled=False, fill_width=True) as demo:
        turns = gr.State([])
        with gr.Row(equal_height=True):
            rl.add(gr.Markdown(f"## {t(L, 'title')}\n{t(L, 'subtitle')}"),
                   lambda lg: gr.update(value=f"## {t(lg, 'title')}\n{t(lg, 'subtitle')}"))
            lang = gr.Radio(LANG_CHOICES, value=L, label=t(L, "language"), elem_id="lang",
                            scale=0, min_width=220)
        with gr.Tabs():
            with rl.add(gr.Tab(t(L, "tab_chat"), id="chat", elem_id="tab-chat"),
                        lambda lg: gr.update(label=t(lg, "tab_chat"))):
                with gr.Row():
                    with gr.Column(scale=3):
                        chatbot = gr.Chatbot(label=t(L, "chat"), render_markdown=False,
                                             sanitize_html=True, height=560, elem_id="chat",
                                             feedback_options=None)
                        with gr.Row():
                            box = rl.add(gr.Textbox(show_label=False, scale=5, elem_id="question",
                                                    placeholder=t(L, "placeholder")),
                                         lambda lg: gr.update(placeholder=t(lg, "placeholder")))
                            send = rl.add(gr.Button(t(L, "send"), variant="primary", scale=1,
                                                    elem_id="send"),
                                          lambda lg: gr.update(value=t(lg, "send")))
                        examples = rl.add(
                            gr.Dataset(components=[box], samples=[[q] for q in EXAMPLES[L]],
                                       type="index", label=t(L, "examples"), elem_id="examples"),
                            lambda lg: gr.update(samples=[[q] for q in EXAMPLES[lg]],
                                                 label=t(lg, "examples")))
                        with gr.Row():
                            doc_filter = gr.Dropdown(library.filter_choices(components, L),
                                                     value="", label=t(L, "doc_filter"),
                                                     elem_id="doc-filter")
                            clear = rl.add(gr.Button(t(L, "clear"), scale=0, min_width=120),
                                           lambda lg: gr.update(value=t(lg, "clear")))
                        with rl.add(gr.Accordion(t(L, "settings"), open=False, elem_id="settings"),
                                    lambda lg: gr.update(label=t(lg, "settings"))):
                            k = rl.add(gr.Slider(1, 20, value=settings.top_k, step=1,
                                                 label=t(L, "top_k"), elem_id="top-k"),
                                       lambda lg: gr.update(label=t(lg, "top_k")))
                            answerer = rl.add(
                                gr.Radio(_answerer_choices(components, L),
                                         value=components.qa.default, label=t(L, "answerer"),
                                         elem_id="answerer"),
                                lambda lg: gr.update(label=t(lg, "answerer"),
                                                     choices=_answerer_choices(components, lg)))
                    with gr.Column(scale=2):
                        evidence = gr.HTML(evidence_html(None, 0, L), head=HEAD,
                                           js_on_load=EVIDENCE_JS, elem_id="evidence-panel")
            with rl.add(gr.Tab(t(L, "tab_read"), id="read", elem_id="tab-read"),
                        lambda lg: gr.update(label=t(lg, "tab_read"))):
                with gr.Row():
                    read_doc = rl.add(gr.Dropdown(library.doc_ids(components),
                                                  value=library.default_doc(components),
                                                  label=t(L, "read_doc"), elem_id="read-doc"),
                                      lambda lg: gr.update(label=t(lg, "read_doc")))
                    jump_n = rl.add(gr.Number(label=t(L, "jump"), precision=0, minimum=0,
                                              elem_id="jump-n"),
                                    lambda lg: gr.update(label=t(lg, "jump")))
                    jump_btn = rl.add(gr.Button(t(L, "jump_btn"), elem_id="jump-btn"),
                                      lambda lg: gr.update(value=t(lg, "jump_btn")))
                    filt = rl.add(gr.Textbox(label=t(L, "filter"), elem_id="filter",
                                             placeholder=t(L, "filter_placeholder")),
                                  lambda lg: gr.update(label=t(lg, "filter"),
                                                       placeholder=t(lg, "filter_placeholder")))
                with gr.Row():
                    with gr.Column(scale=1, min_width=220):
                        toc = gr.HTML(elem_id="toc-panel")
                    with gr.Column(scale=3):
                        reader = gr.HTML(elem_id="reader-panel", js_on_load=READER_JS)
            with rl.add(gr.Tab(t(L, "tab_add"), id="add", elem_id="tab-add"),
                        lambda lg: gr.update(label=t(lg, "tab_add"))):
                rl.add(gr.Markdown(t(L, "upload_help")),
                       lambda lg: gr.update(value=t(lg, "upload_help")))
                files = rl.add(gr.File(file_count="multiple", file_types=[".txt", ".pdf"],
                                       type="filepath", label=t(L, "upload"), elem_id="upload"),
                               lambda lg: gr.update(label=t(lg, "upload")))
                ingest_btn = rl.add(gr.Button(t(L, "ingest_btn"), variant="primary",
                                              elem_id="ingest-btn"),
                                    lambda lg: gr.update(value=t(lg, "ingest_btn")))
                ingest_out = gr.HTML(elem_id="ingest-summary")

        # -- chat --------------------------------------------------------------
        def chat_ask(question, turns_, k_, answerer_, doc_, lang_):
            yield from chat.ask(components, question, turns_, k_, answerer_, doc_, lang_)

        ask_io = {"fn": chat_ask, "inputs": [box, turns, k, answerer, doc_filter, lang],
                  "outputs": [chatbot, evidence, turns, lang, box], "api_visibility": "private",
                  "show_progress": "hidden"}
        box.submit(**ask_io)
        send.click(**ask_io)
        examples.click(lambda i, lg: EXAMPLES[lg][i], [examples, lang], box,
                       api_visibility="private").then(**ask_io)
        clear.click(lambda lg: ([], evidence_html(None, 0, lg), []), [lang],
                    [chatbot, evidence, turns], api_visibility="private")

        def card(turns_, lang_, evt: gr.EventData):
            return chat.show_card(turns_, lang_, evt)

        evidence.click(card, [turns, lang], evidence, api_visibility="private",
                       show_progress="hidden")

        # -- language ----------------------------------------------------------
        def relabel(lang_, turns_, doc_, read_doc_, query):
            msgs, ev = chat.relabel_chat(turns_, lang_)
            tree, text = library.browse(components, read_doc_, query, lang_)
            filter_update = gr.update(choices=library.filter_choices(components, lang_),
                                      value=doc_ or "", label=t(lang_, "doc_filter"))
            chat_update = gr.update(value=msgs, label=t(lang_, "chat"))
            return [chat_update, ev, filter_update, tree, text, *rl.updates(lang_)]

        lang.change(relabel, [lang, turns, doc_filter, read_doc, filt],
                    [chatbot, evidence, doc_filter, toc, reader, *rl.outputs],
                    api_visibility="private", show_progress="hidden")

        # -- reading -----------------------------------------------------------
        def browse(doc_, query, lang_):
            return library.browse(components, doc_, query, lang_)

        def jump(doc_, n, lang_):
            return library.jump(components, doc_, n, lang_)

        read_doc.change(browse, [read_doc, filt, lang], [toc, reader], api_visibility="private")
        filt.change(browse, [read_doc, filt, lang], [toc, reader], api_visibility="private",
                    show_progress="hidden")
        jump_io = {"fn": jump, "inputs": [read_doc, jump_n, lang],
                   "outputs": [toc, reader, filt], "api_visibility": "private"}
        jump_btn.click(**jump_io)
        jump_n.submit(**jump_io)

        # -- adding documents --------------------------------------------------
        def ingest(files_, lang_, progress=gr.Progress(track_tqdm=True)):  # noqa: B008
            return library.ingest(components, files_, lang_)

        ingest_btn.click(ingest, [files, lang], [ingest_out, doc_filter, read_doc],
                         api_visibility="private", concurrency_limit=1, concurrency_id="ingest")

        # -- page load: the browser's language, the store's current documents -----
        def on_load(request: gr.Request):
            lg = lang_from_header(request.headers.get("accept-language") if request else None)
            doc = library.default_doc(components)
            tree, text = library.browse(components, doc, "", lg)
            return (lg, gr.update(choices=library.filter_choices(components, lg)),
                    gr.update(choices=library.doc_ids(components), value=doc), tree, text)

        demo.load(on_load, None, [lang, doc_filter, read_doc, toc, reader],
                  api_visibility="private")

        # -- API -----------------------------------------------------------------
        def ask_api(question: str, k: int | None = None, doc_id: str | None = None) -> dict:
            """Answer a question; returns the JSON of `python -m rag ask --json`."""
            return chat.api_ask(components, question, k, doc_id)

        gr.api(ask_api, api_name="ask")
    demo.queue(default_concurrency_limit=settings.concurrency_limit)
    return demo
