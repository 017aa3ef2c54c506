"""The question's analysis, made once per question and read by every later step.

Language, the search terms (English phrases bridged to Chinese headwords), the kind
of answer it asks for, the names no document mentions, and its embedding.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ingest.embedders import Embedder
from rag.entities import absent_concepts, unknown_entities
from rag.library import Library, Snapshot
from rag.question import detect_language, normalise
from rag.slots import Slot, question_slot
from rag.tokens import word_tokens

TermGroups = list[dict[str, float]]  # concepts, each a set of alternative weighted terms


@dataclass
class Query:
    text: str  # as normalised for search
    lang: str
    corpus: Snapshot  # the state of the store the query was analysed and is searched in
    groups: TermGroups = field(default_factory=list)
    glosses: list[tuple[str, list[str]]] = field(default_factory=list)  # en phrase -> zh
    slot: Slot | None = None  # what kind of answer the question asks for
    unknown: list[str] = field(default_factory=list)  # names the documents never mention
    absent: list[str] = field(default_factory=list)  # specific concepts they never mention
    vector: np.ndarray | None = None
    doc_id: str | None = None  # search only this document

    @property
    def terms(self) -> dict[str, float]:
        return {t: w for g in self.groups for t, w in g.items()}

    @property
    def dense_text(self) -> str:
        """An English question carries its bridged Chinese terms into the embedding: the
        multilingual model then meets the Chinese sentences half way."""
        if self.lang == "zh":
            return self.text
        extra = dict.fromkeys(t for g in self.groups for t in g if not t.isascii())
        return f"{self.text} {' '.join(extra)}" if extra else self.text


class QueryAnalyzer:
    def __init__(self, library: Library, embedder: Embedder, *, max_chars: int = 2000) -> None:
        self.library = library
        self.embedder = embedder
        self.max_chars = max_chars

    def __call__(self, question: str, *, doc_id: str | None = None) -> Query:
        text = normalise(question, max_chars=self.max_chars)
        lang = detect_language(text)
        snap = self.library.snapshot()
        groups, glosses = search_terms(text, lang, snap)
        query = Query(text=text, lang=lang, corpus=snap, groups=groups, glosses=glosses,
                      slot=question_slot(text, lang), doc_id=doc_id,
                      unknown=unknown_entities(text, lang, snap.corpus, snap.bridge.reverse),
                      absent=absent_concepts(text, lang, snap))
        query.vector = self.embedder.query_vector(query.dense_text)
        return query


def search_terms(text: str, lang: str, snap: Snapshot
                 ) -> tuple[TermGroups, list[tuple[str, list[str]]]]:
    """Concept groups of weighted search terms, and (English phrase, terms) glosses."""
    if lang == "zh":
        return [{t: 1.0} for t in dict.fromkeys(word_tokens(text))], []
    glosses = snap.bridge.glosses(text)
    own = [{w: 1.0} for w in snap.bridge.content_words(text)]  # match English documents
    return [found for _, found in glosses] + own, [(p, list(found)) for p, found in glosses]
