"""Accuracy of methodx on every measure there is, as docs/accuracy.md.

    python benchmarks/accuracy.py > docs/accuracy.md
    python benchmarks/accuracy.py --errors           # and every error of the dev prompts and open papers

The measures (../shared): the 630 labelled dev prompts; the open half of the dev papers (165 whole
texts, paper-level labels); the sealed half (150, aggregate figures only, ../shared/tools/sealed.py);
SoMeSci's devel split through methodx.judge. Scored as ../shared/tools/scoring.py scores (methodx.evaluate).
"""

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def row(name: str, score) -> str:
    return (f"| {name} | {score.answers} | {score.precision:.3f} | {score.recall:.3f} | **{score.f1:.3f}** | "
            f"{score.answerability_accuracy:.3f} | {score.category_f1:.3f} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--errors", action="store_true", help="list the errors of the dev prompts and open papers")
    args = parser.parse_args()
    corpus = args.shared / "corpus"
    if not (corpus / "gold_dev.jsonl").is_file():
        print(f"no corpus at {corpus}", file=sys.stderr)
        return 1

    import methodx

    prompts = methodx.evaluate(corpus / "gold_dev.jsonl", prompts=corpus / "prompts.jsonl.gz")
    papers = methodx.evaluate(corpus / "gold_papers_dev.jsonl", prompts=corpus / "papers_dev.jsonl.gz")
    sealed = subprocess.run([sys.executable, str(args.shared / "tools" / "sealed.py")], capture_output=True, text=True,
                            cwd=ROOT).stdout.strip().splitlines()
    somesci = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "somesci.py")], capture_output=True,
                             text=True).stdout.strip().splitlines()

    print("# Accuracy\n")
    print("Made by `python benchmarks/accuracy.py > docs/accuracy.md`. Scored as `../shared/tools/scoring.py` scores "
          "(`methodx eval` gives the same figures): items of the scored categories (frameworks: dl and ml; hardware: "
          "all) by micro precision, recall and F1; answerability: whether an answer names a scored item when the "
          "gold does; category F1: over the sets of categories.\n")
    print("| measure | answers | precision | recall | F1 | answerability | category F1 |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, report in (("dev prompts", prompts), ("open dev papers", papers)):
        for question, score in report.scores.items():
            print(row(f"{name}, {question}", score))
    print("\nSealed half of the dev papers (`python ../shared/tools/sealed.py`; its labels are never read):\n")
    print("```\n" + "\n".join(line for line in sealed if line.startswith("sealed")) + "\n```\n")
    print("The judge alone on SoMeSci (`python benchmarks/somesci.py`): software mentions of PubMed Central "
          "sentences labelled Usage or Mention / Creation / Deposition; methodx gets the gold spans.\n")
    print("```\n" + "\n".join(somesci) + "\n```")
    if args.errors:
        for name, report in (("dev prompts", prompts), ("open dev papers", papers)):
            for question, score in report.scores.items():
                print(f"\n## Errors: {name}, {question}\n")
                for e in sorted(score.errors, key=lambda e: (e.kind, e.id)):
                    evidence = (e.evidence or "").replace("\n", " ")[:200]
                    print(f"- {'FP' if e.kind == 'false_positive' else 'FN'} `{e.id}` {e.name} ({e.category}): {evidence}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
