"""Finding frameworks and hardware: gazetteer names, model numbers, details, packages known by their context."""

import pytest

import methodx


def frameworks(text):
    return methodx.answer(text, question="frameworks")


def hardware(text):
    return methodx.answer(text, question="hardware")


def item(answer, name):
    found = [i for i in answer.items if i.name == name]
    assert found, f"no item {name!r} in {[i.name for i in answer.items]}"
    return found[0]


def items_of(answer, category):
    return [i for i in answer.items if i.category == category]


def check_evidence(text, answer):
    for mention in answer.mentions:
        assert text[mention.evidence.start:mention.evidence.end] == mention.evidence.text


# --- frameworks


def test_pytorch_with_version():
    text = "We implemented the model in PyTorch 1.12.1."
    answer = frameworks(text)
    pytorch = item(answer, "PyTorch")
    assert pytorch.category == "dl"
    assert pytorch.version == "1.12.1"
    assert answer.unknown is False
    assert "PyTorch" in answer.text and "1.12.1" in answer.text
    check_evidence(text, answer)


@pytest.mark.parametrize("name, version", [("caret", "6.0-90"), ("randomForest", "4.6-14"), ("lme4", "1.1-27.1"), ("mgcv", "1.8-40")])
@pytest.mark.parametrize("spelled", ["{n} {v}", "{n} (version {v})", "{n} v{v}"])
def test_an_r_package_version_keeps_its_patch_level(name, version, spelled):
    text = "Models were fitted with " + spelled.format(n=name, v=version) + "."
    assert item(frameworks(text), name).version == version


@pytest.mark.parametrize("text, name, version", [
    ("Analyses were done using Stata 11 (StataCorp, USA).", "Stata", "11"), ("All statistics were run in SPSS 24.", "SPSS", "24"),
    ("We used Stata 15, R 4.0.2 and Python 3.8.", "Stata", "15"), ("We used Keras (version 2) for training.", "Keras", "2"),
    ("We used Theano [12, 13] for training.", "Theano", None), ("We used Theano [1] for training.", "Theano", None),
    ("We used Keras (2) for training.", "Keras", None), ("Training in TensorFlow 10 times gave the same result.", "TensorFlow", None),
    ("We trained PyTorch 50 epochs long.", "PyTorch", None)])
def test_a_whole_number_after_a_name_is_its_version_only_where_a_version_stands(text, name, version):
    assert item(frameworks(text), name).version == version


def test_pytorch_without_version_has_none():
    assert item(frameworks("We implemented the model in PyTorch."), "PyTorch").version is None


def test_tensorflow_gpu_spelling_is_tensorflow():
    text = "Models were trained with TensorFlow-GPU 2.4.1"
    answer = frameworks(text)
    tensorflow = item(answer, "TensorFlow")
    assert tensorflow.category == "dl"
    assert tensorflow.version == "2.4.1"
    assert tensorflow.evidence[0].text == "TensorFlow-GPU"


def test_tf_keras_is_keras():
    answer = frameworks("The network was built with tf.keras.")
    assert item(answer, "Keras").category == "dl"
    assert "R keras" not in [i.name for i in answer.items]


def test_keras_package_in_r_is_r_keras():
    answer = frameworks("The model was fitted using the keras package in R.")
    r_keras = item(answer, "R keras")
    assert r_keras.category == "dl"
    assert "Keras" not in [i.name for i in answer.items]
    assert "keras package in R" in answer.text


@pytest.mark.parametrize("bracket", ["(R package version 2.3)", "( R package, version 2.2.5)", "(R package; Allaire and Chollet, 2020)"])
def test_keras_with_r_package_in_its_bracket_is_r_keras(bracket):
    assert [i.name for i in frameworks(f"The CNN was implemented with Keras {bracket}.").items][0] == "R keras"


@pytest.mark.parametrize("written", ["the Keras API for R", "keras for R", "Keras (the interface for R)", "the R interface to Keras"])
def test_keras_for_r_is_r_keras(written):
    assert "R keras" in [i.name for i in frameworks(f"The CNN was implemented with {written}.").items]


@pytest.mark.parametrize("text", ["We used Keras for R-squared estimation.", "We used Keras for Rapid prototyping."])
def test_keras_before_a_word_starting_with_r_stays_keras(text):
    assert [i.name for i in frameworks(text).items] == ["Keras"]


