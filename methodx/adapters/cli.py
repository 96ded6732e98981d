"""The methodx command line."""

import argparse
import csv
import io
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager, suppress
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

import methodx
from methodx.adapters.batch import Result, cpu_count, json_line
from methodx.adapters.output import Output, OutputError, whole
from methodx.errors import InputError, MethodxError, PatternError
from methodx.inputs import READERS, check_text, decode, readable
from methodx.models import PaperAnswers

EXIT_OK = 0
EXIT_BUG = 1
EXIT_USAGE = 2
EXIT_INPUT = 3
EXIT_PATTERNS = 4
EXIT_OUTPUT = 5
EXIT_MISSING = 6
EXIT_INTERRUPTED = 130

EPILOG = f"""\
exit codes:
  {EXIT_OK}    every input was answered (an 'unknown' or 'unsupported' answer is still an answer)
  {EXIT_BUG}    methodx itself failed: a bug (the traceback says where; please report it)
  {EXIT_USAGE}    the command line is wrong
  {EXIT_INPUT}    an input could not be read or answered (missing, empty, binary, not UTF-8 or UTF-16, a bad
       record, a worker process that died on it); every other input was answered
  {EXIT_PATTERNS}    a rule file in the pattern directory is malformed
  {EXIT_OUTPUT}    the output cannot be written (no such folder, read-only, a folder, disk full, or it is
       an input); an existing output file is left as it was
  {EXIT_MISSING}    eval: the predictions miss some gold answers (scored as answering nothing);
       --allow-missing accepts that
  {EXIT_INTERRUPTED}  interrupted (Ctrl-C); what was written is kept, every record whole

examples:
  methodx answer seeds/001_cf92111258aab71f.txt
  methodx answer --json prompts/            every file methodx reads under a folder
  methodx answer --jsonl prompts.jsonl.gz -o answers.jsonl --n-process 2
  cat prompt.txt | methodx answer -
  methodx annotate papers/ --format csv -o papers.csv
  methodx extract seeds/002_6d1281d57469d09a.txt
  methodx verify seeds/003_d29008082ffdb1bc.txt      check the prompt's own Helpful Answer
  methodx eval ../shared/corpus/gold_dev.jsonl --prompts ../shared/corpus/prompts.jsonl.gz --errors
"""

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)  # never break a path


def say(message: str) -> None:
    """One line on stderr, never read as rich markup."""
    err.print(f"methodx: {message}", markup=False)


def read_stdin() -> str:
    if sys.stdin is None:
        raise InputError("-: standard input is closed")
    text = decode(sys.stdin.buffer.read(), "-")
    try:
        return check_text(text)
    except InputError as error:
        raise InputError(f"-: {error}") from None


def read_text(source: str) -> str:
    """The text of a file (read as methodx.read reads it) or of stdin for '-'."""
    return read_stdin() if source == "-" else methodx.read(source).text


def expand(sources: list[str]) -> list[str]:
    """Files as given ('-' is stdin); folders become the files under them that methodx reads, in order.

    A file of another type or a broken link in a folder is skipped with a warning line;
    hidden files and folders (.git, .DS_Store) are not searched.
    """
    found = []
    for source in sources:
        if source == "-" or not Path(source).is_dir():
            found.append(source)
            continue
        for folder, folders, files in os.walk(source):
            for name in sorted(folders):
                if (Path(folder) / name).is_symlink():
                    say(f"warning: {Path(folder) / name}: a link to a folder, not followed")
            folders[:] = sorted(name for name in folders if not name.startswith("."))
            for name in sorted(files):
                path = Path(folder) / name
                if name.startswith("."):
                    continue
                if path.is_symlink() and not path.exists():
                    say(f"warning: {path}: a broken link, skipped")
                elif readable(path):
                    found.append(str(path))
                else:
                    say(f"warning: {path}: skipped, not a kind of file methodx reads ({' '.join(sorted(READERS))})")
    return found


def _inputs(sources: list[str], query: str | None = None) -> Iterator[dict]:
    """The batch inputs of files: read in the worker processes; stdin is read here."""
    for source in sources:
        if source != "-":
            yield {"id": source, "path": source, "query": query}
            continue
        try:
            yield {"id": source, "text": read_stdin(), "query": query}
        except InputError as error:
            yield {"id": source, "error": str(error)}


