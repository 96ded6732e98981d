"""Whole papers per second: from a file to answers, and from text to answers, beside spaCy's tokenizer.

    python benchmarks/papers.py              # a markdown table on stdout
    python benchmarks/papers.py --repeat 5   # best of 5 runs of each measure (default 3)

On one core, in this process, after the rules are built:
- PDF -> answers: methodx.read (PDFMiner's extraction, then the sections) and methodx.annotate
  (both questions) on the fixture PDFs (../shared/fixtures/papers, else tests/fixtures/papers);
  the split says how much of the time is PDF extraction and how much is methodx;
- XML -> answers: the same for the GROBID TEI and JATS fixtures (parsing and writing the text is methodx's);
- text -> answers: methodx.read_string (sections) and methodx.annotate on the 315 whole-paper texts of
  ../shared/corpus/papers_dev.jsonl.gz (PDFMiner text of real papers), and spaCy's blank English
  make_doc (tokenisation only) on the same texts: methodx's whole reading against a tokenizer alone.
"""

import argparse
import gzip
import json
import platform
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
PAPERS = SHARED / "corpus" / "papers_dev.jsonl.gz"
FIXTURES = [SHARED / "fixtures" / "papers", ROOT / "tests" / "fixtures" / "papers"]


def best(stages: list[Callable[[object], object]], inputs: list, repeat: int) -> list[float]:
    """Seconds in each stage, summed over the inputs (each stage takes what the one before gave), in the
    run of least total time: the one the machine disturbed least."""
    runs = []
    for _ in range(repeat):
        seconds = [0.0] * len(stages)
        for value in inputs:
            for i, stage in enumerate(stages):
                started = time.perf_counter()
                value = stage(value)
                seconds[i] += time.perf_counter() - started
        runs.append(seconds)
    return min(runs, key=sum)


def files(pattern: str) -> list[Path]:
    for folder in FIXTURES:
        found = sorted(folder.glob(pattern))
        if found:
            return found
    return []


def spacy_tokens(texts: list[str], repeat: int) -> float:
    import spacy

    nlp = spacy.blank("en")
    nlp.make_doc(texts[0])
    return best([nlp.make_doc], texts, repeat)[0]


def row(name: str, papers: int, characters: int, read: float, answer: float, split: str) -> str:
    total = read + answer
    return (f"| {name} | {papers} | {characters / 1e6:.2f} | {read:.3f} | {answer:.3f} | {papers / total:,.1f} | "
            f"{characters / total / 1e6:.2f} | {split} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measure; the best is kept (default 3)")
    args = parser.parse_args()

    import methodx
    from methodx.inputs.pdf import extract_pdf_text, pdf_document

    methodx.annotate("We trained the network with TensorFlow on an NVIDIA V100 GPU.")  # build the rules first
    print(f"Made by `python benchmarks/papers.py` on CPython {platform.python_version()}, {platform.machine()}, "
          f"one core, best of {args.repeat} runs.\n")
    print("| input -> answers | papers | MB of text | reading s | answering s | papers/s | MB/s | where the time goes |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")

    pdfs = [path.read_bytes() for path in files("*.pdf")]
    if pdfs:
        extraction, sections, answer = best([extract_pdf_text, pdf_document, methodx.annotate], pdfs, args.repeat)
        characters = sum(len(extract_pdf_text(data)) for data in pdfs)
        total = extraction + sections + answer
        print(row("PDF (PDFMiner) -> answers", len(pdfs), characters, extraction + sections, answer,
                  f"PDF extraction {extraction / total:.0%}, methodx {(sections + answer) / total:.0%} "
                  f"(sections {sections / total:.1%}, answers {answer / total:.0%})"))
        print(row("PDF text -> answers (methodx's part)", len(pdfs), characters, sections, answer,
                  "the same papers, PDF extraction left out"))
    markup = files("*.tei.xml") + files("*.nxml")
    if markup:
        read, answer = best([methodx.read, methodx.annotate], markup, args.repeat)
        characters = sum(len(methodx.read(path).text) for path in markup)
        print(row("TEI and JATS XML -> answers", len(markup), characters, read, answer,
                  f"parsing and writing the text {read / (read + answer):.0%}"))

    if PAPERS.exists():
        with gzip.open(PAPERS, "rt", encoding="utf-8") as lines:
            texts = [json.loads(line)["text"] for line in lines]
        read, answer = best([methodx.read_string, methodx.annotate], texts, args.repeat)
        characters = sum(map(len, texts))
        print(row("whole-paper text -> answers", len(texts), characters, read, answer,
                  f"sections {read / (read + answer):.0%}, answers {answer / (read + answer):.0%}"))
        spacy_seconds = spacy_tokens(texts, args.repeat)
        print(f"| spaCy blank make_doc, the same texts (tokens only) | {len(texts)} | {characters / 1e6:.2f} | | "
              f"{spacy_seconds:.3f} | {len(texts) / spacy_seconds:,.1f} | {characters / spacy_seconds / 1e6:.2f} | |")
        print(f"\nmethodx (sections and both answers) on whole-paper text is **{spacy_seconds / (read + answer):.1f}x** "
              f"as fast as spaCy's tokenizer alone on the same {len(texts)} texts (target: 20x).")
    else:
        print(f"\n{PAPERS} is not there: the text rows are left out.")

if __name__ == "__main__":
    main()
