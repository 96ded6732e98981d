"""Speed and memory of methodx on the dev corpus, beside spaCy's tokenizer and a bare scan.

    python benchmarks/speed.py > docs/performance.md
    python benchmarks/speed.py --limit 1000          # a quicker run on the first prompts

On one core, over the prompts of ../shared/corpus/prompts.jsonl.gz (8,820 RAG
prompts, 36 MB of text):
- methodx.extract: every framework and hardware mention of every context, judged
  (the whole reading; what answering both questions costs);
- methodx.answer: each prompt's own question (26 of a paper's 28 queries are
  neither question and are answered 'unsupported' without reading the context);
- spaCy: the blank English pipeline's make_doc (tokenisation only) on the same texts;
- Aho-Corasick: pyahocorasick over the lower-cased texts with every gazetteer
  alias (a lower bound for any dictionary scan; skipped if not installed).
Then, each in a fresh process: peak memory of methodx reading the whole corpus,
`import methodx`, and `methodx answer` on one seed (cold start).
"""

import argparse
import gzip
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "prompts.jsonl.gz"
SEED = ROOT / "seeds" / "001_cf92111258aab71f.txt"


def load(path: Path, limit: int | None) -> list[dict]:
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


def aho_corasick(texts: list[str]):
    try:
        import ahocorasick
    except ImportError:
        return None
    import methodx

    rules = methodx.load_rules()
    automaton = ahocorasick.Automaton()
    for term in [t for q in rules.questions.values() for t in q.terms]:
        for alias in term.alias_rules():
            automaton.add_word(alias.text.lower(), term.name)
    automaton.make_automaton()
    return timed(lambda text: sum(1 for _ in automaton.iter(text.lower())), texts)


def fresh(*arguments: str, repeat: int = 5) -> float:
    """Best wall time of `python *arguments` in a new interpreter."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run([sys.executable, *arguments], check=True, capture_output=True)
        best = min(best, time.perf_counter() - started)
    return best


# VmHWM (the process's own peak), not ru_maxrss, which a child started by fork and exec can inherit
PEAK = """
import gzip, json, resource, sys
import methodx
with gzip.open(sys.argv[1], "rt", encoding="utf-8") as lines:
    for i, line in enumerate(lines):
        methodx.extract(json.loads(line)["text"])
        if {limit} and i + 1 >= {limit}:
            break
try:
    print(next(l.split()[1] for l in open("/proc/self/status") if l.startswith("VmHWM:")))
except OSError:
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def peak_memory_mb(path: Path, limit: int | None) -> float:
    out = subprocess.run([sys.executable, "-c", PEAK.format(limit=limit or 0), str(path)],
                         check=True, capture_output=True, text=True).stdout
    return int(out.strip()) / 1024  # KiB


