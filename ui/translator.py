"""``rag translator``: the one process per machine that holds the translation model.

The chat and the API workers call it (``RAG_TRANSLATE_BASE_URL``) instead of each loading
the 1.1 GB model; it loads the model on the first request, not at start, and answers
one request at a time (one llama context). It speaks the part of OpenAI's API the
workers use: ``POST /v1/chat/completions`` (greedy, as in-process), ``GET /v1/models``,
and ``GET /health`` (whether the model is loaded). ``python -m ui.translator`` imports
neither the embedder nor the store, so it holds about 70 MB until the first request.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

# the request a worker sends (rag/translate/remote.py); the sampling fields are ignored:
# the model is always run greedy, as the local backend runs it
Body = dict[str, Any]
MAX_TOKENS = 1024  # the most a worker asks for (rag/translate/prompts.py)


class LazyModel:
    """A ``LocalTranslator`` made on first use, once."""

    def __init__(self, make: Callable[[], Any]) -> None:
        self._make = make
        self._model: Any = None
        self._lock = threading.Lock()
        self.loaded_s: float | None = None

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def get(self) -> Any:
        with self._lock:
            if self._model is None:
                t0 = time.perf_counter()
                self._model = self._make()
                self.loaded_s = time.perf_counter() - t0
            return self._model


def packaged(cache_dir: Path, threads: int, model: Path | None) -> Callable[[], Any]:
    """How to load the model: the packaged GGUF (joined once into ``cache_dir``), or the
    GGUF at ``model``."""

    def make() -> Any:
        from rag.translate.local import LocalTranslator

        if model is not None:
            return LocalTranslator(model, n_threads=threads)
        return LocalTranslator.from_packages(cache_dir, n_threads=threads)

    return make


def create_app(model: LazyModel, name: str) -> Any:
    from fastapi import FastAPI, HTTPException

    app = FastAPI(title="translator", docs_url=None, redoc_url=None)

    @app.get("/health")
    def health() -> dict[str, Any]:
        return {"ok": True, "pid": os.getpid(), "loaded": model.loaded,
                "load_s": model.loaded_s}

    @app.get("/v1/models")
    def models() -> dict[str, Any]:
        shown = model.get().identity if model.loaded else name
        return {"object": "list", "data": [{"id": shown, "object": "model"}]}

    @app.post("/v1/chat/completions")
    def complete(body: Body) -> dict[str, Any]:  # a thread of its own: the model blocks
        from rag.translate.base import TranslateError

        chat = body.get("messages")
        if not isinstance(chat, list) or not chat:
            raise HTTPException(400, "messages: a list of {role, content}")
        try:
            budget = min(int(body.get("max_tokens") or 512), MAX_TOKENS)
            text = model.get().complete(chat, budget)
        except TranslateError as exc:
            raise HTTPException(503, str(exc)) from None
        return {"object": "chat.completion", "model": model.get().identity,
                "created": int(time.time()),
                "choices": [{"index": 0, "finish_reason": "stop",
                             "message": {"role": "assistant", "content": text}}]}

    return app


def exit_with(parent: int) -> None:
    """Exit when ``parent`` (the server that started this process) is gone, killed or not."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def run(host: str, port: int, cache_dir: Path, threads: int, model: Path | None,
        parent: int | None = None) -> None:
    import uvicorn

    if parent is not None:
        exit_with(parent)
    app = create_app(LazyModel(packaged(cache_dir, threads, model)),
                     model.stem if model else "packaged")
    uvicorn.run(app, host=host, port=port, log_level="warning", workers=1)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=7869, show_default=True)
@click.option("--cache-dir", type=click.Path(path_type=Path), required=True,
              help="Where the packaged model is joined (RAG_CACHE_DIR/models).")
@click.option("--threads", default=1, show_default=True)
@click.option("--model", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Another GGUF instead of the packaged model.")
@click.option("--parent-pid", type=int, help="Exit when this process is gone.")
def main(host: str, port: int, cache_dir: Path, threads: int, model: Path | None,
         parent_pid: int | None) -> None:
    """The translator process (``rag translator`` starts the same)."""
    run(host, port, cache_dir, threads, model, parent_pid)


if __name__ == "__main__":
    main()
