"""Aliases a document defines itself, such as "世界卫生组织(世卫组织)".

They teach jieba whole names and let a question that uses one form find the other.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

_DEFINED = re.compile(r"([\u3400-\u9fff]{2,40})[（(]([\u3400-\u9fffA-Za-z][^()（）]{0,15})[)）]")


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def mine_aliases(texts: Iterable[str]) -> dict[str, set[str]]:
    """Full name <-> short form pairs, both directions."""
    pairs: dict[str, set[str]] = defaultdict(set)
    for text in texts:
        for m in _DEFINED.finditer(text):
            run, short = m.group(1), m.group(2).strip()
            if short.isascii():
                continue  # Latin acronyms already match as they are
            if not _is_subsequence(short, run) or len(short) >= len(run):
                continue
            # the shortest tail of the run that still contains the short form
            for start in range(len(run) - len(short), -1, -1):
                full = run[start:]
                if _is_subsequence(short, full) and full[0] == short[0]:
                    break
            else:
                continue
            if full != short:
                pairs[full].add(short)
                pairs[short].add(full)
    return dict(pairs)
