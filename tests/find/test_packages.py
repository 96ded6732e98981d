"""The long tail: a package is known by the phrase around it, and by CRAN's and PyPI's lists once the
text says 'package'. The cases are generated: phrasings x names, not sentences copied from papers."""

import itertools

import pytest

import methodx
from methodx.rules import load_rules

# names on the lists that are also English words, and names of modelling and of data packages
WORD_NAMES = ["car", "boot", "mice"]
MODELLING = ["leaps", "modEvA", "mice"]
DATA = ["readxl", "stringr", "leaflet"]

LISTS = [
    "The analyses used the {a}, {b} and {c} packages.",
    "Models were fitted with {a}, {b}, and {c} R packages.",
    "We relied on two R packages: {a} (Smith, 2019) and {b} (Jones, 2020), and on {c}.",
    "Three libraries: {a}, {b} & {c} were loaded.",
]


def frameworks(text):
    answer = methodx.answer(text, question="frameworks")
    return {m.name: m for m in answer.mentions}


def test_known_packages_come_with_language_and_category():
    known = load_rules().questions["frameworks"].known_packages
    assert known["leaps"] == ("leaps", "R", "ml")
    assert known["ggplot2"][2] == "other"
    assert len(known) > 30000


@pytest.mark.parametrize("template, names", list(itertools.product(LISTS[:2], itertools.permutations(WORD_NAMES + MODELLING[:1], 3))))
def test_every_name_of_a_package_list_is_a_package(template, names):
    found = frameworks(template.format(a=names[0], b=names[1], c=names[2]))
    assert set(names) <= set(found), (template, names, list(found))


@pytest.mark.parametrize("word", WORD_NAMES)
def test_an_english_word_on_the_list_is_no_package_without_a_package_phrase(word):
    for text in (f"The {word} was parked outside.", f"We used {word} as a proxy.", f"Data on {word}, leaps and pROC."):
        assert word not in frameworks(text), text


@pytest.mark.parametrize("name", MODELLING)
def test_a_modelling_package_is_ml_wherever_it_is_named(name):
    for text in (f"Maps were drawn and then the R package {name} was loaded.", f"We used the {name} R package."):
        mention = frameworks(text)[name]
        assert mention.category == "ml" and mention.used and mention.details.get("language") == "R", text


# more package contexts: R's namespace syntax, a package word in brackets, a list after 'packages'
CONTEXTS = ["Variable selection used {a}::regsubsets() and {b}::vif().", "We used the fit function ({a} package) and {b}.",
            "All analyses were run in R with the packages {a}, {b} and MASS.", "We used R packages such as {a} and {b}.",
            "Two libraries: {a} and {b}."]


@pytest.mark.parametrize("template, names", list(itertools.product(CONTEXTS, [("leaps", "car"), ("modEvA", "mice")])))
def test_a_known_package_in_a_package_context_is_found(template, names):
    found = frameworks(template.format(a=names[0], b=names[1]))
    assert names[0] in found, (template, list(found))
    if "{b}::" in template or "packages" in template or "libraries" in template:
        assert names[1] in found, (template, list(found))


@pytest.mark.parametrize("text", ["We used std::vector and boost::graph in C++.", "Both package options enable automated tuning.",
                                  "The library size was ten million reads (leaps and bounds)."])
def test_words_after_a_package_word_or_before_colons_are_no_packages_unless_known_there(text):
    assert [n for n in frameworks(text) if n not in ("C++",)] == []


# code that loads or installs a package names it: R's library(), Python's imports, pip and conda
CODE = ["library({n})", "library(\"{n}\")", "install.packages('{n}')", "from {n}.models import fit_model",
        "pip install {n}", "conda install -c conda-forge {n}"]


@pytest.mark.parametrize("template, name", list(itertools.product(CODE, ["zzfitr", "leaps"])))
def test_code_that_loads_a_package_names_it(template, name):
    assert name in frameworks("The script starts with: " + template.format(n=name) + "\n\nThen the models were fitted.")


@pytest.mark.parametrize("text, found", [("import leaps as lp", ["leaps"]), ("import zzfitr as z", []),
                                         ("We import data from sdm outputs.", []), ("Imports from China were counted.", [])])
def test_a_bare_import_names_only_a_known_package(text, found):
    assert list(frameworks(text)) == found


def test_code_that_loads_an_ambiguous_alias_confirms_it():
    assert "pandas" in frameworks("import pandas as pd")


# the packages that come with R itself are packages too: stats and splines model, utils and grDevices do not
@pytest.mark.parametrize("template, name, category", [
    (t, n, c) for t in ["Models were fitted with the R package {n}.", "We used the {n} package in R.",
                        "We used two R packages: {n} (R Core Team, 2022) and leaps (Lumley, 2020)."]
    for n, c in [("stats", "ml"), ("splines", "ml"), ("stats4", "ml"), ("utils", "other"), ("grDevices", "other")]])
def test_the_packages_of_r_itself_are_packages(template, name, category):
    mention = frameworks(template.format(n=name))[name]
    assert mention.category == category and mention.details.get("language") == "R"


