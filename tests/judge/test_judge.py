"""Used, or only mentioned: every rule with a case where it fires and one where it must not."""

import itertools

import pytest

import methodx
from tests.helpers import assert_not_used, check_offsets, item_names
from tests.helpers import assert_used as used


def mentions(text, name, question="frameworks"):
    answer = methodx.answer(text, question=question)
    check_offsets(text, answer)
    return [m for m in answer.mentions if m.name == name]


def used_items(text, question="frameworks"):
    return item_names(methodx.answer(text, question=question))


def assert_only_mentioned(text, name, reason_word=None, question="frameworks"):
    assert_not_used(methodx.answer(text, question=question), name, reason_word)


def assert_used(text, name, question="frameworks"):
    used(methodx.answer(text, question=question), name)


# --- citations


def test_author_year_citation_gives_no_keras_at_all():
    text = ("The overall process mostly followed current best practices in deep learning, which are well "
            "summarized in (Chollet, 2017).")
    answer = methodx.answer(text, question="frameworks")
    assert not [m for m in answer.mentions if "keras" in m.name.lower()]
    assert answer.unknown is True


def test_framework_named_before_a_citation_is_used():
    assert_used("The network was implemented in Keras (Chollet, 2017).", "Keras")


def test_framework_as_citation_author_is_only_mentioned():
    assert_only_mentioned("The model was built following the documentation (Keras, n.d.).", "Keras", "citation")


def test_framework_both_named_and_cited_is_used():
    text = "We implemented the network in Keras (Keras, n.d.)."
    found = mentions(text, "Keras")
    assert [m.used for m in found] == [True, False]
    assert "citation" in found[1].reason
    assert "Keras" in used_items(text)


# --- reference lists

REFERENCE = ("Abadi, M., Agarwal, A., 2016. TensorFlow: Large-scale machine learning. "
             "arXiv preprint arXiv:1603.04467.")


def test_reference_list_entry_is_only_mentioned():
    assert_only_mentioned(REFERENCE, "TensorFlow", "reference")


def test_reference_list_entry_after_a_heading_is_only_mentioned():
    assert_only_mentioned("References\n" + REFERENCE, "TensorFlow", "reference")


def test_body_text_before_the_reference_list_is_used():
    text = "We trained the network with TensorFlow.\n\n" + REFERENCE
    found = mentions(text, "TensorFlow")
    assert [m.used for m in found] == [True, False]
    assert "TensorFlow" in used_items(text)


# --- running headers

HEADER = "EcologicalInformatics81(2024)1025784G. Celis et al. TensorFlow for camera traps"


def test_running_header_is_only_mentioned():
    assert_only_mentioned(HEADER + "\n\nThe images were sorted by species.", "TensorFlow", "header")


def test_text_after_a_running_header_is_read():
    text = HEADER + "\n\nThe classifier was implemented in TensorFlow."
    found = mentions(text, "TensorFlow")
    assert [m.used for m in found] == [False, True]


# --- keyword blocks


def test_keyword_block_is_only_mentioned():
    assert_only_mentioned("Keywords:\nDeep learning\nTensorFlow\n\nWe study birds.", "TensorFlow", "keyword")


@pytest.mark.parametrize("label", ["Keywords:", "Keywords", "KEYWORDS", "Key words", "Key-words:", "KEY-WORDS:", "Index Terms\u2014",
                                   "Additional keywords:", "K E Y W O R D S"])
@pytest.mark.parametrize("layout", ["{l} deep learning, Caffe, camera traps", "{l}\ndeep learning\nCaffe\ncamera traps",
                                    "{l} deep learning; Caffe; camera traps", "{l} deep learning \u00b7 Caffe \u00b7 camera traps"])
def test_a_keyword_list_in_any_layout_states_no_use(label, layout):
    assert_only_mentioned(layout.format(l=label) + "\n\nIntroduction\nBirds sing.", "Caffe", "keyword")


@pytest.mark.parametrize("opening", ["Key words are important.", "Keywords matter here."])
def test_a_sentence_that_opens_with_keywords_is_no_keyword_list(opening):
    assert_used(f"{opening} We trained the network with Caffe.", "Caffe")


def test_keyword_block_ends_at_the_blank_line():
    text = "Keywords:\nDeep learning\nTensorFlow\n\nThe model was implemented in TensorFlow."
    found = mentions(text, "TensorFlow")
    assert [m.used for m in found] == [False, True]


# --- lists of abbreviations, in the layouts a PDF gives them
ABBREVIATION_HEADINGS = ["Abbreviations:", "List of abbreviations", "ACRONYMS", "Glossary", "Nomenclature."]
ABBREVIATION_LAYOUTS = ["{h}\nCNN Convolutional neural network\nTF {x}\nGPU Graphics processing unit",
                        "{h}\nCNN: convolutional neural network\nTF: {x}\nGPU: graphics processing unit",
                        "{h}\nCNN \u2013 convolutional neural network\nTF \u2013 {x}"]


@pytest.mark.parametrize("heading, layout", list(itertools.product(ABBREVIATION_HEADINGS, ABBREVIATION_LAYOUTS)) + [
    (h, "{h} CNN, convolutional neural network; TF, {x}; GPU, graphics processing unit")
    for h in ["Abbreviations:", "List of Abbreviations:", "ACRONYMS:"]])
def test_a_list_of_abbreviations_states_no_use(heading, layout):
    text = layout.format(h=heading, x="TensorFlow") + "\n\nThe model was implemented in PyTorch."
    assert used_items(text) == ["PyTorch"], text
    assert used_items(text, question="hardware") == []


def test_a_sentence_about_abbreviations_is_no_list():
    assert used_items("Abbreviations are defined in Table 1. The model was implemented in TensorFlow.") == ["TensorFlow"]


# --- related work


def test_related_work_is_only_mentioned():
    assert_only_mentioned("Smith et al. (2019) used Caffe to classify camera trap images.", "Caffe", "related")


CITED_AUTHORS = ["Lee et al. (2019)", "Lee et al. [12]", "Lee et al. (12)", "Lee et al. [3, 7]", "Lee et al.12",
                 "Lee et al.", "Lee and Park [4]", "Lee & Park (2020)", "Lee and Park (12-14)"]


