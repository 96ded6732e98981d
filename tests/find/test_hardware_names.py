"""Hardware by grammar: model numbers with or without vendor and series words, in generated spellings."""

import itertools

import pytest

import methodx

GPUS = {"2080 Ti": "NVIDIA GeForce RTX 2080 Ti", "1080 Ti": "NVIDIA GeForce GTX 1080 Ti", "3090": "NVIDIA GeForce RTX 3090",
        "1660 SUPER": "NVIDIA GeForce GTX 1660 SUPER", "4090": "NVIDIA GeForce RTX 4090"}
PREFIXES = ["", "NVIDIA ", "GeForce ", "NVIDIA GeForce "]
AFTER = [" GPU", " graphics card", ""]


def names(text, category):
    """The names of the hardware items of one category that the answer to the text lists."""
    return [i.name for i in methodx.answer(text, question="hardware").items if i.category == category]


@pytest.mark.parametrize("model, prefix, after", list(itertools.product(GPUS, PREFIXES, AFTER)))
def test_a_gpu_model_is_named_with_or_without_vendor_and_series(model, prefix, after):
    spelled = model.replace(" ", "") if prefix == "GeForce " else model  # "1080Ti" too
    text = f"The network was trained on an {prefix}{spelled}{after}."
    named = names(text, "gpu")
    bare = not prefix and not after and not model.endswith(("Ti", "SUPER"))
    if bare:  # "a 3090" alone could be any number
        assert GPUS[model] not in named, text
    else:
        assert GPUS[model] in named, text


@pytest.mark.parametrize("text", ["In 2080 we counted 1080 birds.", "Of the 3090 images, 4090 were kept.",
                                  "The 2080-2090 period was warm."])
def test_a_number_is_no_gpu(text):
    assert names(text, "gpu") == []


CORES = ["{n} virtual cores", "{n} logical cores", "{n} physical cores", "{n} CPU cores", "{n} processor cores",
         "a {n}-core processor", "an {n}-core CPU", "a {n} core processor", "{n} cores"]
MACHINES = ["The model was trained on a machine with {cores} and 32 GB of RAM.",
            "All analyses ran on a workstation with {cores}.",
            "Training was performed on a server with {cores}."]


@pytest.mark.parametrize("cores, sentence", list(itertools.product(CORES, MACHINES)))
def test_a_cpu_described_by_its_cores_is_named(cores, sentence):
    text = sentence.format(cores=cores.format(n=8))
    assert [n for n in names(text, "cpu") if "8" in n], text


@pytest.mark.parametrize("text", ["We collected 20 sediment cores at each site.", "The RTX 3090 has 10496 CUDA cores.",
                                  "Ice cores of 3 m were drilled.", "Modern smartphones feature octa-core processors.",
                                  "We trained on a laptop with a 14-core graphics processing unit.",
                                  "We collected samples with 8 cores.", "The apple has 5 cores."])
def test_cores_of_other_things_are_no_cpu(text):
    assert names(text, "cpu") == []


@pytest.mark.parametrize("text", ["We used an Intel Xeon E5-2680 v4 processor (14 physical cores) to train it.",
                                  "Training ran on an AMD Ryzen Threadripper 3960X 24-Core Processor.",
                                  "We trained on an Intel Core i9-10900K. The CPU is a 10-core processor."])
def test_the_cores_of_a_named_cpu_are_part_of_it(text):
    assert len(names(text, "cpu")) == 1, names(text, "cpu")


@pytest.mark.parametrize("written", ["quad-core", "QuadCore", "quad core", "Quad-Core"])
def test_a_cpu_by_a_word_for_its_cores(written):
    named = names(f"It was trained on a desktop PC with a {written} processor.", "cpu")
    assert [n.lower() for n in named] == ["quad-core processor"]


def hardware(text):
    return sorted((i.category, i.name) for i in methodx.answer(text, question="hardware").items)


GPU_MEMORY = ["The GPU is an NVIDIA card with {m} memory.", "The graphics card has {m} of memory.",
              "We trained on a GPU (NVIDIA, {m} memory).", "We trained on a GPU with {m} of memory.",
              "Training ran on an NVIDIA GPU, which has {m} of memory.", "The GPU had {m} memory."]


@pytest.mark.parametrize("sentence, memory", list(itertools.product(GPU_MEMORY, ["8 GB", "11GB", "24 GB"])))
def test_the_memory_of_a_gpu_is_no_ram_and_makes_it_a_particular_gpu(sentence, memory):
    found = hardware(sentence.format(m=memory))
    assert [c for c, _ in found] == ["gpu"], found


@pytest.mark.parametrize("text", ["We trained on a GPU, and the computer has 32 GB of memory.",
                                  "The GPU was used; the machine had 64 GB memory.",
                                  "We trained the model on a computer with an NVIDIA GPU and 16 GB memory."])
def test_memory_of_the_machine_stays_ram(text):
    assert [c for c, _ in hardware(text)] == ["gpu", "ram"], hardware(text)


RAM_PHRASES = ["{n} GB RAM", "{n}GB of RAM", "{n} GB of DDR4 RAM", "RAM: {n} GB", "RAM of {n} GB", "RAM ({n} GB)",
               "system memory ({n} GB)", "memory (RAM) of {n} GB", "{n} GB LPDDR4X", "{n} GB of LPDDR5 RAM",
               "{n} GB DDR4-3200", "{n} GB of random-access memory", "{n} GB of main memory", "RAM ({n} GB DDR4)", "{n} GB of working memory"]


@pytest.mark.parametrize("phrase", RAM_PHRASES)
@pytest.mark.parametrize("size", [16, 64, 256])
def test_ram_is_named_by_its_size_in_any_common_phrasing(phrase, size):
    text = f"The models were trained on a desktop computer with an Intel Core i7-9700 CPU and {phrase.format(n=size)}."
    assert names(text, "ram") == [f"{size} GB RAM"]


