"""Answer many prompts or papers: in order, one record per input, on one or more processes.

    for result in methodx.answer_many(["prompt 1 ...", {"id": "p2", "text": "..."}], n_process=2):
        result.id, result.answer, result.error

Whatever an input holds and whatever a worker does, each input gives one Result, in
input order: a bad input, a bug met on one input, or a worker process that dies
(killed, out of memory) gives an error record, never a gap and never a hang.
"""

import gzip
import json
import os
import signal
import sys
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from itertools import islice
from multiprocessing import get_context
from pathlib import Path
from typing import Literal, NamedTuple

from pydantic import BaseModel, Field

from methodx.arguments import optional_string, whole_number, without_surrogates
from methodx.errors import InputError, MethodxError
from methodx.models import Answer, PaperAnswers


class Result(BaseModel):
    """One record of a batch run: the answer (or every answer, for a paper), or the error that stopped it."""

    id: str | int = Field(description="The input's 'id', or its position (0-based) when it has none.")
    answer: Answer | None = None
    paper: PaperAnswers | None = Field(default=None, description="Every question's answer, from annotate_many, or from "
                                       "answer_many(unasked='all') on a text that asks no question.")
    error: str | None = Field(default=None, description="Why there is no answer.")

    def record(self, key: str = "id") -> dict:
        """The JSON record written by `methodx answer --jsonl`: the answer's fields, or the error; `key` names the id."""
        if self.answer is not None:
            return {key: self.id, **self.answer.model_dump(mode="json")}
        if self.paper is not None:
            return {key: self.id, **self.paper.model_dump(mode="json", exclude={"source"})}
        return {key: self.id, "error": self.error}


def json_line(record: dict) -> str:
    """A record as one line of JSON, UTF-8 where it can be; a lone surrogate (in an id) is written as its escape."""
    line = json.dumps(record, ensure_ascii=False)
    if without_surrogates(line) != line:
        line = json.dumps(record)
    return line + "\n"


class Job(NamedTuple):
    """One input, checked: what to read and what to ask, or the problem that stops it."""

    id: str | int
    text: str | None = None
    path: str | None = None
    query: str | None = None
    question: str | None = None
    problem: str | None = None


def _id_problem(value: object) -> str | None:
    if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
        return None
    shown = json.dumps(value, default=repr)
    return f"the 'id' must be a string or a whole number, not {shown if len(shown) <= 40 else shown[:37] + '...'}"


def _record_problem(record: dict) -> str | None:
    """What keeps a dict input from being answered, if anything."""
    if isinstance(record.get("error"), str) and record["error"] and "text" not in record and "path" not in record:
        return record["error"]  # a reader's error, passed on
    if "id" in record and (problem := _id_problem(record["id"])):
        return problem
    text, path = record.get("text"), record.get("path")
    if not isinstance(text, str) and not isinstance(path, str):
        return "the record has no 'text' string" if "text" in record or "path" not in record else "'path' must be a string"
    for key in ("query", "question"):
        if record.get(key) is not None and not isinstance(record[key], str):
            return f"'{key}' must be a string, not {type(record[key]).__name__}"
    return None


def _job(position: int, item: object) -> Job:
    if isinstance(item, str):
        return Job(position, text=item)
    if isinstance(item, tuple) and len(item) == 2:
        problem = _id_problem(item[0]) or (None if isinstance(item[1], str) else f"the text must be a string, not {type(item[1]).__name__}")
        return Job(position, problem=problem) if problem else Job(item[0], text=item[1])
    if isinstance(item, dict):
        problem = _record_problem(item)
        job_id = item["id"] if "id" in item and not _id_problem(item["id"]) else position
        if problem:
            return Job(job_id, problem=problem)
        text = item.get("text")
        return Job(job_id, text=text, query=item.get("query"), question=item.get("question")) if isinstance(text, str) \
            else Job(job_id, path=item.get("path"), query=item.get("query"), question=item.get("question"))
    return Job(position, problem=f"cannot read a {type(item).__name__} as a prompt: give a text, an (id, text) pair or a dict")


Unasked = Literal["unsupported", "all"]


class Work(NamedTuple):
    """What to do with each input (sent to the worker processes with every batch)."""

    task: Literal["answer", "annotate"]
    question: str | None
    patterns: str | None
    unasked: Unasked = "unsupported"


def _read(job: Job):
    import methodx

    return methodx.read(job.path) if job.path is not None else methodx.read_string(without_surrogates(job.text))  # type: ignore[arg-type]


def _do(work: Work, job: Job) -> Result:
    """The Result of one input; an unexpected error is a record too, so that one input never stops a batch."""
    import methodx

    if job.problem:
        return Result(id=job.id, error=job.problem)
    try:
        document = _read(job)
        question = work.question or job.question
        unasked = question is None and job.query is None and document.query is None
        if work.task == "annotate" or (unasked and work.unasked == "all"):
            return Result(id=job.id, paper=methodx.annotate(document, patterns=work.patterns))
        return Result(id=job.id, answer=methodx.answer(document, job.query, question=question, patterns=work.patterns))
    except MethodxError as error:
        return Result(id=job.id, error=str(error))
    except Exception as error:  # a bug met on this input: report it here, answer the rest
        return Result(id=job.id, error=f"methodx failed on this input (a bug, please report it): {type(error).__name__}: {error}")


