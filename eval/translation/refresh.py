"""python -m eval.translation.refresh OLD_TERMS [--file data/translations/X.jsonl]

Carries a shipped translation file over to today's terminology and checks, without hand
edits. A row whose model input is unchanged under the new terminology (none of the added
or changed terms occurs in its sentence) would come out of the model the same, so it is
re-keyed to the new version and checked again with today's checks; a row whose input
changed is dropped, for ``rag translate --export`` to translate again. Prints the counts.

OLD_TERMS is the terminology file the rows were made with (``git show
REV:rag/data/un_terms.tsv > old.tsv``).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from dataclasses import replace
from pathlib import Path

from ingest.pipeline import load_document
from rag.translate.cache import from_record, to_record
from rag.translate.checked import CheckedTranslator
from rag.translate.checks import Checker
from rag.translate.doc_terms import document_terms
from rag.translate.terms import Terminology

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "data" / "translations" / "A_HRC_47_47.jsonl"
SOURCE = ROOT / "data" / "A_HRC_47_47_zh.txt"


class _NoModel:
    identity = "none"

    def translate(self, text: str, src_lang: str, tgt_lang: str, context: str = "") -> str:
        raise AssertionError("refresh never runs the model")


def with_document(terms: Terminology, paragraphs: list[str]) -> Terminology:
    """``terms`` and the document's own, as the app checks a translation of it with."""
    return terms.with_extra(document_terms(paragraphs, terms))


def source_paragraphs(path: Path = SOURCE) -> list[str]:
    return [p.text for p in load_document(path, max_bytes=10_000_000).paragraphs]


def refresh(rows: list[dict], old: Terminology, new: Terminology,
            paragraphs: list[str]) -> tuple[list[dict], Counter[str]]:
    old_doc, new_doc = with_document(old, paragraphs), with_document(new, paragraphs)
    before = CheckedTranslator(_NoModel(), old_doc, Checker(old_doc))
    after = CheckedTranslator(_NoModel(), new_doc, Checker(new_doc))
    kept, counts = [], Counter[str]()
    for row in rows:
        t = from_record(row)
        seen_old = [s for s, _, _ in before.model_inputs(t.source, t.src_lang, t.tgt_lang)]
        seen_new = [s for s, _, _ in after.model_inputs(t.source, t.src_lang, t.tgt_lang)]
        if seen_old != seen_new:
            counts["input changed: dropped, for the model again"] += 1
            continue
        was_shown = t.shown
        t = replace(t, terms_version=new_doc.version)
        t = after.checker.recheck(t, new_doc)  # a failed row keeps its failures
        if was_shown and not t.shown:
            counts["withheld by today's checks"] += 1
        counts["re-keyed"] += 1
        kept.append(to_record(t, doc_id=row.get("doc_id", ""), para_id=row.get("para_id", "")))
    return kept, counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.translation.refresh")
    ap.add_argument("old_terms", type=Path)
    ap.add_argument("--file", type=Path, default=SHIPPED)
    ap.add_argument("--source", type=Path, default=SOURCE)
    args = ap.parse_args(argv)
    rows = [json.loads(line) for line in args.file.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    kept, counts = refresh(rows, Terminology.load(args.old_terms), Terminology.load(),
                           source_paragraphs(args.source))
    tmp = args.file.with_suffix(".tmp")
    tmp.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in kept),
                   encoding="utf-8")
    tmp.replace(args.file)
    for what, n in counts.items():
        print(f"{what}: {n}")
    print(f"{len(kept)} of {len(rows)} rows kept in {args.file}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