def test_keras_beside_another_r_package_stays_keras():
    assert "Keras" in [i.name for i in frameworks("We used Keras and the R package randomForest.").items]


def test_keras_in_python_is_not_r_keras():
    answer = frameworks("We used Keras in Python.")
    names = [i.name for i in answer.items]
    assert "Keras" in names
    assert "R keras" not in names


# the deep-learning packages of R: keras and torch listed as R packages, or used in R
R_PHRASES = ["The networks were built with the {x} (Smith, 2020) and tensorflow (Lee, 2021) R packages.",
             "Deep learning was done in R with the {x} package.", "We used the {x} R package (v1.0).",
             "The model was implemented in RStudio with {x}."]


@pytest.mark.parametrize("phrase, written, name", [(p, "keras", "R keras") for p in R_PHRASES]
                         + [(p, "torch", "torch for R") for p in R_PHRASES[1:3]])  # a bare 'torch' needs a package word
def test_keras_and_torch_reached_from_r_are_the_r_packages(phrase, written, name):
    names = [i.name for i in frameworks(phrase.format(x=written)).items]
    assert name in names and "Keras" not in names and "PyTorch" not in names, names


def test_pytorch_beside_r_stays_pytorch():
    assert [i.name for i in frameworks("The network was trained in PyTorch and the results plotted in R.").items][0] == "PyTorch"


@pytest.mark.parametrize("spelling", ["scikit-learn", "sklearn", "Scikit-Learn"])
def test_scikit_learn_spellings(spelling):
    answer = frameworks(f"Random forests were fitted with {spelling}.")
    assert item(answer, "scikit-learn").category == "ml"
    assert answer.unknown is False


def test_xgboost():
    answer = frameworks("We trained an XGBoost classifier on the extracted features.")
    assert item(answer, "XGBoost").category == "ml"


def test_plain_sentence_without_software_names_nothing():
    answer = frameworks("The network has four convolutional layers and was trained for fifty epochs.")
    assert answer.mentions == []
    assert answer.unknown is True


# --- hardware


def test_rtx_2080_ti_with_memory_is_a_gpu_not_ram():
    text = "The model was trained on an NVIDIA GeForce RTX 2080 Ti GPU with 11 GB memory."
    answer = hardware(text)
    gpus = items_of(answer, "gpu")
    assert len(gpus) == 1
    assert "RTX 2080 Ti" in gpus[0].name
    assert "11" in str(gpus[0].details.get("memory"))
    assert items_of(answer, "ram") == []
    assert not [m for m in answer.mentions if m.category == "ram"]
    check_evidence(text, answer)


def test_gpu_memory_and_separate_ram_are_both_reported():
    answer = hardware("All models were trained on an NVIDIA GeForce RTX 2080 Ti GPU with 11 GB memory and 64 GB of RAM.")
    assert len(items_of(answer, "gpu")) == 1
    ram = items_of(answer, "ram")
    assert len(ram) == 1 and "64" in ram[0].name


def test_two_tesla_k80_gpus_count_two():
    answer = hardware("The network was trained on two Tesla K80 GPUs.")
    gpus = items_of(answer, "gpu")
    assert len(gpus) == 1
    assert "K80" in gpus[0].name
    assert gpus[0].details.get("count") == 2


def test_single_gpu_has_no_count_above_one():
    answer = hardware("The network was trained on a Tesla K80 GPU.")
    gpus = items_of(answer, "gpu")
    assert len(gpus) == 1
    assert gpus[0].details.get("count", 1) == 1


def test_numeric_gpu_count():
    answer = hardware("We trained the model on 4 NVIDIA A100 GPUs.")
    gpus = items_of(answer, "gpu")
    assert len(gpus) == 1 and "A100" in gpus[0].name
    assert gpus[0].details.get("count") == 4


def test_intel_core_cpu_with_clock():
    answer = hardware("Experiments were run on an Intel Core i7-8700K CPU @ 3.70GHz.")
    cpus = items_of(answer, "cpu")
    assert len(cpus) == 1
    assert "i7-8700K" in cpus[0].name
    assert "3.70" in str(cpus[0].details.get("clock"))


@pytest.mark.parametrize("text", ["We trained on an Intel Xeon CPU: 2.2 GHz, 20 cores.", "We trained on a 2.2 GHz Intel Xeon.",
                                  "We trained on a 2.2 GHz 20-core Intel Xeon processor."])
