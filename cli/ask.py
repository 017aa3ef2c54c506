"""``rag ask``: one question, answered with citations, as text or JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from cli.base import cli, friendly, settings_from, store_option
from rag.conversation.base import Exchange


@cli.command()
@click.argument("question")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (= --format json).")
@click.option("--format", "fmt", type=click.Choice(["terminal", "text", "markdown", "json"]),
              default="terminal", show_default=True,
              help="text/markdown: the answer with its sources in UN citation style.")
@click.option("--history", "history", multiple=True, metavar="QUESTION",
              help="An earlier question of the conversation (repeat, oldest first).")
@click.option("--k", type=click.IntRange(1, 50), help="Paragraphs to retrieve (default 5).")
@click.option("--llm", "llm", help="LLM model name to answer with, or 'none' for extractive.")
@click.option("--doc", "doc_id", help="Search only this document.")
@store_option
@click.pass_context
@friendly
def ask(ctx: click.Context, question: str, as_json: bool, fmt: str, history: tuple[str, ...],
        k: int | None, llm: str | None, doc_id: str | None, store_dir: Path | None) -> None:
    """Answer QUESTION with [¶N] citations; a follow-up with --history."""
    from rag.answer.export import as_markdown, as_text
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
    qa = components.qa
    earlier: list[Exchange] = []
    for h in history:  # each earlier question in turn, as the chat would have asked it
        a = qa.ask(h, k=k, doc_id=doc_id, answerer=answerer, history=earlier)
        earlier.append(Exchange(h, a.understood_as, doc_id, a.text))
    answer = qa.ask(question, k=k, doc_id=doc_id, answerer=answerer, history=earlier)
    if as_json or fmt == "json":
        click.echo(json.dumps(answer.to_dict(), ensure_ascii=False, indent=1))
    elif fmt in ("text", "markdown"):
        click.echo((as_text if fmt == "text" else as_markdown)(answer), nl=False)
    else:
        if answer.understood_as:
            click.echo(f"({_understood(answer.language)}: {answer.understood_as})")
        click.echo(render_answer(answer))


def _understood(lang: str) -> str:
    from rag.answer.base import Message
    from rag.answer.messages import render

    return render(Message("export.understood_as"), lang)