def _do_batch(work: Work, jobs: list[Job]) -> list[Result]:
    return [_do(work, job) for job in jobs]


def cpu_count() -> int:
    """The CPUs this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def worker_count(n_process: object) -> int:
    """Worker processes for n_process: -1 is one per CPU; more than the CPUs are capped to them, with a warning."""
    cpus = cpu_count()
    n = whole_number(n_process, "n_process")
    if n == -1:
        return cpus
    if n < 1:
        raise InputError(f"n_process must be -1 (one per CPU) or from 1 to {cpus} (the CPUs), not {n}")
    if n > cpus:
        warnings.warn(f"n_process={n} is more than the {cpus} CPUs: using {cpus}", RuntimeWarning, stacklevel=3)
        return cpus
    return n


def _results(inputs: Iterable, work: Work, n_process: object, batch_size: object) -> Iterator[Result]:
    """Check the arguments and the rules now (not at the first result), then answer lazily."""
    from methodx.pipeline import pipeline

    if isinstance(inputs, (str, bytes, dict)) or not isinstance(inputs, Iterable):
        raise InputError(f"inputs must be an iterable of texts, (id, text) pairs or dicts, not {type(inputs).__name__}")
    workers = worker_count(n_process)
    if whole_number(batch_size, "batch_size") < 1:
        raise InputError(f"batch_size must be at least 1, not {batch_size}")
    pipeline(work.patterns)  # a malformed rule file is a PatternError now, not an error record per input
    jobs = (_job(position, item) for position, item in enumerate(inputs))
    if workers == 1:
        return (_do(work, job) for job in jobs)
    return ordered(partial(_do_batch, work), _batches(jobs, batch_size), workers)  # type: ignore[arg-type]


def answer_many(inputs: Iterable, *, n_process: int = 1, batch_size: int = 64, question: str | None = None,
                patterns: str | None = None, unasked: Unasked = "unsupported") -> Iterator[Result]:
    """Answer each input, in order, yielding one Result per input (an error record for one that cannot be answered).

    inputs: prompt texts, (id, text) pairs, or dicts {"id", "text" (or "path" of a file), optionally "query", "question"}.
    n_process: worker processes, 1 to the number of CPUs (-1: one per CPU; more are capped, with a warning).
    batch_size: inputs sent to a worker at a time.
    question: answer this question whatever the queries say.
    unasked: for a text that asks no question (no query, no question): 'unsupported' answers that it asks
        none, as methodx.answer does; 'all' answers every question (Result.paper).
    Arguments and rule files are checked at the call (InputError, PatternError), before any input is read.
    """
    if unasked not in ("unsupported", "all"):
        raise InputError(f"unasked must be 'unsupported' or 'all', not {unasked!r}")
    work = Work("answer", optional_string(question, "question"), optional_string(patterns, "patterns"), unasked)
    return _results(inputs, work, n_process, batch_size)


def annotate_many(inputs: Iterable, *, n_process: int = 1, batch_size: int = 16, patterns: str | None = None) -> Iterator[Result]:
    """Every question answered for each input (Result.paper), in order, one Result per input; inputs as for answer_many."""
    return _results(inputs, Work("annotate", None, optional_string(patterns, "patterns")), n_process, batch_size)


def _batches(jobs: Iterable[Job], size: int) -> Iterator[list[Job]]:
    jobs = iter(jobs)
    while batch := list(islice(jobs, size)):
        yield batch


# --- worker processes


def _ignore_interrupts() -> None:
    """Ctrl-C reaches every process of the terminal's group: the parent alone decides what it stops."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class _Workers:
    """A pool of worker processes, started with spawn, replaced when one of them dies.

    A new pool first runs a trivial task: when its workers cannot even start (the main module
    cannot be imported again, as for a script read from stdin, or one that starts workers at
    import, without `if __name__ == "__main__":`), the work is done in this process instead.
    """

    def __init__(self, size: int):
        self.size = size
        self.executor: ProcessPoolExecutor | None = None
        self.in_process = False

    def submit(self, function: Callable, batch: list) -> Future:
        if self.executor is None and not self.in_process:
            self.executor = ProcessPoolExecutor(self.size, mp_context=get_context("spawn"), initializer=_ignore_interrupts)
            try:
                self.executor.submit(os.getpid).result()
            except BrokenProcessPool:
                warnings.warn("worker processes cannot start (is the main module importable, and guarded by "
                              "`if __name__ == '__main__':`?): answering in this process", RuntimeWarning, stacklevel=2)
                self.close()
                self.in_process = True
        if self.in_process:
            done: Future = Future()
            done.set_result(function(batch))
            return done
        assert self.executor is not None
        try:
            return self.executor.submit(function, batch)
        except BrokenProcessPool as error:  # a worker died since the last batch: this one is sent again with the others
            failed: Future = Future()
            failed.set_exception(error)
            return failed

    def close(self, wait: bool = False) -> None:
        """Stop the workers; without waiting, those still busy are killed (their work is not wanted)."""
        if self.executor is None:
            return
        # the executor has no public way to stop a busy worker (before Python 3.14's terminate_workers)
        processes = list((getattr(self.executor, "_processes", None) or {}).values())
        self.executor.shutdown(wait=wait, cancel_futures=True)
        if not wait:
            for process in processes:
                if process.is_alive():
                    process.kill()
        self.executor = None