def test_a_cpu_clock_before_or_after_a_colon_is_its_clock(text):
    cpus = items_of(hardware(text), "cpu")
    assert [c.details.get("clock") for c in cpus] == ["2.2 GHz"]


def test_ram():
    answer = hardware("The workstation had 32 GB of RAM.")
    ram = items_of(answer, "ram")
    assert len(ram) == 1
    assert "32" in ram[0].name
    assert answer.unknown is False


def test_google_colab_is_cloud():
    answer = hardware("The model was trained on Google Colab.")
    assert item(answer, "Google Colab").category == "cloud"


def test_raspberry_pi_running_the_model_is_a_device():
    answer = hardware("The trained model was run on a Raspberry Pi 4.")
    devices = items_of(answer, "device")
    assert len(devices) == 1
    assert "Raspberry Pi 4" in devices[0].name


def test_jetson_nano():
    answer = hardware("Inference was performed on a Jetson Nano.")
    assert answer.unknown is False
    jetsons = [i for i in answer.items if "Jetson Nano" in i.name]
    assert len(jetsons) == 1
    assert jetsons[0].category in ("device", "gpu")


def test_workstation_list_gives_cpu_ram_and_gpu():
    answer = hardware("The workstation has an Intel Xeon CPU, 64 GB RAM and two NVIDIA Tesla V100 GPUs.")
    assert {i.category for i in answer.items} == {"cpu", "ram", "gpu"}
    assert items_of(answer, "gpu")[0].details.get("count") == 2


def test_specific_gpu_makes_the_bare_gpu_redundant():
    answer = hardware("The network was trained on two Tesla K80 GPUs.")
    assert [i.name for i in answer.items if i.category == "gpu"] != ["GPU"]
    assert "GPU" not in [i.name for i in answer.items]


# --- ambiguous short names need a software cue


def test_sdm_as_r_package_counts():
    text = "Species distribution models were fitted with the R package 'sdm'."
    answer = frameworks(text)
    sdm = item(answer, "sdm")
    assert sdm.category == "ml"
    assert answer.unknown is False
    check_evidence(text, answer)


def test_sdm_package_in_r_counts():
    answer = frameworks("The species distribution model (SDM) was fitted with the sdm package in R.")
    assert item(answer, "sdm").category == "ml"


@pytest.mark.parametrize("text", [
    "We built an SDM for each species.",
    "SDM performance was evaluated with AUC.",
    "The SDM was fitted to 120 presence records.",
])
def test_bare_sdm_is_a_species_distribution_model_not_software(text):
    answer = frameworks(text)
    assert not [m for m in answer.mentions if m.name.lower() == "sdm"]
    assert answer.unknown is True


@pytest.mark.parametrize("text", ["We fit the ensemble models in sdm.", "The models were tuned in sdm.",
                                  "The SDMs were calibrated with sdm.", "We programmed the ensemble in sdm."])
def test_a_verb_of_making_models_and_its_object_before_in_is_a_software_cue(text):
    assert item(frameworks(text), "sdm").category == "ml"


@pytest.mark.parametrize("text", ["We fit the models in SDM space.", "The models were tuned in the SDM framework of Smith (2019).",
                                  "We calibrated the sensors with SDM readings."])
def test_the_same_verbs_before_an_abbreviation_are_no_cue(text):
    assert not [m for m in frameworks(text).mentions if m.name.lower() == "sdm"]


def test_tf_with_a_version_is_tensorflow():
    assert item(frameworks("The model was implemented in TF 2.4."), "TensorFlow").version == "2.4"


def test_tf_without_software_cue_is_not_tensorflow():
    answer = frameworks("The TF values of each gene were normalised.")
    assert not [m for m in answer.mentions if m.name == "TensorFlow"]


# --- packages recognised only by their context


def test_invented_r_package_is_found_by_its_context():
    text = "We fitted the models with the R package 'ranger2x'."
    answer = frameworks(text)
    found = [m for m in answer.mentions if m.kind == "framework" and m.name == "ranger2x"]
    assert found, [(m.name, m.evidence.text) for m in answer.mentions]
    assert found[0].evidence.text == "ranger2x"
    assert found[0].used is True


