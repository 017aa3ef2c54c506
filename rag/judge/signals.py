"""The evidence for and against answering, as named figures: what the retrieval found (the
best sentence's similarity and its lead, the BM25 scores, how much of the question the
best paragraphs hold), what the question's analysis says the documents never mention,
whether the slot it asks for is filled, and whether its words occur in the library at all.

Each figure is a value, never a verdict: a learned model weighs them (``model.py``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from rag.base import Hit
from rag.language.specificity import COMMON_ZIPF, zipf
from rag.language.tokens import english_stemmer
from rag.library.snapshot import Snapshot
from rag.retrieve.channels import BM25_BIGRAMS, BM25_WORDS, SENTENCE
from rag.understand.base import Query
from rag.understand.entities import content_words, covered, named_entities
from rag.understand.slots.match import GENERIC_SHARE, SlotMatcher, coarser

TOP = 3  # the best hits the evidence is read from
SLOT_DEPTH = 5  # … and a slot's filler


@dataclass(frozen=True)
class Thresholds:
    """The best sentence's cosine that the embedder gives an answer in the same language
    (zh question, zh sentence) and across languages: the scale the similarity is read on."""

    same: float = 0.85
    cross: float = 0.80

    def of(self, query: Query, hit: Hit) -> float:
        return self.same if query.lang == "zh" and hit.paragraph.lang == "zh" else self.cross


def best_sentence(hits: list[Hit]) -> float:
    return max((h.channels.get(SENTENCE, 0.0) for h in hits), default=0.0)


def _names(query: Query) -> list[list[str]]:
    """Up to three bodies or countries the question names that locate something (each
    as its Chinese forms)."""
    asked = query.check or query.text
    return [forms for forms in named_entities(asked, query.lang, query.corpus)
            if min(query.corpus.share(f) for f in forms) <= GENERIC_SHARE][:3]


def named_in_question(query: Query) -> list[str]:
    return [forms[0] for forms in _names(query)]


def names_apart(query: Query, hits: list[Hit], depth: int = SLOT_DEPTH) -> bool:
    """Two or three bodies or countries the question names together that no close
    paragraph mentions together (a committee's recommendations to a country it never
    reviewed)."""
    names = _names(query)
    if len(names) < 2:
        return False
    texts = [h.paragraph.text for h in hits[:depth]]
    return not any(all(any(f in t for f in forms) for forms in names) for t in texts)


def _texts(hit: Hit) -> str:
    """A paragraph in every language version we hold: a bridged term may be in either."""
    other = hit.counterpart.text if hit.counterpart is not None else ""
    return f"{hit.paragraph.text}\n{other}".lower()


def _concepts(query: Query) -> list[list[str]]:
    """The question's concepts, each as its alternative terms, lower-cased; those in most
    paragraphs (合作, "human rights") locate nothing and are left out."""
    out = []
    for group in query.groups:
        terms = [t.lower() for t in group if len(t) >= 2]
        if terms and min(query.corpus.share(t) for t in terms) <= GENERIC_SHARE:
            out.append(terms)
    return out


def coverage(concepts: list[list[str]], text: str) -> float:
    """The share of concepts with a term in ``text`` (1 when there are none)."""
    if not concepts:
        return 1.0
    return sum(any(t in text for t in c) for c in concepts) / len(concepts)


@dataclass(frozen=True)
class Vocabulary:
    """How much of the question the library knows at all. An off-domain question (a
    recipe, a football score) or a nonsense one (the flavour of a principle) uses
    everyday words that no UN text writes; a near miss names what the text lacks."""

    known: float  # share of content words written anywhere (a dictionary translation counts)
    rare_known: float  # the same, for the words rare in general use
    own: float  # share written as the question writes them (in its own language)
    missing_everyday: int  # absent words that are common in general use
    missing_rare: int  # absent words that are rare in general use (names, jargon)
    words: int


EVERYDAY_ZIPF = 3.0  # wordfreq's scale: a word a general reader meets at least monthly


def vocabulary(query: Query, library: Snapshot) -> Vocabulary:
    asked = query.check or query.text
    words = [w for w, _ in content_words(asked, query.lang)]
    if not words:
        return Vocabulary(1.0, 1.0, 1.0, 0, 0, 0)
    known = [covered(w, query.lang, library) for w in words]
    common = [zipf(w.lower()) for w in words]
    rare = [k for k, z in zip(known, common) if z < COMMON_ZIPF]
    own = [_written(w, query.lang, library) for w in words] if query.lang in library.langs \
        else known
    return Vocabulary(sum(known) / len(words), sum(rare) / len(rare) if rare else 1.0,
                      sum(own) / len(words),
                      sum(1 for o, z in zip(own, common) if not o and z >= EVERYDAY_ZIPF),
                      sum(1 for o, z in zip(own, common) if not o and z < EVERYDAY_ZIPF),
                      len(words))


def _written(word: str, lang: str, library: Snapshot) -> bool:
    """The word as written (an English one by its stem) in the library's texts."""
    if library.share(word) > 0:
        return True
    english = library.english
    return lang == "en" and english is not None and \
        english_stemmer().stemWord(word.lower()) in english.stems


