"""``make bench-scale``: ingest, query latency, BM25 build and load, memory and hit@5 as
the corpus grows from the seed alone (1x) to 10x, 100x and 300x its size.

Each size has its own store under ``reports/scale/`` and a ledger of per-document ingest
times, so a killed run resumes where it stopped (finished documents are not embedded
again) and the ingest time is the sum of each document's one complete ingest. Each size
is measured in a fresh process (its peak RSS is that size's). Writes ``results.json``,
``table.md`` and ``scale.png``.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import cast

import click

from eval.scale.corpus import corpus_size, distractors
from ingest.embedders import Embedder
from rag.config import PROJECT_ROOT, Settings

OUT = PROJECT_ROOT / "reports" / "scale"
DEV = PROJECT_ROOT / "eval" / "questions" / "dev.jsonl"


def ingest(multiple: int, out: Path, settings: Settings) -> dict:
    """Bring the size's store up to its corpus, logging each document's ingest time."""
    from ingest.pipeline import FileResult, load_document, sync_document
    from ingest.text import split_sentences
    from rag.factory import make_embedder, open_store

    embedder = make_embedder(settings)
    store = open_store(settings, embedder)
    counting = Counting(embedder)
    ledger = out / f"ingest-{multiple}x.jsonl"
    seed = load_document(settings.seed_files[0], max_bytes=settings.max_file_bytes)
    docs = [seed, *distractors(corpus_size(multiple))]
    for i, doc in enumerate(docs, 1):
        result = FileResult(doc.doc_id)
        counting.texts = 0
        t0 = time.perf_counter()
        sync_document(doc, store, cast(Embedder, counting), result, progress=False,
                      batch=settings.ingest_batch)
        seconds = time.perf_counter() - t0
        if result.added or result.updated:
            row = {"doc_id": doc.doc_id, "paragraphs": result.added + result.updated,
                   "sentences": sum(len(split_sentences(p.text)) for p in doc.paragraphs),
                   "embedded": counting.texts,
                   "seconds": round(seconds, 3), "complete": result.unchanged == 0}
            with ledger.open("a", encoding="utf-8") as fh:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        if i % 20 == 0 or i == len(docs):
            click.echo(f"  {multiple}x: {i}/{len(docs)} documents", err=True)
    rows: dict[str, dict] = {}
    for line in ledger.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        rows[row["doc_id"]] = row  # the last ingest of each document
    wanted = {d.doc_id for d in docs}
    done = [r for d, r in rows.items() if d in wanted]
    seconds = sum(r["seconds"] for r in done)
    # rows from before the count was kept embedded every sentence
    embedded = sum(r.get("embedded", r["sentences"]) for r in done)
    return {"documents": len(docs), "paragraphs": sum(len(d.paragraphs) for d in docs),
            "embedded": embedded,
            "sentences": sum(len(split_sentences(p.text)) for d in docs for p in d.paragraphs),
            "ingest_s": seconds,
            "resumed": any(not r["complete"] for r in done)}


class Counting:
    """The embedder, counting the texts it is asked to embed during ingest."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder
        self.texts = 0

    def passage_vectors(self, texts: list[str]):
        self.texts += len(texts)
        return self.embedder.passage_vectors(texts)


