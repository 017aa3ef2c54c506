"""The records every stage shares: a question that cannot be asked, a retrieved paragraph
(``Hit``), a refusal, and a checked translation.

The bottom layer, with ``rag.config``: it imports no stage. Each stage keeps its own
records in its ``base.py`` (the analysed question in ``rag.understand``, a retrieval in
``rag.retrieve``, an answer in ``rag.answer``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from ingest.base import Paragraph


class QuestionError(ValueError):
    """The question cannot be asked as given (empty, too long). One line, user-facing."""


@dataclass
class Hit:
    paragraph: Paragraph
    score: float  # fused rank score
    channels: dict[str, float] = field(default_factory=dict)  # raw score per channel
    ranks: dict[str, int] = field(default_factory=dict)  # 1-based rank per channel
    best_sentence: str = ""  # the paragraph sentence closest to the question
    counterpart: Paragraph | None = None  # the same ¶ in another language version

    @property
    def id(self) -> str:
        return self.paragraph.id


@dataclass(frozen=True)
class Refusal:
    """Why the documents do not answer: a reason key with its arguments, and the
    paragraphs worth pointing the reader to. Messages are rendered from the key."""

    reason: str
    args: dict[str, Any] = field(default_factory=dict)
    pointers: tuple[str, ...] = ()  # paragraph ids

    def to_dict(self) -> dict[str, Any]:
        return {"reason": self.reason, "args": self.args, "pointers": list(self.pointers)}


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
        """What a UI prints beside the text (the model's name goes in a tooltip)."""
        return "machine translation, may contain errors"


FactKind = Literal["date", "number", "symbol", "name"]


@dataclass(frozen=True)
class Fact:
    """What a quoted sentence states that needs no model to read: a number, a date, a
    symbol or a named body as the sentence writes it, with its form in the reader's
    language where a rule or the terminology gives one."""

    text: str
    kind: FactKind
    gloss: str = ""

    def to_dict(self) -> dict[str, str]:
        return {"text": self.text, "kind": self.kind, "gloss": self.gloss}


Outcome = Literal["answer", "hedge", "refusal", "correction"]
OUTCOMES: tuple[Outcome, ...] = ("answer", "hedge", "refusal", "correction")


@dataclass(frozen=True)
class Correction:
    """The document says otherwise: the question's ``stated`` value against the one its
    paragraph gives, in the sentence that gives it."""

    stated: str
    found: str
    sentence: str
    paragraph: str  # its id
    kind: str  # year, number, body…


@dataclass(frozen=True)
class Verdict:
    outcome: Outcome
    probability: float  # calibrated: P(a stored paragraph states the answer)
    signals: dict[str, float] = field(default_factory=dict)
    pointers: tuple[str, ...] = ()  # paragraph ids: the closest passages
    model: str = ""  # the model file's version and fingerprint
    correction: Correction | None = None

    def to_dict(self) -> dict:
        return {"outcome": self.outcome, "probability": round(self.probability, 4),
                "pointers": list(self.pointers), "model": self.model,
                "signals": {k: round(v, 4) for k, v in self.signals.items()},
                "correction": None if self.correction is None else {
                    "stated": self.correction.stated, "found": self.correction.found,
                    "sentence": self.correction.sentence,
                    "paragraph": self.correction.paragraph, "kind": self.correction.kind}}
