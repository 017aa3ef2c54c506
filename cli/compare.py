"""``rag compare OLD NEW``: what changed between two stored texts of one document (a
draft and the text adopted from it, a text and its revision), paragraph by paragraph."""

from __future__ import annotations

import json
from pathlib import Path

import click

from cli.base import cli, friendly, settings_from, store_option
from ingest.base import DocumentInfo, unit_label
from rag.factory import make_embedder, open_store
from rag.library.compare import Pair, compare


def pick_versions(infos: dict[str, DocumentInfo], old: str, new: str,
                  prefer: tuple[str, ...]) -> tuple[str, str]:
    """The two doc_ids to compare: as named, or, for a symbol, its version in a language
    both have (``prefer`` first)."""
    def versions(name: str) -> dict[str, str]:
        if name in infos:
            return {infos[name].lang: name}
        found = {i.lang: d for d, i in infos.items() if i.symbol == name.strip()}
        if not found:
            stored = ", ".join(sorted({i.symbol for i in infos.values()})) or "none"
            raise click.ClickException(f"no document {name!r} in the store (stored: {stored})")
        return found

    a, b = versions(old), versions(new)
    common = [lang for lang in (*prefer, *sorted(a)) if lang in a and lang in b]
    if not common:
        raise click.ClickException(f"{old} and {new} have no language version in common "
                                   f"({', '.join(sorted(a))} / {', '.join(sorted(b))})")
    return a[common[0]], b[common[0]]


def _cut(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def pair_line(p: Pair) -> str:
    if p.old is None or p.new is None:
        unit = p.new or p.old
        assert unit is not None
        return f"{p.change:<9} {unit_label(unit.n):<12} {_cut(unit.text)}"
    edits = p.edits()
    shown = "; ".join(f"«{_cut(o, 40)}» -> «{_cut(n, 40)}»" for o, n in edits[:3])
    more = f" (+{len(edits) - 3} more)" if len(edits) > 3 else ""
    where = f"{unit_label(p.old.n)} -> {unit_label(p.new.n)}"
    return f"{p.change:<9} {where:<12} ({p.similarity:.3f}) {shown}{more}"


@cli.command(name="compare")
@click.argument("old")
@click.argument("new")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@store_option
@click.pass_context
@friendly
def compare_cmd(ctx: click.Context, old: str, new: str, as_json: bool,
                store_dir: Path | None) -> None:
    """List the paragraphs added, removed and changed from OLD (a draft, say) to NEW (the
    text adopted from it), matched by content: numbers shift between the two."""
    settings = settings_from(ctx, store_dir=store_dir)
    store = open_store(settings, make_embedder(settings))
    old_id, new_id = pick_versions(store.document_infos(), old, new,
                                   (settings.primary_lang, "en"))
    result = compare(old_id, store.all_paragraphs(old_id), new_id, store.all_paragraphs(new_id))
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
        return
    for p in result.pairs:
        if p.change != "unchanged":
            click.echo(pair_line(p))
    moved = [p for p in result.pairs if p.change == "unchanged" and p.renumbered]
    if moved:
        click.echo("renumbered, text unchanged: " + ", ".join(
            f"{unit_label(p.old.n)} -> {unit_label(p.new.n)}" for p in moved
            if p.old is not None and p.new is not None))
    click.echo(result.line())
