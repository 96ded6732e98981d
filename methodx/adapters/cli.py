"""The methodx command line."""

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

import methodx
from methodx.errors import InputError, MethodxError, PatternError
from methodx.inputs import check_text
from methodx.models import REASONS

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_INPUT = 3
EXIT_PATTERNS = 4

EPILOG = f"""\
exit codes:
  {EXIT_OK}  every input was answered (an 'unknown' or 'unsupported' answer is still an answer)
  {EXIT_USAGE}  the command line is wrong
  {EXIT_INPUT}  an input could not be read (missing, empty, binary, not UTF-8); the others were answered
  {EXIT_PATTERNS}  a rule file in the pattern directory is malformed

examples:
  methodx answer seeds/001_cf92111258aab71f.txt
  methodx answer --json prompts/            every .txt file under a folder
  methodx answer --jsonl prompts.jsonl.gz -o answers.jsonl --n-process 2
  cat prompt.txt | methodx answer -
  methodx extract seeds/002_6d1281d57469d09a.txt
  methodx verify seeds/003_d29008082ffdb1bc.txt      check the prompt's own Helpful Answer
  methodx eval ../shared/corpus/gold_dev.jsonl --prompts ../shared/corpus/prompts.jsonl.gz --errors
"""

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)  # never break a path


def read_text(source: str) -> str:
    """The text of a file (or of stdin for '-'), checked the way methodx.answer checks it."""
    if source == "-":
        data = sys.stdin.buffer.read()
    else:
        path = Path(source)
        if not path.exists():
            raise InputError(f"{source}: no such file")
        if path.is_dir():
            raise InputError(f"{source}: is a directory")
        try:
            data = path.read_bytes()
        except OSError as error:
            raise InputError(f"{source}: cannot read: {error.strerror}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(f"{source}: not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start})") from None
    try:
        return check_text(text)
    except InputError as error:
        raise InputError(f"{source}: {error}") from None


def expand(sources: list[str]) -> Iterator[str]:
    """Files as given; folders become the .txt files under them, in order."""
    for source in sources:
        path = Path(source)
        if source != "-" and path.is_dir():
            yield from (str(p) for p in sorted(path.rglob("*.txt")) if p.is_file())
        else:
            yield source


def _answer_jsonl(args: argparse.Namespace) -> int:
    """JSONL in, JSONL out: one record per input line, in order, errors included."""
    from methodx.adapters.batch import read_records

    records = read_records(args.jsonl)
    results = methodx.answer_many(records, n_process=args.n_process, question=args.question, patterns=args.patterns)
    status = EXIT_OK
    output = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")
    progress = _progress() if err.is_terminal else None
    try:
        task = progress.add_task("answering", total=None) if progress else None
        for result in results:
            output.write(json.dumps(result.record(), ensure_ascii=False) + "\n")
            if result.error:
                status = EXIT_INPUT
            if progress:
                progress.advance(task)
    finally:
        if progress:
            progress.stop()
        if output is not sys.stdout:
            output.close()
    return status


def _progress():
    from rich.progress import MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=err, transient=True)
    progress.start()
    return progress


def _answer(args: argparse.Namespace) -> int:
    if args.jsonl:
        return _answer_jsonl(args)
    status = EXIT_OK
    sources = list(expand(args.files))
    if not sources:
        err.print("methodx: no input files (a folder held no .txt files)")
        return EXIT_INPUT
    for source in sources:
        try:
            text = read_text(source)
            answer = methodx.answer(text, args.query, question=args.question, patterns=args.patterns)
        except InputError as error:
            err.print(f"methodx: {error}", markup=False)
            status = EXIT_INPUT
            if args.json:
                print(json.dumps({"source": source, "error": str(error)}))
            continue
        if args.json:
            print(json.dumps({"source": source, **answer.model_dump(mode="json")}, ensure_ascii=False))
        elif args.full:
            print(full_prompt(text, answer.text))
        else:
            if len(sources) > 1:
                print(f"# {source}")
            print(answer.text)
    return status


