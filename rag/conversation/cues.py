"""Signs that a question leans on the one before it, in Chinese and English.

A pronoun or demonstrative (它, 这些, 该, 其, it, that, they), a fragment that only
names a new value ("第二场呢？", "And in 2021?"), or an opening conjunction ("那…",
"And what…"). Whether a question has a content term of its own needs the corpus,
so ``rag.conversation.rules`` decides that one.
"""

from __future__ import annotations

import re

from rag.language.tokens import pos_tags

ZH_REFERENCES = set(
    "它 它们 他 他们 她 她们 其 该 此 这 这个 这些 这一 这项 这次 这种 这份 这场 这位 这里 这儿 "
    "那 那个 那些 那次 那份 那场 那位 那项 那种 那边 那里 那儿 此次 此项 该国 该项 该机构 "
    "上述 前者 后者 同年 当年 次年 同月 二者 两者 对方".split()
)
_ZH_REFERENCE_PHRASE = re.compile(r"[前后]一[个项种点]")  # "在后一个方面"
ZH_INTERROGATIVE = re.compile(
    r"哪一?[个些项种位家国年天月份次场所类方]?|什么|多少|几(?=[个名位项次种年天月家国份场所人])"
    r"|谁|如何|怎样|怎么|为什么|为何|是否|何时|何地|何种|吗")
_ZH_OPENING = re.compile(r"^(?:那么?|还有|另外|此外|而且?|并且|以及)(?=\S)")

EN_REFERENCES = {"it", "its", "they", "them", "their", "theirs", "he", "him", "his", "she",
                 "her", "hers", "itself", "themselves", "latter", "former"}
EN_DEMONSTRATIVES = {"this", "that", "these", "those"}
_EN_DOCUMENT = {"report", "document", "resolution", "question", "paragraph"}
_EN_BEFORE_DEMONSTRATIVE = {  # where "that" is a determiner or pronoun, not "said that…"
    "", "about", "on", "in", "with", "for", "to", "of", "at", "from", "by", "after", "before",
    "under", "during", "is", "was", "are", "were", "did", "does", "do", "how", "what", "when",
    "where", "why", "who", "which", "and", "but", "so", "attend", "attended", "fund", "funded",
    "support", "supported", "recommend", "recommended", "achieve", "mean", "meant"}
EN_WH = re.compile(r"\b(?:what|which|who|whom|whose|when|where|why|how)\b", re.I)
_EN_OPENING = re.compile(r"^\s*(?:and|but|also|then|so|plus)\b[\s,]*|^\s*(?:what|how) about\b\s*",
                         re.I)
