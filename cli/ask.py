"""``rag ask``: one question, answered with citations, as text or JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from cli.main import cli, friendly, settings_from, store_option


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
    from rag.answer.render import render_answer
    from rag.factory import ready

    overrides: dict[str, Any] = {"store_dir": store_dir, "top_k": k}
    answerer = None
    if llm == "none":
        answerer = "extractive"
    elif llm:
        if not settings_from(ctx).llm_enabled:
            raise click.ClickException(
                "--llm needs an LLM: set RAG_LLM_PROVIDER (openai or ollama) and RAG_LLM_BASE_URL"
            )
        overrides["llm_model"] = llm
        answerer = "llm"
    components = ready(settings_from(ctx, **overrides))
    if components.seeded:
        click.echo("The store was empty: ingested the seed document first.", err=True)
    answer = components.qa.ask(question, k=k, doc_id=doc_id, answerer=answerer)
    if as_json:
        click.echo(json.dumps(answer.to_dict(), ensure_ascii=False, indent=1))
    else:
        click.echo(render_answer(answer))
