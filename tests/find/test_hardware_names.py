"""Hardware by grammar: model numbers with or without vendor and series words, in generated spellings."""

import itertools

import pytest

import methodx

GPUS = {"2080 Ti": "NVIDIA GeForce RTX 2080 Ti", "1080 Ti": "NVIDIA GeForce GTX 1080 Ti", "3090": "NVIDIA GeForce RTX 3090",
        "1660 SUPER": "NVIDIA GeForce GTX 1660 SUPER", "4090": "NVIDIA GeForce RTX 4090"}
PREFIXES = ["", "NVIDIA ", "GeForce ", "NVIDIA GeForce "]
AFTER = [" GPU", " graphics card", ""]


def gpu_names(text):
    return [i.name for i in methodx.answer(text, question="hardware").items if i.category == "gpu"]


@pytest.mark.parametrize("model, prefix, after", list(itertools.product(GPUS, PREFIXES, AFTER)))
def test_a_gpu_model_is_named_with_or_without_vendor_and_series(model, prefix, after):
    spelled = model.replace(" ", "") if prefix == "GeForce " else model  # "1080Ti" too
    text = f"The network was trained on an {prefix}{spelled}{after}."
    named = gpu_names(text)
    bare = not prefix and not after and not model.endswith(("Ti", "SUPER"))
    if bare:  # "a 3090" alone could be any number
        assert GPUS[model] not in named, text
    else:
        assert GPUS[model] in named, text


@pytest.mark.parametrize("text", ["In 2080 we counted 1080 birds.", "Of the 3090 images, 4090 were kept.",
                                  "The 2080-2090 period was warm."])
def test_a_number_is_no_gpu(text):
    assert gpu_names(text) == []
