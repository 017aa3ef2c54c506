"""The judge's training arithmetic on a tiny fixture: document weights, the outcome
rates and the thresholds chosen for precision, each against hand sums."""

from __future__ import annotations

import numpy as np
import pytest

from eval.answerability.dataset import Row
from eval.answerability.fit import decide_by_language, document_weights, rates, thresholds


def row(group: str, answerable: bool, lang: str = "zh") -> Row:
    return Row(id=f"{group}-{answerable}", file="f", lang=lang, answerable=answerable,
               false_premise=False, kind="k", group=group, signals={"x": 1.0},
               outcome="answer", probability=None, gold_in_top5=True)


def test_a_large_document_weighs_by_the_square_root_of_its_rows():
    rows = [row("big", True)] * 4 + [row("small", True)]
    w = document_weights(rows)
    # raw: 4 ** -0.5 = 0.5 each for "big", 1 for "small"; mean (4 * 0.5 + 1) / 5 = 0.6
    assert w == pytest.approx([0.5 / 0.6] * 4 + [1 / 0.6])
    # "big" as a whole: 4 * 0.5 = 2, twice "small", not four times
    assert w[:4].sum() / w[4] == pytest.approx(2.0)


def test_rates_and_thresholds_by_hand():
    rows = [row("a", True), row("a", True), row("a", True), row("a", True),
            row("b", False), row("b", False)]
    p = np.array([0.9, 0.8, 0.5, 0.2, 0.6, 0.1])
    # with the targets: at most 50% of the unanswerable answered, at most 25% of the
    # answerable refused. Answer at 0.105: the 0.6 one answered (1/2 = 50%); refuse below
    # the highest t <= 0.105 refusing at most one answerable (0.2 < t would be 1 of 4):
    # 0.105 itself (0.2 is not below it)
    from eval.answerability.fit import Targets

    answer_at, refuse_below = thresholds(rows, p, Targets(0.5, 0.25))
    assert answer_at["zh"] == pytest.approx(0.105) and refuse_below["zh"] == pytest.approx(0.105)
    out = decide_by_language(rows, p, {"zh": 0.7}, {"zh": 0.3})
    assert out == ["answer", "answer", "hedge", "refusal", "hedge", "refusal"]
    r = rates(rows, out)["zh"]
    # answerable: 1 of 4 refused, 1 of 4 hedged; unanswerable: 0 of 2 answered, 1 of 2 hedged
    assert (r["answerable_refused"], r["answerable_hedged"]) == (0.25, 0.25)
    assert (r["unanswerable_answered"], r["unanswerable_hedged"]) == (0.0, 0.5)