@pytest.mark.parametrize("authors, verb", list(itertools.product(CITED_AUTHORS, ["trained", "implemented", "evaluated", "required",
                                                                                 "took days to train", "classified images with"])))
def test_work_of_cited_authors_in_any_citation_style_is_related_work(authors, verb):
    assert_only_mentioned(f"{authors} {verb} a CNN with Caffe on a Titan X.", "Caffe", "related")
    assert_not_used(methodx.answer(f"{authors} {verb} a CNN with Caffe on a Titan X.", question="hardware"),
                    "NVIDIA TITAN X", "related")


@pytest.mark.parametrize("authors", CITED_AUTHORS)
def test_in_cited_authors_fronted_is_related_work(authors):
    assert_only_mentioned(f"In {authors}, the detector was implemented in Caffe.", "Caffe", "related")


@pytest.mark.parametrize("sentence", ["Following {a}, we implemented the detector in Caffe.",
                                      "As in {a}, the detector was implemented in Caffe.",
                                      "Data were split as described in {a} and the detector was implemented in Caffe.",
                                      "Keras and Caffe were used."])
def test_the_studys_own_work_beside_cited_authors_is_used(sentence):
    for authors in CITED_AUTHORS:
        assert_used(sentence.format(a=authors), "Caffe")


@pytest.mark.parametrize("sentence", ["{model} was originally trained with {x}.", "{model} was originally developed in {x}.",
                                      "The weights of {model} were originally pre-trained with {x}.",
                                      "The original authors implemented {model} in {x}.",
                                      "{model}, originally written in {x}, is a detector."])
@pytest.mark.parametrize("model", ["ResNet-50", "YOLOv3", "The network"])
def test_how_a_model_was_originally_made_is_others_work(sentence, model):
    assert_only_mentioned(sentence.format(model=model, x="Caffe"), "Caffe", "related")


@pytest.mark.parametrize("sentence", ["We originally trained the network with {x}.",
                                      "The network, originally developed in Caffe, was re-implemented by us in {x}.",
                                      "The model was originally proposed by He et al. and we trained it with {x}.",
                                      "We used the original implementation in {x}."])
def test_the_studys_own_work_beside_an_original_is_used(sentence):
    assert_used(sentence.format(x="PyTorch"), "PyTorch")


def test_previous_studies_are_only_mentioned():
    assert_only_mentioned("Previous studies trained similar networks with Caffe.", "Caffe", "related")


def test_own_use_of_the_same_framework_is_used():
    assert_used("We used Caffe to classify camera trap images.", "Caffe")


# --- hedges


def test_hedge_is_only_mentioned():
    assert_only_mentioned("The model could be implemented in PyTorch.", "PyTorch", "hedge")


def test_statement_of_implementation_is_used():
    assert_used("The model was implemented in PyTorch.", "PyTorch")


# --- negation


def test_negated_use_is_only_mentioned():
    assert_only_mentioned("The model was not implemented in PyTorch.", "PyTorch")


# --- future work


def test_future_work_is_only_mentioned():
    assert_only_mentioned("In future work we will port the model to JAX.", "JAX", "future")


def test_present_use_of_jax_is_used():
    assert_used("We implemented the model in JAX.", "JAX")


# --- generic statements


def test_generic_statement_about_gpus_is_only_mentioned():
    assert_only_mentioned("GPUs have accelerated deep learning.", "GPU", question="hardware")


def test_gpu_the_network_was_trained_on_is_used():
    assert_used("The network was trained on a GPU.", "GPU", question="hardware")


def test_generic_gpu_without_statement_of_use_is_only_mentioned():
    assert_only_mentioned("GPUs are expensive.", "GPU", question="hardware")



# what is true of such hardware in general, or would be: present tense with "typically", a conditional
HARDWARE = ["NVIDIA Tesla V100 GPUs", "TPUs", "an Intel Xeon Gold 6148", "Google Colab"]
GENERAL = ["Deep learning models are typically trained on {h}.", "Such networks are usually trained on {h}, which is costly.",
           "Models of this size are generally run on {h}.", "Training on {h} would take several days.",
           "With {h}, training would take less than an hour.", "A larger model would require {h}.",
           "Users without a workstation can use {h}.", "The trained model can run on {h} in real time.",
           "Practitioners can easily access {h} for such tasks."]
OWN = ["Models were typically trained for 100 epochs on {h}.", "We usually trained the models on {h}.",
       "Typically, we trained each model on {h} for two days.", "All models were trained on {h}, which took two days.",
       "To speed up training, we can use {h}, as we did for all models."]


@pytest.mark.parametrize("hardware, sentence", list(itertools.product(HARDWARE, GENERAL)))
def test_hardware_in_general_or_in_a_conditional_is_not_used(hardware, sentence):
    assert used_items(sentence.format(h=hardware), question="hardware") == []


@pytest.mark.parametrize("hardware, sentence", list(itertools.product(HARDWARE[:1] + HARDWARE[2:], OWN)))
def test_hardware_of_the_study_with_a_frequency_adverb_is_used(hardware, sentence):
    assert used_items(sentence.format(h=hardware), question="hardware"), sentence.format(h=hardware)


# what the literature reports, what others lack, and what a model's makers ran it on, is no use of the study
OTHERS_HARDWARE = ["Training times reported in the literature range from hours on {h} to days on CPUs.",
                   "Training on {h} is common in the literature.", "For researchers lacking {h}, we provide pretrained weights.",
                   "BirdNET was trained on {h} by its developers.", "The detector was trained on {h} by the original authors.",
                   "Unlike studies that used {h}, we needed no special hardware.", "In contrast to models trained on {h}, ours is small."]
OTHERS_HARDWARE += ["The model is designed to run on devices such as {h}.", "The app is intended to be deployed on {h}.",
                    "Our model is five times faster than the same model on {h}.",
                    "The original YOLOv3 was trained on {h} (Redmon and Farhadi, 2018).",
                    "The authors of the original model trained it on {h}.", "MegaDetector was trained by Microsoft on {h}.",
                    "The price of {h} has dropped in recent years.",
                    "Compared with {h}, our pipeline needs far less memory.", "The speed-up relative to {h} was tenfold.",
                    "In comparison to {h}, training on our cluster was slow."]