@contextmanager
def _progress(description: str, total: int | None):
    """A progress bar on stderr when it is a terminal (with the total when it is known); nothing when piped."""
    if not err.is_terminal:
        yield lambda: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = [SpinnerColumn(), TextColumn("{task.description}"), *([BarColumn()] if total else []), MofNCompleteColumn(),
               TimeElapsedColumn()]
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task(description, total=total)
        yield lambda: progress.advance(task)


def _write_all(output: Output, results: Iterator[Result], render: Callable[[Result], str], *, description: str,
               total: int | None = None, head: str = "", tail: str = "") -> int:
    """Each result rendered and written, in order; EXIT_INPUT when one is an error. `tail` is written even after Ctrl-C."""
    status = EXIT_OK
    with whole():
        output.write(head)
    try:
        with closing(results), _progress(description, total) as advance:  # type: ignore[type-var]
            for result in results:
                text = render(result)
                with whole():
                    output.write(text)
                if result.error:
                    status = EXIT_INPUT
                advance()
    except KeyboardInterrupt:
        output.write(tail)
        raise
    output.write(tail)
    return status


def _error(result: Result) -> str:
    """A result's error naming its source, said on stderr."""
    message = result.error or ""
    source = str(result.id)
    message = message if message.startswith(source) else f"{source}: {message}"
    say(message)
    return message


def workers(value: str) -> int:
    """--n-process: 1 to the number of CPUs, -1 for one per CPU; more is capped, with a warning."""
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    cpus = cpu_count()
    if n == -1:
        return cpus
    if n < 1:
        raise argparse.ArgumentTypeError(f"{n}: give 1 to {cpus} (the CPUs), or -1 for one per CPU")
    if n > cpus:
        say(f"warning: --n-process {n} is more than the {cpus} CPUs: using {cpus}")
        return cpus
    return n


# --- answer


def _answer_jsonl(args: argparse.Namespace) -> int:
    """JSONL in, JSONL out: one record per input line, in order, errors included."""
    from methodx.adapters.batch import read_records

    with Output(args.output, [args.jsonl]) as output:
        results = methodx.answer_many(read_records(args.jsonl), n_process=args.n_process, question=args.question,
                                      patterns=args.patterns)
        return _write_all(output, results, lambda r: json_line(r.record()), description="answering")


def _answer(args: argparse.Namespace) -> int:
    if args.jsonl:
        return _answer_jsonl(args)
    sources = expand(args.files)
    if not sources:
        say("no input files (the folders hold no file methodx reads)")
        return EXIT_INPUT
    stdin_text: list[str] = []

    def inputs() -> Iterator[dict]:
        for record in _inputs(sources, args.query):
            if record["id"] == "-" and "text" in record:
                stdin_text.append(record["text"])  # kept for --full
            yield record

    def render(result: Result) -> str:
        if result.error:
            message = _error(result)
            return json_line({"source": result.id, "error": message}) if args.json else ""
        answers = [result.answer] if result.answer else list(result.paper.answers.values())  # type: ignore[union-attr]
        if args.json:
            return "".join(json_line({"source": result.id, **a.model_dump(mode="json")}) for a in answers)
        if args.full:
            text = stdin_text[0] if result.id == "-" else methodx.read(str(result.id)).text
            return full_prompt(text, "\n\n".join(a.text for a in answers)) + "\n"
        blocks = [(f"# {a.question}\n" if len(answers) > 1 else "") + a.text + "\n" for a in answers]
        return (f"# {result.id}\n" if len(sources) > 1 else "") + "".join(blocks)

    with Output(args.output, sources) as output:
        results = methodx.answer_many(inputs(), n_process=args.n_process, batch_size=1 if args.n_process > 1 else 64,
                                      question=args.question, patterns=args.patterns, unasked="all")
        return _write_all(output, results, render, description="answering", total=len(sources))


def full_prompt(text: str, answer_text: str) -> str:
    """The prompt with 'Helpful Answer:' filled in by methodx, as in the seed files."""
    prompt = methodx.read_prompt(text)
    if prompt.answer_offset is not None:
        return text[:prompt.answer_offset] + answer_text
    return text.rstrip("\n") + "\n\nHelpful Answer:\n" + answer_text


# --- annotate

CSV_COLUMNS = ["source", "question", "item", "category", "version", "details", "section", "evidence", "error"]


