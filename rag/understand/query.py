"""The question's analysis, made once per question and read by every later step.

Language, the documents it names (then searched alone, or first), the search terms
(English phrases bridged to Chinese headwords, Chinese words to English ones for English
documents), the kind of answer it asks for, the names no document mentions, and its
embedding.
"""

from __future__ import annotations

import re

from ingest.articles import zh_number
from ingest.embedders import Embedder
from rag.language.specificity import COMMON_ZIPF, zipf
from rag.language.tokens import word_tokens
from rag.library.base import Library
from rag.library.documents import PART, blank, source_position, taken_to_mean
from rag.library.position import cited_position, paragraphs_at, without_place
from rag.library.snapshot import Snapshot
from rag.understand.base import Query, TermGroups, never_mentioned
from rag.understand.query_vector import Embedding
from rag.understand.question import detect_language, normalise
from rag.understand.slots import question_slot


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
    """The documents (symbols) within ``ROUTE_MARGIN`` of the best of some language that
    holds anything (``languages``: each language's doc_ids; ``versions``: a symbol's)."""
    chosen: set[str] = set()
    for ids in languages:
        mine = [s for s in score if versions[s] & ids]
        best = max((score[s] for s in mine), default=0.0)
        if best > 0:
            chosen |= {s for s in mine if score[s] >= best - ROUTE_MARGIN}
    return chosen


COMMON_WEIGHT = 0.25
# a document holding up to two concepts fewer than the best stays: a Chinese question
# reaches an English document only through the dictionary's guesses, which miss some of
# its concepts (within 0.25 of the best, a fifth of the Chinese questions about the
# treaties and the 2025 report were routed away from their document; within 2, 2%)
ROUTE_MARGIN = 2.0
# "which document says…": how the question asks, not what it asks about
_FRAMING = re.compile(r"哪(?:一|几)?(?:份|个|项|部)?(?:文件|文书|案文)|\bwhich (?:document|text|"
                      r"instrument)s?\b", re.I)


def _own_word(group: dict[str, float], lang: str) -> str:
    """The question's own word for a concept: a Chinese word comes first in its group
    (its English forms after it), an English phrase last (after its Chinese ones)."""
    keys = list(group)
    return keys[0] if lang == "zh" else keys[-1]


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
