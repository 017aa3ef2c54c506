"""What the store holds right now, and what is derived from it, kept fresh.

Every process (a CLI run, each worker of a shared server) reads the same Chroma
collections; a snapshot is rebuilt whenever the store's content fingerprint changes.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from ingest.base import Paragraph, symbol_of
from ingest.store import ParagraphStore
from rag.bridge import ReverseIndex, TermBridge
from rag.glossary import mine_aliases
from rag.tokens import add_words


class Snapshot:
    """Everything derived from one state of the store."""

    def __init__(self, store: ParagraphStore, bridge_index: ReverseIndex) -> None:
        self.fingerprint = store.fingerprint()
        paragraphs = store.all_paragraphs()
        self.paragraphs: dict[str, Paragraph] = {p.id: p for p in paragraphs}
        self.hashes = {p.id: p.content_hash for p in paragraphs}
        self.aliases = mine_aliases(p.text for p in paragraphs)
        add_words(self.aliases)  # before any tokenising of this snapshot
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


class Library:
    """Hands out the current snapshot; checks the store at most every ``refresh_s``."""

    def __init__(self, store: ParagraphStore, bridge_index: Callable[[], ReverseIndex], *,
                 refresh_s: float = 5.0) -> None:
        self.store = store
        self._bridge_index = bridge_index
        self.refresh_s = refresh_s
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self._checked = 0.0

    def snapshot(self, *, force: bool = False) -> Snapshot:
        now = time.monotonic()
        with self._lock:
            snap = self._snapshot
            if force or snap is None or now - self._checked > self.refresh_s:
                self._checked = now
                if snap is None or force or self.store.fingerprint() != snap.fingerprint:
                    snap = self._snapshot = Snapshot(self.store, self._bridge_index())
            return snap
