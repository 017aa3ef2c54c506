"""The second-opinion measurement's arithmetic (eval/answerability/opinion.py), on a
tiny fixture whose rates are worked out by hand."""

from __future__ import annotations

from eval.answerability.opinion import outcome, rates

ROWS = [  # zh: 2 answerable, 2 not; en: 1 and 1
    {"lang": "zh", "answerable": True, "judge": 0.9},   # answer
    {"lang": "zh", "answerable": True, "judge": 0.5},   # hedge (0.32 <= 0.5 < 0.70)
    {"lang": "zh", "answerable": False, "judge": 0.75},  # answer: a wrong answer
    {"lang": "zh", "answerable": False, "judge": 0.1},  # refusal
    {"lang": "en", "answerable": True, "judge": 0.2},   # refusal: a wrong refusal
    {"lang": "en", "answerable": False, "judge": 0.4},  # hedge
]
AT = {"zh": (0.70, 0.32), "en": (0.575, 0.35)}


def test_outcomes_follow_the_thresholds():
    assert [outcome(r["judge"], AT[r["lang"]]) for r in ROWS] == [
        "answer", "hedge", "answer", "refusal", "refusal", "hedge"]


def test_rates_by_hand():
    got = rates(ROWS, lambda _i, r: outcome(r["judge"], AT[r["lang"]]))
    # zh: answerable refused 0/2, hedged 1/2 = 50%; unanswerable answered 1/2 = 50%
    assert got["zh"] == ("answerable 2: refused 0.0%, hedged 50.0%; unanswerable 2: "
                         "answered 50.0%")
    # en: answerable refused 1/1 = 100%, hedged 0/1; unanswerable answered 0/1
    assert got["en"] == ("answerable 1: refused 100.0%, hedged 0.0%; unanswerable 1: "
                         "answered 0.0%")
