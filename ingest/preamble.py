"""Preambular paragraphs: the unnumbered ones before a resolution's operative part, or
before a declaration's first article.

They are stored as PP1, PP2… (``n = PREAMBLE_BASE + k``, section "Preamble"/"序言").
In a text with blank lines between paragraphs each block is one; in a PDF's text, broken
into lines, a new one starts where a line opens with a preambular word ("Recalling",
"Welcoming", "回顾", "注意到"…) after a line that ended a clause with a comma.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.base import PREAMBLE_BASE, Footnote, Paragraph

# "The General Assembly," / "大会，": the author of a resolution, before its preamble
BODY_LINE = re.compile(
    r"^(?:The\s+)?(?:General Assembly|Human Rights Council|Security Council|Economic and "
    r"Social Council|Commission on [A-Z][\w ]+|Committee on [A-Z][\w ]+|Conference of the "
    r"Parties|Council)\s*,$|^(?:大会|人权理事会|安全理事会|经济及社会理事会|"
    r"[\u4e00-\u9fff]{2,12}(?:委员会|理事会))\s*[，,]$")
_EN_OPENERS = set("""Guided Convinced Concerned Aware Mindful Deeply Gravely Seriously Alarmed
    Determined Desirous Conscious Cognizant Encouraged Having Whereas Affirming Bearing Noting
    Recalling Reaffirming Recognizing Recognising Welcoming Underlining Emphasizing Emphasising
    Stressing Expressing Taking Acknowledging Considering Reiterating Appreciating Believing
    Commending Deploring Observing Regretting Urging Further Also""".split())
_ZH_OPENERS = ("回顾", "又回顾", "还回顾", "重申", "又重申", "认识到", "确认", "又确认", "欢迎",
               "又欢迎", "注意到", "又注意到", "表示注意到", "铭记", "关切", "深为关切", "深信",
               "强调", "又强调", "考虑到", "申明", "意识到", "承认", "指出", "遵循", "以《",
               "鉴于", "赞赏", "感到", "决心", "忆及", "表示", "深感", "满意地", "深切关注")
_CLAUSE_END = tuple(",;，；")
PREAMBLE_SECTION = {"zh": "序言", "en": "Preamble"}


def body_line_at(lines: Sequence[str]) -> int | None:
    """Where the resolution's author line is ("The General Assembly,"), if anywhere."""
    return next((i for i, line in enumerate(lines) if BODY_LINE.match(line.strip())), None)


def opens_paragraph(line: str) -> bool:
    """A line that starts with a preambular word: "Recalling…", "Taking note…", "回顾…"."""
    line = line.strip()
    if line.startswith(_ZH_OPENERS):
        return True
    word = re.match(r"[A-Za-z]+", line)
    if not word or not word.group()[0].isupper():
        return False
    w = word.group()
    return w in _EN_OPENERS or (w.endswith("ing") and len(w) > 5)


def split_lines(lines: Sequence[str], refs: Sequence[Sequence[int]] | None = None
                ) -> list[tuple[list[str], list[int]]]:
    """A preamble broken into lines -> paragraphs: (lines, footnote references)."""
    refs = refs or [[] for _ in lines]
    out: list[tuple[list[str], list[int]]] = []
    for line, line_refs in zip(lines, refs):
        start = not out or (opens_paragraph(line)
                            and out[-1][0][-1].rstrip().endswith(_CLAUSE_END))
        if start:
            out.append(([line], list(line_refs)))
        else:
            out[-1][0].append(line)
            out[-1][1].extend(line_refs)
    return out


def merge_short(blocks: Sequence[str], lang: str) -> list[str]:
    """"Now, therefore," and "The General Assembly" introduce the block that follows."""
    out: list[str] = []
    carry = ""
    for block in blocks:
        short = len(block) < 12 if lang == "zh" else len(block.split()) < 4
        if short and not block.endswith((".", "。")):
            carry = f"{carry} {block}".strip() if lang != "zh" else carry + block
            continue
        joined = (f"{carry} {block}" if lang != "zh" else carry + block) if carry else block
        out.append(joined.strip())
        carry = ""
    if carry:
        out.append(carry)
    return out


def preamble_paragraphs(texts: Sequence[str], *, doc_id: str, lang: str, blocks: bool,
                        footnotes: Sequence[Sequence[Footnote]] = ()) -> list[Paragraph]:
    """PP1, PP2… from the preamble's blocks (``blocks``) or its finished paragraphs."""
    paras = merge_short(texts, lang) if blocks else list(texts)
    notes = list(footnotes) or [() for _ in paras]
    return [Paragraph(doc_id, PREAMBLE_BASE + k, text, section=PREAMBLE_SECTION.get(lang,
                      "Preamble"), footnotes=tuple(fn), page=1, lang=lang)
            for k, (text, fn) in enumerate(zip(paras, notes), 1)]
