"""How often methodx misreads generated sentences: the same phenomenon in many phrasings and names.

    python benchmarks/variants.py            # a Markdown table of misread rates per battery
    python benchmarks/variants.py --show     # and every misread sentence

Each battery crosses sentence shapes with names. A shape of use must give the name as used; a shape of
no use (the field, others' work, hedges, comparisons, capability) must not; an LLM-style answer that
asserts a name must be read as asserting it (methodx.read_answer), one that denies or hedges must not. The tests pin the shapes
that are read right; this reports the rate over all of them, the known misses included, so that a rule
change can be measured on phrasings no rule was written from. No corpus is needed.
"""

import argparse
import itertools
import sys
from collections.abc import Callable

import methodx

FRAMEWORKS = ["TensorFlow", "PyTorch", "Keras", "scikit-learn", "caret", "XGBoost"]
FRAMEWORK_USE = [
    "The model was coded in {x}.", "{x} was our framework of choice.", "Our implementation relies on {x}.",
    "All networks were written in {x} 2.3.", "We relied on {x} for model training.",
    "The {x} implementation of the model was trained for 100 epochs.", "Model training was carried out in {x}.",
    "Training and evaluation were performed with {x}.", "The code was developed using {x}.",
    "The neural network was set up in {x}.", "For the implementation, {x} was chosen.",
    "We chose {x} because of its flexibility.", "{x} served as the deep learning backend.",
    "The architecture was realised with {x}.", "Models were fitted via the {x} library.",
    "Hyperparameters were tuned with {x}.", "The classifier was trained using the {x} library (version 1.0).",
    "Implementation: {x}.", "Software: Python 3.9, {x} 2.0, NumPy 1.21.",
    "All experiments were conducted with {x} on Ubuntu 20.04.", "{x} was employed to build the CNN.",
    "{x} was used throughout.", "The pipeline is built on top of {x}.", "The {x} framework was used for all experiments.",
    "Data augmentation and training were done in {x}.", "We adopted {x} to implement the detector.",
    "Using {x}, we trained three models.", "In {x}, we trained a ResNet-50.",
    "The networks were trained in the {x} environment.", "To train the network, {x} was used.",
    "Like many ecologists, we used {x}.", "We trained every model with {x}.",
    "Unlike the original authors, we used {x}.", "We followed the tutorial on {x} to train the model.",
    "As an alternative to Theano, we used {x}.", "We trained an alternative model in {x}.",
    "Although training was slow, we used {x}.", "The model, which we built in {x}, was trained for 50 epochs.",
]
FRAMEWORK_NOT_USED = [
    "{x} is a popular open-source library.", "Popular frameworks include {x}.", "Smith et al. (2020) trained their model in {x}.",
    "Future work will port the model to {x}.", "The model could be reimplemented in {x}.", "We did not use {x}.",
    "Unlike previous studies that used {x}, we wrote our own code.", "{x} has become the de facto standard in deep learning.",
    "Several tools exist for this purpose, e.g. {x}.", "Other authors have relied on {x} (Jones, 2019).",
    "{x} (Abadi et al., 2016) is widely used in ecology.", "Many ecologists now use {x}.",
    "It would be possible to use {x} instead.", "A comparison of frameworks such as {x} is beyond the scope of this paper.",
    "In [12], the authors used {x}.", "Previous work implemented similar networks in {x} [5].", "{x} offers many pretrained models.",
    "Researchers may prefer {x}.", "This could be done with {x}.", "Readers familiar with {x} will recognise this design.",
    "{x} is increasingly adopted by ecologists.", "Most deep learning studies in ecology rely on {x}.",
    "There is a growing community around {x}.", "A tutorial on {x} is given by Smith (2021).", "{x} was first released in 2015.",
    "Note that {x} requires a GPU for fast training.", "{x} would have been an alternative.", "One alternative is {x}.",
    "Alternatives to our approach include {x}.", "Ecologists often lack training in {x}.", "Learning {x} can be daunting.",
    "Porting the code to {x} is left for future work.", "In the future, {x} could be used to speed up training.",
    "Some authors argue that {x} is easier to learn.", "{x} is maintained by a large community.",
    "Documentation for {x} is available online.", "Wang et al. [14] trained a CNN with {x}.",
    "The original implementation used {x} (Redmon, 2016).", "Their code, written in {x}, is publicly available.",
    "This is similar to the approach taken in {x}.", "Whether {x} would give the same results remains to be tested.",
    "Users of {x} can install the package via pip.", "We recommend {x} for new users.",
    "{x}, a widely used framework, was not needed here.", "If {x} had been used, training would be faster.",
    "Neither {x} nor any other framework was used.", "Instead of {x}, we used our own C++ code.",
    "Rather than {x}, we implemented the model in Julia.",
]

