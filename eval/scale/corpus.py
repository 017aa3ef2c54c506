"""Distractor corpora around the seed: real UN texts, then paragraphs recombined from
their sentences once the real ones run out (the 100x size).

Nothing here copies the seed: ``distractors.jsonl.gz`` shares no sentence with it (see
``SOURCES.md``), and recombination only reorders distractor sentences. Everything is
deterministic, so an interrupted build resumes on the same documents.
"""

from __future__ import annotations

import gzip
import json
import random
from dataclasses import dataclass
from pathlib import Path

from ingest.base import Paragraph, ParsedDocument, version_doc_id
from ingest.text import split_sentences

HERE = Path(__file__).resolve().parent
DISTRACTORS = HERE / "distractors.jsonl.gz"
SEED_PARAGRAPHS = 89
SYNTHETIC_DOC = 25  # paragraphs per recombined document
RNG_SEED = 14


@dataclass(frozen=True)
class Source:
    doc_id: str
    lang: str
    title: str
    paragraphs: tuple[str, ...]


def load_sources(path: Path = DISTRACTORS) -> list[Source]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return [Source(r["doc_id"], r["lang"], r["title"], tuple(r["paragraphs"])) for r in rows]


def document(doc_id: str, lang: str, title: str, texts: list[str]) -> ParsedDocument:
    doc_id = version_doc_id(doc_id, lang, "zh")
    paras = tuple(Paragraph(doc_id, n, text, section=title, lang=lang)
                  for n, text in enumerate(texts, 1))
    return ParsedDocument(doc_id, lang, paras, source="eval/scale")


def distractors(count: int, sources: list[Source] | None = None) -> list[ParsedDocument]:
    """``count`` distractor paragraphs: the real documents in file order (the last one cut
    short), then recombined English documents of ``SYNTHETIC_DOC`` paragraphs, each of
    one to three sentences drawn from the real ones."""
    sources = sources if sources is not None else load_sources()
    docs: list[ParsedDocument] = []
    left = count
    for src in sources:
        if left <= 0:
            return docs
        take = list(src.paragraphs[:left])
        docs.append(document(src.doc_id, src.lang, src.title, take))
        left -= len(take)
    pool = sorted({s for src in sources if src.lang == "en" for p in src.paragraphs
                   for s in split_sentences(p) if len(s) >= 40})
    rng = random.Random(RNG_SEED)
    k = 0
    while left > 0:
        k += 1
        n = min(SYNTHETIC_DOC, left)
        texts = [" ".join(rng.sample(pool, rng.randint(1, 3))) for _ in range(n)]
        docs.append(document(f"SYN/{k}", "en", f"Recombined distractor {k}", texts))
        left -= n
    return docs


def corpus_size(multiple: int) -> int:
    """Distractor paragraphs that make the seed 1/``multiple`` of the corpus."""
    return max(0, multiple * SEED_PARAGRAPHS - SEED_PARAGRAPHS)
