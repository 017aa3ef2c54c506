"""Hybrid retrieval: dense paragraphs + dense sentences + BM25 words + BM25 bigrams, fused.

English questions reach the Chinese text through the dense channels and through
dictionary-bridged Chinese terms for BM25. Indexes beside Chroma are rebuilt from
the store whenever its content fingerprint changes, so every process sees the same
documents.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from ingest.base import Paragraph, symbol_of
from ingest.embedders import Embedder
from ingest.store import ParagraphStore
from rag.base import Hit, Retrieval
from rag.bridge import TermBridge
from rag.dense import DenseChannels
from rag.entities import unknown_entities
from rag.fusion import rrf
from rag.glossary import mine_aliases
from rag.lexical import LexicalIndex
from rag.question import detect_language, normalise
from rag.slots import question_slot
from rag.tokens import add_words, word_tokens

CHANNELS = ("dense", "sentence", "bm25_words", "bm25_bigrams")


@dataclass(frozen=True)
class RetrievalConfig:
    top_k: int = 5
    candidates: int = 30
    rrf_k: int = 60
    weights: tuple[tuple[str, float], ...] = tuple((c, 1.0) for c in CHANNELS)
    max_question_chars: int = 2000
    refresh_s: float = 5.0
    ranking_depth: int = 10  # how many fused ids to keep for diagnostics and MRR


class _Snapshot:
    """Everything derived from one state of the store."""

    def __init__(self, store: ParagraphStore, bridge_index: dict) -> None:
        self.fingerprint = store.fingerprint()
        paragraphs = store.all_paragraphs()
        self.paragraphs: dict[str, Paragraph] = {p.id: p for p in paragraphs}
        self.hashes = {p.id: p.content_hash for p in paragraphs}
        self.aliases = mine_aliases(p.text for p in paragraphs)
        add_words(self.aliases)
        self.lexical = LexicalIndex(paragraphs) if paragraphs else None
        self.corpus = "\n".join(p.text for p in paragraphs)
        self.bridge = TermBridge(bridge_index, self.corpus)
        # language versions of one report share a symbol and paragraph numbers
        self.versions: dict[tuple[str, int], dict[str, Paragraph]] = {}
        for p in paragraphs:
            self.versions.setdefault((symbol_of(p.doc_id), p.n), {})[p.lang] = p

    def version(self, p: Paragraph, lang: str) -> tuple[Paragraph, Paragraph | None]:
        """The paragraph in the question's language when we hold it, and its counterpart."""
        versions = self.versions.get((symbol_of(p.doc_id), p.n), {})
        chosen = versions.get(lang, p)
        other = next((v for v in versions.values() if v.id != chosen.id), None)
        return chosen, other


