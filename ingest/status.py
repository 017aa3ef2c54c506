"""A document's status as its symbol writes it: a draft (``L.``), a revision (``Rev.N``),
a corrigendum (``Corr.N``), an addendum (``Add.N``).

The suffixes stack from the right: ``A/HRC/47/47/Add.1/Corr.1`` corrects addendum 1 of
A/HRC/47/47, ``A/HRC/59/L.17/Rev.1`` revises the draft A/HRC/59/L.17.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DRAFT_KINDS = ("draft resolution", "draft decision")
_DRAFT = re.compile(r"(?:^|/)L\.\d+")
_SUFFIX = re.compile(r"^(Rev|Corr|Add)\.(\d+)$", re.I)


@dataclass(frozen=True)
class SymbolStatus:
    """What a symbol says about its document."""

    draft: bool = False
    revision: int = 0
    corrigendum: int = 0
    addendum: int = 0
    parent: str = ""  # the symbol it revises, corrects or adds to ("" for none)

    def words(self) -> list[str]:
        """"draft", "revision 1", "corrigendum 1", "addendum 1", as the symbol has them."""
        out = ["draft"] if self.draft else []
        out += [f"{name} {n}" for name, n in (("revision", self.revision),
                                              ("corrigendum", self.corrigendum),
                                              ("addendum", self.addendum)) if n]
        return out


def symbol_status(symbol: str, kind: str = "") -> SymbolStatus:
    """The status of ``symbol``; ``kind`` marks a draft that carries no ``L.`` symbol
    (a draft resolution stored under a name of the user's)."""
    parts = [p for p in symbol.strip().split("/") if p]
    found: dict[str, int] = {}
    parent = ""
    while len(parts) > 1 and (m := _SUFFIX.match(parts[-1])):
        which = m.group(1).lower()
        found.setdefault(which, int(m.group(2)))  # the outermost of a kind counts
        parts.pop()
        parent = parent or "/".join(parts)
    draft = bool(_DRAFT.search("/".join(parts))) or kind in DRAFT_KINDS
    return SymbolStatus(draft, found.get("rev", 0), found.get("corr", 0), found.get("add", 0),
                        parent)


def revision_base(symbol: str) -> str | None:
    """The symbol a revision revises (``…/L.17/Rev.2`` -> ``…/L.17``), the symbol itself
    when it ends in no suffix, None when it ends in a corrigendum or an addendum (those
    are no versions of one text)."""
    parts = symbol.strip().split("/")
    m = _SUFFIX.match(parts[-1]) if len(parts) > 1 else None
    if m is None:
        return symbol.strip()
    return "/".join(parts[:-1]) if m.group(1).lower() == "rev" else None
