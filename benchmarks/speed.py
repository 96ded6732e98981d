"""Speed and memory of methodx, beside spaCy's tokenizer and a bare multi-pattern scan, in one run.

    pip install ".[bench]" && python benchmarks/speed.py > docs/performance.md
    python benchmarks/speed.py --limit 1000        # a quicker run on the first prompts

On one core, over ../shared/corpus: the 8,820 RAG prompts and the 315 whole-paper texts.
- methodx.annotate: both questions from one reading of every text (the headline);
- methodx.answer: each prompt's own question (most prompts ask neither, and are not read);
- spaCy: the blank English pipeline's make_doc (tokenisation only) on the same texts;
- Aho-Corasick: pyahocorasick over the lower-cased texts with every gazetteer alias (a floor for
  any dictionary scan; skipped when not installed);
- the share of the cue matcher (phrases and token patterns on each sentence that holds a candidate).
Then, each in a fresh process: time and peak memory by text size (10 KB to 10 MB of paper text) and on
adversarial texts, `import methodx`, and `methodx answer` on a seed (cold start).
"""

import argparse
import gzip
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
SEED = ROOT / "seeds" / "001_cf92111258aab71f.txt"

# adversarial inputs of about 100 KB: many mentions and cues in one sentence, brackets, references on one line
ADVERSARIAL = {
    "'NVIDIA RTX 2080 Ti with 11 GB ' repeated": "NVIDIA RTX 2080 Ti with 11 GB " * 3334,
    "'We used TensorFlow and PyTorch, ' repeated": "We used TensorFlow and PyTorch, " * 3125,
    "'TensorFlow ' x 10,000": "TensorFlow " * 10_000,
    "50,000 brackets around a name": "(" * 50_000 + "TensorFlow" + ")" * 50_000,
    "a reference list on one line": "Smith, J., 2019. TensorFlow: a system. In: Proc. OSDI, pp. 1-2. doi:10.1/x. " * 1300,
    "methods on one line": "We trained the model with PyTorch on an NVIDIA RTX 3090 GPU. The data were collected in 2019. " * 1100,
    "one word per line": "\n".join(("We trained the model with PyTorch on an NVIDIA RTX 3090 GPU. " * 1600).split()),
}

# one text in a fresh process: seconds and peak memory (VmHWM: the process's own peak, not a parent's)
ONE = """
import sys, time
import methodx
text = open(sys.argv[1], encoding="utf-8").read()
methodx.annotate(text)  # rules loaded, and the regular expressions this text needs compiled, before the clock starts
started = time.perf_counter()
methodx.annotate(text)
seconds = time.perf_counter() - started
peak = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
print(seconds, peak / 1024)
"""


def read_jsonl(path: Path, limit: int | None = None) -> list[dict]:
    records = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            records.append(json.loads(line))
            if limit and len(records) >= limit:
                break
    return records


def timed(function, texts: list[str]) -> float:
    started = time.perf_counter()
    for text in texts:
        function(text)
    return time.perf_counter() - started


def aho_corasick():
    """A function scanning a text for every gazetteer alias with pyahocorasick, or None."""
    try:
        import ahocorasick
    except ImportError:
        return None
    import methodx

    automaton = ahocorasick.Automaton()
    for question in methodx.load_rules().questions.values():
        for term in question.terms:
            for alias in term.alias_rules():
                automaton.add_word(alias.text.lower(), term.name)
    automaton.make_automaton()
    return lambda text: sum(1 for _ in automaton.iter(text.lower()))


def matcher_share(texts: list[str]) -> tuple[float, float]:
    """(seconds in the cue matchers, seconds in all) of annotating the texts."""
    import methodx
    from methodx.text.cues import CueSet

    spent = [0.0]
    find = CueSet.find

    def counted(self, text, sentence):
        started = time.perf_counter()
        try:
            return find(self, text, sentence)
        finally:
            spent[0] += time.perf_counter() - started

    CueSet.find = counted  # type: ignore[method-assign]
    try:
        total = timed(methodx.annotate, texts)
    finally:
        CueSet.find = find  # type: ignore[method-assign]
    return spent[0], total


