"""Translate the reference set under one configuration and score it."""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from eval.translation import judgements as J
from eval.translation.cache import CachedTranslator
from rag.translate.checked import CheckedTranslator
from rag.translate.checks import DEFAULT_SIMILARITY, Checker
from rag.translate.terms import Terminology

HERE = Path(__file__).parent
SETS = {"zh-en": HERE / "reference.jsonl", "en-zh": HERE / "reference_en.jsonl"}
CHECKS = ["numbers", "terms", "foreign_names", "similarity", "repetition", "length", "echo",
          "untranslated", "empty"]


@dataclass(frozen=True)
class Config:
    direction: str = "zh-en"
    inject: bool = True
    clauses: bool = False
    split: str = "tune"  # tune, holdout or all
    threshold: float = DEFAULT_SIMILARITY
    number_rules: bool = True  # inject dates and large numbers in the target's form
    placeholders: bool = False  # terms as markers [1], restored after translation

    @property
    def name(self) -> str:
        mode = ("inject" if self.number_rules else "inject-termsonly") if self.inject else "plain"
        mode += "-placeholders" if self.placeholders and self.inject else ""
        return f"{self.direction}-{mode}-{'clauses' if self.clauses else 'whole'}-{self.split}"


def load_set(direction: str, split: str) -> list[dict]:
    rows = [json.loads(x) for x in SETS[direction].read_text(encoding="utf-8").splitlines() if x]
    if split == "tune":
        return [r for r in rows if not r["holdout"]]
    if split == "holdout":
        return [r for r in rows if r["holdout"]]
    return rows


def run(cfg: Config, translator: CachedTranslator, embedder) -> tuple[list[dict], dict]:
    src, tgt = cfg.direction.split("-")
    terms = Terminology.load()
    terms.number_rules = cfg.number_rules
    checker = Checker(terms, embed=embedder.passage_vectors, similarity_threshold=cfg.threshold)
    checked = CheckedTranslator(translator, terms, checker, inject=cfg.inject, clauses=cfg.clauses,
                                 placeholders=cfg.placeholders)
    table = J.load()
    records = []
    for row in load_set(cfg.direction, cfg.split):
        start = time.perf_counter()
        tr = checked(row[src], src, tgt)
        wall = time.perf_counter() - start
        inputs = checked.model_inputs(row[src], src, tgt)
        model_s = sum(translator.seconds_for(seen, src, tgt) for seen, _, _ in inputs)
        records.append({"id": row["id"], "holdout": row["holdout"], "source": row[src],
                        "reference": row[tgt], "model_inputs": [i[0] for i in inputs],
                        "output": tr.text, "shown": tr.shown, "failed": tr.failed,
                        "similarity": tr.similarity, "model_seconds": model_s,
                        "wall_seconds": round(wall, 2), "model": tr.model,
                        "verdict": J.verdict(table, row["id"], tr.text) if tr.text else None})
    return records, summarise(cfg, records)


def summarise(cfg: Config, records: list[dict]) -> dict:
    import sacrebleu

    n = len(records)
    tokenize = {"en": "13a", "zh": "zh"}[cfg.direction.split("-")[1]]
    outs, refs = [r["output"] for r in records], [r["reference"] for r in records]
    shown = [r for r in records if r["shown"]]
    judged = [r for r in shown if r["verdict"]]
    all_judged = [r for r in records if r["verdict"]]
    return {
        "config": asdict(cfg) | {"name": cfg.name}, "n": n,
        "chrf": round(sacrebleu.corpus_chrf(outs, [refs]).score, 1),
        "bleu": round(sacrebleu.corpus_bleu(outs, [refs], tokenize=tokenize).score, 1),
        "pass": {c: round(sum(1 for r in records if not any(f.startswith(c) for f in r["failed"]))
                          / max(1, n), 3) for c in CHECKS},
        "shown": round(len(shown) / max(1, n), 3), "n_shown": len(shown),
        "errors_shown": sum(1 for r in judged if r["verdict"] == "error"),
        "unjudged_shown": [r["id"] for r in shown if not r["verdict"]],
        "errors_all": sum(1 for r in all_judged if r["verdict"] == "error"),
        "judged_all": len(all_judged),
        "errors_hidden": sum(1 for r in all_judged if r["verdict"] == "error" and not r["shown"]),
        "s_per_sentence": round(sum(r["model_seconds"] for r in records) / max(1, n), 1),
    }
