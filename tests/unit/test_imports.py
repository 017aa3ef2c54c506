"""The import graph, as grimp (import-linter's graph library) builds it: no cycle, not even
through ``TYPE_CHECKING`` imports, and every module of ``rag`` in a stage folder or one of
the four wiring modules."""

from __future__ import annotations

import sys
from pathlib import Path

import grimp

PACKAGES = ("cli", "ui", "eval", "rag", "ingest")
STAGES = ("language", "library", "understand", "retrieve", "judge", "answer", "translate",
          "conversation")
WIRING = ("base", "config", "factory", "service")
ENTRY = ("__main__",)  # python -m rag


def graph(*packages: str) -> grimp.ImportGraph:
    return grimp.build_graph(*packages, exclude_type_checking_imports=False, cache_dir=None)


def cycles(g: grimp.ImportGraph) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), or a module
    that imports itself."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in g.find_modules_directly_imported_by(v):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1 or g.direct_import_exists(importer=v, imported=v):
                found.append(sorted(component))

    for module in sorted(g.modules):
        if module not in index:
            visit(module)
    return found


def test_the_project_has_no_import_cycle():
    assert cycles(graph(*PACKAGES)) == []


def test_a_cycle_through_type_checking_is_found(tmp_path: Path, monkeypatch):
    pkg = tmp_path / "looped"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from looped.b import B\nclass A: ...\n")
    (pkg / "b.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                              "    from looped.a import A\nclass B: ...\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert cycles(graph("looped")) == [["looped.a", "looped.b"]]
    sys.modules.pop("looped", None)


def test_every_rag_module_sits_in_a_stage_or_is_wiring():
    outside = [m for m in graph("rag").modules
               if m != "rag" and m.split(".")[1] not in STAGES + WIRING + ENTRY]
    assert outside == []
