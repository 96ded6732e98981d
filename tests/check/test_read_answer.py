"""methodx.read_answer: what an answer text (an LLM's, or methodx's own) asserts was used."""

import re

import pytest

import methodx
from methodx.models import Evidence, Mention
from methodx.pipeline import pipeline
from methodx.score import read_jsonl
from tests.helpers import CORPUS


def read(text, question="frameworks"):
    return [i.name for i in methodx.read_answer(text, question)]


# --- LLM-style answers: (answer, question, asserted names in order)

ANSWERS = [
    # plain assertions
    pytest.param("The deep learning model was built using PyTorch.", "frameworks", ["PyTorch"], id="plain"),
    pytest.param("The authors used Keras with a TensorFlow backend to build the CNN.", "frameworks",
                 ["Keras", "TensorFlow"], id="plain-two"),
    pytest.param("The study used scikit-learn for the random forest and XGBoost for gradient boosting.", "frameworks",
                 ["scikit-learn", "XGBoost"], id="plain-ml"),
    pytest.param("The model was trained on an NVIDIA GeForce RTX 2080 Ti GPU with 11 GB memory and 64 GB of RAM.",
                 "hardware", ["NVIDIA GeForce RTX 2080 Ti", "64 GB RAM"], id="plain-hardware"),
    pytest.param("Answer:::\nAnswer: The deep learning model was built using PyTorch.\n\nAnswer:::", "frameworks",
                 ["PyTorch"], id="answer-block"),
    # negation
    pytest.param("The context does not mention TensorFlow or PyTorch.", "frameworks", [], id="negation"),
    pytest.param("The provided text does not mention which frameworks were used, such as TensorFlow or PyTorch.",
                 "frameworks", [], id="negation-such-as"),
    # hedges
    pytest.param("TensorFlow or PyTorch could potentially be used to build such a model, but the text does not say.",
                 "frameworks", [], id="hedge-could-potentially"),
    pytest.param("It is likely that TensorFlow was used, given the popularity of the framework.", "frameworks", [],
                 id="hedge-likely"),
    pytest.param("The hardware is not specified. Typically, such models are trained on GPUs or TPUs.", "hardware", [],
                 id="hedge-typically"),
    # examples
    pytest.param("Deep learning models are usually built with frameworks such as TensorFlow, PyTorch or Keras.",
                 "frameworks", [], id="examples-such-as"),
    # the query's examples repeated
    pytest.param("Based on the provided context, there is no information about which deep learning frameworks "
                 "(e.g., TensorFlow, PyTorch) are used to build the model.", "frameworks", [], id="query-examples-negated"),
    pytest.param("The query asks which frameworks (e.g., TensorFlow, PyTorch) were used to build the deep learning "
                 "model. The CNN was implemented in Keras.", "frameworks", ["Keras"], id="query-examples-then-answer"),
    pytest.param("The query gives TensorFlow and PyTorch as examples, but the context names neither.", "frameworks",
                 [], id="query-examples-named-as-examples"),
    pytest.param("Which hardware resources (e.g., GPUs, TPUs) were used is not stated in the context.", "hardware", [],
                 id="query-examples-hardware"),
    # only in the references
    pytest.param("Keras is mentioned in the reference section, but the text does not say it was used.", "frameworks",
                 [], id="reference-section"),
    # general statements
    pytest.param("TensorFlow supports GPUs and TPUs.", "hardware", [], id="general-statement-hardware"),
    pytest.param("TensorFlow supports GPUs and TPUs.", "frameworks", [], id="general-statement-frameworks"),
    # the denial stance, then an assertion
    pytest.param("The context does not specify which framework was used. However, the models were implemented in "
                 "Keras.", "frameworks", ["Keras"], id="denial-then-keras"),
    pytest.param("The context does not specify which hardware was used. However, the models were implemented in "
                 "Keras.", "frameworks", ["Keras"], id="denial-hardware-then-keras"),
    pytest.param("The context does not specify which hardware was used. However, the models were implemented in "
                 "Keras.", "hardware", [], id="denial-hardware-question"),
    # nothing
    pytest.param("", "frameworks", [], id="empty"),
    pytest.param("I don't know.", "hardware", [], id="dont-know"),
]


@pytest.mark.parametrize("text, question, expected", ANSWERS)
def test_asserted_items(text, question, expected):
    items = methodx.read_answer(text, question)
    assert [i.name for i in items] == expected
    for i in items:  # evidence points into the caller's text
        for e in i.evidence:
            assert text[e.start:e.end] == e.text
            assert text[e.sentence.start:e.sentence.end] == e.sentence.text