class _Batch:
    def __init__(self, items: list, future: Future):
        self.items = items
        self.future = future
        self.breaks = 0  # how often a worker died while it was in flight


def _died(items: list) -> list["Result"]:
    return [Result(id=job.id, error="a worker process died while answering this input (killed, or out of memory)")
            for job in items]


def _failed(items: list, error: BaseException) -> list["Result"]:
    return [Result(id=job.id, error=f"the worker process failed: {type(error).__name__}: {error}") for job in items]


def ordered(function: Callable[[list], list], batches: Iterable[list], n_process: int) -> Iterator:
    """function(batch) for each batch on n_process workers, results yielded in input order.

    When a worker dies, every batch in flight is sent again to new workers. A batch that was in
    flight at two deaths is run alone, one input at a time: an input that kills its worker then
    gets an error record of its own (function(batch) returns one result per input).
    """
    workers = _Workers(n_process)
    batches = iter(batches)
    window: deque[_Batch] = deque()  # in flight, in input order; 2 per worker keeps each one busy
    try:
        while True:
            while len(window) < 2 * n_process and (items := next(batches, None)) is not None:
                window.append(_Batch(items, workers.submit(function, items)))
            if not window:
                break
            first = window[0]
            try:
                results = first.future.result()
            except BrokenProcessPool:
                workers.close()
                _resend(workers, function, window)
                continue
            except Exception as error:  # the batch could not go to its worker or come back
                results = _failed(first.items, error)
            window.popleft()
            yield from results
        workers.close(wait=True)
    finally:
        workers.close()


def _resend(workers: _Workers, function: Callable, window: deque[_Batch]) -> None:
    """After a worker died: send the batches it broke again, or run those it broke twice one input at a time."""
    for batch in window:
        future = batch.future
        if future.done() and not future.cancelled() and not isinstance(future.exception(), BrokenProcessPool):
            continue  # finished before the death: its results stand
        batch.breaks += 1
        if batch.breaks == 1:
            batch.future = workers.submit(function, batch.items)
        else:
            batch.future = Future()
            batch.future.set_result(_one_at_a_time(function, batch.items))


def _one_at_a_time(function: Callable, items: list) -> list:
    alone = _Workers(1)
    results: list = []
    try:
        for item in items:
            try:
                results += alone.submit(function, [item]).result()
            except BrokenProcessPool:
                results += _died([item])
                alone.close()
            except Exception as error:
                results += _failed([item], error)
        alone.close(wait=True)
    finally:
        alone.close()
    return results


# --- JSONL input


def read_records(source: str) -> Iterator[dict]:
    """The records of a JSONL file (or .gz, or '-' for stdin), one per non-blank line.

    A file that cannot be opened raises InputError at once. A line that cannot be read (not UTF-8,
    not JSON, not an object, an id that is no string or whole number) becomes a record {"id": "line N",
    "error"} naming it, and the lines after it are still read; a record without an id gets "line N".
    """
    return _records(_open_lines(source))


def _open_lines(source: str):
    if source == "-":
        if sys.stdin is None:
            raise InputError("-: standard input is closed")
        return sys.stdin.buffer
    path = Path(source)
    if not path.exists():
        raise InputError(f"{source}: no such file")
    if path.is_dir():
        raise InputError(f"{source}: is a folder")
    try:
        file = open(path, "rb")
    except OSError as error:
        raise InputError(f"{source}: cannot be read: {error.strerror}") from None
    return gzip.GzipFile(fileobj=file, mode="rb") if path.suffix == ".gz" else file


def _records(lines) -> Iterator[dict]:
    number = 0
    with lines:
        try:
            for number, raw in enumerate(lines, 1):
                if number == 1:
                    raw = raw.removeprefix(b"\xef\xbb\xbf")
                if raw.strip():
                    yield _record(number, raw)
        except (OSError, EOFError) as error:  # a truncated or broken gzip stream: nothing after this line can be read
            yield {"id": f"line {number + 1}", "error": f"line {number + 1}: the input cannot be read from here on: {error}"}


def _record(number: int, raw: bytes) -> dict:
    where = f"line {number}"
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return {"id": where, "error": f"{where}: not UTF-8 (byte 0x{raw[error.start]:02x} at column {error.start + 1})"}
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return {"id": where, "error": f"{where}: invalid JSON: {error.msg}"}
    if not isinstance(record, dict):
        return {"id": where, "error": f"{where}: not a JSON object"}
    if problem := _record_problem(record):
        return {"id": record["id"] if not _id_problem(record.get("id")) else where, "error": f"{where}: {problem}"}
    return record if "id" in record else {"id": where, **record}