def full_prompt(text: str, answer_text: str) -> str:
    """The prompt with 'Helpful Answer:' filled in by methodx, as in the seed files."""
    prompt = methodx.read_prompt(text)
    if prompt.answer_offset is not None:
        return text[:prompt.answer_offset] + answer_text
    return text.rstrip("\n") + "\n\nHelpful Answer:\n" + answer_text


def _plain(text: str) -> Text:
    """Text from a paper, shown as it is: on one line, and never read as rich markup ("[12]", "[/]")."""
    return Text(text.replace("\n", " "))


def _extract(args: argparse.Namespace) -> int:
    mentions = methodx.extract(read_text(args.file), patterns=args.patterns)
    if args.json:
        print(json.dumps([m.model_dump(mode="json") for m in mentions], ensure_ascii=False, indent=1))
        return EXIT_OK
    table = Table(title=f"{len(mentions)} mentions in {args.file}", show_lines=False)
    for column in ("offsets", "kind", "name", "category", "version / details", "verdict", "why", "text"):
        table.add_column(column, overflow="fold")
    for m in mentions:
        details = ", ".join(f"{k}={v}" for k, v in m.details.items())
        extra = " ".join(x for x in (m.version or "", details) if x)
        verdict = "[green]used[/green]" if m.used else "[yellow]not used[/yellow]"
        why = REASONS[m.reason] if m.reason else ""
        if m.rule:
            why += f" ({m.rule}: {m.cue.text})" if m.cue else f" ({m.rule})"
        table.add_row(f"{m.evidence.start}-{m.evidence.end}", m.kind, m.name, m.category, extra, verdict,
                      _plain(why), _plain(m.evidence.text))
    out.print(table)
    return EXIT_OK


def _eval(args: argparse.Namespace) -> int:
    report = methodx.evaluate(args.gold, prompts=args.prompts, predictions=args.predictions, patterns=args.patterns)
    if args.json:
        data = report.model_dump(mode="json")
        if not args.errors:
            for question in data["scores"].values():
                question.pop("errors")
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return EXIT_OK
    table = Table(title=f"{report.source} against {args.gold}")
    for column in ("question", "answers", "precision", "recall", "F1", "answerability", "category F1", "TP", "FP", "FN"):
        table.add_column(column, justify="right" if column != "question" else "left")
    for question, r in report.scores.items():
        table.add_row(question, str(r.answers), f"{r.precision:.3f}", f"{r.recall:.3f}", f"{r.f1:.3f}",
                      f"{r.answerability_accuracy:.3f}", f"{r.category_f1:.3f}",
                      str(r.true_positives), str(r.false_positives), str(r.false_negatives))
    out.print(table)
    if report.missing:
        out.print(f"{len(report.missing)} gold prompts had no prediction (scored as answering nothing)")
    if args.errors:
        for question, r in report.scores.items():
            errors = sorted(r.errors, key=lambda e: (e.kind, e.id))
            table = Table(title=f"{question}: {len(errors)} errors", show_lines=True)
            for column in ("", "id", "name", "category", "evidence"):
                table.add_column(column, overflow="fold")
            for e in errors:
                table.add_row("FP" if e.kind == "false_positive" else "FN", e.id, e.name, e.category,
                              _plain(e.evidence or ""), style="red" if e.kind == "false_positive" else "yellow")
            out.print(table)
    return EXIT_OK