OWN_HARDWARE = ["We trained the model on {h}, as is common in the literature.",
                "We trained the model on {h}, which was fast compared to our old laptop.",
                "The model was trained by our team on {h}.", "We used {h}, similar to earlier setups.",
                "We trained faster than expected on {h}.", "The CNN was designed to classify images and trained on {h}.",
                "We ran the original YOLOv5 model on {h}.",
                "We retrained the model on {h}, following its developers' advice."]


@pytest.mark.parametrize("hardware, sentence", list(itertools.product(HARDWARE, OTHERS_HARDWARE)))
def test_hardware_of_the_literature_and_of_others_is_not_used(hardware, sentence):
    assert used_items(sentence.format(h=hardware), question="hardware") == []


@pytest.mark.parametrize("hardware, sentence", list(itertools.product(HARDWARE, OWN_HARDWARE)))
def test_the_studys_hardware_beside_the_literature_is_used(hardware, sentence):
    assert used_items(sentence.format(h=hardware), question="hardware"), sentence.format(h=hardware)


@pytest.mark.parametrize("text, name", [("The models were fitted with a GPU-free workflow.", "GPU"),
                                        ("We used a GPU-less laptop.", "GPU")])
def test_hardware_a_thing_is_free_of_is_not_used(text, name):
    assert name not in used_items(text, question="hardware")


def test_a_software_name_holding_free_is_no_negation():
    text = "Clusters were corrected with threshold-free cluster enhancement."
    assert methodx.judge(text, [(text.index("threshold"), text.index(".") )])[0].used


@pytest.mark.parametrize("text, used", [("The training was GPU-based.", True), ("All computations were CPU-based.", True),
                                        ("Training was distributed across 8 GPUs.", True), ("The algorithm is GPU-accelerated.", False)])
def test_a_processor_the_training_was_based_on_or_spread_across_is_used(text, used):
    assert bool(used_items(text, question="hardware")) is used


@pytest.mark.parametrize("text", ["The experiments leveraged an HPC cluster.", "Training benefited from an HPC cluster.",
                                  "An HPC cluster served as the training platform.", "The hardware consisted of an HPC cluster.",
                                  "All training runs were launched on an HPC cluster.", "Hardware: an HPC cluster."])
def test_more_verbs_of_use_reach_generic_hardware(text):
    assert used_items(text, question="hardware") == ["HPC cluster"]


@pytest.mark.parametrize("text", ["The app runs on any laptop or smartphone.", "Any GPU with 8 GB of memory is sufficient.",
                                  "The model runs on every NVIDIA RTX 3090."])
def test_any_hardware_is_no_particular_hardware(text):
    assert used_items(text, question="hardware") == []


# what the authors advise, and what would make training faster, is no use
ADVICE = ["We recommend {h} for training.", "We strongly recommend using {h}.", "We would suggest {h} for larger data sets.",
          "For training, {h} is recommended.", "{h} are highly advised for larger data sets.",
          "Training on {h} could further reduce the training time.", "Using {h} would greatly shorten the training.",
          "{h} might speed up the training."]
MEASURED = ["Training on {h} reduced the training time to two hours.", "Using {h} shortened the training from days to hours.",
            "We trained on {h}, as the developers recommend for YOLOv5."]


@pytest.mark.parametrize("hardware, sentence", list(itertools.product(HARDWARE, ADVICE)))
def test_advice_and_what_would_be_faster_is_not_used(hardware, sentence):
    assert used_items(sentence.format(h=hardware), question="hardware") == []


@pytest.mark.parametrize("hardware, sentence", list(itertools.product(HARDWARE[:1] + HARDWARE[2:], MEASURED)))
def test_what_training_on_hardware_did_is_used(hardware, sentence):
    assert used_items(sentence.format(h=hardware), question="hardware"), sentence.format(h=hardware)


# --- examples


def test_examples_of_popular_frameworks_are_only_mentioned():
    text = "Frameworks such as TensorFlow and PyTorch are popular."
    assert_only_mentioned(text, "TensorFlow")
    assert_only_mentioned(text, "PyTorch")
    assert methodx.answer(text, question="frameworks").unknown is True


def test_popular_libraries_we_used_are_used():
    text = "We used popular libraries such as PyTorch and OpenCV."
    assert_used(text, "PyTorch")
    assert_used(text, "OpenCV")
    assert methodx.answer(text, question="frameworks").unknown is False


# --- data collection devices


@pytest.mark.parametrize("text, name", [
    ("Images were collected with camera traps.", "camera trap"),
    ("Recordings were made with AudioMoth recorders.", "audio recorder"),
    ("We used drones to survey the colony.", "drone"),
    ("A drone was used to photograph the colony.", "drone"),
    ("We deployed 40 camera traps and used them for a year.", "camera trap"),
])
def test_data_collection_devices_are_never_hardware_items(text, name):
    answer = methodx.answer(text, question="hardware")
    assert answer.items == []
    assert answer.unknown is True
    assert [m for m in answer.mentions if not m.used and m.reason]


def test_data_collection_device_does_not_hide_the_training_hardware():
    answer = methodx.answer("We used AudioMoth recorders and trained the model on a GPU.", question="hardware")
    assert [i.category for i in answer.items] == ["gpu"]


def test_raspberry_pi_that_takes_photographs_collects_data():
    answer = methodx.answer("We used a Raspberry Pi 4 camera to photograph nests.", question="hardware")
    assert answer.items == []


def test_raspberry_pi_that_runs_the_model_is_used():
    assert [i.category for i in methodx.answer("The trained network runs on a Raspberry Pi 4 in real time.",
                                               question="hardware").items] == ["device"]


# --- tools the study built


def test_package_the_study_developed_is_not_a_used_framework():
    text = "We have developed the 'foo' R package to query the API."
    found = mentions(text, "foo")
    assert found
    assert all(not m.used and m.reason for m in found)
    answer = methodx.answer(text, question="frameworks")
    assert "foo" not in [i.name for i in answer.items]
    assert answer.unknown is True


def test_package_the_study_used_is_a_used_framework():
    text = "We used the 'foo' R package to fit the models."
    assert_used(text, "foo")
    assert methodx.answer(text, question="frameworks").unknown is False


