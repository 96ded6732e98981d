"""methodx on Dask, for corpora that outgrow one machine (pip install "methodx[dask]").

    import dask.bag as db
    from methodx.adapters.dask import answer_bag, answer_dataframe

    records = answer_bag(db.read_text("prompts-*.jsonl").map(json.loads)).compute()
    answers = answer_dataframe(ddf, text_column="text", id_column="id").compute()

Work goes partition by partition; each worker process builds the rules once
and keeps them (methodx caches its pipeline per process). The records are
those of `methodx answer --jsonl`: one per input, in order, errors included.
"""

import json

try:
    import dask.bag
    import dask.dataframe
except ImportError as error:  # pragma: no cover - the message is the point
    raise ImportError('methodx.dask needs Dask: pip install "methodx[dask]"') from error

from methodx.adapters.batch import answer_many

COLUMNS = {"question": "object", "unknown": "object", "items": "object", "answer": "object", "error": "object"}


def _records(partition, question: str | None, patterns: str | None) -> list[dict]:
    return [result.record() for result in answer_many(partition, question=question, patterns=patterns)]


def answer_bag(bag: "dask.bag.Bag", *, question: str | None = None, patterns: str | None = None) -> "dask.bag.Bag":
    """A bag of prompt texts or {"id", "text"} dicts -> a bag of answer records (dicts), in the same order."""
    return bag.map_partitions(_records, question, patterns)


def _frame(partition, text_column: str, id_column: str | None, question: str | None, patterns: str | None):
    import pandas

    inputs = [{"id": i if id_column is None else row[id_column], "text": row[text_column]}
              for i, row in partition.iterrows()]
    rows = []
    for record in _records(inputs, question, patterns):
        error = record.get("error")
        rows.append({
            "question": record.get("question"),
            "unknown": record.get("unknown"),
            "items": None if error else json.dumps(record["items"], ensure_ascii=False),
            "answer": record.get("text"),
            "error": error,
        })
    return pandas.DataFrame(rows, index=partition.index, columns=list(COLUMNS))


def answer_dataframe(frame: "dask.dataframe.DataFrame", text_column: str = "text", id_column: str | None = None, *,
                     question: str | None = None, patterns: str | None = None) -> "dask.dataframe.DataFrame":
    """A dataframe with a text column -> a dataframe (same index) with question, unknown, items (JSON),
    answer (the Answer::: block) and error."""
    return frame.map_partitions(_frame, text_column, id_column, question, patterns, meta=COLUMNS)