def measure(store_dir: Path, questions: Path) -> dict:
    """Everything a worker pays at this size; run in a fresh process."""
    import tempfile

    from eval.load import peak_rss_mb
    from eval.metrics import percentile
    from eval.questions import load_questions
    from ingest.base import symbol_of
    from ingest.pipeline import load_document
    from rag.factory import build
    from rag.retrieve.channels.bm25 import BM25Channel, BM25Index

    # RAG_CACHE_DIR from the parent; translation is not what grows with the corpus
    settings = Settings(store_dir=store_dir, translate_backend="none")
    components = build(settings)
    store = components.store
    if not store.generation():
        store.touch()  # a store written before the write token: give it one
    t0 = time.perf_counter()
    store.fingerprint()
    fingerprint_ms = (time.perf_counter() - t0) * 1e3
    t0 = time.perf_counter()
    store.generation()
    check_ms = (time.perf_counter() - t0) * 1e3
    t0 = time.perf_counter()
    components.library.snapshot(force=True)  # also loads jieba and the dictionary, once
    first_snapshot_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    snap = components.library.snapshot(force=True)  # what a refresh after a write costs
    snapshot_s = time.perf_counter() - t0
    bm25 = {"build_s": 0.0, "save_s": 0.0, "load_s": 0.0, "disk_mb": 0.0}
    paragraphs = list(snap.paragraphs.values())
    for channel in components.retriever.channels:
        if not isinstance(channel, BM25Channel):
            continue
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            index = BM25Index.build(paragraphs, channel.tokenize)
            bm25["build_s"] += time.perf_counter() - t0
            t0 = time.perf_counter()
            index.save(Path(tmp) / "i")
            bm25["save_s"] += time.perf_counter() - t0
            bm25["disk_mb"] += sum(f.stat().st_size for f in (Path(tmp) / "i").iterdir()) / 1e6
            t0 = time.perf_counter()
            BM25Index.load(Path(tmp) / "i", channel.tokenize)
            bm25["load_s"] += time.perf_counter() - t0
    qs = load_questions(questions)
    for lang in ("zh", "en"):  # warm: what a snapshot builds on first use is in place
        components.qa.ask(next(q.question for q in qs if q.lang == lang))
    seed_id = load_document(settings.seed_files[0], max_bytes=settings.max_file_bytes).doc_id
    times: dict[str, list[float]] = {"zh": [], "en": []}
    hits: dict[str, list[bool]] = {"zh": [], "en": []}
    for q in qs:
        t0 = time.perf_counter()
        answer = components.qa.ask(q.question)
        times[q.lang].append((time.perf_counter() - t0) * 1e3)
        if q.answerable:
            got = {h.paragraph.n for h in answer.retrieved[:5] if h.paragraph.doc_id == seed_id}
            # gold is (symbol or None for the default document, n) since issue 12
            gold = {n for doc, n in q.gold if doc in (None, symbol_of(seed_id))}
            hits[q.lang].append(bool(got & gold))
    out = {"fingerprint_ms": fingerprint_ms, "check_ms": check_ms, "snapshot_s": snapshot_s,
           "first_snapshot_s": first_snapshot_s,
           **{f"bm25_{k}": v for k, v in bm25.items()}}
    for lang in ("zh", "en"):
        out[f"p50_{lang}_ms"] = float(percentile(times[lang], 50) or 0)
        out[f"p95_{lang}_ms"] = float(percentile(times[lang], 95) or 0)
        out[f"hit5_{lang}"] = sum(hits[lang]) / len(hits[lang])
    every = hits["zh"] + hits["en"]
    out["hit5_all"] = sum(every) / len(every)
    out["peak_rss_mb"] = peak_rss_mb(__import__("os").getpid()) or 0.0
    return out


def table(results: dict[str, dict]) -> str:
    head = ["size", "paragraphs", "sentences (embedded)", "ingest", "¶/s", "sentences/s",
            "p50 / p95 zh", "p50 / p95 en", "BM25 build / load", "snapshot",
            "refresh check", "peak RSS", "hit@5 zh / en / all"]
    rows = []
    for size, r in sorted(results.items(), key=lambda kv: int(kv[0])):
        rows.append([
            f"{size}x", f"{r['paragraphs']:,}",
            f"{r['sentences']:,} ({r.get('embedded', r['sentences']):,})",
            f"{r['ingest_s']:.0f} s", f"{r['paragraphs'] / r['ingest_s']:.1f}",
            f"{r['sentences'] / r['ingest_s']:.1f}",
            f"{r['p50_zh_ms']:.0f} / {r['p95_zh_ms']:.0f} ms",
            f"{r['p50_en_ms']:.0f} / {r['p95_en_ms']:.0f} ms",
            f"{r['bm25_build_s']:.2f} / {r['bm25_load_s']:.3f} s", f"{r['snapshot_s']:.1f} s",
            f"{r.get('check_ms', float('nan')):.1f} ms (fingerprint {r['fingerprint_ms']:.0f})",
            f"{r['peak_rss_mb']:.0f} MB",
            f"{r['hit5_zh']:.3f} / {r['hit5_en']:.3f} / {r['hit5_all']:.3f}"])
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in rows])