# --- the verdict is explained


def test_used_mentions_have_no_reason_and_unused_ones_have_one(seed_answers):
    for answer in seed_answers.values():
        for m in answer.mentions:
            if m.used:
                assert m.reason is None, (m.name, m.reason)
            else:
                assert m.reason, m.name


def test_extract_returns_the_same_verdicts_as_answer():
    text = "We used Caffe to classify images. Smith et al. (2019) used Caffe too. Frameworks such as PyTorch are popular."
    extracted = methodx.extract(text)
    answered = methodx.answer(text, question="frameworks").mentions
    assert [(m.name, m.used, m.evidence.start) for m in extracted] == [(m.name, m.used, m.evidence.start) for m in answered]
    assert [m.used for m in extracted if m.name == "Caffe"] == [True, False]


# a web address with an access date marks a reference entry, unless a statement with a subject carries it
ACCESSED = ["(https://{site}, accessed 12 May 2021)", "(https://{site}/; accessed on 3 March 2022)",
            "(available online: https://{site} (accessed on 1 May 2021))", "(Retrieved from https://{site})",
            "(available at: https://{site}, last accessed 2021-05-01)"]
SOFTWARE = {"TensorFlow": "www.tensorflow.org", "PyTorch": "pytorch.org", "caret": "CRAN.R-project.org/package=caret"}
STATEMENTS = ["We used {name} {source} to train the model.", "The model was implemented in {name} {source}.",
              "Models were fitted with {name} {source}.", "In this study, {name} {source} was used for training."]
ENTRIES = ["Smith, J., 2021. Birds classified with {name}. {source}.", "Bird classifier trained with {name}. 2021. {source}.",
           "Wildlife Insights, 2021. Models built with {name}. {source}."]


@pytest.mark.parametrize("accessed, name, statement", list(itertools.product(ACCESSED, SOFTWARE, STATEMENTS)))
def test_a_statement_of_use_with_an_access_date_is_used(accessed, name, statement):
    text = statement.format(name=name, source=accessed.format(site=SOFTWARE[name]))
    assert_used(text, name)


@pytest.mark.parametrize("accessed, name, entry", list(itertools.product(ACCESSED, SOFTWARE, ENTRIES)))
def test_a_reference_entry_with_an_access_date_is_only_mentioned(accessed, name, entry):
    text = entry.format(name=name, source=accessed.format(site=SOFTWARE[name]).strip("()"))
    assert name not in used_items(text), text


# an affiliation line names organisations, some of them clouds or vendors; a vendor's address inside a
# sentence of use does not make it one
AFFILIATIONS = ["{m}Amazon Web Services, Seattle, WA, USA", "{m}Google Cloud AI Research, Sunnyvale, CA 94089, USA; x@google.com",
                "{m}Department of Computer Science, Microsoft Azure Research Laboratory, Redmond, United States",
                "{m}NVIDIA Corporation, Santa Clara, CA, USA"]


@pytest.mark.parametrize("affiliation, marker", list(itertools.product(AFFILIATIONS, ["", "a ", "1 ", "* "])))
def test_an_affiliation_line_states_no_use(affiliation, marker):
    text = "Deep learning for bird song\n\nJ. Smith, K. Lee\n\n" + affiliation.format(m=marker) + "\n\nAbstract\n\nWe mapped birds."
    assert used_items(text, question="hardware") == []


@pytest.mark.parametrize("sentence", [
    "All statistical analysis was carried out with {x}, Statacorp, College Station, Texas, USA.",
    "Models were trained on {x} (Google LLC, Mountain View, CA, USA).",
    "The analysis used {x} (Wellcome Department of Imaging Neuroscience, London, UK; www.fil.ion.ucl.ac.uk/spm)."])
def test_a_vendor_address_in_a_sentence_of_use_is_no_affiliation(sentence):
    assert used_items(sentence.format(x="Google Colab"), question="hardware") == ["Google Colab"]


# the study's own tool: an appositive with 'our', 'this paper presents X', two verbs of making
CREATED = ["Our software, {x}, is freely available.", "{x}, our new tool, classifies bird songs.",
           "This paper describes {x}, a pipeline for image classification.", "The present study introduces {x}.",
           "We designed and implemented {x} to process the images.", "We developed and released {x} on CRAN.",
           "We have therefore developed {x}, a package for acoustic indices.", "Here we present {x}.",
           "We have recently developed {x} as a fully automated approach.", "We now introduce {x}.",
           "The main features of our {x} software are shown in Figure 1.", "We tested our {x} package on three datasets.",
           "We developed a plugin (called {x}) for image annotation.", "We wrote a new toolbox (named {x}) for MATLAB.",
           "{x} is a new R package that implements the method.", "{x} is a novel open-source library for image classification.",
           "The method is implemented in the R package {x}, which we developed for this study.",
           "The {x} package presented here provides functions for data cleaning.",
           "The {x} toolbox described in this paper is freely available."]
STILL_USED = ["Our code uses {x} for training.", "We ran our pipeline ({x} 1.8) on the images.",
              "This paper describes the use of {x} for species identification.",
              "We designed and implemented the network in {x}.", "Our software relies on {x}.",
              "{x}, our main library, was used for training.", "We then built 15 separate {x} models.",
              "We also implemented {x} models for each species.", "We first developed {x} classifiers.",
              "Our {x}-based software ran on a server.", "We trained our {x} model for 50 epochs.",
              "We developed {x} models for each species.", "We provide a {x} implementation of the model.",
              "We have recently developed {x} classifiers for bird songs.", "This paper presents a {x} implementation of YOLO.",
              "We introduce new {x} networks for sound events.", "The model presented here was built with {x}.",
              "We trained the network in {x}, which we ran on a GPU.", "The classifier described in this paper was implemented in {x}.",
              "{x} is a widely used library that we used for training."]


@pytest.mark.parametrize("sentence, name", list(itertools.product(CREATED, ["birdnetR", "SpeciesMapper"])))
def test_the_studys_own_tool_is_created_not_used(sentence, name):
    text = sentence.format(x=name)
    verdict = methodx.judge(text, [(text.index(name), text.index(name) + len(name))])[0]
    assert not verdict.used and verdict.reason == "created_by_study", text


