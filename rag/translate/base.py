"""The typed surface of checked machine translation.

A ``Translator`` turns text into text and names its model; a ``CheckedTranslator``
(see ``checked.py``) wraps one with terminology injection and checks and returns a
``Translation``. Citations never pass through a model: callers translate quoted
sentences only and keep their own [¶N].
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol, runtime_checkable

Lang = Literal["zh", "en"]
LANG_NAMES: dict[str, str] = {"zh": "Chinese", "en": "English"}


class TranslateError(Exception):
    """A backend could not translate (model missing, endpoint failed). One-line message."""


@dataclass(frozen=True)
class Translation:
    """One checked translation.

    ``text`` is the translation when ``shown``; when a check failed it is still the
    model's output, but ``shown`` is False and ``failed`` names the checks, so a caller
    must show the source instead (or the text clearly flagged).
    """

    text: str
    source: str
    src_lang: str
    tgt_lang: str
    shown: bool
    failed: list[str] = field(default_factory=list)
    model: str = ""
    terms_version: str = ""
    similarity: float | None = None

    @property
    def label(self) -> str:
        """What a UI prints beside the text."""
        return f"machine translation ({self.model})"


@runtime_checkable
class Translator(Protocol):
    """A raw model call: no checks, no terminology."""

    identity: str

    def translate(self, text: str, src_lang: str, tgt_lang: str) -> str: ...


class NoTranslator:
    """The ``none`` backend: nothing is translated, every result is flagged."""

    identity = "none"

    def translate(self, text: str, src_lang: str, tgt_lang: str) -> str:
        raise TranslateError("no translation backend is configured")