def weighted_coverage(query: Query, text: str) -> float:
    """The share of the question's concepts found in ``text``, each weighted by its
    rarity in the library (log inverse share of paragraphs): a rare name missing says
    more than a common word missing."""
    snap = query.corpus
    top = math.log(max(2, len(snap.paragraphs))) + 1.0  # a term found nowhere
    total = found = 0.0
    for group in query.groups:
        terms = [t.lower() for t in group if len(t) >= 2]
        if not terms:
            continue
        shares = [snap.share(t) for t in terms]
        weight = max((math.log(1 / sh) for sh in shares if sh > 0), default=top)
        total += weight
        found += weight * any(t in text for t in terms)
    return found / total if total else 1.0


def similarity_to(query: Query, centroid: np.ndarray | None) -> float:
    """Cosine of the question as asked (without the bridged terms) to a centroid."""
    parts = query.part_vectors
    vec = parts[0] if parts else query.vector
    if vec is None or centroid is None:
        return 0.0
    v = np.asarray(vec, dtype=np.float32)
    norm = float(np.linalg.norm(v))
    return float(v @ centroid) / norm if norm else 0.0


def slot_signals(query: Query, hits: list[Hit]) -> tuple[float, float, float]:
    """(asks for a slot, a new filler of its kind in the best paragraphs, only a coarser
    one there: a month for a day)."""
    slot = query.slot
    if slot is None or not hits:
        return 0.0, 0.0, 0.0
    matcher = SlotMatcher(query)
    top = hits[:SLOT_DEPTH]
    if any(matcher.first(h.paragraph.text) for h in top):
        return 1.0, 1.0, 0.0
    wider = coarser(slot)
    partial = wider is not None and any(matcher.partial(h.paragraph.text, wider) for h in top)
    return 1.0, 0.0, float(partial)


def compute(query: Query, hits: list[Hit], thresholds: Thresholds, library: Snapshot
            ) -> dict[str, float]:
    """Every signal of a question read against its hits (``query`` already read in the
    documents it would be answered from; ``library``: the whole snapshot)."""
    top = hits[:TOP]
    best = best_sentence(top)
    lead = max(top, key=lambda h: h.channels.get(SENTENCE, 0.0)) if top else None
    rest = best_sentence(hits[1:SLOT_DEPTH])
    first = best_sentence(hits[:1])
    concepts = _concepts(query)
    vocab = vocabulary(query, library)
    top_text = _texts(hits[0]) if hits else ""
    top_doc = hits[0].paragraph.doc_id if hits else None
    slot, filled, partial = slot_signals(query, hits)
    bm25 = max((h.channels.get(BM25_WORDS, 0.0) for h in top), default=0.0)
    bigrams = max((h.channels.get(BM25_BIGRAMS, 0.0) for h in top), default=0.0)
    ranks = hits[0].ranks if hits else {}
    return {
        "dense_best": best,
        "dense_gap": best - thresholds.of(query, lead) if lead else -1.0,
        "dense_margin": first - rest,
        "bm25_words": math.log1p(bm25),
        "bm25_bigrams": math.log1p(bigrams),
        "bm25_none": float(any(BM25_WORDS in h.channels for h in top) and bm25 < 1e-3),
        "unknown_names": float(len(query.unknown)),
        "absent": float(len(query.absent)),
        "absent_share": len(query.absent) / max(1, vocab.words),
        "names_apart": float(names_apart(query, hits)),
        "slot": slot,
        "slot_filled": filled,
        "slot_partial": partial,
        "slot_empty": slot * (1.0 - filled) * (1.0 - partial),
        "cover_top": coverage(concepts, top_text),
        "cover_top3": coverage(concepts, "\n".join(_texts(h) for h in top)),
        "cover_sentence": coverage(concepts, hits[0].best_sentence.lower()) if hits else 0.0,
        "concepts": math.log1p(len(concepts)),
        "in_library": vocab.known,
        "in_library_rare": vocab.rare_known,
        "in_library_own": vocab.own,
        "missing_everyday": float(vocab.missing_everyday),
        "missing_rare": float(vocab.missing_rare),
        "weighted_top": weighted_coverage(query, top_text),
        "weighted_sentence": weighted_coverage(query, hits[0].best_sentence.lower())
        if hits else 0.0,
        "library_similarity": similarity_to(query, library.centroid()),
        "document_similarity": similarity_to(query, library.centroid([top_doc]))
        if top_doc else 0.0,
        "content_words": math.log1p(vocab.words),
        "lang_en": float(query.lang == "en"),
        "cross_lingual": float(bool(hits) and hits[0].paragraph.lang != query.lang),
        "named": float(query.named),
        "documents_top5": float(len({h.paragraph.doc_id for h in hits[:SLOT_DEPTH]})),
        "sentence_agrees": float(ranks.get(SENTENCE) == 1),
        "bm25_agrees": float(ranks.get(BM25_WORDS) == 1),
    }


SIGNALS: tuple[str, ...] = (  # the order a model reads them in
    "dense_best", "dense_gap", "dense_margin", "bm25_words", "bm25_bigrams", "bm25_none",
    "unknown_names", "absent", "absent_share", "names_apart", "slot", "slot_filled",
    "slot_partial", "slot_empty", "cover_top", "cover_top3", "cover_sentence", "concepts",
    "in_library", "in_library_rare", "in_library_own", "missing_everyday", "missing_rare",
    "weighted_top", "weighted_sentence",
    "library_similarity", "document_similarity", "content_words", "lang_en", "cross_lingual",
    "named",
    "documents_top5", "sentence_agrees", "bm25_agrees",
)
