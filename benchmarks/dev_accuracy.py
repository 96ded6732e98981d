"""Score methodx on the labelled development set (../shared/corpus), in plain text.

    python benchmarks/dev_accuracy.py            # the figures
    python benchmarks/dev_accuracy.py --errors   # plus every false positive and false negative

The scoring is methodx.evaluate's, as in `methodx eval` (see methodx/evaluation.py).
"""

import argparse
import sys
import time
from pathlib import Path

import methodx

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder with gold_dev.jsonl and prompts.jsonl.gz")
    parser.add_argument("--errors", action="store_true", help="list every false positive and false negative")
    args = parser.parse_args()
    if not (args.corpus / "gold_dev.jsonl").is_file():
        print(f"no development set at {args.corpus}", file=sys.stderr)
        return 1
    started = time.perf_counter()
    report = methodx.evaluate(args.corpus / "gold_dev.jsonl", prompts=args.corpus / "prompts.jsonl.gz")
    result_of = report.scores
    print(f"{sum(r.answers for r in result_of.values())} answers read and scored in "
          f"{time.perf_counter() - started:.1f} s")
    for question, result in result_of.items():
        line = (f"{question:10} P={result.precision:.3f} R={result.recall:.3f} F1={result.f1:.3f} "
                f"answerability={result.answerability_accuracy:.3f} "
                f"tp={result.true_positives} fp={result.false_positives} fn={result.false_negatives}")
        if result.category_f1 is not None:
            line += f" category-F1={result.category_f1:.3f}"
        print(line)
        if args.errors:
            for e in sorted(result.errors, key=lambda e: (e.kind, e.id)):
                kind = "FP" if e.kind == "false_positive" else "FN"
                evidence = (e.evidence or "").replace("\n", " ")[:200]
                print(f"   {kind} {e.id} | {e.name} | {e.category} | {evidence}")
    if report.missing:
        print(f"{len(report.missing)} gold prompts had no prompt text (scored as answering nothing)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
