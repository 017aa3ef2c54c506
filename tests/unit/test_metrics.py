"""Metrics against hand arithmetic; the question loader's errors."""

from __future__ import annotations

import re

import pytest

from eval.metrics import METRIC_KEYS, Outcome, compute, contains_any, percentile
from eval.questions import QuestionFileError, load_questions


def outcome(id_, lang, answerable, gold, retrieved, cited, refused, correct, ranking=None):
    return Outcome(id_, lang, answerable, gold, retrieved, ranking or retrieved, cited,
                   refused, correct if answerable else None, 10.0)


FIXTURE = [
    outcome("a1", "zh", True, [3], [3, 1, 2], [3], False, True),
    outcome("a2", "zh", True, [5], [1, 5, 2], [5, 1], False, True),
    outcome("a3", "en", True, [7, 8], [1, 2, 3, 4, 8], [], True, False),
    outcome("a4", "en", True, [9], [1, 2, 3, 4, 5], [2], False, False,
            ranking=[1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 9]),  # gold 9 at rank 11: outside MRR@10
    outcome("u1", "en", False, [], [4, 5], [], True, None),
    outcome("u2", "zh", False, [], [6, 7], [6], False, None),
]


def test_three_outcomes_by_hand():
    from dataclasses import replace

    from eval.metrics import three_outcomes

    rows = [
        replace(FIXTURE[0], outcome="answer"),
        replace(FIXTURE[1], outcome="hedge", pointers=[1, 5]),  # points to its gold 5
        replace(FIXTURE[2], outcome="hedge", pointers=[1, 2]),  # does not
        replace(FIXTURE[3], outcome="correction"),  # an answerable one taken for a premise
        replace(FIXTURE[4], outcome="refusal"),
        replace(FIXTURE[5], outcome="answer"),
        outcome("f1", "zh", False, [4], [4], [4], False, None),  # corrected from its gold
        outcome("f2", "en", False, [6], [1], [1], False, None),  # corrected from another
        outcome("f3", "en", False, [6], [6], [], True, None),
    ]
    rows[6:] = [replace(rows[6], outcome="correction", false_premise=True),
                replace(rows[7], outcome="correction", false_premise=True),
                replace(rows[8], outcome="refusal", false_premise=True)]
    t = three_outcomes(rows)
    a, u, f = t["answerable"], t["unanswerable"], t["false_premise"]
    assert a["n"] == 4 and (a["answer"], a["hedge"], a["correction"]) == (1 / 4, 2 / 4, 1 / 4)
    assert a["refusal"] == 0.0 and a["hedge_shows_gold"] == pytest.approx(1 / 2)  # a2, not a3
    assert u["n"] == 2 and (u["answer"], u["refusal"]) == (1 / 2, 1 / 2)  # u2, u1
    assert f["n"] == 3 and f["correction"] == pytest.approx(2 / 3)  # f1, f2 of 3
    assert f["corrected_with_citation"] == pytest.approx(1 / 3)  # f1 cites its gold 4: 1/3
    assert t["misread_as_premise"] == 1  # a4


def test_overall_metrics_by_hand():
    m = compute(FIXTURE)
    assert set(m) == set(METRIC_KEYS) and m["n"] == 6
    assert m["hit@1"] == pytest.approx(1 / 4)  # only a1 has gold first: 1/4
    assert m["hit@5"] == pytest.approx(3 / 4)  # a1, a2, a3 (8 at rank 5): 3/4
    assert m["mrr"] == pytest.approx((1 + 1 / 2 + 1 / 5 + 0) / 4)  # = 1.7/4 = 0.425
    assert m["citation_hit"] == pytest.approx(2 / 3)  # answered a1, a2, a4; a1 and a2 hit: 2/3
    assert m["citation_precision"] == pytest.approx((1 + 1 / 2 + 0) / 3)  # a1 1/1, a2 1/2, a4 0/1
    assert m["answer_correct"] == pytest.approx(2 / 4)  # a1, a2 of 4 answerable
    assert m["refusal_accuracy"] == pytest.approx(1 / 2)  # u1 refused, u2 not
    assert m["false_refusal"] == pytest.approx(1 / 4)  # a3 refused of 4 answerable


def test_per_language_metrics_by_hand():
    en = compute([o for o in FIXTURE if o.lang == "en"])
    assert en["n"] == 3
    assert en["hit@1"] == 0.0  # a3, a4: neither first
    assert en["hit@5"] == pytest.approx(1 / 2)  # a3 only
    assert en["mrr"] == pytest.approx((1 / 5 + 0) / 2)  # = 0.1
    assert en["citation_hit"] == 0.0  # answered: a4, cites 2 not 9
    assert en["citation_precision"] == 0.0
    assert en["refusal_accuracy"] == 1.0 and en["false_refusal"] == pytest.approx(1 / 2)


def test_metrics_with_nothing_to_count_are_null():
    only_answerable = compute(FIXTURE[:2])
    assert only_answerable["refusal_accuracy"] is None
    empty = compute([])
    assert empty["n"] == 0 and all(empty[k] is None for k in METRIC_KEYS if k != "n")
    all_refused = compute([FIXTURE[2]])
    assert all_refused["citation_hit"] is None and all_refused["citation_precision"] is None