# (as written, a word the item's name holds)
HARDWARE = [("an NVIDIA Tesla V100 GPU", "V100"), ("an Intel Xeon E5-2680 v4 CPU", "Xeon"), ("Google Colab", "Colab"),
            ("an NVIDIA Jetson Nano", "Jetson"), ("an HPC cluster", "HPC"), ("64 GB of RAM", "64 GB")]
HARDWARE_USE = [
    "The model was trained on {h}.", "Training was performed using {h}.", "All experiments were run on {h}.",
    "We used {h} for training.", "Our models were trained with {h}.", "Computations were carried out on {h}.",
    "The network was optimised on {h} for 50 epochs.", "Training took 12 hours on {h}.", "Hardware: {h}.",
    "Experiments were conducted on a machine equipped with {h}.", "We ran all analyses on {h}.",
    "For training, {h} was used.", "The detector was trained and tested on {h}.", "The training was executed on {h}.",
    "The experimental platform consisted of {h}.", "Computation was conducted on {h}.", "The experiments leveraged {h}.",
    "Training benefited from {h}.", "{h} served as the training platform.", "The hardware consisted of {h}.",
    "This study used {h}.", "Deep learning computations were performed on {h}.", "Fine-tuning was done on {h}.",
    "Compared with the baseline, our model trained on {h} converged faster.", "We trained on {h} by the end of 2020.",
    "Unlike the original authors, we trained on {h}.", "Training ran on {h}, which any lab can rent.",
    "We trained faster than expected on {h}.", "As is common in the literature, we trained on {h}.",
]
HARDWARE_NOT_USED = [
    "Deep learning usually requires hardware such as {h}.", "Smith et al. (2020) trained their network on {h}.",
    "In future work, we will train on {h}.", "The model could be trained on {h}.", "Training on {h} would take a week.",
    "We did not have access to {h}.", "{h} is expensive.", "Previous studies used {h} for training.",
    "Hardware such as {h} has made deep learning feasible.", "Many ecologists now use {h}.",
    "The authors of the original model trained it on {h}.", "Their model was trained on {h}.",
    "Training the model on {h} is beyond the scope of this study.", "A comparison with {h} is left for future work.",
    "It is recommended to use {h}.", "The model is designed to run on devices such as {h}.",
    "Compared with {h}, our approach needs far less memory.", "Our model is five times faster than the same model on {h}.",
    "The original YOLOv3 was trained on {h} (Redmon and Farhadi, 2018).", "In [23], the network was trained on {h}.",
    "Training times reported in the literature range from hours on {h} to days on CPUs.", "Earlier work relied on {h}.",
    "Cloud services such as {h} make deep learning accessible.", "The price of {h} has dropped in recent years.",
    "Training on {h} is common in the literature.", "Unlike studies that used {h}, we needed no special hardware.",
    "Access to {h} is often limited in ecology.", "{h} would have been required for larger models.",
    "If {h} is available, training is faster.", "For researchers lacking {h}, we provide pretrained weights.",
    "MegaDetector was trained by Microsoft on {h}.", "BirdNET was trained on {h} by its developers.",
]