@pytest.mark.parametrize("size, bus, kind", list(itertools.product(["1 TB", "512 GB"], ["NVMe", "SATA", "M.2", ""],
                                                                   ["SSD", "hard drive"])))
def test_a_drive_is_named_as_specifically_as_written(size, bus, kind):
    written = " ".join(w for w in (size, bus, kind) if w)
    assert hardware(f"The data were stored on a {written}.") == [("other", written)]


@pytest.mark.parametrize("chip, after", list(itertools.product(["M1", "M2 Pro", "M3 Max", "M1 Ultra"],
                                                              [" chip", " 8-core CPU", " processor", " CPU"])))
def test_apple_silicon_is_named_without_the_vendor_word(chip, after):
    assert names(f"We trained the classifier on a MacBook Pro with an {chip}{after}.", "cpu") == [f"Apple {chip}"]


@pytest.mark.parametrize("chip, spelled", list(itertools.product(["M1", "M2 Pro", "M3 Max"], [
    "an {c} MacBook Pro", "a MacBook Pro ({c})", "a MacBook Air with an {c}", "a Mac mini {c}", "an iMac, {c}"])))
def test_apple_silicon_beside_a_mac_is_named(chip, spelled):
    assert names(f"The classifier was trained on {spelled.format(c=chip)}.", "cpu") == [f"Apple {chip}"]


@pytest.mark.parametrize("text", ["Samples from site M1 were processed on a GPU.", "The M2 model was trained on the GPU.",
                                  "Road M1 was closed.", "The M1 motorway runs past the Mac store."])
def test_m_and_a_number_alone_is_no_chip(text):
    assert names(text, "cpu") == []


@pytest.mark.parametrize("written, name", [("dual 1080 Tis", "NVIDIA GeForce GTX 1080 Ti"), ("two 2080 Tis", "NVIDIA GeForce RTX 2080 Ti"),
                                           ("an AMD MI250", "AMD Instinct MI250"), ("four AMD MI100 GPUs", "AMD Instinct MI100"),
                                           ("an H100 SXM", "NVIDIA H100"), ("an A100 PCIe card", "NVIDIA A100"),
                                           ("two H100 NVL", "NVIDIA H100"), ("a V100 SXM2", "NVIDIA Tesla V100")])
def test_a_gpu_in_a_plural_or_with_its_form_factor_or_vendor_alone_is_named(written, name):
    assert names(f"The models were trained on {written}.", "gpu") == [name]


@pytest.mark.parametrize("chip", ["M1 Pro", "M2 Max", "M2 Ultra", "M3 Pro"])
def test_apple_silicon_with_its_tier_needs_nothing_beside_it(chip):
    assert names(f"The classifier was trained on an {chip}.", "cpu") == [f"Apple {chip}"]


@pytest.mark.parametrize("written, name, category", [("Amazon's cloud", "AWS", "cloud"), ("Microsoft's cloud", "Microsoft Azure", "cloud"),
                                                     ("the TensorFlow Research Cloud", "TPU", "tpu")])
def test_a_cloud_named_by_its_provider_is_that_cloud(written, name, category):
    assert names(f"The models were trained on {written}.", category) == [name]


@pytest.mark.parametrize("model", ["V100", "P100", "T4"])
@pytest.mark.parametrize("spelled", ["an NVIDIA {m}", "a Tesla {m}", "an NVIDIA Tesla {m}", "a {m} GPU"])
def test_a_tesla_gpu_has_one_name_however_written(model, spelled):
    assert names(f"The models were trained on {spelled.format(m=model)}.", "gpu") == [f"NVIDIA Tesla {model}"]


@pytest.mark.parametrize("written, name", [("an Intel i7 8700K", "Intel Core i7 8700K"), ("a Core i7 8700K", "Intel Core i7 8700K"),
                                           ("a Ryzen 5950X", "AMD Ryzen 5950X"), ("an Intel i7 with 4 cores", "Intel Core i7")])
def test_a_cpu_model_number_after_a_space_is_kept(written, name):
    assert names(f"The models were trained on {written}.", "cpu") == [name]


# data-centre and workstation GPUs, named without their series word ("Tesla", "RTX")
DATA_CENTRE = ["K80", "K40", "P40", "M60", "T4", "A100", "A6000", "A5000"]


@pytest.mark.parametrize("model, spelled", list(itertools.product(DATA_CENTRE, ["NVIDIA {m}", "{m} GPU", "NVIDIA {m} GPUs",
                                                                                   "{m} graphics card"])))
def test_a_data_centre_gpu_is_named_without_its_series(model, spelled):
    text = f"The models were trained on an {spelled.format(m=model)}."
    assert [n for n in names(text, "gpu") if n.endswith(model)], text


@pytest.mark.parametrize("model, place", list(itertools.product(["K80", "P100", "V100"],
                                                                ["Google Colab", "AWS", "the university cluster", "Kaggle"])))
def test_a_bare_data_centre_gpu_before_where_it_ran_is_named(model, place):
    text = f"We used a {model} on {place} to train the network."
    assert [n for n in names(text, "gpu") if n.endswith(model)], text


@pytest.mark.parametrize("model, spelled", list(itertools.product(["K80", "V100", "P100", "A100", "H100", "A6000"],
                                                                   ["two {m}s", "4 x {m}", "8×{m}", "eight {m}", "the {m}s"])))
def test_a_counted_or_plural_data_centre_gpu_needs_no_gpu_word(model, spelled):
    text = f"The models were trained on {spelled.format(m=model)} for two days."
    assert [n for n in names(text, "gpu") if n.endswith(model)], text


@pytest.mark.parametrize("text", ["Sample T4 was taken in May.", "The A6000 road runs north.", "Plot K80 was burnt.",
                                  "Plots K80 and V100 were burnt.", "We sampled 4 T4 plots.", "Sample 12 P100 was lost."])
