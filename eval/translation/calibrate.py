"""Calibrate the similarity threshold on the tuning references.

python -m eval.translation.calibrate

Positives: each Chinese source with its hand-made English reference. Negatives: the
source with another sentence's reference, and with the first third of its own
reference (a translation that lost most of the sentence). The threshold is the lowest
positive score less a margin of 0.01, rounded down to 0.01.
"""

from __future__ import annotations

import math

import numpy as np

from eval.translation.run import load_set


def cosines(embed, pairs: list[tuple[str, str]]) -> np.ndarray:
    a = embed([p[0] for p in pairs])
    b = embed([p[1] for p in pairs])
    return (a * b).sum(1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))


def main() -> int:
    from ingest.embedders import E5Embedding

    embed = E5Embedding().passage_vectors
    for split in ("tune", "holdout"):
        rows = load_set("zh-en", split)
        pos = cosines(embed, [(r["zh"], r["en"]) for r in rows])
        other = cosines(embed, [(r["zh"], rows[(i + 7) % len(rows)]["en"])
                                for i, r in enumerate(rows)])
        third = cosines(embed, [(r["zh"], " ".join(r["en"].split()[: max(3, len(r["en"].split())
                                                                          // 3)]))
                                for r in rows])
        if split == "tune":
            threshold = math.floor((pos.min() - 0.01) * 100) / 100
        print(f"{split}: n={len(rows)} positives min={pos.min():.3f} p10="
              f"{np.percentile(pos, 10):.3f} median={np.median(pos):.3f}; other sentence max="
              f"{other.max():.3f} median={np.median(other):.3f}; first third max={third.max():.3f}"
              f" median={np.median(third):.3f}")
        print(f"  threshold {threshold:.2f}: positives kept {np.mean(pos >= threshold):.2f}, "
              f"other-sentence rejected {np.mean(other < threshold):.2f}, "
              f"first-third rejected {np.mean(third < threshold):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
