"""The documents an evaluation runs over: the seed, plus a manifest's files.

``eval/docs/manifest.json`` lists each file with the identifier its questions use
(``doc_id``: the symbol, shared by the language versions) and its title; they are
ingested as ``rag ingest FILE --symbol DOC_ID --title TITLE`` would.
"""

from __future__ import annotations

import json
from pathlib import Path

from ingest.base import IngestError, symbol_of
from ingest.pipeline import IngestSummary, load_document
from rag.config import Settings
from rag.factory import Components, ingest_files


def ingest_manifest(components: Components, manifest: Path) -> list[IngestSummary]:
    """Ingest every file the manifest lists (unchanged files cost nothing), and the seed
    again: a store made before document records gets the seed's (nothing is embedded)."""
    ingest_files(components.settings, components.store, components.embedder,
                 list(components.settings.seed_files), progress=False)
    try:
        entries = json.loads(Path(manifest).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise IngestError(f"{manifest}: cannot read the manifest ({err})") from None
    out = []
    for entry in entries:
        path = Path(manifest).parent / entry["file"]
        summary = ingest_files(components.settings, components.store, components.embedder,
                               [path], progress=False, symbol=entry.get("doc_id"),
                               title=entry.get("title"))
        if summary.failed:
            raise IngestError(summary.failed[0].error or f"{path}: failed")
        out.append(summary)
    components.library.snapshot(force=True)
    return out


def default_document(settings: Settings) -> str:
    """The symbol of the first seed file: what a bare paragraph number in a question
    file refers to."""
    seed = settings.seed_files[0]
    doc = load_document(Path(seed), max_bytes=settings.max_file_bytes,
                        primary_lang=settings.primary_lang)
    return symbol_of(doc.doc_id)
