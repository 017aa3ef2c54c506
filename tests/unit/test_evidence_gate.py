"""The evidence gate's refusal rules on hand-built hits; no models."""

from __future__ import annotations

from ingest.base import Paragraph
from rag.base import Hit
from rag.judge.evidence import EvidenceGate
from rag.library.snapshot import Snapshot
from rag.understand.base import Query


def query(lang: str = "zh", unknown: list[str] | None = None) -> Query:
    return Query(text="q", lang=lang, corpus=Snapshot.__new__(Snapshot), unknown=unknown or [])


def hit(n: int, sentence: float, words: float) -> Hit:
    return Hit(Paragraph("D", n, f"text {n}"), 0.05,
               channels={"sentence": sentence, "bm25_words": words})


GATE = EvidenceGate(threshold_zh=0.85, threshold_en=0.80)


def test_strong_evidence_passes_and_is_reported():
    result = GATE(query(), [hit(1, 0.90, 3.0), hit(2, 0.86, 1.0)])
    assert result.refusal is None and result.signals == {"evidence": 0.90}


def test_each_rule_refuses_with_its_reason_and_pointers():
    hits = [hit(1, 0.90, 3.0), hit(2, 0.86, 1.0)]
    assert GATE(query(), []).refusal.reason == "no_hits"
    named = GATE(query(unknown=["世界银行"]), hits).refusal
    assert named.reason == "unknown_name" and named.args == {"names": ["世界银行"]}
    assert named.pointers == ("D:1", "D:2")
    assert GATE(query(), [hit(1, 0.90, 0.0)]).refusal.reason == "no_term"
    weak = GATE(query(), [hit(1, 0.84, 1.0)]).refusal
    assert weak.reason == "weak_evidence" and weak.args["threshold"] == 0.85
    assert GATE(query("en"), [hit(1, 0.84, 1.0)]).refusal is None  # en threshold 0.80


def test_only_the_top_three_hits_count():
    hits = [hit(1, 0.5, 1.0), hit(2, 0.5, 1.0), hit(3, 0.5, 1.0), hit(4, 0.99, 1.0)]
    assert GATE(query(), hits).refusal.reason == "weak_evidence"


def test_a_channel_weighted_out_gives_no_signal_and_no_refusal():
    no_lexical = Hit(Paragraph("D", 1, "t"), 0.05, channels={"sentence": 0.9})
    assert GATE(query(), [no_lexical]).refusal is None


def doc_hit(doc: str, n: int, sentence: float, lang: str = "zh") -> Hit:
    return Hit(Paragraph(doc, n, f"text {n}", lang=lang), 0.05,
               channels={"sentence": sentence, "bm25_words": 2.0})


def test_a_document_whose_own_evidence_is_weak_leaves_the_answer():
    # D1's best sentence passes (0.90 >= 0.85), D2's does not (0.84): D2's hits go
    hits = [doc_hit("D2", 1, 0.84), doc_hit("D1", 4, 0.90), doc_hit("D2", 2, 0.83),
            doc_hit("D1", 5, 0.70)]
    result = GATE(query(), hits)
    assert result.refusal is None and [h.id for h in result.hits] == ["D1:4", "D1:5"]
    # none passes: the weak-evidence refusal, all pointers kept
    weak = GATE(query(), [doc_hit("D2", 1, 0.84), doc_hit("D1", 4, 0.80)])
    assert weak.refusal is not None and weak.refusal.reason == "weak_evidence"
    assert weak.refusal.pointers == ("D2:1", "D1:4")


def test_a_chinese_question_answered_from_english_text_meets_the_cross_language_threshold():
    # best sentence English: the English threshold (0.80, calibrated across languages)
    result = GATE(query("zh"), [doc_hit("E", 1, 0.82, "en")])
    assert result.refusal is None
    assert GATE(query("zh"), [doc_hit("Z", 1, 0.82, "zh")]).refusal is not None
