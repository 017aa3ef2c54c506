"""Everything derived from one state of the store, and the same restricted to the
documents a question is about (a scope: a mask over the whole library's index)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

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
from rag.language.base import TermPairs
from rag.language.bridge import TermBridge, term_keys
from rag.language.crosslingual import EnglishForms, zh_to_en_terms
from rag.language.dictionary import Dictionary
from rag.language.glossary import with_abbreviations
from rag.language.tokens import add_words, english_stemmer
from rag.library.corpus import Corpus, Stems
from rag.library.documents import Catalogue, Document, document_names
from rag.library.lineage import Standing, standings

NAME_KINDS = {"org", "body", "title", "mechanism", "programme"}  # what a question may name
BODY_KINDS = {"org", "body"}  # bodies and agencies: what a question may name together
ORG_KINDS = {"org", "body", "programme", "mechanism"}  # what answers "which organisation"
SCOPES_KEPT = 32  # snapshots scoped to the documents a question is about
_CACHED = 50_000  # terms whose share or holders a snapshot keeps


class Snapshot:
    """Everything derived from one state of the store."""

    def __init__(self, store: ParagraphStore, dictionary: Dictionary,
                 terms: TermPairs | None = None) -> None:
        rows = store.paragraphs_and_hashes()
        self._centroids = store.centroids()
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
        self.dictionary = dictionary
        self._corpus = Corpus([p for p, _ in rows])
        self._standings: list[dict[str, Standing]] = []  # made on first use, shared by scopes
        self._setup(self._corpus.mask())
        add_words(self.aliases)  # before any tokenising of this snapshot (a scope's are among)

    def _setup(self, mask: np.ndarray) -> None:
        """What a scope derives from its mask: per paragraph only the id maps, the rest per
        document (a scope of 300 documents, 7,500 paragraphs, is set up on each routed
        question)."""
        corpus = self._corpus
        self._mask = mask
        rows = np.flatnonzero(mask).tolist()
        mine = [corpus.paragraphs[i] for i in rows]
        ids = [corpus.ids[i] for i in rows]
        self.paragraphs: dict[str, Paragraph] = dict(zip(ids, mine))
        self.hashes = {i: corpus.hashes[i] for i in ids}
        doc_ids = corpus.documents(mask)
        self.aliases = with_abbreviations(corpus.aliases(doc_ids))
        self.corpus = corpus.text(mask)  # the texts, to count a term or find a name in
        self.english_text = corpus.english_text(mask)  # … of the English documents
        self.bridge = TermBridge(self.dictionary.reverse, self.corpus, terms=self._keys[0],
                                 names=self._keys[1], bodies=self._groups[0],
                                 orgs=self._groups[1])
        # each language's documents: a dense search per language keeps every language's
        # best sentences among the candidates, however many documents the others hold
        by_lang: dict[str, set[str]] = {}
        for d in doc_ids:
            for lang in corpus.doc_langs[d]:
                by_lang.setdefault(lang, set()).add(d)
        self.lang_docs = {lang: frozenset(ids) for lang, ids in sorted(by_lang.items())}
        self.langs = set(by_lang)
        self._count = len(mine)
        self._versions: dict[tuple[str, int], dict[str, Paragraph]] | None = None
        self._share: dict[str, float] = {}
        self._holders: dict[str, frozenset[str]] = {}
        self.stored = frozenset(doc_ids)  # the doc_ids it holds
        english = frozenset(d for lang, ids in self.lang_docs.items() if lang != "zh"
                            for d in ids)
        self.english = EnglishForms(self.dictionary, self.zh_en, self.english_text,
                                    Stems(corpus, english)) if english else None
        self._scopes: dict[frozenset[str], Snapshot] = {}

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
                                            "names", "dictionary", "_corpus", "_centroids",
                                            "_standings")})
            child._setup(self._corpus.mask(doc_ids))
            self._scopes[doc_ids] = child
        return self._scopes[doc_ids]

    def centroid(self, doc_ids: Iterable[str] | None = None) -> np.ndarray | None:
        """The unit-length mean of the paragraph vectors of these documents (all that the
        snapshot holds by default): what they are about, in the embedder's space."""
        wanted = self.stored if doc_ids is None else frozenset(doc_ids) & self.stored
        parts = [self._centroids[d] for d in wanted if d in self._centroids]
        if not parts:
            return None
        mean = np.sum([v * n for v, n in parts], axis=0)
        norm = float(np.linalg.norm(mean))
        return np.asarray(mean / norm, dtype=np.float32) if norm else None

    def size(self, doc_ids: Iterable[str]) -> int:
        """How many paragraphs these documents hold."""
        return sum(self._corpus.sizes.get(d, 0) for d in doc_ids)

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

    @property
    def standings(self) -> dict[str, Standing]:
        """symbol -> its status and links (a draft's adopted text, a revision's earlier
        texts): worked out once per state of the store, when first asked for."""
        if not self._standings:
            by_doc: dict[str, list[Paragraph]] = {}
            for p in self._corpus.paragraphs:
                by_doc.setdefault(p.doc_id, []).append(p)
            self._standings.append(standings(self.documents.values(),
                                             lambda d: by_doc.get(d, [])))
        return self._standings[0]

    def record(self, doc_id: str) -> dict[str, Any]:
        """What an export needs to cite a stored document: its symbol, title in both
        languages, kind, numbering (articles are cited "art. 5") and status (a draft,
        and the text adopted from it; a text superseded by a revision)."""
        doc = self.document(doc_id)
        if doc is None:
            return {"symbol": symbol_of(doc_id), "title": {}, "kind": "", "numbering": "",
                    "status": {}}
        standing = self.standings.get(doc.symbol) or Standing(doc.symbol)
        return {"symbol": doc.symbol, "title": {lang: doc.title(lang) for lang in ("zh", "en")},
                "kind": doc.kind, "numbering": doc.numbering, "status": standing.to_dict()}

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
        """The documents (doc_ids) each of which ``holds`` the term: routing asks it of
        every document at once."""
        held = self._holders.get(term)  # once: another thread may clear the cache meanwhile
        if held is None:
            corpus = self._corpus
            found = {corpus.doc_ids[i]
                     for i in np.unique(corpus.doc_of[corpus.hits(term) & self._mask])}
            if term.isascii() and (words := [english_stemmer().stemWord(w)
                                             for w in term.lower().split()]):
                stems = corpus.stem_docs()
                every = frozenset.intersection(*(stems.get(w, frozenset()) for w in words))
                found |= every & self.stored
            if len(self._holders) > _CACHED:
                self._holders.clear()
            held = self._holders[term] = frozenset(found)
        return held

    def uses(self, term: str) -> int:
        """How often these documents' texts write ``term``, headings aside."""
        return self.corpus.count(term)

    def share(self, term: str) -> float:
        """The share of paragraphs that mention ``term`` (0 when it occurs nowhere)."""
        share = self._share.get(term)  # once: another thread may clear the cache meanwhile
        if share is None:
            if len(self._share) > _CACHED:
                self._share.clear()
            hits = int((self._corpus.hits(term) & self._mask).sum())
            share = self._share[term] = hits / self._count if self._count else 0.0
        return share

    @property
    def versions(self) -> dict[tuple[str, int], dict[str, Paragraph]]:
        """(symbol, n) -> the language versions of that paragraph these documents hold."""
        if self._versions is None:
            kept = {key: self._held(found) for key, found in self._corpus.versions.items()}
            self._versions = {key: vs for key, vs in kept.items() if vs}
        return self._versions

    def _versions_of(self, p: Paragraph) -> dict[str, Paragraph]:
        return self._held(self._corpus.versions.get((symbol_of(p.doc_id), p.n), []))

    def _held(self, found: list[Paragraph]) -> dict[str, Paragraph]:
        """By language, those of ``found`` these documents hold (two of one language:
        the later in corpus order)."""
        return {v.lang: v for v in found if v.id in self.paragraphs}

    def version(self, p: Paragraph, lang: str) -> tuple[Paragraph, Paragraph | None]:
        """The paragraph in the question's language when we hold it, and its counterpart."""
        versions = self._versions_of(p)
        chosen = versions.get(lang, p)
        other = next((v for v in versions.values() if v.id != chosen.id), None)
        return chosen, other
