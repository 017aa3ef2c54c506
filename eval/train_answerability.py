"""``python -m eval.train_answerability``: train the answerability judge on the dev
question files and ship it as ``rag/judge/model.json``.

Every dev question (``eval/questions/judge/*.jsonl``, ``dev``, ``multidoc``,
``followup``) is asked in each library that holds its documents (the seed alone; the
seed beside three treaties and a 2025 report, ``eval/docs/treaties.json``; every
evaluation document, ``eval/docs/library.json``); the signals the judge read become the
training rows.
Logistic regression and gradient-boosted trees are scored leave-one-document-out; the
better across documents is fitted on every row, calibrated (Platt, on the
out-of-fold probabilities) and given the two thresholds. The report (``--report``)
has the leave-one-document-out tables, the calibration plot and the per-signal ablation.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from eval.answerability.dataset import DEV_FILES, LIBRARIES, collect, fingerprint, load, save
from eval.answerability.train import train, write_model
from rag.judge.model import MODEL_FILE


@click.command()
@click.option("--store", "store_dir", type=click.Path(path_type=Path),
              default=Path("reports/judge/store"), show_default=True,
              help="Where the evaluation libraries are built, one folder each (ingested "
                   "once, then reused).")
@click.option("--rows", "rows_path", type=click.Path(path_type=Path),
              default=Path("reports/judge/rows.jsonl"), show_default=True,
              help="The training rows: written, or read with --reuse.")
@click.option("--reuse", is_flag=True, help="Read the rows instead of asking the questions.")
@click.option("--report", "report_dir", type=click.Path(path_type=Path),
              default=Path("reports/judge"), show_default=True)
@click.option("--model", "model_path", type=click.Path(path_type=Path), default=MODEL_FILE,
              show_default=True, help="Where to write the model file.")
def main(store_dir: Path, rows_path: Path, reuse: bool, report_dir: Path,
         model_path: Path) -> None:
    """Train the answerability judge and write its model file and report."""
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    for noisy in ("bm25s", "chromadb", "jieba", "rag.answer.citations"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    if reuse:
        if not rows_path.exists():
            raise click.ClickException(f"{rows_path}: no rows to reuse; run without --reuse")
        rows = load(rows_path)
    else:
        from eval.library import default_document, ingest_manifest
        from rag.config import Settings
        from rag.factory import ready

        rows = []
        for library in LIBRARIES:
            settings = Settings(store_dir=store_dir / library.name, translate_live=False)
            components = ready(settings)
            if library.manifest is not None:
                ingest_manifest(components, library.manifest)
            click.echo(f"asking the questions in the library '{library.name}'", err=True)
            rows += collect(components, library, DEV_FILES, default_document(settings),
                            progress=False)
        save(rows, rows_path)
    result = train(rows, fingerprint(DEV_FILES), report_dir)
    write_model(result.model, model_path)
    click.echo(result.summary)
    click.echo(f"wrote {model_path} and {report_dir}/answerability.md", err=True)


if __name__ == "__main__":
    main(prog_name="python -m eval.train_answerability")