@pytest.mark.parametrize("sentence", STILL_USED)
def test_a_framework_beside_the_studys_own_words_is_used(sentence):
    assert_used(sentence.format(x="PyTorch"), "PyTorch")


# other people's work, and what is described elsewhere
ELSEWHERE = ["{x} is described in detail elsewhere [11].", "{x} has been described previously.",
             "{x} was documented by Abadi et al. (2016).", "{x} is described in [7].",
             "Previous work used {x} [3].", "Other deep learning studies used {x} [4].", "{x} has been used in many ecological studies."]
OWN_SETUP = ["We used {x}, described by Abadi et al. (2016), to train the model.", "Our setup ({x} 2.4) is described in Table 2.",
             "The other models were trained with {x}.", "Several model architectures were trained with {x}."]


@pytest.mark.parametrize("sentence, name", list(itertools.product(ELSEWHERE, ["TensorFlow", "Caffe"])))
def test_a_framework_described_elsewhere_or_used_by_others_is_only_mentioned(sentence, name):
    assert name not in used_items(sentence.format(x=name))


@pytest.mark.parametrize("sentence", OWN_SETUP)
def test_the_studys_setup_described_with_a_citation_is_used(sentence):
    assert_used(sentence.format(x="TensorFlow"), "TensorFlow")


# a fronted clause about other people's work: what it names is theirs; the main clause after its comma is the study's
OTHERS_OPENERS = ["Unlike previous studies that", "While most earlier deep learning works", "Although many other approaches",
                  "In contrast to existing methods that", "Whereas prior studies"]
THEIRS_AND_OURS = [("relied on {theirs}", "we trained the model on {ours}."),
                   ("were implemented in {theirs}", "our network was written in {ours}."),
                   ("used {theirs} for training", "we used {ours}.")]


@pytest.mark.parametrize("opener, clauses, question, theirs, ours", [
    (o, c, q, t, u) for o, c in itertools.product(OTHERS_OPENERS, THEIRS_AND_OURS)
    for q, t, u in [("hardware", "NVIDIA Tesla V100", "NVIDIA Jetson Nano"), ("frameworks", "Caffe", "PyTorch")]])
def test_a_clause_about_others_work_ends_at_its_comma(opener, clauses, question, theirs, ours):
    text = f"{opener} {clauses[0].format(theirs=theirs)}, {clauses[1].format(ours=ours)}"
    assert used_items(text, question=question) == [ours], text


@pytest.mark.parametrize("sentence", ["While the {x} handled training, we ran inference on a CPU.",
                                      "Although training took two days on the {x}, we obtained good accuracy.",
                                      "While training the model on the {x}, we monitored the loss."])
def test_a_clause_of_the_studys_own_work_is_no_related_work(sentence):
    assert "NVIDIA Tesla V100" in used_items(sentence.format(x="NVIDIA Tesla V100"), question="hardware")


# what a tool lets anyone do is no statement of the study's use; a clause of the study's own after 'so we' is
CAPABILITIES = ["{tool} allows users to train models on {x}.", "{tool} makes it easy to access {x} for big data.",
                "With {tool}, researchers can run the analysis on {x}.", "{tool} enables users to deploy models on {x}."]


@pytest.mark.parametrize("sentence, tool", list(itertools.product(CAPABILITIES, ["Google Earth Engine", "The platform"])))
def test_what_a_tool_lets_anyone_do_is_no_use(sentence, tool):
    assert used_items(sentence.format(tool=tool, x="an HPC cluster"), question="hardware") == []


@pytest.mark.parametrize("joint", ["so we", "and we", "thus we", "therefore we"])
def test_a_clause_of_the_study_after_so_we_is_its_own(joint):
    text = f"Keras makes it easy to build networks, {joint} used it with TensorFlow."
    assert used_items(text) == ["Keras", "TensorFlow"], text
    assert used_items(f"Previous studies used Caffe {joint} used PyTorch.") == ["PyTorch"]


# 'their' after 'and' or a preposition belongs to a thing of the sentence, not to other people
@pytest.mark.parametrize("sentence", ["Images and their labels were fed to a CNN in {x}.",
                                      "Species and their traits were modelled with {x}.",
                                      "Recordings with their annotations went to a classifier built in {x}."])
def test_their_of_a_thing_is_no_other_people(sentence):
    assert used_items(sentence.format(x="TensorFlow")) == ["TensorFlow"]


@pytest.mark.parametrize("sentence", ["The authors released their code in {x}.", "Their pipeline relied on {x} as well.",
                                      "Their model was implemented in {x}.", "Their approach was trained with {x} on GPUs."])
def test_their_of_other_people_is_related_work(sentence):
    assert used_items(sentence.format(x="Caffe")) == []


# verbs of modelling and analysis state use as the verbs of building do: 'modelled with X', 'tuned with X'
@pytest.mark.parametrize("verb", ["modelled", "modeled", "analysed", "analyzed", "estimated", "calculated", "classified",
                                  "predicted", "tuned", "optimised"])
def test_a_verb_of_modelling_with_a_tool_states_use(verb):
    # 'popular' is a weak not-used cue in reach: only a statement of use makes the tool used
    assert used_items(f"The data were then {verb} with XGBoost, a popular library.") == ["XGBoost"]


# a choice between two: what the study set aside is only compared, what it chose is used
CHOICES = ["Instead of {other}, we chose {chosen}.", "Rather than {other}, the study relied on {chosen}.",
           "{chosen} was preferred over {other} for its flexibility.", "We used {chosen} instead of {other}."]


@pytest.mark.parametrize("sentence", CHOICES)
def test_the_framework_chosen_over_another_is_the_one_used(sentence):
    assert used_items(sentence.format(chosen="PyTorch", other="TensorFlow")) == ["PyTorch"]


# no access to a resource is no use of it
@pytest.mark.parametrize("sentence", ["We did not have access to a {x}, so all models were trained on a laptop.",
                                      "Without access to a {x}, training was done on a laptop.",
                                      "Lacking access to a {x}, we trained on a laptop."])
def test_no_access_to_hardware_is_no_use(sentence):
    assert used_items(sentence.format(x="GPU"), question="hardware") == ["laptop"]


