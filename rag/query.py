"""The question's analysis, made once per question and read by every later step.

Language, the documents it names (then searched alone, or first), the search terms
(English phrases bridged to Chinese headwords, Chinese words to English ones for English
documents), the kind of answer it asks for, the names no document mentions, and its
embedding.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import numpy as np

from ingest.articles import zh_number
from ingest.embedders import Embedder
from rag.documents import PART, blank, source_position, taken_to_mean
from rag.entities import absent_concepts, absent_in_english, scope_gaps, unknown_entities
from rag.library import Library
from rag.position import cited_position, paragraphs_at, without_place
from rag.query_vector import MIN_BUDGET, Embedding, TermGroups, bridged_terms, cost
from rag.question import detect_language, normalise
from rag.slots import Slot, question_slot
from rag.snapshot import Snapshot
from rag.specificity import COMMON_ZIPF, zipf
from rag.tokens import word_tokens

if TYPE_CHECKING:
    from rag.base import Hit

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


class QueryAnalyzer:
    def __init__(self, library: Library, embedder: Embedder, *, max_chars: int = 2000,
                 bridged_weight: float = 1.5) -> None:
        self.library = library
        self.embedder = embedder
        self.max_chars = max_chars
        self.bridged_weight = bridged_weight

    def __call__(self, question: str, *, doc_id: str | None = None) -> Query:
        asked = normalise(question, max_chars=self.max_chars)
        lang = detect_language(asked)
        snap = self.library.snapshot()
        mentions = snap.catalogue.mentions(asked)
        # a document named as the source ("what does X say"), not as a subject
        sources = [m for m in mentions if source_position(asked, m)]
        documents, unique = taken_to_mean(sources)
        scope = None
        if doc_id:  # the user's filter wins over what the question names
            symbol = snap.documents[doc_id].symbol if doc_id in snap.documents else doc_id
            documents, scope = [symbol], snap.doc_ids(symbol)
        elif unique:
            scope = snap.doc_ids(documents[0])
        text = blank(asked, [m for m in sources if m.strength >= PART]) or asked
        embedding = self.embedder.query_later(text)  # while the rest is worked out
        position = cited_position(asked)  # "the final paragraph": a place, not a concept
        plain = without_place(text) if position else text
        routed = None
        if scope is None and len(snap.catalogue.documents) > 1:
            # unnamed: the documents that hold the most of what it asks about
            routed = covering(search_terms(_FRAMING.sub(" ", plain), lang, snap)[0], lang, snap)
        # what "never mentioned" means: in the document asked about; its names say nothing
        searched = scope or routed
        within = snap.scoped(searched) if searched else snap
        check = blank(asked, mentions) or text
        check = without_place(check) if position else check
        groups, glosses = search_terms(plain, lang, within)
        topic = [t for g in groups for t, w in g.items() if w >= TOPIC_WEIGHT]
        query = Query(text=text, lang=lang, corpus=snap, groups=groups, glosses=glosses,
                      slot=question_slot(text, lang), doc_id=doc_id, asked=asked,
                      documents=documents, scope=searched, units=cited_units(asked),
                      check=check, topic=topic, named=scope is not None)
        if lang == "zh" and within.english is not None and "zh" not in within.langs:
            query.extra = [f for g in groups for f in g if f.isascii() and " " not in f][:12]
        _, *rest = query.dense_parts  # the first is ``text``, begun above
        later = [embedding, *(self.embedder.query_later(p) for p in rest)]
        query.unknown, query.absent = never_mentioned(check, lang, within, snap,
                                                      named=scope is not None)
        query.embedding = Embedding(later, (1.0, self.bridged_weight))
        if position is not None:
            query.at = paragraphs_at(position, snap.paragraphs.values(), searched) or None
        return query


def covering(groups: TermGroups, lang: str, snap: Snapshot) -> frozenset[str] | None:
    """The documents that hold the most of the question's concepts (a concept: any of its
    alternative terms, in any language version; a common word weighs a quarter), when that
    is not all of them: a detail one document gives and another lacks points to the first.
    A document short of the best by one common word stays. None: no document stands out.
    Documents are compared within their language only: one in the question's language
    holds its words as asked, one in another only what the bridge translates, so across
    languages more concepts held says more about the bridge than about the document;
    each language's best documents stay and the channels rank them."""
    docs = list(snap.catalogue.documents)
    groups = [g for g in groups if len(_own_word(g, lang)) > 1]
    weights = [1.0 if zipf(_own_word(g, lang).lower()) < COMMON_ZIPF else COMMON_WEIGHT
               for g in groups]
    symbol = {d: s for s in docs for d in snap.doc_ids(s)}
    held = [{symbol[d] for t in g for d in snap.holders(t) if d in symbol} for g in groups]
    score = {s: sum(w for h, w in zip(held, weights) if s in h) for s in docs}
    chosen = best_per_language(score, {s: snap.doc_ids(s) for s in docs},
                               list(snap.lang_docs.values()))
    if not chosen or len(chosen) == len(docs):
        return None
    return frozenset(d for s in chosen for d in snap.doc_ids(s))


