"""Who acts on whom: the role a named body or country plays in a Chinese sentence and in
its English translation, read from the words around it, on both sides.

Roles: ``agent`` (the sentence's subject, or after 由/经 "by"), ``recipient`` (after
为/向/给 before a verb of giving: 为发展协调办公室提供支持, "support to the Office";
"to"/"for" in English, or a subject in the passive) and ``partner`` (与/同/和 … 合作/联合:
"jointly with"; "with"/"and" in English). A translation fails when a name's roles
conflict: the recipient made the giver ("support provided by the Development
Coordination Office" for 为发展协调办公室提供支持), a partner made the recipient ("a
joint submission to United Nations country teams" for 与联合国国家工作队联合提交).
A name whose role is unclear on either side is not judged.
"""

from __future__ import annotations

import re

from rag.translate.terms import Match

Role = str  # "agent" | "recipient" | "partner"

_ZH_LEAD = re.compile(r"^(?:在?\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?[，,]?|此外[，,]|同时[，,]|"
                      r"另外[，,])?")
_ZH_GIVING = re.compile(r".{0,20}?(?:提供|支持|协助|援助|提交|发出|转交|分享)")
_ZH_TOGETHER = re.compile(r".{0,25}?(?:合作|联合|共同|一道|携手|协作|协商|合办)")
_EN_LEAD = re.compile(r"^(?:(?:In|On|By|From|During|Since)\s+(?:\w+\s+){0,3}\d{4},?\s*|"
                      r"In addition,\s*|Moreover,\s*|Furthermore,\s*|Also,\s*)?(?:the\s+)?",
                      re.I)
_EN_PASSIVE = re.compile(r"\s*(?:\([^)]*\)\s*)?(?:was|were|is|are|has been|have been)\s+\w+ed\b")
_CONFLICTS = {("recipient", "agent"), ("agent", "recipient"), ("partner", "recipient")}


def zh_role(source: str, m: Match) -> Role | None:
    before, after = source[:m.start], source[m.end:]
    if before.endswith(("由", "经")):
        return "agent"
    if before.endswith(("为", "向", "给")) and _ZH_GIVING.match(after):
        return "recipient"
    if before.endswith(("与", "同", "和", "跟")) and _ZH_TOGETHER.match(after):
        return "partner"
    if not _ZH_LEAD.sub("", before):
        return "agent"  # the sentence's subject
    return None


def en_role(output: str, form: str) -> Role | None:
    at = output.lower().find(form.lower())
    if at < 0:
        return None
    before, after = output[:at], output[at + len(form):]
    if re.search(r"\bby\s+(?:the\s+)?$", before, re.I):
        return "agent"
    if re.search(r"\b(?:to|for)\s+(?:the\s+)?$", before, re.I):
        return "recipient"
    if re.search(r"\b(?:with|and)\s+(?:the\s+)?$", before, re.I):
        return "partner"
    if not _EN_LEAD.sub("", before):
        return "recipient" if _EN_PASSIVE.match(after) else "agent"
    return None


def roles_ok(source: str, output: str, matches: list[Match]) -> bool:
    """No named body or country in a role the Chinese does not give it."""
    for m in matches:
        if not m.term.is_name:
            continue
        zh = zh_role(source, m)
        form = next((f for f in m.term.forms("en") if f.lower() in output.lower()), None)
        if zh is None or form is None:
            continue
        if (zh, en_role(output, form)) in _CONFLICTS:
            return False
    return True
