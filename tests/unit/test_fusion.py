"""Weighted reciprocal rank fusion against hand arithmetic."""

from __future__ import annotations

import pytest

from rag.retrieve.fusion import rrf


def test_scores_by_hand():
    rankings = {"a": ["p1", "p2", "p3"], "b": ["p2", "p4"]}
    fused = dict(rrf(rankings, {"a": 1.0, "b": 2.0}, k=10))
    assert fused["p1"] == pytest.approx(1 / 11)  # a rank 1: 1/(10+1)
    assert fused["p2"] == pytest.approx(1 / 12 + 2 / 11)  # a rank 2 + b rank 1, weight 2
    assert fused["p3"] == pytest.approx(1 / 13)
    assert fused["p4"] == pytest.approx(2 / 12)  # b rank 2, weight 2
    order = [pid for pid, _ in rrf(rankings, {"a": 1.0, "b": 2.0}, k=10)]
    assert order == ["p2", "p4", "p1", "p3"]  # 0.2727, 0.1667, 0.0909, 0.0769


def test_zero_weight_channel_is_ignored_and_ties_break_by_id():
    fused = rrf({"a": ["x", "y"], "b": ["y", "x"], "off": ["z"]}, {"a": 1, "b": 1, "off": 0}, k=60)
    assert [pid for pid, _ in fused] == ["x", "y"]  # equal sums (1/61 + 1/62): by id
    assert fused[0][1] == pytest.approx(fused[1][1])


def test_unlisted_channel_weighs_one():
    assert rrf({"new": ["q"]}, {}, k=0) == [("q", 1.0)]
