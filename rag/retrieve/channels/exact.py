"""Nearest vectors among a few documents, searched exactly in memory.

A Chroma query kept to some documents (a ``where`` on doc_id) filters its metadata
first: at a hundred times the seed (18,000 sentences) that cost 28-86 ms a query, the
unfiltered search 5 ms. The vectors of the documents a question is searched in are
read from the collection once (per state of the store) and ranked by one matrix product.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from ingest.text import is_marker

READ_DOCS = 200  # documents named in one query
READ_ROWS = 10_000  # records read in one query


@dataclass(frozen=True)
class Near:
    """A stored record near the query: its id, metadata, text and cosine."""

    id: str
    meta: dict[str, Any]
    text: str
    cosine: float


def current(near: Near, hashes: Mapping[str, str]) -> bool:
    """A stored sentence of its paragraph's current text (not one since changed) that
    says something (not a bare list marker such as "75.")."""
    return hashes.get(near.meta.get("para_id", "")) == near.meta.get("hash") \
        and not is_marker(near.text)


@dataclass
class _Block:
    ids: list[str]
    metas: list[dict[str, Any]]
    texts: list[str]
    vectors: np.ndarray  # unit rows


class ExactSearch:
    """Per-document blocks of a collection's vectors, read on first use and dropped when
    the store changes (``state``: its fingerprint) or when more than ``max_rows`` are held
    (a library too large to hold: only the documents of recent questions stay)."""

    def __init__(self, collection: Any, *, max_rows: int = 100_000) -> None:
        self.collection = collection
        self.max_rows = max_rows
        self._blocks: dict[str, _Block] = {}
        self._state = ""
        self._lock = threading.Lock()

    def nearest(self, vector: np.ndarray, doc_ids: Iterable[str], k: int, *,
                state: str, read: Iterable[str] = (),
                paragraphs: frozenset[str] | None = None) -> list[Near]:
        """``read``: documents to read with these if not yet read (in one query);
        ``paragraphs``: only the records of these paragraph ids (``para_id``) count."""
        wanted = sorted(doc_ids)
        blocks = [b for b in self._load(wanted, sorted(set(wanted) | set(read)), state)
                  if b.ids]
        if paragraphs is not None:
            blocks = [b for b in (_kept(b, paragraphs) for b in blocks) if b.ids]
        if not blocks or k <= 0:
            return []
        query = vector / (np.linalg.norm(vector) or 1.0)
        scores = np.concatenate([b.vectors @ query for b in blocks])
        owner = np.concatenate([np.full(len(b.ids), i) for i, b in enumerate(blocks)])
        row = np.concatenate([np.arange(len(b.ids)) for b in blocks])
        part = np.argpartition(-scores, k - 1)[:k] if len(scores) > k \
            else np.arange(len(scores))
        top = part[np.argsort(-scores[part], kind="stable")]
        out = []
        for i in top.tolist():
            b, r = blocks[int(owner[i])], int(row[i])
            out.append(Near(b.ids[r], b.metas[r], b.texts[r], float(scores[i])))
        return out

    def _load(self, wanted: list[str], doc_ids: list[str], state: str) -> list[_Block]:
        """The blocks of ``wanted``, reading ``doc_ids`` not yet read (under the lock:
        another thread may drop every block)."""
        with self._lock:
            held = sum(len(b.ids) for b in self._blocks.values())
            if state != self._state or held > self.max_rows:
                self._blocks, self._state = {}, state
            missing = [d for d in doc_ids if d not in self._blocks]
            for start in range(0, len(missing), READ_DOCS):
                self._read(missing[start:start + READ_DOCS])
            return [self._blocks[d] for d in wanted]

    def _read(self, missing: list[str]) -> None:
        """Read ``missing`` a page of records at a time: SQLite caps the variables of one
        statement (32,766), and Chroma names each record it returns in one."""
        where = {"doc_id": missing[0]} if len(missing) == 1 else {"doc_id": {"$in": missing}}
        got: dict[str, list[Any]] = {"ids": [], "metadatas": [], "documents": [],
                                     "embeddings": []}
        while True:
            page = self.collection.get(where=where, limit=READ_ROWS, offset=len(got["ids"]),
                                       include=["metadatas", "documents", "embeddings"])
            for key in got:
                got[key].extend(page[key] if page[key] is not None else [])
            if len(page["ids"]) < READ_ROWS:
                break
        rows: dict[str, list[int]] = {d: [] for d in missing}
        for i, meta in enumerate(got["metadatas"]):
            rows.setdefault(meta.get("doc_id", ""), []).append(i)
        vectors = np.asarray(got["embeddings"], dtype=np.float32).reshape(
            len(got["ids"]), -1) if got["ids"] else np.zeros((0, 1), np.float32)
        for d in missing:
            picked = rows[d]
            block = vectors[picked]
            norms = np.linalg.norm(block, axis=1, keepdims=True)
            self._blocks[d] = _Block(
                [got["ids"][i] for i in picked], [got["metadatas"][i] for i in picked],
                [got["documents"][i] or "" for i in picked],
                block / np.where(norms == 0, 1.0, norms))


def _kept(block: _Block, paragraphs: frozenset[str]) -> _Block:
    rows = [i for i, m in enumerate(block.metas) if m.get("para_id") in paragraphs]
    return _Block([block.ids[i] for i in rows], [block.metas[i] for i in rows],
                  [block.texts[i] for i in rows], block.vectors[rows])
