"""Follow-up questions: a conversation's exchanges, and condensers that turn a question
leaning on them into a standalone one (``rules`` by default, ``llm`` with a model)."""

from rag.conversation.base import Condensed, Condenser, Exchange, exchanges
from rag.conversation.rules import RuleCondenser

__all__ = ["Condensed", "Condenser", "Exchange", "RuleCondenser", "exchanges"]
