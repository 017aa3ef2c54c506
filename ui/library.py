"""Handlers for reading the stored documents and adding new ones."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import gradio as gr

from ingest.base import Paragraph, symbol_of
from ingest.pipeline import IngestSummary
from ingest.text import split_sentences
from rag.factory import Components, ingest_files, prepare_indexes
from rag.translate.service import translate_in_background
from ui.labels import t
from ui.reader import reader_html, section_tree, tree_html
from ui.render import esc

log = logging.getLogger("ui")


def doc_ids(components: Components) -> list[str]:
    return list(components.store.docs())


def filter_choices(components: Components, lang: str) -> list[tuple[str, str]]:
    """The chat's document filter, one entry per document (its language versions
    together), named by title, symbol and status ("draft, adopted as …"): "" means all
    documents (doc_id=None)."""
    titles: dict[str, dict[str, str]] = {}
    for info in components.store.document_infos().values():
        titles.setdefault(info.symbol, {})[info.lang] = info.title
    standings = components.library.snapshot().standings
    choices = [(t(lang, "all_docs"), "")]
    for symbol, by_lang in titles.items():
        title = by_lang.get(lang) or next((v for v in by_lang.values() if v), "")
        name = f"{title} ({symbol})" if title else symbol
        status = standings[symbol].label(lang) if symbol in standings else ""
        choices.append((f"{name} — {status}" if status else name, symbol))
    return choices


def default_doc(components: Components) -> str | None:
    ids = doc_ids(components)
    return ids[0] if ids else None


def browse(components: Components, doc_id: str | None, query: str, lang: str,
           target: int | None = None, message: str = "", view: str = "original"
           ) -> tuple[str, str]:
    """(table of contents, reader) for one document, filtered by ``query``; ``view``:
    the original, its stored machine translation, or both side by side."""
    doc_id = doc_id or default_doc(components)
    if doc_id is None:
        return "", f'<div class="reader"><p class="reader-msg">{esc(t(lang, "no_docs"))}</p></div>'
    paragraphs = components.store.all_paragraphs(doc_id)
    tree = tree_html(section_tree(paragraphs), lang)
    translations = translated(components, doc_id, paragraphs) if view != "original" else None
    official = official_versions(components, paragraphs) if view != "original" else None
    return tree, reader_html(paragraphs, lang, query=query or "", target=target, message=message,
                             view=view, translations=translations,
                             model=components.translation.identity, official=official)


def official_versions(components: Components, paragraphs: list[Paragraph]
                      ) -> dict[str, Paragraph]:
    """Each paragraph's official version in the other language (zh <-> en), where the
    store holds it: the reader shows it instead of a machine translation."""
    snap = components.library.snapshot()
    other = {p.id: snap.version(p, "en" if p.lang == "zh" else "zh")[0] for p in paragraphs}
    return {pid: v for pid, v in other.items() if v.id != pid}


def translated(components: Components, doc_id: str, paragraphs: list[Paragraph]
               ) -> dict[str, list[tuple[str, bool]]]:
    """Each paragraph's sentences in the other language where a translation is stored
    and passed its checks; the original sentence, marked, where not."""
    service = components.translation
    extra = service.extra_terms(doc_id, paragraphs)
    out: dict[str, list[tuple[str, bool]]] = {}
    for p in paragraphs:
        rows = []
        for sentence in split_sentences(p.text):
            tr = service.lookup(sentence, p.lang, extra)
            rows.append((tr.text, True) if tr is not None and tr.shown else (sentence, False))
        out[p.id] = rows if any(done for _, done in rows) else []
    return out


def jump(components: Components, doc_id: str | None, n: float | None,
         lang: str, view: str = "original") -> tuple[str, str, str]:
    """Show the whole document with ¶n marked (the filter is cleared so it is there)."""
    doc_id = doc_id or default_doc(components)
    if n is None or doc_id is None:
        return (*browse(components, doc_id, "", lang, view=view), "")
    n = int(n)
    known = {p.n for p in components.store.all_paragraphs(doc_id)}
    message = "" if n in known else t(lang, "no_para", doc=doc_id, n=n)
    return (*browse(components, doc_id, "", lang, target=n, message=message, view=view), "")


def target_in(target: list | tuple | None, doc_id: str | None) -> int | None:
    """The marked paragraph number, when the mark is in the document shown."""
    if not target or len(target) != 2 or target[0] != doc_id:
        return None
    try:
        return int(target[1])
    except (TypeError, ValueError):
        return None


def resolve_doc(components: Components, doc: str | None, lang: str) -> str | None:
    """A document named in a link: its id, or its symbol (the version in ``lang`` first)."""
    if not doc:
        return None
    ids = doc_ids(components)
    if doc in ids:
        return doc
    versions = [d for d in ids if symbol_of(d) == doc.strip()]
    by_lang = [d for d in versions if d.endswith(f"({lang})")]
    return next(iter(by_lang or versions), None)


def open_link(components: Components, params: dict[str, str], lang: str
              ) -> tuple[str | None, int | None, str, str]:
    """``?doc=A/HRC/47/47&p=9``: (doc_id, 9, contents, reader with ¶9 marked); without a
    link, the default document; with a broken one, the reason in the reader."""
    named = (params.get("doc") or "").strip()
    raw = (params.get("p") or "").strip().lstrip("¶")
    doc = resolve_doc(components, named, lang)
    if not named:
        return (doc := default_doc(components)), None, *browse(components, doc, "", lang)
    if doc is None:
        fallback = default_doc(components)
        return (fallback, None,
                *browse(components, fallback, "", lang, message=t(lang, "no_doc", doc=named)))
    n = int(raw) if raw.isdigit() else None
    tree, text, _ = jump(components, doc, n, lang)
    return doc, n, tree, text


def summary_html(summary: IngestSummary, lang: str) -> str:
    """One row per file: the counts, or the file's one-line error."""
    head = t(lang, "ingest_head").split(",")
    rows = []
    for f in summary.files:
        name = esc(Path(f.path).name)
        if f.error:
            rows.append(f'<tr><td>{name}</td><td colspan="5" class="failed">'
                        f'{esc(t(lang, "ingest_failed"))}: {esc(f.error)}</td></tr>')
        else:
            cells = "".join(f"<td>{v}</td>" for v in (f.added, f.updated, f.unchanged, f.deleted))
            rows.append(f"<tr><td>{name}</td><td>{esc(f.doc_id)}</td>{cells}</tr>")
    header = ("<tr>" + f"<th>{esc(head[0])}</th><th>doc_id</th>"
              + "".join(f"<th>{esc(h)}</th>" for h in head[1:]) + "</tr>")
    return (f'<div class="ingest"><p>{esc(t(lang, "ingest_done", line=summary.line()))}</p>'
            f"<table>{header}{''.join(rows)}</table></div>")