# what the study's code is written with, in brackets after the code, is used even where the code is deposited
@pytest.mark.parametrize("sentence", ["All code ({x} 1.9) is available at https://github.com/x/y.",
                                      "The scripts ({x}, NumPy) are freely available on Zenodo.",
                                      "Our implementation ({x}) is deposited on GitHub."])
def test_the_framework_of_deposited_code_is_used(sentence):
    assert "PyTorch" in used_items(sentence.format(x="PyTorch"))


# a running time in seconds or milliseconds on a piece of hardware is this study's measurement
@pytest.mark.parametrize("time", ["0.1 s", "120 ms", "2 seconds", "1 sec", "3 minutes"])
def test_a_running_time_on_hardware_states_use(time):
    text = f"Inference on the CPU was slow, whereas the GPU needed {time} per image."
    assert "GPU" in used_items(text, question="hardware")


# a dotted name is a name; an address that holds a name is an address
@pytest.mark.parametrize("sentence", ["We used {x} to train the model.", "The model was trained with {x} v2.",
                                      "Training ran on {x} for two days."])
def test_a_dotted_software_name_is_no_web_address(sentence):
    assert_used(sentence.format(x="fast.ai"), "fastai")


@pytest.mark.parametrize("address", ["https://www.fast.ai", "www.fast.ai", "https://fast.ai/", "fast.ai/docs"])
def test_an_address_holding_the_name_is_an_address(address):
    assert_only_mentioned(f"Code: see {address} for details.", "fastai", "web_address")


# doing as others did is the study's own use; what others did is theirs
AS_OTHERS = ["As in previous work [5], the model was built in {x}.", "Similar to other studies, we used {x} to train the model.",
             "Our implementation uses {x} (Paszke et al., 2019), as in previous studies (Smith et al., 2020).",
             "Consistent with earlier studies, the networks were trained in {x}.",
             "In line with related work, we implemented the detector in {x}."]
OTHERS = ["{x} was used in previous studies [3].", "In other studies, {x} was used.", "Many recent studies rely on {x}.",
          "Other studies have trained models in {x}."]


@pytest.mark.parametrize("sentence", AS_OTHERS)
def test_doing_as_other_studies_did_is_use(sentence):
    assert_used(sentence.format(x="PyTorch"), "PyTorch")


@pytest.mark.parametrize("sentence", OTHERS)
def test_what_other_studies_did_is_only_mentioned(sentence):
    assert_only_mentioned(sentence.format(x="PyTorch"), "PyTorch", "related_work")


@pytest.mark.parametrize("sentence", ["As opposed to {x}, Keras is easy to use.", "Our model outperformed the {x} implementation.",
                                      "The network outperforms {x} baselines on every site."])
def test_what_the_study_is_set_against_is_only_mentioned(sentence):
    assert_only_mentioned(sentence.format(x="Caffe"), "Caffe", "comparison")


@pytest.mark.parametrize("sentence", ["Models trained with {x} outperformed the baseline.",
                                      "We compared models trained with {x} and PyTorch."])
def test_what_outperforms_or_is_compared_is_used(sentence):
    assert_used(sentence.format(x="Caffe"), "Caffe")


# --- what hardware could do, or what a user needs, is no use


@pytest.mark.parametrize("hardware, name", [("an NVIDIA GPU", "GPU"), ("a Jetson Nano", "NVIDIA Jetson Nano"),
                                            ("a Raspberry Pi 4", "Raspberry Pi 4")])
@pytest.mark.parametrize("sentence", ["Users with {hw} can train the model faster.", "{hw} may also run the detector in the field.",
                                      "The model is light enough to be deployed on {hw}.",
                                      "The network is small enough for {hw}."])
def test_what_hardware_could_do_is_no_use(hardware, name, sentence):
    text = sentence.format(hw=hardware)
    assert_only_mentioned(text[0].upper() + text[1:], name, question="hardware")


@pytest.mark.parametrize("sentence", ["The software runs on computers with at least {x}.", "A machine with a minimum of {x} is needed.",
                                      "It runs on any computer with {x} or more.", "A computer with {x} or higher is recommended."])
def test_a_minimum_requirement_is_no_use(sentence):
    assert_only_mentioned(sentence.format(x="8 GB of RAM"), "8 GB RAM", question="hardware")


@pytest.mark.parametrize("sentence", ["We could train the model in 2 h on {hw}.", "We trained for at least 100 epochs on {hw}.",
                                      "Training took at least two days on {hw}.", "The model was trained on {hw} for 50 epochs or more."])
def test_the_studys_own_training_beside_a_modal_or_minimum_is_used(sentence):
    assert_used(sentence.format(hw="an RTX 3090"), "NVIDIA GeForce RTX 3090", question="hardware")


@pytest.mark.parametrize("cite", ["", " [17]", " (Schneider et al., 2012)"])
@pytest.mark.parametrize("description", ["an open-source image-processing program", "a public domain, Java-based image-processing program",
                                         "a timely resource", "a widely used statistical environment", "a modular software suite"])
def test_what_a_tool_is_describes_it_and_states_no_use(cite, description):
    text = f"ImageJ{cite} is {description} developed at the National Institutes of Health."
    assert_only_mentioned(text, "ImageJ")


@pytest.mark.parametrize("sentence", ["Our classification software tool, called {x}, was written in C#.",
                                      "The software, called {x}, is the first attempt to offer a free tool.",
                                      "The package, termed {x}, was developed for this study.",
                                      "During the development of {x}, we used the mouse data for training.",
                                      "We thank our colleagues for discussions during the development of {x}."])
def test_the_studys_own_tool_by_its_given_name_is_no_use(sentence):
    assert_only_mentioned(sentence.format(x="Optuna"), "Optuna", "created")


@pytest.mark.parametrize("sentence", ["We used the toolbox called {x}.", "Models were tuned using a software called {x}.",
                                      "Hyperparameters were tuned with a library, called {x}."])
def test_a_tool_called_by_name_that_the_study_used_is_used(sentence):
    assert_used(sentence.format(x="Optuna"), "Optuna")


@pytest.mark.parametrize("subject", ["Training", "The code", "This study", "The pipeline", "Inference"])
def test_the_studys_work_as_subject_of_used_is_use(subject):
    assert_used(f"{subject} used Caffe with its default settings.", "Caffe")


