"""The error classes of docs/accuracy.md, one small group per class, on short texts written for the tests.

Each group has a case where the phenomenon must be recognised and a case where it must not be.
"""

import pytest

from methodx.text.sentences import split
from tests.helpers import assert_not_used, assert_used, check_offsets, frameworks, hardware, item_names, named


def item(answer, name):
    found = [i for i in answer.items if i.name == name]
    assert found, f"no item {name!r} in {item_names(answer)}"
    return found[0]








# ============================================================ F1 reference lists and citations

WRAPPED_FIRST_LINE = "Classification and regression training with caret, CRAN repository."


def test_reference_wrapped_entry_with_accessed_line_is_not_used():
    text = WRAPPED_FIRST_LINE + "\n(Accessed 12 March 2021)."
    answer = frameworks(text)
    assert_not_used(answer, "caret", "reference_list")
    check_offsets(text, answer)


def test_reference_wrapped_entry_with_available_at_line_is_not_used():
    text = WRAPPED_FIRST_LINE + "\nAvailable at: https://cran.r-project.org/package=caret"
    assert_not_used(frameworks(text), "caret", "reference_list")


def test_reference_first_line_alone_is_used():
    # the same line without its wrapped continuation is not marked as a reference
    assert_used(frameworks(WRAPPED_FIRST_LINE), "caret")


def test_reference_marker_in_another_paragraph_does_not_reach_prose():
    text = "We trained the forests with caret.\n\n(Accessed 12 March 2021)."
    assert_used(frameworks(text), "caret")


def test_reference_citation_before_prose_sentence_keeps_use():
    text = "The network has one hidden layer (Smith et al., 2016). The ANN was fitted with caret."
    answer = frameworks(text)
    assert_used(answer, "caret")
    check_offsets(text, answer)


def test_reference_entry_with_et_al_after_initials_is_not_used():
    text = "Smith, J.K., et al., 2016. Neural networks fitted with caret. Ecol. Model. 12, 1-9."
    assert_not_used(frameworks(text), "caret", "reference_list")


REFERENCE_ENTRIES = ("Brown, A., Green, B., 2019. Deep learning for birds. Ecol. Inform. 50, 1-10.\n"
                     "White, C., 2018. Counting fish with cameras. Methods Ecol. Evol. 9, 11-20.")


def test_reference_tail_cut_at_chunk_start_is_not_used():
    text = ("deep learning for camera traps built on Keras and tensorflow. https://github.com/someone/repo.\n"
            + REFERENCE_ENTRIES)
    answer = frameworks(text)
    assert_not_used(answer, "Keras", "reference_list")
    assert_not_used(answer, "TensorFlow", "reference_list")
    assert answer.unknown is True


def test_reference_tail_rule_leaves_a_capitalised_sentence_with_a_link_alone():
    text = ("The detector for camera traps was built on Keras and tensorflow. https://github.com/someone/repo.\n"
            + REFERENCE_ENTRIES)
    answer = frameworks(text)
    assert_used(answer, "Keras")
    assert_used(answer, "TensorFlow")


def test_reference_model_number_in_brackets_is_not_a_citation():
    text = "The model was trained in PyTorch on a laptop (RTX2070)."
    answer = hardware(text)
    gpu = [m for m in answer.mentions if m.category == "gpu" and "2070" in m.name]
    assert gpu and all(m.used for m in gpu), [(m.name, m.reason) for m in answer.mentions]
    assert any("2070" in name for name in item_names(answer))


def test_reference_author_year_bracket_is_a_citation():
    answer = frameworks("The network design follows earlier work (Keras, 2017).")
    assert_not_used(answer, "Keras", "citation")


# ============================================================ F2 scope of a cue


def test_list_shares_the_hedge_of_its_first_member():
    answer = frameworks("We could have used hyperparameter tuning libraries such as Optuna and Sklearn.")
    assert_not_used(answer, "scikit-learn")
    assert_not_used(answer, "Optuna")
    assert answer.unknown is True


def test_list_without_hedge_is_used():
    answer = frameworks("We used hyperparameter tuning libraries such as Optuna and Sklearn.")
    assert_used(answer, "scikit-learn")


def test_list_after_eg_with_citation_is_examples():
    answer = frameworks("Gradient boosting libraries, e.g., XGBoost (Chen and Guestrin, 2016) or LightGBM, "
                        "could handle this task.")
    assert_not_used(answer, "XGBoost", "example")
    assert_not_used(answer, "LightGBM", "example")


