"""Split a long Chinese sentence into clauses at ；, ： and list items, and join them back.

Quoted titles (“…：…”) and bracketed names are never split. Pieces shorter than
``min_piece`` characters stay with their neighbour.
"""

from __future__ import annotations

import re

_OPEN, _CLOSE = "“《(（「『‘", "”》)）」』’"
_BREAKS = {"；": "; ", "：": ": "}
_ITEM = re.compile(r"(?:\(|（)(?:[a-z]|[一二三四五六七八九十]+)(?:\)|）)")
_LOWER_FIRST = {"The", "It", "They", "This", "These", "Its", "Their", "A", "An", "And", "To",
                "In", "On", "For", "With"}


def split_clauses(text: str, *, min_chars: int = 60, min_piece: int = 4) -> list[tuple[str, str]]:
    """[(clause, the English separator that followed it)]; one piece if nothing splits."""
    if len(text) < min_chars:
        return [(text, "")]
    pieces: list[tuple[str, str]] = []
    depth, start = 0, 0
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and ch in _BREAKS:
            pieces.append((text[start:i], _BREAKS[ch]))
            start = i + 1
        elif depth == 0 and _ITEM.match(text, i) and i > start:
            pieces.append((text[start:i], " "))
            start = i
    pieces.append((text[start:], ""))
    merged: list[tuple[str, str]] = []
    for piece, sep in pieces:
        if merged and (len(merged[-1][0]) < min_piece or len(piece.strip()) < min_piece):
            prev, prev_sep = merged.pop()
            zh_sep = {"; ": "；", ": ": "："}.get(prev_sep, "")
            merged.append((prev + zh_sep + piece, sep))
        else:
            merged.append((piece, sep))
    return [(p, s) for p, s in merged if p.strip()] or [(text, "")]


def join_clauses(translated: list[str], seps: list[str]) -> str:
    """Join translated clauses with the separators the source had."""
    out = ""
    for i, (part, sep) in enumerate(zip(translated, seps)):
        part = part.strip()
        if i < len(translated) - 1:
            part = part.rstrip(".;:。；：")
        if out and out.endswith(("; ", ": ")):
            first = part.split(" ", 1)[0]
            if first in _LOWER_FIRST:
                part = part[0].lower() + part[1:]
        out += part + sep
    return out.strip()
