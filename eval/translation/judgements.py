"""Hand verdicts on translations, keyed by (sentence id, hash of the output text).

A verdict is ``ok`` or ``error`` (a wrong or missing number, name, title, negation or
actor); a re-run reuses it while the output is unchanged and lists unjudged outputs.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

HERE = Path(__file__).parent
JUDGEMENTS = HERE / "judgements.jsonl"


def output_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def load(path: Path = JUDGEMENTS) -> dict[tuple[str, str], dict]:
    out: dict[tuple[str, str], dict] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                j = json.loads(line)
                out[(j["id"], j["hash"])] = j
    return out


def verdict(table: dict[tuple[str, str], dict], sid: str, text: str) -> str | None:
    j = table.get((sid, output_hash(text)))
    return j["verdict"] if j else None
