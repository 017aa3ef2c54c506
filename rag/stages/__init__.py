"""Post-fusion stages: each sees the query and the fused hits, may re-rank them, and may
refuse. The first refusal ends the chain and reaches every answerer.

A new stage is one module here with a class whose ``__call__(query, hits)`` returns a
``StageResult``, plus one line in ``rag.factory.build``.
"""

from rag.stages.base import Stage

__all__ = ["Stage"]
