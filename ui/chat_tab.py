"""The *Ask* tab: the chat, its settings, and the evidence panel, with their events."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import gradio as gr

from rag.factory import Components
from ui import chat, library
from ui.assets import EVIDENCE_JS, HEAD
from ui.cards import evidence_html
from ui.conversation import after_answer
from ui.labels import EXAMPLES, t
from ui.relabel import Relabel


@dataclass
class ChatTab:
    turns: gr.State
    chatbot: gr.Chatbot
    evidence: gr.HTML
    doc_filter: gr.Dropdown


def answerer_choices(components: Components, lang: str) -> list[tuple[str, str]]:
    return [(t(lang, name) if name in ("extractive", "llm") else name, name)
            for name in components.qa.answerers]


def chat_tab(components: Components, rl: Relabel, lang: gr.Radio) -> ChatTab:
    L = rl.lang
    with rl(gr.Tab, {"label": "tab_chat"}, id="chat", elem_id="tab-chat"):
        turns = gr.State([])
        with gr.Row():
            with gr.Column(scale=3):
                # label and value change together on a language switch (see ui.app)
                chatbot = gr.Chatbot(label=t(L, "chat"), render_markdown=False,
                                     sanitize_html=True, height=560, elem_id="chat",
                                     feedback_options=None)
                with gr.Row():
                    box = rl(gr.Textbox, {"placeholder": "placeholder"}, show_label=False,
                             scale=5, elem_id="question")
                    send = rl(gr.Button, {"value": "send"}, variant="primary", scale=1,
                              elem_id="send")
                with gr.Row():
                    understood = rl(gr.Textbox, {"label": "understood_edit"}, visible=False,
                                    scale=5, elem_id="understood")
                    resend = rl(gr.Button, {"value": "resend"}, visible=False, scale=1,
                                elem_id="resend")
                examples = rl(gr.Dataset, {"samples": lambda lg: [[q] for q in EXAMPLES[lg]],
                                           "label": "examples"},
                              components=[box], type="index", elem_id="examples")
                with gr.Row():
                    doc_filter = gr.Dropdown(library.filter_choices(components, L), value="",
                                             label=t(L, "doc_filter"), elem_id="doc-filter")
                    clear = rl(gr.Button, {"value": "clear"}, scale=0, min_width=120)
                with gr.Row():
                    dl_json = rl(gr.DownloadButton, {"label": "download_json"}, visible=False,
                                 size="sm", elem_id="download-json")
                    dl_md = rl(gr.DownloadButton, {"label": "download_md"}, visible=False,
                               size="sm", elem_id="download-md")
                with rl(gr.Accordion, {"label": "settings"}, open=False, elem_id="settings"):
                    k = rl(gr.Slider, {"label": "top_k"}, minimum=1, maximum=20,
                           value=components.settings.top_k, step=1, elem_id="top-k")
                    answerer = rl(gr.Radio, {"label": "answerer", "choices": lambda lg:
                                             answerer_choices(components, lg)},
                                  value=components.qa.default, elem_id="answerer")
            with gr.Column(scale=2):
                evidence = gr.HTML(evidence_html(None, 0, L), head=HEAD,
                                   js_on_load=EVIDENCE_JS, elem_id="evidence-panel")

    def chat_ask(question: str, turns_: list, k_: float, answerer_: str, doc_: str,
            lang_: str) -> Iterator[tuple[Any, ...]]:
        yield from chat.ask(components, question, turns_, k_, answerer_, doc_, lang_)

    # no queue limit: the asks' own limit (QA's, RAG_CONCURRENCY_LIMIT) covers retrieval
    # and answer alone, so an answer waiting for its translation holds no one's place
    ask_io: dict[str, Any] = {
        "fn": chat_ask, "inputs": [box, turns, k, answerer, doc_filter, lang],
        "outputs": [chatbot, evidence, turns, lang, box], "api_visibility": "private",
        "show_progress": "hidden", "concurrency_limit": None}

    def after(turns_: list) -> tuple[Any, ...]:
        return after_answer(components, turns_)

    after_io: dict[str, Any] = {"fn": after, "inputs": [turns],
                                "outputs": [understood, resend, dl_json, dl_md],
                                "api_visibility": "private", "show_progress": "hidden"}
    box.submit(**ask_io).then(**after_io)
    send.click(**ask_io).then(**after_io)
    examples.click(lambda i, lg: EXAMPLES[lg][i], [examples, lang], box,
                   api_visibility="private").then(**ask_io).then(**after_io)

    def chat_resend(edited: str, turns_: list, k_: float, answerer_: str, doc_: str,
                    lang_: str) -> Iterator[tuple[Any, ...]]:
        yield from chat.ask(components, edited, turns_, k_, answerer_, doc_, lang_, as_is=True)

    resend.click(chat_resend, [understood, turns, k, answerer, doc_filter, lang],
                 [chatbot, evidence, turns, lang, box], api_visibility="private",
                 show_progress="hidden", concurrency_limit=None).then(**after_io)
    clear.click(lambda lg: ([], evidence_html(None, 0, lg), []), [lang],
                [chatbot, evidence, turns], api_visibility="private").then(**after_io)

    def card(turns_: list, lang_: str, evt: gr.EventData) -> Any:
        return chat.show_card(turns_, lang_, evt)

    evidence.click(card, [turns, lang], evidence, api_visibility="private",
                   show_progress="hidden")
    return ChatTab(turns, chatbot, evidence, doc_filter)
