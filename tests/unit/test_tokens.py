"""Part-of-speech tags are kept per text, and forgotten when jieba learns a new word."""

from __future__ import annotations

from rag.language.tokens import add_words, pos_tags


def test_tags_are_kept_per_text_until_jieba_learns_a_word_of_it():
    text = "甲乙丙丁戊研究所发表了声明"  # a made-up name that no other test uses
    before = pos_tags(text)
    assert pos_tags(text) is before  # kept, not tagged again
    assert "甲乙丙丁戊研究所" not in [w for w, _ in before]
    add_words(["甲乙丙丁戊研究所"])
    after = pos_tags(text)
    assert after is not before and after[0][0] == "甲乙丙丁戊研究所"
    add_words(["甲乙丙丁戊研究所"])  # known already, at the same weight: nothing forgotten
    assert pos_tags(text) is after