def test_list_with_citation_after_a_use_statement_is_used():
    answer = frameworks("We fitted the gradient boosting models with XGBoost (Chen and Guestrin, 2016) and LightGBM.")
    assert_used(answer, "XGBoost")
    assert_used(answer, "LightGBM")


def test_list_has_been_used_is_not_related_work():
    answer = frameworks("Random forests are robust, and their implementation in Weka (Hall et al., 2009) "
                        "has been used to classify the calls.")
    assert_used(answer, "WEKA")


def test_list_narrative_citation_is_related_work():
    assert_not_used(frameworks("Smith et al. (2019) used Weka to classify the calls."), "WEKA", "related_work")


def test_list_parenthetical_citation_before_implemented_in_is_use():
    answer = frameworks("Variable importance was assessed with the Olden method (Olden et al., 2004) "
                        "implemented in the NeuralNetTools R package.")
    assert_used(answer, "NeuralNetTools")


def test_list_narrative_author_implemented_in_is_related_work():
    answer = frameworks("Olden et al. (2004) implemented their method in the NeuralNetTools R package.")
    assert_not_used(answer, "NeuralNetTools", "related_work")


def test_list_backward_hedge_far_away_does_not_reach():
    answer = frameworks("We used the XGBoostClassifier to classify the plots, because new trees can be grown "
                        "to correct the errors of earlier ones.")
    assert_used(answer, "XGBoost")


def test_list_backward_hedge_right_after_the_name_reaches():
    answer = frameworks("An XGBoostClassifier could be used to classify the plots.")
    assert_not_used(answer, "XGBoost", "hedge")


# ============================================================ F3 web addresses


def test_web_address_of_a_home_page_does_not_name_the_framework():
    text = "The trained model was converted to TensorFlow Lite (https://www.tensorflow.org/lite) for the phone app."
    answer = frameworks(text)
    assert_used(answer, "TensorFlow Lite")
    assert "TensorFlow" not in item_names(answer)
    assert all(m.reason == "web_address" for m in named(answer, "TensorFlow"))
    check_offsets(text, answer)


def test_web_address_rule_leaves_the_name_in_prose():
    answer = frameworks("The model was trained with TensorFlow (https://www.tensorflow.org/) and converted "
                        "to TensorFlow Lite for the phone app.")
    assert_used(answer, "TensorFlow")
    assert_used(answer, "TensorFlow Lite")


def test_web_address_repository_path_names_software():
    answer = frameworks("We trained the detector with code from https://github.com/ultralytics/yolov5 on our images.")
    assert_used(answer, "Ultralytics")


def test_web_address_home_page_of_the_software_is_not_use():
    answer = frameworks("We trained the detector with code from https://www.ultralytics.com on our images.")
    assert_not_used(answer, "Ultralytics", "web_address")


# ============================================================ F4 page and column breaks


def test_column_break_before_lower_case_word_keeps_the_sentence():
    text = "In this work, we used popular\n\nlibraries such as PyTorch for the detector."
    answer = frameworks(text)
    assert_used(answer, "PyTorch")
    assert split(text) == [(0, len(text))]
    check_offsets(text, answer)


def test_column_break_before_capitalised_sentence_ends_the_sentence():
    text = "In this work, we used popular libraries.\n\nLibraries such as PyTorch are common in ecology."
    assert [text[s:e] for s, e in split(text)] == [
        "In this work, we used popular libraries.", "Libraries such as PyTorch are common in ecology."]
    assert_not_used(frameworks(text), "PyTorch", "example")


def test_column_break_blank_line_then_capital_ends_even_without_full_stop():
    text = "we used popular\n\nLibraries such as PyTorch"
    assert [text[s:e] for s, e in split(text)] == ["we used popular", "Libraries such as PyTorch"]


# ============================================================ F5 names, spellings and categories


def test_name_xgb_is_xgboost():
    answer = frameworks("The species were classified with XGB using 500 trees.")
    assert_used(answer, "XGBoost")
    assert item(answer, "XGBoost").category == "ml"


def test_name_xgb_inside_other_words_is_nothing():
    answer = frameworks("The species were classified with the xgb scores and XGBR values.")
    assert named(answer, "XGBoost") == []


def test_name_randomforest_in_capitals_with_r_package_cue():
    answer = frameworks("Forests were grown with the RANDOMFOREST R package.")
    assert_used(answer, "randomForest")
    assert item(answer, "randomForest").category == "ml"


