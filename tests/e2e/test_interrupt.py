"""SIGKILL ``rag ingest`` halfway through a large document; the next run completes the store."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading

from ingest.pipeline import load_document
from ingest.store import ParagraphStore, make_client
from ingest.text import split_sentences
from tests.support import ROOT, run

N = 360


def large_document() -> str:
    lines = ["A/HRC/97/3", "Human Rights Council", "A long report for the interruption test",
             "I. Findings"]
    for n in range(1, N + 1):
        lines.append(f"{n}. In 2028 review team {n} visited {n % 17 + 2} districts and checked "
                     f"water points. It reported that {n % 9 + 1} schools gained sanitation.")
    return "\n".join(lines) + "\n"


def test_killed_ingest_completes_exactly_on_the_next_run(tmp_path, embedder):
    doc = tmp_path / "long.txt"
    doc.write_text(large_document(), encoding="utf-8")
    store_dir = tmp_path / "s"
    proc = subprocess.Popen([sys.executable, "-m", "rag", "ingest", str(doc), "--store",
                             str(store_dir)], cwd=ROOT, stderr=subprocess.PIPE,
                            stdout=subprocess.DEVNULL)
    progress = threading.Event()

    def watch() -> None:
        buf = b""
        while chunk := proc.stderr.read1(256):  # tqdm redraws with \r
            buf = (buf + chunk)[-400:]
            counts = [int(m) for m in re.findall(rb"\| *(\d+)/\d+", buf)]
            if counts and max(counts) >= N // 3:
                progress.set()

    threading.Thread(target=watch, daemon=True).start()
    assert progress.wait(timeout=300), "ingest never got a third of the way"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    expected = load_document(doc, max_bytes=50_000_000)
    partial = ParagraphStore(make_client(store_dir), name="un-docs",
                             embedder_id=embedder.identity)
    stored_before = partial.count()
    assert 0 < stored_before < len(expected.paragraphs)
    del partial

    resumed = run("rag", "ingest", str(doc), "--store", str(store_dir), timeout=600)
    assert resumed.returncode == 0, resumed.stderr
    added = int(re.search(r"(\d+) added", resumed.stdout).group(1))
    assert added == len(expected.paragraphs) - stored_before

    store = ParagraphStore(make_client(store_dir), name="un-docs",
                           embedder_id=embedder.identity)
    want_ids = {p.id for p in expected.paragraphs}
    assert set(store.hashes()) == want_ids and store.count() == len(want_ids)
    sentences = store.sentences.get(include=["metadatas"])
    assert len(sentences["ids"]) == len(set(sentences["ids"]))
    assert len(sentences["ids"]) == sum(len(split_sentences(p.text)) for p in expected.paragraphs)
    hashes = {p.id: p.content_hash for p in expected.paragraphs}
    assert all(m["hash"] == hashes[m["para_id"]] for m in sentences["metadatas"])
