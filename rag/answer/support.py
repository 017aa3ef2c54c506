"""How well a claim is supported by the paragraph it cites.

Two signals: the claim's embedding against the paragraph's sentences, and the
overlap of what must match exactly (numbers, Latin names, Chinese terms). A
verbatim quote is fully supported.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from ingest.base import Paragraph
from ingest.embedders import Embedder
from rag.language.tokens import bigram_tokens

_NUM = re.compile(r"\d+(?:[.,]\d+)*%?")
_LATIN = re.compile(r"[A-Za-z][A-Za-z\-]{1,}")
SentenceVectors = Callable[[list[Paragraph]], dict[str, list[tuple[str, np.ndarray]]]]

COS_FLOOR, COS_CEIL = 0.80, 0.95  # e5 cosines: unrelated text sits near 0.8


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


class SupportScorer:
    def __init__(self, embedder: Embedder, sentence_vectors: SentenceVectors) -> None:
        self.embedder = embedder
        self.sentence_vectors = sentence_vectors

    def __call__(self, claim: str, paragraph: Paragraph) -> float:
        claim = claim.strip()
        if not claim:
            return 0.0
        if _squash(claim) in _squash(paragraph.text):
            return 1.0
        rows = self.sentence_vectors([paragraph]).get(paragraph.id, [])
        cos = 0.0
        if rows:
            vec = self.embedder.passage_vectors([claim])[0]
            cos = float(max(float(v @ vec) for _, v in rows))
        semantic = float(np.clip((cos - COS_FLOOR) / (COS_CEIL - COS_FLOOR), 0.0, 1.0))
        lexical = exact_overlap(claim, paragraph.text)
        score = semantic if lexical is None else 0.5 * semantic + 0.5 * lexical
        if missing_numbers(claim, paragraph.text):
            score *= 0.5  # a number the paragraph never states is a red flag
        return score


def exact_overlap(claim: str, text: str) -> float | None:
    """Share of the claim's numbers, Latin names and Han bigrams found in ``text``."""
    squashed = _squash(text).lower()
    items = [n.replace(",", "") for n in _NUM.findall(claim)]
    items += [w.lower() for w in _LATIN.findall(claim) if w.isupper()]  # acronyms
    han = [t for t in bigram_tokens(claim) if not t.isascii()]
    keys = items + han
    if not keys:
        return None
    return sum(1 for k in keys if k in squashed.replace(",", "")) / len(keys)


def missing_numbers(claim: str, text: str) -> bool:
    have = _squash(text).replace(",", "")
    return any(n.replace(",", "") not in have for n in _NUM.findall(claim))
