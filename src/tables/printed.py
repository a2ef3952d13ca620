"""Read a printed quantity ("about 13,000-15,000", "one and half million", "-") as numbers.

The validator uses this reading to prove that every transcribed ``value`` is what
its ``printed`` text says; a value that differs must be justified by a row of
``corrections.csv``. The reader is deliberately strict: a thousands separator in
the wrong place ("284,9047") is an error, never a guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from fractions import Fraction

__all__ = [
    "MISSING_MARK",
    "QUALIFIERS",
    "PrintedError",
    "Printing",
    "Reading",
    "matches",
    "printing",
    "read_printed",
]

#: Marks the articles print in an empty table cell. They stay in ``printed``;
#: the reading is missing, never zero.
MISSING_MARK = re.compile(r"^-+$")

#: Hedging words kept as ``qualifier`` (longest first, so "more than" wins over "more").
QUALIFIERS = ("more than", "about", "some", "almost", "nearly", "several", "few", "only")
#: Printed hedges read as one of QUALIFIERS ("exceeded 1,000" says "more than 1,000").
_SYNONYMS = {"exceeded": "more than"}
#: A bare plural scale ("millions of lives") is a vague amount, not a number.
_VAGUE = {"millions", "thousands", "hundreds", "dozens", "billions"}

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {
    "thousand": 10**3,
    "million": 10**6,
    "millions": 10**6,
    "billion": 10**9,
    "billions": 10**9,
}
_FRACTIONS = {
    "half": Fraction(1, 2),
    "third": Fraction(1, 3),
    "quarter": Fraction(1, 4),
    "quarters": Fraction(1, 4),
    "fifth": Fraction(1, 5),
    "sixth": Fraction(1, 6),
}
_SPACE = re.compile(r"\s+")
#: A digit group after a space ("11 942"), as printed where a space separates thousands.
_SPACED_GROUP = re.compile(r"(?<=\d)[ \u00a0\u202f](?=\d{3}(?!\d))")
#: What a separator is called in messages.
_NAMES = {",": "comma", ".": "point", " ": "space", "": "none"}


class PrintedError(ValueError):
    """The printed text cannot be read as a number with certainty."""


@dataclass(frozen=True)
class Printing:
    """How a source prints numbers: its decimal mark and its thousands separator.

    Declared by a package as ``"printing": {"decimalMark": ",", "groupSeparator": " "}``
    in ``datapackage.json``; by default "1,234.5" (English printing).
    """

    decimal: str = "."
    group: str = ","

    @classmethod
    def of(cls, descriptor: dict[str, object]) -> Printing:
        """The package's declared printing; a declaration that cannot be used is an error."""
        declared = descriptor.get("printing") or {}
        if not isinstance(declared, dict):
            raise PrintedError('datapackage.json: "printing" must be an object')
        decimal = str(declared.get("decimalMark", "."))
        group = str(declared.get("groupSeparator", ","))
        if decimal not in (".", ",") or group not in (",", ".", " ", "") or decimal == group:
            raise PrintedError(
                'datapackage.json: "printing" takes a decimalMark of "." or "," and a '
                'groupSeparator of ",", ".", " " or "" that differs from it; got '
                f"{decimal!r} and {group!r}"
            )
        return cls(decimal, group)

    @property
    def declaration(self) -> str:
        return f'"printing": {{"decimalMark": "{self.decimal}", "groupSeparator": "{self.group}"}}'

    def digits(self) -> re.Pattern[str]:
        """A whole printed number: grouped or not, with or without decimals."""
        d, g = re.escape(self.decimal), re.escape(self.group)
        grouped = rf"\d{{1,3}}(?:{g}\d{{3}})+|" if self.group else ""
        return re.compile(rf"^(?:{grouped}\d+)(?:{d}\d+)?$")

    def plain(self, token: str) -> str:
        """A printed number token as Python reads numbers ("11 942,5" -> "11942.5")."""
        return (token.replace(self.group, "") if self.group else token).replace(self.decimal, ".")


_ENGLISH = Printing()
_PRINTING: ContextVar[Printing | None] = ContextVar("printing", default=None)


@contextmanager
def printing(how: Printing) -> Iterator[None]:
    """Read every printed number inside the block as ``how`` prints them (a package's
    declaration): validation, the check and the errata each open one."""
    token = _PRINTING.set(how)
    try:
        yield
    finally:
        _PRINTING.reset(token)


def current_printing() -> Printing:
    """How the package being read prints numbers (English printing outside any package)."""
    return _PRINTING.get() or _ENGLISH


def matches(written: str, reading: float | None) -> bool:
    """Whether a transcribed number ``written`` is the reading of its printed text.

    Exact, except for fractions with no short decimal ("a sixth part"): these may be
    written rounded to four or more decimals (0.1667), never fewer.
    """
    if reading is None:
        return written == ""
    if written == "":
        return False
    try:
        number = float(written)
    except ValueError:
        return False
    if abs(number - reading) <= 1e-9 * max(1.0, abs(reading)):
        return True
    decimals = len(written.partition(".")[2])
    return decimals >= 4 and abs(number - reading) <= 0.5 * 10**-decimals


@dataclass(frozen=True)
class Reading:
    """What a printed quantity says: a value, or a range, or nothing (a missing mark)."""

    value: float | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str | None = None
    percent: bool = False
    missing: bool = False


