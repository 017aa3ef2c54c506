"""Translations kept in Chroma, beside the sentences, so every worker of a shared server
reuses them. Keyed by the source sentence, the model identity and the terminology version.

Also the files a translation ships in: JSON lines of the same records, imported into the
store on first run (``data/translations/*.jsonl``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from rag.base import Translation

SUFFIX = "-translations"
_DUMMY = [0.0]  # Chroma wants a vector; translations are looked up by id only


def key(source: str, model: str, terms_version: str, src_lang: str, tgt_lang: str) -> str:
    text = "".join(source.split())
    raw = f"{model}|{terms_version}|{src_lang}>{tgt_lang}|{text}"
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]


def key_of(t: Translation) -> str:
    return key(t.source, t.model, t.terms_version, t.src_lang, t.tgt_lang)


def to_record(t: Translation, **extra: Any) -> dict[str, Any]:
    return {"source": t.source, "text": t.text, "src_lang": t.src_lang, "tgt_lang": t.tgt_lang,
            "shown": t.shown, "failed": list(t.failed), "model": t.model,
            "terms_version": t.terms_version, "similarity": t.similarity, **extra}


def from_record(r: dict[str, Any]) -> Translation:
    return Translation(r["text"], r["source"], r["src_lang"], r["tgt_lang"], bool(r["shown"]),
                       list(r.get("failed") or []), r["model"], r["terms_version"],
                       r.get("similarity"))


class TranslationCache:
    """One Chroma collection of checked translations (shown or not: a failed check is
    remembered too, so nobody pays for it twice)."""

    def __init__(self, client: Any, name: str) -> None:
        self.collection = client.get_or_create_collection(
            name + SUFFIX, metadata={"kind": "translations"}, embedding_function=None)

    def get(self, source: str, model: str, terms_version: str, src_lang: str,
            tgt_lang: str) -> Translation | None:
        got = self.collection.get(ids=[key(source, model, terms_version, src_lang, tgt_lang)],
                                  include=["metadatas", "documents"])
        if not got["ids"]:
            return None
        return from_record(_record(got["metadatas"][0], got["documents"][0]))

    def put(self, t: Translation, *, doc_id: str = "", para_id: str = "") -> None:
        self.put_many([(t, doc_id, para_id)])

    def put_many(self, items: Iterable[tuple[Translation, str, str]]) -> None:
        items = list(items)
        if not items:
            return
        self.collection.upsert(
            ids=[key_of(t) for t, _, _ in items],
            embeddings=[_DUMMY for _ in items],
            documents=[t.text for t, _, _ in items],
            metadatas=[_meta(t, doc_id, para_id) for t, doc_id, para_id in items])

    def known(self, keys: list[str]) -> set[str]:
        return set(self.collection.get(ids=keys, include=[])["ids"]) if keys else set()

    def records(self, doc_id: str | None = None) -> Iterator[dict[str, Any]]:
        where = {"doc_id": doc_id} if doc_id else None
        got = self.collection.get(where=where, include=["metadatas", "documents"])
        for meta, doc in zip(got["metadatas"], got["documents"]):
            yield _record(meta, doc)

    def count(self) -> int:
        return self.collection.count()

    # -- files -----------------------------------------------------------------------
    def export(self, path: Path, doc_id: str) -> int:
        rows = sorted(self.records(doc_id), key=lambda r: (r.get("para_id", ""), r["source"]))
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with tmp.open("w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        tmp.replace(path)
        return len(rows)

    def import_file(self, path: Path) -> int:
        """Add the file's records the store lacks; returns how many were added."""
        rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()
                if line.strip()]
        items = [(from_record(r), r.get("doc_id", ""), r.get("para_id", "")) for r in rows]
        have = self.known([key_of(t) for t, _, _ in items])
        new = [i for i in items if key_of(i[0]) not in have]
        for start in range(0, len(new), 200):
            self.put_many(new[start : start + 200])
        return len(new)


def _meta(t: Translation, doc_id: str, para_id: str) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "source": t.source, "src_lang": t.src_lang, "tgt_lang": t.tgt_lang, "shown": t.shown,
        "failed": json.dumps(t.failed), "model": t.model, "terms_version": t.terms_version,
        "doc_id": doc_id, "para_id": para_id}
    if t.similarity is not None:  # Chroma keeps no None
        meta["similarity"] = t.similarity
    return meta


def _record(meta: dict[str, Any], text: str | None) -> dict[str, Any]:
    return {**meta, "text": text or "", "failed": json.loads(meta.get("failed") or "[]")}
