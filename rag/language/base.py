"""The language layer's records: the languages read, and curated term pairs (a Chinese
form, its official English forms, its kind) as the terminology table gives them."""

from __future__ import annotations

LANGS = ("zh", "en")
TermPairs = list[tuple[str, list[str], str]]  # (Chinese form, official English forms, kind)