@pytest.mark.parametrize("text", [
    "We fitted the models with the R package 'quokkafit'.",
    "Models were fitted with the quokkafit R package.",
    "Random forests were trained with the Python package 'quokkafit'.",
    "Models were fitted with quokkafit (version 0.8.27) in Python.",
    "Models were fitted with quokkafit 0.7.2 in R.",
    "Models were fitted with quokkafit (v. 1.2.1; Smith 2020) in R.",
])
def test_unlisted_package_name_is_found_by_its_context(text):
    answer = frameworks(text)
    found = [m for m in answer.mentions if m.kind == "framework" and m.name == "quokkafit"]
    assert len(found) == 1
    assert found[0].evidence.text == "quokkafit"
    assert found[0].used is True
    # in a sentence about fitting models it counts as a modelling library
    assert found[0].category == "ml"
    assert answer.unknown is False


def test_unlisted_word_without_package_context_is_not_a_package():
    answer = frameworks("We fitted the models with quokkafit settings.")
    assert not [m for m in answer.mentions if m.name == "quokkafit"]


@pytest.mark.parametrize("text", ["Models (version 2.1) in R were fitted.", "The Results (version 1.2) in R.",
                                  "Data (v1.0) in Python format were used to fit models."])
def test_a_word_with_a_version_in_a_language_is_no_package(text):
    assert [m.name for m in frameworks(text).mentions if m.name not in ("R", "Python")] == []


def test_package_phrase_does_not_catch_english_words():
    answer = frameworks("We used the R package to fit the models.")
    assert not [m for m in answer.mentions if m.name.lower() in {"to", "the", "package"}]


# a package or toolkit of a family is named as written: the labels name mlr3tuning and MMSegmentation, not 'mlr'
# or 'MMDetection', and the scorer compares framework names exactly
@pytest.mark.parametrize("sentence, written", [
    *[("Models were tuned with the {} package.", n) for n in ["mlr3", "mlr3learners", "mlr3tuning", "mlr3pipelines", "mlr3mbo"]],
    *[("The models were built with {}.", n) for n in ["MMSegmentation", "MMPose", "PaddleDetection", "KerasNLP", "MatConvNet",
                                                      "bartMachine", "momentuHMM", "CausalImpact", "LIBLINEAR", "Detectron",
                                                      "MLWIC2", "partykit", "blavaan"]]])
def test_a_package_of_a_family_is_named_as_written(sentence, written):
    assert [i.name for i in frameworks(sentence.format(written)).items] == [written]


# an interface package to an engine is named as written, and the engine with it ('R2jags' runs JAGS)
@pytest.mark.parametrize("written, engine", [("R2jags", "JAGS"), ("rjags", "JAGS"), ("runjags", "JAGS"), ("R2WinBUGS", "WinBUGS"),
                                             ("R2OpenBUGS", "OpenBUGS"), ("RPresence", "PRESENCE"), ("ChainerCV", "Chainer")])
def test_an_interface_package_is_named_as_written_with_its_engine(written, engine):
    assert [i.name for i in frameworks(f"The models were fitted with {written}.").items][:2] == [written, engine]


def test_parsnip_is_not_tidymodels():
    assert [i.name for i in frameworks("Models were specified with the parsnip package and tidymodels.").items] == ["parsnip", "tidymodels"]


@pytest.mark.parametrize("row", ["| {n} | {v} |", "{n} | {v}", "{n}\t| {v}"])
def test_a_version_in_the_next_cell_of_a_pipe_table_is_the_versions(row):
    text = "Table 3 Software environment.\n| Software | Version |\n" + row.format(n="PyTorch", v="1.9.0")
    assert [(i.name, i.version) for i in frameworks(text).items] == [("PyTorch", "1.9.0")]


@pytest.mark.parametrize("sentence, category", [
    ("Calls were classified with {x} (Wildlife Acoustics, Maynard, MA, USA).", "ml"),
    ("The auto-ID classifier of {x} assigned each call to a species.", "ml"),
    ("Clusters of calls were built with {x}.", "ml"),
    ("Recordings were converted to WAV files in {x}.", "other"),
    ("Spectrograms were viewed in {x} 5.4.", "other")])
@pytest.mark.parametrize("name", ["Kaleidoscope Pro", "Kaleidoscope Lite"])
def test_a_sound_analysis_tool_is_a_modelling_tool_when_it_classifies(sentence, category, name):
    items = frameworks(sentence.format(x=name)).items
    assert [(i.name, i.category) for i in items] == [(name if name.endswith("Pro") else "Kaleidoscope", category)]



