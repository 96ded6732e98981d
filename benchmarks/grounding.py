"""Check every LLM answer of the dev corpus against its context: the grounding table.

    python benchmarks/grounding.py > docs/grounding.md

For each of the five LLMs, over their answers to CQ19 (frameworks) and CQ20
(hardware): how many items the answers assert (methodx.read_answer), and the
share that the context supports (it says the study used it), only mentions
(a citation, example, reference, hedge ...) or does not name at all.
"""

import argparse
import collections
import sys
from pathlib import Path

import methodx
from methodx.score import read_jsonl

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
STATUSES = ("supported", "only_mentioned", "unsupported")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    if not (args.corpus / "llm_answers.jsonl.gz").is_file():
        print(f"no LLM answers at {args.corpus}", file=sys.stderr)
        return 1
    answers = [record for _, record in read_jsonl(args.corpus / "llm_answers.jsonl.gz")]
    wanted = {a["id"] for a in answers}
    prompts = {r["id"]: r["text"] for _, r in read_jsonl(args.corpus / "prompts.jsonl.gz") if r["id"] in wanted}
    counts: dict[tuple[str, str], collections.Counter] = collections.defaultdict(collections.Counter)
    answered = collections.Counter()
    reasons: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for record in answers:
        question = "frameworks" if record["id"].endswith("#CQ19") else "hardware"
        text = record["answer"] or ""
        if not text.strip():
            continue
        verification = methodx.verify(prompts[record["id"]], text)
        answered[(record["model"], question)] += bool(verification.claims)
        for claim in verification.claims:
            counts[(record["model"], question)][claim.status] += 1
            if claim.status != "supported":
                reasons[claim.status][claim.reason or ""] += 1

    print("# Grounding of LLM answers in their contexts\n")
    print("Made by `python benchmarks/grounding.py > docs/grounding.md` over the dev corpus "
          f"({len(answers)} answers of five LLMs to CQ19 and CQ20, ../shared/corpus/llm_answers.jsonl.gz).\n")
    print("Each item an answer asserts (read with `methodx.read_answer`) is checked against the prompt's "
          "context with `methodx.verify`: **supported** when the context says the study used it, "
          "**only mentioned** when the context names it only as a citation, reference, example, hedge or "
          "general statement, **unsupported** when the context does not name it at all (hallucinated, or "
          "taken from the query's own examples).\n")
    for question in ("frameworks", "hardware"):
        print(f"## {question} (CQ{19 if question == 'frameworks' else 20})\n")
        print("| model | answers asserting an item | claims | supported | only mentioned | unsupported |")
        print("|---|---:|---:|---:|---:|---:|")
        for model in sorted({m for m, q in counts} | {m for m, q in answered}):
            c = counts[(model, question)]
            total = sum(c.values())
            shares = [f"{c[s] / total:.0%}" if total else "-" for s in STATUSES]
            print(f"| {model} | {answered[(model, question)]} | {total} | " + " | ".join(shares) + " |")
        print()
    print("## Why claims are not supported\n")
    for status in ("only_mentioned", "unsupported"):
        print(f"- {status.replace('_', ' ')}: " + "; ".join(f"{reason} ({n})" for reason, n in reasons[status].most_common(8)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
