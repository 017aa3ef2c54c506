"""The typed surface of checked machine translation.

A ``Translator`` turns text into text and names its model; a ``CheckedTranslator``
(see ``checked.py``) wraps one with terminology injection and checks and returns a
``Translation`` (a record of ``rag.base``: answers carry it). Citations never pass
through a model: callers translate quoted sentences only and keep their own [¶N].
"""

from __future__ import annotations

from typing import Literal, Protocol, runtime_checkable

from rag.base import Translation

Lang = Literal["zh", "en"]
LANG_NAMES: dict[str, str] = {"zh": "Chinese", "en": "English"}
__all__ = ["LANG_NAMES", "Lang", "NoTranslator", "TranslateError", "Translation", "Translator"]


class TranslateError(Exception):
    """A backend could not translate (model missing, endpoint failed). One-line message."""


@runtime_checkable
class Translator(Protocol):
    """A raw model call: no checks, no terminology."""

    identity: str

    def translate(self, text: str, src_lang: str, tgt_lang: str, context: str = "") -> str: ...


class NoTranslator:
    """The ``none`` backend: nothing is translated, every result is flagged."""

    identity = "none"

    def translate(self, text: str, src_lang: str, tgt_lang: str, context: str = "") -> str:
        raise TranslateError("no translation backend is configured")
