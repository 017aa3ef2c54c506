"""Character classes, line joining and sentence splitting for zh and en text."""

from __future__ import annotations

import re

_CJK_RANGES = (
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x2FA1F),
)
# Punctuation that Chinese typesetting never surrounds with spaces.
WIDE_PUNCT = set("，。、；：？！“”‘’《》〈〉（）【】「」『』—―…·％")
WIDE_PUNCT |= {chr(c) for c in range(0x3000, 0x3040)}
WIDE_PUNCT |= {chr(c) for c in range(0xFF01, 0xFF5F)}


def is_han(ch: str) -> bool:
    if not ch:
        return False
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in _CJK_RANGES)


def is_wide(ch: str) -> bool:
    return is_han(ch) or ch in WIDE_PUNCT


# Quotation marks Chinese and English share: spaced as the text beside them is spaced.
SHARED_QUOTES = "‘’“”"


def _chinese_side(text: str, *, backwards: bool) -> bool:
    """Whether the first character past any quotes and spaces is Chinese."""
    for ch in reversed(text) if backwards else text:
        if ch not in SHARED_QUOTES and not ch.isspace():
            return is_wide(ch)
    return False


def cjk_share(text: str) -> float:
    """Share of Han characters among letters: the language signal for zh vs en."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if is_han(ch)) / len(letters)


def detect_lang(text: str) -> str:
    return "zh" if cjk_share(text) >= 0.3 else "en"


def join_pair(left: str, right: str) -> str:
    """Join two pieces of a line-broken text without inventing or losing a word."""
    if not left:
        return right
    if not right:
        return left
    a, b = left[-1], right[0]
    if a == "-" and len(left) > 1 and left[-2].isalnum():
        return left + right  # keep the hyphen: "socio-" + "economic", URL breaks
    if a in "/_":
        return left + right
    if is_han(a) or is_han(b):
        # Chinese typesetting spaces Latin words and numbers, nothing else.
        other = b if is_han(a) else a
        return f"{left} {right}" if other.isascii() and other.isalnum() else left + right
    if a in SHARED_QUOTES or b in SHARED_QUOTES:  # "Peoples’" + "traditional"
        chinese = _chinese_side(left, backwards=True) or _chinese_side(right, backwards=False)
        return left + right if chinese else f"{left} {right}"
    if is_wide(a) or is_wide(b):
        return left + right
    return f"{left} {right}"


def join_lines(lines: list[str]) -> str:
    text = ""
    for line in lines:
        text = join_pair(text, line.strip())
    return tidy(text)


_SPACE_RUN = re.compile(r"[ \t\u00a0\u3000]+")


_WIDE_ONLY = re.escape("".join(sorted(WIDE_PUNCT - set(SHARED_QUOTES))))
_QUOTES = re.escape(SHARED_QUOTES)


def tidy(text: str) -> str:
    text = _SPACE_RUN.sub(" ", text).strip()
    # A space beside wide punctuation is a PDF artefact, never content.
    text = re.sub(rf" (?=[{_WIDE_ONLY}])", "", text)
    text = re.sub(rf"(?<=[{_WIDE_ONLY}]) ", "", text)
    # Beside a quotation mark, only in Chinese text: "the ‘smart mix’ of" keeps its spaces.
    return re.sub(rf" (?=[{_QUOTES}])|(?<=[{_QUOTES}]) ", lambda m: _quote_space(text, m.start()),
                  text)


def _quote_space(text: str, at: int) -> str:
    """The space at ``at``, beside a quotation mark: dropped when the text on either
    side, past the marks, is Chinese."""
    before, after = text[:at], text[at + 1 :]
    chinese = _chinese_side(before, backwards=True) or _chinese_side(after, backwards=False)
    return "" if chinese else " "


_ZH_SENT = re.compile(r"[^。！？；]*[。！？；]+[”’」』]?|[^。！？；]+$")
_EN_SENT = re.compile(r".+?(?:[.!?;](?=\s+[A-Z(“\"'0-9])|[.!?]$|$)", re.S)


_ITEM = re.compile(r"^(?:\d{1,2}[.．]|[㈠-㈩]|\((?:\d{1,2}|[a-z]{1,3})\))\s*")
_ITEM_LINE = re.compile(r"\n(?=\d{1,2}[.．]\s|[㈠-㈩]|\((?:\d{1,2}|[a-z]{1,3})\)\s)")


SPLIT_VERSION = 2  # how ``split_sentences`` cuts, stored with each paragraph record
_LINE_END = re.compile(r"[。！？；：.!?;:][”’」』\"')）]?$")


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences; every character lands in exactly one. An
    article's numbered items (``1. …``, ``㈠ …``) start sentences, marker included, and
    the unpunctuated lines a paragraph opens with (a title block, a heading kept on its
    own lines) are one sentence apart from the text after them."""
    text = text.strip()
    if not text:
        return []
    pattern = _ZH_SENT if detect_lang(text) == "zh" else _EN_SENT
    out: list[str] = []
    pieces = _ITEM_LINE.split(text)
    head, pieces[0] = _heading(pieces[0])
    if head:
        out.append(head)
    for piece in pieces:
        marker = _ITEM.match(piece)
        head = marker.group() if marker else ""
        sentences = [m.group().strip() for m in pattern.finditer(piece[len(head):])]
        sentences = [s for s in sentences if s]
        if head and sentences:
            sentences[0] = head + sentences[0]
        out += sentences or ([head.strip()] if head.strip() else [])
    return out


_MARKER = re.compile(r"(?:[\d\s.,;:．、()\[\]㈠-㈩\-]|\b[IVXLC]{1,6}\b|\([a-z]{1,3}\))*")


def _heading(text: str) -> tuple[str, str]:
    """The unpunctuated lines before the last line, and the rest: a title block's lines
    in one sentence would blur the vector of the summary sentence that follows them."""
    lines = text.split("\n")
    if not _LINE_END.search(lines[-1].strip()):  # no text after them: all heading
        return "", text
    k = 0
    while k < len(lines) - 1 and not _LINE_END.search(lines[k].strip()):
        k += 1
    return "\n".join(lines[:k]).strip(), "\n".join(lines[k:]).strip()


def cut_otherwise(text: str, version: int) -> bool:
    """Whether ``split_sentences`` now cuts ``text`` otherwise than it did at ``version``
    (a paragraph stored then is cut again). Version 2 set apart the heading lines a
    paragraph opens with: only a text with a line break can differ."""
    return version < 2 and "\n" in text


def is_marker(sentence: str) -> bool:
    """A "sentence" that is only a number or list marker ("75.", "II.", "16 9."): text cut
    at a numbered item's full stop. It means nothing, yet its vector sits near any
    question with that number in it."""
    return _MARKER.fullmatch(sentence.strip()) is not None