def test_contains_any_ignores_case_and_whitespace():
    assert contains_any("The  fund supported 25 个项目", ["25个项目"])
    assert contains_any("COVAX mechanism", ["covax"])
    assert contains_any("anything", [])
    assert not contains_any("nothing here", ["零碳"])


def test_percentile_nearest_rank():
    values = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]
    assert percentile(values, 50) == 50  # rank ceil(0.5*10) = 5
    assert percentile(values, 95) == 100  # rank ceil(9.5) = 10
    assert percentile([], 50) is None


@pytest.mark.parametrize("line, needle", [
    ('{"id": "q1", "lang": "zh"', "line 2: bad JSON"),
    ('{"id": "q1", "lang": "zh", "question": "x", "gold": [1], "answerable": true}',
     "line 2: missing field(s) must_include_any"),
    ('{"id": "q1", "lang": "fr", "question": "x", "gold": [1], "must_include_any": [], '
     '"answerable": true}', "line 2: unknown lang 'fr'"),
    ('{"id": "q1", "lang": "en", "question": "x", "gold": "3", "must_include_any": [], '
     '"answerable": true}', "line 2: gold must be a list"),
    ('{"id": "q1", "lang": "en", "question": "x", "gold": [["A/1"]], "must_include_any": [], '
     '"answerable": true}', "line 2: gold must be a list of paragraph numbers or [doc_id, n]"),
    ('{"id": "q1", "lang": "en", "question": "x", "gold": [[3, "A/1"]], "must_include_any": [],'
     ' "answerable": true}', "line 2: gold must be a list"),
])
def test_malformed_question_files_name_the_line(tmp_path, line, needle):
    good = ('{"id": "q0", "lang": "en", "question": "ok?", "gold": [], "must_include_any": [], '
            '"answerable": false}')
    path = tmp_path / "q.jsonl"
    path.write_text(good + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(QuestionFileError, match=re.escape(needle)):
        load_questions(path)


def test_answer_language_by_hand():
    from eval.metrics import in_language

    # 2 Han among 2 + 30 letters = 6%: English; markers do not count
    assert in_language("The Council met in March 2021 (人权) on cooperation.[¶13]", "en")
    # an untranslated quote is a quote: 0 Han outside it among 22 letters: English
    assert in_language("The report addresses this:“增强全球裁军合作可以释放资源来实现权利。”", "en")
    # counting quotes: 19 Han among 19 + 22 letters = 46%: not English
    assert not in_language("The report addresses this:“增强全球裁军合作可以释放资源来实现权利。”", "en",
                           quotes=True)
    # Han outside quotes: 3 Han among 3 + 22 letters = 12%: not English
    assert not in_language("In section 三. 导言 the report says", "en")
    assert in_language("增强全球裁军合作可以释放资源来实现权利。[A/HRC/47/47 ¶86]", "zh")
    m = compute([
        outcome("a", "en", True, [1], [1], [1], False, True),
        outcome("b", "en", True, [2], [2], [2], False, True),
    ])
    assert m["answer_language"] == 1.0  # empty answers are in any language: 2/2
    assert m["answer_language_quotes"] == 1.0  # 2/2
def test_gold_as_bare_numbers_and_document_pairs(tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_text(
        '{"id": "a", "lang": "en", "question": "x?", "gold": [3, ["A/RES/217(III) (en)", 5]], '
        '"must_include_any": [], "answerable": true, "kind": "named"}\n', encoding="utf-8")
    q = load_questions(path)[0]
    # a bare number is the default document's; a language version counts as its symbol
    assert q.gold == ((None, 3), ("A/RES/217(III)", 5)) and q.kind == "named"


def test_units_compare_by_document_and_number():
    from eval.evaluator import unit

    seed, udhr = "A/HRC/47/47", "A/RES/217(III)"
    outcomes = [
        # the English version of article 5 answers a gold labelled by the symbol
        outcome("d1", "en", True, [(udhr, 5)], [unit("A/RES/217(III) (en)", 5), (seed, 9)],
                [unit("A/RES/217(III) (en)", 5)], False, True),
        # the seed's ¶5 is not the Declaration's article 5
        outcome("d2", "zh", True, [(udhr, 5)], [(seed, 5), (seed, 1)], [(seed, 5)], False, True),
        # two golds, one in each document; the answer cites both
        outcome("d3", "zh", True, [(udhr, 27), (seed, 65)], [(seed, 65), (udhr, 27)],
                [(udhr, 27), (seed, 65)], False, True),
    ]
    m = compute(outcomes)
    assert m["hit@1"] == pytest.approx(2 / 3)  # d1, d3 (either gold first): 2/3
    assert m["hit@5"] == pytest.approx(2 / 3)  # d2 never finds the Declaration: 2/3
    assert m["citation_hit"] == pytest.approx(2 / 3)  # d1, d3: 2/3
    assert m["citation_precision"] == pytest.approx((1 + 0 + 1) / 3)  # d3 cites 2 of 2 golds
