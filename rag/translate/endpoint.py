"""The endpoint backend: any llama-index LLM (OpenAI-compatible server, Ollama).

The app builds the LLM from its RAG_LLM_* settings and passes it in; nothing here reads
the environment.
"""

from __future__ import annotations

from typing import Any

from rag.translate.base import TranslateError
from rag.translate.prompts import PROMPT_VERSION, clean, messages


class EndpointTranslator:
    def __init__(self, llm: Any, *, identity: str | None = None) -> None:
        self.llm = llm
        model = getattr(getattr(llm, "metadata", None), "model_name", None) or type(llm).__name__
        self.identity = identity or f"endpoint:{model}/{PROMPT_VERSION}"

    def translate(self, text: str, src_lang: str, tgt_lang: str, context: str = "") -> str:
        from llama_index.core.llms import ChatMessage

        chat = [ChatMessage(role=m["role"], content=m["content"])
                for m in messages(text, src_lang, tgt_lang, context)]
        try:
            reply = self.llm.chat(chat, temperature=0.0)
        except Exception as exc:  # network, HTTP, timeout: all one failure to the caller
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise TranslateError(f"translation endpoint failed: {first}") from exc
        return clean(reply.message.content or "", text)
