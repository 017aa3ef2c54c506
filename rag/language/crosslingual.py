"""Chinese words to English search terms, for Chinese questions about English documents.

The mirror of ``rag.language.bridge``: the curated UN terminology first (发展权 -> "right to
development"), then CC-CEDICT's exact glosses of the word (妇女 -> "woman"), read
backwards from the reversed index. Only forms that occur in the English text count.
"""

from __future__ import annotations

import threading
from collections.abc import Container, Iterable

from rag.language.dictionary import Dictionary

_lock = threading.Lock()
_forward: dict[int, dict[str, list[str]]] = {}  # id(dictionary) -> headword -> glosses


def forward_glosses(dictionary: Dictionary) -> dict[str, list[str]]:
    """Headword -> its exact English glosses of one or two words (as stem phrases), built
    once per dictionary from the reversed index."""
    with _lock:
        table = _forward.get(id(dictionary))
        if table is None:
            table = {}
            for key, heads in dictionary.reverse.items():
                if len(key) > 2:
                    continue
                for head, exact, _ in heads:
                    if exact and len(head) >= 2:
                        table.setdefault(head, []).append(" ".join(key))
            _forward.clear()  # one dictionary per process
            _forward[id(dictionary)] = table
        return table


class EnglishForms:
    """zh word -> the English forms of it that occur in the English documents.

    ``text``: what ``in`` finds a form in (any case); ``stems``: their word stems."""

    def __init__(self, dictionary: Dictionary, terms: dict[str, list[str]],
                 text: Container[str], stems: Container[str], *, per_word: int = 3) -> None:
        self.dictionary = dictionary
        self.terms = terms  # curated: zh -> official English forms
        self.text = text
        self.stems = stems
        self.per_word = per_word
        self._cache: dict[str, list[str]] = {}

    def __call__(self, word: str) -> list[str]:
        if word not in self._cache:
            self._cache[word] = self._forms(word)
        return self._cache[word]

    def known(self, word: str) -> bool:
        """Whether the word has any English form at all (present or not)."""
        return bool(self.terms.get(word) or forward_glosses(self.dictionary).get(word))

    def _forms(self, word: str) -> list[str]:
        curated = [f for f in self.terms.get(word, []) if f.lower() in self.text]
        if curated:
            return curated[:1]
        glosses = sorted(dict.fromkeys(forward_glosses(self.dictionary).get(word, [])),
                         key=lambda g: g.count(" "))
        found = [g for g in glosses if all(s in self.stems for s in g.split())]
        return found[: self.per_word]


def zh_to_en_terms(pairs: Iterable[tuple[str, list[str], str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for zh, forms, _ in pairs:
        out.setdefault(zh, []).extend(f for f in forms if f not in out.get(zh, []))
    return out
