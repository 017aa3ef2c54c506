"""Ingest files into the store: parse, diff against what is stored, embed what changed."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from tqdm import tqdm

from ingest.base import IngestError, Paragraph, ParsedDocument, version_doc_id
from ingest.embedders import Embedder
from ingest.kinds import DOCUMENT, document_kind
from ingest.parser import parse_document
from ingest.reader import read_document
from ingest.store import ParagraphStore
from ingest.text import split_sentences

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
                  symbol: str | None = None, title: str | None = None) -> ParsedDocument:
    """Read and parse one file. ``symbol`` names a document that carries none (and links
    its language versions); ``title`` replaces the title read from its title block."""
    text = read_document(path, max_bytes=max_bytes)
    doc = parse_document(text, name=Path(path).name, default_doc_id=Path(path).stem)
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
) -> IngestSummary:
    """Ingest each file; a bad file is reported in the summary and never stops the others."""
    summary = IngestSummary()
    for path in paths:
        result = FileResult(path=str(path))
        summary.files.append(result)
        try:
            doc = load_document(Path(path), max_bytes=max_bytes, primary_lang=primary_lang,
                                symbol=symbol, title=title)
            result.doc_id, result.kind, result.title = doc.doc_id, doc.kind, doc.title
            sync_document(doc, store, embedder, result, progress=progress)
        except IngestError as err:
            result.error = str(err)
            log.warning("%s", err)
    return summary


def sync_document(doc: ParsedDocument, store: ParagraphStore, embedder: Embedder,
                  result: FileResult, *, progress: bool = True, batch: int = 8) -> None:
    """Make the store hold exactly ``doc``'s paragraphs, embedding only what changed."""
    stored = store.hashes(doc.doc_id)
    wanted = {p.id: p for p in doc.paragraphs}
    todo = [p for p in doc.paragraphs if stored.get(p.id) != p.content_hash]
    result.unchanged = len(wanted) - len(todo)
    result.added = sum(1 for p in todo if p.id not in stored)
    result.updated = len(todo) - result.added
    gone = [pid for pid in stored if pid not in wanted]
    bar = tqdm(total=len(todo), desc=f"embedding {doc.doc_id}", unit="¶",
               disable=not progress or not todo, leave=False)
    with bar:
        for start in range(0, len(todo), batch):
            chunk = todo[start : start + batch]
            _embed_and_put(chunk, store, embedder)
            bar.update(len(chunk))
    store.delete(gone)
    result.deleted = len(gone)
    store.put_document(doc.info())  # after the paragraphs: the document is complete


def _embed_and_put(chunk: list[Paragraph], store: ParagraphStore, embedder: Embedder) -> None:
    sentences = [split_sentences(p.text) for p in chunk]
    texts = [embedding_text(p) for p in chunk]
    flat = [s for group in sentences for s in group]
    vectors = embedder.passage_vectors(texts + flat)
    para_vecs, sent_vecs = vectors[: len(chunk)], vectors[len(chunk) :]
    at = 0
    for para, vec, group in zip(chunk, para_vecs, sentences):
        store.put(para, vec, group, sent_vecs[at : at + len(group)])
        at += len(group)


def embedding_text(p: Paragraph) -> str:
    """The section heading gives a paragraph the topic words its own text may lack."""
    return f"{p.section}\n{p.text}" if p.section else p.text
