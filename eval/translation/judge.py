"""List translations that have no hand verdict yet, or record verdicts.

python -m eval.translation.judge                 # unjudged outputs of every saved run
python -m eval.translation.judge ID HASH ok|error "what is wrong"
"""

from __future__ import annotations

import json
import sys

from eval.translation import judgements as J
from eval.translation.run import HERE


def unjudged() -> list[dict]:
    table = J.load()
    seen: dict[tuple[str, str], dict] = {}
    for path in sorted((HERE / "runs").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            key = (r["id"], J.output_hash(r["output"]))
            if r["output"] and key not in table and key not in seen:
                seen[key] = r
    return list(seen.values())


def main(argv: list[str]) -> int:
    if len(argv) >= 3:
        sid, digest, verdict = argv[:3]
        if verdict not in ("ok", "error"):
            raise SystemExit("verdict must be ok or error")
        with J.JUDGEMENTS.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps({"id": sid, "hash": digest, "verdict": verdict,
                                 "note": " ".join(argv[3:])}, ensure_ascii=False) + "\n")
        return 0
    for r in unjudged():
        print(f"== {r['id']} {J.output_hash(r['output'])} shown={r['shown']} {r['failed']}")
        print(f"ZH  {r['source']}\nREF {r['reference']}\nOUT {r['output']}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
