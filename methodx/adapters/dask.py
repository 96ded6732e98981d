"""methodx on Dask, for corpora that outgrow one machine (pip install "methodx[dask]").

    import dask.bag as db
    from methodx.adapters.dask import answer_bag, answer_dataframe

    records = answer_bag(db.read_text("prompts-*.jsonl").map(json.loads)).compute()
    answers = answer_dataframe(ddf, text_column="text", id_column="id").compute()

Work goes partition by partition; each worker process builds the rules once
and keeps them (methodx caches its pipeline per process). The records are
those of `methodx answer --jsonl`: one per input, in order, errors included.
"""

try:
    import dask.bag
    import dask.dataframe
except ImportError as error:  # pragma: no cover - the message is the point
    raise ImportError('methodx.dask needs Dask: pip install "methodx[dask]"') from error

from methodx.adapters.batch import answer_many

COLUMNS = ["question", "unknown", "items", "answer", "error"]


def _records(partition, question: str | None, patterns: str | None) -> list[dict]:
    return [result.record() for result in answer_many(partition, question=question, patterns=patterns)]


def answer_bag(bag: "dask.bag.Bag", *, question: str | None = None, patterns: str | None = None) -> "dask.bag.Bag":
    """A bag of prompt texts or {"id", "text"} dicts -> a bag of answer records (dicts), in the same order."""
    return bag.map_partitions(_records, question, patterns)


def _frame(partition, text_column: str, id_column: str | None, question: str | None, patterns: str | None):
    import pandas

    inputs = [{"text": text} for text in partition[text_column].tolist()]  # a missing text (None, NaN) is an error record
    rows = []
    for result in answer_many(inputs, question=question, patterns=patterns):
        answer = result.answer
        rows.append({
            "question": answer.question if answer else None,
            "unknown": answer.unknown if answer else None,
            "items": [item.model_dump(mode="json") for item in answer.items] if answer else None,
            "answer": answer.text if answer else None,
            "error": result.error,
        })
    frame = pandas.DataFrame(rows, index=partition.index, columns=COLUMNS)
    if id_column is not None:
        frame.insert(0, id_column, partition[id_column])
    return frame


def answer_dataframe(frame: "dask.dataframe.DataFrame", text_column: str = "text", id_column: str | None = None, *,
                     question: str | None = None, patterns: str | None = None) -> "dask.dataframe.DataFrame":
    """A dataframe with a text column -> a dataframe (same index) with the id column (when given), question,
    unknown, items (a list of item dicts, as in the JSON records), answer (the Answer::: block) and error."""
    meta = {**({id_column: frame[id_column].dtype} if id_column is not None else {}), **dict.fromkeys(COLUMNS, "object")}
    return frame.map_partitions(_frame, text_column, id_column, question, patterns, meta=meta)
