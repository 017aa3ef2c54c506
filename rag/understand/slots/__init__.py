"""What kind of thing a question asks for, and which sentences hold one that is new.

A question that asks for a number, a day, a city, a ministry, a person… is answered only
by a sentence that holds something of that kind, at that granularity, that the question
does not already state. General patterns of question words, not fitted to any file.
"""

from rag.understand.slots.fillers import fillers, new_fillers
from rag.understand.slots.question import Slot, question_slot

__all__ = ["Slot", "fillers", "new_fillers", "question_slot"]