def test_name_randomforest_in_capitals_without_software_cue_is_nothing():
    assert named(frameworks("The RANDOMFOREST approach was compared with boosting."), "randomForest") == []


def test_darknet_backbone_is_not_the_framework():
    for text in ("The detector uses a Darknet-53 backbone.", "The detector uses a Darknet 53 backbone."):
        assert named(frameworks(text), "Darknet") == [], text


def test_darknet_framework_is_used():
    answer = frameworks("The detector was implemented in the Darknet framework.")
    assert_used(answer, "Darknet")
    assert item(answer, "Darknet").category == "dl"


def test_name_matlab_next_to_neural_network_is_dl():
    answer = frameworks("The neural network was trained in MATLAB.")
    assert item(answer, "MATLAB").category == "dl"
    assert answer.unknown is False


def test_name_matlab_elsewhere_is_a_language():
    answer = frameworks("The statistics were computed in MATLAB.")
    assert item(answer, "MATLAB").category == "language"
    assert answer.unknown is True


def test_name_tf_keras_gives_keras_and_tensorflow():
    text = "The network was built with tf.keras."
    answer = frameworks(text)
    assert set(item_names(answer)) == {"Keras", "TensorFlow"}
    assert {m.evidence.text for m in answer.mentions} == {"tf.keras"}
    check_offsets(text, answer)


@pytest.mark.parametrize("written, part", [("TF-Slim", "TF-Slim"), ("the Object Detection API", "TensorFlow Object Detection API"),
                                           ("the TF Object Detection API", "TensorFlow Object Detection API")])
def test_a_part_of_tensorflow_implies_tensorflow(written, part):
    assert set(item_names(frameworks(f"The detector was trained with {written}."))) == {part, "TensorFlow"}


def test_name_plain_keras_gives_keras_only():
    assert item_names(frameworks("The network was built with Keras.")) == ["Keras"]


# ============================================================ F6 unlisted packages


def test_package_unlisted_r_package_in_a_modelling_sentence_is_ml():
    text = "The species distribution models were fitted with the R package 'quokkafit' (version 1.2)."
    answer = frameworks(text)
    quokka = item(answer, "quokkafit")
    assert quokka.category == "ml"
    assert quokka.details.get("language") == "R"
    assert answer.unknown is False
    assert "quokkafit" in answer.text
    check_offsets(text, answer)


def test_package_unlisted_r_package_elsewhere_is_other():
    answer = frameworks("Maps were drawn with the R package 'quokkafit'.")
    assert item(answer, "quokkafit").category == "other"
    assert answer.unknown is True


def test_package_recently_released_is_not_a_name():
    answer = frameworks("Species names were checked with the recently released R package.")
    names = [m.name for m in answer.mentions]
    assert "released" not in names and "recently" not in names, names


def test_package_library_sizes_are_not_packages():
    answer = frameworks("We evaluated training library sizes (8 k and 12 k) for the classifier.")
    assert answer.mentions == []


def test_package_quoted_list_after_a_package_phrase():
    answer = frameworks("The models were fitted with the packages \u201caa1\u201d, \u201cbb2\u201d and \u201ccc3\u201d.")
    assert {"aa1", "bb2", "cc3"} <= set(item_names(answer)), item_names(answer)


def test_package_quoted_list_after_an_r_package_phrase():
    answer = frameworks("The models were fitted with the R packages \u201caa1\u201d, \u201cbb2\u201d and \u201ccc3\u201d.")
    assert {"aa1", "bb2", "cc3"} <= set(item_names(answer)), item_names(answer)


def test_package_quoted_list_with_citations_after_package_phrase():
    answer = frameworks("Habitat models were tested with the package \u201caa1\u201d (Smith, 2019), "
                        "\u201cbb2\u201d (Jones, 2018) and \u201ccc3\u201d (Brown, 2017).")
    assert {"aa1", "bb2", "cc3"} <= set(item_names(answer)), item_names(answer)


def test_package_quoted_words_without_a_package_phrase_are_nothing():
    answer = frameworks("The sites were labelled \u201caa1\u201d, \u201cbb2\u201d and \u201ccc3\u201d.")
    assert answer.mentions == []


# ============================================================ H1 GPU memory read as RAM


