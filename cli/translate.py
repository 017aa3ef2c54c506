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


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=7869, show_default=True)
@click.option("--model", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Another GGUF instead of the packaged model (then set RAG_TRANSLATE_MODEL "
                   "in the workers).")
@click.pass_context
@friendly
def translator(ctx: click.Context, host: str, port: int, model: Path | None) -> None:
    """Run the translator process the servers of this machine share: point them at it with
    RAG_TRANSLATE_BASE_URL=http://HOST:PORT/v1. It loads the model on its first request."""
    from ui.translator import run

    settings = settings_from(ctx)
    run(host, port, settings.model_dir, settings.translate_threads, model)