def _verify(args: argparse.Namespace) -> int:
    prompt = read_text(args.file)
    answer = read_text(args.answer) if args.answer else None
    verification = methodx.verify(prompt, answer, patterns=args.patterns)
    if args.json:
        print(verification.model_dump_json(indent=1))
        return EXIT_OK
    table = Table(title=f"{len(verification.claims)} claims of the answer to the {verification.question} question")
    for column in ("claim", "category", "status", "why", "context evidence"):
        table.add_column(column, overflow="fold")
    colour = {"supported": "green", "only_mentioned": "yellow", "unsupported": "red"}
    for claim in verification.claims:
        evidence = claim.evidence[0].sentence.text if claim.evidence else ""
        table.add_row(claim.name, claim.category, f"[{colour[claim.status]}]{claim.status}[/]", claim.reason or "",
                      _plain(evidence))
    out.print(table)
    return EXIT_OK


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="methodx",
        description="Which deep-learning frameworks and hardware did a study use? Rule-based answers with evidence.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    main.add_argument("--version", action="version", version=f"methodx {methodx.__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--patterns", metavar="DIR", help="use the rule files in DIR instead of the shipped ones")
    commands = main.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=help, parents=[common], epilog=EPILOG,
                                   formatter_class=argparse.RawDescriptionHelpFormatter)

    answer = command("answer", "print the Answer::: block for each prompt")
    answer.add_argument("files", nargs="*", metavar="FILE", help="prompt files or folders of .txt files; - reads stdin")
    answer.add_argument("--jsonl", metavar="IN", help="read JSONL (or .jsonl.gz, or - for stdin) of {id, text}; write one JSON record per input, in order")
    answer.add_argument("-o", "--output", metavar="OUT", default="-", help="with --jsonl: where to write the records (default: stdout)")
    answer.add_argument("--n-process", type=int, default=1, metavar="N", help="with --jsonl: worker processes (-1: one per CPU)")
    shape = answer.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="print the whole Answer as JSON, one line per input file")
    shape.add_argument("--full", action="store_true", help="re-emit each prompt with 'Helpful Answer:' filled in")
    answer.add_argument("--question", choices=["frameworks", "hardware"], help="answer this question whatever the query says")
    answer.add_argument("--query", help="the query, for files that hold only context")
    answer.set_defaults(run=_answer)

    extract = command("extract", "show every mention with its verdict and reason")
    extract.add_argument("file", metavar="FILE", help="a prompt or text file; - reads stdin")
    extract.add_argument("--json", action="store_true", help="print the mentions as JSON")
    extract.set_defaults(run=_extract)

    evaluate = command("eval", "score methodx, or a predictions file, against gold labels")
    evaluate.add_argument("gold", metavar="GOLD", help="gold labels, JSONL like ../shared/corpus/gold_dev.jsonl")
    evaluate.add_argument("--prompts", metavar="FILE", help="prompts to answer with methodx, JSONL(.gz) of {id, text}")
    evaluate.add_argument("--predictions", metavar="FILE",
                          help="predictions to score: JSONL(.gz) of {id, items: [{name, category}]} or {id, answer: text}")
    evaluate.add_argument("--json", action="store_true", help="print the report as JSON")
    evaluate.add_argument("--errors", action="store_true", help="list every false positive and false negative with its evidence")
    evaluate.set_defaults(run=_eval)

    verify = command("verify", "check an answer's claims against the prompt's context")
    verify.add_argument("file", metavar="FILE", help="a prompt; its 'Helpful Answer:' is checked unless ANSWER is given")
    verify.add_argument("answer", metavar="ANSWER", nargs="?", help="a file holding the answer text to check")
    verify.add_argument("--json", action="store_true", help="print the verification as JSON")
    verify.set_defaults(run=_verify)
    return main


def _check(main: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Argument combinations argparse cannot express; exits with EXIT_USAGE like argparse."""
    if args.command == "answer":
        if args.jsonl and args.files:
            main.error("answer: give FILE arguments or --jsonl IN, not both")
        if not args.jsonl and not args.files:
            main.error("answer: give FILE arguments (- reads stdin), or --jsonl IN")
        if (args.output != "-" or args.n_process != 1) and not args.jsonl:
            main.error("answer: -o and --n-process go with --jsonl")
    if args.command == "eval" and (args.prompts is None) == (args.predictions is None):
        main.error("eval: give either --prompts (score methodx) or --predictions (score a file)")


def main(argv: list[str] | None = None) -> int:
    main_parser = parser()
    args = main_parser.parse_args(argv)
    if not getattr(args, "run", None):
        main_parser.print_help()
        return EXIT_USAGE
    _check(main_parser, args)
    try:
        return args.run(args)
    except PatternError as error:
        err.print(f"methodx: malformed rule file: {error}", markup=False)
        return EXIT_PATTERNS
    except MethodxError as error:
        err.print(f"methodx: {error}", markup=False)
        return EXIT_INPUT
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
