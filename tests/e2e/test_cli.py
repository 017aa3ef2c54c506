"""The CLI end to end, in subprocesses: exit codes, one-line errors, JSON shapes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.support import CACHE, DOCS, FIXTURES, ROOT, assert_clean_error, run


def test_ingest_twice_then_list(tmp_path):
    store = str(tmp_path / "s")
    doc = str(FIXTURES / "en_report.txt")
    first = run("rag", "ingest", doc, "--store", store)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "1 document(s): 8 added, 0 updated, 0 unchanged, 0 deleted"
    second = run("rag", "ingest", doc, "--store", store)
    assert second.stdout.strip() == "1 document(s): 0 added, 0 updated, 8 unchanged, 0 deleted"
    listed = run("rag", "paragraphs", "--json", "--store", store)
    rows = json.loads(listed.stdout)
    assert [r["n"] for r in rows] == list(range(8))
    assert set(rows[0]) == {"id", "doc_id", "n", "text", "section", "footnotes", "page"}
    assert rows[1]["id"] == "A/HRC/99/12 (en):1"
    assert rows[1]["footnotes"] == [{"n": 1, "text": "See resolution 90/3, para. 4."}]
    docs = run("rag", "docs", "--store", store)
    assert docs.stdout.strip() == ("A/HRC/99/12 (en)\t8\treport\ten\tA/HRC/99/12\t-\t"
                                   "Cooperation on safe drinking water and sanitation")


def test_ingest_names_a_document_without_symbol_and_links_its_versions(tmp_path):
    store = str(tmp_path / "s")
    zh, en = DOCS / "UNCharter_ch1_zh.txt", DOCS / "UNCharter_ch1_en.txt"
    plain = run("rag", "ingest", str(en), "--store", store)
    assert "UNCharter_ch1_en: 3 added" in plain.stderr  # no symbol: the file name is its id
    named = run("rag", "ingest", str(zh), "--symbol", "UN-Charter", "--title", "联合国宪章",
                "--store", store)
    assert named.returncode == 0 and "UN-Charter: 3 added" in named.stderr
    assert "(charter: 联合国宪章)" in named.stderr
    en_named = run("rag", "ingest", str(en), "--symbol", "UN-Charter", "--title",
                   "Charter of the United Nations", "--store", store)
    assert "UN-Charter (en): 3 added" in en_named.stderr
    removed = run("rag", "remove", "UNCharter_ch1_en", "--store", store)
    assert removed.returncode == 0
    docs = json.loads(run("rag", "docs", "--json", "--store", store).stdout)
    assert [(d["doc_id"], d["symbol"], d["kind"], d["lang"], d["title"], d["numbering"])
            for d in docs] == [
        ("UN-Charter", "UN-Charter", "charter", "zh", "联合国宪章", "articles"),
        ("UN-Charter (en)", "UN-Charter", "charter", "en", "Charter of the United Nations",
         "articles")]
    # an English question quotes the English version of the zh document's article
    asked = run("rag", "ask", "Does the Charter of the United Nations allow intervention in "
                "matters of domestic jurisdiction?", "--json", "--store", store)
    out = json.loads(asked.stdout)
    assert out["documents"] == [{"symbol": "UN-Charter", "title": {
        "zh": "联合国宪章", "en": "Charter of the United Nations"}, "kind": "charter"}]
    assert not out["refused"] and out["citations"][0]["doc_id"] == "UN-Charter (en)"
    assert out["answer"].startswith("Article 2 of the Charter of the United Nations addresses")
    bad = run("rag", "ingest", str(zh), "--symbol", " ", "--store", store)
    assert_clean_error(bad, "--symbol and --title need a value")


def test_bad_files_give_one_line_errors_and_store_nothing(tmp_path):
    store = str(tmp_path / "s")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    proc = run("rag", "ingest", str(empty), str(tmp_path / "missing.txt"), "--store", store)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "failed: empty.txt: the file is empty" in proc.stderr
    assert "missing.txt: no such file" in proc.stderr
    assert proc.stdout.strip().endswith("2 failed")
    listed = run("rag", "paragraphs", "--json", "--store", store)
    assert json.loads(listed.stdout) == []


def test_remove_unknown_document_is_a_clear_error(tmp_path):
    proc = run("rag", "remove", "A/HRC/1/1", "--store", str(tmp_path / "s"))
    assert_clean_error(proc, "no document 'A/HRC/1/1'")


@pytest.mark.parametrize("question, needle", [
    ("", "the question is empty"),
    ("   \t ", "the question is empty"),
    ("x" * 2001, "the limit is 2000"),
])
def test_bad_questions(seed_settings, seed_components, question, needle):
    proc = run("rag", "ask", question, "--store", str(seed_settings.store_dir))
    assert_clean_error(proc, needle)


def test_bad_setting_is_a_clear_error():
    proc = run("rag", "docs", env={"RAG_TOP_K": "many"})
    assert_clean_error(proc, "bad setting")


def test_a_question_with_invalid_utf8_bytes_is_a_clean_error(seed_settings, seed_components):
    # "报告" with its last character cut in half, as `head -c` would leave it
    cut = "报告".encode()[:-1]
    proc = subprocess.run([sys.executable, "-m", "rag", "ask", cut, "--store",
                           str(seed_settings.store_dir)], cwd=ROOT, capture_output=True,
                          env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
                               "RAG_CACHE_DIR": str(CACHE)})
    assert proc.returncode == 1
    err = proc.stderr.decode()
    assert "Traceback" not in err and "not valid UTF-8" in err, err


def test_console_script_and_module_shim_are_the_same_cli():
    script = ROOT / ".venv" / "bin" / "rag"
    exe = str(script) if script.exists() else str(__import__("shutil").which("rag") or "")
    if not exe:
        pytest.skip("the rag console script is not installed (pip install -e .)")
    via_script = subprocess.run([exe, "--help"], capture_output=True, text=True)
    via_module = run("rag", "--help")
    assert via_script.returncode == via_module.returncode == 0
    for command in ("ask", "ingest", "fetch", "docs", "compare", "paragraphs", "remove", "serve"):
        assert command in via_script.stdout and command in via_module.stdout
