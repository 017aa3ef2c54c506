"""Helpers for the UI tests: an HTML tag inventory, and a real server on a free port."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from html.parser import HTMLParser

import gradio as gr

from eval.load import free_port


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    """Every start tag in ``html`` with its attributes, as a browser would parse them."""
    p = _Tags()
    p.feed(html)
    return p.tags


def visible_text(html: str) -> str:
    p = _Tags()
    p.feed(html)
    return "".join(p.text)


def assert_inert(html: str) -> None:
    """Nothing in ``html`` can run script: no script/img/iframe tags, no on* handlers,
    no javascript: links."""
    for tag, attrs in tags(html):
        assert tag not in {"script", "img", "iframe", "object", "embed", "svg"}, (tag, attrs)
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            assert "javascript:" not in (value or "").lower(), (tag, name, value)


@contextlib.contextmanager
def running(app: gr.Blocks) -> Iterator[str]:
    """Launch ``app`` on a free 127.0.0.1 port; yield its URL; always close it."""
    port = free_port()
    app.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True,
               quiet=True, show_error=False)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        app.close()


def writable_copy(seed_settings, tmp_path, embedder):
    """Full components over a private copy of the session's seed store.

    Copying the ingested store takes a second; ingesting the seed again takes ~30 s.
    The seed store is only ever read, so the copy is consistent.
    """
    import shutil

    from rag.factory import build

    store_dir = tmp_path / "store"
    shutil.copytree(seed_settings.store_dir, store_dir)
    return build(seed_settings.model_copy(update={"store_dir": store_dir}), embedder=embedder)