def test_a_label_shaped_like_a_gpu_is_no_gpu_without_a_gpu_word(text):
    assert names(text, "gpu") == []


OLDER_CPUS = {"Intel Celeron N4000": "Intel Celeron N4000", "Celeron J4125": "Intel Celeron J4125",
              "Intel Pentium G4560": "Intel Pentium G4560", "Intel(R) Pentium(R) CPU G4560": "Intel Pentium G4560",
              "Intel Atom x5-Z8350": "Intel Atom x5-Z8350", "AMD Opteron 6272": "AMD Opteron 6272",
              "Opteron 6386": "AMD Opteron 6386", "AMD Athlon 3000G": "AMD Athlon 3000G"}


@pytest.mark.parametrize("spelled, sentence", list(itertools.product(OLDER_CPUS, MACHINES[:2] + ["CPU: {cores}"])))
def test_older_cpu_families_are_named(spelled, sentence):
    text = sentence.format(cores=f"an {spelled}")
    assert OLDER_CPUS[spelled] in names(text, "cpu"), text


@pytest.mark.parametrize("text", ["The Atom of carbon was counted.", "Each atom was labelled.",
                                  "The motor cortex was analysed."])
def test_english_words_that_name_cpus_are_no_cpu(text):
    assert names(text, "cpu") == []


CLOUDS = {"Alibaba Cloud": "Alibaba Cloud", "Baidu AI Studio": "Baidu AI Studio", "Huawei Cloud ModelArts": "Huawei Cloud",
          "Lambda Labs": "Lambda Cloud", "DigitalOcean": "DigitalOcean", "CyVerse": "CyVerse", "AutoDL": "AutoDL"}


@pytest.mark.parametrize("spelled, sentence", list(itertools.product(CLOUDS, [
        "The model was trained on the {c} platform.", "We used {c} GPU servers for training.",
        "Training ran on a virtual machine rented from {c}."])))
def test_cloud_providers_are_named(spelled, sentence):
    assert CLOUDS[spelled] in names(sentence.format(c=spelled), "cloud")


@pytest.mark.parametrize("text", ["The ALS point cloud was used to train the model.", "Thin cloud removal was trained on Landsat.",
                                  "Images with less than 10% Cloud cover were used to train the model.",
                                  "Data came from the Geospatial Data Cloud and trained the model."])
def test_clouds_of_remote_sensing_are_no_platform(text):
    assert names(text, "cloud") == []


@pytest.mark.parametrize("word, sentence", list(itertools.product(["The", "This", "Our", "Each", "One", "Such"], [
        "{w} cluster was used to train the model.", "{w} cluster images were used for training sites."])))
def test_a_determiner_is_no_cluster_name(word, sentence):
    assert not any(name.startswith(word + " ") for name in names(sentence.format(w=word), "cluster"))


@pytest.mark.parametrize("name", ["ARC4", "Cedar", "Frontera", "Snellius", "Puhti"])
def test_a_named_cluster_is_found(name):
    assert f"{name} cluster" in names(f"The models were trained on the {name} cluster.", "cluster")


@pytest.mark.parametrize("name, kind", list(itertools.product(["ARC4", "Mahuika", "Sulis"], [
        "HPC facility", "HPC system", "high performance computer", "high-performance computing system",
        "high performance computing cluster", "computational cluster", "compute cluster"])))
def test_a_named_cluster_of_any_kind_is_found(name, kind):
    assert f"{name} {kind}" in names(f"The models were trained on the {name} {kind}.", "cluster")


@pytest.mark.parametrize("name, kind", list(itertools.product(["Princeton", "Oxford", "FAS"], [
        "Research Computing", "Advanced Research Computing", "Research Computing facility", "Research Computing cluster"])))
def test_a_research_computing_service_named_by_its_institution_is_a_cluster(name, kind):
    assert f"{name} {kind}" in names(f"Models were trained with resources of the {name} {kind}.", "cluster")


@pytest.mark.parametrize("text", ["The Research Computing team helped us.", "We thank the research computing staff.",
                                  "Research computing has changed ecology."])
def test_research_computing_without_an_institution_is_no_cluster(text):
    assert names(text, "cluster") == []


@pytest.mark.parametrize("text", ["The Python HPC library was used to train the model.",
                                  "An HPC facility would be needed to train the model."])
def test_hpc_after_a_word_alone_is_no_named_cluster(text):
    assert [name for name in names(text, "cluster") if name != "HPC cluster"] == []


def ram_and_gpus(text):
    return [(i.name, i.details.get("memory")) for i in methodx.answer(text, question="hardware").items
            if i.category in ("ram", "gpu")]


@pytest.mark.parametrize("label, cut", list(itertools.product(["RAM", "RAM:", "Memory", "Memory:", "Memory |", "RAM |",
                                                                   "Memory size", "RAM capacity"], ["\n", " \n", "\n\n"])))
def test_ram_in_a_flattened_table_stays_ram_before_a_gpu_line(label, cut):
    text = f"The models were trained on this machine.\nCPU Intel Xeon Gold 6148\n{label} 192 GB{cut}GPU NVIDIA V100"
    assert ram_and_gpus(text) == [("192 GB RAM", None), ("NVIDIA Tesla V100", None)], text


@pytest.mark.parametrize("text, memory", [("We used one 11 GB NVIDIA RTX 2080 Ti GPU.", "11 GB"),
                                          ("Training ran on a 24 GB NVIDIA RTX 3090.", "24 GB")])
def test_gpu_memory_written_before_the_gpu_on_its_line_is_its_detail(text, memory):
    assert [m for _, m in ram_and_gpus(text)] == [memory]


@pytest.mark.parametrize("vendor, sentence", list(itertools.product(["Intel", "AMD"], [
        "We trained the models on a 2.6 GHz {v} processor.", "The model ran on an {v} processor at 2.6 GHz.",
        "Inference ran on an {v} CPU."])))
