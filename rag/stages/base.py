"""The stage protocol."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from rag.base import Hit, StageResult

if TYPE_CHECKING:
    from rag.query import Query


class Stage(Protocol):
    @property
    def name(self) -> str: ...

    def __call__(self, query: Query, hits: list[Hit]) -> StageResult: ...
