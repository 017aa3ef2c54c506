"""One worker translates a document: a lease record per document in the shared store.

Chroma has no compare-and-set, so a worker writes its claim and reads it back; a second
worker that reads another's live claim leaves the document alone. A lease expires, so a
worker that died does not block the document for ever.
"""

from __future__ import annotations

import os
import socket
import time
from typing import Any

SUFFIX = "-leases"


def me() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


class Leases:
    def __init__(self, client: Any, name: str, *, ttl_s: float = 600.0) -> None:
        self.collection = client.get_or_create_collection(
            name + SUFFIX, metadata={"kind": "leases"}, embedding_function=None)
        self.ttl_s = ttl_s

    def holder(self, doc_id: str) -> str | None:
        """Who translates ``doc_id`` now, if anyone."""
        got = self.collection.get(ids=[_id(doc_id)], include=["metadatas"])
        if not got["ids"]:
            return None
        meta = got["metadatas"][0]
        return meta["owner"] if float(meta["until"]) > time.time() else None

    def acquire(self, doc_id: str, owner: str | None = None) -> bool:
        owner = owner or me()
        current = self.holder(doc_id)
        if current not in (None, owner):
            return False
        self.collection.upsert(ids=[_id(doc_id)], embeddings=[[0.0]], documents=[doc_id],
                               metadatas=[{"owner": owner, "until": time.time() + self.ttl_s}])
        return self.holder(doc_id) == owner  # read back: the last writer wins

    def renew(self, doc_id: str, owner: str | None = None) -> bool:
        return self.acquire(doc_id, owner)

    def release(self, doc_id: str, owner: str | None = None) -> None:
        if self.holder(doc_id) == (owner or me()):
            self.collection.delete(ids=[_id(doc_id)])


def _id(doc_id: str) -> str:
    return f"translate:{doc_id}"
