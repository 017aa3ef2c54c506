"""Ingest files into the store: parse, diff against what is stored, embed what changed."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
from tqdm import tqdm

from ingest.base import IngestError, Paragraph, ParsedDocument, version_doc_id
from ingest.embedders import Embedder, unit
from ingest.kinds import DOCUMENT, document_kind
from ingest.parser import parse_document
from ingest.reader import read_document
from ingest.store import Entry, ParagraphStore
from ingest.text import cut_otherwise, split_sentences

log = logging.getLogger(__name__)


@dataclass
class FileResult:
    path: str
    doc_id: str = ""
    kind: str = ""
    title: str = ""
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    error: str | None = None


@dataclass
class IngestSummary:
    files: list[FileResult] = field(default_factory=list)

    def total(self, key: str) -> int:
        return sum(getattr(f, key) for f in self.files)

    @property
    def failed(self) -> list[FileResult]:
        return [f for f in self.files if f.error]

    def line(self) -> str:
        ok = len(self.files) - len(self.failed)
        text = (
            f"{ok} document(s): {self.total('added')} added, {self.total('updated')} updated, "
            f"{self.total('unchanged')} unchanged, {self.total('deleted')} deleted"
        )
        if self.failed:
            text += f"; {len(self.failed)} failed"
        return text


def load_document(path: Path, *, max_bytes: int, primary_lang: str = "zh",
                  symbol: str | None = None, title: str | None = None,
                  lang: str | None = None) -> ParsedDocument:
    """Read and parse one file. ``symbol`` names a document that carries none (and links
    its language versions); ``title`` replaces the title read from its title block;
    ``lang`` is the language it is known to be in (a version fetched in that language:
    the text tells only Chinese from the rest)."""
    text = read_document(path, max_bytes=max_bytes)
    doc = parse_document(text, name=Path(path).name, default_doc_id=Path(path).stem)
    if lang and lang != doc.lang:
        if (lang == "zh") != (doc.lang == "zh"):
            raise IngestError(f"{Path(path).name}: the text is not in the language asked for "
                              f"({lang})")
        doc = replace(doc, lang=lang, paragraphs=tuple(replace(p, lang=lang)
                                                       for p in doc.paragraphs))
    if title and title.strip():
        title = " ".join(title.split())
        kind = document_kind(title, doc.subtitle, symbol or doc.symbol)
        doc = replace(doc, title=title, kind=kind)
    if symbol and symbol.strip():
        symbol = symbol.strip()
        paras = tuple(replace(p, doc_id=symbol) for p in doc.paragraphs)
        doc = replace(doc, doc_id=symbol, symbol=symbol, paragraphs=paras)
        if doc.kind == DOCUMENT:
            doc = replace(doc, kind=document_kind(doc.title, doc.subtitle, symbol))
    if doc.symbol and doc.lang != primary_lang:
        doc_id = version_doc_id(doc.symbol, doc.lang, primary_lang)
        paras = tuple(replace(p, doc_id=doc_id) for p in doc.paragraphs)
        doc = replace(doc, doc_id=doc_id, paragraphs=paras)
    return doc


def ingest_paths(
    paths: Iterable[Path],
    store: ParagraphStore,
    embedder: Embedder,
    *,
    max_bytes: int,
    progress: bool = True,
    primary_lang: str = "zh",
    symbol: str | None = None,
    title: str | None = None,
    batch: int = 64,
    paragraph_vectors: str = "mean",
    lang: str | None = None,
) -> IngestSummary:
    """Ingest each file; a bad file is reported in the summary and never stops the others."""
    summary = IngestSummary()
    for path in paths:
        result = FileResult(path=str(path))
        summary.files.append(result)
        try:
            doc = load_document(Path(path), max_bytes=max_bytes, primary_lang=primary_lang,
                                symbol=symbol, title=title, lang=lang)
            result.doc_id, result.kind, result.title = doc.doc_id, doc.kind, doc.title
            sync_document(doc, store, embedder, result, progress=progress, batch=batch,
                          paragraph_vectors=paragraph_vectors)
        except IngestError as err:
            result.error = str(err)
            log.warning("%s", err)
    return summary


def sync_document(doc: ParsedDocument, store: ParagraphStore, embedder: Embedder,
                  result: FileResult, *, progress: bool = True, batch: int = 64,
                  paragraph_vectors: str = "mean") -> None:
    """Make the store hold exactly ``doc``'s paragraphs, embedding only what changed.

    Each sentence is embedded once (a paragraph's vector is the mean of its sentences'
    unless ``paragraph_vectors="embed"``); a sentence the store already holds (an edit, a
    killed run, or the same sentence in another paragraph or document) keeps its vector.
    """
    stored = store.records(doc.doc_id)
    wanted = {p.id: p for p in doc.paragraphs}
    # a changed text, or one that ``split_sentences`` now cuts otherwise: (re)cut and put
    todo = [p for p in doc.paragraphs if p.id not in stored
            or stored[p.id][0] != p.content_hash or cut_otherwise(p.text, stored[p.id][2])]
    result.unchanged = len(wanted) - len(todo)
    result.added = sum(1 for p in todo if p.id not in stored)
    result.updated = len(todo) - result.added
    gone = [pid for pid in stored if pid not in wanted]
    # a store built with mean vectors gets real ones when asked for (the "dense" channel)
    redo = {p.id for p in todo}
    backfill = [p for p in doc.paragraphs if p.id in stored and p.id not in redo
                and paragraph_vectors == "embed" and stored[p.id][1] != "embed"]
    bar = tqdm(total=len(todo) + len(backfill), desc=f"embedding {doc.doc_id}", unit="¶",
               disable=not progress or not (todo or backfill), leave=False)
    with bar:
        for start in range(0, len(todo), batch):
            chunk = todo[start : start + batch]
            embed_and_put(chunk, store, embedder, paragraph_vectors=paragraph_vectors)
            bar.update(len(chunk))
        for start in range(0, len(backfill), batch):
            chunk = backfill[start : start + batch]
            put_paragraph_vectors(chunk, store, embedder)
            bar.update(len(chunk))
    store.delete(gone)
    result.deleted = len(gone)
    store.put_document(doc.info())  # after the paragraphs: the document is complete


def embed_and_put(chunk: list[Paragraph], store: ParagraphStore, embedder: Embedder, *,
                  paragraph_vectors: str = "mean") -> None:
    sentences = [split_sentences(p.text) for p in chunk]
    unique = list(dict.fromkeys(s for group in sentences for s in group))
    known = store.stored_sentence_vectors([p.id for p in chunk], unique)
    new = [s for s in unique if s not in known]
    own = [embedding_text(p) for p in chunk] if paragraph_vectors == "embed" else []
    vectors = embedder.passage_vectors(own + new) if own or new else None
    if vectors is not None:
        known.update(zip(new, vectors[len(own):]))
    entries = []
    for i, (para, group) in enumerate(zip(chunk, sentences)):
        sent_vecs = np.asarray([known[s] for s in group], dtype=np.float32)
        if own:
            assert vectors is not None
            vec = vectors[i]
        elif group:
            vec = mean_vector(sent_vecs)
        else:  # no sentence at all: its heading alone
            vec = embedder.passage_vectors([embedding_text(para)])[0]
        entries.append(Entry(para, vec, group, sent_vecs.reshape(len(group), -1)))
    store.put_many(entries, vec="embed" if own else "mean")


def put_paragraph_vectors(chunk: list[Paragraph], store: ParagraphStore,
                          embedder: Embedder) -> None:
    """Replace mean vectors with embedded ones, keeping the stored sentences."""
    vectors = embedder.passage_vectors([embedding_text(p) for p in chunk])
    store.paragraphs.update(ids=[p.id for p in chunk], embeddings=vectors,
                            metadatas=[{"vec": "embed"} for _ in chunk])
    store.touch()


def mean_vector(vectors: np.ndarray) -> np.ndarray:
    """The normalised mean of unit vectors: the paragraph's centre in the same space."""
    return unit(np.asarray(vectors, dtype=np.float32).mean(axis=0))


def embedding_text(p: Paragraph) -> str:
    """The section heading gives a paragraph the topic words its own text may lack."""
    return f"{p.section}\n{p.text}" if p.section else p.text
