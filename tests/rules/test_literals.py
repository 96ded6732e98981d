"""The literals a rule's regular expression cannot match without: the shortcut that skips a sentence."""

import pytest

from methodx.rules.literals import may_hold, required_literals


@pytest.mark.parametrize("source, literals", [
    (r"\b(?:could|might|may)\s+be\b", {"could", "might", "may"}),
    (r"(?<=\b(?:instead\s+of|rather\s+than)\b[^,;.]{1,60}),", {"instead", "rather"}),  # a look-behind's text is required
    (r"(?<!\d)GPU", {"gpu"}),                                                           # a negative one is not
    (r"[a-z]+\d", None),
])
def test_required_literals(source, literals):
    found = required_literals(source)
    assert (found if found is None else set(found)) == literals


def test_a_sentence_without_the_literals_is_skipped():
    literals = required_literals(r"(?<=\binstead\s+of\b[^,]{1,60}),")
    assert not may_hold("we used pytorch, and tensorflow.", literals)
    assert may_hold("instead of tensorflow, we used pytorch.", literals)