def test_a_cpu_named_by_its_vendor_only_is_a_cpu(vendor, sentence):
    assert names(sentence.format(v=vendor), "cpu") == ["CPU"]


def test_an_image_processor_is_no_cpu():
    assert names("Images were sharpened with the image processor of the camera.", "cpu") == []


@pytest.mark.parametrize("quality, sentence", list(itertools.product(["commodity", "mid-range", "mid range", "basic", "standard",
                                                                          "consumer-grade", "high-end", "gaming"], [
        "Either run took about 50 min on a {q} laptop.", "The classifier was trained on a {q} laptop using its CPU."])))
def test_a_laptop_is_named_as_specifically_as_the_text_allows(quality, sentence):
    assert names(sentence.format(q=quality), "other") == [f"{quality} laptop"]


def test_a_plain_laptop_is_a_laptop():
    assert names("The classifier was trained on a laptop.", "other") == ["laptop"]


@pytest.mark.parametrize("text", ["Indices i1, i2, i3 and i4 were computed for each site and used to train the model.",
                                  "The model was trained on sites i5 and i7.", "Table 2. Model i3 i5 i7 accuracy 0.91 0.93 0.95"])
def test_a_label_shaped_like_a_core_model_is_no_cpu(text):
    assert names(text, "cpu") == []


@pytest.mark.parametrize("text", ["We trained the model on an i7 processor.", "Training ran on an i7 with 16 GB RAM.",
                                  "The model ran on a mid-range laptop (i5, 8gb ram).", "CPU: i7 3.4 GHz",
                                  "The model was trained on an i7-8700K.", "Training used an Intel i9."])
def test_a_core_model_with_a_cpu_context_is_a_cpu(text):
    assert [n for n in names(text, "cpu") if n.startswith("Intel Core i")], text


BOARDS = {"Intel Movidius Neural Compute Stick 2": "Intel Neural Compute Stick", "ESP32": "ESP32", "STM32F746": "STM32F746",
          "OpenMV Cam H7": "OpenMV Cam", "Kendryte K210": "Kendryte K210", "Orange Pi 5": "Orange Pi 5",
          "BeagleBone Black": "BeagleBone Black"}


@pytest.mark.parametrize("board, sentence", list(itertools.product(BOARDS, ["The model was deployed on an {b}.",
                                                                            "Inference ran on the {b} in the field."])))
def test_edge_boards_that_run_the_model_are_devices(board, sentence):
    assert BOARDS[board] in names(sentence.format(b=board), "device")


def test_words_that_start_board_names_are_no_board():
    assert names("We collected rock samples; Orange flowers were counted on the banana plants.", "device") == []


def test_a_laptop_named_by_its_quality_outranks_the_bare_word():
    text = "The classifier was trained on a laptop. Either run took about 50 min on a mid range laptop."
    assert names(text, "other") == ["mid range laptop"]


def test_names_that_differ_only_in_spaces_and_hyphens_are_one_item():
    text = "Training ran on a mid-range laptop. Each run took 50 min on the mid range laptop."
    assert names(text, "other") == ["mid-range laptop"]


@pytest.mark.parametrize("text, category, expected", [
    ("The model was trained on an Intel Core i7 laptop. Its CPU is an Intel Core i7-9850H at 2.6 GHz.", "cpu",
     ["Intel Core i7-9850H"]),
    ("Training used an NVIDIA V100. Each NVIDIA Tesla V100 GPU had 32 GB of memory.", "gpu", ["NVIDIA Tesla V100"]),
    ("Models were trained on an RTX 2080 Ti GPU and on a GTX 1080 Ti GPU.", "gpu",
     ["NVIDIA GeForce RTX 2080 Ti", "NVIDIA GeForce GTX 1080 Ti"]),
    ("The workstation had 32 GB RAM; the server had 320 GB RAM.", "ram", ["32 GB RAM", "320 GB RAM"])])
def test_one_piece_of_hardware_named_twice_is_one_item_named_as_the_more_particular(text, category, expected):
    assert names(text, category) == expected


@pytest.mark.parametrize("size", ["16 GB memory", "16 GB RAM", "16GB of RAM"])
def test_a_size_after_x_is_ram_not_a_count(size):
    text = f"The system had an Intel Core i7-8565U CPU @ 1.80GHz x {size}."
    assert hardware(text) == [("cpu", "Intel Core i7-8565U"), ("ram", "16 GB RAM")]
    assert "count" not in methodx.answer(text, question="hardware").items[0].details


def test_a_number_after_x_is_a_count():
    assert methodx.answer("We used NVIDIA RTX 3090 x 4 for training.", question="hardware").items[0].details == {"count": 4}


@pytest.mark.parametrize("sentence", ["The models were trained on a supercomputer.",
                                      "All computations were run on the supercomputer of the university.",
                                      "The models were trained using supercomputing facilities."])
def test_a_supercomputer_is_named_a_supercomputer(sentence):
    assert names(sentence, "cluster") == ["supercomputer"]


@pytest.mark.parametrize("written", ["the university's HPC cluster", "the university's high-performance computer",
                                     "four compute nodes", "the institute's computing facility", "the Mésocentre de calcul"])
def test_an_hpc_cluster_is_an_hpc_cluster(written):
    assert names(f"Models were trained on {written}.", "cluster") == ["HPC cluster"]


# national and academic computing centres, named by acronym or in full
CENTRES = {"XSEDE": "Extreme Science and Engineering Discovery Environment (XSEDE)", "TACC": "Texas Advanced Computing Center",
           "NAISS": "National Academic Infrastructure for Supercomputing in Sweden", "LRZ": "Leibniz Supercomputing Centre",
           "Compute Canada": "Digital Research Alliance of Canada"}


@pytest.mark.parametrize("name, sentence", list(itertools.product(CENTRES, [
    "Training ran on resources provided by the {c}.", "This work used the {c}.", "The models were trained at the {c}."])))
