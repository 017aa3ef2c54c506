"""``rag ask`` in a subprocess: the JSON shape, the terminal view, a first run."""

from __future__ import annotations

import json

from tests.support import FIXTURES, run


def test_ask_json_schema(seed_settings, seed_components):
    proc = run("rag", "ask", "What does the report say about easing sanctions?", "--json",
               "--store", str(seed_settings.store_dir))
    assert proc.returncode == 0, proc.stderr
    obj = json.loads(proc.stdout)
    assert {"question", "language", "answer", "refused", "citations", "retrieved",
            "timings_ms"} <= set(obj)
    assert obj["language"] == "en" and obj["refused"] is False
    # an English answer quoting Chinese also times its translation
    assert {"retrieve", "answer", "total"} <= set(obj["timings_ms"]) <= \
        {"retrieve", "answer", "total", "translate"}
    assert len(obj["retrieved"]) == 5
    assert set(obj["retrieved"][0]) == {"n", "doc_id", "score"}
    cite = obj["citations"][0]
    assert set(cite) == {"n", "doc_id", "text", "section", "footnotes", "score", "supported",
                         "quote"}
    assert obj["claims"] and {"text", "quote", "citations"} <= set(obj["claims"][0])
    assert obj["claims"][0]["citations"][0]["n"] in [c["n"] for c in obj["citations"]]
    refused = json.loads(run("rag", "ask", "How do I bake bread?", "--json", "--store",
                             str(seed_settings.store_dir)).stdout)
    assert refused["refused"] and refused["claims"] == []
    assert refused["refusal"]["reason"] and refused["refusal"]["message"]
    plain = run("rag", "ask", "报告认为加强全球裁军方面的合作能带来什么好处？", "--k", "3",
                "--store", str(seed_settings.store_dir))
    assert "¶86 · 四. 应对促进和保护人权" in plain.stdout


def test_empty_store_ingests_the_seed_first(tmp_path):
    env = {"RAG_SEED_FILES": json.dumps([str(FIXTURES / "en_report.txt")])}
    proc = run("rag", "ask", "How much did official development assistance for water fall?",
               "--json",
               "--store", str(tmp_path / "s"), env=env)
    assert proc.returncode == 0, proc.stderr
    assert "ingested the seed document first" in proc.stderr
    assert json.loads(proc.stdout)["citations"][0]["n"] == 5


def test_ask_a_follow_up_and_export_it(seed_settings, seed_components, tmp_path):
    store = str(seed_settings.store_dir)
    first = "What did CESCR adopt in March 2020?"
    md = run("rag", "ask", "And in March 2021?", "--history", first, "--format", "markdown",
             "--store", store)
    assert md.returncode == 0, md.stderr
    assert md.stdout.startswith("**Question:** And in March 2021?  \n"
                                "**Understood as:** What did CESCR adopt in March 2021?  \n")
    assert "**A/HRC/47/47, para. " in md.stdout and "<https://undocs.org/zh/A/HRC/47/47>" in md.stdout
    text = run("rag", "ask", "对贝宁呢？", "--history", "经济、社会及文化权利委员会在结论性意见中建议几内亚做什么？",
               "--format", "text", "--store", store).stdout
    pasted = tmp_path / "pasted.txt"  # what a user pastes into a plain-text file
    pasted.write_text(text, encoding="utf-8")
    lines = pasted.read_text(encoding="utf-8").splitlines()
    assert lines[:2] == ["问题: 对贝宁呢？", "理解为: 经济、社会及文化权利委员会在结论性意见中建议贝宁做什么？"]
    cited = [ln for ln in lines if ln.endswith("[A/HRC/47/47, para. 64]")]
    assert cited and "[¶" not in text
    assert "[1] A/HRC/47/47, para. 64 — https://undocs.org/zh/A/HRC/47/47" in lines
    obj = json.loads(run("rag", "ask", "对贝宁呢？", "--history",
                         "经济、社会及文化权利委员会在结论性意见中建议几内亚做什么？", "--format", "json",
                         "--store", store).stdout)
    assert obj["understood_as"] == "经济、社会及文化权利委员会在结论性意见中建议贝宁做什么？"
    bad = run("rag", "ask", "x", "--format", "pdf", "--store", store)
    assert bad.returncode != 0 and "Traceback" not in bad.stderr
