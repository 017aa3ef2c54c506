"""The documents a sentence cites, of the kinds a question may ask for by name ("which
general comment", 哪项决议): by number, or by title, in Chinese or English text. A kind
is keyed by its Chinese word (``rag.understand.slots.question.DOCUMENT_KINDS``)."""

from __future__ import annotations

import re

_TITLED = r"[A-Z][\w\-]*"
# the small words between a title's capitalised ones; after the head word "and" ends a
# list ("the Convention on X and the Covenant") rather than joins a title
_JOIN = r"(?:,? (?:(?:of|on|for|the|to|and|against|with|in) )*)"
_JOIN_AFTER = r"(?:,? (?:(?:of|on|for|the|to|against|with|in) )*)"


def _titled(head: str) -> str:
    """An English title around ``head``: capitalised words before it (the Universal
    Declaration), after it (the Convention on the Rights of the Child), or both."""
    before = rf"(?:{_TITLED}{_JOIN} ?)"
    after = rf" (?:of|on|for|against) (?:the )?{_TITLED}(?:{_JOIN_AFTER} ?{_TITLED})*"
    return rf"\b{before}{{1,8}}{head}\b(?:{after})?|\b{head}{after}"


# a document a text cites, by its kind's Chinese word: by number, or by its title
_DOCUMENTS: list[tuple[str, re.Pattern[str]]] = [
    ("决议", re.compile(r"第\s*\d[\d/()\s]*?号\s*决议|"
                      r"\b[Rr]esolutions? \d+(?:/\d+| ?\(\d{4}\)| [A-Z]\b)")),
    ("一般性意见", re.compile(r"第\s*\d+\s*号\s*一般性意见|"
                         r"\b[Gg]eneral [Cc]omments? (?:No\. ?)?\d+")),
    ("宣言", re.compile(r"《[^《》]{1,40}宣言》|(?<=通过了)[^，。；、《》]{2,30}?宣言|"
                      + _titled("Declaration"))),
    ("公约", re.compile(r"《[^《》]{1,40}公约》|" + _titled("Convention"))),
]


def documents_in(text: str) -> list[tuple[str, str]]:
    """(name as written, kind): resolutions and general comments by number (第 44/18 号决议,
    resolution 75/1), declarations and conventions by title (《世界人权宣言》, the Universal
    Declaration of Human Rights). "The Declaration" alone names none."""
    out = []
    for kind, pattern in _DOCUMENTS:
        for m in pattern.finditer(text):
            name = re.sub(r"^(?:The|This|That|These|Its|Their|Our) ", "", m.group().strip())
            if " " in name or not name.isascii():
                out.append((name, kind))
    return out
