"""``rag ingest``, ``rag paragraphs``, ``rag docs``, ``rag remove``: what the store holds."""

from __future__ import annotations

import json
from pathlib import Path

import click

from cli.base import cli, friendly, settings_from, store_option
from ingest.embedders import Embedder
from ingest.pipeline import IngestSummary
from rag.config import Settings
from rag.factory import build, ingest_files, make_embedder, open_store, prepare_indexes
from rag.library.lineage import standings


def index_and_report(settings: Settings, embedder: Embedder, summary: IngestSummary) -> None:
    """After an ingest that changed the store, the indexes the workers load (they do not
    rebuild them); then one line per file on stderr."""
    if any(f.added or f.updated or f.deleted for f in summary.files):
        prepare_indexes(build(settings, embedder=embedder))
    for f in summary.files:
        if f.error:
            click.echo(f"failed: {f.error}", err=True)
        else:
            click.echo(f"{f.doc_id}: {f.added} added, {f.updated} updated, "
                       f"{f.unchanged} unchanged, {f.deleted} deleted "
                       f"({f.kind}: {f.title or 'no title'})", err=True)


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--symbol", help="The document symbol (or another identifier) of FILES that "
              "carry none; the language versions given under one symbol are linked.")
@click.option("--title", help="The document's title, when its first lines do not give it.")
@store_option
@click.pass_context
@friendly
def ingest(ctx: click.Context, files: tuple[Path, ...], symbol: str | None, title: str | None,
           store_dir: Path | None) -> None:
    """Ingest .txt or .pdf FILES (default: the seed report)."""
    if (symbol is not None and not symbol.strip()) or (title is not None and not title.strip()):
        raise click.ClickException("--symbol and --title need a value")
    settings = settings_from(ctx, store_dir=store_dir)
    embedder = make_embedder(settings)
    store = open_store(settings, embedder)
    summary = ingest_files(settings, store, embedder, list(files) or list(settings.seed_files),
                           symbol=symbol, title=title)
    index_and_report(settings, embedder, summary)
    click.echo(summary.line())
    if summary.failed:
        ctx.exit(1)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print one JSON array.")
@click.option("--doc", "doc_id", help="Only this document.")
@store_option
@click.pass_context
@friendly
def paragraphs(ctx: click.Context, as_json: bool, doc_id: str | None,
               store_dir: Path | None) -> None:
    """List the stored paragraphs."""
    settings = settings_from(ctx, store_dir=store_dir)
    store = open_store(settings, make_embedder(settings))
    paras = store.all_paragraphs(doc_id)
    if as_json:
        keys = ("id", "doc_id", "n", "text", "section", "footnotes", "page")
        click.echo(json.dumps([{k: p.to_dict()[k] for k in keys} for p in paras],
                              ensure_ascii=False, indent=1))
        return
    for p in paras:
        notes = f"  [notes {', '.join(str(f.n) for f in p.footnotes)}]" if p.footnotes else ""
        click.echo(f"¶{p.n:<3} {p.doc_id} p.{p.page}  {p.section}{notes}")
        click.echo(f"      {p.text[:120]}{'…' if len(p.text) > 120 else ''}")
    click.echo(f"{len(paras)} paragraph(s) in {settings.where()}", err=True)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print one JSON array.")
@store_option
@click.pass_context
@friendly
def docs(ctx: click.Context, store_dir: Path | None, as_json: bool) -> None:
    """List the stored documents: id, units, kind, language, symbol, status (draft,
    revision 1, adopted as …, superseded by …; - for none) and title."""
    settings = settings_from(ctx, store_dir=store_dir)
    store = open_store(settings, make_embedder(settings))
    infos = store.document_infos()
    status = standings(infos.values(), store.all_paragraphs)  # by symbol
    if as_json:
        click.echo(json.dumps([{**i.to_dict(), "status": status[i.symbol].to_dict()}
                               for i in infos.values()], ensure_ascii=False, indent=1))
    for info in [] if as_json else infos.values():
        click.echo("\t".join([info.doc_id, str(info.units), info.kind, info.lang or "?",
                              info.symbol, status[info.symbol].label() or "-", info.title]))
    if not infos:
        click.echo(f"no documents in {settings.where()}", err=True)


@cli.command()
@click.argument("doc_id")
@store_option
@click.pass_context
@friendly
def remove(ctx: click.Context, doc_id: str, store_dir: Path | None) -> None:
    """Delete one document (all its paragraphs) and nothing else."""
    settings = settings_from(ctx, store_dir=store_dir)
    store = open_store(settings, make_embedder(settings))
    removed = store.remove_document(doc_id)
    if not removed:
        known = ", ".join(store.docs()) or "none"
        raise click.ClickException(f"no document {doc_id!r} in the store (stored: {known})")
    click.echo(f"removed {doc_id}: {removed} paragraph(s)")
