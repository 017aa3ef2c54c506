"""How specific a search term is: rare in the stored documents and rare in the language.

A term the report seldom uses but every newspaper does (之前, 按照, "before") locates
nothing; a name or a technical term does. General-language frequencies come from the
``wordfreq`` package (offline data in the package).
"""

from __future__ import annotations

import logging
import math
import re
from functools import lru_cache

COMMON_ZIPF = 4.5  # words at least this frequent in general use weigh a quarter


@lru_cache(maxsize=50_000)
def zipf(term: str) -> float:
    if re.fullmatch(r"[\d.,%]+", term):
        if re.fullmatch(r"(?:19|20)\d\d", term):
            return 5.0  # a year dates many things
        return 0.0 if len(term.strip(".,%")) >= 3 else 5.0  # 1235 is specific, 5 is not
    from wordfreq import zipf_frequency

    logging.getLogger("jieba").setLevel(logging.WARNING)
    lang = "en" if term.isascii() else "zh"
    return zipf_frequency(term, lang)


def specificity(term: str, share: float) -> float:
    """Corpus rarity (log inverse share of paragraphs), discounted for common words."""
    if share <= 0:
        return 0.0
    idf = math.log(1 / share)
    return idf if zipf(term) < COMMON_ZIPF else idf / 4
