"""Which sentences the extractive answer quotes besides its best one."""

from __future__ import annotations

from types import SimpleNamespace

from rag.answer.extractive import ExtractiveAnswerer, Scored


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