def test_gpu_memory_is_a_detail_not_ram():
    text = "The network was trained on an RTX 3090 GPU with 24 GB memory."
    answer = hardware(text)
    assert [i for i in answer.items if i.category == "ram"] == []
    assert not [m for m in answer.mentions if m.category == "ram"]
    gpu = [i for i in answer.items if i.category == "gpu"]
    assert len(gpu) == 1 and "3090" in gpu[0].name
    assert "24" in str(gpu[0].details.get("memory")), gpu[0].details
    check_offsets(text, answer)


def test_gpu_memory_after_of_is_a_detail_not_ram():
    answer = hardware("Training ran on four NVIDIA A100 of 40 GB memory.")
    assert [i.name for i in answer.items if i.category == "ram"] == []
    gpu = item(answer, "NVIDIA A100")
    assert "40" in str(gpu.details.get("memory")), gpu.details


def test_ram_before_a_gpu_stays_ram():
    answer = hardware("The network was trained on a workstation with 32 GB of RAM and an RTX 3090.")
    ram = [i for i in answer.items if i.category == "ram"]
    assert len(ram) == 1 and "32" in ram[0].name
    gpu = [i for i in answer.items if i.category == "gpu"]
    assert len(gpu) == 1 and "memory" not in gpu[0].details


GPUS = ["NVIDIA GeForce RTX 2080 GPU", "14-core graphics processing unit (GPU)", "NVIDIA Tesla V100", "RTX 3090"]
RAM_AFTER_A_COMMA = ["{size}GB RAM", "{size} GB of RAM", "{size} GB DDR4", "{size} GB system memory"]


def test_ram_listed_after_a_gpu_is_ram_not_the_gpu_memory():
    # In a list of components the size after a comma labelled RAM is the machine's RAM.
    for gpu in GPUS:
        for ram in RAM_AFTER_A_COMMA:
            text = f"Experiments ran on a workstation (Intel Core i7 CPU, {gpu}, {ram.format(size=32)}, Ubuntu 20.04)."
            answer = hardware(text)
            assert item(answer, "32 GB RAM").category == "ram"
            assert not [i for i in answer.items if i.category == "gpu" and "memory" in i.details], text


def test_ram_after_a_gpu_with_with_stays_the_gpu_memory():
    for gpu in GPUS[2:]:
        answer = hardware(f"Experiments ran on an {gpu} with 16GB RAM.")
        assert [i.category for i in answer.items] == ["gpu"], item_names(answer)
        assert "16" in str(answer.items[0].details.get("memory"))


# ============================================================ H2 RAM phrasing


def test_ram_ddr4_without_the_word_ram():
    answer = hardware("The workstation had 64 GB DDR4 and an Intel Xeon processor.")
    assert item(answer, "64 GB RAM").category == "ram"


def test_ram_with_adjectives_between_size_and_ram():
    assert item(hardware("The workstation had 16 GB of high-speed DDR4 RAM."), "16 GB RAM").category == "ram"


def test_ram_spelled_out_random_access_memory():
    assert item(hardware("The workstation had 64 GB of random access memory."), "64 GB RAM").category == "ram"


def test_ram_patterns_leave_storage_and_data_sizes_alone():
    for text in ("The workstation had 64 GB of storage.", "The images take 64 GB on disk."):
        answer = hardware(text)
        assert not [m for m in answer.mentions if m.category == "ram"], text


# ============================================================ H3 generic GPU and CPU


def test_generic_gpu_execution_as_back_end_is_used():
    answer = hardware("The models were built in Keras using TensorFlow with graphical processing unit (GPU) "
                      "execution as the back-end engine.")
    assert_used(answer, "GPU")


def test_generic_gpu_in_a_general_statement_is_no_item():
    answer = hardware("GPUs have accelerated deep learning.")
    assert answer.items == []
    assert answer.unknown is True
    assert_not_used(answer, "GPU")


def test_generic_gpu_on_a_machine_with_one_gpu():
    answer = hardware("The network was trained on a machine with 1 GPU.")
    gpu = item(answer, "GPU")
    assert gpu.details.get("count") == 1


def test_generic_gpu_without_statement_of_use_is_no_item():
    answer = hardware("A GPU makes training faster.")
    assert answer.items == []


def test_generic_gpu_yields_to_a_named_gpu():
    answer = hardware("The network was trained on an NVIDIA Tesla V100 GPU.")
    assert item_names(answer) == ["NVIDIA Tesla V100"]
    bare = named(answer, "GPU")
    assert bare and all(not m.used for m in bare)


# ============================================================ H4 model numbers and names


