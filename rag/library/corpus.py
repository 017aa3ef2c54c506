"""The stored paragraphs as text to search, once for the whole library.

One index holds every paragraph's text and every distinct section heading; a snapshot
scoped to some documents reads it through a mask over its rows. Questions routed to
different documents used to build a copy of their text, bridge and English forms each
(most of a warm question's time at a hundred times the seed).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np

from ingest.base import Paragraph, symbol_of
from rag.language.glossary import mine_aliases
from rag.language.tokens import english_stemmer
from rag.library.textindex import TextIndex, TextView

_GROUPED = re.compile(r"(?<=\d),(?=\d{3})")


def plain_numbers(text: str) -> str:
    """1,235 -> 1235: digit grouping differs between questions and documents."""
    return _GROUPED.sub("", text)


def search_form(text: str) -> str:
    """How texts are filed and terms looked up: lower case, digits ungrouped."""
    return plain_numbers(text.lower())


class Corpus:
    """Rows 0..n-1: the paragraphs' texts; n..: their distinct section headings."""

    def __init__(self, paragraphs: list[Paragraph]) -> None:
        self.paragraphs = paragraphs
        self.n = n = len(paragraphs)
        sections = list(dict.fromkeys(p.section for p in paragraphs))
        row = {s: n + i for i, s in enumerate(sections)}
        self.section_of = np.array([row[p.section] for p in paragraphs], dtype=np.int64)
        self.index = TextIndex([search_form(p.text) for p in paragraphs]
                               + [search_form(s) for s in sections])
        self.doc_ids = list(dict.fromkeys(p.doc_id for p in paragraphs))
        number = {d: i for i, d in enumerate(self.doc_ids)}
        self.doc_of = np.array([number[p.doc_id] for p in paragraphs], dtype=np.int64)
        self.english = np.array([p.lang != "zh" for p in paragraphs], dtype=bool)
        self.sizes = dict(zip(self.doc_ids, np.bincount(self.doc_of, minlength=len(
            self.doc_ids)).tolist()))  # paragraphs per document
        self.ids = [p.id for p in paragraphs]
        self.hashes = {i: p.content_hash for i, p in zip(self.ids, paragraphs)}
        # language versions of one report share a symbol and paragraph numbers
        self.versions: dict[tuple[str, int], list[Paragraph]] = {}
        langs: dict[str, set[str]] = {}
        for p in paragraphs:
            self.versions.setdefault((symbol_of(p.doc_id), p.n), []).append(p)
            langs.setdefault(p.doc_id, set()).add(p.lang)
        self.doc_langs = {d: frozenset(ls) for d, ls in langs.items()}
        self._aliases: dict[str, dict[str, set[str]]] | None = None
        self._stem_docs: dict[str, frozenset[str]] | None = None

    def mask(self, doc_ids: Iterable[str] | None = None) -> np.ndarray:
        """A flag per paragraph: in one of these documents (None: all)."""
        if doc_ids is None:
            return np.ones(self.n, dtype=bool)
        chosen = set(doc_ids)
        wanted = [i for i, d in enumerate(self.doc_ids) if d in chosen]
        return np.isin(self.doc_of, wanted)

    def documents(self, mask: np.ndarray) -> list[str]:
        """The doc_ids of the masked paragraphs, in corpus order."""
        return [self.doc_ids[i] for i in np.unique(self.doc_of[mask]).tolist()]

    def text(self, mask: np.ndarray) -> TextView:
        """The paragraphs' texts (no headings), all languages."""
        allowed = np.zeros(len(self.index), dtype=bool)
        allowed[: self.n] = mask
        return TextView(self.index, allowed, form=search_form)

    def english_text(self, mask: np.ndarray) -> TextView:
        """The English (non-Chinese) paragraphs' headings and texts."""
        mine = mask & self.english
        allowed = np.zeros(len(self.index), dtype=bool)
        allowed[: self.n] = mine
        allowed[self.section_of[mine]] = True
        return TextView(self.index, allowed, form=search_form)

    def hits(self, term: str) -> np.ndarray:
        """A flag per paragraph: its heading or text holds ``term``."""
        rows = self.index.rows(search_form(term))
        hit = np.zeros(self.n, dtype=bool)
        hit[rows[rows < self.n]] = True
        if (headings := rows[rows >= self.n]).size:
            hit |= np.isin(self.section_of, headings)
        return hit

    def aliases(self, doc_ids: Iterable[str]) -> dict[str, set[str]]:
        """The aliases these documents define (mined once per document)."""
        if self._aliases is None:
            texts: dict[str, list[str]] = {}
            for p in self.paragraphs:
                texts.setdefault(p.doc_id, []).append(p.text)
            self._aliases = {d: mine_aliases(t) for d, t in texts.items()}
        merged: dict[str, set[str]] = {}
        for d in doc_ids:
            for term, forms in self._aliases.get(d, {}).items():
                merged.setdefault(term, set()).update(forms)
        return merged

    def stem_docs(self) -> dict[str, frozenset[str]]:
        """English word stem -> the documents whose headings or texts use it."""
        if self._stem_docs is None:
            words: dict[str, set[str]] = {}
            for p in self.paragraphs:
                if p.lang != "zh":
                    words.setdefault(p.doc_id, set()).update(
                        re.findall(r"[a-z]+", f"{p.section}\n{p.text}".lower()))
            every = sorted({w for ws in words.values() for w in ws})
            stem = dict(zip(every, english_stemmer().stemWords(every)))
            docs: dict[str, set[str]] = {}
            for d, ws in words.items():
                for w in ws:
                    docs.setdefault(stem[w], set()).add(d)
            self._stem_docs = {s: frozenset(ds) for s, ds in docs.items()}
        return self._stem_docs


class Stems:
    """The English word stems of some documents (``in`` asks whether any uses one)."""

    def __init__(self, corpus: Corpus, doc_ids: frozenset[str]) -> None:
        self._corpus = corpus  # read on first use: a snapshot need not pay for it
        self._docs = doc_ids

    def __contains__(self, stem: object) -> bool:
        if not isinstance(stem, str):
            return False
        return not self._corpus.stem_docs().get(stem, frozenset()).isdisjoint(self._docs)