def test_a_computing_centre_is_named_by_its_short_name(name, sentence):
    assert names(sentence.format(c=CENTRES[name]), "cluster") == [name]


@pytest.mark.parametrize("text", ["Objects were segmented with the SNIC algorithm in Earth Engine.",
                                  "Jasmin tea was served to the participants.", "The summit of the mountain was reached."])
def test_words_shaped_like_centre_names_are_no_cluster(text):
    assert names(text, "cluster") == []


@pytest.mark.parametrize("model, variant", list(itertools.product(["GeForce RTX 3060", "RTX 4070", "GTX 1650"], ["Laptop", "Mobile"])))
def test_a_laptop_gpu_is_one_gpu_and_no_laptop(model, variant):
    text = f"Training used an NVIDIA {model} {variant} GPU."
    answer = methodx.answer(text, question="hardware")
    assert [i.category for i in answer.items] == ["gpu"], [i.name for i in answer.items]


@pytest.mark.parametrize("number", ["4000", "5000", "6000", "8000"])
def test_a_workstation_rtx_is_no_geforce(number):
    assert names(f"We used an NVIDIA RTX {number} Ada for training.", "gpu") == [f"NVIDIA RTX {number}"]


@pytest.mark.parametrize("written, name", [("an NVIDIA DGX A100", "NVIDIA DGX A100"), ("an Nvidia DGX-1", "NVIDIA DGX"),
                                           ("a Mac Pro (2019)", "Apple Mac Pro"), ("an iMac Pro", "Apple iMac Pro"),
                                           ("a Mac mini", "Apple Mac mini"), ("an Apple Mac Studio", "Apple Mac Studio")])
def test_gpu_servers_and_apple_desktops_are_named_computers(written, name):
    assert names(f"The models were trained on {written}.", "other") == [name]


# sizes with decimals: a cloud machine's RAM ("12.7 GB") and a GPU's memory ("10.5 GB")
@pytest.mark.parametrize("size, written", list(itertools.product(["12.7", "7.5", "1.5"], [
    "The machine had {s} GB of RAM.", "The VM has {s} GB RAM.", "RAM: {s} GB", "with {s} GB of system memory"])))
def test_a_ram_size_with_decimals_is_ram(size, written):
    assert names(written.format(s=size), "ram") == [f"{size} GB RAM"]


@pytest.mark.parametrize("written", ["an RTX 2080 Ti with {s} GB memory", "an RTX 2080 Ti ({s} GB)", "a Tesla K80 with {s} GB of memory"])
def test_a_gpu_memory_with_decimals_is_the_gpus(written):
    answer = methodx.answer(f"We used {written.format(s='10.5')}.", question="hardware")
    assert [(i.category, i.details.get("memory")) for i in answer.items] == [("gpu", "10.5 GB")]


@pytest.mark.parametrize("written, name", [("32 gigabytes of RAM", "32 GB RAM"), ("64-GB RAM", "64 GB RAM"),
                                           ("32GB (RAM)", "32 GB RAM"), ("16 GB unified memory", "16 GB RAM"),
                                           ("1 terabyte of RAM", "1 TB RAM"), ("2 TB of DDR4 memory", "2 TB RAM")])
def test_ram_written_in_other_ways(written, name):
    assert names(f"The workstation had {written}.", "ram") == [name]


@pytest.mark.parametrize("model, spelled", list(itertools.product(["A40", "A10", "L40S", "P40", "M60"], ["2x {m}", "4 × {m}", "8 x {m}"])))
def test_a_short_data_centre_gpu_needs_a_count_with_x(model, spelled):
    assert [n for n in names(f"Training used {spelled.format(m=model)}.", "gpu") if n.endswith(model)]
    assert names(f"Training used the {model} road.", "gpu") == []


@pytest.mark.parametrize("text", ["We sampled 2 x T4 plots.", "Serum 2 x T4 levels were measured.", "Larvae reached 2 x L4 size."])
def test_counted_labels_of_other_fields_are_no_gpu(text):
    assert names(text, "gpu") == []


@pytest.mark.parametrize("written, name, category", [
    ("a Hailo-8 accelerator", "Hailo-8", "device"), ("a Hailo 8L", "Hailo-8L", "device"), ("a Hailo AI HAT+", "Hailo AI Kit", "device"),
    ("a Luxonis OAK-D camera", "Luxonis OAK-D", "device"), ("an OAK-D Lite", "Luxonis OAK-D Lite", "device"),
    ("an Intel NUC", "Intel NUC", "other")])
def test_edge_accelerators_and_mini_pcs_are_named(written, name, category):
    assert names(f"The detector was deployed on {written}.", category) == [name]


@pytest.mark.parametrize("text", ["We measured the oak trees.", "Plot Oak-1 was sampled.", "The NUC of the cell was stained."])
def test_words_shaped_like_edge_devices_are_nothing(text):
    assert names(text, "device") == [] and names(text, "other") == []


@pytest.mark.parametrize("written, name", [("a TPUv4 pod", "TPU v4"), ("TPUv3-8 cores", "TPU v3"), ("a TPU v3-8", "TPU v3"),
                                           ("Cloud TPU v2", "TPU v2"), ("a TPU-v5e", "TPU v5e"), ("a Cloud TPU", "TPU")])
def test_a_tpu_is_named_with_its_generation(written, name):
    assert names(f"The models were trained on {written}.", "tpu") == [name]


def test_a_tpu_with_its_generation_needs_no_cue_of_use():
    assert [i.name for i in methodx.answer("Hardware: a TPU v3.", question="hardware").items] == ["TPU v3"]


@pytest.mark.parametrize("written", ["AMD Instinct MI250X", "Instinct MI100", "AMD Instinct MI 300X"])
def test_amd_instinct_gpus_are_named(written):
    assert [n for n in names(f"The models were trained on {written} GPUs.", "gpu") if "Instinct" in n]