def _cell(value: str) -> str:
    """Text from a paper as a spreadsheet cell: one line, never run as a formula."""
    value = " ".join(value.split())
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def _csv(row: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(row)
    return buffer.getvalue()


def _csv_rows(result: Result) -> str:
    """One row per item of each question; a question without items still has its row, so no paper is missing."""
    if result.paper is None:
        return _csv([str(result.id), "", "", "", "", "", "", "", _cell(_error(result))])
    rows = []
    for name, answer in result.paper.answers.items():
        if not answer.items:
            rows.append(_csv([str(result.id), name, "", "", "", "", "", "", ""]))
        for item in answer.items:
            evidence = item.evidence[0] if item.evidence else None
            details = "; ".join(f"{k}={v}" for k, v in item.details.items())
            rows.append(_csv([str(result.id), name, _cell(item.name), item.category, _cell(item.version or ""), _cell(details),
                              (evidence.section or "") if evidence else "", _cell(evidence.sentence.text) if evidence else "", ""]))
    return "".join(rows)


def _paper_table(source: str, paper: PaperAnswers) -> Table:
    table = Table(title=source, show_lines=False)
    for column in ("question", "item", "category", "version / details", "section", "evidence"):
        table.add_column(column, overflow="fold")
    for name, answer in paper.answers.items():
        if not answer.items:
            table.add_row(name, "[dim]not stated[/dim]", "", "", "", "")
        for item in answer.items:
            evidence = item.evidence[0] if item.evidence else None
            details = ", ".join(f"{k}={v}" for k, v in item.details.items())
            table.add_row(name, _plain(item.name), item.category, " ".join(x for x in (item.version or "", details) if x),
                          (evidence.section or "") if evidence else "", _plain(evidence.sentence.text) if evidence else "")
    return table


def _rendered(output: Output, renderable) -> str:
    """A rich table as text for the output: coloured on a terminal, plain in a file or a pipe."""
    buffer = io.StringIO()
    terminal = output.is_terminal
    Console(file=buffer, width=out.width if terminal else 160, force_terminal=terminal, highlight=False).print(renderable)
    return buffer.getvalue()


def _annotate(args: argparse.Namespace) -> int:
    sources = expand(args.paths)
    if not sources:
        say("no input files (the folders hold no file methodx reads)")
        return EXIT_INPUT
    with Output(args.output, sources) as output:
        results = methodx.annotate_many(_inputs(sources), n_process=args.n_process, batch_size=1, patterns=args.patterns)
        head = tail = ""
        written = []

        def record(r: Result) -> dict:
            return r.record("source") if r.paper else {"source": r.id, "error": _error(r)}

        def render(r: Result) -> str:
            if args.format == "jsonl":
                return json_line(record(r))
            if args.format == "json":  # an array, one record a line, closed even after Ctrl-C
                written.append(r.id)
                return ("" if len(written) == 1 else ",\n") + json_line(record(r)).rstrip("\n")
            if args.format == "csv":
                return _csv_rows(r)
            if r.paper is None:
                _error(r)
                return ""
            return _rendered(output, _paper_table(str(r.id), r.paper))

        if args.format == "json":
            head, tail = "[\n", "\n]\n"
        elif args.format == "csv":
            head = _csv(CSV_COLUMNS)
        return _write_all(output, results, render, description="annotating", total=len(sources), head=head, tail=tail)


# --- extract, verify, eval


def _plain(text: str) -> Text:
    """Text from a paper, shown as it is: on one line, and never read as rich markup ("[12]", "[/]")."""
    return Text(text.replace("\n", " "))


def _extract(args: argparse.Namespace) -> int:
    status = EXIT_OK
    for source in expand(args.files):
        try:
            document = read_stdin() if source == "-" else methodx.read(source)  # a file's Document keeps its sections
            mentions = methodx.extract(document, patterns=args.patterns)
        except PatternError:
            raise
        except InputError as error:
            message = str(error) if str(error).startswith(source) else f"{source}: {error}"
            say(message)
            status = EXIT_INPUT
            if args.json:
                sys.stdout.write(json_line({"source": source, "error": message}))
            continue
        if args.json:
            sys.stdout.write(json_line({"source": source, "mentions": [m.model_dump(mode="json") for m in mentions]}))
            continue
        table = Table(title=f"{len(mentions)} mentions in {source}", show_lines=False)
        for column in ("offsets", "kind", "name", "category", "version / details", "verdict", "why", "text"):
            table.add_column(column, overflow="fold")
        for m in mentions:
            details = ", ".join(f"{k}={v}" for k, v in m.details.items())
            extra = " ".join(x for x in (m.version or "", details) if x)
            verdict = "[green]used[/green]" if m.used else "[yellow]not used[/yellow]"
            why = m.reason_text or ""
            if m.rule:
                why += f" ({m.rule}: {m.cue.text})" if m.cue else f" ({m.rule})"
            table.add_row(f"{m.evidence.start}-{m.evidence.end}", m.kind, m.name, m.category, extra, verdict,
                          _plain(why), _plain(m.evidence.text))
        out.print(table)
    return status


def _scores_table(title: str, report) -> Table:
    table = Table(title=title)
    for column in ("question", "answers", "precision", "recall", "F1", "answerability", "category F1", "TP", "FP", "FN"):
        table.add_column(column, justify="right" if column != "question" else "left")
    for question, r in report.scores.items():
        table.add_row(question, str(r.answers), f"{r.precision:.3f}", f"{r.recall:.3f}", f"{r.f1:.3f}",
                      f"{r.answerability_accuracy:.3f}", f"{r.category_f1:.3f}",
                      str(r.true_positives), str(r.false_positives), str(r.false_negatives))
    return table


def _errors_tables(report) -> Iterator[Table]:
    for question, r in report.scores.items():
        errors = sorted(r.errors, key=lambda e: (e.kind, e.id))
        table = Table(title=f"{question}: {len(errors)} errors", show_lines=True)
        for column in ("", "id", "name", "category", "evidence"):
            table.add_column(column, overflow="fold")
        for e in errors:
            table.add_row("FP" if e.kind == "false_positive" else "FN", e.id, e.name, e.category,
                          _plain(e.evidence or ""), style="red" if e.kind == "false_positive" else "yellow")
        yield table


def _eval(args: argparse.Namespace) -> int:
    from methodx.score import prediction_models

    # a file of several models' answers (like ../shared/corpus/llm_answers.jsonl.gz) is scored model by model
    models: list[str | None] = [args.model]
    if args.predictions and args.model is None:
        models = list(prediction_models(args.predictions)) or [None]
    reports = {model: methodx.evaluate(args.gold, prompts=args.prompts, predictions=args.predictions,
                                       patterns=args.patterns, model=model) for model in models}
    if args.json:
        data = {}
        for model, report in reports.items():
            data[model] = report.model_dump(mode="json")
            if not args.errors:
                for question in data[model]["scores"].values():
                    question.pop("errors")
        # one report as it is; several (one per model) by model
        print(json.dumps(next(iter(data.values())) if len(data) == 1 else data, ensure_ascii=False, indent=1))
    else:
        for report in reports.values():
            out.print(_scores_table(f"{report.source} against {args.gold}", report))
            if args.errors:
                for table in _errors_tables(report):
                    out.print(table)
    status = EXIT_OK
    for report in reports.values():
        if not report.missing:
            continue
        total = sum(r.answers for r in report.scores.values())
        examples = ", ".join(report.missing[:3]) + (", ..." if len(report.missing) > 3 else "")
        note = f"{report.source}: {len(report.missing)} of {total} gold answers have no prediction ({examples}); scored as answering nothing"
        if args.allow_missing:
            say(f"note: {note}")
        else:
            say(f"{note}; --allow-missing accepts that")
            status = EXIT_MISSING
    return status


def _verify(args: argparse.Namespace) -> int:
    prompt = read_text(args.file)
    answer = args.answer_text if args.answer_text is not None else read_text(args.answer) if args.answer else None
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
    missed = Table(title=f"{len(verification.missed)} used in the context and missing from the answer")
    for column in ("missed", "category", "context evidence"):
        missed.add_column(column, overflow="fold")
    for item in verification.missed:
        missed.add_row(item.name, item.category, _plain(item.evidence[0].sentence.text) if item.evidence else "")
    out.print(missed)
    return EXIT_OK


# --- the parser


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

    def writes(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("-o", "--output", metavar="OUT", default="-",
                         help="write here (default: stdout); the file is replaced only when the run ends, never an input")
        sub.add_argument("--n-process", type=workers, default=1, metavar="N",
                         help="worker processes: 1 to the number of CPUs, -1 one per CPU (default 1)")

    answer = command("answer", "print the Answer::: block for each prompt or paper")
    answer.add_argument("files", nargs="*", metavar="FILE",
                        help="prompts or papers, or folders of them; - reads stdin. A text that asks no question "
                             "(no 'Query:' line, no --question or --query) is answered for every question")
    answer.add_argument("--jsonl", metavar="IN", help="read JSONL (or .jsonl.gz, or - for stdin) of {id, text}; write one JSON record per input, in order")
    writes(answer)
    shape = answer.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="print the whole Answer as JSON, one line per answer")
    shape.add_argument("--full", action="store_true", help="re-emit each prompt with 'Helpful Answer:' filled in")
    answer.add_argument("--question", choices=["frameworks", "hardware"], help="answer this question whatever the query says")
    answer.add_argument("--query", help="the query, for files that hold only context")
    answer.set_defaults(run=_answer)

    annotate = command("annotate", "answer every question for each paper: files and folders (searched recursively)")
    annotate.add_argument("paths", nargs="+", metavar="PATH", help="papers, prompts or folders of them; - reads stdin")
    annotate.add_argument("--format", choices=["table", "json", "jsonl", "csv"], default="table",
                          help="table (default); json (one array); jsonl (one record per paper); csv (one row per paper, "
                               "question and item: source, question, item, category, version, details, section, evidence, error)")
    writes(annotate)
    annotate.set_defaults(run=_annotate)

    extract = command("extract", "show every mention with its verdict and reason")
    extract.add_argument("files", nargs="+", metavar="FILE", help="prompts or text files, or folders of them; - reads stdin")
    extract.add_argument("--json", action="store_true", help="print one JSON record {source, mentions} per file")
    extract.set_defaults(run=_extract)

    evaluate = command("eval", "score methodx, or a predictions file, against gold labels")
    evaluate.add_argument("gold", metavar="GOLD", help="gold labels, JSONL like ../shared/corpus/gold_dev.jsonl")
    evaluate.add_argument("--prompts", metavar="FILE", help="prompts to answer with methodx, JSONL(.gz) of {id, text}")
    evaluate.add_argument("--predictions", metavar="FILE",
                          help="predictions to score: JSONL(.gz) of {id, items: [{name, category}]} or {id, answer: text}; "
                               "an empty answer is an answer with no items; records of several models (a 'model' field) "
                               "are scored model by model")
    evaluate.add_argument("--model", metavar="NAME", help="with --predictions: score only the records of this model")
    evaluate.add_argument("--allow-missing", action="store_true",
                          help="accept predictions that cover only part of the gold (the rest scored as answering nothing)")
    evaluate.add_argument("--json", action="store_true", help="print the report as JSON")
    evaluate.add_argument("--errors", action="store_true", help="list every false positive and false negative with its evidence")
    evaluate.set_defaults(run=_eval)

    verify = command("verify", "check an answer's claims against the prompt's context, and what it missed")
    verify.add_argument("file", metavar="FILE", help="a prompt; its 'Helpful Answer:' is checked unless an answer is given")
    verify.add_argument("answer", metavar="ANSWER", nargs="?", help="a file holding the answer text to check")
    verify.add_argument("--answer-text", metavar="TEXT", help="the answer text to check, given on the command line")
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
        if args.jsonl and args.full:
            main.error("answer: --full goes with FILE arguments, not --jsonl")
    if args.command == "eval":
        if (args.prompts is None) == (args.predictions is None):
            main.error("eval: give either --prompts (score methodx) or --predictions (score a file)")
        if args.model is not None and args.predictions is None:
            main.error("eval: --model goes with --predictions")
    if args.command == "verify" and args.answer and args.answer_text is not None:
        main.error("verify: give the answer as a file (ANSWER) or as --answer-text, not both")


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
        say(f"malformed rule file: {error}")
        return EXIT_PATTERNS
    except OutputError as error:
        say(str(error))
        return EXIT_OUTPUT
    except MethodxError as error:
        say(str(error))
        return EXIT_INPUT
    except KeyboardInterrupt:
        say("interrupted; what was written so far is kept, every record whole")
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # the reader of stdout stopped (| head): not an error
        _silence_stdout()
        return EXIT_OK


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that the flush at exit does not fail on the closed pipe again."""
    with suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


if __name__ == "__main__":
    sys.exit(main())
