"""The k-gram text index answers as str.count, ``in`` and a whole-word regex would."""

from __future__ import annotations

import random
import re

import numpy as np
import pytest

from rag.library.textindex import TextIndex, TextView


def _texts(seed: int, alphabet: str) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
            for _ in range(30)]


@pytest.mark.parametrize("alphabet", ["ab ", "人权理事会 a", "ab\U0001f600c"])
def test_every_term_is_counted_per_row_as_str_count_counts_it(alphabet):
    texts = _texts(7, alphabet)
    index = TextIndex(texts)
    rng = random.Random(1)
    terms = ["", "a", "aa", "aaa", "aba", "abab", alphabet[:2], alphabet[::-1][:4]]
    terms += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 6)))
              for _ in range(60)]
    for term in terms:
        rows = index.rows(term)
        expected = [r for r, t in enumerate(texts) for _ in range(t.count(term))] \
            if term else list(range(len(texts)))
        assert rows.tolist() == expected, term


def test_a_view_counts_and_finds_only_in_its_rows():
    texts = ["the human rights council", "councils meet", "人权理事会", "COUNCIL of ten"]
    index = TextIndex([t.lower() for t in texts])
    some = TextView(index, np.array([True, False, True, False]))
    every = TextView(index)
    assert (every.count("Council"), some.count("council")) == (3, 1)
    assert "人权" in some and "meet" not in some and "meet" in every
    # whole words only: "councils" holds "council" as a part, not as a word
    assert not TextView(index, np.array([False, True, False, False])).written("council")
    assert every.written("Council of") and not every.written("man rights")
    assert some.written("rights council") and not some.written("ten")


def test_the_view_looks_a_term_up_in_the_form_its_texts_were_filed_in():
    index = TextIndex(["fell by 1235 people"])
    view = TextView(index, form=lambda t: re.sub(r"(?<=\d),(?=\d{3})", "", t.lower()))
    assert "1,235 People" in view and view.written("1,235 people")