class HybridRetriever:
    def __init__(self, store: ParagraphStore, embedder: Embedder, *,
                 bridge_index: Callable[[], dict], config: RetrievalConfig | None = None
                 ) -> None:
        self.store = store
        self.embedder = embedder
        self.config = config or RetrievalConfig()
        self.dense = DenseChannels(store, embedder)
        self._bridge_index = bridge_index
        self._lock = threading.Lock()
        self._snapshot: _Snapshot | None = None
        self._checked = 0.0

    # -- freshness -----------------------------------------------------------
    def snapshot(self, *, force: bool = False) -> _Snapshot:
        now = time.monotonic()
        with self._lock:
            snap = self._snapshot
            due = force or snap is None or now - self._checked > self.config.refresh_s
            if due:
                self._checked = now
                if snap is None or force or self.store.fingerprint() != snap.fingerprint:
                    snap = self._snapshot = _Snapshot(self.store, self._bridge_index())
            assert snap is not None
            return snap

    # -- search --------------------------------------------------------------
    def retrieve(self, question: str, *, k: int | None = None,
                 doc_id: str | None = None) -> Retrieval:
        t0 = time.perf_counter()
        k = k or self.config.top_k
        q = normalise(question, max_chars=self.config.max_question_chars)
        lang = detect_language(q)
        snap = self.snapshot()
        groups, glosses = self.search_terms(q, lang, snap)
        vector = self.embedder.query_vector(self.dense_query(q, lang, groups))
        t1 = time.perf_counter()
        depth = max(self.config.candidates, k, self.config.ranking_depth)
        weights = dict(self.config.weights)
        dense = self.dense.search(q, vector, depth, doc_id=doc_id, valid=snap.hashes,
                                  paragraphs=weights.get("dense", 1.0) > 0)
        t2 = time.perf_counter()
        rankings: dict[str, list[str]] = {
            "dense": [pid for pid, _ in dense.paragraphs],
            "sentence": [pid for pid, _, _ in dense.sentences],
        }
        raw: dict[str, dict[str, float]] = {
            "dense": dict(dense.paragraphs),
            "sentence": {pid: cos for pid, cos, _ in dense.sentences},
        }
        best_sentence = {pid: text for pid, _, text in dense.sentences}
        terms = {t: w for g in groups for t, w in g.items()}
        if snap.lexical is not None:
            for name, channel in (("bm25_words", snap.lexical.words),
                                  ("bm25_bigrams", snap.lexical.bigrams)):
                hits = channel.search(groups, depth, doc_id=doc_id, aliases=snap.aliases)
                rankings[name] = [pid for pid, _ in hits]
                raw[name] = dict(hits)
        fused = rrf(rankings, weights, k=self.config.rrf_k)
        fused = [(pid, s) for pid, s in fused if pid in snap.paragraphs]
        hits: list[Hit] = []
        seen: set[str] = set()
        for pid, score in fused:
            if len(hits) >= max(k, self.config.ranking_depth):
                break
            para, other = snap.version(snap.paragraphs[pid], lang)
            if para.id in seen or (doc_id is not None and para.doc_id != doc_id):
                continue  # one hit per paragraph, whichever language version ranked
            seen.add(para.id)
            if other is not None:
                seen.add(other.id)
            both = {pid, para.id}  # the ranked version and the one we show
            hits.append(Hit(
                paragraph=para,
                score=score,
                channels={c: max(raw.get(c, {}).get(i, 0.0) for i in both) for c in rankings},
                ranks={c: min(rankings[c].index(i) + 1 for i in both if i in rankings[c])
                       for c in rankings if both & set(rankings[c])},
                best_sentence=best_sentence.get(para.id, ""),
                counterpart=other,
            ))
        t3 = time.perf_counter()
        return Retrieval(
            question=q, lang=lang, hits=hits[:k], ranking=[h.id for h in hits],
            timings_ms={"embed": (t1 - t0) * 1e3, "dense": (t2 - t1) * 1e3,
                        "lexical": (t3 - t2) * 1e3, "retrieve": (t3 - t0) * 1e3},
            candidates=hits, vector=vector, terms=terms, glosses=glosses,
            unknown=unknown_entities(q, lang, snap.corpus, snap.bridge.reverse),
            slot=question_slot(q, lang),
        )

    @staticmethod
    def dense_query(q: str, lang: str, groups: list[dict[str, float]]) -> str:
        """An English question carries its bridged Chinese terms into the embedding: the
        multilingual model then meets the Chinese sentences half way."""
        if lang == "zh":
            return q
        terms = dict.fromkeys(t for g in groups for t in g if not t.isascii())
        return f"{q} {' '.join(terms)}" if terms else q

    def search_terms(self, q: str, lang: str, snap: _Snapshot
                     ) -> tuple[list[dict[str, float]], list[tuple[str, list[str]]]]:
        """Concept groups of weighted search terms, and (English phrase, terms) glosses."""
        if lang == "zh":
            return [{t: 1.0} for t in dict.fromkeys(word_tokens(q))], []
        glosses = snap.bridge.glosses(q)
        own = [{w: 1.0} for w in snap.bridge.content_words(q)]  # match English documents
        return [found for _, found in glosses] + own, [(p, list(found)) for p, found in glosses]
