"""Agreement of methodx.read_answer with the people of human_judgements.jsonl.gz.

    python benchmarks/reader_agreement.py [--disagreements]

On the CQ19 and CQ20 rows, a person said whether an LLM answer gives specific
information from the paper; methodx says so when read_answer finds an item the
answer asserts. The study's own LLM-based judge agreed with the people 85% of
the time on these rows.
"""

import argparse
import sys
from pathlib import Path

import methodx
from methodx.score import read_jsonl

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--disagreements", action="store_true", help="print the answers where methodx and the person differ")
    args = parser.parse_args()
    path = args.corpus / "human_judgements.jsonl.gz"
    if not path.is_file():
        print(f"no human judgements at {path}", file=sys.stderr)
        return 1
    rows = [r for _, r in read_jsonl(path) if r["cq"] in (19, 20)]
    agree = 0
    for row in rows:
        question = "frameworks" if row["cq"] == 19 else "hardware"
        items = methodx.read_answer(row["answer"] or "", question)
        if bool(items) == row["contains_specific_info"]:
            agree += 1
        elif args.disagreements:
            print(f"--- {row['id']} {row['model']} person={row['contains_specific_info']} methodx={[i.name for i in items]}")
            print(row["answer"].strip()[:600])
    print(f"agreement with the people: {agree}/{len(rows)} = {agree / len(rows):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
