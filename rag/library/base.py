"""What the store holds right now, and what is derived from it, kept fresh.

Every process (a CLI run, each worker of a shared server) reads the same Chroma
collections; a snapshot is rebuilt whenever the store's content fingerprint changes.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable
from typing import TypeVar

from ingest.store import ParagraphStore
from rag.language.base import TermPairs
from rag.language.dictionary import Dictionary
from rag.library.snapshot import Snapshot


class Library:
    """Hands out the current snapshot; checks the store at most every ``refresh_s``."""

    def __init__(self, store: ParagraphStore, dictionary: Callable[[], Dictionary], *,
                 terms: Callable[[], TermPairs] | None = None, refresh_s: float = 5.0) -> None:
        self.store = store
        self._dictionary = _once(dictionary)  # neither changes with the store: read once
        self._terms = _once(terms) if terms else None
        self.refresh_s = refresh_s
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self._generation = ""  # the store's write token when the snapshot was read
        self._checked = 0.0

    def snapshot(self, *, force: bool = False) -> Snapshot:
        now = time.monotonic()
        with self._lock:
            snap = self._snapshot
            if force or snap is None or now - self._checked > self.refresh_s:
                self._checked = now
                generation = self.store.generation()  # read before the content it vouches for
                if snap is None or force or self._changed(generation, snap):
                    self._generation = generation
                    replaced = snap is not None
                    snap = self._snapshot = Snapshot(self.store, self._dictionary(),
                                                            self._terms() if self._terms else None)
                    settle(replaced=replaced)
            return snap

    def _changed(self, generation: str, snap: Snapshot) -> bool:
        if generation:
            return generation != self._generation
        return self.store.fingerprint() != snap.fingerprint  # a store from before the token


def settle(*, replaced: bool) -> None:
    """Move what the process holds now (the snapshot, the models, the dictionary) out of
    the cyclic garbage collector's sight: at 100 reports a full collection walked 400,000
    long-lived objects, 300 ms inside one question. A snapshot that replaces another
    first lets the collector free the old one."""
    if replaced:
        gc.unfreeze()
        gc.collect()
    gc.freeze()


T = TypeVar("T")


def _once(make: Callable[[], T]) -> Callable[[], T]:
    """``make()`` the first time, the same object after (a snapshot is rebuilt after every
    write; reloading the dictionary each time cost seconds)."""
    made: list[T] = []

    def get() -> T:
        if not made:
            made.append(make())
        return made[0]

    return get