def fresh(*arguments: str, repeat: int = 5) -> float:
    """Best wall time of `python *arguments` in a new interpreter."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run([sys.executable, *arguments], check=True, capture_output=True)
        best = min(best, time.perf_counter() - started)
    return best


def one_text(text: str, folder: Path, repeat: int = 3) -> tuple[float, float]:
    """The median time and peak memory of reading the text, each run in a fresh process (one run is noisy)."""
    path = folder / "text.txt"
    path.write_text(text, encoding="utf-8")
    runs = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", ONE, str(path)], check=True, capture_output=True, text=True).stdout
        runs.append(tuple(map(float, out.split())))
    return statistics.median(s for s, _ in runs), statistics.median(m for _, m in runs)


def row(name: str, seconds: float, count: int, megabytes: float, spacy_seconds: float) -> str:
    return (f"| {name} | {seconds:.2f} | {count / seconds:,.0f} | {megabytes / seconds:.1f} | "
            f"{spacy_seconds / seconds:.1f}x |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder with prompts.jsonl.gz and papers_dev.jsonl.gz")
    parser.add_argument("--limit", type=int, help="only the first N prompts")
    args = parser.parse_args()
    if not (args.corpus / "prompts.jsonl.gz").is_file():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 1
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    prompts = [r["text"] for r in read_jsonl(args.corpus / "prompts.jsonl.gz", args.limit)]
    papers = [r["text"] for r in read_jsonl(args.corpus / "papers_dev.jsonl.gz")]
    prompt_mb = sum(len(t.encode("utf-8")) for t in prompts) / 1e6
    paper_mb = sum(len(t.encode("utf-8")) for t in papers) / 1e6

    import spacy

    import methodx

    nlp = spacy.blank("en")
    scan = aho_corasick()
    for warm in (prompts[:200], papers[:20]):  # rules compiled, spaCy's vocabulary filled: the steady state
        timed(methodx.annotate, warm)
        timed(nlp.make_doc, warm)

    runs = {"prompts": (prompts, prompt_mb), "papers": (papers, paper_mb)}
    table = {}
    for corpus, (texts, _) in runs.items():
        table[corpus] = {"spacy": timed(nlp.make_doc, texts), "annotate": timed(methodx.annotate, texts)}
        if scan is not None:
            table[corpus]["scan"] = timed(scan, texts)
    own_question = timed(methodx.answer, prompts)
    matchers, matched_total = matcher_share(papers)

    print("# Performance\n")
    print(f"Made by `python benchmarks/speed.py > docs/performance.md` on {platform.python_implementation()} "
          f"{platform.python_version()}, {platform.machine()}, one core ({os.cpu_count()} on the machine), over "
          f"../shared/corpus: {len(prompts)} RAG prompts ({prompt_mb:.1f} MB) and {len(papers)} whole-paper texts "
          f"({paper_mb:.1f} MB). Every run reads every text, in one process, after a warm-up.\n")
    for corpus, (texts, megabytes) in runs.items():
        spacy_seconds = table[corpus]["spacy"]
        print(f"## {corpus}\n")
        print("| run | seconds | texts/s | MB/s | vs spaCy tokenisation |")
        print("|---|---:|---:|---:|---:|")
        print(row("methodx.annotate (both questions, one reading)", table[corpus]["annotate"], len(texts), megabytes, spacy_seconds))
        if corpus == "prompts":
            print(row("methodx.answer (each prompt's own question)", own_question, len(texts), megabytes, spacy_seconds))
        print(row("spaCy blank make_doc (tokenisation only)", spacy_seconds, len(texts), megabytes, spacy_seconds))
        if "scan" in table[corpus]:
            print(row("Aho-Corasick scan of every alias (pyahocorasick)", table[corpus]["scan"], len(texts), megabytes, spacy_seconds))
        print()
    print(f"The cue matcher (phrases, token patterns and cue regexes on each sentence holding a candidate) "
          f"takes {matchers:.2f} s of the {matched_total:.2f} s methodx spends on the paper texts "
          f"({100 * matchers / matched_total:.0f}%).\n")

    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        print("## Size\n")
        print("Paper texts joined to the size, each the median of three fresh processes (the text read once before the clock starts, so that the rules it needs are loaded and compiled; the peak covers both readings):\n")
        print("| text | seconds | MB/s | peak memory (MB) |")
        print("|---|---:|---:|---:|")
        joined = "\n\n".join(papers)
        for size in (10_000, 100_000, 1_000_000, 10_000_000):
            text = (joined * (size // len(joined) + 1))[:size]
            seconds, peak = one_text(text, Path(folder))
            print(f"| {size // 1000:,} KB | {seconds:.3f} | {size / 1e6 / seconds:.1f} | {peak:.0f} |")
        print("\n## Adversarial texts (about 100 KB each)\n")
        print("| text | seconds | peak memory (MB) |")
        print("|---|---:|---:|")
        for name, text in ADVERSARIAL.items():
            seconds, peak = one_text(text, Path(folder))
            print(f"| {name} | {seconds:.2f} | {peak:.0f} |")

    bare = fresh("-c", "pass")
    print("\n## Start-up\n")
    print("| measure | seconds |")
    print("|---|---:|")
    print(f"| `import methodx` (fresh process, less {bare:.3f} s of bare interpreter start) | {fresh('-c', 'import methodx') - bare:.3f} |")
    print(f"| `methodx answer` on a seed, cold (whole command) | "
          f"{fresh('-m', 'methodx', 'answer', str(SEED)):.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
