"""What the store holds right now, and what is derived from it, kept fresh.

Every process (a CLI run, each worker of a shared server) reads the same Chroma
collections; a snapshot is rebuilt whenever the store's content fingerprint changes.
"""

from __future__ import annotations

import bisect
import itertools
import re
import threading
import time
from collections.abc import Callable
from typing import TypeVar

from ingest.base import Paragraph, symbol_of
from ingest.store import ParagraphStore, fingerprint_of
from rag.bridge import TermBridge, term_keys
from rag.dictionary import Dictionary
from rag.glossary import all_aliases
from rag.tokens import add_words

NAME_KINDS = {"org", "body", "title", "mechanism", "programme"}  # what a question may name
BODY_KINDS = {"org", "body"}  # bodies and agencies: what a question may name together
ORG_KINDS = {"org", "body", "programme", "mechanism"}  # what answers "which organisation"
TermPairs = list[tuple[str, list[str], str]]  # (Chinese form, official English forms, kind)


def plain_numbers(text: str) -> str:
    """1,235 -> 1235: digit grouping differs between questions and documents."""
    return _GROUPED.sub("", text)


_GROUPED = re.compile(r"(?<=\d),(?=\d{3})")


class Snapshot:
    """Everything derived from one state of the store."""

    def __init__(self, store: ParagraphStore, dictionary: Dictionary,
                 terms: TermPairs | None = None) -> None:
        rows = store.paragraphs_and_hashes()
        paragraphs = [p for p, _ in rows]
        self.paragraphs: dict[str, Paragraph] = {p.id: p for p in paragraphs}
        self.hashes = {p.id: p.content_hash for p in paragraphs}
        # of what was read, not asked for apart: an index saved under it holds these
        self.fingerprint = fingerprint_of({p.id: h for p, h in rows})
        self.aliases = all_aliases(p.text for p in paragraphs)
        add_words(self.aliases)  # before any tokenising of this snapshot
        self.corpus = "\n".join(p.text for p in paragraphs)
        self.dictionary = dictionary
        terms = terms or []
        self.bridge = TermBridge(
            dictionary.reverse, self.corpus,
            terms=term_keys([(zh, forms) for zh, forms, _ in terms]),
            names=term_keys([(zh, forms) for zh, forms, kind in terms if kind in NAME_KINDS]),
            bodies={zh for zh, _, kind in terms if kind in BODY_KINDS},
            orgs={zh for zh, _, kind in terms if kind in ORG_KINDS})
        # language versions of one report share a symbol and paragraph numbers
        self.versions: dict[tuple[str, int], dict[str, Paragraph]] = {}
        for p in paragraphs:
            self.versions.setdefault((symbol_of(p.doc_id), p.n), {})[p.lang] = p
        texts = [plain_numbers(f"{p.section}\n{p.text}".lower()) for p in paragraphs]
        # one string, paragraphs apart by NUL: a search jumps from a match to the next
        # paragraph (a loop over 9,000 texts per new term made refusal the hot spot)
        self._joined = "\0".join(texts)
        self._ends = list(itertools.accumulate(len(t) + 1 for t in texts))
        self._count = len(texts)
        self._share: dict[str, float] = {}

    def share(self, term: str) -> float:
        """The share of paragraphs that mention ``term`` (0 when it occurs nowhere)."""
        term = plain_numbers(term.lower())
        if term not in self._share:
            hits, at = (self._count, len(self._joined) + 1) if not term else (0, 0)
            while (found := self._joined.find(term, at)) >= 0:
                hits += 1
                at = self._ends[bisect.bisect_right(self._ends, found)]  # the next paragraph
            if len(self._share) > 50_000:
                self._share.clear()
            self._share[term] = hits / self._count if self._count else 0.0
        return self._share[term]

    def version(self, p: Paragraph, lang: str) -> tuple[Paragraph, Paragraph | None]:
        """The paragraph in the question's language when we hold it, and its counterpart."""
        versions = self.versions.get((symbol_of(p.doc_id), p.n), {})
        chosen = versions.get(lang, p)
        other = next((v for v in versions.values() if v.id != chosen.id), None)
        return chosen, other


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
                    snap = self._snapshot = Snapshot(self.store, self._dictionary(),
                                                            self._terms() if self._terms else None)
            return snap

    def _changed(self, generation: str, snap: Snapshot) -> bool:
        if generation:
            return generation != self._generation
        return self.store.fingerprint() != snap.fingerprint  # a store from before the token


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
