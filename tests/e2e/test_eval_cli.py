"""``python -m eval`` end to end, in subprocesses."""

from __future__ import annotations

import json

from eval.metrics import METRIC_KEYS
from tests.support import run

FOUR = [
    {"id": "t1", "lang": "zh", "question": "报告认为加强全球裁军方面的合作能带来什么好处？",
     "gold": [86], "must_include_any": ["释放资源"], "answerable": True},
    {"id": "t2", "lang": "en", "question": "What does the report say about easing sanctions?",
     "gold": [9, 66, 86], "must_include_any": ["制裁"], "answerable": True},
    {"id": "t3", "lang": "zh", "question": "世界银行对低收入国家的债务减免提出了什么具体方案？",
     "gold": [], "must_include_any": [], "answerable": False},
    {"id": "t4", "lang": "en", "question": "How did OHCHR work with the World Bank on debt?",
     "gold": [], "must_include_any": [], "answerable": False},
]


def test_eval_cli_end_to_end(tmp_path, seed_settings, seed_components):
    path = tmp_path / "four.jsonl"
    path.write_text("\n".join(json.dumps(q, ensure_ascii=False) for q in FOUR), encoding="utf-8")
    report = tmp_path / "report"
    proc = run("eval", "--questions", str(path), "--json", "--report", str(report),
               "--store", str(seed_settings.store_dir))
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)  # exactly one JSON object on stdout
    assert set(result) == {"n", "by_lang", "overall", "latency_ms", "refusal_rules", "outcomes",
                           "questions"}
    assert set(result["outcomes"]["zh"]) == {"answerable", "unanswerable", "false_premise",
                                             "misread_as_premise"}
    assert sum(r["refusals"] for r in result["refusal_rules"]["zh"].values()) == 1
    assert result["n"] == 4 and set(result["by_lang"]) == {"zh", "en"}
    for metrics in [result["overall"], *result["by_lang"].values()]:
        assert tuple(metrics) == METRIC_KEYS
    assert result["overall"]["hit@5"] == 1.0
    assert result["overall"]["refusal_accuracy"] == 1.0
    assert set(result["latency_ms"]) == {"p50", "p95"}
    q1 = result["questions"][0]
    assert set(q1) == {"id", "lang", "retrieved", "cited", "refused", "answer_correct",
                       "latency_ms", "reason", "outcome", "probability"}
    # units are (document symbol, n) since issue 12
    assert q1["cited"] == [["A/HRC/47/47", 86]] and q1["answer_correct"] is True
    assert {p.name for p in report.iterdir()} == {"report.md", "metrics.png", "metrics.json"}
    assert "## Answerability" in (report / "report.md").read_text(encoding="utf-8")
    assert "Refusals by rule" in (report / "report.md").read_text(encoding="utf-8")
    table = run("eval", "--questions", str(path), "--store", str(seed_settings.store_dir))
    assert "citation_precision" in table.stdout and "latency p50 ms" in table.stdout
    assert "answerable" in table.stdout and "hedge" in table.stdout  # the three outcomes


def test_eval_cli_reports_a_bad_file_cleanly(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": 1,\n', encoding="utf-8")
    proc = run("eval", "--questions", str(path), "--json")
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert "bad.jsonl, line 1: bad JSON" in proc.stderr


def test_eval_cli_runs_follow_ups_as_conversations(tmp_path, seed_settings, seed_components):
    pairs = [
        {"id": "f1", "lang": "zh", "history": ["经济、社会及文化权利委员会在结论性意见中建议几内亚做什么？"],
         "question": "对贝宁呢？", "standalone": "经济、社会及文化权利委员会在结论性意见中对贝宁提出了什么建议？",
         "gold": [64], "must_include_any": ["特许权"], "answerable": True},
        {"id": "f2", "lang": "en", "history": ["What did CESCR adopt in March 2020?"],
         "question": "And in March 2021?", "standalone": "What did CESCR adopt in March 2021?",
         "gold": [68], "must_include_any": [], "answerable": True},
    ]
    path = tmp_path / "fu.jsonl"
    path.write_text("\n".join(json.dumps(q, ensure_ascii=False) for q in pairs), encoding="utf-8")
    proc = run("eval", "--questions", str(path), "--json", "--store", str(seed_settings.store_dir))
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    fu = result["followup"]
    assert set(fu) == {"rewritten", "conversation", "standalone", "alone", "ratio"}
    assert fu["rewritten"] == 1.0 and fu["conversation"]["overall"]["hit@5"] == 1.0
    assert fu["ratio"]["overall"]["hit@5"] == 1.0
    records = {q["id"]: q for q in result["questions"]}
    assert records["f1"]["understood_as"] == "经济、社会及文化权利委员会在结论性意见中建议贝宁做什么？"
    table = run("eval", "--questions", str(path), "--store", str(seed_settings.store_dir))
    assert "Follow-up questions" in table.stdout and "written out" in table.stdout