def test_reader_reads_only_the_helpful_answer_of_a_prompt(make_prompt):
    prompt = make_prompt("The classifier was trained in TensorFlow.", helpful="The model was built using PyTorch.")
    items = methodx.read_answer(prompt, "frameworks")
    assert [i.name for i in items] == ["PyTorch"]
    e = items[0].evidence[0]
    assert prompt[e.start:e.end] == "PyTorch"
    assert e.start > prompt.index("Helpful Answer:")


def test_reader_refuses_an_unknown_question():
    with pytest.raises(methodx.InputError):
        methodx.read_answer("The model was built using PyTorch.", "unsupported")


# --- round trips: methodx's own answers read back


def test_round_trip_of_the_seed_answers(seed_answers):
    checked = 0
    for number, answer in seed_answers.items():
        if answer.question == "unsupported":
            continue
        back = methodx.read_answer(answer.text, answer.question)
        assert sorted(i.name for i in back) == sorted(i.name for i in answer.items), number
        checked += 1
    assert checked == len(seed_answers)


def _display(name):
    return pipeline().questions["frameworks"].t.get("display:" + name, name)


# Names that cannot be read back from the bare sentence, with the reason. Each is checked below
# to be found when the sentence gives the cue it needs, so the list cannot hide a lost name.
NEEDS_A_PACKAGE_CUE = {
    "earth": "an English word: the rules take it for the R package only next to 'package' or a version",
    "forecast": "an English word: the rules take it for the R package only next to 'package' or a version",
    "sits": "an English word: the rules take it for the R package only next to 'package' or a version",
    "Wallace": "a surname: the rules take it for the R package only next to 'package', 'app' or a version",
}


def test_every_framework_name_reads_back_from_the_dl_sentence():
    lost = []
    for term in methodx.load_rules().questions["frameworks"].terms:
        if term.name in NEEDS_A_PACKAGE_CUE:
            continue
        sentence = f"The deep learning model was built using {_display(term.name)}."
        got = read(sentence)
        if term.name not in got:
            lost.append(f"{term.name!r}: {sentence!r} -> {got}")
    assert not lost, f"{len(lost)} names do not read back:\n" + "\n".join(lost)


@pytest.mark.parametrize("name", sorted(NEEDS_A_PACKAGE_CUE))
def test_names_that_need_a_package_cue_read_back_with_it(name):
    assert name in [t.name for t in methodx.load_rules().questions["frameworks"].terms]
    assert name not in read(f"The deep learning model was built using {name}.")  # else drop it from the list
    assert name in read(f"The models were built with the {name} R package.")


def _rendered(term_name, category):
    """methodx's own answer when the context names only this framework term."""
    span = Evidence(start=0, end=len(term_name), text=term_name,
                    sentence={"start": 0, "end": len(term_name), "text": term_name})
    mention = Mention(kind="framework", name=term_name, category=category, evidence=span, used=True)
    return pipeline().questions["frameworks"].answer(None, [mention])


@pytest.mark.parametrize("category", ["dl", "ml", "language", "other"])
def test_every_rendered_framework_answer_reads_back(category):
    terms = [t for t in methodx.load_rules().questions["frameworks"].terms if t.category == category]
    assert terms
    lost = []
    for term in terms:
        answer = _rendered(term.name, term.category)
        assert [i.name for i in answer.items] == [term.name]
        got = read(answer.text)
        if term.name not in got:
            lost.append(f"{term.name!r}: {answer.text.splitlines()[1]!r} -> {got}")
    assert not lost, f"{len(lost)} of {len(terms)} answers do not read back:\n" + "\n".join(lost)


