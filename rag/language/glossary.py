"""Aliases: the ones a document defines itself, such as "世界卫生组织(世卫组织)", and the
common Chinese short forms of official terms (新冠, 经社文) in ``data/zh_abbreviations.tsv``.

They teach jieba whole names and let a question that uses one form find the other.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from rag.config import PACKAGE_DATA

ABBREVIATIONS = PACKAGE_DATA / "zh_abbreviations.tsv"
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


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, frozenset[str]]:
    """Short form <-> long forms, both directions."""
    pairs: dict[str, set[str]] = defaultdict(set)
    for line in ABBREVIATIONS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        short, _, longs = line.partition("\t")
        for full in filter(None, longs.split("|")):
            if full != short:
                pairs[short].add(full)
                pairs[full].add(short)
    return {k: frozenset(v) for k, v in pairs.items()}


def with_abbreviations(mined: dict[str, set[str]]) -> dict[str, set[str]]:
    """Mined aliases (left as they are) merged with the common short forms."""
    merged = {term: set(forms) for term, forms in mined.items()}
    for term, forms in abbreviations().items():
        merged.setdefault(term, set()).update(forms)
    return merged
