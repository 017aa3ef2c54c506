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
from typing import Any, TypeVar

from ingest.base import (
    ARTICLES,
    SUMMARY_N,
    DocumentInfo,
    Paragraph,
    is_preambular,
    symbol_of,
    unit_label,
)
from ingest.store import ParagraphStore, fingerprint_of
from rag.bridge import TermBridge, term_keys
from rag.crosslingual import EnglishForms, zh_to_en_terms
from rag.dictionary import Dictionary
from rag.documents import Catalogue, Document, document_names
from rag.glossary import all_aliases
from rag.tokens import add_words, english_stemmer

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
        # of what was read, not asked for apart: an index saved under it holds these
        self.fingerprint = fingerprint_of({p.id: h for p, h in rows})
        terms = terms or []
        self._keys = (term_keys([(zh, forms) for zh, forms, _ in terms]),
                      term_keys([(zh, forms) for zh, forms, kind in terms if kind in NAME_KINDS]))
        self._groups = ({zh for zh, _, kind in terms if kind in BODY_KINDS},
                        {zh for zh, _, kind in terms if kind in ORG_KINDS})
        self.zh_en = zh_to_en_terms(terms)
        # a name in one language -> its forms in the other (English keys lower-cased)
        self.translations: dict[str, list[str]] = {}
        for zh, forms, _ in terms:
            self.translations.setdefault(zh, []).extend(forms)
            for f in forms:
                self.translations.setdefault(f.lower(), []).append(zh)
        self.documents: dict[str, DocumentInfo] = store.document_infos()
        self.catalogue = Catalogue.build(self.documents.values(), self.translations)
        self.names = {s: document_names(d, self.catalogue, self.translations)
                      for s, d in self.catalogue.documents.items()}
        self._setup([p for p, _ in rows], dictionary)
        self._scopes: dict[frozenset[str], Snapshot] = {}

    def _setup(self, paragraphs: list[Paragraph], dictionary: Dictionary) -> None:
        self.paragraphs: dict[str, Paragraph] = {p.id: p for p in paragraphs}
        self.hashes = {p.id: p.content_hash for p in paragraphs}
        self.aliases = all_aliases(p.text for p in paragraphs)
        add_words(self.aliases)  # before any tokenising of this snapshot
        self.corpus = "\n".join(p.text for p in paragraphs)
        self.dictionary = dictionary
        self.bridge = TermBridge(dictionary.reverse, self.corpus, terms=self._keys[0],
                                 names=self._keys[1], bodies=self._groups[0],
                                 orgs=self._groups[1])
        # language versions of one report share a symbol and paragraph numbers
        self.versions: dict[tuple[str, int], dict[str, Paragraph]] = {}
        for p in paragraphs:
            self.versions.setdefault((symbol_of(p.doc_id), p.n), {})[p.lang] = p
        self.langs = {p.lang for p in paragraphs}
        # each language's documents: a dense search per language keeps every language's
        # best sentences among the candidates, however many documents the others hold
        by_lang: dict[str, set[str]] = {}
        for p in paragraphs:
            by_lang.setdefault(p.lang, set()).add(p.doc_id)
        self.lang_docs = {lang: frozenset(ids) for lang, ids in sorted(by_lang.items())}
        texts = [plain_numbers(f"{p.section}\n{p.text}".lower()) for p in paragraphs]
        # one string, paragraphs apart by NUL: a search jumps from a match to the next
        # paragraph (a loop over 9,000 texts per new term made refusal the hot spot)
        self._joined = "\0".join(texts)
        self._ends = list(itertools.accumulate(len(t) + 1 for t in texts))
        self._count = len(texts)
        self._share: dict[str, float] = {}
        self._para_docs = [p.doc_id for p in paragraphs]  # row -> doc_id, for ``holders``
        self._holders: dict[str, frozenset[str]] = {}
        self._doc_stems: dict[str, set[str]] | None = None
        english = "\n".join(f"{p.section}\n{p.text}" for p in paragraphs if p.lang != "zh")
        self.english_text = english.lower()  # the English documents, to find a phrase as written
        self.english = EnglishForms(dictionary, self.zh_en, english) if english else None

    def scoped(self, doc_ids: frozenset[str]) -> Snapshot:
        """The same snapshot restricted to some documents: what "the documents never
        mention" means for a question about one of them."""
        if doc_ids not in self._scopes:
            if len(self._scopes) >= SCOPES_KEPT:  # routed questions vary: the most recent
                self._scopes.pop(next(iter(self._scopes)))
            child = object.__new__(Snapshot)
            child.__dict__.update({k: v for k, v in self.__dict__.items()
                                   if k in ("fingerprint", "_keys", "_groups", "zh_en",
                                            "documents", "catalogue", "translations",
                                            "names")})
            child._scopes = {}
            child._setup([p for p in self.paragraphs.values() if p.doc_id in doc_ids],
                         self.dictionary)
            self._scopes[doc_ids] = child
        return self._scopes[doc_ids]

    def doc_ids(self, symbol: str) -> frozenset[str]:
        """The stored language versions of one document."""
        doc = self.catalogue.documents.get(symbol)
        return doc.doc_ids if doc else frozenset({symbol})

    def symbol(self, p: Paragraph) -> str:
        info = self.documents.get(p.doc_id)
        return info.symbol if info else symbol_of(p.doc_id)

    def document(self, doc_id: str) -> Document | None:
        info = self.documents.get(doc_id)
        return self.catalogue.documents.get(info.symbol if info else symbol_of(doc_id))

    def source(self, p: Paragraph) -> dict[str, Any]:
        """How an answer names where ``p`` comes from: its document in words (both
        languages) and the kind of unit it is."""
        doc = self.document(p.doc_id)
        names = self.names.get(doc.symbol) if doc is not None else None
        unit = ("summary" if p.n == SUMMARY_N else "preamble" if is_preambular(p.n)
                else "article" if doc is not None and doc.numbering == ARTICLES
                else "paragraph")
        return {"name": names or {"en": "the report", "zh": "报告"}, "unit": unit,
                "label": unit_label(p.n)}

    def record(self, doc_id: str) -> dict[str, Any]:
        """What an export needs to cite a stored document: its symbol, title in both
        languages, kind and numbering (articles are cited "art. 5")."""
        doc = self.document(doc_id)
        if doc is None:
            return {"symbol": symbol_of(doc_id), "title": {}, "kind": "", "numbering": ""}
        return {"symbol": doc.symbol, "title": {lang: doc.title(lang) for lang in ("zh", "en")},
                "kind": doc.kind, "numbering": doc.numbering}

    def describe(self, symbol: str) -> dict[str, Any]:
        """A document as the answer shows it: symbol, title, kind and its name in words."""
        doc = self.catalogue.documents.get(symbol)
        title = {lang: doc.title(lang) for lang in ("zh", "en")} if doc else {}
        return {"symbol": symbol, "title": title, "kind": doc.kind if doc else "",
                "name": self.names.get(symbol, {"en": symbol, "zh": symbol})}

    def holds(self, term: str) -> bool:
        """The term in these documents: as written, or an English word by its stem."""
        if self.share(term) > 0:
            return True
        if self.english is None or not term.isascii():
            return False
        words = [english_stemmer().stemWord(w) for w in term.lower().split()]
        return bool(words) and all(w in self.english.stems for w in words)

    def holders(self, term: str) -> frozenset[str]:
        """The documents (doc_ids) each of which ``holds`` the term, from one scan of this
        snapshot: routing asks it of every document, and a snapshot scoped to each (its
        bridge, its English forms) made most of the memory and of a first question."""
        key = plain_numbers(term.lower())
        if key not in self._holders:
            if not key:
                found = set(self._para_docs)
            else:
                found, at = set(), 0
                while (hit := self._joined.find(key, at)) >= 0:
                    row = bisect.bisect_right(self._ends, hit)
                    found.add(self._para_docs[row])
                    at = self._ends[row]  # the next paragraph
            if term.isascii() and (words := [english_stemmer().stemWord(w)
                                             for w in term.lower().split()]):
                found |= {d for d, stems in self.doc_stems().items()
                          if all(w in stems for w in words)}
            if len(self._holders) > 50_000:
                self._holders.clear()
            self._holders[key] = frozenset(found)
        return self._holders[key]

    def doc_stems(self) -> dict[str, set[str]]:
        """Each document's English word stems (as ``EnglishForms.stems`` reads its text)."""
        if self._doc_stems is None:
            text: dict[str, list[str]] = {}
            for p in self.paragraphs.values():
                if p.lang != "zh":
                    text.setdefault(p.doc_id, []).append(f"{p.section}\n{p.text}".lower())
            self._doc_stems = {d: set(english_stemmer().stemWords(re.findall(r"[a-z]+",
                                                                             "\n".join(t))))
                               for d, t in text.items()}
        return self._doc_stems

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


SCOPES_KEPT = 32  # snapshots scoped to the documents a question is about


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
