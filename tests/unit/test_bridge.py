"""The English-to-Chinese term bridge over a tiny hand-made reversed dictionary."""

from __future__ import annotations

import math

import pytest

from rag.language.bridge import TermBridge, content_stems

REVERSE = {
    ("sanction",): [("制裁", True, False), ("批准", False, False), ("处罚", True, False)],
    ("human", "right"): [("人权", True, False)],
    ("world", "bank"): [("世界银行", True, True)],
    ("world",): [("世界", True, False)],
}
CORPUS = "应该取消单方面的经济制裁。人权高专办支持各国。世界正在经历危机。"


@pytest.fixture
def bridge():
    return TermBridge(REVERSE, CORPUS)


def test_longest_phrase_first_and_only_terms_in_the_corpus(bridge):
    glosses = dict(bridge.glosses("human rights and sanctions"))
    assert glosses["human rights"] == {"人权": 1.0}
    # 批准 and 处罚 are not in the corpus: one candidate left, weight 1/sqrt(1)
    assert glosses["sanctions"] == {"制裁": 1.0}
    assert "世界银行" not in bridge.terms_for("the World Bank")  # absent from the corpus


def test_candidates_share_the_weight():
    bridge = TermBridge({("sanction",): [("制裁", True, False), ("批准", True, False)]},
                        "制裁。批准。")
    assert bridge.terms_for("sanctions") == pytest.approx({"制裁": 1 / math.sqrt(2),
                                                        "批准": 1 / math.sqrt(2)})


def test_numbers_acronyms_and_months_pass_through(bridge):
    terms = bridge.terms_for("What did COVAX do in March 2021 with 0.7% of GNI?")
    assert {"covax", "2021", "0.7%", "3月"} <= set(terms)


def test_content_stems_drop_stopwords():
    assert content_stems("What does the report say about the sanctions?") == ["sanction"]


def test_a_two_word_document_kind_bridges_as_one_term():
    """Word by word "general comment" is 普遍 + 评论; as the UN's document kind it is
    一般性意见, which the terms give (rag.factory.document_kinds)."""
    from rag.factory import document_kinds
    from rag.language.bridge import term_keys

    reverse = {("general",): [("普遍", True, False), ("一般性", True, False)],
               ("comment",): [("评论", True, False)]}
    corpus = "委员会通过了第25号一般性意见。普遍定期审议。"
    kinds = [(zh, forms) for zh, forms, _ in document_kinds()]
    assert ("一般性意见", ["general comment"]) in kinds
    assert all(" " in f for _, forms in kinds for f in forms)  # "draft" alone is no kind
    bridge = TermBridge(reverse, corpus, terms=term_keys(kinds))
    assert dict(bridge.glosses("Which general comment was adopted?")) == {
        "general comment": {"一般性意见": 1.0}}
    assert "一般性意见" not in TermBridge(reverse, corpus).terms_for("general comment")



def test_a_questions_concepts_are_read_once_per_bridge(bridge):
    first = bridge.concepts("sanctions against the World Bank")
    read = list(first)
    first.clear()  # a caller's list is its own
    again = bridge.concepts("sanctions against the World Bank")
    assert [phrase for phrase, _, _ in again] == ["sanctions", "World"]
    assert all(a is b for a, b in zip(again, read, strict=True))  # kept, not read again
    assert [phrase for phrase, _, _ in bridge.concepts("human rights")] == ["human rights"]