@pytest.mark.parametrize("gpu_label, ram_label, cut", list(itertools.product(
        ["Video memory", "GPU memory", "Graphics memory", "VRAM"], ["Memory", "RAM", "Memory size", "RAM:"], ["\n", " ", "\t"])))
def test_a_size_before_the_next_rows_memory_label_is_not_that_memory(gpu_label, ram_label, cut):
    text = f"The models were trained on this machine.\nGPU NVIDIA RTX 3060\n{gpu_label}{cut}12 GB\n{ram_label}{cut}16 GB"
    assert [name for name, _ in ram_and_gpus(text)] == ["NVIDIA GeForce RTX 3060", "16 GB RAM"], text


@pytest.mark.parametrize("model, written", [
        ("E5-2680 v4", "an E5-2680 v4"), ("E5-2630", "two E5-2630 processors"), ("E5-2690", "an E5-2690 @ 2.6 GHz"),
        ("E5-2650v2", "E5-2650v2 CPUs"), ("E5-2630", "an Intel E5-2630"), ("E3-1230 v5", "an E3-1230 v5 CPU"),
        ("Gold 6148", "a Gold 6148 CPU"), ("Silver 4210R", "two Silver 4210R processors"), ("W-2145", "a W-2145 CPU")])
@pytest.mark.parametrize("sentence", ["Training ran on {x}.", "The server had {x} and 64 GB of RAM."])
def test_a_xeon_is_known_without_the_word_xeon(model, written, sentence):
    assert f"Intel Xeon {model}" in names(sentence.format(x=written), "cpu")


@pytest.mark.parametrize("text", ["Plots E5-2001 and E5-2002 were sampled for training.", "The Gold 6148 sample was used for training.",
                                  "Site W-2145 was used to train the model."])
def test_a_xeon_like_label_without_a_processor_is_no_cpu(text):
    assert names(text, "cpu") == []


@pytest.mark.parametrize("written, name", [("V100-SXM2-32GB", "NVIDIA Tesla V100"), ("V100-PCIE-16GB", "NVIDIA Tesla V100"),
                                           ("A100-SXM4-40GB", "NVIDIA A100"), ("A100-PCIe", "NVIDIA A100"), ("H100-SXM5", "NVIDIA H100")])
def test_a_data_centre_gpu_with_its_form_factor_suffix(written, name):
    assert name in names(f"The models were trained on an {written}.", "gpu")


@pytest.mark.parametrize("written, name", [("a MacBook Pro", "Apple MacBook Pro"), ("an Apple MacBook Air", "Apple MacBook Air"),
                                           ("a MacBook", "Apple MacBook"), ("a 2019 MacBookPro", "Apple MacBook Pro")])
def test_a_macbook_is_named_as_written_not_as_a_laptop(written, name):
    assert names(f"The models were trained on {written} with 16 GB of RAM.", "other") == [name]


@pytest.mark.parametrize("chip", ["M1", "M1 Pro", "M2 Max", "M3 Ultra"])
@pytest.mark.parametrize("written", ["({chip}, 8-core CPU, 14-core GPU, 16 GB RAM)", "an Apple {chip} chip with a 10-core GPU",
                                     "the {chip} (8-core CPU, 16-core graphics processing unit)"])
def test_the_gpu_of_an_apple_chip_is_named_by_the_chip(chip, written):
    text = "The models were trained on a MacBook Pro " + written.format(chip=chip) + "."
    assert f"Apple {chip} GPU" in names(text, "gpu"), text


def test_cores_of_a_gpu_without_an_apple_chip_are_no_apple_gpu():
    assert not any(n.startswith("Apple") for n in names("The RTX 3090 has 10496 CUDA cores and a 24-core GPU.", "gpu"))


@pytest.mark.parametrize("model, name", [("V100", "NVIDIA Tesla V100"), ("P100", "NVIDIA Tesla P100"), ("K80", "NVIDIA Tesla K80"),
                                         ("A100", "NVIDIA A100"), ("H100", "NVIDIA H100"), ("A6000", "NVIDIA A6000")])
@pytest.mark.parametrize("sentence", ["The model was trained on a {m}.", "Training took 3 days on an {m} for 100 epochs.",
                                      "We trained with a single {m}, using mixed precision.", "All runs used one {m} and 64 GB of RAM."])
def test_a_data_centre_gpu_bare_after_a_preposition_and_an_article(model, name, sentence):
    assert name in names(sentence.format(m=model), "gpu")


@pytest.mark.parametrize("model", ["V100", "A100", "P100", "K80", "A10", "P40"])
@pytest.mark.parametrize("sentence", ["Birds were counted on the {m} transect.", "Samples were taken on a {m} plot in 2019.",
                                      "Data from the {m} site were used to train the model."])
def test_a_plot_or_site_label_is_no_gpu(model, sentence):
    assert names(sentence.format(m=model), "gpu") == []


@pytest.mark.parametrize("cpu", ["AMD Ryzen 7 5800H with Radeon Graphics", "AMD Ryzen\u2122 5 5600G with AMD Radeon Graphics",
                                 "Ryzen 7 4800U with Radeon Graphics"])
def test_a_ryzen_with_radeon_graphics_is_one_cpu(cpu):
    text = f"The models were trained on a laptop with an {cpu}."
    assert names(text, "gpu") == [] and any(n.startswith("AMD Ryzen") for n in names(text, "cpu")), text


@pytest.mark.parametrize("written, name", [("Radeon RX 6800M", "AMD Radeon RX 6800M"), ("Radeon Pro W6800", "AMD Radeon Pro W6800"),
                                           ("Radeon RX 7900 XTX", "AMD Radeon RX 7900 XTX"), ("Radeon Pro 5500M", "AMD Radeon Pro 5500M")])
def test_a_radeon_keeps_its_model_and_suffix(written, name):
    assert names(f"The models were trained on a {written} GPU.", "gpu") == [name]


