"""Reading a prompt into its parts, and routing its query to a question."""

import re

import pytest

import methodx
from tests.helpers import FRAMEWORKS_QUERY, HARDWARE_QUERY

BLOCK = re.compile(r"Answer:::\nAnswer: [^\n]+\n\nAnswer:::")


# --- reading the prompt


def test_read_prompt_splits_a_seed(seed_texts):
    text = seed_texts["001"]
    prompt = methodx.read_prompt(text)
    assert prompt.text == text
    assert prompt.query == FRAMEWORKS_QUERY
    assert prompt.context.text == text[prompt.context.start:prompt.context.end]
    assert "Separate  two-class  models" in prompt.context.text
    assert "Use the following pieces of context" not in prompt.context.text
    assert "%INSTRUCTIONS" not in prompt.context.text
    assert "Query:" not in prompt.context.text
    assert "Helpful Answer" not in prompt.context.text
    assert prompt.instructions.startswith("Use the provided pieces of context")
    assert "less than 400 words" in prompt.instructions
    assert prompt.reference_answer.startswith("The deep learning model was built using the Keras package")
    assert prompt.answer_offset is not None
    assert text[prompt.answer_offset:].strip() == prompt.reference_answer


@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_every_seed_has_context_query_and_reference(number, seed_texts):
    prompt = methodx.read_prompt(seed_texts[number])
    assert prompt.query in (FRAMEWORKS_QUERY, HARDWARE_QUERY)
    assert prompt.context.start < prompt.context.end
    assert prompt.context.end <= seed_texts[number].index("%INSTRUCTIONS")
    assert prompt.reference_answer


def test_built_prompt_is_read_like_a_seed(make_prompt):
    context = "The CNN was trained with PyTorch on a GPU."
    text = make_prompt(context, HARDWARE_QUERY, helpful="A GPU.")
    prompt = methodx.read_prompt(text)
    assert prompt.context.text.strip() == context
    assert prompt.query == HARDWARE_QUERY
    assert prompt.reference_answer == "A GPU."


def test_reference_answer_is_never_used_to_answer(make_prompt):
    context = "The birds were counted from photographs taken at dawn on twelve mornings."
    text = make_prompt(context, FRAMEWORKS_QUERY,
                       helpful="PyTorch was used. The model was implemented in PyTorch 1.9 on an NVIDIA Tesla V100 GPU.")
    answer = methodx.answer(text)
    assert answer.question == "frameworks"
    assert answer.unknown is True
    assert answer.items == []
    assert not [m for m in answer.mentions if m.name == "PyTorch"]
    assert "PyTorch" not in answer.text


def test_reference_answer_is_never_used_for_hardware(make_prompt):
    text = make_prompt("The birds were counted from photographs.", HARDWARE_QUERY,
                       helpful="The model was trained on an NVIDIA Tesla V100 GPU with 32 GB of RAM.")
    answer = methodx.answer(text)
    assert answer.question == "hardware"
    assert answer.unknown is True
    assert answer.mentions == []


def test_the_query_examples_are_not_mentions(make_prompt):
    # the query names TensorFlow and PyTorch; the context names nothing
    answer = methodx.answer(make_prompt("Images were resized to 224 by 224 pixels.", FRAMEWORKS_QUERY))
    assert answer.mentions == []
    answer = methodx.answer(make_prompt("Images were resized to 224 by 224 pixels.", HARDWARE_QUERY))
    assert answer.mentions == []


def test_plain_text_is_all_context():
    text = "We implemented the network in PyTorch.\nIt was trained for 50 epochs."
    prompt = methodx.read_prompt(text)
    assert prompt.query is None
    assert prompt.context.start == 0
    assert prompt.context.end == len(text)
    assert prompt.context.text == text
    assert prompt.reference_answer is None


def test_plain_text_without_query_or_question_is_unsupported_and_says_why():
    answer = methodx.answer("We implemented the network in PyTorch.")
    assert answer.question == "unsupported"
    assert answer.unknown is True
    assert answer.items == []
    assert BLOCK.fullmatch(answer.text)


def test_answer_with_query_parameter_on_plain_text():
    text = "We implemented the network in PyTorch and trained it on an NVIDIA Tesla V100 GPU."
    frameworks = methodx.answer(text, query="Which deep learning libraries were used to implement the model?")
    assert frameworks.question == "frameworks"
    assert frameworks.query == "Which deep learning libraries were used to implement the model?"
    assert [i.name for i in frameworks.items] == ["PyTorch"]
    hardware = methodx.answer(text, query="What GPU was used?")
    assert hardware.question == "hardware"
    assert "V100" in " ".join(i.name for i in hardware.items)


def test_query_parameter_overrides_the_prompts_query(make_prompt):
    text = make_prompt("We trained the network in PyTorch on an NVIDIA Tesla V100 GPU.", FRAMEWORKS_QUERY)
    answer = methodx.answer(text, query=HARDWARE_QUERY)
    assert answer.question == "hardware"
    assert [i.category for i in answer.items] == ["gpu"]


def test_question_parameter_skips_routing(make_prompt):
    text = "We trained the network in PyTorch on an NVIDIA Tesla V100 GPU."
    assert methodx.answer(text, question="frameworks").question == "frameworks"
    assert methodx.answer(text, question="hardware").question == "hardware"
    # even against the prompt's own query
    prompted = methodx.answer(make_prompt(text, FRAMEWORKS_QUERY), question="hardware")
    assert prompted.question == "hardware"
    assert [i.category for i in prompted.items] == ["gpu"]


