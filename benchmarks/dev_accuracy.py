"""Score methodx on the labelled development set (../shared/corpus).

    python benchmarks/dev_accuracy.py            # the figures
    python benchmarks/dev_accuracy.py --errors   # plus every false positive and false negative

Scoring follows ../shared/README.md (see methodx/evaluation.py).
"""

import argparse
import sys
import time
from pathlib import Path

import methodx
from methodx.evaluation import QUESTION_OF_CQ, gold_items, predicted_items, read_jsonl, score
from methodx.extract import extractor

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder with gold_dev.jsonl and prompts.jsonl.gz")
    parser.add_argument("--errors", action="store_true", help="list every false positive and false negative")
    args = parser.parse_args()
    if not (args.corpus / "gold_dev.jsonl").is_file():
        print(f"no development set at {args.corpus}", file=sys.stderr)
        return 1
    gold = {r["id"]: r for r in read_jsonl(args.corpus / "gold_dev.jsonl")}
    prompts = {r["id"]: r["text"] for r in read_jsonl(args.corpus / "prompts.jsonl.gz") if r["id"] in gold}
    started = time.perf_counter()
    answers = {i: methodx.answer(prompts[i]) for i in gold}
    seconds = time.perf_counter() - started
    canonical = extractor().finder.frameworks.canonical
    print(f"{len(answers)} prompts in {seconds:.1f} s")
    for cq, question in QUESTION_OF_CQ.items():
        pairs = [(i, gold_items(gold[i]), predicted_items(answers[i].items)) for i in gold if i.endswith(cq)]
        result = score(question, pairs, canonical)
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