# answers as LLMs write them, read by methodx.read_answer: the first assert the name, the second do not
ANSWER_ASSERTS = [
    "The deep learning model was built using {x}.", "Based on the context, the authors used {x}.", "The framework used is {x}.",
    "According to the paper, {x} was used to train the model.", "The study employed {x} for model development.",
    "The model was implemented in {x}, as stated in the methods section.", "Answer: {x}", "- {x}",
    "The context mentions that the CNN was trained with {x}.", "The text states that {x} was used.",
    "While the version is not specified, the authors used {x}.", "The paper does not give details, but it says {x} was used.",
]
ANSWER_DENIES = [
    "The context does not mention which framework or hardware was used, such as {x}.", "There is no mention of {x} in the context.",
    "The text does not specify whether {x} was used.", "I don't know. The context does not mention {x}.",
    "It is not clear if {x} was used.", "The context only cites a paper about {x}; it does not say it was used.",
    "Common choices include {x}, but the paper does not say which was used.", "The paper might have used {x}, but this is not stated.",
    "{x} is mentioned only in the references.", "The context does not provide this information; possibly {x}.",
]
ANSWER_NAMES = [("TensorFlow", "frameworks"), ("PyTorch", "frameworks"), ("Keras", "frameworks"), ("scikit-learn", "frameworks"),
                ("an NVIDIA Tesla V100 GPU", "hardware"), ("Google Colab", "hardware"), ("an Intel Xeon CPU", "hardware"),
                ("a GPU cluster", "hardware")]


def fill_answer(shape: str, named: tuple[str, str]) -> tuple[str, str]:
    return shape.format(x=named[0]), named[1]


def answer_asserts(answer: str, question: str) -> bool:
    return bool(methodx.read_answer(answer, question))


def fill_framework(shape: str, name: str) -> tuple[str, str]:
    return shape.format(x=name), name


def fill_hardware(shape: str, written: tuple[str, str]) -> tuple[str, str]:
    return shape.format(h=written[0]), written[1]


def framework_used(sentence: str, name: str) -> bool:
    key = name.lower().replace("-", "")
    return any(m.used and m.name.lower().replace("-", "") == key for m in methodx.annotate(sentence).frameworks.mentions)


def hardware_used(sentence: str, word: str) -> bool:
    hardware = methodx.annotate(sentence).hardware
    return any(m.used and (word.lower() in m.name.lower() or (word == "HPC" and m.category == "cluster"))
               for m in hardware.mentions)


def battery(shapes: list[str], names: list, fill: Callable, used: Callable, want: bool) -> list[str]:
    """The misread sentences of the shapes crossed with the names."""
    misread = []
    for shape, name in itertools.product(shapes, names):
        sentence, key = fill(shape, name)
        if used(sentence, key) is not want:
            misread.append(sentence)
    return misread


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--show", action="store_true", help="print every misread sentence")
    args = parser.parse_args()
    batteries = [
        ("frameworks, use", FRAMEWORK_USE, FRAMEWORKS, fill_framework, framework_used, True),
        ("frameworks, no use", FRAMEWORK_NOT_USED, FRAMEWORKS, fill_framework, framework_used, False),
        ("hardware, use", HARDWARE_USE, HARDWARE, fill_hardware, hardware_used, True),
        ("hardware, no use", HARDWARE_NOT_USED, HARDWARE, fill_hardware, hardware_used, False),
        ("answers, asserting", ANSWER_ASSERTS, ANSWER_NAMES, fill_answer, answer_asserts, True),
        ("answers, not asserting", ANSWER_DENIES, ANSWER_NAMES, fill_answer, answer_asserts, False),
    ]
    print("| battery | sentences | misread | rate |\n|---|---:|---:|---:|")
    shown = []
    for title, shapes, names, fill, used, want in batteries:
        misread = battery(shapes, names, fill, used, want)
        total = len(shapes) * len(names)
        print(f"| {title} | {total} | {len(misread)} | {len(misread) / total:.1%} |")
        shown += [f"{title}: {s}" for s in misread]
    if args.show:
        print("\n" + "\n".join(shown))
    return 0


if __name__ == "__main__":
    sys.exit(main())
