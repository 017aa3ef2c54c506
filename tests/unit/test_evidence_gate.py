"""The evidence gate's refusal rules on hand-built hits; no models."""

from __future__ import annotations

from ingest.base import Paragraph
from rag.base import Hit
from rag.library import Snapshot
from rag.query import Query
from rag.stages.evidence import EvidenceGate


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