def read_printed(text: str) -> Reading:
    """Read ``text`` as printed in the article; raise PrintedError when it is not certain."""
    raw = _SPACE.sub(" ", text.strip())
    if current_printing().group == " ":  # "11 942": one token, its groups kept apart
        raw = _SPACED_GROUP.sub("\u2009", raw)
    if not raw:
        raise PrintedError("printed text is empty")
    if MISSING_MARK.match(raw):
        return Reading(missing=True)
    qualifier = None
    lowered = raw.lower()
    for word in (*QUALIFIERS, *_SYNONYMS):
        if lowered.startswith(word + " "):
            qualifier = _SYNONYMS.get(word, word)
            raw = raw[len(word) + 1 :]
            lowered = raw.lower()
            break
    if lowered in _VAGUE:
        return Reading(qualifier=qualifier)
    percent = False
    if raw.endswith("%"):
        percent = True
        raw = raw[:-1].rstrip()
    if qualifier in ("several", "few"):
        # "several thousand", "few dozen": a hedge with no number to read.
        return Reading(qualifier=qualifier, percent=percent)
    if _is_range(raw):
        low_text, high_text = raw.split("-")
        low, high = _number(low_text), _number(high_text)
        return Reading(low=low, high=high, qualifier=qualifier, percent=percent)
    return Reading(value=_number(raw), qualifier=qualifier, percent=percent)


def _loose() -> re.Pattern[str]:
    """Characters that make a token a number to read as digits (or to refuse clearly)."""
    how = current_printing()
    return re.compile(rf"^[\d.,{re.escape(how.group)}\u2009]+$")


def _is_range(raw: str) -> bool:
    parts = raw.split("-")
    return len(parts) == 2 and all(_loose().match(p) for p in parts)


def _number(text: str) -> float:
    text = text.strip()
    words = text.split(" ")
    if _loose().match(words[0]):
        base = _digits(words[0])
        rest = words[1:]
        scale = 1
        for word in rest:
            if word.lower() not in _SCALES:
                advice = ""
                if re.fullmatch(r"\d{1,3}(?: \d{3})+", text):
                    advice = (
                        "; if this source separates thousands with a space, declare "
                        f"{Printing(current_printing().decimal, ' ').declaration} in "
                        "datapackage.json"
                    )
                raise PrintedError(f"cannot read {text!r} as a number{advice}")
            scale *= _SCALES[word.lower()]
        return _plain(base * scale)
    return _plain(_words(text))


def _digits(token: str) -> float:
    how = current_printing()
    shown = token.replace("\u2009", " ")
    token = token.replace("\u2009", how.group) if how.group == " " else token
    if how.digits().match(token):
        return float(how.plain(token))
    other = {".": ",", ",": "."}[how.decimal]
    if how.group and how.group in token:
        advice = ""
        if how.group == other and re.fullmatch(rf"\d+{re.escape(other)}\d{{1,2}}", token):
            advice = (
                f"; if this source prints a decimal {_NAMES[other]}, declare "
                f"{Printing(other, ' ').declaration} in datapackage.json"
            )
        raise PrintedError(
            f"misplaced thousands separator in {shown!r} (digits after the first "
            f"{_NAMES[how.group]} come in groups of three){advice}"
        )
    if other in token:
        raise PrintedError(
            f"cannot read {shown!r} as a number: this package prints {how.declaration}, "
            f"and a {_NAMES[other]} is neither its decimal mark nor its thousands separator"
        )
    raise PrintedError(f"cannot read {shown!r} as a number")


def _words(text: str) -> Fraction:
    """English number words: 'Ninety-two', 'one and half million', 'one-fifth', 'a sixth part'."""
    tokens = [t for t in re.split(r"[\s-]+", text.lower()) if t]
    if tokens and tokens[-1] == "part":  # "a sixth part"
        tokens = tokens[:-1]
    if not tokens:
        raise PrintedError(f"cannot read {text!r} as a number")
    # Fractions: "one-fifth", "a sixth", "three quarters".
    if (tokens[-1] in _FRACTIONS and tokens[-1] != "half") or tokens == ["half"]:
        count = tokens[:-1]
        numerator = 1 if not count or count == ["a"] else _integer_words(count, text)
        return numerator * _FRACTIONS[tokens[-1]]
    total = Fraction(0)
    current = Fraction(0)
    seen = False
    for i, token in enumerate(tokens):
        if token in _UNITS:
            current += _UNITS[token]
        elif token in _TENS:
            current += _TENS[token]
        elif token == "hundred":
            current = (current or 1) * 100
        elif token in _SCALES:
            total += (current or 1) * _SCALES[token]
            current = Fraction(0)
        elif token == "half" and i > 0 and tokens[i - 1] in ("and", "a"):
            # "one and half million", "one and a half": the half joins the count before it.
            current += Fraction(1, 2)
        elif (token in ("and", "a") and "half" in tokens[i + 1 : i + 3]) or token == "and":
            continue
        elif token in ("double", "twice"):
            current += 2
        else:
            raise PrintedError(f"cannot read {text!r} as a number")
        seen = True
    if not seen:
        raise PrintedError(f"cannot read {text!r} as a number")
    return total + current


def _integer_words(tokens: list[str], text: str) -> int:
    value = _words(" ".join(tokens))
    if value.denominator != 1:
        raise PrintedError(f"cannot read {text!r} as a number")
    return int(value)


def _plain(number: float | Fraction) -> float:
    return float(number)
