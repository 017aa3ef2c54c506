"""``python -m eval --questions FILE [--json] [--k 5] [--report DIR] [--store DIR]
[--docs MANIFEST]``."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click

from eval.questions import QuestionFileError, load_questions
from ingest.base import IngestError
from rag.base import QuestionError
from rag.config import SettingsError


@click.command()
@click.option("--questions", "questions_path", required=True,
              type=click.Path(path_type=Path), help="JSONL question file.")
@click.option("--json", "as_json", is_flag=True, help="Print exactly one JSON object.")
@click.option("--k", default=5, show_default=True, type=click.IntRange(1, 50))
@click.option("--report", "report_dir", type=click.Path(path_type=Path),
              help="Write report.md, metrics.png and metrics.json here.")
@click.option("--store", "store_dir", type=click.Path(path_type=Path))
@click.option("--doc", "doc_id", help="Search only this document.")
@click.option("--docs", "manifest", type=click.Path(path_type=Path),
              help="Also ingest the files this manifest lists (eval/docs/manifest.json).")
def main(questions_path: Path, as_json: bool, k: int, report_dir: Path | None,
         store_dir: Path | None, doc_id: str | None, manifest: Path | None) -> None:
    """Score retrieval, citations and answers on a question file."""
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    for noisy in ("bm25s", "chromadb", "jieba", "rag.answer.citations"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    try:
        questions = load_questions(questions_path)
        from eval.evaluator import QAEvaluator
        from eval.report import followup_table, outcome_table, table, write_report
        from rag.config import Settings
        from rag.factory import ready

        settings = Settings()
        if store_dir is not None:
            settings = settings.model_copy(update={"store_dir": store_dir})
        from eval.library import default_document, ingest_manifest

        components = ready(settings)
        if components.seeded:
            click.echo("The store was empty: ingested the seed document first.", err=True)
        if manifest is not None:
            ingest_manifest(components, manifest)
        run = QAEvaluator(questions, k=k, doc_id=doc_id, progress=not as_json,
                          default_doc=default_document(settings))(components.qa)
    except (QuestionFileError, IngestError, QuestionError, SettingsError) as err:
        raise click.ClickException(str(err)) from None
    result = run.result()
    if report_dir is not None:
        for path in write_report(run, result, report_dir):
            click.echo(f"wrote {path}", err=True)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False))
    else:
        click.echo(table(result))
        click.echo("\nAnswerability\n" + outcome_table(result))
        if result.get("followup"):
            click.echo("\nFollow-up questions\n" + followup_table(result))


if __name__ == "__main__":
    main(prog_name="python -m eval")