def test_a_stats_package_in_general_is_no_package():
    assert "stats" not in frameworks("The means were computed in a stats package.")


@pytest.mark.parametrize("name", DATA)
def test_a_known_data_package_is_other_whatever_its_sentence(name):
    assert frameworks(f"Maps were drawn with the R package {name}.")[name].category == "other"
    assert frameworks(f"Species distribution models were fitted with the R package {name}.")[name].category == "other"


@pytest.mark.parametrize("name", ["zzfitr", "qqmodels2"])
def test_an_unknown_package_is_ml_only_in_a_sentence_about_models(name):
    assert frameworks(f"Maps were drawn with the R package {name}.")[name].category == "other"
    assert frameworks(f"Species distribution models were fitted with the R package {name}.")[name].category == "ml"


def test_citations_in_a_list_are_no_names():
    found = frameworks(LISTS[2].format(a="leaps", b="pROC", c="car"))
    assert {"leaps", "pROC"} <= set(found)
    assert "Smith" not in found and "Jones" not in found


# names that are words or model types too ("ranger", "gbm", "sdm"): software only where a package word reaches them
AMBIGUOUS = ["ranger", "gbm", "sdm"]
KIND_BEFORE = ["We applied the R package {n}.", "We applied the R packages {n} and dismo.",
               "This was solved using two R packages: {n} (Yazdi, 2013) and dismo (Hijmans, 2017).",
               "Functions of the Python libraries {n} and numpy were used.", "We loaded the library {n}."]


@pytest.mark.parametrize("template, name", list(itertools.product(KIND_BEFORE, AMBIGUOUS)))
def test_an_ambiguous_name_right_after_a_package_word_is_a_package(template, name):
    assert name in frameworks(template.format(n=name))


@pytest.mark.parametrize("name", AMBIGUOUS)
def test_an_ambiguous_name_without_a_package_word_is_no_package(name):
    assert name not in frameworks(f"The {name} model was compared with the other models.")


# the labelling convention: what tests or diagnoses a fitted model is part of the modelling (ml), like the
# statistics packages that fit it and ENMeval (spatial cross-validation, collinearity, virtual species too); what explains or tunes a model, or prepares its data, builds nothing (other)
EVALUATION = ["pROC", "ROCR", "PresenceAbsence", "MLmetrics", "DHARMa", "emmeans",
              "blockCV", "sperrorest", "spatialsample", "SDMTools", "usdm", "virtualspecies"]
EXPLAIN_OR_TUNE = ["Optuna", "DALEX", "Captum", "Albumentations"]
USES = ["Model performance was assessed with the {name} package.", "We used {name} (version 1.2) in R and Python.",
        "The {name} library was applied to the fitted models."]


@pytest.mark.parametrize("template, name", list(itertools.product(USES, EVALUATION + EXPLAIN_OR_TUNE)))
def test_evaluation_packages_are_ml_and_explainers_and_tuners_other(template, name):
    mention = frameworks(template.format(name=name))[name]
    assert mention.used and mention.category == ("ml" if name in EVALUATION else "other")


@pytest.mark.parametrize("word, cut", list(itertools.product(["open-source", "third-party", "in-house", "well-known"],
                                                             ["-\n", "- ", "-"])))
def test_a_stop_word_hyphenated_at_a_line_break_is_no_package(word, cut):
    first, second = word.split("-")
    text = f"TensorBoard, part of the {first}{cut}{second} library for machine learning TensorFlow, was used."
    assert set(frameworks(text)) == {"TensorBoard", "TensorFlow"}, text


@pytest.mark.parametrize("noun, phrase", list(itertools.product(
        ["reference", "sound", "spectral", "template", "training", "barcode", "specimen", "call"],
        ["Each image was compared with the {n} library.", "Calls were matched against the {n} library of the region.",
         "We trained the model on the {n} library."])))
def test_a_noun_before_library_is_no_package(noun, phrase):
    assert noun not in frameworks(phrase.format(n=noun))


@pytest.mark.parametrize("version", ["v0.12.1", "V1.2", "v2.0-3"])
def test_a_version_after_a_package_word_is_no_package(version):
    assert list(frameworks(f"Random forests were fitted with the 'ranger' package {version} (Wright & Ziegler 2017).")) == ["ranger"]


@pytest.mark.parametrize("written", ["Maxent (version 3.4.1; Phillips et al., 2017)", "Maxent (v3.4.4)", "Maxent (ver. 3.4)"])
def test_a_version_in_brackets_right_after_an_ambiguous_name_says_it_is_software(written):
    assert "MaxEnt" in frameworks(f"We used {written} with default settings.")


@pytest.mark.parametrize("word", ["dependencies", "documentation", "installation", "development", "repository", "vignette", "flexible", "comprehensive"])
@pytest.mark.parametrize("shape", ["For details, see the R package {w} (CRAN).", "We list the R package {w}, as CRAN does.", "It is a {w} R package for ecology."])
def test_a_word_about_packages_is_no_package_name(word, shape):
    text = shape.format(w=word)
    assert word not in [m.name for m in methodx.extract(text)], text
