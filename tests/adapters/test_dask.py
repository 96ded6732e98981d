"""methodx.dask on a real local cluster (two worker processes): the records of answer_many, in order."""

import math

import pytest

dask = pytest.importorskip("dask")
distributed = pytest.importorskip("distributed")
pandas = pytest.importorskip("pandas")

import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402

import methodx  # noqa: E402
from methodx.adapters.dask import answer_bag, answer_dataframe  # noqa: E402
from tests.helpers import HARDWARE_QUERY, build_prompt  # noqa: E402

SHORT = [
    ("We implemented the network in PyTorch 1.12.", None),
    ("The network was trained on two NVIDIA Tesla K80 GPUs.", HARDWARE_QUERY),
    ("Frameworks such as TensorFlow are popular; we fitted the forest with scikit-learn.", None),
    ("The images were annotated by two observers.", None),
    ("Training ran on Google Colab with 12 GB of RAM.", HARDWARE_QUERY),
    ("The model was fitted using the keras package in R.", None),
    ("We trained on an RTX 3090 GPU with 24 GB memory.", HARDWARE_QUERY),
]


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    with (LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
          Client(cluster) as c):
        yield c


@pytest.fixture(scope="module")
def inputs(seed_texts):
    """~40 records: the seeds, short prompts, plain texts with a question, and one bad record."""
    records = [{"id": f"seed-{n}", "text": t} for n, t in sorted(seed_texts.items())]
    for i in range(32):
        context, query = SHORT[i % len(SHORT)]
        records.append({"id": f"short-{i}", "text": build_prompt(f"{context} Run {i}.", **({"query": query} if query else {}))})
    records.append({"id": "plain", "text": "We used PyTorch on an NVIDIA Tesla V100 GPU.", "question": "hardware"})
    records.append({"id": "bad", "text": ""})
    records.append({"id": "no-text"})
    return records


def test_answer_bag_gives_the_records_of_answer_many(client, inputs):
    bag = db.from_sequence(inputs, npartitions=4)
    assert bag.npartitions == 4
    got = answer_bag(bag).compute()
    expected = [r.record() for r in methodx.answer_many(inputs)]
    assert [r["id"] for r in got] == [r["id"] for r in inputs]
    assert got == expected
    assert {r["id"] for r in got if "error" in r} == {"bad", "no-text"}


def test_answer_bag_question_override(client, inputs):
    got = answer_bag(db.from_sequence(inputs, npartitions=4), question="hardware").compute()
    expected = [r.record() for r in methodx.answer_many(inputs, question="hardware")]
    assert got == expected
    assert {r["question"] for r in got if "error" not in r} == {"hardware"}


def _same(a, b):
    """Equal, with NaN and None both meaning 'nothing'."""
    def nothing(x):
        return x is None or (isinstance(x, float) and math.isnan(x))
    return (nothing(a) and nothing(b)) or a == b


def test_answer_dataframe_gives_the_same_answers_in_index_order(client, inputs):
    texts = [r.get("text") for r in inputs]
    index = [10 * i + 3 for i in range(len(inputs))]  # sorted, not a plain range
    frame = pandas.DataFrame({"text": texts, "name": [r["id"] for r in inputs]}, index=index)
    ddf = dd.from_pandas(frame, npartitions=4)
    assert ddf.npartitions == 4
    result = answer_dataframe(ddf).compute()
    assert list(result.index) == index
    assert list(result.columns) == ["question", "unknown", "items", "answer", "error"]
    expected = list(methodx.answer_many([{"id": i, "text": t} for i, t in zip(index, texts)]))
    for i, r in zip(index, expected):
        row = result.loc[i]
        assert _same(row["answer"], r.answer.text if r.answer else None), i
        assert _same(row["error"], r.error), i
        assert _same(row["question"], r.answer.question if r.answer else None), i
        if r.answer:
            assert row["items"] == r.record()["items"], i  # lists of dicts, as in the JSON records
    assert sum(not _same(e, None) for e in result["error"]) == 2  # the empty text and the missing one


def test_answer_dataframe_with_id_column_and_question(client):
    frame = pandas.DataFrame({"doc": ["a", "b", "c", "d"],
                              "body": ["We used PyTorch.", "We trained on an RTX 3090.", "Nothing here.", "Keras."]})
    result = answer_dataframe(dd.from_pandas(frame, npartitions=2), text_column="body", id_column="doc",
                              question="frameworks").compute()
    assert list(result.index) == [0, 1, 2, 3]
    assert list(result.columns) == ["doc", "question", "unknown", "items", "answer", "error"]
    assert list(result["doc"]) == ["a", "b", "c", "d"]
    assert result["items"][0] == [{"name": "PyTorch", "category": "dl", "version": None, "details": {},
                                   "evidence": result["items"][0][0]["evidence"]}]
    assert result["items"][0][0]["evidence"][0]["text"] == "PyTorch"
    assert result["items"][2] == []
    assert list(result["question"]) == ["frameworks"] * 4
    expected = [methodx.answer(t, question="frameworks").text for t in frame["body"]]
    assert list(result["answer"]) == expected
