"""The understand stage's edge: the analysed question (``Query``), made once per question
by ``QueryAnalyzer`` and read by every later step, and what it says the documents never
mention, judged in the documents it would be answered from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from rag.base import Hit
from rag.library.snapshot import Snapshot
from rag.understand.entities import (
    absent_concepts,
    absent_in_english,
    scope_gaps,
    unknown_entities,
)
from rag.understand.query_vector import MIN_BUDGET, Embedding, TermGroups, bridged_terms, cost
from rag.understand.slots import Slot

__all__ = ["Query", "TermGroups", "never_mentioned"]


@dataclass
class Query:
    text: str  # as normalised for search, without the words that name a document
    lang: str
    corpus: Snapshot  # the state of the store the query was analysed and is searched in
    groups: TermGroups = field(default_factory=list)
    glosses: list[tuple[str, list[str]]] = field(default_factory=list)  # en phrase -> zh
    slot: Slot | None = None  # what kind of answer the question asks for
    unknown: list[str] = field(default_factory=list)  # names the documents never mention
    absent: list[str] = field(default_factory=list)  # specific concepts they never mention
    embedding: Embedding | None = None  # being made while the lexical channels search
    doc_id: str | None = None  # the user's filter: search only this document
    asked: str = ""  # the whole question as normalised
    check: str = ""  # … without any words that name a stored document (for refusal rules)
    documents: list[str] = field(default_factory=list)  # symbols it was taken to mean
    scope: frozenset[str] | None = None  # search only these doc_ids (None: all)
    # the scope is what the user or the question names (ranked as if stored alone), not
    # the documents routing chose (the whole library's ranking, kept to them)
    named: bool = False
    units: list[int] = field(default_factory=list)  # article/paragraph numbers it cites
    # the paragraphs it names by their place ("the final paragraph"): answered from alone
    at: frozenset[str] | None = None
    extra: list[str] = field(default_factory=list)  # English forms for English documents
    topic: list[str] = field(default_factory=list)  # the terms of what it asks "about"

    @property
    def vector(self) -> np.ndarray | None:
        """What the dense search ranks by."""
        return self.embedding.vector() if self.embedding else None

    @property
    def part_vectors(self) -> list[np.ndarray]:
        """The vectors of ``dense_parts``."""
        return self.embedding.parts() if self.embedding else []

    @property
    def terms(self) -> dict[str, float]:
        return {t: w for g in self.groups for t, w in g.items()}

    @property
    def dense_parts(self) -> list[str]:
        """What the question's vector is the sum of: the question, and the terms bridged
        from it into the other language (the multilingual model then meets the other
        language's sentences half way). Embedded apart, side by side: appended to the
        question they doubled the cost of its embedding, and ranked a little worse at
        scale (see the README)."""
        if self.extra:
            return [self.text, " ".join(self.extra)]
        if self.lang == "zh":
            return [self.text]
        terms = bridged_terms(self.groups, budget=max(MIN_BUDGET, cost(self.text)),
                              usage=self.corpus.uses)
        return [self.text, " ".join(terms)] if terms else [self.text]

    def reading(self, hits: Sequence[Hit], depth: int = 5) -> Query:
        """The query read against the documents its best hits come from: how common a
        term is, which names and fillers count, what is never mentioned, is a matter of
        the documents it is answered from (the same, whatever else the library holds)."""
        snap = self.corpus
        stored = frozenset(getattr(snap, "documents", ()))  # none: a snapshot made by hand
        docs = frozenset(d for h in hits[:depth] for d in snap.doc_ids(snap.symbol(h.paragraph))
                         ) if stored else frozenset()
        if not docs or docs >= stored:
            return self
        within = snap.scoped(docs)
        if self.scope is not None and docs >= self.scope:
            return replace(self, corpus=within)  # analysed within these documents already
        unknown, absent = never_mentioned(self.check or self.text, self.lang, within, snap)
        return replace(self, corpus=within, unknown=unknown, absent=absent)


def never_mentioned(check: str, lang: str, within: Snapshot, snap: Snapshot, *,
                    named: bool = False) -> tuple[list[str], list[str]]:
    """(unknown names, absent concepts) of a question's text, judged in ``within``: the
    documents it names (``named``: then also the words other documents use that this one
    lacks), or those it would be answered from, or all."""
    if lang == "zh" and within.english is not None and "zh" not in within.langs:
        unknown, absent = [], absent_in_english(check, within)  # Chinese question, English text
    else:
        unknown = unknown_entities(check, lang, within.corpus, snap.bridge.reverse)
        absent = absent_concepts(check, lang, within)
    if named and not absent:
        absent = scope_gaps(check, lang, within, snap)
    return unknown, absent
