"""``python -m rag``: a thin click CLI. Library errors become one-line messages."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click
from pydantic import ValidationError

from ingest.base import IngestError
from rag.base import QuestionError
from rag.config import Settings

USER_ERRORS = (IngestError, QuestionError)


def settings_from(ctx: click.Context, **overrides: Any) -> Settings:
    """The context's settings with this command's flags applied."""
    base: Settings = ctx.obj
    changes = {k: v for k, v in overrides.items() if v is not None}
    return base.model_copy(update=changes) if changes else base


def friendly(fn: Callable) -> Callable:
    """Turn library errors into ``Error: …`` and exit code 1, never a traceback."""

    @wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except USER_ERRORS as err:
            raise click.ClickException(str(err)) from None
        except ValidationError as err:
            first = err.errors()[0]
            raise click.ClickException(f"bad setting {first['loc']}: {first['msg']}") from None

    return wrapper


@click.group()
@click.option("-v", "--verbose", is_flag=True, help="Log progress details to stderr.")
@click.pass_context
def cli(ctx: click.Context, verbose: bool) -> None:
    """Citation-grounded Q&A over UN documents."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    for noisy in ("chromadb", "httpx", "jieba", "sentence_transformers"):
        logging.getLogger(noisy).setLevel(logging.WARNING if verbose else logging.ERROR)
    try:
        ctx.obj = Settings()
    except ValidationError as err:
        first = err.errors()[0]
        raise click.ClickException(f"bad setting {first['loc']}: {first['msg']}") from None


store_option = click.option("--store", "store_dir", type=click.Path(path_type=Path),
                            help="Chroma store directory (default: RAG_STORE_DIR).")


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@store_option
@click.pass_context
@friendly
def ingest(ctx: click.Context, files: tuple[Path, ...], store_dir: Path | None) -> None:
    """Ingest .txt or .pdf FILES (default: the seed report)."""
    from rag.factory import ingest_files, make_embedder, open_store

    settings = settings_from(ctx, store_dir=store_dir)
    embedder = make_embedder(settings)
    store = open_store(settings, embedder)
    summary = ingest_files(settings, store, embedder, list(files) or list(settings.seed_files))
    for f in summary.files:
        if f.error:
            click.echo(f"failed: {f.error}", err=True)
        else:
            click.echo(f"{f.doc_id}: {f.added} added, {f.updated} updated, "
                       f"{f.unchanged} unchanged, {f.deleted} deleted", err=True)
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
    from rag.factory import make_embedder, open_store

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
@click.argument("question")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--k", type=click.IntRange(1, 50), help="Paragraphs to retrieve (default 5).")
@click.option("--llm", "llm", help="LLM model name to answer with, or 'none' for extractive.")
@click.option("--doc", "doc_id", help="Search only this document.")
@store_option
@click.pass_context
@friendly
def ask(ctx: click.Context, question: str, as_json: bool, k: int | None, llm: str | None,
        doc_id: str | None, store_dir: Path | None) -> None:
    """Answer QUESTION with [¶N] citations."""
    from rag.factory import build, ingest_seed_if_empty
    from rag.render_text import render_answer

    overrides: dict[str, Any] = {"store_dir": store_dir, "top_k": k}
    answerer = None
    if llm == "none":
        answerer = "extractive"
    elif llm:
        settings = settings_from(ctx)
        if not settings.llm_enabled:
            raise click.ClickException(
                "--llm needs an LLM: set RAG_LLM_PROVIDER (openai or ollama) and RAG_LLM_BASE_URL"
            )
        overrides["llm_model"] = llm
        answerer = "llm"
    settings = settings_from(ctx, **overrides)
    components = build(settings)
    if ingest_seed_if_empty(settings, components.store, components.embedder):
        click.echo("The store was empty: ingested the seed document first.", err=True)
    answer = components.qa.ask(question, k=k, doc_id=doc_id, answerer=answerer)
    if as_json:
        click.echo(json.dumps(answer.to_dict(), ensure_ascii=False, indent=1))
    else:
        click.echo(render_answer(answer))


@cli.command()
@store_option
@click.pass_context
@friendly
def docs(ctx: click.Context, store_dir: Path | None) -> None:
    """List the stored documents with their paragraph counts."""
    from rag.factory import make_embedder, open_store

    settings = settings_from(ctx, store_dir=store_dir)
    store = open_store(settings, make_embedder(settings))
    counts = store.docs()
    for doc_id, n in counts.items():
        click.echo(f"{doc_id}\t{n}")
    if not counts:
        click.echo(f"no documents in {settings.where()}", err=True)


@cli.command()
@click.argument("doc_id")
@store_option
@click.pass_context
@friendly
def remove(ctx: click.Context, doc_id: str, store_dir: Path | None) -> None:
    """Delete one document (all its paragraphs) and nothing else."""
    from rag.factory import make_embedder, open_store

    settings = settings_from(ctx, store_dir=store_dir)
    store = open_store(settings, make_embedder(settings))
    removed = store.remove_document(doc_id)
    if not removed:
        known = ", ".join(store.docs()) or "none"
        raise click.ClickException(f"no document {doc_id!r} in the store (stored: {known})")
    click.echo(f"removed {doc_id}: {removed} paragraph(s)")


@cli.command()
@click.option("--host", help="Interface to bind (default 127.0.0.1).")
@click.option("--port", type=int, help="Port (default 7860).")
@click.option("--auth", help="USER:PASS required to open the page.")
@store_option
@click.pass_context
@friendly
def serve(ctx: click.Context, host: str | None, port: int | None, auth: str | None,
          store_dir: Path | None) -> None:
    """Start the chat UI."""
    from ui.server import serve as run_server

    settings = settings_from(ctx, host=host, port=port, auth=auth, store_dir=store_dir)
    if settings.auth and ":" not in settings.auth:
        raise click.ClickException("--auth must look like USER:PASS")
    run_server(settings)


def main() -> None:
    cli(prog_name="python -m rag")