_EN_AUX = re.compile(r"^(?:is|are|was|were|do|does|did|has|have|had|can|could|will|would|"
                     r"should|may|might|must)\b", re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")


def zh_references(text: str) -> list[str]:
    """Pronouns and demonstratives, as jieba cuts them (so 其他, 应该 are not 其, 该).
    Not those the question itself explains: a demonstrative after a noun or 的
    ("秘书长那份报告", "在苏丹的那场活动"), a pronoun in a later sentence or clause than
    the words it stands for ("…多少学生参加？他们来自…")."""
    tokens = list(pos_tags(text))
    found = []
    at = 0
    for i, (word, _) in enumerate(tokens):
        if word in ZH_REFERENCES and not _zh_explained(tokens, i, text[:at]):
            found.append(word)
        at += len(word)
    found += [m.group() for m in _ZH_REFERENCE_PHRASE.finditer(text)]
    return list(dict.fromkeys(found))


_ZH_DESCRIBED = re.compile(r"(?:的|[》」”』）)])$")
_ZH_CLAUSE = re.compile(r"[，,；;？?。!！]")


def _zh_explained(tokens: list[tuple[str, str]], i: int, before: str) -> bool:
    word = tokens[i][0]
    prev_word, prev_flag = tokens[i - 1] if i else ("", "")
    if word[0] in "这那" and (_ZH_DESCRIBED.search(before) or prev_flag.startswith(("n", "m"))):
        return True
    if word in _ZH_PERSONAL:
        clauses = _ZH_CLAUSE.split(before)
        return len(clauses) > 1 and any(len(c.strip()) >= 4 for c in clauses[:-1])
    return False


_ZH_PERSONAL = {"它", "它们", "他", "他们", "她", "她们"}


_EN_POSSESSIVE = {"its", "their", "his", "her"}
_EN_PERSON = re.compile(r"\b(?:Commissioner|Secretary-General|Rapporteur|Expert|President|"
                        r"Director|Chair|Minister|Ambassador|Envoy|Adviser)\b")
_EN_NAME = re.compile(r"\b[A-Z][\w'’\-]*(?:\s+(?:of |the |for |and |on )?[A-Z][\w'’\-]*)*")
_EN_NOT_NAME = {"what", "which", "who", "when", "where", "why", "how", "in", "on", "at", "for",
                "by", "and", "but", "the", "a", "an", "is", "are", "was", "were", "do", "does",
                "did", "i", "january", "february", "march", "april", "may", "june", "july",
                "august", "september", "october", "november", "december"}
_EN_CLAUSE = re.compile(r"[,;]|\b(?:and|but)\b", re.I)


def en_references(text: str) -> list[str]:
    """Pronouns and demonstratives that point outside the question: not a possessive
    the question names the owner for ("CESCR … its 2020 concluding observations"), not
    a pronoun in a later clause than its antecedent ("…Social Forum held, and who chaired
    it?"), not "that" introducing a clause, not "this report"."""
    found = []
    for m in _WORD.finditer(text):
        w, i = m.group().lower(), m.start()
        if w in EN_REFERENCES and not _en_bound(text, w, i):
            found.append(w)
        elif w in EN_DEMONSTRATIVES and _en_demonstrative(text, i, m.end()):
            found.append(w)
    return list(dict.fromkeys(found))


def _en_bound(text: str, word: str, at: int) -> bool:
    if word in {"former", "latter"}:
        after = text[at + len(word):].lstrip()
        return bool(after[:1].isupper())  # "the former Special Rapporteur"
    if word in _EN_POSSESSIVE:
        names = [n for n in _EN_NAME.findall(text)
                 if n.lower() not in _EN_NOT_NAME and not _EN_PERSON.search(n)]
        return bool(names) and word != "her" and word != "his"
    before = text[:at]
    parts = _EN_CLAUSE.split(before)
    return len(parts) > 1 and any(len(_WORD.findall(p)) >= 3 for p in parts[:-1])


def _en_demonstrative(text: str, start: int, end: int) -> bool:
    words_before = _WORD.findall(text[:start])
    before = words_before[-1].lower() if words_before else ""
    after_m = _WORD.match(text[end:].lstrip())
    after = after_m.group().lower() if after_m else ""
    if after in _EN_DOCUMENT:
        return False  # "this report" is the document itself, in any conversation
    return before in _EN_BEFORE_DEMONSTRATIVE or not after


def fragment(text: str, lang: str) -> str | None:
    """The new value of an elliptical follow-up ("第二场", "in March 2021"), or None when
    the question is a whole question."""
    core = text.strip().rstrip("?？!！。.")
    if lang == "zh":
        if not core.endswith("呢"):
            return None
        core = _ZH_OPENING.sub("", core[:-1]).strip("，, ")
        if not core or ZH_INTERROGATIVE.search(core):
            return None
        return re.sub(r"[这那该此](?:[个些项次种份场位])?$", "", core).strip() or None
    m = _EN_OPENING.match(core)
    if not m:
        return None
    rest = core[m.end():].strip(" ,")
    if not rest or EN_WH.search(rest) or _EN_AUX.match(rest):
        return None
    return rest


def opening(text: str, lang: str) -> str | None:
    """An opening conjunction that continues the conversation ("那", "And")."""
    m = (_ZH_OPENING if lang == "zh" else _EN_OPENING).match(text.strip())
    return m.group().strip(" ,") if m else None


def cues(text: str, lang: str) -> list[str]:
    """Why ``text`` reads as a follow-up: "reference:它", "ellipsis", "opening:And"."""
    refs = zh_references(text) if lang == "zh" else en_references(text)
    out = [f"reference:{r}" for r in refs]
    if fragment(text, lang) is not None:
        out.append("ellipsis")
    start = opening(text, lang)
    if start:
        out.append(f"opening:{start}")
    return out
