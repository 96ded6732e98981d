"""Make patterns/questions/frameworks/known_packages.tsv: R and Python packages by name, with the
category their description gives (ml: modelling and statistics; other: data, maps, plots, tools).

    python scripts/known_packages.py ../shared/external/cran/packages.tsv PYPI_TSV > patterns/questions/frameworks/known_packages.tsv

Sources: CRAN's package list (name and title, October 2023), the packages that come with R itself
(stats, splines, utils ...), and the most downloaded 15,000 PyPI packages (name and summary, from the
PyPI list of the tool library's env entry). A name on this list
counts only where the text says it is a package ("the R package leaps", "X, Y and Z packages"):
many are English words (boot, car, mice).
"""

import csv
import re
import sys

# words of a description that make a package a modelling or statistics one ...
ML = re.compile(r"\b(?:model(?:s|l?ing|led)?|regression|classif\w*|learning|neural|network|predict\w*|statistic\w*|"
                r"inference|selection|roc|auc|evaluation|species distribution|niche|cluster\w*|boost\w*|bayes\w*|"
                r"mixed|additive|forests?|trees?|ensemble|detection|decision|estimat\w*|likelihood|hypothesis|"
                r"tests?|anova|variance|survival|occupancy|abundance|multivariate|ordination|optimi[sz]\w*|"
                r"gaussian|kriging|imputation|smoothing|splines?|deep|tensor|gradient|svm|kernel|mcmc)\b", re.I)
# ... unless it is about data handling, maps or plots
OTHER = re.compile(r"\b(?:plot\w*|graph(?:ic)?s?|visuali[sz]\w*|colou?rs?|palettes?|maps?|mapping|spatial|geographic\w*|"
                   r"gis|raster|vector data|shapefiles?|read\w*|writ\w*|import\w*|export\w*|files?|formats?|strings?|"
                   r"dates?|databases?|sql|web|http|api client|interface to|utilit\w*|tools for data|"
                   r"data (?:manipulation|frames?|tables?|cleaning|import|wrangling)|tidy\w*|documents?|reports?|"
                   r"markdown|latex|shiny|gui|parallel|cluster computing|memory|caching|logging|testing framework|data structures?|"
                   r"unit tests?|images? (?:processing|io)|audio)\b", re.I)


# the packages that come with R itself (not on CRAN), with their DESCRIPTION's description
R_ITSELF = {
    "base": "Base R functions.", "compiler": "Byte code compiler for R.", "datasets": "Base R datasets.",
    "graphics": "R functions for base graphics.", "grDevices": "Graphics devices and support for base and grid graphics.",
    "grid": "The grid graphics package.", "methods": "Formal methods and classes for R objects.",
    "parallel": "Support for parallel computation.", "splines": "Regression spline functions and classes.",
    "stats": "R statistical functions.", "stats4": "Statistical functions using S4 classes.",
    "tcltk": "Interface and language bindings to Tcl/Tk GUI elements.",
    "tools": "Tools for package development, administration and documentation.", "utils": "R utility functions.",
}


def category(description: str) -> str:
    return "ml" if ML.search(description) and not OTHER.search(description) else "other"


def main() -> None:
    cran, pypi = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None
    rows = {}
    with open(cran, encoding="utf-8") as lines:
        for row in csv.DictReader(lines, delimiter="\t"):
            rows[row["package"]] = ("R", category(row["title"]))
    rows.update({name: ("R", category(description)) for name, description in R_ITSELF.items()})
    if pypi:
        with open(pypi, encoding="utf-8", errors="replace") as lines:
            for row in csv.DictReader(lines, delimiter="\t"):
                if row.get("rank_among_15000_most_downloaded") and row["name"] not in rows:
                    rows[row["name"]] = ("Python", category(row.get("summary") or ""))
    print("# R and Python packages known by name (scripts/known_packages.py): name, language, category.")
    print("# From CRAN's package list (October 2023), R's own packages and PyPI's 15,000 most downloaded packages.")
    print("# A name here counts only where the text says it is a package: many are English words.")
    for name in sorted(rows, key=str.lower):
        language, kind = rows[name]
        print(f"{name}\t{language}\t{kind}")


if __name__ == "__main__":
    main()
