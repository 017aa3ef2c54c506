"""Words of both languages: tokens, stems and tags, CC-CEDICT, the English->Chinese term
bridge and Chinese->English forms, aliases, how common a word is, numerals and number rules.

Takes: text in Chinese or English. Gives: tokens, terms and their other-language forms.
Must not import: any stage (``rag.library`` and above); it knows no store and no question.
"""

from rag.language.base import LANGS, TermPairs
from rag.language.bridge import TermBridge
from rag.language.dictionary import Dictionary, load_dictionary

__all__ = ["LANGS", "Dictionary", "TermBridge", "TermPairs", "load_dictionary"]