@pytest.mark.parametrize("written, name", [("Intel Core Ultra 7 155H", "Intel Core Ultra 7 155H"),
                                           ("Intel\u00ae Core\u2122 Ultra 9 185H", "Intel Core Ultra 9 185H"), ("Core Ultra 5", "Intel Core Ultra 5")])
def test_an_intel_core_ultra_is_a_cpu(written, name):
    assert names(f"The models ran on an {written} processor.", "cpu") == [name]


@pytest.mark.parametrize("written, name", [("Tesla-V100", "NVIDIA Tesla V100"), ("Quadro-P6000", "NVIDIA Quadro P6000"),
                                           ("TITAN-RTX", "NVIDIA TITAN RTX"), ("Tesla-K80", "NVIDIA Tesla K80")])
@pytest.mark.parametrize("layout", ["GPU: {x}", "The models were trained on a {x}."])
def test_a_series_and_model_joined_by_a_hyphen(written, name, layout):
    assert names(layout.format(x=written), "gpu") == [name]


@pytest.mark.parametrize("text", ["Solar power 9 kW was installed to train the model.", "The statistical power 8 times higher helped training."])
def test_power_and_a_number_is_no_ibm_cpu(text):
    assert names(text, "cpu") == []


@pytest.mark.parametrize("written, name", [("RPi 4", "Raspberry Pi 4"), ("RPi4", "Raspberry Pi 4"), ("RPi 3B+", "Raspberry Pi 3B+")])
def test_a_raspberry_pi_by_its_short_name(written, name):
    assert names(f"The detector was deployed on an {written}.", "device") == [name]


def test_rpi_in_other_senses_is_no_device():
    assert names("The RPI value was 4 after the model was trained.", "device") == []



@pytest.mark.parametrize("place", ["Minnesota", "Pittsburgh", "Ohio", "Barcelona"])
@pytest.mark.parametrize("kind", ["Supercomputing Institute", "Supercomputing Center", "Supercomputer Centre", "Supercomputing Facility", "Supercomputing Service"])
def test_a_supercomputing_centre_is_named_by_its_place(place, kind):
    answer = methodx.answer(f"Models were trained using resources of the {place} {kind}.", question="hardware")
    assert [i.name for i in answer.items] == [f"{place} {kind}"]


SOCS = [("Qualcomm Snapdragon 855", "Qualcomm Snapdragon 855"), ("Snapdragon 8 Gen 2", "Qualcomm Snapdragon 8 Gen 2"),
        ("Apple A14 Bionic", "Apple A14 Bionic"), ("A16 Bionic", "Apple A16 Bionic"), ("MediaTek Dimensity 1200", "MediaTek Dimensity 1200"),
        ("MediaTek Helio P60", "MediaTek Helio P60"), ("MediaTek Pumpkin i500", "MediaTek Pumpkin i500"), ("Exynos 2100", "Samsung Exynos 2100"),
        ("Kirin 990", "HiSilicon Kirin 990"), ("Google Tensor G2", "Google Tensor G2")]


@pytest.mark.parametrize("written, name", SOCS)
@pytest.mark.parametrize("sentence", ["The model ran on a phone with a {s} chip.", "Inference was timed on the {s}.", "We deployed the app on a {s} board."])
def test_a_system_on_chip_is_a_device(written, name, sentence):
    answer = methodx.answer(sentence.format(s=written), question="hardware")
    assert [(i.name, i.category) for i in answer.items] == [(name, "device")]


@pytest.mark.parametrize("text", ["We drank a Kirin beer after fieldwork.", "The Tensor of the model was saved.", "Snapdragon flowers were counted."])
def test_words_of_chip_names_alone_are_no_device(text):
    assert methodx.answer(text, question="hardware").items == []


@pytest.mark.parametrize("written", ["memory: 16 GB", "Memory: 16 GB", "memory:16GB", "RAM is 16 GB", "the RAM was 16 GB", "main memory is 16 GB"])
@pytest.mark.parametrize("frame", ["Environment: CPU: Intel i7-9700; GPU: GTX 1660; {w}; OS: Ubuntu.", "We trained on a PC whose {w}."])
def test_system_memory_in_a_list_of_parts_or_a_clause_is_ram(written, frame):
    answer = methodx.answer(frame.format(w=written), question="hardware")
    assert "16 GB RAM" in [i.name for i in answer.items]


@pytest.mark.parametrize("written", ["GPU memory: 24 GB", "video memory: 24 GB", "graphics memory: 24 GB", "GPU memory is 24 GB"])
def test_the_memory_of_a_gpu_is_no_ram(written):
    answer = methodx.answer(f"We trained on an RTX 3090; {written}.", question="hardware")
    assert [i for i in answer.items if i.category == "ram"] == []


OLDER_AND_RARER = [("Tesla M2090", "NVIDIA Tesla M2090"), ("Tesla C2050", "NVIDIA Tesla C2050"), ("NVIDIA T1000", "NVIDIA T1000"),
                   ("NVIDIA T600", "NVIDIA T600"), ("Intel Arc A770", "Intel Arc A770"), ("Intel Arc A370M", "Intel Arc A370M"),
                   ("NVIDIA GeForce 940MX", "NVIDIA GeForce 940MX"), ("GeForce 920M", "NVIDIA GeForce 920M"),
                   ("Intel Core 2 Duo", "Intel Core 2 Duo"), ("Intel Core 2 Quad Q6600", "Intel Core 2 Quad Q6600")]


@pytest.mark.parametrize("written, name", OLDER_AND_RARER)
@pytest.mark.parametrize("sentence", ["We trained the model on a {h}.", "Training used one {h} for two days.", "All models ran on the {h} of a desktop computer."])
def test_older_and_rarer_processors_are_named(written, name, sentence):
    answer = methodx.answer(sentence.format(h=written), question="hardware")
    assert name in [i.name for i in answer.items]


@pytest.mark.parametrize("text", ["The T1000 plot was sampled twice.", "Section C2050 of the report.", "The arc of 940 m was walked."])
def test_labels_like_model_numbers_are_no_processor(text):
    assert methodx.answer(text, question="hardware").items == []


