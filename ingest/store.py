"""The Chroma store: one collection of paragraphs, one of their sentences.

A paragraph's record is written after its sentences, and carries the content hash,
so a killed ingest leaves at worst sentences without a committed paragraph, which
the next run replaces.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from ingest.base import (
    DocumentInfo,
    Footnote,
    IngestError,
    Paragraph,
    paragraph_id,
    reading_key,
    symbol_of,
)

SENTENCES_SUFFIX = "-sentences"
DOCUMENTS_SUFFIX = "-documents"  # one record per doc_id: title, symbol, kind, language


class StoreError(IngestError):
    """The store cannot be used as asked (wrong embedder, unreachable server…)."""


def make_client(path: Path | None = None, host: str | None = None, port: int | None = None):
    """A PersistentClient at ``path``, or an HttpClient when host and port are given."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    settings = ChromaSettings(anonymized_telemetry=False)
    if host:
        try:
            return chromadb.HttpClient(host=host, port=int(port or 8000), settings=settings)
        except Exception as err:  # chromadb raises ValueError/ConnectionError variants
            raise StoreError(f"cannot reach the Chroma server at {host}:{port} ({err})") from None
    assert path is not None
    Path(path).mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=settings)


class ParagraphStore:
    def __init__(self, client: Any, *, name: str, embedder_id: str) -> None:
        self.client = client
        self.name = name
        self.embedder_id = embedder_id
        config = {"hnsw": {"space": "cosine"}}
        meta = {"embed_model": embedder_id}
        try:
            self.paragraphs = client.get_or_create_collection(
                name, metadata=meta, configuration=config, embedding_function=None
            )
            self.sentences = client.get_or_create_collection(
                name + SENTENCES_SUFFIX, metadata=meta, configuration=config,
                embedding_function=None,
            )
            self.documents = client.get_or_create_collection(
                name + DOCUMENTS_SUFFIX, metadata={"purpose": "document records"},
                embedding_function=None,
            )
        except Exception as err:
            raise StoreError(f"cannot open collection {name!r}: {err}") from None
        for coll in (self.paragraphs, self.sentences):
            stored = (coll.metadata or {}).get("embed_model")
            if stored and stored != embedder_id:
                raise StoreError(
                    f"collection {coll.name!r} was embedded with {stored}, not {embedder_id}; "
                    "use the same RAG_EMBED_MODEL, or another store/collection"
                )

    # -- reading -------------------------------------------------------------
    def count(self) -> int:
        return self.paragraphs.count()

    def hashes(self, doc_id: str | None = None) -> dict[str, str]:
        where = {"doc_id": doc_id} if doc_id else None
        got = self.paragraphs.get(where=where, include=["metadatas"])
        return {i: (m or {}).get("hash", "") for i, m in zip(got["ids"], got["metadatas"])}

    def paragraphs_by_id(self, ids: list[str]) -> dict[str, Paragraph]:
        if not ids:
            return {}
        got = self.paragraphs.get(ids=list(ids), include=["metadatas", "documents"])
        return {
            i: record_to_paragraph(m, d)
            for i, m, d in zip(got["ids"], got["metadatas"], got["documents"])
        }

    def all_paragraphs(self, doc_id: str | None = None) -> list[Paragraph]:
        where = {"doc_id": doc_id} if doc_id else None
        got = self.paragraphs.get(where=where, include=["metadatas", "documents"])
        paras = [record_to_paragraph(m, d) for m, d in zip(got["metadatas"], got["documents"])]
        return sorted(paras, key=lambda p: (p.doc_id, reading_key(p.n)))

    def sentence_vectors(self, paragraphs: list[Paragraph]
                         ) -> dict[str, list[tuple[str, np.ndarray]]]:
        """Each paragraph's sentences with their vectors, in order; stale ones left out."""
        if not paragraphs:
            return {}
        want = {p.id: p.content_hash for p in paragraphs}
        got = self.sentences.get(
            where={"para_id": {"$in": list(want)}},
            include=["metadatas", "documents", "embeddings"],
        )
        rows: dict[str, list[tuple[int, str, np.ndarray]]] = {pid: [] for pid in want}
        for meta, doc, vec in zip(got["metadatas"], got["documents"], got["embeddings"]):
            pid = meta["para_id"]
            if want.get(pid) == meta.get("hash"):
                rows[pid].append((int(meta["i"]), doc, np.asarray(vec, dtype=np.float32)))
        return {pid: [(d, v) for _, d, v in sorted(r, key=lambda t: t[0])]
                for pid, r in rows.items()}

    def docs(self) -> dict[str, int]:
        got = self.paragraphs.get(include=["metadatas"])
        return dict(sorted(Counter(m["doc_id"] for m in got["metadatas"]).items()))

    def document_infos(self) -> dict[str, DocumentInfo]:
        """Each stored document's record; a document ingested before records existed (or
        whose ingest was cut short) gets one made from its paragraphs."""
        got = self.documents.get(include=["metadatas"])
        infos = {i: DocumentInfo.from_dict(m) for i, m in zip(got["ids"], got["metadatas"])}
        counts = self.docs()
        return {doc_id: infos.get(doc_id) or DocumentInfo(doc_id, symbol_of(doc_id), lang="",
                                                          units=n)
                for doc_id, n in counts.items()}

    def fingerprint(self) -> str:
        """Changes whenever any stored paragraph or document record changes: the key for
        derived indexes."""
        items = sorted(self.hashes().items())
        got = self.documents.get(include=["metadatas"])
        docs = sorted(json.dumps(m, sort_keys=True) for m in got["metadatas"])
        return hashlib.sha256(json.dumps([items, docs]).encode()).hexdigest()[:16]

    # -- writing -------------------------------------------------------------
    def put(self, para: Paragraph, vector: np.ndarray, sentences: list[str],
            sentence_vectors: np.ndarray) -> None:
        pid = para.id
        self.sentences.delete(where={"para_id": pid})
        if sentences:
            self.sentences.upsert(
                ids=[f"{pid}#{i}" for i in range(len(sentences))],
                embeddings=np.asarray(sentence_vectors, dtype=np.float32),
                documents=sentences,
                metadatas=[
                    {"para_id": pid, "doc_id": para.doc_id, "n": para.n, "i": i,
                     "hash": para.content_hash}
                    for i in range(len(sentences))
                ],
            )
        self.paragraphs.upsert(
            ids=[pid],
            embeddings=np.asarray([vector], dtype=np.float32),
            documents=[para.text],
            metadatas=[paragraph_metadata(para)],
        )

    def put_document(self, info: DocumentInfo) -> None:
        """Written after the document's paragraphs: its title, symbol and kind."""
        meta = {k: v for k, v in info.to_dict().items() if v is not None}
        # Chroma wants a vector per record; these records are only ever read by id
        self.documents.upsert(ids=[info.doc_id], embeddings=[[1.0]], metadatas=[meta])

    def delete(self, ids: list[str]) -> None:
        for pid in ids:
            self.sentences.delete(where={"para_id": pid})
        if ids:
            self.paragraphs.delete(ids=list(ids))

    def remove_document(self, doc_id: str) -> int:
        ids = list(self.hashes(doc_id))
        self.delete(ids)
        self.documents.delete(ids=[doc_id])
        return len(ids)


def paragraph_metadata(p: Paragraph) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "doc_id": p.doc_id,
        "symbol": symbol_of(p.doc_id),
        "n": p.n,
        "section": p.section,
        "footnotes": json.dumps([[f.n, f.text] for f in p.footnotes], ensure_ascii=False),
        "lang": p.lang,
        "hash": p.content_hash,
    }
    if p.page is not None:
        meta["page"] = p.page
    return meta


def record_to_paragraph(meta: dict[str, Any], text: str | None) -> Paragraph:
    notes = json.loads(meta.get("footnotes") or "[]")
    return Paragraph(
        doc_id=meta["doc_id"],
        n=int(meta["n"]),
        text=text or "",
        section=meta.get("section", ""),
        footnotes=tuple(Footnote(int(n), t) for n, t in notes),
        page=meta.get("page"),
        lang=meta.get("lang", "zh"),
    )


__all__ = ["ParagraphStore", "StoreError", "make_client", "paragraph_id"]