HARDWARE_SENTENCES = [
    "The network was trained on an NVIDIA GeForce GTX 1080 Ti GPU.",
    "The network was trained on an NVIDIA GeForce RTX 3090 GPU.",
    "The network was trained on an NVIDIA TITAN Xp GPU.",
    "The network was trained on an NVIDIA Tesla P100 GPU.",
    "The network was trained on an NVIDIA A100 GPU with 40 GB memory.",
    "The network was trained on an NVIDIA Quadro P5000 GPU.",
    "The network was trained on an NVIDIA RTX A6000 GPU.",
    "The network was deployed on an NVIDIA Jetson Nano.",
    "The network was deployed on a Qualcomm Snapdragon 855.",
    "The network was deployed on an Apple A14 Bionic.",
    "The network was deployed on a MediaTek Dimensity 1200.",
    "The network was deployed on a Samsung Exynos 2100.",
    "The network was deployed on a HiSilicon Kirin 990.",
    "The network was deployed on a Google Tensor G2.",
    "The network was trained on an AMD Radeon RX 580 GPU.",
    "The network was trained on an Intel Arc A770 GPU.",
    "The network was trained on an NVIDIA GeForce 940MX GPU.",
    "The network was trained on two GPUs.",
    "The network ran on a Coral Edge TPU.",
    "The network was trained on a TPU.",
    "The network was trained on an Intel Core i7-8700K CPU.",
    "The network was trained on an Intel Xeon E5-2680 CPU.",
    "The network was trained on an AMD Ryzen 9 5900X CPU.",
    "The network was trained on an AMD Ryzen Threadripper 3970X CPU.",
    "The network was trained on an AMD EPYC 7742 CPU.",
    "The network was trained on an Intel Celeron N4000 CPU.",
    "The network was trained on an AMD Opteron 6272 CPU.",
    "The network was trained on an Apple M1 chip.",
    "The network was trained on a CPU.",
    "The workstation had 32 GB of RAM.",
    "The network was trained on Google Colab.",
    "The network was trained on AWS.",
    "The network was trained on Microsoft Azure.",
    "The network was trained on Google Cloud.",
    "The network was trained on Oracle Cloud.",
    "The network was trained on IBM Cloud.",
    "The network was trained on Kaggle notebooks.",
    "The network was trained on Paperspace.",
    "The network was trained on Alibaba Cloud.",
    "The network was trained on Baidu AI Studio.",
    "The network was trained on Huawei Cloud.",
    "The network was trained on Lambda Labs.",
    "The network was trained on DigitalOcean.",
    "The network was trained on Vast.ai.",
    "The network was trained on AutoDL.",
    "The network was trained on Jetstream2.",
    "The network was trained on CyVerse.",
    "The classification was done using Google Earth Engine.",
    *[f"The network was trained on {cloud}." for cloud in ["Amazon SageMaker", "Google Vertex AI", "RunPod", "Tencent Cloud",
                                                            "Databricks", "the de.NBI cloud", "the EGI Federated Cloud",
                                                            "the Nectar Research Cloud"]],
    "The network was trained on an HPC cluster.",
    "The network was trained on a supercomputer.",
    "The network was trained on the Finisterrae III Supercomputer.",
    "The network was trained on the ARC4 high performance computer.",
    *[f"The network was trained on resources provided by {centre}." for centre in [
        "XSEDE", "Compute Canada", "NAISS", "the Swedish National Infrastructure for Computing", "UPPMAX", "NeSI", "NERSC", "TACC", "SDSC", "NCSA", "PRACE", "CINECA", "GENCI",
        "LRZ", "HLRS", "the J\u00fclich Supercomputing Centre", "the Pawsey Supercomputing Centre", "NCI Australia", "Sigma2",
        "EuroHPC", "the Open Science Grid", "ARCHER2", "JASMIN", "Piz Daint", "MareNostrum", "Jean Zay", "Perlmutter",
        "Fugaku", "Stampede2", "Bridges-2", "CSC \u2013 IT Center for Science", "LUMI", "CSCS", "SURFsara", "Snellius",
        "HiPerGator", "MetaCentrum", "the Vienna Scientific Cluster", "bwUniCluster", "JUWELS", "SuperMUC-NG", "Gadi",
        "Setonix", "e-INFRA CZ", "the Isambard 2 HPC Service", "the Centre for High Performance Computing (CHPC)", "Calcul Qu\u00e9bec", "SHARCNET", "WestGrid"]],
    "The network was trained on a Cloud TPU v3-8.",
    "The network was trained on TPUs of the TPU Research Cloud.",
    "The network was deployed on a Raspberry Pi 4.",
    "The network was trained on an Apple MacBook Pro.",
    "The network was trained on an Intel Core Ultra 7 155H processor.",
    "The network was trained on IBM POWER9 nodes.", "The network was trained on an Ampere Altra CPU.",
    "The network was trained on AWS Graviton3 processors.",
    "The network was trained on an Apple M1 Pro with a 14-core GPU.",
    "The network was deployed on an Arduino.",
    "The network was deployed on an Intel Neural Compute Stick 2.",
    "The network was deployed on a Kendryte K210.",
    "The network was deployed on an OpenMV Cam H7.",
    "The network was deployed on an ESP32.",
    "The network was deployed on an STM32F746.",
    "The network was deployed on an Orange Pi 5.",
    "The network was deployed on a Hailo-8.",
    "The network was deployed on a Raspberry Pi 5 with a Hailo AI Kit.",
    "The network was deployed on a Luxonis OAK-D.",
    "The network was deployed on an Intel NUC.",
    "The network was deployed on edge devices.",
    "The images were stored on a 4 TB SSD.",
    "The network was trained on a laptop.",
    "The network was trained on a Dell Precision 7920 workstation.",
    "The network was trained on an NVIDIA DGX A100.",
    "The network was trained on AMD Instinct MI250X GPUs.",
    "The network was trained on a Mac mini.",
    "The network was trained on a machine with 16 virtual cores.",
    "The network was trained on a server with 64 cores.",
    "The network was trained on an 8-core processor.",
]