@pytest.mark.parametrize("sentence", ["Their model used Caffe.", "The model of Lee et al. used Caffe.",
                                      "Previous studies used Caffe.", "Lee et al. [3] used Caffe for training."])
def test_others_as_subject_of_used_is_related_work(sentence):
    assert_only_mentioned(sentence, "Caffe", "related")


@pytest.mark.parametrize("adverb", ["potentially", "possibly", "probably"])
@pytest.mark.parametrize("adjective", ["damaging", "harmful", "relevant", "invasive", "toxic"])
def test_a_hedging_adverb_on_an_adjective_hedges_no_use(adverb, adjective):
    assert_used(f"Images were screened for {adverb} {adjective} objects using Caffe.", "Caffe")


@pytest.mark.parametrize("sentence", ["We will probably use {x}.", "Possibly, {x} was used.", "The model was perhaps built with {x}.",
                                      "{x} was possibly used.", "{x} was probably used to train the model."])
def test_a_hedging_adverb_on_the_statement_hedges_it(sentence):
    assert_only_mentioned(sentence.format(x="Caffe"), "Caffe", "hedge")


@pytest.mark.parametrize("sentence", ["A {hw} controlled the camera trap and stored the images.", "Data were logged with a {hw}.",
                                      "The acoustic recorders were built around a {hw}.", "A {hw} logs the sensor readings every minute."])
def test_a_board_that_controls_or_logs_the_collection_is_no_compute(sentence):
    assert_not_used(methodx.answer(sentence.format(hw="Raspberry Pi 4"), question="hardware"), "Raspberry Pi 4", "data_collection")


@pytest.mark.parametrize("sentence", ["The detector ran on a {hw} in the camera trap.", "We deployed the model on a {hw} attached to the recorder.",
                                      "The {hw} captured images and ran the classifier.",
                                      "A {hw} controlled the camera and ran the trained YOLOv5 detector.",
                                      "The {hw} recorded audio and performed inference with the CNN."])
def test_a_board_that_runs_the_model_beside_a_collector_is_used(sentence):
    assert_used(sentence.format(hw="Raspberry Pi 4"), "Raspberry Pi 4", question="hardware")


@pytest.mark.parametrize("sentence", ["Thanks to GPU computing, training deep networks is now feasible.",
                                      "Owing to GPU acceleration, deep learning spread quickly.",
                                      "Due to GPU parallelization, such models train in hours.",
                                      "Advances in GPU computing have enabled deep learning."])
def test_what_gpu_computing_did_for_the_field_is_no_use(sentence):
    assert_not_used(methodx.answer(sentence, question="hardware"), "GPU")


@pytest.mark.parametrize("sentence", ["Thanks to the RTX 3090, our training took only 2 h.",
                                      "We used GPU computing on an RTX 3090 to train the model."])
def test_the_studys_gpu_beside_thanks_or_gpu_computing_is_used(sentence):
    assert_used(sentence, "NVIDIA GeForce RTX 3090", question="hardware")


@pytest.mark.parametrize("sentence", ["An R package for {x} is freely downloadable from: https://example.org/x.",
                                      "{x} is downloadable from the project page.", "The {x} source code is obtainable on request."])
def test_a_tool_that_is_downloadable_is_deposited_not_used(sentence):
    assert_only_mentioned(sentence.format(x="Optuna"), "Optuna", "deposition")


@pytest.mark.parametrize("bracket", ["(MATLAB R2019b, The MathWorks, Inc., Natick, MA, USA)", "(MATLAB, MathWorks Inc. Natick, USA, 2019)",
                                     "(MATLAB 9.7; MathWorks Ltd, Cambridge, UK)"])
def test_a_tool_in_a_vendor_bracket_is_used(bracket):
    assert_used(f"The segmentation was computed {bracket}.", "MATLAB")


@pytest.mark.parametrize("bracket", ["(MATLAB Development Team, 2019)", "(MATLAB, MathWorks Inc., 2019)"])
def test_a_tool_in_a_citation_bracket_is_cited(bracket):
    assert_only_mentioned(f"The segmentation was computed {bracket}.", "MATLAB")


@pytest.mark.parametrize("sentence", ["In [12], the authors trained a CNN with Caffe.", "Ref. [12] used Caffe for inference.",
                                      "Reference [7] implemented the detector in Caffe.", "The study in [9] trained it with Caffe.",
                                      "The work of [14] used Caffe.", "In ref. 12, Caffe was used.", "[5,6] implemented their models in Caffe."])
def test_work_of_a_numbered_reference_is_related_work(sentence):
    assert_only_mentioned(sentence, "Caffe", "related")


@pytest.mark.parametrize("sentence", ["In 30 minutes, Caffe trained the model.", "Training in 12 epochs used Caffe.",
                                      "Images were preprocessed as in [25] and we trained the CNN with Caffe."])
def test_a_number_that_is_no_reference_leaves_the_studys_use(sentence):
    assert_used(sentence, "Caffe")


@pytest.mark.parametrize("sentence", ["Next, we will deploy the model on a {hw}.", "We will port the detector to a {hw} next year.",
                                      "The model is planned to run on a {hw}.", "A version for the {hw} is under development."])
def test_what_the_study_will_do_is_future_work(sentence):
    assert_not_used(methodx.answer(sentence.format(hw="Jetson Nano"), question="hardware"), "NVIDIA Jetson Nano", "future")


def test_hardware_before_and_will_stays_the_studys():
    assert_used("The model was trained on an RTX 3090 and will run on a Jetson Nano.", "NVIDIA GeForce RTX 3090", question="hardware")



# thanks for the resources a study ran on state their use; what the availability of hardware did for the field does not
THANKS = ["We acknowledge {r} for the availability of high-performance computing resources.",
          "The authors thank {r} for the provision of computing time.", "We are grateful to {r} for access to its GPU nodes.",
          "We gratefully acknowledge {r} for the allocation of computing time."]
RESOURCES = [("CINECA", "CINECA"), ("the Pittsburgh Supercomputing Center", "Pittsburgh Supercomputing Center"), ("the Cedar cluster", "Cedar cluster")]


