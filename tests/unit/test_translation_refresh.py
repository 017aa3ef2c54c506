"""A shipped translation file carried over to a new terminology without the model: rows
whose model input is unchanged are re-keyed and checked again, the others dropped."""

from __future__ import annotations

from pathlib import Path

import pytest

from eval.translation.refresh import refresh
from rag.base import Translation
from rag.translate.cache import to_record
from rag.translate.terms import DATA_FILE, Terminology


def _old_terms(tmp_path: Path) -> Terminology:
    lines = [line for line in DATA_FILE.read_text(encoding="utf-8").splitlines()
             if not line.startswith("议程项目\t")]
    lines = [("# version: old-1" if line.startswith("# version:") else line) for line in lines]
    path = tmp_path / "old.tsv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return Terminology.load(path)


def _row(source: str, text: str, old: Terminology) -> dict:
    return to_record(Translation(text, source, "zh", "en", shown=True, model="m",
                                 terms_version=f"{old.version}+doc"), doc_id="D", para_id="D:1")


def test_rows_are_rekeyed_rechecked_or_dropped(tmp_path):
    old, new = _old_terms(tmp_path), Terminology.load()
    rows = [_row("人权理事会举行了会议。", "The Human Rights Council held a meeting.", old),
            _row("议程项目 2 和 3", "Project 2 and Project 3", old),  # 议程项目 is new
            _row("建议挪威审查其法律。", "We recommend that Norway review its laws.", old)]
    kept, counts = refresh(rows, old, new, ["人权理事会举行了会议。"])
    assert [r["source"] for r in kept] == ["人权理事会举行了会议。", "建议挪威审查其法律。"]
    assert {r["terms_version"] for r in kept} == {new.version}  # no aliases in this text
    assert [r["shown"] for r in kept] == [True, False] and kept[1]["failed"] == ["voice"]
    assert counts == {"re-keyed": 2, "input changed: dropped, for the model again": 1,
                      "withheld by today's checks": 1}


def test_the_audit_interval_is_wilsons():
    from eval.translation.audit.report import wilson

    # k=0, n=10: the upper bound is z²/(n+z²) = 3.8416/13.8416 = 0.2775
    assert wilson(0, 10) == (0.0, pytest.approx(0.2775, abs=1e-4))
    # k=28, n=100: p=0.28, centre (0.28+0.019208)/1.038416 = 0.28815, half
    # 1.96*sqrt(0.002016+0.000096)/1.038416 = 0.08674 -> 0.2014–0.3749
    low, high = wilson(28, 100)
    assert (round(low, 3), round(high, 3)) == (0.201, 0.375)


def test_an_audit_draws_shown_rows_not_judged_before_the_same_for_one_seed(tmp_path):
    from eval.translation.audit.draw import draw, shown_rows

    old = _old_terms(tmp_path)
    terms = Terminology.load()
    rows = [_row(f"人权理事会举行了第 {n} 次会议。", f"The Human Rights Council held meeting {n}.",
                 old) for n in range(1, 9)]
    rows.append(_row("建议挪威审查其法律。", "We recommend that Norway review its laws.", old))
    shown = shown_rows(rows, terms)
    assert len(shown) == 8  # the first person the Chinese lacks is not shown today
    judged = {rows[0]["source"], rows[1]["source"]}
    picked = draw(shown, 4, seed=2612, exclude=judged)
    assert len(picked) == 4 and not judged & {r["source"] for r in picked}
    assert picked == draw(shown, 4, seed=2612, exclude=judged)