def best_per_language(score: dict[str, float], versions: dict[str, frozenset[str]],
                      languages: list[frozenset[str]]) -> set[str]:
    """The documents (symbols) within ``COMMON_WEIGHT`` of the best of some language that
    holds anything (``languages``: each language's doc_ids; ``versions``: a symbol's)."""
    chosen: set[str] = set()
    for ids in languages:
        mine = [s for s in score if versions[s] & ids]
        best = max((score[s] for s in mine), default=0.0)
        if best > 0:
            chosen |= {s for s in mine if score[s] >= best - COMMON_WEIGHT}
    return chosen


COMMON_WEIGHT = 0.25
# "which document says…": how the question asks, not what it asks about
_FRAMING = re.compile(r"哪(?:一|几)?(?:份|个|项|部)?(?:文件|文书|案文)|\bwhich (?:document|text|"
                      r"instrument)s?\b", re.I)


def _own_word(group: dict[str, float], lang: str) -> str:
    """The question's own word for a concept: a Chinese word comes first in its group
    (its English forms after it), an English phrase last (after its Chinese ones)."""
    keys = list(group)
    return keys[0] if lang == "zh" else keys[-1]


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


_UNIT = re.compile(r"\b(?:article|art\.|paragraph|para\.|¶)\s*(\d{1,3})\b"
                   r"|第\s*([一二三四五六七八九十百\d]{1,6})\s*(?:条|段)", re.I)


def cited_units(question: str) -> list[int]:
    """The article or paragraph numbers a question cites: "article 19", "第十五条", "¶12"."""
    out = []
    for m in _UNIT.finditer(question):
        n = int(m.group(1)) if m.group(1) else zh_number(m.group(2))
        if n:
            out.append(n)
    return out


def search_terms(text: str, lang: str, snap: Snapshot
                 ) -> tuple[TermGroups, list[tuple[str, list[str]]]]:
    """Concept groups of weighted search terms, and (English phrase, terms) glosses. A
    Chinese word's English forms are alternatives in its group, for English documents."""
    if lang == "zh":
        english = snap.english
        groups: TermGroups = []
        for t in dict.fromkeys(word_tokens(text)):
            group = {t: 1.0}
            if english is not None and len(t) >= 2 and not t.isascii():
                group.update({f: 0.8 for f in english(t)})
            groups.append(group)
        return groups, []
    glosses = snap.bridge.glosses(text)
    # each phrase is one concept, in Chinese and as written (for English documents)
    groups = [{**found, phrase.lower(): 1.0} for phrase, found in glosses]
    covered = {w.lower() for phrase, _ in glosses for w in phrase.split()}
    own = [{w: 1.0} for w in snap.bridge.content_words(text) if w not in covered]
    topic = _topic(text)  # "… about external debt": what the question is about weighs more
    keys = [{w for t in g for w in t.lower().split()} for g in groups + own]
    weighted = [{t: w * (TOPIC_WEIGHT if key & topic else 1.0) for t, w in g.items()}
                for g, key in zip(groups + own, keys)]
    return weighted, [(p, list(found)) for p, found in glosses]


TOPIC_WEIGHT = 2.0
_TOPIC = re.compile(r"\b(?:about|regarding|concerning|on the (?:issue|question|subject) of)"
                    r"\s+(.+?)\s*\??$", re.I)


def _topic(text: str) -> set[str]:
    """The words after "about" in a question that frames them ("what does it say about
    X?"), when they are not the whole question."""
    m = _TOPIC.search(text)
    if not m or m.start() < 8:
        return set()
    return {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z\-]+", m.group(1))}