def main() -> int:  # noqa: PLR0915 (one report, read top to bottom)
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="prompts.jsonl.gz")
    parser.add_argument("--limit", type=int, help="only the first N prompts")
    args = parser.parse_args()
    if not args.corpus.is_file():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 1
    cores = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    if cores:
        os.sched_setaffinity(0, {min(cores)})  # one core
    records = load(args.corpus, args.limit)
    texts = [r["text"] for r in records]
    asked = [r["text"] for r in records if r.get("cq") in (19, 20)]  # the frameworks and hardware prompts
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6

    import spacy

    import methodx

    methodx.extract(texts[0])  # compile the rules outside the timing
    nlp = spacy.blank("en")
    results = {
        "methodx.extract (both questions, every context)": timed(methodx.extract, texts),
        "methodx.answer (each prompt's own question)": timed(methodx.answer, texts),
        "spaCy blank make_doc (tokenisation only)": timed(nlp.make_doc, texts),
    }
    asked_seconds = timed(methodx.answer, asked) if asked else None
    scan = aho_corasick(texts)
    if scan is not None:
        results["Aho-Corasick scan of all aliases (pyahocorasick)"] = scan
    extract = results["methodx.extract (both questions, every context)"]
    answer = results["methodx.answer (each prompt's own question)"]
    spacy_time = results["spaCy blank make_doc (tokenisation only)"]

    print("# Performance\n")
    print("Made by `python benchmarks/speed.py > docs/performance.md` "
          f"on {platform.python_implementation()} {platform.python_version()}, {platform.machine()}, one core "
          f"(`{os.cpu_count()}` cores on the machine), over {len(texts)} prompts ({megabytes:.1f} MB) of "
          "../shared/corpus/prompts.jsonl.gz.\n")
    print("| run | seconds | prompts/s | MB/s | vs spaCy tokenisation |")
    print("|---|---:|---:|---:|---:|")
    for name, seconds in results.items():
        print(f"| {name} | {seconds:.2f} | {len(texts) / seconds:,.0f} | {megabytes / seconds:.1f} "
              f"| {spacy_time / seconds:.1f}x |")
    print()
    peak = peak_memory_mb(args.corpus, args.limit)
    base = fresh("-c", "pass")
    imported = fresh("-c", "import methodx")
    cold = fresh("-m", "methodx.cli", "answer", str(SEED))
    print("| measure | value | target |")
    print("|---|---:|---|")
    print(f"| methodx end to end (`methodx.answer` on every prompt) vs spaCy make_doc | {spacy_time / answer:.1f}x faster | >= 10x |")
    print(f"| methodx.extract (every context read for both questions, the worst case) vs spaCy make_doc "
          f"| {spacy_time / extract:.1f}x faster | |")
    print(f"| peak memory, reading the whole corpus (fresh process, RSS) | {peak:.0f} MB | < 300 MB |")
    print(f"| `import methodx` (fresh process, minus {base * 1000:.0f} ms of bare interpreter start) "
          f"| {(imported - base) * 1000:.0f} ms | < 1 s |")
    print(f"| `methodx answer` on one seed, cold start (whole command) | {cold * 1000:.0f} ms | < 1.5 s |")
    print()
    if cores and len(cores) > 1:
        os.sched_setaffinity(0, cores)
        jobs = [{"id": i, "text": t} for i, t in enumerate(texts)]
        print(f"Worker processes: `answer_many(..., question='frameworks')` over the same prompts (every "
              f"context read), on this machine's {len(cores)} cores, start-up included:\n")
        print("| processes | seconds | prompts/s |")
        print("|---:|---:|---:|")
        for n_process in (1, len(cores)):
            started = time.perf_counter()
            count = sum(1 for _ in methodx.answer_many(jobs, n_process=n_process, batch_size=256, question="frameworks"))
            seconds = time.perf_counter() - started
            print(f"| {n_process} | {seconds:.2f} | {count / seconds:,.0f} |")
        print()
    per_prompt = extract / len(texts)
    print(f"Reading a context for both questions takes {per_prompt * 1000:.2f} ms on average"
          + (f"; answering a frameworks or hardware prompt ({len(asked)} of them) takes "
             f"{asked_seconds / len(asked) * 1000:.2f} ms." if asked else "."))
    print("An LLM RAG pipeline takes 0.9 s (Llama-3.1 70B on a hosted accelerator) to 33 s (Mixtral 8x22B) "
          "per question per paper.\n")
    print("## How cost grows with a corpus\n")
    print("Cost is linear in the number of prompts and their length: each prompt is read on its own, "
          "memory stays flat while streaming (the peak above is the whole corpus), and worker processes "
          "(`answer_many(n_process=...)`, `methodx answer --jsonl --n-process`, or `methodx.dask` on a "
          "cluster) divide the time by the number of cores, less a start-up of about a second per worker "
          "to build the rules. Two questions per paper (frameworks and hardware), from the measured rate:\n")
    print("| papers | methodx, one core | methodx, 32 cores | LLM pipeline, 0.9 s per question | LLM pipeline, 33 s per question |")
    print("|---:|---:|---:|---:|---:|")
    for papers in (315, 10_000, 100_000, 1_000_000):
        prompts = 2 * papers
        one = prompts * per_prompt
        print(f"| {papers:,} | {_duration(one)} | {_duration(one / 32 + 2)} | {_duration(prompts * 0.9)} "
              f"| {_duration(prompts * 33)} |")
    return 0


def _duration(seconds: float) -> str:
    for unit, size in (("days", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size:
            return f"{seconds / size:.1f} {unit}"
    return f"{seconds:.1f} s"


if __name__ == "__main__":
    sys.exit(main())