def ingest(components: Components, files: list[str] | None, lang: str) -> tuple[str, Any, Any]:
    """Ingest uploads; returns (summary, chat doc filter, reader doc choice) updates.

    ``ingest_files`` reports through tqdm, which the app's ``gr.Progress(track_tqdm=True)``
    turns into the progress bar.
    """
    if not files:
        return (f'<div class="ingest failed">{esc(t(lang, "no_files"))}</div>',
                gr.skip(), gr.skip())
    paths = [Path(f if isinstance(f, str) else f.name) for f in files]
    try:
        summary = ingest_files(components.settings, components.store, components.embedder,
                               paths, progress=True)
        prepare_indexes(components)  # searchable from the next question on
        for f in summary.files:  # English readers get them translated, in the background
            if not f.error and f.added + f.updated:
                translate_in_background(components.translation, f.doc_id,
                                        components.store.all_paragraphs(f.doc_id))
    except Exception:
        log.exception("ingesting %s failed", [p.name for p in paths])
        return f'<div class="ingest failed">{esc(t(lang, "error"))}</div>', gr.skip(), gr.skip()
    added = next((f.doc_id for f in summary.files if not f.error), None)
    ids = doc_ids(components)
    reader = gr.update(choices=ids, value=added) if added else gr.update(choices=ids)
    return summary_html(summary, lang), gr.update(choices=filter_choices(components, lang)), reader
