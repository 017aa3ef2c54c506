"""BM25 channels over the stored paragraphs: jieba words, or Han character bigrams.

Built from what the store holds (never a second parse), with llama-index's
``BM25Retriever`` as the index, once per snapshot of the store, and saved under the
snapshot's content fingerprint (``bm25_cache``) so other processes load it instead.
Queries are weighted concept groups, because bridged English terms carry weights;
``bm25s`` scores each term and we sum over concepts.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from llama_index.core.schema import BaseNode, TextNode
from llama_index.retrievers.bm25 import BM25Retriever

from ingest.base import Paragraph, split_paragraph_id
from rag.language.tokens import bigram_tokens, word_tokens
from rag.library.snapshot import Snapshot
from rag.retrieve.channels.base import BM25_BIGRAMS, BM25_WORDS, ChannelHit
from rag.retrieve.channels.bm25_cache import BM25Cache
from rag.understand.base import Query, TermGroups

Tokenizer = Callable[[str], list[str]]
logging.getLogger("bm25s").setLevel(logging.WARNING)  # bm25s sets DEBUG on import


def index_text(p: Paragraph) -> str:
    return f"{p.section}\n{p.text}"


class Part:
    """One language's paragraphs, in llama-index's ``BM25Retriever`` (a ``bm25s`` index)."""

    def __init__(self, lang: str, retriever: BM25Retriever, offset: int) -> None:
        self.lang = lang
        self.retriever = retriever
        self.offset = offset  # its first row in the whole index
        bm25 = retriever.bm25
        self.vocab: dict[str, int] = bm25.vocab_dict
        # bm25s's sparse score matrix, one column per token ("lucene" BM25: the score of a
        # term is its column, no non-occurrence term): read directly, ~10x faster per term
        self.data, self.rows, self.cols = (bm25.scores["data"], bm25.scores["indices"],
                                           bm25.scores["indptr"])

    def add(self, total: np.ndarray, token: str) -> None:
        col = self.vocab.get(token)
        if col is not None:
            a, b = int(self.cols[col]), int(self.cols[col + 1])
            total[self.offset + self.rows[a:b]] += self.data[a:b]  # one row per paragraph


class BM25Index:
    """One tokenisation of one snapshot's paragraphs, one BM25 part per language: a term's
    weight (IDF) and the length norm come from paragraphs in its own language, so adding
    English documents leaves the scores within the Chinese ones as they were."""

    def __init__(self, parts: list[Part], ids: list[str], tokenize: Tokenizer) -> None:
        self.tokenize = tokenize
        self.parts = parts
        self.ids = ids
        self.doc_ids = np.array([split_paragraph_id(i)[0] for i in ids])
        self._tokens: dict[str, list[str]] = {}  # term -> its tokens, cached per index

    @classmethod
    def build(cls, paragraphs: list[Paragraph], tokenize: Tokenizer,
              tokens: dict[str, str] | None = None) -> BM25Index:
        """``tokens``: paragraph id -> its tokens joined, where already known (kept
        across the indexes of one snapshot's scopes), filled in as they are made."""
        tokens = {} if tokens is None else tokens
        by_lang: dict[str, list[Paragraph]] = {}
        for p in paragraphs:
            by_lang.setdefault(p.lang, []).append(p)
        parts: list[Part] = []
        ids: list[str] = []
        for lang in sorted(by_lang):
            nodes: list[BaseNode] = [
                TextNode(id_=p.id, text=tokens.get(p.id) or tokens.setdefault(
                    p.id, " ".join(tokenize(index_text(p))) or "_"))
                for p in by_lang[lang]
            ]
            retriever = BM25Retriever.from_defaults(
                nodes=nodes, token_pattern=r"\S+", skip_stemming=True, language="en",
                similarity_top_k=max(1, len(nodes)),
            )
            parts.append(Part(lang, retriever, len(ids)))
            ids += [c["node_id"] for c in retriever.corpus]
        return cls(parts, ids, tokenize)

    def save(self, path: Path) -> None:
        """The bm25s arrays of each part (no corpus: the store holds the text), the rows."""
        path.mkdir(parents=True, exist_ok=True)
        for part in self.parts:
            part.retriever.bm25.save(str(path / f"part-{part.lang}"), show_progress=False)
        rows = [[p.lang, p.offset] for p in self.parts]
        (path / "ids.json").write_text(json.dumps({"ids": self.ids, "parts": rows}),
                                       encoding="utf-8")

    @classmethod
    def load(cls, path: Path, tokenize: Tokenizer) -> BM25Index:
        import bm25s

        saved = json.loads((path / "ids.json").read_text(encoding="utf-8"))
        ids, parts = saved["ids"], []
        bounds = [offset for _, offset in saved["parts"]] + [len(ids)]
        for (lang, offset), end in zip(saved["parts"], bounds[1:]):
            bm25 = bm25s.BM25.load(str(path / f"part-{lang}"), mmap=True, show_progress=False)
            if int(bm25.scores["num_docs"]) != end - offset:
                raise ValueError("rows and ids disagree")
            retriever = BM25Retriever(existing_bm25=bm25, similarity_top_k=max(1, end - offset))
            parts.append(Part(lang, retriever, offset))
        return cls(parts, ids, tokenize)

    def term_scores(self, term: str) -> np.ndarray:
        """One search term's BM25 scores; a term of several tokens sums its tokens."""
        total = np.zeros(len(self.ids), dtype=np.float32)
        tokens = self._tokens.get(term)
        if tokens is None:
            tokens = [t.lower() for t in self.tokenize(term) or [term]]
            if len(self._tokens) < 100_000:
                self._tokens[term] = tokens
        for tok in tokens:
            for part in self.parts:
                part.add(total, tok)
        return total

    def scores(self, groups: TermGroups, aliases: dict[str, set[str]]) -> np.ndarray:
        """Sum over concepts of the best weighted alternative: translations of one English
        phrase, or a term and the document's alias for it, are alternatives, not extras."""
        total = np.zeros(len(self.ids), dtype=np.float32)
        for group in groups:
            best = np.zeros(len(self.ids), dtype=np.float32)
            for term, weight in group.items():
                best = np.maximum(best, weight * self.term_scores(term))
                for alias in aliases.get(term, ()):
                    best = np.maximum(best, 0.7 * weight * self.term_scores(alias))
            total += best
        return total

    def search(self, groups: TermGroups, k: int, *, scope: frozenset[str] | None = None,
               aliases: dict[str, set[str]] | None = None) -> list[tuple[str, float]]:
        scores = self.scores(groups, aliases or {})
        if scope is not None:
            scores = np.where(np.isin(self.doc_ids, list(scope)), scores, 0.0)
        bounds = [p.offset for p in self.parts] + [len(self.ids)]
        order = by_rank(per_part_scale(scores, bounds), bounds, k)
        return [(self.ids[i], float(scores[i])) for i in order if scores[i] > 0]


def by_rank(shares: np.ndarray, bounds: list[int], k: int) -> list[int]:
    """The rows of the first ``k``: each language part's first, then each one's second…,
    and within one rank the higher share first. By share alone, a large part with many
    paragraphs near its best (an English library's matches of an English question's
    words) pushes a small part's second best (the Chinese report's, on the bridged terms)
    out of the list."""
    ranked = [rows[shares[rows] > 0] for rows in
              (a + np.argsort(-shares[a:b], kind="stable")[:k] for a, b in zip(bounds, bounds[1:]))]
    ranked = [rows for rows in ranked if len(rows)]
    if len(ranked) < 2:
        return np.argsort(-shares, kind="stable")[:k].tolist()
    out: list[int] = []
    for r in range(k):
        level = sorted((int(rows[r]) for rows in ranked if r < len(rows)),
                       key=lambda i: -shares[i])
        out += level
        if len(out) >= k or not level:
            break
    return out[:k]


def per_part_scale(scores: np.ndarray, bounds: list[int]) -> np.ndarray:
    """Each language part's scores over its own best (``bounds``: the parts' first rows,
    then the end), when more than one part matches. A part's scores are sums of its own
    IDFs: an English question's words match English paragraphs as asked, and Chinese ones
    only through the bridge's translations, in a part of another size, so raw scores say
    little across parts; as a share of the part's best they order each language's
    paragraphs as before and put every language's best on top. Ranking only: the hits
    keep their raw scores, for the evidence gate."""
    tops = [float(scores[a:b].max(initial=0.0)) for a, b in zip(bounds, bounds[1:])]
    if sum(t > 0 for t in tops) < 2:
        return scores
    out = scores.copy()
    for (a, b), top in zip(zip(bounds, bounds[1:]), tops):
        if top > 0:
            out[a:b] /= top
    return out


class BM25Channel:
    """One index per snapshot (saved under its fingerprint for other processes), and one
    per named set of documents, kept in memory: a term's rarity is counted in the document
    a question names, so it ranks its paragraphs as if it were the only one stored. The
    documents routing picks for an unnamed question are searched in the whole index,
    masked to them. Both have one part per language."""

    waits_for_vector = False

    def __init__(self, name: str, tokenize: Tokenizer, cache_dir: Path | None = None, *,
                 scopes: int = 16) -> None:
        self.name = name
        self.tokenize = tokenize
        self.cache = BM25Cache(cache_dir) if cache_dir is not None else None
        self.scopes = scopes  # scoped indexes kept, the most recent
        self._lock = threading.Lock()
        self._fingerprint = ""
        self._built: dict[frozenset[str] | None, BM25Index | None] = {}
        self._tokens: dict[str, str] = {}  # paragraph id -> tokens, for this snapshot's scopes
        self.last: dict[str, float | str] = {}  # how the whole index came: for benchmarks

    def index(self, snap: Snapshot, scope: frozenset[str] | None = None) -> BM25Index | None:
        with self._lock:
            if self._fingerprint != snap.fingerprint:
                self._fingerprint, self._built, self._tokens = snap.fingerprint, {}, {}
            if scope not in self._built:
                if len(self._built) > self.scopes:
                    self._built.pop(next(k for k in self._built if k is not None))
                t0 = time.perf_counter()
                built, how = self._make(snap) if scope is None else self._scoped(snap, scope)
                self._built[scope] = built
                if scope is None:
                    self.last = {"how": how, "seconds": time.perf_counter() - t0,
                                 "fingerprint": snap.fingerprint}
            return self._built[scope]

    def _scoped(self, snap: Snapshot, scope: frozenset[str]) -> tuple[BM25Index | None, str]:
        paragraphs = [p for p in snap.paragraphs.values() if p.doc_id in scope]
        if not paragraphs:
            return None, "empty"
        return BM25Index.build(paragraphs, self.tokenize, self._tokens), "built"

    def _make(self, snap: Snapshot) -> tuple[BM25Index | None, str]:
        paragraphs = list(snap.paragraphs.values())
        if not paragraphs:
            return None, "empty"
        if self.cache is None:
            return BM25Index.build(paragraphs, self.tokenize), "built"
        return self.cache.get(
            self.name, snap.fingerprint, set(snap.paragraphs),
            load=lambda path: BM25Index.load(path, self.tokenize),
            build=lambda: BM25Index.build(paragraphs, self.tokenize),
            save=lambda index, path: index.save(path))

    def search(self, query: Query, depth: int) -> list[ChannelHit]:
        # a named document: its own index (rarity within it); routed documents: the whole
        # (saved) index, masked to them, since each routed set would need a new index
        index = self.index(query.corpus, query.scope if query.named else None)
        if index is None:
            return []
        hits = index.search(query.groups, depth, scope=query.scope,
                            aliases=query.corpus.aliases)
        return [ChannelHit(pid, score) for pid, score in hits]


def word_channel(cache_dir: Path | None = None) -> BM25Channel:
    return BM25Channel(BM25_WORDS, word_tokens, cache_dir)


def bigram_channel(cache_dir: Path | None = None) -> BM25Channel:
    return BM25Channel(BM25_BIGRAMS, bigram_tokens, cache_dir)
