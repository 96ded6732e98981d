"""The judge on a peer's corpus: SoMeSci's software mentions (Usage, or Mention / Creation / Deposition).

    python benchmarks/somesci.py                 # the devel split, through methodx.judge and the spaCy component
    python benchmarks/somesci.py --split train

SoMeSci (Schindler et al. 2021, CC-BY 4.0) labels each software mention of PubMed Central sentences;
`used` is true for Usage only. methodx's judge gets the gold spans (it finds nothing itself here) and
says used or not, with the reason. Reported: accuracy, and the F1 of the not-used class.
"""

import argparse
import collections
import json
import sys
from pathlib import Path

EXTERNAL = Path(__file__).resolve().parent.parent.parent / "shared" / "external" / "somesci" / "somesci_train_devel.jsonl"


def scores(pairs: list[tuple[bool, bool, str]]) -> str:
    """pairs: (gold used, methodx used, mention type)."""
    n = len(pairs)
    right = sum(gold == said for gold, said, _ in pairs)
    tp = sum(not gold and not said for gold, said, _ in pairs)
    fp = sum(gold and not said for gold, said, _ in pairs)
    fn = sum(not gold and said for gold, said, _ in pairs)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return f"accuracy {right / n:.3f}, not-used F1 {f1:.3f} (precision {p:.3f}, recall {r:.3f}) on {n} spans"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=EXTERNAL)
    parser.add_argument("--split", default="devel", choices=["devel", "train"])
    args = parser.parse_args()
    if not args.data.is_file():
        print(f"no SoMeSci data at {args.data}", file=sys.stderr)
        return 1
    rows = [r for r in map(json.loads, args.data.open(encoding="utf-8")) if r["split"] == args.split]

    import spacy
    from spacy.util import filter_spans

    import methodx

    nlp = spacy.blank("en")
    nlp.add_pipe("methodx_judge")
    through_judge, through_spacy = [], []
    by_type: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for row in rows:
        spans = row["spans"]
        verdicts = methodx.judge(row["text"], [(s["start"], s["end"]) for s in spans])
        doc = nlp.make_doc(row["text"])
        ents = [doc.char_span(s["start"], s["end"], label="SOFTWARE", alignment_mode="expand") for s in spans]
        doc.ents = filter_spans([e for e in ents if e is not None])
        doc = nlp.get_pipe("methodx_judge")(doc)
        for span, verdict in zip(spans, verdicts):
            through_judge.append((span["used"], verdict.used, span["mention_type"]))
            by_type[span["mention_type"]]["right" if verdict.used == span["used"] else "wrong"] += 1
        for ent in doc.ents:
            gold = next(s for s in spans if s["start"] >= ent.start_char - 1 and s["end"] <= ent.end_char + 1)
            through_spacy.append((gold["used"], ent._.methodx_used, gold["mention_type"]))
    print(f"SoMeSci {args.split}, methodx.judge:           {scores(through_judge)}")
    print(f"SoMeSci {args.split}, spaCy methodx_judge:     {scores(through_spacy)} (the spans spaCy's tokens can hold)")
    for kind, counts in sorted(by_type.items()):
        print(f"  {kind:10s} {counts['right']:4d} right, {counts['wrong']:4d} wrong")
    return 0


if __name__ == "__main__":
    sys.exit(main())
