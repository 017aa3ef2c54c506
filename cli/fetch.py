"""``rag fetch``: official versions from the UN's document service, ingested under their
symbol (``rag ingest FILE --symbol S`` stays the offline way in)."""

from __future__ import annotations

from pathlib import Path

import click

from cli.base import cli, friendly, settings_from, store_option
from cli.library import index_and_report
from ingest.fetch import (
    check_base_url,
    check_langs,
    check_symbol,
    fetch_all,
    problems,
    summary_line,
)
from ingest.pipeline import IngestSummary
from rag.factory import ingest_files, make_embedder, open_store


@cli.command()
@click.argument("symbols", nargs=-1, required=True)
@click.option("--lang", "langs", metavar="CODES",
              help="Languages to fetch, comma-separated, of ar, zh, en, fr, ru, es "
                   "(default: the primary language and English).")
@store_option
@click.pass_context
@friendly
def fetch(ctx: click.Context, symbols: tuple[str, ...], langs: str | None,
          store_dir: Path | None) -> None:
    """Fetch SYMBOLS' official PDFs from the UN and ingest them, linked by symbol.

    Each PDF is kept in the cache (fetched/): run it again to resume."""
    settings = settings_from(ctx, store_dir=store_dir)
    base = check_base_url(settings.fetch_base_url)
    wanted = [check_symbol(s) for s in dict.fromkeys(symbols)]
    codes = check_langs(langs or f"{settings.primary_lang},en")
    downloads = fetch_all(wanted, codes, base_url=base, cache_dir=settings.cache_path / "fetched",
                          max_bytes=settings.max_file_bytes)
    failed = problems(downloads, base)
    for line in failed:
        click.echo(f"failed: {line}", err=True)
    summary = IngestSummary()
    got = [d for d in downloads if d.ok and d.path is not None]
    if got:
        embedder = make_embedder(settings)
        store = open_store(settings, embedder)
        for d in got:
            assert d.path is not None
            files = ingest_files(settings, store, embedder, [d.path], symbol=d.symbol,
                                 lang=d.lang).files
            for f in files:  # the file is only "en.pdf": say which document it is
                f.error = f"{d.symbol} ({d.lang}): {f.error}" if f.error else None
            summary.files += files
        index_and_report(settings, embedder, summary)
    click.echo(f"{summary_line(downloads)}; {summary.line()}")
    if failed or summary.failed:
        ctx.exit(1)
