"""Answer many prompts: in order, one record per input, on one or more processes.

    for result in methodx.answer_many(["prompt 1 ...", {"id": "p2", "text": "..."}], n_process=2):
        result.id, result.answer, result.error

A bad input yields a record with its error, never a gap: nothing is lost.
"""

import gzip
import json
import os
import sys
from collections.abc import Iterable, Iterator
from itertools import islice
from multiprocessing import get_context
from pathlib import Path

from pydantic import BaseModel, Field

from methodx.errors import InputError, MethodxError
from methodx.models import Answer


class Result(BaseModel):
    """One record of a batch run: the answer, or the error that stopped it."""

    id: str | int = Field(description="The input's 'id', or its position (0-based) when it has none.")
    answer: Answer | None = None
    error: str | None = Field(default=None, description="Why there is no answer.")

    def record(self) -> dict:
        """The JSON record written by `methodx answer --jsonl`: the answer's fields, or the error."""
        if self.answer is None:
            return {"id": self.id, "error": self.error}
        return {"id": self.id, **self.answer.model_dump(mode="json")}


def _job(position: int, item) -> tuple[str | int, str | None, str | None, str | None, str | None]:
    """(id, text, query, question, problem) of one input."""
    if isinstance(item, str):
        return position, item, None, None, None
    if isinstance(item, tuple) and len(item) == 2:
        return item[0], item[1], None, None, None
    if isinstance(item, dict):
        prompt_id = item.get("id", position)
        if not isinstance(item.get("text"), str):
            return prompt_id, None, None, None, item.get("error") or "the record has no 'text' string"
        return prompt_id, item["text"], item.get("query"), item.get("question"), None
    return position, None, None, None, f"cannot read a {type(item).__name__} as a prompt"


def _jobs(inputs: Iterable, question: str | None, patterns: str | None) -> Iterator[tuple]:
    for position, item in enumerate(inputs):
        prompt_id, text, query, asked, problem = _job(position, item)
        yield prompt_id, text, query, question or asked, problem, patterns


def _answer(job) -> Result:
    import methodx

    prompt_id, text, query, question, problem, patterns = job
    if problem:
        return Result(id=prompt_id, error=problem)
    try:
        return Result(id=prompt_id, answer=methodx.answer(text, query, question=question, patterns=patterns))
    except MethodxError as error:
        return Result(id=prompt_id, error=str(error))


def _answer_batch(jobs: list) -> list[Result]:
    return [_answer(job) for job in jobs]


def _batches(jobs: Iterable, size: int) -> Iterator[list]:
    jobs = iter(jobs)
    while batch := list(islice(jobs, size)):
        yield batch


def answer_many(inputs: Iterable, *, n_process: int = 1, batch_size: int = 64, question: str | None = None,
                patterns: str | None = None) -> Iterator[Result]:
    """Answer each input, in order, yielding one Result per input.

    inputs: prompt texts, (id, text) pairs, or dicts {"id", "text", optionally "query", "question"}.
    n_process: worker processes (-1: one per CPU); each builds its rules once.
    batch_size: inputs sent to a worker at a time.
    question: answer this question whatever the queries say.
    """
    if n_process == -1:
        n_process = os.cpu_count() or 1
    if n_process < 1 or batch_size < 1:
        raise InputError("n_process must be -1 or at least 1, and batch_size at least 1")
    jobs = _jobs(inputs, question, patterns)
    if n_process == 1:
        yield from map(_answer, jobs)
        return
    with get_context("spawn").Pool(n_process) as pool:
        for results in pool.imap(_answer_batch, _batches(jobs, batch_size)):
            yield from results


def read_records(source: str) -> Iterator[dict]:
    """The records of a JSONL file (or .gz, or '-' for stdin); a bad line becomes a record that says why."""
    if source == "-":
        lines = sys.stdin
    else:
        path = Path(source)
        if not path.is_file():
            raise InputError(f"{source}: no such file")
        lines = gzip.open(path, "rt", encoding="utf-8") if path.suffix == ".gz" else open(path, encoding="utf-8")
    with lines:
        number = 0
        try:
            for number, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as error:
                    yield {"id": f"line {number}", "error": f"line {number}: invalid JSON: {error.msg}"}
                    continue
                yield record if isinstance(record, dict) else {"id": f"line {number}", "error": f"line {number}: not a JSON object"}
        except (UnicodeDecodeError, OSError, EOFError) as error:
            yield {"id": f"line {number + 1}", "error": f"{source}: unreadable after line {number}: {error}"}
