"""The dictionary's pickle cache: one written before a class moved to another module
is rebuilt, not a crash at start-up."""

from __future__ import annotations

import pickle
import sys
import types
from dataclasses import dataclass

from rag.language import dictionary
from rag.language.dictionary import Dictionary, load_dictionary


@dataclass
class Old:
    reverse: dict


def test_a_cache_of_a_moved_class_is_rebuilt(tmp_path, monkeypatch):
    gone = types.ModuleType("gone_module")
    Old.__module__ = "gone_module"
    gone.Old = Old  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "gone_module", gone)
    path = tmp_path / f"cedict-v{dictionary._CACHE_VERSION}.pkl"
    path.write_bytes(pickle.dumps(Old({})))
    monkeypatch.delitem(sys.modules, "gone_module")  # as after the move
    built = Dictionary({("peace",): [("和平", True, False)]})
    monkeypatch.setattr(dictionary, "build_dictionary", lambda: built)

    assert load_dictionary(tmp_path) is built
    assert pickle.loads(path.read_bytes()).reverse == built.reverse  # the cache renewed
