"""spaCy token patterns in the rule files: word lists by name.

A cue's token pattern may write "@NAME" for a word list of vocabulary.json, alone
({"LOWER": {"IN": "@USE_VERBS"}}) or inside a list ({"LOWER": {"IN": ["@USE_VERBS", "ran"]}}),
so that a domain expert adds a verb to one list rather than to every rule.
"""

from typing import Any


def _words(value: Any, vocabulary: dict[str, list[str]]) -> Any:
    if isinstance(value, str) and value.startswith("@"):
        if value[1:] not in vocabulary:
            raise KeyError(f"no word list {value[1:]!r} in vocabulary.json")
        return list(vocabulary[value[1:]])
    if isinstance(value, list):
        return [w for v in value for w in (_words(v, vocabulary) if isinstance(v, str) and v.startswith("@") else [v])]
    if isinstance(value, dict):
        return {k: _words(v, vocabulary) for k, v in value.items()}
    return value


def expand_words(words: list[str], vocabulary: dict[str, list[str]]) -> list[str]:
    """A list of words with every '@NAME' replaced by its words, lower-cased; an unknown NAME raises KeyError."""
    return [w.lower() for w in _words(words, vocabulary)]


def expand_vocabulary(pattern: list[dict[str, Any]], vocabulary: dict[str, list[str]]) -> list[dict[str, Any]]:
    """The pattern with every '@NAME' replaced by its words; an unknown NAME raises KeyError."""
    return [_words(token, vocabulary) for token in pattern]
