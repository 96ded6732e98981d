"""Answer many prompts or papers: in order, one record per input, on one or more processes.

    for result in methodx.answer_many(["prompt 1 ...", {"id": "p2", "text": "..."}], n_process=2):
        result.id, result.answer, result.error

Whatever an input holds and whatever a worker does, each input gives one Result, in
input order, never a gap and never a hang: a bad input or a bug met on one input gives an
error record; the inputs of a worker process that dies (killed, out of memory) are answered
again, and an input on which workers die again gets an error record of its own.
"""

import gzip
import json
import os
import signal
import sys
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from functools import partial
from itertools import islice
from multiprocessing import get_context
from multiprocessing.connection import wait
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
    results = []
    for job in jobs:
        if _stopping is not None and _stopping.is_set():
            break  # the parent is closing the pool and wants no more results
        results.append(_do(work, job))
    return results


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
#
# Each worker has a pipe of its own. concurrent.futures.ProcessPoolExecutor shares one result
# pipe among its workers: one killed while sending a result leaves half a message there, and the
# executor's thread waits for the rest for ever (CPython 3.11), so a killed worker could still hang
# a run. Here a worker's death is end-of-file on its own pipe, even mid-message, and the batch it
# held is known.

_stopping = None  # in a worker: the event its pool sets to stop early


def _serve(connection, stopping) -> None:
    """A worker: run each (function, items) it is sent and send back ("ok", results), until told to stop."""
    global _stopping
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group: the parent decides
    _stopping = stopping
    try:
        connection.send("ready")
        while (task := connection.recv()) is not None:
            function, items = task
            try:
                reply = ("ok", function(items))
            except Exception as error:
                reply = ("failed", f"{type(error).__name__}: {error}")
            connection.send(reply)
    except (EOFError, OSError):  # the parent closed the pipe: it wants nothing more
        pass


class _Batch:
    def __init__(self, index: int, items: list, breaks: int = 0, parent: "_Batch | None" = None, part: int = 0):
        self.index = index  # its place in the output
        self.items = items
        self.breaks = breaks  # how often a worker died on it
        self.parent = parent  # the batch it is one input of, when that batch is run one input at a time
        self.part = part
        self.parts: list[list | None] = []


class _Worker:
    def __init__(self, context, stopping):
        self.connection, theirs = context.Pipe()
        self.process = context.Process(target=_serve, args=(theirs, stopping), daemon=True)
        self.process.start()
        theirs.close()  # the worker holds the only other end: its death is end-of-file here
        self.batch: _Batch | None = None

    def started(self) -> bool:
        try:
            return self.connection.recv() == "ready"
        except (EOFError, OSError):
            return False

    def send(self, function: Callable, batch: _Batch) -> None:
        self.batch = batch
        with suppress(OSError):  # a worker that died shows up as end-of-file in _Pool.wait
            self.connection.send((function, batch.items))

    def stop(self, grace: float) -> None:
        with suppress(OSError):
            if self.batch is None:
                self.connection.send(None)
            self.connection.close()  # a busy worker's reply now fails, and it exits
        self.process.join(grace)
        if self.process.is_alive():  # stuck in one input
            self.process.kill()
            self.process.join()