def test_every_hardware_term_reads_back_from_methodx_answer():
    terms_hit = set()
    lost = []
    for sentence in HARDWARE_SENTENCES:
        answer = methodx.answer(sentence, question="hardware")
        assert answer.items, sentence
        terms_hit.update(i.category for i in answer.items)
        got = [i.name for i in methodx.read_answer(answer.text, "hardware")]
        if sorted(got) != sorted(i.name for i in answer.items):
            lost.append(f"{sentence!r}: items {[i.name for i in answer.items]}, read back {got} "
                        f"from {answer.text.splitlines()[1]!r}")
    assert terms_hit == {"gpu", "tpu", "cpu", "ram", "cloud", "cluster", "device", "other"}
    assert not lost, "\n".join(lost)


def _template(name):
    """A canonical hardware name as a pattern: 'NVIDIA Tesla {model}' matches 'NVIDIA Tesla V100'."""
    parts = re.split(r"\{\w+\}", name)
    return re.compile(r"\s*".join([".*?".join(re.escape(p.strip()) for p in parts)]) + r"\Z")


def test_the_hardware_sentences_cover_every_hardware_term():
    names = {i.name for s in HARDWARE_SENTENCES for i in methodx.answer(s, question="hardware").items}
    uncovered = [t.name for t in methodx.load_rules().questions["hardware"].terms
                 if not t.collects_data and not any(_template(t.name).match(n) for n in names)]
    assert uncovered == []


# --- agreement with the people of the study


def test_agreement_with_human_judgements():
    path = CORPUS / "human_judgements.jsonl.gz"
    if not path.is_file():
        pytest.skip(f"no human judgements at {path}")
    rows = [r for _, r in read_jsonl(path) if r["cq"] in (19, 20)]
    assert len(rows) >= 100
    agree = sum(bool(methodx.read_answer(r["answer"] or "", "frameworks" if r["cq"] == 19 else "hardware"))
                == r["contains_specific_info"] for r in rows)
    assert agree / len(rows) >= 0.95, f"agreement {agree}/{len(rows)}"


@pytest.mark.parametrize("denial", ["While the paper does not explicitly state the hardware used for training,",
                                    "The training hardware is not specified in detail;",
                                    "The context does not say which GPU was used, but"])
@pytest.mark.parametrize("report", ["it mentions that", "the paper states that", "the authors note that", "the text says that"])
@pytest.mark.parametrize("hardware, name", [("a high-performance computing cluster", "HPC cluster"),
                                            ("an NVIDIA Tesla V100", "NVIDIA Tesla V100"), ("Google Colab", "Google Colab")])
def test_what_an_answer_reports_after_a_denial_is_asserted(denial, report, hardware, name):
    answer = f"{denial} {report} the models were trained on {hardware}."
    assert [i.name for i in methodx.read_answer(answer, "hardware")] == [name], answer



@pytest.mark.parametrize("name", ["TensorFlow", "scikit-learn"])
@pytest.mark.parametrize("concession", ["While the version is not specified,", "Although no version is given,",
                                        "Though the paper does not say why,"])
def test_a_concession_does_not_reach_past_its_comma(concession, name):
    assert [i.name for i in methodx.read_answer(f"{concession} the authors used {name}.", "frameworks")] == [name]


@pytest.mark.parametrize("machine, name", [("a standard laptop", "laptop"), ("a standard desktop PC with an Intel Core i7 CPU", "Intel Core i7"),
                                           ("standard consumer GPUs", "GPU"), ("the CPU of a standard office computer", "CPU")])
@pytest.mark.parametrize("opening", ["", "No GPU was used; ", "The hardware is not named in detail, but "])
def test_standard_as_the_adjective_of_a_machine_is_no_general_statement(machine, name, opening):
    answer = f"{opening}the model was trained on {machine}."
    assert name in " ".join(i.name for i in methodx.read_answer(answer, "hardware")), answer


@pytest.mark.parametrize("answer", ["TensorFlow is the standard framework for deep learning, but the paper names none.",
                                    "Keras is a standard choice; the context does not say it was used."])
def test_standard_of_a_framework_is_a_general_statement(answer):
    assert methodx.read_answer(answer, "frameworks") == []


@pytest.mark.parametrize("answer", ["The study used an unspecified GPU for training.", "An unspecified NVIDIA GPU was used to train the model.",
                                    "Training ran on unspecified GPUs of the university cluster."])
def test_an_unspecified_part_is_still_asserted(answer):
    assert "GPU" in [i.name for i in methodx.read_answer(answer, "hardware")]