OTHER_LANGUAGES = ["Python", "MATLAB", "Julia", "SAS", "Stata", "C++", "Java"]
COORDINATIONS = ["{a}, {b}", "{a} and {b}", "{a} or {b}", "{a}/{b}", "{a} & {b}"]


@pytest.mark.parametrize("other", OTHER_LANGUAGES)
@pytest.mark.parametrize("shape", COORDINATIONS)
@pytest.mark.parametrize("r_first", [True, False])
def test_r_beside_another_language_is_the_r_language(other, shape, r_first):
    pair = shape.format(a="R", b=other) if r_first else shape.format(a=other, b="R")
    answer = frameworks(f"The analyses were carried out in {pair} on the field data.")
    assert item(answer, "R").category == "language"


@pytest.mark.parametrize("text", ["The mean R, G and B values of each image were features.", "Colour as R, a*, b* and L*.",
                                  "The red (R) and near-infrared (NIR) bands.", "R and G channels were averaged."])
def test_r_beside_no_language_is_no_language(text):
    assert [i.name for i in frameworks(text).items] == []


@pytest.mark.parametrize("path, name", [("torch.nn", "PyTorch"), ("torch.optim.Adam", "PyTorch"), ("torch.utils.data.DataLoader", "PyTorch"),
                                        ("tf.data.Dataset", "TensorFlow"), ("tf.image.resize", "TensorFlow"), ("tf.saved_model", "TensorFlow")])
@pytest.mark.parametrize("sentence", ["The layers were written with {p}.", "We called {p} to prepare the batches.", "Training used {p} (see the code)."])
def test_a_module_path_shows_an_ambiguous_name_is_software(path, name, sentence):
    assert item(frameworks(sentence.format(p=path)), name)


@pytest.mark.parametrize("text", ["We lit a torch. Then we walked on.", "The torch.Light was on.", "Each tf.Value was noted.",
                                  "The torch.pdf manual lies beside the tf.rstudio.com/hub/ pages."])
def test_a_word_before_a_full_stop_or_a_capital_is_no_module_path(text):
    assert frameworks(text).items == []


@pytest.mark.parametrize("surname", ["Caruana", "Girshick", "Dikow", "O'Hara"])
@pytest.mark.parametrize("year", ["1998", "2015", "2019a", "2021b"])
@pytest.mark.parametrize("shape", ["{s} R ({y}) Multitask learning. Mach Learn 28:41-75.", "as described by {s} R ({y}), the data were split.",
                                   "Following {s} R ({y}; 2020), we split the data."])
def test_an_author_initial_r_before_a_year_is_no_language(surname, year, shape):
    text = shape.format(s=surname, y=year)
    assert [m for m in methodx.extract(text) if m.name == "R"] == [], text


@pytest.mark.parametrize("text", ["Analyses were run in R (4.0.3).", "Analyses were run in R (version 4.0.3).", "Analyses were run in R (v. 4.1).",
                                  "We used R (version 4.0.3) for all analyses.", "R (v 4.1) was used."])
def test_r_with_a_version_in_brackets_is_the_language(text):
    assert item(frameworks(text), "R").category == "language"


@pytest.mark.parametrize("word", ["unmarked", "segmented", "party", "ranger", "lime", "shiny"])
@pytest.mark.parametrize("shape", ["The strain was an {w} version of mc26030.", "We kept the {w} version from the first survey.",
                                   "Each {w} version that we saw was noted."])
def test_a_version_of_something_is_no_software_cue(word, shape):
    text = shape.format(w=word)
    assert [m.name for m in methodx.extract(text) if m.kind == "framework"] == [], text


@pytest.mark.parametrize("word, name", [("unmarked", "unmarked"), ("segmented", "segmented"), ("ranger", "ranger")])
@pytest.mark.parametrize("shape", ["Models were fitted with {w} version 1.2.", "Models were fitted with {w} version (1.0.1).", "We used {w} version 3 for the models."])
def test_a_package_with_its_version_number_is_software(word, name, shape):
    assert item(frameworks(shape.format(w=word)), name)


@pytest.mark.parametrize("keyword", ["Version 3.4.2", "Software", "Statistical Software v4.1", "Package lme4", "Project for Statistical Computing"])
def test_r_before_a_capitalised_keyword_is_the_language(keyword):
    assert item(frameworks(f"Statistical analyses were performed in R {keyword}."), "R").category == "language"
