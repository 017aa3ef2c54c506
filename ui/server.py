"""``serve(settings)``: what ``python -m rag serve`` runs.

The components (store, index, embedder, LLM) are built once here and shared by
every browser session; the queue serves requests beyond ``concurrency_limit`` in turn.
"""

from __future__ import annotations

import logging
import sys
import time
from typing import TYPE_CHECKING

from rag.config import Settings

if TYPE_CHECKING:
    from rag.factory import Components

log = logging.getLogger("ui")
ALL_INTERFACES = {"0.0.0.0", "::", "[::]", ""}


def parse_auth(auth: str | None) -> tuple[str, str] | None:
    if not auth:
        return None
    user, sep, password = auth.partition(":")
    if not sep or not user:
        raise ValueError("auth must look like USER:PASS")
    return user, password


def exposure_warning(host: str, auth: str | None) -> str | None:
    """A warning when anyone on the network could open the page without a password."""
    if host in ALL_INTERFACES and not auth:
        return (f"WARNING: serving on all interfaces ({host or '0.0.0.0'}) without a password; "
                "anyone who can reach this machine can use it. Consider --auth USER:PASS.")
    return None


WARM_UP = ("国际合作", "international cooperation")  # one per language: each loads its own


def warm_up(components: Components) -> None:
    """Throwaway questions build the search snapshot and load the model, the Chinese
    word list and the English bridge, so the first real question is answered at once."""
    for question in WARM_UP:
        try:
            components.qa.ask(question, translate=False)  # the model loads when needed
        except Exception:  # a failed warm-up only costs the first user some time
            log.exception("warm-up question %r failed", question)


def serve(settings: Settings) -> None:
    """The chat; translations come from one translator process beside it (started here
    unless ``RAG_TRANSLATE_BASE_URL`` names one), which loads the model when first asked."""
    from ui.children import translator

    with translator(settings) as with_translator:
        _serve(with_translator)


def _serve(settings: Settings) -> None:
    from rag.factory import ready
    from ui.app import build_app

    t0 = time.perf_counter()
    auth = parse_auth(settings.auth)
    print(f"Loading the index from {settings.where()} …", file=sys.stderr)
    components = ready(settings)
    if components.seeded is not None:
        print(f"The store was empty; ingested the seed: {components.seeded.line()}",
              file=sys.stderr)
    warm_up(components)
    app = build_app(components)
    warning = exposure_warning(settings.host, settings.auth)
    if warning:
        print(warning, file=sys.stderr)
    app.launch(server_name=settings.host, server_port=settings.port, auth=auth,
               max_file_size=settings.max_file_bytes, show_error=False, quiet=True,
               footer_links=["api", "settings"], prevent_thread_lock=True)
    shown_host = "127.0.0.1" if settings.host in ALL_INTERFACES else settings.host
    where = f" (listening on {settings.host})" if settings.host != shown_host else ""
    login = "  (login required)" if auth else ""
    print(f"Ready in {time.perf_counter() - t0:.1f} s: open http://{shown_host}:{app.server_port}/"
          f"{where}{login}", flush=True)
    app.block_thread()  # until Ctrl+C