@pytest.mark.parametrize("sentence", THANKS)
@pytest.mark.parametrize("resource, name", RESOURCES)
def test_thanks_for_computing_resources_state_their_use(sentence, resource, name):
    assert name in used_items(sentence.format(r=resource), question="hardware")


@pytest.mark.parametrize("sentence", ["The availability of GPUs has enabled deep learning in ecology.",
                                      "We note that the availability of GPUs has revolutionized deep learning.",
                                      "The availability of high-performance computing clusters has transformed ecology."])
def test_what_the_availability_of_hardware_did_for_the_field_is_no_use(sentence):
    assert used_items(sentence, question="hardware") == []


@pytest.mark.parametrize("name, version", [("Keras", "version 2.2.4"), ("randomForest", "4.6-14"), ("TensorFlow", "v2.4.1"), ("scikit-learn", "0.24.2")])
@pytest.mark.parametrize("year", ["2018", "2021"])
def test_a_name_with_its_version_and_year_in_brackets_is_no_citation(name, version, year):
    assert name in used_items(f"The classifier was trained in Python ({name} {version}, {year}).")


@pytest.mark.parametrize("bracket", ["(Keras, 2015)", "(Keras, n.d.)", "(Chollet et al., 2015, p. 12)"])
def test_an_author_and_year_in_brackets_stays_a_citation(bracket):
    assert used_items(f"The idea was described before {bracket}.") == []


# what exists in the field, and what has been made in it, is no use of the study
FIELD = ["There are many deep learning libraries ({a}, {b}).", "There exist several frameworks, e.g. {a} and {b}.",
         "Frameworks such as {a} and {b} have been developed in recent years.", "{a} and {b} have been released as open source.",
         "The two dominant frameworks today are {a} and {b}.", "{a} and {b} are the predominant libraries."]
STUDY = ["There are many images, so we trained the network with {a} and {b}.", "The model has been developed with {a} and {b}.",
         "We used {a} and {b}, the dominant frameworks.", "We have developed the classifier in {a} and {b}."]


# a presented tool's requirements are no use of the study; the study's own code's dependencies are
@pytest.mark.parametrize("text", ["Operating system: Linux. Other requirements: {x} 1.2 or higher.",
                                  "Requirements: {x}, NumPy and a GPU with 8 GB of memory."])
def test_a_tools_requirements_are_no_use(text):
    assert used_items(text.format(x="TensorFlow")) == []


@pytest.mark.parametrize("text", ["All code depends on {x} (Paszke et al. 2019) and torchvision.",
                                  "Dependencies: {x}==1.9.0, numpy==1.21."])
def test_the_studys_code_and_its_dependencies_are_use(text):
    assert "PyTorch" in used_items(text.format(x="PyTorch"))


# a fronted concession, and a relative clause, end at their comma: their words do not reach past it, nor ours into it
@pytest.mark.parametrize("text, used", [
    ("Although TensorFlow is popular, we chose PyTorch.", ["PyTorch"]),
    ("While Caffe is widely used, we used PyTorch.", ["PyTorch"]),
    ("Instead of Caffe, which was used in the original work, we used TensorFlow.", ["TensorFlow"]),
    ("Although we trained the network in TensorFlow, inference ran in PyTorch.", ["TensorFlow", "PyTorch"]),
    ("As an alternative to TensorFlow, we used PyTorch.", ["PyTorch"]), ("We used PyTorch as an alternative to TensorFlow.", ["PyTorch"]),
    ("Alternatives to our approach include TensorFlow.", []), ("We trained an alternative model in PyTorch.", ["PyTorch"]),
    ("The original implementation used Darknet (Redmon, 2016).", []), ("We used the original implementation in PyTorch.", ["PyTorch"]),
    ("The original implementation was in Caffe, and we ported it to PyTorch for this study.", ["PyTorch"])])
def test_a_concession_and_a_relative_clause_end_at_their_comma(text, used):
    assert sorted(used_items(text)) == sorted(used)


# what the field's people do with a framework, or may do, is no use of the study
PEOPLE = ["There is a growing community around {x}.", "A tutorial on {x} is given by Smith (2021).", "This is similar to the approach taken in {x}.",
          "{x} was first released in 2015.", "{x} was launched by its developers in 2017.", "Many ecologists now use {x}.", "Researchers may prefer {x}.", "Most deep learning studies in ecology rely on {x}.",
          "{x} is increasingly adopted by ecologists.", "Readers familiar with {x} will recognise this design.",
          "Their code, written in {x}, is publicly available.", "Users of {x} can install the package via pip.",
          "A comparison of frameworks such as {x} is beyond the scope of this paper."]
OWN_WORK = ["Our experience with {x} was good: we trained all models in it.", "We can use {x} for all models, as we did here.",
            "Like many ecologists, we used {x}.", "We used {x}, which was first released in 2015.",
            "We trained every model with {x}.", "We followed the tutorial on {x} to train the model.",
            "We used a network similar to ResNet in {x}."]


@pytest.mark.parametrize("x", ["TensorFlow", "scikit-learn", "caret"])
@pytest.mark.parametrize("sentence", PEOPLE)
def test_what_the_fields_people_do_is_no_use(x, sentence):
    assert used_items(sentence.format(x=x)) == []


@pytest.mark.parametrize("x", ["TensorFlow", "scikit-learn", "caret"])
@pytest.mark.parametrize("sentence", OWN_WORK)
def test_the_study_beside_the_fields_people_is_use(x, sentence):
    assert used_items(sentence.format(x=x)) == [x]


@pytest.mark.parametrize("a, b", [("TensorFlow", "PyTorch"), ("Caffe", "Theano"), ("Keras", "MXNet")])
@pytest.mark.parametrize("sentence", FIELD)
def test_what_exists_in_the_field_is_no_use(a, b, sentence):
    assert used_items(sentence.format(a=a, b=b)) == []


@pytest.mark.parametrize("a, b", [("TensorFlow", "PyTorch"), ("Caffe", "Theano")])
@pytest.mark.parametrize("sentence", STUDY)
def test_the_studys_own_work_beside_those_words_is_use(a, b, sentence):
    assert set(used_items(sentence.format(a=a, b=b))) >= {a, b}, sentence.format(a=a, b=b)
