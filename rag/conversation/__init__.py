"""Follow-up questions: a conversation's exchanges, condensers that turn a question leaning
on them into a standalone one (``rules`` by default, ``llm`` with a model), and its record.

Takes: a question and the exchanges before it. Gives: a ``Condensed`` standalone question.
Must not import: ``rag.service`` or ``rag.factory``.
"""

from rag.conversation.base import Condensed, Condenser, Exchange, exchanges
from rag.conversation.rules import RuleCondenser

__all__ = ["Condensed", "Condenser", "Exchange", "RuleCondenser", "exchanges"]
