"""Which sentences the extractive answer quotes besides its best one."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from rag.answer.extractive import ExtractiveAnswerer, Scored
from rag.judge.signals import Thresholds


def _sentence(paragraph: str, index: int, score: float, asked: float) -> Scored:
    return Scored(SimpleNamespace(id=paragraph), index, f"{paragraph}/{index}", score, asked)


def test_a_runner_up_from_another_paragraph_must_tie_as_asked_too():
    answerer = ExtractiveAnswerer(lambda paragraphs: {}, None, max_sentences=5,
                                  same_margin=0.08, other_margin=0.005)
    best = _sentence("p1", 2, 1.000, 1.000)
    scored = [
        best,
        _sentence("p2", 0, 0.998, 0.900),  # ties only through the bridged terms: left out
        _sentence("p3", 1, 0.997, 0.999),  # ties both ways: quoted
        _sentence("p1", 0, 0.950, 0.700),  # its own paragraph, within 0.08: quoted
        _sentence("p4", 0, 0.990, 1.000),  # 0.010 behind: no tie
    ]
    hits = [SimpleNamespace(id=p) for p in ("p1", "p2", "p3", "p4")]
    picked = answerer.choose(scored, best, hits)
    # document order: paragraph rank, then sentence position
    assert [s.text for s in picked] == ["p1/0", "p1/2", "p3/1"]


def test_for_a_slot_another_paragraphs_tie_is_quoted_only_if_it_fills_the_slot_too():
    answerer = ExtractiveAnswerer(lambda paragraphs: {}, None, max_sentences=5,
                                  same_margin=0.08, other_margin=0.005)
    best = _sentence("p2", 0, 1.000, 1.000)  # the best sentence that holds a filler
    tie = _sentence("p1", 0, 0.999, 0.999)  # ties both ways, holds no filler
    filled = _sentence("p3", 1, 0.998, 0.998)  # ties both ways, holds one
    own = _sentence("p2", 1, 0.950, 0.900)  # the best paragraph's runner-up
    scored = [best, tie, filled, own]
    hits = [SimpleNamespace(id=p) for p in ("p1", "p2", "p3")]
    assert [s.text for s in answerer.choose(scored, best, hits)] == \
        ["p1/0", "p2/0", "p2/1", "p3/1"]  # without the slot: the tie leads the answer
    kept = answerer.filling(scored, best, [best, filled])
    assert [s.text for s in answerer.choose(kept, best, hits)] == ["p2/0", "p2/1", "p3/1"]


def _unit(cos: float) -> np.ndarray:
    return np.array([cos, (1 - cos * cos) ** 0.5], dtype=np.float32)


def test_sentences_are_scored_against_their_language_pairs_level():
    # a Chinese question: the English article that answers it at cosine 0.82 (close, across
    # languages: 0.80) against an unrelated Chinese paragraph's sentence at 0.85 (the level
    # within Chinese), ranked second
    english = SimpleNamespace(id="D:30", paragraph=SimpleNamespace(lang="en", text="States shall consult."))
    chinese = SimpleNamespace(id="S:88", paragraph=SimpleNamespace(lang="zh", text="本报告提交理事会。"))
    vectors = {"D:30": [("States shall consult.", _unit(0.82))],
               "S:88": [("本报告提交理事会。", _unit(0.85))]}
    retrieval = SimpleNamespace(
        hits=[english, chinese], question="问题",
        query=SimpleNamespace(vector=[1.0, 0.0], part_vectors=[], terms={"无关": 1.0},
                              lang="zh"))
    answerer = ExtractiveAnswerer(lambda paragraphs: vectors, None)
    best = answerer.score(retrieval, 2)[0]
    # 0.82 - 0.80 + 0.02 (rank prior) = 0.04 against 0.85 - 0.85 + 0.01 = 0.01
    assert best.hit.id == "D:30" and abs(best.score - 0.04) < 1e-5
    # on one scale (the raw cosine) the Chinese sentence would win: 0.84 against 0.86
    flat = ExtractiveAnswerer(lambda paragraphs: vectors, None, scale=Thresholds(0.0, 0.0))
    assert flat.score(retrieval, 2)[0].hit.id == "S:88"
