"""A translator wrapped with terminology injection, optional clause splitting and checks."""

from __future__ import annotations

from collections.abc import Iterable

from rag.translate.base import TranslateError, Translation, Translator
from rag.translate.checks import Checker
from rag.translate.clauses import join_clauses, split_clauses
from rag.translate.terms import Term, Terminology, inject, normalise, restore


class CheckedTranslator:
    """``translator`` translates; this decides what it sees and whether its output is shown.

    ``inject``: known terms are replaced by their target form before the model sees the
    text, so it copies them. ``clauses``: long Chinese sentences are translated clause by
    clause (split at ；, ： and list items) and joined.
    """

    def __init__(self, translator: Translator, terms: Terminology, checker: Checker, *,
                 inject: bool = True, clauses: bool = False, placeholders: bool = False) -> None:
        self.translator = translator
        self.terms = terms
        self.checker = checker
        self.inject = inject
        self.clauses = clauses
        self.placeholders = placeholders  # markers [1] instead of the English form inline

    @property
    def identity(self) -> str:
        return self.translator.identity

    def model_inputs(self, sentence: str, src_lang: str, tgt_lang: str,
                     terms: Terminology | None = None) -> list[tuple[str, str, list]]:
        """[(text the model sees, separator after it, matches)] for one sentence."""
        terms = terms or self.terms
        text = normalise(sentence, src_lang)
        pieces = (split_clauses(text) if self.clauses and src_lang == "zh" else [(text, "")])
        out = []
        for piece, sep in pieces:
            matches = terms.find(piece, src_lang)
            seen = (inject(piece, matches, tgt_lang, placeholders=self.placeholders)
                    if self.inject else piece)
            out.append((seen, sep, matches if self.inject else []))
        return out

    def __call__(self, sentence: str, src_lang: str, tgt_lang: str, *,
                 extra_terms: Iterable[Term] = (), context: str = "") -> Translation:
        """``context``: the paragraph's sentences before this one, which the model reads
        (with their terms injected too) to know who acts; it translates the sentence only."""
        terms = self.terms.with_extra(extra_terms)
        source = normalise(sentence, src_lang)
        if context and self.inject:
            context = normalise(context, src_lang)
            context = inject(context, terms.find(context, src_lang), tgt_lang)
        parts: list[str] = []
        seps: list[str] = []
        try:
            for seen, sep, matches in self.model_inputs(sentence, src_lang, tgt_lang, terms):
                raw = self.translator.translate(seen, src_lang, tgt_lang, context)
                parts.append(restore(raw, matches, tgt_lang, placeholders=self.placeholders))
                seps.append(sep)
        except TranslateError as exc:
            return Translation("", sentence, src_lang, tgt_lang, shown=False,
                               failed=[f"backend: {exc}"], model=self.identity,
                               terms_version=terms.version_for(source, src_lang))
        text = join_clauses(parts, seps) if len(parts) > 1 else (parts[0] if parts else "")
        failed, sim = self.checker.check(source, text, src_lang, tgt_lang,
                                         terms.find(source, src_lang), terms)
        return Translation(text, sentence, src_lang, tgt_lang, shown=not failed, failed=failed,
                           model=self.identity, terms_version=terms.version_for(source, src_lang),
                           similarity=sim)
