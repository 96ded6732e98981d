"""Time and peak memory of methodx on adversarial inputs of about 100 KB, each case in a fresh process.

    python benchmarks/hostile.py > docs/hostile.md     # a Markdown table
    python benchmarks/hostile.py --timeout 60    # give up on a case after 60 s

Each case is read the most expensive way: methodx.annotate (both questions, every mention
judged), as plain text and as the context of a RAG prompt. The target is 2 s and 400 MB
per case; this reports, it does not assert. Peak memory is the process's VmHWM (its own
peak resident set), which includes the interpreter, spaCy and the compiled rules.
"""

import argparse
import json
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE = 100_000
SECONDS, MEGABYTES = 2.0, 400

PROSE = ("We implemented the convolutional network in Keras 2.4 with a TensorFlow backend and trained it on an NVIDIA "
         "GeForce RTX 2080 Ti GPU with 11 GB of memory (Chollet, 2017). Frameworks such as PyTorch could also be used. ")
REFERENCE = ("Abadi, M., Agarwal, A., Barham, P., 2016. TensorFlow: Large-scale machine learning on heterogeneous "
             "systems. arXiv preprint arXiv:1603.04467. Paszke, A., 2019. PyTorch: an imperative style. NeurIPS 32. ")


def _repeat(unit: str, size: int = SIZE) -> str:
    return unit * (size // len(unit) + 1)


CASES = {
    "'NVIDIA RTX 2080 Ti with 11 GB ' repeated": lambda: _repeat("NVIDIA RTX 2080 Ti with 11 GB "),
    "'We used TensorFlow and PyTorch, ' repeated": lambda: _repeat("We used TensorFlow and PyTorch, "),
    "50,000 brackets": lambda: "(" * 25_000 + ")" * 25_000,
    "50,000 opening brackets": lambda: "([" * 25_000,
    "a reference list on one line": lambda: _repeat(REFERENCE),
    "a text without line breaks": lambda: _repeat(PROSE),
    "one word per line": lambda: "\n".join(_repeat(PROSE).split()),
    "'TensorFlow ' x 10,000": lambda: "TensorFlow " * 10_000,
}

# run in a fresh interpreter: warm up on a short text (import and rules), then time the case alone
CHILD = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
from benchmarks.hostile import CASES
import methodx
from tests.helpers import build_prompt

methodx.annotate("We used PyTorch on a GPU.")
text = CASES[sys.argv[1]]()
prompt = build_prompt(text)
started = time.perf_counter()
paper = methodx.annotate(text)
plain = time.perf_counter() - started
started = time.perf_counter()
methodx.annotate(prompt)
as_prompt = time.perf_counter() - started
try:
    peak = int(next(l.split()[1] for l in open("/proc/self/status") if l.startswith("VmHWM:"))) / 1024
except OSError:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
items = sum(len(a.items) for a in paper.answers.values())
mentions = sum(len(a.mentions) for a in paper.answers.values())
print(json.dumps({{"size": len(text), "plain": plain, "prompt": as_prompt, "peak": peak, "items": items, "mentions": mentions}}))
"""


def run_case(name: str, timeout: float) -> dict:
    started = time.perf_counter()
    try:
        result = subprocess.run([sys.executable, "-c", CHILD.format(root=str(ROOT)), name], capture_output=True, text=True,
                                timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return {"timeout": timeout}
    if result.returncode != 0:
        return {"failed": result.stderr.strip().splitlines()[-1] if result.stderr.strip() else f"exit {result.returncode}"}
    return {**json.loads(result.stdout), "wall": time.perf_counter() - started}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--timeout", type=float, default=120, help="seconds before a case is given up (default 120)")
    parser.add_argument("cases", nargs="*", metavar="CASE", help="only these cases (default: all)")
    args = parser.parse_args()
    names = args.cases or list(CASES)
    print("# Hostile inputs\n")
    print(f"Made by `python benchmarks/hostile.py` on {platform.python_implementation()} {platform.python_version()}, "
          f"{platform.machine()}. `methodx.annotate` (both questions) on each text as plain text and as a prompt's "
          f"context, each case in a fresh process; target {SECONDS:g} s and {MEGABYTES} MB per case.\n")
    print("| case | characters | plain text (s) | as a prompt (s) | peak memory (MB) | mentions | items | within target |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    missed = []
    for name in names:
        r = run_case(name, args.timeout)
        if "timeout" in r or "failed" in r:
            why = f"gave up after {r['timeout']:g} s" if "timeout" in r else f"failed: {r['failed']}"
            print(f"| {name} | | | | | | | **no**: {why} |")
            missed.append(name)
            continue
        slow = max(r["plain"], r["prompt"]) > SECONDS
        big = r["peak"] > MEGABYTES
        verdict = "yes" if not (slow or big) else "**no**: " + ", ".join(x for x, bad in (("time", slow), ("memory", big)) if bad)
        if slow or big:
            missed.append(name)
        print(f"| {name} | {r['size']:,} | {r['plain']:.2f} | {r['prompt']:.2f} | {r['peak']:.0f} | {r['mentions']:,} | "
              f"{r['items']} | {verdict} |")
        sys.stdout.flush()
    print(f"\n{len(names) - len(missed)} of {len(names)} cases within the target." + (f" Missed: {', '.join(missed)}." if missed else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
