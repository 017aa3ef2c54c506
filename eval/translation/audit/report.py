"""python -m eval.translation.audit.report FILE…: each judged audit's verdicts, its
factual-error rate among shown translations with a 95% Wilson interval, and the kinds."""

from __future__ import annotations

import argparse
import json
import math
from collections import Counter
from pathlib import Path


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% Wilson score interval of k successes in n trials."""
    if n == 0:
        return 0.0, 1.0
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def summary(rows: list[dict]) -> str:
    verdicts = Counter(r["verdict"] for r in rows)
    kinds = Counter(r["kind"] for r in rows if r["verdict"] == "factual")
    k, n = verdicts["factual"], len(rows)
    low, high = wilson(k, n)
    kind_text = ", ".join(f"{kind} {c}" for kind, c in kinds.most_common())
    return (f"n {n}: ok {verdicts['ok']}, style {verdicts['style']}, factual {k} "
            f"= {k / n:.0%} (95% CI {low:.0%}–{high:.0%}); {kind_text}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.translation.audit.report")
    ap.add_argument("files", type=Path, nargs="+")
    for path in ap.parse_args(argv).files:
        rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x]
        unjudged = sum(1 for r in rows if r["verdict"] not in ("ok", "style", "factual"))
        if unjudged:
            print(f"{path.name}: {unjudged} rows not judged yet")
            continue
        print(f"{path.name}: {summary(rows)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