class _Pool:
    """Worker processes, started with spawn; one that dies is replaced.

    When they cannot even start (the main module cannot be imported again, as for a script read from
    stdin, or one that starts workers at import without `if __name__ == "__main__":`), the pool is
    empty and the work is done in this process, with a warning.
    """

    GRACE = 5.0  # seconds a busy worker has to stop at its next input, when the pool closes early

    def __init__(self, function: Callable, size: int):
        self.function = function
        self.context = get_context("spawn")
        self.stopping = self.context.Event()
        self.workers = [_Worker(self.context, self.stopping) for _ in range(size)]
        if not all([worker.started() for worker in self.workers]):
            self._cannot_start()

    def _cannot_start(self) -> None:
        warnings.warn("worker processes cannot start (is the main module importable, and guarded by "
                      "`if __name__ == '__main__':`?): answering in this process", RuntimeWarning, stacklevel=4)
        self.close()

    def idle(self) -> list[_Worker]:
        return [worker for worker in self.workers if worker.batch is None]

    def busy(self) -> bool:
        return any(worker.batch is not None for worker in self.workers)

    def wait(self) -> list[tuple[_Batch, tuple | None]]:
        """(batch, reply) of each worker that answered, or (batch, None) of each that died (it is replaced)."""
        busy = {worker.connection: worker for worker in self.workers if worker.batch is not None}
        done: list[tuple[_Batch, tuple | None]] = []
        for connection in wait(list(busy)):
            worker = busy[connection]
            batch, worker.batch = worker.batch, None
            assert batch is not None
            try:
                done.append((batch, worker.connection.recv()))
            except (EOFError, OSError):
                done.append((batch, None))
                self._replace(worker)
        return done

    def _replace(self, worker: _Worker) -> None:
        worker.stop(0)
        self.workers.remove(worker)
        new = _Worker(self.context, self.stopping)
        if new.started():
            self.workers.append(new)
        else:
            new.stop(0)
            if not self.workers:
                self._cannot_start()

    def close(self) -> None:
        """Stop every worker: idle ones at once, busy ones at their next input (killed after GRACE seconds)."""
        self.stopping.set()
        for worker in self.workers:
            worker.stop(self.GRACE)
        self.workers = []


def _died(items: list) -> list[Result]:
    return [Result(id=job.id, error="a worker process died while answering this input (killed, or out of memory)")
            for job in items]


def _failed(items: list, message: str) -> list[Result]:
    return [Result(id=job.id, error=f"the worker process failed: {message}") for job in items]


def ordered(function: Callable[[list], list], batches: Iterable[list], n_process: int) -> Iterator:
    """function(batch) for each batch on n_process workers (one result per input), results in input order.

    A batch whose worker dies is sent once more (the death may have had nothing to do with it); when a
    worker dies on it again it is run one input at a time, so that an input that kills its worker gets
    an error record of its own and the others are answered.
    """
    pool = _Pool(function, n_process)
    try:
        yield from _scheduled(pool, iter(batches), n_process)
    finally:
        pool.close()


def _scheduled(pool: _Pool, batches: Iterator[list], n_process: int) -> Iterator:
    waiting: deque[_Batch] = deque()  # to send; those sent again go first
    finished: dict[int, list] = {}  # results by batch index, until their turn comes
    read = written = 0
    exhausted = False

    def deliver(batch: _Batch, results: list) -> None:
        parent = batch.parent
        if parent is None:
            finished[batch.index] = results
            return
        parent.parts[batch.part] = results
        if all(part is not None for part in parent.parts):
            finished[parent.index] = [r for part in parent.parts for r in part]  # type: ignore[union-attr]

    while True:
        idle = pool.idle()
        while (idle or not pool.workers) and (waiting or not exhausted):
            if not waiting:
                if read - written >= 2 * max(n_process, 1):  # read ahead at most two batches a worker
                    break
                items = next(batches, None)
                if items is None:
                    exhausted = True
                    break
                waiting.append(_Batch(read, items))
                read += 1
            batch = waiting.popleft()
            if pool.workers:
                idle.pop().send(pool.function, batch)
            else:  # no worker could start: this process does the work
                deliver(batch, pool.function(batch.items))
        while written in finished:
            yield from finished.pop(written)
            written += 1
        if exhausted and written == read:
            return
        if not pool.workers or (not pool.busy() and not waiting):
            continue
        for batch, reply in pool.wait():
            if reply is not None:
                status, value = reply
                deliver(batch, value if status == "ok" else _failed(batch.items, value))
                continue
            batch.breaks += 1
            if batch.breaks == 1:
                waiting.appendleft(batch)
            elif len(batch.items) == 1:
                deliver(batch, _died(batch.items))
            else:  # one input at a time: each that kills its worker again is the one
                batch.parts = [None] * len(batch.items)
                waiting.extendleft(reversed([_Batch(batch.index, [item], 1, batch, i) for i, item in enumerate(batch.items)]))


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
