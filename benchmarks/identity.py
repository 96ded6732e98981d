"""Which answers a change changes: methodx at a git revision against the working tree, on the dev corpus.

    python benchmarks/identity.py HEAD~3           # every answer that differs, and a count
    python benchmarks/identity.py main --limit 500

Each version answers, in its own process, every prompt of ../shared/corpus/prompts.jsonl.gz (its own
question) and both questions of every paper text of papers_dev.jsonl.gz. Compared: the Answer::: text,
the items (name, category, version, details) and the mentions of the asked kind (name, offsets, used).
A refactoring should print "identical"; a rule change lists what it moved, to be explained.
"""

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"

# run by each version: prints one JSON line per answer
ANSWERS = """
import gzip, json, sys
sys.path.insert(0, sys.argv[1])
import methodx
KIND = {"frameworks": "framework", "hardware": "hardware"}

def summary(key, answer):
    kind = KIND.get(answer.question)
    items = [[i.name, i.category, i.version, json.dumps(i.details, sort_keys=True)] for i in answer.items]
    mentions = sorted([m.name, m.evidence.start, m.evidence.end, m.used] for m in answer.mentions if m.kind == kind)
    print(json.dumps([key, answer.text, items, mentions]))

limit = int(sys.argv[3])
with gzip.open(sys.argv[2] + "/prompts.jsonl.gz", "rt", encoding="utf-8") as lines:
    for number, line in enumerate(lines):
        if limit and number >= limit:
            break
        record = json.loads(line)
        summary(record["id"], methodx.answer(record["text"]))
with gzip.open(sys.argv[2] + "/papers_dev.jsonl.gz", "rt", encoding="utf-8") as lines:
    for number, line in enumerate(lines):
        if limit and number >= limit:
            break
        record = json.loads(line)
        for question in ("frameworks", "hardware"):
            summary(record["id"] + "#" + question, methodx.answer(record["text"], question=question))
"""


def answers(source: Path, corpus: Path, limit: int) -> dict[str, list]:
    out = subprocess.run([sys.executable, "-c", ANSWERS, str(source), str(corpus), str(limit)],
                         check=True, capture_output=True, text=True).stdout
    return {row[0]: row[1:] for row in map(json.loads, out.splitlines())}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("revision", help="the git revision to compare the working tree with")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=0, help="only the first N prompts and papers")
    args = parser.parse_args()
    if not (args.corpus / "prompts.jsonl.gz").is_file():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as folder:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.revision], check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", folder], input=archive, check=True)
        before = answers(Path(folder), args.corpus, args.limit)
    after = answers(ROOT, args.corpus, args.limit)
    parts = ("text", "items", "mentions")
    changed = {part: 0 for part in parts}
    for key in sorted(before.keys() | after.keys()):
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        for part, o, n in zip(parts, old or [None] * 3, new or [None] * 3):
            if o != n:
                changed[part] += 1
                print(f"{key} {part}:\n    before: {o}\n    after:  {n}")
    if not any(changed.values()):
        print(f"identical: {len(after)} answers")
    else:
        print(f"{len(after)} answers; changed: " + ", ".join(f"{part} {count}" for part, count in changed.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