@pytest.mark.parametrize("text", ["The model was trained on Kaggle's free GPUs.", "We trained the network with Kaggle GPUs.",
                                  "Training used the Kaggle TPUs.", "We trained in Kaggle notebooks."])
def test_kaggle_as_the_place_of_training_is_a_cloud(text):
    assert "Kaggle Notebooks" in [i.name for i in methodx.answer(text, question="hardware").items]


@pytest.mark.parametrize("text", ["Data were downloaded from Kaggle.", "The Kaggle dataset was used for training on a GPU.",
                                  "The images come from a Kaggle competition."])
def test_kaggle_as_a_source_of_data_is_no_cloud(text):
    assert "Kaggle Notebooks" not in [i.name for i in methodx.answer(text, question="hardware").items]


@pytest.mark.parametrize("text", ["We used two RTX 3090s, each with 24 GB of memory.", "The V100 GPUs have 32 GB of memory each.",
                                  "We trained on an RTX 2080 Ti. Its 11 GB of memory limited the batch size.",
                                  "Batch size was limited by the 11 GB of memory of the GTX 1080 Ti.",
                                  "Training ran on a Tesla K80 with 12 GB of memory per GPU."])
def test_memory_the_words_give_to_a_gpu_is_no_ram(text):
    answer = methodx.answer(text, question="hardware")
    assert [i.name for i in answer.items if i.category == "ram"] == [], text


@pytest.mark.parametrize("text", ["We trained on an NVIDIA GPU and a computer with 64 GB of memory.", "The server has 64 GB of memory and two GPUs.",
                                  "Training used an RTX 3090 and 64 GB of system memory.", "The machine had 64 GB DDR4 memory and a Titan X."])
def test_memory_of_the_computer_beside_a_gpu_is_ram(text):
    assert "64 GB RAM" in [i.name for i in methodx.answer(text, question="hardware").items], text


@pytest.mark.parametrize("written, name", [("two RTX 3090s", "NVIDIA GeForce RTX 3090"), ("four GTX 1080 Tis", "NVIDIA GeForce GTX 1080 Ti"),
                                           ("RTX 2080s", "NVIDIA GeForce RTX 2080")])
def test_a_gpu_model_in_the_plural_is_named(written, name):
    assert name in [i.name for i in methodx.answer(f"We trained the models on {written}.", question="hardware").items]


@pytest.mark.parametrize("written, name, units", [("two RTX 3090s, each with 24 GB of memory", "NVIDIA GeForce RTX 3090", "2"),
                                                  ("four Tesla V100 GPUs, each with 32 GB", "NVIDIA Tesla V100", "4"),
                                                  ("two A100 GPUs, each with 40 GB of memory", "NVIDIA A100", "2")])
def test_the_memory_of_each_of_several_gpus_is_their_detail(written, name, units):
    answer = methodx.answer(f"We trained the models on {written}.", question="hardware")
    found = [i for i in answer.items if i.name == name]
    assert found and found[0].details.get("memory") and str(found[0].details.get("count")) == units, answer.items


@pytest.mark.parametrize("written, spelled", [("Intel Core i7-8700K", "Intel Core i7-8700K"),
                                              ("Intel Xeon E5-2680 v4", "Intel Xeon E5-2680 v4"),
                                              ("Intel Core i9-10900K", "Intel Core i9-10900K")])
@pytest.mark.parametrize("line_end", ["-\n", "- \n", "-\n  "])
def test_a_model_number_broken_at_its_hyphen_keeps_its_name(written, spelled, line_end):
    text = "All models were trained on an " + written.replace("-", line_end, 1) + " processor."
    assert names(text, "cpu") == [spelled]


# a two-column table that PDF text flattened column by column: the labels, a blank line, the values in order
ROWS = [("CPU", "Intel Core i7-9700K"), ("GPU", "NVIDIA GeForce RTX 2080 Ti"), ("Operating system", "Ubuntu 18.04"),
        ("CUDA", "10.1"), ("Framework", "PyTorch 1.7")]


def flattened(rows, end=" \n"):
    return end.join(label for label, _ in rows) + end + "\n" + end.join(value for _, value in rows) + end


@pytest.mark.parametrize("label", ["RAM", "Memory", "System memory", "Memory (RAM)", "RAM:", "Main memory"])
@pytest.mark.parametrize("value, size", [("32G", 32), ("64 GB", 64), ("16GB DDR4", 16), ("128 GB RAM", 128)])
@pytest.mark.parametrize("place", [0, 2, 5])
def test_ram_in_a_table_flattened_column_by_column_is_named(label, value, size, place):
    rows = ROWS[:place] + [(label, value)] + ROWS[place:]
    text = "Table 2\nExperimental environment\n\n" + flattened(rows)
    assert names(text, "ram") == [f"{size} GB RAM"], text


@pytest.mark.parametrize("text", [
    flattened([("CPU", "Intel Core i7-9700K"), ("Video memory", "11 GB")]),  # the GPU's memory
    flattened([("GPU memory", "24 GB"), ("CPU", "Intel Xeon")]),
    "CPU\nMemory\nGPU\n\nIntel Core i7-9700K\n32 GB\n",  # the columns differ in length
    "We needed a lot of memory\n\n32 GB were enough.\n",  # prose, no table
    "Memory\nCPU\n\n32 GB of the data were stored in the cloud for later use by the team\nIntel Xeon\n",  # no cell
    # longer than a table's column, read up from the label and down from it
    flattened([(f"Row {i}", f"{i} mg") for i in range(40)] + [("Memory", "32 GB")]),
    flattened([("Memory", "32 GB")] + [(f"Row {i}", f"{i} mg") for i in range(40)]),
])
def test_a_size_is_no_ram_unless_its_table_cell_is_labelled_as_memory(text):
    assert names(text, "ram") == []
