"""python -m eval.translation.audit.draw --seed N --out FILE [--exclude FILE…] [--n 100]

Draws shown translations of a shipped file for a reader to judge, with a fixed seed,
leaving out rows an earlier audit judged (the checks were tuned on those). A row is
shown when it passes today's checks, as the chat would show it. Prints the shown share.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from eval.translation.refresh import SHIPPED, SOURCE, source_paragraphs, with_document
from rag.translate.cache import from_record
from rag.translate.checks import Checker
from rag.translate.terms import Terminology


def shown_rows(rows: list[dict], terms: Terminology) -> list[dict]:
    """``terms``: with the document's own, as the chat checks them on lookup."""
    checker = Checker(terms)
    return [r for r in rows if r["shown"] and checker.recheck(from_record(r), terms).shown]


def draw(rows: list[dict], n: int, seed: int, exclude: set[str]) -> list[dict]:
    pool = [r for r in rows if r["source"] not in exclude]
    picked = random.Random(seed).sample(pool, min(n, len(pool)))
    return sorted(picked, key=lambda r: (r.get("para_id", ""), r["source"]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.translation.audit.draw")
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--file", type=Path, default=SHIPPED)
    ap.add_argument("--exclude", type=Path, nargs="*", default=[])
    ap.add_argument("--source", type=Path, default=SOURCE, help="the document translated")
    args = ap.parse_args(argv)
    rows = [json.loads(x) for x in args.file.read_text(encoding="utf-8").splitlines() if x]
    shown = shown_rows(rows, with_document(Terminology.load(), source_paragraphs(args.source)))
    exclude = {json.loads(x)["source"] for f in args.exclude
               for x in f.read_text(encoding="utf-8").splitlines() if x}
    picked = draw(shown, args.n, args.seed, exclude)
    prefix = args.out.stem.split("-")[0]
    with args.out.open("w", encoding="utf-8") as fh:
        for i, r in enumerate(picked, 1):
            row = {"id": f"{prefix}-{i:03d}", "para_id": r.get("para_id", ""),
                   "source": r["source"], "text": r["text"], "model": r["model"],
                   "verdict": "", "kind": "", "note": ""}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"shown {len(shown)} of {len(rows)} translations ({len(shown) / len(rows):.0%}); "
          f"drew {len(picked)} of {len(shown) - len(exclude & {r['source'] for r in shown})} "
          f"not judged before -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
