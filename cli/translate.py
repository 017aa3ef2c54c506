"""``rag translate``: translate stored documents ahead of time, resumably."""

from __future__ import annotations

from pathlib import Path

import click
from tqdm import tqdm

from cli.base import cli, friendly, settings_from, store_option


@cli.command()
@click.argument("doc_ids", nargs=-1)
@click.option("--export", "export", type=click.Path(path_type=Path),
              help="Also write the document's translations to this JSON-lines file.")
@store_option
@click.pass_context
@friendly
def translate(ctx: click.Context, doc_ids: tuple[str, ...], export: Path | None,
              store_dir: Path | None) -> None:
    """Translate every sentence of DOC_IDS (default: all stored documents) into the other
    language. Already translated sentences are skipped, so a stopped run resumes."""
    from rag.factory import build
    from rag.translate.service import document_sentences, translate_document

    components = build(settings_from(ctx, store_dir=store_dir))
    service = components.translation
    if not service.enabled:
        raise click.ClickException("translation is off: set RAG_TRANSLATE_BACKEND (local or "
                                   "endpoint), or install the translation model (make run)")
    stored = components.store.docs()
    docs = list(doc_ids) or list(stored)
    unknown = [d for d in docs if d not in stored]
    if unknown:
        raise click.ClickException(f"no document {unknown[0]!r} in the store "
                                   f"(stored: {', '.join(stored) or 'none'})")
    if export and len(docs) != 1:
        raise click.ClickException("--export writes one document: name exactly one DOC_ID")
    failed = False
    for doc_id in docs:
        paragraphs = components.store.all_paragraphs(doc_id)
        with tqdm(total=len(document_sentences(paragraphs)), desc=f"translating {doc_id}",
                  unit="sentence") as bar:
            run = translate_document(service, doc_id, paragraphs, progress=bar.update)
        click.echo(f"{doc_id}: {run.sentences} sentences; {run.cached} already translated, "
                   f"{run.translated} translated ({run.per_second:.2f}/s), "
                   f"{run.failed_checks} failed the checks")
        for error in run.errors:
            click.echo(f"stopped: {error}", err=True)
            failed = True
    if export:
        n = service.cache.export(export, docs[0])
        click.echo(f"wrote {n} translations to {export}", err=True)
    if failed:
        ctx.exit(1)
