"""Components whose text follows the UI language, each built and registered in one call."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import gradio as gr

from ui.labels import t

Text = str | Callable[[str], Any]  # a label key, or how to make the value for a language


def _value(text: Text, lang: str) -> Any:
    return text(lang) if callable(text) else t(lang, text)


class Relabel:
    """``rl(gr.Button, {"value": "send"}, variant="primary")`` builds the button with its
    label in the starting language and remembers how to re-label it."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._items: list[tuple[Any, dict[str, Text]]] = []

    def __call__(self, factory: Callable[..., Any], texts: dict[str, Text], **kwargs: Any) -> Any:
        block = factory(**{attr: _value(text, self.lang) for attr, text in texts.items()},
                        **kwargs)
        self._items.append((block, texts))
        return block

    @property
    def outputs(self) -> list[Any]:
        return [block for block, _ in self._items]

    def updates(self, lang: str) -> list[Any]:
        return [gr.update(**{attr: _value(text, lang) for attr, text in texts.items()})
                for _, texts in self._items]