def test_unknown_question_parameter_is_an_input_error():
    with pytest.raises(methodx.InputError):
        methodx.answer("We used PyTorch.", question="weather")


# --- routing


FRAMEWORK_QUERIES = [
    FRAMEWORKS_QUERY,
    "Which deep learning libraries were used to implement the model?",
    "What software framework was used to train the network?",
]
HARDWARE_QUERIES = [
    HARDWARE_QUERY,
    "What GPU was used?",
    "What computing resources were used to train the model?",
]
# the queries of the other competency questions, as they appear in the prompts
OTHER_QUERIES = [
    "What methods are utilized for collecting raw data in the deep learning pipeline (e.g., surveys, sensors, public datasets)?",
    "What data formats are used in the deep learning pipeline (e.g., image, audio, video, CSV)?",
    "What are the data annotation techniques used in the deep learning pipeline (e.g., bounding box annotation, instance segmentation)?",
    "What are the data augmentation techniques applied in the deep learning pipeline (e.g., Fliping, Roating, Scaling)?",
    "What are the datasets used in the deep learning pipeline (e.g., MNIST, CIFAR, ImageNet)?",
    "What preprocessing steps are involved before training a deep learning model (e.g., normalization, scaling, cleaning)?",
    "What are the criteria used to split the data for deep learning model training (e.g., train, test, validation)?",
    "Where is the code repository of the deep learning pipeline available (e.g., GitHub, GitLab, BitBucket)?",
    "Where is the data repository of the deep learning pipeline available (e.g., Zenodo, Figshare, Dryad, GBIF)?",
    "What is the code repository link of the deep learning pipeline (e.g., Link to GitHub, GitLab, BitBucket)?",
    "What is the data repository link of the deep learning pipeline (e.g., Link to Zenodo, Figshare, Dryad, GBIF)?",
    "What type of deep learning model is used in the pipeline (e.g., CNN, RNN, Transformer)?",
    "What are the hyperparameters used in the deep learning model (e.g., learning rate, optimizer)?",
    "How are the hyperparameters of the model optimized (e.g., grid search, random search)?",
    "What optimization techniques are applied in the deep learning pipeline (e.g., SGD, Adam)?",
    "What criteria are used to determine when training is complete (e.g., validation loss plateau)?",
    "What are the regularization methods used to prevent overfitting in the deep learning pipeline (e.g., dropout, L2 regularization)?",
    "What is the strategy implemented to monitor the model performance during training?",
    "What are the postprocessing steps involved after the model training (e.g., Saliency maps, Metrics calculation, Confusion matrix)?",
    "What metrics are used to evaluate the performance of the deep learning model (e.g., accuracy, precision, recall)?",
    "What measures were taken to ensure the generalizability of the deep learning model (e.g., Diverse dataset, cross-validation, Stratified splitting)?",
    "What strategies are employed to handle randomness in the deep learning pipeline (e.g., random seed value)?",
    "What is the purpose of the deep learning model (e.g., classification, segmentation, detection)?",
    "What techniques are used to address data bias during preprocessing of the deep learning pipeline (e.g., Stratified splitting, oversampling, undersampling, Diverse data collection)?",
    "What process was followed to deploy the trained deep learning model (e.g., Model serialization, Platform selection)?",
    "Which platform was used to deploy the deep learning model (e.g., AWS, Azure, Google Cloud platform)?",
    "What are the advantages of using a Convolutional Neural Network (CNN) over traditional machine learning algorithms?",
    "What is the weather like in Finnmark?",
]


@pytest.mark.parametrize("query", FRAMEWORK_QUERIES)
def test_framework_queries_route_to_frameworks(query):
    assert methodx.route(query) == "frameworks"
    assert methodx.answer("We used PyTorch.", query=query).question == "frameworks"


@pytest.mark.parametrize("query", HARDWARE_QUERIES)
def test_hardware_queries_route_to_hardware(query):
    assert methodx.route(query) == "hardware"
    assert methodx.answer("The network was trained on a GPU.", query=query).question == "hardware"


@pytest.mark.parametrize("query", OTHER_QUERIES)
def test_other_queries_are_unsupported(query, make_prompt):
    context = ("We trained the CNN with Keras and TensorFlow on an NVIDIA Tesla V100 GPU, and deployed it on "
               "AWS; raw data came from camera traps and sensors, and the learning rate was 0.001.")
    answer = methodx.answer(make_prompt(context, query))
    assert answer.question == "unsupported"
    assert answer.unknown is True
    assert answer.items == []
    assert BLOCK.fullmatch(answer.text)
    body = answer.text.split("\n")[1]
    # it says that it answers only the frameworks and hardware questions
    assert "frameworks" in body and "hardware" in body
    assert "Keras" not in body and "V100" not in body


def test_unsupported_answer_differs_from_an_unknown_answer(make_prompt):
    unsupported = methodx.answer(make_prompt("Nothing here.", OTHER_QUERIES[0]))
    unknown = methodx.answer(make_prompt("Nothing here.", FRAMEWORKS_QUERY))
    assert unsupported.text != unknown.text


def test_empty_query_is_unsupported_not_a_crash(make_prompt):
    answer = methodx.answer(make_prompt("We used PyTorch.", ""))
    assert answer.question == "unsupported"
    assert BLOCK.fullmatch(answer.text)
