"""The Chroma store: one collection of paragraphs, one of their sentences.

A paragraph's record is written after its sentences, and carries the content hash,
so a killed ingest leaves at worst sentences without a committed paragraph, which
the next run replaces (reusing their vectors). Writes go a batch of paragraphs at a
time: their sentences first, then their paragraph records.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections import Counter
from dataclasses import dataclass
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
from ingest.text import SPLIT_VERSION

SENTENCES_SUFFIX = "-sentences"
DOCUMENTS_SUFFIX = "-documents"  # one record per doc_id: title, symbol, kind, language
STATE_SUFFIX = "-state"  # one record, rewritten after every write: the cheap change check
SENTENCES_KEPT = 5_000  # paragraphs whose sentence vectors stay in memory (~5 KB each)


class StoreError(IngestError):
    """The store cannot be used as asked (wrong embedder, unreachable server…)."""


@dataclass(frozen=True)
class Entry:
    """One paragraph to write: its vector, its sentences and theirs."""

    para: Paragraph
    vector: np.ndarray
    sentences: list[str]
    sentence_vectors: np.ndarray


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
            self.state = client.get_or_create_collection(name + STATE_SUFFIX,
                                                         embedding_function=None)
        except Exception as err:
            raise StoreError(f"cannot open collection {name!r}: {err}") from None
        self._sentences_seen: dict[tuple[str, str], list[tuple[str, np.ndarray]]] = {}
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
        return {i: h for i, (h, _, _) in self.records(doc_id).items()}

    def records(self, doc_id: str | None = None) -> dict[str, tuple[str, str, int]]:
        """id -> (content hash, how its paragraph vector was made: "mean" or "embed", the
        ``SPLIT_VERSION`` its sentences were cut by: 1 before it was recorded)."""
        where = {"doc_id": doc_id} if doc_id else None
        got = self.paragraphs.get(where=where, include=["metadatas"])
        return {i: ((m or {}).get("hash", ""), (m or {}).get("vec", "embed"),
                    int((m or {}).get("split", 1)))
                for i, m in zip(got["ids"], got["metadatas"])}

    def stored_sentence_vectors(self, para_ids: list[str], texts: list[str] | None = None
                                ) -> dict[str, np.ndarray]:
        """Sentence text -> vector for what the store already holds: the sentences stored
        under these paragraphs (an edit, or a killed ingest's uncommitted ones), and any
        stored sentence with one of these ``texts`` (a vector depends on the text alone;
        UN documents repeat sentences). Such sentences are not embedded again."""
        found: dict[str, np.ndarray] = {}
        if para_ids:
            got = self.sentences.get(where={"para_id": {"$in": list(para_ids)}},
                                     include=["documents", "embeddings"])
            found.update((d, np.asarray(v, dtype=np.float32))
                         for d, v in zip(got["documents"], got["embeddings"]) if d)
        wanted = {sentence_hash(t): t for t in texts or () if t not in found}
        if wanted:
            got = self.sentences.get(where={"shash": {"$in": list(wanted)}},
                                     include=["documents", "embeddings"])
            found.update((d, np.asarray(v, dtype=np.float32))
                         for d, v in zip(got["documents"], got["embeddings"])
                         if d and sentence_hash(d) in wanted)
        return found

    def paragraphs_by_id(self, ids: list[str]) -> dict[str, Paragraph]:
        if not ids:
            return {}
        got = self.paragraphs.get(ids=list(ids), include=["metadatas", "documents"])
        return {
            i: record_to_paragraph(m, d)
            for i, m, d in zip(got["ids"], got["metadatas"], got["documents"])
        }

    def all_paragraphs(self, doc_id: str | None = None) -> list[Paragraph]:
        return [p for p, _ in self.paragraphs_and_hashes(doc_id)]

    def paragraphs_and_hashes(self, doc_id: str | None = None) -> list[tuple[Paragraph, str]]:
        """Every paragraph, in document order, with the content hash it was stored under."""
        where = {"doc_id": doc_id} if doc_id else None
        got = self.paragraphs.get(where=where, include=["metadatas", "documents"])
        rows = [(record_to_paragraph(m, d), m.get("hash", ""))
                for m, d in zip(got["metadatas"], got["documents"])]
        return sorted(rows, key=lambda r: (r[0].doc_id, reading_key(r[0].n)))

    def centroids(self) -> dict[str, tuple[np.ndarray, int]]:
        """Per document: the mean of its paragraph vectors and how many there are (what
        the library as a whole is about, for telling an off-topic question)."""
        got = self.paragraphs.get(include=["metadatas", "embeddings"])
        sums: dict[str, np.ndarray] = {}
        counts: Counter[str] = Counter()
        for meta, vec in zip(got["metadatas"] or [], got["embeddings"] if
                             got["embeddings"] is not None else []):
            doc = str(meta["doc_id"])
            v = np.asarray(vec, dtype=np.float32)
            sums[doc] = sums[doc] + v if doc in sums else v.copy()
            counts[doc] += 1
        return {d: (sums[d] / counts[d], counts[d]) for d in sums}

    def sentence_vectors(self, paragraphs: list[Paragraph]
                         ) -> dict[str, list[tuple[str, np.ndarray]]]:
        """Each paragraph's sentences with their vectors, in order; stale ones left out.
        Kept in memory by (id, content hash): an answer reads the same few paragraphs
        again and again, and a changed paragraph has a new hash."""
        want = {p.id: p.content_hash for p in paragraphs}
        out = {pid: self._sentences_seen[(pid, h)] for pid, h in want.items()
               if (pid, h) in self._sentences_seen}
        missing = [pid for pid in want if pid not in out]
        if not missing:
            return out
        got = self.sentences.get(
            where={"para_id": {"$in": missing}},
            include=["metadatas", "documents", "embeddings"],
        )
        rows: dict[str, list[tuple[int, str, np.ndarray]]] = {pid: [] for pid in missing}
        for meta, doc, vec in zip(got["metadatas"], got["documents"], got["embeddings"]):
            pid = meta["para_id"]
            if want.get(pid) == meta.get("hash"):
                rows[pid].append((int(meta["i"]), doc, np.asarray(vec, dtype=np.float32)))
        if len(self._sentences_seen) > SENTENCES_KEPT:
            self._sentences_seen.clear()
        for pid, r in rows.items():
            out[pid] = [(d, v) for _, d, v in sorted(r, key=lambda t: t[0])]
            if out[pid]:  # none yet may mean a write in progress: ask again next time
                self._sentences_seen[(pid, want[pid])] = out[pid]
        return out

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

    def generation(self) -> str:
        """A token that every write changes (paragraphs and document records): one small
        read, where the fingerprint reads every paragraph's metadata (a second at 9,000
        paragraphs). "" when the store was last written before this token existed."""
        got = self.state.get(ids=["generation"], include=["metadatas"])
        metas = got["metadatas"] or [{}]
        return str((metas[0] or {}).get("generation", ""))

    def touch(self) -> None:
        self.state.upsert(ids=["generation"], embeddings=[[0.0]],
                          metadatas=[{"generation": uuid.uuid4().hex}])

    def fingerprint(self) -> str:
        """Changes whenever any stored paragraph changes: the key for derived indexes
        (a document record's change alone is seen through the write token)."""
        return fingerprint_of(self.hashes())

    # -- writing -------------------------------------------------------------
    def put(self, para: Paragraph, vector: np.ndarray, sentences: list[str],
            sentence_vectors: np.ndarray, *, vec: str = "embed") -> None:
        self.put_many([Entry(para, vector, sentences, sentence_vectors)], vec=vec)

    def put_many(self, entries: list[Entry], *, vec: str = "embed",
                 replace_sentences: bool = True) -> None:
        """Sentences first, paragraph records (the commit marks) last. ``vec`` says how
        the paragraph vectors were made. ``replace_sentences=False`` skips deleting what
        a paragraph had before: only when none of them can have any."""
        if not entries:
            return
        ids = [e.para.id for e in entries]
        if replace_sentences:
            self.sentences.delete(where={"para_id": {"$in": ids}})
        rows = [(e.para, i, s, v) for e in entries
                for i, (s, v) in enumerate(zip(e.sentences, e.sentence_vectors))]
        if rows:
            self.sentences.upsert(
                ids=[f"{p.id}#{i}" for p, i, _, _ in rows],
                embeddings=np.asarray([v for *_, v in rows], dtype=np.float32),
                documents=[s for _, _, s, _ in rows],
                metadatas=[{"para_id": p.id, "doc_id": p.doc_id, "n": p.n, "i": i,
                            "hash": p.content_hash, "shash": sentence_hash(s)}
                           for p, i, s, _ in rows],
            )
        self.paragraphs.upsert(
            ids=ids,
            embeddings=np.asarray([e.vector for e in entries], dtype=np.float32),
            documents=[e.para.text for e in entries],
            metadatas=[{**paragraph_metadata(e.para), "vec": vec, "split": SPLIT_VERSION}
                       for e in entries],
        )
        self.touch()

    def put_document(self, info: DocumentInfo) -> None:
        """Written after the document's paragraphs: its title, symbol and kind."""
        meta = {k: v for k, v in info.to_dict().items() if v is not None}
        # Chroma wants a vector per record; these records are only ever read by id
        self.documents.upsert(ids=[info.doc_id], embeddings=[[1.0]], metadatas=[meta])
        self.touch()  # a new title or kind changes what questions may name

    def delete(self, ids: list[str]) -> None:
        if ids:
            self.sentences.delete(where={"para_id": {"$in": list(ids)}})
            self.paragraphs.delete(ids=list(ids))
            self.touch()

    def remove_document(self, doc_id: str) -> int:
        ids = list(self.hashes(doc_id))
        self.delete(ids)
        self.documents.delete(ids=[doc_id])
        self.touch()
        return len(ids)


def sentence_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def fingerprint_of(hashes: dict[str, str]) -> str:
    """The content fingerprint of paragraphs given as id -> content hash."""
    return hashlib.sha256(json.dumps(sorted(hashes.items())).encode()).hexdigest()[:16]


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


__all__ = ["Entry", "ParagraphStore", "StoreError", "make_client", "paragraph_id"]