def test_model_number_a100_with_memory_after_of():
    answer = hardware("Training ran on an NVIDIA A100 of 40 GB.")
    assert item(answer, "NVIDIA A100").category == "gpu"
    assert [i for i in answer.items if i.category == "ram"] == []


def test_model_number_core_i5_before_a_comma():
    answer = hardware("Experiments ran on a laptop with an Intel Core i5, 8 GB of RAM and Windows 10.")
    assert item(answer, "Intel Core i5").category == "cpu"
    assert item(answer, "8 GB RAM").category == "ram"


def test_model_number_threadripper_keeps_its_model_number():
    for text in ("We trained on an AMD Ryzen Threadripper 3970X CPU.", "We trained on a Threadripper 3970X."):
        answer = hardware(text)
        assert item_names(answer) == ["AMD Ryzen Threadripper 3970X"], (text, item_names(answer))


def test_model_number_workstation_keeps_its_whole_model_number():
    answer = hardware("We trained the network on an HP Z840 workstation.")
    assert len(answer.items) == 1 and "Z840" in answer.items[0].name, item_names(answer)


def test_model_number_named_supercomputer_is_a_cluster():
    answer = hardware("All models were trained on the Finisterrae III Supercomputer.")
    assert item(answer, "Finisterrae III Supercomputer").category == "cluster"


def test_model_number_supercomputers_in_general_are_no_item():
    answer = hardware("Supercomputers have made large ecological models feasible.")
    assert answer.items == []


def test_model_number_raspberry_pi_os_is_software():
    answer = hardware("The classifier ran on a device with Raspberry Pi OS installed.")
    assert not [m for m in answer.mentions if "Raspberry" in m.name]
    assert answer.items == []


def test_model_number_raspberry_pi_board_is_a_device():
    answer = hardware("The classifier ran on a Raspberry Pi 4 with Raspberry Pi OS.")
    assert item_names(answer) == ["Raspberry Pi 4"]
    assert item(answer, "Raspberry Pi 4").category == "device"


# ============================================================ H5 other studies, hypotheses, references


def test_reported_hardware_of_other_work_with_citation():
    answer = hardware("Large language models are costly: they can process billions of tokens using "
                      "16 NVIDIA V100 GPUs (Microsoft, 2020).")
    assert_not_used(answer, "NVIDIA Tesla V100")
    assert answer.items == []


def test_reported_hardware_own_work_is_used():
    answer = hardware("We trained our models using 16 NVIDIA V100 GPUs.")
    assert item(answer, "NVIDIA Tesla V100").details.get("count") == 16


def test_reported_narrative_citation_uses():
    answer = hardware("Smith et al. (Smith et al., 2020) uses an NVIDIA Tesla K40c to detect whales.")
    assert_not_used(answer, "NVIDIA Tesla K40c")


def test_reported_own_network_uses():
    assert_used(hardware("Our network uses an NVIDIA Tesla K40c to detect whales."), "NVIDIA Tesla K40c")


def test_reported_suitability_is_no_item():
    answer = hardware("Lightweight networks are more suitable for deployment on embedded devices.")
    assert answer.items == []
    assert answer.mentions and all(not m.used for m in answer.mentions)


def test_reported_actual_deployment_is_an_item():
    answer = hardware("The network was deployed on embedded devices in the field.")
    assert [i.category for i in answer.items] == ["device"]


def test_reported_section_heading_is_not_used():
    text = "B. Embedded Devices for the Edge\nThe detector ran on a Jetson Nano."
    answer = hardware(text)
    heading = [m for m in answer.mentions if m.evidence.text == "Embedded Devices"]
    assert heading and all(not m.used and m.reason == "section_heading" for m in heading)
    assert item_names(answer) == ["NVIDIA Jetson Nano"]
    check_offsets(text, answer)


def test_reported_same_words_in_a_sentence_are_used():
    answer = hardware("The detector ran on embedded devices for the edge.")
    assert [i.category for i in answer.items] == ["device"]


# ============================================================ H6 cloud platforms that ran the models


def test_earth_engine_running_the_classification_is_cloud():
    answer = hardware("The classification was done using Google Earth Engine.")
    assert item(answer, "Google Earth Engine").category == "cloud"
    assert answer.unknown is False


def test_earth_engine_as_a_data_source_is_no_item():
    answer = hardware("Landsat images were downloaded from Google Earth Engine.")
    assert answer.items == []
    assert_not_used(answer, "Google Earth Engine")
