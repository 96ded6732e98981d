"""Literal strings a regular expression cannot match without.

For a rule such as r"\\b(?:could|might|may)\\s+be\\b" every match contains
"could", "might" or "may" (and "be"). Checking those with `in` is far cheaper
than running the expression, so a sentence that holds none of them is skipped.
The analysis uses the standard library's parser; an expression it cannot read
(or one that can match without any literal) gets no shortcut and always runs.
"""

import re

try:  # the standard library's own regex parser and its node names
    from re import _constants as c  # type: ignore[attr-defined]
    from re import _parser as parser  # type: ignore[attr-defined]
except ImportError:  # Python 3.10
    import sre_constants as c
    import sre_parse as parser

MIN_LENGTH = 2  # a shorter literal skips too little to be worth checking


def _best(options: list[frozenset[str]]) -> frozenset[str] | None:
    """Of several sets each required, the one whose weakest literal is longest."""
    options = [o for o in options if o]
    if not options:
        return None
    return max(options, key=lambda o: (min(map(len, o)), -len(o)))


def _leading(nodes) -> str:
    """The literal text a sequence starts with."""
    text = ""
    for op, arg in nodes:
        if op is not c.LITERAL:
            break
        text += chr(arg).lower()
    return text


def _required(nodes) -> frozenset[str] | None:
    """A set of strings one of which every match of `nodes` (a sequence) contains."""
    options: list[frozenset[str]] = []
    run = ""
    for op, arg in nodes:
        if op is c.LITERAL:
            run += chr(arg).lower()
            continue
        if run and op is c.SUBPATTERN and _is_branch(arg[-1]):
            op, arg = list(arg[-1])[0]
        if run and op is c.BRANCH:
            leads = [_leading(branch) for branch in arg[1]]
            if all(leads):  # "\.(?:org|io)" holds ".org" or ".io"
                options.append(frozenset(run + lead for lead in leads))
        if len(run) >= MIN_LENGTH:
            options.append(frozenset([run]))
        run = ""
        if op is c.SUBPATTERN:
            found = _required(arg[-1])
        elif op is c.BRANCH:
            branches = [_required(branch) for branch in arg[1]]
            found = None if any(b is None for b in branches) else frozenset().union(*(b for b in branches if b))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
            found = _required(arg[2]) if arg[0] >= 1 else None
        elif op is getattr(c, "ATOMIC_GROUP", None):
            found = _required(arg)
        else:
            found = None  # character classes, anchors, look-arounds: nothing literal to require
        if found:
            options.append(found)
    if len(run) >= MIN_LENGTH:
        options.append(frozenset([run]))
    return _best(options)


def _for_the_parser(source: str) -> str:
    """The source as the standard parser reads it: a look-behind (the regex module allows any width)
    becomes a plain group when positive, since its text is in every match's sentence, and goes when
    negative; \\G goes, and \\p{...} becomes \\w."""
    out, i = [], 0
    while i < len(source):
        if source.startswith("(?<=", i) or source.startswith("(?<!", i):
            depth, j = 0, i
            while j < len(source):  # skip to the matching parenthesis
                char = source[j]
                if char == "\\":
                    j += 2
                    continue
                if char == "[":
                    j = _after_class(source, j)
                    continue
                depth += char == "("
                depth -= char == ")"
                j += 1
                if depth == 0:
                    break
            if source.startswith("(?<=", i):
                out.append("(?:" + _for_the_parser(source[i + 4:j - 1]) + ")")
            i = j
            continue
        if source.startswith("\\G", i):
            i += 2
            continue
        if source.startswith("\\p{", i) or source.startswith("\\P{", i):
            out.append("\\w")
            i = source.index("}", i) + 1
            continue
        if source[i] == "\\":
            out.append(source[i:i + 2])
            i += 2
            continue
        if source[i] == "[":
            j = _after_class(source, i)
            out.append(source[i:j])
            i = j
            continue
        out.append(source[i])
        i += 1
    return "".join(out)


def _after_class(source: str, i: int) -> int:
    """The index after the character class opening at i."""
    j = i + 1
    if j < len(source) and source[j] == "^":
        j += 1
    if j < len(source) and source[j] == "]":
        j += 1
    while j < len(source) and source[j] != "]":
        j += 2 if source[j] == "\\" else 1
    return j + 1


def _is_branch(nodes) -> bool:
    nodes = list(nodes)
    return len(nodes) == 1 and nodes[0][0] is c.BRANCH


def required_literals(source: str, flags: int = 0) -> frozenset[str] | None:
    """Lower-case strings one of which every match contains, or None when unknown."""
    try:
        parsed = parser.parse(_for_the_parser(source), flags)
    except (re.error, TypeError, ValueError, RecursionError):
        return None
    found = _required(list(parsed))
    if found and all(len(s) >= MIN_LENGTH for s in found):
        return found
    return None


def may_hold(lowered: str, literals: frozenset[str] | None) -> bool:
    """False when the lower-cased text holds none of a rule's literals: the rule cannot match it."""
    return literals is None or any(map(lowered.__contains__, literals))
