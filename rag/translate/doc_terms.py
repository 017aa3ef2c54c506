"""Terms a document defines itself: aliases (世界卫生组织(世卫组织)) and Latin names
in brackets (冠状病毒疾病(COVID-19)). Pass the result as ``extra_terms``."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rag.language.glossary import mine_aliases
from rag.translate.terms import Term, Terminology, normalise

_LATIN_DEF = re.compile(r"([\u3400-\u9fff]{2,30})[(（]([A-Za-z][A-Za-z0-9\-]{1,15})[)）]")
_CUT = re.compile(r".*[的和与及、在对由为将了是同向从]")


def _acronym(term: Term) -> str:
    return next((a for a in (term.en, *term.alt) if a.isupper() or "-" in a and a[:2].isupper()),
                term.en)


def document_terms(texts: Iterable[str], base: Terminology) -> list[Term]:
    """New terms for names the curated list lacks, learnt from the document's own text."""
    texts = [normalise(t, "zh") for t in texts]
    known = {t.zh: t for t in base.terms}
    out: dict[str, Term] = {}
    for full, shorts in mine_aliases(texts).items():
        for short in shorts:
            if full in known and short not in known and len(short) < len(full):
                t = known[full]
                out[short] = Term(short, _acronym(t), t.kind, (t.en,))
    for text in texts:
        for m in _LATIN_DEF.finditer(text):
            run, latin = m.group(1), m.group(2)
            hit = next((z for z in sorted(known, key=len, reverse=True) if run.endswith(z)), None)
            if hit:
                t = known[hit]
                if latin not in t.forms("en"):
                    out[hit] = Term(t.zh, t.en, t.kind, (*t.alt, latin))
                continue
            name = _CUT.sub("", run)
            if len(name) >= 2 and name not in out:
                out[name] = Term(name, latin, "org")
    return list(out.values())