def plot(results: dict[str, dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = sorted(results, key=int)
    x = [results[s]["paragraphs"] for s in sizes]
    panels = [
        ("ingest (s)", [("ingest", "ingest_s", 1)]),
        ("ask latency (ms)", [("p50 zh", "p50_zh_ms", 1), ("p95 zh", "p95_zh_ms", 1),
                              ("p50 en", "p50_en_ms", 1), ("p95 en", "p95_en_ms", 1)]),
        ("BM25, both channels (s)", [("build", "bm25_build_s", 1), ("load", "bm25_load_s", 1),
                                     ("snapshot", "snapshot_s", 1)]),
        ("peak RSS (MB)", [("RSS", "peak_rss_mb", 1)]),
        ("dev hit@5", [("zh", "hit5_zh", 1), ("en", "hit5_en", 1), ("all", "hit5_all", 1)]),
    ]
    fig, axes = plt.subplots(1, len(panels), figsize=(4 * len(panels), 3.4))
    for ax, (title, series) in zip(axes, panels):
        for label, key, scale in series:
            ax.plot(x, [results[s][key] * scale for s in sizes], marker="o", label=label)
        ax.set_xscale("log")
        ax.set_title(title)
        ax.set_xlabel("paragraphs")
        if len(series) > 1:
            ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def shared_cache(cache: Path) -> None:
    """The dictionary from the usual cache, so that it is not built again here."""
    cache.mkdir(parents=True, exist_ok=True)
    for pkl in Settings().cache_path.glob("*.pkl"):
        if not (cache / pkl.name).exists():
            shutil.copy(pkl, cache / pkl.name)


@click.group(invoke_without_command=True)
@click.option("--sizes", default="1,10,100,300", show_default=True,
              help="Multiples of the seed's size, comma-separated.")
@click.option("--out", type=click.Path(path_type=Path), default=OUT, show_default=True)
@click.option("--remeasure", is_flag=True, help="Measure sizes that already have results.")
@click.pass_context
def main(ctx: click.Context, sizes: str, out: Path, remeasure: bool) -> None:
    """Build (or resume) each size's store, measure it in a fresh process, write the table."""
    if ctx.invoked_subcommand:
        return
    logging.basicConfig(level=logging.ERROR)
    out.mkdir(parents=True, exist_ok=True)
    results_path = out / "results.json"
    results = json.loads(results_path.read_text()) if results_path.exists() else {}
    shared_cache(out / "cache")
    for multiple in [int(s) for s in sizes.split(",")]:
        settings = Settings(store_dir=out / f"store-{multiple}x", cache_dir=out / "cache")
        if str(multiple) in results and not remeasure:
            click.echo(f"{multiple}x: measured before (--remeasure to redo)", err=True)
            continue
        click.echo(f"{multiple}x: ingesting", err=True)
        built = ingest(multiple, out, settings)
        click.echo(f"{multiple}x: measuring", err=True)
        proc = subprocess.run([sys.executable, "-m", "eval.scale", "measure",
                               str(settings.store_dir)], cwd=PROJECT_ROOT, check=True,
                              capture_output=True, text=True,
                              env={**os.environ, "RAG_CACHE_DIR": str(out / "cache")})
        results[str(multiple)] = {**built, **json.loads(proc.stdout.strip().splitlines()[-1])}
        results_path.write_text(json.dumps(results, indent=1))
    (out / "table.md").write_text(table(results) + "\n")
    plot(results, out / "scale.png")
    click.echo(table(results))


@main.command("build")
@click.option("--sizes", default="1,10,100,300", show_default=True)
@click.option("--out", type=click.Path(path_type=Path), default=OUT, show_default=True)
def build_command(sizes: str, out: Path) -> None:
    """Build (or resume) each size's store without measuring it: a long build can run
    niced beside other work, and be measured later on a quiet machine."""
    logging.basicConfig(level=logging.ERROR)
    out.mkdir(parents=True, exist_ok=True)
    shared_cache(out / "cache")
    for multiple in [int(s) for s in sizes.split(",")]:
        settings = Settings(store_dir=out / f"store-{multiple}x", cache_dir=out / "cache")
        click.echo(f"{multiple}x: ingesting", err=True)
        built = ingest(multiple, out, settings)
        (out / f"built-{multiple}x.json").write_text(json.dumps(built, indent=1))
        click.echo(f"{multiple}x: built, {built['paragraphs']:,} paragraphs", err=True)


@main.command("measure")
@click.argument("store_dir", type=click.Path(path_type=Path))
@click.option("--questions", type=click.Path(path_type=Path), default=DEV)
def measure_command(store_dir: Path, questions: Path) -> None:
    """(internal) Measure one size's store; prints one JSON line."""
    logging.basicConfig(level=logging.ERROR)
    click.echo(json.dumps(measure(store_dir, questions)))


if __name__ == "__main__":
    main()
