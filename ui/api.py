"""``rag api``: the stateless JSON ask endpoint, served by N uvicorn worker processes.

``POST /ask`` takes ``{"question", "k", "doc_id", "history"}`` and returns what ``rag ask
--json`` prints (and the chat's Gradio ``/ask``); every request carries all it needs
(the earlier questions in ``history``), so any worker answers it, and the same way.
``GET /health`` says which worker answered and whether it is ready.

The parent process starts what the workers share: one ``chroma run`` over the store
(unless ``RAG_CHROMA_HOST`` names a server) and one translator (unless
``RAG_TRANSLATE_BASE_URL`` names one); prepares the store once (the seed into an empty
store, the shipped translations, the BM25 indexes, which the workers then load instead
of building); and hands the workers their settings through ``RAG_*`` variables. Each
worker builds its own components (embedder, snapshot) and warms them before it takes a
request. The chat UI stays in one process (``rag serve``).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
from contextlib import asynccontextmanager
from typing import Any

from fastapi.responses import JSONResponse
from pydantic import BaseModel

from rag.config import Settings

log = logging.getLogger("ui.api")
# what the parent decides and the workers must see: the rest they read as it was set
EXPORTED = ("store_dir", "cache_dir", "chroma_host", "chroma_port", "translate_base_url")


class AskBody(BaseModel):
    question: str
    k: int | None = None
    doc_id: str | None = None
    history: list[Any] | None = None  # earlier questions, or {question, answer} objects


def create_app() -> Any:
    """The app of one worker (``uvicorn --factory ui.api:create_app``), from ``RAG_*``."""
    import anyio
    from fastapi import FastAPI

    from rag.base import QuestionError
    from rag.conversation import exchanges
    from rag.factory import Components, build
    from ui.server import warm_up

    state: dict[str, Components] = {}

    def start() -> None:
        components = build(Settings())
        warm_up(components)
        state["components"] = components

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> Any:
        await anyio.to_thread.run_sync(start)  # a worker takes requests once it is warm
        yield

    app = FastAPI(title="UN report Q&A", lifespan=lifespan, docs_url="/docs", redoc_url=None)
    worker = {"X-Worker": str(os.getpid())}

    @app.get("/health")
    def health() -> JSONResponse:
        return JSONResponse({"ok": "components" in state, "pid": os.getpid()}, headers=worker)

    @app.post("/ask")
    def ask(body: AskBody) -> JSONResponse:
        qa = state["components"].qa
        try:
            answer = qa.ask(body.question, k=body.k, doc_id=body.doc_id or None,
                            history=exchanges(body.history))
        except QuestionError as err:
            return JSONResponse({"error": str(err)}, status_code=400, headers=worker)
        except Exception:
            log.exception("api ask %r failed", body.question)
            return JSONResponse({"error": "the question could not be answered; see the "
                                 "server log"}, status_code=500, headers=worker)
        return JSONResponse(answer.to_dict(), headers=worker)

    return app


def prepare(settings: Settings) -> None:
    """Once, before the workers: the seed into an empty store, the shipped translations,
    and the BM25 indexes saved for the workers to load."""
    from rag.factory import prepare_indexes, ready

    components = ready(settings)
    if components.seeded is not None:
        print(f"The store was empty; ingested the seed: {components.seeded.line()}",
              file=sys.stderr)
    prepare_indexes(components)


def export(settings: Settings) -> None:
    """The settings the workers must share, as the ``RAG_*`` variables they read."""
    for name in EXPORTED:
        value = getattr(settings, name)
        if value is not None:
            os.environ[f"RAG_{name.upper()}"] = str(value)


def serve_api(settings: Settings, workers: int) -> None:
    import uvicorn

    from ui.children import chroma, translator
    from ui.server import ALL_INTERFACES

    if settings.host in ALL_INTERFACES:
        print(f"WARNING: the JSON endpoint has no password and listens on all interfaces "
              f"({settings.host or '0.0.0.0'}): anyone who can reach this machine can use "
              "it. Put it behind a proxy that checks who asks.", file=sys.stderr)
    with chroma(settings) as shared, translator(shared) as ready_settings:
        print(f"Preparing the store at {ready_settings.where()} …", file=sys.stderr)
        # in a process of its own: its embedder and snapshot are freed, not held all along
        proc = multiprocessing.get_context("spawn").Process(target=prepare,
                                                             args=(ready_settings,))
        proc.start()
        proc.join()
        if proc.exitcode != 0:
            raise SystemExit(f"preparing the store failed (exit code {proc.exitcode})")
        export(ready_settings)
        print(f"Starting {workers} worker(s): POST http://{settings.host}:{settings.port}/ask",
              file=sys.stderr, flush=True)
        uvicorn.run("ui.api:create_app", factory=True, host=settings.host, port=settings.port,
                    workers=workers, log_level="warning")
