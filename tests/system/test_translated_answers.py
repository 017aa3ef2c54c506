"""English questions over the Chinese seed, answered with the translations shipped in
data/translations (no model runs): the reader gets English, labelled as machine-made,
with the Chinese original in the citation."""

from __future__ import annotations

import re

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_an_english_question_reads_the_shipped_translation(seed_components):
    answer = seed_components.qa.ask("What does the report say about easing sanctions?")
    assert not answer.refused and answer.claims
    shown = [c for c in answer.claims if c.translation is not None and c.translation.shown]
    assert shown, [c.translation for c in answer.claims]
    data = answer.to_dict()
    text = data["answer"]
    for claim in shown:
        # the translation is the answer's text, each claim followed by its citation
        assert claim.translation.text in text
        assert claim.translation.model.startswith("qwen2.5-coder-1.5b")
    assert "sanctions" in text.lower()
    assert re.search(r"\[¶\d+\]", text)
    # the Chinese source travels in the claim's quote, not in the English text
    quoted = [c for c in data["claims"] if c["translation"] and c["translation"]["shown"]]
    assert quoted and all(CJK.search(c["quote"]) for c in quoted)
    assert all(c["translation"]["label"].startswith("machine translation") for c in quoted)


def test_a_chinese_question_is_never_translated(seed_components):
    answer = seed_components.qa.ask("报告认为加强全球裁军方面的合作能带来什么好处？")
    assert not answer.refused
    assert all(c.translation is None for c in answer.claims)
